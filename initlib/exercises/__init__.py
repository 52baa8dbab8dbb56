"""The course's exercises as the notebooks check them: one module per exercise.

``ex3_1_he_normal.py`` holds exercise 3.1: its function and signature, what a pass says, and
the judge that names a mistake by comparing the answer with the right answer's data; the
visible cases and that data are in ``ex3_1_he_normal.json`` beside it. The checks the
notebooks call (``initlib.checks.check_he_normal``) are made from this registry.

What makes an answer right, the grader's further cases and the library of wrong answers are
the instructor's (``instructor/exercises/``, never installed): this package holds the visible
cases' expected results, not a way to compute them.

To add an exercise, see ARCHITECTURE.md ("A new exercise"), or ``make new-exercise``.
"""

import importlib
import pkgutil
import re

from .exercise import Exercise, Wrong

MODULE_NAME = re.compile(r"ex([1-9]\d?)_([1-9]\d?)_(\w+)")  # ex3_1_he_normal: exercise 3.1


def _collect():
    """Every module's ``EXERCISE``, in the course's order, checked against its module's name."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = MODULE_NAME.fullmatch(info.name)
        if match is None:
            continue
        exercise = importlib.import_module(f".{info.name}", __name__).EXERCISE
        if exercise.module != info.name:
            raise ValueError(f"{info.name}.py holds exercise {exercise.number} "
                             f"({exercise.function}); its module should be {exercise.module}.py")
        found.append(exercise)
    found.sort(key=lambda e: tuple(int(part) for part in e.number.split(".")))
    for key in ("number", "function"):
        values = [getattr(e, key) for e in found]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"two exercises share the {key} {twice}")
    return {exercise.function: exercise for exercise in found}


EXERCISES = _collect()  # function name -> Exercise, in the course's order


def by_number(number):
    """The exercise numbered ``number`` (``"3.2"``)."""
    for exercise in EXERCISES.values():
        if exercise.number == number:
            return exercise
    raise KeyError(f"no exercise {number!r}; the exercises are "
                   f"{[e.number for e in EXERCISES.values()]}")


__all__ = ["EXERCISES", "Exercise", "Wrong", "by_number"]
