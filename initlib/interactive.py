"""The initialization explorer of notebook 04, in three parts, gathered here by name.

- ``explorer_numbers``: what the settings mean and the numbers the explorer shows
  (``explorer_statistics``, ``explorer_summary``); numpy only.
- ``explorer_view``: the figures, with matplotlib, and their descriptions
  (``plot_explorer_view``, ``StatisticsView``).
- ``explorer_widgets``: the controls and the Train button (``explorer``, ``Explorer``);
  ipywidgets.

``from initlib.interactive import explorer_statistics`` loads the numbers only; the view and
the widgets are imported the first time one of their names is used.
"""

import importlib

from .explorer_numbers import (  # noqa: F401 - names gathered for the notebooks
    BATCH,
    EXPLORER_INITIALIZATIONS,
    SCALE_MEANINGS,
    SETTING_NAMES,
    STARTING_SCALES,
    TRAIN_DIMS,
    TRAIN_ITERATIONS,
    Settings,
    describe,
    explorer_statistics,
    explorer_summary,
    make_settings,
    summary_line,
)

_LATER = {
    "StatisticsView": "explorer_view",
    "draw_statistics": "explorer_view",
    "plot_explorer_view": "explorer_view",
    "explorer_view_description": "explorer_view",
    "Explorer": "explorer_widgets",
    "explorer": "explorer_widgets",
}


def __getattr__(name):
    """Import the view or the widgets when one of their names is first used."""
    if name in _LATER:
        return getattr(importlib.import_module(f".{_LATER[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LATER))
