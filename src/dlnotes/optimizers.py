r"""Optimizers: exponentially weighted averages, SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam.

Mirrors notes 000 §2.3-2.8, 001 (6-19 to 6-30), 002 and 004 §2.1. Parameters and gradients are
``dict[str, numpy.ndarray]`` with the same keys (``grads["W1"]`` is :math:`dW^{[1]}`).

Every optimizer is a small class holding its hyperparameters, with two methods in the style of
optax: ``init(params) -> state`` and ``update(params, grads, state) -> (new_params,
new_state)``. The state is an immutable ``NamedTuple`` (step count and moment dicts).
``update`` returns NEW parameter arrays and never modifies the caller's ``params`` or
``grads``; it may update the moment arrays of the state it was given in place (the state
is the optimizer's own), so pass each state to ``update`` once and keep the one it returns.
Small parameters (all of them together at most 2**16 entries) come back as views into one new
vector, and their moments are kept that way: one kernel call then updates them all.

Only keys and shapes are checked in ``update`` (no scan for NaN over millions of entries).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple, TypeGuard

import numpy as np

from dlnotes import _parallel
from dlnotes._validation import (
    as_float_array,
    check_matching_dicts,
    check_ndim,
    check_scalar,
)

__all__ = [
    "SGD",
    "AdaGrad",
    "AdaGradState",
    "Adam",
    "AdamState",
    "Momentum",
    "MomentumState",
    "Nesterov",
    "NesterovState",
    "RMSprop",
    "RMSpropState",
    "SGDState",
    "clip_by_global_norm",
    "clip_by_value",
    "exponentially_weighted_average",
]

Params = dict[str, np.ndarray]


# --8<-- [start:exponentially_weighted_average]
def exponentially_weighted_average(
    values: np.ndarray, beta: float, *, bias_correction: bool = False
) -> np.ndarray:
    r"""Exponentially weighted average (指数加权平均) :math:`v_1, \dots, v_T` of a sequence.

    Parameters
    ----------
    values : array_like
        :math:`\theta_1, \dots, \theta_T`: a 1-D series of length T, or a 2-D ``(T, k)``
        array of k series with time on axis 0 (each column averaged on its own).
    beta : float
        :math:`\beta` in ``[0, 1)``; the average spans about :math:`1/(1-\beta)` values.
    bias_correction : bool, default False
        Divide :math:`v_t` by :math:`1 - \beta^t` (偏差修正), removing the pull towards the
        start value :math:`v_0 = 0`.

    Returns
    -------
    numpy.ndarray
        :math:`v_1, \dots, v_T`, the shape of ``values`` (float32 in, float32 out).

    Raises
    ------
    ValueError
        If ``values`` is empty, not finite or not 1-D/2-D, or ``beta`` is outside ``[0, 1)``.

    Notes
    -----
    From :math:`v_0 = 0`, for :math:`t = 1, \dots, T` (notes 000 §2.3 and §2.5):

    .. math::
        v_t = \beta v_{t-1} + (1 - \beta)\,\theta_t, \qquad
        \hat v_t = \frac{v_t}{1 - \beta^t}

    Unrolled, :math:`v_t = (1-\beta)\sum_{k=1}^{t} \beta^{t-k}\theta_k`: the weight of a value
    falls by :math:`\beta` per step, below :math:`1/e` after about :math:`1/(1-\beta)` steps
    (:math:`0.9^{10} \approx 0.35`). The loop runs over time steps, as in the notes.

    Examples
    --------
    >>> from dlnotes.optimizers import exponentially_weighted_average
    >>> print(exponentially_weighted_average([10.0, 10.0, 10.0], 0.9).round(2))
    [1.   1.9  2.71]
    >>> print(exponentially_weighted_average([10.0, 10.0, 10.0], 0.9, bias_correction=True))
    [10. 10. 10.]
    """
    theta = as_float_array(values, "values", min_ndim=1)
    if theta.ndim > 2:
        check_ndim(theta, "values", 2)
    b = check_scalar(beta, "beta", low=0.0, high=1.0, high_inclusive=False)
    v = np.zeros_like(theta)
    v_prev = np.zeros_like(theta[0])  # v_0 = 0
    for step in range(theta.shape[0]):
        v_prev = b * v_prev + (1.0 - b) * theta[step]
        v[step] = v_prev
    if bias_correction and b > 0:
        t = np.arange(1.0, theta.shape[0] + 1).reshape((-1,) + (1,) * (theta.ndim - 1))
        v /= -np.expm1(t * np.log(b))  # 1 − β^t, accurate also for β near 1
    return v
# --8<-- [end:exponentially_weighted_average]


# --8<-- [start:clipping]
def _grads(grads: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads must be a dict of arrays (got {type(grads).__name__})")
    return {k: as_float_array(g, f"grads[{k!r}]") for k, g in grads.items()}


def clip_by_value(grads: Mapping[str, np.ndarray], limit: float) -> Params:
    r"""Clip every gradient entry to :math:`[-\text{limit}, \text{limit}]` (梯度剪切, by value).

    Parameters
    ----------
    grads : dict of str to numpy.ndarray
        Gradients, e.g. ``{"W1": dW1, "b1": db1}``.
    limit : float
        The threshold, ``> 0``.

    Returns
    -------
    dict of str to numpy.ndarray
        New arrays; ``grads`` is not modified.

    Raises
    ------
    ValueError
        If ``limit <= 0`` or a gradient is empty or not finite.
    TypeError
        If ``grads`` is not a dict.

    Notes
    -----
    .. math:: g \leftarrow \min(\max(g, -c), c)

    per entry (notes 001, gradient clipping against exploding gradients). Each entry is
    clipped on its own, so the direction of the gradient can change; compare
    :func:`clip_by_global_norm`. PyTorch: ``torch.nn.utils.clip_grad_value_``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import clip_by_value
    >>> print(clip_by_value({"W1": np.array([[-3.0, 0.5, 7.0]])}, 1.0)["W1"])
    [[-1.   0.5  1. ]]
    """
    c = check_scalar(limit, "limit", low=0.0, low_inclusive=False)
    return {k: np.clip(g, -c, c) for k, g in _grads(grads).items()}


def clip_by_global_norm(grads: Mapping[str, np.ndarray], max_norm: float) -> Params:
    r"""Rescale all gradients together so that their joint L2 norm is at most ``max_norm``.

    Parameters
    ----------
    grads : dict of str to numpy.ndarray
        Gradients, e.g. ``{"W1": dW1, "b1": db1}``.
    max_norm : float
        The largest allowed global norm, ``> 0``.

    Returns
    -------
    dict of str to numpy.ndarray
        New arrays; ``grads`` is not modified. Unchanged values when the norm is within
        ``max_norm``.

    Raises
    ------
    ValueError
        If ``max_norm <= 0`` or a gradient is empty or not finite.
    TypeError
        If ``grads`` is not a dict.

    Notes
    -----
    .. math::
        \|g\| = \sqrt{\textstyle\sum_{\text{keys}} \sum_{\text{entries}} g^2}, \qquad
        g \leftarrow g \cdot \frac{c}{\max(\|g\|, c)}

    The direction of the whole update is kept. PyTorch's
    ``torch.nn.utils.clip_grad_norm_`` multiplies by :math:`c / (\|g\| + 10^{-6})` when that
    is below 1, so its clipped norm is slightly under :math:`c`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import clip_by_global_norm
    >>> clipped = clip_by_global_norm({"W1": np.array([[3.0]]), "b1": np.array([[4.0]])}, 1.0)
    >>> print(clipped["W1"], clipped["b1"])
    [[0.6]] [[0.8]]
    """
    c = check_scalar(max_norm, "max_norm", low=0.0, low_inclusive=False)
    arrays = _grads(grads)
    norm = float(np.sqrt(sum(float(np.vdot(g, g)) for g in arrays.values())))
    scale = c / max(norm, c)
    return {k: g * scale for k, g in arrays.items()}
# --8<-- [end:clipping]


# --8<-- [start:helpers]
def _lr(lr: object) -> float:
    return check_scalar(lr, "lr", low=0.0, low_inclusive=False)


def _beta(beta: object, name: str) -> float:
    return check_scalar(beta, name, low=0.0, high=1.0, high_inclusive=False)


def _eps(eps: object) -> float:
    return check_scalar(eps, "eps", low=0.0)


def _zeros_like(params: Mapping[str, np.ndarray]) -> Params:
    """Zero moments, one C-contiguous array per parameter, float64 unless the param is float32."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    arrays = {k: as_float_array(p, f"params[{k!r}]") for k, p in params.items()}
    if _packable(arrays):  # one zero vector, seen through views (see _Packed)
        vector = np.zeros(sum(p.size for p in arrays.values()), next(iter(arrays.values())).dtype)
        return _pack(vector, arrays)
    return {k: np.zeros(p.shape, dtype=p.dtype) for k, p in arrays.items()}


