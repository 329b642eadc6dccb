"""The figures of chapter 6: G's mapping, the push on each generated point, the verdicts."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gan_tutorial import GANEngine
from gan_tutorial.plotting import (
    animate_mapping,
    animation_html,
    data_ranges,
    ladder_rates,
    minibatch_features,
    outcome_label,
    plot_final_moments,
    plot_games,
    plot_idea_at_work,
    plot_ideas_compared,
    plot_ideas_taken_away,
    plot_ladder,
    plot_losses,
    plot_mapping,
    plot_minibatch_features,
    plot_outcome_counts,
    plot_outcome_gallery,
    plot_outcome_scatter,
    plot_pushes,
    plot_run,
    plot_spread_histogram,
    plot_spread_over_steps,
    plot_start_and_end,
    plot_targets,
    plot_verdicts,
    plot_w1_histogram,
    plot_w1_histograms,
)


@pytest.fixture(scope="module")
def recorded():
    """Three seeds of the document's recipe, 40 steps, a snapshot every 20."""
    model = GANEngine(num_steps=40, seed=[0, 1, 2], log=None)
    model.train(record_every=20, record_samples=60)
    return model


@pytest.fixture(autouse=True)
def close_figures():
    """Each test's figures, made as in the book (``notebook.set_up``: its size, font and layout),
    must draw inside their canvas, for the book shows a figure at its size (no tight crop that
    would widen it around a long label); then they are closed."""
    try:
        with matplotlib.rc_context():
            set_up_figures()
            yield
            for number in plt.get_fignums():
                assert_inside_canvas(plt.figure(number))
    finally:
        plt.close("all")


def set_up_figures():
    """What ``notebook.set_up`` does to figures, without TensorFlow or a language."""
    from gan_tutorial.notebook import draw_figures_once, figure_fonts

    figure_fonts()
    plt.rcParams.update({"figure.figsize": (7, 3.6), "figure.dpi": 100, "font.size": 11})
    draw_figures_once()


def assert_inside_canvas(fig):
    fig.canvas.draw()  # lays the figure out
    box = fig.get_tightbbox()  # inches, around all that is drawn
    width, height = fig.get_size_inches()
    beyond = dict(left=-box.x0, bottom=-box.y0, right=box.x1 - width, top=box.y1 - height)
    side = max(beyond, key=beyond.get)
    title = fig.axes[0].get_title() if fig.axes else ""
    assert beyond[side] < 0.02, f"{title!r}: drawn {beyond[side]:.2f} in beyond its {side}"


def hand_made_d(model, sign):
    """D's logit = sign * 3 * tanh(tanh(tanh(x - 4))): rising (sign +1) or falling (-1) through
    x = 4, flat far from it."""
    for variable in model.D.weights:
        variable.assign(np.zeros(variable.shape, np.float32))
    for i, layer in enumerate(model.D.layers):
        w = np.zeros(layer.w.shape, np.float32)
        w[0, 0, 0] = 3.0 * sign if i == 3 else 1.0
        layer.w.assign(w)
    b = np.zeros(model.D.layers[0].b.shape, np.float32)
    b[0, 0, 0] = -4.0
    model.D.layers[0].b.assign(b)


def test_snapshots_hold_the_mapping_the_pushes_and_the_verdicts(recorded):
    snaps = recorded.snapshots
    assert [s["step"] for s in snaps] == [0, 20, 40]
    last = snaps[-1]
    assert last["mapping"].shape == last["decision"].shape == (3, 200)
    assert last["noise"].shape == (12,) and last["generated"].shape == last["push"].shape == (3, 12)
    assert last["verdict_real"].shape == last["verdict_fake"].shape == (3,)
    # After the last step the engine's weights are the last snapshot's: check against them.
    noise = np.tile(np.float32(last["noise"])[None, :, None], (3, 1, 1))
    assert np.allclose(recorded.model.generate(noise).numpy()[..., 0], last["generated"])
    assert np.allclose(np.interp(last["noise"], last["grid"], last["mapping"][0]),
                       last["generated"][0], atol=0.05)  # fmt: skip
    # The push is d log D / dx at each generated point: compare with finite differences.
    eps = 1e-2
    for i in range(3):
        x = last["generated"][i]
        log_d = [np.log(recorded.decision_boundary(x + h)[i]) for h in (eps, -eps)]
        assert np.allclose(last["push"][i], (log_d[0] - log_d[1]) / (2 * eps), rtol=0.05, atol=5e-3)
        fake = recorded.decision_boundary(last["samples"][i])[i].mean()
        assert last["verdict_fake"][i] == pytest.approx(fake, rel=1e-5)
    real = recorded.decision_boundary(recorded.data.quantiles(60)).mean(axis=1)
    assert np.allclose(last["verdict_real"], real)


