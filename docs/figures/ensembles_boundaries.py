"""Decision boundaries on noisy moons: a deep tree, bagging and a random forest (variance, top
row); a stump and AdaBoost after 10 and 100 rounds (bias, bottom row), each titled with its
training and test accuracy, computed by dlnotes.ensembles."""

import matplotlib.pyplot as plt
import numpy as np

from dlnotes.data import make_moons
from dlnotes.ensembles import (
    adaboost_fit,
    adaboost_predict,
    bagging_fit,
    bagging_predict,
    fit_tree,
    predict_tree,
    random_forest_fit,
    random_forest_predict,
)


def make_figure() -> plt.Figure:
    X, Y = make_moons(400, noise=0.35, rng=np.random.default_rng(0))
    X_test, Y_test = make_moons(2000, noise=0.35, rng=np.random.default_rng(1))
    deep, stump = fit_tree(X, Y, max_depth=None), fit_tree(X, Y, max_depth=1)
    bag = bagging_fit(X, Y, 100, max_depth=None, rng=np.random.default_rng(3))
    forest = random_forest_fit(X, Y, 100, max_depth=None, rng=np.random.default_rng(3))
    boost10, boost100 = adaboost_fit(X, Y, 10), adaboost_fit(X, Y, 100)
    models = [  # (title, predict function, fitted model)
        ("one deep tree", predict_tree, deep),
        ("bagging, 100 deep trees", bagging_predict, bag),
        ("random forest, 100 trees", random_forest_predict, forest),
        ("one stump", predict_tree, stump),
        ("AdaBoost, 10 stumps", adaboost_predict, boost10),
        ("AdaBoost, 100 stumps", adaboost_predict, boost100),
    ]
    u, v = np.meshgrid(np.linspace(-1.8, 2.8, 160), np.linspace(-1.5, 2.0, 120))
    grid = np.stack([u.ravel(), v.ravel()])
    fig, axes = plt.subplots(2, 3, figsize=(10.5, 6.2), sharex=True, sharey=True)
    for ax, (title, predict, model) in zip(axes.ravel(), models, strict=True):
        ax.contourf(u, v, predict(model, grid).reshape(u.shape), levels=[-0.5, 0.5, 1.5],
                    colors=["#c6dbef", "#fdd0a2"])
        ax.scatter(X[0], X[1], c=np.where(Y[0] == 1, "C1", "C0"), s=6, linewidths=0)
        train = np.mean(predict(model, X) == Y)
        test = np.mean(predict(model, X_test) == Y_test)
        ax.set_title(f"{title}\ntrain {train:.3f}, test {test:.3f}", fontsize=9)
    axes[0, 0].set_ylabel("variance: average deep trees")
    axes[1, 0].set_ylabel("bias: boost stumps")
    fig.tight_layout()
    return fig
