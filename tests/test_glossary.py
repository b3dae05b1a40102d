"""The glossary covers every term used in a heading: each Chinese term given in a heading
(the "(中文)" after the English) names, or contains, a term listed in docs/glossary/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
HAN = re.compile(r"[\u4e00-\u9fff]")
HEADING = re.compile(r"^#{1,4} (?P<text>.+?)(?:\s*\{#[^}]*\})?\s*$", re.MULTILINE)
# compound headings join several terms: split "A 与 B", "A、B", "A / B", "A VS B" (not 和:
# it is also part of words such as 饱和)
SEPARATORS = re.compile(r"[/,，、;；]|与|及|\bVS\b", re.IGNORECASE)


def glossary_rows() -> list[list[str]]:
    rows = []
    for part in sorted((DOCS / "glossary").glob("*.md")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                rows.append(cells)
    return rows


def chinese_terms() -> set[str]:
    terms = set()
    for _english, chinese, *_ in glossary_rows():
        terms.update(t.strip() for t in SEPARATORS.split(chinese) if HAN.search(t))
    return terms


def heading_terms(path: Path) -> list[tuple[str, str]]:
    found = []
    for match in HEADING.finditer(path.read_text(encoding="utf-8")):
        for group in re.findall(r"\(([^()]*)\)", match["text"]):
            for term in SEPARATORS.split(group):
                if HAN.search(term):
                    found.append((match["text"], term.strip()))
    return found


def test_every_glossary_row_has_english_chinese_and_a_link() -> None:
    rows = glossary_rows()
    assert len(rows) > 100
    for cells in rows:
        assert len(cells) == 3, cells
        english, chinese, where = cells
        assert english and not HAN.search(english), cells
        assert HAN.search(chinese), cells
        assert re.fullmatch(r"\[[^\]]+\]\([\w./#-]+\)", where), cells


def test_no_term_is_listed_twice() -> None:
    english = [cells[0].lower() for cells in glossary_rows()]
    assert sorted({e for e in english if english.count(e) > 1}) == []


PAGES = sorted(  # the English pages (a Chinese heading glosses in English), sections included
    p
    for p in DOCS.rglob("*.md")
    if p.name != "glossary.md"
    and not p.name.endswith(".zh.md")
    and p.relative_to(DOCS).parts[0] not in {"glossary", "exercises", "reference"}
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_heading_terms_are_in_the_glossary(page: Path) -> None:
    known = chinese_terms()
    missing = [
        f"{heading!r}: {term}"
        for heading, term in heading_terms(page)
        if not any(k in term or term in k for k in known)
    ]
    assert not missing, f"add these to docs/glossary/: {missing}"
