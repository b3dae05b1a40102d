"""Batch norm's data flow through one layer (notes 000 §3.4–§3.5): one unit's values over a
mini-batch of 256 examples at each stage, Z → Z_norm → Z̃ → A = ReLU(Z̃)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.activations import relu
from dlnotes.batchnorm import batchnorm_forward
from dlnotes.data import make_moons


def make_figure() -> plt.Figure:
    X, _ = make_moons(256, noise=0.2, rng=np.random.default_rng(0))  # one mini-batch
    W = np.array([[3.0, -4.0], [1.0, 2.0]])
    b = np.array([[6.0], [0.0]])
    Z = W @ X + b  # unit 1 is centred far from 0
    gamma, beta = np.array([[1.5], [1.0]]), np.array([[0.5], [0.0]])
    Z_tilde, cache = batchnorm_forward(Z, gamma, beta)
    A = relu(Z_tilde)
    stages = (
        (Z, "$Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$"),
        (cache.Z_norm, "$Z_{norm} = (Z - \\mu)/\\sqrt{\\sigma^2 + \\varepsilon}$"),
        (Z_tilde, "$\\tilde Z = \\gamma Z_{norm} + \\beta$\n(γ = 1.5, β = 0.5)"),
        (A, "$A^{[l]} = \\mathrm{ReLU}(\\tilde Z)$"),
    )
    arrows = ("− μ\n÷ √(σ² + ε)", "× γ\n+ β", "g = ReLU")
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4))
    for ax, (values, title) in zip(axes, stages, strict=True):
        v = values[0]
        ax.hist(v, bins=30, color="C0", alpha=0.75)
        ax.axvline(v.mean(), color="C3", ls="--", lw=1, label="mean")
        ax.set_title(title, fontsize=9)
        mean = round(float(v.mean()), 2) + 0.0  # no "-0.00"
        ax.set_xlabel(f"unit 1: mean {mean:.2f}, std {v.std():.2f}", fontsize=8)
        ax.set_yticks([])
    axes[0].set_ylabel("count (one mini-batch)")
    axes[0].legend(frameon=False, fontsize=8)
    fig.tight_layout(w_pad=5.0)
    for left, right, text in zip(axes[:-1], axes[1:], arrows, strict=True):
        x0, x1 = left.get_position().x1, right.get_position().x0  # the gap between two panels
        start, end = x0 + 0.25 * (x1 - x0), x0 + 0.75 * (x1 - x0)
        fig.add_artist(plt.Annotation("", xy=(end, 0.5), xytext=(start, 0.5),
                                      xycoords="figure fraction",
                                      arrowprops={"arrowstyle": "->", "color": "0.3", "lw": 1.5}))
        fig.text((x0 + x1) / 2, 0.54, text, fontsize=8, ha="center", va="bottom")
    return fig
