"""The digit runs notebook 06 and its claims share: continued runs, summaries, bad input."""

import numpy as np
import pytest

from initlib import accuracy, train_many
from initlib.claims import Scope
from initlib.data import load_dataset
from initlib.digit_runs import (
    NOTEBOOK_IMAGES,
    accuracies,
    digit_runs,
    digits,
    first_on,
    start_parameters,
    steps_to_target,
    summary,
)
from initlib.lsuv import lsuv_parameters, lsuv_rescale

DIMS = [64, 12, 12, 10]


def test_a_run_continued_at_a_checkpoint_equals_one_run_straight_through():
    runs = digit_runs("He", DIMS, Scope(seeds=(0, 1), budget=10), (1, 2))
    X, Y, X_test, Y_test = digits()
    configs = [{"params": start_parameters("He", DIMS, s, X)} for s in (0, 1)]
    straight = train_many(X, Y, DIMS, configs, learning_rate=0.1, num_iterations=20,
                          record_every=5)
    for k, run in enumerate(straight):
        assert runs["curves"][k] == run.accuracies + [accuracy(run.params, X, Y)]
        assert runs["test"]["20"][k] == accuracy(run.params, X_test, Y_test)
    assert runs["steps"] == [0, 5, 10, 15, 20]


@pytest.mark.parametrize("hidden_activation", ["relu", "tanh"])
def test_stacked_accuracies_are_those_of_each_network_alone(hidden_activation):
    X, Y, X_test, Y_test = digits()
    networks = [start_parameters(name, DIMS, s, X, hidden_activation)
                for name, s in [("He", 0), ("LeCun", 1), ("PyTorch", 2), ("too large", 3)]]
    for data in ((X, Y), (X_test, Y_test)):
        assert accuracies(networks, *data, hidden_activation) == [
            accuracy(p, *data, hidden_activation) for p in networks]
    assert accuracies([], X, Y) == []


def test_a_start_that_ignores_the_seed_is_trained_once_and_read_by_every_seed(monkeypatch):
    import initlib.digit_runs as module

    trained = []
    original = module._train
    monkeypatch.setattr(module, "_train", lambda X, Y, dims, starts, steps, options: (
        trained.append(len(starts)) or original(X, Y, dims, starts, steps, options)))
    module._digit_runs.cache_clear()
    runs = digit_runs("zeros", DIMS, Scope(seeds=(0, 1, 2), budget=10), (1, 2))
    X, Y, X_test, Y_test = digits()
    alone = train_many(X, Y, DIMS, [{"params": start_parameters("zeros", DIMS, 0, X)}],
                       learning_rate=0.1, num_iterations=20, record_every=5)[0]
    assert trained == [1, 1]  # one network, at each of the two checkpoints
    assert runs["curves"] == [alone.accuracies + [accuracy(alone.params, X, Y)]] * 3
    assert runs["test"]["20"] == [accuracy(alone.params, X_test, Y_test)] * 3
    assert runs["diverged"] == [None] * 3


def test_summary_counts_only_what_was_reached_within_the_checkpoint():
    runs = {"steps": [0, 5, 10], "checkpoints": [5, 10], "diverged": [None, None, 3],
            "curves": [[0.1, 0.95, 0.99], [0.1, 0.5, 0.92], None],
            "train": {"5": [0.95, 0.5, None], "10": [0.99, 0.92, None]},
            "test": {"5": [0.8, 0.4, None], "10": [0.9, 0.8, None]}}
    assert steps_to_target(runs) == [5, 10, None]
    assert summary(runs)["reached"] == 1 and summary(runs, 10)["reached"] == 2
    assert summary(runs)["diverged"] == [3]
    other = dict(runs, curves=[[0.1, 0.2, 0.95], [0.1, 0.95, 0.99], None])
    assert first_on(runs, other) == (1, 1, 1)


def test_the_notebook_trains_on_the_first_training_images_and_tests_on_all():
    X_train, Y_train, X_test, Y_test = load_dataset("digits")
    X, Y, X_t, Y_t = digits()
    assert X.shape == (64, NOTEBOOK_IMAGES) and NOTEBOOK_IMAGES < X_train.shape[1]
    assert np.array_equal(X, X_train[:, :NOTEBOOK_IMAGES])
    assert np.array_equal(Y, Y_train[:, :NOTEBOOK_IMAGES])
    assert np.array_equal(X_t, X_test) and np.array_equal(Y_t, Y_test)
    assert digits("all")[0].shape == X_train.shape
    assert not X.flags.writeable


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="name must be one of"):
        start_parameters("Glorot", DIMS, 0, digits()[0])
    with pytest.raises(ValueError, match="checkpoints"):
        digit_runs("He", DIMS, Scope(seeds=(0,), budget=7))


def test_lsuv_rescale_is_lsuv_s_loop_and_leaves_its_input_alone():
    X = digits()[0]
    start = {k: v.copy() for k, v in start_parameters("orthogonal", DIMS, 3, X).items()}
    before = {k: v.copy() for k, v in start.items()}
    rescaled = lsuv_rescale({k: v / np.sqrt(2) for k, v in start.items()}, X)
    assert all(np.array_equal(start[k], before[k]) for k in start)
    reference = lsuv_parameters(DIMS, X, rng=3)
    assert all(np.allclose(rescaled[k], reference[k], rtol=1e-9, atol=0) for k in reference)
