"""The two rooms stay apart: chapter references are plain NumPy; speed work lives in dlnotes.fast.

shared/DESIGN.md, "Two rooms": the chapter modules hold references whose lines are the math
(whole-array expressions, arguments never modified, no scratch buffers, blocks or threads), and
``dlnotes/fast.py`` holds the performance chapter's compiled kernels, imported by nothing else in
the package. numba, which compiles them, is imported by ``fast.py`` alone: the references and
every other module work without it (``pip install 'dlnotes[fast]'`` adds it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.test_paste import DOCS, page_regions

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dlnotes"
FAST_ROOM = {"fast.py"}
CHAPTER_PAGES = [
    p
    for p in sorted(DOCS.glob("*.md"))
    if p.name not in {"performance.md", "performance.zh.md"} and page_regions(p)
]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.glob("*.py")) if p.name not in FAST_ROOM],
    ids=lambda p: p.name,
)
def test_only_the_fast_room_uses_threads(path: Path) -> None:
    imported = imported_modules(path)
    assert not {"threading", "concurrent.futures"} & imported, (
        f"{path.name} imports thread machinery; speed work belongs in dlnotes/fast.py"
    )


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if p.name not in FAST_ROOM],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_nothing_outside_fast_py_imports_numba_or_the_fast_room(path: Path) -> None:
    imported = imported_modules(path)
    assert not {m for m in imported if m == "numba" or m.startswith("numba.")}, (
        f"{path.name} imports numba; only dlnotes/fast.py may (the optional extra 'fast')"
    )
    assert not {"dlnotes.fast", "dlnotes.fast.Adam"} & imported and not any(
        m.startswith("dlnotes.fast.") for m in imported
    ), f"{path.name} imports dlnotes.fast; nothing in the package depends on the fast room"


def shown_functions(page: Path) -> list[tuple[str, ast.FunctionDef]]:
    shown = []
    for label, source in page_regions(page):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                shown.append((label, node))
    return shown


def body_lines(node: ast.FunctionDef) -> int:
    """Code lines of the body: the docstring, blank lines and comment-only lines not counted."""
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    lines: set[int] = set()
    for stmt in body:
        for sub in ast.walk(stmt):
            if hasattr(sub, "lineno"):
                lines.update(range(sub.lineno, (sub.end_lineno or sub.lineno) + 1))
    return len(lines)


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.name)
def test_a_shown_reference_reads_as_the_math(page: Path) -> None:
    """No out= scratch buffers, no in-place updates of arguments, bodies of at most 25 lines."""
    problems = []
    for label, fn in shown_functions(page):
        args = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        if body_lines(fn) > 25:
            problems.append(f"{label}: {fn.name} has {body_lines(fn)} body lines (at most 25)")
        for sub in ast.walk(fn):
            if isinstance(sub, ast.keyword) and sub.arg == "out":
                problems.append(f"{label}: {fn.name} writes into a buffer (out=)")
            if isinstance(sub, ast.AugAssign):
                target = sub.target
                while isinstance(target, ast.Subscript | ast.Attribute):
                    target = target.value
                if isinstance(target, ast.Name) and target.id in args:
                    problems.append(f"{label}: {fn.name} modifies its argument {target.id!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", CHAPTER_PAGES, ids=lambda p: p.name)
def test_a_shown_reference_has_no_numpydoc(page: Path) -> None:
    """Parameters, Raises and Notes belong to the public function on the API page."""
    problems = []
    for label, fn in shown_functions(page):
        doc = ast.get_docstring(fn) or ""
        for section in ("Parameters\n---", "Returns\n---", "Raises\n---", "Notes\n---"):
            if section in doc:
                problems.append(f"{label}: {fn.name} has a numpydoc {section.split()[0]} section")
    assert not problems, "\n".join(problems)
