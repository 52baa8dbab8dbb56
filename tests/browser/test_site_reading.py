"""Reading the course's website on a phone, a tablet and a desktop, and with the keyboard.

The site is built and served by ``conftest.py``; each test opens its pages in headless
Chromium at 390 (a phone), 768 and 1280 CSS pixels:

- the navigation opens from its toggle by click, tap, Enter and Space, and leads to every
  notebook; the page's contents open from theirs on a phone;
- every control the keyboard reaches shows a focus ring;
- no figure leaves the text column and no page scrolls sideways;
- every formula renders as JupyterLab renders it (no literal backslash), and neither formulas
  nor code blocks that do not scroll are tab stops;
- the search's snippets start with the page's text, and code cells have a copy button that
  copies the cell.
"""

import pytest
from conftest import DESKTOP, PHONE, TABLET, notebook_pages, open_page
from test_jupyterlab import browser as browser  # noqa: F401  (the fixture)
from test_jupyterlab import sync_api

FIRST, LAST = notebook_pages()[0], notebook_pages()[-1]
PRIMARY = ".header-article-items .primary-toggle"  # the navigation toggle a reader sees
SECONDARY = ".header-article-items .secondary-toggle"  # the page's contents


def menu_links(page):
    """The notebooks' links of the navigation opened as a dialog (a phone's menu)."""
    return page.locator("#pst-primary-sidebar-modal[open] nav.bd-links a")


def activate(page, selector, how):
    """Press the control at ``selector`` as a reader does: ``click``, ``tap``, ``Enter`` or
    ``Space`` (the last two from the keyboard, the control focused by Tab order's means)."""
    control = page.locator(selector)
    if how == "click":
        control.click()
    elif how == "tap":
        control.tap()
    else:
        control.focus()
        page.keyboard.press(how)


@pytest.mark.parametrize("how", ["click", "tap", "Enter", "Space"])
def test_on_a_phone_the_menu_opens_and_leads_to_every_notebook(site, browser, how):
    base, _ = site
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/{FIRST}", wait_until="load")
    toggle = page.locator(PRIMARY)
    assert toggle.is_visible()
    assert not page.locator("nav.bd-links a").first.is_visible()  # the menu starts closed
    activate(page, PRIMARY, how)
    links = menu_links(page)
    links.first.wait_for(state="visible", timeout=5_000)
    shown = [href.rsplit("/", 1)[-1].split("#")[0]
             for href in links.evaluate_all("els => els.map(e => e.href)")]
    notebooks = [p.rsplit("/", 1)[-1] for p in notebook_pages()]
    assert [name for name in shown if name in notebooks] == notebooks  # every one, in order
    links.nth(shown.index(notebooks[-1])).click()  # followed: the last notebook opens
    page.wait_for_url(f"**/{LAST}")
    assert page.locator("h1:visible").first.inner_text().startswith("6.")
    context.close()


def test_on_a_phone_the_contents_open_and_escape_closes_them(site, browser):
    base, _ = site
    page, _ = open_page(browser, f"{base}/{FIRST}", width=PHONE)
    activate(page, SECONDARY, "Enter")
    contents = page.locator("#pst-secondary-sidebar-modal[open] nav.page-toc a")
    contents.first.wait_for(state="visible", timeout=5_000)
    assert contents.count() >= 3
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('#pst-secondary-sidebar-modal').open")
    # focus returns to the toggle, so the reader goes on where they were
    assert page.evaluate("document.activeElement.matches('.header-article-items"
                         " .secondary-toggle')")


def test_on_a_desktop_the_toggle_hides_and_shows_the_navigation(site, browser):
    base, _ = site
    page, _ = open_page(browser, f"{base}/{FIRST}", width=DESKTOP)
    sidebar = page.locator("#pst-primary-sidebar nav.bd-links")
    sync_api.expect(sidebar).to_be_visible()
    for how, visible in (("click", False), ("Enter", True), ("Space", False)):
        activate(page, PRIMARY, how)
        if visible:
            sync_api.expect(sidebar).to_be_visible()
        else:
            sync_api.expect(sidebar).to_be_hidden()


