"""dlnotes.ensembles: trees, AdaBoost and forests against scikit-learn, invariants, bad input.

scikit-learn's exact splitter visits the features in a random order and keeps the first best
split, so where two splits tie in impurity the two trees may legitimately differ below that
node. The tree tests therefore find the ties by brute force (every feature, every midpoint,
class counts by np.bincount: an implementation independent of the module's cumulative sums),
compare the splits node by node wherever the best one is unique, and at a tie check that
scikit-learn's split is one of the tied optima. The data are float32 values (scikit-learn
computes in float32), continuous and random.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.ensemble import AdaBoostClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

from dlnotes.data import make_moons
from dlnotes.ensembles import (
    Node,
    adaboost_fit,
    adaboost_predict,
    bagging_fit,
    bagging_predict,
    bootstrap_sample,
    fit_tree,
    majority_vote,
    predict_tree,
    random_forest_fit,
    random_forest_predict,
)


def continuous_data(
    seed: int, m: int = 300, n: int = 4, K: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian features (float32 values held in float64), K classes by quantiles of a noisy
    non-linear score: continuous, so no two values of a feature are equal."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m)).astype(np.float32).astype(np.float64)
    z = X[0] + 0.5 * X[1] ** 2 + 0.5 * rng.standard_normal(m)
    Y = np.digitize(z, np.quantile(z, np.linspace(0, 1, K + 1)[1:-1]))[None, :]
    return X, Y.astype(np.int64)


def impurity(counts: np.ndarray, criterion: str) -> float:
    n = counts.sum()
    if n == 0:
        return 0.0
    p = counts[counts > 0] / n
    return float(n * (1 - np.sum(p**2) if criterion == "gini" else -np.sum(p * np.log(p))))


def split_cost(x: np.ndarray, y: np.ndarray, w: np.ndarray, t: float, K: int, crit: str) -> float:
    left = x <= t
    return impurity(np.bincount(y[left], w[left], K), crit) + impurity(
        np.bincount(y[~left], w[~left], K), crit)


def all_costs(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, K: int, crit: str
) -> list[tuple[float, int, float]]:
    """(cost, feature, threshold) of every candidate split, by brute force."""
    out = []
    for j in range(X.shape[0]):
        v = np.unique(X[j])
        for t in (v[:-1] + v[1:]) / 2:
            out.append((split_cost(X[j], y, w, t, K, crit), j, float(t)))
    return out


def compare_with_sklearn(
    tree: Node, sk: DecisionTreeClassifier, X: np.ndarray, y: np.ndarray, w: np.ndarray,
    K: int, crit: str, node: int = 0,
) -> tuple[int, int]:
    """Walk both trees; return (nodes compared, ties met). Asserts on every difference."""
    t = sk.tree_
    if tree.left is None or tree.right is None:
        assert t.children_left[node] == -1, "ours is a leaf, scikit-learn's is not"
        assert sk.classes_[np.argmax(t.value[node][0])] == tree.label
        return 1, 0
    assert t.children_left[node] != -1, "scikit-learn's is a leaf, ours is not"
    costs = all_costs(X, y, w, K, crit)
    best = min(c for c, _, _ in costs)
    tol = 1e-9 * max(1.0, abs(best))
    ours = split_cost(X[tree.feature], y, w, tree.threshold, K, crit)
    theirs = split_cost(X[t.feature[node]], y, w, t.threshold[node], K, crit)
    assert ours <= best + tol and theirs <= best + tol  # both optimal
    if sum(c <= best + tol for c, _, _ in costs) > 1:  # a tie: the subtrees may differ
        return 1, 1
    assert t.feature[node] == tree.feature
    assert t.threshold[node] == pytest.approx(tree.threshold, rel=1e-6, abs=1e-7)
    go = X[tree.feature] <= tree.threshold
    a = compare_with_sklearn(tree.left, sk, X[:, go], y[go], w[go], K, crit,
                             t.children_left[node])
    b = compare_with_sklearn(tree.right, sk, X[:, ~go], y[~go], w[~go], K, crit,
                             t.children_right[node])
    return 1 + a[0] + b[0], a[1] + b[1]


# ---------------------------------------------------------------- trees against scikit-learn


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize("K", [2, 3])
@pytest.mark.parametrize("max_depth", [1, 2, 3, 5])
def test_tree_splits_equal_sklearn_wherever_the_best_split_is_unique(
    criterion: str, K: int, max_depth: int
) -> None:
    compared = ties = 0
    for seed in range(3):
        X, Y = continuous_data(seed, K=K)
        tree = fit_tree(X, Y, max_depth=max_depth, criterion=criterion)
        sk = DecisionTreeClassifier(max_depth=max_depth, criterion=criterion, random_state=seed)
        sk.fit(X.T, Y[0])
        n, k = compare_with_sklearn(tree, sk, X, Y[0], np.ones(Y.shape[1]), K, criterion)
        compared, ties = compared + n, ties + k
    # the walk went deep: over three seeds, at least 2·2^depth nodes equal without a tie
    # (measured: 9, 21, 41-45 and 88-102 of them at depths 1, 2, 3 and 5)
    assert compared - ties >= 2 * 2**max_depth


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
@pytest.mark.parametrize(("K", "seed"), [(2, 0), (2, 1), (3, 2), (3, 3)])
@pytest.mark.parametrize("max_depth", [1, 2, 3])
def test_tree_predictions_equal_sklearn_on_tie_free_data(
    criterion: str, K: int, seed: int, max_depth: int
) -> None:
    X, Y = continuous_data(seed, K=K)
    X_test, _ = continuous_data(seed + 100, m=1000, K=K)
    tree = fit_tree(X, Y, max_depth=max_depth, criterion=criterion)
    sk = DecisionTreeClassifier(max_depth=max_depth, criterion=criterion, random_state=0)
    sk.fit(X.T, Y[0])
    _, ties = compare_with_sklearn(tree, sk, X, Y[0], np.ones(Y.shape[1]), K, criterion)
    assert ties == 0  # the precondition: these data have no tied best split at these depths
    np.testing.assert_array_equal(predict_tree(tree, X)[0], sk.predict(X.T))
    np.testing.assert_array_equal(predict_tree(tree, X_test)[0], sk.predict(X_test.T))


@pytest.mark.parametrize("max_depth", [1, 2, 3])
def test_weighted_tree_equals_sklearn_with_sample_weight(max_depth: int) -> None:
    X, Y = continuous_data(5)
    w = np.random.default_rng(5).uniform(0.1, 2.0, size=(1, Y.shape[1]))
    tree = fit_tree(X, Y, max_depth=max_depth, sample_weight=w)
    sk = DecisionTreeClassifier(max_depth=max_depth, random_state=0)
    sk.fit(X.T, Y[0], sample_weight=w[0])
    n, _ = compare_with_sklearn(tree, sk, X, Y[0], w[0], 2, "gini")
    assert n >= 2**max_depth  # the walk compared most nodes (a tie ends it at that node)


def test_full_depth_tree_equals_sklearn_on_the_training_data() -> None:
    # fully grown trees are pure at every leaf, whichever tied split each picked
    for K in (2, 3):
        X, Y = continuous_data(7, K=K)
        tree = fit_tree(X, Y, max_depth=None, criterion="entropy")
        sk = DecisionTreeClassifier(criterion="entropy", random_state=0).fit(X.T, Y[0])
        np.testing.assert_array_equal(predict_tree(tree, X)[0], sk.predict(X.T))
        np.testing.assert_array_equal(predict_tree(tree, X), Y)


# ---------------------------------------------------------------- AdaBoost against scikit-learn


@pytest.mark.parametrize(("K", "n_estimators"), [(2, 10), (2, 40), (3, 25)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adaboost_equals_sklearn_samme(K: int, n_estimators: int, seed: int) -> None:
    X, Y = continuous_data(seed, K=K)
    X_test, _ = continuous_data(seed + 100, m=1000, K=K)
    stumps, alphas = adaboost_fit(X, Y, n_estimators)
    sk = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1),
                            n_estimators=n_estimators, random_state=0).fit(X.T, Y[0])
    assert len(stumps) == len(sk.estimators_) == n_estimators
    np.testing.assert_allclose(alphas, sk.estimator_weights_, rtol=1e-12)
    for ours, theirs in zip(stumps, sk.estimators_, strict=True):
        assert ours.feature == theirs.tree_.feature[0]
        assert ours.threshold == pytest.approx(theirs.tree_.threshold[0], rel=1e-6, abs=1e-7)
    np.testing.assert_array_equal(adaboost_predict((stumps, alphas), X)[0], sk.predict(X.T))
    np.testing.assert_array_equal(
        adaboost_predict((stumps, alphas), X_test)[0], sk.predict(X_test.T))


def test_adaboost_stops_at_a_perfect_stump_with_alpha_one_as_sklearn() -> None:
    X, _ = continuous_data(3)
    Y = (X[2:3] > 0.1).astype(np.int64)  # one threshold on feature 2 separates the classes
    stumps, alphas = adaboost_fit(X, Y, 10)
    sk = AdaBoostClassifier(estimator=DecisionTreeClassifier(max_depth=1),
                            n_estimators=10, random_state=0).fit(X.T, Y[0])
    assert len(stumps) == len(sk.estimators_) == 1
    assert alphas.tolist() == [1.0] and sk.estimator_weights_[0] == 1.0
    assert stumps[0].feature == 2
    np.testing.assert_array_equal(adaboost_predict((stumps, alphas), X), Y)


def test_adaboost_with_no_better_than_chance_first_stump_is_an_error() -> None:
    X = np.zeros((2, 4))  # constant features: the stump is one leaf, error 1/2 = 1 − 1/K
    message = r"X and Y: the first stump is no better than chance .* K = 2; no feature of X"
    with pytest.raises(ValueError, match=message):
        adaboost_fit(X, np.array([[0, 1, 0, 1]]), 5)


# ---------------------------------------------------------------- forests and bagging


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_forest_accuracy_within_0_05_of_sklearn(seed: int) -> None:
    # The two forests draw different bootstrap samples and features, vote hard (ours) or soft
    # (scikit-learn's mean probability), and scikit-learn draws more features at a node where
    # the first ones are constant. The test accuracy of either over seeds spreads by about
    # 0.01 and its standard error on 1000 points is about 0.012, so 0.05 is about four of them.
    X, Y = continuous_data(seed, m=400, n=9)
    X_test, Y_test = continuous_data(seed + 100, m=1000, n=9)
    forest = random_forest_fit(X, Y, 100, max_depth=None, rng=np.random.default_rng(seed))
    ours = float(np.mean(random_forest_predict(forest, X_test) == Y_test))
    sk = RandomForestClassifier(n_estimators=100, max_features="sqrt", random_state=seed)
    theirs = sk.fit(X.T, Y[0]).score(X_test.T, Y_test[0])
    assert abs(ours - theirs) <= 0.05, (ours, theirs)
    assert ours > 0.75  # and it has learnt something (the score's noise caps it near 0.85)


def test_random_forest_trees_split_on_max_features_drawn_features() -> None:
    # one informative feature among 9: with max_features=1 the root sees it in 1 of 9 trees
    X, _ = continuous_data(4, n=9)
    Y = (X[0:1] > 0).astype(np.int64)
    forest = random_forest_fit(X, Y, 90, max_depth=1, max_features=1,
                               rng=np.random.default_rng(4))
    roots = np.array([t.feature for t in forest])
    assert 3 <= np.sum(roots == 0) <= 20  # binomial(90, 1/9): mean 10
    bagged = bagging_fit(X, Y, 20, max_depth=1, rng=np.random.default_rng(4))
    assert all(t.feature == 0 for t in bagged)  # every feature searched: always the best one


def test_bagging_is_trees_on_bootstrap_samples_of_the_same_draws() -> None:
    X, Y = continuous_data(6)
    trees = bagging_fit(X, Y, 5, max_depth=3, rng=np.random.default_rng(6))
    rng = np.random.default_rng(6)
    for tree in trees:
        idx = bootstrap_sample(X.shape[1], rng=rng)
        assert tree == fit_tree(X[:, idx], Y[:, idx], max_depth=3)


def test_bagging_beats_one_deep_tree_on_noisy_moons() -> None:
    X, Y = make_moons(400, noise=0.35, rng=np.random.default_rng(0))
    X_test, Y_test = make_moons(2000, noise=0.35, rng=np.random.default_rng(1))
    tree = fit_tree(X, Y, max_depth=None)
    trees = bagging_fit(X, Y, 50, max_depth=None, rng=np.random.default_rng(2))
    one = np.mean(predict_tree(tree, X_test) == Y_test)
    bag = np.mean(bagging_predict(trees, X_test) == Y_test)
    assert np.mean(predict_tree(tree, X) == Y) == 1.0  # the deep tree fits the noise
    assert bag >= one + 0.02, (bag, one)


# ---------------------------------------------------------------- properties

labels_and_features = st.integers(2, 40).flatmap(
    lambda m: st.tuples(
        st.lists(st.integers(0, 3), min_size=m, max_size=m),
        st.lists(st.floats(-5, 5, allow_nan=False, width=32), min_size=2 * m, max_size=2 * m),
    )
)


def depth(tree: Node) -> int:
    if tree.left is None or tree.right is None:
        return 0
    return 1 + max(depth(tree.left), depth(tree.right))


def leaves(tree: Node, X: np.ndarray, Y: np.ndarray) -> list[tuple[Node, np.ndarray]]:
    if tree.left is None or tree.right is None:
        return [(tree, Y[0])]
    go = X[tree.feature] <= tree.threshold
    return leaves(tree.left, X[:, go], Y[:, go]) + leaves(tree.right, X[:, ~go], Y[:, ~go])


@settings(max_examples=60, deadline=None)
@given(labels_and_features, st.one_of(st.none(), st.integers(1, 4)),
       st.sampled_from(["gini", "entropy"]))
def test_tree_invariants(data: tuple[list[int], list[float]], max_depth: int | None,
                         criterion: str) -> None:
    labels, values = data
    Y = np.array([labels])
    X = np.array(values).reshape(2, -1)
    X_before, Y_before = X.copy(), Y.copy()
    tree = fit_tree(X, Y, max_depth=max_depth, criterion=criterion)
    np.testing.assert_array_equal(X, X_before)  # inputs never modified
    np.testing.assert_array_equal(Y, Y_before)
    assert max_depth is None or depth(tree) <= max_depth
    seen = set(labels)
    for leaf, y in leaves(tree, X, Y):
        assert y.size >= 1  # every leaf holds training examples
        assert leaf.label == np.bincount(y).argmax()  # the majority, smallest label on a tie
    assert set(np.unique(predict_tree(tree, np.random.default_rng(0).normal(size=(2, 50))))) <= seen
    if len(seen) == 1:  # a pure node is a leaf
        assert tree.left is None
    if max_depth is None:  # grown out: every leaf is pure, or its columns are all equal
        for _, y in leaves(tree, X, Y):
            assert np.unique(y).size == 1 or X.shape[1] > np.unique(X, axis=1).shape[1]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 500), st.integers(0, 2**32 - 1))
def test_bootstrap_indices_are_in_range(m: int, seed: int) -> None:
    idx = bootstrap_sample(m, rng=np.random.default_rng(seed))
    assert idx.shape == (m,) and idx.dtype.kind == "i"
    assert idx.min() >= 0 and idx.max() < m


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=20), st.integers(1, 6))
def test_vote_of_identical_predictions_is_that_prediction(row: list[int], T: int) -> None:
    predictions = np.tile(np.array(row), (T, 1))
    np.testing.assert_array_equal(majority_vote(predictions), [row])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_vote_ignores_the_order_of_the_models(T: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    predictions = rng.integers(0, 3, size=(T, m))
    vote = majority_vote(predictions)
    np.testing.assert_array_equal(vote, majority_vote(predictions[rng.permutation(T)]))
    counts = np.stack([(predictions == k).sum(axis=0) for k in range(3)])
    assert np.all(counts[vote[0], np.arange(m)] == counts.max(axis=0))  # the most votes


def test_vote_ties_go_to_the_smallest_label_and_weights_count() -> None:
    np.testing.assert_array_equal(majority_vote(np.array([[2, 5], [1, 7]])), [[1, 5]])
    weighted = majority_vote(np.array([[0, 0], [1, 1], [1, 2]]), np.array([1.5, 1.0, 0.6]))
    # column 0: label 1 has 1.0 + 0.6 > 1.5; column 1: label 0's 1.5 beats 1.0 and 0.6
    np.testing.assert_array_equal(weighted, [[1, 0]])


@settings(max_examples=30, deadline=None)
@given(st.integers(4, 60), st.floats(-1, 1), st.integers(0, 2**32 - 1))
def test_adaboost_separable_data_training_accuracy_is_one(m: int, cut: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, size=(3, m))
    Y = (X[1:2] > cut).astype(np.int64)
    model = adaboost_fit(X, Y, 5)
    np.testing.assert_array_equal(adaboost_predict(model, X), Y)


def test_float32_features_give_the_same_tree_with_float32_thresholds() -> None:
    X, Y = continuous_data(8)
    X32 = X.astype(np.float32)
    tree32, tree64 = fit_tree(X32, Y, max_depth=4), fit_tree(X, Y, max_depth=4)
    np.testing.assert_array_equal(predict_tree(tree32, X32), predict_tree(tree64, X))

    def thresholds(t: Node) -> list[float]:
        if t.left is None or t.right is None:
            return []
        return [t.threshold, *thresholds(t.left), *thresholds(t.right)]

    assert all(np.float32(t) == t for t in thresholds(tree32))  # float32 midpoints
    assert thresholds(tree32) == pytest.approx(thresholds(tree64), rel=1e-6)
    assert adaboost_predict(adaboost_fit(X32, Y, 5), X32).dtype == np.int64


def test_labels_may_be_any_integers_and_are_returned_as_given() -> None:
    X, Y = continuous_data(9, K=3)
    named = np.array([-4, 7, 20])[Y]
    tree = fit_tree(X, named, max_depth=3)
    np.testing.assert_array_equal(predict_tree(tree, X), np.array([-4, 7, 20])[
        predict_tree(fit_tree(X, Y, max_depth=3), X)])


# ---------------------------------------------------------------- bad input

RNG = np.random.default_rng(0)
X3, Y3 = np.array([[0.0, 1.0, 2.0]]), np.array([[0, 1, 1]])
STUMP = Node(0, feature=1, threshold=0.5, left=Node(0), right=Node(1))

BAD: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: fit_tree(X3[0], Y3, max_depth=1), ValueError, r"X must be 2-D \(got shape \(3,\)\)"),
    (lambda: fit_tree(np.array([[0.0, np.nan, 1.0]]), Y3, max_depth=1), ValueError,
     r"X must be finite \(got 1 NaN"),
    (lambda: fit_tree(X3, Y3[0], max_depth=1), ValueError,
     r"Y must have shape \(1, 3\), one label per column of X \(got \(3,\)\)"),
    (lambda: fit_tree(X3, np.array([[0.0, 0.5, 1.0]]), max_depth=1), ValueError,
     r"Y must hold integer class labels \(got 0.5\)"),
    (lambda: fit_tree(X3, np.array([[0.0, 1e300, 1.0]]), max_depth=1), ValueError,
     r"Y must hold integer class labels \(got 1e\+300\)"),  # beyond int64
    (lambda: fit_tree(X3, np.array([[0, 2**63, 1]], dtype=np.uint64), max_depth=1), ValueError,
     r"Y must hold integer class labels below 2\*\*63 \(got 9223372036854775808\)"),
    (lambda: fit_tree(X3, np.array([[0.0, np.nan, 1.0]]), max_depth=1), ValueError,
     r"Y must be finite \(got 1 NaN"),
    (lambda: fit_tree(X3, Y3, max_depth=0), ValueError, r"max_depth must be >= 1 \(got 0\)"),
    (lambda: fit_tree(X3, Y3, max_depth=2.0), TypeError, r"max_depth must be an int \(got float"),
    (lambda: fit_tree(X3, Y3, max_depth=1, criterion="log_loss"), ValueError,
     r"criterion must be one of 'gini', 'entropy' \(got 'log_loss'\)"),
    (lambda: fit_tree(X3, Y3, max_depth=1, criterion=None), TypeError,
     r"criterion must be a string"),
    (lambda: fit_tree(X3, Y3, max_depth=1, sample_weight=np.ones(3)), ValueError,
     r"sample_weight and Y must have the same shape \(got \(3,\) and \(1, 3\)\)"),
    (lambda: fit_tree(X3, Y3, max_depth=1, sample_weight=np.array([[1.0, -1.0, 1.0]])),
     ValueError, r"sample_weight must be >= 0 with a positive sum \(got minimum -1.0"),
    (lambda: fit_tree(X3, Y3, max_depth=1, sample_weight=np.zeros((1, 3))), ValueError,
     r"sample_weight must be >= 0 with a positive sum \(got minimum 0.0, sum 0.0\)"),
    (lambda: fit_tree(X3, Y3, max_depth=1, max_features=2, rng=RNG), ValueError,
     r"max_features must be in \[1, 1\] \(got 2\)"),
    (lambda: fit_tree(X3, Y3, max_depth=1, max_features=1), TypeError,
     r"rng must be a numpy.random.Generator"),
    (lambda: predict_tree("tree", X3), TypeError,
     r"tree must be a Node, as fit_tree returns \(got str\)"),
    (lambda: predict_tree(STUMP, X3), ValueError,
     r"X must have at least 2 rows \(features\), as the trees split on feature 1 "
     r"\(got shape \(1, 3\)\)"),
    (lambda: bootstrap_sample(0, rng=RNG), ValueError, r"m must be >= 1 \(got 0\)"),
    (lambda: bootstrap_sample(3, rng=0), TypeError, r"rng must be a numpy.random.Generator"),
    (lambda: majority_vote(np.array([0, 1])), ValueError,
     r"predictions must be 2-D \(got shape \(2,\)\)"),
    (lambda: majority_vote(np.array([[0.5, 1.0]])), ValueError,
     r"predictions must hold integer class labels \(got 0.5\)"),
    (lambda: majority_vote(np.array([[0, 1]]), np.ones(2)), ValueError,
     r"weights must have shape \(1,\), one per row of predictions \(got \(2,\)\)"),
    (lambda: majority_vote(np.array([[0, 1]]), np.array([-1.0])), ValueError,
     r"weights must be >= 0 \(got minimum -1.0\)"),
    (lambda: bagging_fit(X3, Y3, 0, max_depth=1, rng=RNG), ValueError,
     r"n_estimators must be >= 1 \(got 0\)"),
    (lambda: bagging_fit(X3, Y3, 2, max_depth=1, rng=None), TypeError,
     r"rng must be a numpy.random.Generator"),
    (lambda: bagging_predict([], X3), TypeError,
     r"trees must be a non-empty list of Node trees \(got list \(empty\)\)"),
    (lambda: bagging_predict([STUMP, "x"], X3), TypeError, r"trees\[1\] must be a Node"),
    (lambda: adaboost_fit(X3, Y3, 0), ValueError, r"n_estimators must be >= 1 \(got 0\)"),
    (lambda: adaboost_predict([STUMP], X3), TypeError,
     r"model must be a \(stumps, alphas\) pair, as adaboost_fit returns \(got list\)"),
    (lambda: adaboost_predict(([STUMP], np.array([1.0, 2.0])), X3), ValueError,
     r"model\[1\] \(alphas\) must be 1 weights >= 0, one per stump \(got shape \(2,\)\)"),
    (lambda: adaboost_predict(([STUMP], np.array([np.inf])), X3), ValueError,
     r"model\[1\] \(alphas\) must be finite"),
    (lambda: random_forest_fit(X3, Y3, 2, max_depth=1, max_features="log2", rng=RNG), ValueError,
     r"max_features must be one of 'sqrt' \(got 'log2'\)"),
    (lambda: random_forest_fit(X3, Y3, 2, max_depth=1, max_features=0, rng=RNG), ValueError,
     r"max_features must be in \[1, 1\] \(got 0\)"),
    (lambda: random_forest_fit(X3, Y3, 0, max_depth=1, rng=RNG), ValueError,
     r"n_trees must be >= 1 \(got 0\)"),
    (lambda: random_forest_predict((), X3), TypeError, r"trees must be a non-empty list"),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD)
def test_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()
