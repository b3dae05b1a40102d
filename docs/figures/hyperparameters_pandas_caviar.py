"""Pandas against caviar (notes 000 §3.3), from real training runs of a 2-8-1 network on 300
generated moons: one model babysat day by day (a "day" is 50 Adam steps, from α = 0.01; the
learning rate is doubled after a good day and cut by 4 after a bad one, whose steps are rolled
back), against 12 models with log-uniform learning rates trained in parallel for 400 steps."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_moons
from dlnotes.initializers import initialize_parameters
from dlnotes.network import compute_cost, model_backward, model_forward
from dlnotes.optimizers import Adam
from dlnotes.tuning import sample_log_uniform

DAYS, STEPS_PER_DAY = 8, 50
COLORS, NORM = plt.cm.viridis, plt.Normalize(-4, 0)


def run(X, Y, params, state, alpha, steps):
    """`steps` Adam steps at rate `alpha`; the parameters, the state and the cost before each."""
    opt, costs = Adam(alpha), []
    for _ in range(steps):
        AL, caches = model_forward(X, params)
        costs.append(compute_cost(AL, Y))
        params, state = opt.update(params, model_backward(AL, Y, caches), state)
    return params, state, np.array(costs)


def make_figure() -> plt.Figure:
    X, Y = make_moons(300, noise=0.2, rng=np.random.default_rng(0))
    Y = Y.astype(float)
    fig, (ax_p, ax_c) = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)

    params = initialize_parameters([2, 8, 1], "he", rng=np.random.default_rng(1))
    state, alpha, cost = Adam().init(params), 1e-2, np.inf
    for day in range(DAYS):
        steps = np.arange(day * STEPS_PER_DAY, (day + 1) * STEPS_PER_DAY)
        new_params, new_state, costs = run(X, Y, params, state, alpha, STEPS_PER_DAY)
        new_cost = compute_cost(model_forward(X, new_params)[0], Y)
        good = new_cost < cost
        if good:
            ax_p.plot(steps, costs, color="C0", lw=1.5,
                      label="the one model's cost" if day == 0 else None)
        else:
            ax_p.plot(steps, costs, color="0.5", ls="--", lw=1.2, label="a bad day, rolled back")
        ax_p.axvline(day * STEPS_PER_DAY, color="0.85", lw=0.8, zorder=0)
        ax_p.text((day + 0.5) * STEPS_PER_DAY, 0.72, f"α\n{alpha:.2g}", ha="center", fontsize=7)
        if good:
            params, state, cost, alpha = new_params, new_state, new_cost, alpha * 2
        else:
            alpha /= 4
    ax_p.set(xlabel=f"training step (one day = {STEPS_PER_DAY} steps)", ylabel="cost J",
             ylim=(0, 0.78), xlim=(0, DAYS * STEPS_PER_DAY),
             title="Pandas: one model, babysat day by day")
    ax_p.legend(frameon=False, fontsize=8, loc="lower left")

    alphas = np.sort(sample_log_uniform(1e-4, 1.0, rng=np.random.default_rng(2), size=12))
    finals = {}
    for alpha in alphas:
        params = initialize_parameters([2, 8, 1], "he", rng=np.random.default_rng(1))
        _, _, costs = run(X, Y, params, Adam().init(params), alpha, DAYS * STEPS_PER_DAY)
        finals[alpha] = costs[-1]
        ax_c.plot(costs, lw=1, color=COLORS(NORM(np.log10(alpha))))
    best = min(finals, key=finals.get)
    params = initialize_parameters([2, 8, 1], "he", rng=np.random.default_rng(1))
    ax_c.plot(run(X, Y, params, Adam().init(params), best, DAYS * STEPS_PER_DAY)[2],
              color="C3", lw=2.2, label=f"the best of 12: α = {best:.2g}")
    ax_c.set(xlabel="training step (all 12 models at once)", xlim=(0, DAYS * STEPS_PER_DAY),
             title="Caviar: 12 learning rates in parallel")
    ax_c.legend(frameon=False, fontsize=8, loc="lower left")
    bar = fig.colorbar(plt.cm.ScalarMappable(norm=NORM, cmap=COLORS), ax=ax_c, pad=0.02)
    bar.set_label("log10 α of each run")
    fig.tight_layout()
    return fig
