"""One exercise, everything about it in one record: ``Exercise``, its ``Mistake``s, ``Wrong``.

A case is plain data (see ``initlib._protocol``): ``{"calls": [{"args": [...]}, ...]}``, plus
whatever its judge needs (an ``"expected"`` count, say). The judge reads what the student's
function returned on each call of a case and raises ``Wrong`` naming the mistake, or returns
None when the answer is right.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from .._protocol import Outcome


class Wrong(Exception):
    """A judge's finding: ``what`` went wrong (no inputs or values), ``detail`` on which case."""

    def __init__(self, what, detail=""):
        super().__init__(what)
        self.what, self.detail = what, detail

    def message(self, show_case=True):
        return f"{self.what} ({self.detail})" if show_case and self.detail else self.what


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, and the words its hint must contain (the tests run each one)."""

    answer: Callable
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One graded exercise: what it asks, how it is checked, and the mistakes it recognises.

    Attributes
    ----------
    number : str
        ``"3.2"``: notebook 03, its second exercise.
    function : str
        The function the student writes, e.g. ``"xavier_uniform"``.
    signature : str
        How it is called, e.g. ``"xavier_uniform(fan_in, fan_out, rng)"``.
    task : str
        What it computes, in a few words ("" when the signature says it all).
    points : int
        What it is worth; the check cell's nbgrader ``points`` say the same (a test holds it).
    praise : str
        What the check prints after ``PASSED  Exercise 3.2:``.
    cases : tuple
        The visible cases, run by the check in the notebook (and by the grader first).
    judge : callable
        ``judge(case, outcomes)``: raises ``Wrong`` for a wrong answer. ``outcomes`` are the
        case's calls read back (``initlib._protocol.Outcome``).
    further_cases : callable
        ``further_cases(rng)``: the grader's extra cases, drawn from a numpy ``Generator``,
        never equal to a visible case.
    mistakes : tuple of Mistake
        Typical wrong answers and the words of their hints. The first is written with numpy
        alone (``np``): the synthetic class hands it in as a student would.
    """

    number: str
    function: str
    signature: str
    task: str
    points: int
    praise: str
    cases: tuple
    judge: Callable
    further_cases: Callable
    mistakes: tuple

    def __post_init__(self):
        if not re.fullmatch(r"[1-9]\d?\.[1-9]\d?", self.number):
            raise ValueError(f"number={self.number!r} must look like '3.2' (notebook.exercise)")
        if not self.function.isidentifier() or not self.signature.startswith(
                f"{self.function}("):
            raise ValueError(f"signature={self.signature!r} must call function="
                             f"{self.function!r}")
        if type(self.points) is not int or self.points < 1:
            raise ValueError(f"points={self.points!r} must be a whole number >= 1")
        if not self.cases or not self.mistakes:
            raise ValueError(f"exercise {self.number} needs visible cases and mistakes")

    @property
    def title(self):
        """``"Exercise 3.2"``: how the notebooks, the checks and the feedback name it."""
        return f"Exercise {self.number}"

    @property
    def notebook(self):
        """``"03"``: the number its notebook's file name starts with."""
        return f"{int(self.number.split('.')[0]):02d}"

    @property
    def answer_id(self):
        """nbgrader grade_id of its answer cell, ``"ex3_3_xavier_uniform"``."""
        return f"ex{self.number.replace('.', '_')}_{self.function}"

    @property
    def check_id(self):
        """nbgrader grade_id of its check cell, ``"ex3_2_check"``."""
        return f"ex{self.number.replace('.', '_')}_check"

    def verdict(self, case, records):
        """The ``Wrong`` finding on one case from its calls' records (JSON data), or None."""
        try:
            self.judge(case, [Outcome(record) for record in records])
        except Wrong as wrong:
            return wrong
        return None


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
