"""The ladder's steps: chapter 7's eight seeds before and after each section's ideas.

    python benchmarks/ladder_steps.py [--out gan_tutorial/data/ladder_steps.json]

Chapter 7 climbs the ladder of benchmarks/recipe_search.py a section at a time. For each
section of ``SECTIONS`` (the ideas it adds, in the ladder's order), ``sweep.before_and_after``
trains seeds 0-7 with the ladder's recipe just below those rungs, then with the recipe at the
last of them, on the search's target that those rungs lift most. The book draws the saved
result: training twelve recipes (each traced first) would take the chapter half a minute at
every build. tests/test_chapters.py trains one section again and compares.
"""

import pathlib

from gan_tutorial import data, presets, targets
from gan_tutorial.bench import save_command
from gan_tutorial.plotting import ladder_rates
from gan_tutorial.sweep import before_and_after

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/ladder_steps.json"
SEEDS, SAMPLES = list(range(8)), 300
SECTIONS = {  # section -> the ideas it adds, consecutive rungs of the ladder
    "game": ["gradient-penalties", "adam"],
    "standardise": ["standardise"],
    "average": ["g-average"],
    "shape": ["kinks-g-start", "stratified-noise"],
    "gradient": ["instance-noise", "sharp-d-start", "no-d-pre"],
    "keep-up": ["five-d-steps", "logits"],
}
LABELS = ("before / 之前", "after / 之后")


def step(search, ideas):
    """The recipes below and at ``ideas``' rungs, and the search's target they lift most."""
    ladder, evaluations = search["ladder"], search["evaluations"]
    added = ladder_rates(search)[1]  # the idea each rung adds (None for the document's)
    first = added.index(ideas[0])
    if added[first : first + len(ideas)] != ideas:
        raise ValueError(f"ideas must be consecutive rungs of the ladder, got {ideas}")
    below, top = (evaluations[ladder[k]] for k in (first - 1, first + len(ideas) - 1))
    lift = {spec: top["rates"][spec] - below["rates"][spec] for spec in search["targets"]}
    return sorted(below["ideas"]), sorted(top["ideas"]), max(lift, key=lift.get)


def compute():
    """Each section's before and after, as the package ships them (samples to 3 decimals)."""
    search, sections = data.recipe_search(), {}
    for name, ideas in SECTIONS.items():
        before, after, spec = step(search, ideas)
        runs = before_and_after(targets.parse(spec), {
            label: presets.recipe(recipe) for label, recipe in zip(LABELS, (before, after))
        }, SEEDS, SAMPLES)  # fmt: skip
        sections[name] = {
            "ideas": ideas, "target": spec, "recipes": dict(zip(LABELS, (before, after))),
            "results": {label: {"outcomes": run["outcomes"],
                                "samples": run["samples"].astype(float).round(3).tolist()}
                        for label, run in runs.items()},
        }  # fmt: skip
    return {"seeds": SEEDS, "sections": sections}


def main(argv=None):
    save_command("ladder_steps.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
