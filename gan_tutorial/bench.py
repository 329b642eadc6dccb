"""Side-by-side timing of one seed's pre-training + training, against the document's graph.

Every contender trains the same seed on the same batches in this one process, repetition by
repetition, so each ratio compares two runs made under the same machine load. Set-up costs
(building the v1 graph, tracing and XLA compilation) are reported apart from steady-state time.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time

from gan_tutorial import checks


def _timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


class _Contender:
    """One implementation: how to set it up and how to run it once from the initial weights."""

    def __init__(self, key, label, setup, run):
        self.key, self.label, self._setup, self._run = key, label, setup, run
        self.setup_seconds, self.times = None, []

    def setup(self):
        self.setup_seconds = _timed(self._setup)

    def run(self):
        self.times.append(_timed(self._run))


def contenders(seed, num_steps, presets):
    """(a) the document's v1 graph, (b) naive eager TF2, then the package's presets."""
    from gan_tutorial.engine import GANEngine
    from gan_tutorial.original_graph import OriginalGraph

    reference = GANEngine(seed=seed, num_steps=num_steps, log=None)
    batches = {k: v[:, 0] for k, v in reference.batches().items()}
    reference.initialise()
    graph = {}

    def graph_setup():
        graph["g"] = OriginalGraph()

    def graph_run():
        graph["g"].reset()
        graph["g"].load_from(reference)
        graph["g"].run(batches)

    found = [
        _Contender(
            "tf1_graph", "(a) document's graph, tf.compat.v1 Session", graph_setup, graph_run
        ),
        _model_contender(
            "eager", "(b) naive eager TF2 (Python loop)", seed, num_steps, "original", "eager"
        ),
        _model_contender(
            "original_graph_mode",
            "original preset, tf.function without XLA",
            seed,
            num_steps,
            "original",
            "graph",
        ),
    ]
    for name in presets:
        found.append(
            _model_contender(
                name, f"{name} preset, XLA-compiled loop", seed, num_steps, name, "xla"
            )
        )
    return found


def _model_contender(key, label, seed, num_steps, preset, mode):
    from gan_tutorial.engine import GANEngine

    holder = {}

    def setup():  # building the model and its first run, which traces and compiles
        holder["model"] = GANEngine(
            seed=seed, num_steps=num_steps, preset=preset, mode=mode, log=None
        )
        if mode != "eager":
            holder["model"].train()

    return _Contender(key, label, setup, lambda: holder["model"].train())


def time_sweep(seeds="0-99", preset="original"):
    """Wall time of a whole ``python -m gan_tutorial sweep`` process, importing TensorFlow too."""
    command = [
        sys.executable,
        "-m",
        "gan_tutorial",
        "sweep",
        "--seeds",
        seeds,
        "--preset",
        preset,
        "--json",
    ]
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


def run(
    repeats=5,
    eager_repeats=1,
    seed=0,
    num_steps=1200,
    presets=("original",),
    sweep_repeats=2,
    log=print,
):
    """Time every contender ``repeats`` times (naive eager only ``eager_repeats`` times)."""
    repeats = checks.positive_int("repeats", repeats)
    eager_repeats = checks.positive_int("eager_repeats", eager_repeats)
    sweep_repeats = checks.positive_int("sweep_repeats", sweep_repeats, minimum=0)
    found = contenders(checks.seed(seed), checks.positive_int("num_steps", num_steps), presets)
    for contender in found:
        contender.setup()
    for repetition in range(repeats):
        for contender in found:
            if contender.key != "eager" or repetition < eager_repeats:
                contender.run()
        log(f"repetition {repetition + 1}/{repeats} done")
    baseline = found[0].times
    results = {}
    for contender in found:
        pairs = [a / c for a, c in zip(baseline, contender.times)]
        results[contender.key] = {
            "label": contender.label,
            "setup_seconds": round(contender.setup_seconds, 4),
            "median_seconds": round(statistics.median(contender.times), 5),
            "min_seconds": round(min(contender.times), 5),
            "max_seconds": round(max(contender.times), 5),
            "runs": len(contender.times),
            "speedup_vs_tf1_graph": round(statistics.median(pairs), 2),
        }
    sweeps = [time_sweep() for _ in range(sweep_repeats)]
    return {
        "machine": machine(),
        "seed": seed,
        "num_steps": num_steps,
        "pretrain_steps": 1000,
        "repeats": repeats,
        "contenders": results,
        "speedup_vs_tf1_graph": results["original"]["speedup_vs_tf1_graph"]
        if "original" in results
        else None,
        "sweep_100_seeds_seconds": round(statistics.median(s for s, _ in sweeps), 2)
        if sweeps
        else None,
        "sweep_100_seeds_converged_rate": sweeps[0][1] if sweeps else None,
    }


def table(result):
    """A Markdown table of the figures, as the README carries it."""
    lines = [
        "| implementation | set-up s | steady s (median) | min–max s | runs | speed-up vs (a) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["contenders"].values():
        lines.append(
            f"| {row['label']} | {row['setup_seconds']:.3f} | {row['median_seconds']:.4f} | "
            f"{row['min_seconds']:.4f}–{row['max_seconds']:.4f} | {row['runs']} | "
            f"{row['speedup_vs_tf1_graph']:.2f}x |"
        )
    if result["sweep_100_seeds_seconds"] is not None:
        lines.append("")
        lines.append(
            f"100-seed sweep of the original preset, whole process with TensorFlow's import: "
            f"{result['sweep_100_seeds_seconds']:.2f} s"
        )
    return "\n".join(lines)
