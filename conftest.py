"""Collect every example: Python fences in docs/**/*.md and the docstrings of src/dlnotes.

Each Markdown page runs in one namespace, top to bottom. A fence runs when its info string is
exactly ``python`` (code, or a doctest when it starts with ``>>>``) or ``pycon`` (a doctest).
tests/test_docs_examples.py counts the Python fences in docs/ and fails when fewer ran.
"""

from __future__ import annotations

import doctest

from sybil import Sybil
from sybil.document import PythonDocStringDocument
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

from tests.docs_registry import record_evaluator

OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


class PyconCodeBlockParser(PythonCodeBlockParser):
    """```pycon fences: doctests, as in ```python fences that start with >>>."""

    def __init__(self) -> None:
        super().__init__(doctest_optionflags=OPTIONFLAGS)
        self.codeblock_parser = CodeBlockParser("pycon", PythonEvaluator())


markdown_examples = Sybil(
    parsers=[
        record_evaluator(PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS)),
        record_evaluator(PyconCodeBlockParser()),
    ],
    path="docs",
    patterns=["*.md"],
    name="docs",
)

docstring_examples = Sybil(
    parsers=[DocTestParser(optionflags=OPTIONFLAGS)],
    path="src/dlnotes",
    patterns=["*.py"],
    document_types={".py": PythonDocStringDocument},
    name="docstrings",
)

pytest_collect_file = (markdown_examples + docstring_examples).pytest()
