"""Activation functions (激活函数) and their derivatives.

Mirrors notes 001 pp. 43-49 (saturation, sigmoid, tanh, ReLU, Leaky ReLU, ELU), 002 (PReLU,
softmax) and 003 §3.6-3.8 (which activation where, derivatives). Every elementwise activation
``g`` has a partner ``g_grad(z, ...)`` giving :math:`g'(z)` elementwise, so a backward pass reads
``dZ = dA * g_grad(Z)``. ``softmax`` and ``log_softmax`` act along ``axis`` (default 0, the class
axis: the columns of a 2-D array are examples).

The elementwise functions accept ±inf (their limits are well defined) but not NaN; ``softmax`` and
``log_softmax`` need finite input. float32 in gives float32 out; integers are computed in float64.
"""

from __future__ import annotations

import numbers

import numpy as np

from dlnotes._validation import as_float_array, check_axis, check_scalar

__all__ = [
    "elu",
    "elu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "log_softmax",
    "prelu",
    "prelu_grad",
    "prelu_grad_alpha",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "tanh",
    "tanh_grad",
]


# The references: what the chapter shows. Plain NumPy on float arrays already checked; they
# never modify z, keep float32 float32 and raise no warning for finite z.

# --8<-- [start:sigmoid]
def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1/(1 + e^−z) = e^z/(1 + e^z) (notes 001 (6-31), Sigmoid / Logistic 函数).

    >>> print(_sigmoid(np.array([-1e4, -1.0, 0.0, 1.0, 1e4])).round(4))
    [0.     0.2689 0.5    0.7311 1.    ]
    """
    e = np.exp(-np.abs(z))  # e^−|z| ≤ 1 never overflows: the first form for z ≥ 0, the second below
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_grad]
def _sigmoid_grad(z: np.ndarray) -> np.ndarray:
    """σ'(z) = e^−z/(1 + e^−z)² = σ(z)(1 − σ(z)) = a(1 − a) (notes 001 p. 45, 003 §3.8).

    >>> print(_sigmoid_grad(np.array([-10.0, 0.0, 10.0])).round(6))
    [4.5e-05 2.5e-01 4.5e-05]
    """
    e = np.exp(-np.abs(z))  # σ' is even; e^−|z| keeps its digits where 1 − σ(z) rounds to 0
    return e / (1 + e) ** 2
# --8<-- [end:sigmoid_grad]


# --8<-- [start:tanh]
def _tanh(z: np.ndarray) -> np.ndarray:
    """tanh z = (e^z − e^−z)/(e^z + e^−z) = 2σ(2z) − 1 (notes 001 (6-33), 双曲正切函数).

    >>> print(_tanh(np.array([-1e4, 0.0, 1.0])).round(4))
    [-1.      0.      0.7616]
    """
    return np.tanh(z)  # NumPy's tanh is stable for every z
# --8<-- [end:tanh]


# --8<-- [start:tanh_grad]
def _tanh_grad(z: np.ndarray) -> np.ndarray:
    """tanh'(z) = 1 − tanh² z = 1 − a² = 4e^−2|z|/(1 + e^−2|z|)² (notes 003 §3.8).

    >>> print(_tanh_grad(np.array([-1.0, 0.0, 1.0])).round(4))
    [0.42 1.   0.42]
    """
    e = np.exp(-2 * np.abs(z))  # ≤ 1: no overflow, and digits kept where 1 − a² rounds to 0
    return 4 * e / (1 + e) ** 2
# --8<-- [end:tanh_grad]


# --8<-- [start:relu]
def _relu(z: np.ndarray) -> np.ndarray:
    """ReLU(z) = max(0, z) (notes 001 p. 47, 003 §3.6, 修正线性单元).

    >>> print(_relu(np.array([-2.0, 0.0, 3.0])))
    [0. 0. 3.]
    """
    return np.maximum(z, 0.0)
# --8<-- [end:relu]


# --8<-- [start:relu_grad]
def _relu_grad(z: np.ndarray) -> np.ndarray:
    """ReLU'(z) = 1 for z > 0, else 0 (0 at z = 0, as PyTorch; notes 003 §3.8).

    >>> print(_relu_grad(np.array([-2.0, 0.0, 3.0])))
    [0. 0. 1.]
    """
    return (z > 0).astype(z.dtype)
# --8<-- [end:relu_grad]


# --8<-- [start:leaky_relu]
def _leaky_relu(z: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """LeakyReLU(z) = z for z > 0, α·z for z ≤ 0 (notes 001 (6-35), 003 §3.8).

    >>> print(_leaky_relu(np.array([-2.0, 0.0, 3.0]), 0.1))
    [-0.2  0.   3. ]
    """
    return np.where(z > 0, z, alpha * z)
# --8<-- [end:leaky_relu]


# --8<-- [start:leaky_relu_grad]
def _leaky_relu_grad(z: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """LeakyReLU'(z) = 1 for z > 0, α for z ≤ 0 (α at z = 0, as PyTorch; notes 003 §3.8).

    >>> print(_leaky_relu_grad(np.array([-2.0, 0.0, 3.0]), 0.1))
    [0.1 0.1 1. ]
    """
    ones = np.ones_like(z)
    return np.where(z > 0, ones, alpha * ones)
# --8<-- [end:leaky_relu_grad]


# --8<-- [start:prelu]
def _prelu(z: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """PReLU(z_i) = z_i for z_i > 0, α_i·z_i for z_i ≤ 0: Leaky ReLU with a learned α (notes 002).

    >>> print(_prelu(np.array([[-2.0, 3.0], [-2.0, 3.0]]), np.array([[0.1], [0.5]])))
    [[-0.2  3. ]
     [-1.   3. ]]
    """
    return _leaky_relu(z, alpha)
# --8<-- [end:prelu]


# --8<-- [start:prelu_grad]
def _prelu_grad(z: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """∂PReLU(z_i)/∂z_i = 1 for z_i > 0, α_i for z_i ≤ 0 (notes 002).

    >>> print(_prelu_grad(np.array([-2.0, 0.0, 3.0]), 0.25))
    [0.25 0.25 1.  ]
    """
    return _leaky_relu_grad(z, alpha)
# --8<-- [end:prelu_grad]


# --8<-- [start:prelu_grad_alpha]
def _prelu_grad_alpha(z: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """∂PReLU(z_i)/∂α_i = 0 for z_i > 0, z_i for z_i ≤ 0, i.e. min(z_i, 0); α does not enter.

    >>> print(_prelu_grad_alpha(np.array([-2.0, 0.0, 3.0]), 0.25))
    [-2.  0.  0.]
    """
    return np.minimum(z, 0.0)
# --8<-- [end:prelu_grad_alpha]


# --8<-- [start:elu]
def _elu(z: np.ndarray, alpha: float) -> np.ndarray:
    """ELU(z) = z for z > 0, α(e^z − 1) for z ≤ 0 (notes 001 (6-36), 指数线性单元).

    >>> print(_elu(np.array([-1e4, -1.0, 0.0, 2.0]), 1.0).round(4))
    [-1.     -0.6321  0.      2.    ]
    """
    # expm1 is exact near 0; min(z, 0): the discarded branch must not overflow for large z
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))
# --8<-- [end:elu]


# --8<-- [start:elu_grad]
def _elu_grad(z: np.ndarray, alpha: float) -> np.ndarray:
    """ELU'(z) = 1 for z > 0, α·e^z = ELU(z) + α for z ≤ 0 (α at z = 0, as PyTorch).

    >>> print(_elu_grad(np.array([-1.0, 0.0, 2.0]), 1.0).round(4))
    [0.3679 1.     1.    ]
    """
    # min(z, 0): the discarded branch must not overflow for large z
    return np.where(z > 0, np.ones_like(z), alpha * np.exp(np.minimum(z, 0.0)))
# --8<-- [end:elu_grad]


# --8<-- [start:softmax]
def _softmax(z: np.ndarray, axis: int = 0) -> np.ndarray:
    """Q_i = e^(S_i − c)/Σ_j e^(S_j − c), c = max_j S_j, along axis (notes 001 (6-14), 000 §3.8).

    >>> print(_softmax(np.array([1.0, 2.0, 3.0])).round(4))
    [0.09   0.2447 0.6652]
    """
    # max-shift: every exponent ≤ 0 (no overflow) and the largest term is 1 (the sum is ≥ 1)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
# --8<-- [end:softmax]


# --8<-- [start:log_softmax]
def _log_softmax(z: np.ndarray, axis: int = 0) -> np.ndarray:
    """log Q_i = (S_i − c) − log Σ_j e^(S_j − c), c = max_j S_j: log-sum-exp along axis.

    >>> print(_log_softmax(np.array([0.0, 1e4])).round(4))
    [-10000.      0.]
    """
    shifted = z - np.max(z, axis=axis, keepdims=True)  # max-shift, as in softmax
    # log of a sum ≥ 1, never log 0: finite where log(softmax(z)) would be −inf
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
# --8<-- [end:log_softmax]


# The public functions: validate at the boundary, then call the reference.

def _elementwise_input(z: object, name: str = "z") -> np.ndarray:
    """``z`` as a float array; ±inf allowed (g has a limit there), NaN rejected."""
    arr = as_float_array(z, name, finite=False)
    if np.isnan(arr).any():
        raise ValueError(
            f"{name} must not contain NaN (got {int(np.count_nonzero(np.isnan(arr)))} NaN entries)"
        )
    return arr


def _slope(alpha: object, name: str = "alpha") -> float:
    """A non-negative, finite slope as a Python float (keeps a float32 input float32)."""
    a = check_scalar(alpha, name, low=0.0)
    if np.isinf(a):
        raise ValueError(f"{name} must be finite (got {a!r})")
    return a


def _prelu_alpha(alpha: object, z: np.ndarray) -> np.ndarray | float:
    """PReLU's learned slope: a real number, or an array that broadcasts to z's shape."""
    if isinstance(alpha, numbers.Real):
        a = check_scalar(alpha, "alpha")
        if np.isinf(a):
            raise ValueError(f"alpha must be finite (got {a!r})")
        return a
    arr = as_float_array(alpha, "alpha").astype(z.dtype, copy=False)
    try:
        fits = np.broadcast_shapes(arr.shape, z.shape) == z.shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(
            f"alpha must broadcast to the shape of z {z.shape}, e.g. one slope per unit of "
            f"shape ({z.shape[0] if z.ndim else 1}, 1) (got shape {arr.shape})"
        )
    return arr


def sigmoid(z: object) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})` (Sigmoid / Logistic 函数).

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape; ±inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(z)` elementwise, in [0, 1]; same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form is used for :math:`z \ge 0` and the second for :math:`z < 0`, both through
    :math:`e^{-|z|} \le 1`, so nothing overflows even for :math:`|z| = 10^4`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import sigmoid
    >>> print(np.round(sigmoid([-1e4, -1.0, 0.0, 1.0, 1e4]), 4))
    [0.     0.2689 0.5    0.7311 1.    ]
    """
    return _sigmoid(_elementwise_input(z))


def sigmoid_grad(z: object) -> np.ndarray:
    r"""Derivative of the sigmoid, :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`.

    Parameters
    ----------
    z : array_like
        Pre-activations (not the activations :math:`a = \sigma(z)`).

    Returns
    -------
    numpy.ndarray
        :math:`\sigma'(z)` elementwise, in [0, 1/4]; same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math::

        \sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \sigma(z)\,(1 - \sigma(z)) = a(1 - a)

    Computed as :math:`e^{-|z|} / (1 + e^{-|z|})^2` (the derivative is even), which keeps full
    relative precision in the tails where :math:`1 - \sigma(z)` would round to 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import sigmoid_grad
    >>> print(np.round(sigmoid_grad([-10.0, 0.0, 10.0]), 6))
    [4.5e-05 2.5e-01 4.5e-05]
    """
    return _sigmoid_grad(_elementwise_input(z))


def tanh(z: object) -> np.ndarray:
    r"""Hyperbolic tangent (双曲正切函数).

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape; ±inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\tanh z` elementwise, in [−1, 1]; same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math::

        \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = \frac{1 - e^{-2z}}{1 + e^{-2z}}
                = 2\sigma(2z) - 1

    Zero-centred, unlike the sigmoid, which is why the notes prefer it in hidden layers.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import tanh
    >>> print(np.round(tanh([-1e4, 0.0, 1.0]), 4))
    [-1.      0.      0.7616]
    """
    return _tanh(_elementwise_input(z))


