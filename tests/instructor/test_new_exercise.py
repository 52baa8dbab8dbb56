"""Adding an exercise, end to end, in a copy of the repository: `make new-exercise` writes the
two notebook cells and the registry entry; once its TODOs are written, the notebook's check
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

# what a contributor writes in place of the skeleton's TODOs
TOY = '''

# ---------------------------------------------------------------- 1.3 double_it

from .judging import finite_number  # noqa: E402


def double_case(x):
    return {"calls": [{"args": [x]}]}


DOUBLE_CASES = (double_case(1.5), double_case(-2.0))


def further_double_cases(rng):
    """Numbers from -10 to 10."""
    return new_cases(lambda rng: double_case(round(float(rng.uniform(-10, 10)), 2)), rng, 2,
                     DOUBLE_CASES)


def judge_double_it(case, outcomes):
    """``double_it(x)``: twice x."""
    (x,) = case["calls"][0]["args"]
    got = finite_number(returned(outcomes[0]))
    if got == x * x:
        raise Wrong("that is x squared; double means 2 * x")
    if got != 2 * x:
        raise Wrong("not twice x", f"x = {x}")


def double_squares(x):
    return x * x


DOUBLE_IT = Exercise(
    number="1.3", function="double_it", signature="double_it(x)", task="twice x", points=1,
    praise="twice x, every time", cases=DOUBLE_CASES, judge=judge_double_it,
    further_cases=further_double_cases, mistakes=(Mistake(double_squares, "x squared"),))

EXERCISES = (*EXERCISES, DOUBLE_IT)
'''


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
    row, notebook, module = scaffold("1.3", "double_it(x)", 1, root=repo)
    assert notebook == repo / "notebooks" / NB01
    assert module == repo / "initlib" / "exercises" / "nb01_zero_initialization.py"
    skeleton = module.read_text()
    assert "TODO" in skeleton and 'number="1.3"' in skeleton
    # the skeleton fails loudly until it is written
    result = run(["-c", "import initlib.checks"], repo)
    assert result.returncode != 0 and "exercise 1.3 needs visible cases" in result.stderr

    # the contributor writes the TODOs, the solution and the README row
    module.write_text(skeleton[:skeleton.index("\n\n# ----------------------------------"
                                               "------------------------------ 1.3")] + TOY)
    nb = nbformat.read(notebook, as_version=4)
    answer, check = nb.cells[-2:]
    assert (grade_id(answer), grade_id(check)) == ("ex1_3_double_it", "ex1_3_check")
    answer.source = answer.source.replace("    raise NotImplementedError()", "    return 2 * x")
    nbformat.write(nb, notebook)
    readme = (repo / "README.md").read_text()
    last = "| 1.2 | 01 | 2 |"
    at = readme.index("\n", readme.index(last))
    (repo / "README.md").write_text(readme[:at] + "\n" + row.replace("TODO", "twice x")
                                    + readme[at:])

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
        "from initlib.exercises import by_number\n"
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

    # the tests that the registry feeds, run in the copy
    result = run(["-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                  "tests/unit/test_checks.py", "tests/unit/test_names.py"], repo)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1.3" in run(["-m", "pytest", "--collect-only", "-q", "-o", "addopts=",
                         "tests/unit/test_checks.py"], repo).stdout
