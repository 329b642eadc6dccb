"""Two ideas at work: chapter 7's runs of improved with and without one idea, step by step.

    python benchmarks/ideas_at_work.py [--out gan_tutorial/data/ideas_at_work.json]

For each idea of ``EXPERIMENTS``, trains ``improved`` and ``improved`` without that idea on the
idea's target and seeds, and keeps the snapshots of ``GANEngine.train(record_every=100)`` at the
steps chapter 7 draws: G's mapping, its samples, D on a grid and the push on a batch's
generated points. Chapter 7 draws them as chapter 6 draws its runs; training the second recipe
(compiled first) would add seconds to every build of the book. tests/test_data.py trains them
again and compares.
"""

import pathlib

from gan_tutorial import GANEngine, GeneratorDistribution, presets, targets
from gan_tutorial.bench import save_command

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/ideas_at_work.json"
STEPS, SAMPLES = [0, 100, 300, 1200], 200
EXPERIMENTS = {  # idea: (target, seeds)
    # the document's target, on which the penalties change how the game is played
    "gradient-penalties": ("normal:4,0.5", [0, 1, 2, 3]),
    # the two humps of chapter 7's "- instance-noise" panel, and the four seeds it draws
    "instance-noise": ("mixture:0.7,0,0.5,4,0.25", [5002, 5005, 5009, 5017]),
}
KEPT = ("mapping", "generated", "push", "samples", "decision")  # what plot_run draws


def recipes(idea):
    """The two recipes of ``idea``'s experiment, label -> ideas: without it, and ``improved``."""
    without = [other for other in presets.IDEAS if other != idea]
    return {f"without {idea.replace('-', ' ')}": without, "improved": list(presets.IDEAS)}


def snapshots(spec, seeds, ideas):
    """The snapshots at ``STEPS`` of the recipe with ``ideas``, as the package ships them."""
    engine = GANEngine(targets.parse(spec), GeneratorDistribution(8),
                       preset=presets.recipe(ideas), seed=seeds, log=None)  # fmt: skip
    engine.train(record_every=100, record_samples=SAMPLES)
    return [
        {
            "step": s["step"],
            "grid": s["grid"].tolist(),
            "noise": s["noise"].tolist(),
            **{key: s[key].astype(float).round(4).tolist() for key in KEPT},
        }
        for s in engine.snapshots
        if s["step"] in STEPS
    ]


def compute(ideas=tuple(EXPERIMENTS)):
    """Each experiment of ``ideas``: its target, seeds and recipes, and each recipe's runs."""
    experiments = {}
    for idea in ideas:
        spec, seeds = EXPERIMENTS[idea]
        runs = {label: snapshots(spec, seeds, kept) for label, kept in recipes(idea).items()}
        experiments[idea] = {"target": spec, "seeds": seeds, "recipes": recipes(idea),
                             "runs": runs}  # fmt: skip
    return {"steps": STEPS, "experiments": experiments}


def main(argv=None):
    save_command("ideas_at_work.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
