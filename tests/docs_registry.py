"""Which docs examples ran: filled by conftest.py, read by test_docs_examples.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from sybil import Document, Example, Region

# resolved path of a Markdown page -> character offsets of the examples that ran and passed
EXECUTED: defaultdict[Path, set[int]] = defaultdict(set)


def record_evaluator(
    parser: Callable[[Document], Iterable[Region]],
) -> Callable[[Document], Iterable[Region]]:
    """Wrap a sybil parser so that every example that passes is recorded in EXECUTED."""

    def parse(document: Document) -> Iterable[Region]:
        for region in parser(document):
            inner = region.evaluator

            def evaluate(example: Example, inner=inner):  # type: ignore[no-untyped-def]
                result = inner(example)
                if result is None:  # sybil: None is a pass, a string is a failure report
                    EXECUTED[Path(example.path).resolve()].add(example.start)
                return result

            region.evaluator = evaluate
            yield region

    return parse
