"""Exercise 2.1 ``initialize_random(layer_dims, scale, rng)``: the instructor's side."""

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex2_1_initialize_random import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, factor_of, new_cases, noted, seeded_calls
from .tail_seeds import sizes_holding, tail_seed


def reference_initialize_random(layer_dims, scale, rng):
    random_params = {}
    for layer in range(1, len(layer_dims)):
        shape = (layer_dims[layer], layer_dims[layer - 1])
        random_params[f"W{layer}"] = rng.standard_normal(shape) * scale
        random_params[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return random_params


def random_case(layer_dims, scale, rng, seed):
    return seeded_calls([list(layer_dims), scale], rng, seed)


RANDOM_CASES = (random_case([2, 10, 5, 1], 10.0, "RandomState", 3),
                random_case([4, 200, 300], 0.01, "default_rng", 0))


def further_random_cases(rng):
    """The visible cases' networks with new seeds and the other kind of rng, a network of 4 to
    6 layers of up to 40 units with a scale above the visible ones (11 to 100), one of 1
    to 3 layers of up to 60 with a scale below them (0.001 to 0.009), either kind of rng, a
    network with a layer shape repeated (``repeated_case``), a network whose draws reach
    past 6 std (``tail_case``), one over 300 units wide (``wide_case``), one of 11 to 13
    layers (``deep_case``), one with a layer of 70,000 weights or more (``large_case``), one
    of a single layer (``one_layer_case``) and one drawn after a first network on its
    generator (``second_network_case``)."""
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
        one_layer_case(rng), second_network_case(rng)]


def any_rng_case(rng, dims, text, scales=(-2, 1)):
    """A case of the network ``dims``, of the kind ``text``: any rng, seed, scale 10 ** scales."""
    kind = ("default_rng", "RandomState")[int(rng.integers(2))]
    return noted(random_case(dims, round(float(10 ** rng.uniform(*scales)), 4), kind,
                             int(rng.integers(0, 2**31 - 1))), text)


def second_network_case(rng):
    """A network of 2 or 3 layers of 2 to 9 units drawn from a generator that drew the same
    network once before (an answer that copies rng, or saves and restores its state, so
    that it never advances, fails)."""
    dims = [int(n) for n in rng.integers(2, 10, int(rng.integers(3, 5)))]
    case = random_case(dims, round(float(10 ** rng.uniform(-2, 0)), 4), "default_rng",
                       int(rng.integers(0, 2**31 - 1)))
    for call in case["calls"]:
        call["calls_before"] = 1
    return noted(case, "a network drawn after another one on the same generator")


def one_layer_case(rng):
    """A network of a single layer, [n_x, n_y] of 1 to 9 units each (an answer that builds
    the output layer from a variable its hidden-layer loop left behind fails), scale 0.1 to
    10."""
    dims = [int(n) for n in rng.integers(1, 10, 2)]
    return any_rng_case(rng, dims, "a network of a single layer: no hidden layer", (-1, 1))


def large_case(rng):
    """A layer of 70,000 to 150,000 weights, [1 to 4, 250 to 400, 280 to 375] (more weights
    than any visible layer: an answer that changes above a size fails), scale 0.01 to 10."""
    dims = [int(rng.integers(1, 5)), int(rng.integers(250, 401)), int(rng.integers(280, 376))]
    return any_rng_case(rng, dims, "a layer of 70,000 weights or more, more than any visible one")


def deep_case(rng):
    """A network of 11 to 13 layers of 1 to 4 units (past nine layers: an answer that draws
    the layers in the order of their keys as strings, W1, W10, W11, W2, ..., fails), scale
    0.01 to 10."""
    dims = [int(n) for n in rng.integers(1, 5, int(rng.integers(12, 15)))]
    return any_rng_case(rng, dims, "a network of 11 to 13 layers: layer numbers of two digits")


def wide_case(rng):
    """A layer of 301 to 600 units between layers of a single one, [1, n, 1] or [n, 1, n]
    (few weights in all, but wider than any table of widths), scale 0.01 to 10."""
    wide = int(rng.integers(301, 601))
    dims = [1, wide, 1] if rng.integers(2) else [wide, 1, wide]
    return any_rng_case(rng, dims, "layers of 301 to 600 units and of a single unit, side by side")


def repeated_case(rng):
    """A network whose hidden layers share one shape, (m, m) two or three times over (an
    answer that draws once per shape and reuses the draw fails), scale 0.01 to 10."""
    m = int(rng.integers(2, 41))
    dims = [int(rng.integers(1, 41)), *[m] * int(rng.integers(3, 5)), int(rng.integers(1, 11))]
    return any_rng_case(rng, dims, "a network whose hidden layers share one shape")


def tail_case(rng):
    """A network of 1 or 2 layers whose first layer's draw, from a seed of ``TAIL_SEEDS``,
    passes 6 std (weights clipped anywhere short of the tails fail), scale 0.01 to 10."""
    seed, count = tail_seed(rng)
    dims = [*sizes_holding(rng, count), *[int(n) for n in rng.integers(1, 11, rng.integers(2))]]
    return noted(random_case(dims, round(float(10 ** rng.uniform(-2, 1)), 4), "default_rng",
                             seed), "draws far in the tails: one passes 6 std")


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
