"""The frameworks' default initializations (initlib.framework_defaults)."""

import math

import numpy as np
import pytest

from initlib.framework_defaults import framework_parameters

DIMS = [300, 400, 200]


def test_pytorch_linear_default():
    params = framework_parameters("pytorch", DIMS, rng=0)
    assert list(params) == ["W1", "b1", "W2", "b2"]
    for l in (1, 2):
        fan_in, fan_out = DIMS[l - 1], DIMS[l]
        W, b = params[f"W{l}"], params[f"b{l}"]
        bound = 1 / math.sqrt(fan_in)
        assert W.shape == (fan_out, fan_in) and b.shape == (fan_out, 1)
        assert np.abs(W).max() <= bound and np.abs(W).max() > 0.99 * bound
        assert W.var() == pytest.approx(1 / (3 * fan_in), rel=0.02)
        assert np.abs(b).max() <= bound and np.any(b != 0)


def test_keras_dense_default():
    params = framework_parameters("keras", DIMS, rng=0)
    for l in (1, 2):
        limit = math.sqrt(6 / (DIMS[l - 1] + DIMS[l]))
        W = params[f"W{l}"]
        assert np.abs(W).max() <= limit and np.abs(W).max() > 0.99 * limit
        assert np.all(params[f"b{l}"] == 0)


def test_gpt2_default():
    params = framework_parameters("gpt2", DIMS, rng=0)
    for l in (1, 2):
        assert params[f"W{l}"].std() == pytest.approx(0.02, rel=0.02)
        assert np.all(params[f"b{l}"] == 0)


def test_reproducible_and_checked():
    a = framework_parameters("pytorch", [3, 4], rng=7)
    b = framework_parameters("pytorch", [3, 4], rng=7)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    with pytest.raises(ValueError, match="framework"):
        framework_parameters("jax", [3, 4])
    with pytest.raises(TypeError, match="layer_dims"):
        framework_parameters("keras", 3)
