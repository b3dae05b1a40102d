"""Griffe extension: render the numpydoc math of our docstrings on the API pages.

Docstrings follow numpydoc (``.. math::`` blocks and ``:math:`x``` roles, as Sphinx and SciPy
expect). mkdocstrings renders docstrings as Markdown, where those reST forms would show as raw
text; this rewrites them to the ``$$…$$`` and ``$…$`` that pymdownx.arithmatex typesets.
Only the text given to the renderer changes; the source and ``help()`` keep the numpydoc form.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from griffe import Extension, Object

ROLE = re.compile(r":math:`([^`]+)`")
# Sphinx cross-reference roles (:func:`f`, :class:`~dlnotes.x.C`) become inline code
XREF = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|obj|exc):`~?([^`]+)`")
DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*(?P<inline>\S.*)?$")


def numpydoc_math_to_markdown(text: str) -> str:
    """``.. math::`` blocks → ``$$`` blocks, ``:math:`` → ``$…$``, ``:func:`f``` → ```f```."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = DIRECTIVE.match(lines[i])
        if match is None:
            out.append(XREF.sub(r"`\1`", ROLE.sub(r"$\1$", lines[i])))
            i += 1
            continue
        indent = match["indent"]
        body = [match["inline"]] if match["inline"] else []
        i += 1
        # the block is every following line that is blank or indented deeper than the directive
        while i < len(lines) and (
            not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > len(indent)
        ):
            body.append(lines[i])
            i += 1
        math = textwrap.dedent("\n".join(body)).strip("\n")
        out.append(f"{indent}$$")
        out.extend(indent + line for line in math.splitlines())
        out.extend([f"{indent}$$", ""])
    return "\n".join(out)


class NumpydocMath(Extension):
    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = numpydoc_math_to_markdown(obj.docstring.value)
