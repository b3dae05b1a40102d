"""Exercises of the chapter Batch normalization: training mode, test time, running averages."""

from __future__ import annotations

import numpy as np

from dlnotes.exercises._model import Case, Text, erratum, exercise, rng

CHAPTER = "batch-norm"


# ------------------------------------------------------------------ training mode


def _ref_batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    """Batch norm in training mode, per unit (row) over the m examples of the mini-batch.

    μ = mean of the row, σ² its variance (1/m), Z_norm = (Z − μ)/√(σ² + ε), Z̃ = γ·Z_norm + β.
    Z is (n[l], m); gamma and beta are (n[l], 1). Return Z̃, shaped like Z.
    """
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta


def _cases_bn_forward() -> list[Case]:
    r = rng(91)
    Z = r.standard_normal((3, 5)) * np.array([[1.0], [5.0], [0.001]]) + np.array(
        [[0.0], [3.0], [-1.0]]
    )
    gamma, beta = np.array([[1.5], [0.5], [2.0]]), np.array([[0.1], [-1.0], [0.0]])
    Z4 = r.standard_normal((4, 7))
    return [
        Case(
            Text(
                "a (2, 4) mini-batch, gamma = 1, beta = 0",
                "一个 (2, 4) 的小批量，gamma = 1，beta = 0",
            ),
            (
                np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 30.0, 30.0]]),
                np.ones((2, 1)),
                np.zeros((2, 1)),
            ),
            {},
        ),
        Case(
            Text(
                "m = 5 (odd), a row with σ = 0.001 (ε matters)",
                "m = 5（奇数），有一行 σ = 0.001（ε 起作用）",
            ),
            (Z, gamma, beta),
            {},
        ),
        Case("eps = 0.1", (Z4, np.ones((4, 1)), np.zeros((4, 1))), {"eps": 0.1}),
        Case(
            "float32, (4, 7)",
            (Z4.astype(np.float32), np.full((4, 1), 2.0, np.float32), np.ones((4, 1), np.float32)),
            {},
        ),
    ]


BN_FORWARD = exercise(
    name="batchnorm_forward",
    chapter=CHAPTER,
    title="Batch norm, training mode",
    title_zh="批归一化（训练时）",
    task="Write `batchnorm_forward(Z, gamma, beta, eps=1e-5)`: per unit (row of Z) over the m "
    "examples, μ = mean, σ² = (1/m) Σ (z − μ)², Z_norm = (Z − μ)/√(σ² + ε), and return "
    "Z̃ = γ·Z_norm + β.",
    task_zh="写出 `batchnorm_forward(Z, gamma, beta, eps=1e-5)`：对每个单元（Z 的一行）在 m 个样本"
    "上"
    "计算 μ = 均值、σ² = (1/m) Σ (z − μ)²、Z_norm = (Z − μ)/√(σ² + ε)，返回 Z̃ = γ·Z_norm + β。",
    hints=(
        "Each row is one unit, each column one example: the statistics run along axis 1.",
        "axis=1 with keepdims=True; np.var is the 1/m variance; ε goes under the root: "
        "np.sqrt(var + eps).",
    ),
    hints_zh=(
        "每一行是一个单元，每一列是一个样本：统计量沿 axis 1 计算。",
        "axis=1 并使用 keepdims=True；np.var 是 1/m 的方差；ε 在根号里面：np.sqrt(var + eps)。",
    ),
    reference=_ref_batchnorm_forward,
    against="dlnotes.batchnorm.batchnorm_forward",
    cases=_cases_bn_forward,
)


@BN_FORWARD.known_mistake(
    "unbiased",
    title="variance with 1/(m − 1)",
    title_zh="方差用了 1/(m − 1)",
    explanation="Batch norm normalizes with the batch's 1/m variance (ddof=0).",
    explanation_zh="批归一化用小批量的 1/m 方差（ddof=0）归一化。",
    link="batch-norm.md#normalizing-z",
)
def _mistake_bn_unbiased(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, ddof=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


@BN_FORWARD.known_mistake(
    "wrong_axis",
    title="normalized over the wrong axis (the units of each example)",
    title_zh="在错误的轴上归一化（每个样本的各个单元）",
    explanation="Each unit (row) is normalized over the examples of the mini-batch: axis=1.",
    explanation_zh="每个单元（行）在小批量的样本上归一化：axis=1。",
    link="conventions.md#shapes-examples-are-columns",
)
def _mistake_bn_wrong_axis(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


@BN_FORWARD.known_mistake(
    "eps_outside",
    title="ε outside the square root",
    title_zh="ε 放在了平方根外面",
    explanation="Divide by √(σ² + ε); σ + ε differs when σ² is comparable to ε.",
    explanation_zh="要除以 √(σ² + ε)；当 σ² 与 ε 相当时 σ + ε 与它不同。",
    link="batch-norm.md#normalizing-z",
)
def _mistake_bn_eps_outside(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (np.sqrt(var) + eps) + beta


# ------------------------------------------------------------------ test time


def _ref_batchnorm_inference(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    """Batch norm at test time: normalize with the running averages, not the batch's statistics.

    Z_norm = (Z − running_mean)/√(running_var + ε), Z̃ = γ·Z_norm + β; Z is (n[l], m) (m may be
    1), the others are (n[l], 1). Return Z̃.
    """
    Z_norm = (Z - running_mean) / np.sqrt(running_var + eps)
    return gamma * Z_norm + beta


def _cases_bn_inference() -> list[Case]:
    r = rng(92)
    g, b = np.array([[1.5], [0.5], [2.0]]), np.array([[0.1], [-1.0], [0.0]])
    rm, rv = np.array([[0.5], [3.0], [-1.0]]), np.array([[4.0], [0.25], [9.0]])
    return [
        Case(
            Text("one example (m = 1)", "一个样本（m = 1）"),
            (np.array([[1.0], [2.0], [3.0]]), g, b, rm, rv),
            {},
        ),
        Case("m = 5", (r.standard_normal((3, 5)) * 2, g, b, rm, rv), {}),
        Case(
            "float32, m = 3",
            tuple(x.astype(np.float32) for x in (r.standard_normal((3, 3)), g, b, rm, rv)),
            {},
        ),
    ]


BN_INFERENCE = exercise(
    name="batchnorm_inference",
    chapter=CHAPTER,
    title="Batch norm at test time",
    title_zh="测试时的批归一化",
    task="Write `batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5)`: "
    "normalize with the running averages, (Z − running_mean)/√(running_var + ε), then scale "
    "by γ and shift by β. Z may hold a single example.",
    task_zh="写出 `batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5)`："
    "用全局（滑动）平均值归一化，(Z − running_mean)/√(running_var + ε)，再用 γ 缩放、用 β 平移。"
    "Z 可能只有一个样本。",
    hints=(
        "At test time the mini-batch's own statistics are not used (one example has variance 0).",
        "(Z - running_mean) / np.sqrt(running_var + eps), then gamma * … + beta.",
    ),
    hints_zh=(
        "测试时不用小批量自身的统计量（一个样本的方差是 0）。",
        "(Z - running_mean) / np.sqrt(running_var + eps)，然后 gamma * … + beta。",
    ),
    reference=_ref_batchnorm_inference,
    against="dlnotes.batchnorm.batchnorm_inference",
    cases=_cases_bn_inference,
)


@BN_INFERENCE.known_mistake(
    "batch_statistics",
    title="the test batch's own mean and variance",
    title_zh="用了测试批自身的均值和方差",
    explanation="At test time normalize with the running averages kept during training.",
    explanation_zh="测试时要用训练期间保存的全局平均值归一化。",
    link="batch-norm.md#test-time",
)
def _mistake_bn_inference_batch_stats(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


@BN_INFERENCE.known_mistake(
    "no_sqrt",
    title="divided by the variance, not its square root",
    title_zh="除以方差而不是它的平方根",
    explanation="Divide by √(running_var + ε) (the same σ/σ² slip as erratum 2).",
    explanation_zh="要除以 √(running_var + ε)（与勘误 2 相同的 σ/σ² 笔误）。",
    link=erratum("regularization", 2),
)
def _mistake_bn_inference_no_sqrt(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    return gamma * (Z - running_mean) / (running_var + eps) + beta


# ------------------------------------------------------------------ running averages


def _ref_update_running_stats(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """Update the running averages with one mini-batch Z (n[l], m) in training mode.

    μ and σ² are the mean and the (1/m) variance of each row of Z;
    running_mean = β·running_mean + (1 − β)·μ, likewise running_var with σ². All statistics are
    (n[l], 1). Return the new (running_mean, running_var).
    """
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    return beta * running_mean + (1 - beta) * mu, beta * running_var + (1 - beta) * var


def _cases_running() -> list[Case]:
    r = rng(93)
    Z = r.standard_normal((3, 5)) * 2 + 1
    return [
        Case(
            Text("from zeros and ones, m = 5", "从全零和全一开始，m = 5"),
            (np.zeros((3, 1)), np.ones((3, 1)), Z),
            {},
        ),
        Case(
            "beta = 0.99, m = 7",
            (r.standard_normal((2, 1)), r.random((2, 1)) + 0.5, r.standard_normal((2, 7))),
            {"beta": 0.99},
        ),
        Case(
            "float32",
            (np.zeros((3, 1), np.float32), np.ones((3, 1), np.float32), Z.astype(np.float32)),
            {},
        ),
    ]


RUNNING = exercise(
    name="update_running_stats",
    chapter=CHAPTER,
    title="Running averages for test time",
    title_zh="为测试时准备的全局平均值",
    task="Write `update_running_stats(running_mean, running_var, Z, beta=0.9)`: with μ and "
    "σ² (1/m) of each row of the mini-batch Z, return running_mean = β·running_mean + "
    "(1 − β)·μ and running_var = β·running_var + (1 − β)·σ².",
    task_zh="写出 `update_running_stats(running_mean, running_var, Z, beta=0.9)`：用小批量 Z 每一行"
    "的 "
    "μ 和 σ²（1/m），返回 running_mean = β·running_mean + (1 − β)·μ 和 "
    "running_var = β·running_var + (1 − β)·σ²。",
    hints=(
        "An exponentially weighted average of the batch statistics; β weighs the old value.",
        "mu = Z.mean(axis=1, keepdims=True), var = Z.var(axis=1, keepdims=True) (ddof=0).",
    ),
    hints_zh=(
        "这是小批量统计量的指数加权平均；β 是旧值的权重。",
        "mu = Z.mean(axis=1, keepdims=True)，var = Z.var(axis=1, keepdims=True)（ddof=0）。",
    ),
    reference=_ref_update_running_stats,
    against="dlnotes.batchnorm.update_running_stats",
    cases=_cases_running,
    outputs=("running_mean", "running_var"),
)


@RUNNING.known_mistake(
    "momentum_swapped",
    title="β on the batch statistic (PyTorch's momentum)",
    title_zh="β 乘在了小批量统计量上（PyTorch 的 momentum）",
    explanation="PyTorch's momentum = 0.1 is 1 − β: the old value keeps the weight β = 0.9.",
    explanation_zh="PyTorch 的 momentum = 0.1 就是 1 − β：旧值保留权重 β = 0.9。",
    link=erratum(CHAPTER, 18),
)
def _mistake_running_momentum_swapped(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return (1 - beta) * running_mean + beta * mu, (1 - beta) * running_var + beta * var


@RUNNING.known_mistake(
    "unbiased",
    title="the unbiased (1/(m − 1)) variance in the running average",
    title_zh="全局平均中用了无偏（1/(m − 1)）方差",
    explanation="That is PyTorch's running variance; the notes (and this exercise) average "
    "the batch's 1/m variance.",
    explanation_zh="那是 PyTorch 的 running variance；笔记（以及本练习）平均的是小批量的 1/m 方差。"
    "",
    link=erratum(CHAPTER, 18),
)
def _mistake_running_unbiased(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, ddof=1, keepdims=True)
    return beta * running_mean + (1 - beta) * mu, beta * running_var + (1 - beta) * var
