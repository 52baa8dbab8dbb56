"""Honest students lose no points, and are not flagged, for what honest students do.

Beside them, a student who builds a path from pieces is flagged all the same.
"""

import json
import re

import nbformat
import pytest
from grading_helpers import NB01, NB02, grade, hand_in, needs_bwrap, points

pytestmark = needs_bwrap

EXPERIMENTS = (8, 9, 11, 13, 15)  # code cells of notebook 01 that run the course's experiments


def _commented(path):
    """A comment added to each experiment cell: the code is the course's own."""
    nb = nbformat.read(path, as_version=4)
    for i in EXPERIMENTS:
        assert nb.cells[i].cell_type == "code" and "nbgrader" not in nb.cells[i].metadata
        nb.cells[i].source = "# my note: I ran this twice\n" + nb.cells[i].source + "  # ok"
    nbformat.write(nb, path)


def _changed_experiment(path):
    """An experiment cell really changed: it uses what earlier course cells computed."""
    nb = nbformat.read(path, as_version=4)
    nb.cells[9].source = ("predictions = initlib.predict(zeros_run.params, X_train)\n"
                          "print('share of class 1:', round(float(predictions.mean()), 3))\n")
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def honest_class(tmp_path_factory, course_01_02, right):
    subs = tmp_path_factory.mktemp("fair") / "submissions"
    hand_in(subs, "plain", right)
    hand_in(subs, "plain", right, notebook=NB02)
    _commented(hand_in(subs, "commented", right))
    _changed_experiment(hand_in(subs, "changed", right))
    hand_in(subs, "wrong_name", right, notebook=NB02, file_name=NB01)  # 02 saved as 01
    hand_in(subs, "words", right, extra_cells=[(
        2, "# the signal through the layers, as initlib.checks checks it\n"
           "signal = 'forward'\nprint('signal:', signal)")])
    hand_in(subs, "pieces", right, extra_cells=[(
        2, "try:\n    text = open('/pr' + 'oc/self/status').read()\nexcept OSError:\n"
           "    text = ''")])
    out = subs.parent / "grades"
    result, rows = grade(subs, out, course_01_02)
    assert result.returncode == 0, result.stderr
    return rows, out, result


def _feedback(out, student, notebook=NB01):
    return json.loads((out / "feedback" / student / notebook).read_text())


def test_comments_in_experiment_cells_cost_nothing(honest_class):
    rows, out, _ = honest_class
    got = points(rows)
    assert got["commented", "ex1_1_check"] == got["commented", "ex1_2_check"] == 2
    text = json.dumps(_feedback(out, "commented"))
    assert "This cell raised" not in text


def test_a_changed_experiment_finds_what_the_course_computed_before_it(honest_class):
    rows, out, _ = honest_class
    got = points(rows)
    assert got["changed", "ex1_1_check"] == got["changed", "ex1_2_check"] == 2
    assert "This cell raised" not in json.dumps(_feedback(out, "changed"))


def test_a_notebook_saved_under_anothers_name_is_graded_as_what_it_holds(honest_class):
    rows, out, _ = honest_class
    got = points(rows)
    assert got["wrong_name", "ex2_1_check"] == 2 and got["wrong_name", "ex2_2_check"] == 1
    assert rows["wrong_name", "ex1_1_check"]["reason"] == "notebook not submitted"
    assert not any(rows["wrong_name", e]["flagged"] for e in ("ex1_1_check", "ex2_1_check"))
    assert (out / "feedback" / "wrong_name" / NB01).is_file()  # feedback for every notebook
    assert "holds the exercises of " + NB02 in (out / "notes.csv").read_text()


def test_the_flag_reads_code_not_the_courses_words(honest_class):
    rows, _, result = honest_class
    for student in ("plain", "commented", "changed", "words"):
        assert rows[student, "ex1_1_check"]["flagged"] == "", student
    assert "/proc" in rows["pieces", "ex1_1_check"]["flagged"]
    assert points(rows)["pieces", "ex1_1_check"] == 2  # flagged for a look, graded as usual


def test_exercises_are_named_as_the_notebooks_name_them(honest_class):
    rows, out, result = honest_class
    assert rows["plain", "ex1_1_check"]["exercise"] == "Exercise 1.1"
    text = json.dumps(_feedback(out, "plain"))
    assert "Exercise 1.1: 2 / 2" in text and "ex1_1_check" not in text
    missing = json.dumps(_feedback(out, "commented", NB02))  # not handed in: feedback says so
    assert "notebook not submitted" in missing
    assert not re.search(r"ex\d_\d_check", result.stdout)
