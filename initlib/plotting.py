"""The figures the notebooks draw, each with a title, labelled axes and a legend.

Every function draws on the ``ax`` it is given (or a new one) and returns it, for ``plt.subplots``.

The course's figures are readable by everyone: colours that stay apart under the common kinds
of colour blindness (Okabe and Ito's palette, Tol's wine and indigo), a marker and a line style
with every colour so that no line is told apart by colour alone, text (exponents too) of at
least ``MIN_TEXT_PX`` pixels, legends beside or below the data rather than on it, and a text
alternative for each figure (``show_figure``). ``matplotlib.pyplot`` loads on the first call.
"""

import base64
import html
import io

import numpy as np

from .network import forward, predict

# Okabe & Ito's colour-blind-safe palette (its yellow is too pale on white), then Tol's wine and
# indigo: blue, vermillion, bluish green, reddish purple, orange, black, sky blue, wine, indigo.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#000000", "#56B4E9",
           "#882255", "#332288")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "*")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)),
              (0, (8, 2)), (0, (5, 2, 1, 2, 1, 2)))
DPI = 100
MIN_TEXT_PX = 11  # the smallest text a figure may show, in pixels of its PNG


def _pyplot():
    """``matplotlib.pyplot``, imported on first use."""
    import matplotlib.pyplot as plt

    return plt


def use_course_style():
    """The look of notebooks 01, 02, 03, 04, 05, 06: readable text, colour-blind-safe lines.

    At 100 dpi a point is 100/72 pixels, so the smallest text (9 pt: ticks, legends) is
    12.5 px and the rest (10 pt and more) at least 13.9 px. Each line of a plot gets the next
    (colour, marker, line style) of ``COLOURS``, ``MARKERS`` and ``LINESTYLES``.
    """
    from cycler import cycler

    _pyplot().rcParams.update({
        "figure.figsize": (5.5, 3.6), "figure.dpi": DPI, "savefig.dpi": DPI,
        "axes.grid": True, "grid.alpha": 0.3, "lines.markersize": 5, "legend.loc": "best",
        "font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10, "figure.titlesize": 11,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9,
        "legend.title_fontsize": 9,
        "axes.prop_cycle": (cycler(color=COLOURS) + cycler(marker=MARKERS)
                            + cycler(linestyle=LINESTYLES)),
    })


def small_text(fig, min_px=MIN_TEXT_PX):
    """The visible texts of ``fig`` drawn smaller than ``min_px`` pixels, as (text, px) pairs.
    A font size in points is ``fig.dpi / 72`` pixels per point in the figure's PNG. In a
    formula with an exponent (``$10^{-2}$``) the exponent counts, drawn at 70% of the size.
    """
    from matplotlib.mathtext import MathTextParser
    from matplotlib.text import Text

    fig.canvas.draw()  # tick labels get their text when drawn
    found = []
    for text in fig.findobj(Text):
        string, points = text.get_text(), text.get_fontsize()
        if "^" in string and string.count("$") >= 2:  # the smallest glyph of the formula
            parsed = MathTextParser("path").parse(string, 72, text.get_fontproperties())
            points = min((glyph[1] for glyph in parsed.glyphs), default=points)
        px = points * fig.dpi / 72
        if text.get_visible() and string.strip() and px < min_px - 1e-9:
            found.append((string, round(px, 1)))
    return found


def plain_log_labels(fig):
    """Label ``fig``'s log axes with plain numbers (0.01, 1e-5) where matplotlib writes
    ``10^{-2}``, whose exponent is 70% of the tick labels' size (8.8 px in the course's style).
    ``show_figure`` does it for every figure; the ticks stay where they were."""
    from matplotlib.ticker import LogFormatter, LogFormatterMathtext

    class PlainLogFormatter(LogFormatter):
        def _num_to_string(self, x, vmin, vmax):
            plain = f"{x:g}" if 1e-3 <= abs(x) < 1e4 else f"{x:.0e}"
            return plain.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")

    for axis in (axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)):
        for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                         (axis.get_minor_formatter, axis.set_minor_formatter)):
            old = get()
            if isinstance(old, LogFormatterMathtext):
                put(PlainLogFormatter(base=getattr(old, "_base", 10),
                                      labelOnlyBase=old.labelOnlyBase,
                                      minor_thresholds=old.minor_thresholds,
                                      linthresh=getattr(old, "_linthresh", None)))


