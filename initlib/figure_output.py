"""How a course figure reaches the page: checked, cut to what it draws, shown with its alt text.

``show_figure`` ends every plotting cell of notebooks 01 to 06. It draws the figure once,
checks that no text is smaller than ``MIN_TEXT_PX`` pixels and that no legend covers a panel,
and displays the PNG as an HTML ``<img>`` carrying the figure's text alternative.
"""

import base64
import html
import io

import numpy as np

MIN_TEXT_PX = 11  # the smallest text a figure may show, in pixels of its PNG


def _pyplot():
    """``matplotlib.pyplot``, imported on first use."""
    import matplotlib.pyplot as plt

    return plt


def small_text(fig, min_px=MIN_TEXT_PX, drawn=False):
    """The visible texts of ``fig`` drawn smaller than ``min_px`` pixels, as (text, px) pairs.
    A font size in points is ``fig.dpi / 72`` pixels per point in the figure's PNG. In a
    formula with an exponent (``$10^{-2}$``) the exponent counts, drawn at 70% of the size.
    ``drawn=True`` says the figure was drawn since it last changed (tick labels get their
    text when drawn), which saves drawing it again.
    """
    from matplotlib.mathtext import MathTextParser
    from matplotlib.text import Text

    if not drawn:
        fig.canvas.draw()
    found = []
    for text in fig.findobj(Text):
        string, points = text.get_text(), text.get_fontsize()
        if "^" in string and string.count("$") >= 2:  # the smallest glyph of the formula
            parsed = MathTextParser("path").parse(string, 72, text.get_fontproperties())
            points = min((glyph[1] for glyph in parsed.glyphs), default=points)
        px = points * fig.dpi / 72
        if text.get_visible() and string.strip() and px < min_px - 1e-9:
            found.append((string, round(px, 1)))
    return found


def plain_log_labels(fig):
    """Label ``fig``'s log axes with plain numbers (0.01, 1e-5) where matplotlib writes
    ``10^{-2}``, whose exponent is 70% of the tick labels' size (8.8 px in the course's style).
    ``show_figure`` does it for every figure; the ticks stay where they were."""
    from matplotlib.ticker import LogFormatter, LogFormatterMathtext

    class PlainLogFormatter(LogFormatter):
        def _num_to_string(self, x, vmin, vmax):
            plain = f"{x:g}" if 1e-3 <= abs(x) < 1e4 else f"{x:.0e}"
            return plain.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e")

    for axis in (axis for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)):
        for get, put in ((axis.get_major_formatter, axis.set_major_formatter),
                         (axis.get_minor_formatter, axis.set_minor_formatter)):
            old = get()
            if isinstance(old, LogFormatterMathtext):
                put(PlainLogFormatter(base=getattr(old, "_base", 10),
                                      labelOnlyBase=old.labelOnlyBase,
                                      minor_thresholds=old.minor_thresholds,
                                      linthresh=getattr(old, "_linthresh", None)))


def uncover_legends(fig, drawn=False):
    """Lay ``fig`` out again (matplotlib's constrained layout) if a legend covers another
    panel or its tick labels, as one beside the left panel of a row does unless made room for.
    Returns whether it did; ``show_figure`` calls it for every figure (``drawn`` as for
    ``small_text``)."""
    if not drawn:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(ax, ax.get_legend().get_window_extent(renderer)) for ax in fig.axes
             if ax.get_legend() is not None and ax.get_legend().get_visible()]
    covered = any(box.overlaps(area) for ax, box in boxes for other in fig.axes  # not a twin:
                  if other.get_position().bounds != ax.get_position().bounds
                  for area in (other.get_window_extent(renderer),
                               other.yaxis.get_tightbbox(renderer)) if area is not None)
    if covered:
        fig.set_layout_engine("constrained")
    return covered


def show_figure(alt, fig=None):
    """Show ``fig`` (default: the current figure) as a PNG described by ``alt``, then close it
    (notebooks 01, 02, 03, 04, 05 and 06).

    ``alt`` is the figure's text alternative: the kind of chart, its axes, the trend and the
    numbers a sighted reader takes from it. The output is an HTML ``<img>`` holding the PNG and
    ``alt``, so the description reaches the page in JupyterLab (whose PNG renderer drops an alt
    kept in metadata), nbconvert and the website; its plain text is the description too (not
    ``<Figure size ...>``). Every notebook ends a plotting cell with this, not ``plt.show()``.

    The PNG is cut to what the figure draws, legends beside the axes included; log axes get
    plain labels (``plain_log_labels``) and covered legends room (``uncover_legends``). A
    figure with text under ``MIN_TEXT_PX`` pixels is refused (ValueError naming the text).
    """
    if not isinstance(alt, str) or not alt.strip():
        raise TypeError(f"alt must be a non-empty string describing the figure, got {alt!r}")
    plt = _pyplot()
    fig = plt.gcf() if fig is None else fig
    try:
        plain_log_labels(fig)
        fig.canvas.draw()  # once for the checks and the pixels, again only if laid out anew
        if uncover_legends(fig, drawn=True):
            fig.canvas.draw()
        tiny = small_text(fig, drawn=True)
        if tiny:
            text, px = tiny[0]
            raise ValueError(f"the figure's text {text!r} is {px} px high, and "
                             f"{len(tiny)} text(s) in all are under {MIN_TEXT_PX} px: "
                             f"use a font size of at least {72 * MIN_TEXT_PX / fig.dpi:.1f} pt "
                             f"at the figure's {fig.dpi:g} dpi")
        png = _tight_png(fig)
    finally:
        plt.close(fig)
    from IPython.display import display

    display(figure_bundle(png, alt), raw=True)


def _tight_png(fig, pad_inches=0.05):
    """The PNG of ``fig``, just drawn, cut to what it draws plus ``pad_inches`` of background.

    Cut from the pixels already drawn when everything drawn lies on the canvas (a third of
    the time ``savefig(bbox_inches="tight")`` takes, which lays the figure out and draws it
    again); saved with ``savefig`` when something (a legend beside the axes) lies outside it.
    """
    import math

    from matplotlib.colors import to_rgba
    from matplotlib.image import imsave

    box = fig.get_tightbbox(fig.canvas.get_renderer())
    pixels = np.asarray(fig.canvas.buffer_rgba())
    height, width = pixels.shape[:2]
    dpi, pad = fig.dpi, pad_inches * fig.dpi
    left, right = math.floor(box.x0 * dpi), math.ceil(box.x1 * dpi)
    top, bottom = math.floor(height - box.y1 * dpi), math.ceil(height - box.y0 * dpi)
    buffer = io.BytesIO()
    if left >= 0 and top >= 0 and right <= width and bottom <= height:
        left, top = math.floor(left - pad), math.floor(top - pad)
        right, bottom = math.ceil(right + pad), math.ceil(bottom + pad)
        background = np.round(np.array(to_rgba(fig.get_facecolor())) * 255).astype(np.uint8)
        cut = np.empty((bottom - top, right - left, 4), np.uint8)
        cut[...] = background
        inside = pixels[max(top, 0):min(bottom, height), max(left, 0):min(right, width)]
        row, col = max(top, 0) - top, max(left, 0) - left
        cut[row:row + inside.shape[0], col:col + inside.shape[1]] = inside
        imsave(buffer, cut, format="png", dpi=dpi, metadata={"Software": None})
    else:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=pad_inches,
                    metadata={"Software": None})
    return buffer.getvalue()


def figure_bundle(png, alt):
    """The display data of a figure: ``png`` (bytes) as an HTML ``<img>`` with ``alt``, and
    ``alt`` as plain text (``{"text/html": ..., "text/plain": "Figure: ..."}``)."""
    alt = alt.strip()
    data = base64.b64encode(png).decode("ascii")
    return {"text/html": f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">',
            "text/plain": f"Figure: {alt}"}
