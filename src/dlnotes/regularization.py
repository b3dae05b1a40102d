"""Regularization: L2 and L1 penalties, inverted dropout, input normalization, early stopping,
data augmentation.

Mirrors notes 000 §1.4-§1.9, 001 (under- and overfitting remedies) and 002 (正则化). Shapes follow
the notes: an activation ``A`` is (n[l], m) with the examples as columns, and ``params`` is the
dict ``{"W1": ..., "b1": ..., ...}``; the penalties sum over the ``"W…"`` keys only (the notes
leave the bias out because it barely matters).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_int,
    check_rng,
    check_same_shape,
    check_scalar,
)

__all__ = [
    "dropout_backward",
    "dropout_forward",
    "l1_penalty",
    "l1_penalty_grad",
    "l2_penalty",
    "l2_penalty_grad",
]


# --8<-- [start:helpers]
def _weights(params: object) -> dict[str, np.ndarray]:
    """The ``"W…"`` entries of a parameter dict, validated as finite float arrays."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    weights = {
        key: as_float_array(value, f"params[{key!r}]")
        for key, value in params.items()
        if isinstance(key, str) and key.startswith("W")
    }
    if not weights:
        raise ValueError(f"params must have at least one 'W…' key (got keys {list(params)})")
    return weights


def _penalty_args(lambd: object, m: object) -> tuple[float, int]:
    lam = check_scalar(lambd, "lambd", low=0.0)
    return lam, check_int(m, "m", low=1)


def _keep_prob(keep_prob: object) -> float:
    return check_scalar(keep_prob, "keep_prob", low=0.0, high=1.0, low_inclusive=False)
# --8<-- [end:helpers]


# --8<-- [start:l2_penalty]
def l2_penalty(params: Mapping[str, np.ndarray], lambd: float, m: int) -> float:
    r"""L2 penalty :math:`\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_F^2` (L2 正则化).

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Network parameters ``{"W1": ..., "b1": ..., ...}``; only the ``"W…"`` keys count.
    lambd : float
        The regularization parameter λ ≥ 0 (``lambda`` is a Python keyword, hence ``lambd``).
    m : int
        The number of training examples (≥ 1).

    Returns
    -------
    float
        The term added to the cost J.

    Raises
    ------
    ValueError
        If ``lambd`` < 0, ``m`` < 1, ``params`` has no ``"W…"`` key or a weight is not finite.
    TypeError
        If ``params`` is not a dict, or ``lambd`` / ``m`` are not numbers.

    Notes
    -----
    Notes 000 §1.4 (Frobenius norm, the sum of the squared entries):

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m} L(\hat y^{(i)}, y^{(i)})
            + \frac{\lambda}{2m}\sum_{l=1}^{L}\|W^{[l]}\|_F^2,
        \qquad \|W^{[l]}\|_F^2 = \sum_{i}\sum_{j} \bigl(W^{[l]}_{ij}\bigr)^2

    Its gradient is :math:`\frac{\lambda}{m} W^{[l]}` (see :func:`l2_penalty_grad`).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import l2_penalty
    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[3.0]])}
    >>> print(f"{l2_penalty(params, lambd=0.7, m=10):.4f}")  # 0.7/20 · (1 + 4 + 9)
    0.4900
    """
    weights = _weights(params)
    lam, m_ = _penalty_args(lambd, m)
    total = sum(float(np.sum(np.square(W, dtype=np.float64))) for W in weights.values())
    return lam / (2 * m_) * total
# --8<-- [end:l2_penalty]


# --8<-- [start:l2_penalty_grad]
def l2_penalty_grad(
    params: Mapping[str, np.ndarray], lambd: float, m: int
) -> dict[str, np.ndarray]:
    r"""Gradient of :func:`l2_penalty`: :math:`\frac{\lambda}{m} W^{[l]}` for each ``"W…"`` key.

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Network parameters; only the ``"W…"`` keys are used.
    lambd : float
        λ ≥ 0.
    m : int
        The number of training examples (≥ 1).

    Returns
    -------
    dict of str to numpy.ndarray
        ``{"W1": λ/m·W1, ...}``, only the ``"W…"`` keys (the bias is not penalized); add each
        entry to the backprop gradient of the same key.

    Raises
    ------
    ValueError
        As :func:`l2_penalty`.
    TypeError
        As :func:`l2_penalty`.

    Notes
    -----
    Notes 000 §1.4, weight decay (权重衰减):

    .. math::
        dW^{[l]} = (\text{from backprop}) + \frac{\lambda}{m} W^{[l]}, \qquad
        W^{[l]} \leftarrow \Bigl(1 - \frac{\alpha\lambda}{m}\Bigr) W^{[l]}
                           - \alpha\,(\text{from backprop})

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import l2_penalty_grad
    >>> g = l2_penalty_grad({"W1": np.array([[1.0, -2.0]]), "b1": np.zeros((1, 1))}, 0.5, 5)
    >>> print(sorted(g), np.round(g["W1"], 2))
    ['W1'] [[ 0.1 -0.2]]
    """
    weights = _weights(params)
    lam, m_ = _penalty_args(lambd, m)
    return {key: (lam / m_) * W for key, W in weights.items()}
