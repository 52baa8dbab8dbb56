"""Bad input is rejected with a message naming the argument, the value and what is allowed."""

import numpy as np
import pytest

import initlib
from initlib import (
    accuracy,
    backward,
    cross_entropy,
    cross_entropy_from_logits,
    forward,
    initialize_parameters,
    load_dataset,
    predict,
    train,
    train_many,
    update_parameters,
)
from initlib.lsuv import lsuv_parameters
from initlib.training import plain_training_loop

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
        (dict(layer_dims=[2, 3, 2]), ValueError,
         ["layer_dims", "ends with 2", "end layer_dims with 1"]),
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


# --- softmax outputs, optimizers and given starting parameters (notebook 06) --------------

Y3 = np.eye(3, dtype=np.int64)[:, [0, 1, 2, 0, 1, 2, 0, 1]]  # one-hot, 3 classes, 8 examples
PARAMS3 = initialize_parameters([2, 4, 3], rng=0)


@pytest.mark.parametrize(
    "Y_bad,words",
    [
        (Y, ["one-hot", "(3, 8)", "(1, 8)"]),
        (Y3[:2], ["(3, 8)", "(2, 8)"]),
        (Y3 * 2, ["one-hot", "single 1"]),
        (np.ones((3, 8), dtype=np.int64), ["one-hot", "single 1"]),
    ],
)
def test_softmax_labels_must_be_one_hot(Y_bad, words):
    _, cache = forward(X, PARAMS3)
    for call in (lambda: backward(Y_bad, cache), lambda: accuracy(PARAMS3, X, Y_bad),
                 lambda: cross_entropy_from_logits(cache["Z"][-1], Y_bad)):
        with pytest.raises(ValueError) as info:
            call()
        for word in words:
            assert word in str(info.value), f"{word!r} not in {info.value}"


def test_one_hot_labels_for_a_sigmoid_output_say_what_to_change():
    with pytest.raises(ValueError, match=r"layer_dims ends with 1 .* end layer_dims with 3"):
        train(X, Y3, [2, 3, 1], num_iterations=1)


@pytest.mark.parametrize(
    "optimizer,error,words",
    [
        ("sgd", ValueError, ["optimizer", "'sgd'", "'adam'", "'momentum'", "'gradient_descent'"]),
        (3, TypeError, ["optimizer", "int"]),
        ({"beta": 0.9}, ValueError, ["optimizer", "None"]),
        ({"name": "adam", "beta": 0.9}, ValueError, ["'adam'", "['beta']", "beta1"]),
        ({"name": "momentum", "beta": 1.0}, ValueError, ["optimizer['beta']", "[0, 1)", "1.0"]),
        ({"name": "momentum", "beta": -0.1}, ValueError, ["optimizer['beta']", ">= 0"]),
        ({"name": "adam", "epsilon": 0}, ValueError, ["optimizer['epsilon']", "> 0"]),
        ({"name": "adam", "beta2": "high"}, TypeError, ["optimizer['beta2']", "'high'"]),
        ({"name": "gradient_descent", "beta": 0.9}, ValueError, ["no setting", "none"]),
    ],
)
def test_bad_optimizers(optimizer, error, words):
    for call in (lambda: train(X, Y, [2, 3, 1], num_iterations=1, optimizer=optimizer),
                 lambda: plain_training_loop(X, Y, PARAMS, 0.1, 1, optimizer=optimizer)):
        with pytest.raises(error) as info:
            call()
        for word in words:
            assert word in str(info.value), f"{word!r} not in {info.value}"


def test_bad_starting_parameters():
    with pytest.raises(ValueError, match=r"configs\[0\]\['params'\] has weight shapes"):
        train_many(X, Y, [2, 5, 1], [{"params": PARAMS}], num_iterations=1)
    with pytest.raises(ValueError, match=r"configs\[0\] gives 'params'.*\['params', 'rng'\]"):
        train_many(X, Y, [2, 3, 1], [{"params": PARAMS, "rng": 1}], num_iterations=1)
    with pytest.raises(TypeError, match="params must be a dict"):
        train_many(X, Y, [2, 3, 1], [{"params": [1, 2]}], num_iterations=1)
    with pytest.raises(ValueError, match="either params or initialization"):
        train(X, Y, [2, 3, 1], "xavier", params=PARAMS, num_iterations=1)


def test_lsuv_parameters_rejects_bad_input():
    with pytest.raises(ValueError, match=r"X has 2 rows .* expects 3"):
        lsuv_parameters([3, 4, 1], X)
    with pytest.raises(ValueError, match="hidden_activation='elu'"):
        lsuv_parameters([2, 4, 1], X, hidden_activation="elu")
