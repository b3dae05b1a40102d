r"""An L-layer dense network: forward pass, cost, backward pass, predictions and training.

Mirrors notes 003 §3.9 and §4.1-4.5 (with 002's shape list), and carries the hooks the
regularization chapter uses: the L2 term (notes 000 §1.4) and inverted dropout (000 §1.6).
Parameters are a dict ``{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`` with
``W[l]`` of shape (n[l], n[l-1]) and ``b[l]`` (n[l], 1); the gradients use the same keys
(``grads["W1"]`` is the notes' dW[1]).

Layers 1 … L−1 (hidden) share one activation; layer L (output) is a sigmoid (binary, or
independent 0/1 outputs) or a softmax over axis 0 (one-hot labels), each paired with its
cross-entropy cost so that the output layer's backward pass is :math:`dZ^{[L]} = A^{[L]} - Y`.

Each public function checks its arguments and calls its reference, the private function of the
same name with a leading underscore (``_model_forward`` for ``model_forward``): plain NumPy on
checked arrays, composed of the references of ``dlnotes.layers``, ``dlnotes.activations``,
``dlnotes.regularization``, ``dlnotes.losses`` and ``dlnotes.information``. ``train`` checks
its arguments once and then runs the references at every step.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence

# --8<-- [start:imports]
from typing import Any, NamedTuple

# --8<-- [end:imports]
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
from dlnotes.data import _random_mini_batches
from dlnotes.information import _cross_entropy
from dlnotes.initializers import METHODS, initialize_parameters
from dlnotes.layers import (
    ActivationCache,
    _linear_activation_backward,
    _linear_activation_forward,
    _linear_backward,
)
from dlnotes.losses import (
    _binary_cross_entropy,
    _binary_cross_entropy_with_logits,
    _softmax_cross_entropy,
)
from dlnotes.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop
from dlnotes.regularization import (
    _dropout_backward,
    _dropout_forward,
    _l2_penalty,
    _l2_penalty_grad,
)
from dlnotes.regularization import _weights as _penalty_weights

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


# The references: what the chapter shows. Plain NumPy on arrays already checked.

# --8<-- [start:layer_cache]
class LayerCache(NamedTuple):
    """One layer's cache in the network: the layer's own cache, its dropout mask and keep_prob.

    >>> print(LayerCache(None, None, 1.0).mask)  # mask None: no dropout on this layer
    None
    """

    layer: ActivationCache
    mask: np.ndarray | None
    keep_prob: float
# --8<-- [end:layer_cache]


# --8<-- [start:model_forward]
def _model_forward(
    X: np.ndarray, params: dict[str, np.ndarray], *, hidden: str = "relu",
    output: str = "sigmoid", keep_prob: float | list[float] = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, list[LayerCache]]:
    """A[l] = g[l](W[l]·A[l−1] + b[l]) for l = 1 … L, dropout on the hidden layers (003 §4.2).

    >>> params = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1)),
    ...           "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    >>> AL, caches = _model_forward(np.array([[0.0, 2.0]]), params)  # a[1] = relu(±x)
    >>> print(AL.round(4), len(caches))
    [[0.5    0.8808]] 2
    """
    L = len(params) // 2
    keep = [keep_prob] * (L - 1) if isinstance(keep_prob, float | int) else list(keep_prob)
    A, caches = X, []
    for k in range(1, L):
        A, cache = _linear_activation_forward(A, params[f"W{k}"], params[f"b{k}"], hidden)
        mask = None
        if keep[k - 1] < 1:  # inverted dropout (notes 000 §1.6)
            A, mask = _dropout_forward(A, keep[k - 1], rng)  # type: ignore[arg-type]
        caches.append(LayerCache(cache, mask, keep[k - 1]))
    AL, cache = _linear_activation_forward(A, params[f"W{L}"], params[f"b{L}"], output)
    caches.append(LayerCache(cache, None, 1.0))
    return AL, caches
# --8<-- [end:model_forward]


# --8<-- [start:model_backward]
def _model_backward(
    AL: np.ndarray, Y: np.ndarray, caches: list[LayerCache], *, lambd: float = 0.0
) -> dict[str, np.ndarray]:
    """dZ[L] = A[L] − Y, then dA[l] → dropout → dZ[l] → dW[l], db[l] for l = L−1 … 1 (003 §4.2).

    >>> params = {"W1": np.array([[2.0]]), "b1": np.zeros((1, 1))}
    >>> AL, caches = _model_forward(np.array([[1.0, -1.0]]), params)
    >>> grads = _model_backward(AL, np.array([[1.0, 1.0]]), caches)
    >>> print(grads["W1"].round(4), grads["b1"].round(4))
    [[0.3808]] [[-0.5]]
    """
    L, m = len(caches), AL.shape[1]
    grads = {}
    # sigmoid or softmax with its cross-entropy: dZ[L] = A[L] − Y, never a division by A[L]
    dZ = AL - Y
    dA, grads[f"W{L}"], grads[f"b{L}"] = _linear_backward(dZ, caches[L - 1].layer.linear)
    for k in range(L - 1, 0, -1):
        cache = caches[k - 1]
        if cache.mask is not None:  # the same mask as the forward pass
            dA = _dropout_backward(dA, cache.mask, cache.keep_prob)
        dA, grads[f"W{k}"], grads[f"b{k}"] = _linear_activation_backward(dA, cache.layer)
    if lambd > 0:  # the L2 term adds λ/m·W[l] to each dW[l] (notes 000 §1.4)
        weights = {f"W{k}": caches[k - 1].layer.linear.W for k in range(1, L + 1)}
        for key, dW_l2 in _l2_penalty_grad(weights, lambd, m).items():
            grads[key] = grads[key] + dW_l2
    return {key: grads[key] for k in range(1, L + 1) for key in (f"W{k}", f"b{k}")}
# --8<-- [end:model_backward]


# --8<-- [start:compute_cost]
def _compute_cost(
    AL: np.ndarray, Y: np.ndarray, params: dict[str, np.ndarray] | None = None,
    lambd: float = 0.0, *, output: str = "sigmoid",
) -> float:
    """J = (1/m)·Σ_i L(a⁽ⁱ⁾, y⁽ⁱ⁾) + λ/(2m)·Σ_l ‖W[l]‖²_F, L the cross-entropy (003 §2.3, 000 §1.4).

    >>> print(f"{_compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])):.4f}")
    0.2798
    """
    m = AL.shape[1]
    if output == "sigmoid":  # every output unit is a binary classifier
        losses = _binary_cross_entropy(AL, Y)
    else:  # softmax: H(y, a) = −Σ_k y_k·log a_k per example
        losses = _cross_entropy(Y, AL, axis=0)
    cost = float(np.sum(losses)) / m
    if params is not None and lambd > 0:  # the L2 term (notes 000 §1.4)
        cost += _l2_penalty(params, lambd, m)
    return cost
# --8<-- [end:compute_cost]


# --8<-- [start:compute_cost_from_logits]
def _compute_cost_from_logits(
    ZL: np.ndarray, Y: np.ndarray, params: dict[str, np.ndarray] | None = None,
    lambd: float = 0.0, *, output: str = "sigmoid",
) -> float:
    """The J of _compute_cost from the logits Z[L]: finite where A[L] rounds to 0 or 1.

    >>> ZL, Y = np.array([[2.0, -1.0, 800.0]]), np.array([[1.0, 0.0, 0.0]])
    >>> print(f"{_compute_cost_from_logits(ZL, Y):.4f}")  # the third example costs 800
    266.8134
    """
    m = ZL.shape[1]
    if output == "sigmoid":
        losses = _binary_cross_entropy_with_logits(ZL, Y)
    else:
        losses = _softmax_cross_entropy(ZL, Y, axis=0)
    cost = float(np.sum(losses)) / m
    if params is not None and lambd > 0:  # the L2 term (notes 000 §1.4)
        cost += _l2_penalty(params, lambd, m)
    return cost
# --8<-- [end:compute_cost_from_logits]


# --8<-- [start:predict]
def _predict(
    X: np.ndarray, params: dict[str, np.ndarray], *, hidden: str = "relu",
    output: str = "sigmoid",
) -> np.ndarray:
    """ŷ = 1 where a[L] > 0.5, else 0; softmax: the one-hot column of the likeliest class.

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])}
    >>> print(_predict(np.array([[-2.0, 0.0, 3.0]]), params))
    [[0. 0. 1.]]
    """
    AL, _ = _model_forward(X, params, hidden=hidden, output=output)  # no dropout
    if output == "softmax":
        return (np.arange(AL.shape[0])[:, None] == np.argmax(AL, axis=0)).astype(AL.dtype)
    return (AL > 0.5).astype(AL.dtype)
# --8<-- [end:predict]


OPTIMIZERS = (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)  # with update_unchecked


# --8<-- [start:train]
def _train(
    X: np.ndarray, Y: np.ndarray, params: dict[str, np.ndarray], optimizer: Any, *,
    num_epochs: int, rng: np.random.Generator, batch_size: int | None = None,
    lambd: float = 0.0, keep_prob: float | list[float] = 1.0, hidden: str = "relu",
    output: str = "sigmoid", record_every: int = 100,
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Batch or mini-batch gradient descent from params with any optimizer (notes 004 §2.1).

    >>> class GD:  # θ ← θ − α·dθ, with the init/update pair of an optimizer
    ...     def init(self, params): return None
    ...     def update(self, params, grads, state):
    ...         return {k: params[k] - 0.5 * grads[k] for k in params}, state
    >>> X, Y = np.array([[-2.0, -1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> params = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    >>> params, costs = _train(X, Y, params, GD(), num_epochs=100, rng=None, record_every=50)
    >>> print(costs.round(4))
    [0.6931 0.0321]
    """
    state, costs, m = optimizer.init(params), [], X.shape[1]
    for epoch in range(num_epochs):
        batches = [(X, Y)] if batch_size is None else _random_mini_batches(
            X, Y, batch_size, rng=rng)
        total = 0.0
        for X_t, Y_t in batches:
            AL, caches = _model_forward(X_t, params, hidden=hidden, output=output,
                                        keep_prob=keep_prob, rng=rng)
            if epoch % record_every == 0:  # J{t} from the logits: finite where A[L] is 0 or 1
                J_t = _compute_cost_from_logits(caches[-1].layer.Z, Y_t, params, lambd,
                                                output=output)
                total += Y_t.shape[1] * J_t
            grads = _model_backward(AL, Y_t, caches, lambd=lambd)
            params, state = optimizer.update(params, grads, state)
        if epoch % record_every == 0:
            costs.append(total / m)
    return params, np.array(costs)
