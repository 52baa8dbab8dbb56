"""Grade submitted notebooks: sealed, sandboxed, in parallel. Without an nbgrader database.

    python -m instructor.grade SUBMISSIONS [--out grades] [--jobs N] [--force]
                               [--timeout 20] [--cell-timeout 5] [--unsandboxed]

For each student (see ``instructor.submissions`` for the accepted layouts) the grader

1. compares every submitted code cell with the course's cells: of the course's own cells left
   unchanged, only the imports, function and class definitions and constants that the cells
   which run need are run; answer cells and cells the student added or changed run in order; check
   cells do not run at all (whatever they hold);
2. hands these cells, and at each check cell's place the calls to make, to a worker in a
   bubblewrap sandbox (``instructor.sandbox``), which sends back plain data only;
3. judges that data here, with the checkers' visible cases and the further cases of
   ``instructor.hidden_cases``: the expected values are computed in this process, which never
   runs student code.

It writes ``OUT/scores.csv`` (one row per student and exercise), ``OUT/totals.csv``,
``OUT/unrecognised.txt`` and, per student, ``OUT/feedback/<student>/<notebook>``: the student's
own cells with each exercise's score and reason. It refuses to write into an earlier run's
folder unless ``--force`` is given (which removes that run first).
"""

import argparse
import ast
import csv
import json
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from initlib.checks import EXERCISES, judge_case

from . import sandbox, submissions
from .course import ROOT, course, nbgrader, normalise
from .hidden_cases import HIDDEN
from .safe_text import safe_text

# Words that have no business in an answer to this course; a submission using them is graded
# as usual and flagged for a human to look at.
SUSPICIOUS = ("initlib.checks", "plain_data", "_getframe", "sys.modules", "builtins",
              "get_ipython", "importlib", "/proc", "subprocess", "ctypes", "os.fork",
              "os.system", "signal", "setrlimit", "gc.get_objects", "__subclasses__",
              "inspect", "/grader", "import gc", "gc.get_referr", "__globals__")


@dataclass(frozen=True)
class Score:
    """One student's result on one exercise."""

    student: str
    notebook: str
    exercise: str
    points: int
    max_points: int
    reason: str
    flagged: str = ""  # why a human should look at this submission ("" when nothing)


# ---------------------------------------------------------------- what the worker is asked

def cases_for(exercise):
    """The visible cases, then the further ones: (cases, number of visible cases)."""
    visible = list(EXERCISES[exercise.function].cases)
    return visible + list(HIDDEN.get(exercise.function, [])), len(visible)


def plan(notebook, nb):
    """The worker's steps for one submitted notebook, and what the grader needs to read them.

    Returns (steps, answers): answers maps each check grade_id to its answer cell's index in
    the submission (absent when the answer cell was deleted).
    """
    by_check = {e.check_id: e for e in notebook.exercises}
    by_check_source = {normalise(e.check_source): e for e in notebook.exercises}
    by_answer = {e.answer_id: e for e in notebook.exercises}
    cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    present = {nbgrader(c).get("grade_id") for _, c in cells}
    answers = {}
    steps, placed = [], set()

    def check_step(exercise):
        placed.add(exercise.check_id)
        cases, _ = cases_for(exercise)
        steps.append({"check": exercise.check_id, "function": exercise.function,
                      "cases": cases})

    for i, cell in cells:
        gid = nbgrader(cell).get("grade_id")
        text = normalise(cell.source)
        exercise = by_check.get(gid) or (by_check_source.get(text) if gid not in by_answer
                                         else None)
        if exercise is not None:
            if exercise.check_id not in placed:
                check_step(exercise)
        elif gid in by_answer:
            answers[by_answer[gid].check_id] = i
            steps.append({"run": cell.source, "cell": i})
            mine = by_answer[gid]
            if mine.check_id not in present and mine.check_id not in placed:
                check_step(mine)  # its check cell was deleted: check right after the answer
        elif text in notebook.course_cells:
            steps.append({"course": cell.source, "cell": i})
        else:
            steps.append({"run": cell.source, "cell": i})
    for exercise in notebook.exercises:
        if exercise.check_id not in placed:
            check_step(exercise)
    # of the unchanged course cells, only the imports and definitions the other cells use
    course_cells = [step for step in steps if "course" in step]
    names, kept = used_names(step["run"] for step in steps if "run" in step), {}
    for _ in range(10):  # definitions may use further names: until nothing new is needed
        kept = {id(step): needed_definitions(step["course"], names) for step in course_cells}
        more = names | used_names(kept.values())
        if more == names:
            break
        names = more
    for step in course_cells:
        step["course"] = kept[id(step)]
    return [step for step in steps if step.get("course", True)], answers


