"""The engine: run the learner's function, compare it with the reference, name the mistake.

:func:`check` runs the learner's function and the exercise's reference on the exercise's
inputs (or hands it to the exercise's judge, for random functions), checks the type, shape and
dtype of what comes back and that no argument was modified, turns any exception or NumPy warning
into a verdict, and when the function is wrong tries each known mistake of the exercise. The
verdict (:class:`Result`) reads as text (``print``), as Markdown in Jupyter, in English or in
Chinese; its links are full URLs of the site (``DLNOTES_SITE_URL``, default :data:`SITE_URL`).
"""

from __future__ import annotations

import copy
import difflib
import inspect
import os
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from dlnotes._validation import check_choice
from dlnotes.exercises._model import (
    NOT_MODIFIED,
    NUMERICALLY_CAREFUL,
    REGISTRY,
    Case,
    Exercise,
    Text,
    tr,
)

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url (tests/test_exercises.py keeps it so)


def site_url() -> str:
    """The base URL of the site: ``DLNOTES_SITE_URL`` if set, else :data:`SITE_URL`."""
    base = os.environ.get("DLNOTES_SITE_URL", "").strip() or SITE_URL
    return base if base.endswith("/") else base + "/"


def page_url(link: str, lang: str = "en") -> str:
    """The full site URL of a docs-relative target: ``errata/adam.md#x`` -> ``…/errata/adam/#x``
    (``…/zh/errata/adam/#x`` in Chinese: the site's Chinese pages live under ``zh/``, with the
    same anchors)."""
    page, _, anchor = link.partition("#")
    path = page.removesuffix(".md")
    if path == "index":
        path = ""
    elif path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    prefix = "zh/" if lang == "zh" else ""
    return site_url() + prefix + path + (f"#{anchor}" if anchor else "")


# ------------------------------------------------------------------ the verdict


@dataclass(frozen=True)
class Result:
    """What :func:`check` found: ``passed``, the id of a recognized ``mistake`` (or None) and
    the ``verdict`` that ``str(result)`` and ``repr(result)`` give; in Jupyter a bare
    ``check(...)`` shows it as Markdown."""

    name: str
    passed: bool
    mistake: str | None
    verdict: str
    markdown: str = field(default="", compare=False)
    lang: str = "en"

    def __str__(self) -> str:
        return self.verdict

    def __repr__(self) -> str:
        return self.verdict

    def _repr_markdown_(self) -> str:
        return self.markdown or self.verdict


class Finding(NamedTuple):
    """The first problem a judge found: the input, what is wrong, and a matched mistake."""

    case: str | Text
    problem: Text
    mistake: str | None = None
    variant: str | None = None
    inputs: str = ""


class Outcome(NamedTuple):
    value: Any
    error: BaseException | None
    warned: tuple[str, ...]
    modified: tuple[str, ...]
    where: str = ""


_LABELS = {
    "passed": Text("passed", "通过"),
    "not_passed": Text("not passed", "未通过"),
    "known": Text("This is a known mistake: {title}.", "这是一个已知错误：{title}。"),
    "see": Text("See {url} (mistake id {id!r}).", "参见 {url}（错误编号 {id!r}）。"),
    "see_md": Text(
        "[See the explanation]({url}) (mistake id `{id}`).",
        "[查看说明]({url})（错误编号 `{id}`）。",
    ),
    "first": Text(
        "First input where your function differs: {label}", "你的函数第一个出错的输入：{label}"
    ),
    "no_match": Text(
        "This is none of the mistakes the checker knows. Compare your function with the task "
        "line by line, or ask for a hint: hint({name!r}).",
        "这不是检查器已知的错误。请逐行对照题目检查你的函数，或查看提示：hint({name!r}, "
        "lang=\"zh\")。",
    ),
    "cases": Text(
        "Checked {n} inputs against {against}: {labels}.",
        "已用 {n} 组输入与 {against} 对照检查：{labels}。",
    ),
    "props": Text(
        "Checked its properties on large random draws (reference: {against}).",
        "已在大量随机抽样上检查其性质（参照：{against}）。",
    ),
    "clean": Text(
        "Types, shapes and dtypes match, no argument was modified and no warning was raised.",
        "类型、形状和 dtype 都一致，没有修改任何参数，也没有产生警告。",
    ),
}


def label(key: str, lang: str, **kw: Any) -> str:
    return _LABELS[key](lang).format(**kw)


def _checked(ex: Exercise, lang: str) -> str:
    if ex.cases is None:
        return label("props", lang, against=ex.against)
    labels = [tr(c.label, lang) for c in ex.cases()]
    sep = "；" if lang == "zh" else "; "
    return label("cases", lang, n=len(labels), against=ex.against, labels=sep.join(labels))


def _mistake_title(ex: Exercise, finding: Finding, lang: str) -> str:
    assert finding.mistake is not None
    title = ex.mistake(finding.mistake).text("title", lang)
    if finding.variant:
        title += f"（这里是 {finding.variant}）" if lang == "zh" else f" (here {finding.variant})"
    return title


def verdict(ex: Exercise, finding: Finding | None, lang: str, *, markdown: bool) -> str:
    """The verdict of ``check`` as text or Markdown, in ``lang``."""
    name = f"**{ex.name}**" if markdown else ex.name
    colon, stop, space = ("：", "。", "") if lang == "zh" else (": ", ".", " ")
    if finding is None:
        head = f"{name}{colon}{label('passed', lang)}{stop}"
        return f"{head}{space}{_checked(ex, lang)}{space}{label('clean', lang)}"
    lines = [f"{name}{colon}{label('not_passed', lang)}{stop}"]
    if finding.mistake is not None:
        m = ex.mistake(finding.mistake)
        title = _mistake_title(ex, finding, lang)
        lines[0] += space + label("known", lang, title=f"**{title}**" if markdown else title)
        see = "see_md" if markdown else "see"
        explanation = m.text("explanation", lang)
        url = page_url(m.link, lang)
        lines.append(f"{explanation}{space}{label(see, lang, url=url, id=m.id)}")
    case = tr(finding.case, lang)
    inputs = f"\n    {finding.inputs}" if finding.inputs else ""
    problem = finding.problem(lang)
    if markdown:
        lines.append(label("first", lang, label=f"*{case}*"))
        inputs = finding.inputs.replace("\n    ", "\n") + "\n\n" if finding.inputs else ""
        block = inputs + problem
        lines.append(f"```text\n{block}\n```")
    else:
        lines.append(label("first", lang, label=case) + inputs)
        lines.append("  " + problem.replace("\n", "\n  "))
    if finding.mistake is None:
        lines.append(label("no_match", lang, name=ex.name))
    lines.append(_checked(ex, lang))
    return ("\n\n" if markdown else "\n").join(lines)


# ------------------------------------------------------------------ running the learner's function

_NUMPY_DIR = str(Path(np.__file__).resolve().parent)
_THIS_DIR = str(Path(__file__).resolve().parent)


