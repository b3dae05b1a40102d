"""dlnotes.activations: the properties that ``make mutation MODULE=activations`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.activations import (
    _log_softmax,
    _softmax,
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    log_softmax,
    prelu,
    prelu_grad,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_AT_ZERO = (
    "z > 0 against z >= 0 differs only at z = ±0, where both branches give the same signed zero "
    "(alpha ≥ 0: alpha·(±0) and expm1(±0) keep the sign of z)"
)
_CLAMP = (
    "min(z, 0) against min(z, 1) differs only where z > 0, where np.where takes the other "
    "branch; expm1(1) and exp(1) are finite, so no warning either"
)
_COPY = "astype's copy flag: the slope array is only read, never written or returned"
_DEAD = (
    "unreachable: check_scalar already rejects ±inf with the same message "
    "(alpha must be finite (got inf)), which test_an_infinite_slope_is_rejected_naming_alpha checks"
)
_FALSY = "None is falsy as False is: `if finite:` takes the same branch"
EQUIVALENT_MUTANTS = {
    "dlnotes.activations.x__elementwise_input__mutmut_6": _FALSY,
    "dlnotes.activations.x__elu__mutmut_7": _AT_ZERO,
    "dlnotes.activations.x__elu__mutmut_15": _CLAMP,
    "dlnotes.activations.x__elu_grad__mutmut_16": _CLAMP,
    "dlnotes.activations.x__leaky_relu__mutmut_7": _AT_ZERO,
    "dlnotes.activations.x__leaky_relu_grad__mutmut_11": "alpha * 1 and alpha / 1 are equal",
    "dlnotes.activations.x__prelu_alpha__mutmut_12": _COPY,
    "dlnotes.activations.x__prelu_alpha__mutmut_14": _COPY,
    "dlnotes.activations.x__prelu_alpha__mutmut_21": _COPY,
    "dlnotes.activations.x__prelu_alpha__mutmut_28": "None is falsy as False is: `if not fits`",
    "dlnotes.activations.x__prelu_alpha__mutmut_9": _DEAD,
    "dlnotes.activations.x__slope__mutmut_12": _DEAD,
    "dlnotes.activations.x__sigmoid__mutmut_11": (
        "at z = 0 both forms give 1/(1 + 1) = e/(1 + e) = 0.5 exactly, since e = exp(-0) = 1"
    ),
}


def test_references_default_to_the_class_axis_0() -> None:
    """x__softmax_1, x__log_softmax_1: the chapter's references take columns by default."""
    z = np.array([[1.0, 0.0, 5.0], [2.0, 0.0, -1.0]])  # 2 classes, 3 examples
    expected = np.exp(z) / np.exp(z).sum(axis=0)
    np.testing.assert_allclose(_softmax(z), expected)
    np.testing.assert_allclose(_log_softmax(z), np.log(expected))


def test_log_softmax_rejects_a_0d_input_naming_z() -> None:
    """x_log_softmax_8: min_ndim=1, as softmax: a distribution needs a class axis."""
    with pytest.raises(
        ValueError, match=r"^z must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        log_softmax(1.0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: leaky_relu([1.0, -1.0], alpha=np.inf),
        lambda: leaky_relu_grad([1.0, -1.0], alpha=np.inf),
        lambda: elu([1.0, -1.0], alpha=np.inf),
        lambda: elu_grad([1.0, -1.0], alpha=np.inf),
        lambda: prelu([1.0, -1.0], alpha=np.inf),
        lambda: prelu_grad([1.0, -1.0], alpha=np.inf),
    ],
    ids=["leaky_relu", "leaky_relu_grad", "elu", "elu_grad", "prelu", "prelu_grad"],
)
def test_an_infinite_slope_is_rejected_naming_alpha(call) -> None:  # type: ignore[no-untyped-def]
    """x__slope_12, x__prelu_alpha_9: the message, not only the ValueError."""
    with pytest.raises(ValueError, match=r"^alpha must be finite \(got inf\)$"):
        call()


def test_a_misshaped_prelu_slope_is_told_the_shape_per_unit() -> None:
    """x__prelu_alpha_32 … _35: the suggested shape is (units, 1), or (1, 1) for a 0-d z."""
    with pytest.raises(
        ValueError,
        match=r"^alpha must broadcast to the shape of z \(3, 4\), e\.g\. one slope per unit of "
        r"shape \(3, 1\) \(got shape \(4, 1\)\)$",
    ):
        prelu(np.ones((3, 4)), alpha=np.ones((4, 1)))
    with pytest.raises(
        ValueError,
        match=r"^alpha must broadcast to the shape of z \(\), e\.g\. one slope per unit of "
        r"shape \(1, 1\) \(got shape \(2,\)\)$",
    ):
        prelu(0.5, alpha=[1.0, 2.0])
