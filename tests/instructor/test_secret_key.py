"""The further cases are secret: drawn from a key kept outside the repository.

A student who reads every file of the repository (the generators included) cannot know the
cases the grader will use; two courses with different keys grade on different cases.
"""

import os
import stat
import subprocess
import sys

import pytest
from grading_helpers import NB01, ROOT, hand_in, needs_bwrap, read_scores

from instructor.exercises import EXERCISES
from instructor.further_cases import KeyProblem, further_cases, load_key


def test_a_key_is_created_on_first_use_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "config" / "key"
    seed, message = load_key(path)
    assert "Created the grader's secret key" in message and str(path) in message
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(path) == (seed, "")  # the same key, the same cases, no message


def test_different_keys_draw_different_further_cases(tmp_path):
    first, _ = load_key(tmp_path / "a")
    second, _ = load_key(tmp_path / "b")
    assert first != second
    for exercise in EXERCISES.values():
        assert further_cases(exercise, first) != further_cases(exercise, second), exercise.title
        assert further_cases(exercise, first) == further_cases(exercise, first)


def test_a_key_inside_the_repository_or_too_short_is_refused(tmp_path):
    with pytest.raises(KeyProblem, match="inside the repository"):
        load_key(ROOT / "instructor" / "key", create=False)
    (tmp_path / "short").write_text("1234")
    with pytest.raises(KeyProblem, match="at least 16"):
        load_key(tmp_path / "short")


def test_the_repository_holds_no_further_case():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    # the one module about further cases draws them; no case is written down anywhere
    assert [n for n in listed if n.startswith("instructor/") and "cases" in n] == [
        "instructor/further_cases.py"]
    assert '"calls"' not in (ROOT / "instructor" / "further_cases.py").read_text()
    assert not any("key" == os.path.basename(name) for name in listed)


@needs_bwrap
def test_make_grade_without_a_key_creates_one_in_the_instructors_home(tmp_path, course_01_02,
                                                                      right):
    hand_in(tmp_path / "subs", "ann", right)
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "instructor.grade", str(tmp_path / "subs"), "--out",
         str(tmp_path / "grades"), "--notebooks", str(course_01_02)],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, HOME=str(home)))
    assert result.returncode == 0, result.stderr
    key = home / ".config" / "initlib-grader" / "key"
    assert key.is_file() and f"Created the grader's secret key at {key}" in result.stderr
    assert read_scores(tmp_path / "grades")["ann", "ex1_1_check"]["points"] == "2"
    assert NB01 in (tmp_path / "grades" / "scores.csv").read_text()


def test_a_missing_key_beside_earlier_grades_is_refused_not_replaced(tmp_path):
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    earlier = tmp_path / "grades" / "week1"
    earlier.mkdir(parents=True)
    (earlier / "scores.csv").write_text("student\n")
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "instructor.grade", str(tmp_path / "subs"), "--out",
         str(tmp_path / "grades" / "week2"), "--unsandboxed"],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, HOME=str(home)))
    assert result.returncode == 2
    assert "Refusing to grade: no key at" in result.stderr and str(earlier) in result.stderr
    assert not (home / ".config" / "initlib-grader" / "key").exists()