FOCUS_RING = """e => {
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_every_control_the_keyboard_reaches_shows_a_focus_ring(site, browser, width):
    base, _ = site
    page, _ = open_page(browser, f"{base}/{FIRST}", width=width)
    seen, without, toggle_reached = 0, [], False
    for _ in range(60):  # the page's controls from the top: header, links, code, outputs
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if focused.evaluate("e => e === document.body || !e.getClientRects().length"):
            continue
        seen += 1
        toggle_reached |= focused.evaluate(f"e => e.matches('{PRIMARY}')")
        if not focused.evaluate(FOCUS_RING):
            without.append(focused.evaluate("e => e.outerHTML.slice(0, 120)"))
    assert seen >= 20
    assert not without, without
    assert toggle_reached  # the navigation's toggle among them, with its ring


@pytest.mark.parametrize("width", [PHONE, TABLET, DESKTOP])
def test_no_figure_leaves_the_column_and_no_page_scrolls_sideways(site, browser, width):
    base, _ = site
    page, _ = open_page(browser, f"{base}/index.html", width=width)
    figures = 0
    for name in ["index.html", *notebook_pages()]:
        page.goto(f"{base}/{name}", wait_until="load")
        page.wait_for_function("() => [...document.images].every(i => i.complete)")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width} px is {wide} px wide"
        outside = page.evaluate("""() => {
            const column = document.querySelector('article.bd-article').getBoundingClientRect();
            return [...document.querySelectorAll('article img')].filter(img => {
                const box = img.getBoundingClientRect();
                return box.left < column.left - 0.5 || box.right > column.right + 0.5;
            }).map(img => img.alt.slice(0, 60));
        }""")
        assert not outside, f"{name} at {width} px: figures outside the column: {outside}"
        figures += page.locator("div.cell_output img").count()
    assert figures >= 10


MATH_TEXTS_WITH_A_BACKSLASH = """() => {
    const shown = [];
    for (const math of MathJax.startup.document.math) {
        const mml = MathJax.startup.toMML(math.root);
        for (const [, text] of mml.matchAll(/<mtext[^>]*>([^<]*)<\\/mtext>/g)) {
            if (text.includes('\\\\')) shown.push(text);
        }
    }
    return shown;
}"""


def test_formulas_render_with_no_literal_backslash_and_are_no_tab_stops(site, browser):
    base, _ = site
    page, _ = open_page(browser, f"{base}/index.html")
    texts = 0
    for name in notebook_pages():
        page.goto(f"{base}/{name}", wait_until="load")
        page.wait_for_function("() => window.MathJax && MathJax.startup"
                               " && MathJax.startup.promise", timeout=30_000)
        page.evaluate("() => MathJax.startup.promise")
        assert page.locator("mjx-container").count() > 0, name
        assert page.evaluate(MATH_TEXTS_WITH_A_BACKSLASH) == [], name
        assert page.locator("mjx-merror").count() == 0, name
        texts += page.evaluate("() => [...MathJax.startup.document.math]"
                               ".filter(m => m.math.includes('\\\\text{fan\\\\_')).length")
        stops = page.evaluate("""() => [...document.querySelectorAll('article *')]
            .filter(e => e.tabIndex >= 0 && !e.matches('a[href], button, input, select, textarea'))
            .map(e => [e.tagName, e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight,
                       e.outerHTML.slice(0, 80)])""")
        not_scrolling = [html for tag, scrolls, html in stops if not scrolls]
        assert not not_scrolling, f"{name}: tab stops that do not scroll: {not_scrolling}"
        assert not [html for tag, _, html in stops if tag.startswith("MJX")], name
    assert texts >= 20  # the formulas that showed "fan\_in" before are among them


def test_search_snippets_start_with_the_page_text(site, browser):
    base, _ = site
    page, _ = open_page(browser, f"{base}/search.html?q=initialization")
    page.wait_for_selector("#search-results li p.context", timeout=30_000)
    results = page.locator("#search-results li")
    assert results.count() >= 6
    for i in range(results.count()):
        snippet = results.nth(i).locator("p.context").inner_text().strip()
        assert snippet, i
        for chrome in ("System Settings", "Light", "Dark", "Contents", "Print to PDF"):
            assert not snippet.startswith(chrome), snippet
        assert "initialization" in snippet.lower(), snippet


def test_code_cells_have_a_copy_button_that_copies_the_cell(site, browser):
    base, _ = site
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}/{FIRST}", wait_until="load")
    code = page.locator("div.cell_input div.highlight pre")
    buttons = page.locator("div.cell_input button.copybtn")
    buttons.first.wait_for(state="attached")
    assert buttons.count() == code.count() >= 5
    assert page.locator("div.cell_output button.copybtn").count() == 0  # not on outputs
    button = buttons.nth(1)
    assert button.evaluate("b => b.textContent.trim() || b.getAttribute('aria-label')")
    button.focus()  # seen from the keyboard (the theme shows it under the mouse only)
    page.wait_for_function("b => getComputedStyle(b).opacity === '1'", arg=button.element_handle())
    page.keyboard.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == code.nth(1).inner_text().strip()
    assert len(copied.strip()) > 10
    context.close()

