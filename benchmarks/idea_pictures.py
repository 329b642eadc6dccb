"""What breaks without each idea of the recipe: the pictures of chapter 7's "Take one idea away".

    python benchmarks/idea_pictures.py [--out gan_tutorial/data/idea_pictures.json] [--shown 4]

For every idea of the recipe that ``benchmarks/recipe_search.py`` found (its ``recipe``), the
target of the search that loses most converged runs when that idea alone is undone is trained
twice on the search's seeds: with every idea but that one, and with all of them. Kept for each:
every seed's outcome, and the sorted samples (99 quantiles) of the first ``--shown`` seeds that
do not converge without the idea (and whose samples are finite numbers), the same seeds in
both. The converged counts must equal the search's own (same recipes, targets and seeds): the
script stops if they do not.
"""

import argparse
import functools
import pathlib
import sys

import numpy as np

from gan_tutorial import GANEngine, GeneratorDistribution, data, targets
from gan_tutorial.bench import save_result
from gan_tutorial.presets import recipe
from gan_tutorial.sweep import classify

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from recipe_search import key  # noqa: E402 - benchmarks/recipe_search.py, the search's names

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/idea_pictures.json"
LEVELS = np.arange(1, 100) / 100  # the quantiles kept of each shown run


def costliest_target(search, idea):
    """The target whose converged rate drops most when ``idea`` alone is undone."""
    evaluations, full = search["evaluations"], set(search["recipe"])
    with_it = evaluations[key(full)]["rates"]
    without = evaluations[key(full - {idea})]["rates"]
    return max(search["targets"], key=lambda spec: with_it[spec] - without[spec])


@functools.cache  # the whole recipe, on a target several ideas share, is trained once
def train(ideas, spec, seeds):
    """Every seed's outcome and samples for the recipe of ``ideas`` on ``spec`` (tuples)."""
    target = targets.parse(spec)
    engine = GANEngine(target, GeneratorDistribution(8), preset=recipe(ideas), seed=list(seeds),
                       log=None)  # fmt: skip
    engine.train(strict=False)
    outcomes = [classify(row, target.mean, target.std) for row in engine.summary()]
    return outcomes, engine.sample()


def quantiles(samples):
    """Each run's ``LEVELS`` quantiles, to 4 decimals: its sorted samples, in brief."""
    return np.quantile(samples, LEVELS, axis=1).T.round(4).tolist()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--shown", type=int, default=4, help="runs drawn per idea")
    args = parser.parse_args(argv)
    if args.shown < 1:
        parser.error(f"--shown must be at least 1, got {args.shown}")
    search = data.recipe_search()
    seeds, full = tuple(search["seeds"]), tuple(sorted(search["recipe"]))
    pictures = {}
    for idea in full:
        spec = costliest_target(search, idea)
        without = tuple(i for i in full if i != idea)
        before, before_samples = train(without, spec, seeds)
        after, after_samples = train(full, spec, seeds)
        for ideas, outcomes in ((without, before), (full, after)):
            recorded = search["evaluations"][key(ideas)]["rates"][spec]
            if outcomes.count("converged") != round(recorded * len(seeds)):
                sys.exit(f"{key(ideas)} on {spec}: {outcomes.count('converged')} converged, "
                         f"the search recorded {recorded:.2f} of {len(seeds)}")  # fmt: skip
        drawable = np.isfinite(before_samples).all(axis=1) & np.isfinite(after_samples).all(axis=1)
        failed = [k for k, outcome in enumerate(before) if outcome != "converged" and drawable[k]]
        shown = failed[: args.shown]
        pictures[idea] = {
            "target": spec,
            "before": before,
            "after": after,
            "shown_seeds": [seeds[k] for k in shown],
            "before_quantiles": quantiles(before_samples[shown]),
            "after_quantiles": quantiles(after_samples[shown]),
        }
        counts = f"{before.count('converged')} -> {after.count('converged')} of {len(seeds)}"
        print(f"{idea}: {spec}, converged {counts}", file=sys.stderr, flush=True)
    result = {"seeds": list(seeds), "levels": LEVELS.round(2).tolist(), "pictures": pictures}
    save_result(args.out, "idea_pictures.py", argv or sys.argv[1:], result, indent=1)


if __name__ == "__main__":
    main()
