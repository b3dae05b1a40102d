"""What every page of the site must look like, read from the Markdown sources.

- Citations a reader can follow: the notes are cited by section, slide page or assignment part
  (000 §2.6, 001 p. 21, 004 §2.1.3), never by a line number of the transcriptions ("l. 378",
  "line 12"), which readers do not have (SOURCES.md, "How a page cites the notes").
- No text swallowed by a table: a line that starts a table row must end it; text written on the
  row's line after its last pipe becomes part of the table, and what follows is orphaned.
- A reading map (阅读对照) at the top of every chapter page: a table whose rows are the notes'
  sections in the notes' order. tests/reading_map/<page>.txt lists, per page, the sections the
  chapter mirrors (a page docs/a/b.md is a__b.txt); each must be a row of that page's map.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MAPS = Path(__file__).resolve().parent / "reading_map"

# "l. 123", "l.123", "(000 l. 275)", "line 12", "lines 3–5"; not "l2", "level 1", "outline 3".
LINE_CITATION = re.compile(r"(?<![\w.])(?:l\.\s?\d|lines?\s\d)")
FENCE = re.compile(r"^\s*(```|~~~)")
MAP_HEADING = "## Reading map (阅读对照) {#reading-map}"
# A map row's first cell: the note, then its section, page or topic, then the Chinese title.
MAP_ROW = re.compile(r"^\|\s*(?P<note>00[0-4])\s+(?P<where>[^|]*?)\s*\|")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def markdown_files() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "node_modules" not in p.parts)


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the lines outside fenced code blocks and $$ math blocks."""
    lines, fenced, math = [], False, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and line.strip().startswith("$$"):
            math = not math if line.strip() == "$$" else math
            continue
        if not fenced and not math:
            lines.append((number, line))
    return lines


def cited_lines(text: str) -> list[str]:
    return [m.group(0) for m in LINE_CITATION.finditer(text)]


def test_the_citation_pattern_finds_line_numbers_and_nothing_else() -> None:
    assert cited_lines("as 000 says (l. 275), and l.12, line 3, lines 4–5") == [
        "l. 2", "l.1", "line 3", "lines 4",
    ]
    assert cited_lines("000 §2.6, 001 p. 21, 004 §2.1.3, the l2 norm, level 1, outline 3") == []


def test_no_page_cites_the_notes_by_line_number() -> None:
    """Markdown (code included: a comment is read too), figure scripts and notebooks."""
    found = []
    sources = markdown_files() + sorted((DOCS / "figures").glob("*.py"))
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT)}:{number}: {c!r}" for c in cited_lines(line)]
    for path in sorted(DOCS.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            found += [f"{path.relative_to(ROOT)}: {c!r}" for c in cited_lines(text)]
    assert not found, "cite the section, page or part instead:\n" + "\n".join(found)


def swallowed_by_a_table(path: Path) -> list[str]:
    found = []
    for number, line in prose_lines(path):
        stripped = line.strip()
        if stripped.startswith("|") and not stripped.endswith("|"):
            found.append(f"{rel(path)}:{number}: {stripped[-60:]!r}")
    return found


def test_the_table_check_finds_text_after_a_row(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("| a | b |\n| --- | --- |\n| 1 | 2 | Every schedule takes\n\ntext\n")
    assert len(swallowed_by_a_table(page)) == 1
    page.write_text("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```text\n| not a table\n```\n")
    assert swallowed_by_a_table(page) == []
    page.write_text("$$\n|F_i| = m/k \\\\\n$$\n")
    assert swallowed_by_a_table(page) == []


def test_no_text_follows_a_table_row_on_its_line() -> None:
    found = [hit for path in markdown_files() for hit in swallowed_by_a_table(path)]
    assert not found, "text after a table row's last pipe:\n" + "\n".join(found)


def chapter_pages() -> list[str]:
    """The pages of the nav's Chapters section, as paths below docs/ ("optimizers.md")."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    section = re.search(r"^  - Chapters:\n(?P<body>(?:^      .*\n)+)", nav, re.MULTILINE)
    assert section, "mkdocs.yml has no Chapters section"
    return re.findall(r":\s*([\w/.-]+\.md)\s*$", section["body"], re.MULTILINE)


def map_rows(page: Path) -> list[tuple[str, str]]:
    """(note, section) of each row of the page's reading map, in order."""
    text = page.read_text(encoding="utf-8")
    assert MAP_HEADING in text, f"{page.relative_to(ROOT)} has no '{MAP_HEADING}'"
    body = text.split(MAP_HEADING, 1)[1].split("\n## ", 1)[0]
    table = [line for line in body.splitlines() if line.startswith("|")]
    assert len(table) >= 3, f"{page.relative_to(ROOT)}: the reading map has no rows"
    assert table[0].split("|")[1].strip() == "Notes", f"{page.name}: first column is not Notes"
    rows = []
    for line in table[2:]:
        row = MAP_ROW.match(line)
        assert row, f"{page.relative_to(ROOT)}: map row does not start with a note: {line[:60]!r}"
        rows.append((row["note"], row["where"]))
    return rows


def map_file(page: str) -> Path:
    return MAPS / (page.removesuffix(".md").replace("/", "__") + ".txt")


def test_every_chapter_page_has_a_reading_map_and_a_list_of_its_sections() -> None:
    pages = chapter_pages()
    assert len(pages) >= 12, pages
    missing = [page for page in pages if not map_file(page).is_file()]
    assert not missing, f"no tests/reading_map/ list for {missing}"
    for page in pages:
        text = (DOCS / page).read_text(encoding="utf-8")
        first = re.search(r"^## .*$", text, re.MULTILINE)
        assert first and first.group(0) == MAP_HEADING, f"{page}: the reading map is not on top"


@pytest.mark.parametrize("page", chapter_pages())
def test_the_reading_map_has_a_row_for_every_section_the_chapter_mirrors(page: str) -> None:
    rows = map_rows(DOCS / page)
    cells = [f"{note} {where}" for note, where in rows]
    wanted = [s.strip() for s in map_file(page).read_text(encoding="utf-8").splitlines()]
    wanted = [s for s in wanted if s and not s.startswith("#")]
    assert wanted, f"{map_file(page).name} lists no section"
    missing = [s for s in wanted if not any(c == s or c.startswith(s + " ") for c in cells)]
    assert not missing, f"{page}: sections with no row in the reading map: {missing}"


def section_key(where: str) -> tuple[float, ...] | None:
    """(2, 6) for "§2.6 …", (21,) for "p. 21 …" or "pp. 27–30 …"; None for a topic."""
    if m := re.match(r"§(\d+(?:\.\d+)*)", where):
        return tuple(float(x) for x in m[1].split("."))
    if m := re.match(r"pp?\.\s?(\d+)", where):
        return (float(m[1]),)
    return None


@pytest.mark.parametrize("page", chapter_pages())
def test_the_reading_map_follows_each_note_in_its_order(page: str) -> None:
    last: dict[str, tuple[float, ...]] = {}
    for note, where in map_rows(DOCS / page):
        key = section_key(where)
        if key is None:
            continue
        assert key >= last.get(note, ()), f"{page}: {note} {where!r} comes after {last[note]}"
        last[note] = key