# --8<-- [end:train]


# The public functions: validate at the boundary, then call the reference.

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
        with one value per hidden layer (length L−1); a 0-d array is its number. 1.0 means
        no dropout for that layer. Dropout is never applied to the input or the output layer.
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
    checked = _params(params, X_arr.shape[0])
    hidden_g = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    output_g = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    keep = _keep_probs(keep_prob, len(checked) // 2 - 1)
    gen = check_rng(rng) if min(keep, default=1.0) < 1.0 else None
    if output_g == "softmax" and checked[f"W{len(checked) // 2}"].shape[0] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    return _model_forward(X_arr, checked, hidden=hidden_g, output=output_g, keep_prob=keep,
                          rng=gen)


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
        entry is outside [0, 1], or ``lambd < 0``.
    TypeError
        If ``lambd > 0`` and ``params`` is None or not a dict of arrays.

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
    out = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    AL_arr, Y_arr = _outputs_and_labels(AL, Y, out)
    lam = check_scalar(lambd, "lambd", low=0.0)
    weights = _weights(params, lam)
    return _compute_cost(AL_arr, Y_arr, weights, lam, output=out)


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
    weights = _weights(params, lam)
    return _compute_cost_from_logits(Z, Y_arr, weights, lam, output=out)


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
    return _model_backward(AL_arr, Y_arr, caches, lambd=lam)


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
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    checked = _params(params, X_arr.shape[0])
    hidden_g = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    output_g = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    if output_g == "softmax" and checked[f"W{len(checked) // 2}"].shape[0] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    return _predict(X_arr, checked, hidden=hidden_g, output=output_g)


def train(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: Sequence[int],
    optimizer: Any,
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
        ``lambd < 0``, a keep probability is outside (0, 1], or a name is unknown; or if
        the training overflows (a NumPy overflow or invalid operation in a step, from inputs
        such as an X entry of 1e300 or a far too large learning rate) instead of returning
        inf or NaN parameters.
    TypeError
        If ``optimizer`` has no ``init``/``update`` methods, ``rng`` is not a Generator, a
        count is not an int, or a name (``initialization``, ``hidden``, ``output``) is not a
        string.

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

    The arguments are checked once, here; each step then runs the references of
    ``model_forward``, ``compute_cost_from_logits`` and ``model_backward`` and the
    optimizer's ``update``.

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
    check_choice(initialization, "initialization", METHODS)  # named as train calls it
    params = initialize_parameters(layer_dims, initialization, rng=gen, scale=scale)
    out = check_choice(output, "output", OUTPUT_ACTIVATIONS)
    X_arr, Y_arr = _training_set(X, Y, [int(n) for n in layer_dims], out)
    hid = check_choice(hidden, "hidden", HIDDEN_ACTIVATIONS)
    keep = _keep_probs(keep_prob, len(params) // 2 - 1)
    opt, lam = _check_optimizer(optimizer), check_scalar(lambd, "lambd", low=0.0)
    epochs = check_int(num_epochs, "num_epochs", low=1)
    every = check_int(record_every, "record_every", low=1)
    size = None if batch_size is None else check_int(batch_size, "batch_size", low=1)
    params = {key: value.astype(X_arr.dtype) for key, value in params.items()}
    if type(opt) in OPTIMIZERS:  # checked at its first step; its own steps need no check
        opt = _CheckedOnce(opt)
    try:
        with np.errstate(over="raise", invalid="raise"):
            return _train(X_arr, Y_arr, params, opt, num_epochs=epochs, rng=gen,
                          batch_size=size, lambd=lam, keep_prob=keep, hidden=hid,
                          output=out, record_every=every)
    except FloatingPointError as err:  # an overflow is the inputs' scale or the step size
        what = "produced NaN" if "invalid" in str(err) else "overflowed"
        raise ValueError(
            f"training {what} ({err}): the entries of X (largest |x| = "
            f"{float(np.max(np.abs(X_arr))):.3g}), the initial scale ({scale!r}) or the "
            "optimizer's learning rate are too large for float arithmetic; standardize X or "
            "lower the learning rate"
        ) from None


# The boundary checks.

def _params(params: object, n_x: int) -> dict[str, np.ndarray]:
    """{W1, b1, …, WL, bL} as finite float arrays whose shapes chain (notes 003 §4.3)."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    L = len(params) // 2
    keys = {f"{p}{k}" for k in range(1, L + 1) for p in "Wb"}
    if L < 1 or set(params) != keys:
        raise ValueError(
            f"params must have the keys W1, b1, …, WL, bL (got {sorted(map(str, params))})"
        )
    checked, n_prev = {}, n_x
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
        checked[f"W{k}"], checked[f"b{k}"] = W, b
        n_prev = W.shape[0]
    return checked


def _weights(params: object, lambd: float) -> dict[str, np.ndarray] | None:
    """The "W…" entries of params as finite float arrays, when the L2 term needs them."""
    if lambd == 0:
        return None
    if params is None:  # a missing argument is a TypeError, as Python's own
        raise TypeError(
            f"params must be a dict of arrays when lambd > 0 (got None, lambd={lambd!r})"
        )
    return _penalty_weights(params)  # the regularization chapter's check of the same dict


def _keep_probs(keep_prob: object, n_hidden: int) -> list[float]:
    """One keep probability per hidden layer, each in (0, 1]."""
    if isinstance(keep_prob, np.ndarray) and keep_prob.ndim == 0:
        keep_prob = keep_prob[()]  # a 0-d array is the number it holds
    if isinstance(keep_prob, numbers.Real) and not isinstance(keep_prob, bool | np.bool_):
        p = check_scalar(keep_prob, "keep_prob", low=0.0, high=1.0, low_inclusive=False)
        return [p] * n_hidden
    if isinstance(keep_prob, Sequence | np.ndarray) and not isinstance(keep_prob, str):
        values = list(keep_prob)
        for i, v in enumerate(values):  # the kind of each entry before the count
            if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Real):
                raise TypeError(f"keep_prob[{i}] must be a real number (got {type(v).__name__})")
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


def _outputs_and_labels(
    AL: object, Y: object, output: str, *, name: str = "AL", probabilities: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """AL (or the logits ZL) and Y as finite 2-D float arrays of one shape; Y in [0, 1] (and
    AL too, for probabilities), Y's columns summing to 1 for a softmax output."""
    AL_arr = as_float_array(AL, name)
    check_ndim(AL_arr, name, 2)
    Y_arr = as_float_array(Y, "Y")
    check_same_shape(AL_arr, Y_arr, name, "Y")
    checked = ((name, AL_arr), ("Y", Y_arr)) if probabilities else (("Y", Y_arr),)
    for label, arr in checked:
        low, high = arr.min(), arr.max()
        if not (0 <= low and high <= 1):
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


class _CheckedOnce:
    """A dlnotes optimizer whose update checks the first step only: train's later steps hand it
    the arrays that step returned and gradients of the same keys, shapes and dtype."""

    def __init__(self, optimizer: Any) -> None:
        self.optimizer, self.checked = optimizer, False

    def init(self, params: dict[str, np.ndarray]) -> Any:
        return self.optimizer.init(params)

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray],
               state: Any) -> tuple[dict[str, np.ndarray], Any]:
        if self.checked:
            return self.optimizer.update_unchecked(params, grads, state)
        self.checked = True
        return self.optimizer.update(params, grads, state)


def _check_optimizer(optimizer: object) -> Any:
    """An object with the init(params) and update(params, grads, state) of dlnotes.optimizers."""
    methods = all(callable(getattr(optimizer, name, None)) for name in ("init", "update"))
    if isinstance(optimizer, type) or not methods:
        got = (f"the class {optimizer.__name__}" if isinstance(optimizer, type)
               else type(optimizer).__name__)
        raise TypeError(
            "optimizer must have init(params) and update(params, grads, state) methods, "
            f"e.g. dlnotes.optimizers.SGD(lr=0.01) (got {got})"
        )
    return optimizer


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
    Y_arr = as_float_array(Y, "Y")
    if Y_arr.shape != (dims[-1], X_arr.shape[1]):
        raise ValueError(
            f"Y must have shape (n[L], m) = {(dims[-1], X_arr.shape[1])} (got {Y_arr.shape})"
        )
    if output == "softmax" and dims[-1] < 2:
        raise ValueError("a softmax output needs n[L] >= 2 units (got 1); use 'sigmoid'")
    # Y in [0, 1], and one-hot (summing to 1) columns for a softmax output; checked in Y's own
    # dtype, before the cast to X's (where a float64 1e39 would overflow float32)
    _outputs_and_labels(Y_arr, Y_arr, output, name="Y", probabilities=False)
    return X_arr, Y_arr.astype(X_arr.dtype, copy=False)
