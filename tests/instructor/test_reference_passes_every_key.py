"""The reference answer of every exercise passes the further cases of every grader key tried:
a key whose cases an honest answer fails would cost honest students points (grader key 23 once
made 3.2's own expected data fail on a redrawn layer)."""

import pytest

from initlib._protocol import call_record
from instructor.exercises import EXERCISES, draw_further_cases


def failures(exercise, keys):
    return [(key, wrong.message()[:200]) for key in keys
            for case in draw_further_cases(exercise, key)
            if (wrong := exercise.verdict(case, [call_record(exercise.reference, c)
                                                 for c in case["calls"]])) is not None]


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.number)
def test_the_reference_passes_grader_key_23(exercise):
    assert failures(exercise, [23]) == []


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.number)
def test_the_reference_passes_the_further_cases_of_40_keys(exercise):
    assert failures(exercise, range(40)) == []
