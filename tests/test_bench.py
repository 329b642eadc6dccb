import json

import pytest
from book_files import load_script

from gan_tutorial import bench

#: Timings fixed in advance: steady runs per contender, and (first, next) results.
STEADY = {
    "tf1_graph": [4.0, 2.0, 3.0],
    "eager": [40.0, 20.0, 30.0],  # only the first is used: naive eager runs once
    "original_graph_mode": [2.0, 1.0, 6.0],
    "original": [1.0, 2.0, 0.5],
}
FIRST_NEXT = {"tf1_graph": (6.0, 5.0), "original_graph_mode": (3.0, 1.5), "original": (12.0, 0.25)}


@pytest.fixture
def fixed_timings(monkeypatch):
    """``bench.run`` with every timing replaced by the ones above (nothing is built or run)."""
    steady = {key: iter(times) for key, times in STEADY.items()}

    def setup(self):
        self.setup_seconds = 0.0

    def run(self):
        self.times.append(next(steady[self.key]))

    monkeypatch.setattr(bench._Contender, "setup", setup)
    monkeypatch.setattr(bench._Contender, "run", run)
    monkeypatch.setattr(bench, "time_first_and_next", lambda key, seed, steps: FIRST_NEXT[key])
    monkeypatch.setattr(bench, "time_sweep", lambda: (7.5, 0.25))
    return bench.run(
        repeats=3,
        eager_repeats=1,
        keys=tuple(STEADY),
        first_keys=tuple(FIRST_NEXT),
        sweep_repeats=1,
        log=lambda line: None,
    )


def test_speed_ups_are_medians_of_the_paired_ratios(fixed_timings):
    """Each steady ratio pairs a run with the baseline's run of the same repetition: for
    ``original`` the ratios are 4/1, 2/2 and 3/0.5, median 4 (the ratio of the medians would
    be 3, and the other way round 0.25)."""
    rows = fixed_timings["contenders"]
    assert rows["original"]["speedup_vs_tf1_graph"] == 4.0
    assert rows["original_graph_mode"]["speedup_vs_tf1_graph"] == 2.0  # 4/2, 2/1, 3/6
    assert rows["eager"]["speedup_vs_tf1_graph"] == 0.1  # one run: 4/40
    assert fixed_timings["speedup_vs_tf1_graph"] == 4.0, "the headline is the XLA original's"


def test_steady_figures_and_runs_come_from_the_timings(fixed_timings):
    rows = fixed_timings["contenders"]
    original = rows["original"]
    assert (original["min_seconds"], original["median_seconds"], original["max_seconds"]) == (
        0.5,
        1.0,
        2.0,
    )
    assert original["runs"] == 3 and rows["eager"]["runs"] == 1, "naive eager runs once"


def test_first_and_next_results_and_their_ratio(fixed_timings):
    rows = fixed_timings["contenders"]
    default = rows["original_graph_mode"]
    assert (default["first_result_seconds"], default["next_result_seconds"]) == (3.0, 1.5)
    assert default["first_result_vs_tf1_graph"] == 2.0  # the graph's 6 s over 3 s
    assert rows["original"]["first_result_vs_tf1_graph"] == 0.5
    assert rows["eager"]["first_result_seconds"] is None, "not asked for"
    assert fixed_timings["first_result_vs_tf1_graph"] == 2.0, "the default mode's"
    assert fixed_timings["next_result_seconds"] == 1.5, "the default mode's"
    assert fixed_timings["sweep_100_seeds_seconds"] == 7.5
    assert fixed_timings["sweep_100_seeds_converged_rate"] == 0.25


def test_table_shows_each_contender_with_its_figures(fixed_timings):
    lines = bench.table(fixed_timings).splitlines()
    original = next(line for line in lines if line.startswith("| original preset, XLA"))
    assert original.split(" | ")[1:4] == ["12.000", "0.250", "0.50x"]
    assert original.rstrip(" |").endswith("| 3 | 4.00x")
    assert lines[-1].endswith("7.50 s")


