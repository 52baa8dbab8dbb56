"""The grader on made-up classes: exact scores, specific reasons, layouts, reruns, feedback."""

import os
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest
from grading_helpers import NB01, NB02, ROOT, grade, hand_in, needs_bwrap, points

from instructor.course import nbgrader

pytestmark = needs_bwrap

WRONG_ZEROS = ("def initialize_zeros(layer_dims):\n"
               "    return {f'{p}{l}': np.ones((layer_dims[l], layer_dims[l - 1] if p == 'W' "
               "else 1))\n            for l in range(1, len(layer_dims)) for p in 'Wb'}")
LOOPS = "def initialize_zeros(layer_dims):\n    while True:\n        pass"
VISIBLE_ONLY = ("def initialize_zeros(layer_dims):\n"
                "    if list(layer_dims) not in ([2, 10, 5, 1], [3, 4, 1]):\n"
                "        return {}\n"
                "    return {f'{p}{l}': np.zeros((layer_dims[l], layer_dims[l - 1] if p == 'W' "
                "else 1))\n            for l in range(1, len(layer_dims)) for p in 'Wb'}")
IGNORES_RNG = ("def initialize_random(layer_dims, scale, rng):\n    np.random.seed(1)\n"
               "    return {k: v for l in range(1, len(layer_dims)) for k, v in (\n"
               "        (f'W{l}', np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale),\n"
               "        (f'b{l}', np.zeros((layer_dims[l], 1))))}")


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course_01_02, right):
    """One class, graded once; several tests read its results."""
    subs = tmp_path_factory.mktemp("class") / "submissions"
    hand_in(subs, "alice", right)
    hand_in(subs, "alice", right, notebook=NB02)
    hand_in(subs, "bob", dict(right, ex1_1_initialize_zeros=WRONG_ZEROS))
    hand_in(subs, "carol", dict(right, ex1_2_count_distinct="1 / 0"))
    hand_in(subs, "dave", dict(right, ex1_1_initialize_zeros=LOOPS),
            drop=("ex1_2_count_distinct",))
    hand_in(subs, "erin", dict(right, ex1_1_initialize_zeros="import os\nos._exit(1)"))
    (subs / "frank").mkdir()  # handed in nothing
    # a helper in a cell of the student's own runs before the answer that uses it
    hand_in(subs, "gina", dict(right, ex1_2_count_distinct="def count_distinct(W, b):\n"
                                                           "    return my_count(W, b)"),
            extra_cells=[(3, "def my_count(W, b):\n"
                             "    return len(np.unique(np.hstack([W, b]).round(9), axis=0))")])
    # answers retyped in plain cells, the answer and check cells deleted: both exercises alike
    retyped = hand_in(subs, "ivan", {}, drop=("ex1_1_initialize_zeros", "ex1_1_check",
                                              "ex1_2_count_distinct", "ex1_2_check"))
    nb = nbformat.read(retyped, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(right["ex1_1_initialize_zeros"]),
                 nbformat.v4.new_code_cell(right["ex1_2_count_distinct"])]
    nbformat.write(nb, retyped)
    hand_in(subs, "jane", right, drop=("ex1_1_initialize_zeros", "ex1_2_count_distinct"))
    hand_in(subs, "kim", dict(right, ex1_1_initialize_zeros=VISIBLE_ONLY))
    hand_in(subs, "kim", dict(right, ex2_1_initialize_random=IGNORES_RNG,
                              ex2_2_predicted_std="def predicted_std(scale, n, L):\n"
                                                  "    return scale * np.sqrt(n) * L"),
            notebook=NB02)
    out = subs.parent / "grades"
    result, rows = grade(subs, out, course_01_02)
    assert result.returncode == 0, result.stderr
    return subs, out, result, rows


def test_scores_are_exact(graded):
    _, _, _, rows = graded
    got = points(rows)
    assert got == {
        ("alice", "ex1_1_check"): 2, ("alice", "ex1_2_check"): 2,
        ("alice", "ex2_1_check"): 2, ("alice", "ex2_2_check"): 1,
        ("bob", "ex1_1_check"): 0, ("bob", "ex1_2_check"): 2,
        ("bob", "ex2_1_check"): 0, ("bob", "ex2_2_check"): 0,
        ("carol", "ex1_1_check"): 2, ("carol", "ex1_2_check"): 0,
        ("carol", "ex2_1_check"): 0, ("carol", "ex2_2_check"): 0,
        ("dave", "ex1_1_check"): 0, ("dave", "ex1_2_check"): 0,
        ("dave", "ex2_1_check"): 0, ("dave", "ex2_2_check"): 0,
        ("erin", "ex1_1_check"): 0, ("erin", "ex1_2_check"): 0,
        ("erin", "ex2_1_check"): 0, ("erin", "ex2_2_check"): 0,
        ("frank", "ex1_1_check"): 0, ("frank", "ex1_2_check"): 0,
        ("frank", "ex2_1_check"): 0, ("frank", "ex2_2_check"): 0,
        ("gina", "ex1_1_check"): 2, ("gina", "ex1_2_check"): 2,
        ("gina", "ex2_1_check"): 0, ("gina", "ex2_2_check"): 0,
        ("ivan", "ex1_1_check"): 2, ("ivan", "ex1_2_check"): 2,
        ("ivan", "ex2_1_check"): 0, ("ivan", "ex2_2_check"): 0,
        ("jane", "ex1_1_check"): 0, ("jane", "ex1_2_check"): 0,
        ("jane", "ex2_1_check"): 0, ("jane", "ex2_2_check"): 0,
        ("kim", "ex1_1_check"): 0, ("kim", "ex1_2_check"): 2,
        ("kim", "ex2_1_check"): 0, ("kim", "ex2_2_check"): 0,
    }


def test_reasons_name_the_mistake(graded):
    _, _, _, rows = graded

    def reason(student, exercise):
        return rows[student, exercise]["reason"]

    assert reason("alice", "ex1_1_check") == "passed"
    assert "should be all zeros" in reason("bob", "ex1_1_check")
    assert "your answer cell failed: ZeroDivisionError" in reason("carol", "ex1_2_check")
    assert "did not finish in time" in reason("dave", "ex1_1_check")
    assert reason("dave", "ex1_2_check") == "answer cell missing from the submission (deleted?)"
    assert "Python stopped" in reason("erin", "ex1_1_check")
    assert reason("frank", "ex1_1_check") == "notebook not submitted"
    for exercise in ("ex1_1_check", "ex1_2_check"):  # consistent for every exercise
        assert "found outside the exercise's answer cell" in reason("ivan", exercise)
        assert reason("jane", exercise) == "answer cell missing from the submission (deleted?)"
    assert reason("kim", "ex1_1_check").startswith("on a further case:")
    assert "ignores rng" in reason("kim", "ex2_1_check")
    assert "a sum where a product belongs" in reason("kim", "ex2_2_check")
    assert reason("alice", "ex2_1_check") == "passed"


def test_feedback_holds_the_students_cells_and_scores_but_no_hidden_cases(graded):
    _, out, _, _ = graded
    from instructor.hidden_cases import HIDDEN

    hidden_inputs = [str(call["args"]) for cases in HIDDEN.values() for case in cases
                     for call in case["calls"]]
    for path in (out / "feedback").rglob("*.ipynb"):
        text = path.read_text()
        assert str(ROOT) not in text and "hidden_cases" not in text
        assert all(args not in text for args in hidden_inputs)
        assert "Traceback" not in text
    kim = nbformat.read(out / "feedback" / "kim" / NB01, as_version=4)
    text = "\n".join(cell.source for cell in kim.cells)
    assert "[2, 10, 5, 1], [3, 4, 1]" in text  # the student's own code
    assert "ex1_1_check: 0 / 2" in text and "on a further case" in text
    assert "[4, 7, 2]" not in text  # a hidden input


def test_summary_shows_totals_and_unrecognised_files(graded):
    _, _, result, _ = graded
    assert re.search(r"alice\s+7 / 7", result.stdout)
    assert re.search(r"frank\s+0 / 7", result.stdout)


def test_layouts_nbgrader_renamed_nested_zip(tmp_path, course_01_02, right):
    subs = tmp_path / "in"
    # nbgrader's collected layout: submitted/<student>/<assignment>/
    hand_in(subs / "submitted", "ada", right, file_name=f"notebooks/{NB01}")
    # a renamed copy, and a notebook one folder down
    hand_in(subs / "submitted", "ben", right, file_name=f"notebooks/{NB01[:-6]} (1).ipynb")
    hand_in(subs / "submitted", "cy", right, file_name=f"notebooks/deeper/{NB01}")
    # a zip with a notebooks/ folder inside
    path = hand_in(tmp_path / "zips", "dee", right)
    (subs / "submitted" / "dee").mkdir()
    with zipfile.ZipFile(subs / "submitted" / "dee" / "work.zip", "w") as z:
        z.write(path, f"notebooks/{NB01}")
    hand_in(subs / "submitted", "ed", right, file_name="notebooks/my_own_notes.ipynb")
    result, rows = grade(subs, tmp_path / "out", course_01_02)
    assert result.returncode == 0, result.stderr
    got = points(rows)
    for student in ("ada", "ben", "cy", "dee"):
        assert got[student, "ex1_1_check"] == 2 and got[student, "ex1_2_check"] == 2, student
    assert rows["ada", "ex1_1_check"]["reason"] == "passed"
    assert "taken from '01_zero_initialization (1).ipynb'" in rows["ben", "ex1_1_check"]["reason"]
    assert "found at cy/notebooks/deeper" in rows["cy", "ex1_1_check"]["reason"]
    assert "work.zip:notebooks/" in rows["dee", "ex1_1_check"]["reason"]
    assert got["ed", "ex1_1_check"] == 0
    assert "ed/notebooks/my_own_notes.ipynb" in result.stdout  # listed as unrecognised
    assert "my_own_notes" in (tmp_path / "out" / "unrecognised.txt").read_text()


def test_a_rerun_needs_force_and_leaves_no_stale_feedback(tmp_path, course_01_02, right):
    subs, out = tmp_path / "in", tmp_path / "out"
    hand_in(subs, "ann", right)
    hand_in(subs, "bo", right)
    result, _ = grade(subs, out, course_01_02)
    assert result.returncode == 0, result.stderr
    before = (out / "scores.csv").read_bytes()
    shutil.rmtree(subs / "bo")
    result, _ = grade(subs, out, course_01_02)
    assert result.returncode != 0 and "--force" in result.stderr
    assert (out / "scores.csv").read_bytes() == before
    result, rows = grade(subs, out, course_01_02, "--force")
    assert result.returncode == 0, result.stderr
    assert {s for s, _ in rows} == {"ann"}
    assert not (out / "feedback" / "bo").exists()


def test_flagged_is_shown_in_full(tmp_path, course_01_02, right):
    subs = tmp_path / "in"
    long_answer = ("import builtins\n" + "# " + "x" * 300 + "\n"
                   + right["ex1_1_initialize_zeros"])
    hand_in(subs, "al", dict(right, ex1_1_initialize_zeros=long_answer))
    result, rows = grade(subs, tmp_path / "out", course_01_02)
    assert result.returncode == 0, result.stderr
    assert "builtins" in rows["al", "ex1_1_check"]["flagged"]
    assert "FLAGGED: the submission uses builtins; review it by hand" in result.stdout


def test_without_bubblewrap_grading_refuses_unless_unsandboxed(tmp_path, course_01_02, right):
    subs = tmp_path / "in"
    hand_in(subs, "al", right)
    env = dict(os.environ, PATH=str(tmp_path))  # no bwrap on this PATH
    command = [sys.executable, "-m", "instructor.grade", str(subs), "--notebooks",
               str(course_01_02)]
    result = subprocess.run(command + ["--out", str(tmp_path / "a")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "bubblewrap" in result.stderr and "--unsandboxed" in result.stderr
    result = subprocess.run(command + ["--out", str(tmp_path / "b"), "--unsandboxed"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "UNSANDBOXED" in result.stdout and re.search(r"al\s+4 / 7", result.stdout)


def test_exercises_are_found_from_the_notebooks_metadata(tmp_path, right):
    """A new notebook's exercise is graded as soon as its checker exists."""
    from instructor.course import course

    nb = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    for cell in nb.cells:
        meta = nbgrader(cell)
        if meta.get("grade_id", "").startswith("ex1_"):
            meta["grade_id"] = meta["grade_id"].replace("ex1_", "ex9_")
    nbformat.write(nb, tmp_path / "09_new.ipynb")
    (exercise_1, exercise_2), = [nb.exercises for nb in course(tmp_path)]
    assert exercise_1.check_id == "ex9_1_check" and exercise_1.function == "initialize_zeros"
    assert exercise_2.points == 2 and exercise_2.function == "count_distinct"


def test_unchanged_course_cells_give_only_the_definitions_the_answers_use(tmp_path):
    from instructor.course import read_notebook
    from instructor.grade import plan
    from instructor.synthetic import submission

    nb = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(
        "import math\nimport os\n\n\ndef helper(x):\n    return math.sqrt(x) * SCALE\n\n\n"
        "def unused():\n    pass\n\n\nSCALE = 2\nX = expensive_experiment()"))
    nbformat.write(nb, tmp_path / NB01)
    answer = "def initialize_zeros(layer_dims):\n    return helper(len(layer_dims))"
    submitted = submission(tmp_path / NB01, {"ex1_1_initialize_zeros": answer})
    steps, answers = plan(read_notebook(tmp_path / NB01), submitted)
    kept = "\n".join(step["course"] for step in steps if "course" in step)
    assert "def helper" in kept and "import math" in kept and "SCALE = 2" in kept
    assert "unused" not in kept and "expensive_experiment" not in kept and "os" not in kept
    assert [step["check"] for step in steps if "check" in step] == ["ex1_1_check",
                                                                     "ex1_2_check"]
    assert set(answers) == {"ex1_1_check", "ex1_2_check"}
