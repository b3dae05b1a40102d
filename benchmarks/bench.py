"""Timings in two rooms, in one process: the references against numpy-ml, the fast versions
against PyTorch (CPU).

Run with ``make bench`` (``.venv/bin/python benchmarks/bench.py``), which prints the results and
records them in ``benchmarks/results.md`` (the performance page includes that file); ``--quick``
runs every case on small sizes with few rounds (a smoke run, not a measurement, recorded nowhere
unless ``--output`` is given).

Room 1, the references: each chapter's public function (its checks included) against the NumPy
peer numpy-ml 0.1.2 (Adam, a dense layer, batch norm, softmax + cross-entropy), and
``dlnotes.network.train`` against PyTorch. Room 2, the fast versions: each function of
``dlnotes.fast`` against PyTorch with the same number of threads, against the time it takes to
stream the same bytes through memory once (the floor), and each step of the performance page
from the reference to the fast version.

How a case is timed: after warm-up rounds, every function of the case is called once per round,
the order rotating from round to round, each timed call right after an untimed call of the same
function. Every ratio is the MEDIAN OF THE PER-ROUND RATIOS (both sides of a ratio ran within
the same second, which cancels most of the drift of a shared machine), with the 25th and 75th
percentiles of the rounds. Before timing, each case checks that its functions compute the same
numbers.
"""

from __future__ import annotations

import os

# OpenBLAS's idle worker threads busy-wait for up to 2**28 cycles (about 0.1 s) after every call,
# so the function timed right after a BLAS call would share the two cores with them (measured:
# torch's linear case took 46 ms right after dlnotes' call, 23 ms otherwise). 2**4 cycles makes
# them sleep at once. PyTorch's OpenMP threads spin far more briefly.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import argparse
import collections
import collections.abc
import ctypes
import datetime
import gc
import platform
import shlex
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

import dlnotes
import dlnotes.fast as fast
import dlnotes.network
from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward, update_running_stats
from dlnotes.layers import linear_backward, linear_forward
from dlnotes.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from dlnotes.optimizers import Adam

RESULTS = Path(__file__).resolve().parent / "results.md"

# ---------------------------------------------------------------------------------------------
# Environment: threads, machine, versions, numpy-ml
# ---------------------------------------------------------------------------------------------


def blas_threads() -> tuple[int, str]:
    """NumPy's BLAS thread count and how it was found."""
    try:
        import threadpoolctl  # type: ignore[import-not-found]

        for lib in threadpoolctl.threadpool_info():
            if lib.get("user_api") == "blas":
                return int(lib["num_threads"]), f"{lib['internal_api']} (threadpoolctl)"
    except ImportError:
        pass
    # Without threadpoolctl: ask the OpenBLAS that NumPy loaded, through its own C getter.
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({ln.split()[-1] for ln in maps if "openblas" in ln.lower()})
    except OSError:
        paths = []
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas", "openblas"):
            for suffix in ("64_", ""):
                getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                if getter is not None:
                    name = os.path.basename(path)
                    return int(getter()), f"OpenBLAS {name}, read with ctypes"
    n = os.cpu_count() or 1
    return n, "unknown BLAS: assumed one thread per core (os.cpu_count())"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def numpy_ml() -> dict[str, Any]:
    """numpy-ml 0.1.2's Adam, FullyConnected, BatchNorm1D, Softmax and CrossEntropy.

    Its last release does ``from collections import Hashable`` (removed in Python 3.10,
    ddbourgin/numpy-ml issue #79): the aliases are restored here, in the bench process only,
    before the import. Its import warns that gym is missing (only its reinforcement-learning
    agents need it); that warning is filtered around the import only.
    """
    for name in ("Hashable", "Iterable", "Mapping", "MutableMapping", "Sequence", "Callable"):
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from numpy_ml.neural_nets.layers import BatchNorm1D, FullyConnected, Softmax
        from numpy_ml.neural_nets.losses import CrossEntropy
        from numpy_ml.neural_nets.optimizers import Adam as NMAdam
    return {"Adam": NMAdam, "FullyConnected": FullyConnected, "BatchNorm1D": BatchNorm1D,
            "Softmax": Softmax, "CrossEntropy": CrossEntropy}


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return "not installed"


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    """Seconds of one call, with the garbage collector paused (as timeit does)."""
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        gc.enable()


def interleaved(fns: dict[str, Callable[[], object]], rounds: int, warmup: int
                ) -> dict[str, list[float]]:
    """Seconds of every function in each of ``rounds`` rounds, after ``warmup`` rounds.

    In each round every function is called once untimed, then once timed, in an order that
    rotates from round to round: no function is timed while another library's threads are
    still spinning from its last call (PyTorch's OpenMP threads spin for a while after each
    parallel region, and a NumPy call right after a PyTorch call ran up to 25 % slower).
    """
    items = list(fns.items())
    times: dict[str, list[float]] = {name: [] for name, _ in items}
    for r in range(warmup + rounds):
        gc.collect()
        shift = r % len(items)
        for name, fn in items[shift:] + items[:shift]:
            fn()
            t = timed(fn)
            if r >= warmup:
                times[name].append(t)
    return times


@dataclass
class Ratio:
    median: float
    q1: float
    q3: float

    def __str__(self) -> str:
        return f"{self.median:.2f} ({self.q1:.2f}–{self.q3:.2f})"


def ratio(times: dict[str, list[float]], a: str, b: str) -> Ratio:
    """Median and quartiles over the rounds of time(a) / time(b)."""
    per_round = [x / y for x, y in zip(times[a], times[b], strict=True)]
    if len(per_round) < 2:
        return Ratio(per_round[0], per_round[0], per_round[0])
    q1, _, q3 = statistics.quantiles(per_round, n=4, method="inclusive")
    return Ratio(statistics.median(per_round), q1, q3)


def ms(seconds: float) -> str:
    value = seconds * 1e3
    return f"{value:.3g} ms" if value >= 1 else f"{value * 1e3:.3g} µs"


# ---------------------------------------------------------------------------------------------
# Cases: named functions on the same inputs, a check that they agree, and what to report
# ---------------------------------------------------------------------------------------------


@dataclass
class Case:
    title: str
    fns: dict[str, Callable[[], object]]
    check: Callable[[], None]  # raises AssertionError if the functions disagree
    compare: list[tuple[str, str, float | None]]  # (ours, peer, goal) rows of the room's table
    steps: list[tuple[str, str]] = field(default_factory=list)  # (function, what changes)
    floor: str | None = None  # the function that streams the case's bytes once
    info: dict[str, str] = field(default_factory=dict)


def assert_close(name: str, ours: object, peer: object, rtol: float, atol: float) -> None:
    a = np.asarray(ours, dtype=np.float64)
    b = peer.detach().numpy() if isinstance(peer, torch.Tensor) else np.asarray(peer)
    if a.shape != b.shape or not np.allclose(a, b, rtol=rtol, atol=atol):
        worst = float(np.max(np.abs(a - b))) if a.shape == b.shape else float("nan")
        raise AssertionError(f"{name}: the two sides differ (max |diff| {worst:.3g})")


