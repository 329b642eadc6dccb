import numpy as np
import pytest

from gan_tutorial import DataDistribution, GeneratorDistribution


def test_data_samples_have_shape_and_are_sorted():
    data = DataDistribution(seed=0)
    one = data.sample(12)
    many = data.sample((50, 12))
    assert one.shape == (12,) and many.shape == (50, 12)
    assert np.all(np.diff(one) >= 0) and np.all(np.diff(many, axis=-1) >= 0)


def test_data_moments_and_pdf():
    data = DataDistribution(mu=4, sigma=0.5, seed=1)
    x = data.sample(200_000)
    assert abs(x.mean() - 4) < 0.01 and abs(x.std() - 0.5) < 0.01
    assert data.pdf(4.0) == pytest.approx(1 / (0.5 * np.sqrt(2 * np.pi)))
    grid = np.linspace(0, 8, 4001)
    # numpy 2 calls it trapezoid; 1.26 (what TensorFlow 2.17 needs) only trapz.
    trapezoid = getattr(np, "trapezoid", None) or np.trapz
    assert trapezoid(data.pdf(grid), grid) == pytest.approx(1, abs=1e-4)


def test_generator_noise_is_stratified():
    gen = GeneratorDistribution(range=8, seed=0)
    z = gen.sample((100, 12))
    grid = np.linspace(-8, 8, 12)
    offset = z - grid
    assert z.shape == (100, 12)
    assert offset.min() >= 0 and offset.max() < 0.01
    assert offset.std() > 0.002  # really jittered, not the bare grid


@pytest.mark.parametrize("cls", [DataDistribution, GeneratorDistribution])
def test_same_seed_same_samples(cls):
    assert np.array_equal(cls(seed=3).sample(20), cls(seed=3).sample(20))
    assert not np.array_equal(cls(seed=3).sample(20), cls(seed=4).sample(20))
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    assert np.array_equal(cls().sample(20, rng_a), cls().sample(20, rng_b))


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: DataDistribution(sigma=0), "sigma"),
        (lambda: DataDistribution(sigma=float("nan")), "sigma"),
        (lambda: DataDistribution(mu=float("inf")), "mu"),
        (lambda: GeneratorDistribution(range=-1), "range"),
        (lambda: GeneratorDistribution(range="8"), "range"),
        (lambda: DataDistribution().sample(0), "N"),
        (lambda: GeneratorDistribution().sample(2.5), "N"),
        (lambda: DataDistribution(seed=-1), "seed"),
    ],
)
def test_bad_arguments_name_themselves(make, name):
    with pytest.raises(ValueError, match=name):
        make()