def test_with_minibatch_discrimination_snapshots_judge_points_in_batches_as_d_does():
    """D's verdict on a point depends on its batch: a snapshot judges 12 points at a time,
    the last batch filled up with copies of its last point, as the published code does."""
    model = GANEngine(num_steps=20, preset="original+minibatch", seed=[0, 1], log=None)
    model.train(record_every=20, record_samples=30)
    last = model.snapshots[-1]

    def in_batches(points):  # (seeds, n) points, judged 12 at a time, seed by seed
        points = np.concatenate([points, np.repeat(points[:, -1:], -points.shape[1] % 12, 1)], 1)
        logits = [model.model.d_logits(np.float32(points[:, i : i + 12, None])).numpy()
                  for i in range(0, points.shape[1], 12)]  # fmt: skip
        return 1 / (1 + np.exp(-np.concatenate(logits, axis=1)[..., 0]))

    grid, quantiles = (np.tile(x, (2, 1)) for x in (last["grid"], model.data.quantiles(30)))
    assert np.allclose(last["decision"], in_batches(grid)[:, :200], atol=1e-6)
    assert np.allclose(last["decision"], model.decision_boundary(last["grid"]), atol=1e-6)
    assert np.allclose(last["verdict_real"], in_batches(quantiles)[:, :30].mean(1), atol=1e-6)
    assert np.allclose(last["verdict_fake"], in_batches(last["samples"])[:, :30].mean(1),
                       atol=1e-6)  # fmt: skip
    # Each sample judged alone (in a batch of copies of itself) gets another verdict.
    alone = np.mean([model.decision_boundary([x])[0] for x in last["samples"][0]])
    assert abs(last["verdict_fake"][0] - alone) > 1e-3


def test_one_seed_snapshots_have_no_seed_axis():
    model = GANEngine(num_steps=10, seed=0, log=None)
    model.train(record_every=10, record_samples=30)
    last = model.snapshots[-1]
    assert last["mapping"].shape == (200,) and last["push"].shape == (12,)
    assert np.ndim(last["verdict_real"]) == np.ndim(last["verdict_fake"]) == 0


@pytest.mark.parametrize("sign", [1, -1])
def test_arrows_point_where_d_rises_and_vanish_where_d_is_flat(sign):
    model = GANEngine(num_steps=1, seed=0, log=None)
    hand_made_d(model, sign)
    x = np.array([-6.0, 3.0, 3.5, 4.5, 5.0, 14.0], np.float32)
    push = model.model.generator_push(x[None, :, None]).numpy()[0, :, 0]
    near = np.abs(x - 4) < 2
    assert np.all(np.sign(push[near]) == sign), push
    assert np.all(np.abs(push[~near]) < 1e-3 * np.abs(push[near]).min()), push
    fig, ax = plt.subplots()
    ax.set_xlim(-8, 8)
    arrows = plot_pushes(x, push, ax, arrow_scale=0.5, max_length=100)
    assert np.array_equal(np.sign(arrows.U), np.sign(push))
    assert np.allclose(arrows.U, 0.5 * push) and not np.any(arrows.V)
    cut = plot_pushes(x, push, ax, arrow_scale=100, max_length=2)  # long arrows cut at 2
    assert np.allclose(np.abs(cut.U[near]), 2) and np.array_equal(np.sign(cut.U), np.sign(push))
    assert np.allclose(arrows.X, np.clip(x, -8, 8))  # beyond the axis: at its edge


