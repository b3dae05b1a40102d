"""Running mean and variance of one unit: the mini-batch statistics and their EWA (ρ = 0.9)."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.batchnorm import batchnorm_forward, update_running_stats
from dlnotes.data import make_moons, random_mini_batches


def make_figure() -> plt.Figure:
    X, Y = make_moons(2000, noise=0.2, rng=np.random.default_rng(0))
    W1 = np.array([[1.5, -2.0], [0.5, 1.0]])  # fixed weights: the population statistics are fixed
    ones, zeros = np.ones((2, 1)), np.zeros((2, 1))
    mean, var = zeros, zeros  # the notes' EWA starts from v_0 = 0
    history = []
    for epoch in range(2):
        batches = random_mini_batches(X, Y, 32, rng=np.random.default_rng(epoch))
        for Xb, _ in batches:
            _, cache = batchnorm_forward(W1 @ Xb, ones, zeros)
            mean, var = update_running_stats(mean, var, cache, beta=0.9)
            history.append((cache.mu[0, 0], cache.var[0, 0], mean[0, 0], var[0, 0]))
    batch_mu, batch_var, run_mu, run_var = np.array(history).T
    Z = W1 @ X
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    for ax, batch, run, pop, name in ((left, batch_mu, run_mu, Z[0].mean(), "mean μ"),
                                      (right, batch_var, run_var, Z[0].var(), "variance σ²")):
        ax.plot(batch, ".", ms=3, color="0.6", label="mini-batch value")
        ax.plot(run, color="C0", label="EWA, ρ = 0.9, from 0")
        ax.axhline(pop, color="C3", ls="--", lw=1, label="whole training set")
        ax.set(xlabel="mini-batch t (size 32)", title=f"running {name} of unit 1")
    left.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig
