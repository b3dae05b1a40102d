"""Exercises of the chapter Hyperparameter tuning: sampling on a log scale (judged by
properties: the draws are random)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes.exercises._engine import Finding, call, call_problem, kind
from dlnotes.exercises._model import Exercise, Text, erratum, exercise, rng

CHAPTER = "hyperparameters"
SAMPLES = 20_000


def _ks_uniform(u: np.ndarray) -> float:
    """Kolmogorov distance between the sample u and U[0, 1]."""
    u = np.sort(u)
    n = u.size
    return float(max(np.max(np.arange(1, n + 1) / n - u), np.max(u - np.arange(n) / n)))


def _sampler_args(ex: Exercise, low: float, high: float, r: Any) -> tuple[Any, ...]:
    return (r, SAMPLES) if ex.name == "sample_beta" else (low, high, r, SAMPLES)


def judge_sampler(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """The samples, mapped to r (α = 10^r, or 1 − β = 10^r), are uniform on r's range."""
    beta = ex.name == "sample_beta"
    names = ("rng", "size") if beta else ("low", "high", "rng", "size")
    ranges = [(0.9, 0.999)] if beta else [(1e-4, 1.0), (1e-3, 0.1)]
    label, out, lo, hi = "", None, 0.0, 0.0
    for lo, hi in ranges:
        shown = _sampler_args(ex, lo, hi, "np.random.default_rng(0)")
        label = ", ".join(f"{k} = {v}" for k, v in zip(names, shown, strict=True))
        out = call(fn, _sampler_args(ex, lo, hi, rng(0)), {}, names)
        if (problem := call_problem(out)) is not None:
            return Finding(label, problem)
        x = out.value
        if not isinstance(x, np.ndarray) or x.shape != (SAMPLES,):
            got = f"shape {x.shape}" if isinstance(x, np.ndarray) else kind(x)
            return Finding(
                label,
                Text(
                    f"returned {got}; expected an array of shape ({SAMPLES},)",
                    f"返回了 {got}；应返回形状为 ({SAMPLES},) 的数组",
                ),
            )
        if x.dtype.kind not in "iuf" or not np.isfinite(x).all():
            return Finding(
                label,
                Text("the samples are not all finite real numbers", "样本不全是有限的实数"),
            )
        if beta:
            r, r_lo, r_hi = np.log10(np.clip(1 - x, 1e-300, None)), -3.0, -1.0
        else:
            r, r_lo, r_hi = np.log10(np.clip(x, 1e-300, None)), math.log10(lo), math.log10(hi)
        outside = (x < lo * (1 - 1e-12)) | (x > hi * (1 + 1e-12))
        if outside.any():
            wide = (r >= -4 - 1e-9).all() and (r <= 1e-9).all() and _ks_uniform((r + 4) / 4) < 0.02
            n_out, example = int(outside.sum()), f"{x[outside][0]:.6g}"
            return Finding(
                label,
                Text(
                    f"{n_out} of the samples lie outside [{lo}, {hi}] (e.g. {example})",
                    f"有 {n_out} 个样本落在 [{lo}, {hi}] 之外（例如 {example}）",
                ),
                ("minus_four" if beta else "fixed_range") if wide else None,
            )
        if _ks_uniform((r - r_lo) / (r_hi - r_lo)) > 0.02:
            linear = _ks_uniform((x - lo) / (hi - lo)) < 0.02
            decade, want = float(np.mean(r < r_lo + 1)), 1 / (r_hi - r_lo)
            return Finding(
                label,
                Text(
                    f"the samples are not spread evenly on the log scale: a fraction "
                    f"{decade:.4f} falls in the lowest decade, expected {want:.4f}",
                    f"样本在对数刻度上分布不均匀：最低一个数量级中的比例是 {decade:.4f}，应为 "
                    f"{want:.4f}",
                ),
                "linear" if linear else None,
            )
    assert out is not None
    again = (
        call(fn, _sampler_args(ex, lo, hi, rng(0)), {}, names),
        call(fn, _sampler_args(ex, lo, hi, rng(1)), {}, names),
    )
    values = [np.asarray(o.value) for o in again]
    if values[0].shape != out.value.shape or not np.array_equal(values[0], out.value):
        return Finding(
            label,
            Text(
                "two calls with np.random.default_rng(0) gave different samples: draw from "
                "rng, not np.random",
                "两次用 np.random.default_rng(0) 调用得到了不同的样本：请从 rng 抽样，而不是 "
                "np.random",
            ),
        )
    if np.array_equal(values[0], values[1]):
        return Finding(
            label,
            Text(
                "rng seeds 0 and 1 gave the same samples: draw from rng",
                "种子 0 和 1 给出了相同的样本：请从 rng 抽样",
            ),
        )
    return None


RULES = (
    Text(
        "Draw from the rng you are given, never from np.random: the same seed gives the same "
        "samples.",
        "只用给定的 rng 抽样，不要用 np.random：相同的种子给出相同的样本。",
    ),
    Text(
        "Judged by properties of 20 000 draws: every sample in the range, and the exponent r "
        "uniform (Kolmogorov distance below 0.02).",
        "按 20 000 次抽样的性质评判：每个样本都在范围内，指数 r 服从均匀分布（Kolmogorov 距离小于 "
        "0.02）。",
    ),
)


# ------------------------------------------------------------------ a learning rate


