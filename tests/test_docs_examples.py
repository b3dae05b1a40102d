"""Every Python fence in docs/ runs: none is skipped silently by an unrecognized info string.

conftest.py records each docs example that passed. This test, which runs after the docs pages
in a full ``pytest`` run, matches those records to the fences found by a plain scan of the
Markdown. If the pages were not collected in this session (``pytest tests/``), it runs them
itself through the same sybil configuration.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs_registry import EXECUTED

DOCS = Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})(?P<info>[^\n`]*)$", re.MULTILINE)
PYTHON_INFO = re.compile(r"^\s*\{?\s*\.?(python3?|py|pycon|ipython)\b", re.IGNORECASE)
SNIPPET_LINE = re.compile(r'^\s*(--8<--|;--8<--)\s*("[^"]*")?\s*$')


def python_fences(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, info, body) of each fenced block whose language is Python-like."""
    fences = []
    pos = 0
    while (opening := FENCE.search(text, pos)) is not None:
        mark = opening["mark"]
        closing = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.MULTILINE)
        end_match = closing.search(text, opening.end())
        end = end_match.end() if end_match else len(text)
        body = text[opening.end() : end_match.start() if end_match else end]
        if PYTHON_INFO.match(opening["info"]):
            fences.append((opening.start(), end, opening["info"].strip(), body))
        pos = end
    return fences


def is_source_display(body: str) -> bool:
    """A fence holding only snippet includes shows package source; it is not an example."""
    lines = [line for line in body.strip().splitlines() if line.strip()]
    return bool(lines) and all(SNIPPET_LINE.match(line) for line in lines)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def run_page(path: Path) -> None:
    """Run every example of one page through conftest's sybil (a session without docs/)."""
    from conftest import markdown_examples

    document = markdown_examples.parse(path)
    for example in document.examples():
        example.evaluate()


def test_the_docs_have_python_examples() -> None:
    total = sum(
        not is_source_display(body) for p in pages() for *_, body in python_fences(p.read_text())
    )
    assert total >= 10, f"expected the chapters to hold Python examples, found {total}"


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_python_fence_ran(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fences = python_fences(text)
    examples = [f for f in fences if not is_source_display(f[3])]
    if not examples:
        return
    if not EXECUTED.get(path.resolve()):
        run_page(path)
    ran = EXECUTED.get(path.resolve(), set())
    skipped = [
        f"line {text.count(chr(10), 0, start) + 1}: ```{info}"
        for start, end, info, _ in examples
        if not any(start <= offset < end for offset in ran)
    ]
    assert not skipped, f"{path.name}: Python fences that sybil did not run: {skipped}"
