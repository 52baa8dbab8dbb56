"""The explorer's callbacks, driven without a browser: controls fire updates that obey theory."""

import numpy as np
import pytest

from initlib import explorer
from initlib.interactive import (
    EXPLORER_INITIALIZATIONS,
    SETTING_NAMES,
    TRAIN_ITERATIONS,
    Settings,
    explorer_statistics,
)


@pytest.fixture
def app():
    return explorer(depth=10, width=64)


def ratio_last_first(stats):
    return stats[-1]["std"] / stats[0]["std"]


def test_one_control_per_setting_starting_at_the_settings():
    app = explorer(initialization="random", scale=0.5, depth=60, rng=33, hidden_activation="tanh")
    assert tuple(app.controls) == SETTING_NAMES
    assert app.settings() == Settings(initialization="random", scale=0.5, depth=60, rng=33,
                                      hidden_activation="tanh")
    assert len(app.stats) == 60  # a slider stretches to hold its starting value
    assert tuple(app.controls["initialization"].options) == EXPLORER_INITIALIZATIONS


def test_the_settings_are_the_keywords_of_every_explorer_function():
    import inspect

    from initlib import explorer_summary, plot_explorer_view

    for function in (explorer, explorer_summary, plot_explorer_view, explorer_statistics):
        keywords = {name: p.default for name, p in inspect.signature(function).parameters.items()
                    if p.kind == p.KEYWORD_ONLY}
        assert keywords == vars(Settings()), function.__name__


def test_the_explorer_displays_as_its_widgets(app):
    bundle = app._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.box.model_id
    assert bundle["text/plain"].startswith("Explorer(he, normal, 10 layers x 64 relu units")


@pytest.mark.parametrize("settings, message", [
    (dict(method="he"), "unknown explorer setting(s) method"),
    (dict(initialization="kaiming"), "initialization"),
    (dict(hidden_activation="softmax"), "hidden_activation"),
    (dict(depth=0), "depth must be >= 1"),
    (dict(scale=-1.0), "scale must be > 0"),
    (dict(rng=np.random.default_rng(0)), "rng"),
])
def test_bad_settings_are_named(settings, message):
    with pytest.raises((TypeError, ValueError), match=message.replace("(", r"\(")
                       .replace(")", r"\)")):
        explorer(**settings)


def test_setting_a_control_fires_the_update(app):
    before_png, before_stats = app.image.value, app.stats
    app.controls["initialization"].value = "random"
    assert app.stats is not before_stats and app.image.value != before_png
    assert app.controls["scale"].disabled is False
    app.controls["initialization"].value = "he"
    assert app.controls["scale"].disabled is True
    app.controls["depth"].value = 25
    assert len(app.stats) == 25
    app.controls["width"].value = 32
    assert app.stats[0]["units"] == 32
    assert "layer 25 / layer 1" in app.summary.value


@pytest.mark.slow
def test_he_keeps_the_signal_and_a_small_scale_kills_it(app):
    app.controls["width"].value = 128  # the default width
    app.controls["depth"].value = 50
    ratios = []
    for seed in range(9):
        app.controls["rng"].value = seed
        ratios.append(ratio_last_first(app.stats))
    # a single finite network drifts a little; the typical one keeps its signal
    assert 0.5 < np.median(ratios) < 2, ratios
    app.controls["initialization"].value = "random"
    app.controls["scale"].value = 0.01
    assert ratio_last_first(app.stats) < 1e-30
    assert max(r["grad_norm"] for r in app.stats) < 1e-30
    app.controls["scale"].value = 1.0
    assert ratio_last_first(app.stats) > 1e20


def test_zeros_and_tanh_saturation(app):
    app.controls["initialization"].value = "zeros"
    assert all(r["std"] == 0 for r in app.stats)
    assert "exactly 0" in app.summary.value
    app.controls["hidden_activation"].value = "tanh"
    app.controls["initialization"].value = "random"
    app.controls["scale"].value = 1.0
    assert app.stats[-1]["saturated"] > 0.5


def test_uniform_and_normal_give_similar_statistics():
    normal = explorer_statistics(distribution="normal", depth=5, width=256)
    uniform = explorer_statistics(distribution="uniform", depth=5, width=256)
    assert abs(normal[0]["std"] / uniform[0]["std"] - 1) < 0.1


def test_train_button_trains_with_visible_progress(app):
    seen = []
    app.progress.observe(lambda change: seen.append(change["new"]), names="value")
    app.controls["initialization"].value = "he"
    app.train_button.click()
    result, train_acc, test_acc = app.last_train
    assert seen[-1] == TRAIN_ITERATIONS and len(seen) > 10  # it moved step by step
    assert train_acc > 0.9 and "train accuracy" in app.train_result.value
    assert app.train_image.value


def test_train_button_reports_divergence_instead_of_crashing(app, monkeypatch):
    import initlib.explorer_widgets as module

    def diverge(*args, **kwargs):
        raise module.TrainingDiverged(3, "training diverged at iteration 3: test")

    monkeypatch.setattr(module, "train", diverge)
    app.train_button.click()
    assert "diverged at iteration 3" in app.train_result.value
    assert app.train_button.disabled is False


# ---- the explorer tells the truth in every setting ---------------------------------------

def test_the_scale_control_says_what_it_is_for_each_initialization(app):
    scale = app.controls["scale"]
    assert scale.disabled and "not used" in app.scale_hint.value  # He computes its own std
    app.controls["initialization"].value = "orthogonal"
    assert (scale.description, scale.disabled) == ("gain", False)
    assert scale.value == pytest.approx(np.sqrt(2)) and "gain" in app.scale_hint.value
    assert 0.1 < ratio_last_first(app.stats) < 10  # not a gain of 0.01: the signal lives
    app.controls["initialization"].value = "random"
    assert (scale.description, scale.value) == ("std", 0.01)
    scale.value = 0.5
    app.controls["initialization"].value = "constant"
    assert (scale.description, scale.value) == ("value", 0.01)
    app.controls["initialization"].value = "he"
    assert scale.disabled and app.settings().scale is None
    app.controls["initialization"].value = "random"  # each initialization keeps its own scale
    assert scale.value == pytest.approx(0.5) and app.settings().scale == pytest.approx(0.5)
    assert "std 0.5" in app.description.value


def test_changing_the_initialization_updates_once(app, monkeypatch):
    import initlib.explorer_widgets as module

    calls = []
    original = module.explorer_statistics
    monkeypatch.setattr(module, "explorer_statistics",
                        lambda **s: calls.append(s) or original(**s))
    app.controls["initialization"].value = "orthogonal"  # moves the scale control too
    assert len(calls) == 1 and calls[0]["scale"] == pytest.approx(np.sqrt(2))


def test_the_functions_use_each_initializations_own_scale():
    assert Settings(initialization="orthogonal").scale_used == pytest.approx(np.sqrt(2))
    assert Settings(initialization="he", scale=0.3).scale_used is None
    stats = explorer_statistics(initialization="orthogonal", depth=20, width=64)
    assert 0.1 < ratio_last_first(stats) < 10
    assert explorer(initialization="orthogonal", scale=0.5).controls["scale"].value == 0.5


def test_constant_initialization_shows_identical_units(app):
    hist = app.view.axes[1, 1]
    assert all(r["distinct"] == 64 for r in app.stats) and hist.get_title() == ""
    assert "distinct unit" not in app.summary.value
    app.controls["initialization"].value = "constant"
    assert all(r["distinct"] == 1 for r in app.stats)
    assert "1 distinct unit out of 64" in app.summary.value
    assert "all 64 units are identical" in hist.get_title()
    assert "1 distinct unit out of 64" in app.description.value


def test_the_backward_panel_shows_dz_as_well_as_dw(app):
    app.controls["initialization"].value = "random"  # dW flat, dZ collapsing
    view = app.view
    assert [line.get_label() for line in view.axes[0, 1].get_lines()] == ["|dW|", "|dZ|"]
    np.testing.assert_allclose(view.dz_line.get_ydata(), [r["error_norm"] for r in app.stats])
    np.testing.assert_allclose(view.dw_line.get_ydata(), [r["grad_norm"] for r in app.stats])
    assert "error signal dZ" in app.description.value


