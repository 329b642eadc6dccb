"""Section 1 and 4.i of the document: D and G, built from the ``linear`` layer.

Every layer carries a leading *seed axis*: its weights have shape ``(seeds, in, out)`` and its
inputs ``(seeds, batch, in)``. One seed is an ordinary network; many seeds train independent
GANs side by side in the same compiled step, which is what makes seed sweeps cheap.
"""

import numpy as np
import tensorflow as tf

from gan_tutorial import checks


def linear_init(rng, input_dim, output_dim, stddev=1.0):
    """The document's initialiser: weights from N(0, stddev**2), biases zero."""
    checks.positive_float("stddev", stddev)
    weights = rng.normal(0.0, stddev, (input_dim, output_dim))
    return weights.astype(np.float32), np.zeros(output_dim, np.float32)


class Linear(tf.Module):
    """``linear(input, output_dim, scope)``: ``x @ w + b``, one ``(w, b)`` per seed."""

    def __init__(self, input_dim, output_dim, stddev=1.0, seeds=1, name=None):
        super().__init__(name=name)
        self.input_dim, self.output_dim, self.stddev = input_dim, output_dim, stddev
        # Initial values as functions: a model rebuilt around existing variables (``core.Model``,
        # while a loop is compiled) then never computes them.
        with self.name_scope:
            self.w = tf.Variable(lambda: tf.zeros([seeds, input_dim, output_dim]), name="w")
            self.b = tf.Variable(lambda: tf.zeros([seeds, 1, output_dim]), name="b")

    def initial_values(self, rngs):
        """Fresh ``linear_init`` weights, one set per seed's generator."""
        pairs = [linear_init(rng, self.input_dim, self.output_dim, self.stddev) for rng in rngs]
        return [np.stack([w for w, _ in pairs]), np.stack([b[None, :] for _, b in pairs])]

    def __call__(self, x):
        return tf.matmul(x, self.w) + self.b

    def single(self, x):
        """One seed's layer on a 2-D batch ``(batch, in)``, with the ops Keras's ``Dense`` uses:
        ``bias_add``, except for a single output, where Keras adds the bias with ``+``."""
        product = tf.matmul(x, self.w[0])
        if self.output_dim == 1:
            return product + self.b[0, 0]
        return tf.nn.bias_add(product, self.b[0, 0])


#: Kernels per point in the published code's minibatch layer (each of 3 dimensions).
MINIBATCH_KERNELS = 5


