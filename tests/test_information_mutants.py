"""dlnotes.information: the properties that ``make mutation MODULE=information`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlnotes.information import (
    _cross_entropy,
    _entropy,
    _js_divergence,
    _kl_divergence,
    conditional_entropy,
    cross_entropy,
    entropy,
    joint_entropy,
    js_divergence,
    kl_divergence,
    mutual_information,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_KEEPDIMS = (
    "the marginal p(y) of shape (ny,) broadcasts against the (nx, ny) table exactly as (1, ny)"
)
_XLOGY_FALLBACK = (
    "the stand-in value for log's argument where x <= 0 or y <= 0 is never used: np.where "
    "selects 0 or -inf there, and log(2) raises no warning either"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.information.x__conditional_entropy__mutmut_7": _KEEPDIMS,
    "dlnotes.information.x__conditional_entropy__mutmut_9": _KEEPDIMS,
    "dlnotes.information.x__mutual_information__mutmut_16": _KEEPDIMS,
    "dlnotes.information.x__mutual_information__mutmut_18": _KEEPDIMS,
    "dlnotes.information.x__xlogy__mutmut_15": _XLOGY_FALLBACK,
}

LN2 = math.log(2)
# A joint table with H(X, Y), H(X|Y) and I(X; Y) all different and non-zero (rows x, columns y).
PXY = np.array([[0.25, 0.25], [0.5, 0.0]])
# By hand: H(X, Y) = −(2·¼·ln ¼ + ½·ln ½) = 1.5·ln 2; p(y) = (¾, ¼);
# H(X|Y) = H(X, Y) − H(Y) with H(Y) = −(¾ ln ¾ + ¼ ln ¼); I = H(X) − H(X|Y), H(X) = ln 2.
H_XY = 1.5 * LN2
H_Y = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
H_X_GIVEN_Y = H_XY - H_Y
I_XY = LN2 - H_X_GIVEN_Y


def test_every_function_gives_bits_with_base_2() -> None:
    """base reaches the result of each function (x_*_mutmut: b = None, check_base(None), ...)."""
    p, q = [0.5, 0.25, 0.25], [0.25, 0.25, 0.5]
    # H(p) = 1.5 bits; H(p, q) = ½·2 + ¼·2 + ¼·1 = 1.75 bits; KL = H(p, q) − H(p) = 0.25 bit
    assert entropy(p, base=2) == pytest.approx(1.5)
    assert cross_entropy(p, q, base=2) == pytest.approx(1.75)
    assert kl_divergence(p, q, base=2) == pytest.approx(0.25)
    assert js_divergence(p, q, base=2) == pytest.approx(js_divergence(p, q) / LN2)
    assert joint_entropy(PXY, base=2) == pytest.approx(1.5)
    assert conditional_entropy(PXY, base=2) == pytest.approx(H_X_GIVEN_Y / LN2)
    assert mutual_information(PXY, base=2) == pytest.approx(I_XY / LN2)
    # and in nats, the same values times ln 2
    assert joint_entropy(PXY) == pytest.approx(H_XY)
    assert conditional_entropy(PXY) == pytest.approx(H_X_GIVEN_Y)
    assert mutual_information(PXY) == pytest.approx(I_XY)


@pytest.mark.parametrize(
    "call",
    [
        lambda base: cross_entropy([0.5, 0.5], [0.5, 0.5], base=base),
        lambda base: js_divergence([0.5, 0.5], [0.5, 0.5], base=base),
        lambda base: joint_entropy(PXY, base=base),
        lambda base: conditional_entropy(PXY, base=base),
        lambda base: mutual_information(PXY, base=base),
    ],
    ids=["cross_entropy", "js_divergence", "joint_entropy", "conditional_entropy", "mutual_info"],
)
def test_every_function_rejects_base_1_naming_it(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"^base must be > 0, finite and not 1 \(got 1\.0\)$"):
        call(1)


def test_axis_1_reaches_entropy_and_cross_entropy() -> None:
    """x_entropy__mutmut_20, x_cross_entropy__mutmut_20: the axis argument dropped."""
    rows = np.array([[0.5, 0.5], [0.9, 0.1]])  # each row a distribution; the columns are not
    q = np.array([[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_allclose(
        entropy(rows, axis=1), [LN2, -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))]
    )
    expected = [-(0.5 * math.log(0.25) + 0.5 * math.log(0.75)), LN2]
    np.testing.assert_allclose(cross_entropy(rows, q, axis=1), expected)


def test_references_default_to_the_outcome_axis_0() -> None:
    """The chapter's reference helpers, like the public functions, take columns by default."""
    p = np.array([[0.5, 0.9], [0.5, 0.1]])  # columns are distributions
    q = np.array([[0.25, 0.5], [0.75, 0.5]])
    np.testing.assert_allclose(_entropy(p), entropy(p))
    np.testing.assert_allclose(_cross_entropy(p, q), cross_entropy(p, q))
    np.testing.assert_allclose(_kl_divergence(p, q), kl_divergence(p, q))
    np.testing.assert_allclose(_js_divergence(p, q), js_divergence(p, q))


def test_a_certain_outcome_gives_plus_zero_not_minus_zero() -> None:
    """The `+ 0.0` that turns −0.0 into 0.0 (x__entropy, x__cross_entropy, x__joint_entropy)."""
    for value in (
        entropy([1.0, 0.0]),
        cross_entropy([1.0, 0.0], [1.0, 0.0]),
        joint_entropy([[1.0, 0.0], [0.0, 0.0]]),
    ):
        assert value == 0.0
        assert not np.signbit(value)


def test_js_of_disjoint_supports_is_clipped_to_exactly_ln2() -> None:
    """Summed in float64 these give ln 2 + 1.1e-16; the clip keeps JS ≤ ln 2 (x__js_divergence)."""
    p, q = [0.1, 0.9, 0.0, 0.0], [0.0, 0.0, 0.2, 0.8]
    assert js_divergence(p, q) == np.log(2)
    assert js_divergence(p, q, base=2) == 1.0


def test_js_of_nearly_equal_distributions_is_clipped_to_zero_not_below() -> None:
    """Summed in float64 these give −6.2e-17; the clip keeps JS ≥ 0 (x__js_divergence)."""
    assert js_divergence([0.1, 0.9], [0.100000001, 0.899999999]) == 0.0
