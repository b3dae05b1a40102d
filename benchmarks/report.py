"""The bench's report: the rows of the rooms' tables and of the page's steps, the goals, and
``benchmarks/results.md``, whose sections (between snippet markers) the performance page
includes one by one.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from harness import Case, Ratio, ms, ratio

RESULTS = Path(__file__).resolve().parent / "results.md"
TABLE_HEAD = ["| case | ours | peer | ratio (quartiles) | goal | met |",
              "| --- | --- | --- | --- | --- | --- |"]


@dataclass
class Goal:
    case: str
    ratio: Ratio
    goal: float
    met: bool


def compare_rows(case: Case, times: dict[str, list[float]] | str, goals: list[Goal]
                 ) -> list[str]:
    """Rows of a room's table: | case | ours | peer | ratio (quartiles) | goal | met |;
    each row with a goal is added to ``goals``."""
    if isinstance(times, str):
        return [f"| {case.title} | — | — | — | — | **{times}** |"]
    rows = []
    for i, (ours, peer, goal) in enumerate(case.compare):
        r = ratio(times, ours, peer)
        label = case.title if i == 0 else case.info.get(peer, f"… vs {peer}")
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
    rows.append(f"| the floor: {case.info['bytes']} read or written once | {floor} | "
                f"{ratio(times, 'floor', 'reference')} | 1 |")
    return rows


def goal_lines(goals: list[Goal]) -> list[str]:
    met = sum(g.met for g in goals)
    return [f"goals met: {met} of {len(goals)}"] + [
        f"missed: {g.case}: {g.ratio.median:.2f} against ≤ {g.goal:g}" for g in goals if not g.met
    ]


def section(name: str, lines: list[str]) -> list[str]:
    """Lines between snippet markers, so the performance page can include them one by one."""
    return [f"<!-- --8<-- [start:{name}] -->", *lines, f"<!-- --8<-- [end:{name}] -->", ""]


def results_file(header: list[str], room1: list[str], room2: list[str],
                 steps: dict[str, list[str]], compiled: list[str], also: list[str],
                 goals: list[Goal]) -> list[str]:
    """The lines of results.md (the sections the page includes, in order)."""
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
        lines += [f"### Steps: {title}", "", *section(name, steps[name])]
    lines += ["## Compiling the kernels", "", *section("compile", [f"- {c}" for c in compiled]),
              "## Also measured", "", *section("also", [f"- {a}" for a in also]),
              "## Goals", "", *section("goals", [f"- {s}" for s in goal_lines(goals)])]
    return lines
