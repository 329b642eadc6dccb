"""What the ``improved`` preset adds to the document's game: each piece answers one failure
that chapter 6 measures (chapter 7 gives the list and the reasons)."""

import numpy as np
import tensorflow as tf


class RunningMoments(tf.Module):
    """Running mean and std of every real point seen so far, one pair per seed.

    D sees ``(x - mean) / std`` and G's output is mapped back as ``mean + std * G(z)``, so every
    target looks to the networks like one of mean 0 and std 1. This gives G the data's first two
    moments, as they are estimated from the real batches seen so far: where the data are and how
    wide they are. It does not give G their shape; that it learns from D.
    """

    def __init__(self, seeds, name="data_moments"):
        super().__init__(name=name)
        zeros = lambda: tf.zeros([seeds, 1, 1])  # noqa: E731 (see networks.Linear)
        with self.name_scope:
            self.total = tf.Variable(zeros, trainable=False, name="sum")
            self.total_sq = tf.Variable(zeros, trainable=False, name="sum_sq")
            self.count = tf.Variable(0.0, trainable=False, name="count")

    def reset(self):
        for variable in (self.total, self.total_sq, self.count):
            variable.assign(tf.zeros_like(variable))

    def observe(self, x):
        """Add a real batch ``(seeds, batch, 1)``."""
        self.total.assign_add(tf.reduce_sum(x, axis=-2, keepdims=True))
        self.total_sq.assign_add(tf.reduce_sum(tf.square(x), axis=-2, keepdims=True))
        self.count.assign_add(tf.cast(tf.shape(x)[-2], tf.float32))

    def __call__(self):
        """``(mean, std)``, each ``(seeds, 1, 1)``; before any real point, 0 and 1 (the
        networks' own units), so that an untrained G's samples are what its output makes, not
        NaN. (The guard sits inside the square root: the graph still divides by a square root,
        which it compiles into the same arithmetic as before, bit for bit.)"""
        seen = self.count > 0
        mean = tf.where(seen, self.total / self.count, 0.0)
        variance = tf.maximum(self.total_sq / self.count - tf.square(mean), 1e-12)
        return mean, tf.sqrt(tf.where(seen, variance, 1.0))


def r1_penalty(tape, logits, x):
    """R1 (Mescheder et al., 2018): the mean squared slope of D's logit at real points, per seed.

    ``tape`` watched the points ``x`` while D computed ``logits`` from them. Penalising the
    slope keeps D smooth where the data are, which damps the circling of the two players around
    their equilibrium. At G's samples instead of real points it is R2.
    """
    return tf.reduce_mean(tf.square(tape.gradient(logits, x)), axis=[-2, -1])


def mirror_pairs(network):
    """Make G's second half of hidden units the first half with input and output weights negated.

    As ``softplus(u) - softplus(-u) = u``, G then starts as an exactly linear, symmetric map of
    the noise instead of a random skewed curve.
    """
    first, last = network.layers
    half = first.output_dim // 2
    first.w.assign(tf.concat([first.w[..., :half], -first.w[..., :half]], -1))
    last.w.assign(tf.concat([last.w[:, :half], -last.w[:, :half]], 1))


def update_average(average, network, decay):
    """Move each weight of ``average`` towards ``network``: ``a <- decay * a + (1 - decay) * w``."""
    for mine, theirs in zip(average.weights, network.weights):
        mine.assign(decay * mine + (1 - decay) * theirs)


def s_curve_start(network, rngs, noise_std, sharpness=2.0, knee=0.5, height=1.0, jitter=0.1):
    """Start G as an odd curve, steeper towards both ends like any bell's quantile function.

    With u = z / noise_std, G starts as ``height * (softplus(c (u - k)) - softplus(-c (u + k)))``
    (c = ``sharpness``, k = ``knee``), its slope rising from about 1 at the centre to 2 at the
    ends. D only ever sees G at the 12 noise points of a batch, so G's shape *between* them is
    never trained: it is this starting shape. Each seed's height, sharpness and knee are
    scaled by ``exp(jitter * N(0, 1))`` from its own generator, so seeds still differ. The other
    hidden units start as a mirrored pair with no weight on the output, free for training.
    """
    first, last = network.layers
    w0, b0, w1, b1 = (v.numpy() for v in (first.w, first.b, last.w, last.b))
    half = first.output_dim // 2
    for i, rng in enumerate(rngs):
        b, c, k = (
            value * np.exp(jitter * rng.standard_normal()) for value in (height, sharpness, knee)
        )
        w0[i, 0, :half], w0[i, 0, half:] = 1 / noise_std, -1 / noise_std
        b0[i], w1[i], b1[i] = 0.0, 0.0, 0.0
        curve, mirror = half - 1, 2 * half - 1
        w0[i, 0, [curve, mirror]] = c / noise_std, -c / noise_std
        b0[i, 0, [curve, mirror]] = -c * k
        w1[i, [curve, mirror], 0] = b, -b
    for variable, value in zip((first.w, first.b, last.w, last.b), (w0, b0, w1, b1)):
        variable.assign(value)


def kinks_start(network, rngs, noise_range, weight_std=2.0, output_scale=0.5):
    """Start G with sharp units whose bends are spread over the noise interval: a generic start.

    Each softplus unit bends at ``z = -b / w``; zero biases put every bend at z = 0 and Glorot's
    small weights make G almost straight, so it cannot form a step between two humps in 1200
    steps. Here the bends sit at the centres of equal cells of [-range, range] (one per unit,
    like the knots of a spline), so no two start bunched, and each unit's weight is drawn from
    N(0, ``weight_std**2``). Its output weight, ``output_scale`` * N(0, 1) / (``|w|`` * range),
    lets each unit move the output by about half a standardised unit over the interval, and the
    output bias centres G's mean output over the noise at 0. Nothing in it knows the target's
    shape: the seed draws the slopes, not the bends.
    """
    first, last = network.layers
    w0, b0, w1, b1 = (v.numpy() for v in (first.w, first.b, last.w, last.b))
    units = w0.shape[-1]
    bends = noise_range * ((2 * np.arange(units) + 1) / units - 1)
    grid = np.linspace(-noise_range, noise_range, 1001)[:, None]
    for i, rng in enumerate(rngs):
        w = rng.normal(0.0, weight_std, w0.shape[1:])
        b = -w * bends
        a = output_scale * rng.normal(0.0, 1.0, w1.shape[1:]) / (np.abs(w.T) * noise_range)
        w0[i], b0[i], w1[i] = w, b, a
        b1[i] = -np.mean(np.logaddexp(0.0, grid @ w + b) @ a)
    for variable, value in zip((first.w, first.b, last.w, last.b), (w0, b0, w1, b1)):
        variable.assign(value.astype(np.float32))


def spread_first_layer(network, rngs, spread):
    """Centre the first layer's units (where ``w x + b = 0``) uniformly on [-spread, spread]."""
    first = network.layers[0]
    w = first.w.numpy()
    centres = np.stack([rng.uniform(-spread, spread, w.shape[1:]) for rng in rngs])
    first.b.assign((-w * centres).astype(np.float32))
