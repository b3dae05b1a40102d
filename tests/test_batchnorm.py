"""dlnotes.batchnorm: forward, backward, running statistics and inference against PyTorch
(float64, with the running-variance convention applied explicitly), gradient checks,
invariants and bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes.batchnorm import (
    BatchNormCache,
    _batchnorm_forward,
    _batchnorm_inference,
    _update_running_stats,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
    update_running_stats,
)
from dlnotes.gradcheck import numerical_gradient

SHAPES = [(1, 2), (3, 5), (4, 16), (7, 3)]


def _layer(rng: np.random.Generator, n: int, m: int) -> tuple[np.ndarray, ...]:
    Z = rng.normal(loc=2.0, scale=3.0, size=(n, m))
    gamma = rng.uniform(0.5, 2.0, size=(n, 1))
    beta = rng.normal(size=(n, 1))
    return Z, gamma, beta


def _torch_bn(Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> tuple:
    """torch's batch norm in training mode; torch wants (batch, features), so Z is transposed."""
    Zt = torch.tensor(Z.T, requires_grad=True)
    g = torch.tensor(gamma.ravel(), requires_grad=True)
    b = torch.tensor(beta.ravel(), requires_grad=True)
    out = F.batch_norm(Zt, None, None, weight=g, bias=b, training=True, eps=eps)
    return out, Zt, g, b


# ---------------------------------------------------------------- PyTorch reference


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("eps", [1e-5, 1e-3])
def test_forward_matches_torch_batch_norm(shape: tuple[int, int], eps: float) -> None:
    Z, gamma, beta = _layer(np.random.default_rng(sum(shape)), *shape)
    ours, cache = batchnorm_forward(Z, gamma, beta, eps=eps)
    out, *_ = _torch_bn(Z, gamma, beta, eps)
    np.testing.assert_allclose(ours, out.detach().numpy().T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cache.mu.ravel(), Z.mean(axis=1), rtol=1e-14)
    np.testing.assert_allclose(cache.var.ravel(), Z.var(axis=1), rtol=1e-12)  # biased, 1/m


@pytest.mark.parametrize("shape", SHAPES)
def test_backward_matches_torch_autograd_with_a_random_upstream_gradient(
    shape: tuple[int, int],
) -> None:
    rng = np.random.default_rng(10 + sum(shape))
    Z, gamma, beta = _layer(rng, *shape)
    upstream = rng.normal(size=shape)
    _, cache = batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = batchnorm_backward(upstream, cache)
    out, Zt, g, b = _torch_bn(Z, gamma, beta, 1e-5)
    tdZ, tdg, tdb = torch.autograd.grad(out, (Zt, g, b), grad_outputs=torch.tensor(upstream.T))
    np.testing.assert_allclose(dZ, tdZ.numpy().T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dgamma.ravel(), tdg.numpy(), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(dbeta.ravel(), tdb.numpy(), rtol=1e-12, atol=1e-13)
    assert dZ.shape == shape and dgamma.shape == dbeta.shape == (shape[0], 1)


@pytest.mark.parametrize("shape", [(3, 5), (2, 8)])
@pytest.mark.parametrize("beta_ewa", [0.9, 0.5, 0.0])
def test_running_stats_match_batchnorm1d_with_momentum_1_minus_beta_and_unbiased_variance(
    shape: tuple[int, int], beta_ewa: float
) -> None:
    # SOURCES.md erratum 18: torch averages the UNBIASED batch variance with momentum = 1 − β.
    # Feeding torch's convention through update_running_stats (var·m/(m−1)) must reproduce it.
    n, m = shape
    rng = np.random.default_rng(3)
    bn = torch.nn.BatchNorm1d(n, momentum=1 - beta_ewa, dtype=torch.float64)
    mean, var = np.zeros((n, 1)), np.ones((n, 1))  # torch's initial running statistics
    notes_mean, notes_var = np.zeros((n, 1)), np.ones((n, 1))
    for _ in range(4):
        Z = rng.normal(loc=1.0, scale=2.0, size=shape)
        bn.train()
        bn(torch.tensor(Z.T))
        _, cache = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)))
        unbiased = cache._replace(var=cache.var * m / (m - 1))
        mean, var = update_running_stats(mean, var, unbiased, beta=beta_ewa)
        notes_mean, notes_var = update_running_stats(notes_mean, notes_var, cache, beta=beta_ewa)
    np.testing.assert_allclose(mean.ravel(), bn.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(var.ravel(), bn.running_var.numpy(), rtol=1e-12)
    np.testing.assert_allclose(notes_mean, mean, rtol=1e-14)
    if beta_ewa < 1:  # the notes' biased average is smaller by exactly the Bessel terms
        assert np.all(notes_var < var)


@pytest.mark.parametrize("m", [1, 4])
def test_inference_matches_batchnorm1d_in_eval_mode(m: int) -> None:
    rng = np.random.default_rng(4)
    n = 3
    Z, gamma, beta = _layer(rng, n, m)
    running_mean, running_var = rng.normal(size=(n, 1)), rng.uniform(0.5, 3.0, size=(n, 1))
    bn = torch.nn.BatchNorm1d(n, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor(gamma.ravel()))
        bn.bias.copy_(torch.tensor(beta.ravel()))
        bn.running_mean.copy_(torch.tensor(running_mean.ravel()))
        bn.running_var.copy_(torch.tensor(running_var.ravel()))
    bn.eval()
    expected = bn(torch.tensor(Z.T)).detach().numpy().T
    ours = batchnorm_inference(Z, gamma, beta, running_mean, running_var)
    np.testing.assert_allclose(ours, expected, rtol=1e-12, atol=1e-13)


# ---------------------------------------------------------------- gradient checks


@pytest.mark.parametrize("shape", [(2, 3), (3, 6)])
def test_backward_passes_a_central_difference_check(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(20)
    Z, gamma, beta = _layer(rng, *shape)
    upstream = rng.normal(size=shape)  # random: a constant one would hide dZ
    _, cache = batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = batchnorm_backward(upstream, cache)

    def cost(Z_: np.ndarray, g_: np.ndarray, b_: np.ndarray) -> float:
        return float(np.sum(batchnorm_forward(Z_, g_, b_)[0] * upstream))

    np.testing.assert_allclose(dZ, numerical_gradient(lambda x: cost(x, gamma, beta), Z), atol=1e-6)
    np.testing.assert_allclose(
        dgamma, numerical_gradient(lambda x: cost(Z, x, beta), gamma), atol=1e-6
    )
    np.testing.assert_allclose(
        dbeta, numerical_gradient(lambda x: cost(Z, gamma, x), beta), atol=1e-6
    )


# ---------------------------------------------------------------- invariants


@given(
    Z=arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(2, 20)),
        elements=st.floats(-50, 50),
    )
)
def test_output_has_zero_mean_and_unit_variance_per_row_up_to_eps_property(Z: np.ndarray) -> None:
    n = Z.shape[0]
    out, cache = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)))
    var = cache.var.ravel()
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-9)
    # the variance is σ²/(σ² + ε): 1 up to ε, exactly 0 for a constant row
    np.testing.assert_allclose(out.var(axis=1), var / (var + 1e-5), rtol=1e-7, atol=1e-9)


@given(
    Z=arrays(np.float64, (3, 6), elements=st.floats(-50, 50)),
    b=arrays(np.float64, (3, 1), elements=st.floats(-100, 100)),
)
def test_bias_before_batch_norm_is_redundant_property(Z: np.ndarray, b: np.ndarray) -> None:
    # notes 000 §3.5: b[l] is removed by the mean subtraction
    gamma, beta = np.full((3, 1), 1.5), np.full((3, 1), -0.5)
    with_b, _ = batchnorm_forward(Z + b, gamma, beta)
    without, cache = batchnorm_forward(Z, gamma, beta)
    scale = 1 + np.abs(Z).max() + np.abs(b).max()
    assert np.all(np.abs(with_b - without) <= 1e-7 * scale * (1 + 1 / cache.std))


@given(
    Z=arrays(np.float64, (3, 7), elements=st.floats(-50, 50)),
    G=arrays(np.float64, (3, 7), elements=st.floats(-5, 5)),
)
def test_dZ_sums_to_zero_and_is_orthogonal_to_z_hat_up_to_eps_property(
    Z: np.ndarray, G: np.ndarray
) -> None:
    # the mean path removes the ones direction exactly: Σ_i dz = 0; the variance path removes
    # the ẑ direction up to ε: Σ_i dz·ẑ = (1/√(σ²+ε))·ε/(σ²+ε)·Σ_i dẑ·ẑ
    gamma = np.full((3, 1), 1.3)
    _, cache = batchnorm_forward(Z, gamma, np.zeros((3, 1)))
    dZ, _, _ = batchnorm_backward(G, cache)
    inv_std = 1 / cache.std
    bound = 1e-9 * (1 + np.abs(G).sum()) * (1 + inv_std.max())
    assert np.all(np.abs(dZ.sum(axis=1)) <= bound)
    along = np.sum(gamma * G * cache.Z_norm, axis=1, keepdims=True)
    expected = inv_std * 1e-5 / (cache.var + 1e-5) * along
    assert np.all(np.abs(np.sum(dZ * cache.Z_norm, axis=1, keepdims=True) - expected) <= bound)


@given(Z=arrays(np.float64, (2, 5), elements=st.floats(-50, 50)))
def test_inference_with_the_batch_statistics_equals_training_mode_property(Z: np.ndarray) -> None:
    gamma, beta = np.array([[0.5], [2.0]]), np.array([[1.0], [-1.0]])
    train_out, cache = batchnorm_forward(Z, gamma, beta)
    infer_out = batchnorm_inference(Z, gamma, beta, cache.mu, cache.var)
    np.testing.assert_allclose(infer_out, train_out, rtol=1e-10, atol=1e-10)


def test_a_constant_row_normalizes_to_beta_without_warnings() -> None:
    Z = np.vstack([np.full((1, 4), 7.0), np.arange(4.0)[None, :]])
    out, cache = batchnorm_forward(Z, np.full((2, 1), 3.0), np.array([[0.25], [0.0]]))
    np.testing.assert_array_equal(out[0], 0.25)
    dZ, _, _ = batchnorm_backward(np.random.default_rng(0).normal(size=(2, 4)), cache)
    assert np.isfinite(dZ).all()


def test_large_inputs_stay_finite_and_two_pass_variance_is_accurate() -> None:
    # |μ| ≫ σ: E[z²] − μ² would lose every digit; the two-pass variance does not
    Z = 1e4 + np.array([[0.0, 1e-3, 2e-3, 3e-3]])
    _, cache = batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)))
    assert cache.var[0, 0] == pytest.approx(np.var([0.0, 1e-3, 2e-3, 3e-3]), rel=1e-6)
    out, _ = batchnorm_forward(np.array([[1e4, -1e4, 0.0]]), np.ones((1, 1)), np.zeros((1, 1)))
    assert np.isfinite(out).all()


def test_float32_in_float32_out_and_inputs_not_mutated() -> None:
    Z = np.random.default_rng(0).normal(size=(2, 5)).astype(np.float32)
    gamma, beta = np.ones((2, 1), np.float32), np.zeros((2, 1), np.float32)
    before = Z.copy()
    out, cache = batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = batchnorm_backward(np.ones_like(Z), cache)
    rm, rv = update_running_stats(np.zeros((2, 1), np.float32), np.ones((2, 1), np.float32), cache)
    inf = batchnorm_inference(Z, gamma, beta, rm, rv)
    for arr in (out, dZ, dgamma, dbeta, rm, rv, inf):
        assert arr.dtype == np.float32
    np.testing.assert_array_equal(Z, before)


