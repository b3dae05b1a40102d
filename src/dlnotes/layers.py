r"""Building blocks of a dense network: one layer's forward and backward functions.

Mirrors notes 003 §4.2-4.5 and 002 (forward/backward shapes). Layer :math:`l` maps
:math:`A^{[l-1]}` of shape :math:`(n^{[l-1]}, m)` to :math:`Z^{[l]} = W^{[l]}A^{[l-1]} +
b^{[l]}` and :math:`A^{[l]} = g^{[l]}(Z^{[l]})`, both :math:`(n^{[l]}, m)`, and keeps a cache
for the backward function, which maps :math:`dA^{[l]}` to :math:`dA^{[l-1]}, dW^{[l]},
db^{[l]}`.

Gradient convention (the notes'): ``dZ`` and ``dA`` are per-example gradients, column
:math:`i` being :math:`\partial \mathcal{L}^{(i)}/\partial z^{(i)}`, which is :math:`m` times
:math:`\partial J/\partial Z` for the cost :math:`J = \frac{1}{m}\sum_i \mathcal{L}^{(i)}`. The
:math:`\frac{1}{m}` is applied once, in ``dW`` and ``db``, which are therefore exactly
:math:`\partial J/\partial W` and :math:`\partial J/\partial b`.
"""

from __future__ import annotations

# --8<-- [start:imports]
from typing import NamedTuple

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import as_float_array, check_choice, check_ndim
from dlnotes.activations import (
    _leaky_relu,
    _leaky_relu_grad,
    _relu,
    _relu_grad,
    _sigmoid,
    _sigmoid_grad,
    _softmax,
    _tanh,
    _tanh_grad,
)

# The references: what the chapter shows. Plain NumPy on arrays already checked.

# --8<-- [start:caches]
class LinearCache(NamedTuple):
    """What linear_backward needs: the layer's input A[l−1] and its parameters W[l], b[l].

    >>> print(LinearCache(np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1))).A_prev.shape)
    (2, 3)
    """

    A_prev: np.ndarray
    W: np.ndarray
    b: np.ndarray


class ActivationCache(NamedTuple):
    """What linear_activation_backward needs: the linear cache, Z[l] and the name of g[l].

    >>> print(ActivationCache(LinearCache(None, None, None), np.zeros((1, 3)), "relu").activation)
    relu
    """

    linear: LinearCache
    Z: np.ndarray
    activation: str
# --8<-- [end:caches]


__all__ = [
    "ACTIVATIONS",
    "ActivationCache",
    "LinearCache",
    "activation_backward",
    "activation_forward",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
]

#: Names accepted for :math:`g^{[l]}`; "linear" is the identity (for regression outputs and for
#: showing why a hidden layer needs a non-linearity).
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "linear", "softmax")


# --8<-- [start:linear_forward]
def _linear_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, LinearCache]:
    """Z[l] = W[l]·A[l−1] + b[l], b broadcast over the m columns (notes 003 §4.2).

    >>> Z, cache = _linear_forward(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0]]),
    ...                            np.array([[0.5]]))
    >>> print(Z)
    [[-1.5 -1.5]]
    """
    Z = W @ A_prev + b
    return Z, LinearCache(A_prev, W, b)
# --8<-- [end:linear_forward]


