"""dlnotes.schedules: the properties that ``make mutation MODULE=schedules`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import pytest

from dlnotes.schedules import ReduceOnPlateau

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
EQUIVALENT_MUTANTS: dict[str, str] = {}


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
