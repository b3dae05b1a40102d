"""Run NumPy work on every core: a split of ``range(n)`` into one contiguous part per core.

NumPy releases the GIL inside its loops, so threads that each work on their own slice of the
arrays run in parallel. Kernels that use this write disjoint slices of preallocated outputs,
so the result is the same as one call on the whole arrays, whatever the number of cores.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

_POOL: list[ThreadPoolExecutor] = []
if hasattr(os, "register_at_fork"):  # a forked child has none of the parent's threads
    os.register_at_fork(after_in_child=_POOL.clear)


def cores() -> int:
    """The number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def split(n: int, *, min_part: int) -> list[slice]:
    """``range(n)`` as at most one slice per core, none shorter than ``min_part`` (but one)."""
    parts = max(1, min(cores(), n // max(min_part, 1)))
    cuts = [n * i // parts for i in range(parts + 1)]
    return [slice(a, b) for a, b in itertools.pairwise(cuts)]


def run(work: Callable[[slice], None], parts: list[slice]) -> None:
    """``work(part)`` for every part, in parallel when there is more than one.

    An exception in any part is raised here, after every part has finished.
    """
    if len(parts) == 1:
        work(parts[0])
        return
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=cores(), thread_name_prefix="dlnotes"))
    for future in [_POOL[0].submit(work, part) for part in parts]:
        future.result()


def run_in_bands(work: Callable[[slice], None], n: int, *, band: int) -> None:
    """``work(b)`` for consecutive slices ``b`` of ``range(n)``, ``band`` long (the last shorter).

    A band is sized to stay in a core's cache while every operation of ``work`` runs on it;
    each core takes a contiguous part of ``range(n)``, a whole number of bands.
    """
    band = max(1, band)

    def part(p: slice) -> None:
        for start in range(p.start, p.stop, band):
            work(slice(start, min(start + band, p.stop)))

    bands = -(-n // band)
    parts = split(bands, min_part=1)
    run(part, [slice(p.start * band, min(p.stop * band, n)) for p in parts])
