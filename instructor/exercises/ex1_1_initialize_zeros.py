"""Exercise 1.1 ``initialize_zeros(layer_dims)``: the instructor's side."""

import numpy as np

from initlib.exercises.ex1_1_initialize_zeros import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, called_twice, new_cases, noted


def reference_initialize_zeros(layer_dims):
    zero_params = {}
    for layer in range(1, len(layer_dims)):
        zero_params[f"W{layer}"] = np.zeros((layer_dims[layer], layer_dims[layer - 1]))
        zero_params[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return zero_params


def zeros_case(layer_dims):
    return {"calls": [{"args": [list(layer_dims)]}]}


ZEROS_CASES = (called_twice(zeros_case([2, 10, 5, 1])), zeros_case([3, 4, 1]))

ZEROS_ABOUT = (  # what kind of case each further case is, in its order
    "a network of 6 layers of up to 30 units",
    "a network with a layer of 11 to 40 units, wider than any visible one",
    "a small network of 1 to 6 layers of 1 to 9 units",
    "a network with a hidden layer of a single unit",
    "a network of 10 to 12 layers: layer numbers of two digits",
    "a width that comes twice in layer_dims, after different widths",
    "layers of 301 to 600 units and of a single unit, side by side",
    "the output layer's width comes twice: also just before it",
    "a network of a single layer, [n_x, n_y]: no hidden layer")


def further_zeros_cases(rng):
    """A network of 6 layers, one of 1 to 3 layers with a layer wider than any visible one (11
    to 40 units), one of 1 to 6 layers of 1 to 9 units, and one of 3 to 5 layers with a hidden
    layer of a single unit (an answer that stops at a width of one fails); then one where a
    width comes twice, after two different widths (an answer that looks a layer's inputs up by
    its width fails), one of 301 to 600 units against a single one (small in all, but wider
    than any table of widths), and [m + 1, m, m], whose output's width comes before it (an
    answer that finds the last layer with layer_dims.index fails), and one of a single layer,
    [n_x, n_y] (an answer that builds the output layer from a variable its hidden-layer loop
    left behind fails), and one of 10 to 12 layers (keys built for one-digit layer numbers
    fail). Each reports layer_dims back
    after the call: an answer that changes it fails."""
    def network(depths, widths, wide=False, narrow=False):
        def draw(rng):
            dims = [int(n) for n in rng.integers(*widths, int(rng.integers(*depths)) + 1)]
            if wide:
                dims[int(rng.integers(1, len(dims)))] = int(rng.integers(11, 41))
            if narrow:
                dims[int(rng.integers(1, len(dims) - 1))] = 1
            return zeros_case(dims)
        return draw
    cases = []
    for draw in (network((6, 7), (1, 31)), network((1, 4), (1, 10), wide=True),
                 network((1, 7), (1, 10)), network((3, 6), (2, 10), narrow=True),
                 network((10, 13), (1, 10))):
        cases += new_cases(draw, rng, 1, ZEROS_CASES + tuple(cases))
    m, below = int(rng.integers(2, 10)), [int(n) for n in rng.choice(np.arange(1, 10), 2, False)]
    wide = int(rng.integers(301, 601))
    cases += [zeros_case([below[0], m, below[1], m]),
              zeros_case([1, wide, 1] if rng.integers(2) else [wide, 1, wide]),
              zeros_case([m + 1, m, m]),  # the output's width first comes before it
              zeros_case([int(n) for n in rng.integers(1, 10, 2)])]  # one layer: no hidden ones
    for case in cases:  # layer_dims as it is after the call: an answer that changes it fails
        case["calls"][0]["report_args"] = True
    return [noted(case, text) for case, text in zip(cases, ZEROS_ABOUT, strict=True)]


# ---------------------------------------------------------------- the usual mistakes

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


def zeros_of_int_dtype(layer_dims):
    return {k: (v.astype(int) if k[0] == "W" else v) for k, v in _zeros(layer_dims).items()}


def zeros_stopping_early(layer_dims):
    return _zeros(layer_dims[:-1])


def zeros_row_bias(layer_dims):
    return {k: (v.T if k[0] == "b" else v) for k, v in _zeros(layer_dims).items()}


def zeros_square_weights(layer_dims):
    return {k: (np.zeros((v.shape[0], v.shape[0])) if k[0] == "W" else v)
            for k, v in _zeros(layer_dims).items()}


def zeros_without_biases(layer_dims):
    return {k: v for k, v in _zeros(layer_dims).items() if k[0] == "W"}


def zeros_of_ones(layer_dims):
    return {k: (v + 1 if k[0] == "W" else v) for k, v in _zeros(layer_dims).items()}


def zeros_bias_in_float32(layer_dims):
    return {k: (v.astype(np.float32) if k[0] == "b" else v) for k, v in _zeros(layer_dims).items()}


def zeros_keys_zero_padded(layer_dims):
    return {f"{k[0]}{int(k[1:]):02d}": v for k, v in _zeros(layer_dims).items()}


def zeros_bias_as_a_number(layer_dims):
    return {k: (0.0 if k[0] == "b" else v) for k, v in _zeros(layer_dims).items()}

def zeros_next_layers_shape(layer_dims):
    L = len(layer_dims) - 1
    return {k: v for l in range(1, L + 1) for k, v in (
        (f"W{l}", np.zeros((layer_dims[(l + 1) % (L + 1)], layer_dims[l]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zeros_last_layer_first(layer_dims):
    dims = layer_dims[::-1]
    return {k: v for l in range(1, len(dims)) for k, v in (
        (f"W{l}", np.zeros((dims[l - 1], dims[l]))), (f"b{l}", np.zeros((dims[l - 1], 1))))}


def zeros_with_a_bias_column(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1] + 1))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zeros_into_another_dict(layer_dims):
    params, parameters = {}, {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
    return params


def zeros_with_the_depth(layer_dims):
    return {**_zeros(layer_dims), "L": len(layer_dims) - 1}


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_initialize_zeros, visible=ZEROS_CASES,
    further_cases=further_zeros_cases,
    mistakes=(
        Mistake(zeros_plus_a_little, "should be all zeros"),
        Mistake(zeros_shape_as_two_arguments, "np.zeros((n_l, n_prev))"),
        Mistake(zeros_transposed, "(transposed?)"),
        Mistake(zeros_flat_bias, "use a column"),
        Mistake(zeros_from_layer_zero, "layers are numbered from 1"),
        Mistake(zeros_by_the_library, "calls initlib's initialize_parameters"),
        Mistake(zeros_one_layer_too_far, "indexed past the end of a list"),
        Mistake(zeros_of_int_dtype, "weights must be floats"),
        Mistake(zeros_stopping_early, "stops one layer short"),
        Mistake(zeros_row_bias, "a row; use a column"),
        Mistake(zeros_square_weights, "columns the inputs from layer l - 1"),
        Mistake(zeros_without_biases, "every W but no b"),
        Mistake(zeros_of_ones, "should be all zeros"),
        Mistake(zeros_bias_in_float32, "b1 has dtype float32"),
        Mistake(zeros_keys_zero_padded, "no leading zero"),
        Mistake(zeros_bias_as_a_number, "b1 should be a numpy array"),
        Mistake(zeros_next_layers_shape, "the shape of the next layer"),
        Mistake(zeros_last_layer_first, "the layers in reverse order"),
        Mistake(zeros_with_a_bias_column, "an extra column for the bias"),
        Mistake(zeros_into_another_dict, "returned an empty dict"),
        Mistake(zeros_with_the_depth, "an extra key, 'L'"),
    ))
