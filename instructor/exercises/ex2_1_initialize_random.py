"""Exercise 2.1 ``initialize_random(layer_dims, scale, rng)``: the instructor's side."""

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex2_1_initialize_random import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, factor_of, new_cases, noted
from .random_networks import (
    deep_case,
    int_scale_case,
    large_case,
    one_layer_case,
    output_width_case,
    random_case,
    repeated_case,
    second_network_case,
    tail_case,
    wide_case,
)


def reference_initialize_random(layer_dims, scale, rng):
    random_params = {}
    for layer in range(1, len(layer_dims)):
        shape = (layer_dims[layer], layer_dims[layer - 1])
        random_params[f"W{layer}"] = rng.standard_normal(shape) * scale
        random_params[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return random_params


RANDOM_CASES = (random_case([2, 10, 5, 1], 10.0, "RandomState", 3),
                random_case([4, 200, 300], 0.01, "default_rng", 0))


def further_random_cases(rng):
    """The visible cases' networks with new seeds and the other kind of rng, a network of 4 to
    6 layers of up to 40 units with a scale above the visible ones (11 to 100), one of 1
    to 3 layers of up to 60 with a scale below them (0.001 to 0.009), either kind of rng, a
    network with a layer shape repeated (``repeated_case``), a network whose draws reach
    past 6 std (``tail_case``), one over 300 units wide (``wide_case``), one of 11 to 13
    layers (``deep_case``), one with a layer of 70,000 weights or more (``large_case``), one
    of a single layer (``one_layer_case``), one drawn after a first network on its
    generator (``second_network_case``), one whose scale is a Python int (``int_scale_case``)
    and one with a hidden layer as wide as the output layer (``output_width_case``)."""
    def network(depths, width, scales):
        def draw(rng):
            dims = [int(n) for n in rng.integers(1, width + 1, int(rng.integers(*depths)) + 1)]
            scale = round(float(10 ** rng.uniform(*scales)), 4)
            kind = ("default_rng", "RandomState")[int(rng.integers(2))]
            return random_case(dims, scale, kind, int(rng.integers(0, 2**31 - 1)))
        return draw
    other = {"default_rng": "RandomState", "RandomState": "default_rng"}
    again = [random_case(dims, scale, other[generator["$rng"][0]], int(rng.integers(0, 2**31 - 1)))
             for dims, scale, generator in (c["calls"][0]["args"] for c in RANDOM_CASES)]
    again = [noted(case, "a visible case's network, with the other kind of rng") for case in again]
    drawn = [noted(new_cases(network(depths, width, scales), rng, 1, RANDOM_CASES)[0], text)
             for depths, width, scales, text in (
                 ((4, 7), 40, (1.05, 2), "a network of 4 to 6 layers, a large scale of 11 to 100"),
                 ((1, 4), 60, (-3, -2.05), "a network of 1 to 3 layers, a scale below 0.01"))]
    return again + drawn + [
        repeated_case(rng), tail_case(rng), wide_case(rng), deep_case(rng), large_case(rng),
        one_layer_case(rng), second_network_case(rng), int_scale_case(rng),
        output_width_case(rng)]


def random_expected(case):
    """The factor of each layer's standard-normal draw in the reference's answer."""
    layer_dims, scale, generator = case["calls"][0]["args"]
    params = reference_initialize_random(layer_dims, scale, build(generator))
    raw = build(generator)
    return {"factors": [factor_of(params[f"W{l}"], raw.standard_normal(params[f"W{l}"].shape))
                        for l in range(1, len(layer_dims))]}


# ---------------------------------------------------------------- the usual mistakes

def random_from_global_numpy(layer_dims, scale, rng):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale),  # noqa: NPY002 - the mistake
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def _layers(layer_dims, draw):
    """Zero biases and, layer by layer, the weights ``draw(n_l, n_prev)``."""
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draw(layer_dims[l], layer_dims[l - 1])), (f"b{l}", np.zeros((layer_dims[l], 1))))}


def _random(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * scale)


def random_with_random_biases(layer_dims, scale, rng):
    params = _random(layer_dims, scale, rng)
    return {k: rng.standard_normal(v.shape) if k[0] == "b" else v for k, v in params.items()}


def random_constant(layer_dims, scale, rng):
    return {k: (np.full_like(v, scale) if k.startswith("W") else v)
            for k, v in _random(layer_dims, scale, rng).items()}


