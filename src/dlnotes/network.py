r"""An L-layer dense network: forward pass, cost, backward pass and predictions.

Mirrors notes 003 §3.9 and §4.1-4.5 (with 002's shape list), and carries the hooks the
regularization chapter uses: the L2 term (notes 000 §1.4) and inverted dropout (000 §1.6).
Parameters are a dict ``{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`` with
``W[l]`` of shape (n[l], n[l-1]) and ``b[l]`` (n[l], 1); the gradients use the same keys
(``grads["W1"]`` is the notes' dW[1]).

Layers 1 … L−1 (hidden) share one activation; layer L (output) is a sigmoid (binary, or
independent 0/1 outputs) or a softmax over axis 0 (one-hot labels), each paired with its
cross-entropy cost so that the output layer's backward pass is :math:`dZ^{[L]} = A^{[L]} - Y`.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol, cast

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_choice,
    check_int,
    check_ndim,
    check_rng,
    check_same_shape,
    check_scalar,
)
from dlnotes.data import random_mini_batches
from dlnotes.initializers import initialize_parameters
from dlnotes.layers import ActivationCache, LinearCache
from dlnotes.regularization import dropout_backward, dropout_forward, l2_penalty, l2_penalty_grad

__all__ = [
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "LayerCache",
    "compute_cost",
    "compute_cost_from_logits",
    "model_backward",
    "model_forward",
    "predict",
    "train",
]

HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "linear")
OUTPUT_ACTIVATIONS = ("sigmoid", "softmax")


# --8<-- [start:helpers]
class LayerCache(NamedTuple):
    """One layer's cache: the layer's own cache and its dropout mask (None: no dropout)."""

    layer: ActivationCache
    mask: np.ndarray | None
    keep_prob: float


def _layers(params: object, n_x: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W1, b1), …, (WL, bL)] after checking keys and the shape chain of notes 003 §4.3."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    L = len(params) // 2
    if L < 1 or params.keys() != _layer_keys(L):
        raise ValueError(
            f"params must have the keys W1, b1, …, WL, bL (got {sorted(map(str, params))})"
        )
    layers, n_prev = [], n_x
    for k in range(1, L + 1):
        W = _float_array(params[f"W{k}"], f"params['W{k}']", finite=False)
        b = _float_array(params[f"b{k}"], f"params['b{k}']", finite=False)
        if W.ndim != 2 or W.shape[1] != n_prev:
            raise ValueError(
                f"params['W{k}'] must have shape (n[{k}], n[{k - 1}]) with n[{k - 1}] = {n_prev} "
                f"(got {W.shape})"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"params['b{k}'] must have shape {(W.shape[0], 1)} (got {b.shape})")
        layers.append((W, b))
        n_prev = W.shape[0]
    arrays = [a for layer in layers for a in layer]
    base = arrays[0].base
    # What an optimizer's update returns for a small network: views that tile one vector,
    # checked in one call (a NaN in a view is in the vector; the check below names the array)
    packed = (
        isinstance(base, np.ndarray)
        and all(a.base is base for a in arrays)
        and base.size == sum(a.size for a in arrays)
    )
    if not (packed and np.isfinite(cast(np.ndarray, base)).all()):
        for k, (W, b) in enumerate(layers, start=1):
            as_float_array(W, f"params['W{k}']")
            as_float_array(b, f"params['b{k}']")
    return layers


@functools.cache
def _layer_keys(L: int) -> frozenset[str]:
    return frozenset(f"{p}{k}" for k in range(1, L + 1) for p in "Wb")


def _float_array(x: Any, name: str, *, finite: bool = True) -> np.ndarray:
    """as_float_array(x, name, finite=finite), letting a float64/float32 ndarray (the usual
    case) through without the conversion steps: a training loop calls this for every array,
    every step."""
    plain = type(x) is np.ndarray and x.dtype.char in "fd" and x.dtype.isnative and x.size
    if plain and (not finite or np.isfinite(x).all()):
        return cast(np.ndarray, x)
    return as_float_array(x, name, finite=finite)  # converts, or raises naming the argument


def _keep_probs(keep_prob: object, n_hidden: int) -> list[float]:
    """One keep probability per hidden layer, each in (0, 1]."""
    if isinstance(keep_prob, numbers.Real) and not isinstance(keep_prob, bool):
        p = check_scalar(keep_prob, "keep_prob", low=0.0, high=1.0, low_inclusive=False)
        return [p] * n_hidden
    if isinstance(keep_prob, Sequence | np.ndarray) and not isinstance(keep_prob, str):
        values = list(keep_prob)
        if len(values) != n_hidden:
            raise ValueError(
                f"keep_prob must have one value per hidden layer, L - 1 = {n_hidden} "
                f"(got {len(values)})"
            )
    else:
        raise TypeError(
            f"keep_prob must be a float or a sequence of floats (got {type(keep_prob).__name__})"
        )
    return [
        check_scalar(v, f"keep_prob[{i}]", low=0.0, high=1.0, low_inclusive=False)
        for i, v in enumerate(values)
    ]


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log(y) with 0·log(y) = 0 and x·log(0) = −inf for x > 0, without a warning."""
    log_y = np.log(np.where(y > 0, y, 1.0))  # log only where it is defined
    return np.where(x > 0, np.where(y > 0, x * log_y, -np.inf), 0.0)
