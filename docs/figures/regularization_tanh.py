"""tanh is nearly linear near 0: with a large L2 λ the hidden pre-activations Z[1] stay there."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import tanh
from dlnotes.data import make_moons
from dlnotes.initializers import initialize_parameters
from dlnotes.network import model_backward, model_forward


def _train(lambd: float) -> dict[str, np.ndarray]:
    X, Y = make_moons(200, noise=0.2, rng=np.random.default_rng(1))
    params = initialize_parameters([2, 20, 1], "xavier", rng=np.random.default_rng(2))
    for _ in range(500):
        AL, caches = model_forward(X, params, hidden="tanh")
        grads = model_backward(AL, Y, caches, lambd=lambd)
        params = {k: params[k] - 0.3 * grads[k] for k in params}
    return params


def make_figure() -> plt.Figure:
    X, _ = make_moons(200, noise=0.2, rng=np.random.default_rng(1))
    z = np.linspace(-4, 4, 401)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    left.plot(z, tanh(z), label="tanh(z)")
    left.plot(z, z, color="0.6", ls="--", lw=1, label="z")
    left.axvspan(-0.5, 0.5, color="C2", alpha=0.15, label="|z| < 0.5: tanh(z) ≈ z")
    left.set(xlabel="z", ylim=(-1.5, 1.5), title="tanh is linear near 0")
    left.legend(frameon=False, loc="upper left")
    bins = np.linspace(-6, 6, 61)
    for lambd, color in ((0.0, "C0"), (20.0, "C1")):
        params = _train(lambd)
        Z1 = params["W1"] @ X + params["b1"]
        right.hist(Z1.ravel(), bins=bins, color=color, alpha=0.6, label=f"λ = {lambd:g}")
    right.axvspan(-0.5, 0.5, color="C2", alpha=0.15)
    right.set(xlabel="hidden pre-activations $Z^{[1]}$ after training", ylabel="count",
              title="L2 keeps Z in the linear region")
    right.legend(frameon=False)
    fig.tight_layout()
    return fig
