"""The exercises on the site are generated from ``dlnotes.exercises``, in one place.

Each chapter's Exercises section, ``docs/exercises/<chapter>.md`` (and the Chinese
``<chapter>.zh.md``), is written by ``python -m dlnotes.exercises --write-pages`` from the
exercise records and included at the very end of the chapter page; its examples, run by sybil,
check the reference and each known mistake. These tests fail while a committed section differs
from what the generator writes (run the command and commit), check that every chapter page
includes its section as its last line, and that the notebooks the build offers for download
(tools/exercise_notebooks.py) are valid nbformat with one stub and one check line per exercise.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from dlnotes.exercises import GROUPS, exercises
from dlnotes.exercises._render import including_page, markdown, page_path, write_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# tools/ is not a package: load the hook from its file, as mkdocs does
_spec = importlib.util.spec_from_file_location(
    "exercise_notebooks", ROOT / "tools" / "exercise_notebooks.py"
)
assert _spec is not None and _spec.loader is not None
exercise_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(exercise_notebooks)

FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LANGS = ("en", "zh")


def test_there_is_one_exercises_file_per_chapter_and_language() -> None:
    files = sorted(p.name for p in (DOCS / "exercises").glob("*.md"))
    want = [f"{g}{'.zh' if lang == 'zh' else ''}.md" for g in GROUPS for lang in LANGS]
    assert files == sorted(want)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", GROUPS)
def test_the_committed_section_is_what_the_generator_writes(chapter: str, lang: str) -> None:
    committed = page_path(DOCS, chapter, lang).read_text(encoding="utf-8")
    assert committed == markdown(chapter, lang, DOCS), (
        f"docs/exercises/{chapter} ({lang}) differs from the package: run "
        "`python -m dlnotes.exercises --write-pages` and commit (never edit it by hand)"
    )


def test_write_pages_writes_every_section(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    written = write_pages(tmp_path)
    assert len(written) == 2 * len(GROUPS)
    heads = ("## Exercises\n", "## 练习 {#exercises}\n")
    assert all(p.read_text(encoding="utf-8").startswith(heads) for p in written)


@pytest.mark.parametrize("chapter", GROUPS)
def test_the_chapter_page_ends_with_its_exercises(chapter: str) -> None:
    page = DOCS / including_page(chapter, DOCS)
    include = f'--8<-- "docs/exercises/{chapter}.md"'
    text = page.read_text(encoding="utf-8")
    assert include in text, f"no page includes its exercises: add {include}"
    assert text.rstrip().splitlines()[-1] == include, f"{include} is not the page's last line"


@pytest.mark.parametrize("chapter", GROUPS)
def test_the_section_links_its_notebook(chapter: str) -> None:
    text = page_path(DOCS, chapter, "en").read_text(encoding="utf-8")
    assert text.startswith("## Exercises\n")
    assert f"exercises/{chapter}.ipynb){{ download=" in text
    zh = page_path(DOCS, chapter, "zh").read_text(encoding="utf-8")
    assert f"exercises/{chapter}.zh.ipynb){{ download=" in zh


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", GROUPS)
def test_every_exercise_is_on_its_chapter_page(chapter: str, lang: str) -> None:
    text = page_path(DOCS, chapter, lang).read_text(encoding="utf-8")
    fences = FENCE.findall(text)
    for ex in exercises(chapter):
        assert any(ex.stub.rstrip() in fence for fence in fences), f"no stub of {ex.name}"
        call = ex.check_line if lang == "en" else ex.check_line[:-1] + ', lang="zh")'
        assert any(call in fence for fence in fences), f"no fence with {call!r}"
        shown = text.replace("\\*", "*")  # the page escapes a literal star
        assert ex.text("title", lang) in shown and ex.hint_text(2, lang)[:20] in shown
        for m in ex.mistakes:
            assert f"(`{m.id}`)" in text, f"mistake {m.id} not listed"


@pytest.mark.parametrize("chapter", GROUPS)
def test_the_page_links_resolve_from_the_including_page(chapter: str) -> None:
    page = DOCS / including_page(chapter, DOCS)
    text = page_path(DOCS, chapter, "en").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
        assert (page.parent / link).resolve().is_file(), (chapter, link)


@pytest.mark.parametrize("chapter", GROUPS)
def test_the_page_stubs_define_the_functions(chapter: str) -> None:
    """Each stub on the page runs and defines the learner's function (sybil runs them too)."""
    text = page_path(DOCS, chapter, "en").read_text(encoding="utf-8")
    defined = set()
    for fence in FENCE.findall(text):
        namespace: dict[str, object] = {}
        tree = ast.parse(fence)
        if any(isinstance(node, ast.FunctionDef) for node in tree.body):
            exec(compile(tree, chapter, "exec"), namespace)
            defined |= {n for n, v in namespace.items() if callable(v)}
    assert {ex.name for ex in exercises(chapter)} <= defined


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", GROUPS)
def test_the_notebook_is_valid_with_one_stub_per_exercise(chapter: str, lang: str) -> None:
    text = exercise_notebooks.notebook_text(chapter, lang)
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    assert code[0].startswith("try:\n    from dlnotes.exercises import check, hint, progress")
    chapter_exercises = exercises(chapter)
    earlier = 2 if chapter == "capstone" else 0  # initialize_he and adam_step, pasted
    assert len(code) == 1 + earlier + 2 * len(chapter_exercises)
    for ex in chapter_exercises:
        stubs = [c for c in code if f"def {ex.name}(" in c]
        assert stubs == [ex.stub.rstrip("\n")], f"{chapter}: the stub of {ex.name}"
        assert any(c.startswith(f'check("{ex.name}", {ex.name}') for c in code)
    assert all(
        cell.get("execution_count") is None and not cell.get("outputs")
        for cell in nb.cells
        if cell.cell_type == "code"
    ), "a generated notebook is not executed"
    assert exercise_notebooks.notebook_text(chapter, lang) == text, "not reproducible"
    heading = exercise_notebooks.title(chapter)
    assert nb.cells[0].source.startswith(("# Exercises: " + heading, "# 练习：" + heading))