def _learner_frames(exc: BaseException) -> str:
    """The traceback of the learner's frames (file, line, code), without NumPy's or ours."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not str(Path(f.filename).resolve()).startswith((_NUMPY_DIR, _THIS_DIR))
    ]
    return "".join(traceback.format_list(frames)).rstrip("\n")


def call(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], names: Sequence[str]
) -> Outcome:
    """Call fn on copies of the arguments; catch exceptions and warnings; see what it modified."""
    given_args, given_kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
    value, error, where = None, None, ""
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        try:
            value = fn(*given_args, **given_kwargs)
        except Exception as exc:  # the learner's error becomes the verdict
            error, where = exc, _learner_frames(exc)
    warned = tuple(f"{w.category.__name__}: {w.message}" for w in caught)
    modified = tuple(
        name
        for name, before, after in zip(
            [*names[: len(args)], *kwargs],
            [*args, *kwargs.values()],
            [*given_args, *given_kwargs.values()],
            strict=False,
        )
        if not _unchanged(before, after)
    )
    return Outcome(value, error, warned, modified, where)


def _unchanged(before: Any, after: Any) -> bool:
    if isinstance(before, np.ndarray):
        return (
            isinstance(after, np.ndarray)
            and before.shape == after.shape
            and bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
        )
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_unchanged(before[k], after[k]) for k in before)
        )
    if isinstance(before, list | tuple):
        return (
            isinstance(after, list | tuple)
            and len(before) == len(after)
            and all(_unchanged(b, a) for b, a in zip(before, after, strict=True))
        )
    return True


def call_problem(out: Outcome) -> Text | None:
    """What went wrong in the call itself: an exception, a modified argument, a warning."""
    if out.error is not None:
        if isinstance(out.error, NotImplementedError):
            return Text(
                "it raised NotImplementedError: the stub is not written yet",
                "它抛出了 NotImplementedError：这个函数还没有写",
            )
        where = f"\n{out.where}" if out.where else ""
        text = f"{type(out.error).__name__}: {out.error}{where}"
        return Text(f"it raised {text}", f"它抛出了 {text}")
    if out.modified:
        names = ", ".join(out.modified)
        url, url_zh = page_url(NOT_MODIFIED), page_url(NOT_MODIFIED, "zh")
        return Text(
            f"it modified its argument {names}: work on copies and return new arrays (see {url})",
            f"它修改了参数 {names}：请在副本上计算并返回新的数组（参见 {url_zh}）",
        )
    if out.warned:
        url, url_zh = page_url(NUMERICALLY_CAREFUL), page_url(NUMERICALLY_CAREFUL, "zh")
        return Text(
            f"it emitted a NumPy warning, {out.warned[0]}: valid input must give no warning; use "
            f"a stable formula (see {url})",
            f"它产生了 NumPy 警告 {out.warned[0]}：合法输入不应产生警告，请使用数值稳定的公式（参见"
            f" {url_zh}）",
        )
    return None


def kind(x: Any) -> str:
    """A short description of what came back: ``an array of shape (3,) and dtype float64``."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if x is None:
        return "None (did you forget the return?)"
    if isinstance(x, tuple | list):
        return f"a {type(x).__name__} of {len(x)}"
    name = type(x).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def is_number(x: Any) -> bool:
    """A Python or NumPy real number, or a 0-d real array (never a bool)."""
    if isinstance(x, bool | np.bool_):
        return False
    if isinstance(x, int | float | np.integer | np.floating):
        return True
    return isinstance(x, np.ndarray) and x.shape == () and x.dtype.kind in "iuf"


def fmt(x: Any) -> str:
    """A value as a verdict shows it."""
    if callable(x):
        return getattr(x, "__name__", repr(x))
    if isinstance(x, np.ndarray):
        text = np.array2string(x, precision=7, threshold=24, edgeitems=3, separator=", ")
        text = (
            " ".join(text.split()) if x.ndim <= 1 or x.size <= 6 else text.replace("\n", "\n      ")
        )
        return text + ("" if x.dtype == np.float64 else f" ({x.dtype})")
    if isinstance(x, np.generic):
        return f"{x.item():.10g}" + ("" if x.dtype == np.float64 else f" ({x.dtype})")
    if isinstance(x, float):
        return f"{x:.10g}"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k!r}: {fmt(v)}" for k, v in x.items()) + "}"
    return repr(x)


def _same(en: str) -> Text:
    return Text(en, en)


