"""The exercise data model: an :class:`Exercise` and its known :class:`Mistake` records.

A chapter module creates each exercise with :func:`exercise` (which registers it) and puts its
known mistakes right under it with the :meth:`Exercise.known_mistake` decorator. Everything a
page, a notebook or the command line shows is generated from these records.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import numpy as np

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


@dataclass(frozen=True)
class Text:
    """A text in English and in Chinese; ``text(lang)`` picks one."""

    en: str
    zh: str

    def __call__(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


def tr(text: str | Text, lang: str) -> str:
    """``text`` in ``lang`` (a plain str is the same in both languages)."""
    return text(lang) if isinstance(text, Text) else text


class Case(NamedTuple):
    """One input of a compared exercise: a description, the positional and keyword arguments."""

    label: str | Text
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Mistake:
    """A known mistake of an exercise: a function that makes exactly that mistake.

    ``id`` is what :attr:`Result.mistake` holds when the learner's function behaves like ``fn``
    (or like one of ``variants``, each a label such as ``"log(p + 1e-12)"`` and its function);
    ``link`` is the docs-relative target (``errata/optimizers.md#erratum-16``) of the erratum or
    section that explains it, shown in a verdict as a full URL of the site.
    """

    id: str
    title: str
    explanation: str
    link: str
    fn: Callable[..., Any]
    title_zh: str = ""
    explanation_zh: str = ""
    variants: tuple[tuple[str, Callable[..., Any]], ...] = ()

    def text(self, what: Literal["title", "explanation"], lang: str = "en") -> str:
        """The title or explanation in ``lang`` (English when no Chinese text is given)."""
        zh = self.title_zh if what == "title" else self.explanation_zh
        return zh if lang == "zh" and zh else getattr(self, what)


@dataclass(eq=False)
class Exercise:
    """One exercise, defined in one place: what a page needs to show it and :func:`check` to
    judge it.

    ``task`` and ``hints`` (level 1, 2, …) are in the notes' terms, with their Chinese
    ``task_zh`` and ``hints_zh``; ``reference`` is the solution (its signature and docstring
    make the learner's :attr:`stub`); ``against`` names the package function it agrees with;
    ``cases`` builds the inputs of a compared exercise, a random exercise has a ``judge``
    instead (which tests properties) and states its ``rules``; ``mistakes`` are added by
    :meth:`known_mistake` right under the exercise.
    """

    name: str
    chapter: str
    title: str
    title_zh: str
    task: str
    task_zh: str
    hints: tuple[str, ...]
    hints_zh: tuple[str, ...]
    reference: Callable[..., Any]
    against: str
    cases: Callable[[], list[Case]] | None = None
    judge: Callable[..., Any] | None = None
    outputs: tuple[str, ...] = ()
    rules: tuple[Text, ...] = ()
    rtol: float = 1e-6
    atol: float = 1e-9
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def hint(self) -> str:
        """The first hint (English)."""
        return self.hints[0]

    @property
    def stub(self) -> str:
        """The learner's starting code: imports, signature, docstring, NotImplementedError."""
        return stub(self)

    @property
    def check_line(self) -> str:
        """The line that checks the learner's function, e.g. ``check("entropy", entropy)``."""
        return f'check("{self.name}", {self.name})'

    def text(self, what: Literal["title", "task"], lang: str = "en") -> str:
        """The title or the task in ``lang``."""
        return str(getattr(self, f"{what}_zh" if lang == "zh" else what))

    def hint_text(self, level: int, lang: str = "en") -> str:
        """Hint number ``level`` (from 1) in ``lang``."""
        return (self.hints_zh if lang == "zh" else self.hints)[level - 1]

    def mistake(self, mistake_id: str) -> Mistake:
        """The known mistake with this id (``KeyError`` if there is none)."""
        for m in self.mistakes:
            if m.id == mistake_id:
                return m
        raise KeyError(mistake_id)

    def known_mistake(
        self,
        mistake_id: str,
        *,
        title: str,
        explanation: str,
        link: str,
        title_zh: str,
        explanation_zh: str,
        variants: Sequence[tuple[str, Callable[..., Any]]] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: the function below makes the mistake ``mistake_id`` of this exercise."""

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            if any(m.id == mistake_id for m in self.mistakes):
                raise ValueError(f"{self.name} already has a mistake {mistake_id!r}")
            self.mistakes.append(
                Mistake(
                    mistake_id, title, explanation, link, fn, title_zh, explanation_zh,
                    tuple(variants),
                )
            )
            return fn

        return register


REGISTRY: list[Exercise] = []


def exercise(**fields: Any) -> Exercise:
    """Create an :class:`Exercise` and register it (in definition order)."""
    ex = Exercise(**fields)
    if any(e.name == ex.name for e in REGISTRY):
        raise ValueError(f"there is already an exercise {ex.name!r}")
    if len(ex.hints) < 2 or len(ex.hints_zh) != len(ex.hints):
        raise ValueError(f"{ex.name}: at least two hints, in both languages")
    REGISTRY.append(ex)
    return ex


def erratum(chapter: str, number: int | str) -> str:
    """The docs-relative target of an erratum on its chapter's errata page."""
    return f"errata/{chapter}.md#erratum-{number}"


NUMERICALLY_CAREFUL = "conventions.md#numerically-careful"
NOT_MODIFIED = "conventions.md#inputs-are-never-modified"


# ------------------------------------------------------------------ small helpers for the cases


def fixed(*values: float, dtype: Any = np.float64) -> np.ndarray:
    """A 1-D array of the given values."""
    return np.array(values, dtype=dtype)


def rng(seed: int) -> np.random.Generator:
    """``np.random.default_rng(seed)``."""
    return np.random.default_rng(seed)


# ------------------------------------------------------------------ the stub


def _signature_text(ex: Exercise) -> str:
    """The reference's signature under the exercise's name, annotations unquoted."""
    sig = inspect.signature(ex.reference)
    params = []
    for p in sig.parameters.values():
        text = p.name if p.annotation is p.empty else f"{p.name}: {p.annotation}"
        if p.default is not p.empty:
            text += f"={p.default!r}" if p.annotation is p.empty else f" = {p.default!r}"
        params.append(text)
    ret = "" if sig.return_annotation is sig.empty else f" -> {sig.return_annotation}"
    one_line = f"def {ex.name}({', '.join(params)}){ret}:"
    if len(one_line) <= 92:
        return one_line
    return f"def {ex.name}(\n" + "".join(f"    {p},\n" for p in params) + f"){ret}:"


def stub(ex: Exercise) -> str:
    """The learner's starting code of ``ex``."""
    doc = inspect.getdoc(ex.reference) or ""
    head = "import numpy as np\n"
    if "Callable" in str(inspect.signature(ex.reference)):
        head = "from collections.abc import Callable\n\n" + head
    body = textwrap.indent(f'"""{doc}\n"""', "    ")
    return (
        f"{head}\n\n{_signature_text(ex)}\n{body}\n    # your code here\n"
        "    raise NotImplementedError\n"
    )


def solution_source(ex: Exercise) -> str:
    """The reference's source under the exercise's name (``def adam_step(...)``)."""
    source = textwrap.dedent(inspect.getsource(ex.reference))
    return source.replace(f"def {ex.reference.__name__}(", f"def {ex.name}(", 1)
