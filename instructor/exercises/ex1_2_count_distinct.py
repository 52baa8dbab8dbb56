"""Exercise 1.2 ``count_distinct(W, b)``: the instructor's side."""

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex1_2_count_distinct import EXERCISE as STUDENT

from .distinct_counts import (
    FURTHER_NEAR_MISSES,
    NEAR_MISSES,
    count_unlike_rows,
    distinct_counts_if,
    earlier_row_each_repeats,
    edge_layers,
    layer_of_units,
    probe_case,
    zero_layers,
)
from .distinct_layers import copies_layers, middle_layer, near_twins_layer, wide_far_layer
from .graded import GradedExercise, Mistake, noted


def reference_count_distinct(W, b):
    units_seen = []
    for unit in np.hstack([W, b]):
        if not any(np.allclose(unit, seen) for seen in units_seen):
            units_seen.append(unit)
    return len(units_seen)


def visible_distinct_cases():
    rng = np.random.default_rng(1)
    kinds = rng.standard_normal((3, 5)).round(3)
    probe = probe_case(np.random.default_rng(12))
    return (
        # each wrong way of counting gives its own counts on these layers; the first one again
        {"calls": [*probe["calls"], probe["calls"][0]]},
        # rows equal in W but not in b, duplicates apart: neither all rows nor W alone count
        layer_of_units(kinds, [0.0, 1.0], [(0, 0), (0, 0), (1, 0), (0, 1), (2, 1), (1, 0),
                                           (2, 1), (0, 1)]),
        # all biases equal, every row of W different
        layer_of_units(rng.standard_normal((5, 2)).round(3), [0.5], [(k, 0) for k in range(5)]),
        # repeated units that differ only by rounding: the same unit
        layer_of_units(kinds[:2, :3], [0.0, -0.25],
                       [(0, 0), (1, 1), (0, 0), (1, 1), (0, 0), (1, 0)], noise=1e-13),
    )


DISTINCT_CASES = visible_distinct_cases()


def further_distinct_cases(rng):
    """Two probe cases of new layers (each near miss: equal sums, rows 1e-4 apart, ...), the
    second's layers over 8 units (a tolerance that changes with the size fails), and
    layers of 3 to 12 units and 1 to 8 inputs, some duplicated apart in W alone, in b alone,
    or in both (sometimes to rounding): all alike, all different, and mixes; a wide layer
    whose twins are far apart (``wide_far_layer``); a layer of near twins
    (``near_twins_layer``); layers of many copies (``copies_layers``); rows of zeros
    (``zero_layers``), edge shapes, one unit or one input (``edge_layers``), and units unlike
    in a middle weight alone (``middle_layer``). Each call reports W and b back: an answer
    that changes them fails."""
    def layer(rng, num_W, num_b, noise=0.0, zero_weights=False, every=False):
        inputs = int(rng.integers(1, 9))
        kinds_W = np.zeros((num_W, inputs)) if zero_weights else rng.standard_normal(
            (num_W, inputs)).round(6)  # 6 decimals: a noise of 1e-12 never crosses a rounding
        # to 9 (rows rounded that far before comparing are right, as np.allclose is)
        kinds_b = (rng.permutation(16)[:num_b] - 8) / 4
        pairs = [(i, j) for i in range(num_W) for j in range(num_b)]
        count = len(pairs) if every else int(rng.integers(1, len(pairs) + 1))
        chosen = [pairs[k] for k in rng.permutation(len(pairs))[:count]]
        pattern = chosen + [chosen[k] for k in rng.integers(0, len(chosen),
                                                            int(rng.integers(2, 6)))]
        return layer_of_units(kinds_W, kinds_b,
                              [pattern[k] for k in rng.permutation(len(pattern))], noise)

    near = NEAR_MISSES + FURTHER_NEAR_MISSES
    cases = [
        noted(probe_case(rng, near_misses=near),
              "layers each holding a near miss: two units alike in part, or almost alike"),
        noted(probe_case(rng, units=(9, 15), near_misses=near),
              "the near misses again, in layers of 10 to 15 units"),
        noted(layer(rng, 1, 1), "a layer whose units are all the same"),
        noted(layer(rng, 1, int(rng.integers(2, 4)), every=True),
              "units alike in W, with 2 or 3 different biases"),
        noted(layer(rng, int(rng.integers(2, 4)), 1, noise=1e-12),
              "units alike in b, their copies off by a rounding error"),
        noted(layer(rng, 1, 1, zero_weights=True), "units all of zero weights and the same bias"),
        noted(layer(rng, int(rng.integers(2, 5)), int(rng.integers(2, 4)), every=True),
              "a mix of units alike in W alone, in b alone, or in both"),
        noted(wide_far_layer(rng), "a wide layer, 9 to 16 inputs, whose twin units are far apart"),
        noted(near_twins_layer(rng),
              "twin units whose weights differ by 2e-6, relatively: one unit for np.allclose"),
        noted(copies_layers(rng), "layers of many copies of one unit, 7 and 11 times"),
        noted(zero_layers(rng), "rows of zeros: alone, among other units, or with biases"),
        noted(edge_layers(rng), "edge shapes: a single unit, a single input, twins a hair apart"),
        noted(middle_layer(rng), "units alike in their first and last weights and in their "
              "bias, unlike in a weight between"),
    ]
    for case in cases:  # W and b as they are after the call: an answer that changes them fails
        for call in case["calls"]:
            call["report_args"] = True
    return cases


