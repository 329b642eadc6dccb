"""How much memory a run will need, estimated before anything is allocated.

``GANEngine.batches()`` draws every batch of a run up front as float64 arrays: D_pre's points
and labels, ``(pretrain_steps, seeds, batch)`` each, and the real data and both noise batches,
``(num_steps, seeds, batch)`` each. They are drawn seed by seed and then stacked, so while they
are drawn two copies exist; training then adds float32 copies, the losses are recorded per step
and seed, and the evaluation pushes ``EVAL_SAMPLES`` points per seed through G. Nothing here
imports TensorFlow: the command line refuses a run that would not fit before it starts one.

The estimate is the peak resident memory of the whole process, TensorFlow included, taken as
the larger of its phases (drawing the batches; training; evaluating). The constants come from
the peak RSS of ``python -m gan_tutorial`` on Linux with TensorFlow 2.21.0 (train and sweep, both
presets, 10 to 1,000,000 steps, batches of 2 to 60,000, 1 to 6,000 seeds): the estimate was 1.0
to 1.3 times the measured peak in every case.
"""

import os
import re

#: What the command line refuses above, unless ``--memory-limit`` or the variable below says.
DEFAULT_LIMIT = 4 * 2**30
#: The environment variable that sets the limit when ``--memory-limit`` is not given.
LIMIT_VARIABLE = "GAN_TUTORIAL_MEMORY_LIMIT"

#: ``gan_tutorial.streams.EVAL_SAMPLES``, repeated here so that no TensorFlow import is needed.
EVAL_SAMPLES = 10_000
#: TensorFlow, XLA and the compiled loops, before any batch (measured: 690 to 850 MiB).
BASE_BYTES = 900 * 2**20
#: Per seed: weights, optimizer state and random generators.
SEED_BYTES = 64 * 2**10
#: Per evaluation sample and seed: its noise (float64, then stacked), float32 copies, G's layer.
EVAL_SAMPLE_BYTES = 40
#: Per step and seed: loss_d and loss_g recorded as float32, copied and concatenated.
HISTORY_BYTES = 40

_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40, "P": 2**50}


def estimate_bytes(
    num_steps,
    batch_size,
    seeds,
    pretrain_steps=1000,
    eval_samples=EVAL_SAMPLES,
    batches_per_step=3,
):
    """Peak memory, in bytes, of one run of ``num_steps`` steps of ``batch_size`` points for
    ``seeds`` seeds (an int: how many), with D_pre's ``pretrain_steps`` batches and
    ``batches_per_step`` arrays of one batch per training step (``Preset.batches_per_step``).

    Only arithmetic on Python ints: any size, however large, is estimated at once.
    """
    steps, pre, points = num_steps, pretrain_steps, seeds * batch_size
    batch_values = (2 * pre + batches_per_step * steps) * points  # every float64 batch of the run
    drawing = 2 * 8 * batch_values  # per-seed arrays and their stacked copy
    training = 8 * batch_values + (4 * batches_per_step + 4) * steps * points  # + float32 copies
    evaluating = 8 * batch_values + eval_samples * EVAL_SAMPLE_BYTES * seeds
    per_seed = SEED_BYTES * seeds + HISTORY_BYTES * (pre + steps) * seeds
    return BASE_BYTES + per_seed + max(drawing, training, evaluating)


def parse_size(text):
    """``"4G"``, ``"512M"``, ``"1.5G"``, ``"8GiB"`` or a number of bytes, to bytes (int > 0).

    K, M, G, T and P are powers of 1024, with or without a trailing ``B`` or ``iB``.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([KMGTP]?)(?:i?B)?\s*", str(text), re.I)
    if not match:
        raise ValueError(f"must be a size such as 8G, 512M or 1.5G, got {text!r}")
    size = int(float(match[1]) * _UNITS[match[2].upper()])
    if size <= 0:
        raise ValueError(f"must be a size above 0, such as 8G, got {text!r}")
    return size


def limit_from_environment(environ=None):
    """The limit in bytes: ``GAN_TUTORIAL_MEMORY_LIMIT`` if set, else ``DEFAULT_LIMIT``."""
    text = (os.environ if environ is None else environ).get(LIMIT_VARIABLE)
    if text is None or not text.strip():
        return DEFAULT_LIMIT
    try:
        return parse_size(text)
    except ValueError as error:
        raise ValueError(f"{LIMIT_VARIABLE} {error}") from None


def format_size(size):
    """Bytes as a short human figure: ``"4.0 GiB"``, ``"750 MiB"``, ``"92.3 TiB"``."""
    for unit, scale in (("PiB", 2**50), ("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20)):
        if size >= scale or unit == "MiB":
            value = size / scale
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
