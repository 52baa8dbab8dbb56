"""Made-up submissions, for the grader's tests and its benchmark.

``student_copy`` turns an instructor notebook into what a student receives (solutions replaced
by the stub, as ``nbgrader generate_assignment`` does); ``submission`` fills its answer cells.
``classroom`` writes a whole class: correct answers, typical mistakes, blank copies, answers
that crash Python and answers that never end.
"""

import random
import re
from pathlib import Path

import nbformat
from traitlets.config.loader import PyFileConfigLoader

from .course import NOTEBOOKS, course, nbgrader


def code_stub():
    """What nbgrader puts in place of a solution, read from the course's nbgrader config."""
    loader = PyFileConfigLoader("nbgrader_config.py", path=str(Path(__file__).parent))
    return loader.load_config().ClearSolutions.code_stub["python"]


def student_copy(path):
    """The student's copy of an instructor notebook: solutions replaced, outputs cleared."""
    nb = nbformat.read(path, as_version=4)
    stub = code_stub()
    for cell in nb.cells:
        if nbgrader(cell).get("solution"):
            cell.source = re.sub(r"(?m)^([ \t]*)### BEGIN SOLUTION\n.*?### END SOLUTION",
                                 lambda m: "\n".join(m.group(1) + line
                                                     for line in stub.splitlines()),
                                 cell.source, flags=re.S)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def solutions():
    """The instructor's answer cells, by grade_id."""
    answers = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if nbgrader(cell).get("solution"):
                answers[nbgrader(cell)["grade_id"]] = re.sub(
                    r"(?m)^[ \t]*### (BEGIN|END) SOLUTION\n?", "", cell.source)
    return answers


def submission(path, answers, drop=()):
    """The student copy of ``path`` with ``answers`` (grade_id -> source) filled in."""
    nb = student_copy(path)
    cells = []
    for cell in nb.cells:
        gid = nbgrader(cell).get("grade_id")
        if gid in drop:
            continue
        if gid in answers:
            cell.source = answers[gid]
        cells.append(cell)
    nb.cells = cells
    return nb


# Wrong answers, by function: each is a typical mistake the checkers name.
MISTAKES = {
    "initialize_zeros": "def initialize_zeros(layer_dims):\n    return {f'{p}{l}': np.zeros("
                        "(layer_dims[l], layer_dims[l - 1] if p == 'W' else 1)) + 0.01\n"
                        "            for l in range(1, len(layer_dims)) for p in 'Wb'}",
    "count_distinct": "def count_distinct(W, b):\n    return W.shape[0]",
    "initialize_random": "def initialize_random(layer_dims, scale, rng):\n"
                         "    return {k: v for l in range(1, len(layer_dims)) "
                         "for k, v in ((f'W{l}', np.random.randn("
                         "layer_dims[l], layer_dims[l - 1]) * scale), (f'b{l}', np.zeros("
                         "(layer_dims[l], 1))))}",
    "predicted_std": "def predicted_std(scale, n, L):\n    return scale * np.sqrt(n) * L",
    "he_normal": "def he_normal(fan_in, fan_out, rng):\n    return rng.standard_normal("
                 "(fan_out, fan_in)) * np.sqrt(1 / fan_in)",
    "he_uniform": "def he_uniform(fan_in, fan_out, rng):\n    a = np.sqrt(6 / (fan_in + fan_out))"
                  "\n    return rng.uniform(-a, a, (fan_out, fan_in))",
    "gain_for": "def gain_for(activation):\n    z = np.random.default_rng(0).standard_normal("
                "100_000)\n    return np.mean(activation(z) ** 2)",
    "lsuv": "def lsuv(params, X):\n    for key in params:\n        if key[0] == 'W':\n"
            "            params[key] = params[key] * 1.0\n    return params",
}
CRASH = "import os\nos._exit(1)"
# a loop whose counter is never increased, as students write them
ENDLESS = ("def {function}(*args):\n    i = 0\n    while i < 10:\n        total = i * 2\n"
           "    return total")


def classroom(folder, size, seed=0):
    """Write ``size`` students into ``folder``; returns {student: kind}.

    Kinds, in proportion: correct (40%), typical mistakes (35%: one exercise for sure, each
    other one with probability 1/2), blank copies (10%), an answer that makes Python exit
    (8%), an answer that never returns (7%: a loop whose counter is never increased).
    """
    folder = Path(folder)
    rng = random.Random(seed)
    right = solutions()
    notebooks = course()
    paths = {nb.name: NOTEBOOKS / nb.name for nb in notebooks}
    kinds = {}
    for k in range(size):
        draw = rng.random()
        kind = ("correct" if draw < 0.40 else "mistakes" if draw < 0.75 else
                "blank" if draw < 0.85 else "crash" if draw < 0.93 else "endless")
        name = f"student{k:03d}"
        kinds[name] = kind
        (folder / name).mkdir(parents=True)
        victim = rng.choice([e for nb in notebooks for e in nb.exercises])
        for nb in notebooks:
            answers = {}
            for exercise in nb.exercises:
                if kind == "blank":
                    continue
                source = right.get(exercise.answer_id, "")
                if kind == "mistakes" and (exercise is victim or rng.random() < 0.5):
                    source = MISTAKES.get(exercise.function, source)
                if exercise is victim and kind == "crash":
                    source = CRASH
                if exercise is victim and kind == "endless":
                    source = ENDLESS.format(function=exercise.function)
                answers[exercise.answer_id] = source
            nbformat.write(submission(paths[nb.name], answers), folder / name / nb.name)
    return kinds
