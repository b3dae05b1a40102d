"""Exercises of the chapter Gradient checking: the two-sided difference and the relative
difference."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlnotes.exercises._model import NUMERICALLY_CAREFUL, Case, Text, erratum, exercise, fixed, rng

CHAPTER = "gradient-checking"


# ------------------------------------------------------------------ numerical gradient


def _ref_numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    """Two-sided difference: component i is (f(x + ε e_i) − f(x − ε e_i)) / (2ε).

    f maps an array shaped like x to a number; x is a float64 array of any shape. Return the
    approximate gradient, shaped like x. Do not modify x (perturb a copy).
    """
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        grad[i] = (f(plus) - f(minus)) / (2 * eps)
    return grad


def _cube_sum(t: np.ndarray) -> float:
    return float(np.sum(t**3))


def _wavy(t: np.ndarray) -> float:
    return float(np.sum(np.sin(3 * t) * np.exp(t / 2)) + np.prod(t[:2]))


def _cases_ngrad() -> list[Case]:
    r = rng(101)
    return [
        Case(
            Text(
                "the notes' f(θ) = θ³ at θ = 1, eps = 0.01 (000 §1.12)",
                "笔记中的 f(θ) = θ³，θ = 1，eps = 0.01（000 §1.12）",
            ),
            (_cube_sum, np.array([1.0])),
            {"eps": 0.01},
        ),
        Case(
            Text("f(θ) = Σ θ³ at a (2, 3) θ, eps = 1e-3", "f(θ) = Σ θ³，θ 为 (2, 3)，eps = 1e-3"),
            (_cube_sum, r.standard_normal((2, 3)) * 2),
            {"eps": 1e-3},
        ),
        Case(
            Text(
                "f(θ) = Σ sin(3θ)·e^(θ/2) + θ₀θ₁ at 5 points, the default eps",
                "f(θ) = Σ sin(3θ)·e^(θ/2) + θ₀θ₁，5 个点，默认的 eps",
            ),
            (_wavy, r.standard_normal(5)),
            {},
        ),
    ]


NGRAD = exercise(
    name="numerical_gradient",
    chapter=CHAPTER,
    title="Two-sided numerical gradient",
    title_zh="梯度检验：双边数值梯度",
    task="Write `numerical_gradient(f, x, eps=1e-7)`: for each component i, "
    "(f(x + ε e_i) − f(x − ε e_i))/(2ε), where e_i is 1 at i and 0 elsewhere; x may have any "
    "shape. Do not modify x.",
    task_zh="写出 `numerical_gradient(f, x, eps=1e-7)`：对每个分量 i 计算 "
    "(f(x + ε e_i) − f(x − ε e_i))/(2ε)，其中 e_i 在 i 处为 1、其余为 0；x 可以是任意形状。不要修改"
    " x。",
    hints=(
        "Perturb one component at a time, in both directions, on copies of x.",
        "Loop with np.ndindex(x.shape); plus = x.copy(); plus[i] += eps; likewise minus; "
        "grad[i] = (f(plus) − f(minus)) / (2 * eps).",
    ),
    hints_zh=(
        "每次只扰动一个分量，两个方向都要，并且在 x 的副本上操作。",
        "用 np.ndindex(x.shape) 循环；plus = x.copy(); plus[i] += eps；minus 同理；"
        "grad[i] = (f(plus) − f(minus)) / (2 * eps)。",
    ),
    reference=_ref_numerical_gradient,
    against="dlnotes.gradcheck.numerical_gradient",
    cases=_cases_ngrad,
    rtol=1e-5,
    atol=1e-7,
)


@NGRAD.known_mistake(
    "plus_is_minus",
    title="θ⁺ = θ − ε",
    title_zh="θ⁺ = θ − ε",
    explanation="004's 1-D code (§1.3.1) has thetaplus = theta − epsilon, so both points are "
    "the same and the difference is 0: θ⁺ = θ + ε.",
    explanation_zh="004 的一维代码（§1.3.1）写的是 thetaplus = theta − epsilon，两个点相同，差为 "
    "0："
    "应为 θ⁺ = θ + ε。",
    link=erratum(CHAPTER, 12),
)
def _mistake_ngrad_plus_is_minus(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] -= eps
        minus[i] -= eps
        grad[i] = (f(plus) - f(minus)) / (2 * eps)
    return grad


@NGRAD.known_mistake(
    "eps_not_2eps",
    title="the two-sided difference divided by ε instead of 2ε",
    title_zh="双边差分除以 ε 而不是 2ε",
    explanation="The two points are 2ε apart: divide by 2ε.",
    explanation_zh="两个点相距 2ε：要除以 2ε。",
    link=erratum(CHAPTER, 12),
)
def _mistake_ngrad_eps_not_2eps(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    return 2 * _ref_numerical_gradient(f, x, eps)


@NGRAD.known_mistake(
    "one_sided",
    title="a one-sided difference",
    title_zh="用了单边差分",
    explanation="(f(x + ε) − f(x))/ε has error O(ε) (3.0301 for θ³ at 1 with ε = 0.01); the "
    "two-sided difference has error O(ε²) (3.0001).",
    explanation_zh="(f(x + ε) − f(x))/ε 的误差是 O(ε)（θ³ 在 1 处、ε = 0.01 时为 3.0301）；"
    "双边差分的误差是 O(ε²)（3.0001）。",
    link="gradient-checking.md#numerical-approximation",
)
def _mistake_ngrad_one_sided(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus = x.copy()
        plus[i] += eps
        grad[i] = (f(plus) - f(x)) / eps
    return grad


# ------------------------------------------------------------------ relative difference


def _ref_relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), the relative difference of two gradients; 0 when both are 0.

    a and b have the same shape (any); return a float.
    """
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)


