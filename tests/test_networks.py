import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial.networks import discriminator, generator, linear_init, minibatch_discriminator


def test_linear_init_statistics_and_zero_bias():
    w, b = linear_init(np.random.default_rng(0), 200, 300, stddev=1.0)
    assert w.shape == (200, 300) and b.shape == (300,)
    assert abs(w.mean()) < 0.01 and abs(w.std() - 1.0) < 0.01
    assert not b.any()
    w2, _ = linear_init(np.random.default_rng(0), 200, 300, stddev=0.1)
    assert abs(w2.std() - 0.1) < 0.001


def test_discriminator_layout_and_output_range():
    d = discriminator(4, seeds=3)
    d.initialise([np.random.default_rng(s) for s in range(3)])
    assert [layer.name for layer in d.layers] == ["d0", "d1", "d2", "d3"]
    assert [tuple(v.shape) for v in d.weights[::2]] == [(3, 1, 8), (3, 8, 8), (3, 8, 8), (3, 8, 1)]
    assert all(not v.numpy().any() for v in d.weights[1::2])
    out = d(tf.random.normal((3, 12, 1))).numpy()
    assert out.shape == (3, 12, 1) and np.all((out > 0) & (out < 1))


def test_generator_layout():
    g = generator(4)
    assert [layer.name for layer in g.layers] == ["g0", "g1"]
    assert [tuple(v.shape) for v in g.weights] == [(1, 1, 4), (1, 1, 4), (1, 4, 1), (1, 1, 1)]
    assert g(tf.zeros((1, 12, 1))).shape == (1, 12, 1)


def test_seeds_are_independent_slices():
    rngs = lambda: [np.random.default_rng(s) for s in (7, 8)]  # noqa: E731
    pair, single = discriminator(4, seeds=2), discriminator(4, seeds=1)
    pair.initialise(rngs())
    single.initialise([np.random.default_rng(8)])
    x = tf.random.normal((1, 12, 1))
    assert np.allclose(pair(tf.concat([x, x], 0))[1], single(x)[0], atol=1e-6)


def test_copy_is_exact():
    a, b = discriminator(4, name="D_pre"), discriminator(4)
    a.initialise([np.random.default_rng(0)])
    b.initialise([np.random.default_rng(1)])
    b.copy_from(a)
    assert all(np.array_equal(x.numpy(), y.numpy()) for x, y in zip(a.weights, b.weights))
    assert all(x is not y for x, y in zip(a.weights, b.weights))


def test_weights_saved_as_lists_come_back_bit_for_bit_and_wrong_shapes_are_named():
    a, b = minibatch_discriminator(4, seeds=2), minibatch_discriminator(4, seeds=2)
    a.initialise([np.random.default_rng(0), np.random.default_rng(1)])
    b.assign([w.numpy().tolist() for w in a.weights])
    assert all(np.array_equal(x.numpy(), y.numpy()) for x, y in zip(a.weights, b.weights))
    for values in ([w.numpy() for w in a.weights][:-1], [w.numpy()[:1] for w in a.weights]):
        with pytest.raises(ValueError, match="values must have the shapes"):
            b.assign(values)


def test_bad_sizes():
    with pytest.raises(ValueError, match="h_dim"):
        discriminator(0)
    with pytest.raises(ValueError, match="stddev"):
        linear_init(np.random.default_rng(0), 1, 1, stddev=-1)
