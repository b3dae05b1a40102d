"""Exercises of the chapter Learning-rate schedules: inverse-time, staircase and cosine."""

from __future__ import annotations

import math

from dlnotes.exercises._model import Case, Text, exercise

CHAPTER = "schedules"


# ------------------------------------------------------------------ inverse-time decay


def _ref_inverse_time_decay(lr0: float, epoch: int, decay_rate: float) -> float:
    """The learning rate lr0 / (1 + decay_rate · epoch) of epoch number epoch (from 0)."""
    return lr0 / (1 + decay_rate * epoch)


def _cases_inverse_time() -> list[Case]:
    return [
        Case(Text("epoch 0", "第 0 代"), (0.2, 0, 1.0), {}),
        Case(Text("epoch 1, decay_rate = 1", "第 1 代，decay_rate = 1"), (0.2, 1, 1.0), {}),
        Case(Text("epoch 7, decay_rate = 0.5", "第 7 代，decay_rate = 0.5"), (0.1, 7, 0.5), {}),
    ]


INVERSE = exercise(
    name="inverse_time_decay",
    chapter=CHAPTER,
    title="1/(1 + decay·epoch) decay",
    title_zh="1/(1 + decay·epoch) 衰减",
    task="Write `inverse_time_decay(lr0, epoch, decay_rate)`: the learning rate "
    "lr0/(1 + decay_rate·epoch) of epoch number `epoch` (counting from 0).",
    task_zh="写出 `inverse_time_decay(lr0, epoch, decay_rate)`：第 `epoch` 代（从 0 开始计数）的学"
    "习率 "
    "lr0/(1 + decay_rate·epoch)。",
    hints=(
        "At epoch 0 the rate is lr0; it falls as the epoch grows.",
        "Parenthesize the denominator: lr0 / (1 + decay_rate * epoch).",
    ),
    hints_zh=(
        "第 0 代的学习率是 lr0；随代数增加而下降。",
        "给分母加上括号：lr0 / (1 + decay_rate * epoch)。",
    ),
    reference=_ref_inverse_time_decay,
    against="dlnotes.schedules.inverse_time_decay",
    cases=_cases_inverse_time,
)


@INVERSE.known_mistake(
    "precedence",
    title="lr0/1 + decay_rate·epoch (missing parentheses)",
    title_zh="lr0/1 + decay_rate·epoch（漏了括号）",
    explanation="Division binds tighter than +: write lr0 / (1 + decay_rate * epoch).",
    explanation_zh="除法比加法优先：写成 lr0 / (1 + decay_rate * epoch)。",
    link="schedules.md#inverse-time-decay",
)
def _mistake_inverse_precedence(lr0: float, epoch: int, decay_rate: float) -> float:
    return lr0 / 1 + decay_rate * epoch


@INVERSE.known_mistake(
    "times",
    title="multiplied by (1 + decay_rate·epoch)",
    title_zh="乘以了 (1 + decay_rate·epoch)",
    explanation="The rate must fall with the epoch: divide by 1 + decay_rate·epoch.",
    explanation_zh="学习率必须随代数下降：要除以 1 + decay_rate·epoch。",
    link="schedules.md#inverse-time-decay",
)
def _mistake_inverse_times(lr0: float, epoch: int, decay_rate: float) -> float:
    return lr0 * (1 + decay_rate * epoch)


# ------------------------------------------------------------------ staircase