# --8<-- [end:helpers]


# --8<-- [start:model_forward]
def model_forward(
    X: np.ndarray,
    params: Mapping[str, np.ndarray],
    *,
    hidden: str = "relu",
    output: str = "sigmoid",
    keep_prob: float | Sequence[float] = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, list[LayerCache]]:
    r"""Forward pass of an L-layer network, with optional inverted dropout on hidden layers.

    Parameters
    ----------
    X : array_like
        Inputs :math:`A^{[0]}`, shape (n_x, m): one example per column.
    params : dict of str to array_like
        ``"W1", "b1", …, "WL", "bL"`` with ``W[l]`` (n[l], n[l-1]) and ``b[l]`` (n[l], 1).
    hidden : str, default "relu"
        Activation of layers 1 … L−1: ``"relu"``, ``"tanh"``, ``"sigmoid"``, ``"leaky_relu"``
        (slope 0.01) or ``"linear"``.
    output : str, default "sigmoid"
        Activation of layer L: ``"sigmoid"`` or ``"softmax"`` (over axis 0; needs n[L] >= 2).
    keep_prob : float or sequence of float, default 1.0
        Dropout keep probability in (0, 1]: one float for every hidden layer, or a sequence
        with one value per hidden layer (length L−1). 1.0 means no dropout for that layer.
        Dropout is never applied to the input or the output layer.
    rng : numpy.random.Generator, optional
        Draws the dropout masks; required when any keep probability is < 1.

    Returns
    -------
    AL : numpy.ndarray
        The output :math:`A^{[L]}`, shape (n[L], m).
    caches : list of LayerCache
        One per layer (layer 1 first): the layer cache and the dropout mask, for
        :func:`model_backward`.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, the keys or shapes of ``params`` do not chain, an activation name
        is unknown, a keep probability is outside (0, 1] or ``keep_prob`` has the wrong
        length, or the softmax output has a single unit.
    TypeError
        If ``rng`` is not a Generator while a keep probability is < 1, or ``params`` is not a
        dict.

    Notes
    -----
    Notes 003 §4.2 and 000 §1.6, for :math:`l = 1, \dots, L`:

    .. math::
        Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]}), \qquad
        A^{[l]} \leftarrow \frac{A^{[l]} \odot D^{[l]}}{\text{keep\_prob}^{[l]}}
        \ \ (l < L)

    with :math:`D^{[l]}_{ij} = 1` with probability keep_prob (inverted dropout).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.network import model_forward
    >>> rng = np.random.default_rng(0)
    >>> params = {"W1": rng.standard_normal((4, 3)), "b1": np.zeros((4, 1)),
    ...           "W2": rng.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
    >>> AL, caches = model_forward(rng.standard_normal((3, 5)), params, hidden="tanh")
    >>> print(AL.shape, len(caches), bool(((AL > 0) & (AL < 1)).all()))
    (1, 5) 2 True
    """
    X_arr = _float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    layers = _layers(params, X_arr.shape[0])
    hidden_g = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    output_g = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    keep = _keep_probs(keep_prob, len(layers) - 1)
    gen = check_rng(rng) if min(keep, default=1.0) < 1.0 else None
    if output_g == "softmax" and layers[-1][0].shape[0] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    return _forward(X_arr, layers, hidden_g, output_g, keep, gen)
# --8<-- [end:model_forward]


