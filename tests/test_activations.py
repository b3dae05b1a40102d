"""dlnotes.activations: PyTorch (float64, autograd) as the reference, invariants, bad input."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from dlnotes import activations
from dlnotes.activations import (
    _log_softmax,
    _softmax,
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    log_softmax,
    prelu,
    prelu_grad,
    prelu_grad_alpha,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    tanh,
    tanh_grad,
)
from dlnotes.gradcheck import numerical_gradient

SHAPES = [(7,), (3, 5), (4, 1), (2, 3, 4)]
Array = np.ndarray


def _points(rng: np.random.Generator, shape: tuple[int, ...]) -> Array:
    """Random pre-activations with some exact zeros (where the kinks are) and large values."""
    z = rng.normal(scale=3.0, size=shape)
    flat = z.reshape(-1)
    flat[:: 3] = 0.0
    if flat.size > 2:
        flat[1] = 40.0
        flat[-1] = -40.0
    return z


# (dlnotes forward, dlnotes derivative, torch forward, keyword arguments)
Case = tuple[Callable[..., Array], Callable[..., Array], Callable[..., torch.Tensor], dict]
ELEMENTWISE: list[Case] = [
    (sigmoid, sigmoid_grad, torch.sigmoid, {}),
    (tanh, tanh_grad, torch.tanh, {}),
    (relu, relu_grad, torch.relu, {}),
    (leaky_relu, leaky_relu_grad, lambda t: F.leaky_relu(t, 0.01), {}),
    (leaky_relu, leaky_relu_grad, lambda t: F.leaky_relu(t, 0.2), {"alpha": 0.2}),
    (leaky_relu, leaky_relu_grad, lambda t: F.leaky_relu(t, 0.0), {"alpha": 0.0}),
    (elu, elu_grad, F.elu, {}),
    (elu, elu_grad, lambda t: F.elu(t, alpha=0.5), {"alpha": 0.5}),
    (elu, elu_grad, lambda t: F.elu(t, alpha=2.0), {"alpha": 2.0}),
    (prelu, prelu_grad, lambda t: F.prelu(t, torch.tensor([0.25], dtype=t.dtype)), {"alpha": 0.25}),
    (prelu, prelu_grad, lambda t: F.prelu(t, torch.tensor([-0.3], dtype=t.dtype)), {"alpha": -0.3}),
]
IDS = [f"{f.__name__}{kw}" for f, _, _, kw in ELEMENTWISE]


# ---------------------------------------------------------------- PyTorch reference


@pytest.mark.parametrize(("f", "f_grad", "torch_f", "kwargs"), ELEMENTWISE, ids=IDS)
@pytest.mark.parametrize("shape", SHAPES)
def test_elementwise_activation_and_derivative_match_torch_autograd(
    f, f_grad, torch_f, kwargs, shape, rng
) -> None:  # type: ignore[no-untyped-def]
    z = _points(rng, shape)
    upstream = rng.normal(size=shape)  # random, so a wrong sign or scale per element shows
    z_t = torch.tensor(z, requires_grad=True)
    out_t = torch_f(z_t)
    out_t.backward(torch.tensor(upstream))
    np.testing.assert_allclose(f(z, **kwargs), out_t.detach().numpy(), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(
        upstream * f_grad(z, **kwargs), z_t.grad.numpy(), rtol=1e-12, atol=1e-15
    )


def test_prelu_with_one_slope_per_unit_matches_torch_on_the_transpose(rng) -> None:
    # torch's PReLU keeps one slope per channel on axis 1 (examples are rows): feed it Z.T
    z = _points(rng, (4, 6))
    alpha = rng.uniform(-0.5, 0.5, size=(4, 1))
    upstream = rng.normal(size=z.shape)
    z_t = torch.tensor(z.T, requires_grad=True)
    w_t = torch.tensor(alpha.ravel(), requires_grad=True)
    out_t = F.prelu(z_t, w_t)
    out_t.backward(torch.tensor(upstream.T))
    np.testing.assert_allclose(prelu(z, alpha), out_t.detach().numpy().T, rtol=1e-15)
    np.testing.assert_allclose(upstream * prelu_grad(z, alpha), z_t.grad.numpy().T, rtol=1e-13)
    d_alpha = np.sum(upstream * prelu_grad_alpha(z, alpha), axis=1, keepdims=True)
    np.testing.assert_allclose(d_alpha.ravel(), w_t.grad.numpy(), rtol=1e-12)


def test_prelu_slope_gradient_for_a_scalar_slope_sums_over_all_elements(rng) -> None:
    z = _points(rng, (3, 5))
    upstream = rng.normal(size=z.shape)
    z_t = torch.tensor(z)
    w_t = torch.tensor([0.1], dtype=torch.float64, requires_grad=True)
    F.prelu(z_t, w_t).backward(torch.tensor(upstream))
    assert np.sum(upstream * prelu_grad_alpha(z, 0.1)) == pytest.approx(w_t.grad.item(), rel=1e-12)


@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 4)])
@pytest.mark.parametrize("axis", [0, -1])
def test_softmax_and_log_softmax_match_torch(shape, axis, rng) -> None:  # type: ignore[no-untyped-def]
    z = rng.normal(scale=5.0, size=shape)
    z_t = torch.tensor(z)
    np.testing.assert_allclose(softmax(z, axis=axis), F.softmax(z_t, dim=axis).numpy(), rtol=1e-14)
    np.testing.assert_allclose(
        log_softmax(z, axis=axis), F.log_softmax(z_t, dim=axis).numpy(), rtol=1e-13, atol=1e-15
    )


def test_softmax_on_the_class_axis_0_is_torch_softmax_over_dim_1_of_the_transpose(rng) -> None:
    z = rng.normal(size=(4, 6))  # 4 classes, 6 examples as columns
    torch_rows = F.softmax(torch.tensor(z.T), dim=1).numpy()
    np.testing.assert_allclose(softmax(z), torch_rows.T, rtol=1e-14)


# ---------------------------------------------------------------- gradient checks


@pytest.mark.parametrize(("f", "f_grad", "torch_f", "kwargs"), ELEMENTWISE, ids=IDS)
def test_every_derivative_passes_a_central_difference_check(  # type: ignore[no-untyped-def]
    f, f_grad, torch_f, kwargs, rng
) -> None:
    z = rng.normal(scale=2.0, size=(3, 4))
    z[np.abs(z) < 1e-3] = 0.5  # keep away from the kinks, where differences are meaningless
    upstream = rng.normal(size=z.shape)
    numeric = numerical_gradient(lambda x: float(np.sum(upstream * f(x, **kwargs))), z)
    np.testing.assert_allclose(upstream * f_grad(z, **kwargs), numeric, rtol=1e-6, atol=1e-8)


def test_prelu_slope_gradient_passes_a_central_difference_check(rng) -> None:
    z = rng.normal(size=(3, 5))
    alpha = rng.uniform(0.0, 0.5, size=(3, 1))
    upstream = rng.normal(size=z.shape)
    numeric = numerical_gradient(lambda a: float(np.sum(upstream * prelu(z, a))), alpha)
    analytic = np.sum(upstream * prelu_grad_alpha(z, alpha), axis=1, keepdims=True)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


# ---------------------------------------------------------------- conventions and values


def test_derivatives_at_zero_follow_pytorch() -> None:
    # ReLU' (0) = 0; Leaky ReLU', PReLU' and ELU' take the z <= 0 branch at 0
    assert relu_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0, 0.1) == pytest.approx(0.1)
    assert prelu_grad(0.0, 0.3) == pytest.approx(0.3)
    assert elu_grad(0.0, 0.5) == pytest.approx(0.5)
    assert prelu_grad_alpha(0.0, 0.3) == 0.0


def test_derivative_values_of_notes_003() -> None:
    # 003 §3.8: sigmoid' = a(1 - a) = 1/4 at 0; tanh' = 1 - a^2 = 1 at 0; both → 0 in the tails
    assert sigmoid_grad(0.0) == 0.25
    assert tanh_grad(0.0) == 1.0
    z = np.linspace(-6, 6, 25)
    np.testing.assert_allclose(sigmoid_grad(z), sigmoid(z) * (1 - sigmoid(z)), rtol=1e-12)
    np.testing.assert_allclose(tanh_grad(z), 1 - tanh(z) ** 2, rtol=1e-10)


def test_saturation_left_right_and_full() -> None:
    # notes 001 p. 44: sigmoid and tanh saturate on both sides; ReLU only on the left; ELU left
    big = 50.0
    assert sigmoid_grad(big) < 1e-20 and sigmoid_grad(-big) < 1e-20
    assert tanh_grad(big) < 1e-40 and tanh_grad(-big) < 1e-40
    assert relu_grad(-big) == 0.0 and relu_grad(big) == 1.0
    assert elu_grad(-big) < 1e-20 and elu_grad(big) == 1.0
    assert leaky_relu_grad(-big) == pytest.approx(0.01) and leaky_relu_grad(big) == 1.0


def test_elu_saturates_to_minus_alpha() -> None:
    assert elu(-1e4, alpha=2.0) == -2.0
    assert elu(-np.inf, alpha=0.5) == -0.5


def test_derivative_tails_keep_relative_precision() -> None:
    # σ'(z) ~ e^{-|z|} and tanh'(z) ~ 4e^{-2|z|}: 1 - σ and 1 - tanh² would round to 0 here
    assert sigmoid_grad(40.0) == pytest.approx(math.exp(-40.0), rel=1e-12)
    assert tanh_grad(20.0) == pytest.approx(4 * math.exp(-40.0), rel=1e-12)


@pytest.mark.parametrize(
    "f",
    [sigmoid, sigmoid_grad, tanh, tanh_grad, relu, relu_grad, leaky_relu, leaky_relu_grad, elu,
     elu_grad, softmax, log_softmax],
)
def test_finite_without_warnings_up_to_1e4_and_beyond(f) -> None:  # type: ignore[no-untyped-def]
    # pytest turns RuntimeWarnings into errors (pyproject), so an overflow would fail here
    z = np.array([-1e300, -1e4, -745.0, -710.0, -1.0, 0.0, 1.0, 710.0, 1e4, 1e300])
    assert np.isfinite(f(z)).all()


def test_large_inputs_give_the_limits() -> None:
    np.testing.assert_array_equal(sigmoid([-1e4, 1e4]), [0.0, 1.0])
    np.testing.assert_array_equal(softmax(np.array([[1e4, -1e4], [0.0, 0.0]])), [[1, 0], [0, 1]])
    np.testing.assert_allclose(log_softmax([0.0, 1e4]), [-1e4, 0.0])
    np.testing.assert_allclose(log_softmax([-1e4, 1e4, 1e4]), [-2e4 - math.log(2), -math.log(2),
                                                             -math.log(2)])


def test_infinities_give_the_limits_of_the_elementwise_functions() -> None:
    z = np.array([-np.inf, np.inf])
    np.testing.assert_array_equal(sigmoid(z), [0.0, 1.0])
    np.testing.assert_array_equal(tanh(z), [-1.0, 1.0])
    np.testing.assert_array_equal(sigmoid_grad(z), [0.0, 0.0])
    np.testing.assert_array_equal(tanh_grad(z), [0.0, 0.0])
    np.testing.assert_array_equal(elu_grad(z), [0.0, 1.0])


@pytest.mark.parametrize(
    ("f", "kwargs"),
    [(sigmoid, {}), (sigmoid_grad, {}), (tanh, {}), (tanh_grad, {}), (relu, {}), (relu_grad, {}),
     (leaky_relu, {}), (leaky_relu_grad, {}), (elu, {}), (elu_grad, {}), (prelu, {"alpha": 0.2}),
     (prelu_grad, {"alpha": 0.2}), (prelu_grad_alpha, {"alpha": 0.2}), (softmax, {}),
     (log_softmax, {})],
)
def test_dtype_float32_preserved_integers_in_float64_inputs_untouched(f, kwargs) -> None:  # type: ignore[no-untyped-def]
    z32 = np.array([[-3.0, 0.0], [2.0, 1e4]], dtype=np.float32)
    z32_before = z32.copy()
    out = f(z32, **kwargs)
    assert out.dtype == np.float32
    assert out.shape == z32.shape
    np.testing.assert_array_equal(z32, z32_before)
    assert np.isfinite(out).all()
    assert f(np.array([[-3, 0], [2, 5]]), **kwargs).dtype == np.float64


def test_prelu_with_an_array_slope_keeps_float32() -> None:
    z = np.array([[-1.0, 2.0]], dtype=np.float32)
    assert prelu(z, np.array([[0.5]])).dtype == np.float32
    assert prelu_grad(z, np.array([[0.5]])).dtype == np.float32


def test_relu_variants_with_zero_slope_are_relu(rng) -> None:
    z = _points(rng, (4, 5))
    np.testing.assert_array_equal(leaky_relu(z, 0.0), relu(z))
    np.testing.assert_array_equal(prelu(z, 0.0), relu(z))
    np.testing.assert_array_equal(elu(z, 0.0), relu(z))


# ---------------------------------------------------------------- invariants (hypothesis)

finite_arrays = arrays(
    np.float64, array_shapes(min_dims=1, max_dims=3, max_side=6),
    elements=st.floats(-50, 50, allow_subnormal=False),
)


@given(finite_arrays, st.floats(-1e3, 1e3))
def test_softmax_sums_to_one_and_is_shift_invariant(z, c) -> None:  # type: ignore[no-untyped-def]
    s = softmax(z)
    assert np.all(s >= 0)
    np.testing.assert_allclose(s.sum(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(softmax(z + c), s, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(log_softmax(z + c), log_softmax(z), rtol=1e-9, atol=1e-9)


@given(finite_arrays)
def test_log_softmax_is_log_of_softmax_and_at_most_zero(z) -> None:  # type: ignore[no-untyped-def]
    ls = log_softmax(z, axis=-1)
    assert np.all(ls <= 0)
    np.testing.assert_allclose(np.exp(ls), softmax(z, axis=-1), rtol=1e-12, atol=1e-300)


@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e4, 1e4)))
def test_sigmoid_of_minus_z_is_one_minus_sigmoid_of_z(z) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sigmoid_grad(-z), sigmoid_grad(z), rtol=0)


@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-300, 300)))
def test_tanh_is_a_rescaled_sigmoid(z) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_allclose(tanh(z), 2 * sigmoid(2 * z) - 1, atol=1e-14)
    np.testing.assert_allclose(tanh_grad(z), 4 * sigmoid_grad(2 * z), rtol=1e-12)


@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-50, 50)),
       st.floats(0.0, 5.0))
def test_elu_derivative_is_elu_plus_alpha_on_the_left(z, alpha) -> None:  # type: ignore[no-untyped-def]
    left = z <= 0
    np.testing.assert_allclose(elu_grad(z, alpha)[left], elu(z, alpha)[left] + alpha,
                               rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------- bad input

BAD_INPUT = [
    (sigmoid, ([0.0, np.nan],), {}, ValueError, r"z must not contain NaN \(got 1 NaN"),
    (relu_grad, (np.array([]),), {}, ValueError, r"z must not be empty"),
    (tanh, (["a", "b"],), {}, TypeError, r"z must be an array of real numbers"),
    (tanh_grad, ([1 + 2j],), {}, TypeError, r"z must be an array of real numbers"),
    (leaky_relu, ([1.0],), {"alpha": -0.1}, ValueError, r"alpha must be >= 0 \(got -0.1\)"),
    (leaky_relu_grad, ([1.0],), {"alpha": np.inf}, ValueError, r"alpha must be finite"),
    (elu, ([1.0],), {"alpha": -1.0}, ValueError, r"alpha must be >= 0 \(got -1.0\)"),
    (elu_grad, ([1.0],), {"alpha": "1"}, TypeError, r"alpha must be a real number \(got str\)"),
    (elu, ([1.0],), {"alpha": True}, TypeError, r"alpha must be a real number \(got bool\)"),
    (prelu, (np.zeros((3, 4)),), {"alpha": np.zeros((4, 1))}, ValueError,
     r"alpha must broadcast to the shape of z \(3, 4\).*got shape \(4, 1\)"),
    (prelu, (np.zeros((3, 4)),), {"alpha": np.zeros((3, 4, 1))}, ValueError,
     r"alpha must broadcast to the shape of z"),
    (prelu_grad, (np.zeros(3),), {"alpha": np.nan}, ValueError, r"alpha must be a real number"),
    (prelu_grad_alpha, (np.zeros(3),), {"alpha": [0.1, np.inf, 0.1]}, ValueError,
     r"alpha must be finite"),
    (prelu, (np.zeros(3),), {"alpha": None}, TypeError, r"alpha must be an array of real numbers"),
    (softmax, (np.zeros((3, 2)),), {"axis": 2}, ValueError, r"axis must be in \[-2, 2\) .*got 2"),
    (log_softmax, (np.zeros(3),), {"axis": 0.0}, TypeError, r"axis must be an int \(got float\)"),
    (softmax, (1.0,), {}, ValueError, r"z must have at least 1 dimension"),
    (log_softmax, ([0.0, np.inf],), {}, ValueError, r"z must be finite"),
    (softmax, ([[1.0, 2.0], [3.0]],), {}, TypeError, r"z must be array-like"),
    # issue 14: inf for each scalar, bool, a wrong kind of object, a 0-d axis is its int
    (leaky_relu, ([1.0],), {"alpha": -np.inf}, ValueError, r"alpha must be >= 0"),
    (elu, ([1.0],), {"alpha": np.inf}, ValueError, r"alpha must be finite \(got inf"),
    (prelu, (np.zeros(3),), {"alpha": np.inf}, ValueError, r"alpha must be finite"),
    (prelu, (np.zeros(3),), {"alpha": object()}, TypeError, r"alpha must be an array of real"),
    (relu, (None,), {}, TypeError, r"z must be an array of real numbers"),
    (sigmoid_grad, (object(),), {}, TypeError, r"z must be an array of real numbers"),
    (softmax, (np.zeros((3, 2)),), {"axis": True}, TypeError, r"axis must be an int \(got bool"),
    (log_softmax, (np.zeros((3, 2)),), {"axis": "0"}, TypeError, r"axis must be an int"),
    (softmax, ([[0.0], [np.nan]],), {}, ValueError, r"z must be finite"),
]


def test_a_0d_axis_is_its_int() -> None:
    z = np.arange(6.0).reshape(3, 2)
    np.testing.assert_array_equal(softmax(z, axis=np.array(1)), softmax(z, axis=1))


@pytest.mark.parametrize(("f", "args", "kwargs", "error", "message"), BAD_INPUT,
                         ids=[f"{case[0].__name__}-{i}" for i, case in enumerate(BAD_INPUT)])
def test_bad_input_raises_a_message_naming_the_argument(f, args, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        f(*args, **kwargs)


# The references the chapter shows (shared/DESIGN.md, "Two rooms"): the public functions are
# their references after validation, and the references themselves keep float32, leave z alone
# and raise no warning for |z| up to 1e4.

REFERENCES: list[tuple[Callable[..., Array], Callable[..., Array], tuple]] = [
    (sigmoid, activations._sigmoid, ()),
    (sigmoid_grad, activations._sigmoid_grad, ()),
    (tanh, activations._tanh, ()),
    (tanh_grad, activations._tanh_grad, ()),
    (relu, activations._relu, ()),
    (relu_grad, activations._relu_grad, ()),
    (leaky_relu, activations._leaky_relu, (0.2,)),
    (leaky_relu_grad, activations._leaky_relu_grad, (0.2,)),
    (elu, activations._elu, (0.5,)),
    (elu_grad, activations._elu_grad, (0.5,)),
    (prelu, activations._prelu, (0.25,)),
    (prelu_grad, activations._prelu_grad, (0.25,)),
    (prelu_grad_alpha, activations._prelu_grad_alpha, (0.25,)),
    (softmax, activations._softmax, (0,)),
    (log_softmax, activations._log_softmax, (0,)),
]


@pytest.mark.parametrize(("public", "reference", "args"), REFERENCES,
                         ids=lambda x: getattr(x, "__name__", ""))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_public_function_is_its_reference_after_validation(  # type: ignore[no-untyped-def]
    public, reference, args, dtype, rng
) -> None:
    z = _points(rng, (4, 6)).astype(dtype)
    z[0, 0], z[-1, -1] = 1e4, -1e4
    before = z.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        expected = reference(z, *args)
        got = public(z, *args)
    np.testing.assert_array_equal(got, expected)
    assert expected.dtype == dtype and expected.shape == z.shape
    assert np.all(np.isfinite(expected))
    np.testing.assert_array_equal(z, before)  # the reference does not modify z


def test_prelu_reference_takes_one_slope_per_unit(rng) -> None:  # type: ignore[no-untyped-def]
    z = rng.standard_normal((3, 5)).astype(np.float32)
    alpha = np.array([[0.1], [0.2], [0.3]], dtype=np.float32)
    got = activations._prelu(z, alpha)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, np.where(z > 0, z, alpha * z))
    np.testing.assert_array_equal(activations._prelu_grad(z, alpha),
                                  np.where(z > 0, 1.0, alpha * np.ones_like(z)))


# -------------------------------------------------- defaults, boundaries and exact messages

def test_references_default_to_the_class_axis_0() -> None:
    """The chapter's references take columns by default."""
    z = np.array([[1.0, 0.0, 5.0], [2.0, 0.0, -1.0]])  # 2 classes, 3 examples
    expected = np.exp(z) / np.exp(z).sum(axis=0)
    np.testing.assert_allclose(_softmax(z), expected)
    np.testing.assert_allclose(_log_softmax(z), np.log(expected))


def test_log_softmax_rejects_a_0d_input_naming_z() -> None:
    """Min_ndim=1, as softmax: a distribution needs a class axis."""
    with pytest.raises(
        ValueError, match=r"^z must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        log_softmax(1.0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: leaky_relu([1.0, -1.0], alpha=np.inf),
        lambda: leaky_relu_grad([1.0, -1.0], alpha=np.inf),
        lambda: elu([1.0, -1.0], alpha=np.inf),
        lambda: elu_grad([1.0, -1.0], alpha=np.inf),
        lambda: prelu([1.0, -1.0], alpha=np.inf),
        lambda: prelu_grad([1.0, -1.0], alpha=np.inf),
    ],
    ids=["leaky_relu", "leaky_relu_grad", "elu", "elu_grad", "prelu", "prelu_grad"],
)
def test_an_infinite_slope_is_rejected_naming_alpha(call) -> None:  # type: ignore[no-untyped-def]
    """The message, not only the ValueError."""
    with pytest.raises(ValueError, match=r"^alpha must be finite \(got inf\)$"):
        call()


def test_a_misshaped_prelu_slope_is_told_the_shape_per_unit() -> None:
    """The suggested shape is (units, 1), or (1, 1) for a 0-d z."""
    with pytest.raises(
        ValueError,
        match=r"^alpha must broadcast to the shape of z \(3, 4\), e\.g\. one slope per unit of "
        r"shape \(3, 1\) \(got shape \(4, 1\)\)$",
    ):
        prelu(np.ones((3, 4)), alpha=np.ones((4, 1)))
    with pytest.raises(
        ValueError,
        match=r"^alpha must broadcast to the shape of z \(\), e\.g\. one slope per unit of "
        r"shape \(1, 1\) \(got shape \(2,\)\)$",
    ):
        prelu(0.5, alpha=[1.0, 2.0])
