"""Every plotting helper draws with a title, labelled axes and a legend."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import initlib  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def labelled(ax):
    return ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_legend()


def test_helpers_label_their_axes(circles):
    X, Y, _, _ = circles
    params = initlib.initialize_parameters([2, 10, 5, 1], "he", rng=0)
    result = initlib.train(X, Y, [2, 10, 5, 1], rng=0, num_iterations=200, record_every=50)
    deep = initlib.initialize_parameters([20, 20, 20, 1], "he", rng=0)
    X_deep = np.random.default_rng(0).standard_normal((20, 100))
    axes = [
        initlib.plot_dataset(X, Y),
        initlib.plot_decision_boundary(params, X, Y, resolution=50),
        initlib.plot_costs({"he": result}, log=True),
        initlib.plot_layer_stats({"he": initlib.layer_statistics(X_deep, deep)}),
        initlib.plot_layer_stats({"seeds": [initlib.layer_statistics(X_deep, deep)] * 2}),
        initlib.plot_layer_histograms(X_deep, deep, layers=[1, 2]),
    ]
    for ax in axes:
        assert labelled(ax), ax


def test_explorer_static_view_has_four_panels():
    fig = initlib.plot_explorer_view(depth=5, width=16)
    assert len(fig.axes) == 4
    assert all(ax.get_xlabel() and ax.get_ylabel() for ax in fig.axes)
    assert "layer 5 / layer 1" in initlib.explorer_summary(depth=5, width=16)


def test_show_figure_stores_alt_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    initlib.show_figure("A line from (0, 0) to (1, 1).", fig)
    (bundle,), kwargs = shown[0]
    assert kwargs["metadata"] == {"image/png": {"alt": "A line from (0, 0) to (1, 1)."}}
    assert bundle["text/plain"] == "Figure: A line from (0, 0) to (1, 1)."
    assert bundle["image/png"]
    assert not plt.get_fignums()  # the figure is closed, so the inline backend does not repeat it
    with pytest.raises(TypeError, match="alt"):
        initlib.show_figure("  ")
