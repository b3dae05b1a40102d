"""Exercises of the chapter Initialization: He and the notes' Xavier (judged by properties:
the draws are random)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes.exercises._engine import Finding, call, call_problem, kind
from dlnotes.exercises._model import Exercise, Text, erratum, exercise, rng

CHAPTER = "initialization"
DIMS = [400, 300, 200]
STDS: dict[str, Callable[[int, int], float]] = {
    "he": lambda n_prev, n: math.sqrt(2 / n_prev),
    "xavier": lambda n_prev, n: math.sqrt(1 / n_prev),
    "he_no_sqrt": lambda n_prev, n: 2 / n_prev,
    "xavier_no_sqrt": lambda n_prev, n: 1 / n_prev,
    "fan_out": lambda n_prev, n: math.sqrt(2 / n),
    "glorot": lambda n_prev, n: math.sqrt(2 / (n_prev + n)),
}
RULES = (
    Text(
        "Draw from the rng you are given (rng.standard_normal), never from np.random: the same "
        "seed gives the same weights.",
        "只用给定的 rng 抽样（rng.standard_normal），不要用 np.random：相同的种子给出相同的权重。",
    ),
    Text(
        "Judged by properties of large draws (layer_dims = [400, 300, 200]): shapes, zero "
        "biases, mean 0 and the standard deviation within 2 %.",
        "按大量抽样的性质评判（layer_dims = [400, 300, 200]）：形状、全零偏置、均值 0、标准差误差在"
        " 2 % 以内。",
    ),
)


def _initialize(
    layer_dims: list[int], r: np.random.Generator, std: Callable[[int, int], float]
) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = r.standard_normal((n, n_prev)) * std(n_prev, n)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


def _std_problem(layer: int, got: float, want: float) -> Text:
    return Text(
        f"the entries of W{layer} have standard deviation {got:.4g}; expected {want:.4g}",
        f"W{layer} 元素的标准差是 {got:.4g}；应为 {want:.4g}",
    )


def judge_init(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Shapes, zero biases, mean 0, the standard deviation of each W[l], draws from rng."""
    target = "he" if ex.name == "initialize_he" else "xavier"
    by_std = {
        "he": {"no_sqrt": "he_no_sqrt", "fan_out": "fan_out", "xavier_factor": "xavier"},
        "xavier": {"no_sqrt": "xavier_no_sqrt", "glorot": "glorot", "he_factor": "he"},
    }[target]
    dims = list(DIMS)
    label = f"layer_dims = {dims}, rng = np.random.default_rng(0)"
    out = call(fn, (dims, rng(0)), {}, ("layer_dims", "rng"))
    if (problem := call_problem(out)) is not None:
        return Finding(label, problem)
    params = out.value
    if not isinstance(params, dict):
        return Finding(
            label,
            Text(
                f"returned {kind(params)}; expected a dict of parameters",
                f"返回了 {kind(params)}；应返回参数的 dict",
            ),
        )
    expected_keys = sorted(f"{p}{layer}" for layer in range(1, len(dims)) for p in ("W", "b"))
    got_keys = sorted(map(str, params))
    if got_keys != expected_keys:
        return Finding(
            label,
            Text(
                f"returned the keys {got_keys}; expected {expected_keys}",
                f"返回的键是 {got_keys}；应为 {expected_keys}",
            ),
        )
    for layer in range(1, len(dims)):
        n_prev, n = dims[layer - 1], dims[layer]
        W, b = params[f"W{layer}"], params[f"b{layer}"]
        for key, arr, shape in ((f"W{layer}", W, (n, n_prev)), (f"b{layer}", b, (n, 1))):
            if not isinstance(arr, np.ndarray):
                return Finding(
                    label,
                    Text(
                        f"{key} is {kind(arr)}; expected a NumPy array of shape {shape}",
                        f"{key} 是 {kind(arr)}；应为形状 {shape} 的 NumPy 数组",
                    ),
                )
            if arr.shape != shape:
                transposed = key.startswith("W") and arr.shape == (n_prev, n)
                return Finding(
                    label,
                    Text(
                        f"{key} has shape {arr.shape}; expected {shape} = (n[{layer}], "
                        f"n[{layer - 1}])",
                        f"{key} 的形状是 {arr.shape}；应为 {shape} = (n[{layer}], n[{layer - 1}])",
                    ),
                    "transposed" if transposed else None,
                )
        if np.any(b != 0):
            return Finding(
                label,
                Text(
                    f"b{layer} is not all zeros (biases start at 0)",
                    f"b{layer} 不全为零（偏置从 0 开始）",
                ),
            )
        if W.min() >= 0:
            # rand·s has mean s/2 and standard deviation s/√12: mean/std = √3
            uniform = W.std() > 0 and abs(W.mean() / W.std() - math.sqrt(3)) < 0.05
            return Finding(
                label,
                Text(
                    f"W{layer} has no negative entries: its mean is {W.mean():.4g}, not 0",
                    f"W{layer} 没有负数元素：其均值是 {W.mean():.4g}，而不是 0",
                ),
                "uniform" if uniform else None,
            )
    for layer in range(1, len(dims)):
        n_prev, n = dims[layer - 1], dims[layer]
        s = float(params[f"W{layer}"].std())
        want = STDS[target](n_prev, n)
        if abs(s / want - 1) > 0.02:
            for mistake_id, std_name in by_std.items():
                if all(
                    abs(float(params[f"W{k}"].std()) / STDS[std_name](dims[k - 1], dims[k]) - 1)
                    < 0.02
                    for k in range(1, len(dims))
                ):
                    return Finding(label, _std_problem(layer, s, want), mistake_id)
            return Finding(label, _std_problem(layer, s, want))
        mean = float(params[f"W{layer}"].mean())
        if abs(mean) > 6 * want / math.sqrt(n * n_prev):
            return Finding(
                label,
                Text(
                    f"the entries of W{layer} have mean {mean:.4g}; expected 0",
                    f"W{layer} 元素的均值是 {mean:.4g}；应为 0",
                ),
            )
    again = call(fn, (dims, rng(0)), {}, ("layer_dims", "rng"))
    if again.error is None and isinstance(again.value, dict) and "W1" in again.value:
        if not np.array_equal(np.asarray(again.value["W1"]), params["W1"]):
            return Finding(
                label,
                Text(
                    "two calls with np.random.default_rng(0) gave different W1: draw from rng, "
                    "not from np.random",
                    "两次用 np.random.default_rng(0) 调用得到了不同的 W1：请从 rng 抽样，而不是 "
                    "np.random",
                ),
            )
    return None


