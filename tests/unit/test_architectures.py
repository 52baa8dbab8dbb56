"""Signal through plain, normalized and residual stacks (initlib.architectures)."""

import numpy as np
import pytest

from initlib import initialize_parameters
from initlib.architectures import (
    input_share,
    linear_stack_matrix,
    normalize,
    rms,
    signal_through_stack,
    stack_forward,
)


def batch(n, m, seed=0):
    return np.random.default_rng(seed).standard_normal((n, m))


def test_normalize_gives_each_unit_mean_0_std_1():
    Z = batch(5, 200) * np.arange(1, 6)[:, None] + 3.0
    N = normalize(Z, eps=0)
    assert np.allclose(N.mean(axis=1), 0, atol=1e-12)
    assert np.allclose(N.std(axis=1), 1, atol=1e-12)
    assert np.array_equal(normalize(np.full((2, 4), 7.0)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="2-d"):
        normalize(np.ones(3))


def test_plain_stack_is_the_relu_loop():
    params = initialize_parameters([6, 5, 4], "he", rng=1)
    params["b1"] += 0.1
    X = batch(6, 7)
    H1 = np.maximum(params["W1"] @ X + params["b1"], 0)
    H2 = np.maximum(params["W2"] @ H1 + params["b2"], 0)
    out = stack_forward(X, params)
    assert len(out) == 3 and np.array_equal(out[1], H1) and np.array_equal(out[2], H2)
    assert np.allclose(signal_through_stack(X, params), [rms(X), rms(H1), rms(H2)])


def test_normalized_stack_does_not_care_about_the_weight_scale():
    X = batch(32, 64)
    small = initialize_parameters([32] * 21, "random", scale=0.02, rng=2)
    large = {k: v * 500 for k, v in small.items()}
    plain_small, plain_large = signal_through_stack(X, small), signal_through_stack(X, large)
    assert plain_small[-1] < 1e-20 and plain_large[-1] > 1e20
    a = signal_through_stack(X, small, normalized=True)
    b = signal_through_stack(X, large, normalized=True)
    assert np.allclose(a, b, rtol=1e-2)  # equal but for the eps added to the variance
    assert a[-1] == pytest.approx(np.sqrt(0.5), rel=0.05)


def test_residual_with_silent_branches_is_the_identity():
    X = batch(8, 10)
    params = initialize_parameters([8] * 6, "zeros")
    assert np.array_equal(stack_forward(X, params, residual=True)[-1], X)
    he = initialize_parameters([8] * 6, "he", rng=0)
    assert np.array_equal(stack_forward(X, he, residual=True, branch_scale=0.0)[-1], X)


def test_residual_growth_follows_the_variance_sum():
    n, L = 256, 20
    X = batch(n, 256, seed=3)
    he = initialize_parameters([n] * (L + 1), "he", rng=4)
    normalized = signal_through_stack(X, he, residual=True, normalized=True)[-1]
    scaled = signal_through_stack(X, he, residual=True, normalized=True, branch_scale=L**-0.5)[-1]
    assert normalized == pytest.approx(np.sqrt(rms(X) ** 2 + L), rel=0.15)
    assert scaled == pytest.approx(np.sqrt(rms(X) ** 2 + 1), rel=0.15)
    unnormalized = signal_through_stack(X, he, residual=True)[-1]
    assert 2 ** (L / 2) / 4 < unnormalized / rms(X) < 2 ** (L / 2) * 4


def test_residual_needs_square_layers():
    with pytest.raises(ValueError, match="square"):
        stack_forward(batch(4, 3), initialize_parameters([4, 5, 4], "he", rng=0), residual=True)


def test_bad_arguments_are_named():
    params = initialize_parameters([4, 4], "he", rng=0)
    with pytest.raises(ValueError, match="hidden_activation"):
        stack_forward(batch(4, 3), params, hidden_activation="gelu")
    with pytest.raises(ValueError, match="X"):
        stack_forward(batch(5, 3), params)


def test_input_share():
    same = np.tile(batch(3, 1), (1, 6))
    assert input_share(same) == pytest.approx(0, abs=1e-12)
    centred = batch(3, 50)
    centred -= centred.mean(axis=1, keepdims=True)
    assert input_share(centred) == pytest.approx(1)


def test_linear_stack_matrix_is_what_a_linear_stack_does():
    params = initialize_parameters([5, 4, 6, 3], "lecun", rng=5)
    X = batch(5, 9)
    P = linear_stack_matrix(params)
    assert P.shape == (3, 5)
    assert np.allclose(P @ X, stack_forward(X, params, hidden_activation="linear")[-1])
