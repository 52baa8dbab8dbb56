"""The explorer's widgets: controls for the settings, the figures with their descriptions.

``explorer()`` (notebook 04) returns an ``Explorer``, which a notebook displays as a panel of
widgets. Setting a control's ``value`` calls ``Explorer.update``; the *Train on circles*
button calls ``Explorer.train``. Both can be driven from code, without a browser. The numbers
come from ``explorer_numbers`` and the figures from ``explorer_view``.
"""

import base64
import dataclasses
import html
import io
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .activations import HIDDEN_ACTIVATIONS
from .data import load_dataset
from .explorer_numbers import (
    EXPLORER_INITIALIZATIONS,
    NO_BOUNDARY,
    SCALE_MEANINGS,
    STARTING_SCALES,
    TRAIN_DIMS,
    TRAIN_ITERATIONS,
    Settings,
    describe,
    explorer_statistics,
    make_settings,
    scale_hint,
    summary_line,
    takes_settings,
)
from .explorer_view import (
    StatisticsView,
    draw_training,
    statistics_description,
    training_description,
)
from .initializers import DISTRIBUTIONS, SCALED
from .network import accuracy
from .training import TrainingDiverged, train


def _png(fig):
    buffer = io.BytesIO()
    # light compression: encoding is then a few ms instead of tens, for a slightly larger PNG
    FigureCanvasAgg(fig).print_png(buffer, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def image_html(fig, alt):
    """``fig`` as an HTML ``<img>`` whose ``alt`` attribute is the text ``alt``."""
    data = base64.b64encode(_png(fig)).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            'style="max-width:100%">')


