"""A notebook's bytes read into plain cells, within limits, before anything else sees them.

Sources become text, nbgrader metadata keeps only fields of the right types, outputs are
dropped: what follows (the planner, the feedback) never meets a malformed cell. A notebook too
large, with too many cells or too much code is refused with the reason, before it is parsed
as a notebook. Stored outputs (figures) count only towards the file's size: what limits what
runs is the code cells' text.
"""

import json

from tools.notebook_format import grade_id, nbgrader_metadata

MAX_NOTEBOOK_BYTES = 32 << 20  # one notebook file, stored outputs (figures) included
MAX_CELLS = 2000  # cells of one notebook (the course's have under 100)
MAX_SOURCE_CHARS = 2 << 20  # characters of all the code cells' sources: what is executed
MAX_CONTAINERS = 500_000  # JSON lists and dicts of one file: what parsing it costs in memory
MAX_ITEMS = 4_000_000  # JSON commas of one file (a figure is one string, a few items)


def megabytes(size):
    return f"{size / (1 << 20):.1f} MB"


def _text(value):
    """A cell's source (str, or list of str) as text; anything else is no source."""
    if type(value) is list and all(type(line) is str for line in value):
        value = "".join(value)
    if type(value) is not str:
        return None
    return value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"


def _grading_metadata(cell):
    """The cell's nbgrader metadata, keeping only fields of the right type."""
    meta = nbgrader_metadata(cell)
    kept = {}
    if grade_id(cell) is not None and len(grade_id(cell)) <= 200:
        kept["grade_id"] = grade_id(cell)
    for flag in ("solution", "grade", "locked", "task"):
        if type(meta.get(flag)) is bool:
            kept[flag] = meta[flag]
    if type(meta.get("points")) in (int, float):
        kept["points"] = meta["points"]
    return kept


def read_notebook(data):
    """(plain nbformat-4 notebook, "") from a file's bytes, or (None, why it is unreadable)."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        return None, (f"too large: {megabytes(len(data))} "
                      f"(at most {megabytes(MAX_NOTEBOOK_BYTES)})")
    containers = data.count(b"[") + data.count(b"{")
    if containers > MAX_CONTAINERS or data.count(b",") > MAX_ITEMS:
        return None, ("not read: its JSON holds too many lists and items for a notebook "
                      f"(at most {MAX_CONTAINERS} lists and dicts, {MAX_ITEMS} items)")
    try:
        nb = json.loads(data.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None, "not a notebook: its JSON cannot be read"
    cells = nb.get("cells") if type(nb) is dict else None
    if type(cells) is not list:
        return None, "not a notebook: it has no list of cells (saved by an old Jupyter?)"
    if len(cells) > MAX_CELLS:
        return None, f"too many cells: {len(cells)} (at most {MAX_CELLS})"
    plain, chars = [], 0
    for i, cell in enumerate(cells):
        if type(cell) is not dict:
            continue
        kind = cell.get("cell_type")
        kind = kind if kind in ("code", "markdown", "raw") else "raw"
        source = _text(cell.get("source"))
        if source is None:
            source, kind = "", "raw"  # a cell without readable source runs nothing
        chars += len(source) if kind == "code" else 0
        if chars > MAX_SOURCE_CHARS:
            return None, (f"too much code: over {MAX_SOURCE_CHARS} characters of source "
                          "in its code cells")
        entry = {"cell_type": kind, "id": f"cell-{i}", "source": source,
                 "metadata": {}}
        grading = _grading_metadata(cell) if kind == "code" else {}
        if grading:
            entry["metadata"]["nbgrader"] = grading
        if kind == "code":
            entry.update(outputs=[], execution_count=None)
        plain.append(entry)
    return {"cells": plain, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, ""
