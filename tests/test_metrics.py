import numpy as np
import pytest
from scipy.special import ndtri

from gan_tutorial import converged, w1


def quantiles(n, mu, sigma):
    return mu + sigma * ndtri((np.arange(1, n + 1) - 0.5) / n)


def test_w1_is_zero_on_exact_quantiles_in_any_order():
    q = quantiles(10_000, 4, 0.5)
    assert w1(np.random.default_rng(0).permutation(q), 4, 0.5) == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("shift", [0.1, -0.7, 3.0])
def test_w1_equals_a_shift(shift):
    assert w1(quantiles(10_000, 4, 0.5) + shift, 4, 0.5) == pytest.approx(abs(shift), rel=1e-9)


def test_w1_of_random_samples_is_small():
    samples = np.random.default_rng(0).normal(4, 0.5, 10_000)
    assert w1(samples, 4, 0.5) < 0.02


def test_converged_threshold():
    assert converged(0.1, 0.5) and converged(0.1, 1.0) and not converged(0.101, 0.5)


@pytest.mark.parametrize(
    "args", [([], 0, 1), ([1.0, np.nan], 0, 1), ([1.0], 0, 0), ([1.0], np.inf, 1)]
)
def test_w1_rejects_bad_input(args):
    with pytest.raises(ValueError):
        w1(*args)
