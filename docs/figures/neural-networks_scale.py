"""Notes 003 §1.4's scale picture, redrawn as a schematic: performance against the amount of
labelled data m for a traditional algorithm and small, medium and large neural networks (the
notes' yellow, blue and green curves). Illustrative shapes, not measurements."""

import matplotlib.pyplot as plt
import numpy as np

# (label, colour, level reached with unlimited data, amount of data to get halfway there)
CURVES = [
    ("traditional learning algorithm (e.g. SVM)", "tab:red", 0.55, 0.8),
    ("small neural network", "#e6b400", 0.66, 1.6),
    ("medium neural network", "tab:blue", 0.8, 2.6),
    ("large neural network", "tab:green", 0.97, 4.0),
]


def performance(m: np.ndarray, level: float, half: float) -> np.ndarray:
    """A saturating curve: 0 at m = 0, level/2 at m = half, tending to level."""
    return level * m**2 / (m**2 + half**2)


def make_figure() -> plt.Figure:
    m = np.linspace(0.0, 12.0, 400)
    fig, ax = plt.subplots(figsize=(7, 4))
    for label, color, level, half in CURVES:
        ax.plot(m, performance(m, level, half), color=color, lw=2, label=label)
    ax.axvspan(0.0, 2.5, color="0.9", zorder=0)
    ax.text(1.25, 0.95, "small m:\norder not\nwell defined", ha="center", va="top", fontsize=8)
    ax.text(11.8, 0.05, "large m: large networks lead", ha="right", fontsize=8)
    ax.set(xlabel="amount of labelled data m", ylabel="performance", xlim=(0, 12),
           ylim=(0, 1), xticks=[], yticks=[],
           title="Scale drives deep learning (schematic after notes 003 §1.4)")
    ax.legend(frameon=False, fontsize=8, loc="lower right", bbox_to_anchor=(1.0, 0.1))
    fig.tight_layout()
    return fig
