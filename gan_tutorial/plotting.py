"""Figures shared by the command line and the book: what G makes, against what D believes."""

import matplotlib.pyplot as plt
import numpy as np


def plot_distributions(model, ax=None, bins=60, samples=None):
    """Real pdf, histogram of G's samples, and D's decision boundary on one axis."""
    ax = ax or plt.gca()
    mu, sigma, r = model.data.mu, model.data.sigma, model.gen.range
    samples = model.sample() if samples is None else samples
    grid = np.linspace(-r, r, 400)
    ax.plot(grid, model.data.pdf(grid), color="tab:blue", label="real pdf $p_{data}$")
    ax.hist(samples, bins=bins, range=(-r, r), density=True, color="tab:green", alpha=0.5, label="generated $G(z)$")
    ax.plot(grid, model.decision_boundary(grid), color="tab:orange", label="decision boundary $D(x)$")
    ax.set_xlim(-r, r)
    ax.set_xlabel("$x$")
    ax.set_ylabel("density / $D(x)$")
    ax.set_title(f"target N({mu:g}, {sigma:g})")
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
