"""dlnotes.network: the properties that ``make mutation MODULE=network`` found untested.

Each test is named for the property it checks; the mutants it kills are listed in its docstring.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.initializers import initialize_parameters
from dlnotes.network import (
    _compute_cost,
    _compute_cost_from_logits,
    _model_backward,
    _model_forward,
    _predict,
    _train,
    compute_cost,
    compute_cost_from_logits,
    model_backward,
    model_forward,
    predict,
    train,
)
from dlnotes.optimizers import SGD

# Mutants that behave as the original on every input the public API accepts; tools/mutation.py
# leaves them out of the score.
_ZERO_L2 = (
    "with λ = 0 the L2 term adds 0·Σ‖W‖² (or 0·W/m to dW), which changes no value; with λ > 0 "
    "and no params the public functions raise before the reference runs"
)
_AXIS0 = "the reference's class axis defaults to 0: dropping axis=0 changes nothing"
_FALSY = (
    "None is falsy as False is (low_inclusive=None compares strictly and is described as "
    "'(0'; probabilities=None skips the [0, 1] check of the logits as False does)"
)
_LABEL_NAME = (
    "the label check passes Y as both arrays, already of shape (n[L], m): its name can only "
    "show in a 2-D or same-shape message, which cannot fail, and checking Y's range twice "
    "(probabilities=True) or not as predictions (None) gives the same error"
)
EQUIVALENT_MUTANTS = {
    "dlnotes.network.x__compute_cost__mutmut_26": _ZERO_L2,
    "dlnotes.network.x__compute_cost__mutmut_28": _ZERO_L2,
    "dlnotes.network.x__compute_cost_from_logits__mutmut_26": _ZERO_L2,
    "dlnotes.network.x__compute_cost_from_logits__mutmut_28": _ZERO_L2,
    "dlnotes.network.x__model_backward__mutmut_41": _ZERO_L2,
    "dlnotes.network.x__compute_cost__mutmut_20": _AXIS0,
    "dlnotes.network.x__compute_cost_from_logits__mutmut_20": _AXIS0,
    "dlnotes.network.x__keep_probs__mutmut_12": _FALSY,
    "dlnotes.network.x__keep_probs__mutmut_36": _FALSY,
    "dlnotes.network.x_compute_cost_from_logits__mutmut_18": _FALSY,
    "dlnotes.network.x__model_forward__mutmut_13": (
        "one keep probability per hidden layer is read, keep[l − 1] for l < L; a list two "
        "entries longer holds the same value in those places"
    ),
    "dlnotes.network.x__compute_cost__mutmut_17": (
        "the cost is Σ of all the losses / m: summing per example (axis 0), per class (axis 1) "
        "or all at once (axis None) first gives the same total"
    ),
    "dlnotes.network.x__compute_cost__mutmut_21": (
        "the cost is Σ of all the losses / m: summing per class (axis 1) first gives the same total"
    ),
    "dlnotes.network.x_model_forward__mutmut_63": (
        "min's default is only used when there is no hidden layer (no keep probabilities), and "
        "1.0 and 2.0 both mean no dropout, so no generator is needed either way"
    ),
    "dlnotes.network.x__training_set__mutmut_24": (
        "Y's dtype: AL − Y is cast to each parameter's dtype by the update, so float32 X with "
        "float64 Y trains bit for bit as with float32 Y (checked in "
        "test_float32_training_does_not_depend_on_the_dtype_of_Y)"
    ),
    "dlnotes.network.x__training_set__mutmut_25": "astype's copy flag: Y is only read",
    "dlnotes.network.x__training_set__mutmut_27": "astype's copy flag: Y is only read",
    "dlnotes.network.x__training_set__mutmut_34": "astype's copy flag: Y is only read",
    "dlnotes.network.x__training_set__mutmut_58": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_59": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_63": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_64": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_65": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_66": _LABEL_NAME,
    "dlnotes.network.x__training_set__mutmut_67": _LABEL_NAME,
    "dlnotes.network.x__train__mutmut_2": (
        "a keep probability of 1.0 or 2.0 both skip dropout (keep < 1 is the test) and the "
        "loop's caches, where the value is recorded, never leave _train"
    ),
    "dlnotes.network.x__outputs_and_labels__mutmut_59": (
        "|Σ_k y_k − 1| is a multiple of 2⁻⁵³ for sums near 1 and 1e-6 is not, so > and >= agree"
    ),
}

P = {
    "W1": np.array([[1.0, -1.0], [0.5, 2.0]]),
    "b1": np.array([[0.1], [-0.2]]),
    "W2": np.array([[1.0, -2.0]]),
    "b2": np.array([[0.3]]),
}
P_SOFTMAX = {**P, "W2": np.array([[1.0, -2.0], [0.5, 1.0]]), "b2": np.array([[0.3], [-0.1]])}
X = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, -1.0]])
Y = np.array([[1.0, 0.0, 1.0]])
Y_ONE_HOT = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])


def test_the_references_default_to_relu_sigmoid_no_dropout_and_no_l2() -> None:
    """x__model_forward_1 … _5, x__predict_1 … _4, x__compute_cost_1 … _3,
    x__compute_cost_from_logits_1 … _3, x__model_backward_1: the chapter's defaults."""
    AL, caches = _model_forward(X, P)
    public_AL, _ = model_forward(X, P)
    np.testing.assert_allclose(AL, public_AL)
    A1 = np.maximum(P["W1"] @ X + P["b1"], 0.0)  # relu, no dropout
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-(P["W2"] @ A1 + P["b2"]))))  # sigmoid
    np.testing.assert_array_equal(_predict(X, P), predict(X, P))
    # params given but λ left at its default 0: no L2 term
    assert _compute_cost(AL, Y, P) == pytest.approx(compute_cost(AL, Y))
    assert _compute_cost(AL, Y) == pytest.approx(compute_cost(AL, Y))
    ZL = caches[-1].layer.Z
    assert _compute_cost_from_logits(ZL, Y, P) == pytest.approx(compute_cost_from_logits(ZL, Y))
    public = model_backward(AL, Y, caches)
    for key, value in _model_backward(AL, Y, caches).items():
        np.testing.assert_allclose(value, public[key])


