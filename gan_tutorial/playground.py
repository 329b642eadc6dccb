"""The playground: the document's GAN trained in the reader's browser, and its tie to the package.

The playground is one JavaScript file, ``gan_tutorial/data/playground.js``: the model of
``gan_tutorial.document`` (D, G, D_pre, the decaying gradient descent, the data and the noise)
with its forward and backward passes written out in float32, its views (the densities, D and
D*, G as a mapping, where the gradient pushes each generated point, the losses) and its
controls.

- ``show(chapter)`` puts it in a notebook's output (the JavaScript inlined: nothing is fetched),
  which is how the book's chapters embed it and how JupyterLab shows the same thing.
- ``fixture(seed, steps)`` records what ``gan_tutorial.document`` computes from one seed:
  the initial weights, every batch, the losses, the weights after D_pre and after ``steps``
  steps. ``tests/test_playground.py`` feeds the same weights and batches to the JavaScript
  engine (under Node.js) and compares.
"""

import html
import json
import pathlib

import numpy as np

from gan_tutorial import checks
from gan_tutorial.presets import IDEAS

SCRIPT = pathlib.Path(__file__).resolve().parent / "data" / "playground.js"
CHAPTERS = {
    1: "untrained D and G, stepped by hand",
    5: "the document's recipe",
    6: "the document's recipe, with a seed for each way a run ends",
    7: "the improved recipe, one switch per idea",
    8: "the document's recipe on two humps",
}
#: The target each chapter opens on (``show``'s default).
TARGETS = {
    1: "normal:4,0.5",
    5: "normal:4,0.5",
    6: "normal:4,0.5",
    7: "normal:4,0.5",
    8: "mixture:0.5,-2,0.5,2,0.5",
}
#: The ideas of ``improved`` (``presets.IDEAS``) each chapter opens with (chapter 7, all).
OPENING_IDEAS = {7: tuple(IDEAS)}
#: The seeds of chapter 6's buttons, of the playground's own generator, one for each way a run
#: of the document's recipe on N(4, 0.5) ends (``sweep.classify``); the oscillating run ends
#: "other", the spread of its samples swinging most after step 600 of the playground's seeds
#: 0-299. tests/test_playground.py checks each.
OUTCOME_SEEDS = {"converged": 122, "collapsed": 51, "diverged": 4, "oscillating": 221}


def script():
    """The playground's JavaScript source."""
    return SCRIPT.read_text(encoding="utf-8")


def html_snippet(chapter=5, seed=0, target=None, lang=None):
    """The playground as HTML: a ``div.gan-playground`` and the script that mounts it.

    ``chapter`` 1 opens on the untrained D and G (no pre-training, one step a click); 5 on the
    document's recipe; 6 on it with a button for each way a run ends (``OUTCOME_SEEDS``); 7 on
    ``improved``, with every idea's switch on (``OPENING_IDEAS``); 8 on the document's recipe
    with two humps. ``target`` (a ``--target``
    spec) defaults to the chapter's, ``TARGETS``. ``lang`` (default ``$GAN_TUTORIAL_LANGUAGE``)
    picks the labels; a page whose ``<html lang>`` is Chinese gets Chinese labels whatever
    ``lang`` says.
    """
    from gan_tutorial import verdicts
    from gan_tutorial.targets import parse

    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {sorted(CHAPTERS)}, got {chapter!r}")
    seed = checks.positive_int("seed", seed, minimum=0)
    spec = parse(TARGETS[chapter] if target is None else target).spec  # the package's check
    lang = "zh" if verdicts.language(lang) == "zh_CN" else "en"
    settings = [("chapter", chapter), ("seed", seed), ("target", spec), ("lang", lang)]
    if chapter in OPENING_IDEAS:
        settings.append(("ideas", ",".join(OPENING_IDEAS[chapter])))
    if chapter == 6:
        settings.append(("outcome-seeds", json.dumps(OUTCOME_SEEDS)))
    attributes = " ".join(f'data-{name}="{html.escape(str(value))}"' for name, value in settings)
    source = script().replace("</script", "<\\/script")
    return (
        f'<div class="gan-playground" {attributes}></div>\n'
        "<script>\n"
        f"{source}\n"
        "(function () {\n"
        "  var here = document.currentScript && document.currentScript.previousElementSibling;\n"
        "  if (here && here.classList.contains('gan-playground')) GanPlayground.mount(here);\n"
        "  else GanPlayground.mountAll();\n"
        "})();\n"
        "</script>"
    )


class Playground:
    """What ``show`` returns: displayed as the playground (HTML), as a line of text elsewhere."""

    def __init__(self, snippet, chapter):
        self.snippet, self.chapter = snippet, chapter

    def _repr_html_(self):
        return self.snippet

    def __repr__(self):
        return f"<playground: {CHAPTERS[self.chapter]}; shown where a notebook displays HTML>"


def show(chapter=5, seed=0, target=None, lang=None):
    """The playground for ``chapter`` (1, 5, 6, 7 or 8), to display as a cell's result."""
    return Playground(html_snippet(chapter, seed, target, lang), chapter)


