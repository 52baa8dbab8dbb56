"""Every relative link in every notebook works wherever the notebooks are served.

The notebooks are served from three folders: the student's workbook, the solutions, and
nbgrader's release folder. Each holds the course notebooks side by side and nothing else, so the
rule is: a relative link names another course notebook by its file name (optionally with
``#a-heading``), and anything else (the README, the package's source, the web) is linked by a
full https address or named in plain text. A heading anchor must exist in its notebook.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# [text](target "title"), ![alt](target), <a href="...">, <img src="...">
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
EXPLICIT_ANCHOR = re.compile(r"""<a\s+(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def links(nb):
    """(cell index, target) of every link in the notebook's markdown cells."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"`[^`]*`", "", cell.source)  # code spans are not links
        found += [(i, target) for target in MARKDOWN_LINK.findall(text)]
        found += [(i, target) for target in HTML_LINK.findall(text)]
    return found


def anchors(nb):
    """The anchors JupyterLab gives a notebook's headings (spaces become '-'), and explicit ones."""
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for heading in HEADING.findall(cell.source):
                plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
                plain = re.sub(r"[*_`]", "", plain).strip()
                found.add(plain.replace(" ", "-"))
            found |= set(EXPLICIT_ANCHOR.findall(cell.source))
    return found


def test_there_are_links_to_check():
    assert NOTEBOOKS and sum(len(links(nbformat.read(p, as_version=4))) for p in NOTEBOOKS) > 0


def link_problems(nb, name, course):
    """What is wrong with each relative link of notebook ``name``; ``course``: {name: notebook}."""
    problems = []
    for cell, target in links(nb):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("https", "http", "mailto"):
                problems.append(f"cell {cell}: {target!r} uses scheme {parts.scheme!r}")
            continue
        file = unquote(parts.path)
        if file and file not in course:
            problems.append(
                f"cell {cell}: {target!r} is not a course notebook beside this one (a relative "
                "link may name only another notebook of the course, e.g. "
                f"'{min(course)}'; link anything else by its https address)")
            continue
        if parts.fragment and unquote(parts.fragment) not in anchors(course[file] if file else nb):
            problems.append(f"cell {cell}: {target!r}: no heading with anchor "
                            f"#{parts.fragment} in {file or name}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_relative_links_name_a_course_notebook_and_an_existing_heading(path):
    course = {p.name: nbformat.read(p, as_version=4) for p in NOTEBOOKS}
    problems = link_problems(course[path.name], path.name, course)
    assert not problems, "\n".join(problems)


def test_the_rule_catches_a_link_outside_the_served_folder():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A title\nSee [the README](../README.md), "
                                      "[data](data/x.csv), [here](#A-title), "
                                      "[`code`](#Nowhere) and "
                                      "<a href='https://example.org'>this</a>.")])
    assert [t for _, t in links(nb)] == ["../README.md", "data/x.csv", "#A-title", "#Nowhere",
                                         "https://example.org"]
    assert anchors(nb) == {"A-title"}
    problems = link_problems(nb, "new.ipynb", {"new.ipynb": nb})
    assert len(problems) == 3
    assert "'../README.md' is not a course notebook" in problems[0]
    assert "'data/x.csv' is not a course notebook" in problems[1]
    assert "no heading with anchor #Nowhere" in problems[2]
