"""Trajectories on an elongated quadratic bowl (notes 000 §2.6-2.8, 001 图 6.5): gradient
descent zig-zags across the steep direction; momentum, RMSprop and Adam do not."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.optimizers import SGD, Adam, Momentum, RMSprop

CURVATURE = np.array([1.0, 20.0])  # J(w) = ½(w1² + 20·w2²): steep along w2, flat along w1
START = np.array([-9.0, 1.5])
STEPS = 40


def bowl_grad(w: np.ndarray) -> np.ndarray:
    return CURVATURE * w


def trajectory(opt, grad=bowl_grad, start: np.ndarray = START, steps: int = STEPS) -> np.ndarray:
    """The points w_0, …, w_steps visited by ``opt`` on the gradient field ``grad``."""
    params = {"w": start.copy()}
    state = opt.init(params)
    path = [params["w"]]
    for _ in range(steps):
        params, state = opt.update(params, {"w": grad(params["w"])}, state)
        path.append(params["w"])
    return np.array(path)


OPTIMIZERS = [
    ("gradient descent, α = 0.09", SGD(0.09), "tab:red"),
    ("momentum, α = 0.09, β = 0.9", Momentum(0.09, 0.9), "tab:blue"),
    ("RMSprop, α = 0.3, β = 0.9", RMSprop(0.3, 0.9), "tab:green"),
    ("Adam, α = 0.5", Adam(0.5), "tab:purple"),
]


def make_figure() -> plt.Figure:
    w1, w2 = np.meshgrid(np.linspace(-10, 2, 200), np.linspace(-2.5, 2.5, 200))
    J = 0.5 * (CURVATURE[0] * w1**2 + CURVATURE[1] * w2**2)
    fig, ax = plt.subplots(figsize=(9, 4))
    ax.contour(w1, w2, J, levels=np.geomspace(0.05, 80, 12), colors="0.8", linewidths=0.8)
    for label, opt, color in OPTIMIZERS:
        path = trajectory(opt)
        ax.plot(path[:, 0], path[:, 1], marker=".", ms=4, lw=1, color=color, label=label)
    ax.plot(0, 0, "k*", ms=10)
    ax.set(xlabel="$w_1$ (flat)", ylabel="$w_2$ (steep)",
           title=r"$J = \frac{1}{2}(w_1^2 + 20 w_2^2)$, 40 steps from (−9, 1.5)")
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig
