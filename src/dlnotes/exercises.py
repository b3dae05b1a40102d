"""Exercises with a checker that says exactly what is wrong and names the notes' own mistakes.

Each exercise asks the learner to write one function of a chapter (the stub gives the signature).
:func:`check` runs the learner's function and the package's reference on inputs chosen to expose
the chapter's mistakes (zeros in a distribution, :math:`|z| = 10^3`, t = 1 for bias correction,
gradients so small that ε matters, an odd number of examples, float32, keep_prob ≠ 0.5), checks
the type, shape and dtype of what comes back and that no argument was modified, and turns any
exception or NumPy warning into a verdict. When the function is wrong it tries each known
mistake of the exercise (a small function below that makes exactly that mistake) and, when one
matches, names it and links the erratum of the conventions page it corresponds to. Random
functions (dropout, initialization, sampling) are judged by their properties, not by one draw.

``python -m dlnotes.exercises CHAPTER`` prints a chapter's exercises: the task, the stub and the
line that checks it.
"""

from __future__ import annotations

import copy
import difflib
import inspect
import math
import sys
import textwrap
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

import numpy as np

from dlnotes import (
    activations,
    batchnorm,
    gradcheck,
    information,
    initializers,
    layers,
    logistic,
    losses,
    optimizers,
    regularization,
    schedules,
    strategy,
    tuning,
)

__all__ = ["CHAPTERS", "Case", "Exercise", "Mistake", "Result", "check", "exercises", "main"]

CHAPTERS = (
    "information-theory",
    "risk-and-losses",
    "neural-networks",
    "activations",
    "initialization",
    "optimizers",
    "schedules",
    "regularization",
    "batch-norm",
    "gradient-checking",
    "hyperparameters",
    "ml-strategy",
)

NUMERICALLY_CAREFUL = "conventions.md#numerically-careful"
NOT_MODIFIED = "conventions.md#inputs-are-never-modified"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """A known mistake of an exercise: a function that makes exactly that mistake.

    ``id`` is what :attr:`Result.mistake` holds when the learner's function behaves like
    ``fn``; ``link`` is the anchor on the docs site (relative to ``docs/``) of the erratum or
    section that explains it.
    """

    id: str
    title: str
    explanation: str
    link: str
    fn: Callable[..., Any]


class Case(NamedTuple):
    """One input of a compared exercise: a description, the positional and keyword arguments."""

    label: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Exercise:
    """One exercise: what a page needs to show it, and what :func:`check` needs to judge it.

    ``task`` is the text in the notes' terms, :attr:`stub` the learner's starting code,
    :attr:`check_line` the line that checks it, ``hint`` a hint, ``reference`` the function the
    learner's is compared with (a small adapter over the public function named in
    ``against``), ``mistakes`` the known mistakes. ``cases`` builds the inputs of a compared
    exercise; a random exercise has a ``judge`` instead, which tests properties.
    """

    name: str
    chapter: str
    title: str
    task: str
    hint: str
    reference: Callable[..., Any]
    against: str
    mistakes: tuple[Mistake, ...]
    cases: Callable[[], list[Case]] | None = None
    judge: Callable[[Callable[..., Any], Exercise], _Finding | None] | None = None
    outputs: tuple[str, ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-9
    notes: str = field(default="")

    @property
    def stub(self) -> str:
        """The learner's starting code: imports, signature, docstring, NotImplementedError."""
        return _stub(self)

    @property
    def check_line(self) -> str:
        """The line that checks the learner's function, e.g. ``check("entropy", entropy)``."""
        return f'check("{self.name}", {self.name})'

    def mistake(self, mistake_id: str) -> Mistake:
        """The known mistake with this id (``KeyError`` if there is none)."""
        for m in self.mistakes:
            if m.id == mistake_id:
                return m
        raise KeyError(mistake_id)


@dataclass(frozen=True)
class Result:
    """What :func:`check` found: ``passed``, the id of a recognized ``mistake`` (or None), and
    the ``verdict`` that ``str(result)`` gives."""

    name: str
    passed: bool
    mistake: str | None
    verdict: str

    def __str__(self) -> str:
        return self.verdict


class _Finding(NamedTuple):
    """The first problem a judge found: the input, what is wrong, and a matched mistake."""

    case: str
    problem: str
    mistake: str | None = None


class _Outcome(NamedTuple):
    value: Any
    error: BaseException | None
    warned: tuple[str, ...]
    modified: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Helpers used by the references and mistakes
# --------------------------------------------------------------------------------------------


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log y with 0·log y = 0 (so 0·log 0 = 0), without a warning."""
    x, y = np.asarray(x), np.asarray(y)
    safe = np.where(x == 0, 1, y)
    return np.where(x == 0, 0, x * np.log(safe))


def _scalar(x: Any) -> Any:
    """A 0-d array or NumPy scalar as a NumPy scalar of the same dtype."""
    return np.asarray(x)[()]


def _fixed(*values: float, dtype: Any = np.float64) -> np.ndarray:
    return np.array(values, dtype=dtype)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------------------------
# Information theory
# --------------------------------------------------------------------------------------------


def _ref_entropy(p: np.ndarray) -> float:
    """Entropy H(p) = −Σ p_i log p_i of a 1-D distribution p, in nats, with 0·log 0 = 0.

    p is non-negative and sums to 1; it may contain zeros. Return a scalar (float32 for a
    float32 p).
    """
    return _scalar(information.entropy(p))


def _mistake_entropy_bits(p: np.ndarray) -> float:
    nz = p[p > 0]
    return -np.sum(nz * np.log2(nz))


def _mistake_entropy_nan_at_zero(p: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return -np.sum(p * np.log(p))


def _mistake_entropy_no_minus(p: np.ndarray) -> float:
    nz = p[p > 0]
    return np.sum(nz * np.log(nz))


def _cases_entropy() -> list[Case]:
    rng = _rng(13)
    w = rng.random(41)
    w[::5] = 0.0
    return [
        Case("a fair coin", (_fixed(0.5, 0.5),), {}),
        Case("the uniform distribution over 4 outcomes", (np.full(4, 0.25),), {}),
        Case("a zero in the distribution", (_fixed(0.5, 0.5, 0.0),), {}),
        Case("a certain outcome (entropy 0)", (_fixed(0.0, 1.0, 0.0),), {}),
        Case("the notes' C = (1/8, 7/8)", (_fixed(0.125, 0.875),), {}),
        Case("float32", (_fixed(0.2, 0.3, 0.5, 0.0, dtype=np.float32),), {}),
        Case("41 outcomes, every fifth one 0", (w / w.sum(),), {}),
    ]


def _ref_kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """KL divergence D(p‖q) = Σ p_i log(p_i / q_i) of two 1-D distributions, in nats.

    Terms with p_i = 0 contribute 0 (0·log 0 = 0); here q_i > 0 wherever p_i > 0. Return a
    scalar (float32 for float32 inputs).
    """
    return _scalar(information.kl_divergence(p, q))


def _mistake_kl_swapped(p: np.ndarray, q: np.ndarray) -> float:
    return _scalar(information.kl_divergence(q, p))


def _mistake_kl_bits(p: np.ndarray, q: np.ndarray) -> float:
    keep = p > 0
    return np.sum(p[keep] * np.log2(p[keep] / q[keep]))


def _mistake_kl_nan_at_zero(p: np.ndarray, q: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return np.sum(p * np.log(p / q))


def _mistake_kl_cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    return -np.sum(_xlogy(p, q))


def _cases_kl() -> list[Case]:
    rng = _rng(14)
    p, q = rng.random(30), rng.random(30) + 0.05
    p[::4] = 0.0
    return [
        Case(
            "the notes' D(A‖B), A = (1/2, 1/2), B = (1/4, 3/4)",
            (_fixed(0.5, 0.5), _fixed(0.25, 0.75)),
            {},
        ),
        Case("the notes' D(A‖C), C = (1/8, 7/8)", (_fixed(0.5, 0.5), _fixed(0.125, 0.875)), {}),
        Case("the notes' D(B‖A)", (_fixed(0.25, 0.75), _fixed(0.5, 0.5)), {}),
        Case("p has a zero where q does not", (_fixed(0.5, 0.5, 0.0), _fixed(0.25, 0.25, 0.5)), {}),
        Case(
            "float32",
            (_fixed(0.1, 0.6, 0.3, dtype=np.float32), _fixed(0.3, 0.3, 0.4, dtype=np.float32)),
            {},
        ),
        Case("30 outcomes, every fourth p_i = 0", (p / p.sum(), q / q.sum()), {}),
    ]


# --------------------------------------------------------------------------------------------
# Risk and losses
# --------------------------------------------------------------------------------------------


def _ref_binary_cross_entropy(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Cost J = −(1/m) Σ [y log ŷ + (1 − y) log(1 − ŷ)] over the m examples (mean of the losses).

    y_hat and y are (1, m); y is 0 or 1. y_hat may be exactly 0 or 1 where it agrees with y
    (that example's loss is 0: 0·log 0 = 0). Return a scalar (float32 for float32 inputs).
    """
    return _scalar(losses.binary_cross_entropy(y_hat, y))


def _mistake_bce_sign(y_hat: np.ndarray, y: np.ndarray) -> float:
    return -np.mean(_xlogy(y, y_hat) - _xlogy(1 - y, 1 - y_hat))


def _mistake_bce_sum(y_hat: np.ndarray, y: np.ndarray) -> float:
    return -np.sum(_xlogy(y, y_hat) + _xlogy(1 - y, 1 - y_hat))


def _mistake_bce_nan_at_certain(y_hat: np.ndarray, y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def _cases_bce() -> list[Case]:
    rng = _rng(21)
    y_hat = rng.uniform(0.02, 0.98, (1, 9))
    y = (rng.random((1, 9)) < 0.5).astype(float)
    return [
        Case(
            "m = 5 examples",
            (_fixed(0.9, 0.2, 0.7, 0.4, 0.6)[None, :], _fixed(1, 0, 1, 0, 0)[None, :]),
            {},
        ),
        Case("m = 9 random examples", (y_hat, y), {}),
        Case("float32", (y_hat.astype(np.float32), y.astype(np.float32)), {}),
        Case(
            "y_hat exactly 1 where y = 1 and 0 where y = 0 (0·log 0)",
            (_fixed(1.0, 0.0, 0.8)[None, :], _fixed(1, 0, 1)[None, :]),
            {},
        ),
    ]


def _ref_softmax_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Softmax cross-entropy cost J = −(1/m) Σ_i Σ_k Y_ki log softmax(Z)_ki.

    Z holds the logits, (C, m): one column per example, classes along axis 0; Y is one-hot,
    shaped like Z. Finite for |z| up to 1e3 (log-sum-exp). Return a scalar.
    """
    return _scalar(losses.softmax_cross_entropy(Z, Y))


def _mistake_sce_log_of_softmax(Z: np.ndarray, Y: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        e = np.exp(Z - Z.max(axis=0, keepdims=True))
        return -np.mean(np.sum(Y * np.log(e / e.sum(axis=0, keepdims=True)), axis=0))


def _mistake_sce_sum(Z: np.ndarray, Y: np.ndarray) -> float:
    return -np.sum(Y * activations.log_softmax(Z, axis=0))


def _mistake_sce_wrong_axis(Z: np.ndarray, Y: np.ndarray) -> float:
    return -np.mean(np.sum(Y * activations.log_softmax(Z, axis=1), axis=0))


def _one_hot(labels: Sequence[int], C: int, dtype: Any = np.float64) -> np.ndarray:
    return np.eye(C, dtype=dtype)[:, list(labels)]


def _cases_sce() -> list[Case]:
    rng = _rng(22)
    Z = rng.standard_normal((4, 7))
    return [
        Case(
            "C = 3 classes, m = 5 examples",
            (rng.standard_normal((3, 5)), _one_hot([0, 2, 1, 1, 0], 3)),
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


# --------------------------------------------------------------------------------------------
# Neural-network basics
# --------------------------------------------------------------------------------------------


def _ref_logistic_propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    """One forward and backward pass of logistic regression over m examples.

    w is (n_x, 1), b a number, X (n_x, m), Y (1, m) of 0/1. With A = σ(wᵀX + b):
    cost J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], dw = (1/m) X (A − Y)ᵀ (shape (n_x, 1)),
    db = (1/m) Σ (A − Y) (a number). Return (dw, db, cost).
    """
    grads, cost = logistic.propagate(w, b, X, Y)
    return np.asarray(grads["w"]), float(grads["b"]), cost


def _mistake_propagate_no_one_over_m(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, cost = _ref_logistic_propagate(w, b, X, Y)
    m = X.shape[1]
    return dw * m, db * m, cost * m


def _mistake_propagate_sign(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, cost = _ref_logistic_propagate(w, b, X, Y)
    return -dw, -db, cost


def _mistake_propagate_cost_sign(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    dw, db, _ = _ref_logistic_propagate(w, b, X, Y)
    A = activations.sigmoid(w.T @ X + b)
    return dw, db, float(-np.mean(Y * np.log(A) - (1 - Y) * np.log(1 - A)))


def _cases_propagate() -> list[Case]:
    rng = _rng(31)
    X = rng.standard_normal((4, 7))
    Y = (rng.random((1, 7)) < 0.5).astype(float)
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
        Case("n_x = 4, m = 7, b = -0.5", (rng.standard_normal((4, 1)) * 0.5, -0.5, X, Y), {}),
    ]


def _ref_linear_backward(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of the linear part Z = W A_prev + b of a layer, over m examples.

    dZ is (n[l], m), A_prev (n[l−1], m), W (n[l], n[l−1]). Return (dA_prev, dW, db) with
    dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ dZ over the examples (shape (n[l], 1)) and
    dA_prev = Wᵀ dZ.
    """
    cache = layers.LinearCache(A_prev, W, np.zeros((W.shape[0], 1), dtype=W.dtype))
    return layers.linear_backward(dZ, cache)


def _mistake_linear_backward_no_one_over_m(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)


def _mistake_linear_backward_dA_over_m(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dA_prev, dW, db = _ref_linear_backward(dZ, A_prev, W)
    return dA_prev / dZ.shape[1], dW, db


def _cases_linear_backward() -> list[Case]:
    rng = _rng(32)
    return [
        Case(
            "n[l] = 3, n[l−1] = 4, m = 5",
            (rng.standard_normal((3, 5)), rng.standard_normal((4, 5)), rng.standard_normal((3, 4))),
            {},
        ),
        Case(
            "m = 1 example",
            (rng.standard_normal((2, 1)), rng.standard_normal((3, 1)), rng.standard_normal((2, 3))),
            {},
        ),
        Case(
            "float32, m = 7",
            tuple(rng.standard_normal(s).astype(np.float32) for s in ((1, 7), (2, 7), (1, 2))),
            {},
        ),
    ]


# --------------------------------------------------------------------------------------------
# Activations
# --------------------------------------------------------------------------------------------


def _ref_softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over axis 0: exp(z_i) / Σ_j exp(z_j) for each column (a 1-D z is one vector).

    Shaped like z; finite for |z| up to 1e3 (subtract the maximum first); float32 stays float32.
    """
    return activations.softmax(z)


def _mistake_softmax_no_max_shift(z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        e = np.exp(z)
        return e / e.sum(axis=0, keepdims=True)


def _mistake_softmax_wrong_axis(z: np.ndarray) -> np.ndarray:
    return activations.softmax(z, axis=-1)


def _mistake_softmax_whole_array(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _cases_softmax() -> list[Case]:
    rng = _rng(41)
    return [
        Case("a 1-D z", (_fixed(1.0, 2.0, 3.0),), {}),
        Case("5 columns (examples) of 3 classes", (rng.standard_normal((3, 5)),), {}),
        Case("|z| = 1e3 in 1-D", (_fixed(1000.0, 999.0, -1000.0),), {}),
        Case(
            "|z| = 1e3 in columns", (np.array([[1000.0, -1000.0, 3.0], [999.0, 1.0, -1000.0]]),), {}
        ),
        Case(
            "float32, 4 classes × 7 examples",
            (rng.standard_normal((4, 7)).astype(np.float32) * 3,),
            {},
        ),
    ]


def _ref_sigmoid(z: np.ndarray) -> np.ndarray:
    """Sigmoid σ(z) = 1 / (1 + e^(−z)), elementwise; shaped like z.

    No NumPy warning for |z| up to 1e3 (e^1000 overflows: use a form that never computes it);
    float32 stays float32.
    """
    return activations.sigmoid(z)


def _mistake_sigmoid_overflow(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _mistake_sigmoid_exp_ratio(z: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.exp(z) / (1 + np.exp(z))


def _mistake_sigmoid_sign(z: np.ndarray) -> np.ndarray:
    return activations.sigmoid(-z)


def _cases_sigmoid() -> list[Case]:
    rng = _rng(42)
    return [
        Case("z = (−2, 0, 3)", (_fixed(-2.0, 0.0, 3.0),), {}),
        Case("a (3, 5) array", (rng.standard_normal((3, 5)) * 4,), {}),
        Case("|z| = 1e3", (_fixed(-1000.0, 1000.0, 0.5),), {}),
        Case("float32 with |z| = 100", (_fixed(-100.0, 100.0, 0.5, dtype=np.float32),), {}),
    ]


def _ref_tanh_grad(z: np.ndarray) -> np.ndarray:
    """Derivative of tanh at z: g'(z) = 1 − tanh(z)², elementwise (notes 003: 1 − a²).

    Shaped like z; float32 stays float32.
    """
    return activations.tanh_grad(z)


def _mistake_tanh_grad_no_square(z: np.ndarray) -> np.ndarray:
    return 1 - np.tanh(z)


def _mistake_tanh_grad_z_for_a(z: np.ndarray) -> np.ndarray:
    return 1 - z**2


def _cases_tanh_grad() -> list[Case]:
    rng = _rng(43)
    return [
        Case("z = (−2, 0, 0.5, 3)", (_fixed(-2.0, 0.0, 0.5, 3.0),), {}),
        Case("a (2, 5) array", (rng.standard_normal((2, 5)),), {}),
        Case("|z| = 1e3", (_fixed(-1000.0, 1000.0),), {}),
        Case("float32", (_fixed(-1.5, 0.25, 2.0, dtype=np.float32),), {}),
    ]


# --------------------------------------------------------------------------------------------
# Initialization (judged by properties: the draws are random)
# --------------------------------------------------------------------------------------------


def _ref_initialize_he(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """He initialization: W[l] = randn(n[l], n[l−1]) · √(2/n[l−1]), b[l] = zeros((n[l], 1)).

    layer_dims = [n[0], n[1], …, n[L]]; return {"W1": …, "b1": …, …, "WL": …, "bL": …}.
    Draw with rng (e.g. rng.standard_normal), never with np.random.
    """
    return initializers.initialize_parameters(layer_dims, method="he", rng=rng)


def _ref_initialize_xavier(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """The notes' Xavier initialization (004): W[l] = randn(n[l], n[l−1]) · √(1/n[l−1]), b[l] = 0.

    layer_dims = [n[0], n[1], …, n[L]]; return {"W1": …, "b1": …, …}; b[l] is (n[l], 1).
    Draw with rng (e.g. rng.standard_normal), never with np.random.
    """
    return initializers.initialize_parameters(layer_dims, method="xavier", rng=rng)


def _initialize(
    layer_dims: list[int], rng: np.random.Generator, std: Callable[[int, int], float]
) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.standard_normal((n, n_prev)) * std(n_prev, n)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


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


def _mistake_he_no_sqrt(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: 2 / n_prev)


def _mistake_he_fan_out(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: math.sqrt(2 / n))


def _mistake_he_xavier_factor(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: math.sqrt(1 / n_prev))


def _mistake_init_uniform(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.random((n, n_prev)) * math.sqrt(2 / n_prev)
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


def _mistake_xavier_glorot(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: math.sqrt(2 / (n_prev + n)))


def _mistake_xavier_he_factor(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: math.sqrt(2 / n_prev))


def _mistake_xavier_no_sqrt(
    layer_dims: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    return _initialize(layer_dims, rng, lambda n_prev, n: 1 / n_prev)


_INIT_DIMS = [400, 300, 200]
_INIT_STDS: dict[str, Callable[[int, int], float]] = {
    "he": lambda n_prev, n: math.sqrt(2 / n_prev),
    "xavier": lambda n_prev, n: math.sqrt(1 / n_prev),
    "he_no_sqrt": lambda n_prev, n: 2 / n_prev,
    "xavier_no_sqrt": lambda n_prev, n: 1 / n_prev,
    "fan_out": lambda n_prev, n: math.sqrt(2 / n),
    "glorot": lambda n_prev, n: math.sqrt(2 / (n_prev + n)),
}


def _judge_init(fn: Callable[..., Any], ex: Exercise) -> _Finding | None:
    target = "he" if ex.name == "initialize_he" else "xavier"
    # which std each mistake draws with (the uniform and transposed mistakes are seen by shape/sign)
    by_std = {
        "he": {"no_sqrt": "he_no_sqrt", "fan_out": "fan_out", "xavier_factor": "xavier"},
        "xavier": {"no_sqrt": "xavier_no_sqrt", "glorot": "glorot", "he_factor": "he"},
    }[target]
    dims = list(_INIT_DIMS)
    label = f"layer_dims = {dims}, rng = np.random.default_rng(0)"
    out = _call(fn, (dims, _rng(0)), {}, ("layer_dims", "rng"))
    if (problem := _call_problem(out)) is not None:
        return _Finding(label, problem)
    params = out.value
    if not isinstance(params, dict):
        return _Finding(label, f"returned {_kind(params)}; expected a dict of parameters")
    expected_keys = [f"{p}{layer}" for layer in range(1, len(dims)) for p in ("W", "b")]
    if sorted(map(str, params)) != sorted(expected_keys):
        return _Finding(
            label, f"returned the keys {sorted(map(str, params))}; expected {sorted(expected_keys)}"
        )
    for layer in range(1, len(dims)):
        n_prev, n = dims[layer - 1], dims[layer]
        W, b = params[f"W{layer}"], params[f"b{layer}"]
        for key, arr, shape in ((f"W{layer}", W, (n, n_prev)), (f"b{layer}", b, (n, 1))):
            if not isinstance(arr, np.ndarray):
                return _Finding(
                    label, f"{key} is {_kind(arr)}; expected a NumPy array of shape {shape}"
                )
            if arr.shape != shape:
                transposed = key.startswith("W") and arr.shape == (n_prev, n)
                return _Finding(
                    label,
                    f"{key} has shape {arr.shape}; expected {shape} = (n[{layer}], n[{layer - 1}])",
                    "transposed" if transposed else None,
                )
        if np.any(b != 0):
            return _Finding(label, f"b{layer} is not all zeros (biases start at 0)")
        if W.min() >= 0:
            # rand·s has mean s/2 and standard deviation s/√12: mean/std = √3
            uniform = W.std() > 0 and abs(W.mean() / W.std() - math.sqrt(3)) < 0.05
            return _Finding(
                label,
                f"W{layer} has no negative entries: its mean is {W.mean():.4g}, not 0",
                "uniform" if uniform else None,
            )
    for layer in range(1, len(dims)):
        n_prev, n = dims[layer - 1], dims[layer]
        s = float(params[f"W{layer}"].std())
        want = _INIT_STDS[target](n_prev, n)
        if abs(s / want - 1) > 0.02:
            for mistake_id, std_name in by_std.items():
                if all(
                    abs(
                        float(params[f"W{k}"].std()) / _INIT_STDS[std_name](dims[k - 1], dims[k])
                        - 1
                    )
                    < 0.02
                    for k in range(1, len(dims))
                ):
                    return _Finding(label, _std_problem(layer, s, want), mistake_id)
            return _Finding(label, _std_problem(layer, s, want))
        mean_tol = 6 * want / math.sqrt(n * n_prev)
        if abs(float(params[f"W{layer}"].mean())) > mean_tol:
            return _Finding(
                label,
                f"the entries of W{layer} have mean {params[f'W{layer}'].mean():.4g}; expected 0",
            )
    again = _call(fn, (dims, _rng(0)), {}, ("layer_dims", "rng"))
    if again.error is None and isinstance(again.value, dict) and "W1" in again.value:
        if not np.array_equal(np.asarray(again.value["W1"]), params["W1"]):
            return _Finding(
                label,
                "two calls with np.random.default_rng(0) gave different W1: draw from rng, "
                "not from np.random",
            )
    return None


def _std_problem(layer: int, got: float, want: float) -> str:
    return f"the entries of W{layer} have standard deviation {got:.4g}; expected {want:.4g}"


# --------------------------------------------------------------------------------------------
# Optimizers
# --------------------------------------------------------------------------------------------


def _ref_momentum_step(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """One step of momentum in the notes' EWA form: v = βv + (1 − β)g, then θ = θ − lr·v.

    theta, g and v have the same shape (v starts at 0). Return the new (theta, v); do not
    modify the arguments.
    """
    opt = optimizers.Momentum(lr=lr, beta=beta)
    state = optimizers.MomentumState(step=0, v={"theta": v.copy()})
    params, state = opt.update({"theta": theta}, {"theta": g}, state)
    return params["theta"], state.v["theta"]


def _mistake_momentum_sum_form(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    v = beta * v + g
    return theta - lr * v, v


def _mistake_momentum_old_v(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    return theta - lr * v, beta * v + (1 - beta) * g


def _mistake_momentum_beta_swapped(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    v = (1 - beta) * v + beta * g
    return theta - lr * v, v


def _cases_momentum() -> list[Case]:
    rng = _rng(61)
    return [
        Case(
            "the first step, v = 0",
            (_fixed(1.0, -2.0, 0.5), _fixed(0.3, -1.0, 2.0), np.zeros(3), 0.1),
            {},
        ),
        Case(
            "a later step, (2, 3) arrays, beta = 0.8",
            (
                rng.standard_normal((2, 3)),
                rng.standard_normal((2, 3)),
                rng.standard_normal((2, 3)),
                0.05,
            ),
            {"beta": 0.8},
        ),
        Case(
            "float32",
            (*(rng.standard_normal(4).astype(np.float32) for _ in range(3)), 0.01),
            {},
        ),
    ]


def _ref_rmsprop_step(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    """One RMSprop step as in notes 000 §2.7: s = βs + (1 − β)g², θ = θ − lr·g/√(s + ε).

    ε goes inside the square root here (the notes' RMSprop). Return the new (theta, s).
    """
    opt = optimizers.RMSprop(lr=lr, beta=beta, eps=eps)
    state = optimizers.RMSpropState(step=0, S={"theta": s.copy()})
    params, state = opt.update({"theta": theta}, {"theta": g}, state)
    return params["theta"], state.S["theta"]


def _mistake_rmsprop_eps_outside(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * g**2
    return theta - lr * g / (np.sqrt(s) + eps), s


def _mistake_rmsprop_no_eps(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * g**2
    with np.errstate(all="ignore"):
        return theta - lr * g / np.sqrt(s), s


def _mistake_rmsprop_no_square(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> tuple[np.ndarray, np.ndarray]:
    s = beta * s + (1 - beta) * np.abs(g)
    return theta - lr * g / np.sqrt(s + eps), s


def _cases_rmsprop() -> list[Case]:
    rng = _rng(62)
    return [
        Case(
            "the first step, s = 0",
            (_fixed(1.0, -2.0, 0.5), _fixed(0.3, -1.0, 2.0), np.zeros(3), 0.01),
            {},
        ),
        Case(
            "gradients of 1e-6, where ε matters",
            (np.zeros(3), _fixed(1e-6, -3e-6, 2e-6), np.zeros(3), 0.01),
            {},
        ),
        Case("a zero gradient, s = 0", (np.ones(2), np.zeros(2), np.zeros(2), 0.01), {}),
        Case(
            "a later step, (2, 3) arrays, beta = 0.99",
            (rng.standard_normal((2, 3)), rng.standard_normal((2, 3)), rng.random((2, 3)), 0.001),
            {"beta": 0.99},
        ),
    ]


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
    opt = optimizers.Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    state = optimizers.AdamState(step=t - 1, m={"theta": m.copy()}, v={"theta": v.copy()})
    params, state = opt.update({"theta": theta}, {"theta": g}, state)
    return params["theta"], state.m["theta"], state.v["theta"]


def _adam_moments(
    g: np.ndarray, m: np.ndarray, v: np.ndarray, beta1: float, beta2: float
) -> tuple[np.ndarray, np.ndarray]:
    return beta1 * m + (1 - beta1) * g, beta2 * v + (1 - beta2) * g**2


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
    m, v = _adam_moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    with np.errstate(all="ignore"):
        return theta - lr * m_hat / np.sqrt(v_hat), m, v


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
    m, v = _adam_moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta1**t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


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
    m, v = _adam_moments(g, m, v, beta1, beta2)
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps), m, v


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
    m, v = _adam_moments(g, m, v, beta1, beta2)
    return theta - lr * m / (np.sqrt(v) + eps), m, v


def _cases_adam() -> list[Case]:
    rng = _rng(63)
    shape = (2, 3)
    m0, v0 = rng.standard_normal(shape) * 0.1, rng.random(shape) * 0.01
    return [
        Case(
            "t = 1, from m = v = 0",
            (_fixed(1.0, -2.0, 0.5), _fixed(0.3, -1.0, 2.0), np.zeros(3), np.zeros(3), 1),
            {},
        ),
        Case(
            "t = 1, gradients of 1e-9, where ε matters",
            (np.zeros(3), _fixed(1e-9, -2e-9, 5e-9), np.zeros(3), np.zeros(3), 1),
            {},
        ),
        Case("t = 1, a zero gradient", (np.ones(2), np.zeros(2), np.zeros(2), np.zeros(2), 1), {}),
        Case(
            "t = 4, (2, 3) arrays, lr = 0.01",
            (rng.standard_normal(shape), rng.standard_normal(shape), m0, v0, 4),
            {"lr": 0.01},
        ),
        Case(
            "float32, t = 2",
            (
                *(rng.standard_normal(4).astype(np.float32) for _ in range(2)),
                np.full(4, 0.05, np.float32),
                np.full(4, 0.002, np.float32),
                2,
            ),
            {},
        ),
    ]


def _ref_exponentially_weighted_average(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    """v_t = βv_{t−1} + (1 − β)θ_t from v_0 = 0, for t = 1 … T; with bias correction v_t/(1 − βᵗ).

    values is the 1-D sequence θ_1 … θ_T; return the 1-D sequence v_1 … v_T (a loop over t is
    fine).
    """
    return optimizers.exponentially_weighted_average(values, beta, bias_correction=bias_correction)


def _mistake_ewa_starts_at_first(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    out = np.empty_like(values)
    v = values[0]
    for t, theta in enumerate(values):
        v = theta if t == 0 else beta * v + (1 - beta) * theta
        out[t] = v
    return out


def _mistake_ewa_weights_swapped(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    return optimizers.exponentially_weighted_average(
        values, 1 - beta, bias_correction=bias_correction
    )


def _cases_ewa() -> list[Case]:
    rng = _rng(64)
    temps = 10 + rng.standard_normal(30).cumsum()
    return [
        Case("a constant sequence of ten 1s, beta = 0.9", (np.ones(10), 0.9), {}),
        Case("30 values, beta = 0.9", (temps, 0.9), {}),
        Case(
            "30 values, beta = 0.98, with bias correction", (temps, 0.98), {"bias_correction": True}
        ),
        Case("float32, beta = 0.5", (temps[:8].astype(np.float32), 0.5), {}),
    ]


# --------------------------------------------------------------------------------------------
# Learning-rate schedules
# --------------------------------------------------------------------------------------------


def _ref_inverse_time_decay(lr0: float, epoch: int, decay_rate: float) -> float:
    """The learning rate lr0 / (1 + decay_rate · epoch) of epoch number epoch (from 0)."""
    return float(schedules.inverse_time_decay(lr0, epoch, decay_rate))


def _mistake_inverse_precedence(lr0: float, epoch: int, decay_rate: float) -> float:
    return lr0 / 1 + decay_rate * epoch


def _mistake_inverse_times(lr0: float, epoch: int, decay_rate: float) -> float:
    return lr0 * (1 + decay_rate * epoch)


def _cases_inverse_time() -> list[Case]:
    return [
        Case("epoch 0", (0.2, 0, 1.0), {}),
        Case("epoch 1, decay_rate = 1", (0.2, 1, 1.0), {}),
        Case("epoch 7, decay_rate = 0.5", (0.1, 7, 0.5), {}),
    ]


def _ref_step_decay(lr0: float, epoch: int, drop: float, every: int) -> float:
    """Staircase decay lr0 · drop^⌊epoch/every⌋: multiply by drop once every `every` epochs."""
    return float(schedules.step_decay(lr0, epoch, drop, every))


def _mistake_step_no_floor(lr0: float, epoch: int, drop: float, every: int) -> float:
    return lr0 * drop ** (epoch / every)


def _mistake_step_drop_at_zero(lr0: float, epoch: int, drop: float, every: int) -> float:
    return lr0 * drop ** (epoch // every + 1)


def _cases_step_decay() -> list[Case]:
    return [
        Case("epoch 0", (0.1, 0, 0.5, 10), {}),
        Case("epoch 9, every 10", (0.1, 9, 0.5, 10), {}),
        Case("epoch 25, every 10", (0.1, 25, 0.5, 10), {}),
        Case("epoch 7, every 3", (0.3, 7, 0.1, 3), {}),
    ]


def _ref_cosine_annealing(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    """lr_min + (lr0 − lr_min)(1 + cos(π·step/total))/2: from lr0 at step 0 to lr_min at total."""
    return float(schedules.cosine_annealing(lr0, step, total, lr_min=lr_min))


def _mistake_cosine_no_half(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * step / total))


def _mistake_cosine_no_pi(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr_min + (lr0 - lr_min) * (1 + math.cos(step / total)) / 2


def _mistake_cosine_lr_min_ignored(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr0 * (1 + math.cos(math.pi * step / total)) / 2


def _cases_cosine() -> list[Case]:
    return [
        Case("step 0", (0.1, 0, 100), {}),
        Case("step 25 of 100", (0.1, 25, 100), {}),
        Case("step 50 of 100, lr_min = 0.01", (0.1, 50, 100), {"lr_min": 0.01}),
        Case("the last step, lr_min = 0.001", (0.1, 100, 100), {"lr_min": 0.001}),
    ]


# --------------------------------------------------------------------------------------------
# Regularization
# --------------------------------------------------------------------------------------------


def _ref_dropout_forward(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout: keep each unit with probability keep_prob and divide by keep_prob.

    mask = rng.random(A.shape) < keep_prob (or its 0/1 float version); A_out = A·mask/keep_prob.
    Return (A_out, mask), both shaped like A; float32 A gives float32 A_out.
    """
    return regularization.dropout_forward(A, keep_prob, rng=rng)


def _mistake_dropout_not_inverted(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) < keep_prob
    return A * mask, mask


def _mistake_dropout_swapped(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) > keep_prob
    return A * mask / keep_prob, mask


def _mistake_dropout_times_keep_prob(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    mask = rng.random(A.shape) < keep_prob
    return A * mask * keep_prob, mask


def _judge_dropout(fn: Callable[..., Any], ex: Exercise) -> _Finding | None:
    A = _rng(7).standard_normal((200, 501))
    names = ("A", "keep_prob", "rng")
    tries = ((A, 0.8, "float64"), (A, 0.3, "float64"), (A.astype(np.float32), 0.7, "float32"))
    for arr, keep_prob, kind in tries:
        label = (
            f"A: a {kind} (200, 501) array, keep_prob = {keep_prob}, rng = np.random.default_rng(1)"
        )
        out = _call(fn, (arr, keep_prob, _rng(1)), {}, names)
        if (problem := _call_problem(out)) is not None:
            return _Finding(label, problem)
        value = out.value
        if not isinstance(value, tuple | list) or len(value) != 2:
            return _Finding(label, f"returned {_kind(value)}; expected a tuple (A_out, mask)")
        A_out, mask = value
        for key, x in (("A_out", A_out), ("mask", mask)):
            if not isinstance(x, np.ndarray) or x.shape != arr.shape:
                got = f"shape {x.shape}" if isinstance(x, np.ndarray) else _kind(x)
                return _Finding(
                    label,
                    f"{key} is {got}; expected an array of shape {arr.shape} "
                    "(one entry per unit and example)",
                )
        if mask.dtype != bool and not np.isin(mask, (0, 1)).all():
            return _Finding(label, "mask holds values other than 0 and 1 (or True and False)")
        if arr.dtype == np.float32 and A_out.dtype != np.float32:
            return _Finding(label, f"A_out is {A_out.dtype} for a float32 A; keep float32")
        d = mask.astype(arr.dtype)
        kept = float(d.mean())
        if abs(kept - keep_prob) > 0.01:
            swapped = abs(kept - (1 - keep_prob)) <= 0.01
            return _Finding(
                label,
                f"the mask keeps a fraction {kept:.4f} of the units; "
                f"expected keep_prob = {keep_prob}",
                "swapped" if swapped else None,
            )
        rtol, atol = (1e-5, 1e-6) if kind == "float32" else (1e-12, 0.0)
        if not np.allclose(A_out, arr * d / keep_prob, rtol=rtol, atol=atol):
            for mistake_id, scaled in (
                ("not_inverted", arr * d),
                ("times_keep_prob", arr * d * keep_prob),
            ):
                if np.allclose(A_out, scaled, rtol=rtol, atol=atol):
                    return _Finding(
                        label,
                        f"A_out is {_describe_scaling(mistake_id)}, not A·mask/keep_prob",
                        mistake_id,
                    )
            return _Finding(label, "A_out is not A·mask/keep_prob")
    label = "A: a float64 (200, 501) array, keep_prob = 0.8, twice with np.random.default_rng(1)"
    calls = [_call(fn, (A, 0.8, _rng(seed)), {}, names) for seed in (1, 1, 2)]
    for out in calls:
        if (problem := _call_problem(out)) is not None:
            return _Finding(label, problem)
    masks = [np.asarray(out.value[1]) for out in calls]
    if not np.array_equal(masks[0], masks[1]):
        return _Finding(
            label,
            "two calls with the same rng seed gave different masks: draw from rng, not np.random",
        )
    if np.array_equal(masks[0], masks[2]):
        return _Finding(label, "rng seeds 1 and 2 gave the same mask: draw the mask from rng")
    return None


def _describe_scaling(mistake_id: str) -> str:
    return {"not_inverted": "A·mask", "times_keep_prob": "A·mask·keep_prob"}[mistake_id]


def _ref_normalize_inputs(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normalize the inputs with the training set's statistics, for both sets.

    X_train is (n_x, m_train), X_test (n_x, m_test): examples are columns. Per feature (row),
    μ = the mean over the training examples and σ their standard deviation (the 1/m one);
    return ((X_train − μ)/σ, (X_test − μ)/σ).
    """
    mu, sigma = regularization.fit_normalizer(X_train)
    return regularization.normalize(X_train, mu, sigma), regularization.normalize(X_test, mu, sigma)


def _mistake_normalize_variance(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = X_train.mean(axis=1, keepdims=True), X_train.var(axis=1, keepdims=True)
    return (X_train - mu) / var, (X_test - mu) / var


def _mistake_normalize_test_own(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    def own(X: np.ndarray) -> np.ndarray:
        return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)

    return own(X_train), own(X_test)


def _mistake_normalize_ddof(
    X_train: np.ndarray, X_test: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, ddof=1, keepdims=True)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def _cases_normalize() -> list[Case]:
    rng = _rng(81)
    scale, shift = np.array([[1.0], [10.0], [0.1]]), np.array([[5.0], [-20.0], [0.3]])
    X_train = rng.standard_normal((3, 7)) * scale + shift
    X_test = rng.standard_normal((3, 4)) * 2 * scale + shift + 1
    return [
        Case("3 features of different scales, m_train = 7, m_test = 4", (X_train, X_test), {}),
        Case(
            "one feature, m_train = 5, m_test = 3",
            (_fixed(1, 2, 3, 4, 10)[None, :], _fixed(0, 5, 20)[None, :]),
            {},
        ),
        Case("float32", (X_train.astype(np.float32), X_test.astype(np.float32)), {}),
    ]


def _ref_l2_penalty(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    """The L2 term of the cost, (λ/(2m)) Σ_l ‖W[l]‖²_F, over the weights "W1", "W2", … only.

    params holds "W1", "b1", "W2", …; the biases are not penalized. Return a float.
    """
    return float(regularization.l2_penalty(params, lambd, m))


def _mistake_l2_biases(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return lambd / (2 * m) * sum(float(np.sum(p**2)) for p in params.values())


def _mistake_l2_no_half(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return 2 * _ref_l2_penalty(params, lambd, m)


def _mistake_l2_no_lambda(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    return _ref_l2_penalty(params, lambd, m) / lambd


def _cases_l2() -> list[Case]:
    rng = _rng(82)
    two = {
        "W1": rng.standard_normal((3, 4)),
        "b1": rng.standard_normal((3, 1)),
        "W2": rng.standard_normal((1, 3)),
        "b2": np.array([[0.5]]),
    }
    three = {**two, "W3": rng.standard_normal((2, 1)), "b3": np.ones((2, 1))}
    return [
        Case("two layers, lambd = 0.7, m = 5", (two, 0.7, 5), {}),
        Case("three layers, lambd = 0.1, m = 9", (three, 0.1, 9), {}),
    ]


# --------------------------------------------------------------------------------------------
# Batch normalization
# --------------------------------------------------------------------------------------------


def _ref_batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    """Batch norm in training mode, per unit (row) over the m examples of the mini-batch.

    μ = mean of the row, σ² its variance (1/m), Z_norm = (Z − μ)/√(σ² + ε), Z̃ = γ·Z_norm + β.
    Z is (n[l], m); gamma and beta are (n[l], 1). Return Z̃, shaped like Z.
    """
    return batchnorm.batchnorm_forward(Z, gamma, beta, eps=eps)[0]


def _mistake_bn_unbiased(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, ddof=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


def _mistake_bn_wrong_axis(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=0, keepdims=True), Z.var(axis=0, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


def _mistake_bn_eps_outside(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> np.ndarray:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / (np.sqrt(var) + eps) + beta


def _cases_bn_forward() -> list[Case]:
    rng = _rng(91)
    Z = rng.standard_normal((3, 5)) * np.array([[1.0], [5.0], [0.001]]) + np.array(
        [[0.0], [3.0], [-1.0]]
    )
    gamma, beta = np.array([[1.5], [0.5], [2.0]]), np.array([[0.1], [-1.0], [0.0]])
    Z4 = rng.standard_normal((4, 7))
    return [
        Case(
            "a (2, 4) mini-batch, gamma = 1, beta = 0",
            (
                np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 30.0, 30.0]]),
                np.ones((2, 1)),
                np.zeros((2, 1)),
            ),
            {},
        ),
        Case("m = 5 (odd), a row with σ = 0.001 (ε matters)", (Z, gamma, beta), {}),
        Case("eps = 0.1", (Z4, np.ones((4, 1)), np.zeros((4, 1))), {"eps": 0.1}),
        Case(
            "float32, (4, 7)",
            (Z4.astype(np.float32), np.full((4, 1), 2.0, np.float32), np.ones((4, 1), np.float32)),
            {},
        ),
    ]


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
    return batchnorm.batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=eps)


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


def _mistake_bn_inference_no_sqrt(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    return gamma * (Z - running_mean) / (running_var + eps) + beta


def _cases_bn_inference() -> list[Case]:
    rng = _rng(92)
    g, b = np.array([[1.5], [0.5], [2.0]]), np.array([[0.1], [-1.0], [0.0]])
    rm, rv = np.array([[0.5], [3.0], [-1.0]]), np.array([[4.0], [0.25], [9.0]])
    return [
        Case("one example (m = 1)", (np.array([[1.0], [2.0], [3.0]]), g, b, rm, rv), {}),
        Case("m = 5", (rng.standard_normal((3, 5)) * 2, g, b, rm, rv), {}),
        Case(
            "float32, m = 3",
            tuple(x.astype(np.float32) for x in (rng.standard_normal((3, 3)), g, b, rm, rv)),
            {},
        ),
    ]


def _ref_update_running_stats(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """Update the running averages with one mini-batch Z (n[l], m) in training mode.

    μ and σ² are the mean and the (1/m) variance of each row of Z;
    running_mean = β·running_mean + (1 − β)·μ, likewise running_var with σ². All statistics are
    (n[l], 1). Return the new (running_mean, running_var).
    """
    n = Z.shape[0]
    cache = batchnorm.batchnorm_forward(Z, np.ones((n, 1), Z.dtype), np.zeros((n, 1), Z.dtype))[1]
    return batchnorm.update_running_stats(running_mean, running_var, cache, beta=beta)


def _mistake_running_momentum_swapped(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    return (1 - beta) * running_mean + beta * mu, (1 - beta) * running_var + beta * var


def _mistake_running_unbiased(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, ddof=1, keepdims=True)
    return beta * running_mean + (1 - beta) * mu, beta * running_var + (1 - beta) * var


def _cases_running() -> list[Case]:
    rng = _rng(93)
    Z = rng.standard_normal((3, 5)) * 2 + 1
    return [
        Case("from zeros and ones, m = 5", (np.zeros((3, 1)), np.ones((3, 1)), Z), {}),
        Case(
            "beta = 0.99, m = 7",
            (rng.standard_normal((2, 1)), rng.random((2, 1)) + 0.5, rng.standard_normal((2, 7))),
            {"beta": 0.99},
        ),
        Case(
            "float32",
            (np.zeros((3, 1), np.float32), np.ones((3, 1), np.float32), Z.astype(np.float32)),
            {},
        ),
    ]


# --------------------------------------------------------------------------------------------
# Gradient checking
# --------------------------------------------------------------------------------------------


def _ref_numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    """Two-sided difference: component i is (f(x + ε e_i) − f(x − ε e_i)) / (2ε).

    f maps an array shaped like x to a number; x is a float64 array of any shape. Return the
    approximate gradient, shaped like x. Do not modify x (perturb a copy).
    """
    return gradcheck.numerical_gradient(f, x, eps)


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


def _mistake_ngrad_eps_not_2eps(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    return 2 * gradcheck.numerical_gradient(f, x, eps)


def _mistake_ngrad_one_sided(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    return gradcheck.one_sided_difference(f, x, eps)


def _cube_sum(t: np.ndarray) -> float:
    return float(np.sum(t**3))


def _wavy(t: np.ndarray) -> float:
    return float(np.sum(np.sin(3 * t) * np.exp(t / 2)) + np.prod(t[:2]))


def _cases_ngrad() -> list[Case]:
    rng = _rng(101)
    return [
        Case(
            "the notes' f(θ) = θ³ at θ = 1, eps = 0.01 (000 §1.12)",
            (_cube_sum, np.array([1.0])),
            {"eps": 0.01},
        ),
        Case(
            "f(θ) = Σ θ³ at a (2, 3) θ, eps = 1e-3",
            (_cube_sum, rng.standard_normal((2, 3)) * 2),
            {"eps": 1e-3},
        ),
        Case(
            "f(θ) = Σ sin(3θ)·e^(θ/2) + θ₀θ₁ at 5 points, the default eps",
            (_wavy, rng.standard_normal(5)),
            {},
        ),
    ]


def _ref_relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), the relative difference of two gradients; 0 when both are 0.

    a and b have the same shape (any); return a float.
    """
    return float(gradcheck.relative_difference(a, b))


def _mistake_reldiff_absolute(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b))


def _mistake_reldiff_norm_of_sum(a: np.ndarray, b: np.ndarray) -> float:
    den = np.linalg.norm(a + b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


def _mistake_reldiff_nan_at_zero(a: np.ndarray, b: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def _cases_reldiff() -> list[Case]:
    rng = _rng(102)
    a = rng.standard_normal((3, 4)) * 10
    return [
        Case(
            "two (3, 4) gradients of norm about 35", (a, a + rng.standard_normal((3, 4)) * 1e-3), {}
        ),
        Case("opposite vectors", (_fixed(1.0, 2.0, 2.0), _fixed(-1.0, -2.0, -2.0)), {}),
        Case("two zero gradients (0/0 counts as 0)", (np.zeros(3), np.zeros(3)), {}),
    ]


# --------------------------------------------------------------------------------------------
# Hyperparameter tuning (judged by properties)
# --------------------------------------------------------------------------------------------


def _ref_sample_log_uniform(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    """size samples on [low, high] (0 < low < high) on a log scale: r ~ U[log₁₀ low, log₁₀ high],
    α = 10^r, so each decade is drawn equally often (notes 000 §3.2). Return a (size,) array.
    """
    return np.asarray(tuning.sample_log_uniform(low, high, rng=rng, size=size))


def _mistake_log_uniform_linear(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    return rng.uniform(low, high, size)


def _mistake_log_uniform_fixed_range(
    low: float, high: float, rng: np.random.Generator, size: int
) -> np.ndarray:
    return 10.0 ** (-4 * rng.random(size))


def _ref_sample_beta(rng: np.random.Generator, size: int) -> np.ndarray:
    """size samples of the averaging β in [0.9, 0.999] with 1 − β on a log scale:
    r ~ U[−3, −1], β = 1 − 10^r (notes 000 §3.2). Return a (size,) array.
    """
    return np.asarray(tuning.sample_beta(0.9, 0.999, rng=rng, size=size))


def _mistake_beta_linear(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.uniform(0.9, 0.999, size)


def _mistake_beta_minus_four(rng: np.random.Generator, size: int) -> np.ndarray:
    return 1 - 10.0 ** (-4 * rng.random(size))


def _ks_uniform(u: np.ndarray) -> float:
    """Kolmogorov distance between the sample u and U[0, 1]."""
    u = np.sort(u)
    n = u.size
    return float(max(np.max(np.arange(1, n + 1) / n - u), np.max(u - np.arange(n) / n)))


_SAMPLES = 20_000


def _sampler_args(ex: Exercise, low: float, high: float, rng: Any) -> tuple[Any, ...]:
    return (rng, _SAMPLES) if ex.name == "sample_beta" else (low, high, rng, _SAMPLES)


def _judge_sampler(fn: Callable[..., Any], ex: Exercise) -> _Finding | None:
    """Shared judge: the samples, mapped to r (α = 10^r, or 1 − β = 10^r), are uniform on
    r's range."""
    beta = ex.name == "sample_beta"
    names = ("rng", "size") if beta else ("low", "high", "rng", "size")
    ranges = [(0.9, 0.999)] if beta else [(1e-4, 1.0), (1e-3, 0.1)]
    for lo, hi in ranges:
        shown = _sampler_args(ex, lo, hi, "np.random.default_rng(0)")
        label = ", ".join(f"{k} = {v}" for k, v in zip(names, shown, strict=True))
        out = _call(fn, _sampler_args(ex, lo, hi, _rng(0)), {}, names)
        if (problem := _call_problem(out)) is not None:
            return _Finding(label, problem)
        x = out.value
        if not isinstance(x, np.ndarray) or x.shape != (_SAMPLES,):
            got = f"shape {x.shape}" if isinstance(x, np.ndarray) else _kind(x)
            return _Finding(label, f"returned {got}; expected an array of shape ({_SAMPLES},)")
        if x.dtype.kind not in "iuf" or not np.isfinite(x).all():
            return _Finding(label, "the samples are not all finite real numbers")
        if ex.name == "sample_beta":
            r, r_lo, r_hi = np.log10(np.clip(1 - x, 1e-300, None)), -3.0, -1.0
        else:
            r, r_lo, r_hi = np.log10(np.clip(x, 1e-300, None)), math.log10(lo), math.log10(hi)
        outside = (x < lo * (1 - 1e-12)) | (x > hi * (1 + 1e-12))
        if outside.any():
            wide = (r >= -4 - 1e-9).all() and (r <= 1e-9).all() and _ks_uniform((r + 4) / 4) < 0.02
            return _Finding(
                label,
                f"{int(outside.sum())} of the samples lie outside [{lo}, {hi}] "
                f"(e.g. {x[outside][0]:.6g})",
                ("minus_four" if ex.name == "sample_beta" else "fixed_range") if wide else None,
            )
        if _ks_uniform((r - r_lo) / (r_hi - r_lo)) > 0.02:
            linear = _ks_uniform((x - lo) / (hi - lo)) < 0.02
            decade = np.mean(r < r_lo + 1)
            return _Finding(
                label,
                f"the samples are not spread evenly on the log scale: a fraction "
                f"{decade:.4f} falls in the lowest decade, expected {1 / (r_hi - r_lo):.4f}",
                "linear" if linear else None,
            )
    again = (
        _call(fn, _sampler_args(ex, lo, hi, _rng(0)), {}, names),
        _call(fn, _sampler_args(ex, lo, hi, _rng(1)), {}, names),
    )
    values = [np.asarray(o.value) for o in again]
    if values[0].shape != out.value.shape or not np.array_equal(values[0], out.value):
        return _Finding(
            label,
            "two calls with np.random.default_rng(0) gave different samples: draw from "
            "rng, not np.random",
        )
    if np.array_equal(values[0], values[1]):
        return _Finding(label, "rng seeds 0 and 1 gave the same samples: draw from rng")
    return None


# --------------------------------------------------------------------------------------------
# ML strategy
# --------------------------------------------------------------------------------------------


def _ref_bias_variance(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    """Split the errors into (avoidable_bias, variance, data_mismatch) (notes 000, 002).

    avoidable bias = train − human (human-level error as the proxy for Bayes error),
    variance = train-dev − train, data mismatch = dev − train-dev. Return the three floats.
    """
    d = strategy.diagnose(human_error, train_error, dev_error, train_dev_error=train_dev_error)
    return (
        cast(float, d["avoidable_bias"]),
        cast(float, d["variance"]),
        cast(float, d["data_mismatch"]),
    )


def _mistake_bias_from_zero(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    return train_error, train_dev_error - train_error, dev_error - train_dev_error


def _mistake_variance_with_mismatch(
    human_error: float, train_error: float, train_dev_error: float, dev_error: float
) -> tuple[float, float, float]:
    return train_error - human_error, dev_error - train_error, dev_error - train_dev_error


def _cases_bias_variance() -> list[Case]:
    return [
        Case("human 1 %, train 5 %, train-dev 6 %, dev 12 %", (0.01, 0.05, 0.06, 0.12), {}),
        Case("human 7.5 %, train 8 %, train-dev 10 %, dev 10.5 %", (0.075, 0.08, 0.10, 0.105), {}),
    ]


def _ref_multitask_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Multi-task cost: a sigmoid per task, binary cross-entropy summed over the k tasks and
    averaged over the m examples; a NaN label (the notes' "?") is skipped.

    Z holds the logits (k, m), Y the labels (k, m) of 0, 1 or NaN. Finite for |z| up to 1e3.
    Return a float.
    """
    return float(strategy.multitask_cross_entropy(Z, Y))


def _mistake_multitask_softmax(Z: np.ndarray, Y: np.ndarray) -> float:
    known = ~np.isnan(Y)
    return float(
        -np.sum(np.where(known, np.nan_to_num(Y) * activations.log_softmax(Z, axis=0), 0.0))
        / Z.shape[1]
    )


def _mistake_multitask_mean_over_tasks(Z: np.ndarray, Y: np.ndarray) -> float:
    return _ref_multitask_cross_entropy(Z, Y) / Z.shape[0]


def _mistake_multitask_nan_not_skipped(Z: np.ndarray, Y: np.ndarray) -> float:
    if np.isnan(Y).any():
        return math.nan
    return _ref_multitask_cross_entropy(Z, Y)


def _cases_multitask() -> list[Case]:
    rng = _rng(121)
    Z = rng.standard_normal((4, 5)) * 2
    Y = (rng.random((4, 5)) < 0.5).astype(float)
    Y_missing = Y.copy()
    Y_missing[[0, 2, 3], [1, 4, 0]] = np.nan
    return [
        Case("k = 4 tasks, m = 5 examples", (Z, Y), {}),
        Case("three labels missing (NaN)", (Z, Y_missing), {}),
        Case(
            "|z| = 1e3",
            (
                np.array([[1000.0, -1000.0, 2.0], [-1000.0, 3.0, 1000.0]]),
                np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]),
            ),
            {},
        ),
    ]


# --------------------------------------------------------------------------------------------
# The exercises
# --------------------------------------------------------------------------------------------

_LINK_KL = "information-theory.md#kl-divergence"

_EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        name="entropy",
        chapter="information-theory",
        title="Entropy of a distribution",
        task="Write `entropy(p)`: the entropy H(p) = −Σ p(x) log p(x) of a discrete distribution "
        "p (a 1-D array), in nats (natural log). Outcomes with p(x) = 0 contribute nothing "
        "(0·log 0 = 0) and must not give a NaN or a warning.",
        hint="Take the logarithm only where p > 0 (`p[p > 0]`), or use an xlogy-style helper.",
        reference=_ref_entropy,
        against="dlnotes.information.entropy",
        cases=_cases_entropy,
        mistakes=(
            Mistake(
                "bits",
                "entropy in bits instead of nats",
                "You used log₂; the notes' entropy (and this exercise) is in nats: use the "
                "natural log np.log. Bits are nats divided by ln 2.",
                "conventions.md#erratum-information-theory-a",
                _mistake_entropy_bits,
            ),
            Mistake(
                "nan_at_zero",
                "0·log 0 computed as NaN",
                "p·log p at p = 0 is 0·(−inf) = NaN in NumPy (with a warning); by convention "
                "0·log 0 = 0. Skip the zeros or use an xlogy helper (never log(p + eps)).",
                NUMERICALLY_CAREFUL,
                _mistake_entropy_nan_at_zero,
            ),
            Mistake(
                "no_minus",
                "the minus sign left out",
                "H(p) = −Σ p log p is ≥ 0; Σ p log p is its negative.",
                "conventions.md#erratum-6",
                _mistake_entropy_no_minus,
            ),
        ),
    ),
    Exercise(
        name="kl_divergence",
        chapter="information-theory",
        title="KL divergence",
        task="Write `kl_divergence(p, q)`: D(p‖q) = Σ p(x) log(p(x)/q(x)) for two 1-D "
        "distributions, in nats. Terms with p(x) = 0 contribute 0; q(x) > 0 wherever p(x) > 0.",
        hint="Sum over the outcomes with p > 0 only; D(p‖q) is not symmetric, so mind the order.",
        reference=_ref_kl_divergence,
        against="dlnotes.information.kl_divergence",
        cases=_cases_kl,
        mistakes=(
            Mistake(
                "swapped",
                "the arguments of KL swapped",
                "You computed D(q‖p) = Σ q log(q/p). KL is asymmetric: the weights and the "
                "numerator are p's (the notes' D(A‖B) = 0.1438 but D(B‖A) = 0.1308).",
                _LINK_KL,
                _mistake_kl_swapped,
            ),
            Mistake(
                "bits",
                "KL in bits instead of nats",
                "You used log₂; use the natural log (the notes' 0.1438 is in nats).",
                "conventions.md#erratum-information-theory-a",
                _mistake_kl_bits,
            ),
            Mistake(
                "nan_at_zero",
                "0·log 0 computed as NaN",
                "Where p = 0, p·log(p/q) is 0·(−inf) = NaN in NumPy; the term is 0 by "
                "convention. Sum over p > 0 only.",
                NUMERICALLY_CAREFUL,
                _mistake_kl_nan_at_zero,
            ),
            Mistake(
                "cross_entropy",
                "cross-entropy instead of KL",
                "You computed H(p, q) = −Σ p log q; KL is H(p, q) − H(p) = Σ p log(p/q).",
                "conventions.md#erratum-6",
                _mistake_kl_cross_entropy,
            ),
        ),
    ),
    Exercise(
        name="binary_cross_entropy",
        chapter="risk-and-losses",
        title="Binary cross-entropy cost",
        task="Write `binary_cross_entropy(y_hat, y)`: the cost J = (1/m) Σ L(ŷ, y) of the "
        "logistic loss L = −[y log ŷ + (1 − y) log(1 − ŷ)] over the m examples (columns) of "
        "(1, m) arrays. A prediction exactly 0 or 1 that agrees with its label has loss 0.",
        hint="Both log terms carry the minus. Compute each term only where its weight (y or 1 − y) "
        "is non-zero, e.g. log(ŷ) where y = 1 and log(1 − ŷ) where y = 0.",
        reference=_ref_binary_cross_entropy,
        against="dlnotes.losses.binary_cross_entropy",
        cases=_cases_bce,
        mistakes=(
            Mistake(
                "sign",
                "the sign of the second log term",
                "L = −y log ŷ + (1 − y) log(1 − ŷ) (003 §2.7) has the wrong sign on the "
                "second term: both terms are negated, L = −[y log ŷ + (1 − y) log(1 − ŷ)].",
                "conventions.md#erratum-13",
                _mistake_bce_sign,
            ),
            Mistake(
                "sum",
                "the sum of the losses instead of their mean",
                "The cost is the mean of the losses, (1/m) Σ L: divide by m (np.mean).",
                "conventions.md#erratum-14-mean",
                _mistake_bce_sum,
            ),
            Mistake(
                "nan_at_certain",
                "0·log 0 computed as NaN",
                "Where ŷ = y = 1, (1 − y) log(1 − ŷ) is 0·log 0 = 0·(−inf) = NaN in NumPy; "
                "the term is 0. Take each log only where its weight is non-zero.",
                NUMERICALLY_CAREFUL,
                _mistake_bce_nan_at_certain,
            ),
        ),
    ),
    Exercise(
        name="softmax_cross_entropy",
        chapter="risk-and-losses",
        title="Softmax cross-entropy with log-sum-exp",
        task="Write `softmax_cross_entropy(Z, Y)`: the cost −(1/m) Σᵢ Σₖ Y_ki log softmax(Z)_ki "
        "for logits Z (C, m) and one-hot labels Y (C, m), classes along axis 0. It must stay "
        "finite for |z| = 1e3: compute log softmax as z − max − log Σ exp(z − max).",
        hint="log softmax(z) = z − logsumexp(z); logsumexp(z) = max + log Σ exp(z − max), "
        "over axis 0 with keepdims=True.",
        reference=_ref_softmax_cross_entropy,
        against="dlnotes.losses.softmax_cross_entropy",
        cases=_cases_sce,
        mistakes=(
            Mistake(
                "log_of_softmax",
                "the log taken of the softmax (no log-sum-exp)",
                "softmax(z) underflows to 0 for a class far below the maximum, and log 0 = "
                "−inf (0·−inf = NaN): compute log softmax directly, z − max − log Σ exp(z − max).",
                NUMERICALLY_CAREFUL,
                _mistake_sce_log_of_softmax,
            ),
            Mistake(
                "sum",
                "the sum over the examples instead of the mean",
                "The cost averages the m losses: divide by m.",
                "conventions.md#erratum-14-mean",
                _mistake_sce_sum,
            ),
            Mistake(
                "wrong_axis",
                "softmax over the examples (axis 1)",
                "The classes lie along axis 0 (examples are columns): normalize each column.",
                "conventions.md#the-outcome-axis-is-axis-0",
                _mistake_sce_wrong_axis,
            ),
        ),
    ),
    Exercise(
        name="logistic_propagate",
        chapter="neural-networks",
        title="Forward and backward pass of logistic regression",
        task="Write `logistic_propagate(w, b, X, Y)`: with A = σ(wᵀX + b), return the gradients "
        "dw = (1/m) X (A − Y)ᵀ and db = (1/m) Σ (A − Y) and the cost "
        "J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], as (dw, db, cost).",
        hint="dz = A − Y for every example at once; dw has the shape of w, (n_x, 1); db and the "
        "cost are numbers (float(...)).",
        reference=_ref_logistic_propagate,
        against="dlnotes.logistic.propagate",
        cases=_cases_propagate,
        outputs=("dw", "db", "cost"),
        mistakes=(
            Mistake(
                "no_one_over_m",
                "the 1/m left out",
                "J, dw and db are averages over the m examples: divide the sums by m "
                "(003 §2.13 drops the 1/m from J).",
                "conventions.md#erratum-14-mean",
                _mistake_propagate_no_one_over_m,
            ),
            Mistake(
                "sign",
                "dz = Y − A instead of A − Y",
                "dJ/dz = a − y; with y − a the gradients point uphill.",
                "neural-networks.md#logistic-regression-gradient",
                _mistake_propagate_sign,
            ),
            Mistake(
                "cost_sign",
                "the sign of the second log term of the cost",
                "J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)]: both terms are negated.",
                "conventions.md#erratum-13",
                _mistake_propagate_cost_sign,
            ),
        ),
    ),
    Exercise(
        name="linear_backward",
        chapter="neural-networks",
        title="Backward pass of a linear layer",
        task="Write `linear_backward(dZ, A_prev, W)`: for Z = W A_prev + b over m examples, "
        "return (dA_prev, dW, db) with dW = (1/m) dZ A_prevᵀ, db = (1/m) Σ dZ over the examples "
        "(shape (n[l], 1)) and dA_prev = Wᵀ dZ.",
        hint="The 1/m belongs to dW and db only: dA_prev passes the gradient of each example back "
        "unchanged. Use keepdims=True for db.",
        reference=_ref_linear_backward,
        against="dlnotes.layers.linear_backward",
        cases=_cases_linear_backward,
        outputs=("dA_prev", "dW", "db"),
        mistakes=(
            Mistake(
                "no_one_over_m",
                "the 1/m left out of dW and db",
                "The cost is a mean over the m examples, so dW and db carry 1/m.",
                "neural-networks.md#forward-and-backward",
                _mistake_linear_backward_no_one_over_m,
            ),
            Mistake(
                "dA_prev_over_m",
                "dA_prev divided by m",
                "dA_prev is per example (one column each): Wᵀ dZ with no 1/m; only the "
                "parameter gradients average over the examples.",
                "neural-networks.md#forward-and-backward",
                _mistake_linear_backward_dA_over_m,
            ),
        ),
    ),
    Exercise(
        name="softmax",
        chapter="activations",
        title="A softmax that does not overflow",
        task="Write `softmax(z)`: exp(z_i) / Σ_j exp(z_j) along axis 0 (each column of a 2-D z is "
        "one vector of scores; a 1-D z is one vector). It must work for |z| = 1e3, where exp "
        "overflows: subtract the maximum of each column first.",
        hint="z − z.max(axis=0, keepdims=True) leaves softmax unchanged and makes every "
        "exponent ≤ 0.",
        reference=_ref_softmax,
        against="dlnotes.activations.softmax",
        cases=_cases_softmax,
        mistakes=(
            Mistake(
                "no_max_shift",
                "no max-shift before exp",
                "exp(1000) = inf and inf/inf = NaN: subtract the column's maximum before "
                "exponentiating (softmax is unchanged by a shift).",
                NUMERICALLY_CAREFUL,
                _mistake_softmax_no_max_shift,
            ),
            Mistake(
                "wrong_axis",
                "normalized over the examples (the last axis)",
                "Classes lie along axis 0: sum over axis 0 with keepdims=True, so each column "
                "sums to 1.",
                "conventions.md#the-outcome-axis-is-axis-0",
                _mistake_softmax_wrong_axis,
            ),
            Mistake(
                "whole_array",
                "normalized over the whole array",
                "np.sum without an axis adds up every column; softmax normalizes each column "
                "(axis 0) separately.",
                "conventions.md#the-outcome-axis-is-axis-0",
                _mistake_softmax_whole_array,
            ),
        ),
    ),
    Exercise(
        name="sigmoid",
        chapter="activations",
        title="A sigmoid without overflow warnings",
        task="Write `sigmoid(z)`: σ(z) = 1/(1 + e^(−z)) elementwise, with no NumPy warning for "
        "|z| = 1e3 (e^(−z) overflows for z = −1000).",
        hint="Use e^z/(1 + e^z) where z < 0 and 1/(1 + e^(−z)) where z ≥ 0, each computed only on "
        "its own entries (np.where evaluates both branches everywhere), or 0.5·(1 + tanh(z/2)).",
        reference=_ref_sigmoid,
        against="dlnotes.activations.sigmoid",
        cases=_cases_sigmoid,
        mistakes=(
            Mistake(
                "overflow",
                "1/(1 + e^(−z)) overflows for z ≪ 0",
                "The values come out right (1/(1 + inf) = 0) but e^1000 overflows and NumPy "
                "warns; valid input must give no warning. Never compute e^(−z) for z < 0.",
                "activations.md#sigmoid",
                _mistake_sigmoid_overflow,
            ),
            Mistake(
                "exp_ratio",
                "e^z/(1 + e^z) for every z",
                "For z = 1000, e^z = inf and inf/inf = NaN: use this form only for z < 0.",
                NUMERICALLY_CAREFUL,
                _mistake_sigmoid_exp_ratio,
            ),
            Mistake(
                "sign",
                "1/(1 + e^z): the sign of the exponent",
                "σ(z) = 1/(1 + e^(−z)) rises from 0 to 1; you computed σ(−z) = 1 − σ(z).",
                "activations.md#sigmoid",
                _mistake_sigmoid_sign,
            ),
        ),
    ),
    Exercise(
        name="tanh_grad",
        chapter="activations",
        title="The derivative of tanh",
        task="Write `tanh_grad(z)`: the derivative g'(z) = 1 − (tanh z)² at z, elementwise "
        "(the notes write 1 − a² with a = tanh z).",
        hint="Compute a = np.tanh(z) first; the notes' a is the activation, not z.",
        reference=_ref_tanh_grad,
        against="dlnotes.activations.tanh_grad",
        cases=_cases_tanh_grad,
        mistakes=(
            Mistake(
                "no_square",
                "1 − tanh z (the square left out)",
                "g'(z) = 1 − tanh²(z): square the activation.",
                "activations.md#derivatives",
                _mistake_tanh_grad_no_square,
            ),
            Mistake(
                "z_for_a",
                "1 − z² (z in place of a = tanh z)",
                "The notes' 1 − a² uses the activation a = tanh z, not the input z.",
                "activations.md#derivatives",
                _mistake_tanh_grad_z_for_a,
            ),
        ),
    ),
    Exercise(
        name="initialize_he",
        chapter="initialization",
        title="He initialization",
        task="Write `initialize_he(layer_dims, rng)`: for each layer l = 1 … L, "
        "W[l] = randn(n[l], n[l−1])·√(2/n[l−1]) and b[l] = zeros((n[l], 1)), returned as a dict "
        '{"W1": …, "b1": …}. Draw from rng.',
        hint="rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev); W[l] has n[l] rows.",
        reference=_ref_initialize_he,
        against='dlnotes.initializers.initialize_parameters(method="he")',
        judge=_judge_init,
        mistakes=(
            Mistake(
                "transposed",
                "W[l] transposed, (n[l−1], n[l])",
                "W[l] is (n[l], n[l−1]) so that Z = W A_prev works; 000 §1.11 writes the "
                "shape transposed.",
                "conventions.md#erratum-1",
                _mistake_init_transposed,
            ),
            Mistake(
                "no_sqrt",
                "2/n[l−1] without the square root",
                "√(2/n[l−1]) is the standard deviation; 2/n[l−1] is the variance (000 §1.11 "
                "drops the root).",
                "conventions.md#erratum-1",
                _mistake_he_no_sqrt,
            ),
            Mistake(
                "uniform",
                "drawn with rand (uniform on [0, 1)) instead of randn",
                "He and Xavier scale standard normal draws (randn, rng.standard_normal); "
                "rand gives only positive weights.",
                "conventions.md#erratum-9",
                _mistake_init_uniform,
            ),
            Mistake(
                "fan_out",
                "√(2/n[l]) instead of √(2/n[l−1])",
                "The factor uses the number of inputs of the layer, n[l−1].",
                "initialization.md#he-initialization",
                _mistake_he_fan_out,
            ),
            Mistake(
                "xavier_factor",
                "√(1/n[l−1]): Xavier's factor, not He's",
                "He initialization (for ReLU) has a 2: √(2/n[l−1]).",
                "initialization.md#he-initialization",
                _mistake_he_xavier_factor,
            ),
        ),
    ),
    Exercise(
        name="initialize_xavier",
        chapter="initialization",
        title="Xavier initialization (the notes' form)",
        task="Write `initialize_xavier(layer_dims, rng)`: W[l] = randn(n[l], n[l−1])·√(1/n[l−1]) "
        '(notes 004\'s "Xavier") and b[l] = zeros((n[l], 1)), as a dict {"W1": …, "b1": …}.',
        hint="rng.standard_normal((n, n_prev)) * np.sqrt(1 / n_prev).",
        reference=_ref_initialize_xavier,
        against='dlnotes.initializers.initialize_parameters(method="xavier")',
        judge=_judge_init,
        mistakes=(
            Mistake(
                "transposed",
                "W[l] transposed, (n[l−1], n[l])",
                "W[l] is (n[l], n[l−1]).",
                "conventions.md#erratum-1",
                _mistake_init_transposed,
            ),
            Mistake(
                "no_sqrt",
                "1/n[l−1] without the square root",
                "√(1/n[l−1]) is the standard deviation; 1/n[l−1] is the variance.",
                "conventions.md#erratum-1",
                _mistake_xavier_no_sqrt,
            ),
            Mistake(
                "glorot",
                "Glorot's √(2/(n[l−1] + n[l]))",
                "That is Glorot and Bengio's Xavier; the notes' (004) is √(1/n[l−1]).",
                "conventions.md#erratum-15",
                _mistake_xavier_glorot,
            ),
            Mistake(
                "he_factor",
                "√(2/n[l−1]): He's factor",
                "Xavier has 1 where He has 2.",
                "initialization.md#xavier-initialization",
                _mistake_xavier_he_factor,
            ),
            Mistake(
                "uniform",
                "drawn with rand (uniform on [0, 1)) instead of randn",
                "Scale standard normal draws (rng.standard_normal).",
                "conventions.md#erratum-9",
                _mistake_init_uniform,
            ),
        ),
    ),
    Exercise(
        name="momentum_step",
        chapter="optimizers",
        title="One step of momentum (EWA form)",
        task="Write `momentum_step(theta, g, v, lr, beta=0.9)`: the notes' momentum "
        "v = βv + (1 − β)g (an exponentially weighted average of the gradients), then "
        "θ = θ − lr·v. Return the new (theta, v).",
        hint="Update v first, then use the new v in the step; write new arrays (no +=).",
        reference=_ref_momentum_step,
        against="dlnotes.optimizers.Momentum",
        cases=_cases_momentum,
        outputs=("theta", "v"),
        mistakes=(
            Mistake(
                "sum_form",
                "momentum in the v = βv + g form",
                "That is the other form of the notes (001, 6-22/23), v' = βv' + g: it is the "
                "same method with a rescaled learning rate (v' = v/(1 − β), so lr·v' = "
                "(lr/(1 − β))·v): with lr·(1 − β) your form takes the same steps. This "
                "exercise asks for the EWA form v = βv + (1 − β)g.",
                "conventions.md#erratum-8",
                _mistake_momentum_sum_form,
            ),
            Mistake(
                "old_v",
                "θ updated with the old v",
                "Compute the new v first and step with it: θ = θ − lr·v_new.",
                "optimizers.md#momentum",
                _mistake_momentum_old_v,
            ),
            Mistake(
                "beta_swapped",
                "β and 1 − β swapped",
                "v = βv + (1 − β)g keeps most (β) of the old average.",
                "optimizers.md#exponentially-weighted-averages",
                _mistake_momentum_beta_swapped,
            ),
        ),
    ),
    Exercise(
        name="rmsprop_step",
        chapter="optimizers",
        title="One step of RMSprop (the notes' ε placement)",
        task="Write `rmsprop_step(theta, g, s, lr, beta=0.9, eps=1e-8)`: s = βs + (1 − β)g², "
        "then θ = θ − lr·g/√(s + ε), with ε inside the square root as in notes 000 §2.7. Return "
        "the new (theta, s).",
        hint="g**2 is elementwise; ε keeps the division finite when s = 0.",
        reference=_ref_rmsprop_step,
        against="dlnotes.optimizers.RMSprop",
        cases=_cases_rmsprop,
        outputs=("theta", "s"),
        mistakes=(
            Mistake(
                "eps_outside",
                "ε outside the square root",
                "√s + ε is Adam's (and PyTorch's) placement; the notes' RMSprop, asked for "
                "here, divides by √(s + ε). The two differ when s is below ε.",
                "conventions.md#erratum-16",
                _mistake_rmsprop_eps_outside,
            ),
            Mistake(
                "no_eps",
                "ε left out",
                "Without ε a zero gradient with s = 0 gives 0/0 = NaN (002 leaves ε out).",
                "conventions.md#erratum-10",
                _mistake_rmsprop_no_eps,
            ),
            Mistake(
                "no_square",
                "|g| averaged instead of g²",
                "RMSprop averages the squared gradients, g² (elementwise).",
                "optimizers.md#rmsprop",
                _mistake_rmsprop_no_square,
            ),
        ),
    ),
    Exercise(
        name="adam_step",
        chapter="optimizers",
        title="One step of Adam",
        task="Write `adam_step(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)`: "
        "m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², the bias-corrected m̂ = m/(1 − β₁ᵗ) and "
        "v̂ = v/(1 − β₂ᵗ), then θ = θ − lr·m̂/(√v̂ + ε). t ≥ 1 is the number of this step. "
        "Return the new (theta, m, v).",
        hint="Each moment is corrected with its own β and the step count t; ε goes outside the "
        "square root in Adam.",
        reference=_ref_adam_step,
        against="dlnotes.optimizers.Adam",
        cases=_cases_adam,
        outputs=("theta", "m", "v"),
        mistakes=(
            Mistake(
                "no_eps",
                "ε left out of Adam",
                "Without ε a zero gradient gives 0/0 = NaN and tiny gradients give steps of "
                "lr (002 leaves ε out): divide by √v̂ + ε.",
                "conventions.md#erratum-10",
                _mistake_adam_no_eps,
            ),
            Mistake(
                "beta1_for_v",
                "the second moment bias-corrected with β₁",
                "v̂ = v/(1 − β₂ᵗ): each moment with its own β (004 writes β₁ for both).",
                "conventions.md#erratum-11",
                _mistake_adam_beta1_for_v,
            ),
            Mistake(
                "eps_inside",
                "ε inside the square root",
                "√(v̂ + ε) is the notes' RMSprop placement; Adam divides by √v̂ + ε. They differ "
                "when v̂ is below ε, i.e. for tiny gradients.",
                "conventions.md#erratum-16",
                _mistake_adam_eps_inside,
            ),
            Mistake(
                "no_bias_correction",
                "Adam without bias correction",
                "m and v start at 0, so early on they are too small: divide by 1 − β₁ᵗ and "
                "1 − β₂ᵗ (at t = 1 that is a factor 10 and 1000).",
                "optimizers.md#bias-correction",
                _mistake_adam_no_bias_correction,
            ),
        ),
    ),
    Exercise(
        name="exponentially_weighted_average",
        chapter="optimizers",
        title="Exponentially weighted averages with bias correction",
        task="Write `exponentially_weighted_average(values, beta, bias_correction=False)`: "
        "v_t = βv_{t−1} + (1 − β)θ_t from v_0 = 0 for each value θ_t, returning v_1 … v_T; with "
        "bias_correction, v_t/(1 − βᵗ) instead.",
        hint="A loop over t is fine; t counts from 1, so the first correction is 1 − β.",
        reference=_ref_exponentially_weighted_average,
        against="dlnotes.optimizers.exponentially_weighted_average",
        cases=_cases_ewa,
        mistakes=(
            Mistake(
                "starts_at_first",
                "started at v_1 = θ_1",
                "The notes start from v_0 = 0, so v_1 = (1 − β)θ_1 (the start-up bias that "
                "bias correction removes). Starting at θ_1 is PyTorch's choice for momentum.",
                "conventions.md#erratum-17",
                _mistake_ewa_starts_at_first,
            ),
            Mistake(
                "weights_swapped",
                "β and 1 − β swapped",
                "v_t = βv_{t−1} + (1 − β)θ_t: β weighs the old average.",
                "optimizers.md#exponentially-weighted-averages",
                _mistake_ewa_weights_swapped,
            ),
        ),
    ),
    Exercise(
        name="inverse_time_decay",
        chapter="schedules",
        title="1/(1 + decay·epoch) decay",
        task="Write `inverse_time_decay(lr0, epoch, decay_rate)`: the learning rate "
        "lr0/(1 + decay_rate·epoch) of epoch number `epoch` (counting from 0).",
        hint="Parenthesize the denominator.",
        reference=_ref_inverse_time_decay,
        against="dlnotes.schedules.inverse_time_decay",
        cases=_cases_inverse_time,
        mistakes=(
            Mistake(
                "precedence",
                "lr0/1 + decay_rate·epoch (missing parentheses)",
                "Division binds tighter than +: write lr0 / (1 + decay_rate * epoch).",
                "schedules.md#inverse-time-decay",
                _mistake_inverse_precedence,
            ),
            Mistake(
                "times",
                "multiplied by (1 + decay_rate·epoch)",
                "The rate must fall with the epoch: divide by 1 + decay_rate·epoch.",
                "schedules.md#inverse-time-decay",
                _mistake_inverse_times,
            ),
        ),
    ),
    Exercise(
        name="step_decay",
        chapter="schedules",
        title="Staircase decay",
        task="Write `step_decay(lr0, epoch, drop, every)`: lr0·drop^⌊epoch/every⌋, the rate "
        "multiplied by `drop` once every `every` epochs (epochs count from 0).",
        hint="Integer division: epoch // every.",
        reference=_ref_step_decay,
        against="dlnotes.schedules.step_decay",
        cases=_cases_step_decay,
        mistakes=(
            Mistake(
                "no_floor",
                "drop^(epoch/every) without the floor",
                "A staircase stays flat between drops: the exponent is ⌊epoch/every⌋.",
                "schedules.md#step-decay",
                _mistake_step_no_floor,
            ),
            Mistake(
                "drop_at_zero",
                "the first drop at epoch 0",
                "Epoch 0 trains at lr0: the exponent is ⌊epoch/every⌋, not ⌊epoch/every⌋ + 1.",
                "schedules.md#step-decay",
                _mistake_step_drop_at_zero,
            ),
        ),
    ),
    Exercise(
        name="cosine_annealing",
        chapter="schedules",
        title="Cosine annealing",
        task="Write `cosine_annealing(lr0, step, total, lr_min=0.0)`: "
        "lr_min + (lr0 − lr_min)·(1 + cos(π·step/total))/2, from lr0 at step 0 down to lr_min "
        "at step = total.",
        hint="math.cos(math.pi * step / total) runs from 1 to −1.",
        reference=_ref_cosine_annealing,
        against="dlnotes.schedules.cosine_annealing",
        cases=_cases_cosine,
        mistakes=(
            Mistake(
                "no_half",
                "the factor 1/2 left out",
                "(1 + cos) runs from 2 to 0: halve it so the schedule starts at lr0.",
                "schedules.md#cosine-annealing",
                _mistake_cosine_no_half,
            ),
            Mistake(
                "no_pi",
                "cos(step/total) without π",
                "The angle runs from 0 to π: cos(π·step/total).",
                "schedules.md#cosine-annealing",
                _mistake_cosine_no_pi,
            ),
            Mistake(
                "lr_min_ignored",
                "lr_min ignored",
                "The schedule ends at lr_min: lr_min + (lr0 − lr_min)·(1 + cos)/2.",
                "schedules.md#cosine-annealing",
                _mistake_cosine_lr_min_ignored,
            ),
        ),
    ),
    Exercise(
        name="dropout_forward",
        chapter="regularization",
        title="Inverted dropout",
        task="Write `dropout_forward(A, keep_prob, rng)`: draw a mask that keeps each unit with "
        "probability keep_prob (mask = rng.random(A.shape) < keep_prob), then "
        "A_out = A·mask/keep_prob (inverted dropout). Return (A_out, mask).",
        hint="Dividing by keep_prob keeps the expected activation unchanged; `<` keeps, so the "
        "fraction kept is keep_prob.",
        reference=_ref_dropout_forward,
        against="dlnotes.regularization.dropout_forward",
        judge=_judge_dropout,
        mistakes=(
            Mistake(
                "not_inverted",
                "dropout not inverted (no division by keep_prob)",
                "Without /keep_prob the expected activation shrinks to keep_prob·A and the "
                "test-time network (no dropout) sees larger activations.",
                "regularization.md#inverted-dropout",
                _mistake_dropout_not_inverted,
            ),
            Mistake(
                "swapped",
                "keep and drop swapped",
                "rng.random(...) < keep_prob keeps a fraction keep_prob; with > you keep "
                "1 − keep_prob.",
                "regularization.md#inverted-dropout",
                _mistake_dropout_swapped,
            ),
            Mistake(
                "times_keep_prob",
                "multiplied by keep_prob instead of divided",
                "Inverted dropout divides by keep_prob (002's `a3 \\= keep_prob` means /=).",
                "regularization.md#inverted-dropout",
                _mistake_dropout_times_keep_prob,
            ),
        ),
    ),
    Exercise(
        name="normalize_inputs",
        chapter="regularization",
        title="Normalizing the inputs with the training statistics",
        task="Write `normalize_inputs(X_train, X_test)`: per feature (row), μ and σ (the 1/m "
        "standard deviation) over the training examples; return ((X_train − μ)/σ, "
        "(X_test − μ)/σ). The test set uses the training set's μ and σ.",
        hint="X_train.mean(axis=1, keepdims=True) and X_train.std(axis=1, keepdims=True): "
        "examples are columns.",
        reference=_ref_normalize_inputs,
        against="dlnotes.regularization.fit_normalizer + normalize",
        cases=_cases_normalize,
        outputs=("X_train_n", "X_test_n"),
        mistakes=(
            Mistake(
                "variance",
                "divided by σ² instead of σ",
                "Divide by the standard deviation σ, which gives unit variance; dividing by "
                "σ² (000 §1.9 and §3.4) does not.",
                "conventions.md#erratum-2",
                _mistake_normalize_variance,
            ),
            Mistake(
                "test_own_statistics",
                "the test set normalized with its own statistics",
                "Fit μ and σ on the training set and reuse them for the test set, so both go "
                "through the same transformation.",
                "regularization.md#input-normalization",
                _mistake_normalize_test_own,
            ),
            Mistake(
                "ddof",
                "σ with 1/(m − 1)",
                "σ here is the 1/m standard deviation (np.std's default, ddof=0).",
                "regularization.md#input-normalization",
                _mistake_normalize_ddof,
            ),
        ),
    ),
    Exercise(
        name="l2_penalty",
        chapter="regularization",
        title="The L2 term of the cost",
        task="Write `l2_penalty(params, lambd, m)`: (λ/(2m))·Σ_l ‖W[l]‖²_F over the weight "
        'matrices "W1", "W2", … of params (not the biases).',
        hint='Loop over the keys that start with "W"; ‖W‖²_F = np.sum(W**2).',
        reference=_ref_l2_penalty,
        against="dlnotes.regularization.l2_penalty",
        cases=_cases_l2,
        mistakes=(
            Mistake(
                "biases",
                "the biases penalized too",
                "The notes penalize only W[l]; the biases are few and left out.",
                "regularization.md#l2-network",
                _mistake_l2_biases,
            ),
            Mistake(
                "no_half",
                "λ/m instead of λ/(2m)",
                "The 1/2 makes the gradient (λ/m)·W.",
                "regularization.md#l2-network",
                _mistake_l2_no_half,
            ),
            Mistake(
                "no_lambda",
                "λ left out",
                "The term is (λ/(2m))·Σ‖W‖²_F (004 l. 188 describes it without λ).",
                "regularization.md#l2-network",
                _mistake_l2_no_lambda,
            ),
        ),
    ),
    Exercise(
        name="batchnorm_forward",
        chapter="batch-norm",
        title="Batch norm, training mode",
        task="Write `batchnorm_forward(Z, gamma, beta, eps=1e-5)`: per unit (row of Z) over the m "
        "examples, μ = mean, σ² = (1/m) Σ (z − μ)², Z_norm = (Z − μ)/√(σ² + ε), and return "
        "Z̃ = γ·Z_norm + β.",
        hint="axis=1 with keepdims=True; np.var is the 1/m variance; ε goes under the root.",
        reference=_ref_batchnorm_forward,
        against="dlnotes.batchnorm.batchnorm_forward",
        cases=_cases_bn_forward,
        mistakes=(
            Mistake(
                "unbiased",
                "variance with 1/(m − 1)",
                "Batch norm normalizes with the batch's 1/m variance (ddof=0).",
                "batch-norm.md#normalizing-z",
                _mistake_bn_unbiased,
            ),
            Mistake(
                "wrong_axis",
                "normalized over the wrong axis (the units of each example)",
                "Each unit (row) is normalized over the examples of the mini-batch: axis=1.",
                "conventions.md#shapes-examples-are-columns",
                _mistake_bn_wrong_axis,
            ),
            Mistake(
                "eps_outside",
                "ε outside the square root",
                "Divide by √(σ² + ε); σ + ε differs when σ² is comparable to ε.",
                "batch-norm.md#normalizing-z",
                _mistake_bn_eps_outside,
            ),
        ),
    ),
    Exercise(
        name="batchnorm_inference",
        chapter="batch-norm",
        title="Batch norm at test time",
        task="Write `batchnorm_inference(Z, gamma, beta, running_mean, running_var, eps=1e-5)`: "
        "normalize with the running averages, (Z − running_mean)/√(running_var + ε), then scale "
        "by γ and shift by β. Z may hold a single example.",
        hint="At test time the mini-batch's own statistics are not used (one example has "
        "variance 0).",
        reference=_ref_batchnorm_inference,
        against="dlnotes.batchnorm.batchnorm_inference",
        cases=_cases_bn_inference,
        mistakes=(
            Mistake(
                "batch_statistics",
                "the test batch's own mean and variance",
                "At test time normalize with the running averages kept during training.",
                "batch-norm.md#test-time",
                _mistake_bn_inference_batch_stats,
            ),
            Mistake(
                "no_sqrt",
                "divided by the variance, not its square root",
                "Divide by √(running_var + ε) (the same σ/σ² slip as erratum 2).",
                "conventions.md#erratum-2",
                _mistake_bn_inference_no_sqrt,
            ),
        ),
    ),
    Exercise(
        name="update_running_stats",
        chapter="batch-norm",
        title="Running averages for test time",
        task="Write `update_running_stats(running_mean, running_var, Z, beta=0.9)`: with μ and "
        "σ² (1/m) of each row of the mini-batch Z, return running_mean = β·running_mean + "
        "(1 − β)·μ and running_var = β·running_var + (1 − β)·σ².",
        hint="An exponentially weighted average of the batch statistics; β weighs the old value.",
        reference=_ref_update_running_stats,
        against="dlnotes.batchnorm.update_running_stats",
        cases=_cases_running,
        outputs=("running_mean", "running_var"),
        mistakes=(
            Mistake(
                "momentum_swapped",
                "β on the batch statistic (PyTorch's momentum)",
                "PyTorch's momentum = 0.1 is 1 − β: the old value keeps the weight β = 0.9.",
                "conventions.md#erratum-18",
                _mistake_running_momentum_swapped,
            ),
            Mistake(
                "unbiased",
                "the unbiased (1/(m − 1)) variance in the running average",
                "That is PyTorch's running variance; the notes (and this exercise) average "
                "the batch's 1/m variance.",
                "conventions.md#erratum-18",
                _mistake_running_unbiased,
            ),
        ),
    ),
    Exercise(
        name="numerical_gradient",
        chapter="gradient-checking",
        title="Two-sided numerical gradient",
        task="Write `numerical_gradient(f, x, eps=1e-7)`: for each component i, "
        "(f(x + ε e_i) − f(x − ε e_i))/(2ε), where e_i is 1 at i and 0 elsewhere; x may have any "
        "shape. Do not modify x.",
        hint="Loop with np.ndindex(x.shape); perturb copies: plus = x.copy(); plus[i] += eps.",
        reference=_ref_numerical_gradient,
        against="dlnotes.gradcheck.numerical_gradient",
        cases=_cases_ngrad,
        rtol=1e-5,
        atol=1e-7,
        mistakes=(
            Mistake(
                "plus_is_minus",
                "θ⁺ = θ − ε",
                "004's 1-D code (l. 321) has θ⁺ = θ − ε, so both points are the same and the "
                "difference is 0: θ⁺ = θ + ε.",
                "conventions.md#erratum-12",
                _mistake_ngrad_plus_is_minus,
            ),
            Mistake(
                "eps_not_2eps",
                "the two-sided difference divided by ε instead of 2ε",
                "The two points are 2ε apart: divide by 2ε.",
                "conventions.md#erratum-12",
                _mistake_ngrad_eps_not_2eps,
            ),
            Mistake(
                "one_sided",
                "a one-sided difference",
                "(f(x + ε) − f(x))/ε has error O(ε) (3.0301 for θ³ at 1 with ε = 0.01); the "
                "two-sided difference has error O(ε²) (3.0001).",
                "gradient-checking.md#numerical-approximation",
                _mistake_ngrad_one_sided,
            ),
        ),
    ),
    Exercise(
        name="relative_difference",
        chapter="gradient-checking",
        title="The relative difference of two gradients",
        task="Write `relative_difference(a, b)`: ‖a − b‖₂/(‖a‖₂ + ‖b‖₂), and 0 when a and b are "
        "both 0 (no NaN, no warning).",
        hint="np.linalg.norm of the flattened arrays; test the denominator for 0 first.",
        reference=_ref_relative_difference,
        against="dlnotes.gradcheck.relative_difference",
        cases=_cases_reldiff,
        mistakes=(
            Mistake(
                "absolute",
                "‖a − b‖ without the denominator",
                "The thresholds 1e-7 / 1e-5 / 1e-3 apply to the relative difference: divide by "
                "‖a‖ + ‖b‖.",
                "gradient-checking.md#relative-difference",
                _mistake_reldiff_absolute,
            ),
            Mistake(
                "norm_of_sum",
                "‖a − b‖/‖a + b‖",
                "The denominator is ‖a‖ + ‖b‖, the sum of the norms (it never vanishes unless "
                "both are 0).",
                "gradient-checking.md#relative-difference",
                _mistake_reldiff_norm_of_sum,
            ),
            Mistake(
                "nan_at_zero",
                "0/0 computed as NaN",
                "Two zero gradients agree: return 0 when ‖a‖ + ‖b‖ = 0.",
                NUMERICALLY_CAREFUL,
                _mistake_reldiff_nan_at_zero,
            ),
        ),
    ),
    Exercise(
        name="sample_log_uniform",
        chapter="hyperparameters",
        title="Sampling a learning rate on a log scale",
        task="Write `sample_log_uniform(low, high, rng, size)`: `size` samples in [low, high] "
        "with r uniform on [log₁₀ low, log₁₀ high] and α = 10^r, so each decade is drawn "
        "equally often.",
        hint="rng.uniform(np.log10(low), np.log10(high), size), then 10 ** r.",
        reference=_ref_sample_log_uniform,
        against="dlnotes.tuning.sample_log_uniform",
        judge=_judge_sampler,
        mistakes=(
            Mistake(
                "linear",
                "uniform on [low, high] (a linear scale)",
                "On [1e-4, 1] a linear draw puts 90 % of the samples in [0.1, 1]; draw the "
                "exponent r uniformly instead.",
                "hyperparameters.md#log-scale",
                _mistake_log_uniform_linear,
            ),
            Mistake(
                "fixed_range",
                "r = −4·rand() whatever low and high",
                "The notes' code spans 1e-4 … 1 only; use r ~ U[log₁₀ low, log₁₀ high].",
                "conventions.md#erratum-5",
                _mistake_log_uniform_fixed_range,
            ),
        ),
    ),
    Exercise(
        name="sample_beta",
        chapter="hyperparameters",
        title="Sampling the averaging β",
        task="Write `sample_beta(rng, size)`: `size` values of β in [0.9, 0.999] with 1 − β on a "
        "log scale: r uniform on [−3, −1], β = 1 − 10^r.",
        hint="β near 1 is sensitive (0.999 → 0.9995 halves the 1/(1 − β) window): sample 1 − β.",
        reference=_ref_sample_beta,
        against="dlnotes.tuning.sample_beta",
        judge=_judge_sampler,
        mistakes=(
            Mistake(
                "linear",
                "β uniform on [0.9, 0.999]",
                "A linear draw spends 90 % of the samples on β < 0.99; sample 1 − β on a log "
                "scale.",
                "hyperparameters.md#sampling-beta",
                _mistake_beta_linear,
            ),
            Mistake(
                "minus_four",
                "r = −4·rand() instead of r in [−3, −1]",
                "The notes' code (r = −4·rand) does not match the range (−3, −1) they "
                "describe: β then ranges over [0, 0.9999].",
                "conventions.md#erratum-5",
                _mistake_beta_minus_four,
            ),
        ),
    ),
    Exercise(
        name="bias_variance",
        chapter="ml-strategy",
        title="Avoidable bias, variance and data mismatch",
        task="Write `bias_variance(human_error, train_error, train_dev_error, dev_error)`: return "
        "(avoidable_bias, variance, data_mismatch) = (train − human, train-dev − train, "
        "dev − train-dev).",
        hint="Human-level error stands in for Bayes error; the training-dev set separates "
        "variance from data mismatch.",
        reference=_ref_bias_variance,
        against="dlnotes.strategy.diagnose",
        cases=_cases_bias_variance,
        outputs=("avoidable_bias", "variance", "data_mismatch"),
        mistakes=(
            Mistake(
                "bias_from_zero",
                "bias measured from 0 instead of human-level error",
                "Avoidable bias is train − human: the part of the training error that can be "
                "removed.",
                "ml-strategy.md#avoidable-bias",
                _mistake_bias_from_zero,
            ),
            Mistake(
                "variance_with_mismatch",
                "variance as dev − train",
                "With a training-dev set, dev − train mixes variance and data mismatch; the "
                "variance is train-dev − train.",
                "ml-strategy.md#data-mismatch",
                _mistake_variance_with_mismatch,
            ),
        ),
    ),
    Exercise(
        name="multitask_cross_entropy",
        chapter="ml-strategy",
        title="The multi-task loss",
        task="Write `multitask_cross_entropy(Z, Y)`: a sigmoid per task (row) and its binary "
        "cross-entropy, summed over the k tasks and averaged over the m examples; a NaN label "
        '(the notes\' "?") adds nothing. It must stay finite for |z| = 1e3.',
        hint="−log σ(z) = logaddexp(0, −z) and −log(1 − σ(z)) = logaddexp(0, z); mask the NaN "
        "labels with np.isnan.",
        reference=_ref_multitask_cross_entropy,
        against="dlnotes.strategy.multitask_cross_entropy",
        cases=_cases_multitask,
        mistakes=(
            Mistake(
                "softmax",
                "a softmax across the tasks",
                "The tasks are not exclusive (one image can hold a car and a stop sign): one "
                "sigmoid per task, not a softmax over them.",
                "ml-strategy.md#multi-task-learning",
                _mistake_multitask_softmax,
            ),
            Mistake(
                "mean_over_tasks",
                "averaged over the tasks too",
                "The notes sum the k task losses and average over the m examples only.",
                "ml-strategy.md#multi-task-learning",
                _mistake_multitask_mean_over_tasks,
            ),
            Mistake(
                "nan_not_skipped",
                "missing labels not skipped",
                "A NaN label makes the whole sum NaN: leave those entries out (np.isnan).",
                "ml-strategy.md#multi-task-learning",
                _mistake_multitask_nan_not_skipped,
            ),
        ),
    ),
)

_BY_NAME = {ex.name: ex for ex in _EXERCISES}


# --------------------------------------------------------------------------------------------
# Running the learner's function
# --------------------------------------------------------------------------------------------


def _call(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], names: Sequence[str]
) -> _Outcome:
    """Call fn on copies of the arguments; catch exceptions and warnings; see what it modified."""
    given_args, given_kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
    value, error = None, None
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        try:
            value = fn(*given_args, **given_kwargs)
        except Exception as exc:  # the learner's error becomes the verdict
            error = exc
    warned = tuple(f"{w.category.__name__}: {w.message}" for w in caught)
    modified = tuple(
        name
        for name, before, after in zip(
            [*names[: len(args)], *kwargs],
            [*args, *kwargs.values()],
            [*given_args, *given_kwargs.values()],
            strict=False,
        )
        if not _unchanged(before, after)
    )
    return _Outcome(value, error, warned, modified)


def _unchanged(before: Any, after: Any) -> bool:
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        )
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_unchanged(before[k], after[k]) for k in before)
        )
    if isinstance(before, list | tuple):
        return (
            isinstance(after, list | tuple)
            and len(before) == len(after)
            and all(_unchanged(b, a) for b, a in zip(before, after, strict=True))
        )
    return True


def _call_problem(out: _Outcome) -> str | None:
    """What went wrong in the call itself: an exception, a modified argument, a warning."""
    if out.error is not None:
        if isinstance(out.error, NotImplementedError):
            return "it raised NotImplementedError: the stub is not written yet"
        return f"it raised {type(out.error).__name__}: {out.error}"
    if out.modified:
        return (
            f"it modified its argument {', '.join(out.modified)}: work on copies and return new "
            f"arrays (see {NOT_MODIFIED})"
        )
    if out.warned:
        return (
            f"it emitted a NumPy warning, {out.warned[0]}: valid input must give no warning; use "
            f"a stable formula (see {NUMERICALLY_CAREFUL})"
        )
    return None


def _kind(x: Any) -> str:
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if x is None:
        return "None (did you forget the return?)"
    if isinstance(x, tuple | list):
        return f"a {type(x).__name__} of {len(x)}"
    kind = type(x).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _is_number(x: Any) -> bool:
    if isinstance(x, bool | np.bool_):
        return False
    if isinstance(x, int | float | np.integer | np.floating):
        return True
    return isinstance(x, np.ndarray) and x.shape == () and x.dtype.kind in "iuf"


def _fmt(x: Any) -> str:
    if callable(x):
        return getattr(x, "__name__", repr(x))
    if isinstance(x, np.ndarray):
        text = np.array2string(x, precision=7, threshold=24, edgeitems=3, separator=", ")
        text = (
            " ".join(text.split()) if x.ndim <= 1 or x.size <= 6 else text.replace("\n", "\n      ")
        )
        return text + ("" if x.dtype == np.float64 else f" ({x.dtype})")
    if isinstance(x, np.generic):
        return f"{x.item():.10g}" + ("" if x.dtype == np.float64 else f" ({x.dtype})")
    if isinstance(x, float):
        return f"{x:.10g}"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {_fmt(v)}" for k, v in x.items()) + "}"
    return repr(x)


def _difference(expected: Any, received: Any, name: str, rtol: float, atol: float) -> str | None:
    """The first way received differs from expected (type, shape, dtype, value), or None."""
    where = f"{name}: " if name else ""
    if isinstance(expected, tuple):
        if not isinstance(received, tuple | list):
            return f"{where}it returned {_kind(received)}; expected a tuple of {len(expected)}"
        if len(received) != len(expected):
            return f"{where}it returned {_kind(received)}; expected {len(expected)} values"
        return None
    if np.ndim(expected) == 0:
        if not _is_number(received):
            shape = f" of shape {received.shape}" if isinstance(received, np.ndarray) else ""
            return f"{where}it returned {_kind(received)}{shape}; expected one number (shape ())"
    else:
        if not isinstance(received, np.ndarray):
            want = np.shape(expected)
            return f"{where}it returned {_kind(received)}; expected a NumPy array of shape {want}"
        if received.shape != np.shape(expected):
            return f"{where}it returned shape {received.shape}; expected {np.shape(expected)}"
        if received.dtype.kind not in "iuf":
            return f"{where}it returned dtype {received.dtype}; expected real numbers"
    exp_dtype = np.asarray(expected).dtype
    if (
        exp_dtype == np.float32
        and isinstance(received, np.ndarray | np.generic)
        and received.dtype != np.float32
    ):
        return (
            f"{where}it returned {received.dtype} for float32 input; a float32 input gives a "
            "float32 result"
        )
    r, e = np.asarray(received, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if exp_dtype == np.float32:
        rtol, atol = max(rtol, 1e-4), max(atol, 1e-6)
    close = np.isclose(r, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    if e.ndim == 0:
        return f"{where}expected {_fmt(expected)}, received {_fmt(received)}"
    idx = tuple(int(i) for i in np.argwhere(~close)[0])
    text = f"{where}differs at index {idx}: expected {e[idx]:.10g}, received {r[idx]:.10g}"
    if e.size <= 12:
        text += f"\n      expected {_fmt(expected)}\n      received {_fmt(received)}"
    return text


def _equivalent(a: Any, b: Any, rtol: float, atol: float) -> np.ndarray | None:
    """Elementwise agreement of two results (non-finite values agree with each other), flattened
    over a tuple; None when the structures or shapes differ."""
    if isinstance(a, tuple):
        if not isinstance(b, tuple | list) or len(a) != len(b):
            return None
        parts = [_equivalent(x, y, rtol, atol) for x, y in zip(a, b, strict=True)]
        return (
            None
            if any(p is None for p in parts)
            else np.concatenate([p for p in parts if p is not None])
        )
    x, y = _real_array(a), _real_array(b)
    if x is None or y is None:
        return None
    if x.shape != y.shape:
        return None
    rtol, atol = (
        (max(rtol, 1e-4), max(atol, 1e-6)) if np.asarray(a).dtype == np.float32 else (rtol, atol)
    )
    with np.errstate(all="ignore"):
        same = np.isclose(x, y, rtol=rtol, atol=atol) | (~np.isfinite(x) & ~np.isfinite(y))
    return same.ravel()


def _nonfinite(a: Any) -> np.ndarray:
    if isinstance(a, tuple | list):
        return np.concatenate([_nonfinite(x) for x in a]) if a else np.zeros(0, bool)
    x = _real_array(a)
    return np.zeros(0, bool) if x is None else ~np.isfinite(x).ravel()


def _real_array(a: Any) -> np.ndarray | None:
    """a as a float64 array, or None if it is not made of real numbers."""
    try:
        arr = np.asarray(a)
    except (TypeError, ValueError):
        return None
    return arr.astype(np.float64) if arr.dtype.kind in "biuf" else None


def _run_mistake(fn: Callable[..., Any], case: Case) -> tuple[Any, bool]:
    args, kwargs = copy.deepcopy((case.args, case.kwargs))
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        value = fn(*args, **kwargs)
    return value, bool(caught)


def _matches(
    ex: Exercise, mistake: Mistake, cases: list[Case], outs: list[_Outcome], refs: list[Any]
) -> bool:
    """True if the learner's function behaves like the mistake on every input.

    Entries where the learner's result is NaN or inf and it warned are excused (the warning is a
    problem of its own); the mistake must warn where it warns, and differ from the reference
    somewhere that is not excused.
    """
    grounded = False
    for case, out, ref in zip(cases, outs, refs, strict=True):
        if out.error is not None:
            return False
        value, warned = _run_mistake(mistake.fn, case)
        same = _equivalent(value, out.value, ex.rtol, ex.atol)
        if same is None:
            return False
        if out.warned:
            bad = _nonfinite(out.value)
            if bad.shape == same.shape:
                same = same | bad
        if not same.all() or (warned and not out.warned):
            return False
        differs = _equivalent(value, ref, ex.rtol, ex.atol)
        if warned or differs is None or not differs.all():
            grounded = True
    return grounded


def _param_names(ex: Exercise) -> list[str]:
    return list(inspect.signature(ex.reference).parameters)


def _describe_case(ex: Exercise, case: Case) -> str:
    names = _param_names(ex)
    parts = [f"{n} = {_fmt(v)}" for n, v in zip(names, case.args, strict=False)]
    parts += [f"{k} = {_fmt(v)}" for k, v in case.kwargs.items()]
    return f"{case.label}\n    " + "\n    ".join(parts)


def _judge_by_comparison(fn: Callable[..., Any], ex: Exercise) -> _Finding | None:
    cases = ex.cases() if ex.cases is not None else []
    names = _param_names(ex)
    refs = [ex.reference(*copy.deepcopy(c.args), **copy.deepcopy(c.kwargs)) for c in cases]
    outs = [_call(fn, c.args, c.kwargs, names) for c in cases]
    finding = None
    for case, out, ref in zip(cases, outs, refs, strict=True):
        problem = _call_problem(out) if out.error is not None or out.modified else None
        if problem is None:
            problem = _result_difference(ex, ref, out.value)
        if problem is None and out.warned:
            problem = _call_problem(out)
        if problem is not None:
            finding = _Finding(_describe_case(ex, case), problem)
            break
    if finding is None:
        return None
    for mistake in ex.mistakes:
        if _matches(ex, mistake, cases, outs, refs):
            return finding._replace(mistake=mistake.id)
    return finding


def _result_difference(ex: Exercise, expected: Any, received: Any) -> str | None:
    problem = _difference(expected, received, "", ex.rtol, ex.atol)
    if problem is not None or not isinstance(expected, tuple):
        return problem
    names = ex.outputs or tuple(f"output {i}" for i in range(len(expected)))
    for name, e, r in zip(names, expected, received, strict=True):
        if (problem := _difference(e, r, name, ex.rtol, ex.atol)) is not None:
            return problem
    return None


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def _exercise(name: object) -> Exercise:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, the name of an exercise (got {type(name).__name__})")
    if name not in _BY_NAME:
        close = difflib.get_close_matches(name, _BY_NAME, n=3)
        also = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(
            f"name must be one of the exercises ({', '.join(_BY_NAME)}) (got {name!r}){also}"
        )
    return _BY_NAME[name]


def check(name: str, fn: Callable[..., Any]) -> Result:
    r"""Check a learner's function against the exercise ``name`` and say what is wrong.

    Parameters
    ----------
    name : str
        The exercise, e.g. ``"entropy"`` or ``"adam_step"`` (see :func:`exercises`).
    fn : callable
        The learner's function, with the signature of the exercise's stub.

    Returns
    -------
    Result
        ``passed`` (bool), ``mistake`` (the id of a recognized known mistake, or None) and the
        verdict, ``str(result)``: what was checked, the first input where ``fn`` differs, what
        was expected and what came back, and for a recognized mistake its name and the erratum
        or section of the site it matches. An exception, a NumPy warning, a wrong type, shape or
        dtype and a modified argument are verdicts too, never a traceback.

    Raises
    ------
    TypeError
        If ``name`` is not a str or ``fn`` is not callable.
    ValueError
        If there is no exercise called ``name``.

    Notes
    -----
    A compared exercise runs ``fn`` and the reference (an adapter over the package's public
    function) on the same inputs, chosen to expose the chapter's mistakes; values agree to a
    relative tolerance of 1e-6 (1e-4 for float32). A random exercise (dropout, initialization,
    sampling) is judged by properties of large draws. When ``fn`` fails, each known mistake of
    the exercise is tried: it matches when ``fn`` gives the mistake's results on every input.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.exercises import check
    >>> def entropy(p):
    ...     nz = p[p > 0]
    ...     return -np.sum(nz * np.log(nz))
    >>> result = check("entropy", entropy)
    >>> print(result.passed, result.mistake)
    True None
    >>> def entropy_in_bits(p):
    ...     nz = p[p > 0]
    ...     return -np.sum(nz * np.log2(nz))
    >>> result = check("entropy", entropy_in_bits)
    >>> print(result.passed, result.mistake)
    False bits
    >>> print(str(result).splitlines()[0])
    entropy: not passed. This is a known mistake: entropy in bits instead of nats.
    """
    ex = _exercise(name)
    if not callable(fn):
        raise TypeError(f"fn must be callable, the learner's function (got {type(fn).__name__})")
    judge = ex.judge if ex.judge is not None else _judge_by_comparison
    # the checker's own arithmetic on whatever fn returned must not warn either
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        finding = judge(fn, ex)
    if finding is None:
        return Result(ex.name, True, None, _pass_verdict(ex))
    return Result(ex.name, False, finding.mistake, _fail_verdict(ex, finding))


def _checked(ex: Exercise) -> str:
    if ex.cases is None:
        return f"its properties on large random draws (reference: {ex.against})"
    labels = [c.label for c in ex.cases()]
    return f"{len(labels)} inputs against {ex.against}: " + "; ".join(labels)


def _pass_verdict(ex: Exercise) -> str:
    return (
        f"{ex.name}: passed. Checked {_checked(ex)}. Types, shapes and dtypes match, no argument "
        f"was modified and no warning was raised."
    )


def _fail_verdict(ex: Exercise, finding: _Finding) -> str:
    lines = []
    if finding.mistake is not None:
        m = ex.mistake(finding.mistake)
        lines.append(f"{ex.name}: not passed. This is a known mistake: {m.title}.")
        lines.append(f"  {m.explanation}")
        lines.append(f"  See {m.link} (mistake id {m.id!r}).")
    else:
        lines.append(f"{ex.name}: not passed.")
    lines.append(f"First input where your function differs: {finding.case}")
    lines.append(f"  {finding.problem}")
    if finding.mistake is None and ex.mistakes:
        titles = "; ".join(m.title for m in ex.mistakes)
        lines.append(f"None of the known mistakes matches ({titles}).")
    lines.append(f"Checked {_checked(ex)}.")
    return "\n".join(lines)


def exercises(chapter: str | None = None) -> list[Exercise]:
    r"""The exercises, all of them or those of one chapter, in page order.

    Parameters
    ----------
    chapter : str, optional
        A chapter page stem: one of :data:`CHAPTERS` (``"information-theory"``,
        ``"optimizers"``, …). None (default) lists every exercise.

    Returns
    -------
    list of Exercise
        Each with ``name``, ``chapter``, ``title``, ``task``, ``stub``, ``check_line``,
        ``hint``, ``reference`` and ``mistakes`` (each a :class:`Mistake` with ``id``,
        ``title``, ``explanation``, ``link`` and the function ``fn`` that makes it).

    Raises
    ------
    TypeError
        If ``chapter`` is neither None nor a str.
    ValueError
        If ``chapter`` is not a chapter with exercises.

    Examples
    --------
    >>> from dlnotes.exercises import check, exercises
    >>> print([ex.name for ex in exercises("information-theory")])
    ['entropy', 'kl_divergence']
    >>> ex = exercises("optimizers")[2]
    >>> print(ex.check_line)
    check("adam_step", adam_step)
    >>> print([m.id for m in ex.mistakes])
    ['no_eps', 'beta1_for_v', 'eps_inside', 'no_bias_correction']
    >>> print(check(ex.name, ex.mistake("beta1_for_v").fn).mistake)
    beta1_for_v
    """
    if chapter is None:
        return list(_EXERCISES)
    if not isinstance(chapter, str):
        raise TypeError(f"chapter must be a str or None (got {type(chapter).__name__})")
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)} (got {chapter!r})")
    return [ex for ex in _EXERCISES if ex.chapter == chapter]


def _signature_text(ex: Exercise) -> str:
    """The reference's signature under the exercise's name, annotations unquoted."""
    sig = inspect.signature(ex.reference)
    params = []
    for p in sig.parameters.values():
        text = p.name if p.annotation is p.empty else f"{p.name}: {p.annotation}"
        if p.default is not p.empty:
            text += f"={p.default!r}" if p.annotation is p.empty else f" = {p.default!r}"
        params.append(text)
    ret = "" if sig.return_annotation is sig.empty else f" -> {sig.return_annotation}"
    one_line = f"def {ex.name}({', '.join(params)}){ret}:"
    if len(one_line) <= 92:
        return one_line
    return f"def {ex.name}(\n" + "".join(f"    {p},\n" for p in params) + f"){ret}:"


def _stub(ex: Exercise) -> str:
    doc = inspect.getdoc(ex.reference) or ""
    head = "import numpy as np\n"
    if "Callable" in str(inspect.signature(ex.reference)):
        head = "from collections.abc import Callable\n\n" + head
    body = textwrap.indent(f'"""{doc}\n"""', "    ")
    return (
        f"{head}\n\n{_signature_text(ex)}\n{body}\n    # your code here\n"
        "    raise NotImplementedError\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dlnotes.exercises CHAPTER``: print a chapter's exercises; 2 on bad use."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] not in CHAPTERS:
        print(
            "usage: python -m dlnotes.exercises CHAPTER\nchapters: " + ", ".join(CHAPTERS),
            file=sys.stderr,
        )
        return 2
    for i, ex in enumerate(exercises(args[0]), start=1):
        rule = "=" * 72
        print(f"{rule}\nExercise {i}: {ex.title} ({ex.name})\n{rule}\n")
        print(textwrap.fill(ex.task, 88) + "\n")
        print(ex.stub)
        print("from dlnotes.exercises import check\n")
        print(f"print({ex.check_line})\n")
        print(textwrap.fill("Hint: " + ex.hint, 88) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
