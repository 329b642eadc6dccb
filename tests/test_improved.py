"""The ``improved`` presets: their building blocks, and their promise on seeds and targets that
the recipe was not tuned on (it was tuned on seeds 0-399 and targets chosen by hand)."""

import dataclasses

import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial import GANEngine, GeneratorDistribution, targets
from gan_tutorial.optimizer import Adam, StaircaseDecay
from gan_tutorial.presets import CHANGES, IMPROVED, IMPROVED_BELL, ORIGINAL
from gan_tutorial.stabilisers import RunningMoments, r1_penalty
from gan_tutorial.sweep import evaluate

# Seeds and targets drawn once from a fixed generator, away from the ones the recipe was tuned
# and confirmed on.
PICK = np.random.default_rng(20261129)
TEST_SEEDS = sorted(PICK.choice(np.arange(2000, 100_000), size=60, replace=False).tolist())
GAUSSIANS = [
    f"normal:{PICK.uniform(-10, 10):.3f},{np.exp(PICK.uniform(np.log(0.25), np.log(3))):.3f}"
    for _ in range(2)
]


def _two_humps():
    """Weights 0.3-0.7, humps 0.25-1.5 wide, |mu1 - mu2| / (sigma1 + sigma2) from 3 to 8."""
    weight = PICK.uniform(0.3, 0.7)
    sigma1, sigma2 = np.exp(PICK.uniform(np.log(0.25), np.log(1.5), 2))
    mu1 = PICK.uniform(-5, 5)
    mu2 = mu1 + PICK.uniform(3, 8) * (sigma1 + sigma2)
    return f"mixture:{weight:.3f},{mu1:.3f},{sigma1:.3f},{mu2:.3f},{sigma2:.3f}"


MIXTURES = [_two_humps() for _ in range(2)]
LOGNORMAL = f"lognormal:{PICK.uniform(0.25, 0.75):.3f},0,1"
LAPLACE = f"laplace:{PICK.uniform(-10, 10):.3f},{np.exp(PICK.uniform(np.log(0.25), np.log(3))):.3f}"


def sweep(spec, seeds, preset="improved"):
    model = GANEngine(
        targets.parse(spec), GeneratorDistribution(8), preset=preset, seed=seeds, log=None
    )
    return evaluate(model)


def test_improved_converges_on_the_documents_target_for_unseen_seeds():
    result = sweep("normal:4,0.5", TEST_SEEDS)
    assert result["converged_rate"] >= 0.95, result["outcomes"]  # measured: 60 of 60
    assert result["outcomes"]["non-finite"] == 0
    assert result["median_w1"] / 0.5 <= 0.1  # measured: 0.072


def test_improved_reaches_the_goal_on_unseen_targets_of_every_family():
    """One test, so that one worker runs the seven sweeps."""
    results = {
        spec: sweep(spec, TEST_SEEDS[:40]) for spec in [*GAUSSIANS, *MIXTURES, LOGNORMAL, LAPLACE]
    }
    rates = {spec: r["converged_rate"] for spec, r in results.items()}
    # The goal, 95 %, over all; measured 40 of 40 on six targets and 38 of 40 on the Laplace, 238
    # of 240. Per target, 36 of 40 leaves room for another processor's rounding, which changes
    # the fate of a few chaotic runs, and for 40 seeds' binomial error (about 3 %).
    assert all(rate >= 0.9 for rate in rates.values()), rates
    assert sum(rates.values()) / len(rates) >= 0.95, rates
    assert all(r["outcomes"]["non-finite"] == 0 for r in results.values())


def test_improved_puts_no_shape_in_g_at_the_start():
    """G's first samples are spread over the noise like a generic random curve: not a bell."""
    model = GANEngine(preset="improved", seed=list(range(20)), log=None)
    model.initialise()
    z = np.repeat(np.linspace(-8, 8, 1001, dtype=np.float32)[None, :, None], 20, axis=0)
    curves = model.G(tf.constant(z)).numpy()[..., 0]
    # the 4 units bend one in each quarter of [-8, 8] for every seed (never bunched, never all at
    # 0 as for a bell-shaped start); the seeds differ in the slopes
    first = model.G.layers[0]
    bends = (-first.b.numpy() / first.w.numpy())[:, 0, :]
    assert np.allclose(bends, [-6, -2, 2, 6], atol=1e-4)
    assert len(np.unique(np.round(first.w.numpy(), 6))) == first.w.numpy().size
    assert np.allclose(curves.mean(axis=1), 0, atol=1e-4), "centred at 0, standardised units"


def test_each_change_can_be_undone():
    for preset in (IMPROVED, IMPROVED_BELL):
        for change, settings in CHANGES[preset.name].items():
            variant = preset.without(change)
            assert variant.name == f"{preset.name}-without-{change}"
            assert all(getattr(variant, key) == value for key, value in settings.items())
            assert any(getattr(preset, f) != v for f, v in settings.items()), change
        with pytest.raises(ValueError, match="change"):
            preset.without("magic")
    with pytest.raises(ValueError, match="change"):
        ORIGINAL.without("r1")


def test_five_d_steps_draw_five_batches_per_step_and_instance_noise_fades():
    model = GANEngine(preset="improved", num_steps=20, seed=[1, 2], log=None)
    b = model.batches()
    assert b["x"].shape == b["z_d"].shape == b["noise_real"].shape == (100, 2, 12)
    assert b["z_g"].shape == b["noise_g"].shape == (20, 2, 12)
    assert "pre_x" not in b and not model.pretrain_enabled
    spread = b["noise_g"].std(axis=(1, 2))
    assert spread[0] > 0.15 and spread[-1] == 0.0, "fades to 0 at 70 % of the steps"
    cells = (b["z_g"] + 8) / (16 / 12)
    assert np.all(np.floor(cells) == np.arange(12)), "one draw in each of the 12 cells"
    history = model.train()
    assert history["loss_d"].shape == (20, 2) and np.all(np.isfinite(history["loss_d"]))
    assert int(model.opt_d.batch) == 100 and int(model.opt_g.batch) == 20


@pytest.mark.parametrize(
    "field, value",
    [
        ("optimizer", "adamw"),
        ("pretrain_objective", "mse"),
        ("g_average", 1.0),
        ("r1", -1.0),
        ("r2", -1.0),
        ("g_start", "bell"),
    ],
)
def test_presets_reject_unknown_settings(field, value):
    with pytest.raises(ValueError, match=field):
        IMPROVED.__class__(name="x", description="x", **{field: value})


def test_logit_losses_equal_the_document_losses():
    stable, plain = (
        GANEngine(preset=p, seed=3, num_steps=1, log=None)
        for p in (
            IMPROVED_BELL,
            dataclasses.replace(IMPROVED_BELL, logits=False),
        )
    )
    for model in (stable, plain):
        model.initialise()
        model.moments.observe(
            tf.constant(np.linspace(3, 5, 12, dtype=np.float32).reshape(1, 12, 1))
        )
    x = tf.constant(np.linspace(3, 5, 12, dtype=np.float32).reshape(1, 12, 1))
    z = tf.constant(np.linspace(-8, 8, 12, dtype=np.float32).reshape(1, 12, 1))
    np.testing.assert_allclose(stable.loss_d(x, z).numpy(), plain.loss_d(x, z).numpy(), rtol=1e-5)
    np.testing.assert_allclose(stable.loss_g(z).numpy(), plain.loss_g(z).numpy(), rtol=1e-5)


def test_instance_noise_steps_follow_the_logits_setting():
    """With instance noise, D's and G's steps take their losses from logits only when the preset
    says so: on a saturated D, ``-log(1 - D)`` as written is infinite, from the logit finite."""
    ones = np.ones((1, 12, 1), np.float32)
    losses = {}
    for preset in (IMPROVED, IMPROVED.without("logits")):
        model = GANEngine(preset=preset, seed=3, num_steps=1, log=None)
        model.initialise()
        last = model.D.layers[-1]  # every logit 1e4
        last.w.assign(tf.zeros_like(last.w))
        last.b.assign(tf.fill(last.b.shape, 1e4))
        loss_d = model.d_step(tf.constant(4 * ones), tf.constant(ones), 0 * ones, 0 * ones)
        loss_g = model.g_step(tf.constant(ones), tf.constant(0 * ones))
        losses[preset.logits] = float(loss_d[0]), float(loss_g[0])
    assert np.isclose(losses[True][0], 1e4) and losses[True][1] == 0.0
    assert np.isinf(losses[False][0]), "-log(1 - sigmoid(1e4)) = -log 0"


def test_bell_start_is_an_odd_s_curve_and_average_starts_equal():
    model = GANEngine(preset="improved-bell", seed=[1, 2], log=None)
    model.initialise()
    z = tf.constant(
        np.repeat(np.linspace(-8, 8, 101, dtype=np.float32).reshape(1, 101, 1), 2, axis=0)
    )
    out = model.G(z).numpy()[..., 0]
    np.testing.assert_allclose(out, -out[:, ::-1], atol=1e-5)  # odd: symmetric around G(0) = 0
    slope = np.diff(out, axis=1)
    assert np.all(slope > 0) and np.all(slope[:, 0] > 1.5 * slope[:, 50]), "steeper at the ends"
    assert not np.allclose(out[0], out[1]), "seeds differ"
    assert all(
        np.array_equal(a.numpy(), b.numpy())
        for a, b in zip(model.G_average.weights, model.G.weights)
    )


def test_straight_line_start_is_linear():
    model = GANEngine(
        preset=dataclasses.replace(IMPROVED_BELL.without("s-curve-g"), g_start="mirrored"),
        seed=1,
        log=None,
    )
    model.initialise()
    out = (
        model.G(tf.constant(np.linspace(-8, 8, 50, dtype=np.float32).reshape(1, 50, 1)))
        .numpy()
        .ravel()
    )
    assert np.allclose(np.diff(out, 2), 0, atol=1e-5)


def test_running_moments():
    moments = RunningMoments(seeds=2)
    data = np.random.default_rng(0).normal(3, 2, (2, 60, 1)).astype(np.float32)
    for chunk in np.split(data, 5, axis=1):
        moments.observe(tf.constant(chunk))
    mean, std = moments()
    np.testing.assert_allclose(mean.numpy().ravel(), data.mean(axis=(1, 2)), rtol=1e-5)
    np.testing.assert_allclose(std.numpy().ravel(), data.std(axis=(1, 2)), rtol=1e-4)


def test_running_moments_before_any_real_point_leave_the_networks_units():
    mean, std = RunningMoments(seeds=2)()
    assert mean.numpy().ravel().tolist() == [0.0, 0.0]
    assert std.numpy().ravel().tolist() == [1.0, 1.0]


def test_an_untrained_g_that_standardises_has_finite_samples_and_snapshots():
    """Before training, no real point has been seen: G's output is shown in its own units."""
    model = GANEngine(num_steps=20, preset="improved", seed=[0, 1], log=None)
    model.initialise()
    assert np.isfinite(model.sample(100)).all()
    model.train(record_every=20, record_samples=60)
    first = model.snapshots[0]
    assert first["step"] == 0
    for key in ("mapping", "generated", "push", "samples", "decision", "verdict_fake"):
        assert np.isfinite(first[key]).all(), key


def test_r1_penalty_is_the_squared_slope():
    x = tf.constant(np.linspace(-1, 1, 12, dtype=np.float32).reshape(1, 12, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        logits = 3.0 * x**2 + 1.0  # slope 6x: mean squared slope 36 * mean(x**2)
    expected = 36 * np.mean(np.linspace(-1, 1, 12) ** 2)
    assert float(r1_penalty(tape, logits, x)[0]) == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("instance_noise", [0.0, 0.25])
def test_r1_and_r2_penalise_d_slope_at_real_and_generated_points(instance_noise):
    """D's step descends ``loss_d + r1/2 * mean(slope^2 at real points) + r2/2 * mean(slope^2
    at G's samples)``, slopes in standardised units: the update equals one computed here."""
    preset = dataclasses.replace(
        IMPROVED, name="penalties", optimizer="sgd", r1=1.5, r2=2.5, instance_noise=instance_noise
    )
    model = GANEngine(preset=preset, seed=[4, 5], num_steps=1, log=None)
    model.initialise()
    rng = np.random.default_rng(0)
    x, z, noise_real, noise_fake = (
        tf.constant(rng.normal(size=(2, 12, 1)).astype(np.float32)) for _ in range(4)
    )
    noises = (noise_real, noise_fake) if instance_noise else ()
    before = [w.numpy() for w in model.D.weights]
    model.d_step(x, z, *noises)  # observes x in the running moments, then updates D
    after = [w.numpy() for w in model.D.weights]
    for w, value in zip(model.D.weights, before):
        w.assign(value)

    def slope_squared(points):
        with tf.GradientTape() as tape:
            tape.watch(points)
            logit = model.D.logits(points)
        return tf.reduce_mean(tf.square(tape.gradient(logit, points)), axis=[1, 2])

    mean, std = model.moments()  # they include x now, as in the step
    with tf.GradientTape() as tape:
        real = (x - mean) / std + (noise_real if instance_noise else 0)
        fake = model.G(z) + (noise_fake if instance_noise else 0)  # G's output is standardised
        loss = tf.reduce_mean(
            tf.nn.softplus(-model.D.logits(real)) + tf.nn.softplus(model.D.logits(fake)), [1, 2]
        )
        total = tf.reduce_sum(loss + 0.75 * slope_squared(real) + 1.25 * slope_squared(fake))
    gradients = tape.gradient(total, model.D.weights)
    for b, a, g in zip(before, after, gradients):
        np.testing.assert_allclose(a, b - preset.learning_rate * g.numpy(), rtol=1e-4, atol=1e-7)


def test_adam_multiplies_each_variables_rate_by_its_own_factor():
    """``rates``: one factor per variable (a preset's ``g_weight_rate``, ``g_bias_rate``)."""
    plain, faster = tf.Variable([1.0]), tf.Variable([1.0])
    opt = Adam(StaircaseDecay(0.1), [plain, faster], rates=[1.0, 4.0])
    for g in [0.5, -2.0, 1.0]:
        opt.apply([tf.constant([g])] * 2, [plain, faster])
    assert float(1 - faster[0]) == pytest.approx(4 * float(1 - plain[0]), rel=1e-5)
    assert float(1 - plain[0]) != 0


def test_adam_matches_its_formula():
    v = tf.Variable([1.0])
    opt = Adam(StaircaseDecay(0.1), [v], beta1=0.5)
    expected, m, s = 1.0, 0.0, 0.0
    for t, g in enumerate([0.5, -2.0, 1.0], start=1):
        opt.apply([tf.constant([g])], [v])
        m, s = 0.5 * m + 0.5 * g, 0.999 * s + 0.001 * g * g
        expected -= 0.1 * (m / (1 - 0.5**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
    assert float(v[0]) == pytest.approx(expected, rel=1e-4)
    opt.reset()
    assert int(opt.batch) == 0 and not opt.m[0].numpy().any()
