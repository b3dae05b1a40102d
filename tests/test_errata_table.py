"""The table of docs/errata/index.md lists every erratum of docs/errata/<chapter>.md, in order.

The entries live on one page per chapter (docs/errata/<chapter>.md, the Errata section of the
site); the table on the section's index is typed by hand. These checks keep the two from
drifting: every entry has exactly one row and every row links to the entry on the page that
holds it; numbered rows come first, in number order, then the chapter-lettered ones; entries
16-18 are marked as PyTorch conventions; every chapter's errata page is in the nav.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ERRATA = DOCS / "errata"
INDEX = ERRATA / "index.md"

HEADING = re.compile(r"^## Erratum (?P<label>[^:]+): .+ \{#(?P<anchor>erratum-[a-z0-9-]+)\}\s*$")
ROW = re.compile(
    r"^\|\s*\[(?P<label>[^\]]+)\]\((?P<page>[a-z0-9-]+)\.md#(?P<anchor>[a-z0-9-]+)\)\s*"
    r"\|(?P<rest>.*)\|\s*$"
)
CHAPTER_LINK = re.compile(r"\[[^\]]+\]\(\.\./(?P<page>[a-z0-9-]+)(?:\.md|/[a-z0-9-]+\.md)\)")
PYTORCH = {16, 17, 18}
PYTORCH_MARK = "A PyTorch convention, not an error in the notes."
MIN_ENTRIES = 44
PYTORCH_MARK_ZH = "这是 PyTorch 的约定，不是笔记的错误。"
PAGES = [p for p in sorted(ERRATA.glob("*.md")) if not p.name.endswith(".zh.md")]  # English


def number(anchor: str) -> int | None:
    """18 for erratum-18 and erratum-14-mean's 14; None for a lettered entry."""
    match = re.fullmatch(r"erratum-(\d+)(-[a-z]+)?", anchor)
    return int(match[1]) if match else None


def entries() -> dict[str, tuple[str, str, str]]:
    """anchor -> (chapter stem, heading label, the entry's text) for every erratum."""
    found: dict[str, tuple[str, str, str]] = {}
    for path in PAGES:
        if path == INDEX:
            continue
        text = path.read_text(encoding="utf-8")
        starts = [m.start() for m in re.finditer(r"^## Erratum ", text, re.MULTILINE)]
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
    text = INDEX.read_text(encoding="utf-8")
    section = re.search(r"^## All errata at a glance .*?\n(?P<body>.*?)(?=^## )", text, re.S | re.M)
    assert section, "errata/index.md has no '## All errata at a glance' section"
    rows = []
    for line in section["body"].splitlines():
        if line.startswith("| [") and (row := ROW.match(line)):
            anchor = row["anchor"]
            stem = ENTRIES[anchor][0] if anchor in ENTRIES else None
            assert row["page"] == stem, f"row {row['label']}: {row['page']}.md, entry in {stem}"
            rows.append((row["label"], anchor, [c.strip() for c in row["rest"].split("|")]))
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
        assert (DOCS / f"{stem}.md").exists() or (DOCS / stem / "index.md").exists(), stem


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


def test_every_errata_page_is_in_the_nav_in_chapter_order() -> None:
    files = sorted(p.stem for p in PAGES if p != INDEX)
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = re.findall(r"^\s*-\s[^:]+:\s*errata/([a-z0-9-]+)\.md\s*$", mkdocs, re.MULTILINE)
    assert sorted(in_nav) == files, f"errata pages in the nav {in_nav}, files {files}"
    chapters = re.findall(r"^\s*-\s[^:]+:\s*([a-z0-9-]+)(?:\.md|/index\.md)\s*$", mkdocs, re.M)
    assert in_nav == [page for page in chapters if page in in_nav], "not in the chapters' order"


def test_each_errata_page_links_its_chapter_and_the_index() -> None:
    for path in PAGES:
        if path == INDEX:
            continue
        head = path.read_text(encoding="utf-8").split("\n## ", 1)[0]
        assert "(index.md)" in head, f"{path.name}: no link to the errata index"
        assert CHAPTER_LINK.search(head), f"{path.name}: no link to its chapter"


def test_the_chinese_pages_mark_the_same_pytorch_conventions() -> None:
    for path in PAGES:
        zh = path.with_name(path.stem + ".zh.md")
        if path == INDEX or not zh.is_file():
            continue
        blocks = re.split(r"^## ", zh.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]
        for block in blocks:
            anchor = re.search(r"\{#(erratum-[a-z0-9-]+)\}", block.splitlines()[0])
            if anchor:
                marked = PYTORCH_MARK_ZH in block
                assert marked == (number(anchor[1]) in PYTORCH), f"{zh.name} {anchor[1]}: {marked}"
