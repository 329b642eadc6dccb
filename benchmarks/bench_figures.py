"""Benchmark: what showing a chapter's figures costs, cropped tight or drawn once at their size.

    python benchmarks/bench_figures.py [--repeats 3] NOTEBOOK...

Jupyter's inline backend shows a figure by saving it as a PNG cropped to a tight box around
what it draws, and finding that box draws the figure a second time. ``notebook.set_up`` has
figures lay themselves out and be shown at their size instead (``draw_figures_once``). For
each notebook this runs its code cells (not the exercises') twice, with
matplotlib's default layout and with the package's, and then saves each figure as the inline
backend shows it, Jupyter's default way and the package's, alternately: the first round warms
up, the others give the median seconds for all its figures.
"""

import statistics
import sys
import time
from pathlib import Path

USAGE = "usage: bench_figures.py [--repeats N] NOTEBOOK..., N >= 1"


def _arguments(argv):
    """``(repeats, notebooks)``, or one line on stderr and exit status 2."""
    from gan_tutorial.bench import refuse, split_repeats

    repeats, paths = split_repeats(argv, USAGE)
    if not paths:
        refuse(USAGE, "name at least one notebook")
    missing = [p for p in paths if not Path(p).is_file() or not p.endswith(".ipynb")]
    if missing:
        refuse(USAGE, f"not a notebook: {', '.join(missing)}")
    return repeats, [Path(p) for p in paths]


def _figures(path, laid_out):
    """The figures that ``path``'s code cells leave at each ``plt.show()``, kept open; made with
    the layout of ``draw_figures_once`` if ``laid_out``, else with matplotlib's default."""
    import contextlib
    import io
    import os

    import matplotlib.pyplot as plt
    import nbformat

    plt.rcParams["figure.constrained_layout.use"] = laid_out
    figures, show = [], plt.show

    def keep(*args, **kwargs):  # as the inline backend: shown, then closed (it can still be saved)
        figures.extend(map(plt.figure, plt.get_fignums()))
        plt.close("all")

    plt.show = keep
    skipped = {"exercise-stub", "exercise-check"}
    here = os.getcwd()
    os.chdir(path.parent)  # where the chapter runs
    try:
        namespace = {}
        for cell in nbformat.read(path.name, as_version=4).cells:
            tags = set(cell.metadata.get("tags", []))
            if cell.cell_type == "code" and not tags & skipped:
                with contextlib.redirect_stdout(io.StringIO()):  # the chapter's printing
                    exec(compile(cell.source, str(path), "exec"), namespace)
    finally:
        os.chdir(here)
        plt.show = show
    return figures


def main(argv):
    repeats, paths = _arguments(argv)
    import matplotlib

    matplotlib.use("Agg")
    from IPython.core.pylabtools import print_figure

    from gan_tutorial.notebook import set_up

    set_up()
    print(f"seconds to show every figure, median of {repeats} rounds after a first")
    print(f"{'notebook':28} {'figures':>7} {'Jupyter':>8} {'set_up':>8} {'ratio':>6}")
    for path in paths:
        ways = {"tight": _figures(path, laid_out=False), None: _figures(path, laid_out=True)}
        times = {crop: [] for crop in ways}
        # A figure is shown once; saved again, one without a layout engine would get the
        # default one (plotting.OWN_MARGINS): the rounds save them with no default.
        matplotlib.rcParams["figure.constrained_layout.use"] = False
        for _ in range(repeats + 1):
            for crop, figures in ways.items():
                start = time.perf_counter()
                for figure in figures:
                    print_figure(figure, "png", bbox_inches=crop)
                times[crop].append(time.perf_counter() - start)
        tight, once = (statistics.median(times[crop][1:]) for crop in times)
        count = len(ways[None])
        print(f"{path.name:28} {count:7} {tight:8.2f} {once:8.2f} {once / tight:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
