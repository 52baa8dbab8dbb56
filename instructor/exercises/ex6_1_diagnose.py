"""Exercise 6.1 ``diagnose(rms, depth)``: the instructor's side."""

import math

import numpy as np

from initlib.exercises.ex6_1_diagnose import EXERCISE as STUDENT
from initlib.exercises.ex6_1_diagnose import verdict_for

from . import diagnose_draws as draws
from .diagnose_draws import diagnose_case
from .graded import GradedExercise, Mistake, called_twice, noted


def reference_diagnose(rms, depth):
    per_layer = (rms[-1] / rms[0]) ** (1.0 / (len(rms) - 1))
    over_the_network = per_layer ** (depth - 1)
    if over_the_network < 0.01:
        return per_layer, "vanish"
    return per_layer, "explode" if over_the_network > 100 else "train"


# rms of the activations of the first layers, as layer_statistics measures them, and a depth.
# In this order, each mistake below first fails on a case where no other mistake's verdict
# is the same as its own, so its hint is the one the judge gives. The first two change so
# much that every usual way of computing the change gives their verdict: a 'train' there
# is a verdict branch that never wins (an if after an if).
DIAGNOSE_CASES = (
    called_twice(diagnose_case([1.37, 0.00137, 1.37e-06], 7)),  # thousandfold a layer: vanish
    diagnose_case([0.0437, 8.74, 1748.0], 8),              # 200-fold a layer: explode
    diagnose_case([0.06, 0.0015, 4.95e-05, 1.98e-06], 8),  # shrinks thirtyfold a layer: vanish
    diagnose_case([0.73, 0.52, 0.3], 4),                   # factor 0.64, only 3 steps: train
    diagnose_case([1.0, 0.8, 0.64], 14),                   # 0.8 ** 13 = 0.055: trains
    diagnose_case([1.0, 0.75, 0.64], 21),                  # 0.8 ** 20 = 0.0115: just trains
    diagnose_case([20.0, 26.0, 31.0, 40.0], 12),           # grows 12.7-fold from a large start
    diagnose_case([1.0, 0.5, 0.25], 12),                   # halves a layer, 11 times: vanish
    diagnose_case([6.0, 19.0, 58.0], 6),                   # triples a layer: explode
)


def further_diagnose_cases(rng):
    """A case for each of ``draws.FURTHER_CHANGES``; two whose rms start large (60 to 500) and that
    vanish or train (a verdict read off the size of the rms fails); and one of 8 to 12 measured
    layers (longer than any visible profile: an answer reading only the first rms values
    fails), in a random order; then each side of both thresholds again, a hair away, and
    two factors that round to 3 decimals across a threshold (``rounding_trap_case``), two of
    mixed ratios (``mixed_ratios_case``), one shaped as a visible case, and two networks
    measured at every layer that vanish or explode (``measured_only_case``); last,
    a change of some 1e-100 and one of some 1e100 over 3 to 5 measured layers
    (``extreme_case``: a root found by a few iterations fails); then a hair away from a
    threshold from 2 or from 4 to 6 measured layers (``length_cases``) and three cases whose
    rms start and end alike (``same_ends_cases``). Each reports rms back after
    the call (an answer that changes it fails); the four hair-away cases and the two extreme
    ones call the function twice, alike (an answer that keeps state gives two answers)."""
    cases = [noted(draws.diagnose_case_with(rng, changes, factors), text)
             for changes, factors, text in draws.FURTHER_CHANGES]
    cases += [noted(draws.diagnose_case_with(rng, changes, None, starts=(60.0, 500.0)),
                    "rms values that start large, from 60 to 500")
              for changes in ((1e-4, 0.005), (0.05, 20.0))]
    cases.append(noted(draws.diagnose_case_with(rng, (1e-4, 1e4), None, layers=(8, 13)),
                       "8 to 12 measured layers, more than in any visible case"))
    cases = [cases[k] for k in rng.permutation(len(cases))]
    # both thresholds again, a hair away (a factor rounded before its power fails)
    twice = [noted(draws.diagnose_case_with(rng, changes, None, layers=(2, 4)),
                   f"{text}, from 2 or 3 measured layers")
             for changes, _, text in draws.FURTHER_CHANGES[:4]]
    twice += [draws.extreme_case(rng, vanish) for vanish in (True, False)]
    twice = [noted(case, f"{case['about']}, called twice") for case in twice]
    cases += twice[:4]
    cases += [draws.rounding_trap_case(rng, explode) for explode in (False, True)]
    cases += [draws.mixed_ratios_case(rng, vanish) for vanish in (True, False)]
    cases.append(draws.same_shape_case(rng, DIAGNOSE_CASES[-2:]))
    cases += [draws.measured_only_case(rng, vanish) for vanish in (True, False)]
    cases += twice[4:] + draws.length_cases(rng) + draws.same_ends_cases(rng)
    cases = [c for c in cases if {"calls": c["calls"]} not in DIAGNOSE_CASES]  # as drawn
    for case in cases:  # rms as it is after the call: an answer that changes it fails
        case["calls"][0]["report_args"] = True
    for case in twice:  # the same call again: an answer that keeps state gives two answers
        case["calls"].append(dict(case["calls"][0]))
    return cases


