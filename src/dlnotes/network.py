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

import numbers
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_choice,
    check_ndim,
    check_rng,
    check_same_shape,
    check_scalar,
)
from dlnotes.layers import (
    ActivationCache,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
)
from dlnotes.regularization import dropout_backward, dropout_forward, l2_penalty, l2_penalty_grad

__all__ = [
    "HIDDEN_ACTIVATIONS",
    "OUTPUT_ACTIVATIONS",
    "LayerCache",
    "compute_cost",
    "model_backward",
    "model_forward",
    "predict",
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
    expected = {f"{p}{k}" for k in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(params) != expected:
        raise ValueError(
            f"params must have the keys W1, b1, …, WL, bL (got {sorted(map(str, params))})"
        )
    layers, n_prev = [], n_x
    for k in range(1, L + 1):
        W = as_float_array(params[f"W{k}"], f"params['W{k}']")
        b = as_float_array(params[f"b{k}"], f"params['b{k}']")
        if W.ndim != 2 or W.shape[1] != n_prev:
            raise ValueError(
                f"params['W{k}'] must have shape (n[{k}], n[{k - 1}]) with n[{k - 1}] = {n_prev} "
                f"(got {W.shape})"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"params['b{k}'] must have shape {(W.shape[0], 1)} (got {b.shape})")
        layers.append((W, b))
        n_prev = W.shape[0]
    return layers


def _keep_probs(keep_prob: object, n_hidden: int) -> list[float]:
    """One keep probability per hidden layer, each in (0, 1]."""
    if isinstance(keep_prob, numbers.Real) and not isinstance(keep_prob, bool):
        values: list[object] = [keep_prob] * n_hidden
        check_scalar(keep_prob, "keep_prob", low=0.0, high=1.0, low_inclusive=False)
    elif isinstance(keep_prob, Sequence | np.ndarray) and not isinstance(keep_prob, str):
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
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    layers = _layers(params, X_arr.shape[0])
    hidden_g = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    output_g = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    keep = _keep_probs(keep_prob, len(layers) - 1)
    gen = check_rng(rng) if any(p < 1.0 for p in keep) else None
    if output_g == "softmax" and layers[-1][0].shape[0] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    A, caches = X_arr, []
    for (W, b), p in zip(layers[:-1], keep, strict=True):
        A, cache = linear_activation_forward(A, W, b, hidden_g)
        mask = None
        if p < 1.0:
            A, mask = dropout_forward(A, p, rng=gen)
        caches.append(LayerCache(cache, mask, p))
    AL, cache = linear_activation_forward(A, *layers[-1], output_g)
    caches.append(LayerCache(cache, None, 1.0))
    return AL, caches
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
        cost of that rounded output); compute from the logits to avoid that.

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
    lam = check_scalar(lambd, "lambd", low=0.0)
    L, grads = len(caches), {}
    dA, grads[f"W{L}"], grads[f"b{L}"] = linear_backward(AL_arr - Y_arr, caches[-1].layer.linear)
    for k in range(L - 1, 0, -1):
        cache = caches[k - 1]
        if cache.mask is not None:
            dA = dropout_backward(dA, cache.mask, cache.keep_prob)
        dA, grads[f"W{k}"], grads[f"b{k}"] = linear_activation_backward(dA, cache.layer)
    if lam > 0:
        weights = {f"W{k}": caches[k - 1].layer.linear.W for k in range(1, L + 1)}
        for key, decay in l2_penalty_grad(weights, lam, AL_arr.shape[1]).items():
            grads[key] = grads[key] + decay
    return {key: grads[key] for k in range(1, L + 1) for key in (f"W{k}", f"b{k}")}
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
def _outputs_and_labels(AL: object, Y: object, output: str) -> tuple[np.ndarray, np.ndarray]:
    AL_arr = as_float_array(AL, "AL")
    check_ndim(AL_arr, "AL", 2)
    Y_arr = as_float_array(Y, "Y")
    check_same_shape(AL_arr, Y_arr, "AL", "Y")
    for name, arr in (("AL", AL_arr), ("Y", Y_arr)):
        if ((arr < 0) | (arr > 1)).any():
            raise ValueError(
                f"{name} must be in [0, 1] (got values from {arr.min()!r} to {arr.max()!r})"
            )
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