# --8<-- [start:compute_cost]
def compute_cost(
    AL: np.ndarray,
    Y: np.ndarray,
    params: Mapping[str, np.ndarray] | None = None,
    lambd: float = 0.0,
    *,
    output: str = "sigmoid",
) -> float:
    r"""Cross-entropy cost of the network's output, plus the L2 term when ``lambd > 0``.

    Parameters
    ----------
    AL : array_like
        Output :math:`A^{[L]}`, shape (n[L], m), entries in [0, 1].
    Y : array_like
        Labels shaped like ``AL``, entries in [0, 1] (one-hot columns for softmax).
    params : dict of str to array_like, optional
        The parameters; required when ``lambd > 0`` (only the ``"W…"`` keys are used).
    lambd : float, default 0.0
        The L2 regularization parameter λ ≥ 0.
    output : str, default "sigmoid"
        The output activation: ``"sigmoid"`` (binary cross-entropy of each output unit) or
        ``"softmax"`` (categorical cross-entropy).

    Returns
    -------
    float
        :math:`J`. It is ``inf`` where an output is exactly 0 or 1 on the wrong side (the
        cost of that rounded output); :func:`compute_cost_from_logits` avoids that.

    Raises
    ------
    ValueError
        If the shapes differ (a (m,) label vector against (1, m) outputs is an error), an
        entry is outside [0, 1], ``lambd < 0``, or ``lambd > 0`` without ``params``.

    Notes
    -----
    Notes 003 §2.3 and §3.9, 000 §1.4:

    .. math::
        J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k}\Bigl(y_k^{(i)} \log a_k^{(i)}
            + (1 - y_k^{(i)}) \log(1 - a_k^{(i)})\Bigr)
            + \frac{\lambda}{2m}\sum_{l=1}^{L}\|W^{[l]}\|_F^2

    (softmax: only the first term inside the sum), with :math:`0 \log 0 = 0`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.network import compute_cost
    >>> AL = np.array([[0.8, 0.9, 0.4]])
    >>> Y = np.array([[1.0, 1.0, 0.0]])
    >>> print(f"{compute_cost(AL, Y):.4f}")
    0.2798
    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.zeros((1, 1))}
    >>> print(f"{compute_cost(AL, Y, params, lambd=0.6):.4f}")  # + 0.6/6 · (1 + 4)
    0.7798
    """
    AL_arr, Y_arr = _outputs_and_labels(AL, Y, check_choice(output, "output", OUTPUT_ACTIVATIONS))
    lam = check_scalar(lambd, "lambd", low=0.0)
    m = AL_arr.shape[1]
    log_likelihood = _xlogy(Y_arr, AL_arr)
    if output == "sigmoid":
        log_likelihood = log_likelihood + _xlogy(1.0 - Y_arr, 1.0 - AL_arr)
    cost = -float(np.sum(log_likelihood)) / m
    if lam > 0:
        if params is None:
            raise ValueError(f"params is required when lambd > 0 (got lambd={lam!r})")
        cost += l2_penalty(params, lam, m)
    return cost
# --8<-- [end:compute_cost]


# --8<-- [start:compute_cost_from_logits]
def compute_cost_from_logits(
    ZL: np.ndarray,
    Y: np.ndarray,
    params: Mapping[str, np.ndarray] | None = None,
    lambd: float = 0.0,
    *,
    output: str = "sigmoid",
) -> float:
    r"""The cost of :func:`compute_cost`, computed from the output layer's logits :math:`Z^{[L]}`.

    The same function of the parameters, but finite wherever the true cost is: a saturated
    output (:math:`A^{[L]}` rounded to exactly 0 or 1) costs :math:`|z|`, not ``inf``. The
    logits of a forward pass are ``caches[-1].layer.Z``.

    Parameters
    ----------
    ZL : array_like
        The logits :math:`Z^{[L]}`, shape (n[L], m).
    Y, params, lambd, output
        As for :func:`compute_cost`.

    Returns
    -------
    float
        :math:`J`.

    Raises
    ------
    ValueError
        As :func:`compute_cost` (``ZL`` may be any finite real array).

    Notes
    -----
    With :math:`\log(1 + e^{z})` by ``np.logaddexp`` and a max-shifted log-sum-exp:

    .. math::
        J_{\text{sigmoid}} = \frac{1}{m}\sum_{i,k}\Bigl(\log\bigl(1 + e^{z_k^{(i)}}\bigr)
            - y_k^{(i)} z_k^{(i)}\Bigr), \qquad
        J_{\text{softmax}} = -\frac{1}{m}\sum_{i,k} y_k^{(i)}
            \Bigl(z_k^{(i)} - \log\sum_j e^{z_j^{(i)}}\Bigr)

    plus :math:`\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.network import compute_cost, compute_cost_from_logits
    >>> ZL, Y = np.array([[2.0, -1.0, 800.0]]), np.array([[1.0, 0.0, 0.0]])
    >>> print(f"{compute_cost_from_logits(ZL, Y):.4f}")  # the third example costs 800 / 3
    266.8134
    >>> AL = 1 / (1 + np.exp(-ZL))
    >>> print(compute_cost(AL, Y))  # σ(800) rounds to 1.0: the cost of the rounded output
    inf
    """
    out = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    Z, Y_arr = _outputs_and_labels(ZL, Y, out, name="ZL", probabilities=False)
    lam = check_scalar(lambd, "lambd", low=0.0)
    m = Z.shape[1]
    if out == "sigmoid":
        losses = np.logaddexp(0.0, Z) - Y_arr * Z  # log(1 + e^z) without overflow
    else:
        shifted = Z - Z.max(axis=0, keepdims=True)  # log-softmax with the max subtracted
        losses = -Y_arr * (shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True)))
    cost = float(np.sum(losses)) / m
    if lam > 0:
        if params is None:
            raise ValueError(f"params is required when lambd > 0 (got lambd={lam!r})")
        cost += l2_penalty(params, lam, m)
    return cost
