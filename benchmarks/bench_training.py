"""Benchmark: the package's training against the document's own tf.compat.v1 graph.

    python benchmarks/bench_training.py [--repeats 5] [--eager-repeats 1] [--json]

is the same as ``python -m gan_tutorial bench``; see gan_tutorial/bench.py for what is timed.
"""

import sys

from gan_tutorial.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
