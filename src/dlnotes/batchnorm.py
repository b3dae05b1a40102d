"""Batch normalization (Batch Norm, 批归一化) of a layer's pre-activations Z.

Mirrors notes 000 §3.4-§3.7 and 002 (正则化激活函数输入 batch norm). Z is (n[l], m) with the
examples as columns; every row (unit) is normalized over the m examples of the mini-batch with
the biased (1/m) variance, then scaled by γ and shifted by β, both (n[l], 1). At test time the
mini-batch statistics are replaced by exponentially weighted averages kept during training.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from dlnotes._validation import as_float_array, check_ndim, check_scalar

__all__ = [
    "BatchNormCache",
    "batchnorm_backward",
    "batchnorm_forward",
    "batchnorm_inference",
    "update_running_stats",
]

EPS = 1e-5  # PyTorch's BatchNorm1d default; the notes name ε but give no value


# The references: what the chapter shows. Plain NumPy on arrays already checked. The cache is
# the tuple (Z_norm, gamma, std, mu, var); the public functions give it names (BatchNormCache).


# --8<-- [start:batchnorm_forward]
def _batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, tuple]:
    """Z̃ = γ·(Z − μ)/√(σ² + ε) + β, μ and σ² of each row over the examples (notes 000 §3.4).

    >>> Zt, (Z_norm, gamma, std, mu, var) = _batchnorm_forward(np.array([[1.0, 3.0]]), 1.0, 0.0)
    >>> print(Zt.round(4), mu.ravel(), var.ravel())
    [[-1.  1.]] [2.] [1.]
    """
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)  # two-pass: accurate when |μ| ≫ σ
    std = np.sqrt(var + eps)
    Z_norm = (Z - mu) / std
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde, (Z_norm, gamma, std, mu, var)  # the cache
# --8<-- [end:batchnorm_forward]


# --8<-- [start:batchnorm_backward]
def _batchnorm_backward(
    dZ_tilde: np.ndarray, cache: tuple
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """dZ, dγ = Σ dZ̃·Z_norm and dβ = Σ dZ̃ over the examples, by the chain rule (notes 000 §3.4).

    >>> _, cache = _batchnorm_forward(np.array([[1.0, 3.0]]), np.ones((1, 1)), np.zeros((1, 1)))
    >>> dZ, dgamma, dbeta = _batchnorm_backward(np.array([[1.0, 0.0]]), cache)
    >>> print(dZ.round(4) + 0.0, dgamma.round(4), dbeta)  # + 0.0 prints −0 as 0
    [[0. 0.]] [[-1.]] [[1.]]
    """
    Z_norm, gamma, std, _, _ = cache
    m = Z_norm.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    # m·dẑ minus the path through μ (Σ dẑ) and the path through σ² (ẑ·Σ dẑ·ẑ)
    dZ = (m * dZ_norm - np.sum(dZ_norm, axis=1, keepdims=True)
          - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)) / (m * std)
    return dZ, dgamma, dbeta
# --8<-- [end:batchnorm_backward]


# --8<-- [start:update_running_stats]
def _update_running_stats(
    running_mean: np.ndarray, running_var: np.ndarray, cache: tuple, beta: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """μ_run := β·μ_run + (1 − β)·μ, σ²_run := β·σ²_run + (1 − β)·σ², EWAs (notes 000 §3.7).

    >>> _, cache = _batchnorm_forward(np.array([[0.0, 2.0]]), 1.0, 0.0)  # μ = 1, σ² = 1
    >>> print(*_update_running_stats(np.zeros((1, 1)), np.zeros((1, 1)), cache))
    [[0.1]] [[0.1]]
    """
    _, _, _, mu, var = cache
    running_mean = beta * running_mean + (1 - beta) * mu
    running_var = beta * running_var + (1 - beta) * var
    return running_mean, running_var
# --8<-- [end:update_running_stats]


# --8<-- [start:batchnorm_inference]
def _batchnorm_inference(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    """Z̃ = γ·(Z − μ_run)/√(σ²_run + ε) + β, each example on its own (notes 000 §3.7).

    >>> one = np.array([[3.0]])
    >>> print(_batchnorm_inference(one, np.ones((1, 1)), np.zeros((1, 1)), one - 2, one + 1, 0.0))
    [[1.]]
    """
    Z_norm = (Z - running_mean) / np.sqrt(running_var + eps)
    return gamma * Z_norm + beta
# --8<-- [end:batchnorm_inference]


# The public functions: validate at the boundary, then call the reference.

class BatchNormCache(NamedTuple):
    """What :func:`batchnorm_forward` keeps for :func:`batchnorm_backward` and
    :func:`update_running_stats`: the references' cache tuple, with names."""

    Z_norm: np.ndarray  # (Z − μ)/√(σ² + ε), (n, m)
    gamma: np.ndarray  # γ, (n, 1)
    std: np.ndarray  # √(σ² + ε), (n, 1)
    mu: np.ndarray  # the batch mean μ, (n, 1)
    var: np.ndarray  # the batch variance σ² (biased, 1/m), (n, 1)


def _column(x: object, name: str, n: int) -> np.ndarray:
    """A per-unit parameter or statistic: shape (n, 1) exactly, no broadcasting."""
    arr = as_float_array(x, name)
    if arr.shape != (n, 1):
        raise ValueError(f"{name} must have shape ({n}, 1) (got {arr.shape})")
    return arr


def _eps(eps: object) -> float:
    return check_scalar(eps, "eps", low=0.0, low_inclusive=False)


def _check_cache(cache: object) -> BatchNormCache:
    if not isinstance(cache, BatchNormCache):
        raise TypeError(
            f"cache must be the BatchNormCache from batchnorm_forward (got {type(cache).__name__})"
        )
    return cache


def batchnorm_forward(
    Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, *, eps: float = EPS
) -> tuple[np.ndarray, BatchNormCache]:
    r"""Batch norm in training mode: normalize each row of Z over the mini-batch, then scale
    and shift.

    Parameters
    ----------
    Z : array_like
        Pre-activations Z[l], (n[l], m) with m ≥ 2 examples.
    gamma : array_like
        Scale γ[l], (n[l], 1).
    beta : array_like
        Shift β[l], (n[l], 1) (not the β of momentum or of the running averages).
    eps : float, default 1e-5
        ε > 0 under the square root (PyTorch's default; the notes give no value).

    Returns
    -------
    Z_tilde : numpy.ndarray
        :math:`\tilde Z` = γ·Z_norm + β, shaped like Z.
    cache : BatchNormCache
        Z_norm, γ and √(σ² + ε) for :func:`batchnorm_backward`, μ and σ² for
        :func:`update_running_stats`.

    Raises
    ------
    ValueError
        If Z is not 2-D, has fewer than 2 examples (columns), or an input is not finite (or
        so large that a row's sum or sum of squares overflows); if gamma or beta is not
        (n[l], 1); if eps ≤ 0.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Notes 000 §3.4, per unit (row), over the m examples of the mini-batch:

    .. math::
        \mu = \frac{1}{m}\sum_{i=1}^{m} z^{(i)}, \quad
        \sigma^2 = \frac{1}{m}\sum_{i=1}^{m} (z^{(i)} - \mu)^2, \quad
        z_{\text{norm}}^{(i)} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \quad
        \tilde z^{(i)} = \gamma z_{\text{norm}}^{(i)} + \beta

    The variance is computed in two passes (subtract μ first), which stays accurate when
    |μ| ≫ σ, unlike E[z²] − μ².

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.batchnorm import batchnorm_forward
    >>> Z = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 30.0, 30.0]])
    >>> Zt, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
    >>> print(np.round(Zt.mean(axis=1), 6) + 0.0, np.round(Zt.var(axis=1), 4))
    [0. 0.] [1. 1.]
    """
    Z_arr = as_float_array(Z, "Z")
    check_ndim(Z_arr, "Z", 2)
    n, m = Z_arr.shape
    if m < 2:
        raise ValueError(
            f"Z must have at least 2 examples (columns) for batch statistics in training mode "
            f"(got shape {Z_arr.shape}); use batchnorm_inference for a single example"
        )
    gamma_arr, beta_arr = _column(gamma, "gamma", n), _column(beta, "beta", n)
    e = _eps(eps)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow: the errors below say it
        Z_tilde, cache = _batchnorm_forward(Z_arr, gamma_arr, beta_arr, e)
    bn_cache = BatchNormCache(*cache)
    if not np.isfinite(bn_cache.mu).all():
        raise ValueError("Z is too large: the sum of a row overflows")
    if not np.isfinite(bn_cache.var).all():
        raise ValueError("Z is too large: the sum of the squares of a row overflows")
    return Z_tilde, bn_cache


