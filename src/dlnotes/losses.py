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

Each public function checks its arguments and calls its reference, the private function of the
same name with a leading underscore (``_binary_cross_entropy`` for ``binary_cross_entropy``):
plain NumPy on checked arrays, the code the chapter shows. A loss's reference returns the loss of
every element (every example for softmax cross-entropy); a gradient's reference returns the
derivative of each element's own loss, the gradient of the sum; the public function applies
``reduction`` (1/N for the mean).
"""

from __future__ import annotations

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_axis,
    check_choice,
    check_distribution,
    check_same_shape,
    positive_zero,
)
from dlnotes.activations import _log_softmax, _sigmoid, _softmax
from dlnotes.information import _xlogy

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


# The references: what the chapter shows. Plain NumPy on arrays already checked, one loss per
# element (per example for softmax cross-entropy), no reduction.

# --8<-- [start:binary_cross_entropy]
def _binary_cross_entropy(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """L(ŷ, y) = −[y·log ŷ + (1 − y)·log(1 − ŷ)] per element, 0·log 0 = 0 (003 §2.3, 二元交叉熵).

    >>> print(_binary_cross_entropy(np.array([0.9, 0.2]), np.array([1.0, 0.0])).round(4))
    [0.1054 0.2231]
    """
    # xlogy: a term whose weight is 0 adds 0 even where its log is −inf
    return -(_xlogy(y, y_hat) + _xlogy(1 - y, 1 - y_hat))
# --8<-- [end:binary_cross_entropy]


# --8<-- [start:binary_cross_entropy_grad]
def _xdivy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x/y, with 0/y = 0 and x/0 = +inf for x > 0 (the derivative of xlogy(x, y) in y).

    >>> print(_xdivy(np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.5, 0.0])))
    [ 0.  2. inf]
    """
    positive = x > 0
    # divide only where y > 0, so that x/0 raises no divide-by-zero warning
    ratio = x / np.where(positive & (y > 0), y, 1)
    return np.where(positive, np.where(y > 0, ratio, np.inf), 0.0)


def _binary_cross_entropy_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dŷ = −y/ŷ + (1 − y)/(1 − ŷ) per element, the notes' dA (003 §2.7).

    >>> print(_binary_cross_entropy_grad(np.array([0.5, 0.8]), np.array([1.0, 0.0])).round(4))
    [-2.  5.]
    """
    return _xdivy(1 - y, 1 - y_hat) - _xdivy(y, y_hat)
# --8<-- [end:binary_cross_entropy_grad]


# --8<-- [start:binary_cross_entropy_with_logits]
def _binary_cross_entropy_with_logits(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """L(z, y) = log(1 + e^z) − y·z per element, the binary cross-entropy of σ(z) (003 §2.3).

    >>> z, y = np.array([1e4, -1e4, 0.0]), np.array([1.0, 1.0, 0.0])
    >>> print(_binary_cross_entropy_with_logits(z, y).round(4).tolist())  # σ(z) rounds to 1, 0
    [0.0, 10000.0, 0.6931]
    """
    return np.logaddexp(0, z) - y * z  # log(1 + e^z) by logaddexp: no overflow for z = 1e4
# --8<-- [end:binary_cross_entropy_with_logits]


# --8<-- [start:binary_cross_entropy_with_logits_grad]
def _binary_cross_entropy_with_logits_grad(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dL/dz = σ(z) − y per element, the notes' dZ = A − Y (003 §2.7).

    >>> z, y = np.array([0.0, 2.0]), np.array([1.0, 1.0])
    >>> print(_binary_cross_entropy_with_logits_grad(z, y).round(4))
    [-0.5    -0.1192]
    """
    return _sigmoid(z) - y
# --8<-- [end:binary_cross_entropy_with_logits_grad]


# --8<-- [start:softmax_cross_entropy]
def _softmax_cross_entropy(logits: np.ndarray, y: np.ndarray, axis: int = 0) -> np.ndarray:
    """H(P, Q) = −Σ_k P_k·log Q_k per example, Q = softmax(S), P = y (001 (6-15), 交叉熵损失).

    >>> S, P = np.array([[2.0], [1.0], [0.1]]), np.array([[1.0], [0.0], [0.0]])
    >>> print(_softmax_cross_entropy(S, P).round(4))  # −log Q_0
    [0.417]
    """
    log_Q = _log_softmax(logits, axis)  # log-sum-exp: finite for |S| up to 1e4
    return -np.sum(y * log_Q, axis=axis)
# --8<-- [end:softmax_cross_entropy]


