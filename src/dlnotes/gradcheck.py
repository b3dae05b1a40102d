"""Gradient checking: numerical derivatives, the relative difference, parameters ↔ vector.

Mirrors notes 000 §1.12–1.13, 004 (gradient checking, 1-D and N-D) and 002. A backward pass is
checked by comparing its gradient with the two-sided difference

    (J(θ + ε) − J(θ − ε)) / (2ε)

taken one component at a time, and measuring the gap with the relative difference
‖a − b‖₂ / (‖a‖₂ + ‖b‖₂): about 1e-7 is fine, 1e-5 deserves a closer look, 1e-3 is almost surely a
bug. Network parameters (a dict "W1", "b1", …) are flattened into one vector θ for the check and
back again with :func:`params_to_vector` and :func:`vector_to_params`.

The differences loop over the components of x: this module is the definition used to test the
vectorized code, not code to train with.
"""

from __future__ import annotations

# --8<-- [start:imports]
from collections.abc import Callable, Mapping

# --8<-- [end:imports]
import numpy as np

from dlnotes._validation import as_float_array, check_same_shape, check_scalar

__all__ = [
    "gradient_check",
    "numerical_gradient",
    "one_sided_difference",
    "params_to_vector",
    "relative_difference",
    "vector_to_params",
]


# The references: what the chapter shows. Plain NumPy on float64 arrays already checked.

# --8<-- [start:numerical_gradient]
def _numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    """dθ_approx[i] = (J(θ + ε·e_i) − J(θ − ε·e_i)) / (2ε), one component at a time (双边误差).

    >>> print(_numerical_gradient(lambda t: np.sum(t**3), np.array([1.0]), 0.01).round(4))
    [3.0001]
    """
    grad = np.zeros_like(x)
    for i in range(x.size):
        e_i = np.zeros_like(x)
        e_i.flat[i] = eps  # ε·e_i: θ + ε·e_i is a new array, x itself is never modified
        grad.flat[i] = (f(x + e_i) - f(x - e_i)) / (2 * eps)
    return grad
# --8<-- [end:numerical_gradient]


# --8<-- [start:one_sided_difference]
def _one_sided_difference(
    f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-7
) -> np.ndarray:
    """(J(θ + ε·e_i) − J(θ)) / ε for each component i, an error of order ε (单边误差).

    >>> print(_one_sided_difference(lambda t: np.sum(t**3), np.array([1.0]), 0.01).round(4))
    [3.0301]
    """
    J = f(x)
    grad = np.zeros_like(x)
    for i in range(x.size):
        e_i = np.zeros_like(x)
        e_i.flat[i] = eps
        grad.flat[i] = (f(x + e_i) - J) / eps
    return grad
# --8<-- [end:one_sided_difference]


# --8<-- [start:relative_difference]
def _norm(v: np.ndarray) -> float:
    """‖v‖₂ of all entries, scaled by max |v| first so that tiny entries do not square to 0.

    >>> print(_norm(np.array([3e-200, 4e-200])))
    5e-200
    """
    largest = float(np.max(np.abs(v)))
    return 0.0 if largest == 0.0 else largest * float(np.linalg.norm(v / largest))


def _relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """δ = ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), with 0/0 = 0 (notes 000 §1.13, 偏移率).

    >>> print(f"{_relative_difference(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-6])):.1e}")
    2.2e-07
    """
    scale = float(max(np.max(np.abs(a)), np.max(np.abs(b))))
    if scale == 0.0:
        return 0.0  # two zero gradients agree
    a_s, b_s = a / scale, b / scale  # δ is scale-free; in [−1, 1], a − b cannot overflow
    return _norm(a_s - b_s) / (_norm(a_s) + _norm(b_s))
# --8<-- [end:relative_difference]


# --8<-- [start:gradient_check]
def _gradient_check(
    f: Callable[[np.ndarray], float], grad: np.ndarray, x: np.ndarray, eps: float = 1e-7
) -> float:
    """δ between the analytic gradient dθ = grad and the two-sided dθ_approx of J = f at x.

    >>> x = np.array([0.5, -1.0, 2.0])
    >>> print(_gradient_check(lambda t: np.sum(np.sin(t)), np.cos(x), x) < 1e-7)
    True
    """
    return _relative_difference(grad, _numerical_gradient(f, x, eps))
