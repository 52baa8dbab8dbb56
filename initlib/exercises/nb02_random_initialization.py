"""Notebook 02's exercises: 2.1 ``initialize_random``, 2.2 ``predicted_std``."""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import finite_number, judge_param_dict, judge_rng_use, returned, seeded_calls

# ---------------------------------------------------------------- 2.1 initialize_random


def random_case(layer_dims, scale, rng, seed):
    return seeded_calls([list(layer_dims), scale], rng, seed)


RANDOM_CASES = (random_case([2, 10, 5, 1], 10.0, "RandomState", 3),
                random_case([4, 200, 300], 0.01, "default_rng", 0))


def further_random_cases(rng):
    """Networks of 1 to 3 layers of up to 60 units, scales from 0.01 to 3, either kind of rng."""
    def draw(rng):
        dims = [int(rng.integers(1, 7))] + [int(n) for n in rng.integers(1, 61,
                                                                         rng.integers(1, 4))]
        scale = round(float(10 ** rng.uniform(-2, 0.5)), 3)
        kind = ("default_rng", "RandomState")[int(rng.integers(2))]
        return random_case(dims, scale, kind, int(rng.integers(0, 2**31 - 1)))
    return new_cases(draw, rng, 2, RANDOM_CASES)


def judge_initialize_random(case, outcomes):
    """``initialize_random(layer_dims, scale, rng)``: standard normal * scale."""
    layer_dims, scale, rng = build(case["calls"][0]["args"])
    answers = [returned(outcome) for outcome in outcomes]
    for params in answers:
        judge_param_dict(params, layer_dims)
    params = answers[0]
    for l in range(1, len(layer_dims)):
        W, b = params[f"W{l}"], params[f"b{l}"]
        expected = rng.standard_normal(W.shape) * scale
        if np.any(b != 0):
            raise Wrong(f"b{l} is not zero: draw only the weights at random, biases start at 0 "
                        "(random weights already break the symmetry)")
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong(f"every entry of W{l} is the same number: that is a constant, not a "
                        "random initialization, and the units stay identical")
        if np.allclose(W, expected, rtol=1e-12, atol=0):
            continue
        judge_rng_use([a[f"W{l}"] for a in answers], expected, "weights")
        ratio = W.ravel() / expected.ravel()
        if np.allclose(ratio, ratio[0], rtol=1e-9):
            raise Wrong(f"W{l} is the right draw times the wrong factor: multiply the "
                        "standard-normal draw by scale", f"times {ratio[0] * scale:.3g} instead "
                                                         f"of scale = {scale:g}")
        if W.size >= 100 and abs(W.std() / scale - 1) > 0.2:
            raise Wrong(f"the std of W{l} is not about scale: multiply the standard-normal "
                        "draw by scale", f"std {W.std():.3g}, scale {scale:g}")
        if np.allclose(np.sort(W.ravel()), np.sort(expected.ravel()), rtol=1e-12):
            raise Wrong(f"W{l} holds the right numbers in the wrong places: draw "
                        "rng.standard_normal((n_l, n_prev)) in one call, layer by layer in order")
        raise Wrong(f"W{l} is not the draw the exercise asks for: use the rng you are given, "
                    "rng.standard_normal((n_l, n_prev)) * scale, layer by layer in order, so the "
                    "same seed gives the same weights")


def random_from_global_numpy(layer_dims, scale, rng):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.random.randn(layer_dims[l], layer_dims[l - 1]) * scale),  # noqa: NPY002 - the mistake
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def _random(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def random_with_random_biases(layer_dims, scale, rng):
    params = _random(layer_dims, scale, rng)
    for l in range(1, len(layer_dims)):
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * scale
    return params


def random_constant(layer_dims, scale, rng):
    return {k: (np.full_like(v, scale) if k.startswith("W") else v)
            for k, v in _random(layer_dims, scale, rng).items()}


def random_forgot_seed(layer_dims, scale, rng):
    return _random(layer_dims, scale, np.random.default_rng())


def random_forgot_scale(layer_dims, scale, rng):
    return _random(layer_dims, 1.0, rng)


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
    ))

# ---------------------------------------------------------------- 2.2 predicted_std


def std_case(scale, n, L):
    return {"calls": [{"args": [scale, n, L]}]}


STD_CASES = (std_case(0.01, 100, 1), std_case(0.01, 100, 10),
             std_case(1 / math.sqrt(512), 512, 50), std_case(0.1, 400, 3))


def further_std_cases(rng):
    """Widths 16 to 512, depths 0 to 20, one layer's factor scale * sqrt(n) from 0.5 to 1.5."""
    def draw(rng):
        n = int(rng.integers(16, 513))
        scale = round(float(rng.uniform(0.5, 1.5)) / math.sqrt(n), 4)
        return std_case(scale, n, int(rng.integers(0, 21)))
    return new_cases(draw, rng, 4, STD_CASES)


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
    factor = scale * math.sqrt(n)
    if math.isclose(got, expected**2, rel_tol=1e-9):
        raise Wrong("that is the variance; the std is its square root", where)
    if L != 1 and math.isclose(got, factor, rel_tol=1e-9):
        raise Wrong("that is one layer's factor; it applies once per layer (power L)", where)
    if L > 1 and math.isclose(got, factor * L, rel_tol=1e-9):
        raise Wrong("scale * sqrt(n) * L treats the layers as a sum where a product belongs: "
                    "each layer multiplies the std by scale * sqrt(n), so after L layers it is "
                    "(scale * sqrt(n)) ** L", where)
    if math.isclose(got, (scale * n) ** L, rel_tol=1e-9):
        raise Wrong("a sum of n independent terms has a std that grows like sqrt(n), not n",
                    where)
    raise Wrong("not the std after L layers. Hint: one layer multiplies the std by "
                "scale * sqrt(n)", where)


def std_as_a_sum(scale, n, L):
    return scale * np.sqrt(n) * L


def std_squared(scale, n, L):
    return (scale * scale * n) ** L


def std_of_one_layer(scale, n, L):
    return scale * np.sqrt(n)


def std_grows_like_n(scale, n, L):
    return (scale * n) ** L


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
    ))

EXERCISES = (INITIALIZE_RANDOM, PREDICTED_STD)
