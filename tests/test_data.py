"""Package data: the full tables of chapters 7 and 8 ship inside the package, so a chapter
opened alone finds them (``gan_tutorial.data.ablation()``); ``benchmarks/ablation.py`` writes
them there."""

import json
import pathlib

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
    import importlib.util

    spec = importlib.util.spec_from_file_location("ablation", ROOT / "benchmarks" / "ablation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.OUT == pathlib.Path(data.__file__).parent / "ablation.json"
