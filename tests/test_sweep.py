import json

import pytest

from gan_tutorial.cli import main
from gan_tutorial.sweep import classify, parse_seeds


@pytest.mark.parametrize(
    "text, seeds", [("0-3", [0, 1, 2, 3]), ("7", [7]), ("5 - 5", [5]), ("1,4, 9", [1, 4, 9])]
)
def test_parse_seeds(text, seeds):
    assert parse_seeds(text) == seeds


@pytest.mark.parametrize("text", ["", "3-1", "-1", "1,,2", "a-b", "1,1", "0-3,5", "2.5"])
def test_parse_seeds_rejects(text):
    with pytest.raises(ValueError, match="seeds"):
        parse_seeds(text)


def row(mean, std, w1, converged=False):
    return {"mean": mean, "std": std, "w1": w1, "converged": converged}


@pytest.mark.parametrize(
    "run, outcome",
    [
        (row(4.02, 0.49, 0.03, True), "converged"),
        (row(4.1, 0.1, 0.3), "collapsed"),
        (row(4.4, 0.24, 0.4), "collapsed"),
        (row(4.4, 0.26, 0.4), "other"),
        (row(3.6, 1.5, 0.6), "other"),
        (row(4.6, 0.1, 0.6), "diverged"),
        (row(-3.0, 2.0, 7.0), "diverged"),
        (row(None, None, None), "non-finite"),
    ],
)
def test_classify_thresholds(run, outcome):
    assert classify(run, mu=4, sigma=0.5) == outcome


def test_sweep_json(capsys):
    assert main(["sweep", "--seeds", "0-3", "--num-steps", "50", "--json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("seed ") for line in out) == 4
    result = json.loads(out[-1])
    assert {"preset", "mu", "sigma", "n", "converged_rate", "median_w1", "p90_w1", "runs"} <= set(
        result
    )
    assert result["n"] == 4 and [r["seed"] for r in result["runs"]] == [0, 1, 2, 3]
    assert {"seed", "mean", "std", "w1", "converged", "outcome"} <= set(result["runs"][0])
    assert 0 <= result["converged_rate"] <= 1 and result["median_w1"] <= result["p90_w1"]


def test_sweep_runs_equal_single_training(capsys):
    main(["sweep", "--seeds", "2,5", "--num-steps", "20", "--json"])
    runs = json.loads(capsys.readouterr().out.splitlines()[-1])["runs"]
    main(["train", "--seed", "5", "--num-steps", "20", "--json"])
    single = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert runs[1]["mean"] == pytest.approx(single["mean"], rel=1e-3, abs=1e-3)


@pytest.mark.parametrize(
    "args",
    [
        ["--seeds", "9-2"],
        ["--seeds", "x"],
        ["--sigma", "-1"],
        ["--preset", "best"],
        ["--num-steps", "0"],
        ["--mu", "nan"],
    ],
)
def test_sweep_bad_input_exits_2(args, capsys):
    assert main(["sweep", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err
