"""The exercise checks, derived from the registry: right answers pass, each usual mistake gets
its specific hint, every exercise is tied to its notebook's cells and the README's table.

The wrong answers and the further cases are the instructor's (``instructor/exercises``); the
checks run them through the student's package (``initlib.checks``), as a notebook does."""

import inspect
import re

import nbformat
import numpy as np
import pytest

from initlib import checks
from initlib._protocol import build, call_record
from initlib.checks import CheckFailed
from initlib.exercises import EXERCISES as STUDENT_EXERCISES
from instructor.exercises import EXERCISES, by_number, draw_further_cases
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
GAIN = by_number("4.1")
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
def test_the_check_finds_the_function_the_notebook_defined(exercise, notebook_answers, capsys):
    """``check_<function>()`` with no argument, as a check cell calls it: the caller's names."""
    cell = {"np": np, exercise.function: notebook_answers[exercise.function]}
    exec(f"from initlib.checks import check_{exercise.function}\n"
         f"check_{exercise.function}()", cell)
    assert capsys.readouterr().out == f"PASSED  {exercise.title}: {exercise.praise}\n"


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_a_check_run_before_its_answer_cell_says_which_cell_to_run(exercise, capsys):
    with pytest.raises(CheckFailed) as info:
        exec(f"from initlib.checks import check_{exercise.function}\n"
             f"check_{exercise.function}()", {})
    assert str(info.value) == (
        f"{exercise.title}: `{exercise.function}` is not defined yet: run the answer cell of "
        f"{exercise.title} (the cell with `def {exercise.signature}:`) first, then this check "
        "again")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_unattempted_exercise_says_so(exercise, capsys):
    def placeholder(*args):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not attempted yet"):
        getattr(checks, f"check_{exercise.function}")(placeholder)
    assert capsys.readouterr().out == ""  # the message is the exception's, shown once


@pytest.mark.parametrize("exercise,mistake", MISTAKES,
                         ids=[f"{e.number}-{m.answer.__name__}" for e, m in MISTAKES])
def test_each_mistake_gets_its_hint(exercise, mistake, capsys):
    with pytest.raises(CheckFailed) as info:
        getattr(checks, f"check_{exercise.function}")(mistake.answer)
    assert mistake.hint in str(info.value), str(info.value)
    assert capsys.readouterr().out == ""  # one message: the exception's, not a print as well


def run_cells(*cells):
    """Run notebook cells in an IPython shell; (what each printed or showed, its success)."""
    from IPython.testing.globalipapp import get_ipython
    from IPython.utils.capture import capture_output

    shell = get_ipython()
    shell.reset()
    results = []
    for cell in cells:
        with capture_output() as shown:
            result = shell.run_cell(cell)
        results.append((shown.stdout + shown.stderr, result.success))
    return results


def test_a_failed_check_shows_its_message_once_without_a_traceback():
    (_, defined), (shown, passed) = run_cells(
        "import numpy as np\n"
        "def he_normal(fan_in, fan_out, rng):\n"
        "    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / fan_in)",
        "from initlib.checks import check_he_normal\n\ncheck_he_normal()")
    assert defined and not passed
    assert shown.count("LeCun's scale") == 1, shown
    assert shown.startswith("NOT YET  Exercise 3.1: the std matches sqrt(1 / fan_in)"), shown
    assert "Traceback" not in shown and "initlib/" not in shown and "CheckFailed" not in shown


def test_a_check_cell_run_first_says_so_in_a_notebook():
    (shown, passed), = run_cells("from initlib.checks import check_lsuv\n\ncheck_lsuv()")
    assert not passed
    assert shown == ("NOT YET  Exercise 5.1: `lsuv` is not defined yet: run the answer cell of "
                     "Exercise 5.1 (the cell with `def lsuv(params, X):`) first, then this "
                     "check again\n")


def test_the_old_form_with_the_function_passed_in_still_works(notebook_answers):
    (_, _), (shown, passed) = run_cells(
        "import numpy as np\ndef predicted_std(scale, n, L):\n"
        "    return (scale * np.sqrt(n)) ** L",
        "from initlib.checks import check_predicted_std\n\ncheck_predicted_std(predicted_std)")
    assert passed and shown.startswith("PASSED  Exercise 2.2:")


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
    assert list(STUDENT_EXERCISES) == list(EXERCISES)
    for name, exercise in EXERCISES.items():
        checker = getattr(checks, f"check_{name}")
        assert checker.__name__ == f"check_{name}"
        assert checker.__doc__.startswith(f"Exercise {exercise.number} (notebook ")
        assert by_number(exercise.number) is exercise
        assert exercise.student is STUDENT_EXERCISES[name]
    with pytest.raises(KeyError, match="no exercise '9.9'"):
        by_number("9.9")


@pytest.mark.parametrize("exercise", ALL, ids=lambda e: e.number)
def test_further_cases_are_drawn_from_the_seed_and_unlike_the_visible_ones(exercise):
    first, again = draw_further_cases(exercise, 1), draw_further_cases(exercise, 1)
    assert first == again and first
    assert all({k: v for k, v in case.items() if k != "about"} not in exercise.cases
               for case in first)
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
            # the check cell calls check_<function>() (or, in the older form, passes it in)
            assert re.search(rf"^check_{e.function}\(({e.function})?\)$", check, re.M), e.number


def test_every_exercise_has_its_module_on_both_sides():
    """ex3_1_he_normal.py in initlib/exercises (the judge, beside its data file) and in
    instructor/exercises (points, reference, further cases, mistakes), and nowhere else."""
    modules = {e.module for e in ALL}
    for side in ("initlib", "instructor"):
        found = {p.stem for p in (ROOT / side / "exercises").glob("ex*_*.py")}
        assert found == modules, side
    assert {p.stem for p in (ROOT / "initlib" / "exercises").glob("*.json")} == modules
    for e in ALL:
        assert inspect.getmodule(e.judge).__name__ == f"initlib.exercises.{e.module}"
        assert inspect.getmodule(e.reference).__name__ == f"instructor.exercises.{e.module}"
        assert all(inspect.getmodule(m.answer).__name__.startswith("instructor.exercises.")
                   for m in e.mistakes)
    assert {p.name[:2] for p in NOTEBOOKS.glob("*.ipynb")} >= {e.notebook for e in ALL}


def readme_rows():
    from tools.new_exercise import readme_row

    return [readme_row(e) for e in ALL]


def test_the_readmes_exercise_table_is_the_registry():
    text = (ROOT / "README.md").read_text()
    table = re.findall(r"^\| \d+\.\d+ \|.*$", text, flags=re.M)
    assert table == readme_rows(), "\n".join(["README's exercise table should read:",
                                             *readme_rows()])


# ---------------------------------------------------------------- no passing by luck


def verdicts(exercise, answer, seed):
    """The grader's verdicts on the visible and the further cases of ``seed``."""
    return [exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
            for case in [*exercise.cases, *draw_further_cases(exercise, seed)]]


@pytest.mark.parametrize("seed", range(20))
def test_a_gain_from_draws_of_ones_own_never_passes(seed):
    """The draws are given: an estimate from other draws, however many, is never the answer."""
    def gain_for(activation, z):
        own = np.random.default_rng(seed).standard_normal(200_000)
        return float(1 / np.sqrt(np.mean(activation(own) ** 2)))

    with pytest.raises(CheckFailed, match="not draws of your own"):
        checks.check("gain_for", gain_for)
    assert all(v is not None for v in verdicts(GAIN, gain_for, seed))


def test_an_exact_gain_that_ignores_the_draws_fails():
    def gain_for(activation, z):  # numerical integration: exact to 1e-6, not the draws' gain
        grid = np.linspace(-10, 10, 20001)
        density = np.exp(-grid**2 / 2) / np.sqrt(2 * np.pi) * (grid[1] - grid[0])
        return float(1 / np.sqrt(np.sum(activation(grid) ** 2 * density)))

    assert all(v is not None for v in verdicts(GAIN, gain_for, 0))


@pytest.mark.parametrize("seed", range(5))
def test_the_gain_of_the_given_draws_passes_every_case_for_any_seed(seed):
    def gain_for(activation, z):
        return float(np.mean(activation(z) ** 2) ** -0.5)

    assert verdicts(GAIN, gain_for, seed) == [None] * (3 + 10)


def test_every_lsuv_case_needs_biases_and_the_repeat():
    from instructor.exercises.ex5_1_lsuv import needs_the_repeat

    lsuv = by_number("5.1")
    cases = [*lsuv.cases, *(c for seed in range(20) for c in draw_further_cases(lsuv, seed))]
    assert all(needs_the_repeat(case) for case in cases)


def test_weights_learned_from_the_visible_cases_fail_the_further_cases():
    """An answer that replays the visible cases' weights by shape and call passes the check,
    and fails the grader: the further cases repeat the visible shapes with new generators."""
    he = by_number("3.1")
    replay, calls = {}, []
    for case in he.cases:
        fan_in, fan_out = case["calls"][0]["args"][:2]
        replay[fan_in, fan_out] = [build(c["args"][2]).standard_normal((fan_out, fan_in))
                                   * np.sqrt(2 / fan_in) for c in case["calls"]]

    def he_normal(fan_in, fan_out, rng):
        calls.append(1)
        return replay[fan_in, fan_out][(len(calls) - 1) % 3]

    checks.check("he_normal", he_normal)
    further = draw_further_cases(he, 0)
    shapes = {tuple(c["calls"][0]["args"][:2]) for c in further}
    assert set(replay) <= shapes
    verdicts = []
    for case in further:
        if tuple(case["calls"][0]["args"][:2]) in replay:
            calls.clear()
            verdicts.append(he.verdict(case, [call_record(he_normal, c) for c in case["calls"]]))
    assert verdicts and all(v is not None and "not the draw" in v.message() for v in verdicts)


@pytest.mark.parametrize("source", [
    "import initlib\nreturn initlib.initialize_parameters([fan_in, fan_out], 'he', rng=rng)['W1']",
    "from initlib.initializers import initialize_parameters as init\n"
    "return init([fan_in, fan_out], 'he', rng=rng)['W1']",
    "from initlib import weight_std\n"
    "return rng.standard_normal((fan_out, fan_in)) * weight_std('he', fan_in, fan_out)",
])
def test_reusing_initlib_is_named_however_it_is_imported(source):
    namespace = {"np": np}
    body = "\n".join("    " + line for line in source.split("\n"))
    exec(f"def he_normal(fan_in, fan_out, rng):\n{body}", namespace)
    with pytest.raises(CheckFailed, match="calls initlib's (initialize_parameters|weight_std)"):
        checks.check("he_normal", namespace["he_normal"])
