"""Scaffold a new exercise: its two notebook cells and its entry in ``initlib/exercises/``.

    python tools/new_exercise.py 3.3 "xavier_uniform(fan_in, fan_out, rng)" --points 2
    make new-exercise NUMBER=3.3 SIGNATURE="xavier_uniform(fan_in, fan_out, rng)" POINTS=2

Appends to notebook NN (the one whose file name starts with NN) an answer cell (nbgrader
solution, grade_id ``exN_M_<function>``) and a locked check cell (grade_id ``exN_M_check``,
the points) calling ``check_<function>``; and to ``initlib/exercises/nbNN_<name>.py`` (made if
missing) an ``Exercise`` whose judge, cases, further cases and mistakes say TODO and fail until
they are written. Then: move the cells to their place in the notebook, write the solution and
the TODOs, add the README row this prints, and run ``make notebooks`` and ``make test``.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as a script (python tools/new_exercise.py): find tools/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.notebook_format import NOTEBOOKS, ROOT, course_notebooks  # noqa: E402

MODULE_HEAD = '''"""Notebook {notebook}'s exercises."""

import numpy as np

from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import returned

EXERCISES = ()
'''

SKELETON = '''

# ---------------------------------------------------------------- {number} {function}


def {function}_case(*args):
    return {{"calls": [{{"args": list(args)}}]}}


{upper}_CASES = ()  # TODO: visible cases, e.g. ({function}_case(...), ...)


def further_{function}_cases(rng):
    """TODO: say what is drawn."""
    def draw(rng):
        raise NotImplementedError("TODO: draw one further case of exercise {number} from rng")
    return new_cases(draw, rng, 2, {upper}_CASES)


def judge_{function}(case, outcomes):
    """``{signature}``: TODO, what a right answer is."""
    got = returned(outcomes[0])
    raise Wrong(f"TODO: judge exercise {number} (got {{type(got).__name__}})")


def {function}_typical_mistake({arguments}):
    return np.nan  # TODO: the usual mistake, written with numpy alone


{upper} = Exercise(
    number="{number}", function="{function}", signature="{signature}", task="TODO",
    points={points}, praise="TODO: what is right when it passes",
    cases={upper}_CASES, judge=judge_{function}, further_cases=further_{function}_cases,
    mistakes=(
        Mistake({function}_typical_mistake, "TODO: words its hint must contain"),
    ))

EXERCISES = (*EXERCISES, {upper})
'''


def readme_row(exercise):
    """The exercise's row in the README's table of exercises."""
    task = f": {exercise.task}" if exercise.task else ""
    return (f"| {exercise.number} | {exercise.notebook} | {exercise.points} | "
            f"`{exercise.signature}`{task} |")


def parse(number, signature):
    """(notebook "03", function, arguments) from "3.3" and "xavier_uniform(fan_in, ...)"."""
    if not re.fullmatch(r"[1-9]\d?\.[1-9]\d?", number):
        raise SystemExit(f"NUMBER={number!r} must look like 3.3 (notebook.exercise)")
    match = re.fullmatch(r"([a-z_][a-z0-9_]*)\(([\w, ]*)\)", signature)
    if match is None:
        raise SystemExit(f"SIGNATURE={signature!r} must look like name(arg, arg)")
    return f"{int(number.split('.')[0]):02d}", match.group(1), match.group(2)


def notebook_cells(number, function, signature, points):
    """The answer cell and the locked check cell, with their nbgrader metadata."""
    ids = number.replace(".", "_")
    answer = nbformat.v4.new_code_cell(
        f"def {signature}:\n    ### BEGIN SOLUTION\n    raise NotImplementedError()\n"
        "    ### END SOLUTION")
    answer.metadata["nbgrader"] = {"grade": False, "grade_id": f"ex{ids}_{function}",
                                   "locked": False, "schema_version": 3, "solution": True}
    check = nbformat.v4.new_code_cell(
        f"from initlib.checks import check_{function}\n\ncheck_{function}()")
    check.metadata["nbgrader"] = {"grade": True, "grade_id": f"ex{ids}_check", "locked": True,
                                  "points": points, "schema_version": 3, "solution": False}
    return [answer, check]


def scaffold(number, signature, points, root=ROOT):
    """Write both skeletons into the repository at ``root``; the README row to add."""
    notebook, function, arguments = parse(number, signature)
    paths = [p for p in course_notebooks(Path(root) / NOTEBOOKS.relative_to(ROOT))
             if p.name.startswith(f"{notebook}_")]
    if len(paths) != 1:
        raise SystemExit(f"exercise {number} needs one notebook {notebook}_*.ipynb; found "
                         f"{[p.name for p in paths]}")
    nb = nbformat.read(paths[0], as_version=4)
    nb.cells += notebook_cells(number, function, signature, points)
    nbformat.write(nb, paths[0])
    folder = Path(root) / "initlib" / "exercises"
    modules = sorted(folder.glob(f"nb{notebook}_*.py"))
    module = modules[0] if modules else folder / f"nb{paths[0].stem}.py"
    if not modules:
        module.write_text(MODULE_HEAD.format(notebook=notebook))
    with open(module, "a") as f:
        f.write(SKELETON.format(number=number, function=function, signature=signature,
                                arguments=arguments, points=points, upper=function.upper()))
    return (f"| {number} | {notebook} | {points} | `{signature}`: TODO |", paths[0], module)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("number", help='"3.3": notebook 03, its third exercise')
    parser.add_argument("signature", help='"xavier_uniform(fan_in, fan_out, rng)"')
    parser.add_argument("--points", type=int, default=2)
    args = parser.parse_args(argv)
    row, notebook, module = scaffold(args.number, args.signature, args.points)
    print(f"{notebook.relative_to(ROOT)}: an answer cell and a check cell, at the end")
    print(f"{module.relative_to(ROOT)}: exercise {args.number}, its TODOs to write")
    print(f"README.md, the table of exercises: {row}")


if __name__ == "__main__":
    main()
