"""Everything shown about an exercise, generated from its record: the chapter page's Exercises
section (``docs/exercises/<chapter>.md`` and ``.zh.md``), the notebook and the command line."""

from __future__ import annotations

import argparse
import difflib
import json
import posixpath
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dlnotes.exercises._engine import by_name, page_url
from dlnotes.exercises._model import Exercise, Text, tr

KERNEL_COMMAND = ".venv/bin/python -m ipykernel install --user --name dlnotes"
INSTALL = "python -m venv .venv && .venv/bin/pip install -e '.[notebook]'"


class Shown(str):
    """A str that prints as itself, and that Jupyter shows as Markdown (or as code)."""

    code: bool

    def __new__(cls, text: str, code: bool = False) -> Shown:
        shown = super().__new__(cls, text)
        shown.code = code
        return shown

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return f"```python\n{self}\n```" if self.code else str(self).replace("\n", "  \n")


def notebook_name(chapter: str) -> str:
    """The default file name of a chapter's notebook (never a folder named dlnotes)."""
    return f"dlnotes-{chapter}-exercises.ipynb"


# ------------------------------------------------------------------ rules, stated in the task


def rules(ex: Exercise) -> list[Text]:
    """The rules :func:`check` enforces for ``ex``, as stated under its task."""
    found = list(ex.rules)
    if ex.cases is None:
        return found
    cases = ex.cases()
    arrays = [a for c in cases for a in (*c.args, *c.kwargs.values()) if isinstance(a, np.ndarray)]
    first = ex.reference(*cases[0].args, **cases[0].kwargs)
    outputs = first if isinstance(first, tuple) else (first,)
    array_out = any(isinstance(o, np.ndarray) and o.ndim > 0 for o in outputs)
    scalar_out = any(  # a list of folds of unequal sizes is neither
        isinstance(o, int | float | np.number) or (isinstance(o, np.ndarray) and o.ndim == 0)
        for o in outputs
    )
    if any(a.dtype == np.float32 for a in arrays) and array_out:
        found.append(
            Text(
                "float32 in, float32 out: called with float32 arrays, every array it returns is "
                "float32. An array made inside as float64 (`np.zeros(n)` or `np.array([...])` "
                "without `dtype=`) promotes the result: pass `dtype=x.dtype`, or return "
                "`result.astype(x.dtype)`.",
                "float32 进，float32 出：输入是 float32 数组时，返回的每个数组都是 float32。函数里"
                "新建的 "
                "float64 数组（没有 `dtype=` 的 `np.zeros(n)` 或 `np.array([...])`）会把结果提升为 "
                "float64：传入 `dtype=x.dtype`，或返回 `result.astype(x.dtype)`。",
            )
        )
    if scalar_out:
        found.append(
            Text(
                "A number is returned as a Python float or a NumPy scalar: either is accepted.",
                "返回的数可以是 Python float，也可以是 NumPy 标量：两者都可以。",
            )
        )
    if arrays:
        found.append(
            Text(
                "Never modify an argument: compute new arrays (no `+=` on an input).",
                "不要修改参数：计算新的数组（不要对输入使用 `+=`）。",
            )
        )
    found.append(
        Text(
            "No NumPy warning (overflow, divide by zero, invalid value) on these inputs.",
            "对这些输入不能产生 NumPy 警告（溢出、除以零、无效值）。",
        )
    )
    return found


# ------------------------------------------------------------------ the page section

