"""The notebooks' experiment helpers (initlib/experiments.py)."""

import numpy as np
import pytest

import initlib
from initlib.experiments import (
    CLASSIC_STARTS,
    GainedDraws,
    _classic_runs,
    accuracies,
    classic_runs,
    describe,
)


def test_gained_draws_scale_the_same_numbers():
    plain = initlib.initialize_parameters([2, 16, 16, 1], "lecun", rng=GainedDraws(4, 1.0))
    gained = initlib.initialize_parameters([2, 16, 16, 1], "lecun", rng=GainedDraws(4, 5 / 3))
    for l in (1, 2, 3):
        np.testing.assert_allclose(gained[f"W{l}"], plain[f"W{l}"] * 5 / 3, rtol=0, atol=1e-15)
    big = initlib.initialize_parameters([400, 400], "lecun", rng=GainedDraws(0, 5 / 3))["W1"]
    assert abs(big.std() - (5 / 3) / 20) < 0.002


@pytest.mark.parametrize("seed, gain", [(-1, 1.0), (0, -2.0), (0, "big")])
def test_gained_draws_reject_bad_arguments(seed, gain):
    with pytest.raises((TypeError, ValueError)):
        GainedDraws(seed, gain)


def test_accuracies_and_describe():
    X, Y, _, _ = initlib.load_dataset()
    runs = initlib.train_many(X, Y, [2, 4, 1], [{"rng": 0}, {"rng": 1}], num_iterations=5)
    acc = accuracies(runs, X, Y)
    assert acc.shape == (2,)
    assert acc[0] == initlib.accuracy(runs[0].params, X, Y)
    assert describe([0.5, 0.977, 0.99]) == "median 97.7%, range 50.0% to 99.0%"
    assert describe([0.25, 0.5], percent=False) == "median 0.375, range 0.250 to 0.500"
    with pytest.raises(ValueError, match="non-empty"):
        describe([])


@pytest.mark.parametrize("names", [("He", "Glorot"), ["He"], (), "He"])
def test_classic_runs_name_the_starts_allowed(names):
    with pytest.raises(ValueError) as raised:
        classic_runs(names, rng=3, num_iterations=2)
    message = str(raised.value)
    assert message.startswith("names must be") and repr(names) in message
    assert all(name in message for name in CLASSIC_STARTS)


@pytest.mark.parametrize("seed, num_iterations", [(-1, 2), (3, 0), (3, 2.5)])
def test_classic_runs_reject_a_bad_seed_or_length(seed, num_iterations):
    with pytest.raises((TypeError, ValueError), match="rng|num_iterations"):
        classic_runs(("He",), seed, num_iterations)


def test_classic_runs_cache_one_entry_however_called():
    _classic_runs.cache_clear()
    names = ("random x10", "He")
    first = classic_runs(names, 3, 2)
    for again in (classic_runs(names, rng=3, num_iterations=2),
                  classic_runs(names=names, num_iterations=2),
                  classic_runs(names, np.int64(3), num_iterations=np.int64(2))):
        assert again is first
    info = _classic_runs.cache_info()
    assert (info.currsize, info.misses, info.hits) == (1, 1, 3)
    assert list(first) == list(names) and first["He"].iterations == [0]
    other = classic_runs(names, rng=4, num_iterations=2)
    assert not np.array_equal(other["He"].initial_params["W1"], first["He"].initial_params["W1"])
    assert _classic_runs.cache_info().currsize == 2
    _classic_runs.cache_clear()
