"""The four bias/variance cases of notes 000 §1.2 as decision boundaries on the moons: a straight
line (high bias), a network that bends around 20 points (high variance), a 2-unit network fitted
to 20 points (both), a right-sized network on 400 points (neither)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_moons
from dlnotes.network import predict, train
from dlnotes.optimizers import SGD, Adam
from dlnotes.strategy import diagnose

# (title, training-set size, its seed, layer sizes, optimizer, epochs, the diagnosis it shows);
# the seeds pick a draw that shows each case clearly: the cases are about the errors, not the seed.
CASES = (
    ("high bias: a straight line", 200, 1, [2, 1], SGD(lr=0.5), 500, ["avoidable_bias"]),
    ("high variance: bends around 20 points", 20, 1, [2, 50, 50, 1], Adam(lr=0.01), 3000,
     ["variance"]),
    ("high bias and high variance:\n2 units, fitted to 20 points", 20, 2, [2, 2, 1],
     Adam(lr=0.01), 3000, ["avoidable_bias", "variance"]),
    ("low bias, low variance", 400, 1, [2, 20, 1], Adam(lr=0.01), 1500, []),
)


def _error(params: dict[str, np.ndarray], X: np.ndarray, Y: np.ndarray) -> float:
    return float(np.mean(predict(X, params) != Y))


def make_figure() -> plt.Figure:
    X_dev, Y_dev = make_moons(2000, noise=0.2, rng=np.random.default_rng(100))
    g1, g2 = np.meshgrid(np.linspace(-1.6, 2.6, 220), np.linspace(-1.2, 1.7, 160))
    grid = np.stack([g1.ravel(), g2.ravel()])
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.4), sharex=True, sharey=True)
    for ax, (title, m, seed, dims, optimizer, epochs, problems) in zip(
        axes.ravel(), CASES, strict=True
    ):
        X, Y = make_moons(m, noise=0.2, rng=np.random.default_rng(seed))
        params, _ = train(X, Y, dims, optimizer, num_epochs=epochs,
                          rng=np.random.default_rng(seed + 10))
        train_error, dev_error = _error(params, X, Y), _error(params, X_dev, Y_dev)
        # human-level error about 0; a gap of 3 points or more counts as high
        assert diagnose(0.0, train_error, dev_error, tol=0.03)["problems"] == problems
        regions = predict(grid, params).reshape(g1.shape)
        ax.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.2)
        ax.contour(g1, g2, regions, levels=[0.5], colors="k", linewidths=1)
        for label, marker in ((0, "o"), (1, "^")):
            cols = Y[0] == label
            ax.scatter(X[0, cols], X[1, cols], s=14 if m <= 20 else 6, marker=marker,
                       color=f"C{label}", label=f"y = {label}")
        ax.set_title(f"{title}\ntrain error {train_error:.1%}, dev error {dev_error:.1%} "
                     f"(m = {m})", fontsize=9)
        ax.set(xlim=(-1.6, 2.6), ylim=(-1.2, 1.7), aspect="equal")
    for ax in axes[1]:
        ax.set_xlabel("$x_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_2$")
    axes[0, 0].legend(frameon=False, fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig
