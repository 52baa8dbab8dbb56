"""Submissions that try to cheat, or to harm others. None may score, or change anything else.

Each trick is one student's notebook 01. The class also holds honest students handed in
beside them, and a blank one. After grading (and a pause, for anything left running), the
repository, every other submission and the grades must be exactly as they were.
"""

import hashlib
import os
import re
import subprocess
import time

import pytest
from grading_helpers import ROOT, SEED, grade, hand_in, needs_bwrap, points

pytestmark = needs_bwrap

WRONG = "def initialize_zeros(layer_dims):\n    return {}\n"
WRONG_COUNT = "def count_distinct(W, b):\n    return 0\n"


def tricks(paths):
    """(student, answer for 1.1, answer for 1.2): none of them holds a right answer."""
    repo, subs, out = (str(p) for p in paths)
    return [
        ("patch_numpy", "import builtins, math\nnp.any = lambda *a, **k: False\n"
                        "np.allclose = lambda *a, **k: True\nmath.isclose = lambda *a, **k: True\n"
                        "builtins.abs = lambda x: 0\n" + WRONG, WRONG_COUNT),
        ("int_subclass", WRONG, "class Yes(int):\n    def __eq__(self, other):\n        return True"
                                "\n    __hash__ = int.__hash__\n\n"
                                "def count_distinct(W, b):\n    return Yes(0)"),
        ("ipython_hooks", "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                          "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
                          "ip.input_transformers_cleanup.append(lambda lines: [])\n" + WRONG,
         WRONG_COUNT),
        ("swap_checkers", "import importlib, sys\nimportlib.reload = lambda m: m\n"
                          "name = 'initlib.' + 'che' + 'cks'\nmod = sys.modules.get(name)\n"
                          "import initlib.checks as c\nc.judge_case = lambda *a, **k: None\n"
                          "c.Wrong = Exception\n" + WRONG,
         "import sys\ntry:\n    sys._getframe(2).f_globals['_fail'] = lambda *a: None\n"
         "except Exception:\n    pass\n" + WRONG_COUNT),
        ("run_solutions", "import json\n"
                          f"nb = json.load(open({repo!r} + '/notebooks/'\n"
                          "                     + '01_zero_initialization.ipynb'))\n"
                          "exec(''.join(nb['cells'][26]['source']))", WRONG_COUNT),
        ("read_hidden", f"src = open({repo!r} + '/instructor/further_cases.py').read()\n" + WRONG,
         "import initlib.checks, inspect\nsrc = inspect.getsource(initlib.checks)\n"
         + WRONG_COUNT),
        ("rewrite_checks", "import initlib.checks as c\n"
                           "for target in (c.__file__, "
                           f"{repo!r} + '/initlib/checks.py', "
                           f"{repo!r} + '/notebooks/01_zero_initialization.ipynb'):\n"
                           "    try:\n        open(target, 'a').write('# pwned')\n"
                           "    except OSError:\n        pass\n" + WRONG, WRONG_COUNT),
        ("remount", "import os\nos.system('mount -o remount,rw,bind /grader/lib 2>/dev/null')\n"
                    "import initlib\ntry:\n"
                    "    open(os.path.dirname(initlib.__file__) + '/checks.py', 'a').write('#')\n"
                    "except OSError:\n    pass\n" + WRONG, WRONG_COUNT),
        ("classmates", "import glob, os\n"
                       "for pid in os.listdir('/proc'):\n    try:\n"
                       "        print(open(f'/proc/{pid}/cmdline').read())\n"
                       "    except OSError:\n        pass\n"
                       f"for path in glob.glob({subs!r} + '/*/*.ipynb'):\n    try:\n"
                       "        open(path, 'w').write('{}')\n    except OSError:\n        pass\n"
                       "try:\n"
                       f"    os.makedirs({out!r} + '/feedback/victim', exist_ok=True)\n"
                       f"    open({out!r} + '/feedback/victim/x', 'w').write('0 points')\n"
                       "except OSError:\n    pass\n" + WRONG, WRONG_COUNT),
        ("detached", "import os, time\nif os.fork() == 0:\n    os.setsid()\n"
                     "    if os.fork() == 0:\n        time.sleep(4)\n"
                     "        for p in ('/tmp/results', "
                     f"{out!r} + '/scores.csv', {out!r} + '/totals.csv'):\n"
                     "            try:\n                open(p, 'w').write('alice,13')\n"
                     "            except OSError:\n                pass\n"
                     "    os._exit(0)\n" + WRONG, WRONG_COUNT),
        ("lingering", "import os, sys\nif os.fork() == 0:\n    os.setsid()\n"
                      "    os.execv(sys.executable, [sys.executable, '-c', "
                      "'import time; time.sleep(987.654)'])\n" + WRONG, WRONG_COUNT),
        ("fake_records", "import json, os\nline = json.dumps({'notebook': 0, 'check': "
                         "'ex1_1_check', 'defined': True, 'cases': []}) + '\\n'\n"
                         "for fd in range(3, 30):\n    try:\n"
                         "        os.write(fd, line.encode())\n    except OSError:\n"
                         "        pass\n" + WRONG, WRONG_COUNT),
        ("ignores_ctrl_c", "while True:\n    try:\n        pass\n    except BaseException:\n"
                           "        pass", WRONG_COUNT),
        ("network", "import socket\ntry:\n    socket.create_connection(('10.0.0.1', 80), 1)\n"
                    "except OSError:\n    pass\n" + WRONG, WRONG_COUNT),
        ("leak_further", "SEEN = []\n\ndef initialize_zeros(layer_dims):\n"
                         "    SEEN.append('dims=' + ','.join(map(str, layer_dims)))\n"
                         "    return {}\n",
         "raise RuntimeError(' '.join(SEEN))\n" + WRONG_COUNT),
    ]


