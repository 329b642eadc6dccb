"""Side-by-side timing of one seed's pre-training + training, against the document's graph.

Three figures per implementation, each what someone waits for:

- **first result**: building a new configuration and its first run (tracing and compiling
  included), in a fresh process where TensorFlow is already imported;
- **next result**: in that same process, a new model of the same configuration with a new
  seed, built and run;
- **steady**: the same model run again, repetition by repetition beside every other one in
  one process, so each ratio compares runs made under the same machine load.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time

from gan_tutorial import checks

#: key -> (label, preset, mode) of the engine's contenders; ``None`` marks the others.
CONTENDERS = {
    "tf1_graph": ("(a) document's graph, tf.compat.v1 Session", None, None),
    "eager": ("(b) naive eager TF2 (Python loop)", "original", "eager"),
    "document": ("(c) document's model, Keras + tf.function", None, None),
    "original_graph_mode": ("original preset, graph mode (default)", "original", "graph"),
    "original": ("original preset, XLA-compiled loop", "original", "xla"),
    "improved_graph_mode": ("improved preset, graph mode (default)", "improved", "graph"),
    "improved": ("improved preset, XLA-compiled loop", "improved", "xla"),
}


def _timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _engine(seed, num_steps, preset, mode):
    from gan_tutorial.engine import GANEngine

    return GANEngine(seed=seed, num_steps=num_steps, preset=preset, mode=mode, log=None)


def _document_model(seed, num_steps):
    import tensorflow as tf

    from gan_tutorial import document

    tf.keras.utils.set_random_seed(seed)
    data, gen = document.DataDistribution(), document.GeneratorDistribution(range=8)
    return document.GAN(data, gen, num_steps, 12, num_steps + 1)


def _graph_runner(seed, num_steps):
    """The document's v1 graph, fed the engine's batches for ``seed`` from its own weights."""
    from gan_tutorial.original_graph import OriginalGraph

    reference = _engine(seed, num_steps, "original", "graph")
    batches = {k: v[:, 0] for k, v in reference.batches().items()}
    graph = OriginalGraph()

    def run():
        graph.reset()
        graph.run(batches)

    return run


def _quietly(function):
    """Run ``function`` with file descriptor 1 closed to the document model's ``tf.print``."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            return function()
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def first_and_next(key, seed=0, num_steps=1200):
    """``(first, next)`` result seconds for one contender, in this (fresh) process."""
    label, preset, mode = CONTENDERS[key]
    if key == "tf1_graph":
        first = _timed(lambda: _graph_runner(seed, num_steps)())
        return first, _timed(lambda: _graph_runner(seed + 1, num_steps)())
    if key == "document":
        run = lambda s: _quietly(lambda: _document_model(s, num_steps).train())  # noqa: E731
        return _timed(lambda: run(seed)), _timed(lambda: run(seed + 1))
    run = lambda s: _engine(s, num_steps, preset, mode).train()  # noqa: E731
    return _timed(lambda: run(seed)), _timed(lambda: run(seed + 1))


def time_first_and_next(key, seed=0, num_steps=1200):
    """``first_and_next`` in a new Python process that has imported TensorFlow already."""
    code = (
        "import json, sys; import tensorflow; from gan_tutorial import bench; "
        "print(json.dumps(bench.first_and_next(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, key, str(seed), str(num_steps)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


class _Contender:
    """One implementation: how to set it up and how to run it once more."""

    def __init__(self, key, seed, num_steps):
        self.key, self.label = key, CONTENDERS[key][0]
        self.seed, self.num_steps = seed, num_steps
        self.setup_seconds, self.times, self._run = None, [], None

    def setup(self):
        """Build it and run it once (tracing and compiling); later runs are the steady ones."""
        label, preset, mode = CONTENDERS[self.key]

        def build():
            if self.key == "tf1_graph":
                self._run = _graph_runner(self.seed, self.num_steps)
            elif self.key == "document":
                model = _document_model(self.seed, self.num_steps)
                self._run = lambda: _quietly(model.train)
            else:
                model = _engine(self.seed, self.num_steps, preset, mode)
                self._run = model.train
            if self.key != "eager":
                self._run()

        self.setup_seconds = _timed(build)

    def run(self):
        self.times.append(_timed(self._run))


def time_sweep(seeds="0-99", preset="original"):
    """Wall time of a whole ``python -m gan_tutorial sweep`` process, importing TensorFlow too."""
    command = [sys.executable, "-m", "gan_tutorial", "sweep", "--seeds", seeds]
    command += ["--preset", preset, "--json"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), check=True)
    seconds = time.perf_counter() - start
    return seconds, json.loads(done.stdout.splitlines()[-1])["converged_rate"]


def machine():
    """Cores and CPU model, for the record next to the numbers."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(
                line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    import tensorflow as tf

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
    }


def made_here(saved):
    """Whether ``saved`` (a result ``save_result`` wrote) was computed on this machine's kind of
    CPU. Only there do its runs come out again bit for bit: another CPU's kernels round a little
    differently, and a chaotic run can make much of that by its last step."""
    return machine()["cpu"] == saved["machine"]["cpu"]


def refuse(usage, reason):
    """A benchmark's refusal: ``usage`` and ``reason`` in one line on stderr, exit status 2."""
    print(f"{usage}; {reason}", file=sys.stderr)
    sys.exit(2)


def split_repeats(argv, usage, default=3):
    """``(repeats, the arguments after them)`` from a benchmark's ``[--repeats N] ...``, N >= 1
    (``default`` without it); a bad N is refused (``refuse``) before anything is timed."""
    rest = list(argv)
    if rest[:1] != ["--repeats"]:
        return default, rest
    if len(rest) < 2 or not rest[1].isdigit() or int(rest[1]) < 1:
        refuse(usage, f"--repeats needs a whole number >= 1; got {' '.join(argv)}")
    return int(rest[1]), rest[2:]


def save_result(path, script, argv, result, indent=None):
    """Write ``result`` as JSON to ``path``, after how it was made: the command (``script`` of
    ``benchmarks/`` with its ``argv``), the date and the ``machine``. Chinese stays readable."""
    made = {
        "command": f"python benchmarks/{script} " + " ".join(argv),
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
    }
    text = json.dumps({**made, **result}, indent=indent, ensure_ascii=False)
    pathlib.Path(path).write_text(text + "\n", encoding="utf-8")


def save_command(script, description, out, compute, argv=None):
    """The command line of a ``benchmarks/`` script that saves one result: ``--out PATH``
    (default ``out``), where ``compute()``'s result is saved (``save_result``)."""
    parser = argparse.ArgumentParser(prog=script, description=description)
    parser.add_argument("--out", type=pathlib.Path, default=out)
    args = parser.parse_args(argv)
    save_result(args.out, script, sys.argv[1:] if argv is None else argv, compute())


def run(
    repeats=5,
    eager_repeats=1,
    seed=0,
    num_steps=1200,
    keys=tuple(CONTENDERS),
    first_keys=None,
    first_repeats=1,
    sweep_repeats=2,
    log=print,
):
    """Time every contender: first and next results in fresh processes (``first_repeats`` times
    each, for ``first_keys``, by default every key but naive eager), then ``repeats`` steady runs
    side by side (naive eager only ``eager_repeats`` times), then whole 100-seed sweep processes."""
    repeats = checks.positive_int("repeats", repeats)
    eager_repeats = checks.positive_int("eager_repeats", eager_repeats)
    first_repeats = checks.positive_int("first_repeats", first_repeats, minimum=0)
    sweep_repeats = checks.positive_int("sweep_repeats", sweep_repeats, minimum=0)
    seed, num_steps = checks.seed(seed), checks.positive_int("num_steps", num_steps)
    unknown = sorted(set(keys) - set(CONTENDERS))
    if unknown or "tf1_graph" not in keys:
        raise ValueError(f"keys must include 'tf1_graph' and come from {list(CONTENDERS)}")
    first_next = {}
    first_keys = [k for k in keys if k != "eager"] if first_keys is None else list(first_keys)
    for key in first_keys:
        if first_repeats:
            pairs = [time_first_and_next(key, seed, num_steps) for _ in range(first_repeats)]
            first_next[key] = [statistics.median(p[i] for p in pairs) for i in (0, 1)]
            log(f"{key}: first {first_next[key][0]:.3f} s, next {first_next[key][1]:.3f} s")
    found = [_Contender(key, seed, num_steps) for key in keys]
    for contender in found:
        contender.setup()
    for repetition in range(repeats):
        for contender in found:
            if contender.key != "eager" or repetition < eager_repeats:
                contender.run()
        log(f"repetition {repetition + 1}/{repeats} done")
    baseline = found[0].times
    graph_first = first_next.get("tf1_graph", [None])[0]
    results = {}
    for contender in found:
        pairs = [a / c for a, c in zip(baseline, contender.times)]
        first, following = first_next.get(contender.key, (None, None))
        results[contender.key] = {
            "label": contender.label,
            "setup_seconds": round(contender.setup_seconds, 4),
            "median_seconds": round(statistics.median(contender.times), 5),
            "min_seconds": round(min(contender.times), 5),
            "max_seconds": round(max(contender.times), 5),
            "runs": len(contender.times),
            "speedup_vs_tf1_graph": round(statistics.median(pairs), 2),
            "first_result_seconds": None if first is None else round(first, 3),
            "next_result_seconds": None if following is None else round(following, 3),
            "first_result_vs_tf1_graph": None
            if first is None or graph_first is None
            else round(graph_first / first, 2),
        }
    sweeps = [time_sweep() for _ in range(sweep_repeats)]
    default = results.get("original_graph_mode", {})
    return {
        "machine": machine(),
        "seed": seed,
        "num_steps": num_steps,
        "pretrain_steps": 1000,
        "repeats": repeats,
        "contenders": results,
        "speedup_vs_tf1_graph": results.get("original", {}).get("speedup_vs_tf1_graph"),
        "first_result_vs_tf1_graph": default.get("first_result_vs_tf1_graph"),
        "next_result_seconds": default.get("next_result_seconds"),
        "sweep_100_seeds_seconds": round(statistics.median(s for s, _ in sweeps), 2)
        if sweeps
        else None,
        "sweep_100_seeds_converged_rate": sweeps[0][1] if sweeps else None,
    }


def _cell(value, digits):
    return "–" if value is None else f"{value:.{digits}f}"


def table(result):
    """A Markdown table of the figures, as the README carries it."""
    lines = [
        "| implementation | first result s | next result s | first vs (a) | steady s (median) "
        "| steady min–max s | runs | steady speed-up vs (a) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["contenders"].values():
        ratio = row["first_result_vs_tf1_graph"]
        lines.append(
            f"| {row['label']} | {_cell(row['first_result_seconds'], 3)} | "
            f"{_cell(row['next_result_seconds'], 3)} | "
            f"{'–' if ratio is None else f'{ratio:.2f}x'} | {row['median_seconds']:.4f} | "
            f"{row['min_seconds']:.4f}–{row['max_seconds']:.4f} | {row['runs']} | "
            f"{row['speedup_vs_tf1_graph']:.2f}x |"
        )
    if result["sweep_100_seeds_seconds"] is not None:
        lines.append("")
        lines.append(
            "100-seed sweep of the original preset, whole process with TensorFlow's import: "
            f"{result['sweep_100_seeds_seconds']:.2f} s"
        )
    return "\n".join(lines)
