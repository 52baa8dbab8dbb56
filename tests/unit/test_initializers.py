"""Initializer statistics, exact values and reproducibility."""

import math

import numpy as np
import pytest

from initlib import INITIALIZATIONS, initialize_parameters, weight_std
from initlib.initializers import DISTRIBUTIONS, SCALED

BIG = [800, 1000, 600]  # layers large enough for sample statistics to be close
NOT_DRAWN = ("zeros", "constant")  # exact values, no rng
ORTHONORMALISED = ("orthogonal",)  # tested below with its own statistics


def expected_std(method, fan_in, fan_out, scale):
    """The test's own formulas: every initialization of the registry needs one here."""
    return {
        "zeros": 0.0,
        "constant": 0.0,
        "random": scale if scale is not None else 0.01,
        "lecun": math.sqrt(1 / fan_in),
        "xavier": math.sqrt(2 / (fan_in + fan_out)),
        "glorot": math.sqrt(2 / (fan_in + fan_out)),
        "he": math.sqrt(2 / fan_in),
        "orthogonal": (scale if scale is not None else math.sqrt(2)) / math.sqrt(
            max(fan_in, fan_out)),
    }[method]


@pytest.mark.parametrize("method", INITIALIZATIONS)
def test_every_initialization_has_its_std(method):
    for fan_in, fan_out in ((3, 7), (800, 1000)):
        assert weight_std(method, fan_in, fan_out) == pytest.approx(
            expected_std(method, fan_in, fan_out, None), rel=1e-15)
        if method in SCALED:
            assert weight_std(method, fan_in, fan_out, 0.5) == pytest.approx(
                expected_std(method, fan_in, fan_out, 0.5), rel=1e-15)


DRAWN = [m for m in INITIALIZATIONS if m not in NOT_DRAWN + ORTHONORMALISED]


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
@pytest.mark.parametrize("method,scale",
                         [(m, None) for m in DRAWN] + [(m, 0.5) for m in DRAWN if m in SCALED])
def test_sample_std_matches_formula(method, scale, distribution):
    params = initialize_parameters(BIG, method, scale=scale, distribution=distribution, rng=0)
    for l in (1, 2):
        fan_in, fan_out = BIG[l - 1], BIG[l]
        W = params[f"W{l}"]
        target = expected_std(method, fan_in, fan_out, scale)
        assert W.shape == (fan_out, fan_in)
        assert W.dtype == np.float64
        assert abs(W.std() / target - 1) < 0.02
        assert abs(W.mean()) < 0.02 * target
        assert weight_std(method, fan_in, fan_out, scale) == pytest.approx(target)
        assert np.all(params[f"b{l}"] == 0) and params[f"b{l}"].shape == (fan_out, 1)


def test_uniform_has_the_right_bound():
    params = initialize_parameters([400, 300], "he", distribution="uniform", rng=1)
    limit = math.sqrt(6 / 400)
    W = params["W1"]
    assert W.max() <= limit and W.min() >= -limit
    assert W.max() > 0.99 * limit and W.min() < -0.99 * limit


def test_an_initialization_exists_only_with_its_std():
    """Adding a name without its formula cannot fall back on another one's."""
    from initlib import initializers

    assert INITIALIZATIONS == tuple(initializers.STANDARD_DEVIATIONS)
    with pytest.raises(ValueError, match="initialization="):
        weight_std("kaiming_typo", 3, 2)


def test_zeros_and_constant_are_exact():
    zeros = initialize_parameters([2, 10, 5, 1], "zeros")
    const = initialize_parameters([2, 10, 5, 1], "constant", scale=0.5)
    for l in (1, 2, 3):
        assert np.array_equal(zeros[f"W{l}"], np.zeros_like(zeros[f"W{l}"]))
        assert np.all(const[f"W{l}"] == 0.5)
        assert np.all(const[f"b{l}"] == 0)
    assert set(zeros) == {"W1", "b1", "W2", "b2", "W3", "b3"}


