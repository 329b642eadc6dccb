"""The fewest ideas that keep ``improved``'s goals: a greedy search, then its ladder.

    python benchmarks/recipe_search.py [--out gan_tutorial/data/recipe_search.json]
                                       [--seeds 5000-5049] [--tolerance 0.05] [--quick]

``improved`` differs from the document's recipe in many settings. Here they are grouped into
``IDEAS``, each one idea a learner can state in a sentence (R1 and R2 together are "gradient
penalties"; Adam with its betas and its own rates is "Adam"). The search starts from all of
them and, round by round, tries undoing each idea that is left (its settings back to the
document's), on every target of ``benchmarks/ablation.py``'s families, on seeds that no test or
chapter uses. An idea is necessary when undoing it costs at least ``--tolerance`` (5 points)
of converged rate on some target, against all the ideas together; each round undoes the least
costly idea that is not necessary. When every idea left is necessary, they are the recipe; the
ladder continues below it, undoing the rest in the order of the last round's costs, so that
the rates per family can be drawn against the number of ideas, from the document's recipe to
all of them.

Every evaluation is written to ``--out`` as soon as it is done, and a rerun reads them back: a
search stopped halfway goes on where it stopped, and the final file holds every evaluation
with its seeds. ``--quick`` runs two targets on 8 seeds, to try the script.
"""

import argparse
import datetime
import json
import pathlib
import sys
import time

from gan_tutorial import GANEngine, GeneratorDistribution, targets
from gan_tutorial.bench import machine
from gan_tutorial.presets import IDEAS, recipe
from gan_tutorial.sweep import evaluate, parse_seeds

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from ablation import FAMILIES  # noqa: E402 - benchmarks/ablation.py, beside this script

OUT = (
    pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial" / "data" / "recipe_search.json"
)


def key(ideas):
    return "+".join(sorted(ideas)) or "original"


def evaluate_recipe(ideas, specs, seeds, done):
    """Converged rate of the recipe of ``ideas`` on each of ``specs`` (cached in ``done``)."""
    name = key(ideas)
    if name not in done:
        start, preset, rates = time.perf_counter(), recipe(ideas), {}
        for spec in specs:
            engine = GANEngine(targets.parse(spec), GeneratorDistribution(8), preset=preset,
                               seed=seeds, log=None)  # fmt: skip
            rates[spec] = evaluate(engine)["converged_rate"]
        done[name] = {"ideas": sorted(ideas), "rates": rates,
                      "seconds": round(time.perf_counter() - start, 1)}  # fmt: skip
        print(f"{len(ideas):2d} ideas, worst {min(rates.values()):.2f}: {name} "
              f"({done[name]['seconds']} s)", file=sys.stderr, flush=True)  # fmt: skip
    return done[name]["rates"]


def search(specs, seeds, tolerance, done, save):
    """The greedy removal; returns the rounds, the recipe and the ladder (lists of ideas).

    An idea can go when undoing it keeps every target within ``tolerance`` of the rate that all
    the ideas together reach: then it is not necessary, and the least costly goes first."""
    current, rounds = sorted(IDEAS), []
    reference = evaluate_recipe(current, specs, seeds, done)
    save()
    while current:
        costs = {}
        for idea in current:
            rates = evaluate_recipe([i for i in current if i != idea], specs, seeds, done)
            costs[idea] = round(max(reference[spec] - rates[spec] for spec in specs), 4)
            save()
        rounds.append({"from": list(current), "cost_of_undoing": costs})
        cheapest = min(costs, key=costs.get)
        if costs[cheapest] >= tolerance:
            break
        current.remove(cheapest)
    kept = list(current)
    ladder = [list(kept)]
    # Below the recipe: undo what is left, the least costly first (the last round's order).
    for idea in sorted(kept, key=lambda i: rounds[-1]["cost_of_undoing"][i]):
        ladder.append([i for i in ladder[-1] if i != idea])
        evaluate_recipe(ladder[-1], specs, seeds, done)
        save()
    # From no idea up to the recipe, then the ideas the search removed, put back in the reverse
    # order of their removal, up to all of them.
    above = [r["from"] for r in rounds if len(r["from"]) > len(kept)]
    return rounds, kept, [*reversed(ladder), *reversed(above)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--seeds", default="5000-5049",
                        help="seeds of every evaluation (default 5000-5049)")  # fmt: skip
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="the loss on any target that makes an idea necessary "
                        "(default 0.05)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="two targets, 8 seeds, to try it")
    args = parser.parse_args(argv)
    try:
        seeds = parse_seeds(args.seeds, "--seeds")
        if not 0 < args.tolerance <= 1:
            raise ValueError(f"--tolerance must be in (0, 1], got {args.tolerance}")
    except ValueError as error:
        print(f"recipe_search.py: error: {error}", file=sys.stderr)
        sys.exit(2)
    specs = [spec for family in FAMILIES.values() for spec in family]
    if args.quick:
        seeds, specs = seeds[:8], ["normal:4,0.5", "mixture:0.5,-2,0.5,2,0.5"]
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    same = previous.get("seeds") == seeds and previous.get("targets") == specs
    done = previous.get("evaluations", {}) if same else {}
    result = {"command": "python benchmarks/recipe_search.py " + " ".join(argv or sys.argv[1:]),
              "date": datetime.date.today().isoformat(), "machine": machine(),
              "seeds": seeds, "targets": specs, "tolerance": args.tolerance,
              "evaluations": done}  # fmt: skip

    def save():
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1) + "\n")

    rounds, kept, ladder = search(specs, seeds, args.tolerance, done, save)
    result.update(rounds=rounds, recipe=kept, ladder=[key(ideas) for ideas in ladder])
    save()
    print(f"recipe: {len(kept)} ideas: {', '.join(kept)}", file=sys.stderr)


if __name__ == "__main__":
    main()