def distinct_expected(case):
    """For each call, the right count and what each wrong way of counting gives."""
    found = []
    for call in case["calls"]:
        W, b = build(call["args"])
        found.append({"count": reference_count_distinct(W, b),
                      "counts_if": distinct_counts_if(W, b),
                      "repeat_of": earlier_row_each_repeats(np.hstack([W, b]))})
    return found


# ---------------------------------------------------------------- the usual mistakes

def distinct_counts_rows(W, b):
    return W.shape[0]


def distinct_ignores_bias(W, b):
    return len({tuple(row) for row in W})


def distinct_as_float(W, b):
    return float(len({tuple(row) for row in np.hstack([W, b])}))


def distinct_biases_only(W, b):
    return len(np.unique(b))


def distinct_columns(W, b):
    return len({tuple(column) for column in np.hstack([W, b]).T})


def distinct_numbers(W, b):
    return len(np.unique(np.hstack([W, b])))


def distinct_exactly(W, b):
    return len(np.unique(np.hstack([W, b]), axis=0))


def distinct_neighbours(W, b):
    rows = np.hstack([W, b])
    return 1 + sum(not np.allclose(rows[k], rows[k - 1]) for k in range(1, len(rows)))


def distinct_by_the_library(W, b):
    from initlib import count_distinct_units

    return count_distinct_units({"W1": W, "b1": b})[0]


def _count(W, b, equal):
    return count_unlike_rows(np.hstack([W, b]), equal)


def distinct_if_any_entry_matches(W, b):
    return _count(W, b, lambda row, other: np.isclose(row, other).any())


def distinct_loosely(W, b):
    return _count(W, b, lambda row, other: np.allclose(row, other, atol=0.5))


def distinct_repeats(W, b):
    return W.shape[0] - _count(W, b, np.allclose)


def distinct_with_b_added(W, b):
    return _count(W + b, np.zeros((W.shape[0], 0)), np.allclose)


def distinct_by_first_weight(W, b):
    return _count(W[:, :1], b, np.allclose)


def distinct_one_too_few(W, b):
    return _count(W, b, np.allclose) - 1


def distinct_of_W_times_b(W, b):
    return _count(W * b, np.zeros((W.shape[0], 0)), np.allclose)


def distinct_columns_exactly(W, b):
    return np.unique(np.hstack([W, b]), axis=1).shape[1]


def distinct_of_absolute_values(W, b):
    return count_unlike_rows(np.abs(np.hstack([W, b])), np.allclose)


def distinct_against_the_first_row(W, b):
    rows = np.hstack([W, b])
    return int(sum(not np.allclose(row, rows[0]) for row in rows)) + 1


def distinct_rows_with_twins(W, b):
    rows = np.hstack([W, b])
    return int(sum(sum(np.allclose(row, other) for other in rows) >= 2 for row in rows))


def distinct_truncated(W, b):
    return len({tuple(row) for row in np.trunc(np.hstack([W, b]))})


def distinct_by_smallest_entry(W, b):
    return count_unlike_rows(np.hstack([W, b]).min(axis=1), np.isclose)


def distinct_rows_joined_below(W, b):
    return count_unlike_rows(np.concatenate([W, b]), np.allclose)


def distinct_down_the_columns(W, b):
    rows, count = np.hstack([W, b]), 1
    for i in range(1, len(rows)):
        if not any(np.allclose(rows[:i, j], rows[i, j]) for j in range(rows.shape[1])):
            count += 1
    return count


def distinct_until_a_repeat(W, b):
    rows, k = np.hstack([W, b]), 1
    while k < len(rows) and not any(np.allclose(rows[k], row) for row in rows[:k]):
        k += 1
    return k


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_count_distinct, visible=DISTINCT_CASES,
    further_cases=further_distinct_cases, expected=distinct_expected,
    mistakes=(
        Mistake(distinct_counts_rows, "count only the different ones"),
        Mistake(distinct_ignores_bias, "remember the bias"),
        Mistake(distinct_as_float, "whole number"),
        Mistake(distinct_biases_only, "compared only the biases"),
        Mistake(distinct_columns, "distinct columns"),
        Mistake(distinct_numbers, "distinct numbers"),
        Mistake(distinct_exactly, "np.allclose"),
        Mistake(distinct_neighbours, "just above it"),
        Mistake(distinct_by_the_library, "calls initlib's count_distinct_units"),
        Mistake(distinct_if_any_entry_matches, "not when any one does"),
        Mistake(distinct_loosely, "tolerance is too loose"),
        Mistake(distinct_repeats, "you counted the repeats"),
        Mistake(distinct_with_b_added, "you added b to W"),
        Mistake(distinct_by_first_weight, "only part of each row"),
        Mistake(distinct_one_too_few, "one too few"),
        Mistake(distinct_of_W_times_b, "you multiplied W by b"),
        Mistake(distinct_columns_exactly, "distinct columns"),
        Mistake(distinct_of_absolute_values, "absolute values (np.abs)"),
        Mistake(distinct_against_the_first_row, "only with the first row"),
        Mistake(distinct_rows_with_twins, "rows that have a twin"),
        Mistake(distinct_truncated, "cast the rows to int"),
        Mistake(distinct_by_smallest_entry, "compared rows by one entry"),
        Mistake(distinct_rows_joined_below, "put b beside W as one more column"),
        Mistake(distinct_down_the_columns, "along the wrong axis"),
        Mistake(distinct_until_a_repeat, "stops at the first repeat"),
    ))
