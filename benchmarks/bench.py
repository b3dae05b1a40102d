"""Side-by-side timings of dlnotes against PyTorch (CPU), in one process.

Run with ``make bench`` (``.venv/bin/python benchmarks/bench.py``); ``--quick`` runs every case
on small sizes with few pairs (a smoke run, not a measurement); ``--markdown PATH`` also writes
the results table to PATH.

How a case is timed: after a warm-up, dlnotes and each peer are called alternately in one
process, the order rotating from round to round, and every round gives one ratio
dlnotes / peer. The table reports the median time of each side and the MEDIAN OF THE PER-ROUND
RATIOS, which cancels most of the drift of a shared machine (both sides of a ratio ran within
the same second). PyTorch gets the thread count of NumPy's BLAS. Before timing, each case
checks once that dlnotes and the peer compute the same numbers.
"""

from __future__ import annotations

import os

# OpenBLAS's idle worker threads busy-wait for up to 2**28 cycles (about 0.1 s) after every call,
# so the peer timed right after a dlnotes call would share the two cores with them (measured:
# torch's linear case took 46 ms right after dlnotes' call, 23 ms otherwise). 2**4 cycles makes
# them sleep at once, as between the calls of a program that uses NumPy alone. PyTorch's OpenMP
# threads spin far more briefly.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import argparse
import ctypes
import datetime
import gc
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

import dlnotes
import dlnotes.network
from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward
from dlnotes.layers import linear_backward, linear_forward
from dlnotes.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from dlnotes.network import model_backward, model_forward
from dlnotes.optimizers import Adam

# ---------------------------------------------------------------------------------------------
# Environment: threads, machine, versions, the second peer
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
                    return int(getter()), f"OpenBLAS {name}, read with ctypes (no threadpoolctl)"
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


def numpy_ml_status() -> str:
    """numpy-ml has Adam, softmax cross-entropy, a dense layer and batch norm, if it imports."""
    try:
        import numpy_ml  # type: ignore[import-not-found]  # noqa: F401
    except Exception as err:  # an ImportError, or any error raised while importing it
        return (
            f"numpy-ml: not used as a peer: `import numpy_ml` failed with "
            f"{type(err).__name__}: {err}. numpy-ml 0.1.2, its latest release, does "
            "`from collections import Hashable` (removed in Python 3.10; ddbourgin/numpy-ml "
            f"issue #79), so it cannot import on this Python {platform.python_version()} "
            "and is not installed."
        )
    return "numpy-ml: imports, but bench.py has no numpy-ml cases yet"


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


@dataclass
class Timing:
    ours: float  # median seconds per call
    peers: dict[str, float]  # median seconds per call
    ratios: dict[str, float]  # median over rounds of ours / peer
    quartiles: dict[str, tuple[float, float]]  # 25th and 75th percentile of the same ratios


def interleaved(
    ours: Callable[[], object],
    peers: dict[str, Callable[[], object]],
    rounds: int,
    warmup: int,
) -> Timing:
    """Time ``ours`` and every peer once per round, rotating the order; per-round ratios.

    Each timed call comes right after an untimed call of the same function, as in a program
    that calls it in a loop: no side is timed while the other library's threads are still
    busy-waiting from its last call (PyTorch's OpenMP threads spin for a while after each
    parallel region, and a NumPy call right after a PyTorch call ran up to 25 % slower).
    """
    fns = [("ours", ours), *peers.items()]
    times: dict[str, list[float]] = {name: [] for name, _ in fns}
    for r in range(warmup + rounds):
        gc.collect()
        shift = r % len(fns)
        for name, fn in fns[shift:] + fns[:shift]:
            fn()
            t = timed(fn)
            if r >= warmup:
                times[name].append(t)
    per_round = {
        name: [a / b for a, b in zip(times["ours"], times[name], strict=True)] for name in peers
    }
    return Timing(
        statistics.median(times["ours"]),
        {name: statistics.median(times[name]) for name in peers},
        {name: statistics.median(r) for name, r in per_round.items()},
        {name: _quartiles(r) for name, r in per_round.items()},
    )


def _quartiles(values: list[float]) -> tuple[float, float]:
    """25th and 75th percentiles (the middle half of the rounds lies between them)."""
    if len(values) < 2:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


# ---------------------------------------------------------------------------------------------
# Cases: each returns the two callables and a check that they compute the same thing
# ---------------------------------------------------------------------------------------------


@dataclass
class Case:
    ours: Callable[[], object]
    peers: dict[str, Callable[[], object]]
    check: Callable[[], None]  # raises AssertionError if dlnotes and the peers disagree
    info: dict[str, str] = field(default_factory=dict)


def assert_close(name: str, ours: object, peer: object, rtol: float, atol: float) -> None:
    a = np.asarray(ours, dtype=np.float64)
    b = peer.detach().numpy() if isinstance(peer, torch.Tensor) else np.asarray(peer)
    if a.shape != b.shape or not np.allclose(a, b, rtol=rtol, atol=atol):
        worst = float(np.max(np.abs(a - b))) if a.shape == b.shape else float("nan")
        raise AssertionError(f"{name}: dlnotes and the peer differ (max |diff| {worst:.3g})")


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


def case_adam(n: int, *, seed: int = 0) -> Case:
    """One Adam.update on about n float64 parameters, against torch.optim.Adam.step."""
    rng = np.random.default_rng(seed)
    params0 = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params0.items()}
    opt = Adam(lr=1e-3)
    state = {"params": dict(params0), "state": opt.init(params0)}

    def ours() -> dict[str, np.ndarray]:
        state["params"], state["state"] = opt.update(state["params"], grads, state["state"])
        return state["params"]

    def torch_adam(**kwargs: bool) -> tuple[Callable[[], object], list[torch.Tensor]]:
        tensors = [torch.tensor(p) for p in params0.values()]
        for t, g in zip(tensors, grads.values(), strict=True):
            t.grad = torch.from_numpy(g)  # shares memory: no copy
        topt = torch.optim.Adam(tensors, lr=1e-3, **kwargs)
        return topt.step, tensors

    foreach, t_foreach = torch_adam(foreach=True)
    fused, t_fused = torch_adam(fused=True)
    loop, t_loop = torch_adam()  # torch's default on CPU: the single-tensor for-loop

    def check() -> None:
        # first step from the same start: the new parameters must agree
        ours()
        for step, tensors, label in (
            (foreach, t_foreach, "foreach"), (fused, t_fused, "fused"), (loop, t_loop, "for-loop")
        ):
            step()
            for (key, p), t in zip(state["params"].items(), tensors, strict=True):
                assert_close(f"Adam {label} {key}", p, t, rtol=1e-12, atol=1e-15)

    size = sum(p.size for p in params0.values())
    return Case(
        ours,
        {"torch foreach": foreach, "torch fused": fused, "torch default (CPU)": loop},
        check,
        {"size": f"{size:,}"},
    )


def adam_peak_memory(n: int, *, seed: int = 0) -> tuple[int, int]:
    """Peak bytes allocated during one Adam.update (traced by tracemalloc), and params' bytes."""
    rng = np.random.default_rng(seed)
    params = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    opt = Adam(lr=1e-3)
    state = opt.init(params)
    params, state = opt.update(params, grads, state)  # warm: thread pool and first-step paths
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


def case_softmax_ce(k: int, m: int, *, seed: int = 0) -> Case:
    """softmax_cross_entropy and its gradient (labels, mean), against F.cross_entropy + grad."""
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((k, m)) * 3.0  # classes on axis 0, one example per column
    y = rng.integers(0, k, size=m)
    # torch's layout: one example per ROW (m, K), contiguous, as a practitioner has it
    St = torch.tensor(S.T.copy(), requires_grad=True)
    yt = torch.from_numpy(y)

    def ours() -> tuple[np.ndarray, np.ndarray]:
        return softmax_cross_entropy(S, y), softmax_cross_entropy_grad(S, y)

    def peer() -> tuple[torch.Tensor, torch.Tensor]:
        loss = F.cross_entropy(St, yt)
        (grad,) = torch.autograd.grad(loss, St)
        return loss, grad

    def check() -> None:
        (loss, grad), (tloss, tgrad) = ours(), peer()
        assert_close("softmax CE loss", loss, tloss, rtol=1e-12, atol=0.0)
        assert_close("softmax CE grad", grad, tgrad.T, rtol=1e-10, atol=1e-18)

    return Case(ours, {"torch": peer}, check)


def case_linear(n: int, n_prev: int, m: int, *, seed: int = 0) -> Case:
    """linear_forward + linear_backward against F.linear and its autograd backward."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev)) / n_prev**0.5
    b = rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))  # the per-example upstream gradient (notes' convention)
    At = torch.tensor(A.T.copy(), requires_grad=True)  # torch: (m, n_prev), one example per row
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b.ravel(), requires_grad=True)
    # dlnotes' dW, db are ∂J/∂W, ∂J/∂b of J = (1/m)·Σ dZ ⊙ Z, so torch backpropagates dZ/m
    upstream = torch.tensor(dZ.T / m)

    def ours() -> tuple[np.ndarray, ...]:
        Z, cache = linear_forward(A, W, b)
        return (Z, *linear_backward(dZ, cache))

    def peer() -> tuple[torch.Tensor, ...]:
        Z = F.linear(At, Wt, bt)
        return (Z, *torch.autograd.grad(Z, (At, Wt, bt), upstream))

    def check() -> None:
        (Z, dA, dW, db), (tZ, tdA, tdW, tdb) = ours(), peer()
        assert_close("linear Z", Z, tZ.T, rtol=1e-10, atol=1e-12)
        # dlnotes' dA_prev is per example (m·∂J/∂A_prev, see dlnotes.layers)
        assert_close("linear dA_prev", dA, m * tdA.T, rtol=1e-10, atol=1e-12)
        assert_close("linear dW", dW, tdW, rtol=1e-10, atol=1e-12)
        assert_close("linear db", db, tdb.reshape(-1, 1), rtol=1e-10, atol=1e-12)

    return Case(ours, {"torch": peer}, check)


def case_batchnorm(n: int, m: int, *, seed: int = 0) -> Case:
    """batchnorm_forward + batchnorm_backward against F.batch_norm (training) and autograd."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 2.0 + 0.5
    gamma = rng.standard_normal((n, 1))
    beta = rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    Zt = torch.tensor(Z.T.copy(), requires_grad=True)  # torch: (batch, features)
    gt = torch.tensor(gamma.ravel(), requires_grad=True)
    bt = torch.tensor(beta.ravel(), requires_grad=True)
    Gt = torch.tensor(G.T.copy())

    def ours() -> tuple[np.ndarray, ...]:
        out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
        return (out, *batchnorm_backward(G, cache))

    def peer() -> tuple[torch.Tensor, ...]:
        out = F.batch_norm(Zt, None, None, gt, bt, training=True, eps=1e-5)
        return (out, *torch.autograd.grad(out, (Zt, gt, bt), Gt))

    def check() -> None:
        (out, dZ, dg, db), (tout, tdZ, tdg, tdb) = ours(), peer()
        assert_close("batchnorm out", out, tout.T, rtol=1e-9, atol=1e-11)
        assert_close("batchnorm dZ", dZ, tdZ.T, rtol=1e-8, atol=1e-10)
        assert_close("batchnorm dgamma", dg, tdg.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        assert_close("batchnorm dbeta", db, tdb.reshape(-1, 1), rtol=1e-9, atol=1e-9)

    return Case(ours, {"torch": peer}, check)


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


def case_training(steps: int, m: int = 64, *, seed: int = 0, lr: float = 0.0007) -> Case:
    """``steps`` Adam steps of the [2, 5, 2, 1] network (ReLU, ReLU, sigmoid) on m examples."""
    rng = np.random.default_rng(seed)
    dims = [2, 5, 2, 1]
    X = rng.standard_normal((2, m))
    Y = (X[0:1] * X[1:2] > 0).astype(np.float64)  # an XOR-like target: the ReLUs do work
    params0 = {}
    for k in range(1, len(dims)):
        params0[f"W{k}"] = rng.standard_normal((dims[k], dims[k - 1])) * (2 / dims[k - 1]) ** 0.5
        params0[f"b{k}"] = rng.standard_normal((dims[k], 1)) * 0.1

    def ours() -> dict[str, np.ndarray]:
        opt = Adam(lr=lr)
        params, state = params0, opt.init(params0)
        for _ in range(steps):
            AL, caches = model_forward(X, params, hidden="relu", output="sigmoid")
            grads = model_backward(AL, Y, caches)
            params, state = opt.update(params, grads, state)
        return params

    peer = _torch_training_loop(X, Y, params0, steps, lr)

    def check() -> None:
        params, tparams = ours(), peer()
        for (key, p), t in zip(params.items(), tparams, strict=True):
            assert_close(f"training {key}", p, t.reshape(p.shape), rtol=1e-9, atol=1e-12)

    return Case(ours, {"torch": peer}, check)


def case_train_function(steps: int, m: int = 64, *, seed: int = 0, lr: float = 0.0007) -> Case:
    """``steps`` epochs of dlnotes.network.train (batch GD with Adam, [2, 5, 2, 1], checks once
    per run) against the same torch loop as case_training, from the same He initialization."""
    import dlnotes.network as network
    from dlnotes.initializers import initialize_parameters

    train = network.train  # type: ignore[attr-defined]
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

    return Case(ours, {"torch": torch_case}, check)


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

    return Case(ours, {"Python loop": loop}, check)


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
        f"each run for {fraction:.0%} of its epochs and the time scaled up to the full count"
    )
    return total, how


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    value = seconds * 1e3
    return f"{value:.3g} ms" if value >= 1 else f"{value * 1e3:.3g} µs"


