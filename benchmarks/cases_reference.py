"""Room 1 of the bench: each chapter's reference, through its public function with its checks,
against the NumPy peer numpy-ml 0.1.2 (Adam, a dense layer, batch norm, softmax + cross-entropy);
``dlnotes.network.train`` against the same loop in PyTorch; the notes' dot product against a
Python loop; and the run time of the experiment notebooks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from harness import Case, assert_close

import dlnotes.network
from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward, update_running_stats
from dlnotes.layers import linear_backward, linear_forward
from dlnotes.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from dlnotes.optimizers import Adam


def adam_params(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """About n float64 parameters in two layers' W and b (two large arrays, two small)."""
    rows = max(2, round((n / 2) ** 0.5))
    cols = max(1, n // (2 * rows))
    return {
        "W1": rng.standard_normal((rows, cols)),
        "b1": rng.standard_normal((rows, 1)),
        "W2": rng.standard_normal((cols, rows)),
        "b2": rng.standard_normal((cols, 1)),
    }


def adam_loop(opt: Any, params0: dict[str, np.ndarray], grads: dict[str, np.ndarray]
               ) -> tuple[Callable[[], dict[str, np.ndarray]], dict[str, Any]]:
    """A training loop's update with a dlnotes-style optimizer: params and state fed back."""
    box: dict[str, Any] = {"params": dict(params0), "state": opt.init(params0)}

    def step() -> dict[str, np.ndarray]:
        box["params"], box["state"] = opt.update(box["params"], grads, box["state"])
        return box["params"]

    return step, box


def case_adam_reference(n: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """dlnotes.optimizers.Adam.update against numpy-ml's Adam, one call per parameter."""
    rng = np.random.default_rng(seed)
    params0 = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params0.items()}
    ours, _ = adam_loop(Adam(lr=1e-3), params0, grads)
    peer_opt = nm["Adam"](lr=1e-3, decay1=0.9, decay2=0.999, eps=1e-8)
    peer_params = dict(params0)

    def peer() -> dict[str, np.ndarray]:
        for k in peer_params:  # numpy-ml's optimizer updates one named parameter per call
            peer_params[k] = peer_opt(peer_params[k], grads[k], k)
        return peer_params

    def check() -> None:  # the first step from the same start
        for (k, a), b in zip(ours().items(), peer().values(), strict=True):
            assert_close(f"Adam {k}", a, b, rtol=1e-12, atol=1e-15)

    size = sum(p.size for p in params0.values())
    return Case(f"Adam.update, {size:,} float64 params", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def case_dense_reference(n: int, n_prev: int, m: int, nm: dict[str, Any], *, seed: int = 0
                         ) -> Case:
    """linear_forward + linear_backward against numpy-ml's FullyConnected (identity
    activation) forward + backward, and against the three matrix products alone."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev)) / n_prev**0.5
    b = rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))  # the per-example upstream gradient (notes' convention)
    layer = nm["FullyConnected"](n_out=n, act_fn=None)  # None: the identity (Affine(1, 0))
    Xr, dYr = A.T.copy(), dZ.T.copy()  # numpy-ml: one example per row
    layer.forward(Xr, retain_derived=False)  # initializes its parameters, then set ours
    layer.parameters["W"], layer.parameters["b"] = W.T.copy(), b.T.copy()

    def ours() -> tuple[np.ndarray, ...]:
        Z, cache = linear_forward(A, W, b)
        return (Z, *linear_backward(dZ, cache))

    def peer() -> tuple[np.ndarray, ...]:
        layer.flush_gradients()  # its training cycle: fresh gradients, no retained inputs
        Y = layer.forward(Xr, retain_derived=True)
        dX = layer.backward(dYr)
        return Y, dX, layer.gradients["W"], layer.gradients["b"]

    def matmuls() -> tuple[np.ndarray, ...]:
        return W @ A, dZ @ A.T, W.T @ dZ  # Z, m·dW and dA_prev: the BLAS part of the layer

    def check() -> None:
        (Z, dA, dW, db), (Y, dX, gW, gb) = ours(), peer()
        assert_close("dense Z", Z, Y.T, rtol=1e-10, atol=1e-12)
        assert_close("dense dA_prev", dA, dX.T, rtol=1e-10, atol=1e-12)
        assert_close("dense dW", dW, gW.T / m, rtol=1e-10, atol=1e-12)  # dlnotes: the 1/m
        assert_close("dense db", db, gb.T / m, rtol=1e-10, atol=1e-12)

    return Case(f"linear_forward + linear_backward, {n} × {n_prev}, m = {m}",
                {"dlnotes": ours, "numpy-ml": peer, "its three matrix products": matmuls},
                check, [("dlnotes", "numpy-ml", 1.1), ("dlnotes", "its three matrix products",
                                                        None)])


def case_batchnorm_reference(n: int, m: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """batchnorm_forward + batchnorm_backward + update_running_stats against numpy-ml's
    BatchNorm1D forward (which updates its running statistics) + backward."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 2.0 + 0.5
    gamma, beta = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    running = (np.zeros((n, 1)), np.ones((n, 1)))
    layer = nm["BatchNorm1D"](momentum=0.9, epsilon=1e-5)
    Zr, Gr = Z.T.copy(), G.T.copy()  # numpy-ml: (batch, features)
    layer.forward(Zr, retain_derived=False)  # initializes its parameters, then set ours
    layer.parameters["scaler"], layer.parameters["intercept"] = gamma.ravel(), beta.ravel()

    def ours() -> tuple[np.ndarray, ...]:
        out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
        update_running_stats(*running, cache, beta=0.9)
        return (out, *batchnorm_backward(G, cache))

    def peer() -> tuple[np.ndarray, ...]:
        layer.flush_gradients()
        out = layer.forward(Zr, retain_derived=True)
        dX = layer.backward(Gr)
        return out, dX, layer.gradients["scaler"], layer.gradients["intercept"]

    def check() -> None:
        (out, dZ, dg, db), (tout, tdZ, tdg, tdb) = ours(), peer()
        assert_close("batchnorm out", out, tout.T, rtol=1e-9, atol=1e-11)
        assert_close("batchnorm dZ", dZ, tdZ.T, rtol=1e-8, atol=1e-10)
        assert_close("batchnorm dgamma", dg, tdg.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        assert_close("batchnorm dbeta", db, tdb.reshape(-1, 1), rtol=1e-9, atol=1e-9)

    return Case(f"batchnorm_forward + backward, {n} × {m}", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def case_softmax_reference(k: int, m: int, nm: dict[str, Any], *, seed: int = 0) -> Case:
    """softmax_cross_entropy + softmax_cross_entropy_grad (labels, mean) against numpy-ml's
    Softmax layer forward + CrossEntropy loss and grad (one-hot targets, their sum)."""
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((k, m)) * 3.0  # classes on axis 0, one example per column
    y = rng.integers(0, k, size=m)
    Sr, Y1h = S.T.copy(), np.eye(k)[y]  # numpy-ml: (batch, classes), one-hot targets
    softmax, ce = nm["Softmax"](), nm["CrossEntropy"]()

    def ours() -> tuple[np.ndarray, np.ndarray]:
        return softmax_cross_entropy(S, y), softmax_cross_entropy_grad(S, y)

    def peer() -> tuple[float, np.ndarray]:
        P = softmax.forward(Sr, retain_derived=False)
        return ce.loss(Y1h, P), ce.grad(Y1h, P)  # the sum over examples, not the mean

    def check() -> None:
        (loss, grad), (nloss, ngrad) = ours(), peer()
        # numpy-ml takes log(P + machine eps): equal to about 1e-10 relative
        assert_close("softmax CE loss", loss * m, nloss, rtol=1e-9, atol=0.0)
        assert_close("softmax CE grad", grad * m, ngrad.T, rtol=1e-10, atol=1e-15)

    return Case(f"softmax_cross_entropy + grad, {k} × {m}", {"dlnotes": ours, "numpy-ml": peer},
                check, [("dlnotes", "numpy-ml", 1.1)])


def _torch_training_loop(
    X: np.ndarray, Y: np.ndarray, params0: dict[str, np.ndarray], steps: int, lr: float
) -> Callable[[], list[torch.Tensor]]:
    """The same loop as a practitioner writes it with torch: nn.Linear layers, autograd, Adam
    with its defaults, from the weights params0 ([2, 5, 2, 1], ReLU, ReLU, sigmoid output)."""
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 5), torch.nn.ReLU(),
        torch.nn.Linear(5, 2), torch.nn.ReLU(),
        torch.nn.Linear(2, 1),
    ).double()
    Xt, Yt = torch.tensor(X.T.copy()), torch.tensor(Y.T.copy())
    linears = [model[0], model[2], model[4]]

    def loop() -> list[torch.Tensor]:
        with torch.no_grad():
            for k, layer in enumerate(linears, start=1):
                layer.weight.copy_(torch.from_numpy(params0[f"W{k}"]))
                layer.bias.copy_(torch.from_numpy(params0[f"b{k}"].ravel()))
        topt = torch.optim.Adam(model.parameters(), lr=lr)
        for _ in range(steps):
            topt.zero_grad()
            # the mean binary cross-entropy of sigmoid(Z[3]), from the logits (stable form)
            loss = F.binary_cross_entropy_with_logits(model(Xt), Yt)
            loss.backward()
            topt.step()
        return [p.detach().clone() for p in model.parameters()]

    return loop


def case_train_function(steps: int, m: int = 64, *, seed: int = 0, lr: float = 0.0007) -> Case:
    """``steps`` epochs of dlnotes.network.train (batch GD with Adam, [2, 5, 2, 1], checks once
    per run) against the same torch loop as case_training, from the same He initialization."""
    import dlnotes.network as network
    from dlnotes.initializers import initialize_parameters

    train = network.train
    rng = np.random.default_rng(seed)
    dims = [2, 5, 2, 1]
    X = rng.standard_normal((2, m))
    Y = (X[0:1] * X[1:2] > 0).astype(np.float64)
    # train draws its initial weights first from its rng: the same draw seeds the torch model
    params0 = initialize_parameters(dims, "he", rng=np.random.default_rng(seed + 1))
    torch_case = _torch_training_loop(X, Y, params0, steps, lr)

    def ours() -> dict[str, np.ndarray]:
        params, _ = train(X, Y, dims, Adam(lr=lr), num_epochs=steps, record_every=steps,
                          rng=np.random.default_rng(seed + 1))
        return params

    def check() -> None:
        params, tparams = ours(), torch_case()
        for (key, p), t in zip(params.items(), tparams, strict=True):
            assert_close(f"train {key}", p, t.reshape(p.shape), rtol=1e-9, atol=1e-12)

    return Case(f"{steps} Adam steps of dlnotes.network.train, [2, 5, 2, 1], m = {m}",
                {"dlnotes": ours, "torch": torch_case}, check, [("dlnotes", "torch", 0.5)])


def case_vectorization(n: int, *, seed: int = 0) -> Case:
    """The notes' example (003): np.dot of two n-vectors against a Python loop."""
    rng = np.random.default_rng(seed)
    a, b = rng.random(n), rng.random(n)

    def ours() -> float:
        return float(np.dot(a, b))

    def loop() -> float:
        c = 0.0
        for i in range(n):  # the notes' loop, element by element
            c += a[i] * b[i]
        return c

    def check() -> None:
        assert_close("dot product", ours(), loop(), rtol=1e-9, atol=0.0)

    return Case(f"np.dot vs a Python loop, n = {n:,} (notes 003)",
                {"np.dot": ours, "Python loop": loop}, check, [("np.dot", "Python loop", None)])


# The experiments of the notebooks (docs/experiments)

# The notebooks' runs (docs/experiments/*.ipynb): (notebook, data, layer_dims, epochs,
# batch_size, [(optimizer, train() keywords), …]); the optimizers are built per run.
EXPERIMENTS = [
    ("initialization", "circles", [2, 10, 5, 1], 15_000, None,
     [("SGD", {"initialization": "zeros"}),
      ("SGD", {"initialization": "random", "scale": 10.0}),
      ("SGD", {"initialization": "he"})]),
    ("regularization", "field", [2, 20, 3, 1], 30_000, None,
     [("SGD", {"initialization": "xavier"}),
      ("SGD", {"initialization": "xavier", "lambd": 0.7}),
      ("SGD", {"initialization": "xavier", "keep_prob": 0.86})]),
    ("optimizers", "moons", [2, 5, 2, 1], 10_000, 64,
     [("SGD", {}), ("Momentum", {}), ("Adam", {})]),
]
LEARNING_RATES = {"initialization": 0.01, "regularization": 0.3, "optimizers": 0.0007}


def experiment_data(dataset: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The notebooks' training sets (the timing depends on their sizes, not on the draw)."""
    import dlnotes.data as data

    if dataset == "circles":
        return data.make_circles(300, noise=0.05, factor=0.8, rng=rng)
    if dataset == "field":
        return data.make_field(211, noise=0.05, flip=0.1, rng=rng)  # type: ignore[attr-defined]
    return data.make_moons(300, noise=0.2, rng=rng)


def experiments_runtime(fraction: float) -> tuple[float, str] | None:
    """Seconds for the nine runs of the experiment notebooks, from ``fraction`` of the epochs of
    each run scaled up; None while ``dlnotes.network.train`` does not exist."""
    import dlnotes.optimizers as optimizers

    train = getattr(dlnotes.network, "train", None)
    if train is None:
        return None
    rng = np.random.default_rng(0)
    total = 0.0
    for notebook, dataset, dims, epochs, batch, runs in EXPERIMENTS:
        X, Y = experiment_data(dataset, rng)
        run_epochs = max(1, round(epochs * fraction))
        for opt_name, kwargs in runs:
            beta = {"beta": 0.9} if opt_name == "Momentum" else {}
            optimizer = getattr(optimizers, opt_name)(LEARNING_RATES[notebook], **beta)
            start = time.perf_counter()
            train(X, Y, dims, optimizer, num_epochs=run_epochs, rng=rng, batch_size=batch,
                  record_every=100, **kwargs)
            total += (time.perf_counter() - start) * epochs / run_epochs
    how = (
        "experiments: the nine dlnotes.network.train runs of docs/experiments (initialization: "
        "[2, 10, 5, 1] × 15,000 epochs on 300 examples; regularization: [2, 20, 3, 1] × 30,000 "
        "on 211; optimizers: [2, 5, 2, 1] × 10,000 epochs of mini-batches of 64 from 300), "
        f"each run for {fraction:.1%} of its epochs and the time scaled up to the full count"
    )
    return total, how
