"""Fast versions of Adam, softmax cross-entropy with its gradient, and batch norm.

The performance chapter ("Making NumPy fast") takes these three references of the chapters step
by step towards the memory-bandwidth limit; its last step is the one this module runs: **one
fused pass, compiled**. Each kernel is a plain loop over the elements whose body reads as the
formula, compiled by numba (``njit``) with ``prange`` sharing the loop out between the cores:
no temporary arrays, and every byte of the inputs read and of the outputs written once. Each
public function has the contract of its reference (:class:`dlnotes.optimizers.Adam`,
:func:`dlnotes.losses.softmax_cross_entropy` with :func:`dlnotes.losses.softmax_cross_entropy_grad`,
:func:`dlnotes.batchnorm.batchnorm_forward` and :func:`dlnotes.batchnorm.batchnorm_backward`),
gives its results to about 1e-12 relative in float64 and validates its arguments the same way;
the check that the arrays are finite is folded into the pass over the data.

numba is needed by this module only (``pip install 'dlnotes[fast]'``); the references never
need it. The kernels are compiled on their first call and cached on disk (``cache=True``), so
a second process loads them instead of compiling them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

try:
    # --8<-- [start:numba]
    from numba import njit, prange
    # --8<-- [end:numba]
except ImportError as err:  # the references never need numba; this module does
    raise ImportError(
        "dlnotes.fast compiles its kernels with numba, which is not installed: "
        "pip install 'dlnotes[fast]'"
    ) from err

from dlnotes._validation import (
    as_float_array,
    check_matching_dicts,
    check_ndim,
    check_scalar,
)
from dlnotes.batchnorm import EPS, _column
from dlnotes.optimizers import AdamState, _beta, _lr, _nonzero, _params

__all__ = [
    "Adam",
    "AdamState",
    "FastBatchNormCache",
    "batchnorm_backward",
    "batchnorm_forward",
    "softmax_cross_entropy_with_grad",
]

Params = dict[str, np.ndarray]

# The softmax kernel takes blocks of this many bytes of examples (columns of the (K, m) logits):
# 8 MiB (1048 examples of 1000 classes) measured faster than 1 to 4 MiB, whose rows are short
# (each row of a block is a slice, and each slice costs as much as many elements).
_SOFTMAX_BLOCK_BYTES = 1 << 23


# The kernels: what the performance chapter shows (step 4). Plain loops, compiled by numba
# (which reads no annotations: the types come from the arguments of each call).


# --8<-- [start:adam_fused]
@njit(parallel=True, cache=True, fastmath=False)
def _adam_fused(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    out: np.ndarray,
    beta1: float,
    beta2: float,
    lr_t: float,
    eps_hat: float,
) -> int:
    """One Adam step in one pass over 1-D arrays: m and v in place, the new θ into ``out``.

    lr_t = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and eps_hat = ε·√(1 − β₂ᵗ) fold m̂ and v̂ into two scalars.
    Returns how many new θ are not finite (a NaN or ±inf in θ or g shows there).

    >>> theta, g, out = np.ones(2), np.array([2.0, -1e-3]), np.empty(2)
    >>> m, v = np.zeros(2), np.zeros(2)
    >>> _adam_fused(theta, g, m, v, out, 0.9, 0.999, 0.1 * 0.001**0.5 / 0.1, 1e-8 * 0.001**0.5)
    0
    >>> print(out.round(4), m[0].round(4))  # the first step is α·sign(g) (up to ε)
    [0.9 1.1] 0.2
    """
    not_finite = 0
    for i in prange(theta.size):  # each core takes one part of the elements
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
        out[i] = theta[i] - lr_t * m[i] / (np.sqrt(v[i]) + eps_hat)
        not_finite += not np.isfinite(out[i])
    return not_finite
# --8<-- [end:adam_fused]


# --8<-- [start:exp]
@njit(cache=True, fastmath=False)
def _exp(x: float) -> float:
    """e^x for x ≤ 0, in a form the compiler can run on several elements at once (numba's
    np.exp calls the C library once per element): x = k·ln 2 + r with an integer k and
    |r| ≤ ln 2/2, e^r by its Taylor series to r¹³, and 2^k put straight into the exponent bits
    of a float (in two halves, so that e^x below 2⁻¹⁰²² comes out subnormal, as it should).

    >>> print(_exp(0.0), abs(_exp(-1.0) / np.exp(-1.0) - 1) < 1e-15, _exp(-800.0), _exp(-np.inf))
    1.0 True 0.0 0.0
    """
    x = max(x, -746.0)  # e^−746 rounds to 0 (and −inf stops here)
    k = np.floor(x * 1.4426950408889634 + 0.5)  # k = round(x/ln 2)
    r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10  # r = x − k·ln 2, ln 2 in two
    e_r = 1.0  # parts so that k·(first part) is exact
    for n in range(13, 0, -1):  # e^r = 1 + r(1 + r/2(1 + r/3(⋯(1 + r/13)))), Taylor
        e_r = 1.0 + r * e_r * (1.0 / n)
    half = np.int64(k) >> 1  # 2^k = 2^half · 2^(k − half), each a float's exponent bits
    return (e_r * np.int64((half + 1023) << 52).view(np.float64)
            * np.int64((np.int64(k) - half + 1023) << 52).view(np.float64))
# --8<-- [end:exp]


# --8<-- [start:softmax_ce_fused]
@njit(parallel=True, cache=True, fastmath=False)
def _softmax_ce_fused(
    s: np.ndarray, y: np.ndarray, grad: np.ndarray, losses: np.ndarray, scale: float, width: int
) -> int:
    """Per example (column) of s: −log softmax(s)_y into ``losses`` and
    scale·(softmax(s) − onehot(y)) into ``grad``, by blocks of ``width`` examples.

    Returns how many examples have a logit that is not finite (a NaN or +inf makes the loss NaN,
    a −inf shows in the smallest logit).

    >>> s, y = np.array([[0.0, 2.0], [0.0, 0.0]]), np.array([1, 0])
    >>> grad, losses = np.empty((2, 2)), np.empty(2)
    >>> _softmax_ce_fused(s, y, grad, losses, 1.0, 1)
    0
    >>> print(losses.round(4), grad[:, 0])
    [0.6931 0.1269] [ 0.5 -0.5]
    """
    k, m = s.shape
    not_finite = 0
    for b in prange((m + width - 1) // width):  # each core takes blocks of examples
        first, last = b * width, min(m, (b + 1) * width)
        n = last - first
        c = np.full(n, -np.inf, s.dtype)  # c = max_j s_j of each example
        low = np.full(n, np.inf, s.dtype)  # min_j s_j, for the finiteness check
        total = np.zeros(n, s.dtype)  # Σ_j e^(s_j − c)
        for j in range(k):  # row by row: the inner loops run along memory
            s_j = s[j, first:last]
            for i in range(n):
                c[i] = max(c[i], s_j[i])
                low[i] = min(low[i], s_j[i])
        for j in range(k):
            s_j, grad_j = s[j, first:last], grad[j, first:last]
            for i in range(n):
                grad_j[i] = _exp(s_j[i] - c[i])
                total[i] += grad_j[i]
        for i in range(n):  # L = log Σ_j e^(s_j − c) − (s_y − c)
            losses[first + i] = np.log(total[i]) - (s[y[first + i], first + i] - c[i])
            not_finite += not (np.isfinite(losses[first + i]) and np.isfinite(low[i]))
            total[i] = scale / total[i]  # from here on: scale/Σ, one division per example
        for j in range(k):  # ∂J/∂s_j = scale·(e^(s_j − c)/Σ − [j = y])
            grad_j = grad[j, first:last]
            for i in range(n):
                grad_j[i] *= total[i]
        for i in range(n):
            grad[y[first + i], first + i] -= scale
    return not_finite
# --8<-- [end:softmax_ce_fused]


# --8<-- [start:row_sums]
@njit(cache=True, fastmath=False)
def _sum(x: np.ndarray) -> float:
    """Σᵢ xᵢ over a 1-D array in eight running sums, as NumPy's pairwise sum starts: more
    accurate than one running sum, and the core adds the eight at once.

    >>> print(_sum(np.arange(11.0)))
    55.0
    """
    s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = 0.0
    n8 = x.size - x.size % 8
    for i in range(0, n8, 8):
        s0 += x[i]
        s1 += x[i + 1]
        s2 += x[i + 2]
        s3 += x[i + 3]
        s4 += x[i + 4]
        s5 += x[i + 5]
        s6 += x[i + 6]
        s7 += x[i + 7]
    for i in range(n8, x.size):
        s0 += x[i]
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))


@njit(cache=True, fastmath=False)
def _sum_of_products(x: np.ndarray, a: float, y: np.ndarray, b: float) -> float:
    """Σᵢ (xᵢ − a)·(yᵢ − b) over 1-D arrays, in eight running sums as :func:`_sum`.

    >>> print(_sum_of_products(np.arange(3.0), 1.0, np.arange(3.0), 1.0))  # Σ (x − 1)²
    2.0
    """
    s0 = s1 = s2 = s3 = s4 = s5 = s6 = s7 = 0.0
    n8 = x.size - x.size % 8
    for i in range(0, n8, 8):
        s0 += (x[i] - a) * (y[i] - b)
        s1 += (x[i + 1] - a) * (y[i + 1] - b)
        s2 += (x[i + 2] - a) * (y[i + 2] - b)
        s3 += (x[i + 3] - a) * (y[i + 3] - b)
        s4 += (x[i + 4] - a) * (y[i + 4] - b)
        s5 += (x[i + 5] - a) * (y[i + 5] - b)
        s6 += (x[i + 6] - a) * (y[i + 6] - b)
        s7 += (x[i + 7] - a) * (y[i + 7] - b)
    for i in range(n8, x.size):
        s0 += (x[i] - a) * (y[i] - b)
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
# --8<-- [end:row_sums]


# --8<-- [start:batchnorm_fused]
@njit(parallel=True, cache=True, fastmath=False)
def _batchnorm_forward_fused(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    eps: float,
    Z_tilde: np.ndarray,
    mu: np.ndarray,
    var: np.ndarray,
    inv_std: np.ndarray,
) -> int:
    """Per unit (row) of Z: μ, σ², 1/√(σ² + ε) and Z̃ = γ·(z − μ)/√(σ² + ε) + β, into the
    given arrays (γ, β and the statistics 1-D: one entry per row). Returns how many rows
    have a μ or σ² that is not finite (a NaN or ±inf in Z, or a sum that overflows).

    >>> Zt, mu, var, inv = np.empty((1, 2)), np.empty(1), np.empty(1), np.empty(1)
    >>> _batchnorm_forward_fused(np.array([[1.0, 3.0]]), np.ones(1), np.zeros(1), 0.0,
    ...                          Zt, mu, var, inv)
    0
    >>> print(Zt, mu, var)
    [[-1.  1.]] [2.] [1.]
    """
    n, m = Z.shape
    not_finite = 0
    for r in prange(n):  # each core takes one part of the rows (units)
        z = Z[r]
        mean = _sum(z) / m  # μ = Σ z / m
        variance = _sum_of_products(z, mean, z, mean) / m  # σ² = Σ (z − μ)² / m, two-pass
        scale = 1 / np.sqrt(variance + eps)  # 1/√(σ² + ε)
        gamma_r, beta_r = gamma[r], beta[r]
        for i in range(m):  # z̃ = γ·(z − μ)/√(σ² + ε) + β
            Z_tilde[r, i] = gamma_r * scale * (z[i] - mean) + beta_r
        mu[r], var[r], inv_std[r] = mean, variance, scale
        not_finite += not (np.isfinite(mean) and np.isfinite(variance))
    return not_finite


@njit(parallel=True, cache=True, fastmath=False)
def _batchnorm_backward_fused(
    dZ_tilde: np.ndarray,
    Z: np.ndarray,
    gamma: np.ndarray,
    inv_std: np.ndarray,
    mu: np.ndarray,
    dZ: np.ndarray,
    dgamma: np.ndarray,
    dbeta: np.ndarray,
) -> int:
    """Per row of dZ̃ and of the forward pass's Z, γ, 1/√(σ² + ε), μ: dβ = Σ dz̃,
    dγ = Σ dz̃·ẑ and dz, into the given arrays. Returns how many dβ are not finite.

    >>> Z, one = np.array([[1.0, 3.0]]), np.ones(1)  # μ = 2, σ = 1
    >>> dZ, dgamma, dbeta = np.empty((1, 2)), np.empty(1), np.empty(1)
    >>> _batchnorm_backward_fused(np.array([[1.0, 0.0]]), Z, one, one, 2 * one, dZ, dgamma, dbeta)
    0
    >>> print(dZ, dgamma, dbeta)
    [[0. 0.]] [-1.] [1.]
    """
    n, m = Z.shape
    not_finite = 0
    for r in prange(n):
        dz_tilde, z, gamma_r, mean, scale = dZ_tilde[r], Z[r], gamma[r], mu[r], inv_std[r]
        d_beta = _sum(dz_tilde)  # dβ = Σ dz̃
        d_gamma = _sum_of_products(dz_tilde, 0.0, z, mean) * scale  # dγ = Σ dz̃·ẑ
        d_beta_m, d_gamma_m = d_beta / m, d_gamma / m  # divided once per row, not per element
        for i in range(m):  # dz = γ/√(σ² + ε)·(dz̃ − (dβ + ẑ·dγ)/m), ẑ = (z − μ)/√(σ² + ε)
            z_hat = (z[i] - mean) * scale
            dZ[r, i] = gamma_r * scale * (dz_tilde[i] - d_beta_m - z_hat * d_gamma_m)
        dgamma[r], dbeta[r] = d_gamma, d_beta
        not_finite += not np.isfinite(d_beta)
    return not_finite
# --8<-- [end:batchnorm_fused]


# The public functions: validate at the boundary, then run the kernels.

def _contiguous(a: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``a`` itself when it is C-contiguous and of ``dtype``, else a copy that is."""
    return np.ascontiguousarray(a, dtype=dtype)


