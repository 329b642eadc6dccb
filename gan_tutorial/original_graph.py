"""The document's own graph, built on ``tf.compat.v1`` as it wrote it.

The parts the document does not show (G and the training loop) follow the code it walks
through, AYLIEN's gan-intro ``gan.py`` at commit 4df4ce78a8f8b75a1ce8a52f0a385abe0ac2fa7b
(https://github.com/AYLIEN/gan-intro/blob/4df4ce78a8f8b75a1ce8a52f0a385abe0ac2fa7b/gan.py).

This is the reference the TF2 port is checked against, and the baseline the benchmark times.
Everything lives in a private ``tf.Graph`` and ``Session``: eager execution stays on for the
rest of the process. Initial weights and batches come from outside, so the very same numbers
can be fed to both implementations.
"""

import numpy as np
import tensorflow as tf

v1 = tf.compat.v1


def linear(input, output_dim, scope=None, stddev=1.0):
    """The document's ``linear``: ``w ~ N(0, stddev**2)``, ``b = 0``, in a variable scope."""
    norm = v1.random_normal_initializer(stddev=stddev)
    const = v1.constant_initializer(0.0)
    with v1.variable_scope(scope or "linear"):
        w = v1.get_variable("w", [input.get_shape()[1], output_dim], initializer=norm)
        b = v1.get_variable("b", [output_dim], initializer=const)
        return tf.matmul(input, w) + b


def generator(input, h_dim):
    """``softplus(linear(h_dim))`` then ``linear(1)``."""
    h0 = tf.nn.softplus(linear(input, h_dim, "g0"))
    return linear(h0, 1, "g1")


def discriminator(input, h_dim):
    """Three tanh layers of width ``h_dim * 2``, then a sigmoid unit."""
    h0 = tf.tanh(linear(input, h_dim * 2, "d0"))
    h1 = tf.tanh(linear(h0, h_dim * 2, "d1"))
    h2 = tf.tanh(linear(h1, h_dim * 2, scope="d2"))
    return tf.sigmoid(linear(h2, 1, scope="d3"))


def optimizer(loss, var_list, initial_learning_rate):
    """Gradient descent whose rate decays x0.95 every 150 steps, counted in ``batch``."""
    decay = 0.95
    num_decay_steps = 150
    batch = tf.Variable(0)
    learning_rate = v1.train.exponential_decay(
        initial_learning_rate, batch, num_decay_steps, decay, staircase=True
    )
    return v1.train.GradientDescentOptimizer(learning_rate).minimize(
        loss, global_step=batch, var_list=var_list
    )


class OriginalGraph:
    """``GAN._create_model`` exactly as the document builds it, with steps fed from outside."""

    def __init__(self, batch_size=12, mlp_hidden_size=4, learning_rate=0.03):
        self.batch_size, self.mlp_hidden_size, self.learning_rate = (
            batch_size,
            mlp_hidden_size,
            learning_rate,
        )
        self.graph = tf.Graph()
        with self.graph.as_default():
            self._create_model()
            self._create_loaders()
            self._init = v1.global_variables_initializer()
        self.session = v1.Session(graph=self.graph)
        self.reset()

    def reset(self):
        """Fresh random weights and every ``batch`` counter back to 0, as a new session would."""
        self.session.run(self._init)

    def _create_model(self):
        shape = (self.batch_size, 1)
        with v1.variable_scope("D_pre"):
            self.pre_input = v1.placeholder(tf.float32, shape=shape)
            self.pre_labels = v1.placeholder(tf.float32, shape=shape)
            D_pre = discriminator(self.pre_input, self.mlp_hidden_size)
            self.pre_loss = tf.reduce_mean(tf.square(D_pre - self.pre_labels))
            self.pre_opt = optimizer(self.pre_loss, None, self.learning_rate)
        with v1.variable_scope("Gen"):
            self.z = v1.placeholder(tf.float32, shape=shape)
            self.G = generator(self.z, self.mlp_hidden_size)
        with v1.variable_scope("Disc") as scope:
            self.x = v1.placeholder(tf.float32, shape=shape)
            self.D1 = discriminator(self.x, self.mlp_hidden_size)
            scope.reuse_variables()
            self.D2 = discriminator(self.G, self.mlp_hidden_size)
        self.loss_d = tf.reduce_mean(-v1.log(self.D1) - v1.log(1 - self.D2))
        self.loss_g = tf.reduce_mean(-v1.log(self.D2))
        self.d_pre_params = v1.get_collection(v1.GraphKeys.TRAINABLE_VARIABLES, scope="D_pre")
        self.d_params = v1.get_collection(v1.GraphKeys.TRAINABLE_VARIABLES, scope="Disc")
        self.g_params = v1.get_collection(v1.GraphKeys.TRAINABLE_VARIABLES, scope="Gen")
        self.opt_d = optimizer(self.loss_d, self.d_params, self.learning_rate)
        self.opt_g = optimizer(self.loss_g, self.g_params, self.learning_rate)
        # D_pre's collection also holds its optimizer's int step counter, created in its scope.
        self.networks = {
            "D_pre": [v for v in self.d_pre_params if v.dtype.base_dtype == tf.float32],
            "Gen": self.g_params,
            "Disc": self.d_params,
        }

    def _create_loaders(self):
        """Assign ops fed by placeholders, so outside weights can be loaded without new nodes."""
        self._loaders = {}
        for variables in self.networks.values():
            for v in variables:
                value = v1.placeholder(tf.float32, shape=v.shape)
                self._loaders[v.name] = (value, v.assign(value))

    def load_weights(self, name, weights):
        """Set network ``name`` (``D_pre``, ``Gen`` or ``Disc``) from ``[w0, b0, w1, b1, ...]``."""
        for variable, value in zip(self.networks[name], weights, strict=True):
            placeholder, assign = self._loaders[variable.name]
            self.session.run(assign, {placeholder: np.reshape(value, variable.shape)})

    def load_from(self, model):
        """Take a TF2 ``GAN``'s current weights (its first seed) for D_pre, Gen and Disc."""
        for name, network in (("D_pre", model.d_pre), ("Gen", model.G), ("Disc", model.D)):
            self.load_weights(name, [v.numpy()[0] for v in network.weights])

    def weights(self, name):
        """Network ``name``'s current weights, in layer order."""
        return self.session.run(self.networks[name])

    def pretrain_step(self, points, labels):
        """One ``session.run([pre_loss, pre_opt])`` on a batch of D_pre's regression data."""
        column = (self.batch_size, 1)
        loss, _ = self.session.run(
            [self.pre_loss, self.pre_opt],
            {
                self.pre_input: np.reshape(points, column),
                self.pre_labels: np.reshape(labels, column),
            },
        )
        return loss

    def copy_pretrained_weights(self):
        """The document's ``weightsD = session.run(d_pre_params)``, assigned into ``Disc``."""
        weightsD = self.session.run(self.d_pre_params)
        self.load_weights(
            "Disc", weightsD[: len(self.d_params)]
        )  # the last entry is a step counter

    def train_step(self, x, z_d, z_g):
        """One D update on (x, z_d) then one G update on z_g, as the document's loop does."""
        column = (self.batch_size, 1)
        loss_d, _ = self.session.run(
            [self.loss_d, self.opt_d],
            {self.x: np.reshape(x, column), self.z: np.reshape(z_d, column)},
        )
        loss_g, _ = self.session.run([self.loss_g, self.opt_g], {self.z: np.reshape(z_g, column)})
        return loss_d, loss_g

    def run(self, batches, pretrain=True):
        """Pre-training (if asked) and every training step on ``batches`` (``GAN.batches()``
        for one seed: arrays shaped ``(steps, batch)``). Returns the loss history."""
        history = {}
        if pretrain:
            history["pretrain_loss"] = np.array(
                [self.pretrain_step(x, y) for x, y in zip(batches["pre_x"], batches["pre_labels"])]
            )
            self.copy_pretrained_weights()
        steps = [
            self.train_step(*step) for step in zip(batches["x"], batches["z_d"], batches["z_g"])
        ]
        history["loss_d"], history["loss_g"] = (np.array(column) for column in zip(*steps))
        return history

    def close(self):
        self.session.close()
