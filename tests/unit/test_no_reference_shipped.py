"""Nothing of the instructor's side of an exercise reaches a student: the built wheel (what
``pip install`` gives) and the workbook (what ``make lab`` serves) hold no reference answer's
code, no function of ``instructor/exercises`` (further cases, wrong answers), and the lab's
Python cannot import ``instructor``."""

import ast
import inspect
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from instructor.exercises import EXERCISES
from tools import workbook
from tools.notebook_format import NOTEBOOKS, ROOT

INSTRUCTOR = ROOT / "instructor" / "exercises"


def reference_lines(exercise):
    """The lines of an exercise's reference answer, its ``def`` line excepted, without spaces."""
    lines = inspect.getsource(exercise.reference).splitlines()[1:]
    return [re.sub(r"\s+", "", line) for line in lines if len(line.strip()) > 12]


def instructor_names():
    """The names of the functions the modules of instructor/exercises define (its registry,
    ``__init__.py``, is the student's registry's twin: ``by_number`` is in both)."""
    names = set()
    for path in set(INSTRUCTOR.glob("*.py")) - {INSTRUCTOR / "__init__.py"}:
        tree = ast.parse(path.read_text())
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return names


def found_in(texts):
    """{exercise number: what of its instructor's side appears in ``texts`` (name -> text)}."""
    flat = {name: re.sub(r"\s+", "", text) for name, text in texts.items()}
    found = {}
    for exercise in EXERCISES.values():
        hits = [f"{line!r} in {name}" for line in reference_lines(exercise)
                for name, text in flat.items() if line in text]
        hits += [f"{exercise.reference.__name__} in {name}" for name, text in texts.items()
                 if exercise.reference.__name__ in text]
        if hits:
            found[exercise.number] = hits
    names = instructor_names()
    for name, text in texts.items():
        words = set(re.findall(r"\w+", text))
        for leaked in sorted(names & words):
            found.setdefault("functions", []).append(f"{leaked} in {name}")
    return found


@pytest.fixture(scope="module")
def wheel_texts(built_wheel):
    """Every text file of the wheel ``pip wheel`` builds from the repository."""
    wheel = built_wheel
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist() if not name.endswith(".csv")}


def test_the_checks_are_in_the_wheel_and_the_answers_are_not(wheel_texts):
    shipped = set(wheel_texts)
    for exercise in EXERCISES.values():
        assert f"initlib/exercises/{exercise.module}.py" in shipped
        assert f"initlib/exercises/{exercise.module}.json" in shipped
    assert not any(name.startswith("instructor/") for name in shipped)
    assert found_in(wheel_texts) == {}


def test_the_search_finds_a_reference_where_there_is_one():
    """The test above could pass by looking badly: planted copies are found."""
    he = EXERCISES["he_normal"]
    planted = {"judge.py": inspect.getsource(he.reference),
               "notes.md": f"see {sorted(instructor_names())[0]} for the further cases"}
    found = found_in(planted)
    assert he.number in found and "functions" in found
    assert len(found) == 2
    assert all(reference_lines(e) for e in EXERCISES.values())


def test_the_workbook_holds_no_reference(tmp_path):
    built = tmp_path / "workbook"
    workbook.build(NOTEBOOKS, built, say=lambda text: None)
    texts = {path.name: path.read_text() for path in built.glob("*.ipynb")}
    assert len(texts) == len(list(NOTEBOOKS.glob("*.ipynb")))
    assert found_in(texts) == {}


def test_the_labs_python_cannot_import_the_instructors_code(tmp_path):
    """The lab's kernel runs in the workbook with the course's Python: initlib imports (the
    editable install maps that package alone), instructor does not."""
    built = tmp_path / "workbook"
    built.mkdir()
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    script = ("import importlib.util as u\n"
              "print(u.find_spec('initlib') is not None, u.find_spec('instructor') is None)")
    out = subprocess.run([sys.executable, "-c", script], cwd=built, env=env, check=True,
                         capture_output=True, text=True).stdout
    assert out.split() == ["True", "True"]


def test_no_function_of_the_students_package_passes_a_check():
    """Every function the exercise modules of initlib define, called as an answer, fails
    every exercise's visible cases: the package judges answers, it cannot write one."""
    import initlib.exercises as package
    from initlib import checks

    functions = []
    for module in [package, *(sys.modules[f"initlib.exercises.{e.module}"]
                              for e in EXERCISES.values())]:
        functions += [f for f in vars(module).values() if inspect.isfunction(f)]
    functions += [f for f in vars(sys.modules["initlib.exercises.judging"]).values()
                  if inspect.isfunction(f)]
    assert len(functions) > 20
    for exercise in EXERCISES.values():
        for function in functions:
            with pytest.raises(checks.CheckFailed):
                checks.check(exercise.function, function)
