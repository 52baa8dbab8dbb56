"""The course's figures are readable with colour blindness and at their display size.

Colour-vision deficiency is simulated with Machado, Oliveira & Fernandes (2009), "A
physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6), at
full severity: a 3x3 matrix applied to linear RGB. Two colours stay apart when their CIE76
distance (Delta E, Euclidean distance in CIELAB, D65 white) is at least 15 in the simulation.
"""

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

import initlib  # noqa: E402
from initlib import plotting  # noqa: E402

# Machado et al. 2009, Table 1, severity 1.0 (rows: output R, G, B; columns: input R, G, B)
MACHADO_2009 = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
D65 = np.array([0.95047, 1.0, 1.08883])
MIN_DELTA_E = 15


def linear_rgb(colour):
    c = np.array(to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def cielab(rgb_linear):
    t = SRGB_TO_XYZ @ rgb_linear / D65
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_with(deficiency, colour):
    """The CIELAB colour that ``colour`` looks like with full-severity ``deficiency``."""
    return cielab(np.clip(MACHADO_2009[deficiency] @ linear_rgb(colour), 0, 1))


def closest_pair(colours, deficiency):
    """The smallest CIE76 Delta E between any two of ``colours`` as seen with ``deficiency``."""
    seen = [seen_with(deficiency, c) for c in colours]
    return min(np.linalg.norm(a - b) for a, b in itertools.combinations(seen, 2))


def cycle_colours():
    return plt.rcParams["axes.prop_cycle"].by_key()["color"]


@pytest.fixture
def course_style():
    with plt.rc_context():
        initlib.use_course_style()
        yield
    plt.close("all")


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_the_simulation_reproduces_published_figures(deficiency):
    # matplotlib's tab10 fails (4.6 with protanopia), tableau-colorblind10 passes (about 20)
    tab10 = [matplotlib.colormaps["tab10"](i) for i in range(6)]
    cb10 = matplotlib.style.library["tableau-colorblind10"]["axes.prop_cycle"]
    cb10 = cb10.by_key()["color"][:6]
    expected_tab10 = {"protanopia": 4.6, "deuteranopia": 7.3}[deficiency]
    assert closest_pair(tab10, deficiency) == pytest.approx(expected_tab10, abs=0.05)
    assert closest_pair(cb10, deficiency) == pytest.approx(20.6, abs=0.7)
    # a colour and itself: 0; black and white: 100 whatever the deficiency
    assert np.linalg.norm(seen_with(deficiency, "k") - seen_with(deficiency, "w")) == \
        pytest.approx(100, abs=0.01)


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_every_colour_of_the_cycle_stays_apart(course_style, deficiency):
    colours = cycle_colours()  # nine: a figure of notebook 06 draws eight series
    assert len(set(colours)) == len(plotting.COLOURS) == 9
    assert closest_pair(colours, deficiency) >= MIN_DELTA_E


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_the_two_classes_and_their_regions_stay_apart(deficiency):
    points = [plotting.CLASS_STYLE[label]["color"] for label in (0, 1)]
    regions = [plotting.CLASS_TINT[label] for label in (0, 1)]
    assert closest_pair(points, deficiency) >= MIN_DELTA_E
    assert closest_pair(regions, deficiency) >= MIN_DELTA_E / 2  # and the hatching differs


def test_colour_is_never_alone(course_style):
    cycle = plt.rcParams["axes.prop_cycle"].by_key()
    n = len(cycle["color"])
    assert len(set(cycle["marker"])) == n
    assert len({str(style) for style in cycle["linestyle"]}) == n


def px(points):
    return points * plt.rcParams["figure.dpi"] / 72


def test_every_text_size_of_the_style_is_at_least_11_px(course_style):
    assert plt.rcParams["figure.dpi"] == plt.rcParams["savefig.dpi"]
    keys = ["font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
            "ytick.labelsize", "legend.fontsize", "legend.title_fontsize", "figure.titlesize"]
    for key in keys:
        size = FontProperties(size=plt.rcParams[key]).get_size_in_points()
        assert px(size) >= plotting.MIN_TEXT_PX, (key, size, px(size))


def test_the_course_figures_have_no_text_under_11_px(course_style, circles):
    X, Y, _, _ = circles
    params = initlib.initialize_parameters([2, 10, 5, 1], "he", rng=0)
    result = initlib.train(X, Y, [2, 10, 5, 1], rng=0, num_iterations=100, record_every=50)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    initlib.plot_decision_boundary(params, X, Y, ax=axes[0], resolution=40)
    initlib.plot_costs({"he": result}, ax=axes[1], log=True)
    initlib.plot_layer_stats({"he": initlib.layer_statistics(X, params)}, ax=axes[2])
    fig.suptitle("three panels")
    fig.tight_layout()
    plotting.plain_log_labels(fig)  # as show_figure does: 10^x's exponent would be 8.8 px
    assert plotting.small_text(fig) == []


def test_the_explorer_view_has_no_text_under_11_px(course_style):
    # initlib/interactive.py draws this figure itself; notebook 04 shows it with show_figure
    assert plotting.small_text(initlib.plot_explorer_view(depth=4, width=8)) == []


def test_show_figure_refuses_text_under_11_px(course_style, monkeypatch):
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend(fontsize=7)  # 7 pt at 100 dpi: 9.7 px
    assert plotting.small_text(fig) == [("a line", 9.7)]
    with pytest.raises(ValueError, match=r"'a line' is 9.7 px.*at least 7.9 pt"):
        initlib.show_figure("A line and its legend.", fig)
    assert not plt.get_fignums()  # closed all the same


def test_the_explorer_draws_in_the_course_palette(course_style):
    fig = initlib.plot_explorer_view(depth=4, width=8)
    colours = {to_rgb(line.get_color()) for ax in fig.axes for line in ax.get_lines()}
    assert colours and colours <= {to_rgb(c) for c in plotting.COLOURS}, colours
    backward = fig.axes[1].get_lines()  # |dW| and |dZ| share a panel: two colours, two markers
    assert len({line.get_color() for line in backward}) == 2
    assert len({line.get_marker() for line in backward}) == 2


def test_an_exponent_under_11_px_counts_as_small_text(course_style):
    fig, ax = plt.subplots()
    ax.set_title("$10^{-2}$", fontsize=10)  # the exponent at 70%: 9.7 px
    assert ("$10^{-2}$", 9.7) in plotting.small_text(fig)
    plt.close(fig)


def test_log_axes_get_plain_labels_whose_exponents_are_readable(course_style, monkeypatch):
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1e-5, 1e-2, 1e3])
    ax.set_yscale("log")
    assert any(px < plotting.MIN_TEXT_PX for _, px in plotting.small_text(fig))  # 8.8 px
    plotting.plain_log_labels(fig)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "0.01" in labels and "1" in labels and "1000" in labels, labels
    assert not any("$" in label for label in labels)
    assert plotting.small_text(fig) == []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1e-6, 1])
    ax.set_xscale("log")
    initlib.show_figure("A line on log axes.", fig)  # would be refused with 10^x labels
