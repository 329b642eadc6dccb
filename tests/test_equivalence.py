"""Three implementations of the document's recipe, one computation.

The document's own ``tf.compat.v1`` graph (``original_graph.py``), the book's TF2 model of it
(``document.py``) and the engine's ``original`` preset (``engine.py``, one seed, graph mode)
start from the same weights, train on the same batches, and must agree bit for bit over
pre-training and all 1200 steps.
"""

import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial import document
from gan_tutorial.document import column
from gan_tutorial.engine import GANEngine
from gan_tutorial.original_graph import OriginalGraph

NETWORKS = ("D_pre", "Gen", "Disc")


def keras_models(model):
    return dict(zip(NETWORKS, (model.D_pre, model.G, model.D)))


def engine_networks(engine):
    return dict(zip(NETWORKS, (engine.d_pre, engine.G, engine.D)))


def run_document_model(model, batches):
    """``document.GAN.train()`` on given batches (one seed's, shaped ``(steps, batch)``)."""
    pre_loss = model.pretrain_loop(column(batches["pre_x"]), column(batches["pre_labels"]))
    model.D.set_weights(model.D_pre.get_weights())
    loss_d, loss_g = model.train_loop(*(column(batches[k]) for k in ("x", "z_d", "z_g")))
    return {"pretrain_loss": pre_loss.numpy(), "loss_d": loss_d.numpy(), "loss_g": loss_g.numpy()}


@pytest.fixture(scope="module", params=[1, 7])
def runs(request):
    """The whole recipe, pre-training and all 1200 steps, by all three implementations."""
    seed = request.param
    engine = GANEngine(seed=seed, mode="graph", log=None)
    batches = {k: v[:, 0] for k, v in engine.batches().items()}
    tf.keras.utils.set_random_seed(seed)
    model = document.GAN(
        document.DataDistribution(), document.GeneratorDistribution(8), 1200, 12, 10**6
    )
    initial = {name: net.get_weights() for name, net in keras_models(model).items()}
    graph = OriginalGraph()
    for name, weights in initial.items():
        graph.load_weights(name, weights)
    engine.initialise()
    for name, network in engine_networks(engine).items():
        for variable, value in zip(network.weights, initial[name]):
            variable.assign(value.reshape(variable.shape))
    engine.pretrain()
    engine_losses = engine.run_training_steps()
    results = {
        "graph": graph.run(batches),
        "document": run_document_model(model, batches),
        "engine": {"pretrain_loss": engine.history["pretrain_loss"], **engine_losses},
    }
    final = {
        "graph": {name: graph.weights(name) for name in NETWORKS},
        "document": {name: net.get_weights() for name, net in keras_models(model).items()},
        "engine": {
            name: [v.numpy()[0] for v in net.weights]
            for name, net in engine_networks(engine).items()
        },
    }
    yield results, final
    graph.close()


@pytest.mark.parametrize("other", ["graph", "engine"])
@pytest.mark.parametrize("key", ["pretrain_loss", "loss_d", "loss_g"])
def test_every_step_has_the_same_loss_bit_for_bit(runs, key, other):
    results, _ = runs
    ours, theirs = results["document"][key], results[other][key]
    assert ours.shape == theirs.shape == ((1000,) if key == "pretrain_loss" else (1200,))
    assert np.array_equal(ours, theirs), f"first difference at step {np.argmax(ours != theirs)}"


@pytest.mark.parametrize("other", ["graph", "engine"])
def test_final_weights_are_the_same_bit_for_bit(runs, other):
    _, final = runs
    for name in NETWORKS:
        for ours, theirs in zip(final["document"][name], final[other][name], strict=True):
            assert np.array_equal(ours, np.reshape(theirs, ours.shape)), name


def test_xla_step_agrees_with_the_uncompiled_step():
    """From one state and one batch, the XLA-compiled steps compute what eager TF computes."""
    results = {}
    for mode in ("xla", "eager"):
        model = GANEngine(seed=2, num_steps=5, mode=mode, pretrain=False, log=None)
        model.train()
        b = model.batches()
        column3 = lambda a: tf.constant(a[:1].astype(np.float32)[..., None])  # noqa: E731
        step = tf.function(model.d_step, jit_compile=True) if mode == "xla" else model.d_step
        loss_d = step(column3(b["x"]), column3(b["z_d"]))
        results[mode] = [loss_d.numpy()] + [v.numpy() for v in model.D.weights]
    for xla, eager in zip(results["xla"], results["eager"]):
        np.testing.assert_allclose(xla, eager, rtol=1e-5, atol=1e-6)


def test_xla_pretraining_follows_the_graph():
    """Pre-training is not chaotic: the compiled run stays within float tolerance of the graph."""
    xla, graph = GANEngine(seed=3, mode="xla", log=None), GANEngine(seed=3, mode="graph", log=None)
    for model in (xla, graph):
        model.initialise()
        model.pretrain()
    np.testing.assert_allclose(
        xla.history["pretrain_loss"], graph.history["pretrain_loss"], rtol=1e-4
    )
