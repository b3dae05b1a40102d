"""Boundary checks shared by every dlnotes module.

Each public function validates its arguments here, once, and then computes without further
checks. A failed check raises ``ValueError`` for a bad value or ``TypeError`` for a wrong kind of
object, and the message names the argument, what was expected and what was got::

    p must sum to 1 along axis 0 (got 0.9)
    lr must be > 0 (got -1.0)
    rng must be a numpy.random.Generator, e.g. np.random.default_rng(0) (got int)
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np


def as_float_array(
    x: object, name: str, *, finite: bool = True, min_ndim: int = 0
) -> np.ndarray:
    """Return ``x`` as a float32 or float64 array.

    float32 and float64 arrays are kept as they are (no copy); integers, booleans and other
    real floating types are converted to float64. ``finite=True`` rejects NaN and infinities;
    ``min_ndim`` rejects arrays with fewer dimensions. Empty arrays are rejected.
    """
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged nested lists
        raise TypeError(f"{name} must be array-like of real numbers (got {err})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be an array of real numbers (got dtype {arr.dtype})")
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    if arr.ndim < min_ndim:
        raise ValueError(
            f"{name} must have at least {min_ndim} dimension(s) (got a {arr.ndim}-D array)"
        )
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty (got shape {arr.shape})")
    if finite:
        check_finite(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Reject NaN and infinities in ``arr`` in one cheap pass.

    The sum of the entries is finite when every entry is (barring an overflow of the sum
    itself), so only a non-finite sum pays for the full elementwise check. Integer and bool
    arrays are always finite. This keeps the check of an optimizer step's 10^7 parameters to
    one read of each array, with no temporary of their size.
    """
    if arr.dtype.kind not in "fc":
        return
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(arr)
    if np.isfinite(total):
        return
    finite = np.isfinite(arr)
    if not finite.all():
        bad = int(arr.size - np.count_nonzero(finite))
        raise ValueError(f"{name} must be finite (got {bad} NaN or infinite entries)")


def check_ndim(arr: np.ndarray, name: str, ndim: int) -> None:
    """Require ``arr.ndim == ndim``."""
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D (got shape {arr.shape})")


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Require equal shapes: no silent broadcasting of, say, (m,) against (1, m)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape (got {a.shape} and {b.shape})"
        )


def check_axis(axis: object, ndim: int, name: str = "axis") -> int:
    """Return ``axis`` normalized to ``0 <= axis < ndim`` (a 0-d integer array is its int)."""
    axis = _zero_d(axis)
    if isinstance(axis, bool | np.bool_) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an int (got {type_name(axis)})")
    ax = int(axis)
    if not -ndim <= ax < ndim:
        raise ValueError(f"{name} must be in [{-ndim}, {ndim}) for a {ndim}-D array (got {ax})")
    return ax % ndim


