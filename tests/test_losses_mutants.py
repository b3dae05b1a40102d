"""dlnotes.losses: the properties that ``make mutation MODULE=losses`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlnotes.losses import (
    _softmax_cross_entropy,
    _softmax_cross_entropy_grad,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    mean_squared_error,
    mean_squared_error_grad,
    softmax_cross_entropy,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_COPY = (
    "astype's copy flag only decides whether a target already of the prediction's dtype is "
    "copied; nothing writes to the returned array, so every result is the same"
)
_FALSY = "None is falsy as False is: `if probabilities:` / `if unit_targets:` take the same branch"
_FALLBACK = (
    "the stand-in divisor where x <= 0 or y <= 0 is never used: np.where selects 0 or +inf there"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.losses.x__class_targets__mutmut_34": _COPY,
    "dlnotes.losses.x__class_targets__mutmut_36": _COPY,
    "dlnotes.losses.x__class_targets__mutmut_37": _COPY,
    "dlnotes.losses.x__pair__mutmut_34": _COPY,
    "dlnotes.losses.x__pair__mutmut_36": _COPY,
    "dlnotes.losses.x__pair__mutmut_37": _COPY,
    "dlnotes.losses.x__xdivy__mutmut_15": _FALLBACK,
    "dlnotes.losses.x_binary_cross_entropy_with_logits__mutmut_7": _FALSY,
    "dlnotes.losses.x_binary_cross_entropy_with_logits_grad__mutmut_7": _FALSY,
    "dlnotes.losses.x_mean_squared_error__mutmut_7": _FALSY,
    "dlnotes.losses.x_mean_squared_error__mutmut_8": _FALSY,
    "dlnotes.losses.x_mean_squared_error_grad__mutmut_7": _FALSY,
    "dlnotes.losses.x_mean_squared_error_grad__mutmut_8": _FALSY,
    "dlnotes.losses.x_softmax_cross_entropy_grad__mutmut_16": (
        "s.size / k is the same whole number as s.size // k (k divides the size; sizes are far "
        "below 2**53), and 1.0 / n is the same float for an int or a float n"
    ),
}

REDUCTION_3 = r"^reduction must be one of 'mean', 'sum', 'none' \(got 'avg'\)$"


def test_a_perfect_prediction_costs_plus_zero_not_minus_zero() -> None:
    """The `+ 0.0` that turns −0.0 into 0.0 (x__binary_cross_entropy_1,
    x__softmax_cross_entropy_7)."""
    bce = binary_cross_entropy([1.0, 0.0], [1.0, 0.0], reduction="none")
    np.testing.assert_array_equal(bce, [0.0, 0.0])
    assert not np.signbit(bce).any()
    # log-softmax of (0, −1e4) is (0, −1e4) exactly: the true class costs +0 · ... = 0
    ce = softmax_cross_entropy([[0.0], [-1e4]], [0], reduction="none")
    np.testing.assert_array_equal(ce, [0.0])
    assert not np.signbit(ce).any()


def test_references_default_to_the_class_axis_0() -> None:
    """x__softmax_cross_entropy_1 and _grad_1: the default axis of the chapter's references."""
    S = np.array([[2.0, 0.0], [1.0, 0.0], [0.1, 3.0]])  # 3 classes, 2 examples (columns)
    P = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    q = np.exp(S) / np.exp(S).sum(axis=0)
    np.testing.assert_allclose(_softmax_cross_entropy(S, P), -np.log(q[[0, 2], [0, 1]]))
    np.testing.assert_allclose(_softmax_cross_entropy_grad(S, P), q - P)


def test_the_out_of_range_value_named_is_the_one_outside() -> None:
    """x__in_unit_interval_12: with a 0 at the low end, the bad value named is the high one."""
    with pytest.raises(ValueError, match=r"^y_hat must be in \[0, 1\] \(got 1\.5\)$"):
        binary_cross_entropy([0.0, 1.5], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"^y must be in \[0, 1\] \(got 1\.5\)$"):
        binary_cross_entropy([0.5, 0.5], [0.0, 1.5])


@pytest.mark.parametrize(
    "f",
    [
        binary_cross_entropy_grad,
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_grad,
    ],
)
def test_binary_losses_reject_targets_outside_0_1(f) -> None:  # type: ignore[no-untyped-def]
    """unit_targets=True reaches every binary loss (x_binary_cross_entropy_grad_8, _17,
    x_binary_cross_entropy_with_logits_8, _17)."""
    with pytest.raises(ValueError, match=r"^y must be in \[0, 1\] \(got -0\.5\)$"):
        f([0.5, 0.5], [1.0, -0.5])


def test_squared_error_takes_any_real_target() -> None:
    """Regression targets are not probabilities (x_mean_squared_error_grad_17)."""
    np.testing.assert_allclose(mean_squared_error_grad([1.0, 2.0], [3.0, -2.0]), [-2.0, 4.0])
    assert mean_squared_error([1.0, 2.0], [3.0, -2.0]) == pytest.approx((4 + 16) / 2)


@pytest.mark.parametrize(
    "f", [binary_cross_entropy_with_logits, mean_squared_error], ids=lambda f: f.__name__
)
def test_reduction_is_named_in_its_messages(f) -> None:  # type: ignore[no-untyped-def]
    """x_binary_cross_entropy_with_logits_20, _25, _26, x_mean_squared_error_20, _25, _26."""
    with pytest.raises(ValueError, match=REDUCTION_3):
        f([0.5], [1.0], reduction="avg")
    with pytest.raises(TypeError, match=r"^reduction must be a string, one of 'mean', 'sum', "):
        f([0.5], [1.0], reduction=1)


def test_squared_error_grad_names_y_hat() -> None:
    """x_mean_squared_error_grad_6, _14, _15: the prediction's name in its messages."""
    with pytest.raises(
        ValueError, match=r"^y_hat and y must have the same shape \(got \(2,\) and \(1,\)\)$"
    ):
        mean_squared_error_grad([1.0, 2.0], [1.0])


def test_mean_reduction_divides_the_gradient_by_the_number_of_examples() -> None:
    """Sum against mean: the mean's gradient is the sum's over m (003 §2.7's 1/m)."""
    z, y = np.array([0.0, 2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0, 0.0])
    s = binary_cross_entropy_with_logits_grad(z, y, reduction="sum")
    m = binary_cross_entropy_with_logits_grad(z, y, reduction="mean")
    np.testing.assert_allclose(m, s / 4)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-z)) - y)
    assert math.isclose(
        float(binary_cross_entropy_with_logits(z, y, reduction="sum")),
        4 * float(binary_cross_entropy_with_logits(z, y)),
    )
