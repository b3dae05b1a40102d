r"""A scalar computation graph (计算图) with reverse-mode differentiation, micrograd-style.

Mirrors notes 003 §2.5-2.6. Each :class:`Value` holds a number (``.data``), the gradient of
the last output it was differentiated from (``.grad``), its inputs and the local derivative
of itself with respect to each input. :meth:`Value.backward` visits the graph in reverse
topological order and applies the chain rule,
:math:`\frac{dJ}{dx} = \sum_{\text{uses } u \text{ of } x} \frac{dJ}{du}\frac{du}{dx}`.

Repeated ``backward()`` calls accumulate, as PyTorch's ``.grad`` does: each call adds
:math:`dJ/dx` to every node's ``.grad``. Call :meth:`Value.zero_grad` (or build the graph
anew) before differentiating again.
"""

from __future__ import annotations

import math
import numbers

from dlnotes._validation import check_scalar

__all__ = ["Value"]


# --8<-- [start:value]
# --8<-- [start:node]
class Value:
    r"""A scalar node of a computation graph: a number, its gradient and how it was made.

    Parameters
    ----------
    data : float
        The value of the node; a finite real number (int, float or NumPy scalar).

    Attributes
    ----------
    data : float
        The value, a Python float.
    grad : float
        :math:`dJ/d\,\text{self}` accumulated by :meth:`backward` calls (starts at 0.0).

    Raises
    ------
    TypeError
        If ``data`` (or an operand) is not a real number or a Value (bool is rejected too).
    ValueError
        If ``data`` is NaN or infinite; from ``.log()`` of data <= 0, from a negative base
        with a non-integer exponent, or from a base <= 0 with a Value exponent (whose
        derivative :math:`a^b \log a` needs :math:`a > 0`).
    ZeroDivisionError
        On division by a Value with data 0.0 or 0.0 raised to a negative power.
    OverflowError
        When a result does not fit in a float64 (``.exp()`` beyond about 709.78).

    Notes
    -----
    Operators ``+ - * / **`` work with a Value on either side (``2 * x``, ``1 / x``,
    ``2 ** x``); ``.exp()``, ``.log()`` and ``.tanh()`` are the elementary functions. Each
    operation stores, for every input :math:`x`, the local derivative :math:`\partial
    u/\partial x` of its output :math:`u`; :meth:`backward` multiplies them along every path.

    Examples
    --------
    The computation graph of notes 003 §2.5, :math:`J = 3(a + bc)`:

    >>> from dlnotes.autodiff import Value
    >>> a, b, c = Value(5.0), Value(3.0), Value(2.0)
    >>> J = 3 * (a + b * c)
    >>> J.backward()
    >>> print(J.data, a.grad, b.grad, c.grad)
    33.0 3.0 6.0 9.0
    """

    def __init__(self, data: float, _inputs: tuple[tuple[Value, float], ...] = ()) -> None:
        value = check_scalar(data, "data")
        if not math.isfinite(value):
            raise ValueError(f"data must be finite (got {value!r})")
        self.data = value
        self.grad = 0.0
        # (input, d self / d input) for each input of the operation that made this node
        self._inputs = _inputs

    def __repr__(self) -> str:
        return f"Value(data={self.data!r}, grad={self.grad!r})"
    # --8<-- [end:node]

    # --8<-- [start:operators]
    def __add__(self, other: Value | float) -> Value:
        o = _as_value(other)
        if o is None:
            return NotImplemented
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, other: Value | float) -> Value:
        o = _as_value(other)
        if o is None:
            return NotImplemented
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __truediv__(self, other: Value | float) -> Value:
        o = _as_value(other)
        if o is None:
            return NotImplemented
        if o.data == 0.0:
            raise ZeroDivisionError(f"division by a Value with data 0.0 ({self.data!r} / 0.0)")
        return Value(self.data / o.data, ((self, 1.0 / o.data), (o, -self.data / o.data**2)))

    def __pow__(self, other: Value | float) -> Value:
        o = _as_value(other)
        if o is None:
            return NotImplemented
        if isinstance(other, Value) and self.data <= 0:
            # d(a^b)/db = a^b·log a is defined for a > 0 only
            raise ValueError(f"base must be > 0 when the exponent is a Value (got {self.data!r})")
        out = _power(self.data, o.data)
        d_exponent = out * math.log(self.data) if self.data > 0 else 0.0
        return Value(out, ((self, _power_derivative(self.data, o.data)), (o, d_exponent)))

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other: Value | float) -> Value:
        o = _as_value(other)
        return NotImplemented if o is None else self + (-o)

    def __radd__(self, other: float) -> Value:
        return self + other

    def __rmul__(self, other: float) -> Value:
        return self * other

    def __rsub__(self, other: float) -> Value:
        return (-self) + other

    def __rtruediv__(self, other: float) -> Value:
        o = _as_value(other)
        return NotImplemented if o is None else o / self

    def __rpow__(self, other: float) -> Value:
        o = _as_value(other)
        return NotImplemented if o is None else o**self
    # --8<-- [end:operators]

    # --8<-- [start:functions]
    def exp(self) -> Value:
        r""":math:`e^x`, with derivative :math:`e^x`."""
        try:
            out = math.exp(self.data)
        except OverflowError:  # beyond log(largest float64) ≈ 709.78
            raise OverflowError(f"exp overflows float64 (got data {self.data!r})") from None
        return Value(out, ((self, out),))

    def log(self) -> Value:
        r""":math:`\ln x`, with derivative :math:`1/x`; needs ``data > 0``."""
        if self.data <= 0:
            raise ValueError(f"log needs data > 0 (got {self.data!r})")
        return Value(math.log(self.data), ((self, 1.0 / self.data),))

    def tanh(self) -> Value:
        r""":math:`\tanh x`, with derivative :math:`1 - \tanh^2 x` (notes 003 §3.8)."""
        t = math.tanh(self.data)
        return Value(t, ((self, 1.0 - t * t),))
    # --8<-- [end:functions]

    # --8<-- [start:backward]
    def backward(self) -> None:
        r"""Add :math:`d\,\text{self}/dx` to ``x.grad`` for every node ``x`` of the graph.

        The nodes are visited in reverse topological order, so a node's gradient is complete
        (every use of it has contributed) before it is passed on to its inputs. Calling it
        again adds the same amounts again (gradients accumulate, as in PyTorch).
        """
        fresh: dict[Value, float] = {self: 1.0}  # this call's dJ/dnode, kept apart from .grad
        for node in reversed(self._topological_order()):
            g = fresh.pop(node, 0.0)
            node.grad += g
            for child, local in node._inputs:
                fresh[child] = fresh.get(child, 0.0) + g * local  # the chain rule

    def zero_grad(self) -> None:
        """Set ``.grad`` to 0.0 on this node and every node it was computed from."""
        for node in self._topological_order():
            node.grad = 0.0

    def _topological_order(self) -> list[Value]:
        """Every node reachable from ``self``, each after all of its inputs."""
        order: list[Value] = []
        seen: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:  # an explicit stack: deep graphs would overflow Python's recursion limit
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child, _ in node._inputs)
        return order
    # --8<-- [end:backward]
