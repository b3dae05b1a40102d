"""Exercises with a checker that says exactly what is wrong and names the notes' own mistakes.

Each exercise asks the learner to write one function of a chapter (the stub gives the
signature). :func:`check` runs the learner's function and the exercise's reference on inputs
chosen to expose the chapter's mistakes (zeros in a distribution, :math:`|z| = 10^3`, t = 1 for
bias correction, gradients so small that ε matters, an odd number of examples, float32,
keep_prob ≠ 0.5), checks the type, shape and dtype of what comes back and that no argument was
modified, and turns any exception or NumPy warning into a verdict. When the function is wrong it
tries each known mistake of the exercise (a small function that makes exactly that mistake) and,
when one matches, names it and links the erratum or section of the site that explains it.
Random functions (dropout, initialization, sampling) are judged by their properties, not by one
draw. :func:`hint`, :func:`solution` and :func:`progress` help along the way; every verdict,
task and hint exists in English and in Chinese (``lang="zh"``).

``python -m dlnotes.exercises CHAPTER`` prints a chapter's exercises, ``--notebook [PATH]``
writes them as a Jupyter notebook, ``--markdown`` as the chapter page's Exercises section.

How the package is laid out, and how to add an exercise
--------------------------------------------------------
``_engine.py`` runs and judges (``check``, ``Result``, the verdict), ``_model.py`` holds the data
model (``Exercise``, ``Mistake``, ``Case``), ``_render.py`` writes the page section, the
notebook and the command-line text, and each chapter has one module (``optimizers.py``,
``batch_norm.py``, …; ``capstone.py`` for the capstone). To add an exercise, edit only the
chapter's module, in one place:

1. Write the reference solution ``_ref_<name>`` with the learner's signature: plain NumPy, type
   annotations, and a docstring that states the formula and the shapes (it becomes the stub's
   docstring).
2. Write ``_cases_<name>()``, returning the inputs as :class:`Case` records (a label, the
   positional and the keyword arguments); include inputs that expose each mistake and a float32
   case. A random function gets a ``judge`` instead, with its ``rules`` stated.
3. Register it: ``NAME = exercise(name=..., chapter=CHAPTER, title=..., title_zh=...,
   task=..., task_zh=..., hints=(level 1, level 2), hints_zh=(...), reference=_ref_<name>,
   against="dlnotes.<module>.<function>", cases=_cases_<name>)``. The rules the checker
   enforces (float32 in, float32 out; arguments not modified; no NumPy warning) are added to
   the task when the page is generated.
4. Right under it, one function per known mistake, decorated with
   ``@NAME.known_mistake("id", title=..., title_zh=..., explanation=..., explanation_zh=...,
   link=erratum("<chapter>", N))`` (or a section link such as ``"optimizers.md#adam"``).
5. Regenerate the chapter's section: ``python -m dlnotes.exercises --write-pages`` (writes
   ``docs/exercises/<chapter>.md`` and ``.zh.md``; tests/test_exercise_pages.py fails while a
   committed file differs from what the generator writes). The tests in
   tests/test_exercises.py then run the reference (it must pass) and every mistake (each must
   be named); add an alternative correct solution there.

A new chapter module is imported below and its stem added to :data:`CHAPTERS`.
"""

from __future__ import annotations

from typing import Any

from dlnotes._validation import check_int
from dlnotes.exercises import (  # noqa: F401  (each module registers its exercises)
    activations,
    batch_norm,
    capstone,
    fitting,
    gradient_checking,
    hyperparameters,
    information_theory,
    initialization,
    ml_strategy,
    neural_networks,
    optimizers,
    regularization,
    risk_and_losses,
    schedules,
)
from dlnotes.exercises._engine import PROGRESS, SITE_URL, Result, check_lang, find, run_check
from dlnotes.exercises._model import REGISTRY, Case, Exercise, Mistake, solution_source
from dlnotes.exercises._render import Shown, main

__all__ = [
    "CHAPTERS",
    "GROUPS",
    "SITE_URL",
    "Case",
    "Exercise",
    "Mistake",
    "Result",
    "check",
    "exercises",
    "hint",
    "main",
    "progress",
    "solution",
]

CHAPTERS = (
    "information-theory",
    "risk-and-losses",
    "neural-networks",
    "activations",
    "initialization",
    "optimizers",
    "schedules",
    "regularization",
    "fitting",
    "batch-norm",
    "gradient-checking",
    "hyperparameters",
    "ml-strategy",
)
GROUPS = (*CHAPTERS, "capstone")  # the chapters, then the capstone (docs/capstone.md)


def check(name: str, fn: Any, lang: str = "en") -> Result:
    r"""Check a learner's function against the exercise ``name`` and say what is wrong.

    Parameters
    ----------
    name : str
        The exercise, e.g. ``"entropy"`` or ``"adam_step"`` (see :func:`exercises`).
    fn : callable
        The learner's function, with the signature of the exercise's stub. For the capstone
        (``"capstone"``), the learner's training function: the pieces it calls are found by
        name among its globals.
    lang : {"en", "zh"}
        The language of the verdict.

    Returns
    -------
    Result
        ``passed`` (bool), ``mistake`` (the id of a recognized known mistake, or None) and the
        verdict, ``str(result)``: what was checked, the first input where ``fn`` differs, what
        was expected and what came back, and for a recognized mistake its name and the full URL
        of the erratum or section of the site it matches. An exception (with the learner's file
        and line), a NumPy warning, a wrong type, shape or dtype and a modified argument are
        verdicts too, never a traceback. In Jupyter a bare ``check(...)`` shows the verdict.

    Raises
    ------
    TypeError
        If ``name`` or ``lang`` is not a str or ``fn`` is not callable.
    ValueError
        If there is no exercise called ``name`` or ``lang`` is not "en" or "zh".

    Notes
    -----
    A compared exercise runs ``fn`` and the reference on the same inputs, chosen to expose the
    chapter's mistakes; values agree to a relative tolerance of 1e-6 (1e-4 for float32). An
    array result must be float32 for float32 inputs, unless only a NumPy float64 scalar made it
    float64 (``np.power(beta1, t)``: NumPy 2 promotes, 1.26 does not); a scalar result may be
    any real number (a Python float and a NumPy scalar alike). A random exercise (dropout,
    initialization, sampling) is judged by properties of large draws. When ``fn`` fails, each
    known mistake of the exercise is tried: it matches when ``fn`` gives the mistake's results
    on every input. The result is recorded for :func:`progress` (in memory only).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.exercises import check
    >>> def entropy(p):
    ...     nz = p[p > 0]
    ...     return -np.sum(nz * np.log(nz))
    >>> result = check("entropy", entropy)
    >>> print(result.passed, result.mistake)
    True None
    >>> def entropy_in_bits(p):
    ...     nz = p[p > 0]
    ...     return -np.sum(nz * np.log2(nz))
    >>> result = check("entropy", entropy_in_bits)
    >>> print(result.passed, result.mistake)
    False bits
    >>> print(str(result).splitlines()[0])
    entropy: not passed. This is a known mistake: entropy in bits instead of nats.
    >>> print(check("entropy", entropy_in_bits, lang="zh").verdict.splitlines()[0])
    entropy：未通过。这是一个已知错误：用了比特（以 2 为底）而不是奈特。
    """
    return run_check(name, fn, lang)


def exercises(chapter: str | None = None) -> list[Exercise]:
    r"""The exercises, all of them or those of one chapter (or the capstone), in page order.

    Parameters
    ----------
    chapter : str, optional
        A chapter page stem: one of :data:`CHAPTERS` (``"information-theory"``,
        ``"optimizers"``, …) or ``"capstone"``. None (default) lists every exercise.

    Returns
    -------
    list of Exercise
        Each with ``name``, ``chapter``, ``title``, ``task``, ``hints``, ``stub``,
        ``check_line``, ``reference`` and ``mistakes`` (each a :class:`Mistake` with ``id``,
        ``title``, ``explanation``, ``link`` and the function ``fn`` that makes it), and the
        Chinese ``title_zh``, ``task_zh``, ``hints_zh``.

    Raises
    ------
    TypeError
        If ``chapter`` is neither None nor a str.
    ValueError
        If ``chapter`` is not a chapter with exercises (the message suggests close matches).

    Examples
    --------
    >>> from dlnotes.exercises import check, exercises
    >>> print([ex.name for ex in exercises("information-theory")])
    ['entropy', 'kl_divergence']
    >>> ex = exercises("optimizers")[2]
    >>> print(ex.check_line)
    check("adam_step", adam_step)
    >>> print([m.id for m in ex.mistakes][:4])
    ['no_eps', 'beta1_for_v', 'eps_inside', 'no_bias_correction']
    >>> print(check(ex.name, ex.mistake("beta1_for_v").fn).mistake)
    beta1_for_v
    """
    in_order = sorted(REGISTRY, key=lambda ex: GROUPS.index(ex.chapter))  # stable: page order
    if chapter is None:
        return in_order
    return [ex for ex in in_order if ex.chapter == _group(chapter)]


