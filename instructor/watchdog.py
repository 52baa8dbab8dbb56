"""The grader's watch over one sandbox, from outside it: its time budgets and its answers.

``Clock`` says when a notebook, or one of its steps, has used up its budget: CPU time of the
submission's cgroup (so a loaded machine grades as a quiet one), or wall time, a generous
backstop (so a sandbox that stops or sleeps is stopped too). ``Answers`` reads the worker's
framed answers off their pipe in large chunks, never more than the budget of bytes, and
never parses them: they are only bytes here.
"""

import os
import select
import time

WALL_FACTOR = 4  # wall seconds allowed per second of CPU budget (a loaded machine is slow)
FORMAT = "limit: the answers did not follow the grader's format (tampering?)"
TOO_LARGE = "limit: the answers were larger than the grader reads ({} MB)"


class Clock:
    """The budgets of one notebook, read from outside the sandbox: CPU time of its cgroup
    (wall time alone where the cgroup has no CPU accounting) and wall time."""

    def __init__(self, group, process, notebook_timeout):
        self.group, self.process = group, process
        self.counted = "cpuacct" in group.folders or "v2" in group.folders
        self.cpu0, self.wall0 = group.cpu_seconds(), time.monotonic()
        self.cpu_end = self.cpu0 + notebook_timeout
        self.wall_end = self.wall0 + WALL_FACTOR * notebook_timeout + 10

    def over(self, step_cpu_end, step_wall_end):
        """None while within budget, else why the run is stopped."""
        if self.process.poll() is not None:
            return "failed"  # the worker ended before its answer
        now, cpu = time.monotonic(), self.group.cpu_seconds()
        if self.counted and cpu > min(self.cpu_end, step_cpu_end):
            return "timeout"
        if now > min(self.wall_end, step_wall_end):
            return "timeout"
        return None


class Answers:
    """The answer pipe, read in large chunks: one framed answer at a time, capped."""

    def __init__(self, fd, budget, clock):
        self.fd, self.budget, self.clock, self.buffer = fd, budget, clock, bytearray()
        self.limit = budget[0]

    def next(self, step_cpu, step_wall):
        """(bytes of one framed answer, None), or (None, why the notebook stops)."""
        while b"\n" not in self.buffer[:12]:
            if len(self.buffer) >= 12:
                return None, FORMAT
            why = self._fill(step_cpu, step_wall)
            if why:
                return None, why
        header, _, rest = bytes(self.buffer[:12]).partition(b"\n")
        if not header.isdigit():
            return None, FORMAT
        size = int(header)
        if size > self.budget[0]:
            return None, TOO_LARGE.format(self.limit >> 20)
        self.budget[0] -= size
        start = len(header) + 1
        while len(self.buffer) < start + size:
            why = self._fill(step_cpu, step_wall, start + size - len(self.buffer))
            if why:
                return None, why
        answer = bytes(self.buffer[start:start + size])
        del self.buffer[:start + size]
        return answer, None

    def _fill(self, step_cpu, step_wall, wanted=1 << 16):
        """Read what has come (at most ``wanted`` bytes, 64 KiB at least); why not, if it
        cannot come."""
        while True:
            ready = select.select([self.fd], [], [], 0.05)[0]
            why = self.clock.over(step_cpu, step_wall)  # checked even while answers trickle in
            if why == "timeout" or (why and not ready):  # what came before an end is read
                return why
            if ready:
                chunk = os.read(self.fd, max(wanted, 1 << 16))
                if not chunk:
                    return "failed"
                self.buffer += chunk
                return None


def send(fd, data, clock, step_cpu, step_wall):
    """Write ``data`` to the worker's (non-blocking) stdin as it reads it; why not, if it does
    not read in time. A worker that is gone says so when its answer is read."""
    view = memoryview(data)
    while view:
        writable = select.select([], [fd], [], 0.05)[1]
        if writable:
            try:
                view = view[os.write(fd, view[:1 << 16]):]
            except BlockingIOError:
                continue
            except OSError:
                return None
        else:
            why = clock.over(step_cpu, step_wall)
            if why:
                return why
    return None
