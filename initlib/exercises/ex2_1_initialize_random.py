"""Exercise 2.1 ``initialize_random(layer_dims, scale, rng)``, as notebook 02 checks it.

The expected data of a case is the factor each layer's standard-normal draw is multiplied by
(``"factors"``): the right weights are the rng's draws, layer by layer, times those factors.
"""

import math
from fractions import Fraction

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .formulas import formula_of
from .judging import (
    judge_lines,
    judge_normal_shape,
    judge_rng_use,
    judge_stream_position,
    returned,
    same,
)
from .param_dict import judge_param_dict
from .relations import (
    affine_fit,
    judge_draw_relation,
    judge_generator_method,
    mixed_draws,
    ratio_words,
)

# wrong factors of the standard-normal draw, from (scale, n_prev, n_l), and what each is
FACTORS = (
    (lambda s, m, n: 1.0, "it is 1; multiply the standard-normal draw by scale"),
    (lambda s, m, n: s**2, "it is scale ** 2; scale is the std itself: multiply the "
                           "standard-normal draw by scale"),
    (lambda s, m, n: 1 / s, "it is 1 / scale: you divided; multiply the standard-normal draw "
                            "by scale"),
    (lambda s, m, n: s / np.sqrt(m), "it is scale / sqrt(n_prev), a scaling by fan_in that "
                                     "comes later in the course; multiply the standard-normal "
                                     "draw by scale alone"),
    (lambda s, m, n: s * np.sqrt(m), "it is scale * sqrt(n_prev); multiply the standard-normal "
                                     "draw by scale alone"),
    (lambda s, m, n: s / np.sqrt(n), "it is scale / sqrt(n_l), divided by the square root of "
                                     "the layer's own width (fan_out); multiply the "
                                     "standard-normal draw by scale alone"),
    (lambda s, m, n: np.sqrt(s), "it is sqrt(scale); multiply the standard-normal draw by "
                                 "scale itself"),
)


def power_of_scale(layer_factors, scale, L):
    """"it is scale ** (p/q)" when every layer's factor is one simple power of scale (other
    than 0, 1, 2, -1, 1/2, which have words of their own), or ""."""
    if scale <= 0 or abs(math.log(scale)) < 1e-3:
        return ""
    powers = {round(math.log(f) / math.log(scale), 9) for f in layer_factors.values() if f > 0}
    if len(powers) != 1 or len(layer_factors) != len([f for f in layer_factors.values()
                                                      if f > 0]):
        return ""
    power = Fraction(powers.pop()).limit_denominator(12)
    if abs(float(power) - math.log(next(iter(layer_factors.values()))) / math.log(scale)) > 1e-9:
        return ""
    spread = " = scale ** (1 / L): the scale spread over the L layers" if power == Fraction(
        1, L) else ""
    return (f"it is scale ** ({power}){spread}; each layer's draw is multiplied by scale "
            "itself, the std the exercise gives")


def factor_relation(layer_factors, scale, layer_dims):
    """What a wrong factor of the standard-normal draw is, in words: ``layer_factors`` maps
    each layer l whose weights are the right draw times one number to that number; the first
    relation that holds in every one of those layers (the first for layer l otherwise)."""
    def holds(value, l):
        return abs(layer_factors[l] / value(scale, layer_dims[l - 1], layer_dims[l]) - 1) < 1e-9
    first = min(layer_factors)
    fitting = [(value, words) for value, words in FACTORS if holds(value, first)]
    for value, words in fitting:
        if all(holds(value, l) for l in layer_factors):
            return words
    right = [l for l in range(1, len(layer_dims)) if l < first or (
        l in layer_factors and holds(lambda s, m, n: s, l))]
    wrong = [l for l in layer_factors if l not in right]
    if right and wrong:
        said = ", ".join(f"W{l}" for l in wrong[:4])
        return (f"{said} {'is' if len(wrong) == 1 else 'are'} not multiplied by scale while "
                f"{', '.join(f'W{l}' for l in right[:4])} {'is' if len(right) == 1 else 'are'}: "
                "the scale reaches some layers only (applied once after the loop, to the last "
                "W alone, or under an if?); multiply every layer's draw by scale")
    if fitting:
        return fitting[0][1]
    exponent = power_of_scale(layer_factors, scale, len(layer_dims) - 1)
    if exponent:
        return exponent
    for power, words in ((1, "scale"), (2, "scale ** 2"), (0, ""), (-1, "1 / scale"),
                         (0.5, "sqrt(scale)")):
        written = {formula_of(layer_factors[l] / scale**power,
                              {"n_prev": layer_dims[l - 1], "n_l": layer_dims[l]})
                   for l in layer_factors}
        if len(written) == 1 and None not in written:
            rest = written.pop()
            formula = (words if rest == "1" else rest if not words
                       else f"{words} / {rest[4:]}" if rest.startswith("1 / ")
                       else f"{words} * {rest}")
            return (f"it is {formula}; multiply the standard-normal draw by scale alone, the "
                    "std the exercise gives")
    return (f"it is {ratio_words(layer_factors[first] / scale)} scale; multiply the "
            "standard-normal draw by scale")


