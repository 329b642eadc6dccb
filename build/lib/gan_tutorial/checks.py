"""Argument checks shared by every entry point: bad input fails where it enters, by name."""

import math
import numbers


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
