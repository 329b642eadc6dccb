"""Results the package ships with it, so that a chapter opened alone (on Colab, on Binder, copied
into an empty folder) finds them without a path into the repository.

``ablation.json`` holds chapter 7's full-size tables; ``python benchmarks/ablation.py`` writes it
here (about four minutes on 2 cores: too long to run while the book builds).
"""

import json
from importlib import resources


def load(name):
    """The shipped result ``name`` (``"ablation"``), read from the installed package."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text())


def ablation():
    """Chapter 7's tables: ``pretraining``, ``ablation`` and ``targets`` rows, with the command,
    date and machine that produced them."""
    return load("ablation")
