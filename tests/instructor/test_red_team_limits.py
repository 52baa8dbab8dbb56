"""One class in which each trick of a real class's worst students sits beside honest classmates.

Every row: the class run finishes, the trick scores what it should (zero for what it broke,
with a plain reason), every honest classmate keeps full marks, the limits hold (memory of the
whole run, processes), nothing outlives the run, nothing outside ``grades/`` changes, and
every text written is valid UTF-8 without control characters.
"""

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile

import pytest
from grading_helpers import (
    NB01,
    NB02,
    ROOT,
    SEED,
    grader_command,
    hand_in,
    needs_bwrap,
    points,
    read_scores,
)
from test_red_team import digest, repository_files

from instructor import cgroups, reading, sandbox

pytestmark = needs_bwrap

WRONG = "def initialize_zeros(layer_dims):\n    return {}\n"
FORGE = ("import json, os\n"
         "forged = {{'$scalar': ['int64', float('inf')]}}\n"
         "cases = [[{{'value': forged}}] * n for n in {counts}]\n"
         "line = json.dumps({{'notebook': 0, 'check': 'ex1_1_check', 'defined': True,\n"
         "                   'cases': cases}}) + '\\n'\n"
         "for fd in range(3, 30):\n    try:\n        os.write(fd, line.encode())\n"
         "    except OSError:\n        pass\n")
READ_PARENT_STDIN = (  # what is waiting in the parent's stdin, read without blocking
    "import os\ntry:\n"
    "    fd = os.open('/pr' + 'oc/%d/fd/0' % os.getppid(), os.O_RDONLY | os.O_NONBLOCK)\n"
    "    data = os.read(fd, 1 << 20)\n"
    "except OSError:\n    data = b''\n"
    "i = data.find(b'initialize_random')\n"
    "raise RuntimeError('found: %r' % data[max(i - 80, 0):i + 80] if i >= 0 else 'nothing-found')")
MEMORY_GIB = 1  # the class below is graded with --memory 1 (GiB per submission)
FORK_MEMORY = (  # three children of 1.2 GiB each: 3.6 GiB where limits are per process
    "import os, time\nimport numpy as np\nkids = []\nfor _ in range(3):\n"
    "    pid = os.fork()\n    if pid == 0:\n        a = np.ones(int(1.2 * 2**27))\n"
    "        time.sleep(0.5)\n        os._exit(0)\n    kids.append(pid)\n"
    "ends = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in kids]\n"
    "raise RuntimeError(f'children ended {ends}')\n")
TMP_FILES = (  # memory, then /tmp data and empty files: the cgroup counts them all
    "import numpy as np\nhold = np.ones(int(0.85 * 2**27))\n"
    "for k in range(5):\n    with open(f'/tmp/big{k}', 'wb') as f:\n"
    "        f.write(b'x' * (50 << 20))\n"
    "i = 0\nwhile True:\n    open(f'/tmp/f{i}', 'w').close()\n    i += 1\n")
BUSY_LOOPS = (  # each waits five seconds (so that the forks and the answer come first), spins
    "import os\nstarted = refused = 0\nfor _ in range(100):\n    try:\n"
    "        pid = os.fork()\n    except OSError:\n        refused += 1\n        continue\n"
    "    if pid == 0:\n        os.setsid()\n"
    "        import sys\n        spin = 'import time\\ntime.sleep(5)\\nwhile True:\\n    pass'\n"
    "        os.execv(sys.executable, [sys.executable, '-c', spin, 'busy-876.5'])\n"
    "    started += 1\n"
    "raise RuntimeError(f'started {started}, refused {refused}')")
ESCAPES = ("def initialize_zeros(layer_dims):\n"
           "    raise ValueError('\\x1b[2J\\x1b[H\\r  alice   16 / 16\\x1b]0;title\\x07\\u202e')")
NAMES = ("王伟", "李娜", "Zoë", "Zoé", unicodedata.normalize("NFD", "Zoé"),
         os.fsdecode(b"Zo\xff"))


def _forged_counts():
    """Calls per case of exercise 1.1, as a student who read the grader could count them."""
    from instructor.course import course
    from instructor.further_cases import cases_for

    cases, _ = cases_for(course(ROOT / "notebooks")[0].exercises[0], SEED)
    return [len(case["calls"]) for case in cases]


