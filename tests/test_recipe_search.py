"""benchmarks/recipe_search.py: its ideas are exactly improved's changes, and its greedy search
keeps what is necessary and builds the ladder (checked on made-up rates, so that it runs in
milliseconds; the real search takes an hour)."""

import dataclasses
import json
import pathlib
import sys

import pytest
from book_files import load_script

from gan_tutorial.presets import IMPROVED, ORIGINAL

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def search():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        module = load_script("benchmarks/recipe_search.py")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def _settings(preset):
    return {k: v for k, v in dataclasses.asdict(preset).items() if k not in ("name", "description")}


def test_the_ideas_are_improveds_changes_and_nothing_else(search):
    assert _settings(search.recipe(search.IDEAS)) == _settings(IMPROVED)
    assert _settings(search.recipe([])) == _settings(ORIGINAL)
    fields = [field for settings in search.IDEAS.values() for field in settings]
    assert len(fields) == len(set(fields)), "a setting in two ideas"
    for idea, settings in search.IDEAS.items():
        changed = [f for f in settings if getattr(IMPROVED, f) != getattr(ORIGINAL, f)]
        assert changed, f"{idea} changes nothing the document's recipe does not already do"
    with pytest.raises(ValueError, match="ideas"):
        search.recipe(["adam", "no-such-idea"])


def test_the_search_undoes_what_costs_nothing_and_keeps_what_is_necessary(search, monkeypatch):
    """Made-up rates: each idea adds its share to one target's rate, so undoing it costs that
    share. Ideas worth 5 points or more are necessary; the rest go, the cheapest first."""
    worth = {idea: 0.0 for idea in search.IDEAS}
    worth.update({"adam": 0.3, "gradient-penalties": 0.2, "standardise": 0.06, "logits": 0.04})
    specs, calls = ["normal:4,0.5", "laplace:0,1"], []

    def fake(ideas, specs_, seeds, done):
        calls.append(tuple(sorted(ideas)))
        rate = 0.4 + sum(worth[i] for i in ideas)
        return {specs[0]: rate, specs[1]: 0.4 + worth["adam"] * ("adam" in ideas)}

    monkeypatch.setattr(search, "evaluate_recipe", fake)
    rounds, kept, ladder = search.search(specs, [0], 0.05, {}, lambda: None)
    assert sorted(kept) == ["adam", "gradient-penalties", "standardise"]
    # Free ideas went before logits, the least costly of the others; the last round found every
    # idea left necessary.
    pairs = zip(rounds, rounds[1:])
    removed = [next(i for i in r["from"] if i not in after["from"]) for r, after in pairs]
    assert removed[-1] == "logits" and set(removed) == set(search.IDEAS) - set(kept)
    assert min(rounds[-1]["cost_of_undoing"].values()) >= 0.05
    # The ladder: from no idea to every idea, one idea more at each rung, through the recipe.
    assert [len(rung) for rung in ladder] == list(range(len(search.IDEAS) + 1))
    assert all(set(a) < set(b) for a, b in zip(ladder, ladder[1:]))
    assert sorted(ladder[len(kept)]) == sorted(kept)
    assert tuple(sorted(search.IDEAS)) in calls, "the starting recipe is measured"


def test_a_stopped_search_goes_on_where_it_stopped(search, tmp_path, monkeypatch):
    done = {"logits": {"ideas": ["logits"], "rates": {"normal:4,0.5": 0.5}, "seconds": 1}}
    out = tmp_path / "search.json"
    out.write_text(json.dumps({"seeds": [1, 2], "targets": ["normal:4,0.5"], "evaluations": done}))
    trained = []

    class Engine:
        def __init__(self, *args, **kwargs):
            trained.append(kwargs["preset"].name)

    monkeypatch.setattr(search, "GANEngine", Engine)
    monkeypatch.setattr(search, "evaluate", lambda engine: {"converged_rate": 1.0})
    monkeypatch.setattr(search, "FAMILIES", {"normal": ["normal:4,0.5"]})
    search.main(["--out", str(out), "--seeds", "1,2"])
    result = json.loads(out.read_text())
    assert "logits" not in trained, "an evaluation already in the file was run again"
    assert result["evaluations"]["logits"]["rates"] == {"normal:4,0.5": 0.5}
    assert len(result["ladder"]) == len(search.IDEAS) + 1


def test_bad_arguments_are_one_line_and_status_2(search, capsys):
    for argv in (["--seeds", "3-1"], ["--tolerance", "0"]):
        with pytest.raises(SystemExit) as stop:
            search.main(argv)
        assert stop.value.code == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and error.startswith("recipe_search.py: error: --"), error
