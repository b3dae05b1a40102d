"""Smoke test of benchmarks/bench.py: every case runs on tiny sizes and agrees with its peer.

No timing is asserted (timings belong to ``make bench``, not to the test suite).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dlnotes_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it executes
    spec.loader.exec_module(module)
    return module


bench = _load_bench()

TINY_CASES = {
    "adam": lambda: bench.case_adam(300),
    "softmax_ce": lambda: bench.case_softmax_ce(7, 11),
    "linear": lambda: bench.case_linear(6, 5, 4),
    "batchnorm": lambda: bench.case_batchnorm(5, 9),
    "training": lambda: bench.case_training(5),
    "train_function": lambda: bench.case_train_function(5),
    "vectorization": lambda: bench.case_vectorization(1000),
}


@pytest.mark.parametrize("name", sorted(TINY_CASES))
def test_case_agrees_with_its_peer_and_every_callable_runs(name: str) -> None:
    case = TINY_CASES[name]()
    case.check()  # raises AssertionError when dlnotes and a peer compute different things
    case.ours()
    for peer in case.peers.values():
        peer()


@pytest.mark.parametrize("name", sorted(TINY_CASES))
def test_interleaved_timing_reports_one_ratio_per_peer(name: str) -> None:
    case = TINY_CASES[name]()
    timing = bench.interleaved(case.ours, case.peers, rounds=2, warmup=1)
    assert set(timing.ratios) == set(case.peers)
    assert all(r > 0 for r in timing.ratios.values())


def test_a_disagreeing_peer_is_caught() -> None:
    case = bench.case_linear(6, 5, 4)
    with pytest.raises(AssertionError, match="differ"):
        bench.assert_close("linear", case.ours()[0], case.ours()[0] + 1e-3, rtol=1e-10, atol=0)


def test_adam_peak_memory_counts_the_returned_parameters() -> None:
    peak, param_bytes = bench.adam_peak_memory(20_000)
    assert peak >= param_bytes  # the new parameters themselves are allocated during the call


def test_blas_threads_reports_a_positive_count() -> None:
    threads, how = bench.blas_threads()
    assert threads >= 1 and how


def test_experiments_runtime_scales_a_short_run_of_every_notebook() -> None:
    result = bench.experiments_runtime(1e-4)  # one or two epochs of each of the nine runs
    assert result is not None
    seconds, how = result
    assert seconds > 0 and "nine" in how
