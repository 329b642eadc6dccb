"""The project's single quality metric: ``w1`` to the exact target, and ``converged``."""

import numpy as np

from gan_tutorial import checks

CONVERGED_W1_OVER_SIGMA = 0.2
#: For targets with two humps, each hump's share of the samples must be this close to its weight.
SHARE_TOLERANCE = 0.1


def distance(samples, target):
    """1-Wasserstein distance from ``samples`` to ``target``, by quantile coupling.

    Sorted samples g_(i) are matched to the exact target quantiles at (i - 0.5) / n:
    ``mean(|g_(i) - Q((i - 0.5) / n)|)``, with Q the target's quantile function.
    """
    g = np.sort(np.asarray(samples, np.float64).ravel())
    if g.size == 0 or not np.all(np.isfinite(g)):
        raise ValueError("samples must be a non-empty array of finite numbers")
    return float(np.mean(np.abs(g - target.quantiles(g.size))))


def w1(samples, mu, sigma):
    """1-Wasserstein distance from ``samples`` to N(mu, sigma):
    ``mean(|g_(i) - mu - sigma * Phi^-1((i - 0.5) / n)|)`` over the sorted samples g_(i)."""
    from gan_tutorial.targets import Normal

    return distance(samples, Normal(mu, sigma))


def converged(w1_distance, sigma):
    """A run has converged when ``w1 / sigma <= 0.2`` (sigma: the target's std)."""
    return bool(w1_distance / checks.positive_float("sigma", sigma) <= CONVERGED_W1_OVER_SIGMA)


def score(samples, target):
    """``w1``, the share of the samples in each hump (two-humped targets; else None) and
    ``converged``: ``w1 / std <= 0.2`` and, with two humps, every share within 0.1 of its
    weight, so that a run covering one hump only has not converged."""
    d = distance(samples, target)
    shares = target.shares(samples)
    return {
        "w1": d,
        "shares": shares,
        "converged": converged(d, target.std) and shares_ok(shares, target),
    }


def shares_ok(shares, target):
    """Every hump's share within 0.1 of its weight; True for a target with one hump."""
    return shares is None or all(
        abs(s - w) <= SHARE_TOLERANCE for s, w in zip(shares, target.weights)
    )
