"""The course's exercises: solutions pass every case, student copies hold no solutions."""

import json
import subprocess
import sys

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from initlib._protocol import call_record
from instructor import sandbox
from instructor.course import course
from instructor.further_cases import cases_for
from tools.notebook_format import NOTEBOOKS as NOTEBOOK_FOLDER
from tools.notebook_format import ROOT, course_notebooks, is_answer, nbgrader_metadata

NOTEBOOKS = course_notebooks()
meta = nbgrader_metadata


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


@pytest.mark.parametrize("notebook", course(), ids=lambda nb: nb.name)
def test_committed_solutions_pass_the_visible_and_the_further_cases(notebook):
    """On the further cases of several seeds: no seed may fail a right answer."""
    nb = nbformat.read(NOTEBOOK_FOLDER / notebook.name, as_version=4)
    namespace = {"np": np}
    for cell in nb.cells:
        if is_answer(cell):
            exec(cell.source, namespace)
    for exercise in notebook.exercises:
        answer = namespace[exercise.function]
        for seed in range(6):
            record = []
            for case in cases_for(exercise, seed)[0]:
                record.append([call_record(answer, call) for call in case["calls"]])
                wrong = exercise.verdict(case, record[-1])
                assert wrong is None, f"{exercise.check_id}, seed {seed}: {wrong.message()}"
            # a right answer's check record must fit in what the grader keeps of a notebook's
            # worker, with room for the rest of the notebook (else the check is lost)
            size = len(json.dumps({"check": exercise.check_id, "cases": record}))
            assert size < sandbox.OUTPUT_BYTES / 4, (exercise.check_id, seed, size)


def test_check_cells_hold_no_hidden_tests():
    """Hidden tests inside check cells make nbgrader report changed checksums."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            assert "HIDDEN TESTS" not in cell.source, path.name


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """Student copies made by `nbgrader generate_assignment`, as `make student` does."""
    out = tmp_path_factory.mktemp("release")
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "notebooks", "--no-db",
         "--force", f"--CourseDirectory.release_directory={out}", "--log-level=ERROR"],
        cwd=ROOT / "instructor", check=True, capture_output=True)
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
        if meta(cell).get("grade"):  # a failed check shows its message once, as its error
            shown = text + "".join("\n".join(e.get("traceback", [])) for e in errors)
            assert shown.count("not attempted yet") == 1, f"{name} cell {i}: {shown!r}"
        elif "raises-exception" in cell.metadata.get("tags", []):
            assert errors, f"{name} cell {i} is meant to show an error"
        elif i < first_exercise:
            assert not errors, f"{name} cell {i} fails before the exercises: {errors[0].evalue}"
        else:  # after the exercises, only cells that use an unattempted answer may fail
            assert all(e.ename == "NotImplementedError" for e in errors), f"{name} cell {i}"
