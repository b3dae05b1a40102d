"""Exercises of the chapter Regularization: inverted dropout, input normalization, the L2 term."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes.exercises._engine import Finding, call, call_problem, kind
from dlnotes.exercises._model import Case, Exercise, Text, erratum, exercise, fixed, rng

CHAPTER = "regularization"


# ------------------------------------------------------------------ dropout (judged by properties)


def judge_dropout(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """The kept fraction, the scaling 1/keep_prob, float32 kept, draws from rng."""
    A = rng(7).standard_normal((200, 501))
    names = ("A", "keep_prob", "rng")
    tries = ((A, 0.8, "float64"), (A, 0.3, "float64"), (A.astype(np.float32), 0.7, "float32"))
    for arr, keep_prob, dtype in tries:
        label = (
            f"A: a {dtype} (200, 501) array, keep_prob = {keep_prob}, rng = "
            "np.random.default_rng(1)"
        )
        out = call(fn, (arr, keep_prob, rng(1)), {}, names)
        if (problem := call_problem(out)) is not None:
            return Finding(label, problem)
        value = out.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return Finding(
                label,
                Text(
                    f"returned {kind(value)}; expected a tuple (A_out, mask)",
                    f"返回了 {kind(value)}；应返回元组 (A_out, mask)",
                ),
            )
        A_out, mask = value
        for key, x in (("A_out", A_out), ("mask", mask)):
            if not isinstance(x, np.ndarray) or x.shape != arr.shape:
                got = f"shape {x.shape}" if isinstance(x, np.ndarray) else kind(x)
                return Finding(
                    label,
                    Text(
                        f"{key} is {got}; expected an array of shape {arr.shape} "
                        "(one entry per unit and example)",
                        f"{key} 是 {got}；应为形状 {arr.shape} 的数组（每个单元和样本一个元素）",
                    ),
                )
        if mask.dtype != bool and not np.isin(mask, (0, 1)).all():
            return Finding(
                label,
                Text(
                    "mask holds values other than 0 and 1 (or True and False)",
                    "mask 中有 0 和 1（或 True 和 False）以外的值",
                ),
            )
        if arr.dtype == np.float32 and A_out.dtype != np.float32:
            return Finding(
                label,
                Text(
                    f"A_out is {A_out.dtype} for a float32 A. Rule: a float32 input gives a "
                    "float32 "
                    "result; a float64 mask (rng.random(...) compared and multiplied as float64) "
                    "promotes it: return A_out.astype(A.dtype), or use a boolean mask.",
                    f"A 是 float32，而 A_out 是 {A_out.dtype}。规则：float32 输入给出 float32 结果"
                    "；"
                    "float64 的 mask 会提升结果：返回 A_out.astype(A.dtype)，或使用布尔 mask。",
                ),
            )
        d = mask.astype(arr.dtype)
        kept = float(d.mean())
        if abs(kept - keep_prob) > 0.01:
            swapped = abs(kept - (1 - keep_prob)) <= 0.01
            return Finding(
                label,
                Text(
                    f"the mask keeps a fraction {kept:.4f} of the units; expected keep_prob = "
                    f"{keep_prob}",
                    f"mask 保留了 {kept:.4f} 的单元；应为 keep_prob = {keep_prob}",
                ),
                "swapped" if swapped else None,
            )
        rtol, atol = (1e-5, 1e-6) if dtype == "float32" else (1e-12, 0.0)
        if not np.allclose(A_out, arr * d / keep_prob, rtol=rtol, atol=atol):
            for mistake_id, scaled, shown in (
                ("not_inverted", arr * d, "A·mask"),
                ("times_keep_prob", arr * d * keep_prob, "A·mask·keep_prob"),
            ):
                if np.allclose(A_out, scaled, rtol=rtol, atol=atol):
                    return Finding(
                        label,
                        Text(
                            f"A_out is {shown}, not A·mask/keep_prob",
                            f"A_out 是 {shown}，而不是 A·mask/keep_prob",
                        ),
                        mistake_id,
                    )
            return Finding(
                label,
                Text("A_out is not A·mask/keep_prob", "A_out 不等于 A·mask/keep_prob"),
            )
    label = "A: a float64 (200, 501) array, keep_prob = 0.8, twice with np.random.default_rng(1)"
    calls = [call(fn, (A, 0.8, rng(seed)), {}, names) for seed in (1, 1, 2)]
    for out in calls:
        if (problem := call_problem(out)) is not None:
            return Finding(label, problem)
    masks = [np.asarray(out.value[1]) for out in calls]
    if not np.array_equal(masks[0], masks[1]):
        return Finding(
            label,
            Text(
                "two calls with the same rng seed gave different masks: draw from rng, not "
                "np.random",
                "两次用相同种子的 rng 调用得到了不同的 mask：请从 rng 抽样，而不是 np.random",
            ),
        )
    if np.array_equal(masks[0], masks[2]):
        return Finding(
            label,
            Text(
                "rng seeds 1 and 2 gave the same mask: draw the mask from rng",
                "种子 1 和 2 给出了相同的 mask：请从 rng 抽取 mask",
            ),
        )
    return None


def _ref_dropout_forward(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout: keep each unit with probability keep_prob and divide by keep_prob.

    mask = rng.random(A.shape) < keep_prob (or its 0/1 float version); A_out = A·mask/keep_prob.
    Return (A_out, mask), both shaped like A.
    """
    mask = rng.random(A.shape) < keep_prob
    return A * mask / keep_prob, mask


DROPOUT = exercise(
    name="dropout_forward",
    chapter=CHAPTER,
    title="Inverted dropout",
    title_zh="反向随机失活（inverted dropout）",
    task="Write `dropout_forward(A, keep_prob, rng)`: draw a mask that keeps each unit with "
    "probability keep_prob (mask = rng.random(A.shape) < keep_prob), then "
    "A_out = A·mask/keep_prob (inverted dropout). Return (A_out, mask).",
    task_zh="写出 `dropout_forward(A, keep_prob, rng)`：抽取一个以概率 keep_prob 保留每个单元的 "
    "mask"
    "（mask = rng.random(A.shape) < keep_prob），然后 A_out = A·mask/keep_prob（反向随机失活）。"
    "返回 (A_out, mask)。",
    hints=(
        "Dividing by keep_prob keeps the expected activation unchanged.",
        "`<` keeps, so the fraction kept is keep_prob: mask = rng.random(A.shape) < keep_prob; "
        "A * mask / keep_prob stays float32 for a float32 A.",
    ),
    hints_zh=(
        "除以 keep_prob 使激活值的期望保持不变。",
        "`<` 表示保留，所以保留的比例是 keep_prob：mask = rng.random(A.shape) < keep_prob；"
        "A 为 float32 时 A * mask / keep_prob 仍是 float32。",
    ),
    reference=_ref_dropout_forward,
    against="dlnotes.regularization.dropout_forward",
    judge=judge_dropout,
    rules=(
        Text(
            "Draw from the rng you are given, never from np.random: the same seed gives the "
            "same mask.",
            "只用给定的 rng 抽样，不要用 np.random：相同的种子给出相同的 mask。",
        ),
        Text(
            "float32 in, float32 out: a float32 A gives a float32 A_out.",
            "float32 进，float32 出：A 为 float32 时 A_out 也是 float32。",
        ),
        Text(
            "Judged by properties of large draws (A of shape (200, 501)): the kept fraction "
            "within 0.01 of keep_prob and A_out = A·mask/keep_prob.",
            "按大量抽样的性质评判（A 的形状为 (200, 501)）：保留比例与 keep_prob 相差不超过 0.01，"
            "且 A_out = A·mask/keep_prob。",
        ),
    ),
)


@DROPOUT.known_mistake(
    "not_inverted",
    title="dropout not inverted (no division by keep_prob)",
    title_zh="没有反向缩放（没有除以 keep_prob）",
    explanation="Without /keep_prob the expected activation shrinks to keep_prob·A and the "
    "test-time network (no dropout) sees larger activations.",
    explanation_zh="不除以 keep_prob 时激活值的期望缩小为 keep_prob·A，测试时（没有随机失活）的网络"
    "看到的激活值会更大。",
    link="regularization.md#inverted-dropout",
)
def _mistake_dropout_not_inverted(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) < keep_prob
    return A * mask, mask


@DROPOUT.known_mistake(
    "swapped",
    title="keep and drop swapped",
    title_zh="保留与丢弃弄反了",
    explanation="rng.random(...) < keep_prob keeps a fraction keep_prob; with > you keep "
    "1 − keep_prob.",
    explanation_zh="rng.random(...) < keep_prob 保留 keep_prob 的比例；用 > 时保留的是 1 − "
    "keep_prob。",
    link="regularization.md#inverted-dropout",
)
def _mistake_dropout_swapped(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) > keep_prob
    return A * mask / keep_prob, mask


