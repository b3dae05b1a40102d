"""Generated training and dev cost curves, and where EarlyStopping stops (patience 10)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.regularization import EarlyStopping


def cost_curves(epochs: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Training cost falls for good; dev cost falls with it, then rises as the model overfits."""
    t = np.arange(epochs)
    train = 0.7 * np.exp(-t / 40) * (1 + 0.05 * rng.standard_normal(epochs))
    dev = 0.7 * np.exp(-t / 40) + 0.001 * t + 0.05 + 0.006 * rng.standard_normal(epochs)
    return train, dev


def make_figure() -> plt.Figure:
    train, dev = cost_curves(250, np.random.default_rng(0))
    es = EarlyStopping(patience=10)
    state = es.init()
    for cost in dev:
        state = es.update(state, float(cost))
        if state.stop:
            break
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(train, label="training cost", color="C0")
    ax.plot(dev, label="dev cost", color="C1")
    ax.axvline(state.best_epoch, color="C2", ls="--", lw=1,
               label=f"best dev epoch {state.best_epoch} (parameters kept)")
    ax.axvline(state.epoch - 1, color="0.5", ls=":", lw=1,
               label=f"stop after epoch {state.epoch - 1} (patience 10)")
    ax.set(xlabel="epoch", ylabel="cost J", ylim=(0, 0.75), title="Early stopping")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig
