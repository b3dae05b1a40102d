"""dlnotes.schedules: the properties that ``make mutation MODULE=schedules`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from dlnotes.schedules import (
    ReduceOnPlateau,
    _cosine_annealing,
    _exponential_decay,
    _reduce_on_plateau,
    cosine_annealing,
    exponential_decay,
    inverse_time_decay,
    sqrt_decay,
    step_decay,
)

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_FALSY = (
    "low_inclusive / high_inclusive = None is falsy as False is: check_scalar compares strictly "
    "and describes the range with the same bracket either way"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.schedules.x__epochs__mutmut_15": "arr.astype(None) is arr.astype(np.float64)",
    "dlnotes.schedules.x__epochs__mutmut_7": (
        "'X' is no NumPy dtype kind, so `kind not in 'XXiufXX'` is `kind not in 'iuf'`"
    ),
    "dlnotes.schedules.x__lr0__mutmut_4": _FALSY,
    "dlnotes.schedules.x_exponential_decay__mutmut_9": _FALSY,
    "dlnotes.schedules.x_sqrt_decay__mutmut_7": _FALSY,
    "dlnotes.schedules.x_step_decay__mutmut_8": _FALSY,
    "dlnotes.schedules.xǁReduceOnPlateauǁ__init____mutmut_16": _FALSY,
    "dlnotes.schedules.xǁReduceOnPlateauǁ__init____mutmut_17": _FALSY,
    "dlnotes.schedules.xǁReduceOnPlateauǁupdate__mutmut_13": (
        "unreachable: check_scalar already rejects ±inf with the same message (metric must be "
        "finite (got inf)), which tests/test_schedules.py checks"
    ),
}

METRICS = [100.0, 99.995] + [100.0] * 12


def test_the_reference_defaults_are_pytorchs_and_the_public_class_s() -> None:
    """x__reduce_on_plateau_1 … _7: factor 0.1, patience 10, mode "min", threshold 1e-4 "rel".

    99.995 is no improvement on 100 relative to 1e-4 (it would be absolute), so the bad epochs
    run from the second to the twelfth, the eleventh of which (> patience 10) cuts the rate
    to 0.1 · 1.0. Any other default moves or removes that cut.
    """
    state = (1.0, math.inf, 0, 0)
    reference = []
    for metric in METRICS:
        state = _reduce_on_plateau(metric, state)
        reference.append(state[0])
    assert reference == [1.0] * 11 + [0.1] * 3
    plateau = ReduceOnPlateau()
    assert run(plateau, 1.0, METRICS) == reference


def test_the_schedule_references_default_to_the_notes_constants() -> None:
    """x__exponential_decay_1 (base 0.95, notes 000 §2.9) and x__cosine_annealing_1 (α_min 0)."""
    np.testing.assert_allclose(_exponential_decay(1.0, np.array([2.0])), [0.95**2])
    np.testing.assert_allclose(
        _cosine_annealing(0.1, np.array([0.0, 5.0, 10.0]), 10), [0.1, 0.05, 0.0], atol=1e-17
    )


def test_a_scalar_epoch_gives_a_python_float() -> None:
    """x__result_1: a float for a scalar epoch, an array for an array of them."""
    for value in (
        inverse_time_decay(0.1, 3, 1.0),
        exponential_decay(0.1, 3),
        sqrt_decay(0.1, 4, 1.0),
        step_decay(0.1, 3, 0.5, 2),
        cosine_annealing(0.1, 3, 10),
    ):
        assert type(value) is float
    assert isinstance(exponential_decay(0.1, [3]), np.ndarray)


def test_a_reduction_of_exactly_eps_is_skipped() -> None:
    """x__reduce_on_plateau_60: α is cut only if α − factor·α > eps (strict, as PyTorch)."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, eps=0.5)  # 1.0 − 0.5 = 0.5 = eps
    assert run(plateau, 1.0, [1.0, 1.0, 1.0]) == [1.0, 1.0, 1.0]
    plateau = ReduceOnPlateau(factor=0.5, patience=0, eps=0.4999)
    assert run(plateau, 1.0, [1.0, 1.0]) == [1.0, 0.5]


def test_a_state_of_the_wrong_kind_is_named_with_its_type() -> None:
    """xǁReduceOnPlateauǁupdate_3."""
    with pytest.raises(TypeError, match=r"^state must be a PlateauState \(got tuple\)$"):
        ReduceOnPlateau().update(1.0, (1.0, 1.0, 0, 0))


def run(plateau: ReduceOnPlateau, lr0: float, metrics: list[float]) -> list[float]:
    """The rate after each epoch."""
    state = plateau.init(lr0)
    rates = []
    for metric in metrics:
        state = plateau.update(metric, state)
        rates.append(state.lr)
    return rates


@pytest.mark.parametrize("mode", ["min", "max"])
def test_a_tie_with_the_best_metric_is_no_improvement(mode: str) -> None:
    """Improvement is strict, as in PyTorch: a metric equal to the best counts as a bad epoch,
    even with threshold 0, in both modes and both threshold modes."""
    for threshold_mode in ("rel", "abs"):
        plateau = ReduceOnPlateau(
            factor=0.5, patience=1, mode=mode, threshold=0.0, threshold_mode=threshold_mode
        )
        state = plateau.update(2.0, plateau.init(1.0))  # the first metric is the best
        assert (state.best, state.num_bad_epochs) == (2.0, 0)
        state = plateau.update(2.0, state)  # a tie: one bad epoch
        assert (state.lr, state.num_bad_epochs) == (1.0, 1)
        state = plateau.update(2.0, state)  # a second: more than patience = 1, halve
        assert (state.lr, state.num_bad_epochs) == (0.5, 0)


def test_the_relative_threshold_is_a_fraction_of_the_best() -> None:
    """mode "min", rel: improved when metric < best·(1 − threshold); 0.95 is not < 1·0.9."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, threshold=0.1, threshold_mode="rel")
    assert run(plateau, 1.0, [1.0, 0.95, 0.89]) == [1.0, 0.5, 0.5]
    # mode "max": improved when metric > best·(1 + threshold); 1.05 is not > 1·1.1
    plateau = ReduceOnPlateau(factor=0.5, patience=0, mode="max", threshold=0.1)
    assert run(plateau, 1.0, [1.0, 1.05, 1.11]) == [1.0, 0.5, 0.5]


def test_the_absolute_threshold_is_a_margin_below_or_above_the_best() -> None:
    """abs: improved when metric < best − threshold ("min") or > best + threshold ("max")."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, threshold=0.1, threshold_mode="abs")
    assert run(plateau, 1.0, [1.0, 0.95, 0.85]) == [1.0, 0.5, 0.5]
    plateau = ReduceOnPlateau(
        factor=0.5, patience=0, mode="max", threshold=0.1, threshold_mode="abs"
    )
    assert run(plateau, 1.0, [1.0, 1.05, 1.15]) == [1.0, 0.5, 0.5]


def test_a_negative_metric_improves_in_rel_mode_by_a_fraction_of_its_size() -> None:
    """With best = −1 in mode "min", best·(1 − threshold) = −0.9: −0.95 is an improvement
    (the bar is a fraction of |best| above it, as PyTorch computes it)."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, threshold=0.1)
    state = plateau.update(-1.0, plateau.init(1.0))
    state = plateau.update(-0.95, state)
    assert (state.lr, state.best, state.num_bad_epochs) == (1.0, -0.95, 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": -0.1}, r"^threshold must be >= 0 \(got -0\.1\)$"),
        ({"min_lr": -1.0}, r"^min_lr must be >= 0 \(got -1\.0\)$"),
        ({"eps": -1.0}, r"^eps must be >= 0 \(got -1\.0\)$"),
        ({"factor": 1.0}, r"^factor must be in \(0, 1\) \(got 1\.0\)$"),
        ({"factor": 0.0}, r"^factor must be in \(0, 1\) \(got 0\.0\)$"),
        ({"patience": -1}, r"^patience must be >= 0 \(got -1\)$"),
        ({"cooldown": -1}, r"^cooldown must be >= 0 \(got -1\)$"),
    ],
)
def test_negative_thresholds_and_other_bad_settings_are_named_in_full(kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        ReduceOnPlateau(**kwargs)
