"""Helpers for the instructor's tests: made-up classes and a run of the grader on them."""

import csv
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from instructor.further_cases import seed_of
from instructor.synthetic import submission
from tools.notebook_format import ROOT

NB01 = "01_zero_initialization.ipynb"
NB02 = "02_random_initialization.ipynb"

def _sandbox_problem():
    from instructor import sandbox

    try:
        sandbox.check_sandbox()
    except sandbox.SandboxUnavailable as error:
        return str(error)
    return None


SANDBOX_PROBLEM = _sandbox_problem()
needs_bwrap = pytest.mark.skipif(
    SANDBOX_PROBLEM is not None,
    reason=f"the grader's sandbox cannot run here ({SANDBOX_PROBLEM}); .ci/run installs "
           "bubblewrap")


def hand_in(folder, name, answers, drop=(), notebook=NB01, extra_cells=(), file_name=None):
    """Write a student's copy of ``notebook`` with ``answers`` into ``folder/name``."""
    nb = submission(ROOT / "notebooks" / notebook, answers, drop)
    for position, source in extra_cells:
        nb.cells.insert(position, nbformat.v4.new_code_cell(source))
    (folder / name).mkdir(parents=True, exist_ok=True)
    path = folder / name / (file_name or notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# the tests' own secret key, outside the repository (an instructor's lives in ~/.config)
KEY_FILE = Path(tempfile.mkdtemp(prefix="grader-tests-")) / "key"
KEY_FILE.write_text("the grader tests' own key, no course's\n")
SEED = seed_of(KEY_FILE.read_bytes().strip())


def grader_command(submissions, out, course, *extra, jobs=2):
    """The command line of `make grade`, on ``course``, with the tests' key."""
    return [sys.executable, "-m", "instructor.grade", str(submissions), "--out", str(out),
            "--notebooks", str(course), "--jobs", str(jobs), "--key", str(KEY_FILE), *extra]


def read_scores(out):
    """{(student, grade_id of the check cell): row} of ``out/scores.csv`` ({} if missing)."""
    if not (out / "scores.csv").is_file():
        return {}
    with open(out / "scores.csv", encoding="utf-8") as f:
        return {(r["student"], r["grade_id"]): r for r in csv.DictReader(f)}


def grade(submissions, out, course, *extra):
    """Run the grader as `make grade` does; (process, {(student, exercise): row})."""
    result = subprocess.run(grader_command(submissions, out, course, *extra),
                            cwd=ROOT, capture_output=True, text=True)
    return result, read_scores(out)


def points(rows):
    return {key: int(row["points"]) for key, row in rows.items()}


MEASURE = ("import json, resource, subprocess, sys\n"
           "result = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(json.dumps([result.returncode, result.stdout, result.stderr,\n"
           "                  use.ru_utime + use.ru_stime, use.ru_maxrss * 1024]))")


def grade_measured(submissions, out, course, *extra):
    """Run the grader as `make grade` does, measured: (process, rows, CPU seconds of the run
    and all it waited for, the largest peak memory of one of its processes in bytes, the
    grader's own peak memory in bytes)."""
    command = [sys.executable, "-c", MEASURE, *grader_command(submissions, out, course, *extra)]
    measured = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    code, stdout, stderr, cpu, largest = json.loads(measured.stdout)
    result = subprocess.CompletedProcess(command, code, stdout, stderr)
    own = re.search(r"the grader's own peak memory (\d+) MB", stdout)
    return result, read_scores(out), cpu, largest, int(own.group(1)) << 20 if own else None
