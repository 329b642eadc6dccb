"""The engine: the document's GAN on a seed axis, with presets, modes, snapshots and failures.

It computes what ``document.GAN`` computes (bit for bit with one seed in graph mode), for many
seeds at once: every weight has a leading seed axis. ``GANEngine`` is what a learner drives: it
draws a run's batches from the seeds (``streams``), owns its own variables (a ``core.Model``)
and runs them through the compiled loops its configuration shares with every engine like it
(a ``core.Core``), then keeps the history, the failures and the results.
"""

import logging
import os

import numpy as np
import tensorflow as tf

from gan_tutorial import checks, streams
from gan_tutorial.core import MODES, Config, core_for, input_std
from gan_tutorial.distributions import DataDistribution, GeneratorDistribution
from gan_tutorial.metrics import score
from gan_tutorial.presets import get_preset
from gan_tutorial.streams import EVAL_SAMPLES, column

# Every configuration compiles its own training loop, on purpose; TensorFlow's Python-side
# warning that "N calls triggered tf.function retracing" is noise here.
logging.getLogger("tensorflow").setLevel(logging.ERROR)


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


class GANEngine:
    """The document's ``GAN(data, gen, num_steps, batch_size, log_every)``, batched, configurable.

    ``seed`` is one int, or a list of ints to train that many independent GANs at once; with a
    list, every result gains a leading seed axis. ``mode`` picks how steps run (by default, the
    environment variable ``GAN_TUTORIAL_MODE``, else graph): ``"graph"`` (a
    plain ``tf.function``: quick to build, and with one seed bit for bit what the
    document's model computes), ``"xla"`` (the loop compiled by XLA: a few seconds to build,
    then three to four times faster per run, for benchmarks and long sweeps) or ``"eager"`` (a
    Python loop). A second engine of the same configuration reuses the first one's compiled
    loops, with its own weights.
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
        config = Config(
            self.preset,
            len(self.seeds),
            self.batch_size,
            self.learning_rate,
            input_std(self.preset, self.gen.range),
            mode,
        )
        # The compiled loops are shared with every engine of this configuration; the variables
        # they update are this engine's own, handed to them on each call.
        self._core = core_for(config)
        self.model = self._core.model_for(self)
        m = self.model
        self.d_pre, self.G, self.D, self.G_average = m.d_pre, m.G, m.D, m.G_average
        self.moments, self.pre_opt, self.opt_d, self.opt_g = m.moments, m.pre_opt, m.opt_d, m.opt_g
        self.snapshots = []
        self._batches = None
        self._eval_noise = {}
        self._last_pretraining = None  # what pretrain() started from and ended with
        self.initialise()

    # ----- one step at a time, on this engine's variables (what the compiled loops repeat) ----

    def loss_d(self, x, z):
        """D's loss per seed on real points ``x`` and noise ``z``, ``(seeds, batch, 1)`` each."""
        return self.model.loss_d(x, z)

    def loss_g(self, z):
        """G's loss per seed on noise ``z``."""
        return self.model.loss_g(z)

    def d_step(self, x, z, noise_real=0.0, noise_fake=0.0):
        """One update of D, with the preset's penalties (``core.Model.discriminator_step``)."""
        return self.model.d_step(x, z, noise_real, noise_fake)

    def g_step(self, z, noise=0.0):
        """One update of G (and of its average, for presets that keep one)."""
        return self.model.g_step(z, noise)

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
            self._batches = streams.draw_batches(
                self.preset,
                self.data,
                self.gen,
                self.seeds,
                self.num_steps,
                self.batch_size,
                self.pretrain_enabled,
            )
        return self._batches

    # ----- the phases -------------------------------------------------------------------------

    def initialise(self):
        """Every network to its seed's initial weights (D_pre, Gen, Disc, in the document's
        order of creation), G started as the preset says, every step counter to zero, and the
        history and failures cleared."""
        self.model.initialise(self.seeds, self.gen.range)
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
        """Train D_pre on its batches, then copy its weights into D.

        Pretraining is deterministic: one that starts from the weights the last one started
        from (``train()`` after a ``pretrain()`` whose D_pre a chapter looked at) gets what that
        one ended with, without running again."""
        variables = self.model.variables
        start = [v.numpy() for v in variables]
        last = self._last_pretraining
        if last is not None and all(map(np.array_equal, start, last["start"])):
            for variable, value in zip(variables, last["end"]):
                variable.assign(value)
            losses = last["losses"]
        else:
            b = self.batches()
            x, labels = column(b["pre_x"]), column(b["pre_labels"])
            losses = self._core.pretrain_loop(self.model, x, labels)
            end = [v.numpy() for v in variables]
            self._last_pretraining = {"start": start, "end": end, "losses": losses}
        self._record("pretrain_loss", losses, strict)
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
        grid (``decision`` on ``grid``): the frames of an animation. Each snapshot also holds
        G's mapping on the same grid taken as noise (``mapping``), a batch's noise points
        without their jitter (``noise``), G's outputs there (``generated``) and the push G's
        loss gives each of them (``push``, ``core.Model.generator_push``), and D's mean
        verdict on ``record_samples`` quantiles of the data (``verdict_real``) and on the
        samples (``verdict_fake``). Arrays gain a leading seed axis with several seeds.
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
        snapshot = None if record_every is None else self._snapshotter(record_samples)
        self.snapshots = [] if snapshot is None else [snapshot(0)]
        d = self.preset.d_steps

        def per_update(key):  # rows of D's updates, (steps, d_steps, seeds, batch, 1)
            return tf.reshape(column(b[key]), [-1, d, *b[key].shape[1:], 1])

        xs, zds, zgs, noises, parts = per_update("x"), per_update("z_d"), column(b["z_g"]), (), []
        if self.preset.instance_noise:
            noises = (per_update("noise_real"), per_update("noise_fake"), column(b["noise_g"]))
        for start in range(0, self.num_steps, chunk):
            stop = min(start + chunk, self.num_steps)
            losses = self._core.train_loop(
                self.model, xs, zds, zgs, noises, tf.constant(start), tf.constant(stop)
            )
            parts.append([loss[start:stop] for loss in losses])
            if snapshot is not None:
                self.snapshots.append(snapshot(stop))
        self._record("loss_d", tf.concat([d for d, _ in parts], 0), strict)
        self._record("loss_g", tf.concat([g for _, g in parts], 0), strict)
        self._history["learning_rate"] = self.opt_g.schedule(np.arange(self.num_steps)).numpy()
        return self.history

    def _snapshotter(self, n):
        """What ``train(record_every=k)`` keeps at a step (see ``train``), as a function of the
        step; the points it looks at are made once for all the snapshots of a run."""
        r = self.gen.range
        grid = np.linspace(-r, r, 200)
        noise = np.linspace(-r, r, self.batch_size)  # a batch's noise points, without jitter
        points = (self._columns(noise), self._columns(grid), self._evaluation_noise(n),
                  self._columns(self.data.quantiles(n)))  # fmt: skip

        def snapshot(step):
            views = self._core.snapshot_views(self.model, *points)
            arrays = {k: self._squeeze(v.numpy()[..., 0] if v.ndim == 3 else v.numpy())
                      for k, v in views.items()}  # fmt: skip
            return {"step": step, "grid": grid, "noise": noise, **arrays}

        return snapshot

    def _columns(self, points):
        """The same points for every seed, ``(seeds, points, 1)``."""
        return tf.constant(np.tile(np.float32(points)[None, :, None], (len(self.seeds), 1, 1)))

    def _record(self, name, losses, strict):
        """Keep ``(steps, seeds)`` losses; note each first non-finite one; raise if strict."""
        losses = self._history[name] = losses.numpy()
        for index in np.flatnonzero(~np.isfinite(losses).all(axis=0)):
            step = int(np.argmax(~np.isfinite(losses[:, index])))
            self.failures.setdefault(
                self.seeds[index], f"{name} became {losses[step, index]} at step {step}"
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
        samples = self.model.generate(self._evaluation_noise(n), self.G_average)
        return self._squeeze(samples.numpy()[..., 0])

    def _evaluation_noise(self, n):
        """The noise of ``n`` samples per seed, the same on every call: drawn once."""
        n = checks.positive_int("n", n)
        if n not in self._eval_noise:
            self._eval_noise[n] = streams.evaluation_noise(self.gen, self.seeds, n)
        return self._eval_noise[n]

    def decision_boundary(self, x):
        """D(x) on the points ``x`` (a 1-D grid), per seed; with minibatch discrimination, in
        consecutive batches of ``batch_size`` points (``core.Model.judged``).
        """
        x = np.asarray(x, np.float32).ravel()
        return self._squeeze(self.model.judged(self._columns(x)).numpy()[..., 0])

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
