"""dlnotes.network: L-layer forward/backward against PyTorch, gradient checks over every flag."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.gradcheck import gradient_check, params_to_vector, vector_to_params
from dlnotes.initializers import initialize_parameters
from dlnotes.network import (
    HIDDEN_ACTIVATIONS,
    _compute_cost,
    _compute_cost_from_logits,
    _model_backward,
    _model_forward,
    _predict,
    _train,
    compute_cost,
    compute_cost_from_logits,
    model_backward,
    model_forward,
    predict,
    train,
)
from dlnotes.optimizers import SGD
from dlnotes.regularization import l2_penalty

TORCH_G: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "linear": lambda z: z,
}


def network(
    layer_dims: Sequence[int], m: int, seed: int, output: str = "sigmoid"
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Random X, labels Y (0/1, or one-hot for softmax) and parameters of scale ~1."""
    rng = np.random.default_rng(seed)
    params = {}
    for k in range(1, len(layer_dims)):
        params[f"W{k}"] = rng.standard_normal((layer_dims[k], layer_dims[k - 1])) / np.sqrt(
            layer_dims[k - 1]
        )
        params[f"b{k}"] = 0.1 * rng.standard_normal((layer_dims[k], 1))
    X = rng.standard_normal((layer_dims[0], m))
    n_y = layer_dims[-1]
    if output == "softmax":
        Y = np.eye(n_y)[:, rng.integers(0, n_y, m)]
    else:
        Y = rng.integers(0, 2, (n_y, m)).astype(float)
    return X, Y, params


def torch_cost(
    X: np.ndarray,
    Y: np.ndarray,
    params: dict[str, np.ndarray],
    *,
    hidden: str,
    output: str,
    lambd: float = 0.0,
    masks: Sequence[tuple[np.ndarray | None, float]] = (),
) -> tuple[torch.Tensor, torch.Tensor, dict[str, torch.Tensor]]:
    """Reference forward pass and cost in float64, written from the notes with torch ops.

    The output layer's cost is computed from the logits (BCE-with-logits, log-softmax); the
    dropout masks are the ones dlnotes drew, applied the same way (A·D/keep_prob).
    """
    L = len(params) // 2
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    A = torch.tensor(X, dtype=torch.float64)
    for k in range(1, L):
        A = TORCH_G[hidden](t[f"W{k}"] @ A + t[f"b{k}"])
        if masks and masks[k - 1][0] is not None:
            mask, keep_prob = masks[k - 1]
            A = A * torch.tensor(mask, dtype=torch.float64) / keep_prob
    ZL = t[f"W{L}"] @ A + t[f"b{L}"]
    tY, m = torch.tensor(Y, dtype=torch.float64), X.shape[1]
    if output == "softmax":
        AL, cost = torch.softmax(ZL, dim=0), -(tY * torch.log_softmax(ZL, dim=0)).sum() / m
    else:
        AL = torch.sigmoid(ZL)
        cost = F.binary_cross_entropy_with_logits(ZL, tY, reduction="sum") / m
    cost = cost + lambd / (2 * m) * sum((t[f"W{k}"] ** 2).sum() for k in range(1, L + 1))
    return AL, cost, t


CASES = [  # (layer_dims, m)
    ((3, 1), 4),
    ((2, 4, 1), 7),
    ((5, 4, 3, 1), 10),
    ((4, 6, 5, 3, 2), 9),
]


# ---------------------------------------------------------------- against PyTorch


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("lambd", [0.0, 0.7])
@pytest.mark.parametrize(("dims", "m"), CASES)
def test_forward_and_backward_match_torch(
    hidden: str, lambd: float, dims: tuple[int, ...], m: int
) -> None:
    X, Y, params = network(dims, m, seed=sum(dims) + m)
    AL, caches = model_forward(X, params, hidden=hidden)
    grads = model_backward(AL, Y, caches, lambd=lambd)
    tAL, tcost, t = torch_cost(X, Y, params, hidden=hidden, output="sigmoid", lambd=lambd)
    tcost.backward()
    assert np.allclose(AL, tAL.detach().numpy(), rtol=1e-13, atol=1e-15)
    assert compute_cost(AL, Y, params, lambd) == pytest.approx(tcost.item(), rel=1e-12)
    assert list(grads) == list(params)
    for key in params:
        assert np.allclose(grads[key], t[key].grad.numpy(), rtol=1e-11, atol=1e-14), key


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize("lambd", [0.0, 0.3])
@pytest.mark.parametrize("dims", [(4, 5, 3), (3, 6, 4, 5)])
def test_softmax_output_forward_and_backward_match_torch(
    hidden: str, lambd: float, dims: tuple[int, ...]
) -> None:
    X, Y, params = network(dims, 8, seed=len(dims), output="softmax")
    AL, caches = model_forward(X, params, hidden=hidden, output="softmax")
    grads = model_backward(AL, Y, caches, lambd=lambd)
    tAL, tcost, t = torch_cost(X, Y, params, hidden=hidden, output="softmax", lambd=lambd)
    tcost.backward()
    assert np.allclose(AL, tAL.detach().numpy(), rtol=1e-13, atol=1e-15)
    cost = compute_cost(AL, Y, params, lambd, output="softmax")
    assert cost == pytest.approx(tcost.item(), rel=1e-12)
    for key in params:
        assert np.allclose(grads[key], t[key].grad.numpy(), rtol=1e-11, atol=1e-14), key


@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize("keep_prob", [0.8, (0.5, 0.9), (1.0, 0.6)])
def test_dropout_matches_torch_with_the_same_masks(
    hidden: str, keep_prob: float | tuple[float, float]
) -> None:
    X, Y, params = network((4, 6, 5, 1), 12, seed=3)
    AL, caches = model_forward(
        X, params, hidden=hidden, keep_prob=keep_prob, rng=np.random.default_rng(1)
    )
    grads = model_backward(AL, Y, caches, lambd=0.2)
    masks = [(c.mask, c.keep_prob) for c in caches[:-1]]
    tAL, tcost, t = torch_cost(
        X, Y, params, hidden=hidden, output="sigmoid", lambd=0.2, masks=masks
    )
    tcost.backward()
    assert np.allclose(AL, tAL.detach().numpy(), rtol=1e-13, atol=1e-15)
    for key in params:
        assert np.allclose(grads[key], t[key].grad.numpy(), rtol=1e-11, atol=1e-14), key


