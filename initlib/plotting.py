"""The figures the notebooks draw, each with a title, labelled axes and a legend.

Every function draws on the matplotlib ``ax`` it is given (or on a new one) and returns it, so
figures can be combined with ``plt.subplots``.

``matplotlib.pyplot`` is imported on the first call, not with ``initlib``: a script that only
trains networks does not pay for it.
"""

import base64
import io

import numpy as np

from .network import forward, predict


def _pyplot():
    """``matplotlib.pyplot``, imported on first use."""
    import matplotlib.pyplot as plt

    return plt


def use_course_style():
    """Small, light PNG figures: the look every notebook uses."""
    _pyplot().rcParams.update(
        {
            "figure.figsize": (5.5, 3.6),
            "figure.dpi": 80,
            "savefig.dpi": 80,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 9,
            "legend.fontsize": 8,
        }
    )


def show_figure(alt, fig=None):
    """Show ``fig`` (default: the current figure) as a PNG described by ``alt``, then close it.

    ``alt`` is the figure's text alternative: what kind of chart it is, its axes, and the one
    thing to see. It is stored in the output's metadata, where exporters (nbconvert, the course's
    website) turn it into the image's HTML ``alt`` attribute, and it is also the output's plain
    text, so a screen reader or a terminal reads the description instead of
    ``<Figure size ...>``. Every notebook ends a plotting cell with this call instead of
    ``plt.show()``.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise TypeError(f"alt must be a non-empty string describing the figure, got {alt!r}")
    plt = _pyplot()
    fig = plt.gcf() if fig is None else fig
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    from IPython.display import display

    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    display(
        {"image/png": png, "text/plain": f"Figure: {alt.strip()}"},
        raw=True,
        metadata={"image/png": {"alt": alt.strip()}},
    )


def _axis(ax):
    """``ax``, or the axes of a new figure when ``ax`` is None."""
    return _pyplot().subplots()[1] if ax is None else ax


def plot_dataset(X, Y, ax=None, title="The circles dataset"):
    """Scatter plot of 2-d points ``X`` (2, m) coloured by label ``Y`` (1, m)."""
    ax = _axis(ax)
    for label, colour in ((0, "tab:red"), (1, "tab:blue")):
        mask = Y[0] == label
        ax.scatter(X[0, mask], X[1, mask], s=12, c=colour, edgecolors="k", linewidths=0.3,
                   label=f"class {label}")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
    ax.set_aspect("equal")
    ax.legend(loc="upper right")
    return ax


def plot_decision_boundary(params, X, Y, ax=None, title="Decision boundary",
                           hidden_activation="relu", resolution=200):
    """Shade the plane by the class the network predicts, with the points on top."""
    ax = _axis(ax)
    pad = 0.3
    x1 = np.linspace(X[0].min() - pad, X[0].max() + pad, resolution)
    x2 = np.linspace(X[1].min() - pad, X[1].max() + pad, resolution)
    G1, G2 = np.meshgrid(x1, x2)
    grid = np.vstack([G1.ravel(), G2.ravel()])
    P = predict(params, grid, hidden_activation).reshape(G1.shape)
    ax.contourf(G1, G2, P, levels=[-0.5, 0.5, 1.5], colors=["#f4c7c3", "#c6dbef"], alpha=0.8)
    for label, colour in ((0, "#f4c7c3"), (1, "#c6dbef")):  # legend entries for the shading
        ax.fill([], [], color=colour, label=f"predicted {label}")
    plot_dataset(X, Y, ax=ax, title=title)
    return ax


def plot_costs(results, ax=None, title="Cost during training", log=False):
    """Cost curves of several ``TrainResult`` objects, given as ``{label: result}``.

    The costs plotted are the logit-based ones, which stay finite when the sigmoid saturates.
    """
    ax = _axis(ax)
    for label, result in results.items():
        marker = "." if len(result.costs) <= 30 else None
        ax.plot(result.iterations, result.costs, marker=marker, label=label)
    ax.set(xlabel="iteration", ylabel="cost (cross-entropy from logits)", title=title)
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_layer_stats(stats_by_label, key="std", ax=None, title=None, log=True, ylabel=None):
    """A per-layer statistic from ``layer_statistics`` against depth, one colour per setting.

    ``stats_by_label`` maps a label to one network's statistics (a list of dicts), or to a
    list of several networks' statistics (drawn as thin lines of one colour, e.g. seeds).
    """
    ax = _axis(ax)
    for label, stats in stats_by_label.items():
        runs = stats if isinstance(stats[0], list) else [stats]
        colour = None
        for i, run in enumerate(runs):
            layers = [row["layer"] for row in run]
            values = [row[key] for row in run]
            style = dict(marker=".", markersize=4) if len(runs) == 1 else dict(linewidth=0.8)
            (line,) = ax.plot(layers, values, color=colour, label=label if i == 0 else None,
                              **style)
            colour = line.get_color()
    ax.set(xlabel="layer", ylabel=ylabel or key, title=title or f"{key} per layer")
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_layer_histograms(X, params, layers, ax=None, hidden_activation="relu",
                          title="Activations per layer", bins=40):
    """Overlaid histograms of the activations A_l of the chosen ``layers``."""
    ax = _axis(ax)
    _, cache = forward(X, params, hidden_activation)
    for l in layers:
        values = cache["A"][l].ravel()
        ax.hist(values, bins=bins, histtype="step", density=True, label=f"layer {l}")
    ax.set(xlabel="activation value", ylabel="density", title=title)
    ax.legend()
    return ax
