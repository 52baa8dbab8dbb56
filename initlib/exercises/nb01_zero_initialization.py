"""Notebook 01's exercises: 1.1 ``initialize_zeros``, 1.2 ``count_distinct``."""

import numpy as np

from .._protocol import array, build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import judge_param_dict, not_reused, returned

# ---------------------------------------------------------------- 1.1 initialize_zeros


def zeros_case(layer_dims):
    return {"calls": [{"args": [list(layer_dims)]}]}


def judge_initialize_zeros(case, outcomes):
    """``initialize_zeros(layer_dims)`` returns all-zero W and b."""
    not_reused(outcomes, ("initialize_parameters",), "initialize_zeros")
    (layer_dims,) = case["calls"][0]["args"]
    params = returned(outcomes[0])
    judge_param_dict(params, layer_dims)
    for key in sorted(params):
        value = params[key]
        if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and np.any(value != 0):
            raise Wrong(f"{key} should be all zeros but holds non-zero values",
                        f"max |value| {np.abs(value).max():.3g}")


ZEROS_CASES = (zeros_case([2, 10, 5, 1]), zeros_case([3, 4, 1]))


def further_zeros_cases(rng):
    """Networks of 1 to 4 layers of 1 to 9 units."""
    def draw(rng):
        return zeros_case(int(n) for n in rng.integers(1, 10, int(rng.integers(2, 6))))
    return new_cases(draw, rng, 3, ZEROS_CASES)


def zeros_plus_a_little(layer_dims):
    return {f"{p}{l}": np.zeros((layer_dims[l], layer_dims[l - 1] if p == "W" else 1)) + 0.01
            for l in range(1, len(layer_dims)) for p in "Wb"}


def zeros_shape_as_two_arguments(layer_dims):  # np.zeros(n, m): the second argument is a dtype
    return {"W1": np.zeros(layer_dims[1], layer_dims[0])}


def zeros_by_the_library(layer_dims):
    from initlib import initialize_parameters

    return initialize_parameters(layer_dims, "zeros")


def zeros_one_layer_too_far(layer_dims):
    return {f"W{l}": np.zeros((layer_dims[l], layer_dims[l - 1])) for l in range(1, len(
        layer_dims) + 1)}


