"""Every glossary term, in either language, is on the chapter page the glossary links it to, so a
reader who searches the site for it (in the notes' Chinese or in English) finds that chapter and
not only the glossary. The search plugin segments the Chinese text with jieba at build time (see
mkdocs.yml); the last test here replays Material's search of every Chinese term on the words
jieba makes of the pages, and tests/browser/test_site.py searches a handful in the built site.

A glossary row is ``| English | 中文 | [Chapter](page.md#section) |`` (docs/glossary/*.md). Each
cell may list alternatives, "A, B" or "A / B"; every alternative must be on the page. A
parenthesis is an abbreviation or a gloss, "stochastic gradient descent (SGD)", "一代 (遍历整个
训练集一次)": the term is found with or without it. English is matched without regard to case,
hyphens or a plural -s; Chinese without regard to spaces ("KL 散度" finds "KL散度").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LINK = re.compile(r"\[[^\]]+\]\((?P<page>[\w./-]+\.md)(?:#[\w-]+)?\)")
PARENTHESIS = re.compile(r"\s*[(（][^()（）]*[)）]")

# Terms the glossary lists that their chapter page does not (yet) write, as (page, term), found
# when this test was written: add each term to its page (or correct the glossary row), then
# remove it here. The test fails on an entry that is no longer missing, so the list only shrinks.
KNOWN_MISSING: set[tuple[str, str]] = set()


def split_alternatives(cell: str, separators: tuple[str, ...]) -> list[str]:
    """The alternatives of a cell, split at the separators outside parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(cell):
        depth += cell[i] in "(（"
        depth -= cell[i] in ")）"
        sep = next((s for s in separators if depth == 0 and cell.startswith(s, i)), None)
        if sep:
            parts.append(cell[start:i])
            i += len(sep)
            start = i
        else:
            i += 1
    parts.append(cell[start:])
    return [p.strip() for p in parts if p.strip()]


