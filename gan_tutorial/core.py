"""The engine's computation: one GAN's variables and steps, and its loops, compiled once per
configuration.

A ``Model`` holds every variable of one engine (D_pre, G, D, G's average, the data's running
moments, the optimizers' counters and moments) and the steps that update them: the document's
game on a seed axis, with the preset's changes. A ``Core`` runs the whole of pre-training, and
of training, as one ``tf.function`` each. Compiling is what a learner waits for, so every engine
of one ``Config`` gets the same ``Core`` (``core_for``); its loops take the engine's ``Model`` as
their first argument, so engines share compiled code and never weights.
"""

import dataclasses
import weakref

import numpy as np
import tensorflow as tf

from gan_tutorial import streams
from gan_tutorial.networks import (
    discriminator,
    discriminator_sizes,
    generator,
    generator_sizes,
    glorot_stddevs,
    minibatch_discriminator,
    minibatch_discriminator_shapes,
)
from gan_tutorial.optimizer import Adam, GradientDescent, StaircaseDecay
from gan_tutorial.presets import Preset
from gan_tutorial.pretraining import pretrain_loss
from gan_tutorial.stabilisers import (
    RunningMoments,
    kinks_start,
    mirror_pairs,
    r1_penalty,
    s_curve_start,
    spread_first_layer,
    update_average,
)

#: How a ``Core`` runs its loops: compiled by XLA, as a TensorFlow graph, or step by step.
MODES = ("xla", "graph", "eager")


@dataclasses.dataclass(frozen=True)
class Config:
    """What the compiled loops depend on; engines with equal configurations share them."""

    preset: Preset
    seeds: int  # how many: the length of the seed axis
    batch_size: int
    learning_rate: float
    #: The spread G's first layer is scaled by (``input_std``).
    noise_std: float
    mode: str


def input_std(preset, noise_range):
    """The std of G's noise U(-range, range) for the starts that scale G's first layer by it,
    else 1."""
    if preset.g_start in ("glorot", "mirrored", "s-curve"):
        return float(noise_range / np.sqrt(3.0))
    return 1.0


def _mean(per_point):
    """The mean over the batch, one value per seed."""
    return tf.reduce_mean(per_point, axis=[-2, -1])


# -log D and -log(1 - D) from D's logit a, by the preset's ``logits``: as the document writes
# them with D = sigmoid(a) (False), or as softplus(-a) and softplus(a), the same numbers without
# the log of 0 that a saturated sigmoid gives (True).
LOSSES = {
    False: (lambda a: -tf.math.log(tf.sigmoid(a)), lambda a: -tf.math.log(1 - tf.sigmoid(a))),
    True: (lambda a: tf.nn.softplus(-a), tf.nn.softplus),
}


