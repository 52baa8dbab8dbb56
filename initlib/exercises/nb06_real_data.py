"""Notebook 06's exercise: 6.1 ``diagnose``, reading per-layer statistics before training."""

import math

import numpy as np

from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import close, finite_number, returned

VERDICTS = ("vanish", "explode", "train")


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


def expected_diagnosis(rms, depth):
    """The right answer: the geometric-mean factor per layer, and the verdict at ``depth``."""
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, verdict_for(factor ** (depth - 1))


def verdict_for(change):
    """The verdict for the rms at the last layer divided by the rms at layer 1."""
    return "vanish" if change < 0.01 else "explode" if change > 100 else "train"


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


def judge_diagnose(case, outcomes):
    """``diagnose(rms, depth)`` = (factor per layer, "vanish" / "explode" / "train")."""
    rms, depth = case["calls"][0]["args"]
    got = returned(outcomes[0])
    if isinstance(got, str) or not isinstance(got, (list, tuple)) or len(got) != 2:
        raise Wrong("return two values: the factor per layer and the verdict, "
                    "`return factor, verdict`")
    factor = finite_number(got[0], "the factor per layer, a number, first")
    verdict = got[1]
    right_factor, right_verdict = expected_diagnosis(rms, depth)
    where = f"rms={rms}, depth={depth}"
    if not close(factor, right_factor, 1e-6):
        _judge_factor(factor, right_factor, np.asarray(rms, dtype=float), where)
    if not isinstance(verdict, str) or verdict not in VERDICTS:
        raise Wrong("the verdict must be one of the strings 'vanish', 'explode', 'train'",
                    f"you returned {verdict!r}")
    if verdict != right_verdict:
        _judge_verdict(verdict, right_factor, right_verdict, rms, depth, where)


def _judge_factor(factor, right, rms, where):
    k = len(rms)
    candidates = [
        (float(np.mean(rms[1:] / rms[:-1])),
         "you averaged the ratios rms[l+1] / rms[l] with an arithmetic mean; factors multiply, "
         "so take their geometric mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (rms[-1] / rms[0], "rms[-1] / rms[0] is the change over all k - 1 steps; the factor per "
                           "layer is its (k-1)-th root"),
        ((rms[-1] / rms[0]) ** (1 / k), "k measured layers have k - 1 steps between them: take "
                                        "the (k-1)-th root, not the k-th"),
        (1 / right, "your factor is inverted: it is a later layer's rms over an earlier one's"),
        (rms[-1] / rms[-2], "you used the last two layers only; every measured layer counts: "
                            "(rms[-1] / rms[0]) ** (1 / (k - 1))"),
    ]
    for value, explanation in candidates:
        if close(factor, value, 1e-6) and not close(value, right, 1e-4):
            raise Wrong(explanation, f"{where}: factor {right:.4g}, you returned {factor:.4g}")
    raise Wrong("the factor per layer is the geometric mean of the ratios rms[l+1] / rms[l], "
                "(rms[-1] / rms[0]) ** (1 / (k - 1))",
                f"{where}: factor {right:.4g}, you returned {factor:.4g}")


def _judge_verdict(verdict, factor, right, rms, depth, where):
    change = factor ** (depth - 1)
    where = f"{where}: the signal changes {change:.3g}-fold from layer 1 to layer {depth}"
    candidates = [
        ({"vanish": "explode", "explode": "vanish"}.get(right, right),
         "'vanish' is for a signal that shrinks (factor ** (depth - 1) < 0.01), 'explode' for "
         "one that grows more than 100-fold"),
        (verdict_for(factor ** depth), "from layer 1 to layer `depth` the signal is multiplied "
                                       "depth - 1 times, not depth times"),
        (verdict_for(rms[0] * change), "compare the rms at layer `depth` with the first layer's "
                                       "rms (a change of 100-fold), not with 1"),
        (verdict_for(factor ** (depth - len(rms))),
         "measure the change from layer 1, not from the last measured layer"),
        ("vanish" if factor < 1 else "explode",
         "a factor below 1 is harmless in a shallow network, and one above 1 too: what matters "
         "is factor ** (depth - 1)"),
    ]
    for value, explanation in candidates:
        if verdict == value != right:
            raise Wrong(explanation, f"{where}; the verdict is {right!r}, you said {verdict!r}")
    raise Wrong("the verdict follows from factor ** (depth - 1): below 0.01 'vanish', above "
                "100 'explode', else 'train'", f"{where}; the verdict is {right!r}")


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
    factor, verdict = expected_diagnosis(rms, depth)
    return factor, {"vanish": "explode", "explode": "vanish"}.get(verdict, verdict)


def diagnose_verdict_only(rms, depth):
    return expected_diagnosis(rms, depth)[1]


def diagnose_in_other_words(rms, depth):
    factor, verdict = expected_diagnosis(rms, depth)
    return factor, {"vanish": "vanishing", "explode": "exploding", "train": "trains"}[verdict]


DIAGNOSE = Exercise(
    number="6.1", function="diagnose", signature="diagnose(rms, depth)",
    task="from the first layers' statistics, will a deeper network vanish, explode or train?",
    points=3,
    praise="the factor per layer is the geometric mean of the ratios, and factor ** (depth - 1) "
           "decides",
    cases=DIAGNOSE_CASES, judge=judge_diagnose, further_cases=further_diagnose_cases,
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

EXERCISES = (DIAGNOSE,)
