"""The feedback notebook a student gets back: their own cells, each exercise's score after its
check, and each failing cell's error; never a further case's input."""

import nbformat

from tools.notebook_format import grade_id, is_code, normalise, source

from .safe_text import safe_text


def write_feedback(path, nb, notebook, rows, cell_errors):
    """The student's own cells, outputs cleared, with each exercise's result after its check."""
    by_check = {row.exercise: row for row in rows}
    check_ids = {e.check_id for e in notebook.exercises}
    check_sources = {normalise(text): gid for gid, text in notebook.check_sources.items()}
    total = sum(r.points for r in rows), sum(r.max_points for r in rows)
    note = next((r.note for r in rows if r.note), "")
    cells = [_markdown(
        f"# Feedback: {notebook.name}\n\n**{total[0]} / {total[1]} points**\n\n"
        + (f"Note: {_plain(note)}\n\n" if note else "")
        + "\n".join(f"- {_plain(r.title)}: {r.points} / {r.max_points} - {_plain(r.reason)}"
                    for r in rows))]
    shown = set()
    for i, cell in enumerate(nb.cells):
        if is_code(cell):
            cells.append(_code(source(cell)))
            if i in cell_errors:
                cells.append(_markdown(
                    f"> This cell raised {_plain(cell_errors[i])}"))
            gid = grade_id(cell)
            gid = gid if gid in check_ids else check_sources.get(normalise(source(cell)))
            if gid in by_check and gid not in shown:
                shown.add(gid)
                row = by_check[gid]
                cells.append(_markdown(
                    f"**{_plain(row.title)}: {row.points} / {row.max_points}** - "
                    f"{_plain(row.reason)}"))
        elif cell.get("cell_type") == "markdown":
            cells.append(_markdown(source(cell)))
    for k, cell in enumerate(cells):
        cell["id"] = f"feedback-{k}"
    feedback = nbformat.from_dict({
        "cells": cells, "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}}})
    path.parent.mkdir(parents=True, exist_ok=True)
    # cells made here as plain data, written without nbformat's schema check: the check
    # costs more than the rest of a student's grading in the grader's process
    path.write_text(nbformat.v4.writes(feedback) + "\n", encoding="utf-8")


def _markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(text):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": [],
            "execution_count": None}


def _plain(text):
    return safe_text(text).replace("<", "&lt;").replace(">", "&gt;")
