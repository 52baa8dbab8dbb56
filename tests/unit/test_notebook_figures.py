"""Every figure stored in the course's notebooks has a text alternative.

``initlib.show_figure(alt, fig)`` shows the figure as an HTML ``<img>`` that carries ``alt``
(JupyterLab, nbconvert and the course's website all put it in the page), with ``alt`` as the
output's plain text. Outputs stored before that form hold a PNG with ``alt`` in the output's
metadata, ``{"image/png": {"alt": ...}}``, which nbconvert and the website read (JupyterLab
does not). A figure shown with ``plt.show()`` has none, and reaches a screen reader as
``<Figure size 440x288 with 1 Axes>``.
"""

import html.parser
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


class ImageParser(html.parser.HTMLParser):
    """The alt attribute of each <img> of an HTML text (None when it has none)."""

    def __init__(self):
        super().__init__()
        self.alts = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


def figures(path):
    """(cell index, alt text or None, output) of every figure in the notebook at ``path``:
    each PNG output and each <img> of an HTML output."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                yield i, output.get("metadata", {}).get("image/png", {}).get("alt"), output
            elif "<img" in data.get("text/html", ""):
                parser = ImageParser()
                parser.feed(data["text/html"])
                for alt in parser.alts:
                    yield i, alt, output


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_figure_has_alt_text(path):
    missing = []
    for i, alt, output in figures(path):
        if not (alt or "").strip():
            missing.append(i)
        else:
            assert output["data"].get("text/plain", "") == f"Figure: {alt.strip()}", (path.name, i)
    assert not missing, (f"{path.name}: the figures of cells {missing} have no alt text; end "
                         "the cell with initlib.show_figure(alt, fig) instead of plt.show()")
