"""The fitting chapter's experiment: each cure of notes 001 pp. 57-59 applied to one
underfitting and one overfitting model on the same noisy moons, train and test accuracy side by
side. Run when the site is built; the build fails unless the claims the chapter makes hold."""

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
from dlnotes.features import (
    cross_validate,
    pca,
    pca_transform,
    polynomial_features,
    select_k_best,
)
from dlnotes.logistic import propagate
from dlnotes.network import predict, train
from dlnotes.optimizers import Adam
from dlnotes.regularization import EarlyStopping, dropout_forward, fit_normalizer, normalize

M_TRAIN, M_TEST, FLIP = 100, 2000, 0.1  # 100 training examples, 10 % of all labels flipped
# the models the cures start from (each row names its start; a start names None)
LINEAR, STRONG = "linear model (degree 1)", "degree 3 with strong L2, λ = 30"
STUMP, DEG15, TREE = "one decision stump", "degree 15 (135 features)", "one fully grown tree"


def noisy_moons(m, rng):
    """The moons (noise 0.2) with a fraction FLIP of the labels flipped: label noise."""
    X, Y = make_moons(m, noise=0.2, rng=rng)
    return X, np.where(rng.random((1, m)) < FLIP, 1 - Y, Y)


def design(X_train, X_other, degree):
    """Polynomial features of the training inputs and of other inputs, normalized with the
    training set's mean and standard deviation."""
    P = polynomial_features(X_train, degree, include_bias=False)
    mu, sigma = fit_normalizer(P)
    Q = polynomial_features(X_other, degree, include_bias=False)
    return normalize(P, mu, sigma), normalize(Q, mu, sigma)


def fit_logistic(X, Y, *, lambd=0.0, keep_prob=1.0, rng=None, dev=None, steps=2000):
    """Logistic regression by Adam (α = 0.3) on the cost + λ/(2m)‖w‖²; with keep_prob < 1 a
    fresh dropout mask on the input features at every step; with dev = (X_dev, Y_dev) early
    stopping on the dev cost (checked every 20 steps, patience 10), keeping the best."""
    params = {"w": np.zeros((X.shape[0], 1)), "b": np.zeros((1, 1))}
    adam, m = Adam(lr=0.3), X.shape[1]
    state = adam.init(params)
    stopper = EarlyStopping(patience=10)
    watch, best = stopper.init(), params
    for step in range(steps):
        X_t = X if keep_prob == 1.0 else dropout_forward(X, keep_prob, rng=rng)[0]
        g, _ = propagate(params["w"], float(params["b"][0, 0]), X_t, Y)
        grads = {"w": g["w"] + lambd / m * params["w"], "b": np.full((1, 1), g["b"])}
        params, state = adam.update(params, grads, state)
        if dev is not None and step % 20 == 0:
            watch = stopper.update(watch, propagate(params["w"], float(params["b"][0, 0]),
                                                    *dev)[1])
            best = params if watch.best_epoch == watch.epoch - 1 else best
            if watch.stop:
                break
    return best if dev is not None else params


def accuracy(params, X, Y):
    return float(np.mean(((params["w"].T @ X + params["b"]) > 0) == Y))


def logistic_row(A, B, Y_train, Y_test, **kwargs):
    params = fit_logistic(A, Y_train, **kwargs)
    return accuracy(params, A, Y_train), accuracy(params, B, Y_test)


def cv_degree(X, Y, degrees, k=5):
    """The degree with the best mean accuracy over k folds of the training set."""

    def scores(d):
        def fit(X_fit, Y_fit):  # sees the k − 1 training folds only
            P = polynomial_features(X_fit, d, include_bias=False)
            mu, sigma = fit_normalizer(P)
            return fit_logistic(normalize(P, mu, sigma), Y_fit), (mu, sigma)

        def score(model, X_val, Y_val):
            params, (mu, sigma) = model
            P = normalize(polynomial_features(X_val, d, include_bias=False), mu, sigma)
            return accuracy(params, P, Y_val)

        return cross_validate(fit, score, X, Y, k=k)

    means = {d: float(scores(d).mean()) for d in degrees}
    return max(means, key=means.get), means


