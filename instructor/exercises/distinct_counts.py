"""Exercise 1.2's wrong ways of counting (the counts each gives a layer: the judge's data), the
probe layers on which each gives its own counts, and layers of rows of zeros or of edge
shapes."""

import numpy as np

from initlib._protocol import array

TOLERANCES = (1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.5, 1.0)


def _directions(rows):
    """Each row divided by its length, as a student who compares directions computes it (an
    all-zero row gives nan, which is close to nothing, without a warning)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def count_unlike_rows(rows, equal):
    """How many rows equal no earlier kept row under ``equal``."""
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def close_matrix(rows, rtol=1e-5, atol=1e-8, how=np.all):
    """[i, j]: np.allclose(rows[i], rows[j], rtol, atol) for every pair at once (the same
    comparison, |a - b| <= atol + rtol |b|, so the same answers); with ``how=np.any``,
    np.isclose(rows[i], rows[j]).any()."""
    rows = np.asarray(rows, dtype=np.float64)
    if rows.shape[0] > 2000:  # a matrix too large: pair by pair
        return np.array([[bool(how(np.isclose(r, o, rtol=rtol, atol=atol))) for o in rows]
                         for r in rows])
    with np.errstate(invalid="ignore"):
        return how(np.abs(rows[:, None, :] - rows[None, :, :])
                   <= atol + rtol * np.abs(rows[None, :, :]), axis=2)


def count_close_rows(rows, rtol=1e-5, atol=1e-8, how=np.all):
    """``count_unlike_rows(rows, np.allclose)`` with np.allclose's ``rtol`` and ``atol``."""
    close, kept = close_matrix(rows, rtol, atol, how), []
    for i in range(close.shape[0]):
        if not close[i, kept].any():
            kept.append(i)
    return len(kept)


def deleting_while_looping(rows):
    """The count of a loop that deletes each repeat from the list it walks over (``del
    rows[j]`` inside ``for j, other in enumerate(rows[i + 1:], ...)``): after a deletion the
    indices shift, so with three or more copies of a unit the wrong row goes."""
    rows = list(rows)
    for i in range(len(rows)):
        if i >= len(rows):
            break
        for j, other in enumerate(rows[i + 1:], start=i + 1):
            if j < len(rows) and np.allclose(rows[i], other):
                del rows[j]
    return len(rows)


def right_count(W, b):
    return count_close_rows(np.hstack([W, b]))


def earlier_row_each_repeats(rows):
    """For each row, the first earlier row it is np.allclose to (-1 when it is a new unit)."""
    same = close_matrix(rows)
    return [int(np.argmax(same[i, :i])) if same[i, :i].any() else -1 for i in range(len(rows))]


def _wrong_axis(rows, axis, inner, outer):
    """The count of a loop that reduces np.isclose(rows[:i], row) along the wrong axis, a row
    a repeat when ``outer(inner(..., axis=axis))``: .all(axis=0).any() (some column where
    every earlier row matches), .any(axis=0).all() (each entry matched by some earlier row),
    .any(axis=1).all() (each earlier row matching in some entry)."""
    return 1 + sum(not outer(inner(np.isclose(rows[:i], rows[i]), axis=axis))
                   for i in range(1, len(rows)))


def _without_zeros(rows, part, how=np.all):
    """The count when the rows whose ``part`` (columns) is all 0 (``how=np.any``: has a 0) are
    left out."""
    kept = rows[~how(np.abs(rows[:, part]) <= 1e-8, axis=1)]
    return count_close_rows(kept) if len(kept) else 0


def _first_repeat(same):
    """How many rows come before the first one that repeats an earlier row."""
    return next((i for i in range(len(same)) if same[i, :i].any()), len(same))


