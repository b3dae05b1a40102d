"""A small array image and what flip, crop and shift make of it."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.regularization import crop, flip, random_shift, shift


def letter_f() -> np.ndarray:
    """An 8 × 8 'F': asymmetric, so every transformation is visible."""
    img = np.zeros((8, 8))
    img[1:7, 2] = 1.0
    img[1, 2:6] = 1.0
    img[3, 2:5] = 1.0
    return img


def make_figure() -> plt.Figure:
    img = letter_f()
    shifted = random_shift(np.stack([img] * 2), 2, rng=np.random.default_rng(0))
    panels = [
        ("original", img),
        ("flip (horizontal)", flip(img)),
        ("crop 6 × 6 at (1, 1)", crop(img, 1, 1, 6, 6)),
        ("shift dy = 1, dx = −2", shift(img, 1, -2)),
        ("random_shift, image 1", shifted[0]),
        ("random_shift, image 2", shifted[1]),
    ]
    fig, axes = plt.subplots(1, len(panels), figsize=(11, 2.3))
    for ax, (title, pic) in zip(axes, panels, strict=True):
        ax.imshow(pic, cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(title, fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig
