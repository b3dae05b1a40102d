"""dlnotes.data: generator geometry (scikit-learn's), mini-batch partition, splits, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.data import (
    _random_mini_batches,
    _split_sizes,
    make_circles,
    make_field,
    make_moons,
    random_mini_batches,
    train_dev_test_split,
)


def sorted_columns(X: np.ndarray) -> np.ndarray:
    return X[:, np.lexsort(X[::-1])]


def sklearn_moons(m0: int, m1: int) -> np.ndarray:
    # scikit-learn 1.5 sklearn/datasets/_samples_generator.py make_moons, noise-free, unshuffled
    outer = np.vstack([np.cos(np.linspace(0, np.pi, m0)), np.sin(np.linspace(0, np.pi, m0))])
    inner = np.vstack(
        [1 - np.cos(np.linspace(0, np.pi, m1)), 1 - np.sin(np.linspace(0, np.pi, m1)) - 0.5]
    )
    return np.hstack([outer, inner])


def sklearn_circles(m0: int, m1: int, factor: float) -> np.ndarray:
    # scikit-learn 1.5 make_circles, noise-free, unshuffled (endpoint=False)
    lo = np.linspace(0, 2 * np.pi, m0, endpoint=False)
    li = np.linspace(0, 2 * np.pi, m1, endpoint=False)
    return np.hstack([np.vstack([np.cos(lo), np.sin(lo)]),
                      factor * np.vstack([np.cos(li), np.sin(li)])])


# ---------------------------------------------------------------- generators


@pytest.mark.parametrize("m", [2, 3, 10, 101])
def test_make_moons_matches_sklearn_geometry_per_class(m: int) -> None:
    X, Y = make_moons(m, noise=0.0, rng=np.random.default_rng(1))
    m0, m1 = m - m // 2, m // 2
    ref = sklearn_moons(m0, m1)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert int((Y == 0).sum()) == m0 and int((Y == 1).sum()) == m1
    np.testing.assert_allclose(sorted_columns(X[:, Y[0] == 0]), sorted_columns(ref[:, :m0]))
    np.testing.assert_allclose(sorted_columns(X[:, Y[0] == 1]), sorted_columns(ref[:, m0:]))


@pytest.mark.parametrize("m", [2, 3, 10, 101])
def test_make_circles_matches_sklearn_geometry_per_class(m: int) -> None:
    X, Y = make_circles(m, noise=0.0, factor=0.3, rng=np.random.default_rng(1))
    m0, m1 = m - m // 2, m // 2
    ref = sklearn_circles(m0, m1, 0.3)
    np.testing.assert_allclose(sorted_columns(X[:, Y[0] == 0]), sorted_columns(ref[:, :m0]))
    np.testing.assert_allclose(sorted_columns(X[:, Y[0] == 1]), sorted_columns(ref[:, m0:]))


def test_generators_noise_has_the_given_standard_deviation() -> None:
    X, Y = make_circles(20000, noise=0.1, factor=0.5, rng=np.random.default_rng(3))
    # radial spread of the outer circle ~ the noise std when noise << radius
    r = np.hypot(*X[:, Y[0] == 0])
    assert abs(float(np.std(r)) - 0.1) < 0.01
    assert X.dtype == np.float64 and Y.dtype == np.int64
    Xm, _ = make_moons(20000, noise=0.2, rng=np.random.default_rng(0))
    assert np.isfinite(Xm).all()


def test_generators_are_reproducible_with_the_same_seed() -> None:
    a = make_moons(50, noise=0.1, rng=np.random.default_rng(7))
    b = make_moons(50, noise=0.1, rng=np.random.default_rng(7))
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_generators_shuffle_the_labels() -> None:
    _, Y = make_moons(100, noise=0.0, rng=np.random.default_rng(0))
    assert not np.array_equal(Y[0], np.sort(Y[0]))


# ---------------------------------------------------------------- mini-batches


def test_mini_batches_of_the_notes_5000000_over_1000_is_5000() -> None:
    # notes 000 §2.1: 5,000,000 examples in batches of 1,000 give 5,000 mini-batches
    X, Y = np.zeros((1, 5_000_000), dtype=np.float32), np.zeros((1, 5_000_000), dtype=np.int8)
    assert len(random_mini_batches(X, Y, 1000, rng=np.random.default_rng(0))) == 5000


@given(m=st.integers(1, 300), size=st.integers(1, 100), seed=st.integers(0, 2**32 - 1))
def test_mini_batches_partition_one_permutation(m: int, size: int, seed: int) -> None:
    X = np.arange(2 * m, dtype=np.float64).reshape(2, m)
    Y = np.arange(m).reshape(1, m)
    batches = random_mini_batches(X, Y, size, rng=np.random.default_rng(seed))
    assert len(batches) == -(-m // size)
    sizes = [xt.shape[1] for xt, _ in batches]
    assert all(s == size for s in sizes[:-1]) and sizes[-1] == (m % size or size)
    cols = np.concatenate([yt[0] for _, yt in batches])
    assert np.array_equal(np.sort(cols), np.arange(m))  # each example exactly once
    for xt, yt in batches:  # X and Y columns stay paired
        assert np.array_equal(xt[0], yt[0]) and np.array_equal(xt[1], yt[0] + m)


def test_mini_batches_keep_dtypes_and_do_not_mutate() -> None:
    X = np.arange(12, dtype=np.float32).reshape(2, 6)
    Y = np.array([[0, 1, 0, 1, 0, 1]])
    X0, Y0 = X.copy(), Y.copy()
    batches = random_mini_batches(X, Y, 4, rng=np.random.default_rng(0))
    assert batches[0][0].dtype == np.float32 and batches[0][1].dtype == Y.dtype
    batches[0][0][:] = -1
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


# ---------------------------------------------------------------- splits


@pytest.mark.parametrize(
    ("m", "fractions", "counts"),
    [
        (1000, (0.6, 0.2, 0.2), (600, 200, 200)),  # notes 000 §1.1: small data
        (1000, (0.7, 0.0, 0.3), (700, 0, 300)),  # notes 000 §1.1: no dev set
        (1_000_000, (0.98, 0.01, 0.01), (980_000, 10_000, 10_000)),  # notes 000 §1.1
        (1_000_000, (0.995, 0.004, 0.001), (995_000, 4_000, 1_000)),  # notes 000 §1.1
        (11, (0.6, 0.2, 0.2), (7, 2, 2)),  # cumulative rounding: 6.6 -> 7, 8.8 -> 9
        (3, (0.0, 0.5, 0.5), (0, 2, 1)),  # 0 -> 0, 1.5 -> 2
    ],
)
def test_split_counts(m: int, fractions: tuple[float, float, float], counts: tuple) -> None:
    X, Y = np.zeros((1, m), dtype=np.float32), np.zeros((1, m), dtype=np.int8)
    parts = train_dev_test_split(X, Y, fractions, rng=np.random.default_rng(0))
    assert tuple(x.shape[1] for x, _ in parts) == counts
    assert all(y.shape[1] == x.shape[1] for x, y in parts)


@given(m=st.integers(4, 200), seed=st.integers(0, 1000))
def test_split_is_a_partition_of_the_columns(m: int, seed: int) -> None:
    X = np.arange(m, dtype=np.float64)[None, :]
    Y = np.arange(m)[None, :]
    parts = train_dev_test_split(X, Y, (0.5, 0.25, 0.25), rng=np.random.default_rng(seed))
    cols = np.concatenate([y[0] for _, y in parts])
    assert np.array_equal(np.sort(cols), np.arange(m))
    assert all(np.array_equal(x[0], y[0]) for x, y in parts)


# ---------------------------------------------------------------- bad input

RNG = np.random.default_rng(0)
X4, Y4 = np.zeros((2, 4)), np.zeros((1, 4))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: make_moons(1, noise=0.1, rng=RNG), ValueError, r"m must be >= 2 \(got 1\)"),
        (lambda: make_moons(2.0, noise=0.1, rng=RNG), TypeError, r"m must be an int"),
        (lambda: make_moons(10, noise=-0.1, rng=RNG), ValueError, r"noise must be >= 0"),
        (lambda: make_moons(10, noise=0.1, rng=0), TypeError, r"rng must be a numpy.random"),
        (lambda: make_circles(10, noise=0.1, factor=1.0, rng=RNG), ValueError,
         r"factor must be in \[0, 1\) \(got 1.0\)"),
        (lambda: random_mini_batches(X4, Y4[0], rng=RNG), ValueError, r"Y must be 2-D"),
        (lambda: random_mini_batches(X4, np.zeros((1, 3)), rng=RNG), ValueError,
         r"same number of columns \(examples\) \(got 4 and 3\)"),
        (lambda: random_mini_batches(X4, Y4, 0, rng=RNG), ValueError,
         r"batch_size must be >= 1 \(got 0\)"),
        (lambda: random_mini_batches(np.zeros((2, 0)), np.zeros((1, 0)), rng=RNG), ValueError,
         r"X must have at least one example"),
        (lambda: random_mini_batches(X4.astype(str), Y4, rng=RNG), TypeError,
         r"X must be an array of real numbers"),
        (lambda: train_dev_test_split(X4, Y4, (0.6, 0.2, 0.1), rng=RNG), ValueError,
         r"fractions must sum to 1"),
        (lambda: train_dev_test_split(X4, Y4, (0.5, 0.5), rng=RNG), ValueError,
         r"fractions must be a 3-tuple"),
        (lambda: train_dev_test_split(X4, Y4, (1.2, -0.1, -0.1), rng=RNG), ValueError,
         r"fractions\[0\] must be in \[0, 1\]"),
        (lambda: train_dev_test_split(X4, Y4, (0.98, 0.01, 0.01), rng=RNG), ValueError,
         r"too few examples for a non-empty dev set with fractions\[1\] = 0.01 \(got m = 4"),
        # issue 14: NaN/inf in each array, inf for each scalar, bool, a wrong kind of object
        (lambda: random_mini_batches(np.full((2, 4), np.nan), Y4, rng=RNG), ValueError,
         r"X must be finite \(got 8 NaN or infinite entries\)"),
        (lambda: random_mini_batches(X4, np.full((1, 4), np.inf), rng=RNG), ValueError,
         r"Y must be finite \(got 4 NaN"),
        (lambda: train_dev_test_split(np.full((2, 4), -np.inf), Y4, (0.5, 0.25, 0.25), rng=RNG),
         ValueError, r"X must be finite"),
        (lambda: train_dev_test_split(X4, np.array([[0.0, np.nan, 1.0, 1.0]]), (0.5, 0.25, 0.25),
                                      rng=RNG), ValueError, r"Y must be finite \(got 1 NaN"),
        (lambda: train_dev_test_split(X4, Y4, "0.5,0.25,0.25", rng=RNG), TypeError,
         r"fractions must be a 3-tuple \(train, dev, test\) \(got str\)"),
        (lambda: train_dev_test_split(X4, Y4, (np.inf, 0.0, 0.0), rng=RNG), ValueError,
         r"fractions\[0\] must be in \[0, 1\] \(got inf\)"),
        (lambda: train_dev_test_split(X4, Y4, (True, False, False), rng=RNG), TypeError,
         r"fractions\[0\] must be a real number \(got bool\)"),
        (lambda: make_moons(10, noise=np.inf, rng=RNG), ValueError,
         r"noise must be finite \(got inf\)"),
        (lambda: make_moons(True, noise=0.1, rng=RNG), TypeError, r"m must be an int \(got bool"),
        (lambda: make_circles(10, noise=np.nan, factor=0.5, rng=RNG), ValueError,
         r"noise must be >= 0 \(got nan\)"),
        (lambda: make_circles(10, noise=0.1, factor=[0.5], rng=RNG), TypeError,
         r"factor must be a real number \(got list\)"),
        (lambda: make_field(10, noise=np.inf, rng=RNG), ValueError, r"noise must be finite"),
        (lambda: make_field(10, noise=0.1, rng=RNG, flip=True), TypeError,
         r"flip must be a real number \(got bool\)"),
        (lambda: random_mini_batches(X4, Y4, np.inf, rng=RNG), TypeError,
         r"batch_size must be an int \(got float\)"),
        (lambda: random_mini_batches(X4, Y4, object(), rng=RNG), TypeError,
         r"batch_size must be an int \(got object\)"),
    ],
)
def test_bad_input(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_public_functions_give_the_references_draws() -> None:
    from dlnotes.data import (
        _make_circles,
        _make_moons,
        _random_mini_batches,
        _train_dev_test_split,
    )

    def rng() -> np.random.Generator:
        return np.random.default_rng(11)

    for noise in (0.0, 0.2):
        for ours, ref in ((make_moons(101, noise=noise, rng=rng()),
                           _make_moons(101, noise=noise, rng=rng())),
                          (make_circles(101, noise=noise, factor=0.4, rng=rng()),
                           _make_circles(101, noise=noise, factor=0.4, rng=rng()))):
            np.testing.assert_array_equal(ours[0], ref[0])
            np.testing.assert_array_equal(ours[1], ref[1])
    X, Y = make_moons(50, noise=0.1, rng=rng())
    for (a, b), (c, d) in zip(random_mini_batches(X, Y, 16, rng=rng()),
                              _random_mini_batches(X, Y, 16, rng=rng()), strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)
    for (a, b), (c, d) in zip(train_dev_test_split(X, Y, (0.6, 0.2, 0.2), rng=rng()),
                              _train_dev_test_split(X, Y, (0.6, 0.2, 0.2), rng=rng()),
                              strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


# -------------------------------------------------- defaults, boundaries and exact messages

def test_noise_is_added_before_the_shuffle_and_zero_noise_draws_nothing() -> None:
    """X + N(0, noise²) then one permutation from the same
    generator; with noise = 0 the generator's first draw is the permutation."""
    m = 9
    clean_shuffled, _ = make_moons(m, noise=0.0, rng=np.random.default_rng(3))
    order0 = np.random.default_rng(3).permutation(m)
    clean = clean_shuffled[:, np.argsort(order0)]  # the moons before the shuffle
    gen = np.random.default_rng(5)
    noise = gen.normal(scale=0.1, size=(2, m))
    order = gen.permutation(m)
    noisy, _ = make_moons(m, noise=0.1, rng=np.random.default_rng(5))
    np.testing.assert_allclose(noisy, (clean + noise)[:, order])


def test_the_reference_mini_batch_size_defaults_to_64() -> None:
    """100 examples make batches of 64 and 36, as the public one."""
    X, Y = np.zeros((2, 100)), np.zeros((1, 100))
    sizes = [x.shape[1] for x, _ in _random_mini_batches(X, Y, rng=np.random.default_rng(0))]
    assert sizes == [64, 36]
    assert [x.shape[1] for x, _ in random_mini_batches(X, Y, rng=np.random.default_rng(0))] == sizes


def test_split_sizes_add_up_to_m() -> None:
    """The test set is what is left, m − round((f_train + f_dev)·m)."""
    assert _split_sizes((0.6, 0.2, 0.2), 1001) == (601, 200, 200)
    assert _split_sizes((0.98, 0.01, 0.01), 150) == (147, 2, 1)


@pytest.mark.parametrize(
    ("fractions", "message"),
    [
        (
            (0.5, 0.4, 0.1),
            r"^X has too few examples for a non-empty test set with fractions\[2\] "
            r"= 0\.1 \(got m = 3, which rounds to 0 test examples\)$",
        ),
        (
            (0.1, 0.9, 0.0),
            r"^X has too few examples for a non-empty train set with fractions\[0\] "
            r"= 0\.1 \(got m = 3, which rounds to 0 train examples\)$",
        ),
    ],
    ids=["test", "train"],
)
def test_a_split_that_rounds_to_an_empty_set_is_named(fractions, message) -> None:  # type: ignore[no-untyped-def]
    # from surviving mutants: the exact messages, and the test count once more
    with pytest.raises(ValueError, match=message):
        train_dev_test_split(
            np.zeros((2, 3)), np.zeros((1, 3)), fractions, rng=np.random.default_rng(0)
        )


