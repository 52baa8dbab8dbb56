"""Exercise 1.2 ``count_distinct(W, b)``, as notebook 01 checks it.

A case is one or more layers, one call each. The expected data of a call is the right count
and, for each usual wrong way of counting, the counts it gives (``"counts_if"``: one per
variant, e.g. one per tolerance, in the same order on every call). The layers of the first
visible case are built so that each wrong way gives its own counts over the case's calls: the
judge names a mistake by the variant whose counts are the answer's on every call. The data
also says which earlier row each row repeats (``"repeat_of"``, -1 for a new unit): a count no
variant gives is told which rows the right count takes for repeats.
"""

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .judging import returned, several

# each wrong way of counting (a key of the data's "counts_if"), and what it misses
HINTS = {
    "all rows": "you seem to count all rows; count only the different ones: a row is a repeat "
                "when it equals ANY one of the earlier rows (not only when it equals all of "
                "them, as np.allclose(rows[:i], row) broadcast over the earlier rows says)",
    "W alone": "remember the bias - units with the same row of W but different b are "
               "different units",
    "W alone, exactly": "remember the bias - units with the same row of W but different b are "
                        "different units; and rows that differ only by rounding are the same "
                        "unit: compare rows of [W | b] with np.allclose",
    "b alone": "you compared only the biases; units whose rows of W differ are different too",
    "columns": "you seem to count distinct columns; a unit is a row of [W | b], one row per "
               "unit",
    "columns of W": "you seem to count distinct columns of W; a unit is a row of [W | b], one "
                    "row per unit",
    "numbers": "you counted distinct numbers; compare whole rows of [W | b], one per unit",
    "exactly": "rows that differ only by rounding (1e-13) are the same unit: compare rows with "
               "np.allclose and its own tolerances, not with == or np.unique, nor with atol=0 (a "
               "purely relative test keeps a weight of 0 and one of 1e-17 apart)",
    "neighbours": "you compared each row only with the one just above it; a unit is a repeat "
                  "when it equals ANY earlier row",
    "any entry": "two rows are the same unit only when EVERY entry matches "
                 "(np.allclose(row, other), or np.isclose(...).all()), not when any one does",
    "loose": "your tolerance is too loose: rows that differ by 0.01 or by 1e-4 are different "
             "units; use np.allclose's own tolerance",
    "rounded": "you rounded the rows before comparing them: rounding merges different units "
               "that round alike (rows 1e-4 apart, or 3e-7 apart in a weight near 0) and splits "
               "copies of one unit that differ by rounding error yet straddle a rounding step; "
               "compare unrounded rows with np.allclose",
    "row sums": "you compared rows by their sums: different rows can have the same sum; "
                "compare whole rows of [W | b]",
    "part of the row": "you compared only part of each row (its first entries, or the bias); "
                       "compare the whole row of [W | b]",
    "W + b": "you added b to W (W + b adds the bias to every weight of the row); put b beside "
             "W as one more column: np.hstack([W, b])",
    "W times b": "you multiplied W by b (W * b scales each row by its bias, and a zero bias "
                 "wipes the row out); put b beside W as one more column: np.hstack([W, b])",
    "separately": "you counted the distinct rows of W and the distinct biases separately and "
                  "added them; a unit is a row of W and its bias together, one row of [W | b]",
    "rank": "the rank counts independent rows, not distinct ones (a row can differ from the "
            "others yet be their sum); compare rows of [W | b] with np.allclose",
    "norms": "you compared rows by their length (norm): different rows can have the same "
             "length; compare whole rows of [W | b]",
    "sorted rows": "you sorted each row before comparing: the order of the entries matters "
                   "(the weights of input 1 and input 2 are different weights)",
    "directions": "you compared the rows' directions (each divided by its length): a row and "
                  "twice that row are different units; compare the rows themselves",
    "repeats": "you counted the repeats (rows equal to an earlier row); count the rows that "
               "are NOT repeats",
    "appear once": "you counted the units that appear only once; a repeated unit counts too, "
                   "once",
    "signs": "you compared the rows' absolute values (np.abs): a row and the same row with a "
             "sign flipped are different units; compare the rows themselves, signs included",
    "first row": "you compared each row only with the first row; a unit is a repeat when it "
                 "equals ANY earlier row: keep every unit seen so far and compare with each",
    "all earlier": "you counted a row as new unless it equals ALL earlier rows "
                   "(np.allclose(rows[:i], row) broadcasts: True only when every earlier row "
                   "matches); a row is a repeat when it equals ANY one of the earlier rows",
    "all but the previous": "you compared each row with the earlier rows but the one just "
                            "before it (range(i - 1) stops one short: off by one); compare "
                            "with every earlier row, range(i)",
    "shares": "you added 1 / k for each row of a group of k, then truncated with int(): the "
              "floating sum (3 * (1/3) = 0.999...) rounds down; count each kind of row once "
              "with whole numbers",
    "twins": "you counted the rows that have a twin (a duplicate elsewhere); count the distinct "
             "units: each kind of row once, repeated or not",
    "whole numbers": "you cast the rows to int (astype(int) truncates each weight to a whole "
                     "number), merging different units; compare the float rows with "
                     "np.allclose",
    "one entry": "you compared rows by one entry (the largest, max, or the smallest); different "
                 "rows can share it: compare every entry of the whole row of [W | b]",
    "deleted while looping": "you deleted repeats from the list while looping over it: after a "
                             "del (or pop) the indices shift, so with three or more copies of "
                             "a unit the wrong row is deleted or one is skipped; build a new "
                             "list of the units kept instead",
    "zero rows": "you left out the rows of zeros (or rows with a 0 in them): a unit whose "
                 "weights (and bias) are 0 is still a unit - the zero initialization of "
                 "notebook 01 makes whole layers of them, all alike, which is ONE distinct "
                 "unit; leave out only the repeats",
    "squeezed": "your rows became single numbers: on a layer of ONE unit (W of shape (1, k)), "
                ".squeeze() (or .ravel()) turns [W | b] into a 1-d array, and a loop over it "
                "walks over its entries, not over the one row; keep [W | b] 2-d, one row per "
                "unit: np.hstack([W, b]) as it is",
    "wrong axis": "you reduced np.isclose(rows[:i], row) along the wrong axis: .all(axis=0) "
                  "(or .any(axis=0)) looks down each column of the earlier rows, column by "
                  "column, and .any(axis=1).all() asks each earlier row for one matching entry; "
                  "a row is a repeat when ONE earlier row matches it in EVERY entry: "
                  "np.isclose(rows[:i], row).all(axis=1).any()",
    "first repeat": "your count stops at the first repeat (a break where a continue was "
                    "meant?): the rows after a repeat still count when they are new; skip the "
                    "repeat and go on with the next row",
    "one less": "one too few: the first row of each kind is a unit too (count the rows that "
                "equal no EARLIER row, the first one included)",
    "one more": "one too many: count each kind of row once",
}


GENERIC = ("all rows", "all earlier", "repeats", "one less", "one more")  # named last among equals


def judge_count_distinct(case, outcomes):
    """``count_distinct(W, b)`` counts the distinct units (rows of [W | b], to rounding)."""
    first = next((k for k, o in enumerate(outcomes) if o.raised is not None), 0)
    if first > 0 and all(outcomes[k].value == case["expected"][k]["count"] for k in range(first)):
        raise Wrong(f"right on the first {first} layer(s), then your function raised "
                    f"{outcomes[first].raised[0]} on the next: does it keep rows between calls "
                    "(a list as a default argument, kept=[], or a global)? What it keeps changes "
                    "between calls; build a new list on every call", outcomes[first].raised[1])
    got = []
    for outcome in outcomes:
        value = returned(outcome)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise Wrong(f"return a whole number (int), not a {type(value).__name__}"
                        f"{several(value)}")
        got.append(int(value))
    for call, outcome in zip(case["calls"], outcomes, strict=True):
        if outcome.args_after is not None and not all(
                np.array_equal(after, given) for after, given in zip(
                    outcome.args_after, build(call["args"]), strict=True)):
            raise Wrong("your function changed W or b, the arrays it was given (an in-place "
                        "operation such as W /= ..., W -= ... or W.sort()): the caller's arrays "
                        "must stay as they were; compute on a copy, or on np.hstack([W, b]), "
                        "which is a new array")
    expected = [data["count"] for data in case["expected"]]
    if got == expected:
        return
    wrong = [k for k, (g, e) in enumerate(zip(got, expected, strict=True)) if g != e]
    judge_counts_kept(got, expected)
    judge_rows_left_out(got, case["expected"])
    scores = {}  # each way of counting: its best variant's (calls where the answer is wrong
    for key in HINTS:  # that it matches, calls it matches)
        variants = [data["counts_if"].get(key, ()) for data in case["expected"]]
        for counts in zip(*variants, strict=True):
            score = (sum(counts[k] == got[k] for k in wrong),
                     sum(c == g for c, g in zip(counts, got, strict=True)))
            if score[0] > 0 and score > scores.get(key, (0, 0)):
                scores[key] = score
    matched = max(scores.values(), default=(0, 0))
    tied = sorted((key for key, score in scores.items() if score == matched),
                  key=lambda key: (key in GENERIC, list(HINTS).index(key)))
    best = tied[0] if tied else None
    W, _ = build(case["calls"][wrong[0]]["args"])
    where = f"W of shape {W.shape}: expected {expected[wrong[0]]}, got {got[wrong[0]]}"
    if less_pairs(case["expected"]) == got and matched[1] < len(got):  # every call
        raise Wrong("your count is the number of rows less the number of PAIRS of equal rows: "
                    "a unit with 3 copies makes 3 pairs (not 2 repeats), so it is taken off too "
                    "often (a count over every pair i < j); count each row that equals no "
                    "EARLIER row, once", where)
    if best is not None and matched[1] >= max(len(got) - 1, 1):  # every call, or all but one
        also = "".join(f"; or, giving the same count{'s' if len(got) > 1 else ''} here: "
                       f"{HINTS[key]}" for key in tied[1:3] if key not in GENERIC)
        if less_pairs(case["expected"]) == got:
            also += ("; or: the number of rows less the number of PAIRS of equal rows (a unit "
                     "with 3 copies makes 3 pairs, not 2 repeats)")
        raise Wrong(f"wrong number of distinct units: {HINTS[best]}{also}", where)
    if got[wrong[0]] == 0 and W.shape[0] > 0:
        raise Wrong("your count is 0, where a layer of units has at least one: every row was "
                    "taken for a repeat - does the row meet ITSELF among the 'earlier' rows "
                    "(rows[:i + 1], range(i + 1), or a comparison with every row, its own "
                    "included)? Compare row i with rows 0 to i - 1 only", where)
    if got[wrong[0]] > W.shape[0]:
        raise Wrong(f"your count, {got[wrong[0]]}, is more than the layer's {W.shape[0]} rows: "
                    "some rows were counted more than once - a count (or an append) inside the "
                    "loop over the earlier units runs once for each unit the row differs from "
                    "(an else on the inner if?); decide after comparing with ALL earlier units, "
                    "then count the row at most once", where)
    said = which_rows(case["expected"][wrong[0]], got[wrong[0]])
    raise Wrong(f"wrong number of distinct units: {said}; a unit is a row of [W | b]: count a "
                "row only when no earlier row is np.allclose to it", where)


def judge_counts_kept(got, expected):
    """``Wrong`` when each count is the right one plus the counts of the calls before it: a
    count kept from one call to the next."""
    if len(got) > 1 and got[0] == expected[0] and all(
            g == sum(expected[:k + 1]) for k, g in enumerate(got)) and got != expected:
        raise Wrong("your counts add up from one call to the next: each is the right count plus "
                    "the counts of the calls before it, so the counter (or the list of units) "
                    "is kept between calls - a global, or a default argument such as seen=[]; "
                    "start from zero inside the function on every call")


def kinds(data):
    """For each row of a layer, the first row of its group of equal rows (from
    ``"repeat_of"``)."""
    kind = []
    for i, j in enumerate(data["repeat_of"]):
        kind.append(i if j < 0 else kind[j])
    return kind


def kinds_among(data, rows):
    """How many distinct units the rows numbered ``rows`` hold."""
    kind = kinds(data)
    return len({kind[i] for i in rows})


def groups(data):
    """The sizes of the groups of equal rows of a layer."""
    kind = kinds(data)
    return [kind.count(k) for k in sorted(set(kind))]


def less_pairs(expected):
    """For each call: the number of rows less the number of pairs of equal rows."""
    if not all("repeat_of" in data for data in expected):
        return None
    return [len(data["repeat_of"]) - sum(g * (g - 1) // 2 for g in groups(data))
            for data in expected]


def judge_rows_left_out(got, expected):
    """``Wrong`` when every count is the right one for the layer without its last (or first)
    row: a loop that stops one row early (or starts one late); nothing when the count of rows
    less pairs of equal rows fits as well."""
    if not all("repeat_of" in data for data in expected):
        return
    if less_pairs(expected) == got:  # both fit: neither is named here
        return
    for which, rows in (("last", lambda n: range(n - 1)), ("first", lambda n: range(1, n))):
        counts = [kinds_among(data, rows(len(data["repeat_of"]))) for data in expected]
        if counts == got and counts != [data["count"] for data in expected]:
            loop = "range(len(rows) - 1)" if which == "last" else "range(1, len(rows))"
            raise Wrong(f"your count leaves out the {which} row of the layer: every count is "
                        f"the right one for the layer without its {which} row ({loop}?); "
                        "look at every row, from the first to the last (n_l rows)")


def which_rows(data, got):
    """Which rows of the layer repeat which (the data's ``"repeat_of"``), beside how far the
    count ``got`` is from the right one: what the answer counted apart or merged."""
    missed = got - data["count"]
    said = (f"{missed} too many: rows that repeat an earlier row were counted as new units"
            if missed > 0 else f"{-missed} too few: different units were taken for one, or "
            "rows were left out")
    pairs = [f"row {i} repeats row {j}" for i, j in enumerate(data.get("repeat_of", ()))
             if j >= 0]
    if "repeat_of" not in data:
        return said
    if not pairs:
        return f"{said}; in this layer no row repeats another: each is a unit of its own"
    more = f" (and {len(pairs) - 4} more)" if len(pairs) > 4 else ""
    return (f"{said}; in this layer (rows numbered from 0) {', '.join(pairs[:4])}{more}, and "
            "every other row is a unit of its own")


EXERCISE = Exercise(
    number="1.2", function="count_distinct", signature="count_distinct(W, b)",
    task="distinct units of a layer", praise="distinct units counted correctly, biases included",
    judge=judge_count_distinct, data=data_file(__file__), library=("count_distinct_units",))