def _check(
    params: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    state: tuple,
    state_type: type,
    moments: tuple[str, ...],
) -> tuple[Params, Params]:
    """Keys, shapes and dtypes only: O(number of parameters), no pass over the entries."""
    if not isinstance(state, state_type):
        raise TypeError(
            f"state must be of type {state_type.__name__}, as made by init() "
            f"(got {type(state).__name__})"
        )
    stores = [grads, *(getattr(state, name) for name in moments)]
    if not _same_layout(params, stores):  # the full check, for its error message
        for label, store in zip(["grads", *(f"state.{n}" for n in moments)], stores, strict=True):
            check_matching_dicts(params, store, "params", label)
    if _intact(params):  # what the last update returned: float arrays already
        return params, {k: _float_array(grads[k], "grads", k) for k in params}
    p = {k: _float_array(v, "params", k) for k, v in params.items()}
    g = {k: _float_array(grads[k], "grads", k) for k in p}
    return p, g


def _float_array(x: object, name: str, key: str) -> np.ndarray:
    """as_float_array(x, "name[key]", finite=False), called only for what is not already a
    non-empty float32/float64 array (the usual argument passes through as it is)."""
    if type(x) is np.ndarray and x.dtype.char in "fd" and x.dtype.isnative and x.size:
        return x
    return as_float_array(x, f"{name}[{key!r}]", finite=False)


