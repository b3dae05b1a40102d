"""Logistic regression trained by gradient descent on two generated clusters: J per step, and
the learned decision boundary w^T x + b = 0."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.logistic import optimize, predict


def make_figure() -> plt.Figure:
    rng = np.random.default_rng(0)
    m = 400
    Y = (rng.random((1, m)) < 0.5).astype(float)
    X = rng.standard_normal((2, m)) + np.array([[1.5], [1.0]]) * (2 * Y - 1)
    w, b, costs = optimize(np.zeros((2, 1)), 0.0, X, Y, num_iterations=500, learning_rate=0.1)
    accuracy = float(np.mean(predict(w, b, X) == Y))

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    left.plot(np.arange(1, costs.size + 1), costs, color="C0")
    left.set(xlabel="iteration", ylabel="J(w, b)", title="Cost during gradient descent",
             ylim=(0, None))
    for label, marker in ((0, "o"), (1, "^")):
        cols = Y[0] == label
        right.scatter(X[0, cols], X[1, cols], s=8, marker=marker, label=f"y = {label}",
                      color=f"C{label}", alpha=0.6)
    x1 = np.linspace(X[0].min(), X[0].max(), 2)
    right.plot(x1, -(w[0, 0] * x1 + b) / w[1, 0], color="k", lw=1.2, label="w·x + b = 0")
    right.set(xlabel="$x_1$", ylabel="$x_2$", ylim=(X[1].min() - 0.5, X[1].max() + 0.5),
              title=f"Decision boundary (training accuracy {accuracy:.1%})")
    right.legend(frameon=False, fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig
