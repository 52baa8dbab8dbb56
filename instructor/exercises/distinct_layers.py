"""Layers of exercise 1.2's further cases, each drawn to show a way of comparing units that
the visible cases cannot: far twins, many copies, near twins, and units unlike in their
middle weights alone."""

import numpy as np

from .distinct_counts import distinct_case, layer_of_units


def wide_far_layer(rng):
    """A layer of 9 to 16 inputs whose 8 to 12 different units differ only in their last
    weight or their bias, each unit there twice, the second time 8 or more rows after the
    first (an answer that compares only the first columns of [W | b], or only rows close to
    each other, fails)."""
    inputs, kinds = int(rng.integers(9, 17)), int(rng.integers(8, 13))
    kinds_W = np.tile(rng.standard_normal(inputs).round(6), (kinds, 1))
    kinds_W[:, -1] = rng.standard_normal(kinds).round(6)
    units = [(i, int(rng.integers(2))) for i in range(kinds)]
    units = [units[k] for k in rng.permutation(kinds)]
    return layer_of_units(kinds_W, [0.0, 0.5], units + units)


def copies_layers(rng):
    """Two layers of many copies: one unit 7 times, and two units followed by a third 11 times
    (an answer that adds 1 / k for each of k copies and truncates the floating sum with int()
    gets one unit too few: 7 * (1 / 7) sums to 0.999...)."""
    inputs = int(rng.integers(2, 7))
    rows = rng.standard_normal((3, inputs)).round(6)
    b = (rng.permutation(16)[:3] - 8)[:, None] / 4
    seven = distinct_case(np.tile(rows[:1], (7, 1)), np.tile(b[:1], (7, 1)))
    eleven = distinct_case(np.vstack([rows[:2], np.tile(rows[2:], (11, 1))]),
                           np.vstack([b[:2], np.tile(b[2:], (11, 1))]))
    return {"calls": seven["calls"] + eleven["calls"]}


def near_twins_layer(rng):
    """3 to 5 units of 2 to 6 inputs, each there twice: the second time with every weight
    2e-6 larger relatively and the bias 1e-13 away, the same unit for np.allclose (rows cast to
    float32, or grouped by their exact bias, fail)."""
    kinds, inputs = int(rng.integers(3, 6)), int(rng.integers(2, 7))
    W = rng.uniform(0.5, 2.0, (kinds, inputs)).round(6) * rng.choice([-1.0, 1.0], (kinds, inputs))
    b = (rng.permutation(16)[:kinds] - 8)[:, None] / 4
    order = rng.permutation(2 * kinds)
    rows = np.vstack([W, W * (1 + 2e-6)])[order]
    return distinct_case(rows, np.vstack([b, b + 1e-13])[order])


def middle_layer(rng):
    """3 to 5 different units of 4 to 8 inputs, alike in their first and last weights and in
    their bias, each unlike the others in one weight between them, and two of them there
    twice (an answer that compares only some columns of [W | b] fails)."""
    inputs, kinds = int(rng.integers(4, 9)), int(rng.integers(3, 6))
    kinds_W = np.tile(rng.standard_normal(inputs).round(6), (kinds, 1))
    kinds_W[np.arange(kinds), rng.integers(1, inputs - 1, kinds)] += rng.uniform(
        0.5, 2.0, kinds).round(6)
    pattern = [(k, 0) for k in range(kinds)] + [(int(k), 0) for k in rng.integers(0, kinds, 2)]
    return layer_of_units(kinds_W, [0.5], [pattern[k] for k in rng.permutation(len(pattern))])
