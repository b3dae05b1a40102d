"""Exponentially weighted averages of a generated year of daily temperatures (notes 000
§2.3-2.5): β = 0.5, 0.9 and 0.98 over the same data, each with and without the bias correction.
β = 0.98 keeps the colours of 000 §2.5: purple without the correction, green
with it; the pictures themselves are lost from the notes' text."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.optimizers import exponentially_weighted_average


def daily_temperatures() -> np.ndarray:
    """365 days of a London-like year: a seasonal cosine (coldest mid-January) plus noise."""
    day = np.arange(1, 366)
    noise = np.random.default_rng(0).normal(scale=3.0, size=day.size)
    return 11.0 - 7.0 * np.cos(2 * np.pi * (day - 15) / 365) + noise


CURVES = (  # β, colour with the correction, colour without it
    (0.5, "tab:orange", "tab:orange"),
    (0.9, "tab:red", "tab:red"),
    (0.98, "tab:green", "tab:purple"),
)


def make_figure() -> plt.Figure:
    theta = daily_temperatures()
    day = np.arange(1, theta.size + 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    for ax in (left, right):
        ax.scatter(day, theta, s=5, color="0.6", label=r"$\theta_t$ (°C)")
        for beta, corrected_color, raw_color in CURVES:
            raw = exponentially_weighted_average(theta, beta)
            corrected = exponentially_weighted_average(theta, beta, bias_correction=True)
            days = f"≈ {1 / (1 - beta):.0f} days"
            ax.plot(day, corrected, color=corrected_color, lw=1.2,
                    label=rf"$\beta$ = {beta} ({days}), $v_t / (1 - \beta^t)$")
            ax.plot(day, raw, color=raw_color, lw=1.0, ls=(0, (4, 2)),
                    label=rf"$\beta$ = {beta}, $v_t$ from $v_0 = 0$")
    left.set(xlabel="day t", ylabel="temperature",
             title="A year: averages over about 1/(1 − β) days")
    right.set(xlim=(0, 60), ylim=(-3, 14), xlabel="day t",
              title="The first 60 days: the bias of $v_0 = 0$")
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, frameon=False, fontsize=8, ncol=4, loc="lower center")
    fig.tight_layout(rect=(0, 0.16, 1, 1))
    return fig
