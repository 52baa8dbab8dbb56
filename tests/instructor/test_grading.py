"""The grader on made-up classes: exact scores, specific reasons, layouts, reruns, feedback."""

import csv
import os
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest
from grading_helpers import (
    KEY_FILE,
    NB01,
    NB02,
    ROOT,
    SEED,
    grade,
    hand_in,
    needs_bwrap,
    points,
)

from instructor.course import course
from tools.notebook_format import nbgrader_metadata as nbgrader

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
                             "    kept = []\n"
                             "    for row in np.hstack([W, b]):\n"
                             "        if not any(np.allclose(row, k) for k in kept):\n"
                             "            kept.append(row)\n"
                             "    return len(kept)")])
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


def exercises_of(course_01_02, notebook=None):
    """{check grade_id: points} of the course's exercises (of one notebook if given)."""
    return {e.check_id: e.points for nb in course(course_01_02) for e in nb.exercises
            if notebook in (None, nb.name)}


def test_scores_are_exact(graded, course_01_02):
    _, _, _, rows = graded
    every, nb01 = exercises_of(course_01_02), exercises_of(course_01_02, NB01)

    def earns(*checks, but=()):
        """Full points on ``checks`` (a notebook's {id: points}, or ids), none elsewhere."""
        ids = [c for group in checks for c in (group if isinstance(group, dict) else [group])]
        return {c: (every[c] if c in ids and c not in but else 0) for c in every}

    expected = {
        "alice": earns(every),
        "bob": earns(nb01, but=["ex1_1_check"]),
        "carol": earns(nb01, but=["ex1_2_check"]),
        "dave": earns(nb01, but=["ex1_1_check", "ex1_2_check"]),
        "erin": earns(),
        "frank": earns(),
        "gina": earns(nb01),
        "ivan": earns("ex1_1_check", "ex1_2_check"),
        "jane": earns(nb01, but=["ex1_1_check", "ex1_2_check"]),
        "kim": earns(every, but=["ex1_1_check", "ex2_1_check", "ex2_2_check"]),
    }
    assert points(rows) == {(student, check): got for student, checks in expected.items()
                            for check, got in checks.items()}


def test_reasons_name_the_mistake(graded):
    _, _, _, rows = graded

    def reason(student, exercise):
        return rows[student, exercise]["reason"]

    assert reason("alice", "ex1_1_check") == "passed"
    assert "should be all zeros" in reason("bob", "ex1_1_check")
    # carol's answer cell ran after exercise 1.1's further cases: its error is not shown
    assert reason("carol", "ex1_2_check") == ("your answer cell failed: an error (not shown: "
                                              "the cell ran after the further cases)")
    assert "did not finish in time" in reason("dave", "ex1_1_check")
    assert reason("dave", "ex1_2_check") == "answer cell missing from the submission (deleted?)"
    assert "Python stopped" in reason("erin", "ex1_1_check")
    assert reason("frank", "ex1_1_check") == "notebook not submitted"
    for exercise in ("ex1_1_check", "ex1_2_check"):  # consistent for every exercise
        assert "found outside the exercise's answer cell" in reason("ivan", exercise)
        assert reason("jane", exercise) == "answer cell missing from the submission (deleted?)"
    assert reason("kim", "ex1_1_check").startswith(  # the kind of case, never its numbers
        "on a further case (a network of 6 layers of up to 30 units): ")
    assert "ignores rng" in reason("kim", "ex2_1_check")
    assert "a sum where a product belongs" in reason("kim", "ex2_2_check")
    assert reason("alice", "ex2_1_check") == "passed"


