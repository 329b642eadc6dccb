"""The TF2 port against the document's own tf.compat.v1 graph, from the same weights and batches."""

import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial import GAN
from gan_tutorial.original_graph import OriginalGraph

NETWORKS = ("D_pre", "Gen", "Disc")


def networks(model):
    return dict(zip(NETWORKS, (model.d_pre, model.G, model.D)))


def graph_like(model):
    """An ``OriginalGraph`` holding ``model``'s initial weights."""
    model.initialise()
    graph = OriginalGraph(model.batch_size, model.mlp_hidden_size, model.learning_rate)
    graph.load_from(model)
    return graph


@pytest.fixture(scope="module", params=[1, 7])
def runs(request):
    """The whole recipe, pre-training and all 1200 steps, on both implementations."""
    model = GAN(seed=request.param, mode="graph", log=None)
    graph = graph_like(model)
    reference = graph.run({k: v[:, 0] for k, v in model.batches().items()})
    history = model.train()
    yield model, graph, history, reference
    graph.close()


@pytest.mark.parametrize("key", ["pretrain_loss", "loss_d", "loss_g"])
def test_every_step_has_the_same_loss(runs, key):
    _, _, history, reference = runs
    assert history[key].shape == reference[key].shape
    np.testing.assert_allclose(history[key], reference[key], rtol=1e-4)


def test_final_weights_are_the_same(runs):
    model, graph, _, _ = runs
    for name, net in networks(model).items():
        for ours, theirs in zip(net.weights, graph.weights(name)):
            np.testing.assert_allclose(ours.numpy()[0].reshape(theirs.shape), theirs, rtol=1e-4, atol=1e-6)


def test_xla_step_agrees_with_the_uncompiled_step():
    """From one state and one batch, the XLA-compiled steps compute what eager TF computes."""
    results = {}
    for mode in ("xla", "eager"):
        model = GAN(seed=2, num_steps=5, mode=mode, log=None)
        model.train()
        b = model.batches()
        column = lambda a: tf.constant(a[:1].astype(np.float32)[..., None])  # noqa: E731
        step = tf.function(model.d_step, jit_compile=True) if mode == "xla" else model.d_step
        loss_d = step(column(b["x"]), column(b["z_d"]))
        results[mode] = [loss_d.numpy()] + [v.numpy() for v in model.D.weights]
    for xla, eager in zip(results["xla"], results["eager"]):
        np.testing.assert_allclose(xla, eager, rtol=1e-5, atol=1e-6)


def test_xla_pretraining_follows_the_graph():
    """Pre-training is not chaotic: the compiled run stays within float tolerance of the graph."""
    xla, graph = GAN(seed=3, mode="xla", log=None), GAN(seed=3, mode="graph", log=None)
    for model in (xla, graph):
        model.initialise()
        model.pretrain()
    np.testing.assert_allclose(xla.history["pretrain_loss"], graph.history["pretrain_loss"], rtol=1e-4)
