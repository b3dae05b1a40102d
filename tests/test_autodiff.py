"""dlnotes.autodiff: the notes' computation graph, accumulation, PyTorch autograd as reference."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.autodiff import Value
from dlnotes.gradcheck import numerical_gradient

# ---------------------------------------------------------------- the notes' numbers


def test_computation_graph_of_notes_003_section_2_5_and_2_6() -> None:
    # notes 003 §2.5-2.6: a = 5, b = 3, c = 2 → u = 6, v = 11, J = 33;
    # dJ/dv = 3, dJ/du = 3, dJ/da = 3, dJ/db = 6, dJ/dc = 9
    a, b, c = Value(5), Value(3), Value(2)
    u = b * c
    v = a + u
    J = 3 * v
    J.backward()
    assert (u.data, v.data, J.data) == (6.0, 11.0, 33.0)
    assert (v.grad, u.grad, a.grad, b.grad, c.grad) == (3.0, 3.0, 3.0, 6.0, 9.0)
    assert J.grad == 1.0


def test_notes_nudge_argument_matches_the_gradient() -> None:
    # notes 003 §2.6: a = 5 → 5.001 moves J from 33 to 33.003
    def J(a: float) -> float:
        return (3 * (Value(a) + Value(3) * Value(2))).data

    assert J(5.001) - J(5.0) == pytest.approx(0.003, rel=1e-9)


# ---------------------------------------------------------------- backward semantics


def test_repeated_backward_accumulates_like_pytorch() -> None:
    a, b = Value(2.0), Value(-3.0)
    h = a * b + a
    J = h.tanh()
    J.backward()
    first = (a.grad, b.grad, h.grad)
    J.backward()
    assert (a.grad, b.grad, h.grad) == pytest.approx(tuple(2 * g for g in first), rel=1e-15)
    assert J.grad == 2.0
    # PyTorch: leaf .grad accumulates over backward calls the same way
    ta, tb = (
        torch.tensor(2.0, dtype=torch.float64, requires_grad=True),
        torch.tensor(-3.0, dtype=torch.float64, requires_grad=True),
    )
    tJ = (ta * tb + ta).tanh()
    tJ.backward(retain_graph=True)
    tJ.backward()
    assert a.grad == pytest.approx(ta.grad.item(), rel=1e-14)
    assert b.grad == pytest.approx(tb.grad.item(), rel=1e-14)


def test_zero_grad_resets_the_whole_graph_and_backward_then_gives_the_same_result() -> None:
    a, b = Value(0.5), Value(1.5)
    J = (a * b).exp() / (a + 2)
    J.backward()
    once = (a.grad, b.grad)
    J.zero_grad()
    assert (a.grad, b.grad, J.grad) == (0.0, 0.0, 0.0)
    J.backward()
    assert (a.grad, b.grad) == once


def test_a_node_used_twice_gets_both_contributions() -> None:
    x = Value(3.0)
    (x * x + x).backward()  # d/dx (x² + x) = 2x + 1
    assert x.grad == 7.0
    y = Value(4.0)
    (y + y).backward()
    assert y.grad == 2.0


def test_backward_of_a_deep_chain_needs_no_recursion() -> None:
    x = Value(1.0)
    out = x
    for _ in range(5000):  # deeper than Python's default recursion limit
        out = out * 1.0001
    out.backward()
    assert x.grad == pytest.approx(1.0001**5000, rel=1e-10)


def test_backward_of_a_leaf_gives_one() -> None:
    x = Value(2.0)
    x.backward()
    assert x.grad == 1.0


def test_operations_do_not_change_their_inputs() -> None:
    a, b = Value(2.0), Value(5.0)
    _ = a * b + a / b - a**2 + 2**a
    assert (a.data, b.data, a.grad, b.grad) == (2.0, 5.0, 0.0, 0.0)


def test_repr_shows_data_and_grad() -> None:
    assert repr(Value(1.5)) == "Value(data=1.5, grad=0.0)"


def test_numpy_scalars_and_ints_are_accepted_as_data_and_operands() -> None:
    x = Value(np.float32(2.0))
    y = x * np.float64(3.0) + 1
    assert isinstance(y.data, float) and y.data == 7.0


# ---------------------------------------------------------------- each operation against torch


def t(x: float) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


UNARY: list[tuple[str, Callable[[Any], Any], float]] = [
    ("exp", lambda x: x.exp(), 0.7),
    ("log", lambda x: x.log(), 2.3),
    ("tanh", lambda x: x.tanh(), -0.4),
    ("neg", lambda x: -x, 1.2),
    ("pow_const", lambda x: x**3, -1.7),
    ("pow_fraction", lambda x: x**0.5, 2.0),
    ("pow_negative", lambda x: x**-2, 1.3),
    ("radd", lambda x: 2.5 + x, 1.0),
    ("rsub", lambda x: 2.5 - x, 1.0),
    ("rmul", lambda x: 2.5 * x, 1.0),
    ("rtruediv", lambda x: 2.5 / x, 0.8),
    ("rpow", lambda x: 2.5**x, 1.4),
]

BINARY: list[tuple[str, Callable[[Any, Any], Any]]] = [
    ("add", lambda a, b: a + b),
    ("sub", lambda a, b: a - b),
    ("mul", lambda a, b: a * b),
    ("truediv", lambda a, b: a / b),
    ("pow_value", lambda a, b: a**b),
]


@pytest.mark.parametrize(("name", "f", "x"), UNARY, ids=[u[0] for u in UNARY])
def test_unary_operation_value_and_gradient_match_torch(
    name: str, f: Callable[[Any], Any], x: float
) -> None:
    v = Value(x)
    out = f(v)
    out.backward()
    tx = t(x)
    tout = f(tx)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-14)
    assert v.grad == pytest.approx(tx.grad.item(), rel=1e-13)


@pytest.mark.parametrize(("name", "f"), BINARY, ids=[b[0] for b in BINARY])
def test_binary_operation_value_and_gradients_match_torch(
    name: str, f: Callable[[Any, Any], Any]
) -> None:
    a, b = Value(1.7), Value(-0.6)
    out = f(a, b)
    out.backward()
    ta, tb = t(1.7), t(-0.6)
    tout = f(ta, tb)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-14)
    assert a.grad == pytest.approx(ta.grad.item(), rel=1e-13)
    assert b.grad == pytest.approx(tb.grad.item(), rel=1e-13)


def test_power_derivative_at_zero_base_matches_torch() -> None:
    for n in (0.0, 1.0, 2.0, 3.0):
        x = Value(0.0)
        (x**n).backward()
        tx = t(0.0)
        (tx**n).backward()
        assert x.grad == tx.grad.item(), n
    x = Value(0.0)
    (x**0.5).backward()  # the slope of √x at 0
    assert x.grad == math.inf


STEPS: list[Callable[[Any, Any, float], Any]] = [
    lambda a, b, c: a + b,
    lambda a, b, c: a - b,
    lambda a, b, c: a * b.tanh(),
    lambda a, b, c: a / (b * b + 1),
    lambda a, b, c: (a * a + 1) ** (c / 4),
    lambda a, b, c: (a * a + 1) ** (0.5 * b.tanh()),
    lambda a, b, c: a.tanh(),
    lambda a, b, c: a.tanh().exp(),
    lambda a, b, c: (a * a + 1).log(),
    lambda a, b, c: c - a,
    lambda a, b, c: c / (a * a + 1),
    lambda a, b, c: c ** a.tanh(),
    lambda a, b, c: -a + c * b,
]


def random_expression(ops: np.ndarray, leaves: list[Any]) -> Any:
    """Combine the leaves by a random program of safe operations (the same for Value and torch).

    Denominators, log arguments and bases of Value powers are kept positive (x² + 1), exp sees
    a tanh and no step more than doubles a magnitude, so every value and derivative is finite.
    """
    nodes = list(leaves)
    for code, i, j, k in ops:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        nodes.append(STEPS[int(code)](a, b, 0.5 + 0.25 * int(k)))
    return sum(nodes[len(leaves) :], start=nodes[0] * 0.5)


programs = st.lists(
    st.tuples(st.integers(0, 12), st.integers(0, 30), st.integers(0, 30), st.integers(0, 6)),
    min_size=1,
    max_size=25,
).map(np.array)


@given(programs, st.lists(st.floats(-3, 3), min_size=3, max_size=3))
def test_random_expressions_match_torch_autograd(ops: np.ndarray, xs: list[float]) -> None:
    values = [Value(x) for x in xs]
    out = random_expression(ops, values)
    out.backward()
    tensors = [t(x) for x in xs]
    tout = random_expression(ops, tensors)
    tout.backward()
    assert out.data == pytest.approx(tout.item(), rel=1e-12, abs=1e-12)
    for v, tv in zip(values, tensors, strict=True):
        expected = 0.0 if tv.grad is None else tv.grad.item()
        assert v.grad == pytest.approx(expected, rel=1e-10, abs=1e-10)


@given(programs, st.lists(st.floats(-3, 3), min_size=3, max_size=3))
def test_random_expressions_pass_a_central_difference_check(
    ops: np.ndarray, xs: list[float]
) -> None:
    values = [Value(x) for x in xs]
    out = random_expression(ops, values)
    out.backward()

    def f(x: np.ndarray) -> float:
        return float(random_expression(ops, [Value(float(xi)) for xi in x]).data)

    approx = numerical_gradient(f, np.array(xs), eps=1e-6)
    analytic = np.array([v.grad for v in values])
    assert np.allclose(analytic, approx, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------- bad input

BAD_INPUT: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: Value("1.0"), TypeError, "data must be a real number"),  # type: ignore[arg-type]
    (lambda: Value(True), TypeError, "data must be a real number"),
    (lambda: Value(None), TypeError, "data must be a real number"),  # type: ignore[arg-type]
    (lambda: Value(float("nan")), ValueError, r"data must be a real number \(got nan\)"),
    (lambda: Value(math.inf), ValueError, r"data must be finite \(got inf\)"),
    (lambda: Value(0.0).log(), ValueError, r"log needs data > 0 \(got 0.0\)"),
    (lambda: Value(-1.0).log(), ValueError, r"log needs data > 0 \(got -1.0\)"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, "division by a Value with data 0.0"),
    (lambda: 1.0 / Value(0.0), ZeroDivisionError, "division by a Value with data 0.0"),
    (lambda: Value(-2.0) ** 0.5, ValueError, "a negative base needs an integer exponent"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, "0.0 cannot be raised to a negative power"),
    (lambda: Value(-2.0) ** Value(2.0), ValueError, "base must be > 0 when the exponent is a"),
    (lambda: (-2.0) ** Value(2.0), ValueError, "base must be > 0 when the exponent is a"),
    (lambda: Value(1000.0).exp(), OverflowError, "exp overflows float64"),
    (lambda: Value(10.0) ** 400, OverflowError, "overflows float64"),
    (lambda: Value(1.0) + "a", TypeError, "unsupported operand"),
    (lambda: Value(1.0) - True, TypeError, "unsupported operand"),
    (lambda: [1.0] * Value(2.0), TypeError, "can't multiply|unsupported operand"),
    # issue 14: an array operand is a TypeError on either side (no object array of Values)
    *[(lambda op=op, swap=swap: _binary(op, swap), TypeError,
       r"a Value combines with a number or a Value \(got an array of shape \(2,\)\)")
      for op in ("+", "-", "*", "/", "**") for swap in (False, True)],
    (lambda: Value(np.array([2.0])), TypeError, r"data must be a real number \(got ndarray\)"),
    (lambda: Value(np.array(np.inf)), ValueError, r"data must be finite \(got inf\)"),
    (lambda: Value(np.array(True)), TypeError, r"data must be a real number \(got bool\)"),
    (lambda: Value(object()), TypeError, r"data must be a real number \(got object\)"),
    (lambda: Value(1.0) * object(), TypeError, "unsupported operand"),
    (lambda: Value(1.0) + None, TypeError, "unsupported operand"),
    # a non-number on the left of / and ** too: Python's own error, not a Value of it
    (lambda: "a" / Value(1.0), TypeError, "unsupported operand"),
    (lambda: "a" ** Value(2.0), TypeError, "unsupported operand"),
]


def _binary(op: str, swap: bool) -> object:
    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "**": operator.pow}[op]
    a, b = Value(2.0), np.array([3.0, 3.0])
    return fn(b, a) if swap else fn(a, b)


def test_a_0d_array_is_its_number_as_data_and_as_operand() -> None:
    x = Value(np.array(2.0))
    y = x * np.array(3.0) + np.float64(1.0)
    y.backward()
    assert (x.data, y.data, x.grad) == (2.0, 7.0, 3.0)
    assert isinstance(np.array(3.0) * x, Value)


@pytest.mark.parametrize(("a", "b"), [(2.0, 1e160), (1e-160, 1e-160), (1e300, 1e10), (3.0, -1e200)])
def test_division_is_computed_as_a_over_b_with_its_derivatives(a: float, b: float) -> None:
    # a·b⁻¹ and b² overflow or underflow here though a / b and its derivatives do not
    x, y = Value(a), Value(b)
    q = x / y
    q.backward()
    assert q.data == a / b
    assert x.grad == 1 / b
    assert y.grad == pytest.approx(-(a / b) / b, rel=1e-15, abs=0.0)
    z = Value(a) / b
    assert z.data == a / b


@pytest.mark.parametrize(("call", "error", "match"), BAD_INPUT)
def test_bad_input_raises_a_named_error(
    call: Callable[[], object], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        call()


# -------------------------------------------------- defaults, boundaries and exact messages

def test_a_zero_base_with_a_value_exponent_is_rejected() -> None:
    """∂(0ⁿ)/∂n = 0ⁿ·log 0 is undefined, so a ≤ 0 (not only a < 0) raises."""
    with pytest.raises(
        ValueError, match=r"^base must be > 0 when the exponent is a Value \(got 0\.0\)$"
    ):
        Value(0.0) ** Value(2.0)
    # with a plain exponent the base may be 0: d(0²)/da = 2·0 = 0
    y = Value(0.0) ** 2
    y.backward()
    assert y.data == 0.0


def test_each_node_is_visited_once_however_many_paths_lead_to_it() -> None:
    """y = x + x, twelve times over, has 2¹² paths from y to x
    but only 13 nodes; visiting each node once keeps backward linear in the graph's size."""
    x = Value(1.5)
    y = x
    for _ in range(12):
        y = y + y
    order = y._topological_order()
    assert len(order) == 13
    assert order[0] is x and order[-1] is y
    y.backward()
    assert x.grad == 2.0**12  # dy/dx: y = 4096·x
