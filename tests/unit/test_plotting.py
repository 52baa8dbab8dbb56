"""Every plotting helper draws with a title, labelled axes and a legend beside the data, and
tells its series apart by more than colour."""

import base64
import html.parser

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import initlib  # noqa: E402
from initlib import plotting  # noqa: E402


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


def test_show_figure_shows_an_img_that_carries_its_alt_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    initlib.show_figure(' A line from (0, 0) to (1, 1): "y = x" & <nothing> else. ', fig)
    (bundle,), kwargs = shown[0]
    assert kwargs == {"raw": True}
    assert set(bundle) == {"text/html", "text/plain"}  # the PNG is stored once, in the <img>
    alt = 'A line from (0, 0) to (1, 1): "y = x" & <nothing> else.'
    assert bundle["text/plain"] == f"Figure: {alt}"
    # what a browser (JupyterLab, the website) reads: one <img>, its alt the whole description
    parser = ImageParser()
    parser.feed(bundle["text/html"])
    ((src, found),) = parser.images
    assert found == alt
    assert base64.b64decode(src.removeprefix("data:image/png;base64,"))[:8] == b"\x89PNG\r\n\x1a\n"
    assert not plt.get_fignums()  # the figure is closed, so the inline backend does not repeat it
    with pytest.raises(TypeError, match="alt"):
        initlib.show_figure("  ")


class ImageParser(html.parser.HTMLParser):
    """The (src, alt) of each <img> of an HTML text, as a browser reads its attributes."""

    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append((dict(attrs)["src"], dict(attrs).get("alt")))


def shown_png(bundle):
    """The PNG bytes of a figure ``show_figure`` displayed."""
    parser = ImageParser()
    parser.feed(bundle["text/html"])
    return base64.b64decode(parser.images[0][0].removeprefix("data:image/png;base64,"))


def series_styles(ax):
    """(colour, marker, line style) of each labelled series of ``ax``: lines and histograms."""
    styles = {}
    for line in ax.get_lines():
        if not line.get_label().startswith("_"):
            styles[line.get_label()] = (line.get_color(), line.get_marker(),
                                        str(line.get_linestyle()))
    for patch in ax.patches:
        if not patch.get_label().startswith("_") and patch.get_fill() is False:
            styles[patch.get_label()] = (str(patch.get_edgecolor()), None,
                                         str(patch.get_linestyle()))
    return styles


def test_every_series_differs_by_more_than_colour(circles):
    X, Y, _, _ = circles
    runs = {name: initlib.train(X, Y, [2, 5, 1], name, rng=0, num_iterations=40,
                                record_every=10)
            for name in ["zeros", "lecun", "xavier", "he", "random"]}
    deep = {name: initlib.layer_statistics(X, initlib.initialize_parameters(
        [2, 8, 8, 8, 1], name, rng=0)) for name in ["lecun", "xavier", "he"]}
    seeds = {name: [initlib.layer_statistics(X, initlib.initialize_parameters(
        [2, 8, 8, 1], name, rng=seed)) for seed in range(3)] for name in ["xavier", "he"]}
    params = initlib.initialize_parameters([2, 8, 8, 8, 1], "he", rng=0)
    axes = {
        "costs": initlib.plot_costs(runs),
        "layer stats": initlib.plot_layer_stats(deep),
        "layer stats over seeds": initlib.plot_layer_stats(seeds),
        "histograms": initlib.plot_layer_histograms(X, params, layers=[1, 2, 3]),
    }
    for what, ax in axes.items():
        styles = series_styles(ax)
        assert len(styles) >= 2, what
        colours = [c for c, _, _ in styles.values()]
        shapes = [(m, ls) for _, m, ls in styles.values()]
        assert len(set(colours)) == len(styles), what
        assert len(set(shapes)) == len(styles), f"{what}: told apart by colour alone"
    # the seeds of one setting share its style; the settings differ
    lines = axes["layer stats over seeds"].get_lines()
    assert len({(ln.get_color(), ln.get_marker()) for ln in lines}) == 2
    # a second call on the same axes goes on with the next styles
    ax = initlib.plot_costs({"he": runs["he"]})
    initlib.plot_costs({"xavier": runs["xavier"]}, ax=ax)
    assert len(set(series_styles(ax).values())) == 2
    # the two classes: a colour and a marker each
    ax = initlib.plot_dataset(X, Y)
    classes = [(str(c.get_facecolor()[0]), c.get_paths()[0].vertices.shape)
               for c in ax.collections]
    assert len(set(classes)) == 2 and classes[0][1] != classes[1][1]


def data_points(fig):
    """Display coordinates of every drawn data point of ``fig``: line vertices, scatter points."""
    points = []
    for ax in fig.axes:
        for line in ax.get_lines():
            xy = line.get_xydata()
            points.append(ax.transData.transform(xy[np.isfinite(xy).all(axis=1)]))
        for collection in ax.collections:
            offsets = collection.get_offsets()
            if len(offsets):
                points.append(ax.transData.transform(offsets))
    return np.vstack(points)


