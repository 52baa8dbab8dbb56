"""Notebook 04's exercise: 4.1 ``gain_for``."""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Mistake, Wrong
from .judging import close, finite_number, returned


def gain_case(name, **parameters):
    return {"calls": [{"args": [{"$activation": dict(name=name, **parameters)}]}]}


GAIN_CASES = (gain_case("relu"), gain_case("linear"), gain_case("tanh"))


def further_gain_cases(rng):
    """A leaky ReLU and a scaled tanh of drawn parameters, the sigmoid and the softplus."""
    slope = round(float(rng.uniform(0.05, 0.9)), 2)
    factor = round(float(rng.uniform(0.5, 3.0)), 2)
    cases = [gain_case("leaky_relu", slope=slope), gain_case("scaled_tanh", factor=factor),
             gain_case("sigmoid"), gain_case("softplus")]
    return [cases[k] for k in rng.permutation(len(cases))]


def judge_gain_for(case, outcomes):
    """``gain_for(activation)`` = 1 / sqrt(E[activation(z)^2]), z ~ N(0, 1).

    Right within 3%: the student estimates the second moment by simulation.
    """
    activation = build(case["calls"][0]["args"][0])
    got = finite_number(returned(outcomes[0]), "a number, the gain")
    z = np.linspace(-12.0, 12.0, 240_001)
    density = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi) * (z[1] - z[0])
    f = activation(z)
    moment = float(np.sum(f**2 * density))
    mean = float(np.sum(f * density))
    expected = 1 / math.sqrt(moment)
    if close(got, expected, 0.03):
        return
    where = f"for this activation the gain is {expected:.3g}, you returned {got:.3g}"
    candidates = [
        (moment, "you returned E[f(z)^2] itself; the gain is 1 / sqrt(E[f(z)^2])"),
        (1 / moment, "you returned 1 / E[f(z)^2], the gain squared; take its square root"),
        (math.sqrt(moment), "you returned sqrt(E[f(z)^2]); the gain is its inverse, "
                            "1 / sqrt(E[f(z)^2])"),
        (1 / math.sqrt(moment - mean**2), "you used the variance of f(z); the next layer sums "
                                          "f(z) with its mean, so what counts is the second "
                                          "moment E[f(z)^2]"),
        (1 / math.sqrt(float(np.sum(np.abs(f) * density))),
         "you took 1 / sqrt of the mean of |f(z)|; square f(z) before averaging"),
        (1.0, "1 is the gain for no activation at all: measure f(z), not z"),
    ]
    for value, explanation in candidates:
        if close(got, value, 0.03) and not close(value, expected, 0.06):
            raise Wrong(explanation, where)
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
    ))

EXERCISES = (GAIN_FOR,)
