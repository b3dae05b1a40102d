r"""Logistic regression (逻辑回归) trained by gradient descent, vectorized over the examples.

Mirrors notes 003 §2.2-2.4 and §2.7-2.11. The parameters are a weight column ``w`` of shape
(n_x, 1) and a scalar bias ``b``; the inputs ``X`` are (n_x, m) with one example per column and
the labels ``Y`` are (1, m) of 0/1.
"""

from __future__ import annotations

import numpy as np

from dlnotes._validation import as_float_array, check_int, check_ndim, check_scalar
from dlnotes.activations import _sigmoid
from dlnotes.losses import _binary_cross_entropy_with_logits

__all__ = ["optimize", "predict", "propagate"]


# The references: what the chapter shows. Plain NumPy on arrays already checked.

# --8<-- [start:propagate]
def _propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[dict, float]:
    """Z = wᵀX + b, A = σ(Z), J, dZ = A − Y, dw = (1/m)·X·dZᵀ, db = (1/m)·Σ dz (notes 003 §2.11).

    >>> X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1.0, 0.0, 1.0]])
    >>> grads, cost = _propagate(np.array([[1.0], [2.0]]), 2.0, X, Y)
    >>> print(grads["w"].ravel().round(4), f"{grads['b']:.4f} {cost:.4f}")
    [0.9985 2.3951] 0.0015 5.8015
    """
    m = X.shape[1]
    Z = w.T @ X + b
    A = _sigmoid(Z)
    # J from the logits, mean of log(1 + e^z) − y·z: finite where σ(z) rounds to 0 or 1
    cost = float(np.mean(_binary_cross_entropy_with_logits(Z, Y)))
    dZ = A - Y
    dw = X @ dZ.T / m
    db = float(np.sum(dZ)) / m
    return {"w": dw, "b": db}, cost
# --8<-- [end:propagate]


# --8<-- [start:optimize]
def _optimize(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray, *,
    num_iterations: int, learning_rate: float,
) -> tuple[np.ndarray, float, np.ndarray]:
    """w := w − α·dw, b := b − α·db, num_iterations times; J before each step (notes 003 §2.4).

    >>> X, Y = np.array([[-2.0, -1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> w, b, costs = _optimize(np.zeros((1, 1)), 0.0, X, Y, num_iterations=100, learning_rate=0.5)
    >>> print(f"{costs[0]:.4f} {costs[-1]:.4f}")
    0.6931 0.0176
    """
    costs = []
    for _ in range(num_iterations):
        grads, cost = _propagate(w, b, X, Y)
        w = w - learning_rate * grads["w"]
        b = b - learning_rate * grads["b"]
        costs.append(cost)
    return w, b, np.array(costs)
# --8<-- [end:optimize]


# --8<-- [start:predict]
# named apart from dlnotes.network's _predict, so that the chapter's code pastes as one file
def _logistic_predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    """ŷ = 1 where σ(wᵀx + b) > 0.5, else 0, in the dtype of A (notes 003 §2.11).

    >>> print(_logistic_predict(np.array([[1.0]]), -0.5, np.array([[0.0, 0.4, 0.6, 2.0]])))
    [[0. 0. 1. 1.]]
    """
    A = _sigmoid(w.T @ X + b)
    return (A > 0.5).astype(A.dtype)
# --8<-- [end:predict]


# The public functions: validate at the boundary, then call the reference.

def _inputs(w: object, b: object, X: object) -> tuple[np.ndarray, float, np.ndarray]:
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    w_arr = as_float_array(w, "w")
    if w_arr.shape != (X_arr.shape[0], 1):
        raise ValueError(
            f"w must have shape (n_x, 1) = {(X_arr.shape[0], 1)} to match X {X_arr.shape} "
            f"(got {w_arr.shape})"
        )
    if isinstance(b, bool | np.bool_) or np.asarray(b).dtype == bool:  # a bool is no number
        raise TypeError(f"b must be a real number (got {type(b).__name__})")
    b_arr = as_float_array(b, "b")
    if b_arr.size != 1:
        raise ValueError(f"b must be a scalar (got an array of shape {b_arr.shape})")
    return w_arr, float(b_arr.reshape(())), X_arr


def _labels(Y: object, m: int) -> np.ndarray:
    Y_arr = as_float_array(Y, "Y")
    if Y_arr.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = {(1, m)} to match X (got {Y_arr.shape})")
    if ((Y_arr < 0) | (Y_arr > 1)).any():
        raise ValueError(
            f"Y must be in [0, 1] (got values from {Y_arr.min()!r} to {Y_arr.max()!r})"
        )
    return Y_arr


def propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[dict[str, np.ndarray | float], float]:
    r"""One forward and backward pass of logistic regression: the gradients and the cost.

    Parameters
    ----------
    w : array_like
        Weights, shape (n_x, 1).
    b : float
        Bias, a real number (a size-1 array is accepted too).
    X : array_like
        Inputs, shape (n_x, m): example :math:`x^{(i)}` is column i.
    Y : array_like
        Labels, shape (1, m), each in [0, 1] (0/1 for classification).

    Returns
    -------
    grads : dict
        ``"w"``: :math:`\partial J/\partial w`, shape (n_x, 1), float32 if ``w`` and ``X`` are
        float32; ``"b"``: :math:`\partial J/\partial b`, a float.
    cost : float
        :math:`J(w, b)`, the mean binary cross-entropy.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``w`` is not (n_x, 1), ``b`` is not a single number, ``Y`` is not
        (1, m) (a (m,) vector is an error, not a broadcast), ``Y`` is outside [0, 1], or an
        input is not finite.
    TypeError
        If an input is not real-valued, or ``b`` is a bool (a bool is not a number).

    Notes
    -----
    Notes 003 §2.11, with the cost of §2.3 written in terms of the logits :math:`Z`, which is
    the same function but stays finite when :math:`\sigma(z)` rounds to 0 or 1:

    .. math::
        Z = w^T X + b, \quad A = \sigma(Z), \quad
        J = \frac{1}{m}\sum_{i=1}^{m} \Bigl(\log\bigl(1 + e^{z^{(i)}}\bigr) - y^{(i)} z^{(i)}\Bigr)
        = -\frac{1}{m}\sum_i \Bigl(y^{(i)}\log a^{(i)} + (1 - y^{(i)})\log(1 - a^{(i)})\Bigr)

    .. math::
        dZ = A - Y, \qquad \frac{\partial J}{\partial w} = \frac{1}{m} X\, dZ^T, \qquad
        \frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic import propagate
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1.0, 0.0, 1.0]])
    >>> grads, cost = propagate(np.array([[1.0], [2.0]]), 2.0, X, Y)
    >>> print(np.round(grads["w"].ravel(), 4), f"{grads['b']:.4f}", f"{cost:.4f}")
    [0.9985 2.3951] 0.0015 5.8015
    """
    w_arr, b_val, X_arr = _inputs(w, b, X)
    return _propagate(w_arr, b_val, X_arr, _labels(Y, X_arr.shape[1]))


def optimize(
    w: np.ndarray,
    b: float,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    num_iterations: int,
    learning_rate: float,
) -> tuple[np.ndarray, float, np.ndarray]:
    r"""Batch gradient descent on :math:`J(w, b)` from ``(w, b)``; returns the cost history.

    Parameters
    ----------
    w, b, X, Y
        As for :func:`propagate`; ``w`` and ``b`` are the starting point (not modified).
    num_iterations : int
        Number of gradient-descent steps, >= 1.
    learning_rate : float
        The step size :math:`\alpha`, > 0.

    Returns
    -------
    w : numpy.ndarray
        The final weights, (n_x, 1).
    b : float
        The final bias.
    costs : numpy.ndarray
        :math:`J` before each step, shape (num_iterations,).

    Raises
    ------
    ValueError
        As :func:`propagate`, or if ``num_iterations < 1`` or ``learning_rate <= 0``; or if
        a step overflows (an X entry of 1e300, a far too large learning rate) instead of
        returning inf or NaN.
    TypeError
        As :func:`propagate`, or if ``num_iterations`` is not an int.

    Notes
    -----
    Notes 003 §2.4 and §2.11, repeated ``num_iterations`` times:

    .. math:: w := w - \alpha\,\frac{\partial J}{\partial w}, \qquad
        b := b - \alpha\,\frac{\partial J}{\partial b}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic import optimize
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]])
    >>> Y = np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> w, b, costs = optimize(np.zeros((1, 1)), 0.0, X, Y, num_iterations=100,
    ...                        learning_rate=0.5)
    >>> print(f"{costs[0]:.4f}", bool(costs[-1] < 0.1), bool(np.all(np.diff(costs) < 0)))
    0.6931 True True
    """
    n = check_int(num_iterations, "num_iterations", low=1)
    lr = check_scalar(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    w_arr, b_val, X_arr = _inputs(w, b, X)
    Y_arr = _labels(Y, X_arr.shape[1])
    try:
        with np.errstate(over="raise"):  # a NaN needs an inf first, so overflow is the one
            return _optimize(w_arr, b_val, X_arr, Y_arr, num_iterations=n, learning_rate=lr)
    except FloatingPointError as err:  # an overflow is the inputs' scale or the step size
        raise ValueError(
            f"gradient descent overflowed ({err}): the entries of X (largest |x| = "
            f"{float(np.max(np.abs(X_arr))):.3g}), w or learning_rate ({lr!r}) are too large "
            "for float arithmetic; standardize X or lower learning_rate"
        ) from None


def predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    r"""Predicted labels: 1 where :math:`\sigma(w^T x + b) > 0.5`, else 0.

    Parameters
    ----------
    w, b, X
        As for :func:`propagate`.

    Returns
    -------
    numpy.ndarray
        Shape (1, m), entries 0.0 or 1.0 in the dtype of :math:`A` (compare with ``Y``).

    Raises
    ------
    ValueError
        As :func:`propagate` (without ``Y``).
    TypeError
        As :func:`propagate`.

    Notes
    -----
    .. math:: \hat{y}^{(i)} = \begin{cases} 1 & \sigma(w^T x^{(i)} + b) > 0.5 \\
        0 & \text{otherwise}\end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic import predict
    >>> print(predict(np.array([[1.0]]), -0.5, np.array([[0.0, 0.4, 0.6, 2.0]])))
    [[0. 0. 1. 1.]]
    """
    return _logistic_predict(*_inputs(w, b, X))