def test_update_running_stats_is_an_ewa_from_its_start() -> None:
    # notes 000 §2.3: v_t = β v_{t−1} + (1 − β) θ_t, from v_0 = 0 (no bias correction)
    rng = np.random.default_rng(5)
    mean, var = np.zeros((1, 1)), np.zeros((1, 1))
    mus, vars_ = [], []
    for _ in range(5):
        _, cache = batchnorm_forward(rng.normal(size=(1, 8)), np.ones((1, 1)), np.zeros((1, 1)))
        mus.append(cache.mu[0, 0])
        vars_.append(cache.var[0, 0])
        mean, var = update_running_stats(mean, var, cache, beta=0.9)
    weights = 0.1 * 0.9 ** np.arange(4, -1, -1)
    assert mean[0, 0] == pytest.approx(np.dot(weights, mus), rel=1e-13)
    assert var[0, 0] == pytest.approx(np.dot(weights, vars_), rel=1e-13)


# ---------------------------------------------------------------- bad input

Z0, G1, B1 = np.ones((2, 4)), np.ones((2, 1)), np.zeros((2, 1))
_, CACHE = batchnorm_forward(np.arange(8.0).reshape(2, 4), G1, B1)

BAD: list[tuple[Callable[..., Any], tuple, dict, type[Exception], str]] = [
    (
        batchnorm_forward,
        (np.ones((2, 1)), G1, B1),
        {},
        ValueError,
        r"Z must have at least 2 examples \(columns\).*\(got shape \(2, 1\)\)",
    ),
    (batchnorm_forward, (np.ones(4), G1, B1), {}, ValueError, r"Z must be 2-D"),
    (
        batchnorm_forward,
        (Z0, np.ones((2,)), B1),
        {},
        ValueError,
        r"gamma must have shape \(2, 1\) \(got \(2,\)\)",
    ),
    (
        batchnorm_forward,
        (Z0, G1, np.zeros((1, 2))),
        {},
        ValueError,
        r"beta must have shape \(2, 1\) \(got \(1, 2\)\)",
    ),
    (batchnorm_forward, (Z0, G1, B1), {"eps": 0.0}, ValueError, r"eps must be > 0 \(got 0\.0\)"),
    (
        batchnorm_forward,
        (np.array([[1.0, np.nan]]), G1[:1], B1[:1]),
        {},
        ValueError,
        r"Z must be finite",
    ),
    (
        batchnorm_backward,
        (np.ones((2, 3)), CACHE),
        {},
        ValueError,
        r"dZ_tilde must have the shape of Z \(2, 4\) \(got \(2, 3\)\)",
    ),
    (
        batchnorm_backward,
        (np.ones((2, 4)), (1, 2)),
        {},
        TypeError,
        r"cache must be the BatchNormCache",
    ),
    (
        update_running_stats,
        (B1, G1, CACHE),
        {"beta": 1.0},
        ValueError,
        r"beta must be in \[0, 1\) \(got 1\.0\)",
    ),
    (update_running_stats, (B1, -G1, CACHE), {}, ValueError, r"running_var must be >= 0"),
    (
        update_running_stats,
        (np.zeros((3, 1)), G1, CACHE),
        {},
        ValueError,
        r"running_mean must have shape \(2, 1\)",
    ),
    (update_running_stats, (B1, G1, "cache"), {}, TypeError, r"cache must be the BatchNormCache"),
    (batchnorm_inference, (Z0, G1, B1, B1, -G1), {}, ValueError, r"running_var must be >= 0"),
    (
        batchnorm_inference,
        (Z0, G1, B1, B1, np.ones((2,))),
        {},
        ValueError,
        r"running_var must have shape \(2, 1\)",
    ),
    (batchnorm_inference, (Z0, G1, B1, B1, G1), {"eps": -1.0}, ValueError, r"eps must be > 0"),
    # issue 14: eps=inf no longer silently returns β; NaN/inf in each array, bools, wrong kinds
    (batchnorm_forward, (Z0, G1, B1), {"eps": np.inf}, ValueError, r"eps must be finite \(got inf"),
    (batchnorm_inference, (Z0, G1, B1, B1, G1), {"eps": np.inf}, ValueError,
     r"eps must be finite"),
    (batchnorm_forward, (Z0, G1, B1), {"eps": True}, TypeError, r"eps must be a real number"),
    (batchnorm_forward, (Z0, G1, B1), {"eps": np.array(np.nan)}, ValueError,
     r"eps must be > 0 \(got nan"),
    (batchnorm_forward, (Z0, np.full((2, 1), np.nan), B1), {}, ValueError,
     r"gamma must be finite"),
    (batchnorm_forward, (Z0, G1, np.full((2, 1), -np.inf)), {}, ValueError,
     r"beta must be finite"),
    (batchnorm_inference, (Z0, G1, B1, np.full((2, 1), np.inf), G1), {}, ValueError,
     r"running_mean must be finite"),
    (batchnorm_inference, (Z0, G1, B1, B1, np.full((2, 1), np.nan)), {}, ValueError,
     r"running_var must be finite"),
    (batchnorm_backward, (np.full((2, 4), np.nan), batchnorm_forward(Z0, G1, B1)[1]), {},
     ValueError, r"dZ_tilde must be finite"),
    (batchnorm_backward, (Z0, "cache"), {}, TypeError, r"cache must be the BatchNormCache"),
    (update_running_stats, (B1, G1, batchnorm_forward(Z0, G1, B1)[1]), {"beta": np.inf},
     ValueError, r"beta must be in \[0, 1\) \(got inf"),
    (update_running_stats, (B1, G1, batchnorm_forward(Z0, G1, B1)[1]), {"beta": True},
     TypeError, r"beta must be a real number \(got bool"),
    (update_running_stats, (B1, G1, None), {}, TypeError, r"cache must be the BatchNormCache"),
]


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "error", "message"),
    BAD,
    ids=[f"{b[0].__name__}-{i}" for i, b in enumerate(BAD)],
)
def test_bad_input_raises_naming_the_argument(
    fn: Callable[..., Any], args: tuple, kwargs: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        fn(*args, **kwargs)


def test_inference_accepts_a_single_example_that_training_mode_rejects() -> None:
    z = np.array([[1.0], [2.0]])
    assert batchnorm_inference(z, G1, B1, B1, G1).shape == (2, 1)
    with pytest.raises(ValueError, match="Z must have at least 2 examples"):
        batchnorm_forward(z, G1, B1)
    assert isinstance(CACHE, BatchNormCache)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_non_finite_entry_anywhere_is_an_error(bad) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    Z, G = rng.normal(size=(40, 8)), rng.normal(size=(40, 8))
    gamma, beta = np.ones((40, 1)), np.zeros((40, 1))
    _, cache = batchnorm_forward(Z, gamma, beta)
    Z[37, 5] = bad
    with pytest.raises(ValueError, match=r"Z must be finite \(got 1 NaN or infinite entries\)"):
        batchnorm_forward(Z, gamma, beta)
    G[39, 0] = bad
    with pytest.raises(ValueError, match=r"dZ_tilde must be finite \(got 1 NaN or infinite"):
        batchnorm_backward(G, cache)


def test_each_row_is_normalized_on_its_own() -> None:
    # notes 000 §3.4: the statistics of a unit are those of its own row; the other rows do not
    # enter its output or its gradients
    rng = np.random.default_rng(2)
    Z, G = rng.normal(3.0, 2.0, size=(33, 10)), rng.normal(size=(33, 10))
    gamma, beta = rng.uniform(0.5, 2.0, size=(33, 1)), rng.normal(size=(33, 1))
    out, cache = batchnorm_forward(Z, gamma, beta)
    grads = batchnorm_backward(G, cache)
    for rows in (slice(0, 1), slice(5, 17), slice(32, 33)):
        out_r, cache_r = batchnorm_forward(Z[rows], gamma[rows], beta[rows])
        np.testing.assert_allclose(out_r, out[rows], rtol=1e-15, atol=1e-15)
        for a, b in zip(batchnorm_backward(G[rows], cache_r), grads, strict=True):
            np.testing.assert_allclose(a, b[rows], rtol=1e-14, atol=1e-15)


def test_the_public_functions_return_what_the_references_return() -> None:
    import dlnotes.batchnorm as bn

    rng = np.random.default_rng(3)
    Z, gamma, beta = _layer(rng, 4, 9)
    G = rng.normal(size=Z.shape)
    out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-3)
    ref_out, ref_cache = bn._batchnorm_forward(Z, gamma, beta, 1e-3)
    np.testing.assert_array_equal(out, ref_out)
    for a, b in zip(cache, ref_cache, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(batchnorm_backward(G, cache), bn._batchnorm_backward(G, ref_cache),
                    strict=True):
        np.testing.assert_array_equal(a, b)
    mean, var = update_running_stats(np.zeros((4, 1)), np.ones((4, 1)), cache, beta=0.8)
    ref_mean, ref_var = bn._update_running_stats(np.zeros((4, 1)), np.ones((4, 1)), cache, 0.8)
    np.testing.assert_array_equal(mean, ref_mean)
    np.testing.assert_array_equal(var, ref_var)
    np.testing.assert_array_equal(
        batchnorm_inference(Z, gamma, beta, mean, var, eps=1e-3),
        bn._batchnorm_inference(Z, gamma, beta, mean, var, 1e-3),
    )


def test_the_cache_holds_z_norm_gamma_and_the_std() -> None:
    Z = np.array([[1.0, 2.0, 3.0, 6.0]])
    gamma = np.full((1, 1), 2.0)
    _, cache = batchnorm_forward(Z, gamma, np.zeros((1, 1)), eps=1e-5)
    expected = (Z - 3.0) / np.sqrt(3.5 + 1e-5)
    np.testing.assert_allclose(cache.Z_norm, expected, rtol=1e-15)
    np.testing.assert_array_equal(cache.gamma, gamma)
    np.testing.assert_allclose(cache.std, np.sqrt(3.5 + 1e-5), rtol=1e-15)
    np.testing.assert_array_equal(Z, [[1.0, 2.0, 3.0, 6.0]])  # Z itself is not needed after


def test_rows_whose_sum_overflows_are_an_error_not_a_nan() -> None:
    Z = np.full((2, 4), 1e308)
    with pytest.raises(ValueError, match=r"Z is too large: the sum of a row overflows"):
        batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))