def test_bench_runs_every_contender_for_real():
    """A short real run: every contender is built, run and timed (no figure is judged)."""
    result = bench.run(
        repeats=2,
        eager_repeats=1,
        num_steps=10,
        keys=("tf1_graph", "document", "original_graph_mode", "original"),
        first_keys=("tf1_graph", "original_graph_mode"),
        first_repeats=1,
        sweep_repeats=0,
        log=lambda line: None,
    )
    rows = result["contenders"]
    assert list(rows) == ["tf1_graph", "document", "original_graph_mode", "original"]
    assert all(r["runs"] == 2 and r["min_seconds"] > 0 for r in rows.values())
    assert all(rows[k]["first_result_seconds"] > 0 for k in ("tf1_graph", "original_graph_mode"))
    assert rows["document"]["first_result_seconds"] is None, "not asked for"
    assert result["sweep_100_seeds_seconds"] is None


def test_bench_refuses_a_run_without_the_baseline():
    with pytest.raises(ValueError, match="keys"):
        bench.run(keys=("original",), log=lambda line: None)


@pytest.mark.parametrize("argv", [["--repeats", "0"], ["--repeats"], ["--repeats", "x"], ["-n"]])
def test_the_snapshot_benchmark_refuses_bad_arguments_in_one_line(argv, capsys):
    script = load_script("benchmarks/bench_snapshots.py")
    with pytest.raises(SystemExit) as stop:
        script.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--repeats N" in err
    assert script._repeats([]) == 3 and script._repeats(["--repeats", "2"]) == 2


def test_a_saved_result_says_how_it_was_made_before_what_it_holds(tmp_path):
    from gan_tutorial.bench import save_result

    path = tmp_path / "result.json"
    save_result(path, "one_idea.py", ["--out", "x.json"], {"label": "前两个想法", "n": 3}, indent=1)
    text = path.read_text(encoding="utf-8")
    saved = json.loads(text)
    assert list(saved) == ["command", "date", "machine", "label", "n"]
    assert saved["command"] == "python benchmarks/one_idea.py --out x.json"
    assert saved["label"] == "前两个想法" and "前两个想法" in text, "Chinese stays readable"
    assert {"cores", "cpu", "python", "tensorflow"} <= set(saved["machine"])


def test_a_saving_script_writes_where_out_says_and_refuses_other_arguments(tmp_path, capsys):
    from gan_tutorial.bench import save_command

    made = []
    compute = lambda: made.append(1) or {"n": 1}  # noqa: E731
    save_command("x.py", "X.", tmp_path / "default.json", compute, [])
    save_command("x.py", "X.", tmp_path / "default.json", compute, ["--out", str(tmp_path / "o")])
    assert (
        json.loads((tmp_path / "default.json").read_text())["command"] == "python benchmarks/x.py "
    )
    assert json.loads((tmp_path / "o").read_text())["n"] == 1 and len(made) == 2
    with pytest.raises(SystemExit) as exit_:
        save_command("x.py", "X.", tmp_path / "default.json", compute, ["--bogus"])
    assert exit_.value.code == 2 and len(made) == 2, "refused before computing"
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, reason",
    [
        (["--repeats", "0", "book/06_reliability.ipynb"], "--repeats needs"),
        (["--repeats"], "--repeats needs"),
        ([], "name at least one notebook"),
        (["book/no_such_chapter.ipynb"], "not a notebook: book/no_such_chapter.ipynb"),
        (["README.md"], "not a notebook: README.md"),
    ],
)
def test_the_figure_benchmark_refuses_bad_arguments_in_one_line(argv, reason, capsys):
    script = load_script("benchmarks/bench_figures.py")
    with pytest.raises(SystemExit) as stop:
        script.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err and err.startswith("usage: bench_figures.py")
    assert script._arguments(["book/06_reliability.ipynb"])[0] == 3
    assert script._arguments(["--repeats", "2", "book/06_reliability.ipynb"])[0] == 2
