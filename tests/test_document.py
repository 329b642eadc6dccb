"""The document's model (``gan_tutorial/document.py``): what the book's chapters 1-5 teach."""

import ast
import inspect
import re

import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial import document


def test_main_logs_like_the_document_while_it_trains(capfd):
    model = document.main(num_steps=30, log_every=10, seed=3)
    lines = capfd.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["0", "10", "20"]
    loss_d, loss_g = (float(v) for v in lines[0].split(": ")[1].split("\t"))
    assert 0 < loss_d and 0 < loss_g
    assert int(model.opt_d.iterations) == int(model.opt_g.iterations) == 30
    assert int(model.pre_opt.iterations) == 1000


def test_same_seed_same_run_other_seed_other_run(capfd):
    def run(seed):
        tf.keras.utils.set_random_seed(seed)
        model = document.GAN(
            document.DataDistribution(), document.GeneratorDistribution(8), 40, 12, 100
        )
        return model.train()

    a, b, c = run(1), run(1), run(2)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["loss_d"], c["loss_d"])
    assert a["pre_loss"].shape == (1000,) and a["loss_d"].shape == a["loss_g"].shape == (40,)


def test_networks_have_the_documents_layers_and_sizes():
    tf.keras.utils.set_random_seed(0)
    model = document.GAN(document.DataDistribution(), document.GeneratorDistribution(8), 1, 12, 1)
    shapes = {
        net.name: [tuple(w.shape) for w in net.get_weights()]
        for net in (model.D_pre, model.G, model.D)
    }
    d_shapes = [(1, 8), (8,), (8, 8), (8,), (8, 8), (8,), (8, 1), (1,)]
    assert shapes == {"D_pre": d_shapes, "Gen": [(1, 4), (4,), (4, 1), (1,)], "Disc": d_shapes}
    assert [layer.name for layer in model.D.layers[1:] if layer.weights] == ["d0", "d1", "d2", "d3"]
    assert all(np.all(b == 0) for b in model.D.get_weights()[1::2]), "biases start at 0"
    out = model.D(np.linspace(-8, 8, 50)[:, None]).numpy()
    assert out.shape == (50, 1) and np.all((out > 0) & (out < 1))


def test_linear_draws_weights_with_the_given_stddev():
    tf.keras.utils.set_random_seed(0)
    x = tf.keras.Input(shape=(200,))
    layer_model = tf.keras.Model(x, document.linear(x, 300, "wide", stddev=0.1))
    w, b = layer_model.get_weights()
    assert abs(w.std() - 0.1) < 0.005 and abs(w.mean()) < 0.005 and np.all(b == 0)


def test_optimizer_is_gradient_descent_on_a_staircase():
    variable = tf.Variable(0.0)
    sgd = document.optimizer([variable], 0.03)
    rates = []
    for _ in range(301):
        rates.append(float(sgd.learning_rate))
        sgd.apply_gradients([(tf.constant(1.0), variable)])
    assert rates[0] == rates[149] == pytest.approx(0.03)
    assert rates[150] == pytest.approx(0.03 * 0.95) and rates[300] == pytest.approx(0.03 * 0.95**2)
    assert float(variable) == pytest.approx(-sum(rates), rel=1e-5)
    assert int(sgd.iterations) == 301


def test_data_and_noise_are_the_documents():
    np.random.seed(0)
    x = document.DataDistribution().sample(10_000)
    assert np.all(np.diff(x) >= 0) and abs(x.mean() - 4) < 0.02 and abs(x.std() - 0.5) < 0.02
    z = document.GeneratorDistribution(range=8).sample(12)
    offsets = z - np.linspace(-8, 8, 12)
    assert np.all((offsets >= 0) & (offsets <= 0.01))


def test_the_model_class_stays_short_and_the_module_follows_the_document():
    source = inspect.getsource(document)
    tree = ast.parse(source)
    gan = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "GAN")
    assert gan.end_lineno - gan.lineno + 1 <= 120
    order = [n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    expected = ["main", "DataDistribution", "GeneratorDistribution", "GAN"]
    assert order[:4] == expected
    later = ["discriminator", "generator", "linear", "optimizer"]
    assert [name for name in order if name in later] == later
    for word in ("preset", "seeds", "jit_compile", "logits", "snapshots"):
        assert not re.search(rf"\b{word}\b", source, flags=re.I), word
