"""The bench's harness: the environment (threads, machine, versions, numpy-ml), the interleaved
timing and what a case is.

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
# them sleep at once. PyTorch's OpenMP threads spin far more briefly. Set before NumPy loads.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import collections
import collections.abc
import ctypes
import gc
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numba
import numpy as np
import torch

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


def load() -> str:
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


def version(module: str) -> str:
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


def mb(nbytes: int) -> str:
    return f"{nbytes / 1e6:,.0f} MB" if nbytes >= 1e7 else f"{nbytes / 1e3:,.0f} kB"


def set_threads(n: int) -> str:
    """The same n threads for PyTorch and for numba's prange loops; a line for the header."""
    torch.set_num_threads(n)
    numba.set_num_threads(min(n, numba.config.NUMBA_NUM_THREADS))
    return (f"torch.set_num_threads({n}) (torch.get_num_threads() = {torch.get_num_threads()}), "
            f"numba.set_num_threads({n}) (numba.get_num_threads() = {numba.get_num_threads()})")


def run_case(case: Case, rounds: int, warmup: int) -> dict[str, list[float]] | str:
    """The case's check, then its interleaved times; the check's message if it fails."""
    try:
        case.check()
    except AssertionError as err:
        return f"outputs differ: {err}"
    print(f"  {case.title} …", file=sys.stderr, flush=True)
    return interleaved(case.fns, rounds, warmup)