@pytest.mark.parametrize("layout", ["one axes", "three panels, tight_layout"])
def test_legends_cover_no_data(circles, layout):
    X, Y, _, _ = circles
    params = initlib.initialize_parameters([2, 10, 5, 1], "he", rng=0)
    runs = {name: initlib.train(X, Y, [2, 5, 1], name, rng=0, num_iterations=40,
                                record_every=10) for name in ["he", "xavier", "random"]}
    draw = [
        lambda ax: initlib.plot_decision_boundary(params, X, Y, ax=ax, resolution=40),
        lambda ax: initlib.plot_costs(runs, ax=ax, log=True),
        lambda ax: initlib.plot_layer_stats({"he": initlib.layer_statistics(X, params)},
                                            ax=ax),
    ]
    figures = []
    if layout == "one axes":
        for plot in draw:
            fig, ax = plt.subplots()
            plot(ax)
            figures.append(fig)
    else:
        fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
        for plot, ax in zip(draw, axes, strict=True):
            plot(ax)
        fig.tight_layout()
        figures.append(fig)
    for fig in figures:
        fig.canvas.draw()
        points = data_points(fig)
        for ax in fig.axes:
            box = ax.get_legend().get_window_extent()
            inside = ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                      & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1))
            assert not inside.any(), f"{ax.get_title()}: the legend covers {inside.sum()} points"
            for other in fig.axes:  # nor another panel
                assert not box.overlaps(other.get_window_extent()), ax.get_title()


def test_show_figure_keeps_a_legend_beside_the_axes(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot([0, 1], [0, 1], label="a long label beside the axes")
    plotting.legend_beside(ax)
    initlib.show_figure("A line, its legend to the right.", fig)
    png = shown_png(shown[0])
    width = int.from_bytes(png[16:20], "big")  # the PNG's IHDR chunk
    assert width > 4 * 100  # wider than the figure: the legend is in the picture


def test_every_series_differs_by_marker_and_line_style_not_colour_alone(circles):
    X, Y, _, _ = circles
    runs = [initlib.train(X, Y, [2, 3, 1], rng=seed, num_iterations=20, record_every=10)
            for seed in range(3)]
    ax = initlib.plot_costs({"one": runs[0], "seeds": runs[1:]})
    lines = ax.get_lines()
    assert [line.get_label() for line in lines][:2] == ["one", "seeds"]
    one, *seeds = lines
    assert len({(s.get_marker(), str(s.get_linestyle())) for s in seeds}) == 1  # one style
    assert (one.get_marker(), one.get_linestyle()) != (seeds[0].get_marker(),
                                                       seeds[0].get_linestyle())
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["one", "seeds"]
    ax = plotting.plot_histograms({"a": np.arange(10.0), "b": np.ones((2, 5))}, xlabel="w")
    outlines = [patch.get_linestyle() for patch in ax.patches]
    assert len(set(outlines)) == 2 and labelled(ax)
    styles = [plotting.series_style(i) for i in range(len(plotting.COLOURS))]
    assert len({s["marker"] for s in styles}) == len({str(s["linestyle"]) for s in styles}) \
        == len(styles)


def test_the_explorer_figure_says_its_trend_and_its_numbers():
    from initlib.interactive import explorer_statistics, explorer_view_description

    he = explorer_view_description(initialization="he", depth=20, width=32, rng=0)
    small = explorer_view_description(initialization="random", scale=0.01, depth=20, width=32,
                                      rng=0)
    stats = explorer_statistics(initialization="random", scale=0.01, depth=20, width=32, rng=0)
    assert "the signal stays within a factor of 2" in he
    shrink = stats[0]["std"] / stats[-1]["std"]
    assert f"the signal shrinks by a factor of {shrink:.2g}" in small
    assert f"{stats[-1]['std']:.3g} at layer 20" in small
    assert "median |activation| is" in small and "Four panels" in small


def test_show_figure_makes_room_for_a_legend_that_covers_the_next_panel(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3), dpi=100)
    left.plot([0, 1], [0, 1], label="random 0.01, a long label")
    right.plot([0, 1], [1, 0], label="he")
    plotting.legend_beside(left)
    plotting.legend_beside(right)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = left.get_legend().get_window_extent(renderer)
    assert box.overlaps(right.get_window_extent(renderer))  # as drawn: the legend is covered
    assert plotting.uncover_legends(fig)
    fig.canvas.draw()
    box = left.get_legend().get_window_extent(renderer)
    assert not box.overlaps(right.get_window_extent(renderer))
    assert not box.overlaps(right.yaxis.get_tightbbox(renderer))  # nor its tick labels
    assert not plotting.uncover_legends(fig)  # laid out once, nothing more to do
    initlib.show_figure("Two lines, each legend beside its panel.", fig)
    assert shown
