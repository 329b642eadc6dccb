"""Figures shared by the command line and the book: what G makes, against what D believes."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import AutoLocator


def optimal_discriminator(grid, data_pdf, samples, bin_width=0.2, floor=0.01):
    """The best D against these samples: ``D*(x) = p_data(x) / (p_data(x) + p_g(x))``.

    ``p_g`` is estimated by a histogram of ``samples`` with bins of ``bin_width``. Where both
    densities are below ``floor``, neither the data nor the samples say anything (a histogram
    of 10,000 samples cannot resolve less): D* is left undefined there, as NaN.
    """
    grid = np.asarray(grid, np.float64)
    edges = np.arange(grid[0], grid[-1] + bin_width, bin_width)
    counts, _ = np.histogram(samples, bins=edges)
    density = counts / (len(samples) * bin_width)
    p_g = density[np.clip(np.searchsorted(edges, grid, side="right") - 1, 0, len(density) - 1)]
    total = data_pdf + p_g
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total >= floor, data_pdf / total, np.nan)


def plot_state(grid, data_pdf, samples, decision, ax=None, bins=80, optimal=True, legend=True):
    """One picture of the game: the real pdf, a histogram of G's samples, D(x), and D*(x).

    Samples beyond the grid are drawn at its edges, so runs that wander off still show where
    their mass went.
    """
    ax = ax or plt.gca()
    low, high = grid[0], grid[-1]
    ax.plot(grid, data_pdf, color="tab:blue", lw=2, label="$p_{data}(x)$")
    ax.hist(
        np.clip(samples, low, high),
        bins=bins,
        range=(low, high),
        density=True,
        color="tab:green",
        alpha=0.5,
        histtype="stepfilled",  # one patch, not one per bar: quicker to draw
        label="$G(z)$",
    )
    ax.plot(grid, decision, color="tab:orange", lw=2, label="$D(x)$")
    if optimal:
        best = optimal_discriminator(grid, data_pdf, samples)
        ax.plot(grid, best, color="black", ls="--", lw=1.2, label="$D^*(x)$")
    ax.set_xlim(low, high)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$p(x)$, $D(x)$")
    if legend:
        ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_distributions(model, ax=None, bins=80, samples=None, index=None, legend=True):
    """``plot_state`` for an engine model; ``index`` picks one seed of a model with several."""
    r = model.gen.range
    grid = np.linspace(-r, r, 400)
    samples = model.sample() if samples is None else samples
    decision = model.decision_boundary(grid)
    if index is not None:
        samples, decision = samples[index], decision[index]
    return plot_state(grid, model.data.pdf(grid), samples, decision, ax, bins, legend=legend)


def plot_losses(history, ax=None, index=None, legend=True):
    """loss_d and loss_g per step, with their equilibrium values 2 ln 2 = log 4 and ln 2;
    ``index`` picks one seed of a history with several."""
    ax = ax or plt.gca()
    loss_d, loss_g = (np.asarray(history[k]) for k in ("loss_d", "loss_g"))
    if index is not None:
        loss_d, loss_g = _seed_column(loss_d, index), _seed_column(loss_g, index)
    ax.plot(loss_d, label=r"$\text{loss}_D$", color="tab:red", lw=0.8)
    ax.plot(loss_g, label=r"$\text{loss}_G$", color="tab:purple", lw=0.8)
    ax.axhline(2 * np.log(2), color="tab:red", ls="--", lw=1, label=r"$2\ln 2$")
    ax.axhline(np.log(2), color="tab:purple", ls="--", lw=1, label=r"$\ln 2$")
    ax.set_xlabel("$t$")
    ax.set_ylabel("loss / 损失")
    if legend:
        ax.legend(loc="upper right")
    return ax


def _seed_column(per_step, index):
    """One seed's column of a ``(steps, seeds)`` record."""
    if per_step.ndim != 2 or not -per_step.shape[1] <= index < per_step.shape[1]:
        raise ValueError(f"index must pick one of the history's seeds, got {index!r}")
    return per_step[:, index]


def plot_verdicts(snapshots, ax=None, index=None, legend=True):
    """D's mean verdict on real data and on G's samples at each snapshot, against the 1/2 of
    equilibrium (``snapshots`` of ``GANEngine.train(record_every=k)``)."""
    if not snapshots:
        raise ValueError("snapshots is empty: train with model.train(record_every=k) first")
    ax = ax or plt.gca()
    steps = [s["step"] for s in snapshots]
    for key, color, label in (
        # no $...$ beside Chinese: mathtext draws a label's words with its own font, no CJK
        ("verdict_real", "tab:blue", "D(real / 真实)"),
        ("verdict_fake", "tab:green", "D(G(z))"),
    ):
        ax.plot(steps, [_pick(s[key], index, "index") for s in snapshots], color=color, label=label)
    ax.axhline(0.5, color="black", ls="--", lw=1, label=r"$\frac{1}{2}$")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("training step / 训练步数")
    ax.set_ylabel("mean verdict / 平均判断")
    if legend:
        ax.legend(loc="upper right", fontsize="small")
    return ax


def _pick(array, index, name):
    """One seed of a snapshot's array (``index``), or the array itself."""
    array = np.asarray(array)
    if index is None:
        return array
    if array.ndim == 0 or not -array.shape[0] <= index < array.shape[0]:
        raise ValueError(f"{name} must pick one of the snapshots' seeds, got {index!r}")
    return array[index]


def plot_mapping(grid, mapping, noise, generated, ax=None, data_ranges=()):
    """G as a mapping: the curve z -> G(z) over the noise interval ``grid``, and a batch's noise
    points ``noise`` at their outputs ``generated``; each ``(low, high)`` of ``data_ranges``
    (as the function ``data_ranges`` gives them) is shaded: where the real data lie."""
    if np.shape(mapping) != np.shape(grid):
        raise ValueError(
            f"mapping must have the grid's shape {np.shape(grid)}, got {np.shape(mapping)}"
        )
    if np.shape(generated) != np.shape(noise):
        raise ValueError(
            f"generated must have the noise's shape {np.shape(noise)}, got {np.shape(generated)}"
        )
    ax = ax or plt.gca()
    _shade_data(ax, data_ranges)
    ax.plot(grid, mapping, color="tab:green", lw=1.5, label="$G(z)$")
    ax.plot(noise, generated, "o", color="tab:green", mec="black", ms=4, label="batch / 批次")
    ax.set_xlim(grid[0], grid[-1])
    ax.set_xlabel("noise z / 噪声 z")
    ax.set_ylabel("$G(z)$")
    return ax


