"""Signal scale through a deep ReLU network for different weight scales: activations going
forward, weight gradients going backward (notes 000 §1.10-1.11)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.initializers import initialize_parameters
from dlnotes.network import model_backward, model_forward

DEPTH, WIDTH, M = 30, 100, 256
SETTINGS = [  # (label, method, scale of "random")
    ("random × 0.01", "random", 0.01),
    ("xavier √(1/n)", "xavier", 0.01),
    ("he √(2/n)", "he", 0.01),
    ("random × 0.3", "random", 0.3),
]


def signal_scales(method: str, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Std of A[l] for l = 0..L−1, and the Frobenius norm of dW[l] for l = 1..L."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((WIDTH, M))
    Y = (rng.random((1, M)) < 0.5).astype(float)
    dims = [WIDTH] * DEPTH + [1]
    params = initialize_parameters(dims, method, rng=rng, scale=scale)
    AL, caches = model_forward(X, params, hidden="relu")
    grads = model_backward(AL, Y, caches)
    stds = np.array([np.std(c.layer.linear.A_prev) for c in caches])
    norms = np.array([np.linalg.norm(grads[f"W{k}"]) for k in range(1, DEPTH + 1)])
    return stds, norms


def make_figure() -> plt.Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    for label, method, scale in SETTINGS:
        stds, norms = signal_scales(method, scale)
        left.semilogy(np.arange(DEPTH), stds, marker=".", label=label)
        right.semilogy(np.arange(1, DEPTH + 1), norms, marker=".", label=label)
    left.set(xlabel="layer l", ylabel="std of $A^{[l]}$", title="Forward: activations")
    right.set(xlabel="layer l", ylabel=r"$\|dW^{[l]}\|_F$", title="Backward: gradients")
    left.legend(frameon=False, fontsize=8)
    fig.suptitle(f"ReLU network, {DEPTH} layers of {WIDTH} units", fontsize=10)
    fig.tight_layout()
    return fig