# --8<-- [end:gradient_check]


# --8<-- [start:params_to_vector]
#: The layout of a parameter vector: ``(key, shape)`` pairs in the order of the vector.
Spec = tuple[tuple[str, tuple[int, ...]], ...]


def _params_to_vector(
    params: Mapping[str, np.ndarray], *, spec: Spec | None = None
) -> tuple[np.ndarray, Spec]:
    """θ = [vec(W1); b1; …; vec(WL); bL] as an (n, 1) column, and its (key, shape) spec (004).

    >>> theta, spec = _params_to_vector({"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))})
    >>> print(theta.shape, spec)
    (6, 1) (('W1', (2, 2)), ('b1', (2, 1)))
    """
    if spec is None:
        spec = tuple((key, value.shape) for key, value in params.items())
    theta = np.concatenate([params[key].reshape(-1) for key, _ in spec]).reshape(-1, 1)
    return theta, spec
# --8<-- [end:params_to_vector]


# --8<-- [start:vector_to_params]
def _vector_to_params(theta: np.ndarray, spec: Spec) -> dict[str, np.ndarray]:
    """The inverse of _params_to_vector: consecutive pieces of θ reshaped (C order) by the spec.

    >>> params = _vector_to_params(np.arange(6.0), (("W1", (2, 2)), ("b1", (2, 1))))
    >>> print(params["W1"].tolist(), params["b1"].tolist())
    [[0.0, 1.0], [2.0, 3.0]] [[4.0], [5.0]]
    """
    sizes = [int(np.prod(shape)) for _, shape in spec]
    pieces = np.split(theta.reshape(-1), np.cumsum(sizes)[:-1])
    # copies, not views of θ: changing the parameters must not change θ
    return {key: piece.reshape(shape).copy()
            for (key, shape), piece in zip(spec, pieces, strict=True)}
# --8<-- [end:vector_to_params]


# The public functions: validate at the boundary, then call the reference.

def _check_function(f: object) -> Callable[[np.ndarray], object]:
    if not callable(f):
        raise TypeError(f"f must be callable, mapping an array to a float (got {type(f).__name__})")
    return f


def _evaluate(f: Callable[[np.ndarray], object], x: np.ndarray) -> float:
    """f(x) as a Python float, checked; f gets its own copy, so it cannot change anything."""
    value = np.asarray(f(x.copy()))
    if value.size != 1 or value.dtype.kind not in "biuf":
        raise ValueError(
            f"f must return a real scalar (got {value.dtype} array of shape {value.shape})"
        )
    out = float(value.reshape(()))
    if not np.isfinite(out):
        raise ValueError(f"f must return a finite value (got {out!r})")
    return out


def _cost(f: object) -> Callable[[np.ndarray], float]:
    """f checked at every call: one finite real number from each evaluation."""
    fn = _check_function(f)
    return lambda theta: _evaluate(fn, theta)


def _point_and_step(x: object, eps: object) -> tuple[np.ndarray, float, np.dtype]:
    arr = as_float_array(x, "x")
    step = check_scalar(eps, "eps", low=0.0, low_inclusive=False)
    if not np.isfinite(step):
        raise ValueError(f"eps must be finite (got {step!r})")
    # differences of size 1e-7 are below float32 resolution: always difference in float64
    return arr.astype(np.float64), step, arr.dtype


