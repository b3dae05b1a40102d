"""dlnotes.layers: one layer's forward/backward against PyTorch, gradient checks, bad input."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.gradcheck import numerical_gradient
from dlnotes.layers import (
    ACTIVATIONS,
    _linear_activation_backward,
    activation_backward,
    activation_forward,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
)

SHAPES = [(1, 1, 1), (3, 2, 5), (4, 7, 1), (6, 3, 20)]  # (n[l-1], n[l], m)


def tensor(x: np.ndarray, grad: bool = False) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64, requires_grad=grad)


TORCH_G: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "linear": lambda z: z,
    "softmax": lambda z: torch.softmax(z, dim=0),
}


def layer(
    shape: tuple[int, int, int], seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n_prev, n, m = shape
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
        rng.standard_normal((n, m)),  # a random upstream gradient
    )


# ---------------------------------------------------------------- linear part


@pytest.mark.parametrize("shape", SHAPES)
def test_linear_forward_and_backward_match_torch(shape: tuple[int, int, int]) -> None:
    A, W, b, G = layer(shape, sum(shape))
    m = shape[2]
    Z, cache = linear_forward(A, W, b)
    dA_prev, dW, db = linear_backward(G, cache)
    tA, tW, tb = tensor(A, True), tensor(W, True), tensor(b, True)
    tZ = tW @ tA + tb
    # J = (1/m) Σ G ⊙ Z: G is the per-example gradient dZ, so dW, db are ∂J/∂W, ∂J/∂b and
    # dA_prev is the per-example gradient m·∂J/∂A_prev (module docstring)
    ((tZ * tensor(G)).sum() / m).backward()
    assert np.allclose(Z, tZ.detach().numpy(), rtol=1e-13, atol=1e-14)
    assert np.allclose(dW, tW.grad.numpy(), rtol=1e-13, atol=1e-14)
    assert np.allclose(db, tb.grad.numpy(), rtol=1e-13, atol=1e-14)
    assert np.allclose(dA_prev, m * tA.grad.numpy(), rtol=1e-13, atol=1e-14)
    assert (dA_prev.shape, dW.shape, db.shape) == (A.shape, W.shape, b.shape)


@pytest.mark.parametrize("shape", SHAPES)
def test_linear_backward_passes_a_central_difference_check(shape: tuple[int, int, int]) -> None:
    A, W, b, G = layer(shape, 10 + sum(shape))
    m = shape[2]
    dA_prev, dW, db = linear_backward(G, linear_forward(A, W, b)[1])

    def J(A_: np.ndarray, W_: np.ndarray, b_: np.ndarray) -> float:
        return float(np.sum(G * linear_forward(A_, W_, b_)[0])) / m

    assert np.allclose(dW, numerical_gradient(lambda x: J(A, x, b), W), rtol=1e-6, atol=1e-8)
    assert np.allclose(db, numerical_gradient(lambda x: J(A, W, x), b), rtol=1e-6, atol=1e-8)
    dA_num = m * numerical_gradient(lambda x: J(x, W, b), A)
    assert np.allclose(dA_prev, dA_num, rtol=1e-6, atol=1e-7)


@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_linear_backward_gradient_check_at_random_points(
    n_prev: int, n: int, m: int, seed: int
) -> None:
    A, W, b, G = layer((n_prev, n, m), seed)
    dA_prev, dW, _ = linear_backward(G, linear_forward(A, W, b)[1])

    def J(A_: np.ndarray, W_: np.ndarray) -> float:
        return float(np.sum(G * linear_forward(A_, W_, b)[0])) / m

    assert np.allclose(dW, numerical_gradient(lambda x: J(A, x), W), rtol=1e-5, atol=1e-7)
    assert np.allclose(dA_prev, m * numerical_gradient(lambda x: J(x, W), A), rtol=1e-5, atol=1e-6)


def test_notes_shape_checklist() -> None:
    # notes 003 §4.3 and 002: W (n[l], n[l-1]), b (n[l], 1), Z and A (n[l], m); dW like W, db
    # like b, dZ like Z
    n_prev, n, m = 5, 3, 8
    Z, cache = linear_forward(np.ones((n_prev, m)), np.ones((n, n_prev)), np.ones((n, 1)))
    assert Z.shape == (n, m)
    dA_prev, dW, db = linear_backward(np.ones_like(Z), cache)
    assert (dA_prev.shape, dW.shape, db.shape) == ((n_prev, m), (n, n_prev), (n, 1))


def test_linear_keeps_float32_and_accepts_ints() -> None:
    A32, W32 = np.ones((2, 3), np.float32), np.ones((1, 2), np.float32)
    b32 = np.zeros((1, 1), np.float32)
    Z, cache = linear_forward(A32, W32, b32)
    grads = linear_backward(np.ones((1, 3), np.float32), cache)
    assert Z.dtype == np.float32 and all(g.dtype == np.float32 for g in grads)
    Z_int, _ = linear_forward(np.ones((2, 3), int), np.ones((1, 2), int), np.zeros((1, 1), int))
    assert Z_int.dtype == np.float64 and Z_int.tolist() == [[2.0, 2.0, 2.0]]


def test_linear_does_not_modify_its_inputs() -> None:
    A, W, b, G = layer((3, 2, 4), 0)
    copies = [x.copy() for x in (A, W, b, G)]
    linear_backward(G, linear_forward(A, W, b)[1])
    assert all(np.array_equal(x, c) for x, c in zip((A, W, b, G), copies, strict=True))


# ---------------------------------------------------------------- activation and full layer


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("shape", SHAPES[1:])
def test_linear_activation_forward_and_backward_match_torch(
    activation: str, shape: tuple[int, int, int]
) -> None:
    A, W, b, G = layer(shape, 20 + sum(shape))
    m = shape[2]
    A_out, cache = linear_activation_forward(A, W, b, activation)
    dA_prev, dW, db = linear_activation_backward(G, cache)
    tA, tW, tb = tensor(A, True), tensor(W, True), tensor(b, True)
    tA_out = TORCH_G[activation](tW @ tA + tb)
    ((tA_out * tensor(G)).sum() / m).backward()
    assert np.allclose(A_out, tA_out.detach().numpy(), rtol=1e-13, atol=1e-15)
    assert np.allclose(dW, tW.grad.numpy(), rtol=1e-12, atol=1e-14)
    assert np.allclose(db, tb.grad.numpy(), rtol=1e-12, atol=1e-14)
    assert np.allclose(dA_prev, m * tA.grad.numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_activation_backward_passes_a_central_difference_check(activation: str) -> None:
    rng = np.random.default_rng(5)
    Z = rng.standard_normal((4, 6))
    Z[np.abs(Z) < 1e-3] = 0.5  # stay off the kink of ReLU and Leaky ReLU at 0
    G = rng.standard_normal((4, 6))
    dZ = activation_backward(G, Z, activation)
    approx = numerical_gradient(lambda z: float(np.sum(G * activation_forward(z, activation))), Z)
    assert np.allclose(dZ, approx, rtol=1e-6, atol=1e-8)


def test_relu_backward_at_zero_is_zero_like_torch() -> None:
    dZ = activation_backward(np.ones((1, 3)), np.array([[-1.0, 0.0, 1.0]]), "relu")
    tz = tensor(np.array([[-1.0, 0.0, 1.0]]), True)
    torch.relu(tz).sum().backward()
    assert dZ.tolist() == tz.grad.tolist() == [[0.0, 0.0, 1.0]]


def test_softmax_activation_of_huge_logits_is_finite() -> None:
    Z = np.array([[1e4, -1e4], [0.0, 1e4], [-1e4, 0.0]])
    A = activation_forward(Z, "softmax")
    dZ = activation_backward(np.ones_like(Z), Z, "softmax")
    assert np.isfinite(A).all() and np.allclose(A.sum(axis=0), 1.0)
    assert np.allclose(dZ, 0.0)  # a constant upstream gradient is orthogonal to softmax's range


def test_cache_holds_the_linear_cache_z_and_the_activation_name() -> None:
    A, W, b, _ = layer((3, 2, 4), 1)
    A_out, cache = linear_activation_forward(A, W, b, "tanh")
    assert cache.activation == "tanh" and np.allclose(np.tanh(cache.Z), A_out)
    assert cache.linear.A_prev is not None and np.array_equal(cache.linear.W, W)


# ---------------------------------------------------------------- bad input

A0, W0, b0 = np.ones((3, 4)), np.ones((2, 3)), np.ones((2, 1))
_, CACHE = linear_forward(A0, W0, b0)
_, ACT_CACHE = linear_activation_forward(A0, W0, b0, "relu")

LAF, LAB = linear_activation_forward, linear_activation_backward
CACHE_MSG = r"cache must be the \(linear_cache, Z, activation\) tuple"
CHOICES = "'relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear', 'softmax'"

BAD_INPUT: list[tuple[Callable[[], object], type[Exception], str]] = [
    (
        lambda: linear_forward(A0, np.ones((2, 4)), b0),
        ValueError,
        r"W must have A_prev.shape\[0\] = 3 columns.*got W \(2, 4\) and A_prev \(3, 4\)",
    ),
    (
        lambda: linear_forward(A0, W0, np.ones((3, 1))),
        ValueError,
        r"b must have shape \(n\[l\], 1\) = \(2, 1\) \(got \(3, 1\)\)",
    ),
    (lambda: linear_forward(A0, W0, np.ones(2)), ValueError, r"b must be 2-D \(got shape \(2,\)\)"),
    (lambda: linear_forward(np.ones(3), W0, b0), ValueError, r"A_prev must be 2-D"),
    (lambda: linear_forward(A0, np.ones(3), b0), ValueError, r"W must be 2-D"),
    (lambda: linear_forward(np.full((3, 4), np.inf), W0, b0), ValueError, "A_prev must be finite"),
    (lambda: linear_forward(A0, [["a"] * 3] * 2, b0), TypeError, "W must be an array of real"),
    (
        lambda: linear_backward(np.ones((2, 5)), CACHE),
        ValueError,
        r"dZ must have shape \(n\[l\], m\) = \(2, 4\) \(got \(2, 5\)\)",
    ),
    (lambda: linear_backward(np.ones((4,)), CACHE), ValueError, r"dZ must have shape"),
    (lambda: linear_backward(np.ones((2, 4)), (A0, W0)), TypeError, r"\(A_prev, W, b\) tuple"),
    (lambda: linear_backward(np.ones((2, 4)), None), TypeError, r"\(A_prev, W, b\) tuple"),
    (
        lambda: activation_forward(A0, "swish"),
        ValueError,
        rf"activation must be one of {CHOICES} \(got 'swish'\)",
    ),
    (lambda: activation_backward(A0, A0, "ReLU"), ValueError, r"one of .* \(got 'ReLU'\)"),
    (
        lambda: activation_backward(np.ones((4, 3)), A0, "relu"),
        ValueError,
        r"dA must have the shape of Z \(3, 4\) \(got \(4, 3\)\)",
    ),
    (lambda: LAF(A0, W0, b0, None), TypeError, "activation must be a string, one of"),
    (lambda: LAB(np.ones((2, 4)), CACHE), TypeError, CACHE_MSG),
    (lambda: LAB(np.ones((2, 4)), ACT_CACHE[:2]), TypeError, CACHE_MSG),
    (lambda: LAB(np.ones((2, 3)), ACT_CACHE), ValueError,
     r"dA must have the shape of cache.Z \(2, 4\)"),
    # issue 14: NaN/inf in each array, non-string choices, wrong kinds
    (lambda: linear_forward(np.full((3, 4), np.nan), W0, b0), ValueError,
     r"A_prev must be finite"),
    (lambda: linear_forward(A0, np.full((2, 3), np.inf), b0), ValueError, r"W must be finite"),
    (lambda: linear_forward(A0, W0, np.full((2, 1), -np.inf)), ValueError, r"b must be finite"),
    (lambda: linear_forward(A0, W0, True), ValueError, r"b must be 2-D"),
    (lambda: activation_forward(A0, 1), TypeError, r"activation must be a string, one of"),
    (lambda: activation_forward(np.full((3, 4), np.nan), "relu"), ValueError,
     r"Z must be finite"),
    (lambda: activation_backward(np.full((3, 4), np.inf), A0, "relu"), ValueError,
     r"dA must be finite"),
    (lambda: linear_backward(np.full((2, 4), np.nan), CACHE), ValueError, r"dZ must be finite"),
    (lambda: LAB(np.ones((2, 4)), "cache"), TypeError, CACHE_MSG),
]


@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_raises_a_named_error(
    call: Callable[[], object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()


def test_linear_backward_checks_a_hand_made_tuple_cache_but_trusts_its_own() -> None:
    A, W, b = np.ones((2, 3)), np.ones((1, 2)), np.zeros((1, 1))
    _, cache = linear_forward(A, W, b)
    dZ = np.ones((1, 3))
    np.testing.assert_array_equal(linear_backward(dZ, cache)[1], [[1.0, 1.0]])
    with pytest.raises(ValueError, match=r"A_prev must be finite \(got 1 NaN"):
        linear_backward(dZ, (np.array([[np.nan, 1.0, 1.0], [1.0, 1.0, 1.0]]), W, b))
    with pytest.raises(ValueError, match=r"dZ must be finite"):
        linear_backward(np.array([[1.0, np.inf, 1.0]]), cache)


# -------------------------------------------------- defaults, boundaries and exact messages

A_PREV = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])  # n[l−1] = 2, m = 3
W = np.array([[0.5, -1.0], [2.0, 0.25]])
B = np.array([[0.1], [-0.2]])
DA = np.array([[1.0, -0.5, 2.0], [0.3, 0.0, -1.0]])


@pytest.mark.parametrize(
    "activation", ["relu", "tanh", "sigmoid", "leaky_relu", "linear", "softmax"]
)
def test_the_chapter_backward_block_matches_the_public_one(activation: str) -> None:
    """The reference the chapter shows (dZ from dA and Z,
    then the linear part) gives the public function's dA_prev, dW, db."""
    _, cache = linear_activation_forward(A_PREV, W, B, activation)
    expected = linear_activation_backward(DA, cache)
    for got, want in zip(_linear_activation_backward(DA, cache), expected, strict=True):
        np.testing.assert_allclose(got, want)


