"""Figures shared by the command line and the book: what G makes, against what D believes."""

import matplotlib.pyplot as plt
import numpy as np


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


def plot_losses(history, ax=None):
    """loss_d and loss_g per step, with their equilibrium values 2 ln 2 and ln 2."""
    ax = ax or plt.gca()
    ax.plot(history["loss_d"], label=r"$\text{loss}_D$", color="tab:red", lw=0.8)
    ax.plot(history["loss_g"], label=r"$\text{loss}_G$", color="tab:purple", lw=0.8)
    ax.axhline(2 * np.log(2), color="tab:red", ls="--", lw=1, label=r"$2\ln 2$")
    ax.axhline(np.log(2), color="tab:purple", ls="--", lw=1, label=r"$\ln 2$")
    ax.set_xlabel("$t$")
    ax.set_ylabel(r"$\text{loss}$")
    ax.legend(loc="upper right")
    return ax


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
    bars = ax.bar(edges[:-1], heights[0], width=np.diff(edges), align="edge", color="tab:green",
                  alpha=0.5, label="$G(z)$")  # fmt: skip
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

    html = re.sub(r"<link[^>]*font-awesome[^>]*>", "", anim.to_jshtml())
    html = html.replace("<img id=", '<img alt="the current frame of the training animation" id=', 1)
    for icon, text in _ICON_FALLBACKS.items():
        html = html.replace(f'<i class="{icon}"></i>', f'<i class="{icon}">{text}</i>')
    return html
