"""The course's exercises: one module per notebook, everything about an exercise in one place.

``nb03_he_initialization.py`` holds notebook 03's exercises, each an ``Exercise``: its number,
points, function and signature, the visible cases and the judge that names the mistake, the
generator of the grader's further cases, and the usual wrong answers with their hints.
Everything else is derived from this registry: the checks the notebooks call
(``initlib.checks.check_he_normal``), the grader's list of exercises, the synthetic class, the
wrong-answer tests and the README's table of exercises.

A student may read these modules, but only after the exercises: the judges and the wrong
answers give the answers away.

To add an exercise, see ARCHITECTURE.md ("A new exercise"), or ``make new-exercise``.
"""

import importlib
import pkgutil
import re

import numpy as np

from .exercise import Exercise, Mistake, Wrong, new_cases

MODULE_NAME = re.compile(r"nb(\d\d)_\w+")  # nb03_he_initialization: notebook 03's exercises


def _collect():
    """Every module's ``EXERCISES``, in the course's order, checked for clashes."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = MODULE_NAME.fullmatch(info.name)
        if match is None:
            continue
        module = importlib.import_module(f".{info.name}", __name__)
        for exercise in module.EXERCISES:
            if exercise.notebook != match.group(1):
                raise ValueError(f"{info.name}.py holds exercise {exercise.number}, which "
                                 f"belongs to notebook {exercise.notebook}")
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


def draw_further_cases(exercise, grader_seed):
    """The further cases of ``exercise`` for the grader's seed ``grader_seed`` (an int >= 0).

    Each exercise draws from its own stream, seeded by (seed, notebook, exercise), so the same
    seed gives the same cases, and adding an exercise changes no other exercise's cases.
    """
    major, minor = (int(part) for part in exercise.number.split("."))
    return list(exercise.further_cases(np.random.default_rng([grader_seed, major, minor])))


__all__ = ["EXERCISES", "Exercise", "Mistake", "Wrong", "by_number", "draw_further_cases",
           "new_cases"]