def _shade_data(ax, ranges):
    """A band across ``ax`` for each ``(low, high)`` of ``ranges``: where the real data lie."""
    for k, (low, high) in enumerate(ranges):
        ax.axhspan(low, high, color="tab:blue", alpha=0.15, lw=0,
                   label="data / 数据" if k == 0 else None)  # fmt: skip


def plot_pushes(points, push, ax=None, y=0.1, arrow_scale=4.0, max_length=3.0, limits=None):
    """An arrow at each generated point for the push G's loss gives it (``push``, the minus
    gradient of -log D(G(z)) with respect to G(z)): it points where gradient descent moves the
    sample, and is ``arrow_scale * |push|`` long in x units, cut at ``max_length``. Points
    beyond ``limits`` (the axis's x range by default) are drawn at its edges."""
    points, push = np.asarray(points, float), np.asarray(push, float)
    if points.ndim != 1 or push.shape != points.shape:
        raise ValueError(f"push must have the points' shape {points.shape}, got {push.shape}")
    for name, value in (("arrow_scale", arrow_scale), ("max_length", max_length)):
        if not value > 0:
            raise ValueError(f"{name} must be positive, got {value!r}")
    ax = ax or plt.gca()
    low, high = ax.get_xlim() if limits is None else limits
    at, level = np.clip(points, low, high), np.full(points.shape, float(y))
    length = np.clip(arrow_scale * push, -max_length, max_length)
    ax.plot(at, level, "|", color="black", ms=8, mew=1.5)
    return ax.quiver(  # thick enough to read when a row of five panels is shrunk to the page
        at, level, length, np.zeros_like(length), angles="xy", scale_units="xy", scale=1,
        color="tab:red", width=0.014, headwidth=3, headlength=3, headaxislength=2.6,
    )  # fmt: skip


#: The share of its peak above which the data's density counts as where the data lie, in figures.
DATA_BAND_SHARE = 0.01


def data_ranges(grid, data_pdf, share=DATA_BAND_SHARE):
    """Where ``data_pdf`` (values on ``grid``) is above ``share`` of its peak: a ``(low, high)``
    per stretch of the grid, so that two humps with a gap between them give two."""
    grid, inside = np.asarray(grid), np.asarray(data_pdf) >= share * np.max(data_pdf)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(int), [0]])))
    return [(float(grid[a]), float(grid[b - 1])) for a, b in zip(edges[::2], edges[1::2])]


#: The layout of a figure that sets its own margins, which is no layout engine at all, so that
#: matplotlib draws the figure once when it is saved, where any engine makes it lay the figure
#: out in a first drawing (``benchmarks/bench_figures.py``). An animation's frames keep it only
#: when shown by ``animation_html``, because a figure without an engine is given the default
#: one when it is saved again.
OWN_MARGINS = "none"


class _TicksInView(AutoLocator):
    """matplotlib's default ticks without those beyond the axis' ends, which it would make (and
    label) only to leave them undrawn: the same picture, with fewer ticks to make in a figure of
    many panels."""

    def __call__(self):
        low, high = sorted(self.axis.get_view_interval())
        margin = (high - low) * 1e-9
        ticks = np.asarray(super().__call__())
        return ticks[(ticks >= low - margin) & (ticks <= high + margin)]


def _ticks_in_view(axes):
    """Give each of ``axes`` with matplotlib's default ticks ``_TicksInView``."""
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_locator()) is AutoLocator:
                axis.set_major_locator(_TicksInView())


def plot_run(snapshots, data_pdf, steps, index=None, axes=None, arrow_scale=4.0, y_max=2.0):
    """Small multiples of one run over training, a column per recorded step of ``steps``: G's
    mapping with a batch's noise points (top row, ``plot_mapping``), and below it the histogram
    of G's samples against p_data with D(x) and D*(x) (``plot_state``) and an arrow on each of
    the batch's generated points for its push (``plot_pushes``, ``arrow_scale`` x units per
    unit of push, cut at 3). ``data_pdf`` is the target's pdf (a function); ``index`` picks one
    seed. The top row's y axis spans the data and half their width again either side (a G
    wider than that runs off it); the bottom row's ends at ``y_max``.
    Returns the axes, shape ``(2, len(steps))``."""
    if not snapshots:
        raise ValueError("snapshots is empty: train with model.train(record_every=k) first")
    by_step = {s["step"]: s for s in snapshots}
    missing = [step for step in steps if step not in by_step]
    if not len(steps) or missing:
        raise ValueError(f"steps must be recorded steps {sorted(by_step)}, got {list(steps)}")
    if axes is None:  # a fixed layout: quicker to draw than a constrained one
        width = 2.1 * len(steps)  # inches: narrow, so that its text stays readable on the page
        fig, axes = plt.subplots(2, len(steps), figsize=(width, 5.2), sharex="row", sharey="row",
                                 layout=OWN_MARGINS)  # fmt: skip
        fig.subplots_adjust(left=0.75 / width, right=1 - 0.13 / width, top=0.94, bottom=0.1,
                            wspace=0.08, hspace=0.4)  # fmt: skip
    axes = np.asarray(axes).reshape(2, len(steps))
    strip = (-0.55, -0.05)  # y: a strip below the histogram, for the arrows
    for (top, bottom), step in zip(axes.T, steps):
        snap = by_step[step]
        grid, pdf = snap["grid"], data_pdf(snap["grid"])
        mapping, generated, samples, decision, push = (
            _pick(snap[key], index, "index")
            for key in ("mapping", "generated", "samples", "decision", "push")
        )
        ranges = data_ranges(grid, pdf)
        plot_mapping(grid, mapping, snap["noise"], generated, top, ranges)
        low, high = ranges[0][0], ranges[-1][1]
        top.set_ylim(low - (high - low) / 2, high + (high - low) / 2)  # a wider G runs off it
        bottom_edge, top_edge = top.get_ylim()
        if np.all((mapping < bottom_edge) | (mapping > top_edge)):  # say so, not an empty panel
            below = np.median(mapping) < bottom_edge
            note = ("G(z) below the scale\n低于坐标范围" if below
                    else "G(z) above the scale\n高于坐标范围")  # fmt: skip
            top.text(0.5, 0.5, note, transform=top.transAxes, ha="center", va="center",
                     fontsize="small")  # fmt: skip
        top.set_title(f"step / 训练步数 {step}", fontsize="medium")
        plot_state(grid, pdf, samples, decision, bottom, bins=60, legend=False)
        bottom.set_ylim(strip[0], y_max)
        bottom.axhspan(*strip, color="0.95", lw=0, zorder=0)
        plot_pushes(generated, push, bottom, sum(strip) / 2, arrow_scale,
                    limits=(grid[0], grid[-1]))  # fmt: skip
    for ax in axes[:, 1:].flat:
        ax.set_ylabel("")
    _ticks_in_view(axes.flat)  # its own panels, not the rest of a caller's figure
    return axes


#: The run without each idea of ``presets.IDEAS`` as the figures name it, in chapter 7's order;
#: taking away ``no-d-pre`` means pretraining D_pre as the document does.
IDEA_TITLES = {
    "standardise": "without standardised data / 不用数据标准化",
    "kinks-g-start": "without the kinked start / 不用折点起步",
    "stratified-noise": "without stratified noise / 不用分层噪声",
    "gradient-penalties": "without gradient penalties / 不用梯度惩罚",
    "adam": "without Adam / 不用 Adam",
    "five-d-steps": "without five D updates / 不用五次 D 更新",
    "g-average": "without the averaged G / 不用平均的 G",
    "instance-noise": "without instance noise / 不用实例噪声",
    "sharp-d-start": "without the sharper D / 不用更尖锐的 D",
    "no-d-pre": "with D_pre / 用 D_pre",
    "logits": "without logits / 不用对数几率",
}


#: Each idea's short name in the figures, as a rung of the ladder adds it.
IDEA_NAMES = {
    "standardise": "standardised data / 数据标准化",
    "kinks-g-start": "kinked start / 折点起步",
    "stratified-noise": "stratified noise / 分层噪声",
    "gradient-penalties": "gradient penalties / 梯度惩罚",
    "adam": "Adam",
    "five-d-steps": "five D updates / 五次 D 更新",
    "g-average": "averaged G / 平均的 G",
    "instance-noise": "instance noise / 实例噪声",
    "sharp-d-start": "sharper D / 更尖锐的 D",
    "no-d-pre": "no D_pre / 不用 D_pre",
    "logits": "logits / 对数几率",
}


def idea_title(idea):
    """The run without ``idea``, as the figures name it (``IDEA_TITLES``)."""
    return IDEA_TITLES.get(idea, f"without {idea}")


#: A row of ``plot_ideas_compared`` whose red run is not simply "without" a switch.
COMPARED_TITLES = {"no-d-pre": "red: with D_pre, green: without / 红色：用 D_pre，绿色：不用"}


#: The two runs of an idea at work, as the figures label them.
IDEA_LABELS = ("without the idea / 去掉这个技巧", "with it / 加上这个技巧")


