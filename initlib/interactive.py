"""The initialization explorer: turn the knobs, watch a deep network's signal.

``explorer()`` returns an ``Explorer``, which a notebook displays as a panel of widgets. Its
controls choose how a deep fully connected network is initialized (initialization, scale,
normal or uniform, depth, width, hidden activation, seed); its views show, for one forward and
one backward pass on a random batch, the per-layer activation spread, weight-gradient norms,
dead or saturated units and activation histograms. A *Train* button trains the course's
circles network with the chosen initialization.

Everything the widgets do is in plain functions and methods (``explorer_statistics``,
``draw_statistics``, ``Explorer.update``, ``Explorer.train``), so it can be used and tested
without a browser.
"""

import dataclasses
import inspect
import io
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from .activations import HIDDEN_ACTIVATIONS
from .data import load_dataset
from .diagnostics import layer_statistics
from .initializers import DISTRIBUTIONS, INITIALIZATIONS, SCALED, initialize_parameters
from .network import accuracy
from .plotting import plot_costs, plot_decision_boundary
from .training import TrainingDiverged, train
from .validation import check_choice, check_count, check_number

# the explorer's choices: every initialization once ("glorot" is another name for "xavier")
EXPLORER_INITIALIZATIONS = tuple(name for name in INITIALIZATIONS if name != "glorot")
BATCH = 256  # random inputs fed to the deep network
TRAIN_DIMS = [2, 10, 5, 1]  # the circles network the Train button trains
TRAIN_ITERATIONS = 15000


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the explorer's controls choose. The defaults are its starting values.

    ``scale`` is used only by the initializations that take one (``"random"``, ``"constant"``);
    ``depth`` is the number of hidden layers, each of ``width`` units; ``rng`` is an int seed
    for the network's weights and its random batch.
    """

    initialization: str = "he"
    scale: float = 0.01
    distribution: str = "normal"
    depth: int = 20
    width: int = 128
    hidden_activation: str = "relu"
    rng: int = 0

    @property
    def scale_used(self):
        """``scale`` when the initialization takes one, else None."""
        return self.scale if self.initialization in SCALED else None


SETTING_NAMES = tuple(field.name for field in dataclasses.fields(Settings))


def takes_settings(function):
    """Show ``function(..., **settings)`` with the fields of ``Settings`` as its keywords.

    ``help(explorer)`` then lists ``initialization="he", scale=0.01, ...``, read from
    ``Settings``, the one place where the defaults are written.
    """
    signature = inspect.signature(function)
    fixed = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
    keywords = [inspect.Parameter(field.name, inspect.Parameter.KEYWORD_ONLY,
                                  default=field.default, annotation=field.type)
                for field in dataclasses.fields(Settings)]
    function.__signature__ = signature.replace(parameters=fixed + keywords)
    return function


def make_settings(**settings):
    """A checked ``Settings``: the defaults, overridden by the keyword arguments given."""
    unknown = sorted(set(settings) - set(SETTING_NAMES))
    if unknown:
        raise TypeError(f"unknown explorer setting(s) {', '.join(unknown)}; "
                        f"the settings are {', '.join(SETTING_NAMES)}")
    s = dataclasses.replace(Settings(), **settings)
    return dataclasses.replace(
        s,
        initialization=check_choice("initialization", s.initialization,
                                    EXPLORER_INITIALIZATIONS),
        distribution=check_choice("distribution", s.distribution, DISTRIBUTIONS),
        hidden_activation=check_choice("hidden_activation", s.hidden_activation,
                                       HIDDEN_ACTIVATIONS),
        depth=check_count("depth", s.depth, minimum=1),
        width=check_count("width", s.width, minimum=1),
        rng=check_count("rng", s.rng, minimum=0),
        scale=check_number("scale", s.scale, minimum=0, strict=True),
    )


@takes_settings
def explorer_statistics(batch=BATCH, **settings):
    """Per-layer statistics of a random deep network, as the explorer shows them.

    The network has ``depth`` hidden layers of ``width`` units and one sigmoid output; it is
    fed ``batch`` random inputs (``X`` of shape (width, batch), unit variance) with random 0/1
    labels, all drawn from the seed ``rng``. Keyword arguments are the fields of ``Settings``.
    Returns the hidden layers' rows of ``layer_statistics``, with their activations.
    """
    s = make_settings(**settings)
    rng = np.random.default_rng(s.rng)
    X = rng.standard_normal((s.width, batch))
    Y = (rng.random((1, batch)) < 0.5).astype(np.int64)
    params = initialize_parameters([s.width] * (s.depth + 1) + [1], s.initialization,
                                   scale=s.scale_used, distribution=s.distribution, rng=rng)
    with np.errstate(all="ignore"):  # a badly scaled network may overflow: that is the point
        return layer_statistics(X, params, Y, s.hidden_activation, keep_activations=True)[:-1]


def _positive(values):
    """Values for a log axis: non-positive and non-finite ones become gaps (nan)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def _plain_number(value, _position):
    """Tick labels such as 0.5, 100 or 1e-05 in plain text (mathtext is slow to render)."""
    return f"{value:g}" if 1e-3 <= value <= 1e3 else f"{value:.0e}".replace("e-0", "e-")


