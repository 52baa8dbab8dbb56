"""backward() must agree with centered finite differences of the cost."""

import numpy as np
import pytest

from initlib import (
    backward,
    cross_entropy,
    cross_entropy_from_logits,
    forward,
    initialize_parameters,
)
from initlib.training import plain_training_loop


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


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize("dims", [[3, 2], [3, 4, 3], [3, 5, 4, 6], [4, 6, 2, 5, 10]])
def test_softmax_backward_matches_finite_differences(activation, dims):
    """The softmax output with the categorical cross-entropy: dZ_L = (A_L - Y) / m is right."""
    rng = np.random.default_rng(len(dims) + dims[-1])
    m = 15
    X = rng.standard_normal((dims[0], m))
    Y = np.eye(dims[-1], dtype=np.int64)[:, rng.integers(0, dims[-1], m)]
    params = initialize_parameters(dims, "xavier", rng=rng)
    for l in range(1, len(dims)):
        params[f"b{l}"] = 0.1 * rng.standard_normal(params[f"b{l}"].shape)

    _, cache = forward(X, params, activation)
    analytic = backward(Y, cache)
    numeric = numerical_gradient(X, Y, params, activation)
    names = list(params)
    a, n = flatten(analytic, names), flatten(numeric, names)
    relative_error = np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n))
    assert relative_error < 1e-7, f"relative error {relative_error:.2e}"


def test_the_softmax_cost_from_logits_equals_the_textbook_one_and_stays_finite():
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((4, 30))
    Y = np.eye(4, dtype=np.int64)[:, rng.integers(0, 4, 30)]
    A = np.exp(Z) / np.exp(Z).sum(axis=0)
    assert np.allclose(forward(Z, {"W1": np.eye(4), "b1": np.zeros((4, 1))}, "linear")[0], A)
    textbook = -np.mean(np.sum(Y * np.log(A), axis=0))
    assert abs(cross_entropy_from_logits(Z, Y) - textbook) < 1e-12
    assert abs(cross_entropy(A, Y) - textbook) < 1e-12
    wrong = np.where(Y == 1, -800.0, 0.0)  # confidently wrong: softmax gives the true class 0
    assert cross_entropy(np.exp(wrong) / np.exp(wrong).sum(axis=0), Y) == np.inf
    assert cross_entropy_from_logits(wrong, Y) == pytest.approx(800.0 + np.log(3))


@pytest.mark.parametrize("optimizer", ["gradient_descent", "momentum", "adam"])
@pytest.mark.parametrize("dims", [[3, 5, 4, 1], [3, 5, 4, 6]])
def test_each_optimizer_step_follows_the_gradient(optimizer, dims):
    """First-order check: the cost change of one small step is the gradient times the step.

    With finite differences, not ``backward``: so each optimizer is checked to move along
    the true gradient (gradient descent and momentum's first step: -learning_rate * g; Adam's
    first step: -learning_rate * g / |g|, the sign of g).
    """
    rng = np.random.default_rng(3)
    m = 10
    X = rng.standard_normal((dims[0], m))
    Y = (np.eye(dims[-1], dtype=np.int64)[:, rng.integers(0, dims[-1], m)] if dims[-1] > 1
         else (rng.random((1, m)) > 0.5).astype(np.int64))
    params = initialize_parameters(dims, "xavier", rng=rng)
    numeric = numerical_gradient(X, Y, params, "tanh")
    lr = 1e-5
    stepped, _ = plain_training_loop(X, Y, params, lr, 1, "tanh", optimizer=optimizer)
    names = list(params)
    g = flatten(numeric, names)
    step = np.concatenate([(stepped[n] - params[n]).ravel() for n in names])
    expected = -lr * (np.sign(g) if optimizer == "adam" else g)
    assert np.allclose(step, expected, rtol=1e-4, atol=1e-12)
    change = cost(X, Y, stepped, "tanh") - cost(X, Y, params, "tanh")
    assert change < 0 and abs(change / np.dot(g, step) - 1) < 1e-3
