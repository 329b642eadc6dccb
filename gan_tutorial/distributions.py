"""Section 3.1 and 3.2 of the document: the real data and the generator's noise."""

import math

import numpy as np

from gan_tutorial import checks


def _rng(seed):
    """A ``numpy.random.Generator`` from an int seed, or the Generator itself."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(None if seed is None else checks.seed(seed))


def _shape(n):
    """``sample`` accepts N or a shape (..., N); batches of many steps come out in one draw."""
    shape = (n,) if np.ndim(n) == 0 else tuple(n)
    for size in shape:
        checks.positive_int("N", size)
    return shape


class DataDistribution:
    """The real data: N(mu, sigma). Samples come sorted, as in the document."""

    def __init__(self, mu=4.0, sigma=0.5, seed=None):
        self.mu = checks.finite_float("mu", mu)
        self.sigma = checks.positive_float("sigma", sigma)
        self.rng = _rng(seed)

    def sample(self, n, rng=None):
        """N normal samples, sorted along the last axis (a shape (..., N) draws many batches)."""
        samples = (rng or self.rng).normal(self.mu, self.sigma, _shape(n))
        return np.sort(samples, axis=-1)

    def pdf(self, x):
        """The target density, which D_pre learns to imitate."""
        x = np.asarray(x, dtype=np.float64)
        return np.exp(-0.5 * ((x - self.mu) / self.sigma) ** 2) / (
            self.sigma * math.sqrt(2 * math.pi)
        )

    def __repr__(self):
        return f"DataDistribution(mu={self.mu}, sigma={self.sigma})"


class GeneratorDistribution:
    """G's input: an even grid on [-range, range] jittered by U(0, 0.01) (stratified noise)."""

    def __init__(self, range=8.0, seed=None):  # noqa: A002 - the document's name
        self.range = checks.positive_float("range", range)
        self.rng = _rng(seed)

    def sample(self, n, rng=None):
        """``linspace(-range, range, N)`` plus uniform noise times 0.01, per batch."""
        shape = _shape(n)
        grid = np.linspace(-self.range, self.range, shape[-1])
        return grid + (rng or self.rng).random(shape) * 0.01

    def __repr__(self):
        return f"GeneratorDistribution(range={self.range})"
