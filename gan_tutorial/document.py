"""The document's GAN in TensorFlow 2, top to bottom in the document's order.

Section 三 first (``main``, then the data, the noise, the ``GAN`` class and ``_create_model``),
then section 三.4 i and ii (``discriminator``, ``generator``, ``linear``, ``optimizer``). TF1's
graph pieces become their TF2 counterparts: a placeholder becomes ``tf.keras.Input``, a
variable scope becomes a ``tf.keras.Model``, ``reuse_variables()`` becomes calling that model
twice, and ``session.run`` becomes calling a ``tf.function``.

What the document leaves out follows the published code it describes (AYLIEN's gan-intro,
``gan.py`` at commit 4df4ce78a8f8b75a1ce8a52f0a385abe0ac2fa7b of January 2017,
https://github.com/AYLIEN/gan-intro/blob/4df4ce78a8f8b75a1ce8a52f0a385abe0ac2fa7b/gan.py; the
repository's master is a June 2017 rewrite): G's layers, D_pre's training data and the
training loop.
"""

import sys

import numpy as np
import tensorflow as tf
from scipy.stats import norm

from gan_tutorial.streams import column  # numbers as the (batch, 1) columns a placeholder held


def main(num_steps=1200, batch_size=12, log_every=10, seed=0):
    """The document's ``main(args)``: build the GAN and train it. ``seed`` makes it repeatable."""
    tf.keras.utils.set_random_seed(seed)  # for Python's, NumPy's and TensorFlow's generators
    model = GAN(
        DataDistribution(),  # the real data
        GeneratorDistribution(range=8),  # G's noise
        num_steps,  # 1200 steps in all
        batch_size,  # 12 points per step
        log_every,  # print the losses every log_every steps
    )
    model.train()
    return model


class DataDistribution:
    """The real data (三.1): N(4, 0.5), samples sorted."""

    def __init__(self):
        self.mu = 4
        self.sigma = 0.5

    def sample(self, N):
        samples = np.random.normal(self.mu, self.sigma, N)
        samples.sort()
        return samples


class GeneratorDistribution:
    """G's input (三.2): an even grid on [-range, range] plus a jitter of at most 0.01."""

    def __init__(self, range):
        self.range = range

    def sample(self, N):
        return np.linspace(-self.range, self.range, N) + np.random.random(N) * 0.01


