"""Accuracy is a staircase in the weight, the cross-entropy cost a smooth bowl (notes 001 p. 23)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import sigmoid
from dlnotes.losses import binary_cross_entropy_with_logits


def make_figure() -> plt.Figure:
    rng = np.random.default_rng(0)
    m = 40
    x = rng.normal(size=(1, m))  # one feature, m examples as columns
    y = (x + 0.5 * rng.normal(size=(1, m)) > 0).astype(float)
    b = 0.3
    ws = np.linspace(-3.0, 6.0, 901)
    Z = ws[:, None] * x + b  # one row of logits per candidate weight w
    accuracy = np.mean((sigmoid(Z) > 0.5) == y, axis=1)
    cost = np.array([binary_cross_entropy_with_logits(z[None, :], y) for z in Z])

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
    left.plot(ws, accuracy, color="C1")
    left.set(xlabel="w", ylabel="accuracy", title="Accuracy: flat steps, gradient 0")
    right.plot(ws, cost, color="C0")
    right.set(xlabel="w", ylabel="J(w)", title="Cross-entropy cost: smooth, informative slope")
    fig.tight_layout()
    return fig
