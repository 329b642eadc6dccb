"""Checks for the book's coding exercises: each tells the learner what is right or wrong.

Every check runs the learner's code against the package's own, and returns a ``Check`` whose
printed form is one helpful verdict instead of a bare assertion error.
"""

import numpy as np
import tensorflow as tf
from scipy.stats import norm

from gan_tutorial import document
from gan_tutorial.metrics import converged


class Check:
    """A verdict: ``passed`` and a message that says what to do next."""

    def __init__(self, passed, message):
        self.passed, self.message = passed, message

    def __repr__(self):
        return ("✓ " if self.passed else "✗ Not yet: ") + self.message

    def __bool__(self):
        return self.passed


def _call(function, *args):
    """``function(*args)``, or the ``Check`` that says why it failed."""
    if not callable(function):
        return None, Check(False, f"expected a function, got {type(function).__name__}")
    try:
        result = function(*args)
    except NotImplementedError:
        return None, Check(False, "the function still raises NotImplementedError: fill it in")
    except Exception as error:  # noqa: BLE001 - any mistake of the learner's becomes a message
        return None, Check(False, f"calling it raised {type(error).__name__}: {error}")
    if result is None:
        return None, Check(False, "it returned None: did you forget `return`?")
    return result, None


def check_generator(generator):
    """Chapter 1: ``generator(input, h_dim)`` must be ``h_dim`` softplus units, then one linear
    output, built from ``document.linear``."""
    tf.keras.utils.set_random_seed(0)
    z = tf.keras.Input(shape=(1,))
    output, failed = _call(generator, z, 4)
    if failed is not None:
        return failed
    try:
        mine = tf.keras.Model(z, output)
    except Exception as error:  # noqa: BLE001
        return Check(False, f"its output is not a layer's output ({error}); use linear(...)")
    shapes = [tuple(w.shape) for w in mine.get_weights()]
    expected = [(1, 4), (4,), (4, 1), (1,)]
    if shapes != expected:
        return Check(False, f"its weights have shapes {shapes}; expected {expected}: a layer of "
                     "h_dim units, then a layer with one output")  # fmt: skip
    reference = tf.keras.Model(z, document.generator(z, 4))
    reference.set_weights(mine.get_weights())
    grid = np.linspace(-8, 8, 200)[:, None]
    ours, theirs = reference(grid).numpy(), mine(grid).numpy()
    if np.allclose(ours, theirs, rtol=1e-5, atol=1e-6):
        return Check(True, "your generator computes what the package's does, at 200 points")
    hidden = mine.get_weights()
    linear_only = grid @ hidden[0] + hidden[1]
    if np.allclose(theirs, linear_only @ hidden[2] + hidden[3], atol=1e-5):
        return Check(False, "the hidden layer has no activation: wrap it in softplus")
    if np.all(theirs > 0) or np.all(theirs < 1):
        return Check(False, "the output looks squashed: G's output layer has no activation")
    return Check(False, "the shapes are right but the outputs differ: softplus on the hidden "
                 "layer, nothing on the output")  # fmt: skip


def check_pretraining_batch(pretraining_batch):
    """Chapter 2: ``pretraining_batch(n)`` returns D_pre's points and labels as the published
    code makes them: points uniform on [-5, 5], labels the data's pdf at those points."""
    np.random.seed(0)
    result, failed = _call(pretraining_batch, 10_000)
    if failed is not None:
        return failed
    try:
        d, labels = (np.asarray(a, np.float64).ravel() for a in result)
    except (TypeError, ValueError):
        return Check(False, "return two arrays: (points, labels)")
    if d.shape != (10_000,) or labels.shape != (10_000,):
        return Check(False, f"asked for 10000 points, got {d.size} points and {labels.size} labels")
    if d.min() < -5 or d.max() > 5:
        return Check(False, f"points range over [{d.min():.2f}, {d.max():.2f}]; they must stay "
                     "in [-5, 5]")  # fmt: skip
    if abs(d.mean()) > 0.2 or abs(d.std() - 10 / np.sqrt(12)) > 0.2:
        return Check(False, "the points are in [-5, 5] but not spread uniformly over it")
    expected = norm.pdf(d, loc=4, scale=0.5)
    if np.allclose(labels, expected, rtol=1e-6, atol=1e-9):
        return Check(True, "points uniform on [-5, 5], labelled with the pdf of N(4, 0.5)")
    if np.allclose(labels, norm.pdf(d), atol=1e-9):
        return Check(False, "the labels are the pdf of N(0, 1): use the data's mu=4, sigma=0.5")
    if set(np.unique(labels)) <= {0.0, 1.0}:
        return Check(False, "0/1 labels are what the document's prose suggests; the published "
                     "code labels each point with the data's density there")  # fmt: skip
    return Check(False, "the labels are not the pdf of N(4, 0.5) at the points")


