"""Deprecated name of ``instructor.further_cases``: ``HIDDEN`` is what the grader draws.

Kept only for code that still imports it; use ``instructor.further_cases``.
"""

from initlib.exercises import EXERCISES

from .further_cases import further_cases

HIDDEN = {function: further_cases(exercise) for function, exercise in EXERCISES.items()}