# --8<-- [start:linear_backward]
def _linear_backward(
    dZ: np.ndarray, cache: LinearCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """dW = (1/m)·dZ·A[l−1]ᵀ, db = (1/m)·Σ_i dZ⁽ⁱ⁾, dA[l−1] = W[l]ᵀ·dZ (notes 003 §4.2).

    >>> cache = LinearCache(np.array([[1.0, 3.0]]), np.array([[2.0]]), np.array([[0.0]]))
    >>> dA_prev, dW, db = _linear_backward(np.array([[1.0, 1.0]]), cache)
    >>> print(dA_prev, dW, db)
    [[2. 2.]] [[2.]] [[1.]]
    """
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
# --8<-- [end:linear_backward]


# --8<-- [start:activation_forward]
def _activation_forward(Z: np.ndarray, activation: str) -> np.ndarray:
    """A = g(Z) for the g named by activation (softmax over axis 0; leaky ReLU: slope 0.01).

    >>> print(_activation_forward(np.array([[-2.0, 0.0, 3.0]]), "relu"))
    [[0. 0. 3.]]
    """
    if activation == "relu":
        return _relu(Z)
    if activation == "tanh":
        return _tanh(Z)
    if activation == "sigmoid":
        return _sigmoid(Z)
    if activation == "leaky_relu":
        return _leaky_relu(Z, 0.01)
    if activation == "softmax":
        return _softmax(Z, axis=0)
    return Z.copy()  # "linear": the identity
# --8<-- [end:activation_forward]


# --8<-- [start:activation_backward]
def _activation_backward(dA: np.ndarray, Z: np.ndarray, activation: str) -> np.ndarray:
    """dZ = dA * g'(Z), elementwise (notes 003 §4.2 step [1]); softmax: A ⊙ (dA − Σ_k A_k·dA_k).

    >>> print(_activation_backward(np.ones((1, 3)), np.array([[-2.0, 0.0, 3.0]]), "relu"))
    [[0. 0. 1.]]
    """
    if activation == "relu":
        return dA * _relu_grad(Z)
    if activation == "tanh":
        return dA * _tanh_grad(Z)
    if activation == "sigmoid":
        return dA * _sigmoid_grad(Z)
    if activation == "leaky_relu":
        return dA * _leaky_relu_grad(Z, 0.01)
    if activation == "softmax":  # softmax mixes the units of a column: its Jacobian times dA
        A = _softmax(Z, axis=0)
        return A * (dA - np.sum(A * dA, axis=0, keepdims=True))
    return dA.copy()  # "linear": g' = 1
# --8<-- [end:activation_backward]


# --8<-- [start:linear_activation_forward]
def _linear_activation_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, activation: str
) -> tuple[np.ndarray, ActivationCache]:
    """One layer's forward block: Z[l] = W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]) (notes 003 §4.5).

    >>> A, cache = _linear_activation_forward(np.array([[1.0, -1.0]]), np.array([[2.0]]),
    ...                                       np.array([[0.0]]), "relu")
    >>> print(A, cache.Z)
    [[2. 0.]] [[ 2. -2.]]
    """
    Z, linear_cache = _linear_forward(A_prev, W, b)
    return _activation_forward(Z, activation), ActivationCache(linear_cache, Z, activation)
# --8<-- [end:linear_activation_forward]