# --8<-- [end:l2_penalty_grad]


# --8<-- [start:l1_penalty]
def l1_penalty(params: Mapping[str, np.ndarray], lambd: float, m: int) -> float:
    r"""L1 penalty :math:`\frac{\lambda}{2m}\sum_l \|W^{[l]}\|_1`, the notes' scaling (L1 正则化).

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Network parameters; only the ``"W…"`` keys count.
    lambd : float
        λ ≥ 0.
    m : int
        The number of training examples (≥ 1).

    Returns
    -------
    float
        The term added to the cost J.

    Raises
    ------
    ValueError
        If ``lambd`` < 0, ``m`` < 1, ``params`` has no ``"W…"`` key or a weight is not finite.
    TypeError
        If ``params`` is not a dict, or ``lambd`` / ``m`` are not numbers.

    Notes
    -----
    Notes 000 §1.4 write the L1 term with the same :math:`\frac{\lambda}{2m}` as the L2 term:

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m} L(\hat y^{(i)}, y^{(i)})
            + \frac{\lambda}{2m}\sum_{l}\|W^{[l]}\|_1,
        \qquad \|W^{[l]}\|_1 = \sum_{i,j} \bigl|W^{[l]}_{ij}\bigr|

    Many texts write :math:`\frac{\lambda}{m}\|W\|_1` instead; that is this function with
    ``2 * lambd``. The gradient is :math:`\frac{\lambda}{2m}\operatorname{sign}(W)`
    (:func:`l1_penalty_grad`), a constant pull towards 0 that makes weights exactly zero
    (sparse, 稀疏).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import l1_penalty
    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[3.0]])}
    >>> print(f"{l1_penalty(params, lambd=0.7, m=10):.4f}")  # 0.7/20 · (1 + 2 + 3)
    0.2100
    """
    weights = _weights(params)
    lam, m_ = _penalty_args(lambd, m)
    total = sum(float(np.sum(np.abs(W), dtype=np.float64)) for W in weights.values())
    return lam / (2 * m_) * total
# --8<-- [end:l1_penalty]


# --8<-- [start:l1_penalty_grad]
def l1_penalty_grad(
    params: Mapping[str, np.ndarray], lambd: float, m: int
) -> dict[str, np.ndarray]:
    r"""Gradient of :func:`l1_penalty`: :math:`\frac{\lambda}{2m}\operatorname{sign}(W^{[l]})`.

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Network parameters; only the ``"W…"`` keys are used.
    lambd : float
        λ ≥ 0.
    m : int
        The number of training examples (≥ 1).

    Returns
    -------
    dict of str to numpy.ndarray
        ``{"W1": λ/(2m)·sign(W1), ...}``, only the ``"W…"`` keys.

    Raises
    ------
    ValueError
        As :func:`l1_penalty`.
    TypeError
        As :func:`l1_penalty`.

    Notes
    -----
    .. math:: \frac{\partial}{\partial W} \frac{\lambda}{2m}\|W\|_1
              = \frac{\lambda}{2m}\operatorname{sign}(W)

    :math:`|w|` has no derivative at 0; this uses the subgradient 0 there, as
    ``torch.sign`` / ``torch.abs`` autograd do.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import l1_penalty_grad
    >>> g = l1_penalty_grad({"W1": np.array([[2.0, 0.0, -3.0]])}, lambd=1.0, m=5)
    >>> print(np.round(g["W1"], 2))
    [[ 0.1  0.  -0.1]]
    """
    weights = _weights(params)
    lam, m_ = _penalty_args(lambd, m)
    return {key: (lam / (2 * m_)) * np.sign(W) for key, W in weights.items()}
# --8<-- [end:l1_penalty_grad]