def test_the_figure_has_a_description_that_follows_it(app):
    import html
    import re

    before = app.description.value
    alt = html.unescape(re.search(r'alt="([^"]*)"', app.image.value)[1])
    assert alt.startswith("Four panels") and alt in html.unescape(before)
    assert "he, normal, 10 layers x 64 relu units" in alt
    app.controls["depth"].value = 12
    assert app.description.value != before and "layer 1 to 12" in app.description.value
    assert "layer 1 to 12" in html.unescape(app.image.value)


def drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig.canvas.get_renderer()


def tick_labels(ax):
    low, high = sorted(ax.get_ylim())
    return [t.get_text() for t in ax.yaxis.get_ticklabels()
            if low <= t.get_position()[1] <= high]


def legend_beside(ax, renderer):
    return not ax.get_legend().get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))


def shaded(ax):
    from matplotlib.contour import ContourSet

    return any(isinstance(c, ContourSet) for c in ax.collections)


def test_a_network_that_answers_one_half_gets_no_boundary(app):
    app.controls["initialization"].value = "constant"  # value 0.01
    app.train_button.click()
    result, train_acc, _ = app.last_train
    assert "no decision boundary" in app.train_result.value
    assert "within 9e-06 of 0.5" in app.train_result.value
    cost, plane = app.train_figure.axes
    assert not shaded(plane) and plane.get_title().startswith("No decision boundary")
    renderer = drawn(app.train_figure)
    labels = tick_labels(cost)
    assert len(labels) >= 3 and len(set(labels)) == len(labels), labels  # not 8 x "6.93e-1"
    assert cost.get_yscale() == "linear"
    assert legend_beside(plane, renderer)
    assert "no decision boundary" in app.train_description.value
    assert 'alt="Two panels' in app.train_image.value


def test_a_trained_network_gets_its_boundary_and_a_log_cost_axis(app):
    app.train_button.click()  # He
    cost, plane = app.train_figure.axes
    assert shaded(plane) and "no decision boundary" not in app.train_result.value
    renderer = drawn(app.train_figure)
    assert cost.get_yscale() == "log" and legend_beside(plane, renderer)
    labels = tick_labels(cost)
    assert labels and len(set(labels)) == len(labels), labels
    assert "shaded by the class" in app.train_description.value


@pytest.mark.parametrize("costs, scale", [([0.6931472, 0.6931470, 0.6931469], "linear"),
                                          ([0.7, 0.5, 0.3], "linear"),
                                          ([1.4, 0.2, 0.01], "log")])
def test_cost_ticks_are_distinct_however_little_the_cost_moves(costs, scale):
    from matplotlib.figure import Figure

    from initlib.explorer_view import readable_cost_axis

    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1, 2], costs)
    ax.set_yscale("log")
    readable_cost_axis(ax, costs)
    drawn(fig)
    labels = tick_labels(ax)
    assert ax.get_yscale() == scale and len(labels) >= 2 and len(set(labels)) == len(labels)


def test_the_static_view_has_the_same_description_as_the_live_one():
    from initlib.interactive import explorer_view_description

    app = explorer(initialization="random", depth=6, width=32)
    text = explorer_view_description(initialization="random", depth=6, width=32)
    assert text.startswith("Four panels against layer 1 to 6, for random (std 0.01)")
    assert f"Figure: {text}".replace("'", "&#x27;") in app.description.value


@pytest.mark.parametrize("settings", [dict(initialization="zeros"),
                                      dict(initialization="constant"),
                                      dict(initialization="random", scale=0.5, depth=12)])
def test_no_title_or_axis_label_of_the_static_view_covers_another(settings):
    import matplotlib.pyplot as plt

    from initlib.explorer_view import plot_explorer_view

    fig = plot_explorer_view(**settings)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    texts = [t for ax in fig.axes for t in (ax.title, ax.xaxis.label, ax.yaxis.label)]
    boxes = [(t.get_text(), t.get_window_extent(renderer))
             for t in texts + [fig._suptitle] if t is not None and t.get_text()]
    plt.close(fig)
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1:]:
            assert not box.overlaps(other_box), (text, other)
