"""Source and docs files hold no control characters.

A docstring written through a tool that expands escapes once turned ``\\frac`` into a form feed
and ``\\text`` into a tab; the API page then showed broken TeX. Catch that at the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    p
    for pattern in ("src/**/*.py", "tests/**/*.py", "docs/**/*.md", "docs/**/*.py", "tools/*.py")
    for p in ROOT.glob(pattern)
)
# every character below space but \n, tabs included (spaces indent here)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_control_characters(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    bad = [
        f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group()!r}"
        for m in CONTROL.finditer(text)
    ]
    assert not bad, bad
