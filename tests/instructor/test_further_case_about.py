"""Every further case says what kind of case it is (``case["about"]``), and the feedback on
an answer that fails it names that kind, never the case's numbers."""

import pytest

from initlib.exercises import Wrong
from instructor.exercises import EXERCISES, draw_further_cases
from instructor.judge import further_reason

KEYS = range(10)


@pytest.mark.parametrize("exercise", EXERCISES.values(), ids=lambda e: e.number)
def test_every_further_case_says_what_kind_of_case_it_is(exercise):
    kinds = []
    for key in KEYS:
        cases = draw_further_cases(exercise, key)
        for case in cases:
            about = case.get("about")
            assert isinstance(about, str) and about.strip(), (key, case.get("about"))
            assert len(about) < 100 and "\n" not in about, about
        kinds.append(sorted({case["about"] for case in cases}))
    # the same kinds for every key: no about holds a number drawn for the case
    assert all(k == kinds[0] for k in kinds), exercise.number


def test_the_reason_on_a_further_case_names_its_kind_in_parentheses():
    wrong = Wrong("W1 has the wrong shape", "layer_dims = [3, 4, 1]")
    case = {"calls": [{"args": [[3, 4, 1]]}], "about": "a layer of a single unit"}
    assert further_reason(case, wrong) == (
        "on a further case (a layer of a single unit): W1 has the wrong shape")
    # without an about (or with an empty one), the kind is left out; never the case's detail
    for plain in ({"calls": case["calls"]}, {**case, "about": ""}):
        assert further_reason(plain, wrong) == "on a further case: W1 has the wrong shape"