def _parse(source):
    try:
        return ast.parse(re.sub(r"(?m)^(\s*)[%!].*$", r"\1pass", source))
    except (SyntaxError, ValueError):
        return None


def used_names(sources):
    """Every name the given cells refer to."""
    names = set()
    for source in sources:
        tree = _parse(source)
        if tree is not None:
            names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return names


def needed_definitions(source, names):
    """The imports, functions, classes and constants of a course cell that bind ``names``.

    Nothing else of the cell runs (no call outside a function): its experiments are not
    needed to grade.
    """
    tree = _parse(source)
    kept = []
    for node in tree.body if tree is not None else []:
        if isinstance(node, ast.Import):
            node.names = [a for a in node.names if (a.asname or a.name.split(".")[0]) in names]
        elif isinstance(node, ast.ImportFrom):
            node.names = [a for a in node.names if (a.asname or a.name) in names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name not in names:
                continue
        elif isinstance(node, ast.Assign):  # a constant: no call, so nothing to wait for
            bound = {t.id for target in node.targets for t in ast.walk(target)
                     if isinstance(t, ast.Name)}
            if not bound & names or any(isinstance(n, ast.Call) for n in ast.walk(node.value)):
                continue
        else:
            continue
        if getattr(node, "names", True):
            kept.append(ast.unparse(node))
    return "\n".join(kept)


def flags(steps):
    """The suspicious words in the cells the student wrote or changed."""
    found = sorted({word for step in steps if "run" in step for word in SUSPICIOUS
                    if word in step["run"]})
    if not found:
        return ""
    return "the submission uses " + ", ".join(found) + "; review it by hand"


# ---------------------------------------------------------------- what the worker sent back

def cells_after_further_cases(steps):
    """Cells that run after the first check step, i.e. after further-case inputs were seen."""
    seen, after = False, set()
    for step in steps:
        if "check" in step:
            seen = True
        elif seen and "cell" in step:
            after.add(step["cell"])
    return after


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


def _error_text(error):
    if type(error) is not list or len(error) != 2:
        return "an error"
    name, message = (str(part) for part in error)
    if name == "GradingTimeout":
        return "timed out: the cell ran too long (an endless loop?)"
    name, message = safe_text(name, limit=60, one_line=True), safe_text(message, limit=160,
                                                                         one_line=True)
    return f"{name}: {message}" if message else name


def judge_exercise(exercise, record, answer_index, cell_errors):
    """(points, reason) for one exercise from the worker's check record."""
    cases, visible = cases_for(exercise)
    answer_error = cell_errors.get(answer_index) if answer_index is not None else None
    if record.get("defined") is not True:
        if answer_index is None:
            return 0, "answer cell missing from the submission (deleted?)"
        if answer_error:
            return 0, f"your answer cell failed: {_error_text(answer_error)}"
        return 0, (f"`{exercise.function}` is not defined where the exercise is checked: "
                   "keep its name, and the answer cell before its check cell")
    outcomes = record.get("cases")
    if (type(outcomes) is not list or len(outcomes) != len(cases)
            or any(type(got) is not list or len(got) != len(case["calls"])
                   for got, case in zip(outcomes, cases, strict=True))):
        return 0, "the worker's report for this exercise is incomplete (tampering?)"
    for k, (case, records) in enumerate(zip(cases, outcomes, strict=True)):
        wrong = judge_case(exercise.function, case, records)
        if wrong is not None:
            if k < visible:
                return 0, wrong.message()
            return 0, f"on a further case: {wrong.message(show_case=False)}"
    reason = "passed"
    if answer_index is None:
        reason += " (the answer was found outside the exercise's answer cell)"
    return exercise.points, reason


def stopped_reason(ended, timeout):
    if ended == "timeout":
        return (f"not checked: the notebook ran out of time (limit {timeout:g} s) before this "
                "exercise (an endless loop?)")
    if ended == "missing":
        return "not checked: the grader's run of this student stopped before this notebook"
    if ended.startswith("limit: "):
        return f"not checked: {ended[len('limit: '):]}, before this exercise"
    return "not checked: Python stopped (the submission exited or crashed) before this exercise"


# ---------------------------------------------------------------- one student

def grade_student(student, notebooks, out, options):
    """Scores for one student, and their feedback notebooks written under ``out``.

    Whatever the submission holds, a failure here is this student's zero, not the class's.
    """
    try:
        return _grade_student(student, notebooks, out, options)
    except Exception as error:  # noqa: BLE001 - one submission is one fault domain
        reason = (f"not graded: the grader failed on this submission ({type(error).__name__});"
                  " grade it by hand")
        return [Score(student.name, nb.name, e.check_id, 0, e.points, reason)
                for nb in notebooks for e in nb.exercises]


def _grade_student(student, notebooks, out, options):
    scores, jobs, planned = [], [], []
    for notebook in notebooks:
        handed = student.notebooks.get(notebook.name)
        if handed is None or handed.notebook is None:
            reason = (f"notebook not graded: {handed.problem}" if handed is not None
                      else "notebook not submitted")
            scores += [Score(student.name, notebook.name, e.check_id, 0, e.points,
                             safe_text(reason, one_line=True)) for e in notebook.exercises]
            continue
        nb = nbformat.from_dict(handed.notebook)
        steps, answers = plan(notebook, nb)
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
        flagged = flags(steps)
        rows = []
        for exercise in notebook.exercises:
            record = checks.get(exercise.check_id)
            if record is None:
                points, reason = 0, stopped_reason(ended, options.timeout)
            else:
                try:
                    points, reason = judge_exercise(exercise, record,
                                                    answers.get(exercise.check_id), cell_errors)
                except Exception as error:  # noqa: BLE001 - a forged record is this one's zero
                    points, reason = 0, ("the worker's report for this exercise cannot be read "
                                         f"({type(error).__name__}; tampering?)")
            if handed.note:
                reason += f" (note: {handed.note})"
            rows.append(Score(student.name, notebook.name, exercise.check_id, points,
                              exercise.points, safe_text(reason, one_line=True), flagged))
        scores += rows
        write_feedback(out / "feedback" / student.folder / notebook.name, nb, notebook, rows,
                       cell_errors)
    order = {nb.name: k for k, nb in enumerate(notebooks)}
    return sorted(scores, key=lambda row: order[row.notebook])


def write_feedback(path, nb, notebook, rows, cell_errors):
    """The student's own cells, outputs cleared, with each exercise's result after its check."""
    by_check = {row.exercise: row for row in rows}
    check_ids = {e.check_id for e in notebook.exercises}
    check_sources = {normalise(e.check_source): e.check_id for e in notebook.exercises}
    total = sum(r.points for r in rows), sum(r.max_points for r in rows)
    cells = [nbformat.v4.new_markdown_cell(
        f"# Feedback: {notebook.name}\n\n**{total[0]} / {total[1]} points**\n\n"
        + "\n".join(f"- {_plain(r.exercise)}: {r.points} / {r.max_points} - {_plain(r.reason)}"
                    for r in rows))]
    shown = set()
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            copy = nbformat.v4.new_code_cell(cell.source)
            gid = nbgrader(cell).get("grade_id")
            cells.append(copy)
            if i in cell_errors:
                cells.append(nbformat.v4.new_markdown_cell(
                    f"> This cell raised {_plain(_error_text(cell_errors[i]))}"))
            gid = gid if gid in check_ids else check_sources.get(normalise(cell.source))
            if gid in by_check and gid not in shown:
                shown.add(gid)
                row = by_check[gid]
                cells.append(nbformat.v4.new_markdown_cell(
                    f"**{_plain(gid)}: {row.points} / {row.max_points}** - {_plain(row.reason)}"))
        elif cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
    feedback = nbformat.v4.new_notebook(cells=cells)
    feedback.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(feedback, path)


def _plain(text):
    return safe_text(text).replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- the whole class

def prepare_output(out, force):
    """A new, empty folder beside ``out`` to grade into; an earlier run in ``out`` is replaced
    (by ``publish``, at the end) only with --force."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} holds an earlier run; use --force (make grade ... FORCE=1) "
                             "to replace it")
        if not (out / "scores.csv").is_file():
            raise SystemExit(f"{out} is not empty and holds no scores.csv: refusing to remove "
                             "it; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    return work


def publish(work, out):
    """Put the finished run in ``out``; the earlier run is removed only then."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    work.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def summary_lines(scores, totals):
    lines = []
    for student, (got, best) in totals.items():
        lines.append(f"  {safe_text(student, limit=60, one_line=True):20s} {got:3d} / {best}")
        for row in scores:
            if row.student == student and (row.points < row.max_points or row.flagged):
                reason = safe_text(row.reason, limit=150, one_line=True)
                lines.append(f"      {row.exercise:14s} {row.points} / {row.max_points}  {reason}")
                if row.flagged:
                    lines.append(f"      {'':14s} FLAGGED: {safe_text(row.flagged, one_line=True)}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of the submissions")
    parser.add_argument("--out", type=Path, default=ROOT / "grades")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="students graded at the same time (default: the number of cores)")
    parser.add_argument("--timeout", type=float, default=20,
                        help="wall-clock seconds per notebook (default 20)")
    parser.add_argument("--cell-timeout", type=float, default=5,
                        help="seconds per cell and per call of an answer (default 5)")
    parser.add_argument("--memory", type=float, default=sandbox.MEMORY / (1 << 30),
                        help="GiB of memory for each submission, its /tmp files included "
                             f"(default {sandbox.MEMORY / (1 << 30):g})")
    parser.add_argument("--force", action="store_true", help="replace an earlier run in --out")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="run submissions without bubblewrap (only for trusted submissions)")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks",
                        help="the instructor's notebooks (default: notebooks/)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(errors="backslashreplace")  # a terminal that cannot show a name
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS={args.submissions} is not a folder")
    if args.jobs < 1:
        parser.error(f"--jobs={args.jobs} must be at least 1")
    if not 0.25 <= args.memory <= 64:
        parser.error(f"--memory={args.memory} must be between 0.25 and 64 (GiB)")
    if not args.unsandboxed:
        try:
            sandbox.check_sandbox()
        except sandbox.SandboxUnavailable as error:
            print(f"Refusing to grade: {error}", file=sys.stderr)
            return 2
    for problem in sandbox.limit_problems():
        print(f"Warning: {problem}", file=sys.stderr)
    start = time.monotonic()
    notebooks = course(args.notebooks)
    students, unrecognised = submissions.find(args.submissions, [nb.name for nb in notebooks])
    if not students:
        parser.error(f"no student folders in {args.submissions}")
    work = prepare_output(args.out, args.force)
    try:
        report = _grade_class(args, notebooks, students, unrecognised, work, start)
        publish(work, args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a failed or interrupted run leaves no trace
    print("\n".join(report))
    return 0


def _grade_class(args, notebooks, students, unrecognised, out, start):
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        per_student = list(pool.map(
            lambda s: grade_student(s, notebooks, out, args), students))
    scores = [row for rows in per_student for row in rows]
    seconds = time.monotonic() - start
    folders = {s.name: s.folder for s in students}

    with open(out / "scores.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebook", "exercise", "points", "max_points", "reason",
                         "flagged", "feedback_folder"])
        writer.writerows([r.student, r.notebook, r.exercise, r.points, r.max_points, r.reason,
                          r.flagged, folders[r.student]] for r in scores)
    totals = {}
    for row in scores:
        got, best = totals.get(row.student, (0, 0))
        totals[row.student] = (got + row.points, best + row.max_points)
    with open(out / "totals.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "points", "max_points", "feedback_folder"])
        writer.writerows([s, got, best, folders[s]] for s, (got, best) in totals.items())
    (out / "unrecognised.txt").write_text(
        "".join(f"{safe_text(u, one_line=True)}\n" for u in unrecognised), encoding="utf-8")

    mode = "UNSANDBOXED" if args.unsandboxed else "sandboxed"
    report = [f"Graded {len(students)} student(s) on {len(notebooks)} notebook(s) in "
              f"{seconds:.1f} s, reading included ({args.jobs} at a time, {mode}); scores in "
              f"{args.out / 'scores.csv'}", *summary_lines(scores, totals)]
    if unrecognised:
        report.append(f"Unrecognised notebook files ({len(unrecognised)}), not graded:")
        report += [f"  {safe_text(u, one_line=True)}" for u in unrecognised]
    return report


if __name__ == "__main__":
    sys.exit(main())
