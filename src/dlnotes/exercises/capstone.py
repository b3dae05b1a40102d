"""The capstone: a network trained on two moons from the learner's own pieces.

The learner writes ``forward_pass``, ``backward_pass`` and ``mini_batches`` here, reuses
``initialize_he`` (Initialization) and ``adam_step`` (Optimizers) from the earlier chapters, and
assembles them in ``train_network``. ``check("train_network", train_network)`` finds the pieces
by name among the globals of ``train_network`` (the notebook's namespace), checks each one as
its own exercise, names the first that is wrong, then trains on ``dlnotes.data.make_moons`` and
compares the test accuracy with the reference network's (``dlnotes.network.train`` with
``dlnotes.optimizers.Adam``).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import numpy as np

from dlnotes.exercises._engine import (
    Finding,
    by_name,
    call,
    call_problem,
    judge_by_comparison,
    kind,
    verdict,
)
from dlnotes.exercises._model import Case, Exercise, Text, exercise, rng
from dlnotes.exercises.initialization import _ref_initialize_he
from dlnotes.exercises.optimizers import _ref_adam_step

CHAPTER = "capstone"
USES = ("initialize_he", "adam_step")  # pieces from earlier chapters, by exercise name
PIECES = ("initialize_he", "forward_pass", "backward_pass", "mini_batches", "adam_step")
DIMS = [2, 16, 8, 1]
EPOCHS, BATCH, LR = 150, 64, 0.01
TOLERANCE = 0.03  # the learner's test accuracy may trail the reference's by this much


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(z / 2))


def _small_nets() -> list[tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]]:
    r = rng(131)
    nets = []
    for dims, m in (([3, 4, 1], 6), ([2, 5, 3, 1], 7)):
        params = {}
        for layer in range(1, len(dims)):
            params[f"W{layer}"] = r.standard_normal((dims[layer], dims[layer - 1]))
            params[f"b{layer}"] = r.standard_normal((dims[layer], 1)) * 0.5
        X = r.standard_normal((dims[0], m))
        Y = (r.random((1, m)) < 0.5).astype(float)
        nets.append((params, X, Y))
    return nets


# ------------------------------------------------------------------ the forward pass


def _ref_forward_pass(X: np.ndarray, params: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """The forward pass of an L-layer network: ReLU hidden layers, a sigmoid output.

    X is (n[0], m); params holds "W1", "b1", …, "WL", "bL" (W[l] is (n[l], n[l−1])).
    A[0] = X, A[l] = g(W[l] A[l−1] + b[l]) with g = ReLU for l < L and σ for l = L.
    Return the activations (A[0], A[1], …, A[L]) as a tuple.
    """
    L = len(params) // 2
    activations = [X]
    for layer in range(1, L + 1):
        Z = params[f"W{layer}"] @ activations[-1] + params[f"b{layer}"]
        activations.append(np.maximum(Z, 0) if layer < L else 0.5 * (1 + np.tanh(Z / 2)))
    return tuple(activations)


def _cases_forward() -> list[Case]:
    cases = []
    for params, X, _ in _small_nets():
        dims = [params[f"W{k}"].shape[1] for k in range(1, len(params) // 2 + 1)] + [1]
        cases.append(Case(f"a {dims} network, m = {X.shape[1]}", (X, params), {}))
    return cases


FORWARD = exercise(
    name="forward_pass",
    chapter=CHAPTER,
    title="The forward pass",
    title_zh="前向传播",
    task="Write `forward_pass(X, params)`: for l = 1 … L, A[l] = g(W[l] A[l−1] + b[l]) from "
    "A[0] = X, with ReLU on the hidden layers and a sigmoid on the output layer L = "
    "len(params) // 2. Return all the activations (A[0], …, A[L]) as a tuple: the backward "
    "pass needs them.",
    task_zh="写出 `forward_pass(X, params)`：从 A[0] = X 开始，对 l = 1 … L 计算 "
    "A[l] = g(W[l] A[l−1] + b[l])，隐藏层用 ReLU，输出层 L = len(params) // 2 用 sigmoid。"
    "以元组返回所有激活值 (A[0], …, A[L])：反向传播需要它们。",
    hints=(
        "Loop over the layers; the output layer is the only one with a sigmoid.",
        "np.maximum(Z, 0) for ReLU; 0.5 * (1 + np.tanh(Z / 2)) is a sigmoid that never "
        "overflows. Append each A[l] to a list and return tuple(list).",
    ),
    hints_zh=(
        "对各层循环；只有输出层用 sigmoid。",
        "ReLU 用 np.maximum(Z, 0)；0.5 * (1 + np.tanh(Z / 2)) 是不会溢出的 sigmoid。把每个 A[l] "
        "加入列表，最后返回 tuple(list)。",
    ),
    reference=_ref_forward_pass,
    against="dlnotes.network.model_forward",
    cases=_cases_forward,
)


@FORWARD.known_mistake(
    "relu_at_output",
    title="ReLU on the output layer too",
    title_zh="输出层也用了 ReLU",
    explanation="The output layer gives a probability: σ(Z[L]), between 0 and 1; ReLU is for "
    "the hidden layers.",
    explanation_zh="输出层给出概率：σ(Z[L])，在 0 和 1 之间；ReLU 只用于隐藏层。",
    link="neural-networks/deep.md#forward-and-backward",
)
def _mistake_forward_relu_at_output(
    X: np.ndarray, params: dict[str, np.ndarray]
) -> tuple[np.ndarray, ...]:
    activations = [X]
    for layer in range(1, len(params) // 2 + 1):
        Z = params[f"W{layer}"] @ activations[-1] + params[f"b{layer}"]
        activations.append(np.maximum(Z, 0))
    return tuple(activations)


@FORWARD.known_mistake(
    "sigmoid_everywhere",
    title="a sigmoid on the hidden layers",
    title_zh="隐藏层用了 sigmoid",
    explanation="This network uses ReLU on the hidden layers (He initialization is made for "
    "it); only the output layer has a sigmoid.",
    explanation_zh="这个网络的隐藏层用 ReLU（He 初始化正是为它设计的）；只有输出层用 sigmoid。",
    link="activations.md#relu",
)
def _mistake_forward_sigmoid_everywhere(
    X: np.ndarray, params: dict[str, np.ndarray]
) -> tuple[np.ndarray, ...]:
    activations = [X]
    for layer in range(1, len(params) // 2 + 1):
        Z = params[f"W{layer}"] @ activations[-1] + params[f"b{layer}"]
        activations.append(_sigmoid(Z))
    return tuple(activations)


# ------------------------------------------------------------------ the backward pass


def _ref_backward_pass(
    activations: tuple[np.ndarray, ...], Y: np.ndarray, params: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """The backward pass of the network of forward_pass, for the mean cross-entropy cost.

    activations = (A[0], …, A[L]) from forward_pass, Y is (1, m) of 0/1. dZ[L] = A[L] − Y;
    for l = L … 1: dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] = (1/m) Σ dZ[l] over the examples,
    dA[l−1] = W[l]ᵀ dZ[l], and dZ[l−1] = dA[l−1]·(A[l−1] > 0) (ReLU'). Return
    {"W1": dW[1], "b1": db[1], …}, the keys of params.
    """
    L, m = len(activations) - 1, Y.shape[1]
    grads = {}
    dZ = activations[L] - Y
    for layer in range(L, 0, -1):
        A_prev = activations[layer - 1]
        grads[f"W{layer}"] = dZ @ A_prev.T / m
        grads[f"b{layer}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if layer > 1:
            dZ = (params[f"W{layer}"].T @ dZ) * (A_prev > 0)
    return grads


def _cases_backward() -> list[Case]:
    cases = []
    for params, X, Y in _small_nets():
        acts = _ref_forward_pass(X, params)
        cases.append(
            Case(f"{len(params) // 2} layers, m = {X.shape[1]}", (acts, Y, params), {})
        )
    return cases


BACKWARD = exercise(
    name="backward_pass",
    chapter=CHAPTER,
    title="The backward pass",
    title_zh="反向传播",
    task="Write `backward_pass(activations, Y, params)`: the gradients of the mean "
    "cross-entropy cost for the network of `forward_pass`. dZ[L] = A[L] − Y; for l = L … 1, "
    "dW[l] = (1/m) dZ[l] A[l−1]ᵀ, db[l] = (1/m) Σ dZ[l] (shape (n[l], 1)), and below the "
    "first layer dZ[l−1] = W[l]ᵀ dZ[l] · (A[l−1] > 0). Return a dict with the keys of params.",
    task_zh="写出 `backward_pass(activations, Y, params)`：对 `forward_pass` 的网络，求平均交叉熵代"
    "价"
    "的梯度。dZ[L] = A[L] − Y；对 l = L … 1，dW[l] = (1/m) dZ[l] A[l−1]ᵀ，"
    "db[l] = (1/m) Σ dZ[l]（形状 (n[l], 1)），在第一层之前 dZ[l−1] = W[l]ᵀ dZ[l] · (A[l−1] > 0)。"
    "返回键与 params 相同的 dict。",
    hints=(
        "It is the chapter Neural-network basics' linear_backward once per layer, with ReLU's "
        "derivative between layers.",
        "ReLU'(Z[l−1]) is (A[l−1] > 0): the activations suffice. Use the W[l] of params before "
        "stepping down a layer; stop at l = 1 (dA[0] is not needed).",
    ),
    hints_zh=(
        "就是《神经网络基础》一章的 linear_backward，每层一次，层与层之间乘以 ReLU 的导数。",
        "ReLU'(Z[l−1]) 就是 (A[l−1] > 0)：有激活值就够了。向下一层之前用 params 中的 W[l]；"
        "到 l = 1 停止（不需要 dA[0]）。",
    ),
    reference=_ref_backward_pass,
    against="dlnotes.network.model_backward",
    cases=_cases_backward,
)


@BACKWARD.known_mistake(
    "no_relu_grad",
    title="ReLU's derivative left out between the layers",
    title_zh="层与层之间漏掉了 ReLU 的导数",
    explanation="dZ[l−1] = dA[l−1]·g'(Z[l−1]): for ReLU, multiply by (A[l−1] > 0).",
    explanation_zh="dZ[l−1] = dA[l−1]·g'(Z[l−1])：对 ReLU 要乘以 (A[l−1] > 0)。",
    link="neural-networks/deep.md#forward-and-backward",
)
def _mistake_backward_no_relu_grad(
    activations: tuple[np.ndarray, ...], Y: np.ndarray, params: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    L, m = len(activations) - 1, Y.shape[1]
    grads, dZ = {}, activations[L] - Y
    for layer in range(L, 0, -1):
        grads[f"W{layer}"] = dZ @ activations[layer - 1].T / m
        grads[f"b{layer}"] = np.sum(dZ, axis=1, keepdims=True) / m
        dZ = params[f"W{layer}"].T @ dZ
    return grads


@BACKWARD.known_mistake(
    "no_one_over_m",
    title="the 1/m left out of dW and db",
    title_zh="dW 和 db 漏掉了 1/m",
    explanation="The cost is a mean over the m examples, so dW and db carry 1/m.",
    explanation_zh="代价是 m 个样本上的平均，所以 dW 和 db 带有 1/m。",
    link="neural-networks/deep.md#forward-and-backward",
)
def _mistake_backward_no_one_over_m(
    activations: tuple[np.ndarray, ...], Y: np.ndarray, params: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    m = Y.shape[1]
    return {k: g * m for k, g in _ref_backward_pass(activations, Y, params).items()}


# ------------------------------------------------------------------ mini-batches


def judge_mini_batches(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Every example once, X and Y shuffled together, full batches then the rest, from rng."""
    m, size = 103, 16
    X = rng(5).standard_normal((2, m))
    Y = np.arange(m, dtype=float)[None, :]  # the label of each example is its column number
    label = Text(
        f"X of shape (2, {m}), Y = [[0, 1, …, {m - 1}]] (each example's number), batch_size = "
        f"{size}, rng = np.random.default_rng(0)",
        f"X 形状 (2, {m})，Y = [[0, 1, …, {m - 1}]]（每个样本的序号），batch_size = {size}，"
        "rng = np.random.default_rng(0)",
    )
    out = call(fn, (X, Y, size, rng(0)), {}, ("X", "Y", "batch_size", "rng"))
    if (problem := call_problem(out)) is not None:
        return Finding(label, problem)
    batches = out.value
    if not isinstance(batches, list | tuple) or not all(
        isinstance(b, list | tuple) and len(b) == 2 for b in batches
    ):
        return Finding(
            label,
            Text(
                f"returned {kind(batches)}; expected a list of (X_t, Y_t) pairs",
                f"返回了 {kind(batches)}；应返回 (X_t, Y_t) 对的列表",
            ),
        )
    for X_t, Y_t in batches:
        if not (isinstance(X_t, np.ndarray) and isinstance(Y_t, np.ndarray)) or (
            X_t.ndim != 2 or Y_t.ndim != 2 or X_t.shape[1] != Y_t.shape[1] or X_t.shape[0] != 2
        ):
            return Finding(
                label,
                Text(
                    "each mini-batch is a pair of arrays (X_t of shape (2, k), Y_t of shape "
                    "(1, k)): examples stay columns",
                    "每个小批量是一对数组（X_t 形状 (2, k)，Y_t 形状 (1, k)）：样本仍然是列",
                ),
            )
    ids = np.concatenate([Y_t[0] for _, Y_t in batches]).astype(int)
    sizes = [Y_t.shape[1] for _, Y_t in batches]
    want = [size] * (m // size) + [m % size]
    if sorted(ids.tolist()) != list(range(m)):
        drops = len(ids) == size * (m // size) and len(set(ids.tolist())) == len(ids)
        return Finding(
            label,
            Text(
                f"the mini-batches hold {len(ids)} examples ({len(set(ids.tolist()))} different); "
                f"expected each of the {m} exactly once",
                f"小批量中共有 {len(ids)} 个样本（{len(set(ids.tolist()))} 个不同）；"
                f"应包含全部 {m} 个样本且每个恰好一次",
            ),
            "drops_last" if drops else None,
        )
    if sizes != want:
        return Finding(
            label,
            Text(
                f"the mini-batch sizes are {sizes}; expected {want}",
                f"小批量的大小是 {sizes}；应为 {want}",
            ),
        )
    X_all = np.concatenate([X_t for X_t, _ in batches], axis=1)
    if not np.array_equal(X_all, X[:, ids]):
        return Finding(
            label,
            Text(
                "the columns of X_t are not those of the examples in Y_t: shuffle X and Y with "
                "the same permutation",
                "X_t 的列与 Y_t 中的样本不对应：X 和 Y 要用同一个排列打乱",
            ),
            "shuffled_apart",
        )
    if np.array_equal(ids, np.arange(m)):
        return Finding(
            label,
            Text(
                "the examples come in their original order: shuffle them (rng.permutation(m)) "
                "before cutting",
                "样本保持了原来的顺序：切分之前先打乱（rng.permutation(m)）",
            ),
            "not_shuffled",
        )
    names = ("X", "Y", "batch_size", "rng")
    again = [call(fn, (X, Y, size, rng(seed)), {}, names) for seed in (0, 1)]
    orders = [
        np.concatenate([Y_t[0] for _, Y_t in o.value]) if o.error is None else None for o in again
    ]
    if orders[0] is None or not np.array_equal(orders[0], ids):
        return Finding(
            label,
            Text(
                "two calls with np.random.default_rng(0) gave different orders: shuffle with "
                "rng, not np.random",
                "两次用 np.random.default_rng(0) 调用得到了不同的顺序：请用 rng 打乱，而不是 "
                "np.random",
            ),
        )
    if orders[1] is not None and np.array_equal(orders[1], ids):
        return Finding(
            label,
            Text(
                "rng seeds 0 and 1 gave the same order: shuffle with rng",
                "种子 0 和 1 给出了相同的顺序：请用 rng 打乱",
            ),
        )
    return None


def _ref_mini_batches(
    X: np.ndarray, Y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the m examples (columns) with one permutation for X and Y, then cut them into
    mini-batches of batch_size; the last holds the remaining m mod batch_size (if any).

    X is (n[0], m), Y (1, m). Return a list of (X_t, Y_t) pairs. Draw from rng.
    """
    m = X.shape[1]
    order = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    return [
        (X_shuffled[:, k : k + batch_size], Y_shuffled[:, k : k + batch_size])
        for k in range(0, m, batch_size)
    ]


MINI_BATCHES = exercise(
    name="mini_batches",
    chapter=CHAPTER,
    title="Shuffled mini-batches",
    title_zh="打乱后的小批量",
    task="Write `mini_batches(X, Y, batch_size, rng)`: shuffle the m examples (columns) with "
    "one permutation drawn from rng, the same for X and Y, then cut them into mini-batches "
    "of batch_size, the last one holding the remaining m mod batch_size. Return a list of "
    "(X_t, Y_t) pairs.",
    task_zh="写出 `mini_batches(X, Y, batch_size, rng)`：用从 rng 抽取的同一个排列打乱 X 和 Y 的 m "
    "个"
    "样本（列），再切成大小为 batch_size 的小批量，最后一个包含剩下的 m mod batch_size 个样本。"
    "返回 (X_t, Y_t) 对的列表。",
    hints=(
        "One permutation for both arrays keeps each example with its label; do not drop the "
        "last, smaller mini-batch.",
        "`order = rng.permutation(m)`; then `X[:, order][:, k:k + batch_size]` for k in "
        "`range(0, m, batch_size)`, and the same for Y.",
    ),
    hints_zh=(
        "两个数组用同一个排列，才能让每个样本和它的标签在一起；不要丢掉最后那个较小的小批量。",
        "`order = rng.permutation(m)`；然后对 `range(0, m, batch_size)` 中的每个 k 取 "
        "`X[:, order][:, k:k + batch_size]`，Y 同理。",
    ),
    reference=_ref_mini_batches,
    against="dlnotes.data.random_mini_batches",
    judge=judge_mini_batches,
    rules=(
        Text(
            "Draw from the rng you are given, never from np.random.",
            "只用给定的 rng 抽样，不要用 np.random。",
        ),
        Text(
            "Judged by properties (m = 103, batch_size = 16): every example exactly once, X and "
            "Y shuffled together, sizes 16, …, 16, 7.",
            "按性质评判（m = 103，batch_size = 16）：每个样本恰好一次，X 与 Y 一起打乱，"
            "大小为 16、…、16、7。",
        ),
    ),
)


@MINI_BATCHES.known_mistake(
    "not_shuffled",
    title="the examples not shuffled",
    title_zh="没有打乱样本",
    explanation="Mini-batch gradient descent draws a new random partition each epoch; cut in "
    "order, every epoch sees the same batches.",
    explanation_zh="小批量梯度下降每一代都重新随机划分；按原顺序切分，每一代看到的都是同样的小批量"
    "。",
    link="mini-batch.md#shuffle-and-partition",
)
def _mistake_batches_not_shuffled(
    X: np.ndarray, Y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    m = X.shape[1]
    return [(X[:, k : k + batch_size], Y[:, k : k + batch_size]) for k in range(0, m, batch_size)]


@MINI_BATCHES.known_mistake(
    "shuffled_apart",
    title="X and Y shuffled with different permutations",
    title_zh="X 和 Y 用了不同的排列打乱",
    explanation="Each label must stay with its example: draw one permutation and index both "
    "X and Y with it.",
    explanation_zh="每个标签必须和它的样本在一起：只抽取一个排列，并用它同时索引 X 和 Y。",
    link="mini-batch.md#shuffle-and-partition",
)
def _mistake_batches_shuffled_apart(
    X: np.ndarray, Y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    m = X.shape[1]
    X_s, Y_s = X[:, rng.permutation(m)], Y[:, rng.permutation(m)]
    return [
        (X_s[:, k : k + batch_size], Y_s[:, k : k + batch_size]) for k in range(0, m, batch_size)
    ]


@MINI_BATCHES.known_mistake(
    "drops_last",
    title="the last, smaller mini-batch dropped",
    title_zh="丢掉了最后那个较小的小批量",
    explanation="The notes' partition keeps the m mod batch_size examples left over as a last "
    "mini-batch: every example is used in every epoch.",
    explanation_zh="笔记中的划分把剩下的 m mod batch_size 个样本作为最后一个小批量：每一代都用到每"
    "个样本。",
    link="mini-batch.md#shuffle-and-partition",
)
def _mistake_batches_drops_last(
    X: np.ndarray, Y: np.ndarray, batch_size: int, rng: np.random.Generator
) -> list[tuple[np.ndarray, np.ndarray]]:
    m = X.shape[1]
    order = rng.permutation(m)
    X_s, Y_s = X[:, order], Y[:, order]
    full = m - m % batch_size
    return [
        (X_s[:, k : k + batch_size], Y_s[:, k : k + batch_size]) for k in range(0, full, batch_size)
    ]


# ------------------------------------------------------------------ the training loop

# The pieces, under the names the reference training loop (and the learner's) calls them by.
initialize_he = _ref_initialize_he
forward_pass = _ref_forward_pass
backward_pass = _ref_backward_pass
mini_batches = _ref_mini_batches
adam_step = _ref_adam_step


def _ref_train_network(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: list[int],
    num_epochs: int,
    batch_size: int,
    lr: float,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Train the network with your pieces: initialize_he, then for each epoch and each mini-batch
    of mini_batches(X, Y, batch_size, rng): forward_pass, backward_pass, and one adam_step per
    parameter (t counts the steps from 1; m and v start at 0). Return the trained params.
    """
    params = initialize_he(layer_dims, rng)
    m = {key: np.zeros_like(p) for key, p in params.items()}
    v = {key: np.zeros_like(p) for key, p in params.items()}
    t = 0
    for _ in range(num_epochs):
        for X_t, Y_t in mini_batches(X, Y, batch_size, rng):
            grads = backward_pass(forward_pass(X_t, params), Y_t, params)
            t += 1
            for key in params:
                params[key], m[key], v[key] = adam_step(
                    params[key], grads[key], m[key], v[key], t, lr
                )
    return params


def _moons() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    from dlnotes.data import make_moons

    X, Y = make_moons(300, noise=0.2, rng=rng(0))
    X_test, Y_test = make_moons(200, noise=0.2, rng=rng(1))
    return X, Y.astype(float), X_test, Y_test.astype(float)


_REFERENCE: dict[str, float] = {}


def reference_accuracy() -> float:
    """The test accuracy of dlnotes.network.train (Adam) on the capstone's moons."""
    if "accuracy" not in _REFERENCE:
        from dlnotes.network import predict, train
        from dlnotes.optimizers import Adam

        X, Y, X_test, Y_test = _moons()
        params, _ = train(
            X, Y, DIMS, Adam(lr=LR), num_epochs=EPOCHS, rng=rng(2), batch_size=BATCH,
            record_every=EPOCHS,
        )
        _REFERENCE["accuracy"] = float(np.mean(predict(X_test, params) == Y_test))
    return _REFERENCE["accuracy"]


def judge_train(fn: Callable[..., Any], ex: Exercise) -> Finding | None:
    """Each piece as its own exercise, then the test accuracy against the reference network."""
    from dlnotes.exercises._engine import PROGRESS

    where = getattr(fn, "__globals__", {})
    pieces_label = Text("the pieces train_network calls", "train_network 调用的各个部分")
    exercises = by_name()
    for name in PIECES:
        piece = where.get(name)
        chapter = exercises[name].chapter
        if not callable(piece):
            return Finding(
                pieces_label,
                Text(
                    f"no function {name} next to train_network: define it (or paste your solution "
                    f"from the {chapter} exercises) in the same notebook or module",
                    f"在 train_network 旁边没有函数 {name}：请在同一个笔记本或模块中定义它"
                    f"（或粘贴你在 {chapter} 练习中的答案）",
                ),
            )
        piece_ex = exercises[name]
        found = (piece_ex.judge or judge_by_comparison)(piece, piece_ex)
        PROGRESS[name] = found is None
        if found is not None:
            return Finding(
                pieces_label,
                Text(
                    f"the piece {name} is wrong; its own check says:\n"
                    + verdict(piece_ex, found, "en", markdown=False),
                    f"{name} 这一部分有错；它自己的检查结果：\n"
                    + verdict(piece_ex, found, "zh", markdown=False),
                ),
                name,
            )
    X, Y, X_test, Y_test = _moons()
    label = Text(
        f"make_moons: 300 training and 200 test examples (noise 0.2), layer_dims = {DIMS}, "
        f"num_epochs = {EPOCHS}, batch_size = {BATCH}, lr = {LR}, rng = np.random.default_rng(2)",
        f"make_moons：300 个训练样本、200 个测试样本（噪声 0.2），layer_dims = {DIMS}，"
        f"num_epochs = {EPOCHS}，batch_size = {BATCH}，lr = {LR}，rng = np.random.default_rng(2)",
    )
    names = ("X", "Y", "layer_dims", "num_epochs", "batch_size", "lr", "rng")
    out = call(fn, (X, Y, list(DIMS), EPOCHS, BATCH, LR, rng(2)), {}, names)
    if (problem := call_problem(out)) is not None:
        return Finding(label, problem)
    params = out.value
    keys = sorted(f"{p}{k}" for k in range(1, len(DIMS)) for p in "Wb")
    if not isinstance(params, dict) or sorted(map(str, params)) != keys:
        got = sorted(map(str, params)) if isinstance(params, dict) else kind(params)
        return Finding(
            label,
            Text(
                f"train_network returned {got}; expected the trained params, a dict with keys "
                f"{keys}",
                f"train_network 返回了 {got}；应返回训练后的参数，键为 {keys} 的 dict",
            ),
        )
    piece = where["forward_pass"]
    try:
        A_L = np.asarray(piece(X_test, params)[-1])
        accuracy = float(np.mean((A_L > 0.5) == Y_test))
    except Exception as exc:  # a params dict with wrong shapes
        return Finding(
            label,
            Text(
                f"forward_pass on the trained params raised {type(exc).__name__}: {exc}",
                f"在训练后的参数上运行 forward_pass 时抛出了 {type(exc).__name__}：{exc}",
            ),
        )
    want = reference_accuracy()
    if accuracy < want - TOLERANCE:
        return Finding(
            label,
            Text(
                f"test accuracy {accuracy:.3f}; the reference network (dlnotes.network.train "
                f"with Adam) reaches {want:.3f}. Every piece passes its check, so the training "
                "loop is wrong: each epoch, each mini-batch, forward, backward, then one "
                "adam_step per parameter with t = 1, 2, 3, … and the new params, m and v kept.",
                f"测试准确率 {accuracy:.3f}；参考网络（dlnotes.network.train 配合 Adam）达到 "
                f"{want:.3f}。每个部分都通过了检查，所以是训练循环错了：每一代、每个小批量，"
                "前向、反向，然后对每个参数做一次 adam_step，t = 1, 2, 3, …，并保存新的参数、m 和 "
                "v。",
            ),
            "training_loop",
        )
    return None


TRAIN = exercise(
    name="train_network",
    chapter=CHAPTER,
    title="Train the network on two moons",
    title_zh="在双月数据集上训练网络",
    task="Write `train_network(X, Y, layer_dims, num_epochs, batch_size, lr, rng)` from your "
    "own pieces, called by these names: `initialize_he(layer_dims, rng)` (Initialization), "
    "`forward_pass` and `backward_pass` (above), `mini_batches(X, Y, batch_size, rng)` "
    "(above, a new partition each epoch) and `adam_step` (Optimizers), one step per "
    "parameter with t = 1, 2, … counting the steps and m, v starting at 0. Return the "
    "trained params. The check trains on make_moons and compares the test accuracy with the "
    "reference network's.",
    task_zh="用你自己写的各个部分写出 `train_network(X, Y, layer_dims, num_epochs, batch_size, lr, "
    "rng)`，"
    "按这些名字调用：`initialize_he(layer_dims, rng)`（初始化一章）、`forward_pass` 和 "
    "`backward_pass`（上面）、`mini_batches(X, Y, batch_size, rng)`（上面，每一代重新划分）以及 "
    "`adam_step`（优化算法一章），对每个参数做一步，t = 1, 2, … 计数，m、v 从 0 开始。返回训练后的"
    "参数。"
    "检查会在 make_moons 上训练，并把测试准确率与参考网络的比较。",
    hints=(
        "Keep one m and one v per parameter key, all starting as zeros, and one step counter t "
        "for the whole run.",
        "for each epoch: for X_t, Y_t in mini_batches(...): grads = backward_pass(forward_pass("
        "X_t, params), Y_t, params); t += 1; then params[k], m[k], v[k] = adam_step(params[k], "
        "grads[k], m[k], v[k], t, lr) for every key k.",
    ),
    hints_zh=(
        "每个参数键各有一个 m 和一个 v，都从零开始；整个训练只有一个步数计数器 t。",
        "每一代：for X_t, Y_t in mini_batches(...)：grads = backward_pass(forward_pass(X_t, "
        "params), "
        "Y_t, params)；t += 1；然后对每个键 k：params[k], m[k], v[k] = adam_step(params[k], "
        "grads[k], "
        "m[k], v[k], t, lr)。",
    ),
    reference=_ref_train_network,
    against=f"dlnotes.network.train with Adam (test accuracy within {TOLERANCE})",
    judge=judge_train,
    rules=(
        Text(
            "The pieces are found by name next to train_network (in the notebook); each is "
            "checked as its own exercise first, and the first wrong one is named.",
            "各个部分按名字在 train_network 旁边（笔记本中）查找；先把每个部分当作单独的练习检查，"
            "并点出第一个出错的部分。",
        ),
        Text(
            f"The test accuracy may trail the reference network's by at most {TOLERANCE}.",
            f"测试准确率最多可以比参考网络低 {TOLERANCE}。",
        ),
    ),
)


def _with_piece(name: str, broken: Callable[..., Any]) -> Callable[..., Any]:
    """The reference training loop, with one piece replaced by a broken one."""
    code = _ref_train_network.__code__
    fn = types.FunctionType(code, {**globals(), name: broken}, "train_network")
    fn.__defaults__ = _ref_train_network.__defaults__
    return fn


def _piece_mistake(name: str, broken: Callable[..., Any], chapter: str) -> None:
    TRAIN.known_mistake(
        name,
        title=f"the piece {name} is wrong",
        title_zh=f"{name} 这一部分有错",
        explanation=f"train_network is only as good as its pieces: fix {name} (the verdict "
        "below is its own check, with its known mistake if it makes one).",
        explanation_zh=f"train_network 的好坏取决于它的各个部分：请修正 {name}（下面是它自己的检查"
        "结果，"
        "如果是已知错误也会点名）。",
        link=f"{chapter}.md#exercises",
    )(_with_piece(name, broken))


def _broken_forward_pass(X: np.ndarray, params: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    return _mistake_forward_relu_at_output(X, params)


_piece_mistake("initialize_he", lambda dims, r: _initialize_transposed(dims, r), "initialization")
_piece_mistake("forward_pass", _broken_forward_pass, "capstone")
_piece_mistake("backward_pass", _mistake_backward_no_relu_grad, "capstone")
_piece_mistake("mini_batches", _mistake_batches_shuffled_apart, "capstone")
_piece_mistake("adam_step", lambda *a, **k: _eps_inside(*a, **k), "optimizers")


def _initialize_transposed(dims: list[int], r: np.random.Generator) -> dict[str, np.ndarray]:
    from dlnotes.exercises.initialization import _mistake_init_transposed

    return _mistake_init_transposed(dims, r)


def _eps_inside(*args: Any, **kwargs: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from dlnotes.exercises.optimizers import _mistake_adam_eps_inside

    return _mistake_adam_eps_inside(*args, **kwargs)


@TRAIN.known_mistake(
    "training_loop",
    title="the training loop",
    title_zh="训练循环有错",
    explanation="Every piece passes its own check but the network does not learn as the "
    "reference does: look at how the loop uses them. Common causes: the new params from "
    "adam_step thrown away, t not counted from 1 across all steps, m and v reset each step, "
    "the same mini-batches every epoch.",
    explanation_zh="每个部分都通过了自己的检查，但网络没有像参考网络那样学到东西：检查循环如何使用"
    "它们。"
    "常见原因：丢掉了 adam_step 返回的新参数、t 没有在所有步中从 1 开始计数、每一步都把 m 和 v 重置"
    "、"
    "每一代都用同样的小批量。",
    link="capstone.md#the-training-loop",
)
def _mistake_train_loop_drops_params(
    X: np.ndarray,
    Y: np.ndarray,
    layer_dims: list[int],
    num_epochs: int,
    batch_size: int,
    lr: float,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    params = initialize_he(layer_dims, rng)
    m = {key: np.zeros_like(p) for key, p in params.items()}
    v = {key: np.zeros_like(p) for key, p in params.items()}
    t = 0
    for _ in range(num_epochs):
        for X_t, Y_t in mini_batches(X, Y, batch_size, rng):
            grads = backward_pass(forward_pass(X_t, params), Y_t, params)
            t += 1
            for key in params:
                _, m[key], v[key] = adam_step(params[key], grads[key], m[key], v[key], t, lr)
    return params