def _same_layout(params: object, stores: Iterable[object]) -> bool:
    """Fast path of check_matching_dicts for dicts of arrays: same keys, same shapes."""
    if not isinstance(params, dict):
        return False
    for store in stores:
        if not isinstance(store, dict) or store.keys() != params.keys():
            return False
        try:
            if any(store[k].shape != p.shape for k, p in params.items()):
                return False
        except AttributeError:  # values that are not arrays (lists): left to the full check
            return False
    return True


def _own(moment: np.ndarray) -> np.ndarray:
    """The moment array itself when it can be updated in place through a flat view."""
    if moment.flags.c_contiguous and moment.flags.writeable:
        return moment
    return np.array(moment, order="C")


# A block of each array (2**17 float64 = 1 MiB) stays in a core's caches while all the
# operations of one step run on it, instead of streaming every temporary through memory; it is
# large enough that NumPy's cost per call is small next to the work (for Adam on 10**7
# parameters on the benchmark machine 2**17 beat 2**16 by about 8 % and 2**15 by 20 %, and
# 2**18 was slower again: docs/performance.md). Parameter sets of up to _PACK_LIMIT entries in
# all are packed into one vector (see _Packed).
_BLOCK = 1 << 17
_PACK_LIMIT = 1 << 16


def _blockwise(kernel: Callable[..., None], arrays: list[np.ndarray], *scalars: float) -> None:
    """Run ``kernel(*blocks, *scalars)`` over cache-sized blocks of the flattened arrays.

    Large arrays are split between the cores (NumPy releases the GIL inside its loops); the
    kernels are elementwise, so the result is the same as one call on the whole arrays.
    """
    if arrays[0].size <= _BLOCK:  # one block: elementwise on the arrays as they are
        kernel(*arrays, *scalars)
        return
    flat = [a.reshape(-1) for a in arrays]  # views for the C-contiguous outputs and moments

    def block(b: slice) -> None:
        kernel(*(a[b] for a in flat), *scalars)

    _parallel.run_in_bands(block, flat[0].size, band=_BLOCK)


def _new_params(
    kernel: Callable[..., None],
    params: Params,
    grads: Params,
    moments: list[Params],
    *scalars: float,
) -> tuple[Params, list[Params]]:
    """For each key: a new parameter array, computed by ``kernel`` with the moments in place."""
    if _packable(params):
        return _packed(kernel, params, grads, moments, *scalars)
    new_params: Params = {}
    new_moments: list[Params] = [{} for _ in moments]
    for key, theta in params.items():
        owned = [_own(moment[key]) for moment in moments]
        for store, arr in zip(new_moments, owned, strict=True):
            store[key] = arr
        out = np.empty(theta.shape, dtype=theta.dtype)
        _blockwise(kernel, [theta, grads[key], *owned, out], *scalars)
        new_params[key] = out
    return new_params, new_moments


def _packable(params: Params) -> bool:
    """Several small arrays of one dtype: one kernel call on them all beats one call per key."""
    sizes = [p.size for p in params.values()]
    return (
        len(sizes) > 1
        and sum(sizes) <= _PACK_LIMIT
        and len({p.dtype for p in params.values()}) == 1
    )


class _Packed(dict[str, np.ndarray]):
    """A dict of arrays that are consecutive views into one vector ``flat``, in key order.

    A NumPy call costs about a microsecond whatever the size of its arrays, so for a small
    network the calls, not the arithmetic, are the cost of a step. Small parameters therefore
    come back from ``update`` in this form, and their moments are kept in it: the next update
    runs its kernel once on the vectors, and the views (the dict's values) show the result.
    """

    flat: np.ndarray
    views: tuple[np.ndarray, ...]


def _pack(vector: np.ndarray, like: Mapping[str, np.ndarray]) -> _Packed:
    """Consecutive views of ``vector`` shaped like the arrays of ``like``, in its key order."""
    packed, start = _Packed(), 0
    for key, array in like.items():
        packed[key] = vector[start : start + array.size].reshape(array.shape)
        start += array.size
    packed.flat, packed.views = vector, tuple(packed.values())
    return packed


def _intact(arrays: object, keys: list[str] | None = None) -> TypeGuard[_Packed]:
    """A _Packed dict (in this key order, if given), its views neither replaced nor copied."""
    return (
        type(arrays) is _Packed
        and (keys is None or list(arrays) == keys)
        and arrays.views[0].base is arrays.flat  # not a copy (copy.deepcopy, pickle)
        and all(map(operator.is_, arrays.values(), arrays.views))  # no value replaced
    )


def _flat(arrays: Mapping[str, np.ndarray], keys: list[str]) -> np.ndarray:
    """The arrays of ``keys`` as one vector: ``flat`` itself for an intact _Packed dict, else a
    concatenated copy."""
    if _intact(arrays, keys):
        return arrays.flat
    return np.concatenate([arrays[k].ravel() for k in keys])


def _packed(
    kernel: Callable[..., None],
    params: Params,
    grads: Params,
    moments: list[Params],
    *scalars: float,
) -> tuple[Params, list[Params]]:
    """_new_params for small parameters: one kernel call on their vectors (see _Packed)."""
    keys = list(params)
    theta = _flat(params, keys)
    flat_moments = [_flat(moment, keys) for moment in moments]
    out = np.empty_like(theta)
    kernel(theta, _flat(grads, keys), *flat_moments, out, *scalars)
    new_moments: list[Params] = [
        moment if isinstance(moment, _Packed) and vector is moment.flat else _pack(vector, params)
        for moment, vector in zip(moments, flat_moments, strict=True)
    ]
    return _pack(out, params), new_moments


def _safe_denominator(denom: np.ndarray, eps: float) -> None:
    """With eps = 0 a zero denominator means a zero gradient history: divide by 1, not 0."""
    if eps == 0.0:
        np.putmask(denom, denom == 0.0, 1.0)
# --8<-- [end:helpers]


# --8<-- [start:sgd]
class SGDState(NamedTuple):
    """State of :class:`SGD`: only the step count t."""

    step: int


def _sgd_kernel(theta: np.ndarray, g: np.ndarray, out: np.ndarray, lr: float) -> None:
    np.multiply(g, -lr, out=out)  # θ ← θ − α·g
    out += theta


class SGD:
    r"""(Mini-batch / stochastic) gradient descent (梯度下降), θ ← θ − α·g.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\alpha` (``lr``), ``> 0``.

    Raises
    ------
    ValueError
        If ``lr <= 0``; in ``update``, if ``grads`` (or the state) does not have the keys and
        shapes of ``params`` (the message names the key).
    TypeError
        If ``lr`` is not a real number, or ``update`` gets a state of another optimizer.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \theta_0 \text{ (params)} \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \text{ (grads: on the whole set,
        one example or a mini-batch)} \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\, g_t
        \end{aligned}

    Batch, stochastic and mini-batch gradient descent differ only in which examples give
    :math:`g_t` (notes 001, (6-19) and (6-20)). PyTorch: ``torch.optim.SGD(params, lr)``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import SGD
    >>> opt = SGD(lr=0.1)
    >>> params = {"W1": np.array([[1.0, -2.0]])}
    >>> state = opt.init(params)
    >>> params, state = opt.update(params, {"W1": np.array([[0.5, 0.5]])}, state)
    >>> print(params["W1"], state.step)
    [[ 0.95 -2.05]] 1
    """

    def __init__(self, lr: float) -> None:
        self.lr = _lr(lr)

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr!r})"

    def init(self, params: Mapping[str, np.ndarray]) -> SGDState:
        """Return the initial state (step 0) for ``params``."""
        _zeros_like(params)  # validates params
        return SGDState(step=0)

    def update(
        self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], state: SGDState
    ) -> tuple[Params, SGDState]:
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g = _check(params, grads, state, SGDState, ())
        new_params, _ = _new_params(_sgd_kernel, p, g, [], self.lr)
        return new_params, SGDState(step=state.step + 1)
# --8<-- [end:sgd]


# --8<-- [start:momentum]
class MomentumState(NamedTuple):
    """State of :class:`Momentum`: step count t and the velocity v per parameter."""

    step: int
    v: Params


def _momentum_kernel(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, out: np.ndarray, lr: float, beta: float
) -> None:
    np.multiply(v, beta, out=v)  # v ← β·v + (1 − β)·g
    np.multiply(g, 1.0 - beta, out=out)
    v += out
    np.multiply(v, -lr, out=out)  # θ ← θ − α·v
    out += theta


class Momentum:
    r"""Gradient descent with momentum (动量梯度下降法), in the notes' EWA form.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\alpha` (``lr``), ``> 0``.
    beta : float, default 0.9
        Momentum :math:`\beta` (``beta``) in ``[0, 1)``; ``beta=0`` is plain gradient descent.

    Raises
    ------
    ValueError
        If ``lr <= 0`` or ``beta`` is outside ``[0, 1)``; in ``update``, if ``grads`` (or the
        state) does not have the keys and shapes of ``params`` (the message names the key).
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \beta \text{ (beta)}, \theta_0 \text{ (params)}
        \\
        &\textbf{initialize}: v_0 \leftarrow 0 \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \\
        &\quad v_t \leftarrow \beta v_{t-1} + (1 - \beta)\, g_t \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\, v_t
        \end{aligned}

    :math:`v` is the exponentially weighted average of the gradients, without bias correction
    (notes 000 §2.6, 002, 004: :math:`V_{dW} = \beta V_{dW} + (1-\beta)\,dW`). The form
    :math:`v = g + \beta v` of notes 001 (6-23) and of PyTorch is the same method with
    :math:`\alpha` replaced by :math:`\alpha(1-\beta)`: ``Momentum(lr, beta)`` equals
    ``torch.optim.SGD(params, lr=lr * (1 - beta), momentum=beta)`` exactly.
    ``torch.optim.SGD(..., momentum=beta, dampening=beta)`` differs: its buffer starts at
    :math:`g_1` instead of :math:`(1-\beta)g_1`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import Momentum
    >>> opt = Momentum(lr=0.1, beta=0.9)
    >>> params = {"w": np.array([1.0])}
    >>> state = opt.init(params)
    >>> for _ in range(2):
    ...     params, state = opt.update(params, {"w": np.array([1.0])}, state)
    >>> print(np.round(state.v["w"], 4), np.round(params["w"], 4))
    [0.19] [0.971]
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.lr = _lr(lr)
        self.beta = _beta(beta, "beta")

    def __repr__(self) -> str:
        return f"Momentum(lr={self.lr!r}, beta={self.beta!r})"

    def init(self, params: Mapping[str, np.ndarray]) -> MomentumState:
        """Return the initial state: step 0 and v = 0 for each parameter."""
        return MomentumState(step=0, v=_zeros_like(params))

    def update(
        self,
        params: Mapping[str, np.ndarray],
        grads: Mapping[str, np.ndarray],
        state: MomentumState,
    ) -> tuple[Params, MomentumState]:
        """Return ``(new_params, new_state)``; ``state.v`` is updated in place."""
        p, g = _check(params, grads, state, MomentumState, ("v",))
        new_params, (v,) = _new_params(_momentum_kernel, p, g, [state.v], self.lr, self.beta)
        return new_params, MomentumState(step=state.step + 1, v=v)
# --8<-- [end:momentum]


# --8<-- [start:nesterov]
class NesterovState(NamedTuple):
    """State of :class:`Nesterov`: step count t and the momentum buffer b per parameter."""

    step: int
    b: Params


def _nesterov_kernel(
    theta: np.ndarray, g: np.ndarray, b: np.ndarray, out: np.ndarray, lr: float, beta: float
) -> None:
    np.multiply(b, beta, out=b)  # b ← β·b + g
    b += g
    np.multiply(b, beta, out=out)  # θ ← θ − α·(g + β·b)
    out += g
    out *= -lr
    out += theta


class Nesterov:
    r"""Nesterov accelerated gradient (Nesterov 加速梯度法), in PyTorch's form.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\alpha` (``lr``), ``> 0``.
    beta : float, default 0.9
        Momentum :math:`\beta` (``beta``) in ``[0, 1)``.

    Raises
    ------
    ValueError
        If ``lr <= 0`` or ``beta`` is outside ``[0, 1)``; in ``update``, if ``grads`` (or the
        state) does not have the keys and shapes of ``params`` (the message names the key).
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \beta \text{ (beta)}, \theta_0 \text{ (params)}
        \\
        &\textbf{initialize}: b_0 \leftarrow 0 \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \\
        &\quad b_t \leftarrow \beta b_{t-1} + g_t \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\,(g_t + \beta b_t)
        \end{aligned}

    Notes 001 (图 6.7) evaluate the gradient at the look-ahead point
    :math:`\theta' = \theta - \alpha\beta v`. Writing the iteration in the shifted variable
    :math:`\phi = \theta - \alpha\beta v` (the look-ahead point itself) turns it into the
    form above, which needs only the gradient at the current parameters (Sutskever et al.,
    2013). It equals ``torch.optim.SGD(params, lr, momentum=beta, nesterov=True)``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import Nesterov
    >>> opt = Nesterov(lr=0.1, beta=0.9)
    >>> params = {"w": np.array([1.0])}
    >>> state = opt.init(params)
    >>> params, state = opt.update(params, {"w": np.array([1.0])}, state)
    >>> print(np.round(params["w"], 4))
    [0.81]
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.lr = _lr(lr)
        self.beta = _beta(beta, "beta")

    def __repr__(self) -> str:
        return f"Nesterov(lr={self.lr!r}, beta={self.beta!r})"

    def init(self, params: Mapping[str, np.ndarray]) -> NesterovState:
        """Return the initial state: step 0 and b = 0 for each parameter."""
        return NesterovState(step=0, b=_zeros_like(params))

    def update(
        self,
        params: Mapping[str, np.ndarray],
        grads: Mapping[str, np.ndarray],
        state: NesterovState,
    ) -> tuple[Params, NesterovState]:
        """Return ``(new_params, new_state)``; ``state.b`` is updated in place."""
        p, g = _check(params, grads, state, NesterovState, ("b",))
        new_params, (b,) = _new_params(_nesterov_kernel, p, g, [state.b], self.lr, self.beta)
        return new_params, NesterovState(step=state.step + 1, b=b)