# --8<-- [end:compute_cost_from_logits]


# --8<-- [start:model_backward]
def model_backward(
    AL: np.ndarray, Y: np.ndarray, caches: Sequence[LayerCache], *, lambd: float = 0.0
) -> dict[str, np.ndarray]:
    r"""Backward pass of :func:`model_forward` for the cross-entropy cost (+ the L2 term).

    Parameters
    ----------
    AL : array_like
        The output returned by :func:`model_forward`, shape (n[L], m).
    Y : array_like
        Labels shaped like ``AL``: 0/1 (sigmoid output) or one-hot columns (softmax output).
    caches : list of LayerCache
        The caches returned by the same :func:`model_forward` call (dropout masks included).
    lambd : float, default 0.0
        The L2 regularization parameter λ ≥ 0; adds :math:`\frac{\lambda}{m}W^{[l]}` to each
        :math:`dW^{[l]}`.

    Returns
    -------
    dict of str to numpy.ndarray
        ``{"W1": dW1, "b1": db1, …}``: :math:`\partial J/\partial W^{[l]}` and
        :math:`\partial J/\partial b^{[l]}`, shaped like the parameters.

    Raises
    ------
    ValueError
        If ``AL`` is not shaped like the cached output, ``Y`` is not shaped like ``AL`` (a
        (m,) label vector is an error), ``Y`` is outside [0, 1] (or its columns do not sum to 1
        for a softmax output), or ``lambd < 0``.
    TypeError
        If ``caches`` is not a non-empty list of :class:`LayerCache`.

    Notes
    -----
    Notes 003 §3.9 and §4.2, 000 §1.4 and §1.6; for the output layer (sigmoid or softmax
    with its cross-entropy) and then :math:`l = L-1, \dots, 1`:

    .. math::
        dZ^{[L]} = A^{[L]} - Y, \qquad
        dA^{[l]} = W^{[l+1]T} dZ^{[l+1]}, \qquad
        dA^{[l]} \leftarrow \frac{dA^{[l]} \odot D^{[l]}}{\text{keep\_prob}^{[l]}}, \qquad
        dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})

    .. math::
        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}, \qquad
        db^{[l]} = \frac{1}{m}\sum_{i=1}^{m} dZ^{[l](i)}

    :math:`dZ^{[L]} = A^{[L]} - Y` never divides by :math:`A^{[L]}` or :math:`1 - A^{[L]}`,
    so the gradients stay finite when an output is exactly 0 or 1.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.network import model_forward, model_backward
    >>> rng = np.random.default_rng(0)
    >>> params = {"W1": rng.standard_normal((4, 3)), "b1": np.zeros((4, 1)),
    ...           "W2": rng.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
    >>> X, Y = rng.standard_normal((3, 5)), np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
    >>> AL, caches = model_forward(X, params)
    >>> grads = model_backward(AL, Y, caches, lambd=0.1)
    >>> print(all(grads[k].shape == params[k].shape for k in params))
    True
    """
    caches = _check_caches(caches)
    output = caches[-1].layer.activation
    AL_arr, Y_arr = _outputs_and_labels(AL, Y, output)
    if AL_arr.shape != caches[-1].layer.Z.shape:
        raise ValueError(
            f"AL must have the shape of the cached output {caches[-1].layer.Z.shape} "
            f"(got {AL_arr.shape})"
        )
    return _backward(AL_arr, Y_arr, caches, check_scalar(lambd, "lambd", low=0.0))
