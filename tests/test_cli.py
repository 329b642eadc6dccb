import importlib.metadata
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import tracemalloc
from types import SimpleNamespace

import pytest

import gan_tutorial
from gan_tutorial import memory
from gan_tutorial.cli import build_parser, main
from gan_tutorial.presets import PRESETS
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
    assert "trained in" in out.err and "(1000 pre-training steps + 50 steps," in out.err
    assert json.loads((tmp_path / "result.json").read_text())["w1"] == result["w1"]
    assert (tmp_path / "result.png").read_bytes()[:4] == b"\x89PNG"


def test_train_logs_every_log_every(capsys):
    assert main(["train", "--num-steps", "30", "--log-every", "10", "--no-pretrain"]) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert [line.split(":")[0] for line in lines[:3]] == ["0", "10", "20"]
    assert "(30 steps, compilation included)" in out.err and "pre-training" not in out.err


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
    out = capsys.readouterr()
    result = json.loads(out.out.splitlines()[-1])
    assert result["preset"] == "improved" and result["pretrain"] is False and result["w1"] > 0
    assert "pre-training" not in out.err  # improved has no D_pre: none ran


# ----- refusals: the real entry point, at once, in one line, without TensorFlow ---------------

GIB = 2**30


# Runs ``python -m gan_tutorial`` and, at exit, writes the process's own peak resident memory
# (VmHWM) to a file. (The rusage of a child counts the memory of the parent it was forked from,
# which here is a test process that has imported TensorFlow.)
PEAK_WRAPPER = """
import atexit, runpy, sys
path = sys.argv.pop(1)
def peak():
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM")))
atexit.register(peak)
sys.argv[0] = "gan-tutorial"
runpy.run_module("gan_tutorial", run_name="__main__", alter_sys=True)
"""


def run_entry(*args, env=None, timeout=60):
    """``python -X importtime -m gan_tutorial ARGS`` in a subprocess.

    Returns the exit status, stdout, the stderr lines that are not import-time records, the
    names of the modules imported and the peak resident memory in bytes.
    """
    env = dict(os.environ if env is None else env, TF_CPP_MIN_LOG_LEVEL="3")
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        command = [sys.executable, "-X", "importtime", "-c", PEAK_WRAPPER, peak.name, *args]
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, _ = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
        peak_kib = int(peak.read() or 0)
    lines = stderr.splitlines()
    imported = {line.split("|")[-1].strip() for line in lines if line.startswith("import time:")}
    errors = [line for line in lines if not line.startswith("import time:")]
    return SimpleNamespace(
        code=process.returncode,
        out=stdout,
        err=errors,
        imported=imported,
        peak_bytes=peak_kib * 1024,
    )


def assert_refused(run):
    """Exit status 2, one line on stderr, no traceback, no TensorFlow (nor scipy.stats, 0.5 s
    of import) imported, under 1 GB."""
    assert run.code == 2, run.err
    assert len(run.err) == 1, run.err
    assert "Traceback" not in run.err[0] and run.err[0].startswith("gan-tutorial ")
    assert "tensorflow" not in run.imported
    assert not any(name.startswith("scipy.stats.") for name in run.imported)
    assert run.peak_bytes < GIB
    return run.err[0]


@pytest.mark.parametrize(
    "args, steps, batch, seeds",
    [
        (["train", "--num-steps", "1000000000"], 10**9, 12, 1),
        (["train", "--batch-size", "100000000"], 1200, 10**8, 1),
        (["train", "--batch-size", "1000000"], 1200, 10**6, 1),
        (["train", "--preset", "improved", "--num-steps", "20000000"], 2 * 10**7, 12, 1),
        (["sweep", "--seeds", "0-99999999"], 1200, 12, 10**8),
        (["sweep", "--seeds", "0-100000", "--preset", "improved"], 1200, 12, 100_001),
    ],
)
def test_runs_too_big_for_memory_are_refused_at_once(args, steps, batch, seeds):
    message = assert_refused(run_entry(*args))
    preset = PRESETS["improved" if "improved" in args else "original"]
    needed = memory.estimate_bytes(
        steps,
        batch,
        seeds,
        preset.pretrain_steps if preset.pretrains else 0,
        batches_per_step=preset.batches_per_step,
    )
    assert f"about {memory.format_size(needed)} of memory" in message
    assert "above the limit of 4.0 GiB (default)" in message
    assert "--memory-limit" in message and "GAN_TUTORIAL_MEMORY_LIMIT" in message