def random_forgot_seed(layer_dims, scale, rng):
    return _random(layer_dims, scale, np.random.default_rng())


def random_forgot_scale(layer_dims, scale, rng):
    return _random(layer_dims, 1.0, rng)


def random_biases_drawn_first(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * 0.0
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
    return params


def random_uniform(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.uniform(-scale, scale, (n, m)))


def random_positive(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.random((n, m)) * scale)


def random_randn(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.randn(n, m) * scale)


def random_shape_in_two_arguments(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal(n, m) * scale)


def random_drawn_once_per_shape(layer_dims, scale, rng, _stored={}):  # noqa: B006 - the mistake
    key = (tuple(layer_dims), scale)
    if key not in _stored:
        _stored[key] = _random(layer_dims, scale, rng)
    return {k: v.copy() for k, v in _stored[key].items()}


def random_by_the_library(layer_dims, scale, rng):
    from initlib import initialize_parameters

    return initialize_parameters(layer_dims, "random", scale=scale, rng=rng)


def random_transposed(layer_dims, scale, rng):
    params = _random(layer_dims, scale, rng)
    params["W1"] = rng.standard_normal((layer_dims[0], layer_dims[1])) * scale
    return params


def random_times_scale_squared(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * scale**2)


def random_divided_by_scale(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) / scale)


def random_over_sqrt_fan_in(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * scale / np.sqrt(m))


def random_in_float32(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: (rng.standard_normal((n, m)) * scale).astype(
        np.float32))


def random_loc_and_scale_swapped(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: scale + rng.standard_normal((n, m)))


def random_last_layer_first(layer_dims, scale, rng):
    draws = {l: rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
             for l in reversed(range(1, len(layer_dims)))}
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draws[l]), (f"b{l}", np.zeros((layer_dims[l], 1))))}


def random_std_plus_one(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.normal(0, scale + 1, (n, m)))


def random_made_positive(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: np.abs(rng.standard_normal((n, m))) * scale)


def random_drawn_twice(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: [rng.standard_normal((n, m)),
                                             rng.standard_normal((n, m)) * scale][1])


def random_scale_over_the_layer(layer_dims, scale, rng):
    params = _random(layer_dims, scale, rng)
    return {k: (v / int(k[1:]) if k[0] == "W" else v) for k, v in params.items()}

def random_over_sqrt_fan_out(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * scale / np.sqrt(n))


def random_rescaled_to_its_std(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = W / W.std() * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_initialize_random, visible=RANDOM_CASES,
    further_cases=further_random_cases, expected=random_expected,
    mistakes=(
        Mistake(random_from_global_numpy, "same seed gave different"),
        Mistake(random_with_random_biases, "biases start at 0"),
        Mistake(random_constant, "constant, not a random"),
        Mistake(random_forgot_seed, "same seed gave different"),
        Mistake(random_forgot_scale, "multiply the standard-normal draw"),
        Mistake(random_transposed, "(transposed?)"),
        Mistake(random_biases_drawn_first, "the biases?"),
        Mistake(random_uniform, "looks like a uniform draw"),
        Mistake(random_positive, "centred on 0"),
        Mistake(random_randn, "no randn; use rng.standard_normal(shape)"),
        Mistake(random_shape_in_two_arguments, "ONE tuple"),
        Mistake(random_drawn_once_per_shape, "ignores rng"),
        Mistake(random_by_the_library, "calls initlib's initialize_parameters"),
        Mistake(random_times_scale_squared, "it is scale ** 2"),
        Mistake(random_divided_by_scale, "it is 1 / scale"),
        Mistake(random_over_sqrt_fan_in, "it is scale / sqrt(n_prev)"),
        Mistake(random_in_float32, "has dtype float32"),
        Mistake(random_loc_and_scale_swapped, "shifted by a constant"),
        Mistake(random_last_layer_first, "later in its stream"),
        Mistake(random_std_plus_one, "it is 1.1 times scale"),
        Mistake(random_made_positive, "(np.abs?)"),
        Mistake(random_drawn_twice, "later in its stream"),
        Mistake(random_scale_over_the_layer, "W2 is the right draw times the wrong factor"),
        Mistake(random_over_sqrt_fan_out, "scale / sqrt(n_l)"),
        Mistake(random_rescaled_to_its_std, "divided by its own std"),
    ))
