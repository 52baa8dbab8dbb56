"""The visible cases' data in the student's package is what the instructor's references
compute (``make exercise-data`` writes it), and the points are written once."""

import json

import nbformat
import pytest

from instructor.exercise_data import main, visible_data
from instructor.exercises import EXERCISES
from tools.notebook_format import course_notebooks, grade_id, is_check, nbgrader_metadata

ALL = list(EXERCISES.values())


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_the_committed_data_is_what_the_reference_computes(exercise):
    committed = exercise.student.data.read_text()
    assert committed == visible_data(exercise), (
        f"{exercise.student.data.name} is not what the reference computes: run "
        "`make exercise-data`")
    cases = json.loads(committed)
    assert [{"calls": c["calls"]} for c in cases] == json.loads(json.dumps(exercise.visible))


def test_the_tool_says_when_the_data_is_stale(capsys):
    assert main(["--check"]) == 0
    assert capsys.readouterr().out.startswith("0 data files differ")


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_the_reference_passes_its_own_visible_cases_as_the_check_runs_them(exercise):
    from initlib._protocol import call_record

    for case in exercise.student.cases:
        records = [call_record(exercise.reference, call) for call in case["calls"]]
        assert exercise.student.verdict(case, records) is None


def test_the_points_are_written_once_and_the_notebooks_agree():
    """The instructor's module holds the points; each check cell's nbgrader metadata says the
    same (the grader refuses a notebook that does not, instructor/course.py)."""
    points = {e.check_id: e.points for e in ALL}
    found = {}
    for path in course_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if is_check(cell):
                found[grade_id(cell)] = nbgrader_metadata(cell).get("points")
    assert found == points
    assert not any(hasattr(e.student, "points") for e in ALL)


def test_a_notebook_whose_points_differ_is_not_released(tmp_path, capsys):
    """`make student` runs `python -m instructor.course` first: points changed on one side
    only stop the release with the reason, instead of releasing the old points."""
    import shutil

    from instructor.course import main
    from tools.notebook_format import NOTEBOOKS

    for path in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(path, tmp_path / path.name)
    main(tmp_path)
    assert capsys.readouterr().out.startswith(f"{len(ALL)} exercises in ")
    path = next(tmp_path.glob("01_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if grade_id(cell) == "ex1_1_check":
            cell.metadata["nbgrader"] = {**nbgrader_metadata(cell), "points": 5}
    nbformat.write(nb, path)
    with pytest.raises(SystemExit, match="points=5; Exercise 1.1 is worth 2 "
                                         r"\(instructor/exercises/ex1_1_initialize_zeros.py\)"):
        main(tmp_path)
