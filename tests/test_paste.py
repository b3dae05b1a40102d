"""The paste check: what a page shows of the package runs when a reader pastes it.

For every page under docs/, the package code the page includes (its ``--8<--`` snippets of
``src/dlnotes/*.py``, in page order, collapsed "Uses" blocks included) is written after
``import numpy as np`` alone to a fresh file and run in a subprocess in which ``import dlnotes``
fails. There, every function and class the page shows must have a docstring example of its own,
and that example must pass against the pasted definitions (``from dlnotes… import`` lines are
dropped first, so the names resolve to the paste). Undefined global names are reported with the
page and the region they occur in. This is what a practitioner who copies the code gets.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPET = re.compile(
    r'^[ \t]*-{1,}8<-{1,}[ \t]*"(?P<file>src/dlnotes/[^":]+\.py)(?::(?P<name>[^"]+))?"[ \t]*$',
    re.MULTILINE,
)
MARKER = re.compile(
    r"-{1,}8<-{1,}[ \t]*\[[ \t]*(?P<kind>start|end)[ \t]*:[ \t]*(?P<name>[\w-]+)[ \t]*\]"
)


def region_source(file: str, name: str | None) -> str:
    """The text pymdownx.snippets includes for ``file:name`` (nested markers left out)."""
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    if name is None:
        return "\n".join(line for line in lines if not MARKER.search(line))
    kept: list[str] = []
    inside = False
    found = False
    for line in lines:
        marker = MARKER.search(line)
        if marker and marker["name"] == name:
            inside = marker["kind"] == "start"
            found = found or inside
            continue
        if inside and not marker:
            kept.append(line)
    if not found:  # reported by the test, not at collection (the build fails on it too)
        return f"raise LookupError({f'{file} has no snippet region {name!r}'!r})"
    return textwrap.dedent("\n".join(kept))


def page_regions(page: Path) -> list[tuple[str, str]]:
    """(label, source) of each package region the page includes, in page order, once each."""
    seen: set[str] = set()
    regions = []
    for match in SNIPPET.finditer(page.read_text(encoding="utf-8")):
        label = match["file"] + (f":{match['name']}" if match["name"] else "")
        if label not in seen:
            seen.add(label)
            regions.append((label, region_source(match["file"], match["name"])))
    return regions


def pages_with_code() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if SNIPPET.search(p.read_text(encoding="utf-8"))]


# Runs in the subprocess: executes the paste as a module, finds undefined globals, runs examples.
RUNNER = r'''
import builtins, dis, doctest, io, json, re, sys, types, ast, contextlib
sys.modules["dlnotes"] = None  # import dlnotes raises ImportError: the paste stands alone
sys.path = [p for p in sys.path if p and "dlnotes" not in p and not p.endswith("/src")]
path, spans = sys.argv[1], json.loads(sys.argv[2])
source = open(path, encoding="utf-8").read()
failures = []

def region_of(line):
    for label, first, last in spans:
        if first <= line <= last:
            return label
    return "the page's paste"

module = types.ModuleType("pasted")
module.__file__ = path
sys.modules["pasted"] = module
try:
    exec(compile(source, path, "exec"), module.__dict__)
except BaseException as err:
    tb = err.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    failures.append(f"{region_of(line)}: running the paste raised {type(err).__name__}: {err}")
    print(json.dumps(failures))
    sys.exit(0)

def code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from code_objects(const)

# a class body reads these implicitly (annotated fields read __annotations__)
known = set(module.__dict__) | set(dir(builtins)) | {"__annotations__", "__module__",
                                                      "__qualname__", "__class__"}
for code in code_objects(compile(source, path, "exec")):
    if code.co_name == "<module>":
        continue
    stored = {i.argval for i in dis.get_instructions(code) if i.opname == "STORE_NAME"}
    for ins in dis.get_instructions(code):
        name = ins.argval
        if ins.opname == "LOAD_GLOBAL" or (ins.opname == "LOAD_NAME" and name not in stored):
            if name not in known:
                line = ins.positions.lineno if ins.positions and ins.positions.lineno else \
                    code.co_firstlineno
                failures.append(f"{region_of(line)}: undefined name {name!r} (in {code.co_name})")

DROP = re.compile(r"^\s*(from\s+dlnotes[\w.]*\s+import\s|import\s+dlnotes\b)")
def drop_dlnotes_imports(doc):
    out, skipping = [], False
    for line in doc.splitlines():
        stripped = line.strip()
        if skipping:
            if stripped.startswith("..."):
                skipping = ")" not in stripped
                continue
            skipping = False
        if stripped.startswith(">>>") and DROP.match(stripped[3:]):
            skipping = "(" in stripped and ")" not in stripped
            continue
        out.append(line)
    return "\n".join(out)

tree = ast.parse(source)
runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
parser = doctest.DocTestParser()
for node in tree.body:
    if not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
        continue
    label = region_of(node.lineno)
    doc = ast.get_docstring(node)
    if not doc or ">>>" not in doc:
        failures.append(f"{label}: {node.name} has no docstring example of its own")
        continue
    docs = [(node.name, doc)]
    if isinstance(node, ast.ClassDef):
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                method_doc = ast.get_docstring(item)
                if method_doc and ">>>" in method_doc:
                    docs.append((f"{node.name}.{item.name}", method_doc))
    for name, text in docs:
        test = parser.get_doctest(drop_dlnotes_imports(text), dict(module.__dict__), name, path,
                                  node.lineno)
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            result = runner.run(test, out=report.write, clear_globs=True)
        if result.failed:
            failures.append(f"{label}: the example of {name} fails on the paste:\n"
                            + "".join("    " + l for l in report.getvalue().splitlines(True)))
print(json.dumps(failures))
'''


def paste(page: Path) -> tuple[str, list[tuple[str, int, int]]]:
    """The pasted file's text and the (label, first line, last line) span of each region."""
    text = "import numpy as np\n"
    spans = []
    for label, source in page_regions(page):
        text += "\n\n"
        first = text.count("\n") + 1
        text += source.rstrip() + "\n"
        spans.append((label, first, text.count("\n")))
    return text, spans


