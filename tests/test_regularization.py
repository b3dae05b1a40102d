"""dlnotes.regularization: penalties and dropout against torch autograd, mask statistics, the
normalizer, early stopping, augmentation, invariants and bad input."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes.gradcheck import numerical_gradient
from dlnotes.regularization import (
    EarlyStopping,
    EarlyStoppingState,
    _early_stopping,
    _flip,
    _shift,
    crop,
    dropout_backward,
    dropout_forward,
    fit_normalizer,
    flip,
    l1_penalty,
    l1_penalty_grad,
    l1_proximal_step,
    l2_penalty,
    l2_penalty_grad,
    normalize,
    random_crop,
    random_flip,
    random_shift,
    shift,
)

LAYER_DIMS = [[2, 3, 1], [5, 4, 4, 2], [3, 1]]


def _params(rng: np.random.Generator, dims: list[int]) -> dict[str, np.ndarray]:
    params = {}
    for l in range(1, len(dims)):  # noqa: E741 (the notes' layer index)
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.normal(size=(dims[l], 1))
    return params


# ---------------------------------------------------------------- L2 and L1 penalties


@pytest.mark.parametrize("dims", LAYER_DIMS)
@pytest.mark.parametrize(("lambd", "m"), [(0.7, 10), (0.0, 3), (2.5, 1)])
def test_penalties_and_gradients_match_torch_autograd(
    rng: np.random.Generator, dims: list[int], lambd: float, m: int
) -> None:
    params = _params(rng, dims)
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    weights = [t for k, t in tensors.items() if k.startswith("W")]
    l2 = lambd / (2 * m) * sum(torch.sum(W**2) for W in weights)
    l1 = lambd / (2 * m) * sum(torch.sum(torch.abs(W)) for W in weights)  # notes 000 §1.4 scaling
    assert l2_penalty(params, lambd, m) == pytest.approx(l2.item(), rel=1e-13, abs=1e-15)
    assert l1_penalty(params, lambd, m) == pytest.approx(l1.item(), rel=1e-13, abs=1e-15)
    for penalty, grad_fn in ((l2, l2_penalty_grad), (l1, l1_penalty_grad)):
        torch_grads = torch.autograd.grad(penalty, weights, allow_unused=True) if lambd else None
        ours = grad_fn(params, lambd, m)
        assert sorted(ours) == sorted(k for k in params if k.startswith("W"))
        for i, key in enumerate(k for k in params if k.startswith("W")):
            expected = torch_grads[i].numpy() if torch_grads else np.zeros_like(params[key])
            np.testing.assert_allclose(ours[key], expected, rtol=1e-13, atol=1e-15)


def test_l2_penalty_uses_the_frobenius_norm_and_ignores_biases() -> None:
    # notes 000 §1.4: ‖W‖_F² is the sum of squared entries; b is left out
    params = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.full((2, 1), 100.0)}
    assert l2_penalty(params, 2.0, 1) == pytest.approx(np.linalg.norm(params["W1"], "fro") ** 2)


def test_l1_penalty_follows_the_notes_lambda_over_2m_scaling() -> None:
    # notes 000 §1.4: J + λ/(2m)·‖w‖₁ (not λ/m)
    params = {"W1": np.array([[1.0, -2.0, 3.0]])}
    assert l1_penalty(params, lambd=1.0, m=4) == pytest.approx(6.0 / 8)


@given(
    W=arrays(np.float64, (3, 4), elements=st.floats(-50, 50)),
    c=st.floats(-10, 10),
    lambd=st.floats(0, 10),
    m=st.integers(1, 1000),
)
def test_penalties_scale_as_norms_property(W: np.ndarray, c: float, lambd: float, m: int) -> None:
    params, scaled = {"W1": W, "b1": np.ones((3, 1))}, {"W1": c * W, "b1": np.ones((3, 1))}
    l2, l1 = l2_penalty(params, lambd, m), l1_penalty(params, lambd, m)
    assert l2 >= 0 and l1 >= 0
    assert l2_penalty(scaled, lambd, m) == pytest.approx(c**2 * l2, rel=1e-12, abs=1e-300)
    assert l1_penalty(scaled, lambd, m) == pytest.approx(abs(c) * l1, rel=1e-12, abs=1e-300)
    assert l2_penalty(params, 2 * lambd, m) == pytest.approx(2 * l2, rel=1e-12, abs=1e-300)


def test_l1_gradient_at_zero_is_zero_like_torch() -> None:
    W = torch.zeros((1, 2), dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(torch.sum(torch.abs(W)), W)
    ours = l1_penalty_grad({"W1": np.zeros((1, 2))}, 1.0, 1)["W1"]
    np.testing.assert_array_equal(ours, g.numpy())


def test_l2_gradient_is_a_numerical_gradient_of_the_penalty(rng: np.random.Generator) -> None:
    params = _params(rng, [3, 4, 2])
    grad = l2_penalty_grad(params, 0.7, 5)
    for key in ("W1", "W2"):

        def f(W: np.ndarray, key: str = key) -> float:
            return l2_penalty({**params, key: W}, 0.7, 5)

        np.testing.assert_allclose(grad[key], numerical_gradient(f, params[key]), atol=1e-7)


def test_weight_decay_identity_of_notes_000_1_4(rng: np.random.Generator) -> None:
    # W − α(dW_backprop + λ/m·W) = (1 − αλ/m)W − α·dW_backprop
    params, backprop = _params(rng, [3, 2]), rng.normal(size=(2, 3))
    alpha, lambd, m = 0.1, 0.7, 20
    step = params["W1"] - alpha * (backprop + l2_penalty_grad(params, lambd, m)["W1"])
    decay = (1 - alpha * lambd / m) * params["W1"] - alpha * backprop
    np.testing.assert_allclose(step, decay, rtol=1e-14)


def test_penalty_gradients_keep_float32() -> None:
    params = {"W1": np.ones((2, 2), dtype=np.float32)}
    assert l2_penalty_grad(params, 0.5, 3)["W1"].dtype == np.float32
    assert l1_penalty_grad(params, 0.5, 3)["W1"].dtype == np.float32


def test_penalties_do_not_mutate_params(rng: np.random.Generator) -> None:
    params = _params(rng, [3, 2])
    before = {k: v.copy() for k, v in params.items()}
    for fn in (l2_penalty, l1_penalty, l2_penalty_grad, l1_penalty_grad):
        fn(params, 0.3, 4)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])


@pytest.mark.parametrize(("lr", "lambd", "m"), [(0.5, 1.0, 2), (0.1, 4.0, 1), (1.0, 0.0, 3)])
def test_l1_proximal_step_is_torch_softshrink_on_weights_only(
    lr: float, lambd: float, m: int
) -> None:
    rng = np.random.default_rng(8)
    params = _params(rng, [4, 3, 2])
    new = l1_proximal_step(params, lr, lambd, m)
    threshold = lr * lambd / (2 * m)
    for key, value in params.items():
        if key.startswith("W"):
            expected = torch.nn.functional.softshrink(torch.tensor(value), threshold).numpy()
            np.testing.assert_allclose(new[key], expected, rtol=1e-15, atol=0)
        else:
            np.testing.assert_array_equal(new[key], value)
            assert new[key] is not value


def test_l1_proximal_step_minimizes_the_l1_objective_per_entry() -> None:
    # prox: argmin_w (w − v)²/(2α) + λ/(2m)|w|, checked on a grid
    v, lr, lambd, m = np.array([[0.8, -0.1, 0.25, -2.0]]), 0.5, 2.0, 2
    w = l1_proximal_step({"W1": v}, lr, lambd, m)["W1"]
    grid = np.linspace(-3, 3, 60001)[:, None]
    objective = (grid - v) ** 2 / (2 * lr) + lambd / (2 * m) * np.abs(grid)
    np.testing.assert_allclose(w.ravel(), grid[np.argmin(objective, axis=0), 0], atol=1e-4)
    assert np.count_nonzero(w == 0) == 2  # |v| ≤ αλ/(2m) = 0.25 for -0.1 and 0.25


# ---------------------------------------------------------------- dropout


@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 0.9, 0.1])
def test_dropout_mask_keeps_each_unit_with_probability_keep_prob(keep_prob: float) -> None:
    A = np.ones((200, 500))
    A_out, mask = dropout_forward(A, keep_prob, rng=np.random.default_rng(1))
    assert set(np.unique(mask)) <= {0.0, 1.0}
    # the kept fraction is a binomial proportion; 5 standard errors is a safe band
    std = np.sqrt(keep_prob * (1 - keep_prob) / A.size)
    assert abs(mask.mean() - keep_prob) < 5 * std
    np.testing.assert_array_equal(A_out, A * mask / keep_prob)
    # units are dropped independently: per-row kept fractions spread like Binomial(500, p)/500
    row_std = np.sqrt(keep_prob * (1 - keep_prob) / 500)
    assert 0.7 * row_std < mask.mean(axis=1).std() < 1.3 * row_std


def test_dropout_preserves_the_mean_activation() -> None:
    # inverted dropout: E[A·d/keep_prob] = A (notes 000 §1.6)
    rng = np.random.default_rng(2)
    A = rng.normal(size=(3, 4))
    draws = np.stack([dropout_forward(A, 0.7, rng=rng)[0] for _ in range(20000)])
    se = np.abs(A) * np.sqrt(0.3 / 0.7 / 20000)
    assert np.all(np.abs(draws.mean(axis=0) - A) < 5 * se + 1e-12)


@given(
    A=arrays(
        np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=st.floats(-50, 50)
    ),
    keep_prob=st.floats(0.2, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_dropout_preserves_the_mean_in_expectation_property(
    A: np.ndarray, keep_prob: float, seed: int
) -> None:
    # average over K independent masks at once by tiling the columns
    K = 4000
    tiled = np.tile(A, (1, K))
    A_out, mask = dropout_forward(tiled, keep_prob, rng=np.random.default_rng(seed))
    mean = A_out.reshape(A.shape[0], K, A.shape[1]).mean(axis=1)
    se = np.abs(A) * np.sqrt((1 - keep_prob) / keep_prob / K)
    assert np.all(np.abs(mean - A) <= 6 * se + 1e-9)
    assert np.all((A_out == 0) | (mask == 1))


def test_keep_prob_one_is_the_identity_and_draws_nothing() -> None:
    A = np.arange(6.0).reshape(2, 3)
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    A_out, mask = dropout_forward(A, 1.0, rng=rng)
    assert rng.bit_generator.state == state
    np.testing.assert_array_equal(A_out, A)
    assert A_out is not A
    np.testing.assert_array_equal(mask, np.ones_like(A))
    A_out, _ = dropout_forward(A, 1, rng=None)  # rng may be None when nothing is drawn
    np.testing.assert_array_equal(A_out, A)


def test_dropout_mask_has_the_dtype_of_A_and_float32_stays_float32() -> None:
    A = np.ones((3, 4), dtype=np.float32)
    A_out, mask = dropout_forward(A, 0.5, rng=np.random.default_rng(0))
    assert A_out.dtype == mask.dtype == np.float32
    assert dropout_backward(A, mask, 0.5).dtype == np.float32
    A_int, mask_int = dropout_forward(np.ones((2, 2), dtype=int), 0.5, rng=np.random.default_rng(0))
    assert A_int.dtype == mask_int.dtype == np.float64


def test_dropout_is_reproducible_with_the_same_seed_and_does_not_mutate() -> None:
    A = np.random.default_rng(5).normal(size=(4, 6))
    before = A.copy()
    out1 = dropout_forward(A, 0.6, rng=np.random.default_rng(3))
    out2 = dropout_forward(A, 0.6, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(out1[0], out2[0])
    np.testing.assert_array_equal(out1[1], out2[1])
    np.testing.assert_array_equal(A, before)


@pytest.mark.parametrize("keep_prob", [0.3, 0.8, 1.0])
def test_dropout_backward_matches_torch_autograd_and_a_numerical_gradient(
    keep_prob: float,
) -> None:
    rng = np.random.default_rng(7)
    A, upstream = rng.normal(size=(5, 8)), rng.normal(size=(5, 8))
    _, mask = dropout_forward(A, keep_prob, rng=np.random.default_rng(11))
    ours = dropout_backward(upstream, mask, keep_prob)
    At = torch.tensor(A, requires_grad=True)
    out = At * torch.tensor(mask) / keep_prob
    (expected,) = torch.autograd.grad(out, At, grad_outputs=torch.tensor(upstream))
    np.testing.assert_allclose(ours, expected.numpy(), rtol=1e-14)

    def f(x: np.ndarray) -> float:  # the same seed gives the same mask
        return float(
            np.sum(dropout_forward(x, keep_prob, rng=np.random.default_rng(11))[0] * upstream)
        )

    np.testing.assert_allclose(ours, numerical_gradient(f, A), atol=1e-6)


def test_dropout_backward_accepts_a_bool_mask() -> None:
    dA = np.array([[1.0, 2.0]])
    np.testing.assert_array_equal(
        dropout_backward(dA, np.array([[True, False]]), 0.5), [[2.0, 0.0]]
    )


# ---------------------------------------------------------------- input normalization


@pytest.mark.parametrize("shape", [(1, 5), (3, 40), (6, 2)])
def test_fit_normalizer_matches_torch_mean_and_biased_std(shape: tuple[int, int]) -> None:
    X = np.random.default_rng(3).normal(loc=5.0, scale=3.0, size=shape)
    mu, sigma = fit_normalizer(X)
    t = torch.tensor(X)
    np.testing.assert_allclose(mu, t.mean(dim=1, keepdim=True).numpy(), rtol=1e-14)
    np.testing.assert_allclose(sigma, t.std(dim=1, correction=0, keepdim=True).numpy(), rtol=1e-13)
    assert mu.shape == sigma.shape == (shape[0], 1)


def test_normalized_training_set_has_zero_mean_unit_std_and_dev_reuses_train_stats() -> None:
    rng = np.random.default_rng(4)
    X_train = rng.normal(loc=[[10.0], [-3.0]], scale=[[5.0], [0.1]], size=(2, 300))
    X_dev = rng.normal(loc=[[10.0], [-3.0]], scale=[[5.0], [0.1]], size=(2, 50))
    mu, sigma = fit_normalizer(X_train)
    Xn = normalize(X_train, mu, sigma)
    np.testing.assert_allclose(Xn.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Xn.std(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(normalize(X_dev, mu, sigma), (X_dev - mu) / sigma, rtol=1e-15)
    assert not np.allclose(normalize(X_dev, *fit_normalizer(X_dev)), normalize(X_dev, mu, sigma))


def test_constant_feature_gets_sigma_one_and_normalizes_to_zero() -> None:
    X = np.array([[1.0, 2.0, 4.0], [0.1, 0.1, 0.1]])
    mu, sigma = fit_normalizer(X)
    assert sigma[1, 0] == 1.0
    np.testing.assert_array_equal(normalize(X, mu, sigma)[1], 0.0)


def test_normalizer_keeps_float32() -> None:
    X = np.random.default_rng(0).normal(size=(2, 10)).astype(np.float32)
    mu, sigma = fit_normalizer(X)
    assert mu.dtype == sigma.dtype == normalize(X, mu, sigma).dtype == np.float32


@given(
    X=arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(2, 30)),
        elements=st.floats(-1e3, 1e3, allow_subnormal=False),  # subnormals: the test below
    )
)
def test_normalized_rows_have_zero_mean_and_unit_or_zero_std_property(X: np.ndarray) -> None:
    Xn = normalize(X, *fit_normalizer(X))
    scale = 1 + np.abs(X).max()
    np.testing.assert_allclose(Xn.mean(axis=1), 0.0, atol=1e-9 * scale)
    std = Xn.std(axis=1)
    constant = X.max(axis=1) == X.min(axis=1)
    assert np.all(np.where(constant, std == 0, np.abs(std - 1) < 1e-6))


def test_a_row_of_subnormal_numbers_gets_a_positive_sigma() -> None:
    # found by hypothesis: the 1/m std of [5e-324, 0, 0, 0] rounds to 0 in float64
    X = np.array([[5e-324, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0]])
    mu, sigma = fit_normalizer(X)
    assert np.all(sigma > 0) and sigma[0, 0] == 5e-324
    Xn = normalize(X, mu, sigma)
    assert np.isfinite(Xn).all() and Xn[0, 0] == 1.0


# ---------------------------------------------------------------- early stopping


def test_early_stopping_stops_after_patience_epochs_without_improvement() -> None:
    es = EarlyStopping(patience=3)
    state = es.init()
    costs = [1.0, 0.8, 0.7, 0.71, 0.72, 0.69, 0.75, 0.76, 0.77, 0.5]
    stopped_at = None
    for cost in costs:
        state = es.update(state, cost)
        if state.stop:
            stopped_at = state.epoch
            break
    # best 0.69 at index 5; three worse epochs (6, 7, 8) then stop after 9 costs
    assert (stopped_at, state.best_epoch, state.best_cost) == (9, 5, 0.69)


def test_early_stopping_min_delta_ignores_tiny_improvements() -> None:
    es = EarlyStopping(patience=2, min_delta=0.05)
    state = es.init()
    for cost in [1.0, 0.98, 0.97]:
        state = es.update(state, cost)
    assert state.stop and state.best_epoch == 0 and state.best_cost == 1.0


def test_early_stopping_state_is_immutable_and_replaced() -> None:
    es = EarlyStopping(1)
    s0 = es.init()
    s1 = es.update(s0, 0.5)
    assert s0 == EarlyStoppingState(0, float("inf"), -1, 0, False)
    assert s1 == EarlyStoppingState(1, 0.5, 0, 0, False)
    with pytest.raises(AttributeError):
        s1.epoch = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        es.patience = 3  # type: ignore[misc]


def test_early_stopping_treats_an_infinite_cost_as_no_improvement() -> None:
    es = EarlyStopping(1)
    state = es.update(es.update(es.init(), 0.4), float("inf"))
    assert state.stop and state.best_cost == 0.4


# ---------------------------------------------------------------- data augmentation


def test_flip_matches_numpy_and_is_an_involution() -> None:
    img = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(flip(img), np.fliplr(img))
    np.testing.assert_array_equal(flip(img, direction="vertical"), np.flipud(img))
    stack = np.arange(24.0).reshape(2, 3, 4)
    np.testing.assert_array_equal(flip(flip(stack)), stack)
    np.testing.assert_array_equal(flip(stack), stack[:, :, ::-1])


def test_flip_matches_torch_flip() -> None:
    stack = np.random.default_rng(1).normal(size=(3, 4, 5))
    t = torch.tensor(stack)
    np.testing.assert_array_equal(flip(stack), torch.flip(t, dims=[-1]).numpy())
    np.testing.assert_array_equal(
        flip(stack, direction="vertical"), torch.flip(t, dims=[-2]).numpy()
    )


def test_random_flip_flips_about_half_of_the_images() -> None:
    stack = np.random.default_rng(0).normal(size=(1000, 2, 3))
    out = random_flip(stack, rng=np.random.default_rng(1))
    flipped = np.all(out == stack[:, :, ::-1], axis=(1, 2))
    same = np.all(out == stack, axis=(1, 2))
    assert np.all(flipped ^ same)
    assert 0.4 < flipped.mean() < 0.6
    np.testing.assert_array_equal(random_flip(stack, rng=np.random.default_rng(1), p=0.0), stack)


def test_crop_is_slicing() -> None:
    stack = np.arange(2 * 5 * 6.0).reshape(2, 5, 6)
    np.testing.assert_array_equal(crop(stack, 1, 2, 3, 4), stack[:, 1:4, 2:6])
    np.testing.assert_array_equal(crop(stack, 0, 0, 5, 6), stack)


def test_random_crop_returns_a_window_of_each_own_image() -> None:
    rng = np.random.default_rng(0)
    stack = rng.normal(size=(20, 6, 7))
    out = random_crop(stack, 4, 3, rng=np.random.default_rng(2))
    assert out.shape == (20, 4, 3)
    positions = set()
    for i in range(20):  # test-side loop to find where each window came from
        hits = [
            (r, c)
            for r in range(3)
            for c in range(5)
            if np.array_equal(out[i], stack[i, r : r + 4, c : c + 3])
        ]
        assert len(hits) == 1
        positions.add(hits[0])
    assert len(positions) > 1  # one draw per image, not one per batch


def test_shift_moves_pixels_and_fills_the_border() -> None:
    img = np.arange(1.0, 10.0).reshape(3, 3)
    np.testing.assert_array_equal(shift(img, 1, 0), [[0, 0, 0], [1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(
        shift(img, 0, -1, fill=-1.0), [[2, 3, -1], [5, 6, -1], [8, 9, -1]]
    )
    np.testing.assert_array_equal(shift(img, 5, 0), np.zeros((3, 3)))
    stack = np.stack([img, 2 * img])
    np.testing.assert_array_equal(
        shift(stack, -1, 1), np.stack([shift(img, -1, 1), shift(2 * img, -1, 1)])
    )


def test_random_shift_matches_shift_with_its_own_offset_per_image() -> None:
    stack = np.random.default_rng(0).normal(size=(30, 5, 5))
    out = random_shift(stack, 2, rng=np.random.default_rng(3))
    offsets = set()
    for i in range(30):  # test-side loop: which (dy, dx) explains image i
        hits = [
            (dy, dx)
            for dy in range(-2, 3)
            for dx in range(-2, 3)
            if np.array_equal(out[i], shift(stack[i], dy, dx))
        ]
        assert hits
        offsets.add(hits[0])
    assert len(offsets) > 3
    np.testing.assert_array_equal(random_shift(stack, 0, rng=np.random.default_rng(0)), stack)


def test_augmentation_keeps_float32_and_does_not_mutate() -> None:
    stack = np.ones((2, 4, 4), dtype=np.float32)
    before = stack.copy()
    rng = np.random.default_rng(0)
    for out in (
        flip(stack),
        random_flip(stack, rng=rng),
        crop(stack, 0, 0, 2, 2),
        random_crop(stack, 2, 2, rng=rng),
        shift(stack, 1, 1),
        random_shift(stack, 1, rng=rng),
    ):
        assert out.dtype == np.float32
    np.testing.assert_array_equal(stack, before)


# ---------------------------------------------------------------- bad input

W = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
A = np.ones((2, 3))
G = np.random.default_rng(0)

BAD: list[tuple[Callable[..., Any], tuple, dict, type[Exception], str]] = [
    (
        dropout_forward,
        (A, 1.5),
        {"rng": G},
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got 1\.5\)",
    ),
    (
        dropout_forward,
        (A, 0.0),
        {"rng": G},
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got 0\.0\)",
    ),
    (dropout_forward, (A, -0.2), {"rng": G}, ValueError, r"keep_prob must be in \(0, 1\]"),
    (dropout_forward, (A, float("nan")), {"rng": G}, ValueError, r"keep_prob must be in \(0, 1\]"),
    (dropout_forward, (A, 0.5), {"rng": None}, TypeError, r"rng must be a numpy.random.Generator"),
    (dropout_forward, (A, 0.5), {"rng": 0}, TypeError, r"rng must be a numpy.random.Generator"),
    (dropout_forward, (np.array([[np.nan]]), 0.5), {"rng": G}, ValueError, r"A must be finite"),
    (
        dropout_forward,
        (np.array([["a"]]), 0.5),
        {"rng": G},
        TypeError,
        r"A must be an array of real",
    ),
    (
        dropout_backward,
        (A, np.ones((3, 2)), 0.5),
        {},
        ValueError,
        r"dA and mask must have the same shape",
    ),
    (
        dropout_backward,
        (A, np.full((2, 3), 0.5), 0.5),
        {},
        ValueError,
        r"mask must contain only 0 and 1 \(got 0\.5\)",
    ),
    (
        dropout_backward,
        (A, np.ones((2, 3)), 2.0),
        {},
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got 2\.0\)",
    ),
    (l2_penalty, (W, -0.1, 10), {}, ValueError, r"lambd must be >= 0 \(got -0\.1\)"),
    (l1_penalty, (W, -1, 10), {}, ValueError, r"lambd must be >= 0 \(got -1\.0\)"),
    (l2_penalty_grad, (W, -1.0, 10), {}, ValueError, r"lambd must be >= 0"),
    (l1_penalty_grad, (W, -1.0, 10), {}, ValueError, r"lambd must be >= 0"),
    (l2_penalty, (W, 0.1, 0), {}, ValueError, r"m must be >= 1 \(got 0\)"),
    (l2_penalty, (W, 0.1, 2.5), {}, TypeError, r"m must be an int"),
    (
        l2_penalty,
        ({"b1": np.ones((1, 1))}, 0.1, 2),
        {},
        ValueError,
        r"params must have at least one 'W…' key",
    ),
    (l2_penalty, ([np.ones(2)], 0.1, 2), {}, TypeError, r"params must be a dict"),
    (
        l2_penalty,
        ({"W1": np.array([[np.inf]])}, 0.1, 2),
        {},
        ValueError,
        r"params\['W1'\] must be finite",
    ),
    (
        fit_normalizer,
        (np.ones((3, 1)),),
        {},
        ValueError,
        r"X must have at least 2 examples \(columns\)",
    ),
    (fit_normalizer, (np.ones(4),), {}, ValueError, r"X must be 2-D \(got shape \(4,\)\)"),
    (
        normalize,
        (A, np.zeros((2, 1)), np.zeros((2, 1))),
        {},
        ValueError,
        r"sigma must be > 0 \(got minimum 0\.0\)",
    ),
    (
        normalize,
        (A, np.zeros((1, 2)), np.ones((2, 1))),
        {},
        ValueError,
        r"mu must have shape \(2, 1\)",
    ),
    (
        normalize,
        (A, np.zeros((2, 1)), np.ones(2)),
        {},
        ValueError,
        r"sigma must have shape \(2, 1\)",
    ),
    (EarlyStopping, (0,), {}, ValueError, r"patience must be >= 1 \(got 0\)"),
    (EarlyStopping, (2.0,), {}, TypeError, r"patience must be an int"),
    (EarlyStopping, (2,), {"min_delta": -0.1}, ValueError, r"min_delta must be >= 0"),
    (flip, (np.ones(3),), {}, ValueError, r"images must have at least 2 dimension"),
    (
        flip,
        (np.ones((2, 2)),),
        {"direction": "diagonal"},
        ValueError,
        r"direction must be one of 'horizontal', 'vertical'",
    ),
    (random_flip, (np.ones((2, 2)),), {"rng": G}, ValueError, r"images must be 3-D"),
    (
        random_flip,
        (np.ones((1, 2, 2)),),
        {"rng": G, "p": 1.5},
        ValueError,
        r"p must be in \[0, 1\]",
    ),
    (crop, (np.ones((4, 4)), 2, 0, 3, 2), {}, ValueError, r"top must be in \[0, 1\] \(got 2\)"),
    (crop, (np.ones((4, 4)), 0, 0, 5, 2), {}, ValueError, r"height must be in \[1, 4\] \(got 5\)"),
    (
        random_crop,
        (np.ones((1, 4, 4)), 2, 9),
        {"rng": G},
        ValueError,
        r"width must be in \[1, 4\] \(got 9\)",
    ),
    (shift, (np.ones((3, 3)), 1.5, 0), {}, TypeError, r"dy must be an int"),
    (shift, (np.ones((3, 3)), 1, 0), {"fill": float("nan")}, ValueError, r"fill must be"),
    (
        random_shift,
        (np.ones((1, 3, 3)), -1),
        {"rng": G},
        ValueError,
        r"max_shift must be >= 0 \(got -1\)",
    ),
    (l1_proximal_step, (W, 0.0, 0.1, 2), {}, ValueError, r"lr must be > 0 \(got 0\.0\)"),
    (l1_proximal_step, (W, 0.1, -0.1, 2), {}, ValueError, r"lambd must be >= 0"),
    # issue 14: inf for each scalar, bool, NaN/inf in each array, non-string keys and choices
    (l2_penalty, (W, np.inf, 2), {}, ValueError, r"lambd must be finite \(got inf"),
    (l1_penalty, (W, True, 2), {}, TypeError, r"lambd must be a real number \(got bool"),
    (l2_penalty_grad, ({"W1": np.array([[np.nan]])}, 0.1, 2), {}, ValueError,
     r"params\['W1'\] must be finite"),
    (l1_penalty_grad, ({**W, 1: np.ones(2)}, 0.1, 2), {}, TypeError,
     r"params keys must be str \(got int 1\)"),
    (l1_proximal_step, ({**W, 1: np.ones(2)}, 0.1, 0.1, 2), {}, TypeError,
     r"params keys must be str"),
    (l1_proximal_step, (W, np.inf, 0.1, 2), {}, ValueError, r"lr must be finite"),
    (dropout_forward, (A, [0.5]), {"rng": G}, TypeError, r"keep_prob must be a real number"),
    (dropout_forward, (np.full((2, 3), np.inf), 0.5), {"rng": G}, ValueError, r"A must be finite"),
    (dropout_backward, (A, np.full((2, 3), np.nan), 0.5), {}, ValueError, r"mask must be finite"),
    (dropout_backward, (A, np.ones((2, 3)), np.inf), {}, ValueError,
     r"keep_prob must be in \(0, 1\] \(got inf"),
    (normalize, (A, np.zeros((2, 1)), np.full((2, 1), np.inf)), {}, ValueError,
     r"sigma must be finite"),
    (fit_normalizer, (np.full((2, 3), np.nan),), {}, ValueError, r"X must be finite"),
    (flip, (np.ones((2, 2)),), {"direction": 1}, TypeError, r"direction must be a string"),
    (random_flip, (np.ones((1, 2, 2)),), {"rng": G, "p": np.inf}, ValueError,
     r"p must be in \[0, 1\] \(got inf"),
    (shift, (np.ones((2, 2)), 1, 0), {"fill": np.inf}, ValueError, r"fill must be"),
    (shift, (np.ones((2, 2)), True, 0), {}, TypeError, r"dy must be an int \(got bool"),
    (random_shift, (np.ones((1, 2, 2)), 1), {"rng": G, "fill": np.nan}, ValueError,
     r"fill must be"),
    (crop, (np.ones((3, 3)), 0, 0, np.inf, 1), {}, TypeError, r"height must be an int"),
    (EarlyStopping, (2,), {"min_delta": np.inf}, ValueError, r"min_delta must be finite"),
    (EarlyStopping, (True,), {}, TypeError, r"patience must be an int \(got bool"),
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


def test_early_stopping_update_rejects_nan_cost_and_wrong_state() -> None:
    es = EarlyStopping(2)
    with pytest.raises(ValueError, match=r"dev_cost must be a real number \(got nan\)"):
        es.update(es.init(), float("nan"))
    with pytest.raises(TypeError, match=r"state must be an EarlyStoppingState"):
        es.update((0, 1.0, 0, 0, False), 0.5)  # type: ignore[arg-type]


# ---------------------------------------------------------------- inside dlnotes.network


@pytest.mark.parametrize("lambd", [0.0, 0.7, 3.0])
@pytest.mark.parametrize("keep_prob", [1.0, 0.8, (0.5, 0.9)])
def test_model_backward_l2_and_dropout_terms_match_torch_autograd(
    lambd: float, keep_prob: float | tuple[float, float]
) -> None:
    # J = BCE(AL, Y) + λ/(2m)·Σ‖W‖²_F, with the dropout masks the forward pass drew
    from dlnotes.network import compute_cost, model_backward, model_forward

    rng = np.random.default_rng(12)
    dims, m = [3, 5, 4, 1], 9
    params = _params(rng, dims)
    X, Y = rng.normal(size=(3, m)), (rng.random((1, m)) < 0.5).astype(float)
    AL, caches = model_forward(X, params, keep_prob=keep_prob, rng=np.random.default_rng(4))
    grads = model_backward(AL, Y, caches, lambd=lambd)

    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    A = torch.tensor(X)
    for k in (1, 2):
        A = torch.relu(t[f"W{k}"] @ A + t[f"b{k}"])
        if caches[k - 1].mask is not None:
            A = A * torch.tensor(caches[k - 1].mask) / caches[k - 1].keep_prob
    AL_t = torch.sigmoid(t["W3"] @ A + t["b3"])
    bce = torch.nn.functional.binary_cross_entropy(AL_t, torch.tensor(Y))
    J = bce + lambd / (2 * m) * sum(torch.sum(t[f"W{k}"] ** 2) for k in (1, 2, 3))
    expected = torch.autograd.grad(J, list(t.values()))
    for key, g in zip(t, expected, strict=True):
        np.testing.assert_allclose(grads[key], g.numpy(), rtol=1e-10, atol=1e-12)
    cost = compute_cost(AL, Y, params, lambd)
    assert cost == pytest.approx(J.item(), rel=1e-12)
    assert cost - compute_cost(AL, Y) == pytest.approx(l2_penalty(params, lambd, m), rel=1e-12)


# ---------------------------------------------------------------- the references


def test_the_public_functions_return_what_the_references_return() -> None:
    import dlnotes.regularization as reg

    rng = np.random.default_rng(7)
    params = _params(rng, [4, 3, 2])
    for public, reference in ((l2_penalty, reg._l2_penalty), (l1_penalty, reg._l1_penalty)):
        assert public(params, 0.3, 17) == reference(params, 0.3, 17)
    for public, reference in ((l2_penalty_grad, reg._l2_penalty_grad),
                              (l1_penalty_grad, reg._l1_penalty_grad)):
        got, expected = public(params, 0.3, 17), reference(params, 0.3, 17)
        assert got.keys() == expected.keys() == {"W1", "W2"}
        for key in got:
            np.testing.assert_array_equal(got[key], expected[key])
    prox = l1_proximal_step(params, 0.1, 0.3, 2)
    prox_ref = reg._l1_proximal_step(params, 0.1, 0.3, 2)
    assert prox.keys() == prox_ref.keys() == params.keys()
    for key in prox:
        np.testing.assert_array_equal(prox[key], prox_ref[key])

    A = rng.normal(size=(3, 6))
    A_out, mask = dropout_forward(A, 0.7, rng=np.random.default_rng(1))
    A_ref, mask_ref = reg._dropout_forward(A, 0.7, np.random.default_rng(1))  # the same draws
    np.testing.assert_array_equal(A_out, A_ref)
    np.testing.assert_array_equal(mask, mask_ref)
    np.testing.assert_array_equal(dropout_backward(A, mask, 0.7),
                                  reg._dropout_backward(A, mask, 0.7))

    X = rng.normal(size=(3, 9))
    for got, expected in zip(fit_normalizer(X), reg._fit_normalizer(X), strict=True):
        np.testing.assert_array_equal(got, expected)
    mu, sigma = fit_normalizer(X)
    np.testing.assert_array_equal(normalize(X, mu, sigma), reg._normalize(X, mu, sigma))

    images = rng.normal(size=(4, 5, 6))
    pairs = [
        (flip(images, direction="vertical"), reg._flip(images, direction="vertical")),
        (crop(images, 1, 2, 3, 3), reg._crop(images, 1, 2, 3, 3)),
        (shift(images, -1, 2, fill=0.5), reg._shift(images, -1, 2, fill=0.5)),
        (random_flip(images, rng=np.random.default_rng(2)),
         reg._random_flip(images, rng=np.random.default_rng(2))),
        (random_crop(images, 3, 4, rng=np.random.default_rng(3)),
         reg._random_crop(images, 3, 4, rng=np.random.default_rng(3))),
        (random_shift(images, 2, rng=np.random.default_rng(4)),
         reg._random_shift(images, 2, rng=np.random.default_rng(4))),
    ]
    for got, expected in pairs:
        np.testing.assert_array_equal(got, expected)


def test_early_stopping_update_is_the_reference_step_with_names() -> None:
    import dlnotes.regularization as reg

    es = EarlyStopping(patience=2, min_delta=0.01)
    state = es.init()
    plain = tuple(state)
    for cost in [0.9, 0.7, 0.695, 0.6, 0.65, 0.62, 0.59]:
        state = es.update(state, cost)
        plain = reg._early_stopping(plain, cost, 2, 0.01)
        assert isinstance(state, EarlyStoppingState)
        assert tuple(state) == plain


def test_the_references_keep_float32_and_leave_their_arguments_alone() -> None:
    import dlnotes.regularization as reg

    rng = np.random.default_rng(8)
    W = rng.normal(size=(3, 4)).astype(np.float32)
    A = rng.normal(size=(3, 4)).astype(np.float32)
    before_W, before_A = W.copy(), A.copy()
    params = {"W1": W, "b1": np.zeros((3, 1), np.float32)}
    assert reg._l2_penalty_grad(params, 0.5, 4)["W1"].dtype == np.float32
    assert reg._l1_penalty_grad(params, 0.5, 4)["W1"].dtype == np.float32
    assert all(v.dtype == np.float32 for v in reg._l1_proximal_step(params, 0.1, 0.5, 4).values())
    A_out, mask = reg._dropout_forward(A, 0.5, rng)
    assert A_out.dtype == mask.dtype == np.float32
    assert reg._dropout_backward(A, mask, 0.5).dtype == np.float32
    mu, sigma = reg._fit_normalizer(A)
    assert mu.dtype == sigma.dtype == reg._normalize(A, mu, sigma).dtype == np.float32
    images = A.reshape(1, 3, 4)
    assert reg._shift(images, 1, 1, fill=0.0).dtype == np.float32
    assert reg._flip(images).dtype == np.float32
    np.testing.assert_array_equal(W, before_W)
    np.testing.assert_array_equal(A, before_A)


def test_a_0d_keep_prob_is_its_number() -> None:
    out = dropout_forward(A, np.array(0.5), rng=np.random.default_rng(1))
    ref = dropout_forward(A, 0.5, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(out[0], ref[0])


# -------------------------------------------------- defaults, boundaries and exact messages

IMAGES = np.arange(2 * 4 * 5, dtype=float).reshape(2, 4, 5)  # a batch of two 4 × 5 images
RNG = np.random.default_rng


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ((0, 0, 0, 5), r"^height must be in \[1, 4\] \(got 0\)$"),
        ((0, 0, 5, 5), r"^height must be in \[1, 4\] \(got 5\)$"),
        ((0, 0, 4, 0), r"^width must be in \[1, 5\] \(got 0\)$"),
        ((0, 0, 4, 6), r"^width must be in \[1, 5\] \(got 6\)$"),
        ((1, 0, 4, 5), r"^top must be in \[0, 0\] \(got 1\)$"),
        ((0, 1, 4, 5), r"^left must be in \[0, 0\] \(got 1\)$"),
        ((-1, 0, 3, 5), r"^top must be in \[0, 1\] \(got -1\)$"),
        ((0, -1, 4, 3), r"^left must be in \[0, 2\] \(got -1\)$"),
    ],
)
def test_a_crop_window_must_lie_inside_the_image(window, message) -> None:  # type: ignore[no-untyped-def]
    """1 <= height <= H, 1 <= width <= W, 0 <= top <= H − height, 0 <= left <= W − width."""
    with pytest.raises(ValueError, match=message):
        crop(IMAGES, *window)


def test_the_whole_image_and_a_single_pixel_are_windows() -> None:
    """The bounds are inclusive at both ends."""
    np.testing.assert_array_equal(crop(IMAGES, 0, 0, 4, 5), IMAGES)
    np.testing.assert_array_equal(crop(IMAGES, 3, 4, 1, 1), IMAGES[:, 3:4, 4:5])
    np.testing.assert_array_equal(crop(IMAGES[0], 1, 2, 2, 3), IMAGES[0, 1:3, 2:5])  # one image
    np.testing.assert_array_equal(random_crop(IMAGES, 4, 5, rng=RNG(0)), IMAGES)
    assert random_crop(IMAGES, 1, 1, rng=RNG(0)).shape == (2, 1, 1)
    for size, message in [
        ((0, 5), r"^height must be in \[1, 4\] \(got 0\)$"),
        ((4, 6), r"^width must be in \[1, 5\] \(got 6\)$"),
    ]:
        with pytest.raises(ValueError, match=message):
            random_crop(IMAGES, *size, rng=RNG(0))


@pytest.mark.parametrize("fill", [np.inf, -np.inf])
def test_the_fill_of_a_shift_is_a_finite_number_of_any_sign(fill: float) -> None:
    """Fill in (−inf, inf), negative values allowed."""
    sign = "-" if fill < 0 else ""
    with pytest.raises(ValueError, match=rf"^fill must be in \(-inf, inf\) \(got {sign}inf\)$"):
        shift(IMAGES, 1, 1, fill=fill)
    with pytest.raises(ValueError, match=rf"^fill must be in \(-inf, inf\) \(got {sign}inf\)$"):
        random_shift(IMAGES, 1, rng=RNG(0), fill=fill)
    assert shift(IMAGES, 1, 1, fill=-5.0)[:, 0, :].tolist() == [[-5.0] * 5] * 2
    assert random_shift(IMAGES, 2, rng=RNG(0), fill=-7.0).min() in (-7.0, 0.0)


def test_a_shift_fills_with_zero_by_default_and_names_its_offsets() -> None:
    """Fill 0.0 by default; dy and dx named."""
    shifted = shift(IMAGES, 1, 0)
    np.testing.assert_array_equal(shifted[:, 0, :], 0.0)
    np.testing.assert_array_equal(shifted[:, 1:, :], IMAGES[:, :-1, :])
    with pytest.raises(TypeError, match=r"^dy must be an int \(got float\)$"):
        shift(IMAGES, 1.5, 1)
    with pytest.raises(TypeError, match=r"^dx must be an int \(got float\)$"):
        shift(IMAGES, 1, 1.5)


def test_random_offsets_reach_both_signs_and_fill_the_vacated_pixels() -> None:
    """dy, dx uniform on {-k..k} (not {0..k}); random_shift passes fill on."""
    ones = np.ones((64, 3, 3))
    out = random_shift(ones, 1, rng=RNG(0), fill=5.0)
    # a shift up or left (dy or dx = -1) vacates the last row or column
    assert (out[:, -1, :] == 5.0).all(axis=1).any()
    assert (out[:, :, -1] == 5.0).all(axis=1).any()
    assert (out[:, 0, :] == 5.0).all(axis=1).any()
    assert set(np.unique(out)) == {1.0, 5.0}


def test_a_shift_past_the_border_leaves_only_fill() -> None:
    """A source row r - dy = H or a column below -W is outside the image."""
    up = shift(IMAGES, -1, 0, fill=-1.0)
    np.testing.assert_array_equal(up[:, :-1, :], IMAGES[:, 1:, :])
    np.testing.assert_array_equal(up[:, -1, :], -1.0)
    np.testing.assert_array_equal(shift(IMAGES, 0, 7, fill=2.0), np.full_like(IMAGES, 2.0))
    np.testing.assert_array_equal(shift(IMAGES, 9, 0, fill=2.0), np.full_like(IMAGES, 2.0))


def test_the_reference_augmentations_defaults() -> None:
    """The references' defaults: flip's direction "horizontal", shift's fill 0.0."""
    np.testing.assert_array_equal(_flip(IMAGES), IMAGES[:, :, ::-1])
    shifted = _shift(IMAGES, 0, 1)
    np.testing.assert_array_equal(shifted[:, :, 0], 0.0)
    np.testing.assert_array_equal(shifted[:, :, 1:], IMAGES[:, :, :-1])


def test_a_unit_is_kept_only_when_its_draw_is_below_keep_prob() -> None:
    """d = (u < keep_prob), so u = keep_prob drops the unit; random_flip likewise flips only
    when u < p."""
    u = float(RNG(0).random())  # the first draw of that generator
    A_out, mask = dropout_forward(np.ones((1, 1)), u, rng=RNG(0))
    assert mask.tolist() == [[0.0]] and A_out.tolist() == [[0.0]]
    image = np.arange(2.0).reshape(1, 1, 2)
    np.testing.assert_array_equal(random_flip(image, rng=RNG(0), p=u), image)


def test_early_stopping_a_tie_is_not_an_improvement() -> None:
    """Improve only if cost < best - min_delta (strict), min_delta 0 by
    default in the reference."""
    es = EarlyStopping(patience=2)
    state = es.update(es.init(), 0.5)
    state = es.update(state, 0.5)  # equal to the best: a bad epoch
    assert (state.best_epoch, state.bad_epochs, state.stop) == (0, 1, False)
    es = EarlyStopping(patience=1, min_delta=0.25)
    state = es.update(es.update(es.init(), 1.0), 0.75)  # exactly min_delta lower: no
    assert (state.best_cost, state.best_epoch, state.stop) == (1.0, 0, True)
    state = es.update(es.update(es.init(), 1.0), 0.5)  # more than min_delta lower: yes
    assert (state.best_cost, state.best_epoch, state.stop) == (0.5, 1, False)
    # the reference's own default: any decrease improves
    assert _early_stopping((1, 1.0, 0, 0, False), 0.9, patience=1) == (2, 0.9, 1, 0, False)


