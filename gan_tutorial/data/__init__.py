"""Results the package ships with it, so that a chapter opened alone (on Colab, on Binder, copied
into an empty folder) finds them without a path into the repository.

``ablation.json`` holds the full-size tables of chapters 7 and 8; ``python benchmarks/ablation.py``
writes it here (about 18 minutes on 2 cores: too long to run while the book builds).
``recipe_search.json`` holds the search for the fewest ideas and its ladder (chapter 7),
written by ``python benchmarks/recipe_search.py`` (about 50 minutes).
``ideas_at_work.json`` holds chapter 7's runs of ``improved`` with and without each of its
ideas on one target (outcomes of 50 seeds, snapshots of one), written by ``python
benchmarks/ideas_at_work.py`` (a few minutes).
``minibatch_d.json`` holds chapter 8's trained minibatch discriminator, written by ``python
benchmarks/minibatch_d.py`` (seconds).
``NotoSansCJKsc-Subset.ttf`` is the font the figures draw their Chinese words with
(``gan_tutorial.notebook.figure_fonts``), under the SIL Open Font License in ``OFL.txt``;
``python tools/subset_font.py`` writes it.
"""

import copy
import functools
import json
from importlib import resources

import numpy as np


def load(name):
    """The shipped result ``name`` (``"ablation"``), read from the installed package."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text())


def ablation():
    """The tables of chapters 7 and 8 (``families``, ``ablation``, ``minibatch``, ``gaussians``,
    ``floors``), with the command, date, machine and seconds that produced them."""
    return load("ablation")


def recipe_search():
    """The search for the fewest ideas of ``improved`` (chapter 7): ``recipe`` (the ideas it
    keeps), ``ladder`` (recipe names, one idea more each), ``evaluations`` (each recipe's ideas
    and converged rate per target), ``rounds``, and the seeds, targets and tolerance used."""
    return load("recipe_search")


def idea_at_work(idea):
    """Chapter 7's ``idea`` at work, on the ``target`` every idea shares: the ``recipes``
    (``"without"`` and ``"with"`` it, each a list of ideas), every one of the ``seeds``'s
    ``outcomes`` both ways, the ``shown_seed`` (the one furthest off without it), the ``steps``,
    the ``machine`` that trained them, and for each recipe the shown seed's ``runs``, its
    snapshots at those steps as ``GANEngine.train(record_every=k)`` keeps them (arrays with a
    seed axis of one, 4 decimals, for ``plotting.plot_run``), and its ``scores`` (W1 / std
    every 100 steps)."""
    saved = _ideas_at_work()
    if idea not in saved["experiments"]:
        raise ValueError(f"idea must be one of {list(saved['experiments'])}, got {idea!r}")
    experiment = saved["experiments"][idea]
    runs = {
        label: [{k: v if k == "step" else np.array(v) for k, v in snap.items()} for snap in runs]
        for label, runs in experiment["runs"].items()
    }
    rest = {key: value for key, value in experiment.items() if key != "runs"}
    shared = {key: saved[key] for key in ("target", "seeds", "steps", "machine")}
    return {**copy.deepcopy({**rest, **shared}), "runs": runs}  # the caller's own copy


def ideas_at_work(ideas):
    """``idea_at_work`` of each of ``ideas``, by idea, in the order given (a figure's rows)."""
    if isinstance(ideas, str):
        raise ValueError(f"ideas must be a list of ideas, got the string {ideas!r}")
    return {idea: idea_at_work(idea) for idea in ideas}


@functools.cache  # chapter 7 asks for its ideas thirty times: the file is read once
def _ideas_at_work():
    return load("ideas_at_work")


def minibatch_d():
    """Chapter 8's trained D with minibatch discrimination: the ``preset``, ``learning_rate``,
    ``target`` and ``seeds`` it was trained with, and its ``weights`` (``Layers.assign``)."""
    return load("minibatch_d")


def row(table_name, preset, spec, tables=None):
    """The row of ``ablation()[table_name]`` for ``preset`` on the target ``spec``."""
    tables = tables or ablation()
    if table_name not in tables or not isinstance(tables[table_name], list):
        raise ValueError(f"table_name must name one of the tables, got {table_name!r}")
    found = [r for r in tables[table_name] if r["preset"] == preset and r["target"] == spec]
    if not found:
        raise ValueError(f"no row for preset {preset!r} on {spec!r} in {table_name!r}")
    return found[0]
