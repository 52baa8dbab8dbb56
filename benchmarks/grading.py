"""How fast grading a class is: made-up students, sandboxed, on this machine and through Dask.

    python benchmarks/grading.py [--students 20] [--jobs N] [--workers 1 2]

Writes the class into a temporary folder (correct answers, typical mistakes, blank copies,
answers that make Python exit, answer cells that never end) and grades it as ``make grade``
does: on this machine (``--jobs`` students at a time), then through a local Dask cluster of
each number of ``--workers`` (``make grade SCHEDULER=local``, one student at a time per
worker). For each run it prints the students per second (wall time, reading and the cluster's
start included; it depends on what else the machine runs) and the CPU time of the whole run
per student (grader, workers, sandboxes and submissions, read from a cgroup around it: what
the arithmetic for a larger class needs); then the peak memory of the first run, and checks
that every kind of student got the score it deserves and that every run wrote the same
bytes. Exits 1 if a score is wrong or two runs differ.
"""

import argparse
import csv
import os
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from instructor import cgroups  # noqa: E402
from instructor.synthetic import classroom  # noqa: E402

OUTPUTS = ("scores.csv", "totals.csv", "notes.csv", "key_fingerprint.txt")


def run(submissions, out, key, extra):
    """Grade ``submissions`` into ``out``: (process, wall seconds, CPU seconds or 0, peak bytes
    of the whole run or 0)."""
    group = cgroups.Cgroup(memory=1 << 40, pids=1 << 20, cpus=os.cpu_count() or 1)
    start = time.monotonic()
    try:
        result = subprocess.run(group.command(
            [sys.executable, "-m", "instructor.grade", str(submissions), "--out", str(out),
             "--key", str(key), *extra]), cwd=ROOT, capture_output=True, text=True)
        return result, time.monotonic() - start, group.cpu_seconds(), group.peak_memory()
    finally:
        group.remove()


def wrong_scores(out, kinds):
    """The students whose total is not what their kind deserves, with their first lost row."""
    with open(out / "totals.csv", encoding="utf-8") as f:
        totals = {row["student"]: (int(row["points"]), int(row["max_points"]))
                  for row in csv.DictReader(f)}
    with open(out / "scores.csv", encoding="utf-8") as f:
        lost = {}  # why a student lost points: the first reason
        for row in csv.DictReader(f):
            if row["points"] != row["max_points"]:
                lost.setdefault(row["student"], f"{row['exercise']}: {row['reason']}")
    return {s: lost.get(s, "full marks") for s, kind in kinds.items()
            if (kind == "correct") != (totals[s][0] == totals[s][1])
            or (kind == "blank" and totals[s][0] != 0)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        kinds = classroom(tmp / "submissions", args.students)
        key = tmp / "key"  # a key of its own: the instructor's is not needed
        key.write_text(secrets.token_hex(32))
        counts = {kind: list(kinds.values()).count(kind) for kind in sorted(set(kinds.values()))}
        print(f"Grading {args.students} students "
              f"({', '.join(f'{n} {k}' for k, n in counts.items())}), sandboxed:")
        runs = [(f"this machine, {args.jobs} at a time", ["--jobs", str(args.jobs)])]
        runs += [(f"Dask, {n} local worker{'s' * (n > 1)}", ["--scheduler", "local", "--jobs",
                                                           str(n)]) for n in args.workers]
        first, problems = None, []
        for k, (label, extra) in enumerate(runs):
            out = tmp / f"grades{k}"
            result, seconds, cpu, peak = run(tmp / "submissions", out, key, extra)
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:])
                return 1
            print(f"  {label:28s} {args.students / seconds:5.2f} students/s "
                  f"({seconds:4.0f} s wall), "
                  + (f"{cpu / args.students:.2f} s CPU per student" if cpu
                     else "CPU time unknown (no cgroup: run as root)"))
            outputs = {name: (out / name).read_bytes() for name in OUTPUTS}
            if first is None:
                first = outputs
                children = resource.getrusage(resource.RUSAGE_CHILDREN)
                own = re.search(r"the grader's own peak memory (\d+) MB", result.stdout)
                memory = (f"Peak memory of the first run: the grader's own process "
                          f"{own.group(1) if own else '?'} MB; the largest single process "
                          f"{children.ru_maxrss / 1024:.0f} MB; the whole run "
                          + (f"{peak / (1 << 20):.0f} MB at once" if peak
                             else "unknown (no cgroup)"))
                wrong = wrong_scores(out, kinds)
                problems += [f"WRONG score: {s} ({kinds[s]}): {why[:200]}"
                             for s, why in wrong.items()]
            elif outputs != first:
                problems.append(f"{label} wrote other bytes than the first run in "
                                f"{[n for n in OUTPUTS if outputs[n] != first[n]]}")
    print(memory)
    if problems:
        print("\n".join(problems[:10]))
        return 1
    print("Every correct student got full marks, every blank one zero, every other one less; "
          "every run wrote the same bytes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
