"""MkDocs hook: one exercise notebook per chapter, generated from ``dlnotes.exercises``.

Each chapter's Exercises section (``docs/exercises/<chapter>.md``, included at the end of the
chapter page) links ``exercises/<chapter>.ipynb`` for download. The hook builds that notebook
from the same records the checker uses: a first cell that imports ``check``, then per exercise
a Markdown cell with the task and the hint, a code cell with the stub and a code cell with the
line that checks it. The notebooks are added as generated files with no source path, so
mkdocs-jupyter (which converts only files it can read from ``docs/``) neither executes nor
renders them: they are copied to the site as they are, for download. They are marked included
explicitly, since ``exclude_docs`` leaves out ``exercises/`` (the Markdown sections, which the
chapter pages include).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
INSTALL = "python -m venv .venv && .venv/bin/pip install -e ."


def _title(chapter: str, docs_dir: Path) -> str:
    page = docs_dir / f"{chapter}.md"
    if page.is_file():
        heading = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
        if heading:
            return heading[1].strip()
    return chapter.replace("-", " ").capitalize()


def _cell(kind: str, cell_id: str, source: str) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": cell_id,
        "metadata": {},
        "source": source.rstrip("\n").splitlines(keepends=True),
    }
    if kind == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    return cell


def notebook(chapter: str, docs_dir: Path = DOCS) -> dict[str, Any]:
    """The exercise notebook of ``chapter`` (a stem of ``dlnotes.exercises.CHAPTERS``) as
    nbformat 4.5 JSON: not executed, the same stubs and check lines as the chapter page."""
    from dlnotes.exercises import exercises

    chapter_exercises = exercises(chapter)
    title = _title(chapter, docs_dir)
    intro = (
        f"# Exercises: {title}\n\n"
        f"The exercises of the dlnotes chapter *{title}*. Write each function, then run the "
        "cell under it: `check` compares your function with the package's reference on inputs "
        "chosen to expose the chapter's mistakes, shows the first input where yours differs, "
        "and names the mistake when it is a known one.\n\n"
        "The checker is in the `dlnotes` package. From a clone of the repository:\n\n"
        f"    {INSTALL}\n\n"
        "then open this notebook with that environment's Python as the kernel and run the "
        "next cell first."
    )
    cells = [
        _cell("markdown", "intro", intro),
        _cell("code", "import-check", "from dlnotes.exercises import check"),
    ]
    for number, ex in enumerate(chapter_exercises, start=1):
        text = (
            f"## Exercise {number}: {ex.title}\n\n{ex.task}\n\n"
            f"<details><summary>Hint</summary>\n\n{ex.hint}\n\n</details>"
        )
        cells += [
            _cell("markdown", f"{ex.name}-task"[:64], text),
            _cell("code", f"{ex.name}-stub"[:64], ex.stub),
            _cell("code", f"{ex.name}-check"[:64], f"print({ex.check_line})"),
        ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(chapter: str, docs_dir: Path = DOCS) -> str:
    """:func:`notebook` serialized as nbformat writes it (one-space indent, UTF-8)."""
    return json.dumps(notebook(chapter, docs_dir), indent=1, ensure_ascii=False) + "\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    from dlnotes.exercises import CHAPTERS

    docs_dir = Path(config.docs_dir)
    for chapter in CHAPTERS:
        files.append(
            File.generated(
                config,
                f"exercises/{chapter}.ipynb",
                content=notebook_text(chapter, docs_dir),
                inclusion=InclusionLevel.INCLUDED,  # exclude_docs leaves out exercises/
            )
        )
    return files
