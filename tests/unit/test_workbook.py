"""The student's workbook (tools/workbook.py): exercises to do, outputs to read, work kept.

Everything is discovered from the course notebooks and their nbgrader metadata, so these tests
hold whatever the cells say.
"""

import datetime
import importlib.util
import json
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from servers import stop

from tools import notebook_format as fmt
from tools.notebook_format import ROOT

SCRIPT = ROOT / "tools" / "workbook.py"
_spec = importlib.util.spec_from_file_location("workbook", SCRIPT)
workbook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(workbook)

COURSE_NOTEBOOKS = fmt.course_notebooks(ROOT / "notebooks")


def regions(source, begin, end):
    """The stripped, non-empty lines inside each ``begin`` ... ``end`` region of ``source``."""
    lines = source.split("\n")
    return [[line.strip() for line in lines[start + 1:stop - 1] if line.strip()]
            for start, stop in fmt.regions(lines, begin, end, "test")]


def secrets_of(course_nb):
    """{grade_id: lines a student must not see} for the answer and check cells of a notebook."""
    hidden = {}
    for cell in course_nb.cells:
        grade_id = fmt.nbgrader_metadata(cell).get("grade_id")
        if grade_id:
            found = regions(cell.source, fmt.BEGIN_SOLUTION, fmt.END_SOLUTION)
            found += regions(cell.source, fmt.BEGIN_HIDDEN, fmt.END_HIDDEN)
            hidden[grade_id] = {line for region in found for line in region}
    return hidden


def assert_no_solution(course_nb, student_nb, name):
    """No marker anywhere, and no solution or hidden-test line in its exercise's cells."""
    text = json.dumps(student_nb)
    for marker in fmt.MARKERS:
        assert marker not in text, f"{name}: {marker!r} is served"
    hidden = secrets_of(course_nb)
    served = {fmt.nbgrader_metadata(c).get("grade_id"): c for c in student_nb["cells"]}
    for grade_id, lines in hidden.items():
        assert grade_id in served, f"{name}: exercise cell {grade_id} is missing"
        source = served[grade_id]["source"]
        source = "".join(source) if isinstance(source, list) else source
        leaked = lines & {line.strip() for line in source.split("\n")}
        assert not leaked, f"{name}, {grade_id}: solution lines served: {sorted(leaked)}"


@pytest.fixture
def course(tmp_path):
    """A copy of the course's notebooks that a test may change."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for path in COURSE_NOTEBOOKS:
        shutil.copy(path, folder)
    return folder


def quiet(message):
    pass


def test_the_course_has_exercises_to_test():
    grade_ids = [fmt.nbgrader_metadata(c).get("grade_id") for p in COURSE_NOTEBOOKS
                 for c in nbformat.read(p, as_version=4).cells]
    assert len(COURSE_NOTEBOOKS) >= 4 and sum(bool(g) for g in grade_ids) >= 8


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_a_copy_holds_placeholders_and_keeps_the_experiments(path):
    course_nb = nbformat.read(path, as_version=4)
    copy_nb = nbformat.reads(workbook.student_copy(path).decode(), as_version=4)
    nbformat.validate(copy_nb)
    assert_no_solution(course_nb, copy_nb, path.name)
    assert len(copy_nb.cells) == len(course_nb.cells)
    answered = []
    for theirs, ours in zip(course_nb.cells, copy_nb.cells, strict=True):
        if fmt.is_answer(ours):
            assert "raise NotImplementedError()" in ours.source
        uses_an_answer = fmt.is_code(theirs) and any(
            re.search(rf"(?<![\w.]){name}\b", theirs.source) for name in answered)
        answered += re.findall(r"(?m)^def (\w+)\(", theirs.source) if fmt.is_answer(theirs) else []
        if fmt.is_answer(ours) or fmt.is_check(ours) or uses_an_answer:
            assert ours.get("outputs", []) == [] and ours.get("execution_count") is None
        else:  # experiment cells: outputs kept for reading before running
            assert ours.get("outputs") == theirs.get("outputs")
            assert ours.source == theirs.source
        if fmt.nbgrader_metadata(ours).get("locked"):
            assert ours.metadata["editable"] is False


def test_no_output_of_a_solution_reaches_the_workbook():
    """Notebook 02 runs the solution of exercise 2.2 in the cell after its check ("your
    prediction"); the copy shows that cell without its output, and every other output kept."""
    path = next(p for p in COURSE_NOTEBOOKS if p.name.startswith("02_"))
    course_nb = nbformat.read(path, as_version=4)
    copy_nb = nbformat.reads(workbook.student_copy(path).decode(), as_version=4)
    using = [i for i, cell in enumerate(course_nb.cells) if fmt.is_code(cell)
             and not fmt.nbgrader_metadata(cell) and "predicted_std(" in cell.source]
    assert using and all(course_nb.cells[i].outputs for i in using)
    assert all(copy_nb.cells[i].outputs == [] for i in using)
    served = json.dumps([cell.get("outputs", []) for cell in copy_nb.cells])
    assert "your prediction" not in served
    assert sum(bool(cell.get("outputs")) for cell in copy_nb.cells) > 10


def test_uses_of_an_answer_are_found_by_name_not_by_substring():
    cells = [nbformat.v4.new_code_cell(text) for text in (
        "he(1)", "initlib.he(2)", "hello(3)", "print(he)", "x = he_normal(4)")]
    assert [fmt.uses_answers(cell, ["he"]) for cell in cells] == [True, False, False, True,
                                                                  False]


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS, ids=lambda p: p.name)
def test_a_copy_matches_what_nbgrader_gives_students(path, tmp_path):
    """The same sources as nbgrader's ClearSolutions + ClearHiddenTests (its release)."""
    preprocessors = pytest.importorskip("nbgrader.preprocessors")
    nb = nbformat.read(path, as_version=4)
    resources = {}
    for step in (preprocessors.ClearSolutions(), preprocessors.ClearHiddenTests()):
        nb, resources = step.preprocess(nb, resources)
    ours = nbformat.reads(workbook.student_copy(path).decode(), as_version=4)
    assert [c.source.rstrip() for c in ours.cells] == [c.source.rstrip() for c in nb.cells]


