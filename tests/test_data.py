"""Package data: chapter 7's full tables ship inside the package, so a chapter opened alone finds
them (``gan_tutorial.data.ablation()``), and ``benchmarks/ablation.py`` writes them there."""

import json
import pathlib

from gan_tutorial import data

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_ablation_tables_ship_with_the_package():
    table = data.ablation()
    assert {"pretraining", "ablation", "targets", "command", "date", "machine"} <= set(table)
    assert any(row["preset"] == "improved" for row in table["ablation"])
    assert len(table["targets"]) == 25
    shipped = pathlib.Path(data.__file__).parent / "ablation.json"
    assert table == json.loads(shipped.read_text())


def test_the_benchmark_writes_the_package_data():
    import importlib.util

    spec = importlib.util.spec_from_file_location("ablation", ROOT / "benchmarks" / "ablation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.OUT == pathlib.Path(data.__file__).parent / "ablation.json"
