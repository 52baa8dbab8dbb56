"""A sealed room for one submission: bubblewrap (``bwrap``) around the worker.

Inside, the worker sees a read-only Python with numpy, a read-only copy of the student-facing
``initlib``, and one writable folder of its own (``/grader/work``) plus a private ``/tmp``.
It does not see the repository, the instructor's notebooks or cases, other submissions, the
grades or the grader's processes (own PID namespace), has no network, and holds no
capabilities (so it cannot remount anything writable). Its CPU time, memory and file sizes
are limited by the worker before any student code runs; at the wall-clock limit the grader
sends SIGKILL, and since the worker is PID 1's child in its own namespace, nothing it started
outlives the room.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import initlib

WORKER = Path(__file__).resolve().parent / "worker.py"
PACKAGE = Path(initlib.__file__).resolve().parent
MEMORY = 4 << 30  # bytes of address space for the worker and each of its children


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


def command(work, sandboxed=True):
    """The command line that starts the worker, and the paths it will see."""
    python = [sys.executable, "-I", "-B"]
    if not sandboxed:
        return python + [str(WORKER)], {"results": str(work / "results"),
                                        "lib": str(PACKAGE.parent)}
    bwrap = bwrap_path()
    if bwrap is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so submissions cannot be sealed off: "
            "install it (Debian: apt-get install bubblewrap), or grade with --unsandboxed "
            "only if you trust every submission")
    args = [bwrap, "--unshare-all", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
            *_system_binds(),
            "--ro-bind", str(PACKAGE), "/grader/lib/initlib",
            "--ro-bind", str(WORKER), "/grader/worker.py",
            "--bind", str(work), "/grader/work",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            "--chdir", "/grader/work", "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/grader/work",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/grader/work/mpl",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            *python, "/grader/worker.py"]
    return args, {"results": "/grader/work/results", "lib": "/grader/lib"}


def check_sandbox():
    """Raise SandboxUnavailable with the reason if bwrap cannot start a process here."""
    args, _ = command(Path("/nonexistent"))
    probe = args[: args.index("--bind")] + ["--proc", "/proc", "--dev", "/dev", "/bin/true"]
    result = subprocess.run(probe, capture_output=True, text=True)
    if result.returncode != 0:
        raise SandboxUnavailable(f"bwrap does not work here: {result.stderr.strip()[:300]}")


@dataclass(frozen=True)
class Run:
    """How a worker's run ended: "ok", "timeout" (killed at the wall-clock limit) or "failed"."""

    ended: str
    seconds: float


def frame(message):
    data = json.dumps(message).encode()
    return str(len(data)).encode() + b"\n" + data


def run_worker(work, jobs, *, cell_timeout, notebook_timeout, sandboxed=True):
    """Run the worker on ``jobs`` (one per notebook) with ``work`` as its only writable folder.

    The results are left in ``work/results``. Returns a ``Run``.
    """
    (work / "results").mkdir(parents=True)
    _matplotlib_cache(work / "mpl")
    args, paths = command(work, sandboxed)
    settings = dict(paths, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                    notebooks=len(jobs), memory=MEMORY)
    stdin = b"".join(frame(message) for message in [settings, *jobs])
    wall = notebook_timeout * len(jobs) + 30
    start = time.monotonic()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(work / "mpl"), "OPENBLAS_NUM_THREADS": "1"}
    process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=work, env=env,
                               start_new_session=True)
    try:
        process.communicate(stdin, timeout=wall)
        ended = "ok" if process.returncode == 0 else "failed"
    except subprocess.TimeoutExpired:
        ended = "timeout"
        os.killpg(process.pid, signal.SIGKILL)  # bwrap, and with it the whole namespace
        process.wait()
    return Run(ended, time.monotonic() - start)


def _matplotlib_cache(folder):
    """A copy of matplotlib's font list, so the worker does not rebuild it on every start."""
    folder.mkdir()
    try:
        import matplotlib

        for cached in Path(matplotlib.get_cachedir()).glob("fontlist-*.json"):
            shutil.copy(cached, folder / cached.name)
    except Exception:  # noqa: BLE001, S110 - only a speed-up
        pass