def test_a_solution_outside_an_answer_cell_is_refused(course):
    path = COURSE_NOTEBOOKS[0]
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 42\n### END SOLUTION"))
    nbformat.write(nb, course / path.name)
    with pytest.raises(workbook.CourseError, match="not an answer cell"):
        workbook.student_copy(course / path.name)


def edit(path, text="# my own note"):
    """What a student does: change a cell and save (here, without nbformat's help)."""
    nb = json.loads(path.read_text())
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": [text]})
    path.write_text(json.dumps(nb, indent=2))


def change_course(path):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A new paragraph of the course."))
    nbformat.write(nb, path)


def test_rebuilding_adds_what_is_missing_and_never_touches_an_edited_copy(course, tmp_path):
    book = tmp_path / "workbook"
    names = [p.name for p in COURSE_NOTEBOOKS]
    assert workbook.build(course, book, say=quiet) == dict.fromkeys(names, "added")
    edited, deleted, other = book / names[0], book / names[1], book / names[2]
    edit(edited)
    mine = edited.read_bytes()
    deleted.unlink()
    (book / "my_experiments.ipynb").write_text("{}")

    outcome = workbook.build(course, book, say=quiet)
    assert outcome[names[0]] == "kept" and outcome[names[1]] == "added"
    assert outcome[names[2]] == "unchanged"
    assert edited.read_bytes() == mine
    assert (book / "my_experiments.ipynb").read_text() == "{}"

    # the course changes under all three: the edited copy is kept and the student told how to
    # get the new version; an untouched copy is brought up to date
    for name in names[:3]:
        change_course(course / name)
    messages = []
    outcome = workbook.build(course, book, say=messages.append)
    assert outcome[names[0]] == "kept, course changed"
    assert outcome[names[2]] == "updated"
    assert edited.read_bytes() == mine
    assert other.read_bytes() == workbook.student_copy(course / names[2])
    told = [m for m in messages if names[0] in m]
    assert len(told) == 1 and f"make reset NOTEBOOK={names[0].split('_')[0]}" in told[0]


