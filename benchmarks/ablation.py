"""The full-size tables of chapters 7 and 8, from the package's own engine.

    python benchmarks/ablation.py [--out gan_tutorial/data/ablation.json] [--quick]
    python benchmarks/ablation.py --rerun PRESET [PRESET ...]   # only those presets' rows

- ``families``: every preset on targets of four families (100 seeds each);
- ``ablation``: ``improved`` with each of its changes undone in turn, on five targets;
- ``minibatch``: the original recipe with and without minibatch discrimination on two humps,
  at the document's learning rate and at the published code's;
- ``gaussians``: ``improved`` on a grid of normal targets (50 seeds each);
- ``floors``: for each target of ``families``, the best W1/std that any G of the document's size
  reaches when fitted directly to the target's quantiles (``benchmarks/floor.py``).

Chapters 7 and 8 run smaller versions of these sweeps live and read this file, through
``gan_tutorial.data.ablation()``, for the full tables (16 to 20 minutes on 2 cores: too long to
run while the book builds). ``--quick`` runs every row on 10 seeds, to try the script.
"""

import argparse
import datetime
import json
import pathlib
import sys
import time

from gan_tutorial import GANEngine, GeneratorDistribution, targets
from gan_tutorial.bench import machine
from gan_tutorial.presets import CHANGES, IMPROVED, PRESETS
from gan_tutorial.sweep import evaluate

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial" / "data" / "ablation.json"
SEEDS = list(range(100))
FAMILIES = {
    "normal": ["normal:4,0.5", "normal:-10,0.25", "normal:10,3"],
    "mixture": [
        "mixture:0.5,-2,0.5,2,0.5",
        "mixture:0.3,-3,0.25,1,1",
        "mixture:0.7,0,0.5,4,0.25",
        "mixture:0.5,-4,0.5,4,0.5",
        "mixture:0.4,0,1,6,1",
    ],
    "lognormal": ["lognormal:0.25,0,1", "lognormal:0.5,0,1", "lognormal:0.75,0,1"],
    "laplace": ["laplace:0,1", "laplace:5,0.5"],
}
ABLATION_TARGETS = [
    "normal:4,0.5",
    "mixture:0.5,-2,0.5,2,0.5",
    "mixture:0.7,0,0.5,4,0.25",
    "mixture:0.5,-4,0.5,4,0.5",
    "laplace:0,1",
]
GRID_MUS = (-10.0, -5.0, 0.0, 4.0, 10.0)
GRID_SIGMAS = (0.25, 0.5, 1.0, 2.0, 3.0)


def row(preset, spec, seeds, learning_rate=None):
    """One sweep: converged count and rate, median and p90 W1/std, outcomes."""
    start = time.perf_counter()
    target = targets.parse(spec)
    model = GANEngine(target, GeneratorDistribution(8), preset=preset, seed=seeds,
                      learning_rate=learning_rate, log=None)  # fmt: skip
    result = evaluate(model)
    std = target.std
    summary = {
        "preset": model.preset.name,
        "target": target.spec,
        "learning_rate": model.learning_rate,
        "n": result["n"],
        "converged": result["outcomes"]["converged"],
        "converged_rate": result["converged_rate"],
        "median_w1_over_std": None if result["median_w1"] is None else result["median_w1"] / std,
        "p90_w1_over_std": None if result["p90_w1"] is None else result["p90_w1"] / std,
        "outcomes": result["outcomes"],
    }
    print(f"{summary['preset']:40s} {target.spec:28s} {summary['converged']:3d}/{summary['n']} "
          f"({time.perf_counter() - start:.1f} s)", file=sys.stderr, flush=True)  # fmt: skip
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--quick", action="store_true", help="10 seeds per row, to try it")
    parser.add_argument("--rerun", nargs="+", metavar="PRESET",
                        help="recompute only these presets' rows of the existing --out file, "
                        "after a change that affects them alone")  # fmt: skip
    args = parser.parse_args(argv)
    if args.rerun:
        return rerun(args.out, args.rerun)
    seeds = SEEDS[:10] if args.quick else SEEDS
    start = time.perf_counter()
    specs = [spec for family in FAMILIES.values() for spec in family]
    tables = {
        "families": [row(PRESETS[name], spec, seeds) for name in PRESETS for spec in specs],
        "ablation": [
            row(preset, spec, seeds)
            for preset in [IMPROVED] + [IMPROVED.without(c) for c in CHANGES["improved"]]
            for spec in ABLATION_TARGETS
        ],
        "minibatch": [
            row(PRESETS[name], "mixture:0.5,-2,0.5,2,0.5", seeds, rate)
            for name in ("original", "original+minibatch")
            for rate in (0.03, 0.005)
        ],
        "gaussians": [
            row(IMPROVED, f"normal:{mu:g},{sigma:g}", seeds[:50])
            for mu in GRID_MUS
            for sigma in GRID_SIGMAS
        ],
    }
    from floor import fit  # noqa: PLC0415 - benchmarks/floor.py, beside this script

    tables["floors"] = [fit(targets.parse(spec), restarts=32 if args.quick else 384)
                        for spec in specs]  # fmt: skip
    result = {
        "command": "python benchmarks/ablation.py" + (" --quick" if args.quick else ""),
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "seconds": round(time.perf_counter() - start, 1),
        **tables,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out} in {result['seconds']} s", file=sys.stderr)


def rerun(out, names):
    """Recompute the rows of ``names`` in ``out`` (same seeds, targets and rates), keep the rest."""
    known = {**PRESETS, **{p.name: p for p in (IMPROVED.without(c) for c in CHANGES["improved"])}}
    unknown = sorted(set(names) - set(known))
    if unknown:
        sys.exit(f"ablation.py: error: --rerun names no preset of these tables: {unknown}")
    result = json.loads(out.read_text())
    start = time.perf_counter()
    for table in ("families", "ablation", "minibatch", "gaussians"):
        for index, old in enumerate(result[table]):
            if old["preset"] in names:
                seeds = SEEDS[: old["n"]]
                rate = old["learning_rate"] if table == "minibatch" else None
                result[table][index] = row(known[old["preset"]], old["target"], seeds, rate)
    result.setdefault("reruns", []).append(
        {"presets": sorted(names), "date": datetime.date.today().isoformat(),
         "seconds": round(time.perf_counter() - start, 1)}
    )  # fmt: skip
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"rewrote the rows of {', '.join(names)} in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