def _zip_bomb(path, entries=1000, size=20 << 20):
    """A small zip whose ``entries`` entries all point at one member of ``size`` bytes."""
    one = path.with_suffix(".one")
    with zipfile.ZipFile(one, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(NB01, b" " * size)
    data = one.read_bytes()
    one.unlink()
    end = data.rfind(b"PK\x05\x06")
    start = int.from_bytes(data[end + 16:end + 20], "little")
    record = data[start:end]
    name_length = int.from_bytes(record[28:30], "little")
    records = []
    for k in range(entries):
        name = f"01_zero_initialization ({k}).ipynb".encode()
        records.append(record[:28] + len(name).to_bytes(2, "little") + record[30:46] + name
                       + record[46 + name_length:])
    directory = b"".join(records)
    tail = (data[end:end + 8] + entries.to_bytes(2, "little") * 2
            + len(directory).to_bytes(4, "little") + start.to_bytes(4, "little") + b"\0\0")
    path.write_bytes(data[:start] + directory + tail)


def _lying_zip(path, size=200 << 20, claimed=1000):
    """A zip whose one member unpacks to ``size`` bytes while its headers say ``claimed``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(NB01, b" " * size)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset:at + offset + 4] = claimed.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def _huge_notebook(path, cells=150_000):
    nb = {"cells": [{"cell_type": "code", "source": "x = 1\n" * 10, "metadata": {},
                     "outputs": [], "execution_count": None}] * cells,
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb))


def _malformed_metadata(path):
    """nbformat only logs these schema errors; they must not reach the planner."""
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    cells[1]["metadata"]["nbgrader"] = []
    cells[3]["metadata"]["nbgrader"] = {"grade_id": ["x"], "solution": "yes"}
    cells[0]["source"] = 5
    del cells[2]["cell_type"]
    cells.insert(4, "not a cell")
    path.write_text(json.dumps(nb))


def grade_in_cgroup(subs, out, course, *extra):
    """Run the grader as `make grade` does, inside a cgroup of its own that records the run's
    peak memory and CPU time (children included); (process, rows, peak bytes, cpu s)."""
    group = cgroups.Cgroup(memory=64 << 30, pids=100_000, cpus=64)
    try:
        result = subprocess.run(group.command(grader_command(subs, out, course, *extra)),
                                cwd=ROOT, capture_output=True, text=True)
        peak, cpu = group.peak_memory(), group.cpu_seconds()
    finally:
        group.remove()
    return result, read_scores(out), peak, cpu


@pytest.fixture(scope="module")
def tricky_class(tmp_path_factory, course_01_02, right):
    base = tmp_path_factory.mktemp("tricky")
    subs, out = base / "submissions", base / "grades"
    for honest in ("honest_a", "honest_b"):
        hand_in(subs, honest, right)
        hand_in(subs, honest, right, notebook=NB02)
    hand_in(subs, "lone_surrogate",
            dict(right, ex1_1_initialize_zeros="raise ValueError('\\ud800')"))
    hand_in(subs, "surrogate_message", dict(right, ex1_1_initialize_zeros=(
        "def initialize_zeros(layer_dims):\n    raise ValueError('bad \\udcff name')")))
    hand_in(subs, "escapes", dict(right, ex1_1_initialize_zeros=ESCAPES))
    hand_in(subs, "forged_scalar", dict(right, ex1_1_initialize_zeros=(
        FORGE.format(counts=_forged_counts()) + WRONG)))
    hand_in(subs, "reads_parent_stdin", right, extra_cells=[(2, READ_PARENT_STDIN)])
    hand_in(subs, "reads_parent_stdin", right, notebook=NB02)
    hand_in(subs, "fork_memory", dict(right, ex1_1_initialize_zeros=FORK_MEMORY))
    hand_in(subs, "tmp_files", dict(right, ex1_1_initialize_zeros=TMP_FILES))
    hand_in(subs, "busy_loops", dict(right, ex1_1_initialize_zeros=BUSY_LOOPS + "\n" + WRONG))
    hand_in(subs, "loads_data", right, extra_cells=[(
        2, "X, Y, X_t, Y_t = initlib.load_dataset('circles')\nassert X.shape[0] == 2")])
    _malformed_metadata(hand_in(subs, "malformed", right))
    for name in NAMES:
        hand_in(subs, name, right)
    (subs / "zip_bomb").mkdir()
    _zip_bomb(subs / "zip_bomb" / "work.zip")
    (subs / "lying_zip").mkdir()
    _lying_zip(subs / "lying_zip" / "work.zip")
    _huge_notebook(subs / "huge_notebook" / NB01)
    others = [p for p in subs.rglob("*") if p.is_file()]
    before = digest(repository_files()), digest(others), digest(course_01_02.iterdir())
    start = time.monotonic()
    result, rows, peak, cpu = grade_in_cgroup(subs, out, course_01_02,
                                              "--memory", str(MEMORY_GIB))
    seconds = time.monotonic() - start
    assert result.returncode == 0, result.stderr[-3000:]
    time.sleep(3)  # anything a submission left behind would act now
    after = digest(repository_files()), digest(others), digest(course_01_02.iterdir())
    return dict(rows=rows, result=result, out=out, peak=peak, cpu=cpu, seconds=seconds,
                before=before, after=after)


def _feedback(graded, student, notebook=NB01):
    folder = {r["student"]: r["feedback_folder"] for r in graded["rows"].values()}[student]
    return (graded["out"] / "feedback" / folder / notebook).read_text(encoding="utf-8")


def test_honest_classmates_keep_full_marks(tricky_class):
    got = points(tricky_class["rows"])
    for student in ("honest_a", "honest_b"):
        assert [got[student, e] for e in ("ex1_1_check", "ex1_2_check", "ex2_1_check",
                                          "ex2_2_check")] == [2, 2, 2, 1], student
    for student in ("loads_data", "malformed", "reads_parent_stdin", *map(_shown, NAMES)):
        assert got[student, "ex1_1_check"] == got[student, "ex1_2_check"] == 2, (
            student, tricky_class["rows"][student, "ex1_1_check"]["reason"])


def _shown(name):
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def test_text_from_students_cannot_crash_or_redraw_the_report(tricky_class):
    rows, result = tricky_class["rows"], tricky_class["result"]
    assert rows["lone_surrogate", "ex1_1_check"]["points"] == "0"
    assert "ValueError: \\ud800" in rows["lone_surrogate", "ex1_1_check"]["reason"]
    assert "\\udcff" in rows["surrogate_message", "ex1_1_check"]["reason"]
    assert rows["surrogate_message", "ex1_2_check"]["points"] == "2"
    reason = rows["escapes", "ex1_1_check"]["reason"]
    assert reason.startswith("your answer cell failed: ValueError") or "ValueError" in reason
    for text in [result.stdout, *(p.read_text(encoding="utf-8")
                                  for p in tricky_class["out"].rglob("*") if p.is_file())]:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", text)
    with open(tricky_class["out"] / "totals.csv", encoding="utf-8") as f:
        totals = {r["student"]: r["points"] for r in csv.DictReader(f)}
    for line in result.stdout.splitlines():  # the summary says what totals.csv says
        match = re.match(r"  (\S.*?)\s+(\d+) / \d+$", line)
        if match and match.group(1) in totals:
            assert match.group(2) == totals[match.group(1)], line


def test_forged_record_is_that_submissions_zero(tricky_class):
    # a line written to every descriptor reaches the answer pipe unframed: the notebook stops
    for check in ("ex1_1_check", "ex1_2_check"):
        row = tricky_class["rows"]["forged_scalar", check]
        assert row["points"] == "0" and "tampering" in row["reason"]


def test_names_map_to_distinct_safe_folders_and_stay_in_the_csvs(tricky_class):
    rows = tricky_class["rows"]
    folders = {rows[_shown(n), "ex1_1_check"]["feedback_folder"] for n in NAMES}
    assert len(folders) == len(NAMES)
    assert all(re.fullmatch(r"[\w.-]+", f) and "\\" not in f for f in folders), folders
    assert {"王伟", "李娜", "Zoë", "Zoé"} <= folders
    assert ("Zo\\xff", "ex1_1_check") in rows
    assert "another copy" not in (tricky_class["out"] / "unrecognised.txt").read_text()
    for name in NAMES:
        assert _feedback(tricky_class, _shown(name)).count("2 / 2") >= 2


def test_no_notebook_can_read_another_notebooks_job(tricky_class):
    feedback = _feedback(tricky_class, "reads_parent_stdin")
    assert "RuntimeError: nothing-found" in feedback
    assert "RuntimeError: found" not in feedback
    assert points(tricky_class["rows"])["reads_parent_stdin", "ex2_1_check"] == 2


def test_memory_limit_holds_for_the_whole_submission(tricky_class):
    """Three children of 1.2 GiB, and 0.85 GiB plus /tmp files, with 1 GiB per submission: two
    submissions at a time, and the whole run (grader included) stays under 3 GiB."""
    if sandbox.limit_problems():
        pytest.skip("; ".join(sandbox.limit_problems()))
    assert tricky_class["peak"] < (2 * MEMORY_GIB + 1) << 30, tricky_class["peak"]
    reason = tricky_class["rows"]["tmp_files", "ex1_1_check"]["reason"]
    # the kernel kills it at the limit, or (reclaiming what it can first) slows it past its time
    assert f"more than {MEMORY_GIB} GiB of memory" in reason or "timed out" in reason, reason
    assert tricky_class["rows"]["fork_memory", "ex1_1_check"]["points"] == "0"


def test_tmp_files_count_against_the_memory_limit():
    """Empty files in the sandbox's /tmp: their inodes are the submission's memory too."""
    if sandbox.limit_problems():
        pytest.skip("; ".join(sandbox.limit_problems()))
    group = cgroups.Cgroup(memory=96 << 20, pids=64, cpus=1)
    args, _ = sandbox.command()
    code = ("import time\nstart = time.monotonic()\ni = 0\n"
            "while time.monotonic() - start < 60:\n"
            "    open(f'/tmp/f{i}', 'w').close()\n    i += 1\n")
    try:
        result = subprocess.run(group.command([*args[:-1], "-c", code]), timeout=120)
        assert result.returncode != 0 and group.memory_kills() >= 1
    finally:
        group.remove()


def test_process_limit_holds_and_nothing_outlives_the_run(tricky_class):
    feedback = _feedback(tricky_class, "busy_loops")
    started, refused = map(int, re.search(r"started (\d+), refused (\d+)", feedback).groups())
    assert started < sandbox.PROCESSES and refused > 0
    assert points(tricky_class["rows"])["busy_loops", "ex1_1_check"] == 0
    leftover = subprocess.run(["pgrep", "-f", "busy-876.5"], capture_output=True,
                              text=True).stdout.split()
    assert not leftover


def test_oversized_inputs_are_refused_before_they_are_unpacked(tricky_class):
    rows = tricky_class["rows"]
    assert "too many cells" in rows["huge_notebook", "ex1_1_check"]["reason"]
    unrecognised = (tricky_class["out"] / "unrecognised.txt").read_text()
    assert "zip bomb" in unrecognised
    assert "unreadable in the zip" in rows["lying_zip", "ex1_1_check"]["reason"]
    assert rows["zip_bomb", "ex1_1_check"]["points"] == "0"
    assert rows["lying_zip", "ex1_1_check"]["points"] == "0"


def test_nothing_outside_grades_changed(tricky_class):
    assert tricky_class["after"] == tricky_class["before"]


def test_zip_limits_hold_in_time_and_memory(tmp_path):
    """The zips of the class above, read alone: fast, and without unpacking them."""
    subs = tmp_path / "subs"
    (subs / "bomb").mkdir(parents=True)
    _zip_bomb(subs / "bomb" / "work.zip", entries=1000)
    (subs / "liar").mkdir()
    _lying_zip(subs / "liar" / "work.zip", size=400 << 20)
    code = ("import re, time\nfrom instructor import submissions\n"
            "start = time.process_time()\n"
            f"found, unrecognised = submissions.find({str(subs)!r}, [{NB01!r}])\n"
            "status = open('/proc/self/status').read()\n"  # VmHWM: this process's peak
            "print(time.process_time() - start,"
            " int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) >> 10)\n"
            "print(unrecognised, [s.notebooks for s in found])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    seconds, megabytes = map(float, result.stdout.split("\n")[0].split())
    assert seconds < 2 and megabytes < 100, result.stdout
    assert "zip bomb" in result.stdout and "unreadable in the zip" in result.stdout


def test_notebook_limits(tmp_path):
    many = tmp_path / "many.ipynb"
    _huge_notebook(many, cells=reading.MAX_CELLS + 1)
    nb, problem = reading.read_notebook(many.read_bytes())
    assert nb is None and "too many cells" in problem
    nb, problem = reading.read_notebook(b"[" * 100_000 + b"]" * 100_000)
    assert nb is None and "JSON" in problem


def test_the_limits_are_in_place_here():
    """Where cgroups are missing the grader says so; on this machine kind they are not."""
    problems = sandbox.limit_problems()
    if problems:
        pytest.skip("; ".join(problems))
    assert sandbox.limit_problems() == []


def test_a_failed_or_interrupted_run_leaves_the_earlier_grades_intact(tmp_path, course_01_02,
                                                                       right):
    subs, out = tmp_path / "submissions", tmp_path / "grades"
    hand_in(subs, "alice", right)
    hand_in(subs, "slow", dict(right, ex1_1_initialize_zeros="import time\ntime.sleep(4)\n"
                                                            + WRONG))
    command = grader_command(subs, out, course_01_02, jobs=1)
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    earlier = digest(p for p in out.rglob("*") if p.is_file())
    rerun = subprocess.Popen([*command, "--force"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    for _ in range(600):  # until grading has begun (the earlier run still in place)
        if list(tmp_path.glob(".grades.partial-*")) or not (out / "scores.csv").exists():
            break
        time.sleep(0.1)
    time.sleep(1)  # while it grades "slow"
    rerun.send_signal(signal.SIGINT)  # Ctrl-C
    rerun.communicate(timeout=60)
    assert rerun.returncode != 0
    assert digest(p for p in out.rglob("*") if p.is_file()) == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades", "submissions"]
    again = subprocess.run([*command, "--force"], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # and the next run replaces it