# ------------------------------------------------------------------ He


def _ref_initialize_he(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """He initialization: W[l] = randn(n[l], n[l−1]) · √(2/n[l−1]), b[l] = zeros((n[l], 1)).

    layer_dims = [n[0], n[1], …, n[L]]; return {"W1": …, "b1": …, …, "WL": …, "bL": …}.
    Draw with rng (e.g. rng.standard_normal), never with np.random.
    """
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


HE = exercise(
    name="initialize_he",
    chapter=CHAPTER,
    title="He initialization",
    title_zh="He 初始化",
    task="Write `initialize_he(layer_dims, rng)`: for each layer l = 1 … L, "
    "W[l] = randn(n[l], n[l−1])·√(2/n[l−1]) and b[l] = zeros((n[l], 1)), returned as a dict "
    '{"W1": …, "b1": …}. Draw from rng.',
    task_zh="写出 `initialize_he(layer_dims, rng)`：对每一层 l = 1 … L，"
    "W[l] = randn(n[l], n[l−1])·√(2/n[l−1])，b[l] = zeros((n[l], 1))，以 dict "
    '{"W1": …, "b1": …} 返回。从 rng 抽样。',
    hints=(
        "W[l] has n[l] rows and n[l−1] columns; the factor uses the layer's number of inputs.",
        "rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev) in a loop over the layers.",
    ),
    hints_zh=(
        "W[l] 有 n[l] 行、n[l−1] 列；系数用的是该层的输入个数。",
        "对各层循环：rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)。",
    ),
    reference=_ref_initialize_he,
    against='dlnotes.initializers.initialize_parameters(method="he")',
    judge=judge_init,
    rules=RULES,
)


@HE.known_mistake(
    "transposed",
    title="W[l] transposed, (n[l−1], n[l])",
    title_zh="W[l] 转置了，成了 (n[l−1], n[l])",
    explanation="W[l] is (n[l], n[l−1]) so that Z = W A_prev works; 000 §1.11 writes the "
    "shape transposed.",
    explanation_zh="W[l] 的形状是 (n[l], n[l−1])，这样 Z = W A_prev 才成立；000 §1.11 把形状写反了"
    "。",
    link=erratum(CHAPTER, 1),
)
def _mistake_init_transposed(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        params[f"W{layer}"] = rng.standard_normal(
            (layer_dims[layer - 1], layer_dims[layer])
        ) * math.sqrt(2 / layer_dims[layer - 1])
        params[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return params


@HE.known_mistake(
    "no_sqrt",
    title="2/n[l−1] without the square root",
    title_zh="2/n[l−1] 没有开平方",
    explanation="√(2/n[l−1]) is the standard deviation; 2/n[l−1] is the variance (000 §1.11 "
    "drops the root).",
    explanation_zh="√(2/n[l−1]) 是标准差；2/n[l−1] 是方差（000 §1.11 漏掉了根号）。",
    link=erratum(CHAPTER, 1),
)
def _mistake_he_no_sqrt(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["he_no_sqrt"])


@HE.known_mistake(
    "uniform",
    title="drawn with rand (uniform on [0, 1)) instead of randn",
    title_zh="用 rand（[0, 1) 上的均匀分布）代替了 randn",
    explanation="He and Xavier scale standard normal draws (randn, rng.standard_normal); "
    "rand gives only positive weights.",
    explanation_zh="He 和 Xavier 缩放的是标准正态抽样（randn，rng.standard_normal）；rand 只给出正"
    "的权重。",
    link=erratum(CHAPTER, 9),
)
def _mistake_init_uniform(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.random((n, n_prev)) * math.sqrt(2 / n_prev)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


@HE.known_mistake(
    "fan_out",
    title="√(2/n[l]) instead of √(2/n[l−1])",
    title_zh="用了 √(2/n[l]) 而不是 √(2/n[l−1])",
    explanation="The factor uses the number of inputs of the layer, n[l−1].",
    explanation_zh="系数用的是该层的输入个数 n[l−1]。",
    link="initialization.md#he-initialization",
)
def _mistake_he_fan_out(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["fan_out"])


@HE.known_mistake(
    "xavier_factor",
    title="√(1/n[l−1]): Xavier's factor, not He's",
    title_zh="√(1/n[l−1])：这是 Xavier 的系数，不是 He 的",
    explanation="He initialization (for ReLU) has a 2: √(2/n[l−1]).",
    explanation_zh="He 初始化（用于 ReLU）有一个 2：√(2/n[l−1])。",
    link="initialization.md#he-initialization",
)
def _mistake_he_xavier_factor(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["xavier"])


# ------------------------------------------------------------------ Xavier


def _ref_initialize_xavier(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """The notes' Xavier initialization (004): W[l] = randn(n[l], n[l−1]) · √(1/n[l−1]), b[l] = 0.

    layer_dims = [n[0], n[1], …, n[L]]; return {"W1": …, "b1": …, …}; b[l] is (n[l], 1).
    Draw with rng (e.g. rng.standard_normal), never with np.random.
    """
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


XAVIER = exercise(
    name="initialize_xavier",
    chapter=CHAPTER,
    title="Xavier initialization (the notes' form)",
    title_zh="Xavier 初始化（笔记中的形式）",
    task="Write `initialize_xavier(layer_dims, rng)`: W[l] = randn(n[l], n[l−1])·√(1/n[l−1]) "
    '(notes 004\'s "Xavier") and b[l] = zeros((n[l], 1)), as a dict {"W1": …, "b1": …}.',
    task_zh="写出 `initialize_xavier(layer_dims, rng)`：W[l] = randn(n[l], n[l−1])·√(1/n[l−1])"
    '（笔记 004 的 "Xavier"），b[l] = zeros((n[l], 1))，以 dict {"W1": …, "b1": …} 返回。',
    hints=(
        "The same loop as He initialization with 1 in place of 2.",
        "rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev).",
    ),
    hints_zh=(
        "与 He 初始化的循环相同，只是把 2 换成 1。",
        "rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev)。",
    ),
    reference=_ref_initialize_xavier,
    against='dlnotes.initializers.initialize_parameters(method="xavier")',
    judge=judge_init,
    rules=RULES,
)


@XAVIER.known_mistake(
    "transposed",
    title="W[l] transposed, (n[l−1], n[l])",
    title_zh="W[l] 转置了，成了 (n[l−1], n[l])",
    explanation="W[l] is (n[l], n[l−1]).",
    explanation_zh="W[l] 的形状是 (n[l], n[l−1])。",
    link=erratum(CHAPTER, 1),
)
def _mistake_xavier_transposed(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _mistake_init_transposed(layer_dims, rng)


@XAVIER.known_mistake(
    "no_sqrt",
    title="1/n[l−1] without the square root",
    title_zh="1/n[l−1] 没有开平方",
    explanation="√(1/n[l−1]) is the standard deviation; 1/n[l−1] is the variance.",
    explanation_zh="√(1/n[l−1]) 是标准差；1/n[l−1] 是方差。",
    link=erratum(CHAPTER, 1),
)
def _mistake_xavier_no_sqrt(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["xavier_no_sqrt"])


@XAVIER.known_mistake(
    "glorot",
    title="Glorot's √(2/(n[l−1] + n[l]))",
    title_zh="Glorot 的 √(2/(n[l−1] + n[l]))",
    explanation="That is Glorot and Bengio's Xavier; the notes' (004) is √(1/n[l−1]).",
    explanation_zh="那是 Glorot 和 Bengio 的 Xavier；笔记（004）中的是 √(1/n[l−1])。",
    link=erratum(CHAPTER, 15),
)
def _mistake_xavier_glorot(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["glorot"])


@XAVIER.known_mistake(
    "he_factor",
    title="√(2/n[l−1]): He's factor",
    title_zh="√(2/n[l−1])：这是 He 的系数",
    explanation="Xavier has 1 where He has 2.",
    explanation_zh="He 用 2 的地方，Xavier 用 1。",
    link="initialization.md#xavier-initialization",
)
def _mistake_xavier_he_factor(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, STDS["he"])


@XAVIER.known_mistake(
    "uniform",
    title="drawn with rand (uniform on [0, 1)) instead of randn",
    title_zh="用 rand（[0, 1) 上的均匀分布）代替了 randn",
    explanation="Scale standard normal draws (rng.standard_normal).",
    explanation_zh="要缩放的是标准正态抽样（rng.standard_normal）。",
    link=erratum(CHAPTER, 9),
)
def _mistake_xavier_uniform(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _mistake_init_uniform(layer_dims, rng)
