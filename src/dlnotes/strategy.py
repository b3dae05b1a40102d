"""ML strategy: split ratios, bias/variance diagnosis, metrics, error analysis, transfer and
multi-task learning.

Mirrors notes 000 §1.1-§1.3 and 002 (学习策略, 迁移学习, 多任务学习). Error rates are fractions
in [0, 1] (0.15 for 15 %). Outputs and labels follow the package's shapes: Y is (n_y, m) with the
examples as columns.
"""

from __future__ import annotations

# --8<-- [start:imports]
from collections.abc import Mapping

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import (
    as_float_array,
    check_bool,
    check_int,
    check_ndim,
    check_rng,
    check_same_shape,
    check_scalar,
    check_str_keys,
)
from dlnotes.losses import (
    _binary_cross_entropy_with_logits,
    _binary_cross_entropy_with_logits_grad,
)

__all__ = [
    "choose_model",
    "diagnose",
    "error_analysis",
    "multitask_cross_entropy",
    "multitask_cross_entropy_grad",
    "recommended_fractions",
    "replace_output_layer",
]

# The references: what the chapter shows. Plain NumPy on checked arguments; error rates are
# fractions in [0, 1].

# --8<-- [start:recommended_fractions]
def _recommended_fractions(m: int, *, dev_set: bool = True) -> tuple[float, float, float]:
    """(train, dev, test): 60/20/20 (70/30, no dev) for small m, 98/1/1, 99.5/0.4/0.1 (000 §1.1).

    >>> print(_recommended_fractions(10_000), _recommended_fractions(5_000_000))
    (0.6, 0.2, 0.2) (0.995, 0.004, 0.001)
    """
    if m > 1_000_000:
        return (0.995, 0.004, 0.001)
    if m >= 100_000:  # the notes give no boundary for "small"; this reading uses 100,000
        return (0.98, 0.01, 0.01)
    return (0.6, 0.2, 0.2) if dev_set else (0.7, 0.0, 0.3)
# --8<-- [end:recommended_fractions]


# --8<-- [start:diagnose]
HIGH_GAP = 0.02  # a gap counts as "high" from this many error-rate points on (2 percentage points)

ADVICE = {
    "avoidable_bias": "reduce avoidable bias: a bigger network (more layers or units), "
    "train longer or with a better optimizer, try another architecture",
    "variance": "reduce variance: more (and more varied) training data, regularization "
    "(L2, dropout, data augmentation, early stopping), try another architecture",
    "data_mismatch": "reduce data mismatch: error-analyse how training and dev data differ, "
    "collect or synthesize training data like the dev/test data, move some dev/test-like "
    "data into the training set",
}


def _diagnose(
    human_error: float, train_error: float, dev_error: float, *,
    train_dev_error: float | None = None, tol: float = HIGH_GAP,
) -> dict[str, object]:
    """Avoidable bias = train − human, variance = train-dev − train, mismatch = dev − train-dev.

    >>> d = _diagnose(0.0, 0.01, 0.11)  # notes 000 §1.2: train 1 %, dev 11 %
    >>> print(f"{d['avoidable_bias']:.2f} {d['variance']:.2f}", d["problems"])
    0.01 0.10 ['variance']
    """
    seen = dev_error if train_dev_error is None else train_dev_error  # no train-dev set: dev
    gaps = {"avoidable_bias": train_error - human_error,
            "variance": seen - train_error,
            "data_mismatch": None if train_dev_error is None else dev_error - train_dev_error}
    # 0.10 − 0.08 is 0.01999…96 in floats: compare with a little slack
    problems = [k for k, g in gaps.items() if g is not None and g > 0 and g >= tol - 1e-12]
    advice = ADVICE[problems[0]] if problems else (  # bias first, then variance, then mismatch
        "bias and variance are both low: check the metric and dev/test set still reflect the goal")
    return {**gaps, "problems": problems, "advice": advice}