# --8<-- [start:dropout_forward]
def dropout_forward(
    A: np.ndarray, keep_prob: float, *, rng: np.random.Generator | None
) -> tuple[np.ndarray, np.ndarray]:
    r"""Inverted dropout (反向随机失活) of an activation ``A``: keep each unit with probability
    ``keep_prob`` and scale the survivors by ``1/keep_prob``.

    Parameters
    ----------
    A : array_like
        The activations of one layer, (n[l], m).
    keep_prob : float
        The probability of keeping a unit, in (0, 1].
    rng : numpy.random.Generator or None
        Source of the mask. May be ``None`` only when ``keep_prob == 1`` (nothing is drawn).

    Returns
    -------
    A_out : numpy.ndarray
        ``A * mask / keep_prob``; for ``keep_prob == 1`` a copy of ``A``.
    mask : numpy.ndarray
        The mask d[l]: 0.0 (dropped) or 1.0 (kept), shaped like ``A`` and of ``A``'s float
        dtype (float32 in, float32 mask), so ``A * mask`` never changes the dtype. For
        ``keep_prob == 1`` it is all ones. Pass it to :func:`dropout_backward`.

    Raises
    ------
    ValueError
        If ``keep_prob`` is not in (0, 1], or ``A`` is empty or not finite.
    TypeError
        If ``rng`` is not a Generator (and ``keep_prob < 1``), or ``A`` is not real-valued.

    Notes
    -----
    Notes 000 §1.6 (``d3 = np.random.rand(...) < keep_prob``), with :math:`u_{ij}` uniform on
    [0, 1), so :math:`P(d_{ij} = 1) = \text{keep\_prob}`:

    .. math::
        d^{[l]}_{ij} = \mathbb{1}[u_{ij} < \text{keep\_prob}], \qquad
        A^{[l]} \leftarrow \frac{A^{[l]} \odot d^{[l]}}{\text{keep\_prob}}, \qquad
        \mathbb{E}\bigl[A^{[l]}_{\text{out}}\bigr] = A^{[l]}

    Dividing by keep_prob keeps the expected activation unchanged, so nothing needs rescaling
    at test time, when dropout is off.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import dropout_forward
    >>> A = np.ones((4, 5))
    >>> A_out, mask = dropout_forward(A, 0.8, rng=np.random.default_rng(0))
    >>> print(np.array_equal(A_out, mask / 0.8), set(np.unique(mask)) <= {0.0, 1.0})
    True True
    >>> A_same, ones = dropout_forward(A, 1.0, rng=None)
    >>> print(np.array_equal(A_same, A), bool(ones.all()))
    True True
    """
    A_arr = as_float_array(A, "A")
    p = _keep_prob(keep_prob)
    if p == 1.0:
        return A_arr.copy(), np.ones_like(A_arr)
    gen = check_rng(rng)
    mask = (gen.random(A_arr.shape) < p).astype(A_arr.dtype)
    return A_arr * mask / p, mask
# --8<-- [end:dropout_forward]


# --8<-- [start:dropout_backward]
def dropout_backward(dA: np.ndarray, mask: np.ndarray, keep_prob: float) -> np.ndarray:
    r"""Backward pass of inverted dropout: the same mask and the same ``1/keep_prob``.

    Parameters
    ----------
    dA : array_like
        Gradient of the cost with respect to the dropout output, shaped like the mask.
    mask : array_like
        The 0/1 mask returned by :func:`dropout_forward` (bool is accepted too).
    keep_prob : float
        The keep probability used in the forward pass, in (0, 1].

    Returns
    -------
    numpy.ndarray
        Gradient with respect to the dropout input, ``dA * mask / keep_prob``, in ``dA``'s
        dtype.

    Raises
    ------
    ValueError
        If ``keep_prob`` is not in (0, 1], the shapes differ, ``mask`` has an entry other
        than 0 or 1, or an input is empty or not finite.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Dropout is elementwise linear, so the gradient goes through the kept units only:

    .. math:: dA^{[l]}_{\text{in}} = \frac{dA^{[l]} \odot d^{[l]}}{\text{keep\_prob}}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import dropout_backward
    >>> dA = np.array([[1.0, 2.0, 3.0]])
    >>> print(dropout_backward(dA, np.array([[1.0, 0.0, 1.0]]), 0.5))
    [[2. 0. 6.]]
    """
    dA_arr = as_float_array(dA, "dA")
    mask_arr = as_float_array(mask, "mask")
    check_same_shape(dA_arr, mask_arr, "dA", "mask")
    bad = mask_arr[(mask_arr != 0) & (mask_arr != 1)]
    if bad.size:
        raise ValueError(f"mask must contain only 0 and 1 (got {float(bad[0])!r})")
    p = _keep_prob(keep_prob)
    return dA_arr * mask_arr.astype(dA_arr.dtype) / p
# --8<-- [end:dropout_backward]
