"""The floor: the best W1/std that any G of the document's size reaches on a target.

    python benchmarks/floor.py TARGET [TARGET ...]      (as --target takes them)

G(z) = b + sum_k a_k softplus(w_k z + c_k), with 4 units, is fitted *directly* to the target's
quantile function on the evaluation noise (no D, no game): many random restarts at once, with Adam,
first on the squared error and then on the absolute error (which is W1 for a monotone G). Each fit
is scored exactly as a GAN's samples are (``metrics.score``, hump shares included); the best
restart is the floor. A recipe whose runs stay far above it is limited by its training, not by
the size of G.
"""

import json
import sys

import numpy as np

from gan_tutorial import GeneratorDistribution, metrics, targets
from gan_tutorial.quiet_import import import_tensorflow

tf = import_tensorflow()

RESTARTS = 128
FIT_POINTS = 1000
RANGE = 8.0


def fit(target, restarts=RESTARTS, steps=(1500, 2500), seed=0):
    """``{"target", "floor", "floor_ignoring_shares", "restarts"}`` for one target."""
    rng = np.random.default_rng(seed)
    noise = GeneratorDistribution(RANGE).sample(10_000, rng)
    n = noise.size
    standard = (target.quantiles(n) - target.mean) / target.std
    pick = np.linspace(0, n - 1, FIT_POINTS).round().astype(int)
    u = tf.constant((noise[pick] / RANGE)[None, :, None], tf.float32)
    q = tf.constant(standard[pick][None, :], tf.float32)
    signs = rng.choice([-1, 1], (restarts, 1, 4))
    w = signs * np.exp(rng.uniform(np.log(0.5), np.log(200.0), (restarts, 1, 4)))
    c = -w * rng.uniform(-1, 1, (restarts, 1, 4))
    a = rng.normal(0, 1, (restarts, 4, 1)) / np.abs(w).transpose(0, 2, 1)
    params = [tf.Variable(v.astype(np.float32)) for v in (w, c, a, np.zeros((restarts, 1, 1)))]

    def g(points):
        return tf.matmul(tf.nn.softplus(points * params[0] + params[1]), params[2]) + params[3]

    @tf.function(jit_compile=True)
    def descend(count, absolute, rate):
        moments = [(tf.zeros_like(p), tf.zeros_like(p)) for p in params]
        for t in tf.range(count):
            with tf.GradientTape() as tape:
                error = g(u)[..., 0] - q
                loss = tf.abs(error) if absolute else tf.square(error)
                total = tf.reduce_sum(tf.reduce_mean(loss, axis=1))
            step = tf.cast(t, tf.float32) + 1.0
            lr = rate * 0.5 * (1 + tf.cos(np.pi * step / tf.cast(count, tf.float32))) + 1e-5
            updated = []
            for p, grad, (m, v) in zip(params, tape.gradient(total, params), moments):
                grad = tf.where(tf.math.is_finite(grad), grad, 0.0)
                m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * tf.square(grad)
                p.assign_sub(lr * (m / (1 - 0.9**step)) / (tf.sqrt(v / (1 - 0.999**step)) + 1e-8))
                updated.append((m, v))
            moments = updated
        return total

    descend(steps[0], False, 0.05)
    descend(steps[1], True, 0.02)
    fitted = g(tf.constant((noise / RANGE)[None, :, None], tf.float32)).numpy()[..., 0]
    samples = target.mean + target.std * fitted.astype(np.float64)
    scores = [metrics.score(s, target) for s in samples if np.all(np.isfinite(s))]
    shares_ok = [s["w1"] / target.std for s in scores if metrics.shares_ok(s["shares"], target)]
    return {
        "target": target.spec,
        "floor": min(shares_ok) if shares_ok else None,
        "floor_ignoring_shares": min(s["w1"] / target.std for s in scores),
        "restarts": restarts,
    }


if __name__ == "__main__":
    for spec in sys.argv[1:]:
        print(json.dumps(fit(targets.parse(spec))), flush=True)
