"""The course's website, built once for the browser tests, and what they share to read it.

The site is built as `make site` builds it, from a fresh copy of the repository (its files
under version control, nothing generated), and served on a free localhost port. Pages are
opened in headless Chromium (the ``browser`` fixture of ``test_jupyterlab.py``) at a given
width and colour scheme, with every request that leaves the machine blocked and recorded.
"""

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
PHONE, TABLET, DESKTOP = 390, 768, 1280  # viewport widths, CSS pixels
sys.path.insert(0, str(ROOT / "docs"))
import build_site  # noqa: E402


def fresh_copy(target):
    """Copy the repository's files (tracked, or new and not ignored) into ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
        elif source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).symlink_to(source.readlink())
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built in a fresh copy, served on localhost: (base URL, its folder)."""
    copy = fresh_copy(tmp_path_factory.mktemp("clone"))
    assert not (copy / "site").exists()
    built = subprocess.run([sys.executable, "docs/build_site.py"], cwd=copy,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    html = copy / "site" / "_build" / "html"
    handler = functools.partial(QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", html
    server.shutdown()
    server.server_close()


def notebook_pages():
    """The notebooks' pages, in the course's order."""
    return [f"notebooks/{p.stem}.html" for p in build_site.course_notebooks()]


def pages():
    """Every page of the site: the home page, each notebook, the evidence report ("How sure
    are we?", once `make claims` has written it), the search page."""
    evidence = ["how_sure.html"] if build_site.EVIDENCE_PAGE.is_file() else []
    return ["index.html", *notebook_pages(), *evidence, "search.html"]


def local_only(page):
    """Block every request that would leave the machine; return the list of those tried."""
    outside = []

    def route(request_route):
        url = request_route.request.url
        if re.match(r"^(https?://(127\.0\.0\.1|localhost)[:/]|data:|blob:|about:)", url):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    page.route("**/*", route)
    return outside


def open_page(browser, url, width=DESKTOP, scheme="light"):
    """``url`` in a new page ``width`` CSS pixels wide, the system in colour ``scheme``
    (the theme follows it), once its formulas are typeset: (page, requests blocked)."""
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    outside = local_only(page)
    page.goto(url, wait_until="load")
    if "/notebooks/" in url:  # formulas typeset by the site's own MathJax
        page.wait_for_function("() => window.MathJax && MathJax.startup"
                               " && MathJax.startup.promise", timeout=30_000)
        page.evaluate("() => MathJax.startup.promise")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    return page, outside


def axe(page, context="document"):
    """axe-core's violations on the page (or in the elements of a CSS ``context``)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (context) => {
            const target = context === 'document' ? document : {include: [[context]]};
            const result = await axe.run(target, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.html.slice(0, 160))}));
        }""", context)


def describe(violations):
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. "
                     f"{v['nodes'][0]})" for v in violations)
