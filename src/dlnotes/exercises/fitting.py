"""Exercises of the chapter Under- and overfitting: k-fold indices, principal component analysis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes.exercises._engine import (
    Finding,
    call,
    call_problem,
    describe_inputs,
    judge_by_comparison,
    kind,
    run_mistake,
)
from dlnotes.exercises._model import Case, Exercise, Text, exercise, rng

CHAPTER = "fitting"


# ------------------------------------------------------------------ k-fold indices


def _ref_k_fold_indices(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train_idx, test_idx) of k folds of the examples 0, 1, …, m − 1, in order (no shuffling).

    Fold i is a contiguous run of ⌊m/k⌋ examples, one more for the first m mod k folds
    (m = 10, k = 3: sizes 4, 3, 3). test_idx is fold i; train_idx every other example.
    Return a list of k pairs of 1-D integer arrays.
    """
    order = np.arange(m)
    sizes = m // k + (np.arange(k) < m % k)  # the first m % k one larger
    stops = np.cumsum(sizes)
    return [
        (np.setdiff1d(order, order[stop - size : stop]), order[stop - size : stop])
        for size, stop in zip(sizes, stops, strict=True)
    ]


def _cases_k_fold() -> list[Case]:
    return [
        Case(Text("m = 10, k = 2", "m = 10，k = 2"), (10, 2), {}),
        Case(Text("m = 10, k = 5 (no remainder)", "m = 10，k = 5（没有余数）"), (10, 5), {}),
        Case(
            Text(
                "m = 23, k = 5 (23 = 4·5 + 3: folds of 5, 5, 5, 4, 4)",
                "m = 23，k = 5（23 = 4·5 + 3：各折大小 5、5、5、4、4）",
            ),
            (23, 5),
            {},
        ),
        Case(
            Text(
                "m = 23, k = 10 (folds of 3, 3, 3, 2, …)",
                "m = 23，k = 10（各折大小 3、3、3、2、…）",
            ),
            (23, 10),
            {},
        ),
        Case(Text("m = 9, k = 4", "m = 9，k = 4"), (9, 4), {}),
        Case(
            Text("m = 7 and the default k = 5", "m = 7，使用默认的 k = 5"),
            (7,),
            {},
        ),
    ]


def _listed(a: np.ndarray) -> str:
    return "[" + ", ".join(str(int(i)) for i in a) + "]"


Folds = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def _fold_sets(value: Any) -> Folds | None:
    """The folds as sorted index tuples (the order within a fold does not matter), or None."""
    if not isinstance(value, list | tuple):
        return None
    folds = []
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            return None
        if not all(
            isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype.kind in "iu" for a in pair
        ):
            return None
        train, test = (tuple(int(i) for i in np.sort(a)) for a in pair)
        folds.append((train, test))
    return tuple(folds)


def _fold_problem(value: Any, ref: list[tuple[np.ndarray, np.ndarray]]) -> Text | None:
    """The first way the learner's folds differ from the reference's, or None."""
    k = len(ref)
    if not isinstance(value, list | tuple):
        return Text(
            f"it returned {kind(value)}; expected a list of {k} (train_idx, test_idx) pairs",
            f"它返回了 {kind(value)}；应返回包含 {k} 个 (train_idx, test_idx) 对的列表",
        )
    if len(value) != k:
        want = [int(t.size) for _, t in ref]
        return Text(
            f"it returned {len(value)} folds; expected k = {k} folds (of sizes {want})",
            f"它返回了 {len(value)} 折；应为 k = {k} 折（大小为 {want}）",
        )
    for i, (pair, (train_ref, test_ref)) in enumerate(zip(value, ref, strict=True)):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            return Text(
                f"fold {i} is {kind(pair)}; expected a pair (train_idx, test_idx)",
                f"第 {i} 折是 {kind(pair)}；应为一对 (train_idx, test_idx)",
            )
        for name, a in zip(("train_idx", "test_idx"), pair, strict=True):
            if not (isinstance(a, np.ndarray) and a.ndim == 1 and a.dtype.kind in "iu"):
                got = f"an array of shape {a.shape} and dtype {a.dtype}" if isinstance(
                    a, np.ndarray
                ) else kind(a)
                return Text(
                    f"fold {i}: {name} is {got}; expected a 1-D NumPy array of integer indices",
                    f"第 {i} 折：{name} 是 {got}；应为一维整数下标 NumPy 数组",
                )
        train, test = np.sort(pair[0]), np.sort(pair[1])
        if not np.array_equal(test, test_ref):
            return Text(
                f"fold {i} (counting from 0): test_idx expected {_listed(test_ref)}, received "
                f"{_listed(test)}",
                f"第 {i} 折（从 0 数起）：test_idx 应为 {_listed(test_ref)}，实际得到 "
                f"{_listed(test)}",
            )
        leaked = np.intersect1d(train, test)
        if leaked.size:
            return Text(
                f"fold {i} (counting from 0): train_idx also holds the test indices "
                f"{_listed(leaked)}: the model would be scored on examples it was trained on",
                f"第 {i} 折（从 0 数起）：train_idx 里也有验证下标 {_listed(leaked)}：模型会在"
                "训练过的样本上评分",
            )
        if not np.array_equal(train, train_ref):
            return Text(
                f"fold {i} (counting from 0): train_idx expected {_listed(train_ref)}, received "
                f"{_listed(train)}",
                f"第 {i} 折（从 0 数起）：train_idx 应为 {_listed(train_ref)}，实际得到 "
                f"{_listed(train)}",
            )
    return None


def judge_k_fold(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Compare the folds case by case (indices within a fold in any order); name a mistake."""
    assert ex.cases is not None
    cases = ex.cases()
    names = ("m", "k")
    outs = [call(fn, c.args, c.kwargs, names) for c in cases]
    finding = None
    for case, out in zip(cases, outs, strict=True):
        problem = call_problem(out)
        if problem is None:
            problem = _fold_problem(out.value, ex.reference(*case.args, **case.kwargs))
        if problem is not None:
            finding = Finding(case.label, problem, inputs=describe_inputs(ex, case))
            break
    if finding is None:
        return None
    learner = [
        None if out.error is not None or out.warned else _fold_sets(out.value) for out in outs
    ]
    if any(folds is None for folds in learner):
        return finding
    for mistake in ex.mistakes:
        for variant, mistake_fn in (*mistake.variants, (None, mistake.fn)):
            made = [_fold_sets(run_mistake(mistake_fn, case)[0]) for case in cases]
            if made == learner:
                return finding._replace(mistake=mistake.id, variant=variant)
    # training on all m examples in every fold is the leak, whatever the test folds are
    if all(
        all(train == tuple(range(case.args[0])) for train, _ in folds)
        for case, folds in zip(cases, learner, strict=True)
        if folds is not None
    ):
        return finding._replace(mistake="test_in_training")
    return finding


K_FOLD = exercise(
    name="k_fold_indices",
    chapter=CHAPTER,
    title="The indices of k-fold cross-validation",
    title_zh="k 折交叉验证的下标",
    task="Write `k_fold_indices(m, k=5)`: split the examples 0, 1, …, m − 1, in order (no "
    "shuffling), into k contiguous folds; the first m mod k folds hold ⌊m/k⌋ + 1 examples, the "
    "others ⌊m/k⌋ (m = 23, k = 5: 5, 5, 5, 4, 4, as scikit-learn's `KFold`). Return a list of k "
    "pairs (train_idx, test_idx), one per fold: test_idx the fold, train_idx all the other "
    "examples, both 1-D NumPy integer arrays.",
    task_zh="写出 `k_fold_indices(m, k=5)`：把样本 0, 1, …, m − 1 按原顺序（不打乱）分成 k 个连续的"
    "折；前 m mod k 折各有 ⌊m/k⌋ + 1 个样本，其余各折 ⌊m/k⌋ 个（m = 23，k = 5：5、5、5、4、4，"
    "与 scikit-learn 的 `KFold` 相同）。返回 k 个 (train_idx, test_idx) 对组成的列表，每折一对："
    "test_idx 是这一折，train_idx 是其余所有样本，两者都是一维 NumPy 整数数组。",
    hints=(
        "Every example is in exactly one test fold, and never in the training indices of its "
        "own fold. m = 23 is not a multiple of 5: the 3 left over go one each to the first "
        "3 folds.",
        "`sizes = m // k + (np.arange(k) < m % k)`; the folds end at `stops = np.cumsum(sizes)`. "
        "For each fold, `test = np.arange(stop - size, stop)` and "
        "`train = np.setdiff1d(np.arange(m), test)`. (`np.array_split(np.arange(m), k)` cuts the "
        "same folds.)",
    ),
    hints_zh=(
        "每个样本恰好属于一个验证折，并且永远不出现在自己那一折的训练下标里。m = 23 不是 5 的"
        "倍数：多出的 3 个样本分给前 3 折，每折一个。",
        "`sizes = m // k + (np.arange(k) < m % k)`；各折的终点是 `stops = np.cumsum(sizes)`。"
        "对每一折，`test = np.arange(stop - size, stop)`，"
        "`train = np.setdiff1d(np.arange(m), test)`。（`np.array_split(np.arange(m), k)` "
        "切出的折相同。）",
    ),
    reference=_ref_k_fold_indices,
    against="dlnotes.features.k_fold_indices",
    cases=_cases_k_fold,
    judge=judge_k_fold,
    rules=(
        Text(
            "Compared fold by fold with the chapter's folds: the same k folds in the same order; "
            "within train_idx and test_idx the order of the indices does not matter.",
            "逐折与本章的折对照：k 折相同、顺序相同；train_idx 和 test_idx 内部下标的顺序不限。",
        ),
    ),
)


@K_FOLD.known_mistake(
    "test_in_training",
    title="the test fold leaks into training",
    title_zh="验证折泄漏进了训练集",
    explanation="train_idx must leave the fold out: a model scored on examples it was fitted to "
    "reports its training error, which always prefers the most complex model.",
    explanation_zh="train_idx 必须排除这一折：在拟合过的样本上评分，得到的是训练误差，它总是偏爱"
    "最复杂的模型。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_test_in_training(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.arange(m), test) for _, test in _ref_k_fold_indices(m, k)]


@K_FOLD.known_mistake(
    "remainder_dropped",
    title="equal folds of ⌊m/k⌋ that drop the remainder",
    title_zh="各折都取 ⌊m/k⌋，丢掉了余数",
    explanation="With folds of m // k each, the last m mod k examples are never in a test fold "
    "(they are only ever trained on); give the first m mod k folds one example more.",
    explanation_zh="每折都取 m // k 个时，最后 m mod k 个样本从不进入验证折（只被用来训练）；"
    "应让前 m mod k 折各多一个样本。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_remainder_dropped(
    m: int, k: int = 5
) -> list[tuple[np.ndarray, np.ndarray]]:
    size = m // k
    folds = [np.arange(i * size, (i + 1) * size) for i in range(k)]
    return [(np.setdiff1d(np.arange(m), test), test) for test in folds]


@K_FOLD.known_mistake(
    "remainder_in_last",
    title="the remainder all in the last fold",
    title_zh="余数全部放进了最后一折",
    explanation="Folds of ⌊m/k⌋ with the last one taking the rest (m = 23, k = 5: 4, 4, 4, 4, "
    "7) are unbalanced; the first m mod k folds take one example more each (5, 5, 5, 4, 4).",
    explanation_zh="每折 ⌊m/k⌋、最后一折收下其余样本（m = 23，k = 5：4、4、4、4、7）并不均衡；应让"
    "前 m mod k 折各多一个样本（5、5、5、4、4）。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_remainder_in_last(
    m: int, k: int = 5
) -> list[tuple[np.ndarray, np.ndarray]]:
    size = m // k
    folds = [np.arange(i * size, (i + 1) * size if i < k - 1 else m) for i in range(k)]
    return [(np.setdiff1d(np.arange(m), test), test) for test in folds]


@K_FOLD.known_mistake(
    "ceil_sizes",
    title="folds of ⌈m/k⌉, the last one short",
    title_zh="各折取 ⌈m/k⌉，最后一折不足",
    explanation="Cutting every ⌈m/k⌉ examples (m = 23, k = 5: 5, 5, 5, 5, 3) unbalances the "
    "folds and can even give fewer than k of them (m = 9, k = 4: 3, 3, 3).",
    explanation_zh="每 ⌈m/k⌉ 个样本切一刀（m = 23，k = 5：5、5、5、5、3）会使各折不均衡，甚至不足"
    " k 折（m = 9，k = 4：3、3、3）。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_ceil_sizes(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    size = -(-m // k)
    folds = [np.arange(start, min(start + size, m)) for start in range(0, m, size)]
    return [(np.setdiff1d(np.arange(m), test), test) for test in folds]


@K_FOLD.known_mistake(
    "strided",
    title="folds dealt round-robin (every k-th example), not contiguous",
    title_zh="轮流发牌式的折（每隔 k 个取一个），不是连续的",
    explanation="np.arange(i, m, k) deals every k-th example to fold i; without shuffling the "
    "folds are contiguous runs (the first fold 0, 1, …), as scikit-learn's KFold and the "
    "chapter's folds.",
    explanation_zh="np.arange(i, m, k) 把每隔 k 个的样本发给第 i 折；不打乱时各折是连续的一段"
    "（第一折是 0, 1, …），与 scikit-learn 的 KFold 和本章的折相同。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_strided(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    folds = [np.arange(i, m, k) for i in range(k)]
    return [(np.setdiff1d(np.arange(m), test), test) for test in folds]


@K_FOLD.known_mistake(
    "overlap",
    title="an off-by-one: neighbouring folds overlap",
    title_zh="差一错误：相邻的折有重叠",
    explanation="A fold is order[start:stop], stop excluded; with stop + 1 (or an inclusive end) "
    "each fold also takes the first example of the next, which is then tested twice.",
    explanation_zh="一折是 order[start:stop]，不含 stop；用了 stop + 1（或包含终点）时每折还多拿"
    "了下一折的第一个样本，它于是被验证了两次。",
    link="fitting.md#cross-validation",
)
def _mistake_k_fold_overlap(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    sizes = m // k + (np.arange(k) < m % k)
    stops = np.cumsum(sizes)
    folds = [np.arange(stop - size, min(stop + 1, m)) for size, stop in zip(sizes, stops,
                                                                            strict=True)]
    return [(np.setdiff1d(np.arange(m), test), test) for test in folds]


# ------------------------------------------------------------------ principal component analysis


def _ref_pca(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Principal component analysis of X (n_x, m), whose examples are columns.

    μ = the mean over the examples (n_x, 1); X − μ = U S Vᵀ (the SVD of the centred data).
    Return (U_k, variance, μ): U_k the first k = n_components columns of U (n_x, k), the
    directions, in decreasing order of variance; variance = s_i²/(m − 1) for those k (shape
    (k,)). The sign of each column of U_k is free (it is compared up to sign).
    """
    m = X.shape[1]
    mu = X.mean(axis=1, keepdims=True)
    U, S, _ = np.linalg.svd(X - mu, full_matrices=False)  # centre first, then decompose
    U_k = U[:, :n_components]
    # the sign of a direction is arbitrary: make its largest entry positive (as scikit-learn)
    signs = np.sign(U_k[np.argmax(np.abs(U_k), axis=0), np.arange(n_components)])
    return U_k * signs, S[:n_components] ** 2 / (m - 1), mu


def _cloud(seed: int, scales: tuple[float, ...], mean: tuple[float, ...], m: int) -> np.ndarray:
    """m points spread with the given scales along random orthonormal directions, about mean."""
    r = rng(seed)
    n = len(scales)
    Q = np.linalg.qr(r.standard_normal((n, n)))[0]
    spread = np.array(scales)[:, None] * r.standard_normal((n, m))
    return Q @ spread + np.array(mean)[:, None]


def _cases_pca() -> list[Case]:
    # n_components < n_x in every case: a U returned transposed then has another shape
    X3 = _cloud(91, (4.0, 1.5, 0.3), (6.0, -4.0, 3.0), 9)
    return [
        Case(
            Text(
                "2 features, m = 6, mean far from 0, n_components = 1",
                "2 个特征，m = 6，均值远离 0，n_components = 1",
            ),
            (_cloud(90, (2.0, 0.5), (5.0, -5.0), 6), 1),
            {},
        ),
        Case(
            Text(
                "3 features, m = 9, mean far from 0, n_components = 2",
                "3 个特征，m = 9，均值远离 0，n_components = 2",
            ),
            (X3, 2),
            {},
        ),
        Case(
            Text(
                "4 features, m = 7, mean near 0, n_components = 3",
                "4 个特征，m = 7，均值接近 0，n_components = 3",
            ),
            (_cloud(92, (3.0, 2.0, 1.0, 0.2), (0.5, 0.0, -0.5, 0.2), 7), 3),
            {},
        ),
        Case("float32", (X3.astype(np.float32), 2), {}),
    ]


def _signs_fixed(value: Any, n_x: int, k: int) -> Any:
    """value with each direction of U signed so that its largest entry is positive.

    The directions are the columns of U, or its rows when U came back (k, n_x); anything else
    is returned as it is."""
    if not isinstance(value, tuple | list) or len(value) != 3:
        return value
    U = value[0]
    if not isinstance(U, np.ndarray) or U.ndim != 2 or U.dtype.kind != "f" or U.size == 0:
        return value
    rows = U.shape == (k, n_x) and k != n_x
    D = U.T if rows else U
    flip = D[np.argmax(np.abs(D), axis=0), np.arange(D.shape[1])] < 0
    D = np.where(flip, -D, D)
    fixed = (D.T if rows else D, *value[1:])
    return fixed if isinstance(value, tuple) else list(fixed)


def _up_to_sign(fn: Callable[..., Any]) -> Callable[..., Any]:
    """fn with the signs of its directions fixed (see :func:`_signs_fixed`)."""

    def pca(X: np.ndarray, n_components: int) -> Any:
        value = fn(X, n_components)
        if isinstance(X, np.ndarray) and X.ndim == 2 and isinstance(n_components, int):
            return _signs_fixed(value, X.shape[0], n_components)
        return value

    return pca


def judge_pca(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Compare with the reference on the cases, each direction of U up to its sign."""
    return judge_by_comparison(_up_to_sign(fn), ex)


PCA = exercise(
    name="pca",
    chapter=CHAPTER,
    title="Principal component analysis",
    title_zh="主成分分析（PCA）",
    task="Write `pca(X, n_components)` for X of shape (n_x, m), examples as columns: centre "
    "the data with the mean μ over the examples (shape (n_x, 1)), decompose X − μ, and return "
    "(U, variance, μ): U of shape (n_x, k), k = n_components, whose columns are the first k "
    "principal directions in decreasing order of variance, and variance (shape (k,)) the "
    "variance of the data along each, with 1/(m − 1) as scikit-learn's `explained_variance_`. "
    "The sign of a direction is arbitrary: each column of U is compared up to its sign.",
    task_zh="写出 `pca(X, n_components)`，X 的形状为 (n_x, m)，样本是列：用样本上的均值 μ（形状 "
    "(n_x, 1)）把数据中心化，分解 X − μ，返回 (U, variance, μ)：U 的形状为 (n_x, k)，k = "
    "n_components，它的列是按方差从大到小排列的前 k 个主方向；variance（形状 (k,)）是数据沿每个"
    "方向的方差，用 1/(m − 1)，与 scikit-learn 的 `explained_variance_` 相同。方向的符号是任意的："
    "U 的每一列在相差一个符号的意义下比较。",
    hints=(
        "Subtract the mean first: without it the first direction points at the mean of the data, "
        "not along their spread. The singular values s of X − μ give the variances s²/(m − 1).",
        "`mu = X.mean(axis=1, keepdims=True)`; `U, S, _ = np.linalg.svd(X - mu, "
        "full_matrices=False)`; return `U[:, :k], S[:k] ** 2 / (m - 1), mu`. `np.linalg.svd` "
        "sorts S in decreasing order; `np.linalg.eigh` of the covariance sorts its eigenvalues "
        "in increasing order.",
    ),
    hints_zh=(
        "先减去均值：不减的话，第一个方向指向数据的均值，而不是数据散开的方向。X − μ 的奇异值 s "
        "给出方差 s²/(m − 1)。",
        "`mu = X.mean(axis=1, keepdims=True)`；`U, S, _ = np.linalg.svd(X - mu, "
        "full_matrices=False)`；返回 `U[:, :k], S[:k] ** 2 / (m - 1), mu`。`np.linalg.svd` 的 S "
        "按从大到小排列；对协方差用 `np.linalg.eigh` 时，特征值按从小到大排列。",
    ),
    reference=_ref_pca,
    against="dlnotes.features.pca",
    cases=_cases_pca,
    judge=judge_pca,
    outputs=("U", "variance", "mu"),
    rules=(
        Text(
            "Each column of U is compared up to its sign (the checker makes the largest entry "
            "of each direction positive, in yours and in the reference, before comparing).",
            "U 的每一列在相差一个符号的意义下比较（比较之前，检查器把你的和参考答案的每个方向"
            "都变成最大分量为正）。",
        ),
    ),
)


def _centred_svd(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The reference's U_k, variance and μ, and m (for the mistakes below)."""
    U, variance, mu = _ref_pca(X, k)
    return U, variance, mu, X.shape[1]


def _eigh(C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The eigenvalues (increasing, as np.linalg.eigh) and eigenvectors, each largest entry
    positive."""
    w, V = np.linalg.eigh(C)
    flip = V[np.argmax(np.abs(V), axis=0), np.arange(V.shape[1])] < 0
    return w, np.where(flip, -V, V)


@PCA.known_mistake(
    "uncentred",
    title="PCA without centring (the SVD of X itself)",
    title_zh="没有中心化的 PCA（直接对 X 做 SVD）",
    explanation="Without subtracting μ the decomposition describes X Xᵀ, not the covariance: the "
    "first direction points at the mean of the data instead of along their spread (the "
    "eigenvectors of X Xᵀ/(m − 1) are the same wrong directions).",
    explanation_zh="不减去 μ 时，分解描述的是 X Xᵀ 而不是协方差：第一个方向指向数据的均值，而不是"
    "沿着数据散开的方向（X Xᵀ/(m − 1) 的特征向量是同样错误的方向）。",
    link="fitting.md#pca",
)
def _mistake_pca_uncentred(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, mu = X.shape[1], X.mean(axis=1, keepdims=True)
    U, S, _ = np.linalg.svd(X, full_matrices=False)  # X, not X − μ
    return _signs_fixed((U[:, :n_components], S[:n_components] ** 2 / (m - 1), mu), X.shape[0],
                        n_components)


@PCA.known_mistake(
    "second_moment",
    title="the eigenvectors of X Xᵀ/m (the uncentred second moment, not the covariance)",
    title_zh="用了 X Xᵀ/m 的特征向量（未中心化的二阶矩，而不是协方差）",
    explanation="X Xᵀ/m is E[x xᵀ], not the covariance E[(x − μ)(x − μ)ᵀ] = X̃ X̃ᵀ/(m − 1) "
    "with X̃ = X − μ: its first direction points at the mean, and its eigenvalues are not the "
    "variances.",
    explanation_zh="X Xᵀ/m 是 E[x xᵀ]，不是协方差 E[(x − μ)(x − μ)ᵀ] = X̃ X̃ᵀ/(m − 1)（X̃ = X − μ）："
    "它的第一个方向指向均值，它的特征值也不是方差。",
    link="fitting.md#pca",
)
def _mistake_pca_second_moment(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, mu = X.shape[1], X.mean(axis=1, keepdims=True)
    w, V = _eigh(X @ X.T / m)
    order = np.argsort(w)[::-1][:n_components]
    return V[:, order], w[order], mu


@PCA.known_mistake(
    "variance_over_m",
    title="the variance with 1/m instead of 1/(m − 1)",
    title_zh="方差用了 1/m 而不是 1/(m − 1)",
    explanation="The variance along a direction is s²/(m − 1), the sample covariance's (as "
    "np.cov and scikit-learn's explained_variance_); s²/m is smaller by (m − 1)/m.",
    explanation_zh="沿一个方向的方差是 s²/(m − 1)，即样本协方差的方差（与 np.cov 和 scikit-learn "
    "的 explained_variance_ 相同）；s²/m 小了 (m − 1)/m 倍。",
    link="fitting.md#pca",
)
def _mistake_pca_variance_over_m(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    U, variance, mu, m = _centred_svd(X, n_components)
    return U, variance * (m - 1) / m, mu


@PCA.known_mistake(
    "rows",
    title="the directions as rows (Uᵀ, as scikit-learn's `components_`)",
    title_zh="把方向放成了行（Uᵀ，即 scikit-learn 的 `components_` 的排法）",
    explanation="Here the directions are the columns of U, shape (n_x, k), so that "
    "Z = Uᵀ(X − μ) keeps the examples as columns; scikit-learn's components_ (examples as rows) "
    "holds them as rows.",
    explanation_zh="这里方向是 U 的列，形状 (n_x, k)，这样 Z = Uᵀ(X − μ) 中样本仍是列；"
    "scikit-learn 的 components_（样本为行）把它们放成行。",
    link="fitting.md#pca",
)
def _mistake_pca_rows(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    U, variance, mu, _ = _centred_svd(X, n_components)
    return U.T, variance, mu


def _pca_eigh_last_increasing(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mu = X.mean(axis=1, keepdims=True)
    w, V = _eigh((X - mu) @ (X - mu).T / (X.shape[1] - 1))
    return V[:, -n_components:], w[-n_components:], mu


@PCA.known_mistake(
    "not_sorted",
    title="the eigenvalues in np.linalg.eigh's increasing order",
    title_zh="特征值保持了 np.linalg.eigh 的从小到大顺序",
    explanation="np.linalg.eigh returns the eigenvalues of the covariance in increasing order: "
    "its first columns are the directions of least variance. Sort in decreasing order "
    "(order = np.argsort(w)[::-1]) before keeping k.",
    explanation_zh="np.linalg.eigh 按从小到大返回协方差的特征值：它的前几列是方差最小的方向。"
    "保留 k 个之前先按从大到小排序（order = np.argsort(w)[::-1]）。",
    link="fitting.md#pca",
    variants=(("V[:, -k:], w[-k:]", _pca_eigh_last_increasing),),
)
def _mistake_pca_not_sorted(
    X: np.ndarray, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mu = X.mean(axis=1, keepdims=True)
    w, V = _eigh((X - mu) @ (X - mu).T / (X.shape[1] - 1))
    return V[:, :n_components], w[:n_components], mu  # the k smallest
