"""Ensembles: decision trees, bagging, AdaBoost (SAMME) and random forests.

Mirrors notes 001 p. 57 and p. 59 (集成学习, "将多个弱学习模型组合提升为一个强的学习模型", with
Boosting, Bagging and 随机森林 named as examples); the algorithms are the standard literature's
(Breiman 1984/1996/2001, Freund & Schapire 1997, Zhu et al. 2009). Examples are columns: X is
``(n_x, m)``, labels Y are ``(1, m)`` integers (any K ≥ 1 classes). A tree is plain data: nested
:class:`Node` tuples.
"""

from __future__ import annotations

# --8<-- [start:imports]
from typing import NamedTuple

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_choice,
    check_int,
    check_ndim,
    check_rng,
    check_same_shape,
)
from dlnotes.information import _entropy

__all__ = [
    "Node",
    "adaboost_fit",
    "adaboost_predict",
    "bagging_fit",
    "bagging_predict",
    "bootstrap_sample",
    "fit_tree",
    "majority_vote",
    "predict_tree",
    "random_forest_fit",
    "random_forest_predict",
]

# The references: what the chapter shows. Plain NumPy on checked arguments; examples are columns.


# --8<-- [start:tree]
class Node(NamedTuple):
    """A tree node: a leaf when ``left`` is None, else x[feature] ≤ threshold goes left.

    >>> stump = Node(0, feature=1, threshold=0.5, left=Node(0), right=Node(1))
    >>> print(stump.right.label, stump.left.left)
    1 None
    """

    label: int  # the node's majority class (by weight): a leaf's prediction
    feature: int = -1
    threshold: float = 0.0
    left: "Node | None" = None  # noqa: UP037 (a pasted copy has no __future__ import)
    right: "Node | None" = None  # noqa: UP037


def _impurity(counts: np.ndarray, criterion: str) -> np.ndarray:
    """n·I(p) of weighted class counts on axis 0: Gini I = 1 − Σ p², entropy I = −Σ p log p.

    >>> print(_impurity(np.array([[2.0, 4.0], [2.0, 0.0]]), "gini"))  # 4·(1 − 2·¼), 4·0
    [2. 0.]
    """
    n = counts.sum(axis=0)
    p = counts / np.where(n > 0, n, 1)  # an empty side (zero weight) has impurity 0
    return n * (1 - np.sum(p**2, axis=0) if criterion == "gini" else _entropy(p))


def _best_split(X: np.ndarray, C: np.ndarray, criterion: str) -> tuple[int, float] | None:
    """(j, t) minimizing n_L·I(L) + n_R·I(R) over every feature j and every threshold t halfway
    between consecutive distinct values of x_j; None when every feature is constant.

    >>> X = np.array([[1.0, 2.0, 3.0, 4.0]])
    >>> C = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])  # one-hot labels 0 0 1 1
    >>> print(_best_split(X, C, "gini"))
    (0, 2.5)
    """
    order = np.argsort(X, axis=1, kind="stable")
    x = np.take_along_axis(X, order, axis=1)  # each feature sorted
    left = np.cumsum(C[:, order], axis=2)[:, :, :-1]  # class counts left of each cut (K, n, m−1)
    right = C.sum(axis=1)[:, None, None] - left
    cost = _impurity(left, criterion) + _impurity(right, criterion)
    cost = np.where(x[:, 1:] > x[:, :-1], cost, np.inf)  # cut only between distinct values
    j, i = np.unravel_index(np.argmin(cost), cost.shape)  # the first on a tie
    if cost[j, i] == np.inf:
        return None
    a, b = x[j, i], x[j, i + 1]
    half = x.dtype.type(0.5)  # in the features' dtype (NumPy 1 made a float32 scalar / 2 float64)
    t = a * half + b * half  # the midpoint (a + b overflows near the largest float)
    return int(j), float(t if t < b else a)  # rounded up to b: a, as scikit-learn


def _fit_tree(
    X: np.ndarray, Y: np.ndarray, *, max_depth: int | None, criterion: str = "gini",
    sample_weight: np.ndarray | None = None, max_features: int | None = None,
    rng: np.random.Generator | None = None,
) -> Node:
    """Grow a classification tree greedily (CART): best split, then recurse on both sides.

    >>> X = np.array([[0.1, 0.4, 0.6, 0.9]]); Y = np.array([[0, 0, 1, 1]])
    >>> print(_fit_tree(X, Y, max_depth=1))
    Node(label=0, feature=0, threshold=0.5, left=Node(label=0, feature=-1, threshold=0.0, \
left=None, right=None), right=Node(label=1, feature=-1, threshold=0.0, left=None, right=None))
    """
    classes = np.unique(Y)
    w = np.ones(Y.shape[1]) if sample_weight is None else sample_weight[0]
    C = (Y == classes[:, None]) * w  # weighted one-hot labels, (K, m)
    return _grow(X, C, classes, 0, max_depth, criterion, max_features, rng)


def _grow(
    X: np.ndarray, C: np.ndarray, classes: np.ndarray, depth: int, max_depth: int | None,
    criterion: str, max_features: int | None, rng: np.random.Generator | None,
) -> Node:
    """One node at ``depth``: a leaf if pure, at max_depth or unsplittable; else split and recurse.

    >>> C = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> print(_grow(np.array([[0.0, 1.0]]), C, np.array([0, 1]), 0, 1, "gini", None, None).feature)
    0
    """
    counts = C.sum(axis=1)
    label = int(classes[np.argmax(counts)])  # the smallest label on a tie
    if depth == max_depth or np.count_nonzero(counts) <= 1:  # pure (or weightless)
        return Node(label)
    features = np.arange(X.shape[0])
    if max_features is not None and rng is not None:  # a random forest's random features
        features = np.sort(rng.choice(X.shape[0], size=max_features, replace=False))
    split = _best_split(X[features], C, criterion)
    if split is None:
        return Node(label)
    j, t = int(features[split[0]]), split[1]
    go_left = X[j] <= t
    grow = (classes, depth + 1, max_depth, criterion, max_features, rng)
    return Node(label, j, t, _grow(X[:, go_left], C[:, go_left], *grow),
                _grow(X[:, ~go_left], C[:, ~go_left], *grow))


def _predict_tree(tree: Node, X: np.ndarray) -> np.ndarray:
    """Each column's leaf label, (1, m): send all columns down both sides, keep the right one.

    >>> stump = Node(0, feature=0, threshold=0.5, left=Node(0), right=Node(1))
    >>> print(_predict_tree(stump, np.array([[0.2, 0.7, 0.5]])))
    [[0 1 0]]
    """
    if tree.left is None or tree.right is None:
        return np.full((1, X.shape[1]), tree.label)
    go_left = X[tree.feature] <= tree.threshold
    return np.where(go_left, _predict_tree(tree.left, X), _predict_tree(tree.right, X))
# --8<-- [end:tree]


# --8<-- [start:bagging]
def _bootstrap_sample(m: int, *, rng: np.random.Generator) -> np.ndarray:
    """m indices drawn uniformly with replacement from 0 … m − 1 (a bootstrap sample, 自助采样).

    >>> print(_bootstrap_sample(5, rng=np.random.default_rng(0)))
    [4 3 2 1 1]
    """
    return rng.integers(0, m, size=m)


def _majority_vote(predictions: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Per column the label with the most (weighted) votes among the rows; ties: smallest label.

    >>> print(_majority_vote(np.array([[0, 1, 2], [1, 1, 0], [1, 0, 2]])))
    [[1 1 2]]
    """
    w = np.ones(predictions.shape[0]) if weights is None else weights
    labels = np.unique(predictions)  # sorted, so argmax's first maximum is the smallest label
    votes = np.tensordot(w, predictions[None, :, :] == labels[:, None, None], axes=(0, 1))
    return labels[np.argmax(votes, axis=0)][None, :]


def _bagging_fit(
    X: np.ndarray, Y: np.ndarray, n_estimators: int, *, max_depth: int | None,
    rng: np.random.Generator, max_features: int | None = None,
) -> list[Node]:
    """Bagging (Breiman 1996): one tree per bootstrap sample of the columns.

    >>> X = np.array([[0.1, 0.4, 0.6, 0.9]]); Y = np.array([[0, 0, 1, 1]])
    >>> print(len(_bagging_fit(X, Y, 3, max_depth=2, rng=np.random.default_rng(0))))
    3
    """
    trees = []
    for _ in range(n_estimators):
        idx = _bootstrap_sample(X.shape[1], rng=rng)
        trees.append(_fit_tree(X[:, idx], Y[:, idx], max_depth=max_depth,
                               max_features=max_features, rng=rng))
    return trees


def _bagging_predict(trees: list[Node], X: np.ndarray) -> np.ndarray:
    """The majority vote of the trees' predictions, (1, m).

    >>> trees = [Node(0), Node(1), Node(1)]
    >>> print(_bagging_predict(trees, np.zeros((2, 3))))
    [[1 1 1]]
    """
    return _majority_vote(np.concatenate([_predict_tree(tree, X) for tree in trees]))
# --8<-- [end:bagging]


# --8<-- [start:adaboost]
def _adaboost_fit(
    X: np.ndarray, Y: np.ndarray, n_estimators: int
) -> tuple[list[Node], np.ndarray]:
    """SAMME (Zhu et al. 2009) on stumps: α = log((1 − err)/err) + log(K − 1), w ← w·e^(α·wrong).

    >>> X = np.array([[0.1, 0.4, 0.6, 0.9]]); Y = np.array([[0, 1, 0, 1]])
    >>> stumps, alpha = _adaboost_fit(X, Y, 3)
    >>> print(len(stumps), np.round(alpha, 4))
    3 [1.0986 1.6094 1.3863]
    """
    K, m = np.unique(Y).size, Y.shape[1]
    w = np.full((1, m), 1 / m)  # start from uniform weights
    stumps: list[Node] = []
    alphas: list[float] = []
    for _ in range(n_estimators):
        stump = _fit_tree(X, Y, max_depth=1, sample_weight=w)
        wrong = _predict_tree(stump, X) != Y
        err = np.sum(w * wrong) / np.sum(w)  # weighted training error
        if err == 0:  # a perfect stump: keep it with α = 1 and stop, as scikit-learn does
            return [*stumps, stump], np.array([*alphas, 1.0])
        if err >= 1 - 1 / K:  # no better than chance: drop it and stop
            break
        alpha = np.log((1 - err) / err) + np.log(K - 1)
        stumps.append(stump)
        alphas.append(float(alpha))
        w = w * np.exp(alpha * wrong)  # the mistakes weigh more in the next round
        w = w / np.sum(w)
    return stumps, np.array(alphas)


def _adaboost_predict(model: tuple[list[Node], np.ndarray], X: np.ndarray) -> np.ndarray:
    """C(x) = argmax_k Σ_t α_t·[h_t(x) = k]: the α-weighted vote of the stumps, (1, m).

    >>> model = ([Node(0), Node(1), Node(1)], np.array([2.5, 1.0, 1.0]))
    >>> print(_adaboost_predict(model, np.zeros((1, 2))))
    [[0 0]]
    """
    stumps, alphas = model
    return _majority_vote(np.concatenate([_predict_tree(s, X) for s in stumps]), alphas)
# --8<-- [end:adaboost]


# --8<-- [start:random_forest]
def _random_forest_fit(
    X: np.ndarray, Y: np.ndarray, n_trees: int, *, max_depth: int | None,
    max_features: int, rng: np.random.Generator,
) -> list[Node]:
    """A random forest (Breiman 2001): bagging whose trees split on max_features random features.

    >>> X = np.array([[0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]])
    >>> Y = np.array([[0, 0, 0, 1, 1, 1]])  # row 0 separates the classes, row 1 is noise
    >>> forest = _random_forest_fit(X, Y, 25, max_depth=None, max_features=1,
    ...                             rng=np.random.default_rng(0))
    >>> print(_bagging_predict(forest, X))
    [[0 0 0 1 1 1]]
    """
    return _bagging_fit(X, Y, n_trees, max_depth=max_depth, rng=rng, max_features=max_features)
# --8<-- [end:random_forest]


# The public functions: validate at the boundary, then call the reference.


def _check_X(X: object, name: str = "X") -> np.ndarray:
    """X as a finite 2-D float array (n_x, m)."""
    arr = as_float_array(X, name)
    check_ndim(arr, name, 2)
    return arr


def _check_labels(Y: object, X: np.ndarray, name: str = "Y") -> np.ndarray:
    """Y as an int64 (1, m) array of integer labels matching the m columns of X."""
    arr = _check_labels_2d(Y, name, min_ndim=0)
    if arr.shape != (1, X.shape[1]):
        raise ValueError(f"{name} must have shape (1, {X.shape[1]}), one label per column of X "
                         f"(got {arr.shape})")
    return arr


def _is_int_array(x: object) -> bool:
    return isinstance(x, np.ndarray) and x.dtype.kind in "biu"


def _check_depth(max_depth: object) -> int | None:
    return None if max_depth is None else check_int(max_depth, "max_depth", low=1)


def _check_tree(tree: object, name: str = "tree") -> Node:
    if not isinstance(tree, Node):
        raise TypeError(f"{name} must be a Node, as fit_tree returns (got {type(tree).__name__})")
    return tree


def _check_trees(trees: object, name: str = "trees") -> list[Node]:
    if not isinstance(trees, list | tuple) or not trees:
        raise TypeError(f"{name} must be a non-empty list of Node trees "
                        f"(got {type(trees).__name__}{' (empty)' if trees == [] else ''})")
    return [_check_tree(t, f"{name}[{i}]") for i, t in enumerate(trees)]


def _features_used(tree: Node) -> int:
    """1 + the largest feature index the tree splits on (0 for a single leaf)."""
    if tree.left is None or tree.right is None:
        return 0
    return max(tree.feature + 1, _features_used(tree.left), _features_used(tree.right))


def _check_X_for(trees: list[Node], X: object) -> np.ndarray:
    arr = _check_X(X)
    need = max(_features_used(t) for t in trees)
    if arr.shape[0] < need:
        raise ValueError(f"X must have at least {need} rows (features), as the trees split on "
                         f"feature {need - 1} (got shape {arr.shape})")
    return arr


def fit_tree(
    X: np.ndarray,
    Y: np.ndarray,
    *,
    max_depth: int | None,
    criterion: str = "gini",
    sample_weight: np.ndarray | None = None,
    max_features: int | None = None,
    rng: np.random.Generator | None = None,
) -> Node:
    r"""Grow a classification tree (决策树) by greedy exact splits (CART).

    Parameters
    ----------
    X : array_like
        ``(n_x, m)`` finite features, one example per column (float32 kept for the
        thresholds).
    Y : array_like
        ``(1, m)`` integer class labels (any K ≥ 1 distinct values).
    max_depth : int or None
        Depth limit ≥ 1 (1 grows a stump, 决策树桩); None grows until every leaf is pure or
        unsplittable.
    criterion : {"gini", "entropy"}, default "gini"
        The impurity whose weighted sum over the two children a split minimizes.
    sample_weight : array_like, optional
        ``(1, m)`` non-negative finite weights with a positive sum (AdaBoost's); default all 1.
    max_features : int, optional
        Split each node on this many features drawn without replacement (1 ≤ max_features
        ≤ n_x; needs ``rng``); default every feature.
    rng : numpy.random.Generator, optional
        Draws the features when ``max_features`` is given; unused otherwise.

    Returns
    -------
    Node
        The root; a leaf has ``left = right = None`` and predicts its ``label``.

    Raises
    ------
    ValueError
        If X is not 2-D and finite, Y is not ``(1, m)`` integers, max_depth < 1, a weight is
        negative or they sum to 0, or max_features is outside [1, n_x].
    TypeError
        If an argument is of the wrong kind (criterion not a str, rng not a Generator when
        max_features is given).

    Notes
    -----
    At a node with weighted class counts :math:`c_k` (:math:`n = \sum_k c_k`,
    :math:`p_k = c_k / n`), the split :math:`x_j \le t` is the one of least

    .. math:: n_L\, I(p^L) + n_R\, I(p^R), \qquad
              I_\text{Gini}(p) = 1 - \sum_k p_k^2, \quad I_\text{entropy}(p) = -\sum_k p_k \log p_k

    over every feature and every threshold halfway between two consecutive distinct values
    (the first on a tie: lowest feature, then lowest threshold). A node is a leaf when it is
    pure, at ``max_depth``, or every feature is constant on it; it predicts the class of
    largest weight (the smallest label on a tie). This is scikit-learn's exact splitter with
    its defaults; scikit-learn visits the features in a random order, so only a tie in the
    impurity can make the two trees differ.

    Examples
    --------
    >>> from dlnotes.ensembles import fit_tree, predict_tree
    >>> X = np.array([[0.1, 0.4, 0.6, 0.9], [5.0, 1.0, 2.0, 3.0]])
    >>> Y = np.array([[0, 0, 1, 1]])
    >>> tree = fit_tree(X, Y, max_depth=1)
    >>> print(tree.feature, tree.threshold, tree.left.label, tree.right.label)
    0 0.5 0 1
    >>> print(predict_tree(tree, np.array([[0.3, 0.8], [0.0, 0.0]])))
    [[0 1]]
    """
    x = _check_X(X)
    y = _check_labels(Y, x)
    depth = _check_depth(max_depth)
    crit = check_choice(criterion, "criterion", ("gini", "entropy"))
    w = None
    if sample_weight is not None:
        w = as_float_array(sample_weight, "sample_weight").astype(np.float64)
        check_same_shape(w, y, "sample_weight", "Y")
        if (w < 0).any() or not w.sum() > 0:
            raise ValueError("sample_weight must be >= 0 with a positive sum "
                             f"(got minimum {float(w.min())!r}, sum {float(w.sum())!r})")
    k = None
    if max_features is not None:
        k = check_int(max_features, "max_features", low=1, high=x.shape[0])
        rng = check_rng(rng)
    return _fit_tree(x, y, max_depth=depth, criterion=crit, sample_weight=w, max_features=k,
                     rng=rng)


def predict_tree(tree: Node, X: np.ndarray) -> np.ndarray:
    r"""The labels a tree predicts for the columns of X.

    Parameters
    ----------
    tree : Node
        A tree from :func:`fit_tree`.
    X : array_like
        ``(n_x, m)`` finite features with at least the rows the tree splits on.

    Returns
    -------
    numpy.ndarray
        ``(1, m)`` int64 labels.

    Raises
    ------
    ValueError
        If X is not 2-D and finite or has fewer rows than the tree's features.
    TypeError
        If tree is not a Node.

    Notes
    -----
    From the root, a column goes left when :math:`x_j \le t` and right otherwise, until a leaf,
    whose label it gets.

    Examples
    --------
    >>> from dlnotes.ensembles import Node, predict_tree
    >>> stump = Node(0, feature=0, threshold=0.5, left=Node(0), right=Node(1))
    >>> print(predict_tree(stump, np.array([[0.2, 0.7]])))
    [[0 1]]
    """
    t = _check_tree(tree)
    return _predict_tree(t, _check_X_for([t], X))


def bootstrap_sample(m: int, *, rng: np.random.Generator) -> np.ndarray:
    r"""Indices of a bootstrap sample (自助采样): m draws with replacement from 0 … m − 1.

    Parameters
    ----------
    m : int
        Number of examples, ≥ 1.
    rng : numpy.random.Generator
        The source of the draws.

    Returns
    -------
    numpy.ndarray
        ``(m,)`` int64 indices; ``X[:, idx]`` is the sample.

    Raises
    ------
    ValueError
        If m < 1.
    TypeError
        If m is not an int or rng not a Generator.

    Notes
    -----
    Each index is uniform on :math:`\{0, \dots, m-1\}`, independently; an example is left out
    with probability :math:`(1 - 1/m)^m \to e^{-1} \approx 0.368`.

    Examples
    --------
    >>> from dlnotes.ensembles import bootstrap_sample
    >>> idx = bootstrap_sample(10_000, rng=np.random.default_rng(0))
    >>> print(f"{1 - np.unique(idx).size / 10_000:.3f}")  # left out: about 1/e = 0.368
    0.365
    """
    return _bootstrap_sample(check_int(m, "m", low=1), rng=check_rng(rng))


def majority_vote(predictions: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    r"""The (weighted) majority vote (多数投票) of several models' label predictions.

    Parameters
    ----------
    predictions : array_like
        ``(T, m)`` integer labels: row t holds model t's predictions for the m examples.
    weights : array_like, optional
        ``(T,)`` finite non-negative vote weights (AdaBoost's α); default 1 each.

    Returns
    -------
    numpy.ndarray
        ``(1, m)`` int64: per column the label with the largest total weight; a tie goes to the
        smallest label.

    Raises
    ------
    ValueError
        If predictions is not 2-D integers or weights is not ``(T,)``, finite and ≥ 0.
    TypeError
        If an argument is not an array of real numbers.

    Notes
    -----
    .. math:: \hat y = \arg\max_k \sum_{t=1}^{T} w_t\, [h_t(x) = k]

    Examples
    --------
    >>> from dlnotes.ensembles import majority_vote
    >>> print(majority_vote(np.array([[0, 1, 1], [1, 1, 0], [1, 0, 0]])))
    [[1 1 0]]
    >>> print(majority_vote(np.array([[0, 1], [1, 0]])))  # ties: the smallest label
    [[0 0]]
    """
    p = _check_labels_2d(predictions, "predictions")
    w = None
    if weights is not None:
        w = as_float_array(weights, "weights").astype(np.float64)
        if w.shape != (p.shape[0],):
            raise ValueError(f"weights must have shape ({p.shape[0]},), one per row of "
                             f"predictions (got {w.shape})")
        if (w < 0).any():
            raise ValueError(f"weights must be >= 0 (got minimum {float(w.min())!r})")
    return _majority_vote(p, w)


def _check_labels_2d(labels: object, name: str, *, min_ndim: int = 2) -> np.ndarray:
    """Integer class labels (int, bool or integral floats, finite) as int64, at least 2-D."""
    arr = np.asarray(labels) if _is_int_array(labels) else as_float_array(labels, name)
    if arr.ndim < min_ndim or arr.ndim > 2:
        raise ValueError(f"{name} must be 2-D (got shape {arr.shape})")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty (got shape {arr.shape})")
    if arr.dtype.kind == "f":  # integral values that fit in int64
        bad = (arr != np.round(arr)) | (np.abs(arr) >= 2.0**63)
        if bad.any():
            raise ValueError(f"{name} must hold integer class labels "
                             f"(got {float(arr[bad][0])!r})")
    if arr.dtype.kind == "u" and arr.size and arr.max() >= 2**63:
        raise ValueError(f"{name} must hold integer class labels below 2**63 "
                         f"(got {int(arr.max())})")
    return arr.astype(np.int64)


def _check_ensemble_args(
    X: object, Y: object, n: object, n_name: str, max_depth: object, rng: object
) -> tuple[np.ndarray, np.ndarray, int, int | None, np.random.Generator]:
    x = _check_X(X)
    return (x, _check_labels(Y, x), check_int(n, n_name, low=1), _check_depth(max_depth),
            check_rng(rng))


def bagging_fit(
    X: np.ndarray,
    Y: np.ndarray,
    n_estimators: int,
    *,
    max_depth: int | None,
    rng: np.random.Generator,
) -> list[Node]:
    r"""Bagging (装袋, bootstrap aggregating): one tree per bootstrap sample.

    Parameters
    ----------
    X : array_like
        ``(n_x, m)`` finite features, one example per column.
    Y : array_like
        ``(1, m)`` integer labels.
    n_estimators : int
        Number of trees T ≥ 1.
    max_depth : int or None
        Each tree's depth limit (≥ 1), or None for fully grown trees (low bias, high
        variance: what the vote repairs).
    rng : numpy.random.Generator
        Draws the bootstrap samples.

    Returns
    -------
    list of Node
        The T trees, for :func:`bagging_predict`.

    Raises
    ------
    ValueError
        If X or Y is malformed, n_estimators < 1 or max_depth < 1.
    TypeError
        If an argument is of the wrong kind.

    Notes
    -----
    For :math:`t = 1, \dots, T`: draw a bootstrap sample :math:`D_t` of the m examples and grow
    :math:`h_t` on it; predict by the majority vote of :math:`h_1, \dots, h_T`. Averaging T
    models, each of variance :math:`\sigma^2` and pairwise correlation :math:`\rho`, leaves
    :math:`\rho\sigma^2 + (1-\rho)\sigma^2/T`.

    Examples
    --------
    >>> from dlnotes.data import make_moons
    >>> from dlnotes.ensembles import bagging_fit, bagging_predict
    >>> X, Y = make_moons(200, noise=0.3, rng=np.random.default_rng(0))
    >>> trees = bagging_fit(X, Y, 25, max_depth=None, rng=np.random.default_rng(1))
    >>> print(len(trees), bagging_predict(trees, X).shape)
    25 (1, 200)
    """
    x, y, n, depth, gen = _check_ensemble_args(X, Y, n_estimators, "n_estimators", max_depth, rng)
    return _bagging_fit(x, y, n, max_depth=depth, rng=gen)


def bagging_predict(trees: list[Node], X: np.ndarray) -> np.ndarray:
    r"""The majority vote of bagged trees (or of a random forest) on the columns of X.

    Parameters
    ----------
    trees : list of Node
        From :func:`bagging_fit` or :func:`random_forest_fit`.
    X : array_like
        ``(n_x, m)`` finite features.

    Returns
    -------
    numpy.ndarray
        ``(1, m)`` int64 labels (a tie goes to the smallest label).

    Raises
    ------
    ValueError
        If X is not 2-D and finite or has fewer rows than the trees' features.
    TypeError
        If trees is not a non-empty list of Node.

    Notes
    -----
    .. math:: \hat y(x) = \arg\max_k \sum_{t=1}^{T} [h_t(x) = k]

    scikit-learn's ``BaggingClassifier`` and ``RandomForestClassifier`` average the trees'
    class probabilities instead (soft voting); with fully grown trees, whose leaves are pure,
    the two votes agree.

    Examples
    --------
    >>> from dlnotes.ensembles import Node, bagging_predict
    >>> print(bagging_predict([Node(0), Node(1), Node(1)], np.zeros((2, 2))))
    [[1 1]]
    """
    t = _check_trees(trees)
    return _bagging_predict(t, _check_X_for(t, X))


def adaboost_fit(
    X: np.ndarray, Y: np.ndarray, n_estimators: int
) -> tuple[list[Node], np.ndarray]:
    r"""AdaBoost (SAMME, 自适应提升) on decision stumps.

    Parameters
    ----------
    X : array_like
        ``(n_x, m)`` finite features.
    Y : array_like
        ``(1, m)`` integer labels, K ≥ 1 classes.
    n_estimators : int
        The most boosting rounds T ≥ 1 (fewer when a stump is perfect or no better than chance).

    Returns
    -------
    stumps : list of Node
        The stumps kept, in order.
    alphas : numpy.ndarray
        ``(len(stumps),)`` float64 vote weights α.

    Raises
    ------
    ValueError
        If X or Y is malformed, n_estimators < 1, or the first stump is no better than chance
        (err ≥ 1 − 1/K), as scikit-learn.
    TypeError
        If an argument is of the wrong kind.

    Notes
    -----
    From :math:`w_i = 1/m`, for each round t (Zhu, Zou, Rosset & Hastie 2009; for K = 2 it is
    Freund & Schapire's AdaBoost.M1):

    .. math::
        h_t = \text{stump fit with weights } w, \quad
        \text{err}_t = \frac{\sum_i w_i [h_t(x_i) \ne y_i]}{\sum_i w_i}, \quad
        \alpha_t = \log\frac{1 - \text{err}_t}{\text{err}_t} + \log(K - 1), \\
        w_i \leftarrow w_i\, e^{\alpha_t [h_t(x_i) \ne y_i]}, \quad
        w \leftarrow w / \textstyle\sum_i w_i .

    A perfect stump (err = 0) is kept with α = 1 and ends the loop; one with
    err ≥ 1 − 1/K is dropped and ends it, as in scikit-learn (whose α agree with these
    to rounding). scikit-learn also clips the weights at 2.2e-16 from below; this reference
    does not (it matters only after hundreds of rounds).

    Examples
    --------
    >>> from dlnotes.data import make_moons
    >>> from dlnotes.ensembles import adaboost_fit, adaboost_predict
    >>> X, Y = make_moons(200, noise=0.2, rng=np.random.default_rng(0))
    >>> stumps, alphas = adaboost_fit(X, Y, 40)
    >>> print(len(stumps), f"{np.mean(adaboost_predict((stumps, alphas), X) == Y):.2f}")
    40 0.99
    """
    x = _check_X(X)
    y = _check_labels(Y, x)
    stumps, alphas = _adaboost_fit(x, y, check_int(n_estimators, "n_estimators", low=1))
    if not stumps:
        raise ValueError("X and Y: the first stump is no better than chance (weighted error "
                         f">= 1 - 1/K with K = {np.unique(y).size}; no feature of X separates the "
                         "labels): nothing to boost")
    return stumps, alphas


def adaboost_predict(model: tuple[list[Node], np.ndarray], X: np.ndarray) -> np.ndarray:
    r"""The α-weighted vote of boosted stumps on the columns of X.

    Parameters
    ----------
    model : (list of Node, numpy.ndarray)
        ``(stumps, alphas)`` from :func:`adaboost_fit`.
    X : array_like
        ``(n_x, m)`` finite features.

    Returns
    -------
    numpy.ndarray
        ``(1, m)`` int64 labels (a tie goes to the smallest label, as scikit-learn).

    Raises
    ------
    ValueError
        If alphas is not one finite weight ≥ 0 per stump, or X is malformed.
    TypeError
        If model is not a (stumps, alphas) pair.

    Notes
    -----
    .. math:: C(x) = \arg\max_k \sum_{t=1}^{T} \alpha_t\, [h_t(x) = k]

    Examples
    --------
    >>> from dlnotes.ensembles import Node, adaboost_predict
    >>> model = ([Node(0), Node(1), Node(1)], np.array([2.5, 1.0, 1.0]))
    >>> print(adaboost_predict(model, np.zeros((1, 2))))
    [[0 0]]
    """
    if not isinstance(model, tuple) or len(model) != 2:
        raise TypeError(f"model must be a (stumps, alphas) pair, as adaboost_fit returns "
                        f"(got {type(model).__name__})")
    stumps = _check_trees(model[0], "model[0] (stumps)")
    alphas = as_float_array(model[1], "model[1] (alphas)").astype(np.float64)
    if alphas.shape != (len(stumps),) or (alphas < 0).any():
        raise ValueError(f"model[1] (alphas) must be {len(stumps)} weights >= 0, one per stump "
                         f"(got shape {alphas.shape})")
    return _adaboost_predict((stumps, alphas), _check_X_for(stumps, X))


def random_forest_fit(
    X: np.ndarray,
    Y: np.ndarray,
    n_trees: int,
    *,
    max_depth: int | None,
    max_features: int | str = "sqrt",
    rng: np.random.Generator,
) -> list[Node]:
    r"""A random forest (随机森林): bagged trees that split on random subsets of the features.

    Parameters
    ----------
    X : array_like
        ``(n_x, m)`` finite features.
    Y : array_like
        ``(1, m)`` integer labels.
    n_trees : int
        Number of trees T ≥ 1.
    max_depth : int or None
        Each tree's depth limit (≥ 1), or None for fully grown trees.
    max_features : int or "sqrt", default "sqrt"
        Features drawn (without replacement) at each node: an int in [1, n_x], or "sqrt" for
        :math:`\max(1, \lfloor\sqrt{n_x}\rfloor)` as scikit-learn.
    rng : numpy.random.Generator
        Draws the bootstrap samples and the features.

    Returns
    -------
    list of Node
        The T trees, for :func:`random_forest_predict`.

    Raises
    ------
    ValueError
        If X or Y is malformed, n_trees < 1, max_depth < 1, or max_features is out of range.
    TypeError
        If an argument is of the wrong kind.

    Notes
    -----
    Bagging, plus at every node only :math:`k` of the :math:`n_x` features (drawn afresh) are
    searched, which decorrelates the trees (Breiman 2001). When those k are all constant on a
    node it becomes a leaf (scikit-learn draws further features instead). Votes are hard
    (:func:`bagging_predict`); scikit-learn averages probabilities.

    Examples
    --------
    >>> from dlnotes.data import make_moons
    >>> from dlnotes.ensembles import random_forest_fit, random_forest_predict
    >>> X, Y = make_moons(200, noise=0.3, rng=np.random.default_rng(0))
    >>> forest = random_forest_fit(X, Y, 25, max_depth=None, rng=np.random.default_rng(1))
    >>> print(len(forest), random_forest_predict(forest, X).shape)
    25 (1, 200)
    """
    x, y, n, depth, gen = _check_ensemble_args(X, Y, n_trees, "n_trees", max_depth, rng)
    if isinstance(max_features, str):
        check_choice(max_features, "max_features", ("sqrt",))
        k = max(1, int(np.sqrt(x.shape[0])))
    else:
        k = check_int(max_features, "max_features", low=1, high=x.shape[0])
    return _random_forest_fit(x, y, n, max_depth=depth, max_features=k, rng=gen)


def random_forest_predict(trees: list[Node], X: np.ndarray) -> np.ndarray:
    r"""The majority vote of a random forest's trees on the columns of X.

    Parameters
    ----------
    trees : list of Node
        From :func:`random_forest_fit`.
    X : array_like
        ``(n_x, m)`` finite features.

    Returns
    -------
    numpy.ndarray
        ``(1, m)`` int64 labels (a tie goes to the smallest label).

    Raises
    ------
    ValueError
        If X is not 2-D and finite or has fewer rows than the trees' features.
    TypeError
        If trees is not a non-empty list of Node.

    Notes
    -----
    .. math:: \hat y(x) = \arg\max_k \sum_{t=1}^{T} [h_t(x) = k]

    The same vote as :func:`bagging_predict`.

    Examples
    --------
    >>> from dlnotes.ensembles import Node, random_forest_predict
    >>> print(random_forest_predict([Node(1), Node(0), Node(1)], np.zeros((3, 1))))
    [[1]]
    """
    return bagging_predict(trees, X)
