"""Limits for a whole submission, held by the kernel's control groups (cgroups).

A limit set on one process (``setrlimit``) does not hold for the processes it starts: three
children of 2 GiB each use 6 GiB, and files in a memory-backed ``/tmp`` count for no process at
all. A cgroup holds every process of one submission and everything they make the kernel keep
(their memory, the ``/tmp`` files and inodes they create), so the limits here hold for all of
it together:

- memory (``/tmp`` included): above it the kernel kills a process of the submission;
- processes and threads: above it ``fork`` fails;
- CPU: at most one core at a time (a hundred busy loops share one core and leave the others to
  classmates), and the grader stops the run when its CPU time passes its budget;
- at the end, every process still in the cgroup is killed, so nothing outlives the submission.

cgroup v1 (``memory``, ``pids``, ``cpu``, ``cpuacct`` hierarchies) and cgroup v2 are both
used, whichever holds each controller; the grader's cgroups are created inside the cgroup it
runs in. This needs root, or a delegated cgroup (``systemd-run --scope -p Delegate=yes``);
``problems()`` says what is missing, and the grader prints it.
"""

import itertools
import os
import signal
import time
from pathlib import Path

_NEEDED = ("memory", "pids", "cpu")  # cpu time is read from cpuacct (v1) or cpu.stat (v2)
_COUNTER = itertools.count()
HOW_TO = ("run the grader as root on a machine with cgroups (v1 or v2), or under "
          "`systemd-run --scope -p Delegate=yes make grade ...`")


def _unescape(path):
    return path.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def _hierarchies():
    """(v1 mounts {controller: folder of this process's cgroup}, v2 folder or None)."""
    v1_mounts, v2_mount = {}, None
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
        own = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return {}, None
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, after = left.split(), right.split()
        if len(fields) < 5 or len(after) < 3:
            continue
        if after[0] == "cgroup2":
            v2_mount = _unescape(fields[4])
        elif after[0] == "cgroup":
            for option in after[2].split(","):
                v1_mounts.setdefault(option, _unescape(fields[4]))
    v1, v2 = {}, None
    for line in own:
        number, controllers, path = line.split(":", 2)
        path = path.lstrip("/")
        if number == "0" and v2_mount:
            v2 = Path(v2_mount, path)
        for controller in controllers.split(","):
            if controller in v1_mounts:
                v1[controller] = Path(v1_mounts[controller], path)
    return v1, v2


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


def _read(path, default=""):
    try:
        return Path(path).read_text()
    except OSError:
        return default


def _field(text, name):
    """The number after ``name`` in a "key value" file (memory.events, pids.events, ...)."""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == name and parts[1].isdigit():
            return int(parts[1])
    return 0


def _enable_v2(v2, controllers):
    """The v2 controllers that children of ``v2`` can have (enabling them if needed)."""
    available = set(_read(v2 / "cgroup.controllers").split())
    wanted = [c for c in controllers if c in available]
    enabled = set(_read(v2 / "cgroup.subtree_control").split())
    for controller in wanted:
        if controller not in enabled:
            try:
                _write(v2 / "cgroup.subtree_control", f"+{controller}")
                enabled.add(controller)
            except OSError:
                pass
    return enabled & set(wanted)


