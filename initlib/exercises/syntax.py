"""An answer cell Python cannot read: the syntax error named with its line (every exercise)."""

import re

from .exercise import Wrong


def syntax_problem(history, function):
    """The ``Wrong`` for the latest cell of an IPython ``history`` (its ``In`` list) that
    defines ``function`` when that cell does not parse, naming the line; else None."""
    if not isinstance(history, list):
        return None
    for source in reversed(history):
        if isinstance(source, str) and re.search(rf"\bdef\s+{function}\s*\(", source):
            try:
                compile(source, "<answer cell>", "exec", dont_inherit=True)
            except SyntaxError as error:
                return Wrong(f"your answer cell did not run: Python cannot read its line "
                             f"{error.lineno} ({error.msg}); fix that line and run the cell "
                             "again, then this check")
            except (ValueError, OverflowError):
                return None
            return None
    return None
