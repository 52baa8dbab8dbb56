"""Scaffold a new exercise: its notebook cells, its two modules and its README row.

    python tools/new_exercise.py 3.3 "xavier_uniform(fan_in, fan_out, rng)" --points 2
    make new-exercise NUMBER=3.3 SIGNATURE="xavier_uniform(fan_in, fan_out, rng)" POINTS=2

Writes, for exercise N.M:

- into notebook NN (the one whose file name starts with NN), before its summary: a heading
  with the exercise's text to write, an answer cell (nbgrader solution, grade_id
  ``exN_M_<function>``) and a locked check cell (grade_id ``exN_M_check``, the points) calling
  ``check_<function>``;
- ``initlib/exercises/exN_M_<function>.py``: what the notebook's check needs, its judge (TODO),
  which compares an answer with the expected data of each visible case;
- ``instructor/exercises/exN_M_<function>.py``: the points, the reference answer, the visible
  cases' inputs, the further cases' generator and the wrong answers (TODO each; the grader
  refuses to start until they are written);
- the exercise's row in the README's table of exercises.

Then write the TODOs and the solution, run ``make exercise-data`` (the visible cases' expected
data, from the reference), ``make notebooks`` and ``make test``.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

if __package__ in (None, ""):  # run as a script (python tools/new_exercise.py): find tools/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.notebook_format import NOTEBOOKS, ROOT, course_notebooks  # noqa: E402

STUDENT = '''"""Exercise {number} ``{signature}``, as notebook {notebook} checks it."""

from .exercise import Exercise, Wrong, data_file
from .judging import returned


def judge_{function}(case, outcomes):
    """``{signature}``: TODO, what a right answer is.

    ``case["expected"]`` is what the reference gives on the case (one entry per call); compare
    the answer with it and raise ``Wrong`` naming the mistake. Compute no right answer here.
    """
    got = returned(outcomes[0])
    (expected,) = case["expected"]
    raise Wrong(f"TODO: judge exercise {number} (got {{type(got).__name__}}, expected "
                f"{{type(expected).__name__}})")


EXERCISE = Exercise(
    number="{number}", function="{function}", signature="{signature}", task="TODO",
    praise="TODO: what is right when it passes",
    judge=judge_{function}, data=data_file(__file__))
'''

INSTRUCTOR = '''"""Exercise {number} ``{signature}``: the instructor's side."""

import numpy as np

from initlib.exercises.{module} import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, new_cases, noted


def reference_{function}({arguments}):
    raise NotImplementedError("TODO: the right answer of exercise {number}")


def {function}_case(*args):
    return {{"calls": [{{"args": list(args)}}]}}


VISIBLE = ()  # TODO: visible cases, e.g. ({function}_case(...), ...)


def further_{function}_cases(rng):
    """TODO: say what is drawn."""
    def draw(rng):
        raise NotImplementedError("TODO: draw one further case of exercise {number} from rng")
    # each case noted with what kind of case it is, in words the student reads when an answer
    # fails it (what is special about it, never its numbers), once new_cases has compared them
    return [noted(case, "TODO: what kind of case, e.g. a layer of a single unit")
            for case in new_cases(draw, rng, 2, VISIBLE)]


# ---------------------------------------------------------------- the usual mistakes

def {function}_typical_mistake({arguments}):
    return np.nan  # TODO: the usual mistake, written with numpy alone


EXERCISE = GradedExercise(
    student=STUDENT, points={points}, reference=reference_{function}, visible=VISIBLE,
    further_cases=further_{function}_cases,
    mistakes=(
        Mistake({function}_typical_mistake, "TODO: words its hint must contain"),
    ))
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
    """The exercise's heading, its answer cell and its locked check cell (nbgrader metadata)."""
    ids = number.replace(".", "_")
    unit = "point" if points == 1 else "points"
    heading = nbformat.v4.new_markdown_cell(
        f"### Exercise {number} ({points} {unit}): TODO\n\nTODO: what `{signature}` computes, "
        "and how to check it by hand before running the check.")
    answer = nbformat.v4.new_code_cell(
        f"def {signature}:\n    ### BEGIN SOLUTION\n    raise NotImplementedError()\n"
        "    ### END SOLUTION")
    answer.metadata["nbgrader"] = {"grade": False, "grade_id": f"ex{ids}_{function}",
                                   "locked": False, "schema_version": 3, "solution": True}
    check = nbformat.v4.new_code_cell(
        f"from initlib.checks import check_{function}\n\ncheck_{function}()")
    check.metadata["nbgrader"] = {"grade": True, "grade_id": f"ex{ids}_check", "locked": True,
                                  "points": points, "schema_version": 3, "solution": False}
    return [heading, answer, check]


def summary_index(nb):
    """Where the notebook's summary starts (its ``## Summary`` cell), or its end."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Summary"):
            return index
    return len(nb.cells)


def add_readme_row(readme, row, number):
    """The README's text with ``row`` in its table of exercises, in the exercises' order."""
    lines = readme.splitlines(keepends=True)
    rows = [k for k, line in enumerate(lines) if re.match(r"\| \d+\.\d+ \|", line)]
    if not rows:
        raise SystemExit("README.md has no table of exercises (rows like '| 1.1 | 01 | ...')")
    key = tuple(int(part) for part in number.split("."))
    at = rows[-1] + 1
    for k in rows:
        if tuple(int(p) for p in lines[k].split("|")[1].strip().split(".")) > key:
            at = k
            break
    lines.insert(at, row + "\n")
    return "".join(lines)


def scaffold(number, signature, points, root=ROOT):
    """Write the skeletons into the repository at ``root``; (README row, notebook, student
    module, instructor module)."""
    notebook, function, arguments = parse(number, signature)
    root = Path(root)
    paths = [p for p in course_notebooks(root / NOTEBOOKS.relative_to(ROOT))
             if p.name.startswith(f"{notebook}_")]
    if len(paths) != 1:
        raise SystemExit(f"exercise {number} needs one notebook {notebook}_*.ipynb; found "
                         f"{[p.name for p in paths]}")
    module = f"ex{number.replace('.', '_')}_{function}"
    student, instructor = (root / side / "exercises" / f"{module}.py"
                           for side in ("initlib", "instructor"))
    taken = [p for p in (student, instructor) if p.exists()]
    if taken:
        raise SystemExit(f"exercise {number} exists already: {taken[0].relative_to(root)}")
    fields = dict(number=number, function=function, signature=signature, notebook=notebook,
                  arguments=arguments, points=points, module=module)
    student.write_text(STUDENT.format(**fields))
    instructor.write_text(INSTRUCTOR.format(**fields))
    nb = nbformat.read(paths[0], as_version=4)
    at = summary_index(nb)
    nb.cells[at:at] = notebook_cells(number, function, signature, points)
    nbformat.write(nb, paths[0])
    row = f"| {number} | {notebook} | {points} | `{signature}`: TODO |"
    readme = root / "README.md"
    readme.write_text(add_readme_row(readme.read_text(), row, number))
    return row, paths[0], student, instructor


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("number", help='"3.3": notebook 03, its third exercise')
    parser.add_argument("signature", help='"xavier_uniform(fan_in, fan_out, rng)"')
    parser.add_argument("--points", type=int, default=2)
    args = parser.parse_args(argv)
    row, notebook, student, instructor = scaffold(args.number, args.signature, args.points)
    print(f"{notebook.relative_to(ROOT)}: the exercise's heading, answer cell and check cell, "
          "before the summary")
    print(f"{student.relative_to(ROOT)}: its judge, to write (TODO)")
    print(f"{instructor.relative_to(ROOT)}: its reference, cases and mistakes, to write (TODO)")
    print(f"README.md: its row, {row}; write its task in place of TODO")
    print("Then: make exercise-data, make notebooks, make test")


if __name__ == "__main__":
    main()
