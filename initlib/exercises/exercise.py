"""One exercise as the notebook checks it: ``Exercise``, and ``Wrong``, a judge's finding.

A visible case is plain data (see ``initlib._protocol``): ``{"calls": [{"args": [...]}, ...],
"expected": ...}``. ``expected`` is what a right answer gives on that case, as data written by
the instructor's tools (``make exercise-data``) into the JSON file beside the exercise's
module. The judge compares what the student's function returned on each call with it, and
raises ``Wrong`` naming the mistake, or returns None when the answer is right. No right answer
is computed here: the package ships the visible cases' results, not a way to make them.
"""

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .._protocol import Outcome


class Wrong(Exception):
    """A judge's finding: ``what`` went wrong (no inputs or values), ``detail`` on which case."""

    def __init__(self, what, detail="", raised=False):
        super().__init__(what)
        self.what, self.detail, self.raised = what, detail, raised

    def message(self, show_case=True):
        return f"{self.what} ({self.detail})" if show_case and self.detail else self.what


@dataclass(frozen=True)
class Exercise:
    """One graded exercise as its notebook checks it.

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
    praise : str
        What the check prints after ``PASSED  Exercise 3.2:``.
    judge : callable
        ``judge(case, outcomes)``: raises ``Wrong`` for a wrong answer. ``case["expected"]`` is
        the right answer's data; ``outcomes`` are the case's calls read back
        (``initlib._protocol.Outcome``).
    data : pathlib.Path
        The JSON file of the visible cases, with their expected data (``cases``).
    library : tuple of str
        Functions of ``initlib`` that do the exercise: an answer that calls one is told to
        write its own (the notebook's check reads the answer's code for them).
    """

    number: str
    function: str
    signature: str
    task: str
    praise: str
    judge: Callable
    data: Path
    library: tuple = ()

    def __post_init__(self):
        if not re.fullmatch(r"[1-9]\d?\.[1-9]\d?", self.number):
            raise ValueError(f"number={self.number!r} must look like '3.2' (notebook.exercise)")
        if not self.function.isidentifier() or not self.signature.startswith(
                f"{self.function}("):
            raise ValueError(f"signature={self.signature!r} must call function="
                             f"{self.function!r}")

    @property
    def cases(self):
        """The visible cases, each with its ``expected`` data (read once from ``data``)."""
        return _read_cases(self.data, self.number)

    @property
    def title(self):
        """``"Exercise 3.2"``: how the notebooks, the checks and the feedback name it."""
        return f"Exercise {self.number}"

    @property
    def notebook(self):
        """``"03"``: the number its notebook's file name starts with."""
        return f"{int(self.number.split('.')[0]):02d}"

    @property
    def module(self):
        """``"ex3_2_he_uniform"``: the name of its module, here and in ``instructor/exercises``."""
        return f"ex{self.number.replace('.', '_')}_{self.function}"

    @property
    def answer_id(self):
        """nbgrader grade_id of its answer cell, ``"ex3_3_xavier_uniform"``."""
        return self.module

    @property
    def check_id(self):
        """nbgrader grade_id of its check cell, ``"ex3_2_check"``."""
        return f"ex{self.number.replace('.', '_')}_check"

    def verdict(self, case, records, earlier=()):
        """The ``Wrong`` finding on one case (with its ``expected``) from its calls' records
        (JSON data), or None. ``earlier``: the cases whose calls were made before this one's,
        in the same process; their arguments reach the judge as ``case["earlier_args"]`` (to
        name a value kept from an earlier call)."""
        case = {**case, "earlier_args": [call["args"] for c in earlier for call in c["calls"]]}
        try:
            outcomes = [Outcome(record) for record in records]
            drawn = '"$rng"' in json.dumps(case["calls"])  # the judges name a generator misused
            if not drawn:  # first; with a generator, after the judge's own findings
                judge_repeats(case["calls"], records)
            self.judge(case, outcomes)
            if drawn:
                judge_repeats(case["calls"], records)
        except Wrong as wrong:
            if wrong.raised and earlier:  # the earlier cases passed: the checks stop at a failure
                wrong.what += ("; your function ran on the earlier calls and fails on this one: "
                               "does it keep something from an earlier call (a global, a cache, "
                               "an array, a size or a depth saved on a first call)? If not, "
                               "what sets this call apart from the earlier ones?")
            return wrong
        return None


def judge_repeats(calls, records):
    """``Wrong`` when two calls with the same arguments, in the same order (each given a fresh
    generator, none made after other calls on one), got different answers: the answer keeps
    state. A dict's order is not part of an answer."""
    seen = {}
    for call, record in zip(calls, records, strict=True):
        if call.get("calls_before"):
            continue
        key = json.dumps(call["args"])  # keys in their order: a reordered dict is another call
        answer = json.dumps(unordered({k: v for k, v in record.items() if k != "args_after"}),
                            sort_keys=True)
        if seen.setdefault(key, answer) != answer:
            raise Wrong("called twice with the same arguments, your function gave two different "
                        "answers: it keeps something from one call to the next (a global, a "
                        "cache, a default argument such as kept=[], or a generator of its "
                        "own); compute each answer from its arguments alone")


def unordered(data):
    """Encoded data with every ``$dict``'s pairs sorted by key."""
    if isinstance(data, list):
        return [unordered(item) for item in data]
    if not isinstance(data, dict):
        return data
    if set(data) == {"$dict"} and isinstance(data["$dict"], list):
        return {"$dict": sorted((unordered(pair) for pair in data["$dict"]), key=str)}
    return {key: unordered(value) for key, value in data.items()}


@functools.cache
def _read_cases(path, number):
    try:
        cases = json.loads(Path(path).read_text())
    except FileNotFoundError:
        raise FileNotFoundError(f"exercise {number} has no visible cases yet ({Path(path).name}): "
                                "write them with `make exercise-data`") from None
    if not cases or not all(isinstance(c, dict) and "calls" in c and "expected" in c
                            for c in cases):
        raise ValueError(f"exercise {number} needs visible cases with their expected data in "
                         f"{Path(path).name}")
    return tuple(cases)


def data_file(module_file):
    """The JSON file of visible cases beside a module (``ex3_1_he_normal.py`` ->
    ``ex3_1_he_normal.json``)."""
    return Path(module_file).with_suffix(".json")