def test_plus_and_minus_inf_in_one_row_is_an_error_without_a_warning() -> None:
    Z = np.zeros((2, 4))
    Z[1, :2] = np.inf, -np.inf  # their sum is NaN, which NumPy would warn about
    with pytest.raises(ValueError, match=r"Z must be finite \(got 2 NaN or infinite entries\)"):
        batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))


def test_rows_whose_squares_overflow_are_an_error_not_a_silent_beta() -> None:
    Z = np.array([[1e200, -1e200, 1e200, -1e200]])  # μ = 0, but (z − μ)² overflows
    with pytest.raises(ValueError, match=r"Z is too large: the sum of the squares of a row"):
        batchnorm_forward(Z, np.ones((1, 1)), np.zeros((1, 1)))


def test_an_upstream_gradient_whose_row_sum_overflows_is_an_error() -> None:
    _, cache = batchnorm_forward(np.arange(8.0).reshape(2, 4), np.ones((2, 1)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"dZ_tilde is too large: the sum of a row overflows"):
        batchnorm_backward(np.full((2, 4), 1e308), cache)


# -------------------------------------------------- defaults, boundaries and exact messages

# A batch whose first unit has a variance (1e-6) comparable to ε = 1e-5: ε shows in the result.
Z = np.array([[1.0, 1.002, 0.999, 1.001], [0.0, 2.0, -1.0, 1.0]])
GAMMA, BETA = np.array([[2.0], [0.5]]), np.array([[0.1], [-0.3]])


def test_the_references_default_to_pytorchs_eps_and_the_notes_beta() -> None:
    """Ε = 1e-5
    (PyTorch's BatchNorm1d) and β = 0.9 (this site's choice, as the public functions)."""
    Z_tilde, cache = _batchnorm_forward(Z, GAMMA, BETA)
    public, bn_cache = batchnorm_forward(Z, GAMMA, BETA)
    np.testing.assert_allclose(Z_tilde, public)
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    np.testing.assert_allclose(Z_tilde, GAMMA * (Z - mu) / np.sqrt(var + 1e-5) + BETA)
    mean, variance = _update_running_stats(np.zeros((2, 1)), np.ones((2, 1)), cache)
    np.testing.assert_allclose(mean, 0.1 * mu)
    np.testing.assert_allclose(variance, 0.9 + 0.1 * var)
    for got, want in zip(
        (mean, variance),
        update_running_stats(np.zeros((2, 1)), np.ones((2, 1)), bn_cache),
        strict=True,
    ):
        np.testing.assert_allclose(got, want)
    inferred = _batchnorm_inference(Z, GAMMA, BETA, mu, var)
    np.testing.assert_allclose(inferred, public)
    np.testing.assert_allclose(batchnorm_inference(Z, GAMMA, BETA, mu, var), public)


@pytest.mark.parametrize(
    ("Z_big", "message"),
    [
        ([[1e308, 1e308], [1.0, 2.0]], r"^Z is too large: the sum of a row overflows$"),
        (
            [[1e200, -1e200], [1.0, 2.0]],
            r"^Z is too large: the sum of the squares of a row overflows$",
        ),
    ],
    ids=["sum", "squares"],
)
def test_an_overflowing_batch_is_named_in_full(Z_big, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        batchnorm_forward(Z_big, GAMMA, BETA)


def test_an_overflowing_gradient_and_a_wrong_cache_are_named_in_full() -> None:
    _, cache = batchnorm_forward(np.array([[1.0, 2.0], [1.0, 3.0]]), GAMMA, BETA)
    with pytest.raises(ValueError, match=r"^dZ_tilde is too large: the sum of a row overflows$"):
        batchnorm_backward(np.array([[1e308, 1e308], [1.0, 2.0]]), cache)
    with pytest.raises(
        TypeError,
        match=r"^cache must be the BatchNormCache from batchnorm_forward \(got tuple\)$",
    ):
        batchnorm_backward(np.ones((2, 2)), tuple(cache))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((np.ones(2), GAMMA, BETA), r"^Z must be 2-D \(got shape \(2,\)\)$"),
        (
            ([[np.nan, 1.0], [1.0, 1.0]], GAMMA, BETA),
            r"^Z must be finite \(got 1 NaN or infinite entries\)$",
        ),
        ((np.ones((2, 2)), np.ones(2), BETA), r"^gamma must have shape \(2, 1\) \(got \(2,\)\)$"),
        ((np.ones((2, 2)), GAMMA, np.ones(2)), r"^beta must have shape \(2, 1\) \(got \(2,\)\)$"),
    ],
    ids=["Z-1-D", "Z-NaN", "gamma", "beta"],
)
def test_inference_names_its_bad_argument(args, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        batchnorm_inference(*args, np.zeros((2, 1)), np.ones((2, 1)))


def test_update_running_stats_names_running_var() -> None:
    _, cache = batchnorm_forward(Z, GAMMA, BETA)
    with pytest.raises(ValueError, match=r"^running_var must have shape \(2, 1\) \(got \(2,\)\)$"):
        update_running_stats(np.zeros((2, 1)), np.ones(2), cache)
