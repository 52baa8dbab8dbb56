"""Exercise 4.1 ``gain_for(activation, z)``, as notebook 04 checks it.

The draws z are given, so the answer is one exact number for each case: no seed can be lucky
and no count of draws is needed. The expected data of a case is that gain; a wrong answer is
named by how it relates to it (its square, its inverse, ...) or to other averages over z.
"""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .gain_draws import average_mistakes, subset_mistakes, transformed_mistakes
from .judging import finite_number, returned
from .kept import kept_mistakes
from .relations import close, plain_ratio, ratio_words

EXACT = 1e-9  # the same draws, averaged in another order, agree to this


def activation_name(description):
    """How the feedback names an activation: "tanh", "leaky ReLU (slope 0.3)", ..."""
    name, parameters = description["name"], description
    return {
        "relu": "ReLU", "linear": "the linear activation f(z) = z", "tanh": "tanh",
        "sigmoid": "the sigmoid", "softplus": "softplus",
        "leaky_relu": f"leaky ReLU (slope {parameters.get('slope')})",
        "scaled_tanh": f"{parameters.get('factor')} * tanh",
        "elu": f"ELU (alpha {parameters.get('alpha', 1.0)})", "gelu": "GELU",
        "linear_itself": "the linear activation f(z) = z that returns z itself",
    }.get(name, name)


def gain_mistakes(values, gain, name):
    """What each usual wrong formula gives on the activation's ``values`` f(z), from the right
    ``gain``, and what it misses."""
    mean = float(np.mean(values))
    spread = 1 / gain**2 - mean**2
    return [
        (1 / gain**2, "you returned E[f(z)^2] itself; the gain is 1 / sqrt(E[f(z)^2])"),
        (gain**2, "you returned 1 / E[f(z)^2], the gain squared; take its square root"),
        (1 / gain, "you returned sqrt(E[f(z)^2]); the gain is its inverse, 1 / sqrt(E[f(z)^2])"),
        (1 / math.sqrt(spread) if spread > 0 else math.nan,
         "you used the variance of f(z); the next layer sums f(z) with its mean, so what "
         "counts is the second moment E[f(z)^2]"),
        (1 / math.sqrt(float(np.mean(np.abs(values)))),
         "you took 1 / sqrt of the mean of |f(z)|; square f(z) before averaging"),
        (1 / abs(mean) if abs(mean) > 1e-6 else math.nan,
         "you squared the average of f(z); average the squares instead, E[f(z)^2]"),
        (math.sqrt(2) * gain, "you returned sqrt(2 / E[f(z)^2]): the 2 of He's rule is ReLU's "
                              "own gain squared; the gain of any activation is "
                              "1 / sqrt(E[f(z)^2]), with no 2"),
        (gain / math.sqrt(values.size), "you took 1 / sqrt of the SUM of f(z)^2; average it: "
                                         "divide by the number of draws (np.mean)"),
        (gain * math.sqrt((values.size + 1) / values.size),
         "you divided the sum of f(z)^2 by N + 1 (a count started at 1, or one draw too "
         "many); the second moment is the mean, the sum over N = z.size"),
        (gain * math.sqrt((values.size - 1) / values.size),
         "you divided the sum of f(z)^2 by N - 1 (as ddof=1 does for a variance); the second "
         "moment is the mean, the sum over N"),
        (gain * math.sqrt(2) / 2, "you returned 1 / sqrt(2 E[f(z)^2]): there is no 2 in the "
                                  "gain, 1 / sqrt(E[f(z)^2])"),
        (math.sqrt(gain), "you took the square root twice, 1 / E[f(z)^2] ** (1/4); the gain "
                          "is 1 / sqrt(E[f(z)^2])"),
        (gain**2 / 2, "E[f(z)^2] ** -1 / 2 is (E[f(z)^2] ** -1) / 2: ** binds tighter than / "
                      "(precedence); write E[f(z)^2] ** (-1 / 2), with parentheses, or "
                      "1 / np.sqrt(...)"),
        (1 / float(np.var(values)) if np.var(values) > 0 else math.nan,
         "you returned 1 / the variance of f(z); the gain is 1 / sqrt of the second moment, "
         "E[f(z)^2]"),
        (1 / float(np.abs(values).max()), "you divided by the largest |f(z)|, np.max; the gain is "
                                          "1 / sqrt of the mean of f(z)^2, over all draws"),
    ]


