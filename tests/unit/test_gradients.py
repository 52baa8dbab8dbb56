"""backward() must agree with centered finite differences of the cost."""

import numpy as np
import pytest

from initlib import backward, cross_entropy_from_logits, forward, initialize_parameters


def cost(X, Y, params, activation):
    _, cache = forward(X, params, activation)
    return cross_entropy_from_logits(cache["Z"][-1], Y)


def numerical_gradient(X, Y, params, activation, eps=1e-6):
    grads = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            old = value[idx]
            value[idx] = old + eps
            plus = cost(X, Y, params, activation)
            value[idx] = old - eps
            minus = cost(X, Y, params, activation)
            value[idx] = old
            g[idx] = (plus - minus) / (2 * eps)
        grads["d" + name] = g
    return grads


def flatten(grads, names):
    return np.concatenate([grads["d" + n].ravel() for n in names])


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize("dims", [[3, 1], [3, 4, 1], [3, 5, 4, 1], [3, 6, 2, 5, 3, 1]])
def test_backward_matches_finite_differences(activation, dims):
    rng = np.random.default_rng(len(dims))
    m = 12
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    params = initialize_parameters(dims, "xavier", rng=rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = 0.1 * rng.standard_normal(params[f"b{l}"].shape)  # non-zero biases

    _, cache = forward(X, params, activation)
    analytic = backward(Y, cache)
    numeric = numerical_gradient(X, Y, params, activation)

    names = list(params)
    a, n = flatten(analytic, names), flatten(numeric, names)
    relative_error = np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n))
    assert relative_error < 1e-7, f"relative error {relative_error:.2e}"
    for name in names:
        assert analytic["d" + name].shape == params[name].shape
