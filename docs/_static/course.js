/* The course site's small repairs to its theme (sphinx-book-theme on pydata-sphinx-theme).
 *
 * 1. The sidebar toggles. Each page has two "primary" toggles (the navigation) and two
 *    "secondary" ones (the page's contents): one in the theme's hidden top bar, one in the
 *    article's header, which is the one a reader sees. The themes' scripts listen to the first
 *    of each pair only, so the visible button did nothing, on a phone and on a desktop. Here a
 *    click on any later button of a pair (a tap, Enter or Space: a button turns them into a
 *    click) is handed to the first, whose listeners open the menu (a dialog on a narrow screen)
 *    or hide the sidebar (on a wide one).
 * 2. The site's title, a link home at the top of the navigation, sat in no landmark (a
 *    screen reader's list of regions missed it; axe-core's "region"): it gets its own.
 * 3. Search snippets. Sphinx's search shows the text at the start of a page's main element,
 *    which on this theme begins with the article's toolbar ("System Settings Light Dark") and a
 *    print-only table of contents; the snippet is taken from the article itself instead.
 */
(function () {
  "use strict";

  function forwardToggles() {
    for (const kind of ["primary-toggle", "secondary-toggle"]) {
      const [bound, ...others] = document.querySelectorAll(`button.${kind}`);
      for (const button of others) {
        button.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation();
          bound.click();
        });
      }
    }
  }

  // the theme's chrome inside the main element: toolbar, print-only copy of the page's
  // contents, the previous/next links
  const NOT_PAGE_TEXT = [".headerlink", "script", "style", ".bd-header-article",
    "#jb-print-docs-body", ".onlyprint", ".prev-next-area", "footer", "button"];

  function pageText(htmlString, anchor) {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    for (const selector of NOT_PAGE_TEXT) {
      page.querySelectorAll(selector).forEach((element) => element.remove());
    }
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) return "";
    if (anchor) {
      const part = article.querySelector(anchor);
      if (part) return part.textContent;
    }
    return article.textContent;
  }

  function landmarkForTheTitle() {
    document.querySelectorAll(".bd-sidebar-primary .navbar-brand").forEach((link) => {
      const item = link.closest(".sidebar-primary-item");
      if (item && !item.closest("nav, [role]")) {
        item.setAttribute("role", "navigation");
        item.setAttribute("aria-label", "Home");
      }
    });
  }

  function start() {
    forwardToggles();
    landmarkForTheTitle();
    if (window.Search && typeof window.Search.htmlToText === "function") {
      window.Search.htmlToText = pageText;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
