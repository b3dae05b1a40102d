"""dlnotes.information: notes' numbers, invariants, bad input, and SciPy as the reference."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.spatial.distance
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlnotes.information import (
    _conditional_entropy,
    _cross_entropy,
    _entropy,
    _joint_entropy,
    _js_divergence,
    _kl_divergence,
    _mutual_information,
    conditional_entropy,
    cross_entropy,
    entropy,
    joint_entropy,
    js_divergence,
    kl_divergence,
    mutual_information,
)

A, B, C = [1 / 2, 1 / 2], [1 / 4, 3 / 4], [1 / 8, 7 / 8]


# ---------------------------------------------------------------- the notes' numbers


def test_kl_example_of_notes_001_p8_p9_in_nats() -> None:
    # notes 001 pp. 8-9: D(A||B) = 0.1438, D(A||C) = 0.41 (0.4133), D(B||A) = 0.1308
    assert f"{kl_divergence(A, B):.4f}" == "0.1438"
    assert f"{kl_divergence(A, C):.4f}" == "0.4133"
    assert f"{kl_divergence(B, A):.4f}" == "0.1308"


def test_kl_example_in_bits_is_nats_over_ln2() -> None:
    assert kl_divergence(A, B, base=2) == pytest.approx(kl_divergence(A, B) / math.log(2))
    assert f"{kl_divergence(A, B, base=2):.4f}" == "0.2075"  # 0.1438 / ln 2


def test_kl_closed_form_of_the_notes_example() -> None:
    # D(A||B) = 1/2 log(2) + 1/2 log(2/3), written out as on p. 8
    expected = 0.5 * math.log(2) + 0.5 * math.log(2 / 3)
    assert kl_divergence(A, B) == pytest.approx(expected, rel=1e-15)


def test_entropy_of_uniform_is_log_n() -> None:
    for n in (1, 2, 7, 64):
        assert entropy(np.full(n, 1 / n)) == pytest.approx(math.log(n), abs=1e-15)
        assert entropy(np.full(n, 1 / n), base=2) == pytest.approx(math.log2(n), abs=1e-14)


def test_zero_probabilities_contribute_nothing() -> None:
    # 0·log 0 = 0: appending impossible outcomes changes nothing
    assert entropy([0.2, 0.8, 0.0, 0.0]) == pytest.approx(entropy([0.2, 0.8]), rel=1e-15)
    assert kl_divergence([0.0, 1.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    assert float(entropy([1.0, 0.0])) == 0.0 and not np.signbit(entropy([1.0, 0.0]))


def test_kl_and_cross_entropy_are_infinite_where_q_is_zero_and_p_is_not() -> None:
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert np.isfinite(js_divergence([0.5, 0.5], [1.0, 0.0]))


def test_one_hot_cross_entropy_is_minus_log_of_the_true_class() -> None:
    q = np.array([0.1, 0.7, 0.2])
    assert cross_entropy([0, 1, 0], q) == pytest.approx(-math.log(0.7), rel=1e-15)


def test_columns_are_distributions_along_axis_0_and_rows_along_axis_1(rng) -> None:
    p = rng.dirichlet(np.ones(4), size=5).T  # (4, 5): five distributions as columns
    q = rng.dirichlet(np.ones(4), size=5).T
    per_column = kl_divergence(p, q)
    assert per_column.shape == (5,)
    np.testing.assert_allclose(per_column, [kl_divergence(p[:, j], q[:, j]) for j in range(5)])
    np.testing.assert_allclose(kl_divergence(p.T, q.T, axis=1), per_column)
    np.testing.assert_allclose(kl_divergence(p.T, q.T, axis=-1), per_column)
    # and by hand, rows as distributions: the axis reaches entropy and cross-entropy too
    rows = np.array([[0.5, 0.5], [0.9, 0.1]])  # each row a distribution; the columns are not
    q_rows = np.array([[0.25, 0.75], [0.5, 0.5]])
    np.testing.assert_allclose(
        entropy(rows, axis=1), [LN2, -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))]
    )
    expected = [-(0.5 * math.log(0.25) + 0.5 * math.log(0.75)), LN2]
    np.testing.assert_allclose(cross_entropy(rows, q_rows, axis=1), expected)
    np.testing.assert_allclose(js_divergence(rows, q_rows, axis=1),
                               [js_divergence(rows[i], q_rows[i]) for i in range(2)])


def test_float32_in_float32_out_and_integers_computed_in_float64() -> None:
    p32 = np.array([0.25, 0.75], dtype=np.float32)
    t32 = np.array([[0.25, 0.25], [0.5, 0.0]], dtype=np.float32)
    for result in (entropy(p32), cross_entropy(p32, p32), kl_divergence(p32, p32[::-1]),
                   js_divergence(p32, p32[::-1]), entropy(p32, base=2),
                   js_divergence(p32, p32[::-1], base=2), joint_entropy(t32),
                   conditional_entropy(t32), mutual_information(t32, base=2)):
        assert result.dtype == np.float32
    # the references the chapter shows too, on every supported NumPy (under NumPy 1's rules a
    # Python-float constant such as `+ 0.0` would turn a float32 scalar into float64)
    for result in (_entropy(p32), _cross_entropy(p32, p32), _kl_divergence(p32, p32[::-1]),
                   _js_divergence(p32, p32[::-1]), _joint_entropy(t32),
                   _conditional_entropy(t32), _mutual_information(t32)):
        assert result.dtype == np.float32
    assert entropy(np.array([1, 0])).dtype == np.float64
    assert joint_entropy(np.array([[1, 0], [0, 0]])).dtype == np.float64


def test_inputs_are_not_modified(rng) -> None:
    p = rng.dirichlet(np.ones(6))
    q = rng.dirichlet(np.ones(6))
    p0, q0 = p.copy(), q.copy()
    for f in (cross_entropy, kl_divergence, js_divergence):
        f(p, q, base=2)
    np.testing.assert_array_equal(p, p0)
    np.testing.assert_array_equal(q, q0)


def test_joint_conditional_and_mutual_information_on_a_small_table() -> None:
    # X = Y with probability 1/2 each: H(X,Y) = ln 2, H(X|Y) = 0, I = ln 2
    pxy = np.array([[0.5, 0.0], [0.0, 0.5]])
    assert joint_entropy(pxy) == pytest.approx(math.log(2))
    assert conditional_entropy(pxy) == 0.0
    assert mutual_information(pxy) == pytest.approx(math.log(2))
    # independent: I = 0, H(X|Y) = H(X)
    independent = np.outer([0.3, 0.7], [0.1, 0.4, 0.5])
    assert mutual_information(independent) == pytest.approx(0.0, abs=1e-15)
    assert conditional_entropy(independent) == pytest.approx(entropy([0.3, 0.7]), rel=1e-14)


def test_conditional_entropy_is_not_symmetric_in_rows_and_columns() -> None:
    # rows are X, columns are Y: H(X|Y) of pxy is H(Y|X) of its transpose
    pxy = np.array([[0.25, 0.25], [0.5, 0.0]])
    h_x_given_y = conditional_entropy(pxy)
    h_y_given_x = conditional_entropy(pxy.T)
    assert h_x_given_y == pytest.approx(joint_entropy(pxy) - entropy(pxy.sum(axis=0)))
    assert h_y_given_x == pytest.approx(joint_entropy(pxy) - entropy(pxy.sum(axis=1)))
    assert h_x_given_y != pytest.approx(h_y_given_x)


def test_no_runtime_warning_for_zeros_and_subnormals() -> None:
    # pytest turns warnings into errors (pyproject); these would warn with a naive log(p/q)
    tiny = 5e-324
    p = np.array([0.5, 0.5, 0.0])
    q = np.array([0.5 - tiny, 0.5, tiny])
    assert np.isfinite(kl_divergence(p, q))
    assert kl_divergence(np.array([tiny, 1.0 - tiny]), np.array([1.0 - tiny, tiny])) > 700


# ---------------------------------------------------------------- invariants (hypothesis)


@st.composite
def distributions(draw, n=None, zeros=True):  # type: ignore[no-untyped-def]
    """A probability vector with some exact zeros, normalized in float64."""
    size = draw(st.integers(1, 8)) if n is None else n
    w = draw(arrays(np.float64, size, elements=st.floats(0.0, 10.0)))
    if not zeros:
        w = w + 0.1
    if w.sum() == 0:
        w[0] = 1.0
    return w / w.sum()


@st.composite
def distribution_pairs(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 8))
    return draw(distributions(n)), draw(distributions(n))


@st.composite
def joint_tables(draw):  # type: ignore[no-untyped-def]
    shape = (draw(st.integers(1, 5)), draw(st.integers(1, 5)))
    w = draw(arrays(np.float64, shape, elements=st.floats(0.0, 10.0)))
    if w.sum() == 0:
        w[0, 0] = 1.0
    return w / w.sum()


@given(distribution_pairs())
def test_kl_is_nonnegative_and_zero_only_for_equal_distributions(pq) -> None:  # type: ignore[no-untyped-def]
    p, q = pq
    d = kl_divergence(p, q)
    assert d >= 0
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)
    if np.max(np.abs(p - q)) > 1e-3:
        assert d > 0


@given(distribution_pairs())
def test_cross_entropy_is_entropy_plus_kl(pq) -> None:  # type: ignore[no-untyped-def]
    p, q = pq
    h_pq = cross_entropy(p, q)
    if np.isfinite(h_pq):
        assert h_pq == pytest.approx(entropy(p) + kl_divergence(p, q), rel=1e-9, abs=1e-12)
    else:
        assert kl_divergence(p, q) == np.inf


@given(distribution_pairs())
def test_js_is_symmetric_and_between_0_and_ln2(pq) -> None:  # type: ignore[no-untyped-def]
    p, q = pq
    js = js_divergence(p, q)
    assert js == js_divergence(q, p)
    assert 0.0 <= js <= math.log(2)
    assert 0.0 <= js_divergence(p, q, base=2) <= 1.0


@given(distributions())
def test_entropy_is_between_0_and_log_n(p) -> None:  # type: ignore[no-untyped-def]
    h = entropy(p)
    assert 0.0 <= h <= math.log(p.size) + 1e-12


@given(joint_tables())
def test_venn_identities_and_chain_rule(pxy) -> None:  # type: ignore[no-untyped-def]
    h_x, h_y = entropy(pxy.sum(axis=1)), entropy(pxy.sum(axis=0))
    h_xy = joint_entropy(pxy)
    h_x_given_y = conditional_entropy(pxy)
    h_y_given_x = conditional_entropy(pxy.T)
    i = mutual_information(pxy)
    tol = {"rel": 1e-9, "abs": 1e-12}
    assert h_xy <= h_x + h_y + 1e-12  # subadditivity
    assert i >= 0.0
    assert h_x_given_y == pytest.approx(h_xy - h_y, **tol)  # chain rule, the notes' derivation
    assert h_y_given_x == pytest.approx(h_xy - h_x, **tol)
    assert i == pytest.approx(h_x - h_x_given_y, **tol)
    assert i == pytest.approx(h_x + h_y - h_xy, **tol)
    assert i == pytest.approx(mutual_information(pxy.T), **tol)  # symmetric
    outer = np.outer(pxy.sum(axis=1), pxy.sum(axis=0))
    if np.all(outer[pxy > 0] > 0):  # the product of tiny marginals can underflow to 0
        assert i == pytest.approx(kl_divergence(pxy.ravel(), outer.ravel() / outer.sum()), **tol)


# ---------------------------------------------------------------- SciPy as the reference


@pytest.mark.parametrize("base", [None, 2, 10])
def test_entropy_and_kl_match_scipy_stats_entropy(rng, base) -> None:  # type: ignore[no-untyped-def]
    p = rng.dirichlet(np.ones(7), size=9).T  # columns
    q = rng.dirichlet(np.ones(7), size=9).T
    p[0, 0] = 0.0
    p[:, 0] /= p[:, 0].sum()
    np.testing.assert_allclose(entropy(p, base=base), scipy.stats.entropy(p, base=base, axis=0),
                               rtol=1e-13)
    np.testing.assert_allclose(kl_divergence(p, q, base=base),
                               scipy.stats.entropy(p, q, base=base, axis=0), rtol=1e-12)
    np.testing.assert_allclose(kl_divergence(p[:, 3], q[:, 3], base=base),
                               scipy.stats.entropy(p[:, 3], q[:, 3], base=base), rtol=1e-12)


def test_kl_matches_scipy_special_rel_entr_including_infinities(rng) -> None:  # type: ignore[no-untyped-def]
    p = rng.dirichlet(np.ones(5), size=6).T
    q = rng.dirichlet(np.ones(5), size=6).T
    q[1, 2] = 0.0
    q[:, 2] /= q[:, 2].sum()
    p[0, 4] = 0.0
    p[:, 4] /= p[:, 4].sum()
    expected = scipy.special.rel_entr(p, q).sum(axis=0)
    np.testing.assert_allclose(kl_divergence(p, q), expected, rtol=1e-12)
    assert np.isinf(kl_divergence(p, q)[2])
    np.testing.assert_allclose(cross_entropy(p, q), -scipy.special.xlogy(p, q).sum(axis=0),
                               rtol=1e-12)


@pytest.mark.parametrize("axis", [0, 1])
def test_js_is_the_square_of_scipy_jensenshannon(rng, axis) -> None:  # type: ignore[no-untyped-def]
    shape = (6, 4) if axis == 0 else (4, 6)
    p = rng.dirichlet(np.ones(6), size=4)
    q = rng.dirichlet(np.ones(6), size=4)
    if axis == 0:
        p, q = p.T, q.T
    assert p.shape == shape
    expected = scipy.spatial.distance.jensenshannon(p, q, axis=axis) ** 2
    np.testing.assert_allclose(js_divergence(p, q, axis=axis), expected, rtol=1e-10)
    np.testing.assert_allclose(js_divergence(p, q, axis=axis, base=2),
                               scipy.spatial.distance.jensenshannon(p, q, axis=axis, base=2) ** 2,
                               rtol=1e-10)


def test_scipy_entropy_normalizes_its_inputs_but_dlnotes_rejects_them() -> None:
    unnormalized = [1.0, 3.0]
    assert scipy.stats.entropy(unnormalized) == pytest.approx(entropy([0.25, 0.75]))
    with pytest.raises(ValueError, match="p must sum to 1 along axis 0"):
        entropy(unnormalized)


def test_mutual_information_matches_scipy_on_joint_and_marginals(rng) -> None:  # type: ignore[no-untyped-def]
    pxy = rng.dirichlet(np.ones(12)).reshape(3, 4)
    product = np.outer(pxy.sum(axis=1), pxy.sum(axis=0))
    expected = scipy.stats.entropy(pxy.ravel(), product.ravel())
    assert mutual_information(pxy) == pytest.approx(expected, rel=1e-12)
    assert joint_entropy(pxy) == pytest.approx(scipy.stats.entropy(pxy.ravel()), rel=1e-13)
    h_y = scipy.stats.entropy(pxy.sum(axis=0))
    assert conditional_entropy(pxy) == pytest.approx(scipy.stats.entropy(pxy.ravel()) - h_y,
                                                     rel=1e-12)


# ---------------------------------------------------------------- bad input

PAIR = [cross_entropy, kl_divergence, js_divergence]
TABLE = [joint_entropy, conditional_entropy, mutual_information]

BAD_DISTRIBUTIONS = [
    ([-0.1, 1.1], ValueError, r"p must be non-negative \(got minimum -0\.1\)"),
    ([0.5, 0.4], ValueError, r"p must sum to 1 along axis 0 \(got 0\.9\)"),
    ([np.nan, 1.0], ValueError, r"p must be finite \(got 1 NaN or infinite entries\)"),
    ([np.inf, 0.0], ValueError, r"p must be finite"),
    ([], ValueError, r"p must not be empty"),
    (0.5, ValueError, r"p must have at least 1 dimension"),
    (["a", "b"], TypeError, r"p must be an array of real numbers"),
    ([0.5 + 0j, 0.5], TypeError, r"p must be an array of real numbers"),
]


@pytest.mark.parametrize(("p", "error", "message"), BAD_DISTRIBUTIONS)
def test_entropy_rejects_bad_distributions(p, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        entropy(p)


@pytest.mark.parametrize("f", PAIR)
@pytest.mark.parametrize(("p", "error", "message"), BAD_DISTRIBUTIONS)
def test_pair_functions_reject_a_bad_p(f, p, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        f(p, [0.5, 0.5])


@pytest.mark.parametrize("f", PAIR)
def test_pair_functions_name_q_and_reject_shape_mismatch(f) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"q must sum to 1 along axis 0 \(got 1\.5\)"):
        f([0.5, 0.5], [0.5, 1.0])
    mismatch = r"p and q must have the same shape \(got \(2,\) and \(3,\)\)"
    with pytest.raises(ValueError, match=mismatch):
        f([0.5, 0.5], [0.2, 0.3, 0.5])
    # no broadcasting of one distribution against a batch
    with pytest.raises(ValueError, match="p and q must have the same shape"):
        f(np.array([[0.5], [0.5]]), np.full((2, 3), 0.5))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"axis": 1}, ValueError, r"axis must be in \[-1, 1\) for a 1-D array \(got 1\)"),
        ({"axis": 0.0}, TypeError, r"axis must be an int \(got float\)"),
        ({"base": 1}, ValueError, r"base must be > 0, finite and not 1 \(got 1\.0\)"),
        ({"base": 0}, ValueError, r"base must be > 0 \(got 0\.0\)"),
        ({"base": -2}, ValueError, r"base must be > 0 \(got -2\.0\)"),
        ({"base": "2"}, TypeError, r"base must be a real number \(got str\)"),
        ({"base": np.inf}, ValueError, r"base must be > 0, finite and not 1"),
        # issue 14: bool, NaN, wrong kinds
        ({"base": True}, TypeError, r"base must be a real number \(got bool\)"),
        ({"base": np.nan}, ValueError, r"base must be > 0 \(got nan\)"),
        ({"base": [2.0]}, TypeError, r"base must be a real number \(got list\)"),
        ({"axis": True}, TypeError, r"axis must be an int \(got bool\)"),
        ({"axis": None}, TypeError, r"axis must be an int \(got NoneType\)"),
    ],
)
def test_bad_axis_and_base(kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        entropy([0.5, 0.5], **kwargs)
    with pytest.raises(error, match=message):
        kl_divergence([0.5, 0.5], [0.5, 0.5], **kwargs)


def test_sum_check_uses_the_given_axis() -> None:
    rows = np.array([[0.5, 0.5], [0.2, 0.8]])  # rows sum to 1, columns do not
    with pytest.raises(ValueError, match=r"p must sum to 1 along axis 0 \(got 0\.7\)"):
        entropy(rows)
    assert entropy(rows, axis=1).shape == (2,)


@pytest.mark.parametrize("f", TABLE)
@pytest.mark.parametrize(
    ("pxy", "error", "message"),
    [
        ([0.5, 0.5], ValueError, r"pxy must be 2-D \(got shape \(2,\)\)"),
        ([[0.5, 0.5], [0.5, 0.5]], ValueError, r"pxy must sum to 1 over all entries \(got 2\)"),
        ([[-0.5, 1.0], [0.5, 0.0]], ValueError, r"pxy must be non-negative"),
        ([[np.nan, 1.0]], ValueError, r"pxy must be finite"),
        (np.zeros((0, 2)), ValueError, r"pxy must not be empty"),
    ],
)
def test_joint_table_functions_reject_bad_tables(f, pxy, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        f(pxy)


def test_sum_tolerance_scales_with_size() -> None:
    n = 1000
    p = np.full(n, 1 / n)
    p[0] += 0.5e-8 * n  # within 1e-8·n
    assert np.isfinite(entropy(p))
    p[0] += 2e-8 * n
    with pytest.raises(ValueError, match="p must sum to 1"):
        entropy(p)


# -------------------------------------------------- defaults, boundaries and exact messages

LN2 = math.log(2)
# A joint table with H(X, Y), H(X|Y) and I(X; Y) all different and non-zero (rows x, columns y).
PXY = np.array([[0.25, 0.25], [0.5, 0.0]])
# By hand: H(X, Y) = −(2·¼·ln ¼ + ½·ln ½) = 1.5·ln 2; p(y) = (¾, ¼);
# H(X|Y) = H(X, Y) − H(Y) with H(Y) = −(¾ ln ¾ + ¼ ln ¼); I = H(X) − H(X|Y), H(X) = ln 2.
H_XY = 1.5 * LN2
H_Y = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
H_X_GIVEN_Y = H_XY - H_Y
I_XY = LN2 - H_X_GIVEN_Y


def test_every_function_gives_bits_with_base_2() -> None:
    """base reaches the result of each function (not dropped, not None)."""
    p, q = [0.5, 0.25, 0.25], [0.25, 0.25, 0.5]
    # H(p) = 1.5 bits; H(p, q) = ½·2 + ¼·2 + ¼·1 = 1.75 bits; KL = H(p, q) − H(p) = 0.25 bit
    assert entropy(p, base=2) == pytest.approx(1.5)
    assert cross_entropy(p, q, base=2) == pytest.approx(1.75)
    assert kl_divergence(p, q, base=2) == pytest.approx(0.25)
    assert js_divergence(p, q, base=2) == pytest.approx(js_divergence(p, q) / LN2)
    assert joint_entropy(PXY, base=2) == pytest.approx(1.5)
    assert conditional_entropy(PXY, base=2) == pytest.approx(H_X_GIVEN_Y / LN2)
    assert mutual_information(PXY, base=2) == pytest.approx(I_XY / LN2)
    # and in nats, the same values times ln 2
    assert joint_entropy(PXY) == pytest.approx(H_XY)
    assert conditional_entropy(PXY) == pytest.approx(H_X_GIVEN_Y)
    assert mutual_information(PXY) == pytest.approx(I_XY)


@pytest.mark.parametrize(
    "call",
    [
        lambda base: cross_entropy([0.5, 0.5], [0.5, 0.5], base=base),
        lambda base: js_divergence([0.5, 0.5], [0.5, 0.5], base=base),
        lambda base: joint_entropy(PXY, base=base),
        lambda base: conditional_entropy(PXY, base=base),
        lambda base: mutual_information(PXY, base=base),
    ],
    ids=["cross_entropy", "js_divergence", "joint_entropy", "conditional_entropy", "mutual_info"],
)
def test_every_function_rejects_base_1_naming_it(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"^base must be > 0, finite and not 1 \(got 1\.0\)$"):
        call(1)


def test_references_default_to_the_outcome_axis_0() -> None:
    """The chapter's reference helpers, like the public functions, take columns by default."""
    p = np.array([[0.5, 0.9], [0.5, 0.1]])  # columns are distributions
    q = np.array([[0.25, 0.5], [0.75, 0.5]])
    np.testing.assert_allclose(_entropy(p), entropy(p))
    np.testing.assert_allclose(_cross_entropy(p, q), cross_entropy(p, q))
    np.testing.assert_allclose(_kl_divergence(p, q), kl_divergence(p, q))
    np.testing.assert_allclose(_js_divergence(p, q), js_divergence(p, q))


