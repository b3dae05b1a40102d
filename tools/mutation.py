"""Mutation testing of one chapter module: ``make mutation MODULE=name``.

mutmut 3 (configured in pyproject.toml's ``[tool.mutmut]``) copies the tree into ``mutants/``,
rewrites ``src/dlnotes/<name>.py`` into one variant per mutation and runs the tests that cover
each variant; a mutant is *killed* when some test fails. This driver narrows mutmut to one module
and to the test files that exercise it (``tests/test_<name>.py``, and for two modules a few tests
of ``tests/test_experiments.py``), starts from a clean ``mutants/`` so every run measures the
current tests, and prints as its last line::

    mutation score NAME: K/N killed (P %)

N leaves out the mutants that no test can kill because the mutated code behaves the same (say
``x ** 2`` to ``x * x``). They are data, listed with their reasons in
``tests/mutation_equivalents.toml`` (one table per module: mutant name = reason). A listed mutant
that is no longer generated is reported (the code moved; the entry is stale); a listed mutant
that a test kills fails the run (exit 1): it was not equivalent, and the list must lose it.

Each successful run writes its measurement (score, counts, date, commit) into the module's row of
``tests/mutation_scores.md``, the table the testing page includes; the other rows keep their own
dates and commits.

A timeout counts as killed (the mutant loops where the original returns). Hypothesis draws the
same examples on every run: the Makefile target sets ``DLNOTES_HYPOTHESIS_PROFILE=mutation``,
which the root conftest.py turns into a profile with ``derandomize=True``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
SCORES = ROOT / "tests" / "mutation_scores.md"

CHAPTER_MODULES = (
    "information",
    "losses",
    "activations",
    "initializers",
    "autodiff",
    "logistic",
    "layers",
    "network",
    "optimizers",
    "schedules",
    "regularization",
    "batchnorm",
    "gradcheck",
    "tuning",
    "strategy",
    "data",
    "features",
    "ensembles",
)

# Tests beyond tests/test_<name>.py that exercise a module (files or node ids).
_EXPERIMENTS = "tests/test_experiments.py::test_"
EXTRA_TESTS: dict[str, tuple[str, ...]] = {
    # train, the loop of the network chapter, is tested with the experiments built on it
    "network": ("tests/test_experiments.py",),
    # make_field is tested beside the experiments it was made for (not their training runs)
    "data": tuple(
        _EXPERIMENTS + name
        for name in (
            "make_field_labels_are_the_side_of_the_wavy_line_without_noise",
            "make_field_flips_about_a_fraction_flip_of_the_labels",
            "make_field_noise_moves_the_points_by_its_standard_deviation",
            "make_field_shapes_labels_and_reproducibility",
            "bad_input_raises_a_named_error",
        )
    ),
}

# Slow tests left out of a module's run (node ids), each because faster tests cover its lines.
DESELECTED: dict[str, tuple[str, ...]] = {}


def test_files(name: str) -> list[str]:
    files = [f"tests/test_{name}.py", *EXTRA_TESTS.get(name, ())]
    return [f for f in files if (ROOT / f.partition("::")[0]).is_file()]


def equivalent_mutants(name: str) -> dict[str, str]:
    """The module's table of tests/mutation_equivalents.toml: mutant name → reason."""
    with EQUIVALENTS.open("rb") as f:
        table = tomllib.load(f).get(name, {})
    for mutant, why in table.items():
        if not mutant.startswith(f"dlnotes.{name}.") or not (isinstance(why, str) and why.strip()):
            raise SystemExit(f"{EQUIVALENTS}: [{name}] {mutant} needs a name of this module and "
                             "a reason, a non-empty string")
    return dict(table)


def run_mutmut(name: str, max_children: int, debug: bool, only: list[str]) -> None:
    """``mutmut run`` with the configuration narrowed to one module and its tests."""
    from _pytest.nodes import Node

    # still needed with pytest 9.2: mutmut 3.8 reads item._nodeid, which pytest 9 renamed
    if not hasattr(Node, "_nodeid"):
        Node._nodeid = property(lambda node: node.nodeid)  # type: ignore[attr-defined]

    import mutmut.__main__ as mutmut_main
    from mutmut.configuration import config

    cfg = config()
    cfg.debug = debug
    cfg.only_mutate = [f"src/dlnotes/{name}.py"]
    cfg.pytest_add_cli_args_test_selection = test_files(name)
    for node_id in DESELECTED.get(name, ()):
        cfg.pytest_add_cli_args += ["--deselect", node_id]
    try:
        mutmut_main.run.main(["--max-children", str(max_children), *only], standalone_mode=False)
    except SystemExit as stop:  # mutmut exits when the clean tests fail
        if stop.code:
            raise


