"""Runs one notebook of a student, inside the sandbox, and calls its functions. Decides nothing.

    python worker.py        (started by the grader; reads its instructions on stdin)

Everything this process does may be tampered with by the student's code it runs, so it only
produces data: JSON records on its standard output, one per line, each with
``"notebook": 0`` (the grader tags them with the notebook they belong to):

    {"cell": i, "error": null | [exception type, message]}
    {"check": grade_id, "defined": true | false, "cases": [[call record, ...], ...]}
    {"ended": "ok" | "timeout" | "exit N" | "signal N"}       (how the notebook's run ended)

The trusted grader reads these records strictly and judges them; nothing a student patches
here can change a verdict.

Protocol on stdin: messages framed as ``<length>\\n<json>``. The first gives the settings
(``cell_timeout``, ``notebook_timeout`` in seconds, ``lib`` folder, ``memory`` in bytes); the
second, and last, is the notebook's job: ``{"steps": [...]}`` where a step is
``{"run": source, "cell": i}`` (execute the cell), ``{"course": source, "cell": i}`` (the
imports and definitions the grader kept of an unchanged course cell: execute them too) or
``{"check": grade_id, "function": name, "cases": [...]}`` (call the function on each case's
calls). The notebook runs in a forked child; the parent kills it (SIGKILL to its process
group) at the notebook's time limit. The grader starts one worker per notebook, so nothing of
another notebook is ever in this process or readable from it.
"""

import importlib.util
import json
import os
import re
import resource
import signal
import sys
import time


class GradingTimeout(BaseException):
    """A cell or a call ran past its time limit (BaseException: `except Exception` misses it)."""


def _on_alarm(signum, frame):
    raise GradingTimeout()


def read_message(fd=0):
    """One ``<length>\\n<json>`` message from ``fd``, read exactly (no read-ahead buffer)."""
    header = b""
    while not header.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            return None
        header += byte
    size, data = int(header), b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return json.loads(data)


def limit_resources(settings):
    """CPU seconds and memory for this process and all it starts; they can only be lowered."""
    cpu = int(settings["notebook_timeout"] + 30)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_AS, (settings["memory"], settings["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def without_magics(source):
    """IPython's ``%magic`` and ``!shell`` lines become ``pass`` (no IPython here)."""
    return re.sub(r"(?m)^(\s*)[%!].*$", r"\1pass", source)


def error_of(error):
    return [type(error).__name__[:60], str(error)[:300]]


def load_plain_data(lib):
    """initlib's grading protocol alone (not the whole package: it needs only numpy)."""
    path = os.path.join(lib, "initlib", "_protocol.py")
    spec = importlib.util.spec_from_file_location("_grading_plain_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(out, k, record):
    """One record, as one line on the results pipe ``out``."""
    record["notebook"] = k
    os.write(out, (json.dumps(record) + "\n").encode())


def run_notebook(job, out, k, settings, call_record):
    """Execute notebook ``k``'s steps in this (child) process, writing records to ``out``."""

    limit = settings["cell_timeout"]
    namespace = {"__name__": "__main__"}
    for step in job["steps"]:
        if "check" in step:
            function = namespace.get(step["function"])
            record = {"check": step["check"], "defined": callable(function), "cases": []}
            if callable(function):
                timed_out = False
                for case in step["cases"]:
                    records = []
                    for call in case["calls"]:
                        if timed_out:
                            records.append({"raised": ["GradingTimeout", ""]})
                            continue
                        try:
                            signal.setitimer(signal.ITIMER_REAL, limit)
                            records.append(call_record(function, call))
                        except GradingTimeout:
                            timed_out = True
                            records.append({"raised": ["GradingTimeout", ""]})
                        except BaseException as error:  # noqa: BLE001 - SystemExit and others
                            records.append({"raised": error_of(error)})
                        finally:
                            signal.setitimer(signal.ITIMER_REAL, 0)
                    record["cases"].append(records)
            write(out, k, record)
            continue
        try:
            source = step["course"] if "course" in step else step["run"]
            code = compile(without_magics(source), f"<cell {step['cell']}>", "exec")
            signal.setitimer(signal.ITIMER_REAL, limit)
            exec(code, namespace)
            error = None
        except GradingTimeout:
            error = ["GradingTimeout", f"the cell ran longer than {limit:g} s"]
        except BaseException as failure:  # noqa: BLE001 - the student's errors are data
            error = error_of(failure)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        write(out, k, {"cell": step["cell"], "error": error})


def supervise(child, deadline):
    """Wait for a notebook's child; SIGKILL it and its group at the deadline. How it ended."""
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            if os.WIFEXITED(status):
                code = os.WEXITSTATUS(status)
                return "ok" if code == 0 else f"exit {code}"
            return f"signal {os.WTERMSIG(status)}"
        if time.monotonic() > deadline:
            for kill in (os.killpg, os.kill):
                try:
                    kill(child, signal.SIGKILL)
                except OSError:
                    pass
            os.waitpid(child, 0)
            return "timeout"
        time.sleep(0.01)


def main():
    settings = read_message()
    limit_resources(settings)
    sys.path.insert(0, settings["lib"])
    sys.dont_write_bytecode = True
    # numpy before forking, so that the time limit counts the student's cells only
    call_record = load_plain_data(settings["lib"]).call_record

    signal.signal(signal.SIGALRM, _on_alarm)
    out = os.dup(1)  # the results pipe; nothing else may write to fd 1
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    job = read_message()
    if job is None:
        return
    child = os.fork()
    if child == 0:
        os.setpgid(0, 0)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)  # no stdin, prints go nowhere
        try:
            run_notebook(job, out, 0, settings, call_record)
        finally:
            os._exit(0)
    ended = supervise(child, time.monotonic() + settings["notebook_timeout"])
    write(out, 0, {"ended": ended})


if __name__ == "__main__":
    main()
