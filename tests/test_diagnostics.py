"""The symmetry measure and per-layer statistics."""

import numpy as np
import pytest

from initlib import (
    TrainingDiverged,
    backward,
    count_distinct_units,
    forward,
    initialize_parameters,
    layer_statistics,
    train,
    update_parameters,
)
from initlib.diagnostics import (
    he_signal_drift,
    linear_stack_spread,
    output_errors,
    training_snapshots,
    update_ratios,
    weight_movement,
)


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


# --- training_snapshots, weight_movement, update_ratios, output_errors ----------------------

def test_snapshots_are_the_textbook_loop_stopped_on_the_way(circles):
    X, Y, _, _ = circles
    start = initialize_parameters([2, 10, 5, 1], "random", scale=10.0, rng=np.random.RandomState(3))
    snaps = training_snapshots(X, Y, start, [0, 3, 7])
    params = start
    for step in range(1, 8):
        params = update_parameters(params, backward(Y, forward(X, params)[1]), 0.01)
        if step == 3:
            assert all(np.array_equal(snaps[1][k], params[k]) for k in params)
    assert all(np.array_equal(snaps[2][k], params[k]) for k in params)
    assert all(np.array_equal(snaps[0][k], start[k]) for k in start)
    assert snaps[0]["W1"] is not start["W1"]  # copies, not the caller's arrays


def test_snapshots_match_train(circles):
    X, Y, _, _ = circles
    run = train(X, Y, [2, 10, 5, 1], "he", rng=np.random.RandomState(3), num_iterations=250)
    last = training_snapshots(X, Y, run.initial_params, [100, 250])[-1]
    assert all(np.array_equal(last[k], run.params[k]) for k in run.params)


def test_snapshots_of_a_jumpy_run_do_not_raise_and_divergence_is_named(circles):
    X, Y, _, _ = circles
    start = initialize_parameters([2, 10, 5, 1], "random", scale=10.0,
                                  rng=np.random.RandomState(3))
    assert len(training_snapshots(X, Y, start, [1, 2, 3])) == 3  # the cost jumps 10x here
    with pytest.raises(TrainingDiverged, match="iteration"):
        training_snapshots(X, Y, start, [300], learning_rate=1.0, hidden_activation="linear")


def test_snapshots_reject_bad_iterations(circles):
    X, Y, _, _ = circles
    params = initialize_parameters([2, 3, 1], "he", rng=0)
    with pytest.raises(ValueError, match="increase"):
        training_snapshots(X, Y, params, [5, 5])
    with pytest.raises(TypeError, match="iterations"):
        training_snapshots(X, Y, params, 5)
    with pytest.raises((TypeError, ValueError), match="iterations"):
        training_snapshots(X, Y, params, [-1])


def test_weight_movement_absolute_and_relative():
    start = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1)), "W2": 2 * np.ones((1, 2)),
             "b2": np.zeros((1, 1))}
    end = {"W1": np.ones((2, 2)) * 1.5, "b1": np.ones((2, 1)), "W2": 2 * np.ones((1, 2)),
           "b2": np.zeros((1, 1))}
    absolute, relative = weight_movement(start, end)
    assert absolute == pytest.approx([1.0, 0.0])  # ||0.5 * ones(2, 2)|| = 1
    assert relative == pytest.approx([0.5, 0.0])
    with pytest.raises(ValueError, match="W1"):
        weight_movement(start, {**end, "W1": np.ones((3, 2))})


def test_update_ratios_scale_with_learning_rate(circles):
    X, Y, _, _ = circles
    params = initialize_parameters([2, 10, 5, 1], "he", rng=0)
    grads = backward(Y, forward(X, params)[1])
    ratios = update_ratios(X, Y, params, learning_rate=0.1)
    expected = 0.1 * np.linalg.norm(grads["dW1"]) / np.linalg.norm(params["W1"])
    assert ratios[0] == pytest.approx(expected)
    smaller = update_ratios(X, Y, params, learning_rate=0.01)
    assert smaller == pytest.approx([r / 10 for r in ratios])


def test_output_errors_of_a_saturated_network(circles):
    X, Y, _, _ = circles
    big = initialize_parameters([2, 10, 5, 1], "random", scale=10.0, rng=np.random.RandomState(3))
    shares = output_errors(X, Y, big)  # every output is 1.0: wrong on label 0, right on label 1
    assert shares == pytest.approx({"stuck_at_1": 0.5, "near_0": 0.5, "in_between": 0.0})
    he_params = initialize_parameters([2, 10, 5, 1], "he", rng=np.random.RandomState(3))
    he = output_errors(X, Y, he_params)
    assert he["in_between"] == 1.0


# --- he_signal_drift and linear_stack_spread -----------------------------------------------



def test_he_signal_drift_matches_a_real_he_network():
    # the shortcut (drawing each layer's length factor) against explicit weight matrices
    width, layers, n = 8, 6, 3000
    shortcut = he_signal_drift(width, num_layers=layers, num_networks=n, rng=0)
    rng = np.random.default_rng(1)
    real = []
    for _ in range(n):
        a = np.abs(rng.standard_normal(width))  # any nonzero first-layer activation
        first = np.linalg.norm(a)
        for _ in range(layers - 1):
            a = np.maximum(rng.standard_normal((width, width)) * np.sqrt(2 / width) @ a, 0)
        real.append(np.linalg.norm(a) / first)
    for q in (0.25, 0.5, 0.75):
        assert np.quantile(shortcut, q) == pytest.approx(np.quantile(real, q), rel=0.08)


def test_he_signal_drift_is_smaller_for_wider_layers():
    narrow = he_signal_drift(100, rng=0, num_networks=400)
    wide = he_signal_drift(1000, rng=0, num_networks=400)
    assert narrow.shape == (400,)
    assert np.median(narrow) < np.median(wide) < 1  # typical runs shrink, wide ones less
    assert np.std(np.log(wide)) < np.std(np.log(narrow)) / 2


def test_he_signal_drift_rejects_bad_width():
    with pytest.raises(ValueError, match="width"):
        he_signal_drift(0)
    with pytest.raises(TypeError, match="width"):
        he_signal_drift(2.5)


def test_linear_stack_spread_fan_in_keeps_forward_fan_out_keeps_backward():
    dims = [64, 128, 256, 512]
    fwd, bwd = linear_stack_spread(dims, "fan_in", rng=0)
    assert len(fwd) == len(bwd) == 3
    assert fwd[-1] == pytest.approx(1, rel=0.1)
    assert bwd[0] == pytest.approx(np.sqrt(512 / 64), rel=0.1)  # grows by sqrt(2) per layer
    fwd, bwd = linear_stack_spread(dims, "fan_out", rng=0)
    assert bwd[0] == pytest.approx(1, rel=0.1)
    assert fwd[-1] == pytest.approx(np.sqrt(64 / 512), rel=0.1)
    fwd, bwd = linear_stack_spread(dims, "average", rng=0)
    assert np.sqrt(64 / 512) < fwd[-1] < 1 < bwd[0] < np.sqrt(512 / 64)


def test_linear_stack_spread_rejects_unknown_mode():
    with pytest.raises(ValueError, match="mode"):
        linear_stack_spread([4, 4], "fan_sideways")
