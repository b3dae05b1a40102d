"""The exercise checker: references pass, every known mistake is named, other correct solutions
pass, and a broken function gets a verdict (never a traceback)."""

from __future__ import annotations

import copy
import inspect
import itertools
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dlnotes import exercises as E
from dlnotes.exercises import CHAPTERS, check, exercises

ROOT = Path(__file__).resolve().parent.parent
ALL = exercises()
MISTAKES = [(ex.name, m.id) for ex in ALL for m in ex.mistakes]


# ------------------------------------------------------------------ the catalogue


def test_at_least_24_exercises_and_two_per_chapter() -> None:
    assert len(ALL) >= 24
    for chapter in CHAPTERS:
        assert len(exercises(chapter)) >= 2, chapter
    assert {ex.chapter for ex in ALL} == set(CHAPTERS)
    assert len({ex.name for ex in ALL}) == len(ALL)


def test_chapters_are_the_docs_page_stems() -> None:
    for chapter in CHAPTERS:
        page = ROOT / "docs" / f"{chapter}.md"
        assert page.is_file() or (ROOT / "docs" / chapter / "index.md").is_file(), chapter


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
    ex = E._BY_NAME[name]
    sig = inspect.signature(ex.reference).replace(return_annotation=inspect.Signature.empty)
    bare = sig.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()]
    )
    assert str(bare) == DESIGN_SIGNATURES[name]


def test_the_design_mistakes_are_there() -> None:
    wanted = {
        ("normalize_inputs", "variance"),  # erratum 2
        ("momentum_step", "sum_form"),  # erratum 8
        ("adam_step", "no_eps"),  # erratum 10
        ("adam_step", "beta1_for_v"),  # erratum 11
        ("numerical_gradient", "plus_is_minus"),  # erratum 12
        ("numerical_gradient", "eps_not_2eps"),  # erratum 12
        ("binary_cross_entropy", "sign"),  # erratum 13
        ("adam_step", "eps_inside"),  # erratum 16
        ("kl_divergence", "swapped"),
        ("kl_divergence", "bits"),
        ("entropy", "nan_at_zero"),
        ("softmax", "no_max_shift"),
        ("batchnorm_forward", "unbiased"),
        ("batchnorm_forward", "wrong_axis"),
        ("dropout_forward", "not_inverted"),
        ("dropout_forward", "swapped"),
        ("numerical_gradient", "one_sided"),
        ("normalize_inputs", "test_own_statistics"),
        ("adam_step", "no_bias_correction"),
    }
    assert wanted <= set(MISTAKES)