@given(
    st.lists(st.integers(1, 6), min_size=2, max_size=5),
    st.integers(1, 12),
    st.integers(0, 2**32 - 1),
    st.sampled_from(HIDDEN_ACTIVATIONS),
    st.sampled_from([0.0, 0.5]),
)
def test_random_architectures_match_torch(
    dims: list[int], m: int, seed: int, hidden: str, lambd: float
) -> None:
    X, Y, params = network(dims, m, seed=seed)
    AL, caches = model_forward(X, params, hidden=hidden)
    grads = model_backward(AL, Y, caches, lambd=lambd)
    _, tcost, t = torch_cost(X, Y, params, hidden=hidden, output="sigmoid", lambd=lambd)
    tcost.backward()
    for key in params:
        assert np.allclose(grads[key], t[key].grad.numpy(), rtol=1e-10, atol=1e-13), key


def test_softmax_regression_is_a_one_layer_softmax_network() -> None:
    # the ML-strategy chapter's softmax regression: L = 1, output softmax, one-hot labels
    X, Y, params = network((4, 3), 10, seed=12, output="softmax")
    AL, caches = model_forward(X, params, output="softmax", keep_prob=[])
    grads = model_backward(AL, Y, caches)
    logits = torch.tensor(params["W1"] @ X + params["b1"], requires_grad=True)
    cost = F.cross_entropy(logits.T, torch.tensor(Y.argmax(axis=0)))  # rows are examples
    cost.backward()
    assert compute_cost(AL, Y, output="softmax") == pytest.approx(cost.item(), rel=1e-12)
    dZ = logits.grad.numpy() * X.shape[1]  # per-example gradient, the notes' dZ = AL - Y
    assert np.allclose(dZ, AL - Y, rtol=1e-12, atol=1e-15)
    assert np.allclose(grads["W1"], logits.grad.numpy() @ X.T, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_huge_pre_activations_give_finite_outputs_and_gradients(output: str) -> None:
    # |z| up to about 1e4: outputs saturate to exactly 0 or 1, gradients stay finite
    X, Y, params = network((3, 4, 3), 6, seed=13, output=output)
    params = {k: 3e3 * v for k, v in params.items()}
    for hidden in HIDDEN_ACTIVATIONS:
        AL, caches = model_forward(X, params, hidden=hidden, output=output)
        grads = model_backward(AL, Y, caches, lambd=0.1)
        assert np.isfinite(AL).all() and ((AL >= 0) & (AL <= 1)).all()
        assert all(np.isfinite(g).all() for g in grads.values()), hidden


# ---------------------------------------------------------------- gradient checks


def cost_of_vector(
    theta: np.ndarray,
    spec: object,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    hidden: str,
    output: str,
    lambd: float,
    keep_prob: float | tuple[float, ...],
) -> float:
    params = vector_to_params(theta, spec)  # type: ignore[arg-type]
    # a fresh generator with the same seed draws the same masks at every evaluation
    AL, _ = model_forward(
        X, params, hidden=hidden, output=output, keep_prob=keep_prob,
        rng=np.random.default_rng(42),
    )
    return compute_cost(AL, Y, params, lambd, output=output)


FLAGS = list(
    itertools.product(
        HIDDEN_ACTIVATIONS, ["sigmoid", "softmax"], [0.0, 0.7], [1.0, 0.7, (0.6, 1.0)]
    )
)


@pytest.mark.parametrize(("hidden", "output", "lambd", "keep_prob"), FLAGS)
def test_model_backward_passes_a_gradient_check_for_every_flag(
    hidden: str, output: str, lambd: float, keep_prob: float | tuple[float, ...]
) -> None:
    # notes 000 §1.12 / 004: a relative difference about 1e-7 or less means a correct backward
    X, Y, params = network((3, 5, 4, 3), 6, seed=11, output=output)
    AL, caches = model_forward(
        X, params, hidden=hidden, output=output, keep_prob=keep_prob,
        rng=np.random.default_rng(42),
    )
    grads = model_backward(AL, Y, caches, lambd=lambd)
    theta, spec = params_to_vector(params)
    dtheta, _ = params_to_vector(grads)
    diff = gradient_check(
        lambda v: cost_of_vector(
            v, spec, X, Y, hidden=hidden, output=output, lambd=lambd, keep_prob=keep_prob
        ),
        dtheta,
        theta,
    )
    assert diff < 1e-7


# ---------------------------------------------------------------- behaviour


def test_gradients_stay_finite_when_the_output_is_exactly_zero_or_one() -> None:
    # σ(±800) is exactly 1 or 0 in float64: dZ = AL - Y never divides by AL or 1 - AL
    X = np.array([[-1.0, 1.0, -1.0, 1.0]])
    params = {"W1": np.array([[800.0]]), "b1": np.zeros((1, 1))}
    AL, caches = model_forward(X, params)
    assert set(np.unique(AL)) == {0.0, 1.0}
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])  # two confidently wrong examples
    grads = model_backward(AL, Y, caches, lambd=0.1)
    assert all(np.isfinite(g).all() for g in grads.values())
    assert grads["W1"][0, 0] == pytest.approx((1.0 + 1.0) / 4 + 0.1 / 4 * 800.0)
    assert compute_cost(AL, Y) == np.inf  # the cost of the rounded output, without a warning


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("lambd", [0.0, 0.4])
def test_cost_from_logits_equals_the_cost_from_outputs_and_torch(output: str, lambd: float) -> None:
    X, Y, params = network((3, 5, 4), 9, seed=14, output=output)
    AL, caches = model_forward(X, params, output=output)
    ZL = caches[-1].layer.Z
    from_logits = compute_cost_from_logits(ZL, Y, params, lambd, output=output)
    assert from_logits == pytest.approx(compute_cost(AL, Y, params, lambd, output=output))
    _, tcost, _ = torch_cost(X, Y, params, hidden="relu", output=output, lambd=lambd)
    assert from_logits == pytest.approx(tcost.item(), rel=1e-12)


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_cost_from_logits_is_finite_for_logits_up_to_1e4(output: str) -> None:
    rng = np.random.default_rng(15)
    ZL = rng.choice([-1e4, 1e4], size=(3, 8)) * rng.random((3, 8))
    Y = np.eye(3)[:, rng.integers(0, 3, 8)]
    cost = compute_cost_from_logits(ZL, Y, output=output)
    tZ, tY = torch.tensor(ZL), torch.tensor(Y)
    if output == "softmax":
        ref = -(tY * torch.log_softmax(tZ, dim=0)).sum() / 8
    else:
        ref = F.binary_cross_entropy_with_logits(tZ, tY, reduction="sum") / 8
    assert np.isfinite(cost) and cost == pytest.approx(ref.item(), rel=1e-12)