def batchnorm_backward(
    dZ_tilde: np.ndarray, cache: BatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Backward pass of :func:`batchnorm_forward`: gradients for Z, γ and β.

    Parameters
    ----------
    dZ_tilde : array_like
        Gradient of the cost with respect to :math:`\tilde Z`, shaped like Z.
    cache : BatchNormCache
        The cache returned by :func:`batchnorm_forward`.

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
        If dZ_tilde is not shaped like the cached Z or is not finite (or so large that a
        row's sum overflows).
    TypeError
        If cache is not a BatchNormCache or dZ_tilde is not real-valued.

    Notes
    -----
    The plain chain rule, as PyTorch: no extra 1/m in dγ and dβ (the 1/m of the cost is
    already inside dZ̃). With :math:`\hat z` = Z_norm and :math:`d\hat z = \gamma\, d\tilde z`,
    per row:

    .. math::
        d\beta = \sum_i d\tilde z^{(i)}, \quad
        d\gamma = \sum_i d\tilde z^{(i)} \hat z^{(i)}, \quad
        dz^{(i)} = \frac{1}{m\sqrt{\sigma^2+\varepsilon}}
            \Bigl(m\, d\hat z^{(i)} - \sum_j d\hat z^{(j)}
                  - \hat z^{(i)} \sum_j d\hat z^{(j)} \hat z^{(j)}\Bigr)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward
    >>> Z = np.random.default_rng(0).normal(size=(3, 5))
    >>> _, cache = batchnorm_forward(Z, np.ones((3, 1)), np.zeros((3, 1)))
    >>> dZ, dgamma, dbeta = batchnorm_backward(np.ones((3, 5)), cache)
    >>> print(np.allclose(dZ, 0.0), dbeta.ravel())  # shifting Z̃ everywhere: Z has no say
    True [5. 5. 5.]
    """
    bn_cache = _check_cache(cache)
    dZt = as_float_array(dZ_tilde, "dZ_tilde")
    shape = bn_cache.Z_norm.shape
    if dZt.shape != shape:
        raise ValueError(f"dZ_tilde must have the shape of Z {shape} (got {dZt.shape})")
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow: the error below says it
        dZ, dgamma, dbeta = _batchnorm_backward(dZt, bn_cache)
    if not (np.isfinite(dbeta).all() and np.isfinite(dgamma).all()):
        raise ValueError("dZ_tilde is too large: the sum of a row overflows")
    return dZ, dgamma, dbeta


def update_running_stats(
    running_mean: np.ndarray,
    running_var: np.ndarray,
    cache: BatchNormCache,
    beta: float = 0.9,
) -> tuple[np.ndarray, np.ndarray]:
    r"""One step of the exponentially weighted averages of μ and σ² used at test time.

    Parameters
    ----------
    running_mean : array_like
        The running mean so far, (n[l], 1) (start from zeros).
    running_var : array_like
        The running variance so far, (n[l], 1) (start from zeros as an EWA from v₀ = 0, or
        from ones as PyTorch does).
    cache : BatchNormCache
        The cache of this mini-batch's :func:`batchnorm_forward`.
    beta : float, default 0.9
        The EWA weight β in [0, 1) (PyTorch's ``momentum`` is 1 − β = 0.1).

    Returns
    -------
    running_mean, running_var : numpy.ndarray
        New arrays; the inputs are not modified.

    Raises
    ------
    ValueError
        If a running statistic is not (n[l], 1), is not finite or the variance is negative,
        or if beta is not in [0, 1).
    TypeError
        If cache is not a BatchNormCache.

    Notes
    -----
    Notes 000 §3.7 and 002: an exponentially weighted average over the mini-batches, with the
    biased (1/m) batch variance σ² of :func:`batchnorm_forward`:

    .. math::
        \mu_{\text{run}} \leftarrow \beta\,\mu_{\text{run}} + (1-\beta)\,\mu^{\{t\}}, \qquad
        \sigma^2_{\text{run}} \leftarrow \beta\,\sigma^2_{\text{run}} + (1-\beta)\,\sigma^{2\{t\}}

    ``torch.nn.BatchNorm1d`` uses momentum = 1 − β and the unbiased batch variance
    σ²·m/(m − 1) in this average (SOURCES.md, erratum 18).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.batchnorm import batchnorm_forward, update_running_stats
    >>> Z = np.array([[0.0, 2.0], [1.0, 5.0]])
    >>> _, cache = batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
    >>> mean, var = update_running_stats(np.zeros((2, 1)), np.zeros((2, 1)), cache)
    >>> print(mean.ravel(), var.ravel())  # 0.1·μ and 0.1·σ², μ = (1, 3), σ² = (1, 4)
    [0.1 0.3] [0.1 0.4]
    """
    bn_cache = _check_cache(cache)
    n = bn_cache.mu.shape[0]
    mean = _column(running_mean, "running_mean", n)
    var = _column(running_var, "running_var", n)
    if (var < 0).any():
        raise ValueError(f"running_var must be >= 0 (got minimum {float(var.min())!r})")
    b = check_scalar(beta, "beta", low=0.0, high=1.0, high_inclusive=False)
    return _update_running_stats(mean, var, bn_cache, b)


def batchnorm_inference(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    *,
    eps: float = EPS,
) -> np.ndarray:
    r"""Batch norm at test time: normalize with the running statistics, not the batch's.

    Parameters
    ----------
    Z : array_like
        Pre-activations, (n[l], m); any m ≥ 1, a single example included.
    gamma, beta : array_like
        The learned γ and β, (n[l], 1).
    running_mean, running_var : array_like
        The averages from :func:`update_running_stats`, (n[l], 1); the variance ≥ 0.
    eps : float, default 1e-5
        ε > 0, the same as in training.

    Returns
    -------
    numpy.ndarray
        :math:`\gamma (Z - \mu_{\text{run}})/\sqrt{\sigma^2_{\text{run}} + \varepsilon} + \beta`,
        shaped like Z. Each example is transformed on its own.

    Raises
    ------
    ValueError
        If Z is not 2-D, an input is not finite, a per-unit array is not (n[l], 1), the
        running variance is negative or eps ≤ 0.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Notes 000 §3.7: one example has no meaningful batch mean or variance, so the estimates
    averaged over the training mini-batches are used:

    .. math::
        z_{\text{norm}} = \frac{z - \mu_{\text{run}}}{\sqrt{\sigma^2_{\text{run}} + \varepsilon}},
        \qquad \tilde z = \gamma z_{\text{norm}} + \beta

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.batchnorm import batchnorm_inference
    >>> z = np.array([[3.0], [0.0]])
    >>> out = batchnorm_inference(z, np.ones((2, 1)), np.zeros((2, 1)),
    ...                           np.array([[1.0], [0.0]]), np.array([[4.0], [1.0]]), eps=1e-12)
    >>> print(np.round(out.ravel(), 6))
    [1. 0.]
    """
    Z_arr = as_float_array(Z, "Z")
    check_ndim(Z_arr, "Z", 2)
    n = Z_arr.shape[0]
    gamma_arr, beta_arr = _column(gamma, "gamma", n), _column(beta, "beta", n)
    mean = _column(running_mean, "running_mean", n)
    var = _column(running_var, "running_var", n)
    if (var < 0).any():
        raise ValueError(f"running_var must be >= 0 (got minimum {float(var.min())!r})")
    return _batchnorm_inference(Z_arr, gamma_arr, beta_arr, mean, var, _eps(eps))
