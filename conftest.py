"""Collect every example: Python fences in docs/**/*.md and the docstrings of src/dlnotes.

Each Markdown page runs in one namespace, top to bottom. A fence runs when its info string is
exactly ``python`` (code, or a doctest when it starts with ``>>>``) or ``pycon`` (a doctest).
tests/test_docs_examples.py counts the Python fences in docs/ and fails when fewer ran.

Under mutation testing (make mutation, tools/mutation.py) mutmut copies this file with the tree
into mutants/, where src/dlnotes holds the rewritten modules: their docstrings are not collected
there, and DLNOTES_HYPOTHESIS_PROFILE=mutation makes hypothesis draw the same examples every run.
"""

from __future__ import annotations

import doctest
import os

import pytest
from hypothesis import HealthCheck, settings
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

if "MUTANT_UNDER_TEST" in os.environ:  # set by mutmut from its start: no doctest of a mutant copy
    pytest_collect_file = markdown_examples.pytest()
else:
    pytest_collect_file = (markdown_examples + docstring_examples).pytest()

# tests/conftest.py's profile with the examples fixed, so a mutation score does not move between
# runs (a guard killed only when hypothesis happens to draw the right input would come and go).
settings.register_profile(
    "mutation",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Load the profile DLNOTES_HYPOTHESIS_PROFILE names, after tests/conftest.py loads its own."""
    profile = os.environ.get("DLNOTES_HYPOTHESIS_PROFILE")
    if profile:
        settings.load_profile(profile)