def judge_initialize_random(case, outcomes):
    """``initialize_random(layer_dims, scale, rng)``: standard normal * scale, every call."""
    layer_dims, scale, _ = case["calls"][0]["args"]
    factors = case["expected"]["factors"]
    answers = [returned(outcome) for outcome in outcomes]
    for params in answers:
        judge_param_dict(params, layer_dims)
    shapes = list(zip(layer_dims[1:], layer_dims[:-1], strict=False))
    expected = []  # each call's weights: its rng's draws, layer by layer, times the data's factors
    for call in case["calls"]:
        draws = build(call["args"][2])
        for _ in range(call.get("calls_before", 0)):  # a network drawn from it before
            for shape in shapes:
                draws.standard_normal(shape)
        expected.append([draws.standard_normal(shape) * factor
                         for shape, factor in zip(shapes, factors, strict=True)])
    params, offset = answers[0], 0
    for l in range(1, len(layer_dims)):
        if np.any(params[f"b{l}"] != 0):
            raise Wrong(f"b{l} is not zero: draw only the weights at random, biases start at 0 "
                        "(random weights already break the symmetry)")
    first = build(case["calls"][0]["args"][2]).standard_normal(shapes[0]) * factors[0]
    if case["calls"][0].get("calls_before") and same(params["W1"], first):
        raise Wrong("called again on the same rng, your function gave the same weights as its "
                    "first call: the rng you are given must advance, so that two networks "
                    "drawn one after the other differ; draw from it and leave it where the "
                    "draws took it (no copy of it, no saved and restored state)")
    stream = build(case["calls"][0]["args"][2]).standard_normal(3 * sum(layer_dims) ** 2)
    for l in range(1, len(layer_dims)):
        W, draw = params[f"W{l}"], expected[0][l - 1]
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong(f"every entry of W{l} is the same number: that is a constant, not a "
                        "random initialization, and the units stay identical")
        judge_lines(W, f"W{l}")
        if judge_rng_use([a[f"W{l}"] for a in answers], [e[l - 1] for e in expected],
                         "weights"):
            offset += W.size
            continue
        raw = draw / factors[l - 1]
        fit = affine_fit(W, raw)
        if fit is not None and abs(fit[1]) > 1e-9 * abs(fit[0]):
            raise Wrong(f"W{l} is the standard-normal draw shifted by a constant: the weights "
                        "are centred on 0; rng.standard_normal(shape) * scale (in rng.normal, "
                        "loc is the mean and scale the std)", f"mean {fit[1]:.3g}")
        if fit is not None:
            layer_factors = {l: fit[0]}
            for k in range(l + 1, len(layer_dims)):
                fit_k = affine_fit(params[f"W{k}"], expected[0][k - 1] / factors[k - 1])
                if fit_k is not None and abs(fit_k[1]) <= 1e-9 * abs(fit_k[0]):
                    layer_factors[k] = fit_k[0]
            if all(params[f"W{k}"].size > 1 and abs(params[f"W{k}"].std() / scale - 1) < 1e-9
                   for k in layer_factors):
                raise Wrong(f"W{l} is the draw divided by its own std, times scale (its std is "
                            "scale exactly, where a draw's std only comes near it): multiply "
                            "the standard-normal draw by scale and rescale nothing",
                            f"times {fit[0]:.3g} instead of scale = {scale:g}")
            if np.isclose(np.abs(W).max(), scale, rtol=1e-9, atol=0) and W.size > 1:
                raise Wrong(f"W{l} is the draw rescaled so that its largest weight is scale: "
                            "scale is the std of the weights, not their largest size; multiply "
                            "the standard-normal draw by scale and rescale nothing",
                            f"times {fit[0]:.3g} instead of scale = {scale:g}")
            kept = [a[1] for a in case["earlier_args"] if len(a) == 3 and isinstance(
                a[1], (int, float)) and a[1] != scale and np.isclose(fit[0], a[1], rtol=1e-9)]
            if kept:
                raise Wrong(f"W{l} is the right draw times {kept[0]:g}, the scale an earlier "
                            f"call was given, not this call's: a scale kept from an earlier "
                            "call (a global, a cache, a default argument)? Multiply by the "
                            "scale argument of each call", f"scale = {scale:g}")
            raise Wrong(f"W{l} is the right draw times the wrong factor: "
                        f"{factor_relation(layer_factors, scale, layer_dims)}",
                        f"times {fit[0]:.3g} instead of scale = {scale:g}")
        judge_draw_relation(W, lambda shape, d=draw: d.ravel().reshape(shape), scale,
                            f"the weights W{l}")
        judge_normal_shape(W, f"W{l}", "draw rng.standard_normal((n_l, n_prev)) * scale",
                           scale)
        if l == 1:
            judge_generator_method(W, case["calls"][0]["args"][2], "standard_normal")
        if W.size >= 100 and abs(W.std() / scale - 1) > 0.2:
            raise Wrong(f"the std of W{l} is not about scale: multiply the standard-normal "
                        "draw by scale", f"std {W.std():.3g}, scale {scale:g}")
        if np.allclose(np.sort(W.ravel()), np.sort(draw.ravel()), rtol=1e-12):
            raise Wrong(f"W{l} holds the right numbers in the wrong places: draw "
                        "rng.standard_normal((n_l, n_prev)), rows first, in one call")
        judge_stream_position(W.ravel() / scale, stream, offset, f"W{l}")
        mixed = mixed_draws(W, stream, offset)
        if mixed is not None:
            terms = " + ".join(f"{c:.3g} * draw {j}" for j, c in enumerate(mixed, 1))
            raise Wrong(f"W{l} mixes {len(mixed)} draws of its shape from rng ({terms}: an "
                        "average, a sum or a difference of draws?): one draw per layer, "
                        "rng.standard_normal((n_l, n_prev)), times scale, no more")
        for more in ((0, 1), (0, 2), (1, 0), (2, 0), (1, 1)) if l == 1 else ():
            big = build(case["calls"][0]["args"][2]).standard_normal(
                (W.shape[0] + more[0], W.shape[1] + more[1])) * factors[0]
            if np.allclose(W, big[:W.shape[0], :W.shape[1]], rtol=1e-12, atol=0):
                raise Wrong("W1 is part of a larger draw: you drew extra numbers (a column for "
                            "the bias?) and kept the first (n_l, n_prev); the extra draws move "
                            "every later number of the stream: draw exactly (n_l, n_prev)",
                            f"shape drawn: {big.shape}")
        raise Wrong(f"W{l} is not the draw the exercise asks for: use the rng you are given, "
                    "one rng.standard_normal draw of shape (n_l, n_prev) per layer, layer by "
                    "layer in order, times scale, so that the same seed gives the same weights")


EXERCISE = Exercise(
    number="2.1", function="initialize_random",
    signature="initialize_random(layer_dims, scale, rng)", task="",
    praise="random weights with the right shape and scale, zero biases, reproducible",
    judge=judge_initialize_random, data=data_file(__file__), library=("initialize_parameters",))