_PAGE = {
    "heading": Text("## Exercises", "## 练习 {#exercises}"),
    "intro": Text(
        "Write each function yourself from the notes, then run the line under it. The checker "
        "compares your function with the reference on inputs chosen to expose the chapter's "
        "mistakes, not only random ones, and shows the first input where yours differs, with "
        "the expected and the received values; when your function makes a known mistake, it "
        "names it and links the erratum or the section that explains it. `hint(name)` and "
        "`hint(name, 2)` help, `solution(name)` shows the reference (best read after an "
        "attempt), `progress()` lists what passes.",
        "根据笔记自己写出每个函数，然后运行下面那一行。检查器在专门挑选的输入上（能暴露本章常见错误"
        "，而不只是随机输入）"
        "把你的函数与参考实现对照，给出第一个出错的输入、应得的值和实际得到的值；如果是已知错误，它"
        "会说出错误的名字，"
        "并链接到解释它的勘误或章节。`hint(name, lang=\"zh\")` 和 `hint(name, 2, lang=\"zh\")` 给出"
        "提示，"
        "`solution(name)` 显示参考答案（最好在尝试之后再看），`progress()` 列出已通过的练习。",
    ),
    "download": Text(
        "[Download the notebook]({link}){{ download=\"{file}\" }} of these "
        "{n} exercises, or write it from the package with `python -m dlnotes.exercises {chapter} "
        "--notebook` (the README's Exercises section shows the whole route).",
        "[下载本章 {n} 道练习的笔记本]({link_zh}){{ download=\"{file}\" }}，或用"
        " "
        "`python -m dlnotes.exercises {chapter} --notebook --lang zh` 从软件包生成（完整步骤见 "
        "README 的"
        " Exercises 一节）。",
    ),
    "exercise": Text(
        "### Exercise {i}: {title} {{#exercise-{anchor}}}",
        "### 练习 {i}：{title} {{#exercise-{anchor}}}",
    ),
    "rules": Text("The checker's rules:", "检查器的规则："),
    "earlier": Text(
        "### Your `{name}` from the {chapter} exercises {{#earlier-{name}}}",
        "### 你在 {chapter} 练习中写的 `{name}` {{#earlier-{name}}}",
    ),
    "earlier_text": Text(
        "Paste your own `{name}` here, the one that passes `check(\"{name}\", {name})` in the "
        "[{chapter}]({chapter}.md#exercises) exercises: the check of the training loop finds it "
        "by this name.",
        "把你自己的 `{name}` 粘贴到这里，也就是在 [{chapter}]({chapter}.md#exercises) 练习中通过 "
        "`check(\"{name}\", {name}, lang=\"zh\")` 的那个：训练循环的检查按这个名字找到它。",
    ),
    "then": Text("Then check it:", "然后检查："),
    "hint": Text('??? tip "Hint {level}"', '??? tip "提示 {level}"'),
    "tested": Text("### These exercises are tested", "### 这些练习本身也经过测试"),
    "tested_text": Text(
        "The checker recognizes these mistakes by name. This section runs it with the test "
        "suite on the reference of each exercise (it passes) and on a function that makes "
        "each mistake (the verdict names that mistake), so neither the exercises nor their "
        "diagnoses can go stale.",
        "检查器能按名字认出下列错误。测试套件运行本节：每道练习的参考答案必须通过，每个已知错误的函"
        "数必须被点名，"
        "因此练习和诊断都不会过时。",
    ),
    "table": Text(
        '??? note "The mistakes the checker names, and the test"',
        '??? note "检查器能点名的错误，以及测试"',
    ),
    "columns": Text("| exercise | mistake (id) |", "| 练习 | 错误（编号） |"),
}


def including_page(chapter: str, docs: Path | None) -> str:
    """The docs page that includes ``docs/exercises/<chapter>.md`` (``<chapter>.md`` if none
    is found), relative to ``docs``: the section's links are relative to it."""
    if docs is not None and docs.is_dir():
        line = f'--8<-- "docs/exercises/{chapter}.md"'
        for page in sorted(docs.rglob("*.md")):
            if "exercises" not in page.relative_to(docs).parts[:1]:
                if line in page.read_text(encoding="utf-8"):
                    return page.relative_to(docs).as_posix()
    return f"{chapter}.md"


def _relative(link: str, page: str) -> str:
    """A docs-relative link as seen from ``page``."""
    target, _, anchor = link.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def _uses(chapter: str) -> tuple[str, ...]:
    """The exercises of earlier chapters a group builds on (the capstone's pieces)."""
    if chapter != "capstone":
        return ()
    from dlnotes.exercises.capstone import USES

    return USES


def _escape_cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def _md(text: str) -> str:
    """Plain text as Markdown: a ``*`` outside backticks is a literal star, not emphasis."""
    parts = text.split("`")
    return "`".join(p.replace("*", "\\*") if i % 2 == 0 else p for i, p in enumerate(parts))


def _para(text: str, lang: str, indent: str = "") -> str:
    """A paragraph as Markdown, wrapped at 100 columns in English."""
    text = _md(text)
    if lang == "zh":
        return indent + text
    return textwrap.fill(
        text, 100, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False,
        break_long_words=False,
    )


