"""Regularization: L2 and L1 penalties, inverted dropout, input normalization, early stopping,
data augmentation.

Mirrors notes 000 §1.4-§1.9, 001 (under- and overfitting remedies) and 002 (正则化). Shapes follow
the notes: an activation ``A`` is (n[l], m) with the examples as columns, and ``params`` is the
dict ``{"W1": ..., "b1": ..., ...}``; the penalties sum over the ``"W…"`` keys only (the notes
leave the bias out because it barely matters).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_choice,
    check_int,
    check_ndim,
    check_rng,
    check_same_shape,
    check_scalar,
    check_str_keys,
    positive_zero,
)

__all__ = [
    "EarlyStopping",
    "EarlyStoppingState",
    "crop",
    "dropout_backward",
    "dropout_forward",
    "fit_normalizer",
    "flip",
    "l1_penalty",
    "l1_penalty_grad",
    "l1_proximal_step",
    "l2_penalty",
    "l2_penalty_grad",
    "normalize",
    "random_crop",
    "random_flip",
    "random_shift",
    "shift",
]


# The references: what the chapter shows. Plain NumPy on arrays already checked.

# --8<-- [start:l2_penalty]
def _l2_penalty(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    """λ/(2m)·Σ_l ‖W[l]‖²_F over the "W…" keys, the bias left out (notes 000 §1.4, L2 正则化).

    >>> print(f"{_l2_penalty({'W1': np.array([[1.0, 2.0]]), 'b1': np.ones((1, 1))}, 0.7, 10):.4f}")
    0.1750
    """
    # ‖W‖²_F = Σ_ij W_ij², summed in float64 whatever the weights' dtype
    frobenius = sum(float(np.sum(np.square(W, dtype=np.float64)))
                    for key, W in params.items() if key.startswith("W"))
    return lambd / (2 * m) * frobenius
# --8<-- [end:l2_penalty]


# --8<-- [start:l2_penalty_grad]
def _l2_penalty_grad(
    params: dict[str, np.ndarray], lambd: float, m: int
) -> dict[str, np.ndarray]:
    """dW[l] = λ/m·W[l] for each "W…" key, weight decay (notes 000 §1.4, 权重衰减).

    >>> print(_l2_penalty_grad({"W1": np.array([[1.0, -2.0]]), "b1": np.ones((1, 1))}, 0.5, 5))
    {'W1': array([[ 0.1, -0.2]])}
    """
    return {key: (lambd / m) * W for key, W in params.items() if key.startswith("W")}
# --8<-- [end:l2_penalty_grad]


# --8<-- [start:l1_penalty]
def _l1_penalty(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    """λ/(2m)·Σ_l ‖W[l]‖₁ over the "W…" keys, the notes' scaling (notes 000 §1.4, L1 正则化).

    >>> params = {"W1": np.array([[1.0, -2.0]]), "b1": np.ones((1, 1)), "W2": np.array([[3.0]])}
    >>> print(f"{_l1_penalty(params, 0.7, 10):.4f}")  # 0.7/20 · (1 + 2 + 3)
    0.2100
    """
    l1 = sum(float(np.sum(np.abs(W), dtype=np.float64))  # ‖W‖₁ = Σ_ij |W_ij|
             for key, W in params.items() if key.startswith("W"))
    return lambd / (2 * m) * l1
# --8<-- [end:l1_penalty]


# --8<-- [start:l1_penalty_grad]
def _l1_penalty_grad(
    params: dict[str, np.ndarray], lambd: float, m: int
) -> dict[str, np.ndarray]:
    """dW[l] = λ/(2m)·sign(W[l]) for each "W…" key, the subgradient 0 at W = 0 (notes 000 §1.4).

    >>> print(_l1_penalty_grad({"W1": np.array([[2.0, 0.0, -3.0]])}, 1.0, 5)["W1"].round(2))
    [[ 0.1  0.  -0.1]]
    """
    return {key: (lambd / (2 * m)) * np.sign(W) for key, W in params.items() if key.startswith("W")}
# --8<-- [end:l1_penalty_grad]


# --8<-- [start:l1_proximal_step]
def _l1_proximal_step(
    params: dict[str, np.ndarray], lr: float, lambd: float, m: int
) -> dict[str, np.ndarray]:
    """W ← sign(W)·max(|W| − αλ/(2m), 0) for the "W…" keys, the rest copied (soft-thresholding).

    >>> print(_l1_proximal_step({"W1": np.array([[0.3, 0.05, -1.0]])}, 1.0, 0.2, 1)["W1"])
    [[ 0.2  0.  -0.9]]
    """
    threshold = lr * lambd / (2 * m)
    return {key: np.sign(W) * np.maximum(np.abs(W) - threshold, 0.0)
            if key.startswith("W") else W.copy() for key, W in params.items()}
# --8<-- [end:l1_proximal_step]


# --8<-- [start:dropout_forward]
def _dropout_forward(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout: d = (u < keep_prob), u uniform on [0, 1); A·d/keep_prob (notes 000 §1.6).

    >>> A_out, d = _dropout_forward(np.ones((2, 4)), 0.5, np.random.default_rng(0))
    >>> print(A_out, d.sum())
    [[0. 2. 2. 2.]
     [0. 0. 0. 0.]] 3.0
    """
    # d[l] as 0.0 / 1.0 in A's dtype, so A·d keeps float32 float32
    mask = (rng.random(A.shape) < keep_prob).astype(A.dtype)
    A_out = A * mask / keep_prob  # ÷ keep_prob: E[A_out] = A, nothing to rescale at test time
    return A_out, mask
# --8<-- [end:dropout_forward]


# --8<-- [start:dropout_backward]
def _dropout_backward(dA: np.ndarray, mask: np.ndarray, keep_prob: float) -> np.ndarray:
    """dA_in = dA·d/keep_prob: the gradient goes through the kept units only (notes 000 §1.6).

    >>> print(_dropout_backward(np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, 0.0, 1.0]]), 0.5))
    [[2. 0. 6.]]
    """
    return dA * mask / keep_prob
# --8<-- [end:dropout_backward]


# --8<-- [start:fit_normalizer]
def _fit_normalizer(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """μ = (1/m)·Σ x and σ² = (1/m)·Σ (x − μ)² per feature (row) (notes 000 §1.9, 归一化输入).

    >>> mu, sigma = _fit_normalizer(np.array([[1.0, 3.0, 5.0, 7.0], [2.0, 2.0, 2.0, 4.0]]))
    >>> print(mu.ravel(), sigma.ravel().round(4))
    [4.  2.5] [2.2361 0.866 ]
    """
    mu = np.mean(X, axis=1, keepdims=True)
    sigma = np.sqrt(np.mean((X - mu) ** 2, axis=1, keepdims=True))
    return mu, sigma
# --8<-- [end:fit_normalizer]


# --8<-- [start:normalize]
def _normalize(X: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """x := (x − μ)/σ with the training set's μ and σ, for every set (notes 000 §1.9).

    >>> print(_normalize(np.array([[4.0, 8.0]]), np.array([[4.0]]), np.array([[2.0]])))
    [[0. 2.]]
    """
    return (X - mu) / sigma
# --8<-- [end:normalize]


# --8<-- [start:EarlyStopping]
def _early_stopping(
    state: tuple[int, float, int, int, bool], dev_cost: float, patience: int,
    min_delta: float = 0.0,
) -> tuple[int, float, int, int, bool]:
    """One epoch of early stopping; state = (epoch, best_cost, best_epoch, bad_epochs, stop).

    >>> state = (0, float("inf"), -1, 0, False)  # before the first epoch
    >>> for cost in [0.9, 0.7, 0.6, 0.65, 0.62]:
    ...     state = _early_stopping(state, cost, patience=2)
    >>> print(state)  # stop after 2 epochs without improvement; keep epoch 2's parameters
    (5, 0.6, 2, 2, True)
    """
    epoch, best_cost, best_epoch, bad_epochs, _ = state
    if dev_cost < best_cost - min_delta:  # an improvement: remember this epoch
        return epoch + 1, dev_cost, epoch, 0, False
    return epoch + 1, best_cost, best_epoch, bad_epochs + 1, bad_epochs + 1 >= patience
# --8<-- [end:EarlyStopping]


# --8<-- [start:augmentation_helpers]
def _translate(images: np.ndarray, dy: np.ndarray, dx: np.ndarray, fill: float) -> np.ndarray:
    """Move each (H, W) image of an (m, H, W) stack by its own (dy, dx); vacated pixels = fill.

    >>> print(_translate(np.arange(1.0, 5.0).reshape(1, 2, 2), np.array([1]), np.array([0]), 0.0))
    [[[0. 0.]
      [1. 2.]]]
    """
    m, H, W = images.shape
    rows = np.arange(H)[None, :] - dy[:, None]  # source row of each target row, (m, H)
    cols = np.arange(W)[None, :] - dx[:, None]
    valid = ((rows >= 0) & (rows < H))[:, :, None] & ((cols >= 0) & (cols < W))[:, None, :]
    moved = images[np.arange(m)[:, None, None], np.clip(rows, 0, H - 1)[:, :, None],
                   np.clip(cols, 0, W - 1)[:, None, :]]
    return np.where(valid, moved, fill)
# --8<-- [end:augmentation_helpers]


# --8<-- [start:flip]
def _flip(images: np.ndarray, *, direction: str = "horizontal") -> np.ndarray:
    """Mirror: x'[r, c] = x[r, W−1−c] ("horizontal") or x[H−1−r, c] ("vertical") (翻转).

    >>> print(_flip(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])))
    [[3. 2. 1.]
     [6. 5. 4.]]
    """
    axis = -1 if direction == "horizontal" else -2  # the last two axes are height, width
    return np.flip(images, axis=axis).copy()  # a new array, not a view of the input
# --8<-- [end:flip]


# --8<-- [start:random_flip]
def _random_flip(images: np.ndarray, *, rng: np.random.Generator, p: float = 0.5) -> np.ndarray:
    """Mirror each image of an (m, H, W) stack left-right with probability p (one draw per image).

    >>> stack = np.arange(12.0).reshape(2, 2, 3)
    >>> out = _random_flip(stack, rng=np.random.default_rng(0), p=1.0)
    >>> print(np.array_equal(out, stack[:, :, ::-1]))
    True
    """
    flipped = np.asarray(rng.random(images.shape[0]) < p)
    return np.where(flipped[:, None, None], images[:, :, ::-1], images)
# --8<-- [end:random_flip]


# --8<-- [start:crop]
def _crop(images: np.ndarray, top: int, left: int, height: int, width: int) -> np.ndarray:
    """x'[r, c] = x[top + r, left + c] for r < height, c < width (裁剪).

    >>> print(_crop(np.arange(16.0).reshape(4, 4), 1, 2, 2, 2))
    [[ 6.  7.]
     [10. 11.]]
    """
    return images[..., top:top + height, left:left + width].copy()
# --8<-- [end:crop]


# --8<-- [start:random_crop]
def _random_crop(
    images: np.ndarray, height: int, width: int, *, rng: np.random.Generator
) -> np.ndarray:
    """A height × width window of each (H, W) image of a stack, its corner uniform (随机裁剪).

    >>> print(_random_crop(np.zeros((5, 8, 8)), 6, 6, rng=np.random.default_rng(0)).shape)
    (5, 6, 6)
    """
    m, H, W = images.shape
    rows = rng.integers(0, H - height + 1, size=m)[:, None] + np.arange(height)  # (m, height)
    cols = rng.integers(0, W - width + 1, size=m)[:, None] + np.arange(width)  # (m, width)
    return images[np.arange(m)[:, None, None], rows[:, :, None], cols[:, None, :]]
# --8<-- [end:random_crop]


# --8<-- [start:shift]
def _shift(images: np.ndarray, dy: int, dx: int, *, fill: float = 0.0) -> np.ndarray:
    """x'[r, c] = x[r − dy, c − dx] where that pixel exists, fill elsewhere (平移).

    >>> print(_shift(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 0, 1))
    [[0. 1. 2.]
     [0. 4. 5.]]
    """
    H, W = images.shape[-2:]
    stack = images.reshape(-1, H, W)  # any leading axes: a stack of (H, W) images
    m = stack.shape[0]
    return _translate(stack, np.full(m, dy), np.full(m, dx), fill).reshape(images.shape)
# --8<-- [end:shift]


# --8<-- [start:random_shift]
def _random_shift(
    images: np.ndarray, max_shift: int, *, rng: np.random.Generator, fill: float = 0.0
) -> np.ndarray:
    """Shift each image of an (m, H, W) stack by its own dy, dx uniform on {−max_shift..max_shift}.

    >>> print(_random_shift(np.ones((3, 4, 4)), 1, rng=np.random.default_rng(0)).shape)
    (3, 4, 4)
    """
    dy, dx = rng.integers(-max_shift, max_shift + 1, size=(2, images.shape[0]))
    return _translate(images, dy, dx, fill)
# --8<-- [end:random_shift]


# The public functions: validate at the boundary, then call the reference.


def _weights(params: object) -> dict[str, np.ndarray]:
    """The ``"W…"`` entries of a parameter dict, validated as finite float arrays."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    check_str_keys(params, "params")
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
    return _l2_penalty(weights, *_penalty_args(lambd, m))


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
    return _l2_penalty_grad(weights, *_penalty_args(lambd, m))


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
    return _l1_penalty(weights, *_penalty_args(lambd, m))


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
    return _l1_penalty_grad(weights, *_penalty_args(lambd, m))


def l1_proximal_step(
    params: Mapping[str, np.ndarray], lr: float, lambd: float, m: int
) -> dict[str, np.ndarray]:
    r"""Soft-thresholding: the exact step for the L1 term after a gradient step on the rest
    of the cost (proximal gradient, ISTA).

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Parameters after the gradient step on the unregularized cost; only the ``"W…"``
        entries are thresholded, the rest are copied.
    lr : float
        The learning rate α > 0 of that step.
    lambd : float
        λ ≥ 0.
    m : int
        The number of training examples (≥ 1).

    Returns
    -------
    dict of str to numpy.ndarray
        New parameters, every key of ``params``.

    Raises
    ------
    ValueError
        If lr ≤ 0, lambd < 0, m < 1, ``params`` has no ``"W…"`` key or an entry is not finite.
    TypeError
        If ``params`` is not a dict.

    Notes
    -----
    A subgradient step :math:`W - \alpha\frac{\lambda}{2m}\operatorname{sign}(W)` jumps over 0
    and oscillates around it, so weights are small but never exactly zero. The proximal step
    of :math:`\frac{\lambda}{2m}\|W\|_1` (the notes' scaling, :func:`l1_penalty`) sets every
    weight whose magnitude is below the threshold to exactly 0, the sparsity L1 is known for:

    .. math::
        W \leftarrow \operatorname{sign}(W)\,\max\Bigl(|W| - \frac{\alpha\lambda}{2m},\ 0\Bigr)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import l1_proximal_step
    >>> new = l1_proximal_step({"W1": np.array([[0.3, -0.05, -1.0]])}, lr=1.0, lambd=0.2, m=1)
    >>> print(new["W1"])
    [[ 0.2  0.  -0.9]]
    """
    _weights(params)  # a dict with at least one "W…" key
    step = check_scalar(lr, "lr", low=0.0, low_inclusive=False)
    lam, m_ = _penalty_args(lambd, m)
    arrays = {key: as_float_array(value, f"params[{key!r}]") for key, value in params.items()}
    new = _l1_proximal_step(arrays, step, lam, m_)
    # a negative weight thresholded to 0 is −1·0 = −0.0: returned as +0.0
    return {key: positive_zero(W) if key.startswith("W") else W for key, W in new.items()}


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
        d^{[l]}_{ij} = \mathbf{1}[u_{ij} < \text{keep\_prob}], \qquad
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
    if p == 1.0:  # dropout off: nothing is drawn, so rng may be None
        return A_arr.copy(), np.ones_like(A_arr)
    return _dropout_forward(A_arr, p, check_rng(rng))


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
    return _dropout_backward(dA_arr, mask_arr.astype(dA_arr.dtype), p)  # in dA's dtype


def fit_normalizer(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""Per-feature mean μ and standard deviation σ of a training set, for :func:`normalize`.

    Parameters
    ----------
    X : array_like
        Training inputs, (n_x, m) with the examples as columns and m ≥ 2.

    Returns
    -------
    mu : numpy.ndarray
        The mean of each feature (row), (n_x, 1).
    sigma : numpy.ndarray
        The 1/m standard deviation of each row, (n_x, 1). A constant feature (every entry of
        the row equal) gets σ = 1, so :func:`normalize` maps it to 0 instead of dividing by
        zero (scikit-learn's ``StandardScaler`` does the same). A row of subnormal numbers
        whose σ rounds to 0 gets max |x − μ| instead, so σ > 0 always.

    Raises
    ------
    ValueError
        If X is not 2-D, has fewer than 2 examples, or is not finite.
    TypeError
        If X is not real-valued.

    Notes
    -----
    Notes 000 §1.9, with the division by σ (not σ², erratum 2):

    .. math::
        \mu = \frac{1}{m}\sum_{i=1}^{m} x^{(i)}, \qquad
        \sigma^2 = \frac{1}{m}\sum_{i=1}^{m} \bigl(x^{(i)} - \mu\bigr)^2

    Fit on the training set only and reuse the same μ and σ for dev and test data.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import fit_normalizer
    >>> mu, sigma = fit_normalizer(np.array([[1.0, 3.0, 5.0, 7.0], [2.0, 2.0, 2.0, 2.0]]))
    >>> print(mu.ravel(), np.round(sigma.ravel(), 4))
    [4. 2.] [2.2361 1.    ]
    """
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    if X_arr.shape[1] < 2:
        raise ValueError(
            "X must have at least 2 examples (columns) to fit a normalizer "
            f"(got shape {X_arr.shape})"
        )
    # Each row scaled by a power of two near its largest |x| (exact): the squares of the
    # reference then neither overflow (1e200) nor underflow (subnormal rows)
    largest = np.max(np.abs(X_arr), axis=1, keepdims=True)
    scale = np.exp2(np.floor(np.log2(np.where(largest > 0, largest, 1))))
    mu, sigma = _fit_normalizer(X_arr / scale)
    mu, sigma = mu * scale, sigma * scale
    # a constant row: μ its value exactly (a sum of m copies can round) and σ = 1, so that
    # normalize maps it to 0; a σ that rounds to 0 (subnormal rows) gets max |x − μ|
    lowest = X_arr.min(axis=1, keepdims=True)
    constant = X_arr.max(axis=1, keepdims=True) == lowest
    spread = np.max(np.abs(X_arr - mu), axis=1, keepdims=True)
    sigma = np.where(constant, 1, np.where(sigma > 0, sigma, spread)).astype(X_arr.dtype)
    return np.where(constant, lowest, mu), sigma


def normalize(X: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    r"""Normalize inputs with a fitted μ and σ: :math:`(X - \mu)/\sigma` (归一化输入).

    Parameters
    ----------
    X : array_like
        Inputs (n_x, m): training, dev or test data.
    mu : array_like
        Per-feature means from :func:`fit_normalizer`, (n_x, 1).
    sigma : array_like
        Per-feature standard deviations from :func:`fit_normalizer`, (n_x, 1), all > 0.

    Returns
    -------
    numpy.ndarray
        The normalized inputs, shaped like X.

    Raises
    ------
    ValueError
        If X is not 2-D, mu or sigma is not (n_x, 1), sigma has an entry ≤ 0, or an input is
        not finite.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math:: x := \frac{x - \mu}{\sigma}

    The training set's μ and σ are used for every set, so dev and test examples go through
    exactly the transformation the network was trained on.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import fit_normalizer, normalize
    >>> X_train = np.array([[1.0, 3.0, 5.0, 7.0]])
    >>> mu, sigma = fit_normalizer(X_train)
    >>> print(np.round(normalize(np.array([[4.0, 8.0]]), mu, sigma), 4))
    [[0.     1.7889]]
    """
    X_arr = as_float_array(X, "X")
    check_ndim(X_arr, "X", 2)
    n = X_arr.shape[0]
    mu_arr, sigma_arr = as_float_array(mu, "mu"), as_float_array(sigma, "sigma")
    for name, arr in (("mu", mu_arr), ("sigma", sigma_arr)):
        if arr.shape != (n, 1):
            raise ValueError(f"{name} must have shape ({n}, 1) for X of shape {X_arr.shape} "
                             f"(got {arr.shape})")
    if (sigma_arr <= 0).any():
        raise ValueError(f"sigma must be > 0 (got minimum {float(sigma_arr.min())!r})")
    return _normalize(X_arr, mu_arr, sigma_arr)


class EarlyStoppingState(NamedTuple):
    """Where early stopping stands after ``epoch`` dev costs (immutable, replaced by update)."""

    epoch: int  # dev costs seen so far
    best_cost: float  # lowest dev cost so far (inf before the first)
    best_epoch: int  # 0-based index of that cost (-1 before the first)
    bad_epochs: int  # epochs in a row without an improvement
    stop: bool  # bad_epochs reached patience


@dataclass(frozen=True)
class EarlyStopping:
    r"""Early stopping (提前停止): stop when the dev cost has not improved for ``patience`` epochs.

    Like the optimizers, the configuration is immutable and the state is a NamedTuple:
    ``state = es.init()``, then ``state = es.update(state, dev_cost)`` once per epoch; stop
    when ``state.stop`` and restore the parameters saved at ``state.best_epoch``.

    Parameters
    ----------
    patience : int
        Epochs without improvement to wait (≥ 1).
    min_delta : float, default 0.0
        An improvement must lower the best dev cost by more than this (≥ 0).

    Raises
    ------
    ValueError
        If patience < 1 or min_delta < 0; from :meth:`update` if a dev cost is NaN.
    TypeError
        If patience is not an int, or (from :meth:`update`) a dev cost is not a real number
        or the state is not an EarlyStoppingState.

    Notes
    -----
    Notes 000 §1.8 and 001: the training cost keeps falling, the dev cost falls then rises;
    keep the parameters from the epoch with the lowest dev cost. Epoch t improves when

    .. math:: J_{\text{dev}}(t) < \min_{s < t} J_{\text{dev}}(s) - \text{min\_delta}

    Examples
    --------
    >>> from dlnotes.regularization import EarlyStopping
    >>> es = EarlyStopping(patience=2)
    >>> state = es.init()
    >>> for cost in [0.9, 0.7, 0.6, 0.65, 0.62, 0.5]:
    ...     state = es.update(state, cost)
    ...     if state.stop:
    ...         break
    >>> print(state.epoch, state.best_epoch, f"{state.best_cost:.2f}")
    5 2 0.60
    """

    patience: int
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        check_int(self.patience, "patience", low=1)
        check_scalar(self.min_delta, "min_delta", low=0.0)

    def init(self) -> EarlyStoppingState:
        """The state before the first epoch."""
        return EarlyStoppingState(0, float("inf"), -1, 0, False)

    def update(self, state: EarlyStoppingState, dev_cost: float) -> EarlyStoppingState:
        """The state after one more epoch whose dev cost is ``dev_cost``."""
        if not isinstance(state, EarlyStoppingState):
            raise TypeError(f"state must be an EarlyStoppingState (got {type(state).__name__})")
        cost = check_scalar(dev_cost, "dev_cost", finite=False)  # +inf: no improvement
        return EarlyStoppingState(*_early_stopping(state, cost, self.patience, self.min_delta))


def _images(images: object, *, batch: bool) -> np.ndarray:
    """Images with height and width as the last two axes; (m, H, W) where one is drawn per image."""
    arr = as_float_array(images, "images", min_ndim=2)
    if batch:
        check_ndim(arr, "images", 3)
    return arr


def flip(images: np.ndarray, *, direction: str = "horizontal") -> np.ndarray:
    r"""Mirror images left-right (``"horizontal"``) or upside down (``"vertical"``) (翻转).

    Parameters
    ----------
    images : array_like
        One image (H, W) or a stack whose last two axes are height and width, e.g. (m, H, W).
    direction : {"horizontal", "vertical"}, default "horizontal"

    Returns
    -------
    numpy.ndarray
        A new array shaped like ``images``.

    Raises
    ------
    ValueError
        If ``images`` has fewer than 2 axes or is not finite, or ``direction`` is unknown.
    TypeError
        If ``images`` is not real-valued.

    Notes
    -----
    Notes 000 §1.8 (数据扩增): a mirrored cat is still a cat, so the label is kept.
    Horizontal: :math:`x'_{r,c} = x_{r,W-1-c}`; vertical: :math:`x'_{r,c} = x_{H-1-r,c}`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import flip
    >>> print(flip(np.array([[1, 2, 3], [4, 5, 6]])))
    [[3. 2. 1.]
     [6. 5. 4.]]
    """
    arr = _images(images, batch=False)
    choice = check_choice(direction, "direction", ("horizontal", "vertical"))
    return _flip(arr, direction=choice)


def random_flip(images: np.ndarray, *, rng: np.random.Generator, p: float = 0.5) -> np.ndarray:
    r"""Mirror each image of a stack left-right with probability ``p``.

    Parameters
    ----------
    images : array_like
        A stack of images (m, H, W).
    rng : numpy.random.Generator
        Decides which images are flipped.
    p : float, default 0.5
        Probability of flipping an image, in [0, 1].

    Returns
    -------
    numpy.ndarray
        A new (m, H, W) array.

    Raises
    ------
    ValueError
        If ``images`` is not 3-D or not finite, or ``p`` is not in [0, 1].
    TypeError
        If ``rng`` is not a Generator or ``images`` is not real-valued.

    Notes
    -----
    One Bernoulli(p) draw per image decides between :math:`x` and its mirror image.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import random_flip
    >>> stack = np.arange(12.0).reshape(2, 2, 3)
    >>> out = random_flip(stack, rng=np.random.default_rng(0), p=1.0)
    >>> print(np.array_equal(out, stack[:, :, ::-1]))
    True
    """
    arr = _images(images, batch=True)
    gen = check_rng(rng)
    prob = check_scalar(p, "p", low=0.0, high=1.0)
    return _random_flip(arr, rng=gen, p=prob)


def crop(images: np.ndarray, top: int, left: int, height: int, width: int) -> np.ndarray:
    r"""Cut the window of ``height`` × ``width`` pixels whose top-left corner is (top, left) (裁剪).

    Parameters
    ----------
    images : array_like
        One image (H, W) or a stack whose last two axes are height and width.
    top, left : int
        Row and column of the window's top-left pixel (≥ 0).
    height, width : int
        Window size (≥ 1); the window must fit inside the image.

    Returns
    -------
    numpy.ndarray
        A new array, the last two axes (height, width).

    Raises
    ------
    ValueError
        If the window does not fit, or ``images`` has fewer than 2 axes or is not finite.
    TypeError
        If a size is not an int or ``images`` is not real-valued.

    Notes
    -----
    :math:`x'_{r,c} = x_{\text{top}+r,\ \text{left}+c}` for :math:`0 \le r <` height,
    :math:`0 \le c <` width.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import crop
    >>> print(crop(np.arange(16).reshape(4, 4), top=1, left=2, height=2, width=2))
    [[ 6.  7.]
     [10. 11.]]
    """
    arr = _images(images, batch=False)
    H, W = arr.shape[-2:]
    h = check_int(height, "height", low=1, high=H)
    w = check_int(width, "width", low=1, high=W)
    r0 = check_int(top, "top", low=0, high=H - h)
    c0 = check_int(left, "left", low=0, high=W - w)
    return _crop(arr, r0, c0, h, w)


def random_crop(
    images: np.ndarray, height: int, width: int, *, rng: np.random.Generator
) -> np.ndarray:
    r"""Cut a ``height`` × ``width`` window at a random position, a new one for each image.

    Parameters
    ----------
    images : array_like
        A stack of images (m, H, W).
    height, width : int
        Window size, 1 ≤ height ≤ H and 1 ≤ width ≤ W.
    rng : numpy.random.Generator
        Draws the window positions.

    Returns
    -------
    numpy.ndarray
        (m, height, width).

    Raises
    ------
    ValueError
        If ``images`` is not 3-D or not finite, or the window is larger than the images.
    TypeError
        If ``rng`` is not a Generator, a size is not an int, or ``images`` is not real-valued.

    Notes
    -----
    The top-left corner of image i is uniform on
    :math:`\{0..H-\text{height}\} \times \{0..W-\text{width}\}`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import random_crop
    >>> out = random_crop(np.zeros((5, 8, 8)), 6, 6, rng=np.random.default_rng(0))
    >>> print(out.shape)
    (5, 6, 6)
    """
    arr = _images(images, batch=True)
    _, H, W = arr.shape
    h = check_int(height, "height", low=1, high=H)
    w = check_int(width, "width", low=1, high=W)
    return _random_crop(arr, h, w, rng=check_rng(rng))


def shift(images: np.ndarray, dy: int, dx: int, *, fill: float = 0.0) -> np.ndarray:
    r"""Translate images by ``dy`` rows (down) and ``dx`` columns (right) (平移).

    Parameters
    ----------
    images : array_like
        One image (H, W) or a stack whose last two axes are height and width.
    dy, dx : int
        The shift in pixels; negative values move up / left.
    fill : float, default 0.0
        Value of the pixels uncovered by the shift.

    Returns
    -------
    numpy.ndarray
        A new array shaped like ``images``; pixels moved past the border are dropped.

    Raises
    ------
    ValueError
        If ``images`` has fewer than 2 axes or is not finite, or ``fill`` is not finite.
    TypeError
        If ``dy`` / ``dx`` is not an int or ``images`` is not real-valued.

    Notes
    -----
    :math:`x'_{r,c} = x_{r-dy,\,c-dx}` where that pixel exists, ``fill`` elsewhere.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import shift
    >>> print(shift(np.array([[1, 2, 3], [4, 5, 6]]), dy=0, dx=1))
    [[0. 1. 2.]
     [0. 4. 5.]]
    """
    arr = _images(images, batch=False)
    dy_, dx_ = check_int(dy, "dy"), check_int(dx, "dx")
    f = check_scalar(fill, "fill", low=-np.inf, high=np.inf, low_inclusive=False,
                     high_inclusive=False)
    return _shift(arr, dy_, dx_, fill=f)


def random_shift(
    images: np.ndarray, max_shift: int, *, rng: np.random.Generator, fill: float = 0.0
) -> np.ndarray:
    r"""Translate each image of a stack by its own random (dy, dx), each in
    [−max_shift, max_shift].

    Parameters
    ----------
    images : array_like
        A stack of images (m, H, W).
    max_shift : int
        Largest shift in pixels along each axis (≥ 0).
    rng : numpy.random.Generator
        Draws the shifts.
    fill : float, default 0.0
        Value of the uncovered pixels.

    Returns
    -------
    numpy.ndarray
        A new (m, H, W) array.

    Raises
    ------
    ValueError
        If ``images`` is not 3-D or not finite, ``max_shift`` < 0 or ``fill`` is not finite.
    TypeError
        If ``rng`` is not a Generator, ``max_shift`` is not an int or ``images`` is not
        real-valued.

    Notes
    -----
    dy and dx are uniform integers on :math:`\{-\text{max\_shift}..\text{max\_shift}\}`; then
    as :func:`shift`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.regularization import random_shift
    >>> stack = np.ones((3, 4, 4))
    >>> out = random_shift(stack, 1, rng=np.random.default_rng(0))
    >>> print(out.shape, bool(out.sum() >= 3 * 9))  # at least a 3 × 3 block of each survives
    (3, 4, 4) True
    """
    arr = _images(images, batch=True)
    k = check_int(max_shift, "max_shift", low=0)
    gen = check_rng(rng)
    f = check_scalar(fill, "fill", low=-np.inf, high=np.inf, low_inclusive=False,
                     high_inclusive=False)
    return _random_shift(arr, k, rng=gen, fill=f)
