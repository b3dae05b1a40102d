"""Exercises of the chapter Neural-network basics: logistic regression's pass and a linear
layer's backward pass."""

from __future__ import annotations

import numpy as np

from dlnotes.exercises._model import Case, Text, erratum, exercise, rng

CHAPTER = "neural-networks"


# ------------------------------------------------------------------ logistic regression


def _ref_logistic_propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    """One forward and backward pass of logistic regression over m examples.

    w is (n_x, 1), b a number, X (n_x, m), Y (1, m) of 0/1. With A = σ(wᵀX + b):
    cost J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], dw = (1/m) X (A − Y)ᵀ (shape (n_x, 1)),
    db = (1/m) Σ (A − Y) (a number). Return (dw, db, cost).
    """
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    return X @ dZ.T / m, float(np.sum(dZ) / m), float(cost)


def _cases_propagate() -> list[Case]:
    r = rng(31)
    X = r.standard_normal((4, 7))
    Y = (r.random((1, 7)) < 0.5).astype(float)
    return [
        Case(
            "n_x = 2, m = 3",
            (
                np.array([[1.0], [2.0]]),
                2.0,
                np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
                np.array([[1.0, 0.0, 1.0]]),
            ),
            {},
        ),
        Case("n_x = 4, m = 7, b = -0.5", (r.standard_normal((4, 1)) * 0.5, -0.5, X, Y), {}),
    ]


PROPAGATE = exercise(
    name="logistic_propagate",
    chapter=CHAPTER,
    title="Forward and backward pass of logistic regression",
    title_zh="逻辑回归的前向与反向传播",
    task="Write `logistic_propagate(w, b, X, Y)`: with A = σ(wᵀX + b), return the gradients "
    "dw = (1/m) X (A − Y)ᵀ and db = (1/m) Σ (A − Y) and the cost "
    "J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], as (dw, db, cost).",
    task_zh="写出 `logistic_propagate(w, b, X, Y)`：令 A = σ(wᵀX + b)，返回梯度 "
    "dw = (1/m) X (A − Y)ᵀ、db = (1/m) Σ (A − Y) 和代价 "
    "J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)]，即 (dw, db, cost)。",
    hints=(
        "dz = A − Y for every example at once; dw has the shape of w, (n_x, 1).",
        "db and the cost are numbers: float(np.sum(dZ) / m). dw = X @ dZ.T / m.",
    ),
    hints_zh=(
        "对所有样本同时计算 dz = A − Y；dw 的形状与 w 相同，为 (n_x, 1)。",
        "db 和代价都是数：float(np.sum(dZ) / m)。dw = X @ dZ.T / m。",
    ),
    reference=_ref_logistic_propagate,
    against="dlnotes.logistic.propagate",
    cases=_cases_propagate,
    outputs=("dw", "db", "cost"),
)


@PROPAGATE.known_mistake(
    "no_one_over_m",
    title="the 1/m left out",
    title_zh="漏掉了 1/m",
    explanation="J, dw and db are averages over the m examples: divide the sums by m "
    "(003 §2.13 drops the 1/m from J).",
    explanation_zh="J、dw 和 db 都是 m 个样本上的平均：求和后要除以 m（003 §2.13 的 J 漏掉了 1/m）"
    "。",
    link=erratum("risk-and-losses", "14-mean"),
)
def _mistake_propagate_no_one_over_m(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, cost = _ref_logistic_propagate(w, b, X, Y)
    m = X.shape[1]
    return dw * m, db * m, cost * m


@PROPAGATE.known_mistake(
    "sign",
    title="dz = Y − A instead of A − Y",
    title_zh="dz = Y − A 而不是 A − Y",
    explanation="dJ/dz = a − y; with y − a the gradients point uphill.",
    explanation_zh="dJ/dz = a − y；用 y − a 时梯度指向上坡方向。",
    link="neural-networks/logistic-regression.md#logistic-regression-gradient",
)
def _mistake_propagate_sign(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, cost = _ref_logistic_propagate(w, b, X, Y)
    return -dw, -db, cost


@PROPAGATE.known_mistake(
    "cost_sign",
    title="the sign of the second log term of the cost",
    title_zh="代价中第二个对数项的符号错了",
    explanation="J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)]: both terms are negated.",
    explanation_zh="J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)]：两项都要取负。",
    link=erratum("risk-and-losses", 13),
)
def _mistake_propagate_cost_sign(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, _ = _ref_logistic_propagate(w, b, X, Y)
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    return dw, db, float(-np.mean(Y * np.log(A) - (1 - Y) * np.log(1 - A)))


# ------------------------------------------------------------------ linear backward


def _ref_linear_backward(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of the linear part Z = W A_prev + b of a layer, over m examples.

    dZ is (n[l], m), A_prev (n[l−1], m), W (n[l], n[l−1]). Return (dA_prev, dW, db) with
    dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ dZ over the examples (shape (n[l], 1)) and
    dA_prev = Wᵀ dZ.
    """
    m = dZ.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return W.T @ dZ, dW, db


def _cases_linear_backward() -> list[Case]:
    r = rng(32)
    return [
        Case(
            "n[l] = 3, n[l−1] = 4, m = 5",
            (r.standard_normal((3, 5)), r.standard_normal((4, 5)), r.standard_normal((3, 4))),
            {},
        ),
        Case(
            Text("m = 1 example", "m = 1 个样本"),
            (r.standard_normal((2, 1)), r.standard_normal((3, 1)), r.standard_normal((2, 3))),
            {},
        ),
        Case(
            "float32, m = 7",
            tuple(r.standard_normal(s).astype(np.float32) for s in ((1, 7), (2, 7), (1, 2))),
            {},
        ),
    ]


LINEAR_BACKWARD = exercise(
    name="linear_backward",
    chapter=CHAPTER,
    title="Backward pass of a linear layer",
    title_zh="线性层的反向传播",
    task="Write `linear_backward(dZ, A_prev, W)`: for Z = W A_prev + b over m examples, "
    "return (dA_prev, dW, db) with dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ dZ over the examples "
    "(shape (n[l], 1)) and dA_prev = Wᵀ dZ.",
    task_zh="写出 `linear_backward(dZ, A_prev, W)`：对 m 个样本上的 Z = W A_prev + b，返回 "
    "(dA_prev, dW, db)，其中 dW = (1/m) dZ A_prevᵀ，db = (1/m) Σ dZ（对样本求和，形状 (n[l], 1)），"
    "dA_prev = Wᵀ dZ。",
    hints=(
        "The 1/m belongs to dW and db only: dA_prev passes the gradient of each example back "
        "unchanged.",
        "db = np.sum(dZ, axis=1, keepdims=True) / m keeps the shape (n[l], 1); "
        "dW = dZ @ A_prev.T / m.",
    ),
    hints_zh=(
        "1/m 只属于 dW 和 db：dA_prev 原样传回每个样本的梯度。",
        "db = np.sum(dZ, axis=1, keepdims=True) / m 保持形状 (n[l], 1)；dW = dZ @ A_prev.T / m。",
    ),
    reference=_ref_linear_backward,
    against="dlnotes.layers.linear_backward",
    cases=_cases_linear_backward,
    outputs=("dA_prev", "dW", "db"),
)


@LINEAR_BACKWARD.known_mistake(
    "no_one_over_m",
    title="the 1/m left out of dW and db",
    title_zh="dW 和 db 漏掉了 1/m",
    explanation="The cost is a mean over the m examples, so dW and db carry 1/m.",
    explanation_zh="代价是 m 个样本上的平均，所以 dW 和 db 带有 1/m。",
    link="neural-networks/deep.md#forward-and-backward",
)
def _mistake_linear_backward_no_one_over_m(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


@LINEAR_BACKWARD.known_mistake(
    "dA_prev_over_m",
    title="dA_prev divided by m",
    title_zh="dA_prev 除以了 m",
    explanation="dA_prev is per example (one column each): Wᵀ dZ with no 1/m; only the "
    "parameter gradients average over the examples.",
    explanation_zh="dA_prev 是逐样本的（每列一个）：Wᵀ dZ，不带 1/m；只有参数的梯度对样本取平均。",
    link="neural-networks/deep.md#forward-and-backward",
)
def _mistake_linear_backward_dA_over_m(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dA_prev, dW, db = _ref_linear_backward(dZ, A_prev, W)
    return dA_prev / dZ.shape[1], dW, db