def _weights(model):
    return [np.asarray(w, np.float32).tolist() for w in model.get_weights()]


def fixture(seed=0, steps=100):
    """What ``gan_tutorial.document`` computes from ``seed``, for the JavaScript engine to redo.

    The document's ``GAN`` with ``steps`` training steps, trained as ``GAN.train`` does (the same
    draws in the same order), with every input recorded: D_pre's and G's initial weights, D_pre's
    1000 batches and labels, then each step's real points and D's and G's noise; and every
    output: the losses of each step, the weights after D_pre and after the last step.
    """
    import tensorflow as tf
    from scipy.stats import norm

    from gan_tutorial import document
    from gan_tutorial.streams import column

    seed = checks.positive_int("seed", seed, minimum=0)
    steps = checks.positive_int("steps", steps)
    tf.keras.utils.set_random_seed(seed)
    data, gen = document.DataDistribution(), document.GeneratorDistribution(range=8)
    model = document.GAN(data, gen, steps, 12, log_every=10**9)
    initial = {"d_pre": _weights(model.D_pre), "g": _weights(model.G)}
    # As GAN.train, step by step.
    d = (np.random.random((1000, model.batch_size)) - 0.5) * 10.0
    labels = norm.pdf(d, loc=data.mu, scale=data.sigma)
    pre_inputs, pre_labels = column(d), column(labels)
    pre_loss = model.pretrain_loop(pre_inputs, pre_labels)
    model.D.set_weights(model.D_pre.get_weights())
    after_pretraining = {"d": _weights(model.D), "g": _weights(model.G)}
    x, z_d, z_g = (
        column([source.sample(model.batch_size) for _ in range(steps)])
        for source in (data, gen, gen)
    )
    loss_d, loss_g = model.train_loop(x, z_d, z_g)
    flat = lambda t: np.asarray(t, np.float32).reshape(len(t), -1).tolist()  # noqa: E731
    return {
        "seed": seed,
        "steps": steps,
        "initial": initial,
        "pretrain": {"inputs": flat(pre_inputs), "labels": flat(pre_labels)},
        "batches": {"x": flat(x), "z_d": flat(z_d), "z_g": flat(z_g)},
        "pre_loss": pre_loss.numpy().tolist(),
        "loss_d": loss_d.numpy().tolist(),
        "loss_g": loss_g.numpy().tolist(),
        "after_pretraining": after_pretraining,
        "after_steps": {"d": _weights(model.D), "g": _weights(model.G)},
    }


def _engine_weights(network):
    """One seed's weights of an engine's network, in Keras's shapes and order."""
    return [
        np.asarray(v.numpy()[0], np.float32)
        .reshape(v.shape[1:])[0 if i % 2 else slice(None)]
        .tolist()
        for i, v in enumerate(network.weights)
    ]


def engine_fixture(seed=0, steps=100):
    """What the engine computes from ``seed`` with the ``improved`` preset, for the JavaScript
    engine to redo: D's, G's and G's average's initial weights, every batch (each step's five
    real batches and D's noise, G's noise, and the instance noise of each input, already
    faded), the losses of each step (D's last update's, and G's), and after the last step the
    weights and the data's running mean and std."""
    from gan_tutorial.engine import GANEngine

    seed = checks.positive_int("seed", seed, minimum=0)
    steps = checks.positive_int("steps", steps)
    engine = GANEngine(num_steps=steps, preset="improved", seed=seed, log=None)
    nets = {"d": engine.D, "g": engine.G, "g_average": engine.G_average}
    initial = {name: _engine_weights(net) for name, net in nets.items()}
    history = engine.train()
    mean, std = (float(np.asarray(m).ravel()[0]) for m in engine.moments())
    rows = lambda name: np.asarray(engine.batches()[name][:, 0], np.float32).tolist()  # noqa: E731
    return {
        "recipe": "improved",
        "seed": seed,
        "steps": steps,
        "d_steps": engine.preset.d_steps,
        "initial": initial,
        "batches": {name: rows(name) for name in engine.batches()},
        "loss_d": np.asarray(history["loss_d"], np.float32).tolist(),
        "loss_g": np.asarray(history["loss_g"], np.float32).tolist(),
        "after_steps": {name: _engine_weights(net) for name, net in nets.items()},
        "moments": [mean, std],
    }


def write_fixture(path, seed=0, steps=100, recipe="original"):
    """``fixture(seed, steps)`` (``recipe="original"``: the document's model) or
    ``engine_fixture(seed, steps)`` (``"improved"``: the engine) as JSON in ``path``; returns
    the path."""
    makers = {"original": fixture, "improved": engine_fixture}
    if recipe not in makers:
        raise ValueError(f"recipe must be one of {sorted(makers)}, got {recipe!r}")
    path = pathlib.Path(path)
    path.write_text(json.dumps(makers[recipe](seed, steps)), encoding="utf-8")
    return path
