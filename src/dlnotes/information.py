"""Information theory: entropy, cross-entropy, KL and JS divergence, mutual information.

Mirrors notes 001 (网络优化), pp. 4-14. Distributions lie along ``axis`` (default 0, the
outcome axis of the whole package, so the columns of a 2-D array are distributions); a 1-D
array is one distribution. ``base=None`` gives nats, ``base=2`` bits.
"""

from __future__ import annotations

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_axis,
    check_base,
    check_distribution,
    check_ndim,
    check_same_shape,
    clamp,
)

__all__ = [
    "conditional_entropy",
    "cross_entropy",
    "entropy",
    "joint_entropy",
    "js_divergence",
    "kl_divergence",
    "mutual_information",
]


# The references: what the chapter shows. Plain NumPy on arrays already checked, nats only.

# --8<-- [start:helpers]
def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log(y), with 0·log(y) = 0 and x·log(0) = −inf for x > 0 (as scipy.special.xlogy).

    >>> print(_xlogy(np.array([0.0, 0.5]), np.array([0.0, 0.25])).round(4))
    [ 0.     -0.6931]
    """
    positive = x > 0
    # log only where it is defined, so that log(0) raises no divide-by-zero warning
    log_y = np.log(np.where(positive & (y > 0), y, 1))
    return np.where(positive, np.where(y > 0, x * log_y, -np.inf), 0.0)


def _rel_entr(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p·log(p/q), with 0·log(0/q) = 0 and p·log(p/0) = +inf (as scipy.special.rel_entr).

    >>> print(_rel_entr(np.array([0.0, 0.5]), np.array([0.5, 0.25])).round(4))
    [0.     0.3466]
    """
    # p·log p − p·log q rather than p·log(p/q): p/q overflows when q is subnormal
    return _xlogy(p, p) - _xlogy(p, q)
# --8<-- [end:helpers]


# --8<-- [start:entropy]
def _entropy(p: np.ndarray, axis: int = 0) -> np.ndarray:
    """H(P) = −Σ p·log p in nats, 0·log 0 = 0 (notes 001, 信息熵).

    >>> print(f"{_entropy(np.array([0.5, 0.5])):.4f}")  # log 2
    0.6931
    """
    return -np.sum(_xlogy(p, p), axis=axis)
# --8<-- [end:entropy]


# --8<-- [start:cross_entropy]
def _cross_entropy(p: np.ndarray, q: np.ndarray, axis: int = 0) -> np.ndarray:
    """H(P, Q) = −Σ P(x)·log Q(x) in nats (notes 001, 交叉熵).

    >>> print(f"{_cross_entropy(np.array([1.0, 0.0]), np.array([0.8, 0.2])):.4f}")  # −log 0.8
    0.2231
    """
    return -np.sum(_xlogy(p, q), axis=axis)
# --8<-- [end:cross_entropy]


# --8<-- [start:kl_divergence]
def _kl_divergence(p: np.ndarray, q: np.ndarray, axis: int = 0) -> np.ndarray:
    """D_KL(P‖Q) = Σ P(x)·log(P(x)/Q(x)) in nats, +inf where Q = 0 < P (notes 001, 相对熵).

    >>> print(f"{_kl_divergence(np.array([1/2, 1/2]), np.array([1/4, 3/4])):.4f}")
    0.1438
    """
    return np.sum(_rel_entr(p, q), axis=axis)
# --8<-- [end:kl_divergence]


# --8<-- [start:js_divergence]
def _js_divergence(p: np.ndarray, q: np.ndarray, axis: int = 0) -> np.ndarray:
    """JS(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M) with M = ½(P + Q), in [0, log 2] (notes 001, JS 散度).

    >>> print(f"{_js_divergence(np.array([1.0, 0.0]), np.array([0.0, 1.0])):.4f}")  # log 2
    0.6931
    """
    m = 0.5 * (p + q)
    return np.sum(0.5 * (_rel_entr(p, m) + _rel_entr(q, m)), axis=axis)
# --8<-- [end:js_divergence]


# --8<-- [start:joint_entropy]
def _joint_entropy(pxy: np.ndarray) -> np.ndarray:
    """H(X, Y) = −Σ p(x, y)·log p(x, y) over the joint table, in nats (notes 001, 联合熵).

    >>> print(f"{_joint_entropy(np.full((2, 2), 0.25)):.4f}")  # log 4
    1.3863
    """
    return -np.sum(_xlogy(pxy, pxy))
# --8<-- [end:joint_entropy]


# --8<-- [start:conditional_entropy]
def _conditional_entropy(pxy: np.ndarray) -> np.ndarray:
    """H(X|Y) = −Σ p(x, y)·log p(x|y) = −Σ p(x, y)·log(p(x, y)/p(y)), rows x, columns y.

    >>> print(f"{_conditional_entropy(np.array([[0.5, 0.0], [0.0, 0.5]])):.4f}")  # Y fixes X
    0.0000
    """
    p_y = np.sum(pxy, axis=0, keepdims=True)  # the marginal of Y: sum over the rows (x)
    return np.sum(_xlogy(pxy, p_y) - _xlogy(pxy, pxy))
# --8<-- [end:conditional_entropy]


# --8<-- [start:mutual_information]
def _mutual_information(pxy: np.ndarray) -> np.ndarray:
    """I(X; Y) = Σ p(x, y)·log(p(x, y) / (p(x)·p(y))) in nats (notes 001, 互信息).

    >>> print(f"{_mutual_information(np.array([[0.5, 0.0], [0.0, 0.5]])):.4f}")  # log 2
    0.6931
    """
    p_x = np.sum(pxy, axis=1, keepdims=True)
    p_y = np.sum(pxy, axis=0, keepdims=True)
    # log p(x) and log p(y) apart: their product p(x)·p(y) can underflow to 0
    return np.sum(_xlogy(pxy, pxy) - _xlogy(pxy, p_x) - _xlogy(pxy, p_y))
# --8<-- [end:mutual_information]


# The public functions: validate at the boundary, call the reference, convert the base.

def _to_base(nats: np.ndarray, base: float | None) -> np.ndarray:
    # log(base) in the result's dtype: a Python float would make a float32 scalar float64 on
    # NumPy 1
    return nats if base is None else nats / nats.dtype.type(np.log(base))


def _distribution(p: object, name: str, axis: object) -> tuple[np.ndarray, int]:
    arr = as_float_array(p, name, min_ndim=1)
    ax = check_axis(axis, arr.ndim)
    check_distribution(arr, name, ax)
    return arr, ax


def _pair(p: object, q: object, axis: object) -> tuple[np.ndarray, np.ndarray, int]:
    p_arr, ax = _distribution(p, "p", axis)
    q_arr, _ = _distribution(q, "q", axis)
    check_same_shape(p_arr, q_arr, "p", "q")
    return p_arr, q_arr, ax


def _joint_table(pxy: object) -> np.ndarray:
    arr = as_float_array(pxy, "pxy")
    check_ndim(arr, "pxy", 2)
    check_distribution(arr, "pxy", None)
    return arr




def entropy(p: object, *, base: float | None = None, axis: int = 0) -> np.ndarray:
    r"""Shannon entropy :math:`H(P) = -\sum_i p_i \log p_i` (信息熵).

    Parameters
    ----------
    p : array_like
        Probabilities: non-negative, summing to 1 along ``axis``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats, ``2`` bits.
    axis : int, default 0
        The outcome axis.

    Returns
    -------
    numpy.ndarray
        The entropy of each distribution: ``p`` with ``axis`` removed (a 0-d array for 1-D
        ``p``). float32 in, float32 out; otherwise float64.

    Raises
    ------
    ValueError
        If ``p`` is empty, not finite, has a negative entry or does not sum to 1 along
        ``axis``; if ``axis`` is out of range or ``base`` is not > 0 and ≠ 1.
    TypeError
        If ``p`` is not real-valued or ``axis`` is not an int.

    Notes
    -----
    .. math:: H(P) = \mathbb{E}[-\log p_i] = -\sum_{i=1}^{n} p_i \log p_i

    with :math:`0 \log 0 = 0`, the limit of :math:`p \log p` as :math:`p \to 0`. It is the
    average self-information :math:`-\log p_i` (自信息) of the outcomes.

    Examples
    --------
    >>> from dlnotes.information import entropy
    >>> print(f"{entropy([0.5, 0.5], base=2):.4f}")
    1.0000
    >>> print(f"{entropy([1.0, 0.0]):.4f}")
    0.0000
    """
    p_arr, ax = _distribution(p, "p", axis)
    b = check_base(base)
    return _to_base(clamp(_entropy(p_arr, ax), 0.0), b)


