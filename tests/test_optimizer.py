import numpy as np
import pytest
import tensorflow as tf

from gan_tutorial.optimizer import GradientDescent, StaircaseDecay


@pytest.mark.parametrize(
    "step, rate", [(0, 0.03), (149, 0.03), (150, 0.03 * 0.95), (1199, 0.03 * 0.95**7)]
)
def test_staircase_schedule(step, rate):
    assert float(StaircaseDecay(0.03)(step)) == pytest.approx(rate, rel=1e-6)


def test_schedule_matches_tf1_exponential_decay():
    steps = np.arange(0, 1200, 7)
    ours = StaircaseDecay(0.03)(steps).numpy()
    theirs = [
        tf.compat.v1.train.exponential_decay(0.03, int(s), 150, 0.95, staircase=True)()
        for s in steps
    ]
    assert np.allclose(ours, theirs, rtol=1e-6)


def test_gradient_descent_steps_and_counts():
    v = tf.Variable([1.0, 2.0])
    opt = GradientDescent(StaircaseDecay(0.5, decay_steps=1))
    opt.apply([tf.constant([1.0, 1.0])], [v])
    assert np.allclose(v.numpy(), [0.5, 1.5]) and int(opt.batch) == 1
    opt.apply([tf.constant([1.0, 1.0])], [v])  # second step at rate 0.5 * 0.95
    assert np.allclose(v.numpy(), [0.5 - 0.475, 1.5 - 0.475])
    opt.reset()
    assert int(opt.batch) == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"initial_learning_rate": 0},
        {"initial_learning_rate": float("inf")},
        {"initial_learning_rate": 0.1, "decay_steps": 0},
    ],
)
def test_bad_schedule(kwargs):
    with pytest.raises(ValueError):
        StaircaseDecay(**kwargs)
