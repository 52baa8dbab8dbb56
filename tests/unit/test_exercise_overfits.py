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


def test_the_tail_seeds_reach_past_six_std_where_the_table_says():
    from instructor.exercises.tail_seeds import TAIL_SEEDS, find_tail_seeds

    for seed, position, draw in TAIL_SEEDS:
        assert find_tail_seeds([seed]) == [(seed, position, draw)]


@pytest.mark.parametrize("number", ["2.1", "3.1", "3.2"])
def test_a_further_case_draws_past_six_std_in_its_first_call(number):
    """Weights clipped anywhere short of 6 std fail; 3.1 and 3.2 also get a layer of more than
    100,000 weights (an answer that changes above a size fails)."""
    import numpy as np

    from initlib._protocol import build

    exercise = by_number(number)
    for key in range(3):
        reach, largest = 0.0, 0
        for case in draw_further_cases(exercise, key):
            args = build(case["calls"][0]["args"])
            if number == "2.1":
                count = sum(a * b for a, b in zip(args[0][1:], args[0][:-1], strict=False))
            else:
                count = args[0] * args[1]
            reach = max(reach, float(np.abs(args[-1].standard_normal(count)).max()))
            largest = max(largest, count)
        assert reach > 6.0
        assert number == "2.1" or largest > 100_000


SET_F = held_out("f")
CHANGES_ITS_INPUT = [("1.1", SET_F.z_pops_layer_dims, "changed layer_dims"),
                     ("1.2", SET_F.d_scales_W_in_place, "changed W or b"),
                     ("6.1", SET_F.v_extends_rms_in_place, "changed rms")]


@pytest.mark.parametrize("number,answer,hint", CHANGES_ITS_INPUT,
                         ids=[f"{n}-{a.__name__}" for n, a, _ in CHANGES_ITS_INPUT])
def test_an_answer_that_changes_its_input_is_told_so_by_the_further_cases(number, answer, hint):
    """Set F's answers that return the right result but change the caller's argument (a list
    popped or appended to, an array divided in place): the visible cases cannot see it, every
    key's further cases report the arguments back and name it."""
    exercise = by_number(number)
    for key in range(3):
        found = None
        for case in draw_further_cases(exercise, key):
            found = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
            if found is not None:
                break
        assert found is not None and hint in found.what, (key, found)