def cross_entropy(
    p: object, q: object, *, base: float | None = None, axis: int = 0
) -> np.ndarray:
    r"""Cross-entropy :math:`H(P, Q) = -\sum_x P(x) \log Q(x)` (交叉熵).

    Parameters
    ----------
    p : array_like
        The true distribution P, summing to 1 along ``axis``.
    q : array_like
        The model distribution Q, the same shape as ``p``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    axis : int, default 0
        The outcome axis.

    Returns
    -------
    numpy.ndarray
        One value per distribution; ``+inf`` where Q(x) = 0 < P(x).

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a distribution along ``axis``, their shapes differ, or
        ``axis`` or ``base`` is invalid.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math:: H(P, Q) = \sum_x P(x) \log \frac{1}{Q(x)} = H(P) + D_{KL}(P \| Q)

    Examples
    --------
    >>> from dlnotes.information import cross_entropy
    >>> print(f"{cross_entropy([1.0, 0.0], [0.8, 0.2]):.4f}")  # one-hot P: −log Q(true)
    0.2231
    """
    p_arr, q_arr, ax = _pair(p, q, axis)
    b = check_base(base)
    return _to_base(clamp(_cross_entropy(p_arr, q_arr, ax), 0.0), b)


def kl_divergence(
    p: object, q: object, *, base: float | None = None, axis: int = 0
) -> np.ndarray:
    r"""Kullback-Leibler divergence :math:`D_{KL}(P \| Q)` (相对熵, KL 散度).

    Parameters
    ----------
    p : array_like
        The true distribution P, summing to 1 along ``axis``.
    q : array_like
        The approximating distribution Q, the same shape as ``p``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    axis : int, default 0
        The outcome axis.

    Returns
    -------
    numpy.ndarray
        One value ≥ 0 per distribution; ``+inf`` where Q(x) = 0 < P(x).

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a distribution along ``axis``, their shapes differ, or
        ``axis`` or ``base`` is invalid.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math:: D_{KL}(P \| Q) = H(P, Q) - H(P) = \sum_x P(x) \log \frac{P(x)}{Q(x)}

    It is not symmetric and it is ≥ 0, with equality only for P = Q (Gibbs' inequality);
    rounding can push a sum that should be 0 slightly below it, so the result is clipped at 0.

    Examples
    --------
    The notes' example, in nats:

    >>> from dlnotes.information import kl_divergence
    >>> print(f"{kl_divergence([1/2, 1/2], [1/4, 3/4]):.4f}")
    0.1438
    >>> print(f"{kl_divergence([1/4, 3/4], [1/2, 1/2]):.4f}")
    0.1308
    """
    p_arr, q_arr, ax = _pair(p, q, axis)
    b = check_base(base)
    # ≥ 0 (Gibbs); rounding can push a zero divergence just below 0
    return _to_base(clamp(_kl_divergence(p_arr, q_arr, ax), 0.0), b)


def js_divergence(
    p: object, q: object, *, base: float | None = None, axis: int = 0
) -> np.ndarray:
    r"""Jensen-Shannon divergence, the symmetrized KL to the mixture M (JS 散度).

    Parameters
    ----------
    p, q : array_like
        Two distributions of the same shape, each summing to 1 along ``axis``.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.
    axis : int, default 0
        The outcome axis.

    Returns
    -------
    numpy.ndarray
        One value per pair, in :math:`[0, \log 2]` (``[0, 1]`` in bits). Not the square root:
        ``scipy.spatial.distance.jensenshannon`` returns :math:`\sqrt{JS}`.

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a distribution along ``axis``, their shapes differ, or
        ``axis`` or ``base`` is invalid.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    .. math::

        JS(P \| Q) = \tfrac12 D_{KL}\!\left(P \,\middle\|\, M\right)
                   + \tfrac12 D_{KL}\!\left(Q \,\middle\|\, M\right),
        \qquad M = \tfrac12 (P + Q)

    M > 0 wherever P or Q is, so JS is always finite. Rounding can leave the sum just outside
    :math:`[0, \log 2]`, so it is clipped to that interval.

    Examples
    --------
    >>> from dlnotes.information import js_divergence
    >>> print(f"{js_divergence([1.0, 0.0], [0.0, 1.0], base=2):.4f}")  # disjoint: the maximum
    1.0000
    """
    p_arr, q_arr, ax = _pair(p, q, axis)
    b = check_base(base)
    # in [0, log 2]; rounding can push it just outside
    return _to_base(clamp(_js_divergence(p_arr, q_arr, ax), 0.0, np.log(2)), b)


