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
3. judges that data here, with each exercise's visible cases and its further cases, drawn
   from its generator in ``initlib.exercises`` (``instructor.further_cases``): the expected
   values are computed in this process, which never runs student code.

One module per step: ``plan`` (1), ``sandbox`` and ``worker`` (2), ``judge`` (3), with
``suspicious`` (what gets a submission flagged), ``student`` (one student) and ``feedback``
(what a student gets back); this module is the command line and the class.

It writes ``OUT/scores.csv`` (one row per student and exercise), ``OUT/totals.csv``,
``OUT/unrecognised.txt`` and, per student, ``OUT/feedback/<student>/<notebook>``: the student's
own cells with each exercise's score and reason. It refuses to write into an earlier run's
folder unless ``--force`` is given (which removes that run first).
"""

import argparse
import csv
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.notebook_format import NOTEBOOKS, ROOT

from . import sandbox, submissions
from .course import course
from .further_cases import all_cases
from .student import grade_student

# ---------------------------------------------------------------- the whole class

def prepare_output(out, force):
    """An empty output folder; an earlier run is removed only with --force."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out} holds an earlier run; use --force (make grade ... FORCE=1) "
                             "to replace it")
        if not (out / "scores.csv").is_file():
            raise SystemExit(f"{out} is not empty and holds no scores.csv: refusing to remove "
                             "it; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def summary_lines(scores, totals):
    lines = []
    for student, (got, best) in totals.items():
        lines.append(f"  {student:20s} {got:3d} / {best}")
        for row in scores:
            if row.student == student and (row.points < row.max_points or row.flagged):
                reason = re.sub(r"\s+", " ", row.reason)
                if len(reason) > 150:
                    reason = reason[:147] + "..."
                lines.append(f"      {row.exercise:14s} {row.points} / {row.max_points}  {reason}")
                if row.flagged:
                    lines.append(f"      {'':14s} FLAGGED: {row.flagged}")
    return lines


def write_tables(out, scores, unrecognised):
    """scores.csv, totals.csv and unrecognised.txt in ``out``; the totals by student."""
    with open(out / "scores.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebook", "exercise", "points", "max_points", "reason",
                         "flagged"])
        writer.writerows([r.student, r.notebook, r.exercise, r.points, r.max_points, r.reason,
                          r.flagged] for r in scores)
    totals = {}
    for row in scores:
        got, best = totals.get(row.student, (0, 0))
        totals[row.student] = (got + row.points, best + row.max_points)
    with open(out / "totals.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "points", "max_points"])
        writer.writerows([s, got, best] for s, (got, best) in totals.items())
    (out / "unrecognised.txt").write_text("".join(f"{u}\n" for u in unrecognised))
    return totals


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
    parser.add_argument("--force", action="store_true", help="replace an earlier run in --out")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="run submissions without bubblewrap (only for trusted submissions)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS,
                        help="the instructor's notebooks (default: notebooks/)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS={args.submissions} is not a folder")
    if args.jobs < 1:
        parser.error(f"--jobs={args.jobs} must be at least 1")
    if not args.unsandboxed:
        try:
            sandbox.check_sandbox()
        except sandbox.SandboxUnavailable as error:
            print(f"Refusing to grade: {error}", file=sys.stderr)
            return 2
    notebooks = course(args.notebooks)
    cases = all_cases(notebooks)
    students, unrecognised = submissions.find(args.submissions, [nb.name for nb in notebooks])
    if not students:
        parser.error(f"no student folders in {args.submissions}")
    prepare_output(args.out, args.force)

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        per_student = list(pool.map(
            lambda s: grade_student(s, notebooks, cases, args.out, args), students))
    scores = [row for rows in per_student for row in rows]
    seconds = time.monotonic() - start

    totals = write_tables(args.out, scores, unrecognised)

    mode = "UNSANDBOXED" if args.unsandboxed else "sandboxed"
    print(f"Graded {len(students)} student(s) on {len(notebooks)} notebook(s) in "
          f"{seconds:.1f} s ({args.jobs} at a time, {mode}); scores in {args.out / 'scores.csv'}")
    print("\n".join(summary_lines(scores, totals)))
    if unrecognised:
        print(f"Unrecognised notebook files ({len(unrecognised)}), not graded:")
        print("\n".join(f"  {u}" for u in unrecognised))
    return 0


if __name__ == "__main__":
    sys.exit(main())
