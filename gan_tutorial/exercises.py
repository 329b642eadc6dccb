"""Checks for the book's coding exercises: each tells the learner what is right or wrong.

Every check runs the learner's code against the package's own, and returns a ``Check`` whose
printed form is one helpful verdict instead of a bare assertion error.
"""

import numpy as np
import tensorflow as tf

from gan_tutorial import targets, verdicts
from gan_tutorial.metrics import converged


class Check:
    """A verdict: ``passed`` and a message that says what to do next.

    The message is ``key`` (one of ``gan_tutorial.verdicts.MESSAGES``) with its ``args``, put
    into words in the language the notebook chose (``GAN_TUTORIAL_LANGUAGE``) when it is shown;
    ``subject`` names which of two functions a mistake is in. Displayed in a notebook, a verdict
    also carries its key and arguments in the output's metadata (``verdicts.METADATA``).
    """

    def __init__(self, passed, key, subject=None, **args):
        verdicts.message(key, args, "en")  # a known key, with the arguments it needs
        self.passed, self.key, self.subject, self.args = bool(passed), key, subject, args

    def as_dict(self):
        """The verdict as ``verdicts.render`` reads it (and as JSON can hold it)."""
        return {"passed": self.passed, "key": self.key, "args": self.args, "subject": self.subject}

    @property
    def message(self):
        """What to do next, without the ✓ or ✗."""
        return verdicts.message(self.key, self.args)

    def __repr__(self):
        return verdicts.render(self.as_dict())

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": repr(self)}, {verdicts.METADATA: self.as_dict()}

    def __bool__(self):
        return self.passed


def _call(function, *args):
    """``function(*args)``, or the ``Check`` that says why it failed."""
    if not callable(function):
        return None, Check(False, "not_function", type=type(function).__name__)
    try:
        result = function(*args)
    except NotImplementedError:
        return None, Check(False, "not_implemented")
    except Exception as error:  # noqa: BLE001 - any mistake of the learner's becomes a message
        return None, Check(False, "raised", error_type=type(error).__name__, error=str(error))
    if result is None:
        return None, Check(False, "returned_none")
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
        return Check(False, "generator_not_layer", error=str(error))
    shapes = [tuple(w.shape) for w in mine.get_weights()]
    expected = [(1, 4), (4,), (4, 1), (1,)]
    if shapes != expected:
        return Check(False, "generator_shapes", shapes=str(shapes), expected=str(expected))
    from gan_tutorial import document  # imports scipy.stats (a second): only where it is used

    reference = tf.keras.Model(z, document.generator(z, 4))
    reference.set_weights(mine.get_weights())
    grid = np.linspace(-8, 8, 200)[:, None]
    ours, theirs = reference(grid).numpy(), mine(grid).numpy()
    if np.allclose(ours, theirs, rtol=1e-5, atol=1e-6):
        return Check(True, "generator_passed")
    hidden = mine.get_weights()
    linear_only = grid @ hidden[0] + hidden[1]
    if np.allclose(theirs, linear_only @ hidden[2] + hidden[3], atol=1e-5):
        return Check(False, "generator_no_activation")
    if np.all(theirs > 0) or np.all(theirs < 1):
        return Check(False, "generator_squashed")
    return Check(False, "generator_differs")


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
        return Check(False, "pretraining_two_arrays")
    if d.shape != (10_000,) or labels.shape != (10_000,):
        return Check(False, "pretraining_count", points=int(d.size), labels=int(labels.size))
    if d.min() < -5 or d.max() > 5:
        return Check(False, "pretraining_range", low=float(d.min()), high=float(d.max()))
    if abs(d.mean()) > 0.2 or abs(d.std() - 10 / np.sqrt(12)) > 0.2:
        return Check(False, "pretraining_not_uniform")
    expected = targets.Normal(4, 0.5).pdf(d)
    if np.allclose(labels, expected, rtol=1e-6, atol=1e-9):
        return Check(True, "pretraining_passed")
    if np.allclose(labels, targets.Normal(0, 1).pdf(d), atol=1e-9):
        return Check(False, "pretraining_standard_normal")
    if set(np.unique(labels)) <= {0.0, 1.0}:
        return Check(False, "pretraining_binary")
    return Check(False, "pretraining_labels")


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
        return Check(False, failed.key, subject="loss_d", **failed.args)
    value_d = float(np.mean(value_d))
    if not np.isclose(value_d, expected_d, rtol=1e-5):
        total = float(tf.reduce_sum(-tf.math.log(D1) - tf.math.log(1 - D2)))
        hints = {
            -expected_d: "loss_d_sign",
            total: "loss_d_sum",
            float(tf.reduce_mean(-tf.math.log(D1) - tf.math.log(D2))): "loss_d_log_d2",
        }
        for value, key in hints.items():
            if np.isclose(value_d, value, rtol=1e-5):
                return Check(False, key)
        return Check(False, "loss_d_value", got=value_d, expected=expected_d)
    value_g, failed = _call(loss_g, D2)
    if failed is not None:
        return Check(False, failed.key, subject="loss_g", **failed.args)
    value_g = float(np.mean(value_g))
    if np.isclose(value_g, float(tf.reduce_mean(tf.math.log(1 - D2))), rtol=1e-5):
        return Check(False, "loss_g_saturating")
    if not np.isclose(value_g, expected_g, rtol=1e-5):
        return Check(False, "loss_g_value", got=value_g, expected=expected_g)
    return Check(True, "losses_passed")


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
        return Check(True, "rate_passed")
    if np.allclose(mine, 0.03 * 0.95 ** (steps / 150), rtol=1e-5):
        return Check(False, "rate_smooth")
    if np.isclose(values[0], 0.03 * 0.95, rtol=1e-5):
        return Check(False, "rate_step0")
    step = int(np.argmax(~np.isclose(mine, expected, rtol=1e-5)))
    return Check(
        False, "rate_step", step=step, got=float(mine[step]), expected=float(expected[step])
    )


