"""Notes 004 §1.2.1: "L2 regularization makes your decision boundary smoother. If λ is too large,
it is also possible to 'oversmooth', resulting in a model with high bias." The regularization
experiment's network ([2, 20, 3, 1], batch gradient descent, α = 0.3, 30,000 iterations, Xavier
initialization) and data (make_field: 211 training and 5,000 test examples, the same seeds) trained
with growing λ; each panel shows the decision boundary and the train and test accuracy."""

from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_field
from dlnotes.network import predict, train
from dlnotes.optimizers import SGD

LAMBDAS = (0.0, 0.1, 0.7, 3.0, 10.0)
DATA_SEED, INIT_SEED = 1, 101  # those of docs/experiments/regularization.ipynb


def _boundary_length(regions: np.ndarray, dx: float, dy: float) -> float:
    """Length of the boundary on the grid: each change of label between neighbouring cells
    counts one cell side (an estimate that is larger than the true length, the same for all)."""
    across_columns = np.count_nonzero(regions[:, 1:] != regions[:, :-1])
    across_rows = np.count_nonzero(regions[1:] != regions[:-1])
    return float(across_columns * dy + across_rows * dx)


def make_figure() -> plt.Figure:
    rng = np.random.default_rng(DATA_SEED)
    X_train, Y_train = make_field(211, noise=0.05, flip=0.1, rng=rng)
    X_test, Y_test = make_field(5000, noise=0.05, flip=0.1, rng=rng)
    x1 = np.linspace(X_train[0].min() - 0.2, X_train[0].max() + 0.2, 240)
    x2 = np.linspace(X_train[1].min() - 0.2, X_train[1].max() + 0.2, 240)
    g1, g2 = np.meshgrid(x1, x2)
    grid = np.stack([g1.ravel(), g2.ravel()])

    fig, axes = plt.subplots(2, 3, figsize=(11, 7.4))
    train_acc, test_acc, lengths = [], [], []
    for ax, lambd in zip(axes.ravel(), LAMBDAS, strict=False):
        params, _ = train(X_train, Y_train, [2, 20, 3, 1], SGD(lr=0.3), num_epochs=30_000,
                          initialization="xavier", rng=np.random.default_rng(INIT_SEED),
                          lambd=lambd, record_every=30_000)
        train_acc.append(float(np.mean(predict(X_train, params) == Y_train)))
        test_acc.append(float(np.mean(predict(X_test, params) == Y_test)))
        regions = predict(grid, params).reshape(g1.shape)
        lengths.append(_boundary_length(regions, x1[1] - x1[0], x2[1] - x2[0]))
        ax.contourf(g1, g2, regions, levels=[-0.5, 0.5, 1.5], colors=["C0", "C1"], alpha=0.2)
        ax.contour(g1, g2, regions, levels=[0.5], colors="k", linewidths=1)
        for label, marker in ((0, "o"), (1, "^")):
            cols = Y_train[0] == label
            ax.scatter(X_train[0, cols], X_train[1, cols], s=9, marker=marker,
                       color=f"C{label}", label=f"y = {label}")
        ax.set_title(f"λ = {lambd:g}: train {train_acc[-1]:.1%}, test {test_acc[-1]:.1%}\n"
                     f"boundary length {lengths[-1]:.1f}", fontsize=9)
        ax.set(aspect="equal", xticks=[], yticks=[])
    axes[0, 0].legend(frameon=False, fontsize=8, loc="lower left")

    # What the page says about this figure, checked on this run (a failing check fails the build).
    assert all(a > b for a, b in pairwise(train_acc)), train_acc  # fits less and less
    assert all(t > test_acc[0] for t in test_acc[1:]), test_acc  # every λ > 0 generalizes better
    assert test_acc[-1] < max(test_acc), test_acc  # the largest λ has passed the best
    assert all(length < lengths[0] / 2 for length in lengths[1:]), lengths  # smoother

    ax = axes[1, 2]
    ax.plot(LAMBDAS, train_acc, "o-", label="train")
    ax.plot(LAMBDAS, test_acc, "s-", label="test (5,000 examples)")
    ax.set_xscale("symlog", linthresh=0.1)
    ax.set(xlabel="λ (symmetric log scale)", ylabel="accuracy", title="accuracy against λ",
           xticks=list(LAMBDAS), xticklabels=[f"{x:g}" for x in LAMBDAS])
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
