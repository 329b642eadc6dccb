"""The playground's JavaScript engine (``gan_tutorial/data/playground.js``) against the package.

From the same initial weights and the same batches (``gan_tutorial.playground.fixture``, which
runs ``gan_tutorial.document``, and ``engine_fixture``, which runs the engine's ``improved``),
the JavaScript engine, run under Node.js, gives the package's losses and weights after D_pre
and after 100 steps within 1e-4 relative; its recipes are ``gan_tutorial.presets``'s. Its own
generator is seeded (same seed, same run), and it refuses the target specs the package refuses,
in the package's words.
"""

import json
import shutil
import subprocess

import pytest

from gan_tutorial import playground

TOLERANCE = 1e-4


def _node(*args, **kwargs):
    node = shutil.which("node")
    if node is None:
        pytest.skip("the playground's tests need Node.js (node) on the PATH")
    done = subprocess.run(
        [node, *args], capture_output=True, text=True, timeout=300, check=False, **kwargs
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _js(expression):
    """The JSON value of ``expression``, with ``p`` the playground's module."""
    code = f"const p = require({json.dumps(str(playground.SCRIPT))});"
    return json.loads(_node("-e", code + f"process.stdout.write(JSON.stringify({expression}))"))


@pytest.fixture(scope="module", params=["original", "improved"])
def agreement(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("playground")
    path = playground.write_fixture(folder / "fixture.json", recipe=request.param)
    return json.loads(_node("tools/playground/check_fixture.js", str(path)))


def test_the_fixture_holds_the_document_run():
    data = playground.fixture(seed=3, steps=2)
    assert len(data["pretrain"]["inputs"]) == 1000 and len(data["batches"]["x"]) == 2
    assert all(len(batch) == 12 for batch in data["batches"]["z_g"])
    assert data["batches"]["x"][0] == sorted(data["batches"]["x"][0])  # the data are sorted
    assert [len(w) for w in data["initial"]["g"]] == [1, 4, 4, 1]


def test_the_improved_fixture_holds_the_engines_run():
    data = playground.engine_fixture(seed=3, steps=2)
    assert len(data["batches"]["x"]) == 2 * data["d_steps"] == 10
    assert len(data["batches"]["noise_g"]) == 2 and len(data["loss_g"]) == 2
    assert [len(w) for w in data["initial"]["g_average"]] == [1, 4, 4, 1]
    assert data["initial"]["g_average"] == data["initial"]["g"]  # the average starts as G


@pytest.mark.parametrize(
    "quantity", ["pre_loss", "weights_after_pretraining", "losses", "weights_after_steps"]
)
def test_the_engine_computes_what_the_package_computes(agreement, quantity):
    """The document's recipe against ``gan_tutorial.document`` (D_pre, then 100 steps), and
    ``improved`` against the engine (100 steps of five D updates with R1, R2 and instance noise,
    one G update, G's average and the data's running moments)."""
    if quantity not in agreement:
        pytest.skip("improved has no D_pre")
    by_step = agreement["loss_difference_by_step"]
    report = (
        f"{quantity}: largest relative difference {agreement[quantity]:.2e}; losses by step "
        f"(1, 10, 50, 100): {by_step[0]:.1e} {by_step[9]:.1e} {by_step[49]:.1e} {by_step[-1]:.1e}"
    )
    print(report)
    assert agreement[quantity] < TOLERANCE, report
    assert len(by_step) == 100


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def test_the_recipes_are_the_packages():
    """The playground's settings for the document's recipe and improved, and its ideas, are
    ``gan_tutorial.presets``'s: ORIGINAL, IMPROVED and IDEAS, field by field."""
    import dataclasses

    from gan_tutorial import presets

    js = _js("{original: p.RECIPES.original, improved: p.RECIPES.improved, ideas: p.IDEAS}")
    for name, preset in (("original", presets.ORIGINAL), ("improved", presets.IMPROVED)):
        for field in dataclasses.fields(preset):
            if field.name in ("name", "description", "mlp_hidden_size", "minibatch"):
                continue
            assert js[name][_camel(field.name)] == getattr(preset, field.name), (name, field.name)
    ideas = {idea: [_camel(f) for f in fields] for idea, fields in presets.IDEAS.items()}
    assert js["ideas"] == ideas
    assert list(js["ideas"]) == list(presets.IDEAS), "the ladder's order"
    assert not presets.ORIGINAL.minibatch and not presets.IMPROVED.minibatch
    for ideas in ([], ["adam"], ["no-d-pre", "kinks-g-start"]):  # any subset, as the switches
        preset = presets.recipe(ideas)
        mixed = _js(f"p.recipe({json.dumps(ideas)})")
        for field in ("learning_rate", "g_start", "pretrain_objective", "optimizer", "d_steps"):
            assert mixed[_camel(field)] == getattr(preset, field), (ideas, field)


def test_chapter_6s_seeds_end_as_their_buttons_say():
    """Each of chapter 6's buttons (``OUTCOME_SEEDS``) trains a run that ends as it says, by the
    package's own classification (``sweep.classify``) of the playground's 10,000 samples; the
    oscillating one ends "other", its spread swinging more than 1.5 times after step 600."""
    from gan_tutorial.metrics import CONVERGED_W1_OVER_SIGMA
    from gan_tutorial.sweep import classify

    seeds = list(playground.OUTCOME_SEEDS.values())
    runs = _js(
        f"{json.dumps(seeds)}.map(seed => {{ const e = new p.Engine({{seed: seed}});"
        " for (let i = 0; i < e.pretrainSteps; i++) e.pretrainDraw(); e.copyPretrained();"
        " const grid = Float32Array.from({length: 1000}, (_, i) => -8 + 16 * (i + 0.5) / 1000);"
        " const std = (a) => { const m = a.reduce((s, v) => s + v, 0) / a.length;"
        " return [m, Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length)]; };"
        " const late = []; for (let s = 1; s <= 1200; s++) { e.stepDraw();"
        " if (s > 600 && s % 20 === 0) late.push(std(e.sample(grid))[1]); }"
        " const z = e.noise(10000, new p.Rng((seed ^ 0x5bd1e995) >>> 0), new Float32Array(10000));"
        " const x = e.sample(z), [mean, sd] = std(x);"
        " return {mean: mean, std: sd, w1: p.w1OverStd(x, e.target), late: late}; })"
    )
    for (kind, seed), run in zip(playground.OUTCOME_SEEDS.items(), runs):
        run["converged"] = run["w1"] <= CONVERGED_W1_OVER_SIGMA
        found = classify(run, 4.0, 0.5)
        assert found == {"oscillating": "other"}.get(kind, kind), (kind, seed, found)
        if kind == "oscillating":
            assert max(run["late"]) > 1.5 * min(run["late"]), run["late"]


def test_the_same_seed_gives_the_same_run():
    runs = _js("[0, 0, 1].map(s => p.run({seed: s}).w1)")
    assert runs[0] == runs[1] and runs[0] != runs[2]


@pytest.mark.parametrize(
    "spec", ["mixture:2,0,1", "abc", "normal:4,x", "normal:", "laplace:0,1,2", "gauss:0,1"]
)
def test_a_bad_target_gets_the_packages_message(spec):
    from gan_tutorial.targets import parse

    with pytest.raises(ValueError) as error:
        parse(spec)
    key, args = _js(
        f"(() => {{ try {{ p.parseTarget({json.dumps(spec)}); return null; }}"
        "catch (e) { return [e.key, e.args]; } })()"
    )
    message = _js(f"p.STRINGS.en[{json.dumps(key)}]")
    for name, value in args.items():
        message = message.replace("{" + name + "}", value)
    assert message == str(error.value)


@pytest.mark.parametrize(
    "spec", ["normal:4,-1", "mixture:1.5,0,1,2,1", "mixture:0.5,1,1,1,1", "lognormal:0,0,1"]
)
def test_a_bad_value_in_a_target_is_refused(spec):
    key = _js(
        f"(() => {{ try {{ p.parseTarget({json.dumps(spec)}); return null; }}"
        "catch (e) { return e.key; } })()"
    )
    assert key in {"positive", "weight", "differ", "finite"}


@pytest.mark.parametrize(
    "spec", ["normal:4,0.5", "mixture:0.3,-2,0.5,2,0.5", "lognormal:0.5,0,1", "laplace:1,0.5"]
)
def test_targets_have_the_packages_moments_and_quantiles(spec):
    from gan_tutorial.targets import parse

    target = parse(spec)
    js = _js(
        f"(() => {{ const t = p.parseTarget({json.dumps(spec)});"
        " return [t.spec, t.mean, t.std, [0.01, 0.3, 0.5, 0.9].map(t.ppf),"
        " [-1, 0.5, 2, 4].map(t.pdf)]; })()"
    )
    assert js[0] == target.spec
    assert js[1] == pytest.approx(target.mean, rel=1e-9)
    assert js[2] == pytest.approx(target.std, rel=1e-9)
    assert js[3] == pytest.approx(target.ppf([0.01, 0.3, 0.5, 0.9]), rel=1e-6, abs=1e-6)
    assert js[4] == pytest.approx(target.pdf([-1, 0.5, 2, 4]), rel=1e-9, abs=1e-12)


def test_show_embeds_the_script_with_its_settings(monkeypatch):
    monkeypatch.setenv("GAN_TUTORIAL_LANGUAGE", "zh_CN")
    html = playground.show(chapter=1, seed=7, target="laplace:0,1")._repr_html_()
    assert html.startswith('<div class="gan-playground" data-chapter="1" data-seed="7"')
    assert 'data-target="laplace:0,1" data-lang="zh"' in html
    assert "GanPlayground.mount(here)" in html and "http" not in html.split("<script>")[1]
    # Each chapter opens on its own target unless told otherwise: chapter 8 on two humps.
    for chapter, spec in playground.TARGETS.items():
        assert f'data-target="{spec}"' in playground.show(chapter=chapter)._repr_html_()
    assert playground.TARGETS[8].startswith("mixture:")


@pytest.mark.parametrize(
    "kwargs", [{"chapter": 3}, {"seed": -1}, {"seed": "abc"}, {"target": "mixture:2,0,1"}]
)
def test_show_refuses_bad_arguments(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        playground.show(**kwargs)


def test_the_loss_axis_holds_every_loss():
    # Chapter 1's untrained D and G (no pre-training): loss_D at step 1 is far above 3; and a
    # whole run of chapter 5's recipe. The axis's top is at or above the largest loss, not far.
    runs = _js(
        "[false, true].map(pre => { const e = new p.Engine({seed: 0}), d = [], g = [];"
        " if (pre) { for (let i = 0; i < 1000; i++) e.pretrainDraw(); e.copyPretrained(); }"
        " for (let i = 0; i < (pre ? 1200 : 5); i++) { const l = e.stepDraw();"
        " d.push(l[0]); g.push(l[1]); }"
        " return [Math.max(...d, ...g), p.lossScale(d, g)]; })"
    )
    for largest, scale in runs:
        assert largest <= scale["top"] <= max(2, 2 * largest), (largest, scale)
        assert scale["top"] / scale["tick"] <= 5
    assert runs[0][0] > 3  # the case the fixed axis at 3 cut off
    infinite = _js("p.lossScale([1, Infinity, NaN], [0.5])")
    assert infinite == {"top": 2, "tick": 0.5}
