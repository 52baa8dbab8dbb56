"""Grading a class on several machines, through Dask's distributed scheduler.

    make grade SUBMISSIONS=DIR SCHEDULER=tcp://host:8786   workers on other machines
    make grade SUBMISSIONS=DIR SCHEDULER=local JOBS=4       a cluster of 4 workers on this one

One machine, with a pool of threads, stays the default (``instructor.grade``). With a
scheduler, each student is one task: a Dask worker (a grading process on some machine, never
the sandbox's ``instructor.worker``) grades the student exactly as one machine does
(``instructor.student``: the plan, bubblewrap around the student's process, the watchdog, the
judge in a process of its own) and sends back the student's rows and feedback notebooks, which
this machine writes in the students' order: the files are the same bytes as one machine's.

What travels to a worker: the students' notebooks (read here, within limits), the course's
notebooks by name and exercise, the limits, and every exercise's cases (their inputs,
visible and further), scattered once. Never the key nor the seed: the further cases are drawn
here, and a worker holds no key. A worker computes the expected data in its judge, from the
references of its own copy of the repository, which must be this machine's (``code_id``,
checked on each task).

A worker machine runs ``make grade-worker SCHEDULER=tcp://host:8786``: ``dask worker`` with
this module as its preload (``dask_setup``), which refuses to start without a working
bubblewrap.
"""

import hashlib
import multiprocessing
import os
import platform
import sys
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import numpy

from tools.notebook_format import ROOT

from . import sandbox
from .student import grade_student

CODE = ("initlib/**/*.py", "initlib/exercises/*.json", "instructor/**/*.py",
        "tools/notebook_format.py")
WAIT_FOR_WORKERS = 120  # seconds for the first worker to join a scheduler
IN_FLIGHT = 4  # students sent per worker thread ahead of the results read


class ClusterProblem(RuntimeError):
    """The scheduler or a worker cannot grade this class as this machine would."""


@lru_cache(maxsize=1)
def code_id():
    """A digest of the grader's code, the exercises' data, Python's and numpy's versions:
    two machines with the same one grade alike."""
    digest = hashlib.sha256(f"{platform.python_version()} numpy {numpy.__version__}".encode())
    for path in sorted({p for pattern in CODE for p in ROOT.glob(pattern)}):
        digest.update(b"\0" + path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def worker_options(args):
    """What a worker needs of the command line: the limits and whether to sandbox."""
    return SimpleNamespace(cell_timeout=args.cell_timeout, timeout=args.timeout,
                           memory=args.memory, unsandboxed=args.unsandboxed)


def portable(notebook):
    """A course notebook with its exercises named by check grade_id (a worker has them)."""
    return replace(notebook, exercises=tuple(e.check_id for e in notebook.exercises))


@lru_cache(maxsize=1)
def _sandbox_works():
    sandbox.check_sandbox()  # raises SandboxUnavailable, remembered by no cache
    return True


def grade_remote(student, notebooks, cases, options, expected_code):
    """On a worker: (rows, {feedback path: bytes}, worker) for one student."""
    from distributed import get_worker

    from .course import BY_CHECK_ID

    where = get_worker().address
    if code_id() != expected_code:
        raise ClusterProblem(
            f"the worker {where} has another version of the grader, the exercises, Python or "
            f"numpy than the machine that sent the class: check out the same commit there, "
            f"in the same environment (make setup), and start the worker again")
    if not options.unsandboxed:
        _sandbox_works()
    notebooks = [replace(nb, exercises=tuple(BY_CHECK_ID[c] for c in nb.exercises))
                 for nb in notebooks]
    with tempfile.TemporaryDirectory(prefix="grading-feedback-") as tmp:
        rows = grade_student(student, notebooks, cases, Path(tmp), options)
        files = {p.relative_to(tmp).as_posix(): p.read_bytes()
                 for p in sorted(Path(tmp).rglob("*")) if p.is_file()}
    return rows, files, where


def _write(out, files):
    """A worker's feedback files under ``out``: ``feedback/<folder>/<notebook>.ipynb`` only."""
    for relative, data in files.items():
        parts = relative.split("/")
        if (len(parts) != 3 or parts[0] != "feedback" or not parts[2].endswith(".ipynb")
                or any(part in ("", ".", "..") or "\\" in part for part in parts)):
            raise ClusterProblem(f"a worker sent a feedback file named {relative[:200]!r}")
        path = out.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@contextmanager
def connect(scheduler, jobs):
    """A Dask client: to a local cluster of ``jobs`` workers (``scheduler`` "local"), or to
    the scheduler at ``scheduler`` once a worker has joined it."""
    import dask
    from distributed import Client, LocalCluster

    # the judge runs in a child process, which a daemonic worker process cannot start
    with dask.config.set({"distributed.worker.daemon": False}):
        if scheduler == "local":
            with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                              dashboard_address=None) as local, Client(local) as client:
                yield client
            return
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as error:
            raise ClusterProblem(f"no Dask scheduler answers at {scheduler} ({error}); start "
                                 "one: make grade-scheduler") from None
        with client:
            try:
                client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
            except TimeoutError:
                raise ClusterProblem(
                    f"no worker joined the scheduler at {scheduler} within "
                    f"{WAIT_FOR_WORKERS} s; start one: make grade-worker "
                    f"SCHEDULER={scheduler}") from None
            yield client