def _ref_sample_log_uniform(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    """size samples on [low, high] (0 < low < high) on a log scale: r ~ U[log₁₀ low, log₁₀ high],
    α = 10^r, so each decade is drawn equally often (notes 000 §3.2). Return a (size,) array.
    """
    r = rng.uniform(np.log10(low), np.log10(high), size)
    return 10.0**r


LOG_UNIFORM = exercise(
    name="sample_log_uniform",
    chapter=CHAPTER,
    title="Sampling a learning rate on a log scale",
    title_zh="在对数刻度上为学习率取值",
    task="Write `sample_log_uniform(low, high, rng, size)`: `size` samples in [low, high] "
    "with r uniform on [log₁₀ low, log₁₀ high] and α = 10^r, so each decade is drawn "
    "equally often.",
    task_zh="写出 `sample_log_uniform(low, high, rng, size)`：在 [low, high] 中取 `size` 个样本，"
    "r 在 [log₁₀ low, log₁₀ high] 上均匀分布，α = 10^r，这样每个数量级被抽到的次数相同。",
    hints=(
        "Draw the exponent uniformly, not the value.",
        "rng.uniform(np.log10(low), np.log10(high), size), then 10 ** r.",
    ),
    hints_zh=(
        "均匀抽取的是指数，而不是值本身。",
        "rng.uniform(np.log10(low), np.log10(high), size)，然后 10 ** r。",
    ),
    reference=_ref_sample_log_uniform,
    against="dlnotes.tuning.sample_log_uniform",
    judge=judge_sampler,
    rules=RULES,
)


@LOG_UNIFORM.known_mistake(
    "linear",
    title="uniform on [low, high] (a linear scale)",
    title_zh="在 [low, high] 上均匀抽样（线性刻度）",
    explanation="On [1e-4, 1] a linear draw puts 90 % of the samples in [0.1, 1]; draw the "
    "exponent r uniformly instead.",
    explanation_zh="在 [1e-4, 1] 上线性抽样会把 90 % 的样本放在 [0.1, 1] 中；应均匀抽取指数 r。",
    link="hyperparameters.md#log-scale",
)
def _mistake_log_uniform_linear(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    return rng.uniform(low, high, size)


@LOG_UNIFORM.known_mistake(
    "fixed_range",
    title="r = −4·rand() whatever low and high",
    title_zh="不管 low 和 high，都用 r = −4·rand()",
    explanation="The notes' code spans 1e-4 … 1 only; use r ~ U[log₁₀ low, log₁₀ high].",
    explanation_zh="笔记的代码只覆盖 1e-4 … 1；应使用 r ~ U[log₁₀ low, log₁₀ high]。",
    link=erratum(CHAPTER, 5),
)
def _mistake_log_uniform_fixed_range(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    return 10.0 ** (-4 * rng.random(size))


# ------------------------------------------------------------------ the averaging β


def _ref_sample_beta(rng: np.random.Generator, size: int) -> np.ndarray:
    """size samples of the averaging β in [0.9, 0.999] with 1 − β on a log scale:
    r ~ U[−3, −1], β = 1 − 10^r (notes 000 §3.2). Return a (size,) array.
    """
    r = rng.uniform(-3, -1, size)
    return 1 - 10.0**r


BETA = exercise(
    name="sample_beta",
    chapter=CHAPTER,
    title="Sampling the averaging β",
    title_zh="为平均系数 β 取值",
    task="Write `sample_beta(rng, size)`: `size` values of β in [0.9, 0.999] with 1 − β on a "
    "log scale: r uniform on [−3, −1], β = 1 − 10^r.",
    task_zh="写出 `sample_beta(rng, size)`：在 [0.9, 0.999] 中取 `size` 个 β，使 1 − β 在对数刻度上"
    "均匀：r 在 [−3, −1] 上均匀分布，β = 1 − 10^r。",
    hints=(
        "β near 1 is sensitive (0.999 → 0.9995 halves the 1/(1 − β) window): sample 1 − β.",
        "r = rng.uniform(-3, -1, size); return 1 - 10 ** r.",
    ),
    hints_zh=(
        "β 接近 1 时很敏感（0.999 → 0.9995 使 1/(1 − β) 的窗口减半）：对 1 − β 抽样。",
        "r = rng.uniform(-3, -1, size)；返回 1 - 10 ** r。",
    ),
    reference=_ref_sample_beta,
    against="dlnotes.tuning.sample_beta",
    judge=judge_sampler,
    rules=RULES,
)


@BETA.known_mistake(
    "linear",
    title="β uniform on [0.9, 0.999]",
    title_zh="β 在 [0.9, 0.999] 上均匀抽样",
    explanation="A linear draw spends 90 % of the samples on β < 0.99; sample 1 − β on a log "
    "scale.",
    explanation_zh="线性抽样把 90 % 的样本花在 β < 0.99 上；应在对数刻度上对 1 − β 抽样。",
    link="hyperparameters.md#sampling-beta",
)
def _mistake_beta_linear(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.uniform(0.9, 0.999, size)


@BETA.known_mistake(
    "minus_four",
    title="r = −4·rand() instead of r in [−3, −1]",
    title_zh="用 r = −4·rand() 而不是 r ∈ [−3, −1]",
    explanation="The notes' code (r = −4·rand) does not match the range (−3, −1) they "
    "describe: β then ranges over [0, 0.9999].",
    explanation_zh="笔记的代码（r = −4·rand）与它描述的范围 (−3, −1) 不符：这样 β 的范围是 [0, "
    "0.9999]。",
    link=erratum(CHAPTER, 5),
)
def _mistake_beta_minus_four(rng: np.random.Generator, size: int) -> np.ndarray:
    return 1 - 10.0 ** (-4 * rng.random(size))
