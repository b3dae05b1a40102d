r"""Learning-rate schedules (学习率衰减): decay with the epoch, and reduce on a plateau.

Mirrors notes 000 §2.9 and 001 (学习率的动态调整). ``epoch`` counts passes over the whole
training set, not mini-batches. Every schedule accepts a scalar epoch (and returns a float) or
an array of epochs (and returns an array of the same shape), so a whole schedule can be
computed, plotted or checked at once.

The optimizers keep their state outside the optimizer object, so a schedule is applied by
building the optimizer with the new rate each epoch and passing it the same state::

    state = Adam().init(params)
    for epoch in range(num_epochs):
        opt = Adam(lr=exponential_decay(0.01, epoch))
        for X_t, Y_t in random_mini_batches(X, Y, rng=rng):
            params, state = opt.update(params, grads_of(params, X_t, Y_t), state)
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from dlnotes._validation import check_choice, check_int, check_scalar

__all__ = [
    "PlateauState",
    "ReduceOnPlateau",
    "cosine_annealing",
    "exponential_decay",
    "inverse_time_decay",
    "sqrt_decay",
    "step_decay",
]


# The references: what the chapter shows. Plain NumPy on epochs already checked (a float or
# an array of them); the schedules work elementwise.

# --8<-- [start:inverse_time_decay]
def _inverse_time_decay(lr0: float, epoch: np.ndarray, decay_rate: float) -> np.ndarray:
    """α = α0/(1 + decay_rate·epoch) (notes 000 §2.9 (1), 学习率衰减).

    >>> print(_inverse_time_decay(0.2, np.array([0, 1, 2, 3]), decay_rate=1.0).round(4))
    [0.2    0.1    0.0667 0.05  ]
    """
    return lr0 / (1 + decay_rate * epoch)
# --8<-- [end:inverse_time_decay]


# --8<-- [start:exponential_decay]
def _exponential_decay(lr0: float, epoch: np.ndarray, base: float = 0.95) -> np.ndarray:
    """α = base^epoch·α0, base 0.95 in the notes (notes 000 §2.9 (2), 指数衰减).

    >>> print(f"{_exponential_decay(0.1, np.array(10)):.5f}")
    0.05987
    """
    return base**epoch * lr0
# --8<-- [end:exponential_decay]


# --8<-- [start:sqrt_decay]
def _sqrt_decay(lr0: float, epoch: np.ndarray, k: float) -> np.ndarray:
    """α = k/√epoch·α0, for epochs ≥ 1 (notes 000 §2.9 (3)).

    >>> print(_sqrt_decay(0.1, np.array([1, 4, 16]), k=1.0).round(4))
    [0.1   0.05  0.025]
    """
    return k / np.sqrt(epoch) * lr0
# --8<-- [end:sqrt_decay]


# --8<-- [start:step_decay]
def _step_decay(lr0: float, epoch: np.ndarray, drop: float, every: int) -> np.ndarray:
    """α = α0·drop^⌊epoch/every⌋, a staircase (notes 000 §2.9, 离散衰减).

    >>> print(_step_decay(0.1, np.array([0, 9, 10, 25]), drop=0.5, every=10))
    [0.1   0.1   0.05  0.025]
    """
    return lr0 * drop ** np.floor(epoch / every)
# --8<-- [end:step_decay]


# --8<-- [start:cosine_annealing]
def _cosine_annealing(
    lr0: float, step: np.ndarray, total: int, lr_min: float = 0.0
) -> np.ndarray:
    """α_t = α_min + ½(α0 − α_min)(1 + cos(π·t/T)), held at α_min after T (notes 001, 余弦退火).

    >>> print(_cosine_annealing(0.1, np.array([0, 50, 100, 150]), total=100).round(4))
    [0.1  0.05 0.   0.  ]
    """
    t = np.minimum(step, total)
    return lr_min + 0.5 * (lr0 - lr_min) * (1 + np.cos(np.pi * t / total))
# --8<-- [end:cosine_annealing]


# ReduceOnPlateau's state, as the reference sees it: the tuple (lr, best, num_bad_epochs,
# cooldown_counter); the public class gives it names (PlateauState).

# --8<-- [start:reduce_on_plateau]
def _reduce_on_plateau(
    metric: float,
    state: tuple[float, float, int, int],
    factor: float = 0.1,
    patience: int = 10,
    mode: str = "min",
    threshold: float = 1e-4,
    threshold_mode: str = "rel",
    cooldown: int = 0,
    min_lr: float = 0.0,
    eps: float = 1e-8,
) -> tuple[float, float, int, int]:
    """One epoch: α ← max(factor·α, α_min) after more than `patience` epochs without improvement.

    >>> state = (0.1, 1.0, 1, 0)  # (lr, best metric, bad epochs, cooldown left)
    >>> print(_reduce_on_plateau(1.0, state, factor=0.5, patience=1))  # a second bad epoch
    (0.05, 1.0, 0, 0)
    """
    lr, best, bad, cool = state
    sign = 1.0 if mode == "min" else -1.0  # mode "max" compares −metric
    if threshold_mode == "rel":
        improved = sign * metric < sign * best * (1 - sign * threshold)
    else:
        improved = sign * metric < sign * best - threshold
    best, bad = (metric, 0) if improved else (best, bad + 1)
    if cool > 0:  # just after a reduction: bad epochs are not counted
        cool, bad = cool - 1, 0
    if bad > patience:
        new_lr = max(factor * lr, min_lr)
        lr = new_lr if lr - new_lr > eps else lr  # a reduction smaller than eps is skipped
        cool, bad = cooldown, 0
    return lr, best, bad, cool
# --8<-- [end:reduce_on_plateau]


# The public API: check at the boundary, then call the references above.

def _lr0(lr0: object) -> float:
    return check_scalar(lr0, "lr0", low=0.0, low_inclusive=False)


def _epochs(epoch: object, name: str = "epoch", low: float = 0.0) -> np.ndarray:
    """Epochs as a float array (0-d for a scalar; float32 kept, else float64), finite, >= low."""
    arr = np.asarray(epoch)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of them (got {epoch!r})")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty (got shape {arr.shape})")
    if arr.dtype not in (np.float32, np.float64):  # float32 stays float32, the rest float64
        arr = arr.astype(np.float64)
    if not np.isfinite(arr).all() or (arr < low).any():
        raise ValueError(
            f"{name} must be finite and >= {low:g} (got minimum {float(np.min(arr))!r})"
        )
    return arr


def _result(values: np.ndarray) -> float | np.ndarray:
    """A Python float for a scalar epoch, the array otherwise."""
    return float(values) if values.ndim == 0 else values


def inverse_time_decay(lr0: float, epoch: object, decay_rate: float) -> float | np.ndarray:
    r"""Learning rate :math:`\alpha = \alpha_0 / (1 + \text{decay\_rate}\cdot\text{epoch})`.

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\alpha_0`, ``> 0``.
    epoch : float or array_like
        Epoch number(s), ``>= 0``.
    decay_rate : float
        Decay rate, ``>= 0`` (0 keeps :math:`\alpha_0`).

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``epoch``, else an array shaped like ``epoch`` (float32 for
        float32 ``epoch``, float64 otherwise).

    Raises
    ------
    ValueError
        If ``lr0 <= 0``, ``decay_rate < 0`` or an epoch is negative or not finite.
    TypeError
        If ``epoch`` is not numeric.

    Notes
    -----
    .. math:: \alpha = \frac{1}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}\, \alpha_0

    Notes 000 §2.9, formula (1). The same as ``torch.optim.lr_scheduler.LambdaLR`` with
    ``lambda e: 1 / (1 + decay_rate * e)``.

    Examples
    --------
    >>> from dlnotes.schedules import inverse_time_decay
    >>> print(inverse_time_decay(0.2, [0, 1, 2, 3], decay_rate=1.0).round(4))
    [0.2    0.1    0.0667 0.05  ]
    """
    a0 = _lr0(lr0)
    rate = check_scalar(decay_rate, "decay_rate", low=0.0)
    e = _epochs(epoch)
    return _result(_inverse_time_decay(a0, e, rate))


def exponential_decay(lr0: float, epoch: object, base: float = 0.95) -> float | np.ndarray:
    r"""Learning rate :math:`\alpha = \text{base}^{\text{epoch}}\cdot\alpha_0` (指数衰减).

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\alpha_0`, ``> 0``.
    epoch : float or array_like
        Epoch number(s), ``>= 0``.
    base : float, default 0.95
        The factor per epoch, in ``(0, 1]``.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``epoch``, else an array shaped like ``epoch`` (float32 for
        float32 ``epoch``, float64 otherwise).

    Raises
    ------
    ValueError
        If ``lr0 <= 0``, ``base`` is outside ``(0, 1]`` or an epoch is negative.
    TypeError
        If ``epoch`` is not numeric.

    Notes
    -----
    .. math:: \alpha = 0.95^{\text{epoch\_num}} \cdot \alpha_0

    Notes 000 §2.9, formula (2). PyTorch: ``torch.optim.lr_scheduler.ExponentialLR(opt,
    gamma=base)``.

    Examples
    --------
    >>> from dlnotes.schedules import exponential_decay
    >>> print(f"{exponential_decay(0.1, 10):.5f}")
    0.05987
    """
    a0 = _lr0(lr0)
    b = check_scalar(base, "base", low=0.0, high=1.0, low_inclusive=False)
    e = _epochs(epoch)
    return _result(_exponential_decay(a0, e, b))


def sqrt_decay(lr0: float, epoch: object, k: float) -> float | np.ndarray:
    r"""Learning rate :math:`\alpha = k/\sqrt{\text{epoch}}\cdot\alpha_0`, for epochs ``>= 1``.

    Parameters
    ----------
    lr0 : float
        Base learning rate :math:`\alpha_0`, ``> 0``.
    epoch : float or array_like
        Epoch number(s), ``>= 1``: the formula is infinite at epoch 0, so count epochs from 1
        here (or use ``epoch + 1``).
    k : float
        Constant :math:`k`, ``> 0``; the rate at epoch 1 is :math:`k\alpha_0`.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``epoch``, else an array shaped like ``epoch`` (float32 for
        float32 ``epoch``, float64 otherwise).

    Raises
    ------
    ValueError
        If ``lr0 <= 0``, ``k <= 0`` or an epoch is below 1 (epoch 0 included).
    TypeError
        If ``epoch`` is not numeric.

    Notes
    -----
    .. math:: \alpha = \frac{k}{\sqrt{\text{epoch\_num}}}\, \alpha_0

    Notes 000 §2.9, formula (3) (the notes also give :math:`k/\sqrt{t}\cdot\alpha_0` with
    the mini-batch count :math:`t`).

    Examples
    --------
    >>> from dlnotes.schedules import sqrt_decay
    >>> print(sqrt_decay(0.1, [1, 4, 16], k=1.0).round(4))
    [0.1   0.05  0.025]
    """
    a0 = _lr0(lr0)
    kk = check_scalar(k, "k", low=0.0, low_inclusive=False)
    e = _epochs(epoch, low=1.0)
    return _result(_sqrt_decay(a0, e, kk))


def step_decay(lr0: float, epoch: object, drop: float, every: int) -> float | np.ndarray:
    r"""Staircase decay (离散衰减): multiply by ``drop`` every ``every`` epochs.

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\alpha_0`, ``> 0``.
    epoch : float or array_like
        Epoch number(s), ``>= 0``.
    drop : float
        Factor applied at each step of the staircase, in ``(0, 1]``.
    every : int
        Epochs per stair, ``>= 1``.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``epoch``, else an array shaped like ``epoch`` (float32 for
        float32 ``epoch``, float64 otherwise).

    Raises
    ------
    ValueError
        If ``lr0 <= 0``, ``drop`` is outside ``(0, 1]``, ``every < 1`` or an epoch is
        negative.
    TypeError
        If ``every`` is not an int or ``epoch`` is not numeric.

    Notes
    -----
    .. math:: \alpha = \alpha_0 \cdot \text{drop}^{\lfloor \text{epoch} / \text{every} \rfloor}

    PyTorch: ``torch.optim.lr_scheduler.StepLR(opt, step_size=every, gamma=drop)``.

    Examples
    --------
    >>> from dlnotes.schedules import step_decay
    >>> print(step_decay(0.1, [0, 9, 10, 25], drop=0.5, every=10))
    [0.1   0.1   0.05  0.025]
    """
    a0 = _lr0(lr0)
    d = check_scalar(drop, "drop", low=0.0, high=1.0, low_inclusive=False)
    n = check_int(every, "every", low=1)
    e = _epochs(epoch)
    return _result(_step_decay(a0, e, d, n))


def cosine_annealing(
    lr0: float, step: object, total: int, lr_min: float = 0.0
) -> float | np.ndarray:
    r"""Cosine annealing (余弦退火) from ``lr0`` at step 0 to ``lr_min`` at step ``total``.

    Parameters
    ----------
    lr0 : float
        Initial learning rate :math:`\alpha_0`, ``> 0``.
    step : float or array_like
        Step(s) (epochs or iterations), ``>= 0``; steps beyond ``total`` stay at ``lr_min``.
    total : int
        Length of the annealing, ``>= 1``.
    lr_min : float, default 0.0
        Final learning rate, in ``[0, lr0]``.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``step``, else an array shaped like ``step`` (float32 for
        float32 ``step``, float64 otherwise).

    Raises
    ------
    ValueError
        If ``lr0 <= 0``, ``total < 1``, ``lr_min`` is outside ``[0, lr0]`` or a step is
        negative.
    TypeError
        If ``total`` is not an int or ``step`` is not numeric.

    Notes
    -----
    .. math::
        \alpha = \alpha_\text{min} + \tfrac12(\alpha_0 - \alpha_\text{min})
        \left(1 + \cos\frac{\pi \min(t, T)}{T}\right)

    Equal to ``torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total,
    eta_min=lr_min)`` for :math:`0 \le t \le T`; PyTorch keeps following the cosine (back up)
    after :math:`T`, this function holds :math:`\alpha_\text{min}` (as optax's
    ``cosine_decay_schedule``).

    Examples
    --------
    >>> from dlnotes.schedules import cosine_annealing
    >>> print(cosine_annealing(0.1, [0, 50, 100, 150], total=100).round(4))
    [0.1  0.05 0.   0.  ]
    """
    a0 = _lr0(lr0)
    T = check_int(total, "total", low=1)
    a_min = check_scalar(lr_min, "lr_min", low=0.0, high=a0)
    return _result(_cosine_annealing(a0, _epochs(step, "step"), T, a_min))


class PlateauState(NamedTuple):
    """State of :class:`ReduceOnPlateau` (the tuple the reference ``_reduce_on_plateau`` takes).

    >>> print(PlateauState(lr=0.1, best=float("inf"), num_bad_epochs=0, cooldown_counter=0).lr)
    0.1
    """

    lr: float  # the current learning rate
    best: float  # the best metric so far
    num_bad_epochs: int  # epochs since the last improvement
    cooldown_counter: int  # epochs left in which bad epochs are not counted


class ReduceOnPlateau:
    r"""Performance-based decay (基于性能监测的调整): cut the rate when a metric stalls.

    Parameters
    ----------
    factor : float, default 0.1
        The rate is multiplied by ``factor`` (in ``(0, 1)``) at each reduction.
    patience : int, default 10
        Number of epochs without improvement tolerated; the reduction happens on the next
        one. ``>= 0``.
    mode : {"min", "max"}, default "min"
        Whether the metric should go down (a loss) or up (an accuracy).
    threshold : float, default 1e-4
        Smallest change that counts as an improvement, ``>= 0``.
    threshold_mode : {"rel", "abs"}, default "rel"
        ``"rel"``: better than ``best * (1 - threshold)`` (mode min) or
        ``best * (1 + threshold)`` (mode max); ``"abs"``: better than ``best ∓ threshold``.
    cooldown : int, default 0
        Epochs after a reduction in which bad epochs are not counted, ``>= 0``.
    min_lr : float, default 0.0
        The rate never goes below this, ``>= 0``.
    eps : float, default 1e-8
        A reduction smaller than ``eps`` is skipped (the rate is already tiny), ``>= 0``.

    Raises
    ------
    ValueError
        If an argument is outside its range; in ``update``, if ``metric`` is not finite.
    TypeError
        If an argument has the wrong type, or ``update`` gets another kind of state.

    Notes
    -----
    On each ``update(metric, state)`` (once per epoch, with the dev-set metric):

    .. math::
        \begin{aligned}
        &\textbf{if } \text{metric better than best: } \text{best} \leftarrow \text{metric},\;
        n_\text{bad} \leftarrow 0 \quad \textbf{else } n_\text{bad} \leftarrow n_\text{bad} + 1
        \\
        &\textbf{if } \text{cooldown}_\text{left} > 0: \text{cooldown}_\text{left}
        \leftarrow \text{cooldown}_\text{left} - 1,\; n_\text{bad} \leftarrow 0 \\
        &\textbf{if } n_\text{bad} > \text{patience}: \alpha \leftarrow
        \max(\text{factor}\cdot\alpha, \alpha_\text{min})
        \text{ (if that lowers } \alpha \text{ by more than eps)},\;
        \text{cooldown}_\text{left} \leftarrow \text{cooldown},\; n_\text{bad} \leftarrow 0
        \end{aligned}

    The same rule and defaults as ``torch.optim.lr_scheduler.ReduceLROnPlateau``, written as
    a pure ``init``/``update`` pair with a NamedTuple state, like the optimizers.

    Examples
    --------
    >>> from dlnotes.schedules import ReduceOnPlateau
    >>> plateau = ReduceOnPlateau(factor=0.5, patience=1)
    >>> state = plateau.init(0.1)
    >>> for loss in [1.0, 0.8, 0.8, 0.8, 0.8, 0.8]:
    ...     state = plateau.update(loss, state)
    ...     print(state.lr, end=" ")
    0.1 0.1 0.1 0.05 0.05 0.025
    """

    def __init__(
        self,
        factor: float = 0.1,
        patience: int = 10,
        *,
        mode: str = "min",
        threshold: float = 1e-4,
        threshold_mode: str = "rel",
        cooldown: int = 0,
        min_lr: float = 0.0,
        eps: float = 1e-8,
    ) -> None:
        self.factor = check_scalar(
            factor, "factor", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False
        )
        self.patience = check_int(patience, "patience", low=0)
        self.mode = check_choice(mode, "mode", ("min", "max"))
        self.threshold = check_scalar(threshold, "threshold", low=0.0)
        self.threshold_mode = check_choice(threshold_mode, "threshold_mode", ("rel", "abs"))
        self.cooldown = check_int(cooldown, "cooldown", low=0)
        self.min_lr = check_scalar(min_lr, "min_lr", low=0.0)
        self.eps = check_scalar(eps, "eps", low=0.0)

    def init(self, lr0: float) -> PlateauState:
        """Return the initial state: rate ``lr0``, no best metric yet (±inf)."""
        best = math.inf if self.mode == "min" else -math.inf
        return PlateauState(lr=_lr0(lr0), best=best, num_bad_epochs=0, cooldown_counter=0)

    def update(self, metric: float, state: PlateauState) -> PlateauState:
        """Return the state after one epoch whose monitored metric was ``metric``."""
        if not isinstance(state, PlateauState):
            raise TypeError(f"state must be a PlateauState (got {type(state).__name__})")
        value = check_scalar(metric, "metric")
        if not math.isfinite(value):
            raise ValueError(f"metric must be finite (got {value!r})")
        lr, best, bad, cool = _reduce_on_plateau(
            value,
            state,
            self.factor,
            self.patience,
            self.mode,
            self.threshold,
            self.threshold_mode,
            self.cooldown,
            self.min_lr,
            self.eps,
        )
        return PlateauState(lr=lr, best=best, num_bad_epochs=bad, cooldown_counter=cool)