# --8<-- [end:nesterov]


# --8<-- [start:adagrad]
class AdaGradState(NamedTuple):
    """State of :class:`AdaGrad`: step count t and the sum of squared gradients G."""

    step: int
    G: Params


def _adagrad_kernel(
    theta: np.ndarray, g: np.ndarray, G: np.ndarray, out: np.ndarray, lr: float, eps: float
) -> None:
    np.multiply(g, g, out=out)  # G ← G + g²
    G += out
    np.add(G, eps, out=out)  # θ ← θ − α·g / √(G + ε)
    np.sqrt(out, out=out)
    _safe_denominator(out, eps)
    np.divide(g, out, out=out)
    out *= -lr
    out += theta


class AdaGrad:
    r"""AdaGrad (自适应梯度算法): a learning rate per parameter from the squared-gradient sum.

    Parameters
    ----------
    lr : float
        Global learning rate :math:`\alpha` (``lr``), ``> 0``.
    eps : float, default 1e-8
        :math:`\varepsilon` (``eps``) ``>= 0``, added inside the square root as in notes 001.

    Raises
    ------
    ValueError
        If ``lr <= 0`` or ``eps < 0``; in ``update``, if ``grads`` (or the state) does not
        have the keys and shapes of ``params`` (the message names the key).
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \varepsilon \text{ (eps)},
        \theta_0 \text{ (params)} \\
        &\textbf{initialize}: G_0 \leftarrow 0 \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \\
        &\quad G_t \leftarrow G_{t-1} + g_t^2 \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\, g_t / \sqrt{G_t + \varepsilon}
        \end{aligned}

    (squares, roots and quotients elementwise; notes 001 (6-29), which index the sum up to
    the gradient being applied). ``torch.optim.Adagrad`` places :math:`\varepsilon` outside
    the root, :math:`g/(\sqrt{G} + \varepsilon)`; with ``eps=0`` the two agree.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import AdaGrad
    >>> opt = AdaGrad(lr=0.1, eps=0.0)
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> state = opt.init(params)
    >>> params, state = opt.update(params, {"w": np.array([3.0, -0.01])}, state)
    >>> print(np.round(params["w"], 4))  # the first step is α·sign(g) for every entry
    [0.9 1.1]
    """

    def __init__(self, lr: float, eps: float = 1e-8) -> None:
        self.lr = _lr(lr)
        self.eps = _eps(eps)

    def __repr__(self) -> str:
        return f"AdaGrad(lr={self.lr!r}, eps={self.eps!r})"

    def init(self, params: Mapping[str, np.ndarray]) -> AdaGradState:
        """Return the initial state: step 0 and G = 0 for each parameter."""
        return AdaGradState(step=0, G=_zeros_like(params))

    def update(
        self,
        params: Mapping[str, np.ndarray],
        grads: Mapping[str, np.ndarray],
        state: AdaGradState,
    ) -> tuple[Params, AdaGradState]:
        """Return ``(new_params, new_state)``; ``state.G`` is updated in place."""
        p, g = _check(params, grads, state, AdaGradState, ("G",))
        new_params, (G,) = _new_params(_adagrad_kernel, p, g, [state.G], self.lr, self.eps)
        return new_params, AdaGradState(step=state.step + 1, G=G)
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
class RMSpropState(NamedTuple):
    """State of :class:`RMSprop`: step count t and the average of squared gradients S."""

    step: int
    S: Params


