"""One idea at work: chapter 7's standardised data, on a far and narrow target.

    python benchmarks/one_idea.py [--out gan_tutorial/data/one_idea.json]

``sweep.before_and_after`` trains seeds 0-7 on N(-10, 0.25^2) with the first two ideas of the
ladder (gradient penalties and Adam), then with standardised data added. The book draws the
saved result: training the two recipes (each traced first) takes seconds the chapter would
otherwise spend every time it is built. tests/test_chapters.py trains it again and compares.
"""

import pathlib

from gan_tutorial import presets, targets
from gan_tutorial.bench import save_command
from gan_tutorial.sweep import before_and_after

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/one_idea.json"
TARGET, SEEDS, SAMPLES = "normal:-10,0.25", list(range(8)), 500
FIRST_TWO = ["gradient-penalties", "adam"]
RECIPES = {
    "first two ideas / 前两个技巧": FIRST_TWO,
    "+ standardise / + 标准化": FIRST_TWO + ["standardise"],
}


def compute():
    """The before and after, as the package ships it (samples to 3 decimals)."""
    runs = before_and_after(
        targets.parse(TARGET),
        {label: presets.recipe(ideas) for label, ideas in RECIPES.items()},
        SEEDS,
        SAMPLES,
    )
    results = {
        label: {
            "outcomes": run["outcomes"],
            "samples": run["samples"].astype(float).round(3).tolist(),
        }
        for label, run in runs.items()
    }
    return {"target": TARGET, "seeds": SEEDS, "recipes": RECIPES, "results": results}


def main(argv=None):
    save_command("one_idea.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
