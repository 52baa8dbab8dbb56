"""Notebook 03's exercises: 3.1 ``he_normal``, 3.2 ``he_uniform``."""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import (
    judge_normal_shape,
    judge_rng_use,
    not_reused,
    number_array,
    returned,
    seeded_calls,
)

# ---------------------------------------------------------------- what both exercises share


def fan_case(fan_in, fan_out, seed):
    return seeded_calls([fan_in, fan_out], "default_rng", seed)


# fan_in below and above fan_out, sizes for which the usual wrong formulas all differ by 10%
FAN_CASES = (fan_case(400, 90, 0), fan_case(130, 490, 1))


def further_fan_cases(rng):
    """The visible cases' layers with new seeds (weights drawn once and stored fail), and
    layers of 50 to 300 inputs and 50 to 300 units, any seed (a right answer's three calls
    per case must fit in what the grader keeps of a notebook's results)."""
    def draw(rng):
        fan_in, fan_out = (int(n) for n in rng.integers(50, 301, 2))
        return fan_case(fan_in, fan_out, int(rng.integers(0, 2**31 - 1)))
    again = [fan_case(*case["calls"][0]["args"][:2], int(rng.integers(2, 2**31 - 1)))
             for case in FAN_CASES]
    return again + new_cases(draw, rng, 2, FAN_CASES)


def weights(case, outcomes, function):
    """The three weight matrices of a fan case, with shape and constancy checked."""
    not_reused(outcomes, ("initialize_parameters", "weight_std"), function)
    fan_in, fan_out, _ = case["calls"][0]["args"]
    answers = []
    for outcome in outcomes:
        W = number_array(returned(outcome), "the weights")
        if W.shape != (fan_out, fan_in):
            hint = " (transposed?)" if W.shape == (fan_in, fan_out) else ""
            raise Wrong(f"the weights have the wrong shape{hint}: (fan_out, fan_in), one row "
                        "per unit, one column per input",
                        f"shape {W.shape}, expected {(fan_out, fan_in)}")
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong("every weight is the same number: draw them at random")
        answers.append(W)
    return fan_in, fan_out, answers


# ---------------------------------------------------------------- 3.1 he_normal


def std_diagnosis(std, fan_in, fan_out, target, name):
    """Explain which well-known formula a measured std matches instead of ``target``."""
    candidates = [
        (math.sqrt(1 / fan_in), "the std matches sqrt(1 / fan_in), LeCun's scale; He needs "
                                "a 2 in it because a ReLU zeroes half of its inputs"),
        (2 / fan_in, "the std matches 2 / fan_in: that is the variance; the std is its square "
                     "root"),
        (math.sqrt(2 / fan_out), "the std matches sqrt(2 / fan_out): He's forward rule divides "
                                 "by fan_in, the number of inputs each unit sums"),
        (math.sqrt(2 / (fan_in + fan_out)), "the std matches sqrt(2 / (fan_in + fan_out)), "
                                            "Glorot/Xavier's scale, not He's"),
        (1.0, "the std is 1: the standard normal was not scaled"),
        (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out),
         "the std matches sqrt(6 / fan_in) + sqrt(6 / fan_out), the source text's formula "
         "that notebook 03 dissects: it adds two uniform limits of no rule and uses the sum as "
         "a std"),
        (math.sqrt(6 / fan_in), "the std matches sqrt(6 / fan_in), which is He's uniform LIMIT "
                                "a, not a std (a uniform U(-a, a) has std a / sqrt(3))"),
        (2 / math.sqrt(fan_in), "the std matches 2 / sqrt(fan_in): the 2 belongs under the "
                                "square root, with fan_in"),
        (math.sqrt(2) / fan_in, "the std matches sqrt(2) / fan_in: fan_in belongs under the "
                                "square root, with the 2"),
    ]
    where = f"std {std:.3g}, {name} expects {target:.3g}"
    for value, explanation in candidates:
        if abs(std / value - 1) < 0.04:
            raise Wrong(explanation, where)
    raise Wrong("the std of the weights is not He's: Var[w] = 2 / fan_in", where)


