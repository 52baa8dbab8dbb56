"""initlib: a small numpy library for learning how initialization decides whether a network learns.

Conventions (as in the course text): ``X`` is (n_features, m) with one example per column,
``Y`` is (1, m) of 0/1 labels, ``W_l`` is (n_l, n_{l-1}) and ``b_l`` is (n_l, 1).

Where to start reading: ``initializers.py`` (the subject of the course), then ``network.py``
(the textbook network), then ``plain_training_loop`` in ``training.py`` (the textbook loop);
then what each notebook uses. A contributor starts
with the exercise registry, ``initlib/exercises/``, and ARCHITECTURE.md.

``import initlib`` loads numpy only. The explorer (ipywidgets) is imported the first time one of
its names is used, and matplotlib the first time a figure is drawn.
"""

import importlib

from ._memory import keep_freed_memory
from .data import load_dataset
from .diagnostics import (
    collapse_to_one_unit,
    count_distinct_units,
    layer_statistics,
)
from .initializers import INITIALIZATIONS, initialize_parameters, weight_std
from .network import (
    accuracy,
    backward,
    cross_entropy,
    cross_entropy_from_logits,
    forward,
    predict,
    update_parameters,
)
from .plotting import (
    plot_costs,
    plot_dataset,
    plot_decision_boundary,
    plot_layer_histograms,
    plot_layer_stats,
    show_figure,
    use_course_style,
)
from .training import TrainingDiverged, TrainResult, train, train_many

keep_freed_memory()  # large temporaries reuse freed memory (see _memory.py)

__version__ = "0.1.0"

# name -> module that defines it, imported on first use (see __getattr__)
_LAZY = {
    "explorer": "explorer_widgets",
    "explorer_summary": "explorer_numbers",
    "plot_explorer_view": "explorer_view",
}


def __getattr__(name):
    """Import the module behind a lazy name (the explorer) when the name is first used."""
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later uses find it directly
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "INITIALIZATIONS",
    "TrainResult",
    "TrainingDiverged",
    "accuracy",
    "backward",
    "collapse_to_one_unit",
    "count_distinct_units",
    "explorer",
    "explorer_summary",
    "cross_entropy",
    "cross_entropy_from_logits",
    "forward",
    "initialize_parameters",
    "layer_statistics",
    "load_dataset",
    "plot_costs",
    "plot_dataset",
    "plot_decision_boundary",
    "plot_layer_histograms",
    "plot_explorer_view",
    "plot_layer_stats",
    "predict",
    "show_figure",
    "train",
    "train_many",
    "update_parameters",
    "use_course_style",
    "weight_std",
]
