"""dlnotes.logistic: the properties that ``make mutation MODULE=logistic`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.logistic import optimize, predict, propagate

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
EQUIVALENT_MUTANTS = {
    "dlnotes.logistic.x_optimize__mutmut_15": (
        "low_inclusive=None is falsy as False is: check_scalar tests v > low and describes the "
        "range as '> 0' either way"
    ),
}


def test_the_bias_shifts_the_decision_boundary() -> None:
    """x__logistic_predict_3: ŷ = 1 where wᵀx + b > 0; b = −2 puts the boundary at x = 2."""
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
    """x__inputs_6, _14: the name in the message is X, not a longer word that contains it."""
    w, Y = np.zeros((1, 1)), np.array([[1.0, 0.0]])
    with pytest.raises(ValueError, match=message):
        predict(w, 0.0, X)
    with pytest.raises(ValueError, match=message):
        propagate(w, 0.0, X, Y)
    with pytest.raises(ValueError, match=message):
        optimize(w, 0.0, X, Y, num_iterations=1, learning_rate=0.1)