def distinct_counts_if(W, b):
    """What each usual wrong way of counting gives on (W, b), by the student judge's keys: a
    list of counts each, one per variant (tolerance, rounding, part of the row), in the same
    order for every layer."""
    rows = np.hstack([W, b])
    right = right_count(W, b)
    loose = [count_close_rows(rows, atol=t) for t in TOLERANCES]
    loose += [count_close_rows(rows, rtol=t) for t in TOLERANCES]
    same = close_matrix(rows)
    sums = rows.sum(axis=1)
    return {
        "all rows": [W.shape[0]],
        "W alone": [count_close_rows(W)],
        "W alone, exactly": [len(np.unique(W, axis=0))],
        "b alone": [count_close_rows(b)],
        "columns": [count_close_rows(rows.T)],
        "columns of W": [count_close_rows(W.T)],
        "numbers": [len(np.unique(rows)), count_close_rows(rows.reshape(-1, 1))],
        "squeezed": [count_close_rows(rows.reshape(-1, 1)) if rows.shape[0] == 1 else right,
                     count_close_rows(rows.reshape(-1, 1)) if 1 in W.shape else right],
        "wrong axis": [_wrong_axis(rows, 0, np.all, np.any), _wrong_axis(rows, 0, np.any, np.all),
                       _wrong_axis(rows, 1, np.any, np.all)],
        "zero rows": [_without_zeros(rows, slice(None)), _without_zeros(rows, slice(0, -1)),
                      _without_zeros(rows, slice(None), np.any)],
        "exactly": [len(np.unique(rows, axis=0)), count_close_rows(rows, atol=0)],
        "neighbours": [1 + int(np.sum(np.any(~np.isclose(rows[1:], rows[:-1]), axis=1)))],
        "any entry": [count_close_rows(rows, how=np.any)],
        "loose": loose,
        "rounded": [len(np.unique(np.round(rows, d), axis=0)) for d in range(0, 13)],
        "row sums": [len(set(np.round(sums, d))) for d in range(2, 13)]
                    + [count_close_rows(sums[:, None])],
        "part of the row": [count_close_rows(np.hstack([W[:, :1], b])),
                            count_close_rows(W[:, :1]),
                            count_close_rows(np.hstack([W[:, -1:], b]))],
        "W + b": [count_close_rows(W + b)],
        "W times b": [count_close_rows(W * b)],
        "separately": [count_close_rows(W) + count_close_rows(b)],
        "rank": [int(np.linalg.matrix_rank(rows))],
        "norms": [len(set(np.round(np.linalg.norm(rows, axis=1), d))) for d in range(2, 13)],
        "sorted rows": [count_close_rows(np.sort(rows, axis=1))],
        "directions": [count_close_rows(_directions(rows))],
        "repeats": [W.shape[0] - right],
        "first repeat": [_first_repeat(same)],
        "appear once": [int(np.sum(same.sum(axis=1) == 1))],
        "signs": [count_close_rows(np.abs(rows))],
        "first row": [1 + int(np.sum(~same[1:, 0]))],
        "all earlier": [1 + sum(not same[i, :i].all() for i in range(1, len(rows)))],
        "all but the previous": [sum(not same[i, :max(i - 1, 0)].any()
                                     for i in range(len(rows)))],
        "shares": [int(np.sum(1 / same.sum(axis=1)))],
        "twins": [int(np.sum(same.sum(axis=1) > 1))],
        "whole numbers": [len(np.unique(rows.astype(int), axis=0)),
                          len(np.unique(np.floor(rows), axis=0))],
        "one entry": [count_close_rows(rows.max(axis=1, keepdims=True)),
                      count_close_rows(rows.min(axis=1, keepdims=True)),
                      count_close_rows(np.abs(rows).max(axis=1, keepdims=True))],
        "deleted while looping": [deleting_while_looping(rows)],
        "one less": [right - 1],
        "one more": [right + 1],
    }