def _ref_step_decay(lr0: float, epoch: int, drop: float, every: int) -> float:
    """Staircase decay lr0 · drop^⌊epoch/every⌋: multiply by drop once every `every` epochs."""
    return lr0 * drop ** (epoch // every)


def _cases_step_decay() -> list[Case]:
    return [
        Case(Text("epoch 0", "第 0 代"), (0.1, 0, 0.5, 10), {}),
        Case(Text("epoch 9, every 10", "第 9 代，every = 10"), (0.1, 9, 0.5, 10), {}),
        Case(Text("epoch 25, every 10", "第 25 代，every = 10"), (0.1, 25, 0.5, 10), {}),
        Case(Text("epoch 7, every 3", "第 7 代，every = 3"), (0.3, 7, 0.1, 3), {}),
    ]


STEP = exercise(
    name="step_decay",
    chapter=CHAPTER,
    title="Staircase decay",
    title_zh="阶梯式衰减",
    task="Write `step_decay(lr0, epoch, drop, every)`: lr0·drop^⌊epoch/every⌋, the rate "
    "multiplied by `drop` once every `every` epochs (epochs count from 0).",
    task_zh="写出 `step_decay(lr0, epoch, drop, every)`：lr0·drop^⌊epoch/every⌋，每 `every` 代把学"
    "习率"
    "乘以 `drop` 一次（代数从 0 开始）。",
    hints=(
        "The rate stays flat between drops, and epoch 0 trains at lr0.",
        "Integer division: lr0 * drop ** (epoch // every).",
    ),
    hints_zh=(
        "两次下降之间学习率保持不变，第 0 代用 lr0 训练。",
        "整数除法：lr0 * drop ** (epoch // every)。",
    ),
    reference=_ref_step_decay,
    against="dlnotes.schedules.step_decay",
    cases=_cases_step_decay,
)


@STEP.known_mistake(
    "no_floor",
    title="drop^(epoch/every) without the floor",
    title_zh="drop^(epoch/every) 没有向下取整",
    explanation="A staircase stays flat between drops: the exponent is ⌊epoch/every⌋.",
    explanation_zh="阶梯在两次下降之间保持平坦：指数是 ⌊epoch/every⌋。",
    link="schedules.md#step-decay",
)
def _mistake_step_no_floor(lr0: float, epoch: int, drop: float, every: int) -> float:
    return lr0 * drop ** (epoch / every)


@STEP.known_mistake(
    "drop_at_zero",
    title="the first drop at epoch 0",
    title_zh="第一次下降发生在第 0 代",
    explanation="Epoch 0 trains at lr0: the exponent is ⌊epoch/every⌋, not ⌊epoch/every⌋ + 1.",
    explanation_zh="第 0 代用 lr0 训练：指数是 ⌊epoch/every⌋，而不是 ⌊epoch/every⌋ + 1。",
    link="schedules.md#step-decay",
)
def _mistake_step_drop_at_zero(lr0: float, epoch: int, drop: float, every: int) -> float:
    return lr0 * drop ** (epoch // every + 1)


# ------------------------------------------------------------------ cosine


def _ref_cosine_annealing(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    """lr_min + (lr0 − lr_min)(1 + cos(π·step/total))/2: from lr0 at step 0 to lr_min at total."""
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * step / total)) / 2


def _cases_cosine() -> list[Case]:
    return [
        Case(Text("step 0", "第 0 步"), (0.1, 0, 100), {}),
        Case(Text("step 25 of 100", "100 步中的第 25 步"), (0.1, 25, 100), {}),
        Case(
            Text("step 50 of 100, lr_min = 0.01", "100 步中的第 50 步，lr_min = 0.01"),
            (0.1, 50, 100),
            {"lr_min": 0.01},
        ),
        Case(
            Text("the last step, lr_min = 0.001", "最后一步，lr_min = 0.001"),
            (0.1, 100, 100),
            {"lr_min": 0.001},
        ),
    ]


COSINE = exercise(
    name="cosine_annealing",
    chapter=CHAPTER,
    title="Cosine annealing",
    title_zh="余弦退火",
    task="Write `cosine_annealing(lr0, step, total, lr_min=0.0)`: "
    "lr_min + (lr0 − lr_min)·(1 + cos(π·step/total))/2, from lr0 at step 0 down to lr_min "
    "at step = total.",
    task_zh="写出 `cosine_annealing(lr0, step, total, lr_min=0.0)`："
    "lr_min + (lr0 − lr_min)·(1 + cos(π·step/total))/2，从第 0 步的 lr0 降到 step = total 时的 "
    "lr_min。",
    hints=(
        "The angle runs from 0 to π, so the cosine runs from 1 to −1.",
        "math.cos(math.pi * step / total); halve 1 + cos and scale it by lr0 − lr_min.",
    ),
    hints_zh=(
        "角度从 0 到 π，所以余弦从 1 变到 −1。",
        "math.cos(math.pi * step / total)；把 1 + cos 减半，再乘以 lr0 − lr_min。",
    ),
    reference=_ref_cosine_annealing,
    against="dlnotes.schedules.cosine_annealing",
    cases=_cases_cosine,
)


@COSINE.known_mistake(
    "no_half",
    title="the factor 1/2 left out",
    title_zh="漏掉了系数 1/2",
    explanation="(1 + cos) runs from 2 to 0: halve it so the schedule starts at lr0.",
    explanation_zh="(1 + cos) 从 2 变到 0：把它减半，调度才从 lr0 开始。",
    link="schedules.md#cosine-annealing",
)
def _mistake_cosine_no_half(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr_min + (lr0 - lr_min) * (1 + math.cos(math.pi * step / total))


@COSINE.known_mistake(
    "no_pi",
    title="cos(step/total) without π",
    title_zh="cos(step/total) 少了 π",
    explanation="The angle runs from 0 to π: cos(π·step/total).",
    explanation_zh="角度从 0 到 π：cos(π·step/total)。",
    link="schedules.md#cosine-annealing",
)
def _mistake_cosine_no_pi(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr_min + (lr0 - lr_min) * (1 + math.cos(step / total)) / 2


@COSINE.known_mistake(
    "lr_min_ignored",
    title="lr_min ignored",
    title_zh="忽略了 lr_min",
    explanation="The schedule ends at lr_min: lr_min + (lr0 − lr_min)·(1 + cos)/2.",
    explanation_zh="调度终止于 lr_min：lr_min + (lr0 − lr_min)·(1 + cos)/2。",
    link="schedules.md#cosine-annealing",
)
def _mistake_cosine_lr_min_ignored(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    return lr0 * (1 + math.cos(math.pi * step / total)) / 2
