"""Error rates of the lecture's bias/variance cases (lost from the notes' text) split into
avoidable bias, variance and data mismatch by dlnotes.strategy.diagnose."""

import matplotlib.pyplot as plt

from dlnotes.strategy import diagnose

CASES = [  # (label, human, train, dev, train-dev)
    ("train 1 %, dev 11 %", 0.0, 0.01, 0.11, None),
    ("train 15 %, dev 16 %", 0.0, 0.15, 0.16, None),
    ("train 15 %, dev 30 %", 0.0, 0.15, 0.30, None),
    ("train 0.5 %, dev 1 %", 0.0, 0.005, 0.01, None),
    ("human 1 %, train 2 %,\ntrain-dev 3 %, dev 10 %", 0.01, 0.02, 0.10, 0.03),
]


def make_figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(8, 3.6))
    colors = {"human": "0.75", "avoidable_bias": "C0", "variance": "C1", "data_mismatch": "C3"}
    for row, (_, human, train, dev, train_dev) in enumerate(CASES):
        d = diagnose(human, train, dev, train_dev_error=train_dev)
        left = 0.0
        for key, width in (("human", human), ("avoidable_bias", d["avoidable_bias"]),
                           ("variance", d["variance"]), ("data_mismatch", d["data_mismatch"])):
            if width:
                ax.barh(row, 100 * width, left=100 * left, color=colors[key],
                        label="human-level error" if key == "human" else key.replace("_", " "))
                left += width
        problems = ", ".join(p.replace("_", " ") for p in d["problems"]) or "both low"
        ax.text(100 * left + 0.5, row, problems, va="center", fontsize=8)
    ax.set_yticks(range(len(CASES)), [c[0] for c in CASES], fontsize=8)
    ax.invert_yaxis()
    ax.set(xlabel="error (%)", xlim=(0, 42), title="Where the dev error comes from")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig
