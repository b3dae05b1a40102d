"""dlnotes.regularization: the properties that ``make mutation MODULE=regularization`` found
untested: the bounds of the image augmentations, which offsets they draw, the references'
defaults, early-stopping ties, float64 sums, the sign of zero and the full error messages.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.regularization import (
    EarlyStopping,
    _early_stopping,
    _flip,
    _shift,
    crop,
    dropout_backward,
    dropout_forward,
    fit_normalizer,
    l1_penalty,
    l1_proximal_step,
    l2_penalty,
    normalize,
    random_crop,
    random_flip,
    random_shift,
    shift,
)

FALSY_FLAG = (
    "None for False: check_scalar only tests the flag's truth (v > low, the '(' of the message)"
)
FALSY_BATCH = "batch=None for batch=False: _images only tests `if batch:`"
NO_FINITE = (
    "finite=None for finite=False: check_scalar only tests `not finite`, True for both"
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
EQUIVALENT_MUTANTS: dict[str, str] = {
    "dlnotes.regularization.x__keep_prob__mutmut_5": FALSY_FLAG,
    "dlnotes.regularization.x_l1_proximal_step__mutmut_6": FALSY_FLAG,
    "dlnotes.regularization.x_shift__mutmut_26": FALSY_FLAG,
    "dlnotes.regularization.x_shift__mutmut_27": FALSY_FLAG,
    "dlnotes.regularization.x_random_shift__mutmut_25": FALSY_FLAG,
    "dlnotes.regularization.x_random_shift__mutmut_26": FALSY_FLAG,
    "dlnotes.regularization.x_crop__mutmut_3": FALSY_BATCH,
    "dlnotes.regularization.x_flip__mutmut_5": FALSY_BATCH,
    "dlnotes.regularization.x_shift__mutmut_4": FALSY_BATCH,
    "dlnotes.regularization.xǁEarlyStoppingǁupdate__mutmut_7": NO_FINITE,
    "dlnotes.regularization.xǁEarlyStoppingǁinit__mutmut_14": (
        'float("INF") is float("inf"): Python parses the name case-insensitively'
    ),
    "dlnotes.regularization.x__random_crop__mutmut_7": (
        "rng.integers(n, size=m) is rng.integers(0, n, size=m): numpy reads a lone bound as "
        "high with low 0 and draws the same stream (same offsets for every seed)"
    ),
    "dlnotes.regularization.x__random_crop__mutmut_20": (
        "rng.integers(n, size=m) is rng.integers(0, n, size=m), as x__random_crop__mutmut_7"
    ),
    "dlnotes.regularization.x__fit_normalizer__mutmut_38": (
        "a constant row's scale only ends up in sigma = where(sigma > 0, sigma, scale), which "
        "the final where(constant, 1, sigma) replaces by 1: 2 instead of 1 never shows"
    ),
    "dlnotes.regularization.x__fit_normalizer__mutmut_70": (
        "where(None, 1, sigma) is sigma, and a constant row's sigma is already its scale 1 "
        "(0 from the mean of zeros, replaced by scale = 1), same shape and dtype"
    ),
    "dlnotes.regularization.x__shift__mutmut_13": (
        "reshape(-2, H, W): numpy treats any negative size as the one unknown dimension, as -1"
    ),
}

IMAGES = np.arange(2 * 4 * 5, dtype=float).reshape(2, 4, 5)  # a batch of two 4 × 5 images
RNG = np.random.default_rng


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ((0, 0, 0, 5), r"^height must be in \[1, 4\] \(got 0\)$"),
        ((0, 0, 5, 5), r"^height must be in \[1, 4\] \(got 5\)$"),
        ((0, 0, 4, 0), r"^width must be in \[1, 5\] \(got 0\)$"),
        ((0, 0, 4, 6), r"^width must be in \[1, 5\] \(got 6\)$"),
        ((1, 0, 4, 5), r"^top must be in \[0, 0\] \(got 1\)$"),
        ((0, 1, 4, 5), r"^left must be in \[0, 0\] \(got 1\)$"),
        ((-1, 0, 3, 5), r"^top must be in \[0, 1\] \(got -1\)$"),
        ((0, -1, 4, 3), r"^left must be in \[0, 2\] \(got -1\)$"),
    ],
)
def test_a_crop_window_must_lie_inside_the_image(window, message) -> None:  # type: ignore[no-untyped-def]
    """x_crop: 1 <= height <= H, 1 <= width <= W, 0 <= top <= H − height, 0 <= left <= W − width."""
    with pytest.raises(ValueError, match=message):
        crop(IMAGES, *window)


def test_the_whole_image_and_a_single_pixel_are_windows() -> None:
    """x_crop, x_random_crop: the bounds are inclusive at both ends."""
    np.testing.assert_array_equal(crop(IMAGES, 0, 0, 4, 5), IMAGES)
    np.testing.assert_array_equal(crop(IMAGES, 3, 4, 1, 1), IMAGES[:, 3:4, 4:5])
    np.testing.assert_array_equal(crop(IMAGES[0], 1, 2, 2, 3), IMAGES[0, 1:3, 2:5])  # one image
    np.testing.assert_array_equal(random_crop(IMAGES, 4, 5, rng=RNG(0)), IMAGES)
    assert random_crop(IMAGES, 1, 1, rng=RNG(0)).shape == (2, 1, 1)
    for size, message in [
        ((0, 5), r"^height must be in \[1, 4\] \(got 0\)$"),
        ((4, 6), r"^width must be in \[1, 5\] \(got 6\)$"),
    ]:
        with pytest.raises(ValueError, match=message):
            random_crop(IMAGES, *size, rng=RNG(0))


@pytest.mark.parametrize("fill", [np.inf, -np.inf])
def test_the_fill_of_a_shift_is_a_finite_number_of_any_sign(fill: float) -> None:
    """x_shift, x_random_shift: fill in (−inf, inf), negative values allowed."""
    sign = "-" if fill < 0 else ""
    with pytest.raises(ValueError, match=rf"^fill must be in \(-inf, inf\) \(got {sign}inf\)$"):
        shift(IMAGES, 1, 1, fill=fill)
    with pytest.raises(ValueError, match=rf"^fill must be in \(-inf, inf\) \(got {sign}inf\)$"):
        random_shift(IMAGES, 1, rng=RNG(0), fill=fill)
    assert shift(IMAGES, 1, 1, fill=-5.0)[:, 0, :].tolist() == [[-5.0] * 5] * 2
    assert random_shift(IMAGES, 2, rng=RNG(0), fill=-7.0).min() in (-7.0, 0.0)


def test_a_shift_fills_with_zero_by_default_and_names_its_offsets() -> None:
    """x_shift, x__shift: fill 0.0 by default; dy and dx named."""
    shifted = shift(IMAGES, 1, 0)
    np.testing.assert_array_equal(shifted[:, 0, :], 0.0)
    np.testing.assert_array_equal(shifted[:, 1:, :], IMAGES[:, :-1, :])
    with pytest.raises(TypeError, match=r"^dy must be an int \(got float\)$"):
        shift(IMAGES, 1.5, 1)
    with pytest.raises(TypeError, match=r"^dx must be an int \(got float\)$"):
        shift(IMAGES, 1, 1.5)


def test_random_offsets_reach_both_signs_and_fill_the_vacated_pixels() -> None:
    """x__random_shift: dy, dx uniform on {-k..k} (not {0..k}); x_random_shift passes fill on.

    Kills x__random_shift__mutmut_6, x_random_shift__mutmut_45.
    """
    ones = np.ones((64, 3, 3))
    out = random_shift(ones, 1, rng=RNG(0), fill=5.0)
    # a shift up or left (dy or dx = -1) vacates the last row or column
    assert (out[:, -1, :] == 5.0).all(axis=1).any()
    assert (out[:, :, -1] == 5.0).all(axis=1).any()
    assert (out[:, 0, :] == 5.0).all(axis=1).any()
    assert set(np.unique(out)) == {1.0, 5.0}


def test_a_shift_past_the_border_leaves_only_fill() -> None:
    """x__translate: a source row r - dy = H or a column below -W is outside the image.

    Kills x__translate__mutmut_13 (rows <= H), x__translate__mutmut_30 (clip without floor).
    """
    up = shift(IMAGES, -1, 0, fill=-1.0)
    np.testing.assert_array_equal(up[:, :-1, :], IMAGES[:, 1:, :])
    np.testing.assert_array_equal(up[:, -1, :], -1.0)
    np.testing.assert_array_equal(shift(IMAGES, 0, 7, fill=2.0), np.full_like(IMAGES, 2.0))
    np.testing.assert_array_equal(shift(IMAGES, 9, 0, fill=2.0), np.full_like(IMAGES, 2.0))


def test_the_reference_augmentations_defaults() -> None:
    """x__flip: direction "horizontal" by default; x__shift: fill 0.0 by default.

    Kills x__flip__mutmut_1, x__flip__mutmut_2, x__shift__mutmut_1.
    """
    np.testing.assert_array_equal(_flip(IMAGES), IMAGES[:, :, ::-1])
    shifted = _shift(IMAGES, 0, 1)
    np.testing.assert_array_equal(shifted[:, :, 0], 0.0)
    np.testing.assert_array_equal(shifted[:, :, 1:], IMAGES[:, :, :-1])


def test_a_unit_is_kept_only_when_its_draw_is_below_keep_prob() -> None:
    """x__dropout_forward: d = (u < keep_prob), so u = keep_prob drops the unit; x__random_flip
    likewise flips only when u < p.

    Kills x__dropout_forward__mutmut_4, x__random_flip__mutmut_6.
    """
    u = float(RNG(0).random())  # the first draw of that generator
    A_out, mask = dropout_forward(np.ones((1, 1)), u, rng=RNG(0))
    assert mask.tolist() == [[0.0]] and A_out.tolist() == [[0.0]]
    image = np.arange(2.0).reshape(1, 1, 2)
    np.testing.assert_array_equal(random_flip(image, rng=RNG(0), p=u), image)


def test_early_stopping_a_tie_is_not_an_improvement() -> None:
    """x__early_stopping: improve only if cost < best - min_delta (strict), min_delta 0 by
    default in the reference.

    Kills x__early_stopping__mutmut_1, x__early_stopping__mutmut_3.
    """
    es = EarlyStopping(patience=2)
    state = es.update(es.init(), 0.5)
    state = es.update(state, 0.5)  # equal to the best: a bad epoch
    assert (state.best_epoch, state.bad_epochs, state.stop) == (0, 1, False)
    es = EarlyStopping(patience=1, min_delta=0.25)
    state = es.update(es.update(es.init(), 1.0), 0.75)  # exactly min_delta lower: no
    assert (state.best_cost, state.best_epoch, state.stop) == (1.0, 0, True)
    state = es.update(es.update(es.init(), 1.0), 0.5)  # more than min_delta lower: yes
    assert (state.best_cost, state.best_epoch, state.stop) == (0.5, 1, False)
    # the reference's own default: any decrease improves
    assert _early_stopping((1, 1.0, 0, 0, False), 0.9, patience=1) == (2, 0.9, 1, 0, False)


def test_penalties_of_float32_weights_are_summed_in_float64() -> None:
    """x__l2_penalty, x__l1_penalty: squares and sums in float64 whatever the weights' dtype.

    Kills x__l2_penalty__mutmut_6, _8, x__l1_penalty__mutmut_5, _7.
    """
    W = np.array([[1e4, 1.0]], dtype=np.float32)  # 1e8 + 1 is not a float32
    assert l2_penalty({"W1": W}, 2.0, 1) == 100_000_001.0
    W = np.array([[1e8, 1.0]], dtype=np.float32)
    assert l1_penalty({"W1": W}, 2.0, 1) == 100_000_001.0
    big = np.array([[3e20]], dtype=np.float32)  # its square overflows float32
    assert l2_penalty({"W1": big}, 2.0, 1) == pytest.approx(float(np.float32(3e20)) ** 2)


def test_the_l1_step_gives_positive_zero() -> None:
    """x__l1_proximal_step: a negative weight thresholded to 0 is +0.0, not -0.0.

    Kills x__l1_proximal_step__mutmut_8.
    """
    new = l1_proximal_step({"W1": np.array([[-0.05, 0.05, 0.0]])}, 1.0, 0.2, 1)["W1"]
    assert new.tolist() == [[0.0, 0.0, 0.0]]
    assert not np.signbit(new).any()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: l1_penalty([1.0], 0.1, 1), TypeError,
         r"^params must be a dict of arrays \(got list\)$"),
        (lambda: l1_proximal_step({"W1": np.ones((1, 1)), "b1": np.array([np.inf])}, 0.1, 0.1, 1),
         ValueError, r"^params\['b1'\] must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: dropout_backward([[np.nan]], [[1.0]], 0.5), ValueError,
         r"^dA must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: dropout_backward([[1.0, 1.0]], [[0.5, 2.0]], 0.5), ValueError,
         r"^mask must contain only 0 and 1 \(got 0\.5\)$"),
        (lambda: fit_normalizer([[np.nan, 1.0]]), ValueError,
         r"^X must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: fit_normalizer([1.0, 2.0]), ValueError, r"^X must be 2-D \(got shape \(2,\)\)$"),
        (lambda: fit_normalizer([[1.0]]), ValueError,
         r"^X must have at least 2 examples \(columns\) to fit a normalizer "
         r"\(got shape \(1, 1\)\)$"),
        (lambda: normalize([[np.nan]], [[0.0]], [[1.0]]), ValueError,
         r"^X must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: normalize([1.0], [[0.0]], [[1.0]]), ValueError,
         r"^X must be 2-D \(got shape \(1,\)\)$"),
        (lambda: normalize([[1.0]], [[np.nan]], [[1.0]]), ValueError,
         r"^mu must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: random_crop(np.zeros((4, 5)), 2, 2, rng=RNG(0)), ValueError,
         r"^images must be 3-D \(got shape \(4, 5\)\)$"),
        (lambda: random_shift(np.zeros((4, 5)), 2, rng=RNG(0)), ValueError,
         r"^images must be 3-D \(got shape \(4, 5\)\)$"),
        (lambda: EarlyStopping(2).update((0, 1.0, 0, 0, False), 1.0), TypeError,  # type: ignore[arg-type]
         r"^state must be an EarlyStoppingState \(got tuple\)$"),
    ],
    ids=["params-type", "params-key", "dA", "mask-first-bad", "fit-finite", "fit-2d",
         "fit-examples", "normalize-finite", "normalize-2d", "mu", "crop-3d", "shift-3d",
         "state"],
)
def test_bad_inputs_raise_the_full_message(call, error, message) -> None:  # type: ignore[no-untyped-def]
    """Each message names the argument and the value it got (the first bad mask entry).

    Kills x__weights__mutmut_3, x_l1_proximal_step__mutmut_22, x_dropout_backward__mutmut_3,
    _6, _7, _8, _37, x_fit_normalizer__mutmut_6, _14, _21, x_normalize__mutmut_3, _6, _7, _9,
    _14, _15, _21, _24, _25, x_random_crop__mutmut_3, _6, x_random_shift__mutmut_4, _7,
    xǁEarlyStoppingǁupdate__mutmut_3.
    """
    with pytest.raises(error, match=message):
        call()