def _own(moment: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """The moment array itself when it can be updated in place (C-contiguous, writeable, of
    the parameter's dtype), else a copy that can."""
    if (
        type(moment) is np.ndarray
        and moment.dtype == dtype
        and moment.flags.c_contiguous
        and moment.flags.writeable
    ):
        return moment
    return np.array(moment, dtype=dtype, order="C")


class Adam:
    r"""Adam with the update of :class:`dlnotes.optimizers.Adam`, one compiled pass on every core.

    The same constructor, ``init`` and ``update`` as :class:`dlnotes.optimizers.Adam` and the
    same new parameters (to rounding); the moments of the state given to ``update`` are updated
    in place (the state is the optimizer's own: pass each state to ``update`` once and keep the
    one it returns, also when ``update`` raises).

    Parameters
    ----------
    lr : float, default 0.001
        Learning rate :math:`\alpha`, ``> 0``.
    beta1 : float, default 0.9
        Decay of the first moment :math:`\beta_1`, in ``[0, 1)``.
    beta2 : float, default 0.999
        Decay of the second moment :math:`\beta_2`, in ``[0, 1)``.
    eps : float, default 1e-8
        :math:`\varepsilon` ``>= 0``, outside the square root.

    Raises
    ------
    ValueError
        If ``lr <= 0``, a ``beta`` is outside ``[0, 1)`` or ``eps < 0``; in ``init``, if a
        parameter is empty or not finite; in ``update``, if ``grads`` (or the state) does not
        have the keys and shapes of ``params``, or a parameter or gradient is not finite.
    TypeError
        If an argument has the wrong type (``state`` not an :class:`AdamState`, ``params`` or
        ``grads`` not a dict of arrays of real numbers).

    Notes
    -----
    Step :math:`t` of the reference, for each parameter :math:`\theta` with gradient :math:`g`:

    .. math::
        m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad
        v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad
        \theta \leftarrow \theta - \alpha \frac{m / (1 - \beta_1^t)}
            {\sqrt{v / (1 - \beta_2^t)} + \varepsilon}

    computed as :math:`\theta - \alpha_t m / (\sqrt{v} + \hat\varepsilon)` with
    :math:`\alpha_t = \alpha \sqrt{1 - \beta_2^t} / (1 - \beta_1^t)` and
    :math:`\hat\varepsilon = \varepsilon \sqrt{1 - \beta_2^t}` (Kingma & Ba, 2015, end of §2),
    in one compiled loop over the elements (the three lines above per element), shared between
    the cores: θ, g, m and v are read once, m, v and the new θ written once. The check that
    the new parameters are finite (so that the parameters and gradients were) is in the same
    loop.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.fast import Adam
    >>> opt = Adam(lr=0.1)
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> state = opt.init(params)
    >>> params, state = opt.update(params, {"w": np.array([2.0, -1e-3])}, state)
    >>> print(np.round(params["w"], 4))  # the first step is α·sign(g) (up to ε)
    [0.9 1.1]
    """

    def __init__(
        self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.lr = _lr(lr)
        self.beta1 = _beta(beta1, "beta1")
        self.beta2 = _beta(beta2, "beta2")
        self.eps = check_scalar(eps, "eps", low=0.0)

    def __repr__(self) -> str:
        return (
            f"fast.Adam(lr={self.lr!r}, beta1={self.beta1!r}, beta2={self.beta2!r}, "
            f"eps={self.eps!r})"
        )

    def init(self, params: Mapping[str, np.ndarray]) -> AdamState:
        """Return the initial state: step 0, m = 0 and v = 0 for each parameter."""
        p = _params(params)
        return AdamState(step=0, m={k: np.zeros_like(a) for k, a in p.items()},
                         v={k: np.zeros_like(a) for k, a in p.items()})

    def update(
        self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], state: AdamState
    ) -> tuple[Params, AdamState]:
        """Return ``(new_params, new_state)``; ``state.m`` and ``state.v`` are updated in place."""
        if not isinstance(state, AdamState):
            raise TypeError(
                f"state must be of type AdamState, as made by init() (got {type(state).__name__})"
            )
        check_matching_dicts(params, grads, "params", "grads")
        for name in ("m", "v"):
            check_matching_dicts(params, getattr(state, name), "params", f"state.{name}")
        t = state.step + 1
        new_params: Params = {}
        m: Params = {}
        v: Params = {}
        bias1, bias2 = 1 - self.beta1**t, 1 - self.beta2**t
        for key in params:
            theta = as_float_array(params[key], f"params[{key!r}]", finite=False)  # see below
            g = as_float_array(grads[key], f"grads[{key!r}]", finite=False)
            m[key] = _own(as_float_array(state.m[key], f"state.m[{key!r}]", finite=False),
                          theta.dtype)
            v[key] = _own(as_float_array(state.v[key], f"state.v[{key!r}]", finite=False),
                          theta.dtype)
            out = np.empty(theta.shape, theta.dtype)
            not_finite = _adam_fused(
                np.ascontiguousarray(theta).reshape(-1),
                np.ascontiguousarray(g, dtype=theta.dtype).reshape(-1),
                m[key].reshape(-1), v[key].reshape(-1), out.reshape(-1),
                self.beta1, self.beta2,
                self.lr * bias2**0.5 / bias1,  # α_t
                _nonzero(self.eps, theta) * bias2**0.5,  # ε̂ (ε = 0: the reference's tiny ε)
            )
            if not_finite:  # the full checks, for their messages
                as_float_array(theta, f"params[{key!r}]")
                as_float_array(g, f"grads[{key!r}]")
            new_params[key] = out
        return new_params, AdamState(step=t, m=m, v=v)


def _labels(y: object, k: int, m: int) -> np.ndarray:
    """Integer class labels of shape (m,) in [0, k), as dlnotes.losses checks them."""
    t = as_float_array(y, "y")
    if t.shape != (m,):
        raise ValueError(
            f"y must be integer labels of shape {(m,)} (got shape {t.shape}); for "
            "probability targets use dlnotes.losses.softmax_cross_entropy"
        )
    if not np.array_equal(t, np.round(t)):
        raise ValueError(f"y labels must be integers (got {float(t[t != np.round(t)][0])!r})")
    if t.min() < 0 or t.max() >= k:
        bad = t.min() if t.min() < 0 else t.max()
        raise ValueError(f"y labels must be in [0, {k}) for {k} classes (got {int(bad)})")
    return t.astype(np.intp)


def softmax_cross_entropy_with_grad(
    logits: object, y: object
) -> tuple[np.floating, np.ndarray]:
    r"""Mean softmax cross-entropy of integer labels and its gradient, in one call.

    The result of ``(softmax_cross_entropy(logits, y), softmax_cross_entropy_grad(logits, y))``
    of :mod:`dlnotes.losses` for classes on axis 0, integer labels and the mean, computed
    in one compiled kernel on every core, without a one-hot array.

    Parameters
    ----------
    logits : array_like
        Class scores S, (K, m): K classes, one example per column. Finite.
    y : array_like
        Integer class labels in [0, K), shape (m,).

    Returns
    -------
    loss : numpy.floating
        The mean over the examples of :math:`-\log \mathrm{softmax}(s)_{y}`, a NumPy scalar.
    dlogits : numpy.ndarray
        :math:`\partial J / \partial S = (Q - P)/m`, (K, m).

    Raises
    ------
    ValueError
        If logits is not 2-D or not finite, or y does not have shape (m,), holds a non-integer
        or a label outside [0, K).
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Per example, with :math:`c = \max_j s_j`, the true class :math:`i` and
    :math:`Q = \mathrm{softmax}(s)`:

    .. math::
        L = \log \sum_j e^{s_j - c} - (s_i - c), \qquad
        \frac{\partial J}{\partial s_k} = \frac{1}{m} \bigl(Q_k - [k = i]\bigr)

    The compiled kernel computes both on blocks of examples, the blocks shared between the
    cores, with no temporary of the size of the logits: the logits are read from memory once and
    the gradient written once (each block's passes run in cache). The finiteness check is the
    loss of each example (a NaN or +inf makes it NaN) and its smallest logit (−inf), found in
    the pass that finds its largest.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.fast import softmax_cross_entropy_with_grad
    >>> S = np.array([[2.0, 0.0], [1.0, 0.0], [0.1, 0.0]])  # 3 classes, 2 examples
    >>> loss, dS = softmax_cross_entropy_with_grad(S, np.array([0, 2]))
    >>> print(f"{loss:.4f}", np.abs(dS.sum(axis=0)).max() < 1e-15)  # (0.417 + 1.0986)/2
    0.7578 True
    """
    s = as_float_array(logits, "logits", min_ndim=1, finite=False)  # finite: in the kernel
    check_ndim(s, "logits", 2)
    k, m = s.shape
    labels = _labels(y, k, m)
    s = np.ascontiguousarray(s)
    grad, losses = np.empty(s.shape, s.dtype), np.empty(m, s.dtype)
    width = max(1, _SOFTMAX_BLOCK_BYTES // (k * s.itemsize))
    not_finite = _softmax_ce_fused(s, labels, grad, losses, 1.0 / m, width)
    if not_finite:
        as_float_array(s, "logits")  # raises "logits must be finite (got k NaN or ...)"
    return np.mean(losses), grad


class FastBatchNormCache(NamedTuple):
    """What :func:`batchnorm_forward` keeps: Z itself (not a copy, as PyTorch; a C-contiguous
    copy only when Z was strided or of another dtype than γ and β), γ, 1/√(σ² + ε), μ and σ²;
    :func:`batchnorm_backward` recomputes Z_norm where it needs it."""

    Z: np.ndarray  # the input Z, (n, m)
    gamma: np.ndarray  # γ, (n, 1)
    inv_std: np.ndarray  # 1/√(σ² + ε), (n, 1)
    mu: np.ndarray  # the batch mean μ, (n, 1)
    var: np.ndarray  # the batch variance σ² (biased, 1/m), (n, 1)


def batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, *, eps: float = EPS
) -> tuple[np.ndarray, FastBatchNormCache]:
    r"""Batch norm in training mode, one compiled pass over the rows on every core.

    The result of :func:`dlnotes.batchnorm.batchnorm_forward`; the cache keeps Z itself (no
    copy of Z_norm) for :func:`batchnorm_backward`.

    Parameters
    ----------
    Z : array_like
        Pre-activations Z[l], (n[l], m) with m ≥ 2 examples.
    gamma : array_like
        Scale γ[l], (n[l], 1).
    beta : array_like
        Shift β[l], (n[l], 1).
    eps : float, default 1e-5
        ε > 0 under the square root.

    Returns
    -------
    Z_tilde : numpy.ndarray
        :math:`\tilde Z` = γ·Z_norm + β, shaped like Z.
    cache : FastBatchNormCache
        Z (the array itself), γ, 1/√(σ² + ε), μ and σ² for :func:`batchnorm_backward`.

    Raises
    ------
    ValueError
        If Z is not 2-D, has fewer than 2 examples (columns), or an input is not finite (or so
        large that a row's sum or variance overflows); if gamma or beta is not (n[l], 1); if
        eps ≤ 0.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Per unit (row), over the m examples:

    .. math::
        \mu = \frac{1}{m}\sum_i z^{(i)}, \quad
        \sigma^2 = \frac{1}{m}\sum_i (z^{(i)} - \mu)^2, \quad
        \tilde z^{(i)} = \gamma \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}} + \beta

    One compiled loop over the rows, shared between the cores, reads each row of Z and
    writes its row of Z̃ once. The row sums that give μ are the finiteness check (a NaN or
    ±inf shows in its row's sum).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.fast import batchnorm_forward
    >>> Z = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 30.0, 30.0]])
    >>> Zt, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
    >>> print(np.round(Zt.mean(axis=1), 6), np.round(Zt.var(axis=1), 4))
    [0. 0.] [1. 1.]
    """
    Z_arr = as_float_array(Z, "Z", finite=False)  # finite: the row sums in the kernel
    check_ndim(Z_arr, "Z", 2)
    n, m = Z_arr.shape
    if m < 2:
        raise ValueError(
            f"Z must have at least 2 examples (columns) for batch statistics in training mode "
            f"(got shape {Z_arr.shape}); use batchnorm_inference for a single example"
        )
    gamma_arr, beta_arr = _column(gamma, "gamma", n), _column(beta, "beta", n)
    e = check_scalar(eps, "eps", low=0.0, low_inclusive=False)
    dtype = np.result_type(Z_arr, gamma_arr, beta_arr)
    Zc = _contiguous(Z_arr, dtype)  # Z itself, unless it is strided or of another dtype
    Z_tilde = np.empty((n, m), dtype)
    mu, var, inv_std = (np.empty(n, dtype) for _ in range(3))
    not_finite = _batchnorm_forward_fused(
        Zc, _contiguous(gamma_arr, dtype).reshape(-1), _contiguous(beta_arr, dtype).reshape(-1),
        e, Z_tilde, mu, var, inv_std,
    )
    if not_finite:
        as_float_array(Z_arr, "Z")  # raises "Z must be finite (got k NaN or infinite entries)"
        raise ValueError("Z is too large: the sum of a row or its variance overflows")
    column = (n, 1)
    return Z_tilde, FastBatchNormCache(
        Zc, gamma_arr, inv_std.reshape(column), mu.reshape(column).astype(Z_arr.dtype, copy=False),
        var.reshape(column).astype(Z_arr.dtype, copy=False),
    )


def batchnorm_backward(
    dZ_tilde: np.ndarray, cache: FastBatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Backward pass of :func:`batchnorm_forward`, one compiled pass on every core.

    The result of :func:`dlnotes.batchnorm.batchnorm_backward`.

    Parameters
    ----------
    dZ_tilde : array_like
        Gradient of the cost with respect to :math:`\tilde Z`, shaped like Z.
    cache : FastBatchNormCache
        The cache returned by :func:`dlnotes.fast.batchnorm_forward`.

    Returns
    -------
    dZ : numpy.ndarray
        Gradient with respect to Z, (n[l], m).
    dgamma : numpy.ndarray
        Σ over the examples of dZ̃·Z_norm, (n[l], 1).
    dbeta : numpy.ndarray
        Σ over the examples of dZ̃, (n[l], 1).

    Raises
    ------
    ValueError
        If dZ_tilde is not shaped like the cached Z or is not finite (or so large that a row's
        sum overflows).
    TypeError
        If cache is not a :class:`FastBatchNormCache` or dZ_tilde is not real-valued.

    Notes
    -----
    With :math:`\hat z` = Z_norm, per row (no 1/m in dγ and dβ, as PyTorch):

    .. math::
        d\beta = \sum_i d\tilde z^{(i)}, \quad
        d\gamma = \sum_i d\tilde z^{(i)} \hat z^{(i)}, \quad
        dz^{(i)} = \frac{\gamma}{\sqrt{\sigma^2 + \varepsilon}}
            \Bigl(d\tilde z^{(i)} - \frac{d\beta + \hat z^{(i)} d\gamma}{m}\Bigr)

    which is the reference's chain rule with :math:`\sum_i d\hat z = \gamma\, d\beta` and
    :math:`\sum_i d\hat z\, \hat z = \gamma\, d\gamma`. One compiled loop over the rows reads
    each row of dZ̃ and Z and writes its row of dZ once; the row sums that give dβ are the
    finiteness check.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.fast import batchnorm_backward, batchnorm_forward
    >>> Z = np.random.default_rng(0).normal(size=(3, 5))
    >>> _, cache = batchnorm_forward(Z, np.ones((3, 1)), np.zeros((3, 1)))
    >>> dZ, dgamma, dbeta = batchnorm_backward(np.ones((3, 5)), cache)
    >>> print(np.allclose(dZ, 0.0), dbeta.ravel())  # shifting Z̃ everywhere: Z has no say
    True [5. 5. 5.]
    """
    if not isinstance(cache, FastBatchNormCache):
        raise TypeError(
            "cache must be the FastBatchNormCache from dlnotes.fast.batchnorm_forward "
            f"(got {type(cache).__name__})"
        )
    dZt = as_float_array(dZ_tilde, "dZ_tilde", finite=False)  # finite: the row sums (dβ)
    if dZt.shape != cache.Z.shape:
        raise ValueError(f"dZ_tilde must have the shape of Z {cache.Z.shape} (got {dZt.shape})")
    n, m = dZt.shape
    Z, gamma = cache.Z, cache.gamma
    dtype = np.result_type(dZt, Z, gamma)
    dZ = np.empty((n, m), dtype)
    dgamma, dbeta = np.empty(n, dtype), np.empty(n, dtype)
    not_finite = _batchnorm_backward_fused(
        _contiguous(dZt, dtype), _contiguous(Z, dtype), _contiguous(gamma, dtype).reshape(-1),
        _contiguous(cache.inv_std, dtype).reshape(-1), _contiguous(cache.mu, dtype).reshape(-1),
        dZ, dgamma, dbeta,
    )
    if not_finite:
        as_float_array(dZt, "dZ_tilde")  # raises "dZ_tilde must be finite (got k NaN ...)"
        raise ValueError("dZ_tilde is too large: the sum of a row overflows")
    # the dtypes of the reference: dγ of dZ̃ and Z (whose dtype μ keeps), dβ of dZ̃
    return (dZ, dgamma.reshape(n, 1).astype(np.result_type(dZt, cache.mu), copy=False),
            dbeta.reshape(n, 1).astype(dZt.dtype, copy=False))
