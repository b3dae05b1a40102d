"""Exercises of the chapter Optimizers: momentum, RMSprop, Adam and exponentially weighted
averages."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlnotes.exercises._model import Case, Text, erratum, exercise, fixed, rng

CHAPTER = "optimizers"


# ------------------------------------------------------------------ momentum


def _ref_momentum_step(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """One step of momentum in the notes' EWA form: v = βv + (1 − β)g, then θ = θ − lr·v.

    theta, g and v have the same shape (v starts at 0). Return the new (theta, v); do not
    modify the arguments.
    """
    v = beta * v + (1 - beta) * g
    return theta - lr * v, v


def _cases_momentum() -> list[Case]:
    r = rng(61)
    return [
        Case(
            Text("the first step, v = 0", "第一步，v = 0"),
            (fixed(1.0, -2.0, 0.5), fixed(0.3, -1.0, 2.0), np.zeros(3), 0.1),
            {},
        ),
        Case(
            Text("a later step, (2, 3) arrays, beta = 0.8", "之后的一步，(2, 3) 数组，beta = 0.8"),
            (
                r.standard_normal((2, 3)),
                r.standard_normal((2, 3)),
                r.standard_normal((2, 3)),
                0.05,
            ),
            {"beta": 0.8},
        ),
        Case(
            "float32",
            (*(r.standard_normal(4).astype(np.float32) for _ in range(3)), 0.01),
            {},
        ),
    ]


MOMENTUM = exercise(
    name="momentum_step",
    chapter=CHAPTER,
    title="One step of momentum (EWA form)",
    title_zh="动量梯度下降法的一步（指数加权平均形式）",
    task="Write `momentum_step(theta, g, v, lr, beta=0.9)`: the notes' momentum "
    "v = βv + (1 − β)g (an exponentially weighted average of the gradients), then "
    "θ = θ − lr·v. Return the new (theta, v).",
    task_zh="写出 `momentum_step(theta, g, v, lr, beta=0.9)`：笔记中的动量法 "
    "v = βv + (1 − β)g（梯度的指数加权平均），然后 θ = θ − lr·v。返回新的 (theta, v)。",
    hints=(
        "Update v first, then use the new v in the step.",
        "v_new = beta * v + (1 - beta) * g; return theta - lr * v_new, v_new (new arrays, no +=).",
    ),
    hints_zh=(
        "先更新 v，再用新的 v 走这一步。",
        "v_new = beta * v + (1 - beta) * g；返回 theta - lr * v_new, v_new（新数组，不要用 +=）。",
    ),
    reference=_ref_momentum_step,
    against="dlnotes.optimizers.Momentum",
    cases=_cases_momentum,
    outputs=("theta", "v"),
)


@MOMENTUM.known_mistake(
    "sum_form",
    title="momentum in the v = βv + g form",
    title_zh="用了 v = βv + g 形式的动量",
    explanation="That is the other form of the notes (001, 6-22/23), v' = βv' + g: it is the "
    "same method with a rescaled learning rate (v' = v/(1 − β), so lr·v' = "
    "(lr/(1 − β))·v): with lr·(1 − β) your form takes the same steps. This "
    "exercise asks for the EWA form v = βv + (1 − β)g.",
    explanation_zh="这是笔记的另一种形式（001，6-22/23）v' = βv' + g：它是同一个方法，只是学习率缩"
    "放了"
    "（v' = v/(1 − β)，所以 lr·v' = (lr/(1 − β))·v）：用 lr·(1 − β) 时你的形式走出相同的步子。"
    "本练习要求指数加权平均形式 v = βv + (1 − β)g。",
    link=erratum(CHAPTER, 8),
)
def _mistake_momentum_sum_form(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    v = beta * v + g
    return theta - lr * v, v


@MOMENTUM.known_mistake(
    "old_v",
    title="θ updated with the old v",
    title_zh="用旧的 v 更新了 θ",
    explanation="Compute the new v first and step with it: θ = θ − lr·v_new.",
    explanation_zh="先算出新的 v，再用它走一步：θ = θ − lr·v_new。",
    link="optimizers.md#momentum",
)
def _mistake_momentum_old_v(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    return theta - lr * v, beta * v + (1 - beta) * g


@MOMENTUM.known_mistake(
    "beta_swapped",
    title="β and 1 − β swapped",
    title_zh="β 与 1 − β 互换了",
    explanation="v = βv + (1 − β)g keeps most (β) of the old average.",
    explanation_zh="v = βv + (1 − β)g 保留旧平均值的大部分（β）。",
    link="mini-batch.md#exponentially-weighted-averages",
)
def _mistake_momentum_beta_swapped(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    v = (1 - beta) * v + beta * g
    return theta - lr * v, v


# ------------------------------------------------------------------ RMSprop


def _ref_rmsprop_step(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    """One RMSprop step as in notes 000 §2.7: s = βs + (1 − β)g², θ = θ − lr·g/√(s + ε).

    ε goes inside the square root here (the notes' RMSprop). Return the new (theta, s).
    """
    s = beta * s + (1 - beta) * g**2
    return theta - lr * g / np.sqrt(s + eps), s


def _cases_rmsprop() -> list[Case]:
    r = rng(62)
    return [
        Case(
            Text("the first step, s = 0", "第一步，s = 0"),
            (fixed(1.0, -2.0, 0.5), fixed(0.3, -1.0, 2.0), np.zeros(3), 0.01),
            {},
        ),
        Case(
            Text("gradients of 1e-6, where ε matters", "1e-6 量级的梯度，此时 ε 起作用"),
            (np.zeros(3), fixed(1e-6, -3e-6, 2e-6), np.zeros(3), 0.01),
            {},
        ),
        Case(
            Text("a zero gradient, s = 0", "零梯度，s = 0"),
            (np.ones(2), np.zeros(2), np.zeros(2), 0.01),
            {},
        ),
        Case(
            Text(
                "a later step, (2, 3) arrays, beta = 0.99", "之后的一步，(2, 3) 数组，beta = 0.99"
            ),
            (r.standard_normal((2, 3)), r.standard_normal((2, 3)), r.random((2, 3)), 0.001),
            {"beta": 0.99},
        ),
        Case(
            "float32",
            (
                *(r.standard_normal(4).astype(np.float32) for _ in range(2)),
                np.full(4, 0.01, np.float32),
                0.01,
            ),
            {},
        ),
    ]


RMSPROP = exercise(
    name="rmsprop_step",
    chapter=CHAPTER,
    title="One step of RMSprop (the notes' ε placement)",
    title_zh="RMSprop 的一步（笔记中 ε 的位置）",
    task="Write `rmsprop_step(theta, g, s, lr, beta=0.9, eps=1e-8)`: s = βs + (1 − β)g², "
    "then θ = θ − lr·g/√(s + ε), with ε inside the square root as in notes 000 §2.7. Return "
    "the new (theta, s).",
    task_zh="写出 `rmsprop_step(theta, g, s, lr, beta=0.9, eps=1e-8)`：s = βs + (1 − β)g²，"
    "然后 θ = θ − lr·g/√(s + ε)，ε 在平方根里面，与笔记 000 §2.7 一致。返回新的 (theta, s)。",
    hints=(
        "β weighs the old average s; the new gradient enters squared, with 1 − β.",
        "g**2 is elementwise; ε keeps the division finite when s = 0: np.sqrt(s_new + eps).",
    ),
    hints_zh=(
        "β 是旧平均值 s 的权重；新的梯度取平方后以 1 − β 加入。",
        "g**2 是逐元素的；s = 0 时 ε 让除法保持有限：np.sqrt(s_new + eps)。",
    ),
    reference=_ref_rmsprop_step,
    against="dlnotes.optimizers.RMSprop",
    cases=_cases_rmsprop,
    outputs=("theta", "s"),
)


@RMSPROP.known_mistake(
    "eps_outside",
    title="ε outside the square root",
    title_zh="ε 放在了平方根外面",
    explanation="√s + ε is Adam's (and PyTorch's) placement; the notes' RMSprop, asked for "
    "here, divides by √(s + ε). The two differ when s is below ε.",
    explanation_zh="√s + ε 是 Adam（以及 PyTorch）的写法；这里要求的是笔记中的 RMSprop，除以 √(s + "
    "ε)。"
    "当 s 小于 ε 时两者不同。",
    link=erratum(CHAPTER, 16),
)
def _mistake_rmsprop_eps_outside(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * g**2
    return theta - lr * g / (np.sqrt(s) + eps), s


@RMSPROP.known_mistake(
    "no_eps",
    title="ε left out",
    title_zh="漏掉了 ε",
    explanation="Without ε a zero gradient with s = 0 gives 0/0 = NaN (002 leaves ε out).",
    explanation_zh="没有 ε 时，s = 0 的零梯度给出 0/0 = NaN（002 漏掉了 ε）。",
    link=erratum(CHAPTER, 10),
)
def _mistake_rmsprop_no_eps(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * g**2
    with np.errstate(all="ignore"):
        return theta - lr * g / np.sqrt(s), s


@RMSPROP.known_mistake(
    "no_square",
    title="|g| averaged instead of g²",
    title_zh="平均的是 |g| 而不是 g²",
    explanation="RMSprop averages the squared gradients, g² (elementwise).",
    explanation_zh="RMSprop 平均的是梯度的平方 g²（逐元素）。",
    link="optimizers.md#rmsprop",
)
def _mistake_rmsprop_no_square(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * np.abs(g)
    return theta - lr * g / np.sqrt(s + eps), s


@RMSPROP.known_mistake(
    "beta_on_gradient",
    title="β on the new squared gradient, 1 − β on the old s",
    title_zh="β 乘在新的梯度平方上，1 − β 乘在旧的 s 上",
    explanation="s = βs + (1 − β)g²: β weighs the old average (0.9 keeps most of it), and the "
    "new g² enters with 1 − β.",
    explanation_zh="s = βs + (1 − β)g²：β 是旧平均值的权重（0.9 保留其大部分），新的 g² 以 1 − β 加"
    "入。",
    link="mini-batch.md#exponentially-weighted-averages",
)
def _mistake_rmsprop_beta_on_gradient(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = (1 - beta) * s + beta * g**2
    return theta - lr * g / np.sqrt(s + eps), s


# ------------------------------------------------------------------ Adam


def _ref_adam_step(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One Adam step (notes 000 §2.8); t ≥ 1 is the number of the step being taken.

    m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
    θ = θ − lr·m̂/(√v̂ + ε). Return the new (theta, m, v), not m̂ and v̂.
    """
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def _cases_adam() -> list[Case]:
    r = rng(63)
    shape = (2, 3)
    m0, v0 = r.standard_normal(shape) * 0.1, r.random(shape) * 0.01
    return [
        Case(
            Text("t = 1, from m = v = 0", "t = 1，从 m = v = 0 开始"),
            (fixed(1.0, -2.0, 0.5), fixed(0.3, -1.0, 2.0), np.zeros(3), np.zeros(3), 1),
            {},
        ),
        Case(
            Text(
                "t = 1, gradients of 1e-9, where ε matters", "t = 1，1e-9 量级的梯度，此时 ε 起作用"
            ),
            (np.zeros(3), fixed(1e-9, -2e-9, 5e-9), np.zeros(3), np.zeros(3), 1),
            {},
        ),
        Case(
            Text("t = 1, a zero gradient", "t = 1，零梯度"),
            (np.ones(2), np.zeros(2), np.zeros(2), np.zeros(2), 1),
            {},
        ),
        Case(
            Text("t = 4, (2, 3) arrays, lr = 0.01", "t = 4，(2, 3) 数组，lr = 0.01"),
            (r.standard_normal(shape), r.standard_normal(shape), m0, v0, 4),
            {"lr": 0.01},
        ),
        Case(
            "float32, t = 2",
            (
                *(r.standard_normal(4).astype(np.float32) for _ in range(2)),
                np.full(4, 0.05, np.float32),
                np.full(4, 0.002, np.float32),
                2,
            ),
            {},
        ),
    ]


ADAM = exercise(
    name="adam_step",
    chapter=CHAPTER,
    title="One step of Adam",
    title_zh="Adam 的一步",
    task="Write `adam_step(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)`: "
    "m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², the bias-corrected m̂ = m/(1 − β₁ᵗ) and "
    "v̂ = v/(1 − β₂ᵗ), then θ = θ − lr·m̂/(√v̂ + ε). t ≥ 1 is the number of this step. "
    "Return the new (theta, m, v): the moments themselves, not m̂ and v̂.",
    task_zh="写出 `adam_step(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)`："
    "m = β₁m + (1 − β₁)g，v = β₂v + (1 − β₂)g²，偏差修正后 m̂ = m/(1 − β₁ᵗ)、v̂ = v/(1 − β₂ᵗ)，"
    "然后 θ = θ − lr·m̂/(√v̂ + ε)。t ≥ 1 是这一步的序号。返回新的 (theta, m, v)：是矩本身，"
    "不是 m̂ 和 v̂。",
    hints=(
        "Each moment is corrected with its own β and the step count t as given (t = 1 at the "
        "first step); ε goes outside the square root in Adam.",
        "m_hat = m_new / (1 - beta1**t), v_hat = v_new / (1 - beta2**t), then "
        "theta - lr * m_hat / (np.sqrt(v_hat) + eps); return m_new and v_new.",
    ),
    hints_zh=(
        "每个矩用它自己的 β 和给定的步数 t 修正（第一步 t = 1）；在 Adam 中 ε 在平方根外面。",
        "m_hat = m_new / (1 - beta1**t)，v_hat = v_new / (1 - beta2**t)，然后 "
        "theta - lr * m_hat / (np.sqrt(v_hat) + eps)；返回 m_new 和 v_new。",
    ),
    reference=_ref_adam_step,
    against="dlnotes.optimizers.Adam",
    cases=_cases_adam,
    outputs=("theta", "m", "v"),
)

_Adam = Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]


