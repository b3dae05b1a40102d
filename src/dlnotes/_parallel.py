"""Run NumPy work on every core: parts of ``range(n)`` shared out between the cores.

NumPy releases the GIL inside its loops, so threads that each work on their own slice of the
arrays run in parallel. Kernels that use this write disjoint slices of preallocated outputs,
so the result is the same as one call on the whole arrays, whatever the number of cores.
Used by ``dlnotes.fast`` only (the performance chapter shows this code in a "Uses" block).
"""

from __future__ import annotations

# --8<-- [start:parallel]
import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

_POOL: list[ThreadPoolExecutor] = []  # one pool for the process, made when first needed
if hasattr(os, "register_at_fork"):  # a forked child has none of the parent's threads
    os.register_at_fork(after_in_child=_POOL.clear)


def cores() -> int:
    """The number of cores this process may run on.

    >>> cores() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def split(n: int, *, min_part: int) -> list[slice]:
    """``range(n)`` as at most one slice per core, none shorter than ``min_part`` (but one).

    >>> split(10, min_part=20)  # too short to share
    [slice(0, 10, None)]
    """
    parts = max(1, min(cores(), n // max(min_part, 1)))
    cuts = [n * i // parts for i in range(parts + 1)]
    return [slice(a, b) for a, b in itertools.pairwise(cuts)]


def run(work: Callable[[slice], None], parts: list[slice]) -> None:
    """``work(part)`` for every part, the parts shared out between the cores as they ask.

    The calling thread takes parts too, so a core that is slow to wake up (a pool thread
    asleep, a virtual CPU descheduled) costs only the parts it does not get to. An exception
    in any part is raised here, once no thread is working any more (parts not yet started may
    then be left undone).

    >>> out = [0] * 6
    >>> run(lambda p: out.__setitem__(p, [p.start] * 3), [slice(0, 3), slice(3, 6)])
    >>> print(out)
    [0, 0, 0, 3, 3, 3]
    """
    if len(parts) == 1:
        work(parts[0])
        return
    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=cores(), thread_name_prefix="dlnotes"))
    todo, lock = iter(parts), threading.Lock()

    def take_parts() -> None:
        while True:
            with lock:
                part = next(todo, None)
            if part is None:
                return
            work(part)

    helpers = [_POOL[0].submit(take_parts) for _ in range(min(cores(), len(parts)) - 1)]
    try:
        take_parts()
    finally:  # every part is taken: a helper still queued has nothing left to do
        for helper in helpers:
            if not helper.cancel():
                helper.result()


def run_in_bands(work: Callable[[slice], None], n: int, *, band: int) -> None:
    """``work(b)`` for consecutive slices ``b`` of ``range(n)``, ``band`` long (the last shorter).

    A band is sized to stay in a core's cache while every operation of ``work`` runs on it;
    the cores take bands as they become free (see :func:`run`).

    >>> seen = []
    >>> run_in_bands(seen.append, 5, band=2)
    >>> print(sorted(b.start for b in seen))
    [0, 2, 4]
    """
    run(work, chunks(n, band))


def chunks(n: int, size: int) -> list[slice]:
    """``range(n)`` as consecutive slices of ``size`` (the last shorter), at least one.

    >>> chunks(5, 2)
    [slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
    """
    size = max(1, size)
    return [slice(start, min(start + size, n)) for start in range(0, max(n, 1), size)]
# --8<-- [end:parallel]