def test_plot_run_draws_a_mapping_and_a_state_per_step(recorded):
    axes = plot_run(recorded.snapshots, recorded.data.pdf, [0, 40], index=2)
    assert axes.shape == (2, 2)
    assert ["训练步数 0" in ax.get_title() for ax in axes[0]] == [True, False]
    mapping_line = axes[0, 1].get_lines()[0]
    assert np.allclose(mapping_line.get_ydata(), recorded.snapshots[-1]["mapping"][2])
    quiver = [c for c in axes[1, 1].collections if hasattr(c, "U")][0]
    assert np.allclose(quiver.U, np.clip(4 * recorded.snapshots[-1]["push"][2], -3, 3))
    bottom_of_axis = axes[1, 1].get_ylim()[0]
    arrows_at = np.unique(quiver.Y)
    assert len(arrows_at) == 1 and bottom_of_axis < arrows_at[0] < -0.2, "a strip of their own"
    assert quiver.width >= 0.01, "arrows thick enough to read in a row of five panels"


def test_small_multiples_are_drawn_once_when_shown(recorded, monkeypatch):
    """They set their own margins, so the inline backend's save draws them once: a layout
    engine, even one that does nothing, makes matplotlib draw a figure a first time to lay it
    out."""
    from IPython.core.pylabtools import print_figure

    fig = plot_run(recorded.snapshots, recorded.data.pdf, [0, 40], index=2)[0, 0].figure
    draws, draw = [], type(fig).draw
    monkeypatch.setattr(
        type(fig), "draw", lambda self, renderer: draws.append(draw(self, renderer))
    )
    print_figure(fig, "png", bbox_inches=None)  # as the inline backend after notebook.set_up
    assert len(draws) == 1


def test_small_multiples_make_no_tick_beyond_an_axis_end(recorded):
    """matplotlib's default locator also gives ticks beyond an axis' ends, made and labelled
    for nothing: small multiples, many panels each, ask for those in view only."""
    for axes in (plot_run(recorded.snapshots, recorded.data.pdf, [0, 40], index=2),
                 plot_games(recorded.history, recorded.snapshots, {"seed 0": 0})):  # fmt: skip
        for axis in (a for ax in axes.flat for a in (ax.xaxis, ax.yaxis)):
            low, high = sorted(axis.get_view_interval())
            ticks = axis.get_majorticklocs()
            assert len(ticks) and low - 1e-6 <= ticks.min() and ticks.max() <= high + 1e-6


def test_an_animation_keeps_its_margins_on_every_frame(recorded):
    """``animation_html`` saves the figure once per frame; a figure without a layout engine
    would get the default one (constrained) from the second save on, and its panels would
    move between frames."""
    anim = animate_mapping(recorded.snapshots, recorded.data.pdf, index=1)
    fig, seen = anim._fig, []
    where = [ax.get_position().bounds for ax in fig.axes]
    save = fig.savefig

    def save_and_look(*args, **kwargs):
        save(*args, **kwargs)
        seen.append([ax.get_position().bounds for ax in fig.axes])

    fig.savefig = save_and_look  # what the HTML writer calls for each frame
    animation_html(anim)
    assert len(seen) == len(recorded.snapshots) and all(bounds == where for bounds in seen)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"steps": [0, 30]}, "steps"),
        ({"steps": []}, "steps"),
        ({"steps": [0], "index": 3}, "index"),
        ({"steps": [0], "snapshots": []}, "snapshots"),
    ],
)
def test_plot_run_names_a_bad_argument(recorded, kwargs, name):
    kwargs = {"snapshots": recorded.snapshots, "data_pdf": recorded.data.pdf, **kwargs}
    with pytest.raises(ValueError, match=name):
        plot_run(**kwargs)


def test_bad_shapes_and_scales_are_named():
    grid = np.linspace(-8, 8, 5)
    with pytest.raises(ValueError, match="mapping"):
        plot_mapping(grid, grid[:4], grid[:2], grid[:2])
    with pytest.raises(ValueError, match="generated"):
        plot_mapping(grid, grid, grid[:2], grid[:3])
    with pytest.raises(ValueError, match="push"):
        plot_pushes(grid, grid[:3])
    with pytest.raises(ValueError, match="arrow_scale"):
        plot_pushes(grid, grid, arrow_scale=0)
    with pytest.raises(ValueError, match="max_length"):
        plot_pushes(grid, grid, max_length=-1)