def _group(chapter: object) -> str:
    import difflib

    if not isinstance(chapter, str):
        raise TypeError(f"chapter must be a str or None (got {type(chapter).__name__})")
    if chapter not in GROUPS:
        close = difflib.get_close_matches(chapter.lower().replace("_", "-"), GROUPS, n=1)
        also = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"chapter must be one of {', '.join(GROUPS)} (got {chapter!r}){also}")
    return chapter


def hint(name: str, level: int = 1, lang: str = "en") -> Shown:
    r"""Hint number ``level`` of the exercise ``name``: level 1 points the way, level 2 says more.

    Parameters
    ----------
    name : str
        The exercise.
    level : int
        1 (default) up to the number of hints (at least 2).
    lang : {"en", "zh"}
        The language of the hint.

    Returns
    -------
    Shown
        The hint: a str that Jupyter shows as Markdown.

    Raises
    ------
    TypeError
        If ``level`` is not an int.
    ValueError
        If ``name`` is not an exercise or ``level`` is out of range.

    Examples
    --------
    >>> from dlnotes.exercises import hint
    >>> print(hint("adam_step", 2).splitlines()[0])
    Hint 2 of 2 (adam_step):
    """
    ex = find(name)
    lang = check_lang(lang)
    level = check_int(level, "level", low=1, high=len(ex.hints))
    head = (
        f"提示 {level}/{len(ex.hints)}（{ex.name}）："
        if lang == "zh"
        else f"Hint {level} of {len(ex.hints)} ({ex.name}):"
    )
    more = ""
    if level < len(ex.hints):
        more = (
            f"\n\n还需要更多？hint({name!r}, {level + 1}, lang=\"zh\")"
            if lang == "zh"
            else f"\n\nMore: hint({name!r}, {level + 1})"
        )
    return Shown(f"{head}\n{ex.hint_text(level, lang)}{more}")


def solution(name: str, lang: str = "en") -> Shown:
    r"""The reference solution of the exercise ``name``, as the page shows it.

    Best read after an attempt: the first line says so.

    Parameters
    ----------
    name : str
        The exercise.
    lang : {"en", "zh"}
        The language of the first line.

    Returns
    -------
    Shown
        The source of the reference under the exercise's name (Jupyter shows it as code).

    Examples
    --------
    >>> from dlnotes.exercises import solution
    >>> text = solution("entropy")
    >>> print(text.splitlines()[0])
    # The reference solution of entropy: best read after your own attempt (check it first).
    >>> print("def entropy(p: np.ndarray)" in text)
    True
    """
    ex = find(name)
    lang = check_lang(lang)
    first = (
        f"# {ex.name} 的参考答案：最好在自己尝试（并检查）之后再读。"
        if lang == "zh"
        else f"# The reference solution of {ex.name}: best read after your own attempt "
        "(check it first)."
    )
    return Shown(f"{first}\n{solution_source(ex)}", code=True)


def progress(chapter: str | None = None, lang: str = "en") -> Shown:
    r"""Which exercises pass, by the checks run in this process (kept in memory only).

    Parameters
    ----------
    chapter : str, optional
        One chapter (or ``"capstone"``); None (default) every chapter.
    lang : {"en", "zh"}
        The language of the table.

    Returns
    -------
    Shown
        One line per exercise: passed, not passed yet, or not checked yet. Nothing is written
        to disk.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.exercises import check, progress
    >>> _ = check("kl_divergence", lambda p, q: np.sum(p * np.log(p / q)))
    >>> print(progress("information-theory").splitlines()[-1])
      ✗ kl_divergence: not passed yet
    """
    lang = check_lang(lang)
    groups = GROUPS if chapter is None else (_group(chapter),)
    zh = lang == "zh"
    head = "进度（本次会话中运行的检查）：" if zh else "Progress (the checks run in this session):"
    lines = [head]
    for group in groups:
        chapter_exercises = exercises(group)
        done = sum(PROGRESS.get(ex.name, False) for ex in chapter_exercises)
        lines.append(
            f"{group}：{len(chapter_exercises)} 题中通过 {done} 题"
            if zh
            else f"{group}: {done} of {len(chapter_exercises)} passed"
        )
        if chapter is None and not any(ex.name in PROGRESS for ex in chapter_exercises):
            continue
        for ex in chapter_exercises:
            state = PROGRESS.get(ex.name)
            if state is None:
                mark, words = "·", "尚未检查" if zh else "not checked yet"
            elif state:
                mark, words = "✓", "通过" if zh else "passed"
            else:
                mark, words = "✗", "尚未通过" if zh else "not passed yet"
            lines.append(f"  {mark} {ex.name}: {words}")
    return Shown("\n".join(lines))
