"""Exercise 2.1's further networks: a case of ``initialize_random(layer_dims, scale, rng)``
and the networks drawn to show what the visible cases cannot, each noted with what kind of
case it is."""

from .graded import noted, seeded_calls
from .tail_seeds import sizes_holding, tail_seed


def random_case(layer_dims, scale, rng, seed):
    return seeded_calls([list(layer_dims), scale], rng, seed)



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


def int_scale_case(rng):
    """A network of 1 to 3 layers of 1 to 9 units whose scale is a Python int, 1 to 3 (an
    answer that fills an array with scale, then multiplies it in place by the float draws,
    fails: numpy does not turn an int array into floats in place)."""
    dims = [int(n) for n in rng.integers(1, 10, int(rng.integers(2, 5)))]
    kind = ("default_rng", "RandomState")[int(rng.integers(2))]
    return noted(random_case(dims, int(rng.integers(1, 4)), kind, int(rng.integers(0, 2**31 - 1))),
                 "a scale that is a whole number, a Python int")


def output_width_case(rng):
    """A network of 3 or 4 layers in which a hidden layer has the output layer's width, 1 to
    9 units, the other layers 2 to 20 units wide and of other widths (an answer that stops at
    the first layer of the output's width fails)."""
    out = int(rng.integers(1, 10))
    others = [int(n) for n in rng.choice([n for n in range(2, 21) if n != out],
                                         int(rng.integers(2, 4)))]
    hidden = [*others[1:], out]
    hidden = [hidden[k] for k in rng.permutation(len(hidden))]
    return any_rng_case(rng, [others[0], *hidden, out],
                        "a network with a hidden layer as wide as the output layer")