class Cgroup:
    """One submission's cgroup(s): create, put a command inside, read, kill, remove.

    Parameters
    ----------
    memory : int
        Bytes of memory for all the processes together, tmpfs files included.
    pids : int
        Processes and threads at one time.
    cpus : float
        Cores it may use at one time.
    """

    def __init__(self, *, memory, pids, cpus):
        self.folders = {}  # role ("memory", "pids", "cpu", "cpuacct", "v2") -> folder
        v1, v2 = _hierarchies()
        v2_controllers = _enable_v2(v2, [c for c in _NEEDED if c not in v1]) if v2 else set()
        name = f"initlib-grading-{os.getpid()}-{next(_COUNTER)}"
        for role in ("memory", "pids", "cpu", "cpuacct"):
            if role in v1:
                self.folders[role] = v1[role] / name
        if v2 is not None:
            self.folders["v2"] = v2 / name
        self.v2_controllers = v2_controllers
        self.missing = []
        for folder in dict.fromkeys(self.folders.values()):
            try:
                folder.mkdir()
            except OSError as error:
                self.missing.append(f"cannot create {folder} ({error.strerror})")
        self.folders = {role: f for role, f in self.folders.items() if f.is_dir()}
        self._limit(memory, pids, cpus)

    def _limit(self, memory, pids, cpus):
        v2 = self.folders.get("v2")
        settings = {
            "memory": [("memory", "memory.limit_in_bytes", memory),
                       ("memory", "memory.memsw.limit_in_bytes", memory)],
            "pids": [("pids", "pids.max", pids)],
            "cpu": [("cpu", "cpu.cfs_period_us", 100_000),
                    ("cpu", "cpu.cfs_quota_us", int(100_000 * cpus))],
        }
        v2_settings = {"memory": [("memory.max", memory), ("memory.swap.max", 0)],
                       "pids": [("pids.max", pids)],
                       "cpu": [("cpu.max", f"{int(100_000 * cpus)} 100000")]}
        for controller in _NEEDED:
            done = False
            if controller in self.folders:
                for role, file, value in settings[controller]:
                    try:
                        _write(self.folders[role] / file, value)
                        done = True
                    except OSError:
                        pass
            elif v2 is not None and controller in self.v2_controllers:
                for file, value in v2_settings[controller]:
                    try:
                        _write(v2 / file, value)
                        done = True
                    except OSError:
                        pass
            if not done:
                self.missing.append(f"no {controller} limit (no writable {controller} controller)")

    # ------------------------------------------------------------ putting a command inside

    def command(self, args):
        """``args`` started inside this cgroup (a shell joins it, then becomes ``args``)."""
        procs = [str(folder / "cgroup.procs") for folder in dict.fromkeys(self.folders.values())]
        script = ('while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; '
                  'shift; exec "$@"')
        return ["/bin/sh", "-c", script, "sh", *procs, "--", *args]

    # ------------------------------------------------------------ reading

    def cpu_seconds(self):
        if "cpuacct" in self.folders:
            text = _read(self.folders["cpuacct"] / "cpuacct.usage", "0").strip()
            return int(text) / 1e9 if text.isdigit() else 0.0
        if "v2" in self.folders:
            return _field(_read(self.folders["v2"] / "cpu.stat"), "usage_usec") / 1e6
        return 0.0

    def memory_kills(self):
        """How many processes the kernel killed for the memory limit, so far."""
        if "memory" in self.folders:
            return _field(_read(self.folders["memory"] / "memory.oom_control"), "oom_kill")
        if "v2" in self.folders:
            return _field(_read(self.folders["v2"] / "memory.events"), "oom_kill")
        return 0

    def peak_memory(self):
        if "memory" in self.folders:
            text = _read(self.folders["memory"] / "memory.max_usage_in_bytes", "0").strip()
            return int(text) if text.isdigit() else 0
        text = _read(self.folders.get("v2", Path("/-")) / "memory.peak", "0").strip()
        return int(text) if text.isdigit() else 0

    def fork_refusals(self):
        """How many times a fork was refused for the process limit, so far."""
        folder = self.folders.get("pids", self.folders.get("v2"))
        return _field(_read(folder / "pids.events"), "max") if folder else 0

    def processes(self):
        pids = set()
        for folder in dict.fromkeys(self.folders.values()):
            pids |= {int(p) for p in _read(folder / "cgroup.procs").split() if p.isdigit()}
        return pids

    # ------------------------------------------------------------ ending

    def kill(self, wait=5.0):
        """SIGKILL everything inside, and wait (up to ``wait`` s) until nothing is left."""
        deadline = time.monotonic() + wait
        v2 = self.folders.get("v2")
        while True:
            if v2 is not None and (v2 / "cgroup.kill").exists():
                try:
                    _write(v2 / "cgroup.kill", 1)
                except OSError:
                    pass
            left = self.processes()
            if not left:
                return True
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def remove(self):
        """Kill what is left, then remove the cgroup folders."""
        self.kill()
        for folder in dict.fromkeys(self.folders.values()):
            for _ in range(100):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # busy for a moment after the last process ends
                    time.sleep(0.01)


def problems(*, memory=1 << 30, pids=64, cpus=1.0):
    """What a submission's cgroup cannot limit here (an empty list when all is in place)."""
    try:
        group = Cgroup(memory=memory, pids=pids, cpus=cpus)
    except Exception as error:  # noqa: BLE001 - any failure is a missing limit
        return [f"cgroups unusable: {error}"]
    missing = list(group.missing)
    if not group.folders:
        missing.append("no cgroup hierarchy is mounted and writable here")
    group.remove()
    return missing


def remove_stale():
    """Remove empty cgroups left by graders that were killed (their process is gone)."""
    v1, v2 = _hierarchies()
    for base in {*v1.values(), *([v2] if v2 else [])}:
        try:  # nested ones too (a bench's cgroup holds a grader's), deepest first
            entries = sorted(base.glob("initlib-grading-*/**/initlib-grading-*"),
                             key=lambda p: -len(p.parts)) + list(base.glob("initlib-grading-*"))
        except OSError:
            continue
        for folder in entries:
            pid = folder.name.split("-")[2]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                try:
                    folder.rmdir()
                except OSError:
                    pass
