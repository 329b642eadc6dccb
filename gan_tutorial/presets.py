"""Named training recipes. ``original`` is the document exactly; ``improved`` changes only what
chapter 6's measurements show must change. The architecture, batch size, step count, noise and
sorted batches are the same in both."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Preset:
    """Everything that distinguishes one recipe from another. Each field of ``improved`` that
    differs from ``original`` is one change; switching it back is one row of the ablation."""

    name: str
    description: str
    mlp_hidden_size: int = 4
    learning_rate: float = 0.03
    decay_rate: float = 0.95
    decay_steps: int = 150
    init_stddev: float = 1.0
    pretrain_steps: int = 1000
    #: What D_pre learns. With "pdf" it regresses the data density (the document); with
    #: "warm-up" it trains on D's own loss, real data against the untrained G.
    pretrain_objective: str = "pdf"
    #: D with minibatch discrimination (the published code's ``--minibatch``) instead of d2.
    minibatch: bool = False
    glorot_d: bool = False
    glorot_g: bool = False
    scale_g_input: bool = False
    mirrored_g: bool = False
    s_curve_g: bool = False
    standardise: bool = False
    logits: bool = False
    optimizer: str = "sgd"
    beta1: float = 0.5
    r1: float = 0.0
    g_average: float = 0.0

    def __post_init__(self):
        for field, allowed in (
            ("optimizer", ("sgd", "adam")),
            ("pretrain_objective", ("pdf", "warm-up")),
        ):
            if getattr(self, field) not in allowed:
                raise ValueError(f"{field} must be one of {allowed}, got {getattr(self, field)!r}")
        if not 0 <= self.g_average < 1 or self.r1 < 0:
            raise ValueError(
                f"g_average must be in [0, 1) and r1 >= 0, got {self.g_average!r} and {self.r1!r}"
            )

    def without(self, change):
        """This preset with one change undone (an ablation; ``CHANGES`` says what each restores)."""
        if change not in CHANGES:
            raise ValueError(f"change must be one of {list(CHANGES)}, got {change!r}")
        return dataclasses.replace(self, name=f"{self.name}-without-{change}", **CHANGES[change])


ORIGINAL = Preset(
    name="original",
    description="The document's recipe: stddev-1.0 init, D_pre by MSE on the pdf, gradient descent "
    "at 0.03 decaying x0.95 every 150 steps, -log D losses.",
)

IMPROVED = Preset(
    name="improved",
    description="The document's networks, batches and steps, made to converge on every seed: "
    "Glorot init for D, an S-shaped start for G, standardised data, losses from logits, Adam, R1 "
    "penalty, averaged G.",
    learning_rate=0.005,
    pretrain_objective="warm-up",
    glorot_d=True,
    s_curve_g=True,
    standardise=True,
    logits=True,
    optimizer="adam",
    beta1=0.5,
    r1=10.0,
    g_average=0.995,
)

#: Each change of ``improved`` and the settings that undo it (``Preset.without``). They restore
#: the document's settings, except "s-curve-g", which replaces G's S-shaped start by a
#: straight-line start (Glorot weights scaled to the noise, in mirrored pairs), to show what the
#: shape alone is worth.
CHANGES = {
    "glorot-d": {"glorot_d": False},
    "g-init": {"s_curve_g": False},
    "s-curve-g": {"s_curve_g": False, "glorot_g": True, "scale_g_input": True, "mirrored_g": True},
    "standardise": {"standardise": False},
    "logits": {"logits": False},
    "adam": {"optimizer": "sgd", "learning_rate": ORIGINAL.learning_rate},
    "r1": {"r1": 0.0},
    "g-average": {"g_average": 0.0},
}

ORIGINAL_MINIBATCH = dataclasses.replace(
    ORIGINAL,
    name="original+minibatch",
    description="The document's recipe with minibatch discrimination in D and D_pre, as the "
    "published code's --minibatch option builds it.",
    minibatch=True,
)

#: Every named recipe, by name; ``get_preset`` looks names up here.
PRESETS = {preset.name: preset for preset in (ORIGINAL, ORIGINAL_MINIBATCH, IMPROVED)}


def get_preset(name):
    """The preset called ``name``, or a ``ValueError`` listing the ones that exist."""
    if isinstance(name, Preset):
        return name
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"preset must be one of {sorted(PRESETS)}, got {name!r}") from None
