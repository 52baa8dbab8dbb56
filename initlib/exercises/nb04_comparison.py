"""Notebook 04's exercise: 4.1 ``gain_for``."""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Mistake, Wrong
from .judging import close, finite_number, returned


def gain_case(name, **parameters):
    """Two calls on the same activation: a gain must not change from one call to the next."""
    call = {"args": [{"$activation": dict(name=name, **parameters)}]}
    return {"calls": [call, call]}


GAIN_CASES = (gain_case("relu"), gain_case("linear"), gain_case("tanh"))
MIN_DRAWS = 200_000  # an estimate's error is then at most about 0.25% (ReLU's, the noisiest)
TOLERANCE = 0.01  # four times that
EXACT = 2e-4  # a computation this close (numerical integration, say) needs no draws


def further_gain_cases(rng):
    """A leaky ReLU and a scaled tanh of drawn parameters, the sigmoid and the softplus."""
    slope = round(float(rng.uniform(0.05, 0.9)), 2)
    factor = round(float(rng.uniform(0.5, 3.0)), 2)
    cases = [gain_case("leaky_relu", slope=slope), gain_case("scaled_tanh", factor=factor),
             gain_case("sigmoid"), gain_case("softplus")]
    return [cases[k] for k in rng.permutation(len(cases))]


def activation_name(description):
    """How the feedback names an activation: "tanh", "leaky ReLU (slope 0.3)", ..."""
    name, parameters = description["name"], description
    return {
        "relu": "ReLU", "linear": "the linear activation f(z) = z", "tanh": "tanh",
        "sigmoid": "the sigmoid", "softplus": "softplus",
        "leaky_relu": f"leaky ReLU (slope {parameters.get('slope')})",
        "scaled_tanh": f"{parameters.get('factor')} * tanh",
    }.get(name, name)


def expectation(f, z_low=-12.0, z_high=12.0, points=240_001):
    """E[f(z)] for z ~ N(0, 1), by numerical integration."""
    z = np.linspace(z_low, z_high, points)
    density = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi) * (z[1] - z[0])
    return float(np.sum(f(z) * density))


def uniform_mean(f, low, high, points=200_001):
    z = np.linspace(low, high, points)
    return float(np.mean(f(z)))


def gain_mistakes(activation, name):
    """What each usual wrong estimate gives, and what it misses."""
    moment = expectation(lambda z: activation(z) ** 2)
    mean = expectation(activation)
    return [
        (moment, "you returned E[f(z)^2] itself; the gain is 1 / sqrt(E[f(z)^2])"),
        (1 / moment, "you returned 1 / E[f(z)^2], the gain squared; take its square root"),
        (math.sqrt(moment), "you returned sqrt(E[f(z)^2]); the gain is its inverse, "
                            "1 / sqrt(E[f(z)^2])"),
        (1 / math.sqrt(moment - mean**2), "you used the variance of f(z); the next layer sums "
                                          "f(z) with its mean, so what counts is the second "
                                          "moment E[f(z)^2]"),
        (1 / math.sqrt(expectation(lambda z: np.abs(activation(z)))),
         "you took 1 / sqrt of the mean of |f(z)|; square f(z) before averaging"),
        (1 / abs(mean) if abs(mean) > 1e-6 else math.nan,
         "you squared the average of f(z); average the squares instead, E[f(z)^2]"),
        (1 / math.sqrt(uniform_mean(lambda z: activation(z) ** 2, -1.0, 1.0)),
         "you drew z uniformly on (-1, 1); the gain is for z ~ N(0, 1): draw z with "
         "rng.standard_normal"),
        (1 / math.sqrt(uniform_mean(lambda z: activation(z) ** 2, 0.0, 1.0)),
         "you drew z uniformly on [0, 1) (rng.random); the gain is for z ~ N(0, 1): draw z "
         "with rng.standard_normal"),
        (1.0, "1 is the gain for no activation at all (the linear one): measure f(z) for "
              f"{name}, not z"),
        (math.sqrt(2), f"sqrt(2) is ReLU's gain; measure {name} itself"),
        (5 / 3, "5/3 is PyTorch's tanh gain, rounded up on purpose; the exercise asks for "
                "1 / sqrt(E[f(z)^2]) itself"),
    ]


def noise(activation, draws):
    """The relative std of a ``draws``-draw estimate of the gain (half that of E[f(z)^2])."""
    moment = expectation(lambda z: activation(z) ** 2)
    fourth = expectation(lambda z: activation(z) ** 4)
    return 0.5 * math.sqrt(max(fourth - moment**2, 0.0)) / moment / math.sqrt(max(draws, 1))


