"""Exercises of the chapter Information theory: entropy and KL divergence."""

from __future__ import annotations

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

CHAPTER = "information-theory"


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log y with 0·log y = 0 (so 0·log 0 = 0), without a warning."""
    safe = np.where(x == 0, 1, y)
    return np.where(x == 0, 0, x * np.log(safe))


# ------------------------------------------------------------------ entropy


def _ref_entropy(p: np.ndarray) -> float:
    """Entropy H(p) = −Σ p_i log p_i of a 1-D distribution p, in nats, with 0·log 0 = 0.

    p is non-negative and sums to 1; it may contain zeros. Return a number.
    """
    nz = p[p > 0]
    return -np.sum(nz * np.log(nz))


def _cases_entropy() -> list[Case]:
    r = rng(13)
    w = r.random(41)
    w[::5] = 0.0
    tiny = fixed(1 - 4e-13, 1e-13, 1e-13, 1e-13, 1e-13)
    return [
        Case(Text("a fair coin", "一枚均匀的硬币"), (fixed(0.5, 0.5),), {}),
        Case(
            Text("the uniform distribution over 4 outcomes", "4 个结果上的均匀分布"),
            (np.full(4, 0.25),),
            {},
        ),
        Case(Text("a zero in the distribution", "分布中有一个零"), (fixed(0.5, 0.5, 0.0),), {}),
        Case(
            Text("a certain outcome (entropy 0)", "一个确定的结果（熵为 0）"),
            (fixed(0.0, 1.0, 0.0),),
            {},
        ),
        Case(
            Text("the notes' C = (1/8, 7/8)", "笔记中的 C = (1/8, 7/8)"), (fixed(0.125, 0.875),), {}
        ),
        Case("float32", (fixed(0.2, 0.3, 0.5, 0.0, dtype=np.float32),), {}),
        Case(
            Text("41 outcomes, every fifth one 0", "41 个结果，每隔五个有一个 0"),
            (w / w.sum(),),
            {},
        ),
        Case(
            Text(
                "four outcomes of probability 1e-13 (where an ε in the log shows)",
                "四个概率为 1e-13 的结果（对数里的 ε 在这里显现）",
            ),
            (tiny,),
            {},
        ),
    ]


ENTROPY = exercise(
    name="entropy",
    chapter=CHAPTER,
    title="Entropy of a distribution",
    title_zh="分布的熵",
    task="Write `entropy(p)`: the entropy H(p) = −Σ p(x) log p(x) of a discrete distribution "
    "p (a 1-D array), in nats (natural log). Outcomes with p(x) = 0 contribute nothing "
    "(0·log 0 = 0) and must not give a NaN or a warning. Never write log(p + ε): "
    "log(p + 1e-12) or log(p + 1e-8) changes the entropy of small probabilities, and the "
    "checker names it.",
    task_zh="写出 `entropy(p)`：离散分布 p（一维数组）的熵 H(p) = −Σ p(x) log p(x)，单位是奈特"
    "（自然对数）。p(x) = 0 的结果不贡献任何值（0·log 0 = 0），不能得到 NaN 或警告。不要写 "
    "log(p + ε)：log(p + 1e-12) 或 log(p + 1e-8) 会改变小概率项的熵，检查器会点名这种写法。",
    hints=(
        "Take the logarithm only where p > 0.",
        "`nz = p[p > 0]` keeps the non-zero probabilities; then −Σ nz·log(nz) with np.log.",
    ),
    hints_zh=(
        "只在 p > 0 的地方取对数。",
        "`nz = p[p > 0]` 取出非零概率；然后用 np.log 计算 −Σ nz·log(nz)。",
    ),
    reference=_ref_entropy,
    against="dlnotes.information.entropy",
    cases=_cases_entropy,
    atol=1e-16,
)


@ENTROPY.known_mistake(
    "bits",
    title="entropy in bits instead of nats",
    title_zh="用了比特（以 2 为底）而不是奈特",
    explanation="You used log₂; the notes' entropy (and this exercise) is in nats: use the "
    "natural log np.log. Bits are nats divided by ln 2.",
    explanation_zh="你用了 log₂；笔记中的熵（以及本练习）以奈特为单位：请用自然对数 np.log。"
    "比特等于奈特除以 ln 2。",
    link=erratum(CHAPTER, "information-theory-a"),
)
def _mistake_entropy_bits(p: np.ndarray) -> float:
    nz = p[p > 0]
    return -np.sum(nz * np.log2(nz))


@ENTROPY.known_mistake(
    "nan_at_zero",
    title="0·log 0 computed as NaN",
    title_zh="0·log 0 算成了 NaN",
    explanation="p·log p at p = 0 is 0·(−inf) = NaN in NumPy (with a warning); by convention "
    "0·log 0 = 0. Skip the zeros (p[p > 0]).",
    explanation_zh="在 p = 0 处，NumPy 中的 p·log p 是 0·(−inf) = NaN（并产生警告）；按约定 "
    "0·log 0 = 0。请跳过零（p[p > 0]）。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_entropy_nan_at_zero(p: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return -np.sum(p * np.log(p))


@ENTROPY.known_mistake(
    "no_minus",
    title="the minus sign left out",
    title_zh="漏掉了负号",
    explanation="H(p) = −Σ p log p is ≥ 0; Σ p log p is its negative.",
    explanation_zh="H(p) = −Σ p log p ≥ 0；Σ p log p 是它的相反数。",
    link=erratum(CHAPTER, 6),
)
def _mistake_entropy_no_minus(p: np.ndarray) -> float:
    nz = p[p > 0]
    return np.sum(nz * np.log(nz))


def _log_plus(eps: float) -> object:
    def entropy(p: np.ndarray) -> float:
        return -np.sum(p * np.log(p + eps))

    return entropy


@ENTROPY.known_mistake(
    "log_plus_eps",
    title="log(p + ε) instead of skipping the zeros",
    title_zh="用 log(p + ε) 代替跳过零",
    explanation="Adding ε inside the log avoids the NaN but changes every term: for small "
    "probabilities p·log(p + ε) is far from p·log p (here the entropy of four outcomes of "
    "1e-13). Take the log of the non-zero p only: 0·log 0 = 0 exactly.",
    explanation_zh="在对数里加 ε 虽然避免了 NaN，却改变了每一项：概率很小时 p·log(p + ε) 与 p·log "
    "p "
    "相差很大（这里是四个概率为 1e-13 的结果的熵）。只对非零的 p 取对数：0·log 0 = 0 是精确的。",
    link=NUMERICALLY_CAREFUL,
    variants=tuple(
        (f"log(p + {eps:g})", _log_plus(eps))  # type: ignore[misc]
        for eps in (*(10.0**-k for k in range(4, 17)), float(np.finfo(np.float64).eps))
    ),
)
def _mistake_entropy_log_plus_eps(p: np.ndarray) -> float:
    return -np.sum(p * np.log(p + 1e-12))


# ------------------------------------------------------------------ KL divergence


def _ref_kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """KL divergence D(p‖q) = Σ p_i log(p_i / q_i) of two 1-D distributions, in nats.

    Terms with p_i = 0 contribute 0 (0·log 0 = 0); here q_i > 0 wherever p_i > 0. Return a
    number.
    """
    keep = p > 0
    return np.sum(p[keep] * np.log(p[keep] / q[keep]))


def _cases_kl() -> list[Case]:
    r = rng(14)
    p, q = r.random(30), r.random(30) + 0.05
    p[::4] = 0.0
    return [
        Case(
            Text(
                "the notes' D(A‖B), A = (1/2, 1/2), B = (1/4, 3/4)",
                "笔记中的 D(A‖B)，A = (1/2, 1/2)，B = (1/4, 3/4)",
            ),
            (fixed(0.5, 0.5), fixed(0.25, 0.75)),
            {},
        ),
        Case(
            Text("the notes' D(A‖C), C = (1/8, 7/8)", "笔记中的 D(A‖C)，C = (1/8, 7/8)"),
            (fixed(0.5, 0.5), fixed(0.125, 0.875)),
            {},
        ),
        Case(
            Text("the notes' D(B‖A)", "笔记中的 D(B‖A)"), (fixed(0.25, 0.75), fixed(0.5, 0.5)), {}
        ),
        Case(
            Text("p has a zero where q does not", "p 在 q 不为零的地方有一个零"),
            (fixed(0.5, 0.5, 0.0), fixed(0.25, 0.25, 0.5)),
            {},
        ),
        Case(
            "float32",
            (fixed(0.1, 0.6, 0.3, dtype=np.float32), fixed(0.3, 0.3, 0.4, dtype=np.float32)),
            {},
        ),
        Case(
            Text("30 outcomes, every fourth p_i = 0", "30 个结果，每隔四个有一个 p_i = 0"),
            (p / p.sum(), q / q.sum()),
            {},
        ),
    ]


KL = exercise(
    name="kl_divergence",
    chapter=CHAPTER,
    title="KL divergence",
    title_zh="KL 散度",
    task="Write `kl_divergence(p, q)`: D(p‖q) = Σ p(x) log(p(x)/q(x)) for two 1-D "
    "distributions, in nats. Terms with p(x) = 0 contribute 0; q(x) > 0 wherever p(x) > 0.",
    task_zh="写出 `kl_divergence(p, q)`：两个一维分布的 D(p‖q) = Σ p(x) log(p(x)/q(x))，单位是奈特"
    "。"
    "p(x) = 0 的项贡献 0；凡是 p(x) > 0 的地方 q(x) > 0。",
    hints=(
        "Sum over the outcomes with p > 0 only; D(p‖q) is not symmetric, so mind the order.",
        "`keep = p > 0`, then `np.sum(p[keep] * np.log(p[keep] / q[keep]))`.",
    ),
    hints_zh=(
        "只对 p > 0 的结果求和；D(p‖q) 不对称，注意顺序。",
        "`keep = p > 0`，然后 `np.sum(p[keep] * np.log(p[keep] / q[keep]))`。",
    ),
    reference=_ref_kl_divergence,
    against="dlnotes.information.kl_divergence",
    cases=_cases_kl,
)

_LINK_KL = "information-theory.md#kl-divergence"


@KL.known_mistake(
    "swapped",
    title="the arguments of KL swapped",
    title_zh="KL 的两个参数顺序反了",
    explanation="You computed D(q‖p) = Σ q log(q/p). KL is asymmetric: the weights and the "
    "numerator are p's (the notes' D(A‖B) = 0.1438 but D(B‖A) = 0.1308).",
    explanation_zh="你算的是 D(q‖p) = Σ q log(q/p)。KL 散度不对称：权重和分子都来自 p"
    "（笔记中 D(A‖B) = 0.1438，而 D(B‖A) = 0.1308）。",
    link=_LINK_KL,
)
def _mistake_kl_swapped(p: np.ndarray, q: np.ndarray) -> float:
    return _ref_kl_divergence(q, p)


@KL.known_mistake(
    "bits",
    title="KL in bits instead of nats",
    title_zh="KL 用了比特而不是奈特",
    explanation="You used log₂; use the natural log (the notes' 0.1438 is in nats).",
    explanation_zh="你用了 log₂；请用自然对数（笔记中的 0.1438 以奈特为单位）。",
    link=erratum(CHAPTER, "information-theory-a"),
)
def _mistake_kl_bits(p: np.ndarray, q: np.ndarray) -> float:
    keep = p > 0
    return np.sum(p[keep] * np.log2(p[keep] / q[keep]))


@KL.known_mistake(
    "nan_at_zero",
    title="0·log 0 computed as NaN",
    title_zh="0·log 0 算成了 NaN",
    explanation="Where p = 0, p·log(p/q) is 0·(−inf) = NaN in NumPy; the term is 0 by "
    "convention. Sum over p > 0 only.",
    explanation_zh="在 p = 0 处，NumPy 中的 p·log(p/q) 是 0·(−inf) = NaN；按约定这一项为 0。"
    "只对 p > 0 求和。",
    link=NUMERICALLY_CAREFUL,
)
def _mistake_kl_nan_at_zero(p: np.ndarray, q: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return np.sum(p * np.log(p / q))


@KL.known_mistake(
    "cross_entropy",
    title="cross-entropy instead of KL",
    title_zh="算成了交叉熵而不是 KL 散度",
    explanation="You computed H(p, q) = −Σ p log q; KL is H(p, q) − H(p) = Σ p log(p/q).",
    explanation_zh="你算的是交叉熵 H(p, q) = −Σ p log q；KL 散度是 H(p, q) − H(p) = Σ p log(p/q)。",
    link=erratum(CHAPTER, 6),
)
def _mistake_kl_cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    return -np.sum(_xlogy(p, q))
