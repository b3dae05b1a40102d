r"""Features and validation against under- and overfitting: polynomial features, feature
selection, principal component analysis and k-fold cross-validation.

Mirrors notes 001 pp. 56–59 (欠拟合、过拟合及其应对方法). Examples are columns: ``X`` is
(n_x, m), one example per column; labels ``Y`` are (1, m). A kept-feature mask is a boolean
vector over the rows of ``X``.
"""

from __future__ import annotations

# --8<-- [start:imports]
from collections.abc import Callable
from itertools import combinations_with_replacement
from typing import Any

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_bool,
    check_int,
    check_ndim,
    check_rng,
    check_scalar,
)

__all__ = [
    "cross_validate",
    "f_score",
    "k_fold_indices",
    "pca",
    "pca_transform",
    "polynomial_features",
    "select_k_best",
    "variance_threshold",
]


# The references: what the chapter shows. Plain NumPy on checked arguments.

# --8<-- [start:polynomial_features]
def _polynomial_features(X: np.ndarray, degree: int, *, include_bias: bool = True) -> np.ndarray:
    """One row ∏ x_j per multiset of features of size 0 (the bias), 1, …, degree (001 p. 57).

    >>> print(_polynomial_features(np.array([[2.0], [3.0]]), 2).ravel())  # 1, a, b, a², ab, b²
    [1. 2. 3. 4. 6. 9.]
    """
    n_x = X.shape[0]
    terms = [term for d in range(0 if include_bias else 1, degree + 1)
             for term in combinations_with_replacement(range(n_x), d)]
    return np.stack([np.prod(X[list(term)], axis=0) for term in terms])  # () gives the 1s
# --8<-- [end:polynomial_features]


# --8<-- [start:variance_threshold]
def _variance_threshold(X: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    """Keep row j if its variance (1/m) Σ (x_j − μ_j)² is above the threshold (001 p. 58).

    >>> print(_variance_threshold(np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]])))
    [ True False]
    """
    variance = np.var(X, axis=1)
    # a constant row's variance can round to 1e-33, not 0: its range is exactly 0
    return (variance > threshold) & (np.ptp(X, axis=1) > 0)
# --8<-- [end:variance_threshold]


# --8<-- [start:f_score]
def _f_score(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """ANOVA F of each row: between-class over within-class mean square (001 p. 58).

    >>> X = np.array([[1.0, 2.0, 5.0, 6.0], [1.0, 5.0, 2.0, 6.0]])
    >>> print(_f_score(X, np.array([[0, 0, 1, 1]])).round(4))
    [32.     0.125]
    """
    classes, y = np.unique(Y[0], return_inverse=True)
    C, m = classes.size, X.shape[1]
    onehot = (y == np.arange(C)[:, None]).astype(X.dtype)  # (C, m): example i is in class c
    m_c = onehot.sum(axis=1)
    mu_c = X @ onehot.T / m_c  # (n_x, C): the class means
    mu = X.mean(axis=1, keepdims=True)
    between = (m_c * (mu_c - mu) ** 2).sum(axis=1) / (C - 1)
    within = ((X - mu_c @ onehot) ** 2).sum(axis=1) / (m - C)
    # a row constant within each class: F = inf if its class means differ, else 0 (no 0/0)
    safe = np.where(within > 0, within, 1)
    F = np.where(within > 0, between / safe, np.where(between > 0, np.inf, 0))
    return F.astype(X.dtype)  # float32 stays float32
# --8<-- [end:f_score]


# --8<-- [start:select_k_best]
def _select_k_best(X: np.ndarray, Y: np.ndarray, k: int) -> np.ndarray:
    """Keep the k rows of highest F score; on a tie the later row, as scikit-learn (001 p. 58).

    >>> X = np.array([[1.0, 2.0, 5.0, 6.0], [1.0, 5.0, 2.0, 6.0], [0.0, 1.0, 9.0, 9.0]])
    >>> print(_select_k_best(X, np.array([[0, 0, 1, 1]]), 2))
    [ True False  True]
    """
    F = _f_score(X, Y)
    best = np.argsort(F, kind="stable")[F.size - k:]
    return np.isin(np.arange(F.size), best)
# --8<-- [end:select_k_best]


# --8<-- [start:pca]
def _pca(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre, then X − μ = U S Vᵀ: the first k columns of U, their variances S²/(m−1), μ.

    >>> X = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]])
    >>> U, variance, mu = _pca(X, 1)
    >>> print(U.ravel().round(4), variance.round(4), mu.ravel())
    [0.4472 0.8944] [8.3333] [2.5 5. ]
    """
    m = X.shape[1]
    mu = X.mean(axis=1, keepdims=True)
    U, S, _ = np.linalg.svd(X - mu, full_matrices=False)  # centre first, then decompose
    U_k = U[:, :n_components]
    # the sign of a direction is arbitrary: make its largest entry positive (as scikit-learn)
    signs = np.sign(U_k[np.argmax(np.abs(U_k), axis=0), np.arange(n_components)])
    return U_k * signs, S[:n_components] ** 2 / (m - 1), mu
# --8<-- [end:pca]


# --8<-- [start:pca_transform]
def _pca_transform(X: np.ndarray, U: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Z = Uᵀ(X − μ): the coordinates of each example along the k directions (k, m).

    >>> print(_pca_transform(np.array([[3.0], [4.0]]), np.array([[0.6], [0.8]]), np.zeros((2, 1))))
    [[5.]]
    """
    return U.T @ (X - mu)
# --8<-- [end:pca_transform]


# --8<-- [start:k_fold_indices]
def _k_fold_indices(
    m: int, k: int = 5, *, rng: np.random.Generator | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, validation) indices of k folds, shuffled if rng is given (001 p. 59).

    >>> for train, test in _k_fold_indices(5, 2):
    ...     print(train, test)
    [3 4] [0 1 2]
    [0 1 2] [3 4]
    """
    order = np.arange(m) if rng is None else rng.permutation(m)
    sizes = m // k + (np.arange(k) < m % k)  # the first m % k one larger: 4, 3, 3 for m = 10
    stops = np.cumsum(sizes)
    return [(np.setdiff1d(order, order[stop - size:stop]), order[stop - size:stop])
            for size, stop in zip(sizes, stops, strict=True)]
# --8<-- [end:k_fold_indices]


# --8<-- [start:cross_validate]
def _cross_validate(
    fit: Callable[[np.ndarray, np.ndarray], Any],
    score: Callable[[Any, np.ndarray, np.ndarray], float],
    X: np.ndarray, Y: np.ndarray, k: int = 5, *, rng: np.random.Generator | None = None,
) -> np.ndarray:
    """The k scores score(fit(X, Y without fold i), X, Y of fold i) (001 p. 59).

    >>> fit = lambda X, Y: Y.mean()  # a model that predicts the mean label
    >>> score = lambda model, X, Y: float(np.mean((Y - model) ** 2))
    >>> print(_cross_validate(fit, score, np.zeros((1, 4)), np.array([[0.0, 0.0, 1.0, 1.0]]), 2))
    [1. 1.]
    """
    scores = []
    for train, test in _k_fold_indices(X.shape[1], k, rng=rng):
        model = fit(X[:, train], Y[:, train])  # the validation fold is never seen by fit
        scores.append(score(model, X[:, test], Y[:, test]))
    return np.array(scores, dtype=float)
# --8<-- [end:cross_validate]


# The public functions: validate at the boundary, then call the reference.

def _inputs(X: object, name: str = "X", *, min_examples: int = 1) -> np.ndarray:
    """X as a finite 2-D float array with at least ``min_examples`` columns."""
    X_arr = as_float_array(X, name)
    check_ndim(X_arr, name, 2)
    if X_arr.shape[1] < min_examples:
        raise ValueError(
            f"{name} must have at least {min_examples} examples (columns) "
            f"(got shape {X_arr.shape})"
        )
    return X_arr


def _check_magnitude(X: np.ndarray, name: str, limit: float, what: str) -> None:
    """Reject entries above ``limit`` in magnitude: beyond it ``what`` overflows X's dtype."""
    largest = float(np.max(np.abs(X)))
    if largest > limit:
        raise ValueError(f"{name} is too large: {what} overflows {X.dtype} (got an entry of "
                         f"magnitude {largest:.3g}, at most {limit:.3g})")