def check_losses(loss_d, loss_g):
    """Chapter 3: ``loss_d(D1, D2)`` and ``loss_g(D2)`` from D's outputs, as the document
    writes them: ``mean(-log D1 - log(1 - D2))`` and ``mean(-log D2)``."""
    rng = np.random.default_rng(0)
    D1 = tf.constant(rng.uniform(0.05, 0.95, (12, 1)), tf.float32)
    D2 = tf.constant(rng.uniform(0.05, 0.95, (12, 1)), tf.float32)
    expected_d = float(tf.reduce_mean(-tf.math.log(D1) - tf.math.log(1 - D2)))
    expected_g = float(tf.reduce_mean(-tf.math.log(D2)))
    value_d, failed = _call(loss_d, D1, D2)
    if failed is not None:
        return Check(False, "loss_d: " + failed.message)
    value_d = float(np.mean(value_d))
    if not np.isclose(value_d, expected_d, rtol=1e-5):
        total = float(tf.reduce_sum(-tf.math.log(D1) - tf.math.log(1 - D2)))
        hints = {
            -expected_d: "loss_d has the wrong sign: minimise -log D1 - log(1 - D2)",
            total: "loss_d sums over the batch; the document takes the mean",
            float(tf.reduce_mean(-tf.math.log(D1) - tf.math.log(D2))): "loss_d uses log D2; "
            "D wants D2 near 0, so the document writes log(1 - D2)",
        }
        for value, hint in hints.items():
            if np.isclose(value_d, value, rtol=1e-5):
                return Check(False, hint)
        return Check(False, f"loss_d gave {value_d:.5f} on a test batch, expected {expected_d:.5f}")
    value_g, failed = _call(loss_g, D2)
    if failed is not None:
        return Check(False, "loss_g: " + failed.message)
    value_g = float(np.mean(value_g))
    if np.isclose(value_g, float(tf.reduce_mean(tf.math.log(1 - D2))), rtol=1e-5):
        return Check(False, "loss_g is the saturating log(1 - D2): the document uses -log D2")
    if not np.isclose(value_g, expected_g, rtol=1e-5):
        return Check(False, f"loss_g gave {value_g:.5f} on a test batch, expected {expected_g:.5f}")
    return Check(True, "both losses match the document's formulas on a test batch")


def check_learning_rate(learning_rate):
    """Chapter 4: ``learning_rate(step)``, the document's staircase ``0.03 * 0.95 ** (step //
    150)``, compared with Keras's schedule at every step up to 3000."""
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(0.03, 150, 0.95, staircase=True)
    steps = np.arange(3001)
    expected = schedule(steps).numpy()
    values = []
    for step in (0, 149, 150, 151, 299, 300, 3000):
        value, failed = _call(learning_rate, step)
        if failed is not None:
            return failed
        values.append(float(value))
    mine = np.array([float(learning_rate(int(step))) for step in steps])
    if np.allclose(mine, expected, rtol=1e-5):
        return Check(True, "your rate equals Keras's ExponentialDecay(staircase=True) at all "
                     "3001 steps")  # fmt: skip
    if np.allclose(mine, 0.03 * 0.95 ** (steps / 150), rtol=1e-5):
        return Check(False, "your rate decays smoothly; the staircase rounds step / 150 down")
    if np.isclose(values[0], 0.03 * 0.95, rtol=1e-5):
        return Check(False, "at step 0 the rate must be the initial 0.03, not yet decayed")
    step = int(np.argmax(~np.isclose(mine, expected, rtol=1e-5)))
    return Check(False, f"at step {step} you give {mine[step]:.6f}, Keras {expected[step]:.6f}")


def check_d_step(d_step):
    """Chapter 5: ``d_step(model, x, z)`` must make one gradient-descent update of D on
    ``loss_d`` and leave G alone, exactly as ``model.d_step`` does."""
    tf.keras.utils.set_random_seed(0)
    mine = document.GAN(document.DataDistribution(), document.GeneratorDistribution(8), 1, 12, 1)
    tf.keras.utils.set_random_seed(0)
    reference = document.GAN(
        document.DataDistribution(), document.GeneratorDistribution(8), 1, 12, 1
    )
    x = document.column(np.sort(np.random.default_rng(0).normal(4, 0.5, 12)))
    z = document.column(np.linspace(-8, 8, 12))
    g_before = [w.copy() for w in mine.G.get_weights()]
    _, failed = _call(d_step, mine, x, z)
    if failed is not None and "returned None" not in failed.message:
        return failed
    reference.d_step(x, z)
    if any(not np.array_equal(a, b) for a, b in zip(g_before, mine.G.get_weights())):
        return Check(False, "G's weights changed: apply the gradients to model.d_params only")
    if int(mine.opt_d.iterations) != 1:
        return Check(False, f"opt_d made {int(mine.opt_d.iterations)} updates; make exactly one "
                     "with model.opt_d.apply_gradients")  # fmt: skip
    moved = [not np.allclose(a, b) for a, b in zip(mine.D.get_weights(), reference.D.get_weights())]
    if any(moved):
        return Check(False, "D's weights moved, but not as loss_d's gradient says: take "
                     "tape.gradient(loss_d, model.d_params)")  # fmt: skip
    return Check(True, "one update of D on loss_d, G untouched: the same weights as model.d_step")


