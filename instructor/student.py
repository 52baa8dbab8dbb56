"""One student: plan each submitted notebook, run it in the sandbox, judge, write feedback."""

from dataclasses import replace

import nbformat

from tools.notebook_format import grade_id, normalise, source

from . import sandbox
from .feedback import write_feedback
from .judge import ANSWER_MISSING, Score, run_judge
from .plan import plan
from .safe_text import safe_text
from .suspicious import flags

JUDGE_FAILED = ("not graded: this submission's answers could not be judged within the judge's "
                "memory and time limits; grade it by hand")


def grade_student(student, notebooks, cases, out, options):
    """Scores for one student, and their feedback notebooks written under ``out``.

    ``cases`` maps each check grade_id to (cases, number visible) (``further_cases.all_cases``);
    ``options`` holds ``cell_timeout``, ``timeout`` (per notebook), ``unsandboxed`` and
    ``memory`` (GiB). Whatever the submission holds, a failure here is this student's zero,
    with the reason, never the class's.
    """
    try:
        return _grade_student(student, notebooks, cases, out, options)
    except Exception as error:  # noqa: BLE001 - one submission is one fault domain
        reason = (f"not graded: the grader failed on this submission ({type(error).__name__});"
                  " grade it by hand")
        return [_score(student, nb, e, 0, reason) for nb in notebooks for e in nb.exercises]


def _score(student, notebook, exercise, points, reason, flagged="", note=""):
    return Score(student.name, notebook.name, exercise.check_id, points, exercise.points,
                 safe_text(reason, one_line=True), flagged, exercise.title,
                 safe_text(note, one_line=True))


def by_content(handed_in, notebooks):
    """{course notebook name: Handed}, where a notebook saved under another's name (02's
    exercises in a file called 01_...) is taken for the one whose exercises it holds, when that
    one was not handed in."""
    ids = {nb.name: {e.answer_id for e in nb.exercises} | {e.check_id for e in nb.exercises}
           for nb in notebooks}
    result = dict(handed_in)
    for name, handed in handed_in.items():
        if handed.notebook is None or name not in ids:
            continue
        present = {grade_id(cell) for cell in handed.notebook["cells"]}
        owners = [other for other in ids if present & ids[other]]
        if present & ids[name] or len(owners) != 1 or owners[0] in result:
            continue
        note = f"saved as {name}, it holds the exercises of {owners[0]}"
        result[owners[0]] = replace(handed, note="; ".join(filter(None, [handed.note, note])))
        del result[name]
    return result


def absent_exercises(notebook, nb):
    """The check grade_ids of ``notebook``'s exercises of which the submission ``nb`` holds
    neither the answer cell nor the check cell (by grade_id or by the check's text): a copy
    released before the exercise was added."""
    present = {grade_id(cell) for cell in nb.cells}
    texts = {normalise(source(cell)) for cell in nb.cells if cell.get("cell_type") == "code"}
    return {e.check_id for e in notebook.exercises
            if not {e.answer_id, e.check_id} & present
            and normalise(notebook.check_sources[e.check_id]) not in texts}


def predates(exercise, notebook):
    return (f"your copy predates {exercise.title}: it holds neither its answer cell nor its "
            f"check cell; download the new release of {notebook.name}, copy your answers "
            "into it and hand it in again")


def worker_steps(steps, cases):
    """The worker's steps, one call of the student's function per step, and their layout:
    ("cell", index) or ("call", check grade_id, case, call, whether the case is a further
    one)."""
    sent, layout = [], []
    for step in steps:
        if "check" not in step:
            sent.append(step)
            layout.append(("cell", step["cell"]))
            continue
        check = step["check"]
        for c, case in enumerate(cases[check][0]):
            for k, call in enumerate(case["calls"]):
                sent.append({"call": call, "check": check, "function": step["function"]})
                layout.append(("call", check, c, k, c >= cases[check][1]))
    return sent, layout


def _grade_student(student, notebooks, cases, out, options):
    scores, jobs, planned = [], [], []
    course_code = frozenset().union(*(nb.course_code for nb in notebooks))
    handed_in = by_content(student.notebooks, notebooks)
    for notebook in notebooks:
        handed = handed_in.get(notebook.name)
        if handed is None or handed.notebook is None:
            reason = (f"notebook not graded: {handed.problem}" if handed is not None
                      else "notebook not submitted")
            rows = [_score(student, notebook, e, 0, reason, note=handed.note if handed else "")
                    for e in notebook.exercises]
            scores += rows  # and feedback all the same: the student learns what was missing
            write_feedback(out / "feedback" / student.folder / notebook.name,
                           nbformat.v4.new_notebook(), notebook, rows, {})
            continue
        nb = nbformat.from_dict(handed.notebook)
        steps, answers = plan(notebook, nb, cases)
        sent, layout = worker_steps(steps, cases)
        planned.append((notebook, handed, nb, steps, answers, layout))
        jobs.append(sent)
    if not jobs:
        return _in_order(scores, notebooks)
    run = sandbox.run_worker(jobs, cell_timeout=options.cell_timeout,
                             notebook_timeout=options.timeout,
                             sandboxed=not options.unsandboxed,
                             memory=int(options.memory * (1 << 30)))
    judged = run_judge([
        {"layout": layout, "answers": answers_k, "ended": ended, "timeout": options.timeout,
         "cases": {e.check_id: cases[e.check_id] for e in notebook.exercises},
         "answer_cells": answers,
         "answer_sources": {check: source(nb.cells[i]) for check, i in answers.items()}}
        for (notebook, _, nb, _, answers, layout), answers_k, ended
        in zip(planned, run.answers, run.endings, strict=True)])
    for k, (notebook, handed, nb, steps, _, _) in enumerate(planned):
        flagged = flags(steps, course_code)
        absent = absent_exercises(notebook, nb)
        if judged is None:
            results, cell_errors = {}, {}
        else:
            results, cell_errors = judged[k]
        rows = []
        for exercise in notebook.exercises:
            points, reason = results.get(exercise.check_id, (0, JUDGE_FAILED))
            if reason == ANSWER_MISSING and exercise.check_id in absent:
                reason = predates(exercise, notebook)
            rows.append(_score(student, notebook, exercise, points, reason, flagged,
                               handed.note))
        scores += rows
        write_feedback(out / "feedback" / student.folder / notebook.name, nb, notebook, rows,
                       cell_errors)
    return _in_order(scores, notebooks)


def _in_order(scores, notebooks):
    order = {nb.name: k for k, nb in enumerate(notebooks)}
    return sorted(scores, key=lambda row: order[row.notebook])
