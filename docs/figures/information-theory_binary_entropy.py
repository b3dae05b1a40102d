"""Binary entropy H(p) in bits, and both KL divergences between Bernoulli(1/2) and Bernoulli(q)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.information import entropy, kl_divergence


def make_figure() -> plt.Figure:
    p = np.linspace(0.0, 1.0, 401)
    coin = np.stack([p, 1 - p])  # each column is one distribution (p, 1 - p)
    half = np.full_like(coin, 0.5)
    inner = coin[:, 1:-1]  # KL(A‖q) is infinite at q = 0 and q = 1

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    left.plot(p, entropy(coin, base=2), color="C0")
    left.set(xlabel="p = P(X = 1)", ylabel="H(p) in bits", title="Binary entropy")
    left.axvline(0.5, color="0.7", lw=0.8, ls="--")

    right.plot(p[1:-1], kl_divergence(half[:, 1:-1], inner), label=r"$D_{KL}(A \| Q)$")
    right.plot(p, kl_divergence(coin, half), label=r"$D_{KL}(Q \| A)$")
    for name, q in (("B", 3 / 4), ("C", 7 / 8)):
        right.plot([q], [kl_divergence([0.5, 0.5], [1 - q, q])], "ko", ms=4)
        right.annotate(name, (q, float(kl_divergence([0.5, 0.5], [1 - q, q]))),
                       textcoords="offset points", xytext=(-12, 4))
    right.set(xlabel="q = Q(X = 1), with A = (1/2, 1/2)", ylabel="nats", ylim=(0, 1.2),
              title="KL is not symmetric")
    right.legend(frameon=False)
    fig.tight_layout()
    return fig
