"""A sealed room for one notebook of one submission: bubblewrap (``bwrap``) around the worker.

Inside, the worker sees a read-only Python with numpy, a read-only copy of the student-facing
``initlib`` (with its datasets), and a private ``/tmp`` of limited size (in memory), its only
writable place; it sends its results on its standard output. It does not see the repository,
the instructor's notebooks or cases, other submissions, the grades or the grader's processes
(own PID namespace), has no network, and holds no capabilities (so it cannot remount anything
writable).

Each notebook gets a room of its own, started when the one before it has ended: nothing of
another notebook's job, cases or results exists in it, and a process left behind by one
notebook is gone before the next starts. All the rooms of one submission run inside one
cgroup (``instructor.cgroups``): its memory (``/tmp`` included), process count and CPU are
limited together, and at the end of each notebook everything in it is killed.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import initlib

from . import cgroups

WORKER = Path(__file__).resolve().parent / "worker.py"
PACKAGE = Path(initlib.__file__).resolve().parent
ADDRESS_SPACE = 4 << 30  # bytes of address space for each process (where cgroups are missing)
MEMORY = 2 << 30  # bytes of memory for a whole submission, its /tmp files included (cgroup)
PROCESSES = 64  # processes and threads of a submission at one time (cgroup)
CPUS = 1.0  # cores a submission may use at one time (cgroup)
TMP_BYTES = 256 << 20  # the sandbox's /tmp, its only writable place
OUTPUT_BYTES = 64 << 20  # results kept from one notebook's worker (notebook 03: about 12 MB)


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or does not work here."""


def bwrap_path():
    return shutil.which("bwrap")


def _system_binds():
    """Read-only binds for the OS and the Python that runs the worker (with its packages)."""
    args = []
    for top in ("/usr", "/lib", "/lib64", "/bin", "/sbin"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    for folder in {sys.base_prefix, sys.prefix}:
        if not folder.startswith("/usr/"):
            args += ["--ro-bind", folder, folder]
    if Path("/etc/fonts").is_dir():
        args += ["--ro-bind", "/etc/fonts", "/etc/fonts"]
    return args


def _font_cache():
    """matplotlib's font list, bound read-only so the worker does not rebuild it each time."""
    try:
        import matplotlib

        return sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # noqa: BLE001 - only a speed-up
        return []


def command(sandboxed=True):
    """The command line that starts the worker, and the folder where it finds ``initlib``."""
    python = [sys.executable, "-I", "-B"]
    if not sandboxed:
        return python + [str(WORKER)], str(PACKAGE.parent)
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
    args = [bwrap, "--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
            "--size", str(TMP_BYTES), "--tmpfs", "/tmp",
            *_system_binds(),
            "--ro-bind", str(PACKAGE), "/grader/lib/initlib", *_datasets_bind(),
            "--ro-bind", str(WORKER), "/grader/worker.py",
            "--proc", "/proc", "--dev", "/dev",
            *fonts, "--chdir", "/tmp", "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp/mpl",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            *python, "/grader/worker.py"]
    return args, "/grader/lib"


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
    args, _ = command()
    probe = args[: args.index("--proc")] + ["--proc", "/proc", "--dev", "/dev", "/bin/true"]
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
            f"({ADDRESS_SPACE >> 30} GiB of address space each), not together; "
            f"{cgroups.HOW_TO}" for m in missing]


@dataclass(frozen=True)
class Run:
    """The worker runs of one submission: how the last to fail ended ("ok", "timeout": stopped
    at a time limit, "limit: ...": stopped at a cgroup limit, "failed"), how long they took
    (wall and CPU seconds), and what the workers wrote (each record tagged by the grader with
    its notebook's index, capped)."""

    ended: str
    seconds: float
    output: bytes
    cpu_seconds: float = 0.0
    peak_memory: int = 0


def frame(message):
    data = json.dumps(message).encode()
    return str(len(data)).encode() + b"\n" + data


def run_worker(jobs, *, cell_timeout, notebook_timeout, sandboxed=True, memory=MEMORY):
    """Run each of ``jobs`` (one per notebook) in its own sandbox, in turn; returns a ``Run``.

    The sandboxes of one submission share one cgroup, so its limits (``memory`` bytes,
    PROCESSES, CPUS) hold for the submission.
    """
    start = time.monotonic()
    group = cgroups.Cgroup(memory=memory, pids=PROCESSES, cpus=CPUS)
    outputs, ended = [], "ok"
    try:
        for k, job in enumerate(jobs):
            how, output = _run_one(k, job, group, cell_timeout, notebook_timeout, sandboxed,
                                   memory)
            outputs.append(output)
            if how != "ok":
                ended = how
        cpu, peak = group.cpu_seconds(), group.peak_memory()
    finally:
        group.remove()
    return Run(ended, time.monotonic() - start, b"".join(outputs), cpu, peak)


def _run_one(k, job, group, cell_timeout, notebook_timeout, sandboxed, memory):
    """One notebook's sandbox: (how it ended, its records tagged with notebook ``k``)."""
    args, lib = command(sandboxed)
    settings = dict(lib=lib, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                    memory=ADDRESS_SPACE)
    stdin = frame(settings) + frame(job)
    wall = notebook_timeout + 15  # the worker stops the notebook at notebook_timeout itself
    cpu_budget = group.cpu_seconds() + notebook_timeout
    memory_kills, refusals = group.memory_kills(), group.fork_refusals()
    with tempfile.TemporaryDirectory(prefix="grading-") as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "MPLBACKEND": "Agg",
               "MPLCONFIGDIR": home, "OPENBLAS_NUM_THREADS": "1"}
        process = subprocess.Popen(group.command(args), stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=home,
                                   env=env, start_new_session=True)
        chunks = []
        reader = threading.Thread(target=_read_capped, args=(process.stdout, chunks))
        writer = threading.Thread(target=_write_all, args=(process.stdin, stdin))
        reader.start()
        writer.start()
        deadline, stopped = time.monotonic() + wall, None
        while stopped is None:
            try:
                process.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            if time.monotonic() > deadline:
                stopped = "timeout"
            elif group.cpu_seconds() > cpu_budget:
                stopped = (f"limit: the notebook used more than {notebook_timeout:g} s of CPU "
                           "time (all its processes together)")
        group.kill()  # nothing the notebook started outlives it
        try:
            os.killpg(process.pid, signal.SIGKILL)  # bwrap, where cgroups are missing
        except OSError:
            pass
        process.wait()
        writer.join()
        reader.join()
    if group.memory_kills() > memory_kills:
        stopped = (f"limit: the submission used more than {memory / (1 << 30):g} GiB of memory "
                   "(its /tmp files included), and the kernel stopped it")
    elif stopped is None and process.returncode != 0 and group.fork_refusals() > refusals:
        stopped = f"limit: the submission started more than {PROCESSES} processes or threads"
    how = stopped or ("ok" if process.returncode == 0 else "failed")
    return how, _tagged(b"".join(chunks), k, stopped)


def _tagged(output, k, stopped):
    """The worker's records for notebook ``k``: each re-tagged with ``k`` (a record claiming
    another notebook is dropped); the grader's own ending first when it stopped the run."""
    lines = [json.dumps({"notebook": k, "ended": stopped}).encode()] if stopped else []
    for line in output.splitlines():
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if type(record) is not dict or type(record.get("notebook")) is not int \
                or record["notebook"] != 0:
            continue
        record["notebook"] = k
        lines.append(json.dumps(record).encode())
    return b"".join(line + b"\n" for line in lines)


def _write_all(pipe, data):
    try:
        pipe.write(data)
        pipe.close()
    except OSError:  # the worker stopped reading (it ended, or was killed)
        pass


def _read_capped(pipe, chunks):
    """Read a pipe to its end, keeping at most OUTPUT_BYTES of it."""
    kept = 0
    while True:
        chunk = pipe.read1(1 << 16)
        if not chunk:
            break
        if kept < OUTPUT_BYTES:
            chunks.append(chunk[: OUTPUT_BYTES - kept])
            kept += len(chunks[-1])
    pipe.close()
