"""The engine: the document's GAN on a seed axis, with presets, modes, snapshots and failures.

It computes what ``document.GAN`` computes (bit for bit with one seed in graph mode), for many
seeds at once: every weight has a leading seed axis. A whole phase (pre-training, or all training
steps) runs as one compiled ``tf.function``; batches are drawn up front from the seeds, so each
run is reproducible and the same batches can be fed to the document's own graph.

Compiling is what a learner waits for, so it happens once per configuration: engines with the
same preset, seed count, batch size and mode share one ``_Core`` (networks, optimizers and
compiled loops), and each engine keeps its own weights while another one uses the core.
"""

import logging
import os
import weakref

import numpy as np
import tensorflow as tf

from gan_tutorial import checks
from gan_tutorial.distributions import DataDistribution, GeneratorDistribution
from gan_tutorial.metrics import score
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
from gan_tutorial.presets import get_preset
from gan_tutorial.pretraining import pretrain_batches, pretrain_loss
from gan_tutorial.stabilisers import (
    RunningMoments,
    kinks_start,
    mirror_pairs,
    r1_penalty,
    s_curve_start,
    spread_first_layer,
    update_average,
)

# Every engine compiles its own training loop, on purpose; TensorFlow's Python-side warning that
# "N calls triggered tf.function retracing" is noise here.
logging.getLogger("tensorflow").setLevel(logging.ERROR)

MODES = ("xla", "graph", "eager")
EVAL_SAMPLES = 10_000


def _mean(per_point):
    """The mean over the batch, one value per seed."""
    return tf.reduce_mean(per_point, axis=[-2, -1])


class TrainingDiverged(FloatingPointError):
    """A loss became NaN or infinite; results past that step would be meaningless."""


def _seed_list(seed):
    """``seed`` may be one int or a sequence of ints (independent GANs along the seed axis)."""
    if np.ndim(seed) == 0:
        return [checks.seed(seed)]
    seeds = [checks.seed(s) for s in seed]
    if not seeds:
        raise ValueError("seed must name at least one seed, got an empty sequence")
    return seeds


def _column(batches):
    """``(steps, seeds, batch)`` numbers as the ``(steps, seeds, batch, 1)`` floats D and G take."""
    return tf.constant(np.asarray(batches, np.float32)[..., None])


