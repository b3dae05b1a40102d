"""Exercises of the chapter Risk and losses: binary and softmax cross-entropy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dlnotes.exercises._model import (
    NUMERICALLY_CAREFUL,
    Case,
    Text,
    erratum,
    exercise,
    fixed,
    rng,
)
from dlnotes.exercises.information_theory import _xlogy

CHAPTER = "risk-and-losses"
AXIS_0 = "conventions.md#the-outcome-axis-is-axis-0"


# ------------------------------------------------------------------ binary cross-entropy


def _ref_binary_cross_entropy(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Cost J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)] over the m examples (mean of the losses).

    y_hat and y are (1, m); y is 0 or 1. y_hat may be exactly 0 or 1 where it agrees with y
    (that example's loss is 0: 0·log 0 = 0). Return a number.
    """
    picked = np.where(y == 1, y_hat, 1 - y_hat)  # the probability given to the true label
    return float(-np.mean(np.log(picked)))


def _cases_bce() -> list[Case]:
    r = rng(21)
    y_hat = r.uniform(0.02, 0.98, (1, 9))
    y = (r.random((1, 9)) < 0.5).astype(float)
    return [
        Case(
            Text("m = 5 examples", "m = 5 个样本"),
            (fixed(0.9, 0.2, 0.7, 0.4, 0.6)[None, :], fixed(1, 0, 1, 0, 0)[None, :]),
            {},
        ),
        Case(Text("m = 9 random examples", "m = 9 个随机样本"), (y_hat, y), {}),
        Case("float32", (y_hat.astype(np.float32), y.astype(np.float32)), {}),
        Case(
            Text(
                "y_hat exactly 1 where y = 1 and 0 where y = 0 (0·log 0)",
                "y = 1 处 y_hat 恰为 1，y = 0 处恰为 0（0·log 0）",
            ),
            (fixed(1.0, 0.0, 0.8)[None, :], fixed(1, 0, 1)[None, :]),
            {},
        ),
    ]


BCE = exercise(
    name="binary_cross_entropy",
    chapter=CHAPTER,
    title="Binary cross-entropy cost",
    title_zh="二元交叉熵代价",
    task="Write `binary_cross_entropy(y_hat, y)`: the cost J = (1/m) Σ L(ŷ, y) of the "
    "logistic loss L = −[y log ŷ + (1 − y) log(1 − ŷ)] over the m examples (columns) of "
    "(1, m) arrays. A prediction exactly 0 or 1 that agrees with its label has loss 0.",
    task_zh="写出 `binary_cross_entropy(y_hat, y)`：(1, m) 数组的 m 个样本（列）上逻辑回归损失 "
    "L = −[y log ŷ + (1 − y) log(1 − ŷ)] 的代价 J = (1/m) Σ L(ŷ, y)。与标签一致、恰好为 0 或 1 "
    "的预测损失为 0。",
    hints=(
        "Both log terms carry the minus. Compute each term only where its weight (y or 1 − y) "
        "is non-zero.",
        "For y = 1 the loss is −log ŷ, for y = 0 it is −log(1 − ŷ): "
        "`np.where(y == 1, y_hat, 1 - y_hat)` picks the probability of the true label.",
    ),
    hints_zh=(
        "两个对数项都带负号。每一项只在其权重（y 或 1 − y）非零时计算。",
        "y = 1 时损失是 −log ŷ，y = 0 时是 −log(1 − ŷ)：`np.where(y == 1, y_hat, 1 - y_hat)` "
        "取出真实标签的概率。",
    ),
    reference=_ref_binary_cross_entropy,
    against="dlnotes.losses.binary_cross_entropy",
    cases=_cases_bce,
)


@BCE.known_mistake(
    "sign",
    title="the sign of the second log term",
    title_zh="第二个对数项的符号错了",
    explanation="L = −y log ŷ + (1 − y) log(1 − ŷ) (003 §2.7) has the wrong sign on the "
    "second term: both terms are negated, L = −[y log ŷ + (1 − y) log(1 − ŷ)].",
    explanation_zh="L = −y log ŷ + (1 − y) log(1 − ŷ)（003 §2.7）第二项的符号是错的：两项都要取负，"
    "L = −[y log ŷ + (1 − y) log(1 − ŷ)]。",
    link=erratum(CHAPTER, 13),
)
def _mistake_bce_sign(y_hat: np.ndarray, y: np.ndarray) -> float:
    return -np.mean(_xlogy(y, y_hat) - _xlogy(1 - y, 1 - y_hat))


@BCE.known_mistake(
    "sum",
    title="the sum of the losses instead of their mean",
    title_zh="对损失求和而不是取平均",
    explanation="The cost is the mean of the losses, (1/m) Σ L: divide by m (np.mean).",
    explanation_zh="代价是损失的平均值 (1/m) Σ L：要除以 m（np.mean）。",
    link=erratum(CHAPTER, "14-mean"),
)
def _mistake_bce_sum(y_hat: np.ndarray, y: np.ndarray) -> float:
    return -np.sum(_xlogy(y, y_hat) + _xlogy(1 - y, 1 - y_hat))


