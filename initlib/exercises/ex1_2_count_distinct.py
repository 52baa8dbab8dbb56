"""Exercise 1.2 ``count_distinct(W, b)``, as notebook 01 checks it.

The expected data of a case is the right count and, for each usual wrong way of counting, the
count it gives (``"counts_if"``): the judge names a mistake by the count it shares.
"""

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .judging import returned

# each wrong way of counting (a key of the data's "counts_if"), and what it misses
HINTS = {
    "all rows": "you seem to count all rows; count only the different ones",
    "W alone": "remember the bias - units with the same row of W but different b are "
               "different units",
    "b alone": "you compared only the biases; units whose rows of W differ are different too",
    "columns": "you seem to count distinct columns; a unit is a row of [W | b], one row per "
               "unit",
    "columns of W": "you seem to count distinct columns of W; a unit is a row of [W | b], one "
                    "row per unit",
    "numbers": "you counted distinct numbers; compare whole rows of [W | b], one per unit",
    "exactly": "rows that differ only by rounding (1e-13) are the same unit: compare rows with "
               "np.allclose, not with == or np.unique",
    "neighbours": "you compared each row only with the one just above it; a unit is a repeat "
                  "when it equals ANY earlier row",
}


def judge_count_distinct(case, outcomes):
    """``count_distinct(W, b)`` counts the distinct units (rows of [W | b], to rounding)."""
    W, _ = build(case["calls"][0]["args"])
    expected = case["expected"]["count"]
    got = returned(outcomes[0])
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise Wrong(f"return a whole number (int), not a {type(got).__name__}")
    if got == expected:
        return
    where = f"W of shape {W.shape}: expected {expected}, got {got}"
    for key, explanation in HINTS.items():
        if got == case["expected"]["counts_if"].get(key):
            raise Wrong(f"wrong number of distinct units: {explanation}", where)
    raise Wrong("wrong number of distinct units: a unit is a row of [W | b]; count a row only "
                "when no earlier row is np.allclose to it", where)


EXERCISE = Exercise(
    number="1.2", function="count_distinct", signature="count_distinct(W, b)",
    task="distinct units of a layer", praise="distinct units counted correctly, biases included",
    judge=judge_count_distinct, data=data_file(__file__), library=("count_distinct_units",))