def _anchors() -> dict[str, set[str]]:
    """Explicit {#id} anchors and heading slugs of every docs page, by page (errata included in
    conventions.md)."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "docs").glob("*.md"):
        texts = [path.read_text(encoding="utf-8")]
        if path.name == "conventions.md":
            texts += [p.read_text(encoding="utf-8") for p in (ROOT / "docs/errata").glob("*.md")]
        ids: set[str] = set()
        for text in texts:
            ids |= set(re.findall(r"\{#([A-Za-z0-9_-]+)", text))
            for heading in re.findall(r"^#+ (.+?)\s*(?:\{#.*)?$", text, flags=re.M):
                ids.add(re.sub(r"[^\w\- ]", "", heading.lower()).strip().replace(" ", "-"))
        found[path.name] = ids
    return found


def test_every_mistake_links_an_existing_anchor() -> None:
    anchors = _anchors()
    for ex in ALL:
        for m in ex.mistakes:
            page, _, anchor = m.link.partition("#")
            assert anchor in anchors.get(page, set()), (ex.name, m.id, m.link)


def test_the_errata_of_the_brief_link_their_entries() -> None:
    links = {(name, mid): E._BY_NAME[name].mistake(mid).link for name, mid in MISTAKES}
    assert links["normalize_inputs", "variance"] == "conventions.md#erratum-2"
    assert links["momentum_step", "sum_form"] == "conventions.md#erratum-8"
    assert links["adam_step", "no_eps"] == "conventions.md#erratum-10"
    assert links["adam_step", "beta1_for_v"] == "conventions.md#erratum-11"
    assert links["numerical_gradient", "plus_is_minus"] == "conventions.md#erratum-12"
    assert links["binary_cross_entropy", "sign"] == "conventions.md#erratum-13"
    assert links["adam_step", "eps_inside"] == "conventions.md#erratum-16"


# ------------------------------------------------------------------ references and mistakes


@pytest.mark.parametrize("name", [ex.name for ex in ALL])
def test_the_reference_passes(name: str) -> None:
    result = check(name, E._BY_NAME[name].reference)
    assert result.passed, str(result)
    assert result.mistake is None
    assert str(result).startswith(f"{name}: passed.")


@pytest.mark.parametrize(("name", "mistake_id"), MISTAKES)
def test_each_known_mistake_is_named(name: str, mistake_id: str) -> None:
    ex = E._BY_NAME[name]
    m = ex.mistake(mistake_id)
    result = check(name, m.fn)
    assert not result.passed
    assert result.mistake == mistake_id, str(result)
    verdict = str(result)
    assert m.title in verdict and m.link in verdict
    assert "First input where your function differs" in verdict


@pytest.mark.parametrize(("name", "mistake_id"), [x for x in MISTAKES if E._BY_NAME[x[0]].cases])
def test_each_mistake_differs_from_the_reference_on_the_inputs(name: str, mistake_id: str) -> None:
    """No mistake the checker could miss: on some input its result differs or it warns."""
    ex = E._BY_NAME[name]
    assert ex.cases is not None
    differs = False
    for case in ex.cases():
        ref = ex.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        value, warned = E._run_mistake(ex.mistake(mistake_id).fn, case)
        same = E._equivalent(value, ref, ex.rtol, ex.atol)
        differs |= warned or same is None or not same.all()
    assert differs


def test_the_momentum_verdict_says_it_is_a_rescaled_learning_rate() -> None:
    verdict = str(check("momentum_step", E._mistake_momentum_sum_form))
    assert "same method with a rescaled learning rate" in verdict
    assert "conventions.md#erratum-8" in verdict


def test_a_verdict_shows_the_input_and_expected_and_received() -> None:
    verdict = str(check("adam_step", E._mistake_adam_eps_inside))
    assert "gradients of 1e-9" in verdict
    assert "expected -9.090909091e-05, received -1e-08" in verdict


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


ALTERNATIVES = [
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
]


def test_every_exercise_has_an_alternative_solution() -> None:
    assert {name for name, _ in ALTERNATIVES} == {ex.name for ex in ALL}


@pytest.mark.parametrize(("name", "fn"), ALTERNATIVES, ids=[f.__name__ for _, f in ALTERNATIVES])
def test_correct_solutions_written_other_ways_pass(name: str, fn: Any) -> None:
    result = check(name, fn)
    assert result.passed, str(result)


# ------------------------------------------------------------------ broken functions


def test_a_function_that_raises_gets_a_verdict() -> None:
    def entropy(p: np.ndarray) -> float:
        raise ValueError("boom")

    result = check("entropy", entropy)
    assert not result.passed and result.mistake is None
    assert "it raised ValueError: boom" in str(result)


def test_the_unwritten_stub_says_so() -> None:
    namespace: dict[str, Any] = {}
    exec(E._BY_NAME["adam_step"].stub, namespace)
    result = check("adam_step", namespace["adam_step"])
    assert not result.passed
    assert "NotImplementedError: the stub is not written yet" in str(result)


def test_a_wrong_shape_gets_a_verdict() -> None:
    def softmax(z: np.ndarray) -> np.ndarray:
        return E._ref_softmax(z).reshape(-1, 1)

    verdict = str(check("softmax", softmax))
    assert "it returned shape (3, 1); expected (3,)" in verdict


def test_a_wrong_type_gets_a_verdict() -> None:
    def kl_divergence(p: np.ndarray, q: np.ndarray) -> Any:
        return [E._ref_kl_divergence(p, q)]

    assert "it returned a list of 1; expected one number" in str(
        check("kl_divergence", kl_divergence)
    )

    def momentum_step(
        theta: np.ndarray, g: np.ndarray, v: np.ndarray, lr: float, beta: float = 0.9
    ) -> Any:
        return E._ref_momentum_step(theta, g, v, lr, beta)[0]

    assert "expected a tuple of 2" in str(check("momentum_step", momentum_step))

    def forgot_return(p: np.ndarray) -> None:
        pass

    assert "None (did you forget the return?)" in str(check("entropy", forgot_return))


def test_a_wrong_dtype_gets_a_verdict() -> None:
    def sigmoid(z: np.ndarray) -> np.ndarray:
        return E._ref_sigmoid(z.astype(np.float64))

    assert "float64 for float32 input" in str(check("sigmoid", sigmoid))


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


def test_a_wrong_function_with_no_known_mistake_lists_them() -> None:
    def adam_step(
        theta: Any,
        g: Any,
        m: Any,
        v: Any,
        t: Any,
        lr: Any = 0.001,
        beta1: Any = 0.9,
        beta2: Any = 0.999,
        eps: Any = 1e-8,
    ) -> Any:
        theta_new, m_new, v_new = E._ref_adam_step(theta, g, m, v, t, lr, beta1, beta2, eps)
        return theta_new + 1, m_new, v_new

    result = check("adam_step", adam_step)
    assert not result.passed and result.mistake is None
    assert "None of the known mistakes matches" in str(result)


def test_random_functions_judged_by_properties() -> None:
    def global_state(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
        mask = np.random.default_rng().random(A.shape) < keep_prob  # ignores rng
        return A * mask / keep_prob, mask

    assert "draw from rng" in str(check("dropout_forward", global_state))

    def wrong_output(A: np.ndarray, keep_prob: float, rng: np.random.Generator) -> Any:
        mask = rng.random(A.shape) < keep_prob
        return A / keep_prob, mask

    assert "A_out is not A·mask/keep_prob" in str(check("dropout_forward", wrong_output))


# ------------------------------------------------------------------ stubs, CLI and bad input


@pytest.mark.parametrize("name", [ex.name for ex in ALL])
def test_the_stub_runs_and_has_the_reference_signature(name: str) -> None:
    ex = E._BY_NAME[name]
    namespace: dict[str, Any] = {}
    exec(ex.stub, namespace)
    stub = namespace[name]
    assert list(inspect.signature(stub).parameters) == list(
        inspect.signature(ex.reference).parameters
    )
    assert stub.__doc__ and ex.task and ex.hint
    assert ex.check_line == f'check("{name}", {name})'


def test_the_cli_prints_a_chapter() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dlnotes.exercises", "optimizers"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    out = proc.stdout
    assert "def adam_step(" in out and 'check("adam_step", adam_step)' in out
    assert "def momentum_step(" in out and "raise NotImplementedError" in out


def test_the_cli_rejects_an_unknown_chapter(capsys: pytest.CaptureFixture[str]) -> None:
    assert E.main(["nope"]) == 2
    assert "chapters: information-theory" in capsys.readouterr().err
    assert E.main([]) == 2
    assert E.main(["schedules"]) == 0
    assert "def cosine_annealing(" in capsys.readouterr().out


def test_bad_input_errors_name_the_argument() -> None:
    with pytest.raises(
        ValueError, match=r"name must be one of the exercises .*\(got 'entropyy'\).*'entropy'"
    ):
        check("entropyy", E._ref_entropy)
    with pytest.raises(TypeError, match=r"name must be a str.*\(got int\)"):
        check(3, E._ref_entropy)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"fn must be callable.*\(got str\)"):
        check("entropy", "entropy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"chapter must be one of .*\(got 'optimisers'\)"):
        exercises("optimisers")
    with pytest.raises(TypeError, match=r"chapter must be a str or None \(got int\)"):
        exercises(3)  # type: ignore[arg-type]


def test_exercises_lists_in_chapter_order() -> None:
    assert [ex.chapter for ex in ALL] == sorted((ex.chapter for ex in ALL), key=CHAPTERS.index)
    assert [ex.name for ex in exercises("gradient-checking")] == [
        "numerical_gradient",
        "relative_difference",
    ]


def test_check_leaves_the_global_warning_state_alone() -> None:
    before = np.geterr()
    check("entropy", E._mistake_entropy_nan_at_zero)
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
    ],
)
def test_odd_returns_get_a_verdict_not_a_traceback(name: str, fn: Any, words: str) -> None:
    result = check(name, fn)
    assert not result.passed and words in str(result), str(result)
