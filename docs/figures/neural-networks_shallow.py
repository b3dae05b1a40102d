"""A shallow network (4 tanh hidden units, sigmoid output) trained by gradient descent on two
concentric circles: J per step, and the decision regions it learned."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_circles
from dlnotes.initializers import initialize_parameters
from dlnotes.network import compute_cost, model_backward, model_forward, predict


def make_figure() -> plt.Figure:
    X, labels = make_circles(400, noise=0.1, factor=0.4, rng=np.random.default_rng(1))
    Y = labels.astype(float)
    params = initialize_parameters([2, 4, 1], "random", rng=np.random.default_rng(2), scale=0.01)
    costs = []
    for _ in range(2500):
        AL, caches = model_forward(X, params, hidden="tanh")
        costs.append(compute_cost(AL, Y))
        grads = model_backward(AL, Y, caches)
        params = {key: params[key] - 1.0 * grads[key] for key in params}

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    left.plot(np.arange(1, len(costs) + 1), costs, color="C0")
    left.set(xlabel="iteration", ylabel="J", title="Cost (W initialized as randn × 0.01)",
             ylim=(0, None))
    g1, g2 = np.meshgrid(np.linspace(-1.6, 1.6, 200), np.linspace(-1.6, 1.6, 200))
    grid = np.stack([g1.ravel(), g2.ravel()])
    regions = predict(grid, params, hidden="tanh").reshape(g1.shape)
    right.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.2)
    for label, marker in ((0, "o"), (1, "^")):
        cols = Y[0] == label
        right.scatter(X[0, cols], X[1, cols], s=8, marker=marker, color=f"C{label}",
                      label=f"y = {label}")
    accuracy = float(np.mean(predict(X, params, hidden="tanh") == Y))
    right.set(xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
              title=f"Decision regions (training accuracy {accuracy:.1%})")
    right.legend(frameon=False, fontsize=8, loc="upper right")
    fig.tight_layout()
    return fig
