"""Exercise 3.1 ``he_normal(fan_in, fan_out, rng)``, as notebook 03 checks it.

The expected data of a case is the std of He's weights for its layer (``"std"``): the right
weights are the rng's standard-normal draw of shape (fan_out, fan_in), times that std.
"""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .formulas import formula_slip
from .judging import fan_weights, judge_normal_shape, judge_rng_use, same, stream_position
from .relations import affine_fit, judge_draw_relation, judge_generator_method, ratio_words


def std_diagnosis(std, fan_in, fan_out, target, name, exact=False):
    """Explain which well-known formula a measured std matches instead of ``target``."""
    candidates = [
        (math.sqrt(1 / fan_in), "the std matches sqrt(1 / fan_in), LeCun's scale; He needs "
                                "a 2 in it because a ReLU zeroes half of its inputs"),
        (target ** 2, "the std matches 2 / fan_in: that is the variance; the std is its square "
                      "root"),
        (math.sqrt(2 / fan_out), "the std matches sqrt(2 / fan_out): He's forward rule divides "
                                 "by fan_in, the number of inputs each unit sums"),
        (math.sqrt(2 / (fan_in + fan_out)), "the std matches sqrt(2 / (fan_in + fan_out)), "
                                            "Glorot/Xavier's scale, not He's"),
        (1.0, "the std is 1: the standard normal was not scaled"),
        (math.sqrt(4 / (fan_in + fan_out)), "the std matches sqrt(2 / ((fan_in + fan_out) / 2)): "
                                            "He's 2 over the average of the two fans; He's "
                                            "forward rule divides by fan_in alone"),
        (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out),
         "the std matches sqrt(6 / fan_in) + sqrt(6 / fan_out), the source text's formula "
         "that notebook 03 dissects: it adds two uniform limits of no rule and uses the sum as "
         "a std"),
        (target * math.sqrt(3), "the std matches sqrt(6 / fan_in), which is He's uniform LIMIT "
                                "a, not a std (a uniform U(-a, a) has std a / sqrt(3))"),
        (target * math.sqrt(2), "the std matches 2 / sqrt(fan_in): the 2 belongs under the "
                                "square root, with fan_in"),
        (target / math.sqrt(fan_in), "the std matches sqrt(2) / fan_in: fan_in belongs under "
                                     "the square root, with the 2"),
        (target / 2, "the std matches sqrt(1 / (2 * fan_in)): the 2 divides where it should "
                     "multiply; Var[w] = 2 / fan_in"),
        (1 / target, "the std matches sqrt(fan_in / 2), He's std inverted (upside down): "
                     "multiply by sqrt(2 / fan_in), not by its reciprocal"),
        *[(fixed, f"the std is {fixed:g} whatever fan_in, a fixed small scale (as notebook 02's "
                  "random init): He's std depends on fan_in, sqrt(2 / fan_in)")
          for fixed in (0.01, 0.001, 0.1, 0.05, 0.02) if abs(fixed / target - 1) > 0.04],
    ]
    where = f"std {std:.4g}, {name} expects {target:.4g}"
    for value, explanation in candidates:
        if abs(std / value - 1) < (1e-6 if exact else 0.04):
            raise Wrong(explanation, where)
    if exact:
        divisor = 2 / std**2  # the fan the answer divided 2 by
        if abs(divisor - round(divisor)) < 1e-6 and 0 < abs(round(divisor) - fan_in) <= 2:
            step = int(round(divisor) - fan_in)
            halved = (" (for an odd fan_in, 2 / (fan_in - 1) is 1 / (fan_in // 2): an integer "
                      "division rounds fan_in / 2 down)" if step == -1 and fan_in % 2 else "")
            raise Wrong(f"the std matches sqrt(2 / (fan_in {'+' if step > 0 else '-'} "
                        f"{abs(step)})){halved}: He divides 2 by fan_in itself", where)
        slip = formula_slip(std, target, fan_in, fan_out, "std", "sqrt(2 / fan_in)",
                            [("He's uniform limit", target * math.sqrt(3))])
        if slip:
            raise Wrong(slip, where)
        raise Wrong(f"the weights are the right draw times {ratio_words(std / target)} He's "
                    "std: multiply rng.standard_normal((fan_out, fan_in)) by sqrt(2 / fan_in) "
                    "exactly", where)
    raise Wrong("the std of the weights is not He's: Var[w] = 2 / fan_in", where)


