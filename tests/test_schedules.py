"""dlnotes.schedules: the notes' formulas, torch.optim.lr_scheduler as the reference, bad input."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from dlnotes import schedules
from dlnotes.schedules import (
    PlateauState,
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

EPOCHS = np.arange(60)


def torch_rates(make: Callable[[torch.optim.Optimizer], object], lr0: float, n: int) -> np.ndarray:
    """The learning rate a torch scheduler gives at epochs 0 … n − 1."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    scheduler = make(opt)
    rates = []
    for _ in range(n):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()  # type: ignore[attr-defined]
    return np.array(rates)


# ---------------------------------------------------------------- the notes' formulas


def test_inverse_time_decay_of_the_notes() -> None:
    # notes 000 §2.9 (1): α = α0 / (1 + decay_rate·epoch); α0 = 0.2, decay 1: 0.2, 0.1, 0.067, 0.05
    rates = inverse_time_decay(0.2, [1, 2, 3, 4], decay_rate=1.0)
    np.testing.assert_allclose(rates, [0.1, 0.2 / 3, 0.05, 0.04])


def test_exponential_decay_is_095_to_the_epoch() -> None:
    # notes 000 §2.9 (2): α = 0.95^epoch · α0
    np.testing.assert_allclose(exponential_decay(0.1, EPOCHS), 0.95**EPOCHS * 0.1, rtol=1e-15)


def test_sqrt_decay_is_k_over_root_epoch() -> None:
    # notes 000 §2.9 (3): α = k/√epoch · α0
    np.testing.assert_allclose(sqrt_decay(0.1, [1, 4, 9], k=2.0), [0.2, 0.1, 0.2 / 3])


def test_scalars_give_floats_and_arrays_give_arrays() -> None:
    assert isinstance(exponential_decay(0.1, 3), float)
    assert isinstance(step_decay(0.1, np.int64(3), 0.5, 2), float)
    out = cosine_annealing(0.1, np.arange(6).reshape(2, 3), total=5)
    assert isinstance(out, np.ndarray) and out.shape == (2, 3)


@pytest.mark.parametrize(
    "schedule",
    [
        lambda e: inverse_time_decay(0.1, e, 0.5),
        lambda e: exponential_decay(0.1, e),
        lambda e: sqrt_decay(0.1, e + 1, 1.0),
        lambda e: step_decay(0.1, e, 0.5, 7),
        lambda e: cosine_annealing(0.1, e, 40),
    ],
    ids=["inverse_time", "exponential", "sqrt", "step", "cosine"],
)
def test_every_schedule_is_non_increasing_and_positive_or_lr_min(schedule) -> None:
    rates = schedule(EPOCHS)
    assert np.all(np.diff(rates) <= 1e-15) and np.all(rates >= 0) and rates[0] <= 0.1
    np.testing.assert_allclose([schedule(int(e)) for e in EPOCHS], rates, rtol=1e-15)


# ---------------------------------------------------------------- torch as the reference


def test_exponential_decay_equals_torch_exponential_lr() -> None:
    ref = torch_rates(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95), 0.1, 60)
    np.testing.assert_allclose(exponential_decay(0.1, EPOCHS), ref, rtol=1e-12)


def test_step_decay_equals_torch_step_lr() -> None:
    ref = torch_rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.5), 0.1, 60)
    np.testing.assert_allclose(step_decay(0.1, EPOCHS, drop=0.5, every=7), ref, rtol=1e-12)


def test_inverse_time_decay_equals_torch_lambda_lr() -> None:
    ref = torch_rates(
        lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda e: 1 / (1 + 0.3 * e)), 0.1, 60
    )
    np.testing.assert_allclose(inverse_time_decay(0.1, EPOCHS, 0.3), ref, rtol=1e-12)


@pytest.mark.parametrize("lr_min", [0.0, 0.01])
def test_cosine_annealing_equals_torch_up_to_total(lr_min: float) -> None:
    ref = torch_rates(
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=40, eta_min=lr_min), 0.1, 41
    )
    np.testing.assert_allclose(cosine_annealing(0.1, np.arange(41), 40, lr_min), ref, rtol=1e-10)
    # after `total` dlnotes holds lr_min (torch would rise again)
    assert cosine_annealing(0.1, 55, 40, lr_min) == lr_min


def run_plateau(metrics: list[float], **kwargs: object) -> list[float]:
    plateau = ReduceOnPlateau(**kwargs)  # type: ignore[arg-type]
    state = plateau.init(0.1)
    rates = []
    for metric in metrics:
        state = plateau.update(metric, state)
        rates.append(state.lr)
    return rates


def run_torch_plateau(metrics: list[float], **kwargs: object) -> list[float]:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kwargs)  # type: ignore[arg-type]
    rates = []
    for metric in metrics:
        scheduler.step(metric)
        rates.append(opt.param_groups[0]["lr"])
    return rates


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"factor": 0.5, "patience": 2},
        {"factor": 0.5, "patience": 0, "cooldown": 3},
        {"factor": 0.3, "patience": 3, "threshold": 0.05, "threshold_mode": "abs"},
        {"factor": 0.5, "patience": 2, "mode": "max"},
        {"factor": 0.5, "patience": 1, "mode": "max", "threshold_mode": "abs", "min_lr": 0.02},
        {"factor": 0.5, "patience": 1, "min_lr": 0.01, "cooldown": 1, "threshold": 0.1},
        {"factor": 0.5, "patience": 0, "eps": 1e-3},
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reduce_on_plateau_equals_torch(kwargs: dict[str, object], seed: int) -> None:
    # a noisy loss curve that flattens out, so every branch is reached
    rng = np.random.default_rng(seed)
    t = np.arange(80)
    metrics = (np.exp(-t / 15) + 0.05 * rng.standard_normal(80)).round(3).tolist()
    ours = run_plateau(metrics, **kwargs)
    ref = run_torch_plateau(metrics, **kwargs)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)
    assert min(ours) < 0.1 or not kwargs  # a reduction happened (patience 10 may not reach it)


@given(st.lists(st.floats(-100, 100), min_size=1, max_size=30))
def test_reduce_on_plateau_rate_never_increases_nor_goes_below_min_lr(metrics: list[float]) -> None:
    rates = run_plateau(metrics, factor=0.5, patience=1, min_lr=0.01)
    assert all(b <= a for a, b in zip([0.1, *rates], rates, strict=False))
    assert min(rates) >= 0.01


def test_the_references_run_on_plain_epoch_arrays_and_the_public_functions_return_them() -> None:
    # the page shows the references; the public functions are them plus the checks
    e = np.arange(1, 30, dtype=float)
    pairs = [
        (schedules._inverse_time_decay(0.1, e, 0.5), inverse_time_decay(0.1, e, 0.5)),
        (schedules._exponential_decay(0.1, e, 0.9), exponential_decay(0.1, e, 0.9)),
        (schedules._sqrt_decay(0.1, e, 2.0), sqrt_decay(0.1, e, 2.0)),
        (schedules._step_decay(0.1, e, 0.5, 4), step_decay(0.1, e, 0.5, 4)),
        (schedules._cosine_annealing(0.1, e, 20, 0.01), cosine_annealing(0.1, e, 20, 0.01)),
    ]
    for ours, public in pairs:
        np.testing.assert_array_equal(ours, public)
    # the plateau reference works on the plain tuple (lr, best, num_bad_epochs, cooldown_counter)
    plateau = ReduceOnPlateau(factor=0.5, patience=0, mode="max")
    state = tuple(plateau.init(0.1))
    assert schedules._reduce_on_plateau(1.0, state, 0.5, 0, mode="max") == (0.1, 1.0, 0, 0)
    after = schedules._reduce_on_plateau(0.5, (0.1, 1.0, 0, 0), 0.5, 0, mode="max")  # worse
    assert after == (0.05, 1.0, 0, 0)
    assert tuple(plateau.update(0.5, PlateauState(0.1, 1.0, 0, 0))) == after