def plot_idea_at_work(experiment, data_pdf, steps=None, marks=(), labels=IDEA_LABELS,
                      threshold=0.2):  # fmt: skip
    """One idea at work (``data.idea_at_work(idea)``): its shown seed trained without the idea
    (top two rows) and with it (next two), each drawn by ``plot_run`` at ``steps`` (default:
    every saved step) under its label of ``labels``; and, where ``experiment`` has ``scores``,
    both runs' W1 / std every 100 steps against the ``threshold`` of convergence (bottom row).
    ``marks`` frames in red the panels where the failure shows, each ``(run, row, step)``, as
    ``("without", "mapping", 300)`` (``row`` "mapping" or "state"), or ``("scores",)``.
    Returns the axes of the four rows, shape ``(4, len(steps))``."""
    runs = [experiment["runs"][key] for key in ("without", "with")]
    steps = list(steps or [s["step"] for s in runs[0]])
    recorded = [{s["step"] for s in snapshots} for snapshots in runs]
    if not steps or not all(set(steps) <= steps_of_run for steps_of_run in recorded):
        both = sorted(set.intersection(*recorded))
        raise ValueError(f"steps must be recorded in both runs, {both}, got {steps}")
    scores = experiment.get("scores")
    n, width, panel = len(steps), 2.1 * len(steps), 1.5  # inches, as plot_run's
    left, right, gap = 0.75, 0.13, 0.08  # margins, and the space between panels (of a width)
    panel_width = (width - left - right) / (n + (n - 1) * gap)
    # From the top, in inches: a label, the mapping row, the state row; again; then the scores.
    block = [0.6, panel, 0.7, panel, 0.45]
    columns = 2 if n >= 3 else 1  # of the legend above the scores, which it must fit
    heights = block * 2 + ([0.15 + 0.2 * (-(-3 // columns)), panel, 0.5] if scores else [])
    height = sum(heights)
    fig = plt.figure(figsize=(width, height), layout=OWN_MARGINS)

    def add(row, col=0, span=1, **share):
        top = sum(heights[:row])
        return fig.add_axes([(left + col * panel_width * (1 + gap)) / width,
                             1 - (top + heights[row]) / height,
                             (panel_width * span + (span - 1) * gap * panel_width) / width,
                             heights[row] / height], **share)  # fmt: skip

    axes = np.empty((4, n), dtype=object)
    for row, grid_row in enumerate((1, 3, 6, 8)):
        for col in range(n):
            first = axes[row % 2, 0] if row >= 2 or col else None
            axes[row, col] = add(grid_row, col, sharex=first, sharey=first)
    for rows, snapshots, label, top in zip((axes[:2], axes[2:]), runs, labels, (0, 5)):
        plot_run(snapshots, data_pdf, steps, index=0, axes=rows, y_max=1.5)
        fig.text(left / width, 1 - (sum(heights[:top]) + 0.05) / height, label,
                 fontsize="large", va="top")  # fmt: skip
    for ax in axes[:, 1:].flat:
        ax.tick_params(labelleft=False)
    framed = []
    for mark in marks:
        if mark == ("scores",) and scores:
            continue  # framed below, once drawn
        run, row, step = mark if len(mark) == 3 else (None, None, None)
        if run not in ("without", "with") or row not in ("mapping", "state") or step not in steps:
            raise ValueError(f"marks must be (run, row, step) with run 'without' or 'with', row "
                             f"'mapping' or 'state' and a step of {steps}, or ('scores',) where "
                             f"there are scores, got {mark!r}")  # fmt: skip
        framed.append(axes[2 * (run == "with") + (row == "state"), steps.index(step)])
    if scores:
        ax = add(len(heights) - 2, span=n)
        if ("scores",) in marks:
            framed.append(ax)
        _plot_scores(ax, scores, labels, threshold)
        ax.legend(fontsize="small", loc="lower left", bbox_to_anchor=(0, 1), ncol=columns,
                  frameon=False, borderaxespad=0.1, handlelength=1.5, columnspacing=1)  # fmt: skip
    _frame(framed)
    _ticks_in_view(fig.axes)
    return axes


def _frame(axes):
    """A red frame round each of ``axes``: where a figure's failure shows."""
    for ax in axes:
        for spine in ax.spines.values():
            spine.set(color="crimson", linewidth=2.5, zorder=5)


def _plot_scores(ax, scores, labels, threshold):
    """The W1 / std of the runs without and with an idea (``scores``, as ``data.idea_at_work``
    gives them) every 100 steps, on a log axis, against the line of convergence."""
    for key, label, color in zip(("without", "with"), labels, ("tab:red", "tab:green")):
        ax.plot(scores[key]["steps"], scores[key]["w1_over_std"], marker="o", ms=3,
                color=color, label=label)  # fmt: skip
    ax.axhline(threshold, color="black", ls="--", lw=1,
               label=f"converged below / 收敛线 {threshold:g}")  # fmt: skip
    ax.set_yscale("log")
    values = [v for key in ("without", "with") for v in scores[key]["w1_over_std"]]
    low, high = min(values + [threshold]) / 1.3, max(values + [threshold]) * 1.3
    ax.set_ylim(low, high)
    ax.set_yticks([t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5) if low <= t <= high], minor=False)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_locator(plt.NullLocator())  # the marked values alone: quicker to draw
    ax.set_xlabel("step / 训练步数")
    ax.set_ylabel("$W_1 / \\sigma$")
    return ax


#: The panels of ``plot_ideas_compared``'s rows, left to right.
COMPARED_PANELS = ("mapping", "samples", "scores")


def plot_ideas_compared(experiments, data_pdf, step=1200, marks=(), threshold=0.2,
                        labels=IDEA_LABELS):  # fmt: skip
    """Several ideas at work, compactly, a row each: ``experiments`` maps an idea to
    ``data.idea_at_work(idea)``, its row titled by ``idea_title``. In each row, the shown seed
    without the idea (red) and with it (green): G's mapping at ``step``, with the noise points
    of a batch of the run without it (the data's humps shaded); the histogram of G's samples at
    ``step`` against p_data; their W1 / std every 100 steps against the ``threshold`` of
    convergence. ``marks`` gives, row by row, the panel framed in red (one of
    ``COMPARED_PANELS``, or None). Returns the axes, shape (rows, 3)."""
    if not experiments:
        raise ValueError("experiments must name at least one idea, got none")
    marks = list(marks) or [None] * len(experiments)
    if len(marks) != len(experiments) or not set(marks) <= {None, *COMPARED_PANELS}:
        raise ValueError(f"marks must give a row's framed panel, one of {COMPARED_PANELS} or "
                         f"None, for each of the {len(experiments)} rows, got {marks}")  # fmt: skip
    height = 1.2 + 2.1 * len(experiments)  # inches: the legend on top, then a row per idea
    fig, axes = plt.subplots(len(experiments), 3, figsize=(7.2, height), layout=OWN_MARGINS,
                             squeeze=False)  # fmt: skip
    fig.subplots_adjust(left=0.09, right=0.98, top=1 - 0.95 / height, bottom=0.5 / height,
                        wspace=0.32, hspace=0.8)  # fmt: skip
    for row, (idea, experiment), mark in zip(axes, experiments.items(), marks):
        runs = [{s["step"]: s for s in experiment["runs"][key]} for key in ("without", "with")]
        if not all(step in run for run in runs):
            raise ValueError(f"step must be recorded in both runs of {idea!r}, got {step!r}")
        without, with_it = (run[step] for run in runs)
        grid = without["grid"]
        pdf = data_pdf(grid)
        _shade_data(row[0], data_ranges(grid, pdf))
        for snap, label, color in ((without, labels[0], "tab:red"),
                                   (with_it, labels[1], "tab:green")):  # fmt: skip
            row[0].plot(grid, _pick(snap["mapping"], 0, "index"), color=color, label=label)
        row[0].plot(without["noise"], _pick(without["generated"], 0, "index"), "o", ms=3.5,
                    color="tab:red", mec="black", label="batch / 批次")  # fmt: skip
        row[0].set(xlim=(grid[0], grid[-1]), xlabel="noise z / 噪声 z", ylabel="$G(z)$")
        row[1].plot(grid, pdf, color="tab:blue", lw=2, label="$p_{data}$")
        for snap, color in ((without, "tab:red"), (with_it, "tab:green")):
            row[1].hist(np.clip(_pick(snap["samples"], 0, "index"), grid[0], grid[-1]), bins=60,
                        range=(grid[0], grid[-1]), density=True, histtype="step", lw=1.5,
                        color=color)  # fmt: skip
        row[1].set(xlim=(grid[0], grid[-1]), xlabel="$x$", ylabel="$p(x)$")
        _plot_scores(row[2], experiment["scores"], labels, threshold)
        title = COMPARED_TITLES.get(idea, idea_title(idea))
        row[0].set_title(title, loc="left", fontsize="medium", x=-0.25)
        if mark:
            _frame([row[COMPARED_PANELS.index(mark)]])
    handles = axes[0, 0].get_legend_handles_labels()
    threshold_line = axes[0, 2].get_lines()[-1]
    fig.legend([*handles[0], threshold_line], [*handles[1], threshold_line.get_label()],
               loc="upper center", ncols=3, fontsize="small", frameon=False)  # fmt: skip
    _ticks_in_view(fig.axes)
    return axes


def save_result_figure(model, path):
    """The command line's PNG: distributions and losses side by side."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    plot_distributions(model, left)
    plot_losses(model.history, right)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def animate_training(snapshots, data_pdf, index=None, interval=250, bins=60, y_max=3.0):
    """An animation of training snapshots, one frame each (an engine's ``model.snapshots``).

    Each snapshot holds ``step``, ``grid``, ``samples`` and ``decision``; ``index`` picks one
    seed when they hold several. Each frame shows the real pdf, a histogram of G's samples, D(x)
    and the optimal D*(x). The y axis ends at the tallest bar or ``y_max``, whichever is lower.
    The figure is closed before returning, so a notebook shows only the animation.
    """
    from matplotlib.animation import FuncAnimation

    if not snapshots:
        raise ValueError("snapshots is empty: train with model.train(record_every=k) first")
    pick = (lambda a: a) if index is None else (lambda a: a[index])  # noqa: E731
    grid = snapshots[0]["grid"]
    pdf = data_pdf(grid)
    edges = np.linspace(grid[0], grid[-1], bins + 1)
    heights = [
        np.histogram(pick(snap["samples"]), bins=edges)[0]
        / len(pick(snap["samples"]))
        / np.diff(edges)
        for snap in snapshots
    ]
    top = min(y_max, max(1.05, 1.1 * float(pdf.max()), 1.1 * max(h.max() for h in heights)))
    fig, ax = plt.subplots(figsize=(8, 4), dpi=100, constrained_layout=True)
    ax.plot(grid, pdf, color="tab:blue", lw=2, label="$p_{data}(x)$")
    bars = ax.bar(
        edges[:-1],
        heights[0],
        width=np.diff(edges),
        align="edge",
        color="tab:green",
        alpha=0.5,
        label="$G(z)$",
    )
    (decision,) = ax.plot([], [], color="tab:orange", lw=2, label="$D(x)$")
    (best,) = ax.plot([], [], color="black", ls="--", lw=1.2, label="$D^*(x)$")
    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylim(0, top)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$p(x)$, $D(x)$")
    ax.legend(loc="upper left")

    def draw(i):
        snap = snapshots[i]
        for bar, height in zip(bars, heights[i]):
            bar.set_height(height)
        decision.set_data(grid, pick(snap["decision"]))
        best.set_data(grid, optimal_discriminator(grid, pdf, pick(snap["samples"])))
        cut = ", ↑ cut / 截断" if heights[i].max() > top else ""
        ax.set_title(f"step / 训练步数 {snap['step']}{cut}")
        return [*bars, decision, best]

    anim = FuncAnimation(fig, draw, frames=len(snapshots), interval=interval, blit=False)
    plt.close(fig)
    return anim


def animate_mapping(snapshots, data_pdf, index=None, interval=250, bins=60, y_max=3.0):
    """An animation of G as a mapping over training, one frame per snapshot (``model.snapshots``
    of ``train(record_every=k)``): left, the curve z -> G(z) with the batch's noise points and a
    band where the data lie; right, the histogram of G's samples against ``data_pdf`` (a
    function). ``index`` picks one seed. The figure is closed before returning."""
    from matplotlib.animation import FuncAnimation

    if not snapshots:
        raise ValueError("snapshots is empty: train with model.train(record_every=k) first")
    if "mapping" not in snapshots[0]:
        raise ValueError("snapshots hold no mapping: record them with GANEngine.train")
    pick = (lambda a: a) if index is None else (lambda a: _pick(a, index, "index"))  # noqa: E731
    grid = snapshots[0]["grid"]
    pdf = data_pdf(grid)
    # A fixed layout and one outline for the histogram: each frame is drawn quickly.
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100, layout=OWN_MARGINS)
    fig.subplots_adjust(left=0.07, right=0.99, top=0.91, bottom=0.14, wspace=0.16)
    first = snapshots[0]
    plot_mapping(grid, pick(first["mapping"]), first["noise"], pick(first["generated"]), left,
                 data_ranges(grid, pdf))  # fmt: skip
    curve, points = left.lines[-2], left.lines[-1]
    mappings = np.array([pick(snap["mapping"]) for snap in snapshots])
    low, high = min(grid[0], mappings.min()) - 0.5, max(grid[-1], mappings.max()) + 0.5
    left.set_ylim(low, high + 0.4 * (high - low))  # the top 2/7 of the panel: the legend's
    left.legend(loc="upper left", fontsize="small")
    edges = np.linspace(grid[0], grid[-1], bins + 1)
    right.plot(grid, pdf, color="tab:blue", lw=2, label="$p_{data}(x)$")
    histogram = right.stairs(np.zeros(bins), edges, fill=True, color="tab:green", alpha=0.5,
                             label="$G(z)$")  # fmt: skip
    right.set_xlim(grid[0], grid[-1])
    right.set_ylim(0, min(y_max, max(1.05, 1.6 * float(pdf.max()))))
    right.set_xlabel("$x$")
    right.legend(loc="upper left", fontsize="small")

    def draw(i):
        snap = snapshots[i]
        curve.set_data(grid, pick(snap["mapping"]))
        points.set_data(snap["noise"], pick(snap["generated"]))
        samples = np.clip(pick(snap["samples"]), grid[0], grid[-1])
        heights = np.histogram(samples, bins=edges)[0] / len(samples) / np.diff(edges)
        histogram.set_data(heights)
        left.set_title(f"step / 训练步数 {snap['step']}")
        return [curve, points, histogram]

    anim = FuncAnimation(fig, draw, frames=len(snapshots), interval=interval, blit=False)
    plt.close(fig)
    return anim


#: The outcomes' Chinese names, for figures labelled in both languages (both editions).
OUTCOME_ZH = {
    "converged": "收敛",
    "collapsed": "坍缩",
    "diverged": "发散",
    "oscillating": "振荡",
    "other": "其他",
    "non-finite": "非有限值",
}
#: One colour per outcome, the same in every figure.
OUTCOME_COLORS = {
    "converged": "tab:green",
    "collapsed": "tab:purple",
    "diverged": "tab:red",
    "oscillating": "tab:orange",
    "other": "tab:olive",
    "non-finite": "black",
}


def outcome_label(outcome, separator=" / "):
    """``outcome`` with its Chinese name: ``"collapsed / 坍缩"``."""
    if outcome not in OUTCOME_ZH:
        raise ValueError(f"outcome must be one of {sorted(OUTCOME_ZH)}, got {outcome!r}")
    return f"{outcome}{separator}{OUTCOME_ZH[outcome]}"


def plot_outcome_counts(results, outcomes, ax=None, colors=None):
    """Bars of how many runs ended in each of ``outcomes``, a group per outcome and a bar per
    sweep: ``results`` maps a sweep's label to its ``outcomes`` counts (``sweep.evaluate``);
    ``colors``, one per sweep, or matplotlib's."""
    ax = ax or plt.gca()
    x, width = np.arange(len(outcomes)), 0.8 / max(len(results), 1)
    for k, (label, counts) in enumerate(results.items()):
        offset = (k - (len(results) - 1) / 2) * width
        color = None if colors is None else colors[k]
        counted = [counts.get(o, 0) for o in outcomes]
        ax.bar(x + offset, counted, width=width, label=label, color=color)
    ax.set_xticks(x, [outcome_label(o, "\n") for o in outcomes])
    ax.set_xlabel("outcome / 结果")
    ax.set_ylabel("seeds / 随机种子数")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(results))
    return ax


def plot_ideas_taken_away(experiments, ax=None):
    """How each idea's runs end without it (``experiments``: idea -> ``data.idea_at_work(idea)``,
    drawn top to bottom in their order): a bar per idea, its seeds stacked by outcome, and a
    tick where the runs with every idea stand. Returns the axes."""
    if not experiments:
        raise ValueError("experiments must name at least one idea, got none")
    ax = ax or plt.gca()
    names = list(experiments)
    rows = np.arange(len(names))[::-1]  # the first idea on top
    left = np.zeros(len(names))
    for outcome in ("converged", "other", "collapsed", "diverged", "non-finite"):
        counts = np.array([experiments[i]["outcomes"]["without"].count(outcome) for i in names])
        if counts.any():
            ax.barh(rows, counts, left=left, color=OUTCOME_COLORS[outcome],
                    label=outcome_label(outcome))  # fmt: skip
        left += counts
    with_all = [experiments[i]["outcomes"]["with"].count("converged") for i in names]
    ax.scatter(with_all, rows, marker="|", s=200, color="black", zorder=3,
               label="converged with every idea / 全部技巧都用时收敛")  # fmt: skip
    ax.set_xlim(0, 1.04 * max(left.max(), max(with_all)))  # the ticks at the end stay in sight
    ax.set_yticks(rows, [idea_title(name) for name in names])
    ax.set_xlabel("seeds / 随机种子数")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize="small")
    return ax


def plot_outcome_gallery(model, runs, std, samples=None, ncols=2, y_max=2.0):
    """One panel per run of ``runs`` (rows of ``sweep.evaluate``, each with its ``seed``,
    ``outcome`` and ``w1``) of the engine ``model`` trained on them: ``plot_distributions``,
    titled with the outcome, the seed and W1 / ``std``. Returns the figure."""
    if not runs:
        raise ValueError("runs is empty: give the runs to draw")
    seeds = list(model.seeds)
    nrows = (len(runs) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(5 * ncols, 3.6 * nrows), sharey=True,
                             layout="constrained", squeeze=False)  # fmt: skip
    for ax, run in zip(axes.flat, runs):
        plot_distributions(model, ax, samples=samples, index=seeds.index(run["seed"]),
                           legend=False)  # fmt: skip
        ax.set_ylim(0, y_max)
        w1 = "—" if run["w1"] is None else f"{run['w1'] / std:.2f}"
        ax.set_title(f"{outcome_label(run['outcome'])}: seed {run['seed']}, W₁/σ = {w1}")
    for ax in axes.flat[len(runs) :]:
        ax.remove()
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=4)
    return fig


def plot_outcome_scatter(x, y, outcomes, ax=None, shown=("converged", "collapsed", "diverged",
                                                           "other")):  # fmt: skip
    """Runs as points at ``(x, y)``, coloured by their outcome (``outcomes``, one per run), the
    converged ones larger and on top; the legend counts the runs of each outcome."""
    x, y, outcomes = np.asarray(x, float), np.asarray(y, float), np.asarray(outcomes)
    if not x.shape == y.shape == outcomes.shape:
        raise ValueError(f"x, y and outcomes must have one entry per run: {x.shape}, "
                         f"{y.shape}, {outcomes.shape}")  # fmt: skip
    ax = ax or plt.gca()
    for outcome in shown:
        mine = outcomes == outcome
        converged = outcome == "converged"
        ax.scatter(x[mine], y[mine], s=40 if converged else 18, color=OUTCOME_COLORS[outcome],
                   edgecolor="black" if converged else "none", zorder=3 if converged else 2,
                   label=f"{outcome_label(outcome)} ({mine.sum()})")  # fmt: skip
    return ax


def minibatch_features(discriminator, points, index=0):
    """Each of ``points``' minibatch features from ``discriminator`` (a ``MinibatchDiscriminator``
    with a seed axis: seed ``index``), averaged over its kernels, with the points as one batch.
    Between 1 (no neighbour near) and the batch size (all of them on top of it)."""
    import tensorflow as tf

    points = np.asarray(points, np.float32)
    if points.ndim != 1 or len(points) < 2:
        raise ValueError(f"points must be one batch of at least 2 numbers, got {points.shape}")
    seeds = discriminator.layers[0].w.shape[0]
    if not 0 <= index < seeds:
        raise ValueError(f"index must pick one of the {seeds} seeds, got {index!r}")
    x = tf.constant(np.broadcast_to(points[None, :, None], (seeds, len(points), 1)))
    return discriminator.features(discriminator.hidden(x)).numpy()[index].mean(axis=-1)


def plot_minibatch_features(discriminator, batches, ax=None, index=0):
    """The minibatch features (``minibatch_features``) of each point of each batch of
    ``batches`` (a label -> points dict), point by point, against the batch size, their most."""
    ax = ax or plt.gca()
    size = 0
    for (label, points), marker in zip(batches.items(), "os^D"):
        features = minibatch_features(discriminator, points, index)
        ax.plot(np.arange(1, len(features) + 1), features, marker=marker, label=label)
        size = max(size, len(features))
    ax.axhline(size, color="0.5", ls=":", lw=1)
    ax.set_ylim(0, size + 0.8)
    ax.set_xlabel("point of the batch / 批次中的点")
    ax.set_ylabel("minibatch feature / 小批量特征")
    ax.legend(loc="lower right", fontsize="small")
    return ax


_ICON_FALLBACKS = {
    "fa fa-minus": "\u2212",
    "fa fa-fast-backward": "\u23ee",
    "fa fa-step-backward": "\u25c1|",
    "fa fa-play fa-flip-horizontal": "\u25c0",
    "fa fa-pause": "\u23f8",
    "fa fa-play": "\u25b6",
    "fa fa-step-forward": "|\u25b7",
    "fa fa-fast-forward": "\u23ed",
    "fa fa-plus": "+",
}


def animation_html(anim):
    """``anim.to_jshtml()`` without its Font Awesome stylesheet from a CDN, for offline pages.

    matplotlib's player draws its buttons with Font Awesome icons loaded from the network. The
    book's theme ships Font Awesome itself, so the link is dropped (it would fail offline and
    log a console error), and each icon gets a plain-text symbol as fallback for viewers
    without Font Awesome (where the icons do load, they replace the fallback).
    """
    import re

    # Each frame is saved again: without this, a figure made with OWN_MARGINS would get the
    # default layout (constrained, after notebook.draw_figures_once) from the second frame on.
    with plt.rc_context({"figure.constrained_layout.use": False}):
        html = anim.to_jshtml()
    html = re.sub(r"<link[^>]*font-awesome[^>]*>", "", html)
    html = html.replace("<img id=", '<img alt="the current frame of the training animation" id=', 1)
    for icon, text in _ICON_FALLBACKS.items():
        html = html.replace(f'<i class="{icon}"></i>', f'<i class="{icon}">{text}</i>')
    return html


def ladder_rates(search):
    """The worst converged rate of each family (the spec's kind: ``normal``, ``mixture``, ...)
    at each rung of ``search``'s ladder (``gan_tutorial.data.recipe_search()``): a dict of
    family -> list of rates, one per rung, and the idea each rung adds (``None`` for the
    document's recipe)."""
    ladder, evaluations = search["ladder"], search["evaluations"]
    families = {}
    for spec in search["targets"]:
        families.setdefault(spec.split(":")[0], []).append(spec)
    worst = {
        family: [min(evaluations[name]["rates"][spec] for spec in specs) for name in ladder]
        for family, specs in families.items()
    }
    added = [None] + [
        (set(evaluations[name]["ideas"]) - set(evaluations[before]["ideas"])).pop()
        for before, name in zip(ladder, ladder[1:])
    ]
    return worst, added


#: The families of targets (``targets.FAMILIES``), as the Chinese edition names them.
FAMILY_ZH = {"normal": "正态", "mixture": "双峰", "lognormal": "对数正态", "laplace": "拉普拉斯"}


def plot_ladder(search, ax=None, goal=0.95, highlight=()):
    """The ladder: the worst converged rate of each family as the ideas of ``improved`` are
    added one at a time, from the document's recipe (left) to all of them, with ``goal``; the
    rungs that add the ideas named in ``highlight`` are shaded and their labels black (the others
    grey), and the lines stop at the last of them (the ladder climbed so far)."""
    worst, added = ladder_rates(search)
    unknown = sorted(set(highlight) - set(added[1:]))
    if unknown:
        raise ValueError(f"highlight must name ideas of the ladder, got {unknown}")
    ax = ax or plt.figure(figsize=(7, 5)).gca()  # room for the rungs' names below
    rungs = np.arange(len(added))
    top = max((added.index(idea) for idea in highlight), default=len(added) - 1)
    for rung in (added.index(idea) for idea in highlight):
        ax.axvspan(rung - 0.4, rung + 0.4, color="gold", alpha=0.3, lw=0)
    for (family, rates), marker in zip(worst.items(), "osD^v"):
        label = f"{family} / {FAMILY_ZH[family]}" if family in FAMILY_ZH else family
        ax.plot(rungs[: top + 1], 100 * np.array(rates[: top + 1]), marker=marker, ms=4,
                label=label)  # fmt: skip
    ax.set_xlim(-0.5, len(added) - 0.5)
    ax.axhline(100 * goal, color="black", ls="--", lw=1, label=f"{100 * goal:g} %")
    names = [f"+ {IDEA_NAMES.get(idea, idea)}" for idea in added[1:]]
    ax.set_xticks(rungs, ["original / 原教程", *names], rotation=40, ha="right",
                  fontsize="small")  # fmt: skip
    for label, idea in zip(ax.get_xticklabels(), added):  # the figure font has no bold weight
        label.set_color("black" if idea in highlight or not highlight else "grey")
    ax.set_ylim(0, 102)
    ax.set_ylabel("worst target's converged %\n最差目标的收敛率")
    # above the axes, clear of the lines
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize="small")
    return ax


def plot_w1_histogram(ratios, ax=None, label="", threshold=0.2, x_max=0.5):
    """A histogram of runs' ``W1 / sigma`` (``ratios``), with the convergence ``threshold``."""
    ratios = np.asarray(ratios, float)
    if ratios.ndim != 1 or not len(ratios):
        raise ValueError(f"ratios must be a non-empty list of numbers, got shape {ratios.shape}")
    ax = ax or plt.gca()
    bins = np.linspace(0, x_max, 51)
    ax.hist(np.clip(ratios, 0, x_max), bins=bins, color="tab:green", alpha=0.7, label=label)
    ax.axvline(threshold, color="tab:green", ls="--", label=rf"$W_1 \leq {threshold:g}\sigma$")
    ax.set_xlim(0, x_max)
    ax.set_xlabel(r"$W_1 / \sigma$, $t = 1200$")
    ax.set_ylabel("seeds / 随机种子数")
    ax.legend(loc="upper right")
    return ax


def plot_games(history, snapshots, runs):
    """The game of each of ``runs`` (a title -> seed index dict) in a column: its losses against
    their equilibria (``plot_losses``) above D's verdicts against 1/2 (``plot_verdicts``), one
    legend for both rows below them, in large type: it stays readable when a wide figure is
    shrunk to the page and covers no curve. Returns the axes, shape ``(2, len(runs))``."""
    if not runs:
        raise ValueError("runs is empty: give a title and a seed index for each run")
    width = 3 * len(runs)
    fig, axes = plt.subplots(2, len(runs), figsize=(width, 5.2), sharex=True, sharey="row",
                             squeeze=False, layout=OWN_MARGINS)  # fmt: skip
    for (top, bottom), (title, index) in zip(axes.T, runs.items()):
        plot_losses(history, top, index=index, legend=False)
        plot_verdicts(snapshots, bottom, index=index, legend=False)
        top.set_title(title, fontsize="medium")
        top.set_xlabel("")  # the step axis is labelled once, under the verdicts
    for ax in axes[:, 1:].flat:  # the rows share their y axis: one label each
        ax.set_ylabel("")
    handles = [h for ax in axes[:, 0] for h in ax.get_legend_handles_labels()[0]]
    columns = min(len(handles), max(1, int(width / 1.6)))  # an entry takes about 1.6 inches
    legend_height = 0.3 * -(-len(handles) // columns)  # inches, for its rows
    height = 5.2 + legend_height
    fig.set_size_inches(width, height)
    fig.subplots_adjust(left=0.72 / width, right=1 - 0.12 / width, top=1 - 0.3 / height,
                        bottom=(0.65 + legend_height) / height, wspace=0.08,
                        hspace=0.3)  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncols=columns, fontsize="large",
               frameon=False, borderaxespad=0.1)  # fmt: skip
    _ticks_in_view(fig.axes)
    return axes


def _runs_values(values, name):
    """``values`` as a non-empty 1-D array of numbers, or a ValueError naming ``name``."""
    values = np.asarray(values, float)
    if values.ndim != 1 or not len(values):
        raise ValueError(f"{name} must be a non-empty list of numbers, got shape {values.shape}")
    return values


# Log-spaced bins from 0.01 to 100, for runs' W1 / sigma and their spreads, whatever the outcome
_LOG_BINS = np.logspace(-2, 2, 41)


def plot_w1_histograms(ratios, ax=None, threshold=0.2, colors=None):
    """Outlined histograms of runs' ``W1 / sigma`` on a log axis from 0.01 to 100 (farther runs
    counted at its edges), one per entry of ``ratios`` (a label -> ratios dict; ``colors``, one
    per entry, or matplotlib's), with the convergence ``threshold``."""
    ax = ax or plt.gca()
    for k, (label, values) in enumerate(ratios.items()):
        values = np.clip(_runs_values(values, "ratios"), _LOG_BINS[0], _LOG_BINS[-1])
        color = None if colors is None else colors[k]
        ax.hist(values, bins=_LOG_BINS, histtype="step", lw=2, color=color, label=label)
    ax.axvline(threshold, color="tab:green", ls="--", label=rf"$W_1 \leq {threshold:g}\sigma$")
    ax.set_xscale("log")
    ax.set_xlabel(r"$W_1 / \sigma$, $t = 1200$")
    ax.set_ylabel("seeds / 随机种子数")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=len(ratios) + 1)
    return ax


def plot_spread_histogram(stds, sigma, ax=None, label="std of G's samples / G 的样本标准差"):
    """How wide runs' samples are: a histogram of their standard deviations ``stds`` on a log
    axis from 0.01 to 100, against the target's ``sigma`` (dashed)."""
    stds = _runs_values(stds, "stds")
    ax = ax or plt.gca()
    ax.hist(stds, bins=_LOG_BINS, color="tab:green", alpha=0.7)
    ax.axvline(sigma, color="tab:blue", ls="--", label=rf"$\sigma$ = {sigma:g}")
    ax.set_xscale("log")
    ax.set_xlabel(label)
    ax.set_ylabel("seeds / 随机种子数")
    ax.legend()
    return ax


def plot_final_moments(means, stds, outcomes, target, ax=None):
    """Each run's final mean against its standard deviation (log axis), coloured by outcome
    (``plot_outcome_scatter``), and the target's ``(mean, std)`` as a star."""
    ax = ax or plt.gca()
    mu, sigma = target
    ax.scatter([mu], [sigma], marker="*", s=300, facecolor="none", edgecolor="black",
               label="target / 目标")  # fmt: skip
    plot_outcome_scatter(means, stds, outcomes, ax=ax)
    ax.set_yscale("log")
    ax.set_xlabel("mean of G's samples after training / 训练后 G 的样本均值")
    ax.set_ylabel("standard deviation / 标准差")
    ax.legend(fontsize="small", loc="lower left")
    return ax


def plot_start_and_end(start_means, end_means, outcomes, mu, ax=None):
    """Where each run's samples were centred before training against where after, coloured by
    outcome (``plot_outcome_scatter``), with the target's mean ``mu`` marked on both axes."""
    ax = ax or plt.gca()
    plot_outcome_scatter(start_means, end_means, outcomes, ax=ax)
    ax.axvline(mu, color="0.5", lw=1)
    ax.axhline(mu, color="0.5", lw=1)
    ax.set_xlabel("mean of G's samples before training / 训练前 G 的样本均值")
    ax.set_ylabel("mean after training / 训练后的均值")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))  # beside the points
    return ax


def plot_spread_over_steps(snapshots, runs, sigma, ax=None, marks=()):
    """The standard deviation of G's samples at each snapshot (log axis), a line per entry of
    ``runs`` (a label -> seed index dict), against the target's ``sigma`` (dashed); ``marks``:
    steps to mark with a dotted line, such as the columns of a ``plot_run`` beside it."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    colors = ["tab:green", "tab:purple", "tab:orange"]
    if not snapshots:
        raise ValueError("snapshots is empty: train with model.train(record_every=k) first")
    if not 1 <= len(runs) <= len(colors):
        raise ValueError(f"runs must name 1 to {len(colors)} runs, got {len(runs)}")
    ax = ax or plt.gca()
    steps = [s["step"] for s in snapshots]
    for (label, index), color in zip(runs.items(), colors):
        spread = [np.std(_pick(s["samples"], index, "index")) for s in snapshots]
        ax.plot(steps, spread, color=color, label=label)
    ax.axhline(sigma, color="tab:blue", ls="--", label=rf"$\sigma$ = {sigma:g}")
    for step in marks:
        ax.axvline(step, color="0.5", ls=":", lw=1)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("training step / 训练步数")
    ax.set_ylabel("std of G's samples\nG 的样本标准差")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=len(runs) + 1)
    return ax


def plot_targets(specs):
    """A panel per target of ``specs`` (texts ``targets.parse`` reads): its density over its
    mean +- 4 standard deviations, dotted lines at the mean and one standard deviation either
    side, the spec as the title. Returns the axes."""
    from gan_tutorial import targets

    parsed = [targets.parse(spec) for spec in specs]
    if not parsed:
        raise ValueError("specs is empty: give at least one target")
    _, axes = plt.subplots(1, len(parsed), figsize=(2.75 * len(parsed), 2.8), squeeze=False,
                           layout="constrained")  # fmt: skip
    for ax, target in zip(axes[0], parsed):
        grid = np.linspace(target.mean - 4 * target.std, target.mean + 4 * target.std, 400)
        ax.plot(grid, target.pdf(grid), color="tab:blue", lw=2)
        for x in (target.mean - target.std, target.mean, target.mean + target.std):
            ax.axvline(x, color="grey", ls=":", lw=1)
        ax.set_title(target.spec)
        ax.set_xlabel("$x$")
    axes[0, 0].set_ylabel("$p_{data}(x)$")
    return axes[0]
