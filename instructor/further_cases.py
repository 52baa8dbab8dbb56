"""The further cases the grader adds to each exercise's visible ones. Instructor-only.

Each exercise of ``initlib.exercises`` draws its further cases from a random generator
(``Exercise.further_cases(rng)``); the grader seeds them with ``seed``, so the repository holds
no further case and students cannot know them. Feedback on a further case names the property
that failed, never the case.
"""

from initlib.exercises import draw_further_cases

SEED = 0  # the grader's seed for the further cases, unless it is given another


def further_cases(exercise, seed=SEED):
    """The further cases of ``exercise`` (an ``initlib.exercises.Exercise``) for ``seed``."""
    return draw_further_cases(exercise, seed)


def cases_for(exercise, seed=SEED):
    """The visible cases, then the further ones: (cases, number of visible cases)."""
    visible = list(exercise.cases)
    return visible + further_cases(exercise, seed), len(visible)


def all_cases(notebooks, seed=SEED):
    """``cases_for`` of every exercise of ``notebooks``, by the check cell's grade_id."""
    return {e.check_id: cases_for(e, seed) for nb in notebooks for e in nb.exercises}
