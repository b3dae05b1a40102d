"""Dropout (notes 000 §1.6, 001 p. 59): a small network and two thinned networks, each drawn
from a mask of dlnotes.regularization.dropout_forward (keep_prob 0.8 in the hidden layers)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.regularization import dropout_forward

LAYERS = (3, 5, 5, 1)  # input, two hidden layers, output; only the hidden layers are dropped
KEEP_PROB = 0.8


def _positions(layers: tuple[int, ...]) -> list[np.ndarray]:
    return [np.column_stack([np.full(n, 1.6 * k), (np.arange(n) - (n - 1) / 2)])
            for k, n in enumerate(layers)]


def _draw(ax: plt.Axes, kept: list[np.ndarray], title: str) -> None:
    pos = _positions(LAYERS)
    for k in range(len(LAYERS) - 1):
        for i, (x0, y0) in enumerate(pos[k]):
            for j, (x1, y1) in enumerate(pos[k + 1]):
                on = kept[k][i] and kept[k + 1][j]
                ax.plot([x0, x1], [y0, y1], color="0.3" if on else "0.7",
                        lw=0.8, ls="-" if on else (0, (2, 2)), zorder=1)  # dashed: removed
    for k, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            ax.add_patch(plt.Circle((x, y), 0.17, facecolor="white" if kept[k][i] else "0.92",
                                    edgecolor="k" if kept[k][i] else "0.6", zorder=2))
            if not kept[k][i]:  # a dropped unit: crossed out
                ax.plot([x - 0.15, x + 0.15], [y - 0.15, y + 0.15], color="C3", lw=2, zorder=3)
                ax.plot([x - 0.15, x + 0.15], [y + 0.15, y - 0.15], color="C3", lw=2, zorder=3)
    ax.set(xlim=(-0.4, 1.6 * (len(LAYERS) - 1) + 0.4), ylim=(-2.6, 2.6), aspect="equal")
    ax.set_title(title, fontsize=9)
    ax.axis("off")


def make_figure() -> plt.Figure:
    rng = np.random.default_rng(0)
    everything = [np.ones(n, dtype=bool) for n in LAYERS]
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
    _draw(axes[0], everything, "the full network\n(test time: nothing dropped)")
    for t, ax in enumerate(axes[1:], start=1):
        kept = [everything[0]]
        for n in LAYERS[1:-1]:
            _, mask = dropout_forward(np.ones((n, 1)), KEEP_PROB, rng=rng)  # one example's d[l]
            kept.append(mask[:, 0] == 1.0)
        kept.append(everything[-1])
        dropped = sum(int((~layer).sum()) for layer in kept)
        assert dropped > 0  # a thinned network to show
        _draw(ax, kept, f"training iteration {t}: a thinned network\n"
                        f"({dropped} of {sum(LAYERS[1:-1])} hidden units dropped)")
    fig.tight_layout()
    return fig