def test_masks_are_drawn_for_hidden_layers_only_and_follow_keep_prob() -> None:
    X, _, params = network((4, 50, 40, 1), 400, seed=0)
    _, caches = model_forward(X, params, keep_prob=(0.5, 1.0), rng=np.random.default_rng(0))
    assert caches[1].mask is None and caches[2].mask is None
    mask = caches[0].mask
    assert mask is not None and set(np.unique(mask)) == {0.0, 1.0}
    assert abs(mask.mean() - 0.5) < 0.01  # 20,000 draws: the standard error is 0.0035
    assert [c.keep_prob for c in caches] == [0.5, 1.0, 1.0]


def test_dropout_keeps_the_expected_activation_and_is_off_at_keep_prob_one() -> None:
    X, _, params = network((3, 8, 1), 5, seed=2)
    AL_plain, caches_plain = model_forward(X, params)
    AL_one, _ = model_forward(X, params, keep_prob=1.0, rng=None)
    assert np.array_equal(AL_plain, AL_one) and caches_plain[0].mask is None
    A1 = caches_plain[1].layer.linear.A_prev
    draws = [
        model_forward(X, params, keep_prob=0.75, rng=np.random.default_rng(s))[1][1]
        .layer.linear.A_prev
        for s in range(400)
    ]
    assert np.allclose(np.mean(draws, axis=0), A1, rtol=0.1, atol=0.05)


def test_same_rng_seed_gives_the_same_masks() -> None:
    X, _, params = network((3, 8, 6, 1), 5, seed=4)
    a, _ = model_forward(X, params, keep_prob=0.6, rng=np.random.default_rng(9))
    b, _ = model_forward(X, params, keep_prob=0.6, rng=np.random.default_rng(9))
    assert np.array_equal(a, b)


def test_l2_term_of_the_cost_is_the_regularization_penalty() -> None:
    X, Y, params = network((3, 4, 1), 6, seed=5)
    AL, _ = model_forward(X, params)
    extra = compute_cost(AL, Y, params, 0.9) - compute_cost(AL, Y)
    assert extra == pytest.approx(l2_penalty(params, 0.9, 6), rel=1e-12)


def test_predict_thresholds_at_one_half_and_softmax_gives_one_hot() -> None:
    params = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1))}
    assert predict(np.array([[-1.0, 0.0, 1e-9, 2.0]]), params).tolist() == [[0, 0, 1, 1]]
    X, _, p3 = network((2, 4, 3), 10, seed=6, output="softmax")
    pred = predict(X, p3, output="softmax")
    AL, _ = model_forward(X, p3, output="softmax")
    assert pred.shape == (3, 10) and np.array_equal(pred.sum(axis=0), np.ones(10))
    assert np.array_equal(np.argmax(pred, axis=0), np.argmax(AL, axis=0))


def test_float32_parameters_give_float32_outputs_and_gradients() -> None:
    X, Y, params = network((3, 4, 1), 5, seed=7)
    p32 = {k: v.astype(np.float32) for k, v in params.items()}
    AL, caches = model_forward(
        X.astype(np.float32), p32, keep_prob=0.8, rng=np.random.default_rng(0)
    )
    grads = model_backward(AL, Y.astype(np.float32), caches, lambd=0.5)
    assert AL.dtype == np.float32 and all(g.dtype == np.float32 for g in grads.values())


def test_inputs_are_not_modified() -> None:
    X, Y, params = network((3, 4, 2, 1), 5, seed=8)
    copies = {k: v.copy() for k, v in params.items()}
    X0, Y0 = X.copy(), Y.copy()
    AL, caches = model_forward(X, params, keep_prob=0.5, rng=np.random.default_rng(0))
    AL0 = AL.copy()
    model_backward(AL, Y, caches, lambd=1.0)
    assert all(np.array_equal(params[k], copies[k]) for k in params)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0) and np.array_equal(AL, AL0)


def test_a_single_layer_network_is_logistic_regression() -> None:
    from dlnotes.logistic import propagate

    X, Y, params = network((4, 1), 9, seed=9)
    AL, caches = model_forward(X, params)
    grads = model_backward(AL, Y, caches)
    lr_grads, cost = propagate(params["W1"].T, float(params["b1"][0, 0]), X, Y)
    assert np.allclose(grads["W1"], lr_grads["w"].T, rtol=1e-13)
    assert grads["b1"][0, 0] == pytest.approx(lr_grads["b"], rel=1e-13)
    assert compute_cost(AL, Y) == pytest.approx(cost, rel=1e-12)


# ---------------------------------------------------------------- bad input

X0, Y0, P0 = network((3, 4, 1), 5, seed=0)
AL0, C0 = model_forward(X0, P0)
P_SOFT = network((3, 4, 1), 5, seed=0)[2]
RNG = np.random.default_rng(0)
FWD = model_forward
CHOICES = "'relu', 'tanh', 'sigmoid', 'leaky_relu', 'linear'"

