"""Instructor tooling: solutions pass, student copies are clean, grading is exact."""

import copy
import csv
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def block_lines(source, begin, end):
    """Non-trivial lines between ### BEGIN X and ### END X markers."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip() == begin:
            inside = True
        elif line.strip() == end:
            inside = False
        elif inside and len(line.strip()) > 12:
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_solutions_pass_visible_and_hidden_checks(path, capsys):
    nb = nbformat.read(path, as_version=4)
    namespace = {"np": np}
    graded = 0
    for cell in nb.cells:
        if meta(cell).get("solution") or meta(cell).get("grade"):
            exec(cell.source, namespace)  # hidden tests included: this is the source copy
            graded += meta(cell).get("grade", False)
    out = capsys.readouterr().out
    assert graded >= 1
    assert out.count("PASSED") == 2 * graded and "NOT YET" not in out


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """Student copies made by `nbgrader generate_assignment`, as `make student` does."""
    out = tmp_path_factory.mktemp("release")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "notebooks", "--no-db",
         "--force", f"--CourseDirectory.release_directory={out}", "--log-level=ERROR"],
        cwd=ROOT, check=True, capture_output=True)
    return out / "notebooks"


def test_student_copies_hold_no_solutions_or_hidden_tests(release):
    for source_path in NOTEBOOKS:
        source = nbformat.read(source_path, as_version=4)
        student = nbformat.read(release / source_path.name, as_version=4)
        text = "\n".join(c.source for c in student.cells)
        for cell in source.cells:
            for line in block_lines(cell.source, "### BEGIN SOLUTION", "### END SOLUTION"):
                assert line not in text, f"{source_path.name}: solution line left: {line}"
            for line in block_lines(cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"):
                assert line not in text, f"{source_path.name}: hidden test left: {line}"
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")
        checks = [c for c in student.cells if meta(c).get("grade")]
        assert checks and all(meta(c).get("locked") for c in checks)
        assert text.count("raise NotImplementedError()") == sum(
            1 for c in student.cells if meta(c).get("solution"))


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_student_copies_run_and_report_not_attempted(release, name):
    nb = nbformat.read(release / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    first_exercise = min(i for i, c in enumerate(nb.cells) if meta(c).get("solution"))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        if meta(cell).get("grade"):
            assert "not attempted yet" in text, f"{name} cell {i}: {text!r}"
        elif "raises-exception" in cell.metadata.get("tags", []):
            assert errors, f"{name} cell {i} is meant to show an error"
        elif i < first_exercise:
            assert not errors, f"{name} cell {i} fails before the exercises: {errors[0].evalue}"
        else:  # after the exercises, only cells that use an unattempted answer may fail
            assert all(e.ename == "NotImplementedError" for e in errors), f"{name} cell {i}"


# ---------------------------------------------------------------- grading

NB01 = "01_zero_initialization.ipynb"
WRONG_ZEROS = ("def initialize_zeros(layer_dims):\n"
               "    return {f'{p}{l}': np.ones((layer_dims[l], layer_dims[l - 1] if p == 'W' "
               "else 1))\n            for l in range(1, len(layer_dims)) for p in 'Wb'}")
LOOPS = "def initialize_zeros(layer_dims):\n    while True:\n        pass"


def submission(release, folder, answers, drop=()):
    """Fill the student copy of notebook 01 with ``answers`` (by grade_id)."""
    nb = copy.deepcopy(nbformat.read(release / NB01, as_version=4))
    cells = []
    for cell in nb.cells:
        gid = meta(cell).get("grade_id")
        if gid in drop:
            continue
        if gid in answers:
            cell.source = answers[gid]
        cells.append(cell)
    nb.cells = cells
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / NB01)


def test_grading_made_up_submissions(release, tmp_path):
    source = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    solutions = {meta(c)["grade_id"]: c.source for c in source.cells if meta(c).get("solution")}
    subs = tmp_path / "submissions"
    submission(release, subs / "alice", solutions)
    submission(release, subs / "bob", dict(solutions, ex1_1_initialize_zeros=WRONG_ZEROS))
    submission(release, subs / "carol", dict(solutions, ex1_2_count_distinct="1 / 0"))
    submission(release, subs / "dave", dict(solutions, ex1_1_initialize_zeros=LOOPS),
               drop=("ex1_2_count_distinct",))
    submission(release, subs / "erin",
               dict(solutions, ex1_1_initialize_zeros="import os\nos._exit(1)"))
    # a helper in a cell of the student's own is kept, as nbgrader autograde keeps it
    helper = dict(solutions, ex1_2_count_distinct="def count_distinct(W, b):\n"
                                                   "    return my_count(W, b)")
    submission(release, subs / "gina", helper)
    nb = nbformat.read(subs / "gina" / NB01, as_version=4)
    position = next(i for i, c in enumerate(nb.cells) if meta(c).get("solution"))
    nb.cells.insert(position, nbformat.v4.new_code_cell(
        "def my_count(W, b):\n    return len(np.unique(np.hstack([W, b]).round(9), axis=0))"))
    nbformat.write(nb, subs / "gina" / NB01)
    # tampering with the checkers is undone before each check, and flagged
    submission(release, subs / "hugo", dict(solutions, ex1_2_count_distinct=(
        "import initlib.checks as c\nc._fail = lambda *a, **k: None\n"
        "def count_distinct(W, b):\n    return 0")))
    (subs / "frank").mkdir()  # submitted nothing

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grade.py"), str(subs), "--out", str(tmp_path / "g"),
         "--timeout", "5", "--notebook", NB01], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    with open(tmp_path / "g" / "scores.csv") as f:
        rows = [(r["student"], r["exercise"], int(r["points"]), int(r["max_points"]), r["reason"])
                for r in csv.DictReader(f)]
    table = {(s, e): (p, m) for s, e, p, m, _ in rows}
    reasons = {(s, e): r for s, e, _, _, r in rows}
    assert table == {
        ("alice", "ex1_1_check"): (2, 2), ("alice", "ex1_2_check"): (2, 2),
        ("bob", "ex1_1_check"): (0, 2), ("bob", "ex1_2_check"): (2, 2),
        ("carol", "ex1_1_check"): (2, 2), ("carol", "ex1_2_check"): (0, 2),
        ("dave", "ex1_1_check"): (0, 2), ("dave", "ex1_2_check"): (0, 2),
        ("erin", "ex1_1_check"): (0, 2), ("erin", "ex1_2_check"): (0, 2),
        ("frank", "ex1_1_check"): (0, 2), ("frank", "ex1_2_check"): (0, 2),
        ("gina", "ex1_1_check"): (2, 2), ("gina", "ex1_2_check"): (2, 2),
        ("hugo", "ex1_1_check"): (2, 2), ("hugo", "ex1_2_check"): (0, 2),
    }
    assert "should be all zeros" in reasons["bob", "ex1_1_check"]
    assert "ZeroDivisionError" in reasons["carol", "ex1_2_check"]
    assert "timed out" in reasons["dave", "ex1_1_check"]
    assert "missing" in reasons["dave", "ex1_2_check"]
    assert "kernel died" in reasons["erin", "ex1_2_check"]
    assert "not submitted" in reasons["frank", "ex1_1_check"]
    assert "FLAGGED" in reasons["hugo", "ex1_2_check"]
    feedback = nbformat.read(tmp_path / "g" / "hugo" / NB01, as_version=4)
    assert "HIDDEN TESTS" not in "".join(c.source for c in feedback.cells)
    with open(tmp_path / "g" / "totals.csv") as f:
        totals = {r["student"]: int(r["points"]) for r in csv.DictReader(f)}
    assert totals == {"alice": 4, "bob": 2, "carol": 2, "dave": 0, "erin": 0, "frank": 0,
                      "gina": 4, "hugo": 2}
    assert re.search(r"alice\s+4 / 4", result.stdout)