@DROPOUT.known_mistake(
    "times_keep_prob",
    title="multiplied by keep_prob instead of divided",
    title_zh="乘以 keep_prob 而不是除以",
    explanation="Inverted dropout divides by keep_prob (002's `a3 \\= keep_prob` means /=).",
    explanation_zh="反向随机失活要除以 keep_prob（002 中的 `a3 \\= keep_prob` 指的是 /=）。",
    link="regularization.md#inverted-dropout",
)
def _mistake_dropout_times_keep_prob(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) < keep_prob
    return A * mask * keep_prob, mask


# ------------------------------------------------------------------ input normalization


def _ref_normalize_inputs(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalize the inputs with the training set's statistics, for both sets.

    X_train is (n_x, m_train), X_test (n_x, m_test): examples are columns. Per feature (row),
    μ = the mean over the training examples and σ their standard deviation (the 1/m one);
    return ((X_train − μ)/σ, (X_test − μ)/σ).
    """
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def _cases_normalize() -> list[Case]:
    r = rng(81)
    scale, shift = np.array([[1.0], [10.0], [0.1]]), np.array([[5.0], [-20.0], [0.3]])
    X_train = r.standard_normal((3, 7)) * scale + shift
    X_test = r.standard_normal((3, 4)) * 2 * scale + shift + 1
    return [
        Case(
            Text(
                "3 features of different scales, m_train = 7, m_test = 4",
                "3 个尺度不同的特征，m_train = 7，m_test = 4",
            ),
            (X_train, X_test),
            {},
        ),
        Case(
            Text("one feature, m_train = 5, m_test = 3", "一个特征，m_train = 5，m_test = 3"),
            (fixed(1, 2, 3, 4, 10)[None, :], fixed(0, 5, 20)[None, :]),
            {},
        ),
        Case("float32", (X_train.astype(np.float32), X_test.astype(np.float32)), {}),
    ]


NORMALIZE = exercise(
    name="normalize_inputs",
    chapter=CHAPTER,
    title="Normalizing the inputs with the training statistics",
    title_zh="用训练集的统计量归一化输入",
    task="Write `normalize_inputs(X_train, X_test)`: per feature (row), μ and σ (the 1/m "
    "standard deviation) over the training examples; return ((X_train − μ)/σ, "
    "(X_test − μ)/σ). The test set uses the training set's μ and σ.",
    task_zh="写出 `normalize_inputs(X_train, X_test)`：对每个特征（行），在训练样本上求 μ 和 σ"
    "（1/m 的标准差）；返回 ((X_train − μ)/σ, (X_test − μ)/σ)。测试集使用训练集的 μ 和 σ。",
    hints=(
        "Examples are columns, so the statistics run along axis 1; fit them on the training set "
        "only.",
        "mu = X_train.mean(axis=1, keepdims=True); sigma = X_train.std(axis=1, keepdims=True).",
    ),
    hints_zh=(
        "样本是列，所以统计量沿 axis 1 计算；只在训练集上求。",
        "mu = X_train.mean(axis=1, keepdims=True)；sigma = X_train.std(axis=1, keepdims=True)。",
    ),
    reference=_ref_normalize_inputs,
    against="dlnotes.regularization.fit_normalizer + normalize",
    cases=_cases_normalize,
    outputs=("X_train_n", "X_test_n"),
)


@NORMALIZE.known_mistake(
    "variance",
    title="divided by σ² instead of σ",
    title_zh="除以 σ² 而不是 σ",
    explanation="Divide by the standard deviation σ, which gives unit variance; dividing by "
    "σ² (000 §1.9 and §3.4) does not.",
    explanation_zh="除以标准差 σ 才得到单位方差；除以 σ²（000 §1.9 和 §3.4）则不是。",
    link=erratum(CHAPTER, 2),
)
def _mistake_normalize_variance(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = X_train.mean(axis=1, keepdims=True), X_train.var(axis=1, keepdims=True)
    return (X_train - mu) / var, (X_test - mu) / var


@NORMALIZE.known_mistake(
    "test_own_statistics",
    title="the test set normalized with its own statistics",
    title_zh="测试集用了它自己的统计量",
    explanation="Fit μ and σ on the training set and reuse them for the test set, so both go "
    "through the same transformation.",
    explanation_zh="在训练集上求 μ 和 σ，并对测试集沿用它们，这样两者经过同一个变换。",
    link="other-regularization.md#input-normalization",
)
def _mistake_normalize_test_own(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    def own(X: np.ndarray) -> np.ndarray:
        return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)

    return own(X_train), own(X_test)


@NORMALIZE.known_mistake(
    "ddof",
    title="σ with 1/(m − 1)",
    title_zh="σ 用了 1/(m − 1)",
    explanation="σ here is the 1/m standard deviation (np.std's default, ddof=0).",
    explanation_zh="这里的 σ 是 1/m 的标准差（np.std 的默认值，ddof=0）。",
    link="other-regularization.md#input-normalization",
)
def _mistake_normalize_ddof(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, ddof=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


# ------------------------------------------------------------------ the L2 term


def _ref_l2_penalty(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    """The L2 term of the cost, (λ/(2m)) Σ_l ‖W[l]‖²_F, over the weights "W1", "W2", … only.

    params holds "W1", "b1", "W2", …; the biases are not penalized. Return a float.
    """
    total = sum(float(np.sum(W**2)) for key, W in params.items() if key.startswith("W"))
    return lambd / (2 * m) * total


def _cases_l2() -> list[Case]:
    r = rng(82)
    two = {
        "W1": r.standard_normal((3, 4)),
        "b1": r.standard_normal((3, 1)),
        "W2": r.standard_normal((1, 3)),
        "b2": np.array([[0.5]]),
    }
    three = {**two, "W3": r.standard_normal((2, 1)), "b3": np.ones((2, 1))}
    return [
        Case(Text("two layers, lambd = 0.7, m = 5", "两层，lambd = 0.7，m = 5"), (two, 0.7, 5), {}),
        Case(
            Text("three layers, lambd = 0.1, m = 9", "三层，lambd = 0.1，m = 9"),
            (three, 0.1, 9),
            {},
        ),
    ]


L2 = exercise(
    name="l2_penalty",
    chapter=CHAPTER,
    title="The L2 term of the cost",
    title_zh="代价中的 L2 正则项",
    task="Write `l2_penalty(params, lambd, m)`: (λ/(2m))·Σ_l ‖W[l]‖²_F over the weight "
    'matrices "W1", "W2", … of params (not the biases).',
    task_zh="写出 `l2_penalty(params, lambd, m)`：对 params 中的权重矩阵 "
    '"W1"、"W2"、…（不包括偏置）'
    "计算 (λ/(2m))·Σ_l ‖W[l]‖²_F。",
    hints=(
        "Only the weights are penalized; the 1/2 makes the gradient (λ/m)·W.",
        'Loop over the keys that start with "W"; ‖W‖²_F = np.sum(W**2).',
    ),
    hints_zh=(
        "只惩罚权重；1/2 使梯度为 (λ/m)·W。",
        '对以 "W" 开头的键循环；‖W‖²_F = np.sum(W**2)。',
    ),
    reference=_ref_l2_penalty,
    against="dlnotes.regularization.l2_penalty",
    cases=_cases_l2,
)


@L2.known_mistake(
    "biases",
    title="the biases penalized too",
    title_zh="把偏置也惩罚了",
    explanation="The notes penalize only W[l]; the biases are few and left out.",
    explanation_zh="笔记只惩罚 W[l]；偏置数量少，不计入。",
    link="regularization.md#l2-network",
)
def _mistake_l2_biases(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return lambd / (2 * m) * sum(float(np.sum(p**2)) for p in params.values())


@L2.known_mistake(
    "no_half",
    title="λ/m instead of λ/(2m)",
    title_zh="用了 λ/m 而不是 λ/(2m)",
    explanation="The 1/2 makes the gradient (λ/m)·W.",
    explanation_zh="1/2 使梯度为 (λ/m)·W。",
    link="regularization.md#l2-network",
)
def _mistake_l2_no_half(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return 2 * _ref_l2_penalty(params, lambd, m)


@L2.known_mistake(
    "no_lambda",
    title="λ left out",
    title_zh="漏掉了 λ",
    explanation='The term is (λ/(2m))·Σ‖W‖²_F (004 §1.2.1 says "multiply by 1/m·1/2", without λ).',
    explanation_zh="这一项是 (λ/(2m))·Σ‖W‖²_F（004 §1.2.1 说“乘以 1/m·1/2”，漏掉了 λ）。",
    link="regularization.md#l2-network",
)
def _mistake_l2_no_lambda(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return _ref_l2_penalty(params, lambd, m) / lambd
