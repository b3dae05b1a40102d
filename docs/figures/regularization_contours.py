"""Cost contours of a two-feature linear regression before and after input normalization,
with 20 steps of gradient descent at learning rate 1/λ_max from the same offset."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.regularization import fit_normalizer, normalize


def _problem(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """J(w) = (1/2m)‖wᵀX − y‖² (centered data, no bias): Hessian H = XXᵀ/m, g = Xyᵀ/m."""
    m = X.shape[1]
    return X @ X.T / m, X @ y.T / m


def _panel(ax: plt.Axes, X: np.ndarray, y: np.ndarray, title: str) -> None:
    H, g = _problem(X, y)
    w_star = np.linalg.solve(H, g)
    lr = 1.0 / np.linalg.eigvalsh(H).max()  # as large as the steepest direction allows
    path = [w_star + np.array([[-3.0], [1.5]])]
    for _ in range(20):
        path.append(path[-1] - lr * (H @ path[-1] - g))
    pts = np.hstack(path)
    span = np.full(2, np.abs(pts - w_star).max() * 1.3)  # a square window: circles look round
    w1 = np.linspace(w_star[0, 0] - span[0], w_star[0, 0] + span[0], 200)
    w2 = np.linspace(w_star[1, 0] - span[1], w_star[1, 0] + span[1], 200)
    W1, W2 = np.meshgrid(w1, w2)
    d1, d2 = W1 - w_star[0, 0], W2 - w_star[1, 0]
    J = 0.5 * (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2)  # J − J(w*)
    ax.contour(W1, W2, J, levels=np.quantile(J, np.linspace(0.005, 0.6, 12)), cmap="viridis")
    ax.plot(pts[0], pts[1], "o-", color="C3", ms=2.5, lw=1)
    ax.plot(*w_star, "k*", ms=9)
    ax.set(xlabel="$w_1$", ylabel="$w_2$", title=title, aspect="equal")


def make_figure() -> plt.Figure:
    rng = np.random.default_rng(0)
    m = 400
    X = np.vstack([rng.normal(0, 1.0, m), rng.normal(0, 8.0, m)])  # x2 spans a wider range
    X = X - X.mean(axis=1, keepdims=True)
    y = np.array([[1.5, 0.25]]) @ X + 0.1 * rng.normal(size=(1, m))
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    _panel(left, X, y, "raw inputs: elongated contours")
    _panel(right, normalize(X, *fit_normalizer(X)), y, "normalized inputs: round contours")
    fig.tight_layout()
    return fig
