"""The exercise checker: references pass, every known mistake is named, other correct solutions
pass, a broken function gets a verdict (never a traceback), the rules are stated and fair, and
hint, solution and progress help in English and in Chinese."""

from __future__ import annotations

import copy
import inspect
import itertools
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import dlnotes.exercises as E
from dlnotes.exercises import CHAPTERS, GROUPS, check, exercises, hint, progress, solution
from dlnotes.exercises._engine import (
    PROGRESS,
    SITE_URL,
    _equivalent,
    by_name,
    page_url,
    run_mistake,
)
from dlnotes.exercises._render import rules

ROOT = Path(__file__).resolve().parent.parent
ALL = exercises()
BY_NAME = by_name()
MISTAKES = [(ex.name, m.id) for ex in ALL for m in ex.mistakes]


# ------------------------------------------------------------------ the catalogue


def test_at_least_24_exercises_and_two_per_chapter() -> None:
    assert len(ALL) >= 24
    for chapter in GROUPS:
        assert len(exercises(chapter)) >= 2, chapter
    assert {ex.chapter for ex in ALL} == set(GROUPS)
    assert len({ex.name for ex in ALL}) == len(ALL)


# the learner's signatures of DESIGN.md ("dlnotes.exercises")
DESIGN_SIGNATURES = {
    "entropy": "(p)",
    "kl_divergence": "(p, q)",
    "softmax": "(z)",
    "binary_cross_entropy": "(y_hat, y)",
    "adam_step": "(theta, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)",
    "momentum_step": "(theta, g, v, lr, beta=0.9)",
    "batchnorm_forward": "(Z, gamma, beta, eps=1e-05)",
    "dropout_forward": "(A, keep_prob, rng)",
    "numerical_gradient": "(f, x, eps=1e-07)",
    "normalize_inputs": "(X_train, X_test)",
}


@pytest.mark.parametrize("name", sorted(DESIGN_SIGNATURES))
def test_the_design_exercises_have_the_design_signatures(name: str) -> None:
    sig = inspect.signature(BY_NAME[name].reference)
    bare = sig.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    assert str(bare) == DESIGN_SIGNATURES[name]


# the ids of the exercises and mistakes before the package (they must never change)
EARLIER_MISTAKES = {
    ("entropy", "bits"), ("entropy", "nan_at_zero"), ("entropy", "no_minus"),
    ("kl_divergence", "swapped"), ("kl_divergence", "bits"), ("kl_divergence", "nan_at_zero"),
    ("kl_divergence", "cross_entropy"), ("binary_cross_entropy", "sign"),
    ("binary_cross_entropy", "sum"), ("binary_cross_entropy", "nan_at_certain"),
    ("softmax_cross_entropy", "log_of_softmax"), ("softmax_cross_entropy", "sum"),
    ("softmax_cross_entropy", "wrong_axis"), ("logistic_propagate", "no_one_over_m"),
    ("logistic_propagate", "sign"), ("logistic_propagate", "cost_sign"),
    ("linear_backward", "no_one_over_m"), ("linear_backward", "dA_prev_over_m"),
    ("softmax", "no_max_shift"), ("softmax", "wrong_axis"), ("softmax", "whole_array"),
    ("sigmoid", "overflow"), ("sigmoid", "exp_ratio"), ("sigmoid", "sign"),
    ("tanh_grad", "no_square"), ("tanh_grad", "z_for_a"),
    ("initialize_he", "transposed"), ("initialize_he", "no_sqrt"), ("initialize_he", "uniform"),
    ("initialize_he", "fan_out"), ("initialize_he", "xavier_factor"),
    ("initialize_xavier", "transposed"), ("initialize_xavier", "no_sqrt"),
    ("initialize_xavier", "glorot"), ("initialize_xavier", "he_factor"),
    ("initialize_xavier", "uniform"),
    ("momentum_step", "sum_form"), ("momentum_step", "old_v"), ("momentum_step", "beta_swapped"),
    ("rmsprop_step", "eps_outside"), ("rmsprop_step", "no_eps"), ("rmsprop_step", "no_square"),
    ("adam_step", "no_eps"), ("adam_step", "beta1_for_v"), ("adam_step", "eps_inside"),
    ("adam_step", "no_bias_correction"),
    ("exponentially_weighted_average", "starts_at_first"),
    ("exponentially_weighted_average", "weights_swapped"),
    ("inverse_time_decay", "precedence"), ("inverse_time_decay", "times"),
    ("step_decay", "no_floor"), ("step_decay", "drop_at_zero"),
    ("cosine_annealing", "no_half"), ("cosine_annealing", "no_pi"),
    ("cosine_annealing", "lr_min_ignored"),
    ("dropout_forward", "not_inverted"), ("dropout_forward", "swapped"),
    ("dropout_forward", "times_keep_prob"),
    ("normalize_inputs", "variance"), ("normalize_inputs", "test_own_statistics"),
    ("normalize_inputs", "ddof"), ("l2_penalty", "biases"), ("l2_penalty", "no_half"),
    ("l2_penalty", "no_lambda"), ("batchnorm_forward", "unbiased"),
    ("batchnorm_forward", "wrong_axis"), ("batchnorm_forward", "eps_outside"),
    ("batchnorm_inference", "batch_statistics"), ("batchnorm_inference", "no_sqrt"),
    ("update_running_stats", "momentum_swapped"), ("update_running_stats", "unbiased"),
    ("numerical_gradient", "plus_is_minus"), ("numerical_gradient", "eps_not_2eps"),
    ("numerical_gradient", "one_sided"), ("relative_difference", "absolute"),
    ("relative_difference", "norm_of_sum"), ("relative_difference", "nan_at_zero"),
    ("sample_log_uniform", "linear"), ("sample_log_uniform", "fixed_range"),
    ("sample_beta", "linear"), ("sample_beta", "minus_four"),
    ("bias_variance", "bias_from_zero"), ("bias_variance", "variance_with_mismatch"),
    ("multitask_cross_entropy", "softmax"), ("multitask_cross_entropy", "mean_over_tasks"),
    ("multitask_cross_entropy", "nan_not_skipped"),
}


def test_the_earlier_ids_are_unchanged() -> None:
    assert EARLIER_MISTAKES <= set(MISTAKES)


def test_the_unnamed_mistakes_of_the_issue_are_named() -> None:
    assert {
        ("rmsprop_step", "beta_on_gradient"),
        ("adam_step", "returns_hat"),
        ("adam_step", "t_plus_one"),
        ("exponentially_weighted_average", "corrected_fed_back"),
        ("entropy", "log_plus_eps"),
    } <= set(MISTAKES)


def _anchors() -> dict[str, set[str]]:
    """Explicit {#id} anchors and heading slugs of every docs page, its included files too."""
    found: dict[str, set[str]] = {}
    docs = ROOT / "docs"
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        texts = [text]
        for inc in re.findall(r'^--8<-- "(docs/[^"]+\.md)"$', text, flags=re.M):
            if (ROOT / inc).is_file():
                texts.append((ROOT / inc).read_text(encoding="utf-8"))
        ids: set[str] = set()
        for t in texts:
            ids |= set(re.findall(r"\{#([A-Za-z0-9_-]+)", t))
            for heading in re.findall(r"^#+ (.+?)\s*(?:\{#.*)?$", t, flags=re.M):
                ids.add(re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-"))
        found[path.relative_to(docs).as_posix()] = ids
    return found


def test_every_mistake_links_an_existing_anchor() -> None:
    anchors = _anchors()
    for ex in ALL:
        for m in ex.mistakes:
            page, _, anchor = m.link.partition("#")
            assert anchor in anchors.get(page, set()), (ex.name, m.id, m.link)


def test_the_errata_of_the_brief_link_their_entries_on_the_errata_pages() -> None:
    links = {(name, mid): BY_NAME[name].mistake(mid).link for name, mid in MISTAKES}
    assert links["normalize_inputs", "variance"] == "errata/regularization.md#erratum-2"
    assert links["momentum_step", "sum_form"] == "errata/optimizers.md#erratum-8"
    assert links["adam_step", "no_eps"] == "errata/optimizers.md#erratum-10"
    assert links["adam_step", "beta1_for_v"] == "errata/optimizers.md#erratum-11"
    assert links["numerical_gradient", "plus_is_minus"] == "errata/gradient-checking.md#erratum-12"
    assert links["binary_cross_entropy", "sign"] == "errata/risk-and-losses.md#erratum-13"
    assert links["adam_step", "eps_inside"] == "errata/optimizers.md#erratum-16"


def test_every_exercise_has_two_hints_and_chinese_texts() -> None:
    for ex in ALL:
        assert len(ex.hints) >= 2 and len(ex.hints_zh) == len(ex.hints), ex.name
        assert ex.title_zh and ex.task_zh and all(ex.hints_zh), ex.name
        assert re.search(r"[\u4e00-\u9fff]", ex.task_zh), ex.name
        for m in ex.mistakes:
            assert m.title_zh and m.explanation_zh, (ex.name, m.id)


# ------------------------------------------------------------------ references and mistakes


@pytest.mark.parametrize("name", [ex.name for ex in ALL])
def test_the_reference_passes(name: str) -> None:
    result = check(name, BY_NAME[name].reference)
    assert result.passed, str(result)
    assert result.mistake is None
    assert str(result).startswith(f"{name}: passed.")


@pytest.mark.parametrize(("name", "mistake_id"), MISTAKES)
def test_each_known_mistake_is_named(name: str, mistake_id: str) -> None:
    ex = BY_NAME[name]
    m = ex.mistake(mistake_id)
    result = check(name, m.fn)
    assert not result.passed
    assert result.mistake == mistake_id, str(result)
    verdict = str(result)
    assert m.title in verdict and page_url(m.link) in verdict
    assert "First input where your function differs" in verdict


@pytest.mark.parametrize(("name", "mistake_id"), [x for x in MISTAKES if BY_NAME[x[0]].cases])
def test_each_mistake_differs_from_the_reference_on_the_inputs(name: str, mistake_id: str) -> None:
    """No mistake the checker could miss: on some input its result differs or it warns."""
    ex = BY_NAME[name]
    assert ex.cases is not None
    differs = False
    for case in ex.cases():
        ref = ex.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        value, warned = run_mistake(ex.mistake(mistake_id).fn, case)
        same = _equivalent(value, ref, ex.rtol, ex.atol)
        differs |= warned or same is None or not same.all()
    assert differs


def test_the_references_agree_with_the_package() -> None:
    """Each compared exercise's reference gives the package function's values on its cases."""
    from dlnotes import activations, gradcheck, information, losses, optimizers, schedules

    pairs: dict[str, Any] = {
        "entropy": information.entropy,
        "kl_divergence": information.kl_divergence,
        "binary_cross_entropy": losses.binary_cross_entropy,
        "softmax_cross_entropy": losses.softmax_cross_entropy,
        "softmax": activations.softmax,
        "sigmoid": activations.sigmoid,
        "tanh_grad": activations.tanh_grad,
        "inverse_time_decay": schedules.inverse_time_decay,
        "step_decay": schedules.step_decay,
        "cosine_annealing": lambda lr0, step, total, lr_min=0.0: schedules.cosine_annealing(
            lr0, step, total, lr_min=lr_min
        ),
        "numerical_gradient": gradcheck.numerical_gradient,
        "relative_difference": gradcheck.relative_difference,
        "exponentially_weighted_average": lambda values, beta, bias_correction=False: (
            optimizers.exponentially_weighted_average(
                values, beta, bias_correction=bias_correction
            )
        ),
    }
    for name, package in pairs.items():
        ex = BY_NAME[name]
        assert ex.cases is not None
        for case in ex.cases():
            ref = ex.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            got = package(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-12, err_msg=name)


def test_the_adam_reference_agrees_with_the_package_optimizer() -> None:
    from dlnotes.optimizers import Adam, AdamState

    ex = BY_NAME["adam_step"]
    assert ex.cases is not None
    for case in ex.cases():
        theta, g, m, v, t = case.args
        opt = Adam(lr=case.kwargs.get("lr", 0.001))
        state = AdamState(step=t - 1, m={"x": m.copy()}, v={"x": v.copy()})
        params, state = opt.update({"x": theta}, {"x": g}, state)
        want = (params["x"], state.m["x"], state.v["x"])
        for a, b in zip(ex.reference(*case.args, **case.kwargs), want, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-6)


def test_the_momentum_verdict_says_it_is_a_rescaled_learning_rate() -> None:
    from dlnotes.exercises.optimizers import _mistake_momentum_sum_form

    verdict = str(check("momentum_step", _mistake_momentum_sum_form))
    assert "same method with a rescaled learning rate" in verdict
    assert "errata/optimizers/#erratum-8" in verdict


def test_a_verdict_shows_the_input_and_expected_and_received() -> None:
    from dlnotes.exercises.optimizers import _mistake_adam_eps_inside

    verdict = str(check("adam_step", _mistake_adam_eps_inside))
    assert "gradients of 1e-9" in verdict
    assert "expected -9.090909091e-05, received -1e-08" in verdict


# ------------------------------------------------------------------ in Jupyter


def test_a_bare_check_shows_the_verdict_with_real_newlines() -> None:
    from dlnotes.exercises.optimizers import _mistake_adam_eps_inside

    result = check("adam_step", _mistake_adam_eps_inside)
    assert repr(result) == str(result) and "\n" in repr(result) and "\\n" not in repr(result)
    md = result._repr_markdown_()
    assert md.startswith("**adam_step**: not passed.")
    assert "[See the explanation](http://127.0.0.1:8000/errata/optimizers/#erratum-16)" in md
    assert "```text" in md


def test_links_are_full_site_urls_and_the_base_is_configurable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dlnotes.exercises.optimizers import _mistake_adam_eps_inside

    assert "http://127.0.0.1:8000/errata/optimizers/#erratum-16" in str(
        check("adam_step", _mistake_adam_eps_inside)
    )
    monkeypatch.setenv("DLNOTES_SITE_URL", "https://example.org/dlnotes")
    assert "https://example.org/dlnotes/errata/optimizers/#erratum-16" in str(
        check("adam_step", _mistake_adam_eps_inside)
    )
    assert page_url("neural-networks/deep.md#x") == "https://example.org/dlnotes/neural-networks/deep/#x"
    assert page_url("index.md") == "https://example.org/dlnotes/"


def test_the_default_site_url_is_mkdocs_site_url() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: (\S+)$", text, flags=re.M)[1] == SITE_URL  # type: ignore[index]


def test_an_exception_shows_the_learners_file_and_line() -> None:
    def entropy(p: np.ndarray) -> float:
        q = p / 0.0 if p.size > 99 else p
        raise ValueError(f"boom {q.size}")

    result = check("entropy", entropy)
    assert not result.passed and result.mistake is None
    verdict = str(result)
    assert "it raised ValueError: boom" in verdict
    line = inspect.getsourcelines(entropy)[1] + 2
    assert f'File "{__file__}", line {line}, in entropy' in verdict
    assert 'raise ValueError(f"boom {q.size}")' in verdict


def test_an_exception_inside_numpy_shows_the_learners_line_not_numpys() -> None:
    def softmax(z: np.ndarray) -> np.ndarray:
        return np.concatenate([z, z[None]])  # wrong ndim: NumPy raises

    verdict = str(check("softmax", softmax))
    assert f'File "{__file__}"' in verdict and "in softmax" in verdict
    assert "numpy/" not in verdict.replace("numpy/core", "")  # no NumPy frame


def test_an_unnamed_failure_lists_no_known_mistake() -> None:
    def adam_step(theta: Any, g: Any, m: Any, v: Any, t: Any, lr: Any = 0.001,
                  beta1: Any = 0.9, beta2: Any = 0.999, eps: Any = 1e-8) -> Any:
        theta_new, m_new, v_new = BY_NAME["adam_step"].reference(
            theta, g, m, v, t, lr, beta1, beta2, eps
        )
        return theta_new + 1, m_new, v_new

    result = check("adam_step", adam_step)
    assert not result.passed and result.mistake is None
    verdict = str(result)
    assert "none of the mistakes the checker knows" in verdict
    for m in BY_NAME["adam_step"].mistakes:
        assert m.title not in verdict, m.id


# ------------------------------------------------------------------ rules stated and fair


@pytest.mark.parametrize("name", [ex.name for ex in ALL if ex.cases is not None])
def test_the_float32_rule_is_stated_where_it_is_enforced(name: str) -> None:
    ex = BY_NAME[name]
    assert ex.cases is not None
    float32 = any(
        isinstance(a, np.ndarray) and a.dtype == np.float32
        for c in ex.cases()
        for a in (*c.args, *c.kwargs.values())
    )
    first = ex.cases()[0]
    out = ex.reference(*first.args, **first.kwargs)
    outs = out if isinstance(out, tuple) else (out,)
    arrays_out = any(isinstance(o, np.ndarray) and o.ndim > 0 for o in outs)
    stated = " ".join(r.en for r in rules(ex))
    assert ("float32 in, float32 out" in stated) == (float32 and arrays_out)


def test_rules_of_random_exercises_are_stated() -> None:
    for ex in ALL:
        if ex.cases is None:
            assert ex.rules and all(r.en and r.zh for r in ex.rules), ex.name


def _adam_np_power(theta: Any, g: Any, m: Any, v: Any, t: int, lr: float = 0.001,
                   beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> Any:
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * np.square(g)
    m_hat = m / (1 - np.power(beta1, t))  # a NumPy float64 scalar
    v_hat = v / (1 - np.power(beta2, t))
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def test_a_numpy_float64_scalar_in_the_formula_passes_on_every_numpy() -> None:
    """np.power(beta1, t) is a float64 scalar: NumPy 2 promotes float32 arrays with it, NumPy
    1.26 does not. The rule is relaxed there, so the verdict is the same on both."""
    assert check("adam_step", _adam_np_power).passed


def test_a_float64_array_made_inside_fails_with_the_fix() -> None:
    def exponentially_weighted_average(values: Any, beta: float, bias_correction: bool = False) -> Any:  # noqa: E501
        out = np.zeros(len(values))  # float64 whatever values is
        v = 0.0
        for t in range(1, len(values) + 1):
            v = beta * v + (1 - beta) * values[t - 1]
            out[t - 1] = v / (1 - beta**t) if bias_correction else v
        return out

    result = check("exponentially_weighted_average", exponentially_weighted_average)
    assert not result.passed and result.mistake is None
    verdict = str(result)
    assert "the result is float64 for float32 input (values is float32)" in verdict
    assert "astype(values.dtype)" in verdict
    zh = str(check("exponentially_weighted_average", exponentially_weighted_average, lang="zh"))
    assert "astype(values.dtype)" in zh and "float32" in zh


def test_the_dtype_verdict_names_the_output() -> None:
    def momentum_step(theta: Any, g: Any, v: Any, lr: float, beta: float = 0.9) -> Any:
        v = beta * v + (1 - beta) * g
        return (theta - lr * v).astype(np.float64), v

    verdict = str(check("momentum_step", momentum_step))
    assert "theta is float64 for float32 input (theta is float32)" in verdict
    assert "theta.astype(theta.dtype)" in verdict


@pytest.mark.parametrize("convert", [float, np.float64, np.float32, lambda x: np.asarray(x)])
def test_a_numpy_scalar_and_a_python_float_are_treated_alike(convert: Any) -> None:
    def entropy(p: np.ndarray) -> Any:
        nz = p[p > 0]
        return convert(-np.sum(nz * np.log(nz)))

    assert check("entropy", entropy).passed


def test_sum_over_m_on_float32_passes() -> None:
    """np.sum(x) / m is float64 on NumPy 1.26 and float32 on NumPy 2: a number either way."""

    def binary_cross_entropy(y_hat: np.ndarray, y: np.ndarray) -> Any:
        m = y.shape[1]
        return -np.sum(np.log(np.where(y == 1, y_hat, 1 - y_hat))) / m

    assert check("binary_cross_entropy", binary_cross_entropy).passed


@pytest.mark.parametrize("eps", [1e-12, 1e-8, 1e-10, 1e-15])
def test_the_entropy_task_names_log_p_plus_eps(eps: float) -> None:
    def entropy(p: np.ndarray) -> Any:
        return -np.sum(p * np.log(p + eps))

    result = check("entropy", entropy)
    assert not result.passed and result.mistake == "log_plus_eps", str(result)
    assert f"log(p + {eps:g})" in str(result)
    assert "log(p + ε)" in BY_NAME["entropy"].task.replace("log(p + ε)", "log(p + ε)")


def _rmsprop_beta_on_g(theta: Any, g: Any, s: Any, lr: float, beta: float = 0.9,
                       eps: float = 1e-8) -> Any:
    s = (1 - beta) * s + beta * g * g
    return theta - lr * g / np.sqrt(s + eps), s


def _adam_hat(theta: Any, g: Any, m: Any, v: Any, t: int, lr: float = 0.001, beta1: float = 0.9,
              beta2: float = 0.999, eps: float = 1e-8) -> Any:
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m, v = m / (1 - beta1**t), v / (1 - beta2**t)
    return theta - lr * m / (np.sqrt(v) + eps), m, v


def _adam_t1(theta: Any, g: Any, m: Any, v: Any, t: int, lr: float = 0.001, beta1: float = 0.9,
             beta2: float = 0.999, eps: float = 1e-8) -> Any:
    t = t + 1
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    return theta - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps), m, v


def _ewa_fed_back(values: Any, beta: float, bias_correction: bool = False) -> Any:
    out, v = [], 0.0
    for t, x in enumerate(values, start=1):
        v = beta * v + (1 - beta) * x
        if bias_correction:
            v /= 1 - beta**t
        out.append(v)
    return np.array(out, dtype=values.dtype)


@pytest.mark.parametrize(
    ("name", "fn", "mistake_id"),
    [
        ("rmsprop_step", _rmsprop_beta_on_g, "beta_on_gradient"),
        ("adam_step", _adam_hat, "returns_hat"),
        ("adam_step", _adam_t1, "t_plus_one"),
        ("exponentially_weighted_average", _ewa_fed_back, "corrected_fed_back"),
    ],
)
def test_the_issues_unnamed_mistakes_written_by_a_learner_are_named(
    name: str, fn: Any, mistake_id: str
) -> None:
    assert check(name, fn).mistake == mistake_id


# ------------------------------------------------------------------ scaffolding


def test_hints_have_two_levels_in_both_languages() -> None:
    one, two = hint("adam_step"), hint("adam_step", 2)
    assert one.startswith("Hint 1 of 2 (adam_step):") and "hint('adam_step', 2)" in one
    assert two.startswith("Hint 2 of 2 (adam_step):") and "m_hat" in two
    assert hint("adam_step", lang="zh").startswith("提示 1/2（adam_step）：")
    assert repr(one) == str(one) and one._repr_markdown_()
    with pytest.raises(ValueError, match=r"level must be in \[1, 2\] \(got 3\)"):
        hint("adam_step", 3)
    with pytest.raises(TypeError, match=r"level must be an int \(got str\)"):
        hint("adam_step", "2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'zh' \(got 'fr'\)"):
        hint("adam_step", lang="fr")
    with pytest.raises(TypeError, match=r"lang must be a string, one of 'en', 'zh' \(got int\)"):
        hint("adam_step", lang=1)  # type: ignore[arg-type]
    assert hint("adam_step", np.int64(2)) == two


def test_solution_is_the_reference_and_says_to_attempt_first() -> None:
    text = solution("adam_step")
    first, rest = text.split("\n", 1)
    assert "best read after your own attempt" in first
    namespace: dict[str, Any] = {"np": np}
    exec(rest, namespace)
    assert check("adam_step", namespace["adam_step"]).passed
    assert "最好在自己尝试" in solution("adam_step", lang="zh")
    assert text._repr_markdown_().startswith("```python")


def test_progress_records_the_checks_of_this_process_only(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    PROGRESS.clear()
    check("step_decay", BY_NAME["step_decay"].reference)
    check("cosine_annealing", BY_NAME["cosine_annealing"].mistake("no_pi").fn)
    text = progress("schedules")
    assert "schedules: 1 of 3 passed" in text
    assert "· inverse_time_decay: not checked yet" in text
    assert "✓ step_decay: passed" in text and "✗ cosine_annealing: not passed yet" in text
    assert "schedules：3 题中通过 1 题" in progress("schedules", lang="zh")
    overview = progress()
    assert "optimizers: 0 of 4 passed" in overview and "adam_step" not in overview
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_check_speaks_chinese() -> None:
    from dlnotes.exercises.optimizers import _mistake_adam_eps_inside

    verdict = str(check("adam_step", _mistake_adam_eps_inside, lang="zh"))
    assert verdict.startswith("adam_step：未通过。这是一个已知错误：ε 放在了平方根里面。")
    assert "你的函数第一个出错的输入：t = 1，1e-9 量级的梯度" in verdict
    assert "参见 http://127.0.0.1:8000/zh/errata/optimizers/#erratum-16" in verdict  # the zh page
    passed = str(check("adam_step", BY_NAME["adam_step"].reference, lang="zh"))
    assert passed.startswith("adam_step：通过。")


def test_the_chinese_uses_the_glossary_terms() -> None:
    glossary = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs/glossary").glob("*.md"))
    terms = ("动量梯度下降法", "指数加权平均", "偏差修正", "小批", "批归一化", "梯度检验", "奈特")
    for term in terms:
        assert term in glossary, term
        assert any(term in ex.title_zh + ex.task_zh for ex in ALL), term


# ------------------------------------------------------------------ other correct solutions


def _entropy_where(p: np.ndarray) -> Any:
    safe = np.where(p > 0, p, 1)
    return -np.sum(p * np.log(safe))


def _entropy_loop(p: np.ndarray) -> float:
    return -sum(float(x) * math.log(float(x)) for x in p if x > 0)


def _entropy_log_inverse(p: np.ndarray) -> Any:
    nz = p[p > 0]
    return nz @ np.log(1 / nz)


def _kl_masked(p: np.ndarray, q: np.ndarray) -> Any:
    k = p > 0
    return np.sum(p[k] * (np.log(p[k]) - np.log(q[k])))


def _kl_cross_minus_entropy(p: np.ndarray, q: np.ndarray) -> Any:
    k = p > 0
    return -np.sum(p[k] * np.log(q[k])) - (-np.sum(p[k] * np.log(p[k])))


def _softmax_logsumexp(z: np.ndarray) -> np.ndarray:
    zmax = z.max(axis=0, keepdims=True)
    lse = zmax + np.log(np.sum(np.exp(z - zmax), axis=0, keepdims=True))
    return np.exp(z - lse)


def _softmax_transposed(z: np.ndarray) -> np.ndarray:
    zt = z.T
    e = np.exp(zt - np.max(zt, axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).T


def _sigmoid_tanh(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(z / 2))


def _sigmoid_piecewise(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out


def _sigmoid_logaddexp(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0, -z))


def _tanh_grad_cosh(z: np.ndarray) -> np.ndarray:
    a = np.tanh(z)
    return (1 - a) * (1 + a)


def _bce_pick(y_hat: np.ndarray, y: np.ndarray) -> Any:
    return -np.mean(np.log(np.where(y == 1, y_hat, 1 - y_hat)))


def _bce_masked(y_hat: np.ndarray, y: np.ndarray) -> Any:
    m = y.shape[1]
    pos, neg = y == 1, y == 0
    return -(np.sum(np.log(y_hat[pos])) + np.sum(np.log(1 - y_hat[neg]))) / m


def _sce_log_softmax(Z: np.ndarray, Y: np.ndarray) -> Any:
    shifted = Z - Z.max(axis=0, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    return -np.sum(Y * log_p) / Z.shape[1]


def _sce_picked(Z: np.ndarray, Y: np.ndarray) -> Any:
    zmax = Z.max(axis=0)
    lse = zmax + np.log(np.exp(Z - zmax).sum(axis=0))
    return np.mean(lse - np.sum(Y * Z, axis=0))


def _propagate_loop_free(w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray) -> Any:
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    return np.dot(X, dZ.T) / m, float(np.sum(dZ) / m), float(cost)


def _linear_backward_einsum(dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray) -> Any:
    m = dZ.shape[1]
    return W.T @ dZ, np.einsum("im,jm->ij", dZ, A_prev) / m, dZ.mean(axis=1, keepdims=True)


def _he_normal(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    params = {}
    for layer in range(1, len(layer_dims)):
        n_prev, n = layer_dims[layer - 1], layer_dims[layer]
        params[f"W{layer}"] = rng.normal(0.0, np.sqrt(2 / n_prev), size=(n, n_prev))
        params[f"b{layer}"] = np.zeros((n, 1))
    return params


def _xavier_divide(layer_dims: list[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    params = {}
    for layer, (n_prev, n) in enumerate(itertools.pairwise(layer_dims), start=1):
        params["W" + str(layer)] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
        params["b" + str(layer)] = np.zeros((n, 1))
    return params


def _momentum_lerp(
    theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
) -> Any:
    v_new = v + (1 - beta) * (g - v)
    return theta - lr * v_new, v_new


def _rmsprop_lerp(
    theta: np.ndarray, g: np.ndarray, s: np.ndarray, lr: float, beta: float = 0.9, eps: float = 1e-8
) -> Any:
    s_new = s + (1 - beta) * (np.square(g) - s)
    return theta - lr * g * (s_new + eps) ** -0.5, s_new


def _adam_reordered(
    theta: np.ndarray,
    g: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> Any:
    v_new = beta2 * v + (1 - beta2) * g * g
    m_new = beta1 * m + (1 - beta1) * g
    step = (m_new / (1 - beta1**t)) / (np.sqrt(v_new / (1 - beta2**t)) + eps)
    return theta - lr * step, m_new, v_new


def _ewa_loop(values: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    out = np.zeros_like(values)
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        out[t - 1] = v / (1 - beta**t) if bias_correction else v
    return out


def _ewa_weights(values: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    T = len(values)
    t = np.arange(1, T + 1)
    w = (1 - beta) * beta ** (t[:, None] - t[None, :]) * (t[:, None] >= t[None, :])
    v = w @ values.astype(np.float64)
    v = v / (1 - beta**t) if bias_correction else v
    return v.astype(values.dtype)


def _inverse_np(lr0: float, epoch: int, decay_rate: float) -> Any:
    return np.float64(lr0) * (1.0 + decay_rate * epoch) ** -1


def _step_pow(lr0: float, epoch: int, drop: float, every: int) -> float:
    return lr0 * math.pow(drop, math.floor(epoch / every))


def _cosine_np(lr0: float, step: int, total: int, lr_min: float = 0.0) -> Any:
    return lr0 - (lr0 - lr_min) * (1 - np.cos(np.pi * step / total)) / 2


def _dropout_binomial(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
    mask = rng.binomial(1, keep_prob, size=A.shape).astype(A.dtype)
    return A * mask / keep_prob, mask


def _dropout_bool(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
    keep = rng.uniform(size=A.shape) < keep_prob
    return np.where(keep, A / keep_prob, 0).astype(A.dtype), keep


def _normalize_manual(X_train: np.ndarray, X_test: np.ndarray) -> Any:
    m = X_train.shape[1]
    mu = X_train.sum(axis=1, keepdims=True) / m
    sigma = np.sqrt(((X_train - mu) ** 2).sum(axis=1, keepdims=True) / m)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def _l2_frobenius(params: dict[str, np.ndarray], lambd: float, m: int) -> float:
    total = sum(np.linalg.norm(w, "fro") ** 2 for k, w in params.items() if k.startswith("W"))
    return float(lambd * total / (2 * m))


def _bn_std(Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    return gamma * ((Z - mu) / np.sqrt(var + eps)) + beta


def _bn_transposed(Z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> Any:
    Zt = Z.T
    norm = (Zt - Zt.mean(axis=0)) / np.sqrt(Zt.var(axis=0) + eps)
    return (norm * gamma.T + beta.T).T


def _bn_inference_rsqrt(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    scale = gamma / np.sqrt(running_var + eps)
    return scale * Z + (beta - scale * running_mean)


def _running_lerp(
    running_mean: np.ndarray, running_var: np.ndarray, Z: np.ndarray, beta: float = 0.9
) -> Any:
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    return running_mean + (1 - beta) * (mu - running_mean), running_var + (1 - beta) * (
        var - running_var
    )


def _ngrad_flat(f: Any, x: np.ndarray, eps: float = 1e-7) -> np.ndarray:
    flat = x.ravel()
    grad = np.zeros(flat.size)
    for i in range(flat.size):
        e = np.zeros(flat.size)
        e[i] = eps
        grad[i] = (f((flat + e).reshape(x.shape)) - f((flat - e).reshape(x.shape))) / (2 * eps)
    return grad.reshape(x.shape)


def _ngrad_copies(f: Any, x: np.ndarray, eps: float = 1e-7) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = np.copy(x), np.copy(x)
        plus[i] += eps
        minus[i] -= eps
        grad[i] = (f(plus) - f(minus)) / (2 * eps)
    return grad


def _reldiff_guarded(a: np.ndarray, b: np.ndarray) -> float:
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


def _reldiff_sqrt(a: np.ndarray, b: np.ndarray) -> float:
    num = math.sqrt(float(np.sum((a - b) ** 2)))
    den = math.sqrt(float(np.sum(a * a))) + math.sqrt(float(np.sum(b * b)))
    return num / den if den else 0.0


def _log_uniform_exp(low: float, high: float, rng: np.random.Generator, size: int) -> np.ndarray:
    return np.exp(rng.uniform(np.log(low), np.log(high), size=size))


def _log_uniform_rand(low: float, high: float, rng: np.random.Generator, size: int) -> np.ndarray:
    a, b = math.log10(low), math.log10(high)
    return np.clip(10 ** (a + (b - a) * rng.random(size)), low, high)


def _beta_r(rng: np.random.Generator, size: int) -> np.ndarray:
    r = -3 + 2 * rng.random(size)
    return 1 - 10**r


def _bias_variance_dict(h: float, tr: float, td: float, dev: float) -> tuple[float, float, float]:
    gaps = {"avoidable_bias": tr - h, "variance": td - tr, "data_mismatch": dev - td}
    return gaps["avoidable_bias"], gaps["variance"], gaps["data_mismatch"]


def _multitask_logaddexp(Z: np.ndarray, Y: np.ndarray) -> float:
    known = ~np.isnan(Y)
    Yk = np.where(known, Y, 0)
    loss = Yk * np.logaddexp(0, -Z) + (1 - Yk) * np.logaddexp(0, Z)
    return float(np.sum(loss[known]) / Z.shape[1])




def _k_fold_array_split(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    folds = np.array_split(np.arange(m), k)
    return [(np.concatenate(folds[:i] + folds[i + 1 :]), test) for i, test in enumerate(folds)]


def _k_fold_loop(m: int, k: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    out, start = [], 0
    for i in range(k):
        stop = start + m // k + (1 if i < m % k else 0)
        everything = np.arange(m)
        keep = (everything < start) | (everything >= stop)
        out.append((everything[keep][::-1], everything[start:stop]))  # any order within a fold
        start = stop
    return out


def _pca_eigh(X: np.ndarray, n_components: int) -> Any:
    mu = X.mean(axis=1, keepdims=True)
    Xc = X - mu
    w, V = np.linalg.eigh(Xc @ Xc.T / (X.shape[1] - 1))
    order = np.argsort(w)[::-1][:n_components]
    return -V[:, order], w[order], mu  # a direction's sign is free


def _pca_examples_as_rows(X: np.ndarray, n_components: int) -> Any:
    mu = X.mean(axis=1, keepdims=True)
    _, S, Vt = np.linalg.svd((X - mu).T, full_matrices=False)
    return Vt[:n_components].T, S[:n_components] ** 2 / (X.shape[1] - 1), mu


def _forward_loop(X: np.ndarray, params: dict[str, np.ndarray]) -> list[np.ndarray]:
    A, out = X, [X]
    L = len(params) // 2
    for layer in range(1, L):
        Z = params[f"W{layer}"] @ A + params[f"b{layer}"]
        A = np.where(Z > 0, Z, 0.0)
        out.append(A)
    out.append(1 / (1 + np.exp(-(params[f"W{L}"] @ A + params[f"b{L}"]))))
    return out


def _backward_dict(acts: Any, Y: np.ndarray, params: dict[str, np.ndarray]) -> Any:
    m, L = Y.shape[1], len(acts) - 1
    dA = None
    grads = {}
    for layer in reversed(range(1, L + 1)):
        dZ = acts[L] - Y if layer == L else dA * np.heaviside(acts[layer], 0.0)
        grads["W" + str(layer)] = np.einsum("im,jm->ij", dZ, acts[layer - 1]) / m
        grads["b" + str(layer)] = dZ.mean(axis=1, keepdims=True)
        dA = params["W" + str(layer)].T @ dZ
    return grads


def _batches_split(
    X: np.ndarray, Y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> Any:
    idx = np.arange(X.shape[1])
    rng.shuffle(idx)
    cuts = range(batch_size, X.shape[1], batch_size)
    parts = np.split(X[:, idx], cuts, axis=1), np.split(Y[:, idx], cuts, axis=1)
    return list(zip(*parts, strict=True))


def _train_plain(
    X: Any, Y: Any, layer_dims: Any, num_epochs: int, batch_size: int, lr: float, rng: Any
) -> Any:
    params = initialize_he(layer_dims, rng)
    state = {k: (np.zeros_like(p), np.zeros_like(p)) for k, p in params.items()}
    step = 1
    for _ in range(num_epochs):
        for X_t, Y_t in mini_batches(X, Y, batch_size, rng):
            grads = backward_pass(forward_pass(X_t, params), Y_t, params)
            for k in params:
                params[k], m_k, v_k = adam_step(params[k], grads[k], *state[k], step, lr=lr)
                state[k] = (m_k, v_k)
            step += 1
    return params


# the learner's own pieces, as a notebook holds them next to train_network
initialize_he = _he_normal
forward_pass = _forward_loop
backward_pass = _backward_dict
mini_batches = _batches_split
adam_step = _adam_reordered


ALTERNATIVES = [
    ("forward_pass", _forward_loop),
    ("backward_pass", _backward_dict),
    ("mini_batches", _batches_split),
    ("train_network", _train_plain),
    ("entropy", _entropy_where),
    ("entropy", _entropy_loop),
    ("entropy", _entropy_log_inverse),
    ("kl_divergence", _kl_masked),
    ("kl_divergence", _kl_cross_minus_entropy),
    ("softmax", _softmax_logsumexp),
    ("softmax", _softmax_transposed),
    ("sigmoid", _sigmoid_tanh),
    ("sigmoid", _sigmoid_piecewise),
    ("sigmoid", _sigmoid_logaddexp),
    ("tanh_grad", _tanh_grad_cosh),
    ("binary_cross_entropy", _bce_pick),
    ("binary_cross_entropy", _bce_masked),
    ("softmax_cross_entropy", _sce_log_softmax),
    ("softmax_cross_entropy", _sce_picked),
    ("logistic_propagate", _propagate_loop_free),
    ("linear_backward", _linear_backward_einsum),
    ("initialize_he", _he_normal),
    ("initialize_xavier", _xavier_divide),
    ("momentum_step", _momentum_lerp),
    ("rmsprop_step", _rmsprop_lerp),
    ("adam_step", _adam_reordered),
    ("exponentially_weighted_average", _ewa_loop),
    ("exponentially_weighted_average", _ewa_weights),
    ("inverse_time_decay", _inverse_np),
    ("step_decay", _step_pow),
    ("cosine_annealing", _cosine_np),
    ("dropout_forward", _dropout_binomial),
    ("dropout_forward", _dropout_bool),
    ("normalize_inputs", _normalize_manual),
    ("l2_penalty", _l2_frobenius),
    ("batchnorm_forward", _bn_std),
    ("batchnorm_forward", _bn_transposed),
    ("batchnorm_inference", _bn_inference_rsqrt),
    ("update_running_stats", _running_lerp),
    ("numerical_gradient", _ngrad_flat),
    ("numerical_gradient", _ngrad_copies),
    ("relative_difference", _reldiff_guarded),
    ("relative_difference", _reldiff_sqrt),
    ("sample_log_uniform", _log_uniform_exp),
    ("sample_log_uniform", _log_uniform_rand),
    ("sample_beta", _beta_r),
    ("bias_variance", _bias_variance_dict),
    ("multitask_cross_entropy", _multitask_logaddexp),
    ("k_fold_indices", _k_fold_array_split),
    ("k_fold_indices", _k_fold_loop),
    ("pca", _pca_eigh),
    ("pca", _pca_examples_as_rows),
]


def test_every_exercise_has_an_alternative_solution() -> None:
    assert {name for name, _ in ALTERNATIVES} == {ex.name for ex in ALL}


@pytest.mark.parametrize(("name", "fn"), ALTERNATIVES, ids=[f.__name__ for _, f in ALTERNATIVES])
def test_correct_solutions_written_other_ways_pass(name: str, fn: Any) -> None:
    result = check(name, fn)
    assert result.passed, str(result)


# ------------------------------------------------------------------ fitting: folds and PCA


def test_the_fitting_references_are_the_chapters() -> None:
    from dlnotes.features import _k_fold_indices, _pca, k_fold_indices, pca

    for name, chapter, public in (
        ("k_fold_indices", _k_fold_indices, k_fold_indices),
        ("pca", _pca, pca),
    ):
        ex = BY_NAME[name]
        assert ex.cases is not None
        for case in ex.cases():
            ref = ex.reference(*case.args, **case.kwargs)
            for want in (chapter(*case.args, **case.kwargs), public(*case.args, **case.kwargs)):
                assert len(ref) == len(want)
                for a, b in zip(ref, want, strict=True):
                    if name == "pca":
                        np.testing.assert_array_equal(a, b)
                    else:
                        for x, y in zip(a, b, strict=True):
                            np.testing.assert_array_equal(x, y)


def test_the_folds_are_scikit_learns() -> None:
    from sklearn.model_selection import KFold

    ex = BY_NAME["k_fold_indices"]
    assert ex.cases is not None
    for case in ex.cases():
        m, k = case.args[0], case.args[1] if len(case.args) > 1 else 5
        theirs = list(KFold(k).split(np.zeros((m, 1))))
        for (train, test), (their_train, their_test) in zip(ex.reference(m, k), theirs,
                                                            strict=True):
            assert (train == their_train).all() and (test == their_test).all()


def test_the_pca_directions_have_a_clear_largest_entry() -> None:
    """The checker signs each direction by its largest entry: on the cases no two entries of a
    direction (of the reference or of a mistake) are close in size, so rounding cannot flip it."""
    ex = BY_NAME["pca"]
    assert ex.cases is not None
    for case in ex.cases():
        for fn in (ex.reference, *(m.fn for m in ex.mistakes)):
            U = np.asarray(fn(*case.args)[0], dtype=np.float64)
            D = np.sort(np.abs(U.T if U.shape[0] < U.shape[1] else U), axis=0)
            assert (D[-1] - D[-2] > 1e-3).all(), fn.__name__


def test_pca_is_compared_up_to_the_sign_of_each_direction() -> None:
    ref = BY_NAME["pca"].reference

    def pca(X: np.ndarray, n_components: int) -> Any:
        U, variance, mu = ref(X, n_components)
        return U * np.where(np.arange(n_components) % 2 == 0, -1, 1).astype(X.dtype), variance, mu

    assert check("pca", pca).passed
    assert "compared up to its sign" in BY_NAME["pca"].task


def test_uncentred_pca_written_either_way_is_named() -> None:
    def svd_of_x(X: np.ndarray, n_components: int) -> Any:
        U, S, _ = np.linalg.svd(X, full_matrices=False)
        mu = X.mean(axis=1, keepdims=True)
        return U[:, :n_components], S[:n_components] ** 2 / (X.shape[1] - 1), mu

    def eig_of_xxt(X: np.ndarray, n_components: int) -> Any:
        w, V = np.linalg.eigh(X @ X.T / (X.shape[1] - 1))
        order = np.argsort(w)[::-1][:n_components]
        return V[:, order], w[order], X.mean(axis=1, keepdims=True)

    for fn in (svd_of_x, eig_of_xxt):
        result = check("pca", fn)
        assert result.mistake == "uncentred", str(result)
        assert "PCA without centring" in str(result) and "fitting/#pca" in str(result)
        assert "U: differs at index (0, 0)" in str(result)


def test_a_leaking_fold_is_named_whatever_its_test_folds() -> None:
    def k_fold_indices(m: int, k: int = 5) -> Any:
        size = m // k  # the remainder dropped too
        return [(np.arange(m), np.arange(i * size, (i + 1) * size)) for i in range(k)]

    result = check("k_fold_indices", k_fold_indices)
    assert result.mistake == "test_in_training", str(result)
    assert "train_idx also holds the test indices [0, 1, 2, 3, 4]" in str(result)


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (lambda m, k=5: [(list(range(m)), [0])] * k, "expected a 1-D NumPy array of integer"),
        (lambda m, k=5: [(np.arange(m), np.arange(2))], "expected k = 2 folds"),
        (lambda m, k=5: np.arange(m), "expected a list of 2 (train_idx, test_idx) pairs"),
        (lambda m, k=5: list(range(k)), "fold 0 is an int; expected a pair (train_idx, test_idx)"),
    ],
)
def test_wrong_folds_get_a_verdict(fn: Any, words: str) -> None:
    result = check("k_fold_indices", fn)
    assert not result.passed and words in str(result), str(result)


# ------------------------------------------------------------------ the capstone


def test_the_capstone_names_the_wrong_piece() -> None:
    from dlnotes.exercises.capstone import _with_piece
    from dlnotes.exercises.optimizers import _mistake_adam_beta1_for_v

    result = check("train_network", _with_piece("adam_step", _mistake_adam_beta1_for_v))
    assert result.mistake == "adam_step"
    verdict = str(result)
    assert "the piece adam_step is wrong" in verdict
    assert "the second moment bias-corrected with β₁" in verdict  # the piece's own verdict


def test_the_capstone_asks_for_a_missing_piece() -> None:
    namespace: dict[str, Any] = {}
    exec("def train_network(X, Y, layer_dims, num_epochs, batch_size, lr, rng):\n    pass",
         namespace)
    verdict = str(check("train_network", namespace["train_network"]))
    assert "no function initialize_he next to train_network" in verdict


def test_the_capstone_reference_reaches_the_reference_networks_accuracy() -> None:
    from dlnotes.exercises import capstone

    assert capstone.reference_accuracy() > 0.9
    assert check("train_network", BY_NAME["train_network"].reference).passed


# ------------------------------------------------------------------ broken functions


def test_the_unwritten_stub_says_so() -> None:
    namespace: dict[str, Any] = {}
    exec(BY_NAME["adam_step"].stub, namespace)
    result = check("adam_step", namespace["adam_step"])
    assert not result.passed
    assert "NotImplementedError: the stub is not written yet" in str(result)


def test_a_wrong_shape_gets_a_verdict() -> None:
    def softmax(z: np.ndarray) -> np.ndarray:
        return BY_NAME["softmax"].reference(z).reshape(-1, 1)

    verdict = str(check("softmax", softmax))
    assert "it returned shape (3, 1); expected (3,)" in verdict


def test_a_wrong_type_gets_a_verdict() -> None:
    def kl_divergence(p: np.ndarray, q: np.ndarray) -> Any:
        return [BY_NAME["kl_divergence"].reference(p, q)]

    assert "it returned a list of 1; expected one number" in str(
        check("kl_divergence", kl_divergence)
    )

    def momentum_step(
        theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
    ) -> Any:
        return BY_NAME["momentum_step"].reference(theta, g, v, lr, beta)[0]

    assert "expected a tuple of 2" in str(check("momentum_step", momentum_step))

    def forgot_return(p: np.ndarray) -> None:
        pass

    assert "None (did you forget the return?)" in str(check("entropy", forgot_return))


def test_a_warning_gets_a_verdict() -> None:
    def entropy(p: np.ndarray) -> Any:
        return -np.sum(np.where(p > 0, p * np.log(p), 0.0))  # np.where evaluates log(0)

    result = check("entropy", entropy)
    assert not result.passed
    assert "RuntimeWarning: divide by zero encountered in log" in str(result)


def test_an_overflowing_sigmoid_is_named_by_its_warning() -> None:
    def sigmoid(z: np.ndarray) -> np.ndarray:
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))

    result = check("sigmoid", sigmoid)
    assert not result.passed and result.mistake == "overflow"
    assert "overflow encountered in exp" in str(result)


def test_a_function_that_modifies_its_argument_gets_a_verdict() -> None:
    def momentum_step(
        theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
    ) -> Any:
        v *= beta
        v += (1 - beta) * g
        return theta - lr * v, v

    result = check("momentum_step", momentum_step)
    assert not result.passed
    assert "it modified its argument v" in str(result)

    def numerical_gradient(f: Any, x: np.ndarray, eps: float = 1e-7) -> np.ndarray:
        grad = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            x[i] += eps
            plus = f(x)
            x[i] -= 2 * eps
            grad[i] = (plus - f(x)) / (2 * eps)
        return grad  # x is left shifted by −ε in each component

    assert "it modified its argument x" in str(check("numerical_gradient", numerical_gradient))


def test_a_naive_slip_in_another_form_is_still_named() -> None:
    def binary_cross_entropy(y_hat: np.ndarray, y: np.ndarray) -> Any:
        return -np.mean(y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))  # sign slip, naive logs

    result = check("binary_cross_entropy", binary_cross_entropy)
    assert result.mistake == "sign", str(result)

    def kl_divergence(p: np.ndarray, q: np.ndarray) -> Any:
        return np.sum(q * np.log(q / p))  # swapped, naive

    assert check("kl_divergence", kl_divergence).mistake == "swapped"

    def softmax(z: np.ndarray) -> np.ndarray:
        return np.exp(z) / np.sum(np.exp(z), axis=0)

    assert check("softmax", softmax).mistake == "no_max_shift"


def test_random_functions_judged_by_properties() -> None:
    def global_state(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
        mask = np.random.default_rng().random(A.shape) < keep_prob  # ignores rng
        return A * mask / keep_prob, mask

    assert "draw from rng" in str(check("dropout_forward", global_state))

    def wrong_output(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
        mask = rng.random(A.shape) < keep_prob
        return A / keep_prob, mask

    assert "A_out is not A·mask/keep_prob" in str(check("dropout_forward", wrong_output))


@pytest.mark.parametrize("name", [ex.name for ex in ALL])
def test_the_stub_runs_and_has_the_reference_signature(name: str) -> None:
    ex = BY_NAME[name]
    namespace: dict[str, Any] = {}
    exec(ex.stub, namespace)
    stub = namespace[name]
    assert list(inspect.signature(stub).parameters) == list(
        inspect.signature(ex.reference).parameters
    )
    assert stub.__doc__ and ex.task and ex.hint
    assert ex.check_line == f'check("{name}", {name})'


def test_bad_input_errors_name_the_argument() -> None:
    ref = BY_NAME["entropy"].reference
    with pytest.raises(
        ValueError, match=r"name must be one of the exercises .*\(got 'entropyy'\).*'entropy'"
    ):
        check("entropyy", ref)
    with pytest.raises(TypeError, match=r"name must be a str.*\(got int\)"):
        check(3, ref)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"fn must be callable.*\(got str\)"):
        check("entropy", "entropy")
    with pytest.raises(ValueError, match=r"lang must be one of 'en', 'zh' \(got 'de'\)"):
        check("entropy", ref, lang="de")
    with pytest.raises(ValueError, match=r"chapter must be .*\(got 'optimisers'\); did you mean"):
        exercises("optimisers")
    with pytest.raises(TypeError, match=r"chapter must be a str or None \(got int\)"):
        exercises(3)  # type: ignore[arg-type]


def test_exercises_lists_in_chapter_order() -> None:
    assert [ex.chapter for ex in ALL] == sorted((ex.chapter for ex in ALL), key=GROUPS.index)
    assert [ex.name for ex in exercises("gradient-checking")] == [
        "numerical_gradient",
        "relative_difference",
    ]
    assert CHAPTERS == GROUPS[:-1] and GROUPS[-1] == "capstone"


def test_check_leaves_the_global_warning_state_alone() -> None:
    before = np.geterr()
    check("entropy", BY_NAME["entropy"].mistake("nan_at_zero").fn)
    assert np.geterr() == before


@pytest.mark.parametrize(
    ("name", "fn", "words"),
    [
        ("entropy", lambda p: 1 + 2j, "it returned a complex; expected one number"),
        ("entropy", lambda p: (x for x in p), "it returned a generator"),
        ("softmax", lambda z: z.tolist(), "it returned a list"),
        ("adam_step", lambda *a, **k: 1 / 0, "it raised ZeroDivisionError"),
        ("dropout_forward", lambda A, k, rng: A, "expected a tuple (A_out, mask)"),
        ("initialize_he", lambda d, rng: {"W1": 1}, "returned the keys ['W1']"),
        ("sample_beta", lambda rng, size: np.full(size, np.nan), "not all finite"),
        ("backward_pass", lambda a, Y, p: [1], "expected a dict with the keys"),
        ("mini_batches", lambda X, Y, b, rng: X, "expected a list of (X_t, Y_t) pairs"),
    ],
)
def test_odd_returns_get_a_verdict_not_a_traceback(name: str, fn: Any, words: str) -> None:
    result = check(name, fn)
    assert not result.passed and words in str(result), str(result)


def test_the_package_docstring_says_how_to_add_an_exercise() -> None:
    doc = E.__doc__ or ""
    assert "How the package is laid out, and how to add an exercise" in doc
    assert "known_mistake" in doc and "--write-pages" in doc
