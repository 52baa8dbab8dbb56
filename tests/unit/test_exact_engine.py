"""``train`` and ``train_many`` are the textbook loop to the last bit.

The private engine reorganises the work (stacked networks, in-place arrays, one flat update),
but performs the operations of ``forward``, ``backward`` and ``update_parameters`` on the same
operands in the same order, so its results are equal, not merely close: ``np.array_equal``.
"""

import math

import numpy as np
import pytest

from initlib import (
    TrainingDiverged,
    accuracy,
    initialize_parameters,
    load_dataset,
    train,
    train_many,
)
from initlib.activations import HIDDEN_ACTIVATIONS
from initlib.training import plain_training_loop

CLASSIC = [2, 10, 5, 1]


def assert_same_network(a, b):
    assert a.keys() == b.keys()
    for key in a:
        assert np.array_equal(a[key], b[key]), key


@pytest.mark.parametrize("name,config", [
    ("zeros", {"initialization": "zeros"}),
    ("random x10", {"initialization": "random", "scale": 10.0}),
    ("he", {"initialization": "he"}),
])
@pytest.mark.slow
def test_the_classic_runs_equal_the_textbook_loop(circles, name, config):
    """The three classic runs, all 15000 iterations: parameters and recorded costs."""
    X, Y, _, _ = circles
    fast = train(X, Y, CLASSIC, rng=np.random.RandomState(3), **config)
    start = initialize_parameters(CLASSIC, rng=np.random.RandomState(3), **config)
    assert_same_network(fast.initial_params, start)
    params, costs = plain_training_loop(X, Y, start, 0.01, 15000)
    assert_same_network(fast.params, params)
    assert fast.costs == costs


@pytest.mark.parametrize("hidden_activation", HIDDEN_ACTIVATIONS)
def test_every_activation_equals_the_textbook_loop(circles, hidden_activation):
    X, Y, _, _ = circles
    fast = train(X, Y, [2, 8, 6, 4, 1], "xavier", rng=7, num_iterations=2000,
                 hidden_activation=hidden_activation, record_every=100)
    params, costs = plain_training_loop(X, Y, fast.initial_params, 0.01, 2000,
                                        hidden_activation, record_every=100)
    assert_same_network(fast.params, params)
    assert fast.costs == costs


@pytest.mark.slow
@pytest.mark.parametrize("hidden_activation", HIDDEN_ACTIVATIONS)
def test_train_many_equals_train_for_every_network(circles, hidden_activation):
    """A sweep of mixed initializations, batched and split over threads, network by network."""
    X, Y, _, _ = circles
    configs = [{"initialization": "he", "rng": np.random.RandomState(3)},
               {"initialization": "random", "scale": 10.0, "rng": np.random.RandomState(3)},
               {"initialization": "zeros"}, {"initialization": "constant", "scale": 0.5},
               {"initialization": "xavier", "rng": 4, "distribution": "uniform"}]
    configs += [{"initialization": "lecun", "rng": seed} for seed in range(15)]
    many = train_many(X, Y, CLASSIC, configs, num_iterations=1500, record_every=100,
                      hidden_activation=hidden_activation, threads=2)
    for k, config in enumerate(configs):
        if isinstance(config.get("rng"), np.random.RandomState):
            config = dict(config, rng=np.random.RandomState(3))
        one = train(X, Y, CLASSIC, **config, num_iterations=1500, record_every=100,
                    hidden_activation=hidden_activation)
        assert_same_network(many[k].params, one.params)
        assert many[k].costs == one.costs
        assert many[k].naive_costs == one.naive_costs
        assert many[k].final_cost == one.final_cost


@pytest.mark.parametrize("threads", [1, 2])
def test_divergence_is_reported_batched_and_single(circles, threads):
    """A cost that grows past 10 x max(start, ln 2) stops training, naming network and iteration."""
    X, Y, _, _ = circles
    with pytest.raises(TrainingDiverged) as single:
        train(X, Y, CLASSIC, "he", rng=0, learning_rate=1e3)
    assert "training diverged at iteration" in str(single.value)
    assert "max(starting cost, ln 2)" in str(single.value)
    configs = [{"initialization": "he", "rng": seed} for seed in range(16)]
    configs[11] = {"initialization": "he", "rng": 0}
    with pytest.raises(TrainingDiverged) as batched:
        train_many(X, Y, CLASSIC, configs, learning_rate=1e3, threads=threads)
    assert "network 0: training diverged" in str(batched.value)
    assert batched.value.iteration == single.value.iteration


def test_inf_or_nan_outputs_are_reported(circles):
    """Outputs that overflow say so, naming the network and the iteration."""
    X, Y, _, _ = circles
    configs = [{"initialization": "he", "rng": 1}, {"initialization": "random", "scale": 1e300,
                                                    "rng": 2}]
    with pytest.raises(TrainingDiverged, match=r"network 1: training diverged at iteration 0: "
                                               r"the output pre-activations had become inf or "
                                               r"nan"):
        train_many(X * 1e10, Y, CLASSIC, configs)


