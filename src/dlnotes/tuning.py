r"""Hyperparameter search (超参数调试): log-scale sampling, random vs grid search, coarse to fine.

Mirrors notes 000 §3.1-3.3 and 002 (log-scale random search). A search space is a list of
``(low, high)`` bounds, one per hyperparameter, with a flag per axis saying whether it is
sampled on a log scale; a set of candidates is an ``(n_trials, n_hyperparameters)`` array.
"""

from __future__ import annotations

# --8<-- [start:imports]
import math

# --8<-- [end:imports]
import numbers
from collections.abc import Sequence

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_bool,
    check_int,
    check_ndim,
    check_rng,
    check_scalar,
)

__all__ = ["grid_points", "random_points", "refine_bounds", "sample_beta", "sample_log_uniform"]

Size = int | tuple[int, ...] | None


# The references: what the chapter shows. Plain NumPy (and math.log10) on checked arguments.

# --8<-- [start:sample_log_uniform]
def _sample_log_uniform(
    low: float, high: float, rng: np.random.Generator, size: int | tuple[int, ...] | None = None
) -> np.ndarray:
    """α = 10^r with r ~ U[log10 a, log10 b]: each decade of [a, b] equally often (000 §3.2).

    >>> alpha = _sample_log_uniform(1e-4, 1.0, np.random.default_rng(0), size=10_000)
    >>> print(np.histogram(np.log10(alpha), bins=4, range=(-4, 0))[0])
    [2524 2466 2505 2505]
    """
    r = rng.uniform(math.log10(low), math.log10(high), size=size)
    return np.clip(10.0**r, low, high)  # 10^log10(b) can round to just above b
# --8<-- [end:sample_log_uniform]


# --8<-- [start:sample_beta]
def _sample_beta(
    low: float, high: float, rng: np.random.Generator, size: int | tuple[int, ...] | None = None
) -> np.ndarray:
    """β = 1 − 10^r with r ~ U[log10(1 − high), log10(1 − low)]: 1 − β log-uniform (000 §3.2).

    >>> beta = _sample_beta(0.9, 0.999, np.random.default_rng(0), size=10_000)
    >>> print(f"{beta.min():.4f} {beta.max():.4f} {np.mean(beta < 0.99):.2f}")
    0.9000 0.9990 0.50
    """
    one_minus_beta = _sample_log_uniform(1.0 - high, 1.0 - low, rng, size)
    return np.clip(1.0 - one_minus_beta, low, high)
# --8<-- [end:sample_beta]


# --8<-- [start:grid_points]
def _grid_points(bounds: list[tuple[float, float]], num: int, log: list[bool]) -> np.ndarray:
    """Every point of a grid with num values per axis (evenly spaced, or on a log scale), 网格搜索.

    >>> print(_grid_points([(1e-4, 1.0), (0.0, 1.0)], 2, [True, False]).tolist())
    [[0.0001, 0.0], [0.0001, 1.0], [1.0, 0.0], [1.0, 1.0]]
    """
    axes = [np.geomspace(low, high, num) if is_log else np.linspace(low, high, num)
            for (low, high), is_log in zip(bounds, log, strict=True)]
    return np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, len(bounds))
# --8<-- [end:grid_points]


# --8<-- [start:random_points]
def _random_points(
    bounds: list[tuple[float, float]], num: int, rng: np.random.Generator, log: list[bool]
) -> np.ndarray:
    """num trials, each hyperparameter drawn on its own: uniform, or 10^r on a log axis (随机取点).

    >>> trials = _random_points([(1e-4, 1.0), (0.0, 1.0)], 25, np.random.default_rng(0),
    ...                         [True, False])
    >>> print(trials.shape, len(np.unique(trials[:, 0])))
    (25, 2) 25
    """
    columns = [_sample_log_uniform(low, high, rng, num) if is_log else rng.uniform(low, high, num)
               for (low, high), is_log in zip(bounds, log, strict=True)]
    return np.stack(columns, axis=1)
# --8<-- [end:random_points]


