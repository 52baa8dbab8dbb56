"""Assignments from instructor/assignments.toml, nbgrader's source layout, and `make student`:
points verified against the registry, released notebooks never deleted by a failure."""

import shutil

import nbformat
import pytest
from grading_helpers import NB01, NB02, ROOT

from instructor import assignments
from tools.notebook_format import grade_id, is_answer, is_check
from tools.notebook_format import nbgrader_metadata as nbgrader

NOTEBOOKS = ROOT / "notebooks"


def write(tmp_path, text):
    path = tmp_path / "assignments.toml"
    path.write_text(text)
    return path


def test_one_assignment_per_graded_notebook_by_default(tmp_path):
    found = assignments.load(tmp_path / "missing.toml")
    graded = assignments.graded_notebooks()
    assert [a.notebooks for a in found.values()] == [(p.name,) for p in graded]
    assert list(found) == [p.stem for p in graded] and len(found) >= 6
    # the file shipped names none: the default holds for the course as it is
    assert assignments.load() == found


def test_weeks_named_in_the_file(tmp_path):
    config = write(tmp_path, '[assignments.week1]\nnotebooks = ["02_random_initialization", '
                   '"01_zero_initialization.ipynb"]\ntitle = "Week 1"\ncanvas_id = 77\n'
                   '[assignments.week2]\nnotebooks = ["03_he_initialization"]\n')
    found = assignments.load(config)
    assert found["week1"] == assignments.Assignment("week1", (NB01, NB02), "Week 1", 77)
    assert found["week2"].title == "week2" and found["week2"].canvas_id is None


@pytest.mark.parametrize(("text", "words"), [
    ('[assignments.w]\nnotebooks = ["07_nothing"]', "no notebook '07_nothing'"),
    ('[assignments.a]\nnotebooks = ["01_zero_initialization"]\n'
     '[assignments.b]\nnotebooks = ["01_zero_initialization"]', "already in assignment a"),
    ('[assignments."week 1"]\nnotebooks = ["01_zero_initialization"]', "must be letters"),
    ('[assignments.notebooks]\nnotebooks = ["01_zero_initialization"]', "not 'notebooks'"),
    ('[assignments.w]\nnotebook = ["01_zero_initialization"]', "allowed settings"),
    ('[assignments.w]\nnotebooks = []', "must be a list"),
    ('[assignments.w]\nnotebooks = ["01_zero_initialization"]\ncanvas_id = "12"',
     "canvas_id='12'"),
    ("[weeks]\n", "unknown table"),
])
def test_a_wrong_file_says_what_is_wrong(tmp_path, text, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        assignments.load(write(tmp_path, text))


def test_sources_are_nbgraders_layout_and_follow_the_file(tmp_path):
    config = write(tmp_path, '[assignments.week1]\nnotebooks = ["01_zero_initialization"]\n')
    out = assignments.write_sources(assignments.load(config), out=tmp_path / "source")
    assert sorted(p.name for p in (out / "week1").iterdir()) == [NB01]
    assert (out / "week1" / NB01).read_bytes() == (NOTEBOOKS / NB01).read_bytes()
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == sorted(
        p.name for p in NOTEBOOKS.glob("*.ipynb"))
    config.write_text('[assignments.week2]\nnotebooks = ["02_random_initialization"]\n')
    assignments.write_sources(assignments.load(config), out=out)
    assert sorted(p.name for p in out.iterdir()) == ["notebooks", "week2"]


def course_copy(tmp_path, change=None):
    """A copy of notebooks/ whose notebook 01 is changed by ``change(cell)``."""
    folder = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, folder)
    if change:
        nb = nbformat.read(folder / NB01, as_version=4)
        for cell in nb.cells:
            change(cell)
        nbformat.write(nb, folder / NB01)
    return folder


def raise_points(cell):
    if grade_id(cell) == "ex1_1_check":
        nbgrader(cell)["points"] = 5


def test_points_are_verified_against_the_registry(tmp_path):
    assert assignments.point_problems(sorted(NOTEBOOKS.glob("*.ipynb"))) == []
    folder = course_copy(tmp_path, raise_points)
    (problem,) = assignments.point_problems([folder / NB01])
    assert "ex1_1_check gives points=5" in problem and "Exercise 1.1 is worth 2" in problem
    nb = nbformat.read(folder / NB01, as_version=4)
    nb.cells = [c for c in nb.cells if grade_id(c) != "ex1_2_check"]
    nbformat.write(nb, folder / NB01)
    assert any("ex1_2_check is missing" in p for p in assignments.point_problems([folder / NB01]))


def release_into(tmp_path, folder, names=("week1",)):
    config = write(tmp_path, '[assignments.week1]\nnotebooks = ["01_zero_initialization"]\n')
    found = assignments.load(config, folder)
    return assignments.release(
        list(names), found, folder, source=tmp_path / "source", out=tmp_path / "release",
        nbgrader_args=[f"--CourseDirectory.db_url=sqlite:///{tmp_path / 'gradebook.db'}"])


def earlier_release(tmp_path):
    (tmp_path / "release" / "week1").mkdir(parents=True)
    earlier = tmp_path / "release" / "week1" / NB01
    earlier.write_text("released last week")
    return earlier


def test_student_copies_released_per_assignment(tmp_path):
    earlier = earlier_release(tmp_path)
    (written,) = release_into(tmp_path, NOTEBOOKS)
    assert written == tmp_path / "release" / "week1"
    assert sorted(p.name for p in written.iterdir()) == [NB01]
    student = nbformat.read(earlier, as_version=4)  # replaced, on success only
    text = "".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text
    assert [grade_id(c) for c in student.cells if is_check(c)] == ["ex1_1_check", "ex1_2_check"]
    assert not list(tmp_path.glob(".release.*"))


def test_wrong_points_release_nothing(tmp_path):
    earlier = earlier_release(tmp_path)
    with pytest.raises(SystemExit, match="ex1_1_check gives points=5"):
        release_into(tmp_path, course_copy(tmp_path, raise_points))
    assert earlier.read_text() == "released last week"


def unclosed_solution(cell):
    if is_answer(cell) and grade_id(cell) == "ex1_1_initialize_zeros":
        cell.source = cell.source.replace("### END SOLUTION", "")


def test_a_failed_generation_keeps_the_earlier_release(tmp_path):
    earlier = earlier_release(tmp_path)
    with pytest.raises(SystemExit, match="generate_assignment week1 failed"):
        release_into(tmp_path, course_copy(tmp_path, unclosed_solution))
    assert earlier.read_text() == "released last week"
    assert not list(tmp_path.glob(".release.*"))


def test_an_unknown_assignment_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="no assignment"):
        release_into(tmp_path, NOTEBOOKS, names=("week9",))


def test_nbgraders_configuration_lays_out_the_sources_and_the_timeout():
    """Loading the configuration (as every nbgrader command does from instructor/) writes the
    source layout, and autograde's cells get 120 s, not nbgrader's 30."""
    loader = pytest.importorskip("traitlets.config.loader")
    from nbgrader.preprocessors import Execute

    config = loader.PyFileConfigLoader("nbgrader_config.py",
                                       path=str(ROOT / "instructor")).load_config()
    source = ROOT / config.CourseDirectory.source_directory
    assert source == assignments.SOURCE
    for assignment in [*assignments.load(), "notebooks"]:
        assert sorted((source / assignment).glob("*.ipynb")), assignment
    assert Execute(config=config).timeout == 120
