"""Every public callable against bad arguments, one at a time (issue 14).

The callables are enumerated from each module's ``__all__``: functions, class constructors and
their ``init``/``update``/``step`` methods; records (NamedTuples, and dataclasses without those
methods) and constants are skipped. Each callable has one valid example call in ``VALID``, with
the kind of each argument; a public name without an entry fails ``test_every_public_callable_
has_a_valid_call``, so none can be forgotten. Each argument is then replaced by values made for
its kind (NaN, ±inf, a wrong shape, a wrong type: str, None, a list of str, object(), a bool,
float32 mixed in, out-of-range numbers), hypothesis drawing where the NaN goes and which
out-of-range number is tried, and the call must either

- raise ``ValueError`` or ``TypeError`` whose message names the argument (nothing else escapes),
  which a value marked ``FAIL`` must do, or
- succeed, which a value marked ``PASS`` (a 0-d array where a number goes, a NumPy int) must do;

in both cases without a warning and without modifying an argument (except the generator that
draws, and the optimizer state that ``update`` owns and may reuse). Values marked ``MAY`` (a
float32 array, a bool array, a list instead of an array) may do either, and ``OTHER`` may
name another argument (a trailing axis on ``images`` makes ``width`` too wide). Seeded:
hypothesis runs derandomized, so every run tries the same values.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import inspect
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FAIL, PASS, MAY, OTHER = "fail", "pass", "may", "other"
# Values of the wrong kind of object: where one must fail, it is a TypeError (not a ValueError).
# ("list of str" is left out: a sequence of the wrong length may be a ValueError first.)
WRONG_KIND = ("str", "None", "object()", "int seed", "RandomState", "tuple()")
MODULES = (
    "activations", "autodiff", "batchnorm", "data", "ensembles", "exercises", "fast", "features",
    "gradcheck",
    "information", "initializers", "layers", "logistic", "losses", "network", "optimizers",
    "regularization", "schedules", "strategy", "tuning",
)
# Public callables that are not library functions: each with its reason.
SKIP = {
    "exercises.main": "the command line: prints a usage message and returns 2, by design",
}
METHODS = ("init", "update", "step")


# ---------------------------------------------------------------- argument kinds
# A kind maps (valid value, hypothesis data) to a list of (label, bad value, outcome).

Case = tuple[str, object, str]
Kind = Callable[[object, st.DataObject], list[Case]]
WRONG = [("str", "abc", FAIL), ("None", None, FAIL), ("list of str", ["a", "b"], FAIL),
         ("object()", object(), FAIL)]


def _without(cases: list[Case], labels: tuple[str, ...]) -> list[Case]:
    return [c for c in cases if c[0] not in labels]


def _with_outcomes(cases: list[Case], outcomes: dict[str, str]) -> list[Case]:
    return [(lab, v, outcomes.get(lab, out)) for lab, v, out in cases]


def arr(*, shape: str = FAIL, nan: str = FAIL, inf: str = FAIL, empty: str = FAIL,
        extra: tuple[Case, ...] = (), none: str = FAIL) -> Kind:
    """A float array: NaN/inf at a drawn entry, a trailing axis, empty, float32, bools, list."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        a = np.asarray(valid, dtype=float)
        i = data.draw(st.integers(0, a.size - 1), label="entry")

        def put(x: float) -> np.ndarray:
            b = a.copy()
            b.flat[i] = x
            return b

        out = [("NaN entry", put(np.nan), nan), ("+inf entry", put(np.inf), inf),
               ("-inf entry", put(-np.inf), inf), ("trailing axis", a[..., None], shape),
               ("empty", np.zeros((0,) * max(a.ndim, 1)), empty),
               ("float32", a.astype(np.float32), MAY), ("bool array", a > 0, MAY),
               ("nested list", a.tolist(), MAY), ("bool", True, MAY),
               ("entry 1e4", put(1e4), MAY), ("entry -1e4", put(-1e4), MAY),
               ("entry 1e300", put(1e300), MAY), ("entry -1e300", put(-1e300), MAY), *extra]
        if a.ndim >= 2:
            out.append(("flattened", a.ravel(), shape))
        return _with_outcomes(out + WRONG, {"None": none})

    return cases


def num(*, bad: tuple[float, ...] = (), inf: str = FAIL, none: str = FAIL,
        seq: str = FAIL) -> Kind:
    """A real number: NaN, ±inf, a bool, a sequence, wrong types, out-of-range numbers."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        v = float(valid)  # type: ignore[arg-type]
        out: list[Case] = [("NaN", math.nan, FAIL), ("+inf", math.inf, inf),
                           ("-inf", -math.inf, inf), ("bool", True, FAIL),
                           ("[value]", [v], seq), ("0-d array", np.array(v), PASS),
                           ("float32", np.float32(v), MAY), *WRONG]
        if bad:
            out.append(("out of range", data.draw(st.sampled_from(bad), label="bad"), FAIL))
        return _with_outcomes(out, {"None": none})

    return cases


def integer(*, bad: tuple[int, ...] = (), none: str = FAIL) -> Kind:
    """An int: a float, NaN, inf, a bool, wrong types, out-of-range ints; NumPy ints pass."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        n = int(valid)  # type: ignore[call-overload]
        out: list[Case] = [("float", n + 0.5, FAIL), ("NaN", math.nan, FAIL),
                           ("inf", math.inf, FAIL), ("bool", True, FAIL),
                           ("np.int64", np.int64(n), PASS), ("0-d array", np.array(n), PASS),
                           ("[value]", [n], FAIL), *WRONG]
        if bad:
            out.append(("out of range", data.draw(st.sampled_from(bad), label="bad"), FAIL))
        return _with_outcomes(out, {"None": none})

    return cases


def choice(*, none: str = FAIL) -> Kind:
    """A string choice: an unknown string, and non-strings (a TypeError)."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        out: list[Case] = [("unknown", "nonesuch", FAIL), ("int", 1, FAIL), ("bool", True, FAIL),
                           ("[valid]", [valid], FAIL), *_without(WRONG, ("str",))]
        return _with_outcomes(out, {"None": none})

    return cases


def flag(valid: object, data: st.DataObject) -> list[Case]:
    """A bool: truthy non-bools fail, NumPy bools pass."""
    b = bool(valid)
    return [("str", "no", FAIL), ("int", 1, FAIL), ("None", None, FAIL), ("float", 0.0, FAIL),
            ("object()", object(), FAIL), ("np.bool_", np.bool_(b), PASS),
            ("0-d array", np.array(b), PASS)]


def generator(*, none: str = FAIL) -> Kind:
    def cases(valid: object, data: st.DataObject) -> list[Case]:
        return [("int seed", 0, FAIL), ("str", "rng", FAIL), ("object()", object(), FAIL),
                ("RandomState", np.random.RandomState(0), FAIL), ("None", None, none)]

    return cases


def mapping(*, none: str = FAIL, keys: str = FAIL, read: str = "") -> Kind:
    """A dict of arrays: NaN/inf in a drawn entry, a missing key, float32, not a dict.

    ``read``: the prefix of the keys the function reads (the penalties read only "W…"), where
    NaN and inf are put."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        d = dict(valid)  # type: ignore[call-overload]
        key = data.draw(st.sampled_from(sorted(k for k in d if k.startswith(read))),
                        label="key")

        def put(x: float) -> dict[str, object]:
            b = np.array(d[key], dtype=float)
            b.flat[data.draw(st.integers(0, b.size - 1), label="entry")] = x
            return {**d, key: b}

        first = d[sorted(d)[0]]
        out: list[Case] = [
            ("NaN entry", put(np.nan), FAIL), ("+inf entry", put(np.inf), FAIL),
            ("-inf entry", put(-np.inf), FAIL),
            ("float32", {k: np.asarray(v, dtype=np.float32) for k, v in d.items()}, MAY),
            ("missing key", {k: v for k, v in d.items() if k != key}, keys),
            ("int key", {**d, 1: first}, MAY), ("list", list(d.values()), FAIL),
            ("entry of str", {**d, key: "abc"}, FAIL), ("bool", True, FAIL), *WRONG,
        ]
        return _with_outcomes(out, {"None": none})

    return cases


