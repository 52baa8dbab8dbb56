"""What the course's own notebooks say about grading: the exercises and the course's cells.

Exercises are found from the nbgrader metadata of the instructor's notebooks in ``notebooks/``:
an answer cell (``solution``) with grade_id ``exN_M_<function>`` and the graded check cell
after it (``grade``, with ``points``), grade_id ``exN_M_check``.
"""

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat

from initlib.checks import EXERCISES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def nbgrader(cell):
    """A cell's nbgrader metadata ({} when it has none)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def normalise(source):
    """Source text with whitespace differences removed, to recognise unchanged cells."""
    return re.sub(r"\s+", " ", source).strip()


@dataclass(frozen=True)
class Exercise:
    """One graded exercise of a notebook, as its nbgrader metadata declares it."""

    notebook: str
    check_id: str  # grade_id of the check cell: the row's name in the scores
    answer_id: str  # grade_id of the answer cell
    function: str  # the function the answer defines
    points: int
    check_source: str  # the check cell's source (to recognise it without metadata)


@dataclass(frozen=True)
class Notebook:
    """A course notebook: its exercises and the normalised sources of its other code cells."""

    name: str
    exercises: tuple
    course_cells: frozenset


def read_notebook(path):
    nb = nbformat.read(path, as_version=4)
    exercises, course_cells, answer = [], set(), None
    for cell in nb.cells:
        meta = nbgrader(cell)
        if cell.cell_type != "code":
            continue
        if meta.get("solution"):
            answer = meta["grade_id"]
        elif meta.get("grade"):
            if answer is None:
                raise ValueError(f"{path.name}: check cell {meta['grade_id']} has no answer "
                                 "cell above it")
            function = re.sub(r"^ex\d+_\d+_", "", answer)
            if function not in EXERCISES:
                warnings.warn(f"{path.name}: exercise {answer} has no checker in "
                              "initlib.checks, so it is not graded", stacklevel=2)
                answer = None
                continue
            exercises.append(Exercise(path.name, meta["grade_id"], answer, function,
                                      int(meta.get("points", 0)), cell.source))
            answer = None
        else:
            course_cells.add(normalise(cell.source))
    return Notebook(path.name, tuple(exercises), frozenset(course_cells))


def course(folder=NOTEBOOKS):
    """The graded notebooks of the course, in order."""
    notebooks = [read_notebook(path) for path in sorted(Path(folder).glob("*.ipynb"))]
    return [nb for nb in notebooks if nb.exercises]
