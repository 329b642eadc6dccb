"""Benchmark: what recording snapshots adds to a sweep, recorded as chapter 6 records them.

    python benchmarks/bench_snapshots.py [--repeats 3]

In one process, side by side: the document's recipe on 100 seeds and its 1200 steps, trained
whole, then with a snapshot every 20 steps (61 snapshots of 500 samples each), alternately. The
first of each is what a reader waits for (its tracing included); the others give the median.
"""

import statistics
import sys
import time

USAGE = "usage: bench_snapshots.py [--repeats N], N >= 1"


def _repeats(argv):
    """``--repeats N`` (default 3), or one line on stderr and exit status 2."""
    from gan_tutorial.bench import refuse, split_repeats

    repeats, rest = split_repeats(argv, USAGE)
    if rest:
        refuse(USAGE, f"unexpected arguments: {' '.join(rest)}")
    return repeats


def main(argv):
    repeats = _repeats(argv)
    from gan_tutorial.quiet_import import import_tensorflow

    import_tensorflow()
    from gan_tutorial import DataDistribution, GANEngine, GeneratorDistribution

    model = GANEngine(DataDistribution(4.0, 0.5), GeneratorDistribution(8), seed=list(range(100)),
                      log=None)  # fmt: skip
    runs = {"whole": {}, "with snapshots": {"record_every": 20, "record_samples": 500}}
    times = {name: [] for name in runs}
    for _ in range(repeats + 1):
        for name, kwargs in runs.items():
            start = time.perf_counter()
            model.train(**kwargs)
            times[name].append(time.perf_counter() - start)
    print(f"document's recipe, 100 seeds, 1200 steps; {repeats} repeats after the first")
    print(f"{'':16} {'first (s)':>10} {'median (s)':>11}")
    for name, seconds in times.items():
        print(f"{name:16} {seconds[0]:10.2f} {statistics.median(seconds[1:]):11.2f}")
    ratio = statistics.median(times["with snapshots"][1:]) / statistics.median(times["whole"][1:])
    print(f"snapshots make a run {ratio:.2f} times as long (medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
