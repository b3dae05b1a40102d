"""Mutation testing of one chapter module: ``make mutation MODULE=name``.

mutmut 3 (configured in pyproject.toml's ``[tool.mutmut]``) copies the tree into ``mutants/``,
rewrites ``src/dlnotes/<name>.py`` into one variant per mutation and runs the tests that cover
each variant; a mutant is *killed* when some test fails. This driver narrows mutmut to one module
and to the test files that exercise it, starts from a clean ``mutants/`` so every run measures the
current tests, and prints as its last line::

    mutation score NAME: K/N killed (P %)

N leaves out the mutants that no test can kill because the mutated code behaves the same (say
``x ** 2`` to ``x * x``). They are listed, each with its reason, in the module's mutant tests::

    # tests/test_<name>_mutants.py
    EQUIVALENT_MUTANTS = {"dlnotes.<name>.function__mutmut_3": "why it behaves the same"}

A timeout counts as killed (the mutant loops where the original returns). Hypothesis draws the
same examples on every run: the Makefile target sets ``DLNOTES_HYPOTHESIS_PROFILE=mutation``,
which the root conftest.py turns into a profile with ``derandomize=True``.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

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
)

# Tests beyond tests/test_<name>.py and tests/test_<name>_mutants.py that exercise a module
# (files or node ids).
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
    files = [f"tests/test_{name}.py", f"tests/test_{name}_mutants.py", *EXTRA_TESTS.get(name, ())]
    return [f for f in files if (ROOT / f.partition("::")[0]).is_file()]


def equivalent_mutants(name: str) -> dict[str, str]:
    """The ``EQUIVALENT_MUTANTS`` dict of tests/test_<name>_mutants.py, read without importing.

    Its keys are strings; a reason is a string or the name of a module-level string constant.
    """
    path = ROOT / f"tests/test_{name}_mutants.py"
    if not path.is_file():
        return {}
    constants: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            constants.update(dict.fromkeys(names, value.value))
        if "EQUIVALENT_MUTANTS" not in names:
            continue
        if not isinstance(value, ast.Dict):
            raise SystemExit(f"{path}: EQUIVALENT_MUTANTS must be a dict literal")
        found = {}
        for key, reason in zip(value.keys, value.values, strict=True):
            if key is None:  # a **mapping inside the dict
                raise SystemExit(f"{path}: EQUIVALENT_MUTANTS must spell out each mutant's name")
            if isinstance(reason, ast.Name):
                reason = ast.Constant(constants.get(reason.id))
            mutant, why = ast.literal_eval(key), ast.literal_eval(reason)
            if not (isinstance(why, str) and why.strip()):
                raise SystemExit(f"{path}: {mutant} needs its reason, a string")
            found[mutant] = why
        return found
    return {}


def run_mutmut(name: str, max_children: int, debug: bool) -> None:
    """``mutmut run`` with the configuration narrowed to one module and its tests."""
    from _pytest.nodes import Node

    if not hasattr(Node, "_nodeid"):  # mutmut 3.8 reads item._nodeid, which pytest 9 renamed
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
        mutmut_main.run.main(["--max-children", str(max_children)], standalone_mode=False)
    except SystemExit as stop:  # mutmut exits when the clean tests fail
        if stop.code:
            raise


def score(name: str) -> tuple[int, int, dict[str, str], list[str]]:
    """(killed, counted, status of each counted mutant left alive, equivalent names unknown)."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    data = SourceFileMutationData(path=Path(f"src/dlnotes/{name}.py"))
    data.load()
    equivalent = equivalent_mutants(name)
    unknown = sorted(set(equivalent) - set(data.exit_code_by_key))
    killed, counted, alive = 0, 0, {}
    for mutant, code in sorted(data.exit_code_by_key.items()):
        if mutant in equivalent:
            continue
        counted += 1
        status = status_by_exit_code[code]
        if status in ("killed", "timeout"):
            killed += 1
        else:
            alive[mutant] = status
    return killed, counted, alive, unknown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=CHAPTER_MODULES)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--debug", action="store_true", help="mutmut's pytest commands and output")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("DLNOTES_HYPOTHESIS_PROFILE", "mutation")
    if not args.keep:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    if not test_files(args.module):
        raise SystemExit(f"no test file for {args.module}")
    run_mutmut(args.module, args.max_children, args.debug)
    killed, counted, alive, unknown = score(args.module)
    if alive:
        from mutmut.mutation.diff_apply import get_diff_for_mutant

        print(f"\n{len(alive)} mutants left alive (a test to kill each, or a reason it cannot be):")
    for mutant, status in alive.items():
        diff = get_diff_for_mutant(mutant, path=f"src/dlnotes/{args.module}.py")
        changed = [line for line in diff.splitlines()[2:] if line[:1] in "+-"]
        print(f"  {status}: {mutant}", *(f"      {line}" for line in changed), sep="\n")
    left_out = len(equivalent_mutants(args.module)) - len(unknown)
    print(f"{left_out} mutants left out as equivalent (EQUIVALENT_MUTANTS of the mutant tests)")
    for mutant in unknown:
        print(f"    listed as equivalent but not generated: {mutant}")
    percent = 100 * killed / counted if counted else 100.0
    print(f"mutation score {args.module}: {killed}/{counted} killed ({percent:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