def test_reset_backs_up_the_students_copy_then_restores_the_course_version(course, tmp_path):
    book = tmp_path / "workbook"
    workbook.build(course, book, say=quiet)
    name = COURSE_NOTEBOOKS[1].name
    number = name.split("_")[0]
    edit(book / name)
    mine = (book / name).read_bytes()
    when = datetime.datetime(2026, 1, 2, 3, 4, 5)
    backup = workbook.reset(number, course, book, say=quiet, now=when)
    assert backup == book / "backups" / f"{Path(name).stem}.2026-01-02_030405.ipynb"
    assert backup.read_bytes() == mine
    assert (book / name).read_bytes() == workbook.student_copy(course / name)
    # the fresh copy counts as untouched again
    assert workbook.build(course, book, say=quiet)[name] == "unchanged"
    with pytest.raises(workbook.CourseError, match="matches no course notebook"):
        workbook.reset("99", course, book, say=quiet)


@pytest.mark.slow
def test_make_reset_through_the_command_line(course, tmp_path):
    book = tmp_path / "workbook"
    name = COURSE_NOTEBOOKS[0].name
    run = [sys.executable, str(SCRIPT), "--course", str(course), "--workbook", str(book)]
    subprocess.run([*run, "build"], check=True, capture_output=True)
    edit(book / name)
    out = subprocess.run([*run, "reset", name.split("_")[0]], check=True, capture_output=True,
                         text=True).stdout
    assert "backups" in out and len(list((book / "backups").iterdir())) == 1
    bad = subprocess.run([*run, "reset", "nope"], capture_output=True, text=True)
    assert bad.returncode != 0 and "NOTEBOOK='nope'" in bad.stderr


def test_solutions_keep_the_answers_and_drop_the_hidden_tests(tmp_path):
    workbook.write_solutions(ROOT / "notebooks", tmp_path)
    for path in COURSE_NOTEBOOKS:
        text = (tmp_path / path.name).read_text()
        assert fmt.BEGIN_HIDDEN not in text
        course_nb = nbformat.read(path, as_version=4)
        if any(fmt.is_answer(c) for c in course_nb.cells):
            assert fmt.BEGIN_SOLUTION in text


# ---- the server, started the way `make lab` starts it ------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.mark.slow
def test_make_lab_serves_a_fresh_workbook_without_solutions(tmp_path):
    book = tmp_path / "workbook"
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, str(SCRIPT), "lab", "--workbook", str(book), "--no-browser",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}",
               f"--ServerApp.runtime_dir={tmp_path / 'runtime'}"]
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/api/contents"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                listing = get_json(f"{base}?token={token}")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("the lab did not start:\n" + (tmp_path / "lab.log").read_text())
                time.sleep(0.5)
        with pytest.raises(urllib.error.HTTPError):  # the token is required
            urllib.request.urlopen(base, timeout=10)
        served = sorted(item["path"] for item in listing["content"]
                        if item["type"] == "notebook")
        assert served == [p.name for p in COURSE_NOTEBOOKS]
        for path in COURSE_NOTEBOOKS:
            model = get_json(f"{base}/{path.name}?content=1&token={token}")
            assert_no_solution(nbformat.read(path, as_version=4), model["content"], path.name)
    finally:
        stop(server)
        log.close()


@pytest.mark.parametrize("cell", [
    {"cell_type": "code", "metadata": {"nbgrader": []}, "source": "x = 1"},
    {"cell_type": "code", "metadata": {"nbgrader": "solution"}, "source": 3},
    {"metadata": {"nbgrader": {"grade": True, "grade_id": 7}}, "source": "x"},
    {"cell_type": "code", "metadata": [], "source": ["a", 1]},
    {"cell_type": "code"},
    [],
], ids=["list", "text-and-int-source", "no-cell-type", "list-metadata", "bare", "not-a-dict"])
def test_malformed_metadata_means_not_an_nbgrader_cell(cell):
    assert not fmt.is_answer(cell) and not fmt.is_check(cell)
    assert fmt.grade_id(cell) is None
    assert isinstance(fmt.source(cell), str)


def test_the_stub_is_nbgraders():
    """What replaces a solution is what the course's nbgrader configuration says."""
    loader = pytest.importorskip("traitlets.config.loader")
    config = loader.PyFileConfigLoader("nbgrader_config.py",
                                       path=str(ROOT / "instructor")).load_config()
    assert config.ClearSolutions.code_stub["python"] == fmt.CODE_STUB
    assert config.ClearSolutions.text_stub == fmt.MARKDOWN_STUB
