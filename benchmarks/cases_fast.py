"""Room 2 of the bench: each function of ``dlnotes.fast`` against PyTorch's fastest CPU kernel
for it, with the same threads, against its floor (benchmarks/floors.py), and each step of the
performance chapter from the reference (step 0) to the compiled kernel (step 4); steps 1 to 3
are the page's own code (benchmarks/steps.py). Also the linear layer against PyTorch (no goal:
the BLAS) and the peak memory of one fast.Adam.update.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any

import floors
import numpy as np
import torch
import torch.nn.functional as F
from cases_reference import adam_loop, adam_params
from harness import Case, assert_close, mb

import dlnotes.fast as fast
from dlnotes.batchnorm import batchnorm_backward, batchnorm_forward
from dlnotes.layers import linear_backward, linear_forward
from dlnotes.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from dlnotes.optimizers import Adam

ADAM_BLOCK = 1 << 17  # steps 2 and 3: blocks of 2**17 entries, 1 MiB per float64 array
SOFTMAX_BLOCK_BYTES = 1 << 23  # steps 2 and 3: 8 MiB of examples per block
BATCHNORM_BAND_BYTES = 1 << 21  # steps 2 and 3: 2 MiB of rows per band
HUGE = 1 << 62  # step 1: one block, the whole arrays


def case_adam_fast(n: int, lesson: dict[str, Any], *, seed: int = 0) -> Case:
    """fast.Adam against torch.optim.Adam (fused, foreach, default), the floors, and the page's
    steps from the reference."""
    rng = np.random.default_rng(seed)
    params0 = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params0.items()}
    ours, box = adam_loop(fast.Adam(lr=1e-3), params0, grads)
    reference, _ = adam_loop(Adam(lr=1e-3), params0, grads)
    # step t = 1 of every parameter, again and again: θ, g, m, v flattened (views)
    flat = [(p.reshape(-1), grads[k].reshape(-1), np.zeros(p.size), np.zeros(p.size))
            for k, p in params0.items()]
    bias1, bias2 = 1 - 0.9, 1 - 0.999
    scalars = (0.9, 0.999, 1e-3 * bias2**0.5 / bias1, 1e-8 * bias2**0.5)

    def step(block: int, parallel: bool) -> Callable[[], object]:
        def run() -> object:
            outs = [np.empty(theta.size) for theta, *_ in flat]  # the new θ: new arrays
            for arrays, out in zip(flat, outs, strict=True):
                lesson["adam_blocks"](*arrays, out, *scalars, block=block, parallel=parallel)
            return outs
        return run

    def step4() -> object:
        outs = [np.empty(theta.size) for theta, *_ in flat]
        for arrays, out in zip(flat, outs, strict=True):
            fast._adam_fused(*arrays, out, *scalars)
        return outs

    def torch_adam(**kwargs: bool) -> tuple[Callable[[], object], list[torch.Tensor]]:
        tensors = [torch.tensor(p) for p in params0.values()]
        for t, g in zip(tensors, grads.values(), strict=True):
            t.grad = torch.from_numpy(g)  # shares memory: no copy
        topt = torch.optim.Adam(tensors, lr=1e-3, **kwargs)
        return topt.step, tensors

    fused, t_fused = torch_adam(fused=True)
    foreach, t_foreach = torch_adam(foreach=True)
    loop, t_loop = torch_adam()  # torch's default on CPU: the single-tensor for-loop

    def check() -> None:  # the first step from the same start
        ours()
        for fn, tensors, label in ((fused, t_fused, "fused"), (foreach, t_foreach, "foreach"),
                                   (loop, t_loop, "for-loop")):
            fn()
            for (key, p), t in zip(box["params"].items(), tensors, strict=True):
                assert_close(f"Adam {label} {key}", p, t, rtol=1e-12, atol=1e-15)
        for (key, p), q in zip(box["params"].items(), reference().values(), strict=True):
            assert_close(f"Adam reference {key}", p, q, rtol=1e-12, atol=1e-15)
        for name, fn in (("step 1", step(HUGE, False)), ("step 3", step(ADAM_BLOCK, True)),
                         ("step 4", step4)):
            for arrays in flat:  # from zero moments, as the first step of fast.Adam
                arrays[2][:], arrays[3][:] = 0.0, 0.0
            for (key, p), out in zip(box["params"].items(), fn(), strict=True):  # type: ignore[call-overload]
                assert_close(f"Adam {name} {key}", out.reshape(p.shape), p, rtol=1e-12,
                             atol=1e-15)

    size = sum(p.size for p in params0.values())
    nbytes = 7 * 8 * size  # reads θ, g, m, v and writes m, v and the new θ, once each
    return Case(
        f"fast.Adam.update, {size:,} float64 params",
        {"fast": ours, "torch fused": fused, "torch foreach": foreach,
         "torch default (CPU)": loop, "floor": floors.adam_floor(flat, new=True),
         "floor, θ in place": floors.adam_floor(flat, new=False), "reference": reference,
         "step 1": step(HUGE, False), "step 2": step(ADAM_BLOCK, False),
         "step 3": step(ADAM_BLOCK, True), "step 4": step4},
        check,
        [("fast", "torch fused", 1.0), ("fast", "torch foreach", None),
         ("fast", "torch default (CPU)", None), ("fast", "floor", 1.5),
         ("fast", "floor, θ in place", None)],
        steps=[("reference", "0. the reference: dlnotes.optimizers.Adam.update"),
               ("step 1", "1. in place in the optimizer's own state, whole arrays, one core"),
               ("step 2", f"2. blocks of {ADAM_BLOCK:,} entries ({ADAM_BLOCK * 8 >> 20} MiB "
                          "per array), one core"),
               ("step 3", "3. the blocks on both cores"),
               ("step 4", "4. one fused pass, compiled, both cores"),
               ("fast", "fast.Adam.update: step 4 with its checks")],
        floor="floor",
        info={"bytes": mb(nbytes),
              "floor": f"… vs the floor: {mb(nbytes)} read or written once, θ into a new array",
              "floor, θ in place": "… vs the floor writing θ into an array written before "
                                   "(as torch's in-place update)"})


def case_softmax_fast(k: int, m: int, lesson: dict[str, Any], *, seed: int = 0) -> Case:
    """fast.softmax_cross_entropy_with_grad against F.cross_entropy + autograd."""
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((k, m)) * 3.0
    y = rng.integers(0, k, size=m)
    St = torch.tensor(S.T.copy(), requires_grad=True)  # torch: one example per ROW
    yt = torch.from_numpy(y)
    width = max(1, fast._SOFTMAX_BLOCK_BYTES // (k * 8))  # the kernel's blocks of examples

    def ours() -> tuple[np.ndarray, np.ndarray]:
        return fast.softmax_cross_entropy_with_grad(S, y)

    def reference() -> tuple[np.ndarray, np.ndarray]:
        return softmax_cross_entropy(S, y), softmax_cross_entropy_grad(S, y)

    def step(block_bytes: int, parallel: bool) -> Callable[[], object]:
        def run() -> object:
            grad, losses = np.empty_like(S), np.empty(m)
            lesson["softmax_ce_blocks"](S, y, grad, losses, 1 / m, block_bytes=block_bytes,
                                        parallel=parallel)
            return np.mean(losses), grad
        return run

    def step4() -> object:
        grad, losses = np.empty_like(S), np.empty(m)
        fast._softmax_ce_fused(S, y, grad, losses, 1 / m, width)
        return np.mean(losses), grad

    def peer() -> tuple[torch.Tensor, torch.Tensor]:
        loss = F.cross_entropy(St, yt)
        (grad,) = torch.autograd.grad(loss, St)
        return loss, grad

    def check() -> None:
        (loss, grad), (tloss, tgrad), (rloss, rgrad) = ours(), peer(), reference()
        assert_close("softmax CE loss", loss, tloss, rtol=1e-12, atol=0.0)
        assert_close("softmax CE grad", grad, tgrad.T, rtol=1e-10, atol=1e-18)
        assert_close("softmax CE reference", grad, rgrad, rtol=1e-12, atol=1e-18)
        assert_close("softmax CE reference loss", loss, rloss, rtol=1e-12, atol=0.0)
        for name, fn in (("step 1", step(HUGE, False)), ("step 3", step(SOFTMAX_BLOCK_BYTES, True)),
                         ("step 4", step4)):
            sloss, sgrad = fn()  # type: ignore[misc]
            assert_close(f"softmax CE {name} loss", sloss, rloss, rtol=1e-12, atol=0.0)
            assert_close(f"softmax CE {name} grad", sgrad, rgrad, rtol=1e-12, atol=1e-18)

    nbytes = 2 * S.nbytes  # reads the logits once and writes the gradient once
    return Case(
        f"fast.softmax_cross_entropy_with_grad, {k} × {m}",
        {"fast": ours, "torch": peer, "floor": floors.softmax_floor(S, width),
         "reference": reference, "step 1": step(HUGE, False),
         "step 2": step(SOFTMAX_BLOCK_BYTES, False), "step 3": step(SOFTMAX_BLOCK_BYTES, True),
         "step 4": step4},
        check, [("fast", "torch", 1.0), ("fast", "floor", 1.5)],
        steps=[("reference", "0. the reference: softmax_cross_entropy + its _grad"),
               ("step 1", "1. one kernel for loss and gradient, no one-hot array, whole arrays"),
               ("step 2", f"2. blocks of {SOFTMAX_BLOCK_BYTES >> 20} MiB of examples "
                          f"({SOFTMAX_BLOCK_BYTES // (8 * k)} columns), one core"),
               ("step 3", "3. the blocks on both cores"),
               ("step 4", f"4. one fused pass, compiled, blocks of {width} examples, both cores"),
               ("fast", "fast.softmax_cross_entropy_with_grad: step 4 with its checks")],
        floor="floor",
        info={"bytes": mb(nbytes),
              "floor": f"… vs the floor: {mb(nbytes)} read or written once"})


def case_batchnorm_fast(n: int, m: int, lesson: dict[str, Any], *, seed: int = 0) -> Case:
    """fast.batchnorm_forward + backward against F.batch_norm (training) + autograd."""
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 2.0 + 0.5
    gamma, beta = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    Zt = torch.tensor(Z.T.copy(), requires_grad=True)  # torch: (batch, features)
    gt = torch.tensor(gamma.ravel(), requires_grad=True)
    bt = torch.tensor(beta.ravel(), requires_grad=True)
    Gt = torch.tensor(G.T.copy())

    def ours() -> tuple[np.ndarray, ...]:
        out, cache = fast.batchnorm_forward(Z, gamma, beta, eps=1e-5)
        return (out, *fast.batchnorm_backward(G, cache))

    def reference() -> tuple[np.ndarray, ...]:
        out, cache = batchnorm_forward(Z, gamma, beta, eps=1e-5)
        return (out, *batchnorm_backward(G, cache))

    def step(band_bytes: int, parallel: bool) -> Callable[[], object]:
        return lambda: lesson["batchnorm_bands"](Z, gamma, beta, 1e-5, G,
                                                 band_bytes=band_bytes, parallel=parallel)

    g1, b1 = gamma.ravel(), beta.ravel()

    def step4() -> tuple[np.ndarray, ...]:
        Z_tilde, dZ = np.empty_like(Z), np.empty_like(Z)
        mu, var, inv_std, dgamma, dbeta = (np.empty(n) for _ in range(5))
        fast._batchnorm_forward_fused(Z, g1, b1, 1e-5, Z_tilde, mu, var, inv_std)
        fast._batchnorm_backward_fused(G, Z, g1, inv_std, mu, dZ, dgamma, dbeta)
        return Z_tilde, dZ, dgamma[:, None], dbeta[:, None]

    def peer() -> tuple[torch.Tensor, ...]:
        out = F.batch_norm(Zt, None, None, gt, bt, training=True, eps=1e-5)
        return (out, *torch.autograd.grad(out, (Zt, gt, bt), Gt))

    def check() -> None:
        (out, dZ, dg, db), (tout, tdZ, tdg, tdb) = ours(), peer()
        assert_close("batchnorm out", out, tout.T, rtol=1e-9, atol=1e-11)
        assert_close("batchnorm dZ", dZ, tdZ.T, rtol=1e-8, atol=1e-10)
        assert_close("batchnorm dgamma", dg, tdg.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        assert_close("batchnorm dbeta", db, tdb.reshape(-1, 1), rtol=1e-9, atol=1e-9)
        ref = reference()
        for fn, label in ((ours, "fast"), (step(HUGE, False), "step 1"),
                          (step(BATCHNORM_BAND_BYTES, True), "step 3"), (step4, "step 4")):
            for name, a, b in zip(("out", "dZ", "dgamma", "dbeta"), fn(), ref, strict=True):  # type: ignore[call-overload]
                assert_close(f"batchnorm {label} {name}", a, b, rtol=1e-10, atol=1e-12)

    nbytes = 5 * Z.nbytes  # forward: reads Z, writes Z̃; backward: reads dZ̃ and Z, writes dZ
    return Case(
        f"fast.batchnorm_forward + backward, {n} × {m}",
        {"fast": ours, "torch": peer, "floor": floors.batchnorm_floor(Z, G),
         "reference": reference, "step 1": step(HUGE, False),
         "step 2": step(BATCHNORM_BAND_BYTES, False), "step 3": step(BATCHNORM_BAND_BYTES, True),
         "step 4": step4},
        check, [("fast", "torch", 1.0), ("fast", "floor", 1.5)],
        steps=[("reference", "0. the reference: batchnorm_forward + batchnorm_backward"),
               ("step 1", "1. Z kept instead of Z_norm, results written in place, whole arrays"),
               ("step 2", f"2. bands of {BATCHNORM_BAND_BYTES >> 20} MiB of rows "
                          f"({BATCHNORM_BAND_BYTES // (8 * m)} rows), one core"),
               ("step 3", "3. the bands on both cores"),
               ("step 4", "4. one fused pass per row, compiled, both cores"),
               ("fast", "fast.batchnorm_forward + backward: step 4 with their checks")],
        floor="floor",
        info={"bytes": mb(nbytes),
              "floor": f"… vs the floor: {mb(nbytes)} read or written once"})


def case_linear_torch(n: int, n_prev: int, m: int, *, seed: int = 0) -> Case:
    """linear_forward + linear_backward against F.linear + autograd (no goal: the BLAS)."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n_prev, m))
    W = rng.standard_normal((n, n_prev)) / n_prev**0.5
    b = rng.standard_normal((n, 1))
    dZ = rng.standard_normal((n, m))
    At = torch.tensor(A.T.copy(), requires_grad=True)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b.ravel(), requires_grad=True)
    upstream = torch.tensor(dZ.T / m)  # dlnotes' dW, db carry the 1/m of the notes

    def ours() -> tuple[np.ndarray, ...]:
        Z, cache = linear_forward(A, W, b)
        return (Z, *linear_backward(dZ, cache))

    def peer() -> tuple[torch.Tensor, ...]:
        Z = F.linear(At, Wt, bt)
        return (Z, *torch.autograd.grad(Z, (At, Wt, bt), upstream))

    def matmuls() -> tuple[np.ndarray, ...]:
        return W @ A, dZ @ A.T, W.T @ dZ

    def check() -> None:
        (Z, dA, dW, db), (tZ, tdA, tdW, tdb) = ours(), peer()
        assert_close("linear Z", Z, tZ.T, rtol=1e-10, atol=1e-12)
        assert_close("linear dA_prev", dA, m * tdA.T, rtol=1e-10, atol=1e-12)
        assert_close("linear dW", dW, tdW, rtol=1e-10, atol=1e-12)
        assert_close("linear db", db, tdb.reshape(-1, 1), rtol=1e-10, atol=1e-12)

    return Case(f"linear_forward + linear_backward, {n} × {n_prev}, m = {m}",
                {"dlnotes": ours, "torch": peer, "its three matrix products": matmuls}, check,
                [("dlnotes", "its three matrix products", None), ("dlnotes", "torch", None)])


def fast_adam_peak_memory(n: int, *, seed: int = 0) -> tuple[int, int]:
    """Peak bytes allocated during one fast.Adam.update (tracemalloc), and the params' bytes."""
    rng = np.random.default_rng(seed)
    params = adam_params(n, rng)
    grads = {k: rng.standard_normal(p.shape) for k, p in params.items()}
    opt = fast.Adam(lr=1e-3)
    state = opt.init(params)
    params, state = opt.update(params, grads, state)  # warm: the kernel is compiled
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        new_params, state = opt.update(params, grads, state)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del new_params
    return peak - before, sum(p.nbytes for p in params.values())
