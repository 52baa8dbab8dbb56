"""Grading through Dask: a real scheduler and two workers on this machine, the same bytes as one
machine's run; what travels to a worker, and what a worker may write here."""

import argparse
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from grading_helpers import KEY_FILE, ROOT, SEED, needs_bwrap

from instructor import cluster
from instructor.course import course
from instructor.further_cases import all_cases
from instructor.synthetic import classroom

DASK = Path(sys.executable).with_name("dask")


def _start(command, log, env):
    with open(log, "wb") as f:
        return subprocess.Popen(command, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)


def _stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a ``dask scheduler`` on localhost (a free port) with two ``dask worker``
    processes of one thread each, started as the README says; all stopped afterwards."""
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), DASK_DISTRIBUTED__WORKER__DAEMON="False")
    processes = [_start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                         "--no-dashboard", "--scheduler-file", str(address_file)],
                        folder / "scheduler.log", env)]
    try:
        for name in ("first", "second"):
            processes.append(_start(
                [str(DASK), "worker", "--scheduler-file", str(address_file), "--host",
                 "127.0.0.1", "--nthreads", "1", "--no-dashboard", "--name", name,
                 "--local-directory", str(folder / name), "--preload", "instructor.cluster"],
                folder / f"{name}.log", env))
        from distributed import Client

        deadline = time.monotonic() + 120
        while not address_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.5)
        with Client(scheduler_file=str(address_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=180)
            address = client.scheduler.address
        logs = "".join((folder / f"{n}.log").read_text() for n in ("first", "second"))
        assert logs.count("Grading worker ready") == 2, logs[-3000:]
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _grade(submissions, out, *extra):
    return subprocess.run(
        [sys.executable, "-m", "instructor.grade", str(submissions), "--out", str(out),
         "--key", str(KEY_FILE), *extra], cwd=ROOT, capture_output=True, text=True)


@needs_bwrap
@pytest.mark.slow
def test_two_workers_grade_a_class_to_the_same_bytes_as_one_machine(tmp_path, scheduler):
    kinds = classroom(tmp_path / "submissions", 6, seed=1)
    assert {"correct", "mistakes", "blank", "crash"} <= set(kinds.values())
    alone = _grade(tmp_path / "submissions", tmp_path / "alone", "--jobs", "2")
    assert alone.returncode == 0, alone.stderr
    spread = _grade(tmp_path / "submissions", tmp_path / "spread", "--scheduler", scheduler)
    assert spread.returncode == 0, spread.stderr
    assert "by 2 worker(s)" in spread.stdout, spread.stdout[:500]
    one, two = _files(tmp_path / "alone"), _files(tmp_path / "spread")
    assert {"scores.csv", "totals.csv", "notes.csv", "key_fingerprint.txt"} <= set(one)
    assert sum(name.startswith("feedback/") for name in one) == 6 * len(course())
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # the class is graded, not just copied: right answers full marks, a blank copy none
    totals = one["totals.csv"].decode().splitlines()[1:]
    full = {row.split(",")[0] for row in totals if row.split(",")[1] == row.split(",")[2]}
    assert full == {s for s, kind in kinds.items() if kind == "correct"}


def test_a_worker_gets_the_limits_and_the_cases_never_the_key(tmp_path):
    args = argparse.Namespace(cell_timeout=5, timeout=20, memory=2.0, unsandboxed=False,
                              key=KEY_FILE, scheduler="tcp://x:8786", jobs=2, force=False)
    sent = vars(cluster.worker_options(args))
    assert sent == {"cell_timeout": 5, "timeout": 20, "memory": 2.0, "unsandboxed": False}
    notebooks = [cluster.portable(nb) for nb in course()]
    payload = pickle.dumps((sent, notebooks, all_cases(course(), SEED)))
    for secret in (KEY_FILE.read_bytes().strip(), SEED.to_bytes(16, "big"), str(SEED).encode(),
                   f"{SEED:x}".encode()):
        assert secret not in payload
    assert all(isinstance(e, str) for nb in notebooks for e in nb.exercises)


def test_a_worker_writes_feedback_files_only(tmp_path):
    cluster._write(tmp_path, {"feedback/ann/01_zero_initialization.ipynb": b"{}"})
    assert (tmp_path / "feedback" / "ann" / "01_zero_initialization.ipynb").read_bytes() == b"{}"
    for name in ("scores.csv", "feedback/../scores.csv", "/etc/x.ipynb", "feedback//x.ipynb",
                 "feedback/ann/../../x.ipynb", "feedback/ann/x.py", "feedback/a/b/x.ipynb"):
        with pytest.raises(cluster.ClusterProblem, match="feedback file"):
            cluster._write(tmp_path, {name: b"x"})
    assert not (tmp_path / "scores.csv").exists()


def test_unsandboxed_grading_never_goes_through_a_scheduler(tmp_path):
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    result = _grade(tmp_path / "subs", tmp_path / "grades", "--scheduler", "tcp://127.0.0.1:9",
                    "--unsandboxed")
    assert result.returncode == 2
    assert "never through a scheduler" in result.stderr


@needs_bwrap
@pytest.mark.slow
def test_a_worker_without_bubblewrap_refuses_to_start(tmp_path, scheduler):
    env = dict(os.environ, PYTHONPATH=str(ROOT), DASK_DISTRIBUTED__WORKER__DAEMON="False",
               PATH=str(tmp_path))  # no bwrap on this PATH
    result = subprocess.run(
        [str(DASK), "worker", scheduler, "--host", "127.0.0.1", "--nthreads", "1",
         "--no-dashboard", "--local-directory", str(tmp_path), "--preload",
         "instructor.cluster"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode != 0
    assert "Refusing to start a grading worker: bubblewrap (bwrap) is not installed" in (
        result.stderr + result.stdout)
