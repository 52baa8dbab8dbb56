"""The student's workbook: exercise copies of the course notebooks, built once, then theirs.

    python tools/workbook.py build             # add missing notebooks to workbook/
    python tools/workbook.py lab [ARGS...]     # build, then serve workbook/ with JupyterLab
    python tools/workbook.py reset 02          # back up workbook/02_*.ipynb, then restore it
    python tools/workbook.py solutions [ARGS]  # the solved notebooks in solutions/, served

A workbook copy is the student's copy of ``tools/notebook_format.py``: each solution replaced by
``# YOUR CODE HERE`` and ``raise NotImplementedError()`` (as nbgrader does), hidden tests
removed, the outputs of answer and check cells, and of the cells that use an answer, cleared
and every other output kept, so a student can read before running and sees no solution's
results.

A student's work is never overwritten. ``workbook/.manifest.json`` records, for each copy, the
SHA-256 of the copy as it was written. On every build, each course notebook's copy is

- written if it is missing;
- replaced by the new version, with a message, if the course changed and the student's copy
  is still byte for byte as it was written (there is nothing of theirs to lose);
- left alone if the student changed it (running a cell and saving counts); if the course
  changed meanwhile, the build says so and how to get the new version: ``reset`` moves the
  student's copy to ``workbook/backups/`` under a dated name, then writes a fresh one.

Notebooks a student adds to the workbook are never touched. ``solutions/`` is different: it is
a reference copy of the solved course (hidden tests removed, outputs kept), rewritten by every
``solutions`` command, so work done there is not kept.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as a script (python tools/workbook.py): find tools/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.notebook_format import (  # noqa: E402
    NOTEBOOKS,
    ROOT,
    CourseError,
    course_notebooks,
    solved_notebook,
    student_notebook,
)

COURSE = NOTEBOOKS
WORKBOOK = ROOT / "workbook"
SOLUTIONS = ROOT / "solutions"
MANIFEST = ".manifest.json"
BACKUPS = "backups"


def student_copy(path):
    """The workbook version of the course notebook at ``path``, as the bytes to write."""
    return nbformat.writes(student_notebook(path)).encode() + b"\n"


def solved_copy(path):
    """The solutions version: the course notebook with its hidden tests removed."""
    return nbformat.writes(solved_notebook(path)).encode() + b"\n"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def _read_manifest(workbook):
    path = Path(workbook) / MANIFEST
    if not path.exists():
        return {}
    return json.loads(path.read_text())["notebooks"]


def _write_manifest(workbook, records):
    text = json.dumps({"about": "what `make lab` wrote; see tools/workbook.py",
                       "notebooks": records}, indent=1, sort_keys=True)
    (Path(workbook) / MANIFEST).write_text(text + "\n")


def _record(source, copy_bytes):
    return {"course_sha256": sha256(Path(source).read_bytes()), "copy_sha256": sha256(copy_bytes)}


def build(course=COURSE, workbook=WORKBOOK, say=print):
    """Bring ``workbook`` up to date with ``course`` without touching a student's work.

    Returns {notebook name: what happened}, one of "added", "updated", "unchanged", "kept"
    (edited by the student, course unchanged) and "kept, course changed".
    """
    workbook = Path(workbook)
    workbook.mkdir(parents=True, exist_ok=True)
    records = _read_manifest(workbook)
    outcome = {}
    for source in course_notebooks(course):
        name, new = source.name, student_copy(source)
        target = workbook / name
        written = records.get(name, {}).get("copy_sha256")
        if not target.exists():
            state = "added"
        else:
            current = sha256(target.read_bytes())
            if current == sha256(new):
                state = "unchanged"
            elif current == written:
                state = "updated"
            else:
                state = "kept, course changed" if sha256(new) != written else "kept"
        if state in ("added", "updated"):
            target.write_bytes(new)
        if state in ("added", "updated", "unchanged"):
            records[name] = _record(source, new)
        outcome[name] = state
        if state == "updated":
            say(f"{name}: updated to the new course version (you had not changed your copy)")
        elif state == "kept, course changed":
            say(f"NOTE: the course version of {name} has changed since your copy was "
                f"made. Your copy is kept as it is. To get the new version, run "
                f"`make reset NOTEBOOK={name.split('_')[0]}` (it first moves your copy to "
                f"{workbook.name}/{BACKUPS}/).")
    _write_manifest(workbook, records)
    added = [name for name, state in outcome.items() if state == "added"]
    if added:
        say(f"{workbook.name}/: added {', '.join(added)}")
    return outcome


def find_notebook(course, name):
    """The course notebook that ``name`` ("02", "02_random_initialization", ...) means."""
    matches = [p for p in course_notebooks(course)
               if p.name in (name, f"{name}.ipynb") or p.stem.split("_")[0] == name]
    if len(matches) != 1:
        names = ", ".join(p.name for p in course_notebooks(course))
        found = "no" if not matches else "more than one"
        raise CourseError(f"NOTEBOOK={name!r} matches {found} course notebook; "
                          f"give its number or name, one of: {names}")
    return matches[0]


def reset(name, course=COURSE, workbook=WORKBOOK, say=print, now=None):
    """Move the student's copy of notebook ``name`` to the backups, then write a fresh one.

    Returns the backup's path (None when there was no copy to back up).
    """
    source = find_notebook(course, name)
    workbook = Path(workbook)
    target, backup = workbook / source.name, None
    if target.exists():
        stamp = (now or datetime.datetime.now()).strftime("%Y-%m-%d_%H%M%S")
        backup = workbook / BACKUPS / f"{source.stem}.{stamp}.ipynb"
        backup.parent.mkdir(exist_ok=True)
        if backup.exists():
            raise CourseError(f"{backup} exists already; try again in a second")
        shutil.move(target, backup)
        say(f"your copy of {source.name} is now {backup.relative_to(workbook.parent)}")
    build(course, workbook, say=lambda message: None)
    say(f"{workbook.name}/{source.name} is the course version again")
    return backup


def write_solutions(course=COURSE, solutions=SOLUTIONS):
    """Rewrite ``solutions`` with the solved notebooks (hidden tests removed)."""
    solutions = Path(solutions)
    solutions.mkdir(parents=True, exist_ok=True)
    for source in course_notebooks(course):
        (solutions / source.name).write_bytes(solved_copy(source))


def serve(root, jupyter_args):
    """Replace this process by JupyterLab serving ``root`` on localhost, token required.

    Quiet (warnings only), so that the last lines on the screen are where the notebooks are, how
    to stop, and the address to open; one Ctrl+C stops the server without a question.
    """
    command = [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.root_dir={Path(root).resolve()}", "--ServerApp.log_level=WARN",
               "--LabApp.log_level=WARN", "--ServerApp.answer_yes=True", *jupyter_args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses to run as root unless told
    print(f"\nThe notebooks are in {Path(root).resolve()}.\nTo stop the server, press Ctrl+C "
          "in this terminal. Open the address below in your browser (starting takes a few "
          "seconds):")
    sys.stdout.flush()
    os.execv(sys.executable, command)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("build", "lab", "reset", "solutions"))
    parser.add_argument("notebook", nargs="?", help="for reset: a notebook's number or name")
    parser.add_argument("--course", type=Path, default=COURSE)
    parser.add_argument("--workbook", type=Path, default=WORKBOOK)
    parser.add_argument("--solutions", type=Path, default=SOLUTIONS)
    args, jupyter_args = parser.parse_known_args(argv)
    if jupyter_args and args.command not in ("lab", "solutions"):
        parser.error(f"unrecognized arguments: {' '.join(jupyter_args)}")
    try:
        if args.command == "reset":
            if not args.notebook:
                parser.error("reset needs a notebook: make reset NOTEBOOK=02")
            reset(args.notebook, args.course, args.workbook)
        elif args.command == "solutions":
            write_solutions(args.course, args.solutions)
            print(f"{args.solutions.name}/: the solved notebooks, for self-study; this folder "
                  "is rewritten every time, so do your own work in the workbook")
            serve(args.solutions, jupyter_args)
        else:
            build(args.course, args.workbook)
            if args.command == "lab":
                serve(args.workbook, jupyter_args)
    except CourseError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
