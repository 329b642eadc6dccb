"""The engine's random streams: every number a run draws comes from its seeds.

Each seed spawns independent streams (numpy's ``SeedSequence``), one per purpose, so adding a
purpose never changes what another one draws. A run's batches are drawn up front from them, so
every run is reproducible and the same batches can be fed to the document's own graph.
"""

import numpy as np
import tensorflow as tf

from gan_tutorial.pretraining import pretrain_batches

#: The stream of each purpose, by its index among a seed's spawned children.
WEIGHTS = 0  # every network's initial weights (and G's S-curve start)
PRETRAINING = 1  # D_pre's points and labels
TRAINING = 2  # real data and noise for D's and G's updates
EVALUATION = 3  # the noise G's samples are drawn from after training
G_KINKS = 4  # the slopes of G's kinks start
INSTANCE_NOISE = 5  # the noise added to D's inputs
D_CENTRES = 6  # where D's first-layer units are centred
#: How many children each seed spawns.
STREAMS = 7

#: How many samples ``GANEngine.sample`` and the summary's scores use.
EVAL_SAMPLES = 10_000


def rngs(seeds, stream):
    """One ``numpy.random.Generator`` per seed for ``stream`` (``WEIGHTS``, ``TRAINING``, ...)."""
    return [np.random.default_rng(np.random.SeedSequence(s).spawn(STREAMS)[stream]) for s in seeds]


def column(batches):
    """Numbers as float32 columns, shape ``(..., batch, 1)``: what a ``(batch, 1)`` placeholder
    held in the document."""
    return tf.constant(np.asarray(batches, np.float32)[..., None])


def draw_batches(preset, data, gen, seeds, num_steps, batch_size, pretrain):
    """Every batch of a run, as ``GANEngine.batches`` describes them, each ``(rows, seeds,
    batch)``: D_pre's (when ``pretrain``), D's and G's, and the preset's instance noise."""
    p, steps, size = preset, num_steps, batch_size
    d_rows = steps * p.d_steps
    noise = gen.stratified if p.noise == "stratified" else gen.sample
    parts = {}
    if pretrain:
        pre = [_pretrain_batches(p, data, gen, size, r) for r in rngs(seeds, PRETRAINING)]
        parts["pre_x"], parts["pre_labels"] = zip(*pre)
    train = [
        (data.sample((d_rows, size), r), noise((d_rows, size), r), noise((steps, size), r))
        for r in rngs(seeds, TRAINING)
    ]
    parts["x"], parts["z_d"], parts["z_g"] = zip(*train)
    if p.instance_noise:
        fading = p.instance_noise * np.maximum(
            0.0, 1.0 - np.arange(steps) / (p.instance_anneal * steps)
        )
        draws = [
            (r.standard_normal((d_rows, size)), r.standard_normal((d_rows, size)),
             r.standard_normal((steps, size)))
            for r in rngs(seeds, INSTANCE_NOISE)
        ]  # fmt: skip
        per_d_row = np.repeat(fading, p.d_steps)[:, None]
        parts["noise_real"] = [real * per_d_row for real, _, _ in draws]
        parts["noise_fake"] = [fake * per_d_row for _, fake, _ in draws]
        parts["noise_g"] = [g * fading[:, None] for _, _, g in draws]
    return {k: np.stack(v, axis=1) for k, v in parts.items()}


def _pretrain_batches(preset, data, gen, batch_size, rng):
    """D_pre's points and labels: the pdf at uniform points, or, for the warm-up objective, real
    data and the noise G turns into D_pre's fakes."""
    steps = preset.pretrain_steps
    if preset.pretrain_objective == "pdf":
        return pretrain_batches(data, steps, batch_size, rng)
    return data.sample((steps, batch_size), rng), gen.sample((steps, batch_size), rng)


def evaluation_noise(gen, seeds, n):
    """The noise G's ``n`` samples per seed come from: ``(seeds, n, 1)`` float32."""
    z = np.stack([gen.sample(n, r) for r in rngs(seeds, EVALUATION)])
    return tf.constant(z[..., None], tf.float32)
