"""Named training recipes. ``original`` is the document exactly; ``improved`` changes what the
measurements of chapters 6 to 8 show must change, and nothing about the target's shape. The
networks, the batch of 12 and the 1200 steps are the same in all of them."""

import dataclasses

#: The ways G can start (``Preset.g_start``); ``stabilisers`` has the code of the last three.
G_STARTS = ("normal", "glorot", "mirrored", "s-curve", "kinks")


@dataclasses.dataclass(frozen=True)
class Preset:
    """Everything that distinguishes one recipe from another. Each field of ``improved`` that
    differs from ``original`` is one change; switching it back is one row of the ablation."""

    name: str
    description: str
    mlp_hidden_size: int = 4
    #: D's learning rate (and G's, unless ``g_learning_rate`` is set).
    learning_rate: float = 0.03
    g_learning_rate: float | None = None
    #: The rates decay x ``decay_rate`` every ``decay_steps`` training steps (a staircase).
    decay_rate: float = 0.95
    decay_steps: int = 150
    init_stddev: float = 1.0
    pretrain_steps: int = 1000
    #: What D_pre learns. With "pdf" it regresses the data density (the document); with
    #: "warm-up" it trains on D's own loss, real data against the untrained G; "none" skips it.
    pretrain_objective: str = "pdf"
    #: The noise G trains on, "grid" (the document's linspace plus U(0, 0.01), almost the same
    #: 12 points at every step) or "stratified" (one uniform draw in each of the 12 cells).
    noise: str = "grid"
    #: D with minibatch discrimination (the published code's ``--minibatch``) instead of d2.
    minibatch: bool = False
    glorot_d: bool = False
    #: D's first layer drawn this many times sharper, its units centred uniformly on
    #: [-spread, spread] (in standardised units, for presets that standardise).
    d_first_layer_scale: float = 1.0
    d_first_layer_spread: float = 0.0
    #: How G starts, one of ``G_STARTS``: "normal" (the document's N(0, init_stddev**2)
    #: weights), "glorot" (Glorot's scale, the first layer's divided by the std of G's noise),
    #: "mirrored" (Glorot's, with the second half of the units mirroring the first: an exactly
    #: straight G), "s-curve" (an odd S-shaped curve, like a bell's quantile function) or
    #: "kinks" (sharp units whose bends are spread evenly over the noise interval: a generic
    #: start that can bend anywhere, with no shape in it).
    g_start: str = "normal"
    #: Multipliers of G's rate for its first layer's weights and biases.
    g_weight_rate: float = 1.0
    g_bias_rate: float = 1.0
    standardise: bool = False
    logits: bool = False
    optimizer: str = "sgd"
    beta1: float = 0.5
    beta2: float = 0.999
    #: D updates per G update, each on fresh batches.
    d_steps: int = 1
    r1: float = 0.0
    #: Weight of R2, the penalty of R1 taken at G's samples instead of the real points.
    r2: float = 0.0
    #: Std of Gaussian noise added to every input of D (real and generated, standardised
    #: units), fading linearly to 0 at ``instance_anneal`` of the training steps.
    instance_noise: float = 0.0
    instance_anneal: float = 1.0
    g_average: float = 0.0

    def __post_init__(self):
        for field, allowed in (
            ("optimizer", ("sgd", "adam")),
            ("pretrain_objective", ("pdf", "warm-up", "none")),
            ("noise", ("grid", "stratified")),
            ("g_start", G_STARTS),
        ):
            if getattr(self, field) not in allowed:
                raise ValueError(f"{field} must be one of {allowed}, got {getattr(self, field)!r}")
        if not 0 <= self.g_average < 1 or self.r1 < 0 or self.r2 < 0:
            raise ValueError(
                f"g_average must be in [0, 1) and r1, r2 >= 0, got {self.g_average!r}, "
                f"{self.r1!r} and {self.r2!r}"
            )
        if self.d_steps < 1 or self.instance_noise < 0 or not 0 < self.instance_anneal <= 1:
            raise ValueError(
                f"d_steps must be >= 1, instance_noise >= 0 and instance_anneal in (0, 1], got "
                f"{self.d_steps!r}, {self.instance_noise!r} and {self.instance_anneal!r}"
            )

    @property
    def pretrains(self):
        return self.pretrain_objective != "none"

    @property
    def batches_per_step(self):
        """How many arrays of one batch a training step draws (real data and noise for each D
        update, noise for G and, with instance noise, one noise array per input of D and G)."""
        values = 2 * self.d_steps + 1
        return values * 2 if self.instance_noise else values

    def without(self, change):
        """This preset with one change undone (an ablation; ``CHANGES`` says what each restores)."""
        changes = CHANGES.get(self.name, {})
        if change not in changes:
            raise ValueError(f"change must be one of {list(changes)}, got {change!r}")
        return dataclasses.replace(self, name=f"{self.name}-without-{change}", **changes[change])


ORIGINAL = Preset(
    name="original",
    description="The document's recipe: stddev-1.0 init, D_pre by MSE on the pdf, gradient descent "
    "at 0.03 decaying x0.95 every 150 steps, -log D losses.",
)

