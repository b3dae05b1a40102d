"""dlnotes.strategy: the properties that ``make mutation MODULE=strategy`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.strategy import (
    _recommended_fractions,
    choose_model,
    diagnose,
    error_analysis,
    multitask_cross_entropy,
    recommended_fractions,
    replace_output_layer,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_MASKED = (
    "the stand-in label where Y is NaN (missing) is masked out by np.where(present, ..., 0.0) "
    "before it counts, in the loss and in its gradient; log(1 + e^z) − 1·z raises no warning"
)
_FALSY = "None is falsy as False is: `if finite:` takes the same branch"
_STRICT = "zip's strict flag: three errors and three names, always"
EQUIVALENT_MUTANTS = {
    "dlnotes.strategy.x__multitask_cross_entropy__mutmut_11": _MASKED,
    "dlnotes.strategy.x__multitask_cross_entropy_grad__mutmut_11": _MASKED,
    "dlnotes.strategy.x__multitask_inputs__mutmut_20": _FALSY,
    "dlnotes.strategy.x_choose_model__mutmut_46": _FALSY,
    "dlnotes.strategy.x_diagnose__mutmut_21": _STRICT,
    "dlnotes.strategy.x_diagnose__mutmut_24": _STRICT,
    "dlnotes.strategy.x_diagnose__mutmut_25": _STRICT,
}

BIAS_ADVICE = (
    "reduce avoidable bias: a bigger network (more layers or units), train longer or with a "
    "better optimizer, try another architecture"
)
LOW_ADVICE = (
    "bias and variance are both low: check the metric and dev/test set still reflect the goal"
)


def test_the_split_follows_the_notes_sizes_at_their_boundaries() -> None:
    """x__recommended_fractions_3, _7, _8: 60/20/20 below 100,000 examples, 98/1/1 from
    100,000 to 1,000,000, 99.5/0.4/0.1 above a million (notes 000 §1.1)."""
    for f in (recommended_fractions, _recommended_fractions):
        assert f(99_999) == (0.6, 0.2, 0.2)
        assert f(100_000) == (0.98, 0.01, 0.01)
        assert f(1_000_000) == (0.98, 0.01, 0.01)
        assert f(1_000_001) == (0.995, 0.004, 0.001)


def test_a_small_data_set_has_a_dev_set_by_default() -> None:
    """x__recommended_fractions_1, x_recommended_fractions_1: dev_set=True by default."""
    assert recommended_fractions(1000) == (0.6, 0.2, 0.2)
    assert _recommended_fractions(1000) == (0.6, 0.2, 0.2)
    assert recommended_fractions(1000, dev_set=False) == (0.7, 0.0, 0.3)


def test_a_model_exactly_at_its_limit_meets_the_constraint() -> None:
    """x__choose_model_9, x_choose_model_68: satisficing means ≤ the limit."""
    assert choose_model([0.9, 0.8, 0.95], {"ms": ([100, 50, 80], 80)}) == 2
    assert choose_model([0.9], {"ms": ([80], 80)}) == 0


def test_minimizing_picks_the_smallest_optimizing_metric() -> None:
    """x__choose_model_18, _19: maximize=False, say for an error rate."""
    assert choose_model([0.9, 0.8, 0.95], {"ms": ([100, 50, 80], 80)}, maximize=False) == 1
    assert choose_model([0.3, 0.1, 0.2], {}, maximize=False) == 1


def test_a_gap_counts_from_tol_with_a_little_slack_and_a_zero_gap_never() -> None:
    """x__diagnose_22, _24, _25, _31."""
    # 0.10 − 0.08 = 0.020000000000000004 ≥ 0.02 (the notes' own numbers)
    result = diagnose(0.08, 0.10, 0.10)
    assert result["problems"] == ["avoidable_bias"] and result["advice"] == BIAS_ADVICE
    # a gap equal to tol − 1e-12 is a problem: here 0.5 = (0.5 + 1e-12) − 1e-12 exactly
    assert diagnose(0.0, 0.5, 0.5, tol=0.5 + 1e-12)["problems"] == ["avoidable_bias"]
    # a zero gap is never a problem, even with tol = 0
    result = diagnose(0.0, 0.0, 0.0, tol=0.0)
    assert result["problems"] == [] and result["advice"] == LOW_ADVICE


def test_wrong_kinds_of_argument_are_named_with_their_type() -> None:
    """x_choose_model_19, _20, x_error_analysis_26, x_replace_output_layer_2, _3."""
    with pytest.raises(TypeError, match=r"^constraints must be a dict \(got list\)$"):
        choose_model([0.9, 0.8], [1])
    with pytest.raises(
        TypeError, match=r"^counts must be a dict of category -> count \(got list\)$"
    ):
        error_analysis(0.1, [1], 10)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        replace_output_layer([1], 2, rng=np.random.default_rng(0))


def test_replace_output_layer_names_missing_keys_and_a_flat_weight() -> None:
    """x_replace_output_layer_25, _51."""
    rng = np.random.default_rng(0)
    with pytest.raises(
        ValueError,
        match=r"^params must have the keys W1, b1, \.\.\., WL, bL \(got \['W1', 'W3', 'b1'\]\)$",
    ):
        replace_output_layer(
            {"W1": np.ones((2, 2)), "b1": np.ones((2, 1)), "W3": np.ones((1, 2))}, 2, rng=rng
        )
    with pytest.raises(ValueError, match=r"^params\['W1'\] must be 2-D \(got shape \(2,\)\)$"):
        replace_output_layer({"W1": np.ones(2), "b1": np.ones((2, 1))}, 2, rng=rng)


def test_multitask_loss_names_Y() -> None:
    """x__multitask_inputs_19, _24, _25."""
    with pytest.raises(TypeError, match=r"^Y must be an array of real numbers \(got dtype <U1\)$"):
        multitask_cross_entropy(np.zeros((2, 3)), "a")
