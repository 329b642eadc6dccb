"""A one-dimensional GAN in TensorFlow 2, following the source document section by section.

TensorFlow's C++ logging and oneDNN notices are switched off here, before any module of this
package imports TensorFlow, so notebooks and tests stay free of log noise.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import logging  # noqa: E402

# Every GAN compiles its own training loop, on purpose; TensorFlow's Python-side warning that
# "N calls triggered tf.function retracing" is noise here.
logging.getLogger("tensorflow").setLevel(logging.ERROR)

from gan_tutorial.distributions import DataDistribution, GeneratorDistribution  # noqa: E402
from gan_tutorial.metrics import converged, w1  # noqa: E402
from gan_tutorial.model import GAN, TrainingDiverged  # noqa: E402
from gan_tutorial.networks import Linear, Network, discriminator, generator, linear_init  # noqa: E402
from gan_tutorial.optimizer import GradientDescent, StaircaseDecay  # noqa: E402
from gan_tutorial.presets import PRESETS, Preset, get_preset  # noqa: E402
from gan_tutorial.pretraining import pretrain_batches  # noqa: E402

__all__ = [
    "DataDistribution",
    "GeneratorDistribution",
    "GAN",
    "TrainingDiverged",
    "Linear",
    "Network",
    "discriminator",
    "generator",
    "linear_init",
    "GradientDescent",
    "StaircaseDecay",
    "PRESETS",
    "Preset",
    "get_preset",
    "pretrain_batches",
    "w1",
    "converged",
]
