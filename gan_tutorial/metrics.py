"""The project's single quality metric: ``w1`` to the exact target, and ``converged``."""

import numpy as np
from scipy.special import ndtri

from gan_tutorial import checks

CONVERGED_W1_OVER_SIGMA = 0.2


def w1(samples, mu, sigma):
    """1-Wasserstein distance from ``samples`` to N(mu, sigma), by quantile coupling.

    Sorted samples g_(i) are matched to the exact target quantiles at (i - 0.5) / n:
    ``mean(|g_(i) - mu - sigma * Phi^-1((i - 0.5) / n)|)``.
    """
    g = np.sort(np.asarray(samples, np.float64).ravel())
    if g.size == 0 or not np.all(np.isfinite(g)):
        raise ValueError("samples must be a non-empty array of finite numbers")
    mu, sigma = checks.finite_float("mu", mu), checks.positive_float("sigma", sigma)
    n = g.size
    quantiles = mu + sigma * ndtri((np.arange(1, n + 1) - 0.5) / n)
    return float(np.mean(np.abs(g - quantiles)))


def converged(w1_distance, sigma):
    """A run has converged when ``w1 / sigma <= 0.2``."""
    return bool(w1_distance / checks.positive_float("sigma", sigma) <= CONVERGED_W1_OVER_SIGMA)
