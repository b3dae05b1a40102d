"""dlnotes._parallel: the split of work between the cores used by the band-wise kernels."""

from __future__ import annotations

import os
import signal
import threading

import numpy as np
import pytest

from dlnotes import _parallel


@pytest.mark.parametrize(("n", "min_part"), [(0, 1), (1, 1), (7, 1), (1000, 256), (10, 100)])
def test_split_covers_the_range_once_in_order(n: int, min_part: int) -> None:
    parts = _parallel.split(n, min_part=min_part)
    assert 1 <= len(parts) <= _parallel.cores()
    assert [i for p in parts for i in range(p.start, p.stop)] == list(range(n))
    if len(parts) > 1:
        assert min(p.stop - p.start for p in parts) >= min_part


@pytest.mark.parametrize(("n", "band"), [(1, 1), (10, 3), (100, 7), (64, 64), (5, 100)])
def test_run_in_bands_visits_every_index_once_in_bands_of_the_given_size(n: int, band: int) -> None:
    seen: list[slice] = []
    lock = threading.Lock()

    def work(b: slice) -> None:
        with lock:
            seen.append(b)

    _parallel.run_in_bands(work, n, band=band)
    covered = sorted(i for b in seen for i in range(b.start, b.stop))
    assert covered == list(range(n))
    assert all(b.stop - b.start <= band for b in seen)
    assert sum(b.stop - b.start < band for b in seen) <= _parallel.cores()  # one short tail each


@pytest.mark.parametrize("failing", [0, 3, 7])
def test_an_error_in_any_part_is_raised_and_the_pool_still_works(failing: int) -> None:
    def work(p: slice) -> None:
        if p.start == failing:
            raise ValueError(f"part {failing} failed")

    with pytest.raises(ValueError, match=f"part {failing} failed"):
        _parallel.run(work, _parallel.chunks(8, 1))
    out = np.zeros(8)
    _parallel.run(lambda p: out.__setitem__(p, 1.0), _parallel.chunks(8, 1))
    assert out.sum() == 8.0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_gets_a_new_pool() -> None:
    out = np.zeros(8)
    _parallel.run(lambda p: out.__setitem__(p, 1.0), [slice(0, 4), slice(4, 8)])  # pool exists
    pid = os.fork()
    if pid == 0:  # the child: the parent's worker threads do not exist here
        signal.alarm(20)  # a child stuck waiting for them is killed instead of hanging the run
        child = np.zeros(8)
        _parallel.run(lambda p: child.__setitem__(p, 2.0), [slice(0, 4), slice(4, 8)])
        os._exit(0 if child.sum() == 16.0 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert out.sum() == 8.0


def test_nested_runs_do_not_wait_for_helpers_that_never_start() -> None:
    # three levels of runs inside runs: every pool thread ends up waiting in an inner run, so
    # a helper queued by the innermost one never starts; the callers finish the parts
    # themselves and must not wait for it
    out = np.zeros((3, 3, 3))

    def level(depth: int, index: tuple[int, ...]) -> None:
        if depth == 3:
            out[index] += 1.0
            return
        _parallel.run(lambda p: level(depth + 1, (*index, p.start)), _parallel.chunks(3, 1))

    done = threading.Event()

    def go() -> None:
        level(0, ())
        done.set()

    threading.Thread(target=go, daemon=True).start()
    assert done.wait(timeout=20), "nested parallel runs deadlocked"
    np.testing.assert_array_equal(out, np.ones((3, 3, 3)))


def test_chunks_cover_the_range_in_order() -> None:
    assert _parallel.chunks(10, 4) == [slice(0, 4), slice(4, 8), slice(8, 10)]
    assert _parallel.chunks(0, 4) == [slice(0, 0)]
    assert _parallel.chunks(3, 0) == [slice(0, 1), slice(1, 2), slice(2, 3)]
