"""Judging a submission's answers, in a process of its own, never in the grading coordinator.

The answers are whatever the student's process wrote (``instructor.worker``), so they are
read here under limits of their own: each answer's JSON is counted before it is parsed (lists,
dicts, items), and the whole judging runs in a child process with its own memory and CPU
limits (``run_judge``), so a hostile answer costs at most that process. The expected answers
are computed here; the judges are the exercises' own.

What the student's process produced after the first further case was sent to it could carry
what it saw: its cells' errors are reported in fixed words, and its calls' exceptions keep
neither their message nor their type's name (but for a timeout and NotImplementedError,
which have fixed words of their own).
"""

import json
import multiprocessing
import resource
from dataclasses import dataclass

from .safe_text import safe_text

JUDGE_MEMORY = 3 << 30  # bytes of address space for judging one submission
JUDGE_CPU = 120  # CPU seconds for judging one submission
JUDGE_WALL = 600  # wall seconds before the coordinator gives up on it
MAX_CONTAINERS = 200_000  # JSON lists and dicts in one answer (an array is one string)
MAX_ITEMS = 2_500_000  # JSON commas in one answer
UNREAD = "the answers for this exercise could not be read (too large or malformed: tampering?)"
WITHHELD = "an error (not shown: the cell ran after the further cases)"
KEPT_NAMES = {"NotImplementedError", "GradingTimeout"}  # each has fixed words of its own
ANSWER_MISSING = "answer cell missing from the submission (deleted?)"


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


def parse(raw):
    """One answer's JSON as a dict, or None; its cost is counted before it is parsed."""
    if (raw.count(b"[") + raw.count(b"{") > MAX_CONTAINERS
            or raw.count(b",") > MAX_ITEMS):
        return None
    try:
        answer = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return answer if type(answer) is dict else None


def error_text(error):
    """A cell's error record as one short, safe line."""
    if type(error) is not list or len(error) != 2:
        return "an error"
    name, message = (str(part) for part in error)
    if name == "GradingTimeout":
        return "timed out: the cell ran too long (an endless loop?)"
    name = safe_text(name, limit=60, one_line=True)
    message = safe_text(message, limit=160, one_line=True)
    return f"{name}: {message}" if message else name


def withheld(record):
    """A call's record produced after a further case: what the judges need, nothing more."""
    record = dict(record)
    raised = record.get("raised")
    if raised is not None:
        name = raised[0] if type(raised) is list and raised and type(raised[0]) is str else ""
        record["raised"] = [name if name in KEPT_NAMES else "Exception", ""]
    for key in ("value", "args_after"):
        if key in record and "$unsupported" in json.dumps(record[key]):
            record[key] = {"$unsupported": "an object"}
    return record


def judge_exercise(exercise, cases, record, answer_index, cell_errors, answer_source=None):
    """(points, reason) for one exercise from its calls' records.

    ``cases`` is (the cases, how many of them are visible); ``record`` is ``{"defined":
    bool, "cases": [[call record, ...], ...]}``; ``answer_source`` is the answer cell's text,
    read for calls of the initlib function that does the exercise (never measured while the
    answer runs).
    """
    cases, visible = cases
    if record.get("defined") is not True:
        if answer_index is None:
            return 0, ANSWER_MISSING
        if answer_index in cell_errors:
            return 0, f"your answer cell failed: {cell_errors[answer_index]}"
        return 0, (f"`{exercise.function}` is not defined where the exercise is checked: "
                   "keep its name, and the answer cell before its check cell")
    reused = exercise.reuse_verdict(answer_source) if answer_source else None
    if reused is not None:
        return 0, reused.message()
    for k, (case, records) in enumerate(zip(cases, record["cases"], strict=True)):
        wrong = exercise.verdict(case, records, cases[:k])
        if wrong is not None:
            if k < visible:
                return 0, wrong.message()
            return 0, further_reason(case, wrong)
    reason = "passed"
    if answer_index is None:
        reason += " (the answer was found outside the exercise's answer cell)"
    return exercise.points, reason


def further_reason(case, wrong):
    """What a student reads for an answer that fails the further case ``case``: its kind
    (``case["about"]``, in words, when the exercise gives one) and the judge's finding, never
    the case's numbers."""
    about = case.get("about")
    kind = f" ({about})" if isinstance(about, str) and about else ""
    return f"on a further case{kind}: {wrong.message(show_case=False)}"


def stopped_reason(ended, timeout):
    """Why an exercise was not checked, from how its notebook's run ended."""
    if ended == "timeout":
        return (f"not checked: the notebook ran out of time (limit {timeout:g} s of CPU time) "
                "before this exercise was checked (an endless loop?)")
    if ended == "missing":
        return "not checked: the grader's run of this student stopped before this notebook"
    if ended.startswith("limit: "):
        return f"not checked: {ended[len('limit: '):]}, before this exercise was checked"
    return ("not checked: Python stopped (the submission exited or crashed) before this "
            "exercise was checked")


def judge_notebook(job):
    """``job``: the layout of a notebook's steps, its raw answers and how its run ended, with
    its exercises' cases. Returns ({check_id: (points, reason)}, {cell index: error text})."""
    from .course import BY_CHECK_ID

    cell_errors, calls, defined, tainted, unread = {}, {}, {}, False, set()
    for place, raw in zip(job["layout"], job["answers"], strict=False):
        answer = parse(raw)
        if answer is None:
            unread.add(place[1])
            answer = {}
        if place[0] == "cell":
            error = answer.get("error")
            if error:
                cell_errors.setdefault(place[1], WITHHELD if tainted else error_text(error))
            continue
        _, check, case, call, further = place
        tainted = tainted or further
        defined[check] = defined.get(check, True) and answer.get("defined") is True
        calls[(check, case, call)] = withheld(answer) if tainted else answer
    results = {}
    for check, (cases, visible) in job["cases"].items():
        exercise = BY_CHECK_ID[check]
        records = [[calls.get((check, c, k)) for k in range(len(case["calls"]))]
                   for c, case in enumerate(cases)]
        if check in unread:
            results[check] = (0, UNREAD)
            continue
        complete = all(r is not None for rs in records for r in rs)
        if check not in defined or (defined[check] and not complete):
            results[check] = (0, stopped_reason(job["ended"], job["timeout"]))
            continue
        record = {"defined": defined[check], "cases": records}
        try:
            results[check] = judge_exercise(exercise, (cases, visible), record,
                                            job["answer_cells"].get(check), cell_errors,
                                            job.get("answer_sources", {}).get(check))
        except Exception as error:  # noqa: BLE001 - a forged record is this one's zero
            results[check] = (0, f"{UNREAD} ({type(error).__name__})")
    return results, cell_errors


def _child(connection, jobs):
    resource.setrlimit(resource.RLIMIT_AS, (JUDGE_MEMORY, JUDGE_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (JUDGE_CPU, JUDGE_CPU))
    connection.send([judge_notebook(job) for job in jobs])
    connection.close()


_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["instructor.judge", "instructor.course"])


def run_judge(jobs):
    """``judge_notebook`` of each job, in a child process of its own; None when it failed
    (out of memory or time: the answers of this submission could not be judged)."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(send, jobs), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(JUDGE_WALL):
            return receive.recv()
        return None
    except (EOFError, OSError):
        return None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
