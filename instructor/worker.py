"""Runs one notebook of a student, inside the sandbox, one step at a time. Decides nothing.

    python -I -S -B worker.py        (started by the grader, inside the sandbox)

Everything this process does may be tampered with by the student's code it runs, so it only
answers. Two channels, both opened by the grader:

- its standard input brings messages framed as ``<length>\\n<json>``: first the settings
  (``cell_timeout`` in CPU seconds, ``answers``: the answer channel's descriptor, ``paths``:
  the folders to import from, ``memory`` in bytes), then ONE step, and the next only after
  this step's answer has arrived. A step is ``{"run": source, "cell": i}`` (execute a cell),
  ``{"course": source, "cell": i}`` (the imports and definitions the grader kept of an
  unchanged course cell) or ``{"call": call, "check": grade_id, "function": name}`` (call
  the student's function once). So a further case exists in this process only as the call
  being made: the next is not sent yet, and there is no list of cases to find;
- the answer channel (a pipe only the grader reads, capped there) takes one framed answer
  per step: ``{"cell": i, "error": null | [type, message]}`` or a call's record
  (``initlib._protocol.call_record``, with ``"defined": false`` when the function is missing).

Standard output and error go nowhere. Time: a cell or call gets ``cell_timeout`` seconds of
CPU time (and a few times that of wall time) from an alarm here, as a courtesy that lets the
next cell run; the limits that hold are enforced from outside the sandbox by the grader,
which kills the whole sandbox at its deadline whatever happens in here.
"""

import functools
import importlib.util
import json
import os
import re
import resource
import signal
import sys

WALL_FACTOR = 4  # wall seconds per CPU second before the courtesy alarm stops a cell


class GradingTimeout(BaseException):
    """A cell or a call ran past its time limit (BaseException: `except Exception` misses it)."""


def _on_alarm(signum, frame):
    raise GradingTimeout()


def read_message(fd):
    """One ``<length>\\n<json>`` message from ``fd``, read exactly (no read-ahead buffer)."""
    header = b""
    while not header.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte or len(header) > 12:
            return None
        header += byte
    size, data = int(header), b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return json.loads(data)


def write_answer(fd, record):
    """One framed answer on the answer channel."""
    data = json.dumps(record).encode()
    data = str(len(data)).encode() + b"\n" + data
    while data:
        data = data[os.write(fd, data):]


