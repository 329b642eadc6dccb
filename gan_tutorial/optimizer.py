"""Section 4.ii of the document: gradient descent with a staircase-decaying learning rate."""

import tensorflow as tf

from gan_tutorial import checks


class StaircaseDecay:
    """``initial * decay_rate ** floor(step / decay_steps)``: ``tf.train.exponential_decay``."""

    def __init__(self, initial_learning_rate, decay_rate=0.95, decay_steps=150):
        self.initial_learning_rate = checks.positive_float("learning_rate", initial_learning_rate)
        self.decay_rate = checks.positive_float("decay_rate", decay_rate)
        self.decay_steps = checks.positive_int("decay_steps", decay_steps)

    def __call__(self, step):
        """The rate at ``step`` (an int, array or tensor)."""
        exponent = tf.math.floordiv(tf.cast(step, tf.int64), self.decay_steps)
        return self.initial_learning_rate * tf.pow(self.decay_rate, tf.cast(exponent, tf.float32))


class GradientDescent(tf.Module):
    """``GradientDescentOptimizer(rate).minimize(loss, global_step=batch)``.

    ``batch`` is the document's step counter: each update reads the rate at ``batch`` and then
    adds one to it, so every optimizer decays on its own count of updates.
    """

    def __init__(self, schedule, rates=None, name=None):
        super().__init__(name=name)
        self.schedule, self.rates = schedule, rates
        with self.name_scope:
            self.batch = tf.Variable(0, dtype=tf.int64, trainable=False, name="batch")

    def reset(self):
        """Start counting from zero again, as a new ``tf.Variable(0)`` would."""
        self.batch.assign(0)

    def apply(self, gradients, variables):
        """One descent step on ``variables``."""
        rate = self.schedule(self.batch)
        rates = self.rates or [None] * len(variables)
        for gradient, variable, multiplier in zip(gradients, variables, rates):
            variable.assign_sub((rate if multiplier is None else rate * multiplier) * gradient)
        self.batch.assign_add(1)


def _zeros_like(variable):
    """A variable's initial value of zeros, computed only if a variable is created from it."""
    return lambda: tf.zeros(variable.shape, variable.dtype)


class Adam(tf.Module):
    """Adam (Kingma & Ba, 2015) with bias correction, on the same staircase schedule.

    Each update divides by the running RMS of the gradient, so a weight moves by about the rate
    per step whatever its gradient's scale: the tiny gradients a flat D gives G still move G.
    """

    def __init__(
        self, schedule, variables, beta1=0.5, beta2=0.999, epsilon=1e-8, rates=None, name=None
    ):
        super().__init__(name=name)
        self.schedule, self.beta1, self.beta2, self.epsilon = schedule, beta1, beta2, epsilon
        self.rates = rates
        with self.name_scope:
            self.batch = tf.Variable(0, dtype=tf.int64, trainable=False, name="batch")
            # zeros of each variable's shape (read from it, so a shape description will do),
            # as functions (see networks.Linear)
            self.m = [tf.Variable(_zeros_like(v), trainable=False, name="m") for v in variables]
            self.v = [tf.Variable(_zeros_like(v), trainable=False, name="v") for v in variables]

    def reset(self):
        """Step counter and both moments back to zero."""
        self.batch.assign(0)
        for moment in self.m + self.v:
            moment.assign(tf.zeros_like(moment))

    def apply(self, gradients, variables):
        """One Adam step on ``variables`` (the ones given at construction, in that order)."""
        rate = self.schedule(self.batch)
        self.batch.assign_add(1)
        t = tf.cast(self.batch, tf.float32)
        rate = rate * tf.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        # Each moment's new value is used as computed, not read back from its variable, and a
        # rate is multiplied only where it differs from 1: the same numbers, in fewer steps.
        rates = [rate if k == 1.0 else rate * k for k in self.rates or [1.0] * len(variables)]
        for gradient, variable, m, v, step in zip(gradients, variables, self.m, self.v, rates):
            new_m = self.beta1 * m + (1 - self.beta1) * gradient
            new_v = self.beta2 * v + (1 - self.beta2) * tf.square(gradient)
            m.assign(new_m)
            v.assign(new_v)
            variable.assign_sub(step * new_m / (tf.sqrt(new_v) + self.epsilon))