def diagnose_expected(case):
    factor, verdict = reference_diagnose(*case["calls"][0]["args"])
    return [float(factor), verdict]


# ---------------------------------------------------------------- the usual mistakes

def diagnose_with_the_arithmetic_mean(rms, depth):
    rms = np.asarray(rms, dtype=float)
    factor = float(np.mean(rms[1:] / rms[:-1]))
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def diagnose_with_the_total_change(rms, depth):
    factor = rms[-1] / rms[0]
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_with_the_kth_root(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / len(rms))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_inverted(rms, depth):
    factor = (rms[0] / rms[-1]) ** (1 / (len(rms) - 1))
    return factor, verdict_for(factor ** (1 - depth))


def diagnose_by_the_largest_ratio(rms, depth):
    factor = float(np.max(_ratios(rms)))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_change_to_depth_over_k(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1.0 / (len(rms) - 1))
    return factor, verdict_for((rms[-1] / rms[0]) ** (depth / len(rms)))


def diagnose_from_the_last_two(rms, depth):
    factor = rms[-1] / rms[-2]
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_off_by_one(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, verdict_for(factor ** depth)


def diagnose_against_one(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, verdict_for(rms[0] * factor ** (depth - 1))


def diagnose_from_the_factor_alone(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, "vanish" if factor < 1 else "explode"


def diagnose_from_the_last_measured_layer(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, verdict_for(factor ** (depth - len(rms)))


def diagnose_swapped(rms, depth):
    factor, verdict = reference_diagnose(rms, depth)
    return factor, {"vanish": "explode", "explode": "vanish"}.get(verdict, verdict)


def diagnose_verdict_only(rms, depth):
    return reference_diagnose(rms, depth)[1]


def diagnose_in_other_words(rms, depth):
    factor, verdict = reference_diagnose(rms, depth)
    return factor, {"vanish": "vanishing", "explode": "exploding", "train": "trains"}[verdict]


def _ratios(rms):
    return np.asarray(rms[1:], dtype=float) / np.asarray(rms[:-1], dtype=float)


def diagnose_by_the_median(rms, depth):
    factor = float(np.median(_ratios(rms)))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_from_the_first_two(rms, depth):
    factor = rms[1] / rms[0]
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_without_the_exp(rms, depth):
    factor = float(np.mean(np.log(_ratios(rms))))
    return factor, verdict_for(math.exp(factor) ** (depth - 1))


def diagnose_at_a_tenth_and_ten(rms, depth):
    factor, _ = reference_diagnose(rms, depth)
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.1 else "explode" if change > 10 else "train"


def diagnose_by_multiplying(rms, depth):
    factor, _ = reference_diagnose(rms, depth)
    return factor, verdict_for(factor * (depth - 1))


def diagnose_by_the_harmonic_mean(rms, depth):
    factor = float(len(rms) - 1) / float(np.sum(1 / _ratios(rms)))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_outputs_swapped(rms, depth):
    factor, verdict = reference_diagnose(rms, depth)
    return verdict, factor


def diagnose_capitalised(rms, depth):
    factor, verdict = reference_diagnose(rms, depth)
    return factor, verdict.capitalize()


def diagnose_root_by_depth(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (depth - 1))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_by_a_ratio_of_means(rms, depth):
    factor = float(np.mean(rms[1:]) / np.mean(rms[:-1]))
    return factor, verdict_for(factor ** (depth - 1))

def diagnose_returning_the_change(rms, depth):
    change = ((rms[-1] / rms[0]) ** (1 / (len(rms) - 1))) ** (depth - 1)
    return change, verdict_for(change)


def diagnose_log2_then_exp(rms, depth):
    ratios = np.asarray(rms[1:], dtype=float) / np.asarray(rms[:-1], dtype=float)
    factor = float(np.exp(np.mean(np.log2(ratios))))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_with_integer_division(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 // (len(rms) - 1))
    return reference_diagnose([1.0, factor], depth)


def diagnose_by_the_cubic_mean(rms, depth):
    factor = float(np.mean(_ratios(rms) ** 3) ** (1 / 3))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_from_every_other_ratio(rms, depth):
    every_other = _ratios(rms)[::2]
    factor = float(np.prod(every_other) ** (1 / len(every_other)))
    return factor, verdict_for(factor ** (depth - 1))


def diagnose_with_if_after_if(rms, depth):
    factor, _ = reference_diagnose(rms, depth)
    change = factor ** (depth - 1)
    verdict = "train"
    if change > 100:
        verdict = "explode"
    if change < 0.01:
        verdict = "vanish"
    else:
        verdict = "train"
    return factor, verdict


EXERCISE = GradedExercise(
    student=STUDENT, points=3, reference=reference_diagnose, visible=DIAGNOSE_CASES,
    further_cases=further_diagnose_cases, expected=diagnose_expected,
    mistakes=(
        Mistake(diagnose_with_the_arithmetic_mean, "geometric mean"),
        Mistake(diagnose_with_the_total_change, "(k-1)-th root"),
        Mistake(diagnose_with_the_kth_root, "k - 1 steps"),
        Mistake(diagnose_inverted, "inverted"),
        Mistake(diagnose_from_the_last_two, "the last two layers only"),
        Mistake(diagnose_off_by_one, "depth - 1 times"),
        Mistake(diagnose_against_one, "the first layer's rms"),
        Mistake(diagnose_from_the_last_measured_layer, "not from the last measured layer"),
        Mistake(diagnose_from_the_factor_alone, "harmless in a shallow network"),
        Mistake(diagnose_swapped, "'vanish' is for a signal that shrinks"),
        Mistake(diagnose_verdict_only, "return two values"),
        Mistake(diagnose_in_other_words, "one of the strings"),
        Mistake(diagnose_by_the_median, "the median of the ratios"),
        Mistake(diagnose_from_the_first_two, "the first two layers only"),
        Mistake(diagnose_without_the_exp, "take its exp"),
        Mistake(diagnose_at_a_tenth_and_ten, "not 0.1 and 10"),
        Mistake(diagnose_by_multiplying, "you multiplied the factor by depth - 1"),
        Mistake(diagnose_by_the_harmonic_mean, "the harmonic mean"),
        Mistake(diagnose_outputs_swapped, "a number, first"),
        Mistake(diagnose_capitalised, "one of the strings"),
        Mistake(diagnose_root_by_depth, "(depth - 1)-th root"),
        Mistake(diagnose_by_a_ratio_of_means, "the mean of the later rms"),
        Mistake(diagnose_returning_the_change, "change over the whole network"),
        Mistake(diagnose_log2_then_exp, "mixed the bases of log and exp"),
        Mistake(diagnose_by_the_largest_ratio, "the largest ratio"),
        Mistake(diagnose_change_to_depth_over_k, "depth / k in the exponent"),
        Mistake(diagnose_with_integer_division, "integer division"),
        Mistake(diagnose_by_the_cubic_mean, "the ratios rms[l+1] / rms[l] with p = 3"),
        Mistake(diagnose_from_every_other_ratio, "every other ratio only, ratios[::2]"),
        Mistake(diagnose_with_if_after_if, "'explode' branch never wins"),
    ))