def limit_resources(settings):
    """Memory for this process and all it starts; it can only be lowered."""
    resource.setrlimit(resource.RLIMIT_AS, (settings["memory"], settings["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def error_of(error):
    try:
        return [type(error).__name__[:60], str(error)[:300]]
    except BaseException:  # noqa: BLE001 - a hostile __str__
        return [type(error).__name__[:60], ""]


def load_protocol(folder):
    """initlib's grading protocol alone (not the whole package: it needs only numpy)."""
    path = os.path.join(folder, "initlib", "_protocol.py")
    spec = importlib.util.spec_from_file_location("_grading_plain_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- IPython, as a kernel runs it

_RUN_BODY = ("time", "timeit", "capture", "prun")  # cell magics whose body is Python that runs
_HELP = re.compile(r"^\s*(\?{1,2}[A-Za-z_][\w.]*|[A-Za-z_][\w.]*\?{1,2})\s*$")
_ASSIGNED = re.compile(r"^(\s*[A-Za-z_][\w., ]*=\s*)([!%])")


def _line(line):
    """One line of IPython as plain Python (magics and shell commands do nothing here)."""
    indent = line[: len(line) - len(line.lstrip())]
    text = line.strip()
    if _HELP.match(line):
        return indent + "pass"
    assigned = _ASSIGNED.match(line)
    if assigned:  # files = !ls, t = %time f(): a list or None, as nothing ran
        return assigned.group(1) + ("[]" if assigned.group(2) == "!" else "None")
    if text.startswith(("%time ", "%timeit ")):  # the statement runs, once
        statement = text.split(None, 1)[1]
        statement = re.sub(r"^(-\w+(\s+\d+)?\s+)*", "", statement)
        return indent + statement
    if text.startswith(("%", "!")):
        return indent + "pass"
    return line


@functools.lru_cache(maxsize=4096)  # the grader reads the course's same cells for each student
def python_source(text):
    """A cell's source as a Jupyter kernel would run it, in plain Python.

    Plain Python is left as it is. ``%%writefile [-a] name`` writes its body to the file;
    ``%%time``, ``%%timeit``, ``%%capture`` and ``%%prun`` run their body; other cell magics
    (``%%bash``, ``%%html``, ...) run nothing. Line magics and ``!shell`` lines do nothing
    (``%time statement`` runs the statement), and ``obj?`` asks for help, which shows nothing.
    """
    try:
        compile(text, "<cell>", "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
        return text
    except (SyntaxError, ValueError):
        pass
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        words = lines[first].split()
        magic, body = words[0][2:], "\n".join(lines[first + 1:])
        if magic == "writefile" and len(words) >= 2:
            mode = "a" if "-a" in words[1:-1] else "w"
            body = body if body.endswith("\n") else body + "\n"
            return (f"with open({words[-1]!r}, {mode!r}) as _file:\n"
                    f"    _file.write({body!r})\ndel _file")
        return python_source(body) if magic in _RUN_BODY else ""
    return "\n".join(_line(line) for line in lines)


def display(*objects, **options):
    """IPython's ``display``: the grader shows nothing."""


class _Timer:
    """The courtesy alarm around one cell or call: CPU time, and wall time as a backstop."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        signal.setitimer(signal.ITIMER_REAL, WALL_FACTOR * self.seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)


def run_cell(step, namespace, seconds):
    """Execute one cell's source in ``namespace``; its answer."""
    try:
        with _Timer(seconds):
            code = compile(python_source(step.get("course") or step.get("run") or ""),
                           f"<cell {step['cell']}>", "exec")
            exec(code, namespace)
        error = None
    except GradingTimeout:
        error = ["GradingTimeout", f"the cell ran longer than {seconds:g} s"]
    except BaseException as failure:  # noqa: BLE001 - the student's errors are data
        error = error_of(failure)
    return {"cell": step["cell"], "error": error}


def make_call(step, namespace, seconds, call_record, timed_out):
    """Call the student's function once, as ``step`` says; the call's record."""
    function = namespace.get(step["function"])
    if not callable(function):
        return {"defined": False}
    if step["check"] in timed_out:  # one call ran out of time: the others are not waited for
        return {"defined": True, "raised": ["GradingTimeout", ""]}
    try:
        with _Timer(seconds):
            record = call_record(function, step["call"])
    except GradingTimeout:
        timed_out.add(step["check"])
        record = {"raised": ["GradingTimeout", ""]}
    except BaseException as error:  # noqa: BLE001 - SystemExit and others
        record = {"raised": error_of(error)}
    record["defined"] = True
    return record


def main():
    settings = read_message(0)
    steps = os.dup(0)  # private copies, kept from what the student's code may start
    answers = os.dup(settings["answers"])
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2, settings["answers"]):
        os.dup2(devnull, fd)
    limit_resources(settings)
    sys.path[:0] = settings["paths"]
    sys.dont_write_bytecode = True
    # numpy before the first cell, so that the time limit counts the student's cells only
    call_record = load_protocol(settings["paths"][-1]).call_record
    signal.signal(signal.SIGPROF, _on_alarm)
    signal.signal(signal.SIGALRM, _on_alarm)
    seconds, timed_out = settings["cell_timeout"], set()
    namespace = {"__name__": "__main__", "display": display}
    del settings
    while True:
        step = read_message(steps)
        if step is None:
            return
        if "call" in step:
            answer = make_call(step, namespace, seconds, call_record, timed_out)
        else:
            answer = run_cell(step, namespace, seconds)
        del step
        write_answer(answers, answer)


if __name__ == "__main__":
    main()
