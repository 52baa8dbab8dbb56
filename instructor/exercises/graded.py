"""One exercise as the grader sees it: ``GradedExercise``, its ``Mistake``s, and the helpers
that write cases.

The student's side of an exercise (``initlib.exercises``: its judge, its visible cases with
their expected data) is ``student``; this side adds what must stay with the instructor: the
points, the reference answer, the expected data of any case computed from it, the further
cases' generator and the library of wrong answers that tests the judge.
"""

import ast
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from initlib._protocol import build, encode
from initlib.exercises import Wrong
from tools.notebook_format import without_magics

_EXPECTED = {}  # (module, case as JSON text) -> expected data


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, and the words its hint must contain (the tests run each one)."""

    answer: Callable
    hint: str


@dataclass(frozen=True)
class GradedExercise:
    """One graded exercise, with everything the grader needs and the student must not have.

    Attributes
    ----------
    student : initlib.exercises.Exercise
        What the notebook checks: number, function, signature, judge, visible cases' data.
    points : int
        What it is worth; the one place the points are written (the check cell's nbgrader
        ``points`` must say the same: ``make student`` and the grader verify it).
    reference : callable
        The right answer, the function the student is asked to write.
    visible : tuple
        The visible cases' inputs, ``{"calls": [...]}`` each, as the check runs them.
    further_cases : callable
        ``further_cases(rng)``: the grader's extra cases, drawn from a numpy ``Generator``,
        never equal to a visible case.
    mistakes : tuple of Mistake
        Typical wrong answers and the words of their hints. The first is written with numpy
        alone (``np``): the synthetic class hands it in as a student would.
    expected : callable or None
        ``expected(case)``: the data the judge compares an answer with, computed with
        ``reference``. None: the reference's answer to each call, as plain data.
    """

    student: object
    points: int
    reference: Callable
    visible: tuple
    further_cases: Callable
    mistakes: tuple
    expected: Callable = None

    def __post_init__(self):
        if type(self.points) is not int or self.points < 1:
            raise ValueError(f"points={self.points!r} of exercise {self.number} must be a whole "
                             "number >= 1")
        if not self.visible or not self.mistakes:
            raise ValueError(f"exercise {self.number} needs visible cases and mistakes")

    def __getattr__(self, name):  # number, function, title, check_id, ... are the student's
        if name in ("number", "function", "signature", "task", "praise", "title", "notebook",
                    "module", "answer_id", "check_id", "judge", "library"):
            return getattr(self.student, name)
        raise AttributeError(name)

    @property
    def cases(self):
        """The visible cases' inputs (what the worker is given: no expected data)."""
        return self.visible

    def expected_data(self, case):
        """The expected data of ``case``, from the reference answer (plain JSON data),
        computed once per case and process: every student of a class gets the same cases."""
        key = (self.module, json.dumps(case, sort_keys=True))
        if key not in _EXPECTED:
            if len(_EXPECTED) >= 4096:
                _EXPECTED.clear()
            if self.expected is not None:
                _EXPECTED[key] = self.expected(case)
            else:
                _EXPECTED[key] = [encode(self.reference(*build(call["args"])))
                                  for call in case["calls"]]
        return _EXPECTED[key]

    def with_expected(self, case):
        """``case`` with its ``expected`` data, as the judge reads it."""
        return {**case, "expected": self.expected_data(case)}

    def reuse_verdict(self, source):
        """The ``Wrong`` finding when an answer cell's ``source`` uses the initlib function that
        does the exercise (``student.library``), read from the text, never measured while it
        runs; None otherwise."""
        used = names_in(source) & set(self.library)
        if not used:
            return None
        return Wrong(f"your answer calls initlib's {sorted(used)[0]}, which does the exercise "
                     f"for you: write {self.function} yourself with numpy")

    def verdict(self, case, records, earlier=()):
        """The ``Wrong`` finding on one case from its calls' records (JSON data), or None; the
        expected data is computed here, never sent to the student's process. ``earlier``: the
        cases called before it (``Exercise.verdict``)."""
        return self.student.verdict(self.with_expected(case), records, earlier)


def names_in(source):
    """The names, attributes and imported names a cell's ``source`` uses (empty when it does
    not parse)."""
    try:
        tree = ast.parse(without_magics(source))
    except (SyntaxError, ValueError):
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.alias):
            found.add(node.name.rsplit(".", 1)[-1])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)  # getattr(initlib, "initialize_parameters")
    return found


def new_cases(draw, rng, count, visible=()):
    """``count`` cases of ``draw(rng)``, each unlike the visible cases and unlike the others."""
    cases = []
    for _ in range(100 * count):
        case = draw(rng)
        if case not in visible and case not in cases:
            cases.append(case)
            if len(cases) == count:
                return cases
    raise RuntimeError(f"drew no {count} new cases in {100 * count} tries: widen the draw")


def called_twice(case):
    """The case with its calls made twice: an answer that keeps state between calls fails."""
    return {**case, "calls": case["calls"] * 2}


def noted(case, text):
    """``case`` noted as a further case of the kind ``text`` (its ``"about"``, which the student
    reads when an answer fails it): what is special about it, never its numbers. A new dict,
    sharing the case's calls: ``case`` itself is left as it was drawn."""
    return {**case, "about": text}


def rng_argument(kind, seed):
    """The plain-data description of a random generator argument (``"default_rng"`` or
    ``"RandomState"``, seeded with ``seed``)."""
    return {"$rng": [kind, int(seed)]}


def seeded_calls(args, rng, seed):
    """Three calls that differ only in their last argument: ``rng`` seeded s, s, s + 1."""
    return {"calls": [{"args": [*args, rng_argument(rng, s)]} for s in (seed, seed, seed + 1)]}


def factor_of(answer, raw):
    """The number ``answer`` is of the generator's ``raw`` draws (a float), checked for every
    entry: how the expected data of a draw exercise is read off its reference."""
    if answer.shape != raw.shape:
        raise ValueError(f"the reference's answer has shape {answer.shape}, its draws {raw.shape}")
    factor = float(np.sum(answer * raw) / np.sum(raw * raw))
    if not np.allclose(answer, factor * raw, rtol=1e-12, atol=0):
        raise ValueError("the reference's answer is not the generator's draws times one number")
    return factor
