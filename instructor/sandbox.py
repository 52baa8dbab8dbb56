"""A sealed room for one submission: bubblewrap (``bwrap``) around the worker.

Inside, the worker sees a read-only Python with numpy, a read-only copy of the student-facing
``initlib``, and a private ``/tmp`` of limited size (in memory), its only writable place; it
sends its results on its standard output. It does not see the repository, the instructor's
notebooks or cases, other submissions, the grades or the grader's processes (own PID
namespace), has no network, and holds no capabilities (so it cannot remount anything
writable). Its CPU time, memory and file sizes are limited by the worker before any student
code runs; at the wall-clock limit the grader sends SIGKILL to bwrap, and since everything
inside lives in bwrap's PID namespace, nothing it started outlives the room.
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

WORKER = Path(__file__).resolve().parent / "worker.py"
PACKAGE = Path(initlib.__file__).resolve().parent
MEMORY = 4 << 30  # bytes of address space for the worker and each of its children
TMP_BYTES = 256 << 20  # the sandbox's /tmp, its only writable place
OUTPUT_BYTES = 64 << 20  # results kept from one student's worker


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
            "--ro-bind", str(PACKAGE), "/grader/lib/initlib",
            "--ro-bind", str(WORKER), "/grader/worker.py",
            "--proc", "/proc", "--dev", "/dev",
            *fonts, "--chdir", "/tmp", "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/tmp/mpl",
            "--setenv", "OPENBLAS_NUM_THREADS", "1", "--setenv", "OMP_NUM_THREADS", "1",
            *python, "/grader/worker.py"]
    return args, "/grader/lib"


def check_sandbox():
    """Raise SandboxUnavailable with the reason if bwrap cannot start a process here."""
    args, _ = command()
    probe = args[: args.index("--proc")] + ["--proc", "/proc", "--dev", "/dev", "/bin/true"]
    result = subprocess.run(probe, capture_output=True, text=True)
    if result.returncode != 0:
        raise SandboxUnavailable(f"bwrap does not work here: {result.stderr.strip()[:300]}")


@dataclass(frozen=True)
class Run:
    """A worker's run: how it ended ("ok", "timeout": killed at the wall-clock limit,
    "failed"), how long it took, and what it wrote on its standard output (capped)."""

    ended: str
    seconds: float
    output: bytes


def frame(message):
    data = json.dumps(message).encode()
    return str(len(data)).encode() + b"\n" + data


def run_worker(jobs, *, cell_timeout, notebook_timeout, sandboxed=True):
    """Run the worker on ``jobs`` (one per notebook); returns a ``Run``."""
    args, lib = command(sandboxed)
    settings = dict(lib=lib, cell_timeout=cell_timeout, notebook_timeout=notebook_timeout,
                    notebooks=len(jobs), memory=MEMORY)
    stdin = b"".join(frame(message) for message in [settings, *jobs])
    wall = notebook_timeout * len(jobs) + 30
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="grading-") as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "MPLBACKEND": "Agg",
               "MPLCONFIGDIR": home, "OPENBLAS_NUM_THREADS": "1"}
        process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, cwd=home, env=env,
                                   start_new_session=True)
        chunks = []
        reader = threading.Thread(target=_read_capped, args=(process.stdout, chunks))
        writer = threading.Thread(target=_write_all, args=(process.stdin, stdin))
        reader.start()
        writer.start()
        try:
            process.wait(timeout=wall)
            ended = "ok" if process.returncode == 0 else "failed"
        except subprocess.TimeoutExpired:
            ended = "timeout"
            os.killpg(process.pid, signal.SIGKILL)  # bwrap, and with it the whole namespace
            process.wait()
        writer.join()
        reader.join()
    return Run(ended, time.monotonic() - start, b"".join(chunks))


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