def score(name: str) -> tuple[int, int, dict[str, str], list[str], list[str]]:
    """(killed, counted, status of each counted mutant left alive, listed equivalents that were
    not generated, listed equivalents that a test killed)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    data = SourceFileMutationData(path=Path(f"src/dlnotes/{name}.py"))
    data.load()
    equivalent = equivalent_mutants(name)
    unknown = sorted(set(equivalent) - set(data.exit_code_by_key))
    killed, counted, alive, wrongly_listed = 0, 0, {}, []
    for mutant, code in sorted(data.exit_code_by_key.items()):
        status = status_by_exit_code[code]
        if mutant in equivalent:
            if status in ("killed", "timeout"):
                wrongly_listed.append(mutant)
            continue
        counted += 1
        if status in ("killed", "timeout"):
            killed += 1
        else:
            alive[mutant] = status
    return killed, counted, alive, unknown, wrongly_listed


def _commit() -> str:
    """HEAD's short hash."""
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True, check=False).stdout.strip()
    return out or "unknown"


def _dirty(name: str) -> bool:
    """Whether the module, its tests or the equivalents differ from HEAD."""
    paths = [f"src/dlnotes/{name}.py", *(f.partition("::")[0] for f in test_files(name)),
             str(EQUIVALENTS.relative_to(ROOT))]
    out = subprocess.run(["git", "status", "--porcelain", "--", *paths], cwd=ROOT,
                         capture_output=True, text=True, check=False).stdout
    return bool(out.strip())


ROW = re.compile(r"^\| (?P<module>[a-z_]+) \|")


def measured_state(name: str) -> tuple[str, str]:
    """(the time, the commit) of a run, taken when it starts: mutmut copies the tree then."""
    commit = _commit() + (" + uncommitted changes" if _dirty(name) else "")
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), commit


def record(name: str, killed: int, counted: int, left_out: int, state: tuple[str, str]) -> None:
    """Write this run into the module's row of tests/mutation_scores.md (others kept)."""
    percent = 100 * killed / counted if counted else 100.0
    today, commit = state
    row = (f"| {name} | {percent:.1f} % | {killed} / {counted} | {left_out} | {today} | "
           f"{commit} |")
    lines = SCORES.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        match = ROW.match(line)
        if match and match["module"] == name:
            lines[i] = row
            break
    else:
        lines.append(row)
    SCORES.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=CHAPTER_MODULES)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--debug", action="store_true", help="mutmut's pytest commands and output")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    parser.add_argument("--rerun", nargs="+", default=[], metavar="MUTANT",
                        help="with --keep: run only these mutants again, against the current "
                        "tests (say, survivors after a test was added to kill them)")
    parser.add_argument("--no-record", action="store_true",
                        help=f"do not write the score into {SCORES.relative_to(ROOT)}")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("DLNOTES_HYPOTHESIS_PROFILE", "mutation")
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if not test_files(args.module):
        raise SystemExit(f"no test file for {args.module}")
    equivalent_mutants(args.module)  # a malformed list fails before the long run
    state = measured_state(args.module)
    if args.rerun:  # the others' results come from the last full run, with tests only added since
        names = ", ".join(f"`{name}`" for name in args.rerun)
        state = (state[0], f"{state[1]}; {names} re-run on the results of the last full run")
    if args.rerun and not args.keep:
        raise SystemExit("--rerun needs --keep (the other mutants' results of the last run)")
    run_mutmut(args.module, args.max_children, args.debug, args.rerun)
    killed, counted, alive, unknown, wrongly_listed = score(args.module)
    if alive:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        print(f"\n{len(alive)} mutants left alive (a test to kill each, or a reason it cannot be):")
    for mutant, status in alive.items():
        diff = get_diff_for_mutant(mutant, path=f"src/dlnotes/{args.module}.py")
        changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
        print(f"  {status}: {mutant}", *(f"      {line}" for line in changed), sep="\n")
    left_out = len(equivalent_mutants(args.module)) - len(unknown) - len(wrongly_listed)
    print(f"{left_out} mutants left out as equivalent ({EQUIVALENTS.relative_to(ROOT)})")
    for mutant in unknown:
        print(f"    warning: listed as equivalent but no longer generated: {mutant}")
    for mutant in wrongly_listed:
        print(f"    error: listed as equivalent but killed by a test (remove it): {mutant}")
    percent = 100 * killed / counted if counted else 100.0
    failed = bool(wrongly_listed)
    if not (failed or args.no_record):
        record(args.module, killed, counted, left_out, state)
    print(f"mutation score {args.module}: {killed}/{counted} killed ({percent:.1f} %)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
