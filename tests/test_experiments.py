"""dlnotes.network.train and dlnotes.data.make_field: the training loop behind the experiments.

train is checked against the loop it stands for (model_forward, model_backward and one optimizer
call per parameter, notes 004 §2.1) and against PyTorch training loops (torch.optim.SGD and
torch.optim.Adam on the same initial parameters and mini-batches), in float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from dlnotes import activations
from dlnotes.data import make_circles, make_field, make_moons, random_mini_batches
from dlnotes.initializers import initialize_parameters
from dlnotes.network import (
    HIDDEN_ACTIVATIONS,
    compute_cost,
    compute_cost_from_logits,
    model_backward,
    model_forward,
    predict,
    train,
)
from dlnotes.optimizers import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

Params = dict[str, np.ndarray]


def reference_loop(
    X: np.ndarray,
    Y: np.ndarray,
    dims: list[int],
    optimizer: object,
    *,
    num_epochs: int,
    seed: int,
    batch_size: int | None = None,
    initialization: str = "he",
    scale: float = 0.01,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    hidden: str = "relu",
    output: str = "sigmoid",
) -> tuple[Params, list[float]]:
    """Notes 004's model loop written with the public functions, one optimizer call per key.

    Draws from the generator in train's documented order: the initial weights, then per epoch
    the permutation of random_mini_batches, then per step the dropout masks. Returns the
    parameters and the cost of every epoch (batch-size-weighted mean of the step costs).
    """
    rng = np.random.default_rng(seed)
    params = initialize_parameters(dims, initialization, rng=rng, scale=scale)
    state = optimizer.init(params)  # type: ignore[attr-defined]
    costs = []
    for _ in range(num_epochs):
        batches = [(X, Y)] if batch_size is None else random_mini_batches(X, Y, batch_size, rng=rng)
        total = 0.0
        for X_t, Y_t in batches:
            AL, caches = model_forward(
                X_t, params, hidden=hidden, output=output, keep_prob=keep_prob, rng=rng
            )
            ZL = caches[-1].layer.Z
            cost = compute_cost_from_logits(ZL, Y_t, params, lambd, output=output)
            total += Y_t.shape[1] * cost
            grads = model_backward(AL, Y_t, caches, lambd=lambd)
            params, state = optimizer.update(params, grads, state)  # type: ignore[attr-defined]
        costs.append(total / X.shape[1])
    return params, costs


def assert_params_close(a: Params, b: Params, rtol: float = 1e-10, atol: float = 1e-12) -> None:
    assert list(a) == list(b)
    for key in a:
        np.testing.assert_allclose(a[key], b[key], rtol=rtol, atol=atol, err_msg=key)


@pytest.fixture(scope="module")
def moons() -> tuple[np.ndarray, np.ndarray]:
    return make_moons(150, noise=0.2, rng=np.random.default_rng(3))


# ------------------------------------------------------------------ train = the notes' loop


OPTIMIZERS: list[Callable[[], object]] = [
    lambda: SGD(lr=0.1),
    lambda: Momentum(lr=0.1, beta=0.9),
    lambda: Nesterov(lr=0.05, beta=0.9),
    lambda: AdaGrad(lr=0.05),
    lambda: RMSprop(lr=0.01),
    lambda: Adam(lr=0.01),
]


@pytest.mark.parametrize("make_optimizer", OPTIMIZERS)
@pytest.mark.parametrize("batch_size", [None, 32])
def test_train_is_the_loop_of_model_forward_backward_and_one_update_per_parameter(
    moons: tuple[np.ndarray, np.ndarray],
    make_optimizer: Callable[[], object],
    batch_size: int | None,
) -> None:
    # one flat θ per step is the same update as one call per W and b (optimizers act per entry)
    X, Y = moons
    kwargs = {"num_epochs": 12, "batch_size": batch_size}
    params, costs = train(
        X, Y, [2, 6, 3, 1], make_optimizer(), rng=np.random.default_rng(5), record_every=1,
        **kwargs,  # type: ignore[arg-type]
    )
    expected, expected_costs = reference_loop(
        X, Y, [2, 6, 3, 1], make_optimizer(), seed=5, **kwargs  # type: ignore[arg-type]
    )
    assert_params_close(params, expected)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-12)


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize(("lambd", "keep_prob"), [(0.0, 1.0), (0.7, 1.0), (0.0, 0.86), (0.3, 0.7)])
def test_train_with_l2_and_dropout_is_the_notes_loop_for_every_hidden_activation(
    moons: tuple[np.ndarray, np.ndarray], hidden: str, lambd: float, keep_prob: float
) -> None:
    X, Y = moons
    kwargs = {"num_epochs": 6, "batch_size": 50, "lambd": lambd, "keep_prob": keep_prob,
              "hidden": hidden, "initialization": "xavier"}
    params, costs = train(
        X, Y, [2, 5, 4, 1], Momentum(lr=0.2), rng=np.random.default_rng(8), record_every=1,
        **kwargs,  # type: ignore[arg-type]
    )
    expected, expected_costs = reference_loop(
        X, Y, [2, 5, 4, 1], Momentum(lr=0.2), seed=8, **kwargs  # type: ignore[arg-type]
    )
    assert_params_close(params, expected)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-12)


def test_train_with_a_softmax_output_is_the_notes_loop() -> None:
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3, 40))
    Y = np.eye(3)[:, rng.integers(0, 3, 40)]
    kwargs = {"num_epochs": 10, "batch_size": 16, "output": "softmax", "lambd": 0.1}
    params, costs = train(
        X, Y, [3, 5, 3], Adam(lr=0.01), rng=np.random.default_rng(4), record_every=1,
        **kwargs,  # type: ignore[arg-type]
    )
    expected, expected_costs = reference_loop(
        X, Y, [3, 5, 3], Adam(lr=0.01), seed=4, **kwargs  # type: ignore[arg-type]
    )
    assert_params_close(params, expected)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-12)


# ------------------------------------------------------------------ against PyTorch


def torch_loop(
    X: np.ndarray,
    Y: np.ndarray,
    params: Params,
    batches: list[list[tuple[np.ndarray, np.ndarray]]],
    make_optimizer: Callable[[list[torch.Tensor]], torch.optim.Optimizer],
    lambd: float,
) -> Params:
    """ReLU hidden layers, sigmoid output; cost BCE-with-logits mean + λ/(2 m_t)·Σ‖W‖²."""
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    opt = make_optimizer(list(t.values()))
    L = len(params) // 2
    for epoch in batches:
        for X_t, Y_t in epoch:
            A = torch.tensor(X_t, dtype=torch.float64)
            for k in range(1, L):
                A = torch.relu(t[f"W{k}"] @ A + t[f"b{k}"])
            ZL = t[f"W{L}"] @ A + t[f"b{L}"]
            m = X_t.shape[1]
            cost = torch.nn.functional.binary_cross_entropy_with_logits(
                ZL, torch.tensor(Y_t, dtype=torch.float64)
            )
            cost = cost + lambd / (2 * m) * sum((t[f"W{k}"] ** 2).sum() for k in range(1, L + 1))
            opt.zero_grad()
            cost.backward()
            opt.step()
    return {k: v.detach().numpy() for k, v in t.items()}


def test_batch_gradient_descent_with_l2_matches_torch_sgd(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    dims, lambd = [2, 7, 4, 1], 0.7
    params, _ = train(X, Y, dims, SGD(lr=0.3), num_epochs=40, lambd=lambd,
                      rng=np.random.default_rng(1))
    init = initialize_parameters(dims, "he", rng=np.random.default_rng(1))
    expected = torch_loop(
        X, Y, init, [[(X, Y)]] * 40, lambda p: torch.optim.SGD(p, lr=0.3), lambd
    )
    assert_params_close(params, expected, rtol=1e-9, atol=1e-12)


def test_mini_batch_adam_matches_torch_adam_on_the_same_batches(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    dims = [2, 5, 2, 1]
    params, _ = train(X, Y, dims, Adam(lr=0.01), num_epochs=8, batch_size=64,
                      rng=np.random.default_rng(6))
    rng = np.random.default_rng(6)
    init = initialize_parameters(dims, "he", rng=rng)
    batches = [random_mini_batches(X, Y, 64, rng=rng) for _ in range(8)]
    expected = torch_loop(
        X, Y, init, batches, lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-8), 0.0
    )
    assert_params_close(params, expected, rtol=1e-9, atol=1e-12)


# ------------------------------------------------------------------ the core's activations


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_network_activations_are_those_of_dlnotes_activations_even_for_huge_z(
    hidden: str,
) -> None:
    # the step's unchecked formulas must give exactly what dlnotes.activations gives
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.standard_normal((2, 30)), [[1e4, -1e4, 0.0], [-3e3, 2e3, 0.0]]], 1)
    params = {"W1": rng.standard_normal((4, 2)), "b1": np.zeros((4, 1)),
              "W2": 10 * rng.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
    Y = (rng.random((1, 33)) < 0.5).astype(float)
    AL, caches = model_forward(X, params, hidden=hidden)
    g = {"relu": activations.relu, "tanh": activations.tanh, "sigmoid": activations.sigmoid,
         "leaky_relu": activations.leaky_relu, "linear": lambda z: z}[hidden]
    g_grad = {"relu": activations.relu_grad, "tanh": activations.tanh_grad,
              "sigmoid": activations.sigmoid_grad, "leaky_relu": activations.leaky_relu_grad,
              "linear": np.ones_like}[hidden]
    Z1 = caches[0].layer.Z
    A1 = g(Z1)
    np.testing.assert_array_equal(caches[1].layer.linear.A_prev, A1)
    Z2 = params["W2"] @ A1 + params["b2"]
    np.testing.assert_array_equal(AL, activations.sigmoid(Z2))
    grads = model_backward(AL, Y, caches)
    dZ1 = (params["W2"].T @ (AL - Y)) * g_grad(Z1)
    np.testing.assert_allclose(grads["W1"], dZ1 @ X.T / 33, rtol=1e-13, atol=0)
    assert all(np.isfinite(v).all() for v in grads.values())


# ------------------------------------------------------------------ the cost history


def test_costs_are_recorded_every_record_every_epochs_from_epoch_zero(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    _, every_epoch = train(X, Y, [2, 4, 1], SGD(lr=0.5), num_epochs=25,
                           rng=np.random.default_rng(0), record_every=1)
    _, costs = train(X, Y, [2, 4, 1], SGD(lr=0.5), num_epochs=25,
                     rng=np.random.default_rng(0), record_every=10)
    assert len(costs) == math.ceil(25 / 10) == 3
    np.testing.assert_array_equal(costs, every_epoch[::10])
    assert costs.dtype == np.float64


def test_first_cost_is_the_cost_of_the_initial_parameters_with_the_l2_term(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    _, costs = train(X, Y, [2, 4, 1], SGD(lr=0.5), num_epochs=1, lambd=0.7,
                     rng=np.random.default_rng(0))
    init = initialize_parameters([2, 4, 1], "he", rng=np.random.default_rng(0))
    AL, _ = model_forward(X, init)
    assert costs[0] == pytest.approx(compute_cost(AL, Y, init, lambd=0.7), rel=1e-12)


def test_costs_stay_finite_under_large_random_initialization() -> None:
    # notes 004 §1.1.2: with randn·10 some outputs round to exactly 0 or 1 (log 0 = −inf)
    X, Y = make_circles(300, noise=0.05, factor=0.8, rng=np.random.default_rng(1))
    init = initialize_parameters([2, 10, 5, 1], "random", rng=np.random.default_rng(0),
                                 scale=10.0)
    AL, _ = model_forward(X, init)
    assert not np.isfinite(compute_cost(AL, Y))  # the notes' cost at iteration 0
    _, costs = train(X, Y, [2, 10, 5, 1], SGD(lr=0.01), num_epochs=50,
                     initialization="random", scale=10.0, rng=np.random.default_rng(0),
                     record_every=1)
    assert np.isfinite(costs).all() and costs[0] > 1.0


# ------------------------------------------------------------------ behaviour


def test_zero_initialization_never_breaks_symmetry_and_predicts_one_class() -> None:
    # notes 004 §1.1.1: the cost stays flat, every prediction is 0, train accuracy 50 %
    X, Y = make_circles(300, noise=0.05, factor=0.8, rng=np.random.default_rng(1))
    params, costs = train(X, Y, [2, 10, 5, 1], SGD(lr=0.01), num_epochs=300,
                          initialization="zeros", rng=np.random.default_rng(0))
    assert all(not params[k].any() for k in ("W1", "W2", "W3"))
    np.testing.assert_allclose(costs, math.log(2), rtol=1e-12)
    assert not predict(X, params).any()
    assert np.mean(predict(X, params) == Y) == 0.5


def test_training_lowers_the_cost_and_fits_the_moons(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    params, costs = train(X, Y, [2, 8, 4, 1], Adam(lr=0.02), num_epochs=300, batch_size=32,
                          rng=np.random.default_rng(0), record_every=50)
    assert costs[-1] < 0.5 * costs[0]
    assert np.mean(predict(X, params) == Y) > 0.9


def test_same_seed_same_result_and_inputs_not_modified(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    X0, Y0 = X.copy(), Y.copy()
    runs = [
        train(X, Y, [2, 5, 1], Adam(lr=0.01), num_epochs=5, batch_size=40, keep_prob=0.8,
              rng=np.random.default_rng(9), record_every=1)
        for _ in range(2)
    ]
    assert_params_close(runs[0][0], runs[1][0], rtol=0, atol=0)
    np.testing.assert_array_equal(runs[0][1], runs[1][1])
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)


def test_returned_parameters_are_independent_arrays_in_the_dtype_of_x(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    X, Y = moons
    params, costs = train(X.astype(np.float32), Y, [2, 4, 1], Adam(lr=0.01), num_epochs=3,
                          rng=np.random.default_rng(0))
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert all(v.dtype == np.float32 for v in params.values())
    assert costs.dtype == np.float64
    assert not any(np.shares_memory(params[a], params[b]) for a in params for b in params
                   if a != b)
    params64, _ = train(X, Y, [2, 4, 1], Adam(lr=0.01), num_epochs=3,
                        rng=np.random.default_rng(0))
    assert_params_close(params, params64, rtol=1e-4, atol=1e-5)


def test_one_mini_batch_holding_every_example_is_batch_gradient_descent(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    # the batch is shuffled, but the gradient is a mean over the examples: order-free
    X, Y = moons
    batch, _ = train(X, Y, [2, 4, 1], SGD(lr=0.5), num_epochs=20, rng=np.random.default_rng(0))
    shuffled, _ = train(X, Y, [2, 4, 1], SGD(lr=0.5), num_epochs=20, batch_size=10_000,
                        rng=np.random.default_rng(0))
    assert_params_close(batch, shuffled, rtol=1e-9, atol=1e-12)


def test_a_single_layer_network_trains_as_logistic_regression(
    moons: tuple[np.ndarray, np.ndarray],
) -> None:
    # notes 003: logistic regression is the network with no hidden layer (L = 1)
    X, Y = moons
    params, costs = train(X, Y, [2, 1], SGD(lr=0.5), num_epochs=200, keep_prob=0.5,
                          rng=np.random.default_rng(0))
    assert list(params) == ["W1", "b1"] and costs[-1] < costs[0]
    assert np.mean(predict(X, params) == Y) > 0.8


# ------------------------------------------------------------------ make_field


def test_make_field_labels_are_the_side_of_the_wavy_line_without_noise() -> None:
    X, Y = make_field(2000, noise=0.0, flip=0.0, rng=np.random.default_rng(0))
    assert X.shape == (2, 2000) and Y.shape == (1, 2000)
    assert X.dtype == np.float64 and Y.dtype == np.int64
    assert np.abs(X).max() <= 0.75
    np.testing.assert_array_equal(Y[0], X[1] > 0.2 * np.sin(np.pi * X[0] / 1.5))
    assert 0.45 < Y.mean() < 0.55  # the line splits the field in halves


def test_make_field_flips_about_a_fraction_flip_of_the_labels() -> None:
    clean = make_field(20000, noise=0.0, flip=0.0, rng=np.random.default_rng(1))
    noisy = make_field(20000, noise=0.0, flip=0.1, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(clean[0], noisy[0])  # the positions are drawn first
    assert np.mean(clean[1] != noisy[1]) == pytest.approx(0.1, abs=0.01)


def test_make_field_noise_moves_the_points_by_its_standard_deviation() -> None:
    clean = make_field(20000, noise=0.0, flip=0.0, rng=np.random.default_rng(2))
    noisy = make_field(20000, noise=0.1, flip=0.0, rng=np.random.default_rng(2))
    np.testing.assert_array_equal(clean[1], noisy[1])
    assert np.std(noisy[0] - clean[0]) == pytest.approx(0.1, rel=0.03)


@given(m=st.integers(1, 300), noise=st.floats(0.0, 0.5), flip=st.floats(0.0, 0.5),
       seed=st.integers(0, 2**32 - 1))
def test_make_field_shapes_labels_and_reproducibility(
    m: int, noise: float, flip: float, seed: int
) -> None:
    X, Y = make_field(m, noise=noise, flip=flip, rng=np.random.default_rng(seed))
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert set(np.unique(Y)) <= {0, 1} and np.isfinite(X).all()
    X2, Y2 = make_field(m, noise=noise, flip=flip, rng=np.random.default_rng(seed))
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)


# ------------------------------------------------------------------ bad input

X0, Y0 = make_moons(20, noise=0.1, rng=np.random.default_rng(0))
R0 = np.random.default_rng(0)


def fit(**overrides: object) -> object:
    args: dict[str, object] = {"X": X0, "Y": Y0, "layer_dims": [2, 3, 1],
                               "optimizer": SGD(lr=0.1), "num_epochs": 2, "rng": R0}
    args.update(overrides)
    return train(**args)  # type: ignore[arg-type]


BAD_INPUT: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: fit(X=X0[0]), ValueError, r"X must be 2-D \(got shape \(20,\)\)"),
    (lambda: fit(X=np.where(X0 > 1, np.nan, X0)), ValueError, "X must be finite"),
    (lambda: fit(X=X0.astype(str)), TypeError, "X must be an array of real numbers"),
    (lambda: fit(layer_dims=[3, 3, 1]), ValueError,
     r"layer_dims\[0\] must be the number of input features X.shape\[0\] = 2 \(got 3\)"),
    (lambda: fit(layer_dims=[2]), ValueError, "layer_dims must give at least two sizes"),
    (lambda: fit(layer_dims=[2, 0, 1]), ValueError, r"layer_dims\[1\] must be >= 1"),
    (lambda: fit(layer_dims="21"), TypeError, "layer_dims must be a sequence of ints"),
    (lambda: fit(Y=Y0[0]), ValueError,
     r"Y must have shape \(n\[L\], m\) = \(1, 20\) \(got \(20,\)\)"),
    (lambda: fit(Y=Y0[:, :10]), ValueError, r"Y must have shape \(n\[L\], m\) = \(1, 20\)"),
    (lambda: fit(Y=2 * Y0), ValueError, r"Y must be in \[0, 1\]"),
    (lambda: fit(layer_dims=[2, 3, 1], output="softmax"), ValueError,
     r"a softmax output needs n\[L\] >= 2 units"),
    (lambda: fit(Y=np.ones((2, 20)), layer_dims=[2, 3, 2], output="softmax"), ValueError,
     "Y must have columns summing to 1"),
    (lambda: fit(optimizer="sgd"), TypeError,
     r"optimizer must have init\(params\) and update\(params, grads, state\) methods"),
    (lambda: fit(optimizer=SGD), TypeError, r"optimizer must have init.*\(got the class SGD\)"),
    (lambda: fit(rng=None), TypeError, "rng must be a numpy.random.Generator"),
    (lambda: fit(rng=0), TypeError, r"rng must be a numpy.random.Generator.*\(got int\)"),
    (lambda: fit(num_epochs=0), ValueError, r"num_epochs must be >= 1 \(got 0\)"),
    (lambda: fit(num_epochs=2.0), TypeError, r"num_epochs must be an int \(got float\)"),
    (lambda: fit(batch_size=0), ValueError, r"batch_size must be >= 1 \(got 0\)"),
    (lambda: fit(batch_size=1.5), TypeError, "batch_size must be an int"),
    (lambda: fit(record_every=0), ValueError, r"record_every must be >= 1 \(got 0\)"),
    (lambda: fit(lambd=-0.7), ValueError, r"lambd must be >= 0 \(got -0.7\)"),
    (lambda: fit(keep_prob=0.0), ValueError, r"keep_prob must be in \(0, 1\] \(got 0.0\)"),
    (lambda: fit(keep_prob=1.5), ValueError, r"keep_prob must be in \(0, 1\] \(got 1.5\)"),
    (lambda: fit(keep_prob=(0.5, 0.5)), ValueError,
     r"keep_prob must have one value per hidden layer, L - 1 = 1 \(got 2\)"),
    (lambda: fit(initialization="lecun"), ValueError,
     r"initialization must be one of .*\(got 'lecun'\)"),  # issue 14: not "method"
    (lambda: fit(initialization="random", scale=-10.0), ValueError, r"scale must be > 0"),
    (lambda: fit(hidden="softmax"), ValueError, "hidden must be one of"),
    (lambda: fit(output="relu"), ValueError, "output must be one of"),
    (lambda: make_field(0, noise=0.1, rng=R0), ValueError, r"m must be >= 1 \(got 0\)"),
    (lambda: make_field(2.5, noise=0.1, rng=R0), TypeError, r"m must be an int \(got float\)"),
    (lambda: make_field(10, noise=-0.1, rng=R0), ValueError, r"noise must be >= 0 \(got -0.1\)"),
    (lambda: make_field(10, noise=0.1, flip=0.6, rng=R0), ValueError,
     r"flip must be in \[0, 0.5\] \(got 0.6\)"),
    (lambda: make_field(10, noise="x", rng=R0), TypeError, "noise must be a real number"),
    (lambda: make_field(10, noise=0.1, rng=None), TypeError,
     "rng must be a numpy.random.Generator"),
]


@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_raises_a_named_error(
    call: Callable[[], object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()
