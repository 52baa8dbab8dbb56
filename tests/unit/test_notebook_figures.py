"""Every figure stored in the course's notebooks has a text alternative.

``initlib.show_figure(alt, fig)`` shows the figure as an HTML ``<img>`` that carries ``alt``
(JupyterLab, nbconvert and the course's website all put it in the page), with ``alt`` as the
output's plain text. Outputs stored before that form hold a PNG with ``alt`` in the output's
metadata, ``{"image/png": {"alt": ...}}``, which nbconvert and the website read (JupyterLab
does not). A figure shown with ``plt.show()`` has none, and reaches a screen reader as
``<Figure size 440x288 with 1 Axes>``.

Every figure also fits the text column of the course's website and of JupyterLab: a PNG wider
than the column is shrunk to fit, and its 12.5 px tick labels with it (below the 11 px that
``initlib.plotting.MIN_TEXT_PX`` allows). Multi-panel figures put at most two panels in a row.
"""

import base64
import html.parser
import re
import struct
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))

# The widest PNG, in pixels, that the column shows at its own size: 7.7 in at the course's
# 100 dpi (the site's text column is about 777 px wide).
MAX_FIGURE_PX = 770
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ImageParser(html.parser.HTMLParser):
    """The alt attribute (None when it has none) and src of each <img> of an HTML text."""

    def __init__(self):
        super().__init__()
        self.alts = []
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))
            self.sources.append(dict(attrs).get("src") or "")


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


def stored_pngs(path):
    """(cell index, PNG bytes) of every figure stored in the notebook at ``path``: each
    ``image/png`` output and each ``<img>`` whose src is a base64 PNG data URL."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                yield i, base64.b64decode(data["image/png"])
            parser = ImageParser()
            parser.feed(data.get("text/html", ""))
            for src in parser.sources:
                found = re.fullmatch(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)", src)
                assert found, f"{path.name} cell {i}: an <img> src that is no PNG: {src[:40]!r}"
                yield i, base64.b64decode(found.group(1), validate=False)


def png_size(png):
    """(width, height) in pixels of the PNG ``png`` (bytes), read from its IHDR chunk: the
    8-byte signature, the chunk's length and type (4 bytes each), then width and height."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError(f"png must be PNG bytes (signature and IHDR chunk), got {png[:16]!r}")
    return struct.unpack(">II", png[16:24])


def test_png_size_reads_the_header():
    header = PNG_SIGNATURE + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 771, 348)
    assert png_size(header + b"\x08\x06\x00\x00\x00") == (771, 348)
    with pytest.raises(ValueError, match="png"):
        png_size(b"GIF89a" + bytes(20))


def test_the_course_notebooks_are_found():  # the tests below run once per notebook found
    assert {"01", "02", "03", "04", "05", "06"} <= {path.name[:2] for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_fits_the_text_column(path):
    sizes = [(i, *png_size(png)) for i, png in stored_pngs(path)]
    assert sizes, f"{path.name} stores no figure"
    wide = [(i, width) for i, width, _ in sizes if width > MAX_FIGURE_PX]
    assert not wide, (f"{path.name}: figures wider than {MAX_FIGURE_PX} px, (cell, width): "
                      f"{wide}; the column shrinks them and their text with them. Give the cell a "
                      "smaller figsize, at most two panels in a row, or one legend for panels "
                      "that share it")
