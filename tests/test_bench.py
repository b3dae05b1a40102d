"""Smoke test of the bench (benchmarks/: bench.py, the entry point, and its harness, cases,
floors, steps and report): every case of both rooms runs on tiny sizes and agrees with its
peers, and a quick run writes the results file the performance page includes.

No timing is asserted (timings belong to ``make bench``, not to the test suite).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # as when bench.py runs as a script

import bench  # noqa: E402
import cases_fast  # noqa: E402
import cases_reference as ref  # noqa: E402
import floors  # noqa: E402
import harness  # noqa: E402
import report  # noqa: E402
import steps  # noqa: E402


@pytest.fixture(scope="module")
def nm() -> dict[str, Any]:
    return harness.numpy_ml()  # imports numpy-ml 0.1.2 on Python 3.11, warnings filtered


LESSON = steps.lesson_steps()  # steps 1 to 3, from the performance page's own blocks

TINY_CASES = {
    "adam_reference": lambda nm: ref.case_adam_reference(300, nm),
    "dense_reference": lambda nm: ref.case_dense_reference(6, 5, 4, nm),
    "batchnorm_reference": lambda nm: ref.case_batchnorm_reference(5, 9, nm),
    "softmax_reference": lambda nm: ref.case_softmax_reference(7, 11, nm),
    "train_function": lambda nm: ref.case_train_function(5),
    "adam_fast": lambda nm: cases_fast.case_adam_fast(300, LESSON),
    "softmax_fast": lambda nm: cases_fast.case_softmax_fast(7, 11, LESSON),
    "batchnorm_fast": lambda nm: cases_fast.case_batchnorm_fast(5, 9, LESSON),
    "linear_torch": lambda nm: cases_fast.case_linear_torch(6, 5, 4),
    "vectorization": lambda nm: ref.case_vectorization(1000),
}


@pytest.mark.parametrize("name", sorted(TINY_CASES))
def test_case_agrees_with_its_peers_and_every_function_runs(name: str, nm: dict) -> None:
    case = TINY_CASES[name](nm)
    case.check()  # raises AssertionError when two functions of the case compute different things
    for fn in case.fns.values():
        fn()
    for ours, peer, _ in case.compare:
        assert {ours, peer} <= set(case.fns)
    for fn, _ in case.steps:
        assert fn in case.fns and case.floor in case.fns


@pytest.mark.parametrize("name", ["adam_fast", "softmax_reference", "batchnorm_fast"])
def test_interleaved_timing_gives_one_time_per_round_and_the_rows_render(name: str,
                                                                          nm: dict) -> None:
    case = TINY_CASES[name](nm)
    times = harness.interleaved(case.fns, rounds=3, warmup=1)
    assert all(len(t) == 3 and min(t) > 0 for t in times.values())
    goals: list = []
    rows = report.compare_rows(case, times, goals)
    assert len(rows) == len(case.compare) and all(r.startswith("| ") for r in rows)
    assert len(goals) == sum(goal is not None for *_, goal in case.compare)
    if case.steps:
        assert len(report.step_rows(case, times)) == 2 + len(case.steps) + 1


def test_ratio_is_the_median_of_the_per_round_ratios() -> None:
    r = harness.ratio({"a": [1.0, 2.0, 9.0], "b": [1.0, 1.0, 1.0]}, "a", "b")
    assert (r.median, r.q1, r.q3) == (2.0, 1.5, 5.5)


def test_a_disagreeing_peer_is_caught() -> None:
    with pytest.raises(AssertionError, match="differ"):
        harness.assert_close("x", [1.0, 2.0], [1.0, 2.001], rtol=1e-10, atol=0)


def test_fast_adam_peak_memory_is_about_the_returned_parameters() -> None:
    peak, param_bytes = cases_fast.fast_adam_peak_memory(20_000)
    assert param_bytes <= peak <= 2 * param_bytes


def test_blas_threads_reports_a_positive_count() -> None:
    threads, how = harness.blas_threads()
    assert threads >= 1 and how


def test_the_floors_move_the_data_and_compute_nothing_else() -> None:
    rng = np.random.default_rng(0)
    theta, g, m, v = (rng.standard_normal(37) for _ in range(4))
    out, m0, v0 = theta * 0, m.copy(), v.copy()
    floors.stream_adam(theta, g, m, v, out)
    assert (m == v0).all() and (v == m0).all() and (out == theta + g).all()
    s = rng.standard_normal((5, 11))
    copy = s * 0
    floors.stream_columns(s, copy, 3)
    assert (copy == s).all()
    floors.stream_row_pairs(s, s, copy)
    assert (copy == 2 * s).all()


def test_the_lesson_steps_come_from_the_page_and_the_missing_ones_are_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert {"adam_in_place", "in_blocks", "adam_blocks", "softmax_ce_blocks",
            "batchnorm_bands"} <= set(LESSON)
    page = tmp_path / "page.md"
    page.write_text("```python\nx = 1\n```\n", encoding="utf-8")
    monkeypatch.setattr(steps, "PAGE", page)
    with pytest.raises(LookupError, match="defines no adam_blocks"):
        steps.lesson_steps()


# the two pages of the performance chapter: the lesson and its measurements
PAGES_TEXT = "".join(
    (ROOT / "docs" / page).read_text(encoding="utf-8")
    for page in ("performance.md", "performance-measured.md")
)


def test_a_quick_run_records_every_section_the_page_includes(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    assert bench.main(["--quick", "--rounds", "1", "--output", str(out)]) == 0
    recorded = out.read_text(encoding="utf-8")
    included = re.findall(r'--8<-- "benchmarks/results.md:([\w-]+)"',
                          PAGES_TEXT)
    assert included
    for name in included:
        assert f"[start:{name}]" in recorded and f"[end:{name}]" in recorded, name
    assert "outputs differ" not in recorded
    assert "numpy-ml 0.1.2" in recorded and "command:" in recorded


def test_the_committed_results_have_the_sections_the_page_includes() -> None:
    recorded = (ROOT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    included = re.findall(r'--8<-- "benchmarks/results.md:([\w-]+)"',
                          PAGES_TEXT)
    for name in included:
        assert f"[start:{name}]" in recorded, name
    assert "--quick" not in recorded  # a measurement, not a smoke run
