"""Made-up submissions, for the grader's tests and its benchmark.

``submission`` fills the answer cells of a student's copy of an instructor notebook (made as
``tools/notebook_format.py`` makes every student copy). ``classroom`` writes a whole class:
correct answers, each exercise's typical mistake (the first of its ``mistakes`` in
``instructor/exercises``), blank copies, answers that crash Python and answers that never end.
"""

import inspect
import random
import re
from pathlib import Path

import nbformat

from tools.notebook_format import NOTEBOOKS, grade_id, solutions, student_notebook

from .course import course


def submission(path, answers, drop=()):
    """The student copy of ``path`` with ``answers`` (grade_id -> source) filled in."""
    nb = student_notebook(path)
    cells = []
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in drop:
            continue
        if gid in answers:
            cell.source = answers[gid]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    return nb


def mistake_source(exercise):
    """An exercise's typical mistake as a student's answer cell: its first mistake, renamed."""
    source = inspect.getsource(exercise.mistakes[0].answer)
    return re.sub(r"^def \w+\(", f"def {exercise.function}(", source, count=1)


CRASH = "import os\nos._exit(1)"
# a loop whose counter is never increased, as students write them
ENDLESS = ("def {function}(*args):\n    i = 0\n    while i < 10:\n        total = i * 2\n"
           "    return total")


def classroom(folder, size, seed=0):
    """Write ``size`` students into ``folder``; returns {student: kind}.

    Kinds, in proportion: correct (40%), typical mistakes (35%: one exercise for sure, each
    other one with probability 1/2), blank copies (10%), an answer that makes Python exit
    (8%), an answer that never returns (7%: a loop whose counter is never increased).
    """
    folder = Path(folder)
    rng = random.Random(seed)
    right = solutions()
    notebooks = course()
    kinds = {}
    for k in range(size):
        draw = rng.random()
        kind = ("correct" if draw < 0.40 else "mistakes" if draw < 0.75 else
                "blank" if draw < 0.85 else "crash" if draw < 0.93 else "endless")
        name = f"student{k:03d}"
        kinds[name] = kind
        (folder / name).mkdir(parents=True)
        victim = rng.choice([e for nb in notebooks for e in nb.exercises])
        for nb in notebooks:
            answers = {}
            for exercise in nb.exercises:
                if kind == "blank":
                    continue
                source = right.get(exercise.answer_id, "")
                if kind == "mistakes" and (exercise is victim or rng.random() < 0.5):
                    source = mistake_source(exercise)
                if exercise is victim and kind == "crash":
                    source = CRASH
                if exercise is victim and kind == "endless":
                    source = ENDLESS.format(function=exercise.function)
                answers[exercise.answer_id] = source
            nbformat.write(submission(NOTEBOOKS / nb.name, answers), folder / name / nb.name)
    return kinds