def english_form(text: str) -> str:
    text = re.sub(r"[`*_]", "", text.lower())
    text = re.sub(r"[-‐–]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def chinese_form(text: str) -> str:
    return re.sub(r"[\s`*_]", "", text.lower())


def english_found(term: str, page: str) -> bool:
    forms = {english_form(term), english_form(PARENTHESIS.sub("", term))}
    forms |= {f.removesuffix("s") for f in forms if f.endswith("s") and len(f) > 3}
    return any(f in page for f in forms)


def chinese_found(term: str, page: str) -> bool:
    forms = {chinese_form(term), chinese_form(PARENTHESIS.sub("", term))}
    return any(f in page for f in forms)


def glossary_terms() -> dict[str, list[tuple[str, str]]]:
    """Page -> [(language, term)] for every term the glossary links to that page."""
    terms: dict[str, list[tuple[str, str]]] = {}
    for part in sorted((DOCS / "glossary").glob("*.md")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            english, chinese, where = (c.strip() for c in line.strip().strip("|").split("|"))
            link = LINK.search(where)
            assert link, f"{part.name}: no link to a chapter page in {line!r}"
            listed = terms.setdefault(link["page"], [])
            listed += [("en", t) for t in split_alternatives(english, (" / ", ", "))]
            listed += [("zh", t) for t in split_alternatives(chinese, (" / ", ", ", "，"))]
    return terms


def missing_terms(page: str, terms: list[tuple[str, str]]) -> set[tuple[str, str]]:
    text = (DOCS / page).read_text(encoding="utf-8")
    english, chinese = english_form(text), chinese_form(text)
    return {
        (page, term)
        for language, term in terms
        if not (english_found(term, english) if language == "en" else chinese_found(term, chinese))
    }


TERMS = glossary_terms()


def test_the_glossary_links_every_chapter() -> None:
    chapters = {p.name for p in DOCS.glob("*.md") if not p.name.endswith(".zh.md")} - {
        "index.md", "glossary.md", "conventions.md", "performance.md", "performance-measured.md",
        "testing.md", "capstone.md",
    }
    assert sorted(chapters - TERMS.keys()) == []
    assert sum(len(t) for t in TERMS.values()) > 250


@pytest.mark.parametrize("page", sorted(TERMS))
def test_every_glossary_term_is_on_its_chapter_page(page: str) -> None:
    missing = missing_terms(page, TERMS[page])
    known = {entry for entry in KNOWN_MISSING if entry[0] == page}
    new = sorted(term for _, term in missing - known)
    assert not new, f"docs/{page} does not write these glossary terms: {new}"
    added = sorted(term for _, term in known - missing)
    assert not added, f"docs/{page} has these now: remove them from KNOWN_MISSING: {added}"


def test_known_missing_entries_are_glossary_terms() -> None:
    listed = {(page, term) for page, terms in TERMS.items() for _, term in terms}
    assert sorted(KNOWN_MISSING - listed) == []


# Material's search (mkdocs-material 9.x): at build time the plugin cuts each run of Han
# characters into words with jieba and joins them with U+200B, which the separator splits on;
# in the browser it cuts each run of Han characters in the query greedily into words of the
# index (integrations/search/query/segment, replayed below) and looks each one up as a prefix
# (动量* finds 动量梯度下降法 if jieba kept that whole). A term jieba splits on the page in
# a way the query's words do not match (向量化 -> 向 量化) is found only with a user dictionary.
SEPARATOR = re.compile(r"[\s\u200b\-]+")
HAN = re.compile(r"[\u3400-\u9fff]+")


@cache
def jieba_words() -> dict[str, set[str]]:
    """Page -> the words the search index holds for it (as the search plugin cuts them)."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(30)  # no "Building prefix dict" notes
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for user_dict in re.findall(r"^\s*jieba_dict_user:\s*(\S+)", config, re.MULTILINE):
        with (ROOT / user_dict).open("rb") as words:  # given a path, jieba leaves it open
            jieba.load_userdict(words)
    words = {}
    for page in DOCS.rglob("*.md"):  # both languages: the site has one index for the two
        if page.relative_to(DOCS).parts[0] in {"glossary", "exercises", "reference"}:
            continue
        text = HAN.sub(
            lambda run: "\u200b" + "\u200b".join(jieba.cut(run[0])) + "\u200b",
            page.read_text(encoding="utf-8").lower(),
        )
        words[page.relative_to(DOCS).as_posix()] = {w for w in SEPARATOR.split(text) if w}
    return words


def segment(query: str, index: set[str]) -> set[str]:
    """Material's segment(): the query cut greedily into words of the index."""
    wordcuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):  # sic: never the query's last character
            if query[i:j] in index:
                wordcuts[i] = j - i
    segments, stack = set(), [0]
    while stack:
        p = stack.pop()
        for q in range(1, wordcuts[p]):
            if wordcuts[p + q] > wordcuts[p] - q:
                segments.add(query[p : p + q])
                stack.append(p + q)
        q = p + wordcuts[p]
        if q < len(query) - 1 and wordcuts[q]:
            stack.append(q)
        segments.add(query[p:q])
    return {query} if "" in segments else segments


def query_words(term: str, index: set[str]) -> set[str]:
    words = set()
    for part in SEPARATOR.split(PARENTHESIS.sub("", term).lower()):
        for run in re.findall(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+", part):
            words |= segment(run, index) if HAN.fullmatch(run) else {run}
    return words - {""}


def chinese_page(page: str) -> str:
    """The Chinese page of ``page`` (x.zh.md) where there is one: a reader searching the notes'
    Chinese on the Chinese site should land there."""
    zh = page.removesuffix(".md") + ".zh.md"
    return zh if (DOCS / zh).is_file() else page


def test_search_finds_every_chinese_term_on_its_page() -> None:
    pages = jieba_words()
    index = set().union(*pages.values())
    unfound = []
    for english_page, terms in TERMS.items():
        page = chinese_page(english_page)
        text = chinese_form((DOCS / page).read_text(encoding="utf-8"))
        for language, term in terms:
            if language != "zh" or not chinese_found(term, text):
                continue  # a missing term is the test above's (or the translation test's)
            words = query_words(term, index)
            if not any(w.startswith(q) for q in words for w in pages[page]):
                unfound.append(f"{page}: {term} (searched as {sorted(words)})")
    assert not unfound, (
        f"search would not find these on their pages: add them to the jieba user dictionary "
        f"(mkdocs.yml's jieba_dict_user, one word a line): {unfound}"
    )