def test_the_reference_predict_passes_hidden_and_output_on() -> None:
    """x__predict_12, _13, _17, _26: the activations asked for, labels in the dtype of A[L]."""
    np.testing.assert_array_equal(_predict(X, P, hidden="tanh"), predict(X, P, hidden="tanh"))
    AL, _ = model_forward(X, P, hidden="tanh")
    np.testing.assert_array_equal(_predict(X, P, hidden="tanh"), (AL > 0.5).astype(float))
    one_hot = _predict(X, P_SOFTMAX, output="softmax")
    np.testing.assert_array_equal(one_hot, predict(X, P_SOFTMAX, output="softmax"))
    assert one_hot.sum(axis=0).tolist() == [1.0, 1.0, 1.0]
    X32 = X.astype(np.float32)
    P32 = {k: v.astype(np.float32) for k, v in P.items()}
    assert _predict(X32, P32).dtype == np.float32
    assert (
        _predict(
            X32, {k: v.astype(np.float32) for k, v in P_SOFTMAX.items()}, output="softmax"
        ).dtype
        == np.float32
    )


def test_the_softmax_cost_is_the_mean_over_examples_of_the_cross_entropy() -> None:
    """x__compute_cost_17, _21: J = (1/m) Σ_i −Σ_k y_k log a_k, the sum over the class axis 0."""
    AL = np.array([[0.7, 0.2, 0.6], [0.3, 0.8, 0.4]])
    expected = -(np.log(0.7) + np.log(0.8) + np.log(0.6)) / 3
    assert compute_cost(AL, Y_ONE_HOT, output="softmax") == pytest.approx(expected)
    assert _compute_cost(AL, Y_ONE_HOT, output="softmax") == pytest.approx(expected)


def test_the_l2_term_takes_the_weights_only() -> None:
    """x__weights_19: λ/(2m)·Σ‖W[l]‖², the biases left out (notes 000 §1.4)."""
    AL, _ = model_forward(X, P)
    plain = compute_cost(AL, Y)
    l2 = 0.1 / (2 * 3) * sum(float(np.sum(P[k] ** 2)) for k in ("W1", "W2"))
    assert compute_cost(AL, Y, P, lambd=0.1) == pytest.approx(plain + l2)


