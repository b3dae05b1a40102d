"""003 §4.1's procedure: logistic regression, then one, two and three hidden layers (3 ReLU units
each), trained alike on noisy moons; each panel shows the decision regions with the training and
dev accuracy, and the depth with the best dev accuracy is the one chosen."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_moons, train_dev_test_split
from dlnotes.network import predict, train
from dlnotes.optimizers import Adam

CANDIDATES = {
    "logistic regression": [2, 1],
    "1 hidden layer": [2, 3, 1],
    "2 hidden layers": [2, 3, 3, 1],
    "3 hidden layers": [2, 3, 3, 3, 1],
}


def make_figure() -> plt.Figure:
    X, moons = make_moons(600, noise=0.3, rng=np.random.default_rng(0))
    Y = moons.reshape(1, -1).astype(float)
    (X_tr, Y_tr), (X_dev, Y_dev), _ = train_dev_test_split(
        X, Y, (0.6, 0.2, 0.2), rng=np.random.default_rng(1)
    )
    trained, train_acc, dev_acc = {}, {}, {}
    for name, dims in CANDIDATES.items():
        trained[name], _ = train(X_tr, Y_tr, dims, Adam(lr=0.01), num_epochs=1500,
                                 rng=np.random.default_rng(2))
        train_acc[name] = float(np.mean(predict(X_tr, trained[name]) == Y_tr))
        dev_acc[name] = float(np.mean(predict(X_dev, trained[name]) == Y_dev))
    best = max(dev_acc, key=dev_acc.get)

    g1, g2 = np.meshgrid(np.linspace(-2.0, 3.0, 200), np.linspace(-1.6, 2.1, 160))
    grid = np.stack([g1.ravel(), g2.ravel()])
    fig, axes = plt.subplots(1, len(CANDIDATES), figsize=(13, 3.4), sharey=True)
    for ax, name in zip(axes, CANDIDATES, strict=True):
        regions = predict(grid, trained[name]).reshape(g1.shape)
        ax.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.2)
        for label, marker in ((0, "o"), (1, "^")):
            cols = Y_dev[0] == label
            ax.scatter(X_dev[0, cols], X_dev[1, cols], s=9, marker=marker, color=f"C{label}",
                       label=f"dev, y = {label}")
        chosen = " (chosen)" if name == best else ""
        ax.set_title(f"{name}{chosen}\ntrain {train_acc[name]:.1%}, dev {dev_acc[name]:.1%}",
                     fontsize=10, fontweight="bold" if chosen else "normal")
        ax.set(xlabel="$x_1$", aspect="equal")
    axes[0].set_ylabel("$x_2$")
    axes[0].legend(frameon=False, fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig
