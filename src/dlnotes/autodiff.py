r"""A scalar computation graph (计算图) with reverse-mode differentiation, micrograd-style.

Mirrors notes 003 §2.5-2.6. A :class:`Value` holds a number (``.data``), the gradient of the
last output it was differentiated from (``.grad``, 0.0 until then), its inputs and the local
derivative of itself with respect to each input. ``backward()`` visits the graph in reverse
topological order and applies the chain rule,
:math:`\frac{dJ}{dx} = \sum_{\text{uses } u \text{ of } x} \frac{dJ}{du}\frac{du}{dx}`.

Operators ``+ - * / **`` work with a Value on either side (``2 * x``, ``1 / x``, ``2 ** x``);
``.exp()``, ``.log()`` and ``.tanh()`` are the elementary functions. Repeated ``backward()``
calls accumulate, as PyTorch's ``.grad`` does: each call adds :math:`dJ/dx` to every node's
``.grad``. Call ``zero_grad()`` (or build the graph anew) before differentiating again.

Errors: ``Value(data)`` needs a finite real number (int, float, NumPy scalar or 0-d array; a
bool, a string or None is a ``TypeError``, NaN or ±inf a ``ValueError``), and an operand that
is neither a Value nor a real number makes Python raise its ``TypeError`` (unsupported
operand); so does a NumPy array of more than 0 dimensions, on either side (``Value`` sets
``__array_ufunc__ = None``, so NumPy does not make an object array of Values). ``.log()``
of data <= 0, a negative base with a non-integer exponent and a base <= 0 with a Value
exponent (whose derivative :math:`a^b \log a` needs :math:`a > 0`) raise ``ValueError``;
division by a Value with data 0.0 and 0.0 raised to a negative power raise
``ZeroDivisionError``; a result beyond float64 (``.exp()`` beyond about 709.78) raises
``OverflowError``.
"""

# No `from __future__ import annotations`: the class below must run pasted after
# `import numpy as np` alone, so its annotations name it in quotes.


# --8<-- [start:value]
import math


class Value:
    """A scalar node of a computation graph: its number, its gradient and how it was made.

    >>> a, b, c = Value(5.0), Value(3.0), Value(2.0)
    >>> J = 3 * (a + b * c)  # notes 003 §2.5: J = 3(a + bc)
    >>> J.backward()
    >>> print(J.data, a.grad, b.grad, c.grad)
    33.0 3.0 6.0 9.0
    """

    def __init__(self, data: float, _inputs: tuple = ()) -> None:
        self.data = float(data)
        self.grad = 0.0
        self._inputs = _inputs  # (input, ∂self/∂input) for each input of the operation

    def __repr__(self) -> str:
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    def __add__(self, other: "Value | float") -> "Value":
        o = other if isinstance(other, Value) else Value(other)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, other: "Value | float") -> "Value":
        o = other if isinstance(other, Value) else Value(other)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __truediv__(self, other: "Value | float") -> "Value":
        o = other if isinstance(other, Value) else Value(other)
        q = self.data / o.data  # a / b directly: a·b⁻¹ and b² may overflow when a / b does not
        return Value(q, ((self, 1 / o.data), (o, -q / o.data)))

    def __pow__(self, other: "Value | float") -> "Value":
        o = other if isinstance(other, Value) else Value(other)
        a, n = self.data, o.data
        out = a**n
        # ∂(aⁿ)/∂a = n·aⁿ⁻¹, with its limits at a = 0 (as PyTorch): 0 for n = 0, ∞ for 0 < n < 1
        da = 0.0 if n == 0 else math.inf if a == 0 and n < 1 else n * a ** (n - 1)
        return Value(out, ((self, da), (o, out * math.log(a) if a > 0 else 0.0)))

    def __neg__(self) -> "Value":
        return self * -1.0

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __radd__(self, other: float) -> "Value":
        return self + other

    def __rmul__(self, other: float) -> "Value":
        return self * other

    def __rsub__(self, other: float) -> "Value":
        return (-self) + other

    def __rtruediv__(self, other: float) -> "Value":
        return Value(other) / self

    def __rpow__(self, other: float) -> "Value":
        return Value(other) ** self

    def exp(self) -> "Value":
        """eˣ, with derivative eˣ."""
        out = math.exp(self.data)
        return Value(out, ((self, out),))

    def log(self) -> "Value":
        """ln x, with derivative 1/x."""
        return Value(math.log(self.data), ((self, 1 / self.data),))

    def tanh(self) -> "Value":
        """tanh x, with derivative 1 − tanh² x (notes 003 §3.8)."""
        t = math.tanh(self.data)
        return Value(t, ((self, 1 - t * t),))

    def backward(self) -> None:
        """Add d self/dx to x.grad for every node x of the graph, by the chain rule, visiting
        the nodes in reverse topological order (a node's gradient is complete before it is
        passed on to its inputs)."""
        fresh = {self: 1.0}  # this call's dJ/dnode, kept apart from the accumulated .grad
        for node in reversed(self._topological_order()):
            g = fresh.pop(node, 0.0)
            node.grad += g
            for child, local in node._inputs:
                fresh[child] = fresh.get(child, 0.0) + g * local  # the chain rule

    def zero_grad(self) -> None:
        """Set .grad to 0.0 on this node and on every node it was computed from."""
        for node in self._topological_order():
            node.grad = 0.0

    def _topological_order(self) -> list["Value"]:
        """Every node reachable from self, each after all of its inputs."""
        order: list[Value] = []
        seen: set[Value] = set()
        stack = [(self, False)]
        while stack:  # an explicit stack: deep graphs would overflow Python's recursion limit
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child, _ in node._inputs)
        return order
