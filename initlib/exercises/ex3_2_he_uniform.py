"""Exercise 3.2 ``he_uniform(fan_in, fan_out, rng)``, as notebook 03 checks it.

The expected data of a case is He's uniform limit a for its layer (``"limit"``): the right
weights are the rng's draw rng.uniform(-a, a, (fan_out, fan_in)).
"""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .formulas import formula_slip
from .judging import fan_weights, judge_rng_use
from .relations import affine_fit, judge_draw_relation, judge_generator_method, ratio_words


def wrong_limits(fan_in, fan_out, limit):
    """The limits of the usual wrong formulas, from the right one, and what each misses."""
    return [
        (limit / math.sqrt(3), "sqrt(2 / fan_in) is He's std, not the limit: U(-a, a) has "
                               "std a / sqrt(3)"),
        (math.sqrt(6 / (fan_in + fan_out)), "sqrt(6 / (fan_in + fan_out)) is Glorot's uniform "
                                            "limit, not He's"),
        (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out),
         "sqrt(6/fan_in) + sqrt(6/fan_out) is the source text's mistake that notebook 03 "
         "dissects: it adds two limits of no rule"),
        (math.sqrt(12 / (fan_in + fan_out)), "sqrt(6 / ((fan_in + fan_out) / 2)) divides by the "
                                             "average of the two fans; He's limit divides by "
                                             "fan_in alone"),
        (math.sqrt(3 / fan_in), "sqrt(3 / fan_in) is LeCun's uniform limit; He's has the "
                                "ReLU's 2 in it"),
        (math.sqrt(6 / fan_out), "sqrt(6 / fan_out) uses fan_out; He divides by fan_in"),
        (limit ** 2 / 3, "2 / fan_in is He's variance, not a limit: choose a so that the "
                         "variance of U(-a, a), a**2 / 3, equals it"),
        (limit ** 2, "6 / fan_in is a**2: take its square root"),
        (limit / math.sqrt(fan_in), "sqrt(6) / fan_in: fan_in belongs under the square root "
                                    "too"),
        (limit * math.sqrt(2), "sqrt(12 / fan_in) is sqrt(2) times He's limit: the variance "
                               "of U(-a, a) is a**2 / 3, so a = sqrt(3 * 2 / fan_in)"),
        (1 / math.sqrt(fan_in), "1 / sqrt(fan_in) is PyTorch's default limit (nn.Linear's "
                                "U(-1/sqrt(fan_in), 1/sqrt(fan_in))), not He's: the 6 is missing, "
                                "sqrt(6 / fan_in)"),
        (limit * math.sqrt(2 / fan_in), "your limit is He's limit times He's std, sqrt(6 / "
                                        "fan_in) * sqrt(2 / fan_in): you scaled twice; "
                                        "rng.uniform(-a, a, shape) with a = sqrt(6 / fan_in) "
                                        "needs no further factor"),
        (limit / 2, "your limit is half of He's: U(-a, a) reaches a on either side, so a "
                    "itself is sqrt(6 / fan_in), not half of it"),
    ]


def fans_of(measured, fan_in, fan_out):
    """The formula c / D that the squared limit ``measured ** 2`` is, for D a product or power
    of the fans other than fan_in alone and c one of 1, 2, 3, 6, 12; None otherwise."""
    divisors = (("fan_in * fan_out", fan_in * fan_out), ("fan_in ** 2", fan_in**2),
                ("fan_out ** 2", fan_out**2), ("sqrt(fan_in)", math.sqrt(fan_in)),
                ("fan_in * fan_out / 2", fan_in * fan_out / 2))
    for words, divisor in divisors:
        for c in (1, 2, 3, 6, 12):
            if divisor != fan_in and abs(measured**2 * divisor / c - 1) < 1e-6:
                return f"{c} / ({words}): the product of the fans" if "*" in words and \
                    "fan_out" in words else f"{c} / {words}"
    return None


