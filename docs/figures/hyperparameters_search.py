"""Grid against random search over (α, ε) with 25 trials each (notes 000 §3.1), and uniform
against log-scale sampling of α on [1e-4, 1] (000 §3.2, 002)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.tuning import grid_points, random_points, sample_log_uniform

BOUNDS = [(1e-4, 1.0), (1e-9, 1e-6)]  # α (important), ε (hardly matters)


def make_figure() -> plt.Figure:
    grid = grid_points(BOUNDS, 5, log=[True, True])
    rand = random_points(BOUNDS, 25, rng=np.random.default_rng(0), log=[True, True])
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.6))
    for ax, points, title in ((axes[0], grid, "Grid: 25 trials, 5 values of α"),
                              (axes[1], rand, "Random: 25 trials, 25 values of α")):
        ax.scatter(points[:, 0], points[:, 1], s=18, color="tab:blue")
        for alpha in np.unique(points[:, 0]):  # the values of α actually tried
            ax.axvline(alpha, ymax=0.06, color="tab:red", lw=1)
        ax.set(xscale="log", yscale="log", xlabel="α (learning rate)", ylabel="ε", title=title)
    rng = np.random.default_rng(1)
    uniform = rng.uniform(1e-4, 1.0, size=5000)
    log_scale = sample_log_uniform(1e-4, 1.0, rng=rng, size=5000)
    bins = np.logspace(-4, 0, 17)
    axes[2].hist(uniform, bins=bins, alpha=0.6, label="uniform on [1e-4, 1]")
    axes[2].hist(log_scale, bins=bins, alpha=0.6, label=r"$10^r$, $r = -4\cdot$rand")
    axes[2].set(xscale="log", xlabel="α", ylabel="samples (of 5000)", title="Choosing the scale")
    axes[2].legend(frameon=False, fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig
