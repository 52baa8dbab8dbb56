"""The explorer's numbers: what its settings mean and what its views show, in plain numpy.

A setting of the explorer (notebook 04) is a deep fully connected network: ``depth`` hidden
layers of ``width`` units, one sigmoid output, initialized by ``initialization``. The explorer
feeds it a random batch, runs one forward and one backward pass, and reads off per layer the
spread of the activations, the norms of dW and dZ, the dead or saturated units, and how many
units are really different. This module computes all of that and the sentences that say it;
it needs neither matplotlib nor ipywidgets (``explorer_view`` draws, ``explorer_widgets``
adds the controls).
"""

import dataclasses
import functools
import inspect
import math

import numpy as np

from .activations import HIDDEN_ACTIVATIONS
from .diagnostics import layer_statistics
from .initializers import DISTRIBUTIONS, INITIALIZATIONS, SCALED, initialize_parameters, weight_std
from .network import forward
from .validation import valid_choice, valid_count, valid_number

# the explorer's choices: every initialization once ("glorot" is another name for "xavier")
EXPLORER_INITIALIZATIONS = tuple(name for name in INITIALIZATIONS if name != "glorot")
BATCH = 256  # random inputs fed to the deep network
TRAIN_DIMS = [2, 10, 5, 1]  # the circles network the Train button trains
TRAIN_ITERATIONS = 15000
NO_BOUNDARY = 1e-3  # outputs all within this of 0.5: no decision boundary worth drawing

# What the scale control means for each initialization that takes one: (short label, meaning)
SCALE_MEANINGS = {
    "random": ("std", "the standard deviation of every weight"),
    "constant": ("value", "the value of every weight"),
    "orthogonal": ("gain", "the gain: the weights are an orthogonal matrix times it"),
}
# Where the scale control starts for each of them (a gain of 0.01 would kill any network).
STARTING_SCALES = {"random": 0.01, "constant": 0.01, "orthogonal": math.sqrt(2.0)}
assert set(SCALE_MEANINGS) == set(STARTING_SCALES) == set(SCALED)


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the explorer's controls choose. The defaults are its starting values.

    ``scale`` is used only by the initializations that take one (``SCALE_MEANINGS``: the std
    for ``"random"``, the value for ``"constant"``, the gain for ``"orthogonal"``); None means
    the initialization's starting value in ``STARTING_SCALES``. ``depth`` is the number of
    hidden layers, each of ``width`` units; ``rng`` is an int seed for the network's weights
    and its random batch.
    """

    initialization: str = "he"
    scale: float | None = None
    distribution: str = "normal"
    depth: int = 20
    width: int = 128
    hidden_activation: str = "relu"
    rng: int = 0

    @property
    def scale_used(self):
        """The scale the initialization uses, or None when it computes its own."""
        if self.initialization not in SCALED:
            return None
        return STARTING_SCALES[self.initialization] if self.scale is None else self.scale


SETTING_NAMES = tuple(field.name for field in dataclasses.fields(Settings))


def takes_settings(function):
    """Show ``function(..., **settings)`` with the fields of ``Settings`` as its keywords.

    ``help(explorer)`` then lists ``initialization="he", scale=None, ...``, read from
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
    scale = None if s.scale is None else valid_number("scale", s.scale, minimum=0, strict=True)
    return dataclasses.replace(
        s,
        initialization=valid_choice("initialization", s.initialization,
                                    EXPLORER_INITIALIZATIONS),
        distribution=valid_choice("distribution", s.distribution, DISTRIBUTIONS),
        hidden_activation=valid_choice("hidden_activation", s.hidden_activation,
                                       HIDDEN_ACTIVATIONS),
        depth=valid_count("depth", s.depth, minimum=1),
        width=valid_count("width", s.width, minimum=1),
        rng=valid_count("rng", s.rng, minimum=0),
        scale=scale,
    )


def distinct_units(W, b):
    """How many units of a layer differ: rows of ``[W b]`` ((n_l, n_{l-1} + 1)) told apart.

    Exact comparison, which is what a freshly initialized layer needs (a constant
    initialization gives bit-identical rows); ``count_distinct_units`` in ``diagnostics``
    compares with a tolerance, for trained networks.
    """
    rows = np.hstack([W, b])
    if np.unique(rows[:, 0]).size == rows.shape[0]:  # quick: first weights already all differ
        return rows.shape[0]
    return int(np.unique(rows, axis=0).shape[0])


