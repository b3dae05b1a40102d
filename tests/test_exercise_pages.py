"""The exercises on the site stay in step with ``dlnotes.exercises``.

Each chapter's Exercises section lives in ``docs/exercises/<chapter>.md`` (written out, not
generated) and is included at the very end of the chapter page; its examples, run by sybil,
check the reference and each known mistake. These tests check that every chapter page includes
its file, that every exercise appears there with its signature, its check line and its known
mistakes, and that the notebooks the build offers for download (tools/exercise_notebooks.py)
are valid nbformat with one stub and one check line per exercise.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

from dlnotes.exercises import CHAPTERS, exercises

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


def exercises_file(chapter: str) -> str:
    return (DOCS / "exercises" / f"{chapter}.md").read_text(encoding="utf-8")


def def_line(stub: str, name: str) -> str:
    """The ``def name(...)`` line(s) of a stub, up to the colon that opens the body."""
    start = stub.index(f"def {name}(")
    return stub[start : stub.index(":\n", start) + 1]


def test_there_is_one_exercises_file_per_chapter() -> None:
    files = sorted(p.stem for p in (DOCS / "exercises").glob("*.md"))
    assert files == sorted(CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_page_ends_with_its_exercises(chapter: str) -> None:
    page = {"neural-networks": "neural-networks/deep.md"}.get(chapter, f"{chapter}.md")
    text = (DOCS / page).read_text(encoding="utf-8")
    include = f'--8<-- "docs/exercises/{chapter}.md"'
    assert include in text, f"docs/{chapter}.md does not include its exercises: add {include}"
    assert text.rstrip().splitlines()[-1] == include, f"{include} is not the page's last line"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_section_links_its_notebook(chapter: str) -> None:
    text = exercises_file(chapter)
    assert text.startswith("## Exercises\n")
    assert f"](exercises/{chapter}.ipynb)" in text


@pytest.mark.parametrize(
    "name", [ex.name for ex in exercises()], ids=[ex.name for ex in exercises()]
)
def test_every_exercise_is_on_its_chapter_page(name: str) -> None:
    (ex,) = [e for e in exercises() if e.name == name]
    text = exercises_file(ex.chapter)
    fences = FENCE.findall(text)
    signature = def_line(ex.stub, ex.name)
    assert any(signature in fence for fence in fences), f"no stub with {signature!r}"
    assert any(ex.check_line in fence for fence in fences), f"no fence with {ex.check_line!r}"
    heading = f"### Exercise {exercises(ex.chapter).index(ex) + 1}: {ex.title}"
    assert heading in text, f"no heading {heading!r}"
    for mistake in ex.mistakes:
        assert f"({mistake.link}) (`{mistake.id}`)" in text, f"mistake {mistake.id} not listed"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_page_stubs_define_the_functions(chapter: str) -> None:
    """Each stub on the page runs and defines the learner's function (sybil runs them too)."""
    text = exercises_file(chapter)
    defined = set()
    for fence in FENCE.findall(text):
        namespace: dict[str, object] = {}
        tree = ast.parse(fence)
        if any(isinstance(node, ast.FunctionDef) for node in tree.body):
            exec(compile(tree, chapter, "exec"), namespace)
            defined |= {n for n, v in namespace.items() if callable(v)}
    assert {ex.name for ex in exercises(chapter)} <= defined


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_notebook_is_valid_with_one_stub_per_exercise(chapter: str) -> None:
    text = exercise_notebooks.notebook_text(chapter)
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    assert code[0] == "from dlnotes.exercises import check"
    chapter_exercises = exercises(chapter)
    assert len(code) == 1 + 2 * len(chapter_exercises)
    for ex in chapter_exercises:
        stubs = [c for c in code if f"def {ex.name}(" in c]
        assert stubs == [ex.stub.rstrip("\n")], f"{chapter}: the stub of {ex.name}"
        assert f"print({ex.check_line})" in code
    assert all(
        cell.get("execution_count") is None and not cell.get("outputs")
        for cell in nb.cells
        if cell.cell_type == "code"
    ), "a generated notebook is not executed"
    assert exercise_notebooks.notebook_text(chapter) == text, "the notebook is not reproducible"


def test_a_notebook_stub_runs_and_its_check_says_it_is_not_written() -> None:
    nb = exercise_notebooks.notebook(CHAPTERS[0])
    namespace: dict[str, object] = {}
    lines = []
    namespace["print"] = lambda *args: lines.append(" ".join(map(str, args)))
    for cell in nb["cells"][1:5]:  # import, task, stub, check
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), namespace)
    assert len(lines) == 1 and "not passed" in lines[0] and "NotImplementedError" in lines[0]
