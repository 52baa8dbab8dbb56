"""One student: plan each submitted notebook, run it in the sandbox, judge, write feedback."""

from dataclasses import replace

import nbformat

from tools.notebook_format import grade_id

from . import sandbox
from .feedback import write_feedback
from .judge import Score, judge_exercise, read_records, stopped_reason
from .plan import cells_after_further_cases, plan
from .safe_text import safe_text
from .suspicious import flags


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
        planned.append((notebook, handed, nb, steps, answers))
        jobs.append({"steps": steps})

    if jobs:
        run = sandbox.run_worker(jobs, cell_timeout=options.cell_timeout,
                                 notebook_timeout=options.timeout,
                                 sandboxed=not options.unsandboxed,
                                 memory=int(options.memory * (1 << 30)))
        results, endings = read_records(run.output, len(jobs))
    for k, (notebook, handed, nb, steps, answers) in enumerate(planned):
        records = results[k]
        ended = endings.get(k, "timeout" if run.ended == "timeout" else "missing")
        cell_errors, checks = {}, {}
        after_further = cells_after_further_cases(steps)
        for record in records:
            if type(record.get("cell")) is int and record.get("error"):
                error = record["error"]
                if record["cell"] in after_further and type(error) is list and error:
                    # it could hold what it saw of the further cases: keep the error's name only
                    error = [error[0], "message withheld: the cell ran after the further cases"]
                cell_errors.setdefault(record["cell"], error)
            if type(record.get("check")) is str:
                checks.setdefault(record["check"], record)
        flagged = flags(steps, course_code)
        rows = []
        for exercise in notebook.exercises:
            record = checks.get(exercise.check_id)
            if record is None:
                points, reason = 0, stopped_reason(ended, options.timeout)
            else:
                try:
                    points, reason = judge_exercise(exercise, cases[exercise.check_id], record,
                                                    answers.get(exercise.check_id), cell_errors)
                except Exception as error:  # noqa: BLE001 - a forged record is this one's zero
                    points, reason = 0, ("the worker's report for this exercise cannot be read "
                                         f"({type(error).__name__}; tampering?)")
            rows.append(_score(student, notebook, exercise, points, reason, flagged,
                               handed.note))
        scores += rows
        write_feedback(out / "feedback" / student.folder / notebook.name, nb, notebook, rows,
                       cell_errors)
    order = {nb.name: k for k, nb in enumerate(notebooks)}
    return sorted(scores, key=lambda row: order[row.notebook])