# --8<-- [end:value]


# --8<-- [start:helpers]
def _as_value(x: object) -> Value | None:
    """A Value for a Value or a real number; None (so Python raises TypeError) otherwise."""
    if isinstance(x, Value):
        return x
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return Value(float(x))
    return None


def _power(base: float, exponent: float) -> float:
    """``base ** exponent`` as a real float, or a ValueError naming what went wrong."""
    if base == 0.0 and exponent < 0:
        raise ZeroDivisionError(f"0.0 cannot be raised to a negative power (got {exponent!r})")
    if base < 0 and not float(exponent).is_integer():
        raise ValueError(
            f"a negative base needs an integer exponent (got {base!r} ** {exponent!r})"
        )
    try:
        return float(base**exponent)
    except OverflowError:
        raise OverflowError(f"{base!r} ** {exponent!r} overflows float64") from None


def _power_derivative(base: float, n: float) -> float:
    """d(base^n)/d(base) = n·base^(n−1), with its limits at base = 0 (as PyTorch)."""
    if n == 0.0:
        return 0.0
    if base == 0.0 and n < 1.0:
        return math.inf  # the slope of x^n at 0 for 0 < n < 1 (n < 0 already failed forward)
    return n * _power(base, n - 1.0)
# --8<-- [end:helpers]
