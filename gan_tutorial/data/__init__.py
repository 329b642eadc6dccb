"""Results the package ships with it, so that a chapter opened alone (on Colab, on Binder, copied
into an empty folder) finds them without a path into the repository.

``ablation.json`` holds the full-size tables of chapters 7 and 8; ``python benchmarks/ablation.py``
writes it here (about 18 minutes on 2 cores: too long to run while the book builds).
``NotoSansCJKsc-Subset.ttf`` is the font the figures draw their Chinese words with
(``gan_tutorial.notebook.figure_fonts``), under the SIL Open Font License in ``OFL.txt``;
``python tools/subset_font.py`` writes it.
"""

import json
from importlib import resources


def load(name):
    """The shipped result ``name`` (``"ablation"``), read from the installed package."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text())


def ablation():
    """The tables of chapters 7 and 8 (``families``, ``ablation``, ``minibatch``, ``gaussians``,
    ``floors``), with the command, date, machine and seconds that produced them."""
    return load("ablation")
