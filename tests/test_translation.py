"""One code, two proses: every page in English (x.md) and Chinese (x.zh.md), the same code in both.

DESIGN.md, "Two languages": the Chinese page includes the same snippet regions and carries the
same runnable blocks, character for character, in the same order, so it is tested exactly like
the English one (sybil runs both) and cannot drift from it. These checks fail when
- a page exists in one language only (the API reference and the experiment notebooks, which
  fall back to English, aside; so are the exercise sections, generated in both languages);
- a page's code differs between the languages: its fenced blocks, its snippet includes, in order;
- a heading id ({#adam}) of one language is missing from the other (links are shared);
- a prose paragraph of a Chinese page has no Chinese in it;
- a glossary term that the glossary places on a page appears there in English but its Chinese
  form is missing from the Chinese page (the glossary's Chinese column is the vocabulary).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Pages that may fall back to English (DESIGN.md): the API reference; the notebooks are .ipynb.
# docs/exercises/, docs/glossary/ and docs/errata/ hold no page of their own but includes and
# errata pages: the errata pages are translated, the includes are generated or shared.
FALLBACK = ("reference/",)
INCLUDES = ("exercises/", "glossary/")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)(?P<info>.*)$")
SNIPPET = re.compile(r"^\s*--8<--\s+\"(?P<path>[^\"]+)\"\s*$")
HEADING_ID = re.compile(r"^#{1,6} .*\{#(?P<id>[\w-]+)\}\s*$", re.MULTILINE)
CJK = re.compile(r"[\u3400-\u9fff]")


def english_pages() -> list[Path]:
    pages = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS).as_posix()
        if path.name.endswith(".zh.md") or rel.startswith(FALLBACK + INCLUDES):
            continue
        pages.append(path)
    return pages


def chinese(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".md") + ".zh.md")


def code_of(text: str) -> list[str]:
    """The fenced blocks (info string and body) and the snippet-include lines, in page order.

    An included file's name may differ by language only in its .zh suffix (an exercise section
    generated in Chinese); that suffix is dropped before comparing.
    """
    blocks, current, fence = [], [], None
    for line in text.splitlines():
        match = FENCE.match(line)
        if fence is None and match:
            fence, current = match["fence"], [line.strip()]
        elif fence is not None:
            current.append(line.rstrip())
            if line.strip() == fence:
                blocks.append("\n".join(current))
                fence = None
        elif snippet := SNIPPET.match(line):
            blocks.append("--8<-- " + snippet["path"].replace(".zh.md", ".md"))
    return blocks


def prose_paragraphs(text: str) -> list[str]:
    """Paragraphs outside fences, tables, headings-only lines, HTML, math and include lines."""
    text = re.sub(r"^([ \t]*)(```+|~~~+).*?^\1\2[ \t]*$", "", text, flags=re.S | re.M)
    text = re.sub(r"^\$\$.*?^\$\$\s*$", "", text, flags=re.S | re.M)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [
            line for line in block.splitlines()
            if line.strip()
            and not line.lstrip().startswith(("|", "#", "<", "--8<--", "$$", "!!!", "???", "==="))
        ]
        prose = " ".join(lines).strip()
        prose = re.sub(r"`[^`]*`|\$[^$]*\$|\[[^\]]*\]\([^)]*\)|https?://\S+", "", prose)
        if len(re.findall(r"[A-Za-z]{3,}", prose)) >= 4:  # a sentence, not a formula or a label
            paragraphs.append(" ".join(lines)[:100])
    return paragraphs


PAGES = english_pages()


def test_every_page_exists_in_both_languages() -> None:
    missing = [p.relative_to(DOCS).as_posix() for p in PAGES if not chinese(p).is_file()]
    assert not missing, f"pages with no Chinese version: {missing}"
    orphans = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.zh.md")
        if not p.with_name(p.name.removesuffix(".zh.md") + ".md").is_file()
    ]
    assert not orphans, f"Chinese pages with no English page: {orphans}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_both_languages_carry_the_same_code_in_the_same_order(page: Path) -> None:
    english = code_of(page.read_text(encoding="utf-8"))
    zh = code_of(chinese(page).read_text(encoding="utf-8"))
    for i, (a, b) in enumerate(zip(english, zh, strict=False)):
        assert a == b, f"block {i + 1} differs:\n--- en\n{a[:400]}\n--- zh\n{b[:400]}"
    assert len(english) == len(zh), f"{len(english)} code blocks in English, {len(zh)} in Chinese"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_both_languages_share_their_heading_ids(page: Path) -> None:
    english = set(HEADING_ID.findall(page.read_text(encoding="utf-8")))
    zh = set(HEADING_ID.findall(chinese(page).read_text(encoding="utf-8")))
    assert english == zh, f"only in English: {english - zh}; only in Chinese: {zh - english}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_prose_paragraph_of_a_chinese_page_is_chinese(page: Path) -> None:
    untranslated = [
        p for p in prose_paragraphs(chinese(page).read_text(encoding="utf-8")) if not CJK.search(p)
    ]
    assert not untranslated, f"paragraphs with no Chinese: {untranslated[:3]}"


def glossary() -> list[tuple[list[str], list[str], str]]:
    """(English variants, Chinese variants, page) for each glossary row."""
    rows = []
    for path in sorted((DOCS / "glossary").glob("*.md")):
        if path.name.endswith(".zh.md"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not (link := re.search(r"\]\(([^)#]+)", cells[2])):
                continue
            english = [e.strip() for e in re.split(r",|/|\(|\)", cells[0]) if len(e.strip()) > 2]
            zh = [z.strip() for z in re.split(r"/|,|、|\(|\)|（|）", cells[1]) if CJK.search(z)]
            rows.append((english, zh, link[1]))
    return rows


def test_the_glossary_rows_are_understood() -> None:
    rows = glossary()
    assert len(rows) > 100, len(rows)
    assert all(zh for _, zh, _ in rows), [en for en, zh, _ in rows if not zh][:5]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_a_glossary_term_on_an_english_page_is_in_chinese_on_the_chinese_page(page: Path) -> None:
    rel = page.relative_to(DOCS).as_posix()
    text = page.read_text(encoding="utf-8").lower()
    zh_text = chinese(page).read_text(encoding="utf-8")
    missing = [
        f"{english[0]} ({' / '.join(zh)})"
        for english, zh, target in glossary()
        if target == rel
        and any(e.lower() in text for e in english)
        and not any(z in zh_text for z in zh)
    ]
    assert not missing, f"{rel}: glossary terms without their Chinese form: {missing}"