def test_losses_and_verdicts_against_their_equilibria(recorded):
    fig, (left, right) = plt.subplots(1, 2)
    plot_losses(recorded.history, left, index=1)
    d_line, g_line, log4, log2 = left.get_lines()
    assert np.allclose(d_line.get_ydata(), recorded.history["loss_d"][:, 1])
    assert log4.get_ydata()[0] == pytest.approx(np.log(4))
    assert log2.get_ydata()[0] == pytest.approx(np.log(2))
    plot_verdicts(recorded.snapshots, right, index=1)
    real, fake, half = right.get_lines()
    assert np.allclose(fake.get_ydata(), [s["verdict_fake"][1] for s in recorded.snapshots])
    assert np.allclose(real.get_xdata(), [0, 20, 40]) and half.get_ydata()[0] == 0.5
    with pytest.raises(ValueError, match="index"):
        plot_losses(recorded.history, index=5)
    with pytest.raises(ValueError, match="index"):
        plot_verdicts(recorded.snapshots, index=-4)
    with pytest.raises(ValueError, match="snapshots"):
        plot_verdicts([])


def test_the_ladder_is_each_familys_worst_target_per_rung():
    specs = ["normal:0,1", "normal:4,0.5", "laplace:0,1"]
    rates = {"a": (0.1, 0.3, 0), "b": (0.6, 0.5, 1), "c": (1, 0.9, 1)}
    ideas = {"a": [], "b": ["x"], "c": ["x", "y"]}
    search = {
        "targets": specs,
        "ladder": ["a", "b", "c"],
        "evaluations": {
            k: {"ideas": ideas[k], "rates": dict(zip(specs, r))} for k, r in rates.items()
        },
    }
    worst, added = ladder_rates(search)
    assert worst == {"normal": [0.1, 0.5, 0.9], "laplace": [0, 1, 1]}
    assert added == [None, "x", "y"]
    ax = plot_ladder(search, ax=plt.figure().gca())
    assert [line.get_label() for line in ax.lines[:2]] == ["normal / 正态", "laplace / 拉普拉斯"]
    assert list(ax.lines[0].get_ydata()) == [10, 50, 90]
    assert not ax.patches, "no rung shaded unless asked"
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert ticks == ["original / 原教程", "+ x", "+ y"], "an idea without a name keeps its own"
    ax = plot_ladder(search, ax=plt.figure().gca(), highlight=["y"])
    [shade] = ax.patches
    assert shade.get_x() == pytest.approx(1.6) and shade.get_width() == pytest.approx(0.8)
    assert list(ax.lines[0].get_ydata()) == [10, 50, 90], "climbed to the last highlighted"
    ax = plot_ladder(search, ax=plt.figure().gca(), highlight=["x"])
    assert list(ax.lines[0].get_ydata()) == [10, 50], "the lines stop at the highlighted rung"
    assert ax.get_xlim() == (-0.5, 2.5), "with room for the rungs to come"
    ax = plot_ladder(search, ax=plt.figure().gca(), highlight=["y"])
    colors = [label.get_color() for label in ax.get_xticklabels()]
    assert colors == ["grey", "grey", "black"], "the highlighted rung's label stands out"
    with pytest.raises(ValueError, match="highlight must name"):
        plot_ladder(search, highlight=["z"])


def test_the_w1_histogram_clips_far_runs_and_names_bad_ratios():
    ax = plot_w1_histogram([0.05, 0.1, 3.0], ax=plt.figure().gca())
    heights = [patch.get_height() for patch in ax.patches]
    assert sum(heights) == 3 and heights[-1] == 1, "a run far off is counted at the right edge"
    with pytest.raises(ValueError, match="ratios"):
        plot_w1_histogram([])