def glorot_stddevs(sizes, input_std=1.0):
    """Per-layer init stddevs ``sqrt(2 / (fan_in + fan_out))`` (Glorot), which keep every
    pre-activation of order one; the first layer's is also divided by its input's std."""
    stddevs = [float(np.sqrt(2.0 / (n_in + n_out))) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    stddevs[0] /= input_std
    return stddevs


class Layers(tf.Module):
    """What every network of the engine shares: its ``layers`` (``Linear``), initialised and
    copied as the document does."""

    def initialise(self, rngs):
        """Set every layer to fresh ``linear_init`` values, drawn layer by layer from each seed."""
        for layer in self.layers:
            for variable, value in zip((layer.w, layer.b), layer.initial_values(rngs)):
                variable.assign(value)

    @property
    def weights(self):
        """The variables in layer order (w0, b0, w1, b1, ...), as the document's collections are."""
        return [v for layer in self.layers for v in (layer.w, layer.b)]

    def copy_from(self, other):
        """Assign ``other``'s weights to this network, as the document does from D_pre to D."""
        for mine, theirs in zip(self.weights, other.weights):
            mine.assign(theirs)

    def assign(self, values):
        """Set the weights to ``values``, one array per variable in ``weights``' order: weights
        saved as nested lists (``gan_tutorial.data``) come back bit for bit."""
        shapes = [tuple(v.shape) for v in self.weights]
        arrays = [np.asarray(value, np.float32) for value in values]
        if [a.shape for a in arrays] != shapes:
            raise ValueError(
                f"values must have the shapes {shapes}, got {[a.shape for a in arrays]}"
            )
        for variable, array in zip(self.weights, arrays):
            variable.assign(array)


class Network(Layers):
    """A stack of ``Linear`` layers, each followed by its activation (a scope of the document).

    ``stddev`` is the init scale of every layer, or a list with one scale per layer.
    """

    def __init__(self, sizes, activations, layer_names, stddev=1.0, seeds=1, name=None):
        super().__init__(name=name)
        self.sizes, self.activations = list(sizes), activations
        stddevs = [stddev] * (len(sizes) - 1) if np.ndim(stddev) == 0 else list(stddev)
        with self.name_scope:
            self.layers = [
                Linear(n_in, n_out, scale, seeds, name=layer_name)
                for n_in, n_out, scale, layer_name in zip(
                    sizes[:-1], sizes[1:], stddevs, layer_names
                )
            ]

    def logits(self, x):
        """The output before the last activation (for losses computed from logits)."""
        return self._forward(x, last_activation=False)

    def __call__(self, x):
        return self._forward(x, last_activation=True)

    def _forward(self, x, last_activation):
        """With one seed the layers run on 2-D tensors with the ops of Keras's ``Dense``, which
        TensorFlow fuses with the activation that follows: the engine then computes bit for bit
        what the document's model computes."""
        one_seed = self.layers[0].w.shape[0] == 1
        x = x[0] if one_seed else x
        for i, (layer, activation) in enumerate(zip(self.layers, self.activations)):
            x = layer.single(x) if one_seed else layer(x)
            if i < len(self.layers) - 1 or last_activation:
                x = activation(x)
        return x[None] if one_seed else x


def identity(x):
    """G's output layer has no activation."""
    return x


def discriminator_sizes(h_dim):
    width = 2 * checks.positive_int("h_dim", h_dim)
    return [1, width, width, width, 1]


def minibatch_discriminator_shapes(h_dim):
    """(fan_in, fan_out) of d0, d1 and d3: the layers whose scale ``minibatch_discriminator``
    takes."""
    width = 2 * checks.positive_int("h_dim", h_dim)
    return [(1, width), (width, width), (width + MINIBATCH_KERNELS, 1)]


def generator_sizes(h_dim):
    return [1, checks.positive_int("h_dim", h_dim), 1]


def discriminator(h_dim, stddev=1.0, seeds=1, name="Disc"):
    """D: three tanh layers of width ``2*h_dim`` (d0, d1, d2), then one sigmoid unit (d3)."""
    return Network(
        discriminator_sizes(h_dim),
        [tf.tanh, tf.tanh, tf.tanh, tf.sigmoid],
        ["d0", "d1", "d2", "d3"],
        stddev,
        seeds,
        name,
    )


def generator(h_dim, stddev=1.0, seeds=1, name="Gen"):
    """G: ``h_dim`` softplus units (g0), then one linear output (g1)."""
    return Network(
        generator_sizes(h_dim),
        [tf.nn.softplus, identity],
        ["g0", "g1"],
        stddev,
        seeds,
        name,
    )


class MinibatchDiscriminator(Layers):
    """D with minibatch discrimination (Salimans et al., 2016), as the published code builds it.

    The third tanh layer (d2) becomes a minibatch layer on d1's features: a linear projection to
    ``kernels`` rows of ``kernel_dim`` numbers per point; for every pair of points in the batch,
    the L1 distance between their rows, per kernel; ``exp(-distance)`` summed over the batch (a
    point with itself included) gives ``kernels`` features that say how close a point's
    neighbours are. They join d1's features before the output unit d3. A batch of generated
    points that has collapsed onto one spike stands out at once: every point is close to all.
    """

    def __init__(self, h_dim, stddevs, seeds=1, name="Disc", kernels=None, kernel_dim=3):
        kernels = MINIBATCH_KERNELS if kernels is None else kernels
        super().__init__(name=name)
        width = 2 * checks.positive_int("h_dim", h_dim)
        self.kernels, self.kernel_dim = kernels, kernel_dim
        with self.name_scope:
            self.layers = [
                Linear(1, width, stddevs[0], seeds, name="d0"),
                Linear(width, width, stddevs[1], seeds, name="d1"),
                Linear(width, kernels * kernel_dim, stddevs[2], seeds, name="minibatch"),
                Linear(width + kernels, 1, stddevs[3], seeds, name="d3"),
            ]

    def features(self, h):
        """The minibatch features of d1's output ``h`` ``(seeds, batch, width)``:
        ``(seeds, batch, kernels)``."""
        rows = self.layers[2](h)
        rows = tf.reshape(
            rows, tf.concat([tf.shape(rows)[:-1], [self.kernels, self.kernel_dim]], 0)
        )
        distance = tf.reduce_sum(tf.abs(rows[:, :, None] - rows[:, None, :]), axis=-1)
        return tf.reduce_sum(tf.exp(-distance), axis=2)

    def hidden(self, x):
        """d1's output at the points ``x`` ``(seeds, batch, 1)``: what the minibatch features
        and the output unit read."""
        return tf.tanh(self.layers[1](tf.tanh(self.layers[0](x))))

    def logits(self, x):
        h = self.hidden(x)
        return self.layers[3](tf.concat([h, self.features(h)], axis=-1))

    def __call__(self, x):
        return tf.sigmoid(self.logits(x))


def minibatch_discriminator(h_dim, stddev=1.0, seeds=1, name="Disc"):
    """The published code's D with ``--minibatch``: d0, d1, the minibatch layer (its projection
    initialised with stddev 0.02, as published), d3. ``stddev`` is the scale of d0, d1 and d3
    (one number, or a list for the three)."""
    d0, d1, d3 = [stddev] * 3 if np.ndim(stddev) == 0 else list(stddev)
    return MinibatchDiscriminator(h_dim, [d0, d1, 0.02, d3], seeds, name)