def test_a_certain_outcome_gives_plus_zero_not_minus_zero() -> None:
    """−Σ 0·log 0 sums −0.0 terms to −0.0; the public functions return +0.0 (as SciPy)."""
    for value in (
        entropy([1.0, 0.0]),
        cross_entropy([1.0, 0.0], [1.0, 0.0]),
        joint_entropy([[1.0, 0.0], [0.0, 0.0]]),
    ):
        assert value == 0.0
        assert not np.signbit(value)


def test_js_of_disjoint_supports_is_clipped_to_exactly_ln2() -> None:
    """Summed in float64, some of these give ln 2 + 1.1e-16 (which ones depends on NumPy's log);
    the clip keeps JS ≤ ln 2."""
    pairs = [(np.array([a / 10, 1 - a / 10, 0, 0]), np.array([0, 0, b / 10, 1 - b / 10]))
             for a in range(1, 10) for b in range(1, 10)]
    above = [(p, q) for p, q in pairs if _js_divergence(p, q) > np.log(2)]  # the reference
    assert above  # 53 of the 81 on NumPy 2.4, 22 on 1.26
    for p, q in above:
        assert js_divergence(p, q) == np.log(2)
        assert js_divergence(p, q, base=2) == 1.0


def test_js_of_nearly_equal_distributions_is_clipped_to_zero_not_below() -> None:
    """Summed in float64 these give −6.2e-17; the clip keeps JS ≥ 0."""
    assert js_divergence([0.1, 0.9], [0.100000001, 0.899999999]) == 0.0
