"""Bad input is rejected with a message naming the argument, the value and what is allowed."""

import numpy as np
import pytest

import initlib
from initlib import (
    accuracy,
    backward,
    cross_entropy,
    forward,
    initialize_parameters,
    load_dataset,
    predict,
    train,
    update_parameters,
)

X = np.random.default_rng(0).standard_normal((2, 8))
Y = np.array([[0, 1, 0, 1, 1, 0, 0, 1]])
PARAMS = initialize_parameters([2, 3, 1], rng=0)


@pytest.mark.parametrize(
    "kwargs,error,words",
    [
        (dict(initialization="kaiming"), ValueError,
         ["initialization", "'kaiming'", "'he'", "'xavier'"]),
        (dict(initialization=3), TypeError, ["initialization", "3"]),
        (dict(layer_dims=[2]), ValueError, ["layer_dims", "[2]", "at least"]),
        (dict(layer_dims=[]), ValueError, ["layer_dims"]),
        (dict(layer_dims=[2, 0, 1]), ValueError, ["layer_dims[1]", "0", "positive"]),
        (dict(layer_dims=[2, -3, 1]), ValueError, ["layer_dims[1]", "-3"]),
        (dict(layer_dims=[2, 2.5, 1]), TypeError, ["layer_dims[1]", "2.5", "whole"]),
        (dict(layer_dims=[2, True]), TypeError, ["layer_dims[1]", "True"]),
        (dict(layer_dims="2,3"), TypeError, ["layer_dims", "str"]),
        (dict(initialization="random", scale=-1.0), ValueError, ["scale", "-1.0", ">= 0"]),
        (dict(initialization="random", scale=float("nan")), ValueError, ["scale", "nan", "finite"]),
        (dict(initialization="random", scale="big"), TypeError, ["scale", "'big'"]),
        (dict(initialization="he", scale=2.0), ValueError, ["scale", "'he'"]),
        (dict(distribution="gaussian"), ValueError, ["distribution", "'gaussian'", "'uniform'"]),
        (dict(rng="seed"), TypeError, ["rng", "str", "Generator", "RandomState"]),
        (dict(rng=1.5), TypeError, ["rng", "float"]),
    ],
)
def test_initialize_parameters_rejects(kwargs, error, words):
    args = {"layer_dims": [2, 3, 1], **kwargs}
    with pytest.raises(error) as info:
        initialize_parameters(args.pop("layer_dims"), **args)
    for word in words:
        assert word in str(info.value), f"{word!r} not in {info.value}"


@pytest.mark.parametrize(
    "X_bad,error,words",
    [
        (X.T, ValueError, ["X", "(8, 2)", "transposed"]),
        (X[0], ValueError, ["X", "2-d", "(8,)"]),
        (np.full((2, 8), np.nan), ValueError, ["X", "nan"]),
        (X.tolist(), TypeError, ["X", "numpy array"]),
        (np.zeros((3, 8)), ValueError, ["X", "3 rows", "2"]),
    ],
)
def test_forward_rejects_bad_X(X_bad, error, words):
    with pytest.raises(error) as info:
        forward(X_bad, PARAMS)
    for word in words:
        assert word in str(info.value)


def test_forward_rejects_unknown_activation():
    with pytest.raises(ValueError, match=r"hidden_activation='softmax'.*'relu'"):
        forward(X, PARAMS, "softmax")


@pytest.mark.parametrize(
    "Y_bad,words",
    [
        (np.array([[0, 1, 2, 1, 1, 0, 0, 1]]), ["0/1", "2"]),
        (np.array([[0, 1, 0]]), ["(1, 8)", "(1, 3)"]),
        (Y.ravel(), ["(1, 8)", "(8,)", "reshape"]),
    ],
)
def test_bad_labels(Y_bad, words):
    _, cache = forward(X, PARAMS)
    for call in (lambda: backward(Y_bad, cache), lambda: train(X, Y_bad, [2, 3, 1]),
                 lambda: accuracy(PARAMS, X, Y_bad)):
        with pytest.raises(ValueError) as info:
            call()
        for word in words:
            assert word in str(info.value)


@pytest.mark.parametrize(
    "kwargs,error,words",
    [
        (dict(learning_rate=0), ValueError, ["learning_rate", "> 0", "0.0"]),
        (dict(learning_rate=-0.1), ValueError, ["learning_rate", "-0.1"]),
        (dict(num_iterations=-5), ValueError, ["num_iterations", ">= 0", "-5"]),
        (dict(num_iterations=10.5), TypeError, ["num_iterations", "10.5"]),
        (dict(record_every=0), ValueError, ["record_every", ">= 1"]),
        (dict(initialization="magic"), ValueError, ["initialization", "'magic'", "'zeros'"]),
        (dict(hidden_activation="elu"), ValueError, ["hidden_activation", "'elu'"]),
        (dict(layer_dims=[2, 3, 2]), ValueError, ["layer_dims", "end with 1"]),
        (dict(layer_dims=[3, 3, 1]), ValueError, ["X", "3"]),
    ],
)
def test_train_rejects(kwargs, error, words):
    args = {"layer_dims": [2, 3, 1], **kwargs}
    with pytest.raises(error) as info:
        train(X, Y, args.pop("layer_dims"), num_iterations=args.pop("num_iterations", 10), **args)
    for word in words:
        assert word in str(info.value), f"{word!r} not in {info.value}"


def test_divergence_is_reported_with_its_iteration(circles):
    Xc, Yc, _, _ = circles
    with pytest.raises(initlib.TrainingDiverged) as info:
        train(Xc, Yc, [2, 10, 5, 1], "he", learning_rate=1e3, rng=np.random.RandomState(3))
    message = str(info.value)
    assert "diverged at iteration" in message and "learning_rate=1000 is too large" in message
    assert f"iteration {info.value.iteration}:" in message
    assert info.value.iteration > 0


def test_params_and_grads_are_checked():
    with pytest.raises(TypeError, match="params must be a dict"):
        predict([1, 2], X)
    bad = dict(PARAMS, b1=np.zeros(3))
    with pytest.raises(ValueError, match=r"params\['b1'\].*\(3, 1\)"):
        forward(X, bad)
    grads = backward(Y, forward(X, PARAMS)[1])
    with pytest.raises(ValueError, match=r"grads\['dW1'\]"):
        update_parameters(PARAMS, dict(grads, dW1=grads["dW1"].T), 0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        update_parameters(PARAMS, grads, -1)
    with pytest.raises(TypeError, match="cache"):
        backward(Y, None)
    with pytest.raises(ValueError, match="0/1"):
        cross_entropy(np.full((1, 8), 0.5), Y * 3)


def test_unknown_dataset():
    with pytest.raises(ValueError) as info:
        load_dataset("moons")
    assert "'moons'" in str(info.value) and "'circles'" in str(info.value)
