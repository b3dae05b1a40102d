"""dlnotes.optimizers: the properties that ``make mutation MODULE=optimizers`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.optimizers import (
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    RMSprop,
    _exponentially_weighted_average,
    clip_by_value,
    exponentially_weighted_average,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_FALSY = (
    "low_inclusive / high_inclusive = None is falsy as False is: check_scalar compares strictly "
    "and describes the range with the same bracket either way"
)
_COPY = (
    "astype's copy flag only decides whether an array already of the parameter's dtype is "
    "copied; the references never write to it, so every result is the same"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.optimizers.x__beta__mutmut_5": _FALSY,
    "dlnotes.optimizers.x__lr__mutmut_4": _FALSY,
    "dlnotes.optimizers.x_clip_by_global_norm__mutmut_5": _FALSY,
    "dlnotes.optimizers.x_clip_by_value__mutmut_5": _FALSY,
    "dlnotes.optimizers.x_exponentially_weighted_average__mutmut_28": _FALSY,
    "dlnotes.optimizers.x__check__mutmut_37": _COPY,
    "dlnotes.optimizers.x__check__mutmut_39": _COPY,
    "dlnotes.optimizers.x__check__mutmut_44": _COPY,
    "dlnotes.optimizers.x__check__mutmut_46": _COPY,
    "dlnotes.optimizers.x__check__mutmut_48": _COPY,
    "dlnotes.optimizers.x__check__mutmut_51": (
        "finite=None is falsy as False is: the state's moments are not scanned either way"
    ),
    "dlnotes.optimizers.x__check__mutmut_56": _COPY,
    "dlnotes.optimizers.x__exponentially_weighted_average__mutmut_5": (
        "np.zeros_like(None) is a 0-d float zero; the first step β·0 + (1 − β)·θ_1 gives the "
        "same array of the values' dtype as from np.zeros_like(values[0]) (bit for bit, "
        "test_a_float32_average_is_computed_in_float32)"
    ),
    "dlnotes.optimizers.x__exponentially_weighted_average__mutmut_33": (
        "NumPy reads any negative size in reshape as 'the rest': reshape(-2, ...) is "
        "reshape(-1, ...)"
    ),
    "dlnotes.optimizers.x_exponentially_weighted_average__mutmut_12": (
        "ndim >= 2 for ndim > 2 only adds check_ndim(theta, 'values', 2) for a 2-D array, "
        "which passes: the same arrays are accepted and the same error raised"
    ),
}


def one_step(optimizer, g: float) -> float:  # type: ignore[no-untyped-def]
    params = {"W": np.array([1.0])}
    new, _ = optimizer.update(params, {"W": np.array([g])}, optimizer.init(params))
    return float(new["W"][0])


def test_the_default_epsilons_and_adams_default_rate_are_the_papers() -> None:
    """xǁAdaGradǁ__init___1, xǁRMSpropǁ__init___2, xǁAdamǁ__init___1, _4: ε = 1e-8 and
    Adam's α = 0.001 (Kingma & Ba; PyTorch's defaults). With g = 1e-4, g² = 1e-8 = ε, so ε
    shows in the first step: Δθ = α·g/√(g² + ε) = α/√2 for AdaGrad."""
    g = 1e-4
    assert one_step(AdaGrad(lr=0.1), g) == pytest.approx(1 - 0.1 * g / np.sqrt(g**2 + 1e-8))
    # RMSprop: S = (1 − β)·g² after one step
    s = 0.1 * g**2
    assert one_step(RMSprop(lr=0.1), g) == pytest.approx(1 - 0.1 * g / np.sqrt(s + 1e-8))
    # Adam: m̂ = g and v̂ = g² after one step, so Δθ = α·g/(|g| + ε)
    assert one_step(Adam(), 0.5) == pytest.approx(1 - 0.001 * 0.5 / (0.5 + 1e-8))
    assert one_step(Adam(), g) == pytest.approx(1 - 0.001 * g / (g + 1e-8))


def test_the_reference_average_is_not_bias_corrected_by_default() -> None:
    """x__exponentially_weighted_average_1: v_t = β·v_{t−1} + (1 − β)·θ_t from v_0 = 0."""
    values = np.array([1.0, 1.0, 1.0])
    np.testing.assert_allclose(_exponentially_weighted_average(values, 0.9), [0.1, 0.19, 0.271])
    np.testing.assert_allclose(exponentially_weighted_average(values, 0.9), [0.1, 0.19, 0.271])


def test_a_float32_average_is_computed_in_float32() -> None:
    """Every step rounds to float32, as a float32 loop does (v_0 = 0 adopts the values' dtype)."""
    values = np.random.default_rng(0).normal(size=50).astype(np.float32)
    expected = np.zeros_like(values)
    v = np.float32(0.0)
    for t, theta in enumerate(values):
        v = np.float32(0.9) * v + np.float32(1 - 0.9) * theta
        expected[t] = v
    got = _exponentially_weighted_average(values, 0.9)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    np.testing.assert_array_equal(got, exponentially_weighted_average(values, 0.9))


def test_the_average_takes_k_series_as_columns_but_not_a_number() -> None:
    """x_exponentially_weighted_average_8: 1-D or 2-D (time on axis 0), not 0-D."""
    np.testing.assert_allclose(
        exponentially_weighted_average(np.ones((3, 2)), 0.9),
        [[0.1, 0.1], [0.19, 0.19], [0.271, 0.271]],
    )
    with pytest.raises(
        ValueError, match=r"^values must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        exponentially_weighted_average(1.0, 0.9)


def test_dicts_of_the_wrong_kind_and_bad_entries_are_named() -> None:
    """x__grads_3, x__params_2, _3, _5."""
    with pytest.raises(TypeError, match=r"^grads must be a dict of arrays \(got list\)$"):
        clip_by_value([1], 1.0)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        SGD(0.1).init([1])
    with pytest.raises(
        ValueError, match=r"^params\['W'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        SGD(0.1).init({"W": np.array([np.nan])})


def test_the_state_moments_are_the_optimizers_own_and_not_scanned() -> None:
    """x__check_54, _55: an infinite moment (which the optimizer itself can reach) is used as
    it is, not rejected as params and grads are: one pass over params and grads only."""
    optimizer, params = Momentum(0.1), {"W": np.array([1.0])}
    state = optimizer.init(params)._replace(v={"W": np.array([np.inf])})
    new, new_state = optimizer.update(params, {"W": np.array([1.0])}, state)
    assert new["W"][0] == -np.inf and new_state.v["W"][0] == np.inf


def test_a_moment_of_the_wrong_kind_is_named_by_its_place_in_the_state() -> None:
    """x__check_50, _58."""
    optimizer, params = Momentum(0.1), {"W": np.array([1.0])}
    state = optimizer.init(params)._replace(v={"W": np.array(["a"])})
    with pytest.raises(
        TypeError, match=r"^state\.v\['W'\] must be an array of real numbers \(got dtype <U1\)$"
    ):
        optimizer.update(params, {"W": np.array([1.0])}, state)