def tanh_grad(z: object) -> np.ndarray:
    r"""Derivative of tanh, :math:`\tanh'(z) = 1 - \tanh^2 z`.

    Parameters
    ----------
    z : array_like
        Pre-activations.

    Returns
    -------
    numpy.ndarray
        :math:`1 - \tanh^2 z` elementwise, in [0, 1]; same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math:: \tanh'(z) = 1 - \tanh^2 z = 1 - a^2 = \frac{4 e^{-2|z|}}{(1 + e^{-2|z|})^2}

    The last form (:math:`\operatorname{sech}^2 z` written with :math:`e^{-2|z|} \le 1`) is
    computed: it cannot overflow and keeps relative precision where :math:`1 - a^2` rounds to 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import tanh_grad
    >>> print(np.round(tanh_grad([-1.0, 0.0, 1.0]), 4))
    [0.42 1.   0.42]
    """
    return _tanh_grad(_elementwise_input(z))


def relu(z: object) -> np.ndarray:
    r"""Rectified linear unit :math:`\max(0, z)` (修正线性单元).

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape; ±inf allowed.

    Returns
    -------
    numpy.ndarray
        :math:`\max(0, z)` elementwise; same shape as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{ReLU}(z) = \max(0, z) = \begin{cases} z & z \ge 0 \\ 0 & z < 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import relu
    >>> print(relu(np.array([-2.0, 0.0, 3.0])))
    [0. 0. 3.]
    """
    return _relu(_elementwise_input(z))