class Model(tf.Module):
    """One engine's GAN: its variables, and the steps that update them.

    ``Model(config)`` creates the variables. A compiled loop that takes a model as an argument
    sees it as its variables (``__tf_flatten__``, TensorFlow's protocol for custom structures),
    and inside the loop the model is rebuilt around the variables the call was handed
    (``__tf_unflatten__``): the loop updates the weights of the engine that called it.
    """

    def __init__(self, config, variables=None):
        super().__init__(name="GAN")
        supply = None if variables is None else iter(variables)
        created = []

        def create_or_take(next_creator, **kwargs):
            """Create each variable, or take the next of ``variables`` in its place."""
            variable = next_creator(**kwargs) if supply is None else next(supply)
            created.append(variable)
            return variable

        with tf.variable_creator_scope(create_or_take):
            self._build(config)
        self.config, self._in_order = config, tuple(created)
        if variables is not None and len(created) != len(variables):
            raise ValueError(f"variables must hold {len(created)} variables, got {len(variables)}")

    def __tf_flatten__(self):
        return self.config, self._in_order

    @classmethod
    def __tf_unflatten__(cls, config, variables):
        return cls(config, variables)

    def _build(self, config):
        """The networks, the running moments and the optimizers, in a fixed order."""
        p, h, seeds = config.preset, config.preset.mlp_hidden_size, config.seeds
        self.preset, self.noise_std = p, config.noise_std
        if p.g_start in ("glorot", "mirrored"):
            g_scale = glorot_stddevs(generator_sizes(h), config.noise_std)
        else:
            g_scale = p.init_stddev
        if p.minibatch:
            shapes, build_d = minibatch_discriminator_shapes(h), minibatch_discriminator
        else:
            sizes = discriminator_sizes(h)
            shapes, build_d = list(zip(sizes[:-1], sizes[1:])), discriminator
        if p.glorot_d:
            d_scale = [glorot_stddevs(shape)[0] for shape in shapes]
        else:
            d_scale = [p.init_stddev] * len(shapes)
        d_scale[0] *= p.d_first_layer_scale
        self.d_pre = build_d(h, d_scale, seeds, name="D_pre")
        self.G = generator(h, g_scale, seeds, name="Gen")
        self.D = build_d(h, d_scale, seeds, name="Disc")
        self.G_average = generator(h, g_scale, seeds, name="Gen_average") if p.g_average else None
        self.moments = RunningMoments(seeds) if p.standardise else None
        rate = config.learning_rate
        schedule = StaircaseDecay(rate, p.decay_rate, p.decay_steps)
        # D makes d_steps updates per training step; its rate decays on training steps too.
        d_schedule = StaircaseDecay(rate, p.decay_rate, p.decay_steps * p.d_steps)
        g_rate = rate if p.g_learning_rate is None else p.g_learning_rate
        g_schedule = StaircaseDecay(g_rate, p.decay_rate, p.decay_steps)
        self.pre_opt = self._optimizer(schedule, self.d_pre, "pre_opt")
        self.opt_d = self._optimizer(d_schedule, self.D, "opt_d")
        g_rates = None  # one rate for all of G's variables, unless the preset sets multipliers
        if (p.g_weight_rate, p.g_bias_rate) != (1.0, 1.0):
            g_rates = [p.g_weight_rate, p.g_bias_rate] + [1.0] * (len(self.G.weights) - 2)
        self.opt_g = self._optimizer(g_schedule, self.G, "opt_g", g_rates)
        self.real_loss, self.fake_loss = LOSSES[p.logits]

    def _optimizer(self, schedule, network, name, rates=None):
        """Gradient descent or Adam on ``schedule``; ``rates``: one multiplier per variable."""
        p = self.preset
        if p.optimizer == "adam":
            return Adam(schedule, network.weights, p.beta1, p.beta2, rates=rates, name=name)
        return GradientDescent(schedule, rates=rates, name=name)

    def initialise(self, seeds, noise_range):
        """Every network to its seed's initial weights (D_pre, Gen, Disc, in the document's
        order of creation), G started as the preset's ``g_start`` says, and every statistic and
        step counter to zero. ``noise_range``: G's noise covers [-range, range]."""
        p, rngs = self.preset, streams.rngs(seeds, streams.WEIGHTS)
        for network in (self.d_pre, self.G, self.D):
            network.initialise(rngs)
        if p.g_start == "mirrored":
            mirror_pairs(self.G)
        elif p.g_start == "s-curve":
            s_curve_start(self.G, rngs, self.noise_std)
        elif p.g_start == "kinks":
            kinks_start(self.G, streams.rngs(seeds, streams.G_KINKS), noise_range)
        if p.d_first_layer_spread:
            centres = streams.rngs(seeds, streams.D_CENTRES)
            for network in (self.d_pre, self.D):
                spread_first_layer(network, centres, p.d_first_layer_spread)
        if self.G_average is not None:
            self.G_average.copy_from(self.G)
        if self.moments is not None:
            self.moments.reset()
        for opt in (self.pre_opt, self.opt_d, self.opt_g):
            opt.reset()

    # ----- the steps --------------------------------------------------------------------------

    def generate(self, z, G=None):
        """G's samples (``G`` defaults to ``self.G``), in data units."""
        out = (self.G if G is None else G)(z)
        if self.moments is not None:
            mean, std = self.moments()
            out = mean + std * out
        return out

    def _standardised(self, x):
        """Points in data units as D sees them (standardised, for presets that standardise)."""
        if self.moments is None:
            return x
        mean, std = self.moments()
        return (x - mean) / std

    def d_logits(self, x, D=None):
        """D's output before its sigmoid (``D`` defaults to ``self.D``) at points in data units."""
        return (self.D if D is None else D).logits(self._standardised(x))

    def loss_d(self, x, z):
        """``mean(-log D1 - log(1 - D2))`` per seed: D1 = D(x) on real data, D2 = D(G(z))."""
        return _mean(
            self.real_loss(self.d_logits(x)) + self.fake_loss(self.d_logits(self.generate(z)))
        )

    def loss_g(self, z, noise=0.0):
        """``mean(-log D2)`` per seed; ``noise`` is added to D's input (standardised units)."""
        fake = self.D.logits(self._standardised(self.generate(z)) + noise)
        return _mean(self.real_loss(fake))

    def judged(self, x):
        """D's verdicts ``sigmoid(logit)`` at points ``x`` ``(seeds, n, 1)`` in data units.

        With minibatch discrimination D's answer for a point depends on the rest of its batch,
        so the points are judged in consecutive batches of ``batch_size``, as the published code
        draws its decision boundary; the last one is filled up with copies of the last point.
        """
        if not self.preset.minibatch:
            return tf.sigmoid(self.d_logits(x))
        size, n = self.config.batch_size, x.shape[1]
        x = tf.concat([x, tf.repeat(x[:, -1:], -n % size, axis=1)], axis=1)
        parts = [tf.sigmoid(self.d_logits(x[:, i : i + size])) for i in range(0, n, size)]
        return tf.concat(parts, axis=1)[:, :n]

    def views(self, noise, grid, eval_noise, quantiles):
        """What a snapshot of training shows (``GANEngine.train(record_every=k)``), in one call:
        G at a batch's ``noise`` points and along the ``grid`` taken as noise, the push at each
        of those outputs, G's samples of ``eval_noise``, D's verdicts along the ``grid``, and
        D's mean verdict on the data's ``quantiles`` and on the samples. Points are
        ``(seeds, n, 1)``; a ``Core`` compiles this once per configuration."""
        generated = self.generate(noise)
        samples = self.generate(eval_noise, self.G_average)
        return {
            "mapping": self.generate(grid),
            "generated": generated,
            "push": self.generator_push(generated),
            "samples": samples,
            "decision": self.judged(grid),
            "verdict_real": _mean(self.judged(quantiles)),
            "verdict_fake": _mean(self.judged(samples)),
        }

    def generator_push(self, x):
        """``-d(-log D(x))/dx`` at points ``x`` (data units), per point: where, and how hard,
        G's loss moves a generated sample at ``x`` (gradient descent moves it along this).
        ``-log D`` is computed from the logit as ``softplus(-logit)`` (the same numbers)."""
        x = tf.convert_to_tensor(x, tf.float32)
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_sum(tf.nn.softplus(-self.d_logits(x)))
        return -tape.gradient(loss, x)

    def pretrain_step(self, x, labels):
        """One update of D_pre: on its MSE loss against the pdf ``labels`` (the document), or,
        for the warm-up objective, on D's loss with ``labels`` as the noise for G."""
        if self.preset.pretrain_objective != "pdf":
            return self.discriminator_step(self.d_pre, self.pre_opt, x, labels)
        with tf.GradientTape() as tape:
            loss = pretrain_loss(self.d_pre(x), labels)
            total = tf.reduce_sum(loss)  # seeds are independent: each gets its own gradient
        variables = self.d_pre.weights
        self.pre_opt.apply(tape.gradient(total, variables), variables)
        return loss

    def d_step(self, x, z, noise_real=0.0, noise_fake=0.0):
        """One update of D (G held fixed); see ``discriminator_step``."""
        return self.discriminator_step(self.D, self.opt_d, x, z, noise_real, noise_fake)

    def discriminator_step(self, D, opt, x, z, noise_real=0.0, noise_fake=0.0):
        """One update of ``D`` by ``opt`` on ``mean(-log D1 - log(1 - D2))`` plus the preset's
        penalties: R1 at the real points D saw, R2 at the generated ones, in standardised units.

        D sees real data ``x`` and G's samples of ``z``, each with its instance noise added
        (``noise_real``, ``noise_fake``, in standardised units): 0 for presets without it.
        """
        if self.moments is not None:
            self.moments.observe(x)
        real_in = self._standardised(x) + noise_real
        fake_in = self._standardised(self.generate(z)) + noise_fake
        with tf.GradientTape() as tape:
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([real_in, fake_in])
                real, fake = D.logits(real_in), D.logits(fake_in)
            loss_d = _mean(self.real_loss(real) + self.fake_loss(fake))
            total = tf.reduce_sum(loss_d)
            for weight, logit, points in ((self.preset.r1, real, real_in),
                                          (self.preset.r2, fake, fake_in)):  # fmt: skip
                if weight:
                    total += 0.5 * weight * tf.reduce_sum(r1_penalty(inner, logit, points))
        variables = D.weights
        opt.apply(tape.gradient(total, variables), variables)
        return loss_d

    def g_step(self, z, noise=0.0):
        """One update of G on ``loss_g`` (D held fixed); ``noise``: the instance noise D sees
        on G's samples, as in its own updates (0 for presets without it)."""
        with tf.GradientTape() as tape:
            loss_g = self.loss_g(z, noise)
            total = tf.reduce_sum(loss_g)
        variables = self.G.weights
        self.opt_g.apply(tape.gradient(total, variables), variables)
        if self.G_average is not None:
            update_average(self.G_average, self.G, self.preset.g_average)
        return loss_g

    # ----- the loops, which a Core compiles -------------------------------------------------

    def pretrain_steps(self, xs, labels):
        """Every pre-training step, as one graph loop; returns the losses, ``(steps, seeds)``."""

        def step(t, losses):
            return t + 1, losses.write(t, self.pretrain_step(xs[t], labels[t]))

        losses = tf.TensorArray(tf.float32, size=xs.shape[0])
        _, losses = tf.while_loop(lambda t, _: t < xs.shape[0], step, (0, losses))
        return losses.stack()

    def train_steps(self, xs, zds, zgs, noises, start, stop):
        """Training steps ``start`` to ``stop`` (tensors) of the run, as one graph loop: at each,
        ``d_steps`` D updates (``xs`` and ``zds``, the run's batches, have shape ``(steps,
        d_steps, seeds, batch, 1)``), then one G update. ``noises``: the instance noise for D's
        real and generated inputs and for G's step, or nothing. Returns each step's last D loss
        and its G loss, ``(steps, seeds)`` each, zero outside the steps taken: the whole run's
        arrays in every call, so that a run taken in chunks uses the loop compiled for one."""

        def step(t, loss_d, loss_g):
            def d_update(k, _):  # carries the last D loss, reads none
                noise = (noises[0][t, k], noises[1][t, k]) if noises else ()
                return k + 1, self.d_step(xs[t, k], zds[t, k], *noise)

            # D's updates in a loop of their own: traced once, not d_steps times
            _, last = tf.while_loop(
                lambda k, _: k < xs.shape[1], d_update, (0, tf.zeros(xs.shape[2]))
            )
            loss_d = loss_d.write(t, last)
            g_noise = (noises[2][t],) if noises else ()
            return t + 1, loss_d, loss_g.write(t, self.g_step(zgs[t], *g_noise))

        losses = [
            tf.TensorArray(tf.float32, size=xs.shape[0], element_shape=xs.shape[2:3])
            for _ in range(2)
        ]
        _, loss_d, loss_g = tf.while_loop(lambda t, *_: t < stop, step, (start, *losses))
        return loss_d.stack(), loss_g.stack()