@pytest.mark.parametrize("f", [compute_cost, compute_cost_from_logits], ids=lambda f: f.__name__)
def test_both_costs_name_lambd_params_and_a_bad_softmax_target(f) -> None:  # type: ignore[no-untyped-def]
    """x_compute_cost_16, _23, _26, x_compute_cost_from_logits_16, _29 … _35, x__weights."""
    AL = np.array([[0.5, 0.5, 0.5]])
    with pytest.raises(ValueError, match=r"^lambd must be >= 0 \(got -1\.0\)$"):
        f(AL, Y, P, lambd=-1.0)
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays \(got list\)$"):
        f(AL, Y, [1], lambd=0.1)
    with pytest.raises(TypeError, match=r"^params keys must be str \(got int 1\)$"):
        f(AL, Y, {1: np.ones(1)}, lambd=0.1)
    with pytest.raises(
        ValueError, match=r"^params must have at least one 'W…' key \(got keys \['b1'\]\)$"
    ):
        f(AL, Y, {"b1": np.ones(1)}, lambd=0.1)
    with pytest.raises(
        ValueError, match=r"^params\['W1'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        f(AL, Y, {"W1": np.array([np.nan])}, lambd=0.1)
    with pytest.raises(
        ValueError,
        match=r"^Y must have columns summing to 1 for a softmax output \(one-hot labels; "
        r"got a column off by 0\.5\)$",
    ):
        f(np.full((2, 2), 0.5), np.array([[0.5, 1.0], [0.0, 0.0]]), output="softmax")


def test_compute_cost_names_AL() -> None:
    """x__outputs_and_labels_10."""
    with pytest.raises(ValueError, match=r"^AL must be 2-D \(got shape \(3,\)\)$"):
        compute_cost(np.ones(3), Y)


def test_predict_names_X_and_output_and_explains_softmax_units() -> None:
    """x_predict_10 … _48."""
    with pytest.raises(ValueError, match=r"^X must be 2-D \(got shape \(2,\)\)$"):
        predict(np.ones(2), P)
    with pytest.raises(ValueError, match=r"^X must be finite \(got 1 NaN or infinite entries\)$"):
        predict([[np.nan, 1.0], [1.0, 1.0]], P)
    with pytest.raises(
        ValueError, match=r"^output must be one of 'sigmoid', 'softmax' \(got 'tanh'\)$"
    ):
        predict(X, P, output="tanh")
    with pytest.raises(
        ValueError, match=r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$"
    ):
        predict(X, P, output="softmax")


def test_train_explains_what_an_optimizer_is() -> None:
    """x__check_optimizer_8 … _21: a class instead of an instance, or an object without the
    two methods, is told what to pass."""
    base = r"^optimizer must have init\(params\) and update\(params, grads, state\) methods, "
    base += r"e\.g\. dlnotes\.optimizers\.SGD\(lr=0\.01\) \(got "
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=base + r"the class SGD\)$"):
        train(X, Y, [2, 1], SGD, num_epochs=1, rng=rng)
    with pytest.raises(TypeError, match=base + r"object\)$"):
        train(X, Y, [2, 1], object(), num_epochs=1, rng=rng)


def test_backward_names_a_bad_cache_list_and_the_cached_output_shape() -> None:
    """x__check_caches_8, x_model_backward_18 (the last layer's output, in a 3-layer net)."""
    with pytest.raises(
        TypeError,
        match=r"^caches must be the non-empty list of LayerCache returned by model_forward "
        r"\(got list\)$",
    ):
        model_backward(Y, Y, [1])
    params = {
        "W1": np.ones((3, 2)),
        "b1": np.zeros((3, 1)),
        "W2": np.ones((2, 3)),
        "b2": np.zeros((2, 1)),
        "W3": np.ones((1, 2)) * 0.1,
        "b3": np.zeros((1, 1)),
    }
    _, caches = model_forward(X, params)
    with pytest.raises(
        ValueError, match=r"^AL must have the shape of the cached output \(1, 3\) \(got \(1, 2\)\)$"
    ):
        model_backward(np.full((1, 2), 0.5), np.ones((1, 2)), caches)


def test_keep_prob_and_bias_of_the_wrong_kind_are_named() -> None:
    """x__keep_probs_31, x__params_44."""
    with pytest.raises(
        TypeError, match=r"^keep_prob must be a float or a sequence of floats \(got str\)$"
    ):
        model_forward(X, P, keep_prob="a")
    with pytest.raises(
        ValueError, match=r"^params\['b1'\] must be finite \(got 1 NaN or infinite entries\)$"
    ):
        model_forward(X, {**P, "b1": np.array([[np.nan], [0.0]])})


# Parameters (seed 4) whose labels differ for relu, tanh and linear hidden units.
_r = np.random.default_rng(4)
P_HIDDEN = {
    "W1": _r.normal(size=(2, 2)) * 2,
    "b1": _r.normal(size=(2, 1)),
    "W2": _r.normal(size=(1, 2)) * 2,
    "b2": _r.normal(size=(1, 1)),
}


def test_predict_uses_the_hidden_activation_asked_for() -> None:
    """x__predict_1, _2, _12, _13, x_predict_64: relu by default, else the one named."""
    labels = {
        h: predict(X, P_HIDDEN, hidden=h).ravel().tolist() for h in ("relu", "tanh", "linear")
    }
    assert labels == {"relu": [1.0, 0.0, 0.0], "tanh": [0.0, 0.0, 0.0], "linear": [1.0, 0.0, 1.0]}
    assert _predict(X, P_HIDDEN).ravel().tolist() == labels["relu"]
    assert _predict(X, P_HIDDEN, hidden="tanh").ravel().tolist() == labels["tanh"]
    assert _predict(X, P_SOFTMAX, hidden="tanh", output="softmax").shape == (2, 3)


class GD:
    """θ ← θ − α·dθ with the init/update pair of an optimizer (the reference's own example)."""

    def init(self, params):  # type: ignore[no-untyped-def]
        return None

    def update(self, params, grads, state):  # type: ignore[no-untyped-def]
        return {k: params[k] - 0.5 * grads[k] for k in params}, state


def test_the_reference_loop_defaults_to_no_l2_no_dropout_relu_sigmoid_every_100() -> None:
    """x__train_1 … _7: _train's defaults, spelled out, give the same parameters and costs."""
    params = {
        "W1": np.full((3, 2), 0.1),
        "b1": np.zeros((3, 1)),
        "W2": np.full((1, 3), -0.2),
        "b2": np.zeros((1, 1)),
    }
    got, costs = _train(X, Y, params, GD(), num_epochs=101, rng=None)
    want, want_costs = _train(
        X,
        Y,
        params,
        GD(),
        num_epochs=101,
        rng=None,
        lambd=0.0,
        keep_prob=1.0,
        hidden="relu",
        output="sigmoid",
        record_every=100,
    )
    assert len(costs) == 2  # epochs 0 and 100
    np.testing.assert_array_equal(costs, want_costs)
    for key in want:
        np.testing.assert_array_equal(got[key], want[key])


def test_train_records_every_100_epochs_and_scales_random_weights_by_001_by_default() -> None:
    """x_train_3, _10."""
    _, costs = train(X, Y, [2, 1], SGD(0.1), num_epochs=101, rng=np.random.default_rng(0))
    assert len(costs) == 2
    a, _ = train(
        X, Y, [2, 1], SGD(0.1), num_epochs=1, rng=np.random.default_rng(0), initialization="random"
    )
    b, _ = train(
        X,
        Y,
        [2, 1],
        SGD(0.1),
        num_epochs=1,
        rng=np.random.default_rng(0),
        initialization="random",
        scale=0.01,
    )
    np.testing.assert_array_equal(a["W1"], b["W1"])


def test_float32_training_does_not_depend_on_the_dtype_of_Y() -> None:
    X32, rng = X.astype(np.float32), np.random.default_rng
    p1, c1 = train(X32, Y, [2, 3, 1], SGD(0.1), num_epochs=3, rng=rng(0), record_every=1)
    p2, c2 = train(
        X32, Y.astype(np.float32), [2, 3, 1], SGD(0.1), num_epochs=3, rng=rng(0), record_every=1
    )
    assert p1["W1"].dtype == np.float32
    np.testing.assert_array_equal(c1, c2)
    for key in p1:
        np.testing.assert_array_equal(p1[key], p2[key])


def test_train_names_X_Y_layer_dims_and_the_softmax_units() -> None:
    """x__training_set_6, _14, _22, _29, _32, _33, _52."""
    rng = np.random.default_rng(0)
    for args, kwargs, message in [
        ((np.ones(2), Y, [2, 1]), {}, r"^X must be 2-D \(got shape \(2,\)\)$"),
        (
            ([[np.nan, 1.0, 0.0], [1.0, 1.0, 1.0]], Y, [2, 1]),
            {},
            r"^X must be finite \(got 1 NaN or infinite entries\)$",
        ),
        (
            (X, Y, [3, 1]),
            {},
            r"^layer_dims\[0\] must be the number of input features X\.shape\[0\] = 2 \(got 3\)$",
        ),
        (
            (X, [[np.nan, 1.0, 0.0]], [2, 1]),
            {},
            r"^Y must be finite \(got 1 NaN or infinite entries\)$",
        ),
        (
            (X, Y, [2, 1]),
            {"output": "softmax"},
            r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$",
        ),
    ]:
        with pytest.raises(ValueError, match=message):
            train(*args, SGD(0.1), num_epochs=1, rng=rng, **kwargs)