def relu_grad(z: object) -> np.ndarray:
    r"""Derivative of ReLU: 1 where :math:`z > 0`, else 0 (0 at :math:`z = 0`, as PyTorch).

    Parameters
    ----------
    z : array_like
        Pre-activations.

    Returns
    -------
    numpy.ndarray
        0.0 or 1.0 elementwise; same shape and float dtype as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN.
    TypeError
        If ``z`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}

    ReLU has no derivative at 0; any value in [0, 1] is a subgradient there. The notes (003)
    say it does not matter in practice; 0 is PyTorch's choice and is used here.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import relu_grad
    >>> print(relu_grad(np.array([-2.0, 0.0, 3.0])))
    [0. 0. 1.]
    """
    return _relu_grad(_elementwise_input(z))


def leaky_relu(z: object, alpha: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: :math:`z` for :math:`z > 0`, :math:`\alpha z` otherwise.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape; ±inf allowed.
    alpha : float, default 0.01
        The slope :math:`\alpha \ge 0` for negative inputs (the notes' small constant *a*).

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, or ``alpha`` is negative or infinite.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{LeakyReLU}(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import leaky_relu
    >>> print(leaky_relu(np.array([-2.0, 0.0, 3.0]), alpha=0.1))
    [-0.2  0.   3. ]
    """
    return _leaky_relu(_elementwise_input(z), _slope(alpha))


def leaky_relu_grad(z: object, alpha: float = 0.01) -> np.ndarray:
    r"""Derivative of Leaky ReLU: 1 where :math:`z > 0`, :math:`\alpha` otherwise.

    Parameters
    ----------
    z : array_like
        Pre-activations.
    alpha : float, default 0.01
        The slope :math:`\alpha \ge 0` for negative inputs.

    Returns
    -------
    numpy.ndarray
        1 or ``alpha`` elementwise (``alpha`` at :math:`z = 0`, as PyTorch).

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, or ``alpha`` is negative or infinite.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{LeakyReLU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import leaky_relu_grad
    >>> print(leaky_relu_grad(np.array([-2.0, 0.0, 3.0]), alpha=0.1))
    [0.1 0.1 1. ]
    """
    return _leaky_relu_grad(_elementwise_input(z), _slope(alpha))


def prelu(z: object, alpha: object) -> np.ndarray:
    r"""Parametric ReLU: Leaky ReLU whose slope :math:`\alpha` is learned (参数化 ReLU).

    Parameters
    ----------
    z : array_like
        Pre-activations, e.g. Z of shape (n, m); ±inf allowed.
    alpha : float or array_like
        The learned slope(s) for negative inputs: a real number, or an array that broadcasts to
        ``z``'s shape without changing it, e.g. shape (n, 1) for one slope per unit. Any finite
        sign is allowed (a learned slope is not constrained).

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, ``alpha`` is not finite, or ``alpha`` does not
        broadcast to ``z``'s shape.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math::

        \mathrm{PReLU}(z_i) = \begin{cases} z_i & z_i > 0 \\ \alpha_i z_i & z_i \le 0 \end{cases}

    With one slope per unit (row) as in He et al. (2015); PyTorch's ``nn.PReLU`` keeps one
    slope per channel on axis 1 instead, because its examples are rows.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import prelu
    >>> Z = np.array([[-2.0, 3.0], [-2.0, 3.0]])
    >>> print(prelu(Z, np.array([[0.1], [0.5]])))
    [[-0.2  3. ]
     [-1.   3. ]]
    """
    z_arr = _elementwise_input(z)
    return _prelu(z_arr, _prelu_alpha(alpha, z_arr))


def prelu_grad(z: object, alpha: object) -> np.ndarray:
    r"""Derivative of PReLU with respect to its input, :math:`\partial g / \partial z`.

    Parameters
    ----------
    z : array_like
        Pre-activations.
    alpha : float or array_like
        The slope(s), as for :func:`prelu`.

    Returns
    -------
    numpy.ndarray
        1 where :math:`z > 0`, :math:`\alpha` (broadcast) elsewhere; same shape as ``z``.
        For the gradient with respect to the slope see :func:`prelu_grad_alpha`.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, ``alpha`` is not finite, or ``alpha`` does not
        broadcast to ``z``'s shape.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \frac{\partial\, \mathrm{PReLU}(z_i)}{\partial z_i}
              = \begin{cases} 1 & z_i > 0 \\ \alpha_i & z_i \le 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import prelu_grad
    >>> print(prelu_grad(np.array([-2.0, 0.0, 3.0]), 0.25))
    [0.25 0.25 1.  ]
    """
    z_arr = _elementwise_input(z)
    return _prelu_grad(z_arr, _prelu_alpha(alpha, z_arr))


def prelu_grad_alpha(z: object, alpha: object) -> np.ndarray:
    r"""Derivative of PReLU with respect to its slope, elementwise: :math:`\min(z, 0)`.

    Parameters
    ----------
    z : array_like
        Pre-activations.
    alpha : float or array_like
        The slope(s), as for :func:`prelu` (validated; the value does not enter the result).

    Returns
    -------
    numpy.ndarray
        :math:`\partial g(z_i) / \partial \alpha_i` with the shape of ``z``. To get the gradient
        of a loss with respect to a shared slope, multiply by the upstream gradient and sum
        over the axes along which ``alpha`` was broadcast (all of them for a scalar slope;
        ``axis=1, keepdims=True`` for one slope per row).

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, ``alpha`` is not finite, or ``alpha`` does not
        broadcast to ``z``'s shape.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \frac{\partial\, \mathrm{PReLU}(z_i)}{\partial \alpha_i}
              = \begin{cases} 0 & z_i > 0 \\ z_i & z_i \le 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import prelu_grad_alpha
    >>> dA = np.array([1.0, 1.0, 1.0])
    >>> print(f"{np.sum(dA * prelu_grad_alpha(np.array([-2.0, -1.0, 3.0]), 0.25)):.1f}")
    -3.0
    """
    z_arr = _elementwise_input(z)
    return _prelu_grad_alpha(z_arr, _prelu_alpha(alpha, z_arr))


def elu(z: object, alpha: float = 1.0) -> np.ndarray:
    r"""Exponential linear unit (指数线性单元).

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape; ±inf allowed.
    alpha : float, default 1.0
        :math:`\alpha \ge 0` (the notes' *a*): the value :math:`-\alpha` that ELU saturates to as
        :math:`z \to -\infty`.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z``.

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, or ``alpha`` is negative or infinite.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{ELU}(z) = \begin{cases} z & z > 0 \\ \alpha (e^{z} - 1) & z \le 0 \end{cases}

    :math:`e^z - 1` is computed with ``expm1`` (exact near 0) on :math:`\min(z, 0)`, so the
    unused branch never overflows for large positive z.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import elu
    >>> print(np.round(elu(np.array([-1e4, -1.0, 0.0, 2.0])), 4))
    [-1.     -0.6321  0.      2.    ]
    """
    return _elu(_elementwise_input(z), _slope(alpha))


def elu_grad(z: object, alpha: float = 1.0) -> np.ndarray:
    r"""Derivative of ELU: 1 where :math:`z > 0`, :math:`\alpha e^{z}` otherwise.

    Parameters
    ----------
    z : array_like
        Pre-activations.
    alpha : float, default 1.0
        :math:`\alpha \ge 0`, as for :func:`elu`.

    Returns
    -------
    numpy.ndarray
        Same shape and float dtype as ``z`` (``alpha`` at :math:`z = 0`, as PyTorch).

    Raises
    ------
    ValueError
        If ``z`` is empty or contains NaN, or ``alpha`` is negative or infinite.
    TypeError
        If ``z`` or ``alpha`` is not real-valued.

    Notes
    -----
    .. math:: \mathrm{ELU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha e^{z} = \mathrm{ELU}(z) + \alpha
              & z \le 0 \end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import elu_grad
    >>> print(np.round(elu_grad(np.array([-1.0, 0.0, 2.0])), 4))
    [0.3679 1.     1.    ]
    """
    return _elu_grad(_elementwise_input(z), _slope(alpha))


def softmax(z: object, axis: int = 0) -> np.ndarray:
    r"""Softmax along ``axis``: exponentiate and normalize to a distribution (归一化指数函数).

    Parameters
    ----------
    z : array_like
        Scores (logits), at least 1-D and finite; classes along ``axis``, e.g. Z of shape
        (K, m) with one example per column.
    axis : int, default 0
        The class axis.

    Returns
    -------
    numpy.ndarray
        Probabilities of the shape of ``z``, each slice along ``axis`` summing to 1.

    Raises
    ------
    ValueError
        If ``z`` is empty, 0-d or not finite, or ``axis`` is out of range.
    TypeError
        If ``z`` is not real-valued or ``axis`` is not an int.

    Notes
    -----
    The notes' (6-14), with the class scores :math:`S_i`:

    .. math:: Q_i = \mathrm{Softmax}_i(S) = \frac{e^{S_i}}{\sum_{j=1}^{K} e^{S_j}}
              = \frac{e^{S_i - c}}{\sum_{j} e^{S_j - c}}, \quad c = \max_j S_j

    Shifting by the maximum changes nothing mathematically and keeps every exponent ≤ 0, so
    nothing overflows and the largest term is exactly 1 (the sum cannot underflow to 0).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import softmax
    >>> Z = np.array([[1.0, 1e4], [2.0, 0.0], [3.0, -1e4]])  # 3 classes, 2 examples
    >>> print(np.round(softmax(Z), 4))
    [[0.09   1.    ]
     [0.2447 0.    ]
     [0.6652 0.    ]]
    """
    z_arr = as_float_array(z, "z", min_ndim=1)
    return _softmax(z_arr, check_axis(axis, z_arr.ndim))


def log_softmax(z: object, axis: int = 0) -> np.ndarray:
    r"""Logarithm of the softmax along ``axis``, computed with log-sum-exp.

    Parameters
    ----------
    z : array_like
        Scores (logits), at least 1-D and finite; classes along ``axis``.
    axis : int, default 0
        The class axis.

    Returns
    -------
    numpy.ndarray
        :math:`\log Q_i` with the shape of ``z``; finite wherever ``z`` is (no ``log 0``).

    Raises
    ------
    ValueError
        If ``z`` is empty, 0-d or not finite, or ``axis`` is out of range.
    TypeError
        If ``z`` is not real-valued or ``axis`` is not an int.

    Notes
    -----
    .. math:: \log Q_i = S_i - \log \sum_j e^{S_j} = (S_i - c) - \log \sum_j e^{S_j - c},
              \quad c = \max_j S_j

    ``np.log(softmax(z))`` would give ``-inf`` (and a divide warning) once a probability
    underflows to 0; this form stays finite.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import log_softmax
    >>> print(np.round(log_softmax(np.array([0.0, 1e4])), 4))
    [-10000.      0.]
    """
    z_arr = as_float_array(z, "z", min_ndim=1)
    return _log_softmax(z_arr, check_axis(axis, z_arr.ndim))