class StatisticsView:
    """The explorer's four panels, drawn once and then updated in place (which is fast)."""

    def __init__(self, fig):
        self.fig = fig
        axes = fig.subplots(2, 2)
        fig.subplots_adjust(left=0.12, right=0.98, top=0.92, bottom=0.1, hspace=0.35, wspace=0.3)
        self.axes = axes
        # no panel titles (each costs ~5 ms to render): the y labels say what is shown
        specs = [(axes[0, 0], "tab:blue", "forward: std of activations"),
                 (axes[0, 1], "tab:red", "backward: norm of dW"),
                 (axes[1, 0], "tab:purple", "share")]
        self.lines = []
        for ax, colour, ylabel in specs:
            (line,) = ax.plot([], [], marker=".", color=colour)
            ax.set(xlabel="layer", ylabel=ylabel)
            ax.grid(alpha=0.3)
            self.lines.append(line)
        for ax in (axes[0, 0], axes[0, 1]):
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(FuncFormatter(_plain_number))
            ax.yaxis.set_minor_locator(NullLocator())  # minor ticks cost time to draw
        axes[1, 0].set_ylim(-0.05, 1.05)
        for ax in axes.flat:
            ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
        axes[1, 1].set(xlabel="log10 |activation| (non-zero)", ylabel="share of activations")
        axes[1, 1].grid(alpha=0.3)
        self.hist_lines = [axes[1, 1].plot([], [], drawstyle="steps-post", linewidth=1.2)[0]
                           for _ in range(3)]
        self.title = fig.suptitle("", fontsize=10)

    def show(self, stats, hidden_activation="relu", title=""):
        layers = [row["layer"] for row in stats]
        key = "dead" if hidden_activation == "relu" else "saturated"
        series = [_positive([r["std"] for r in stats]),
                  _positive([r["grad_norm"] for r in stats]),
                  [r[key] for r in stats]]
        for ax, line, values in zip(self.axes.flat, self.lines, series, strict=False):
            line.set_data(layers, values)
            ax.relim()
            ax.autoscale_view()
            finite = np.asarray(values)[np.isfinite(values)]
            if ax.get_yscale() == "log" and finite.size:
                # show at least 4 decades, so a drift by a factor of 2 or 3 looks as small as
                # it is next to the collapse by factors of 1e10 that a bad scale causes
                low, high = np.log10(finite.min()), np.log10(finite.max())
                middle, half = (low + high) / 2, max((high - low) / 2 + 0.2, 2.0)
                ax.set_ylim(10 ** (middle - half), 10 ** (middle + half))
                ax.yaxis.set_major_locator(LogLocator(numticks=6))
        self.axes[1, 0].set_ylabel("share of dead units" if key == "dead"
                                   else "share saturated (|a| near limit)")
        hist = self.axes[1, 1]
        picks = sorted({1, (len(stats) + 1) // 2, len(stats)})
        for line, l in zip(self.hist_lines, picks + [None] * 3, strict=False):
            values = np.abs(stats[l - 1]["A"].ravel()) if l else np.empty(0)
            values = values[np.isfinite(values) & (values > 0)]
            if values.size:
                counts, edges = np.histogram(np.log10(values), bins=40)
                line.set_data(edges, np.append(counts / values.size, 0.0))
                line.set_label(f"layer {l}")
                line.set_visible(True)
            else:
                line.set_data([], [])
                line.set_visible(False)
        hist.relim(visible_only=True)
        hist.autoscale_view()
        shown = [line for line in self.hist_lines if line.get_visible()]
        if shown:
            hist.legend(handles=shown, fontsize=7, loc="upper left")
        elif hist.get_legend():
            hist.get_legend().remove()
        self.title.set_text(title)
        return self.fig


def draw_statistics(fig, stats, hidden_activation="relu", title=""):
    """Draw the explorer's four views of ``explorer_statistics`` output on a new ``fig``."""
    return StatisticsView(fig).show(stats, hidden_activation, title)


@takes_settings
def plot_explorer_view(title=None, **settings):
    """A static figure of the explorer's views (for readers without a kernel).

    Keyword arguments are the fields of ``Settings``; ``title`` defaults to a description of
    the settings.
    """
    import matplotlib.pyplot as plt

    s = make_settings(**settings)
    fig = plt.figure(figsize=(7.5, 4.8))
    return draw_statistics(fig, explorer_statistics(**dataclasses.asdict(s)),
                           s.hidden_activation, title or describe(s))


def describe(s):
    """A short title for the ``Settings`` ``s``."""
    scale = f" (scale {s.scale:.3g})" if s.scale_used is not None else ""
    return (f"{s.initialization}{scale}, {s.distribution}, {s.depth} layers x {s.width} "
            f"{s.hidden_activation} units, seed {s.rng}")


def summary_line(stats):
    """One line of text: how the signal changes with depth and how large the gradients are."""
    first, last = stats[0], stats[-1]
    if first["std"] == 0:
        return "Every activation is exactly 0: nothing flows forward, every gradient is 0."
    with np.errstate(all="ignore"):
        ratio = last["std"] / first["std"]
    grads = [r["grad_norm"] for r in stats]
    return (f"Activation std, layer {last['layer']} / layer 1: {ratio:.3g}. "
            f"Weight-gradient norms range from {min(grads):.3g} to {max(grads):.3g}.")


@takes_settings
def explorer_summary(**settings):
    """The explorer's one-line summary; keyword arguments are the fields of ``Settings``."""
    return summary_line(explorer_statistics(**settings))


def _png(fig):
    buffer = io.BytesIO()
    # light compression: encoding is then a few ms instead of tens, for a slightly larger PNG
    FigureCanvasAgg(fig).print_png(buffer, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _controls(s):
    """One widget per field of the ``Settings`` ``s``, starting at its value."""
    style = {"description_width": "90px"}
    return {
        "initialization": widgets.Dropdown(options=EXPLORER_INITIALIZATIONS, value=s.initialization,
                                           description="initialization", style=style),
        "scale": widgets.FloatLogSlider(value=s.scale, base=10, min=min(-3, np.log10(s.scale)),
                                        max=max(2, np.log10(s.scale)), step=0.1,
                                        description="scale", style=style, readout_format=".3g"),
        "distribution": widgets.ToggleButtons(options=DISTRIBUTIONS,
                                              value=s.distribution, description="distribution",
                                              style=style),
        "depth": widgets.IntSlider(value=s.depth, min=1, max=max(50, s.depth),
                                   description="depth", style=style),
        "width": widgets.IntSlider(value=s.width, min=1, max=max(256, s.width),
                                   description="width", style=style),
        "hidden_activation": widgets.Dropdown(options=HIDDEN_ACTIVATIONS,
                                              value=s.hidden_activation,
                                              description="activation", style=style),
        "rng": widgets.IntSlider(value=s.rng, min=0, max=max(20, s.rng), description="seed",
                                 style=style),
    }


class Explorer:
    """The explorer's widgets and their callbacks; a notebook displays it as its widgets.

    ``controls`` maps each ``Settings`` field to its widget; setting a control's ``value``
    calls ``update``, and the Train button calls ``train``.
    """

    def __init__(self, settings=None):
        settings = settings or Settings()
        self.controls = _controls(settings)
        self.summary = widgets.HTML()
        self.image = widgets.Image(format="png")
        network = f"[{', '.join(map(str, TRAIN_DIMS))}]"
        self.train_button = widgets.Button(
            description="Train on circles", icon="play",
            tooltip=f"train the {network} network, {TRAIN_ITERATIONS} iterations")
        self.progress = widgets.IntProgress(min=0, max=TRAIN_ITERATIONS, value=0,
                                            description="training")
        self.train_result = widgets.HTML()
        self.train_image = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        self.view = StatisticsView(Figure(figsize=(7.5, 4.8), dpi=72))
        self.train_figure = Figure(figsize=(8, 3.2), dpi=72)
        self.stats = None
        self.last_update_seconds = None
        self.last_train = None

        for control in self.controls.values():
            control.observe(self.update, names="value")
        self.train_button.on_click(self.train)
        controls = widgets.VBox(list(self.controls.values()),
                                layout=widgets.Layout(min_width="330px"))
        training = widgets.VBox([
            widgets.HTML(f"<b>Train the circles network {network} with these settings</b>"),
            widgets.HBox([self.train_button, self.progress]),
            self.train_result, self.train_image])
        self.box = widgets.VBox([widgets.HBox([controls, self.image]), self.summary, training])
        self.box.add_class("initlib-explorer")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        """Display the widgets (a notebook calls this to show an ``Explorer``)."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Explorer({describe(self.settings())})"
        return bundle

    def settings(self):
        """The current control values, as ``Settings``."""
        return Settings(**{name: control.value for name, control in self.controls.items()})

    def update(self, change=None):
        """Recompute the statistics for the current controls and redraw the views."""
        start = time.perf_counter()
        s = self.settings()
        self.controls["scale"].disabled = s.scale_used is None
        self.stats = explorer_statistics(**dataclasses.asdict(s))
        self.view.show(self.stats, s.hidden_activation, describe(s))
        self.image.value = _png(self.view.fig)
        self.summary.value = summary_line(self.stats)
        self.last_update_seconds = time.perf_counter() - start

    def train(self, button=None):
        """Train the circles network with the chosen initialization, showing progress."""
        s = self.settings()
        X, Y, X_test, Y_test = load_dataset("circles")
        self.train_button.disabled = True
        self.progress.value = 0
        self.train_result.value = "training..."

        def report(iteration, total):
            self.progress.value = iteration

        try:
            result = train(X, Y, TRAIN_DIMS, s.initialization, scale=s.scale_used,
                           distribution=s.distribution, hidden_activation=s.hidden_activation,
                           rng=s.rng, num_iterations=TRAIN_ITERATIONS, record_every=250,
                           progress=report)
        except TrainingDiverged as error:
            self.train_result.value = f"<span style='color:#b00'>{error}</span>"
            self.last_train = None
            return None
        finally:
            self.train_button.disabled = False
        self.progress.value = TRAIN_ITERATIONS
        train_acc = accuracy(result.params, X, Y, s.hidden_activation)
        test_acc = accuracy(result.params, X_test, Y_test, s.hidden_activation)
        self.train_result.value = (f"final cost {result.final_cost:.4f}, train accuracy "
                                   f"{train_acc:.1%}, test accuracy {test_acc:.1%}")
        self.train_figure.clear()
        left, right = self.train_figure.subplots(1, 2)
        plot_costs({s.initialization: result}, ax=left, log=True, title="Cost")
        plot_decision_boundary(result.params, X, Y, ax=right,
                               hidden_activation=s.hidden_activation,
                               title="Decision boundary", resolution=100)
        self.train_figure.tight_layout()
        self.train_image.value = _png(self.train_figure)
        self.train_image.layout.display = None
        self.last_train = (result, train_acc, test_acc)
        return result


@takes_settings
def explorer(**settings):
    """The interactive initialization explorer (display it in a notebook).

    Keyword arguments set the controls' starting values; they are the fields of ``Settings``:
    ``initialization``, ``scale``, ``distribution``, ``depth``, ``width``,
    ``hidden_activation``, ``rng``. Returns the ``Explorer``, whose ``controls`` can also be
    set from code.
    """
    return Explorer(make_settings(**settings))