# --8<-- [start:softmax_cross_entropy_grad]
def _softmax_cross_entropy_grad(logits: np.ndarray, y: np.ndarray, axis: int = 0) -> np.ndarray:
    """∂H/∂S = Q − P per example, Q = softmax(S), P = y: the softmax output layer's dZ = A − Y.

    >>> print(_softmax_cross_entropy_grad(np.array([0.0, 0.0]), np.array([0.0, 1.0])).round(4))
    [ 0.5 -0.5]
    """
    return _softmax(logits, axis) - y
# --8<-- [end:softmax_cross_entropy_grad]


# --8<-- [start:mean_squared_error]
def _mean_squared_error(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(ŷ − y)² per element; their mean is the MSE (001 (6-17), 均方误差).

    >>> print(_mean_squared_error(np.array([1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0])))
    [0. 1. 4.]
    """
    return (y_hat - y) ** 2
# --8<-- [end:mean_squared_error]


# --8<-- [start:mean_squared_error_grad]
def _mean_squared_error_grad(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """d(ŷ − y)²/dŷ = 2(ŷ − y) per element.

    >>> print(_mean_squared_error_grad(np.array([1.0, 2.0]), np.array([0.0, 2.0])))
    [2. 0.]
    """
    return 2 * (y_hat - y)
# --8<-- [end:mean_squared_error_grad]


# The public functions: validate at the boundary, call the reference, apply the reduction.

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


def _class_targets(
    logits: object, y: object, axis: object
) -> tuple[np.ndarray, np.ndarray, int]:
    """Logits and their target distribution P, shaped like the logits, of the logits' dtype.

    ``y`` is either that distribution (one-hot or soft labels) or integer labels shaped like the
    logits without ``axis``, which become the one-hot P.
    """
    s = as_float_array(logits, "logits", min_ndim=1)
    ax = check_axis(axis, s.ndim)
    k = s.shape[ax]
    t = as_float_array(y, "y")
    if t.shape == s.shape:  # one-hot or soft labels: a distribution per example
        check_distribution(t, "y", ax)
        return s, t.astype(s.dtype, copy=False), ax
    label_shape = s.shape[:ax] + s.shape[ax + 1:]
    if t.shape != label_shape:
        raise ValueError(
            f"y must be integer labels of shape {label_shape} or probabilities of the shape "
            f"of logits {s.shape} (got shape {t.shape})"
        )
    if not np.array_equal(t, np.round(t)):
        raise ValueError(
            f"y labels must be integers (got {float(t[t != np.round(t)][0])!r}); probabilities "
            f"must have the shape of logits {s.shape} (got y of shape {t.shape})"
        )
    if t.min() < 0 or t.max() >= k:
        bad = t.min() if t.min() < 0 else t.max()
        raise ValueError(f"y labels must be in [0, {k}) for {k} classes (got {int(bad)})")
    classes = np.arange(k).reshape([k if i == ax else 1 for i in range(s.ndim)])
    one_hot = np.expand_dims(t, ax) == classes  # P_k = 1 at the label k, 0 elsewhere
    return s, one_hot.astype(s.dtype), ax


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
    return _reduce(positive_zero(_binary_cross_entropy(p, t)), red)  # a perfect guess: 0, not −0


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
    return scale * _binary_cross_entropy_grad(p, t)


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
    return _reduce(_binary_cross_entropy_with_logits(logits, t), red)


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
    return scale * _binary_cross_entropy_with_logits_grad(logits, t)


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

    Integer labels are turned into the one-hot P. :math:`\log Q` is computed by the
    max-shifted log-sum-exp of :func:`dlnotes.activations.log_softmax`,
    :math:`\log Q_k = (s_k - c) - \log \sum_j e^{s_j - c}` with :math:`c = \max_j s_j`, so a
    score of :math:`\pm 10^4` gives a finite loss.

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
    s, p, ax = _class_targets(logits, y, axis)
    red = check_choice(reduction, "reduction", REDUCTIONS)
    return _reduce(positive_zero(_softmax_cross_entropy(s, p, ax)), red)  # 0, not −0


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
    s, p, ax = _class_targets(logits, y, axis)
    scale = _grad_scale(s.size // s.shape[ax], reduction)  # 1/m: m examples
    return scale * _softmax_cross_entropy_grad(s, p, ax)


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
        A NumPy scalar (mean, sum) or the per-element squared errors; ``inf`` where a
        square (or the sum) exceeds the largest float, as for ``y_hat = 1e300``.

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
    with np.errstate(over="ignore"):  # a square beyond the float range is inf, by design
        return _reduce(_mean_squared_error(p, t), red)


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
        :math:`\partial\, \mathrm{MSE} / \partial \hat y`, the shape of ``y_hat``; ``±inf``
        where :math:`2(\hat y - y)` exceeds the largest float.

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
    with np.errstate(over="ignore"):  # ŷ − y beyond the float range is ±inf, by design
        return scale * _mean_squared_error_grad(p, t)