BAD_INPUT: list[tuple[Callable[[], object], type[Exception], str]] = [
    (
        lambda: model_backward(AL0, Y0.ravel(), C0),
        ValueError,
        r"AL and Y must have the same shape \(got \(1, 5\) and \(5,\)\)",
    ),
    (lambda: compute_cost(AL0, Y0.ravel()), ValueError, r"AL and Y must have the same shape"),
    (
        lambda: model_backward(AL0[:, :4], Y0[:, :4], C0),
        ValueError,
        r"AL must have the shape of the cached output \(1, 5\)",
    ),
    (lambda: model_backward(AL0, 2 * Y0, C0), ValueError, r"Y must be in \[0, 1\]"),
    (lambda: compute_cost(AL0 + 1, Y0), ValueError, r"AL must be in \[0, 1\]"),
    (
        lambda: model_backward(AL0, Y0, C0, lambd=-0.1),
        ValueError,
        r"lambd must be >= 0 \(got -0.1\)",
    ),
    (
        lambda: model_backward(AL0, Y0, C0[0]),
        TypeError,
        "caches must be the non-empty list of LayerCache",
    ),
    (
        lambda: model_backward(AL0, Y0, []),
        TypeError,
        "caches must be the non-empty list of LayerCache",
    ),
    (
        lambda: compute_cost_from_logits(AL0, Y0.ravel()),
        ValueError,
        r"ZL and Y must have the same shape \(got \(1, 5\) and \(5,\)\)",
    ),
    (lambda: compute_cost_from_logits(AL0, Y0 + 1), ValueError, r"Y must be in \[0, 1\]"),
    (
        lambda: compute_cost_from_logits(AL0, Y0, output="tanh"),
        ValueError,
        "output must be one of 'sigmoid', 'softmax'",
    ),
    (
        lambda: compute_cost_from_logits(AL0, Y0, None, 0.5),
        TypeError,
        r"params must be a dict of arrays when lambd > 0 \(got None, lambd=0.5\)",
    ),
    (lambda: compute_cost(AL0, Y0, None, 0.5), TypeError,
     r"params must be a dict of arrays when lambd > 0 \(got None"),
    (lambda: FWD(X0, P0, keep_prob=["a", "b"]), TypeError,
     r"keep_prob\[0\] must be a real number \(got str\)"),
    # the kind of each entry is checked before their count (one hidden layer here, two entries)
    (lambda: FWD(X0, P0, keep_prob=[None, None]), TypeError,
     r"^keep_prob\[0\] must be a real number \(got NoneType\)$"),
    (
        lambda: FWD(X0, P0, hidden="swish"),
        ValueError,
        rf"hidden must be one of {CHOICES} \(got 'swish'\)",
    ),
    (
        lambda: FWD(X0, P0, output="tanh"),
        ValueError,
        r"output must be one of 'sigmoid', 'softmax' \(got 'tanh'\)",
    ),
    (
        lambda: compute_cost(AL0, Y0, output="relu"),
        ValueError,
        r"output must be one of 'sigmoid', 'softmax'",
    ),
    (
        lambda: FWD(X0, P0, keep_prob=0.0, rng=RNG),
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got 0.0\)",
    ),
    (
        lambda: FWD(X0, P0, keep_prob=1.5, rng=RNG),
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got 1.5\)",
    ),
    (
        lambda: FWD(X0, P0, keep_prob=-0.2, rng=RNG),
        ValueError,
        r"keep_prob must be in \(0, 1\] \(got -0.2\)",
    ),
    (
        lambda: FWD(X0, P0, keep_prob=(0.5, 0.5), rng=RNG),
        ValueError,
        r"keep_prob must have one value per hidden layer, L - 1 = 1 \(got 2\)",
    ),
    (
        lambda: FWD(X0, P0, keep_prob=[1.2], rng=RNG),
        ValueError,
        r"keep_prob\[0\] must be in \(0, 1\] \(got 1.2\)",
    ),
    (
        lambda: FWD(X0, P0, keep_prob="0.5", rng=RNG),
        TypeError,
        "keep_prob must be a float or a sequence",
    ),
    (lambda: FWD(X0, P0, keep_prob=0.5), TypeError, "rng must be a numpy.random.Generator"),
    (
        lambda: FWD(X0, P0, keep_prob=[0.5], rng=0),
        TypeError,
        r"rng must be a numpy.random.Generator.*\(got int\)",
    ),
    (lambda: FWD(X0.ravel(), P0), ValueError, r"X must be 2-D"),
    (
        lambda: FWD(X0[:2], P0),
        ValueError,
        r"params\['W1'\] must have shape \(n\[1\], n\[0\]\) with n\[0\] = 2 \(got \(4, 3\)\)",
    ),
    (
        lambda: FWD(X0, {**P0, "W2": np.ones((1, 3))}),
        ValueError,
        r"params\['W2'\] must have shape \(n\[2\], n\[1\]\) with n\[1\] = 4 \(got \(1, 3\)\)",
    ),
    (
        lambda: FWD(X0, {**P0, "b1": np.ones(4)}),
        ValueError,
        r"params\['b1'\] must have shape \(4, 1\) \(got \(4,\)\)",
    ),
    (
        lambda: FWD(X0, {"W1": P0["W1"], "b2": P0["b1"]}),
        ValueError,
        r"params must have the keys W1, b1, …, WL, bL \(got \['W1', 'b2'\]\)",
    ),
    (lambda: FWD(X0, {}), ValueError, r"params must have the keys W1, b1"),
    (
        lambda: FWD(X0, [P0["W1"], P0["b1"]]),
        TypeError,
        r"params must be a dict of arrays \(got list\)",
    ),
    (
        lambda: FWD(X0, P_SOFT, output="softmax"),
        ValueError,
        r"a softmax output needs n\[L\] >= 2 units",
    ),
    (
        lambda: model_backward(*softmax_bad_labels()),
        ValueError,
        r"Y must have columns summing to 1 for a softmax output",
    ),
    # issue 14: messages name the argument as the caller wrote it; NaN/inf, bool, wrong kinds
    (lambda: _train_tiny(initialization="kaiming"), ValueError,
     r"initialization must be one of 'zeros', 'random', 'xavier', 'glorot', 'he' "
     r"\(got 'kaiming'\)"),
    (lambda: _train_tiny(initialization=3), TypeError, r"initialization must be a string"),
    (lambda: _train_tiny(keep_prob=np.array(1.5)), ValueError,
     r"keep_prob must be in \(0, 1\] \(got 1.5\)"),
    (lambda: _train_tiny(keep_prob=True), TypeError, r"keep_prob must be a float or a sequence"),
    (lambda: _train_tiny(keep_prob=[np.inf]), ValueError, r"keep_prob\[0\] must be in \(0, 1\]"),
    (lambda: _train_tiny(keep_prob=["a"]), TypeError, r"keep_prob\[0\] must be a real number"),
    (lambda: _train_tiny(lambd=np.inf), ValueError, r"lambd must be finite \(got inf\)"),
    (lambda: _train_tiny(scale=np.inf), ValueError, r"scale must be finite"),
    (lambda: _train_tiny(hidden=None), TypeError, r"hidden must be a string"),
    (lambda: _train_tiny(num_epochs=True), TypeError, r"num_epochs must be an int \(got bool\)"),
    (lambda: FWD(X0, P0, keep_prob=np.array(0.8)), TypeError, r"rng must be a numpy"),
    (lambda: FWD(np.full_like(X0, np.nan), P0), ValueError, r"X must be finite"),
    (lambda: FWD(X0, {**P0, "W1": np.full_like(P0["W1"], np.inf)}), ValueError,
     r"params\['W1'\] must be finite"),
    (lambda: FWD(X0, P0, output=1), TypeError, r"output must be a string"),
    (lambda: compute_cost(AL0, np.full_like(AL0, np.nan)), ValueError, r"Y must be finite"),
    (lambda: compute_cost(AL0, np.ones_like(AL0), P0, np.inf), ValueError,
     r"lambd must be finite"),
    (lambda: compute_cost_from_logits(np.full_like(AL0, np.inf), np.ones_like(AL0)), ValueError,
     r"ZL must be finite"),
    (lambda: model_backward(AL0, np.ones_like(AL0), C0, lambd=True), TypeError,
     r"lambd must be a real number \(got bool\)"),
    (lambda: model_backward(AL0, np.ones_like(AL0), "caches"), TypeError,
     r"caches must be the non-empty list of LayerCache"),
    (lambda: predict(X0, P0, hidden=["relu"]), TypeError, r"hidden must be a string"),
]