def _cases_reldiff() -> list[Case]:
    r = rng(102)
    a = r.standard_normal((3, 4)) * 10
    return [
        Case(
            Text("two (3, 4) gradients of norm about 35", "两个范数约为 35 的 (3, 4) 梯度"),
            (a, a + r.standard_normal((3, 4)) * 1e-3),
            {},
        ),
        Case(
            Text("opposite vectors", "方向相反的向量"),
            (fixed(1.0, 2.0, 2.0), fixed(-1.0, -2.0, -2.0)),
            {},
        ),
        Case(
            Text("two zero gradients (0/0 counts as 0)", "两个零梯度（0/0 记为 0）"),
            (np.zeros(3), np.zeros(3)),
            {},
        ),
    ]


RELDIFF = exercise(
    name="relative_difference",
    chapter=CHAPTER,
    title="The relative difference of two gradients",
    title_zh="梯度检验：两个梯度的相对差异（偏移率）",
    task="Write `relative_difference(a, b)`: ‖a − b‖₂/(‖a‖₂ + ‖b‖₂), and 0 when a and b are "
    "both 0 (no NaN, no warning).",
    task_zh="写出 `relative_difference(a, b)`：‖a − b‖₂/(‖a‖₂ + ‖b‖₂)，a 和 b 都为 0 时返回 0"
    "（不能有 NaN，也不能有警告）。",
    hints=(
        "The denominator is the sum of the two norms; it is 0 only when both are 0.",
        "np.linalg.norm of each array; test the denominator for 0 before dividing.",
    ),
    hints_zh=(
        "分母是两个范数之和；只有两者都为 0 时它才是 0。",
        "对每个数组用 np.linalg.norm；除法之前先检查分母是否为 0。",
    ),
    reference=_ref_relative_difference,
    against="dlnotes.gradcheck.relative_difference",
    cases=_cases_reldiff,
)


@RELDIFF.known_mistake(
    "absolute",
    title="‖a − b‖ without the denominator",
    title_zh="只算了 ‖a − b‖，没有分母",
    explanation="The thresholds 1e-7 / 1e-5 / 1e-3 apply to the relative difference: divide by "
    "‖a‖ + ‖b‖.",
    explanation_zh="阈值 1e-7 / 1e-5 / 1e-3 针对的是相对差异：要除以 ‖a‖ + ‖b‖。",
    link="gradient-checking.md#relative-difference",
)
def _mistake_reldiff_absolute(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))


@RELDIFF.known_mistake(
    "norm_of_sum",
    title="‖a − b‖/‖a + b‖",
    title_zh="‖a − b‖/‖a + b‖",
    explanation="The denominator is ‖a‖ + ‖b‖, the sum of the norms (it never vanishes unless "
    "both are 0).",
    explanation_zh="分母是 ‖a‖ + ‖b‖，即两个范数之和（除非两者都为 0，否则它不为 0）。",
    link="gradient-checking.md#relative-difference",
)
def _mistake_reldiff_norm_of_sum(a: np.ndarray, b: np.ndarray) -> float:
    den = np.linalg.norm(a + b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


@RELDIFF.known_mistake(
    "nan_at_zero",
    title="0/0 computed as NaN",
    title_zh="0/0 算成了 NaN",
    explanation="Two zero gradients agree: return 0 when ‖a‖ + ‖b‖ = 0.",
    explanation_zh="两个零梯度是一致的：‖a‖ + ‖b‖ = 0 时返回 0。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_reldiff_nan_at_zero(a: np.ndarray, b: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))
