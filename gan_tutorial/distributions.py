"""The engine's real data and noise: section 3.1 and 3.2 of the document, seeded.

``DataDistribution`` is the document's N(4, 0.5) as a ``targets.Normal``, so the engine treats it
like any other target; ``GeneratorDistribution`` is G's stratified noise.
"""

import numpy as np

from gan_tutorial import checks
from gan_tutorial.targets import Normal


class DataDistribution(Normal):
    """The real data: N(mu, sigma). Samples come sorted, as in the document."""

    def __repr__(self):
        return f"DataDistribution(mu={self.mu}, sigma={self.sigma})"


class GeneratorDistribution:
    """G's input: an even grid on [-range, range] jittered by U(0, 0.01) (stratified noise)."""

    def __init__(self, range=8.0, seed=None):  # noqa: A002 - the document's name
        self.range = checks.positive_float("range", range)
        self.rng = checks.rng(seed)

    def sample(self, n, rng=None):
        """``linspace(-range, range, N)`` plus uniform noise times 0.01, per batch."""
        shape = checks.sample_shape(n)
        grid = np.linspace(-self.range, self.range, shape[-1])
        return grid + (rng or self.rng).random(shape) * 0.01

    def stratified(self, n, rng=None):
        """Stratified noise that fills each cell: [-range, range] cut into N equal cells, one
        uniform draw in each, so G is trained across the whole interval, not at N points."""
        shape = checks.sample_shape(n)
        cells = np.arange(shape[-1]) + (rng or self.rng).random(shape)
        return -self.range + cells * (2 * self.range / shape[-1])

    def __repr__(self):
        return f"GeneratorDistribution(range={self.range})"
