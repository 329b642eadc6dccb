"""The command line, mirroring the document's ``main(args)``.

Bad arguments end with one line on stderr and exit status 2; no traceback reaches the user.
"""

import argparse
import json
import pathlib
import sys
import time


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are a single line (no usage block) with exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


class UsageError(Exception):
    """A value that parsed but is out of range: reported like argparse's own errors."""


def _add_run_arguments(parser):
    parser.add_argument("--num-steps", type=int, default=1200, help="training steps (default 1200)")
    parser.add_argument(
        "--batch-size", type=int, default=12, help="points per batch, >= 2 (default 12)"
    )
    parser.add_argument(
        "--log-every", type=int, default=10, help="log a line every N steps (default 10)"
    )
    parser.add_argument("--preset", default="original", help="training recipe (default original)")
    parser.add_argument(
        "--learning-rate", type=float, default=None, help="initial rate (default: the preset's)"
    )
    parser.add_argument("--mu", type=float, default=4.0, help="mean of the real data (default 4)")
    parser.add_argument(
        "--sigma", type=float, default=0.5, help="std of the real data, > 0 (default 0.5)"
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
        default="graph",
        help="graph (default: quick to build), xla (slower to build, faster per run) or eager",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object last")


def build_parser():
    parser = _Parser(prog="gan-tutorial", description="Train the document's one-dimensional GAN.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    train = commands.add_parser("train", help="train one GAN, like the document's main(args)")
    _add_run_arguments(train)
    train.add_argument("--seed", type=int, default=0, help="random seed, >= 0 (default 0)")
    train.add_argument("--out", type=pathlib.Path, help="write result.json and result.png here")
    sweep = commands.add_parser("sweep", help="train one GAN per seed and report how many converge")
    _add_run_arguments(sweep)
    sweep.add_argument(
        "--seeds", default="0-99", help="inclusive range A-B or comma list (default 0-99)"
    )
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


def _build_model(args, seed, log):
    """The document's ``GANEngine(DataDistribution(), GeneratorDistribution(range=8), ...)``."""
    from gan_tutorial.distributions import DataDistribution, GeneratorDistribution
    from gan_tutorial.engine import GANEngine

    return GANEngine(
        DataDistribution(args.mu, args.sigma),
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
    model.train()
    seconds = time.perf_counter() - start
    result = {
        "seed": args.seed,
        "preset": model.preset.name,
        "num_steps": model.num_steps,
        "batch_size": model.batch_size,
        "pretrain": model.pretrain_enabled,
        "mu": model.data.mu,
        "sigma": model.data.sigma,
        "range": model.gen.range,
        **{k: v for k, v in model.summary().items() if k != "seed"},
        "seconds": round(seconds, 4),
    }
    print(
        f"trained in {seconds:.3f} s "
        f"(pre-training + {model.num_steps} steps, compilation included)",
        file=sys.stderr,
    )
    if args.out is not None:
        from gan_tutorial.plotting import save_result_figure

        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "result.json").write_text(json.dumps(result, indent=2) + "\n")
        save_result_figure(model, args.out / "result.png")
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"mean {result['mean']:.3f}  std {result['std']:.3f}  w1 {result['w1']:.3f}  "
            f"converged {result['converged']}"
        )
    return 0


def sweep(args):
    from gan_tutorial.sweep import evaluate, parse_seeds

    model = _build_model(args, parse_seeds(args.seeds), log=None)
    start = time.perf_counter()
    result = evaluate(model, progress=print)
    result["seconds"] = round(time.perf_counter() - start, 3)
    median = "-" if result["median_w1"] is None else f"{result['median_w1']:.3f}"
    print(
        f"{result['preset']}: converged {result['converged_rate']:.0%} of {result['n']} seeds, "
        f"median w1 {median}, outcomes {result['outcomes']} ({result['seconds']:.1f} s)"
    )
    if args.json:
        print(json.dumps(result))
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
        print(json.dumps(result))
    return 0


COMMANDS = {"train": train, "sweep": sweep, "bench": bench}


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValueError as error:
        print(f"{parser.prog} {args.command}: error: {error}", file=sys.stderr)
        return 2
    except FloatingPointError as error:
        print(f"{parser.prog} {args.command}: training diverged: {error}", file=sys.stderr)
        return 1