def markdown(chapter: str, lang: str = "en", docs: Path | None = None) -> str:
    """The chapter's Exercises section (``docs/exercises/<chapter>.md``) in ``lang``, its links
    relative to the page of ``docs`` that includes it."""
    from dlnotes.exercises import exercises

    chapter_exercises = exercises(chapter)
    page = including_page(chapter, docs)
    out = [
        _PAGE["heading"](lang),
        _para(_PAGE["intro"](lang), lang),
        _PAGE["download"](lang).format(
            chapter=chapter,
            file=notebook_name(chapter),
            n=len(chapter_exercises),
            link=_relative(f"exercises/{chapter}.ipynb", page),
            link_zh=_relative(f"exercises/{chapter}.zh.ipynb", page),
        ),
    ]
    for name in _uses(chapter):
        ex = by_name()[name]
        out.append(_PAGE["earlier"](lang).format(name=name, chapter=ex.chapter))
        text = _PAGE["earlier_text"](lang).format(name=name, chapter=ex.chapter)
        own = f"{ex.chapter}.md#exercises"
        target = including_page(ex.chapter, docs) + "#exercises"
        out.append(_para(text.replace(own, _relative(target, page)), lang))
        out.append(f"```python\n{ex.stub.rstrip()}\n```")
    for i, ex in enumerate(chapter_exercises, start=1):
        out.append(
            _PAGE["exercise"](lang).format(
                i=i, title=ex.text("title", lang), anchor=ex.name.replace("_", "-")
            )
        )
        out.append(_para(ex.text("task", lang), lang))
        items = [_para(r(lang), lang, "  ")[2:] for r in rules(ex)]
        out.append(_PAGE["rules"](lang) + "\n\n" + "\n".join(f"- {item}" for item in items))
        out.append(f"```python\n{ex.stub.rstrip()}\n```")
        out.append(_PAGE["then"](lang))
        out.append(
            "```python\nfrom dlnotes.exercises import check\n\n"
            f"print({_check_call(ex, lang)})\n```"
        )
        for level in range(1, len(ex.hints) + 1):
            text = _para(ex.hint_text(level, lang), lang, "    ")
            out.append(_PAGE["hint"](lang).format(level=level) + "\n\n" + text)
    out += [_PAGE["tested"](lang), _PAGE["tested_text"](lang)]
    rows = [_PAGE["columns"](lang), "| --- | --- |"]
    for ex in chapter_exercises:
        cells = "; ".join(
            f"[{_escape_cell(m.text('title', lang))}]({_relative(m.link, page)}) (`{m.id}`)"
            for m in ex.mistakes
        )
        rows.append(f"| `{ex.name}` | {cells} |")
    block = (
        "```python\n"
        "from dlnotes.exercises import check, exercises\n\n"
        f'chapter = exercises("{chapter}")\n'
        f"assert len(chapter) == {len(chapter_exercises)}\n"
        "for ex in chapter:\n"
        f'    result = check(ex.name, ex.reference{_lang_arg(lang)})\n'
        "    assert result.passed and result.mistake is None, result\n"
        "    for mistake in ex.mistakes:\n"
        f'        result = check(ex.name, mistake.fn{_lang_arg(lang)})\n'
        "        assert not result.passed and result.mistake == mistake.id, (mistake.id, result)\n"
        f'        assert mistake.text("title", "{lang}") in str(result)\n'
        "        assert repr(mistake.id) in str(result)\n"
        "```"
    )
    out.append(
        _PAGE["table"](lang) + "\n\n" + textwrap.indent("\n".join(rows) + "\n\n" + block, "    ")
    )
    return "\n\n".join(out) + "\n"


def _lang_arg(lang: str) -> str:
    return ', lang="zh"' if lang == "zh" else ""


def _check_call(ex: Exercise, lang: str) -> str:
    return ex.check_line if lang == "en" else ex.check_line[:-1] + ', lang="zh")'


# ------------------------------------------------------------------ the notebook

_IMPORT_CELL = '''\
try:
    from dlnotes.exercises import check, hint, progress, solution
except ModuleNotFoundError as error:
    import dlnotes  # a folder named dlnotes here (a clone?) is found instead of the package
    if getattr(dlnotes, "__file__", None) is None:
        raise ModuleNotFoundError(
            f"'dlnotes' here is the folder {list(dlnotes.__path__)[0]}, not the installed "
            "package: this kernel's Python has no dlnotes installed. Choose the kernel "
            "'dlnotes' (registered with the README's command), or move the notebook out of the "
            "folder that holds the clone."
        ) from error
    raise'''


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