def _controls(s):
    """One widget per field of the ``Settings`` ``s``, starting at its value."""
    style = {"description_width": "90px"}
    scale = s.scale_used or STARTING_SCALES["random"]
    return {
        "initialization": widgets.Dropdown(options=EXPLORER_INITIALIZATIONS, value=s.initialization,
                                           description="initialization", style=style),
        "scale": widgets.FloatLogSlider(value=scale, base=10, min=min(-3, np.log10(scale)),
                                        max=max(2, np.log10(scale)), step=0.1,
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
    calls ``update``, and the Train button calls ``train``. The scale control's label says
    what it is for the chosen initialization (std, value or gain); each initialization keeps
    its own scale, starting at ``STARTING_SCALES``.
    """

    def __init__(self, settings=None):
        settings = settings or Settings()
        self.controls = _controls(settings)
        self.scales = dict(STARTING_SCALES)
        if settings.scale_used is not None:
            self.scales[settings.initialization] = settings.scale_used
        self.scale_hint = widgets.HTML()
        self.summary = widgets.HTML()
        self.image = widgets.HTML()  # an <img> with its alt text
        self.description = widgets.HTML()  # the same text, visible under the figure
        network = f"[{', '.join(map(str, TRAIN_DIMS))}]"
        self.train_button = widgets.Button(
            description="Train on circles", icon="play",
            tooltip=f"train the {network} network, {TRAIN_ITERATIONS} iterations")
        self.progress = widgets.IntProgress(min=0, max=TRAIN_ITERATIONS, value=0,
                                            description="training")
        self.train_result = widgets.HTML()
        self.train_image = widgets.HTML(layout=widgets.Layout(display="none"))
        self.train_description = widgets.HTML()
        self.view = StatisticsView(Figure(figsize=(7.5, 4.8), dpi=72))
        self.train_figure = Figure(figsize=(8.5, 3.2), dpi=72)
        self.stats = None
        self.last_update_seconds = None
        self.last_train = None
        self._updating = False

        for name, control in self.controls.items():
            control.observe(self._initialization_changed if name == "initialization"
                            else self.update, names="value")
        self.train_button.on_click(self.train)
        controls = widgets.VBox([*self.controls.values(), self.scale_hint],
                                layout=widgets.Layout(min_width="330px", max_width="360px"))
        training = widgets.VBox([
            widgets.HTML(f"<b>Train the circles network {network} with these settings</b>"),
            widgets.HBox([self.train_button, self.progress]),
            self.train_result, self.train_image, self.train_description])
        self.box = widgets.VBox([widgets.HBox([controls, self.image]), self.summary,
                                 self.description, training])
        self.box.add_class("initlib-explorer")
        self.update()

    def _repr_mimebundle_(self, **kwargs):
        """Display the widgets (a notebook calls this to show an ``Explorer``)."""
        bundle = self.box._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Explorer({describe(self.settings())})"
        return bundle

    def settings(self):
        """The current control values, as ``Settings`` (scale None when it is not used)."""
        values = {name: control.value for name, control in self.controls.items()}
        if values["initialization"] not in SCALED:
            values["scale"] = None
        return Settings(**values)

    def _label_scale(self, s):
        """Name the scale control for ``s.initialization`` (std, value, gain, or unused)."""
        scale = self.controls["scale"]
        scale.disabled = s.initialization not in SCALED
        scale.description = SCALE_MEANINGS[s.initialization][0] if not scale.disabled else "scale"
        scale.tooltip = scale_hint(s)
        self.scale_hint.value = f"<small>{html.escape(scale_hint(s))}</small>"

    def _initialization_changed(self, change):
        """Give the scale control the new initialization's label and its own value, then
        update once."""
        name = change["new"]
        if name in SCALED:
            self._updating = True  # one update below, not one for the scale and one more
            try:
                self.controls["scale"].value = self.scales[name]
            finally:
                self._updating = False
        self.update()

    def update(self, change=None):
        """Recompute the statistics for the current controls and redraw the views."""
        if self._updating:
            return
        start = time.perf_counter()
        s = self.settings()
        if s.scale_used is not None:
            self.scales[s.initialization] = s.scale_used
        self._label_scale(s)
        self.stats = explorer_statistics(**dataclasses.asdict(s))
        self.view.show(self.stats, s.hidden_activation, describe(s))
        alt = statistics_description(self.stats, s)
        self.image.value = image_html(self.view.fig, alt)
        self.description.value = f"<small>Figure: {html.escape(alt)}</small>"
        self.summary.value = html.escape(summary_line(self.stats))
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
            self.train_result.value = f"<span style='color:#b00'>{html.escape(str(error))}</span>"
            self.last_train = None
            return None
        finally:
            self.train_button.disabled = False
        self.progress.value = TRAIN_ITERATIONS
        train_acc = accuracy(result.params, X, Y, s.hidden_activation)
        test_acc = accuracy(result.params, X_test, Y_test, s.hidden_activation)
        label = describe(s).split(",")[0]
        spread = draw_training(self.train_figure, result, X, Y, s.hidden_activation, label)
        text = (f"final cost {result.final_cost:.4f}, train accuracy {train_acc:.1%}, "
                f"test accuracy {test_acc:.1%}")
        if spread < NO_BOUNDARY:
            text += (f". Every output is within {spread:.0e} of 0.5: the network answers 0.5 "
                     "everywhere, so it has learned nothing and there is no decision boundary "
                     "to draw (its accuracy is a coin's).")
        self.train_result.value = text
        alt = training_description(result, spread, label)
        self.train_image.value = image_html(self.train_figure, alt)
        self.train_image.layout.display = None
        self.train_description.value = f"<small>Figure: {html.escape(alt)}</small>"
        self.last_train = (result, train_acc, test_acc)
        return result


@takes_settings
def explorer(**settings):
    """The interactive initialization explorer (notebook 04; display it in a notebook).

    Keyword arguments set the controls' starting values; they are the fields of ``Settings``:
    ``initialization``, ``scale``, ``distribution``, ``depth``, ``width``,
    ``hidden_activation``, ``rng``. Returns the ``Explorer``, whose ``controls`` can also be
    set from code.
    """
    return Explorer(make_settings(**settings))
