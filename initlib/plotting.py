"""The figures the notebooks draw, each with a title, labelled axes and a legend.

Every function draws on the ``ax`` it is given (or a new one) and returns it, for ``plt.subplots``.

The course's figures are readable by everyone: colours that stay apart under the common kinds
of colour blindness (Okabe and Ito's palette, Tol's wine and indigo), a marker and a line style
with every colour so that no line is told apart by colour alone, text (exponents too) of at
least ``MIN_TEXT_PX`` pixels, legends beside or below the data rather than on it, and a text
alternative for each figure (``show_figure``). ``matplotlib.pyplot`` loads on the first call.
"""


import numpy as np

from .figure_output import (  # noqa: F401  (part of this module's interface)
    MIN_TEXT_PX,
    figure_bundle,
    plain_log_labels,
    show_figure,
    small_text,
    uncover_legends,
)
from .network import forward, predict

# Okabe & Ito's colour-blind-safe palette (its yellow is too pale on white), then Tol's wine and
# indigo: blue, vermillion, bluish green, reddish purple, orange, black, sky blue, wine, indigo.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#000000", "#56B4E9",
           "#882255", "#332288")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "*")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)),
              (0, (8, 2)), (0, (5, 2, 1, 2, 1, 2)))
DPI = 100


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
