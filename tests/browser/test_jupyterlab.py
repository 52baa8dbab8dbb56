"""The course in a real browser: JupyterLab started the way `make lab` starts it, in Chromium.

Two walks, each on a server started by ``tools/workbook.py`` (as `make lab` and
`make solutions` do) on a free localhost port with a token, in temporary folders:

- the student's path: in a freshly built workbook, open notebook 01, run the check of
  exercise 1.1 on the placeholder ("not attempted yet"), type a wrong answer (transposed
  shapes) and read the specific feedback, type a correct one and see PASSED;
- the explorer: in the solved notebooks, run notebook 04, check that no error appears and that
  the explorer renders, change a control and check that the view updates. Screenshots go to
  ``artifacts/``.

Headless Chromium is Debian's package, driven through Playwright with ``executable_path`` (no
browser is downloaded). Skipped, with the reason, when Chromium or Playwright is missing
(`make test-browser` installs Playwright; `apt-get install chromium` installs the browser).
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from servers import stop

from initlib.exercises import by_number
from tools import notebook_format as fmt
from tools.notebook_format import ROOT

SCRIPT = ROOT / "tools" / "workbook.py"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    pytest.skip("browser test skipped: Chromium is not installed (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="browser test skipped: Playwright is not installed "
                                      "(pip install -e '.[browser]')")

# exercise 1.1's function is fixed by the course: initialize_zeros(layer_dims) -> params.
# This answer builds each W_l as (n_{l-1}, n_l), the transpose of the course's convention.
TRANSPOSED_ANSWER = """\
def initialize_zeros(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l - 1], layer_dims[l]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(tmp_path, command):
    """Run ``tools/workbook.py command`` (which serves a folder); return (base, token, process)."""
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, str(SCRIPT), *command, "--no-browser",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.runtime_dir={tmp_path / 'runtime'}",
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    log_path = tmp_path / "jupyterlab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                pytest.fail("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
    with pytest.raises(urllib.error.HTTPError):  # the token is required
        urllib.request.urlopen(f"{base}/api/contents", timeout=5)
    return base, token, server




@pytest.fixture
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def workbook_lab(tmp_path):
    """`make lab` on a fresh workbook in tmp_path/workbook."""
    base, token, server = start_lab(tmp_path, ["lab", "--workbook", str(tmp_path / "workbook")])
    yield base, token, tmp_path / "workbook"
    stop(server)


@pytest.fixture
def solutions_lab(tmp_path):
    """`make solutions` in tmp_path/solutions."""
    base, token, server = start_lab(tmp_path, ["solutions", "--solutions",
                                               str(tmp_path / "solutions")])
    yield base, token
    stop(server)


def open_notebook(browser, base, token, name):
    """A page with notebook ``name`` open (and no other) and its kernel connected."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="attached", timeout=90_000)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        ".connectionStatus === 'connected'", timeout=90_000)
    assert page.evaluate("window.jupyterapp.shell.currentWidget.context.path") == name
    return page


def cells(page):
    """The cells of the notebook shown, in order."""
    panel = page.evaluate("window.jupyterapp.shell.currentWidget.id")
    return page.locator(f"[id='{panel}'] .jp-Notebook .jp-Cell")


def run(page, index, command="notebook:run-cell"):
    """Make cell ``index`` active and run ``command`` on it; wait until it has finished."""
    page.evaluate(
        """async ([index, command]) => {
            const notebook = window.jupyterapp.shell.currentWidget.content;
            notebook.activeCellIndex = index;
            notebook.mode = 'command';
            await window.jupyterapp.commands.execute(command);
        }""", [index, command])


def output_of(page, index):
    return cells(page).nth(index).locator(".jp-OutputArea").inner_text()


def wait_for_output(page, index, text, timeout=60_000):
    """Wait until cell ``index``'s output shows ``text`` (outputs render after the reply)."""
    sync_api.expect(cells(page).nth(index).locator(".jp-OutputArea")).to_contain_text(
        text, timeout=timeout)
    return output_of(page, index)


def type_into(page, index, text):
    """Click into cell ``index``, select its text and type ``text`` over it, as a student does."""
    cell = cells(page).nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)  # as a paste: no auto-indentation of the typed lines
    source = page.evaluate(
        "i => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel"
        ".getSource()", index)
    assert source == text


def exercise_cells(nb, number):
    """Indices of exercise ``number``'s answer cell and check cell, from their grade_ids
    (the exercise registry names them; tools/notebook_format reads nbgrader's metadata)."""
    exercise = by_number(number)
    ids = [fmt.grade_id(cell) for cell in nb.cells]
    answer, check = ids.index(exercise.answer_id), ids.index(exercise.check_id)
    assert fmt.is_answer(nb.cells[answer]) and fmt.is_check(nb.cells[check]) and answer < check
    return answer, check


def test_a_student_answers_exercise_1_1_in_the_workbook(workbook_lab, browser):
    base, token, book = workbook_lab
    name = next(p.name for p in sorted(book.glob("*.ipynb")) if p.name.startswith("01"))
    answer, check = exercise_cells(nbformat.read(book / name, as_version=4), "1.1")
    correct = fmt.solution(nbformat.read(ROOT / "notebooks" / name, as_version=4).cells[answer])

    page = open_notebook(browser, base, token, name)
    run(page, answer, "notebook:run-all-above")  # what a student has run before the exercise

    run(page, answer)  # the placeholder, as the workbook gives it
    run(page, check)
    wait_for_output(page, check, "not attempted yet")

    type_into(page, answer, TRANSPOSED_ANSWER)
    run(page, answer)
    run(page, check)
    feedback = wait_for_output(page, check, "transposed")
    assert "NOT YET" in feedback and "PASSED  Exercise" not in feedback, feedback
    assert "Traceback" not in feedback and "checks.py" not in feedback, feedback
    assert feedback.count("transposed") == 1, feedback  # the message once, not printed twice

    type_into(page, answer, correct)
    run(page, answer)
    run(page, check)
    wait_for_output(page, check, "PASSED")
    ARTIFACTS.mkdir(exist_ok=True)
    cells(page).nth(check).screenshot(
        path=str(ARTIFACTS / "exercise_1_1.png"))


def test_notebook_04_runs_and_the_explorer_responds(solutions_lab, browser):
    base, token = solutions_lab
    ARTIFACTS.mkdir(exist_ok=True)
    name = "04_comparison.ipynb"
    expected_errors = {i for i, cell in enumerate(nbformat.read(ROOT / "notebooks" / name,
                                                                as_version=4).cells)
                       if "raises-exception" in cell.metadata.get("tags", [])}
    page = open_notebook(browser, base, token, name)
    run(page, 0, "notebook:clear-all-cell-outputs")
    run(page, 0, "notebook:run-all-cells")  # returns when every cell has run

    shown = cells(page)
    assert shown.count() == len(nbformat.read(ROOT / "notebooks" / name, as_version=4).cells)
    for i in range(shown.count()):
        errors = shown.nth(i).locator(".jp-OutputArea-output[data-mime-type="
                                      "'application/vnd.jupyter.stderr']")
        if i not in expected_errors:
            assert errors.count() == 0, f"cell {i}: {errors.first.inner_text()}"

    explorer = page.locator(".initlib-explorer")
    explorer.wait_for(timeout=30_000)
    image = explorer.locator("img").first
    image.wait_for(timeout=30_000)
    summary = explorer.get_by_text("Activation std, layer")
    before_src, before_text = image.get_attribute("src"), summary.inner_text()
    assert "layer 20 / layer 1" in before_text

    assert image.get_attribute("alt").startswith("Four panels")  # the figure's text alternative

    explorer.locator("select").first.select_option("random")  # scale 0.01
    page.wait_for_function(  # each update draws a new <img>
        "old => document.querySelector('.initlib-explorer img').getAttribute('src') !== old",
        arg=before_src, timeout=30_000)
    page.wait_for_function(
        "([el, old]) => el.textContent !== old",
        arg=[summary.element_handle(), before_text], timeout=30_000)
    after_text = summary.inner_text()
    ratio = float(re.search(r"layer \d+ / layer 1: (\S+?)\.(\s|$)", after_text)[1])
    assert ratio < 1e-10, after_text  # scale 0.01: the signal collapses

    explorer.scroll_into_view_if_needed()
    explorer.screenshot(path=str(ARTIFACTS / "explorer.png"))
    page.screenshot(path=str(ARTIFACTS / "notebook04.png"))