def test_feedback_holds_the_students_cells_and_scores_but_no_further_cases(graded):
    _, out, _, _ = graded
    from instructor.exercises import EXERCISES, by_number
    from instructor.further_cases import further_cases

    further_inputs = [str(call["args"]) for exercise in EXERCISES.values()
                      for case in further_cases(exercise, SEED) for call in case["calls"]]
    for path in (out / "feedback").rglob("*.ipynb"):
        text = path.read_text()
        assert str(ROOT) not in text and "further_cases" not in text
        assert all(args not in text for args in further_inputs)
        assert "Traceback" not in text
    kim = nbformat.read(out / "feedback" / "kim" / NB01, as_version=4)
    text = "\n".join(cell.source for cell in kim.cells)
    assert "[2, 10, 5, 1], [3, 4, 1]" in text  # the student's own code
    assert "Exercise 1.1: 0 / 2" in text and "on a further case" in text
    for case in further_cases(by_number("1.1"), SEED):  # the inputs, as a student writes them
        assert str(case["calls"][0]["args"][0]) not in text


def test_summary_shows_totals_and_unrecognised_files(graded, course_01_02):
    _, _, result, _ = graded
    total = sum(exercises_of(course_01_02).values())
    assert re.search(rf"alice\s+{total} / {total}", result.stdout)
    assert re.search(rf"frank\s+0 / {total}", result.stdout)


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
    assert all(rows[s, "ex1_1_check"]["reason"] == "passed" for s in ("ada", "ben", "cy", "dee"))
    with open(tmp_path / "out" / "notes.csv", encoding="utf-8") as f:  # once per notebook
        notes = {r["student"]: r["note"] for r in csv.DictReader(f)}
    assert "ada" not in notes
    assert "taken from '01_zero_initialization (1).ipynb'" in notes["ben"]
    assert "found at cy/notebooks/deeper" in notes["cy"]
    assert "work.zip:notebooks/" in notes["dee"]
    assert result.stdout.count("work.zip:notebooks/") == 1  # in the summary, once
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
    assert "FLAGGED: the submission uses import builtins; review it by hand" in result.stdout


def test_without_bubblewrap_grading_refuses_unless_unsandboxed(tmp_path, course_01_02, right):
    subs = tmp_path / "in"
    hand_in(subs, "al", right)
    env = dict(os.environ, PATH=str(tmp_path))  # no bwrap on this PATH
    command = [sys.executable, "-m", "instructor.grade", str(subs), "--notebooks",
               str(course_01_02), "--key", str(KEY_FILE)]
    result = subprocess.run(command + ["--out", str(tmp_path / "a")], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "bubblewrap" in result.stderr and "--unsandboxed" in result.stderr
    result = subprocess.run(command + ["--out", str(tmp_path / "b"), "--unsandboxed"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    got, total = (sum(exercises_of(course_01_02, nb).values()) for nb in (NB01, None))
    assert "UNSANDBOXED" in result.stdout and re.search(rf"al\s+{got} / {total}", result.stdout)


def test_a_notebooks_exercises_are_the_registrys(tmp_path):
    """A check cell no exercise owns is not graded (with a warning); one that disagrees with
    the registry (points, or the answer cell above it) stops the grader."""
    import warnings

    from instructor.course import read_notebook
    from instructor.exercises import by_number

    nb = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    (first, second), = [n.exercises for n in course(ROOT / "notebooks") if n.name == NB01]
    assert (first, second) == (by_number("1.1"), by_number("1.2"))
    for cell in nb.cells:
        if nbgrader(cell).get("grade_id") == "ex1_2_check":
            nbgrader(cell)["grade_id"] = "ex9_9_check"
    nbformat.write(nb, tmp_path / NB01)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_notebook(tmp_path / NB01).exercises == (first,)
    assert "ex9_9_check belongs to no exercise" in str(caught[0].message)
    for cell in nb.cells:
        if nbgrader(cell).get("grade_id") == "ex1_1_check":
            nbgrader(cell)["points"] = 5
    nbformat.write(nb, tmp_path / NB01)
    with pytest.raises(ValueError, match="ex1_1_check gives points=5; Exercise 1.1 is worth"):
        read_notebook(tmp_path / NB01)


def test_unchanged_course_cells_give_only_the_definitions_the_answers_use(tmp_path):
    from instructor.course import read_notebook
    from instructor.further_cases import all_cases
    from instructor.plan import plan
    from instructor.synthetic import submission

    nb = nbformat.read(ROOT / "notebooks" / NB01, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(
        "import math\nimport os\n\n\ndef helper(x):\n    return math.sqrt(x) * SCALE\n\n\n"
        "def unused():\n    pass\n\n\nSCALE = 2\nX = expensive_experiment()"))
    nbformat.write(nb, tmp_path / NB01)
    answer = "def initialize_zeros(layer_dims):\n    return helper(len(layer_dims))"
    submitted = submission(tmp_path / NB01, {"ex1_1_initialize_zeros": answer})
    notebook = read_notebook(tmp_path / NB01)
    steps, answers = plan(notebook, submitted, all_cases([notebook], SEED))
    kept = "\n".join(step["course"] for step in steps if "course" in step)
    assert "def helper" in kept and "import math" in kept and "SCALE = 2" in kept
    assert "unused" not in kept and "expensive_experiment" not in kept and "os" not in kept
    checks = [e.check_id for e in notebook.exercises]
    assert [step["check"] for step in steps if "check" in step] == checks
    assert set(answers) == set(checks)


def test_a_submission_with_malformed_metadata_is_planned_not_crashed(tmp_path, right):
    """Cells whose nbgrader metadata is broken are the student's own cells, run in order."""
    from instructor.course import read_notebook
    from instructor.further_cases import all_cases
    from instructor.plan import plan
    from instructor.synthetic import submission

    submitted = submission(ROOT / "notebooks" / NB01, right)
    broken = nbformat.v4.new_code_cell("y = 2")
    broken.metadata["nbgrader"] = []
    submitted.cells.insert(2, broken)
    notebook = read_notebook(ROOT / "notebooks" / NB01)
    steps, answers = plan(notebook, submitted, all_cases([notebook], SEED))
    assert {"run": "y = 2", "cell": 2} in steps
    assert set(answers) == {e.check_id for e in notebook.exercises}


def test_cells_are_read_as_a_jupyter_kernel_reads_them():
    from instructor.worker import python_source

    plain = "x = 1  # plain Python stays as it is"
    assert python_source(plain) == plain
    cell = "%matplotlib inline\n!pip install x\nnp.zeros?\n??np\nfiles = !ls\n%time y = 2\n"
    namespace = {}
    exec(python_source(cell), namespace)
    assert namespace["y"] == 2 and namespace["files"] == []
    assert python_source("%%bash\nrm -rf /\n") == ""
    assert "x = 3" in python_source("%%time\nx = 3\nx?")
    written = python_source("%%writefile -a notes.txt\nnot Python: {\n")
    assert "open('notes.txt', 'a')" in written and "'not Python: {\\n'" in written


def test_csv_cells_are_formula_safe():
    from instructor.safe_text import csv_cell

    for formula in ("=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", " =1"):
        assert csv_cell(formula)[0] not in "=+-@\t\r", formula
    assert csv_cell("alice") == "alice" and csv_cell(3) == 3


def test_no_folder_name_is_taken_for_another(tmp_path):
    from instructor.submissions import _class_root, folder_names

    generated = folder_names(["bob smith"])["bob smith"]
    both = folder_names(["bob smith", generated, "alice"])
    assert len(set(both.values())) == 3 and both["alice"] == "alice"
    assert both[generated] != generated
    (tmp_path / "submitted").mkdir()
    (tmp_path / "alice").mkdir()
    assert _class_root(tmp_path) == tmp_path  # a student called "submitted" beside alice
    (tmp_path / "alice").rmdir()
    (tmp_path / "gradebook.db").touch()
    assert _class_root(tmp_path) == tmp_path / "submitted"  # nbgrader's course folder
