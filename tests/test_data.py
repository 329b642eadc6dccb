"""Package data: the full tables of chapters 7 and 8 ship inside the package, so a chapter
opened alone finds them (``gan_tutorial.data.ablation()``); ``benchmarks/ablation.py`` writes
them there."""

import json
import pathlib

import numpy as np
import pytest
from book_files import load_script

from gan_tutorial import data

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_ablation_tables_ship_with_the_package():
    table = data.ablation()
    tables = {"families", "ablation", "minibatch", "gaussians", "floors"}
    assert tables | {"command", "date", "machine", "seconds"} <= set(table)
    assert all(table[name] for name in tables)
    assert any(row["preset"] == "improved" for row in table["ablation"])
    for row in table["families"] + table["ablation"] + table["gaussians"]:
        assert sum(row["outcomes"].values()) == row["n"]
        assert row["outcomes"]["converged"] == row["converged"]
    # Every target of the families table has its floor, and a floor is a distance (>= 0).
    floors = {row["target"]: row["floor"] for row in table["floors"]}
    assert {row["target"] for row in table["families"]} == set(floors)
    assert all(floor >= 0 for floor in floors.values())
    shipped = pathlib.Path(data.__file__).parent / "ablation.json"
    assert table == json.loads(shipped.read_text())


def test_the_benchmark_writes_the_package_data():
    module = load_script("benchmarks/ablation.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "ablation.json"


def test_a_row_is_found_by_preset_and_target_and_a_missing_one_is_named():
    found = data.row("families", "improved", "normal:4,0.5")
    assert (found["preset"], found["target"]) == ("improved", "normal:4,0.5")
    for args, name in (
        (("family", "improved", "normal:4,0.5"), "table_name"),
        (("command", "improved", "normal:4,0.5"), "table_name"),
        (("families", "improved", "normal:4,0.6"), "no row"),
    ):
        with pytest.raises(ValueError, match=name):
            data.row(*args)


def test_the_recipe_search_ships_with_the_package_and_the_search_writes_it():

    search = data.recipe_search()
    assert {"recipe", "ladder", "evaluations", "rounds", "seeds", "targets"} <= set(search)
    assert all(name in search["evaluations"] for name in search["ladder"])
    assert set(search["recipe"]) <= set(search["evaluations"][search["ladder"][-1]]["ideas"])
    module = load_script("benchmarks/recipe_search.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "recipe_search.json"


def test_each_ideas_pictures_agree_with_the_search_and_the_idea_is_needed():
    module = load_script("benchmarks/idea_pictures.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "idea_pictures.json"
    search, pictures = data.recipe_search(), data.idea_pictures()
    assert set(pictures["pictures"]) == set(search["recipe"])
    assert pictures["seeds"] == search["seeds"]
    full = set(search["recipe"])
    for idea, picture in pictures["pictures"].items():
        spec, n = picture["target"], len(search["seeds"])
        assert spec == module.costliest_target(search, idea)
        without = search["evaluations"][module.key(full - {idea})]["rates"][spec]
        with_it = search["evaluations"][module.key(full)]["rates"][spec]
        assert picture["before"].count("converged") == round(n * without), idea
        assert picture["after"].count("converged") == round(n * with_it), idea
        assert with_it - without >= search["tolerance"], f"{idea} is necessary on {spec}"
        shown = [search["seeds"].index(seed) for seed in picture["shown_seeds"]]
        assert 1 <= len(shown) <= 4 and all(picture["before"][k] != "converged" for k in shown)
        for key in ("before_quantiles", "after_quantiles"):
            runs = np.array(picture[key])
            assert runs.shape == (len(shown), len(pictures["levels"])), key
            assert np.all(np.diff(runs, axis=1) >= 0), "quantiles rise"


def test_ladder_steps_ship_what_their_benchmark_trains():
    """Chapter 7's saved befores and afters: for each section, the recipes just below and at its
    rungs of the search's ladder, on the target those rungs lift most; that training them again
    gives the same runs is tests/test_chapters.py's to check."""
    module = load_script("benchmarks/ladder_steps.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "ladder_steps.json"
    shipped, search = data.ladder_steps(), data.recipe_search()
    assert shipped["seeds"] == module.SEEDS and list(shipped["sections"]) == list(module.SECTIONS)
    climbed = [idea for ideas in module.SECTIONS.values() for idea in ideas]
    assert climbed == [i for i in data_ladder(search) if i], "the sections climb every rung"
    for name, section in shipped["sections"].items():
        below, top, spec = module.step(search, module.SECTIONS[name])
        assert section["recipes"] == dict(zip(module.LABELS, (below, top)))
        assert section["target"] == spec and section["ideas"] == module.SECTIONS[name]
        assert sorted(set(top) - set(below)) == sorted(section["ideas"])
        for run in section["results"].values():
            assert len(run["outcomes"]) == len(module.SEEDS)
            assert np.shape(run["samples"]) == (len(module.SEEDS), module.SAMPLES)
    with pytest.raises(ValueError, match="consecutive rungs"):
        module.step(search, ["adam", "g-average"])


def data_ladder(search):
    """The idea each rung of the search's ladder adds (None for the document's recipe)."""
    from gan_tutorial.plotting import ladder_rates

    return ladder_rates(search)[1]


def test_the_minibatch_d_ships_with_what_its_benchmark_trains():
    module = load_script("benchmarks/minibatch_d.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "minibatch_d.json"
    saved = data.minibatch_d()
    assert (saved["target"], saved["seeds"], saved["preset"], saved["learning_rate"]) == (
        module.TARGET,
        module.SEEDS,
        module.PRESET,
        module.LEARNING_RATE,
    )
    assert all(len(w) == len(module.SEEDS) for w in saved["weights"]), "one D per seed"


def test_ideas_at_work_ship_what_their_benchmark_trains():
    """Chapter 7's saved snapshots, for the benchmark's targets, seeds, steps and recipes;
    trained again, to the 4 decimals shipped on the saved machine's CPU; elsewhere the pictures
    the chapter describes: D steeper in the data's band without the penalties than with them,
    and without instance noise G's samples short of the small hump."""
    from gan_tutorial import targets
    from gan_tutorial.bench import made_here

    module = load_script("benchmarks/ideas_at_work.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "ideas_at_work.json"
    again, steps = module.compute(), module.STEPS
    for idea, (spec, seeds) in module.EXPERIMENTS.items():
        shipped = data.idea_at_work(idea)
        assert [shipped["target"], shipped["seeds"], shipped["steps"]] == [spec, seeds, steps]
        assert shipped["recipes"] == module.recipes(idea) and list(shipped["runs"]) == list(
            shipped["recipes"]) and "improved" in shipped["runs"]  # fmt: skip
        for runs in shipped["runs"].values():
            assert [s["step"] for s in runs] == module.STEPS
            for snap in runs:
                assert snap["samples"].shape == (len(seeds), module.SAMPLES)
                assert snap["decision"].shape == snap["mapping"].shape == (4, len(snap["grid"]))
                assert snap["push"].shape == snap["generated"].shape == (4, len(snap["noise"]))
        if made_here(shipped):
            for label, runs in again["experiments"][idea]["runs"].items():
                for mine, theirs in zip(runs, shipped["runs"][label]):
                    for key in module.KEPT:
                        np.testing.assert_array_equal(np.asarray(mine[key]), theirs[key], key)
    penalties = again["experiments"]["gradient-penalties"]
    target = targets.parse(penalties["target"])
    band = np.abs(np.asarray(penalties["runs"]["improved"][-1]["grid"]) - target.mean) <= (
        3 * target.std)  # fmt: skip
    spans = {}
    for label, runs in penalties["runs"].items():
        last = np.asarray(runs[-1]["decision"])[:, band]
        spans[label] = np.median(last.max(axis=1) - last.min(axis=1))
    assert spans["without gradient penalties"] > 2 * spans["improved"]
    noise = again["experiments"]["instance-noise"]
    split = targets.parse(noise["target"]).split  # the low between the two humps
    beyond = {label: np.median(np.mean(np.asarray(runs[-1]["samples"]) > split, axis=1))
              for label, runs in noise["runs"].items()}  # fmt: skip
    assert beyond["without instance noise"] < 0.15 < 0.2 < beyond["improved"]
    with pytest.raises(ValueError, match="idea must be one of"):
        data.idea_at_work("adam")
