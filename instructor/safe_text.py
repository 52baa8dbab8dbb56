"""Text that is safe to write to a file or a terminal, whatever a submission put in it.

Everything the grader reports comes partly from students: names of folders and files, error
messages their code raised, notes about zips. Before it reaches a CSV, a feedback notebook or
the terminal it goes through ``safe_text``: valid UTF-8 (a lone surrogate or an undecodable
byte is shown as an escape such as ``\\udcff``), no terminal escape sequences, no control or
direction-changing characters (each shown as an escape too), and a bounded length.
"""

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and any other two-character ESC sequence
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\x9b",
                      re.DOTALL)
_DIRECTION = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char):
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value, *, limit=2000, one_line=False):
    """``value`` as printable text: see the module's docstring.

    Parameters
    ----------
    value : object
        Usually a str; anything else is shown with ``str`` (or its type's name if that fails).
    limit : int
        At most this many characters are kept; a longer text ends with "...".
    one_line : bool
        Newlines and tabs become spaces too (names, CSV cells, the terminal summary).
    """
    try:
        text = value if type(value) is str else str(value)
    except Exception:  # noqa: BLE001 - a hostile __str__ is not our problem
        text = f"<{type(value).__name__}>"
    text = text[: 4 * limit]
    # lone surrogates (from JSON "\ud800" or undecodable file names) become visible escapes
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = _ESCAPES.sub("", text)
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(" " if one_line else char)
        elif char in _DIRECTION or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            kept.append(_escape(char))
        else:
            kept.append(char)
    text = "".join(kept)
    if one_line:
        text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[: max(limit - 3, 0)] + "..."
    return text


def name_text(name):
    """A file or folder name (str from the file system, or bytes) as safe one-line text.

    Bytes that are not UTF-8 (``unzip`` of a zip made on an old system gives them) and every
    control character (tabs and newlines too) are shown as escapes, ``\\xff``, so that two
    names that differ never read the same.
    """
    if isinstance(name, bytes):
        raw = name
    else:
        try:
            raw = str(name).encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that is no undecodable byte
            raw = str(name).encode("utf-8", "backslashreplace")
    text = raw[:1000].decode("utf-8", "backslashreplace")
    text = "".join(_escape(c) if c in _DIRECTION or unicodedata.category(c) in
                   ("Cc", "Cs", "Zl", "Zp") else c for c in text)
    return text if len(text) <= 300 else text[:297] + "..."


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    A cell starting with ``= + - @``, a tab, a return or a newline (or ``|``, ``%``) gets a
    leading ``'`` (OWASP's rule for CSV injection); numbers (int) stay numbers.
    """
    if type(value) is int:
        return value
    text = safe_text(value, one_line=True)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
