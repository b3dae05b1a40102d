"""dlnotes.initializers: shapes, statistics of the draws, determinism, the torch.nn.init
equivalents, and a bad-input table."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from dlnotes.initializers import (
    METHODS,
    _initialize_parameters,
    _weight_std,
    initialize_parameters,
    weight_std,
)

RANDOM_METHODS = ("random", "xavier", "glorot", "he")

# the notes' factors (000 §1.11, 003 §3.10, 004 §1.1.3) and Glorot & Bengio (2010), eq. 16
EXPECTED_STD: dict[str, Callable[[int, int], float]] = {
    "zeros": lambda n_prev, n: 0.0,
    "random": lambda n_prev, n: 0.01,
    "xavier": lambda n_prev, n: math.sqrt(1 / n_prev),
    "glorot": lambda n_prev, n: math.sqrt(2 / (n_prev + n)),
    "he": lambda n_prev, n: math.sqrt(2 / n_prev),
}


def _variance_tolerance(n_samples: int, sigmas: float = 6.0) -> float:
    """Relative tolerance of a sample variance: sd(s²)/σ² = √(2/(N−1)) for normal draws."""
    return sigmas * math.sqrt(2 / (n_samples - 1))


# ---------------------------------------------------------------- shapes and dtype


@pytest.mark.parametrize("method", METHODS)
def test_shapes_keys_and_dtype(method: str, rng: np.random.Generator) -> None:
    dims = [5, 4, 3, 1]
    params = initialize_parameters(dims, method, rng=rng)
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, len(dims)):  # noqa: E741 (the notes' layer index)
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert params[f"b{l}"].shape == (dims[l], 1)
        assert params[f"W{l}"].dtype == np.float64 and params[f"b{l}"].dtype == np.float64
        assert not params[f"b{l}"].any()


@given(dims=st.lists(st.integers(1, 12), min_size=2, max_size=6),
       method=st.sampled_from(METHODS))
def test_shapes_for_any_layer_sizes(dims: list[int], method: str) -> None:
    params = initialize_parameters(dims, method, rng=np.random.default_rng(1))
    assert len(params) == 2 * (len(dims) - 1)
    for l in range(1, len(dims)):  # noqa: E741
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert np.isfinite(params[f"W{l}"]).all()


def test_layer_dims_may_be_a_tuple_or_an_integer_array() -> None:
    a = initialize_parameters((3, 2), "he", rng=np.random.default_rng(0))
    b = initialize_parameters(np.array([3, 2]), "he", rng=np.random.default_rng(0))
    np.testing.assert_array_equal(a["W1"], b["W1"])


# ---------------------------------------------------------------- statistics


@pytest.mark.parametrize("method", RANDOM_METHODS)
def test_weight_variance_matches_the_method(method: str) -> None:
    n_prev, n = 800, 1500  # one large layer: 1.2e6 draws
    params = initialize_parameters([n_prev, n], method, rng=np.random.default_rng(2))
    W = params["W1"]
    std = EXPECTED_STD[method](n_prev, n)
    assert W.var() / std**2 == pytest.approx(1.0, abs=_variance_tolerance(W.size))
    assert abs(W.mean()) < 6 * std / math.sqrt(W.size)  # zero mean, within 6 standard errors
    # normal, not uniform (erratum 9): Kolmogorov–Smirnov against N(0, 1) after scaling
    sample = W.ravel()[:20000] / std
    assert stats.kstest(sample, "norm").pvalue > 1e-4
    assert stats.kstest(sample, "uniform").pvalue < 1e-10


@pytest.mark.parametrize(("method", "n_prev", "n"), [("he", 50, 10), ("xavier", 50, 10),
                                                     ("glorot", 50, 10), ("glorot", 7, 300)])
def test_weight_std_formulas(method: str, n_prev: int, n: int) -> None:
    assert weight_std(method, n_prev, n) == pytest.approx(EXPECTED_STD[method](n_prev, n),
                                                          rel=1e-15)


def test_random_uses_scale() -> None:
    # 004 §1.1.2 "large random": randn × 10
    W = initialize_parameters([400, 500], "random", rng=np.random.default_rng(3), scale=10.0)["W1"]
    assert W.std() == pytest.approx(10.0, rel=_variance_tolerance(W.size) / 2)
    assert weight_std("random", 3, 4, scale=10.0) == 10.0
    assert weight_std("he", 3, 4, scale=10.0) == math.sqrt(2 / 3)  # scale only for "random"


def test_each_layer_uses_its_own_fan_in() -> None:
    params = initialize_parameters([1000, 200, 3000], "he", rng=np.random.default_rng(4))
    for l, n_prev in ((1, 1000), (2, 200)):  # noqa: E741
        W = params[f"W{l}"]
        assert W.var() * n_prev / 2 == pytest.approx(1.0, abs=_variance_tolerance(W.size))


def test_zeros_is_exact_and_needs_no_rng() -> None:
    params = initialize_parameters([3, 2, 1], "zeros")
    assert all(np.array_equal(v, np.zeros_like(v)) for v in params.values())
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    initialize_parameters([3, 2, 1], "zeros", rng=rng)
    assert rng.bit_generator.state == state  # a given rng is not consumed


# ---------------------------------------------------------------- determinism


@pytest.mark.parametrize("method", RANDOM_METHODS)
def test_same_seed_same_parameters(method: str) -> None:
    a = initialize_parameters([4, 3, 2], method, rng=np.random.default_rng(7))
    b = initialize_parameters([4, 3, 2], method, rng=np.random.default_rng(7))
    c = initialize_parameters([4, 3, 2], method, rng=np.random.default_rng(8))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])


def test_draw_order_is_randn_per_layer_scaled() -> None:
    # W[l] = randn(n[l], n[l-1]) · σ[l], drawn W1 first: the notes' loop, with a Generator
    draws = np.random.default_rng(5)
    W1 = draws.standard_normal((3, 4)) * math.sqrt(2 / 4)
    W2 = draws.standard_normal((2, 3)) * math.sqrt(2 / 3)
    params = initialize_parameters([4, 3, 2], "he", rng=np.random.default_rng(5))
    np.testing.assert_array_equal(params["W1"], W1)
    np.testing.assert_array_equal(params["W2"], W2)


def test_random_methods_differ_only_by_the_factor() -> None:
    he = initialize_parameters([6, 5, 4], "he", rng=np.random.default_rng(9))
    xavier = initialize_parameters([6, 5, 4], "xavier", rng=np.random.default_rng(9))
    np.testing.assert_allclose(he["W1"], xavier["W1"] * math.sqrt(2), rtol=1e-15)
    np.testing.assert_allclose(he["W2"], xavier["W2"] * math.sqrt(2), rtol=1e-15)


# ---------------------------------------------------------------- PyTorch reference


def _torch_weight(init: Callable[[torch.Tensor], object], n: int, n_prev: int) -> np.ndarray:
    # torch.nn.Linear(n_prev, n).weight has shape (out, in) = (n[l], n[l-1]), as W[l] here
    w = torch.empty(n, n_prev, dtype=torch.float64)
    init(w)
    return w.numpy()


TORCH_EQUIVALENTS: list[tuple[str, Callable[[torch.Tensor], object]]] = [
    ("he", lambda w: torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu")),
    ("xavier", lambda w: torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="linear")),
    ("glorot", lambda w: torch.nn.init.xavier_normal_(w)),
    ("random", lambda w: torch.nn.init.normal_(w, mean=0.0, std=0.01)),
]


@pytest.mark.parametrize(("method", "init"), TORCH_EQUIVALENTS)
@pytest.mark.parametrize(("n_prev", "n"), [(300, 2000), (2000, 300)])
def test_distribution_matches_torch_nn_init(
    method: str, init: Callable[[torch.Tensor], object], n_prev: int, n: int
) -> None:
    torch.manual_seed(0)
    theirs = _torch_weight(init, n, n_prev)
    ours = initialize_parameters([n_prev, n], method, rng=np.random.default_rng(0))["W1"]
    tol = _variance_tolerance(ours.size)
    std = weight_std(method, n_prev, n)
    assert ours.var() / std**2 == pytest.approx(1.0, abs=tol)
    assert theirs.var() / std**2 == pytest.approx(1.0, abs=tol)
    # the same distribution, not just the same spread (both normal with mean 0)
    assert stats.ks_2samp(ours.ravel()[:20000], theirs.ravel()[:20000]).pvalue > 1e-4


@pytest.mark.parametrize(("n_prev", "n"), [(3, 7), (50, 10), (784, 128)])
def test_std_equals_torch_gain_formula(n_prev: int, n: int) -> None:
    # torch.nn.init: kaiming std = gain/√fan_in, xavier std = gain·√(2/(fan_in + fan_out))
    relu_gain = torch.nn.init.calculate_gain("relu")
    linear_gain = torch.nn.init.calculate_gain("linear")
    assert weight_std("he", n_prev, n) == pytest.approx(relu_gain / math.sqrt(n_prev), rel=1e-15)
    assert weight_std("xavier", n_prev, n) == pytest.approx(linear_gain / math.sqrt(n_prev),
                                                            rel=1e-15)
    assert weight_std("glorot", n_prev, n) == pytest.approx(math.sqrt(2 / (n_prev + n)),
                                                            rel=1e-15)


def test_torch_zeros_equivalent() -> None:
    w = torch.nn.init.zeros_(torch.empty(3, 4, dtype=torch.float64)).numpy()
    np.testing.assert_array_equal(initialize_parameters([4, 3], "zeros")["W1"], w)


# ---------------------------------------------------------------- bad input

BAD_INPUT: list[tuple[tuple[object, ...], dict[str, object], type[Exception], str]] = [
    (([3],), {"rng": np.random.default_rng(0)}, ValueError,
     r"layer_dims must give at least two sizes.*\(got \[3\]\)"),
    (([],), {"rng": np.random.default_rng(0)}, ValueError, r"at least two sizes.*\(got \[\]\)"),
    (([3, 0, 1],), {"rng": np.random.default_rng(0)}, ValueError,
     r"layer_dims\[1\] must be >= 1 \(got 0\)"),
    (([3, -2],), {"rng": np.random.default_rng(0)}, ValueError, r"layer_dims\[1\] must be >= 1"),
    (([3, 2.5],), {"rng": np.random.default_rng(0)}, TypeError,
     r"layer_dims\[1\] must be an int \(got float\)"),
    (([3, True],), {"rng": np.random.default_rng(0)}, TypeError, r"layer_dims\[1\] must be an int"),
    (("32",), {"rng": np.random.default_rng(0)}, TypeError,
     r"layer_dims must be a sequence of ints.*\(got str\)"),
    ((5,), {"rng": np.random.default_rng(0)}, TypeError, r"layer_dims must be a sequence"),
    (([3, 2], "kaiming"), {"rng": np.random.default_rng(0)}, ValueError,
     r"method must be one of 'zeros', 'random', 'xavier', 'glorot', 'he' \(got 'kaiming'\)"),
    (([3, 2], None), {"rng": np.random.default_rng(0)}, TypeError,
     r"method must be a string, one of"),
    (([3, 2], "he"), {}, TypeError, r"rng is required for method 'he'.*\(got None\)"),
    (([3, 2], "random"), {"rng": None}, TypeError, r"rng is required for method 'random'"),
    (([3, 2], "xavier"), {"rng": 0}, TypeError,
     r"rng must be a numpy.random.Generator.*\(got int\)"),
    (([3, 2], "glorot"), {"rng": np.random.RandomState(0)}, TypeError,
     r"rng must be a numpy.random.Generator.*\(got RandomState\)"),
    (([3, 2], "zeros"), {"rng": 0}, TypeError, r"rng must be a numpy.random.Generator"),
    # issue 14: inf and bool for scale, a non-string method, a float in layer_dims
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": np.inf}, ValueError,
     r"scale must be finite"),
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": True}, TypeError,
     r"scale must be a real number \(got bool"),
    (([3, 2], 1), {"rng": np.random.default_rng(0)}, TypeError,
     r"method must be a string, one of .* \(got int\)"),
    (([3, np.inf],), {"rng": np.random.default_rng(0)}, TypeError,
     r"layer_dims\[1\] must be an int \(got float\)"),
    ((None,), {"rng": np.random.default_rng(0)}, TypeError, r"layer_dims must be a sequence"),
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": 0.0}, ValueError,
     r"scale must be > 0 \(got 0\.0\)"),
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": -1}, ValueError,
     r"scale must be > 0"),
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": math.inf}, ValueError,
     r"scale must be finite"),
    (([3, 2], "random"), {"rng": np.random.default_rng(0), "scale": "big"}, TypeError,
     r"scale must be a real number \(got str\)"),
]


@pytest.mark.parametrize(("args", "kwargs", "error", "message"), BAD_INPUT)
def test_initialize_parameters_bad_input(args: tuple[object, ...], kwargs: dict[str, object],
                                         error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        initialize_parameters(*args, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("lecun", 3, 4), ValueError, r"method must be one of"),
        (("he", 0, 4), ValueError, r"n_prev must be >= 1 \(got 0\)"),
        (("he", 3, 0), ValueError, r"n must be >= 1 \(got 0\)"),
        (("he", 3.0, 4), TypeError, r"n_prev must be an int \(got float\)"),
    ],
)
def test_weight_std_bad_input(args: tuple[object, ...], error: type[Exception],
                              message: str) -> None:
    with pytest.raises(error, match=message):
        weight_std(*args)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the references


@pytest.mark.parametrize("method", METHODS)
def test_public_functions_are_their_references_after_validation(method: str) -> None:
    # shared/DESIGN.md, "Two rooms": the page shows _initialize_parameters and _weight_std
    dims = [5, 4, 3, 1]
    ours = initialize_parameters(dims, method, rng=np.random.default_rng(3), scale=0.5)
    ref = _initialize_parameters(dims, method, np.random.default_rng(3), 0.5)
    assert list(ours) == list(ref)
    assert all(np.array_equal(ours[k], ref[k]) and ref[k].dtype == np.float64 for k in ref)
    assert _weight_std(method, 5, 4, 0.5) == weight_std(method, 5, 4, scale=0.5)
    assert _weight_std(method, 5, 4, 0.01) == EXPECTED_STD[method](5, 4)


def test_zeros_reference_leaves_a_given_generator_untouched() -> None:
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    params = _initialize_parameters([3, 2, 1], "zeros", rng, 0.01)
    assert rng.bit_generator.state == state
    assert all(not v.any() and not np.signbit(v).any() for v in params.values())  # +0, not −0


# -------------------------------------------------- defaults, boundaries and exact messages

def test_the_default_method_is_he() -> None:
    """The default "he" (notes 004), same draws as asked by name."""
    default = initialize_parameters([5, 3, 1], rng=np.random.default_rng(7))
    he = initialize_parameters([5, 3, 1], "he", rng=np.random.default_rng(7))
    assert default.keys() == he.keys()
    for key in he:
        np.testing.assert_array_equal(default[key], he[key])
    # and He's σ = √(2/n[l−1]): the same standard normal draws times √(2/5)
    z = np.random.default_rng(7).standard_normal((3, 5))
    np.testing.assert_allclose(default["W1"], z * np.sqrt(2 / 5))


def test_a_missing_generator_is_explained_in_full() -> None:
    """The message says how to make one."""
    with pytest.raises(
        TypeError,
        match=r"^rng is required for method 'he': pass a numpy\.random\.Generator, "
        r"e\.g\. rng=np\.random\.default_rng\(0\) \(got None\)$",
    ):
        initialize_parameters([2, 3])


def test_an_infinite_scale_is_rejected_naming_scale() -> None:
    """The message, not only the ValueError, in both public functions."""
    with pytest.raises(ValueError, match=r"^scale must be finite \(got inf\)$"):
        initialize_parameters([2, 3], "random", rng=np.random.default_rng(0), scale=np.inf)
    with pytest.raises(ValueError, match=r"^scale must be finite \(got inf\)$"):
        weight_std("random", 2, 3, scale=np.inf)
