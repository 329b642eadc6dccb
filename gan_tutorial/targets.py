"""The distributions the engine can learn, each with its exact quantile function.

The document's data are a normal distribution; chapter 8 asks what happens with two humps, a
skewed target and a sharp one. Every target has ``sample(shape, rng)`` (sorted along the last
axis, as the document's data), ``pdf(x)`` (D_pre's labels), ``ppf(u)`` (the exact quantile
function the metric needs), ``mean``, ``std`` and ``spec`` (the text ``parse`` reads back).

scipy.special is imported where a target first needs it, so that the command line checks a
spec (and refuses a run) at once; scipy.stats, a second to import, not at all.
"""

import math

import numpy as np

from gan_tutorial import checks


def _fmt(*values):
    return ",".join(f"{v:g}" for v in values)


class Target:
    """What every target offers; subclasses define ``_draw``, ``pdf``, ``ppf``."""

    spec = "target"
    mean = std = float("nan")
    #: Component weights and the point between them, for targets with more than one hump.
    weights, split = None, None

    def __init__(self, seed=None):
        self.rng = checks.rng(seed)

    def sample(self, n, rng=None):
        """N samples, sorted along the last axis (a shape (..., N) draws many batches)."""
        return np.sort(self._draw(checks.sample_shape(n), rng or self.rng), axis=-1)

    def quantiles(self, n):
        """The quantiles at (i - 0.5) / n, i = 1..n, which ``metrics.distance`` matches sorted
        samples with; kept per n (a mixture finds them by bisection, and sweeps score many runs)."""
        cache = self.__dict__.setdefault("_quantiles", {})
        if n not in cache:
            cache[n] = self.ppf((np.arange(1, n + 1) - 0.5) / n)
            cache[n].setflags(write=False)
        return cache[n]

    def shares(self, samples):
        """The share of ``samples`` in each hump (split at the density's minimum), or None."""
        if self.weights is None:
            return None
        left = float(np.mean(np.asarray(samples) < self.split))
        return (left, 1.0 - left)

    def __repr__(self):
        return f"{type(self).__name__}({self.spec})"


class Normal(Target):
    """N(mu, sigma): the document's data, with mu = 4 and sigma = 0.5."""

    def __init__(self, mu=4.0, sigma=0.5, seed=None):
        super().__init__(seed)
        self.mu = checks.finite_float("mu", mu)
        self.sigma = checks.positive_float("sigma", sigma)
        self.mean, self.std = self.mu, self.sigma
        self.spec = f"normal:{_fmt(self.mu, self.sigma)}"

    def _draw(self, shape, rng):
        return rng.normal(self.mu, self.sigma, shape)

    def pdf(self, x):
        x = np.asarray(x, np.float64)
        z = (x - self.mu) / self.sigma
        return np.exp(-0.5 * z**2) / (self.sigma * math.sqrt(2 * math.pi))

    def ppf(self, u):
        from scipy.special import ndtri

        return self.mu + self.sigma * ndtri(u)


class Mixture(Target):
    """``w * N(mu1, sigma1) + (1 - w) * N(mu2, sigma2)``: two humps."""

    def __init__(self, w, mu1, sigma1, mu2, sigma2, seed=None):
        super().__init__(seed)
        w = checks.finite_float("w", w)
        if not 0 < w < 1:
            raise ValueError(f"w must be between 0 and 1 (exclusive), got {w!r}")
        mu1, mu2 = checks.finite_float("mu1", mu1), checks.finite_float("mu2", mu2)
        sigma1 = checks.positive_float("sigma1", sigma1)
        sigma2 = checks.positive_float("sigma2", sigma2)
        if mu1 == mu2:
            raise ValueError(f"mu1 and mu2 must differ (two humps), got {mu1!r} twice")
        self.spec = f"mixture:{_fmt(w, mu1, sigma1, mu2, sigma2)}"
        if mu1 > mu2:  # component 1 is the left one from here on
            w, mu1, sigma1, mu2, sigma2 = 1 - w, mu2, sigma2, mu1, sigma1
        self.w, self.mu1, self.sigma1, self.mu2, self.sigma2 = w, mu1, sigma1, mu2, sigma2
        self.mean = w * mu1 + (1 - w) * mu2
        second = w * (sigma1**2 + mu1**2) + (1 - w) * (sigma2**2 + mu2**2)
        self.std = math.sqrt(second - self.mean**2)
        grid = np.linspace(mu1, mu2, 100_001)
        self.split = float(grid[np.argmin(self.pdf(grid))])
        self.weights = (w, 1 - w)

    def _draw(self, shape, rng):
        first = rng.random(shape) < self.w
        left = rng.normal(self.mu1, self.sigma1, shape)
        return np.where(first, left, rng.normal(self.mu2, self.sigma2, shape))

    def pdf(self, x):
        x = np.asarray(x, np.float64)
        one = np.exp(-0.5 * ((x - self.mu1) / self.sigma1) ** 2) / self.sigma1
        two = np.exp(-0.5 * ((x - self.mu2) / self.sigma2) ** 2) / self.sigma2
        return (self.w * one + (1 - self.w) * two) / math.sqrt(2 * math.pi)

    def cdf(self, x):
        from scipy.special import ndtr

        left = ndtr((np.asarray(x, np.float64) - self.mu1) / self.sigma1)
        return self.w * left + (1 - self.w) * ndtr((x - self.mu2) / self.sigma2)

    def ppf(self, u, tolerance=1e-9):
        """The quantile function, by bisection on the exact CDF to ``tolerance`` in x."""
        u = np.asarray(u, np.float64)
        spread = 40 * max(self.sigma1, self.sigma2)
        low, high = np.full(u.shape, self.mu1 - spread), np.full(u.shape, self.mu2 + spread)
        while np.max(high - low, initial=0.0) > tolerance:
            middle = 0.5 * (low + high)
            below = self.cdf(middle) < u
            low, high = np.where(below, middle, low), np.where(below, high, middle)
        return 0.5 * (low + high)


class LogNormal(Target):
    """scipy's ``lognorm(s, loc, scale)``: skewed, with a long right tail. Its formulas are
    scipy.stats' own, written out: the same numbers bit for bit (tests/test_targets.py), without
    the second scipy.stats takes to import."""

    def __init__(self, s, loc=0.0, scale=1.0, seed=None):
        super().__init__(seed)
        self.s, self.scale = checks.positive_float("s", s), checks.positive_float("scale", scale)
        self.loc = checks.finite_float("loc", loc)
        self.spec = f"lognormal:{_fmt(self.s, self.loc, self.scale)}"
        p = np.exp(self.s * self.s)
        self.mean = float(np.sqrt(p) * self.scale + self.loc)
        self.std = float(np.sqrt(p * (p - 1) * self.scale * self.scale))

    def _draw(self, shape, rng):
        return np.exp(self.s * rng.standard_normal(shape)) * self.scale + self.loc

    def pdf(self, x):
        y = (np.asarray(x, np.float64) - self.loc) / self.scale
        inside, outside = y > 0, np.where(np.isnan(y), np.nan, 0.0)
        y = np.where(inside, y, 1.0)
        log_pdf = -(np.log(y) ** 2) / (2 * self.s**2) - np.log(self.s * y * np.sqrt(2 * np.pi))
        return np.where(inside, np.exp(log_pdf) / self.scale, outside)

    def ppf(self, u):
        from scipy.special import ndtri

        return _quantile(u, lambda q: np.exp(self.s * ndtri(q)), 0.0, self.scale, self.loc)


class Laplace(Target):
    """scipy's ``laplace(loc, scale)``: a sharp peak and heavy tails; scipy.stats' formulas, as
    for ``LogNormal``."""

    def __init__(self, loc=0.0, scale=1.0, seed=None):
        super().__init__(seed)
        self.loc = checks.finite_float("loc", loc)
        self.scale = checks.positive_float("scale", scale)
        self.spec = f"laplace:{_fmt(self.loc, self.scale)}"
        self.mean, self.std = self.loc, float(np.sqrt(2 * self.scale * self.scale))

    def _draw(self, shape, rng):
        return rng.laplace(0, 1, size=shape) * self.scale + self.loc

    def pdf(self, x):
        y = (np.asarray(x, np.float64) - self.loc) / self.scale
        return 0.5 * np.exp(-abs(y)) / self.scale

    def ppf(self, u):
        def standard(q):
            with np.errstate(divide="ignore"):
                return np.where(q > 0.5, -np.log(2 * (1 - q)), np.log(2 * q))

        return _quantile(u, standard, -np.inf, self.scale, self.loc)


def _quantile(u, standard_ppf, lowest, scale, loc):
    """``standard_ppf(u) * scale + loc`` inside (0, 1), the support's ends at 0 and 1 (``lowest``
    and infinity), NaN outside: as scipy.stats computes a quantile."""
    u = np.asarray(u, np.float64)
    inside = (u > 0) & (u < 1)
    out = np.where(inside, standard_ppf(np.where(inside, u, 0.5)) * scale + loc, np.nan)
    out = np.where(u == 0, lowest * scale + loc, out)
    out = np.where(u == 1, np.inf, out)
    return out[()] if out.ndim == 0 else out


FAMILIES = {
    "normal": (Normal, "MU,SIGMA"),
    "mixture": (Mixture, "W,MU1,SIGMA1,MU2,SIGMA2"),
    "lognormal": (LogNormal, "S,LOC,SCALE"),
    "laplace": (Laplace, "LOC,SCALE"),
}


def parse(spec):
    """A target from its text: ``normal:MU,SIGMA``, ``mixture:W,MU1,SIGMA1,MU2,SIGMA2``,
    ``lognormal:S,LOC,SCALE`` or ``laplace:LOC,SCALE``; a ``ValueError`` says what is wrong."""
    family, _, arguments = str(spec).strip().partition(":")
    if family not in FAMILIES:
        raise ValueError(f"target must be one of {', '.join(FAMILIES)} (as FAMILY:NUMBERS), "
                         f"got {spec!r}")  # fmt: skip
    cls, fields = FAMILIES[family]
    parts = [p.strip() for p in arguments.split(",")] if arguments.strip() else []
    if len(parts) != fields.count(",") + 1:
        raise ValueError(f"target {family} takes {fields}, got {spec!r}")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"target {family} takes numbers {fields}, got {spec!r}") from None
    return cls(*values)
