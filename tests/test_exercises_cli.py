"""The learner's route from the package alone: ``python -m dlnotes.exercises`` prints a chapter,
writes its notebook, speaks Chinese and suggests a close chapter name; the written notebook runs
in a Jupyter kernel (nbclient) as downloaded and with the reference solutions filled in; a
folder named dlnotes that shadows the package is named in the error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from dlnotes.exercises import exercises, main
from dlnotes.exercises._engine import by_name
from dlnotes.exercises._model import solution_source
from dlnotes.exercises._render import KERNEL_COMMAND, notebook, notebook_name

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dlnotes.exercises", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_help_exits_0_and_names_the_chapters_and_the_kernel_command() -> None:
    proc = run("--help")
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())
    assert "--notebook [PATH]" in out and "--lang {en,zh}" in out
    assert "ml-strategy, capstone" in out
    assert " ".join(KERNEL_COMMAND.split()) in out


def test_the_cli_prints_a_chapter() -> None:
    proc = run("optimizers")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "def adam_step(" in out and 'check("adam_step", adam_step)' in out
    assert "def momentum_step(" in out and "raise NotImplementedError" in out
    assert "float32 in, float32 out" in out and 'hint("adam_step", 2)' in out


@pytest.mark.parametrize(
    ("wrong", "suggestion"), [("Optimizers", "optimizers"), ("batch_norm", "batch-norm")]
)
def test_a_wrong_chapter_gets_a_close_match(wrong: str, suggestion: str) -> None:
    proc = run(wrong)
    assert proc.returncode == 2
    assert f"no chapter {wrong!r}. Did you mean {suggestion!r}?" in proc.stderr
    assert "Chapters: information-theory" in proc.stderr


def test_no_chapter_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "a chapter is needed" in capsys.readouterr().err


def test_the_cli_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedules", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "练习 1：1/(1 + decay·epoch) 衰减 (inverse_time_decay)" in out
    assert "检查器的规则：" in out
    assert 'check("cosine_annealing", cosine_annealing, lang="zh")' in out
    assert "提示 1：" in out


def test_markdown_prints_the_page_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedules", "--markdown"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs/exercises/schedules.md").read_text("utf-8")


def test_notebook_writes_the_default_file_in_the_current_folder(tmp_path: Path) -> None:
    proc = run("optimizers", "--notebook", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / notebook_name("optimizers")
    assert path.name == "dlnotes-optimizers-exercises.ipynb"
    assert proc.stdout.strip() == f"wrote {path.name}"
    nbformat.validate(nbformat.read(path, as_version=4))


def test_notebook_writes_a_given_path_or_into_a_given_folder(tmp_path: Path) -> None:
    target = tmp_path / "mine.ipynb"
    assert main(["activations", "--notebook", str(target), "--lang", "zh"]) == 0
    nb = json.loads(target.read_text(encoding="utf-8"))
    assert nb["cells"][0]["source"][0].startswith("# 练习：")
    assert main(["activations", "--notebook", str(tmp_path)]) == 0
    assert (tmp_path / notebook_name("activations")).is_file()


def test_notebook_is_never_written_into_a_folder_named_dlnotes(tmp_path: Path) -> None:
    (tmp_path / "dlnotes").mkdir()
    proc = run("optimizers", "--notebook", "dlnotes/x.ipynb", cwd=tmp_path)
    assert proc.returncode == 2 and "shadow the package" in proc.stderr
    proc = run("optimizers", "--notebook", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "must end in .ipynb" in proc.stderr
    assert not list((tmp_path / "dlnotes").iterdir())


def test_a_shadowing_dlnotes_folder_is_named_in_the_error(tmp_path: Path) -> None:
    """A clone named dlnotes next to the notebook, and a kernel without the package installed
    (python -S: no site-packages): the import cell says what is wrong."""
    (tmp_path / "dlnotes" / "src").mkdir(parents=True)
    cell = notebook("optimizers")["cells"][1]["source"]
    proc = subprocess.run(
        [sys.executable, "-S", "-c", "".join(cell)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 1
    assert "'dlnotes' here is the folder" in proc.stderr
    assert "this kernel's Python has no dlnotes installed" in proc.stderr


def _execute(nb: Any, path: Path) -> Any:
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path)}}
    )
    client.execute()
    return nb


def _outputs(nb: Any) -> dict[str, str]:
    """The text/plain output of each check cell, by cell id."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.id.endswith("-check"):
            texts = [
                o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs
            ]
            found[cell.id] = "".join(texts)
    return found


def _notebook(*chapters: str) -> Any:
    cells = []
    for i, chapter in enumerate(chapters):
        cells += notebook(chapter)["cells"][(0 if i == 0 else 2) :]
    nb = notebook(chapters[0])
    nb["cells"] = cells
    return nbformat.reads(json.dumps(nb), as_version=4)  # sources joined, as a file is read


def test_the_notebook_as_downloaded_runs_and_every_check_says_not_written(tmp_path: Path) -> None:
    nb = _execute(_notebook("optimizers", "capstone"), tmp_path)
    outputs = _outputs(nb)
    assert len(outputs) == len(exercises("optimizers")) + len(exercises("capstone"))
    for cell_id, text in outputs.items():
        assert "not passed" in text and "NotImplementedError" in text, (cell_id, text)


def test_the_notebook_with_the_references_filled_in_passes_every_check(tmp_path: Path) -> None:
    nb = _notebook("optimizers", "capstone")
    named = by_name()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.id.endswith("-stub"):
            name = cell.id.removesuffix("-stub")
        elif cell.id.startswith("earlier-"):
            name = cell.id.removeprefix("earlier-")
        else:
            continue
        cell.source = "import numpy as np\n\n" + solution_source(named[name])
    nb.cells.append(nbformat.v4.new_code_cell("print(progress('optimizers'))"))
    nb = _execute(nb, tmp_path)
    outputs = _outputs(nb)
    for cell_id, text in outputs.items():
        assert ": passed." in text, (cell_id, text)
    assert "optimizers: 4 of 4 passed" in nb.cells[-1].outputs[0]["text"]
    markdown = [
        o["data"]["text/markdown"]
        for cell in nb.cells
        if cell.cell_type == "code" and cell.id.endswith("-check")
        for o in cell.outputs
        if "data" in o
    ]
    assert markdown and all(m.startswith("**") for m in markdown)  # a bare check() renders
