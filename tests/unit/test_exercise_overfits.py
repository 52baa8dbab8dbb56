"""Answers written to pass the visible cases alone (held-out set A's overfits,
``benchmarks/heldout_a.py``) fail the grader for every key: the check, or the further cases."""

import importlib.util

import pytest

from initlib._protocol import call_record
from initlib.checks import _verdict
from instructor.exercises import by_number, draw_further_cases
from tools.notebook_format import ROOT


def held_out(name):
    path = ROOT / "benchmarks" / f"heldout_{name}.py"
    spec = importlib.util.spec_from_file_location(f"heldout_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SET_A = held_out("a")
OVERFITS = [(number, answer) for number, answers in SET_A.OVERFIT.items() for answer in answers]


@pytest.mark.parametrize("number,answer", OVERFITS,
                         ids=[f"{n}-{a.__name__}" for n, a in OVERFITS])
def test_an_answer_written_for_the_visible_cases_fails_for_every_key(number, answer):
    exercise = by_number(number)
    if _verdict(exercise.student, answer) is not None:
        return  # the visible cases already catch it, and they are graded under every key
    for key in range(5):
        verdicts = (exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
                    for case in draw_further_cases(exercise, key))
        assert any(v is not None for v in verdicts), f"key {key} keeps its points"


@pytest.mark.parametrize("number", sorted(SET_A.WRONG))
def test_every_held_out_wrong_answer_is_named_by_the_check(number):
    """Set A's wrong answers (also in the library of mistakes) each get a hint that names
    what they are, by the pattern written for them before the judges changed."""
    import re

    exercise = by_number(number)
    for answer, pattern in SET_A.WRONG[number]:
        wrong = _verdict(exercise.student, answer)
        assert wrong is not None and re.search(pattern, wrong.what), (answer.__name__, wrong)
