"""dlnotes.optimizers: torch.optim as the reference, the notes' formulas, invariants, bad input."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes import optimizers
from dlnotes.optimizers import (
    SGD,
    AdaGrad,
    Adam,
    AdamState,
    Momentum,
    Nesterov,
    RMSprop,
    SGDState,
    _exponentially_weighted_average,
    clip_by_global_norm,
    clip_by_value,
    exponentially_weighted_average,
)

Params = dict[str, np.ndarray]
ALL = [
    lambda: SGD(0.05),
    lambda: Momentum(0.05, 0.9),
    lambda: Nesterov(0.05, 0.9),
    lambda: AdaGrad(0.05),
    lambda: RMSprop(0.01),
    lambda: Adam(0.01),
]
IDS = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]


def random_problem(seed: int, steps: int = 12) -> tuple[Params, list[Params]]:
    """Params with random layer sizes, plus one large array (300,000 entries)."""
    rng = np.random.default_rng(seed)
    n0, n1, n2 = rng.integers(1, 7, size=3)
    shapes = {"W1": (n1, n0), "b1": (n1, 1), "W2": (n2, n1), "b2": (n2, 1), "big": (3, 100_000)}
    params = {k: rng.standard_normal(s) for k, s in shapes.items()}
    grads = [{k: rng.standard_normal(s) for k, s in shapes.items()} for _ in range(steps)]
    return params, grads


def run_dlnotes(opt: object, params: Params, grads: list[Params]) -> Params:
    state = opt.init(params)  # type: ignore[attr-defined]
    for g in grads:
        params, state = opt.update(params, g, state)  # type: ignore[attr-defined]
    return params


def run_torch(
    make: Callable[..., torch.optim.Optimizer], params: Params, grads: list[Params]
) -> Params:
    tensors = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    opt = make(list(tensors.values()))
    for g in grads:
        for k, t in tensors.items():
            t.grad = torch.tensor(g[k])
        opt.step()
    return {k: t.detach().numpy() for k, t in tensors.items()}


def assert_params_close(a: Params, b: Params, atol: float = 1e-10) -> None:
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=0, atol=atol, err_msg=k)


# ---------------------------------------------------------------- torch.optim as the reference


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sgd_equals_torch(seed: int) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(SGD(0.1), params, grads)
    assert_params_close(ours, run_torch(lambda p: torch.optim.SGD(p, lr=0.1), params, grads))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_nesterov_equals_torch_sgd_nesterov(seed: int) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(Nesterov(0.05, 0.8), params, grads)
    ref = run_torch(
        lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True), params, grads
    )
    assert_params_close(ours, ref)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("eps", [1e-8, 1e-3, 0.0])
def test_adam_equals_torch(seed: int, eps: float) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(Adam(0.01, 0.8, 0.99, eps), params, grads)
    ref = run_torch(
        lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=eps), params, grads
    )
    assert_params_close(ours, ref)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rmsprop_equals_torch_with_eps_0(seed: int) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(RMSprop(0.01, 0.9, eps=0.0), params, grads)
    ref = run_torch(lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=0.0), params, grads)
    assert_params_close(ours, ref)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adagrad_equals_torch_with_eps_0(seed: int) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(AdaGrad(0.1, eps=0.0), params, grads)
    ref = run_torch(lambda p: torch.optim.Adagrad(p, lr=0.1, eps=0.0), params, grads)
    assert_params_close(ours, ref)


@pytest.mark.parametrize(
    ("ours", "torch_make", "accumulator"),
    [
        # first step: S_1 = (1 − β)·g², G_1 = g²
        (RMSprop(1.0, 0.9, eps=1e-4), lambda p: torch.optim.RMSprop(p, lr=1.0, alpha=0.9, eps=1e-4),
         lambda g: 0.1 * g * g),
        (AdaGrad(1.0, eps=1e-4), lambda p: torch.optim.Adagrad(p, lr=1.0, eps=1e-4),
         lambda g: g * g),
    ],
    ids=["RMSprop", "AdaGrad"],
)
def test_eps_placement_inside_the_root_differs_from_torch(ours, torch_make, accumulator) -> None:
    # errata 16: notes 000 §2.7 and 001 (6-29) add ε inside √(·); PyTorch adds it outside
    g = 1e-3
    params, grads = {"w": np.array([0.0])}, [{"w": np.array([g])}]
    step = float(run_dlnotes(ours, params, grads)["w"][0])
    step_torch = float(run_torch(torch_make, params, grads)["w"][0])
    s = accumulator(g)
    assert step == pytest.approx(-g / math.sqrt(s + 1e-4), rel=1e-12)
    assert step_torch == pytest.approx(-g / (math.sqrt(s) + 1e-4), rel=1e-12)
    assert abs(step - step_torch) > 0.1 * abs(step)  # a visible difference for small S


def momentum_by_the_notes(params: Params, grads: list[Params], lr: float, beta: float) -> Params:
    # notes 000 §2.6 / 004 §2.1.3: V = βV + (1 − β)dW from V = 0; W = W − αV
    v = {k: np.zeros_like(p) for k, p in params.items()}
    p = {k: a.copy() for k, a in params.items()}
    for g in grads:
        for k in p:
            v[k] = beta * v[k] + (1 - beta) * g[k]
            p[k] = p[k] - lr * v[k]
    return p


@pytest.mark.parametrize("seed", [0, 1])
def test_momentum_equals_the_notes_formula(seed: int) -> None:
    params, grads = random_problem(seed)
    ours = run_dlnotes(Momentum(0.05, 0.9), params, grads)
    assert_params_close(ours, momentum_by_the_notes(params, grads, 0.05, 0.9))


@pytest.mark.parametrize("seed", [0, 1])
def test_momentum_equals_torch_sgd_with_rescaled_lr(seed: int) -> None:
    # errata 8: v' = g + βv' (001, PyTorch) is v/(1 − β), so α·v = α(1 − β)·v'
    params, grads = random_problem(seed)
    ours = run_dlnotes(Momentum(0.05, 0.9), params, grads)
    ref = run_torch(lambda p: torch.optim.SGD(p, lr=0.05 * (1 - 0.9), momentum=0.9), params, grads)
    assert_params_close(ours, ref)


@pytest.mark.parametrize("seed", [0, 1])
def test_torch_sgd_with_dampening_differs_by_its_first_step_buffer(seed: int) -> None:
    # errata 17: torch's buffer starts at g_1 (not (1 − β)g_1), so b_t = v_t + β^t·g_1 and
    # θ_torch − θ_ours = −α·g_1·Σ_{s=1..T} β^s
    lr, beta = 0.05, 0.9
    params, grads = random_problem(seed)
    ours = run_dlnotes(Momentum(lr, beta), params, grads)
    ref = run_torch(
        lambda p: torch.optim.SGD(p, lr=lr, momentum=beta, dampening=beta), params, grads
    )
    total = sum(beta**s for s in range(1, len(grads) + 1))
    for k in ours:
        np.testing.assert_allclose(ref[k] - ours[k], -lr * total * grads[0][k], atol=1e-10)
    assert max(np.max(np.abs(ref[k] - ours[k])) for k in ours) > 1e-2


def test_clip_by_global_norm_relates_to_torch_clip_grad_norm() -> None:
    rng = np.random.default_rng(3)
    grads = {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1))}
    norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads.values()))
    tensors = [torch.tensor(g, requires_grad=True) for g in grads.values()]
    for t, g in zip(tensors, grads.values(), strict=True):
        t.grad = torch.tensor(g)
    torch_norm = torch.nn.utils.clip_grad_norm_(tensors, max_norm=1.0)
    assert float(torch_norm) == pytest.approx(norm, rel=1e-12)
    ours = clip_by_global_norm(grads, 1.0)
    for o, t in zip(ours.values(), tensors, strict=True):
        # torch scales by c/(‖g‖ + 1e-6), dlnotes by c/‖g‖
        np.testing.assert_allclose(o * norm / (norm + 1e-6), t.grad.numpy(), rtol=1e-12)
    clipped = math.sqrt(sum(float(np.sum(g * g)) for g in ours.values()))
    assert clipped == pytest.approx(1.0, rel=1e-12)
    unchanged = clip_by_global_norm(grads, 2 * norm)
    assert all(np.array_equal(unchanged[k], grads[k]) for k in grads)


def test_clip_by_value_equals_torch_clip_grad_value() -> None:
    rng = np.random.default_rng(4)
    grads = {"W1": 3 * rng.standard_normal((5, 2)), "b1": 3 * rng.standard_normal((5, 1))}
    tensors = [torch.tensor(g, requires_grad=True) for g in grads.values()]
    for t, g in zip(tensors, grads.values(), strict=True):
        t.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_value_(tensors, clip_value=1.5)
    for o, t in zip(clip_by_value(grads, 1.5).values(), tensors, strict=True):
        np.testing.assert_array_equal(o, t.grad.numpy())


# ---------------------------------------------------------------- exponentially weighted averages


def test_ewa_of_the_notes_is_the_recursion_unrolled() -> None:
    # notes 000 §2.4: v_100 = 0.1θ_100 + 0.1·0.9θ_99 + 0.1·0.9²θ_98 + ...
    theta = np.random.default_rng(0).standard_normal(100)
    v = exponentially_weighted_average(theta, 0.9)
    unrolled = sum(0.1 * 0.9 ** (100 - k) * theta[k - 1] for k in range(1, 101))
    assert v[-1] == pytest.approx(unrolled, rel=1e-12)


def test_ewa_weight_after_one_over_one_minus_beta_steps_is_about_1_over_e() -> None:
    # notes 000 §2.4: (1 − (1 − β))^{1/(1−β)} → 1/e; 0.9^10 ≈ 0.35
    assert f"{0.9**10:.2f}" == "0.35"
    for beta in (0.9, 0.98, 0.999):
        assert beta ** (1 / (1 - beta)) == pytest.approx(1 / math.e, rel=0.06)


def test_ewa_of_a_constant_with_bias_correction_is_the_constant() -> None:
    v = exponentially_weighted_average(np.full(50, 7.0), 0.98, bias_correction=True)
    np.testing.assert_allclose(v, 7.0, rtol=1e-12)


@given(
    values=arrays(np.float64, st.integers(1, 40), elements=st.floats(-50, 50)),
)
def test_ewa_with_bias_correction_tends_to_the_running_mean_as_beta_tends_to_1(
    values: np.ndarray,
) -> None:
    # the corrected weights β^{t−k}/Σβ^{t−k} become equal as β → 1
    v = exponentially_weighted_average(values, 1 - 1e-9, bias_correction=True)
    running_mean = np.cumsum(values) / np.arange(1, values.size + 1)
    np.testing.assert_allclose(v, running_mean, rtol=1e-6, atol=1e-6)


@given(values=arrays(np.float64, st.integers(1, 40), elements=st.floats(-50, 50)))
def test_ewa_with_beta_0_is_the_values(values: np.ndarray) -> None:
    for correct in (False, True):
        v = exponentially_weighted_average(values, 0.0, bias_correction=correct)
        np.testing.assert_array_equal(v, values)


def test_ewa_2d_averages_each_column_over_time() -> None:
    values = np.random.default_rng(1).standard_normal((30, 3))
    v = exponentially_weighted_average(values, 0.9, bias_correction=True)
    for j in range(3):
        column = exponentially_weighted_average(values[:, j], 0.9, bias_correction=True)
        np.testing.assert_allclose(v[:, j], column)


# ---------------------------------------------------------------- invariants


@pytest.mark.parametrize("make", ALL, ids=IDS)
@given(
    w=arrays(np.float64, (3, 2), elements=st.floats(-50, 50)),
    g=arrays(np.float64, (3, 2), elements=st.floats(-50, 50)),
)
def test_update_never_mutates_the_callers_params_or_grads(
    make: Callable[[], object], w: np.ndarray, g: np.ndarray
) -> None:
    opt = make()
    params, grads = {"W1": w, "b1": w[:, :1].copy()}, {"W1": g, "b1": g[:, :1].copy()}
    before = {k: a.copy() for k, a in params.items()}, {k: a.copy() for k, a in grads.items()}
    state = opt.init(params)
    new, state = opt.update(params, grads, state)
    new, state = opt.update(new, grads, state)
    for saved, now in zip(before, (params, grads), strict=True):
        assert all(np.array_equal(saved[k], now[k]) for k in saved)
    assert all(new[k] is not params[k] for k in params)
    assert state.step == 2


@pytest.mark.parametrize("make", ALL, ids=IDS)
def test_update_never_modifies_the_state_it_was_given(make: Callable[[], object]) -> None:
    # the state is immutable: an old state can be updated again and gives the same result
    params, grads = random_problem(6, steps=3)
    opt = make()
    state = opt.init(params)  # type: ignore[attr-defined]
    for g in grads[:2]:
        params, state = opt.update(params, g, state)  # type: ignore[attr-defined]
    saved = [{k: a.copy() for k, a in moment.items()} for moment in state[1:]]
    first, _ = opt.update(params, grads[2], state)  # type: ignore[attr-defined]
    second, _ = opt.update(params, grads[2], state)  # type: ignore[attr-defined]
    for before, now in zip(saved, state[1:], strict=True):
        assert all(np.array_equal(before[k], now[k]) for k in before)
    assert_params_close(first, second, atol=0)


REFERENCES = [
    (lambda a: optimizers._sgd(a[0], a[1], 0.1), 2),
    (lambda a: optimizers._momentum(a[0], a[1], a[2], 0.1, 0.9), 3),
    (lambda a: optimizers._nesterov(a[0], a[1], a[2], 0.1, 0.9), 3),
    (lambda a: optimizers._adagrad(a[0], a[1], np.abs(a[2]), 0.1, 1e-8), 3),
    (lambda a: optimizers._rmsprop(a[0], a[1], np.abs(a[2]), 0.1, 0.9, 1e-8), 3),
    (lambda a: optimizers._adam(a[0], a[1], a[2], np.abs(a[3]), 3, 0.1, 0.9, 0.999, 1e-8), 4),
]


@pytest.mark.parametrize(("reference", "n_arrays"), REFERENCES, ids=IDS)
def test_the_references_never_modify_their_arguments(reference, n_arrays: int) -> None:
    rng = np.random.default_rng(7)
    args = [rng.standard_normal((4, 3)) for _ in range(n_arrays)]
    saved = [a.copy() for a in args]
    out = reference(args)
    for a, before in zip(args, saved, strict=True):
        np.testing.assert_array_equal(a, before)
    assert all(o is not a for o in (out if isinstance(out, tuple) else (out,)) for a in args)


@pytest.mark.parametrize("make", ALL, ids=IDS)
def test_float32_params_stay_float32(make) -> None:
    opt = make()
    params = {"W1": np.ones((2, 3), dtype=np.float32), "big": np.ones(50_000, dtype=np.float32)}
    grads = {"W1": np.full((2, 3), 0.5), "big": np.full(50_000, 0.5, dtype=np.float32)}
    state = opt.init(params)
    for _ in range(3):
        params, state = opt.update(params, grads, state)
    assert all(p.dtype == np.float32 for p in params.values())


@pytest.mark.parametrize("make", [lambda: AdaGrad(0.1, 0.0), lambda: RMSprop(0.1, eps=0.0),
                                  lambda: Adam(0.1, eps=0.0)], ids=["AdaGrad", "RMSprop", "Adam"])
def test_eps_0_with_a_zero_gradient_leaves_the_parameter_unchanged(make) -> None:
    opt = make()
    params = {"w": np.array([1.0, 2.0])}
    new, _ = opt.update(params, {"w": np.array([0.0, 1.0])}, opt.init(params))
    assert new["w"][0] == 1.0 and new["w"][1] < 2.0


def test_a_state_can_be_fed_to_a_new_instance_to_change_the_learning_rate() -> None:
    params, grads = random_problem(5, steps=4)
    state = Adam(0.01).init(params)
    p = params
    for i, g in enumerate(grads):
        p, state = Adam(0.01 / (1 + i)).update(p, g, state)
    assert isinstance(state, AdamState) and state.step == 4


def rosenbrock_grad(w: np.ndarray) -> np.ndarray:
    x, y = w
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


@pytest.mark.parametrize(
    "opt",
    [SGD(1e-3), Momentum(1e-3, 0.9), Nesterov(1e-4, 0.9), AdaGrad(0.5), RMSprop(1e-3), Adam(0.02)],
    ids=IDS,
)
def test_each_optimizer_converges_on_a_parabola_and_on_rosenbrock(opt) -> None:
    params = {"w": np.array([3.0, -2.0])}
    state = opt.init(params)
    for _ in range(20_000):  # f(w) = ½‖w − (1, 2)‖²
        params, state = opt.update(params, {"w": params["w"] - np.array([1.0, 2.0])}, state)
    np.testing.assert_allclose(params["w"], [1.0, 2.0], atol=1e-2)
    params = {"w": np.array([-1.0, 1.0])}
    state = opt.init(params)
    for _ in range(20_000):  # Rosenbrock (1 − x)² + 100(y − x²)², minimum at (1, 1)
        params, state = opt.update(params, {"w": rosenbrock_grad(params["w"])}, state)
    np.testing.assert_allclose(params["w"], [1.0, 1.0], atol=1e-2)


# ---------------------------------------------------------------- bad input

P = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}


def update_with(opt: object, grads: object, state: object = None) -> None:
    opt.update(P, grads, opt.init(P) if state is None else state)  # type: ignore[attr-defined]


def update_params(opt: object, params: object) -> None:
    opt.update(params, P, opt.init(P))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SGD(0.0), ValueError, r"lr must be > 0 \(got 0.0\)"),
        (lambda: Adam(lr=-1e-3), ValueError, r"lr must be > 0 \(got -0.001\)"),
        (lambda: Momentum(0.1, beta=1.0), ValueError, r"beta must be in \[0, 1\) \(got 1.0\)"),
        (lambda: Nesterov(0.1, beta=-0.1), ValueError, r"beta must be in \[0, 1\)"),
        (lambda: RMSprop(0.1, beta=1.5), ValueError, r"beta must be in \[0, 1\)"),
        (lambda: Adam(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\) \(got 1.0\)"),
        (lambda: Adam(beta2=-0.5), ValueError, r"beta2 must be in \[0, 1\)"),
        (lambda: Adam(eps=-1e-8), ValueError, r"eps must be >= 0 \(got -1e-08\)"),
        (lambda: AdaGrad(0.1, eps=-1.0), ValueError, r"eps must be >= 0"),
        (lambda: RMSprop(0.1, eps=-1.0), ValueError, r"eps must be >= 0"),
        (lambda: SGD("0.1"), TypeError, r"lr must be a real number"),
        (lambda: update_with(Adam(), {"W1": np.ones((2, 3))}), ValueError,
         r"grads must have the keys of params \(missing \['b1'\]"),
        (lambda: update_with(Momentum(0.1), {**P, "W2": np.ones(1)}), ValueError,
         r"unexpected \['W2'\]"),
        (lambda: update_with(SGD(0.1), {"W1": np.ones((3, 2)), "b1": np.ones((2, 1))}),
         ValueError, r"grads\['W1'\] must have the shape of params\['W1'\] \(2, 3\)"),
        (lambda: update_with(RMSprop(0.1), {"W1": np.ones((2, 3)), "b1": np.ones(2)}),
         ValueError, r"grads\['b1'\] must have the shape"),
        (lambda: update_with(Adam(), P, SGDState(0)), TypeError,
         r"state must be of type AdamState, as made by init\(\) \(got SGDState\)"),
        (lambda: update_with(Adam(), P, AdamState(0, {"W1": np.zeros((2, 3))}, {})), ValueError,
         r"state.m must have the keys of params"),
        (lambda: update_with(Nesterov(0.1), [1.0]), TypeError, r"grads must be a dict"),
        (lambda: exponentially_weighted_average([1.0, 2.0], 1.0), ValueError,
         r"beta must be in \[0, 1\) \(got 1.0\)"),
        (lambda: exponentially_weighted_average(np.ones((2, 2, 2)), 0.9), ValueError,
         r"values must be 2-D"),
        (lambda: exponentially_weighted_average([1.0, np.nan], 0.9), ValueError,
         r"values must be finite"),
        (lambda: clip_by_value(P, 0.0), ValueError, r"limit must be > 0 \(got 0.0\)"),
        (lambda: clip_by_global_norm(P, -1.0), ValueError, r"max_norm must be > 0"),
        (lambda: clip_by_global_norm({"W1": np.array([np.inf])}, 1.0), ValueError,
         r"grads\['W1'\] must be finite"),
        (lambda: clip_by_value([np.ones(2)], 1.0), TypeError, r"grads must be a dict"),
        # issue 14: NaN/inf in params and grads of every update, inf for each scalar, bool,
        # a 0-d array is its number, a wrong kind of object
        (lambda: update_with(SGD(0.1), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(SGD(0.1), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(Momentum(0.1), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(Momentum(0.1), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(Nesterov(0.1), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(Nesterov(0.1), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(AdaGrad(0.1), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(AdaGrad(0.1), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(RMSprop(0.1), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(RMSprop(0.1), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(Adam(), {**P, "W1": np.full((2, 3), np.nan)}), ValueError,
         r"grads\['W1'\] must be finite \(got 6 NaN or infinite entries\)"),
        (lambda: update_params(Adam(), {**P, "b1": np.full((2, 1), -np.inf)}),
         ValueError, r"params\['b1'\] must be finite \(got 2 NaN"),
        (lambda: update_with(Adam(), {"W1": np.ones((2, 3)), "b1": np.array([[1.0], [np.inf]])}),
         ValueError, r"grads\['b1'\] must be finite \(got 1 NaN"),
        (lambda: SGD(np.inf), ValueError, r"lr must be finite \(got inf\)"),
        (lambda: SGD(True), TypeError, r"lr must be a real number \(got bool\)"),
        (lambda: SGD([0.1]), TypeError, r"lr must be a real number \(got list\)"),
        (lambda: SGD(np.array([0.1])), TypeError, r"lr must be a real number \(got ndarray\)"),
        (lambda: Adam(eps=np.inf), ValueError, r"eps must be finite \(got inf\)"),
        (lambda: AdaGrad(0.1, eps=math.inf), ValueError, r"eps must be finite"),
        (lambda: RMSprop(0.1, eps=np.inf), ValueError, r"eps must be finite"),
        (lambda: Momentum(0.1, beta=np.nan), ValueError, r"beta must be in \[0, 1\) \(got nan\)"),
        (lambda: Adam(beta1=None), TypeError, r"beta1 must be a real number \(got NoneType\)"),
        (lambda: clip_by_value(P, np.inf), ValueError, r"limit must be finite \(got inf\)"),
        (lambda: clip_by_global_norm(P, np.inf), ValueError, r"max_norm must be finite"),
        (lambda: clip_by_value({"W1": np.array([np.nan])}, 1.0), ValueError,
         r"grads\['W1'\] must be finite"),
        (lambda: exponentially_weighted_average([1.0, 2.0], 0.9, bias_correction="no"), TypeError,
         r"bias_correction must be a bool, True or False \(got str\)"),
        (lambda: exponentially_weighted_average([1.0, 2.0], 0.9, bias_correction=1), TypeError,
         r"bias_correction must be a bool"),
        (lambda: exponentially_weighted_average([1.0, np.inf], 0.9), ValueError,
         r"values must be finite \(got 1 NaN or infinite entries\)"),
        (lambda: exponentially_weighted_average([1.0, 2.0], True), TypeError,
         r"beta must be a real number \(got bool\)"),
        (lambda: exponentially_weighted_average(["a", "b"], 0.9), TypeError,
         r"values must be an array of real numbers"),
    ],
)
def test_bad_input(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_0d_array_hyperparameter_is_its_number() -> None:
    assert Adam(lr=np.array(0.01), beta1=np.array(0.8)).beta1 == 0.8
    assert exponentially_weighted_average([1.0], 0.5, bias_correction=np.bool_(True))[0] == 1.0


def test_the_finite_check_of_update_is_not_fooled_by_an_overflowing_sum() -> None:
    # the sum of finite entries overflows to inf: the full check then finds them finite
    big = {"w": np.full(4, 1e308)}
    new, _ = SGD(1e-300).update(big, big, SGD(1e-300).init(big))
    assert np.isfinite(new["w"]).all()
    opposite = {"w": np.array([1e308, 1e308, -1e308, -1e308, np.nan])}
    with pytest.raises(ValueError, match=r"grads\['w'\] must be finite \(got 1 NaN"):
        SGD(0.1).update({"w": np.zeros(5)}, opposite, SGD(0.1).init({"w": np.zeros(5)}))


# -------------------------------------------------- defaults, boundaries and exact messages

def one_step(optimizer, g: float) -> float:  # type: ignore[no-untyped-def]
    params = {"W": np.array([1.0])}
    new, _ = optimizer.update(params, {"W": np.array([g])}, optimizer.init(params))
    return float(new["W"][0])


def test_the_default_epsilons_and_adams_default_rate_are_the_papers() -> None:
    """Ε = 1e-8 and
    Adam's α = 0.001 (Kingma & Ba; PyTorch's defaults). With g = 1e-4, g² = 1e-8 = ε, so ε
    shows in the first step: Δθ = α·g/√(g² + ε) = α/√2 for AdaGrad."""
    g = 1e-4
    assert one_step(AdaGrad(lr=0.1), g) == pytest.approx(1 - 0.1 * g / np.sqrt(g**2 + 1e-8))
    # RMSprop: S = (1 − β)·g² after one step
    s = 0.1 * g**2
    assert one_step(RMSprop(lr=0.1), g) == pytest.approx(1 - 0.1 * g / np.sqrt(s + 1e-8))
    # Adam: m̂ = g and v̂ = g² after one step, so Δθ = α·g/(|g| + ε)
    assert one_step(Adam(), 0.5) == pytest.approx(1 - 0.001 * 0.5 / (0.5 + 1e-8))
    assert one_step(Adam(), g) == pytest.approx(1 - 0.001 * g / (g + 1e-8))


def test_the_reference_average_is_not_bias_corrected_by_default() -> None:
    """v_t = β·v_{t−1} + (1 − β)·θ_t from v_0 = 0."""
    values = np.array([1.0, 1.0, 1.0])
    np.testing.assert_allclose(_exponentially_weighted_average(values, 0.9), [0.1, 0.19, 0.271])
    np.testing.assert_allclose(exponentially_weighted_average(values, 0.9), [0.1, 0.19, 0.271])


def test_a_float32_average_is_computed_in_float32() -> None:
    """Every step rounds to float32, as a float32 loop does (v_0 = 0 adopts the values' dtype),
    on NumPy 1 as on NumPy 2."""
    values = np.random.default_rng(0).normal(size=50).astype(np.float32)
    expected = np.zeros_like(values)
    v = np.float32(0.0)
    for t, theta in enumerate(values):
        v = np.float32(0.9) * v + np.float32(1 - 0.9) * theta
        expected[t] = v
    got = _exponentially_weighted_average(values, 0.9)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(got, exponentially_weighted_average(values, 0.9))
    corrected = exponentially_weighted_average(values, 0.9, bias_correction=True)
    assert corrected.dtype == np.float32


def test_the_average_takes_k_series_as_columns_but_not_a_number() -> None:
    """1-D or 2-D (time on axis 0), not 0-D."""
    np.testing.assert_allclose(
        exponentially_weighted_average(np.ones((3, 2)), 0.9),
        [[0.1, 0.1], [0.19, 0.19], [0.271, 0.271]],
    )
    with pytest.raises(
        ValueError, match=r"^values must have at least 1 dimension\(s\) \(got a 0-D array\)$"
    ):
        exponentially_weighted_average(1.0, 0.9)


def test_dicts_of_the_wrong_kind_and_bad_entries_are_named() -> None:
    with pytest.raises(TypeError, match=r"^grads must be a dict of arrays \(got list\)$"):
        clip_by_value([1], 1.0)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        SGD(0.1).init([1])
    with pytest.raises(
        ValueError, match=r"^params\['W'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        SGD(0.1).init({"W": np.array([np.nan])})


def test_the_state_moments_are_the_optimizers_own_and_not_scanned() -> None:
    """An infinite moment (which the optimizer itself can reach) is used as
    it is, not rejected as params and grads are: one pass over params and grads only."""
    optimizer, params = Momentum(0.1), {"W": np.array([1.0])}
    state = optimizer.init(params)._replace(v={"W": np.array([np.inf])})
    new, new_state = optimizer.update(params, {"W": np.array([1.0])}, state)
    assert new["W"][0] == -np.inf and new_state.v["W"][0] == np.inf


def test_a_moment_of_the_wrong_kind_is_named_by_its_place_in_the_state() -> None:
    optimizer, params = Momentum(0.1), {"W": np.array([1.0])}
    state = optimizer.init(params)._replace(v={"W": np.array(["a"])})
    with pytest.raises(
        TypeError, match=r"^state\.v\['W'\] must be an array of real numbers \(got dtype <U1\)$"
    ):
        optimizer.update(params, {"W": np.array([1.0])}, state)