def numerical_gradient(
    f: Callable[[np.ndarray], object], x: object, eps: float = 1e-7
) -> np.ndarray:
    r"""Two-sided (central) difference approximation of the gradient of ``f`` at ``x`` (双边误差).

    Parameters
    ----------
    f : callable
        Maps an array shaped like ``x`` to a real scalar (a float or a size-1 array), e.g. a cost
        J(θ). It receives a fresh float64 copy at each call.
    x : array_like
        The point, any shape; finite. Not modified.
    eps : float, default 1e-7
        The step ε > 0.

    Returns
    -------
    numpy.ndarray
        dθ_approx, shaped like ``x``: float32 for float32 ``x`` (the differences themselves are
        always taken in float64), float64 otherwise.

    Raises
    ------
    ValueError
        If ``x`` is empty or not finite, ``eps`` is not a finite number > 0, or ``f`` returns
        something other than one finite real number.
    TypeError
        If ``f`` is not callable or ``x`` is not real-valued.

    Notes
    -----
    For each component :math:`i` of :math:`\theta`,

    .. math::
        d\theta_{\text{approx}}[i] = \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots)
        - J(\theta_1, \dots, \theta_i - \varepsilon, \dots)}{2\varepsilon}

    whose error is :math:`O(\varepsilon^2)`, against :math:`O(\varepsilon)` for the one-sided
    difference (:func:`one_sided_difference`). The loop over components is the definition; it
    costs two evaluations of ``f`` per component.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import numerical_gradient
    >>> g = numerical_gradient(lambda t: float(np.sum(t**3)), np.array([1.0]), eps=0.01)
    >>> print(f"{g[0]:.4f}")
    3.0001
    >>> x = np.array([[1.0, -2.0], [0.5, 3.0]])
    >>> g = numerical_gradient(lambda t: float(np.sum(t**2)), x)
    >>> print(np.allclose(g, 2 * x, atol=1e-6), g.shape)
    True (2, 2)
    """
    J = _cost(f)
    theta, step, dtype = _point_and_step(x, eps)
    return _numerical_gradient(J, theta, step).astype(dtype, copy=False)


def one_sided_difference(
    f: Callable[[np.ndarray], object], x: object, eps: float = 1e-7
) -> np.ndarray:
    r"""One-sided (forward) difference approximation of the gradient of ``f`` at ``x`` (单边误差).

    Shown for comparison with :func:`numerical_gradient`; use that one for checking.

    Parameters
    ----------
    f : callable
        Maps an array shaped like ``x`` to a real scalar.
    x : array_like
        The point, any shape; finite. Not modified.
    eps : float, default 1e-7
        The step ε > 0.

    Returns
    -------
    numpy.ndarray
        The forward differences, shaped like ``x`` (float32 for float32 ``x``, else float64).

    Raises
    ------
    ValueError
        As :func:`numerical_gradient`.
    TypeError
        As :func:`numerical_gradient`.

    Notes
    -----
    .. math::
        \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots) - J(\theta)}{\varepsilon}
        = \frac{\partial J}{\partial \theta_i} + O(\varepsilon)

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import one_sided_difference
    >>> g = one_sided_difference(lambda t: float(np.sum(t**3)), np.array([1.0]), eps=0.01)
    >>> print(f"{g[0]:.4f}")
    3.0301
    """
    J = _cost(f)
    theta, step, dtype = _point_and_step(x, eps)
    return _one_sided_difference(J, theta, step).astype(dtype, copy=False)


def relative_difference(a: object, b: object) -> float:
    r"""Relative difference ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂) of two gradients, with 0/0 = 0.

    Parameters
    ----------
    a, b : array_like
        Arrays of the same shape (e.g. the analytic and the numerical gradient); finite.

    Returns
    -------
    float
        A number in [0, 1]: 0 when ``a == b`` (including both zero), 1 when one of them is zero
        and the other is not, or when ``b = −c·a`` for c > 0.

    Raises
    ------
    ValueError
        If the shapes differ (no broadcasting), or either array is empty or not finite.
    TypeError
        If either is not real-valued.

    Notes
    -----
    .. math::
        \text{difference} = \frac{\lVert d\theta_{\text{approx}} - d\theta \rVert_2}
        {\lVert d\theta_{\text{approx}} \rVert_2 + \lVert d\theta \rVert_2}

    The norms are of all entries flattened. Rough thresholds (notes 000 §1.12 with
    ε = 1e-7): about 1e-7 is fine, 1e-5 deserves a look, 1e-3 almost surely means a bug.

    Examples
    --------
    >>> from dlnotes.gradcheck import relative_difference
    >>> print(f"{relative_difference([3.0, 4.0], [3.0, 4.0]):.1f}")
    0.0
    >>> print(f"{relative_difference([1.0, 0.0], [0.0, 0.0]):.1f}")
    1.0
    >>> print(f"{relative_difference([1.0, 2.0], [1.0, 2.0 + 1e-6]):.1e}")
    2.2e-07
    """
    a_arr = as_float_array(a, "a").astype(np.float64)
    b_arr = as_float_array(b, "b").astype(np.float64)
    check_same_shape(a_arr, b_arr, "a", "b")
    return float(_relative_difference(a_arr, b_arr))


def gradient_check(
    f: Callable[[np.ndarray], object], grad: object, x: object, eps: float = 1e-7
) -> float:
    r"""Relative difference between an analytic gradient and the two-sided numerical one.

    Parameters
    ----------
    f : callable
        The cost: maps an array shaped like ``x`` to a real scalar.
    grad : array_like
        The analytic gradient of ``f`` at ``x`` (from a backward pass), shaped like ``x``.
    x : array_like
        The point; finite. Not modified.
    eps : float, default 1e-7
        The step ε > 0 of :func:`numerical_gradient`.

    Returns
    -------
    float
        :func:`relative_difference` of ``grad`` and ``numerical_gradient(f, x, eps)``.

    Raises
    ------
    ValueError
        If ``grad`` and ``x`` differ in shape, or as :func:`numerical_gradient`.
    TypeError
        As :func:`numerical_gradient`.

    Notes
    -----
    .. math::
        \frac{\lVert d\theta_{\text{approx}} - d\theta \rVert_2}
        {\lVert d\theta_{\text{approx}} \rVert_2 + \lVert d\theta \rVert_2},
        \qquad d\theta_{\text{approx}}[i] = \frac{J(\theta + \varepsilon e_i)
        - J(\theta - \varepsilon e_i)}{2\varepsilon}

    Check once, at a few points, not during training; include every term of the cost (the L2
    term too) and switch dropout off, so that ``f`` is the deterministic cost ``grad`` belongs to.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import gradient_check
    >>> x = np.array([0.5, -1.0, 2.0])
    >>> print(gradient_check(lambda t: float(np.sum(np.sin(t))), np.cos(x), x) < 1e-7)
    True
    >>> print(gradient_check(lambda t: float(np.sum(np.sin(t))), -np.cos(x), x) > 1e-3)
    True
    """
    x_arr = as_float_array(x, "x")
    grad_arr = as_float_array(grad, "grad")
    check_same_shape(grad_arr, x_arr, "grad", "x")
    J = _cost(f)
    theta, step, _ = _point_and_step(x_arr, eps)
    return float(_gradient_check(J, grad_arr.astype(np.float64), theta, step))


def params_to_vector(
    params: Mapping[str, object], *, spec: Spec | None = None
) -> tuple[np.ndarray, Spec]:
    r"""Flatten a parameter dict into one column vector θ of shape (n, 1).

    Parameters
    ----------
    params : dict of str to array_like
        E.g. ``{"W1": W1, "b1": b1, ...}``, or the gradients ``{"W1": dW1, ...}``; finite arrays.
    spec : tuple of (str, tuple of int), optional
        A layout from an earlier call. Given, ``params`` must have exactly its keys and shapes,
        and the vector follows its order; use it to flatten the gradients in the order of the
        parameters, whatever the order in which the backward pass filled its dict.

    Returns
    -------
    theta : numpy.ndarray
        Shape (n, 1), n the total number of entries: each array raveled in C order, the arrays
        in the order of ``spec`` (default: the dict's insertion order). Its dtype is the common
        dtype of the arrays (float32 if all are float32, else float64).
    spec : tuple of (str, tuple of int)
        The ``(key, shape)`` pairs in vector order, for :func:`vector_to_params`.

    Raises
    ------
    ValueError
        If ``params`` is empty, an array is empty or not finite, or keys or shapes differ from
        ``spec``.
    TypeError
        If ``params`` is not a dict of arrays or a key is not a str.

    Notes
    -----
    .. math::
        \theta = \begin{bmatrix} \operatorname{vec}(W^{[1]}) \\ b^{[1]} \\ \vdots \\
        \operatorname{vec}(W^{[L]}) \\ b^{[L]} \end{bmatrix}

    A column vector, as ``dictionary_to_vector`` in notes 004; :func:`vector_to_params` also
    accepts a 1-D vector. The round trip is exact.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import params_to_vector, vector_to_params
    >>> params = {"W1": np.arange(6.0).reshape(3, 2), "b1": np.zeros((3, 1))}
    >>> theta, spec = params_to_vector(params)
    >>> print(theta.shape, spec)
    (9, 1) (('W1', (3, 2)), ('b1', (3, 1)))
    >>> back = vector_to_params(theta, spec)
    >>> print(all(np.array_equal(back[k], params[k]) for k in params))
    True
    """
    arrays = _parameter_arrays(params)
    if spec is not None:
        _check_spec(spec)
        _check_matches_spec(arrays, spec)
    return _params_to_vector(arrays, spec=spec)


def vector_to_params(theta: object, spec: Spec) -> dict[str, np.ndarray]:
    r"""Split a vector θ back into a parameter dict; the inverse of :func:`params_to_vector`.

    Parameters
    ----------
    theta : array_like
        Shape (n, 1), as returned by :func:`params_to_vector`, or 1-D of shape (n,); n must be
        the total size the ``spec`` describes.
    spec : tuple of (str, tuple of int)
        The layout returned by :func:`params_to_vector`.

    Returns
    -------
    dict of str to numpy.ndarray
        New arrays (copies, not views of ``theta``) with the keys, order and shapes of ``spec``,
        of the dtype of ``theta``.

    Raises
    ------
    ValueError
        If ``theta`` is not (n, 1) or (n,), is not finite, or n does not match ``spec``; if
        ``spec`` is malformed.
    TypeError
        If ``theta`` is not real-valued or ``spec`` is not a tuple of (str, shape) pairs.

    Notes
    -----
    The entries :math:`\theta_{s}, \dots, \theta_{s + n_k - 1}` with
    :math:`s = \sum_{j < k} n_j` are reshaped (C order) into the k-th array of the spec.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradcheck import vector_to_params
    >>> spec = (("W1", (2, 2)), ("b1", (2, 1)))
    >>> params = vector_to_params(np.arange(6.0).reshape(6, 1), spec)
    >>> print(params["W1"].tolist(), params["b1"].tolist())
    [[0.0, 1.0], [2.0, 3.0]] [[4.0], [5.0]]
    """
    _check_spec(spec)
    arr = as_float_array(theta, "theta", min_ndim=1)
    if not (arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1)):
        raise ValueError(f"theta must have shape (n, 1) or (n,) (got {arr.shape})")
    sizes = [int(np.prod(shape)) for _, shape in spec]
    if arr.size != sum(sizes):
        raise ValueError(
            f"theta must have {sum(sizes)} entries to match spec (got {arr.size})"
        )
    return _vector_to_params(arr, spec)


def _parameter_arrays(params: object) -> dict[str, np.ndarray]:
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict of arrays (got {type(params).__name__})")
    if len(params) == 0:
        raise ValueError("params must not be empty (got an empty dict)")
    arrays: dict[str, np.ndarray] = {}
    for key, value in params.items():
        if not isinstance(key, str):
            raise TypeError(f"params keys must be str (got {type(key).__name__} {key!r})")
        arrays[key] = as_float_array(value, f"params[{key!r}]")
    return arrays


def _check_spec(spec: object) -> None:
    if not isinstance(spec, tuple) or len(spec) == 0:
        raise TypeError(
            "spec must be a non-empty tuple of (key, shape) pairs from params_to_vector "
            f"(got {type(spec).__name__})"
        )
    for entry in spec:
        ok = (
            isinstance(entry, tuple)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], tuple)
            and all(isinstance(n, int | np.integer) and n > 0 for n in entry[1])
        )
        if not ok:
            raise TypeError(
                f"spec entries must be (str, tuple of positive ints) pairs (got {entry!r})"
            )
    keys = [entry[0] for entry in spec]
    if len(set(keys)) != len(keys):
        raise ValueError(f"spec keys must be unique (got {keys})")


def _check_matches_spec(arrays: dict[str, np.ndarray], spec: Spec) -> None:
    keys = [key for key, _ in spec]
    missing = [k for k in keys if k not in arrays]
    extra = [k for k in arrays if k not in keys]
    if missing or extra:
        raise ValueError(
            f"params must have the keys of spec (missing {missing}, unexpected {extra})"
        )
    for key, shape in spec:
        if arrays[key].shape != tuple(shape):
            raise ValueError(
                f"params[{key!r}] must have shape {tuple(shape)} as in spec "
                f"(got {arrays[key].shape})"
            )
