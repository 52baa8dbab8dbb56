"""The explorer's view: its figures drawn with matplotlib, and the words that describe them.

``StatisticsView`` draws four panels of ``explorer_statistics`` (forward signal, backward
norms of dW and dZ, dead or saturated units, activation histograms) and updates them in place;
``draw_training`` draws the circles network's cost and decision boundary after the Train
button. Each has a ``*_description`` function giving the figure's text alternative. Nothing
here needs ipywidgets, and pyplot is loaded only by ``plot_explorer_view``.
"""

import dataclasses

import numpy as np
from matplotlib import ticker

from .explorer_numbers import (
    NO_BOUNDARY,
    describe,
    explorer_statistics,
    identical_units_line,
    make_settings,
    output_spread,
    takes_settings,
)
from .plotting import COLOURS, LINESTYLES, plot_costs, plot_dataset, plot_decision_boundary


def _positive(values):
    """Values for a log axis: non-positive and non-finite ones become gaps (nan)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def _plain_number(value, _position):
    """Tick labels such as 0.5, 100 or 1e-05 in plain text (mathtext is slow to render)."""
    return f"{value:g}" if 1e-3 <= value <= 1e3 else f"{value:.0e}".replace("e-0", "e-")


def _log_limits(ax, values):
    """At least 4 decades around ``values``, so a drift by a factor of 2 or 3 looks as small
    as it is next to the collapse by factors of 1e10 that a bad scale causes."""
    finite = np.asarray(values)[np.isfinite(values)]
    if finite.size:
        low, high = np.log10(finite.min()), np.log10(finite.max())
        middle, half = (low + high) / 2, max((high - low) / 2 + 0.2, 2.0)
        ax.set_ylim(10 ** (middle - half), 10 ** (middle + half))
        ax.yaxis.set_major_locator(ticker.LogLocator(numticks=6))


def _room_above(ax, share=0.3):
    """Raise ``ax``'s top so that its data fill the lower ``1 - share`` of its height: a legend
    in the band above them covers none of them."""
    low, high = ax.get_ylim()
    if ax.get_yscale() == "log":
        ax.set_ylim(low, high * (high / low) ** (share / (1 - share)))
    else:
        ax.set_ylim(low, low + (high - low) / (1 - share))


def _key(hidden_activation):
    return "dead" if hidden_activation == "relu" else "saturated"


class StatisticsView:
    """The explorer's four panels, drawn once on ``fig`` and then updated in place (fast)."""

    def __init__(self, fig):
        self.fig = fig
        axes = fig.subplots(2, 2)
        fig.subplots_adjust(left=0.12, right=0.98, top=0.92, bottom=0.1, hspace=0.5, wspace=0.3)
        self.axes = axes
        # few panel titles (each costs ~5 ms to render): the y labels say what is shown
        forward_ax, backward_ax, share_ax, hist = axes.flat
        # the course's palette (plotting.COLOURS); the two lines sharing a panel also differ
        # by marker and line style
        (self.std_line,) = forward_ax.plot([], [], marker=".", color=COLOURS[0])
        (self.dw_line,) = backward_ax.plot([], [], marker="o", markersize=3, color=COLOURS[1],
                                           label="|dW|")
        (self.dz_line,) = backward_ax.plot([], [], marker="^", markersize=4, linestyle="--",
                                           color=COLOURS[2], label="|dZ|")
        (self.share_line,) = share_ax.plot([], [], marker=".", color=COLOURS[3])
        forward_ax.set_ylabel("forward: std of activations")
        backward_ax.set_ylabel("backward: norm")
        backward_ax.legend(loc="upper center", ncols=2, handlelength=2.5)  # above the data
        share_ax.set_ylim(-0.05, 1.05)
        for ax in (forward_ax, backward_ax):
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(_plain_number))
            ax.yaxis.set_minor_locator(ticker.NullLocator())  # minor ticks cost time to draw
        for ax in (forward_ax, backward_ax, share_ax):
            ax.set_xlabel("layer")
            ax.grid(alpha=0.3)
            ax.xaxis.set_major_locator(ticker.MaxNLocator(5, integer=True))
        hist.set(xlabel="log10 |activation| (non-zero)", ylabel="share of activations")
        hist.grid(alpha=0.3)
        self.hist_lines = [hist.plot([], [], drawstyle="steps-post", linewidth=1.2,
                                     color=COLOURS[i], linestyle=LINESTYLES[i])[0]
                           for i in range(3)]
        self.title = fig.suptitle("")

    def show(self, stats, hidden_activation="relu", title=""):
        """Redraw the panels for ``stats`` (from ``explorer_statistics``); returns the figure."""
        layers = [row["layer"] for row in stats]
        forward_ax, backward_ax, share_ax, hist = self.axes.flat
        std = _positive([r["std"] for r in stats])
        dw, dz = _positive([r["grad_norm"] for r in stats]), _positive([r["error_norm"]
                                                                        for r in stats])
        self.std_line.set_data(layers, std)
        self.dw_line.set_data(layers, dw)
        self.dz_line.set_data(layers, dz)
        self.share_line.set_data(layers, [r[_key(hidden_activation)] for r in stats])
        for ax, values in ((forward_ax, std), (backward_ax, np.concatenate([dw, dz]))):
            ax.relim()
            ax.autoscale_view()
            _log_limits(ax, values)
        _room_above(backward_ax)
        share_ax.relim()
        share_ax.autoscale_view(scaley=False)
        share_ax.set_ylabel("share of dead units" if hidden_activation == "relu"
                            else "share saturated (|a| near limit)")
        self._show_histograms(stats)
        self.title.set_text(title)
        return self.fig

    def _show_histograms(self, stats):
        hist = self.axes[1, 1]
        picks = sorted({1, (len(stats) + 1) // 2, len(stats)})
        for line, l in zip(self.hist_lines, picks + [None] * 3, strict=False):
            values = np.abs(stats[l - 1]["A"].ravel()) if l else np.empty(0)
            values = values[np.isfinite(values) & (values > 0)]
            if values.size:
                counts, edges = np.histogram(np.log10(values), bins=40)
                line.set_data(edges, np.append(counts / values.size, 0.0))
                line.set_label(str(l))
                line.set_visible(True)
            else:
                line.set_data([], [])
                line.set_visible(False)
        hist.relim(visible_only=True)
        hist.autoscale_view()
        _room_above(hist)
        shown = [line for line in self.hist_lines if line.get_visible()]
        if shown:  # one row above the data
            hist.legend(handles=shown, loc="upper center", ncols=len(shown), title="layer")
        elif hist.get_legend():
            hist.get_legend().remove()
        # the histograms pool every unit of a layer, so they cannot show identical units: say it
        title = ""
        if all(row["distinct"] == 1 < row["units"] for row in stats):
            title = f"in every layer, all {stats[0]['units']} units are identical"
        elif identical_units_line(stats):
            fewest = min(stats, key=lambda row: row["distinct"])
            title = (f"identical units: layer {fewest['layer']} has {fewest['distinct']} "
                     f"distinct of {fewest['units']}")
        hist.set_title(title, color="#b00")


def draw_statistics(fig, stats, hidden_activation="relu", title=""):
    """Draw the explorer's four views of ``explorer_statistics`` output on a new ``fig``."""
    return StatisticsView(fig).show(stats, hidden_activation, title)


def _span(values, fmt=".3g"):
    finite = [v for v in values if np.isfinite(v) and v > 0]
    if not finite:
        return "nothing above 0"
    return f"from {min(finite):{fmt}} to {max(finite):{fmt}}"


def _change(start, end, what, ratio_name):
    """How ``what`` changes from ``start`` to ``end``, in words a reader checks on the plot;
    ``ratio_name`` says which value is divided by which ("layer 50 / layer 1")."""
    if not (np.isfinite(start) and np.isfinite(end)):
        return f"{what} is not finite"
    if start <= 0 or end <= 0:
        return f"{what} is 0"
    ratio = end / start
    if 0.5 <= ratio <= 2:
        return f"{what} stays within a factor of 2 ({ratio_name} = {ratio:.2g})"
    change = "shrinks" if ratio < 1 else "grows"
    return f"{what} {change} by a factor of {max(ratio, 1 / ratio):.2g}"


def _typical_size(row):
    """The median |activation| (non-zero) of one layer's statistics row, as text."""
    values = np.abs(row["A"].ravel())
    values = values[np.isfinite(values) & (values > 0)]
    return f"{np.median(values):.3g}" if values.size else "none (all 0)"


def statistics_description(stats, s):
    """The text alternative of the four panels for ``stats`` drawn with ``Settings`` ``s``:
    each panel's trend and the numbers it shows."""
    L = stats[-1]["layer"]
    key = _key(s.hidden_activation)
    shares = [r[key] for r in stats]
    picks = sorted({1, (len(stats) + 1) // 2, len(stats)})
    sizes = ", ".join(_typical_size(stats[l - 1]) for l in picks)
    signal = _change(stats[0]["std"], stats[-1]["std"], "the signal", f"layer {L} / layer 1")
    error = _change(stats[-1]["error_norm"], stats[0]["error_norm"],
                    "going back to layer 1, the error signal", f"layer 1 / layer {L}")
    text = (
        f"Four panels against layer 1 to {L}, for {describe(s)}. "
        f"Top left, log scale: the std of the activations, {stats[0]['std']:.3g} at layer 1 "
        f"and {stats[-1]['std']:.3g} at layer {L}: {signal}. "
        f"Top right, log scale: the norms of the weight gradient dW "
        f"({_span([r['grad_norm'] for r in stats])}) "
        f"and of the error signal dZ ({stats[0]['error_norm']:.3g} at layer 1, "
        f"{stats[-1]['error_norm']:.3g} at layer {L}): {error}. "
        f"Bottom left: the share of {key} units per layer, from {min(shares):.0%} to "
        f"{max(shares):.0%}. Bottom right: histograms of log10 |activation| at layers "
        f"{', '.join(map(str, picks))}, whose median |activation| is {sizes}.")
    identical = identical_units_line(stats)
    return text + (" " + identical if identical else "")


@takes_settings
def plot_explorer_view(title=None, **settings):
    """A static figure of the explorer's views (notebook 04, for readers without a kernel).

    Keyword arguments are the fields of ``Settings``; ``title`` defaults to a description of
    the settings. The figure's text alternative is ``statistics_description``.
    """
    import matplotlib.pyplot as plt

    s = make_settings(**settings)
    fig = plt.figure(figsize=(7.5, 4.8))
    return draw_statistics(fig, explorer_statistics(**dataclasses.asdict(s)),
                           s.hidden_activation, title or describe(s))


def readable_cost_axis(ax, costs):
    """Cost ticks that say something, also when the cost hardly moves.

    A log axis inside one decade labels its ticks with the same rounded number; so within a
    decade the axis is linear, at least 0.01 high, with plain labels (no offset).
    """
    costs = np.asarray(costs, dtype=float)
    costs = costs[np.isfinite(costs)]
    low, high = costs.min(), costs.max()
    if low > 0 and high / low >= 10:
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(_plain_number))
        ax.yaxis.set_minor_formatter(ticker.NullFormatter())
        return
    ax.set_yscale("linear")
    pad = max((high - low) * 0.1, 0.005)
    ax.set_ylim(low - pad, high + pad)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(5))
    formatter = ticker.ScalarFormatter(useOffset=False)
    ax.yaxis.set_major_formatter(formatter)


def draw_training(fig, result, X, Y, hidden_activation, label):
    """Cost curve and decision boundary of the trained circles network on ``fig`` (cleared).

    ``X`` (2, m) and ``Y`` (1, m) are the training data. When every output is within
    ``NO_BOUNDARY`` of 0.5, the plane is not shaded: the right panel shows the data and says
    that there is no boundary. Returns ``output_spread``, max |output - 0.5|.
    """
    fig.clear()
    left, right = fig.subplots(1, 2)
    plot_costs({label: result}, ax=left, title="Cost")
    readable_cost_axis(left, result.costs)
    spread = output_spread(result.params, X, hidden_activation)
    if spread < NO_BOUNDARY:
        plot_dataset(X, Y, ax=right,
                     title=f"No decision boundary:\nevery output within {spread:.0e} of 0.5")
    else:
        plot_decision_boundary(result.params, X, Y, ax=right, hidden_activation=hidden_activation,
                               title="Decision boundary", resolution=100)
    # the legend goes beside the plane, where it hides no part of the boundary
    right.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    fig.tight_layout()
    return spread


def training_description(result, spread, label):
    """The text alternative of ``draw_training``'s figure."""
    costs = [c for c in result.costs if np.isfinite(c)]
    scale = "log" if min(costs) > 0 and max(costs) / min(costs) >= 10 else "linear"
    text = (f"Two panels for {label}. Left: the training cost against iteration ({scale} "
            f"scale), {costs[0]:.4g} at the start and {costs[-1]:.4g} at iteration "
            f"{result.iterations[-1]}. Right: the circles training data, ")
    if spread < NO_BOUNDARY:
        return text + (f"not shaded: every output is within {spread:.0e} of 0.5, so the "
                       "network has no decision boundary.")
    return text + "on the plane shaded by the class the network predicts."


@takes_settings
def explorer_view_description(**settings):
    """The text alternative of ``plot_explorer_view(**settings)``'s figure (notebook 04)."""
    s = make_settings(**settings)
    return statistics_description(explorer_statistics(**dataclasses.asdict(s)), s)
