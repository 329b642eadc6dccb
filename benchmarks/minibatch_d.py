"""Chapter 8's trained minibatch discriminator: the published recipe's D after training.

    python benchmarks/minibatch_d.py [--out gan_tutorial/data/minibatch_d.json]

Trains ``original+minibatch`` at the published code's learning rate, 0.005, on the two humps
of chapter 8, seeds 0-3, and saves D's weights (``Layers.weights``' order, shape ``(seeds,
...)`` each). Chapter 8 draws the features of this D: training it (compiled first) would add
seconds to every build of the book. tests/test_chapters.py trains it again and compares.
"""

import pathlib

from gan_tutorial import GANEngine, GeneratorDistribution, targets
from gan_tutorial.bench import save_command

OUT = pathlib.Path(__file__).resolve().parent.parent / "gan_tutorial/data/minibatch_d.json"
TARGET, SEEDS, PRESET, LEARNING_RATE = (
    "mixture:0.5,-2,0.5,2,0.5",
    [0, 1, 2, 3],
    "original+minibatch",
    0.005,
)


def compute():
    """The trained D's weights, as the package ships them."""
    engine = GANEngine(targets.parse(TARGET), GeneratorDistribution(8), preset=PRESET,
                       learning_rate=LEARNING_RATE, seed=SEEDS, log=None)  # fmt: skip
    engine.train()
    weights = [variable.numpy().tolist() for variable in engine.D.weights]
    return {"target": TARGET, "seeds": SEEDS, "preset": PRESET,
            "learning_rate": LEARNING_RATE, "weights": weights}  # fmt: skip


def main(argv=None):
    save_command("minibatch_d.py", __doc__.splitlines()[0], OUT, compute, argv)


if __name__ == "__main__":
    main()
