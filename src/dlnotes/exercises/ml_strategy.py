"""Exercises of the chapter ML strategy: the error analysis and the multi-task loss."""

from __future__ import annotations

import math

import numpy as np

from dlnotes.exercises._model import Case, Text, exercise, rng

CHAPTER = "ml-strategy"


# ------------------------------------------------------------------ bias, variance, mismatch


def _ref_bias_variance(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    """Split the errors into (avoidable_bias, variance, data_mismatch) (notes 000, 002).

    avoidable bias = train − human (human-level error as the proxy for Bayes error),
    variance = train-dev − train, data mismatch = dev − train-dev. Return the three floats.
    """
    return train_error - human_error, train_dev_error - train_error, dev_error - train_dev_error


def _cases_bias_variance() -> list[Case]:
    return [
        Case(
            Text(
                "human 1 %, train 5 %, train-dev 6 %, dev 12 %",
                "人类 1 %，训练 5 %，训练-开发 6 %，开发 12 %",
            ),
            (0.01, 0.05, 0.06, 0.12),
            {},
        ),
        Case(
            Text(
                "human 7.5 %, train 8 %, train-dev 10 %, dev 10.5 %",
                "人类 7.5 %，训练 8 %，训练-开发 10 %，开发 10.5 %",
            ),
            (0.075, 0.08, 0.10, 0.105),
            {},
        ),
    ]


BIAS_VARIANCE = exercise(
    name="bias_variance",
    chapter=CHAPTER,
    title="Avoidable bias, variance and data mismatch",
    title_zh="可避免偏差、方差与数据不匹配",
    task="Write `bias_variance(human_error, train_error, train_dev_error, dev_error)`: return "
    "(avoidable_bias, variance, data_mismatch) = (train − human, train-dev − train, "
    "dev − train-dev).",
    task_zh="写出 `bias_variance(human_error, train_error, train_dev_error, dev_error)`：返回 "
    "(avoidable_bias, variance, data_mismatch) = (train − human, train-dev − train, dev − "
    "train-dev)。",
    hints=(
        "Human-level error stands in for Bayes error; the training-dev set separates "
        "variance from data mismatch.",
        "Three differences of neighbouring errors, in the order human, train, train-dev, dev.",
    ),
    hints_zh=(
        "人类水平误差代替贝叶斯误差；训练-开发集把方差与数据不匹配分开。",
        "按 human、train、train-dev、dev 的顺序，求相邻误差的三个差。",
    ),
    reference=_ref_bias_variance,
    against="dlnotes.strategy.diagnose",
    cases=_cases_bias_variance,
    outputs=("avoidable_bias", "variance", "data_mismatch"),
)


@BIAS_VARIANCE.known_mistake(
    "bias_from_zero",
    title="bias measured from 0 instead of human-level error",
    title_zh="从 0 而不是从人类水平误差量起偏差",
    explanation="Avoidable bias is train − human: the part of the training error that can be "
    "removed.",
    explanation_zh="可避免偏差是 train − human：训练误差中可以消除的那部分。",
    link="ml-strategy.md#avoidable-bias",
)
def _mistake_bias_from_zero(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    return train_error, train_dev_error - train_error, dev_error - train_dev_error


@BIAS_VARIANCE.known_mistake(
    "variance_with_mismatch",
    title="variance as dev − train",
    title_zh="把方差算成 dev − train",
    explanation="With a training-dev set, dev − train mixes variance and data mismatch; the "
    "variance is train-dev − train.",
    explanation_zh="有训练-开发集时，dev − train 混合了方差和数据不匹配；方差是 train-dev − train。"
    "",
    link="ml-strategy.md#data-mismatch",
)
def _mistake_variance_with_mismatch(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    return train_error - human_error, dev_error - train_error, dev_error - train_dev_error


# ------------------------------------------------------------------ multi-task loss


def _ref_multitask_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Multi-task cost: a sigmoid per task, binary cross-entropy summed over the k tasks and
    averaged over the m examples; a NaN label (the notes' "?") is skipped.

    Z holds the logits (k, m), Y the labels (k, m) of 0, 1 or NaN. Finite for |z| up to 1e3.
    Return a float.
    """
    known = ~np.isnan(Y)
    Y0 = np.where(known, Y, 0.0)
    # −log σ(z) = log(1 + e^(−z)), −log(1 − σ(z)) = log(1 + e^z), both without overflow
    losses = Y0 * np.logaddexp(0, -Z) + (1 - Y0) * np.logaddexp(0, Z)
    return float(np.sum(np.where(known, losses, 0.0)) / Z.shape[1])


def _cases_multitask() -> list[Case]:
    r = rng(121)
    Z = r.standard_normal((4, 5)) * 2
    Y = (r.random((4, 5)) < 0.5).astype(float)
    Y_missing = Y.copy()
    Y_missing[[0, 2, 3], [1, 4, 0]] = np.nan
    return [
        Case(Text("k = 4 tasks, m = 5 examples", "k = 4 个任务，m = 5 个样本"), (Z, Y), {}),
        Case(Text("three labels missing (NaN)", "缺失三个标签（NaN）"), (Z, Y_missing), {}),
        Case(
            "|z| = 1e3",
            (
                np.array([[1000.0, -1000.0, 2.0], [-1000.0, 3.0, 1000.0]]),
                np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]),
            ),
            {},
        ),
    ]


MULTITASK = exercise(
    name="multitask_cross_entropy",
    chapter=CHAPTER,
    title="The multi-task loss",
    title_zh="多任务学习的损失",
    task="Write `multitask_cross_entropy(Z, Y)`: a sigmoid per task (row) and its binary "
    "cross-entropy, summed over the k tasks and averaged over the m examples; a NaN label "
    '(the notes\' "?") adds nothing. It must stay finite for |z| = 1e3.',
    task_zh="写出 `multitask_cross_entropy(Z, Y)`：每个任务（行）一个 sigmoid 及其二元交叉熵，"
    '对 k 个任务求和、对 m 个样本取平均；NaN 标签（笔记中的 "?"）不计入。'
    "|z| = 1e3 时结果也必须有限。",
    hints=(
        "The tasks are not exclusive: one sigmoid per task, no softmax. Mask the NaN labels.",
        "−log σ(z) = logaddexp(0, −z) and −log(1 − σ(z)) = logaddexp(0, z); mask with np.isnan "
        "and divide the sum by m.",
    ),
    hints_zh=(
        "各任务之间不互斥：每个任务一个 sigmoid，不用 softmax。把 NaN 标签屏蔽掉。",
        "−log σ(z) = logaddexp(0, −z)，−log(1 − σ(z)) = logaddexp(0, z)；用 np.isnan 屏蔽，"
        "总和除以 m。",
    ),
    reference=_ref_multitask_cross_entropy,
    against="dlnotes.strategy.multitask_cross_entropy",
    cases=_cases_multitask,
)


@MULTITASK.known_mistake(
    "softmax",
    title="a softmax across the tasks",
    title_zh="在任务之间做了 softmax",
    explanation="The tasks are not exclusive (one image can hold a car and a stop sign): one "
    "sigmoid per task, not a softmax over them.",
    explanation_zh="各任务之间不互斥（一张图片里可以同时有汽车和停车标志）：每个任务一个 sigmoid，"
    "而不是在它们之间做 softmax。",
    link="ml-strategy.md#multi-task-learning",
)
def _mistake_multitask_softmax(Z: np.ndarray, Y: np.ndarray) -> float:
    known = ~np.isnan(Y)
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_p = shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))
    return float(-np.sum(np.where(known, np.nan_to_num(Y) * log_p, 0.0)) / Z.shape[1])


@MULTITASK.known_mistake(
    "mean_over_tasks",
    title="averaged over the tasks too",
    title_zh="对任务也取了平均",
    explanation="The notes sum the k task losses and average over the m examples only.",
    explanation_zh="笔记对 k 个任务的损失求和，只对 m 个样本取平均。",
    link="ml-strategy.md#multi-task-learning",
)
def _mistake_multitask_mean_over_tasks(Z: np.ndarray, Y: np.ndarray) -> float:
    return _ref_multitask_cross_entropy(Z, Y) / Z.shape[0]


@MULTITASK.known_mistake(
    "nan_not_skipped",
    title="missing labels not skipped",
    title_zh="没有跳过缺失的标签",
    explanation="A NaN label makes the whole sum NaN: leave those entries out (np.isnan).",
    explanation_zh="一个 NaN 标签会让整个和变成 NaN：把这些元素排除（np.isnan）。",
    link="ml-strategy.md#multi-task-learning",
)
def _mistake_multitask_nan_not_skipped(Z: np.ndarray, Y: np.ndarray) -> float:
    if np.isnan(Y).any():
        return math.nan
    return _ref_multitask_cross_entropy(Z, Y)
