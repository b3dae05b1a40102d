"""Steps 1 to 3 of the performance chapter, taken from the page itself.

The page writes them out as runnable blocks (steps of the lesson, not code of the package); the
bench runs the page's bare ```python blocks top to bottom in one namespace, as the docs tests do,
and times the functions they define. What is timed is what the page shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

PAGE = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
FENCE = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)  # bare fences only
NAMES = ("adam_blocks", "softmax_ce_blocks", "batchnorm_bands")


def lesson_steps() -> dict[str, Any]:
    """The functions of the page's steps, by name (those of NAMES at least)."""
    namespace: dict[str, Any] = {"__name__": "performance_page"}
    for block in FENCE.findall(PAGE.read_text(encoding="utf-8")):
        exec(compile(block, str(PAGE), "exec"), namespace)
    missing = [name for name in NAMES if name not in namespace]
    if missing:
        raise LookupError(f"{PAGE.name} defines no {', '.join(missing)}")
    return namespace
