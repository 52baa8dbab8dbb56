"""Grade submitted notebooks: sealed, sandboxed, in parallel. Without an nbgrader database.

    python -m instructor.grade SUBMISSIONS [--out grades] [--jobs N] [--force] [--key PATH]
                               [--timeout 20] [--cell-timeout 10] [--memory 2] [--unsandboxed]
                               [--rename OLD=NEW] [--scheduler local|tcp://host:8786]

For each student (see ``instructor.submissions`` for the accepted layouts) the grader

1. compares every submitted code cell with the course's cells: of the course's own cells left
   unchanged, only the imports, function and class definitions and constants that the cells
   which run need are run; answer cells and cells the student added or changed run in order; check
   cells do not run at all (whatever they hold);
2. hands these cells, and at each check cell's place the calls to make, to a worker in a
   bubblewrap sandbox (``instructor.sandbox``), which sends back plain data only;
3. judges that data here, with each exercise's visible cases and its further cases, drawn
   from its generator in ``initlib.exercises`` (``instructor.further_cases``): the expected
   values are computed in this process, which never runs student code. The further cases are
   drawn from the instructor's secret key (``--key``, see ``instructor.further_cases``).

One module per step: ``plan`` (1), ``sandbox`` and ``worker`` (2), ``judge`` (3), with
``suspicious`` (what gets a submission flagged), ``student`` (one student) and ``feedback``
(what a student gets back); this module is the command line and the class. The class is
graded on this machine, ``--jobs`` students at a time, or through a Dask scheduler's workers
(``--scheduler``, ``instructor.cluster``), with the same results.

It writes ``OUT/scores.csv`` (one row per student and exercise, named as the notebooks name
it, "Exercise 2.1"), ``OUT/totals.csv``, ``OUT/notes.csv`` (how a notebook was found, when not
obvious: once per notebook), ``OUT/unrecognised.txt``, ``OUT/key_fingerprint.txt`` (which
key the further cases were drawn from, ``instructor.key_fingerprint``) and, per student and
course notebook (handed in or not), ``OUT/feedback/<folder>/<notebook>``: the student's own
cells with each exercise's score and reason. It refuses to replace an earlier run's folder
unless ``--force`` is given; a run is written to a temporary folder beside ``OUT`` and
moved into place when complete, so a failed or interrupted run leaves the earlier one intact.
"""

import argparse
import csv
import os
import resource
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.notebook_format import NOTEBOOKS, ROOT

from . import key_fingerprint, sandbox, submissions
from .cluster import ClusterProblem, grade_on_cluster
from .course import course
from .further_cases import DEFAULT_KEY, KeyProblem, all_cases, load_key
from .lms import parse_renames
from .safe_text import csv_cell, safe_text
from .student import grade_student

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
    """Each student's total, then each notebook's note (once) and each exercise not passed."""
    lines = []
    for student, (got, best) in totals.items():
        lines.append(f"  {safe_text(student, limit=60, one_line=True):20s} {got:3d} / {best}")
        noted = set()
        for row in scores:
            if row.student == student and row.note and row.notebook not in noted:
                noted.add(row.notebook)
                lines.append(f"      {row.notebook}: {safe_text(row.note, one_line=True)}")
            if row.student == student and (row.points < row.max_points or row.flagged):
                reason = safe_text(row.reason, limit=150, one_line=True)
                lines.append(f"      {row.title:14s} {row.points} / {row.max_points}  {reason}")
                if row.flagged:
                    lines.append(f"      {'':14s} FLAGGED: {safe_text(row.flagged, one_line=True)}")
    return lines


def write_tables(out, scores, unrecognised, folders):
    """scores.csv, totals.csv and unrecognised.txt in ``out`` (UTF-8, safe text); the totals
    by student. ``folders`` maps each student to their feedback folder."""
    with open(out / "scores.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebook", "exercise", "grade_id", "points", "max_points",
                         "reason", "flagged", "feedback_folder"])
        writer.writerows([csv_cell(cell) for cell in (
            r.student, r.notebook, r.title, r.exercise, r.points, r.max_points, r.reason,
            r.flagged, folders[r.student])] for r in scores)
    notes = {(r.student, r.notebook): r.note for r in scores if r.note}
    with open(out / "notes.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebook", "note"])
        writer.writerows([csv_cell(student), csv_cell(notebook), csv_cell(note)]
                         for (student, notebook), note in notes.items())
    totals = {}
    for row in scores:
        got, best = totals.get(row.student, (0, 0))
        totals[row.student] = (got + row.points, best + row.max_points)
    with open(out / "totals.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "points", "max_points", "feedback_folder"])
        writer.writerows([csv_cell(s), got, best, csv_cell(folders[s])]
                         for s, (got, best) in totals.items())
    (out / "unrecognised.txt").write_text(
        "".join(f"{safe_text(u, one_line=True)}\n" for u in unrecognised), encoding="utf-8")
    return totals


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder of the submissions")
    parser.add_argument("--out", type=Path, default=ROOT / "grades")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="students graded at the same time (default: the number of cores)")
    parser.add_argument("--timeout", type=float, default=20,
                        help="CPU seconds per notebook (default 20; a few times that in "
                             "wall time when the machine is busy)")
    parser.add_argument("--cell-timeout", type=float, default=10,
                        help="CPU seconds per cell and per call of an answer (default 10: above "
                             "the course's budget of 8 s for any one cell)")
    parser.add_argument("--memory", type=float, default=sandbox.MEMORY / (1 << 30),
                        help="GiB of memory for each submission, its /tmp files included "
                             f"(default {sandbox.MEMORY / (1 << 30):g})")
    parser.add_argument("--force", action="store_true", help="replace an earlier run in --out")
    parser.add_argument("--key", type=Path, default=DEFAULT_KEY,
                        help="the secret key the further cases are drawn from, kept outside "
                             f"the repository (default {DEFAULT_KEY}, created on first use)")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="run submissions without bubblewrap (only for trusted submissions)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS,
                        help="the instructor's notebooks (default: notebooks/)")
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW",
                        help="take a handed-in file OLD for the course notebook NEW "
                             "(03_he_initialization_gustav.ipynb=03_he_initialization.ipynb);"
                             " repeat for more")
    parser.add_argument("--scheduler", default=None,
                        help="grade through Dask: 'local' (a cluster of --jobs workers on "
                             "this machine) or a scheduler's address, tcp://host:8786 "
                             "(instructor.cluster); default: this machine, --jobs threads")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(errors="backslashreplace")  # a terminal that cannot show a name
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS={args.submissions} is not a folder")
    if args.jobs < 1:
        parser.error(f"--jobs={args.jobs} must be at least 1")
    try:
        renames = parse_renames(args.rename)
    except ValueError as error:
        parser.error(str(error))
    if args.scheduler and args.unsandboxed:
        parser.error("--unsandboxed grades on this machine only, never through a scheduler")
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
    # grades already drawn from a key: a missing key is an error, never a silent new one
    earlier = [p for p in (args.out, *args.out.parent.glob("*/")) if (p / "scores.csv").is_file()]
    try:
        seed, created = load_key(args.key, create=not earlier)
    except KeyProblem as error:
        hint = (f"; {earlier[0]} holds grades drawn from a key: give that key with --key "
                "(make grade KEY=...) or grade into a new --out" if earlier else "")
        print(f"Refusing to grade: {error}{hint}", file=sys.stderr)
        return 2
    if created:
        print(created, file=sys.stderr)
    for folder, other in key_fingerprint.disagreeing(earlier, seed):
        print(f"Refusing to grade: {folder} holds grades drawn from the key with fingerprint "
              f"{other}, and {args.key} has fingerprint {key_fingerprint.fingerprint(seed)}: "
              "give that key with --key (make grade KEY=...), or grade into a folder of its "
              "own", file=sys.stderr)
        return 2
    start = time.monotonic()  # reading the submissions is part of the time
    try:
        notebooks = course(args.notebooks)
    except ValueError as error:  # a notebook's points or cells disagree with the registry
        print(f"Refusing to grade: {error}", file=sys.stderr)
        return 2
    unknown = sorted(set(renames.values()) - {nb.name for nb in notebooks})
    if unknown:
        parser.error(f"--rename to {unknown[0]!r}, which is none of the graded notebooks: "
                     + ", ".join(nb.name for nb in notebooks))
    cases = all_cases(notebooks, seed)
    students, unrecognised = submissions.find(args.submissions, [nb.name for nb in notebooks],
                                              renames)
    if not students:
        parser.error(f"no student folders in {args.submissions}")
    work = prepare_output(args.out, args.force)
    by_worker = {}
    try:
        if args.scheduler:
            try:
                per_student, by_worker = grade_on_cluster(students, notebooks, cases, work, args)
            except ClusterProblem as error:
                print(f"Refusing to grade: {error}", file=sys.stderr)
                return 2
        else:
            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                per_student = list(pool.map(
                    lambda s: grade_student(s, notebooks, cases, work, args), students))
        scores = [row for rows in per_student for row in rows]
        totals = write_tables(work, scores, unrecognised,
                              {s.name: s.folder for s in students})
        key_fingerprint.write(work, seed)
        publish(work, args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a failed or interrupted run leaves no trace
    seconds = time.monotonic() - start

    mode = "UNSANDBOXED" if args.unsandboxed else "sandboxed"
    where = (f"{args.jobs} at a time" if not args.scheduler else
             f"through {args.scheduler}, by {len(by_worker)} worker(s): " + ", ".join(
                 f"{worker} {count}" for worker, count in sorted(by_worker.items())))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"Graded {len(students)} student(s) on {len(notebooks)} notebook(s) in "
          f"{seconds:.1f} s, reading included ({where}, {mode}); scores in "
          f"{args.out / 'scores.csv'}; the grader's own peak memory {peak:.0f} MB; key "
          f"fingerprint {key_fingerprint.fingerprint(seed)}")
    print("\n".join(summary_lines(scores, totals)))
    if unrecognised:
        print(f"Unrecognised notebook files ({len(unrecognised)}), not graded:")
        print("\n".join(f"  {safe_text(u, one_line=True)}" for u in unrecognised))
    return 0


if __name__ == "__main__":
    sys.exit(main())
