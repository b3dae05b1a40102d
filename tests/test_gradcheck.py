"""dlnotes.gradcheck: numerical gradients against analytic ones and torch.autograd, the relative
difference, the parameters ↔ vector round trip, and a bad-input table."""

from __future__ import annotations

import math
from collections.abc import Callable

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.gradcheck import (
    _one_sided_difference,
    gradient_check,
    numerical_gradient,
    one_sided_difference,
    params_to_vector,
    relative_difference,
    vector_to_params,
)
from dlnotes.initializers import initialize_parameters
from dlnotes.network import compute_cost, model_backward, model_forward

small_floats = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False)
shapes = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


def cube_sum(t: np.ndarray) -> float:
    return float(np.sum(t**3))


# ---------------------------------------------------------------- the notes' numbers


def test_two_sided_difference_of_cube_at_one_is_3_0001() -> None:
    # notes 000 §1.12 (SOURCES.md): f(θ) = θ³, θ = 1, ε = 0.01 gives 3.0001 (error 1e-4 = ε²)
    g = numerical_gradient(cube_sum, np.array([1.0]), eps=0.01)
    assert g[0] == pytest.approx(3.0001, abs=1e-12)
    assert abs(g[0] - 3.0) == pytest.approx(0.01**2, rel=1e-8)


def test_one_sided_difference_of_cube_at_one_is_3_0301() -> None:
    # notes 000 §1.12: the one-sided difference gives 3.0301 (error 0.03 = 3ε + ε²)
    g = one_sided_difference(cube_sum, np.array([1.0]), eps=0.01)
    assert g[0] == pytest.approx(3.0301, abs=1e-12)


def test_error_orders_two_sided_quadratic_one_sided_linear() -> None:
    x = np.array([0.7])
    exact = 3 * 0.7**2
    two = [abs(numerical_gradient(cube_sum, x, eps=e)[0] - exact) for e in (1e-2, 5e-3)]
    one = [abs(one_sided_difference(cube_sum, x, eps=e)[0] - exact) for e in (1e-2, 5e-3)]
    assert two[0] / two[1] == pytest.approx(4.0, rel=1e-3)  # O(ε²): halving ε quarters it
    assert one[0] / one[1] == pytest.approx(2.0, rel=0.05)  # O(ε): halving ε halves it


# ---------------------------------------------------------------- numerical_gradient


@pytest.mark.parametrize(
    ("f", "grad"),
    [
        (lambda t: float(np.sum(t**2)), lambda t: 2 * t),
        (lambda t: float(np.sum(np.sin(t))), np.cos),
        (lambda t: float(np.sum(np.exp(t))), np.exp),
        (lambda t: float(np.prod(t)), lambda t: np.prod(t) / t),
        (lambda t: float(np.log(np.sum(np.exp(t)))), lambda t: np.exp(t) / np.sum(np.exp(t))),
    ],
    ids=["square", "sin", "exp", "prod", "logsumexp"],
)
def test_numerical_gradient_matches_known_gradient(
    f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], np.ndarray],
    rng: np.random.Generator,
) -> None:
    x = rng.uniform(0.5, 2.0, size=(3, 4))
    np.testing.assert_allclose(numerical_gradient(f, x), grad(x), rtol=1e-6, atol=1e-7)


def _torch_pair(
    kind: int, a: np.ndarray
) -> tuple[Callable[[np.ndarray], float], Callable[[torch.Tensor], torch.Tensor]]:
    """The same function in NumPy (for the differences) and torch (for autograd)."""
    at = torch.from_numpy(a)
    if kind == 0:
        return (lambda t: float(np.sum(np.tanh(a * t) * t)),
                lambda t: torch.sum(torch.tanh(at * t) * t))
    if kind == 1:
        return (lambda t: float(np.sum(np.logaddexp(0.0, a * t) + np.sin(t) ** 2)),
                lambda t: torch.sum(torch.nn.functional.softplus(at * t) + torch.sin(t) ** 2))
    return (lambda t: float(np.sum(t * a) ** 2 / (1 + np.sum(t**2))),
            lambda t: torch.sum(t * at) ** 2 / (1 + torch.sum(t**2)))


