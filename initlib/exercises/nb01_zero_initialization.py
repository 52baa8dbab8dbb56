"""Notebook 01's exercises: 1.1 ``initialize_zeros``, 1.2 ``count_distinct``."""

import numpy as np

from .._protocol import array, build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import judge_param_dict, returned

# ---------------------------------------------------------------- 1.1 initialize_zeros


def zeros_case(layer_dims):
    return {"calls": [{"args": [list(layer_dims)]}]}


def judge_initialize_zeros(case, outcomes):
    """``initialize_zeros(layer_dims)`` returns all-zero W and b."""
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
    ))

# ---------------------------------------------------------------- 1.2 count_distinct


def distinct_case(W, b, expected):
    return {"calls": [{"args": [array(W), array(b)]}], "expected": expected}


def _visible_distinct_cases():
    rng = np.random.default_rng(1)
    row = rng.standard_normal(3)
    return (
        distinct_case(np.tile(row, (4, 1)), np.zeros((4, 1)), 1),
        distinct_case(rng.standard_normal((5, 3)), np.zeros((5, 1)), 5),
        distinct_case(np.tile(row, (3, 1)), [[0.0], [1.0], [0.0]], 2),
    )


DISTINCT_CASES = _visible_distinct_cases()


def further_distinct_cases(rng):
    """One layer of each kind: all alike; alike but for the biases; some repeated rows;
    all-zero weights; all different. Sizes and numbers drawn from ``rng``."""
    def layer(rng, kinds, zero_weights=False, same_weights=False, zero_biases=True):
        units, inputs = int(rng.integers(kinds + 1, 10)), int(rng.integers(2, 10))
        which = np.concatenate([np.arange(kinds), rng.integers(0, kinds, units - kinds)])
        rng.shuffle(which)
        W = rng.standard_normal((kinds, inputs))
        b = np.zeros((kinds, 1)) if zero_biases else (rng.permutation(16)[:kinds, None] - 8) / 4
        if same_weights:
            W[:] = W[0]
        if zero_weights:
            W[:] = 0.0
        return distinct_case(W[which], b[which], kinds)

    return [
        layer(rng, 1),
        layer(rng, int(rng.integers(2, 4)), same_weights=True, zero_biases=False),
        layer(rng, int(rng.integers(2, 6))),
        layer(rng, 1, zero_weights=True),
        layer(rng, int(rng.integers(6, 9)), zero_biases=False),
    ]


def judge_count_distinct(case, outcomes):
    """``count_distinct(W, b)`` counts the distinct units (rows of [W | b])."""
    W, b = build(case["calls"][0]["args"])
    expected = case["expected"]
    got = returned(outcomes[0])
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise Wrong(f"return a whole number (int), not a {type(got).__name__}")
    if got != expected:
        hint = ""
        if got == W.shape[0] and expected < W.shape[0]:
            hint = ": you seem to count all rows; count only the different ones"
        elif expected > 1 and got == len({tuple(row) for row in W}):
            hint = ": remember the bias - units with different b are different"
        raise Wrong(f"wrong number of distinct units{hint}",
                    f"W of shape {W.shape}: expected {expected}, got {got}")


def distinct_counts_rows(W, b):
    return W.shape[0]


def distinct_ignores_bias(W, b):
    return len({tuple(row) for row in W})


def distinct_as_float(W, b):
    return float(len({tuple(row) for row in np.hstack([W, b])}))


COUNT_DISTINCT = Exercise(
    number="1.2", function="count_distinct", signature="count_distinct(W, b)",
    task="distinct units of a layer", points=2,
    praise="distinct units counted correctly, biases included",
    cases=DISTINCT_CASES, judge=judge_count_distinct, further_cases=further_distinct_cases,
    mistakes=(
        Mistake(distinct_counts_rows, "count only the different ones"),
        Mistake(distinct_ignores_bias, "remember the bias"),
        Mistake(distinct_as_float, "whole number"),
    ))

EXERCISES = (INITIALIZE_ZEROS, COUNT_DISTINCT)
