"""Code that has no business in an answer to this course. A submission using it is graded as
usual and flagged for a human to look at.

The course's own words are not suspicious: a student may write about the signal through the
layers, or call ``initlib.checks``; what is flagged is reaching for the grader's machinery
(the private ``initlib._protocol``), the interpreter's insides, the system, or timers.
"""

SUSPICIOUS = ("_protocol", "_getframe", "sys.modules", "builtins", "get_ipython", "importlib",
              "/proc", "subprocess", "ctypes", "os.fork", "os.system", "import signal",
              "from signal", "setitimer", "setrlimit", "gc.get_objects", "__subclasses__",
              "inspect", "/grader", "import gc", "gc.get_referr", "__globals__")


def flags(steps):
    """Why a human should look at the cells the student wrote or changed ("" when nothing)."""
    found = sorted({word for step in steps if "run" in step for word in SUSPICIOUS
                    if word in step["run"]})
    if not found:
        return ""
    return "the submission uses " + ", ".join(found) + "; review it by hand"