def judge_gain_for(case, outcomes):
    """``gain_for(activation)`` = 1 / sqrt(E[activation(z)^2]), z ~ N(0, 1).

    The same on every call (a seeded generator), estimated from at least ``MIN_DRAWS`` draws
    (the activation counts them) and right within ``TOLERANCE``; or computed exactly.
    """
    description = case["calls"][0]["args"][0]["$activation"]
    activation = build(case["calls"][0]["args"][0])
    name = activation_name(description)
    got = finite_number(returned(outcomes[0]), "a number, the gain")
    again = finite_number(returned(outcomes[1]), "a number, the gain")
    if got != again:
        raise Wrong("your gain changes from one call to the next: draw z from a seeded "
                    "generator inside gain_for, np.random.default_rng(0), so that an activation "
                    "always gets the same gain", f"for {name}: {got:.4g}, then {again:.4g}")
    expected = 1 / math.sqrt(expectation(lambda z: activation(z) ** 2))
    if close(got, expected, EXACT):
        return
    where = f"for {name} the gain is {expected:.3g}, you returned {got:.3g}"
    draws = outcomes[0].evaluations
    few = draws is not None and 0 < draws < MIN_DRAWS
    window = 3 * noise(activation, draws) if few else TOLERANCE
    for value, explanation in gain_mistakes(activation, name):
        if (math.isfinite(value) and close(got, value, window)
                and not close(value, expected, 2 * window + 0.03)):
            raise Wrong(explanation, where)
    if few:
        raise Wrong(f"your estimate uses {draws:,} draws of z: for {name} it is off by about "
                    f"{noise(activation, draws):.1%} from one seed to another (the error of an "
                    "average shrinks like 1 / sqrt(draws)); that is too noisy for three "
                    "correct digits: use more draws", where)
    if close(got, expected, TOLERANCE):
        return
    raise Wrong("the gain should be 1 / sqrt(E[f(z)^2]) for z ~ N(0, 1): draw many z, apply "
                "the activation, average the squares", where)


def gain_is_the_second_moment(activation):
    z = np.random.default_rng(0).standard_normal(100_000)
    return np.mean(activation(z) ** 2)


def _second_moment(activation, samples=400_000):
    z = np.random.default_rng(7).standard_normal(samples)
    return np.mean(activation(z) ** 2)


def gain_squared(activation):
    return 1 / _second_moment(activation)


def gain_inverted(activation):
    return np.sqrt(_second_moment(activation))


def gain_from_the_variance(activation):
    return 1 / np.std(activation(np.random.default_rng(1).standard_normal(400_000)))


def gain_of_no_activation(activation):
    return 1.0


def gain_as_text(activation):
    return "1.41"


def gain_from_a_thousand_draws(activation):
    z = np.random.default_rng(0).standard_normal(1000)
    return 1 / np.sqrt(np.mean(activation(z) ** 2))


def gain_unseeded(activation):
    z = np.random.default_rng().standard_normal(400_000)
    return 1 / np.sqrt(np.mean(activation(z) ** 2))


def gain_of_relu_for_all(activation):
    return np.sqrt(2)


def gain_from_uniform_draws(activation):
    z = np.random.default_rng(0).uniform(-1, 1, 400_000)
    return 1 / np.sqrt(np.mean(activation(z) ** 2))


def gain_squares_the_average(activation):
    z = np.random.default_rng(0).standard_normal(400_000)
    return 1 / np.abs(np.mean(activation(z)))


GAIN_FOR = Exercise(
    number="4.1", function="gain_for", signature="gain_for(activation)",
    task="the gain that keeps the second moment steady", points=2,
    praise="the gain is 1 / sqrt(E[f(z)^2]) for z ~ N(0, 1)",
    cases=GAIN_CASES, judge=judge_gain_for, further_cases=further_gain_cases,
    mistakes=(
        Mistake(gain_is_the_second_moment, "E[f(z)^2] itself"),
        Mistake(gain_squared, "the gain squared"),
        Mistake(gain_inverted, "its inverse"),
        Mistake(gain_from_the_variance, "the variance of f(z)"),
        Mistake(gain_of_no_activation, "1 is the gain for no activation"),
        Mistake(gain_as_text, "return a number"),
        Mistake(gain_from_a_thousand_draws, "use more draws"),
        Mistake(gain_unseeded, "changes from one call to the next"),
        Mistake(gain_of_relu_for_all, "sqrt(2) is ReLU's gain; measure the linear activation"),
        Mistake(gain_from_uniform_draws, "drew z uniformly"),
        Mistake(gain_squares_the_average, "average the squares"),
    ))

EXERCISES = (GAIN_FOR,)