@given(x=hnp.arrays(np.float64, shapes, elements=small_floats), kind=st.integers(0, 2),
       seed=st.integers(0, 2**16))
def test_numerical_gradient_matches_torch_autograd(x: np.ndarray, kind: int, seed: int) -> None:
    a = np.random.default_rng(seed).uniform(-2.0, 2.0, size=x.shape)
    f_np, f_torch = _torch_pair(kind, a)
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    f_torch(xt).backward()
    assert xt.grad is not None
    # rounding in f(x ± ε) costs about 1e-16·|f|/ε in each component
    atol = 1e-6 * (1.0 + abs(f_np(x)))
    np.testing.assert_allclose(numerical_gradient(f_np, x), xt.grad.numpy(),
                               rtol=1e-5, atol=atol)


def test_numerical_gradient_does_not_modify_x_even_if_f_does() -> None:
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = x.copy()

    def vandal(t: np.ndarray) -> float:
        value = float(np.sum(t**2))
        t[...] = 0.0  # f scribbling on its argument must not change the caller's x
        return value

    g = numerical_gradient(vandal, x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(g, 2 * before, rtol=1e-6)


def test_numerical_gradient_keeps_shape_and_dtype() -> None:
    x32 = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    g32 = numerical_gradient(lambda t: float(np.sum(t**2)), x32, eps=1e-4)
    assert g32.shape == (1, 3) and g32.dtype == np.float32
    np.testing.assert_allclose(g32, 2 * x32, rtol=1e-5)  # differenced in float64
    g_int = numerical_gradient(lambda t: float(np.sum(t**2)), [1, 2])
    assert g_int.dtype == np.float64
    g0 = numerical_gradient(lambda t: float(t**3), np.float64(2.0))
    assert g0.shape == () and float(g0) == pytest.approx(12.0, rel=1e-7)


def test_f_may_return_a_size_one_array() -> None:
    x = np.array([1.0, -1.0])
    g = numerical_gradient(lambda t: np.sum(t**2, keepdims=True).reshape(1, 1), x)
    np.testing.assert_allclose(g, 2 * x, rtol=1e-6)


# ---------------------------------------------------------------- relative_difference


def test_relative_difference_formula() -> None:
    a, b = np.array([1.0, 2.0, 2.0]), np.array([1.0, 2.0, 3.0])
    expected = 1.0 / (3.0 + math.sqrt(14.0))
    assert relative_difference(a, b) == pytest.approx(expected, rel=1e-15)


def test_relative_difference_special_values() -> None:
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0  # 0/0 defined as 0
    assert relative_difference([0.0, 0.0], [1.0, -2.0]) == 1.0
    assert relative_difference([1.0, 2.0], [-3.0, -6.0]) == pytest.approx(1.0)
    assert relative_difference([[1.0, 2.0]], [[1.0, 2.0]]) == 0.0
    # no overflow for huge but finite gradients, no underflow to 0/0 for tiny ones
    assert relative_difference([1e300, 1e300], [1e300, -1e300]) == pytest.approx(
        math.sqrt(2) / 2)
    assert relative_difference([1e-320], [2e-320]) == pytest.approx(1 / 3, rel=1e-2)


@given(a=hnp.arrays(np.float64, (5,), elements=st.floats(-50, 50)),
       b=hnp.arrays(np.float64, (5,), elements=st.floats(-50, 50)),
       c=st.floats(1e-3, 1e3))
def test_relative_difference_properties(a: np.ndarray, b: np.ndarray, c: float) -> None:
    d = relative_difference(a, b)
    assert 0.0 <= d <= 1.0 + 1e-15
    assert d == relative_difference(b, a)
    assert relative_difference(a, a) == 0.0
    assert relative_difference(c * a, c * b) == pytest.approx(d, rel=1e-12, abs=1e-15)
    if np.any(a != b):
        assert d > 0.0


def test_relative_difference_accepts_float32() -> None:
    a = np.array([1.0, 2.0], dtype=np.float32)
    assert isinstance(relative_difference(a, a), float)


# ---------------------------------------------------------------- gradient_check


def test_gradient_check_passes_a_correct_gradient_and_fails_a_wrong_one(
    rng: np.random.Generator,
) -> None:
    # thresholds of notes 000 §1.13: ~1e-7 fine, 1e-3 almost surely a bug
    A = rng.standard_normal((4, 4))
    x = rng.standard_normal(4)

    def f(t: np.ndarray) -> float:
        return float(np.sum(np.tanh(A @ t)))

    correct = A.T @ (1 - np.tanh(A @ x) ** 2)
    assert gradient_check(f, correct, x) < 1e-7
    assert gradient_check(f, 2 * correct, x) > 1e-3
    wrong_entry = correct.copy()
    wrong_entry[2] += 0.1
    assert gradient_check(f, wrong_entry, x) > 1e-3


def test_gradient_check_is_the_relative_difference_to_numerical_gradient(
    rng: np.random.Generator,
) -> None:
    x = rng.standard_normal((2, 3))
    grad = rng.standard_normal((2, 3))
    expected = relative_difference(grad, numerical_gradient(cube_sum, x, eps=1e-5))
    assert gradient_check(cube_sum, grad, x, eps=1e-5) == expected


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradient_check_of_model_backward_through_the_vector(hidden: str, lambd: float) -> None:
    # the chapter's recipe: J(θ) through vector_to_params, dθ through params_to_vector(spec=)
    rng = np.random.default_rng(3)
    X = rng.standard_normal((4, 7))
    Y = (rng.random((1, 7)) < 0.5).astype(float)
    params = initialize_parameters([4, 5, 3, 1], "xavier", rng=rng)
    theta, spec = params_to_vector(params)

    def J(t: np.ndarray) -> float:
        p = vector_to_params(t, spec)
        return compute_cost(model_forward(X, p, hidden=hidden)[0], Y, p, lambd)

    AL, caches = model_forward(X, params, hidden=hidden)
    dtheta, _ = params_to_vector(model_backward(AL, Y, caches, lambd=lambd), spec=spec)
    assert gradient_check(J, dtheta, theta) < 1e-7
    wrong = dtheta.copy()
    wrong[:20] *= 2  # dW1 doubled
    assert gradient_check(J, wrong, theta) > 1e-3


# ---------------------------------------------------------------- parameters ↔ vector


def test_params_to_vector_is_a_column_in_key_then_c_order() -> None:
    params = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([[5.0], [6.0]]),
              "W2": np.array([[7.0, 8.0]]), "b2": np.array([[9.0]])}
    theta, spec = params_to_vector(params)
    assert theta.shape == (9, 1)
    np.testing.assert_array_equal(theta.ravel(), np.arange(1.0, 10.0))
    assert spec == (("W1", (2, 2)), ("b1", (2, 1)), ("W2", (1, 2)), ("b2", (1, 1)))


