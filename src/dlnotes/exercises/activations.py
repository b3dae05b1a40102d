"""Exercises of the chapter Activations: softmax, sigmoid and the derivative of tanh."""

from __future__ import annotations

import numpy as np

from dlnotes.exercises._model import NUMERICALLY_CAREFUL, Case, Text, exercise, fixed, rng

CHAPTER = "activations"
AXIS_0 = "conventions.md#the-outcome-axis-is-axis-0"


# ------------------------------------------------------------------ softmax


def _ref_softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over axis 0: exp(z_i) / Σ_j exp(z_j) for each column (a 1-D z is one vector).

    Shaped like z; finite for |z| up to 1e3 (subtract the maximum first).
    """
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _cases_softmax() -> list[Case]:
    r = rng(41)
    return [
        Case(Text("a 1-D z", "一维的 z"), (fixed(1.0, 2.0, 3.0),), {}),
        Case(
            Text("5 columns (examples) of 3 classes", "5 列（样本），每列 3 类"),
            (r.standard_normal((3, 5)),),
            {},
        ),
        Case(Text("|z| = 1e3 in 1-D", "一维，|z| = 1e3"), (fixed(1000.0, 999.0, -1000.0),), {}),
        Case(
            Text("|z| = 1e3 in columns", "按列，|z| = 1e3"),
            (np.array([[1000.0, -1000.0, 3.0], [999.0, 1.0, -1000.0]]),),
            {},
        ),
        Case(
            Text("float32, 4 classes × 7 examples", "float32，4 类 × 7 个样本"),
            (r.standard_normal((4, 7)).astype(np.float32) * 3,),
            {},
        ),
    ]


SOFTMAX = exercise(
    name="softmax",
    chapter=CHAPTER,
    title="A softmax that does not overflow",
    title_zh="不会溢出的 softmax",
    task="Write `softmax(z)`: exp(z_i) / Σ_j exp(z_j) along axis 0 (each column of a 2-D z is "
    "one vector of scores; a 1-D z is one vector). It must work for |z| = 1e3, where exp "
    "overflows: subtract the maximum of each column first.",
    task_zh="写出 `softmax(z)`：沿 axis 0 计算 exp(z_i) / Σ_j exp(z_j)（二维 z 的每一列是一组得分；"
    "一维 z 是一组）。|z| = 1e3 时 exp 会溢出，函数也必须正确：先减去每列的最大值。",
    hints=(
        "Softmax does not change when the same number is subtracted from every score of a column.",
        "z − z.max(axis=0, keepdims=True) makes every exponent ≤ 0; then divide by the sum over "
        "axis 0 with keepdims=True.",
    ),
    hints_zh=(
        "一列中的每个得分都减去同一个数，softmax 不变。",
        "z − z.max(axis=0, keepdims=True) 让每个指数都 ≤ 0；然后除以沿 axis 0 的和（keepdims=True）"
        "。",
    ),
    reference=_ref_softmax,
    against="dlnotes.activations.softmax",
    cases=_cases_softmax,
)


@SOFTMAX.known_mistake(
    "no_max_shift",
    title="no max-shift before exp",
    title_zh="exp 之前没有减去最大值",
    explanation="exp(1000) = inf and inf/inf = NaN: subtract the column's maximum before "
    "exponentiating (softmax is unchanged by a shift).",
    explanation_zh="exp(1000) = inf，而 inf/inf = NaN：取指数前先减去该列的最大值（平移不改变 "
    "softmax）。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_softmax_no_max_shift(z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        e = np.exp(z)
        return e / e.sum(axis=0, keepdims=True)


@SOFTMAX.known_mistake(
    "wrong_axis",
    title="normalized over the examples (the last axis)",
    title_zh="在样本方向（最后一个轴）上归一化",
    explanation="Classes lie along axis 0: sum over axis 0 with keepdims=True, so each column "
    "sums to 1.",
    explanation_zh="类别沿 axis 0：沿 axis 0 求和并使用 keepdims=True，使每一列的和为 1。",
    link=AXIS_0,
)
def _mistake_softmax_wrong_axis(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@SOFTMAX.known_mistake(
    "whole_array",
    title="normalized over the whole array",
    title_zh="对整个数组归一化",
    explanation="np.sum without an axis adds up every column; softmax normalizes each column "
    "(axis 0) separately.",
    explanation_zh="不带 axis 的 np.sum 会把所有列加在一起；softmax 对每一列（axis 0）分别归一化。",
    link=AXIS_0,
)
def _mistake_softmax_whole_array(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


# ------------------------------------------------------------------ sigmoid


def _ref_sigmoid(z: np.ndarray) -> np.ndarray:
    """Sigmoid σ(z) = 1 / (1 + e^(−z)), elementwise; shaped like z.

    No NumPy warning for |z| up to 1e3 (e^1000 overflows: use a form that never computes it).
    """
    return 0.5 * (1 + np.tanh(z / 2))


def _cases_sigmoid() -> list[Case]:
    r = rng(42)
    return [
        Case("z = (−2, 0, 3)", (fixed(-2.0, 0.0, 3.0),), {}),
        Case(Text("a (3, 5) array", "一个 (3, 5) 数组"), (r.standard_normal((3, 5)) * 4,), {}),
        Case("|z| = 1e3", (fixed(-1000.0, 1000.0, 0.5),), {}),
        Case(
            Text("float32 with |z| = 100", "float32，|z| = 100"),
            (fixed(-100.0, 100.0, 0.5, dtype=np.float32),),
            {},
        ),
    ]


SIGMOID = exercise(
    name="sigmoid",
    chapter=CHAPTER,
    title="A sigmoid without overflow warnings",
    title_zh="没有溢出警告的 sigmoid",
    task="Write `sigmoid(z)`: σ(z) = 1/(1 + e^(−z)) elementwise, with no NumPy warning for "
    "|z| = 1e3 (e^(−z) overflows for z = −1000).",
    task_zh="写出 `sigmoid(z)`：逐元素计算 σ(z) = 1/(1 + e^(−z))，|z| = 1e3 时不能有 NumPy 警告"
    "（z = −1000 时 e^(−z) 会溢出）。",
    hints=(
        "Never compute e^(−z) for z < 0: e^z/(1 + e^z) is the same σ there. np.where evaluates "
        "both branches everywhere, so it does not help.",
        "0.5·(1 + tanh(z/2)) equals σ(z) and never overflows; or compute each form only on its "
        "own entries (out[pos] = …, out[~pos] = …).",
    ),
    hints_zh=(
        "z < 0 时不要计算 e^(−z)：那里 e^z/(1 + e^z) 是同一个 σ。np.where 会在所有位置计算两个分支"
        "，"
        "所以帮不上忙。",
        "0.5·(1 + tanh(z/2)) 等于 σ(z) 且从不溢出；或者只在各自的元素上计算两种形式"
        "（out[pos] = …，out[~pos] = …）。",
    ),
    reference=_ref_sigmoid,
    against="dlnotes.activations.sigmoid",
    cases=_cases_sigmoid,
)


@SIGMOID.known_mistake(
    "overflow",
    title="1/(1 + e^(−z)) overflows for z ≪ 0",
    title_zh="z ≪ 0 时 1/(1 + e^(−z)) 溢出",
    explanation="The values come out right (1/(1 + inf) = 0) but e^1000 overflows and NumPy "
    "warns; valid input must give no warning. Never compute e^(−z) for z < 0.",
    explanation_zh="数值是对的（1/(1 + inf) = 0），但 e^1000 溢出，NumPy 会发出警告；合法输入不应有"
    "警告。"
    "z < 0 时不要计算 e^(−z)。",
    link="activations.md#sigmoid",
)
def _mistake_sigmoid_overflow(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


@SIGMOID.known_mistake(
    "exp_ratio",
    title="e^z/(1 + e^z) for every z",
    title_zh="对所有 z 都用 e^z/(1 + e^z)",
    explanation="For z = 1000, e^z = inf and inf/inf = NaN: use this form only for z < 0.",
    explanation_zh="z = 1000 时 e^z = inf，inf/inf = NaN：这种形式只能用于 z < 0。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_sigmoid_exp_ratio(z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.exp(z) / (1 + np.exp(z))


@SIGMOID.known_mistake(
    "sign",
    title="1/(1 + e^z): the sign of the exponent",
    title_zh="1/(1 + e^z)：指数的符号错了",
    explanation="σ(z) = 1/(1 + e^(−z)) rises from 0 to 1; you computed σ(−z) = 1 − σ(z).",
    explanation_zh="σ(z) = 1/(1 + e^(−z)) 从 0 上升到 1；你算的是 σ(−z) = 1 − σ(z)。",
    link="activations.md#sigmoid",
)
def _mistake_sigmoid_sign(z: np.ndarray) -> np.ndarray:
    return _ref_sigmoid(-z)


# ------------------------------------------------------------------ tanh'


def _ref_tanh_grad(z: np.ndarray) -> np.ndarray:
    """Derivative of tanh at z: g'(z) = 1 − tanh(z)², elementwise (notes 003: 1 − a²).

    Shaped like z.
    """
    a = np.tanh(z)
    return 1 - a**2


def _cases_tanh_grad() -> list[Case]:
    r = rng(43)
    return [
        Case("z = (−2, 0, 0.5, 3)", (fixed(-2.0, 0.0, 0.5, 3.0),), {}),
        Case(Text("a (2, 5) array", "一个 (2, 5) 数组"), (r.standard_normal((2, 5)),), {}),
        Case("|z| = 1e3", (fixed(-1000.0, 1000.0),), {}),
        Case("float32", (fixed(-1.5, 0.25, 2.0, dtype=np.float32),), {}),
    ]


TANH_GRAD = exercise(
    name="tanh_grad",
    chapter=CHAPTER,
    title="The derivative of tanh",
    title_zh="tanh 的导数",
    task="Write `tanh_grad(z)`: the derivative g'(z) = 1 − (tanh z)² at z, elementwise "
    "(the notes write 1 − a² with a = tanh z).",
    task_zh="写出 `tanh_grad(z)`：逐元素计算导数 g'(z) = 1 − (tanh z)²（笔记写作 1 − a²，其中 a = "
    "tanh z）。",
    hints=(
        "The notes' a is the activation, not z.",
        "a = np.tanh(z), then 1 − a**2.",
    ),
    hints_zh=(
        "笔记中的 a 是激活值，不是 z。",
        "a = np.tanh(z)，然后计算 1 − a**2。",
    ),
    reference=_ref_tanh_grad,
    against="dlnotes.activations.tanh_grad",
    cases=_cases_tanh_grad,
)


@TANH_GRAD.known_mistake(
    "no_square",
    title="1 − tanh z (the square left out)",
    title_zh="1 − tanh z（漏掉了平方）",
    explanation="g'(z) = 1 − tanh²(z): square the activation.",
    explanation_zh="g'(z) = 1 − tanh²(z)：要对激活值取平方。",
    link="activations.md#derivatives",
)
def _mistake_tanh_grad_no_square(z: np.ndarray) -> np.ndarray:
    return 1 - np.tanh(z)


@TANH_GRAD.known_mistake(
    "z_for_a",
    title="1 − z² (z in place of a = tanh z)",
    title_zh="1 − z²（把 z 当成了 a = tanh z）",
    explanation="The notes' 1 − a² uses the activation a = tanh z, not the input z.",
    explanation_zh="笔记中的 1 − a² 用的是激活值 a = tanh z，而不是输入 z。",
    link="activations.md#derivatives",
)
def _mistake_tanh_grad_z_for_a(z: np.ndarray) -> np.ndarray:
    return 1 - z**2
