"""Data: toy 2-D data sets, mini-batches and train/dev/test splits.

Mirrors notes 000 §1.1 (train/dev/test splits) and §2.1-2.2 (mini-batch gradient descent), and
004 (shuffle then partition). The generators reproduce scikit-learn's ``make_moons`` and
``make_circles`` geometry and labels in pure NumPy, in the package's shapes: examples are
columns, so ``X`` is ``(2, m)`` and ``Y`` is ``(1, m)``.
"""

from __future__ import annotations

# --8<-- [start:imports]
import math

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import check_finite, check_int, check_rng, check_scalar

__all__ = [
    "make_circles",
    "make_field",
    "make_moons",
    "random_mini_batches",
    "train_dev_test_split",
]


# The references: what the chapters show. Plain NumPy on checked arguments; examples are columns.

# --8<-- [start:make_moons]
def _make_moons(
    m: int, *, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Two moons: class 0 at (cos φ, sin φ), class 1 at (1 − cos φ, 0.5 − sin φ), φ ∈ [0, π].

    >>> X, Y = _make_moons(7, noise=0.0, rng=np.random.default_rng(0))
    >>> print(X.shape, Y.shape, int(Y.sum()))
    (2, 7) (1, 7) 3
    """
    m0, m1 = m - m // 2, m // 2  # the odd example of an odd m goes to class 0
    phi0, phi1 = np.linspace(0.0, np.pi, m0), np.linspace(0.0, np.pi, m1)
    upper = np.stack([np.cos(phi0), np.sin(phi0)])
    lower = np.stack([1.0 - np.cos(phi1), 0.5 - np.sin(phi1)])
    return _noise_and_shuffle(np.concatenate([upper, lower], axis=1), m0, m1, noise, rng)


def _noise_and_shuffle(
    X: np.ndarray, m0: int, m1: int, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Labels (m0 zeros, then m1 ones), Gaussian noise on X, one shuffle of the columns.

    >>> X, Y = _noise_and_shuffle(np.eye(2), 1, 1, 0.0, np.random.default_rng(0))
    >>> print(np.array_equal(X[1], Y[0]))
    True
    """
    Y = np.concatenate([np.zeros(m0, dtype=np.int64), np.ones(m1, dtype=np.int64)])[None, :]
    X_noisy = X + rng.normal(scale=noise, size=X.shape) if noise > 0 else X
    order = rng.permutation(m0 + m1)  # as scikit-learn: the classes are not in blocks
    return X_noisy[:, order], Y[:, order]
# --8<-- [end:make_moons]


# --8<-- [start:make_circles]
def _make_circles(
    m: int, *, noise: float, factor: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Two circles: class 0 at (cos φ, sin φ), class 1 at factor·(cos φ, sin φ), φ = 2πi/m_y.

    >>> X, Y = _make_circles(8, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    >>> print(np.round(np.hypot(*X[:, Y[0] == 1]), 3))
    [0.5 0.5 0.5 0.5]
    """
    m0, m1 = m - m // 2, m // 2
    phi0 = np.linspace(0.0, 2 * np.pi, m0, endpoint=False)  # the start point only once
    phi1 = np.linspace(0.0, 2 * np.pi, m1, endpoint=False)
    outer = np.stack([np.cos(phi0), np.sin(phi0)])
    inner = factor * np.stack([np.cos(phi1), np.sin(phi1)])
    return _noise_and_shuffle(np.concatenate([outer, inner], axis=1), m0, m1, noise, rng)
# --8<-- [end:make_circles]


# --8<-- [start:random_mini_batches]
def _random_mini_batches(
    X: np.ndarray, Y: np.ndarray, batch_size: int = 64, *, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the columns (one permutation for X and Y), then cut them into mini-batches (004).

    >>> X, Y = np.arange(20.0).reshape(2, 10), np.arange(10).reshape(1, 10)
    >>> batches = _random_mini_batches(X, Y, 4, rng=np.random.default_rng(0))
    >>> print([X_t.shape[1] for X_t, Y_t in batches])
    [4, 4, 2]
    """
    m = X.shape[1]
    order = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    return [(X_shuffled[:, k : k + batch_size], Y_shuffled[:, k : k + batch_size])
            for k in range(0, m, batch_size)]  # the last one holds the remaining m mod B
# --8<-- [end:random_mini_batches]


# --8<-- [start:train_dev_test_split]
def _split_sizes(fractions: tuple[float, float, float], m: int) -> tuple[int, int, int]:
    """(m_train, m_dev, m_test) from the cumulative fractions · m rounded half up: sum m.

    >>> print(_split_sizes((0.6, 0.2, 0.2), 1001))
    (601, 200, 200)
    """
    f_train, f_dev, _ = fractions
    b1, b2 = (math.floor(f * m + 0.5) for f in (f_train, f_train + f_dev))
    return b1, b2 - b1, m - b2


def _train_dev_test_split(
    X: np.ndarray, Y: np.ndarray, fractions: tuple[float, float, float], *,
    rng: np.random.Generator,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray],
           tuple[np.ndarray, np.ndarray]]:
    """One shuffle of the columns, cut into train, dev and test: dev and test alike (000 §1.1).

    >>> X, Y = np.zeros((2, 1000)), np.zeros((1, 1000))
    >>> splits = _train_dev_test_split(X, Y, (0.6, 0.2, 0.2), rng=np.random.default_rng(0))
    >>> print([X_s.shape[1] for X_s, Y_s in splits])
    [600, 200, 200]
    """
    m_train, m_dev, _ = _split_sizes(fractions, X.shape[1])
    order = rng.permutation(X.shape[1])
    train, dev, test = np.split(order, [m_train, m_train + m_dev])
    return (X[:, train], Y[:, train]), (X[:, dev], Y[:, dev]), (X[:, test], Y[:, test])
# --8<-- [end:train_dev_test_split]


# The public functions: validate at the boundary, then call the reference.

def _examples(X: object, Y: object) -> tuple[np.ndarray, np.ndarray, int]:
    """X (n_x, m) and Y (n_y, m) as arrays, with the same number m >= 1 of columns."""
    arrays = []
    for name, value in (("X", X), ("Y", Y)):
        arr = np.asarray(value)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name} must be an array of real numbers (got dtype {arr.dtype})")
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D, examples as columns (got shape {arr.shape})")
        check_finite(arr, name)
        arrays.append(arr)
    x_arr, y_arr = arrays
    if x_arr.shape[1] != y_arr.shape[1]:
        raise ValueError(
            "X and Y must have the same number of columns (examples) "
            f"(got {x_arr.shape[1]} and {y_arr.shape[1]})"
        )
    if x_arr.shape[1] == 0:
        raise ValueError(f"X must have at least one example (got shape {x_arr.shape})")
    return x_arr, y_arr, x_arr.shape[1]


def make_moons(
    m: int, *, noise: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles ("moons"), scikit-learn's geometry and labels.

    Parameters
    ----------
    m : int
        Number of examples, at least 2.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate; ``>= 0``.
    rng : numpy.random.Generator
        Source of the noise and of the shuffle.

    Returns
    -------
    X : numpy.ndarray
        ``(2, m)`` float64 coordinates, one example per column, in random order.
    Y : numpy.ndarray
        ``(1, m)`` int64 labels 0/1: ``m - m // 2`` zeros and ``m // 2`` ones.

    Raises
    ------
    ValueError
        If ``m < 2`` or ``noise < 0``.
    TypeError
        If ``m`` is not an int, ``noise`` not a real number or ``rng`` not a Generator.

    Notes
    -----
    Class 0 lies on the upper unit half circle at the origin, class 1 on the lower unit half
    circle shifted by :math:`(1, 0.5)`; the points are evenly spaced in angle along each arc
    (as in scikit-learn), then noise is added and the columns are shuffled:

    .. math::
        x^{(i)} = (\cos\phi_i, \sin\phi_i) \ (y = 0), \qquad
        x^{(i)} = (1 - \cos\phi_i, 0.5 - \sin\phi_i) \ (y = 1), \qquad
        \phi_i \in \operatorname{linspace}(0, \pi)

    scikit-learn gives the odd example of an odd ``m`` to class 1; here it goes to class 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import make_moons
    >>> X, Y = make_moons(7, noise=0.0, rng=np.random.default_rng(0))
    >>> print(X.shape, Y.shape, int(Y.sum()))
    (2, 7) (1, 7) 3
    >>> print(bool(np.allclose(np.hypot(*X[:, Y[0] == 0]), 1.0)))
    True
    """
    n = check_int(m, "m", low=2)
    sd = check_scalar(noise, "noise", low=0.0)
    return _make_moons(n, noise=sd, rng=check_rng(rng))


def make_circles(
    m: int, *, noise: float, factor: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two concentric circles, scikit-learn's geometry and labels.

    Parameters
    ----------
    m : int
        Number of examples, at least 2.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate; ``>= 0``.
    factor : float
        Radius of the inner circle (class 1), in ``[0, 1)``; the outer circle has radius 1.
    rng : numpy.random.Generator
        Source of the noise and of the shuffle.

    Returns
    -------
    X : numpy.ndarray
        ``(2, m)`` float64 coordinates, one example per column, in random order.
    Y : numpy.ndarray
        ``(1, m)`` int64 labels: 0 on the outer circle, 1 on the inner one; ``m - m // 2``
        zeros and ``m // 2`` ones.

    Raises
    ------
    ValueError
        If ``m < 2``, ``noise < 0`` or ``factor`` is outside ``[0, 1)``.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    The points are evenly spaced in angle around each circle, without repeating the start
    point (as in scikit-learn), then noise is added and the columns shuffled:

    .. math::
        x^{(i)} = (\cos\phi_i, \sin\phi_i) \ (y = 0), \qquad
        x^{(i)} = \text{factor}\cdot(\cos\phi_i, \sin\phi_i) \ (y = 1), \qquad
        \phi_i = 2\pi i / m_y

    scikit-learn gives the odd example of an odd ``m`` to class 1; here it goes to class 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import make_circles
    >>> X, Y = make_circles(8, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    >>> radius = np.hypot(*X)
    >>> print(np.round(radius[Y[0] == 0], 3), np.round(radius[Y[0] == 1], 3))
    [1. 1. 1. 1.] [0.5 0.5 0.5 0.5]
    """
    n = check_int(m, "m", low=2)
    sd = check_scalar(noise, "noise", low=0.0)
    r = check_scalar(factor, "factor", low=0.0, high=1.0, high_inclusive=False)
    return _make_circles(n, noise=sd, factor=r, rng=check_rng(rng))


def random_mini_batches(
    X: np.ndarray, Y: np.ndarray, batch_size: int = 64, *, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    r"""Shuffle the examples, then partition them into mini-batches :math:`X^{\{t\}}, Y^{\{t\}}`.

    Parameters
    ----------
    X : numpy.ndarray
        ``(n_x, m)`` inputs, one example per column.
    Y : numpy.ndarray
        ``(n_y, m)`` targets, the same columns (a ``(m,)`` vector is rejected).
    batch_size : int, default 64
        Examples per mini-batch, ``>= 1``; the notes advise a power of 2 between 64 and 512,
        and batch gradient descent (``batch_size >= m``) when ``m < 2000``.
    rng : numpy.random.Generator
        Source of the permutation.

    Returns
    -------
    list of (numpy.ndarray, numpy.ndarray)
        ``ceil(m / batch_size)`` pairs ``(X_t, Y_t)``; every batch holds ``batch_size``
        examples except the last, which holds the remaining ``m mod batch_size`` when that is
        not 0. Dtypes are kept; the arrays are new (the inputs are not modified).

    Raises
    ------
    ValueError
        If ``X`` or ``Y`` is not 2-D or holds NaN or ±inf, their column counts differ, ``X``
        has no columns or ``batch_size < 1``.
    TypeError
        If ``X``/``Y`` are not real arrays, ``batch_size`` not an int or ``rng`` not a
        Generator.

    Notes
    -----
    One permutation :math:`\pi` of the columns is drawn (the same for ``X`` and ``Y``), then
    the shuffled set is cut into consecutive pieces (notes 004, "shuffle" and "partition"):

    .. math::
        X^{\{t\}} = X_{:,\ \pi[(t-1)B \,:\, tB]}, \qquad t = 1, \dots, \lceil m / B \rceil

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import random_mini_batches
    >>> X, Y = np.arange(20.0).reshape(2, 10), np.arange(10).reshape(1, 10) % 2
    >>> batches = random_mini_batches(X, Y, 4, rng=np.random.default_rng(0))
    >>> print([Xt.shape[1] for Xt, Yt in batches])
    [4, 4, 2]
    >>> print(all(np.array_equal(Xt[0] % 2, Yt[0]) for Xt, Yt in batches))
    True
    """
    x_arr, y_arr, _ = _examples(X, Y)
    size = check_int(batch_size, "batch_size", low=1)
    return _random_mini_batches(x_arr, y_arr, size, rng=check_rng(rng))


def _split_fractions(fractions: object, m: int) -> tuple[float, float, float]:
    """The checked (train, dev, test) fractions, each split non-empty when its fraction > 0."""
    if not isinstance(fractions, tuple | list):
        raise TypeError(
            f"fractions must be a 3-tuple (train, dev, test) (got {type(fractions).__name__})"
        )
    if len(fractions) != 3:
        raise ValueError(f"fractions must be a 3-tuple (train, dev, test) (got {fractions!r})")
    f = [check_scalar(x, f"fractions[{i}]", low=0.0, high=1.0) for i, x in enumerate(fractions)]
    if abs(sum(f) - 1.0) > 1e-9:
        raise ValueError(f"fractions must sum to 1 (got {sum(f)!r})")
    counts = _split_sizes((f[0], f[1], f[2]), m)
    for i, (name, frac, n) in enumerate(zip(("train", "dev", "test"), f, counts, strict=True)):
        if frac > 0 and n < 1:
            raise ValueError(
                f"X has too few examples for a non-empty {name} set with fractions[{i}] = "
                f"{frac!r} (got m = {m}, which rounds to {counts[i]} {name} examples)"
            )
    return f[0], f[1], f[2]


def train_dev_test_split(
    X: np.ndarray, Y: np.ndarray, fractions: tuple[float, float, float], *,
    rng: np.random.Generator,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray],
           tuple[np.ndarray, np.ndarray]]:
    r"""Shuffle the examples and split them into training, dev and test sets.

    Parameters
    ----------
    X : numpy.ndarray
        ``(n_x, m)`` inputs, one example per column.
    Y : numpy.ndarray
        ``(n_y, m)`` targets, the same columns.
    fractions : tuple of 3 floats
        ``(train, dev, test)``, each in ``[0, 1]``, summing to 1 (within 1e-9), e.g.
        ``(0.6, 0.2, 0.2)`` for small data, ``(0.98, 0.01, 0.01)`` around a million examples,
        ``(0.7, 0.0, 0.3)`` without a dev set (notes 000 §1.1).
    rng : numpy.random.Generator
        Source of the permutation.

    Returns
    -------
    tuple
        ``((X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test))``, new arrays with the dtypes
        of ``X`` and ``Y``; a split with fraction 0 has 0 columns.

    Raises
    ------
    ValueError
        If ``fractions`` is not three numbers in ``[0, 1]`` summing to 1, or if ``X`` has too
        few examples for a split with a fraction > 0 to be non-empty; if ``X``/``Y`` are not
        2-D with the same number of columns or hold NaN or ±inf.
    TypeError
        If ``X``/``Y`` are not real arrays, ``fractions`` is not a tuple or list, or ``rng``
        is not a Generator.

    Notes
    -----
    Counts come from the cumulative fractions rounded half up, so they always sum to
    :math:`m`:

    .. math::
        m_\text{train} = \lfloor f_\text{train} m + \tfrac12 \rfloor, \qquad
        m_\text{train} + m_\text{dev} = \lfloor (f_\text{train} + f_\text{dev}) m
        + \tfrac12 \rfloor, \qquad m_\text{test} = m - m_\text{train} - m_\text{dev}

    One permutation of the columns is drawn; the first :math:`m_\text{train}` shuffled
    columns are the training set, the next :math:`m_\text{dev}` the dev set, the rest the
    test set, so dev and test come from the same distribution.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import train_dev_test_split
    >>> X, Y = np.zeros((2, 1000)), np.zeros((1, 1000))
    >>> splits = train_dev_test_split(X, Y, (0.6, 0.2, 0.2), rng=np.random.default_rng(0))
    >>> print([x.shape[1] for x, y in splits])
    [600, 200, 200]
    >>> splits = train_dev_test_split(X, Y, (0.7, 0.0, 0.3), rng=np.random.default_rng(0))
    >>> print([x.shape[1] for x, y in splits])
    [700, 0, 300]
    """
    x_arr, y_arr, m = _examples(X, Y)
    f = _split_fractions(fractions, m)
    return _train_dev_test_split(x_arr, y_arr, f, rng=check_rng(rng))


# --8<-- [start:make_field]
def make_field(
    m: int, *, noise: float, rng: np.random.Generator, flip: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    r"""A noisy two-class 2-D "field" set, standing in for notes 004's football data.

    Notes 004 §1.2 compares regularizers on a 2-D data set of positions on a football field
    (the course assignment's); those data are not available. This generator makes a
    comparable set: positions on a field, two classes split by a wavy line, and noise that
    an unregularized network can overfit.

    Parameters
    ----------
    m : int
        Number of examples, at least 1.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate after labelling
        (points near the line cross it); ``>= 0``.
    rng : numpy.random.Generator
        Source of the positions, the noise and the label flips.
    flip : float, default 0.1
        Probability that a label is flipped (isolated mislabelled points); in ``[0, 0.5]``.

    Returns
    -------
    X : numpy.ndarray
        ``(2, m)`` float64 positions :math:`(x_1, x_2)`, one example per column.
    Y : numpy.ndarray
        ``(1, m)`` int64 labels 0/1. The classes have about m/2 examples each (random
        sizes: the positions are drawn independently).

    Raises
    ------
    ValueError
        If ``m < 1``, ``noise < 0`` or ``flip`` is outside ``[0, 0.5]``.
    TypeError
        If ``m`` is not an int, ``noise`` or ``flip`` not a real number, or ``rng`` not a
        Generator.

    Notes
    -----
    Positions are uniform on the field :math:`[-0.75, 0.75]^2`; the label is 1 above the line
    :math:`x_2 = 0.2 \sin(\pi x_1 / 1.5)` (half a period of a sine across the field), then the
    noise is added and a fraction ``flip`` of the labels is flipped:

    .. math::
        x \sim \mathcal{U}([-0.75, 0.75]^2), \qquad
        y = \mathbb{1}\!\left[x_2 > 0.2 \sin(\pi x_1 / 1.5)\right], \qquad
        x \leftarrow x + \mathcal{N}(0, \text{noise}^2 I), \qquad
        y \leftarrow 1 - y \text{ with probability flip}

    With ``noise=0`` and ``flip=0`` the classes are separated by the line, so the best
    accuracy on fresh data is about 1 − flip less the overlap that ``noise`` creates.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.data import make_field
    >>> X, Y = make_field(211, noise=0.05, rng=np.random.default_rng(0))
    >>> print(X.shape, Y.shape, Y.dtype, bool(np.abs(X).max() < 1.0))
    (2, 211) (1, 211) int64 True
    >>> X, Y = make_field(500, noise=0.0, flip=0.0, rng=np.random.default_rng(0))
    >>> above = X[1] > 0.2 * np.sin(np.pi * X[0] / 1.5)
    >>> print(bool(np.array_equal(Y[0] == 1, above)))
    True
    """
    n = check_int(m, "m", low=1)
    sd = check_scalar(noise, "noise", low=0.0)
    p = check_scalar(flip, "flip", low=0.0, high=0.5)
    gen = check_rng(rng)
    X = gen.uniform(-0.75, 0.75, size=(2, n))
    Y = (X[1] > 0.2 * np.sin(np.pi * X[0] / 1.5)).astype(np.int64)[None, :]
    if sd > 0:
        X = X + gen.normal(scale=sd, size=X.shape)
    if p > 0:
        Y = np.where(gen.random((1, n)) < p, 1 - Y, Y)
    return X, Y
# --8<-- [end:make_field]
