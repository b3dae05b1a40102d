"""The floors: for each case of the performance chapter, a compiled loop of the same kind as the
kernel of dlnotes.fast (njit, prange over the cores, the same arrays, the same blocks or rows)
that reads what the case must read and writes what it must write, once, computing nothing.

And the compile time of the kernels, measured in fresh processes that share an empty cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable

import numpy as np

# --8<-- [start:floors]
from numba import njit, prange


@njit(parallel=True, cache=True, fastmath=False)
def stream_adam(theta, g, m, v, out):
    """Adam's floor: read θ, g, m, v and write m, v and the new θ, once each."""
    for i in prange(theta.size):
        m[i], v[i] = v[i], m[i]
        out[i] = theta[i] + g[i]  # one addition, so that g is read


@njit(parallel=True, cache=True, fastmath=False)
def stream_columns(s, out, width):
    """The softmax's floor: read the logits and write an array of their shape, once, by the
    kernel's blocks of ``width`` examples."""
    k, m = s.shape
    for b in prange((m + width - 1) // width):
        for j in range(k):
            for i in range(b * width, min(m, (b + 1) * width)):
                out[j, i] = s[j, i]


@njit(parallel=True, cache=True, fastmath=False)
def stream_rows(a, out):
    """Batch norm's forward floor: read the rows of a, write them into out, once."""
    n, m = a.shape
    for r in prange(n):
        for i in range(m):
            out[r, i] = a[r, i]


@njit(parallel=True, cache=True, fastmath=False)
def stream_row_pairs(a, b, out):
    """Batch norm's backward floor: read the rows of a and b, write out = a + b, once."""
    n, m = a.shape
    for r in prange(n):
        for i in range(m):
            out[r, i] = a[r, i] + b[r, i]  # one addition, so that both are read
# --8<-- [end:floors]


def adam_floor(arrays: list[tuple[np.ndarray, ...]], *, new: bool) -> Callable[[], None]:
    """Adam's floor over the parameters' (θ, g, m, v) flattened arrays; the new θ into new
    arrays (as fast.Adam.update) or, new=False, into arrays written before (as torch's fused
    update writes into the parameters)."""
    outs = [np.empty(theta.size) for theta, *_ in arrays]

    def run() -> None:
        for (theta, g, m, v), out in zip(arrays, outs, strict=True):
            stream_adam(theta, g, m, v, np.empty(theta.size) if new else out)

    return run


def softmax_floor(s: np.ndarray, width: int) -> Callable[[], None]:
    """The logits read, an array of their shape written (new, as the gradient), by blocks."""
    return lambda: stream_columns(s, np.empty_like(s), width)


def batchnorm_floor(Z: np.ndarray, dZ_tilde: np.ndarray) -> Callable[[], None]:
    """Forward: Z read, a new Z̃ written; backward: dZ̃ and Z read, a new dZ written."""

    def run() -> None:
        stream_rows(Z, np.empty_like(Z))
        stream_row_pairs(dZ_tilde, Z, np.empty_like(Z))

    return run


FIRST_CALLS = """
import time
start = time.perf_counter()
import numpy as np
import dlnotes.fast as fast
imported = time.perf_counter()
opt = fast.Adam()
params = {"w": np.ones(10)}
opt.update(params, {"w": np.ones(10)}, opt.init(params))
fast.softmax_cross_entropy_with_grad(np.ones((3, 4)), np.zeros(4, int))
fast.batchnorm_backward(np.ones((3, 4)), fast.batchnorm_forward(np.eye(3, 4), np.ones((3, 1)),
                                                                np.zeros((3, 1)))[1])
print(imported - start, time.perf_counter() - imported)
"""


def compile_times() -> tuple[tuple[float, float], tuple[float, float]]:
    """(import, first calls) seconds of a fresh process with an empty numba cache, then of a
    second fresh process that finds the first one's cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        runs = []
        for _ in range(2):
            out = subprocess.run([sys.executable, "-c", FIRST_CALLS], env=env, check=True,
                                 capture_output=True, text=True).stdout.split()
            runs.append((float(out[0]), float(out[1])))
    return runs[0], runs[1]
