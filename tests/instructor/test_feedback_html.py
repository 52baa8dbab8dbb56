"""A class from the LMS's download to its upload file and returned feedback pages, per
assignment, through the course's grader (Canvas and Moodle) and through nbgrader."""

import csv
import os
import pwd
import subprocess
import sys
import zipfile

import lms_fixtures
import nbformat
import pytest
from grading_helpers import NB01, ROOT, SANDBOX_PROBLEM, grader_command, needs_bwrap
from lms_fixtures import canvas_download, moodle_download

from instructor import assignments, feedback_html, lms, lms_grades
from tools.notebook_format import grade_id

HOSTILE = ("def initialize_zeros(layer_dims):\n    # </pre><script>alert(1)</script>\n"
           "    return {}")


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@needs_bwrap
@pytest.mark.parametrize("lms_name", ["canvas", "moodle"])
def test_release_to_upload_file_and_feedback_pages(tmp_path, right, lms_name, monkeypatch):
    """make student's release, answered, downloaded from the LMS, imported, graded, exported,
    and a page per student returned."""
    config = tmp_path / "assignments.toml"
    config.write_text('[assignments.week1]\nnotebooks = ["01_zero_initialization"]\n')
    source = tmp_path / "source"
    (released,) = assignments.release(
        ["week1"], assignments.load(config), source=source, out=tmp_path / "release",
        nbgrader_args=[f"--CourseDirectory.db_url=sqlite:///{tmp_path / 'gradebook.db'}"])
    monkeypatch.setitem(lms_fixtures.RELEASED, "path", released / NB01)
    make = canvas_download if lms_name == "canvas" else moodle_download
    download = make(tmp_path / "download.zip", right, dict(right, ex1_1_initialize_zeros=HOSTILE))
    blank = nbformat.reads(lms_fixtures.notebook_bytes({}).decode(), as_version=4)
    assert blank.cells == nbformat.read(released / NB01, as_version=4).cells
    subs = tmp_path / "submissions" / "week1"
    people, _ = lms.import_download(lms_name, download, subs)

    result = subprocess.run(grader_command(subs, tmp_path / "grades" / "week1",
                                           source / "week1"), cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    grades = tmp_path / "grades" / "week1"
    scores = lms_grades.read_scores(grades)
    assert sorted(scores) == sorted(row[0] for row in people)

    pages = feedback_html.write_pages(grades, tmp_path / "returned", title="Week 1")
    assert len(pages) == len(people)
    for page in pages.values():
        text = page.read_text(encoding="utf-8")
        student = next(s for s, r in feedback_html.student_rows(grades).items()
                       if f"{r[0]['feedback_folder']}.html" == page.name)
        got = scores[student]
        assert f"{got['points']} / {got['max_points']} points" in text
        for row in feedback_html.student_rows(grades)[student]:
            assert feedback_html._e(row["reason"]) in text
        assert "<script" not in text and "src=" not in text and "href=" not in text
    wrong_page = next(p for p in pages.values() if "alert(1)" in p.read_text(encoding="utf-8"))
    assert "&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in wrong_page.read_text()
    assert "to fix" in wrong_page.read_text()

    upload = tmp_path / "upload.csv"
    lms_grades.export(lms_name, [grades], upload, tmp_path / "submissions")
    table = rows_of(upload)
    if lms_name == "canvas":
        by_id = {row[1]: row[5] for row in table[2:]}
        assert table[1][5] == "4" and by_id["340934"] == "4" and by_id["334244"] == "2"
        assert by_id["500002"] == "0" and len(by_id) == 4
    else:
        by_name = {row[0]: row[2] for row in table[1:]}
        assert by_name == {"Alice Smith": "4", "Bob Jones": "2", "Dan Roe": "4",
                           "'=HYPERLINK(1) Eve": "0"}
        sheet = rows_of(tmp_path / "upload-week1-worksheet.csv")
        assert ["Participant 123460", "Bob Jones", "2", "4"] in [r[:4] for r in sheet]
        bundle = feedback_html.moodle_zip(pages, subs.with_name("week1.roster.csv"),
                                          tmp_path / "returned")
        with zipfile.ZipFile(bundle) as z:
            names = sorted(z.namelist())
            assert z.read("Bob Jones_123460_assignsubmission_file_feedback.html") == \
                pages["Bob Jones"].read_bytes()
        assert names == sorted(f"{n}_{i}_assignsubmission_file_feedback.html" for n, i in (
            ("Alice Smith", 123459), ("Bob Jones", 123460), ("Dan Roe", 123462),
            ("=HYPERLINK(1) Eve", 123463)))


def exercise_cells_only(path, out):
    """Notebook 01 cut down to its exercise cells (nbgrader runs a notebook whole)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell("import numpy as np")] + [
        c for c in nb.cells if grade_id(c)]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    out.mkdir(parents=True)
    nbformat.write(nb, out / NB01)
    return out


def test_nbgraders_feedback_route(tmp_path, right):
    """make student's release, then nbgrader's own route: release_assignment, fetch, submit,
    collect, autograde, generate_feedback, release_feedback, fetch_feedback; then the
    collected submissions graded by the course's grader and written for Canvas."""
    pytest.importorskip("nbgrader")
    course, exchange, home = tmp_path / "course", tmp_path / "exchange", tmp_path / "home"
    for folder in (course, exchange, home):
        folder.mkdir()
    exchange.chmod(0o777)
    notebooks = exercise_cells_only(ROOT / "notebooks" / NB01, tmp_path / "notebooks")
    config = tmp_path / "assignments.toml"
    config.write_text('[assignments.week1]\nnotebooks = ["01_zero_initialization"]\n')
    settings = [f"--CourseDirectory.root={course}", f"--Exchange.root={exchange}"]
    assignments.release(["week1"], assignments.load(config, notebooks), notebooks,
                        source=course / "source", out=course / "release", nbgrader_args=settings)
    path = f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}"
    env = dict(os.environ, PATH=path)

    def nbgrader(*args, cwd=ROOT / "instructor"):
        result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, f"nbgrader {args[0]}: {result.stdout}{result.stderr}"
        return result.stdout + result.stderr

    student = ["--course", "initialization", f"--Exchange.root={exchange}"]
    at_course = [*settings, f"--CourseDirectory.source_directory={course / 'source'}"]
    nbgrader("release_assignment", "week1", *at_course)
    nbgrader("fetch_assignment", "week1", *student, cwd=home)
    copy = nbformat.read(home / "week1" / NB01, as_version=4)
    for cell in copy.cells:
        if grade_id(cell) == "ex1_1_initialize_zeros":
            cell.source = right["ex1_1_initialize_zeros"]
    nbformat.write(copy, home / "week1" / NB01)
    nbgrader("submit", "week1", *student, cwd=home)
    nbgrader("collect", "week1", *at_course)
    log = nbgrader("autograde", "week1", "--create", "--force", *at_course)
    assert "Timeout" not in log and "checksum" not in log.lower(), log
    nbgrader("generate_feedback", "week1", *at_course)
    nbgrader("release_feedback", "week1", *at_course)
    nbgrader("fetch_feedback", "week1", *student, cwd=home)
    me = pwd.getpwuid(os.getuid()).pw_name
    assert (course / "feedback" / me / "week1" / f"{NB01[:-6]}.html").is_file()
    (returned,) = (home / "week1" / "feedback").iterdir()
    page = (returned / f"{NB01[:-6]}.html").read_text()
    assert "not attempted yet" in page  # exercise 1.2 was left as released
    if SANDBOX_PROBLEM is None:  # and on to Canvas, with the course's grader
        to_canvas(tmp_path, course, me, notebooks)


def to_canvas(tmp_path, course, me, notebooks):
    """nbgrader's submitted/<login>/week1/ graded by the course's grader, the student found
    by login in Canvas's gradebook export, the upload file written."""
    grades = tmp_path / "grades" / "week1"
    result = subprocess.run(grader_command(course / "submitted", grades, notebooks),
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    export = tmp_path / "canvas-export.csv"
    export.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n"
                      f"    Points Possible,,,,\n\"Doe, Jo\",4242,,{me},\n", encoding="utf-8")
    assert lms.canvas_roster(export, course / "submitted", tmp_path / "week1.roster.csv") == []
    lms_grades.export("canvas", [grades], tmp_path / "upload.csv", tmp_path)
    assert rows_of(tmp_path / "upload.csv")[2] == ["Doe, Jo", "4242", "", "", "", "2"]