def check_d_step(d_step):
    """Chapter 5: ``d_step(model, x, z)`` must make one gradient-descent update of D on
    ``loss_d`` and leave G alone, exactly as ``model.d_step`` does."""
    from gan_tutorial import document  # as in check_generator

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
    if failed is not None and failed.key != "returned_none":
        return failed
    reference.d_step(x, z)
    if any(not np.array_equal(a, b) for a, b in zip(g_before, mine.G.get_weights())):
        return Check(False, "d_step_g_changed")
    if int(mine.opt_d.iterations) != 1:
        return Check(False, "d_step_updates", updates=int(mine.opt_d.iterations))
    moved = [not np.allclose(a, b) for a, b in zip(mine.D.get_weights(), reference.D.get_weights())]
    if any(moved):
        return Check(False, "d_step_wrong")
    return Check(True, "d_step_passed")


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
            return Check(
                False,
                "outcome_wrong",
                mean=mean,
                std=std,
                w1=distance,
                expected=repr(expected),
                got=repr(got),
            )
    return Check(True, "outcome_passed", count=len(cases))


def check_stratified(stratified):
    """Chapter 7: ``stratified(n, range, rng)``: one uniform draw in each of ``n`` equal cells
    of [-range, range], in order, as ``GeneratorDistribution.stratified`` draws G's noise."""
    draws, failed = _call(stratified, 12, 8.0, np.random.default_rng(0))
    if failed is not None:
        return failed
    draws = np.asarray(draws, np.float64).ravel()
    if draws.shape != (12,):
        return Check(False, "stratified_count", count=int(draws.size))
    cells = np.floor((draws + 8.0) / (16.0 / 12)).astype(int)
    if not np.array_equal(cells, np.arange(12)):
        if np.allclose(
            draws - np.linspace(-8, 8, 12), np.clip(draws - np.linspace(-8, 8, 12), 0, 0.01)
        ):
            return Check(False, "stratified_grid")
        return Check(False, "stratified_cells", cells=str(cells.tolist()))
    many = np.stack([np.asarray(stratified(12, 8.0, np.random.default_rng(s)), np.float64).ravel()
                     for s in range(400)])  # fmt: skip
    within = (many + 8.0) / (16.0 / 12) - np.arange(12)
    if abs(within.mean() - 0.5) > 0.03 or abs(within.std() - 1 / np.sqrt(12)) > 0.03:
        return Check(False, "stratified_not_uniform")
    return Check(True, "stratified_passed")


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
        return Check(False, "features_shape", expected=str(expected.shape), got=str(got.shape))
    if np.allclose(got, expected - 1.0):
        return Check(False, "features_self")
    squared = np.exp(-np.square(rows[:, None] - rows[None, :]).sum(-1)).sum(axis=1)
    if np.allclose(got, squared):
        return Check(False, "features_squared")
    if not np.allclose(got, expected, rtol=1e-5):
        return Check(False, "features_differ")
    return Check(True, "features_passed")