def test_bad_examples_are_named_X_and_the_mismatch_in_full() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=r"^X must be an array of real numbers \(got dtype <U1\)$"):
        random_mini_batches(np.array([["a"]]), np.zeros((1, 1)), rng=rng)
    with pytest.raises(
        ValueError,
        match=r"^X and Y must have the same number of columns \(examples\) \(got 3 and 2\)$",
    ):
        random_mini_batches(np.zeros((2, 3)), np.zeros((1, 2)), rng=rng)


def test_circles_need_two_examples_one_per_circle() -> None:
    with pytest.raises(ValueError, match=r"^m must be >= 2 \(got 1\)$"):
        make_circles(1, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    X, Y = make_circles(2, noise=0.0, factor=0.5, rng=np.random.default_rng(0))
    assert X.shape == (2, 2) and sorted(Y.ravel().tolist()) == [0, 1]


def test_make_field_takes_one_example_and_names_its_bad_arguments() -> None:
    """m >= 1, noise >= 0, flip in [0, 0.5], each named."""
    rng = np.random.default_rng(0)
    X, Y = make_field(1, noise=0.0, rng=rng)
    assert X.shape == (2, 1) and Y.shape == (1, 1)
    for kwargs, message in [
        ({"m": 0, "noise": 0.0}, r"^m must be >= 1 \(got 0\)$"),
        ({"m": 2, "noise": -1.0}, r"^noise must be >= 0 \(got -1\.0\)$"),
        ({"m": 2, "noise": 0.0, "flip": 0.6}, r"^flip must be in \[0, 0\.5\] \(got 0\.6\)$"),
        ({"m": 2, "noise": 0.0, "flip": -0.1}, r"^flip must be in \[0, 0\.5\] \(got -0\.1\)$"),
    ]:
        with pytest.raises(ValueError, match=message):
            make_field(rng=rng, **kwargs)  # type: ignore[arg-type]


def test_make_field_flips_a_tenth_of_the_labels_by_default() -> None:
    """The default flip = 0.1: about 10 % of 20,000 labels differ from the noiseless ones."""
    clean = make_field(20000, noise=0.0, flip=0.0, rng=np.random.default_rng(1))[1]
    flipped = make_field(20000, noise=0.0, rng=np.random.default_rng(1))[1]
    assert abs(np.mean(clean != flipped) - 0.1) < 0.01


def field_by_hand(m: int, noise: float, flip: float, seed: int) -> tuple:
    """Make_field's draws in their documented order: positions, then noise, then flips."""
    gen = np.random.default_rng(seed)
    X = gen.uniform(-0.75, 0.75, size=(2, m))
    Y = (X[1] > 0.2 * np.sin(np.pi * X[0] / 1.5)).astype(np.int64)[None, :]
    if noise > 0:
        X = X + gen.normal(scale=noise, size=X.shape)
    if flip > 0:
        Y = np.where(gen.random((1, m)) < flip, 1 - Y, Y)
    return X, Y, gen


@pytest.mark.parametrize(("noise", "flip"), [(0.1, 0.2), (0.0, 0.2), (0.1, 0.0)])
def test_make_field_draws_positions_noise_and_flips_in_order_and_nothing_it_does_not_use(
    noise: float, flip: float
) -> None:
    """Noise is added (not subtracted); noise = 0 draws no noise
    and flip = 0 no flips, so the generator is left where the documented draws leave it."""
    X_want, Y_want, gen_want = field_by_hand(50, noise, flip, 7)
    rng = np.random.default_rng(7)
    X, Y = make_field(50, noise=noise, flip=flip, rng=rng)
    np.testing.assert_array_equal(X, X_want)
    np.testing.assert_array_equal(Y, Y_want)
    assert rng.random() == gen_want.random()
