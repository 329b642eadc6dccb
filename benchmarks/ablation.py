"""The full-size tables of chapter 7: presets with and without D_pre, the ablation of every change
of ``improved``, and ``improved`` across a grid of targets.

    python benchmarks/ablation.py [--out gan_tutorial/data/ablation.json]

Chapter 7 runs smaller versions of these sweeps live and reads this file for the full tables,
through ``gan_tutorial.data.ablation()``: the file is package data, so a chapter opened alone (on
Colab or Binder) finds it too.
"""

import argparse
import datetime
import json
import pathlib
import sys
import time

from gan_tutorial import DataDistribution, GANEngine, GeneratorDistribution
from gan_tutorial.bench import machine
from gan_tutorial.presets import CHANGES, IMPROVED, ORIGINAL
from gan_tutorial.sweep import evaluate

# Package data (gan_tutorial.data.ablation() reads it), wherever this script is run from.
OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial" / "data" / "ablation.json"
SEEDS = list(range(100))
GRID_MUS = (-10.0, -5.0, 0.0, 4.0, 10.0)
GRID_SIGMAS = (0.25, 0.5, 1.0, 2.0, 3.0)
GRID_SEEDS = list(range(50))


def row(preset, mu=4.0, sigma=0.5, seeds=SEEDS, pretrain=True):
    start = time.perf_counter()
    model = GANEngine(
        DataDistribution(mu, sigma),
        GeneratorDistribution(8),
        preset=preset,
        pretrain=pretrain,
        seed=seeds,
        log=None,
    )
    result = evaluate(model)
    ratios = sorted(r["w1"] / sigma for r in result["runs"] if r["w1"] is not None)
    summary = {
        "preset": preset.name,
        "pretrain": pretrain,
        "mu": mu,
        "sigma": sigma,
        "n": result["n"],
        "converged": result["outcomes"]["converged"],
        "converged_rate": result["converged_rate"],
        "median_w1_over_sigma": None
        if result["median_w1"] is None
        else result["median_w1"] / sigma,
        "p90_w1_over_sigma": None if result["p90_w1"] is None else result["p90_w1"] / sigma,
        "max_w1_over_sigma": ratios[-1] if len(ratios) == result["n"] else None,
        "outcomes": result["outcomes"],
    }
    print(
        f"{preset.name:32s} pretrain={pretrain!s:5} N({mu:g}, {sigma:g}): "
        f"{summary['converged']}/{summary['n']} "
        f"({time.perf_counter() - start:.1f} s)",
        file=sys.stderr,
    )
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tables = {
        "pretraining": [
            row(p, pretrain=pre) for p in (ORIGINAL, IMPROVED) for pre in (True, False)
        ],
        "ablation": [row(IMPROVED)] + [row(IMPROVED.without(change)) for change in CHANGES],
        "targets": [
            row(IMPROVED, mu, sigma, GRID_SEEDS) for mu in GRID_MUS for sigma in GRID_SIGMAS
        ],
    }
    result = {
        "command": "python benchmarks/ablation.py",
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "seconds": round(time.perf_counter() - start, 1),
        **tables,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {args.out} in {result['seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
