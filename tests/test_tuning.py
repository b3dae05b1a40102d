"""dlnotes.tuning: log-scale sampling, grid vs random search, coarse to fine, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from dlnotes.tuning import (
    _sample_beta,
    _sample_log_uniform,
    grid_points,
    random_points,
    refine_bounds,
    sample_beta,
    sample_log_uniform,
)


def test_log_uniform_matches_the_notes_recipe_r_equals_minus_4_rand() -> None:
    # notes 000 §3.2 / 002: r = −4·np.random.rand(); α = 10^r, so log10 α ~ U[−4, 0]
    alpha = sample_log_uniform(1e-4, 1.0, rng=np.random.default_rng(0), size=20_000)
    assert alpha.min() >= 1e-4 and alpha.max() <= 1.0
    assert stats.kstest(np.log10(alpha), stats.uniform(loc=-4, scale=4).cdf).pvalue > 1e-3
    # each decade gets a quarter of the samples; uniform sampling would put 90 % above 0.1
    assert abs(np.mean(alpha > 0.1) - 0.25) < 0.02


def test_log_uniform_equals_scipy_loguniform_in_distribution() -> None:
    samples = sample_log_uniform(1e-3, 10.0, rng=np.random.default_rng(1), size=20_000)
    assert stats.kstest(samples, stats.loguniform(1e-3, 10.0).cdf).pvalue > 1e-3


def test_scalar_size_none_gives_a_float() -> None:
    x = sample_log_uniform(1e-4, 1.0, rng=np.random.default_rng(0))
    b = sample_beta(rng=np.random.default_rng(0))
    assert isinstance(x, float) and 1e-4 <= x <= 1.0
    assert isinstance(b, float) and 0.9 <= b <= 0.999


def test_beta_is_sampled_with_one_minus_beta_log_uniform_on_minus_3_minus_1() -> None:
    # notes 000 §3.2 (errata 5): 1 − β = 10^r with r in [−3, −1] for β in [0.9, 0.999]
    beta = sample_beta(0.9, 0.999, rng=np.random.default_rng(2), size=20_000)
    r = np.log10(1 - beta)
    assert r.min() >= -3 - 1e-12 and r.max() <= -1 + 1e-12
    assert stats.kstest(r, stats.uniform(loc=-3, scale=2).cdf).pvalue > 1e-3
    # half of the samples in [0.99, 0.999], where uniform sampling would put 10 %
    assert abs(np.mean(beta > 0.99) - 0.5) < 0.02


@given(lo=st.floats(1e-8, 1e3), ratio=st.floats(1.001, 1e6), seed=st.integers(0, 1000))
def test_log_uniform_stays_in_bounds(lo: float, ratio: float, seed: int) -> None:
    x = sample_log_uniform(lo, lo * ratio, rng=np.random.default_rng(seed), size=50)
    assert np.all((x >= lo) & (x <= lo * ratio))


def test_grid_of_5_by_5_tries_5_alphas_random_tries_25() -> None:
    # notes 000 §3.1: a 5 × 5 grid over (α, ε) tries only 5 values of α
    grid = grid_points([(1e-4, 1.0), (1e-8, 1e-6)], 5, log=[True, True])
    rand = random_points([(1e-4, 1.0), (1e-8, 1e-6)], 25, rng=np.random.default_rng(0),
                         log=[True, True])
    assert grid.shape == rand.shape == (25, 2)
    assert len(np.unique(grid[:, 0])) == 5 and len(np.unique(rand[:, 0])) == 25
    np.testing.assert_allclose(np.unique(grid[:, 0]), [1e-4, 1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12)


def test_random_search_finds_a_better_important_hyperparameter_on_average() -> None:
    # score depends on α only (ε hardly matters): best α of 25 random trials beats the grid's
    def score(points: np.ndarray) -> np.ndarray:
        return -np.abs(np.log10(points[:, 0]) + 2.3)  # optimum α = 10^−2.3, off the grid

    grid_best = score(grid_points([(1e-4, 1.0), (0.0, 1.0)], 5, log=[True, False])).max()
    wins = 0
    for seed in range(50):
        pts = random_points([(1e-4, 1.0), (0.0, 1.0)], 25, rng=np.random.default_rng(seed),
                            log=[True, False])
        wins += score(pts).max() > grid_best
    assert wins >= 40


def test_refine_bounds_shrinks_to_the_best_region() -> None:
    rng = np.random.default_rng(3)
    pts = random_points([(0.0, 1.0), (0.0, 1.0)], 200, rng=rng)
    scores = -np.sum((pts - 0.3) ** 2, axis=1)
    (a0, b0), (a1, b1) = refine_bounds(pts, scores, 10)
    assert a0 < 0.3 < b0 and a1 < 0.3 < b1 and b0 - a0 < 0.3 and b1 - a1 < 0.3
    (c0, d0), _ = refine_bounds(pts, -scores, 10, maximize=False)
    assert (c0, d0) == (a0, b0)


R = np.random.default_rng(0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sample_log_uniform(0.0, 1.0, rng=np.random.default_rng(0)), ValueError,
         r"low must be > 0 \(got 0.0\)"),
        (lambda: sample_log_uniform(1.0, 0.1, rng=np.random.default_rng(0)), ValueError,
         r"low must be < high"),
        (lambda: sample_log_uniform(1e-4, 1.0, rng=0), TypeError, r"rng must be a numpy"),
        (lambda: sample_beta(0.9, 1.0, rng=np.random.default_rng(0)), ValueError,
         r"high must be in \[0, 1\) \(got 1.0\)"),
        (lambda: sample_beta(0.99, 0.9, rng=np.random.default_rng(0)), ValueError,
         r"low must be < high \(got 0.99 and 0.9\)"),
        (lambda: grid_points([(0.0, 1.0)], 0), ValueError, r"num must be >= 1"),
        (lambda: grid_points([(0.0, 1.0)], 3, log=[True]), ValueError,
         r"bounds\[0\]\[0\] must be > 0"),
        (lambda: grid_points([(1.0, 0.0)], 3), ValueError, r"bounds\[0\] must have low < high"),
        (lambda: grid_points([(0.0, 1.0)], 3, log=[True, False]), ValueError,
         r"log must have one flag per bound"),
        (lambda: grid_points([(0.0, 1.0, 2.0)], 3), ValueError, r"bounds\[0\] must be a"),
        (lambda: grid_points("ab", 3), TypeError, r"bounds must be a non-empty list"),
        (lambda: random_points([(0.0, 1.0)], 3, rng=None), TypeError, r"rng must be"),
        (lambda: refine_bounds(np.ones((3, 2)), np.ones(2), 2), ValueError,
         r"scores must have shape \(3,\)"),
        (lambda: refine_bounds(np.eye(3), np.ones(3), 1), ValueError, r"top_k must be in \[2, 3\]"),
        (lambda: refine_bounds(np.ones((3, 2)), np.arange(3.0), 2), ValueError,
         r"same value on axis 0"),
        # issue 14: inf for each scalar, bool, NaN/inf in each array, size and flags checked
        (lambda: sample_log_uniform(1e-4, np.inf, rng=R), ValueError,
         r"high must be finite \(got inf\)"),
        (lambda: sample_log_uniform(True, 1.0, rng=R), TypeError,
         r"low must be a real number \(got bool\)"),
        (lambda: sample_log_uniform(1e-4, 1.0, rng=R, size=-1), ValueError,
         r"size must be >= 0 \(got -1\)"),
        (lambda: sample_log_uniform(1e-4, 1.0, rng=R, size=2.5), TypeError,
         r"size must be None, an int or a tuple of ints \(got float\)"),
        (lambda: sample_log_uniform(1e-4, 1.0, rng=R, size=[2, 3]), TypeError,
         r"size must be None, an int or a tuple of ints \(got list\)"),
        (lambda: sample_beta(rng=R, size=(2, "3")), TypeError, r"size\[1\] must be an int"),
        (lambda: sample_beta(rng=R, size=True), TypeError, r"size must be an int \(got bool\)"),
        (lambda: sample_beta(np.nan, 0.99, rng=R), ValueError, r"low must be in \[0, 1\)"),
        (lambda: grid_points([(0.0, np.inf)], 3), ValueError,
         r"bounds\[0\]\[1\] must be finite \(got inf\)"),
        (lambda: grid_points([(0.0, 1.0)], 3, log=["yes"]), TypeError,
         r"log\[0\] must be a bool, True or False \(got str\)"),
        (lambda: grid_points([(0.0, 1.0)], 3, log=True), TypeError,
         r"log must be None or a list of bools \(got bool\)"),
        (lambda: grid_points([None], 3), TypeError, r"bounds\[0\] must be a \(low, high\) pair"),
        (lambda: grid_points([(0.0, 1.0)], np.inf), TypeError, r"num must be an int"),
        (lambda: random_points([(0.0, 1.0)], True, rng=R), TypeError, r"num must be an int"),
        (lambda: refine_bounds(np.eye(3), np.ones(3), 2, maximize="no"), TypeError,
         r"maximize must be a bool, True or False \(got str\)"),
        (lambda: refine_bounds(np.full((3, 2), np.nan), np.ones(3), 2), ValueError,
         r"points must be finite"),
        (lambda: refine_bounds(np.eye(3), np.array([1.0, np.inf, 0.0]), 2), ValueError,
         r"scores must be finite"),
    ],
)
def test_bad_input(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_public_functions_give_the_references_draws() -> None:
    from dlnotes.tuning import (
        _grid_points,
        _random_points,
        _refine_bounds,
        _sample_beta,
        _sample_log_uniform,
    )

    def rng() -> np.random.Generator:
        return np.random.default_rng(7)

    np.testing.assert_array_equal(sample_log_uniform(1e-4, 1.0, rng=rng(), size=50),
                                  _sample_log_uniform(1e-4, 1.0, rng(), 50))
    assert sample_log_uniform(1e-4, 1.0, rng=rng()) == float(_sample_log_uniform(1e-4, 1.0, rng()))
    np.testing.assert_array_equal(sample_beta(0.9, 0.999, rng=rng(), size=50),
                                  _sample_beta(0.9, 0.999, rng(), 50))
    bounds, log = [(1e-4, 1.0), (0.0, 1.0)], [True, False]
    np.testing.assert_array_equal(grid_points(bounds, 3, log=log), _grid_points(bounds, 3, log))
    points = random_points(bounds, 20, rng=rng(), log=log)
    np.testing.assert_array_equal(points, _random_points(bounds, 20, rng(), log))
    scores = -points[:, 1]
    assert refine_bounds(points, scores, 4) == _refine_bounds(points, scores, 4)


def test_size_accepts_numpy_ints_and_a_0d_array() -> None:
    assert sample_log_uniform(1e-3, 1.0, rng=R, size=np.int64(3)).shape == (3,)
    assert sample_beta(rng=R, size=np.array(2)).shape == (2,)
    assert sample_beta(rng=R, size=(np.int32(2), 1)).shape == (2, 1)


# -------------------------------------------------- defaults, boundaries and exact messages

class EndpointRng:
    """A stand-in generator whose uniform draw is one end of the interval, for the rounding."""

    def __init__(self, end: str) -> None:
        self.end = end

    def uniform(self, low: float, high: float, size: object = None) -> np.ndarray:
        return np.full(() if size is None else size, low if self.end == "low" else high)


def test_log_uniform_samples_stay_inside_the_bounds_despite_rounding() -> None:
    """10^log10(0.07) is 0.07 + 1.4e-17 and 10^log10(0.3) is
    0.3 − 5.6e-17 in float64; the clip brings them back to the bounds."""
    assert 10 ** math.log10(0.07) > 0.07 and 10 ** math.log10(0.3) < 0.3
    assert _sample_log_uniform(0.01, 0.07, EndpointRng("high")) == 0.07
    assert _sample_log_uniform(0.3, 0.9, EndpointRng("low")) == 0.3


def test_beta_samples_stay_inside_the_bounds_despite_rounding() -> None:
    """1 − (1 − 0.3) is 0.3 + 5.6e-17 and 1 − (1 − 0.1) is
    0.1 − 2.8e-17; the clip brings β back to [low, high]."""
    assert 1 - (1 - 0.3) > 0.3 and 1 - (1 - 0.1) < 0.1
    # β = high where 1 − β = 1 − high, the low end of the log-uniform draw
    assert _sample_beta(0.1, 0.3, EndpointRng("low")) == 0.3
    assert _sample_beta(0.1, 0.3, EndpointRng("high")) == 0.1


def test_a_scalar_sample_is_a_python_float() -> None:
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
    with pytest.raises(ValueError, match=message):
        sample_log_uniform(low, high, rng=np.random.default_rng(0))


def test_beta_bounds_must_differ() -> None:
    """Low = high is no interval."""
    with pytest.raises(ValueError, match=r"^low must be < high \(got 0\.9 and 0\.9\)$"):
        sample_beta(0.9, 0.9, rng=np.random.default_rng(0))


def test_a_size_of_zero_is_an_empty_sample_and_a_negative_one_is_named() -> None:
    rng = np.random.default_rng(0)
    assert sample_log_uniform(0.1, 1.0, rng=rng, size=(2, 0)).shape == (2, 0)
    with pytest.raises(ValueError, match=r"^size\[1\] must be >= 0 \(got -1\)$"):
        sample_log_uniform(0.1, 1.0, rng=rng, size=(2, -1))


def test_a_linear_grid_is_evenly_spaced_and_in_row_major_order() -> None:
    """Np.linspace(low, high, num), meshgrid with "ij"."""
    got = grid_points([(0.0, 1.0), (10.0, 20.0)], 3)
    expected = [[a, b] for a in (0.0, 0.5, 1.0) for b in (10.0, 15.0, 20.0)]
    np.testing.assert_array_equal(got, expected)


def test_a_linear_axis_may_be_negative_but_must_be_an_interval() -> None:
    """A negative low is fine on a linear axis; low = high is not an interval."""
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
    with pytest.raises(error, match=message):
        grid_points(bounds, 3)
    with pytest.raises(error, match=message):
        random_points(bounds, 3, rng=np.random.default_rng(0))


def test_random_points_takes_one_trial_but_not_zero() -> None:
    assert random_points([(0.0, 1.0)], 1, rng=np.random.default_rng(0)).shape == (1, 1)
    with pytest.raises(ValueError, match=r"^num must be >= 1 \(got 0\)$"):
        random_points([(0.0, 1.0)], 0, rng=np.random.default_rng(0))


def test_refine_bounds_keeps_the_earliest_of_tied_trials() -> None:
    """A stable sort, so ties go to the earlier trials (1000 trials
    scored 0 or 1: the 300 best are the first 300 ones, up to trial 553 with this seed)."""
    scores = np.random.default_rng(0).integers(0, 2, 1000).astype(float)
    points = np.arange(1000.0).reshape(-1, 1)
    first_ones = np.flatnonzero(scores == 1.0)[:300]
    assert refine_bounds(points, scores, 300) == [(0.0, float(first_ones[-1]))]


def test_refine_bounds_names_points() -> None:
    with pytest.raises(ValueError, match=r"^points must be 2-D \(got shape \(3,\)\)$"):
        refine_bounds(np.ones(3), np.ones(3), 1)