class GAN:
    """The model (三.3): ``GAN(data, gen, num_steps, batch_size, log_every)``, then ``train()``."""

    def __init__(self, data, gen, num_steps, batch_size, log_every):
        self.data = data
        self.gen = gen
        self.num_steps = num_steps
        self.batch_size = batch_size
        self.log_every = log_every
        self.mlp_hidden_size = 4  # G has 4 hidden units, D 8 per layer
        self.learning_rate = 0.03
        self._create_model()

    def _create_model(self):
        """D_pre, G and D (三.4), each a Keras model, and one optimizer per trained network."""
        # D_pre: trained first, so that D starts from its weights (section 二).
        self.pre_input = tf.keras.Input(shape=(1,), name="pre_input")  # a column of points
        D_pre = discriminator(self.pre_input, self.mlp_hidden_size)
        self.D_pre = tf.keras.Model(self.pre_input, D_pre, name="D_pre")
        self.d_pre_params = self.D_pre.trainable_variables
        self.pre_opt = optimizer(self.d_pre_params, self.learning_rate)
        # G: noise z in, one number per point out.
        self.z = tf.keras.Input(shape=(1,), name="z")
        self.G = tf.keras.Model(self.z, generator(self.z, self.mlp_hidden_size), name="Gen")
        # D: one model. D1 = D(x) and D2 = D(G(z)) call it twice: that is reuse_variables().
        self.x = tf.keras.Input(shape=(1,), name="x")
        self.D = tf.keras.Model(self.x, discriminator(self.x, self.mlp_hidden_size), name="Disc")
        self.d_params = self.D.trainable_variables
        self.g_params = self.G.trainable_variables
        self.opt_d = optimizer(self.d_params, self.learning_rate)
        self.opt_g = optimizer(self.g_params, self.learning_rate)

    def pre_loss(self, pre_input, pre_labels):
        """D_pre's loss: the mean squared difference between its output and the labels."""
        return tf.reduce_mean(tf.square(self.D_pre(pre_input) - pre_labels))

    def loss_d(self, x, z):
        """D's loss, ``mean(-log D1 - log(1 - D2))``: D1 should be 1 and D2 should be 0."""
        D1 = self.D(x)  # D's belief that the real points are real
        D2 = self.D(self.G(z))  # the same D, on the generated points
        return tf.reduce_mean(-tf.math.log(D1) - tf.math.log(1 - D2))

    def loss_g(self, z):
        """G's loss, ``mean(-log D2)``: G wants D to call its points real."""
        D2 = self.D(self.G(z))
        return tf.reduce_mean(-tf.math.log(D2))

    @tf.function
    def pretrain_step(self, pre_input, pre_labels):
        """One update of D_pre: the published code's ``session.run([pre_loss, pre_opt])``."""
        with tf.GradientTape() as tape:
            pre_loss = self.pre_loss(pre_input, pre_labels)
        gradients = tape.gradient(pre_loss, self.d_pre_params)
        self.pre_opt.apply_gradients(zip(gradients, self.d_pre_params))
        return pre_loss

    @tf.function
    def d_step(self, x, z):
        """One update of D on ``loss_d``. Only D's weights move; G is held fixed."""
        with tf.GradientTape() as tape:  # records the computation, to differentiate it
            loss_d = self.loss_d(x, z)
        gradients = tape.gradient(loss_d, self.d_params)
        self.opt_d.apply_gradients(zip(gradients, self.d_params))
        return loss_d

    @tf.function
    def g_step(self, z):
        """One update of G on ``loss_g``. Only G's weights move, though the gradient flows
        through D."""
        with tf.GradientTape() as tape:
            loss_g = self.loss_g(z)
        gradients = tape.gradient(loss_g, self.g_params)
        self.opt_g.apply_gradients(zip(gradients, self.g_params))
        return loss_g

    def train(self):
        """Pre-train D_pre, copy its weights into D, then ``num_steps`` steps of the game.

        Every step uses fresh batches, as in the published code; they are drawn before the
        loop starts, so that the whole loop can run as one TensorFlow graph. Returns every
        step's losses.
        """
        num_pretrain_steps = 1000
        d = (np.random.random((num_pretrain_steps, self.batch_size)) - 0.5) * 10.0
        labels = norm.pdf(d, loc=self.data.mu, scale=self.data.sigma)  # the data's density
        pre_loss = self.pretrain_loop(column(d), column(labels))
        self.D.set_weights(self.D_pre.get_weights())  # weightsD = session.run(d_pre_params)
        x, z_d, z_g = (
            column([source.sample(self.batch_size) for _ in range(self.num_steps)])
            for source in (self.data, self.gen, self.gen)
        )
        loss_d, loss_g = self.train_loop(x, z_d, z_g)
        return {"pre_loss": pre_loss.numpy(), "loss_d": loss_d.numpy(), "loss_g": loss_g.numpy()}

    @tf.function
    def pretrain_loop(self, pre_inputs, pre_labels):
        """Every pre-training step, in one graph: ``tf.range`` makes the loop a graph loop."""
        losses = tf.TensorArray(tf.float32, size=len(pre_inputs))
        for step in tf.range(len(pre_inputs)):
            losses = losses.write(step, self.pretrain_step(pre_inputs[step], pre_labels[step]))
        return losses.stack()

    @tf.function
    def train_loop(self, xs, zs_d, zs_g):
        """Every training step, in one graph: one D update, then one G update, per step.
        ``tf.print`` prints the document's ``step: loss_d loss_g`` line while the loop runs."""
        losses_d = tf.TensorArray(tf.float32, size=len(xs))
        losses_g = tf.TensorArray(tf.float32, size=len(xs))
        for step in tf.range(len(xs)):
            loss_d = self.d_step(xs[step], zs_d[step])
            loss_g = self.g_step(zs_g[step])
            if step % self.log_every == 0:
                tf.print(step, ": ", loss_d, "\t", loss_g, sep="", output_stream=sys.stdout)
            losses_d = losses_d.write(step, loss_d)
            losses_g = losses_g.write(step, loss_g)
        return losses_d.stack(), losses_g.stack()


def discriminator(input, h_dim):
    """D (三.4 i): three tanh layers of ``h_dim * 2`` units, then one sigmoid unit."""
    h0 = tf.keras.activations.tanh(linear(input, h_dim * 2, "d0"))
    h1 = tf.keras.activations.tanh(linear(h0, h_dim * 2, "d1"))
    h2 = tf.keras.activations.tanh(linear(h1, h_dim * 2, scope="d2"))
    h3 = tf.keras.activations.sigmoid(linear(h2, 1, scope="d3"))
    return h3


def generator(input, h_dim):
    """G, from the published code: ``h_dim`` softplus units, then one linear output."""
    h0 = tf.keras.activations.softplus(linear(input, h_dim, "g0"))
    h1 = linear(h0, 1, "g1")
    return h1


def linear(input, output_dim, scope=None, stddev=1.0):
    """A fully connected layer, ``input @ w + b``: w drawn from N(0, stddev**2), b zero."""
    layer = tf.keras.layers.Dense(
        output_dim,
        kernel_initializer=tf.keras.initializers.RandomNormal(stddev=stddev),  # w
        bias_initializer=tf.keras.initializers.Constant(0.0),  # b
        name=scope,
    )
    return layer(input)


def optimizer(var_list, initial_learning_rate):
    """Gradient descent (三.4 ii) whose learning rate decays x0.95 every 150 updates.

    TF1's ``optimizer(loss, var_list, ...)`` returned a training op; in TF2 the loss is computed
    under a ``GradientTape`` in each step, so this returns the optimizer itself, built for the
    variables it will update. Its ``iterations`` counter is the document's ``batch``.
    """
    decay = 0.95  # each decay multiplies the rate by 0.95
    num_decay_steps = 150  # once every 150 updates
    learning_rate = tf.keras.optimizers.schedules.ExponentialDecay(
        initial_learning_rate, num_decay_steps, decay, staircase=True
    )
    sgd = tf.keras.optimizers.SGD(learning_rate)
    sgd.build(var_list)
    return sgd


if __name__ == "__main__":
    main()