# --8<-- [start:refine_bounds]
def _refine_bounds(
    points: np.ndarray, scores: np.ndarray, top_k: int, maximize: bool = True
) -> list[tuple[float, float]]:
    """Coarse to fine: [min, max] per axis of the top_k best trials, the region to search next.

    >>> points = np.array([[0.1, 1.0], [0.2, 3.0], [0.9, 2.0], [0.15, 2.5]])
    >>> print(_refine_bounds(points, np.array([0.9, 0.8, 0.1, 0.95]), 2))
    [(0.1, 0.15), (1.0, 2.5)]
    """
    best = points[np.argsort(-scores if maximize else scores, kind="stable")[:top_k]]
    lows, highs = best.min(axis=0), best.max(axis=0)
    return [(float(low), float(high)) for low, high in zip(lows, highs, strict=True)]
# --8<-- [end:refine_bounds]


# The public functions: validate at the boundary, then call the reference.

def _size(size: object) -> int | tuple[int, ...] | None:
    """None, an int >= 0 or a tuple of them: the output shape, checked here (not by NumPy)."""
    if size is None:
        return None
    if isinstance(size, tuple):
        return tuple(check_int(n, f"size[{i}]", low=0) for i, n in enumerate(size))
    if (isinstance(size, np.ndarray) and size.ndim == 0) or isinstance(size, numbers.Integral):
        return check_int(size, "size", low=0)
    raise TypeError(f"size must be None, an int or a tuple of ints (got {type(size).__name__})")


def _bounds(low: object, high: object) -> tuple[float, float]:
    lo = check_scalar(low, "low", low=0.0, low_inclusive=False)
    hi = check_scalar(high, "high", low=0.0, low_inclusive=False)
    if not (lo < hi and math.isfinite(hi)):
        raise ValueError(f"low must be < high, both finite (got {lo!r} and {hi!r})")
    return lo, hi


def sample_log_uniform(
    low: float, high: float, *, rng: np.random.Generator, size: Size = None
) -> float | np.ndarray:
    r"""Sample :math:`10^r` with :math:`r` uniform on :math:`[\log_{10} a, \log_{10} b]`.

    Parameters
    ----------
    low, high : float
        The range :math:`[a, b]`, ``0 < low < high``, e.g. ``1e-4, 1`` for a learning rate.
    rng : numpy.random.Generator
        Source of :math:`r`.
    size : int or tuple of int, optional
        Output shape; ``None`` (default) returns one float.

    Returns
    -------
    float or numpy.ndarray
        Samples in ``[low, high]``: each decade gets the same share of them.

    Raises
    ------
    ValueError
        If ``low`` or ``high`` is not > 0 and finite, or ``low >= high``.
    TypeError
        If ``rng`` is not a Generator or ``size`` is not None, an int or a tuple of ints.

    Notes
    -----
    Notes 000 §3.2 and 002 sample the learning rate on :math:`[10^{-4}, 1]` as

    .. math:: r = -4 \cdot \text{rand}(), \qquad \alpha = 10^{r}

    which is this function with ``low=1e-4, high=1``. Sampled uniformly instead, 90 % of the
    samples would fall in :math:`[0.1, 1]`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.tuning import sample_log_uniform
    >>> alpha = sample_log_uniform(1e-4, 1.0, rng=np.random.default_rng(0), size=10_000)
    >>> print(np.histogram(np.log10(alpha), bins=4, range=(-4, 0))[0])
    [2524 2466 2505 2505]
    """
    lo, hi = _bounds(low, high)
    shape = _size(size)
    alpha = _sample_log_uniform(lo, hi, check_rng(rng), shape)
    return float(alpha) if shape is None else alpha


def sample_beta(
    low: float = 0.9, high: float = 0.999, *, rng: np.random.Generator, size: Size = None
) -> float | np.ndarray:
    r"""Sample an averaging :math:`\beta` in ``[low, high]`` with :math:`1 - \beta` log-uniform.

    Parameters
    ----------
    low, high : float
        The range of :math:`\beta`, ``0 <= low < high < 1``; default 0.9 … 0.999 (averages
        over about 10 … 1000 values).
    rng : numpy.random.Generator
        Source of :math:`r`.
    size : int or tuple of int, optional
        Output shape; ``None`` (default) returns one float.

    Returns
    -------
    float or numpy.ndarray
        Samples in ``[low, high]``.

    Raises
    ------
    ValueError
        If not ``0 <= low < high < 1``.
    TypeError
        If ``rng`` is not a Generator or ``size`` is not None, an int or a tuple of ints.

    Notes
    -----
    :math:`\beta` near 1 is where the result is sensitive (:math:`1/(1-\beta)` jumps from
    1000 to 2000 between 0.999 and 0.9995), so sample :math:`1 - \beta` on a log scale
    (notes 000 §3.2; see errata 5):

    .. math:: r \sim U[\log_{10}(1 - \text{high}), \log_{10}(1 - \text{low})] = U[-3, -1],
        \qquad \beta = 1 - 10^{r}

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.tuning import sample_beta
    >>> beta = sample_beta(0.9, 0.999, rng=np.random.default_rng(0), size=10_000)
    >>> print(f"{beta.min():.4f} {beta.max():.4f} {np.mean(beta < 0.99):.2f}")
    0.9000 0.9990 0.50
    """
    lo = check_scalar(low, "low", low=0.0, high=1.0, high_inclusive=False)
    hi = check_scalar(high, "high", low=0.0, high=1.0, high_inclusive=False)
    if lo >= hi:
        raise ValueError(f"low must be < high (got {lo!r} and {hi!r})")
    shape = _size(size)
    beta = _sample_beta(lo, hi, check_rng(rng), shape)
    return float(beta) if shape is None else beta


def _space(
    bounds: Sequence[tuple[float, float]], log: Sequence[bool] | None
) -> list[tuple[float, float, bool]]:
    if isinstance(bounds, str) or not isinstance(bounds, Sequence) or len(bounds) == 0:
        raise TypeError(f"bounds must be a non-empty list of (low, high) pairs (got {bounds!r})")
    if log is not None and (isinstance(log, str) or not isinstance(log, Sequence | np.ndarray)):
        raise TypeError(f"log must be None or a list of bools (got {type(log).__name__})")
    flags = ([False] * len(bounds) if log is None
             else [check_bool(f, f"log[{i}]") for i, f in enumerate(log)])
    if len(flags) != len(bounds):
        raise ValueError(
            f"log must have one flag per bound (got {len(flags)} flags for {len(bounds)} bounds)"
        )
    space = []
    for i, (pair, is_log) in enumerate(zip(bounds, flags, strict=True)):
        if isinstance(pair, str) or not isinstance(pair, Sequence | np.ndarray):
            raise TypeError(f"bounds[{i}] must be a (low, high) pair (got {type(pair).__name__})")
        if len(pair) != 2:
            raise ValueError(f"bounds[{i}] must be a (low, high) pair (got {pair!r})")
        lo = check_scalar(
            pair[0], f"bounds[{i}][0]", low=0.0 if is_log else None, low_inclusive=not is_log
        )
        hi = check_scalar(pair[1], f"bounds[{i}][1]")
        if not (lo < hi and math.isfinite(lo) and math.isfinite(hi)):
            raise ValueError(f"bounds[{i}] must have low < high, finite (got {pair!r})")
        space.append((lo, hi, bool(is_log)))
    return space


def grid_points(
    bounds: Sequence[tuple[float, float]], num: int, *, log: Sequence[bool] | None = None
) -> np.ndarray:
    r"""All the points of a regular grid (网格搜索) with ``num`` values per hyperparameter.

    Parameters
    ----------
    bounds : list of (float, float)
        ``(low, high)`` per hyperparameter.
    num : int
        Values per axis, ``>= 1`` (``num ** len(bounds)`` trials).
    log : list of bool, optional
        Per axis, whether the values are spaced evenly on a log scale (then ``low > 0``).

    Returns
    -------
    numpy.ndarray
        ``(num ** d, d)``, one trial per row, the last axis varying fastest.

    Raises
    ------
    ValueError
        If a bound is not a finite ``low < high`` pair (``low > 0`` on a log axis), ``num < 1``
        or ``log`` has the wrong length.
    TypeError
        If ``bounds`` is not a list of pairs or ``log`` not None or a list of bools.

    Notes
    -----
    A grid of :math:`n^d` trials tries only :math:`n` distinct values of each hyperparameter:
    when one of them hardly matters (ε of Adam), :math:`n^{d-1}` trials per value of the
    important one (α) are wasted (notes 000 §3.1). Compare :func:`random_points`.

    Examples
    --------
    >>> from dlnotes.tuning import grid_points
    >>> print(grid_points([(1e-4, 1.0), (0.0, 1.0)], 3, log=[True, False]))
    [[1.e-04 0.e+00]
     [1.e-04 5.e-01]
     [1.e-04 1.e+00]
     [1.e-02 0.e+00]
     [1.e-02 5.e-01]
     [1.e-02 1.e+00]
     [1.e+00 0.e+00]
     [1.e+00 5.e-01]
     [1.e+00 1.e+00]]
    """
    space = _space(bounds, log)
    n = check_int(num, "num", low=1)
    return _grid_points([(lo, hi) for lo, hi, _ in space], n, [flag for _, _, flag in space])