@pytest.mark.parametrize("page", pages_with_code(), ids=lambda p: str(p.relative_to(DOCS)))
def test_what_the_page_shows_runs_when_pasted(page: Path, tmp_path: Path) -> None:
    text, spans = paste(page)
    pasted = tmp_path / f"{page.stem}_pasted.py"
    pasted.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER, str(pasted), json.dumps(spans)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
    )
    assert proc.returncode == 0, f"{page.name}: the paste runner failed:\n{proc.stderr}"
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not failures, f"{page.relative_to(ROOT)} ({pasted}):\n" + "\n".join(failures)


def test_the_runner_reports_an_undefined_name_and_a_missing_example(tmp_path: Path) -> None:
    """The check can fail: a paste with an undefined name and an undocumented function."""
    pasted = tmp_path / "bad.py"
    pasted.write_text(
        "import numpy as np\n\n"
        "def uses_helper(x):\n    \"\"\"Doubles.\n\n    >>> uses_helper(1)\n    2\n    \"\"\"\n"
        "    return helper(x)\n\n"
        "def no_example(x):\n    \"\"\"No example here.\"\"\"\n    return x\n",
        encoding="utf-8",
    )
    spans = [("src/dlnotes/x.py:uses_helper", 3, 9), ("src/dlnotes/x.py:no_example", 11, 13)]
    proc = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER, str(pasted), json.dumps(spans)],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    joined = "\n".join(failures)
    assert "src/dlnotes/x.py:uses_helper: undefined name 'helper'" in joined
    assert "no_example has no docstring example" in joined
    assert "the example of uses_helper fails" in joined


def test_the_paste_cannot_import_dlnotes(tmp_path: Path) -> None:
    pasted = tmp_path / "imports.py"
    pasted.write_text(
        "import numpy as np\nfrom dlnotes.information import entropy\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER, str(pasted), json.dumps([("r", 1, 2)])],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
    )
    failures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(failures) == 1
    assert "ImportError" in failures[0] or "ModuleNotFoundError" in failures[0]
