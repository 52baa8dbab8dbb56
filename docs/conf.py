"""Sphinx configuration of the course's website (``make site``; see docs/build_site.py).

The pages are the workbook's copies of the notebooks, built from their stored outputs: nothing
is executed, and nothing is downloaded while building.
"""

project = "Weight initialization"
author = "The course's authors"
copyright = "the course's authors, MIT licence"

extensions = [
    "myst_nb",
    "sphinx-mathjax-offline",  # MathJax served with the site, no CDN
    "sphinx_copybutton",  # a copy button on each code cell
]
nb_execution_mode = "off"  # the stored outputs, as committed
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]
# downloads/ holds each notebook's student copy, linked from its page, not a page itself
exclude_patterns = ["_build", "**.ipynb_checkpoints", "downloads"]

# MathJax as JupyterLab has it: \text{fan\_in} needs the textmacros package (a backslash
# otherwise shows); a formula is no tab stop (each would be one: 159 in notebook 04).
mathjax3_config = {
    "loader": {"load": ["[tex]/textmacros"]},
    "tex": {"packages": {"[+]": ["textmacros"]}},
    "options": {"menuOptions": {"settings": {"inTabOrder": False}}},
}

# the copy button on the code the reader types (cells' inputs), not on outputs; the prompt
# characters of doctest-like blocks are left out of what is copied
copybutton_selector = "div.cell_input div.highlight pre"
copybutton_exclude = ".linenos, .gp"

html_theme = "sphinx_book_theme"
html_title = "Weight initialization"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]  # the theme's sidebar toggles and search snippets (see the file)
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
}


def _render_image_with_alt(render_image):
    """MyST-NB's image renderer, also taking ``alt`` from the output's metadata.

    ``initlib.show_figure`` shows each figure as an HTML ``<img>`` with its alt, which MyST-NB
    passes through as it is. Outputs stored before that hold a PNG with the description in the
    output's metadata, ``{"image/png": {"alt": ...}}`` (nbconvert's convention), from which
    MyST-NB 1.4 reads only width and height.
    """

    def render(self, data):
        nodes = render_image(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt and str(alt).strip():
            for node in nodes:
                node["alt"] = str(alt).strip()
        return nodes

    return render


def setup(app):
    from myst_nb.core.render import NbElementRenderer

    if not getattr(NbElementRenderer.render_image, "carries_alt", False):
        NbElementRenderer.render_image = _render_image_with_alt(NbElementRenderer.render_image)
        NbElementRenderer.render_image.carries_alt = True