# --8<-- [end:diagnose]


# --8<-- [start:choose_model]
def _choose_model(
    optimizing: np.ndarray, constraints: Mapping[str, tuple[np.ndarray, float]], *,
    maximize: bool = True,
) -> int:
    """argmax of the optimizing metric over the models whose satisficing metrics are ≤ limits.

    >>> print(_choose_model(np.array([0.90, 0.92, 0.95]),
    ...                     {"latency_ms": (np.array([80.0, 95.0, 1500.0]), 100.0)}))
    1
    """
    ok = np.ones(optimizing.shape, dtype=bool)
    for values, limit in constraints.values():
        ok = ok & (values <= limit)
    score = np.where(ok, optimizing if maximize else -optimizing, -np.inf)
    return int(np.argmax(score))  # the first one on a tie
# --8<-- [end:choose_model]


# --8<-- [start:error_analysis]
def _error_analysis(
    dev_error: float, counts: Mapping[str, int], n_examined: int
) -> dict[str, float]:
    """Ceiling per category c: E_dev · (1 − n_c / n_examined), the error left if c were fixed.

    >>> print(_error_analysis(0.10, {"dog": 5, "great cat": 50}, 100))
    {'dog': 0.095, 'great cat': 0.05}
    """
    return {name: dev_error * (1 - n_c / n_examined) for name, n_c in counts.items()}
# --8<-- [end:error_analysis]


# --8<-- [start:multitask_cross_entropy]
def _multitask_cross_entropy(logits: np.ndarray, Y: np.ndarray) -> float:
    """J = (1/m) Σ over the present labels (NaN = missing) of the binary cross-entropy of σ(z).

    >>> Y = np.array([[1.0, 0.0], [np.nan, 1.0], [0.0, np.nan]])
    >>> print(f"{_multitask_cross_entropy(np.zeros((3, 2)), Y):.4f}")  # 4 labels · ln 2 / 2
    1.3863
    """
    present = ~np.isnan(Y)
    y = np.where(present, Y, 0.0)
    per_label = _binary_cross_entropy_with_logits(logits, y)  # log(1 + e^z) − y·z, stable
    return float(np.sum(np.where(present, per_label, 0.0)) / logits.shape[1])
# --8<-- [end:multitask_cross_entropy]