class Core:
    """The compiled loops of one configuration: ``pretrain_loop(model, xs, labels)`` and
    ``train_loop(model, xs, zds, zgs, noises, start, stop)``, each ``Model``'s method of that
    name compiled as the configuration's mode says, and ``snapshot_views(model, ...)``
    (``Model.views``). Each call runs on the variables of the model it is given.

    ``model_for(engine)`` gives each engine a model of its own. Creating one costs as much as a
    fifth of a short run, so the model of an engine that has been garbage-collected is kept and
    handed to the next engine of this configuration (which initialises every variable of it).
    """

    def __init__(self, config):
        self.config = config
        self._spare_models = []
        if config.mode == "eager":
            self.pretrain_loop, self.train_loop = Model.pretrain_steps, Model.train_steps
        else:
            # AutoGraph is not needed (the loops are written with tf.while_loop), and converting
            # every step function with it costs more than a second of tracing.
            compile_loop = lambda loop: tf.function(  # noqa: E731
                loop, jit_compile=config.mode == "xla", autograph=False
            )
            self.pretrain_loop = compile_loop(Model.pretrain_steps)
            self.train_loop = compile_loop(Model.train_steps)
        # A snapshot is a few network calls: as a graph, a third of their time step by step.
        self.snapshot_views = (
            Model.views if config.mode == "eager" else tf.function(Model.views, autograph=False)
        )

    def model_for(self, owner):
        """A ``Model`` that belongs to ``owner`` alone until ``owner`` is garbage-collected: a
        spare one if there is one, else a new one. Its values are whatever the last owner left:
        the owner initialises them."""
        model = self._spare_models.pop() if self._spare_models else Model(self.config)
        weakref.finalize(owner, self._spare_models.append, model)
        return model


_CORES = {}  # Config -> Core: what has been compiled in this process
_MAX_CORES = 32


def core_for(config):
    """The ``Core`` of ``config``, built (and compiled on its first call) once per process."""
    if config not in _CORES:
        if len(_CORES) >= _MAX_CORES:  # engines keep their own core alive; the cache forgets it
            _CORES.pop(next(iter(_CORES)))
        _CORES[config] = Core(config)
    return _CORES[config]