def random_points(
    bounds: Sequence[tuple[float, float]],
    num: int,
    *,
    rng: np.random.Generator,
    log: Sequence[bool] | None = None,
) -> np.ndarray:
    r"""``num`` random trials (随机取点), each hyperparameter drawn on its own.

    Parameters
    ----------
    bounds : list of (float, float)
        ``(low, high)`` per hyperparameter.
    num : int
        Number of trials, ``>= 1``.
    rng : numpy.random.Generator
        Source of the samples.
    log : list of bool, optional
        Per axis, whether to sample log-uniformly (then ``low > 0``), as
        :func:`sample_log_uniform`.

    Returns
    -------
    numpy.ndarray
        ``(num, d)``, one trial per row: ``num`` distinct values of every hyperparameter.

    Raises
    ------
    ValueError
        As :func:`grid_points`.
    TypeError
        If ``bounds`` is not a list of pairs, ``log`` not None or a list of bools or ``rng``
        not a Generator.

    Notes
    -----
    .. math:: x_{ij} \sim U[a_j, b_j] \quad\text{or}\quad
        x_{ij} = 10^{r},\; r \sim U[\log_{10} a_j, \log_{10} b_j]

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.tuning import random_points
    >>> trials = random_points([(1e-4, 1.0), (1e-8, 1e-6)], 25, rng=np.random.default_rng(0),
    ...                        log=[True, True])
    >>> print(trials.shape, len(np.unique(trials[:, 0])))
    (25, 2) 25
    """
    space = _space(bounds, log)
    n = check_int(num, "num", low=1)
    gen = check_rng(rng)
    return _random_points([(lo, hi) for lo, hi, _ in space], n, gen, [f for _, _, f in space])


def refine_bounds(
    points: np.ndarray, scores: np.ndarray, top_k: int, *, maximize: bool = True
) -> list[tuple[float, float]]:
    r"""Coarse to fine (由粗到细): the bounding box of the ``top_k`` best trials.

    Parameters
    ----------
    points : numpy.ndarray
        ``(n_trials, d)`` trials, e.g. from :func:`random_points`.
    scores : numpy.ndarray
        ``(n_trials,)`` result of each trial (e.g. dev-set accuracy).
    top_k : int
        Number of best trials that span the new region, ``2 <= top_k <= n_trials``.
    maximize : bool, default True
        Whether a higher score is better (accuracy) or a lower one (loss).

    Returns
    -------
    list of (float, float)
        New ``(low, high)`` per hyperparameter, to sample more densely in.

    Raises
    ------
    ValueError
        If the shapes do not match, ``top_k`` is out of range, or the best trials share a
        value on an axis (an empty range).
    TypeError
        If ``maximize`` is not a bool, or an argument is of the wrong kind.

    Notes
    -----
    .. math:: [a_j', b_j'] = [\min_{i \in \text{top}_k} x_{ij}, \max_{i \in \text{top}_k} x_{ij}]

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.tuning import refine_bounds
    >>> points = np.array([[0.1, 1.0], [0.2, 3.0], [0.9, 2.0], [0.15, 2.5]])
    >>> print(refine_bounds(points, np.array([0.9, 0.8, 0.1, 0.95]), top_k=2))
    [(0.1, 0.15), (1.0, 2.5)]
    """
    x = as_float_array(points, "points")
    check_ndim(x, "points", 2)
    s = as_float_array(scores, "scores")
    if s.shape != (x.shape[0],):
        raise ValueError(f"scores must have shape ({x.shape[0]},) (got {s.shape})")
    k = check_int(top_k, "top_k", low=2, high=x.shape[0])
    refined = _refine_bounds(x, s, k, check_bool(maximize, "maximize"))
    empty = [j for j, (lo, hi) in enumerate(refined) if lo >= hi]
    if empty:
        raise ValueError(
            f"the top_k best points all have the same value on axis {empty[0]}: no range"
        )
    return refined