def test_penalties_of_float32_weights_are_summed_in_float64() -> None:
    """Squares and sums in float64 whatever the weights' dtype."""
    W = np.array([[1e4, 1.0]], dtype=np.float32)  # 1e8 + 1 is not a float32
    assert l2_penalty({"W1": W}, 2.0, 1) == 100_000_001.0
    W = np.array([[1e8, 1.0]], dtype=np.float32)
    assert l1_penalty({"W1": W}, 2.0, 1) == 100_000_001.0
    big = np.array([[3e20]], dtype=np.float32)  # its square overflows float32
    assert l2_penalty({"W1": big}, 2.0, 1) == pytest.approx(float(np.float32(3e20)) ** 2)


def test_the_l1_step_gives_positive_zero() -> None:
    """A negative weight thresholded to 0 is +0.0, not -0.0."""
    new = l1_proximal_step({"W1": np.array([[-0.05, 0.05, 0.0]])}, 1.0, 0.2, 1)["W1"]
    assert new.tolist() == [[0.0, 0.0, 0.0]]
    assert not np.signbit(new).any()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: l1_penalty([1.0], 0.1, 1), TypeError,
         r"^params must be a dict of arrays \(got list\)$"),
        (lambda: l1_proximal_step({"W1": np.ones((1, 1)), "b1": np.array([np.inf])}, 0.1, 0.1, 1),
         ValueError, r"^params\['b1'\] must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: dropout_backward([[np.nan]], [[1.0]], 0.5), ValueError,
         r"^dA must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: dropout_backward([[1.0, 1.0]], [[0.5, 2.0]], 0.5), ValueError,
         r"^mask must contain only 0 and 1 \(got 0\.5\)$"),
        (lambda: fit_normalizer([[np.nan, 1.0]]), ValueError,
         r"^X must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: fit_normalizer([1.0, 2.0]), ValueError, r"^X must be 2-D \(got shape \(2,\)\)$"),
        (lambda: fit_normalizer([[1.0]]), ValueError,
         r"^X must have at least 2 examples \(columns\) to fit a normalizer "
         r"\(got shape \(1, 1\)\)$"),
        (lambda: normalize([[np.nan]], [[0.0]], [[1.0]]), ValueError,
         r"^X must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: normalize([1.0], [[0.0]], [[1.0]]), ValueError,
         r"^X must be 2-D \(got shape \(1,\)\)$"),
        (lambda: normalize([[1.0]], [[np.nan]], [[1.0]]), ValueError,
         r"^mu must be finite \(got 1 NaN or infinite entries\)$"),
        (lambda: random_crop(np.zeros((4, 5)), 2, 2, rng=RNG(0)), ValueError,
         r"^images must be 3-D \(got shape \(4, 5\)\)$"),
        (lambda: random_shift(np.zeros((4, 5)), 2, rng=RNG(0)), ValueError,
         r"^images must be 3-D \(got shape \(4, 5\)\)$"),
        (lambda: EarlyStopping(2).update((0, 1.0, 0, 0, False), 1.0), TypeError,  # type: ignore[arg-type]
         r"^state must be an EarlyStoppingState \(got tuple\)$"),
    ],
    ids=["params-type", "params-key", "dA", "mask-first-bad", "fit-finite", "fit-2d",
         "fit-examples", "normalize-finite", "normalize-2d", "mu", "crop-3d", "shift-3d",
         "state"],
)
def test_bad_inputs_raise_the_full_message(call, error, message) -> None:  # type: ignore[no-untyped-def]
    """Each message names the argument and the value it got (the first bad mask entry)."""
    with pytest.raises(error, match=message):
        call()


