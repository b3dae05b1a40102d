"""dlnotes.data: the properties that ``make mutation MODULE=data`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.data import (
    _random_mini_batches,
    _split_sizes,
    make_circles,
    make_field,
    make_moons,
    random_mini_batches,
    train_dev_test_split,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_STRICT = "zip's strict flag: three names, three fractions and three counts, always"
EQUIVALENT_MUTANTS = {
    "dlnotes.data.x__examples__mutmut_9": (
        "'X' is no NumPy dtype kind, so `kind not in 'XXbiufXX'` is `kind not in 'biuf'`"
    ),
    "dlnotes.data.x__make_circles__mutmut_11": "np.linspace reads endpoint=None as False",
    "dlnotes.data.x__make_circles__mutmut_24": "np.linspace reads endpoint=None as False",
    "dlnotes.data.x__split_fractions__mutmut_23": (
        "|Σf − 1| is a multiple of 2⁻⁵³ for sums near 1 and 1e-9 is not, so > and >= agree"
    ),
    "dlnotes.data.x__split_fractions__mutmut_39": _STRICT,
    "dlnotes.data.x__split_fractions__mutmut_43": _STRICT,
    "dlnotes.data.x__split_fractions__mutmut_50": _STRICT,
    "dlnotes.data.x_make_field__mutmut_51": (
        "> against >= differs only for a position exactly on the wavy line, which a uniform "
        "float64 draw hits with probability about 2**-53 per example"
    ),
    "dlnotes.data.x_make_field__mutmut_78": (
        "< against <= differs only where a uniform draw in [0, 1) equals flip exactly, "
        "probability about 2**-53 per example"
    ),
    "dlnotes.data.x_make_circles__mutmut_26": (
        "high_inclusive=None is falsy as False is: check_scalar tests factor < 1 and says '[0, 1)'"
    ),
}


def test_noise_is_added_before_the_shuffle_and_zero_noise_draws_nothing() -> None:
    """x__noise_and_shuffle_13, _14, _19: X + N(0, noise²) then one permutation from the same
    generator; with noise = 0 the generator's first draw is the permutation."""
    m = 9
    clean_shuffled, _ = make_moons(m, noise=0.0, rng=np.random.default_rng(3))
    order0 = np.random.default_rng(3).permutation(m)
    clean = clean_shuffled[:, np.argsort(order0)]  # the moons before the shuffle
    gen = np.random.default_rng(5)
    noise = gen.normal(scale=0.1, size=(2, m))
    order = gen.permutation(m)
    noisy, _ = make_moons(m, noise=0.1, rng=np.random.default_rng(5))
    np.testing.assert_allclose(noisy, (clean + noise)[:, order])


def test_the_reference_mini_batch_size_defaults_to_64() -> None:
    """x__random_mini_batches_1: 100 examples make batches of 64 and 36, as the public one."""
    X, Y = np.zeros((2, 100)), np.zeros((1, 100))
    sizes = [x.shape[1] for x, _ in _random_mini_batches(X, Y, rng=np.random.default_rng(0))]
    assert sizes == [64, 36]
    assert [x.shape[1] for x, _ in random_mini_batches(X, Y, rng=np.random.default_rng(0))] == sizes


def test_split_sizes_add_up_to_m() -> None:
    """x__split_sizes_9: the test set is what is left, m − round((f_train + f_dev)·m)."""
    assert _split_sizes((0.6, 0.2, 0.2), 1001) == (601, 200, 200)
    assert _split_sizes((0.98, 0.01, 0.01), 150) == (147, 2, 1)


@pytest.mark.parametrize(
    ("fractions", "message"),
    [
        (
            (0.5, 0.4, 0.1),
            r"^X has too few examples for a non-empty test set with fractions\[2\] "
            r"= 0\.1 \(got m = 3, which rounds to 0 test examples\)$",
        ),
        (
            (0.1, 0.9, 0.0),
            r"^X has too few examples for a non-empty train set with fractions\[0\] "
            r"= 0\.1 \(got m = 3, which rounds to 0 train examples\)$",
        ),
    ],
    ids=["test", "train"],
)
def test_a_split_that_rounds_to_an_empty_set_is_named(fractions, message) -> None:  # type: ignore[no-untyped-def]
    """x__split_fractions_44 … _49, and x__split_sizes_9 again (the test count)."""
    with pytest.raises(ValueError, match=message):
        train_dev_test_split(
            np.zeros((2, 3)), np.zeros((1, 3)), fractions, rng=np.random.default_rng(0)
        )


def test_bad_examples_are_named_X_and_the_mismatch_in_full() -> None:
    """x__examples_2, _26."""
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=r"^X must be an array of real numbers \(got dtype <U1\)$"):
        random_mini_batches(np.array([["a"]]), np.zeros((1, 1)), rng=rng)
    with pytest.raises(
        ValueError,
        match=r"^X and Y must have the same number of columns \(examples\) \(got 3 and 2\)$",
    ):
        random_mini_batches(np.zeros((2, 3)), np.zeros((1, 2)), rng=rng)


def test_circles_need_two_examples_one_per_circle() -> None:
    """x_make_circles_3, _4, _7, _8, _9."""
    with pytest.raises(ValueError, match=r"^m must be >= 2 \(got 1\)$"):
        make_circles(1, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    X, Y = make_circles(2, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    assert X.shape == (2, 2) and sorted(Y.ravel().tolist()) == [0, 1]


def test_make_field_takes_one_example_and_names_its_bad_arguments() -> None:
    """x_make_field: m >= 1, noise >= 0, flip in [0, 0.5], each named."""
    rng = np.random.default_rng(0)
    X, Y = make_field(1, noise=0.0, rng=rng)
    assert X.shape == (2, 1) and Y.shape == (1, 1)
    for kwargs, message in [
        ({"m": 0, "noise": 0.0}, r"^m must be >= 1 \(got 0\)$"),
        ({"m": 2, "noise": -1.0}, r"^noise must be >= 0 \(got -1\.0\)$"),
        ({"m": 2, "noise": 0.0, "flip": 0.6}, r"^flip must be in \[0, 0\.5\] \(got 0\.6\)$"),
        ({"m": 2, "noise": 0.0, "flip": -0.1}, r"^flip must be in \[0, 0\.5\] \(got -0\.1\)$"),
    ]:
        with pytest.raises(ValueError, match=message):
            make_field(rng=rng, **kwargs)  # type: ignore[arg-type]


def test_make_field_flips_a_tenth_of_the_labels_by_default() -> None:
    """The default flip = 0.1: about 10 % of 20,000 labels differ from the noiseless ones."""
    clean = make_field(20000, noise=0.0, flip=0.0, rng=np.random.default_rng(1))[1]
    flipped = make_field(20000, noise=0.0, rng=np.random.default_rng(1))[1]
    assert abs(np.mean(clean != flipped) - 0.1) < 0.01


def field_by_hand(m: int, noise: float, flip: float, seed: int) -> tuple:
    """make_field's draws in their documented order: positions, then noise, then flips."""
    gen = np.random.default_rng(seed)
    X = gen.uniform(-0.75, 0.75, size=(2, m))
    Y = (X[1] > 0.2 * np.sin(np.pi * X[0] / 1.5)).astype(np.int64)[None, :]
    if noise > 0:
        X = X + gen.normal(scale=noise, size=X.shape)
    if flip > 0:
        Y = np.where(gen.random((1, m)) < flip, 1 - Y, Y)
    return X, Y, gen


@pytest.mark.parametrize(("noise", "flip"), [(0.1, 0.2), (0.0, 0.2), (0.1, 0.0)])
def test_make_field_draws_positions_noise_and_flips_in_order_and_nothing_it_does_not_use(
    noise: float, flip: float
) -> None:
    """x_make_field_59, _62, _67: noise is added (not subtracted); noise = 0 draws no noise
    and flip = 0 no flips, so the generator is left where the documented draws leave it."""
    X_want, Y_want, gen_want = field_by_hand(50, noise, flip, 7)
    rng = np.random.default_rng(7)
    X, Y = make_field(50, noise=noise, flip=flip, rng=rng)
    np.testing.assert_array_equal(X, X_want)
    np.testing.assert_array_equal(Y, Y_want)
    assert rng.random() == gen_want.random()