# --8<-- [start:linear_activation_backward]
def _linear_activation_backward(
    dA: np.ndarray, cache: ActivationCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One layer's backward block: dZ[l] = dA[l] * g[l]'(Z[l]), then dA[l−1], dW[l], db[l].

    >>> A, cache = _linear_activation_forward(np.array([[1.0, -1.0]]), np.array([[2.0]]),
    ...                                       np.array([[0.0]]), "relu")
    >>> dA_prev, dW, db = _linear_activation_backward(np.ones((1, 2)), cache)
    >>> print(dA_prev, dW, db)
    [[2. 0.]] [[0.5]] [[0.5]]
    """
    dZ = _activation_backward(dA, cache.Z, cache.activation)
    return _linear_backward(dZ, cache.linear)
# --8<-- [end:linear_activation_backward]


# The public functions: validate at the boundary, then call the reference.



def linear_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, LinearCache]:
    r"""Linear part of a layer's forward pass, :math:`Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}`.

    Parameters
    ----------
    A_prev : array_like
        Activations of the previous layer (or X), shape (n[l-1], m): one example per column.
    W : array_like
        Weights, shape (n[l], n[l-1]).
    b : array_like
        Biases, shape (n[l], 1); broadcast over the m columns.

    Returns
    -------
    Z : numpy.ndarray
        Shape (n[l], m). float32 if every input is float32, else float64.
    cache : LinearCache
        ``(A_prev, W, b)`` as arrays, for :func:`linear_backward`.

    Raises
    ------
    ValueError
        If an input is not 2-D, is empty or not finite, if ``W.shape[1] != A_prev.shape[0]``
        or ``b.shape != (W.shape[0], 1)``.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Notes 003 §4.2 (vectorized over the m examples; :math:`b^{[l]}` is broadcast):

    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad
        (n^{[l]}, m) = (n^{[l]}, n^{[l-1]})\,(n^{[l-1]}, m) + (n^{[l]}, 1)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_forward
    >>> A_prev = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> W = np.array([[1.0, 0.0, -1.0]])
    >>> Z, cache = linear_forward(A_prev, W, np.array([[0.5]]))
    >>> print(Z, Z.shape)
    [[-3.5 -3.5]] (1, 2)
    """
    A = _matrix(A_prev, "A_prev")
    W_arr = _matrix(W, "W")
    b_arr = _matrix(b, "b")
    if W_arr.shape[1] != A.shape[0]:
        raise ValueError(
            f"W must have A_prev.shape[0] = {A.shape[0]} columns, shape (n[l], n[l-1]) "
            f"(got W {W_arr.shape} and A_prev {A.shape})"
        )
    if b_arr.shape != (W_arr.shape[0], 1):
        raise ValueError(f"b must have shape (n[l], 1) = {(W_arr.shape[0], 1)} (got {b_arr.shape})")
    return _linear_forward(A, W_arr, b_arr)


def linear_backward(
    dZ: np.ndarray, cache: LinearCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Linear part of a layer's backward pass: :math:`dA^{[l-1]}, dW^{[l]}, db^{[l]}`.

    Parameters
    ----------
    dZ : array_like
        Per-example gradient with respect to :math:`Z^{[l]}`, shape (n[l], m) (see the module
        docstring: :math:`m \cdot \partial J/\partial Z`).
    cache : LinearCache or tuple
        ``(A_prev, W, b)`` from :func:`linear_forward` (a plain tuple is accepted too),
        checked like the arguments of :func:`linear_forward`.

    Returns
    -------
    dA_prev : numpy.ndarray
        :math:`W^{[l]T} dZ^{[l]}`, shape (n[l-1], m): the per-example gradient for layer l-1.
    dW : numpy.ndarray
        :math:`\partial J/\partial W^{[l]}`, shape (n[l], n[l-1]).
    db : numpy.ndarray
        :math:`\partial J/\partial b^{[l]}`, shape (n[l], 1).

    Raises
    ------
    ValueError
        If ``dZ`` is not (n[l], m) for the cached layer, or is empty or not finite; or if the
        cache's arrays are not 2-D, finite and of chaining shapes (the message names
        ``cache.A_prev``, ``cache.W`` or ``cache.b``).
    TypeError
        If ``cache`` is not a 3-tuple ``(A_prev, W, b)`` or an array is not real-valued.

    Notes
    -----
    Notes 003 §4.2, steps [2]-[4] vectorized:

    .. math::
        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}, \qquad
        db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}, \qquad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_forward, linear_backward
    >>> A_prev = np.array([[1.0, 3.0]])
    >>> Z, cache = linear_forward(A_prev, np.array([[2.0]]), np.array([[0.0]]))
    >>> dA_prev, dW, db = linear_backward(np.array([[1.0, 1.0]]), cache)
    >>> print(dA_prev, dW, db)
    [[2. 2.]] [[2.]] [[1.]]
    """
    A_prev, W, b = _linear_cache(cache)
    dZ_arr = as_float_array(dZ, "dZ")
    expected = (W.shape[0], A_prev.shape[1])
    if dZ_arr.shape != expected:
        raise ValueError(f"dZ must have shape (n[l], m) = {expected} (got {dZ_arr.shape})")
    return _linear_backward(dZ_arr, LinearCache(A_prev, W, b))


def activation_forward(Z: np.ndarray, activation: str) -> np.ndarray:
    r"""The activation :math:`A = g(Z)` by name (the output layer's softmax is over axis 0).

    Parameters
    ----------
    Z : array_like
        Pre-activations, shape (n[l], m).
    activation : str
        One of ``"relu"``, ``"tanh"``, ``"sigmoid"``, ``"leaky_relu"`` (slope 0.01),
        ``"linear"``, ``"softmax"``.

    Returns
    -------
    numpy.ndarray
        :math:`g(Z)`, shaped like ``Z``.

    Raises
    ------
    ValueError
        If ``activation`` is not one of the names above, or ``Z`` is empty or not finite.

    Notes
    -----
    See [Activations](../activations.md) for each :math:`g`; here they are only selected.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import activation_forward
    >>> print(activation_forward(np.array([[-2.0, 0.0, 3.0]]), "relu"))
    [[0. 0. 3.]]
    """
    name = check_choice(activation, "activation", ACTIVATIONS)
    return _activation_forward(as_float_array(Z, "Z"), name)


def activation_backward(dA: np.ndarray, Z: np.ndarray, activation: str) -> np.ndarray:
    r"""Backward through :math:`A = g(Z)`: :math:`dZ = dA \odot g'(Z)` (softmax: its Jacobian).

    Parameters
    ----------
    dA : array_like
        Gradient with respect to :math:`A`, shaped like ``Z``.
    Z : array_like
        The pre-activations the forward pass saw.
    activation : str
        The name given to :func:`activation_forward`.

    Returns
    -------
    numpy.ndarray
        :math:`dZ`, shaped like ``Z``.

    Raises
    ------
    ValueError
        If ``activation`` is unknown, the shapes differ, or an input is empty or not finite.

    Notes
    -----
    Notes 003 §4.2 step [1], :math:`dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})`, with
    :math:`g'` from notes 003 §3.8 (ReLU's derivative taken as 0 at 0). Softmax mixes the
    units of a column, so its backward pass is a Jacobian-vector product:

    .. math:: dZ = A \odot \Bigl(dA - \textstyle\sum_k A_k\, dA_k\Bigr)
        \quad\text{(sum over axis 0)}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import activation_backward
    >>> print(activation_backward(np.ones((1, 3)), np.array([[-2.0, 0.0, 3.0]]), "relu"))
    [[0. 0. 1.]]
    """
    name = check_choice(activation, "activation", ACTIVATIONS)
    Z_arr = as_float_array(Z, "Z")
    dA_arr = as_float_array(dA, "dA")
    if dA_arr.shape != Z_arr.shape:
        raise ValueError(f"dA must have the shape of Z {Z_arr.shape} (got {dA_arr.shape})")
    return _activation_backward(dA_arr, Z_arr, name)


def linear_activation_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, activation: str
) -> tuple[np.ndarray, ActivationCache]:
    r"""One layer's forward function (notes 003 §4.5): :math:`A^{[l]} = g(W A^{[l-1]} + b)`.

    Parameters
    ----------
    A_prev, W, b : array_like
        As for :func:`linear_forward`.
    activation : str
        As for :func:`activation_forward`.

    Returns
    -------
    A : numpy.ndarray
        Shape (n[l], m).
    cache : ActivationCache
        ``(linear_cache, Z, activation)`` for :func:`linear_activation_backward`.

    Raises
    ------
    ValueError
        As :func:`linear_forward`, or for an unknown ``activation``.

    Notes
    -----
    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]})

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_activation_forward
    >>> A, cache = linear_activation_forward(
    ...     np.array([[1.0, -1.0]]), np.array([[2.0]]), np.array([[0.0]]), "relu")
    >>> print(A, cache.Z)
    [[2. 0.]] [[ 2. -2.]]
    """
    name = check_choice(activation, "activation", ACTIVATIONS)
    _, linear_cache = linear_forward(A_prev, W, b)  # checks the arrays
    return _linear_activation_forward(*linear_cache, name)


def linear_activation_backward(
    dA: np.ndarray, cache: ActivationCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""One layer's backward function (notes 003 §4.5): :math:`dA^{[l]} \mapsto dA^{[l-1]},
    dW^{[l]}, db^{[l]}`.

    Parameters
    ----------
    dA : array_like
        Per-example gradient with respect to :math:`A^{[l]}`, shape (n[l], m).
    cache : ActivationCache or tuple
        ``(linear_cache, Z, activation)`` from :func:`linear_activation_forward`.

    Returns
    -------
    dA_prev, dW, db : numpy.ndarray
        As for :func:`linear_backward`.

    Raises
    ------
    ValueError
        If ``dA`` is not shaped like the cached Z, or a part of the cache is malformed: its
        activation unknown, its arrays not 2-D and finite, their shapes not chaining (the
        message names ``cache.Z``, ``cache.activation`` or ``cache.linear.W``, …).
    TypeError
        If ``cache`` is not a 3-tuple ``(linear_cache, Z, activation)`` or an array is not
        real-valued.

    Notes
    -----
    .. math:: dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]}), \quad
        dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad
        db^{[l]} = \tfrac{1}{m} \textstyle\sum_i dZ^{[l](i)}, \quad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_activation_forward, linear_activation_backward
    >>> A, cache = linear_activation_forward(
    ...     np.array([[1.0, -1.0]]), np.array([[2.0]]), np.array([[0.0]]), "relu")
    >>> dA_prev, dW, db = linear_activation_backward(np.ones((1, 2)), cache)
    >>> print(dA_prev, dW, db)
    [[2. 0.]] [[0.5]] [[0.5]]
    """
    if not isinstance(cache, tuple) or len(cache) != 3 or not isinstance(cache[2], str):
        raise TypeError(
            "cache must be the (linear_cache, Z, activation) tuple of linear_activation_forward "
            f"(got {type(cache).__name__})"
        )
    linear_cache, Z, activation = cache
    # the cache's parts are named as parts of the cache: a malformed cache is the cache's fault
    A_prev, W, b = _linear_cache(linear_cache, "cache.linear")
    name = check_choice(activation, "cache.activation", ACTIVATIONS)
    Z_arr = _matrix(Z, "cache.Z")
    if Z_arr.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(
            f"cache.Z must have the shape (n[l], m) = {(W.shape[0], A_prev.shape[1])} of the "
            f"cache's linear part (got {Z_arr.shape})"
        )
    dA_arr = as_float_array(dA, "dA")
    if dA_arr.shape != Z_arr.shape:
        raise ValueError(f"dA must have the shape of cache.Z {Z_arr.shape} (got {dA_arr.shape})")
    return _linear_activation_backward(
        dA_arr, ActivationCache(LinearCache(A_prev, W, b), Z_arr, name)
    )


def _matrix(x: object, name: str) -> np.ndarray:
    arr = as_float_array(x, name)
    check_ndim(arr, name, 2)
    return arr


def _linear_cache(cache: object, name: str = "cache") -> LinearCache:
    """The (A_prev, W, b) of linear_forward as 2-D arrays whose shapes chain; every message
    names the cache (``cache.W``), since a malformed cache is the cache's fault."""
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(
            f"{name} must be the (A_prev, W, b) tuple of linear_forward "
            f"(got {type(cache).__name__})"
        )
    A_prev, W, b = (
        _matrix(x, f"{name}.{n}") for x, n in zip(cache, ("A_prev", "W", "b"), strict=True)
    )
    if W.shape[1] != A_prev.shape[0] or b.shape != (W.shape[0], 1):
        raise ValueError(
            f"{name} must hold A_prev (n[l-1], m), W (n[l], n[l-1]) and b (n[l], 1) "
            f"(got shapes {A_prev.shape}, {W.shape} and {b.shape})"
        )
    return LinearCache(A_prev, W, b)
