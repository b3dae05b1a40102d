"""dlnotes.batchnorm: the properties that ``make mutation MODULE=batchnorm`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.batchnorm import (
    _batchnorm_forward,
    _batchnorm_inference,
    _update_running_stats,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    update_running_stats,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_FALSY = (
    "low_inclusive / high_inclusive = None is falsy as False is: check_scalar compares strictly "
    "and describes the range with the same bracket either way"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.batchnorm.x__eps__mutmut_4": _FALSY,
    "dlnotes.batchnorm.x_update_running_stats__mutmut_33": _FALSY,
}

# A batch whose first unit has a variance (1e-6) comparable to ε = 1e-5: ε shows in the result.
Z = np.array([[1.0, 1.002, 0.999, 1.001], [0.0, 2.0, -1.0, 1.0]])
GAMMA, BETA = np.array([[2.0], [0.5]]), np.array([[0.1], [-0.3]])


def test_the_references_default_to_pytorchs_eps_and_the_notes_beta() -> None:
    """x__batchnorm_forward_1, x__batchnorm_inference_1, x__update_running_stats_1: ε = 1e-5
    (PyTorch's BatchNorm1d) and β = 0.9 (this site's choice, as the public functions)."""
    Z_tilde, cache = _batchnorm_forward(Z, GAMMA, BETA)
    public, bn_cache = batchnorm_forward(Z, GAMMA, BETA)
    np.testing.assert_allclose(Z_tilde, public)
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    np.testing.assert_allclose(Z_tilde, GAMMA * (Z - mu) / np.sqrt(var + 1e-5) + BETA)
    mean, variance = _update_running_stats(np.zeros((2, 1)), np.ones((2, 1)), cache)
    np.testing.assert_allclose(mean, 0.1 * mu)
    np.testing.assert_allclose(variance, 0.9 + 0.1 * var)
    for got, want in zip(
        (mean, variance),
        update_running_stats(np.zeros((2, 1)), np.ones((2, 1)), bn_cache),
        strict=True,
    ):
        np.testing.assert_allclose(got, want)
    inferred = _batchnorm_inference(Z, GAMMA, BETA, mu, var)
    np.testing.assert_allclose(inferred, public)
    np.testing.assert_allclose(batchnorm_inference(Z, GAMMA, BETA, mu, var), public)


@pytest.mark.parametrize(
    ("Z_big", "message"),
    [
        ([[1e308, 1e308], [1.0, 2.0]], r"^Z is too large: the sum of a row overflows$"),
        (
            [[1e200, -1e200], [1.0, 2.0]],
            r"^Z is too large: the sum of the squares of a row overflows$",
        ),
    ],
    ids=["sum", "squares"],
)
def test_an_overflowing_batch_is_named_in_full(Z_big, message) -> None:  # type: ignore[no-untyped-def]
    """x_batchnorm_forward_61, _67."""
    with pytest.raises(ValueError, match=message):
        batchnorm_forward(Z_big, GAMMA, BETA)


def test_an_overflowing_gradient_and_a_wrong_cache_are_named_in_full() -> None:
    """x_batchnorm_backward_32, x__check_cache_3."""
    _, cache = batchnorm_forward(np.array([[1.0, 2.0], [1.0, 3.0]]), GAMMA, BETA)
    with pytest.raises(ValueError, match=r"^dZ_tilde is too large: the sum of a row overflows$"):
        batchnorm_backward(np.array([[1e308, 1e308], [1.0, 2.0]]), cache)
    with pytest.raises(
        TypeError,
        match=r"^cache must be the BatchNormCache from batchnorm_forward \(got tuple\)$",
    ):
        batchnorm_backward(np.ones((2, 2)), tuple(cache))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.ones(2), GAMMA, BETA), r"^Z must be 2-D \(got shape \(2,\)\)$"),
        (
            ([[np.nan, 1.0], [1.0, 1.0]], GAMMA, BETA),
            r"^Z must be finite \(got 1 NaN or infinite entries\)$",
        ),
        ((np.ones((2, 2)), np.ones(2), BETA), r"^gamma must have shape \(2, 1\) \(got \(2,\)\)$"),
        ((np.ones((2, 2)), GAMMA, np.ones(2)), r"^beta must have shape \(2, 1\) \(got \(2,\)\)$"),
    ],
    ids=["Z-1-D", "Z-NaN", "gamma", "beta"],
)
def test_inference_names_its_bad_argument(args, message) -> None:  # type: ignore[no-untyped-def]
    """x_batchnorm_inference_3 … _35."""
    with pytest.raises(ValueError, match=message):
        batchnorm_inference(*args, np.zeros((2, 1)), np.ones((2, 1)))


def test_update_running_stats_names_running_var() -> None:
    """x_update_running_stats_17, _22, _23."""
    _, cache = batchnorm_forward(Z, GAMMA, BETA)
    with pytest.raises(ValueError, match=r"^running_var must have shape \(2, 1\) \(got \(2,\)\)$"):
        update_running_stats(np.zeros((2, 1)), np.ones(2), cache)
