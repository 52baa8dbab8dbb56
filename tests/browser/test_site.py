"""The course's website and its workbook in a real browser, audited for accessibility.

The site is built as `make site` builds it (``conftest.py``: from a fresh copy, served on
localhost, every request that leaves the machine blocked). On each page, in light and in dark
mode:

- axe-core (the npm package, installed into ``tests/browser/node_modules`` by
  ``npm ci --prefix tests/browser``; ``make test-browser`` and ``.ci/run`` do it) finds no
  serious or critical violation (every violation is counted in ``artifacts/axe-site.json``);
- every image has a real text alternative (not empty, not its file name);
- no line of any solution appears (the solutions are read from the course's notebooks), nor in
  the notebook each page offers for download, which is the student's copy;
- nothing is fetched from outside the machine.

The same audit runs on JupyterLab's view of notebook 01, run there, where what is the course's
(the notebook's content: Markdown and outputs, every figure an <img> with its alt text) must
pass and what is JupyterLab's own is written to ``artifacts/axe-jupyterlab.json`` and printed.
"""

import json
import urllib.request

import nbformat
import pytest
from conftest import AXE, BLOCKING, axe, build_site, describe, open_page, pages
from test_jupyterlab import ARTIFACTS, open_notebook, run
from test_jupyterlab import browser as browser  # noqa: F401  (the fixtures)
from test_jupyterlab import solutions_lab as solutions_lab  # noqa: F401

from tools import workbook

if not AXE.exists():
    pytest.skip("site audit skipped: axe-core is not installed "
                "(npm ci --prefix tests/browser, which make test-browser runs)",
                allow_module_level=True)

SCHEMES = ("light", "dark")
AXE_COUNTS = {}  # (page, scheme) -> {impact: rules violated}, kept in artifacts/axe-site.json


@pytest.fixture(scope="module", autouse=True)
def axe_report():
    yield
    if AXE_COUNTS:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "axe-site.json").write_text(json.dumps(
            {f"{name} ({scheme})": counts for (name, scheme), counts in AXE_COUNTS.items()},
            indent=1))


def test_every_notebook_is_a_page_in_course_order(site, browser):
    base, _ = site
    page, _ = open_page(browser, f"{base}/index.html")
    titles = page.locator("nav.bd-links a").all_inner_texts()
    links = page.locator("nav.bd-links a").evaluate_all("els => els.map(e => e.href)")
    expected = [f"{p.stem}.html" for p in build_site.course_notebooks()]
    shown = [link.rsplit("/", 1)[-1] for link in links if "/notebooks/" in link]
    assert shown == expected, titles
    assert page.locator("h1:visible").count() == 1  # (the theme adds one for print)
    # the search works offline: a word of notebook 03's title finds its page
    page.goto(f"{base}/search.html?q=He+initialization", wait_until="load")
    page.wait_for_selector("#search-results li", timeout=30_000)
    found = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.href)")
    assert any("03_he_initialization" in href for href in found), found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", pages(), ids=lambda name: name.rsplit("/", 1)[-1])
def test_the_page_passes_axe_offline(site, browser, name, scheme):
    base, _ = site
    url = f"{base}/{name}" + ("?q=initialization+scale" if name == "search.html" else "")
    page, outside = open_page(browser, url, scheme=scheme)
    if "notebooks/" in name:
        assert page.locator("mjx-container").count() > 0
    if name == "search.html":  # the results, with their highlighted words
        page.wait_for_selector("#search-results li p.context span.highlighted", timeout=30_000)
    violations = axe(page)
    AXE_COUNTS[name, scheme] = {impact: sorted(v["id"] for v in violations
                                               if v["impact"] == impact)
                                for impact in ("minor", "moderate", "serious", "critical")}
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{name} ({scheme}):\n{describe(blocking)}"
    assert not outside, f"{name} fetched from outside the machine: {outside}"


@pytest.mark.parametrize("name", pages(), ids=lambda name: name.rsplit("/", 1)[-1])
def test_every_image_has_real_alt_text(site, browser, name):
    base, _ = site
    page, _ = open_page(browser, f"{base}/{name}")
    images = page.locator("img").evaluate_all(
        "els => els.map(e => [e.getAttribute('src'), e.getAttribute('alt')])")
    bad = [src for src, alt in images
           if not (alt or "").strip() or alt.strip().rsplit("/", 1)[-1] == src.rsplit("/", 1)[-1]]
    assert not bad, f"{name}: {len(bad)} of {len(images)} images without a text alternative"


def test_no_page_holds_a_line_of_a_solution(site, browser):
    base, html = site
    secret = build_site.solution_lines()
    assert len(secret) >= 10  # the course's solutions were found
    page, _ = open_page(browser, f"{base}/index.html")
    for name in pages():
        page.goto(f"{base}/{name}", wait_until="load")
        text = page.locator("body").inner_text()
        assert not build_site.leaked_lines(text, secret), name
        source = (html / name).read_text()  # hidden text and attributes too
        assert not build_site.leaked_lines(source, secret), name
    # the exercises are there, as placeholders with the check's feedback
    page.goto(f"{base}/notebooks/01_zero_initialization.html", wait_until="load")
    body = page.locator("body").inner_text()
    assert "raise NotImplementedError()" in body
    assert "not attempted yet" in body


def test_each_notebook_page_downloads_its_student_copy(site, browser):
    base, _ = site
    secret = build_site.solution_lines()
    page, _ = open_page(browser, f"{base}/index.html")
    for path in build_site.course_notebooks():
        page.goto(f"{base}/notebooks/{path.stem}.html", wait_until="load")
        link = page.get_by_role("link", name=build_site.DOWNLOAD_TEXT)
        assert link.count() == 1 and link.is_visible(), path.name
        # under the title, before the first section
        assert link.evaluate("a => a.closest('section').querySelector('h1') !== null"
                             " && a.compareDocumentPosition(a.closest('section')"
                             ".querySelector('h1')) === Node.DOCUMENT_POSITION_PRECEDING")
        href = link.evaluate("a => a.href")
        assert href.endswith(f"/{path.name}") and link.get_attribute("download") is not None
        with urllib.request.urlopen(href, timeout=10) as response:
            data = response.read()
        assert data == workbook.student_copy(path), path.name  # what `make lab` gives
        cells = nbformat.reads(data.decode(), as_version=4).cells
        text = "\n".join(cell.source for cell in cells)
        assert not build_site.leaked_lines(text, secret), path.name
        assert "### BEGIN SOLUTION" not in text
        assert text.count("raise NotImplementedError") >= 1, path.name  # the exercises to do


def test_jupyterlab_shows_the_course_with_alt_text_and_passes_axe(solutions_lab, browser):
    """Notebook 01 run in JupyterLab (the outputs that ``initlib`` makes now, not the stored
    ones), then audited: every figure's <img> carries its description, and the notebook's
    content has no serious or critical violation."""
    base, token = solutions_lab
    name = next(p.name for p in build_site.course_notebooks() if p.name.startswith("01"))
    page = open_notebook(browser, base, token, name)
    run(page, 0, "notebook:clear-all-cell-outputs")
    run(page, 0, "notebook:run-all-cells")  # returns when every cell has run
    figures = page.locator(".jp-NotebookPanel .jp-OutputArea-output img")
    figures.first.wait_for(state="attached", timeout=60_000)
    alts = figures.evaluate_all("els => els.map(e => e.getAttribute('alt'))")
    assert len(alts) >= 3 and all(alt and alt.strip() for alt in alts), alts
    # shown at (nearly) their own size, so their smallest text stays 11 px (12.5 px drawn)
    page.wait_for_function("() => [...document.querySelectorAll('.jp-OutputArea-output img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    scales = figures.evaluate_all("els => els.map(e => e.clientWidth / e.naturalWidth)")
    assert min(scales) >= 11 / 12.5, scales
    everything = axe(page)
    ours = axe(page, ".jp-NotebookPanel .jp-Notebook")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-jupyterlab.json").write_text(json.dumps(
        {"whole page": everything, "notebook content": ours}, indent=1))
    print("\nJupyterLab's own (not the course's) axe violations:\n"
          + describe([v for v in everything if v["id"] not in {o["id"] for o in ours}]))
    content = [v for v in ours if v["impact"] in BLOCKING
               and any("jp-Rendered" in n or "jp-OutputArea" in n for n in v["nodes"])]
    assert not content, describe(content)