def test_the_mapping_animation_draws_each_snapshots_mapping_and_histogram(recorded):
    snapshots = recorded.snapshots
    anim = animate_mapping(snapshots, recorded.data.pdf, index=1)
    left, right = anim._fig.axes
    last = snapshots[-1]
    anim._func(len(snapshots) - 1)
    curve, points = left.lines[-2], left.lines[-1]
    assert np.array_equal(curve.get_ydata(), last["mapping"][1])
    assert np.array_equal(points.get_ydata(), last["generated"][1])
    heights, edges, _ = right.patches[0].get_data()  # values, edges, baseline
    assert np.isclose((heights * np.diff(edges)).sum(), 1.0), "the histogram is a density"
    assert str(last["step"]) in left.get_title()
    legend_box = left.get_legend().get_window_extent()  # the figure is closed: no canvas
    legend_bottom = left.transData.inverted().transform(legend_box.p0)[1]
    mappings = [snap["mapping"][1] for snap in snapshots]
    assert np.max(mappings) < legend_bottom, "the legend covers G(z) in no frame"
    anim._draw_was_started = True  # drawn by hand above: no warning that it never rendered
    with pytest.raises(ValueError, match="snapshots"):
        animate_mapping([], recorded.data.pdf)


def test_outcomes_are_labelled_in_both_languages_and_an_unknown_one_is_named():
    assert outcome_label("collapsed") == "collapsed / 坍缩"
    assert outcome_label("diverged", "\n") == "diverged\n发散"
    with pytest.raises(ValueError, match="outcome"):
        outcome_label("exploded")


