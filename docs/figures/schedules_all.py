"""Every learning-rate schedule of the chapter over 100 epochs (notes 000 §2.9, 001): the
formulas, the manual steps, and reduce-on-plateau driven by a generated dev-set loss."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.schedules import (
    ReduceOnPlateau,
    cosine_annealing,
    exponential_decay,
    inverse_time_decay,
    sqrt_decay,
    step_decay,
)

LR0, EPOCHS = 0.1, np.arange(100)
MANUAL = {0: 0.1, 30: 0.03, 45: 0.01}  # the page's example of manual decay


def manual_rates() -> np.ndarray:
    """The rate that the epoch-to-rate dictionary MANUAL gives at every epoch."""
    return np.array([MANUAL[max(e for e in MANUAL if e <= epoch)] for epoch in EPOCHS])


def plateau_rates() -> tuple[np.ndarray, np.ndarray]:
    """A dev loss that stops improving, and the rates ReduceOnPlateau chooses from it."""
    rng = np.random.default_rng(0)
    loss = 0.3 + 0.7 * np.exp(-EPOCHS / 12) + 0.02 * rng.standard_normal(EPOCHS.size)
    plateau = ReduceOnPlateau(factor=0.5, patience=5)
    state = plateau.init(LR0)
    rates = []
    for value in loss:
        rates.append(state.lr)  # the rate used during this epoch
        state = plateau.update(float(value), state)
    return loss, np.array(rates)


def make_figure() -> plt.Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    curves = [
        ("1/(1 + 0.1·epoch)·α₀", inverse_time_decay(LR0, EPOCHS, 0.1)),
        ("0.95^epoch·α₀", exponential_decay(LR0, EPOCHS)),
        ("1/√(epoch + 1)·α₀", sqrt_decay(LR0, EPOCHS + 1, 1.0)),
        ("staircase: ×0.5 every 20", step_decay(LR0, EPOCHS, 0.5, 20)),
        ("cosine annealing, T = 100", cosine_annealing(LR0, EPOCHS, 100)),
        ("manual: 0.1, 0.03 at 30, 0.01 at 45", manual_rates()),
    ]
    for label, rates in curves:
        left.plot(EPOCHS, rates, label=label, ls=":" if label.startswith("manual") else "-")
    left.set(xlabel="epoch", ylabel="learning rate α", title="Scheduled and manual decay, α₀ = 0.1")
    left.legend(frameon=False, fontsize=8)
    loss, rates = plateau_rates()
    right.plot(EPOCHS, rates, color="tab:red", label="α (reduce on plateau: ×0.5, patience 5)")
    right.set(xlabel="epoch", ylabel="learning rate α", title="Performance-based decay")
    twin = right.twinx()
    twin.plot(EPOCHS, loss, color="0.6", lw=0.8, label="dev loss")
    twin.set_ylabel("dev loss", color="0.4")
    right.legend(frameon=False, fontsize=8, loc="center right")
    fig.tight_layout()
    return fig