def run():
    """[(panel, label, train accuracy, test accuracy, the label of its start)], computed."""
    rng = np.random.default_rng(1)
    X, Y = noisy_moons(M_TRAIN, rng)
    X_test, Y_test = noisy_moons(M_TEST, rng)
    rows = []

    # underfitting: a linear model of the raw inputs
    A1, B1 = design(X, X_test, 1)
    rows.append(("under", LINEAR, *logistic_row(A1, B1, Y, Y_test), None))
    A_new = np.vstack([A1, A1[:1] ** 3])  # one new feature: the cube of the normalized x1
    B_new = np.vstack([B1, B1[:1] ** 3])
    rows.append(("under", "1. a new feature: (normalized x₁)³",
                 *logistic_row(A_new, B_new, Y, Y_test), LINEAR))
    A3, B3 = design(X, X_test, 3)
    rows.append(("under", "2. polynomial features, degree 3",
                 *logistic_row(A3, B3, Y, Y_test), LINEAR))
    rows.append(("under", STRONG,
                 *logistic_row(A3, B3, Y, Y_test, lambd=30.0), None))
    rows.append(("under", "3. weaker L2, λ = 0.3",
                 *logistic_row(A3, B3, Y, Y_test, lambd=0.3), STRONG))
    mu, sigma = fit_normalizer(X)
    Xn, Xn_test = normalize(X, mu, sigma), normalize(X_test, mu, sigma)
    net, _ = train(Xn, Y, [2, 5, 1], Adam(lr=0.05), num_epochs=300, hidden="tanh",
                   rng=np.random.default_rng(2))
    rows.append(("under", "4. non-linear model: network [2, 5, 1]",
                 float(np.mean(predict(Xn, net, hidden="tanh") == Y)),
                 float(np.mean(predict(Xn_test, net, hidden="tanh") == Y_test)), LINEAR))
    stump = fit_tree(X, Y, max_depth=1)
    rows.append(("under", STUMP, float(np.mean(predict_tree(stump, X) == Y)),
                 float(np.mean(predict_tree(stump, X_test) == Y_test)), None))
    boost = adaboost_fit(X, Y, 50)
    rows.append(("under", "5. ensemble: AdaBoost, 50 stumps",
                 float(np.mean(adaboost_predict(boost, X) == Y)),
                 float(np.mean(adaboost_predict(boost, X_test) == Y_test)), STUMP))

    # overfitting: degree-15 polynomial logistic regression (135 features, 100 examples)
    A15, B15 = design(X, X_test, 15)
    rows.append(("over", DEG15, *logistic_row(A15, B15, Y, Y_test), None))
    rows.append(("over", "1a. fewer features by hand: degree 3",
                 *logistic_row(A3, B3, Y, Y_test), DEG15))
    kept = select_k_best(A15, Y, 10)
    rows.append(("over", "1a. selection: the 10 best F scores",
                 *logistic_row(A15[kept], B15[kept], Y, Y_test), DEG15))
    U, _, mean = pca(A15, 10)
    rows.append(("over", "1b. PCA: 10 components",
                 *logistic_row(pca_transform(A15, U, mean), pca_transform(B15, U, mean),
                               Y, Y_test), DEG15))
    rows.append(("over", "2. L2 regularization, λ = 1",
                 *logistic_row(A15, B15, Y, Y_test, lambd=1.0), DEG15))
    jitter = np.random.default_rng(3)
    X_aug = np.hstack([X] + [X + 0.1 * jitter.standard_normal(X.shape) for _ in range(4)])
    A_aug, B_aug = design(X_aug, X_test, 15)
    params = fit_logistic(A_aug, np.tile(Y, 5))
    rows.append(("over", "3. augmentation: 4 jittered copies",
                 accuracy(params, A_aug[:, :M_TRAIN], Y), accuracy(params, B_aug, Y_test),
                 DEG15))
    A_fit, B_fit = design(X[:, :80], np.hstack([X[:, 80:], X_test]), 15)
    params = fit_logistic(A_fit, Y[:, :80], dev=(B_fit[:, :20], Y[:, 80:]))
    rows.append(("over", "4. early stopping (dev: 20 of the 100)",
                 accuracy(params, A_fit, Y[:, :80]), accuracy(params, B_fit[:, 20:], Y_test),
                 DEG15))
    rows.append(("over", "5. dropout on the inputs, keep_prob 0.7",
                 *logistic_row(A15, B15, Y, Y_test, keep_prob=0.7,
                               rng=np.random.default_rng(4)), DEG15))
    best, _ = cv_degree(X, Y, (1, 3, 15))
    A_cv, B_cv = design(X, X_test, best)
    rows.append(("over", f"6. 5-fold CV picks degree {best}",
                 *logistic_row(A_cv, B_cv, Y, Y_test), DEG15))
    tree = fit_tree(X, Y, max_depth=None)
    rows.append(("over", TREE,
                 float(np.mean(predict_tree(tree, X) == Y)),
                 float(np.mean(predict_tree(tree, X_test) == Y_test)), None))
    bag = bagging_fit(X, Y, 50, max_depth=None, rng=np.random.default_rng(5))
    rows.append(("over", "7. bagging, 50 trees", float(np.mean(bagging_predict(bag, X) == Y)),
                 float(np.mean(bagging_predict(bag, X_test) == Y_test)), TREE))
    forest = random_forest_fit(X, Y, 50, max_depth=None, rng=np.random.default_rng(6))
    rows.append(("over", "7. random forest, 50 trees",
                 float(np.mean(random_forest_predict(forest, X) == Y)),
                 float(np.mean(random_forest_predict(forest, X_test) == Y_test)), TREE))
    return rows