@BCE.known_mistake(
    "nan_at_certain",
    title="0·log 0 computed as NaN",
    title_zh="0·log 0 算成了 NaN",
    explanation="Where ŷ = y = 1, (1 − y) log(1 − ŷ) is 0·log 0 = 0·(−inf) = NaN in NumPy; "
    "the term is 0. Take each log only where its weight is non-zero.",
    explanation_zh="在 ŷ = y = 1 处，NumPy 中的 (1 − y) log(1 − ŷ) 是 0·log 0 = 0·(−inf) = NaN；"
    "这一项应为 0。每个对数只在其权重非零时计算。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_bce_nan_at_certain(y_hat: np.ndarray, y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


# ------------------------------------------------------------------ softmax cross-entropy


def _ref_softmax_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Softmax cross-entropy cost J = −(1/m) Σ_i Σ_k Y_ki log softmax(Z)_ki.

    Z holds the logits, (C, m): one column per example, classes along axis 0; Y is one-hot,
    shaped like Z. Finite for |z| up to 1e3 (log-sum-exp). Return a number.
    """
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_softmax = shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))
    return -np.sum(Y * log_softmax) / Z.shape[1]


def _one_hot(labels: Sequence[int], C: int, dtype: Any = np.float64) -> np.ndarray:
    return np.eye(C, dtype=dtype)[:, list(labels)]


def _cases_sce() -> list[Case]:
    r = rng(22)
    Z = r.standard_normal((4, 7))
    return [
        Case(
            Text("C = 3 classes, m = 5 examples", "C = 3 类，m = 5 个样本"),
            (r.standard_normal((3, 5)), _one_hot([0, 2, 1, 1, 0], 3)),
            {},
        ),
        Case("C = 4, m = 7", (Z, _one_hot([3, 0, 1, 2, 2, 0, 1], 4)), {}),
        Case(
            "|z| = 1e3",
            (np.array([[1000.0, -1000.0, 5.0], [999.0, 1000.0, -1000.0]]), _one_hot([1, 1, 0], 2)),
            {},
        ),
        Case("float32", (Z.astype(np.float32), _one_hot([3, 0, 1, 2, 2, 0, 1], 4, np.float32)), {}),
    ]


SCE = exercise(
    name="softmax_cross_entropy",
    chapter=CHAPTER,
    title="Softmax cross-entropy with log-sum-exp",
    title_zh="用 log-sum-exp 计算 softmax 交叉熵",
    task="Write `softmax_cross_entropy(Z, Y)`: the cost −(1/m) Σᵢ Σₖ Y_ki log softmax(Z)_ki "
    "for logits Z (C, m) and one-hot labels Y (C, m), classes along axis 0. It must stay "
    "finite for |z| = 1e3: compute log softmax as z − max − log Σ exp(z − max).",
    task_zh="写出 `softmax_cross_entropy(Z, Y)`：对分类得分 Z (C, m) 与 one-hot 标签 Y (C, m)"
    "（类别沿 axis 0），代价为 −(1/m) Σᵢ Σₖ Y_ki log softmax(Z)_ki。|z| = 1e3 时结果也必须有限："
    "把 log softmax 算成 z − max − log Σ exp(z − max)。",
    hints=(
        "Never take the log of a softmax: compute log softmax directly.",
        "log softmax(z) = z − logsumexp(z); logsumexp(z) = max + log Σ exp(z − max), over "
        "axis 0 with keepdims=True.",
    ),
    hints_zh=(
        "不要对 softmax 的结果取对数：直接计算 log softmax。",
        "log softmax(z) = z − logsumexp(z)；logsumexp(z) = max + log Σ exp(z − max)，沿 axis 0 "
        "并使用 keepdims=True。",
    ),
    reference=_ref_softmax_cross_entropy,
    against="dlnotes.losses.softmax_cross_entropy",
    cases=_cases_sce,
)


def _log_softmax(Z: np.ndarray, axis: int) -> np.ndarray:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


@SCE.known_mistake(
    "log_of_softmax",
    title="the log taken of the softmax (no log-sum-exp)",
    title_zh="对 softmax 取对数（没有用 log-sum-exp）",
    explanation="softmax(z) underflows to 0 for a class far below the maximum, and log 0 = "
    "−inf (0·−inf = NaN): compute log softmax directly, z − max − log Σ exp(z − max).",
    explanation_zh="当某一类远低于最大值时 softmax(z) 下溢为 0，而 log 0 = −inf（0·−inf = NaN）："
    "请直接计算 log softmax，即 z − max − log Σ exp(z − max)。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_sce_log_of_softmax(Z: np.ndarray, Y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        e = np.exp(Z - Z.max(axis=0, keepdims=True))
        return -np.mean(np.sum(Y * np.log(e / e.sum(axis=0, keepdims=True)), axis=0))


@SCE.known_mistake(
    "sum",
    title="the sum over the examples instead of the mean",
    title_zh="对样本求和而不是取平均",
    explanation="The cost averages the m losses: divide by m.",
    explanation_zh="代价是 m 个损失的平均值：要除以 m。",
    link=erratum(CHAPTER, "14-mean"),
)
def _mistake_sce_sum(Z: np.ndarray, Y: np.ndarray) -> float:
    return -np.sum(Y * _log_softmax(Z, 0))


@SCE.known_mistake(
    "wrong_axis",
    title="softmax over the examples (axis 1)",
    title_zh="在样本方向（axis 1）上做了 softmax",
    explanation="The classes lie along axis 0 (examples are columns): normalize each column.",
    explanation_zh="类别沿 axis 0（样本是列）：对每一列归一化。",
    link=AXIS_0,
)
def _mistake_sce_wrong_axis(Z: np.ndarray, Y: np.ndarray) -> float:
    return -np.mean(np.sum(Y * _log_softmax(Z, 1), axis=0))
