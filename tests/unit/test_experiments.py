"""The notebooks' experiment helpers (initlib/experiments.py)."""

import matplotlib
import numpy as np
import pytest

import initlib
from initlib.experiments import GainedDraws, accuracies, add_markers, describe

matplotlib.use("Agg")


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


def test_add_markers_tells_lines_and_classes_apart_by_shape():
    import matplotlib.pyplot as plt

    X, Y, _, _ = initlib.load_dataset()
    fig, ax = plt.subplots()
    for k in range(3):
        ax.plot([0, 1, 2], [k, k + 1, k], label=f"line {k}")
    ax.axhline(0.5, color="gray", linestyle=":")
    ax.legend()
    add_markers(ax)
    lines = ax.get_lines()
    assert len({(line.get_linestyle(), line.get_marker()) for line in lines[:3]}) == 3
    assert lines[3].get_linestyle() == ":" and lines[3].get_marker() in ("None", None, "")
    plt.close(fig)

    ax = initlib.plot_dataset(X, Y)
    before = [c.get_paths()[0].vertices.copy() for c in ax.collections]
    add_markers(ax)
    after = [c.get_paths()[0].vertices for c in ax.collections]
    labels = [c.get_label() for c in ax.collections]
    circle, triangle = labels.index("class 0"), labels.index("class 1")
    assert np.array_equal(before[circle], after[circle])
    assert before[triangle].shape != after[triangle].shape  # a circle's path has more vertices
    plt.close(ax.figure)