def stream(nbytes: int) -> Callable[[], None]:
    """The floor: read nbytes/2 and write nbytes/2 once (a copy), split between the cores."""
    n = max(2, nbytes // 16)
    src, dst = np.ones(n), np.zeros(n)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    halves = [slice(n * i // cores, n * (i + 1) // cores) for i in range(cores)]
    pool = ThreadPoolExecutor(max_workers=cores)

    def copy() -> None:
        list(pool.map(lambda h: np.copyto(dst[h], src[h]), halves))

    return copy


def _mb(nbytes: int) -> str:
    return f"{nbytes / 1e6:,.0f} MB" if nbytes >= 1e7 else f"{nbytes / 1e3:,.0f} kB"


def adam_params(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """About n float64 parameters in two layers' W and b (two large arrays, two small)."""
    rows = max(2, round((n / 2) ** 0.5))
    cols = max(1, n // (2 * rows))
    return {
        "W1": rng.standard_normal((rows, cols)),
        "b1": rng.standard_normal((rows, 1)),
        "W2": rng.standard_normal((cols, rows)),
        "b2": rng.standard_normal((cols, 1)),
    }


def _adam_loop(opt: Any, params0: dict[str, np.ndarray], grads: dict[str, np.ndarray]
               ) -> tuple[Callable[[], dict[str, np.ndarray]], dict[str, Any]]:
    """A training loop's update with a dlnotes-style optimizer: params and state fed back."""
    box: dict[str, Any] = {"params": dict(params0), "state": opt.init(params0)}

    def step() -> dict[str, np.ndarray]:
        box["params"], box["state"] = opt.update(box["params"], grads, box["state"])
        return box["params"]

    return step, box


def case_adam_reference(n: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """dlnotes.optimizers.Adam.update against numpy-ml's Adam, one call per parameter."""
    rng = np.random.default_rng(seed)
    params0 = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params0.items()}
    ours, _ = _adam_loop(Adam(lr=1e-3), params0, grads)
    peer_opt = nm["Adam"](lr=1e-3, decay1=0.9, decay2=0.999, eps=1e-8)
    peer_params = dict(params0)

    def peer() -> dict[str, np.ndarray]:
        for k in peer_params:  # numpy-ml's optimizer updates one named parameter per call
            peer_params[k] = peer_opt(peer_params[k], grads[k], k)
        return peer_params

    def check() -> None:  # the first step from the same start
        for (k, a), b in zip(ours().items(), peer().values(), strict=True):
            assert_close(f"Adam {k}", a, b, rtol=1e-12, atol=1e-15)

    size = sum(p.size for p in params0.values())
    return Case(f"Adam.update, {size:,} float64 params", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def case_dense_reference(n: int, n_prev: int, m: int, nm: dict[str, Any], *, seed: int = 0
                         ) -> Case:
    """linear_forward + linear_backward against numpy-ml's FullyConnected (identity
    activation) forward + backward, and against the three matrix products alone."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev)) / n_prev**0.5
    b = rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))  # the per-example upstream gradient (notes' convention)
    layer = nm["FullyConnected"](n_out=n, act_fn=None)  # None: the identity (Affine(1, 0))
    Xr, dYr = A.T.copy(), dZ.T.copy()  # numpy-ml: one example per row
    layer.forward(Xr, retain_derived=False)  # initializes its parameters, then set ours
    layer.parameters["W"], layer.parameters["b"] = W.T.copy(), b.T.copy()

    def ours() -> tuple[np.ndarray, ...]:
        Z, cache = linear_forward(A, W, b)
        return (Z, *linear_backward(dZ, cache))

    def peer() -> tuple[np.ndarray, ...]:
        layer.flush_gradients()  # its training cycle: fresh gradients, no retained inputs
        Y = layer.forward(Xr, retain_derived=True)
        dX = layer.backward(dYr)
        return Y, dX, layer.gradients["W"], layer.gradients["b"]

    def matmuls() -> tuple[np.ndarray, ...]:
        return W @ A, dZ @ A.T, W.T @ dZ  # Z, m·dW and dA_prev: the BLAS part of the layer

    def check() -> None:
        (Z, dA, dW, db), (Y, dX, gW, gb) = ours(), peer()
        assert_close("dense Z", Z, Y.T, rtol=1e-10, atol=1e-12)
        assert_close("dense dA_prev", dA, dX.T, rtol=1e-10, atol=1e-12)
        assert_close("dense dW", dW, gW.T / m, rtol=1e-10, atol=1e-12)  # dlnotes: the 1/m
        assert_close("dense db", db, gb.T / m, rtol=1e-10, atol=1e-12)

    return Case(f"linear_forward + linear_backward, {n} × {n_prev}, m = {m}",
                {"dlnotes": ours, "numpy-ml": peer, "its three matrix products": matmuls},
                check, [("dlnotes", "numpy-ml", 1.1), ("dlnotes", "its three matrix products",
                                                        None)])


def case_batchnorm_reference(n: int, m: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """batchnorm_forward + batchnorm_backward + update_running_stats against numpy-ml's
    BatchNorm1D forward (which updates its running statistics) + backward."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 2.0 + 0.5
    gamma, beta = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    running = (np.zeros((n, 1)), np.ones((n, 1)))
    layer = nm["BatchNorm1D"](momentum=0.9, epsilon=1e-5)
    Zr, Gr = Z.T.copy(), G.T.copy()  # numpy-ml: (batch, features)
    layer.forward(Zr, retain_derived=False)  # initializes its parameters, then set ours
    layer.parameters["scaler"], layer.parameters["intercept"] = gamma.ravel(), beta.ravel()

    def ours() -> tuple[np.ndarray, ...]:
        out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
        update_running_stats(*running, cache, beta=0.9)
        return (out, *batchnorm_backward(G, cache))

    def peer() -> tuple[np.ndarray, ...]:
        layer.flush_gradients()
        out = layer.forward(Zr, retain_derived=True)
        dX = layer.backward(Gr)
        return out, dX, layer.gradients["scaler"], layer.gradients["intercept"]

    def check() -> None:
        (out, dZ, dg, db), (tout, tdZ, tdg, tdb) = ours(), peer()
        assert_close("batchnorm out", out, tout.T, rtol=1e-9, atol=1e-11)
        assert_close("batchnorm dZ", dZ, tdZ.T, rtol=1e-8, atol=1e-10)
        assert_close("batchnorm dgamma", dg, tdg.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        assert_close("batchnorm dbeta", db, tdb.reshape(-1, 1), rtol=1e-9, atol=1e-9)

    return Case(f"batchnorm_forward + backward, {n} × {m}", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def case_softmax_reference(k: int, m: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """softmax_cross_entropy + softmax_cross_entropy_grad (labels, mean) against numpy-ml's
    Softmax layer forward + CrossEntropy loss and grad (one-hot targets, their sum)."""
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((k, m)) * 3.0  # classes on axis 0, one example per column
    y = rng.integers(0, k, size=m)
    Sr, Y1h = S.T.copy(), np.eye(k)[y]  # numpy-ml: (batch, classes), one-hot targets
    softmax, ce = nm["Softmax"](), nm["CrossEntropy"]()

    def ours() -> tuple[np.ndarray, np.ndarray]:
        return softmax_cross_entropy(S, y), softmax_cross_entropy_grad(S, y)

    def peer() -> tuple[float, np.ndarray]:
        P = softmax.forward(Sr, retain_derived=False)
        return ce.loss(Y1h, P), ce.grad(Y1h, P)  # the sum over examples, not the mean

    def check() -> None:
        (loss, grad), (nloss, ngrad) = ours(), peer()
        # numpy-ml takes log(P + machine eps): equal to about 1e-10 relative
        assert_close("softmax CE loss", loss * m, nloss, rtol=1e-9, atol=0.0)
        assert_close("softmax CE grad", grad * m, ngrad.T, rtol=1e-10, atol=1e-15)

    return Case(f"softmax_cross_entropy + grad, {k} × {m}", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def case_adam_fast(n: int, *, seed: int = 0) -> Case:
    """fast.Adam against torch.optim.Adam (foreach, fused, default), the floor, and the
    page's steps from the reference."""
    rng = np.random.default_rng(seed)
    params0 = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params0.items()}
    ours, box = _adam_loop(fast.Adam(lr=1e-3), params0, grads)
    reference, _ = _adam_loop(Adam(lr=1e-3), params0, grads)
    moments = {k: (np.zeros_like(p), np.zeros_like(p)) for k, p in params0.items()}

    def step(block: int, parallel: bool) -> Callable[[], object]:
        def run() -> object:  # one Adam step of every parameter, step 1 of the moments
            return [fast._adam_blocks(p, grads[k], *moments[k], 1, 1e-3, 0.9, 0.999, 1e-8,
                                      block=block, parallel=parallel) for k, p in params0.items()]
        return run

    def torch_adam(**kwargs: bool) -> tuple[Callable[[], object], list[torch.Tensor]]:
        tensors = [torch.tensor(p) for p in params0.values()]
        for t, g in zip(tensors, grads.values(), strict=True):
            t.grad = torch.from_numpy(g)  # shares memory: no copy
        topt = torch.optim.Adam(tensors, lr=1e-3, **kwargs)
        return topt.step, tensors

    foreach, t_foreach = torch_adam(foreach=True)
    fused, t_fused = torch_adam(fused=True)
    loop, t_loop = torch_adam()  # torch's default on CPU: the single-tensor for-loop

    def check() -> None:  # the first step from the same start
        ours()
        for fn, tensors, label in ((foreach, t_foreach, "foreach"), (fused, t_fused, "fused"),
                                   (loop, t_loop, "for-loop")):
            fn()
            for (key, p), t in zip(box["params"].items(), tensors, strict=True):
                assert_close(f"Adam {label} {key}", p, t, rtol=1e-12, atol=1e-15)
        for (key, p), q in zip(box["params"].items(), reference().values(), strict=True):
            assert_close(f"Adam reference {key}", p, q, rtol=1e-12, atol=1e-15)

    size = sum(p.size for p in params0.values())
    nbytes = 7 * 8 * size  # reads θ, g, m, v and writes m, v and the new θ, once each
    return Case(
        f"fast.Adam.update, {size:,} float64 params",
        {"fast": ours, "torch foreach": foreach, "torch fused": fused,
         "torch default (CPU)": loop, "floor": stream(nbytes), "reference": reference,
         "step 1": step(1 << 62, False), "step 2": step(fast._BLOCK, False),
         "step 3": step(fast._BLOCK, True)},
        check,
        [("fast", "torch foreach", 1.0), ("fast", "torch fused", None),
         ("fast", "torch default (CPU)", None), ("fast", "floor", None)],
        steps=[("reference", "0. the reference: dlnotes.optimizers.Adam.update"),
               ("step 1", "1. in place in the optimizer's own state, whole arrays, one core"),
               ("step 2", f"2. blocks of {fast._BLOCK:,} entries ({fast._BLOCK * 8 >> 20} MiB "
                          "per array), one core"),
               ("step 3", "3. the blocks on both cores"),
               ("fast", "fast.Adam.update: step 3 with its checks")],
        floor="floor", info={"bytes": _mb(nbytes)})


def case_softmax_fast(k: int, m: int, *, seed: int = 0) -> Case:
    """fast.softmax_cross_entropy_with_grad against F.cross_entropy + autograd."""
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((k, m)) * 3.0
    y = rng.integers(0, k, size=m)
    St = torch.tensor(S.T.copy(), requires_grad=True)  # torch: one example per ROW
    yt = torch.from_numpy(y)

    def ours() -> tuple[np.ndarray, np.ndarray]:
        return fast.softmax_cross_entropy_with_grad(S, y)

    def reference() -> tuple[np.ndarray, np.ndarray]:
        return softmax_cross_entropy(S, y), softmax_cross_entropy_grad(S, y)

    def step(block_bytes: int, parallel: bool) -> Callable[[], object]:
        return lambda: fast._softmax_ce_blocks(S, y, block_bytes=block_bytes, parallel=parallel)

    def peer() -> tuple[torch.Tensor, torch.Tensor]:
        loss = F.cross_entropy(St, yt)
        (grad,) = torch.autograd.grad(loss, St)
        return loss, grad

    def check() -> None:
        (loss, grad), (tloss, tgrad), (rloss, rgrad) = ours(), peer(), reference()
        assert_close("softmax CE loss", loss, tloss, rtol=1e-12, atol=0.0)
        assert_close("softmax CE grad", grad, tgrad.T, rtol=1e-10, atol=1e-18)
        assert_close("softmax CE reference", grad, rgrad, rtol=1e-12, atol=1e-18)
        assert_close("softmax CE reference loss", loss, rloss, rtol=1e-12, atol=0.0)

    nbytes = 2 * S.nbytes  # reads the logits once and writes the gradient once
    return Case(
        f"fast.softmax_cross_entropy_with_grad, {k} × {m}",
        {"fast": ours, "torch": peer, "floor": stream(nbytes), "reference": reference,
         "step 1": step(1 << 62, False), "step 2": step(fast._SOFTMAX_BLOCK_BYTES, False),
         "step 3": step(fast._SOFTMAX_BLOCK_BYTES, True)},
        check, [("fast", "torch", 1.5), ("fast", "floor", None)],
        steps=[("reference", "0. the reference: softmax_cross_entropy + its _grad"),
               ("step 1", "1. one kernel for loss and gradient, no one-hot array, whole arrays"),
               ("step 2", f"2. blocks of {fast._SOFTMAX_BLOCK_BYTES >> 20} MiB of examples "
                          f"({fast._SOFTMAX_BLOCK_BYTES // (8 * k)} columns), one core"),
               ("step 3", "3. the blocks on both cores"),
               ("fast", "fast.softmax_cross_entropy_with_grad: step 3 with its checks")],
        floor="floor", info={"bytes": _mb(nbytes)})


def case_batchnorm_fast(n: int, m: int, *, seed: int = 0) -> Case:
    """fast.batchnorm_forward + backward against F.batch_norm (training) + autograd."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 2.0 + 0.5
    gamma, beta = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    Zt = torch.tensor(Z.T.copy(), requires_grad=True)  # torch: (batch, features)
    gt = torch.tensor(gamma.ravel(), requires_grad=True)
    bt = torch.tensor(beta.ravel(), requires_grad=True)
    Gt = torch.tensor(G.T.copy())

    def ours() -> tuple[np.ndarray, ...]:
        out, cache = fast.batchnorm_forward(Z, gamma, beta, eps=1e-5)
        return (out, *fast.batchnorm_backward(G, cache))

    def reference() -> tuple[np.ndarray, ...]:
        out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
        return (out, *batchnorm_backward(G, cache))

    def step(band_bytes: int, parallel: bool) -> Callable[[], object]:
        def run() -> object:
            out, cache, _ = fast._batchnorm_forward_bands(Z, gamma, beta, 1e-5,
                                                          band_bytes=band_bytes, parallel=parallel)
            return out, fast._batchnorm_backward_bands(G, cache, band_bytes=band_bytes,
                                                       parallel=parallel)
        return run

    def peer() -> tuple[torch.Tensor, ...]:
        out = F.batch_norm(Zt, None, None, gt, bt, training=True, eps=1e-5)
        return (out, *torch.autograd.grad(out, (Zt, gt, bt), Gt))

    def check() -> None:
        (out, dZ, dg, db), (tout, tdZ, tdg, tdb) = ours(), peer()
        assert_close("batchnorm out", out, tout.T, rtol=1e-9, atol=1e-11)
        assert_close("batchnorm dZ", dZ, tdZ.T, rtol=1e-8, atol=1e-10)
        assert_close("batchnorm dgamma", dg, tdg.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        assert_close("batchnorm dbeta", db, tdb.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        for name, a, b in zip(("out", "dZ", "dgamma", "dbeta"), ours(), reference(),
                              strict=True):
            assert_close(f"batchnorm reference {name}", a, b, rtol=1e-10, atol=1e-12)

    nbytes = 5 * Z.nbytes  # forward: reads Z, writes Z̃; backward: reads dZ̃ and Z, writes dZ
    return Case(
        f"fast.batchnorm_forward + backward, {n} × {m}",
        {"fast": ours, "torch": peer, "floor": stream(nbytes), "reference": reference,
         "step 1": step(1 << 62, False), "step 2": step(fast._BATCHNORM_BAND_BYTES, False),
         "step 3": step(fast._BATCHNORM_BAND_BYTES, True)},
        check, [("fast", "torch", 1.5), ("fast", "floor", None)],
        steps=[("reference", "0. the reference: batchnorm_forward + batchnorm_backward"),
               ("step 1", "1. Z kept instead of Z_norm, results written in place, whole arrays"),
               ("step 2", f"2. bands of {fast._BATCHNORM_BAND_BYTES >> 20} MiB of rows "
                          f"({fast._BATCHNORM_BAND_BYTES // (8 * m)} rows), one core"),
               ("step 3", "3. the bands on both cores"),
               ("fast", "fast.batchnorm_forward + backward: step 3 with their checks")],
        floor="floor", info={"bytes": _mb(nbytes)})


def case_linear_torch(n: int, n_prev: int, m: int, *, seed: int = 0) -> Case:
    """linear_forward + linear_backward against F.linear + autograd (no goal: the BLAS)."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev)) / n_prev**0.5
    b = rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))
    At = torch.tensor(A.T.copy(), requires_grad=True)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b.ravel(), requires_grad=True)
    upstream = torch.tensor(dZ.T / m)  # dlnotes' dW, db carry the 1/m of the notes

    def ours() -> tuple[np.ndarray, ...]:
        Z, cache = linear_forward(A, W, b)
        return (Z, *linear_backward(dZ, cache))

    def peer() -> tuple[torch.Tensor, ...]:
        Z = F.linear(At, Wt, bt)
        return (Z, *torch.autograd.grad(Z, (At, Wt, bt), upstream))

    def matmuls() -> tuple[np.ndarray, ...]:
        return W @ A, dZ @ A.T, W.T @ dZ

    def check() -> None:
        (Z, dA, dW, db), (tZ, tdA, tdW, tdb) = ours(), peer()
        assert_close("linear Z", Z, tZ.T, rtol=1e-10, atol=1e-12)
        assert_close("linear dA_prev", dA, m * tdA.T, rtol=1e-10, atol=1e-12)
        assert_close("linear dW", dW, tdW, rtol=1e-10, atol=1e-12)
        assert_close("linear db", db, tdb.reshape(-1, 1), rtol=1e-10, atol=1e-12)

    return Case(f"linear_forward + linear_backward, {n} × {n_prev}, m = {m}",
                {"dlnotes": ours, "torch": peer, "its three matrix products": matmuls}, check,
                [("dlnotes", "its three matrix products", None), ("dlnotes", "torch", None)])


def fast_adam_peak_memory(n: int, *, seed: int = 0) -> tuple[int, int]:
    """Peak bytes allocated during one fast.Adam.update (tracemalloc), and the params' bytes."""
    rng = np.random.default_rng(seed)
    params = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    opt = fast.Adam(lr=1e-3)
    state = opt.init(params)
    params, state = opt.update(params, grads, state)  # warm: the thread pool exists
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        new_params, state = opt.update(params, grads, state)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del new_params
    return peak - before, sum(p.nbytes for p in params.values())


def _torch_training_loop(
    X: np.ndarray, Y: np.ndarray, params0: dict[str, np.ndarray], steps: int, lr: float
) -> Callable[[], list[torch.Tensor]]:
    """The same loop as a practitioner writes it with torch: nn.Linear layers, autograd, Adam
    with its defaults, from the weights params0 ([2, 5, 2, 1], ReLU, ReLU, sigmoid output)."""
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 5), torch.nn.ReLU(),
        torch.nn.Linear(5, 2), torch.nn.ReLU(),
        torch.nn.Linear(2, 1),
    ).double()
    Xt, Yt = torch.tensor(X.T.copy()), torch.tensor(Y.T.copy())
    linears = [model[0], model[2], model[4]]

    def loop() -> list[torch.Tensor]:
        with torch.no_grad():
            for k, layer in enumerate(linears, start=1):
                layer.weight.copy_(torch.from_numpy(params0[f"W{k}"]))
                layer.bias.copy_(torch.from_numpy(params0[f"b{k}"].ravel()))
        topt = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(steps):
            topt.zero_grad()
            # the mean binary cross-entropy of sigmoid(Z[3]), from the logits (stable form)
            loss = F.binary_cross_entropy_with_logits(model(Xt), Yt)
            loss.backward()
            topt.step()
        return [p.detach().clone() for p in model.parameters()]

    return loop


def case_train_function(steps: int, m: int = 64, *, seed: int = 0, lr: float = 0.0007) -> Case:
    """``steps`` epochs of dlnotes.network.train (batch GD with Adam, [2, 5, 2, 1], checks once
    per run) against the same torch loop as case_training, from the same He initialization."""
    import dlnotes.network as network
    from dlnotes.initializers import initialize_parameters

    train = network.train
    rng = np.random.default_rng(seed)
    dims = [2, 5, 2, 1]
    X = rng.standard_normal((2, m))
    Y = (X[0:1] * X[1:2] > 0).astype(np.float64)
    # train draws its initial weights first from its rng: the same draw seeds the torch model
    params0 = initialize_parameters(dims, "he", rng=np.random.default_rng(seed + 1))
    torch_case = _torch_training_loop(X, Y, params0, steps, lr)

    def ours() -> dict[str, np.ndarray]:
        params, _ = train(X, Y, dims, Adam(lr=lr), num_epochs=steps, record_every=steps,
                          rng=np.random.default_rng(seed + 1))
        return params

    def check() -> None:
        params, tparams = ours(), torch_case()
        for (key, p), t in zip(params.items(), tparams, strict=True):
            assert_close(f"train {key}", p, t.reshape(p.shape), rtol=1e-9, atol=1e-12)

    return Case(f"{steps} Adam steps of dlnotes.network.train, [2, 5, 2, 1], m = {m}",
                {"dlnotes": ours, "torch": torch_case}, check, [("dlnotes", "torch", 0.5)])


def case_vectorization(n: int, *, seed: int = 0) -> Case:
    """The notes' example (003): np.dot of two n-vectors against a Python loop."""
    rng = np.random.default_rng(seed)
    a, b = rng.random(n), rng.random(n)

    def ours() -> float:
        return float(np.dot(a, b))

    def loop() -> float:
        c = 0.0
        for i in range(n):  # the notes' loop, element by element
            c += a[i] * b[i]
        return c

    def check() -> None:
        assert_close("dot product", ours(), loop(), rtol=1e-9, atol=0.0)

    return Case(f"np.dot vs a Python loop, n = {n:,} (notes 003)",
                {"np.dot": ours, "Python loop": loop}, check, [("np.dot", "Python loop", None)])


# ---------------------------------------------------------------------------------------------
# The experiments of issue 6 (only once dlnotes.network.train exists)
# ---------------------------------------------------------------------------------------------


# The notebooks' runs (docs/experiments/*.ipynb): (notebook, data, layer_dims, epochs,
# batch_size, [(optimizer, train() keywords), …]); the optimizers are built per run.
EXPERIMENTS = [
    ("initialization", "circles", [2, 10, 5, 1], 15_000, None,
     [("SGD", {"initialization": "zeros"}),
      ("SGD", {"initialization": "random", "scale": 10.0}),
      ("SGD", {"initialization": "he"})]),
    ("regularization", "field", [2, 20, 3, 1], 30_000, None,
     [("SGD", {"initialization": "xavier"}),
      ("SGD", {"initialization": "xavier", "lambd": 0.7}),
      ("SGD", {"initialization": "xavier", "keep_prob": 0.86})]),
    ("optimizers", "moons", [2, 5, 2, 1], 10_000, 64,
     [("SGD", {}), ("Momentum", {}), ("Adam", {})]),
]
LEARNING_RATES = {"initialization": 0.01, "regularization": 0.3, "optimizers": 0.0007}


def experiment_data(dataset: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The notebooks' training sets (the timing depends on their sizes, not on the draw)."""
    import dlnotes.data as data

    if dataset == "circles":
        return data.make_circles(300, noise=0.05, factor=0.8, rng=rng)
    if dataset == "field":
        return data.make_field(211, noise=0.05, flip=0.1, rng=rng)  # type: ignore[attr-defined]
    return data.make_moons(300, noise=0.2, rng=rng)


def experiments_runtime(fraction: float) -> tuple[float, str] | None:
    """Seconds for the nine runs of the experiment notebooks, from ``fraction`` of the epochs of
    each run scaled up; None while ``dlnotes.network.train`` does not exist."""
    import dlnotes.optimizers as optimizers

    train = getattr(dlnotes.network, "train", None)
    if train is None:
        return None
    rng = np.random.default_rng(0)
    total = 0.0
    for notebook, dataset, dims, epochs, batch, runs in EXPERIMENTS:
        X, Y = experiment_data(dataset, rng)
        run_epochs = max(1, round(epochs * fraction))
        for opt_name, kwargs in runs:
            beta = {"beta": 0.9} if opt_name == "Momentum" else {}
            optimizer = getattr(optimizers, opt_name)(LEARNING_RATES[notebook], **beta)
            start = time.perf_counter()
            train(X, Y, dims, optimizer, num_epochs=run_epochs, rng=rng, batch_size=batch,
                  record_every=100, **kwargs)
            total += (time.perf_counter() - start) * epochs / run_epochs
    how = (
        "experiments: the nine dlnotes.network.train runs of docs/experiments (initialization: "
        "[2, 10, 5, 1] × 15,000 epochs on 300 examples; regularization: [2, 20, 3, 1] × 30,000 "
        "on 211; optimizers: [2, 5, 2, 1] × 10,000 epochs of mini-batches of 64 from 300), "
        f"each run for {fraction:.1%} of its epochs and the time scaled up to the full count"
    )
    return total, how


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


@dataclass
class Goal:
    case: str
    ratio: Ratio
    goal: float
    met: bool


def run_case(case: Case, rounds: int, warmup: int) -> dict[str, list[float]] | str:
    try:
        case.check()
    except AssertionError as err:
        return f"outputs differ: {err}"
    print(f"  {case.title} …", file=sys.stderr, flush=True)
    return interleaved(case.fns, rounds, warmup)


def compare_rows(case: Case, times: dict[str, list[float]] | str, goals: list[Goal]
                 ) -> list[str]:
    """Rows of a room's table: | case | ours | peer | ratio (quartiles) | goal | met |."""
    if isinstance(times, str):
        return [f"| {case.title} | — | — | — | — | **{times}** |"]
    rows = []
    for i, (ours, peer, goal) in enumerate(case.compare):
        r = ratio(times, ours, peer)
        label = case.title if i == 0 else f"… vs {peer}"
        if peer == case.floor:
            label = f"… vs the floor: {case.info['bytes']} streamed once (a copy, both cores)"
        met = "—"
        if goal is not None:
            goals.append(Goal(case.title if i == 0 else f"{case.title} vs {peer}", r, goal,
                              r.median <= goal))
            met = "yes" if r.median <= goal else "**no**"
        rows.append(f"| {label} | {ms(statistics.median(times[ours]))} | "
                    f"{ms(statistics.median(times[peer]))} ({peer}) | {r} | "
                    f"{'—' if goal is None else f'≤ {goal:g}'} | {met} |")
    return rows


def step_rows(case: Case, times: dict[str, list[float]] | str) -> list[str]:
    """The page's steps: | step | time | × the reference | × the floor |."""
    if isinstance(times, str) or not case.steps:
        return []
    rows = ["| step | time | × the reference | × the floor |", "| --- | --- | --- | --- |"]
    for fn, what in case.steps:
        rows.append(f"| {what} | {ms(statistics.median(times[fn]))} | "
                    f"{ratio(times, fn, 'reference')} | {ratio(times, fn, 'floor')} |")
    floor = ms(statistics.median(times["floor"]))
    rows.append(f"| the floor: {case.info['bytes']} streamed once | {floor} | "
                f"{ratio(times, 'floor', 'reference')} | 1 |")
    return rows


def section(name: str, lines: list[str]) -> list[str]:
    """Lines between snippet markers, so the performance page can include them one by one."""
    return [f"<!-- --8<-- [start:{name}] -->", *lines, f"<!-- --8<-- [end:{name}] -->", ""]


TABLE_HEAD = ["| case | ours | peer | ratio (quartiles) | goal | met |",
              "| --- | --- | --- | --- | --- | --- |"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, few rounds (a smoke run, not a measurement)")
    parser.add_argument("--output", metavar="PATH", type=Path,
                        help=f"where to record the results (default {RESULTS.name} beside "
                             "bench.py for a full run, nowhere for --quick)")
    parser.add_argument("--rounds", type=int, help="timed rounds per case (default 15; 3 quick)")
    args = parser.parse_args(argv)
    quick = args.quick
    rounds = args.rounds or (3 if quick else 15)
    warmup = 1 if quick else 3
    output = args.output or (None if quick else RESULTS)

    threads, how = blas_threads()
    torch.set_num_threads(threads)
    nm = numpy_ml()
    given = argv if argv is not None else sys.argv[1:]
    command = ("`make bench` (`python benchmarks/bench.py`)" if not given else
               f"`python benchmarks/bench.py {shlex.join(given)}`")
    header = [
        f"command: {command}" + (" (--quick: small sizes, NOT a measurement)" if quick else ""),
        f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {cpu_model()}, {os.cpu_count()} logical cores, {platform.system()} "
        f"{platform.release()}",
        f"versions: Python {platform.python_version()}, NumPy {np.__version__}, "
        f"PyTorch {torch.__version__}, numpy-ml {_version('numpy-ml')}, "
        f"dlnotes {dlnotes.__version__}",
        f"threads: NumPy's BLAS {threads} ({how}); torch.set_num_threads({threads}), "
        f"torch.get_num_threads() = {torch.get_num_threads()}; dlnotes.fast: "
        f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else 1} cores; "
        f"OPENBLAS_THREAD_TIMEOUT={os.environ.get('OPENBLAS_THREAD_TIMEOUT')}",
        f"timing: {warmup} warm-up round(s), then {rounds} rounds; every function of a case once "
        "per round, in rotating order, each timed call right after an untimed one; ratio = "
        "median over the rounds of ours / peer, in brackets the 25th to 75th percentile",
        f"load average (1, 5, 15 min) before the run: {_load()}",
    ]
    for line in header:
        print(f"- {line}")
    print(file=sys.stderr)

    def sizes(full: Any, small: Any) -> Any:
        return small if quick else full

    n_adam = sizes(10_000_000, 20_000)
    k, m_sm = sizes((1000, 4096), (50, 64))
    n_bn, m_bn = sizes((1024, 4096), (64, 128))
    n_fc, m_fc = sizes((1024, 512), (64, 32))
    steps = sizes(200, 20)
    goals: list[Goal] = []

    room1: list[str] = []
    for make in (lambda: case_adam_reference(n_adam, nm),
                 lambda: case_dense_reference(n_fc, n_fc, m_fc, nm),
                 lambda: case_batchnorm_reference(n_bn, m_bn, nm),
                 lambda: case_softmax_reference(k, m_sm, nm),
                 lambda: case_train_function(steps)):
        case = make()
        room1 += compare_rows(case, run_case(case, rounds, warmup), goals)
        del case
        gc.collect()

    room2: list[str] = []
    steps_tables: dict[str, list[str]] = {}
    for name, make in (("steps_adam", lambda: case_adam_fast(n_adam)),
                       ("steps_softmax", lambda: case_softmax_fast(k, m_sm)),
                       ("steps_batchnorm", lambda: case_batchnorm_fast(n_bn, m_bn)),
                       ("linear", lambda: case_linear_torch(n_fc, n_fc, m_fc))):
        case = make()
        times = run_case(case, rounds, warmup)
        room2 += compare_rows(case, times, goals)
        steps_tables[name] = step_rows(case, times)
        del case, times
        gc.collect()

    also: list[str] = []
    peak, param_bytes = fast_adam_peak_memory(n_adam)
    also.append(f"peak memory of one fast.Adam.update on {n_adam:,} parameters: {peak:,} B = "
                f"{peak / param_bytes:.2f} × the parameters' {param_bytes:,} B (the returned "
                "parameters are one such array)")
    vec = case_vectorization(sizes(1_000_000, 100_000))
    vtimes = run_case(vec, sizes(7, 3), 1)
    if isinstance(vtimes, str):
        also.append(f"np.dot vs a Python loop: {vtimes}")
    else:
        r = ratio(vtimes, "Python loop", "np.dot")
        also.append(f"{vec.title}: np.dot {ms(statistics.median(vtimes['np.dot']))}, the loop "
                    f"{ms(statistics.median(vtimes['Python loop']))}, {r.median:.0f}× slower "
                    "(the notes: 1.5 ms against 474 ms, 316×)")
    exp = experiments_runtime(sizes(0.1, 0.001))
    if exp is not None:
        seconds, how_measured = exp
        also.append(f"the nine runs of the experiment notebooks: {seconds:.1f} s in all "
                    f"(goal ≤ 60 s: {'met' if seconds <= 60 else 'missed'}); {how_measured}")
    also.append(f"load average (1, 5, 15 min) after the run: {_load()}")

    met = sum(g.met for g in goals)
    summary = [f"goals met: {met} of {len(goals)}"] + [
        f"missed: {g.case}: {g.ratio.median:.2f} against ≤ {g.goal:g}" for g in goals if not g.met
    ]
    lines = [
        "# `make bench`: the recorded run", "",
        *section("header", [f"- {line}" for line in header]),
        "## Room 1: the references against numpy-ml 0.1.2 (and the training loop against "
        "PyTorch)", "",
        *section("room1", [*TABLE_HEAD, *room1]),
        "## Room 2: dlnotes.fast against PyTorch, with the same threads", "",
        *section("room2", [*TABLE_HEAD, *room2]),
    ]
    for name, title in (("steps_adam", "Adam"), ("steps_softmax", "Softmax cross-entropy"),
                        ("steps_batchnorm", "Batch norm")):
        lines += [f"### Steps: {title}", "", *section(name, steps_tables[name])]
    lines += ["## Also measured", "", *section("also", [f"- {a}" for a in also]),
              "## Goals", "", *section("goals", [f"- {s}" for s in summary])]
    text = "\n".join(lines).rstrip() + "\n"
    print()
    print("\n".join(ln for ln in lines if not ln.startswith("<!--")))
    if output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"recorded in {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
