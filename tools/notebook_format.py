"""The course notebooks' format, in one place: nbgrader metadata, solution regions, copies.

``notebooks/`` holds the course as the instructor writes it: each exercise's answer cell
(nbgrader ``solution``) has its solution between ``### BEGIN SOLUTION`` and
``### END SOLUTION``; check cells (nbgrader ``grade``, ``locked``, with ``points``) may hold
hidden tests between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` (the course's hold
none). A student's copy replaces each solution by ``CODE_STUB`` (as nbgrader does), removes the
hidden tests, and clears the outputs of answer and check cells and of every cell that uses an
answer (a cell after an answer cell naming its function shows what the solution printed).

Used by ``tools/workbook.py`` (the student's workbook) and by ``instructor/`` (the grader and
the synthetic class). Needs nbformat only when a notebook is read.
"""

import copy
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
NOTEBOOKS = ROOT / "notebooks"

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)
# what replaces a solution; instructor/nbgrader_config.py says the same (a test holds it)
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
MARKDOWN_STUB = "YOUR ANSWER HERE"


class CourseError(ValueError):
    """A course notebook that cannot be turned into a safe student copy."""


def course_notebooks(folder=NOTEBOOKS):
    """The course's notebooks in ``folder``, in order."""
    return sorted(Path(folder).glob("*.ipynb"))


def nbgrader_metadata(cell):
    """A cell's nbgrader metadata: a dict, empty when the cell is not an nbgrader cell.

    The one place that reads it. Malformed metadata (``"nbgrader": []``, a cell that is not a
    dict) means "not an nbgrader cell", never a crash.
    """
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    grading = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return grading if isinstance(grading, dict) else {}


def grade_id(cell):
    """The cell's nbgrader grade_id, or None."""
    value = nbgrader_metadata(cell).get("grade_id")
    return value if isinstance(value, str) else None


def is_code(cell):
    return isinstance(cell, dict) and cell.get("cell_type") == "code"


def is_answer(cell):
    """An answer cell: nbgrader ``solution``, the student writes here."""
    return bool(nbgrader_metadata(cell).get("solution"))


def is_check(cell):
    """A graded check cell: a code cell with nbgrader ``grade``."""
    return bool(nbgrader_metadata(cell).get("grade")) and is_code(cell)


def source(cell):
    """A cell's source as one string ("" when it is malformed)."""
    text = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(text, list) and all(isinstance(line, str) for line in text):
        return "".join(text)
    return text if isinstance(text, str) else ""


def normalise(text):
    """Source text with whitespace differences removed, to recognise unchanged cells."""
    return re.sub(r"\s+", " ", text).strip()


def without_magics(text):
    """IPython's ``%magic`` and ``!shell`` lines become ``pass`` (plain Python can parse it)."""
    return re.sub(r"(?m)^(\s*)[%!].*$", r"\1pass", text)


def regions(lines, begin, end, where):
    """(start, stop) line indices of each ``begin`` ... ``end`` region, markers included."""
    found, start = [], None
    for i, line in enumerate(lines):
        text = line.strip()
        if text == begin:
            if start is not None:
                raise CourseError(f"{where}: {begin!r} twice without {end!r}")
            start = i
        elif text == end:
            if start is None:
                raise CourseError(f"{where}: {end!r} without {begin!r}")
            found.append((start, i + 1))
            start = None
    if start is not None:
        raise CourseError(f"{where}: {begin!r} without {end!r}")
    return found


def replace_regions(lines, found, replacement):
    """``lines`` with each region replaced by ``replacement``, indented like its first line."""
    out, previous = [], 0
    for start, stop in found:
        indent = re.match(r"\s*", lines[start]).group()
        out += lines[previous:start] + [indent + text for text in replacement]
        previous = stop
    return out + lines[previous:]


def solution(cell):
    """An answer cell's solution: its source without the solution markers."""
    return re.sub(r"(?m)^[ \t]*### (BEGIN|END) SOLUTION\n?", "", source(cell))


def student_cell(cell, where):
    """A student's copy of one course cell (a new cell; ``cell`` is not changed)."""
    cell = copy.deepcopy(cell)
    lines = source(cell).split("\n")
    solutions = regions(lines, BEGIN_SOLUTION, END_SOLUTION, where)
    if solutions and not is_answer(cell):
        raise CourseError(f"{where}: a solution region in a cell that is not an answer cell "
                          "(nbgrader metadata solution: true); it would reach students")
    stub = (CODE_STUB if is_code(cell) else MARKDOWN_STUB).split("\n")
    if is_answer(cell):
        lines = replace_regions(lines, solutions, stub) if solutions else stub
    lines = replace_regions(lines, regions(lines, BEGIN_HIDDEN, END_HIDDEN, where), [])
    cell["source"] = "\n".join(lines).rstrip("\n")
    leftover = [m for m in MARKERS if m in cell["source"]]
    if leftover:
        raise CourseError(f"{where}: {leftover[0]!r} is not on a line of its own")
    if is_code(cell) and (is_answer(cell) or is_check(cell)):
        cell["outputs"], cell["execution_count"] = [], None
    if nbgrader_metadata(cell).get("locked"):
        cell["metadata"]["editable"] = False
        cell["metadata"]["deletable"] = False
    return cell


def answer_functions(cell):
    """The names of the functions an answer cell defines (``def <function>(...)``)."""
    return re.findall(r"(?m)^def\s+(\w+)\s*\(", source(cell)) if is_answer(cell) else []


def uses_answers(cell, names):
    """Whether a code cell names one of the answers' functions ``names`` (not as an attribute,
    ``initlib.name``, nor as part of a longer name)."""
    text = source(cell)
    return is_code(cell) and any(re.search(rf"(?<![\w.]){re.escape(name)}\b", text)
                                 for name in names)


def student_notebook(path):
    """The student's copy of the course notebook at ``path`` (an nbformat notebook).

    Besides each cell's copy (``student_cell``), the outputs of every code cell that uses an
    answer's function, after its answer cell, are cleared: they are the solution's results.
    """
    import nbformat

    nb = nbformat.read(path, as_version=4)
    answered = []
    for i, cell in enumerate(nb.cells):
        uses = uses_answers(cell, answered)
        answered += answer_functions(cell)
        nb.cells[i] = student_cell(cell, f"{Path(path).name}, cell {i}")
        if uses:
            nb.cells[i]["outputs"], nb.cells[i]["execution_count"] = [], None
    return nb


def solved_notebook(path):
    """The solved course notebook at ``path`` with its hidden tests removed."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        lines = source(cell).split("\n")
        found = regions(lines, BEGIN_HIDDEN, END_HIDDEN, f"{Path(path).name}, cell {i}")
        cell["source"] = "\n".join(replace_regions(lines, found, [])).rstrip("\n")
    return nb


def solutions(folder=NOTEBOOKS):
    """The instructor's answer cells, by grade_id, solution markers removed."""
    import nbformat

    answers = {}
    for path in course_notebooks(folder):
        for cell in nbformat.read(path, as_version=4).cells:
            if is_answer(cell) and grade_id(cell):
                answers[grade_id(cell)] = solution(cell)
    return answers
