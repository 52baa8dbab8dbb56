"""Initializer statistics, exact values and reproducibility."""

import math

import numpy as np
import pytest

from initlib import initialize_parameters, weight_std

BIG = [800, 1000, 600]  # layers large enough for sample statistics to be close


def expected_std(method, fan_in, fan_out, scale):
    return {
        "random": scale if scale is not None else 0.01,
        "lecun": math.sqrt(1 / fan_in),
        "xavier": math.sqrt(2 / (fan_in + fan_out)),
        "glorot": math.sqrt(2 / (fan_in + fan_out)),
        "he": math.sqrt(2 / fan_in),
    }[method]


@pytest.mark.parametrize("distribution", ["normal", "uniform"])
@pytest.mark.parametrize(
    "method,scale",
    [("random", None), ("random", 0.5), ("lecun", None), ("xavier", None), ("glorot", None),
     ("he", None)],
)
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


def test_zeros_and_constant_are_exact():
    zeros = initialize_parameters([2, 10, 5, 1], "zeros")
    const = initialize_parameters([2, 10, 5, 1], "constant", scale=0.5)
    for l in (1, 2, 3):
        assert np.array_equal(zeros[f"W{l}"], np.zeros_like(zeros[f"W{l}"]))
        assert np.all(const[f"W{l}"] == 0.5)
        assert np.all(const[f"b{l}"] == 0)
    assert set(zeros) == {"W1", "b1", "W2", "b2", "W3", "b3"}


@pytest.mark.parametrize("method", ["random", "lecun", "xavier", "he"])
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