@pytest.mark.parametrize("method", [m for m in INITIALIZATIONS if m not in NOT_DRAWN])
def test_same_seed_same_arrays(method):
    for make in (lambda: 7, lambda: np.random.default_rng(7), lambda: np.random.RandomState(7)):
        a = initialize_parameters([4, 6, 3], method, rng=make())
        b = initialize_parameters([4, 6, 3], method, rng=make())
        for key in a:
            assert np.array_equal(a[key], b[key])
    c = initialize_parameters([4, 6, 3], method, rng=8)
    assert not np.array_equal(a["W1"], c["W1"])


def test_randomstate_reproduces_the_legacy_global_seed():
    np.random.seed(3)
    W1 = np.random.randn(10, 2) * math.sqrt(2 / 2)
    W2 = np.random.randn(5, 10) * math.sqrt(2 / 10)
    params = initialize_parameters([2, 10, 5, 1], "he", rng=np.random.RandomState(3))
    assert np.array_equal(params["W1"], W1)
    assert np.array_equal(params["W2"], W2)


def test_method_names_are_case_insensitive():
    a = initialize_parameters([3, 2], "He", rng=0)
    b = initialize_parameters([3, 2], "he", rng=0)
    assert np.array_equal(a["W1"], b["W1"])


# ---------------------------------------------------------------- orthogonal initialization

from initlib.initializers import orthogonal_matrix  # noqa: E402


@pytest.mark.parametrize("shape", [(5, 5), (8, 3), (3, 8)])
def test_orthogonal_rows_or_columns_are_orthonormal(shape):
    W = orthogonal_matrix(shape, rng=0, gain=2.5)
    k = min(shape)
    gram = W.T @ W if shape[0] >= shape[1] else W @ W.T
    assert W.shape == shape
    assert np.allclose(gram, 2.5**2 * np.eye(k), atol=1e-12)
    rms_entry = np.sqrt(np.mean(W**2))
    assert rms_entry == pytest.approx(weight_std("orthogonal", shape[1], shape[0], 2.5))


def test_orthogonal_sign_fix_makes_r_diagonal_positive():
    # the result is the Q of the Gaussian draw G = Q R whose R has a positive diagonal
    for seed in range(5):
        G = np.random.default_rng(seed).standard_normal((6, 4))
        Q = orthogonal_matrix((6, 4), rng=seed)
        R = Q.T @ G
        assert np.allclose(np.tril(R, -1), 0, atol=1e-12)
        assert np.all(np.diag(R) > 0)
        assert np.allclose(Q @ R, G)


def test_orthogonal_keeps_lengths_through_a_deep_square_stack():
    params = initialize_parameters([16] * 31, "orthogonal", scale=1.0, rng=1)
    x = np.random.default_rng(2).standard_normal((16, 5))
    h = x
    for l in range(1, 31):
        h = params[f"W{l}"] @ h
    assert np.allclose(np.linalg.norm(h, axis=0), np.linalg.norm(x, axis=0), rtol=1e-12)


def test_orthogonal_default_gain_is_relu_gain_and_draw_order_is_per_layer():
    params = initialize_parameters([4, 6, 3], "orthogonal", rng=np.random.RandomState(3))
    rs = np.random.RandomState(3)
    W1 = orthogonal_matrix((6, 4), rng=rs, gain=math.sqrt(2))
    W2 = orthogonal_matrix((3, 6), rng=rs, gain=math.sqrt(2))
    assert np.array_equal(params["W1"], W1) and np.array_equal(params["W2"], W2)
    assert np.all(params["b1"] == 0) and params["b2"].shape == (3, 1)
    assert weight_std("orthogonal", 4, 6) == pytest.approx(math.sqrt(2) / math.sqrt(6))


def test_orthogonal_rejects_bad_arguments():
    with pytest.raises(ValueError, match="distribution='uniform'"):
        initialize_parameters([4, 4], "orthogonal", distribution="uniform")
    with pytest.raises(ValueError, match="scale"):
        initialize_parameters([4, 4], "orthogonal", scale=-1.0)
    with pytest.raises(ValueError, match="shape"):
        orthogonal_matrix((3, 3, 3), rng=0)
    with pytest.raises(ValueError, match="shape"):
        orthogonal_matrix((0, 3), rng=0)
