"""Judging what the worker sent back: its records read strictly, then each exercise's score.

The expected answers are computed here, in the grader's process, which never runs student
code; the judges are the exercises' own (``initlib.exercises``).
"""

import json
from dataclasses import dataclass

from .safe_text import safe_text


@dataclass(frozen=True)
class Score:
    """One student's result on one exercise."""

    student: str
    notebook: str
    exercise: str  # the check cell's grade_id, "ex1_1_check"
    points: int
    max_points: int
    reason: str
    flagged: str = ""  # why a human should look at this submission ("" when nothing)
    title: str = ""  # "Exercise 1.1": how the notebooks name it
    note: str = ""  # how the notebook was found, when not obvious (the same on its rows)


def read_records(output, notebooks):
    """The worker's JSON records, per notebook, and how each notebook's run ended.

    Malformed lines, and records for no notebook of this student, are dropped.
    """
    results, endings = [[] for _ in range(notebooks)], {}
    for line in output.splitlines():
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        k = record.get("notebook") if type(record) is dict else None
        if type(k) is not int or not 0 <= k < notebooks:
            continue
        if "ended" in record:
            if type(record["ended"]) is str:
                endings.setdefault(k, record["ended"])
        else:
            results[k].append(record)
    return results, endings


def error_text(error):
    """A cell's error record as one short line."""
    if type(error) is not list or len(error) != 2:
        return "an error"
    name, message = (str(part) for part in error)
    if name == "GradingTimeout":
        return "timed out: the cell ran too long (an endless loop?)"
    name = safe_text(name, limit=60, one_line=True)
    message = safe_text(message, limit=160, one_line=True)
    return f"{name}: {message}" if message else name


def judge_exercise(exercise, cases, record, answer_index, cell_errors):
    """(points, reason) for one exercise from the worker's check record.

    ``cases`` is (the cases the worker was given, how many of them are visible).
    """
    cases, visible = cases
    answer_error = cell_errors.get(answer_index) if answer_index is not None else None
    if record.get("defined") is not True:
        if answer_index is None:
            return 0, "answer cell missing from the submission (deleted?)"
        if answer_error:
            return 0, f"your answer cell failed: {error_text(answer_error)}"
        return 0, (f"`{exercise.function}` is not defined where the exercise is checked: "
                   "keep its name, and the answer cell before its check cell")
    outcomes = record.get("cases")
    if (type(outcomes) is not list or len(outcomes) != len(cases)
            or any(type(got) is not list or len(got) != len(case["calls"])
                   for got, case in zip(outcomes, cases, strict=True))):
        return 0, "the worker's report for this exercise is incomplete (tampering?)"
    for k, (case, records) in enumerate(zip(cases, outcomes, strict=True)):
        wrong = exercise.verdict(case, records)
        if wrong is not None:
            if k < visible:
                return 0, wrong.message()
            return 0, f"on a further case: {wrong.message(show_case=False)}"
    reason = "passed"
    if answer_index is None:
        reason += " (the answer was found outside the exercise's answer cell)"
    return exercise.points, reason


def stopped_reason(ended, timeout):
    """Why an exercise was not checked, from how its notebook's run ended."""
    if ended == "timeout":
        return (f"not checked: the notebook ran out of time (limit {timeout:g} s) before this "
                "exercise (an endless loop?)")
    if ended == "missing":
        return "not checked: the grader's run of this student stopped before this notebook"
    if ended.startswith("limit: "):
        return f"not checked: {ended[len('limit: '):]}, before this exercise"
    return "not checked: Python stopped (the submission exited or crashed) before this exercise"
