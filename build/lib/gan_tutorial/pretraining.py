"""Section 2 of the document: D_pre, a discriminator trained to imitate the data density first."""

import tensorflow as tf

PRETRAIN_LOW, PRETRAIN_HIGH = -5.0, 5.0


def pretrain_batches(data, steps, batch_size, rng):
    """Points uniform on [-5, 5], labelled with the data pdf there: D_pre's regression targets.

    Returns ``(points, labels)``, each of shape ``(steps, batch_size)``.
    """
    points = rng.uniform(PRETRAIN_LOW, PRETRAIN_HIGH, (steps, batch_size))
    return points, data.pdf(points)


def pretrain_loss(prediction, labels):
    """D_pre's loss, ``mean((D_pre(x) - label)**2)``, one value per seed."""
    return tf.reduce_mean(tf.square(prediction - labels), axis=[-2, -1])