def test_memory_limit_can_be_lowered_and_raised(capsys, monkeypatch):
    message = assert_refused(run_entry("train", "--memory-limit", "100M"))
    assert "above the limit of 100 MiB (--memory-limit)" in message
    env = dict(os.environ, GAN_TUTORIAL_MEMORY_LIMIT="100M")
    message = assert_refused(run_entry("train", env=env))
    assert "(GAN_TUTORIAL_MEMORY_LIMIT)" in message
    env["GAN_TUTORIAL_MEMORY_LIMIT"] = "lots"
    message = assert_refused(run_entry("train", env=env))
    assert "GAN_TUTORIAL_MEMORY_LIMIT must be a size" in message
    # --memory-limit wins over the variable; 1 GiB is enough for 50 steps of one seed.
    monkeypatch.setenv("GAN_TUTORIAL_MEMORY_LIMIT", "100M")
    assert main(["train", "--num-steps", "50", "--memory-limit", "1G", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["num_steps"] == 50


def test_memory_estimate():
    from gan_tutorial.engine import EVAL_SAMPLES

    assert memory.EVAL_SAMPLES == EVAL_SAMPLES
    assert memory.estimate_bytes(1200, 12, 1) < GIB < memory.estimate_bytes(1200, 12, 1000)
    # Each of steps, batch and seeds makes a run bigger; the sizes of the issue are estimated.
    small = memory.estimate_bytes(10, 2, 1)
    assert small < memory.estimate_bytes(11, 2, 1)
    assert small < memory.estimate_bytes(10, 3, 1) and small < memory.estimate_bytes(10, 2, 2)
    assert memory.estimate_bytes(1200, 12, 10**8) > 100 * 2**40
    # Above the fixed base, every byte is per seed: a run of n seeds needs n times one seed's.
    one, many = (memory.estimate_bytes(1200, 12, n) - memory.BASE_BYTES for n in (1, 1000))
    assert many == 1000 * one
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
    tracemalloc.start()
    try:
        assert count_seeds("0-99999999") == 10**8
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2**20, f"counting 10**8 seeds allocated {peak} bytes: a list was built"
    for text in ("0-3", "7", "1, 4,9"):
        assert count_seeds(text) == len(parse_seeds(text))
    with pytest.raises(ValueError, match="--seeds range"):
        count_seeds("9-2", "--seeds")


@pytest.fixture
def unwritable(tmp_path):
    """A place where this process cannot make a directory: under a read-only directory, or, for
    root (whom file modes do not stop), in sysfs."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    for path in (locked / "out", pathlib.Path("/sys/gan-tutorial-out")):
        try:
            path.mkdir()
        except OSError:
            break
        path.rmdir()
    else:
        pytest.skip("no unwritable place found for this user")
    yield path
    locked.chmod(0o700)


def test_out_must_be_a_writable_directory(tmp_path, unwritable):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a directory\n")
    assert "is a file" in assert_refused(run_entry("train", "--out", str(a_file)))
    message = assert_refused(run_entry("train", "--out", str(a_file / "sub")))
    assert f"{str(a_file)!r} is a file" in message
    message = assert_refused(run_entry("train", "--out", str(unwritable)))
    assert "is not a writable directory: it cannot be made" in message
    assert a_file.read_text() == "not a directory\n"


@pytest.mark.skipif(not pathlib.Path("/proc/self").is_dir(), reason="no /proc")
def test_out_that_is_a_directory_without_room_for_files():
    """/proc/self exists and is a directory; creating a file there fails with ENOENT, which the
    message must not repeat as if the directory were missing."""
    message = assert_refused(run_entry("train", "--out", "/proc/self"))
    assert "'/proc/self' is a directory, but not a writable one" in message
    assert "No such file" not in message


@pytest.mark.parametrize(
    "args, message",
    [
        (["train", "--num-steps", "0"], "--num-steps must be an integer >= 1, got 0"),
        (["train", "--batch-size", "1"], "--batch-size must be an integer >= 2, got 1"),
        (["train", "--log-every", "-2"], "--log-every must be an integer >= 1, got -2"),
        (["train", "--seed", "-1"], "--seed must be an integer >= 0, got -1"),
        (["train", "--mu", "-inf"], "--mu must be a finite number, got -inf"),
        (["train", "--mu", "-1e3", "--sigma", "0"], "--sigma must be a finite number > 0, got 0"),
        (["train", "--range", "-8e0"], "--range must be a finite number > 0, got -8.0"),
        (["train", "--learning-rate", "-1e-3"], "--learning-rate must be a finite number > 0"),
        (
            ["train", "--preset", "best"],
            "--preset must be one of ['improved', 'improved-bell', 'original', 'original+mini",
        ),
        (["train", "--memory-limit", "4X"], "argument --memory-limit: must be a size"),
        (["train", "--num-steps", "ten"], "argument --num-steps: invalid int value: 'ten'"),
        (["sweep", "--seeds", "9-2"], "--seeds range '9-2' must go up"),
        (["sweep", "--seeds", "1,1"], "--seeds must not repeat"),
        # A value that starts like a negative number is a value, judged by its own check.
        (["sweep", "--seeds", "-3-5"], "--seeds must be a range A-B or a comma list of integers"),
        (["train", "--mu", "-3-5"], "argument --mu: invalid float value: '-3-5'"),
        # Options are spelled in full; the other command's seed option is pointed at.
        (["sweep", "--seed", "3"], "sweep takes --seeds (a range A-B or a list), not --seed 3"),
        (["train", "--seeds", "0-9"], "for many seeds, run `gan-tutorial sweep --seeds 0-9`"),
        (["train", "--num-step", "5"], "unrecognized arguments: --num-step 5"),
        # --target with --mu or --sigma, even at their default values, is refused.
        (["train", "--mu", "4", "--target", "normal:1,1"], "not both (got --target and --mu)"),
        (["train", "--target", "normal:1,1", "--sigma", "0.5"], "(got --target and --sigma)"),
        (["sweep", "--target", "laplace:0,1", "--mu", "1", "--sigma", "2"], "--mu/--sigma)"),
        (["bench", "--repeats", "0"], "--repeats must be an integer >= 1, got 0"),
        (["bench", "--sweep-repeats", "-1"], "--sweep-repeats must be an integer >= 0, got -1"),
    ],
)
def test_refusals_name_the_flag(args, message):
    assert message in assert_refused(run_entry(*args))


def test_version_and_help_without_tensorflow():
    version = run_entry("--version")
    assert version.code == 0 and version.out.strip() == f"gan-tutorial {gan_tutorial.__version__}"
    assert "tensorflow" not in version.imported
    helps = [run_entry(*args) for args in (["--help"], ["train", "--help"], ["sweep", "-h"])]
    assert all(run.code == 0 and "tensorflow" not in run.imported for run in helps)
    assert "--memory-limit SIZE" in helps[1].out and "--version" in helps[0].out
    # Why train --seed 0 and seed 0 of a sweep end differently, where a user looks.
    for run in helps[1:]:
        text = " ".join(run.out.split())
        assert "start from the same weights and batches, yet can end differently" in text


def test_installed_version_is_the_package_version():
    """pyproject.toml takes its version from gan_tutorial.__version__, which --version prints."""
    assert importlib.metadata.version("gan-tutorial") == gan_tutorial.__version__


# ----- what runs: negative values, valid JSON, quiet TensorFlow -------------------------------


def strict_json(text):
    """``json.loads`` that, like JSON.parse, rejects NaN and Infinity."""

    def reject(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=reject)


def test_negative_values_are_values(capsys):
    assert main(["train", "--mu", "-1e3", "--num-steps", "50", "--json"]) == 0
    assert strict_json(capsys.readouterr().out)["mu"] == -1000.0
    assert build_parser().parse_args(["train", "--mu=-1e3", "--range", "-.5"]).range == -0.5


def test_mu_and_sigma_are_used_exactly(capsys):
    """Not rounded through the text of a target spec (``normal:4.12346,0.123457``)."""
    args = ["train", "--mu", "4.1234567", "--sigma", "0.123456789", "--num-steps", "5", "--json"]
    assert main(args) == 0
    result = strict_json(capsys.readouterr().out)
    assert (result["mu"], result["sigma"]) == (4.1234567, 0.123456789)


def test_json_is_valid_when_results_are_not_finite():
    """G's samples near 1e29 have a float32 std of inf: null, a failure, status 1, no warning."""
    command = [sys.executable, "-m", "gan_tutorial", "train", "--range", "1e30", "--json"]
    done = subprocess.run(
        [*command, "--num-steps", "50"], capture_output=True, text=True, timeout=300
    )
    result = strict_json(done.stdout.splitlines()[-1])
    assert result["std"] is None and "std is inf" in result["failure"]
    assert result["mean"] > 1e28  # what is finite is kept
    assert done.returncode == 1 and "Warning" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("gan-tutorial train: result not finite: std")


def test_diverged_training_still_prints_json(capsys, tmp_path):
    args = ["train", "--learning-rate", "1e6", "--num-steps", "30", "--json"]
    assert main([*args, "--out", str(tmp_path)]) == 1
    out = capsys.readouterr()
    result = strict_json(out.out.splitlines()[-1])
    assert result["w1"] is None and "became" in result["failure"]
    assert "training diverged" in out.err
    assert strict_json((tmp_path / "result.json").read_text()) == result


def test_json_safe():
    from gan_tutorial.cli import _json_safe

    result = _json_safe(
        {"a": 1.0, "b": math.inf, "runs": [{"std": -math.inf, "failure": "x"}], "c": math.nan}
    )
    assert result == {
        "a": 1.0,
        "b": None,
        "runs": [
            {"std": None, "failure": "x; std is -inf (not a finite number), reported as null"}
        ],
        "c": None,
        "failure": "b is inf (not a finite number), reported as null; "
        "c is nan (not a finite number), reported as null",
    }


def _with_fake_tensorflow(tmp_path, line, script):
    """``script`` run in a fresh Python whose ``tensorflow`` is a stand-in that writes ``line`` to
    descriptor 2 while it is imported, as the full wheel does; MARK tells it apart."""
    fake = tmp_path / "tensorflow"
    fake.mkdir()
    written = repr(line + b"\n")
    (fake / "__init__.py").write_text(f"import os\nos.write(2, {written})\nMARK = 'fake'\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), *sys.path]))
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )


def test_tensorflow_start_up_lines_are_silenced(tmp_path):
    """The full tensorflow wheel writes absl/CUDA lines to descriptor 2 while it is imported; a
    stand-in module does the same here, and nothing of it reaches stderr."""
    script = (
        "import sys\n"
        "from gan_tutorial.quiet_import import import_tensorflow\n"
        "print(import_tensorflow().MARK)\n"
        "print('stderr works again', file=sys.stderr)\n"
    )
    done = _with_fake_tensorflow(
        tmp_path, b"WARNING: All log messages before absl::InitializeLog()", script
    )
    assert done.stdout == "fake\n" and done.stderr == "stderr works again\n"


def test_importing_the_package_quiets_tensorflow_for_library_users(tmp_path):
    """After ``import gan_tutorial``, the first import of TensorFlow, by the package or by the
    user, writes nothing to descriptor 2 (the stand-in writes what the full wheel writes); the
    finder that does it then leaves ``sys.meta_path``."""
    script = (
        "import sys\n"
        "import gan_tutorial\n"
        "import tensorflow\n"
        "print(tensorflow.MARK)\n"
        "print(any('Quiet' in type(f).__name__ for f in sys.meta_path))\n"
        "print('stderr works again', file=sys.stderr)\n"
    )
    done = _with_fake_tensorflow(tmp_path, b"Could not find cuda drivers on your machine", script)
    assert done.stdout == "fake\nFalse\n" and done.stderr == "stderr works again\n"


def test_readme_snippet_writes_nothing_to_stderr():
    """The README's Python example, in a fresh interpreter without the TF_* variables set."""
    script = (
        "from gan_tutorial import DataDistribution, GANEngine, GeneratorDistribution\n"
        "from gan_tutorial.sweep import evaluate\n"
        "model = GANEngine(DataDistribution(4, 0.5), GeneratorDistribution(8), "
        "preset='improved', seed=range(2), num_steps=20, log=None)\n"
        "print(evaluate(model)['n'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0 and done.stdout == "2\n" and done.stderr == "", done.stderr


def test_missing_tensorflow_is_one_line_with_the_command():
    """A package installed without TensorFlow (``--no-deps``) says what to install, no traceback."""
    script = (
        "import sys\n"
        "class NoTensorFlow:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] == 'tensorflow':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NoTensorFlow())\n"
        "from gan_tutorial.cli import main\n"
        "sys.exit(main(['train', '--num-steps', '5']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("gan-tutorial train: error: TensorFlow is not installed")
    assert f"{sys.executable} -m pip install tensorflow" in done.stderr
