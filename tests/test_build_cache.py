"""The build caches never show a stale output (tools/mkdocs_hooks.py, issue 15).

A small MkDocs project in a temporary folder, with a copy of src/dlnotes, one notebook and one
figure that both call the package and also print a fresh random token: a second build with
nothing changed reuses both outputs (the same token), and so does one after a change in a module
that neither uses; after a function of the copied package that they call changes, the next build
re-executes the notebook and redraws the figure (the new value, a new token).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")

NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": [
                "import secrets\n",
                "from dlnotes.data import make_moons  # noqa: F401\n",
                "from dlnotes.information import entropy\n",
                'print(f"H = {entropy([0.5, 0.5], base=2):.4f}", "token", secrets.token_hex(8))',
            ],
        }
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}

FIGURE = """
import secrets

import matplotlib.pyplot as plt

from dlnotes.data import make_moons  # noqa: F401  (a second import: each one counts)
from dlnotes.information import entropy


def make_figure():
    fig, ax = plt.subplots()
    ax.set_title(f"H = {entropy([0.5, 0.5], base=2):.4f} {secrets.token_hex(8)}")
    return fig
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src" / "dlnotes", tmp_path / "src" / "dlnotes")
    shutil.copy(ROOT / "constraints.txt", tmp_path / "constraints.txt")
    (tmp_path / "docs" / "figures").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text(
        "# Cache test\n\n![figure](figures/entropy.svg)\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "run.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (tmp_path / "docs" / "figures" / "entropy.py").write_text(FIGURE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: cache test\n"
        "exclude_docs: |\n  figures/*.py\n"
        f"hooks:\n  - {ROOT / 'tools' / 'mkdocs_hooks.py'}\n"
        "plugins:\n  - mkdocs-jupyter:\n      include: ['*.ipynb']\n      execute: true\n"
        "      allow_errors: false\n      cache: true\n",
        encoding="utf-8",
    )
    return tmp_path


def build(project: Path) -> tuple[str, str]:
    """Build the project; return the notebook page's output line and the figure's SVG."""
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "DLNOTES_EXECUTE_NOTEBOOKS": "true"}
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    html = (project / "site" / "run" / "index.html").read_text(encoding="utf-8")
    line = re.search(r"H = [0-9.]+ token [0-9a-f]{16}", html)
    assert line is not None, "the notebook's output is not on its page"
    svg = (project / "site" / "figures" / "entropy.svg").read_text(encoding="utf-8")
    return line.group(0), svg


def test_a_warm_build_reuses_outputs_and_a_package_change_reexecutes(project: Path) -> None:
    first_output, first_svg = build(project)
    assert first_output.startswith("H = 1.0000")

    second_output, second_svg = build(project)
    assert second_output == first_output, "nothing changed, yet the notebook was re-executed"
    assert second_svg == first_svg, "nothing changed, yet the figure was redrawn"

    schedules = project / "src" / "dlnotes" / "schedules.py"  # a module the notebook never uses
    schedules.write_text(schedules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(project) == (first_output, first_svg), "an unused module's change re-executed"

    information = project / "src" / "dlnotes" / "information.py"
    source = information.read_text(encoding="utf-8")
    head, entropy, tail = source.partition("\ndef entropy(")  # the public function's body
    changed = head + entropy + tail.replace("_entropy(p_arr, ax)", "2 * _entropy(p_arr, ax)", 1)
    assert changed != source, "the test's edit of entropy no longer applies"
    information.write_text(changed, encoding="utf-8")

    third_output, third_svg = build(project)
    assert third_output.startswith("H = 2.0000"), "a package change did not re-execute"
    assert third_output != first_output
    assert third_svg != first_svg, "a package change did not redraw the figure"