def test_plateau_state_is_a_namedtuple() -> None:
    state = ReduceOnPlateau().init(0.5)
    assert state == PlateauState(lr=0.5, best=math.inf, num_bad_epochs=0, cooldown_counter=0)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: exponential_decay(0.0, 1), ValueError, r"lr0 must be > 0 \(got 0.0\)"),
        (lambda: exponential_decay(0.1, -1), ValueError, r"epoch must be finite and >= 0"),
        (lambda: exponential_decay(0.1, 1, base=1.5), ValueError, r"base must be in \(0, 1\]"),
        (lambda: exponential_decay(0.1, "3"), TypeError, r"epoch must be a real number"),
        (lambda: exponential_decay(0.1, []), ValueError, r"epoch must not be empty"),
        (lambda: inverse_time_decay(0.1, 1, -0.1), ValueError, r"decay_rate must be >= 0"),
        (lambda: inverse_time_decay(0.1, [1, np.nan], 1.0), ValueError, r"epoch must be finite"),
        (lambda: sqrt_decay(0.1, 0, 1.0), ValueError,
         r"epoch must be finite and >= 1 \(got minimum 0.0\)"),
        (lambda: sqrt_decay(0.1, 1, 0.0), ValueError, r"k must be > 0"),
        (lambda: step_decay(0.1, 1, 0.0, 10), ValueError, r"drop must be in \(0, 1\]"),
        (lambda: step_decay(0.1, 1, 0.5, 0), ValueError, r"every must be >= 1 \(got 0\)"),
        (lambda: step_decay(0.1, 1, 0.5, 2.5), TypeError, r"every must be an int"),
        (lambda: cosine_annealing(0.1, 1, 0), ValueError, r"total must be >= 1"),
        (lambda: cosine_annealing(0.1, -1, 10), ValueError, r"step must be finite and >= 0"),
        (lambda: cosine_annealing(0.1, 1, 10, lr_min=0.2), ValueError,
         r"lr_min must be in \[0, 0.1\] \(got 0.2\)"),
        (lambda: ReduceOnPlateau(factor=1.0), ValueError, r"factor must be in \(0, 1\)"),
        (lambda: ReduceOnPlateau(patience=-1), ValueError, r"patience must be >= 0"),
        (lambda: ReduceOnPlateau(mode="minimum"), ValueError, r"mode must be one of 'min', 'max'"),
        (lambda: ReduceOnPlateau(threshold_mode="x"), ValueError, r"threshold_mode must be one"),
        (lambda: ReduceOnPlateau(cooldown=-2), ValueError, r"cooldown must be >= 0"),
        (lambda: ReduceOnPlateau(min_lr=-1.0), ValueError, r"min_lr must be >= 0"),
        (lambda: ReduceOnPlateau(eps=-1e-8), ValueError, r"eps must be >= 0"),
        (lambda: ReduceOnPlateau().init(0.0), ValueError, r"lr0 must be > 0"),
        (lambda: ReduceOnPlateau().update(float("nan"), ReduceOnPlateau().init(0.1)), ValueError,
         r"metric must be"),
        (lambda: ReduceOnPlateau().update(1.0, (0.1, 1.0, 0, 0)), TypeError,
         r"state must be a PlateauState"),
        # issue 14: inf for each scalar, bool, NaN/inf in epoch arrays, non-string choices
        (lambda: exponential_decay(np.inf, 1), ValueError, r"lr0 must be finite \(got inf\)"),
        (lambda: exponential_decay(True, 1), TypeError, r"lr0 must be a real number \(got bool"),
        (lambda: exponential_decay(0.1, True), TypeError, r"epoch must be a real number"),
        (lambda: exponential_decay(0.1, [1.0, np.inf]), ValueError, r"epoch must be finite"),
        (lambda: inverse_time_decay(0.1, 1, np.inf), ValueError, r"decay_rate must be finite"),
        (lambda: sqrt_decay(0.1, 1, np.inf), ValueError, r"k must be finite \(got inf\)"),
        (lambda: sqrt_decay(0.1, np.float32(np.nan), 1.0), ValueError, r"epoch must be finite"),
        (lambda: step_decay(0.1, 1, np.nan, 10), ValueError, r"drop must be in \(0, 1\]"),
        (lambda: step_decay(0.1, 1, 0.5, True), TypeError, r"every must be an int \(got bool"),
        (lambda: cosine_annealing(0.1, np.inf, 10), ValueError, r"step must be finite"),
        (lambda: cosine_annealing(0.1, 1, 10, lr_min=[0.0]), TypeError,
         r"lr_min must be a real number \(got list"),
        (lambda: ReduceOnPlateau(threshold=np.inf), ValueError, r"threshold must be finite"),
        (lambda: ReduceOnPlateau(min_lr=np.inf), ValueError, r"min_lr must be finite"),
        (lambda: ReduceOnPlateau(eps=np.inf), ValueError, r"eps must be finite"),
        (lambda: ReduceOnPlateau(mode=None), TypeError, r"mode must be a string, one of 'min'"),
        (lambda: ReduceOnPlateau(threshold_mode=0), TypeError, r"threshold_mode must be a string"),
        (lambda: ReduceOnPlateau(patience=True), TypeError, r"patience must be an int \(got bool"),
        (lambda: ReduceOnPlateau().init(np.inf), ValueError, r"lr0 must be finite"),
        (lambda: ReduceOnPlateau().update(-np.inf, ReduceOnPlateau().init(0.1)), ValueError,
         r"metric must be finite"),
        (lambda: ReduceOnPlateau().update("1.0", ReduceOnPlateau().init(0.1)), TypeError,
         r"metric must be a real number \(got str"),
    ],
)
def test_bad_input(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    "schedule",
    [lambda e: inverse_time_decay(0.1, e, 0.5), lambda e: exponential_decay(0.1, e),
     lambda e: sqrt_decay(0.1, e, 2.0), lambda e: step_decay(0.1, e, 0.5, 2),
     lambda e: cosine_annealing(0.1, e, 3, lr_min=0.01)],
)
def test_float32_epochs_give_float32_rates_and_ints_float64(schedule) -> None:  # type: ignore[no-untyped-def]
    epochs = np.arange(1, 6)
    out32 = schedule(epochs.astype(np.float32))
    assert out32.dtype == np.float32
    assert schedule(epochs).dtype == np.float64
    np.testing.assert_allclose(out32, schedule(epochs), rtol=1e-6)


# -------------------------------------------------- defaults, boundaries and exact messages

METRICS = [100.0, 99.995] + [100.0] * 12


def test_the_reference_defaults_are_pytorchs_and_the_public_class_s() -> None:
    """Factor 0.1, patience 10, mode "min", threshold 1e-4 "rel".

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
    """The references' defaults: base 0.95 (notes 000 §2.9) and α_min 0."""
    np.testing.assert_allclose(_exponential_decay(1.0, np.array([2.0])), [0.95**2])
    np.testing.assert_allclose(
        _cosine_annealing(0.1, np.array([0.0, 5.0, 10.0]), 10), [0.1, 0.05, 0.0], atol=1e-17
    )


def test_a_scalar_epoch_gives_a_python_float() -> None:
    """A float for a scalar epoch, an array for an array of them."""
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
    """Α is cut only if α − factor·α > eps (strict, as PyTorch)."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, eps=0.5)  # 1.0 − 0.5 = 0.5 = eps
    assert run(plateau, 1.0, [1.0, 1.0, 1.0]) == [1.0, 1.0, 1.0]
    plateau = ReduceOnPlateau(factor=0.5, patience=0, eps=0.4999)
    assert run(plateau, 1.0, [1.0, 1.0]) == [1.0, 0.5]


def test_a_state_of_the_wrong_kind_is_named_with_its_type() -> None:
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
    """Mode "min", rel: improved when metric < best·(1 − threshold); 0.95 is not < 1·0.9."""
    plateau = ReduceOnPlateau(factor=0.5, patience=0, threshold=0.1, threshold_mode="rel")
    assert run(plateau, 1.0, [1.0, 0.95, 0.89]) == [1.0, 0.5, 0.5]
    # mode "max": improved when metric > best·(1 + threshold); 1.05 is not > 1·1.1
    plateau = ReduceOnPlateau(factor=0.5, patience=0, mode="max", threshold=0.1)
    assert run(plateau, 1.0, [1.0, 1.05, 1.11]) == [1.0, 0.5, 0.5]


def test_the_absolute_threshold_is_a_margin_below_or_above_the_best() -> None:
    """Abs: improved when metric < best − threshold ("min") or > best + threshold ("max")."""
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
