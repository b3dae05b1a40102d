"""dlnotes.gradcheck: the properties that ``make mutation MODULE=gradcheck`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.gradcheck import (
    _one_sided_difference,
    numerical_gradient,
    one_sided_difference,
    params_to_vector,
    vector_to_params,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_FLOAT64 = "astype(None) is astype(np.float64)"
_COPY = "astype's copy flag on an array just computed, which nothing else holds"
_RESHAPE = "NumPy reads any negative size in reshape as 'the rest': reshape(-2) is reshape(-1)"
_STRICT = "zip's strict flag: np.split made one piece per spec entry, so the lengths match"
EQUIVALENT_MUTANTS = {
    "dlnotes.gradcheck.x__evaluate__mutmut_8": (
        "'X' is no NumPy dtype kind, so `kind not in 'XXbiufXX'` is `kind not in 'biuf'`"
    ),
    "dlnotes.gradcheck.x__point_and_step__mutmut_12": (
        "low_inclusive=None is falsy as False is: check_scalar tests eps > 0 and says '> 0'"
    ),
    "dlnotes.gradcheck.x__point_and_step__mutmut_23": (
        "unreachable: check_scalar already rejects ±inf with the same message (eps must be "
        "finite (got inf)), which tests/test_gradcheck.py checks"
    ),
    "dlnotes.gradcheck.x__point_and_step__mutmut_24": _FLOAT64,
    "dlnotes.gradcheck.x_gradient_check__mutmut_44": _FLOAT64,
    "dlnotes.gradcheck.x_relative_difference__mutmut_2": _FLOAT64,
    "dlnotes.gradcheck.x_relative_difference__mutmut_10": _FLOAT64,
    "dlnotes.gradcheck.x_numerical_gradient__mutmut_10": _COPY,
    "dlnotes.gradcheck.x_numerical_gradient__mutmut_12": _COPY,
    "dlnotes.gradcheck.x_numerical_gradient__mutmut_19": _COPY,
    "dlnotes.gradcheck.x_one_sided_difference__mutmut_10": _COPY,
    "dlnotes.gradcheck.x_one_sided_difference__mutmut_12": _COPY,
    "dlnotes.gradcheck.x_one_sided_difference__mutmut_19": _COPY,
    "dlnotes.gradcheck.x__params_to_vector__mutmut_12": _RESHAPE,
    "dlnotes.gradcheck.x__params_to_vector__mutmut_14": _RESHAPE,
    "dlnotes.gradcheck.x__vector_to_params__mutmut_12": _RESHAPE,
    "dlnotes.gradcheck.x__vector_to_params__mutmut_10": (
        "theta.reshape(None) keeps theta's shape, (n,) or (n, 1) as checked; np.split cuts "
        "along axis 0 either way and each piece is reshaped to its spec shape"
    ),
    "dlnotes.gradcheck.x__vector_to_params__mutmut_19": _STRICT,
    "dlnotes.gradcheck.x__vector_to_params__mutmut_22": _STRICT,
    "dlnotes.gradcheck.x__vector_to_params__mutmut_23": _STRICT,
}


def square(x: np.ndarray) -> float:
    return float(np.sum(x**2))


def test_the_one_sided_difference_steps_by_1e_7_by_default() -> None:
    """x__one_sided_difference_1, x_one_sided_difference_1: J = x² at 1 gives
    ((1 + ε)² − 1)/ε = 2 + ε, so the default ε = 1e-7 shows as 2.0000001 (notes 000 §1.12)."""
    for f in (one_sided_difference, _one_sided_difference):
        np.testing.assert_allclose(f(square, np.array([1.0])), [2.0 + 1e-7], rtol=1e-9)


def test_the_one_sided_difference_keeps_float32() -> None:
    """x_one_sided_difference_9: differenced in float64, returned in the dtype of x."""
    x = np.array([1.0, -2.0], dtype=np.float32)
    assert one_sided_difference(square, x).dtype == np.float32
    assert numerical_gradient(square, x).dtype == np.float32


def test_a_function_that_is_not_callable_is_named_with_its_type() -> None:
    """x__check_function_4."""
    with pytest.raises(
        TypeError, match=r"^f must be callable, mapping an array to a float \(got int\)$"
    ):
        numerical_gradient(5, np.ones(2))


def test_bad_params_and_specs_are_named_in_full() -> None:
    """x__check_spec_6, _8, x__parameter_arrays_7, _12, x_vector_to_params_8."""
    with pytest.raises(
        TypeError,
        match=r"^spec must be a non-empty tuple of \(key, shape\) pairs from params_to_vector "
        r"\(got list\)$",
    ):
        vector_to_params(np.ones(2), [("W", (2,))])
    with pytest.raises(ValueError, match=r"^params must not be empty \(got an empty dict\)$"):
        params_to_vector({})
    with pytest.raises(TypeError, match=r"^params keys must be str \(got int 1\)$"):
        params_to_vector({1: np.ones(2)})
    with pytest.raises(
        ValueError, match=r"^theta must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        vector_to_params(1.0, (("W", (1,)),))
