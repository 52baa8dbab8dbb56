"""Batched training: threads, error messages and bad configurations (equality with training
one by one is in test_exact_engine.py)."""

import numpy as np
import pytest

from initlib import TrainingDiverged, load_dataset, train_many

CLASSIC = [2, 10, 5, 1]


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_thread_count_changes_nothing(circles, activation):
    X, Y, _, _ = circles
    configs = [{"initialization": "he", "rng": seed} for seed in range(17)]
    one = train_many(X, Y, [2, 6, 3, 1], configs, num_iterations=200, threads=1,
                     hidden_activation=activation)
    two = train_many(X, Y, [2, 6, 3, 1], configs, num_iterations=200, threads=2,
                     hidden_activation=activation)
    for a, b in zip(one, two, strict=True):
        for key in a.params:
            assert np.array_equal(a.params[key], b.params[key])
        assert a.costs == b.costs


def test_divergence_names_the_network(circles):
    X, Y, _, _ = circles
    configs = [{"initialization": "he", "rng": 0}, {"initialization": "random", "scale": 30.0,
                                                    "rng": 1}]
    with pytest.raises(TrainingDiverged, match=r"network \d: training diverged at iteration"):
        train_many(X, Y, CLASSIC, configs, learning_rate=1e3)


def test_bad_configs(circles):
    X, Y, _, _ = circles
    with pytest.raises(TypeError, match="configs must be a non-empty list"):
        train_many(X, Y, CLASSIC, [])
    with pytest.raises(ValueError, match=r"configs\[0\] has unknown keys \['seed'\]"):
        train_many(X, Y, CLASSIC, [{"seed": 3}])
    with pytest.raises(TypeError, match=r"configs\[1\] must be a dict"):
        train_many(X, Y, CLASSIC, [{}, "he"])
    with pytest.raises(ValueError, match="threads must be >= 1"):
        train_many(X, Y, CLASSIC, [{}], threads=0)


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_thread_count_changes_nothing_for_softmax_and_the_optimizers(optimizer):
    X, Y, _, _ = load_dataset("digits")
    configs = [{"initialization": "he", "rng": seed} for seed in range(17)]
    options = dict(num_iterations=40, record_every=10, learning_rate=0.01, optimizer=optimizer)
    one = train_many(X[:, :100], Y[:, :100], [64, 8, 10], configs, threads=1, **options)
    two = train_many(X[:, :100], Y[:, :100], [64, 8, 10], configs, threads=2, **options)
    for a, b in zip(one, two, strict=True):
        for key in a.params:
            assert np.array_equal(a.params[key], b.params[key])
        assert a.costs == b.costs and a.accuracies == b.accuracies
    assert one[0].settings["optimizer"] == optimizer


def test_settings_record_the_optimizer_and_its_defaults(circles):
    X, Y, _, _ = circles
    run = train_many(X, Y, CLASSIC, [{"rng": 0}], num_iterations=1, optimizer="adam")[0]
    assert run.settings["optimizer"] == "adam"
    assert (run.settings["beta1"], run.settings["beta2"], run.settings["epsilon"]) == (
        0.9, 0.999, 1e-8)