def statistic_mistakes(values):
    """What other statistics of f(z) than the mean of its squares give, and what each misses."""
    found = []
    for q in (50, 25, 68.27, 75, 84.13, 90, 95, 97.5, 99):
        what = "the median" if q == 50 else f"the {q}th percentile"
        for measured, of, root in ((values**2, "f(z)^2", True), (np.abs(values), "|f(z)|", False)):
            part = float(np.percentile(measured, q))
            part = math.sqrt(part) if root and part > 0 else part
            found.append((1 / part if part > 0 else math.nan,
                          f"you took {what} of {of}; the gain averages the squares: "
                          f"np.mean of f(z)**2, not {'np.median' if q == 50 else 'a percentile'}"))
    return found


def infinite_draws_gain(activation):
    """The gain for infinitely many draws, 1 / sqrt(E[f(z)^2]) as an integral (a fine grid)."""
    grid = np.linspace(-12.0, 12.0, 240_001)
    density = np.exp(-grid**2 / 2) / math.sqrt(2 * math.pi)
    return 1 / math.sqrt(float(np.sum(activation(grid) ** 2 * density) * (grid[1] - grid[0])))


def known_gains(name):
    """Gains that are exact for some activation, and what returning one misses."""
    return [
        (1.0, "1", "the gain for no activation at all (the linear one): measure f(z) for "
                   f"{name}, not z"),
        (math.sqrt(2), "sqrt(2)", f"ReLU's gain; measure {name} itself"),
        (5 / 3, "5/3", "PyTorch's tanh gain, rounded up on purpose; the exercise asks for "
                       "1 / sqrt(E[f(z)^2]) itself"),
    ]


def fed_back(activation, z, got, gain):
    """Words for ``got`` when it is the gain fed back into the activation, f(gain * z): an
    iterate of g -> 1 / sqrt(E[f(g z)^2]) from g = 1, or its fixed point; else None."""
    def step(g):
        second = float(np.mean(activation(g * z) ** 2))
        return 1 / math.sqrt(second) if second > 0 else math.nan
    words = ("you fed the gain back into the activation, f(gain * z), and repeated (a fixed "
             "point); the gain is measured once, on the draws z as given: 1 / sqrt(E[f(z)^2])")
    if math.isfinite(got) and got > 0 and close(step(got), got, 1e-7) and not close(
            got, gain, 1e-7):
        return words
    iterates = [1.0, gain]
    for _ in range(80):
        iterates.append(step(iterates[-1]))
        if not math.isfinite(iterates[-1]) or close(iterates[-1], iterates[-3], 1e-13):
            break
    if any(close(got, g, EXACT) for g in iterates[2:]) and not close(got, gain, EXACT):
        return words
    return None


def measured_relation(got, gain):
    """Words for ``got`` as a measured relation to ``gain``: a constant factor, or a power
    (the exponent of E[f(z)^2] it implies); "" when neither is a plain number."""
    ratio = got / gain
    if got > 0 and plain_ratio(ratio):
        return (f"your gain is {ratio_words(ratio)} the right one: a constant factor too many "
                "or too few; the gain is 1 / sqrt(E[f(z)^2]) with no other factor")
    if got > 0 and abs(math.log(gain)) > 0.02:
        power = math.log(got) / math.log(gain)
        near = round(power * 4) / 4
        if abs(power - near) < 1e-7 and near not in (0, 1):
            return (f"your number is the gain to the power {near:g}, that is E[f(z)^2] to the "
                    f"power {-near / 2:g}: the gain is E[f(z)^2] to the power -1/2 "
                    "(1 / np.sqrt of the mean of the squares)")
    return ""


COUNT_POWERS = {0.5: "sqrt(N)", 1: "N", -0.5: "1 / sqrt(N)", -1: "1 / N", 0.25: "N ** (1/4)",
                -0.25: "N ** (-1/4)", 1.5: "N ** 1.5", -1.5: "N ** -1.5", 2: "N ** 2",
                -2: "N ** -2"}
GAIN_POWERS = {1: "", -1: "sqrt(E[f(z)^2]), the rms of f(z)", 2: "1 / E[f(z)^2]",
               -2: "E[f(z)^2]"}


def count_relation(got, gain, count):
    """Words for ``got`` as the gain (or its square, or an inverse) times a power of the number
    of draws N = ``count``: a sum or a norm where a mean belongs; "" when it is none."""
    for power, base in GAIN_POWERS.items():
        for exponent, times in COUNT_POWERS.items():
            if got > 0 and close(got, gain**power * count**exponent, EXACT):
                what = (f"your gain is {times} times the right one" if power == 1 else
                        f"your number is {times} times {base}")
                return (f"{what}, where N = {count:,} is the number of draws (len(z), z.size): "
                        "a sum, a norm (np.linalg.norm(f(z)) is the square root of the SUM of "
                        "f(z)^2, sqrt(N) times the rms) or a count stands where a mean belongs; "
                        "the gain is 1 / sqrt(np.mean(f(z) ** 2)), the same size for any N")
    return ""


def judge_gain_for(case, outcomes):
    """``gain_for(activation, z)`` = 1 / sqrt(mean of activation(z)^2) over the given z."""
    description = case["calls"][0]["args"][0]["$activation"]
    activation, z = build(case["calls"][0]["args"])
    name = activation_name(description)
    after = outcomes[0].args_after
    if after is not None and outcomes[0].raised is None and not (
            isinstance(after[1], np.ndarray) and np.array_equal(after[1], z)):
        raise Wrong("your function changed z, the draws it was given, in place (a *= a, or "
                    "a **= 2, on f(z) changes z itself when the activation returns its input): "
                    "compute on new arrays, activation(z) ** 2, and leave the caller's z as it "
                    "was", f"for {name}")
    gain, values, raw = case["expected"], activation(z), returned(outcomes[0])
    if isinstance(raw, (float, np.floating)) and math.isinf(raw) and np.any(values == 0):
        raise Wrong(f"your gain is infinite: you divided by a 0, and {name} zeroes some draws: "
                    "by the median of f(z)^2 (0 when half the draws are zeroed), or by f(z) "
                    "itself before averaging (a mean of inverses); the gain averages the squares "
                    "first (np.mean, not np.median), then takes 1 / sqrt of that average")
    got = finite_number(raw, "a number, the gain")
    if close(got, gain, EXACT):
        return
    where = (f"for {name} on the {z.size:,} draws given the gain is {gain:.4g}, you returned "
             f"{got:.4g}")
    matches = []  # every usual mistake that gives the answer on this case, in order
    for value, explanation in [*gain_mistakes(values, gain, name), *subset_mistakes(
            activation, z), *transformed_mistakes(activation, z), *statistic_mistakes(values),
                              *average_mistakes(values, z, got),
                              *kept_mistakes(activation, z, case["earlier_args"])]:
        if math.isfinite(value) and close(got, value, EXACT) and not close(value, gain, EXACT):
            matches += [] if explanation in matches else [explanation]
    if matches:
        raise Wrong(matches[0] if len(matches) == 1 else
                    f"{matches[0]}; or, giving the same number for {name}: "
                    + "; or: ".join(matches[1:4]), where)
    slope = (activation(z + 1e-6) - activation(z - 1e-6)) / 2e-6
    if close(got, 1 / math.sqrt(float(np.mean(slope**2))), 1e-6) and not close(got, gain, 1e-4):
        raise Wrong("you used the activation's derivative (slope) f'(z); the gain averages the "
                    "squares of its values, f(z) ** 2", where)
    if close(got, gain, 1e-5):
        raise Wrong("right to 6 digits but not to full precision: compute in float64 (numpy's "
                    "default), not float32, and do not round", where)
    floor = (f"your gain is {got:g}, a whole number, the gain rounded down: 1 // x is floor "
             "division (it drops the decimals); write 1 / x") if (
        got == math.floor(gain) and got != gain) else None
    again = fed_back(activation, z, got, gain)
    if again is not None and not close(got, 1.0, EXACT):
        raise Wrong(again, where)
    floor = f"{floor}; or: {again}" if floor and again else floor or again
    for value, text, explanation in known_gains(name):
        if close(got, value, EXACT) and close(value, gain, 0.02):
            raise Wrong(f"{text} is the exact gain for infinitely many draws; the exercise asks "
                        "for the gain measured on the draws z you are given", where)
        if close(got, value, EXACT):
            raise Wrong(f"{text} is {explanation}" + (f"; or: {floor}" if floor else ""), where)
    if floor:
        raise Wrong(floor, where)
    exact = infinite_draws_gain(activation)
    if close(got, exact, 1e-4) and not close(gain, exact, 3e-4):
        raise Wrong("you computed the gain for infinitely many draws (an integral?); the exercise "
                    "asks for the gain measured on the draws z you are given", where)
    measured = count_relation(got, gain, z.size) or measured_relation(got, gain)
    if measured:
        raise Wrong(measured, where)
    if close(got, gain, 0.05):
        raise Wrong("close, but not the average over the draws z you are given: apply the "
                    "activation to z itself (all of it, not draws of your own), square, average",
                    where)
    raise Wrong("the gain should be 1 / sqrt(E[f(z)^2]), the average taken over the draws z you "
                "are given: apply the activation to z, square, average", where)


EXERCISE = Exercise(
    number="4.1", function="gain_for", signature="gain_for(activation, z)",
    task="the gain that keeps the second moment steady, from the draws z",
    praise="the gain is 1 / sqrt(E[f(z)^2]), averaged over the draws z",
    judge=judge_gain_for, data=data_file(__file__))
