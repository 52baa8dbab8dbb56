"""Code that has no business in an answer to this course. A submission using it is graded as
usual and flagged for a human to look at.

The flag reads code, not words: the cells are parsed, and what is flagged is reaching for the
grader's machinery (the private ``initlib._protocol``), the interpreter's insides, the system,
timers and signals, or paths such as ``/proc`` (also when the path is built from pieces,
``"/pr" + "oc"``). Comments, the word "signal" in a string or a name, and the course's own
cells (of any course notebook, as handed out) are not suspicious.
"""

import ast
import functools

from .worker import python_source

MODULES = {"signal", "ctypes", "subprocess", "importlib", "inspect", "gc", "builtins",
           "resource", "multiprocessing", "_thread", "socket", "pty", "mmap",
           "initlib._protocol", "sys", "os"}
# for sys and os, only these uses are flagged (the rest is ordinary)
ATTRIBUTES = {"sys": {"modules", "_getframe", "settrace", "setprofile", "_current_frames"},
              "os": {"fork", "forkpty", "system", "popen", "kill", "killpg", "setsid",
                     "execv", "execve", "execl", "execvp", "spawnv", "_exit", "write", "read",
                     "dup2", "getppid", "setpgid"}}
DUNDERS = {"__subclasses__", "__globals__", "__builtins__", "__code__", "__closure__",
           "__import__", "__bases__", "__mro__", "f_back", "f_globals", "gi_frame"}
NAMES = {"get_ipython", "__import__", "exec", "eval", "compile", "globals"}
PATHS = ("/proc", "/grader", "/sys/fs")


def _constant_text(node):
    """The text of a string expression built from constants ('/pr' + 'oc', f'/pr{"oc"}')."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _constant_text(node.left)  # "oc/%d" % pid: the format's text
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _constant_text(node.left), _constant_text(node.right)
        if left is not None or right is not None:
            return (left or "\0") + (right or "\0")
    if isinstance(node, ast.JoinedStr):
        return "".join(_constant_text(v) or "" for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return _constant_text(node.value)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "join" and node.args
            and isinstance(node.args[0], (ast.List, ast.Tuple))):
        parts = [_constant_text(item) for item in node.args[0].elts]
        joiner = _constant_text(node.func.value)
        if joiner is not None and None not in parts:
            return joiner.join(parts)
    return None


@functools.lru_cache(maxsize=4096)  # answers repeat across a class
def uses(text):
    """What of the above the code ``text`` uses, as short names ("import signal", "/proc")."""
    try:
        tree = ast.parse(python_source(text))
    except (SyntaxError, ValueError):
        return frozenset()
    found, aliases = set(), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                aliases[alias.asname or top] = alias.name if alias.asname else top
                if alias.name in MODULES - {"sys", "os"} or top in MODULES - {"sys", "os"}:
                    found.add(f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            for alias in node.names:
                if module in ATTRIBUTES and alias.name in ATTRIBUTES[module]:
                    found.add(f"{module}.{alias.name}")
            if module == "initlib._protocol" or (
                    module == "initlib" and any(a.name == "_protocol" for a in node.names)):
                found.add("initlib._protocol")
            elif module.split(".")[0] in MODULES - {"sys", "os"}:
                found.add(f"from {module} import")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            module = aliases.get(owner, owner)
            if module in ATTRIBUTES and node.attr in ATTRIBUTES[module]:
                found.add(f"{module}.{node.attr}")
            if node.attr in DUNDERS:
                found.add(node.attr)
            if node.attr == "_protocol":
                found.add("initlib._protocol")
        elif isinstance(node, ast.Name) and node.id in NAMES:
            found.add(node.id)
        text_value = _constant_text(node) if isinstance(node, ast.expr) else None
        if text_value:
            found |= {path.rstrip("/") for path in PATHS if path in text_value}
    return frozenset(found)


def flags(steps, course_code=frozenset()):
    """Why a human should look at the cells the student wrote or changed ("" when nothing).

    ``course_code`` holds the course's own cells as code (``plan.code_key``), of every course
    notebook: a cell equal to one of them is the course's, whatever its notebook.
    """
    from .plan import code_key

    found = set()
    for step in steps:
        if "run" in step and code_key(step["run"]) not in course_code:
            found |= uses(step["run"])
    if not found:
        return ""
    return "the submission uses " + ", ".join(sorted(found)) + "; review it by hand"