# --8<-- [end:model_backward]


# --8<-- [start:predict]
def predict(
    X: np.ndarray,
    params: Mapping[str, np.ndarray],
    *,
    hidden: str = "relu",
    output: str = "sigmoid",
) -> np.ndarray:
    r"""0/1 predictions of the network (no dropout: dropout is for training only).

    Parameters
    ----------
    X, params, hidden, output
        As for :func:`model_forward`.

    Returns
    -------
    numpy.ndarray
        Shape (n[L], m), entries 0.0 or 1.0 in the dtype of ``AL``. Sigmoid output: 1 where
        :math:`a > 0.5`. Softmax output: the one-hot column of the most probable class
        (``np.argmax(pred, axis=0)`` gives the class indices).

    Raises
    ------
    ValueError
        As :func:`model_forward`.

    Notes
    -----
    Notes 003 §3.3: :math:`\hat y^{(i)} = 1` if :math:`a^{[L](i)} > 0.5`, else 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.network import predict
    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    >>> print(predict(np.array([[-2.0, 0.0, 3.0]]), params))
    [[0. 0. 1.]]
    """
    AL, _ = model_forward(X, params, hidden=hidden, output=output)
    if output == "softmax":
        return (np.arange(AL.shape[0])[:, None] == np.argmax(AL, axis=0)).astype(AL.dtype)
    return (AL > 0.5).astype(AL.dtype)
# --8<-- [end:predict]


# --8<-- [start:checks]
def _outputs_and_labels(
    AL: object, Y: object, output: str, *, name: str = "AL", probabilities: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    # values in [0, 1] are finite, so probabilities need only the range check (NaN fails it)
    AL_arr = _float_array(AL, name, finite=not probabilities)
    check_ndim(AL_arr, name, 2)
    Y_arr = _float_array(Y, "Y", finite=False)
    check_same_shape(AL_arr, Y_arr, name, "Y")
    checked = ((name, AL_arr), ("Y", Y_arr)) if probabilities else (("Y", Y_arr),)
    for label, arr in checked:
        low, high = arr.min(), arr.max()
        if not (0 <= low and high <= 1):
            as_float_array(arr, label)  # raises first if the range is off by a NaN or inf
            raise ValueError(f"{label} must be in [0, 1] (got values from {low!r} to {high!r})")
    if output == "softmax":
        worst = float(np.max(np.abs(Y_arr.sum(axis=0) - 1.0)))
        if worst > 1e-6:
            raise ValueError(
                f"Y must have columns summing to 1 for a softmax output (one-hot labels; "
                f"got a column off by {worst:.3g})"
            )
    return AL_arr, Y_arr


def _check_caches(caches: object) -> list[LayerCache]:
    if (
        not isinstance(caches, Sequence)
        or not caches
        or not all(isinstance(c, LayerCache) for c in caches)
    ):
        raise TypeError(
            f"caches must be the non-empty list of LayerCache returned by model_forward "
            f"(got {type(caches).__name__})"
        )
    return list(caches)
# --8<-- [end:checks]


# --8<-- [start:core]
# The arithmetic of model_forward and model_backward, on arguments they have validated. train
# calls these directly, so a training step costs only its arithmetic: no checks and no scans
# over the arrays inside the loop. _g and _dz are the formulas of dlnotes.activations (same
# stable forms, same results) without that module's input checks.
def _g(Z: np.ndarray, name: str) -> np.ndarray:
    """A = g(Z) for a validated activation name (softmax over axis 0)."""
    if name == "relu":
        return np.maximum(Z, 0.0)
    if name == "sigmoid":
        e = np.exp(-np.abs(Z))  # exp of a non-positive number: no overflow
        return np.where(Z >= 0, 1.0, e) / (1.0 + e)  # 1/(1 + e^{-z}) or e^{z}/(1 + e^{z})
    if name == "tanh":
        return np.tanh(Z)
    if name == "leaky_relu":
        return np.where(Z > 0, Z, 0.01 * Z)
    if name == "softmax":
        e = np.exp(Z - np.max(Z, axis=0, keepdims=True))  # max-shift: no overflow
        return e / np.sum(e, axis=0, keepdims=True)
    return Z  # "linear"


def _dz(dA: np.ndarray, Z: np.ndarray, name: str) -> np.ndarray:
    """dZ = dA * g'(Z) for a validated hidden activation name (relu'(0) = 0)."""
    if name == "relu":
        return dA * (Z > 0)
    if name == "sigmoid":
        e = np.exp(-np.abs(Z))
        return dA * (e / (1.0 + e) ** 2)
    if name == "tanh":
        e = np.exp(-2.0 * np.abs(Z))
        return dA * (4.0 * e / (1.0 + e) ** 2)
    if name == "leaky_relu":
        return np.where(Z > 0, dA, 0.01 * dA)
    return dA  # "linear"


def _forward(
    X: np.ndarray,
    layers: Sequence[tuple[np.ndarray, np.ndarray]],
    hidden: str,
    output: str,
    keep: Sequence[float],
    rng: np.random.Generator | None,
) -> tuple[np.ndarray, list[LayerCache]]:
    """model_forward after its checks: Z = W A + b, A = g(Z), dropout on hidden layers."""
    A, caches = X, []
    for (W, b), p in zip(layers[:-1], keep, strict=True):
        Z = W @ A + b
        cache = ActivationCache(LinearCache(A, W, b), Z, hidden)
        A, mask = _g(Z, hidden), None
        if p < 1.0:
            A, mask = dropout_forward(A, p, rng=rng)
        caches.append(LayerCache(cache, mask, p))
    W, b = layers[-1]
    Z = W @ A + b
    caches.append(LayerCache(ActivationCache(LinearCache(A, W, b), Z, output), None, 1.0))
    return _g(Z, output), caches


def _backward(
    AL: np.ndarray, Y: np.ndarray, caches: Sequence[LayerCache], lambd: float
) -> dict[str, np.ndarray]:
    """model_backward after its checks: dZ[L] = A[L] − Y, then layer by layer down to 1."""
    L, m, grads = len(caches), AL.shape[1], {}
    dZ = AL - Y
    for k in range(L, 0, -1):
        A_prev, W, _ = caches[k - 1].layer.linear
        grads[f"W{k}"] = dZ @ A_prev.T / m
        grads[f"b{k}"] = dZ.sum(axis=1, keepdims=True) / m  # method: no np.sum wrapper per step
        if k > 1:
            below = caches[k - 2]
            dA = W.T @ dZ
            if below.mask is not None:
                dA = dropout_backward(dA, below.mask, below.keep_prob)
            dZ = _dz(dA, below.layer.Z, below.layer.activation)
    if lambd > 0:
        weights = {f"W{k}": caches[k - 1].layer.linear.W for k in range(1, L + 1)}
        for key, decay in l2_penalty_grad(weights, lambd, m).items():
            grads[key] = grads[key] + decay
    return {key: grads[key] for k in range(1, L + 1) for key in (f"W{k}", f"b{k}")}
# --8<-- [end:core]


# --8<-- [start:train_helpers]
class _Optimizer(Protocol):
    """What train needs of an optimizer: the init/update pair of dlnotes.optimizers."""

    def init(self, params: Mapping[str, np.ndarray]) -> Any: ...

    def update(
        self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], state: Any
    ) -> tuple[dict[str, np.ndarray], Any]: ...


