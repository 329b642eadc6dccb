"""Gradient penalties at work: chapter 7's D and pushes on the document's target, with and without.

    python benchmarks/penalties_at_work.py [--out gan_tutorial/data/penalties_at_work.json]

Trains ``improved`` and ``improved`` without its gradient penalties on N(4, 0.5), seeds 0-3, and
keeps the snapshots of ``GANEngine.train(record_every=100)`` at the steps chapter 7 draws: G's
mapping, its samples, D on a grid and the push on a batch's generated points. Chapter 7 draws
them as chapter 6 draws its runs; training the second recipe (compiled first) would add seconds
to every build of the book. tests/test_data.py trains them again and compares.
"""

import pathlib

from gan_tutorial import GANEngine, GeneratorDistribution, presets, targets
from gan_tutorial.bench import save_command

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/penalties_at_work.json"
TARGET, SEEDS, STEPS, SAMPLES = "normal:4,0.5", [0, 1, 2, 3], [0, 100, 300, 1200], 200
RECIPES = {
    "without gradient penalties": [idea for idea in presets.IDEAS if idea != "gradient-penalties"],
    "improved": list(presets.IDEAS),
}
KEPT = ("mapping", "generated", "push", "samples", "decision")  # what plot_run draws


def compute():
    """Each recipe's snapshots at ``STEPS``, as the package ships them (4 decimals)."""
    runs = {}
    for label, ideas in RECIPES.items():
        engine = GANEngine(targets.parse(TARGET), GeneratorDistribution(8),
                           preset=presets.recipe(ideas), seed=SEEDS, log=None)  # fmt: skip
        engine.train(record_every=100, record_samples=SAMPLES)
        runs[label] = [
            {
                "step": s["step"],
                "grid": s["grid"].tolist(),
                "noise": s["noise"].tolist(),
                **{key: s[key].astype(float).round(4).tolist() for key in KEPT},
            }
            for s in engine.snapshots
            if s["step"] in STEPS
        ]
    return {"target": TARGET, "seeds": SEEDS, "steps": STEPS, "recipes": RECIPES, "runs": runs}


def main(argv=None):
    save_command("penalties_at_work.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