def opaque(*, none: str = FAIL, extra: tuple[Case, ...] = ()) -> Kind:
    """An object made by the library (a state, a cache, a callable): other objects fail."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        out: list[Case] = [("int", 1, FAIL), ("tuple()", (), FAIL), ("bool", True, FAIL),
                           *extra, *WRONG]
        return _with_outcomes(out, {"None": none})

    return cases


def custom(*cases_: Case, wrong: bool = True) -> Kind:
    """Given values (a sequence argument), plus the wrong types."""

    def cases(valid: object, data: st.DataObject) -> list[Case]:
        return [*cases_, *(WRONG if wrong else [])]

    return cases


# ---------------------------------------------------------------- the valid calls


def _rng() -> np.random.Generator:
    return np.random.default_rng(0)


def _a(*shape: int, seed: int = 0, low: float = -1.0, high: float = 1.0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(low, high, shape)


def _params() -> dict[str, np.ndarray]:
    return {"W1": _a(4, 3), "b1": _a(4, 1, seed=1), "W2": _a(1, 4, seed=2), "b2": _a(1, 1)}


X35, Y15 = _a(3, 5, seed=3), np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
P3, Q3, PXY = np.array([0.2, 0.3, 0.5]), np.array([0.1, 0.6, 0.3]), np.array([[0.1, 0.2],
                                                                              [0.3, 0.4]])
YH, Y01 = np.array([[0.2, 0.7, 0.9, 0.4]]), np.array([[0.0, 1.0, 1.0, 0.0]])
LABELS = np.array([0, 2, 1, 2])
IMG, IMGS = _a(4, 4, seed=5), _a(2, 4, 4, seed=6)


def _forward() -> tuple[np.ndarray, list]:
    from dlnotes.network import model_forward
    return model_forward(X35, _params(), keep_prob=0.8, rng=_rng())


def _bn(module: str = "batchnorm") -> tuple[np.ndarray, object]:
    return importlib.import_module(f"dlnotes.{module}").batchnorm_forward(
        _a(2, 4), np.ones((2, 1)), np.zeros((2, 1)))


def _linear_cache() -> object:
    from dlnotes.layers import linear_forward
    return linear_forward(_a(3, 4), _a(2, 3, seed=1), _a(2, 1, seed=2))[1]


def _activation_cache() -> object:
    from dlnotes.layers import linear_activation_forward
    return linear_activation_forward(_a(3, 4), _a(2, 3, seed=1), _a(2, 1, seed=2), "tanh")[1]


def _sin_sum(x: np.ndarray) -> float:
    """A function to differentiate that is defined (without an overflow) for every finite x."""
    return float(np.sum(np.sin(x)))


@dataclasses.dataclass
class Call:
    """One valid call: ``args()`` gives fresh keyword arguments; ``kinds`` the kind of each
    argument fuzzed; ``self_`` makes the instance for a method; ``owned`` the arguments the
    callable may modify (an optimizer's state)."""

    args: Callable[[], dict[str, Any]]
    kinds: dict[str, Kind]
    self_: Callable[[], object] | None = None
    owned: tuple[str, ...] = ()


POS = num(bad=(0.0, -1.0))  # a number > 0
NONNEG = num(bad=(-1e-3, -5.0))
UNIT = num(bad=(-0.1, 1.5))  # in [0, 1]
BETA = num(bad=(-0.1, 1.0, 2.0))  # in [0, 1)
KEEP = num(bad=(0.0, -0.5, 1.5))  # in (0, 1]
ELEMENTWISE = arr(shape=MAY, inf=MAY)  # any shape; ±inf is a limit (σ(∞) = 1)
REDUCTION = choice()


def _activations() -> dict[str, Call]:
    calls = {f"activations.{n}": Call(lambda: {"z": _a(2, 3)}, {"z": ELEMENTWISE})
             for n in ("relu", "relu_grad", "sigmoid", "sigmoid_grad", "tanh", "tanh_grad")}
    for n in ("elu", "elu_grad", "leaky_relu", "leaky_relu_grad"):
        calls[f"activations.{n}"] = Call(lambda: {"z": _a(2, 3), "alpha": 0.1},
                                         {"z": ELEMENTWISE, "alpha": num(bad=(-0.5,))})
    for n in ("prelu", "prelu_grad", "prelu_grad_alpha"):
        calls[f"activations.{n}"] = Call(
            lambda: {"z": _a(2, 3), "alpha": np.full((2, 1), 0.2)},
            {"z": ELEMENTWISE, "alpha": arr(shape=MAY, empty=MAY, none=FAIL)})
    for n in ("softmax", "log_softmax"):
        calls[f"activations.{n}"] = Call(lambda: {"z": _a(3, 2), "axis": 0},
                                         {"z": arr(shape=MAY), "axis": integer(bad=(2, -3))})
    return calls


def _losses() -> dict[str, Call]:
    calls = {}
    for n in ("binary_cross_entropy", "binary_cross_entropy_grad"):
        calls[f"losses.{n}"] = Call(lambda: {"y_hat": YH, "y": Y01, "reduction": "mean"},
                                    {"y_hat": arr(), "y": arr(), "reduction": REDUCTION})
    for n in ("binary_cross_entropy_with_logits", "binary_cross_entropy_with_logits_grad"):
        calls[f"losses.{n}"] = Call(lambda: {"z": _a(1, 4), "y": Y01, "reduction": "sum"},
                                    {"z": arr(), "y": arr(), "reduction": REDUCTION})
    for n in ("mean_squared_error", "mean_squared_error_grad"):
        calls[f"losses.{n}"] = Call(
            lambda: {"y_hat": _a(2, 3), "y": _a(2, 3, seed=1), "reduction": "sum"},
            {"y_hat": arr(), "y": arr(), "reduction": REDUCTION})
    for n in ("softmax_cross_entropy", "softmax_cross_entropy_grad"):
        calls[f"losses.{n}"] = Call(
            lambda: {"logits": _a(3, 4), "y": LABELS, "axis": 0, "reduction": "mean"},
            {"logits": arr(), "y": arr(), "axis": integer(bad=(2, -3)), "reduction": REDUCTION})
    return calls


def _information() -> dict[str, Call]:
    base = num(bad=(1.0, 0.0, -2.0), none=PASS)
    calls = {}
    for n in ("cross_entropy", "kl_divergence", "js_divergence"):
        calls[f"information.{n}"] = Call(
            lambda: {"p": P3, "q": Q3, "base": 2.0, "axis": 0},
            {"p": arr(shape=MAY), "q": arr(shape=MAY), "base": base,
             "axis": integer(bad=(1, -2))})
    calls["information.entropy"] = Call(lambda: {"p": P3, "base": 2.0, "axis": 0},
                                        {"p": arr(shape=MAY), "base": base,
                                         "axis": integer(bad=(1, -2))})
    for n in ("joint_entropy", "conditional_entropy", "mutual_information"):
        calls[f"information.{n}"] = Call(lambda: {"pxy": PXY, "base": 2.0},
                                         {"pxy": arr(), "base": base})
    return calls


def _optimizers() -> dict[str, Call]:
    hyper = {
        "SGD": {"lr": (0.1, POS)},
        "Momentum": {"lr": (0.1, POS), "beta": (0.9, BETA)},
        "Nesterov": {"lr": (0.1, POS), "beta": (0.9, BETA)},
        "AdaGrad": {"lr": (0.1, POS), "eps": (1e-8, NONNEG)},
        "RMSprop": {"lr": (0.1, POS), "beta": (0.9, BETA), "eps": (1e-8, NONNEG)},
        "Adam": {"lr": (0.1, POS), "beta1": (0.9, BETA), "beta2": (0.999, BETA),
                 "eps": (1e-8, NONNEG)},
    }
    calls: dict[str, Call] = {}
    for module, names in (("optimizers", hyper), ("fast", {"Adam": hyper["Adam"]})):
        for name, spec in names.items():
            cls = getattr(importlib.import_module(f"dlnotes.{module}"), name)
            values = {k: v for k, (v, _) in spec.items()}
            calls[f"{module}.{name}"] = Call(functools.partial(dict, values),
                                             {k: kind for k, (_, kind) in spec.items()})

            def make(cls: type = cls, values: dict = values) -> object:
                return cls(**values)

            calls[f"{module}.{name}.init"] = Call(lambda: {"params": _params()},
                                                  {"params": mapping(keys=MAY)}, self_=make)
            def update_args(make: Callable[[], Any] = make) -> dict[str, Any]:
                return {"params": _params(), "grads": _params(), "state": make().init(_params())}

            calls[f"{module}.{name}.update"] = Call(
                update_args,
                {"params": mapping(), "grads": mapping(), "state": opaque()},
                self_=make, owned=("state",))
    grads = mapping(keys=MAY)
    calls["optimizers.clip_by_value"] = Call(lambda: {"grads": _params(), "limit": 0.5},
                                             {"grads": grads, "limit": POS})
    calls["optimizers.clip_by_global_norm"] = Call(lambda: {"grads": _params(), "max_norm": 0.5},
                                                   {"grads": grads, "max_norm": POS})
    calls["optimizers.exponentially_weighted_average"] = Call(
        lambda: {"values": _a(5), "beta": 0.9, "bias_correction": True},
        {"values": arr(shape=MAY), "beta": BETA, "bias_correction": flag})
    return calls


def _schedules() -> dict[str, Call]:
    epoch = arr(shape=MAY, extra=(("negative", -1.0, FAIL),))
    return {
        "schedules.inverse_time_decay": Call(
            lambda: {"lr0": 0.1, "epoch": np.arange(1.0, 4.0), "decay_rate": 0.5},
            {"lr0": POS, "epoch": epoch, "decay_rate": NONNEG}),
        "schedules.exponential_decay": Call(
            lambda: {"lr0": 0.1, "epoch": np.arange(1.0, 4.0), "base": 0.9},
            {"lr0": POS, "epoch": epoch, "base": num(bad=(0.0, 1.5, -0.5))}),
        "schedules.sqrt_decay": Call(
            lambda: {"lr0": 0.1, "epoch": np.arange(1.0, 4.0), "k": 2.0},
            {"lr0": POS, "epoch": arr(shape=MAY, extra=(("zero", 0.0, FAIL),)), "k": POS}),
        "schedules.step_decay": Call(
            lambda: {"lr0": 0.1, "epoch": np.arange(1.0, 4.0), "drop": 0.5, "every": 2},
            {"lr0": POS, "epoch": epoch, "drop": num(bad=(0.0, 1.5)),
             "every": integer(bad=(0, -1))}),
        "schedules.cosine_annealing": Call(
            lambda: {"lr0": 0.1, "step": np.arange(1.0, 4.0), "total": 3, "lr_min": 0.01},
            {"lr0": POS, "step": epoch, "total": integer(bad=(0, -2)),
             "lr_min": num(bad=(-0.1, 0.2))}),
        "schedules.ReduceOnPlateau": Call(
            lambda: {"factor": 0.5, "patience": 2, "mode": "min", "threshold": 1e-4,
                     "threshold_mode": "rel", "cooldown": 1, "min_lr": 1e-6, "eps": 1e-8},
            {"factor": num(bad=(0.0, 1.0, 2.0)), "patience": integer(bad=(-1,)),
             "mode": choice(), "threshold": NONNEG, "threshold_mode": choice(),
             "cooldown": integer(bad=(-1,)), "min_lr": NONNEG, "eps": NONNEG}),
        "schedules.ReduceOnPlateau.init": Call(lambda: {"lr0": 0.1}, {"lr0": POS},
                                               self_=_plateau),
        "schedules.ReduceOnPlateau.update": Call(
            lambda: {"metric": 0.5, "state": _plateau().init(0.1)},  # type: ignore[attr-defined]
            {"metric": num(), "state": opaque()}, self_=_plateau),
    }


def _plateau() -> object:
    from dlnotes.schedules import ReduceOnPlateau
    return ReduceOnPlateau(patience=1)


def _regularization() -> dict[str, Call]:
    weights = mapping(keys=MAY, read="W")
    penalty = {"params": weights, "lambd": NONNEG, "m": integer(bad=(0, -3))}
    calls = {f"regularization.{n}": Call(lambda: {"params": _params(), "lambd": 0.1, "m": 5},
                                         penalty)
             for n in ("l1_penalty", "l1_penalty_grad", "l2_penalty", "l2_penalty_grad")}
    calls.update({
        "regularization.l1_proximal_step": Call(
            lambda: {"params": _params(), "lr": 0.1, "lambd": 0.1, "m": 5},
            {**penalty, "lr": POS}),
        "regularization.dropout_forward": Call(
            lambda: {"A": _a(3, 4), "keep_prob": 0.8, "rng": _rng()},
            {"A": arr(shape=MAY), "keep_prob": KEEP, "rng": generator()}),
        "regularization.dropout_backward": Call(
            lambda: {"dA": _a(3, 4), "mask": (_a(3, 4, seed=1) > 0).astype(float),
                     "keep_prob": 0.8},
            {"dA": arr(), "mask": arr(extra=(("2 in mask", np.full((3, 4), 2.0), FAIL),)),
             "keep_prob": KEEP}),
        "regularization.fit_normalizer": Call(lambda: {"X": _a(2, 4)}, {"X": arr()}),
        "regularization.normalize": Call(
            lambda: {"X": _a(2, 4), "mu": np.zeros((2, 1)), "sigma": np.ones((2, 1))},
            {"X": arr(), "mu": arr(), "sigma": arr(extra=(("zero", np.zeros((2, 1)), FAIL),))}),
        "regularization.EarlyStopping": Call(
            lambda: {"patience": 2, "min_delta": 0.01},
            {"patience": integer(bad=(0, -1)), "min_delta": NONNEG}),
        "regularization.EarlyStopping.init": Call(dict, {}, self_=_early),
        "regularization.EarlyStopping.update": Call(
            lambda: {"state": _early().init(), "dev_cost": 0.5},  # type: ignore[attr-defined]
            {"state": opaque(), "dev_cost": num(inf=MAY)}, self_=_early),
        "regularization.flip": Call(lambda: {"images": IMG, "direction": "vertical"},
                                    {"images": arr(shape=MAY), "direction": choice()}),
        "regularization.random_flip": Call(
            lambda: {"images": IMGS, "rng": _rng(), "p": 0.5},
            {"images": arr(), "rng": generator(), "p": UNIT}),
        "regularization.crop": Call(
            lambda: {"images": IMG, "top": 1, "left": 1, "height": 2, "width": 2},
            {"images": arr(shape=OTHER), "top": integer(bad=(-1, 3)),
             "left": integer(bad=(-1, 3)), "height": integer(bad=(0, 5)),
             "width": integer(bad=(0, 5))}),
        "regularization.random_crop": Call(
            lambda: {"images": IMGS, "height": 2, "width": 3, "rng": _rng()},
            {"images": arr(), "height": integer(bad=(0, 5)), "width": integer(bad=(0, 5)),
             "rng": generator()}),
        "regularization.shift": Call(
            lambda: {"images": IMG, "dy": 1, "dx": -1, "fill": 0.5},
            {"images": arr(shape=MAY), "dy": integer(), "dx": integer(), "fill": num()}),
        "regularization.random_shift": Call(
            lambda: {"images": IMGS, "max_shift": 1, "rng": _rng(), "fill": 0.0},
            {"images": arr(), "max_shift": integer(bad=(-1,)), "rng": generator(),
             "fill": num()}),
    })
    return calls


def _early() -> object:
    from dlnotes.regularization import EarlyStopping
    return EarlyStopping(patience=2)


def _network() -> dict[str, Call]:
    keep = num(bad=(0.0, 1.5), seq=MAY)
    labels = arr(extra=(("2 as a label", np.full((1, 5), 2.0), FAIL),))

    def train_args() -> dict[str, Any]:
        from dlnotes.optimizers import SGD
        return {"X": X35, "Y": Y15, "layer_dims": [3, 4, 1], "optimizer": SGD(0.1),
                "num_epochs": 2, "rng": _rng(), "batch_size": 2, "initialization": "xavier",
                "scale": 0.01, "lambd": 0.1, "keep_prob": 0.9, "hidden": "tanh",
                "output": "sigmoid", "record_every": 1}

    from dlnotes.optimizers import SGD
    return {
        "network.model_forward": Call(
            lambda: {"X": X35, "params": _params(), "hidden": "tanh", "output": "sigmoid",
                     "keep_prob": 0.8, "rng": _rng()},
            {"X": arr(), "params": mapping(), "hidden": choice(), "output": choice(),
             "keep_prob": keep, "rng": generator()}),
        "network.predict": Call(
            lambda: {"X": X35, "params": _params(), "hidden": "relu", "output": "sigmoid"},
            {"X": arr(), "params": mapping(), "hidden": choice(), "output": choice()}),
        "network.compute_cost": Call(
            lambda: {"AL": np.full((1, 5), 0.3), "Y": Y15, "params": _params(), "lambd": 0.1,
                     "output": "sigmoid"},
            {"AL": arr(), "Y": labels, "params": mapping(keys=MAY, read="W"), "lambd": NONNEG,
             "output": choice()}),
        "network.compute_cost_from_logits": Call(
            lambda: {"ZL": _a(1, 5), "Y": Y15, "params": _params(), "lambd": 0.1,
                     "output": "sigmoid"},
            {"ZL": arr(), "Y": labels, "params": mapping(keys=MAY, read="W"), "lambd": NONNEG,
             "output": choice()}),
        "network.model_backward": Call(
            lambda: {"AL": _forward()[0], "Y": Y15, "caches": _forward()[1], "lambd": 0.1},
            {"AL": arr(), "Y": labels, "caches": opaque(), "lambd": NONNEG}),
        "network.train": Call(train_args, {
            "X": arr(), "Y": labels,
            "layer_dims": custom(("too short", [3], FAIL), ("a zero", [3, 0, 1], FAIL),
                                 ("wrong input size", [2, 4, 1], FAIL),
                                 ("a float", [3, 4.5, 1], FAIL), ("an int", 3, FAIL)),
            "optimizer": opaque(extra=(("the class", SGD, FAIL),)),
            "num_epochs": integer(bad=(0,)), "rng": generator(),
            "batch_size": integer(bad=(0,), none=PASS), "initialization": choice(),
            "scale": POS, "lambd": NONNEG, "keep_prob": keep, "hidden": choice(),
            "output": choice(), "record_every": integer(bad=(0,))}),
    }


# Caches of the right length whose parts are wrong: the message names the cache.
_A, _W, _B = _a(3, 4), _a(2, 3, seed=1), _a(2, 1, seed=2)
MALFORMED_LINEAR: tuple[Case, ...] = (
    ("numbers", (1, 2, 3), FAIL), ("a str part", (_A, _W, "b"), FAIL),
    ("W of the wrong width", (_A, _a(2, 5), _B), FAIL),
    ("b of the wrong height", (_A, _W, _a(3, 1)), FAIL),
    ("NaN in A_prev", (np.full((3, 4), np.nan), _W, _B), FAIL),
)
MALFORMED_ACTIVATION: tuple[Case, ...] = (
    ("numbers", (1, 2, "tanh"), FAIL), ("unknown activation", ((_A, _W, _B), _a(2, 4), "x"), FAIL),
    ("Z of the wrong shape", ((_A, _W, _B), _a(3, 4), "tanh"), FAIL),
    ("linear part of numbers", ((1, 2, 3), _a(2, 4), "tanh"), FAIL),
    ("linear part of the wrong length", ((_A, _W), _a(2, 4), "tanh"), FAIL),
)


def _layers() -> dict[str, Call]:
    act = choice()
    return {
        "layers.linear_forward": Call(
            lambda: {"A_prev": _a(3, 4), "W": _a(2, 3, seed=1), "b": _a(2, 1, seed=2)},
            {"A_prev": arr(), "W": arr(), "b": arr()}),
        "layers.linear_backward": Call(lambda: {"dZ": _a(2, 4), "cache": _linear_cache()},
                                       {"dZ": arr(), "cache": opaque(extra=MALFORMED_LINEAR)}),
        "layers.activation_forward": Call(lambda: {"Z": _a(2, 4), "activation": "relu"},
                                          {"Z": arr(shape=MAY), "activation": act}),
        "layers.activation_backward": Call(
            lambda: {"dA": _a(2, 4), "Z": _a(2, 4, seed=1), "activation": "sigmoid"},
            {"dA": arr(), "Z": arr(), "activation": act}),
        "layers.linear_activation_forward": Call(
            lambda: {"A_prev": _a(3, 4), "W": _a(2, 3, seed=1), "b": _a(2, 1, seed=2),
                     "activation": "tanh"},
            {"A_prev": arr(), "W": arr(), "b": arr(), "activation": act}),
        "layers.linear_activation_backward": Call(
            lambda: {"dA": _a(2, 4), "cache": _activation_cache()},
            {"dA": arr(), "cache": opaque(extra=MALFORMED_ACTIVATION)}),
    }


def _batchnorm() -> dict[str, Call]:
    calls = {}
    for module in ("batchnorm", "fast"):
        calls[f"{module}.batchnorm_forward"] = Call(
            lambda: {"Z": _a(2, 4), "gamma": np.ones((2, 1)), "beta": np.zeros((2, 1)),
                     "eps": 1e-5},
            {"Z": arr(), "gamma": arr(), "beta": arr(), "eps": POS})
        calls[f"{module}.batchnorm_backward"] = Call(
            functools.partial(_backward_args, module),
            {"dZ_tilde": arr(), "cache": opaque()})
    calls["batchnorm.update_running_stats"] = Call(
        lambda: {"running_mean": np.zeros((2, 1)), "running_var": np.ones((2, 1)),
                 "cache": _bn()[1], "beta": 0.9},
        {"running_mean": arr(), "running_var": arr(extra=(("negative", -np.ones((2, 1)),
                                                           FAIL),)),
         "cache": opaque(), "beta": BETA})
    calls["batchnorm.batchnorm_inference"] = Call(
        lambda: {"Z": _a(2, 4), "gamma": np.ones((2, 1)), "beta": np.zeros((2, 1)),
                 "running_mean": np.zeros((2, 1)), "running_var": np.ones((2, 1)), "eps": 1e-5},
        {"Z": arr(), "gamma": arr(), "beta": arr(), "running_mean": arr(),
         "running_var": arr(), "eps": POS})
    calls["fast.softmax_cross_entropy_with_grad"] = Call(
        lambda: {"logits": _a(3, 4), "y": LABELS}, {"logits": arr(), "y": arr()})
    return calls


def _backward_args(module: str) -> dict[str, Any]:
    return {"dZ_tilde": _a(2, 4, seed=1), "cache": _bn(module)[1]}


def _gradcheck() -> dict[str, Call]:
    fn = opaque()
    calls = {f"gradcheck.{n}": Call(lambda: {"f": _sin_sum, "x": _a(3), "eps": 1e-6},
                                    {"f": fn, "x": arr(shape=MAY), "eps": POS})
             for n in ("numerical_gradient", "one_sided_difference")}
    calls["gradcheck.gradient_check"] = Call(
        lambda: {"f": _sin_sum, "grad": np.cos(_a(3)), "x": _a(3), "eps": 1e-6},
        {"f": fn, "grad": arr(), "x": arr(), "eps": POS})
    calls["gradcheck.relative_difference"] = Call(lambda: {"a": _a(3), "b": _a(3, seed=1)},
                                                  {"a": arr(), "b": arr()})
    spec = (("W1", (4, 3)), ("b1", (4, 1)), ("W2", (1, 4)), ("b2", (1, 1)))
    calls["gradcheck.params_to_vector"] = Call(
        lambda: {"params": _params(), "spec": spec},
        {"params": mapping(), "spec": opaque(none=PASS)})
    calls["gradcheck.vector_to_params"] = Call(lambda: {"theta": _a(21, 1), "spec": spec},
                                               {"theta": arr(shape=MAY), "spec": opaque()})
    return calls


def _other() -> dict[str, Call]:
    from dlnotes.exercises import exercises
    ref = exercises("information-theory")[0].reference
    errors = num(bad=(-0.1, 1.5))
    return {
        "autodiff.Value": Call(lambda: {"data": 2.0}, {"data": num()}),
        "data.make_moons": Call(lambda: {"m": 10, "noise": 0.1, "rng": _rng()},
                                {"m": integer(bad=(1, -5)), "noise": NONNEG,
                                 "rng": generator()}),
        "data.make_circles": Call(
            lambda: {"m": 10, "noise": 0.1, "factor": 0.5, "rng": _rng()},
            {"m": integer(bad=(1,)), "noise": NONNEG, "factor": BETA, "rng": generator()}),
        "data.make_field": Call(
            lambda: {"m": 10, "noise": 0.1, "rng": _rng(), "flip": 0.1},
            {"m": integer(bad=(0,)), "noise": NONNEG, "rng": generator(),
             "flip": num(bad=(-0.1, 0.6))}),
        "data.random_mini_batches": Call(
            lambda: {"X": X35, "Y": Y15, "batch_size": 2, "rng": _rng()},
            {"X": arr(), "Y": arr(), "batch_size": integer(bad=(0,)), "rng": generator()}),
        "data.train_dev_test_split": Call(
            lambda: {"X": X35, "Y": Y15, "fractions": (0.6, 0.2, 0.2), "rng": _rng()},
            {"X": arr(), "Y": arr(),
             "fractions": custom(("two", (0.5, 0.5), FAIL), ("sum 1.1", (0.6, 0.3, 0.2), FAIL),
                                 ("a NaN", (np.nan, 0.5, 0.5), FAIL),
                                 ("an inf", (np.inf, 0.0, 0.0), FAIL),
                                 ("bools", (True, False, False), FAIL)),
             "rng": generator()}),
        "exercises.check": Call(lambda: {"name": "entropy", "fn": ref, "lang": "en"},
                                {"name": choice(), "fn": opaque(), "lang": choice()}),
        "exercises.exercises": Call(lambda: {"chapter": "optimizers"},
                                    {"chapter": choice(none=PASS)}),
        "exercises.hint": Call(lambda: {"name": "entropy", "level": 1, "lang": "en"},
                               {"name": choice(), "level": integer(bad=(0, -1)),
                                "lang": choice()}),
        "exercises.solution": Call(lambda: {"name": "entropy", "lang": "zh"},
                                   {"name": choice(), "lang": choice()}),
        "exercises.progress": Call(lambda: {"chapter": "optimizers", "lang": "en"},
                                   {"chapter": choice(none=PASS), "lang": choice()}),
        "initializers.initialize_parameters": Call(
            lambda: {"layer_dims": [3, 4, 1], "method": "xavier", "rng": _rng(), "scale": 0.1},
            {"layer_dims": custom(("too short", [3], FAIL), ("a zero", [3, 0], FAIL),
                                  ("a float", [3, 2.5], FAIL), ("a bool", [3, True], FAIL),
                                  ("an int", 3, FAIL)),
             "method": choice(), "rng": generator(), "scale": POS}),
        "initializers.weight_std": Call(
            lambda: {"method": "he", "n_prev": 3, "n": 4, "scale": 0.1},
            {"method": choice(), "n_prev": integer(bad=(0,)), "n": integer(bad=(0,)),
             "scale": POS}),
        "logistic.propagate": Call(
            lambda: {"w": _a(3, 1), "b": 0.5, "X": X35, "Y": Y15},
            {"w": arr(), "b": num(seq=MAY), "X": arr(), "Y": arr()}),
        "logistic.optimize": Call(
            lambda: {"w": _a(3, 1), "b": 0.5, "X": X35, "Y": Y15, "num_iterations": 3,
                     "learning_rate": 0.1},
            {"w": arr(), "b": num(seq=MAY), "X": arr(), "Y": arr(),
             "num_iterations": integer(bad=(0,)), "learning_rate": POS}),
        "logistic.predict": Call(lambda: {"w": _a(3, 1), "b": 0.5, "X": X35},
                                 {"w": arr(), "b": num(seq=MAY), "X": arr()}),
        "strategy.recommended_fractions": Call(lambda: {"m": 1000, "dev_set": False},
                                               {"m": integer(bad=(0,)), "dev_set": flag}),
        "strategy.diagnose": Call(
            lambda: {"human_error": 0.01, "train_error": 0.08, "dev_error": 0.1,
                     "train_dev_error": 0.09, "tol": 0.02},
            {"human_error": errors, "train_error": errors, "dev_error": errors,
             "train_dev_error": num(bad=(-0.1, 1.5), none=PASS), "tol": NONNEG}),
        "strategy.choose_model": Call(
            lambda: {"optimizing": np.array([0.9, 0.95, 0.8]),
                     "constraints": {"ms": (np.array([80.0, 120.0, 50.0]), 100.0)},
                     "maximize": True},
            {"optimizing": arr(),
             "constraints": custom(("not a pair", {"ms": 100.0}, FAIL),
                                   ("NaN limit", {"ms": (np.ones(3), np.nan)}, FAIL),
                                   ("NaN values", {"ms": (np.array([1, np.nan, 1]), 2.0)}, FAIL),
                                   ("short values", {"ms": (np.ones(2), 2.0)}, FAIL)),
             "maximize": flag}),
        "strategy.error_analysis": Call(
            lambda: {"dev_error": 0.1, "counts": {"dog": 3, "blur": 5}, "n_examined": 10},
            {"dev_error": errors,
             "counts": custom(("float count", {"dog": 1.5}, FAIL), ("too many", {"dog": 11}, FAIL),
                              ("negative", {"dog": -1}, FAIL), ("bool", {"dog": True}, FAIL)),
             "n_examined": integer(bad=(0,))}),
        "strategy.multitask_cross_entropy": Call(
            lambda: {"logits": _a(2, 3), "Y": np.array([[0.0, 1.0, np.nan], [1.0, 0.0, 1.0]])},
            {"logits": arr(), "Y": arr(nan=MAY)}),
        "strategy.multitask_cross_entropy_grad": Call(
            lambda: {"logits": _a(2, 3), "Y": np.array([[0.0, 1.0, np.nan], [1.0, 0.0, 1.0]])},
            {"logits": arr(), "Y": arr(nan=MAY)}),
        "strategy.replace_output_layer": Call(
            lambda: {"params": _params(), "n_out": 3, "rng": _rng()},
            {"params": mapping(), "n_out": integer(bad=(0,)), "rng": generator()}),
    }


def _tuning() -> dict[str, Call]:
    size = integer(bad=(-1,), none=PASS)
    bounds = custom(("empty", [], FAIL), ("reversed", [(1.0, 0.0)], FAIL),
                    ("a triple", [(0.0, 1.0, 2.0)], FAIL), ("inf", [(0.0, np.inf)], FAIL),
                    ("NaN", [(np.nan, 1.0)], FAIL), ("str pair", [("a", "b")], FAIL))
    log = custom(("one flag", [True], FAIL), ("str flags", ["yes", "no"], FAIL),
                 ("int flags", [0, 1], FAIL), ("a bool", True, FAIL), wrong=False)
    return {
        "tuning.sample_log_uniform": Call(
            lambda: {"low": 1e-4, "high": 1.0, "rng": _rng(), "size": 3},
            {"low": POS, "high": POS, "rng": generator(), "size": size}),
        "tuning.sample_beta": Call(
            lambda: {"low": 0.9, "high": 0.999, "rng": _rng(), "size": 3},
            {"low": BETA, "high": BETA, "rng": generator(), "size": size}),
        "tuning.grid_points": Call(
            lambda: {"bounds": [(0.0, 1.0), (1e-3, 1.0)], "num": 3, "log": [False, True]},
            {"bounds": bounds, "num": integer(bad=(0,)), "log": log}),
        "tuning.random_points": Call(
            lambda: {"bounds": [(0.0, 1.0), (1e-3, 1.0)], "num": 3, "rng": _rng(),
                     "log": [False, True]},
            {"bounds": bounds, "num": integer(bad=(0,)), "rng": generator(), "log": log}),
        "tuning.refine_bounds": Call(
            lambda: {"points": _a(4, 2), "scores": _a(4, seed=1), "top_k": 2, "maximize": False},
            {"points": arr(), "scores": arr(), "top_k": integer(bad=(1, 5)), "maximize": flag}),
    }


def _features() -> dict[str, Call]:
    X24 = _a(2, 6, seed=7)
    Y6 = np.array([[0, 0, 0, 1, 1, 1]])

    def fit(X: np.ndarray, Y: np.ndarray) -> float:
        return float(np.mean(Y))

    def score(model: float, X: np.ndarray, Y: np.ndarray) -> float:
        return float(np.mean(np.abs(Y - model)))  # defined for every finite Y

    return {
        "features.polynomial_features": Call(
            lambda: {"X": X24, "degree": 2, "include_bias": True},
            {"X": arr(), "degree": integer(bad=(0, -1)), "include_bias": flag}),
        "features.variance_threshold": Call(lambda: {"X": X24, "threshold": 0.01},
                                            {"X": arr(), "threshold": NONNEG}),
        "features.f_score": Call(lambda: {"X": X24, "Y": Y6}, {"X": arr(), "Y": arr()}),
        "features.select_k_best": Call(lambda: {"X": X24, "Y": Y6, "k": 1},
                                       {"X": arr(), "Y": arr(), "k": integer(bad=(0, 3))}),
        "features.pca": Call(lambda: {"X": X24, "n_components": 1},
                             {"X": arr(), "n_components": integer(bad=(0, 3))}),
        "features.pca_transform": Call(
            lambda: {"X": X24, "U": np.array([[0.6], [0.8]]), "mu": np.zeros((2, 1))},
            {"X": arr(), "U": arr(), "mu": arr()}),
        "features.k_fold_indices": Call(
            lambda: {"m": 6, "k": 3, "shuffle": True, "rng": _rng()},
            {"m": integer(bad=(0, 2)), "k": integer(bad=(1, 7)), "shuffle": flag,
             "rng": generator()}),
        "features.cross_validate": Call(
            lambda: {"fit": fit, "score": score, "X": X24, "Y": Y6, "k": 3, "shuffle": True,
                     "rng": _rng()},
            {"fit": opaque(), "score": opaque(), "X": arr(), "Y": arr(),
             "k": integer(bad=(1, 7)), "shuffle": flag, "rng": generator()}),
    }


def _ensembles() -> dict[str, Call]:
    from dlnotes.ensembles import Node
    X = np.array([[0.1, 0.4, 0.6, 0.9], [5.0, 1.0, 2.0, 3.0]])
    Y = np.array([[0, 0, 1, 1]])
    stump = Node(0, feature=0, threshold=0.5, left=Node(0), right=Node(1))
    depth = integer(bad=(0, -1), none=PASS)
    return {
        "ensembles.fit_tree": Call(
            lambda: {"X": X, "Y": Y, "max_depth": 2, "criterion": "gini",
                     "sample_weight": np.full((1, 4), 0.25), "max_features": 1, "rng": _rng()},
            {"X": arr(), "Y": arr(), "max_depth": depth, "criterion": choice(),
             "sample_weight": arr(none=PASS), "max_features": integer(bad=(0, 3), none=PASS),
             "rng": generator()}),  # max_features=1 draws the features: rng=None fails
        "ensembles.predict_tree": Call(lambda: {"tree": stump, "X": X},
                                       {"tree": opaque(), "X": arr()}),
        "ensembles.bootstrap_sample": Call(lambda: {"m": 10, "rng": _rng()},
                                           {"m": integer(bad=(0, -1)), "rng": generator()}),
        "ensembles.bagging_fit": Call(
            lambda: {"X": X, "Y": Y, "n_estimators": 3, "max_depth": 1, "rng": _rng()},
            {"X": arr(), "Y": arr(), "n_estimators": integer(bad=(0,)), "max_depth": depth,
             "rng": generator()}),
        "ensembles.bagging_predict": Call(lambda: {"trees": [stump, Node(1)], "X": X},
                                          {"trees": opaque(), "X": arr()}),
        "ensembles.majority_vote": Call(
            lambda: {"predictions": np.array([[0, 1, 1, 0], [1, 1, 0, 0], [0, 1, 1, 1]]),
                     "weights": np.array([1.0, 0.5, 2.0])},
            {"predictions": arr(), "weights": arr(none=PASS)}),
        "ensembles.adaboost_fit": Call(lambda: {"X": X, "Y": Y, "n_estimators": 2},
                                       {"X": arr(), "Y": arr(),
                                        "n_estimators": integer(bad=(0,))}),
        "ensembles.adaboost_predict": Call(
            lambda: {"model": ([stump, Node(1)], np.array([1.0, 0.5])), "X": X},
            {"model": opaque(), "X": arr()}),
        "ensembles.random_forest_fit": Call(
            lambda: {"X": X, "Y": Y, "n_trees": 3, "max_depth": 1, "max_features": 1,
                     "rng": _rng()},
            {"X": arr(), "Y": arr(), "n_trees": integer(bad=(0,)), "max_depth": depth,
             "max_features": custom(("zero", 0, FAIL), ("too many", 3, FAIL),
                                    ("unknown name", "cube", FAIL), ("a float", 1.5, FAIL),
                                    ("object()", object(), FAIL), ("a list", [1], FAIL),
                                    wrong=False),
             "rng": generator()}),
        "ensembles.random_forest_predict": Call(lambda: {"trees": [stump, Node(1)], "X": X},
                                                {"trees": opaque(), "X": arr()}),
    }


VALID: dict[str, Call] = {
    **_activations(), **_losses(), **_information(), **_optimizers(), **_schedules(),
    **_regularization(), **_network(), **_layers(), **_batchnorm(), **_gradcheck(), **_other(),
    **_tuning(), **_features(), **_ensembles(),
}


# ---------------------------------------------------------------- enumeration


def _is_record(obj: type) -> bool:
    if issubclass(obj, tuple) and hasattr(obj, "_fields"):
        return True  # a NamedTuple
    return dataclasses.is_dataclass(obj) and not any(hasattr(obj, m) for m in METHODS)


def public_callables() -> list[str]:
    """Every public callable: functions, constructors and init/update/step methods."""
    names = []
    for module in MODULES:
        mod = importlib.import_module(f"dlnotes.{module}")
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isclass(obj):
                if _is_record(obj):
                    continue
                names.append(f"{module}.{name}")
                names += [f"{module}.{name}.{m}" for m in METHODS if hasattr(obj, m)]
            elif callable(obj):
                names.append(f"{module}.{name}")
    return [n for n in names if n not in SKIP]


def _target(qualname: str, call: Call) -> Callable[..., Any]:
    module, name, *method = qualname.split(".")
    obj = getattr(importlib.import_module(f"dlnotes.{module}"), name)
    if method:
        assert call.self_ is not None, f"{qualname}: a method needs self_"
        return getattr(call.self_(), method[0])
    return obj


def _same(a: object, b: object) -> bool:
    """Deep equality of what an argument held before and after a call (NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, int | float | str | bool | None | np.generic):
        return bool(a == b)
    return True  # generators draw, functions and objects are compared by nothing


def _run(qualname: str, call: Call, args: dict[str, Any], arg: str, label: str,
         outcome: str) -> None:
    """Call with ``args``; check the error (or success), warnings and unmodified arguments."""
    fn = _target(qualname, call)
    before = {k: copy.deepcopy(v) for k, v in args.items()}
    what = f"{qualname}({arg}={label})"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fn(**args)
        except (ValueError, TypeError) as err:
            assert outcome != PASS, f"{what} must pass but raised {err!r}"
            wrong_kind = label in WRONG_KIND and outcome == FAIL
            assert not (wrong_kind and isinstance(err, ValueError)), (
                f"{what}: a wrong kind of object must be a TypeError, not {err!r}")
            named = arg in str(err) or outcome == OTHER
            assert named, f"{what}: the message does not name {arg!r}: {err}"
        except Exception as err:  # nothing else may escape
            pytest.fail(f"{what} raised {type(err).__name__}: {err}")
        else:
            assert outcome != FAIL, f"{what} must raise ValueError or TypeError, but passed"
    for k, v in args.items():
        if k not in call.owned and not isinstance(v, np.random.Generator):
            assert _same(before[k], v), f"{what} modified its argument {k!r}"


def test_every_public_callable_has_a_valid_call() -> None:
    names = public_callables()
    missing = [n for n in names if n not in VALID]
    assert not missing, f"public callables without an entry in VALID (add one): {missing}"
    stale = [n for n in VALID if n not in names]
    assert not stale, f"entries of VALID that are not public callables: {stale}"
    for name in names:
        sig = inspect.signature(_target(name, VALID[name]))
        params = [p for p in sig.parameters if not p.startswith("_")]
        unfuzzed = [p for p in params if p not in VALID[name].kinds]
        assert not unfuzzed, f"{name}: arguments without a kind: {unfuzzed}"


CASES = [(name, arg) for name, call in VALID.items() for arg in call.kinds]
if not CASES:  # pragma: no cover
    raise AssertionError("no cases")


@pytest.mark.parametrize("name", sorted(VALID))
def test_the_valid_call_passes_cleanly(name: str) -> None:
    call = VALID[name]
    _run(name, call, call.args(), "-", "valid", PASS)


@pytest.mark.parametrize(("name", "arg"), CASES, ids=[f"{n}-{a}" for n, a in CASES])
@settings(max_examples=10, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_bad_argument_is_a_named_error(name: str, arg: str, data: st.DataObject) -> None:
    call = VALID[name]
    valid = call.args()[arg]
    for label, value, outcome in call.kinds[arg](valid, data):
        args = call.args()
        args[arg] = value
        _run(name, call, args, arg, label, outcome)
