"""dlnotes.strategy (and the splits of dlnotes.data it relies on): the notes' cases, the
multi-task loss against torch, invariants and bad input."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes.data import train_dev_test_split
from dlnotes.gradcheck import numerical_gradient
from dlnotes.strategy import (
    _recommended_fractions,
    choose_model,
    diagnose,
    error_analysis,
    multitask_cross_entropy,
    multitask_cross_entropy_grad,
    recommended_fractions,
    replace_output_layer,
)

# ---------------------------------------------------------------- splits


@pytest.mark.parametrize(
    ("m", "dev_set", "expected"),
    [
        # notes 000 §1.1: 6:2:2 (7:3 without a dev set), 98:1:1 around a million, 99.5:0.4:0.1 above
        (10_000, True, (6_000, 2_000, 2_000)),
        (10_000, False, (7_000, 0, 3_000)),
        (1_000_000, True, (980_000, 10_000, 10_000)),
        (2_000_000, True, (1_990_000, 8_000, 2_000)),
    ],
)
def test_recommended_fractions_give_the_notes_split_sizes(
    m: int, dev_set: bool, expected: tuple[int, int, int]
) -> None:
    fractions = recommended_fractions(m, dev_set=dev_set)
    assert math.isclose(sum(fractions), 1.0)
    if m <= 10_000:  # only small sets are actually split here (keeps the test fast)
        X, Y = np.zeros((1, m)), np.zeros((1, m))
        parts = train_dev_test_split(X, Y, fractions, rng=np.random.default_rng(0))
        assert tuple(x.shape[1] for x, _ in parts) == expected
    assert tuple(round(f * m) for f in fractions) == expected


def test_split_keeps_every_example_exactly_once_and_dev_test_from_one_shuffle() -> None:
    X = np.arange(100.0)[None, :]
    (Xtr, Ytr), (Xd, Yd), (Xte, Yte) = train_dev_test_split(
        X, X.copy(), (0.6, 0.2, 0.2), rng=np.random.default_rng(1)
    )
    joined = np.concatenate([Xtr, Xd, Xte], axis=1).ravel()
    np.testing.assert_array_equal(np.sort(joined), X.ravel())
    for x, y in ((Xtr, Ytr), (Xd, Yd), (Xte, Yte)):  # columns of X and Y stay paired
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize(
    ("fractions", "m", "message"),
    [
        ((0.6, 0.2, 0.1), 100, r"fractions must sum to 1 \(got 0\.9"),
        ((0.5, 0.5, 0.5), 100, r"fractions must sum to 1"),
        ((0.98, 0.01, 0.01), 20, r"X has too few examples for a non-empty dev set"),
        ((0.6, 0.2, 0.2), 2, r"X has too few examples"),
    ],
)
def test_split_bad_fractions_and_too_few_examples(
    fractions: tuple[float, float, float], m: int, message: str
) -> None:
    X, Y = np.zeros((2, m)), np.zeros((1, m))
    with pytest.raises(ValueError, match=message):
        train_dev_test_split(X, Y, fractions, rng=np.random.default_rng(0))


# ---------------------------------------------------------------- bias and variance


@pytest.mark.parametrize(
    ("train", "dev", "problems"),
    [
        # notes 000 §1.2, human error ≈ 0 %: the four cases
        (0.01, 0.11, ["variance"]),  # low bias, high variance (overfits)
        (0.15, 0.16, ["avoidable_bias"]),  # high bias, low variance (underfits)
        (0.15, 0.30, ["avoidable_bias", "variance"]),  # both high
        (0.005, 0.01, []),  # both low
    ],
)
def test_diagnose_the_four_cases_of_notes_000_1_2(
    train: float, dev: float, problems: list[str]
) -> None:
    d = diagnose(0.0, train, dev)
    assert d["avoidable_bias"] == pytest.approx(train)
    assert d["variance"] == pytest.approx(dev - train)
    assert d["data_mismatch"] is None
    assert d["problems"] == problems
    first = problems[0].split("_")[-1] if problems else "both low"
    assert first in str(d["advice"])


def test_diagnose_with_a_training_dev_set_separates_variance_from_data_mismatch() -> None:
    # notes 002: human ↔ train avoidable bias, train ↔ train-dev variance, train-dev ↔ dev mismatch
    d = diagnose(0.01, 0.02, 0.10, train_dev_error=0.09)
    assert (d["avoidable_bias"], d["variance"], d["data_mismatch"]) == pytest.approx(
        (0.01, 0.07, 0.01)
    )
    assert d["problems"] == ["variance"]
    d = diagnose(0.01, 0.02, 0.10, train_dev_error=0.025)
    assert d["problems"] == ["data_mismatch"] and "mismatch" in str(d["advice"])
    assert all(isinstance(d[k], float) for k in ("avoidable_bias", "variance", "data_mismatch"))


def test_diagnose_human_level_changes_the_focus() -> None:
    # the same train/dev errors: a 7.5 % human level leaves little avoidable bias
    assert diagnose(0.01, 0.08, 0.10)["problems"][0] == "avoidable_bias"
    assert diagnose(0.075, 0.08, 0.11)["problems"] == ["variance"]


def test_diagnose_tolerance_is_configurable() -> None:
    assert diagnose(0.0, 0.005, 0.01, tol=0.001)["problems"] == ["avoidable_bias", "variance"]


@given(
    errors=st.tuples(*[st.floats(0, 1)] * 4),
)
def test_diagnose_gaps_add_up_to_dev_minus_human_property(
    errors: tuple[float, float, float, float],
) -> None:
    human, train, tdev, dev = errors
    d = diagnose(human, train, dev, train_dev_error=tdev)
    total = d["avoidable_bias"] + d["variance"] + d["data_mismatch"]
    assert total == pytest.approx(dev - human, abs=1e-12)


# ---------------------------------------------------------------- metrics and error analysis


def test_choose_model_maximizes_accuracy_subject_to_latency() -> None:
    # notes 002: one optimizing metric (accuracy), satisficing metrics (running time ≤ 100 ms)
    accuracy = np.array([0.90, 0.92, 0.95])
    latency = np.array([80.0, 95.0, 1500.0])
    assert choose_model(accuracy, {"latency_ms": (latency, 100.0)}) == 1
    assert choose_model(accuracy, {}) == 2
    errors = 1 - accuracy
    assert choose_model(errors, {"latency_ms": (latency, 90.0)}, maximize=False) == 0
    memory = np.array([10.0, 200.0, 5.0])
    assert choose_model(accuracy, {"latency_ms": (latency, 100.0), "mb": (memory, 50.0)}) == 0


def test_error_analysis_ceiling() -> None:
    # the ceiling: 5 of 100 mistakes are dogs, so fixing dogs takes 10 % to at best 9.5 %
    ceiling = error_analysis(0.10, {"dog": 5, "great cat": 50}, 100)
    assert ceiling == pytest.approx({"dog": 0.095, "great cat": 0.05})
    assert error_analysis(0.2, {"all": 40}, 40)["all"] == 0.0


# ---------------------------------------------------------------- multi-task learning


def _labels_with_missing(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    Y = (rng.random(shape) < 0.5).astype(float)
    Y[rng.random(shape) < 0.3] = np.nan
    return Y


@pytest.mark.parametrize("shape", [(4, 6), (1, 3), (3, 10)])
def test_multitask_loss_and_gradient_match_torch_with_a_mask(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    Z = rng.normal(scale=3.0, size=shape)
    Y = _labels_with_missing(rng, shape)
    present = ~np.isnan(Y)
    Zt = torch.tensor(Z, requires_grad=True)
    per = torch.nn.functional.binary_cross_entropy_with_logits(
        Zt, torch.tensor(np.nan_to_num(Y)), reduction="none"
    )
    J = torch.sum(per * torch.tensor(present, dtype=torch.float64)) / shape[1]
    (dZ,) = torch.autograd.grad(J, Zt)
    assert multitask_cross_entropy(Z, Y) == pytest.approx(J.item(), rel=1e-13)
    np.testing.assert_allclose(
        multitask_cross_entropy_grad(Z, Y), dZ.numpy(), rtol=1e-12, atol=1e-15
    )
    numeric = numerical_gradient(lambda z: multitask_cross_entropy(z, Y), Z)
    np.testing.assert_allclose(multitask_cross_entropy_grad(Z, Y), numeric, atol=1e-7)


def test_missing_labels_change_nothing_whatever_the_logits() -> None:
    Y = np.array([[1.0, np.nan], [0.0, 1.0]])
    Z1 = np.array([[0.3, -2.0], [1.0, 0.5]])
    Z2 = Z1.copy()
    Z2[0, 1] = 50.0  # the logit of the missing label
    assert multitask_cross_entropy(Z1, Y) == multitask_cross_entropy(Z2, Y)
    assert multitask_cross_entropy_grad(Z2, Y)[0, 1] == 0.0


def test_multitask_loss_with_all_labels_is_the_summed_bce() -> None:
    rng = np.random.default_rng(2)
    Z, Y = rng.normal(size=(3, 5)), (rng.random((3, 5)) < 0.5).astype(float)
    expected = (
        torch.nn.functional.binary_cross_entropy_with_logits(
            torch.tensor(Z), torch.tensor(Y), reduction="sum"
        ).item()
        / 5
    )
    assert multitask_cross_entropy(Z, Y) == pytest.approx(expected, rel=1e-13)


@given(Z=arrays(np.float64, (2, 3), elements=st.floats(-1e4, 1e4)))
def test_multitask_loss_is_finite_and_non_negative_for_large_logits_property(Z: np.ndarray) -> None:
    Y = np.array([[1.0, 0.0, np.nan], [0.0, 1.0, 1.0]])
    J = multitask_cross_entropy(Z, Y)
    assert math.isfinite(J) and J >= 0
    assert np.isfinite(multitask_cross_entropy_grad(Z, Y)).all()


# ---------------------------------------------------------------- transfer learning


def test_replace_output_layer_keeps_the_body_and_draws_a_new_head() -> None:
    rng = np.random.default_rng(0)
    params = {
        "W1": rng.normal(size=(5, 2)),
        "b1": rng.normal(size=(5, 1)),
        "W2": rng.normal(size=(4, 5)),
        "b2": rng.normal(size=(4, 1)),
        "W3": rng.normal(size=(1, 4)),
        "b3": rng.normal(size=(1, 1)),
    }
    before = {k: v.copy() for k, v in params.items()}
    new = replace_output_layer(params, 3, rng=np.random.default_rng(1))
    for k in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(new[k], params[k])
        assert new[k] is not params[k]
    assert new["W3"].shape == (3, 4) and new["b3"].shape == (3, 1)
    np.testing.assert_array_equal(new["b3"], 0.0)
    for k in params:
        np.testing.assert_array_equal(params[k], before[k])
    big = replace_output_layer(
        {"W1": np.ones((1, 400)), "b1": np.zeros((1, 1))}, 200, rng=np.random.default_rng(2)
    )
    assert big["W1"].std() == pytest.approx(math.sqrt(1 / 400), rel=0.05)


# ---------------------------------------------------------------- bad input

BAD: list[tuple[Callable[..., Any], tuple, dict, type[Exception], str]] = [
    (diagnose, (0.0, 1.5, 0.2), {}, ValueError, r"train_error must be in \[0, 1\] \(got 1\.5\)"),
    (diagnose, (-0.1, 0.1, 0.2), {}, ValueError, r"human_error must be in \[0, 1\]"),
    (diagnose, (0.0, 0.1, 15), {}, ValueError, r"dev_error must be in \[0, 1\] \(got 15\.0\)"),
    (
        diagnose,
        (0.0, 0.1, 0.2),
        {"train_dev_error": 2.0},
        ValueError,
        r"train_dev_error must be in",
    ),
    (diagnose, (0.0, 0.1, 0.2), {"tol": -0.1}, ValueError, r"tol must be >= 0"),
    (diagnose, ("0", 0.1, 0.2), {}, TypeError, r"human_error must be a real number"),
    (recommended_fractions, (0,), {}, ValueError, r"m must be >= 1 \(got 0\)"),
    (recommended_fractions, (10,), {"dev_set": 1}, TypeError, r"dev_set must be a bool"),
    (
        choose_model,
        ([0.9, 0.8], {"t": ([1.0, 2.0], 0.5)}),
        {},
        ValueError,
        r"no model meets the satisficing constraints \['t'\]",
    ),
    (
        choose_model,
        ([0.9, 0.8], {"t": ([1.0], 0.5)}),
        {},
        ValueError,
        r"optimizing and constraints\['t'\] values must have the same shape",
    ),
    (
        choose_model,
        ([0.9, 0.8], {"t": [1.0, 2.0]}),
        {},
        TypeError,
        r"must be a \(values, limit\) pair",
    ),
    (choose_model, ([[0.9, 0.8]], {}), {}, ValueError, r"optimizing must be 1-D"),
    (
        error_analysis,
        (0.1, {"dog": 120}, 100),
        {},
        ValueError,
        r"counts\['dog'\] must be in \[0, 100\] \(got 120\)",
    ),
    (error_analysis, (0.1, {"dog": 1}, 0), {}, ValueError, r"n_examined must be >= 1"),
    (error_analysis, (1.1, {"dog": 1}, 10), {}, ValueError, r"dev_error must be in \[0, 1\]"),
    (
        multitask_cross_entropy,
        (np.zeros((2, 2)), np.array([[1.0, -1.0], [0.0, 1.0]])),
        {},
        ValueError,
        r"Y must hold 0, 1 or NaN for a missing label \(got -1\.0\)",
    ),
    (
        multitask_cross_entropy,
        (np.zeros((2, 2)), np.zeros((1, 2))),
        {},
        ValueError,
        r"logits and Y must have the same shape",
    ),
    (
        multitask_cross_entropy_grad,
        (np.array([[np.nan]]), np.zeros((1, 1))),
        {},
        ValueError,
        r"logits must be finite",
    ),
    (multitask_cross_entropy, (np.zeros(3), np.zeros(3)), {}, ValueError, r"logits must be 2-D"),
    (
        replace_output_layer,
        ({"W1": np.ones((1, 1))}, 2),
        {"rng": np.random.default_rng(0)},
        ValueError,
        r"params must have the keys W1, b1, ..., WL, bL",
    ),
    (
        replace_output_layer,
        ({"W1": np.ones((1, 1)), "b1": np.ones((1, 1))}, 0),
        {"rng": np.random.default_rng(0)},
        ValueError,
        r"n_out must be >= 1",
    ),
    (
        replace_output_layer,
        ({"W1": np.ones((1, 1)), "b1": np.ones((1, 1))}, 2),
        {"rng": 3},
        TypeError,
        r"rng must be a numpy.random.Generator",
    ),
    # issue 14: inf for each scalar, bool, NaN/inf in each array, a wrong kind of object
    (diagnose, (0.01, np.inf, 0.1), {}, ValueError, r"train_error must be in \[0, 1\] \(got inf"),
    (diagnose, (True, 0.1, 0.1), {}, TypeError, r"human_error must be a real number \(got bool"),
    (diagnose, (0.01, 0.1, 0.1), {"tol": np.inf}, ValueError, r"tol must be finite \(got inf"),
    (diagnose, (0.01, 0.1, 0.1), {"train_dev_error": "0.1"}, TypeError,
     r"train_dev_error must be a real number \(got str"),
    (recommended_fractions, (100,), {"dev_set": "no"}, TypeError,
     r"dev_set must be a bool, True or False \(got str"),
    (recommended_fractions, (100,), {"dev_set": 1}, TypeError, r"dev_set must be a bool"),
    (recommended_fractions, (np.inf,), {}, TypeError, r"m must be an int \(got float"),
    (choose_model, (np.array([0.9, 0.8]), {}), {"maximize": "yes"}, TypeError,
     r"maximize must be a bool, True or False \(got str"),
    (choose_model, (np.array([0.9, np.nan]), {}), {}, ValueError, r"optimizing must be finite"),
    (choose_model, (np.array([0.9, 0.8]), {"ms": (np.array([1.0, np.inf]), 5.0)}), {},
     ValueError, r"constraints\['ms'\] values must be finite"),
    (choose_model, (np.array([0.9, 0.8]), {"ms": (np.array([1.0, 2.0]), np.nan)}), {},
     ValueError, r"constraints\['ms'\] limit must be a real number \(got nan"),
    (choose_model, (np.array([0.9, 0.8]), {"ms": (np.array([1.0, 2.0]), True)}), {},
     TypeError, r"constraints\['ms'\] limit must be a real number \(got bool"),
    (error_analysis, (np.inf, {"dog": 1}, 10), {}, ValueError, r"dev_error must be in \[0, 1\]"),
    (error_analysis, (0.1, {"dog": True}, 10), {}, TypeError,
     r"counts\['dog'\] must be an int \(got bool"),
    (error_analysis, (0.1, ["dog"], 10), {}, TypeError, r"counts must be a dict"),
    (multitask_cross_entropy, (np.zeros((1, 2)), np.array([[np.inf, 1.0]])), {}, ValueError,
     r"Y must hold 0, 1 or NaN for a missing label \(got inf"),
    (multitask_cross_entropy, (np.full((1, 2), -np.inf), np.zeros((1, 2))), {}, ValueError,
     r"logits must be finite"),
    (
        replace_output_layer,
        ({1: np.ones((1, 1)), "b1": np.ones((1, 1))}, 2),
        {"rng": np.random.default_rng(0)},
        TypeError,
        r"params keys must be str \(got int 1\)",
    ),
    (
        replace_output_layer,
        ({"W1": np.full((1, 1), np.nan), "b1": np.ones((1, 1))}, 2),
        {"rng": np.random.default_rng(0)},
        ValueError,
        r"params\['W1'\] must be finite",
    ),
    (
        replace_output_layer,
        ({"W1": np.ones((1, 1)), "b1": np.ones((1, 1))}, True),
        {"rng": np.random.default_rng(0)},
        TypeError,
        r"n_out must be an int \(got bool",
    ),
]


def test_an_infinite_constraint_limit_is_no_constraint() -> None:
    assert choose_model(np.array([0.8, 0.9]), {"ms": (np.array([1.0, 2.0]), np.inf)}) == 1
    with pytest.raises(ValueError, match="no model meets"):
        choose_model(np.array([0.8, 0.9]), {"ms": (np.array([1.0, 2.0]), -np.inf)})


@pytest.mark.parametrize(
    ("fn", "args", "kwargs", "error", "message"),
    BAD,
    ids=[f"{b[0].__name__}-{i}" for i, b in enumerate(BAD)],
)
def test_bad_input_raises_naming_the_argument(
    fn: Callable[..., Any], args: tuple, kwargs: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        fn(*args, **kwargs)


def test_public_functions_return_what_the_references_return() -> None:
    from dlnotes.strategy import (
        _choose_model,
        _diagnose,
        _error_analysis,
        _multitask_cross_entropy,
        _multitask_cross_entropy_grad,
        _recommended_fractions,
        _replace_output_layer,
    )

    assert recommended_fractions(500_000) == _recommended_fractions(500_000)
    assert diagnose(0.01, 0.02, 0.10, train_dev_error=0.03) == _diagnose(
        0.01, 0.02, 0.10, train_dev_error=0.03)
    acc, lat = np.array([0.9, 0.92, 0.95]), np.array([80.0, 95.0, 1500.0])
    assert choose_model(acc, {"ms": (lat, 100.0)}) == _choose_model(acc, {"ms": (lat, 100.0)})
    assert error_analysis(0.1, {"dog": 5}, 100) == _error_analysis(0.1, {"dog": 5}, 100)
    rng = np.random.default_rng(0)
    Z, Y = rng.normal(size=(3, 4)), _labels_with_missing(rng, (3, 4))
    assert multitask_cross_entropy(Z, Y) == _multitask_cross_entropy(Z, Y)
    np.testing.assert_array_equal(multitask_cross_entropy_grad(Z, Y),
                                  _multitask_cross_entropy_grad(Z, Y))
    params = {"W1": np.ones((4, 2)), "b1": np.zeros((4, 1)), "W2": np.ones((1, 4)),
              "b2": np.zeros((1, 1))}
    ours = replace_output_layer(params, 2, rng=np.random.default_rng(1))
    ref = _replace_output_layer(params, 2, rng=np.random.default_rng(1))
    assert list(ours) == list(ref)
    assert all(np.array_equal(ours[k], ref[k]) for k in ours)


# -------------------------------------------------- defaults, boundaries and exact messages

BIAS_ADVICE = (
    "reduce avoidable bias: a bigger network (more layers or units), train longer or with a "
    "better optimizer, try another architecture"
)
LOW_ADVICE = (
    "bias and variance are both low: check the metric and dev/test set still reflect the goal"
)


def test_the_split_follows_the_notes_sizes_at_their_boundaries() -> None:
    """60/20/20 below 100,000 examples, 98/1/1 from
    100,000 to 1,000,000, 99.5/0.4/0.1 above a million (notes 000 §1.1)."""
    for f in (recommended_fractions, _recommended_fractions):
        assert f(99_999) == (0.6, 0.2, 0.2)
        assert f(100_000) == (0.98, 0.01, 0.01)
        assert f(1_000_000) == (0.98, 0.01, 0.01)
        assert f(1_000_001) == (0.995, 0.004, 0.001)


def test_a_small_data_set_has_a_dev_set_by_default() -> None:
    """Dev_set=True by default."""
    assert recommended_fractions(1000) == (0.6, 0.2, 0.2)
    assert _recommended_fractions(1000) == (0.6, 0.2, 0.2)
    assert recommended_fractions(1000, dev_set=False) == (0.7, 0.0, 0.3)


def test_a_model_exactly_at_its_limit_meets_the_constraint() -> None:
    """Satisficing means ≤ the limit."""
    assert choose_model([0.9, 0.8, 0.95], {"ms": ([100, 50, 80], 80)}) == 2
    assert choose_model([0.9], {"ms": ([80], 80)}) == 0


def test_minimizing_picks_the_smallest_optimizing_metric() -> None:
    """Maximize=False, say for an error rate."""
    assert choose_model([0.9, 0.8, 0.95], {"ms": ([100, 50, 80], 80)}, maximize=False) == 1
    assert choose_model([0.3, 0.1, 0.2], {}, maximize=False) == 1


def test_a_gap_counts_from_tol_with_a_little_slack_and_a_zero_gap_never() -> None:
    # 0.10 − 0.08 = 0.020000000000000004 ≥ 0.02 (the notes' own numbers)
    result = diagnose(0.08, 0.10, 0.10)
    assert result["problems"] == ["avoidable_bias"] and result["advice"] == BIAS_ADVICE
    # a gap equal to tol − 1e-12 is a problem: here 0.5 = (0.5 + 1e-12) − 1e-12 exactly
    assert diagnose(0.0, 0.5, 0.5, tol=0.5 + 1e-12)["problems"] == ["avoidable_bias"]
    # a zero gap is never a problem, even with tol = 0
    result = diagnose(0.0, 0.0, 0.0, tol=0.0)
    assert result["problems"] == [] and result["advice"] == LOW_ADVICE


def test_wrong_kinds_of_argument_are_named_with_their_type() -> None:
    with pytest.raises(TypeError, match=r"^constraints must be a dict \(got list\)$"):
        choose_model([0.9, 0.8], [1])
    with pytest.raises(
        TypeError, match=r"^counts must be a dict of category -> count \(got list\)$"
    ):
        error_analysis(0.1, [1], 10)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        replace_output_layer([1], 2, rng=np.random.default_rng(0))


def test_replace_output_layer_names_missing_keys_and_a_flat_weight() -> None:
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
    with pytest.raises(TypeError, match=r"^Y must be an array of real numbers \(got dtype <U1\)$"):
        multitask_cross_entropy(np.zeros((2, 3)), "a")
