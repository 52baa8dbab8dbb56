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
    import initlib.interactive as module

    def diverge(*args, **kwargs):
        raise module.TrainingDiverged(3, "training diverged at iteration 3: test")

    monkeypatch.setattr(module, "train", diverge)
    app.train_button.click()
    assert "diverged at iteration 3" in app.train_result.value
    assert app.train_button.disabled is False
