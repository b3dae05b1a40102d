"""dlnotes.features: polynomial features, selection filters, PCA and k-fold cross-validation
against scikit-learn (float64), their invariants (hypothesis), float32, untouched inputs and bad
input."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.decomposition import PCA
from sklearn.feature_selection import SelectKBest, VarianceThreshold, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.preprocessing import PolynomialFeatures

from dlnotes.features import (
    _cross_validate,
    _f_score,
    _k_fold_indices,
    _pca,
    _pca_transform,
    _polynomial_features,
    _select_k_best,
    _variance_threshold,
    cross_validate,
    f_score,
    k_fold_indices,
    pca,
    pca_transform,
    polynomial_features,
    select_k_best,
    variance_threshold,
)


def _data(n_x: int, m: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n_x, m))


def _labels(m: int, classes: int, seed: int = 0) -> np.ndarray:
    y = np.arange(m) % classes  # every class present
    return np.random.default_rng(seed).permutation(y)[None, :]


# ---------------------------------------------------------------- polynomial features


@pytest.mark.parametrize("n_x", [1, 2, 3, 4])
@pytest.mark.parametrize("degree", [1, 2, 3, 5])
@pytest.mark.parametrize("include_bias", [True, False])
def test_polynomial_features_equal_sklearn_row_for_row(
    n_x: int, degree: int, include_bias: bool
) -> None:
    X = _data(n_x, 7, seed=n_x + 10 * degree)
    expected = PolynomialFeatures(degree, include_bias=include_bias).fit_transform(X.T).T
    got = polynomial_features(X, degree, include_bias=include_bias)
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)
    assert got.shape[0] == math.comb(n_x + degree, degree) - (not include_bias)


def test_degree_15_of_two_features_gives_the_experiments_135_rows() -> None:
    X = _data(2, 3)
    assert polynomial_features(X, 15, include_bias=False).shape == (135, 3)  # C(17, 2) − 1


# ---------------------------------------------------------------- selection


@pytest.mark.parametrize("threshold", [0.0, 0.05, 0.5, 1.2])
def test_variance_threshold_keeps_what_sklearn_keeps(threshold: float) -> None:
    rng = np.random.default_rng(1)
    X = rng.standard_normal((8, 30)) * rng.uniform(0.0, 2.0, (8, 1))
    X[2] = 0.1  # constant rows: a variance that rounds to ~1e-33 must not keep them
    X[5] = -3.7
    expected = VarianceThreshold(threshold).fit(X.T).get_support()
    np.testing.assert_array_equal(variance_threshold(X, threshold), expected)
    assert not variance_threshold(X)[[2, 5]].any()


@pytest.mark.parametrize(("classes", "m"), [(2, 20), (3, 31), (5, 12)])
def test_f_score_equals_sklearn_f_classif(classes: int, m: int) -> None:
    X = _data(6, m, seed=classes)
    Y = _labels(m, classes, seed=classes)
    X = X + 0.8 * Y  # some features separate the classes
    np.testing.assert_allclose(f_score(X, Y), f_classif(X.T, Y[0])[0], rtol=1e-10)


@pytest.mark.parametrize("k", [1, 3, 6])
def test_select_k_best_keeps_what_sklearn_keeps(k: int) -> None:
    X, Y = _data(6, 25, seed=k), _labels(25, 2, seed=k)
    X = X + np.linspace(0.0, 1.5, 6)[:, None] * Y
    expected = SelectKBest(f_classif, k=k).fit(X.T, Y[0]).get_support()
    kept = select_k_best(X, Y, k)
    np.testing.assert_array_equal(kept, expected)
    assert kept.sum() == k


def test_select_k_best_breaks_ties_towards_the_later_row_as_sklearn() -> None:
    X, Y = _data(3, 10), _labels(10, 2)
    X = np.vstack([X[:1], X[:1], X[1:]])  # rows 0 and 1 tie
    expected = SelectKBest(f_classif, k=1).fit(X.T, Y[0]).get_support()
    kept = select_k_best(X, Y, 1)
    np.testing.assert_array_equal(kept, expected)


def test_f_score_of_rows_constant_within_each_class_is_inf_or_0_without_a_warning() -> None:
    Y = np.array([[0, 0, 1, 1, 1]])
    X = np.array([[1.0, 1.0, 2.0, 2.0, 2.0],  # constant per class, means differ: inf
                  [4.0, 4.0, 4.0, 4.0, 4.0],  # constant everywhere: 0
                  [1.0, 2.0, 1.0, 2.0, 3.0]])
    F = f_score(X, Y)
    assert F[0] == np.inf and F[1] == 0.0 and np.isfinite(F[2])


def test_an_f_score_beyond_the_float_range_is_inf_without_a_warning() -> None:
    Y = np.array([[0, 0, 1, 1]])
    X = np.array([[0.0, 1e-160, 1e10, 1e10]])  # within ≈ 2.5e-321 > 0, between ≈ 1e20
    within = ((X[0, :2] - X[0, :2].mean()) ** 2).sum() / 2
    assert 0 < within < 1e-300  # so between / within overflows: inf, not a RuntimeWarning
    assert f_score(X, Y)[0] == np.inf
    assert select_k_best(np.vstack([X, [[0.0, 1.0, 0.0, 1.0]]]), Y, 1).tolist() == [True, False]


def test_f_score_grows_as_the_class_means_move_apart() -> None:
    X, Y = _data(1, 40), _labels(40, 2)
    scores = [float(f_score(X + shift * Y, Y)[0]) for shift in (0.0, 1.0, 2.0, 4.0)]
    assert scores == sorted(scores) and scores[-1] > 10 * scores[1]


# ---------------------------------------------------------------- PCA


@pytest.mark.parametrize(("n_x", "m", "k"), [(2, 50, 2), (5, 40, 3), (8, 6, 5), (3, 3, 2)])
def test_pca_equals_sklearn_up_to_the_sign_of_each_component(n_x: int, m: int, k: int) -> None:
    rng = np.random.default_rng(n_x + m)
    X = rng.standard_normal((n_x, n_x)) @ rng.standard_normal((n_x, m)) + 5.0  # mean far from 0
    U, variance, mu = pca(X, k)
    ref = PCA(k, svd_solver="full").fit(X.T)
    signs = np.sign(np.sum(U.T * ref.components_, axis=1))
    assert np.all(signs != 0)
    np.testing.assert_allclose(U.T * signs[:, None], ref.components_, atol=1e-10)
    # sklearn's explained_variance_ has the 1/(m − 1) of the sample variance, as dlnotes
    np.testing.assert_allclose(variance, ref.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(mu.ravel(), ref.mean_, rtol=1e-12)
    np.testing.assert_allclose(pca_transform(X, U, mu).T * signs, ref.transform(X.T), atol=1e-9)


def test_pca_signs_each_direction_so_its_largest_entry_is_positive() -> None:
    U, _, _ = pca(_data(5, 30) * np.arange(1.0, 6.0)[:, None], 4)
    largest = U[np.argmax(np.abs(U), axis=0), np.arange(4)]
    assert np.all(largest > 0)


def test_pca_without_centring_points_at_the_mean_instead() -> None:
    """The named mistake of the PCA exercise: SVD of X itself, not of X − μ."""
    rng = np.random.default_rng(3)
    X = np.array([[0.1], [3.0]]) * rng.standard_normal((2, 200)) + np.array([[10.0], [0.0]])
    U, _, _ = pca(X, 1)  # the spread is along the second axis
    assert abs(U[1, 0]) > 0.999
    U_raw = np.linalg.svd(X, full_matrices=False)[0][:, :1]  # without centring
    assert abs(U_raw[0, 0]) > 0.95  # along the mean (10, 0): wrong


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 6), st.integers(3, 25), st.integers(0, 2**32 - 1))
def test_pca_directions_are_orthonormal_and_their_variances_ordered(
    n_x: int, m: int, seed: int
) -> None:
    X = np.random.default_rng(seed).standard_normal((n_x, m)) * 3.0 + 1.0
    k = min(n_x, m - 1)  # centring leaves rank at most m − 1
    U, variance, mu = pca(X, k)
    np.testing.assert_allclose(U.T @ U, np.eye(k), atol=1e-10)
    assert np.all(np.diff(variance) <= 1e-12 * variance[0])
    Z = pca_transform(X, U, mu)
    np.testing.assert_allclose(Z.mean(axis=1), 0.0, atol=1e-9)
    np.testing.assert_allclose(Z.var(axis=1, ddof=1), variance, rtol=1e-8, atol=1e-10)
    total = X.var(axis=1, ddof=1).sum()  # with every direction, all the variance is explained
    assert variance.sum() <= total * (1 + 1e-10)
    if k == n_x:
        np.testing.assert_allclose(variance.sum(), total, rtol=1e-10)


# ---------------------------------------------------------------- k folds


@pytest.mark.parametrize(
    ("m", "k"), [(m, k) for m in (2, 5, 10, 11, 23) for k in (2, 3, 5, 10) if k <= m]
)
def test_k_fold_indices_equal_sklearn_kfold(m: int, k: int) -> None:
    got = k_fold_indices(m, k)
    expected = list(KFold(k).split(np.zeros((m, 1))))
    assert len(got) == k
    for (train, test), (ref_train, ref_test) in zip(got, expected, strict=True):
        np.testing.assert_array_equal(train, ref_train)
        np.testing.assert_array_equal(test, ref_test)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 60), st.data())
def test_validation_folds_partition_the_examples(m: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(2, m), label="k")
    shuffle = data.draw(st.booleans(), label="shuffle")
    rng = np.random.default_rng(data.draw(st.integers(0, 1000))) if shuffle else None
    folds = k_fold_indices(m, k, shuffle=shuffle, rng=rng)
    tests = np.concatenate([test for _, test in folds])
    np.testing.assert_array_equal(np.sort(tests), np.arange(m))
    sizes = [test.size for _, test in folds]
    assert max(sizes) - min(sizes) <= 1 and sizes == sorted(sizes, reverse=True)
    for train, test in folds:
        assert np.intersect1d(train, test).size == 0
        np.testing.assert_array_equal(np.union1d(train, test), np.arange(m))
        assert np.all(np.diff(train) > 0)  # sorted, as sklearn's


def test_shuffled_folds_come_from_the_generator() -> None:
    a = k_fold_indices(20, 5, shuffle=True, rng=np.random.default_rng(7))
    b = k_fold_indices(20, 5, shuffle=True, rng=np.random.default_rng(7))
    c = k_fold_indices(20, 5, shuffle=True, rng=np.random.default_rng(8))
    order = np.random.default_rng(7).permutation(20)
    np.testing.assert_array_equal(np.concatenate([t for _, t in a]), order)
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b, strict=True))
    assert not all(np.array_equal(x[1], y[1]) for x, y in zip(a, c, strict=True))


# ---------------------------------------------------------------- cross-validation


def _sklearn_fit(X: np.ndarray, Y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=1.0, tol=1e-10, max_iter=1000).fit(X.T, Y[0])


def _accuracy(model: LogisticRegression, X: np.ndarray, Y: np.ndarray) -> float:
    return float(model.score(X.T, Y[0]))


@pytest.mark.parametrize("k", [5, 10])
def test_cross_validate_equals_sklearn_cross_val_score(k: int) -> None:
    rng = np.random.default_rng(k)
    X = rng.standard_normal((3, 60))
    Y = (X[0] + 0.5 * X[1] + 0.8 * rng.standard_normal(60) > 0).astype(int)[None, :]
    scores = cross_validate(_sklearn_fit, _accuracy, X, Y, k=k)
    expected = cross_val_score(LogisticRegression(C=1.0, tol=1e-10, max_iter=1000), X.T, Y[0],
                               cv=KFold(k))
    np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-12)
    assert scores.shape == (k,) and scores.dtype == np.float64


def test_fit_never_sees_the_validation_fold() -> None:
    """The named mistake of the k-fold exercise is a validation fold that leaks into training."""
    X = np.arange(23.0)[None, :]  # each example is its own index
    seen: list[np.ndarray] = []

    def fit(X_train: np.ndarray, Y_train: np.ndarray) -> set[int]:
        seen.append(X_train[0])
        return set(X_train[0].astype(int).tolist())

    def score(model: set[int], X_val: np.ndarray, Y_val: np.ndarray) -> float:
        return float(len(model & set(X_val[0].astype(int).tolist())))  # leaked examples

    scores = cross_validate(fit, score, X, X.copy(), k=5, shuffle=True,
                            rng=np.random.default_rng(0))
    assert np.all(scores == 0)
    assert [s.size for s in seen] == [18, 18, 18, 19, 19]


def test_cross_validate_shuffles_with_the_folds_of_k_fold_indices() -> None:
    X = np.arange(12.0)[None, :]
    folds = k_fold_indices(12, 4, shuffle=True, rng=np.random.default_rng(5))
    scores = cross_validate(lambda X, Y: None, lambda model, X, Y: float(X[0, 0]), X, X, k=4,
                            shuffle=True, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(scores, [test[0] for _, test in folds])


# ---------------------------------------------------------------- dtypes, inputs untouched


def test_float32_in_gives_float32_out() -> None:
    X = _data(3, 12).astype(np.float32)
    Y = _labels(12, 2)
    assert polynomial_features(X, 3).dtype == np.float32
    assert f_score(X, Y).dtype == np.float32
    U, variance, mu = pca(X, 2)
    assert U.dtype == variance.dtype == mu.dtype == np.float32
    assert pca_transform(X, U, mu).dtype == np.float32
    np.testing.assert_allclose(U, pca(X.astype(np.float64), 2)[0], atol=1e-4)
    assert select_k_best(X, Y, 2).dtype == variance_threshold(X).dtype == np.bool_


def test_integer_inputs_are_computed_in_float64() -> None:
    X = np.arange(12).reshape(3, 4)
    assert polynomial_features(X, 2).dtype == np.float64
    np.testing.assert_array_equal(polynomial_features(X, 2), polynomial_features(X * 1.0, 2))
    assert pca(X, 1)[0].dtype == np.float64


def test_no_function_modifies_its_arguments() -> None:
    X, Y = _data(4, 15), _labels(15, 3)
    X_copy, Y_copy = X.copy(), Y.copy()
    polynomial_features(X, 3)
    variance_threshold(X, 0.1)
    f_score(X, Y)
    select_k_best(X, Y, 2)
    U, _, mu = pca(X, 2)
    U_copy, mu_copy = U.copy(), mu.copy()
    pca_transform(X, U, mu)
    cross_validate(lambda X, Y: float(Y.mean()), lambda model, X, Y: model, X, Y, k=3)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(Y, Y_copy)
    np.testing.assert_array_equal(U, U_copy)
    np.testing.assert_array_equal(mu, mu_copy)


def test_public_functions_return_what_the_references_return() -> None:
    X, Y = _data(3, 14), _labels(14, 2)
    np.testing.assert_array_equal(polynomial_features(X, 3), _polynomial_features(X, 3))
    np.testing.assert_array_equal(variance_threshold(X, 0.5), _variance_threshold(X, 0.5))
    np.testing.assert_array_equal(f_score(X, Y), _f_score(X, Y))
    np.testing.assert_array_equal(select_k_best(X, Y, 2), _select_k_best(X, Y, 2))
    for got, ref in zip(pca(X, 2), _pca(X, 2), strict=True):
        np.testing.assert_array_equal(got, ref)
    U, _, mu = _pca(X, 2)
    np.testing.assert_array_equal(pca_transform(X, U, mu), _pca_transform(X, U, mu))
    for (a, b), (c, d) in zip(k_fold_indices(14, 4), _k_fold_indices(14, 4), strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)

    def fit(X: np.ndarray, Y: np.ndarray) -> float:
        return float(X.sum())

    def score(model: float, X: np.ndarray, Y: np.ndarray) -> float:
        return model - float(Y.sum())

    np.testing.assert_array_equal(cross_validate(fit, score, X, Y, k=3),
                                  _cross_validate(fit, score, X, Y, 3))


# ---------------------------------------------------------------- bad input

X34, Y14 = _data(3, 4), np.array([[0, 1, 0, 1]])


def _ok_fit(X: np.ndarray, Y: np.ndarray) -> float:
    return 0.0


def _ok_score(model: object, X: np.ndarray, Y: np.ndarray) -> float:
    return 1.0


BAD: list[tuple[Callable[..., Any], tuple, dict, type[Exception], str]] = [
    (polynomial_features, (X34, 0), {}, ValueError, r"degree must be >= 1 \(got 0\)"),
    (polynomial_features, (X34, 2.0), {}, TypeError, r"degree must be an int \(got float\)"),
    (polynomial_features, (X34[0], 2), {}, ValueError, r"X must be 2-D \(got shape \(4,\)\)"),
    (polynomial_features, (X34, 2), {"include_bias": 1}, TypeError,
     r"include_bias must be a bool"),
    (polynomial_features, ([[1.0, np.nan]], 2), {}, ValueError, r"X must be finite \(got 1 NaN"),
    (polynomial_features, (np.zeros((2, 0)), 2), {}, ValueError, r"X must not be empty"),
    (polynomial_features, ([["a"]], 2), {}, TypeError, r"X must be an array of real numbers"),
    (polynomial_features, ([[1e300, 1.0]], 3), {}, ValueError,
     r"X is too large: a product of 3 entries overflows float64 \(got an entry of magnitude "
     r"1e\+300, at most 5\.6\de\+102\)"),
    (polynomial_features, (np.array([[1e13, 1.0]], dtype=np.float32), 3), {}, ValueError,
     r"X is too large: a product of 3 entries overflows float32"),
    (variance_threshold, ([[1e300, 1.0, 2.0]],), {}, ValueError,
     r"X is too large: the sum of squares over a row overflows float64"),
    (f_score, ([[1e300, 1.0, 2.0, 3.0]], Y14), {}, ValueError,
     r"X is too large: the sum of squares over a row overflows"),
    (select_k_best, ([[-1e300, 1.0, 2.0, 3.0]], Y14, 1), {}, ValueError, r"X is too large"),
    (pca, ([[1e160, 1.0, 2.0], [0.0, 1.0, 2.0]], 1), {}, ValueError,
     r"X is too large: the sum of squares over the whole array overflows float64"),
    (variance_threshold, (X34, -0.1), {}, ValueError, r"threshold must be >= 0 \(got -0\.1\)"),
    (variance_threshold, (X34, "0"), {}, TypeError, r"threshold must be a real number"),
    (variance_threshold, (X34, 100.0), {}, ValueError,
     r"no feature of X has a variance above threshold 100\.0 \(got largest variance"),
    (variance_threshold, (np.ones((2, 3)),), {}, ValueError, r"no feature of X has a variance"),
    (variance_threshold, (np.ones((2, 3, 1)),), {}, ValueError, r"X must be 2-D"),
    (f_score, (X34, Y14[0]), {}, ValueError,
     r"Y must have shape \(1, m\) = \(1, 4\) to match X \(got \(4,\)\)"),
    (f_score, (X34, np.zeros((1, 4))), {}, ValueError, r"Y must hold at least 2 classes \(got 1\)"),
    (f_score, (X34, np.array([[0, 1, 2, 3]])), {}, ValueError,
     r"X must have more examples than Y has classes \(got 4 examples, 4 classes\)"),
    (f_score, (X34, np.array([[0, 1, np.inf, 1]])), {}, ValueError, r"Y must be finite"),
    (select_k_best, (X34, Y14, 0), {}, ValueError, r"k must be in \[1, 3\] \(got 0\)"),
    (select_k_best, (X34, Y14, 4), {}, ValueError, r"k must be in \[1, 3\] \(got 4\)"),
    (select_k_best, (X34, Y14, True), {}, TypeError, r"k must be an int \(got bool\)"),
    (select_k_best, (X34, [[0, 1, 0]], 1), {}, ValueError, r"Y must have shape \(1, m\)"),
    (pca, (X34, 0), {}, ValueError, r"n_components must be in \[1, 3\] \(got 0\)"),
    (pca, (X34, 4), {}, ValueError, r"n_components must be in \[1, 3\] \(got 4\)"),
    (pca, (np.ones((3, 1)), 1), {}, ValueError,
     r"X must have at least 2 examples \(columns\) \(got shape \(3, 1\)\)"),
    (pca, (X34, 1.5), {}, TypeError, r"n_components must be an int"),
    (pca, (np.ones((3, 4, 1)), 1), {}, ValueError, r"X must be 2-D"),
    (pca_transform, (X34, np.ones((2, 1)), np.zeros((3, 1))), {}, ValueError,
     r"U must have n_x = 3 rows for X of shape \(3, 4\) \(got shape \(2, 1\)\)"),
    (pca_transform, (X34, np.ones((3, 1)), np.zeros(3)), {}, ValueError,
     r"mu must have shape \(3, 1\) for X of shape \(3, 4\) \(got \(3,\)\)"),
    (pca_transform, (X34, np.ones(3), np.zeros((3, 1))), {}, ValueError, r"U must be 2-D"),
    (pca_transform, (X34, np.ones((3, 1)), [[np.nan], [0], [0]]), {}, ValueError,
     r"mu must be finite"),
    (k_fold_indices, (1,), {}, ValueError, r"m must be >= 2 \(got 1\)"),
    (k_fold_indices, (10, 1), {}, ValueError, r"k must be in \[2, 10\] \(got 1\)"),
    (k_fold_indices, (10, 11), {}, ValueError, r"k must be in \[2, 10\] \(got 11\)"),
    (k_fold_indices, (10.0,), {}, TypeError, r"m must be an int \(got float\)"),
    (k_fold_indices, (10, 5), {"shuffle": "yes"}, TypeError, r"shuffle must be a bool"),
    (k_fold_indices, (10, 5), {"shuffle": True}, TypeError,
     r"rng must be a numpy.random.Generator, e.g. np.random.default_rng\(0\) \(got NoneType\)"),
    (k_fold_indices, (10, 5), {"shuffle": True, "rng": 0}, TypeError,
     r"rng must be a numpy.random.Generator, .*\(got int\)"),
    (k_fold_indices, (10, 5), {"rng": np.random.default_rng(0)}, ValueError,
     r"rng is used only with shuffle=True \(got a Generator with shuffle=False\)"),
    (cross_validate, (None, _ok_score, X34, Y14, 2), {}, TypeError,
     r"fit must be callable \(got NoneType\)"),
    (cross_validate, (_ok_fit, 1.0, X34, Y14, 2), {}, TypeError,
     r"score must be callable \(got float\)"),
    (cross_validate, (_ok_fit, _ok_score, X34, Y14[:, :3], 2), {}, ValueError,
     r"X and Y must have the same number of columns \(examples\) \(got 4 and 3\)"),
    (cross_validate, (_ok_fit, _ok_score, X34, Y14[0], 2), {}, ValueError, r"Y must be 2-D"),
    (cross_validate, (_ok_fit, _ok_score, X34, Y14, 5), {}, ValueError,
     r"k must be in \[2, 4\] \(got 5\)"),
    (cross_validate, (_ok_fit, _ok_score, X34[:, :1], Y14[:, :1], 2), {}, ValueError,
     r"X must have at least 2 examples \(columns\) \(got shape \(3, 1\)\)"),
    (cross_validate, (_ok_fit, lambda model, X, Y: "good", X34, Y14, 2), {}, TypeError,
     r"the value score returned must be a real number \(got str\)"),
    (cross_validate, (_ok_fit, lambda model, X, Y: np.nan, X34, Y14, 2), {}, ValueError,
     r"the value score returned must be a real number \(got nan\)"),
    (cross_validate, (_ok_fit, _ok_score, X34, Y14, 2), {"rng": np.random.default_rng(0)},
     ValueError, r"rng is used only with shuffle=True"),
]


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "error", "message"),
    BAD,
    ids=[f"{b[0].__name__}-{i}" for i, b in enumerate(BAD)],
)
def test_bad_input_raises_naming_the_argument(
    fn: Callable[..., Any], args: tuple, kwargs: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        fn(*args, **kwargs)
