"""The checks the notebooks call: specific feedback on an exercise, not a bare assertion.

``check_he_normal(he_normal)`` runs the visible cases of exercise 3.1 (notebook 03) on the
student's function and prints a line starting with ``PASSED`` when everything is right;
otherwise it raises ``CheckFailed``, whose message names the mistake and gives a hint. An
exercise still holding ``raise NotImplementedError()`` reports "not attempted yet".

There is one ``check_<function>`` per exercise of ``initlib.exercises``, made from it: the
cases and the judges live there. The course's grader uses the same judges on further cases.
"""

from ._protocol import call_record
from .exercises import EXERCISES, Wrong


class CheckFailed(Exception):
    """An exercise's answer is not right yet; the message says what to fix."""

    def _render_traceback_(self):
        # how IPython shows it: the message alone, not a traceback through the checker's code
        return [f"CheckFailed: {self}"]


def check(function, answer):
    """Run the visible cases of exercise ``function`` on ``answer`` and print the verdict.

    Each call goes through the grading protocol and back, so the notebook's verdict is the one
    the grader would give on the same case.
    """
    __tracebackhide__ = True
    exercise = EXERCISES[function]
    if not callable(answer):
        wrong = Wrong(f"expected a function, got {type(answer).__name__}")
    else:
        wrong = None
        for case in exercise.cases:
            wrong = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
            if wrong is not None:
                break
    if wrong is not None:
        text = f"{exercise.title}: {wrong.message()}"
        print("NOT YET  " + text)
        raise CheckFailed(text) from None
    print(f"PASSED  {exercise.title}: {exercise.praise}")


def _check_function(exercise):
    """``check_<function>(answer)`` for one exercise, as its notebook calls it."""

    def check_exercise(answer):
        __tracebackhide__ = True
        check(exercise.function, answer)

    task = f": {exercise.task}" if exercise.task else ""
    check_exercise.__name__ = check_exercise.__qualname__ = f"check_{exercise.function}"
    check_exercise.__doc__ = (
        f"{exercise.title} (notebook {exercise.notebook}): ``{exercise.signature}``{task}.\n\n"
        f"Prints ``PASSED`` when ``{exercise.function}`` is right on the visible cases; "
        "otherwise raises ``CheckFailed`` naming the mistake.")
    return check_exercise


for _exercise in EXERCISES.values():
    globals()[f"check_{_exercise.function}"] = _check_function(_exercise)
del _exercise

__all__ = ["CheckFailed", "check", *(f"check_{name}" for name in EXERCISES)]