def judge_he_uniform(case, outcomes):
    """``he_uniform(fan_in, fan_out, rng)``: the rng's draw U(-a, a), a He's uniform limit."""
    fan_in, fan_out, _ = case["calls"][0]["args"]
    answers = fan_weights(outcomes, fan_in, fan_out, case["earlier_args"])
    W, limit = answers[0], case["expected"]["limit"]
    expected = [build(call["args"][2]).uniform(-limit, limit, (fan_out, fan_in))
                for call in case["calls"]]
    if judge_rng_use(answers, expected, "weights"):
        return
    generator = case["calls"][0]["args"][2]
    judge_draw_relation(W, lambda shape: build(generator).uniform(-limit, limit, shape),
                        limit / math.sqrt(3), "the weights")
    fit = affine_fit(W, 2 * build(generator).random(W.shape) - 1)
    if fit is not None and fit[0] < 0 and abs(fit[1]) <= 1e-9 * abs(fit[0]):
        raise Wrong("the weights are the right draw with its sign flipped: rng.uniform(low, "
                    "high, size) takes the low limit first, rng.uniform(-a, a, shape)")
    if fit is not None and abs(fit[1]) > 1e-9 * abs(fit[0]) and (W.min() < 0 < W.max()):
        raise Wrong("the weights are a uniform draw shifted off centre: He uniform is centred "
                    "on 0, rng.uniform(-a, a, shape)", f"mean {fit[1]:.3g}")
    top, bottom = W.max(), W.min()
    reach = max(top, -bottom)
    where = f"the weights reach {bottom:.3g} to {top:.3g}, expected -{limit:.3g} to +{limit:.3g}"
    if bottom >= 0 or top <= 0:
        raise Wrong("every weight has the same sign: rng.uniform(0, a) draws from (0, a); "
                    "He uniform is centred on 0, rng.uniform(-a, a, ...)", where)
    if reach > 1.001 * limit and reach > 3.5 * W.std():
        raise Wrong("the weights reach far beyond their std: this looks normal; He uniform "
                    "draws from rng.uniform(-a, a)", where)
    exact = fit is not None and abs(fit[1]) <= 1e-9 * abs(fit[0])
    if exact and abs(reach / limit - 1) < 1e-12 and abs(fit[0] / limit - 1) > 1e-9:
        raise Wrong("your weights were rescaled so that the largest reaches the limit exactly "
                    "(divided by their max, times a): a draw from U(-a, a) comes close to a but "
                    "never is rescaled; return rng.uniform(-a, a, shape) as it is", where)
    if exact and abs(fit[0] / limit - 1) > 1e-9 or abs(reach / limit - 1) > 0.02:
        measured = abs(fit[0]) if fit is not None else reach
        for value, explanation in wrong_limits(fan_in, fan_out, limit):
            if abs(measured / value - 1) < (1e-6 if fit is not None else 0.02):
                raise Wrong(f"wrong limit: {explanation}", where)
        divisor = 6 / measured**2
        if exact and abs(divisor - round(divisor)) < 1e-6 and 0 < abs(round(divisor) - fan_in) <= 2:
            step = int(round(divisor) - fan_in)
            raise Wrong(f"wrong limit: sqrt(6 / (fan_in {'+' if step > 0 else '-'} {abs(step)})); "
                        "He divides 6 by fan_in itself", where)
        found = fans_of(measured, fan_in, fan_out)
        if found is not None:
            raise Wrong(f"wrong limit: your a**2 is {found}; He's is 6 / fan_in, fan_in "
                        "alone under the square root", where)
        slip = exact and formula_slip(measured, limit, fan_in, fan_out, "limit a",
                                      "sqrt(6 / fan_in)",
                                      [("He's std", limit / math.sqrt(3))],
                                      note=" (a uniform U(-a, a) has std a / sqrt(3), so He's "
                                      "a is sqrt(3) times He's std sqrt(2 / fan_in))")
        if slip:
            raise Wrong(f"wrong limit: {slip}", where)
        raise Wrong(f"wrong limit, {ratio_words(measured / limit)} He's: choose a so that the "
                    "variance of U(-a, a), a**2 / 3, is He's 2 / fan_in", where)
    judge_generator_method(W, generator, "uniform")
    if W.size >= 500 and np.mean(np.abs(W) < reach / 2) > 0.6:
        raise Wrong("the weights crowd the middle of their range, where a uniform draw fills it "
                    "evenly: a sum of two uniform draws is triangular, not uniform; draw once, "
                    "rng.uniform(-a, a, (fan_out, fan_in))", where)
    if abs(top / limit - 1) > 0.02 or abs(bottom / limit + 1) > 0.02:
        raise Wrong("the weights do not fill (-a, a) evenly: draw rng.uniform(-a, a, "
                    "(fan_out, fan_in))", where)
    raise Wrong("right range, but not the draw the exercise asks for: one "
                "rng.uniform(-a, a, (fan_out, fan_in)) draw")


EXERCISE = Exercise(
    number="3.2", function="he_uniform", signature="he_uniform(fan_in, fan_out, rng)", task="",
    praise="uniform on (-sqrt(6 / fan_in), +sqrt(6 / fan_in)), drawn from rng",
    judge=judge_he_uniform, data=data_file(__file__),
    library=("initialize_parameters", "weight_std"))
