"""Parameter initialization: zeros, small random, Xavier, Glorot and He.

Mirrors notes 000 §1.10–1.11, 003 §3.11 (random initialization and symmetry) and 004 (zero,
large random and He initialization). ``W[l]`` has shape ``(n[l], n[l-1])`` and is drawn from a
standard normal (``randn``) times a factor; ``b[l]`` is zeros of shape ``(n[l], 1)``.

"xavier" is the notes' (and the course's) factor √(1/n[l−1]); Glorot and Bengio's own
"Xavier" factor √(2/(n[l−1] + n[l])) is the method "glorot" (SOURCES.md, erratum 15).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from dlnotes._validation import check_choice, check_int, check_rng, check_scalar

__all__ = ["METHODS", "initialize_parameters", "weight_std"]

#: The names accepted by ``method``.
METHODS = ("zeros", "random", "xavier", "glorot", "he")


# The references: what the chapter shows. Plain NumPy on sizes already checked.

# --8<-- [start:weight_std]
def _weight_std(method: str, n_prev: int, n: int, scale: float) -> float:
    """σ[l] of W[l]: 0, scale, √(1/n[l−1]), √(2/(n[l−1] + n[l])) or √(2/n[l−1]) (notes 000 §1.11).

    >>> print(f"{_weight_std('he', 50, 10, 0.01):.4f} {_weight_std('xavier', 50, 10, 0.01):.4f}")
    0.2000 0.1414
    """
    stds = {
        "zeros": 0.0,
        "random": scale,  # the notes' randn × 0.01
        "xavier": np.sqrt(1 / n_prev),  # the notes' Xavier: Var(z) = n[l−1]·Var(w) = 1
        "glorot": np.sqrt(2 / (n_prev + n)),  # Glorot & Bengio's Xavier
        "he": np.sqrt(2 / n_prev),  # He: twice Xavier's variance, for ReLU
    }
    return float(stds[method])
# --8<-- [end:weight_std]


# --8<-- [start:initialize_parameters]
def _initialize_parameters(
    layer_dims: list[int], method: str, rng: np.random.Generator | None, scale: float
) -> dict[str, np.ndarray]:
    """W[l] = randn(n[l], n[l−1]) · σ[l] and b[l] = 0, for l = 1 … L (notes 003 §3.10, 004).

    >>> params = _initialize_parameters([2, 4, 1], "he", np.random.default_rng(0), 0.01)
    >>> print({k: v.shape for k, v in params.items()})
    {'W1': (4, 2), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    """
    params = {}
    for l in range(1, len(layer_dims)):  # noqa: E741 (l is the notes' layer index)
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        std = _weight_std(method, n_prev, n, scale)
        if method == "zeros" or rng is None:  # "zeros" draws nothing and needs no generator
            params[f"W{l}"] = np.zeros((n, n_prev))
        else:
            params[f"W{l}"] = rng.standard_normal((n, n_prev)) * std
        params[f"b{l}"] = np.zeros((n, 1))  # biases have no symmetry to break
    return params
# --8<-- [end:initialize_parameters]


# The public functions: validate at the boundary, then call the reference.

def weight_std(method: str, n_prev: int, n: int, *, scale: float = 0.01) -> float:
    r"""Standard deviation of the entries of ``W[l]`` for an initialization method.

    Parameters
    ----------
    method : {"zeros", "random", "xavier", "glorot", "he"}
        The initialization.
    n_prev : int
        n[l−1], the fan-in (inputs of the layer), ≥ 1.
    n : int
        n[l], the fan-out (units of the layer), ≥ 1.
    scale : float, default 0.01
        The factor of ``"random"``; checked (> 0, finite) but not used by the other methods.

    Returns
    -------
    float
        0 for "zeros", ``scale`` for "random", √(1/n[l−1]) for "xavier",
        √(2/(n[l−1] + n[l])) for "glorot", √(2/n[l−1]) for "he".

    Raises
    ------
    ValueError
        If ``method`` is unknown, a size is < 1 or ``scale`` is not a finite number > 0.
    TypeError
        If a size is not an int or ``scale`` is not a real number.

    Notes
    -----
    With :math:`W_{ij} \sim \mathcal{N}(0, \sigma^2)` and inputs of unit variance,
    :math:`\operatorname{Var}(z_i) = n^{[l-1]} \sigma^2`; "xavier" makes it 1 (suited to tanh),
    "he" makes it 2, making up for ReLU zeroing half of its inputs.

    .. math::
        \sigma_{\text{xavier}} = \sqrt{\frac{1}{n^{[l-1]}}}, \quad
        \sigma_{\text{glorot}} = \sqrt{\frac{2}{n^{[l-1]} + n^{[l]}}}, \quad
        \sigma_{\text{he}} = \sqrt{\frac{2}{n^{[l-1]}}}

    Examples
    --------
    >>> from dlnotes.initializers import weight_std
    >>> print(f"{weight_std('he', 50, 10):.4f} {weight_std('xavier', 50, 10):.4f}")
    0.2000 0.1414
    >>> print(f"{weight_std('glorot', 50, 10):.4f} {weight_std('random', 50, 10):.4f}")
    0.1826 0.0100
    """
    check_choice(method, "method", METHODS)
    n_prev = check_int(n_prev, "n_prev", low=1)
    n = check_int(n, "n", low=1)
    return _weight_std(method, n_prev, n, _scale(scale))


def initialize_parameters(
    layer_dims: Sequence[int] | np.ndarray,
    method: str = "he",
    *,
    rng: np.random.Generator | None = None,
    scale: float = 0.01,
) -> dict[str, np.ndarray]:
    r"""Initialize the weights and biases of an L-layer network (参数初始化).

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n[0], n[1], ..., n[L]]``: the input size then the units of each layer; at least two
        sizes, each ≥ 1.
    method : {"he", "xavier", "glorot", "random", "zeros"}, default "he"
        How W[l] is drawn: ``randn(n[l], n[l−1])`` times √(2/n[l−1]) ("he"), √(1/n[l−1])
        ("xavier", the notes' Xavier), √(2/(n[l−1] + n[l])) ("glorot", Glorot & Bengio's
        Xavier), ``scale`` ("random"), or all zeros ("zeros", which breaks nothing in the code
        but leaves every unit of a layer identical: the symmetry problem).
    rng : numpy.random.Generator
        Required by every method except "zeros" (which draws nothing and leaves a given
        generator untouched).
    scale : float, default 0.01
        The factor of "random" (the notes' 0.01; 004's "large random" uses 10); > 0.

    Returns
    -------
    dict of str to numpy.ndarray
        ``{"W1": ..., "b1": ..., "W2": ..., ...}`` in that order, float64; W[l] has shape
        (n[l], n[l−1]) and b[l] is zeros of shape (n[l], 1).

    Raises
    ------
    ValueError
        If fewer than two sizes are given, a size is < 1, ``method`` is unknown or ``scale``
        is not a finite number > 0.
    TypeError
        If ``layer_dims`` is not a sequence of ints, or ``rng`` is missing (``None``) or not a
        ``numpy.random.Generator`` for a random method.

    Notes
    -----
    For :math:`l = 1, \dots, L`:

    .. math::
        W^{[l]} = \texttt{randn}(n^{[l]}, n^{[l-1]}) \cdot \sigma^{[l]}, \qquad
        b^{[l]} = 0 \in \mathbb{R}^{n^{[l]} \times 1}

    with :math:`\sigma^{[l]}` from :func:`weight_std`. The draws are made layer by layer, W1
    first, from ``rng.standard_normal``, so the same generator state gives the same parameters.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.initializers import initialize_parameters
    >>> params = initialize_parameters([2, 4, 1], "he", rng=np.random.default_rng(0))
    >>> print({k: v.shape for k, v in params.items()})
    {'W1': (4, 2), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    >>> zeros = initialize_parameters([3, 2, 1], "zeros")
    >>> print(all(not v.any() for v in zeros.values()))
    True
    """
    dims = _layer_dims(layer_dims)
    check_choice(method, "method", METHODS)
    if rng is not None:
        check_rng(rng)
    elif method != "zeros":
        raise TypeError(
            f"rng is required for method {method!r}: pass a numpy.random.Generator, "
            "e.g. rng=np.random.default_rng(0) (got None)"
        )
    return _initialize_parameters(dims, method, rng, _scale(scale))


def _layer_dims(layer_dims: object) -> list[int]:
    if isinstance(layer_dims, str | bytes) or not isinstance(layer_dims, Sequence | np.ndarray):
        raise TypeError(
            f"layer_dims must be a sequence of ints such as [2, 4, 1] "
            f"(got {type(layer_dims).__name__})"
        )
    dims = [check_int(n, f"layer_dims[{i}]", low=1) for i, n in enumerate(layer_dims)]
    if len(dims) < 2:
        raise ValueError(
            f"layer_dims must give at least two sizes, the input and one layer (got {dims})"
        )
    return dims


def _scale(scale: object) -> float:
    s = check_scalar(scale, "scale", low=0.0, low_inclusive=False)
    if not math.isfinite(s):
        raise ValueError(f"scale must be finite (got {s!r})")
    return s