# --8<-- [end:value]


# The boundary: the checks of the public Value, around the core above. Its operations create
# their results through the name Value, which below is the checked class, so every node of a
# graph is checked: data a finite real number, an operand a Value or a real number (else
# NotImplemented, so that Python raises its TypeError), and the domain of /, ** and log.

import numbers  # noqa: E402

import numpy as np  # noqa: E402


class _CheckedValue(Value):
    __doc__ = Value.__doc__
    __array_ufunc__ = None  # Value + np.array([...]) is a TypeError, not an array of Values

    def __init__(
        self, data: "float | numbers.Real", _inputs: tuple[tuple["Value", float], ...] = ()
    ) -> None:
        x = _number(data)
        if isinstance(x, bool | np.bool_) or not isinstance(x, numbers.Real):
            kind = "bool" if isinstance(x, np.bool_) else type(x).__name__  # NumPy 1: bool_
            raise TypeError(f"data must be a real number (got {kind})")
        if not math.isfinite(x):
            what = "a real number" if math.isnan(x) else "finite"
            raise ValueError(f"data must be {what} (got {float(x)!r})")
        super().__init__(float(x), _inputs)

    def __add__(self, other: "Value | float") -> "Value":
        o = _operand(other)
        return NotImplemented if o is None else super().__add__(other)

    def __mul__(self, other: "Value | float") -> "Value":
        o = _operand(other)
        return NotImplemented if o is None else super().__mul__(other)

    def __sub__(self, other: "Value | float") -> "Value":
        o = _operand(other)
        return NotImplemented if o is None else super().__sub__(other)

    def __truediv__(self, other: "Value | float") -> "Value":
        o = _operand(other)
        if o is None:
            return NotImplemented
        if o.data == 0.0:
            raise ZeroDivisionError(f"division by a Value with data 0.0 ({self.data!r} / 0.0)")
        return super().__truediv__(other)

    def __pow__(self, other: "Value | float") -> "Value":
        o = _operand(other)
        if o is None:
            return NotImplemented
        a, n = self.data, o.data
        if isinstance(other, Value) and a <= 0:  # ∂(aⁿ)/∂n = aⁿ·log a needs a > 0
            raise ValueError(f"base must be > 0 when the exponent is a Value (got {a!r})")
        if a == 0 and n < 0:
            raise ZeroDivisionError(f"0.0 cannot be raised to a negative power (got {n!r})")
        if a < 0 and not float(n).is_integer():  # the power would be a complex number
            raise ValueError(f"a negative base needs an integer exponent (got {a!r} ** {n!r})")
        try:
            return super().__pow__(other)
        except OverflowError:  # aⁿ, or n·aⁿ⁻¹, beyond float64
            raise OverflowError(f"{a!r} ** {n!r} overflows float64") from None

    def __rtruediv__(self, other: float) -> "Value":
        o = _operand(other)
        return NotImplemented if o is None else super().__rtruediv__(other)

    def __rpow__(self, other: float) -> "Value":
        o = _operand(other)
        return NotImplemented if o is None else super().__rpow__(other)

    def exp(self) -> "Value":
        """eˣ, with derivative eˣ; beyond float64 (x > 709.78) an OverflowError."""
        try:
            return super().exp()
        except OverflowError:
            raise OverflowError(f"exp overflows float64 (got data {self.data!r})") from None

    def log(self) -> "Value":
        """ln x, with derivative 1/x; needs data > 0."""
        if self.data <= 0:
            raise ValueError(f"log needs data > 0 (got {self.data!r})")
        return super().log()


_CheckedValue.__name__ = _CheckedValue.__qualname__ = "Value"
Value = _CheckedValue  # type: ignore[misc]  # the public name is the checked class


def _operand(x: object) -> "Value | None":
    """x as a Value; None (so that Python raises its TypeError) if x is not a real number.

    An array is a TypeError of its own: Value is a scalar.

    >>> print(_operand(2), _operand("2"))
    Value(data=2.0, grad=0.0) None
    """
    x = _number(x)
    if isinstance(x, Value):
        return x
    if isinstance(x, numbers.Real) and not isinstance(x, bool):
        return Value(float(x))
    if isinstance(x, np.ndarray):  # our message, not NumPy's about __array_ufunc__
        raise TypeError(f"a Value combines with a number or a Value (got an array of shape "
                        f"{x.shape}): make a Value of each entry")
    return None


def _number(x: object) -> object:
    """A 0-d NumPy array is the number it holds; anything else is returned as it is.

    >>> print(_number(np.array(2.5)), _number("2"))
    2.5 2
    """
    return x[()] if isinstance(x, np.ndarray) and x.ndim == 0 else x


__all__ = ["Value"]
