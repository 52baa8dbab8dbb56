"""Which cells of a submitted notebook run, in which order, and where each exercise is checked.

Every submitted code cell is compared with the course's cells, as code (a comment added or
whitespace changed leaves a cell the course's own). Of the course's own cells left unchanged,
only the imports, function and class definitions and constants that the cells which run need
are run, except that a course cell which computes what a later running cell needs (the data
an experiment the student changed uses) runs whole, before it. Answer cells and cells the
student added or changed run in order; check cells do not run at all (whatever they hold): at
their place, the worker calls the student's function on the exercise's cases.
"""

import ast
import functools
import symtable

from tools.notebook_format import grade_id, is_code, normalise, source

from .worker import python_source


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
        elif (normalise(text) in notebook.course_cells
              or code_key(text) in notebook.course_code):
            steps.append({"course": text, "cell": i})
        else:
            steps.append({"run": text, "cell": i})
    for exercise in notebook.exercises:
        if exercise.check_id not in placed:
            check_step(exercise)
    # a course cell that computes what a later running cell uses runs whole (last to first,
    # so that what it uses in turn is found too)
    needed, whole = set(), set()
    for step in reversed(steps):
        if "run" in step:
            needed |= free_names(step["run"])
        elif "course" in step and computed_names(step["course"]) & needed:
            whole.add(id(step))
            needed |= free_names(step["course"])
    # of the other unchanged course cells, only the imports and definitions the others use
    course_cells = [step for step in steps if "course" in step and id(step) not in whole]
    names = used_names([step.get("run") or step["course"] for step in steps
                        if "run" in step or id(step) in whole])
    kept = {}
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
        return ast.parse(python_source(text))
    except (SyntaxError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)  # the same course cells, for every student
def code_key(text):
    """The cell as code, comments and layout aside (None when it does not parse)."""
    tree = _parse(text)
    return ast.dump(tree) if tree is not None else None


@functools.lru_cache(maxsize=4096)  # the same course cells, for every student
def computed_names(text):
    """Names a cell binds by running something (a call, a loop): what ``needed_definitions``
    does not keep."""
    tree = _parse(text)
    bound = set()
    for node in tree.body if tree is not None else []:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef,
                             ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.Assign) and not any(isinstance(n, ast.Call)
                                                    for n in ast.walk(node.value)):
            continue
        bound |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name)
                  and isinstance(n.ctx, ast.Store)}
    return frozenset(bound)


@functools.lru_cache(maxsize=4096)  # the same course cells, for every student
def free_names(text):
    """The names a cell takes from the cells before it: read at its top level without being
    bound there, or read as globals inside its functions."""
    try:
        table = symtable.symtable(python_source(text), "<cell>", "exec")
    except (SyntaxError, ValueError):
        return frozenset()
    names, scopes = set(), [table]
    while scopes:
        scope = scopes.pop()
        for symbol in scope.get_symbols():
            if not symbol.is_referenced():
                continue
            if scope.get_type() == "module":
                if not (symbol.is_assigned() or symbol.is_imported()):
                    names.add(symbol.get_name())
            elif symbol.is_global():
                names.add(symbol.get_name())
        scopes += scope.get_children()
    return frozenset(names)


def used_names(sources):
    """Every name the given cells refer to."""
    return set().union(*(_names_in(text) for text in sources))


@functools.lru_cache(maxsize=4096)
def _names_in(text):
    tree = _parse(text)
    if tree is None:
        return frozenset()
    return frozenset(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))


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