@dataclass
class Row:
    case: str
    ours: str
    peer: str
    ratio: str
    goal: str
    met: str


def ratio_row(case: str, t: Timing, peer: str, goal: float | None) -> Row:
    r, (q1, q3) = t.ratios[peer], t.quartiles[peer]
    met = "—" if goal is None else ("yes" if r <= goal else "**no**")
    return Row(case, ms(t.ours), f"{ms(t.peers[peer])} ({peer})", f"{r:.2f} ({q1:.2f}–{q3:.2f})",
               "—" if goal is None else f"≤ {goal:g}", met)


def run_case(name: str, case: Case, rounds: int, warmup: int) -> Timing | str:
    try:
        case.check()
    except AssertionError as err:
        return f"outputs differ: {err}"
    print(f"  {name} …", file=sys.stderr, flush=True)
    return interleaved(case.ours, case.peers, rounds, warmup)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few pairs (smoke run)")
    parser.add_argument("--markdown", metavar="PATH", help="also write the table to PATH")
    args = parser.parse_args(argv)
    quick = args.quick
    rounds, warmup = (3, 1) if quick else (15, 3)

    threads, how = blas_threads()
    torch.set_num_threads(threads)
    header = [
        f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {cpu_model()}, {os.cpu_count()} logical cores, {platform.system()}",
        f"python {platform.python_version()}, numpy {np.__version__}, torch {torch.__version__}, "
        f"dlnotes {dlnotes.__version__}",
        f"threads: NumPy BLAS {threads} ({how}); torch.set_num_threads({threads}) -> "
        f"torch.get_num_threads() = {torch.get_num_threads()}; OPENBLAS_THREAD_TIMEOUT="
        f"{os.environ.get('OPENBLAS_THREAD_TIMEOUT')} (idle OpenBLAS threads sleep at once "
        "instead of spinning next to the peer)",
        f"timing: {warmup} warm-up round(s), then {rounds} rounds; dlnotes and the peer(s) "
        "alternate in one process, each timed call right after an untimed one of the same "
        "function; ratio = median over rounds of dlnotes / peer, in brackets "
        "the 25th to 75th percentile of the rounds' ratios"
        + (" [--quick: small sizes, NOT a measurement]" if quick else ""),
        f"load average (1, 5, 15 min) before the run: {_load()} (other processes share the "
        "cores; see the notes below the table)",
        numpy_ml_status(),
    ]
    for line in header:
        print(line)
    print(file=sys.stderr)

    rows: list[Row] = []
    notes: list[str] = []

    def add(name: str, case: Case, peer_goals: list[tuple[str, float | None]]) -> None:
        result = run_case(name, case, rounds, warmup)
        if isinstance(result, str):
            rows.append(Row(name, "—", "—", "—", "—", f"**{result}**"))
            return
        for peer, goal in peer_goals:
            rows.append(ratio_row(name if peer == peer_goals[0][0] else f"… vs {peer}",
                                  result, peer, goal))

    n_adam = 10_000 if quick else 10_000_000
    adam = case_adam(n_adam)
    adam_size = adam.info["size"]
    add(f"Adam.update, {adam_size} float64 params", adam,
        [("torch foreach", 1.0), ("torch fused", None), ("torch default (CPU)", None)])
    del adam  # its 1 GB of arrays would otherwise stay allocated through the other cases
    gc.collect()
    notes.append(
        "torch.optim.Adam's default on the CPU is the single-tensor for-loop, not foreach "
        "(foreach and fused are chosen by default only on accelerators); the goal is "
        "against foreach=True."
    )

    k, m = (50, 64) if quick else (1000, 4096)
    add(f"softmax_cross_entropy + grad, {k} × {m}", case_softmax_ce(k, m), [("torch", 2.0)])

    n, m = (64, 32) if quick else (1024, 512)
    add(f"linear_forward + linear_backward, {n} × {n}, m = {m}", case_linear(n, n, m),
        [("torch", 1.0)])

    n, m = (64, 128) if quick else (1024, 4096)
    add(f"batchnorm_forward + backward, {n} × {m}", case_batchnorm(n, m), [("torch", 1.5)])

    steps = 20 if quick else 200
    add(f"{steps} Adam training steps, [2, 5, 2, 1], m = 64 (model_forward, model_backward, "
        "Adam.update)", case_training(steps), [("torch", 0.34)])
    if hasattr(dlnotes.network, "train"):
        add(f"… the same {steps} steps through dlnotes.network.train (issue 6)",
            case_train_function(steps), [("torch", 0.34)])

    peak, param_bytes = adam_peak_memory(n_adam)
    units = peak / param_bytes
    rows.append(Row(
        f"peak memory of one Adam.update ({adam_size} params)",
        f"{peak:,} B = {units:.2f} × the params' {param_bytes:,} B",
        "—", "—", "≤ 2 × params (the returned params + one temporary)",
        "yes" if units <= 2.0 else "**no**",
    ))

    n_vec = 100_000 if quick else 1_000_000
    vec = case_vectorization(n_vec)
    result = run_case("vectorization", vec, 3 if quick else 7, 1)
    if isinstance(result, str):
        rows.append(Row("np.dot vs Python loop", "—", "—", "—", "—", f"**{result}**"))
    else:
        speedup = 1 / result.ratios["Python loop"]
        rows.append(Row(
            f"np.dot vs Python loop, n = {n_vec:,} (notes 003)",
            f"{ms(result.ours)} (np.dot)", f"{ms(result.peers['Python loop'])} (loop)",
            f"{result.ratios['Python loop']:.2g} (loop {speedup:.0f}× slower)",
            "report (notes: 1.5 ms vs 474 ms, 316×)", "—",
        ))

    exp = experiments_runtime(0.01 if quick else 0.1)
    if exp is None:
        notes.append("experiments (issue 6): not measured: dlnotes.network.train does not exist "
                     "yet.")
    else:
        seconds, how_measured = exp
        rows.append(Row("the three experiments (issue 6), total", f"{seconds:.1f} s", "—", "—",
                        "≤ 60 s", "yes" if seconds <= 60 else "**no**"))
        notes.append(how_measured)

    table = [
        "| case | dlnotes | peer | ratio (quartiles) | goal | met |",
        "| --- | --- | --- | --- | --- | --- |",
        *(f"| {r.case} | {r.ours} | {r.peer} | {r.ratio} | {r.goal} | {r.met} |" for r in rows),
    ]
    print()
    print("\n".join(table))
    notes.append(f"load average (1, 5, 15 min) after the run: {_load()}")
    notes.append(
        "multi-threaded code (torch, OpenBLAS, the optimizers' kernels) waits for its slowest "
        "thread: while another process occupies a core its times grow several-fold, and "
        "single-threaded NumPy's hardly; trust ratios only from a run whose load average stays "
        f"well below the {os.cpu_count()} cores."
    )
    print()
    for note in notes:
        print(f"- {note}")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write("\n".join([*(f"- {line}" for line in header), "", *table, "",
                                 *(f"- {note}" for note in notes)]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
