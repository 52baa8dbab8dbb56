"""Exercise 6.1 ``diagnose(rms, depth)``: the instructor's side."""

import math

import numpy as np

from initlib.exercises.ex6_1_diagnose import EXERCISE as STUDENT
from initlib.exercises.ex6_1_diagnose import VERDICTS, verdict_for

from .graded import GradedExercise, Mistake, new_cases


def reference_diagnose(rms, depth):
    per_layer = (rms[-1] / rms[0]) ** (1.0 / (len(rms) - 1))
    over_the_network = per_layer ** (depth - 1)
    if over_the_network < 0.01:
        return per_layer, "vanish"
    return per_layer, "explode" if over_the_network > 100 else "train"


def diagnose_case(rms, depth):
    return {"calls": [{"args": [list(rms), depth]}]}


# rms of the activations of the first layers, as layer_statistics measures them, and a depth.
# In this order, each mistake below first fails on a case where no other mistake's verdict
# is the same as its own, so its hint is the one the judge gives.
DIAGNOSE_CASES = (
    diagnose_case([0.06, 0.0021, 6.1e-05, 2.2e-06], 8),   # shrinks thirtyfold a layer: vanish
    diagnose_case([0.73, 0.52, 0.3], 4),                   # factor 0.64, only 3 steps: train
    diagnose_case([1.0, 0.75, 0.64], 21),                  # 0.8 ** 20 = 0.0115: just trains
    diagnose_case([20.0, 26.0, 31.0, 40.0], 12),           # grows 12.7-fold from a large start
    diagnose_case([6.0, 19.0, 58.0], 6),                   # triples a layer: explode
)


def further_diagnose_cases(rng):
    """One network of each verdict and one more, in a random order: 3 to 6 measured layers,
    whose factor, noise, first rms and depth are drawn; never within 15% of a threshold."""
    def drawer(verdict):
        def draw(rng):
            k = int(rng.integers(3, 7))
            factor = math.exp(rng.uniform(math.log(0.05), math.log(5.0)))
            ratios = factor * np.exp(rng.normal(0.0, 0.15, k - 1))
            rms = float(np.exp(rng.uniform(math.log(0.05), math.log(20.0)))) * np.cumprod(
                np.concatenate([[1.0], ratios]))
            rms = [float(f"{value:.4g}") for value in rms]
            depth = int(rng.integers(k + 1, 41))
            change = (rms[-1] / rms[0]) ** ((depth - 1) / (k - 1))
            close_call = min(abs(math.log(change / 0.01)), abs(math.log(change / 100))) < 0.15
            if close_call or verdict not in (None, verdict_for(change)):
                return DIAGNOSE_CASES[0]  # not the case wanted: new_cases draws again
            return diagnose_case(rms, depth)
        return draw

    cases = []
    for verdict in [*rng.permutation(VERDICTS), None]:
        cases += new_cases(drawer(verdict), rng, 1, DIAGNOSE_CASES + tuple(cases))
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
    ))
