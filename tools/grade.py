"""Grade submitted notebooks without an nbgrader database.

    python tools/grade.py SUBMISSIONS [--out grades] [--timeout 60] [--notebook NAME ...]

SUBMISSIONS holds one folder per student, each with that student's copies of the course
notebooks (as handed out by ``make student``, then filled in). For every student and notebook
the grader

1. starts from the student's notebook (cells the student added stay, as with
   ``nbgrader autograde``) and puts back the instructor's check cells from ``notebooks/``,
   hidden tests included, each after a reload of the checkers, matched by nbgrader
   ``grade_id``; answers that refer to ``initlib.checks`` are flagged for review;
2. runs it top to bottom in a fresh kernel, with a time limit per cell, carrying on after
   errors;
3. scores each check cell: its points if it ran without error, else 0 with the reason.

It writes ``OUT/scores.csv`` (one row per student and exercise), ``OUT/totals.csv`` and the
executed notebooks ``OUT/<student>/<notebook>`` (the feedback), and prints a summary. A
submission that crashes, loops, deletes cells or is missing gets zeros with a reason; the
grader itself carries on.
"""

import argparse
import csv
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync

ROOT = Path(__file__).resolve().parent.parent
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def exercises(nb):
    """(check cell index, grade_id, points) for every graded cell of a notebook."""
    return [(i, nbgrader_meta(c)["grade_id"], nbgrader_meta(c).get("points", 0))
            for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade")]


def answer_for(check_index, nb):
    """The solution cell that an exercise's check cell checks: the nearest one above it."""
    for i in range(check_index - 1, -1, -1):
        if nbgrader_meta(nb.cells[i]).get("solution"):
            return i
    return None


def error_text(cell, timeout=None):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            if out.get("ename") in ("CellTimeoutError", "KeyboardInterrupt"):
                return f"timed out (limit {timeout} s per cell): an endless loop?"
            return f"{out.get('ename')}: {out.get('evalue')}".strip()
    return None


CHECKER_NAMES = ("initlib.checks", "CheckFailed", "_fail", "_passed")
RESET = "import importlib as _il, initlib.checks as _checks\n_il.reload(_checks)"
OUTPUT_LIMIT = 20_000  # characters kept per output in the feedback notebooks


def merge(source_nb, submitted):
    """The student's notebook with the instructor's check cells put back.

    Cells the student added or changed stay as they are (as with ``nbgrader autograde``);
    every graded check cell is replaced by the instructor's version, hidden tests included,
    and preceded by a cell that reloads the checkers (undoing any tampering). A deleted
    answer cell is replaced by the placeholder; a deleted check cell is put back after its
    answer cell. Returns the merged notebook and the grade_ids of missing answer cells.
    """
    nb = nbformat.from_dict(submitted)
    source_cells = {nbgrader_meta(c).get("grade_id"): c for c in source_nb.cells
                    if nbgrader_meta(c).get("grade_id")}
    cells = []
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        original = source_cells.get(gid)
        if original is not None and not nbgrader_meta(original).get("solution"):
            cell = nbformat.from_dict(original)  # check or locked cell: the instructor's own
        cells.append(cell)
    present = {nbgrader_meta(c).get("grade_id") for c in cells}
    missing = set()
    for i, original in enumerate(source_nb.cells):
        gid = nbgrader_meta(original).get("grade_id")
        if gid is None or gid in present:
            continue
        anchor = None  # put it after the nearest graded cell above it in the source
        for earlier in reversed(source_nb.cells[:i]):
            earlier_id = nbgrader_meta(earlier).get("grade_id")
            positions = [k for k, c in enumerate(cells)
                         if nbgrader_meta(c).get("grade_id") == earlier_id]
            if earlier_id and positions:
                anchor = positions[0]
                break
        cell = nbformat.from_dict(original)
        if nbgrader_meta(original).get("solution"):
            cell.source = STUB
            missing.add(gid)
        cells.insert(len(cells) if anchor is None else anchor + 1, cell)
        present.add(gid)
    nb.cells = []
    for cell in cells:
        if nbgrader_meta(cell).get("grade"):
            nb.cells.append(nbformat.v4.new_code_cell(RESET, metadata={"grader_reset": True}))
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        nb.cells.append(cell)
    return nb, missing


def as_feedback(nb):
    """The executed notebook without grader-only cells, hidden tests or huge outputs."""
    nb.cells = [c for c in nb.cells if not c.metadata.get("grader_reset")]
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade"):
            cell.source = re.sub(r"\n?### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "\n",
                                 cell.source, flags=re.S).strip()
        for out in cell.get("outputs", []):
            if len(out.get("text", "")) > OUTPUT_LIMIT:
                out["text"] = out["text"][:OUTPUT_LIMIT] + "\n[... output cut by the grader]\n"
    return nb


def grade_notebook(source_nb, submission_path, timeout):
    """Return (rows, executed notebook or None); rows are (grade_id, points, max, reason)."""
    graded = exercises(source_nb)
    if not submission_path.exists():
        return [(gid, 0, pts, "notebook not submitted") for _, gid, pts in graded], None
    try:
        submitted = nbformat.read(submission_path, as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable file is the student's zero
        return [(gid, 0, pts, f"notebook unreadable: {error}") for _, gid, pts in graded], None
    nb, missing = merge(source_nb, submitted)
    tampering = any(name in c.source for c in nb.cells if not nbgrader_meta(c).get("grade")
                    and not c.metadata.get("grader_reset") for name in CHECKER_NAMES)

    with tempfile.TemporaryDirectory() as sockets:
        # IPC transport: no network port, and no "running over TCP" warning per notebook
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                           ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=True,
                                interrupt_on_timeout=True,
                                resources={"metadata": {"path": str(ROOT / "notebooks")}})
        died_at = None
        try:
            client.execute()
        except DeadKernelError:
            died_at = next((i for i, c in enumerate(nb.cells)
                            if c.cell_type == "code" and c.execution_count is None),
                           len(nb.cells))
        except Exception as error:  # noqa: BLE001 - e.g. a timeout nbclient could not interrupt
            died_at = -1
            crash = f"{type(error).__name__}: {error}"
        finally:
            if km.has_kernel:  # nbclient leaves a kernel it did not create running
                run_sync(km.shutdown_kernel)(now=True)

    # positions of the exercises in the merged notebook
    index_of = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells)
                if nbgrader_meta(c).get("grade")}
    graded = [(index_of[gid], gid, pts) for _, gid, pts in graded]
    rows = []
    for index, gid, points in graded:
        answer = answer_for(index, nb)
        answer_gid = None if answer is None else nbgrader_meta(nb.cells[answer]).get("grade_id")
        answer_error = None if answer is None else error_text(nb.cells[answer], timeout)
        reason = None
        if answer_gid in missing:
            reason = "answer cell missing from the submission (deleted?)"
        elif died_at == -1:
            reason = f"notebook could not be run: {crash}"
        elif died_at is not None and index >= died_at:
            reason = "not run: the kernel died (the submission crashed Python) at an earlier cell"
        elif answer_error and "NotImplementedError" not in answer_error:
            reason = f"your answer cell failed: {answer_error}"
        elif error_text(nb.cells[index], timeout):
            reason = error_text(nb.cells[index], timeout)
        if tampering:
            reason = (reason or "passed") + " (FLAGGED: the submission refers to initlib.checks; "
            reason += "review it by hand)"
        passed = reason is None or reason.startswith("passed")
        rows.append((gid, points if passed else 0, points, reason or "passed"))
    return rows, as_feedback(nb)


def one_line(text, limit=160):
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", text)).strip()
    return text if limit is None or len(text) <= limit else text[: limit - 3] + "..."


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", type=Path, help="folder with one sub-folder per student")
    parser.add_argument("--out", type=Path, default=ROOT / "grades")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell (default 60)")
    parser.add_argument("--notebook", action="append", default=None,
                        help="grade only this notebook (file name); repeatable")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"SUBMISSIONS={args.submissions} is not a folder")
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.notebook:
        sources = [p for p in sources if p.name in args.notebook]
    students = sorted(p for p in args.submissions.iterdir() if p.is_dir())
    if not students:
        parser.error(f"no student folders in {args.submissions}")

    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for student in students:
        for source in sources:
            source_nb = nbformat.read(source, as_version=4)
            if not exercises(source_nb):
                continue
            results, executed = grade_notebook(source_nb, student / source.name, args.timeout)
            if executed is not None:
                (args.out / student.name).mkdir(exist_ok=True)
                nbformat.write(executed, args.out / student.name / source.name)
            for gid, points, max_points, reason in results:
                rows.append([student.name, source.name, gid, points, max_points,
                             one_line(reason, limit=None)])

    with open(args.out / "scores.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "notebook", "exercise", "points", "max_points", "reason"])
        writer.writerows(rows)
    totals = {}
    for student, _, _, points, max_points, _ in rows:
        got, best = totals.get(student, (0, 0))
        totals[student] = (got + points, best + max_points)
    with open(args.out / "totals.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "points", "max_points"])
        writer.writerows([s, got, best] for s, (got, best) in totals.items())

    print(f"Graded {len(students)} student(s) on {len(sources)} notebook(s); "
          f"scores in {args.out / 'scores.csv'}")
    for student, (got, best) in totals.items():
        print(f"  {student:20s} {got:3d} / {best}")
        for row in rows:
            if row[0] == student and (row[3] < row[4] or "FLAGGED" in row[5]):
                print(f"      {row[2]:28s} {row[3]} / {row[4]}  {one_line(row[5])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
