r"""Optimizers: exponentially weighted averages, SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam.

Mirrors notes 000 §2.3-2.8, 001 (6-19 to 6-30), 002 and 004 §2.1. Parameters and gradients are
``dict[str, numpy.ndarray]`` with the same keys (``grads["W1"]`` is :math:`dW^{[1]}`).

Each algorithm has a reference: a plain NumPy function on the arrays of one parameter
(``_adam(theta, g, m, v, t, lr, beta1, beta2, eps) -> (theta, m, v)``) whose lines are the
chapter's formulas; the chapter page shows them. Every optimizer is a small class holding its
checked hyperparameters, with two methods in the style of optax: ``init(params) -> state`` and
``update(params, grads, state) -> (new_params, new_state)``, which checks the keys and shapes
and calls the reference for each parameter; ``update_unchecked`` is the same step without the
checks, for a training loop that checked its arrays once (``dlnotes.network.train``). The
state is an immutable ``NamedTuple`` (step count and moment dicts). ``update`` returns new
arrays and never modifies ``params``, ``grads`` or ``state``. ``update`` checks keys and
shapes, and NaN or ±inf in ``params`` and ``grads`` by one cheap pass per array (the sum of
an array is finite when its entries are; only a non-finite sum pays for a full scan), so that
10^7 parameters cost little. The fast Adam of the performance chapter is ``dlnotes.fast.Adam``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_bool,
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


# The references: what the chapter shows. Plain NumPy on the arrays of one parameter (or on
# a dict of gradients, for clipping); arguments are never modified.

# --8<-- [start:exponentially_weighted_average]
def _exponentially_weighted_average(
    values: np.ndarray, beta: float, bias_correction: bool = False
) -> np.ndarray:
    """v_t = β·v_{t−1} + (1 − β)·θ_t from v_0 = 0, optionally v_t/(1 − β^t) (notes 000 §2.3-2.5).

    >>> print(_exponentially_weighted_average(np.array([10.0, 10.0, 10.0]), 0.9).round(2))
    [1.   1.9  2.71]
    """
    series = values.reshape(len(values), -1)  # (T, k): time on axis 0, k series side by side
    v = np.zeros_like(series)  # v[t − 1] is v_t
    v_t: float | np.ndarray = 0.0  # v_0 = 0; the first step makes it an array of values' dtype
    for t, theta_t in enumerate(series):
        v_t = beta * v_t + (1 - beta) * theta_t
        v[t] = v_t
    if bias_correction:  # 偏差修正: divide v_t by 1 − β^t, t = 1 … T
        steps = np.arange(1, len(values) + 1, dtype=values.dtype)
        v = v / (1 - beta**steps)[:, None]
    return v.reshape(values.shape)
# --8<-- [end:exponentially_weighted_average]


# --8<-- [start:clip_by_value]
def _clip_by_value(grads: dict[str, np.ndarray], limit: float) -> dict[str, np.ndarray]:
    """g ← clip(g, −c, c) for every entry of every gradient (notes 001, 梯度剪切).

    >>> print(_clip_by_value({"W1": np.array([[-3.0, 0.5, 7.0]])}, 1.0)["W1"])
    [[-1.   0.5  1. ]]
    """
    return {k: np.clip(g, -limit, limit) for k, g in grads.items()}
# --8<-- [end:clip_by_value]


# --8<-- [start:clip_by_global_norm]
def _clip_by_global_norm(grads: dict[str, np.ndarray], max_norm: float) -> dict[str, np.ndarray]:
    """g ← g·c/max(‖g‖, c), ‖g‖ the norm of all the gradients together (notes 001, 梯度剪切).

    >>> clipped = _clip_by_global_norm({"W1": np.array([[3.0]]), "b1": np.array([[4.0]])}, 1.0)
    >>> print(clipped["W1"], clipped["b1"])
    [[0.6]] [[0.8]]
    """
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    return {k: g * (max_norm / max(norm, max_norm)) for k, g in grads.items()}
# --8<-- [end:clip_by_global_norm]


# --8<-- [start:sgd]
def _sgd(theta: np.ndarray, g: np.ndarray, lr: float) -> np.ndarray:
    """θ ← θ − α·g (notes 000 §2.1, 梯度下降).

    >>> print(_sgd(np.array([1.0, -2.0]), np.array([0.5, 0.5]), lr=0.1))
    [ 0.95 -2.05]
    """
    return theta - lr * g
# --8<-- [end:sgd]


# --8<-- [start:momentum]
def _momentum(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    """v ← β·v + (1 − β)·g; θ ← θ − α·v (notes 000 §2.6, 动量梯度下降法).

    >>> theta, v = _momentum(np.array([1.0]), np.array([1.0]), np.zeros(1), lr=0.1, beta=0.9)
    >>> print(theta.round(4), v.round(4))
    [0.99] [0.1]
    """
    v = beta * v + (1 - beta) * g
    theta = theta - lr * v
    return theta, v
# --8<-- [end:momentum]


# --8<-- [start:nesterov]
def _nesterov(
    theta: np.ndarray, g: np.ndarray, b: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    """b ← β·b + g; θ ← θ − α·(g + β·b), with g taken at θ (notes 001 图 6.7, Nesterov 加速梯度).

    >>> theta, b = _nesterov(np.array([1.0]), np.array([1.0]), np.zeros(1), lr=0.1, beta=0.9)
    >>> print(theta.round(4), b.round(4))
    [0.81] [1.]
    """
    b = beta * b + g
    theta = theta - lr * (g + beta * b)
    return theta, b
# --8<-- [end:nesterov]


# --8<-- [start:adagrad]
def _adagrad(
    theta: np.ndarray, g: np.ndarray, G: np.ndarray, lr: float, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    """G ← G + g²; θ ← θ − α·g/√(G + ε) (notes 001 (6-29), 自适应梯度算法).

    >>> theta, G = _adagrad(np.ones(2), np.array([3.0, -0.01]), np.zeros(2), lr=0.1, eps=0.0)
    >>> print(theta.round(4))  # the first step is α·sign(g) for every entry
    [0.9 1.1]
    """
    G = G + g**2
    theta = theta - lr * g / np.sqrt(G + eps)
    return theta, G
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
def _rmsprop(
    theta: np.ndarray, g: np.ndarray, S: np.ndarray, lr: float, beta: float, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    """S ← β·S + (1 − β)·g²; θ ← θ − α·g/√(S + ε) (notes 000 §2.7, 均方根传播).

    >>> theta, S = _rmsprop(np.ones(2), np.array([100.0, 0.01]), np.zeros(2), 0.01, 0.9, 0.0)
    >>> print(theta.round(4))  # the first step is α/√(1 − β)·sign(g), whatever |g|
    [0.9684 0.9684]
    """
    S = beta * S + (1 - beta) * g**2
    theta = theta - lr * g / np.sqrt(S + eps)
    return theta, S
# --8<-- [end:rmsprop]


# --8<-- [start:adam]
def _adam(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step t ≥ 1 of Adam: m, v, their bias corrections m̂, v̂, and θ (notes 000 §2.8, Adam).

    >>> theta, m, v = _adam(np.ones(2), np.array([2.0, -1e-3]), np.zeros(2), np.zeros(2), 1,
    ...                     lr=0.1, beta1=0.9, beta2=0.999, eps=1e-8)
    >>> print(theta.round(4))  # the first step is α·sign(g) (up to ε)
    [0.9 1.1]
    """
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta, m, v
# --8<-- [end:adam]


# The public API: check at the boundary, then call the references above.

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
    TypeError
        If ``beta`` is not a real number or ``bias_correction`` is not a bool.

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
    flag = check_bool(bias_correction, "bias_correction")
    return _exponentially_weighted_average(theta, b, flag)


def _grads(grads: Mapping[str, np.ndarray]) -> Params:
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
    return _clip_by_value(_grads(grads), c)


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
    return _clip_by_global_norm(_grads(grads), c)


def _lr(lr: object) -> float:
    return check_scalar(lr, "lr", low=0.0, low_inclusive=False)


def _beta(beta: object, name: str) -> float:
    return check_scalar(beta, name, low=0.0, high=1.0, high_inclusive=False)


def _nonzero(eps: float, theta: np.ndarray) -> float:
    """ε as the reference gets it: ε = 0 is allowed, and becomes the smallest normal float.

    That changes no step whose denominator is already positive (adding 2e-308 to it rounds
    away), and gives a step of 0 rather than 0/0 where every gradient so far was 0.
    """
    return eps if eps > 0 else float(np.finfo(theta.dtype).tiny)


def _eps(eps: object) -> float:
    return check_scalar(eps, "eps", low=0.0)


def _params(params: Mapping[str, np.ndarray]) -> Params:
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    return {k: as_float_array(p, f"params[{k!r}]") for k, p in params.items()}


def _zeros_like(params: Mapping[str, np.ndarray]) -> Params:
    """Zero moments, one array per parameter, of the parameter's dtype."""
    return {k: np.zeros_like(p) for k, p in _params(params).items()}


def _check(
    params: Mapping[str, np.ndarray],
    grads: Mapping[str, np.ndarray],
    state: tuple,
    state_type: type,
    moments: tuple[str, ...] = (),
) -> tuple[Params, Params, list[Params]]:
    """Keys, shapes, dtypes and finite params and grads: params, grads and the state's moments
    as float arrays, the grads and moments in the dtype of their parameter. The NaN/inf check
    is one cheap pass per array (``check_finite``); the state's moments, the optimizer's own,
    are not scanned."""
    if not isinstance(state, state_type):
        raise TypeError(
            f"state must be of type {state_type.__name__}, as made by init() "
            f"(got {type(state).__name__})"
        )
    check_matching_dicts(params, grads, "params", "grads")
    for name in moments:
        check_matching_dicts(params, getattr(state, name), "params", f"state.{name}")
    p = {k: as_float_array(v, f"params[{k!r}]") for k, v in params.items()}
    g = {k: as_float_array(grads[k], f"grads[{k!r}]").astype(p[k].dtype, copy=False) for k in p}

    def like_params(store: Mapping[str, np.ndarray], label: str) -> Params:
        return {
            k: as_float_array(store[k], f"{label}[{k!r}]", finite=False).astype(
                p[k].dtype, copy=False
            )
            for k in p
        }

    return p, g, [like_params(getattr(state, n), f"state.{n}") for n in moments]


class SGDState(NamedTuple):
    """State of :class:`SGD`: only the step count t."""

    step: int


