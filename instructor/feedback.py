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
    cells = [nbformat.v4.new_markdown_cell(
        f"# Feedback: {notebook.name}\n\n**{total[0]} / {total[1]} points**\n\n"
        + (f"Note: {_plain(note)}\n\n" if note else "")
        + "\n".join(f"- {_plain(r.title)}: {r.points} / {r.max_points} - {_plain(r.reason)}"
                    for r in rows))]
    shown = set()
    for i, cell in enumerate(nb.cells):
        if is_code(cell):
            cells.append(nbformat.v4.new_code_cell(source(cell)))
            if i in cell_errors:
                cells.append(nbformat.v4.new_markdown_cell(
                    f"> This cell raised {_plain(cell_errors[i])}"))
            gid = grade_id(cell)
            gid = gid if gid in check_ids else check_sources.get(normalise(source(cell)))
            if gid in by_check and gid not in shown:
                shown.add(gid)
                row = by_check[gid]
                cells.append(nbformat.v4.new_markdown_cell(
                    f"**{_plain(row.title)}: {row.points} / {row.max_points}** - "
                    f"{_plain(row.reason)}"))
        elif cell.get("cell_type") == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(source(cell)))
    feedback = nbformat.v4.new_notebook(cells=cells)
    feedback.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(feedback, path)


def _plain(text):
    return safe_text(text).replace("<", "&lt;").replace(">", "&gt;")