def _check_squares(X: np.ndarray, name: str = "X", *, over: str = "a row") -> None:
    """Sums of m squared deviations stay finite if every |x| ≤ sqrt(max/(4m)) (|x − μ| ≤ 2|x|)."""
    m = X.shape[1] * (X.shape[0] if over == "the whole array" else 1)
    limit = float(np.sqrt(np.finfo(X.dtype).max / (4 * m)))
    _check_magnitude(X, name, limit, f"the sum of squares over {over}")


def _class_labels(Y: object, m: int) -> np.ndarray:
    """Y as a finite (1, m) array of class labels with at least 2 classes and m > classes."""
    Y_arr = as_float_array(Y, "Y")
    if Y_arr.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = {(1, m)} to match X (got {Y_arr.shape})")
    n_classes = np.unique(Y_arr).size
    if n_classes < 2:
        raise ValueError(f"Y must hold at least 2 classes (got {n_classes})")
    if m <= n_classes:
        raise ValueError(
            f"X must have more examples than Y has classes (got {m} examples, "
            f"{n_classes} classes)"
        )
    return Y_arr


def polynomial_features(
    X: np.ndarray, degree: int, *, include_bias: bool = True
) -> np.ndarray:
    r"""Every product of the features of total degree at most ``degree`` (多项式特征).

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m), one example per column.
    degree : int
        The highest total degree, ≥ 1.
    include_bias : bool, default True
        Include the degree-0 row of ones.

    Returns
    -------
    numpy.ndarray
        (n_out, m) with :math:`n_\text{out} = \binom{n_x + d}{d}` rows (one fewer without the
        bias), in scikit-learn's ``PolynomialFeatures`` order: by degree, then
        lexicographically in the feature indices (1, a, b, a², ab, b², …). float32 if X is.

    Raises
    ------
    ValueError
        If X is not 2-D or not finite, degree < 1, or an entry of X is so large that a product
        of ``degree`` entries overflows (:math:`|x| > \text{max}^{1/d}` of X's dtype).
    TypeError
        If X is not real-valued, degree is not an int or include_bias is not a bool.

    Notes
    -----
    Notes 001 p. 57's second cure of underfitting, "添加多项式特征": a linear model on these
    rows is a polynomial in the original features. For every multiset
    :math:`\{j_1, \dots, j_d\}` of feature indices with :math:`0 \le d \le` degree,

    .. math::
        \phi_{j_1 \dots j_d}(x) = x_{j_1} x_{j_2} \cdots x_{j_d},
        \qquad \phi_{\emptyset}(x) = 1 .

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import polynomial_features
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0]])  # two examples (a, b) = (1, 3) and (2, 4)
    >>> print(polynomial_features(X, 2))
    [[ 1.  1.]
     [ 1.  2.]
     [ 3.  4.]
     [ 1.  4.]
     [ 3.  8.]
     [ 9. 16.]]
    """
    X_arr = _inputs(X)
    d = check_int(degree, "degree", low=1)
    bias = check_bool(include_bias, "include_bias")
    # every product of d entries stays finite if every |x| ≤ max^(1/d)
    _check_magnitude(X_arr, "X", float(np.finfo(X_arr.dtype).max) ** (1 / d),
                     f"a product of {d} entries")
    return _polynomial_features(X_arr, d, include_bias=bias)


def variance_threshold(X: np.ndarray, threshold: float = 0.0) -> np.ndarray:
    r"""The features (rows) whose variance over the examples is above ``threshold``.

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m), one example per column.
    threshold : float, default 0.0
        Keep a feature whose variance is strictly above this, ≥ 0. The default drops only the
        constant features.

    Returns
    -------
    numpy.ndarray
        A boolean mask of shape (n_x,): ``X[kept]`` are the kept rows. A row whose entries
        are all equal is never kept, even when rounding leaves it a variance of 1e-33.

    Raises
    ------
    ValueError
        If X is not 2-D or not finite, threshold < 0, no feature is kept (as scikit-learn's
        ``VarianceThreshold``), or an entry of X is so large that a row's sum of squares
        overflows.
    TypeError
        If X is not real-valued or threshold is not a real number.

    Notes
    -----
    A feature-selection filter (特征选择, notes 001 p. 58's "使用特征选择算法删选特征"), with
    the 1/m variance of each row :math:`j`:

    .. math::
        \sigma_j^2 = \frac{1}{m}\sum_{i=1}^{m}\bigl(x_j^{(i)} - \mu_j\bigr)^2,
        \qquad \text{keep } j \iff \sigma_j^2 > \text{threshold}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import variance_threshold
    >>> X = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0], [0.0, 0.1, 0.0]])
    >>> print(variance_threshold(X), variance_threshold(X, 0.01))
    [ True False  True] [ True False False]
    """
    X_arr = _inputs(X)
    t = check_scalar(threshold, "threshold", low=0.0)
    _check_squares(X_arr)
    kept = _variance_threshold(X_arr, t)
    if not kept.any():
        raise ValueError(
            f"no feature of X has a variance above threshold {t!r} "
            f"(got largest variance {float(np.max(np.var(X_arr, axis=1)))!r})"
        )
    return kept


def f_score(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    r"""The ANOVA F score of each feature (row) for the class labels Y.

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m), one example per column.
    Y : array_like
        Class labels, (1, m): any real values, each distinct value one class; at least 2
        classes and fewer classes than examples.

    Returns
    -------
    numpy.ndarray
        (n_x,) scores ≥ 0, equal to scikit-learn's ``f_classif(X.T, y)[0]``; a feature
        constant within every class scores inf if its class means differ and 0 if not (where
        scikit-learn warns and gives inf or NaN). float32 if X is.

    Raises
    ------
    ValueError
        If X is not 2-D or not finite, Y is not (1, m) or not finite, Y has fewer than 2
        classes, m is not larger than the number of classes, or an entry of X is so large that
        a row's sum of squares overflows.
    TypeError
        If X or Y is not real-valued.

    Notes
    -----
    The univariate score of a feature-selection filter (001 p. 58): with :math:`C` classes,
    :math:`m_c` examples and mean :math:`\mu_{j,c}` of feature :math:`j` in class :math:`c`,
    and the overall mean :math:`\mu_j`,

    .. math::
        F_j = \frac{\sum_c m_c (\mu_{j,c} - \mu_j)^2 / (C - 1)}
                   {\sum_c \sum_{i \in c} (x_j^{(i)} - \mu_{j,c})^2 / (m - C)} .

    A large :math:`F_j` means the class means of feature :math:`j` lie far apart compared with
    the spread inside each class.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import f_score
    >>> X = np.array([[1.0, 2.0, 5.0, 6.0], [1.0, 5.0, 2.0, 6.0]])
    >>> print(f_score(X, np.array([[0, 0, 1, 1]])).round(4))
    [32.     0.125]
    """
    X_arr = _inputs(X)
    Y_arr = _class_labels(Y, X_arr.shape[1])
    _check_squares(X_arr)
    with np.errstate(over="ignore"):  # an F beyond the float range (within ≈ 0) is inf
        return _f_score(X_arr, Y_arr)


def select_k_best(X: np.ndarray, Y: np.ndarray, k: int) -> np.ndarray:
    r"""The ``k`` features (rows) with the highest ANOVA F score (:func:`f_score`).

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m), one example per column.
    Y : array_like
        Class labels, (1, m), as for :func:`f_score`.
    k : int
        How many features to keep, in [1, n_x].

    Returns
    -------
    numpy.ndarray
        A boolean mask of shape (n_x,) with ``k`` True entries: the same features as
        scikit-learn's ``SelectKBest(f_classif, k=k)`` (on a tie, the later row is kept).

    Raises
    ------
    ValueError
        As :func:`f_score`, or if k is outside [1, n_x].
    TypeError
        If X or Y is not real-valued or k is not an int.

    Notes
    -----
    Notes 001 p. 58, "使用特征选择算法删选特征": a filter scores each feature on its own and keeps
    the best,

    .. math:: \text{kept} = \operatorname{top}_k\ F_j .

    Fit it on the training set only, and apply the same mask to dev and test data.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import select_k_best
    >>> X = np.array([[1.0, 2.0, 5.0, 6.0], [1.0, 5.0, 2.0, 6.0], [0.0, 1.0, 9.0, 9.0]])
    >>> kept = select_k_best(X, np.array([[0, 0, 1, 1]]), k=2)
    >>> print(kept, X[kept].shape)
    [ True False  True] (2, 4)
    """
    X_arr = _inputs(X)
    Y_arr = _class_labels(Y, X_arr.shape[1])
    n = check_int(k, "k", low=1, high=X_arr.shape[0])
    _check_squares(X_arr)
    with np.errstate(over="ignore"):  # an F beyond the float range (within ≈ 0) is inf
        return _select_k_best(X_arr, Y_arr, n)


def pca(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Principal component analysis (主成分分析): the directions of largest variance.

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m), one example per column, m ≥ 2.
    n_components : int
        How many directions k to keep, in [1, min(n_x, m)].

    Returns
    -------
    U : numpy.ndarray
        (n_x, k): the principal directions as orthonormal **columns**, in order of decreasing
        variance, each signed so that its largest-magnitude entry is positive. ``U.T`` equals
        scikit-learn's ``PCA(k).fit(X.T).components_`` up to the sign of each row.
    explained_variance : numpy.ndarray
        (k,): the variance of the data along each direction, with the 1/(m − 1) of the sample
        variance, as scikit-learn's ``explained_variance_``; decreasing.
    mu : numpy.ndarray
        (n_x, 1): the mean of each feature, subtracted before the decomposition.

    All three are float32 if X is.

    Raises
    ------
    ValueError
        If X is not 2-D or not finite, has fewer than 2 examples, n_components is outside
        [1, min(n_x, m)], or an entry of X is so large that the sum of the squared deviations
        overflows.
    TypeError
        If X is not real-valued or n_components is not an int.

    Notes
    -----
    Notes 001 p. 58, "特征降维 … 如采用主成分分析方法": the centred data
    :math:`\tilde X = X - \mu` has the sample covariance
    :math:`\Sigma = \frac{1}{m - 1}\tilde X \tilde X^T`. With the singular value decomposition
    :math:`\tilde X = U S V^T`,

    .. math::
        \Sigma = U \, \frac{S^2}{m - 1} \, U^T ,

    so the columns of :math:`U` are the eigenvectors of :math:`\Sigma` and
    :math:`s_i^2/(m - 1)` their eigenvalues, the variance along each direction. Without the
    centring the first direction points at the mean instead. Project with
    :func:`pca_transform`: :math:`Z = U_k^T (X - \mu)`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import pca
    >>> X = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]])  # on the line b = 2a
    >>> U, explained_variance, mu = pca(X, 1)
    >>> print(U.ravel().round(4), explained_variance.round(4), mu.ravel())
    [0.4472 0.8944] [8.3333] [2.5 5. ]
    """
    X_arr = _inputs(X, min_examples=2)
    k = check_int(n_components, "n_components", low=1, high=min(X_arr.shape))
    _check_squares(X_arr, over="the whole array")  # S² ≤ the sum of all squared deviations
    return _pca(X_arr, k)


def pca_transform(X: np.ndarray, U: np.ndarray, mu: np.ndarray) -> np.ndarray:
    r"""Project examples on principal directions: :math:`Z = U^T (X - \mu)`.

    Parameters
    ----------
    X : array_like
        Inputs, (n_x, m): training, dev or test data.
    U : array_like
        (n_x, k) directions from :func:`pca` (orthonormal columns).
    mu : array_like
        (n_x, 1) mean from :func:`pca`, of the training set.

    Returns
    -------
    numpy.ndarray
        (k, m): the k new features of each example. float32 if X, U and mu are.

    Raises
    ------
    ValueError
        If an input is not finite, X or U is not 2-D, U does not have n_x rows, or mu is not
        (n_x, 1).
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math:: Z = U_k^T (X - \mu)

    Use the training set's :math:`\mu` and :math:`U_k` for every set, as for input
    normalization.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import pca, pca_transform
    >>> X = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]])
    >>> U, _, mu = pca(X, 1)
    >>> print(pca_transform(X, U, mu).round(4))
    [[-3.3541 -1.118   1.118   3.3541]]
    """
    X_arr = _inputs(X)
    U_arr = _inputs(U, "U")
    mu_arr = as_float_array(mu, "mu")
    n = X_arr.shape[0]
    if U_arr.shape[0] != n:
        raise ValueError(f"U must have n_x = {n} rows for X of shape {X_arr.shape} "
                         f"(got shape {U_arr.shape})")
    if mu_arr.shape != (n, 1):
        raise ValueError(f"mu must have shape ({n}, 1) for X of shape {X_arr.shape} "
                         f"(got {mu_arr.shape})")
    return _pca_transform(X_arr, U_arr, mu_arr)


def _folds(m: object, k: object, shuffle: object, rng: object) -> tuple[int, int, bool]:
    """m ≥ 2, k in [2, m], shuffle a bool, and rng a Generator when shuffling, else None."""
    n = check_int(m, "m", low=2)
    n_folds = check_int(k, "k", low=2, high=n)
    mix = check_bool(shuffle, "shuffle")
    if mix:
        check_rng(rng)
    elif rng is not None:
        raise ValueError(
            f"rng is used only with shuffle=True (got a {type(rng).__name__} with shuffle=False)"
        )
    return n, n_folds, mix


def k_fold_indices(
    m: int, k: int = 5, *, shuffle: bool = False, rng: np.random.Generator | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    r"""The (training, validation) example indices of k-fold cross-validation (k 折交叉验证).

    Parameters
    ----------
    m : int
        Number of examples, ≥ 2.
    k : int, default 5
        Number of folds, in [2, m]; the notes name 5 and 10.
    shuffle : bool, default False
        Deal the examples to the folds in a random order (drawn from ``rng``) instead of in
        index order.
    rng : numpy.random.Generator, optional
        Required with ``shuffle=True``; must be None without it.

    Returns
    -------
    list of k (train, test) pairs of int64 arrays
        Fold i's validation indices ``test`` and the other m − |test| indices ``train``
        (sorted). The validation folds partition range(m); their sizes differ by at most one,
        the first m % k folds being one larger. Without shuffling these are the indices of
        scikit-learn's ``KFold(k)``.

    Raises
    ------
    ValueError
        If m < 2, k is outside [2, m], or rng is given without shuffle.
    TypeError
        If m or k is not an int, shuffle is not a bool, or rng is not a Generator when
        shuffling.

    Notes
    -----
    Notes 001 p. 59, "交叉验证 … 具体可为5折或者10折交叉验证": fold :math:`i` (from 0) of size

    .. math::
        |F_i| = \lfloor m/k \rfloor + [\, i < m \bmod k \,], \qquad
        \text{train}_i = \{0, \dots, m - 1\} \setminus F_i .

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import k_fold_indices
    >>> for train, test in k_fold_indices(7, k=3):
    ...     print(train, test)
    [3 4 5 6] [0 1 2]
    [0 1 2 5 6] [3 4]
    [0 1 2 3 4] [5 6]
    >>> folds = k_fold_indices(10, k=5, shuffle=True, rng=np.random.default_rng(0))
    >>> print(sorted(int(i) for _, test in folds for i in test) == list(range(10)))
    True
    """
    n, n_folds, mix = _folds(m, k, shuffle, rng)
    return _k_fold_indices(n, n_folds, rng=rng if mix else None)


def cross_validate(
    fit: Callable[[np.ndarray, np.ndarray], Any],
    score: Callable[[Any, np.ndarray, np.ndarray], float],
    X: np.ndarray,
    Y: np.ndarray,
    k: int = 5,
    *,
    shuffle: bool = False,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    r"""k-fold cross-validation: train on k − 1 folds, score on the held-out one, k times.

    Parameters
    ----------
    fit : callable
        ``fit(X_train, Y_train) -> model``: trains a model on the columns it is given.
    score : callable
        ``score(model, X_val, Y_val) -> float``: a real number (accuracy, error, cost, …).
    X : array_like
        Inputs, (n_x, m), one example per column.
    Y : array_like
        Labels or targets, (n_y, m): column i belongs to example i.
    k : int, default 5
        Number of folds, in [2, m].
    shuffle : bool, default False
        Deal the examples to the folds at random (see :func:`k_fold_indices`).
    rng : numpy.random.Generator, optional
        Required with ``shuffle=True``; must be None without it.

    Returns
    -------
    numpy.ndarray
        (k,) float64: the score of each fold's model on that fold. Their mean is the
        cross-validation estimate used to compare models (degrees, λ, …).

    Raises
    ------
    ValueError
        If X or Y is not 2-D or not finite, they differ in their number of columns, k is
        outside [2, m], rng is given without shuffle, or score returns NaN or an infinity.
    TypeError
        If fit or score is not callable, X or Y is not real-valued, k is not an int,
        shuffle is not a bool, rng is not a Generator when shuffling, or score returns
        something that is not a real number.

    Notes
    -----
    Notes 001 p. 59: "其通过对训练集做进一步划分，具体可为5折或者10折交叉验证，
    并选择在验证集上表现较好的模型". With the folds :math:`F_1, \dots, F_k` of
    :func:`k_fold_indices`,

    .. math::
        s_i = \operatorname{score}\bigl(\operatorname{fit}(X_{\setminus F_i}, Y_{\setminus F_i}),
        X_{F_i}, Y_{F_i}\bigr), \qquad \text{CV} = \frac{1}{k}\sum_{i=1}^{k} s_i .

    ``fit`` never sees the validation fold: a model that did would be scored on examples it
    was trained on. Only the training set is split; the test set stays out of it.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.features import cross_validate
    >>> X = np.arange(10.0)[None, :]
    >>> Y = 2 * X + 1  # fit a line y = a·x + b by least squares, score by mean squared error
    >>> fit = lambda X, Y: np.polyfit(X[0], Y[0], 1)
    >>> score = lambda ab, X, Y: float(np.mean((np.polyval(ab, X[0]) - Y[0]) ** 2))
    >>> print(cross_validate(fit, score, X, Y, k=5).round(6))
    [0. 0. 0. 0. 0.]
    """
    for name, fn in (("fit", fit), ("score", score)):
        if not callable(fn):
            raise TypeError(f"{name} must be callable (got {type(fn).__name__})")
    X_arr, Y_arr = _inputs(X, min_examples=2), _inputs(Y, "Y")
    if Y_arr.shape[1] != X_arr.shape[1]:
        raise ValueError("X and Y must have the same number of columns (examples) "
                         f"(got {X_arr.shape[1]} and {Y_arr.shape[1]})")
    _, n_folds, mix = _folds(X_arr.shape[1], k, shuffle, rng)

    def checked_score(model: Any, X_val: np.ndarray, Y_val: np.ndarray) -> float:
        return check_scalar(score(model, X_val, Y_val), "the value score returned")

    return _cross_validate(fit, checked_score, X_arr, Y_arr, n_folds,
                           rng=rng if mix else None)
