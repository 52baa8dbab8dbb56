"""Notebook 02's exercises: 2.1 ``initialize_random``, 2.2 ``predicted_std``."""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import (
    finite_number,
    judge_normal_shape,
    judge_param_dict,
    judge_rng_use,
    judge_stream_position,
    not_reused,
    returned,
    seeded_calls,
)

# ---------------------------------------------------------------- 2.1 initialize_random


def random_case(layer_dims, scale, rng, seed):
    return seeded_calls([list(layer_dims), scale], rng, seed)


RANDOM_CASES = (random_case([2, 10, 5, 1], 10.0, "RandomState", 3),
                random_case([4, 200, 300], 0.01, "default_rng", 0))


def further_random_cases(rng):
    """The visible cases' networks with new seeds and the other kind of rng, and networks of 1
    to 3 layers of up to 60 units, scales from 0.01 to 3, either kind of rng."""
    def draw(rng):
        dims = [int(rng.integers(1, 7))] + [int(n) for n in rng.integers(1, 61,
                                                                         rng.integers(1, 4))]
        scale = round(float(10 ** rng.uniform(-2, 0.5)), 3)
        kind = ("default_rng", "RandomState")[int(rng.integers(2))]
        return random_case(dims, scale, kind, int(rng.integers(0, 2**31 - 1)))
    other = {"default_rng": "RandomState", "RandomState": "default_rng"}
    again = [random_case(dims, scale, other[generator["$rng"][0]], int(rng.integers(0, 2**31 - 1)))
             for dims, scale, generator in (c["calls"][0]["args"] for c in RANDOM_CASES)]
    return again + new_cases(draw, rng, 2, RANDOM_CASES)


def judge_initialize_random(case, outcomes):
    """``initialize_random(layer_dims, scale, rng)``: standard normal * scale, every call."""
    not_reused(outcomes, ("initialize_parameters",), "initialize_random")
    layer_dims, scale, _ = case["calls"][0]["args"]
    answers = [returned(outcome) for outcome in outcomes]
    for params in answers:
        judge_param_dict(params, layer_dims)
    shapes = list(zip(layer_dims[1:], layer_dims[:-1], strict=False))
    expected = [[rng.standard_normal(shape) * scale for shape in shapes]
                for rng in (build(call["args"][2]) for call in case["calls"])]
    params, offset = answers[0], 0
    for l in range(1, len(layer_dims)):
        if np.any(params[f"b{l}"] != 0):
            raise Wrong(f"b{l} is not zero: draw only the weights at random, biases start at 0 "
                        "(random weights already break the symmetry)")
    stream = build(case["calls"][0]["args"][2]).standard_normal(3 * sum(layer_dims) ** 2)
    for l in range(1, len(layer_dims)):
        W, draw = params[f"W{l}"], expected[0][l - 1]
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong(f"every entry of W{l} is the same number: that is a constant, not a "
                        "random initialization, and the units stay identical")
        if judge_rng_use([a[f"W{l}"] for a in answers], [e[l - 1] for e in expected],
                         "weights"):
            offset += W.size
            continue
        ratio = W.ravel() / draw.ravel()
        if np.allclose(ratio, ratio[0], rtol=1e-9):
            raise Wrong(f"W{l} is the right draw times the wrong factor: multiply the "
                        "standard-normal draw by scale", f"times {ratio[0] * scale:.3g} instead "
                                                         f"of scale = {scale:g}")
        judge_normal_shape(W, f"W{l}", "draw rng.standard_normal((n_l, n_prev)) * scale",
                           scale)
        if W.size >= 100 and abs(W.std() / scale - 1) > 0.2:
            raise Wrong(f"the std of W{l} is not about scale: multiply the standard-normal "
                        "draw by scale", f"std {W.std():.3g}, scale {scale:g}")
        if np.allclose(np.sort(W.ravel()), np.sort(draw.ravel()), rtol=1e-12):
            raise Wrong(f"W{l} holds the right numbers in the wrong places: draw "
                        "rng.standard_normal((n_l, n_prev)), rows first, in one call")
        judge_stream_position(W.ravel() / scale, stream, offset, f"W{l}")
        raise Wrong(f"W{l} is not the draw the exercise asks for: use the rng you are given, "
                    "one rng.standard_normal draw of shape (n_l, n_prev) per layer, layer by "
                    "layer in order, times scale, so that the same seed gives the same weights")


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


INITIALIZE_RANDOM = Exercise(
    number="2.1", function="initialize_random",
    signature="initialize_random(layer_dims, scale, rng)", task="", points=2,
    praise="random weights with the right shape and scale, zero biases, reproducible",
    cases=RANDOM_CASES, judge=judge_initialize_random, further_cases=further_random_cases,
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
    ))

