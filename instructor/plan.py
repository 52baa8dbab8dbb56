"""Which cells of a submitted notebook run, in which order, and where each exercise is checked.

Every submitted code cell is compared with the course's cells: of the course's own cells left
unchanged, only the imports, function and class definitions and constants that the cells which
run need are run; answer cells and cells the student added or changed run in order; check cells
do not run at all (whatever they hold): at their place, the worker calls the student's
function on the exercise's cases.
"""

import ast

from tools.notebook_format import grade_id, is_code, normalise, source, without_magics


def plan(notebook, nb, cases):
    """The worker's steps for one submitted notebook, and what the grader needs to read them.

    ``notebook`` is the course's (``instructor.course.Notebook``), ``nb`` the submission,
    ``cases`` maps each check grade_id to (cases, number visible) (``further_cases.all_cases``).
    Returns (steps, answers): answers maps each check grade_id to its answer cell's index in
    the submission (absent when the answer cell was deleted).
    """
    by_check = {e.check_id: e for e in notebook.exercises}
    by_check_source = {normalise(notebook.check_sources[e.check_id]): e
                       for e in notebook.exercises}
    by_answer = {e.answer_id: e for e in notebook.exercises}
    cells = [(i, c) for i, c in enumerate(nb.cells) if is_code(c)]
    present = {grade_id(c) for _, c in cells}
    answers = {}
    steps, placed = [], set()

    def check_step(exercise):
        placed.add(exercise.check_id)
        steps.append({"check": exercise.check_id, "function": exercise.function,
                      "cases": cases[exercise.check_id][0]})

    for i, cell in cells:
        gid, text = grade_id(cell), source(cell)
        exercise = by_check.get(gid) or (by_check_source.get(normalise(text))
                                         if gid not in by_answer else None)
        if exercise is not None:
            if exercise.check_id not in placed:
                check_step(exercise)
        elif gid in by_answer:
            answers[by_answer[gid].check_id] = i
            steps.append({"run": text, "cell": i})
            mine = by_answer[gid]
            if mine.check_id not in present and mine.check_id not in placed:
                check_step(mine)  # its check cell was deleted: check right after the answer
        elif normalise(text) in notebook.course_cells:
            steps.append({"course": text, "cell": i})
        else:
            steps.append({"run": text, "cell": i})
    for exercise in notebook.exercises:
        if exercise.check_id not in placed:
            check_step(exercise)
    # of the unchanged course cells, only the imports and definitions the other cells use
    course_cells = [step for step in steps if "course" in step]
    names, kept = used_names(step["run"] for step in steps if "run" in step), {}
    for _ in range(10):  # definitions may use further names: until nothing new is needed
        kept = {id(step): needed_definitions(step["course"], names) for step in course_cells}
        more = names | used_names(kept.values())
        if more == names:
            break
        names = more
    for step in course_cells:
        step["course"] = kept[id(step)]
    return [step for step in steps if step.get("course", True)], answers


def _parse(text):
    try:
        return ast.parse(without_magics(text))
    except (SyntaxError, ValueError):
        return None


def used_names(sources):
    """Every name the given cells refer to."""
    names = set()
    for text in sources:
        tree = _parse(text)
        if tree is not None:
            names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return names


def needed_definitions(text, names):
    """The imports, functions, classes and constants of a course cell that bind ``names``.

    Nothing else of the cell runs (no call outside a function): its experiments are not
    needed to grade.
    """
    tree = _parse(text)
    kept = []
    for node in tree.body if tree is not None else []:
        if isinstance(node, ast.Import):
            node.names = [a for a in node.names if (a.asname or a.name.split(".")[0]) in names]
        elif isinstance(node, ast.ImportFrom):
            node.names = [a for a in node.names if (a.asname or a.name) in names]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.name not in names:
                continue
        elif isinstance(node, ast.Assign):  # a constant: no call, so nothing to wait for
            bound = {t.id for target in node.targets for t in ast.walk(target)
                     if isinstance(t, ast.Name)}
            if not bound & names or any(isinstance(n, ast.Call) for n in ast.walk(node.value)):
                continue
        else:
            continue
        if getattr(node, "names", True):
            kept.append(ast.unparse(node))
    return "\n".join(kept)


def cells_after_further_cases(steps):
    """Cells that run after the first check step, i.e. after further-case inputs were seen."""
    seen, after = False, set()
    for step in steps:
        if "check" in step:
            seen = True
        elif seen and "cell" in step:
            after.add(step["cell"])
    return after