def joint_entropy(pxy: object, *, base: float | None = None) -> np.ndarray:
    r"""Joint entropy :math:`H(X, Y)` of a joint table (联合熵).

    Parameters
    ----------
    pxy : array_like, shape (n_x, n_y)
        ``pxy[i, j] = P(X = x_i, Y = y_j)``: non-negative, summing to 1 over all entries.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    numpy.ndarray
        A 0-d array.

    Raises
    ------
    ValueError
        If ``pxy`` is not 2-D, has a negative entry or does not sum to 1, or ``base`` is invalid.
    TypeError
        If ``pxy`` is not real-valued.

    Notes
    -----
    .. math:: H(X, Y) = -\sum_{i,j} p(x_i, y_j) \log p(x_i, y_j)

    Examples
    --------
    >>> from dlnotes.information import joint_entropy
    >>> print(f"{joint_entropy([[0.25, 0.25], [0.25, 0.25]], base=2):.4f}")
    2.0000
    """
    table = _joint_table(pxy)
    b = check_base(base)
    return _to_base(clamp(_joint_entropy(table), 0.0), b)


def conditional_entropy(pxy: object, *, base: float | None = None) -> np.ndarray:
    r"""Conditional entropy :math:`H(X \mid Y)` of a joint table (条件熵).

    Parameters
    ----------
    pxy : array_like, shape (n_x, n_y)
        ``pxy[i, j] = P(X = x_i, Y = y_j)``; rows are X, columns are Y.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    numpy.ndarray
        A 0-d array, the uncertainty left in X once Y is known.

    Raises
    ------
    ValueError
        If ``pxy`` is not 2-D, has a negative entry or does not sum to 1, or ``base`` is invalid.
    TypeError
        If ``pxy`` is not real-valued.

    Notes
    -----
    The notes' derivation, computed by its middle line (a difference of two entropies would
    lose precision when both are large and nearly equal):

    .. math::

        H(X \mid Y) = -\sum_{i,j} p(y_j)\, p(x_i \mid y_j) \log p(x_i \mid y_j)
                    = -\sum_{i,j} p(x_i, y_j) \log \frac{p(x_i, y_j)}{p(y_j)}
                    = H(X, Y) - H(Y)

    Examples
    --------
    Y determines X, so nothing is left:

    >>> from dlnotes.information import conditional_entropy
    >>> print(f"{conditional_entropy([[0.5, 0.0], [0.0, 0.5]]):.4f}")
    0.0000
    """
    table = _joint_table(pxy)
    b = check_base(base)
    return _to_base(clamp(_conditional_entropy(table), 0.0), b)


def mutual_information(pxy: object, *, base: float | None = None) -> np.ndarray:
    r"""Mutual information :math:`I(X; Y)` of a joint table (互信息).

    Parameters
    ----------
    pxy : array_like, shape (n_x, n_y)
        ``pxy[i, j] = P(X = x_i, Y = y_j)``; rows are X, columns are Y.
    base : float, optional
        Logarithm base; ``None`` (default) gives nats.

    Returns
    -------
    numpy.ndarray
        A 0-d array ≥ 0; 0 exactly when X and Y are independent.

    Raises
    ------
    ValueError
        If ``pxy`` is not 2-D, has a negative entry or does not sum to 1, or ``base`` is invalid.
    TypeError
        If ``pxy`` is not real-valued.

    Notes
    -----
    The KL divergence between the joint distribution and the product of its marginals:

    .. math::

        I(X; Y) = \sum_{x,y} p(x, y) \log \frac{p(x, y)}{p(x)\,p(y)}
                = H(X) - H(X \mid Y) = H(X) + H(Y) - H(X, Y)

    Examples
    --------
    >>> from dlnotes.information import mutual_information
    >>> print(f"{mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2):.4f}")  # X = Y: one bit
    1.0000
    >>> print(f"{mutual_information([[0.25, 0.25], [0.25, 0.25]]):.4f}")  # independent
    0.0000
    """
    table = _joint_table(pxy)
    b = check_base(base)
    return _to_base(clamp(_mutual_information(table), 0.0), b)