def test_zero_iterations_records_the_start(circles):
    X, Y, _, _ = circles
    run = train(X, Y, CLASSIC, "he", rng=0, num_iterations=0)
    assert run.iterations == [0] and run.costs[0] == run.final_cost
    assert_same_network(run.params, run.initial_params)
    assert math.isfinite(run.final_cost)


# --- softmax outputs and the optimizers (notebook 06) -------------------------------------

DIGITS = [64, 12, 8, 10]
OPTIMIZERS = ["gradient_descent", "momentum", "adam", {"name": "momentum", "beta": 0.5},
              {"name": "adam", "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}]


@pytest.fixture(scope="module")
def digits():
    X, Y, _, _ = load_dataset("digits")
    return X[:, :150], Y[:, :150]


@pytest.mark.parametrize("hidden_activation", HIDDEN_ACTIVATIONS)
def test_softmax_networks_equal_the_textbook_loop(digits, hidden_activation):
    X, Y = digits
    fast = train(X, Y, DIGITS, "he", rng=5, learning_rate=0.05, num_iterations=300,
                 hidden_activation=hidden_activation, record_every=20)
    params, costs = plain_training_loop(X, Y, fast.initial_params, 0.05, 300,
                                        hidden_activation, record_every=20)
    assert_same_network(fast.params, params)
    assert fast.costs == costs
    assert fast.costs[-1] < fast.costs[0] - 0.3  # it learned something


@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=str)
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_every_optimizer_equals_its_textbook_loop(circles, digits, optimizer, output):
    X, Y = digits if output == "softmax" else circles[:2]
    dims = DIGITS if output == "softmax" else CLASSIC
    fast = train(X, Y, dims, "xavier", rng=2, learning_rate=0.01, num_iterations=400,
                 record_every=50, optimizer=optimizer)
    params, costs = plain_training_loop(X, Y, fast.initial_params, 0.01, 400,
                                        record_every=50, optimizer=optimizer)
    assert_same_network(fast.params, params)
    assert fast.costs == costs


def test_the_optimizers_take_different_paths(digits):
    """The three optimizers really differ (the equalities above are not vacuous)."""
    X, Y = digits
    runs = {name: train(X, Y, DIGITS, "he", rng=1, learning_rate=0.01, num_iterations=50,
                        record_every=50, optimizer=name) for name in OPTIMIZERS[:3]}
    finals = {name: run.final_cost for name, run in runs.items()}
    assert len(set(finals.values())) == 3, finals
    assert finals["adam"] < finals["momentum"] < finals["gradient_descent"]


@pytest.mark.parametrize("optimizer", OPTIMIZERS[:3])
def test_train_many_equals_train_for_softmax_and_given_params(digits, optimizer):
    """A mixed batch, split over threads; starting parameters given directly included."""
    X, Y = digits
    start = initialize_parameters(DIGITS, "orthogonal", rng=9)
    configs = [{"initialization": "zeros"}, {"initialization": "random", "scale": 0.01, "rng": 1},
               {"params": start}] + [{"initialization": "lecun", "rng": s} for s in range(14)]
    options = dict(learning_rate=0.02, num_iterations=120, record_every=30, optimizer=optimizer)
    many = train_many(X, Y, DIGITS, configs, threads=2, **options)
    for k, config in enumerate(configs):
        one = (train(X, Y, DIGITS, params=start, **options) if "params" in config
               else train(X, Y, DIGITS, **config, **options))
        assert_same_network(many[k].params, one.params)
        assert many[k].costs == one.costs and many[k].accuracies == one.accuracies
        assert many[k].naive_costs == one.naive_costs
    assert_same_network(many[2].initial_params, start)  # copied, not trained in place


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_recorded_accuracies_are_those_of_the_parameters_at_that_iteration(circles, digits,
                                                                           output):
    X, Y = digits if output == "softmax" else circles[:2]
    dims = DIGITS if output == "softmax" else CLASSIC
    run = train(X, Y, dims, "he", rng=4, learning_rate=0.05, num_iterations=60, record_every=20)
    params = run.initial_params
    for recorded in run.accuracies:
        assert recorded == accuracy(params, X, Y)
        params, _ = plain_training_loop(X, Y, params, 0.05, 20)
    assert run.iterations_to_accuracy(0.0) == 0
    assert run.iterations_to_accuracy(1.01) is None


def test_softmax_divergence_is_reported(digits):
    X, Y = digits
    with pytest.raises(TrainingDiverged, match="training diverged at iteration"):
        train(X, Y, DIGITS, "he", rng=0, learning_rate=50.0)
