"""Traps of a real class: a renamed notebook mapped with one option, a copy released before an
exercise was added, and two TAs checking that they hold the same key."""

import subprocess
import sys

import pytest
from grading_helpers import KEY_FILE, NB01, ROOT, SEED, grade, hand_in, needs_bwrap

from instructor.key_fingerprint import fingerprint

pytestmark = needs_bwrap


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course_01_02, right):
    subs = tmp_path_factory.mktemp("class") / "submissions"
    hand_in(subs, "olga", right, drop=("ex1_2_count_distinct", "ex1_2_check"))  # old release
    hand_in(subs, "dan", right, drop=("ex1_2_count_distinct",))  # deleted the answer cell
    hand_in(subs, "gustav", right, file_name="01_zero_initialization_gustav.ipynb")
    hand_in(subs, "hugo", right, file_name="01_zero_initialization_hugo.ipynb")
    out = subs.parent / "grades" / "week1"
    result, rows = grade(subs, out, course_01_02, "--rename",
                         "01_Zero_Initialization_GUSTAV.ipynb=01_zero_initialization.ipynb")
    assert result.returncode == 0, result.stderr
    return subs, out, result, rows


def test_a_copy_released_before_an_exercise_says_so(graded):
    _, _, _, rows = graded
    assert rows["olga", "ex1_1_check"]["reason"] == "passed"
    assert rows["olga", "ex1_2_check"]["reason"].startswith(
        f"your copy predates Exercise 1.2: it holds neither its answer cell nor its check "
        f"cell; download the new release of {NB01}")
    # an answer cell deleted from a copy that has the exercise is still called that
    assert rows["dan", "ex1_2_check"]["reason"] == (
        "answer cell missing from the submission (deleted?)")


def test_a_renamed_notebook_is_graded_when_mapped_and_only_then(graded):
    _, out, _, rows = graded
    assert [rows["gustav", e]["points"] for e in ("ex1_1_check", "ex1_2_check")] == ["2", "2"]
    notes = (out / "notes.csv").read_text(encoding="utf-8")
    assert "taken from '01_zero_initialization_gustav.ipynb'" in notes
    assert rows["hugo", "ex1_1_check"]["reason"] == "notebook not submitted"
    assert "01_zero_initialization_hugo.ipynb" in (out / "unrecognised.txt").read_text()


def test_a_rename_to_no_course_notebook_is_refused(graded, course_01_02, tmp_path):
    subs, _, _, _ = graded
    for wrong in ("a.ipynb=03_he_initialization.ipynb", "a.ipynb", "a.ipynb=x/b.ipynb"):
        result, _ = grade(subs, tmp_path / "g", course_01_02, "--rename", wrong)
        assert result.returncode == 2 and "--rename" in result.stderr, result.stderr
        assert not (tmp_path / "g").exists()


def test_the_keys_fingerprint_is_written_beside_the_grades_never_the_key(graded):
    _, out, result, _ = graded
    written = (out / "key_fingerprint.txt").read_text()
    printed = subprocess.run([sys.executable, "-m", "instructor.key_fingerprint", "--key",
                              str(KEY_FILE)], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
    assert written.splitlines()[0] == printed == fingerprint(SEED)
    assert f"key fingerprint {printed}" in result.stdout
    key = KEY_FILE.read_text().strip()
    assert key not in written and str(SEED) not in written and f"{SEED:x}" not in written


def test_another_key_beside_earlier_grades_is_refused_with_both_fingerprints(
        graded, course_01_02, tmp_path):
    subs, out, _, _ = graded
    other = tmp_path / "other-key"
    other.write_text("another course's key, not this one\n")
    result = subprocess.run(
        [sys.executable, "-m", "instructor.grade", str(subs), "--out",
         str(out.parent / "week2"), "--notebooks", str(course_01_02), "--key", str(other)],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert f"holds grades drawn from the key with fingerprint {fingerprint(SEED)}" in (
        result.stderr)
    assert not (out.parent / "week2").exists()


def test_different_seeds_have_different_fingerprints():
    prints = {fingerprint(seed) for seed in (0, 1, SEED, SEED + 1, 2**128 - 1)}
    assert len(prints) == 5
    assert all(len(p) == 19 and p.count("-") == 3 for p in prints)
