"""The exercise checks, derived from the registry: right answers pass, each usual mistake gets
its specific hint, every exercise is tied to its notebook's cells and the README's table."""

import inspect
import re

import nbformat
import numpy as np
import pytest

from initlib import checks
from initlib.checks import CheckFailed
from initlib.exercises import EXERCISES, by_number, draw_further_cases
from tools.notebook_format import (
    NOTEBOOKS,
    ROOT,
    course_notebooks,
    grade_id,
    is_answer,
    is_check,
    nbgrader_metadata,
    solutions,
)

ALL = list(EXERCISES.values())
MISTAKES = [(e, m) for e in ALL for m in e.mistakes]


@pytest.fixture(scope="module")
def notebook_answers():
    """The instructor's solutions, defined as the notebooks define them."""
    namespace = {"np": np}
    for source in solutions().values():
        exec(source, namespace)
    return namespace


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_the_notebooks_solution_passes(exercise, notebook_answers, capsys):
    getattr(checks, f"check_{exercise.function}")(notebook_answers[exercise.function])
    assert capsys.readouterr().out == f"PASSED  {exercise.title}: {exercise.praise}\n"


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_unattempted_exercise_says_so(exercise, capsys):
    def placeholder(*args):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not attempted yet"):
        getattr(checks, f"check_{exercise.function}")(placeholder)
    assert "not attempted yet" in capsys.readouterr().out


@pytest.mark.parametrize("exercise,mistake", MISTAKES,
                         ids=[f"{e.number}-{m.answer.__name__}" for e, m in MISTAKES])
def test_each_mistake_gets_its_hint(exercise, mistake, capsys):
    with pytest.raises(CheckFailed) as info:
        getattr(checks, f"check_{exercise.function}")(mistake.answer)
    assert mistake.hint in str(info.value), str(info.value)
    assert mistake.hint in capsys.readouterr().out  # the student sees it printed, not only raised


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_the_first_mistake_stands_alone_as_a_students_cell(exercise):
    """The synthetic class hands it in with only numpy imported, under the exercise's name."""
    from instructor.synthetic import mistake_source

    namespace = {"np": np}
    exec(mistake_source(exercise), namespace)
    with pytest.raises(CheckFailed, match=re.escape(exercise.mistakes[0].hint)):
        checks.check(exercise.function, namespace[exercise.function])


def test_a_subclass_of_int_is_not_a_number(capsys):
    class AlwaysEqual(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    with pytest.raises(CheckFailed, match="not plain data"):
        checks.check_count_distinct(lambda W, b: AlwaysEqual(1))


def test_every_exercise_has_a_check_called_by_its_name():
    for name, exercise in EXERCISES.items():
        checker = getattr(checks, f"check_{name}")
        assert checker.__name__ == f"check_{name}"
        assert checker.__doc__.startswith(f"Exercise {exercise.number} (notebook ")
        assert by_number(exercise.number) is exercise
    with pytest.raises(KeyError, match="no exercise '9.9'"):
        by_number("9.9")


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_further_cases_are_drawn_from_the_seed_and_unlike_the_visible_ones(exercise):
    first, again = draw_further_cases(exercise, 1), draw_further_cases(exercise, 1)
    assert first == again and first
    assert all(case not in exercise.cases for case in first)
    assert any(draw_further_cases(exercise, seed) != first for seed in (2, 3, 4))


def test_each_exercise_is_in_its_notebook_with_the_registrys_ids_and_points():
    """Notebook NN's answer and check cells, in order, are exactly its registry entries."""
    for path in course_notebooks():
        nb = nbformat.read(path, as_version=4)
        found = []
        for cell in nb.cells:
            if is_answer(cell):
                found.append(("answer", grade_id(cell), None, cell.source))
            elif is_check(cell):
                points = nbgrader_metadata(cell).get("points")
                found.append(("check", grade_id(cell), points, cell.source))
        expected = []
        for e in ALL:
            if e.notebook == path.name[:2]:
                expected += [("answer", e.answer_id, None), ("check", e.check_id, e.points)]
        assert [f[:3] for f in found] == expected, path.name
        for e in (e for e in ALL if e.notebook == path.name[:2]):
            answer = next(f[3] for f in found if f[1] == e.answer_id)
            check = next(f[3] for f in found if f[1] == e.check_id)
            assert f"def {e.signature}:" in answer, e.number
            assert f"check_{e.function}({e.function})" in check, e.number


def test_every_notebook_with_exercises_has_its_module():
    modules = {p.stem[2:4] for p in (ROOT / "initlib" / "exercises").glob("nb[0-9][0-9]_*.py")}
    assert {e.notebook for e in ALL} == modules
    for e in ALL:
        assert inspect.getmodule(e.judge).__name__.startswith(f"initlib.exercises.nb{e.notebook}_")
    assert {p.name[:2] for p in NOTEBOOKS.glob("*.ipynb")} >= modules


def readme_rows():
    from tools.new_exercise import readme_row

    return [readme_row(e) for e in ALL]


def test_the_readmes_exercise_table_is_the_registry():
    text = (ROOT / "README.md").read_text()
    table = re.findall(r"^\| \d+\.\d+ \|.*$", text, flags=re.M)
    assert table == readme_rows(), "\n".join(["README's exercise table should read:",
                                             *readme_rows()])
