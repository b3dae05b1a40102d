"""The summary table of docs/conventions.md lists every erratum of docs/errata/*.md, in order.

The entries live in one file per chapter (docs/errata/<chapter>.md), included into the
conventions page chapter by chapter; the table at the top of the page is typed by hand. These
checks keep the two from drifting: every entry has exactly one row and every row points at an
entry that exists, in the chapter whose file holds it; numbered rows come first, in number
order, then the chapter-lettered ones; entries 16-18 are marked as PyTorch conventions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ERRATA = DOCS / "errata"
CONVENTIONS = DOCS / "conventions.md"

HEADING = re.compile(r"^### Erratum (?P<label>[^:]+): .+ \{#(?P<anchor>erratum-[a-z0-9-]+)\}\s*$")
ROW = re.compile(r"^\|\s*\[(?P<label>[^\]]+)\]\(#(?P<anchor>[a-z0-9-]+)\)\s*\|(?P<rest>.*)\|\s*$")
CHAPTER_LINK = re.compile(r"\[[^\]]+\]\((?P<page>[a-z0-9-]+)\.md\)")
INCLUDE = re.compile(r'^--8<-- "docs/errata/(?P<stem>[a-z0-9-]+)\.md"\s*$', re.MULTILINE)
PYTORCH = {16, 17, 18}
PYTORCH_MARK = "A PyTorch convention, not an error in the notes."
MIN_ENTRIES = 44


def number(anchor: str) -> int | None:
    """18 for erratum-18 and erratum-14-mean's 14; None for a lettered entry."""
    match = re.fullmatch(r"erratum-(\d+)(-[a-z]+)?", anchor)
    return int(match[1]) if match else None


def entries() -> dict[str, tuple[str, str, str]]:
    """anchor -> (chapter stem, heading label, the entry's text) for every erratum."""
    found: dict[str, tuple[str, str, str]] = {}
    for path in sorted(ERRATA.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        starts = [m.start() for m in re.finditer(r"^### Erratum ", text, re.MULTILINE)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            block = text[start:end]
            heading = HEADING.match(block.splitlines()[0])
            assert heading, f"{path.name}: malformed erratum heading {block.splitlines()[0]!r}"
            anchor = heading["anchor"]
            assert anchor not in found, f"{anchor} defined twice ({found.get(anchor, ('?',))[0]})"
            found[anchor] = (path.stem, heading["label"], block)
    return found


def table_rows() -> list[tuple[str, str, list[str]]]:
    """(label, anchor, the other cells) of each row of the summary table, in page order."""
    text = CONVENTIONS.read_text(encoding="utf-8")
    section = re.search(r"^## All errata at a glance\n(?P<body>.*?)(?=^## )", text, re.S | re.M)
    assert section, "conventions.md has no '## All errata at a glance' section"
    rows = []
    for line in section["body"].splitlines():
        if line.startswith("| [") and (row := ROW.match(line)):
            rows.append((row["label"], row["anchor"], [c.strip() for c in row["rest"].split("|")]))
        elif line.startswith("| ["):
            pytest.fail(f"table row not understood: {line!r}")
    return rows


ENTRIES = entries()
ROWS = table_rows()


def test_there_are_enough_entries() -> None:
    assert len(ENTRIES) >= MIN_ENTRIES, f"{len(ENTRIES)} errata, expected at least {MIN_ENTRIES}"
    numbers = {n for a in ENTRIES if (n := number(a)) is not None}
    assert numbers == set(range(1, max(numbers) + 1)), f"numbers missing: {numbers}"


def test_every_entry_has_one_row() -> None:
    anchors = [anchor for _, anchor, _ in ROWS]
    duplicated = sorted({a for a in anchors if anchors.count(a) > 1})
    assert not duplicated, f"table rows listed twice: {duplicated}"
    missing = sorted(set(ENTRIES) - set(anchors), key=lambda a: (number(a) is None, a))
    assert not missing, f"errata missing from the table: {missing}"


def test_every_row_points_at_an_entry() -> None:
    unknown = [anchor for _, anchor, _ in ROWS if anchor not in ENTRIES]
    assert not unknown, f"table rows whose anchor is no erratum: {unknown}"


def test_row_labels_and_chapters_match_the_entries() -> None:
    for label, anchor, cells in ROWS:
        stem, heading_label, _ = ENTRIES[anchor]
        n = number(anchor)
        if n is None:
            assert label == anchor.removeprefix("erratum-") == heading_label, (label, anchor)
        else:
            leading = [re.match(r"\d+", s) for s in (label, heading_label)]
            assert [int(m[0]) if m else None for m in leading] == [n, n], (label, anchor)
        pages = CHAPTER_LINK.findall(cells[-1])
        assert pages == [stem], f"{anchor}: chapter cell {cells[-1]!r}, the entry is in {stem}.md"
        assert (DOCS / f"{stem}.md").exists(), f"{anchor}: no chapter page {stem}.md"


def test_rows_are_in_number_order_then_lettered() -> None:
    keys = [number(anchor) for _, anchor, _ in ROWS]
    numbered = [k for k in keys if k is not None]
    first_lettered = next((i for i, k in enumerate(keys) if k is None), len(keys))
    assert all(k is None for k in keys[first_lettered:]), "a numbered row after a lettered one"
    assert numbered == sorted(numbered), f"numbered rows out of order: {numbered}"
    lettered = [anchor for _, anchor, _ in ROWS[first_lettered:]]
    assert lettered == sorted(lettered), f"lettered rows out of order: {lettered}"


def test_pytorch_conventions_are_marked() -> None:
    for label, anchor, cells in ROWS:
        marked = "PyTorch" in label and any("PyTorch convention, not an error" in c for c in cells)
        assert marked == (number(anchor) in PYTORCH), f"{anchor}: PyTorch marking is {marked}"
        assert (PYTORCH_MARK in ENTRIES[anchor][2]) == (number(anchor) in PYTORCH), anchor


def test_entries_within_a_chapter_file_are_in_order() -> None:
    by_file: dict[str, list[str]] = {}
    for anchor, (stem, _, _) in ENTRIES.items():
        by_file.setdefault(stem, []).append(anchor)
    for stem, anchors in by_file.items():
        keys = [(number(a) is None, number(a) or 0, a) for a in anchors]
        assert keys == sorted(keys), f"{stem}.md: entries out of order: {anchors}"


def test_every_errata_file_is_included_in_chapter_order() -> None:
    included = INCLUDE.findall(CONVENTIONS.read_text(encoding="utf-8"))
    files = sorted(p.stem for p in ERRATA.glob("*.md"))
    assert sorted(included) == files, f"included {included}, files {files}"
    nav = re.findall(
        r"^\s*-\s[^:]+:\s*([a-z0-9-]+)\.md\s*$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE
    )
    assert included == [page for page in nav if page in included], "not in the nav's chapter order"
