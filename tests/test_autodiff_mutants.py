"""dlnotes.autodiff: the properties that ``make mutation MODULE=autodiff`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import pytest

from dlnotes.autodiff import Value

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_POP_DEFAULT = (
    "backward visits the nodes in reverse topological order, so every node but the output has "
    "had a contribution from a use of it before it is visited: the default of fresh.pop is "
    "never taken"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.autodiff.xǁValueǁ__neg____mutmut_1": (
        "x * -1.0 and x / -1.0 are the same float for every x, and so are their local "
        "derivatives -1.0 and 1 / -1.0"
    ),
    "dlnotes.autodiff.xǁValueǁ__pow____mutmut_44": (
        "the local derivative for the exponent where a <= 0 is only reached when the exponent "
        "is a plain number (a Value exponent with a <= 0 is rejected), so it goes to the "
        "internal Value made of that number, which no caller can see"
    ),
    "dlnotes.autodiff.xǁValueǁbackward__mutmut_6": _POP_DEFAULT,
    "dlnotes.autodiff.xǁValueǁbackward__mutmut_8": _POP_DEFAULT,
    "dlnotes.autodiff.xǁValueǁbackward__mutmut_9": _POP_DEFAULT,
}


def test_a_zero_base_with_a_value_exponent_is_rejected() -> None:
    """xǁValueǁ__pow___6: ∂(0ⁿ)/∂n = 0ⁿ·log 0 is undefined, so a ≤ 0 (not only a < 0) raises."""
    with pytest.raises(
        ValueError, match=r"^base must be > 0 when the exponent is a Value \(got 0\.0\)$"
    ):
        Value(0.0) ** Value(2.0)
    # with a plain exponent the base may be 0: d(0²)/da = 2·0 = 0
    y = Value(0.0) ** 2
    y.backward()
    assert y.data == 0.0


def test_each_node_is_visited_once_however_many_paths_lead_to_it() -> None:
    """xǁValueǁ_topological_order_8: y = x + x, twelve times over, has 2¹² paths from y to x
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
