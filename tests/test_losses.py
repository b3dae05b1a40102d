"""dlnotes.losses: PyTorch (float64, autograd) as the reference, invariants, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import dlnotes.losses as losses_module
from dlnotes.activations import sigmoid, softmax
from dlnotes.gradcheck import numerical_gradient
from dlnotes.information import cross_entropy
from dlnotes.losses import (
    _softmax_cross_entropy,
    _softmax_cross_entropy_grad,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    mean_squared_error,
    mean_squared_error_grad,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)

Array = np.ndarray
REDUCTIONS = ["mean", "sum", "none"]
SHAPES = [(1, 7), (3, 5), (6,)]


def _t(x: Array, grad: bool = False) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64, requires_grad=grad)


def _soft_labels(rng: np.random.Generator, k: int, m: int) -> Array:
    return rng.dirichlet(np.ones(k), size=m).T  # (k, m): one distribution per column


# ---------------------------------------------------------------- PyTorch reference: values


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_binary_cross_entropy_matches_torch(reduction, shape, rng) -> None:  # type: ignore[no-untyped-def]
    y_hat = rng.uniform(0.01, 0.99, size=shape)
    y = rng.integers(0, 2, size=shape).astype(float)
    y[..., 0] = 0.3  # a soft label
    expected = F.binary_cross_entropy(_t(y_hat), _t(y), reduction=reduction).numpy()
    np.testing.assert_allclose(binary_cross_entropy(y_hat, y, reduction), expected, rtol=1e-13)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_binary_cross_entropy_with_logits_matches_torch(reduction, shape, rng) -> None:  # type: ignore[no-untyped-def]
    z = rng.normal(scale=5.0, size=shape)
    y = rng.uniform(0, 1, size=shape)
    expected = F.binary_cross_entropy_with_logits(_t(z), _t(y), reduction=reduction).numpy()
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(z, y, reduction), expected, rtol=1e-13, atol=1e-15
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_mean_squared_error_matches_torch(reduction, shape, rng) -> None:  # type: ignore[no-untyped-def]
    y_hat, y = rng.normal(size=shape), rng.normal(size=shape)
    expected = F.mse_loss(_t(y_hat), _t(y), reduction=reduction).numpy()
    np.testing.assert_allclose(mean_squared_error(y_hat, y, reduction), expected, rtol=1e-14)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("target", ["labels", "one_hot", "soft"])
def test_softmax_cross_entropy_matches_torch_on_the_transpose(reduction, target, rng) -> None:  # type: ignore[no-untyped-def]
    k, m = 4, 9
    logits = rng.normal(scale=3.0, size=(k, m))  # classes on axis 0, examples as columns
    labels = rng.integers(0, k, size=m)
    y = {"labels": labels, "one_hot": np.eye(k)[:, labels], "soft": _soft_labels(rng, k, m)}[target]
    # torch: examples are rows and the class axis is 1, so give it the transposes
    torch_target = torch.tensor(labels) if target == "labels" else _t(y.T)
    expected = F.cross_entropy(_t(logits.T), torch_target, reduction=reduction).numpy()
    np.testing.assert_allclose(
        softmax_cross_entropy(logits, y, reduction=reduction), expected, rtol=1e-13
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_softmax_cross_entropy_with_axis_1_matches_torch_on_3d_input(reduction, rng) -> None:  # type: ignore[no-untyped-def]
    logits = rng.normal(size=(2, 5, 3))  # torch's (N, C, d) layout: classes on axis 1
    labels = rng.integers(0, 5, size=(2, 3))
    expected = F.cross_entropy(_t(logits), torch.tensor(labels), reduction=reduction).numpy()
    np.testing.assert_allclose(
        softmax_cross_entropy(logits, labels, axis=1, reduction=reduction), expected, rtol=1e-13
    )


def test_softmax_cross_entropy_of_one_example_matches_torch_unbatched(rng) -> None:
    s = rng.normal(size=5)
    expected = F.cross_entropy(_t(s), torch.tensor(3)).item()
    assert softmax_cross_entropy(s, 3) == pytest.approx(expected, rel=1e-14)
    assert softmax_cross_entropy(s, np.eye(5)[3]) == pytest.approx(expected, rel=1e-14)


# ---------------------------------------------------------------- PyTorch reference: gradients


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("shape", SHAPES)
def test_loss_gradients_match_torch_autograd(reduction, shape, rng) -> None:  # type: ignore[no-untyped-def]
    y_hat = rng.uniform(0.01, 0.99, size=shape)
    z = rng.normal(scale=4.0, size=shape)
    y = rng.uniform(0, 1, size=shape)
    cases = [
        (binary_cross_entropy_grad, F.binary_cross_entropy, y_hat),
        (binary_cross_entropy_with_logits_grad, F.binary_cross_entropy_with_logits, z),
        (mean_squared_error_grad, F.mse_loss, z),
    ]
    for grad, torch_loss, x in cases:
        x_t = _t(x, grad=True)
        torch_loss(x_t, _t(y), reduction=reduction).backward()
        np.testing.assert_allclose(grad(x, y, reduction), x_t.grad.numpy(), rtol=1e-12,
                                   err_msg=grad.__name__)


@pytest.mark.parametrize("shape", SHAPES)
def test_sum_gradient_is_each_elements_own_derivative_under_a_random_upstream(shape, rng) -> None:  # type: ignore[no-untyped-def]
    # reduction="none" with a random upstream gradient u: d(sum u_i L_i)/dx = u * grad(sum)
    y_hat = rng.uniform(0.01, 0.99, size=shape)
    y = rng.uniform(0, 1, size=shape)
    u = rng.normal(size=shape)
    for grad, torch_loss in ((binary_cross_entropy_grad, F.binary_cross_entropy),
                             (binary_cross_entropy_with_logits_grad,
                              F.binary_cross_entropy_with_logits),
                             (mean_squared_error_grad, F.mse_loss)):
        x_t = _t(y_hat, grad=True)
        torch_loss(x_t, _t(y), reduction="none").backward(_t(u))
        np.testing.assert_allclose(u * grad(y_hat, y, "sum"), x_t.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("target", ["labels", "one_hot", "soft"])
def test_softmax_cross_entropy_grad_matches_torch_autograd(reduction, target, rng) -> None:  # type: ignore[no-untyped-def]
    k, m = 5, 7
    logits = rng.normal(scale=3.0, size=(k, m))
    labels = rng.integers(0, k, size=m)
    y = {"labels": labels, "one_hot": np.eye(k)[:, labels], "soft": _soft_labels(rng, k, m)}[target]
    x_t = _t(logits.T, grad=True)
    torch_target = torch.tensor(labels) if target == "labels" else _t(y.T)
    F.cross_entropy(x_t, torch_target, reduction=reduction).backward()
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(logits, y, reduction=reduction), x_t.grad.numpy().T,
        rtol=1e-12, atol=1e-16,
    )


def test_softmax_cross_entropy_per_example_gradient_under_a_random_upstream(rng) -> None:
    logits = rng.normal(size=(2, 4, 3))
    labels = rng.integers(0, 4, size=(2, 3))
    u = rng.normal(size=(2, 3))
    x_t = _t(logits, grad=True)
    F.cross_entropy(x_t, torch.tensor(labels), reduction="none").backward(_t(u))
    per_example = softmax_cross_entropy_grad(logits, labels, axis=1, reduction="sum")
    ours = np.expand_dims(u, 1) * per_example
    np.testing.assert_allclose(ours, x_t.grad.numpy(), rtol=1e-12, atol=1e-16)


# ---------------------------------------------------------------- gradient checks


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_binary_and_squared_error_gradients_pass_a_central_difference_check(reduction, rng) -> None:  # type: ignore[no-untyped-def]
    y_hat = rng.uniform(0.05, 0.95, size=(2, 5))
    z = rng.normal(scale=3.0, size=(2, 5))
    y = rng.uniform(0, 1, size=(2, 5))
    y[0, :2] = [0.0, 1.0]  # hard labels: the branches where one term has weight 0
    for loss, grad, x in ((binary_cross_entropy, binary_cross_entropy_grad, y_hat),
                          (binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad,
                           z),
                          (mean_squared_error, mean_squared_error_grad, z)):
        numeric = numerical_gradient(lambda a, loss=loss: float(loss(a, y, reduction)), x)
        np.testing.assert_allclose(grad(x, y, reduction), numeric, rtol=1e-6, atol=1e-9,
                                   err_msg=grad.__name__)


@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("target", ["labels", "soft"])
@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_cross_entropy_grad_passes_a_central_difference_check(  # type: ignore[no-untyped-def]
    reduction, target, axis, rng
) -> None:
    k, m = 4, 3
    logits = rng.normal(scale=2.0, size=(k, m))
    y = rng.integers(0, k, size=m) if target == "labels" else _soft_labels(rng, k, m)
    if axis == 1:
        logits, y = logits.T, y if target == "labels" else y.T
    numeric = numerical_gradient(
        lambda s: float(softmax_cross_entropy(s, y, axis=axis, reduction=reduction)), logits
    )
    analytic = softmax_cross_entropy_grad(logits, y, axis=axis, reduction=reduction)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


# ---------------------------------------------------------------- the notes and conventions


def test_bce_is_the_negative_log_of_the_notes_likelihood(rng) -> None:
    # 003 §2.13: p(y|x) = y_hat^y (1 - y_hat)^(1 - y), and L = -log p(y|x)
    y_hat = rng.uniform(0.01, 0.99, size=(1, 20))
    y = rng.integers(0, 2, size=(1, 20))
    p = y_hat**y * (1 - y_hat) ** (1 - y)
    np.testing.assert_allclose(binary_cross_entropy(y_hat, y, "none"), -np.log(p), rtol=1e-13)
    assert binary_cross_entropy(y_hat, y, "sum") == pytest.approx(-np.log(np.prod(p)), rel=1e-12)


def test_bce_at_exactly_0_or_1_is_0_or_inf_without_warnings_while_torch_clamps_at_100() -> None:
    y_hat = np.array([0.0, 1.0, 0.0, 1.0])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    np.testing.assert_array_equal(binary_cross_entropy(y_hat, y, "none"), [0, 0, np.inf, np.inf])
    np.testing.assert_array_equal(
        binary_cross_entropy_grad(y_hat, y, "sum"), [1.0, -1.0, -np.inf, np.inf]
    )
    # PyTorch clamps each log at -100, so a certain wrong prediction costs 100
    torch_losses = F.binary_cross_entropy(_t(y_hat), _t(y), reduction="none").numpy()
    np.testing.assert_array_equal(torch_losses, [0, 0, 100, 100])


def test_bce_matches_torch_clamp_relation_for_tiny_probabilities() -> None:
    # torch: -(y·max(log ŷ, -100) + (1-y)·max(log(1-ŷ), -100)); equal to ours while log ŷ > -100
    y_hat = np.array([1e-30, 1e-50, 1e-300])
    y = np.ones(3)
    ours = binary_cross_entropy(y_hat, y, "none")
    torch_losses = F.binary_cross_entropy(_t(y_hat), _t(y), reduction="none").numpy()
    np.testing.assert_allclose(ours[:1], torch_losses[:1], rtol=1e-13)
    np.testing.assert_allclose(np.minimum(ours, 100.0), torch_losses, rtol=1e-13)


def test_one_hot_cross_entropy_leaves_minus_log_q_of_the_true_class(rng) -> None:
    # notes 001 (6-16): H(P, Q) = -log Q_i = -log(e^{s_i} / sum_j e^{s_j})
    s = rng.normal(size=(6, 4))
    labels = np.array([5, 0, 2, 2])
    q = softmax(s)
    np.testing.assert_allclose(
        softmax_cross_entropy(s, labels, reduction="none"), -np.log(q[labels, np.arange(4)]),
        rtol=1e-13,
    )


def test_bce_with_logits_of_two_classes_is_softmax_cross_entropy_of_scores_0_and_z(rng) -> None:
    z = rng.normal(size=8)
    y = rng.integers(0, 2, size=8)
    two_class = np.vstack([np.zeros(8), z])  # softmax((0, z))[1] = sigmoid(z)
    assert binary_cross_entropy_with_logits(z, y) == pytest.approx(
        softmax_cross_entropy(two_class, y), rel=1e-13
    )


def test_mean_is_sum_over_the_number_of_terms(rng) -> None:
    y_hat, y = rng.uniform(0.1, 0.9, size=(3, 4)), rng.uniform(0, 1, size=(3, 4))
    total = binary_cross_entropy(y_hat, y, "sum")
    assert binary_cross_entropy(y_hat, y) == pytest.approx(total / 12)  # mean over 12 elements
    logits = rng.normal(size=(3, 4))
    labels = np.array([0, 1, 2, 0])
    assert softmax_cross_entropy(logits, labels) == pytest.approx(
        softmax_cross_entropy(logits, labels, reduction="sum") / 4  # mean over the 4 examples
    )
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(logits, labels) * 4,
        softmax_cross_entropy_grad(logits, labels, reduction="sum"),
    )


def test_reduction_none_shapes() -> None:
    assert binary_cross_entropy(np.full((1, 5), 0.5), np.ones((1, 5)), "none").shape == (1, 5)
    assert mean_squared_error(np.zeros((2, 3)), np.ones((2, 3)), "none").shape == (2, 3)
    assert softmax_cross_entropy(np.zeros((4, 5)), np.zeros(5, int), reduction="none").shape == (5,)
    assert softmax_cross_entropy(np.zeros((2, 4, 3)), np.zeros((2, 3), int), axis=1,
                                 reduction="none").shape == (2, 3)


@pytest.mark.parametrize(
    "f",
    [binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad],
)
def test_binary_logit_loss_is_finite_up_to_1e4_without_warnings(f) -> None:  # type: ignore[no-untyped-def]
    z = np.array([[-1e4, -1e4, -745.0, 0.0, 745.0, 1e4, 1e4]])
    y = np.array([[0, 1, 1, 1, 0, 0, 1]])
    assert np.isfinite(f(z, y, "none" if f is binary_cross_entropy_with_logits else "sum")).all()
    assert binary_cross_entropy_with_logits(z, y, "none")[0, 1] == pytest.approx(1e4)
    assert binary_cross_entropy_with_logits(z, y, "none")[0, 0] == 0.0


def test_softmax_cross_entropy_is_finite_up_to_1e4_without_warnings() -> None:
    s = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]])
    labels = np.array([1, 1, 0])  # first and last examples: a confidently wrong class
    losses = softmax_cross_entropy(s, labels, reduction="none")
    np.testing.assert_allclose(losses, [2e4, 0.0, 1e4])
    assert np.isfinite(softmax_cross_entropy_grad(s, labels)).all()
    assert np.isfinite(softmax_cross_entropy(s, np.eye(3)[:, labels])).all()


def test_float32_in_float32_out_and_inputs_untouched(rng) -> None:
    y_hat = rng.uniform(0.1, 0.9, size=(1, 4)).astype(np.float32)
    y = np.array([[1, 0, 1, 1]])  # integer labels do not upcast the result
    logits = rng.normal(size=(3, 4)).astype(np.float32)
    labels = np.array([0, 2, 1, 1])
    before = [a.copy() for a in (y_hat, y, logits, labels)]
    results = [
        binary_cross_entropy(y_hat, y), binary_cross_entropy_grad(y_hat, y),
        binary_cross_entropy(y_hat, y, "none"),
        binary_cross_entropy_with_logits(y_hat, y), binary_cross_entropy_with_logits_grad(y_hat, y),
        mean_squared_error(y_hat, y), mean_squared_error_grad(y_hat, y),
        softmax_cross_entropy(logits, labels), softmax_cross_entropy_grad(logits, labels),
        softmax_cross_entropy(logits, np.eye(3)[:, labels], reduction="none"),
    ]
    assert all(np.asarray(r).dtype == np.float32 for r in results)
    for a, b in zip(before, (y_hat, y, logits, labels), strict=True):
        np.testing.assert_array_equal(a, b)
    assert binary_cross_entropy(np.array([[1, 0]]), np.array([[1, 0]])).dtype == np.float64


def test_labels_may_be_integral_floats() -> None:
    s = np.array([[1.0, 2.0], [0.5, -1.0]])
    assert softmax_cross_entropy(s, np.array([1.0, 0.0])) == softmax_cross_entropy(s, [1, 0])


def test_accuracy_has_zero_gradient_almost_everywhere_while_the_loss_does_not(rng) -> None:
    # notes 001 p. 23: why not train on accuracy? Its derivative is 0 wherever it is defined.
    X = rng.normal(size=(2, 50))
    Y = (X[0:1] + X[1:2] > 0).astype(float)
    w = np.array([[0.3], [-0.2]])

    def accuracy(w_: Array) -> float:
        return float(np.mean((sigmoid(w_.T @ X) > 0.5) == Y))

    def cost(w_: Array) -> float:
        return float(binary_cross_entropy(sigmoid(w_.T @ X), Y))

    np.testing.assert_array_equal(numerical_gradient(accuracy, w), 0.0)
    assert np.linalg.norm(numerical_gradient(cost, w)) > 0.01


# ---------------------------------------------------------------- invariants (hypothesis)


@given(arrays(np.float64, st.integers(1, 12), elements=st.floats(-40, 40)),
       st.floats(0.0, 1.0))
def test_bce_with_logits_equals_bce_of_sigmoid_where_both_are_finite(z, label) -> None:  # type: ignore[no-untyped-def]
    y = np.full_like(z, label)
    a = sigmoid(z)
    direct = binary_cross_entropy(a, y, "none")
    stable = binary_cross_entropy_with_logits(z, y, "none")
    finite = np.isfinite(direct)
    assert np.isfinite(stable).all()
    # a = σ(z) carries a rounding error of ~eps relative to min(a, 1 - a); log amplifies it
    tol = 1e-12 + 4 * np.finfo(float).eps / np.minimum(sigmoid(z), sigmoid(-z))
    assert np.all(np.abs(direct - stable)[finite] <= (tol * (1 + stable))[finite])


@given(arrays(np.float64, (3, 4), elements=st.floats(-30, 30)), st.floats(-100, 100))
def test_softmax_cross_entropy_is_shift_invariant_and_nonnegative(s, c) -> None:  # type: ignore[no-untyped-def]
    labels = np.array([0, 1, 2, 1])
    losses = softmax_cross_entropy(s, labels, reduction="none")
    assert np.all(losses >= 0)
    np.testing.assert_allclose(softmax_cross_entropy(s + c, labels, reduction="none"), losses,
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(softmax_cross_entropy_grad(s, labels).sum(axis=0), 0.0, atol=1e-15)


@given(arrays(np.float64, (3, 4), elements=st.floats(-20, 20)),
       arrays(np.float64, (3, 4), elements=st.floats(0.01, 1.0)))
def test_soft_label_loss_is_the_cross_entropy_of_the_information_chapter(s, w) -> None:  # type: ignore[no-untyped-def]
    p = w / w.sum(axis=0)
    np.testing.assert_allclose(softmax_cross_entropy(s, p, reduction="none"),
                               cross_entropy(p, softmax(s)), rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------- bad input

Y_HAT = np.full((1, 4), 0.5)
BAD_INPUT = [
    (binary_cross_entropy, (Y_HAT, np.ones(4)), {}, ValueError,
     r"y_hat and y must have the same shape \(got \(1, 4\) and \(4,\)\)"),
    (binary_cross_entropy_grad, (np.full(4, 0.5), np.ones((1, 4))), {}, ValueError,
     r"must have the same shape"),
    (binary_cross_entropy_with_logits, (np.zeros((1, 4)), np.ones(4)), {}, ValueError,
     r"z and y must have the same shape"),
    (mean_squared_error, (np.zeros((1, 4)), np.zeros((4, 1))), {}, ValueError,
     r"y_hat and y must have the same shape"),
    (binary_cross_entropy, ([[1.5, 0.5]], [[1, 0]]), {}, ValueError,
     r"y_hat must be in \[0, 1\] \(got 1.5\)"),
    (binary_cross_entropy_grad, ([[-0.1, 0.5]], [[1, 0]]), {}, ValueError,
     r"y_hat must be in \[0, 1\] \(got -0.1\)"),
    (binary_cross_entropy, ([[0.5]], [[2]]), {}, ValueError, r"y must be in \[0, 1\] \(got 2.0\)"),
    (binary_cross_entropy_with_logits_grad, ([[0.5]], [[-1]]), {}, ValueError,
     r"y must be in \[0, 1\]"),
    (binary_cross_entropy, ([[np.nan]], [[1]]), {}, ValueError, r"y_hat must be finite"),
    (binary_cross_entropy_with_logits, ([[np.inf]], [[1]]), {}, ValueError, r"z must be finite"),
    (binary_cross_entropy, (Y_HAT, Y_HAT), {"reduction": "avg"}, ValueError,
     r"reduction must be one of 'mean', 'sum', 'none' \(got 'avg'\)"),
    (mean_squared_error_grad, (Y_HAT, Y_HAT), {"reduction": "none"}, ValueError,
     r"reduction must be one of 'mean', 'sum' \(got 'none'\)"),
    (mean_squared_error, (["a"], ["b"]), {}, TypeError, r"y_hat must be an array of real numbers"),
    (softmax_cross_entropy, (np.zeros((3, 4)), np.array([0, 1, 3, 0])), {}, ValueError,
     r"y labels must be in \[0, 3\) for 3 classes \(got 3\)"),
    (softmax_cross_entropy_grad, (np.zeros((3, 4)), np.array([0, -1, 2, 0])), {}, ValueError,
     r"y labels must be in \[0, 3\) .*got -1"),
    (softmax_cross_entropy, (np.zeros((3, 4)), np.array([0, 1.5, 2, 0])), {}, ValueError,
     r"y labels must be integers \(got 1.5\)"),
    (softmax_cross_entropy, (np.zeros((3, 4)), np.zeros((1, 4), int)), {}, ValueError,
     r"y must be integer labels of shape \(4,\) or probabilities of the shape of logits "
     r"\(3, 4\) \(got shape \(1, 4\)\)"),
    (softmax_cross_entropy, (np.zeros((3, 4)), np.zeros(3, int)), {}, ValueError,
     r"y must be integer labels of shape \(4,\)"),
    (softmax_cross_entropy, (np.zeros((3, 2)), np.full((3, 2), 0.5)), {}, ValueError,
     r"y must sum to 1 along axis 0 \(got 1.5\)"),
    (softmax_cross_entropy_grad, (np.zeros((2, 2)), np.array([[1.5, 1], [-0.5, 0]])), {},
     ValueError, r"y must be non-negative"),
    (softmax_cross_entropy, (np.zeros((3, 2)), np.array([0, 1])), {"axis": 2}, ValueError,
     r"axis must be in \[-2, 2\)"),
    (softmax_cross_entropy, (np.zeros((3, 2)), np.array([0, 1])), {"reduction": "mean "},
     ValueError, r"reduction must be one of"),
    (softmax_cross_entropy, (1.0, 0), {}, ValueError, r"logits must have at least 1 dimension"),
    (softmax_cross_entropy, ([[np.inf], [0.0]], [0]), {}, ValueError, r"logits must be finite"),
    (softmax_cross_entropy_grad, (np.zeros((2, 2)), np.array([0, 1])), {"reduction": "none"},
     ValueError, r"reduction must be one of 'mean', 'sum'"),
    # issue 14: a non-string choice is a TypeError; NaN/inf in each array; a wrong kind
    (binary_cross_entropy, (Y_HAT, Y_HAT), {"reduction": None}, TypeError,
     r"reduction must be a string, one of 'mean', 'sum', 'none' \(got NoneType\)"),
    (mean_squared_error_grad, (Y_HAT, Y_HAT), {"reduction": 1}, TypeError,
     r"reduction must be a string, one of 'mean', 'sum' \(got int\)"),
    (softmax_cross_entropy, (np.zeros((3, 2)), np.array([0, 1])), {"reduction": True}, TypeError,
     r"reduction must be a string"),
    (binary_cross_entropy, (Y_HAT, np.full((1, 4), np.nan)), {}, ValueError, r"y must be finite"),
    (mean_squared_error, (np.zeros((1, 2)), [[0.0, np.inf]]), {}, ValueError, r"y must be finite"),
    (binary_cross_entropy_with_logits_grad, ([[-np.inf]], [[1]]), {}, ValueError,
     r"z must be finite"),
    (softmax_cross_entropy_grad, (np.zeros((2, 2)), np.array([0, np.nan])), {}, ValueError,
     r"y must be finite"),
    (softmax_cross_entropy, (np.zeros((3, 2)), np.array([0, 1])), {"axis": True}, TypeError,
     r"axis must be an int \(got bool\)"),
    (mean_squared_error, (object(), [1.0]), {}, TypeError, r"y_hat must be an array of real"),
    # probability targets with logits of the wrong rank: the message says what was expected
    (softmax_cross_entropy, (np.zeros((2, 2)), np.array([0.3, 0.7])), {}, ValueError,
     r"y labels must be integers \(got 0.3\); probabilities must have the shape of logits "
     r"\(2, 2\) \(got y of shape \(2,\)\)"),
]


@pytest.mark.parametrize(("f", "args", "kwargs", "error", "message"), BAD_INPUT,
                         ids=[f"{case[0].__name__}-{i}" for i, case in enumerate(BAD_INPUT)])
def test_bad_input_raises_a_message_naming_the_argument(f, args, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        f(*args, **kwargs)


def test_no_m_by_m_broadcast_for_any_loss() -> None:
    m = 5
    preds, labels = np.full((1, m), 0.5), np.ones(m)
    for f in (binary_cross_entropy, binary_cross_entropy_grad, binary_cross_entropy_with_logits,
              binary_cross_entropy_with_logits_grad, mean_squared_error, mean_squared_error_grad):
        with pytest.raises(ValueError, match="same shape"):
            f(preds, labels)
    assert math.isfinite(binary_cross_entropy(preds, labels.reshape(1, m)))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("f", [softmax_cross_entropy, softmax_cross_entropy_grad])
@pytest.mark.parametrize("axis", [0, 1])
def test_a_non_finite_logit_anywhere_is_an_error_on_both_cores_paths(f, axis, bad) -> None:  # type: ignore[no-untyped-def]
    # 1000 examples are split between the cores: put the bad entry in the last example, at a
    # class that is neither the max nor the label, where only the min check can see a -inf
    rng = np.random.default_rng(0)
    s = rng.normal(size=(5, 1000))
    labels = np.zeros(1000, int)
    s[3, -1] = bad
    s_in = s if axis == 0 else s.T
    for y in (labels, np.eye(5)[:, labels] if axis == 0 else np.eye(5)[labels]):
        with pytest.raises(ValueError, match=r"logits must be finite \(got 1 NaN or infinite"):
            f(s_in, y, axis=axis)


def test_one_example_as_a_1d_vector_of_scores() -> None:
    s = np.array([1.0, 2.0, 3.0])
    expected = -math.log(math.exp(1.0) / (math.exp(1.0) + math.exp(2.0) + math.exp(3.0)))
    assert math.isclose(softmax_cross_entropy(s, np.array(0)), expected, rel_tol=1e-15)
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(s, np.array(0)), softmax(s) - np.array([1.0, 0.0, 0.0]),
        rtol=1e-15, atol=1e-16,
    )
    with pytest.raises(ValueError, match=r"logits must be finite \(got 1 NaN"):
        softmax_cross_entropy(np.array([1.0, np.nan]), np.array(0))


def test_label_loss_is_log_sum_exp_minus_the_true_score_on_a_large_batch() -> None:
    # was the band-size test: the bands moved to dlnotes.fast with the speed work (issue 11);
    # the reference's loss is still the max-shifted log-sum-exp minus the true class's score
    rng = np.random.default_rng(1)
    s, y = rng.normal(scale=3.0, size=(37, 700)), rng.integers(0, 37, size=700)
    log_q = s - s.max(axis=0) - np.log(np.exp(s - s.max(axis=0)).sum(axis=0))
    assert softmax_cross_entropy(s, y) == pytest.approx(-log_q[y, np.arange(700)].mean(), 1e-14)
    np.testing.assert_allclose(softmax_cross_entropy_grad(s, y),
                               (softmax(s) - np.eye(37)[:, y]) / 700, rtol=1e-13, atol=1e-18)


# ---------------------------------------------------------------- the references


REFERENCES = [
    (binary_cross_entropy, losses_module._binary_cross_entropy, "probabilities"),
    (binary_cross_entropy_with_logits, losses_module._binary_cross_entropy_with_logits, "z"),
    (mean_squared_error, losses_module._mean_squared_error, "z"),
]
GRAD_REFERENCES = [
    (binary_cross_entropy_grad, losses_module._binary_cross_entropy_grad, "probabilities"),
    (binary_cross_entropy_with_logits_grad, losses_module._binary_cross_entropy_with_logits_grad,
     "z"),
    (mean_squared_error_grad, losses_module._mean_squared_error_grad, "z"),
]


def _first_argument(kind: str, rng: np.random.Generator, shape: tuple[int, ...]) -> Array:
    if kind == "probabilities":
        return rng.uniform(0.01, 0.99, size=shape)
    return rng.normal(scale=3.0, size=shape)


@pytest.mark.parametrize(("public", "reference", "kind"), REFERENCES,
                         ids=[r[0].__name__ for r in REFERENCES])
def test_each_loss_is_its_reference_per_element_and_the_reduction_of_it(  # type: ignore[no-untyped-def]
    public, reference, kind, rng
) -> None:
    x, y = _first_argument(kind, rng, (2, 5)), rng.uniform(0, 1, size=(2, 5))
    np.testing.assert_array_equal(public(x, y, "none"), reference(x, y))
    assert public(x, y) == np.mean(reference(x, y))
    assert public(x, y, "sum") == np.sum(reference(x, y))


@pytest.mark.parametrize(("public", "reference", "kind"), GRAD_REFERENCES,
                         ids=[r[0].__name__ for r in GRAD_REFERENCES])
def test_each_gradient_reference_is_the_gradient_of_the_sum(public, reference, kind, rng) -> None:  # type: ignore[no-untyped-def]
    x, y = _first_argument(kind, rng, (2, 5)), rng.uniform(0, 1, size=(2, 5))
    np.testing.assert_array_equal(public(x, y, "sum"), reference(x, y))
    np.testing.assert_allclose(public(x, y), reference(x, y) / 10, rtol=1e-15)


@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_references_take_the_one_hot_p_and_give_per_example_values(axis, rng) -> None:  # type: ignore[no-untyped-def]
    s = rng.normal(scale=3.0, size=(4, 6))
    labels = rng.integers(0, 4, size=6)
    p = np.eye(4)[:, labels]
    if axis == 1:
        s, p = s.T, p.T
    losses = losses_module._softmax_cross_entropy(s, p, axis)
    assert losses.shape == (6,)
    np.testing.assert_array_equal(losses,
                                  softmax_cross_entropy(s, labels, axis=axis, reduction="none"))
    grad = losses_module._softmax_cross_entropy_grad(s, p, axis)
    np.testing.assert_allclose(grad, softmax(s, axis=axis) - p, rtol=1e-15, atol=1e-17)
    np.testing.assert_allclose(softmax_cross_entropy_grad(s, labels, axis=axis), grad / 6,
                               rtol=1e-15)


def test_references_keep_float32_leave_their_arguments_alone_and_raise_no_warning() -> None:
    z = np.array([[-1e4, -745.0, 0.0, 745.0, 1e4]], dtype=np.float32)
    y = np.array([[0, 1, 1, 0, 1]], dtype=np.float32)
    a = np.array([[0.0, 1e-30, 0.5, 1.0, 1.0]], dtype=np.float32)
    s, p = z.reshape(5, 1), y.reshape(5, 1) / 3
    before = [v.copy() for v in (z, y, a, s, p)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = [
            losses_module._binary_cross_entropy(a, y),
            losses_module._binary_cross_entropy_grad(a, y),
            losses_module._binary_cross_entropy_with_logits(z, y),
            losses_module._binary_cross_entropy_with_logits_grad(z, y),
            losses_module._softmax_cross_entropy(s, p),
            losses_module._softmax_cross_entropy_grad(s, p),
            losses_module._mean_squared_error(z, y),
            losses_module._mean_squared_error_grad(z, y),
        ]
    assert all(r.dtype == np.float32 for r in results)
    assert np.isfinite(results[2]).all() and np.isfinite(results[4]).all()
    for old, new in zip(before, (z, y, a, s, p), strict=True):
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_mean_squared_error_of_finite_inputs_beyond_the_float_range_is_inf_without_a_warning(
    reduction: str,
) -> None:
    # (1e300 − 0)² = 1e600 overflows: the loss is inf (the true value rounded), no RuntimeWarning
    y_hat, y = np.array([[1e300, 0.5]]), np.array([[0.0, 0.5]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = mean_squared_error(y_hat, y, reduction=reduction)
        grad = mean_squared_error_grad(np.array([1.5e308]), np.array([-1.5e308]), reduction="sum")
    assert np.ravel(loss)[0] == np.inf
    assert grad[0] == np.inf  # 2·(3e308) overflows to +inf, the sign kept


# -------------------------------------------------- defaults, boundaries and exact messages

REDUCTION_3 = r"^reduction must be one of 'mean', 'sum', 'none' \(got 'avg'\)$"


def test_a_perfect_prediction_costs_plus_zero_not_minus_zero() -> None:
    """The `+ 0.0` that turns −0.0 into 0.0."""
    bce = binary_cross_entropy([1.0, 0.0], [1.0, 0.0], reduction="none")
    np.testing.assert_array_equal(bce, [0.0, 0.0])
    assert not np.signbit(bce).any()
    # log-softmax of (0, −1e4) is (0, −1e4) exactly: the true class costs +0 · ... = 0
    ce = softmax_cross_entropy([[0.0], [-1e4]], [0], reduction="none")
    np.testing.assert_array_equal(ce, [0.0])
    assert not np.signbit(ce).any()


def test_references_default_to_the_class_axis_0() -> None:
    """The default axis of the chapter's references is the class axis 0."""
    S = np.array([[2.0, 0.0], [1.0, 0.0], [0.1, 3.0]])  # 3 classes, 2 examples (columns)
    P = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    q = np.exp(S) / np.exp(S).sum(axis=0)
    np.testing.assert_allclose(_softmax_cross_entropy(S, P), -np.log(q[[0, 2], [0, 1]]))
    np.testing.assert_allclose(_softmax_cross_entropy_grad(S, P), q - P)


def test_the_out_of_range_value_named_is_the_one_outside() -> None:
    """With a 0 at the low end, the bad value named is the high one."""
    with pytest.raises(ValueError, match=r"^y_hat must be in \[0, 1\] \(got 1\.5\)$"):
        binary_cross_entropy([0.0, 1.5], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"^y must be in \[0, 1\] \(got 1\.5\)$"):
        binary_cross_entropy([0.5, 0.5], [0.0, 1.5])


@pytest.mark.parametrize(
    "f",
    [
        binary_cross_entropy_grad,
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_grad,
    ],
)
def test_binary_losses_reject_targets_outside_0_1(f) -> None:  # type: ignore[no-untyped-def]
    """Unit_targets=True reaches every binary loss."""
    with pytest.raises(ValueError, match=r"^y must be in \[0, 1\] \(got -0\.5\)$"):
        f([0.5, 0.5], [1.0, -0.5])


def test_squared_error_takes_any_real_target() -> None:
    """Regression targets are not probabilities."""
    np.testing.assert_allclose(mean_squared_error_grad([1.0, 2.0], [3.0, -2.0]), [-2.0, 4.0])
    assert mean_squared_error([1.0, 2.0], [3.0, -2.0]) == pytest.approx((4 + 16) / 2)


@pytest.mark.parametrize(
    "f", [binary_cross_entropy_with_logits, mean_squared_error], ids=lambda f: f.__name__
)
def test_reduction_is_named_in_its_messages(f) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=REDUCTION_3):
        f([0.5], [1.0], reduction="avg")
    with pytest.raises(TypeError, match=r"^reduction must be a string, one of 'mean', 'sum', "):
        f([0.5], [1.0], reduction=1)


def test_squared_error_grad_names_y_hat() -> None:
    """The prediction's name in its messages."""
    with pytest.raises(
        ValueError, match=r"^y_hat and y must have the same shape \(got \(2,\) and \(1,\)\)$"
    ):
        mean_squared_error_grad([1.0, 2.0], [1.0])


def test_mean_reduction_divides_the_gradient_by_the_number_of_examples() -> None:
    """Sum against mean: the mean's gradient is the sum's over m (003 §2.7's 1/m)."""
    z, y = np.array([0.0, 2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0, 0.0])
    s = binary_cross_entropy_with_logits_grad(z, y, reduction="sum")
    m = binary_cross_entropy_with_logits_grad(z, y, reduction="mean")
    np.testing.assert_allclose(m, s / 4)
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-z)) - y)
    assert math.isclose(
        float(binary_cross_entropy_with_logits(z, y, reduction="sum")),
        4 * float(binary_cross_entropy_with_logits(z, y)),
    )
