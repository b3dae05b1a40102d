"""Mini-batch gradient descent with a constant and with a decaying learning rate (notes 000
§2.9: the blue curve wanders in a wide neighbourhood of the minimum, the green one
settles in a small one). The picture is lost from the notes' text; this one is drawn from
noisy gradients of an elongated bowl."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.optimizers import SGD
from dlnotes.schedules import inverse_time_decay

CURVATURE = np.array([1.0, 8.0])  # J = (w1² + 8 w2²) / 2
START, LR0, EPOCHS, STEPS = np.array([-8.0, 2.5]), 0.1, 40, 10


def noisy_path(decay_rate: float, seed: int = 0) -> np.ndarray:
    """Points of SGD whose gradient is the true one plus mini-batch noise."""
    rng = np.random.default_rng(seed)
    params = {"w": START.copy()}
    state = SGD(LR0).init(params)
    points = [params["w"]]
    for epoch in range(EPOCHS):
        opt = SGD(inverse_time_decay(LR0, epoch, decay_rate))
        for _ in range(STEPS):
            grad = CURVATURE * params["w"] + rng.normal(scale=3.0, size=2)
            params, state = opt.update(params, {"w": grad}, state)
            points.append(params["w"])
    return np.array(points)


def make_figure() -> plt.Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    w1, w2 = np.meshgrid(np.linspace(-9, 3, 200), np.linspace(-3, 3, 200))
    left.contour(w1, w2, 0.5 * (CURVATURE[0] * w1**2 + CURVATURE[1] * w2**2),
                 levels=[0.5, 2, 5, 10, 20, 35], colors="0.8", linewidths=0.8)
    steps = np.arange(EPOCHS * STEPS + 1)
    for decay_rate, color, label in (
        (0.0, "tab:blue", "constant α = 0.1"),
        (0.3, "tab:green", "α = 0.1 / (1 + 0.3·epoch)"),
    ):
        path = noisy_path(decay_rate)
        left.plot(path[:, 0], path[:, 1], color=color, lw=0.9, label=label)
        right.semilogy(steps, np.linalg.norm(path, axis=1), color=color, lw=0.9, label=label)
    left.plot(0, 0, marker="*", color="k", ms=10, ls="none", label="minimum")
    left.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal",
             title=f"SGD, noisy gradients: {EPOCHS} epochs of {STEPS} mini-batches")
    right.set(xlabel="mini-batch step", ylabel="distance to the minimum",
              title="Wide neighbourhood (blue), small one (green)")
    for ax in (left, right):
        ax.legend(frameon=False, fontsize=8, loc="upper right")
    fig.tight_layout()
    return fig
