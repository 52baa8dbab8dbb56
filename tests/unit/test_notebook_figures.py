"""Every figure stored in the course's notebooks has a text alternative.

``initlib.show_figure(alt, fig)`` stores ``alt`` in the output's metadata,
``{"image/png": {"alt": ...}}``, where nbconvert and the course's website turn it into the
image's HTML ``alt`` attribute. A figure shown with ``plt.show()`` has none, and reaches a
screen reader as ``<Figure size 440x288 with 1 Axes>``.
"""

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def figures(path):
    """(cell index, output) of every PNG output in the notebook at ``path``."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield i, output


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_stored_figure_has_alt_text(path):
    missing = []
    for i, output in figures(path):
        alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
        if not alt.strip():
            missing.append(i)
        else:
            assert output["data"].get("text/plain", "").startswith("Figure: "), (path.name, i)
    assert not missing, (f"{path.name}: the figures of cells {missing} have no alt text; end "
                         "the cell with initlib.show_figure(alt, fig) instead of plt.show()")
