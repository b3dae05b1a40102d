"""dlnotes.logistic: propagate against PyTorch, gradient checks, training, bad input."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes.gradcheck import numerical_gradient
from dlnotes.logistic import optimize, predict, propagate


def torch_propagate(
    w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, float, float]:
    """Reference: BCE-with-logits (mean) and autograd in float64."""
    tw = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    z = tw.T @ torch.tensor(X, dtype=torch.float64) + tb
    cost = F.binary_cross_entropy_with_logits(z, torch.tensor(Y, dtype=torch.float64))
    cost.backward()
    return tw.grad.numpy(), tb.grad.item(), cost.item()


# ---------------------------------------------------------------- reference values


def test_course_assignment_values() -> None:
    # course 1 week 2 assignment (the notes' §2.11 vectorized propagate): w = [1, 2], b = 2,
    # X = [[1, 2, -1], [3, 4, -3.2]], Y = [1, 0, 1] give dw = [0.99845601, 2.39507239],
    # db = 0.00145557813678, cost = 5.801545319394553
    grads, cost = propagate(
        np.array([[1.0], [2.0]]),
        2.0,
        np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
        np.array([[1.0, 0.0, 1.0]]),
    )
    assert np.allclose(grads["w"].ravel(), [0.99845601, 2.39507239], rtol=1e-8)
    assert grads["b"] == pytest.approx(0.00145557813678, rel=1e-9)
    assert cost == pytest.approx(5.801545319394553, rel=1e-12)


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (2, 7), (5, 40), (12, 3)])
def test_propagate_matches_torch_bce_with_logits(n_x: int, m: int) -> None:
    rng = np.random.default_rng(n_x * 100 + m)
    w, b = rng.standard_normal((n_x, 1)), float(rng.standard_normal())
    X, Y = rng.standard_normal((n_x, m)) * 3, rng.integers(0, 2, (1, m)).astype(float)
    grads, cost = propagate(w, b, X, Y)
    dw, db, ref_cost = torch_propagate(w, b, X, Y)
    assert np.allclose(grads["w"], dw, rtol=1e-12, atol=1e-15)
    assert grads["b"] == pytest.approx(db, rel=1e-12, abs=1e-15)
    assert cost == pytest.approx(ref_cost, rel=1e-12)


def test_soft_labels_match_torch() -> None:
    rng = np.random.default_rng(3)
    w, X, Y = rng.standard_normal((3, 1)), rng.standard_normal((3, 9)), rng.random((1, 9))
    grads, cost = propagate(w, -0.3, X, Y)
    dw, _, ref_cost = torch_propagate(w, -0.3, X, Y)
    assert np.allclose(grads["w"], dw, rtol=1e-12) and cost == pytest.approx(ref_cost, rel=1e-12)


@given(
    arrays(np.float64, (2, 6), elements=st.floats(-1e4, 1e4)),
    arrays(np.float64, (2, 1), elements=st.floats(-1, 1)),
)
def test_cost_and_gradients_stay_finite_and_match_torch_for_saturated_logits(
    X: np.ndarray, w: np.ndarray
) -> None:
    # |z| up to 2e4: σ(z) is exactly 0 or 1, log σ would be -inf; the logit form is finite
    Y = np.array([[0.0, 1.0, 0.0, 1.0, 1.0, 0.0]])
    grads, cost = propagate(w, 0.0, X, Y)
    dw, _, ref_cost = torch_propagate(w, 0.0, X, Y)
    assert np.isfinite(cost) and np.isfinite(grads["w"]).all()
    assert cost == pytest.approx(ref_cost, rel=1e-12, abs=1e-12)
    # z = w·x can cancel (w ≈ (−1, 1), x ≈ (1e4, 1e4)): its rounding error, up to a few ulps of
    # Σ|w||x|, reaches dw multiplied by |x|, whatever the order of the sums in either library
    rounding = 8 * np.finfo(float).eps * float((np.abs(w).T @ np.abs(X)).max()) * np.abs(X).max()
    assert np.allclose(grads["w"], dw, rtol=1e-12, atol=max(1e-9, rounding))


def test_gradients_pass_a_central_difference_check() -> None:
    rng = np.random.default_rng(7)
    w, b = rng.standard_normal((4, 1)), 0.2
    X, Y = rng.standard_normal((4, 11)), rng.integers(0, 2, (1, 11)).astype(float)
    grads, _ = propagate(w, b, X, Y)
    dw = numerical_gradient(lambda v: propagate(v, b, X, Y)[1], w)
    db = numerical_gradient(lambda v: propagate(w, float(v[0]), X, Y)[1], np.array([b]))
    assert np.allclose(grads["w"], dw, rtol=1e-6, atol=1e-9)
    assert grads["b"] == pytest.approx(float(db[0]), rel=1e-6, abs=1e-9)


def test_float32_in_gives_float32_gradients_and_ints_are_accepted() -> None:
    X = np.array([[1, 2, -1], [3, 4, -3]])
    grads64, _ = propagate(np.array([[1], [2]]), 2, X, np.array([[1, 0, 1]]))
    assert grads64["w"].dtype == np.float64
    grads32, cost = propagate(
        np.array([[1.0], [2.0]], np.float32),
        2.0,
        X.astype(np.float32),
        np.array([[1.0, 0.0, 1.0]], np.float32),
    )
    assert grads32["w"].dtype == np.float32 and isinstance(cost, float)
    assert np.allclose(grads32["w"], grads64["w"], rtol=1e-5)


def test_bias_may_be_a_size_one_array() -> None:
    X, Y = np.array([[1.0, -2.0]]), np.array([[1.0, 0.0]])
    grads, cost = propagate(np.ones((1, 1)), np.array([[0.5]]), X, Y)
    ref_grads, ref_cost = propagate(np.ones((1, 1)), 0.5, X, Y)
    assert isinstance(grads["b"], float) and grads["b"] == ref_grads["b"] and cost == ref_cost


def test_inputs_are_not_modified() -> None:
    rng = np.random.default_rng(1)
    w, X, Y = rng.standard_normal((2, 1)), rng.standard_normal((2, 5)), np.ones((1, 5))
    copies = [a.copy() for a in (w, X, Y)]
    propagate(w, 0.5, X, Y)
    optimize(w, 0.5, X, Y, num_iterations=3, learning_rate=0.1)
    assert all(np.array_equal(a, c) for a, c in zip((w, X, Y), copies, strict=True))


# ---------------------------------------------------------------- training and prediction


def blobs(m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    Y = (np.arange(m) % 2).reshape(1, m).astype(float)
    X = rng.standard_normal((2, m)) + 2.5 * (2 * Y - 1)
    return X, Y


def test_optimize_decreases_the_cost_and_fits_separable_blobs() -> None:
    X, Y = blobs(200, np.random.default_rng(0))
    w, b, costs = optimize(np.zeros((2, 1)), 0.0, X, Y, num_iterations=300, learning_rate=0.1)
    assert costs.shape == (300,)
    assert costs[0] == pytest.approx(np.log(2), rel=1e-15)  # σ(0) = 1/2 for every example
    assert np.all(np.diff(costs) < 0)  # convex cost, small step: monotone
    assert np.mean(predict(w, b, X) == Y) > 0.97


def test_optimize_is_the_gradient_descent_loop_of_the_notes() -> None:
    rng = np.random.default_rng(2)
    X, Y = blobs(30, rng)
    w, b = rng.standard_normal((2, 1)), 0.1
    w_ref, b_ref, costs_ref = w.copy(), b, []
    for _ in range(5):
        grads, cost = propagate(w_ref, b_ref, X, Y)
        costs_ref.append(cost)
        w_ref, b_ref = w_ref - 0.3 * grads["w"], b_ref - 0.3 * grads["b"]
    w_out, b_out, costs = optimize(w, b, X, Y, num_iterations=5, learning_rate=0.3)
    assert np.allclose(w_out, w_ref, rtol=1e-15) and b_out == pytest.approx(b_ref, rel=1e-15)
    assert np.allclose(costs, costs_ref, rtol=1e-15)


def test_predict_thresholds_sigmoid_at_one_half_strictly() -> None:
    # notes 003 §3.3: ŷ = 1 if a > 0.5 else 0; a = 0.5 exactly (z = 0) gives 0
    pred = predict(np.array([[1.0]]), 0.0, np.array([[-1.0, 0.0, 1e-3, 5.0]]))
    assert pred.tolist() == [[0.0, 0.0, 1.0, 1.0]]
    pred32 = predict(np.ones((1, 1), np.float32), 0.0, np.ones((1, 2), np.float32))
    assert pred32.dtype == np.float32


# ---------------------------------------------------------------- bad input

W, X3, Y3 = np.ones((2, 1)), np.ones((2, 3)), np.array([[0.0, 1.0, 1.0]])

BAD_INPUT: list[tuple[Callable[[], object], type[Exception], str]] = [
    (
        lambda: propagate(W, 0.0, X3, Y3.ravel()),
        ValueError,
        r"Y must have shape \(1, m\) = \(1, 3\)",
    ),
    (lambda: propagate(W, 0.0, X3, Y3.T), ValueError, r"Y must have shape \(1, m\).*got \(3, 1\)"),
    (
        lambda: propagate(np.ones(2), 0.0, X3, Y3),
        ValueError,
        r"w must have shape \(n_x, 1\) = \(2, 1\)",
    ),
    (
        lambda: propagate(np.ones((3, 1)), 0.0, X3, Y3),
        ValueError,
        r"w must have shape.*got \(3, 1\)",
    ),
    (lambda: propagate(W, 0.0, np.ones(3), Y3), ValueError, r"X must be 2-D \(got shape \(3,\)\)"),
    (lambda: propagate(W, 0.0, X3, 2 * Y3), ValueError, r"Y must be in \[0, 1\]"),
    (lambda: propagate(W, 0.0, X3, Y3 - 0.5), ValueError, r"Y must be in \[0, 1\]"),
    (
        lambda: propagate(W, np.zeros(2), X3, Y3),
        ValueError,
        r"b must be a scalar \(got an array of shape \(2,\)\)",
    ),
    (lambda: propagate(W, "0", X3, Y3), TypeError, "b must be an array of real numbers"),
    (lambda: propagate(W, float("inf"), X3, Y3), ValueError, r"b must be finite"),
    (lambda: propagate(W, 0.0, np.full((2, 3), np.nan), Y3), ValueError, "X must be finite"),
    (lambda: propagate(W, 0.0, X3.astype(str), Y3), TypeError, "X must be an array of real"),
    (
        lambda: optimize(W, 0.0, X3, Y3, num_iterations=0, learning_rate=0.1),
        ValueError,
        r"num_iterations must be >= 1 \(got 0\)",
    ),
    (
        lambda: optimize(W, 0.0, X3, Y3, num_iterations=1.5, learning_rate=0.1),
        TypeError,
        "num_iterations must be an int",
    ),
    (
        lambda: optimize(W, 0.0, X3, Y3, num_iterations=2, learning_rate=0.0),
        ValueError,
        r"learning_rate must be > 0 \(got 0.0\)",
    ),
    (lambda: predict(np.ones((3, 1)), 0.0, X3), ValueError, "w must have shape"),
    # issue 14: a bool is no number, NaN/inf in each array, inf for each scalar
    (lambda: propagate(W, True, X3, Y3), TypeError, r"b must be a real number \(got bool\)"),
    (lambda: predict(W, np.bool_(False), X3), TypeError, r"b must be a real number \(got bool"),
    (lambda: optimize(W, np.array([True]), X3, Y3, num_iterations=1, learning_rate=0.1),
     TypeError, r"b must be a real number \(got ndarray\)"),
    (lambda: propagate(np.full((2, 1), np.nan), 0.0, X3, Y3), ValueError, r"w must be finite"),
    (lambda: propagate(W, 0.0, X3, np.array([[0.0, np.nan, 1.0]])), ValueError,
     r"Y must be finite"),
    (lambda: propagate(W, None, X3, Y3), TypeError, r"b must be an array of real numbers"),
    (lambda: optimize(W, 0.0, X3, Y3, num_iterations=2, learning_rate=np.inf), ValueError,
     r"learning_rate must be finite \(got inf\)"),
    (lambda: optimize(W, 0.0, X3, Y3, num_iterations=True, learning_rate=0.1), TypeError,
     r"num_iterations must be an int \(got bool\)"),
    (lambda: optimize(W, 0.0, X3, Y3, num_iterations=2, learning_rate=[0.1]), TypeError,
     r"learning_rate must be a real number \(got list\)"),
]


@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_raises_a_named_error(
    call: Callable[[], object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()


def test_optimize_raises_a_named_error_where_a_step_overflows() -> None:
    # X of 1e300 makes X·dZᵀ overflow: a ValueError naming X, not a RuntimeWarning and inf
    X, Y = np.full((2, 4), 1e300), np.array([[0.0, 1.0, 1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^gradient descent overflowed \(overflow "
                                             r"encountered in .*\): the entries of X \(largest "
                                             r"\|x\| = 1e\+300\), w or learning_rate \(0.1\) "
                                             r"are too large for float arithmetic; standardize X "
                                             r"or lower learning_rate$"):
            optimize(np.ones((2, 1)), 0.0, X, Y, num_iterations=2, learning_rate=0.1)


# -------------------------------------------------- defaults, boundaries and exact messages

def test_the_bias_shifts_the_decision_boundary() -> None:
    """Ŷ = 1 where wᵀx + b > 0; b = −2 puts the boundary at x = 2."""
    w = np.array([[1.0]])
    np.testing.assert_array_equal(predict(w, -2.0, np.array([[1.0, 3.0]])), [[0.0, 1.0]])
    np.testing.assert_array_equal(predict(np.zeros((1, 1)), 2.0, np.ones((1, 3))), [[1.0] * 3])


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.ones(3), r"^X must be 2-D \(got shape \(3,\)\)$"),
        ([[np.nan, 1.0]], r"^X must be finite \(got 1 NaN or infinite entries\)$"),
    ],
    ids=["1-D", "NaN"],
)
def test_every_function_names_X_exactly(X, message) -> None:  # type: ignore[no-untyped-def]
    """The name in the message is X, not a longer word that contains it."""
    w, Y = np.zeros((1, 1)), np.array([[1.0, 0.0]])
    with pytest.raises(ValueError, match=message):
        predict(w, 0.0, X)
    with pytest.raises(ValueError, match=message):
        propagate(w, 0.0, X, Y)
    with pytest.raises(ValueError, match=message):
        optimize(w, 0.0, X, Y, num_iterations=1, learning_rate=0.1)
