"""Targets beyond the document's normal, the metric against their exact quantiles, and
minibatch discrimination against a direct NumPy computation."""

import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf
from scipy import stats

from gan_tutorial import metrics, targets
from gan_tutorial.engine import GANEngine
from gan_tutorial.networks import minibatch_discriminator
from gan_tutorial.sweep import classify

SPECS = [
    "normal:4,0.5",
    "mixture:0.5,-2,0.5,2,0.5",
    "mixture:0.3,4,1,-3,0.25",
    "lognormal:0.5,0,1",
    "laplace:0,1",
]


@pytest.mark.parametrize("spec", SPECS)
def test_each_target_reads_back_its_spec_and_knows_its_moments(spec):
    target = targets.parse(spec)
    assert targets.parse(target.spec).spec == target.spec
    x = target.sample(400_000, np.random.default_rng(0))
    assert np.all(np.diff(x) >= 0), "samples come sorted"
    assert abs(x.mean() - target.mean) < 0.01 * (1 + abs(target.mean))
    assert abs(x.std() - target.std) < 0.01 * target.std
    u = np.array([0.001, 0.1, 0.5, 0.9, 0.999])
    assert np.allclose(np.mean(x[:, None] <= target.ppf(u), axis=0), u, atol=0.003)


def test_mixture_quantiles_are_exact_to_a_millionth():
    mixture = targets.parse("mixture:0.3,4,1,-3,0.25")
    u = np.linspace(1e-5, 1 - 1e-5, 2001)
    q = mixture.ppf(u)
    assert np.max(np.abs(mixture.cdf(q) - u)) < 1e-7
    assert mixture.weights == pytest.approx((0.7, 0.3)) and -3 < mixture.split < 4
    grid = np.linspace(-3, 4, 7001)
    assert mixture.pdf(mixture.split) <= mixture.pdf(grid).min() + 1e-12


def test_distance_to_scipy_targets_matches_their_quantiles():
    target = targets.parse("laplace:1,2")
    samples = stats.laplace(1, 2).rvs(size=5000, random_state=0)
    n = samples.size
    expected = np.mean(np.abs(np.sort(samples) - stats.laplace(1, 2).ppf((np.arange(n) + 0.5) / n)))
    assert metrics.distance(samples, target) == pytest.approx(expected)


def test_a_run_on_one_hump_of_two_has_not_converged_and_counts_as_collapsed():
    mixture = targets.parse("mixture:0.5,-2,0.5,2,0.5")
    both = mixture.sample(10_000, np.random.default_rng(1))
    one = np.random.default_rng(2).normal(2, 0.5, 10_000)
    assert metrics.score(both, mixture)["converged"]
    result = metrics.score(one, mixture)
    assert not result["converged"] and result["shares"][0] < 0.01
    row = {"mean": one.mean(), "std": one.std(), **result}
    assert classify(row, mixture.mean, mixture.std, mixture) == "collapsed"


@pytest.mark.parametrize(
    "spec, word",
    [
        ("gauss:1,2", "must be one of"),
        ("normal:1", "takes MU,SIGMA"),
        ("normal:1,x", "numbers"),
        ("normal:1,-2", "sigma"),
        ("mixture:1.5,0,1,2,1", "w must be between 0 and 1"),
        ("mixture:0.5,1,1,1,1", "must differ"),
        ("lognormal:0,0,1", "s must be"),
        ("laplace:0,0", "scale"),
    ],
)
def test_bad_specs_are_refused_by_name(spec, word):
    with pytest.raises(ValueError, match=word):
        targets.parse(spec)


def test_minibatch_features_equal_a_direct_numpy_computation():
    seeds, batch, width, kernels, dims = 2, 6, 8, 5, 3
    D = minibatch_discriminator(4, 1.0, seeds)
    D.initialise([np.random.default_rng(s) for s in range(seeds)])
    x = np.random.default_rng(9).normal(size=(seeds, batch, 1)).astype(np.float32)
    ours = D(tf.constant(x)).numpy()
    w = [(layer.w.numpy(), layer.b.numpy()) for layer in D.layers]
    for s in range(seeds):
        h = np.tanh(x[s] @ w[0][0][s] + w[0][1][s])
        h = np.tanh(h @ w[1][0][s] + w[1][1][s])
        rows = (h @ w[2][0][s] + w[2][1][s]).reshape(batch, kernels, dims)
        features = np.zeros((batch, kernels))
        for i in range(batch):
            for j in range(batch):  # every pair, each point with itself included
                features[i] += np.exp(-np.abs(rows[i] - rows[j]).sum(axis=1))
        logit = np.concatenate([h, features], axis=1) @ w[3][0][s] + w[3][1][s]
        np.testing.assert_allclose(ours[s], 1 / (1 + np.exp(-logit)), rtol=1e-5, atol=1e-6)
    assert w[2][0].shape == (seeds, width, kernels * dims) and abs(w[2][0].std() - 0.02) < 0.01


def test_original_with_minibatch_trains_on_a_mixture():
    model = GANEngine(targets.parse("mixture:0.5,-2,0.5,2,0.5"), preset="original+minibatch",
                      num_steps=30, seed=[0, 1], log=None)  # fmt: skip
    model.train(strict=False)
    rows = model.summary()
    assert all(row["shares"] is not None or row["failure"] for row in rows)
    assert model.decision_boundary(np.linspace(-8, 8, 50)).shape == (2, 50)


@pytest.mark.parametrize(
    "spec, frozen",
    [
        ("lognormal:0.5,0,1", stats.lognorm(s=0.5, loc=0, scale=1)),
        ("lognormal:0.37,-1.5,2.5", stats.lognorm(s=0.37, loc=-1.5, scale=2.5)),
        ("laplace:0,1", stats.laplace(loc=0, scale=1)),
        ("laplace:-3.2,0.7", stats.laplace(loc=-3.2, scale=0.7)),
    ],
)
def test_lognormal_and_laplace_give_scipy_stats_numbers_bit_for_bit(spec, frozen):
    """They write scipy.stats' formulas out (importing it takes a second): the same samples,
    moments, densities and quantiles, so that the committed sweeps still reproduce."""
    target = targets.parse(spec)
    assert (target.mean, target.std) == (float(frozen.mean()), float(frozen.std()))
    rng_mine, rng_scipy = np.random.default_rng(7), np.random.default_rng(7)
    mine = target.sample((3, 500), rng_mine)
    np.testing.assert_array_equal(mine, np.sort(frozen.rvs(size=(3, 500), random_state=rng_scipy)))
    x = np.concatenate([np.linspace(-12, 12, 4001), [-1.5, np.nan, np.inf, -np.inf]])
    np.testing.assert_array_equal(target.pdf(x), frozen.pdf(x))
    u = np.concatenate([np.linspace(0, 1, 4001), [1e-300, 1 - 1e-16, -0.1, 1.1, np.nan]])
    np.testing.assert_array_equal(target.ppf(u), frozen.ppf(u))
    assert target.ppf(0.25) == frozen.ppf(0.25)


def test_the_chapters_exercises_and_targets_do_not_import_scipy_stats():
    """Importing scipy.stats takes about a second of every chapter that would use it."""
    code = (
        "import sys; from gan_tutorial import exercises, targets\n"
        "for spec in ('lognormal:0.5,0,1', 'laplace:0,1', 'mixture:0.5,-2,0.5,2,0.5'):\n"
        "    t = targets.parse(spec); t.pdf([1.0]); t.ppf([0.3]); t.sample(10)\n"
        "print(sorted(m for m in sys.modules if m.startswith('scipy.stats')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