def _zeros(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zeros_transposed(layer_dims):
    params = _zeros(layer_dims)
    params["W2"] = params["W2"].T
    return params


def zeros_flat_bias(layer_dims):
    params = _zeros(layer_dims)
    params["b1"] = np.zeros(layer_dims[1])
    return params


def zeros_from_layer_zero(layer_dims):
    return {f"W{l}": np.zeros((layer_dims[l + 1], layer_dims[l]))
            for l in range(len(layer_dims) - 1)}


INITIALIZE_ZEROS = Exercise(
    number="1.1", function="initialize_zeros", signature="initialize_zeros(layer_dims)",
    task="", points=2, praise="every W[l] and b[l] is zero with the right shape",
    cases=ZEROS_CASES, judge=judge_initialize_zeros, further_cases=further_zeros_cases,
    mistakes=(
        Mistake(zeros_plus_a_little, "should be all zeros"),
        Mistake(zeros_shape_as_two_arguments, "np.zeros((n_l, n_prev))"),
        Mistake(zeros_transposed, "(transposed?)"),
        Mistake(zeros_flat_bias, "use a column"),
        Mistake(zeros_from_layer_zero, "layers are numbered from 1"),
        Mistake(zeros_by_the_library, "calls initlib's initialize_parameters"),
        Mistake(zeros_one_layer_too_far, "indexed past the end of a list"),
    ))

# ---------------------------------------------------------------- 1.2 count_distinct


def distinct_case(W, b, expected):
    return {"calls": [{"args": [array(W), array(b)]}], "expected": expected}


def units(kinds_W, kinds_b, pattern, noise=0.0):
    """A layer whose unit k has the weights ``kinds_W[i]`` and the bias ``kinds_b[j]`` for
    ``(i, j) = pattern[k]``; a repeated unit's row is moved by ``noise`` (rounding)."""
    seen, W, b = set(), [], []
    for i, j in pattern:
        W.append(np.asarray(kinds_W[i], dtype=float) + (noise if (i, j) in seen else 0.0))
        b.append([kinds_b[j]])
        seen.add((i, j))
    return distinct_case(np.array(W), np.array(b), len(seen))


def _visible_distinct_cases():
    rng = np.random.default_rng(1)
    kinds = rng.standard_normal((3, 5)).round(3)
    return (
        # rows equal in W but not in b, duplicates apart: neither all rows nor W alone count
        units(kinds, [0.0, 1.0], [(0, 0), (0, 0), (1, 0), (0, 1), (2, 1), (1, 0), (2, 1),
                                  (0, 1)]),
        # all biases equal, every row of W different
        units(rng.standard_normal((5, 2)).round(3), [0.5], [(k, 0) for k in range(5)]),
        # repeated units that differ only by rounding: the same unit
        units(kinds[:2, :3], [0.0, -0.25], [(0, 0), (1, 1), (0, 0), (1, 1), (0, 0), (1, 0)],
              noise=1e-13),
    )


DISTINCT_CASES = _visible_distinct_cases()


def further_distinct_cases(rng):
    """Layers of 3 to 12 units and 1 to 8 inputs, some duplicated apart in W alone, in b alone,
    or in both (sometimes to rounding): all alike, all different, and mixes."""
    def layer(rng, num_W, num_b, noise=0.0, zero_weights=False, every=False):
        inputs = int(rng.integers(1, 9))
        kinds_W = np.zeros((num_W, inputs)) if zero_weights else rng.standard_normal(
            (num_W, inputs))
        kinds_b = (rng.permutation(16)[:num_b] - 8) / 4
        pairs = [(i, j) for i in range(num_W) for j in range(num_b)]
        count = len(pairs) if every else int(rng.integers(1, len(pairs) + 1))
        chosen = [pairs[k] for k in rng.permutation(len(pairs))[:count]]
        pattern = chosen + [chosen[k] for k in rng.integers(0, len(chosen),
                                                            int(rng.integers(2, 6)))]
        return units(kinds_W, kinds_b, [pattern[k] for k in rng.permutation(len(pattern))],
                     noise)

    return [
        layer(rng, 1, 1),
        layer(rng, 1, int(rng.integers(2, 4)), every=True),
        layer(rng, int(rng.integers(2, 4)), 1, noise=1e-12),
        layer(rng, 1, 1, zero_weights=True),
        layer(rng, int(rng.integers(2, 5)), int(rng.integers(2, 4)), every=True),
    ]


def _distinct(rows, equal):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def distinct_mistakes(W, b):
    """What each usual wrong way of counting gives on (W, b), and what it misses."""
    rows = np.hstack([W, b])
    close = lambda x, y: np.allclose(x, y)  # noqa: E731
    return [
        (W.shape[0], "you seem to count all rows; count only the different ones"),
        (_distinct(W, close), "remember the bias - units with the same row of W but different "
                              "b are different units"),
        (_distinct(b, close), "you compared only the biases; units whose rows of W differ are "
                              "different too"),
        (_distinct(rows.T, close), "you seem to count distinct columns; a unit is a row of "
                                   "[W | b], one row per unit"),
        (_distinct(W.T, close), "you seem to count distinct columns of W; a unit is a row of "
                                "[W | b], one row per unit"),
        (len(np.unique(rows)), "you counted distinct numbers; compare whole rows of [W | b], "
                               "one per unit"),
        (len(np.unique(rows, axis=0)), "rows that differ only by rounding (1e-13) are the same "
                                       "unit: compare rows with np.allclose, not with == or "
                                       "np.unique"),
        (1 + int(np.sum(np.any(~np.isclose(rows[1:], rows[:-1]), axis=1))),
         "you compared each row only with the one just above it; a unit is a repeat when it "
         "equals ANY earlier row"),
    ]


def judge_count_distinct(case, outcomes):
    """``count_distinct(W, b)`` counts the distinct units (rows of [W | b], to rounding)."""
    not_reused(outcomes, ("count_distinct_units",), "count_distinct")
    W, b = build(case["calls"][0]["args"])
    expected = case["expected"]
    got = returned(outcomes[0])
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise Wrong(f"return a whole number (int), not a {type(got).__name__}")
    if got == expected:
        return
    where = f"W of shape {W.shape}: expected {expected}, got {got}"
    for value, explanation in distinct_mistakes(W, b):
        if got == value:
            raise Wrong(f"wrong number of distinct units: {explanation}", where)
    raise Wrong("wrong number of distinct units: a unit is a row of [W | b]; count a row only "
                "when no earlier row is np.allclose to it", where)


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


COUNT_DISTINCT = Exercise(
    number="1.2", function="count_distinct", signature="count_distinct(W, b)",
    task="distinct units of a layer", points=2,
    praise="distinct units counted correctly, biases included",
    cases=DISTINCT_CASES, judge=judge_count_distinct, further_cases=further_distinct_cases,
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
    ))

EXERCISES = (INITIALIZE_ZEROS, COUNT_DISTINCT)
