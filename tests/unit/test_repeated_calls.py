"""Two identical calls must give the same answer: an answer that keeps state between calls is
told so, and an answer whose dict comes back in another key order is not."""

import math

from initlib._protocol import call_record
from initlib.checks import _verdict
from initlib.exercises import by_number
from initlib.exercises.exercise import judge_repeats

RUNNING = [1.0]


def std_kept_between_calls(scale, n, L):
    RUNNING[0] *= (scale * math.sqrt(n)) ** L
    return RUNNING[0]


def test_a_std_kept_between_calls_is_named_by_the_check():
    RUNNING[0] = 1.0
    wrong = _verdict(by_number("2.2"), std_kept_between_calls)
    assert wrong is not None and "keeps something from one call to the next" in wrong.what


def test_identical_calls_with_equal_answers_pass_whatever_the_dicts_order():
    call = {"args": [{"W1": 1.0, "b1": 0.0}]}
    first = call_record(lambda params: dict(params), call)
    again = call_record(lambda params: dict(reversed(list(params.items()))), call)
    judge_repeats([call, call], [first, again])  # no Wrong: the same answer, keys reordered


def test_a_dict_in_another_key_order_is_another_call():
    calls = [{"args": [{"W1": 1.0, "b1": 0.0}]}, {"args": [{"b1": 0.0, "W1": 1.0}]}]
    records = [call_record(lambda params: 1.0, calls[0]),
               call_record(lambda params: 2.0, calls[1])]
    judge_repeats(calls, records)  # two different calls may get two different answers