class _Core(tf.Module):
    """Networks, optimizers and compiled loops of one configuration, shared by its engines.

    Its variables hold the weights of one engine at a time, ``owner``; ``GANEngine`` saves and
    restores them when another engine of the same configuration takes its turn.
    """

    def __init__(self, preset, seeds, learning_rate, noise_std, mode):
        super().__init__(name="GAN")
        p, h = preset, preset.mlp_hidden_size
        self.preset, self.noise_std, self.owner = p, noise_std, None
        g_scale = glorot_stddevs(generator_sizes(h), noise_std) if p.glorot_g else p.init_stddev
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
        schedule = StaircaseDecay(learning_rate, p.decay_rate, p.decay_steps)
        # D makes d_steps updates per training step; its rate decays on training steps too.
        d_schedule = StaircaseDecay(learning_rate, p.decay_rate, p.decay_steps * p.d_steps)
        g_rate = learning_rate if p.g_learning_rate is None else p.g_learning_rate
        g_schedule = StaircaseDecay(g_rate, p.decay_rate, p.decay_steps)
        self.pre_opt = self._optimizer(schedule, self.d_pre, "pre_opt")
        self.opt_d = self._optimizer(d_schedule, self.D, "opt_d")
        g_rates = None  # one rate for all of G's variables, unless the preset sets multipliers
        if (p.g_weight_rate, p.g_bias_rate) != (1.0, 1.0):
            g_rates = [p.g_weight_rate, p.g_bias_rate] + [1.0] * (len(self.G.weights) - 2)
        self.opt_g = self._optimizer(g_schedule, self.G, "opt_g", g_rates)
        # AutoGraph is not needed (the loops are written with tf.while_loop), and converting
        # every step function with it costs more than a second of tracing.
        compile_loop = (
            (lambda loop: loop)
            if mode == "eager"
            else (lambda loop: tf.function(loop, jit_compile=mode == "xla", autograph=False))
        )  # fmt: skip
        self.pretrain_loop = compile_loop(self._pretrain_steps)
        self.train_loop = compile_loop(self._train_steps)

    def _optimizer(self, schedule, network, name, rates=None):
        """Gradient descent or Adam on ``schedule``; ``rates``: one multiplier per variable."""
        p = self.preset
        if p.optimizer == "adam":
            return Adam(schedule, network.weights, p.beta1, p.beta2, rates=rates, name=name)
        return GradientDescent(schedule, rates=rates, name=name)

    # ----- the steps --------------------------------------------------------------------------

    def generate(self, z, G=None):
        """G's samples (``G`` defaults to ``self.G``), in data units."""
        out = (G or self.G)(z)
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
        return (D or self.D).logits(self._standardised(x))

    def loss_d(self, x, z, D=None):
        """``mean(-log D1 - log(1 - D2))`` per seed: D1 = D(x) on real data, D2 = D(G(z)).

        Presets with ``logits`` compute the same loss from D's logit l, as ``softplus(-l)`` for
        ``-log sigmoid(l)``, which never takes the log of 0.
        """
        if self.preset.logits:
            real, fake = self.d_logits(x, D), self.d_logits(self.generate(z), D)
            return _mean(self._real_loss(real) + self._fake_loss(fake))
        D = D or self.D
        D1, D2 = D(self._standardised(x)), D(self._standardised(self.generate(z)))
        return _mean(-tf.math.log(D1) - tf.math.log(1 - D2))

    def loss_g(self, z):
        """``mean(-log D2)`` per seed (from D's logit for presets with ``logits``)."""
        if self.preset.logits:
            return _mean(self._real_loss(self.d_logits(self.generate(z))))
        return _mean(-tf.math.log(self.D(self._standardised(self.generate(z)))))

    def pretrain_step(self, x, labels):
        """One update of D_pre: on its MSE loss against the pdf ``labels`` (the document), or,
        for the warm-up objective, on D's loss with ``labels`` as the noise for G."""
        if self.preset.pretrain_objective != "pdf":
            return self._discriminator_step(self.d_pre, self.pre_opt, x, labels)
        with tf.GradientTape() as tape:
            loss = pretrain_loss(self.d_pre(x), labels)
            total = tf.reduce_sum(loss)  # seeds are independent: each gets its own gradient
        variables = self.d_pre.weights
        self.pre_opt.apply(tape.gradient(total, variables), variables)
        return loss

    def d_step(self, x, z, noise_real=None, noise_fake=None):
        """One update of D on ``loss_d`` (G held fixed); the noise, for presets with instance
        noise, is added to D's inputs (standardised units)."""
        return self._discriminator_step(self.D, self.opt_d, x, z, noise_real, noise_fake)

    def _discriminator_step(self, D, opt, x, z, noise_real=None, noise_fake=None):
        if noise_real is None:
            return self._plain_discriminator_step(D, opt, x, z)
        if self.moments is not None:
            self.moments.observe(x)
        real_in = self._standardised(x) + noise_real
        fake_in = self._standardised(self.generate(z)) + noise_fake
        with tf.GradientTape() as tape:
            with tf.GradientTape(persistent=True) as inner:
                inner.watch([real_in, fake_in])
                real, fake = D.logits(real_in), D.logits(fake_in)
            loss_d = _mean(self._real_loss(real) + self._fake_loss(fake))
            total = tf.reduce_sum(loss_d)
            # R1 at the real points D saw, R2 at the generated ones, in standardised units
            for weight, logit, point in (
                (self.preset.r1, real, real_in),
                (self.preset.r2, fake, fake_in),
            ):
                if weight:
                    slope = _mean(tf.square(inner.gradient(logit, point)))
                    total += 0.5 * weight * tf.reduce_sum(slope)
        variables = D.weights
        opt.apply(tape.gradient(total, variables), variables)
        return loss_d

    def _real_loss(self, logit):
        """``-log D`` from D's logit: ``softplus(-logit)`` with ``logits``, else as written."""
        if self.preset.logits:
            return tf.nn.softplus(-logit)
        return -tf.math.log(tf.sigmoid(logit))

    def _fake_loss(self, logit):
        """``-log(1 - D)`` from D's logit: ``softplus(logit)`` with ``logits``, else as written."""
        if self.preset.logits:
            return tf.nn.softplus(logit)
        return -tf.math.log(1 - tf.sigmoid(logit))

    def _plain_discriminator_step(self, D, opt, x, z):
        if self.moments is not None:
            self.moments.observe(x)
        with tf.GradientTape() as tape:
            loss_d = self.loss_d(x, z, D)
            total = tf.reduce_sum(loss_d)
            # R1 at the real points, R2 at G's samples (generated again only if R2 is on)
            penalised = [(self.preset.r1, x)]
            if self.preset.r2:
                penalised.append((self.preset.r2, self.generate(z)))
            for weight, points in penalised:
                if weight:
                    slope = r1_penalty(lambda p: self.d_logits(p, D), points)
                    if self.moments is not None:  # the slope in standardised units
                        slope *= tf.square(self.moments()[1][..., 0, 0])
                    total += 0.5 * weight * tf.reduce_sum(slope)
        variables = D.weights
        opt.apply(tape.gradient(total, variables), variables)
        return loss_d

    def g_step(self, z, noise=None):
        """One update of G on ``loss_g`` (D held fixed); with instance noise, D sees G's samples
        with ``noise`` added, as in its own updates."""
        with tf.GradientTape() as tape:
            if noise is None:
                loss_g = self.loss_g(z)
            else:
                fake = self.D.logits(self._standardised(self.generate(z)) + noise)
                loss_g = _mean(self._real_loss(fake))
            total = tf.reduce_sum(loss_g)
        variables = self.G.weights
        self.opt_g.apply(tape.gradient(total, variables), variables)
        if self.G_average is not None:
            update_average(self.G_average, self.G, self.preset.g_average)
        return loss_g

    def _pretrain_steps(self, xs, labels):
        """Every pre-training step, as one graph loop; returns the losses, ``(steps, seeds)``."""

        def step(t, losses):
            return t + 1, losses.write(t, self.pretrain_step(xs[t], labels[t]))

        losses = tf.TensorArray(tf.float32, size=xs.shape[0])
        _, losses = tf.while_loop(lambda t, _: t < xs.shape[0], step, (0, losses))
        return losses.stack()

    def _train_steps(self, xs, zds, zgs, noises=()):
        """Every training step, as one graph loop: ``d_steps`` D updates (``xs`` and ``zds``
        have shape ``(steps, d_steps, seeds, batch, 1)``), then one G update. ``noises``: the
        instance noise for D's real and generated inputs and for G's step, or nothing.
        Records each step's last D loss and its G loss."""

        def step(t, loss_d, loss_g):
            for k in range(self.preset.d_steps):
                noise = (noises[0][t, k], noises[1][t, k]) if noises else (None, None)
                last = self.d_step(xs[t, k], zds[t, k], *noise)
            loss_d = loss_d.write(t, last)
            g_noise = noises[2][t] if noises else None
            return t + 1, loss_d, loss_g.write(t, self.g_step(zgs[t], g_noise))

        losses = [tf.TensorArray(tf.float32, size=xs.shape[0]) for _ in range(2)]
        _, loss_d, loss_g = tf.while_loop(lambda t, *_: t < xs.shape[0], step, (0, *losses))
        return loss_d.stack(), loss_g.stack()

    def save(self):
        """Every variable's value (weights, statistics, optimizer state), in a fixed order."""
        return [v.numpy() for v in self.variables]

    def load(self, values):
        for variable, value in zip(self.variables, values, strict=True):
            variable.assign(value)