def _rmsprop_kernel(
    theta: np.ndarray,
    g: np.ndarray,
    S: np.ndarray,
    out: np.ndarray,
    lr: float,
    beta: float,
    eps: float,
) -> None:
    np.multiply(S, beta, out=S)  # S ← β·S + (1 − β)·g²
    np.multiply(g, g, out=out)
    out *= 1.0 - beta
    S += out
    np.add(S, eps, out=out)  # θ ← θ − α·g / √(S + ε)
    np.sqrt(out, out=out)
    _safe_denominator(out, eps)
    np.divide(g, out, out=out)
    out *= -lr
    out += theta


class RMSprop:
    r"""RMSprop (均方根传播): divide by the root of an EWA of squared gradients.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\alpha` (``lr``), ``> 0``.
    beta : float, default 0.9
        Decay :math:`\beta` (``beta``; :math:`\rho` in notes 001, ``alpha`` in PyTorch) in
        ``[0, 1)``.
    eps : float, default 1e-8
        :math:`\varepsilon` (``eps``) ``>= 0``, inside the square root as in notes 000 §2.7.

    Raises
    ------
    ValueError
        If ``lr <= 0``, ``beta`` is outside ``[0, 1)`` or ``eps < 0``; in ``update``, if
        ``grads`` (or the state) does not have the keys and shapes of ``params``.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \beta \text{ (beta)},
        \varepsilon \text{ (eps)}, \theta_0 \text{ (params)} \\
        &\textbf{initialize}: S_0 \leftarrow 0 \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \\
        &\quad S_t \leftarrow \beta S_{t-1} + (1 - \beta)\, g_t^2 \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\, g_t / \sqrt{S_t + \varepsilon}
        \end{aligned}

    ``torch.optim.RMSprop`` places :math:`\varepsilon` outside the root,
    :math:`g/(\sqrt{S} + \varepsilon)`, and defaults to :math:`\beta` = ``alpha`` = 0.99;
    with ``eps=0`` the two agree.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import RMSprop
    >>> opt = RMSprop(lr=0.01, beta=0.9, eps=0.0)
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> state = opt.init(params)
    >>> params, state = opt.update(params, {"w": np.array([100.0, 0.01])}, state)
    >>> print(np.round(params["w"], 4))  # first step α/√(1 − β)·sign(g), whatever |g|
    [0.9684 0.9684]
    """

    def __init__(self, lr: float, beta: float = 0.9, eps: float = 1e-8) -> None:
        self.lr = _lr(lr)
        self.beta = _beta(beta, "beta")
        self.eps = _eps(eps)

    def __repr__(self) -> str:
        return f"RMSprop(lr={self.lr!r}, beta={self.beta!r}, eps={self.eps!r})"

    def init(self, params: Mapping[str, np.ndarray]) -> RMSpropState:
        """Return the initial state: step 0 and S = 0 for each parameter."""
        return RMSpropState(step=0, S=_zeros_like(params))

    def update(
        self,
        params: Mapping[str, np.ndarray],
        grads: Mapping[str, np.ndarray],
        state: RMSpropState,
    ) -> tuple[Params, RMSpropState]:
        """Return ``(new_params, new_state)``; ``state.S`` is updated in place."""
        p, g = _check(params, grads, state, RMSpropState, ("S",))
        new_params, (S,) = _new_params(
            _rmsprop_kernel, p, g, [state.S], self.lr, self.beta, self.eps
        )
        return new_params, RMSpropState(step=state.step + 1, S=S)
# --8<-- [end:rmsprop]


