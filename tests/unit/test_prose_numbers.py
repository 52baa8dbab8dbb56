"""Every number a notebook's text quotes is printed by a code cell above it.

The course's standard of evidence (README, "A standard of evidence"): no sentence quotes a
result that a cell did not print. This test reads each committed notebook and, for every
markdown cell, collects the numbers its prose quotes that look like results:

- a number with a decimal point (``0.693``, ``99.3``),
- a number followed by ``%`` or ``x`` (``83%``, ``85x``), or written with an exponent,
- a whole number of three or more digits (``1773``, ``15000``).

Each must equal (as a value: ``96%`` matches a printed ``96.0%``, ``0.50`` matches ``0.5``) a
number printed by a code cell *above* that markdown cell: its stdout, or the plain-text form of
its result or display (a figure's text is its alt text). A setting is not a result: a number
that is a literal in the Python of a code cell above, or of the code cell that the text
introduces (the next one), counts as stated (``num_iterations=3000``, ``scale=0.01``).
Numbers in fenced code blocks and in inline code are code, not claims, and are skipped, as are
link targets and exercise numbers ("Exercise 2.1"). A few numbers are definitions, not results
(the classic setting's 15000 iterations, a year of publication, a formula's constant); they are
listed in ``ALLOWED`` and ``ALLOWED_IN``, each with its reason. Everything else must be measured.
"""

import io
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Definitions every notebook may state without printing them.
ALLOWED = {
    "15000": "the classic experiment's number of iterations, a setting",
    "1000": "the classic experiment records the cost every 1000 iterations, a setting",
    "0.01": "the classic learning rate, and the classic small scale: settings",
    "1998": "year of LeCun et al.'s paper",
    "2010": "year of Glorot and Bengio's paper",
    "2013": "year of Saxe et al.'s paper",
    "2015": "year of He et al.'s paper",
}

# Definitions that only one notebook states, by file name.
ALLOWED_IN = {
    "02_random_initialization.ipynb": {
        "0.99": "output_errors' threshold for an error stuck at +-1 (a definition)",
    },
    "03_he_initialization.ipynb": {
        "1.67": "5/3, PyTorch's documented tanh gain, written as a decimal",
        "0.99": "layer_statistics' threshold for a saturated tanh unit (a definition)",
    },
}

# a number (decimal point and exponent optional), then an optional "%" or "x" (a ratio)
PROSE_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(\s?%|x)?(?![\w])")
PRINTED_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _text(source):
    return "".join(source) if isinstance(source, list) else source


def printed_text(cell):
    """All that a code cell printed: stdout/stderr, results, displays (their text/plain)."""
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(_text(output["text"]))
        data = output.get("data", {})
        if "text/plain" in data:
            parts.append(_text(data["text/plain"]))
    return "\n".join(parts)


def code_literals(source):
    """The number literals of a code cell's Python (settings such as ``num_iterations=3000``)."""
    lines = [line for line in _text(source).splitlines() if not line.startswith(("%", "!"))]
    values = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if token.type == tokenize.NUMBER:
                try:
                    values.add(float(token.string.replace("_", "")))
                except ValueError:  # complex literals
                    continue
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return values


def printed_values(text):
    values = set()
    for match in PRINTED_NUMBER.finditer(text):
        try:
            values.add(float(match.group()))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
    return values


def prose_of(markdown):
    """The markdown's sentences, without code, link targets, html and exercise numbers."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)   # fenced code blocks
    text = re.sub(r"`[^`]*`", " ", text)                       # inline code
    text = re.sub(r"\]\([^)]*\)", "]", text)                  # link targets
    text = re.sub(r"<[^>]+>", " ", text)                       # html tags
    text = re.sub(r"[Ee]xercises? \d+\.\d+", " ", text)        # "Exercise 2.1"
    return text


def quoted_numbers(markdown):
    """The result-like numbers of a markdown cell, as the strings it writes them."""
    found = []
    for match in PROSE_NUMBER.finditer(prose_of(markdown)):
        number, suffix = match.group(1), match.group(2)
        if suffix or "." in number or "e" in number.lower() or len(number) >= 3:
            found.append(number)
    return found


def unprinted_numbers(path):
    """[(cell index, number, context)] for every quoted number that no cell above printed."""
    cells = json.loads(path.read_text())["cells"]
    allowed = {**ALLOWED, **ALLOWED_IN.get(path.name, {})}
    printed, settings, missing = set(), set(), []
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            printed |= printed_values(printed_text(cell))
            settings |= code_literals(cell["source"])
        elif cell["cell_type"] == "markdown":
            following = next((c for c in cells[index + 1:] if c["cell_type"] == "code"), None)
            upcoming = code_literals(following["source"]) if following else set()
            text = _text(cell["source"])
            for number in quoted_numbers(text):
                value = float(number)
                if number in allowed or value in printed or value in settings | upcoming:
                    continue
                at = text.find(number)
                context = " ".join(text[max(0, at - 50):at + 30].split())
                missing.append((index, number, context))
    return missing


def test_the_rule_finds_what_it_should():
    markdown = ("Accuracy 99.3% after 15000 iterations, cost 0.693, 46% below, 1773 and 12; "
                "see `x = 0.25` and [link](02_x.ipynb#a-1.5), Exercise 2.1, 5/3, 3 layers, "
                "85x, 2.5e-03.")
    assert quoted_numbers(markdown) == ["99.3", "15000", "0.693", "46", "1773", "85", "2.5e-03"]
    assert printed_values("train 99.3%  cost 1.8e-02 ln 2 = 0.693147") >= {99.3, 0.018}


def test_a_number_printed_below_does_not_count(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": "We will get 87.5% in 300 steps.", "metadata": {}},
        {"cell_type": "code", "source": "run(steps=300)  # 0.25", "metadata": {},
         "execution_count": 1,
         "outputs": [{"output_type": "stream", "name": "stdout", "text": "87.5%\n"}]},
        {"cell_type": "markdown", "source": "It printed 87.5% and 0.25 after 300.", "metadata": {}},
    ]
    path = tmp_path / "00_example.ipynb"
    path.write_text(json.dumps({"cells": cells}))
    assert [(i, n) for i, n, _ in unprinted_numbers(path)] == [(0, "87.5"), (2, "0.25")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_quoted_number_is_printed_above(path):
    missing = unprinted_numbers(path)
    assert not missing, (
        f"{path.name}: numbers in the text that no code cell above prints:\n"
        + "\n".join(f"  cell {i}: {n!r} in '...{context}...'" for i, n, context in missing)
    )