def test_outcome_counts_draw_a_bar_per_sweep_and_outcome():
    results = {"a": {"converged": 3, "collapsed": 1}, "b": {"converged": 5}}
    ax = plot_outcome_counts(results, ["converged", "collapsed"], ax=plt.figure().gca())
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [3, 1, 5, 0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["converged\n收敛", "collapsed\n坍缩"]


def test_the_gallery_titles_each_run_with_its_outcome_seed_and_w1(recorded):
    runs = [
        {"seed": 2, "outcome": "diverged", "w1": 1.5},
        {"seed": 0, "outcome": "collapsed", "w1": None},
    ]
    fig = plot_outcome_gallery(recorded, runs, std=0.5)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["diverged / 发散: seed 2, W₁/σ = 3.00", "collapsed / 坍缩: seed 0, W₁/σ = —"]
    with pytest.raises(ValueError, match="runs"):
        plot_outcome_gallery(recorded, [], std=0.5)


def test_the_outcome_scatter_counts_each_outcome_in_its_legend():
    ax = plot_outcome_scatter([1, 2, 3], [1, 1, 2], ["converged", "other", "converged"],
                              ax=plt.figure().gca())  # fmt: skip
    labels = [collection.get_label() for collection in ax.collections]
    assert labels[0] == "converged / 收敛 (2)" and "other / 其他 (1)" in labels
    with pytest.raises(ValueError, match="one entry per run"):
        plot_outcome_scatter([1, 2], [1], ["converged", "other"])


def test_minibatch_features_are_largest_for_a_crowded_batch_and_bad_input_is_named():
    from gan_tutorial.networks import minibatch_discriminator

    D = minibatch_discriminator(4)
    D.initialise([np.random.default_rng(0)])
    crowd = minibatch_features(D, np.full(12, 2.0))
    spread = minibatch_features(D, np.linspace(-30, 30, 12))
    assert np.allclose(crowd, 12), "every point of a crowd has all 12 as neighbours"
    assert np.all((spread >= 1) & (spread < crowd)), "a point always counts itself"
    ax = plot_minibatch_features(D, {"a": np.full(12, 2.0), "b": np.linspace(-3, 3, 12)},
                                 ax=plt.figure().gca())  # fmt: skip
    assert [line.get_label() for line in ax.lines[:2]] == ["a", "b"]
    for points, index, name in (([1.0], 0, "points"), (np.zeros(3), 1, "index")):
        with pytest.raises(ValueError, match=name):
            minibatch_features(D, points, index)


def test_the_games_put_each_runs_losses_above_its_verdicts(recorded):
    axes = plot_games(recorded.history, recorded.snapshots, {"first": 0, "third": 2})
    assert axes.shape == (2, 2) and axes[0, 1].get_title() == "third"
    d_line = axes[0, 1].get_lines()[0]
    assert np.allclose(d_line.get_ydata(), recorded.history["loss_d"][:, 2])
    fake = axes[1, 1].get_lines()[1]
    assert np.allclose(fake.get_ydata(), [s["verdict_fake"][2] for s in recorded.snapshots])
    assert all(ax.get_legend() is None for ax in axes.flat), "no legend covers a curve"
    fig = axes[0, 0].figure
    (legend,) = fig.legends
    assert len(legend.get_texts()) == 7, "both rows' curves and their equilibria"
    renderer = fig.canvas.get_renderer()
    below = min(ax.get_tightbbox(renderer).y0 for ax in axes[1])
    assert legend.get_window_extent(renderer).y1 <= below, "the legend lies below the plots"
    with pytest.raises(ValueError, match="runs"):
        plot_games(recorded.history, recorded.snapshots, {})


def test_w1_histograms_count_every_run_of_each_sweep_far_ones_at_the_edge():
    ax = plot_w1_histograms({"a": [0.05, 0.1, 300.0], "b": [1.0]}, ax=plt.figure().gca())
    assert ax.get_xscale() == "log" and len(ax.patches) == 2  # one outline per sweep
    outline = ax.patches[0].get_xy()
    last_bin = outline[(outline[:, 0] > 79) & (outline[:, 0] <= 100)]
    assert last_bin[:, 1].max() == 1, "the run at 300 is counted in the last bin"
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["a", "b"]
    with pytest.raises(ValueError, match="ratios"):
        plot_w1_histograms({"a": []})


def test_a_spread_histogram_marks_sigma_and_names_bad_spreads():
    ax = plot_spread_histogram([0.3, 2.0, 5.0], 0.5, ax=plt.figure().gca())
    assert sum(patch.get_height() for patch in ax.patches) == 3
    assert ax.get_lines()[0].get_xdata()[0] == 0.5
    with pytest.raises(ValueError, match="stds"):
        plot_spread_histogram([[1.0]], 0.5)


def test_final_moments_and_start_and_end_mark_the_target():
    outcomes = ["converged", "diverged", "converged"]
    ax = plot_final_moments([4, -3, 4.1], [0.5, 4, 0.45], outcomes, (4, 0.5),
                            ax=plt.figure().gca())  # fmt: skip
    star = ax.collections[0]
    assert np.allclose(star.get_offsets(), [[4, 0.5]]) and ax.get_yscale() == "log"
    ax = plot_start_and_end([5, -1, 3], [4, -3, 4.1], outcomes, 4, ax=plt.figure().gca())
    assert {line.get_xdata()[0] for line in ax.get_lines()[:1]} == {4}
    assert ax.get_lines()[1].get_ydata()[0] == 4
    with pytest.raises(ValueError, match="one entry per run"):
        plot_start_and_end([5], [4, 3], outcomes[:2], 4)


def test_the_spread_over_steps_is_each_snapshots_std_with_its_marks(recorded):
    ax = plt.figure(figsize=(7, 3.4)).gca()  # as chapter 6 draws it
    ax = plot_spread_over_steps(recorded.snapshots, {"seed 1": 1}, 0.5, ax=ax, marks=[20])
    spread, sigma, mark = ax.get_lines()
    assert np.allclose(spread.get_xdata(), [0, 20, 40])
    assert np.allclose(spread.get_ydata(), [s["samples"][1].std() for s in recorded.snapshots])
    assert sigma.get_ydata()[0] == 0.5 and mark.get_xdata()[0] == 20
    with pytest.raises(ValueError, match="index"):
        plot_spread_over_steps(recorded.snapshots, {"no such seed": 7}, 0.5)
    with pytest.raises(ValueError, match="snapshots"):
        plot_spread_over_steps([], {"seed 1": 1}, 0.5)
    for runs in ({}, {f"seed {i}": i % 3 for i in range(4)}):  # a fourth would not be drawn
        with pytest.raises(ValueError, match="runs"):
            plot_spread_over_steps(recorded.snapshots, runs, 0.5)


def test_each_target_gets_its_density_and_its_mean_and_spread_marked():
    from gan_tutorial import targets

    axes = plot_targets(["normal:4,0.5", "mixture:0.5,-2,0.5,2,0.5"])
    mixture = targets.parse("mixture:0.5,-2,0.5,2,0.5")
    density, *marks = axes[1].get_lines()
    assert np.allclose(density.get_ydata(), mixture.pdf(density.get_xdata()))
    assert np.allclose(
        [m.get_xdata()[0] for m in marks],
        [mixture.mean - mixture.std, mixture.mean, mixture.mean + mixture.std],
    )
    assert axes[0].get_title() == "normal:4,0.5"
    with pytest.raises(ValueError, match="target"):
        plot_targets(["normal:4"])
    with pytest.raises(ValueError, match="specs"):
        plot_targets([])


def test_an_idea_at_work_draws_its_seed_without_the_idea_above_and_with_it_below(recorded):
    moved = [{**snap, "mapping": snap["mapping"] + 1.0} for snap in recorded.snapshots[::2]]
    experiment = {"runs": {"without": recorded.snapshots, "with": moved}}
    axes = plot_idea_at_work(experiment, recorded.data.pdf, steps=[0, 40],
                             labels=("without / 去掉", "with / 加上"))  # fmt: skip
    assert axes.shape == (4, 2)
    without_line, with_line = (axes[row, 1].get_lines()[0].get_ydata() for row in (0, 2))
    assert np.allclose(without_line, recorded.snapshots[-1]["mapping"][0])
    assert np.allclose(with_line, recorded.snapshots[2]["mapping"][0] + 1), "its own run"
    labels = [text.get_text() for text in axes[0, 0].figure.texts]
    assert labels == ["without / 去掉", "with / 加上"]
    with pytest.raises(ValueError, match="steps"):
        plot_idea_at_work(experiment, recorded.data.pdf, steps=[20])
    scores = {key: {"steps": [0, 100], "w1_over_std": values}
              for key, values in (("without", [0.9, 0.5]), ("with", [0.9, 0.1]))}  # fmt: skip
    axes = plot_idea_at_work({**experiment, "scores": scores}, recorded.data.pdf, steps=[0, 40])
    (below,) = set(axes[0, 0].figure.axes) - set(axes.flat)
    without, with_it, line = below.get_lines()
    assert list(with_it.get_ydata()) == [0.9, 0.1] and with_it.get_color() == "tab:green"
    assert list(line.get_ydata()) == [0.2, 0.2], "the line of convergence"
    axes = plot_idea_at_work({**experiment, "scores": scores}, recorded.data.pdf, steps=[0, 40],
                             marks=[("with", "state", 40), ("scores",)])  # fmt: skip
    (below,) = set(axes[0, 0].figure.axes) - set(axes.flat)
    red = matplotlib.colors.to_rgba("crimson")
    framed = [ax for ax in axes[0, 0].figure.axes if ax.spines["top"].get_edgecolor() == red]
    assert framed == [axes[3, 1], below], "the panels marked, and no other"
    for bad in (("with", "state", 20), ("both", "state", 40), ("with",)):
        with pytest.raises(ValueError, match="marks must be"):
            plot_idea_at_work(experiment, recorded.data.pdf, steps=[0, 40], marks=[bad])


def test_ideas_compared_draw_a_row_per_idea_without_it_in_red_and_with_it_in_green(recorded):
    moved = [{**snap, "mapping": snap["mapping"] + 1.0} for snap in recorded.snapshots]
    scores = {key: {"steps": [0, 100], "w1_over_std": values}
              for key, values in (("without", [0.9, 0.5]), ("with", [0.9, 0.1]))}  # fmt: skip
    first = {"runs": {"without": recorded.snapshots, "with": moved}, "scores": scores}
    second = {"runs": {"without": moved, "with": recorded.snapshots}, "scores": scores}
    axes = plot_ideas_compared({"adam": first, "a-new-idea": second}, recorded.data.pdf,
                               step=40, marks=["samples", None])  # fmt: skip
    assert axes.shape == (2, 3)
    titles = [row[0].get_title(loc="left") for row in axes]
    assert titles == ["without Adam / 不用 Adam", "without a-new-idea"], "named by idea_title"
    without, with_it, batch = axes[1, 0].get_lines()
    at_40 = next(s for s in recorded.snapshots if s["step"] == 40)
    assert np.allclose(without.get_ydata(), at_40["mapping"][0] + 1), "the second row's own run"
    assert np.allclose(with_it.get_ydata(), at_40["mapping"][0])
    assert (without.get_color(), with_it.get_color()) == ("tab:red", "tab:green")
    assert np.allclose(batch.get_xdata(), at_40["noise"]), "the batch of the run without it"
    assert list(axes[0, 2].get_lines()[1].get_ydata()) == [0.9, 0.1]
    red = matplotlib.colors.to_rgba("crimson")
    framed = [ax for ax in axes.flat if ax.spines["top"].get_edgecolor() == red]
    assert framed == [axes[0, 1]], "the panel marked, and no other"
    for bad in (["samples"], ["scores", "state"]):
        with pytest.raises(ValueError, match="marks must"):
            plot_ideas_compared({"a": first, "b": second}, recorded.data.pdf, step=40, marks=bad)
    with pytest.raises(ValueError, match="step must"):
        plot_ideas_compared({"a": first}, recorded.data.pdf, step=30)
    with pytest.raises(ValueError, match="experiments"):
        plot_ideas_compared({}, recorded.data.pdf)
    axes = plot_ideas_compared({"no-d-pre": first}, recorded.data.pdf, step=40)
    assert axes[0, 0].get_title(loc="left").startswith("red: with D_pre"), "which run is red"


def test_two_humps_are_shaded_apart_and_the_mapping_row_spans_the_data(recorded):
    from gan_tutorial import targets

    grid = np.linspace(-8, 8, 401)
    humps = data_ranges(grid, targets.parse("mixture:0.5,-2,0.5,2,0.5").pdf(grid))
    assert len(humps) == 2 and humps[0][1] < 0 < humps[1][0], "the gap is left unshaded"
    ((low, high),) = data_ranges(grid, targets.parse("normal:4,0.5").pdf(grid))
    assert 2 < low < 4 < high < 6
    axes = plot_run(recorded.snapshots, recorded.data.pdf, [0, 40], index=0)
    width = high - low
    assert np.allclose(axes[0, 1].get_ylim(), (low - width / 2, high + width / 2), atol=0.1)
    assert len(axes[0, 0].patches) == 1, "one band for one bump"


def test_a_mapping_off_the_scale_is_said_to_be_so_not_left_as_an_empty_panel(recorded):
    off = [{**snap, "mapping": snap["mapping"] - 100.0} for snap in recorded.snapshots]
    axes = plot_run(off, recorded.data.pdf, [0, 40], index=0)
    assert [t.get_text() for t in axes[0, 0].texts] == ["G(z) below the scale\n低于坐标范围"]
    axes = plot_run(recorded.snapshots, recorded.data.pdf, [0, 40], index=0)
    assert not any(ax.texts for ax in axes[0]), "a mapping in sight needs no note"


def test_ideas_taken_away_stack_each_ideas_seeds_by_outcome():
    experiments = {
        "adam": {"outcomes": {"without": ["converged", "collapsed", "collapsed"],
                              "with": ["converged"] * 3}},
        "logits": {"outcomes": {"without": ["other", "converged", "converged"],
                                "with": ["converged", "converged", "other"]}},
    }  # fmt: skip
    ax = plot_ideas_taken_away(experiments)
    bars = {
        (round(p.get_y() + p.get_height() / 2), p.get_x(), p.get_width())
        for p in ax.patches
        if p.get_width()
    }
    assert bars == {(1, 0, 1), (1, 1, 2), (0, 0, 2), (0, 2, 1)}, "adam on top: 1 then 2"
    names = {tick: label.get_text() for tick, label in zip(ax.get_yticks(), ax.get_yticklabels())}
    assert names == {1: "without Adam / 不用 Adam", 0: "without logits / 不用对数几率"}, "in order"
    (ticks,) = ax.collections
    assert ticks.get_offsets().tolist() == [[3, 1], [2, 0]], "with every idea"
    with pytest.raises(ValueError, match="experiments"):
        plot_ideas_taken_away({})


def test_every_idea_of_the_recipe_has_a_title_and_a_name_in_the_figures():
    from gan_tutorial import data, presets
    from gan_tutorial.plotting import IDEA_NAMES, IDEA_TITLES

    assert set(IDEA_TITLES) == set(IDEA_NAMES) == set(presets.IDEAS)
    ax = plot_ladder(data.recipe_search(), ax=plt.figure().gca())
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert ticks[0] == "original / 原教程" and "+ kinked start / 折点起步" in ticks
