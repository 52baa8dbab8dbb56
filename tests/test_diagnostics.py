"""The symmetry measure and per-layer statistics."""

import numpy as np

from initlib import count_distinct_units, initialize_parameters, layer_statistics, train


def test_constant_init_has_one_unit_per_layer_and_keeps_it(circles):
    X, Y, _, _ = circles
    params = initialize_parameters([2, 10, 5, 1], "constant", scale=0.5)
    assert count_distinct_units(params) == [1, 1, 1]
    result = train(X, Y, [2, 10, 5, 1], "constant", scale=0.5, num_iterations=500)
    assert count_distinct_units(result.params) == [1, 1, 1]
    # and the weights did move: the symmetry is kept, not the values
    assert not np.allclose(result.params["W1"], 0.5)


def test_random_init_makes_every_unit_distinct():
    params = initialize_parameters([2, 10, 5, 1], "he", rng=0)
    assert count_distinct_units(params) == [10, 5, 1]


def test_distinct_units_counts_partial_symmetry():
    params = initialize_parameters([3, 4, 1], "he", rng=0)
    params["W1"][2] = params["W1"][0]
    assert count_distinct_units(params) == [3, 1]
    params["b1"][2] = 1.0  # a different bias makes the unit different again
    assert count_distinct_units(params) == [4, 1]


def test_he_keeps_deep_relu_signal_and_small_scale_kills_it():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((400, 200))
    dims = [400] * 31 + [1]
    he = layer_statistics(X, initialize_parameters(dims, "he", rng=1))
    small = layer_statistics(X, initialize_parameters(dims, "random", scale=0.01, rng=1))
    assert 0.5 < he[-2]["mean_square"] / he[0]["mean_square"] < 2
    assert small[-2]["std"] < 1e-20
    assert he[0]["dead"] == 0.0


def test_statistics_keys_and_saturation():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 50))
    Y = (rng.random((1, 50)) > 0.5).astype(int)
    stats = layer_statistics(X, initialize_parameters([20, 30, 1], "random", scale=3.0, rng=0),
                             Y, hidden_activation="tanh")
    assert stats[0]["saturated"] > 0.5
    assert {"grad_norm", "grad_std", "std", "mean", "dead", "z_std"} <= set(stats[0])