def _train_tiny(**kwargs: object) -> object:
    args = {"num_epochs": 2, "rng": np.random.default_rng(0), **kwargs}
    return train(X0, Y0, [3, 4, 1], SGD(0.1), **args)


def test_a_0d_keep_prob_is_its_number() -> None:
    out = FWD(X0, P0, keep_prob=np.array(0.8), rng=np.random.default_rng(0))
    ref = FWD(X0, P0, keep_prob=0.8, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(out[0], ref[0])


def softmax_bad_labels() -> tuple[np.ndarray, np.ndarray, list]:
    X, Y, params = network((3, 4, 3), 5, seed=0, output="softmax")
    AL, caches = model_forward(X, params, output="softmax")
    return AL, 0.5 * Y, caches


@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_raises_a_named_error(
    call: Callable[[], object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()


def test_a_nan_in_parameters_returned_by_adam_is_caught_and_named() -> None:
    # small networks come back from Adam.update as views of one vector, checked in one call
    from dlnotes.optimizers import Adam

    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 8)), (rng.uniform(size=(1, 8)) > 0.5).astype(float)
    params = {"W1": rng.normal(size=(3, 2)), "b1": np.zeros((3, 1)),
              "W2": rng.normal(size=(1, 3)), "b2": np.zeros((1, 1))}
    opt = Adam(lr=0.01)
    state = opt.init(params)
    AL, caches = model_forward(X, params)
    params, state = opt.update(params, model_backward(AL, Y, caches), state)
    assert all(p.base is params["W1"].base for p in params.values())  # the one-vector form
    model_forward(X, params)  # finite: passes
    params["W2"][0, 1] = np.nan  # through the view, as a diverging step would
    with pytest.raises(ValueError, match=r"params\['W2'\] must be finite \(got 1 NaN"):
        model_forward(X, params)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, 1.5])
def test_model_backward_rejects_a_non_finite_or_out_of_range_output(bad) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    params = {"W1": rng.normal(size=(1, 2)), "b1": np.zeros((1, 1))}
    AL, caches = model_forward(rng.normal(size=(2, 4)), params)
    AL = AL.copy()
    AL[0, 2] = bad
    message = r"AL must be in \[0, 1\]" if bad == 1.5 else r"AL must be finite \(got 1 NaN"
    with pytest.raises(ValueError, match=message):
        model_backward(AL, np.ones((1, 4)), caches)
    with pytest.raises(ValueError, match=message.replace("AL", "Y")):
        model_backward(np.full((1, 4), 0.5), AL, caches)


def test_views_of_a_larger_or_foreign_buffer_are_checked_array_by_array() -> None:
    # only views that tile one float vector are checked in one call; here the vector also holds
    # a NaN outside every view (ignored) or is a bytes object (no ufunc on it)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 3))
    buffer = np.full(20, np.nan)
    buffer[:9] = rng.normal(size=9)
    params = {"W1": buffer[:6].reshape(3, 2), "b1": buffer[6:9].reshape(3, 1)}
    AL, _ = model_forward(X, {**params, "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))})
    assert np.isfinite(AL).all()
    raw = np.frombuffer(np.arange(9, dtype=np.float64).tobytes(), dtype=np.float64)
    frozen = {"W1": raw[:6].reshape(3, 2), "b1": raw[6:].reshape(3, 1)}
    assert np.isfinite(model_forward(X, frozen)[0]).all()


def test_params_none_is_no_weights_when_lambd_is_zero() -> None:
    assert compute_cost(AL0, Y0, None, 0.0) == compute_cost(AL0, Y0)
    assert compute_cost_from_logits(AL0, Y0, None) == compute_cost_from_logits(AL0, Y0)


def test_train_raises_a_named_error_where_a_step_overflows() -> None:
    # inputs of 1e300 overflow the steps: a ValueError naming X, not a RuntimeWarning
    X = np.full((3, 5), 1e300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^training overflowed \(overflow encountered in "
                                             r"\w+\): the entries of X \(largest \|x\| = "
                                             r"1e\+300\), the initial scale \(0.01\) or the "
                                             r"optimizer's learning rate are too large for float "
                                             r"arithmetic; standardize X or lower the learning "
                                             r"rate$"):
            train(X, Y0, [3, 4, 1], SGD(0.1), num_epochs=2, rng=np.random.default_rng(0))


def test_train_raises_a_named_error_for_an_invalid_operation_in_a_step() -> None:
    # NaN from an invalid operation (here √−1 in a custom optimizer's update), not a warning
    class Broken(SGD):
        def update(self, params, grads, state):  # type: ignore[no-untyped-def]
            return {k: np.sqrt(-np.abs(v) - 1) for k, v in params.items()}, state

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^training produced NaN \(invalid value "
                                             r"encountered in sqrt\): the entries of X"):
            train(X0, Y0, [3, 4, 1], Broken(0.1), num_epochs=2, rng=np.random.default_rng(0))


def test_train_checks_float64_labels_before_casting_them_to_float32() -> None:
    # 1e39 overflows float32: the range check must see it in Y's own dtype, without a warning
    Y = Y0.copy()
    Y[0, 2] = 1e39
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^Y must be in \[0, 1\]"):
            train(X0.astype(np.float32), Y, [3, 4, 1], SGD(0.1), num_epochs=2,
                  rng=np.random.default_rng(0))


def test_train_without_l2_never_computes_the_weights_norm() -> None:
    # weights of 1e160: their squared norm overflows, and λ·inf would be inf (or 0·inf NaN);
    # with λ = 0 the cost is the cross-entropy alone, finite (kills lambd > 0 → >= 0, and → or)
    X = X0[:, :4]
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    params, costs = train(X, Y, [3, 1], SGD(1e-170), num_epochs=2, rng=np.random.default_rng(0),
                          initialization="random", scale=1e160, record_every=1)
    assert np.isfinite(costs).all() and costs[0] > 1e150
    W = params["W1"]
    Z = W @ X + params["b1"]
    assert costs[1] == pytest.approx(compute_cost_from_logits(Z, Y))
    with pytest.raises(ValueError, match="training overflowed"):
        train(X, Y, [3, 1], SGD(1e-170), num_epochs=2, rng=np.random.default_rng(0),
              initialization="random", scale=1e160, lambd=0.1)


# -------------------------------------------------- defaults, boundaries and exact messages

P = {
    "W1": np.array([[1.0, -1.0], [0.5, 2.0]]),
    "b1": np.array([[0.1], [-0.2]]),
    "W2": np.array([[1.0, -2.0]]),
    "b2": np.array([[0.3]]),
}
P_SOFTMAX = {**P, "W2": np.array([[1.0, -2.0], [0.5, 1.0]]), "b2": np.array([[0.3], [-0.1]])}
X = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, -1.0]])
Y = np.array([[1.0, 0.0, 1.0]])
Y_ONE_HOT = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])


def test_the_references_default_to_relu_sigmoid_no_dropout_and_no_l2() -> None:
    """The chapter's defaults."""
    AL, caches = _model_forward(X, P)
    public_AL, _ = model_forward(X, P)
    np.testing.assert_allclose(AL, public_AL)
    A1 = np.maximum(P["W1"] @ X + P["b1"], 0.0)  # relu, no dropout
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-(P["W2"] @ A1 + P["b2"]))))  # sigmoid
    np.testing.assert_array_equal(_predict(X, P), predict(X, P))
    # params given but λ left at its default 0: no L2 term
    assert _compute_cost(AL, Y, P) == pytest.approx(compute_cost(AL, Y))
    assert _compute_cost(AL, Y) == pytest.approx(compute_cost(AL, Y))
    ZL = caches[-1].layer.Z
    assert _compute_cost_from_logits(ZL, Y, P) == pytest.approx(compute_cost_from_logits(ZL, Y))
    public = model_backward(AL, Y, caches)
    for key, value in _model_backward(AL, Y, caches).items():
        np.testing.assert_allclose(value, public[key])


def test_the_reference_predict_passes_hidden_and_output_on() -> None:
    """The activations asked for, labels in the dtype of A[L]."""
    np.testing.assert_array_equal(_predict(X, P, hidden="tanh"), predict(X, P, hidden="tanh"))
    AL, _ = model_forward(X, P, hidden="tanh")
    np.testing.assert_array_equal(_predict(X, P, hidden="tanh"), (AL > 0.5).astype(float))
    one_hot = _predict(X, P_SOFTMAX, output="softmax")
    np.testing.assert_array_equal(one_hot, predict(X, P_SOFTMAX, output="softmax"))
    assert one_hot.sum(axis=0).tolist() == [1.0, 1.0, 1.0]
    X32 = X.astype(np.float32)
    P32 = {k: v.astype(np.float32) for k, v in P.items()}
    assert _predict(X32, P32).dtype == np.float32
    assert (
        _predict(
            X32, {k: v.astype(np.float32) for k, v in P_SOFTMAX.items()}, output="softmax"
        ).dtype
        == np.float32
    )


def test_the_softmax_cost_is_the_mean_over_examples_of_the_cross_entropy() -> None:
    """J = (1/m) Σ_i −Σ_k y_k log a_k, the sum over the class axis 0."""
    AL = np.array([[0.7, 0.2, 0.6], [0.3, 0.8, 0.4]])
    expected = -(np.log(0.7) + np.log(0.8) + np.log(0.6)) / 3
    assert compute_cost(AL, Y_ONE_HOT, output="softmax") == pytest.approx(expected)
    assert _compute_cost(AL, Y_ONE_HOT, output="softmax") == pytest.approx(expected)


def test_the_l2_term_takes_the_weights_only() -> None:
    """Λ/(2m)·Σ‖W[l]‖², the biases left out (notes 000 §1.4)."""
    AL, _ = model_forward(X, P)
    plain = compute_cost(AL, Y)
    l2 = 0.1 / (2 * 3) * sum(float(np.sum(P[k] ** 2)) for k in ("W1", "W2"))
    assert compute_cost(AL, Y, P, lambd=0.1) == pytest.approx(plain + l2)


@pytest.mark.parametrize("f", [compute_cost, compute_cost_from_logits], ids=lambda f: f.__name__)
def test_both_costs_name_lambd_params_and_a_bad_softmax_target(f) -> None:  # type: ignore[no-untyped-def]
    AL = np.array([[0.5, 0.5, 0.5]])
    with pytest.raises(ValueError, match=r"^lambd must be >= 0 \(got -1\.0\)$"):
        f(AL, Y, P, lambd=-1.0)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        f(AL, Y, [1], lambd=0.1)
    with pytest.raises(TypeError, match=r"^params keys must be str \(got int 1\)$"):
        f(AL, Y, {1: np.ones(1)}, lambd=0.1)
    with pytest.raises(
        ValueError, match=r"^params must have at least one 'W…' key \(got keys \['b1'\]\)$"
    ):
        f(AL, Y, {"b1": np.ones(1)}, lambd=0.1)
    with pytest.raises(
        ValueError, match=r"^params\['W1'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        f(AL, Y, {"W1": np.array([np.nan])}, lambd=0.1)
    with pytest.raises(
        ValueError,
        match=r"^Y must have columns summing to 1 for a softmax output \(one-hot labels; "
        r"got a column off by 0\.5\)$",
    ):
        f(np.full((2, 2), 0.5), np.array([[0.5, 1.0], [0.0, 0.0]]), output="softmax")


def test_compute_cost_names_AL() -> None:
    with pytest.raises(ValueError, match=r"^AL must be 2-D \(got shape \(3,\)\)$"):
        compute_cost(np.ones(3), Y)


def test_predict_names_X_and_output_and_explains_softmax_units() -> None:
    with pytest.raises(ValueError, match=r"^X must be 2-D \(got shape \(2,\)\)$"):
        predict(np.ones(2), P)
    with pytest.raises(ValueError, match=r"^X must be finite \(got 1 NaN or infinite entries\)$"):
        predict([[np.nan, 1.0], [1.0, 1.0]], P)
    with pytest.raises(
        ValueError, match=r"^output must be one of 'sigmoid', 'softmax' \(got 'tanh'\)$"
    ):
        predict(X, P, output="tanh")
    with pytest.raises(
        ValueError, match=r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$"
    ):
        predict(X, P, output="softmax")


def test_train_explains_what_an_optimizer_is() -> None:
    """A class instead of an instance, or an object without the
    two methods, is told what to pass."""
    base = r"^optimizer must have init\(params\) and update\(params, grads, state\) methods, "
    base += r"e\.g\. dlnotes\.optimizers\.SGD\(lr=0\.01\) \(got "
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=base + r"the class SGD\)$"):
        train(X, Y, [2, 1], SGD, num_epochs=1, rng=rng)
    with pytest.raises(TypeError, match=base + r"object\)$"):
        train(X, Y, [2, 1], object(), num_epochs=1, rng=rng)


def test_backward_names_a_bad_cache_list_and_the_cached_output_shape() -> None:
    """The exact messages; the cached output is the last layer's, in a 3-layer net."""
    with pytest.raises(
        TypeError,
        match=r"^caches must be the non-empty list of LayerCache returned by model_forward "
        r"\(got list\)$",
    ):
        model_backward(Y, Y, [1])
    params = {
        "W1": np.ones((3, 2)),
        "b1": np.zeros((3, 1)),
        "W2": np.ones((2, 3)),
        "b2": np.zeros((2, 1)),
        "W3": np.ones((1, 2)) * 0.1,
        "b3": np.zeros((1, 1)),
    }
    _, caches = model_forward(X, params)
    with pytest.raises(
        ValueError, match=r"^AL must have the shape of the cached output \(1, 3\) \(got \(1, 2\)\)$"
    ):
        model_backward(np.full((1, 2), 0.5), np.ones((1, 2)), caches)


def test_keep_prob_and_bias_of_the_wrong_kind_are_named() -> None:
    with pytest.raises(
        TypeError, match=r"^keep_prob must be a float or a sequence of floats \(got str\)$"
    ):
        model_forward(X, P, keep_prob="a")
    with pytest.raises(
        ValueError, match=r"^params\['b1'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        model_forward(X, {**P, "b1": np.array([[np.nan], [0.0]])})


# Parameters (seed 4) whose labels differ for relu, tanh and linear hidden units.
_r = np.random.default_rng(4)
P_HIDDEN = {
    "W1": _r.normal(size=(2, 2)) * 2,
    "b1": _r.normal(size=(2, 1)),
    "W2": _r.normal(size=(1, 2)) * 2,
    "b2": _r.normal(size=(1, 1)),
}


def test_predict_uses_the_hidden_activation_asked_for() -> None:
    """Relu by default, else the one named."""
    labels = {
        h: predict(X, P_HIDDEN, hidden=h).ravel().tolist() for h in ("relu", "tanh", "linear")
    }
    assert labels == {"relu": [1.0, 0.0, 0.0], "tanh": [0.0, 0.0, 0.0], "linear": [1.0, 0.0, 1.0]}
    assert _predict(X, P_HIDDEN).ravel().tolist() == labels["relu"]
    assert _predict(X, P_HIDDEN, hidden="tanh").ravel().tolist() == labels["tanh"]
    assert _predict(X, P_SOFTMAX, hidden="tanh", output="softmax").shape == (2, 3)


class GD:
    """θ ← θ − α·dθ with the init/update pair of an optimizer (the reference's own example)."""

    def init(self, params):  # type: ignore[no-untyped-def]
        return None

    def update(self, params, grads, state):  # type: ignore[no-untyped-def]
        return {k: params[k] - 0.5 * grads[k] for k in params}, state


def test_the_reference_loop_defaults_to_no_l2_no_dropout_relu_sigmoid_every_100() -> None:
    """_train's defaults, spelled out, give the same parameters and costs."""
    params = {
        "W1": np.full((3, 2), 0.1),
        "b1": np.zeros((3, 1)),
        "W2": np.full((1, 3), -0.2),
        "b2": np.zeros((1, 1)),
    }
    got, costs = _train(X, Y, params, GD(), num_epochs=101, rng=None)
    want, want_costs = _train(
        X,
        Y,
        params,
        GD(),
        num_epochs=101,
        rng=None,
        lambd=0.0,
        keep_prob=1.0,
        hidden="relu",
        output="sigmoid",
        record_every=100,
    )
    assert len(costs) == 2  # epochs 0 and 100
    np.testing.assert_array_equal(costs, want_costs)
    for key in want:
        np.testing.assert_array_equal(got[key], want[key])


def test_train_records_every_100_epochs_and_scales_random_weights_by_001_by_default() -> None:
    _, costs = train(X, Y, [2, 1], SGD(0.1), num_epochs=101, rng=np.random.default_rng(0))
    assert len(costs) == 2
    a, _ = train(
        X, Y, [2, 1], SGD(0.1), num_epochs=1, rng=np.random.default_rng(0), initialization="random"
    )
    b, _ = train(
        X,
        Y,
        [2, 1],
        SGD(0.1),
        num_epochs=1,
        rng=np.random.default_rng(0),
        initialization="random",
        scale=0.01,
    )
    np.testing.assert_array_equal(a["W1"], b["W1"])


def test_float32_training_does_not_depend_on_the_dtype_of_Y() -> None:
    X32, rng = X.astype(np.float32), np.random.default_rng
    p1, c1 = train(X32, Y, [2, 3, 1], SGD(0.1), num_epochs=3, rng=rng(0), record_every=1)
    p2, c2 = train(
        X32, Y.astype(np.float32), [2, 3, 1], SGD(0.1), num_epochs=3, rng=rng(0), record_every=1
    )
    assert p1["W1"].dtype == np.float32
    np.testing.assert_array_equal(c1, c2)
    for key in p1:
        np.testing.assert_array_equal(p1[key], p2[key])


def test_train_names_X_Y_layer_dims_and_the_softmax_units() -> None:
    rng = np.random.default_rng(0)
    for args, kwargs, message in [
        ((np.ones(2), Y, [2, 1]), {}, r"^X must be 2-D \(got shape \(2,\)\)$"),
        (
            ([[np.nan, 1.0, 0.0], [1.0, 1.0, 1.0]], Y, [2, 1]),
            {},
            r"^X must be finite \(got 1 NaN or infinite entries\)$",
        ),
        (
            (X, Y, [3, 1]),
            {},
            r"^layer_dims\[0\] must be the number of input features X\.shape\[0\] = 2 \(got 3\)$",
        ),
        (
            (X, [[np.nan, 1.0, 0.0]], [2, 1]),
            {},
            r"^Y must be finite \(got 1 NaN or infinite entries\)$",
        ),
        (
            (X, Y, [2, 1]),
            {"output": "softmax"},
            r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$",
        ),
    ]:
        with pytest.raises(ValueError, match=message):
            train(*args, SGD(0.1), num_epochs=1, rng=rng, **kwargs)


def test_model_forward_names_X_and_takes_two_softmax_units() -> None:
    with pytest.raises(ValueError, match=r"^X must be 2-D \(got shape \(2,\)\)$"):
        model_forward(np.ones(2), P)
    with pytest.raises(ValueError, match=r"^X must be finite \(got 1 NaN or infinite entries\)$"):
        model_forward([[np.nan, 1.0, 0.0], [1.0, 1.0, 1.0]], P)
    AL, _ = model_forward(X, P_SOFTMAX, output="softmax")
    np.testing.assert_allclose(AL.sum(axis=0), 1.0)
    with pytest.raises(
        ValueError, match=r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$"
    ):
        model_forward(X, P, output="softmax")


def test_the_reference_forward_records_no_dropout_by_default_and_predict_its_output() -> None:
    """Each cache records keep_prob 1.0; softmax labels are one per column, where sigmoid ones
    need not be (column 3 here)."""
    _, caches = _model_forward(X, P)
    assert [c.keep_prob for c in caches] == [1.0, 1.0] and caches[0].mask is None
    np.testing.assert_array_equal(
        _predict(X, P_SOFTMAX, output="softmax"), [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]
    )


@pytest.mark.parametrize("hidden", ["linear", "relu"])
def test_train_overflowing_from_the_first_step_or_a_later_one_is_a_named_error(hidden: str) -> None:
    # two features of ±1e308: with linear hidden units the first forward pass overflows; with
    # relu the first step is finite and a later one is not. Either way: no NaN parameters
    X = np.array([[1e308, -1e308, 1e308, -1e308], [1e308, -1e308, 1e308, -1e308]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    with pytest.raises(ValueError, match=r"^training (overflowed|produced NaN) \((overflow|invalid "
                                         r"value) "):
        train(X, Y, [2, 3, 1], SGD(lr=0.1), num_epochs=3, rng=np.random.default_rng(0),
              hidden=hidden)


def test_train_checks_a_dlnotes_optimizers_first_step_only(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the first step through the checked update, the later ones through update_unchecked,
    # the optimizers' documented method for a loop that checked its arrays once
    calls: list[str] = []
    update, unchecked = SGD.update, SGD.update_unchecked

    def counted_update(self, *args):  # type: ignore[no-untyped-def]
        calls.append("update")
        return update(self, *args)

    def counted_unchecked(self, *args):  # type: ignore[no-untyped-def]
        calls.append("unchecked")
        return unchecked(self, *args)

    monkeypatch.setattr(SGD, "update", counted_update)
    monkeypatch.setattr(SGD, "update_unchecked", counted_unchecked)
    train(X0, Y0, [3, 2, 1], SGD(lr=0.1), num_epochs=3, rng=np.random.default_rng(0))
    # (update runs its checks, then the step of update_unchecked)
    assert calls == ["update", "unchecked", "unchecked", "unchecked"]


def test_train_hands_other_optimizers_their_own_update() -> None:
    """An optimizer that is not one of dlnotes' own (here a subclass of SGD whose
    update keeps the parameters) is not wrapped, so its own update runs at every step."""

    class Frozen(SGD):
        def update(self, params, grads, state):  # type: ignore[no-untyped-def]
            return dict(params), state

    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 8))
    Y = (X[:1] > 0).astype(float)
    frozen, _ = train(X, Y, [2, 3, 1], Frozen(lr=0.1), num_epochs=3, rng=np.random.default_rng(1))
    start = initialize_parameters([2, 3, 1], "he", rng=np.random.default_rng(1))
    assert frozen.keys() == start.keys()
    for key in start:
        np.testing.assert_array_equal(frozen[key], start[key])


def test_softmax_predictions_tell_apart_logits_that_sigmoid_saturates() -> None:
    """The class scores go through the output activation asked for; logits 40
    and 50 both give sigmoid 1.0 (a tie, argmax 0) but softmax ranks class 1 first."""
    params = {"W1": np.zeros((2, 1)), "b1": np.array([[40.0], [50.0]])}
    X_one = np.array([[1.0, -1.0]])
    assert _predict(X_one, params, output="softmax").tolist() == [[0.0, 0.0], [1.0, 1.0]]
    assert predict(X_one, params, output="softmax").tolist() == [[0.0, 0.0], [1.0, 1.0]]


def test_a_perfect_fit_costs_plus_zero_not_minus_zero() -> None:
    # each loss is −(0·log 0 + 1·log 1) = −0.0, and NumPy's sum of them is +0.0 (it starts at +0)
    Y = np.array([[1.0, 0.0]])
    ZL, Y_soft = np.array([[0.0], [-1e4]]), np.array([[1.0], [0.0]])  # log-softmax (0, −1e4)
    for cost in (compute_cost(Y, Y), compute_cost(Y_soft, Y_soft, output="softmax"),
                 compute_cost_from_logits(ZL, Y_soft, output="softmax")):
        assert cost == 0.0 and not np.signbit(cost)


def test_the_softmax_cost_sums_each_examples_loss_first_then_the_examples() -> None:
    # from surviving mutants: J = (1/m)·Σ_i L_i in that order, to the last bit; summing all
    # n·m terms at once (row by row) or per class first can round differently
    rng = np.random.default_rng(0)
    m = int(rng.integers(3, 12))  # 10
    Z = rng.normal(size=(3, m)) * 3
    AL = np.exp(Z) / np.exp(Z).sum(axis=0)
    labels = rng.integers(0, 3, m)
    Y = np.zeros((3, m))
    Y[labels, np.arange(m)] = 1.0
    per_example = -np.log(AL[labels, np.arange(m)])
    # (on NumPy 2.4 the other two orders, np.sum of the (3, m) terms and of their per-class
    # sums, give 24.80633888592652 where this one gives 24.806338885926525; NumPy 1.26 sums
    # all three alike)
    assert compute_cost(AL, Y, output="softmax") == np.sum(per_example) / m