def check(rows):
    """What the chapter says about this run; a failed check fails the build."""
    by_label = {r[1]: r for r in rows}
    linear, deg15, tree = by_label[LINEAR], by_label[DEG15], by_label[TREE]
    assert linear[2] < 0.85 and abs(linear[2] - linear[3]) < 0.05  # both low, close: underfits
    assert deg15[2] - deg15[3] > 0.15 and tree[2] == 1.0  # both overfit
    for _, label, train_acc, test_acc, start in rows:
        if start is None:
            continue
        base = by_label[start]
        assert test_acc > base[3], label  # every cure raises the test accuracy ...
        if start in (LINEAR, STRONG, STUMP):
            assert train_acc > base[2], label  # ... of underfitting also the training accuracy
        if start == DEG15:
            assert train_acc - test_acc < base[2] - base[3], label  # ... and narrows the gap
    cures = [r for r in rows if r[4] == DEG15]
    by_hand = next(r for r in cures if "by hand" in r[1])
    early = next(r for r in cures if "early stopping" in r[1])
    assert by_hand[3] == max(r[3] for r in cures)  # the right complexity helps most here
    assert early[3] == min(r[3] for r in cures)  # early stopping least


def make_figure() -> plt.Figure:
    rows = run()
    check(rows)
    fig, axes = plt.subplots(1, 2, figsize=(11, 6.4), gridspec_kw={"width_ratios": [8, 11]})
    for ax, panel, title in ((axes[0], "under", "Cures of underfitting (001 p. 57)"),
                             (axes[1], "over", "Cures of overfitting (001 pp. 58–59)")):
        part = [r for r in rows if r[0] == panel]
        y = np.arange(len(part))
        train_acc = [100 * r[2] for r in part]
        test_acc = [100 * r[3] for r in part]
        ax.barh(y - 0.2, train_acc, 0.4, color="C0", label="train")
        ax.barh(y + 0.2, test_acc, 0.4, color="C1", label="test")
        for i, (tr, te) in enumerate(zip(train_acc, test_acc, strict=True)):
            ax.text(tr + 0.4, i - 0.2, f"{tr:.0f}", va="center", fontsize=7)
            ax.text(te + 0.4, i + 0.2, f"{te:.1f}", va="center", fontsize=7)
        labels = [("▶ " if r[4] is None else "") + r[1] for r in part]
        ax.set_yticks(y, labels, fontsize=8)
        for tick, r in zip(ax.get_yticklabels(), part, strict=True):
            tick.set_fontweight("bold" if r[4] is None else "normal")
        ax.invert_yaxis()
        ax.set(xlim=(50, 106), xlabel="accuracy (%)", title=title)
        ax.title.set_fontsize(10)
    axes[0].legend(frameon=False, fontsize=8, loc="lower right")
    fig.suptitle(f"Noisy moons: {M_TRAIN} training examples, {M_TEST} test examples, "
                 f"{FLIP:.0%} of the labels flipped (▶ = the model a cure starts from)",
                 fontsize=9)
    fig.tight_layout()
    return fig