def test_model_forward_names_X_and_takes_two_softmax_units() -> None:
    """x_model_forward_11, _19, _73, _74, _76."""
    with pytest.raises(ValueError, match=r"^X must be 2-D \(got shape \(2,\)\)$"):
        model_forward(np.ones(2), P)
    with pytest.raises(ValueError, match=r"^X must be finite \(got 1 NaN or infinite entries\)$"):
        model_forward([[np.nan, 1.0, 0.0], [1.0, 1.0, 1.0]], P)
    AL, _ = model_forward(X, P_SOFTMAX, output="softmax")
    np.testing.assert_allclose(AL.sum(axis=0), 1.0)
    with pytest.raises(
        ValueError, match=r"^a softmax output needs n\[L\] >= 2 units \(got 1\); use 'sigmoid'$"
    ):
        model_forward(X, P, output="softmax")


def test_the_reference_forward_records_no_dropout_by_default_and_predict_its_output() -> None:
    """x__model_forward_5 (each cache records keep_prob 1.0), x__predict_13 (softmax labels are
    one per column, where sigmoid ones need not be: column 3 here)."""
    _, caches = _model_forward(X, P)
    assert [c.keep_prob for c in caches] == [1.0, 1.0] and caches[0].mask is None
    np.testing.assert_array_equal(
        _predict(X, P_SOFTMAX, output="softmax"), [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]]
    )


# Two features of ±1e308: with linear hidden units the first forward pass overflows, so the
# first gradients are not finite; with relu the first step is finite and a later one is not.
HUGE_X = np.array([[1e308, -1e308, 1e308, -1e308], [1e308, -1e308, 1e308, -1e308]])
HUGE_Y = np.array([[0.0, 1.0, 1.0, 0.0]])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_train_checks_a_dlnotes_optimizers_first_step_only() -> None:
    """x_train, x_ǁ_CheckedOnceǁ: the first update of a dlnotes optimizer is its checked
    update (non-finite gradients named), the later ones its unchecked _step.

    Kills x_train__mutmut_113, _114, xǁ_CheckedOnceǁ__init____mutmut_2,
    xǁ_CheckedOnceǁupdate__mutmut_7, _8."""
    with pytest.raises(
        ValueError, match=r"^grads\['W1'\] must be finite \(got 2 NaN or infinite entries\)$"
    ):
        train(HUGE_X, HUGE_Y, [2, 3, 1], SGD(lr=0.1), num_epochs=3, rng=np.random.default_rng(0),
              hidden="linear")
    params, _ = train(HUGE_X, HUGE_Y, [2, 3, 1], SGD(lr=0.1), num_epochs=3,
                      rng=np.random.default_rng(0), hidden="relu")
    assert np.isnan(params["W1"]).all()  # a later step diverged, unchecked


def test_train_hands_other_optimizers_their_own_update() -> None:
    """x_train: an optimizer that is not one of dlnotes' own (here a subclass of SGD whose
    update keeps the parameters) is not wrapped, so its own update runs at every step.

    Kills x_train__mutmut_114."""

    class Frozen(SGD):
        def update(self, params, grads, state):  # type: ignore[no-untyped-def]
            return dict(params), state

    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 8))
    Y = (X[:1] > 0).astype(float)
    frozen, _ = train(X, Y, [2, 3, 1], Frozen(lr=0.1), num_epochs=3, rng=np.random.default_rng(1))
    start = initialize_parameters([2, 3, 1], "he", rng=np.random.default_rng(1))
    assert frozen.keys() == start.keys()
    for key in start:
        np.testing.assert_array_equal(frozen[key], start[key])


def test_softmax_predictions_tell_apart_logits_that_sigmoid_saturates() -> None:
    """x__predict_13: the class scores go through the output activation asked for; logits 40
    and 50 both give sigmoid 1.0 (a tie, argmax 0) but softmax ranks class 1 first."""
    params = {"W1": np.zeros((2, 1)), "b1": np.array([[40.0], [50.0]])}
    X_one = np.array([[1.0, -1.0]])
    assert _predict(X_one, params, output="softmax").tolist() == [[0.0, 0.0], [1.0, 1.0]]
    assert predict(X_one, params, output="softmax").tolist() == [[0.0, 0.0], [1.0, 1.0]]