@takes_settings
def explorer_statistics(batch=BATCH, **settings):
    """Per-layer statistics of a random deep network, as the explorer shows them (notebook 04).

    The network has ``depth`` hidden layers of ``width`` units and one sigmoid output; it is
    fed ``batch`` random inputs (``X`` of shape (width, batch), unit variance) with random 0/1
    labels, all drawn from the seed ``rng``. Keyword arguments are the fields of ``Settings``.

    Returns
    -------
    list of dict
        The hidden layers' rows of ``layer_statistics`` (with ``grad_norm`` = |dW_l|,
        ``error_norm`` = |dZ_l| and the activations ``A`` of shape (width, batch)), each with
        ``distinct``: how many of the layer's units have different weights and bias.
    """
    rows = _statistics(make_settings(**settings), valid_count("batch", batch, minimum=1))
    return [dict(row) for row in rows]  # the caller's own dicts: the cached rows stay as they are


@functools.lru_cache(maxsize=4)
def _statistics(s, batch):
    """``explorer_statistics`` for checked settings, cached: notebook 04 draws and prints the
    same few networks in several cells, and its claims read them again."""
    rng = np.random.default_rng(s.rng)
    X = rng.standard_normal((s.width, batch))
    Y = (rng.random((1, batch)) < 0.5).astype(np.int64)
    params = initialize_parameters([s.width] * (s.depth + 1) + [1], s.initialization,
                                   scale=s.scale_used, distribution=s.distribution, rng=rng)
    with np.errstate(all="ignore"):  # a badly scaled network may overflow: that is the point
        stats = layer_statistics(X, params, Y, s.hidden_activation, keep_activations=True)[:-1]
    for row in stats:
        row["distinct"] = distinct_units(params[f"W{row['layer']}"], params[f"b{row['layer']}"])
        row["A"].flags.writeable = False  # shared by every caller of the cache
    return tuple(stats)


def describe(s):
    """A short title for the ``Settings`` ``s``: initialization, its scale, the network."""
    scale = ""
    if s.scale_used is not None:
        scale = f" ({SCALE_MEANINGS[s.initialization][0]} {s.scale_used:.3g})"
    return (f"{s.initialization}{scale}, {s.distribution}, {s.depth} layers x {s.width} "
            f"{s.hidden_activation} units, seed {s.rng}")


def scale_hint(s):
    """One sentence: what the scale control means for the ``Settings`` ``s``."""
    he_std = weight_std("he", s.width, s.width)
    if s.initialization in SCALED:
        label, meaning = SCALE_MEANINGS[s.initialization]
        hint = f"{s.initialization}: the {label} control is {meaning}."
        if s.initialization == "orthogonal":
            return hint + " sqrt(2) = 1.41 suits ReLU; 1 suits tanh and linear layers."
        return hint + f" For comparison, He's std at width {s.width} is {he_std:.3g}."
    if s.initialization == "zeros":
        return "zeros: every weight is 0; the scale control is not used."
    std = weight_std(s.initialization, s.width, s.width)
    return (f"{s.initialization} computes its own std from the layer sizes ({std:.3g} at width "
            f"{s.width}); the scale control is not used.")


def identical_units_line(stats):
    """A sentence about layers whose units are identical, or "" when every unit differs."""
    short = [row for row in stats if row["distinct"] < row["units"]]
    if not short:
        return ""
    if len(short) == len(stats) and all(row["distinct"] == 1 for row in stats):
        return (f"Every hidden layer has 1 distinct unit out of {stats[0]['units']}: all its "
                "units compute the same function (the histograms pool the units, so they "
                "cannot show it).")
    fewest = min(short, key=lambda row: row["distinct"])
    return (f"{len(short)} of {len(stats)} hidden layers have identical units; layer "
            f"{fewest['layer']} has only {fewest['distinct']} distinct units out of "
            f"{fewest['units']}.")


def summary_line(stats):
    """One line of text: how the signal changes with depth and how large the gradients are."""
    first, last = stats[0], stats[-1]
    identical = identical_units_line(stats)
    identical = " " + identical if identical else ""
    if first["std"] == 0:
        return "Every activation is exactly 0: nothing flows forward, every gradient is 0." + (
            identical)
    with np.errstate(all="ignore"):
        ratio = last["std"] / first["std"]
    grads = [r["grad_norm"] for r in stats]
    return (f"Activation std, layer {last['layer']} / layer 1: {ratio:.3g}. "
            f"Weight-gradient norms range from {min(grads):.3g} to {max(grads):.3g}." + identical)


@takes_settings
def explorer_summary(**settings):
    """The explorer's one-line summary (notebook 04); keyword arguments are ``Settings``."""
    return summary_line(explorer_statistics(**settings))


def output_spread(params, X, hidden_activation="relu"):
    """How far the network's outputs get from 0.5: max |A_L - 0.5| over the columns of ``X``.

    Below ``NO_BOUNDARY`` the network answers 0.5 everywhere, and the side of 0.5 an output
    falls on is decided by rounding-sized differences: there is no decision boundary to draw.
    """
    A_L, _ = forward(X, params, hidden_activation)
    return float(np.abs(A_L - 0.5).max())
