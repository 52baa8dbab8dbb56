"""The course's exercises as the grader sees them: one module per exercise, never installed.

``ex3_1_he_normal.py`` holds exercise 3.1's instructor side: its points, its reference answer,
the visible cases' inputs, the generator of the grader's further cases and the library of
wrong answers (the tests of its judge). Its student side, ``initlib/exercises/ex3_1_he_normal.py``,
holds the judge and the visible cases' expected data, which ``make exercise-data`` writes from
the reference (``instructor/exercise_data.py``).

Everything the grader needs is derived from this registry: the course's exercises
(``instructor/course.py``), their further cases (``instructor/further_cases.py``), the
synthetic class, the wrong-answer tests and the README's table of exercises. The mistakes each
judge is built to tell apart, and how it tells them (by a measured property of the answer, by
what a named wrong computation gives, or by structure), are listed in ``MISTAKES.md``.
"""

import importlib
import pkgutil

import numpy as np

from initlib.exercises import EXERCISES as STUDENT_EXERCISES
from initlib.exercises import MODULE_NAME

from .graded import GradedExercise, Mistake


def _collect():
    """Every module's ``EXERCISE``, in the course's order, one for each exercise of initlib."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if MODULE_NAME.fullmatch(info.name) is None:
            continue
        exercise = importlib.import_module(f".{info.name}", __name__).EXERCISE
        if exercise.module != info.name:
            raise ValueError(f"instructor/exercises/{info.name}.py holds exercise "
                             f"{exercise.number}; its module should be {exercise.module}.py")
        found[exercise.function] = exercise
    student = {e.module for e in STUDENT_EXERCISES.values()}
    if student != {e.module for e in found.values()}:
        raise ValueError("each exercise needs a module on both sides: initlib/exercises has "
                         f"{sorted(student)}, instructor/exercises has "
                         f"{sorted(e.module for e in found.values())}")
    return {function: found[function] for function in STUDENT_EXERCISES}


EXERCISES = _collect()  # function name -> GradedExercise, in the course's order


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


__all__ = ["EXERCISES", "GradedExercise", "Mistake", "by_number", "draw_further_cases"]
