"""Helpers for the instructor's tests: made-up classes and a run of the grader on them."""

import csv
import subprocess
import sys

import nbformat
import pytest

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


def grade(submissions, out, course, *extra):
    """Run the grader as `make grade` does; (process, {(student, exercise): row})."""
    result = subprocess.run(
        [sys.executable, "-m", "instructor.grade", str(submissions), "--out", str(out),
         "--notebooks", str(course), "--jobs", "2", *extra],
        cwd=ROOT, capture_output=True, text=True)
    rows = {}
    if (out / "scores.csv").is_file():
        with open(out / "scores.csv") as f:
            rows = {(r["student"], r["exercise"]): r for r in csv.DictReader(f)}
    return result, rows


def points(rows):
    return {key: int(row["points"]) for key, row in rows.items()}