ORIGINAL_MINIBATCH = dataclasses.replace(
    ORIGINAL,
    name="original+minibatch",
    description="The document's recipe with minibatch discrimination in D and D_pre, as the "
    "published code's --minibatch option builds it.",
    minibatch=True,
)

IMPROVED = Preset(
    name="improved",
    description="The document's networks, batches and steps, trained to converge on many kinds "
    "of target without knowing their shape: stratified noise, a kinked start for G, "
    "standardised data, losses from logits, Adam, five D updates per G update, R1 and R2 "
    "penalties, instance noise, a sharper first layer for D, averaged G, no D_pre.",
    learning_rate=0.0033,
    g_learning_rate=0.0055,
    decay_rate=0.9,
    pretrain_objective="none",
    noise="stratified",
    glorot_d=True,
    d_first_layer_scale=3.0,
    d_first_layer_spread=2.0,
    g_start="kinks",
    g_weight_rate=3.0,
    g_bias_rate=16.0,
    standardise=True,
    logits=True,
    optimizer="adam",
    beta1=0.0,
    beta2=0.99,
    d_steps=5,
    r1=1.0,
    r2=1.0,
    instance_noise=0.25,
    instance_anneal=0.7,
    g_average=0.99,
)

#: The book's first repaired recipe, which starts G as a bell's quantile function, a prior about
#: the target's shape (appendix D measures what it buys and what it costs).
IMPROVED_BELL = Preset(
    name="improved-bell",
    description="A recipe for bell-shaped targets: Glorot init for D, an S-shaped start for G "
    "(a bell's quantile function), standardised data, losses from logits, Adam, R1 penalty, "
    "averaged G, a warm-up D_pre.",
    learning_rate=0.005,
    pretrain_objective="warm-up",
    glorot_d=True,
    g_start="s-curve",
    standardise=True,
    logits=True,
    optimizer="adam",
    beta1=0.5,
    r1=10.0,
    g_average=0.995,
)

#: For each preset with an ablation, each of its changes and the settings that undo it
#: (``Preset.without``).
CHANGES = {
    "improved": {
        "standardise": {"standardise": False},
        "stratified-noise": {"noise": "grid"},
        "kinks-g": {"g_start": "glorot"},
        "g-first-layer-rates": {"g_weight_rate": 1.0, "g_bias_rate": 1.0},
        "sharp-d-first-layer": {"d_first_layer_scale": 1.0, "d_first_layer_spread": 0.0},
        "five-d-steps": {"d_steps": 1},
        "skip-d-pre": {"pretrain_objective": "warm-up"},
        "adam-betas": {"beta1": 0.5, "beta2": 0.999},
        "faster-decay": {"decay_rate": 0.95},
        "r1": {"r1": 0.0},
        "r2": {"r2": 0.0},
        "instance-noise": {"instance_noise": 0.0},
        "g-average": {"g_average": 0.0},
        "logits": {"logits": False},
    },
    "improved-bell": {
        "glorot-d": {"glorot_d": False},
        "s-curve-g": {"g_start": "glorot"},
        "standardise": {"standardise": False},
        "adam": {"optimizer": "sgd", "learning_rate": ORIGINAL.learning_rate},
        "r1": {"r1": 0.0},
        "g-average": {"g_average": 0.0},
    },
}

#: Each idea of ``improved``, with the settings it changes (``improved``'s values), in the order
#: chapter 7's ladder adds them. Each is one idea a learner can state in a sentence (R1 and R2
#: together are "gradient penalties"; Adam with its betas and its own rates is "Adam").
IDEAS = {
    "gradient-penalties": ("r1", "r2"),
    "adam": ("optimizer", "beta1", "beta2", "learning_rate", "g_learning_rate", "decay_rate"),
    "standardise": ("standardise",),
    "g-average": ("g_average",),
    "kinks-g-start": ("g_start", "g_weight_rate", "g_bias_rate"),
    "stratified-noise": ("noise",),
    "instance-noise": ("instance_noise", "instance_anneal"),
    "sharp-d-start": ("glorot_d", "d_first_layer_scale", "d_first_layer_spread"),
    "no-d-pre": ("pretrain_objective",),
    "five-d-steps": ("d_steps",),
    "logits": ("logits",),
}


def recipe(ideas):
    """The document's recipe with ``ideas`` (names of ``IDEAS``) taken from ``improved``."""
    unknown = sorted(set(ideas) - set(IDEAS))
    if unknown:
        raise ValueError(f"ideas must be names of IDEAS, got {unknown}")
    settings = {f: getattr(IMPROVED, f) for idea in ideas for f in IDEAS[idea]}
    name = "+".join(sorted(ideas)) or "original"
    return dataclasses.replace(ORIGINAL, name=name, description=name, **settings)


#: Every named recipe, by name; ``get_preset`` looks names up here.
PRESETS = {p.name: p for p in (ORIGINAL, ORIGINAL_MINIBATCH, IMPROVED, IMPROVED_BELL)}


def get_preset(name):
    """The preset called ``name``, or a ``ValueError`` listing the ones that exist."""
    if isinstance(name, Preset):
        return name
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"preset must be one of {sorted(PRESETS)}, got {name!r}") from None