def _moments(
    g: np.ndarray, m: np.ndarray, v: np.ndarray, beta1: float, beta2: float
) -> tuple[np.ndarray, np.ndarray]:
    return beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g**2


@ADAM.known_mistake(
    "no_eps",
    title="ε left out of Adam",
    title_zh="Adam 中漏掉了 ε",
    explanation="Without ε a zero gradient gives 0/0 = NaN and tiny gradients give steps of "
    "lr (002 leaves ε out): divide by √v̂ + ε.",
    explanation_zh="没有 ε 时，零梯度给出 0/0 = NaN，极小的梯度给出大小为 lr 的步子（002 漏掉了 ε）"
    "："
    "请除以 √v̂ + ε。",
    link=erratum(CHAPTER, 10),
)
def _mistake_adam_no_eps(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    with np.errstate(all="ignore"):
        return theta - lr * m_hat / np.sqrt(v_hat), m, v


@ADAM.known_mistake(
    "beta1_for_v",
    title="the second moment bias-corrected with β₁",
    title_zh="二阶矩用 β₁ 做了偏差修正",
    explanation="v̂ = v/(1 − β₂ᵗ): each moment with its own β (004 writes β₁ for both).",
    explanation_zh="v̂ = v/(1 − β₂ᵗ)：每个矩用它自己的 β（004 两处都写成了 β₁）。",
    link=erratum(CHAPTER, 11),
)
def _mistake_adam_beta1_for_v(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta1**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@ADAM.known_mistake(
    "eps_inside",
    title="ε inside the square root",
    title_zh="ε 放在了平方根里面",
    explanation="√(v̂ + ε) is the notes' RMSprop placement; Adam divides by √v̂ + ε. They differ "
    "when v̂ is below ε, i.e. for tiny gradients.",
    explanation_zh="√(v̂ + ε) 是笔记中 RMSprop 的写法；Adam 除以 √v̂ + ε。当 v̂ 小于 ε 时"
    "（也就是梯度极小时）两者不同。",
    link=erratum(CHAPTER, 16),
)
def _mistake_adam_eps_inside(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps), m, v


@ADAM.known_mistake(
    "no_bias_correction",
    title="Adam without bias correction",
    title_zh="Adam 没有做偏差修正",
    explanation="m and v start at 0, so early on they are too small: divide by 1 − β₁ᵗ and "
    "1 − β₂ᵗ (at t = 1 that is a factor 10 and 1000).",
    explanation_zh="m 和 v 从 0 开始，所以开始时它们偏小：要除以 1 − β₁ᵗ 和 1 − β₂ᵗ"
    "（t = 1 时分别是 10 倍和 1000 倍）。",
    link="mini-batch.md#bias-correction",
)
def _mistake_adam_no_bias_correction(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, v = _moments(g, m, v, beta1, beta2)
    return theta - lr * m / (np.sqrt(v) + eps), m, v


@ADAM.known_mistake(
    "returns_hat",
    title="m̂ and v̂ returned instead of m and v",
    title_zh="返回了 m̂ 和 v̂ 而不是 m 和 v",
    explanation="The state carried to the next step is the raw moments m and v; m̂ and v̂ are "
    "recomputed from them at each step. Returning m̂ corrects it again at the next step.",
    explanation_zh="传给下一步的状态是原始的矩 m 和 v；m̂ 和 v̂ 每一步都由它们重新算出。"
    "返回 m̂ 会在下一步再修正一次。",
    link="mini-batch.md#bias-correction",
)
def _mistake_adam_returns_hat(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m, v = _moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat


@ADAM.known_mistake(
    "t_plus_one",
    title="bias correction with t + 1",
    title_zh="偏差修正用了 t + 1",
    explanation="t is already the number of the step being taken (t = 1 at the first step): "
    "m̂ = m/(1 − β₁ᵗ), not 1 − β₁^(t+1).",
    explanation_zh="t 已经是当前这一步的序号（第一步 t = 1）：m̂ = m/(1 − β₁ᵗ)，而不是 1 − "
    "β₁^(t+1)。",
    link="mini-batch.md#bias-correction",
)
def _mistake_adam_t_plus_one(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _ref_adam_step(theta, g, m, v, t + 1, lr, beta1, beta2, eps)[0], *_moments(
        g, m, v, beta1, beta2
    )


# ------------------------------------------------------------------ EWA


def _ref_exponentially_weighted_average(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    """v_t = βv_{t−1} + (1 − β)θ_t from v_0 = 0, for t = 1 … T; with bias correction v_t/(1 − βᵗ).

    values is the 1-D sequence θ_1 … θ_T; return the 1-D sequence v_1 … v_T (a loop over t is
    fine).
    """
    out = np.zeros_like(values)
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        out[t - 1] = v / (1 - beta**t) if bias_correction else v
    return out


def _cases_ewa() -> list[Case]:
    r = rng(64)
    temps = 10 + r.standard_normal(30).cumsum()
    return [
        Case(
            Text("a constant sequence of ten 1s, beta = 0.9", "十个 1 组成的常数序列，beta = 0.9"),
            (np.ones(10), 0.9),
            {},
        ),
        Case(Text("30 values, beta = 0.9", "30 个值，beta = 0.9"), (temps, 0.9), {}),
        Case(
            Text(
                "30 values, beta = 0.98, with bias correction", "30 个值，beta = 0.98，带偏差修正"
            ),
            (temps, 0.98),
            {"bias_correction": True},
        ),
        Case("float32, beta = 0.5", (temps[:8].astype(np.float32), 0.5), {}),
    ]


EWA = exercise(
    name="exponentially_weighted_average",
    chapter=CHAPTER,
    title="Exponentially weighted averages with bias correction",
    title_zh="带偏差修正的指数加权平均",
    task="Write `exponentially_weighted_average(values, beta, bias_correction=False)`: "
    "v_t = βv_{t−1} + (1 − β)θ_t from v_0 = 0 for each value θ_t, returning v_1 … v_T; with "
    "bias_correction, v_t/(1 − βᵗ) instead (the average itself goes on uncorrected).",
    task_zh="写出 `exponentially_weighted_average(values, beta, bias_correction=False)`：对每个值 "
    "θ_t，"
    "从 v_0 = 0 开始计算 v_t = βv_{t−1} + (1 − β)θ_t，返回 v_1 … v_T；带 bias_correction 时返回 "
    "v_t/(1 − βᵗ)（平均值本身继续不加修正地递推）。",
    hints=(
        "A loop over t is fine; t counts from 1, so the first correction is 1 − β.",
        "Keep the running v uncorrected and store v / (1 - beta**t) in the output only; create "
        "the output with np.zeros_like(values) so a float32 input stays float32.",
    ),
    hints_zh=(
        "对 t 循环即可；t 从 1 开始计数，所以第一次修正是 1 − β。",
        "递推的 v 保持不修正，只把 v / (1 - beta**t) 存入输出；用 np.zeros_like(values) 创建输出，"
        "这样 float32 输入仍得到 float32。",
    ),
    reference=_ref_exponentially_weighted_average,
    against="dlnotes.optimizers.exponentially_weighted_average",
    cases=_cases_ewa,
)


@EWA.known_mistake(
    "starts_at_first",
    title="started at v_1 = θ_1",
    title_zh="从 v_1 = θ_1 开始",
    explanation="The notes start from v_0 = 0, so v_1 = (1 − β)θ_1 (the start-up bias that "
    "bias correction removes). Starting at θ_1 is PyTorch's choice for momentum.",
    explanation_zh="笔记从 v_0 = 0 开始，所以 v_1 = (1 − β)θ_1（这正是偏差修正要去掉的启动偏差）。"
    "从 θ_1 开始是 PyTorch 对动量的做法。",
    link=erratum(CHAPTER, 17),
)
def _mistake_ewa_starts_at_first(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    out = np.empty_like(values)
    v = values[0]
    for t, theta in enumerate(values):
        v = theta if t == 0 else beta * v + (1 - beta) * theta
        out[t] = v
    return out


@EWA.known_mistake(
    "weights_swapped",
    title="β and 1 − β swapped",
    title_zh="β 与 1 − β 互换了",
    explanation="v_t = βv_{t−1} + (1 − β)θ_t: β weighs the old average.",
    explanation_zh="v_t = βv_{t−1} + (1 − β)θ_t：β 是旧平均值的权重。",
    link="mini-batch.md#exponentially-weighted-averages",
)
def _mistake_ewa_weights_swapped(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    return _ref_exponentially_weighted_average(values, 1 - beta, bias_correction)


@EWA.known_mistake(
    "corrected_fed_back",
    title="the bias-corrected value fed back into the average",
    title_zh="把偏差修正后的值又代回了递推",
    explanation="Bias correction only changes what is reported: v_t = βv_{t−1} + (1 − β)θ_t "
    "runs on the uncorrected v, and v_t/(1 − βᵗ) is computed apart at each t.",
    explanation_zh="偏差修正只改变输出的值：v_t = βv_{t−1} + (1 − β)θ_t 用未修正的 v 递推，"
    "v_t/(1 − βᵗ) 在每个 t 单独计算。",
    link="mini-batch.md#bias-correction",
)
def _mistake_ewa_corrected_fed_back(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    out = np.zeros_like(values)
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        if bias_correction:
            v = v / (1 - beta**t)
        out[t - 1] = v
    return out
