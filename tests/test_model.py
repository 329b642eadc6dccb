import gc

import numpy as np
import pytest

from gan_tutorial import DataDistribution, GANEngine, GeneratorDistribution, TrainingDiverged


def small(seed=0, **kwargs):
    return GANEngine(num_steps=kwargs.pop("num_steps", 60), seed=seed, log=None, **kwargs)


def test_pretraining_lowers_d_pre_loss_and_copies_exactly():
    model = small()
    model.initialise()
    losses = model.pretrain()
    assert losses.shape == (1000,)
    assert losses[-100:].mean() < 0.5 * losses[:100].mean()
    for pre, disc in zip(model.d_pre.weights, model.D.weights):
        assert np.array_equal(pre.numpy(), disc.numpy()) and pre is not disc


def test_a_pretraining_from_the_same_weights_is_not_run_again_and_gives_the_same_run(monkeypatch):
    looked, fresh = small(seed=[3, 4]), small(seed=[3, 4])
    runs, loop = [], looked._core.pretrain_loop

    def counted(model, *args):
        runs.extend([1] if model is looked.model else [])  # the engines share a core
        return loop(model, *args)

    monkeypatch.setattr(looked._core, "pretrain_loop", counted)
    looked.initialise()
    looked.pretrain()  # a chapter looks at D_pre here
    history = looked.train()
    assert len(runs) == 1, "train() took the pretraining it started from again"
    expected = fresh.train()
    for key in expected:
        np.testing.assert_array_equal(history[key], expected[key])
    for mine, theirs in zip(looked.model.variables, fresh.model.variables):
        np.testing.assert_array_equal(mine.numpy(), theirs.numpy())
    looked.initialise()
    looked.d_pre.weights[0].assign(looked.d_pre.weights[0] * 2.0)  # another start
    other = looked.pretrain()
    assert len(runs) == 2 and not np.array_equal(other, expected["pretrain_loss"])


def test_train_history_shapes_and_schedule():
    model = small(num_steps=300)
    history = model.train()
    assert history["loss_d"].shape == history["loss_g"].shape == (300,)
    assert history["learning_rate"][[0, 149, 150, 299]] == pytest.approx(
        [0.03, 0.03, 0.0285, 0.0285], rel=1e-6
    )
    assert (
        int(model.opt_d.batch) == int(model.opt_g.batch) == 300 and int(model.pre_opt.batch) == 1000
    )


def test_same_seed_same_result_and_train_restarts():
    a, b = small(seed=5), small(seed=5)
    ha, hb = a.train(), b.train()
    assert np.array_equal(ha["loss_d"], hb["loss_d"]) and np.array_equal(a.sample(), b.sample())
    again = a.train()["loss_g"]
    assert np.array_equal(again, ha["loss_g"])
    assert not np.array_equal(small(seed=6).train()["loss_d"], ha["loss_d"])


def test_seed_axis_matches_single_runs():
    """Many seeds train side by side; over a short run each slice is its single-seed run."""
    many = small(seed=[3, 4], num_steps=5, mode="graph")
    many.train()
    for i, seed in enumerate([3, 4]):
        one = small(seed=seed, num_steps=5, mode="graph")
        one.train()
        assert np.allclose(many.history["loss_d"][:, i], one.history["loss_d"], rtol=1e-5)
        assert np.allclose(many.sample(100)[i], one.sample(100), rtol=1e-5, atol=1e-5)


def test_summary_and_decision_boundary():
    model = small(num_steps=20)
    model.train()
    row = model.summary()
    assert set(row) >= {"seed", "mean", "std", "w1", "converged", "loss_d", "loss_g"}
    assert np.isfinite(row["w1"]) and row["w1"] > 0
    d = model.decision_boundary(np.linspace(-8, 8, 50))
    assert d.shape == (50,) and np.all((d > 0) & (d < 1))


def test_snapshots_do_not_change_training():
    plain, recorded = small(num_steps=100), small(num_steps=100)
    plain.train()
    recorded.train(record_every=40, record_samples=50)
    assert [s["step"] for s in recorded.snapshots] == [0, 40, 80, 100]
    assert recorded.snapshots[-1]["samples"].shape == (50,)
    assert np.allclose(plain.history["loss_d"], recorded.history["loss_d"], rtol=1e-6)


def test_a_run_in_chunks_and_a_whole_run_share_one_compiled_loop():
    model = GANEngine(num_steps=100, seed=[3, 4], log=None)
    whole = model.train()["loss_g"]
    tracings = model._core.train_loop.experimental_get_tracing_count()
    for chunk in (7, 40):
        assert np.array_equal(model.train(record_every=chunk, record_samples=20)["loss_g"], whole)
    assert model._core.train_loop.experimental_get_tracing_count() == tracings, "no retracing"
    assert model._core.snapshot_views.experimental_get_tracing_count() == 1


def test_without_pretraining_d_keeps_its_own_init():
    model = small(pretrain=False, num_steps=1)
    model.initialise()
    assert not np.array_equal(model.D.weights[0].numpy(), model.d_pre.weights[0].numpy())
    assert "pretrain_loss" not in model.train()


def test_non_finite_loss_stops_training_naming_the_step():
    model = GANEngine(num_steps=50, learning_rate=1e4, seed=0, log=None)
    with pytest.raises(TrainingDiverged, match=r"at step \d+"):
        model.train()


def test_log_lines_every_log_every_steps():
    lines = []
    GANEngine(num_steps=30, log_every=10, seed=0, log=lines.append).train()
    assert [line.split(":")[0] for line in lines] == ["0", "10", "20"]


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"num_steps": 0}, "num_steps"),
        ({"batch_size": 1}, "batch_size"),
        ({"log_every": -5}, "log_every"),
        ({"num_steps": 2.5}, "num_steps"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": float("nan")}, "learning_rate"),
        ({"seed": -1}, "seed"),
        ({"seed": []}, "seed"),
        ({"preset": "nope"}, "preset"),
        ({"mode": "fast"}, "mode"),
    ],
)
def test_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        GANEngine(DataDistribution(), GeneratorDistribution(), **kwargs)


def test_lenient_training_keeps_the_good_seeds():
    model = GANEngine(num_steps=50, learning_rate=1e4, seed=[0, 1], log=None)
    model.train(strict=False)
    rows = model.summary()
    assert set(model.failures) == {0, 1}
    assert all(r["w1"] is None and not r["converged"] and "at step" in r["failure"] for r in rows)


def test_a_model_rebuilt_around_its_variables_computes_nothing():
    """A compiled loop rebuilds the model around the variables it is handed (several times
    while it is traced): the variables' initial values must not be computed again."""
    import tensorflow as tf

    from gan_tutorial.core import Model

    for preset in ("original", "improved"):
        config, variables = GANEngine(preset=preset, seed=[0, 1], log=None).model.__tf_flatten__()
        graph = tf.Graph()
        with graph.as_default():
            Model(config, variables)
        assert graph.get_operations() == [], preset


def test_engines_of_one_configuration_share_compiled_loops_and_keep_their_own_weights():
    first = GANEngine(num_steps=40, seed=11, log=None)
    first.train()
    samples_first, history_first = first.sample(200), first.history
    second = GANEngine(num_steps=40, seed=12, log=None)  # the same configuration
    assert second._core is first._core
    tracings = second._core.train_loop.experimental_get_tracing_count()
    second.train()
    assert second._core.train_loop.experimental_get_tracing_count() == tracings, "no retracing"
    assert not np.array_equal(second.sample(200), samples_first)
    # the first engine gets its own weights back, and training it again gives the same run
    assert np.array_equal(first.sample(200), samples_first)
    assert np.array_equal(first.train()["loss_d"], history_first["loss_d"])
    other = GANEngine(num_steps=40, seed=11, batch_size=10, log=None)
    assert other._core is not first._core, "another batch size is another configuration"


@pytest.mark.parametrize("preset", ["original", "improved"])
def test_a_collected_engines_model_serves_the_next_engine_as_if_new(preset):
    """Building a model costs a fifth of a short run, so the next engine of a configuration
    takes the model of one that is gone; every variable is initialised again, so its runs are
    the runs of a new model, bit for bit (Adam's moments, the running statistics, the step
    counters and G's average included)."""

    # A batch size no other test uses: a configuration of its own, with no spare models left
    # by engines of other tests.
    def build(seed):
        return GANEngine(num_steps=30, batch_size=11, seed=seed, preset=preset, log=None)

    fresh = build(31)
    expected = fresh.train()
    spare = build(32)
    spare.train()  # leaves its own weights, moments and counters in its model
    model = spare.model
    del spare
    gc.collect()
    reused = build(31)
    assert reused.model is model, "the collected engine's model was not reused"
    assert reused.model is not fresh.model
    history = reused.train()
    for key in expected:
        assert np.array_equal(history[key], expected[key]), f"{key} differs from a new model's"
    assert np.array_equal(reused.sample(100), fresh.sample(100))


def test_two_live_engines_of_one_configuration_are_independent():
    """They share compiled loops, never weights: training one leaves the other's variables as
    they were, and reading the other's attributes and results changes nothing."""
    a = GANEngine(num_steps=40, seed=21, log=None)
    a.train()
    a_values = [v.numpy() for v in a.model.variables]
    b = GANEngine(num_steps=40, seed=22, log=None)
    assert b._core is a._core
    b.train()
    assert all(np.array_equal(v.numpy(), w) for v, w in zip(a.model.variables, a_values))
    b_values = [v.numpy() for v in b.model.variables]
    read = (a.G, a.D, a.d_pre, a.G_average, a.moments, a.opt_d, a.opt_g, a.pre_opt, a.history)
    assert read[0] is a.model.G and read[0] is not b.G
    a.sample(50), a.decision_boundary(np.linspace(-8, 8, 20)), a.summary()
    assert all(np.array_equal(v.numpy(), w) for v, w in zip(b.model.variables, b_values))
