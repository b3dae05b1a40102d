"""Error of the one-sided and two-sided differences of f(θ) = θ³ at θ = 1 against the step ε
(notes 000 §1.12): O(ε) against O(ε²) until rounding takes over for tiny ε."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.gradcheck import numerical_gradient, one_sided_difference


def cube(theta: np.ndarray) -> float:
    return float(np.sum(theta**3))


def make_figure() -> plt.Figure:
    eps = np.logspace(-12, -1, 45)
    theta = np.array([1.0])
    exact = 3.0
    one = [abs(one_sided_difference(cube, theta, eps=e)[0] - exact) for e in eps]
    two = [abs(numerical_gradient(cube, theta, eps=e)[0] - exact) for e in eps]

    fig, ax = plt.subplots(figsize=(9, 3.8))
    ax.loglog(eps, one, marker=".",
              label=r"one-sided $(f(\theta+\varepsilon)-f(\theta))/\varepsilon$")
    ax.loglog(eps, two, marker=".",
              label=r"two-sided $(f(\theta+\varepsilon)-f(\theta-\varepsilon))/2\varepsilon$")
    ax.loglog(eps, 3 * eps, color="0.6", ls="--", lw=0.8, label=r"$3\varepsilon$")
    ax.loglog(eps, eps**2, color="0.6", ls=":", lw=0.8, label=r"$\varepsilon^2$")
    ax.plot([0.01, 0.01], [1e-4, 0.0301], "ko", ms=4)
    ax.annotate("ε = 0.01: errors 0.0301 and 0.0001", (0.01, 0.0301), textcoords="offset points",
                xytext=(-190, 6), fontsize=8)
    ax.set(xlabel="step ε", ylabel="|approximation − 3|", ylim=(1e-14, 1),
           title=r"Derivative of $\theta^3$ at $\theta = 1$")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig
