"""How long grading a class takes: 200 made-up students, sandboxed, in parallel.

    python benchmarks/grading.py [--students 200] [--jobs N]

Writes the class into a temporary folder (correct answers, typical mistakes, blank copies,
answers that make Python exit, answer cells that never end), runs ``python -m
instructor.grade`` on it as ``make grade`` does, prints the wall time and the CPU time of the
whole run (grader, sandboxes and submissions, read from a cgroup around it; the wall time
depends on what else the machine runs, the CPU time much less), its peak memory (the
grader's own process, the largest single process, and the whole run at once) and checks
that every kind of student got the score it deserves. Exits 1 if a score is wrong.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kinds = classroom(Path(tmp) / "submissions", args.students)
        key = Path(tmp) / "key"  # a key of its own: the instructor's is not needed
        key.write_text(secrets.token_hex(32))
        group = cgroups.Cgroup(memory=1 << 40, pids=1 << 20, cpus=os.cpu_count() or 1)
        start = time.monotonic()
        try:
            result = subprocess.run(group.command(
                [sys.executable, "-m", "instructor.grade", str(Path(tmp) / "submissions"),
                 "--out", str(Path(tmp) / "grades"), "--jobs", str(args.jobs),
                 "--key", str(key)]),
                cwd=ROOT, capture_output=True, text=True)
            seconds, cpu = time.monotonic() - start, group.cpu_seconds()
            peak = group.peak_memory()  # the grader with everything it started, together
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
        finally:
            group.remove()
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:])
            return 1
        with open(Path(tmp) / "grades" / "totals.csv", encoding="utf-8") as f:
            totals = {row["student"]: (int(row["points"]), int(row["max_points"]))
                      for row in csv.DictReader(f)}
        with open(Path(tmp) / "grades" / "scores.csv", encoding="utf-8") as f:
            lost = {}  # why a student lost points: the first reason
            for row in csv.DictReader(f):
                if row["points"] != row["max_points"]:
                    lost.setdefault(row["student"], f"{row['exercise']}: {row['reason']}")
    wrong = [s for s, kind in kinds.items()
             if (kind == "correct") != (totals[s][0] == totals[s][1])
             or (kind == "blank" and totals[s][0] != 0)]
    counts = {kind: list(kinds.values()).count(kind) for kind in sorted(set(kinds.values()))}
    print(f"Grading {args.students} students ({', '.join(f'{n} {k}' for k, n in counts.items())}) "
          f"with {args.jobs} at a time: {seconds:.0f} s wall time "
          f"({seconds / args.students:.2f} s per student), "
          + (f"{cpu:.0f} s CPU time ({cpu / args.students:.2f} s per student)" if cpu
             else "CPU time unknown (no cgroup: run as root)"))
    own = re.search(r"the grader's own peak memory (\d+) MB", result.stdout)
    print(f"Peak memory: the grader's own process {own.group(1) if own else '?'} MB; the "
          f"largest single process {children.ru_maxrss / 1024:.0f} MB; the whole run "
          + (f"{peak / (1 << 20):.0f} MB at once" if peak else "unknown (no cgroup)"))
    if wrong:
        print(f"WRONG scores for {len(wrong)} students: {wrong[:10]}")
        for student in wrong[:5]:
            print(f"  {student} ({kinds[student]}): {lost.get(student, 'full marks')[:200]}")
        return 1
    print("Every correct student got full marks, every blank one zero, every other one less.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
