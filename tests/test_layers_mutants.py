"""dlnotes.layers: the properties that ``make mutation MODULE=layers`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.layers import (
    _linear_activation_backward,
    activation_backward,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_AXIS_DEFAULT = "_softmax's axis defaults to 0: dropping axis=0 changes nothing"
_KEEPDIMS = "the column sums Σ_k A_k·dA_k of shape (m,) broadcast against (n, m) exactly as (1, m)"
_STRICT = (
    "zip's strict flag: the cache was checked to have 3 entries and the names are 3, so the "
    "lengths always match"
)
_B_UNUSED = "_linear_backward reads A_prev and W from the cache, never b (A_prev, W, _ = cache)"
EQUIVALENT_MUTANTS = {
    "dlnotes.layers.x__activation_backward__mutmut_32": _AXIS_DEFAULT,
    "dlnotes.layers.x__activation_forward__mutmut_27": _AXIS_DEFAULT,
    "dlnotes.layers.x__activation_backward__mutmut_41": _KEEPDIMS,
    "dlnotes.layers.x__activation_backward__mutmut_44": _KEEPDIMS,
    "dlnotes.layers.x__linear_cache__mutmut_14": _STRICT,
    "dlnotes.layers.x__linear_cache__mutmut_17": _STRICT,
    "dlnotes.layers.x__linear_cache__mutmut_25": _STRICT,
    "dlnotes.layers.x__linear_cache__mutmut_28": _B_UNUSED,
    "dlnotes.layers.x_linear_backward__mutmut_22": _B_UNUSED,
}

A_PREV = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])  # n[l−1] = 2, m = 3
W = np.array([[0.5, -1.0], [2.0, 0.25]])
B = np.array([[0.1], [-0.2]])
DA = np.array([[1.0, -0.5, 2.0], [0.3, 0.0, -1.0]])


@pytest.mark.parametrize(
    "activation", ["relu", "tanh", "sigmoid", "leaky_relu", "linear", "softmax"]
)
def test_the_chapter_backward_block_matches_the_public_one(activation: str) -> None:
    """x__linear_activation_backward_1 … _11: the reference the chapter shows (dZ from dA and Z,
    then the linear part) gives the public function's dA_prev, dW, db."""
    _, cache = linear_activation_forward(A_PREV, W, B, activation)
    expected = linear_activation_backward(DA, cache)
    for got, want in zip(_linear_activation_backward(DA, cache), expected, strict=True):
        np.testing.assert_allclose(got, want)


@pytest.mark.parametrize(
    ("cache", "message"),
    [
        ((A_PREV, np.ones(2), B), r"^W must be 2-D \(got shape \(2,\)\)$"),
        ((A_PREV, W, np.zeros(2)), r"^b must be 2-D \(got shape \(2,\)\)$"),
    ],
    ids=["W", "b"],
)
def test_linear_backward_names_the_bad_part_of_its_cache(cache, message) -> None:  # type: ignore[no-untyped-def]
    """x__linear_cache_21 … _24."""
    with pytest.raises(ValueError, match=message):
        linear_backward(np.ones((2, 3)), cache)


def test_a_cache_of_the_wrong_kind_is_named_with_its_type() -> None:
    """x__linear_cache_6, x_linear_activation_backward_8, _11: the messages in full."""
    with pytest.raises(
        TypeError,
        match=r"^cache must be the \(A_prev, W, b\) tuple of linear_forward \(got list\)$",
    ):
        linear_backward(np.ones((2, 3)), [A_PREV, W, B])
    with pytest.raises(
        TypeError,
        match=r"^cache must be the \(linear_cache, Z, activation\) tuple of "
        r"linear_activation_forward \(got list\)$",
    ):
        linear_activation_backward(DA, [1, 2, 3])


def test_activation_backward_names_Z_and_activation() -> None:
    """x_activation_backward_3, _8, _9, _12, _15, _16."""
    with pytest.raises(ValueError, match=r"^Z must be finite \(got 1 NaN or infinite entries\)$"):
        activation_backward(np.ones((1, 3)), [[np.nan, 1.0, 1.0]], "relu")
    with pytest.raises(
        ValueError,
        match=r"^activation must be one of 'relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear', "
        r"'softmax' \(got 'gelu'\)$",
    ):
        activation_backward(np.ones((1, 3)), np.ones((1, 3)), "gelu")