# ---------------------------------------------------------------- 2.2 predicted_std


def std_case(scale, n, L):
    return {"calls": [{"args": [scale, n, L]}]}


STD_CASES = (std_case(0.05, 100, 3), std_case(0.01, 100, 1), std_case(0.1, 400, 10),
             std_case(1 / math.sqrt(512), 512, 50), std_case(0.02, 900, 0))


def further_std_cases(rng):
    """Widths 16 to 512, depths 0 to 20, one layer's factor scale * sqrt(n) from 0.5 to 1.5."""
    def draw(rng):
        n = int(rng.integers(16, 513))
        scale = round(float(rng.uniform(0.5, 1.5)) / math.sqrt(n), 4)
        return std_case(scale, n, int(rng.integers(0, 21)))
    return new_cases(draw, rng, 4, STD_CASES)


def std_mistakes(scale, n, L):
    """What each usual wrong formula gives, and what it misses (no hint gives the answer)."""
    factor = scale * math.sqrt(n)
    return [
        (factor ** (2 * L), "that is the variance; the std is its square root"),
        (factor, "that is one layer's factor; it applies once per layer"),
        (factor * L, "that treats the layers as a sum where a product belongs: each layer "
                     "multiplies the std by the same factor"),
        ((scale * n) ** L, "a sum of n independent terms has a std that grows like sqrt(n), "
                           "not n"),
        (math.sqrt(scale * n) ** L, "you took the square root of scale * n; the square root "
                                    "belongs to the variance factor n * scale**2 of the "
                                    "statement"),
        (factor ** (L - 1), "that counts L - 1 layers; every one of the L layers multiplies "
                            "the std"),
        (factor ** (L + 1), "that counts L + 1 layers; there are L"),
        (scale ** L * math.sqrt(n), "sqrt(n) belongs to every layer, like scale"),
        (scale * math.sqrt(n) ** L, "scale belongs to every layer, like sqrt(n)"),
        (math.sqrt(n * scale**2 * L), "variances add only for a sum; layers stacked on each "
                                      "other multiply"),
    ]


def judge_predicted_std(case, outcomes):
    """``predicted_std(scale, n, L)``: the std after L linear layers of width n.

    Each layer multiplies the variance by n * scale**2, so the std after L layers (input std 1)
    is (scale * sqrt(n)) ** L.
    """
    scale, n, L = case["calls"][0]["args"]
    got = finite_number(returned(outcomes[0]))
    expected = (scale * math.sqrt(n)) ** L
    if math.isclose(got, expected, rel_tol=1e-9):
        return
    where = f"for scale={scale:g}, n={n}, L={L} expected {expected:.4g}, got {got:.4g}"
    for value, explanation in std_mistakes(scale, n, L):
        if math.isclose(got, value, rel_tol=1e-9) and not math.isclose(value, expected,
                                                                        rel_tol=1e-9):
            raise Wrong(explanation, where)
    raise Wrong("not the std after L layers. Hint: the statement says what one layer does to "
                "the variance; what does it do to the std, and what do L layers do?", where)


def std_as_a_sum(scale, n, L):
    return scale * np.sqrt(n) * L


def std_squared(scale, n, L):
    return (scale * scale * n) ** L


def std_of_one_layer(scale, n, L):
    return scale * np.sqrt(n)


def std_grows_like_n(scale, n, L):
    return (scale * n) ** L


def std_root_of_scale_times_n(scale, n, L):
    return np.sqrt(scale * n) ** L


def std_sqrt_once(scale, n, L):
    return scale**L * np.sqrt(n)


def std_variances_added(scale, n, L):
    return np.sqrt(n * scale**2 * L)


def std_with_an_undefined_name(scale, n, L):
    return (scale * sqrt(n)) ** L  # noqa: F821 - the mistake: sqrt was never imported


PREDICTED_STD = Exercise(
    number="2.2", function="predicted_std", signature="predicted_std(scale, n, L)",
    task="the std after L layers of a deep linear network", points=1,
    praise="the std after L layers is (scale * sqrt(n)) ** L",
    cases=STD_CASES, judge=judge_predicted_std, further_cases=further_std_cases,
    mistakes=(
        Mistake(std_as_a_sum, "where a product"),
        Mistake(std_squared, "that is the variance"),
        Mistake(std_of_one_layer, "once per layer"),
        Mistake(std_grows_like_n, "grows like sqrt(n)"),
        Mistake(std_root_of_scale_times_n, "square root of scale * n"),
        Mistake(std_sqrt_once, "sqrt(n) belongs to every layer"),
        Mistake(std_variances_added, "layers stacked on each other multiply"),
        Mistake(std_with_an_undefined_name, "NameError: a name it uses is not defined"),
    ))

EXERCISES = (INITIALIZE_RANDOM, PREDICTED_STD)