def check_outcome(outcome):
    """Chapter 6: ``outcome(mean, std, w1, mu, sigma)`` names a run as ``sweep.classify`` does:
    converged, diverged, collapsed or other."""
    from gan_tutorial.sweep import classify

    cases = [  # (mean, std, w1) on N(4, 0.5), chosen around every threshold
        (4.0, 0.5, 0.05),
        (4.0, 0.45, 0.1),
        (4.0, 0.3, 0.11),
        (0.0, 3.0, 4.0),
        (4.6, 0.6, 0.4),
        (3.4, 0.2, 0.6),
        (4.0, 0.24, 0.2),
        (4.0, 0.26, 0.2),
        (4.2, 1.5, 0.5),
        (-7.5, 0.01, 11.5),
    ]
    for mean, std, distance in cases:
        expected = classify(
            {"mean": mean, "std": std, "w1": distance, "converged": converged(distance, 0.5)},
            4.0,
            0.5,
        )
        got, failed = _call(outcome, mean, std, distance, 4.0, 0.5)
        if failed is not None:
            return failed
        if got != expected:
            return Check(False, f"a run with mean {mean}, std {std} and W1 {distance} on "
                         f"N(4, 0.5) is {expected!r}, you said {got!r}")  # fmt: skip
    return Check(True, f"all {len(cases)} test runs get the outcome the book gives them")


def check_stratified(stratified):
    """Chapter 7: ``stratified(n, range, rng)``: one uniform draw in each of ``n`` equal cells
    of [-range, range], in order, as ``GeneratorDistribution.stratified`` draws G's noise."""
    draws, failed = _call(stratified, 12, 8.0, np.random.default_rng(0))
    if failed is not None:
        return failed
    draws = np.asarray(draws, np.float64).ravel()
    if draws.shape != (12,):
        return Check(False, f"asked for 12 points, got {draws.size}")
    cells = np.floor((draws + 8.0) / (16.0 / 12)).astype(int)
    if not np.array_equal(cells, np.arange(12)):
        if np.allclose(
            draws - np.linspace(-8, 8, 12), np.clip(draws - np.linspace(-8, 8, 12), 0, 0.01)
        ):
            return Check(False, "that is the document's grid plus a jitter of 0.01: each point "
                         "must be uniform over its whole cell of width 16/12")  # fmt: skip
        return Check(False, f"the points fall in cells {cells.tolist()}: one per cell, in order")
    many = np.stack([np.asarray(stratified(12, 8.0, np.random.default_rng(s)), np.float64).ravel()
                     for s in range(400)])  # fmt: skip
    within = (many + 8.0) / (16.0 / 12) - np.arange(12)
    if abs(within.mean() - 0.5) > 0.03 or abs(within.std() - 1 / np.sqrt(12)) > 0.03:
        return Check(False, "one point per cell, but not uniform within its cell")
    return Check(True, "one uniform draw in each of the 12 cells, as G's training noise is drawn")


def check_minibatch_features(features):
    """Chapter 8: ``features(rows)`` for a batch's rows ``(batch, kernels, dims)``: for each point
    and kernel, ``exp(-L1 distance)`` to every point of the batch (itself included), summed."""
    rows = np.random.default_rng(0).normal(size=(6, 5, 3))
    expected = np.exp(-np.abs(rows[:, None] - rows[None, :]).sum(-1)).sum(axis=1)
    got, failed = _call(features, rows)
    if failed is not None:
        return failed
    got = np.asarray(got, np.float64)
    if got.shape != expected.shape:
        return Check(False, f"expected one feature per point and kernel, shape {expected.shape}, "
                     f"got {got.shape}")  # fmt: skip
    if np.allclose(got, expected - 1.0):
        return Check(False, "each point's distance to itself (0, so exp(0) = 1) belongs in the sum")
    squared = np.exp(-np.square(rows[:, None] - rows[None, :]).sum(-1)).sum(axis=1)
    if np.allclose(got, squared):
        return Check(
            False, "that is the squared distance; the published layer uses the L1 distance"
        )
    if not np.allclose(got, expected, rtol=1e-5):
        return Check(False, "the features differ from exp(-L1 distance) summed over the batch")
    return Check(True, "your features equal the minibatch layer's on a batch of 6 points")
