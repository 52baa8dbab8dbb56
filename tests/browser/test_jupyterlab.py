"""The course in a real browser: JupyterLab serves notebook 04, Chromium runs it.

Starts JupyterLab from this environment on a free localhost port with a token, drives
headless Chromium (Debian's package, through Playwright with ``executable_path``; no browser
is downloaded) to open notebook 04, run all cells, check that no error appears and that the
explorer renders, change a control and check that the view updates. Saves a screenshot to
``artifacts/explorer.png``. The server is always stopped.

Skipped, with the reason, when Chromium or Playwright is missing (`make test-browser`
installs Playwright; `apt-get install chromium` installs the browser).
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on a free localhost port; yields its base URL and token."""
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={ROOT / 'notebooks'}",
               "--LabApp.expose_app_in_browser=True",
               f"--ServerApp.runtime_dir={tmp_path / 'runtime'}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(tmp_path / "jupyterlab.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("JupyterLab did not start:\n"
                                + (tmp_path / "jupyterlab.log").read_text()[-3000:])
                time.sleep(0.5)
        # the token is required: without it the API refuses
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/api/contents", timeout=5)
        yield base, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_notebook_04_runs_and_the_explorer_responds(jupyterlab):
    base, token = jupyterlab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/04_comparison.ipynb?token={token}")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                " && window.jupyterapp.shell.currentWidget.sessionContext"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                ".connectionStatus === 'connected'", timeout=90_000)
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

            # every code cell finished: no "[*]" prompt left and the last prompt has a number
            page.wait_for_function(
                """() => {
                    const prompts = [...document.querySelectorAll(
                        '.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')];
                    return prompts.length > 0
                        && prompts.every(p => !p.textContent.includes('*'))
                        && /\\[\\d+\\]/.test(prompts[prompts.length - 1].textContent);
                }""", timeout=180_000)

            errors = page.locator(".jp-OutputArea-output[data-mime-type="
                                  "'application/vnd.jupyter.stderr']")
            assert errors.count() == 0, errors.first.inner_text()

            explorer = page.locator(".initlib-explorer")
            explorer.wait_for(timeout=30_000)
            image = explorer.locator("img").first
            image.wait_for(timeout=30_000)
            summary = explorer.get_by_text("Activation std, layer")
            before_src, before_text = image.get_attribute("src"), summary.inner_text()
            assert "layer 20 / layer 1" in before_text

            explorer.locator("select").first.select_option("random")  # scale 0.01
            page.wait_for_function(
                "([el, old]) => el.getAttribute('src') !== old",
                arg=[image.element_handle(), before_src], timeout=30_000)
            page.wait_for_function(
                "([el, old]) => el.textContent !== old",
                arg=[summary.element_handle(), before_text], timeout=30_000)
            after_text = summary.inner_text()
            ratio = float(re.search(r"layer \d+ / layer 1: (\S+?)\.(\s|$)", after_text)[1])
            assert ratio < 1e-10, after_text  # scale 0.01: the signal collapses

            explorer.scroll_into_view_if_needed()
            explorer.screenshot(path=str(ARTIFACTS / "explorer.png"))
            page.screenshot(path=str(ARTIFACTS / "notebook04.png"))
        finally:
            browser.close()