def judge_he_normal(case, outcomes):
    """``he_normal(fan_in, fan_out, rng)``: (fan_out, fan_in), std sqrt(2/fan_in)."""
    fan_in, fan_out, answers = weights(case, outcomes, "he_normal")
    W = answers[0]
    target = math.sqrt(2 / fan_in)
    expected = [build(call["args"][2]).standard_normal((fan_out, fan_in)) * target
                for call in case["calls"]]
    if judge_rng_use(answers, expected, "weights"):
        return
    judge_normal_shape(W, "the weights", "He normal draws rng.standard_normal((fan_out, fan_in)) "
                       "times the std", W.std())
    if abs(W.std() / target - 1) > 0.03:
        std_diagnosis(W.std(), fan_in, fan_out, target, "He")
    if np.abs(W).max() < 3.2 * target:
        raise Wrong("no weight lies beyond 3.2 std: the draws look uniform or truncated; "
                    "He normal draws from a normal distribution")
    raise Wrong("right spread, but not the draw the exercise asks for: one "
                "rng.standard_normal((fan_out, fan_in)) draw, times the std")


def he_lecun_scale(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / fan_in)


def he_variance_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (2 / fan_in)


def he_fan_out(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_out)


def he_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)


def he_global_random(fan_in, fan_out, rng):
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)  # noqa: NPY002 - the mistake


def he_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)  # noqa: NPY002 - the mistake
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)  # noqa: NPY002 - the mistake


def he_source_text(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out))


def he_uniform_limit_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(6 / fan_in)


def he_two_outside_the_root(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * 2 / np.sqrt(fan_in)


def he_drawn_once_per_shape(fan_in, fan_out, rng, _stored={}):  # noqa: B006 - the mistake
    if (fan_in, fan_out) not in _stored:
        _stored[fan_in, fan_out] = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    return _stored[fan_in, fan_out].copy()


def he_by_the_library(fan_in, fan_out, rng):
    from initlib import initialize_parameters

    return initialize_parameters([fan_in, fan_out], "he", rng=rng)["W1"]


def he_normal_uniform_draw(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


HE_NORMAL = Exercise(
    number="3.1", function="he_normal", signature="he_normal(fan_in, fan_out, rng)", task="",
    points=2, praise="shape (fan_out, fan_in), normal, std sqrt(2 / fan_in), drawn from rng",
    cases=FAN_CASES, judge=judge_he_normal, further_cases=further_fan_cases,
    mistakes=(
        Mistake(he_lecun_scale, "LeCun's scale"),
        Mistake(he_variance_as_std, "that is the variance"),
        Mistake(he_fan_out, "divides by fan_in"),
        Mistake(he_transposed, "(transposed?)"),
        Mistake(he_global_random, "draw from the rng argument"),
        Mistake(he_seeded_globally, "ignores rng"),
        Mistake(he_normal_uniform_draw, "uniform draw"),
        Mistake(he_source_text, "source text's formula"),
        Mistake(he_uniform_limit_as_std, "uniform LIMIT"),
        Mistake(he_two_outside_the_root, "the 2 belongs under the square root"),
        Mistake(he_drawn_once_per_shape, "ignores rng"),
        Mistake(he_by_the_library, "calls initlib's initialize_parameters"),
    ))

# ---------------------------------------------------------------- 3.2 he_uniform


def judge_he_uniform(case, outcomes):
    """``he_uniform(fan_in, fan_out, rng)``: U(-a, a) with a = sqrt(6 / fan_in)."""
    fan_in, fan_out, answers = weights(case, outcomes, "he_uniform")
    W = answers[0]
    limit = math.sqrt(6 / fan_in)
    expected = [build(call["args"][2]).uniform(-limit, limit, (fan_out, fan_in))
                for call in case["calls"]]
    if judge_rng_use(answers, expected, "weights"):
        return
    top, bottom = W.max(), W.min()
    reach = max(top, -bottom)
    where = f"the weights reach {bottom:.3g} to {top:.3g}, expected -{limit:.3g} to +{limit:.3g}"
    if bottom >= 0 or top <= 0:
        raise Wrong("every weight has the same sign: rng.uniform(0, a) draws from (0, a); "
                    "He uniform is centred on 0, rng.uniform(-a, a, ...)", where)
    if reach > 1.001 * limit and reach > 3.5 * W.std():
        raise Wrong("the weights reach far beyond their std: this looks normal; He uniform "
                    "draws from rng.uniform(-a, a)", where)
    wrong_limits = [
        (math.sqrt(2 / fan_in), "sqrt(2 / fan_in) is He's std, not the limit: U(-a, a) has "
                                "std a / sqrt(3)"),
        (math.sqrt(6 / (fan_in + fan_out)), "sqrt(6 / (fan_in + fan_out)) is Glorot's uniform "
                                            "limit, not He's"),
        (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out),
         "sqrt(6/fan_in) + sqrt(6/fan_out) is the source text's mistake that notebook 03 "
         "dissects: it adds two limits of no rule"),
        (math.sqrt(3 / fan_in), "sqrt(3 / fan_in) is LeCun's uniform limit; He's has the "
                                "ReLU's 2 in it"),
        (math.sqrt(6 / fan_out), "sqrt(6 / fan_out) uses fan_out; He divides by fan_in"),
        (2 / fan_in, "2 / fan_in is He's variance, not a limit: choose a so that the variance "
                     "of U(-a, a), a**2 / 3, equals it"),
        (6 / fan_in, "6 / fan_in is a**2: take its square root"),
        (math.sqrt(6) / fan_in, "sqrt(6) / fan_in: fan_in belongs under the square root too"),
    ]
    if abs(reach / limit - 1) > 0.02:
        for value, explanation in wrong_limits:
            if abs(reach / value - 1) < 0.02:
                raise Wrong(f"wrong limit: {explanation}", where)
        raise Wrong("wrong limit: choose a so that the variance of U(-a, a), a**2 / 3, is He's "
                    "2 / fan_in", where)
    if abs(top / limit - 1) > 0.02 or abs(bottom / limit + 1) > 0.02:
        raise Wrong("the weights do not fill (-a, a) evenly: draw rng.uniform(-a, a, "
                    "(fan_out, fan_in))", where)
    raise Wrong("right range, but not the draw the exercise asks for: one "
                "rng.uniform(-a, a, (fan_out, fan_in)) draw")


def uniform_glorot_limit(fan_in, fan_out, rng):
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_std_as_limit(fan_in, fan_out, rng):
    a = np.sqrt(2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_source_text(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_drawn_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def uniform_positive(fan_in, fan_out, rng):
    return rng.uniform(0, np.sqrt(6 / fan_in), (fan_out, fan_in))


def uniform_variance_as_limit(fan_in, fan_out, rng):
    a = 2 / fan_in
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_drawn_once_per_shape(fan_in, fan_out, rng, _stored={}):  # noqa: B006 - the mistake
    if (fan_in, fan_out) not in _stored:
        a = np.sqrt(6 / fan_in)
        _stored[fan_in, fan_out] = rng.uniform(-a, a, (fan_out, fan_in))
    return _stored[fan_in, fan_out].copy()


def uniform_by_the_library(fan_in, fan_out, rng):
    from initlib import initialize_parameters

    return initialize_parameters([fan_in, fan_out], "he", distribution="uniform", rng=rng)["W1"]


def uniform_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)  # noqa: NPY002 - the mistake
    a = np.sqrt(6 / fan_in)
    return np.random.uniform(-a, a, (fan_out, fan_in))  # noqa: NPY002 - the mistake


HE_UNIFORM = Exercise(
    number="3.2", function="he_uniform", signature="he_uniform(fan_in, fan_out, rng)", task="",
    points=2, praise="uniform on (-sqrt(6 / fan_in), +sqrt(6 / fan_in)), drawn from rng",
    cases=FAN_CASES, judge=judge_he_uniform, further_cases=further_fan_cases,
    mistakes=(
        Mistake(uniform_glorot_limit, "Glorot's uniform limit"),
        Mistake(uniform_std_as_limit, "He's std, not the limit"),
        Mistake(uniform_source_text, "source text's mistake"),
        Mistake(uniform_drawn_normal, "this looks normal"),
        Mistake(uniform_seeded_globally, "ignores rng"),
        Mistake(uniform_positive, "centred on 0"),
        Mistake(uniform_variance_as_limit, "He's variance, not a limit"),
        Mistake(uniform_drawn_once_per_shape, "ignores rng"),
        Mistake(uniform_by_the_library, "calls initlib's initialize_parameters"),
    ))

EXERCISES = (HE_NORMAL, HE_UNIFORM)