@pytest.mark.parametrize(
    ("cache", "message"),
    [
        ((A_PREV, np.ones(2), B), r"^cache.W must be 2-D \(got shape \(2,\)\)$"),
        ((A_PREV, W, np.zeros(2)), r"^cache.b must be 2-D \(got shape \(2,\)\)$"),
        ((A_PREV, np.ones((2, 3)), B), r"^cache must hold A_prev \(n\[l-1\], m\), W \(n\[l\], "
         r"n\[l-1\]\) and b \(n\[l\], 1\) \(got shapes \(2, 3\), \(2, 3\) and \(2, 1\)\)$"),
        ((A_PREV, W, np.zeros((3, 1))), r"^cache must hold A_prev .* \(3, 1\)\)$"),
        ((np.full((2, 3), np.nan), W, B), r"^cache.A_prev must be finite"),
    ],
    ids=["W", "b", "W of the wrong width", "b of the wrong height", "NaN in A_prev"],
)
def test_linear_backward_names_the_bad_part_of_its_cache(cache, message) -> None:  # type: ignore[no-untyped-def]
    # a malformed cache is the cache's fault: the message names it, not A_prev or W
    with pytest.raises(ValueError, match=message):
        linear_backward(np.ones((2, 3)), cache)


@pytest.mark.parametrize(
    ("cache", "error", "message"),
    [
        (((A_PREV, W, B), np.ones((2, 3)), "gelu"), ValueError,
         r"^cache.activation must be one of 'relu', .* \(got 'gelu'\)$"),
        (((A_PREV, W, B), np.ones((3, 3)), "relu"), ValueError,
         r"^cache.Z must have the shape \(n\[l\], m\) = \(2, 3\) of the cache's linear part "
         r"\(got \(3, 3\)\)$"),
        (((A_PREV, W, B), np.ones(3), "relu"), ValueError, r"^cache.Z must be 2-D"),
        # W (1, 2): the expected shape names n[l] = W.shape[0], not W.shape[1]
        (((A_PREV, W[:1], B[:1]), np.ones((2, 3)), "relu"), ValueError,
         r"^cache.Z must have the shape \(n\[l\], m\) = \(1, 3\) of the cache's linear part "),
        (((A_PREV, W), np.ones((2, 3)), "relu"), TypeError,
         r"^cache.linear must be the \(A_prev, W, b\) tuple of linear_forward \(got tuple\)$"),
        (((A_PREV, W, np.ones(2)), np.ones((2, 3)), "relu"), ValueError,
         r"^cache.linear.b must be 2-D"),
    ],
    ids=["activation", "Z shape", "Z 1-D", "n[l] from W", "linear part short", "linear part's b"],
)
def test_linear_activation_backward_names_the_bad_part_of_its_cache(
    cache: tuple, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        linear_activation_backward(DA, cache)


def test_a_cache_of_the_wrong_kind_is_named_with_its_type() -> None:
    """The messages in full."""
    with pytest.raises(
        TypeError,
        match=r"^cache must be the \(A_prev, W, b\) tuple of linear_forward \(got list\)$",
    ):
        linear_backward(np.ones((2, 3)), [A_PREV, W, B])
    with pytest.raises(
        TypeError,
        match=r"^cache must be the \(linear_cache, Z, activation\) tuple of "
        r"linear_activation_forward \(got list\)$",
    ):
        linear_activation_backward(DA, [1, 2, 3])


def test_activation_backward_names_Z_and_activation() -> None:
    with pytest.raises(ValueError, match=r"^Z must be finite \(got 1 NaN or infinite entries\)$"):
        activation_backward(np.ones((1, 3)), [[np.nan, 1.0, 1.0]], "relu")
    with pytest.raises(
        ValueError,
        match=r"^activation must be one of 'relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear', "
        r"'softmax' \(got 'gelu'\)$",
    ):
        activation_backward(np.ones((1, 3)), np.ones((1, 3)), "gelu")


def test_linear_activation_backward_names_a_non_finite_dA() -> None:
    # from surviving mutants: the message names dA exactly
    _, cache = linear_activation_forward(A_PREV, W, B, "tanh")
    with pytest.raises(ValueError, match=r"^dA must be finite \(got 1 NaN or infinite entries\)$"):
        linear_activation_backward(np.array([[np.nan, 0.0, 0.0], [0.0, 0.0, 0.0]]), cache)

