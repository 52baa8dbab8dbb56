"""Adding an exercise, end to end, in a copy of the repository: `make new-exercise` writes the
notebook's cells (before its summary), the student's and the instructor's modules and the
README row; once the TODOs are written and `make exercise-data` has run, the notebook's check
runs, the grader grades it, and the tests of the exercises pass there, nothing else edited."""

import csv
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from grading_helpers import KEY_FILE

from tools.new_exercise import parse, scaffold
from tools.notebook_format import ROOT, grade_id

NB01 = "01_zero_initialization.ipynb"

# what a contributor writes in place of the skeletons' TODOs: the judge ...
STUDENT = '''"""Exercise 1.3 ``double_it(x)``, as notebook 01 checks it."""

from .exercise import Exercise, Wrong, data_file
from .judging import finite_number, returned


def judge_double_it(case, outcomes):
    """``double_it(x)``: twice x."""
    (x,) = case["calls"][0]["args"]
    (expected,) = case["expected"]
    got = finite_number(returned(outcomes[0]))
    if got == expected:
        return
    if got == expected * x / 2:
        raise Wrong("that is x squared; double means 2 * x")
    raise Wrong("not twice x", f"x = {x}")


EXERCISE = Exercise(
    number="1.3", function="double_it", signature="double_it(x)", task="twice x",
    praise="twice x, every time", judge=judge_double_it, data=data_file(__file__))
'''

# ... and the reference, the cases and the mistakes
INSTRUCTOR = '''"""Exercise 1.3 ``double_it(x)``: the instructor's side."""

from initlib.exercises.ex1_3_double_it import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, new_cases, noted


def reference_double_it(x):
    return 2.0 * x


def double_case(x):
    return {"calls": [{"args": [x]}]}


VISIBLE = (double_case(1.5), double_case(-2.0))


def further_double_cases(rng):
    """Numbers from -10 to 10."""
    return [noted(case, "a number from -10 to 10") for case in new_cases(
        lambda rng: double_case(round(float(rng.uniform(-10, 10)), 2)), rng, 2, VISIBLE)]


def double_squares(x):
    return x * x


EXERCISE = GradedExercise(
    student=STUDENT, points=1, reference=reference_double_it, visible=VISIBLE,
    further_cases=further_double_cases, mistakes=(Mistake(double_squares, "x squared"),))
'''


def add_toy_exercise(repo, number, function):
    """Scaffold exercise ``number`` (twice x, called ``function``) and write what a contributor
    writes: both modules (the toy above, renamed), the solution and the README row's task."""
    row, notebook, student, instructor = scaffold(number, f"{function}(x)", 1, root=repo)
    ids = number.replace(".", "_")

    def renamed(text):
        return (text.replace("1.3", number).replace("ex1_3", f"ex{ids}")
                .replace("double_it", function).replace("notebook 01", f"notebook {ids[0]:0>2}"))
    student.write_text(renamed(STUDENT))
    instructor.write_text(renamed(INSTRUCTOR))
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if grade_id(cell) == f"ex{ids}_{function}":
            cell.source = cell.source.replace("    raise NotImplementedError()", "    return 2 * x")
    nbformat.write(nb, notebook)
    readme = repo / "README.md"
    readme.write_text(readme.read_text().replace(row, row.replace("TODO", "twice x")))


def copy_of_the_repository(target):
    """The repository's files as they are now (committed or not), without generated ones."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy, follow_symlinks=False)
    return target


def run(args, cwd, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(cwd), OPENBLAS_NUM_THREADS="1")
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, **kwargs)


def test_the_scaffold_refuses_what_it_cannot_place(tmp_path):
    with pytest.raises(SystemExit, match="NUMBER='3'"):
        parse("3", "f(x)")
    with pytest.raises(SystemExit, match="SIGNATURE="):
        parse("3.3", "f x")
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(SystemExit, match="needs one notebook 07_"):
        scaffold("7.1", "f(x)", 1, root=tmp_path)


def test_an_exercise_added_end_to_end(tmp_path):
    repo = copy_of_the_repository(tmp_path / "repo")
    row, notebook, student, instructor = scaffold("1.3", "double_it(x)", 1, root=repo)
    assert notebook == repo / "notebooks" / NB01
    assert student == repo / "initlib" / "exercises" / "ex1_3_double_it.py"
    assert instructor == repo / "instructor" / "exercises" / "ex1_3_double_it.py"
    assert "TODO" in student.read_text() and 'number="1.3"' in student.read_text()
    assert "TODO" in instructor.read_text() and "points=1" in instructor.read_text()
    # the cells go before the summary, the README row into the table after 1.2
    nb = nbformat.read(notebook, as_version=4)
    ids = [grade_id(cell) for cell in nb.cells]
    answer, check = ids.index("ex1_3_double_it"), ids.index("ex1_3_check")
    assert check == answer + 1 and nb.cells[check + 1].source.startswith("## Summary")
    assert nb.cells[answer - 1].source.startswith("### Exercise 1.3 (1 point)")
    readme = (repo / "README.md").read_text()
    assert readme.index("| 1.2 | 01 |") < readme.index(row + "\n") < readme.index("| 2.1 | 02 |")
    # the skeleton fails loudly until it is written
    result = run(["-c", "import instructor.exercises"], repo)
    assert result.returncode != 0 and "exercise 1.3 needs visible cases" in result.stderr

    # the contributor writes the TODOs, the solution and the README row's task
    student.write_text(STUDENT)
    instructor.write_text(INSTRUCTOR)
    result = run(["-m", "instructor.exercise_data"], repo)
    assert result.stdout.startswith("1 data files written: ex1_3_double_it.json"), result.stderr
    answer = nb.cells[answer]
    answer.source = answer.source.replace("    raise NotImplementedError()", "    return 2 * x")
    check = nb.cells[check]
    nbformat.write(nb, notebook)
    (repo / "README.md").write_text(readme.replace(row, row.replace("TODO", "twice x")))

    # the notebook's two cells, run as the notebook runs them
    cells = f"import numpy as np\n{answer.source}\n{check.source}"
    result = run(["-c", cells], repo)
    assert result.stdout == "PASSED  Exercise 1.3: twice x, every time\n", result.stderr

    # the grader: a right answer scores, the typical mistake gets its hint
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(notebook, course / NB01)
    hand_in = (
        "import os, sys\n"
        "import nbformat\n"
        "from instructor.exercises import by_number\n"
        "from instructor.synthetic import mistake_source, submission\n"
        "from tools.notebook_format import solutions\n"
        "course, folder = sys.argv[1:]\n"
        "right = solutions()\n"
        "for name, answer in [('ann', right['ex1_3_double_it']),\n"
        "                     ('bob', mistake_source(by_number('1.3')))]:\n"
        "    os.makedirs(f'{folder}/{name}')\n"
        "    nb = submission(course, dict(right, ex1_3_double_it=answer))\n"
        f"    nbformat.write(nb, f'{{folder}}/{{name}}/{NB01}')\n")
    result = run(["-c", hand_in, str(course / NB01), str(tmp_path / "subs")], repo)
    assert result.returncode == 0, result.stderr
    sandbox = [] if shutil.which("bwrap") else ["--unsandboxed"]
    result = run(["-m", "instructor.grade", str(tmp_path / "subs"), "--out",
                  str(tmp_path / "grades"), "--notebooks", str(course), *sandbox,
                  "--key", str(KEY_FILE)], repo)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "grades" / "scores.csv") as f:
        rows = {(r["student"], r["grade_id"]): r for r in csv.DictReader(f)}
    assert rows["ann", "ex1_3_check"]["points"] == "1"
    assert rows["ann", "ex1_3_check"]["reason"] == "passed"
    assert rows["bob", "ex1_3_check"]["points"] == "0"
    assert "x squared" in rows["bob", "ex1_3_check"]["reason"]
    assert rows["bob", "ex1_1_check"]["points"] == "2"

    # one more in notebooks 02, 03 and 05 (whose exercises once filled a module of 300 lines)
    for number, function in (("2.3", "twice_two"), ("3.3", "twice_three"),
                             ("5.2", "twice_five")):
        add_toy_exercise(repo, number, function)
    result = run(["-m", "instructor.exercise_data"], repo)
    assert result.stdout.startswith("3 data files written"), result.stderr

    # the tests that the registries feed, run in the copy
    result = run(["-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                  "tests/unit/test_checks.py", "tests/unit/test_names.py",
                  "tests/unit/test_exercise_data.py", "tests/unit/test_architecture.py"], repo)
    assert result.returncode == 0, result.stdout[-3000:]
    collected = run(["-m", "pytest", "--collect-only", "-q", "-o", "addopts=",
                     "tests/unit/test_checks.py"], repo).stdout
    assert all(number in collected for number in ("1.3", "2.3", "3.3", "5.2"))
