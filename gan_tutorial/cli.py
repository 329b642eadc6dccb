"""The command line, mirroring the document's ``main(args)``.

Bad arguments end with one line on stderr and exit status 2; no traceback reaches the user.
Every value is checked, and the memory a run needs estimated (``gan_tutorial.memory``), before
TensorFlow is imported: ``--help``, ``--version`` and every refusal answer at once.
"""

import argparse
import errno
import json
import math
import pathlib
import re
import sys
import tempfile
import time

from gan_tutorial import __version__, checks, memory
from gan_tutorial.presets import PRESETS

# What argparse should take for a value rather than an option: anything that starts like a
# negative number. Its own pattern knows only "-3" and "-.5", so "--mu -1e3" ended in "expected
# one argument", and "--seeds -3-5" too, instead of a message about the value; no option here
# starts with a digit, so each of these is a value, which its own check then judges.
_NEGATIVE_NUMBER = re.compile(r"^-(\d|\.\d|(inf|infinity|nan)$)", re.IGNORECASE)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are a single line (no usage block) with exit status 2, negative
    numbers in any notation (``-1e3``, ``-inf``) are values, and an option must be spelled in
    full (``sweep --seed 3`` is not taken for ``--seeds 3``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


# What to say when TensorFlow is missing (a package installed with --no-deps, or TensorFlow
# removed afterwards): one line with the command to run, not a traceback.
TENSORFLOW_MISSING = (
    "TensorFlow is not installed in this Python; install it with "
    f"`{sys.executable} -m pip install tensorflow` "
    "(or tensorflow-cpu for the smaller CPU-only build)"
)


class UsageError(Exception):
    """A value that parsed but is out of range: reported like argparse's own errors."""


def _size(text):
    """``--memory-limit``'s type: a size such as ``8G``, in bytes."""
    try:
        return memory.parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_run_arguments(parser):
    parser.add_argument("--num-steps", type=int, default=1200, help="training steps (default 1200)")
    parser.add_argument(
        "--batch-size", type=int, default=12, help="points per batch, >= 2 (default 12)"
    )
    parser.add_argument(
        "--log-every", type=int, default=10, help="log a line every N steps (default 10)"
    )
    parser.add_argument(
        "--preset",
        default="original",
        help=f"training recipe: {' or '.join(sorted(PRESETS))} (default original)",
    )
    parser.add_argument(
        "--learning-rate", type=float, default=None, help="initial rate (default: the preset's)"
    )
    parser.add_argument(
        "--target",
        metavar="SPEC",
        default=None,
        help="the real data: normal:MU,SIGMA (default normal:4,0.5), "
        "mixture:W,MU1,SIGMA1,MU2,SIGMA2, lognormal:S,LOC,SCALE or laplace:LOC,SCALE",
    )
    # None when not given, so that --target with either of them is refused even when the value
    # given is the default one.
    parser.add_argument("--mu", type=float, default=None, help="mean of the real data (default 4)")
    parser.add_argument(
        "--sigma", type=float, default=None, help="std of the real data, > 0 (default 0.5)"
    )
    parser.add_argument(
        "--range", type=float, default=8.0, help="G's noise covers [-range, range] (default 8)"
    )
    parser.add_argument(
        "--no-pretrain", action="store_true", help="skip D_pre: D starts from random weights"
    )
    parser.add_argument(
        "--mode",
        choices=("graph", "xla", "eager"),
        default=None,
        help="graph (quick to build), xla (slower to build, faster per run) or eager "
        "(default: $GAN_TUTORIAL_MODE, else graph)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument(
        "--memory-limit",
        type=_size,
        metavar="SIZE",
        help="refuse a run estimated to need more memory than SIZE, e.g. 16G (default: "
        f"${memory.LIMIT_VARIABLE} if set, else {memory.format_size(memory.DEFAULT_LIMIT)})",
    )


# Why `train --seed 0` and seed 0 of `sweep` end differently (chapter 6, appendix A of the book).
SEED_NOTE = (
    "A seed trained alone (train --seed N) and the same seed trained among others (sweep "
    "--seeds) start from the same weights and batches, yet can end differently: a batch of "
    "seeds rounds its matrix products differently in the last bits, and this chaotic game "
    "amplifies such differences. Compare runs of one command with each other."
)


def build_parser():
    """The ``gan-tutorial`` parser: its commands ``train``, ``sweep`` and ``bench``."""
    parser = _Parser(prog="gan-tutorial", description="Train the document's one-dimensional GAN.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    train = commands.add_parser(
        "train", help="train one GAN, like the document's main(args)", epilog=SEED_NOTE
    )
    _add_run_arguments(train)
    train.add_argument("--seed", type=int, default=0, help="random seed, >= 0 (default 0)")
    train.add_argument("--out", type=pathlib.Path, help="write result.json and result.png here")
    train.add_argument("--seeds", help=argparse.SUPPRESS)  # only to point at sweep
    sweep = commands.add_parser(
        "sweep", help="train one GAN per seed and report how many converge", epilog=SEED_NOTE
    )
    _add_run_arguments(sweep)
    sweep.add_argument(
        "--seeds", default="0-99", help="inclusive range A-B or comma list (default 0-99)"
    )
    sweep.add_argument("--seed", help=argparse.SUPPRESS)  # only to point at --seeds
    bench = commands.add_parser("bench", help="time training against the document's own graph")
    bench.add_argument(
        "--repeats", type=int, default=5, help="timed runs per implementation (default 5)"
    )
    bench.add_argument(
        "--eager-repeats", type=int, default=1, help="timed runs of naive eager (default 1)"
    )
    bench.add_argument(
        "--sweep-repeats", type=int, default=2, help="timed 100-seed sweep processes (default 2)"
    )
    bench.add_argument(
        "--first-repeats",
        type=int,
        default=1,
        help="fresh processes timing first and next results (default 1)",
    )
    bench.add_argument(
        "--seed", type=int, default=0, help="the seed every implementation trains (default 0)"
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object last")
    return parser


def _check_run(args, seeds):
    """Every value of train and sweep, named by its flag; then the memory the run would need."""
    checks.positive_int("--num-steps", args.num_steps)
    checks.positive_int("--batch-size", args.batch_size, minimum=2)
    checks.positive_int("--log-every", args.log_every)
    if args.preset not in PRESETS:
        raise ValueError(f"--preset must be one of {sorted(PRESETS)}, got {args.preset!r}")
    if args.learning_rate is not None:
        checks.positive_float("--learning-rate", args.learning_rate)
    if args.mu is not None:
        checks.finite_float("--mu", args.mu)
    if args.sigma is not None:
        checks.positive_float("--sigma", args.sigma)
    args.real_data = _real_data(args)
    checks.positive_float("--range", args.range)
    _check_memory(args, seeds)


def _real_data(args):
    """The target: ``--target`` parsed, or N(--mu, --sigma) built from the numbers themselves."""
    if args.target is not None and (args.mu is not None or args.sigma is not None):
        given = "--mu" if args.sigma is None else "--sigma" if args.mu is None else "--mu/--sigma"
        raise ValueError(
            f"give the real data either as --target or as --mu/--sigma, not both (got --target "
            f"and {given})"
        )
    from gan_tutorial import targets  # numpy and scipy only: TensorFlow is not imported yet

    if args.target is None:
        return targets.Normal(
            4.0 if args.mu is None else args.mu, 0.5 if args.sigma is None else args.sigma
        )
    try:
        return targets.parse(args.target)
    except ValueError as error:
        message = str(error)
        if not message.startswith("target"):
            message = f"target {args.target}: {message}"
        raise ValueError(f"--{message}") from None


def _check_memory(args, seeds):
    """Refuse a run whose estimated peak memory is above the limit, saying how to raise it."""
    if args.memory_limit is not None:
        limit, source = args.memory_limit, "--memory-limit"
    else:
        limit = memory.limit_from_environment()
        source = "default" if limit == memory.DEFAULT_LIMIT else memory.LIMIT_VARIABLE
    preset = PRESETS[args.preset]
    needed = memory.estimate_bytes(
        args.num_steps,
        args.batch_size,
        seeds,
        preset.pretrain_steps if preset.pretrains else 0,
        batches_per_step=preset.batches_per_step,
    )
    if needed > limit:
        raise ValueError(
            f"{args.num_steps} steps x batch {args.batch_size} x {seeds} "
            f"seed{'s' if seeds > 1 else ''} would need about {memory.format_size(needed)} "
            f"of memory, above the limit of {memory.format_size(limit)} ({source}); "
            f"if the machine has it, pass --memory-limit {_round_up(needed)} "
            f"or set {memory.LIMIT_VARIABLE}={_round_up(needed)}"
        )


def _round_up(size):
    """A size at least ``size``, as ``--memory-limit`` takes it: ``13G``, ``113T``."""
    for unit, scale in (("P", 2**50), ("T", 2**40), ("G", 2**30)):
        if size >= scale or unit == "G":
            return f"{math.ceil(size / scale)}{unit}"


def _prepare_out(path):
    """Make ``--out`` (with its parents) and write a scratch file there, before any training."""
    try:
        if path.exists() and not path.is_dir():
            raise ValueError(f"--out must be a directory, but {str(path)!r} is a file")
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise ValueError(
                        f"--out {str(path)!r} cannot be made: {str(parent)!r} is a file"
                    )
                break
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValueError(
            f"--out {str(path)!r} is not a writable directory: it cannot be made ({reason})"
        ) from None
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        # A directory that exists: "No such file or directory" (what /proc answers) would not be
        # true of it, so only a reason that is (permission, read-only file system) is added.
        reason = "" if error.errno == errno.ENOENT else f" ({error.strerror or error})"
        raise ValueError(
            f"--out {str(path)!r} is a directory, but not a writable one: no file can be "
            f"created in it{reason}"
        ) from None


def check_train(args):
    if args.seeds is not None:
        raise ValueError(
            f"train runs one seed (--seed N); for many seeds, run `gan-tutorial sweep --seeds "
            f"{args.seeds}`"
        )
    checks.seed(args.seed, "--seed")
    _check_run(args, 1)
    if args.out is not None:
        _prepare_out(args.out)


def check_sweep(args):
    if args.seed is not None:
        raise ValueError(f"sweep takes --seeds (a range A-B or a list), not --seed {args.seed}")
    from gan_tutorial.sweep import count_seeds

    _check_run(args, count_seeds(args.seeds, "--seeds"))


def check_bench(args):
    checks.positive_int("--repeats", args.repeats)
    checks.positive_int("--eager-repeats", args.eager_repeats)
    checks.positive_int("--sweep-repeats", args.sweep_repeats, minimum=0)
    checks.seed(args.seed, "--seed")


def _json_safe(value):
    """``value`` with every non-finite float replaced by ``None``; a dict that held one says so
    in its ``failure`` (JSON has no NaN or Infinity, and JSON.parse rejects them)."""
    if isinstance(value, dict):
        clean, notes = {}, []
        for key, item in value.items():
            if isinstance(item, float) and not math.isfinite(item):
                clean[key] = None
                notes.append(f"{key} is {item} (not a finite number), reported as null")
            else:
                clean[key] = _json_safe(item)
        if notes:
            note = "; ".join(notes)
            clean["failure"] = f"{clean['failure']}; {note}" if clean.get("failure") else note
        return clean
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _dumps(result, **kwargs):
    return json.dumps(_json_safe(result), allow_nan=False, **kwargs)


def _number(value):
    return "-" if value is None else f"{value:.3f}"


def _build_model(args, seed, log):
    """The document's ``GANEngine(DataDistribution(), GeneratorDistribution(range=8), ...)``."""
    from gan_tutorial.distributions import GeneratorDistribution
    from gan_tutorial.engine import GANEngine

    return GANEngine(
        args.real_data,  # checked and built by _check_run
        GeneratorDistribution(range=args.range),
        args.num_steps,
        args.batch_size,
        args.log_every,
        preset=args.preset,
        learning_rate=args.learning_rate,
        pretrain=not args.no_pretrain,
        seed=seed,
        mode=args.mode,
        log=log,
    )


def train(args):
    model = _build_model(args, args.seed, log=None if args.json else print)
    start = time.perf_counter()
    model.train(strict=False)  # a diverged run still reports, with its failure
    seconds = time.perf_counter() - start
    result = _json_safe(
        {
            "seed": args.seed,
            "preset": model.preset.name,
            "num_steps": model.num_steps,
            "batch_size": model.batch_size,
            "pretrain": model.pretrain_enabled,
            "target": model.data.spec,
            "mu": model.data.mean,
            "sigma": model.data.std,
            "std_target": model.data.std,
            "range": model.gen.range,
            **{k: v for k, v in model.summary().items() if k != "seed"},
            "seconds": round(seconds, 4),
        }
    )
    steps = f"{model.num_steps} steps"
    if model.pretrain_enabled:
        steps = f"{model.preset.pretrain_steps} pre-training steps + {steps}"
    print(f"trained in {seconds:.3f} s ({steps}, compilation included)", file=sys.stderr)
    if args.out is not None:
        from gan_tutorial.plotting import save_result_figure

        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "result.json").write_text(_dumps(result, indent=2) + "\n")
        save_result_figure(model, args.out / "result.png")
    if args.json:
        print(_dumps(result))
    else:
        print(
            f"mean {_number(result['mean'])}  std {_number(result['std'])}  "
            f"w1 {_number(result['w1'])}  converged {result['converged']}"
        )
    if result["failure"]:
        what = "training diverged" if model.failures else "result not finite"
        print(f"gan-tutorial train: {what}: {result['failure']}", file=sys.stderr)
        return 1
    return 0


def sweep(args):
    from gan_tutorial.sweep import evaluate, parse_seeds

    model = _build_model(args, parse_seeds(args.seeds, "--seeds"), log=None)
    start = time.perf_counter()
    result = evaluate(model, progress=print)
    result["seconds"] = round(time.perf_counter() - start, 3)
    median = "-" if result["median_w1"] is None else f"{result['median_w1']:.3f}"
    print(
        f"{result['preset']}: converged {result['converged_rate']:.0%} of {result['n']} seeds, "
        f"median w1 {median}, outcomes {result['outcomes']} ({result['seconds']:.1f} s)"
    )
    if args.json:
        print(_dumps(result))
    return 0


def bench(args):
    from gan_tutorial import bench as benchmark

    result = benchmark.run(
        args.repeats,
        args.eager_repeats,
        args.seed,
        first_repeats=args.first_repeats,
        sweep_repeats=args.sweep_repeats,
        log=lambda line: print(line, file=sys.stderr),
    )
    print(benchmark.table(result))
    if args.json:
        print(_dumps(result))
    return 0


COMMANDS = {"train": train, "sweep": sweep, "bench": bench}
CHECKS = {"train": check_train, "sweep": check_sweep, "bench": check_bench}


def main(argv=None):
    """Run the command line on ``argv`` (default: ``sys.argv``); return the exit status."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    prefix = f"{parser.prog} {args.command}"
    if unknown:  # named by the command they were given to
        print(f"{prefix}: error: unrecognized arguments: {' '.join(unknown)}", file=sys.stderr)
        return 2
    try:
        CHECKS[args.command](args)  # before TensorFlow: a refusal comes at once
    except ValueError as error:
        print(f"{prefix}: error: {error}", file=sys.stderr)
        return 2
    from gan_tutorial.quiet_import import import_tensorflow

    try:
        import_tensorflow()
    except ModuleNotFoundError as error:
        if error.name != "tensorflow":
            raise
        print(f"{prefix}: error: {TENSORFLOW_MISSING}", file=sys.stderr)
        return 2
    import numpy as np

    try:
        # Non-finite results are reported as such (null and a failure), not as numpy warnings.
        with np.errstate(all="ignore"):
            return COMMANDS[args.command](args)
    except ValueError as error:
        print(f"{prefix}: error: {error}", file=sys.stderr)
        return 2
    except FloatingPointError as error:
        print(f"{prefix}: training diverged: {error}", file=sys.stderr)
        return 1
