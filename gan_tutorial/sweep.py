"""Seed sweeps: how often does a recipe reach its target, and how do the other runs fail?

All seeds of a sweep train at once along the model's seed axis, in one compiled loop.
"""

import math
import re

import numpy as np

# A run's mean is "near" the target when it is within this many target stds of the target's mean.
NEAR_MU_IN_SIGMAS = 1.0
# A run near the mean whose spread is below this fraction of the target's std has collapsed onto a
# spike; with two humps, a run that gives a hump less than this fraction of its weight has
# collapsed onto the other one.
COLLAPSED_STD_FRACTION = 0.5
OUTCOMES = ("converged", "collapsed", "diverged", "other", "non-finite")


def _seed_range(text, name):
    """``(first, last)`` for ``"A-B"``, ``None`` for anything else."""
    match = re.fullmatch(r"(\d+)\s*-\s*(\d+)", text)
    if not match:
        return None
    first, last = int(match[1]), int(match[2])
    if last < first:
        raise ValueError(f"{name} range {text!r} must go up (A-B with A <= B)")
    return first, last


def parse_seeds(text, name="seeds"):
    """``"A-B"`` (inclusive) or ``"a,b,c"`` to a list of distinct non-negative ints.

    Errors name the input as ``name`` (the command line passes ``"--seeds"``).
    """
    text = str(text).strip()
    bounds = _seed_range(text, name)
    if bounds:
        return list(range(bounds[0], bounds[1] + 1))
    if not re.fullmatch(r"\d+(\s*,\s*\d+)*", text):
        raise ValueError(
            f"{name} must be a range A-B or a comma list of integers >= 0, got {text!r}"
        )
    seeds = [int(part) for part in text.split(",")]
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"{name} must not repeat, got {text!r}")
    return seeds


def count_seeds(text, name="seeds"):
    """How many seeds ``parse_seeds(text)`` gives, with its errors, without building a range's
    list (``"0-99999999"`` is counted at once)."""
    bounds = _seed_range(str(text).strip(), name)
    return bounds[1] - bounds[0] + 1 if bounds else len(parse_seeds(text, name))


def classify(run, mu, sigma, target=None):
    """One of ``OUTCOMES`` for a summary row (mean, std, w1, converged; shares for two humps).

    ``mu`` and ``sigma`` are the target's mean and std; ``target`` (two-humped ones) lets a run
    that covers one hump only count as collapsed.
    """
    if run["w1"] is None:
        return "non-finite"
    if run["converged"]:
        return "converged"
    if abs(run["mean"] - mu) > NEAR_MU_IN_SIGMAS * sigma:
        return "diverged"
    if run["std"] < COLLAPSED_STD_FRACTION * sigma:
        return "collapsed"
    shares = run.get("shares")
    if target is not None and shares is not None:
        if any(s < COLLAPSED_STD_FRACTION * w for s, w in zip(shares, target.weights)):
            return "collapsed"
    return "other"


def sweep(
    seeds,
    preset="original",
    target="normal:4,0.5",
    range=8.0,  # noqa: A002 - the document's name
    pretrain=True,
    num_steps=1200,
    batch_size=12,
    progress=None,
):
    """Train one GAN per seed on ``target`` (a ``targets`` object or its text); see
    ``evaluate`` for what comes back."""
    from gan_tutorial.distributions import GeneratorDistribution
    from gan_tutorial.engine import GANEngine
    from gan_tutorial.targets import Target, parse

    data = target if isinstance(target, Target) else parse(target)
    model = GANEngine(
        data,
        GeneratorDistribution(range=range),
        num_steps,
        batch_size,
        preset=preset,
        pretrain=pretrain,
        seed=list(seeds),
        log=None,
    )
    return evaluate(model, progress)


def evaluate(model, progress=None, record_every=None, record_samples=1000):
    """Train ``model`` (a ``GANEngine`` with a list of seeds); return the rate of convergence, w1
    statistics and every run with its outcome.

    ``progress``, if given, is called with one line per seed as results come in; with
    ``record_every``, the model also keeps snapshots of training (see ``GANEngine.train``).
    """
    model.train(record_every=record_every, record_samples=record_samples, strict=False)
    target = model.data
    mu, sigma = target.mean, target.std
    runs = []
    for row in model.summary():
        run = {k: row[k] for k in ("seed", "mean", "std", "w1", "converged")}
        if row["shares"] is not None:
            run["shares"] = row["shares"]
        run["outcome"] = classify(row, mu, sigma, target)
        if row["failure"]:
            run["failure"] = row["failure"]
        runs.append(run)
        if progress:
            w1_text = "   -  " if run["w1"] is None else f"{run['w1']:6.3f}"
            progress(f"seed {run['seed']:4d}: w1 {w1_text}  {run['outcome']}")
    w1s = np.array([math.inf if r["w1"] is None else r["w1"] for r in runs])
    finite = lambda x: float(x) if math.isfinite(x) else None  # noqa: E731 - JSON has no inf
    return {
        "preset": model.preset.name,
        "target": target.spec,
        "mu": mu,
        "sigma": sigma,
        "std_target": sigma,
        "pretrain": model.pretrain_enabled,
        "n": len(runs),
        "converged_rate": float(np.mean([r["converged"] for r in runs])),
        "median_w1": finite(np.median(w1s)),
        "p90_w1": finite(np.percentile(w1s, 90, method="higher")),
        "outcomes": {name: sum(r["outcome"] == name for r in runs) for name in OUTCOMES},
        "runs": runs,
    }