# --8<-- [start:multitask_cross_entropy_grad]
def _multitask_cross_entropy_grad(logits: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dZ[L] = (σ(z) − y)/m where the label is present, 0 where it is missing (NaN).

    >>> print(_multitask_cross_entropy_grad(np.zeros((1, 2)), np.array([[1.0, np.nan]])))
    [[-0.25  0.  ]]
    """
    present = ~np.isnan(Y)
    y = np.where(present, Y, 0.0)
    dZ = _binary_cross_entropy_with_logits_grad(logits, y)  # σ(z) − y
    return np.where(present, dZ, 0.0) / logits.shape[1]
# --8<-- [end:multitask_cross_entropy_grad]


# --8<-- [start:replace_output_layer]
def _replace_output_layer(
    params: Mapping[str, np.ndarray], n_out: int, *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Copies of W[1..L−1], b[1..L−1]; a new W[L] ~ N(0, 1/n[L−1]) of n_out rows, b[L] = 0.

    >>> params = {"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)),
    ...           "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
    >>> new = _replace_output_layer(params, 3, rng=np.random.default_rng(0))
    >>> print(new["W2"].shape, new["b2"].shape, np.array_equal(new["W1"], params["W1"]))
    (3, 4) (3, 1) True
    """
    L = len(params) // 2
    n_prev = params[f"W{L}"].shape[1]
    new = {key: value.copy() for key, value in params.items()}  # pre-trained layers kept
    new[f"W{L}"] = rng.standard_normal((n_out, n_prev)) * np.sqrt(1.0 / n_prev)
    new[f"b{L}"] = np.zeros((n_out, 1))
    return new
# --8<-- [end:replace_output_layer]


# The public functions: validate at the boundary, then call the reference.

def recommended_fractions(m: int, *, dev_set: bool = True) -> tuple[float, float, float]:
    r"""The notes' (train, dev, test) ratios for a data set of ``m`` examples.

    Parameters
    ----------
    m : int
        Number of examples (≥ 1).
    dev_set : bool, default True
        False for a small data set split into training and test only (70/30).

    Returns
    -------
    tuple of 3 floats
        ``(train, dev, test)`` fractions summing to 1, for
        :func:`dlnotes.data.train_dev_test_split`.

    Raises
    ------
    ValueError
        If m < 1.
    TypeError
        If m is not an int or dev_set is not a bool.

    Notes
    -----
    Notes 000 §1.1: small data 60/20/20 (70/30 without a dev set); about a million examples
    98/1/1; beyond a million 99.5/0.4/0.1. The notes give no boundary for "small"; this
    reading uses m < 100,000 as small, 100,000 ≤ m ≤ 1,000,000 for 98/1/1, and 99.5/0.4/0.1
    above (the dev and test sets stay ≥ 1,000 examples in each regime change).

    Examples
    --------
    >>> from dlnotes.strategy import recommended_fractions
    >>> print(recommended_fractions(10_000), recommended_fractions(10_000, dev_set=False))
    (0.6, 0.2, 0.2) (0.7, 0.0, 0.3)
    >>> print(recommended_fractions(1_000_000), recommended_fractions(5_000_000))
    (0.98, 0.01, 0.01) (0.995, 0.004, 0.001)
    """
    n = check_int(m, "m", low=1)
    return _recommended_fractions(n, dev_set=check_bool(dev_set, "dev_set"))


def diagnose(
    human_error: float,
    train_error: float,
    dev_error: float,
    *,
    train_dev_error: float | None = None,
    tol: float = HIGH_GAP,
) -> dict[str, object]:
    r"""Bias/variance/data-mismatch diagnosis from error rates (偏差, 方差, 数据不匹配).

    Parameters
    ----------
    human_error : float
        Human-level error, the proxy for the Bayes error, in [0, 1].
    train_error : float
        Error on the training set, in [0, 1].
    dev_error : float
        Error on the dev set, in [0, 1].
    train_dev_error : float, optional
        Error on a training-dev set (training distribution, not trained on), in [0, 1].
        Without it, variance and data mismatch cannot be told apart.
    tol : float, default 0.02
        A positive gap of at least ``tol`` counts as high (≥ 0; rounding noise of 1e-12 is
        ignored, so 0.10 − 0.08 counts as 0.02).

    Returns
    -------
    dict
        ``"avoidable_bias"`` (float): train − human. ``"variance"`` (float): train-dev − train,
        or dev − train without a training-dev set. ``"data_mismatch"`` (float or None):
        dev − train-dev. ``"problems"`` (list of str): the keys of the high gaps, in
        the order to address them (bias first, notes 000 §1.3). ``"advice"`` (str): what to
        do next for the first problem, or that both bias and variance are low.

    Raises
    ------
    ValueError
        If an error rate is not in [0, 1] or tol < 0.
    TypeError
        If an argument is not a real number.

    Notes
    -----
    Notes 000 §1.2-§1.3 and 002:

    .. math::
        \text{avoidable bias} = E_\text{train} - E_\text{human}, \quad
        \text{variance} = E_\text{train-dev} - E_\text{train}, \quad
        \text{data mismatch} = E_\text{dev} - E_\text{train-dev}

    Fix high bias first (bigger network, longer training), then high variance (more data,
    regularization), then data mismatch.

    Examples
    --------
    >>> from dlnotes.strategy import diagnose
    >>> d = diagnose(0.0, 0.01, 0.11)  # notes 000 §1.2: train 1 %, dev 11 %
    >>> print(f"{d['avoidable_bias']:.2f} {d['variance']:.2f}", d["problems"])
    0.01 0.10 ['variance']
    >>> d = diagnose(0.01, 0.02, 0.10, train_dev_error=0.03)
    >>> print(f"{d['data_mismatch']:.2f}", d["advice"].split(":")[0])
    0.07 reduce data mismatch
    """
    names = ("human_error", "train_error", "dev_error")
    human, train, dev = (check_scalar(v, k, low=0.0, high=1.0)
                         for v, k in zip((human_error, train_error, dev_error), names, strict=True))
    tdev = None if train_dev_error is None else check_scalar(
        train_dev_error, "train_dev_error", low=0.0, high=1.0)
    limit = check_scalar(tol, "tol", low=0.0)
    return _diagnose(human, train, dev, train_dev_error=tdev, tol=limit)


def choose_model(
    optimizing: np.ndarray,
    constraints: Mapping[str, tuple[np.ndarray, float]],
    *,
    maximize: bool = True,
) -> int:
    r"""Index of the best model by one optimizing metric among those meeting every satisficing
    constraint (优化指标, 满足指标).

    Parameters
    ----------
    optimizing : array_like
        The optimizing metric of each of k models, shape (k,), e.g. dev accuracy.
    constraints : dict of str to (array_like, float)
        Satisficing metrics: name → (values of shape (k,), upper limit). A model is
        acceptable when every value is ≤ its limit (e.g. latency ≤ 100 ms); a limit of
        ``inf`` is no constraint (±inf are accepted, NaN is not). May be empty.
    maximize : bool, default True
        True when a larger optimizing metric is better (accuracy), False for an error rate.

    Returns
    -------
    int
        The index of the chosen model (the first one on a tie).

    Raises
    ------
    ValueError
        If no model meets the constraints, a metric is not 1-D, shapes differ, or a value is
        not finite.
    TypeError
        If constraints is not a dict of (values, limit) pairs or maximize is not a bool.

    Notes
    -----
    Notes 002 (evaluation metric):

    .. math:: \hat k = \arg\max_{k} \text{optimizing}_k \quad \text{s.t.} \quad
              \text{satisficing}_{j,k} \le \text{limit}_j \ \text{for every } j

    Examples
    --------
    >>> from dlnotes.strategy import choose_model
    >>> accuracy = [0.90, 0.92, 0.95]
    >>> latency_ms = [80.0, 95.0, 1500.0]
    >>> print(choose_model(accuracy, {"latency_ms": (latency_ms, 100.0)}))
    1
    """
    opt = as_float_array(optimizing, "optimizing")
    check_ndim(opt, "optimizing", 1)
    if not isinstance(constraints, Mapping):
        raise TypeError(f"constraints must be a dict (got {type(constraints).__name__})")
    checked: dict[str, tuple[np.ndarray, float]] = {}
    for name, pair in constraints.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise TypeError(f"constraints[{name!r}] must be a (values, limit) pair")
        values = as_float_array(pair[0], f"constraints[{name!r}] values")
        check_same_shape(opt, values, "optimizing", f"constraints[{name!r}] values")
        # an infinite limit is no constraint at all, so ±inf is accepted (NaN is not)
        limit = check_scalar(pair[1], f"constraints[{name!r}] limit", finite=False)
        checked[name] = (values, limit)
    k = _choose_model(opt, checked, maximize=check_bool(maximize, "maximize"))
    if not all(values[k] <= limit for values, limit in checked.values()):  # none meets them
        raise ValueError(f"no model meets the satisficing constraints {sorted(constraints)}")
    return k


def error_analysis(
    dev_error: float, counts: Mapping[str, int], n_examined: int
) -> dict[str, float]:
    r"""The ceiling of error analysis: the dev error left if one category of mistakes were
    fixed completely (误差分析).

    Parameters
    ----------
    dev_error : float
        The current dev error rate, in [0, 1].
    counts : dict of str to int
        For each category (e.g. "dog", "blurry"), how many of the examined misclassified dev
        examples fall into it. Categories may overlap; each count ≤ n_examined.
    n_examined : int
        How many misclassified dev examples were looked at (≥ 1).

    Returns
    -------
    dict of str to float
        Category → the best dev error reachable by fixing that category alone.

    Raises
    ------
    ValueError
        If dev_error is not in [0, 1], n_examined < 1 or a count is outside [0, n_examined].
    TypeError
        If counts is not a dict or a count is not an int.

    Notes
    -----
    Notes 002: the share of a category among the mistakes bounds what fixing it can gain,
    and points to where to work next:

    .. math:: E_\text{ceiling}(c) = E_\text{dev}\Bigl(1 - \frac{n_c}{n_\text{examined}}\Bigr)

    Examples
    --------
    >>> from dlnotes.strategy import error_analysis
    >>> ceiling = error_analysis(0.10, {"dog": 5, "great cat": 50, "blurry": 43}, 100)
    >>> print({k: round(v, 4) for k, v in ceiling.items()})
    {'dog': 0.095, 'great cat': 0.05, 'blurry': 0.057}
    """
    err = check_scalar(dev_error, "dev_error", low=0.0, high=1.0)
    n = check_int(n_examined, "n_examined", low=1)
    if not isinstance(counts, Mapping):
        raise TypeError(f"counts must be a dict of category -> count (got {type(counts).__name__})")
    checked = {name: check_int(c, f"counts[{name!r}]", low=0, high=n) for name, c in counts.items()}
    return _error_analysis(err, checked, n)


def _multitask_inputs(logits: object, Y: object) -> tuple[np.ndarray, np.ndarray]:
    """Logits (k, m) and labels of 0, 1 or NaN (missing), checked."""
    Z = as_float_array(logits, "logits")
    check_ndim(Z, "logits", 2)
    y = as_float_array(Y, "Y", finite=False)
    check_same_shape(Z, y, "logits", "Y")
    present = ~np.isnan(y)
    bad = y[present & (y != 0) & (y != 1)]
    if bad.size:
        raise ValueError(f"Y must hold 0, 1 or NaN for a missing label (got {float(bad[0])!r})")
    return Z, y


def multitask_cross_entropy(logits: np.ndarray, Y: np.ndarray) -> float:
    r"""Multi-task loss: binary cross-entropy summed over k sigmoid outputs, skipping missing
    labels, averaged over the m examples (多任务学习).

    Parameters
    ----------
    logits : array_like
        Output-layer pre-activations Z[L], (k, m): one row per task, one column per example.
    Y : array_like
        Labels (k, m) of 0 and 1; NaN marks a missing label ("?" in the notes), which adds
        nothing to the loss or the gradient.

    Returns
    -------
    float
        The cost J.

    Raises
    ------
    ValueError
        If the shapes differ, logits are not 2-D or not finite, or a label is not 0, 1 or NaN.
    TypeError
        If an input is not real-valued.

    Notes
    -----
    Unlike softmax regression, one example may have several positive labels (a picture with a
    car and a stop sign). With :math:`\hat y = \sigma(z)` and :math:`P` the present labels:

    .. math::
        J = \frac{1}{m}\sum_{i=1}^{m}\sum_{j:\,(j,i)\in P}
            -\bigl[y_j^{(i)}\log \hat y_j^{(i)} + (1-y_j^{(i)})\log(1-\hat y_j^{(i)})\bigr]

    computed from the logits as :math:`\log(1 + e^{z}) - y z` (``np.logaddexp``), which stays
    finite for any finite z.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.strategy import multitask_cross_entropy
    >>> Z = np.zeros((3, 2))
    >>> Y = np.array([[1.0, 0.0], [np.nan, 1.0], [0.0, np.nan]])
    >>> print(f"{multitask_cross_entropy(Z, Y):.4f}")  # 4 present labels · ln 2 / 2 examples
    1.3863
    """
    return _multitask_cross_entropy(*_multitask_inputs(logits, Y))


def multitask_cross_entropy_grad(logits: np.ndarray, Y: np.ndarray) -> np.ndarray:
    r"""Gradient of :func:`multitask_cross_entropy` with respect to the logits.

    Parameters
    ----------
    logits : array_like
        (k, m) pre-activations.
    Y : array_like
        (k, m) labels of 0, 1 or NaN (missing).

    Returns
    -------
    numpy.ndarray
        dZ[L], (k, m): :math:`(\sigma(z) - y)/m` where the label is present, 0 where missing.

    Raises
    ------
    ValueError
        As :func:`multitask_cross_entropy`.
    TypeError
        As :func:`multitask_cross_entropy`.

    Notes
    -----
    .. math:: \frac{\partial J}{\partial z_j^{(i)}}
              = \frac{1}{m}\bigl(\sigma(z_j^{(i)}) - y_j^{(i)}\bigr)\,
                \mathbf{1}[(j, i) \in P]

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.strategy import multitask_cross_entropy_grad
    >>> Y = np.array([[1.0, np.nan]])
    >>> print(multitask_cross_entropy_grad(np.zeros((1, 2)), Y))
    [[-0.25  0.  ]]
    """
    return _multitask_cross_entropy_grad(*_multitask_inputs(logits, Y))


def replace_output_layer(
    params: Mapping[str, np.ndarray], n_out: int, *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    r"""Transfer learning (迁移学习): keep every layer of a pre-trained network but the last,
    and give it a new, randomly initialized output layer with ``n_out`` units.

    Parameters
    ----------
    params : dict of str to numpy.ndarray
        Pre-trained parameters ``{"W1", "b1", ..., "WL", "bL"}``.
    n_out : int
        Units of the new output layer (≥ 1).
    rng : numpy.random.Generator
        Draws the new W[L].

    Returns
    -------
    dict of str to numpy.ndarray
        Copies of W[1..L−1], b[1..L−1]; a new W[L] of shape (n_out, n[L−1]) drawn as
        randn × √(1/n[L−1]) and b[L] = 0.

    Raises
    ------
    ValueError
        If params does not hold exactly W1, b1, …, WL, bL, W[L] is not 2-D, a parameter is
        not finite, or n_out < 1.
    TypeError
        If params is not a dict with str keys or rng is not a Generator.

    Notes
    -----
    Notes 002: pre-train on task A (much data), then fine-tune on task B (little data, same
    kind of input) after replacing the last layer; with very little data train only the new
    layer, with more data fine-tune all layers.

    .. math:: W^{[L]}_\text{new} \sim \mathcal N(0, 1/n^{[L-1]}), \qquad b^{[L]}_\text{new} = 0

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.strategy import replace_output_layer
    >>> params = {"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)),
    ...           "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
    >>> new = replace_output_layer(params, 3, rng=np.random.default_rng(0))
    >>> print(new["W2"].shape, new["b2"].shape, np.array_equal(new["W1"], params["W1"]))
    (3, 4) (3, 1) True
    """
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    check_str_keys(params, "params")
    L = len(params) // 2
    expected = [f"{p}{k}" for k in range(1, L + 1) for p in ("W", "b")]
    if L < 1 or sorted(params) != sorted(expected):
        raise ValueError(f"params must have the keys W1, b1, ..., WL, bL (got {sorted(params)})")
    n_new = check_int(n_out, "n_out", low=1)
    gen = check_rng(rng)
    arrays = {k: as_float_array(v, f"params[{k!r}]") for k, v in params.items()}
    check_ndim(arrays[f"W{L}"], f"params['W{L}']", 2)
    return _replace_output_layer(arrays, n_new, rng=gen)
