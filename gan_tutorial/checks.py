"""Argument checks shared by every entry point: bad input fails where it enters, by name."""

import math
import numbers

import numpy as np


def positive_int(name, value, minimum=1):
    """Return ``value`` as an int, or raise ``ValueError`` naming ``name`` and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def positive_float(name, value):
    """Return ``value`` as a float, or raise ``ValueError`` unless it is finite and > 0."""
    number = finite_float(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def finite_float(name, value):
    """Return ``value`` as a float, or raise ``ValueError`` unless it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def seed(value, name="seed"):
    """Seeds are non-negative integers (numpy's SeedSequence accepts nothing else)."""
    return positive_int(name, value, minimum=0)


def rng(value):
    """A ``numpy.random.Generator`` from ``value``: an int seed, ``None`` (fresh entropy), or a
    Generator, returned as it is."""
    if isinstance(value, np.random.Generator):
        return value
    return np.random.default_rng(None if value is None else seed(value))


def sample_shape(n):
    """A sample's shape from N or a shape (..., N): many batches can come out of one draw."""
    shape = (n,) if np.ndim(n) == 0 else tuple(n)
    for size in shape:
        positive_int("N", size)
    return shape
