"""The checks the notebooks call: specific feedback on an exercise, not a bare assertion.

``check_<function>()`` runs the visible cases of its exercise on the function ``<function>``
that the notebook defined, and prints a line starting with ``PASSED`` when
everything is right; otherwise it raises ``CheckFailed``, whose message names the mistake and
gives a hint, shown once: IPython shows the message alone, without a traceback. An exercise
still holding ``raise NotImplementedError()`` reports "not attempted yet", and a check run
before its answer cell says to run that cell first. ``check_<function>(<function>)``, with the
function passed in, works too.

There is one ``check_<function>`` per exercise of ``initlib.exercises``, made from it: the
visible cases, their expected data and the judges live there. The course's grader uses the
same judges on its further cases, with expected data it computes itself.
"""

import sys
import types

from ._protocol import call_record
from .exercises import EXERCISES, Wrong
from .exercises.syntax import syntax_problem

_NOT_GIVEN = object()  # check_<function>() without an argument: look the function up


class CheckFailed(Exception):
    """An exercise's answer is not right yet; the message says what to fix."""

    def _render_traceback_(self):
        # how IPython shows it: the message once, not a traceback through the checker's code
        return [f"NOT YET  {self}"]


def names_used(code):
    """The global and attribute names a function's code (and the code nested in it) uses."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= names_used(constant)
    return names


def library_names(answer):
    """The names of initlib's functions an answer's code uses, directly or under another name
    (``from initlib import initialize_parameters as init``)."""
    code = getattr(answer, "__code__", None)
    if not isinstance(code, types.CodeType):
        return set()
    names = names_used(code)
    found = set(names)
    scope = getattr(answer, "__globals__", {})
    for name in names:
        value = scope.get(name) if isinstance(scope, dict) else None
        if callable(value) and str(getattr(value, "__module__", "")).startswith("initlib"):
            found.add(getattr(value, "__name__", name))
    return found


def _verdict(exercise, answer):
    """The ``Wrong`` finding of the first visible case ``answer`` fails, or None."""
    if not callable(answer):
        return Wrong(f"`{exercise.function}` should be a function (def {exercise.signature}: "
                     f"...), not a {type(answer).__name__}")
    used = [name for name in exercise.library if name in library_names(answer)]
    if used:
        return Wrong(f"your answer calls initlib's {used[0]}, which does the exercise for you: "
                     f"write {exercise.function} yourself with numpy (initlib's version is "
                     "there to compare your result with afterwards)")
    for k, case in enumerate(exercise.cases):
        wrong = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]],
                                 exercise.cases[:k])
        if wrong is not None:
            return wrong
    return None


def check(function, answer=_NOT_GIVEN, namespace=None):
    """Run the visible cases of exercise ``function`` on ``answer`` and print the verdict.

    Without ``answer``, the function called ``function`` is looked up in ``namespace`` (by
    default the caller's globals: in a notebook, the names its cells defined). Each call goes
    through the grading protocol and back, so the notebook's verdict is the one the grader
    would give on the same case.
    """
    __tracebackhide__ = True
    exercise = EXERCISES[function]
    if answer is _NOT_GIVEN:
        namespace = sys._getframe(1).f_globals if namespace is None else namespace
        answer = namespace.get(function, _NOT_GIVEN)
    if answer is _NOT_GIVEN:
        wrong = syntax_problem((namespace or {}).get("In"), function) or Wrong(
            f"`{function}` is not defined yet: run the answer cell of {exercise.title} (the "
            f"cell with `def {exercise.signature}:`) first, then this check again")
    else:
        wrong = _verdict(exercise, answer)
    if wrong is not None:
        raise CheckFailed(f"{exercise.title}: {wrong.message()}") from None
    print(f"PASSED  {exercise.title}: {exercise.praise}")


def _check_function(exercise):
    """``check_<function>()`` for one exercise, as its notebook calls it."""

    def check_exercise(answer=_NOT_GIVEN):
        __tracebackhide__ = True
        check(exercise.function, answer, sys._getframe(1).f_globals)

    task = f": {exercise.task}" if exercise.task else ""
    check_exercise.__name__ = check_exercise.__qualname__ = f"check_{exercise.function}"
    check_exercise.__doc__ = (
        f"{exercise.title} (notebook {exercise.notebook}): ``{exercise.signature}``{task}.\n\n"
        f"Checks the notebook's ``{exercise.function}`` (or the function passed in): prints "
        "``PASSED`` when it is right on the visible cases; otherwise raises ``CheckFailed`` "
        "naming the mistake.")
    return check_exercise


for _exercise in EXERCISES.values():
    globals()[f"check_{_exercise.function}"] = _check_function(_exercise)
del _exercise

__all__ = ["CheckFailed", "check", *(f"check_{name}" for name in EXERCISES)]