def test_params_to_vector_with_spec_reorders_gradients() -> None:
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1)), "W2": np.ones((1, 2))}
    _, spec = params_to_vector(params)
    grads = {"W2": np.full((1, 2), 3.0), "b1": np.full((2, 1), 2.0), "W1": np.full((2, 3), 1.0)}
    dtheta, same = params_to_vector(grads, spec=spec)
    assert same == spec
    np.testing.assert_array_equal(dtheta.ravel(), [1.0] * 6 + [2.0] * 2 + [3.0] * 2)


dict_of_arrays = st.dictionaries(
    keys=st.text(alphabet="Wbgamt0123456789", min_size=1, max_size=4),
    values=hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
                      elements=st.floats(-1e6, 1e6)),
    min_size=1, max_size=5,
)


@given(params=dict_of_arrays)
def test_vector_round_trip_is_exact(params: dict[str, np.ndarray]) -> None:
    theta, spec = params_to_vector(params)
    assert theta.shape == (sum(v.size for v in params.values()), 1)
    for vector in (theta, theta.ravel()):  # a column and a 1-D vector are both accepted
        back = vector_to_params(vector, spec)
        assert list(back) == list(params)
        for key, value in params.items():
            assert back[key].shape == value.shape
            np.testing.assert_array_equal(back[key], value)
    theta2, spec2 = params_to_vector(vector_to_params(theta, spec))
    np.testing.assert_array_equal(theta2, theta)
    assert spec2 == spec


