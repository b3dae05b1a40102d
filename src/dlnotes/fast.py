"""Fast versions of Adam, softmax cross-entropy with its gradient, and batch norm.

The performance chapter ("Making NumPy fast") takes these three references of the chapters step
by step towards the memory-bandwidth limit: fewer temporaries, the optimizer's own state updated
in place, cache-sized blocks, both cores. Each public function here has the contract of its
reference (:class:`dlnotes.optimizers.Adam`, :func:`dlnotes.losses.softmax_cross_entropy` with
:func:`dlnotes.losses.softmax_cross_entropy_grad`, :func:`dlnotes.batchnorm.batchnorm_forward`
and :func:`dlnotes.batchnorm.batchnorm_backward`), gives its results to about 1e-12 relative in
float64 and validates its arguments the same way; the check that the arrays are finite is folded
into the first pass over the data, so it costs no pass of its own.

The kernels (the private functions below) are what the chapter shows; ``dlnotes._parallel``
shares the blocks out between the cores (this module is its only user).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from dlnotes._parallel import chunks, run_in_bands
from dlnotes._validation import (
    as_float_array,
    check_matching_dicts,
    check_ndim,
    check_scalar,
)
from dlnotes.optimizers import AdamState

__all__ = [
    "Adam",
    "AdamState",
    "FastBatchNormCache",
    "batchnorm_backward",
    "batchnorm_forward",
    "softmax_cross_entropy_with_grad",
]

Params = dict[str, np.ndarray]
EPS = 1e-5  # batch norm's ε: PyTorch's BatchNorm1d default, as in dlnotes.batchnorm

# Block sizes, chosen by A/B runs on the benchmark machine (docs/performance.md): Adam works on
# 2**17 entries of each of its five arrays at a time (1 MiB each in float64), batch norm on
# 2 MiB of units (rows). The softmax's blocks are columns of a row-major array, and NumPy's
# inner loops run along the rows, so a block must be wide for those loops to be long: 8 MiB
# (1048 examples of 1000 classes) beat 1 MiB (131 examples) by far there.
_BLOCK = 1 << 17
_SOFTMAX_BLOCK_BYTES = 1 << 23
_BATCHNORM_BAND_BYTES = 1 << 21


# The kernels: what the performance chapter shows. Plain NumPy (and dlnotes._parallel).

# --8<-- [start:in_blocks]
def _in_blocks(work: Callable[[slice], None], n: int, size: int, parallel: bool) -> None:
    """work(b) for consecutive slices b of range(n), ``size`` long: on this core, or on all.

    >>> seen = []
    >>> _in_blocks(seen.append, 5, 2, parallel=False)
    >>> print(seen)
    [slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
    """
    if parallel:  # the cores take blocks as they become free (dlnotes._parallel)
        run_in_bands(work, n, band=size)
    else:
        for b in chunks(n, size):
            work(b)
# --8<-- [end:in_blocks]


# --8<-- [start:adam_kernel]
def _adam_kernel(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    out: np.ndarray,
    beta1: float,
    beta2: float,
    lr_t: float,
    eps_hat: float,
) -> None:
    """One Adam step on arrays of one shape: m and v in place, the new θ written to ``out``.

    lr_t = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) and eps_hat = ε·√(1 − β₂ᵗ) fold m̂ and v̂ into two scalars.

    >>> theta, g, out = np.ones(2), np.array([2.0, -1e-3]), np.empty(2)
    >>> m, v = np.zeros(2), np.zeros(2)
    >>> _adam_kernel(theta, g, m, v, out, 0.9, 0.999, 0.1 * 0.001**0.5 / 0.1, 1e-8 * 0.001**0.5)
    >>> print(out.round(4), m[0].round(4))  # the first step is α·sign(g) (up to ε)
    [0.9 1.1] 0.2
    """
    # `out` is the one scratch array until the last line writes the new parameters into it
    np.multiply(m, beta1, out=m)  # m ← β₁·m + (1 − β₁)·g
    np.multiply(g, 1 - beta1, out=out)
    m += out
    np.multiply(v, beta2, out=v)  # v ← β₂·v + (1 − β₂)·g²
    np.multiply(g, g, out=out)
    out *= 1 - beta2
    v += out
    np.sqrt(v, out=out)  # θ ← θ − α_t·m/(√v + ε̂)
    out += eps_hat
    if eps_hat == 0:  # ε = 0: a zero denominator has m = 0 too; divide it by 1, not by 0
        np.putmask(out, out == 0, 1)
    np.divide(m, out, out=out)
    out *= -lr_t
    out += theta
# --8<-- [end:adam_kernel]


# --8<-- [start:adam_blocks]
def _adam_blocks(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
    *,
    block: int = 1 << 17,
    parallel: bool = True,
) -> tuple[np.ndarray, bool]:
    """Step t of Adam by blocks of ``block`` entries (m, v C-contiguous, updated in place).

    Returns the new θ and whether it is finite: a NaN or ±inf in θ or g shows in the sum of
    its block, taken while the block is still in cache, so the check costs no pass of its own.

    >>> theta, m, v = np.ones(5), np.zeros(5), np.zeros(5)
    >>> new, finite = _adam_blocks(theta, np.full(5, 2.0), m, v, 1, 0.1, 0.9, 0.999, 1e-8, block=2)
    >>> print(new.round(4), finite)
    [0.9 0.9 0.9 0.9 0.9] True
    """
    bias2 = 1 - beta2**t
    lr_t, eps_hat = lr * bias2**0.5 / (1 - beta1**t), eps * bias2**0.5
    out = np.empty(theta.shape, theta.dtype)
    flat = [a.reshape(-1) for a in (theta, g, m, v, out)]  # views (m, v, out are contiguous)
    sums = np.empty(len(chunks(out.size, block)), out.dtype)

    def work(b: slice) -> None:
        with np.errstate(invalid="ignore"):  # inf/inf from a bad θ or g: NaN, reported below
            theta_b, g_b, m_b, v_b, out_b = (a[b] for a in flat)
            _adam_kernel(theta_b, g_b, m_b, v_b, out_b, beta1, beta2, lr_t, eps_hat)
            sums[b.start // block] = np.sum(out_b)  # the block is still in cache

    _in_blocks(work, out.size, block, parallel)
    return out, bool(np.isfinite(sums).all())
# --8<-- [end:adam_blocks]


# --8<-- [start:softmax_ce_kernel]
def _softmax_ce_kernel(
    s: np.ndarray,
    y: np.ndarray,
    grad: np.ndarray,
    losses: np.ndarray,
    low: np.ndarray,
    scale: float,
) -> None:
    """For examples (columns) of s: −log softmax(s)_y into ``losses`` and
    scale·(softmax(s) − onehot(y)) into ``grad``, without building the one-hot array.

    ``low`` gets each example's smallest logit: with the largest (c), the finiteness check.

    >>> s, y = np.array([[0.0, 2.0], [0.0, 0.0]]), np.array([1, 0])
    >>> grad, losses, low = np.empty((2, 2)), np.empty(2), np.empty(2)
    >>> _softmax_ce_kernel(s, y, grad, losses, low, 1.0)
    >>> print(losses.round(4), grad[:, 0])
    [0.6931 0.1269] [ 0.5 -0.5]
    """
    c = np.max(s, axis=0)  # NaN and +inf show in the max (and so in the loss),
    np.min(s, axis=0, out=low)  # −inf in the min
    np.subtract(s, c, out=grad)  # s − c ≤ 0: e^(s − c) never overflows
    np.exp(grad, out=grad)
    sum_exp = np.sum(grad, axis=0)
    cols = np.arange(len(y))
    losses[...] = np.log(sum_exp) - (s[y, cols] - c)  # log Σ_j e^(s_j − c) − (s_y − c)
    grad *= scale / sum_exp  # scale·softmax(s)
    grad[y, cols] -= scale  # minus scale·onehot(y): at the labels only
# --8<-- [end:softmax_ce_kernel]


# --8<-- [start:softmax_ce_blocks]
def _softmax_ce_blocks(
    s: np.ndarray, y: np.ndarray, *, block_bytes: int = 1 << 23, parallel: bool = True
) -> tuple[np.floating, np.ndarray, bool]:
    """The mean softmax cross-entropy of integer labels y, its gradient, and whether s is
    finite, by blocks of about ``block_bytes`` of examples (columns; classes on axis 0).

    >>> s, y = np.array([[0.0, 2.0, 1.0], [0.0, 0.0, 1.0]]), np.array([1, 0, 0])
    >>> loss, grad, finite = _softmax_ce_blocks(s, y, block_bytes=16)
    >>> print(f"{loss:.4f}", grad[:, 0].round(4), finite)
    0.5044 [ 0.1667 -0.1667] True
    """
    k, m = s.shape
    grad, losses, low = np.empty_like(s), np.empty(m, s.dtype), np.empty(m, s.dtype)

    def work(b: slice) -> None:
        with np.errstate(invalid="ignore"):  # inf − inf from a bad logit: NaN, reported below
            _softmax_ce_kernel(s[:, b], y[b], grad[:, b], losses[b], low[b], 1 / m)

    _in_blocks(work, m, max(1, block_bytes // (k * s.itemsize)), parallel)
    finite = np.isfinite(losses).all() and np.isfinite(low).all()
    return np.mean(losses), grad, bool(finite)
# --8<-- [end:softmax_ce_blocks]


# --8<-- [start:batchnorm_forward_kernel]
def _batchnorm_forward_kernel(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    eps: float,
    Z_tilde: np.ndarray,
    mu: np.ndarray,
    var: np.ndarray,
    inv_std: np.ndarray,
) -> None:
    """For rows (units) of Z: μ, σ², 1/√(σ² + ε) and Z̃ = γ·(Z − μ)/√(σ² + ε) + β, into the
    given arrays; Z̃ is the only (n, m) array written.

    >>> Zt, mu, var, inv = np.empty((1, 2)), np.empty((1, 1)), np.empty((1, 1)), np.empty((1, 1))
    >>> _batchnorm_forward_kernel(np.array([[1.0, 3.0]]), np.ones((1, 1)), np.zeros((1, 1)),
    ...                           0.0, Zt, mu, var, inv)
    >>> print(Zt, mu.ravel(), var.ravel())
    [[-1.  1.]] [2.] [1.]
    """
    m = Z.shape[1]
    np.sum(Z, axis=1, keepdims=True, out=mu)  # a NaN or ±inf shows in its row's sum: the check
    mu /= m  # μ, as np.mean computes it
    z = np.subtract(Z, mu, out=Z_tilde)  # z − μ, scaled in place below
    var[:, 0] = np.einsum("ij,ij->i", z, z) / m  # two-pass, biased (1/m): Σ (z − μ)² / m
    inv_std[...] = 1 / np.sqrt(var + eps)
    z *= gamma * inv_std  # γ·(z − μ)/√(σ² + ε)
    z += beta
# --8<-- [end:batchnorm_forward_kernel]


# --8<-- [start:batchnorm_backward_kernel]
def _batchnorm_backward_kernel(
    dZ_tilde: np.ndarray,
    Z: np.ndarray,
    gamma: np.ndarray,
    inv_std: np.ndarray,
    mu: np.ndarray,
    dZ: np.ndarray,
    dgamma: np.ndarray,
    dbeta: np.ndarray,
) -> None:
    """For rows of dZ̃ and of the forward pass's Z, γ, 1/√(σ² + ε), μ: dβ = Σ dZ̃,
    dγ = Σ dZ̃·Z_norm and dZ, into the given arrays; dZ is the only (n, m) array written.

    >>> Z, one = np.array([[1.0, 3.0]]), np.ones((1, 1))  # μ = 2, σ = 1
    >>> dZ, dgamma, dbeta = np.empty((1, 2)), np.empty((1, 1)), np.empty((1, 1))
    >>> _batchnorm_backward_kernel(np.array([[1.0, 0.0]]), Z, one, one, 2 * one, dZ, dgamma, dbeta)
    >>> print(dZ, dgamma.ravel(), dbeta.ravel())
    [[0. 0.]] [-1.] [1.]
    """
    m = Z.shape[1]
    np.sum(dZ_tilde, axis=1, keepdims=True, out=dbeta)  # dβ = Σ dz̃, and the finiteness check
    centered = np.subtract(Z, mu, out=dZ)  # z − μ = ẑ·√(σ² + ε), in dZ's rows
    dgamma[:, 0] = np.einsum("ij,ij->i", dZ_tilde, centered) * inv_std[:, 0]  # Σ dz̃·ẑ
    # dẑ = γ·dz̃ row by row, so Σ dẑ = γ·dβ and Σ dẑ·ẑ = γ·dγ: the chain rule of the
    # reference becomes dz = γ/√(σ² + ε)·(dz̃ − (dβ + ẑ·dγ)/m), four steps in place in dZ
    centered *= -dgamma * inv_std / m  # −ẑ·dγ/m
    centered += dZ_tilde
    centered -= dbeta / m
    centered *= gamma * inv_std
# --8<-- [end:batchnorm_backward_kernel]


# --8<-- [start:batchnorm_bands]
def _batchnorm_forward_bands(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    eps: float,
    *,
    band_bytes: int = 1 << 21,
    parallel: bool = True,
) -> tuple[np.ndarray, tuple, bool]:
    """Z̃, the cache (Z, γ, 1/√(σ² + ε), μ, σ²) and whether μ and σ² are finite, by bands of
    about ``band_bytes`` of rows.

    >>> Z = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 30.0, 30.0]])
    >>> Zt, cache, ok = _batchnorm_forward_bands(Z, np.ones((2, 1)), np.zeros((2, 1)), 1e-5)
    >>> print(Zt.mean(axis=1).round(6), Zt.var(axis=1).round(4), ok)
    [0. 0.] [1. 1.] True
    """
    n, m = Z.shape
    mu, var, inv_std = (np.empty((n, 1), Z.dtype) for _ in range(3))
    Z_tilde = np.empty(Z.shape, np.result_type(gamma, Z, beta))

    def work(r: slice) -> None:
        with np.errstate(invalid="ignore", over="ignore"):  # a bad Z: NaN, reported below
            _batchnorm_forward_kernel(Z[r], gamma[r], beta[r], eps, Z_tilde[r], mu[r], var[r],
                                      inv_std[r])

    _in_blocks(work, n, max(1, band_bytes // (m * Z.itemsize)), parallel)
    finite = np.isfinite(mu).all() and np.isfinite(var).all()
    return Z_tilde, (Z, gamma, inv_std, mu, var), bool(finite)  # the cache: Z itself, no copy


def _batchnorm_backward_bands(
    dZ_tilde: np.ndarray,
    cache: tuple,
    *,
    band_bytes: int = 1 << 21,
    parallel: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """dZ, dγ, dβ, and whether dβ is finite, by bands of about ``band_bytes`` of rows.

    >>> Z = np.random.default_rng(0).normal(size=(3, 5))
    >>> _, cache, _ = _batchnorm_forward_bands(Z, np.ones((3, 1)), np.zeros((3, 1)), 1e-5)
    >>> dZ, dgamma, dbeta, ok = _batchnorm_backward_bands(np.ones((3, 5)), cache, band_bytes=40)
    >>> print(np.allclose(dZ, 0.0), dbeta.ravel(), ok)  # shifting Z̃ everywhere: Z has no say
    True [5. 5. 5.] True
    """
    n, m = dZ_tilde.shape
    Z, gamma, inv_std, mu, _ = cache
    dbeta = np.empty((n, 1), dZ_tilde.dtype)
    dZ = np.empty(dZ_tilde.shape, np.result_type(dZ_tilde, Z, gamma))
    dgamma = np.empty((n, 1), np.result_type(dZ_tilde, dZ))

    def work(r: slice) -> None:
        with np.errstate(invalid="ignore", over="ignore"):  # a bad dZ̃: NaN, reported below
            _batchnorm_backward_kernel(dZ_tilde[r], Z[r], gamma[r], inv_std[r], mu[r], dZ[r],
                                       dgamma[r], dbeta[r])

    _in_blocks(work, n, max(1, band_bytes // (m * dZ_tilde.itemsize)), parallel)
    return dZ, dgamma, dbeta, bool(np.isfinite(dbeta).all())
# --8<-- [end:batchnorm_bands]


# The public functions: validate at the boundary, then run the kernels.

def _lr(lr: object) -> float:
    return check_scalar(lr, "lr", low=0.0, low_inclusive=False)


def _beta(beta: object, name: str) -> float:
    return check_scalar(beta, name, low=0.0, high=1.0, high_inclusive=False)


def _params(params: Mapping[str, np.ndarray]) -> Params:
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    return {k: as_float_array(p, f"params[{k!r}]") for k, p in params.items()}


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
    r"""Adam with the update of :class:`dlnotes.optimizers.Adam`, by blocks on every core.

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
    twelve in-place steps on blocks of :math:`2^{17}` entries that stay in a core's cache,
    the blocks shared between the cores. The check that the new parameters are finite (so that
    the parameters and gradients were) is the sum of each block, taken while it is in cache.

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
        for key in params:
            theta = as_float_array(params[key], f"params[{key!r}]", finite=False)  # see below
            g = as_float_array(grads[key], f"grads[{key!r}]", finite=False)
            m[key] = _own(as_float_array(state.m[key], f"state.m[{key!r}]", finite=False),
                          theta.dtype)
            v[key] = _own(as_float_array(state.v[key], f"state.v[{key!r}]", finite=False),
                          theta.dtype)
            new_params[key], finite = _adam_blocks(
                theta, g, m[key], v[key], t, self.lr, self.beta1, self.beta2, self.eps,
                block=_BLOCK,
            )
            if not finite:  # the full checks, for their messages
                as_float_array(theta, f"params[{key!r}]")
                as_float_array(g, f"grads[{key!r}]")
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
    block by block on every core without a one-hot array.

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

    One pass of the kernel over a block of examples (in cache) computes both; the largest and
    smallest logit of each example, which it needs or reads anyway, are the finiteness check.

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
    loss, grad, finite = _softmax_ce_blocks(s, labels, block_bytes=_SOFTMAX_BLOCK_BYTES)
    if not finite:
        as_float_array(s, "logits")  # raises "logits must be finite (got k NaN or ...)"
    return loss, grad


