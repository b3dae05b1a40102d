"""The Venn picture of H(X), H(Y), H(X|Y), H(Y|X) and I(X;Y), with values computed for one table."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle

from dlnotes.information import conditional_entropy, entropy, joint_entropy, mutual_information

# the joint table used on the page: pxy[i, j] = P(X = x_i, Y = y_j)
PXY = np.array([[0.30, 0.10, 0.05], [0.05, 0.20, 0.30]])


def make_figure() -> plt.Figure:
    h_x, h_y = entropy(PXY.sum(axis=1)), entropy(PXY.sum(axis=0))
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.add_patch(Circle((-0.55, 0), 1.0, alpha=0.35, color="C0"))
    ax.add_patch(Circle((0.55, 0), 1.0, alpha=0.35, color="C1"))
    ax.text(-1.05, 0, f"H(X|Y)\n{conditional_entropy(PXY):.3f}", ha="center", va="center")
    ax.text(0, 0, f"I(X;Y)\n{mutual_information(PXY):.3f}", ha="center", va="center")
    ax.text(1.05, 0, f"H(Y|X)\n{conditional_entropy(PXY.T):.3f}", ha="center", va="center")
    ax.text(-0.55, 1.12, f"H(X) = {h_x:.3f}", ha="center")
    ax.text(0.55, -1.22, f"H(Y) = {h_y:.3f}", ha="center")
    ax.set_title(f"H(X, Y) = {joint_entropy(PXY):.3f} nats: the union of the two circles")
    ax.set(xlim=(-1.8, 1.8), ylim=(-1.4, 1.35), aspect="equal")
    ax.axis("off")
    fig.tight_layout()
    return fig
