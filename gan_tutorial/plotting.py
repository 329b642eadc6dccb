"""Figures shared by the command line and the book: what G makes, against what D believes."""

import matplotlib.pyplot as plt
import numpy as np


def plot_distributions(model, ax=None, bins=60, samples=None, index=None, legend=True):
    """Real pdf, histogram of G's samples, and D's decision boundary on one axis.

    ``index`` picks one seed of a model trained on several. Samples beyond the noise range are
    clipped to its edges, so runs that wander off still show where their mass went.
    """
    ax = ax or plt.gca()
    mu, sigma, r = model.data.mu, model.data.sigma, model.gen.range
    grid = np.linspace(-r, r, 400)
    samples = model.sample() if samples is None else samples
    decision = model.decision_boundary(grid)
    if index is not None:
        samples, decision = samples[index], decision[index]
    ax.plot(grid, model.data.pdf(grid), color="tab:blue", label="real pdf $p_{data}$")
    ax.hist(
        np.clip(samples, -r, r),
        bins=bins,
        range=(-r, r),
        density=True,
        color="tab:green",
        alpha=0.5,
        label="generated $G(z)$",
    )
    ax.plot(grid, decision, color="tab:orange", label="decision boundary $D(x)$")
    ax.set_xlim(-r, r)
    ax.set_xlabel("$x$")
    ax.set_ylabel("density / $D(x)$")
    ax.set_title(f"target N({mu:g}, {sigma:g})")
    if legend:
        ax.legend(loc="upper left")
    return ax


def plot_losses(history, ax=None):
    """loss_d and loss_g per step, with their equilibrium values 2 ln 2 and ln 2."""
    ax = ax or plt.gca()
    ax.plot(history["loss_d"], label="loss_d", color="tab:red", lw=0.8)
    ax.plot(history["loss_g"], label="loss_g", color="tab:purple", lw=0.8)
    ax.axhline(2 * np.log(2), color="tab:red", ls="--", lw=1, label="2 ln 2")
    ax.axhline(np.log(2), color="tab:purple", ls="--", lw=1, label="ln 2")
    ax.set_xlabel("training step")
    ax.set_ylabel("loss")
    ax.legend(loc="upper right")
    return ax


def save_result_figure(model, path):
    """The command line's PNG: distributions and losses side by side."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
    plot_distributions(model, left)
    plot_losses(model.history, right)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def animate_training(model, interval=250, figsize=(6.4, 3.4), dpi=72, bins=50):
    """An animation of ``model.snapshots`` (from ``model.train(record_every=k)``), one frame each.

    Each frame shows the real pdf, a histogram of G's samples and D's decision boundary at that
    step. The figure is closed before returning, so a notebook shows only the animation; use
    ``IPython.display.HTML(anim.to_jshtml())`` to embed it with its play controls.
    """
    from matplotlib.animation import FuncAnimation

    if not model.snapshots:
        raise ValueError("model.snapshots is empty: train with model.train(record_every=k) first")
    r = model.gen.range
    grid = np.linspace(-r, r, 400)
    pdf = model.data.pdf(grid)
    edges = np.linspace(-r, r, bins + 1)
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi, constrained_layout=True)
    ax.plot(grid, pdf, color="tab:blue", label="real pdf $p_{data}$")
    bars = ax.bar(
        edges[:-1],
        np.zeros(bins),
        width=np.diff(edges),
        align="edge",
        color="tab:green",
        alpha=0.5,
        label="generated $G(z)$",
    )
    (decision,) = ax.plot([], [], color="tab:orange", label="$D(x)$")
    ax.set_xlim(-r, r)
    ax.set_ylim(0, max(1.05, 1.1 * float(pdf.max())))
    ax.set_xlabel("$x$")
    ax.set_ylabel("density / $D(x)$")
    ax.legend(loc="upper left", fontsize="small")

    def draw(i):
        snap = model.snapshots[i]
        counts, _ = np.histogram(snap["samples"], bins=edges)
        heights = (
            counts / max(1, len(snap["samples"])) / np.diff(edges)
        )  # density; samples outside don't count
        for bar, height in zip(bars, heights):
            bar.set_height(height)
        decision.set_data(snap["grid"], snap["decision"])
        ax.set_title(f"training step {snap['step']}")
        return [*bars, decision]

    anim = FuncAnimation(fig, draw, frames=len(model.snapshots), interval=interval, blit=False)
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
    for icon, text in _ICON_FALLBACKS.items():
        html = html.replace(f'<i class="{icon}"></i>', f'<i class="{icon}">{text}</i>')
    return html
