import json
import os
import subprocess
import sys
import time

import pytest

from gan_tutorial import memory
from gan_tutorial.cli import main
from gan_tutorial.sweep import count_seeds, parse_seeds

KEYS = {
    "seed",
    "preset",
    "num_steps",
    "batch_size",
    "mu",
    "sigma",
    "mean",
    "std",
    "w1",
    "converged",
    "loss_d",
    "loss_g",
    "seconds",
}


def test_train_json_is_the_last_line(capsys, tmp_path):
    assert (
        main(["train", "--num-steps", "50", "--seed", "3", "--json", "--out", str(tmp_path)]) == 0
    )
    out = capsys.readouterr()
    result = json.loads(out.out.strip().splitlines()[-1])
    assert KEYS <= set(result)
    assert result["seed"] == 3 and result["num_steps"] == 50 and result["preset"] == "original"
    assert "trained in" in out.err
    assert json.loads((tmp_path / "result.json").read_text())["w1"] == result["w1"]
    assert (tmp_path / "result.png").read_bytes()[:4] == b"\x89PNG"


def test_train_logs_every_log_every(capsys):
    assert main(["train", "--num-steps", "30", "--log-every", "10", "--no-pretrain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["0", "10", "20"]


def test_same_seed_same_json(capsys):
    def run():
        main(["train", "--num-steps", "40", "--seed", "9", "--json"])
        result = json.loads(capsys.readouterr().out.splitlines()[-1])
        result.pop("seconds")
        return result

    assert run() == run()


@pytest.mark.parametrize(
    "args",
    [
        ["--num-steps", "0"],
        ["--num-steps", "-3"],
        ["--num-steps", "ten"],
        ["--batch-size", "1"],
        ["--log-every", "0"],
        ["--seed", "-1"],
        ["--sigma", "0"],
        ["--sigma", "nan"],
        ["--mu", "inf"],
        ["--range", "-8"],
        ["--learning-rate", "0"],
        ["--preset", "unknown"],
        ["--bogus"],
    ],
)
def test_bad_input_exits_2_with_one_line(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        code = main(["train", *args])
        raise SystemExit(code)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "error" in err and "Traceback" not in err


def test_module_entry_point_without_traceback():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    bad = subprocess.run(
        [sys.executable, "-m", "gan_tutorial", "train", "--sigma", "-1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "sigma" in bad.stderr
    good = subprocess.run(
        [sys.executable, "-m", "gan_tutorial", "train", "--num-steps", "20", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout.splitlines()[-1])["num_steps"] == 20
    assert good.stderr.strip().startswith("trained in")  # nothing from TensorFlow's C++ logging


def test_train_improved_preset(capsys):
    assert (
        main(["train", "--preset", "improved", "--num-steps", "30", "--no-pretrain", "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["preset"] == "improved" and result["pretrain"] is False and result["w1"] > 0


GIB = 2**30


def test_memory_estimate():
    from gan_tutorial.engine import EVAL_SAMPLES

    assert memory.EVAL_SAMPLES == EVAL_SAMPLES
    assert memory.estimate_bytes(1200, 12, 1) < GIB < memory.estimate_bytes(1200, 12, 1000)
    # Each of steps, batch and seeds makes a run bigger; the sizes of the issue are estimated.
    small = memory.estimate_bytes(10, 2, 1)
    assert small < memory.estimate_bytes(11, 2, 1)
    assert small < memory.estimate_bytes(10, 3, 1) and small < memory.estimate_bytes(10, 2, 2)
    assert memory.estimate_bytes(1200, 12, 10**8) > 100 * 2**40
    assert [memory.parse_size(s) for s in ("4G", "1.5GiB", "512m", "2048", "1 TB")] == [
        4 * GIB,
        3 * GIB // 2,
        512 * 2**20,
        2048,
        2**40,
    ]
    for bad in ("", "G", "-1G", "0", "4X", "1e3"):
        with pytest.raises(ValueError, match="size"):
            memory.parse_size(bad)


def test_seed_ranges_are_counted_without_a_list():
    start = time.perf_counter()
    assert count_seeds("0-99999999") == 10**8
    assert time.perf_counter() - start < 0.1
    for text in ("0-3", "7", "1, 4,9"):
        assert count_seeds(text) == len(parse_seeds(text))
    with pytest.raises(ValueError, match="--seeds range"):
        count_seeds("9-2", "--seeds")


def test_tensorflow_start_up_lines_are_silenced(tmp_path):
    """The full tensorflow wheel writes absl/CUDA lines to descriptor 2 while it is imported; a
    stand-in module does the same here, and nothing of it reaches stderr."""
    fake = tmp_path / "tensorflow"
    fake.mkdir()
    (fake / "__init__.py").write_text(
        "import os\nos.write(2, b'WARNING: All log messages before absl::InitializeLog()\\n')\n"
        "MARK = 'fake'\n"
    )
    script = (
        "import sys\n"
        "from gan_tutorial.quiet_import import import_tensorflow\n"
        "print(import_tensorflow().MARK)\n"
        "print('stderr works again', file=sys.stderr)\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), *sys.path]))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout == "fake\n" and done.stderr == "stderr works again\n"