def _difference(expected: Any, received: Any, name: str, rtol: float, atol: float) -> Text | None:
    """The first way received differs from expected (type, shape, value), or None; the dtype
    rule is checked apart (:func:`_dtype_problem`)."""
    where = f"{name}: " if name else ""
    if isinstance(expected, dict):
        if not isinstance(received, dict):
            return Text(
                f"{where}it returned {kind(received)}; expected a dict with the keys "
                f"{sorted(expected)}",
                f"{where}它返回了 {kind(received)}；应返回键为 {sorted(expected)} 的 dict",
            )
        if sorted(map(str, received)) != sorted(expected):
            got = sorted(map(str, received))
            return Text(
                f"{where}it returned the keys {got}; expected {sorted(expected)}",
                f"{where}它返回的键是 {got}；应为 {sorted(expected)}",
            )
        return None
    if isinstance(expected, tuple):
        if not isinstance(received, tuple | list):
            return Text(
                f"{where}it returned {kind(received)}; expected a tuple of {len(expected)}",
                f"{where}它返回了 {kind(received)}；应返回包含 {len(expected)} 个值的元组",
            )
        if len(received) != len(expected):
            return Text(
                f"{where}it returned {kind(received)}; expected {len(expected)} values",
                f"{where}它返回了 {kind(received)}；应返回 {len(expected)} 个值",
            )
        return None
    if np.ndim(expected) == 0:
        if not is_number(received):
            shape = f" of shape {received.shape}" if isinstance(received, np.ndarray) else ""
            return Text(
                f"{where}it returned {kind(received)}{shape}; expected one number (shape ())",
                f"{where}它返回了 {kind(received)}{shape}；应返回一个数（形状 ()）",
            )
    else:
        if not isinstance(received, np.ndarray):
            want = np.shape(expected)
            return Text(
                f"{where}it returned {kind(received)}; expected a NumPy array of shape {want}",
                f"{where}它返回了 {kind(received)}；应返回形状为 {want} 的 NumPy 数组",
            )
        if received.shape != np.shape(expected):
            return Text(
                f"{where}it returned shape {received.shape}; expected {np.shape(expected)}",
                f"{where}它返回的形状是 {received.shape}；应为 {np.shape(expected)}",
            )
        if received.dtype.kind not in "iuf":
            return Text(
                f"{where}it returned dtype {received.dtype}; expected real numbers",
                f"{where}它返回的 dtype 是 {received.dtype}；应为实数",
            )
    exp_dtype = np.asarray(expected).dtype
    r, e = np.asarray(received, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if exp_dtype == np.float32:
        rtol, atol = max(rtol, 1e-4), max(atol, 1e-6)
    close = np.isclose(r, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    if e.ndim == 0:
        text = f"expected {fmt(expected)}, received {fmt(received)}"
        return Text(f"{where}{text}", f"{where}应为 {fmt(expected)}，实际得到 {fmt(received)}")
    idx = tuple(int(i) for i in np.argwhere(~close)[0])
    en = f"{where}differs at index {idx}: expected {e[idx]:.10g}, received {r[idx]:.10g}"
    zh = f"{where}在下标 {idx} 处不同：应为 {e[idx]:.10g}，实际得到 {r[idx]:.10g}"
    if e.size <= 12:
        en += f"\n      expected {fmt(expected)}\n      received {fmt(received)}"
        zh += f"\n      应为     {fmt(expected)}\n      实际得到 {fmt(received)}"
    return Text(en, zh)


def _result_difference(ex: Exercise, expected: Any, received: Any) -> Text | None:
    problem = _difference(expected, received, "", ex.rtol, ex.atol)
    if problem is None and isinstance(expected, dict):
        for key in expected:
            if (problem := _difference(expected[key], received[key], key, ex.rtol, ex.atol)):
                return problem
    if problem is not None or not isinstance(expected, tuple):
        return problem
    for name, e, r in zip(_output_names(ex, expected), expected, received, strict=True):
        if (problem := _difference(e, r, name, ex.rtol, ex.atol)) is not None:
            return problem
    return None


def _output_names(ex: Exercise, expected: Any) -> tuple[str, ...]:
    if not isinstance(expected, tuple):
        return ("",)
    return ex.outputs or tuple(f"output {i}" for i in range(len(expected)))


def _float32_arrays(expected: Any, received: Any, names: Sequence[str]) -> list[tuple[str, Any]]:
    """The (name, received) pairs of the array outputs that should be float32 but are not."""
    pairs = zip(names, expected, received, strict=True) if isinstance(expected, tuple) else [
        (names[0], expected, received)
    ]
    return [
        (name, r)
        for name, e, r in pairs
        if isinstance(e, np.ndarray) and e.dtype == np.float32 and e.ndim > 0
        and isinstance(r, np.ndarray) and r.dtype != np.float32
    ]


def _dtype_problem(ex: Exercise, case: Case, expected: Any, received: Any) -> Text | None:
    """The float32 rule: an array output is float32 when the inputs are (scalars may be any
    real number type: a Python float and a NumPy scalar are treated alike)."""
    wrong = _float32_arrays(expected, received, _output_names(ex, expected))
    if not wrong:
        return None
    name, r = wrong[0]
    params = param_names(ex)
    source = next(
        (
            n
            for n, a in zip(
                [*params, *case.kwargs], [*case.args, *case.kwargs.values()], strict=False
            )
            if isinstance(a, np.ndarray) and a.dtype == np.float32
        ),
        "x",
    )
    out = name or "the result"
    out_zh = name or "返回值"
    return Text(
        f"{out} is {r.dtype} for float32 input ({source} is float32). Rule: a float32 input "
        f"gives a float32 result. An array your function creates as float64 (np.zeros(n) or "
        f"np.array([...]) without dtype=) promotes the result: create it with "
        f"dtype={source}.dtype, or return {name or 'the result'}.astype({source}.dtype).",
        f"{out_zh} 的 dtype 是 {r.dtype}，而输入是 float32（{source} 是 float32）。规则：float32 输"
        "入"
        f"给出 float32 结果。函数里新建的 float64 数组（没有指定 dtype= 的 np.zeros(n) 或 "
        f"np.array([...])）会把结果提升为 float64：用 dtype={source}.dtype 创建它，或返回 "
        f"{name or '结果'}.astype({source}.dtype)。",
    )


def _promotion_only(fn: Callable[..., Any], ex: Exercise, case: Case, expected: Any) -> bool:
    """True when the float64 came only from a NumPy float64 scalar (``np.power(beta1, t)``),
    which NumPy 2 promotes and NumPy 1.26 does not: with the float hyperparameters given as
    float32, the function returns float32. Such a result passes on both versions."""

    def f32(x: Any) -> Any:
        return np.float32(x) if isinstance(x, float) else x

    args = tuple(f32(a) for a in case.args)
    kwargs = {k: f32(v) for k, v in case.kwargs.items()}
    for p in list(inspect.signature(ex.reference).parameters.values())[len(args) :]:
        if p.name not in kwargs and isinstance(p.default, float):  # a defaulted β, ε, lr
            kwargs[p.name] = np.float32(p.default)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            value = fn(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        except Exception:
            return False
    if isinstance(expected, tuple) and (
        not isinstance(value, tuple | list) or len(value) != len(expected)
    ):
        return False
    return not _float32_arrays(expected, value, _output_names(ex, expected))


def _equivalent(a: Any, b: Any, rtol: float, atol: float) -> np.ndarray | None:
    """Elementwise agreement of two results (non-finite values agree with each other), flattened
    over a tuple; None when the structures or shapes differ."""
    if isinstance(a, dict):
        if not isinstance(b, dict) or sorted(map(str, a)) != sorted(map(str, b)):
            return None
        a, b = tuple(a[k] for k in sorted(a)), tuple(b[k] for k in sorted(a))
    if isinstance(a, tuple | list) and not isinstance(a, np.ndarray):
        if not isinstance(b, tuple | list) or len(a) != len(b):
            return None
        parts = [_equivalent(x, y, rtol, atol) for x, y in zip(a, b, strict=True)]
        return (
            None
            if any(p is None for p in parts)
            else np.concatenate([p for p in parts if p is not None])
        )
    x, y = _real_array(a), _real_array(b)
    if x is None or y is None or x.shape != y.shape:
        return None
    if np.asarray(a).dtype == np.float32:
        rtol, atol = max(rtol, 1e-4), max(atol, 1e-6)
    with np.errstate(all="ignore"):
        same = np.isclose(x, y, rtol=rtol, atol=atol) | (~np.isfinite(x) & ~np.isfinite(y))
    return same.ravel()


def _nonfinite(a: Any) -> np.ndarray:
    if isinstance(a, dict):
        return _nonfinite([a[k] for k in sorted(a)])
    if isinstance(a, tuple | list):
        return np.concatenate([_nonfinite(x) for x in a]) if a else np.zeros(0, bool)
    x = _real_array(a)
    return np.zeros(0, bool) if x is None else ~np.isfinite(x).ravel()


def _real_array(a: Any) -> np.ndarray | None:
    """a as a float64 array, or None if it is not made of real numbers."""
    try:
        arr = np.asarray(a)
    except (TypeError, ValueError):
        return None
    return arr.astype(np.float64) if arr.dtype.kind in "biuf" else None


def run_mistake(fn: Callable[..., Any], case: Case) -> tuple[Any, bool]:
    """A mistake's result on a case, and whether it warned."""
    args, kwargs = copy.deepcopy((case.args, case.kwargs))
    with (
        warnings.catch_warnings(record=True) as caught,
        np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"),
    ):
        warnings.simplefilter("always")
        value = fn(*args, **kwargs)
    return value, bool(caught)


def _matches(
    ex: Exercise,
    fn: Callable[..., Any],
    cases: list[Case],
    outs: list[Outcome],
    refs: list[Any],
) -> bool:
    """True if the learner's function behaves like the mistake ``fn`` on every input.

    Entries where the learner's result is NaN or inf and it warned are excused (the warning is a
    problem of its own); the mistake must warn where it warns, and differ from the reference
    somewhere that is not excused.
    """
    grounded = False
    for case, out, ref in zip(cases, outs, refs, strict=True):
        if out.error is not None:
            return False
        value, warned = run_mistake(fn, case)
        same = _equivalent(value, out.value, ex.rtol, ex.atol)
        if same is None:
            return False
        if out.warned:
            bad = _nonfinite(out.value)
            if bad.shape == same.shape:
                same = same | bad
        if not same.all() or (warned and not out.warned):
            return False
        differs = _equivalent(value, ref, ex.rtol, ex.atol)
        if warned or differs is None or not differs.all():
            grounded = True
    return grounded


def param_names(ex: Exercise) -> list[str]:
    return list(inspect.signature(ex.reference).parameters)


def describe_inputs(ex: Exercise, case: Case) -> str:
    names = param_names(ex)
    parts = [f"{n} = {fmt(v)}" for n, v in zip(names, case.args, strict=False)]
    parts += [f"{k} = {fmt(v)}" for k, v in case.kwargs.items()]
    return "\n    ".join(parts)


def judge_by_comparison(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Compare ``fn`` with the reference on the exercise's cases; name a known mistake."""
    cases = ex.cases() if ex.cases is not None else []
    names = param_names(ex)
    refs = [ex.reference(*copy.deepcopy(c.args), **copy.deepcopy(c.kwargs)) for c in cases]
    outs = [call(fn, c.args, c.kwargs, names) for c in cases]
    finding = None
    for case, out, ref in zip(cases, outs, refs, strict=True):
        problem = call_problem(out) if out.error is not None or out.modified else None
        if problem is None:
            problem = _result_difference(ex, ref, out.value)
        if problem is None and out.warned:
            problem = call_problem(out)
        if problem is None:
            problem = _dtype_problem(ex, case, ref, out.value)
            if problem is not None and _promotion_only(fn, ex, case, ref):
                problem = None
        if problem is not None:
            finding = Finding(case.label, problem, inputs=describe_inputs(ex, case))
            break
    if finding is None:
        return None
    for mistake in ex.mistakes:
        # the labelled variants first, so that the verdict says which one (log(p + 1e-12))
        for variant, mistake_fn in (*mistake.variants, (None, mistake.fn)):
            if _matches(ex, mistake_fn, cases, outs, refs):
                return finding._replace(mistake=mistake.id, variant=variant)
    return finding


# ------------------------------------------------------------------ the public functions

PROGRESS: dict[str, bool] = {}  # name -> passed, by the checks run in this process


def by_name() -> dict[str, Exercise]:
    return {ex.name: ex for ex in REGISTRY}


def find(name: object) -> Exercise:
    """The exercise called ``name``; TypeError / ValueError (with close matches) otherwise."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, the name of an exercise (got {type(name).__name__})")
    exercises = by_name()
    if name not in exercises:
        close = difflib.get_close_matches(name, exercises, n=3)
        also = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(
            f"name must be one of the exercises ({', '.join(exercises)}) (got {name!r}){also}"
        )
    return exercises[name]


def check_lang(lang: object) -> str:
    """Require "en" or "zh"."""
    return check_choice(lang, "lang", ("en", "zh"))


def run_check(name: str, fn: Any, lang: str = "en") -> Result:
    """:func:`dlnotes.exercises.check` (see there)."""
    ex = find(name)
    lang = check_lang(lang)
    if not callable(fn):
        raise TypeError(f"fn must be callable, the learner's function (got {type(fn).__name__})")
    judge = ex.judge if ex.judge is not None else judge_by_comparison
    # the checker's own arithmetic on whatever fn returned must not warn either
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        finding = judge(fn, ex)
    PROGRESS[ex.name] = finding is None
    return Result(
        ex.name,
        finding is None,
        None if finding is None else finding.mistake,
        verdict(ex, finding, lang, markdown=False),
        verdict(ex, finding, lang, markdown=True),
        lang,
    )