_CORE_ATTRIBUTES = frozenset(
    ("d_pre", "G", "D", "G_average", "moments", "pre_opt", "opt_d", "opt_g", "generate")
    + ("d_logits", "loss_d", "loss_g", "pretrain_step", "d_step", "g_step")
)
_CORES = {}  # configuration -> _Core: what has been compiled in this process
_MAX_CORES = 32


def _core_for(preset, seeds, batch_size, learning_rate, noise_std, mode):
    """The shared ``_Core`` of a configuration, built (and later compiled) on first use."""
    key = (preset, seeds, batch_size, learning_rate, noise_std, mode)
    if key not in _CORES:
        if len(_CORES) >= _MAX_CORES:  # engines keep their own core alive; the cache forgets it
            _CORES.pop(next(iter(_CORES)))
        _CORES[key] = _Core(preset, seeds, learning_rate, noise_std, mode)
    return _CORES[key]


class GANEngine:
    """The document's ``GAN(data, gen, num_steps, batch_size, log_every)``, batched, configurable.

    ``seed`` is one int, or a list of ints to train that many independent GANs at once; with a
    list, every result gains a leading seed axis. ``mode`` picks how steps run (by default, the
    environment variable ``GAN_TUTORIAL_MODE``, else graph): ``"graph"`` (a
    plain ``tf.function``: quick to build, and with one seed bit for bit what the
    document's model computes), ``"xla"`` (the loop compiled by XLA: a few seconds to build,
    then three to four times faster per run, for benchmarks and long sweeps) or ``"eager"`` (a
    Python loop). A second engine of the same configuration reuses the first one's loops.
    """

    def __init__(
        self,
        data=None,
        gen=None,
        num_steps=1200,
        batch_size=12,
        log_every=10,
        *,
        preset="original",
        learning_rate=None,
        pretrain=True,
        seed=0,
        mode=None,
        log=print,
    ):
        self.data = data if data is not None else DataDistribution()
        self.gen = gen if gen is not None else GeneratorDistribution(range=8)
        self.num_steps = checks.positive_int("num_steps", num_steps)
        self.batch_size = checks.positive_int("batch_size", batch_size, minimum=2)
        self.log_every = checks.positive_int("log_every", log_every)
        self.preset = get_preset(preset)
        self.pretrain_enabled = bool(pretrain) and self.preset.pretrains
        mode = os.environ.get("GAN_TUTORIAL_MODE", "graph") if mode is None else mode
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.mode, self.log = mode, log
        self.single = np.ndim(seed) == 0
        self.seeds = _seed_list(seed)
        self.mlp_hidden_size = self.preset.mlp_hidden_size
        rate = self.preset.learning_rate if learning_rate is None else learning_rate
        self.learning_rate = checks.positive_float("learning_rate", rate)
        self._core = _core_for(
            self.preset,
            len(self.seeds),
            self.batch_size,
            self.learning_rate,
            self._noise_std(),
            mode,
        )
        self._state = None  # this engine's variables while another engine uses the core
        self._history = {}
        self.failures = {}
        self.snapshots = []
        self._batches = None
        self._eval_noise = {}

    def _noise_std(self):
        """The spread G's first layer is scaled by: the std of U(-range, range), or 1."""
        if self.preset.scale_g_input or self.preset.s_curve_g:
            return float(self.gen.range / np.sqrt(3.0))
        return 1.0

    def _claim(self):
        """Make the shared core hold this engine's variables (saving its last owner's)."""
        core = self._core
        owner = core.owner() if core.owner is not None else None
        if owner is self:
            return
        if owner is not None:
            owner._state = core.save()
        core.owner = weakref.ref(self)
        if self._state is None:
            self.initialise()
        else:
            core.load(self._state)
            self._state = None

    # The networks, optimizers and steps live in the shared core; each use claims it first.

    def __getattr__(self, name):
        if name in _CORE_ATTRIBUTES:
            self._claim()
            return getattr(self._core, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ----- random streams -------------------------------------------------------------------

    def _rngs(self, stream):
        """One generator per seed for ``stream``: 0 initial weights, 1 pre-training, 2 training,
        3 evaluation, 4 G's kinks, 5 instance noise, 6 D's first-layer centres."""
        return [
            np.random.default_rng(np.random.SeedSequence(s).spawn(7)[stream]) for s in self.seeds
        ]

    def batches(self):
        """Every batch the run will use, drawn from the seeds: the same arrays on every call.

        ``pre_x``/``pre_labels`` have shape ``(pretrain_steps, seeds, batch)`` (for the warm-up
        objective, ``pre_labels`` holds the noise G turns into D_pre's fakes); ``x`` (real data
        for D's updates) and ``z_d`` (noise for them) have shape ``(num_steps * d_steps, seeds,
        batch)``, one row per D update in order; ``z_g`` (noise for G's update) has shape
        ``(num_steps, seeds, batch)``. Presets with instance noise add ``noise_real`` and
        ``noise_fake`` (like ``x``) and ``noise_g`` (like ``z_g``), already scaled step by step.
        """
        if self._batches is None:
            p, steps, size = self.preset, self.num_steps, self.batch_size
            d_rows = steps * p.d_steps
            noise = self.gen.stratified if p.noise == "stratified" else self.gen.sample
            parts = {}
            if self.pretrain_enabled:
                pre = [self._pretrain_batches(r) for r in self._rngs(1)]
                parts["pre_x"], parts["pre_labels"] = zip(*pre)
            train = [
                (
                    self.data.sample((d_rows, size), r),
                    noise((d_rows, size), r),
                    noise((steps, size), r),
                )
                for r in self._rngs(2)
            ]
            parts["x"], parts["z_d"], parts["z_g"] = zip(*train)
            if p.instance_noise:
                fading = p.instance_noise * np.maximum(
                    0.0, 1.0 - np.arange(steps) / (p.instance_anneal * steps)
                )
                draws = [
                    (r.standard_normal((d_rows, size)), r.standard_normal((d_rows, size)),
                     r.standard_normal((steps, size)))
                    for r in self._rngs(5)
                ]  # fmt: skip
                per_d_row = np.repeat(fading, p.d_steps)[:, None]
                parts["noise_real"] = [real * per_d_row for real, _, _ in draws]
                parts["noise_fake"] = [fake * per_d_row for _, fake, _ in draws]
                parts["noise_g"] = [g * fading[:, None] for _, _, g in draws]
            # (steps, seeds, batch)
            self._batches = {k: np.stack(v, axis=1) for k, v in parts.items()}
        return self._batches

    def _pretrain_batches(self, rng):
        steps, size = self.preset.pretrain_steps, self.batch_size
        if self.preset.pretrain_objective == "pdf":
            return pretrain_batches(self.data, steps, size, rng)
        return self.data.sample((steps, size), rng), self.gen.sample((steps, size), rng)

    # ----- the phases -------------------------------------------------------------------------

    def initialise(self):
        """Every network to its seed's initial weights (D_pre, Gen, Disc, in the document's
        order of creation) and every step counter to zero."""
        core = self._core
        owner = core.owner() if core.owner is not None else None
        if owner is not None and owner is not self:
            owner._state = core.save()
        core.owner, self._state = weakref.ref(self), None
        rngs = self._rngs(0)
        for network in (self.d_pre, self.G, self.D):
            network.initialise(rngs)
        if self.preset.mirrored_g:
            mirror_pairs(self.G)
        if self.preset.s_curve_g:
            s_curve_start(self.G, rngs, core.noise_std)
        if self.preset.kinks_g:
            kinks_start(self.G, self._rngs(4), self.gen.range)
        if self.preset.d_first_layer_spread:
            centres = self._rngs(6)
            for network in (self.d_pre, self.D):
                spread_first_layer(network, centres, self.preset.d_first_layer_spread)
        if self.G_average is not None:
            self.G_average.copy_from(self.G)
        if self.moments is not None:
            self.moments.reset()
        for opt in (self.pre_opt, self.opt_d, self.opt_g):
            opt.reset()
        self._history = {}
        self.failures = {}

    @property
    def history(self):
        """The per-step records ``pretrain_loss``, ``loss_d``, ``loss_g`` (shape ``(steps,)``, or
        ``(steps, seeds)`` for several seeds) and ``learning_rate``."""
        return {
            k: v if v.ndim == 1 or not self.single else v[:, 0] for k, v in self._history.items()
        }

    def pretrain(self, strict=True):
        """Train D_pre on its batches, then copy its weights into D."""
        b = self.batches()
        self._claim()
        self._record(
            "pretrain_loss",
            self._core.pretrain_loop(_column(b["pre_x"]), _column(b["pre_labels"])),
            strict,
        )
        self.D.copy_from(self.d_pre)
        return self.history["pretrain_loss"]

    def train(self, record_every=None, record_samples=1000, strict=True):
        """The document's ``model.train()``, always from the seed's initial weights.

        Returns the history: ``loss_d``, ``loss_g`` and ``learning_rate`` per step (plus
        ``pretrain_loss`` when D_pre is used). A loss that is not finite raises
        ``TrainingDiverged`` naming the step; with ``strict=False`` (seed sweeps) the failing
        seeds are only listed in ``self.failures`` and the others keep their results. With
        ``record_every=k`` the steps run in chunks of ``k`` and ``self.snapshots`` keeps, before
        the first step and after each chunk, G's samples (``record_samples`` of them) and D on a
        grid: the frames of an animation.
        """
        self.initialise()
        if self.pretrain_enabled:
            self.pretrain(strict)
        self.run_training_steps(record_every, record_samples, strict)
        self._log()
        return self.history

    def run_training_steps(self, record_every=None, record_samples=1000, strict=True):
        """Every training step from the current weights (``train`` without its set-up)."""
        b = self.batches()
        chunk = (
            self.num_steps
            if record_every is None
            else checks.positive_int("record_every", record_every)
        )
        self.snapshots = [] if record_every is None else [self._snapshot(0, record_samples)]
        parts, d = [], self.preset.d_steps
        for start in range(0, self.num_steps, chunk):
            steps, rows = slice(start, start + chunk), slice(start * d, (start + chunk) * d)
            self._claim()  # cheap when this engine holds the core already
            per_d = [_column(b[k][rows]) for k in ("x", "z_d")]
            xs, zds = (tf.reshape(a, [-1, d, *a.shape[1:]]) for a in per_d)
            noises = ()
            if self.preset.instance_noise:
                real, fake = (_column(b[k][rows]) for k in ("noise_real", "noise_fake"))
                noises = (*(tf.reshape(a, [-1, d, *a.shape[1:]]) for a in (real, fake)),)
                noises += (_column(b["noise_g"][steps]),)
            parts.append(self._core.train_loop(xs, zds, _column(b["z_g"][steps]), noises))
            if record_every is not None:
                self.snapshots.append(
                    self._snapshot(min(start + chunk, self.num_steps), record_samples)
                )
        self._record("loss_d", tf.concat([d for d, _ in parts], 0), strict)
        self._record("loss_g", tf.concat([g for _, g in parts], 0), strict)
        self._history["learning_rate"] = self.opt_g.schedule(np.arange(self.num_steps)).numpy()
        return self.history

    def _snapshot(self, step, n):
        grid = np.linspace(-self.gen.range, self.gen.range, 200)
        return {
            "step": step,
            "samples": self.sample(n),
            "grid": grid,
            "decision": self.decision_boundary(grid),
        }

    def _record(self, name, losses, strict):
        """Keep ``(steps, seeds)`` losses; note each first non-finite one; raise if strict."""
        losses = self._history[name] = losses.numpy()
        for column in np.flatnonzero(~np.isfinite(losses).all(axis=0)):
            step = int(np.argmax(~np.isfinite(losses[:, column])))
            self.failures.setdefault(
                self.seeds[column], f"{name} became {losses[step, column]} at step {step}"
            )
        if strict and self.failures:
            seed, message = next(iter(self.failures.items()))
            raise TrainingDiverged(message if self.single else f"{message} (seed {seed})")

    def _log(self):
        """The document's ``'{}: {}\\t{}'.format(step, loss_d, loss_g)`` every ``log_every``."""
        if self.log is None:
            return
        for step in range(0, self.num_steps, self.log_every):
            d, g = self._history["loss_d"][step], self._history["loss_g"][step]
            if self.single:
                self.log(f"{step}: {d[0]:.4f}\t{g[0]:.4f}")
            else:
                self.log(
                    f"{step}: mean over {len(self.seeds)} seeds {d.mean():.4f}\t{g.mean():.4f}"
                )

    # ----- results ----------------------------------------------------------------------------

    def _squeeze(self, array):
        return array[0] if self.single else array

    def sample(self, n=EVAL_SAMPLES):
        """G applied to ``GeneratorDistribution(range).sample(n)``; the noise comes from the seed.

        Presets with ``g_average`` sample from G's running average, not its last iterate.
        """
        n = checks.positive_int("n", n)
        if n not in self._eval_noise:  # the same noise on every call: drawn once
            z = np.stack([self.gen.sample(n, r) for r in self._rngs(3)])
            self._eval_noise[n] = tf.constant(z[..., None], tf.float32)
        return self._squeeze(self.generate(self._eval_noise[n], self.G_average).numpy()[..., 0])

    def decision_boundary(self, x):
        """D(x) on the points ``x`` (a 1-D grid), per seed.

        With minibatch discrimination D's answer for a point depends on the rest of its batch,
        so the grid is judged in consecutive batches of ``batch_size`` points, as the published
        code draws its decision boundary.
        """
        x = np.asarray(x, np.float32).ravel()
        size = self.batch_size if self.preset.minibatch else x.size
        padded = np.concatenate([x, np.full(-x.size % size, x[-1], np.float32)])
        parts = []
        for start in range(0, padded.size, size):
            grid = np.repeat(padded[None, start : start + size, None], len(self.seeds), axis=0)
            parts.append(tf.sigmoid(self.d_logits(tf.constant(grid))).numpy()[..., 0])
        return self._squeeze(np.concatenate(parts, axis=1)[:, : x.size])

    def summary(self):
        """Mean, std, ``w1``, ``converged`` (and, for two-humped targets, each hump's share of
        the samples) and the last losses: one dict per seed (or one dict).

        A seed whose training failed, or whose samples are not finite, has ``None`` for its
        numbers and a ``failure`` message.
        """
        samples = np.atleast_2d(self.sample())
        rows = []
        for i, seed in enumerate(self.seeds):
            failure = self.failures.get(seed)
            if failure is None and not np.all(np.isfinite(samples[i])):
                failure = "G's samples are not finite numbers"
            result = None if failure else score(samples[i], self.data)
            last = {
                k: None if failure or k not in self._history else float(self._history[k][-1, i])
                for k in ("loss_d", "loss_g")
            }
            rows.append(
                {
                    "seed": seed,
                    "mean": None if failure else float(samples[i].mean()),
                    "std": None if failure else float(samples[i].std()),
                    "w1": None if failure else result["w1"],
                    "shares": None if failure else result["shares"],
                    "converged": bool(result and result["converged"]),
                    **last,
                    "failure": failure,
                }
            )
        return rows[0] if self.single else rows