def test_round_trip_copies_and_does_not_modify_inputs() -> None:
    params = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    theta, spec = params_to_vector(params)
    theta[0, 0] = 5.0
    assert params["W1"][0, 0] == 1.0  # theta is not a view of the parameters
    back = vector_to_params(theta, spec)
    theta[1, 0] = 7.0
    assert back["W1"][0, 1] == 1.0  # the parameters are not views of theta


@pytest.mark.parametrize("shapes", [[(3, 2), (3, 1), (1, 3), (1, 1)], [(5,), (2, 3, 4)], [()]])
def test_params_to_vector_matches_torch_parameters_to_vector(
    shapes: list[tuple[int, ...]], rng: np.random.Generator
) -> None:
    params = {f"p{i}": rng.standard_normal(shape) for i, shape in enumerate(shapes)}
    tensors = [torch.nn.Parameter(torch.from_numpy(v.copy())) for v in params.values()]
    theirs = torch.nn.utils.parameters_to_vector(tensors).detach().numpy()
    theta, spec = params_to_vector(params)
    np.testing.assert_array_equal(theta.ravel(), theirs)  # the same order: each raveled, in turn
    torch.nn.utils.vector_to_parameters(torch.from_numpy(2 * theirs), tensors)
    back = vector_to_params(2 * theta, spec)
    for value, tensor in zip(back.values(), tensors, strict=True):
        np.testing.assert_array_equal(value, tensor.detach().numpy())


def test_vector_keeps_float32() -> None:
    params = {"W1": np.ones((2, 2), dtype=np.float32)}
    theta, spec = params_to_vector(params)
    assert theta.dtype == np.float32
    assert vector_to_params(theta, spec)["W1"].dtype == np.float32


# ---------------------------------------------------------------- bad input


def _square(t: np.ndarray) -> float:
    return float(np.sum(t**2))


SPEC = (("W1", (2, 2)), ("b1", (2, 1)))

BAD_INPUT = [
    (numerical_gradient, (42, np.ones(2)), TypeError, r"f must be callable"),
    (numerical_gradient, (_square, np.ones(2), 0.0), ValueError, r"eps must be > 0 \(got 0\.0\)"),
    (numerical_gradient, (_square, np.ones(2), -1e-7), ValueError, r"eps must be > 0"),
    (numerical_gradient, (_square, np.ones(2), math.inf), ValueError, r"eps must be finite"),
    (numerical_gradient, (_square, np.ones(2), "small"), TypeError, r"eps must be a real number"),
    (numerical_gradient, (_square, np.array([1.0, np.nan])), ValueError, r"x must be finite"),
    (numerical_gradient, (_square, np.array([])), ValueError, r"x must not be empty"),
    (numerical_gradient, (_square, ["a", "b"]), TypeError, r"x must be an array of real"),
    (numerical_gradient, (lambda t: t**2, np.ones(2)), ValueError,
     r"f must return a real scalar \(got float64 array of shape \(2,\)\)"),
    (numerical_gradient, (lambda t: "cost", np.ones(2)), ValueError, r"f must return a real"),
    (numerical_gradient, (lambda t: math.nan, np.ones(2)), ValueError,
     r"f must return a finite value \(got nan\)"),
    (one_sided_difference, (_square, np.ones(2), 0.0), ValueError, r"eps must be > 0"),
    (one_sided_difference, (None, np.ones(2)), TypeError, r"f must be callable"),
    (relative_difference, (np.ones(3), np.ones((1, 3))), ValueError,
     r"a and b must have the same shape \(got \(3,\) and \(1, 3\)\)"),
    (relative_difference, (np.ones(2), [1.0, math.inf]), ValueError, r"b must be finite"),
    (relative_difference, ([], []), ValueError, r"a must not be empty"),
    (gradient_check, (_square, np.ones(3), np.ones((3, 1))), ValueError,
     r"grad and x must have the same shape \(got \(3,\) and \(3, 1\)\)"),
    (gradient_check, (_square, np.ones(2), np.ones(2), 0), ValueError, r"eps must be > 0"),
    (params_to_vector, ([np.ones(2)],), TypeError, r"params must be a dict of arrays \(got list\)"),
    (params_to_vector, ({},), ValueError, r"params must not be empty"),
    (params_to_vector, ({1: np.ones(2)},), TypeError, r"params keys must be str"),
    (params_to_vector, ({"W1": np.array([1.0, np.inf])},), ValueError,
     r"params\['W1'\] must be finite"),
    (params_to_vector, ({"W1": np.ones((2, 2))}, SPEC), TypeError, r"positional"),
    # issue 14: NaN/inf in each array, inf and bool for eps, wrong kinds
    (numerical_gradient, (_square, np.ones(2), True), TypeError, r"eps must be a real number"),
    (one_sided_difference, (_square, np.array([np.inf, 1.0])), ValueError, r"x must be finite"),
    (one_sided_difference, (_square, np.ones(2), np.inf), ValueError, r"eps must be finite"),
    (gradient_check, (_square, np.array([1.0, np.nan]), np.ones(2)), ValueError,
     r"grad must be finite"),
    (gradient_check, (_square, np.ones(2), np.array([np.inf, 1.0])), ValueError,
     r"x must be finite"),
    (gradient_check, (_square, np.ones(2), np.ones(2), np.inf), ValueError,
     r"eps must be finite"),
    (gradient_check, ("f", np.ones(2), np.ones(2)), TypeError, r"f must be callable"),
    (relative_difference, (np.array([np.nan]), np.ones(1)), ValueError, r"a must be finite"),
    (relative_difference, (None, np.ones(1)), TypeError, r"a must be an array of real"),
]


@pytest.mark.parametrize(("func", "args", "error", "message"), BAD_INPUT)
def test_bad_input_raises(func: Callable[..., object], args: tuple[object, ...],
                          error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        func(*args)


BAD_SPEC_CALLS: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: params_to_vector({"W1": np.ones((2, 2))}, spec=SPEC), ValueError,
     r"params must have the keys of spec \(missing \['b1'\], unexpected \[\]\)"),
    (lambda: params_to_vector({"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}, spec=SPEC),
     ValueError, r"params\['W1'\] must have shape \(2, 2\) as in spec \(got \(2, 3\)\)"),
    (lambda: vector_to_params(np.ones((5, 1)), SPEC), ValueError,
     r"theta must have 6 entries to match spec \(got 5\)"),
    (lambda: vector_to_params(np.ones((1, 6)), SPEC), ValueError,
     r"theta must have shape \(n, 1\) or \(n,\) \(got \(1, 6\)\)"),
    (lambda: vector_to_params(np.ones((3, 2)), SPEC), ValueError, r"theta must have shape"),
    (lambda: vector_to_params(np.ones(6), [("W1", (2, 3))]), TypeError,
     r"spec must be a non-empty tuple"),
    (lambda: vector_to_params(np.ones(6), ()), TypeError, r"spec must be a non-empty tuple"),
    (lambda: vector_to_params(np.ones(6), (("W1", [2, 3]),)), TypeError,
     r"spec entries must be \(str, tuple of positive ints\) pairs"),
    (lambda: vector_to_params(np.ones(6), (("W1", (2, 0)),)), TypeError, r"spec entries"),
    (lambda: vector_to_params(np.ones(2), (("W", (1,)), ("W", (1,)))), ValueError,
     r"spec keys must be unique"),
    (lambda: vector_to_params(np.array([1.0, np.nan]), (("W", (2,)),)), ValueError,
     r"theta must be finite"),
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_SPEC_CALLS)
def test_bad_spec_or_vector_raises(call: Callable[[], object], error: type[Exception],
                                   message: str) -> None:
    with pytest.raises(error, match=message):
        call()


# ---------------------------------------------------------------- the references


def test_references_never_modify_x_and_agree_with_the_public_functions(
    rng: np.random.Generator,
) -> None:
    from dlnotes.gradcheck import (
        _gradient_check,
        _numerical_gradient,
        _one_sided_difference,
        _params_to_vector,
        _relative_difference,
        _vector_to_params,
    )

    x = rng.standard_normal((3, 2))
    before = x.copy()
    np.testing.assert_array_equal(_numerical_gradient(cube_sum, x), numerical_gradient(cube_sum, x))
    np.testing.assert_array_equal(_one_sided_difference(cube_sum, x, 1e-5),
                                  one_sided_difference(cube_sum, x, 1e-5))
    np.testing.assert_array_equal(x, before)  # the reference perturbs new arrays θ ± ε·e_i
    grad = 3 * x**2
    assert _gradient_check(cube_sum, grad, x) == gradient_check(cube_sum, grad, x)
    assert _relative_difference(x, grad) == relative_difference(x, grad)
    params = {"W1": x, "b1": np.zeros((3, 1))}
    theta, spec = _params_to_vector(params)
    assert spec == params_to_vector(params)[1]
    back = _vector_to_params(theta, spec)
    assert all(np.array_equal(back[k], params[k]) for k in params)


# -------------------------------------------------- defaults, boundaries and exact messages

def square(x: np.ndarray) -> float:
    return float(np.sum(x**2))


def test_the_one_sided_difference_steps_by_1e_7_by_default() -> None:
    """J = x² at 1 gives
    ((1 + ε)² − 1)/ε = 2 + ε, so the default ε = 1e-7 shows as 2.0000001 (notes 000 §1.12)."""
    for f in (one_sided_difference, _one_sided_difference):
        np.testing.assert_allclose(f(square, np.array([1.0])), [2.0 + 1e-7], rtol=1e-9)


def test_the_one_sided_difference_keeps_float32() -> None:
    """Differenced in float64, returned in the dtype of x."""
    x = np.array([1.0, -2.0], dtype=np.float32)
    assert one_sided_difference(square, x).dtype == np.float32
    assert numerical_gradient(square, x).dtype == np.float32


def test_a_function_that_is_not_callable_is_named_with_its_type() -> None:
    with pytest.raises(
        TypeError, match=r"^f must be callable, mapping an array to a float \(got int\)$"
    ):
        numerical_gradient(5, np.ones(2))


def test_bad_params_and_specs_are_named_in_full() -> None:
    with pytest.raises(
        TypeError,
        match=r"^spec must be a non-empty tuple of \(key, shape\) pairs from params_to_vector "
        r"\(got list\)$",
    ):
        vector_to_params(np.ones(2), [("W", (2,))])
    with pytest.raises(ValueError, match=r"^params must not be empty \(got an empty dict\)$"):
        params_to_vector({})
    with pytest.raises(TypeError, match=r"^params keys must be str \(got int 1\)$"):
        params_to_vector({1: np.ones(2)})
    with pytest.raises(
        ValueError, match=r"^theta must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        vector_to_params(1.0, (("W", (1,)),))
