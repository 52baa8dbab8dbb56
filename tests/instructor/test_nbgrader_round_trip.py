"""nbgrader's own route, end to end, with this course's configuration.

A temporary course (its assignment holds the exercise cells of notebook 01) and a temporary
exchange: generate, release, fetch, submit, collect, autograde, generate_feedback. An
untouched student copy autogrades with no tampering or checksum warning; an answer scores.
"""

import os
import pwd
import subprocess
import sys

import nbformat
import pytest
from grading_helpers import NB01, ROOT

from instructor.course import course as course_notebooks
from tools.notebook_format import nbgrader_metadata as nbgrader

CONFIG = ROOT / "instructor" / "nbgrader_config.py"


def run(args, cwd, env):
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"nbgrader {args[0]}: {result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture()
def course(tmp_path):
    root, exchange = tmp_path / "course", tmp_path / "exchange"
    (root / "source" / "ps1").mkdir(parents=True)
    exchange.mkdir()
    exchange.chmod(0o777)
    nb = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    nb.cells = [nbformat.v4.new_code_cell("import numpy as np")] + [
        c for c in nb.cells if nbgrader(c).get("grade") or nbgrader(c).get("solution")]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, root / "source" / "ps1" / "exercises.ipynb")
    # the course's own settings (course_id, stubs), pointed at the temporary folders
    (root / "nbgrader_config.py").write_text(
        f"exec(open({str(CONFIG)!r}).read())\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.CourseDirectory.source_directory = 'source'\n"
        f"c.Exchange.root = {str(exchange)!r}\n")
    # nbgrader runs `alembic` from PATH: the virtual environment's bin folder comes first
    path = f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}"
    env = dict(os.environ, PATH=path)
    return root, exchange, env


def test_generate_release_fetch_submit_collect_autograde_feedback(course, tmp_path):
    root, exchange, env = course
    run(["generate_assignment", "ps1", "--force"], root, env)
    run(["release_assignment", "ps1"], root, env)

    home = tmp_path / "home"
    home.mkdir()
    fetch = ["--course", "initialization", f"--Exchange.root={exchange}"]
    run(["fetch_assignment", "ps1", *fetch], home, env)
    path = home / "ps1" / "exercises.ipynb"
    student = nbformat.read(path, as_version=4)
    assert "BEGIN SOLUTION" not in "".join(c.source for c in student.cells)
    for cell in student.cells:  # answer 1.1, leave 1.2 untouched
        if nbgrader(cell).get("grade_id") == "ex1_1_initialize_zeros":
            cell.source = ("def initialize_zeros(layer_dims):\n    return {f'{p}{l}': np.zeros("
                           "(layer_dims[l], layer_dims[l - 1] if p == 'W' else 1))\n"
                           "            for l in range(1, len(layer_dims)) for p in 'Wb'}")
    nbformat.write(student, path)
    run(["submit", "ps1", *fetch], home, env)
    run(["collect", "ps1"], root, env)
    me = pwd.getpwuid(os.getuid()).pw_name  # nbgrader names a submission after its OS user
    # a second student hands in the student copy exactly as released
    untouched = root / "submitted" / "zz_untouched" / "ps1"
    untouched.mkdir(parents=True)
    release = root / "release" / "ps1" / "exercises.ipynb"
    (untouched / "exercises.ipynb").write_bytes(release.read_bytes())

    log = run(["autograde", "ps1", "--create", "--force"], root, env)
    # nbgrader's tampering signals: "Attribute 'checksum' for cell ... has changed!" and kin
    assert "has changed" not in log and "checksum" not in log.lower(), log
    assert "Missing grade cell" not in log and "does not exist in the database" not in log, log
    from nbgrader.api import Gradebook

    (nb01,) = [nb for nb in course_notebooks() if nb.name == NB01]
    answered = {e.check_id: float(e.points if e.number == "1.1" else 0) for e in nb01.exercises}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        for name, expected in ((me, answered),
                               ("zz_untouched", dict.fromkeys(answered, 0.0))):
            submission = gradebook.find_submission_notebook("exercises", "ps1", name)
            assert {grade.name: grade.score for grade in submission.grades} == expected
            assert not submission.flagged
    run(["generate_feedback", "ps1"], root, env)
    feedback = root / "feedback" / me / "ps1" / "exercises.html"
    assert feedback.is_file() and "not attempted yet" in feedback.read_text()