def uncover_legends(fig):
    """Lay ``fig`` out again (matplotlib's constrained layout) if a legend covers another
    panel or its tick labels, as one beside the left panel of a row does unless made room for.
    Returns whether it did; ``show_figure`` calls it for every figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(ax, ax.get_legend().get_window_extent(renderer)) for ax in fig.axes
             if ax.get_legend() is not None and ax.get_legend().get_visible()]
    covered = any(box.overlaps(area) for ax, box in boxes for other in fig.axes  # not a twin:
                  if other.get_position().bounds != ax.get_position().bounds
                  for area in (other.get_window_extent(renderer),
                               other.yaxis.get_tightbbox(renderer)) if area is not None)
    if covered:
        fig.set_layout_engine("constrained")
    return covered


def show_figure(alt, fig=None):
    """Show ``fig`` (default: the current figure) as a PNG described by ``alt``, then close it
    (notebooks 01, 02, 03, 04, 05 and 06).

    ``alt`` is the figure's text alternative: the kind of chart, its axes, the trend and the
    numbers a sighted reader takes from it. The output is an HTML ``<img>`` holding the PNG and
    ``alt``, so the description reaches the page in JupyterLab (whose PNG renderer drops an alt
    kept in metadata), nbconvert and the website; its plain text is the description too (not
    ``<Figure size ...>``). Every notebook ends a plotting cell with this, not ``plt.show()``.

    The PNG is cut to what the figure draws, legends beside the axes included; log axes get
    plain labels (``plain_log_labels``) and covered legends room (``uncover_legends``). A
    figure with text under ``MIN_TEXT_PX`` pixels is refused (ValueError naming the text).
    """
    if not isinstance(alt, str) or not alt.strip():
        raise TypeError(f"alt must be a non-empty string describing the figure, got {alt!r}")
    plt = _pyplot()
    fig = plt.gcf() if fig is None else fig
    try:
        plain_log_labels(fig)
        uncover_legends(fig)
        tiny = small_text(fig)
        if tiny:
            text, px = tiny[0]
            raise ValueError(f"the figure's text {text!r} is {px} px high, and "
                             f"{len(tiny)} text(s) in all are under {MIN_TEXT_PX} px: "
                             f"use a font size of at least {72 * MIN_TEXT_PX / fig.dpi:.1f} pt "
                             f"at the figure's {fig.dpi:g} dpi")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight", pad_inches=0.05,
                    metadata={"Software": None})
    finally:
        plt.close(fig)
    from IPython.display import display

    display(figure_bundle(buffer.getvalue(), alt), raw=True)


def figure_bundle(png, alt):
    """The display data of a figure: ``png`` (bytes) as an HTML ``<img>`` with ``alt``, and
    ``alt`` as plain text (``{"text/html": ..., "text/plain": "Figure: ..."}``)."""
    alt = alt.strip()
    data = base64.b64encode(png).decode("ascii")
    return {"text/html": f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">',
            "text/plain": f"Figure: {alt}"}


def _axis(ax):
    """``ax``, or the axes of a new figure when ``ax`` is None."""
    return _pyplot().subplots()[1] if ax is None else ax


def legend_beside(ax, **kwargs):
    """Put ``ax``'s legend to the right of its axes, where it covers no data (every helper
    here does; notebook 02 uses it for its own plots)."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, **kwargs)


def series_style(i):
    """The i-th series' (colour, marker, line style), as ``plot`` keyword arguments: the
    course style's cycle, so the lines of one series (the seeds of a setting) share one style.
    Every helper below takes its styles from here; notebooks 05 and 06 use it for theirs."""
    n = len(COLOURS)
    return dict(color=COLOURS[i % n], marker=MARKERS[i % n], linestyle=LINESTYLES[i % n])