def notebook(chapter: str, lang: str = "en", title: str | None = None) -> dict[str, Any]:
    """The exercise notebook of ``chapter`` as nbformat 4.5 JSON, not executed."""
    from dlnotes.exercises import exercises

    chapter_exercises = exercises(chapter)
    title = title or chapter.replace("-", " ").capitalize()
    zh = lang == "zh"
    intro = (
        f"# 练习：{title}\n\n写出每个函数，然后运行它下面的单元格：`check` 在能暴露本章常见错误的输"
        "入上把你的函数"
        "与参考实现对照，给出第一个出错的输入，并在是已知错误时说出它的名字。`hint(name, "
        "lang=\"zh\")` 给出提示，"
        "`solution(name)` 显示参考答案，`progress()` 列出已通过的练习。\n\n"
        f"检查器在 `dlnotes` 软件包中。在仓库的克隆目录中：\n\n    {INSTALL}\n    "
        f"{KERNEL_COMMAND}\n\n"
        "然后用名为 dlnotes 的内核打开本笔记本，先运行下一个单元格。"
        if zh
        else f"# Exercises: {title}\n\nThe exercises of the dlnotes chapter *{title}*. Write "
        "each function, then run the cell under it: `check` compares your function with the "
        "reference on inputs chosen to expose the chapter's mistakes, shows the first input "
        "where yours differs, and names the mistake when it is a known one. `hint(name)` and "
        "`hint(name, 2)` help, `solution(name)` shows the reference, `progress()` lists what "
        "passes.\n\nThe checker is in the `dlnotes` package. In a clone of the repository:\n\n"
        f"    {INSTALL}\n    {KERNEL_COMMAND}\n\nthen open this notebook with the kernel "
        "named dlnotes and run the next cell first."
    )
    cells = [_cell("markdown", "intro", intro), _cell("code", "import-dlnotes", _IMPORT_CELL)]
    heading = "练习" if zh else "Exercise"
    rules_head = _PAGE["rules"](lang)
    for name in _uses(chapter):
        ex = by_name()[name]
        text = _PAGE["earlier"](lang).format(name=name, chapter=ex.chapter).split(" {#")[0]
        text += "\n\n" + _PAGE["earlier_text"](lang).format(name=name, chapter=ex.chapter)
        link = f"{ex.chapter}.md#exercises"
        text = text.replace(link, page_url(link, lang))
        cells += [
            _cell("markdown", f"earlier-{name}-text"[:64], text),
            _cell("code", f"earlier-{name}"[:64], ex.stub),
        ]
    for number, ex in enumerate(chapter_exercises, start=1):
        stated = "\n".join(f"- {r(lang)}" for r in rules(ex))
        text = (
            f"## {heading} {number}{'：' if zh else ': '}{ex.text('title', lang)}\n\n"
            f"{ex.text('task', lang)}\n\n{rules_head}\n\n{stated}\n\n"
            f"Hints: `hint(\"{ex.name}\"{_lang_arg(lang)})`, "
            f"`hint(\"{ex.name}\", 2{_lang_arg(lang)})`"
        )
        cells += [
            _cell("markdown", f"{ex.name}-task"[:64], text),
            _cell("code", f"{ex.name}-stub"[:64], ex.stub),
            _cell("code", f"{ex.name}-check"[:64], _check_call(ex, lang)),
        ]
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "dlnotes", "language": "python", "name": "dlnotes"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(chapter: str, lang: str = "en", title: str | None = None) -> str:
    """:func:`notebook` serialized as nbformat writes it (one-space indent, UTF-8)."""
    return json.dumps(notebook(chapter, lang, title), indent=1, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ the command line


def text(chapter: str, lang: str = "en") -> str:
    """A chapter's exercises as the command line prints them."""
    from dlnotes.exercises import exercises

    zh = lang == "zh"
    out = []
    for i, ex in enumerate(exercises(chapter), start=1):
        rule = "=" * 72
        head = f"练习 {i}：" if zh else f"Exercise {i}: "
        out.append(f"{rule}\n{head}{ex.text('title', lang)} ({ex.name})\n{rule}\n")
        out.append(_fill(ex.text("task", lang), zh) + "\n")
        out.append(_PAGE["rules"](lang))
        out += [_fill("- " + r(lang), zh) for r in rules(ex)]
        out.append("\n" + ex.stub)
        out.append("from dlnotes.exercises import check\n")
        out.append(f"print({_check_call(ex, lang)})\n")
        hint_head = "提示 1：" if zh else "Hint 1: "
        out.append(_fill(hint_head + ex.hint_text(1, lang), zh))
        more = (
            f'（更多：hint("{ex.name}", 2, lang="zh")）' if zh else f'(more: hint("{ex.name}", 2))'
        )
        out.append(more + "\n")
    return "\n".join(out)


def _fill(s: str, zh: bool) -> str:
    return s if zh else textwrap.fill(s, 88)


def _parser() -> argparse.ArgumentParser:
    from dlnotes.exercises import GROUPS

    parser = argparse.ArgumentParser(
        prog="python -m dlnotes.exercises",
        description="Print a chapter's exercises (task, rules, stub, check line, first hint), or "
        "write them as a Jupyter notebook.",
        epilog="chapters: " + ", ".join(GROUPS) + ". Register this environment as a Jupyter "
        f"kernel once with: {KERNEL_COMMAND}",
    )
    parser.add_argument("chapter", nargs="?", help="a chapter, e.g. optimizers")
    parser.add_argument(
        "--notebook",
        nargs="?",
        const="",
        metavar="PATH",
        help="write the chapter's notebook to PATH (default: ./dlnotes-CHAPTER-exercises.ipynb)",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language (default en)")
    parser.add_argument(
        "--markdown", action="store_true", help="print the chapter page's Exercises section"
    )
    parser.add_argument(
        "--write-pages",
        action="store_true",
        help="(maintainers) regenerate docs/exercises/*.md from the package, in a clone",
    )
    return parser


def page_path(docs: Path, chapter: str, lang: str) -> Path:
    return docs / "exercises" / f"{chapter}{'.zh' if lang == 'zh' else ''}.md"


def write_pages(docs: Path) -> list[Path]:
    """Write every chapter's Exercises section (both languages) under ``docs/exercises``."""
    from dlnotes.exercises import GROUPS

    written = []
    for chapter in GROUPS:
        for lang in ("en", "zh"):
            path = page_path(docs, chapter, lang)
            path.write_text(markdown(chapter, lang, docs), encoding="utf-8")
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dlnotes.exercises CHAPTER [--notebook [PATH]] [--lang zh] [--markdown]``."""
    from dlnotes.exercises import GROUPS

    parser = _parser()
    args = parser.parse_args(argv)
    if args.write_pages:
        docs = Path.cwd() / "docs"
        if not (docs / "exercises").is_dir():
            parser.error("--write-pages runs in a clone of the repository (no docs/exercises here)")
        for path in write_pages(docs):
            print(path.relative_to(Path.cwd()))
        return 0
    if args.chapter is None:
        parser.error("a chapter is needed; chapters: " + ", ".join(GROUPS))
    if args.chapter not in GROUPS:
        key = args.chapter.lower().replace("_", "-")
        close = difflib.get_close_matches(key, GROUPS, n=1, cutoff=0.5)
        also = f" Did you mean {close[0]!r}?" if close else ""
        parser.error(
            f"no chapter {args.chapter!r}.{also} Chapters: " + ", ".join(GROUPS)
        )
    if args.notebook is not None:
        path = Path(args.notebook or notebook_name(args.chapter))
        if path.is_dir():
            path = path / notebook_name(args.chapter)
        if path.suffix != ".ipynb":
            parser.error(f"the notebook's file name must end in .ipynb (got {str(path)!r})")
        if path.parent.name == "dlnotes" or path.stem == "dlnotes":
            parser.error("do not write the notebook into a folder named dlnotes: it would "
                         "shadow the package; choose another folder")
        path.write_text(notebook_text(args.chapter, args.lang), encoding="utf-8")
        print(f"wrote {path}" if args.lang == "en" else f"已写入 {path}")
        return 0
    if args.markdown:
        sys.stdout.write(markdown(args.chapter, args.lang, Path.cwd() / "docs"))
        return 0
    sys.stdout.write(text(args.chapter, args.lang))
    return 0


__all__ = ["Shown", "main", "markdown", "notebook", "notebook_text", "page_url", "tr"]
