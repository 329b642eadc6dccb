"""A one-dimensional GAN in TensorFlow 2, following the source document section by section.

``gan_tutorial.document`` is the document's model, the code chapters 1-5 of the book teach.
The names below belong to the engine (many seeds at once, presets, sweeps) and are imported on
first use, so ``import gan_tutorial`` stays cheap until a model is built.

Two TensorFlow settings are made here, before any module of this package imports TensorFlow,
for the whole Python process and only where the environment does not set them already:
``TF_CPP_MIN_LOG_LEVEL=3`` (no C++ log lines) and ``TF_ENABLE_ONEDNN_OPTS=0``. The second one
also changes the numerics of any other TensorFlow code in the process: oneDNN's optimised CPU
kernels, which may round differently, are off, so that a seed gives the book's numbers (a
difference in the last bit can grow into a different run: book appendix A). Set
``TF_ENABLE_ONEDNN_OPTS=1`` before the import to keep them. The lines the full
``tensorflow`` wheel writes straight to file descriptor 2 while it loads (absl, CUDA drivers)
are kept off stderr too: until TensorFlow is imported, a finder on ``sys.meta_path`` loads it
with descriptor 2 silenced (``gan_tutorial.quiet_import``), whoever imports it first.
"""

import importlib
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

if "tensorflow" not in sys.modules:
    from gan_tutorial.quiet_import import QuietTensorFlowFinder

    QuietTensorFlowFinder.install()

__version__ = "0.2.0"

_EXPORTS = {
    "DataDistribution": "gan_tutorial.distributions",
    "GeneratorDistribution": "gan_tutorial.distributions",
    "GANEngine": "gan_tutorial.engine",
    "TrainingDiverged": "gan_tutorial.engine",
    "w1": "gan_tutorial.metrics",
    "converged": "gan_tutorial.metrics",
    "PRESETS": "gan_tutorial.presets",
    "Preset": "gan_tutorial.presets",
    "get_preset": "gan_tutorial.presets",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    """Import an exported name's module when the name is first used."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'gan_tutorial' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
