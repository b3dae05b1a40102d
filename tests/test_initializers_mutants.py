"""dlnotes.initializers: the properties that ``make mutation MODULE=initializers`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.initializers import initialize_parameters, weight_std

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
EQUIVALENT_MUTANTS = {
    "dlnotes.initializers.x__scale__mutmut_5": (
        "low_inclusive=None is falsy as False is: check_scalar tests v > low and describes the "
        "range as '> 0' either way"
    ),
    "dlnotes.initializers.x__scale__mutmut_16": (
        "unreachable: check_scalar already rejects ±inf with the same message (scale must be "
        "finite (got inf)), which test_an_infinite_scale_is_rejected_naming_scale checks"
    ),
}


def test_the_default_method_is_he() -> None:
    """x_initialize_parameters_1, _2: the default "he" (notes 004), same draws as asked by name."""
    default = initialize_parameters([5, 3, 1], rng=np.random.default_rng(7))
    he = initialize_parameters([5, 3, 1], "he", rng=np.random.default_rng(7))
    assert default.keys() == he.keys()
    for key in he:
        np.testing.assert_array_equal(default[key], he[key])
    # and He's σ = √(2/n[l−1]): the same standard normal draws times √(2/5)
    z = np.random.default_rng(7).standard_normal((3, 5))
    np.testing.assert_allclose(default["W1"], z * np.sqrt(2 / 5))


def test_a_missing_generator_is_explained_in_full() -> None:
    """x_initialize_parameters_20: the message says how to make one."""
    with pytest.raises(
        TypeError,
        match=r"^rng is required for method 'he': pass a numpy\.random\.Generator, "
        r"e\.g\. rng=np\.random\.default_rng\(0\) \(got None\)$",
    ):
        initialize_parameters([2, 3])


def test_an_infinite_scale_is_rejected_naming_scale() -> None:
    """x__scale_16: the message, not only the ValueError, in both public functions."""
    with pytest.raises(ValueError, match=r"^scale must be finite \(got inf\)$"):
        initialize_parameters([2, 3], "random", rng=np.random.default_rng(0), scale=np.inf)
    with pytest.raises(ValueError, match=r"^scale must be finite \(got inf\)$"):
        weight_std("random", 2, 3, scale=np.inf)
