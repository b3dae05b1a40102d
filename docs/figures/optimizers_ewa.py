"""Exponentially weighted averages of a generated year of daily temperatures (notes 000
§2.3-2.5): β = 0.5, 0.9, 0.98, and the bias correction at the start of the β = 0.98 curve."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.optimizers import exponentially_weighted_average


def daily_temperatures() -> np.ndarray:
    """365 days of a London-like year: a seasonal cosine (coldest mid-January) plus noise."""
    day = np.arange(1, 366)
    noise = np.random.default_rng(0).normal(scale=3.0, size=day.size)
    return 11.0 - 7.0 * np.cos(2 * np.pi * (day - 15) / 365) + noise


def make_figure() -> plt.Figure:
    theta = daily_temperatures()
    day = np.arange(1, theta.size + 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for ax in (left, right):
        ax.scatter(day, theta, s=5, color="0.6", label=r"$\theta_t$ (°C)")
    for beta, color in ((0.5, "tab:orange"), (0.9, "tab:red"), (0.98, "tab:green")):
        v = exponentially_weighted_average(theta, beta, bias_correction=True)
        left.plot(day, v, color=color, label=rf"$\beta$ = {beta} (≈ {1 / (1 - beta):.0f} days)")
    left.set(xlabel="day t", ylabel="temperature", title="Averages over about 1/(1 − β) days")
    raw = exponentially_weighted_average(theta, 0.98)
    corrected = exponentially_weighted_average(theta, 0.98, bias_correction=True)
    right.plot(day, raw, color="tab:purple", label=r"$v_t$, from $v_0 = 0$")
    right.plot(day, corrected, color="tab:green", label=r"$v_t / (1 - \beta^t)$")
    right.set(xlim=(0, 120), xlabel="day t", title=r"Bias correction, $\beta$ = 0.98")
    for ax in (left, right):
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig
