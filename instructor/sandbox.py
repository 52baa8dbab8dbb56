"""A sealed room for one notebook of one submission: bubblewrap (``bwrap``) around the worker.

Inside, the worker sees the minimal read-only runtime of ``instructor.runtime`` (its Python,
numpy and what a notebook imports, the system libraries these link to), a read-only copy of
the student-facing ``initlib`` (with its datasets), and a private ``/tmp`` of limited size
(in memory), its only writable place. It runs as an unprivileged user (65534) in its own user
namespace, with its own PID namespace, no network and no capabilities (so it cannot remount
anything writable). It does not see the rest of ``/usr``, ``/etc``, the repository, the
instructor's notebooks or cases, other submissions, the grades or the grader's processes.

The grader talks to the worker one step at a time (``instructor.worker``): a step goes in on
its standard input, and its answer comes back on a pipe of its own (not standard output,
which is not read), read here up to a fixed number of bytes and never parsed here: the
answers are judged in a process of their own (``instructor.judge``). The time limits are
held from here, outside the sandbox: each step, and the notebook, get a budget of CPU time
(read from the submission's cgroup, so the machine's load does not change them) and a
generous budget of wall time; at either, the whole sandbox is killed, whatever happens in it.

Each notebook gets a room of its own, started when the one before it has ended. All the rooms
of one submission run inside one cgroup (``instructor.cgroups``): its memory (``/tmp``
included), process count and CPU are limited together, and after each notebook everything in
it is killed.
"""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import initlib

from . import cgroups, runtime, watchdog

WORKER = Path(__file__).resolve().parent / "worker.py"
PACKAGE = Path(initlib.__file__).resolve().parent
ADDRESS_SPACE = 4 << 30  # bytes of address space for each process (where cgroups are missing)
MEMORY = 2 << 30  # bytes of memory for a whole submission, its /tmp files included (cgroup)
PROCESSES = 64  # processes and threads of a submission at one time (cgroup)
CPUS = 1.0  # cores a submission may use at one time (cgroup)
TMP_BYTES = 256 << 20  # the sandbox's /tmp, its only writable place
ANSWER_BYTES = 96 << 20  # answers read from one submission, all notebooks together
OUTPUT_BYTES = 64 << 20  # answers read from one notebook (notebook 03's, the largest: about 27 MB)
STEP_CPU = 2.0  # a step's CPU budget, in cell time limits (the worker stops it at one)
UID = 65534  # the sandbox's user and group ("nobody")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or does not work here."""


def bwrap_path():
    return shutil.which("bwrap")


def _font_cache():
    """matplotlib's font list, bound read-only so the worker does not rebuild it each time."""
    try:
        import matplotlib

        return sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 - only a speed-up
        return []


def command(sandboxed=True):
    """The command line that starts the worker, and the folders it imports from."""
    if not sandboxed:
        paths = sorted({str(p.parent) for p in runtime.packages().values()}) \
            + [str(PACKAGE.parent)]
        return [runtime.python_binary(), "-I", "-S", "-B", str(WORKER)], paths
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so submissions cannot be sealed off: "
            "install it (Debian: apt-get install bubblewrap), or grade with --unsandboxed "
            "only if you trust every submission")
    fonts = []
    for cached in _font_cache():
        fonts += ["--ro-bind", str(cached), f"/tmp/mpl/{cached.name}"]
    # /tmp first: a Python installed under /tmp (a checkout there) is then bound on top of it
    args = [bwrap, "--unshare-all", "--unshare-user", "--uid", str(UID), "--gid", str(UID),
            "--cap-drop", "ALL", "--die-with-parent", "--new-session",
            "--size", str(TMP_BYTES), "--tmpfs", "/tmp",
            *runtime.binds(),
            "--ro-bind", str(PACKAGE), "/grader/lib/initlib", *_datasets_bind(),
            "--ro-bind", str(WORKER), "/grader/worker.py",
            "--proc", "/proc", "--dev", "/dev",
            *fonts, "--chdir", "/tmp", "--clearenv",
            "--setenv", "PATH", "/nowhere", "--setenv", "HOME", "/tmp",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp/mpl",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            runtime.python_binary(), "-I", "-S", "-B", "/grader/worker.py"]
    return args, [runtime.SITE, "/grader/lib"]


def _datasets_bind():
    """``initlib/datasets`` may be a link (to ``../data`` in the repository): bind its target."""
    datasets = PACKAGE / "datasets"
    if not datasets.is_symlink():
        return []
    link = os.readlink(datasets)
    inside = link if os.path.isabs(link) else os.path.normpath(f"/grader/lib/initlib/{link}")
    return ["--ro-bind", str(datasets.resolve()), inside]


def check_sandbox():
    """Raise SandboxUnavailable with the reason if bwrap cannot start a process here."""
    args, paths = command()
    probe = args[:-5] + [  # the worker's command is the last five
        runtime.python_binary(), "-I", "-S", "-c", f"import sys; sys.path[:0] = {paths!r}; "
        "import numpy, matplotlib.pyplot"]
    result = subprocess.run(probe, capture_output=True, text=True)
    if result.returncode != 0:
        raise SandboxUnavailable(f"bwrap does not work here: {result.stderr.strip()[:300]}")


def limit_problems():
    """What the whole-submission limits cannot hold here, each with what to do ([] if none)."""
    cgroups.remove_stale()
    missing = cgroups.problems(memory=MEMORY, pids=PROCESSES, cpus=CPUS)
    if not missing:
        return []
    return [f"{m}: a submission's processes are then limited one by one "
            f"({ADDRESS_SPACE >> 30} GiB of address space each), and its time in wall "
            f"seconds, not together; {cgroups.HOW_TO}" for m in missing]


@dataclass
class Run:
    """The worker runs of one submission: per notebook, how it ended ("ok"; "timeout";
    "limit: ..."; "failed") and the raw answers to its steps, in order (fewer than its steps
    when it stopped early); the wall and CPU seconds and peak memory of all of it."""

    endings: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_memory: int = 0


def frame(message):
    data = json.dumps(message).encode()
    return str(len(data)).encode() + b"\n" + data


def run_worker(jobs, *, cell_timeout, notebook_timeout, sandboxed=True, memory=MEMORY):
    """Run each of ``jobs`` (one list of steps per notebook) in its own sandbox, in turn.

    ``cell_timeout`` and ``notebook_timeout`` are CPU seconds. The sandboxes of one submission
    share one cgroup, so its limits (``memory`` bytes, PROCESSES, CPUS) hold for the
    submission, and its answers are capped together at ANSWER_BYTES. Returns a ``Run``.
    """
    start, run = time.monotonic(), Run()
    group = cgroups.Cgroup(memory=memory, pids=PROCESSES, cpus=CPUS)
    budget = [ANSWER_BYTES]
    try:
        for steps in jobs:
            limits = (cell_timeout, notebook_timeout, memory)
            mine = [min(OUTPUT_BYTES, budget[0])]
            ended, answers = _run_one(steps, group, limits, sandboxed, mine)
            budget[0] -= sum(len(answer) for answer in answers)
            run.endings.append(ended)
            run.answers.append(answers)
        run.cpu_seconds, run.peak_memory = group.cpu_seconds(), group.peak_memory()
    finally:
        group.remove()
    run.seconds = time.monotonic() - start
    return run


def _run_one(steps, group, limits, sandboxed, budget):
    """One notebook's sandbox, step by step: (how it ended, [answer bytes, ...])."""
    cell_timeout, notebook_timeout, memory = limits
    args, paths = command(sandboxed)
    read_end, write_end = os.pipe()
    try:  # fewer, larger reads of the answers (notebook 03's are about 16 MB)
        fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass
    settings = dict(paths=paths, cell_timeout=cell_timeout, memory=ADDRESS_SPACE,
                    answers=write_end)
    memory_kills, refusals = group.memory_kills(), group.fork_refusals()
    answers, stopped = [], None
    with tempfile.TemporaryDirectory(prefix="grading-") as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "MPLBACKEND": "Agg",
               "MPLCONFIGDIR": home, "OPENBLAS_NUM_THREADS": "1"}
        try:
            process = subprocess.Popen(group.command(args), stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       cwd=home, env=env, start_new_session=True,
                                       pass_fds=(write_end,))
        finally:
            os.close(write_end)
        clock = watchdog.Clock(group, process, notebook_timeout)
        answers_pipe = watchdog.Answers(read_end, budget, clock)
        stdin = process.stdin.fileno()
        os.set_blocking(stdin, False)  # a worker that does not read cannot hold the grader
        try:
            for step in [settings, *steps]:
                step_budget = STEP_CPU * cell_timeout + 1
                step_cpu = group.cpu_seconds() + step_budget
                step_wall = time.monotonic() + watchdog.WALL_FACTOR * step_budget + 10
                stopped = watchdog.send(stdin, frame(step), clock, step_cpu, step_wall)
                if stopped:
                    break
                if step is settings:
                    continue
                answer, stopped = answers_pipe.next(step_cpu, step_wall)
                if answer is None:
                    break
                answers.append(answer)
        finally:
            group.kill()  # nothing the notebook started outlives it
            try:
                os.killpg(process.pid, signal.SIGKILL)  # bwrap, where cgroups are missing
            except OSError:
                pass
            process.wait()
            os.close(read_end)
    if group.memory_kills() > memory_kills:
        stopped = (f"limit: the submission used more than {memory / (1 << 30):g} GiB of memory "
                   "(its /tmp files included), and the kernel stopped it")
    elif stopped == "failed" and group.fork_refusals() > refusals:
        stopped = f"limit: the submission started more than {PROCESSES} processes or threads"
    return stopped or "ok", answers


if __name__ == "__main__":  # a quick look at the room: python -m instructor.sandbox
    print(" ".join(command()[0]), file=sys.stderr)
