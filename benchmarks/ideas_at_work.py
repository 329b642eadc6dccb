"""Every idea at work: chapter 7's runs of improved with and without each idea, step by step.

    python benchmarks/ideas_at_work.py [--out gan_tutorial/data/ideas_at_work.json]

One target for every idea, chapter 7's two humps (``TARGET``), and the recipe search's 50 seeds.
For each idea the search found necessary, trains ``improved`` without that idea and with it on
all 50 seeds and keeps every seed's outcome (on another machine's CPU a few seeds may end
otherwise than in the search). For the seed that ends furthest from the target without the idea
(largest W1), it keeps both runs' snapshots of ``GANEngine.train(record_every=100)`` at the
steps chapter 7 draws (G's mapping, its samples, D on a grid and the push on a batch's
generated points), and their W1 every 100 steps. Chapter 7 draws them as chapter 6 draws its
runs. tests/test_data.py trains some of them again and compares.
"""

import functools
import pathlib
import sys

from gan_tutorial import GANEngine, GeneratorDistribution, data, metrics, presets, targets
from gan_tutorial.bench import save_command
from gan_tutorial.streams import EVAL_SAMPLES
from gan_tutorial.sweep import classify

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/ideas_at_work.json"
#: Two humps, at 0 and 4, with weights 0.7 and 0.3: every idea of the recipe is needed here.
TARGET = "mixture:0.7,0,0.5,4,0.25"
STEPS, SAMPLES = [100, 300, 1200], 200
KEPT = ("mapping", "generated", "push", "samples", "decision")  # what plot_run draws


def recipes(idea, full):
    """The two recipes of ``idea``'s experiment, label -> ideas: without it, and all of ``full``
    (every idea of ``presets.IDEAS``: ``improved``)."""
    return {"without": [other for other in full if other != idea], "with": list(full)}


def engine(ideas, seeds):
    """An engine of the recipe with ``ideas`` on ``TARGET``, one run per seed of ``seeds``."""
    return GANEngine(targets.parse(TARGET), GeneratorDistribution(8),
                     preset=presets.recipe(ideas), seed=list(seeds), log=None)  # fmt: skip


@functools.cache  # the whole recipe is trained once for all ideas
def trained(ideas, seeds):
    """The recipe of ``ideas`` (a tuple) trained on ``TARGET``, a run per seed of ``seeds``, with
    a snapshot every 100 steps on the 10,000 samples the engine scores a run with."""
    model = engine(ideas, seeds)
    model.train(record_every=100, record_samples=EVAL_SAMPLES, strict=False)
    return model


@functools.cache  # the whole recipe's outcomes serve every idea
def outcomes(model):
    """Every seed's outcome, and its W1 / std (None where G's samples are not finite)."""
    target = model.data
    rows = model.summary()
    w1s = [None if row["w1"] is None else row["w1"] / target.std for row in rows]
    return [classify(row, target.mean, target.std, target) for row in rows], w1s


def shown_run(model, k):
    """The run of ``model``'s ``k``-th seed: its snapshots at ``STEPS``, as shipped (``SAMPLES``
    of G's samples, with a seed axis of one), and its W1 / std at every snapshot."""
    target, kept = model.data, slice(k, k + 1)
    snapshots = [
        {
            "step": s["step"],
            "grid": s["grid"].tolist(),
            "noise": s["noise"].tolist(),
            **{key: s[key][kept].astype(float).round(4).tolist() for key in KEPT},
        }
        for s in model.snapshots
        if s["step"] in STEPS
    ]
    scores = [metrics.score(s["samples"][k], target)["w1"] for s in model.snapshots]
    if scores[-1] / target.std != outcomes(model)[1][k]:
        sys.exit("the last snapshot's samples are not the ones the run is scored on")
    for snap in snapshots:
        snap["samples"] = [snap["samples"][0][:: EVAL_SAMPLES // SAMPLES]]  # spread over z
    return snapshots, {"steps": [s["step"] for s in model.snapshots],
                       "w1_over_std": [round(w1 / target.std, 4) for w1 in scores]}  # fmt: skip


def experiment(idea, search):
    """``idea``'s experiment: every seed's outcome without and with it, and the run of the seed
    that ends furthest from the target without it, both ways."""
    full, seeds = tuple(presets.IDEAS), tuple(search["seeds"])
    both = recipes(idea, full)
    models = {label: trained(tuple(ideas), seeds) for label, ideas in both.items()}
    results = {label: outcomes(model) for label, model in models.items()}
    ends, w1s = results["without"]
    failed = [k for k, end in enumerate(ends) if end != "converged" and w1s[k] is not None]
    if not failed:
        sys.exit(f"every seed converges without {idea} on {TARGET}: nothing to show")
    shown = max(failed, key=lambda k: w1s[k])
    runs = {label: shown_run(model, shown) for label, model in models.items()}
    return {"recipes": both, "outcomes": {label: ends for label, (ends, _) in results.items()},
            "shown_seed": seeds[shown], "runs": {label: r for label, (r, _) in runs.items()},
            "scores": {label: scores for label, (_, scores) in runs.items()}}  # fmt: skip


def compute():
    """Every idea's experiment, with the target, seeds and steps they share."""
    search = data.recipe_search()
    return {
        "target": TARGET,
        "seeds": search["seeds"],
        "steps": STEPS,
        "experiments": {idea: experiment(idea, search) for idea in search["recipe"]},
    }


def main(argv=None):
    save_command("ideas_at_work.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
