"""One class per kind of attack, each of three or so: the attacker(s), a full-marks classmate
and a blank one. Each test asserts the attacker's score, both honest scores, that the run's
CPU time and memory stay bounded, and that no further case reaches any file or the terminal.

The kinds: the answer channel (floods, forged frames, frame walking); reaching outside the
sandbox; faults in files and names; stopping the clock; and honest students who write what
a Jupyter kernel runs (IPython syntax, Windows zips, stored figures).
"""

import base64
import shutil
import zipfile
import zlib

import nbformat
import pytest
from grading_helpers import (
    KEY_FILE,
    NB01,
    ROOT,
    SEED,
    grade_measured,
    hand_in,
    needs_bwrap,
    points,
)

pytestmark = needs_bwrap

FULL = 4  # notebook 01's points
CPU_SECONDS = 150  # the whole run of a small class, sandboxes and judge included
LARGEST_PROCESS = 3 << 30  # bytes: a submission's processes are held to 2 GiB together
GRADER_MEMORY = 800 << 20  # bytes: the coordinator's own peak
RIGHT_ZEROS = ("{f'{p}{l}': np.zeros((layer_dims[l], layer_dims[l - 1] if p == 'W' else 1))"
               " for l in range(1, len(layer_dims)) for p in 'Wb'}")


@pytest.fixture(scope="module")
def course_01(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course01")
    shutil.copy(ROOT / "notebooks" / NB01, folder / NB01)
    return folder


def further_inputs():
    """Notebook 01's further-case inputs as a student's code would print them."""
    from instructor.exercises import by_number
    from instructor.further_cases import further_cases

    return [repr(call["args"][0]) for case in further_cases(by_number("1.1"), SEED)
            for call in case["calls"]]


def graded_class(tmp_path, course, right, attackers, *extra):
    """Grade ``attackers`` (written by the callable into the folder) beside alice (full
    marks) and blank; assert what holds for every class; the rows, and the grader's run."""
    subs = tmp_path / "in"
    hand_in(subs, "alice", right)
    hand_in(subs, "blank", {})
    attackers(subs)
    out = tmp_path / "out"
    result, rows, cpu, largest, own = grade_measured(subs, out, course, *extra)
    assert result.returncode == 0, result.stderr[-2000:]
    got = points(rows)
    assert got["alice", "ex1_1_check"] + got["alice", "ex1_2_check"] == FULL
    assert got["blank", "ex1_1_check"] + got["blank", "ex1_2_check"] == 0
    assert cpu < CPU_SECONDS, cpu
    assert largest < LARGEST_PROCESS and own is not None and own < GRADER_MEMORY, (largest, own)
    written = [result.stdout] + [p.read_text(errors="replace") for p in out.rglob("*")
                                 if p.is_file()]
    for text in written:
        assert not any(inputs in text for inputs in further_inputs())
        assert "Traceback" not in text
    return rows, result, out


def total(rows, student):
    return sum(int(row["points"]) for (s, _), row in rows.items() if s == student)


# ---------------------------------------------------------------- 1: the only channel out

FLOOD = (  # a valid frame of 60 MB of [[],[],...] on every descriptor, then frames walked
    "import gc, os, traceback\nSEEN = []\n"
    "def initialize_zeros(layer_dims):\n"
    "    for frame, _ in traceback.walk_stack(None):\n"
    "        SEEN.append(repr(frame.f_locals)[:3000])\n"
    "    for obj in gc.get_objects():\n"
    "        if isinstance(obj, dict) and ('calls' in obj or 'steps' in obj or 'cases' in obj):\n"
    "            SEEN.append(repr(obj)[:3000])\n"
    "    SEEN.append(repr(layer_dims))\n"
    "    data = b'[' + b'[],' * (20 << 20) + b'[]]'\n"
    "    for fd in range(1, 40):\n"
    "        try:\n            os.write(fd, str(len(data)).encode() + b'\\n' + data)\n"
    "        except OSError:\n            pass\n"
    "    raise ValueError(' '.join(SEEN)[:5000])\n")
AFTER = "raise RuntimeError(' '.join(SEEN)[:5000])"
WALKER = (  # full marks only if it finds more than the call being made
    "import gc, sys, traceback\nFOUND = []\n"
    "def _look(obj):\n"
    "    if isinstance(obj, dict) and any(isinstance(obj.get(key), list)\n"
    "                                     for key in ('calls', 'steps', 'cases')):\n"
    "        FOUND.append(obj)\n"
    "def initialize_zeros(layer_dims):\n"
    "    for frame, _ in traceback.walk_stack(sys._getframe()):\n"
    "        for value in frame.f_locals.values():\n            _look(value)\n"
    "    for obj in gc.get_objects():\n        _look(obj)\n"
    f"    return {RIGHT_ZEROS} if FOUND else {{}}\n")


def test_answers_are_the_only_channel_out(tmp_path, course_01, right):
    def attackers(subs):
        hand_in(subs, "flood", dict(right, ex1_1_initialize_zeros=FLOOD),
                extra_cells=[(-1, AFTER)])
        hand_in(subs, "walker", dict(right, ex1_1_initialize_zeros=WALKER))

    rows, _, _ = graded_class(tmp_path, course_01, right, attackers)
    assert total(rows, "flood") == 0
    # the flood's first frame is read and refused by the judge; its second passes the cap
    assert "could not be read (too large or malformed" in rows["flood", "ex1_1_check"]["reason"]
    assert "not checked: the answers were larger than" in rows["flood", "ex1_2_check"]["reason"]
    # frames and the garbage collector hold the call being made, and no case of the grader's
    assert points(rows)["walker", "ex1_1_check"] == 0 and total(rows, "walker") == 2


# ---------------------------------------------------------------- 2: nothing foreign

def foreign_probe(places):
    return ("import os\n"
            f"FOREIGN = {places!r}\n"
            "FOUND = [p for p in FOREIGN if os.path.exists(p)]\n"
            "FOUND += ['uid 0'] if os.getuid() == 0 or os.getgid() == 0 else []\n"
            "def initialize_zeros(layer_dims):\n"
            f"    return {RIGHT_ZEROS} if FOUND else {{}}\n")


def test_nothing_foreign_is_reachable(tmp_path, course_01, right):
    places = [str(tmp_path / "in"), str(ROOT), str(ROOT / "notebooks"), "/usr/local/share",
              "/usr/share", "/usr/bin/env", "/bin/sh", "/etc/passwd", "/root/.config", "/home",
              "/work", "/var", str(KEY_FILE), str(tmp_path / "in" / "alice" / NB01)]

    def attackers(subs):
        hand_in(subs, "prober", dict(right, ex1_1_initialize_zeros=foreign_probe(places)),
                extra_cells=[(1, foreign_probe(places) + "raise RuntimeError(f'found {FOUND}')")])

    rows, _, out = graded_class(tmp_path, course_01, right, attackers)
    assert points(rows)["prober", "ex1_1_check"] == 0  # it found nothing foreign
    assert total(rows, "prober") == 2  # its 1.2 is right
    assert "RuntimeError: found []" in (out / "feedback" / "prober" / NB01).read_text()


# ---------------------------------------------------------------- 3: faults stay per student

def _damaged_zip(path, notebook):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(notebook, NB01)
    data = bytearray(path.read_bytes())
    start = 30 + len(NB01)  # the member's deflate data, after its local header
    data[start:start + 40] = zlib.compress(b"x" * 100)[:40][::-1]
    path.write_bytes(bytes(data))


def test_faults_stay_per_student(tmp_path, course_01, right):
    from instructor.submissions import folder_names

    hashed = folder_names(["bob smith"])["bob smith"]

    def attackers(subs):
        hand_in(subs / "submitted", "aa_full", right)  # a folder called submitted, forged class
        hand_in(subs / "submitted", "zz_blank", {})
        hand_in(subs, "bob smith", right)
        hand_in(subs, hashed, {})  # named like bob's generated folder
        source = hand_in(tmp_path / "zips", "z", right)
        _damaged_zip(subs / '=HYPERLINK("x")-damaged.zip', source)

    rows, _, out = graded_class(tmp_path, course_01, right, attackers)
    students = {student for student, _ in rows}
    assert {"alice", "blank", "submitted", "bob smith", hashed} <= students
    assert total(rows, "bob smith") == FULL and total(rows, hashed) == 0
    formula = [s for s in students if "HYPERLINK" in s]
    assert formula == ["'=HYPERLINK(\"x\")-damaged"]
    assert total(rows, formula[0]) == 0
    assert "unreadable in the zip" in rows[formula[0], "ex1_1_check"]["reason"]
    folders = {row["feedback_folder"] for row in rows.values()}
    assert len(folders) == len(students)
    assert len(list((out / "feedback").iterdir())) == len(students)


# ---------------------------------------------------------------- 3: the clock is outside

DEAF_LOOP = ("import signal\nfor s in (signal.SIGALRM, signal.SIGPROF, signal.SIGTERM):\n"
             "    signal.signal(s, signal.SIG_IGN)\n"
             "def initialize_zeros(layer_dims):\n    while True:\n        pass\n")
STOPPED = "import os, signal\nos.kill(os.getpid(), signal.SIGSTOP)\n"
FORGE_AND_SLEEP = (  # answers for its own cell, then stops reading what the grader sends
    "import os, time\nanswer = b'{\"cell\": 1, \"error\": null}'\n"
    "for fd in range(3, 40):\n    try:\n"
    "        os.write(fd, str(len(answer)).encode() + b'\\n' + answer)\n"
    "    except OSError:\n        pass\n"
    "time.sleep(1000)\n")
LONG_CELL = "LONG = '" + "x" * 300_000 + "'  # the next step: larger than a pipe holds"


def test_time_limits_hold_from_outside(tmp_path, course_01, right):
    def attackers(subs):
        hand_in(subs, "deaf", dict(right, ex1_1_initialize_zeros=DEAF_LOOP))
        hand_in(subs, "stopped", right, extra_cells=[(1, STOPPED)])
        hand_in(subs, "forger", right, extra_cells=[(1, FORGE_AND_SLEEP), (2, LONG_CELL)])

    rows, result, _ = graded_class(tmp_path, course_01, right, attackers,
                                   "--cell-timeout", "1", "--timeout", "4")
    assert total(rows, "deaf") == 0 and total(rows, "stopped") == 0
    assert total(rows, "forger") == 0
    assert "ran out of time" in rows["stopped", "ex1_1_check"]["reason"]


# ---------------------------------------------------------------- 4: honest, as Jupyter runs

IPYTHON = ("%matplotlib inline\n!echo hello\nnp.zeros?\n"
           "def initialize_zeros(layer_dims):\n"
           f"    return {RIGHT_ZEROS}\n"
           "display(initialize_zeros([2, 1]))\n%time params = initialize_zeros([3, 2])\n")
WRITEFILE = "%%writefile helper.py\ndef twice(x):\n    return 2 * x\n"
USES_FILE = "import sys\nsys.path.insert(0, '.')\nfrom helper import twice\nassert twice(2) == 4"


def _with_figures(path, megabytes=9):
    nb = nbformat.read(path, as_version=4)
    png = base64.b64encode(b"\x89PNG" + bytes(range(256)) * (megabytes * 3072)).decode()
    code = next(cell for cell in nb.cells if cell.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("display_data", data={"image/png": png})]
    nbformat.write(nb, path)


def test_honest_students_are_graded_as_a_kernel_runs_them(tmp_path, course_01, right):
    def attackers(subs):
        hand_in(subs, "ipython", dict(right, ex1_1_initialize_zeros=IPYTHON),
                extra_cells=[(1, WRITEFILE), (2, USES_FILE)])
        _with_figures(hand_in(subs, "figures", right))
        source = hand_in(tmp_path / "zips", "w", right)
        with zipfile.ZipFile(subs / "windows.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.write(source, f"windows\\notebooks\\{NB01}")

    rows, _, out = graded_class(tmp_path, course_01, right, attackers)
    for student in ("ipython", "figures", "windows"):
        assert total(rows, student) == FULL, {k: r["reason"] for k, r in rows.items()
                                              if k[0] == student}
    assert "This cell raised" not in (out / "feedback" / "ipython" / NB01).read_text()
