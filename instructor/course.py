"""What the course's own notebooks say about grading: their exercises and their other cells.

An exercise of ``instructor.exercises`` is graded in notebook NN when that notebook holds its
answer cell (nbgrader ``solution``, grade_id ``exN_M_<function>``) and, after it, its check
cell (nbgrader ``grade``, grade_id ``exN_M_check``, the registry's points).
"""

import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat

from instructor.exercises import EXERCISES
from instructor.plan import code_key
from tools.notebook_format import (
    NOTEBOOKS,
    course_notebooks,
    grade_id,
    is_answer,
    is_check,
    is_code,
    nbgrader_metadata,
    normalise,
    source,
)

BY_CHECK_ID = {exercise.check_id: exercise for exercise in EXERCISES.values()}


@dataclass(frozen=True)
class Notebook:
    """A course notebook: its exercises (``instructor.exercises.GradedExercise``), the source
    of each exercise's check cell (to recognise it without metadata), and the normalised
    sources of its other code cells."""

    name: str
    exercises: tuple
    check_sources: dict
    course_cells: frozenset
    course_code: frozenset = frozenset()  # the same cells as code (comments do not count)


def read_notebook(path):
    """The exercises and course cells of the instructor's notebook at ``path``.

    Raises ValueError when a check cell disagrees with the registry (its answer cell above it,
    its points); warns about a check cell that no exercise of the registry owns.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    exercises, check_sources, course_cells, answer = [], {}, set(), None
    course_code = set()
    for cell in nb.cells:
        if not is_code(cell):
            continue
        if is_answer(cell):
            answer = grade_id(cell)
        elif is_check(cell):
            gid, points = grade_id(cell), nbgrader_metadata(cell).get("points")
            exercise = BY_CHECK_ID.get(gid)
            if exercise is None:
                warnings.warn(f"{path.name}: check cell {gid} belongs to no exercise of "
                              "instructor/exercises, so it is not graded", stacklevel=2)
            elif answer != exercise.answer_id:
                raise ValueError(f"{path.name}: check cell {gid} needs the answer cell "
                                 f"{exercise.answer_id} above it, found {answer}")
            elif points != exercise.points:
                raise ValueError(f"{path.name}: check cell {gid} gives points={points!r}; "
                                 f"{exercise.title} is worth {exercise.points} "
                                 f"(instructor/exercises/{exercise.module}.py): make the two "
                                 "agree, then release the notebook again (make student)")
            else:
                exercises.append(exercise)
                check_sources[exercise.check_id] = source(cell)
            answer = None
        else:
            course_cells.add(normalise(source(cell)))
            course_code.add(code_key(source(cell)))
    return Notebook(path.name, tuple(exercises), check_sources, frozenset(course_cells),
                    frozenset(course_code) - {None})


def course(folder=NOTEBOOKS):
    """The graded notebooks of the course, in order."""
    notebooks = [read_notebook(path) for path in course_notebooks(folder)]
    return [nb for nb in notebooks if nb.exercises]


def main(folder=NOTEBOOKS):
    """``python -m instructor.course``: exit 1, saying why, when a notebook's exercise cells
    disagree with ``instructor/exercises`` (``make student`` runs it before releasing)."""
    try:
        notebooks = course(folder)
    except ValueError as error:
        raise SystemExit(f"not released: {error}") from None
    count = sum(len(nb.exercises) for nb in notebooks)
    print(f"{count} exercises in {len(notebooks)} notebooks; their cells and points agree with "
          "instructor/exercises")


if __name__ == "__main__":
    main()
