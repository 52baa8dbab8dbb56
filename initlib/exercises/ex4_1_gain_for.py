"""Exercise 4.1 ``gain_for(activation, z)``, as notebook 04 checks it.

The draws z are given, so the answer is one exact number for each case: no seed can be lucky
and no count of draws is needed. The expected data of a case is that gain; a wrong answer is
named by how it relates to it (its square, its inverse, ...) or to other averages over z.
"""

import math

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .judging import close, finite_number, returned

EXACT = 1e-9  # the same draws, averaged in another order, agree to this


def activation_name(description):
    """How the feedback names an activation: "tanh", "leaky ReLU (slope 0.3)", ..."""
    name, parameters = description["name"], description
    return {
        "relu": "ReLU", "linear": "the linear activation f(z) = z", "tanh": "tanh",
        "sigmoid": "the sigmoid", "softplus": "softplus",
        "leaky_relu": f"leaky ReLU (slope {parameters.get('slope')})",
        "scaled_tanh": f"{parameters.get('factor')} * tanh",
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
    ]


def known_gains(name):
    """Gains that are exact for some activation, and what returning one misses."""
    return [
        (1.0, "1", "the gain for no activation at all (the linear one): measure f(z) for "
                   f"{name}, not z"),
        (math.sqrt(2), "sqrt(2)", f"ReLU's gain; measure {name} itself"),
        (5 / 3, "5/3", "PyTorch's tanh gain, rounded up on purpose; the exercise asks for "
                       "1 / sqrt(E[f(z)^2]) itself"),
    ]


def judge_gain_for(case, outcomes):
    """``gain_for(activation, z)`` = 1 / sqrt(mean of activation(z)^2) over the given z."""
    description = case["calls"][0]["args"][0]["$activation"]
    activation, z = build(case["calls"][0]["args"])
    name = activation_name(description)
    got = finite_number(returned(outcomes[0]), "a number, the gain")
    gain = case["expected"]
    if close(got, gain, EXACT):
        return
    where = (f"for {name} on the {z.size:,} draws given the gain is {gain:.4g}, you returned "
             f"{got:.4g}")
    for value, explanation in gain_mistakes(activation(z), gain, name):
        if math.isfinite(value) and close(got, value, EXACT) and not close(value, gain, 0.02):
            raise Wrong(explanation, where)
    for value, text, explanation in known_gains(name):
        if close(got, value, EXACT) and close(value, gain, 0.02):
            raise Wrong(f"{text} is the exact gain for infinitely many draws; the exercise asks "
                        "for the gain measured on the draws z you are given", where)
        if close(got, value, EXACT):
            raise Wrong(f"{text} is {explanation}", where)
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