def judge_he_normal(case, outcomes):
    """``he_normal(fan_in, fan_out, rng)``: (fan_out, fan_in), the rng's normal draw times He's
    std."""
    fan_in, fan_out, _ = case["calls"][0]["args"]
    answers = fan_weights(outcomes, fan_in, fan_out, case["earlier_args"])
    W, target = answers[0], case["expected"]["std"]
    expected = [advanced(call).standard_normal((fan_out, fan_in)) * target
                for call in case["calls"]]
    if case["calls"][0].get("calls_before") and same(
            W, build(case["calls"][0]["args"][2]).standard_normal((fan_out, fan_in)) * target):
        raise Wrong("called again on the same rng, your function gave the same weights as its "
                    "first call: the rng you are given must advance, so that each layer gets "
                    "new weights; draw from that rng itself, not from a copy of it (copy, "
                    "deepcopy, or a new generator built from its state)")
    if judge_rng_use(answers, expected, "weights"):
        return
    generator = case["calls"][0]["args"][2]
    judge_draw_relation(W, lambda shape: build(generator).standard_normal(shape) * target,
                        target, "the weights")
    fit = affine_fit(W, build(generator).standard_normal(W.shape))
    if fit is not None and abs(fit[1]) > 1e-9 * abs(fit[0]):
        raise Wrong("the weights are the right kind of draw shifted by a constant: they must be "
                    "centred on 0 (mean 0); rng.standard_normal(shape) * std adds nothing",
                    f"mean {fit[1]:.3g}")
    raw = build(generator).standard_normal(W.shape)
    if fit is not None and abs(fit[0] * raw.std() / target - 1) < 1e-9:
        raise Wrong("you divided the draw by its own std, so that the sample std is exactly "
                    "He's: the exercise asks for the draw times sqrt(2 / fan_in), no rescaling")
    if fit is not None:
        std_diagnosis(abs(fit[0]), fan_in, fan_out, target, "He", exact=True)
    judge_generator_method(W, generator, "standard_normal")
    judge_normal_shape(W, "the weights", "He normal draws rng.standard_normal((fan_out, fan_in)) "
                       "times the std", W.std())
    if abs(W.std() / target - 1) > 0.03:
        std_diagnosis(W.std(), fan_in, fan_out, target, "He")
    if np.abs(W).max() < 3.2 * target:
        raise Wrong("no weight lies beyond 3.2 std: the draws look uniform or truncated; "
                    "He normal draws from a normal distribution")
    before = int(case["calls"][0].get("calls_before", 0))
    found = stream_position(W.ravel() / target, build(generator).standard_normal(
        (before + 2) * (W.size + fan_in + fan_out) + 10))
    if found is not None and found > before * W.size:
        extra = found - before * W.size
        each = extra // before if before and extra % before == 0 else extra
        what = (f" - {fan_out} draws, one per unit: the bias? Keep b out of it" if
                each == fan_out else " (an extra row or column, dropped?)")
        after, per = (f" after {before} earlier call(s)", " on each call") if before else ("", "")
        raise Wrong(f"the weights come from rng, but {extra} draws later in its stream than "
                    f"the exercise's{after}: something else was drawn from rng{per}"
                    f"{what}; draw exactly rng.standard_normal((fan_out, fan_in)) and nothing "
                    "more")
    raise Wrong("right spread, but not the draw the exercise asks for: one "
                "rng.standard_normal((fan_out, fan_in)) draw, times the std")


def advanced(call):
    """The call's generator, after the draws of the calls made on it before (``calls_before``
    of them, each a layer of the call's shape)."""
    fan_in, fan_out, generator = call["args"]
    rng = build(generator)
    for _ in range(call.get("calls_before", 0)):
        rng.standard_normal((fan_out, fan_in))
    return rng


EXERCISE = Exercise(
    number="3.1", function="he_normal", signature="he_normal(fan_in, fan_out, rng)", task="",
    praise="shape (fan_out, fan_in), normal, std sqrt(2 / fan_in), drawn from rng",
    judge=judge_he_normal, data=data_file(__file__),
    library=("initialize_parameters", "weight_std"))
