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


IDEAS_RETRAINED = ["gradient-penalties", "g-average"]  # two of the ten, to keep the tests quick


def test_ideas_at_work_ship_every_necessary_idea_on_one_target():
    """Chapter 7's saved runs: every idea the search keeps, on the benchmark's target and the
    search's seeds, both ways; the seed drawn fails without the idea (that it is the one that
    ends furthest off, the retraining below checks on the saved machine)."""
    from gan_tutorial import presets

    module = load_script("benchmarks/ideas_at_work.py")
    assert module.OUT == pathlib.Path(data.__file__).parent / "ideas_at_work.json"
    search = data.recipe_search()
    for idea in search["recipe"]:
        shipped = data.idea_at_work(idea)
        assert [shipped["target"], shipped["seeds"], shipped["steps"]] == [
            module.TARGET, search["seeds"], module.STEPS]  # fmt: skip
        assert shipped["recipes"] == module.recipes(idea, tuple(presets.IDEAS))
        without = shipped["outcomes"]["without"]
        assert len(without) == len(shipped["outcomes"]["with"]) == len(search["seeds"])
        assert without[search["seeds"].index(shipped["shown_seed"])] != "converged"
        for label, runs in shipped["runs"].items():
            assert [s["step"] for s in runs] == module.STEPS
            for snap in runs:
                assert snap["samples"].shape == (1, module.SAMPLES)
                assert snap["decision"].shape == snap["mapping"].shape == (1, len(snap["grid"]))
                assert snap["push"].shape == snap["generated"].shape == (1, len(snap["noise"]))
            scores = shipped["scores"][label]
            assert scores["steps"] == list(range(0, 1201, 100))
            assert len(scores["w1_over_std"]) == len(scores["steps"])
    with pytest.raises(ValueError, match="idea must be one of"):
        data.idea_at_work("logits")
    mine = data.idea_at_work("adam")  # read once, but each caller gets a copy of its own
    mine["outcomes"]["without"].clear()
    mine["runs"]["without"][0]["mapping"][:] = 0
    again = data.idea_at_work("adam")
    assert again["outcomes"]["without"] and again["runs"]["without"][0]["mapping"].any()


def test_ideas_at_work_come_in_the_order_asked():
    """A figure's rows come in the order the chapter names its ideas, not the file's."""
    asked = ["standardise", "adam"]
    assert list(data.ideas_at_work(asked)) == asked
    assert data.ideas_at_work(asked)["adam"]["recipes"] == data.idea_at_work("adam")["recipes"]
    with pytest.raises(ValueError, match="ideas must be a list"):
        data.ideas_at_work("adam")
    with pytest.raises(ValueError, match="idea must be one of"):
        data.ideas_at_work(["adam", "logits"])


@pytest.mark.parametrize("idea", IDEAS_RETRAINED)
def test_ideas_at_work_train_again_as_shipped(idea):
    """Trained again, the runs shipped: on the saved machine's CPU the same outcomes, and the
    drawn runs to the 4 decimals shipped; elsewhere, about as many converge without the idea,
    and fewer than with it."""
    from gan_tutorial.bench import made_here

    module = load_script("benchmarks/ideas_at_work.py")
    again, shipped = module.experiment(idea, data.recipe_search()), data.idea_at_work(idea)
    if made_here(shipped):
        assert again["outcomes"] == shipped["outcomes"] and again["shown_seed"] == shipped[
            "shown_seed"]  # fmt: skip
        for label, runs in again["runs"].items():
            for mine, theirs in zip(runs, shipped["runs"][label]):
                for key in module.KEPT:
                    np.testing.assert_array_equal(np.asarray(mine[key]), theirs[key], key)
        assert again["scores"] == shipped["scores"]
    else:
        count = lambda e, key: e["outcomes"][key].count("converged")  # noqa: E731
        assert abs(count(again, "without") - count(shipped, "without")) <= 8
        assert count(again, "without") < count(again, "with")