class SGD:
    r"""(Mini-batch / stochastic) gradient descent (梯度下降), θ ← θ − α·g.

    Parameters
    ----------
    lr : float
        Learning rate :math:`\alpha` (``lr``), ``> 0``.

    Raises
    ------
    ValueError
        If ``lr <= 0`` or is not finite; in ``update``, if ``grads`` (or the state) does not
        have the keys and shapes of ``params``, or an entry of ``params`` or ``grads`` is NaN
        or ±inf (the message names the key).
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
        _params(params)  # validates params
        return SGDState(step=0)

    def update(
        self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], state: SGDState
    ) -> tuple[Params, SGDState]:
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, _ = _check(params, grads, state, SGDState)
        return self.update_unchecked(p, g, state)

    def update_unchecked(self, p: Params, g: Params, state: SGDState) -> tuple[Params, SGDState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        return {k: _sgd(p[k], g[k], self.lr) for k in p}, SGDState(step=state.step + 1)


class MomentumState(NamedTuple):
    """State of :class:`Momentum`: step count t and the velocity v per parameter."""

    step: int
    v: Params


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
        state) does not have the keys and shapes of ``params``, or an entry of
        ``params`` or ``grads`` is NaN or ±inf (the message names the key).
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
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, (v,) = _check(params, grads, state, MomentumState, ("v",))
        return self.update_unchecked(p, g, MomentumState(state.step, v))

    def update_unchecked(
        self, p: Params, g: Params, state: MomentumState
    ) -> tuple[Params, MomentumState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        v = state.v
        new_p, new_v = {}, {}
        for k in p:
            new_p[k], new_v[k] = _momentum(p[k], g[k], v[k], self.lr, self.beta)
        return new_p, MomentumState(step=state.step + 1, v=new_v)


class NesterovState(NamedTuple):
    """State of :class:`Nesterov`: step count t and the momentum buffer b per parameter."""

    step: int
    b: Params


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
        state) does not have the keys and shapes of ``params``, or an entry of
        ``params`` or ``grads`` is NaN or ±inf (the message names the key).
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
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, (b,) = _check(params, grads, state, NesterovState, ("b",))
        return self.update_unchecked(p, g, NesterovState(state.step, b))

    def update_unchecked(
        self, p: Params, g: Params, state: NesterovState
    ) -> tuple[Params, NesterovState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        b = state.b
        new_p, new_b = {}, {}
        for k in p:
            new_p[k], new_b[k] = _nesterov(p[k], g[k], b[k], self.lr, self.beta)
        return new_p, NesterovState(step=state.step + 1, b=new_b)


class AdaGradState(NamedTuple):
    """State of :class:`AdaGrad`: step count t and the sum of squared gradients G."""

    step: int
    G: Params


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
        have the keys and shapes of ``params``, or an entry of
        ``params`` or ``grads`` is NaN or ±inf (the message names the key).
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
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, (G,) = _check(params, grads, state, AdaGradState, ("G",))
        return self.update_unchecked(p, g, AdaGradState(state.step, G))

    def update_unchecked(
        self, p: Params, g: Params, state: AdaGradState
    ) -> tuple[Params, AdaGradState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        G = state.G
        new_p, new_G = {}, {}
        for k in p:
            new_p[k], new_G[k] = _adagrad(p[k], g[k], G[k], self.lr, _nonzero(self.eps, p[k]))
        return new_p, AdaGradState(step=state.step + 1, G=new_G)


class RMSpropState(NamedTuple):
    """State of :class:`RMSprop`: step count t and the average of squared gradients S."""

    step: int
    S: Params


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
        ``grads`` (or the state) does not have the keys and shapes of ``params``, or an entry of
        ``params`` or ``grads`` is NaN or ±inf.
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
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, (S,) = _check(params, grads, state, RMSpropState, ("S",))
        return self.update_unchecked(p, g, RMSpropState(state.step, S))

    def update_unchecked(
        self, p: Params, g: Params, state: RMSpropState
    ) -> tuple[Params, RMSpropState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        S = state.S
        new_p, new_S = {}, {}
        for k in p:
            eps = _nonzero(self.eps, p[k])
            new_p[k], new_S[k] = _rmsprop(p[k], g[k], S[k], self.lr, self.beta, eps)
        return new_p, RMSpropState(step=state.step + 1, S=new_S)


class AdamState(NamedTuple):
    """State of :class:`Adam`: step count t, first moments m and second moments v."""

    step: int
    m: Params
    v: Params


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
        ``grads`` (or the state) does not have the keys and shapes of ``params``, or an entry of
        ``params`` or ``grads`` is NaN or ±inf.
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
        """Return ``(new_params, new_state)`` after one step; the inputs are not modified."""
        p, g, (m, v) = _check(params, grads, state, AdamState, ("m", "v"))
        return self.update_unchecked(p, g, AdamState(state.step, m, v))

    def update_unchecked(self, p: Params, g: Params, state: AdamState) -> tuple[Params, AdamState]:
        """The step of ``update`` without its checks, for a loop that checked its arrays once.

        ``dlnotes.network.train`` calls ``update`` for the first step and this method after
        it: the arrays it passes are those the last step returned, with gradients of the same
        keys, shapes and dtype. Anything else must go through ``update``.
        """
        m, v, t = state.m, state.v, state.step + 1
        new_p, new_m, new_v = {}, {}, {}
        for k in p:
            new_p[k], new_m[k], new_v[k] = _adam(
                p[k], g[k], m[k], v[k], t, self.lr, self.beta1, self.beta2, _nonzero(self.eps, p[k])
            )
        return new_p, AdamState(step=t, m=new_m, v=new_v)
