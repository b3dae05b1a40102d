"""dlnotes.regularization: the properties that ``make mutation MODULE=regularization`` found
untested (so far: the bounds of the image augmentations).

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.regularization import crop, random_crop, random_shift, shift

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
EQUIVALENT_MUTANTS: dict[str, str] = {}

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