# --8<-- [start:adam]
class AdamState(NamedTuple):
    """State of :class:`Adam`: step count t, first moments m and second moments v."""

    step: int
    m: Params
    v: Params


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
    # `out` is the scratch buffer until the last line writes the new parameters into it
    np.multiply(m, beta1, out=m)  # m ← β₁·m + (1 − β₁)·g
    np.multiply(g, 1.0 - beta1, out=out)
    m += out
    np.multiply(v, beta2, out=v)  # v ← β₂·v + (1 − β₂)·g²
    np.multiply(g, g, out=out)
    out *= 1.0 - beta2
    v += out
    np.sqrt(v, out=out)  # θ ← θ − α_t·m / (√v + ε̂)
    out += eps_hat
    _safe_denominator(out, eps_hat)
    np.divide(m, out, out=out)
    out *= -lr_t
    out += theta


class Adam:
    r"""Adam (Adam 优化算法): momentum and RMSprop together, both bias-corrected.

    Parameters
    ----------
    lr : float, default 0.001
        Learning rate :math:`\alpha` (``lr``), ``> 0``.
    beta1 : float, default 0.9
        Decay of the first moment :math:`\beta_1` (``beta1``) in ``[0, 1)``.
    beta2 : float, default 0.999
        Decay of the second moment :math:`\beta_2` (``beta2``) in ``[0, 1)``.
    eps : float, default 1e-8
        :math:`\varepsilon` (``eps``) ``>= 0``, outside the square root.

    Raises
    ------
    ValueError
        If ``lr <= 0``, a ``beta`` is outside ``[0, 1)`` or ``eps < 0``; in ``update``, if
        ``grads`` (or the state) does not have the keys and shapes of ``params``.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    .. math::
        \begin{aligned}
        &\textbf{input}: \alpha \text{ (lr)}, \beta_1 \text{ (beta1)}, \beta_2 \text{ (beta2)},
        \varepsilon \text{ (eps)}, \theta_0 \text{ (params)} \\
        &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},
        v_0 \leftarrow 0 \text{ (second moment)} \\
        &\textbf{for } t = 1, 2, \dots \textbf{ do} \\
        &\quad g_t \leftarrow \nabla_\theta J(\theta_{t-1}) \\
        &\quad m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \\
        &\quad v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\
        &\quad \hat m_t \leftarrow m_t / (1 - \beta_1^t) \\
        &\quad \hat v_t \leftarrow v_t / (1 - \beta_2^t) \\
        &\quad \theta_t \leftarrow \theta_{t-1} - \alpha\, \hat m_t / (\sqrt{\hat v_t}
        + \varepsilon)
        \end{aligned}

    The code folds the two bias corrections into scalars (Kingma & Ba, 2015, end of §2),
    which is the same update without two parameter-sized temporaries:

    .. math::
        \theta_t \leftarrow \theta_{t-1} - \alpha_t\, m_t / (\sqrt{v_t} + \hat\varepsilon),
        \qquad \alpha_t = \alpha \frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t},
        \qquad \hat\varepsilon = \varepsilon \sqrt{1 - \beta_2^t}

    Notes 000 §2.8 call :math:`m, v` :math:`V_{dW}, S_{dW}`. This equals
    ``torch.optim.Adam(params, lr, betas=(beta1, beta2), eps=eps)``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.optimizers import Adam
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
        self.eps = _eps(eps)

    def __repr__(self) -> str:
        return (
            f"Adam(lr={self.lr!r}, beta1={self.beta1!r}, beta2={self.beta2!r}, eps={self.eps!r})"
        )

    def init(self, params: Mapping[str, np.ndarray]) -> AdamState:
        """Return the initial state: step 0, m = 0 and v = 0 for each parameter."""
        return AdamState(step=0, m=_zeros_like(params), v=_zeros_like(params))

    def update(
        self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], state: AdamState
    ) -> tuple[Params, AdamState]:
        """Return ``(new_params, new_state)``; ``state.m`` and ``state.v`` are updated in place."""
        p, g = _check(params, grads, state, AdamState, ("m", "v"))
        t = state.step + 1
        bias1, bias2 = 1.0 - self.beta1**t, 1.0 - self.beta2**t  # m̂ = m/bias1, v̂ = v/bias2
        lr_t = self.lr * bias2**0.5 / bias1
        eps_hat = self.eps * bias2**0.5
        new_params, (m, v) = _new_params(
            _adam_kernel, p, g, [state.m, state.v], self.beta1, self.beta2, lr_t, eps_hat
        )
        return new_params, AdamState(step=t, m=m, v=v)
# --8<-- [end:adam]
