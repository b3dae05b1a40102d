"""Activations of the chapter (left) and their derivatives (right), drawn by dlnotes."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import (
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)


def make_figure() -> plt.Figure:
    z = np.linspace(-4.0, 4.0, 801)
    alpha = 0.1  # a visible Leaky ReLU slope (the default 0.01 would look like ReLU)
    curves = [
        ("sigmoid", sigmoid(z), sigmoid_grad(z), "-"),
        ("tanh", tanh(z), tanh_grad(z), "-"),
        ("ReLU", relu(z), relu_grad(z), "-"),
        (f"Leaky ReLU (α = {alpha})", leaky_relu(z, alpha), leaky_relu_grad(z, alpha), "--"),
        ("ELU (α = 1)", elu(z), elu_grad(z), ":"),
    ]

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), sharex=True)
    for name, g, dg, style in curves:
        left.plot(z, g, style, label=name)
        right.plot(z, dg, style, label=name)
    left.set(xlabel="z", ylabel="g(z)", title="Activations", ylim=(-1.5, 4.0))
    right.set(xlabel="z", ylabel="g'(z)", title="Derivatives", ylim=(-0.1, 1.2))
    for ax in (left, right):
        ax.axhline(0, color="0.7", lw=0.8)
        ax.axvline(0, color="0.7", lw=0.8)
    left.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
