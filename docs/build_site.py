"""Build the course's website: the workbook's notebooks as pages, from their stored outputs.

    python docs/build_site.py [--out site/_build/html]      # `make site`

Each ``notebooks/NN_*.ipynb`` becomes a page, in the course's order, as the student's workbook
has it (``tools/workbook.py``): experiments with their outputs, each exercise as its
placeholder, and under each check the feedback the check prints for that placeholder. The home
page is the README's introduction, its table of notebooks and its accessibility promise.
Under each notebook page's title a link downloads the notebook as ``make lab`` gives it to a
student (``workbook.student_copy``). Nothing in the notebooks is executed and nothing is
downloaded; the build refuses to finish if any line of a solution reached the pages or the
downloads.
"""

import argparse
import contextlib
import io
import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCE = ROOT / "site" / "_source"
OUT = ROOT / "site" / "_build" / "html"
sys.path.insert(0, str(ROOT))
from tools import notebook_format as fmt  # noqa: E402  (the notebooks' format, read once)
from tools import workbook  # noqa: E402  (the student copies)

HOME_SECTIONS = ("The notebooks", "Accessibility")


course_notebooks = fmt.course_notebooks


def solution_lines(paths=None):
    """The lines a student must not see: every non-blank line between ``### BEGIN SOLUTION``
    and ``### END SOLUTION`` in the course's notebooks (``paths``), except lines that the
    workbook shows anyway (such as ``break`` or ``return params`` elsewhere in the course)."""
    paths = course_notebooks() if paths is None else paths
    secret, public = set(), set()
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            lines = cell.source.split("\n")
            for start, stop in fmt.regions(lines, fmt.BEGIN_SOLUTION, fmt.END_SOLUTION, path.name):
                secret |= {line.strip() for line in lines[start + 1:stop - 1] if line.strip()}
        student = nbformat.reads(workbook.student_copy(path).decode(), as_version=4)
        public |= {line.strip() for cell in student.cells for line in cell.source.split("\n")}
    return secret - public


def leaked_lines(text, secret):
    """The lines of ``secret`` found in a page's ``text``: as a whole line, or (when at least
    20 characters long) anywhere inside a line."""
    lines = {line.strip() for line in text.split("\n")}
    return sorted(s for s in secret if s in lines or (len(s) >= 20 and s in text))


def placeholder_feedback(nb):
    """Give each check cell the output its check prints for the placeholder above it.

    Only the answer cell (the placeholder, which defines a function that raises
    NotImplementedError) and the check cell run, in a fresh namespace.
    """
    import numpy as np

    namespace, answer = {"np": np}, None
    for cell in nb.cells:
        if fmt.is_answer(cell) and cell.cell_type == "code":
            answer = cell
        elif fmt.is_check(cell) and answer is not None:
            exec(answer.source, namespace)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                try:
                    exec(cell.source, namespace)
                    raise RuntimeError(f"the check {cell.source!r} passed on a placeholder")
                except RuntimeError:
                    raise
                except Exception as error:  # the check's verdict, shown as IPython shows it
                    render = getattr(error, "_render_traceback_", None)
                    shown = render() if render else [f"{type(error).__name__}: {error}"]
            cell.outputs = [nbformat.v4.new_output(
                "stream", name="stdout", text=printed.getvalue() + "\n".join(shown) + "\n")]
            answer = None


DOWNLOAD_TEXT = "Download this notebook"


def download_line(path):
    """The Markdown line, under a page's title, that downloads its student copy (a file of
    the source's ``downloads/`` folder, which Sphinx copies to ``_downloads/``)."""
    return (f"{{download}}`{DOWNLOAD_TEXT} <../downloads/{path.name}>` (`{path.name}`: the "
            "student copy, with the exercises to do; open it in JupyterLab)")


def student_page(path):
    """The workbook copy of the notebook at ``path``, with the checks' feedback and, under
    its title, the link to download it."""
    nb = nbformat.reads(workbook.student_copy(path).decode(), as_version=4)
    placeholder_feedback(nb)
    first = nb.cells[0]
    if first.cell_type != "markdown" or not first.source.startswith("# "):
        raise ValueError(f"{path.name} must start with a Markdown cell holding its # title")
    title, _, rest = first.source.partition("\n")
    first.source = f"{title}\n\n{download_line(path)}\n{rest}"
    return nb


def readme_sections():
    """The README's introduction (before its first ``##``) and its sections named in
    ``HOME_SECTIONS``, as Markdown, with links to the notebooks kept."""
    text = (ROOT / "README.md").read_text()
    parts = re.split(r"(?m)^## ", text)
    home = [parts[0].rstrip() + "\n"]
    for part in parts[1:]:
        title = part.split("\n", 1)[0].strip()
        if title in HOME_SECTIONS:
            home.append("## " + part.rstrip() + "\n")
    return "\n".join(home)


EVIDENCE_PAGE = DOCS / "how_sure.md"  # written by `make claims` (tools/claims.py)


def write_source(source):
    """Lay out the Sphinx source folder: index.md, notebooks/*.ipynb and the evidence report
    ("How sure are we?", the sceptic's suite's page, when `make claims` has written it)."""
    if source.exists():
        shutil.rmtree(source)
    (source / "notebooks").mkdir(parents=True)
    (source / "downloads").mkdir()
    pages = []
    for path in course_notebooks():
        nbformat.write(student_page(path), source / "notebooks" / path.name)
        (source / "downloads" / path.name).write_bytes(workbook.student_copy(path))
        pages.append(f"notebooks/{path.stem}")
    toctree = "\n".join(["", "```{toctree}", ":hidden:", ":caption: The notebooks",
                         ":maxdepth: 1", "", *pages, "```", ""])
    if EVIDENCE_PAGE.is_file():
        shutil.copyfile(EVIDENCE_PAGE, source / "how_sure.md")
        toctree += "\n".join(["", "```{toctree}", ":hidden:", ":caption: The evidence",
                               ":maxdepth: 1", "", "how_sure", "```", ""])
    (source / "index.md").write_text(readme_sections() + toctree)


def leaked_solutions(out):
    """(file, line) for every solution line found in the built HTML pages under ``out`` and in
    the notebooks they offer for download."""
    import html

    secret, leaks = solution_lines(), []
    for page in sorted(Path(out).rglob("*.html")):
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))
        leaks += [(page.name, line) for line in leaked_lines(text, secret)]
    for notebook in sorted(Path(out).rglob("*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        text = "\n".join(cell.source for cell in cells)
        leaks += [(notebook.name, line) for line in leaked_lines(text, secret)]
    return leaks


def build(out=OUT, source=SOURCE):
    from sphinx.cmd.build import build_main

    write_source(Path(source))
    status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(DOCS),
                         str(source), str(out)])
    if status:
        raise SystemExit(f"Sphinx failed (exit status {status})")
    leaks = leaked_solutions(out)
    if leaks:
        shutil.rmtree(out)
        raise SystemExit(f"solution text reached the site, which was removed: {leaks[:5]}")
    print(f"The site is in {Path(out).relative_to(ROOT) if Path(out).is_relative_to(ROOT) else out}"
          f" ({len(course_notebooks())} notebooks); open index.html in a browser.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where the HTML goes")
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="where the pages' sources are laid out (rewritten)")
    args = parser.parse_args(argv)
    build(args.out.resolve(), args.source.resolve())


if __name__ == "__main__":
    main()