def digest(paths):
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(os.fsencode(path))
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()


def repository_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    return [ROOT / name for name in listed if name]


@pytest.fixture(scope="module")
def attack(tmp_path_factory, course_01_02, right):
    base = tmp_path_factory.mktemp("red")
    subs, out = base / "submissions", base / "grades"
    for student, zeros, count in tricks((ROOT, subs, out)):
        hand_in(subs, student, dict(right, ex1_1_initialize_zeros=zeros,
                                    ex1_2_count_distinct=count))
    for honest in ("victim", "zz_honest"):
        hand_in(subs, honest, right)
    hand_in(subs, "zz_blank", {})
    others = [p for p in subs.rglob("*") if p.is_file()]
    before = digest(repository_files()), digest(others), digest(course_01_02.iterdir())
    result, rows = grade(subs, out, course_01_02)
    assert result.returncode == 0, result.stderr
    grades = digest(p for p in out.rglob("*") if p.is_file())
    time.sleep(6)  # anything a submission left behind would act now
    after = digest(repository_files()), digest(others), digest(course_01_02.iterdir())
    return before, after, grades, out, rows, result


def test_no_trick_scores(attack):
    *_, rows, _ = attack
    got = points(rows)
    for student, _, _ in tricks(("r", "s", "o")):
        assert got[student, "ex1_1_check"] == 0, (student, rows[student, "ex1_1_check"])
        assert got[student, "ex1_2_check"] == 0, (student, rows[student, "ex1_2_check"])
    assert "not plain data" in rows["int_subclass", "ex1_2_check"]["reason"]
    assert "tampering" in rows["fake_records", "ex1_1_check"]["reason"]
    reason = rows["ignores_ctrl_c", "ex1_1_check"]["reason"]
    assert re.search("ran out of time|ran too long", reason)


def test_tampering_is_flagged(attack):
    *_, rows, result = attack
    for student in ("patch_numpy", "swap_checkers", "read_hidden", "ipython_hooks",
                    "classmates", "remount"):
        assert rows[student, "ex1_1_check"]["flagged"], student
    assert "FLAGGED" in result.stdout


def test_honest_students_keep_their_marks(attack):
    *_, rows, _ = attack
    got = points(rows)
    assert got["victim", "ex1_1_check"] == got["victim", "ex1_2_check"] == 2
    assert got["zz_honest", "ex1_1_check"] == got["zz_honest", "ex1_2_check"] == 2
    assert got["zz_blank", "ex1_1_check"] == got["zz_blank", "ex1_2_check"] == 0


def test_nothing_a_submission_started_outlives_the_grader(attack):
    lingering = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if b"987.654" in f.read():
                    lingering.append(entry)
        except OSError:
            continue
    assert not lingering


def test_nothing_outside_the_sandbox_changed(attack):
    before, after, grades, out, _, _ = attack
    assert after[0] == before[0], "the repository changed"
    assert after[1] == before[1], "a submission changed"
    assert after[2] == before[2], "the instructor's notebooks changed"
    assert digest(p for p in out.rglob("*") if p.is_file()) == grades, "the grades changed"
    assert not (out / "feedback" / "victim" / "x").exists()


def test_further_cases_do_not_leak_into_feedback(attack):
    """A function that records the grader's inputs, and a later cell that raises them."""
    *_, out, rows, result = attack
    from instructor.exercises import EXERCISES
    from instructor.further_cases import further_cases

    feedback = " ".join(p.read_text() for p in (out / "feedback" / "leak_further").rglob("*")
                        if p.is_file())
    reported = feedback + result.stdout + (out / "scores.csv").read_text()
    assert "RuntimeError" in feedback  # the student still learns that the cell failed
    for case in further_cases(EXERCISES["initialize_zeros"], SEED):
        dims = case["calls"][0]["args"][0]
        assert "dims=" + ",".join(map(str, dims)) not in reported, dims