class FastBatchNormCache(NamedTuple):
    """What :func:`batchnorm_forward` keeps: Z itself (not a copy, as PyTorch), γ,
    1/√(σ² + ε), μ and σ²; :func:`batchnorm_backward` recomputes Z_norm where it needs it."""

    Z: np.ndarray  # the input Z, (n, m)
    gamma: np.ndarray  # γ, (n, 1)
    inv_std: np.ndarray  # 1/√(σ² + ε), (n, 1)
    mu: np.ndarray  # the batch mean μ, (n, 1)
    var: np.ndarray  # the batch variance σ² (biased, 1/m), (n, 1)


def _column(x: object, name: str, n: int) -> np.ndarray:
    arr = as_float_array(x, name)
    if arr.shape != (n, 1):
        raise ValueError(f"{name} must have shape ({n}, 1) (got {arr.shape})")
    return arr


def batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, *, eps: float = EPS
) -> tuple[np.ndarray, FastBatchNormCache]:
    r"""Batch norm in training mode, by bands of rows on every core.

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

    The row sums that give μ are the finiteness check (a NaN or ±inf shows in its row's sum).

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
    Z_tilde, cache, finite = _batchnorm_forward_bands(
        Z_arr, gamma_arr, beta_arr, e, band_bytes=_BATCHNORM_BAND_BYTES
    )
    if not finite:
        as_float_array(Z_arr, "Z")  # raises "Z must be finite (got k NaN or infinite entries)"
        raise ValueError("Z is too large: the sum of a row or its variance overflows")
    return Z_tilde, FastBatchNormCache(*cache)


def batchnorm_backward(
    dZ_tilde: np.ndarray, cache: FastBatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Backward pass of :func:`batchnorm_forward`, by bands of rows on every core.

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
    :math:`\sum_i d\hat z\, \hat z = \gamma\, d\gamma`. The row sums that give dβ are the
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
    dZ, dgamma, dbeta, finite = _batchnorm_backward_bands(
        dZt, cache, band_bytes=_BATCHNORM_BAND_BYTES
    )
    if not finite:
        as_float_array(dZt, "dZ_tilde")  # raises "dZ_tilde must be finite (got k NaN ...)"
        raise ValueError("dZ_tilde is too large: the sum of a row overflows")
    return dZ, dgamma, dbeta
