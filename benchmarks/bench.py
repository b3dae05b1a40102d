"""Timings in two rooms, in one process: the references against numpy-ml, the fast versions
against PyTorch (CPU). The entry point of ``make bench``.

Run with ``make bench`` (``.venv/bin/python benchmarks/bench.py``), which prints the results and
records them in ``benchmarks/results.md`` (the performance page includes that file); ``--quick``
runs every case on small sizes with few rounds (a smoke run, not a measurement, recorded nowhere
unless ``--output`` is given).

Room 1 (cases_reference.py), the references: each chapter's public function (its checks
included) against the NumPy peer numpy-ml 0.1.2, and ``dlnotes.network.train`` against PyTorch.
Room 2 (cases_fast.py), the fast versions: each function of ``dlnotes.fast`` against PyTorch with
the same threads, against its floor (floors.py), and each step of the performance page from the
reference to the compiled kernel. The harness (harness.py) times; report.py writes the results.
"""

from __future__ import annotations

import harness  # first: sets OPENBLAS_THREAD_TIMEOUT before NumPy loads  # isort: skip

import argparse
import datetime
import gc
import os
import platform
import shlex
import statistics
import sys
from pathlib import Path
from typing import Any

import cases_fast
import cases_reference as ref
import floors
import numpy as np
import report
import steps as lesson_steps
import torch
from harness import ms, ratio, run_case

import dlnotes


def compile_lines(quick: bool) -> list[str]:
    """The compile time of the kernels (two fresh processes sharing an empty numba cache)."""
    if quick:
        return ["not measured in a --quick run"]
    (imp1, first1), (imp2, first2) = floors.compile_times()
    return [f"first process, empty cache: import dlnotes.fast {ms(imp1)}, the first calls of "
            f"the three public functions (float64; the four kernels compiled) {first1:.1f} s",
            f"second process, the first one's cache: import {ms(imp2)}, the same first calls "
            f"{ms(first2)} (the kernels loaded, not compiled)"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes, few rounds (a smoke run, not a measurement)")
    parser.add_argument("--output", metavar="PATH", type=Path,
                        help=f"where to record the results (default {report.RESULTS.name} beside "
                             "bench.py for a full run, nowhere for --quick)")
    parser.add_argument("--rounds", type=int, help="timed rounds per case (default 15; 3 quick)")
    args = parser.parse_args(argv)
    quick = args.quick
    rounds = args.rounds or (3 if quick else 15)
    warmup = 1 if quick else 3
    output = args.output or (None if quick else report.RESULTS)

    threads, how = harness.blas_threads()
    same_threads = harness.set_threads(threads)
    nm = harness.numpy_ml()
    lesson = lesson_steps.lesson_steps()
    given = argv if argv is not None else sys.argv[1:]
    command = ("`make bench` (`python benchmarks/bench.py`)" if not given else
               f"`python benchmarks/bench.py {shlex.join(given)}`")
    header = [
        f"command: {command}" + (" (--quick: small sizes, NOT a measurement)" if quick else ""),
        f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {harness.cpu_model()}, {os.cpu_count()} logical cores, {platform.system()} "
        f"{platform.release()}",
        f"versions: Python {platform.python_version()}, NumPy {np.__version__}, "
        f"PyTorch {torch.__version__}, numpy-ml {harness.version('numpy-ml')}, "
        f"dlnotes {dlnotes.__version__}",
        f"threads: NumPy's BLAS {threads} ({how}); {same_threads}; the page's thread pool "
        f"(steps 3): {os.cpu_count()}; "
        f"OPENBLAS_THREAD_TIMEOUT={os.environ.get('OPENBLAS_THREAD_TIMEOUT')}",
        f"timing: {warmup} warm-up round(s), then {rounds} rounds; every function of a case once "
        "per round, in rotating order, each timed call right after an untimed one; ratio = "
        "median over the rounds of ours / peer, in brackets the 25th to 75th percentile",
        f"load average (1, 5, 15 min) before the run: {harness.load()}",
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
    goals: list[report.Goal] = []

    room1: list[str] = []
    for make in (lambda: ref.case_adam_reference(n_adam, nm),
                 lambda: ref.case_dense_reference(n_fc, n_fc, m_fc, nm),
                 lambda: ref.case_batchnorm_reference(n_bn, m_bn, nm),
                 lambda: ref.case_softmax_reference(k, m_sm, nm),
                 lambda: ref.case_train_function(steps)):
        case = make()
        room1 += report.compare_rows(case, run_case(case, rounds, warmup), goals)
        del case
        gc.collect()

    room2: list[str] = []
    steps_tables: dict[str, list[str]] = {}
    fast_cases = cases_fast
    for name, make in (("steps_adam", lambda: fast_cases.case_adam_fast(n_adam, lesson)),
                       ("steps_softmax", lambda: fast_cases.case_softmax_fast(k, m_sm, lesson)),
                       ("steps_batchnorm",
                        lambda: fast_cases.case_batchnorm_fast(n_bn, m_bn, lesson)),
                       ("linear", lambda: fast_cases.case_linear_torch(n_fc, n_fc, m_fc))):
        case = make()
        times = run_case(case, rounds, warmup)
        room2 += report.compare_rows(case, times, goals)
        steps_tables[name] = report.step_rows(case, times)
        del case, times
        gc.collect()

    also: list[str] = []
    peak, param_bytes = cases_fast.fast_adam_peak_memory(n_adam)
    also.append(f"peak memory of one fast.Adam.update on {n_adam:,} parameters: {peak:,} B = "
                f"{peak / param_bytes:.2f} × the parameters' {param_bytes:,} B (the returned "
                "parameters are one such array)")
    vec = ref.case_vectorization(sizes(1_000_000, 100_000))
    vtimes = run_case(vec, sizes(7, 3), 1)
    if isinstance(vtimes, str):
        also.append(f"np.dot vs a Python loop: {vtimes}")
    else:
        r = ratio(vtimes, "Python loop", "np.dot")
        also.append(f"{vec.title}: np.dot {ms(statistics.median(vtimes['np.dot']))}, the loop "
                    f"{ms(statistics.median(vtimes['Python loop']))}, {r.median:.0f}× slower "
                    "(the notes: 1.5 ms against 474 ms, 316×)")
    exp = ref.experiments_runtime(sizes(0.1, 0.001))
    if exp is not None:
        seconds, how_measured = exp
        also.append(f"the nine runs of the experiment notebooks: {seconds:.1f} s in all "
                    f"(goal ≤ 60 s: {'met' if seconds <= 60 else 'missed'}); {how_measured}")
    also.append(f"load average (1, 5, 15 min) after the run: {harness.load()}")

    lines = report.results_file(header, room1, room2, steps_tables, compile_lines(quick), also,
                                goals)
    text = "\n".join(lines).rstrip() + "\n"
    print()
    print("\n".join(ln for ln in lines if not ln.startswith("<!--")))
    if output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"recorded in {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
