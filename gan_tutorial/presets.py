"""Named training recipes. ``original`` is the document exactly; others change what it must."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Preset:
    """Everything that distinguishes one recipe from another; the architecture stays fixed."""

    name: str
    description: str
    mlp_hidden_size: int = 4
    learning_rate: float = 0.03
    decay_rate: float = 0.95
    decay_steps: int = 150
    init_stddev: float = 1.0
    pretrain_steps: int = 1000


ORIGINAL = Preset(
    name="original",
    description="The document's recipe: stddev-1.0 init, D_pre by MSE on the pdf, "
    "gradient descent at 0.03 decaying x0.95 every 150 steps, -log D losses.",
)

PRESETS = {preset.name: preset for preset in (ORIGINAL,)}


def get_preset(name):
    """The preset called ``name``, or a ``ValueError`` listing the ones that exist."""
    if isinstance(name, Preset):
        return name
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"preset must be one of {sorted(PRESETS)}, got {name!r}") from None