def check_scalar(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    finite: bool = True,
) -> float:
    """Return ``value`` as a float after checking it is a real number in the given range.

    Messages read ``lr must be > 0 (got -1.0)`` or ``beta must be in [0, 1) (got 1.0)``. NaN is
    always rejected, and so are ±inf unless ``finite=False``; a bool is not a number; a 0-d
    array is the number it holds.
    """
    value = _zero_d(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number (got {type_name(value)})")
    v = float(value)
    lo_ok = low is None or (v >= low if low_inclusive else v > low)
    hi_ok = high is None or (v <= high if high_inclusive else v < high)
    if np.isnan(v) or not (lo_ok and hi_ok):
        expected = _describe_range(low, high, low_inclusive, high_inclusive)
        raise ValueError(f"{name} must be {expected} (got {v!r})")
    if not finite and np.isinf(v):
        return v
    if np.isinf(v):  # a range checked only from below still rejects inf
        raise ValueError(f"{name} must be finite (got {v!r})")
    return v


def _zero_d(value: object) -> object:
    """A 0-d array where a number goes is that number (np.array(0.8) is 0.8)."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biuf":
        return value[()]
    return value


def check_bool(value: object, name: str) -> bool:
    """Require a bool (or numpy.bool_): a flag never takes any truthy value such as "no"."""
    value = _zero_d(value)
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a bool, True or False (got {type_name(value)})")
    return bool(value)


def check_int(value: object, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int after checking it is an integer in ``[low, high]``."""
    value = _zero_d(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int (got {type_name(value)})")
    v = int(value)
    if (low is not None and v < low) or (high is not None and v > high):
        raise ValueError(f"{name} must be {_describe_range(low, high, True, True)} (got {v})")
    return v


def _describe_range(
    low: float | None, high: float | None, low_inclusive: bool, high_inclusive: bool
) -> str:
    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else repr(float(x))

    if low is not None and high is not None:
        left, right = "[" if low_inclusive else "(", "]" if high_inclusive else ")"
        return f"in {left}{fmt(low)}, {fmt(high)}{right}"
    if low is not None:
        return f"{'>=' if low_inclusive else '>'} {fmt(low)}"
    if high is not None:
        return f"{'<=' if high_inclusive else '<'} {fmt(high)}"
    return "a real number"


def check_choice(value: object, name: str, choices: Iterable[str]) -> str:
    """Require ``value`` to be one of the strings in ``choices``."""
    options = tuple(choices)
    listed = ", ".join(repr(c) for c in options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {listed} (got {type_name(value)})")
    if value not in options:
        raise ValueError(f"{name} must be one of {listed} (got {value!r})")
    return value


def check_rng(rng: object, name: str = "rng") -> np.random.Generator:
    """Require an explicit ``numpy.random.Generator`` (no global random state)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, e.g. np.random.default_rng(0) "
            f"(got {type_name(rng)})"
        )
    return rng


def check_base(base: object) -> float | None:
    """Logarithm base: None (natural log, nats) or a real number > 0 other than 1."""
    if base is None:
        return None
    b = check_scalar(base, "base", low=0.0, low_inclusive=False, finite=False)
    if b == 1.0 or np.isinf(b):
        raise ValueError(f"base must be > 0, finite and not 1 (got {b!r})")
    return b


def sum_tolerance(arr: np.ndarray, n: int) -> float:
    """Tolerance for "sums to 1" over ``n`` terms: 1e-8·n in float64, wider in float32."""
    return max(1e-8, 8 * float(np.finfo(arr.dtype).eps)) * n


def check_distribution(p: np.ndarray, name: str, axis: int | None) -> None:
    """Require non-negative entries that sum to 1 along ``axis`` (``None``: over all entries)."""
    if (p < 0).any():
        raise ValueError(f"{name} must be non-negative (got minimum {float(p.min())!r})")
    totals = p.sum(axis=axis)
    n = p.size if axis is None else p.shape[axis]
    worst = float(np.max(np.abs(totals - 1)))
    if worst > sum_tolerance(p, n):
        where = "over all entries" if axis is None else f"along axis {axis}"
        bad = float(np.ravel(totals)[np.argmax(np.abs(np.ravel(totals) - 1))])
        raise ValueError(f"{name} must sum to 1 {where} (got {bad:.10g})")


def check_str_keys(mapping: Mapping[Any, object], name: str) -> None:
    """Require every key of ``mapping`` to be a str ("W1", "b1", …)."""
    for key in mapping:
        if not isinstance(key, str):
            raise TypeError(f"{name} keys must be str (got {type_name(key)} {key!r})")


def check_matching_dicts(
    reference: Mapping[str, np.ndarray],
    other: Mapping[str, np.ndarray],
    ref_name: str,
    other_name: str,
) -> None:
    """Require ``other`` to have exactly the keys of ``reference`` with the same array shapes."""
    for label, mapping in ((ref_name, reference), (other_name, other)):
        if not isinstance(mapping, Mapping):
            raise TypeError(
                f"{label} must be a dict of arrays (got {type_name(mapping)})"
            )
    missing = [k for k in reference if k not in other]
    extra = [k for k in other if k not in reference]
    if missing or extra:
        raise ValueError(
            f"{other_name} must have the keys of {ref_name} "
            f"(missing {missing}, unexpected {extra})"
        )
    for key, ref in reference.items():
        if np.shape(other[key]) != np.shape(ref):
            raise ValueError(
                f"{other_name}[{key!r}] must have the shape of {ref_name}[{key!r}] "
                f"{np.shape(ref)} (got {np.shape(other[key])})"
            )


# Results: what the public functions do to a reference's output, so that the shown references
# stay the bare formula. Every constant takes the dtype of the result (a Python float would turn
# a float32 scalar into float64 under NumPy 1's promotion rules).

def positive_zero(x: Any) -> Any:
    """``x`` with −0.0 as +0.0 (−0 + +0 is +0), in ``x``'s dtype: a certain outcome has entropy
    0, not −0, and prints so."""
    return x + x.dtype.type(0)


def clamp(x: Any, low: float, high: float | None = None) -> Any:
    """``x`` limited to ``[low, high]`` (and −0.0 as +0.0), in ``x``'s dtype: a quantity that the
    math bounds (a divergence ≥ 0) can be pushed just outside its bounds by rounding."""
    t = x.dtype.type
    return positive_zero(np.clip(x, t(low), None if high is None else t(high)))


def type_name(value: object) -> str:
    """The name of ``value``'s type as messages print it: ``bool`` for numpy.bool_ on every
    NumPy version (NumPy 1 names it ``bool_``)."""
    return "bool" if isinstance(value, np.bool_) else type(value).__name__