def grade_on_cluster(students, notebooks, cases, out, args):
    """Every student's rows, in the students' order, their feedback written under ``out``,
    graded by the workers of ``args.scheduler``; and {worker: students graded}."""
    options, expected = worker_options(args), code_id()
    run = uuid.uuid4().hex[:12]  # two runs through one scheduler never share a task's name
    sent_notebooks = [portable(nb) for nb in notebooks]
    per_student, by_worker = [], {}
    with connect(args.scheduler, args.jobs) as client:
        shared = client.scatter(cases, broadcast=True, hash=False)
        pending = []
        try:
            for k, student in enumerate(students):
                threads = sum(client.nthreads().values()) or 1
                while len(pending) >= IN_FLIGHT * threads:
                    _collect(pending.pop(0), out, per_student, by_worker)
                pending.append(client.submit(
                    grade_remote, student, sent_notebooks, shared, options, expected,
                    key=f"grade-student-{run}-{k}", pure=False, retries=1))
            while pending:
                _collect(pending.pop(0), out, per_student, by_worker)
        finally:
            client.cancel(pending)  # an interrupted or refused run leaves no task behind
    return per_student, by_worker


def _collect(future, out, per_student, by_worker):
    try:
        rows, files, where = future.result()
    except ClusterProblem:
        raise
    except Exception as error:  # noqa: BLE001 - a worker that failed, whatever the reason
        raise ClusterProblem(f"a worker failed to grade a student ({type(error).__name__}: "
                             f"{str(error)[:300]})") from None
    finally:
        future.release()
    _write(out, files)
    per_student.append(rows)
    by_worker[where] = by_worker.get(where, 0) + 1


def dask_setup(worker):
    """``dask worker --preload instructor.cluster``: stop a worker that could not grade as the
    coordinator does (no working bubblewrap, or a daemonic process), before it takes a task
    (Dask logs a preload's exception and starts the worker all the same)."""
    problem = ""
    if multiprocessing.current_process().daemon:
        problem = ("this worker runs as a daemonic process, which cannot start the judge's: "
                   "set DASK_DISTRIBUTED__WORKER__DAEMON=False (make grade-worker does)")
    else:
        try:
            _sandbox_works()
        except sandbox.SandboxUnavailable as error:
            problem = str(error)
    if problem:
        print(f"Refusing to start a grading worker: {problem}", file=sys.stderr, flush=True)
        os._exit(2)
    for warning in sandbox.limit_problems():
        print(f"Warning: {warning}", flush=True)
    print(f"Grading worker ready: grader {code_id()[:12]}, bubblewrap works", flush=True)
