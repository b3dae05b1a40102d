"""dlnotes.fast: each fast function equals its reference (through the public API of the
chapter modules) and fails on bad input as the reference does.

Random inputs of odd sizes, float64 and float32, one element, one block of examples and many
(the softmax's block size is shrunk), on one thread and on two (``numba.set_num_threads``).
Without numba, ``import dlnotes.fast`` fails with an ImportError that says what to install.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import numba
import numpy as np
import pytest

import dlnotes.fast as fast
from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward
from dlnotes.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from dlnotes.optimizers import Adam, AdamState, SGDState

RTOL = {np.float64: 1e-12, np.float32: 2e-5}


@pytest.fixture(params=["one block", "many blocks"])
def blocks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "many blocks":  # the softmax's blocks of examples: a few columns each
        monkeypatch.setattr(fast, "_SOFTMAX_BLOCK_BYTES", 3 * 8 * 5)
    return str(request.param)


@pytest.fixture(params=[1, 2], ids=["one thread", "two threads"])
def threads(request: pytest.FixtureRequest) -> Iterator[int]:
    """numba's threads for the kernels' prange loops (two, or as many as the machine has)."""
    before = numba.get_num_threads()
    numba.set_num_threads(min(request.param, numba.config.NUMBA_NUM_THREADS))
    yield numba.get_num_threads()
    numba.set_num_threads(before)


def close(ours: object, ref: object, dtype: type, scale: float = 0.0) -> None:
    """Equal to the tolerance of the dtype, relative to the entry or to the largest entry (or
    to ``scale``, the size of the terms that cancel in a result near 0)."""
    a, b = np.asarray(ours), np.asarray(ref)
    assert a.dtype == b.dtype and a.shape == b.shape
    scale = max(scale, float(np.max(np.abs(b))))
    np.testing.assert_allclose(a, b, rtol=RTOL[dtype], atol=RTOL[dtype] * scale)


# ---------------------------------------------------------------- equal to the reference


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("eps", [1e-8, 0.0])
def test_adam_equals_the_reference_over_several_steps(
    dtype: type, eps: float, blocks: str, threads: int
) -> None:
    rng = np.random.default_rng(0)
    shapes = {"W1": (7, 13), "b1": (7, 1), "W2": (3, 101), "b2": (3, 1)}
    params = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
    ours, ref = fast.Adam(0.01, eps=eps), Adam(0.01, eps=eps)
    p, q = params, params
    s_ours, s_ref = ours.init(params), ref.init(params)
    for step in range(4):
        grads = {k: rng.standard_normal(s).astype(dtype) for k, s in shapes.items()}
        if step == 0:
            grads["b2"][:] = 0.0  # with eps = 0: a zero denominator, the parameter stays put
        p, s_ours = ours.update(p, grads, s_ours)
        q, s_ref = ref.update(q, grads, s_ref)
        assert s_ours.step == s_ref.step == step + 1
        for k in shapes:
            close(p[k], q[k], dtype)
            close(s_ours.m[k], s_ref.m[k], dtype)
            close(s_ours.v[k], s_ref.v[k], dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_adam_on_one_element_equals_the_reference(dtype: type, threads: int) -> None:
    params = {"w": np.array([0.5], dtype)}
    ours, ref = fast.Adam(0.1), Adam(0.1)
    p, s_ours = ours.update(params, {"w": np.array([-3.0], dtype)}, ours.init(params))
    q, s_ref = ref.update(params, {"w": np.array([-3.0], dtype)}, ref.init(params))
    close(p["w"], q["w"], dtype)
    close(s_ours.v["w"], s_ref.v["w"], dtype)


def test_adam_never_modifies_the_callers_params_or_grads_and_keeps_its_moments() -> None:
    rng = np.random.default_rng(1)
    params = {"W": rng.standard_normal((5, 301)), "b": rng.standard_normal((5, 1))}
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    saved = [{k: a.copy() for k, a in d.items()} for d in (params, grads)]
    opt = fast.Adam()
    state = opt.init(params)
    new, state2 = opt.update(params, grads, state)
    for before, now in zip(saved, (params, grads), strict=True):
        assert all(np.array_equal(before[k], now[k]) for k in before)
    assert all(new[k] is not params[k] for k in params)
    assert state2.m["W"] is state.m["W"]  # updated in place: the state is the optimizer's own
    assert isinstance(state2, AdamState)


def test_adam_takes_non_contiguous_params_and_a_float32_parameter_stays_float32() -> None:
    rng = np.random.default_rng(2)
    W = rng.standard_normal((40, 30))[:, ::3]  # a strided view
    params = {"W": W, "w32": np.ones(77, np.float32)}
    grads = {"W": rng.standard_normal(W.shape), "w32": np.full(77, 0.5)}  # float64 grads
    ours, ref = fast.Adam(0.1), Adam(0.1)
    p, _ = ours.update(params, grads, ours.init(params))
    q, _ = ref.update(params, grads, ref.init(params))
    close(p["W"], q["W"], np.float64)
    assert p["w32"].dtype == np.float32
    close(p["w32"], q["w32"], np.float32)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("k", "m"), [(1, 1), (3, 1), (7, 13), (37, 101)])
def test_softmax_cross_entropy_with_grad_equals_the_reference(
    dtype: type, k: int, m: int, blocks: str, threads: int
) -> None:
    rng = np.random.default_rng(k * m)
    s = (rng.standard_normal((k, m)) * 3.0).astype(dtype)
    y = rng.integers(0, k, size=m)
    loss, grad = fast.softmax_cross_entropy_with_grad(s, y)
    close(loss, softmax_cross_entropy(s, y), dtype)
    close(grad, softmax_cross_entropy_grad(s, y), dtype)


def test_softmax_cross_entropy_with_grad_is_finite_up_to_1e4_without_warnings() -> None:
    s = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]])
    loss, grad = fast.softmax_cross_entropy_with_grad(s, np.array([1, 0, 2]))
    close(loss, softmax_cross_entropy(s, np.array([1, 0, 2])), np.float64)
    assert np.isfinite(grad).all()


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("n", "m"), [(1, 2), (3, 5), (37, 13), (101, 7)])
def test_batchnorm_forward_and_backward_equal_the_reference(
    dtype: type, n: int, m: int, blocks: str, threads: int
) -> None:
    rng = np.random.default_rng(n + m)
    Z = (rng.normal(3.0, 2.0, size=(n, m))).astype(dtype)
    gamma = rng.uniform(0.5, 2.0, size=(n, 1)).astype(dtype)
    beta = rng.normal(size=(n, 1)).astype(dtype)
    G = rng.normal(size=(n, m)).astype(dtype)
    out, cache = fast.batchnorm_forward(Z, gamma, beta, eps=1e-5)
    ref_out, ref_cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
    close(out, ref_out, dtype)
    close(cache.mu, ref_cache.mu, dtype)
    close(cache.var, ref_cache.var, dtype)
    assert cache.Z is Z  # the cache keeps Z itself, not a copy
    # dZ is a difference of terms of the size of γ·dZ̃/σ (for m = 2 it is 0 up to rounding)
    terms = float(np.max(np.abs(G * gamma / ref_cache.std)))
    for a, b in zip(fast.batchnorm_backward(G, cache), batchnorm_backward(G, ref_cache),
                    strict=True):
        close(a, b, dtype, terms)


def test_the_kernels_exp_is_within_one_unit_in_the_last_place_of_the_c_librarys() -> None:
    # every x the softmax kernel gives it: 0 down to where e^x rounds to 0, subnormal results
    # (below 2**-1022) included, and -inf
    x = np.concatenate([-np.linspace(0.0, 750.0, 30_001),
                        -np.abs(np.random.default_rng(5).standard_normal(10_000)) * 30,
                        [-0.0, -1e-300, -708.4, -744.5, -745.1, -745.2, -800.0, -np.inf]])
    ours = np.array([fast._exp(v) for v in x])
    exact = np.array([math.exp(v) for v in x])  # not np.exp: NumPy 1.26's is less exact
    normal = exact >= np.finfo(np.float64).tiny
    ulp = np.spacing(exact)
    assert (np.abs(ours - exact)[normal] <= ulp[normal]).all()
    assert (np.abs(ours - exact)[~normal] <= np.finfo(np.float64).smallest_subnormal).all()


@pytest.mark.parametrize(("z_dtype", "gamma_dtype"), [(np.float32, np.float64),
                                                      (np.float64, np.float32)])
def test_batchnorm_of_mixed_dtypes_gives_the_references_dtypes_and_values(
    z_dtype: type, gamma_dtype: type
) -> None:
    rng = np.random.default_rng(6)
    Z, G = (rng.normal(size=(5, 7)).astype(z_dtype) for _ in range(2))
    gamma, beta = (rng.normal(size=(5, 1)).astype(gamma_dtype) for _ in range(2))
    out, cache = fast.batchnorm_forward(Z, gamma, beta)
    ref_out, ref_cache = batchnorm_forward(Z, gamma, beta)
    ours = (out, cache.mu, cache.var, *fast.batchnorm_backward(G, cache))
    refs = (ref_out, ref_cache.mu, ref_cache.var, *batchnorm_backward(G, ref_cache))
    for a, b in zip(ours, refs, strict=True):
        assert a.dtype == b.dtype
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=2e-5 * float(np.max(np.abs(b))))


# ---------------------------------------------------------------- the threads and blocks do
# not change a bit: each element, example (column) or unit (row) is computed by one thread, in
# the same order of operations whichever thread it is and however the blocks are cut


def run_all_three(seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {"W": rng.standard_normal((13, 77))}
    opt = fast.Adam(0.01)
    new, state = opt.update(params, {"W": rng.standard_normal((13, 77))}, opt.init(params))
    s, y = rng.standard_normal((11, 57)), rng.integers(0, 11, 57)
    loss, grad = fast.softmax_cross_entropy_with_grad(s, y)
    Z = rng.standard_normal((29, 9))
    Zt, cache = fast.batchnorm_forward(Z, np.ones((29, 1)), np.zeros((29, 1)))
    return [new["W"], state.m["W"], state.v["W"], np.asarray(loss), grad, Zt,
            *fast.batchnorm_backward(rng.standard_normal((29, 9)), cache)]


def test_one_thread_or_two_and_any_blocks_give_the_same_bits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = run_all_three(3)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        monkeypatch.setattr(fast, "_SOFTMAX_BLOCK_BYTES", 11 * 8 * 4)  # blocks of 4 examples
        two = run_all_three(3)
    finally:
        numba.set_num_threads(before)
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)


# ---------------------------------------------------------------- numba in this room only


def test_without_numba_the_import_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['numba'] = None  # as if numba were not installed\n"
        "import dlnotes.optimizers, dlnotes.losses, dlnotes.batchnorm  # the references work\n"
        "try:\n"
        "    import dlnotes.fast\n"
        "except ImportError as err:\n"
        "    print(err)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120)
    assert "pip install 'dlnotes[fast]'" in result.stdout
    assert "numba" in result.stdout


# ---------------------------------------------------------------- bad input: as the reference

P = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}


def adam_update(module: Any, grads: object, state: object = None) -> None:
    opt = module.Adam()
    opt.update(P, grads, opt.init(P) if state is None else state)


ADAM_BAD: list[tuple[Callable[[Any], object], type[Exception], str]] = [
    (lambda mod: mod.Adam(lr=-1e-3), ValueError, r"lr must be > 0 \(got -0.001\)"),
    (lambda mod: mod.Adam(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\) \(got 1.0\)"),
    (lambda mod: mod.Adam(beta2=-0.5), ValueError, r"beta2 must be in \[0, 1\)"),
    (lambda mod: mod.Adam(eps=-1e-8), ValueError, r"eps must be >= 0 \(got -1e-08\)"),
    (lambda mod: mod.Adam(lr="0.1"), TypeError, r"lr must be a real number"),
    (lambda mod: adam_update(mod, {"W1": np.ones((2, 3))}), ValueError,
     r"grads must have the keys of params \(missing \['b1'\]"),
    (lambda mod: adam_update(mod, {**P, "W2": np.ones(1)}), ValueError, r"unexpected \['W2'\]"),
    (lambda mod: adam_update(mod, {"W1": np.ones((3, 2)), "b1": np.ones((2, 1))}), ValueError,
     r"grads\['W1'\] must have the shape of params\['W1'\] \(2, 3\)"),
    (lambda mod: adam_update(mod, P, SGDState(0)), TypeError,
     r"state must be of type AdamState, as made by init\(\) \(got SGDState\)"),
    (lambda mod: adam_update(mod, P, AdamState(0, {"W1": np.zeros((2, 3))}, {})), ValueError,
     r"state.m must have the keys of params"),
    (lambda mod: adam_update(mod, [1.0]), TypeError, r"grads must be a dict"),
    (lambda mod: adam_update(mod, {"W1": np.full((2, 3), "a"), "b1": np.ones((2, 1))}),
     TypeError, r"grads\['W1'\] must be an array of real numbers"),
    (lambda mod: mod.Adam().init([np.ones(2)]), TypeError, r"params must be a dict"),
    (lambda mod: mod.Adam().init({"w": np.array([np.nan])}), ValueError,
     r"params\['w'\] must be finite"),
]


@pytest.mark.parametrize(("call", "error", "message"), ADAM_BAD,
                         ids=[str(i) for i in range(len(ADAM_BAD))])
def test_adam_bad_input_fails_as_in_the_reference(call, error, message) -> None:  # type: ignore[no-untyped-def]
    import dlnotes.optimizers as reference

    for module in (reference, fast):
        with pytest.raises(error, match=message):
            call(module)


SOFTMAX_BAD: list[tuple[tuple[object, object], type[Exception], str]] = [
    ((np.zeros((3, 4)), np.array([0, 1, 3, 0])), ValueError,
     r"y labels must be in \[0, 3\) for 3 classes \(got 3\)"),
    ((np.zeros((3, 4)), np.array([0, -1, 2, 0])), ValueError,
     r"y labels must be in \[0, 3\) .*got -1"),
    ((np.zeros((3, 4)), np.array([0, 1.5, 2, 0])), ValueError,
     r"y labels must be integers \(got 1.5\)"),
    ((np.zeros((3, 4)), np.zeros((1, 4), int)), ValueError,
     r"y must be integer labels of shape \(4,\)"),
    ((np.zeros((3, 4)), np.zeros(3, int)), ValueError, r"y must be integer labels of shape \(4,\)"),
    ((1.0, 0), ValueError, r"logits must have at least 1 dimension"),
    (([[np.inf], [0.0]], [0]), ValueError, r"logits must be finite"),
    (([[0.0], [np.nan]], [0]), ValueError, r"logits must be finite"),
    (([[-np.inf], [0.0]], [1]), ValueError, r"logits must be finite"),
    ((np.zeros((3, 4)), np.array([0, np.nan, 1, 0])), ValueError, r"y must be finite"),
    ((np.array([["a"]]), [0]), TypeError, r"logits must be an array of real numbers"),
]


@pytest.mark.parametrize(("args", "error", "message"), SOFTMAX_BAD,
                         ids=[str(i) for i in range(len(SOFTMAX_BAD))])
def test_softmax_bad_input_fails_as_in_the_reference(args, error, message) -> None:  # type: ignore[no-untyped-def]
    for call in (softmax_cross_entropy, softmax_cross_entropy_grad,
                 fast.softmax_cross_entropy_with_grad):
        with pytest.raises(error, match=message):
            call(*args)


def test_softmax_takes_only_what_its_contract_restricts_to() -> None:
    with pytest.raises(ValueError, match=r"logits must be 2-D \(got shape \(3,\)\)"):
        fast.softmax_cross_entropy_with_grad(np.zeros(3), 0)
    with pytest.raises(ValueError, match=r"for probability targets use dlnotes.losses"):
        fast.softmax_cross_entropy_with_grad(np.zeros((2, 2)), np.eye(2))


Z0, G1, B1 = np.ones((2, 4)), np.ones((2, 1)), np.zeros((2, 1))

BATCHNORM_BAD: list[tuple[str, tuple, dict, type[Exception], str]] = [
    ("forward", (np.ones((2, 1)), G1, B1), {}, ValueError,
     r"Z must have at least 2 examples \(columns\).*\(got shape \(2, 1\)\)"),
    ("forward", (np.ones(4), G1, B1), {}, ValueError, r"Z must be 2-D"),
    ("forward", (Z0, np.ones((2,)), B1), {}, ValueError,
     r"gamma must have shape \(2, 1\) \(got \(2,\)\)"),
    ("forward", (Z0, G1, np.zeros((1, 2))), {}, ValueError,
     r"beta must have shape \(2, 1\) \(got \(1, 2\)\)"),
    ("forward", (Z0, G1, B1), {"eps": 0.0}, ValueError, r"eps must be > 0 \(got 0\.0\)"),
    ("forward", (np.array([[1.0, np.nan]]), G1[:1], B1[:1]), {}, ValueError, r"Z must be finite"),
    ("forward", (Z0, np.array([[np.inf], [1.0]]), B1), {}, ValueError, r"gamma must be finite"),
    ("forward", (np.array([["a", "b"]]), G1[:1], B1[:1]), {}, TypeError,
     r"Z must be an array of real numbers"),
    ("backward", (np.ones((2, 3)),), {}, ValueError,
     r"dZ_tilde must have the shape of Z \(2, 4\) \(got \(2, 3\)\)"),
    ("backward", (np.array([[1.0, np.inf, 0, 0], [0, 0, 0, 0]]),), {}, ValueError,
     r"dZ_tilde must be finite"),
]


@pytest.mark.parametrize(("which", "args", "kwargs", "error", "message"), BATCHNORM_BAD,
                         ids=[f"{b[0]}-{i}" for i, b in enumerate(BATCHNORM_BAD)])
def test_batchnorm_bad_input_fails_as_in_the_reference(which, args, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    Z = np.arange(8.0).reshape(2, 4)
    for forward, backward in ((batchnorm_forward, batchnorm_backward),
                              (fast.batchnorm_forward, fast.batchnorm_backward)):
        with pytest.raises(error, match=message):
            if which == "forward":
                forward(*args, **kwargs)
            else:
                backward(*args, forward(Z, G1, B1)[1])


def test_batchnorm_backward_takes_only_its_own_cache() -> None:
    _, ref_cache = batchnorm_forward(np.arange(8.0).reshape(2, 4), G1, B1)
    for cache in ((1, 2), ref_cache):
        with pytest.raises(TypeError, match=r"cache must be the FastBatchNormCache"):
            fast.batchnorm_backward(np.ones((2, 4)), cache)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the folded finiteness checks


@pytest.mark.parametrize("where", [0, 500, 1000], ids=["first entry", "middle", "last entry"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_non_finite_entry_anywhere_is_an_error_naming_the_argument(
    where: int, bad: float, threads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast, "_SOFTMAX_BLOCK_BYTES", 8 * 8 * 3)  # blocks of 3 examples
    rng = np.random.default_rng(4)
    params = {"W": rng.standard_normal(1001)}
    grads = {"W": rng.standard_normal(1001)}
    opt = fast.Adam()
    for name, store in (("params", params), ("grads", grads)):
        arrays = {"params": params, "grads": grads}
        arrays[name] = {"W": store["W"].copy()}
        arrays[name]["W"][where] = bad
        with pytest.raises(ValueError, match=rf"{name}\['W'\] must be finite \(got 1 NaN"):
            opt.update(arrays["params"], arrays["grads"], opt.init(params))
    s, y = rng.standard_normal((8, 126)), rng.integers(0, 8, 126)
    s[where % 8, where // 8] = bad
    with pytest.raises(ValueError, match=r"logits must be finite \(got 1 NaN or infinite"):
        fast.softmax_cross_entropy_with_grad(s, y)
    Z = rng.standard_normal((91, 11))
    _, cache = fast.batchnorm_forward(Z, np.ones((91, 1)), np.zeros((91, 1)))
    Z[where // 11, where % 11] = bad
    with pytest.raises(ValueError, match=r"Z must be finite \(got 1 NaN or infinite entries\)"):
        fast.batchnorm_forward(Z, np.ones((91, 1)), np.zeros((91, 1)))
    with pytest.raises(ValueError, match=r"dZ_tilde must be finite \(got 1 NaN or infinite"):
        fast.batchnorm_backward(Z, cache)


def test_batchnorm_rows_whose_sum_overflows_are_an_error_not_a_nan() -> None:
    with pytest.raises(ValueError, match=r"Z is too large"):
        fast.batchnorm_forward(np.full((2, 4), 1e308), G1, B1)