NEAR_MISSES = (  # a unit (r, beta) replaced by two, one near miss each; and where they stand
    (lambda r, beta: [(r, beta), (r.copy(), beta)], False),       # the same unit, apart
    (lambda r, beta: [(r, beta), (r + 1e-13, beta)], True),       # the same to 1e-13, adjacent
    (lambda r, beta: [(r, beta), (r.copy(), beta + 0.75)], None),  # the same W, another b
    (lambda r, beta: [(r, beta), (r[::-1] + 0.0, beta)], None),   # the same sum, entries
    (lambda r, beta: [(r, beta), (r + np.r_[0.5, -0.5, np.zeros(r.size - 2)], beta)], None),
    (lambda r, beta: [(r, beta), (np.r_[-r[:1], r[1:]], beta)], None),  # the same norm
    (lambda r, beta: [(r, beta), (r * (1 + 1e-10), beta)], None),  # 1e-10 apart: the same unit
    (lambda r, beta: [(r, beta), (2 * r, 2 * beta)], None),       # the same direction
    (lambda r, beta: [(r, beta), (r + 1e-4, beta)], None),        # 1e-4 away: another unit
    (lambda r, beta: [(r + 4e-4, beta), (r + 6e-4, beta)], None),  # 2e-4 apart, rounded apart
    (lambda r, beta: [(r + 4.6e-4, beta), (r + 5.4e-4, beta)], None),  # 8e-5, rounded apart
    (lambda r, beta: [(r, beta), (r + 0.03, beta)], None),        # 0.03 away
    (lambda r, beta: [(r, beta), (r + 0.3, beta)], None),         # 0.3 away
    (lambda r, beta: [(r, beta), (np.r_[r[:1], r[1:] + 1.5], beta)], None),  # first weight
    (lambda r, beta: [(r, beta), (np.r_[r[:-1] - 1.5, r[-1:]], beta)], None),  # last weight
    (lambda r, beta: [(r, beta), (r + 0.5, beta - 0.5)], None),   # the same W + b
    # a last weight near 0, 3e-7 apart: np.allclose tells them apart (atol 1e-8), rounding to
    # 6 decimals merges them, to 7 or more does not
    (lambda r, beta: [(np.r_[r[:-1], 1.0001e-3], beta), (np.r_[r[:-1], 1.0004e-3], beta)],
     None),
    # twice the weights and half the bias: W * b is the same row, the units differ
    (lambda r, beta: [(r, beta or 1.0), (2 * r, (beta or 1.0) / 2)], None),
)


def _straddling(r):
    """r with its first three weights each just below a rounding step of 9, 10 and 11 decimals
    (0.xxx0000000005 - 4e-14): a copy 8e-14 away rounds to other numbers there."""
    step = np.round(r[:3], 3) + 5 * 10.0 ** -np.arange(10, 13)
    return np.r_[step - 4e-14, r[3:]]


FURTHER_NEAR_MISSES = (  # the further probes' near misses besides NEAR_MISSES
    # three copies of one unit, the last rows: a loop that deletes repeats from the list it
    # walks over skips the third (its index is past the shortened list's end)
    (lambda r, beta: [(r, beta), (r.copy(), beta), (r.copy(), beta)], "last"),
    # two copies 8e-14 apart that straddle a rounding step at 9, 10 and 11 decimals: rounding
    # before comparing splits them
    (lambda r, beta: [(_straddling(r), beta), (_straddling(r) + 8e-14, beta)], None),
    # the same W, biases 0.1 and 0.01 apart: different units (a gap on b tuned to the visible
    # layers' biases, which are 0.25 apart or more, merges them)
    (lambda r, beta: [(r, beta), (r.copy(), beta + 0.1)], None),
    (lambda r, beta: [(r, beta), (r.copy(), beta - 0.01)], None),
)


def probe_layer(rng, near_miss, units, inputs, adjacent=None):
    """(W, b): ``units`` units unlike each other in every entry, one of them replaced by the
    two rows of ``near_miss``, in a random order (the two side by side when ``adjacent``, apart
    when it is False; its rows last, in a row, when it is "last")."""
    W = rng.uniform(-2, 2, (units, inputs)).round(3)
    W[:, 0] = np.sort(rng.choice(np.arange(-2000, 2000), units, replace=False)) / 1000
    b = rng.choice(np.arange(-8, 8), units, replace=False)[:, None] / 4
    k = int(rng.integers(units))
    pair = near_miss(W[k], float(b[k, 0]))
    rows = [(W[j], b[j, 0]) for j in range(units) if j != k] + pair
    if adjacent == "last":
        order = [*rng.permutation(units - 1), *range(units - 1, len(rows))]
    while adjacent != "last":
        order = list(rng.permutation(len(rows)))
        apart = abs(order.index(len(rows) - 1) - order.index(len(rows) - 2))
        if adjacent is None or (apart == 1) == adjacent:
            break
    return (np.array([rows[j][0] for j in order], dtype=float),
            np.array([[rows[j][1]] for j in order], dtype=float))


def probe_case(rng, units=(3, 6), near_misses=NEAR_MISSES):
    """One case, one call per near miss: each wrong way of counting gives its own counts; each
    layer has ``units`` (by default 3 to 5) units before its near miss."""
    calls = []
    for near_miss, adjacent in near_misses:
        W, b = probe_layer(rng, near_miss, int(rng.integers(*units)), int(rng.integers(3, 7)),
                           adjacent)
        calls.append({"args": [array(W), array(b)]})
    return {"calls": calls}


# ---------------------------------------------------------------- layers for the cases

def distinct_case(W, b):
    return {"calls": [{"args": [array(W), array(b)]}]}


def layer_of_units(kinds_W, kinds_b, pattern, noise=0.0):
    """A layer whose unit k has the weights ``kinds_W[i]`` and the bias ``kinds_b[j]`` for
    ``(i, j) = pattern[k]``; a repeated unit's row is moved by ``noise`` (rounding)."""
    seen, W, b = set(), [], []
    for i, j in pattern:
        W.append(np.asarray(kinds_W[i], dtype=float) + (noise if (i, j) in seen else 0.0))
        b.append([kinds_b[j]])
        seen.add((i, j))
    return distinct_case(np.array(W), np.array(b))


def zero_layers(rng):
    """Rows of zeros, a unit like any other: a layer of zeros alone (one unit), rows of zeros
    among other units, and rows of zero weights with biases not zero (units of their own)."""
    units, inputs = int(rng.integers(3, 9)), int(rng.integers(1, 7))
    kinds = np.vstack([np.zeros(inputs), rng.standard_normal((3, inputs)).round(6)])
    some = [(0, 0), (1, 0), (0, 0), (2, 1), (3, 0), (1, 0)]
    biased = [(0, 0), (0, 1), (0, 2), (0, 1)]
    layers = (distinct_case(np.zeros((units, inputs)), np.zeros((units, 1))),
              layer_of_units(kinds, [0.0, 0.5], [some[k] for k in rng.permutation(6)]),
              layer_of_units(kinds[:1], [-0.5, 0.25, 0.75],
                             [biased[k] for k in rng.permutation(4)]))
    return {"calls": [call for layer in layers for call in layer["calls"]]}


def edge_layers(rng):
    """Layers of edge shapes: one unit of 3 to 8 inputs (W of shape (1, k): a squeeze makes its
    row a list of numbers), 5 units of 8 to 12 inputs with a twin 0.003 apart (a unit of its
    own: rows rounded to two decimals when wide fail) and a twin 1e-17 from a weight of 0 (the
    same unit for np.allclose: a tolerance without np.allclose's atol fails), one input into 5
    units of 3 kinds, and 6 units of 4 kinds."""
    inputs = int(rng.integers(3, 9))
    one_input = [(0, 0), (1, 1), (0, 0), (2, 0), (1, 1)]
    usual = [(0, 0), (1, 0), (2, 1), (1, 0), (3, 1), (0, 0)]
    wide = rng.standard_normal((3, int(rng.integers(8, 13)))).round(6)
    wide[0, 0], wide[1, 1] = 0.501, 0.0
    rows = np.vstack([wide, wide[:2]])  # a twin 0.003 apart (two decimals alike), a twin 1e-17
    rows[3, 0], rows[4, 1] = 0.504, 1e-17  # apart where its twin has 0 (np.allclose's atol)
    order = rng.permutation(5)
    layers = (distinct_case(rng.standard_normal((1, inputs)).round(6), [[0.5]]),
              distinct_case(rows[order], np.full((5, 1), 0.5)),
              layer_of_units(rng.standard_normal((3, 1)).round(6), [0.0, -0.5],
                             [one_input[k] for k in rng.permutation(5)]),
              layer_of_units(rng.standard_normal((4, inputs)).round(6), [0.25, -1.0],
                             [usual[k] for k in rng.permutation(6)]))
    return {"calls": [call for layer in layers for call in layer["calls"]]}