def _markevery(n_points):
    """About a dozen markers on a long line, one per point on a short one."""
    return max(1, n_points // 12)


def _labelled_lines(ax):
    """How many labelled series ``ax`` already holds (the next series takes the next style)."""
    return sum(not line.get_label().startswith("_") for line in ax.get_lines())


# the two classes: colour and marker of each, and the light tint that shades its region
CLASS_STYLE = {0: dict(color=COLOURS[0], marker="o"), 1: dict(color=COLOURS[1], marker="s")}
CLASS_TINT = {0: "#c4dcec", 1: "#f5d0b5"}


def plot_dataset(X, Y, ax=None, title="The circles dataset"):
    """Scatter plot of 2-d points ``X`` (2, m), one colour and marker per label ``Y`` (1, m).
    Used by notebooks 01 and 04, and under every decision boundary."""
    ax = _axis(ax)
    for label, style in CLASS_STYLE.items():
        mask = Y[0] == label
        ax.scatter(X[0, mask], X[1, mask], s=14, c=style["color"], marker=style["marker"],
                   edgecolors="white", linewidths=0.4, label=f"class {label}")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
    ax.set_aspect("equal")
    legend_beside(ax)
    return ax


def plot_decision_boundary(params, X, Y, ax=None, title="Decision boundary",
                           hidden_activation="relu", resolution=200):
    """Shade the plane by the class the network predicts, with the points on top; class 1's
    region is hatched too, so the two differ without colour. Notebooks 01, 02, 03 and 04."""
    ax = _axis(ax)
    pad = 0.3
    x1 = np.linspace(X[0].min() - pad, X[0].max() + pad, resolution)
    x2 = np.linspace(X[1].min() - pad, X[1].max() + pad, resolution)
    G1, G2 = np.meshgrid(x1, x2)
    grid = np.vstack([G1.ravel(), G2.ravel()])
    P = predict(params, grid, hidden_activation).reshape(G1.shape)
    hatches = (None, "..")
    ax.contourf(G1, G2, P, levels=[-0.5, 0.5, 1.5], colors=[CLASS_TINT[0], CLASS_TINT[1]],
                hatches=hatches)
    for label, hatch in zip((0, 1), hatches, strict=True):  # legend entries for the shading
        ax.fill([], [], facecolor=CLASS_TINT[label], hatch=hatch, label=f"predicted {label}")
    plot_dataset(X, Y, ax=ax, title=title)
    return ax


def plot_costs(results, ax=None, title="Cost during training", log=False):
    """Cost curves of ``TrainResult`` objects, ``{label: result}``: notebooks 01, 02, 03, 04.

    A label may also map to a list of results (the seeds of one setting): they are drawn as
    thin lines of one style with one legend entry. The costs plotted are the logit-based
    ones, which stay finite when the sigmoid saturates. Each label has its own colour, marker
    and line style.
    """
    ax = _axis(ax)
    start = _labelled_lines(ax)
    for k, (label, runs) in enumerate(results.items()):
        runs = runs if isinstance(runs, (list, tuple)) else [runs]
        width = {} if len(runs) == 1 else dict(linewidth=0.9, markersize=3)
        for i, result in enumerate(runs):
            ax.plot(result.iterations, result.costs, label=label if i == 0 else None,
                    markevery=_markevery(len(result.costs)), **series_style(start + k), **width)
    ax.set(xlabel="iteration", ylabel="cost (cross-entropy from logits)", title=title)
    if log:
        ax.set_yscale("log")
    legend_beside(ax)
    return ax


def plot_layer_stats(stats_by_label, key="std", ax=None, title=None, log=True, ylabel=None):
    """A per-layer statistic from ``layer_statistics`` against depth, one style per setting.
    ``stats_by_label`` maps a label to one network's statistics (a list of dicts), or to a
    list of several networks' statistics (drawn as thin lines of one style, e.g. seeds).
    Used by notebooks 02 and 03.
    """
    ax = _axis(ax)
    start = _labelled_lines(ax)
    for k, (label, stats) in enumerate(stats_by_label.items()):
        runs = stats if isinstance(stats[0], list) else [stats]
        for i, run in enumerate(runs):
            layers = [row["layer"] for row in run]
            values = [row[key] for row in run]
            width = dict(markersize=4) if len(runs) == 1 else dict(linewidth=0.9, markersize=3)
            ax.plot(layers, values, label=label if i == 0 else None,
                    markevery=_markevery(len(layers)), **series_style(start + k), **width)
    ax.set(xlabel="layer", ylabel=ylabel or key, title=title or f"{key} per layer")
    if log:
        ax.set_yscale("log")
    legend_beside(ax)
    return ax


def plot_histograms(values_by_label, ax=None, title="Histograms", xlabel="value", bins=40):
    """Overlaid outlined histograms (densities), one colour and line style per label.
    ``values_by_label`` maps a label to an array of values of any shape. Used by notebook 03
    (the weights of He normal and He uniform) and by ``plot_layer_histograms``.
    """
    ax = _axis(ax)
    for i, (label, values) in enumerate(values_by_label.items()):
        style = series_style(i)
        ax.hist(np.ravel(values), bins=bins, histtype="step", density=True, linewidth=1.5,
                color=style["color"], linestyle=style["linestyle"], label=label)
    ax.set(xlabel=xlabel, ylabel="density", title=title)
    legend_beside(ax)
    return ax


def plot_layer_histograms(X, params, layers, ax=None, hidden_activation="relu",
                          title="Activations per layer", bins=40):
    """Overlaid histograms of the activations A_l of the chosen ``layers``, one line style each.
    X is (n_0, m). Used by notebook 02."""
    _, cache = forward(X, params, hidden_activation)
    return plot_histograms({f"layer {l}": cache["A"][l] for l in layers}, ax=ax, title=title,
                           xlabel="activation value", bins=bins)