def _check_optimizer(optimizer: object) -> _Optimizer:
    methods = all(callable(getattr(optimizer, name, None)) for name in ("init", "update"))
    if isinstance(optimizer, type) or not methods:
        got = (f"the class {optimizer.__name__}" if isinstance(optimizer, type)
               else type(optimizer).__name__)
        raise TypeError(
            "optimizer must have init(params) and update(params, grads, state) methods, "
            f"e.g. dlnotes.optimizers.SGD(lr=0.01) (got {got})"
        )
    return cast(_Optimizer, optimizer)


def _training_set(
    X: object, Y: object, dims: Sequence[int], output: str
) -> tuple[np.ndarray, np.ndarray]:
    """X (n[0], m) and labels Y (n[L], m) in [0, 1] (one-hot columns for softmax), X's dtype."""
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    if X_arr.shape[0] != dims[0]:
        raise ValueError(
            f"layer_dims[0] must be the number of input features X.shape[0] = {X_arr.shape[0]} "
            f"(got {dims[0]})"
        )
    Y_arr = as_float_array(Y, "Y").astype(X_arr.dtype, copy=False)
    if Y_arr.shape != (dims[-1], X_arr.shape[1]):
        raise ValueError(
            f"Y must have shape (n[L], m) = {(dims[-1], X_arr.shape[1])} (got {Y_arr.shape})"
        )
    if output == "softmax" and dims[-1] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    # Y in [0, 1], and one-hot (summing to 1) columns for a softmax output
    _outputs_and_labels(Y_arr, Y_arr, output, name="Y", probabilities=False)
    return X_arr, Y_arr


def _layers_of(
    theta: np.ndarray, shapes: Sequence[tuple[int, ...]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W1, b1), …] as views into the flat vector θ = (W1, b1, W2, …): no copy."""
    views, start = [], 0
    for shape in shapes:
        views.append(theta[start : start + math.prod(shape)].reshape(shape))
        start += math.prod(shape)
    return list(zip(views[::2], views[1::2], strict=True))


def _update_in_place(
    optimizer: _Optimizer, theta: np.ndarray, grads: Mapping[str, np.ndarray], state: Any
) -> Any:
    """θ, s ← optimizer.update(θ, g, s), writing the new θ into θ itself (the params are views)."""
    g = np.concatenate([grads[key].ravel() for key in grads])  # the order of θ: W1, b1, …
    new, state = optimizer.update({"theta": theta}, {"theta": g}, state)
    theta[...] = new["theta"]
    return state


def _batch_cost(caches: Sequence[LayerCache], Y: np.ndarray, lambd: float) -> float:
    """J on one (mini-)batch, from the logits Z[L]: finite even where A[L] rounds to 0 or 1."""
    last = caches[-1].layer
    weights = {f"W{k}": c.layer.linear.W for k, c in enumerate(caches, start=1)}
    return compute_cost_from_logits(last.Z, Y, weights, lambd, output=last.activation)
# --8<-- [end:train_helpers]


# --8<-- [start:train]
def train(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: Sequence[int],
    optimizer: _Optimizer,
    *,
    num_epochs: int,
    rng: np.random.Generator,
    batch_size: int | None = None,
    initialization: str = "he",
    scale: float = 0.01,
    lambd: float = 0.0,
    keep_prob: float | Sequence[float] = 1.0,
    hidden: str = "relu",
    output: str = "sigmoid",
    record_every: int = 100,
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    r"""Train an L-layer network (notes 004's ``model``): batch or mini-batch, any optimizer.

    Parameters
    ----------
    X : array_like
        Training inputs, shape (n[0], m): one example per column.
    Y : array_like
        Labels, shape (n[L], m): 0/1 for a sigmoid output, one-hot columns for softmax. A
        (m,) label vector is an error.
    layer_dims : sequence of int
        ``[n[0], n[1], …, n[L]]``, e.g. ``[2, 10, 5, 1]`` (notes 004's ``layers_dims``).
    optimizer : an optimizer of ``dlnotes.optimizers``
        Anything with ``init(params)`` and ``update(params, grads, state)``, e.g.
        ``SGD(lr=0.01)``, ``Momentum(lr, beta=0.9)`` or ``Adam(lr)``. The learning rate is
        the optimizer's.
    num_epochs : int
        Passes over the training set, ≥ 1. With batch gradient descent an epoch is one
        iteration (the notes' ``num_iterations``).
    rng : numpy.random.Generator
        Draws, in this order: the initial weights; then in each epoch the mini-batch
        permutation (only with ``batch_size``) and, step by step, the dropout masks.
    batch_size : int, optional
        Mini-batch size ≥ 1, e.g. 64: the batches of
        ``dlnotes.data.random_mini_batches``, reshuffled every epoch. ``None`` (default)
        is batch gradient descent on all m examples, without shuffling.
    initialization : {"he", "xavier", "glorot", "random", "zeros"}, default "he"
        The method of ``dlnotes.initializers.initialize_parameters``.
    scale : float, default 0.01
        The factor of ``"random"``: ``initialization="random", scale=10`` is notes 004's
        large random initialization.
    lambd : float, default 0.0
        The L2 regularization λ ≥ 0 (notes 004 §1.2.1).
    keep_prob : float or sequence of float, default 1.0
        Dropout keep probability of the hidden layers, as for ``model_forward`` (notes 004
        §1.2.2); 1.0 is no dropout.
    hidden, output : str
        The activations, as for ``model_forward``.
    record_every : int, default 100
        Record the cost every this many epochs, ≥ 1.

    Returns
    -------
    params : dict of str to numpy.ndarray
        The trained ``"W1", "b1", …``, in the dtype of ``X`` (float64 unless X is float32).
    costs : numpy.ndarray
        The cost at epochs 0, ``record_every``, 2·``record_every``, … (float64): the
        batch-size-weighted mean of the mini-batch costs :math:`J^{\{t\}}` met during that
        epoch (with batch GD: :math:`J` before that iteration's update). It is computed from
        the logits :math:`Z^{[L]}`, so it stays finite where :math:`A^{[L]}` rounds to 0 or 1,
        and includes the L2 term and the dropout of training, as in the notes.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D and finite, ``layer_dims[0] != X.shape[0]``, ``Y`` is not
        (n[L], m) with entries in [0, 1] (one-hot columns for softmax), a count is < 1,
        ``lambd < 0``, a keep probability is outside (0, 1], or a name is unknown.
    TypeError
        If ``optimizer`` has no ``init``/``update`` methods, ``rng`` is not a Generator, or a
        count is not an int.

    Notes
    -----
    Notes 004 §2.1 (batch and mini-batch gradient descent), with the initialization of §1.1,
    the regularization of §1.2 and the optimizers of §2.1.3-2.1.4 plugged in:

    .. math::
        \begin{aligned}
        &\theta \leftarrow \text{initialize}(n^{[0]}, \dots, n^{[L]}), \qquad
        s \leftarrow \text{optimizer.init}(\theta) \\
        &\textbf{for } \text{epoch} = 0, \dots, \text{num\_epochs} - 1 \textbf{ do} \\
        &\quad \textbf{for } (X^{\{t\}}, Y^{\{t\}}) \textbf{ in }
        \text{shuffle-and-partition}(X, Y) \text{ (batch GD: just } (X, Y)\text{)}
        \textbf{ do} \\
        &\qquad A^{[L]}, \text{caches} \leftarrow \text{model\_forward}(X^{\{t\}}, \theta,
        \text{keep\_prob}) \\
        &\qquad g \leftarrow \text{model\_backward}(A^{[L]}, Y^{\{t\}}, \text{caches},
        \lambda) \\
        &\qquad \theta, s \leftarrow \text{optimizer.update}(\theta, g, s)
        \end{aligned}

    The arguments are checked once, here; each step then runs the arithmetic of
    ``model_forward`` and ``model_backward`` without checking the arrays again. The
    optimizer sees the parameters as one flat vector
    :math:`\theta = (W^{[1]}, b^{[1]}, W^{[2]}, \dots)` (the ``dictionary_to_vector`` of
    gradient checking): every optimizer of ``dlnotes.optimizers`` acts entry by entry, so one
    call on θ is the same update as one call per ``W`` and ``b``, with less overhead per step.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import make_moons
    >>> from dlnotes.network import predict, train
    >>> from dlnotes.optimizers import Adam
    >>> rng = np.random.default_rng(0)
    >>> X, Y = make_moons(200, noise=0.1, rng=rng)
    >>> params, costs = train(X, Y, [2, 8, 1], Adam(lr=0.01), num_epochs=100, batch_size=64,
    ...                       rng=rng, record_every=10)
    >>> print(len(costs), bool(costs[-1] < costs[0]))
    10 True
    >>> accuracy = np.mean(predict(X, params) == Y)
    >>> print(bool(accuracy > 0.85), params["W1"].shape)
    True (8, 2)
    """
    gen = check_rng(rng)
    params = initialize_parameters(layer_dims, initialization, rng=gen, scale=scale)
    out = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    X_arr, Y_arr = _training_set(X, Y, [int(n) for n in layer_dims], out)
    hid = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    keep = _keep_probs(keep_prob, len(params) // 2 - 1)
    opt, lam = _check_optimizer(optimizer), check_scalar(lambd, "lambd", low=0.0)
    epochs = check_int(num_epochs, "num_epochs", low=1)
    every = check_int(record_every, "record_every", low=1)
    size = None if batch_size is None else check_int(batch_size, "batch_size", low=1)
    shapes = [p.shape for p in params.values()]
    theta = np.concatenate([p.ravel() for p in params.values()]).astype(X_arr.dtype)
    layers = _layers_of(theta, shapes)  # views into θ, updated in place
    state, costs = opt.init({"theta": theta}), []
    for epoch in range(epochs):
        batches = [(X_arr, Y_arr)] if size is None else random_mini_batches(
            X_arr, Y_arr, size, rng=gen)
        total = 0.0
        for X_t, Y_t in batches:
            AL, caches = _forward(X_t, layers, hid, out, keep, gen)
            if epoch % every == 0:
                total += Y_t.shape[1] * _batch_cost(caches, Y_t, lam)
            state = _update_in_place(opt, theta, _backward(AL, Y_t, caches, lam), state)
        if epoch % every == 0:
            costs.append(total / X_arr.shape[1])
    trained = [array.copy() for layer in layers for array in layer]
    return dict(zip(params, trained, strict=True)), np.array(costs)
# --8<-- [end:train]
