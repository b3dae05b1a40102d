"""A saddle point (notes 000 §2.10): J = ½(w1² − w2²) has zero gradient at the origin; starting
almost on the ridge, gradient descent stalls there while the adaptive methods escape."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.optimizers import SGD, Adam, Momentum, RMSprop

START = np.array([-2.0, 1e-3])
STEPS = 60


def saddle_grad(w: np.ndarray) -> np.ndarray:
    return np.array([w[0], -w[1]])


def path_of(opt) -> np.ndarray:
    params = {"w": START.copy()}
    state = opt.init(params)
    path = [params["w"]]
    for _ in range(STEPS):
        params, state = opt.update(params, {"w": saddle_grad(params["w"])}, state)
        path.append(params["w"])
    return np.array(path)


def make_figure() -> plt.Figure:
    w1, w2 = np.meshgrid(np.linspace(-2.5, 2.5, 200), np.linspace(-2.5, 2.5, 200))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.contour(w1, w2, 0.5 * (w1**2 - w2**2), levels=15, colors="0.8", linewidths=0.8)
    for label, opt, color in [
        ("gradient descent, α = 0.1", SGD(0.1), "tab:red"),
        ("momentum, α = 0.1, β = 0.9", Momentum(0.1, 0.9), "tab:blue"),
        ("RMSprop, α = 0.05", RMSprop(0.05), "tab:green"),
        ("Adam, α = 0.1", Adam(0.1), "tab:purple"),
    ]:
        path = path_of(opt)
        keep = np.all(np.abs(path) <= 2.5, axis=1)
        left.plot(path[keep, 0], path[keep, 1], marker=".", ms=3, lw=1, color=color, label=label)
        J = 0.5 * (path[:, 0] ** 2 - path[:, 1] ** 2)
        right.plot(np.arange(STEPS + 1), J, color=color, label=label)
    left.plot(0, 0, "k+", ms=12)
    title = r"$J = \frac{1}{2}(w_1^2 - w_2^2)$ from (−2, 0.001)"
    left.set(xlabel="$w_1$", ylabel="$w_2$", title=title)
    right.set(xlabel="step t", ylabel="J", ylim=(-3, 2.2), title="Cost: leaving the saddle")
    right.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