def test_fit_normalizer_scales_each_row_by_its_own_magnitude() -> None:
    # from surviving mutants: rows of 1e300 and of 1e-300 side by side, and a subnormal row,
    # give μ and σ to a few ulps (one scale for all rows would underflow the small row to 0)
    X = np.array([[1e300, -1e300, 5e299], [1e-300, 3e-300, 2e-300], [1e-310, 2e-310, 6e-310]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mu, sigma = fit_normalizer(X)
    np.testing.assert_allclose(mu.ravel(), [5e299 / 3, 2e-300, 3e-310], rtol=1e-12)
    # σ = √(2/3)·1e-300 and √(14/3)·1e-310 by hand (row 0: its own, by np.std in float64 / 1e300)
    want = [np.std(X[0] / 1e300) * 1e300, np.sqrt(2 / 3) * 1e-300, np.sqrt(14 / 3) * 1e-310]
    np.testing.assert_allclose(sigma.ravel(), want, rtol=1e-9)


def test_fit_normalizer_gives_a_sigma_that_rounds_to_0_the_largest_distance_to_mu() -> None:
    # the smallest subnormals: σ = 2⁻¹⁰⁷⁵ rounds to 0, so σ is max |x − μ| (5e-324), never 0
    X = np.array([[5e-324, 1e-323]])
    mu, sigma = fit_normalizer(X)
    assert sigma[0, 0] == np.max(np.abs(X - mu)) == 5e-324


def test_l1_proximal_step_copies_the_biases_exactly_their_negative_zeros_too() -> None:
    # from a surviving mutant: only the weights have their −0.0 made +0.0
    new = l1_proximal_step({"W1": np.array([[0.3, -0.05]]), "b1": np.array([[-0.0]])}, lr=1.0,
                           lambd=0.2, m=1)
    assert np.signbit(new["b1"][0, 0]) and not np.signbit(new["W1"][0, 1])

