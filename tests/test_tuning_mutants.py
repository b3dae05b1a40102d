"""dlnotes.tuning: the properties that ``make mutation MODULE=tuning`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlnotes.tuning import (
    _sample_beta,
    _sample_log_uniform,
    grid_points,
    random_points,
    refine_bounds,
    sample_beta,
    sample_log_uniform,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_FALSY = (
    "low_inclusive / high_inclusive = None is falsy as False is: check_scalar compares strictly "
    "and describes the range with the same bracket either way"
)
_STRICT = (
    "zip's strict flag: the lengths are equal by construction (one log flag per bound is "
    "checked first; lows and highs come from the same array)"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.tuning.x__bounds__mutmut_5": _FALSY,
    "dlnotes.tuning.x__bounds__mutmut_18": _FALSY,
    "dlnotes.tuning.x_sample_beta__mutmut_8": _FALSY,
    "dlnotes.tuning.x_sample_beta__mutmut_24": _FALSY,
    "dlnotes.tuning.x__space__mutmut_46": (
        "low_inclusive=None against `not is_log`: for a log axis both are falsy (> 0); for a "
        "linear axis there is no lower bound to include"
    ),
    "dlnotes.tuning.x__grid_points__mutmut_18": _STRICT,
    "dlnotes.tuning.x__grid_points__mutmut_21": _STRICT,
    "dlnotes.tuning.x__grid_points__mutmut_22": _STRICT,
    "dlnotes.tuning.x__random_points__mutmut_20": _STRICT,
    "dlnotes.tuning.x__random_points__mutmut_23": _STRICT,
    "dlnotes.tuning.x__random_points__mutmut_24": _STRICT,
    "dlnotes.tuning.x__refine_bounds__mutmut_21": _STRICT,
    "dlnotes.tuning.x__refine_bounds__mutmut_24": _STRICT,
    "dlnotes.tuning.x__refine_bounds__mutmut_25": _STRICT,
    "dlnotes.tuning.x__space__mutmut_30": _STRICT,
    "dlnotes.tuning.x__space__mutmut_33": _STRICT,
    "dlnotes.tuning.x__space__mutmut_34": _STRICT,
    "dlnotes.tuning.x__grid_points__mutmut_39": (
        "NumPy reads any negative size in reshape as 'the rest': reshape(-2, d) is reshape(-1, d)"
    ),
    "dlnotes.tuning.x__refine_bounds__mutmut_11": (
        "NumPy reads the sort kind by its first letter, case-insensitively: 'STABLE' is 'stable'"
    ),
}


class EndpointRng:
    """A stand-in generator whose uniform draw is one end of the interval, for the rounding."""

    def __init__(self, end: str) -> None:
        self.end = end

    def uniform(self, low: float, high: float, size: object = None) -> np.ndarray:
        return np.full(() if size is None else size, low if self.end == "low" else high)


def test_log_uniform_samples_stay_inside_the_bounds_despite_rounding() -> None:
    """x__sample_log_uniform_11, _12: 10^log10(0.07) is 0.07 + 1.4e-17 and 10^log10(0.3) is
    0.3 − 5.6e-17 in float64; the clip brings them back to the bounds."""
    assert 10 ** math.log10(0.07) > 0.07 and 10 ** math.log10(0.3) < 0.3
    assert _sample_log_uniform(0.01, 0.07, EndpointRng("high")) == 0.07
    assert _sample_log_uniform(0.3, 0.9, EndpointRng("low")) == 0.3


def test_beta_samples_stay_inside_the_bounds_despite_rounding() -> None:
    """x__sample_beta_15, _16: 1 − (1 − 0.3) is 0.3 + 5.6e-17 and 1 − (1 − 0.1) is
    0.1 − 2.8e-17; the clip brings β back to [low, high]."""
    assert 1 - (1 - 0.3) > 0.3 and 1 - (1 - 0.1) < 0.1
    # β = high where 1 − β = 1 − high, the low end of the log-uniform draw
    assert _sample_beta(0.1, 0.3, EndpointRng("low")) == 0.3
    assert _sample_beta(0.1, 0.3, EndpointRng("high")) == 0.1


def test_a_scalar_sample_is_a_python_float() -> None:
    """x_sample_log_uniform_18, x_sample_beta_49."""
    assert type(sample_log_uniform(1e-4, 1.0, rng=np.random.default_rng(0))) is float
    assert type(sample_beta(rng=np.random.default_rng(0))) is float
    assert sample_beta(rng=np.random.default_rng(0), size=3).shape == (3,)


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (1e-3, -1.0, r"^high must be > 0 \(got -1\.0\)$"),
        (1e-3, 0.0, r"^high must be > 0 \(got 0\.0\)$"),
        (0.1, 0.1, r"^low must be < high, both finite \(got 0\.1 and 0\.1\)$"),
    ],
)
def test_log_uniform_bounds_are_positive_and_ordered(low, high, message) -> None:  # type: ignore[no-untyped-def]
    """x__bounds_17, _21, _22, _26, _29."""
    with pytest.raises(ValueError, match=message):
        sample_log_uniform(low, high, rng=np.random.default_rng(0))


def test_beta_bounds_must_differ() -> None:
    """x_sample_beta_35: low = high is no interval."""
    with pytest.raises(ValueError, match=r"^low must be < high \(got 0\.9 and 0\.9\)$"):
        sample_beta(0.9, 0.9, rng=np.random.default_rng(0))


def test_a_size_of_zero_is_an_empty_sample_and_a_negative_one_is_named() -> None:
    """x__size_5, _8, _9."""
    rng = np.random.default_rng(0)
    assert sample_log_uniform(0.1, 1.0, rng=rng, size=(2, 0)).shape == (2, 0)
    with pytest.raises(ValueError, match=r"^size\[1\] must be >= 0 \(got -1\)$"):
        sample_log_uniform(0.1, 1.0, rng=rng, size=(2, -1))


def test_a_linear_grid_is_evenly_spaced_and_in_row_major_order() -> None:
    """x__grid_points_13, _14, _15, _33: np.linspace(low, high, num), meshgrid with "ij"."""
    got = grid_points([(0.0, 1.0), (10.0, 20.0)], 3)
    expected = [[a, b] for a in (0.0, 0.5, 1.0) for b in (10.0, 15.0, 20.0)]
    np.testing.assert_array_equal(got, expected)


def test_a_linear_axis_may_be_negative_but_must_be_an_interval() -> None:
    """x__space_53 (a negative low is fine on a linear axis), x__space_65 (low = high is not)."""
    np.testing.assert_array_equal(grid_points([(-1.0, 1.0)], 3), [[-1.0], [0.0], [1.0]])
    with pytest.raises(
        ValueError, match=r"^bounds\[0\] must have low < high, finite \(got \(1\.0, 1\.0\)\)$"
    ):
        grid_points([(1.0, 1.0)], 3)


@pytest.mark.parametrize(
    ("bounds", "error", "message"),
    [
        (5, TypeError, r"^bounds must be a non-empty list of \(low, high\) pairs \(got 5\)$"),
        ([], TypeError, r"^bounds must be a non-empty list of \(low, high\) pairs \(got \[\]\)$"),
        ([5], TypeError, r"^bounds\[0\] must be a \(low, high\) pair \(got int\)$"),
    ],
    ids=["int", "empty", "not-a-pair"],
)
def test_bounds_of_the_wrong_kind_are_named(bounds, error, message) -> None:  # type: ignore[no-untyped-def]
    """x__space_1, _38."""
    with pytest.raises(error, match=message):
        grid_points(bounds, 3)
    with pytest.raises(error, match=message):
        random_points(bounds, 3, rng=np.random.default_rng(0))


def test_random_points_takes_one_trial_but_not_zero() -> None:
    """x_random_points_9, _12, _15."""
    assert random_points([(0.0, 1.0)], 1, rng=np.random.default_rng(0)).shape == (1, 1)
    with pytest.raises(ValueError, match=r"^num must be >= 1 \(got 0\)$"):
        random_points([(0.0, 1.0)], 0, rng=np.random.default_rng(0))


def test_refine_bounds_keeps_the_earliest_of_tied_trials() -> None:
    """x__refine_bounds_4, _6: a stable sort, so ties go to the earlier trials (1000 trials
    scored 0 or 1: the 300 best are the first 300 ones, up to trial 553 with this seed)."""
    scores = np.random.default_rng(0).integers(0, 2, 1000).astype(float)
    points = np.arange(1000.0).reshape(-1, 1)
    first_ones = np.flatnonzero(scores == 1.0)[:300]
    assert refine_bounds(points, scores, 300) == [(0.0, float(first_ones[-1]))]


def test_refine_bounds_names_points() -> None:
    """x_refine_bounds_10, _15, _16."""
    with pytest.raises(ValueError, match=r"^points must be 2-D \(got shape \(3,\)\)$"):
        refine_bounds(np.ones(3), np.ones(3), 1)
