"""Loss functions (损失函数) and their gradients.

Mirrors notes 001 pp. 17-23 (empirical and structural risk, cross-entropy and MSE losses), 002
(loss vs cost) and 003 §2.3, §2.13 (the logistic loss and its maximum-likelihood reading).

Every loss takes ``reduction``: ``"none"`` returns the per-element losses (per-example for softmax
cross-entropy), ``"sum"`` their sum and ``"mean"`` (default) their mean, which is the notes' cost
J = (1/m)·Σ L (代价函数). Every ``<loss>_grad`` returns the gradient of the mean (or, with
``reduction="sum"``, of the sum) with respect to the loss's first argument, shaped like it.
Predictions and targets must have exactly the same shape: a (m,) label vector against (1, m)
predictions is an error, never an (m, m) broadcast. Results have the dtype of the first argument
(float32 stays float32; the target is cast to it).
"""

from __future__ import annotations

import numpy as np

from dlnotes import _parallel
from dlnotes._validation import (
    as_float_array,
    check_axis,
    check_choice,
    check_distribution,
    check_same_shape,
)
from dlnotes.activations import log_softmax, sigmoid

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "mean_squared_error",
    "mean_squared_error_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
]

REDUCTIONS = ("mean", "sum", "none")


# --8<-- [start:helpers]
def _reduce(losses: np.ndarray, reduction: str) -> np.ndarray:
    """Apply a validated ``reduction`` to per-element (or per-example) losses."""
    if reduction == "none":
        return losses
    return np.sum(losses) if reduction == "sum" else np.mean(losses)


def _grad_scale(n: int, reduction: object) -> float:
    """1/n for the gradient of a mean over n terms, 1 for a sum."""
    check_choice(reduction, "reduction", ("mean", "sum"))
    return 1.0 / n if reduction == "mean" else 1.0


def _in_unit_interval(arr: np.ndarray, name: str) -> None:
    low, high = float(arr.min()), float(arr.max())
    if low < 0.0 or high > 1.0:
        bad = low if low < 0.0 else high
        raise ValueError(f"{name} must be in [0, 1] (got {bad!r})")


def _pair(
    first: object, y: object, first_name: str, *, probabilities: bool, unit_targets: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Prediction and target as arrays of one shape and of the prediction's dtype."""
    a = as_float_array(first, first_name)
    t = as_float_array(y, "y")
    check_same_shape(a, t, first_name, "y")
    if probabilities:
        _in_unit_interval(a, first_name)
    if unit_targets:  # 0/1 labels or soft labels
        _in_unit_interval(t, "y")
    return a, t.astype(a.dtype, copy=False)


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log(y) with 0·log(y) = 0 and x·log(0) = −inf for x > 0 (as scipy.special.xlogy)."""
    positive = x > 0
    # log only where it is defined, so no divide-by-zero warning is raised for y = 0
    log_y = np.log(np.where(positive & (y > 0), y, 1))
    return np.where(positive, np.where(y > 0, x * log_y, -np.inf), 0.0)


def _xdivy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x/y with 0/y = 0 and x/0 = +inf for x > 0 (the derivative of xlogy in y)."""
    positive = x > 0
    ratio = x / np.where(positive & (y > 0), y, 1)
    return np.where(positive, np.where(y > 0, ratio, np.inf), 0.0)
# --8<-- [end:helpers]


# --8<-- [start:binary_cross_entropy]
def binary_cross_entropy(y_hat: object, y: object, reduction: str = "mean") -> np.ndarray:
    r"""Binary cross-entropy, the logistic loss (二元交叉熵 / 逻辑回归损失).

    Parameters
    ----------
    y_hat : array_like
        Predicted probabilities :math:`\hat y = P(y = 1 \mid x)` in [0, 1], e.g. AL of shape
        (1, m).
    y : array_like
        Targets in [0, 1] (0/1 labels, or soft labels), exactly the shape of ``y_hat``.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: the loss of every element; ``"sum"``: their sum; ``"mean"``: their mean over
        all elements (the cost J for Y of shape (1, m)).

    Returns
    -------
    numpy.ndarray
        A NumPy scalar (mean, sum), or the per-element losses with the shape of ``y_hat``.
        ``+inf`` where :math:`\hat y = 0 < y` or :math:`\hat y = 1 > y` (a certain, wrong
        prediction).

    Raises
    ------
    ValueError
        If the shapes differ, ``y_hat`` or ``y`` is outside [0, 1] or not finite, or
        ``reduction`` is unknown.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math::

        L(\hat y, y) = -\left[ y \log \hat y + (1 - y) \log (1 - \hat y) \right], \qquad
        J = \frac{1}{m} \sum_{i=1}^{m} L(\hat y^{(i)}, y^{(i)})

    the negative log-likelihood of :math:`p(y \mid x) = \hat y^{y} (1 - \hat y)^{1 - y}`, with
    :math:`0 \log 0 = 0` (a term whose weight is 0 contributes nothing). Unlike
    ``torch.nn.functional.binary_cross_entropy``, which clamps each log at −100 (so its loss is
    at most 100), an exact 0 or 1 on the wrong side gives ``inf``; work with logits
    (:func:`binary_cross_entropy_with_logits`) to avoid both.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import binary_cross_entropy
    >>> y_hat = np.array([[0.9, 0.2, 0.6]])
    >>> y = np.array([[1, 0, 1]])
    >>> print(f"{binary_cross_entropy(y_hat, y):.4f}")
    0.2798
    >>> print(np.round(binary_cross_entropy(y_hat, y, reduction="none"), 4))
    [[0.1054 0.2231 0.5108]]
    """
    p, t = _pair(y_hat, y, "y_hat", probabilities=True, unit_targets=True)
    red = check_choice(reduction, "reduction", REDUCTIONS)
    losses = -(_xlogy(t, p) + _xlogy(1.0 - t, 1.0 - p))
    return _reduce(losses + 0.0, red)  # + 0.0 turns −0.0 into 0.0
# --8<-- [end:binary_cross_entropy]


# --8<-- [start:binary_cross_entropy_grad]
def binary_cross_entropy_grad(y_hat: object, y: object, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of the binary cross-entropy with respect to the probabilities ``y_hat``.

    Parameters
    ----------
    y_hat : array_like
        Predicted probabilities in [0, 1].
    y : array_like
        Targets in [0, 1], exactly the shape of ``y_hat``.
    reduction : {"mean", "sum"}, default "mean"
        Differentiate the mean over all elements (the cost J) or the sum.

    Returns
    -------
    numpy.ndarray
        :math:`\partial J / \partial \hat y`, the shape of ``y_hat``: ``-inf``/``+inf`` where the
        loss is infinite, 0 where a term's weight and its log are both 0.

    Raises
    ------
    ValueError
        If the shapes differ, an input is outside [0, 1] or not finite, or ``reduction`` is
        not "mean" or "sum".
    TypeError
        If an input is not real-valued.

    Notes
    -----
    The notes' ``dA = -(Y/A) + (1-Y)/(1-A)`` (003 §2.7), divided by the number of elements N
    for the mean:

    .. math::

        \frac{\partial J}{\partial \hat y_i} = \frac{1}{N}\left( -\frac{y_i}{\hat y_i}
        + \frac{1 - y_i}{1 - \hat y_i} \right)
        = \frac{1}{N} \frac{\hat y_i - y_i}{\hat y_i (1 - \hat y_i)}

    Multiplied by :math:`\sigma'(z) = \hat y(1 - \hat y)` this becomes :math:`(\hat y - y)/N`,
    which is why networks use :func:`binary_cross_entropy_with_logits_grad` (dZ = A − Y).
    PyTorch's backward divides by :math:`\max(\hat y(1-\hat y), 10^{-12})`, so the two differ
    only where :math:`\hat y(1 - \hat y) < 10^{-12}`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import binary_cross_entropy_grad
    >>> print(np.round(binary_cross_entropy_grad(np.array([[0.5, 0.8]]), np.array([[1, 0]])), 4))
    [[-1.   2.5]]
    """
    p, t = _pair(y_hat, y, "y_hat", probabilities=True, unit_targets=True)
    scale = _grad_scale(p.size, reduction)
    return scale * (_xdivy(1.0 - t, 1.0 - p) - _xdivy(t, p))
# --8<-- [end:binary_cross_entropy_grad]


# --8<-- [start:binary_cross_entropy_with_logits]
def binary_cross_entropy_with_logits(
    z: object, y: object, reduction: str = "mean"
) -> np.ndarray:
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed from the logits z without overflow.

    Parameters
    ----------
    z : array_like
        Logits (pre-sigmoid scores), e.g. ZL of shape (1, m); finite.
    y : array_like
        Targets in [0, 1], exactly the shape of ``z``.
    reduction : {"mean", "sum", "none"}, default "mean"
        As in :func:`binary_cross_entropy`.

    Returns
    -------
    numpy.ndarray
        A NumPy scalar (mean, sum) or the per-element losses; always finite.

    Raises
    ------
    ValueError
        If the shapes differ, ``y`` is outside [0, 1], an input is not finite, or
        ``reduction`` is unknown.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    With :math:`\log \sigma(z) = -\log(1 + e^{-z})` and :math:`\log(1 - \sigma(z)) = -z - \log(1
    + e^{-z})`:

    .. math::

        L(z, y) = -\left[ y \log \sigma(z) + (1 - y) \log(1 - \sigma(z)) \right]
                = \log(1 + e^{z}) - y z

    :math:`\log(1 + e^{z})` (softplus) is ``np.logaddexp(0, z)``, which never overflows, so the
    loss stays finite and accurate for :math:`|z| = 10^4` where :math:`\sigma(z)` rounds to 0
    or 1. Equals ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import binary_cross_entropy_with_logits
    >>> z = np.array([[1e4, -1e4, 0.0]])
    >>> losses = binary_cross_entropy_with_logits(z, np.array([[1, 1, 0]]), reduction="none")
    >>> print([f"{v:.4f}" for v in losses.ravel()])  # sigma(z) would round to exactly 1 and 0
    ['0.0000', '10000.0000', '0.6931']
    """
    logits, t = _pair(z, y, "z", probabilities=False, unit_targets=True)
    red = check_choice(reduction, "reduction", REDUCTIONS)
    return _reduce(np.logaddexp(0.0, logits) - t * logits, red)
# --8<-- [end:binary_cross_entropy_with_logits]


# --8<-- [start:binary_cross_entropy_with_logits_grad]
def binary_cross_entropy_with_logits_grad(
    z: object, y: object, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of the binary cross-entropy with respect to the logits: :math:`(\sigma(z) - y)/N`.

    Parameters
    ----------
    z : array_like
        Logits, finite.
    y : array_like
        Targets in [0, 1], exactly the shape of ``z``.
    reduction : {"mean", "sum"}, default "mean"
        Differentiate the mean over all elements or the sum.

    Returns
    -------
    numpy.ndarray
        :math:`\partial J / \partial z`, the shape of ``z``; always finite.

    Raises
    ------
    ValueError
        If the shapes differ, ``y`` is outside [0, 1], an input is not finite, or
        ``reduction`` is not "mean" or "sum".
    TypeError
        If an input is not real-valued.

    Notes
    -----
    The chain rule through the sigmoid cancels the division by :math:`a(1 - a)`:

    .. math::

        \frac{\partial J}{\partial z_i} = \frac{1}{N} \left( -\frac{y_i}{a_i}
        + \frac{1 - y_i}{1 - a_i} \right) a_i (1 - a_i) = \frac{1}{N} (a_i - y_i),
        \qquad a = \sigma(z)

    the notes' ``dZ = A - Y`` (with the 1/m that 003 puts into dW and db).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import binary_cross_entropy_with_logits_grad
    >>> z, y = np.array([[0.0, 2.0]]), np.array([[1, 1]])
    >>> print(np.round(binary_cross_entropy_with_logits_grad(z, y), 4))
    [[-0.25   -0.0596]]
    """
    logits, t = _pair(z, y, "z", probabilities=False, unit_targets=True)
    scale = _grad_scale(logits.size, reduction)
    return scale * (sigmoid(logits) - t)
# --8<-- [end:binary_cross_entropy_with_logits_grad]


# --8<-- [start:max_and_sum_exp]
# A band of classes of a core's examples (1 MiB: 64 classes × 2048 examples in float64) stays in
# its cache while the operations of a pass run on it; whole-array steps would stream every
# (K, m) temporary through memory. The examples are split between the cores. On the benchmark
# machine 1 MiB bands beat 256 KiB by 15 % and whole arrays by 25 % (docs/performance.md).
_BAND_BYTES = 1 << 20


def _max_and_sum_exp(
    s: np.ndarray, *, probs: np.ndarray | None = None, scale: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Per example, classes on axis 0 of ``s``: c = max_k s_k and Σ_k e^{s_k − c}.

    With ``probs`` (shaped like ``s``), also writes ``scale · softmax(s)`` into it. Raises the
    "logits must be finite" error before anything is exponentiated: a NaN or ±inf shows in
    the per-example max or min, cheaper than a separate pass over every entry.
    """
    c, sum_exp = np.empty(s.shape[1:], s.dtype), np.zeros(s.shape[1:], s.dtype)

    def examples(part: slice) -> None:
        j = (slice(None), part) if s.ndim > 1 else (slice(None), Ellipsis)
        s_j, c_j, sum_j = s[j], c[j[1:]], sum_exp[j[1:]]  # views of this core's examples
        np.max(s_j, axis=0, out=c_j)  # NaN and +inf show in the max, -inf in the min
        if not (np.isfinite(c_j).all() and np.isfinite(np.min(s_j, axis=0)).all()):
            bad = s.size - np.count_nonzero(np.isfinite(s))
            raise ValueError(f"logits must be finite (got {bad} NaN or infinite entries)")
        rows = max(1, _BAND_BYTES // max(c_j.nbytes, 1))
        e_band = np.empty((min(rows, len(s_j)), *c_j.shape), s.dtype)
        for k in range(0, len(s_j), rows):  # Σ_k e^{s_k − c}, one band of classes at a time
            e = probs[j][k : k + rows] if probs is not None else e_band[: len(s_j[k : k + rows])]
            np.subtract(s_j[k : k + rows], c_j, out=e)
            np.exp(e, out=e)  # e^{s − c} ≤ 1 never overflows
            sum_j += np.sum(e, axis=0)
        if probs is not None:  # Q = e^{s − c} / Σ_k e^{s_k − c}, times scale
            probs[j] *= scale / sum_j

    _parallel.run(examples, _parallel.split(s.shape[1] if s.ndim > 1 else 1, min_part=256))
    return c, sum_exp
# --8<-- [end:max_and_sum_exp]


# --8<-- [start:class_targets]
def _class_targets(
    logits: object, y: object, axis: object
) -> tuple[np.ndarray, np.ndarray, int]:
    """Logits and their targets: a distribution P shaped like the logits, or integer labels.

    Labels come back as integers shaped like the logits with the class axis kept (length 1):
    the index of the 1 in each one-hot column, so the (K, m) one-hot P is never built. With
    labels, :func:`_max_and_sum_exp` checks that the logits are finite, in its first pass.
    """
    s = as_float_array(logits, "logits", min_ndim=1, finite=False)  # finite: checked below
    ax = check_axis(axis, s.ndim)
    k = s.shape[ax]
    t = as_float_array(y, "y")
    if t.shape == s.shape:  # one-hot or soft labels: a distribution per example
        as_float_array(s, "logits")
        check_distribution(t, "y", ax)
        return s, t.astype(s.dtype, copy=False), ax
    label_shape = s.shape[:ax] + s.shape[ax + 1:]
    if t.shape != label_shape:
        raise ValueError(
            f"y must be integer labels of shape {label_shape} or probabilities of the shape "
            f"of logits {s.shape} (got shape {t.shape})"
        )
    if not np.array_equal(t, np.round(t)):
        raise ValueError(f"y labels must be integers (got {float(t[t != np.round(t)][0])!r})")
    if t.min() < 0 or t.max() >= k:
        bad = t.min() if t.min() < 0 else t.max()
        raise ValueError(f"y labels must be in [0, {k}) for {k} classes (got {int(bad)})")
    return s, np.expand_dims(t.astype(np.intp), ax), ax
# --8<-- [end:class_targets]


# --8<-- [start:softmax_cross_entropy]
def softmax_cross_entropy(
    logits: object, y: object, *, axis: int = 0, reduction: str = "mean"
) -> np.ndarray:
    r"""Cross-entropy between targets and the softmax of the scores (softmax 交叉熵损失).

    Parameters
    ----------
    logits : array_like
        Class scores S, classes along ``axis``: e.g. shape (K, m) with one example per column,
        or (K,) for one example. Finite.
    y : array_like
        Either integer class labels in [0, K), shaped like ``logits`` without ``axis`` (e.g.
        (m,)); or a one-hot / probability array of the shape of ``logits``, each slice along
        ``axis`` non-negative and summing to 1.
    axis : int, default 0
        The class axis (PyTorch's ``cross_entropy`` uses axis 1).
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: the loss of every example (shape of ``logits`` without ``axis``);
        ``"sum"``: their sum; ``"mean"``: their mean over the examples.

    Returns
    -------
    numpy.ndarray
        A NumPy scalar (mean, sum) or the per-example losses; always finite.

    Raises
    ------
    ValueError
        If ``y`` has neither shape, labels are not integers or out of range, a probability
        target does not sum to 1, an input is not finite, ``axis`` is out of range or
        ``reduction`` is unknown.
    TypeError
        If an input is not real-valued or ``axis`` is not an int.

    Notes
    -----
    The notes' (6-15) and (6-16) for one example with :math:`Q = \mathrm{softmax}(S)`:

    .. math::

        H(P, Q) = -\sum_{k=1}^{K} P_k \log Q_k, \qquad
        \text{one-hot } P \text{ (true class } i\text{)}: \quad
        H(P, Q) = -\log Q_i = -s_i + \log \sum_j e^{s_j}

    :math:`\log Q` is computed by log-sum-exp (:func:`dlnotes.activations.log_softmax`; for
    integer labels only at the true class, without a one-hot array), so a score of
    :math:`\pm 10^4` gives a finite loss.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import softmax_cross_entropy
    >>> S = np.array([[2.0, 0.0], [1.0, 0.0], [0.1, 0.0]])  # 3 classes, 2 examples
    >>> print(np.round(softmax_cross_entropy(S, np.array([0, 2]), reduction="none"), 4))
    [0.417  1.0986]
    >>> one_hot = np.array([[1, 0], [0, 0], [0, 1]])
    >>> print(f"{softmax_cross_entropy(S, one_hot):.4f}")
    0.7578
    """
    s, target, ax = _class_targets(logits, y, axis)
    red = check_choice(reduction, "reduction", REDUCTIONS)
    if target.dtype.kind == "f":  # P·log Q with P = 0 is 0; log Q is finite: no guard needed
        return _reduce(-np.sum(target * log_softmax(s, axis=ax), axis=ax) + 0.0, red)
    # integer labels i: H = −log Q_i = log Σ_j e^{s_j − c} − (s_i − c), with c = max_j s_j
    s0, i0 = np.moveaxis(s, ax, 0), np.moveaxis(target, ax, 0)  # views, classes first
    c, sum_exp = _max_and_sum_exp(s0)
    losses = np.log(sum_exp) - (np.take_along_axis(s0, i0, 0)[0] - c)
    return _reduce(losses + 0.0, red)
# --8<-- [end:softmax_cross_entropy]


# --8<-- [start:softmax_cross_entropy_grad]
def softmax_cross_entropy_grad(
    logits: object, y: object, *, axis: int = 0, reduction: str = "mean"
) -> np.ndarray:
    r"""Gradient of the softmax cross-entropy with respect to the logits: :math:`(Q - P)/m`.

    Parameters
    ----------
    logits : array_like
        Class scores, classes along ``axis``; finite.
    y : array_like
        Integer labels shaped like ``logits`` without ``axis``, or a one-hot / probability
        array of the shape of ``logits``, as in :func:`softmax_cross_entropy`.
    axis : int, default 0
        The class axis.
    reduction : {"mean", "sum"}, default "mean"
        Differentiate the mean over the examples or the sum.

    Returns
    -------
    numpy.ndarray
        :math:`\partial J / \partial S`, the shape of ``logits``.

    Raises
    ------
    ValueError
        As :func:`softmax_cross_entropy`; ``reduction`` must be "mean" or "sum".
    TypeError
        If an input is not real-valued or ``axis`` is not an int.

    Notes
    -----
    For each example, with :math:`\sum_k P_k = 1`:

    .. math::

        \frac{\partial H(P, Q)}{\partial s_k} = Q_k \sum_j P_j - P_k = Q_k - P_k,
        \qquad \frac{\partial J}{\partial S} = \frac{1}{m} (Q - P)

    the softmax output layer's ``dZ = A - Y``, as for a sigmoid output with binary
    cross-entropy.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import softmax_cross_entropy_grad
    >>> g = softmax_cross_entropy_grad(np.array([[0.0], [0.0]]), np.array([1]))
    >>> print(np.round(g, 4))  # one example: Q = (0.5, 0.5), P = (0, 1)
    [[ 0.5]
     [-0.5]]
    """
    s, target, ax = _class_targets(logits, y, axis)
    scale = _grad_scale(s.size // s.shape[ax], reduction)
    grad = np.empty_like(s)
    g0, s0, t0 = (np.moveaxis(a, ax, 0) for a in (grad, s, target))  # views, classes first
    _max_and_sum_exp(s0, probs=g0, scale=scale)  # grad = Q·scale
    if target.dtype.kind == "f":
        g0 -= scale * t0
    else:  # one-hot P: subtract 1 (times scale) at each example's label only
        np.put_along_axis(g0, t0, np.take_along_axis(g0, t0, 0) - scale, 0)
    return grad
# --8<-- [end:softmax_cross_entropy_grad]


# --8<-- [start:mean_squared_error]
def mean_squared_error(y_hat: object, y: object, reduction: str = "mean") -> np.ndarray:
    r"""Mean squared error :math:`\frac{1}{N} \sum (\hat y - y)^2` (均方误差).

    Parameters
    ----------
    y_hat : array_like
        Predictions, any shape; finite.
    y : array_like
        Targets, exactly the shape of ``y_hat``.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: every squared error; ``"sum"``: their sum; ``"mean"``: their mean over all
        N elements (as ``torch.nn.functional.mse_loss``).

    Returns
    -------
    numpy.ndarray
        A NumPy scalar (mean, sum) or the per-element squared errors.

    Raises
    ------
    ValueError
        If the shapes differ, an input is not finite, or ``reduction`` is unknown.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    The notes' (6-17), without the factor 1/2 that 003 §2.3 mentions as an alternative:

    .. math::

        \mathrm{MSE}(\theta) = \frac{1}{N} \sum_{i=1}^{N} \left( f(x_i \mid \theta) - y_i \right)^2

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import mean_squared_error
    >>> print(f"{mean_squared_error(np.array([[1.0, 2.0, 4.0]]), np.array([[1, 3, 2]])):.4f}")
    1.6667
    """
    p, t = _pair(y_hat, y, "y_hat", probabilities=False, unit_targets=False)
    red = check_choice(reduction, "reduction", REDUCTIONS)
    return _reduce((p - t) ** 2, red)
# --8<-- [end:mean_squared_error]


# --8<-- [start:mean_squared_error_grad]
def mean_squared_error_grad(y_hat: object, y: object, reduction: str = "mean") -> np.ndarray:
    r"""Gradient of the mean squared error with respect to ``y_hat``: :math:`2(\hat y - y)/N`.

    Parameters
    ----------
    y_hat : array_like
        Predictions; finite.
    y : array_like
        Targets, exactly the shape of ``y_hat``.
    reduction : {"mean", "sum"}, default "mean"
        Differentiate the mean over all N elements or the sum.

    Returns
    -------
    numpy.ndarray
        :math:`\partial\, \mathrm{MSE} / \partial \hat y`, the shape of ``y_hat``.

    Raises
    ------
    ValueError
        If the shapes differ, an input is not finite, or ``reduction`` is not "mean" or "sum".
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math:: \frac{\partial\, \mathrm{MSE}}{\partial \hat y_i} = \frac{2}{N} (\hat y_i - y_i)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.losses import mean_squared_error_grad
    >>> print(np.round(mean_squared_error_grad(np.array([1.0, 2.0]), np.array([0.0, 2.0])), 4))
    [1. 0.]
    """
    p, t = _pair(y_hat, y, "y_hat", probabilities=False, unit_targets=False)
    scale = _grad_scale(p.size, reduction)
    return (2.0 * scale) * (p - t)
# --8<-- [end:mean_squared_error_grad]
