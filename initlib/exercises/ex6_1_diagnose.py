"""Exercise 6.1 ``diagnose(rms, depth)``, as notebook 06 checks it.

The expected data of a case is the right answer, ``[factor, verdict]``. A wrong factor is named
by how it relates to the right one (a power, an inverse) or to the rms given; a wrong verdict
by the change over the network that it would follow from.
"""

import math
from fractions import Fraction

import numpy as np

from .exercise import Exercise, Wrong, data_file
from .judging import finite_number, returned
from .kept import judge_kept_rms, judge_pooled_rms
from .relations import close, plain_ratio, ratio_words

VERDICTS = ("vanish", "explode", "train")


def verdict_for(change):
    """The verdict for the rms at the last layer divided by the rms at layer 1."""
    return "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def judge_diagnose(case, outcomes):
    """``diagnose(rms, depth)`` = (factor per layer, "vanish" / "explode" / "train")."""
    rms, depth = case["calls"][0]["args"]
    got = returned(outcomes[0])
    if outcomes[0].args_after is not None and list(outcomes[0].args_after[0]) != list(rms):
        raise Wrong("your function changed rms, the list it was given (append, insert, sort, "
                    "or an assignment into it): the caller's list must stay as it was; build "
                    "a new list, or compute without one",
                    f"rms={rms} became a list of {len(outcomes[0].args_after[0])}")
    if isinstance(got, str) or not isinstance(got, (list, tuple)) or len(got) != 2:
        raise Wrong("return two values: the factor per layer and the verdict, "
                    "`return factor, verdict`")
    factor = finite_number(got[0], "the factor per layer, a number, first")
    verdict = got[1]
    right_factor, right_verdict = case["expected"]
    where = f"rms={rms}, depth={depth}"
    if not close(factor, right_factor, 1e-6):
        judge_kept_rms(factor, rms, case["earlier_args"], where)
        judge_pooled_rms(factor, rms, case["earlier_args"], where)
        _judge_factor(factor, right_factor, np.asarray(rms, dtype=float), depth, where)
    if not isinstance(verdict, str) or verdict not in VERDICTS:
        raise Wrong("the verdict must be one of the strings 'vanish', 'explode', 'train'",
                    f"you returned {verdict!r}")
    if verdict != right_verdict:
        _judge_verdict(verdict, right_factor, right_verdict, rms, depth, where)


def running_halved(logs):
    """exp of a running average of ``logs`` that moves halfway to each new one."""
    if logs.size == 0:
        return math.nan
    average = logs[0]
    for value in logs[1:]:
        average = (average + value) / 2
    return float(math.exp(average))


def _judge_factor(factor, right, rms, depth, where):
    steps = len(rms) - 1
    candidates = [
        ((rms[-1] / rms[0]) ** (1 / (depth - 1)) if depth > 1 else right,
         "you took the (depth - 1)-th root of rms[-1] / rms[0]; the k measured layers have "
         "k - 1 steps between them: the (k-1)-th root (depth is for the verdict)"),
        (float(np.mean(rms[1:]) / np.mean(rms[:-1])),
         "you divided the mean of the later rms by the mean of the earlier ones; the factor per "
         "layer is the geometric mean of the ratios, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.mean(rms[1:] / rms[:-1])),
         "you averaged the ratios rms[l+1] / rms[l] with an arithmetic mean; factors multiply, "
         "so take their geometric mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (right ** steps, "rms[-1] / rms[0] is the change over all k - 1 steps; the factor per "
                         "layer is its (k-1)-th root"),
        (right ** (steps / (steps + 1)), "k measured layers have k - 1 steps between them: take "
                                         "the (k-1)-th root, not the k-th"),
        (1 / right, "your factor is inverted: it is a later layer's rms over an earlier one's"),
        (1.0, "your factor is 1: 1 // (k - 1) is integer division, 0 once k > 2, so the power "
              "is 0; write 1 / (k - 1)"),
        (rms[-1] / rms[-2], "you used the last two layers only; every measured layer counts: "
                            "(rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (rms[1] / rms[0], "you used the first two layers only; every measured layer counts: "
                          "(rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.max(rms[1:] / rms[:-1])), "you took the largest ratio between neighbouring "
                                            "layers (max); every ratio counts: their geometric "
                                            "mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.min(rms[1:] / rms[:-1])), "you took the smallest ratio between neighbouring "
                                            "layers (min); every ratio counts: their geometric "
                                            "mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.median(rms[1:] / rms[:-1])),
         "you took the median of the ratios rms[l+1] / rms[l]; factors multiply, so take their "
         "geometric mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.mean(np.log(rms[1:] / rms[:-1]))),
         "you returned the mean of the logs of the ratios, the log of the factor: take its exp "
         "(the geometric mean is exp(mean(log(ratios))))"),
        (float(len(rms) - 1) / float(np.sum(rms[:-1] / rms[1:])),
         "you took the harmonic mean of the ratios; factors multiply, so take their geometric "
         "mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.log(right)), "you returned the log of the factor per layer: take its exp"),
        (running_halved(np.log(rms[1:] / rms[:-1])),
         "you folded the ratios in one at a time, each time halfway (factor = sqrt(factor * "
         "ratio)): the later ratios weigh more than the first; every ratio counts equally: "
         "(rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (float(np.exp(np.mean(np.gradient(np.log(rms))))) if len(rms) > 1 else right,
         "you averaged np.gradient of log(rms): its central differences count the middle "
         "ratios twice and the end ones once; the factor per layer is (rms[-1] / rms[0]) ** "
         "(1 / (k - 1))"),
        (right ** (depth - 1), "you returned the change over the whole network, factor ** "
                               "(depth - 1), in place of the factor; return the factor per "
                               "layer (the change only decides the verdict)"),
        *[(right ** power, "you mixed the bases of log and exp (np.log10 undone by np.exp, or "
                           "np.log by 10 **, ...): undo a log with the power of its own base")
          for power in (1 / math.log(10), math.log(10), 1 / math.log(2), math.log(2),
                        math.log(2) / math.log(10), math.log(10) / math.log(2))],
        (rms[-1] / rms[0] ** (1 / steps), "rms[-1] / rms[0] ** (1 / (k - 1)) takes the root of "
                                          "rms[0] alone: ** binds tighter than /; write "
                                          "(rms[-1] / rms[0]) ** (1 / (k - 1))"),
        (right ** steps / steps, "you divided the change rms[-1] / rms[0] by k - 1; changes "
                                 "multiply, so take its (k-1)-th root"),
        (float(np.exp(np.polyfit(np.arange(len(rms)), np.log(rms), 1)[0])),
         "you fitted a line to log(rms) through every layer; the factor per layer is the "
         "geometric mean of the ratios, from the first and last rms alone"),
        (float(np.mean([(rms[i] / rms[0]) ** (1 / i) for i in range(1, len(rms))])),
         "you averaged each layer's own root (rms[i] / rms[0]) ** (1 / i); the factor per "
         "layer is the geometric mean of all the ratios, (rms[-1] / rms[0]) ** (1 / (k - 1))"),
        *([((rms[-1] / rms[1]) ** (1 / steps), "you started from rms[1], the second measured "
            "layer's rms: indices start at 0, the first layer's rms is rms[0]"),
           ((rms[-2] / rms[0]) ** (1 / steps), "you ended at rms[-2], the last layer but one: "
            "the last measured layer's rms is rms[-1] (rms[k - 1])")] if steps > 1 else []),
        (float(np.exp(np.mean(np.log(rms)))), "you took the geometric mean of the rms values "
                                                "themselves; the factor per layer is that of the "
                                                f"ratios rms[l+1] / rms[l]: {GEOMETRIC}"),
        *power_means(rms[1:] / rms[:-1]), *subset_means(rms[1:] / rms[:-1]),
    ]
    matches = [explanation for value, explanation in candidates
               if close(factor, value, 1e-6) and not close(value, right, 1e-4)]
    if matches:
        raise Wrong("; or, giving the same number here: ".join(matches[:2]),
                    f"{where}: factor {right:.4g}, you returned {factor:.4g}")
    for digits in range(6, -1, -1):  # the most decimals that give it (0.001 to 2 is 0.0)
        if factor == round(right, digits):
            raise Wrong(f"your factor is the right one rounded to {digits} decimals: return it "
                        "unrounded (round only when you print)",
                        f"{where}: factor {right!r}, you returned {factor!r}")
    measured = measured_power(factor, right, steps)
    raise Wrong(measured or "the factor per layer is the geometric mean of the ratios rms[l+1] / "
                "rms[l], (rms[-1] / rms[0]) ** (1 / (k - 1))",
                f"{where}: factor {right:.4g}, you returned {factor:.4g}")


GEOMETRIC = "factors multiply, so take their geometric mean, (rms[-1] / rms[0]) ** (1 / (k - 1))"


def power_means(ratios):
    """(value, words) for the power means (mean(ratios ** p)) ** (1 / p) of the ratios with
    p = -4 to 4 in halves (but 0, the geometric mean, and 1 and -1, named on their own)."""
    found = []
    for p in (-4, -3, -2, -1.5, -0.5, 0.5, 1.5, 2, 2.5, 3, 4):
        with np.errstate(all="ignore"):
            value = float(np.mean(ratios**p) ** (1 / p))
        what = ("the root mean square of the ratios rms[l+1] / rms[l], np.sqrt(np.mean(ratios "
                "** 2)), their power mean with p = 2" if p == 2 else "the power mean of the "
                f"ratios rms[l+1] / rms[l] with p = {p:g}, np.mean(ratios ** p) ** (1 / p)")
        if math.isfinite(value):
            found.append((value, f"your factor is {what}; {GEOMETRIC} (the power mean with "
                                 "p = 0)"))
    return found


def subset_means(ratios):
    """(value, words) for the geometric means of parts of the ratios: every other one, the
    first or the last few, all but the largest or the smallest."""
    n = len(ratios)
    parts = [(ratios[::2], "every other ratio only, ratios[::2]: the non-overlapping pairs "
                           "rms[0] -> rms[1], rms[2] -> rms[3], ... (as zip(rms[::2], rms[1::2]) "
                           "pairs them), skipping the ratios between the pairs"),
             *([(ratios[1::2], "every other ratio only, ratios[1::2], skipping the ratios "
                               "between them")] if n > 3 else []),
             *((ratios[:j], f"the first {j + 1} layers only") for j in range(2, n)),
             *((ratios[-j:], f"the last {j + 1} layers only") for j in range(2, n))]
    if n > 2:
        order = np.argsort(ratios)
        parts += [(np.delete(ratios, order[-1]), "all ratios but the largest"),
                  (np.delete(ratios, order[0]), "all ratios but the smallest")]
    return [(float(np.exp(np.mean(np.log(part)))), f"your factor is the geometric mean of "
             f"{words}; every ratio between consecutive layers counts, all k - 1 of them: "
             "(rms[-1] / rms[0]) ** (1 / (k - 1))") for part, words in parts if 0 < len(part) < n]


def measured_power(factor, right, steps):
    """Words for ``factor`` as the right one times a plain number, or to a simple power p/q
    (so that the exponent of rms[-1] / rms[0] it used is measured); "" otherwise."""
    ratio = factor / right
    if factor > 0 and plain_ratio(ratio):
        return (f"your factor is {ratio_words(ratio)} the right one: a constant factor "
                "too many or too few; the factor per layer is (rms[-1] / rms[0]) ** (1 / (k - 1))"
                " with nothing else")
    if factor <= 0 or abs(math.log(right)) < 1e-3:
        return ""
    power = math.log(factor) / math.log(right)
    for q in range(1, 13):
        p = round(power * q)
        if p and abs(power - p / q) < 1e-6 and (p, q) != (1, 1):
            used = Fraction(p, q * steps)
            return (f"your factor is the right one to the power {Fraction(p, q)}: you raised "
                    f"rms[-1] / rms[0] to the power {used}, where the k = {steps + 1} measured "
                    f"layers have k - 1 = {steps} steps: the power is 1 / (k - 1)")
    return ""


def _judge_verdict(verdict, factor, right, rms, depth, where):
    change = factor ** (depth - 1)
    where = f"{where}: the signal changes {change:.3g}-fold from layer 1 to layer {depth}"
    ratios = [later / earlier for earlier, later in zip(rms[:-1], rms[1:], strict=False)]
    mixed = min(ratios) < 1 < max(ratios)
    candidates = [
        ("train" if mixed else right,
         "your verdict asks every ratio to shrink (or grow); the measured ratios here are "
         "mixed, some above 1 and some below, and still factor ** (depth - 1) alone decides: "
         "the geometric mean, whatever the single ratios"),
        ({"vanish": "explode", "explode": "vanish"}.get(right, right),
         "'vanish' is for a signal that shrinks (factor ** (depth - 1) < 0.01), 'explode' for "
         "one that grows more than 100-fold"),
        (verdict_for(change * factor), "from layer 1 to layer `depth` the signal is multiplied "
                                       "depth - 1 times, not depth times"),
        (verdict_for(rms[0] * change), "compare the rms at layer `depth` with the first layer's "
                                       "rms (a change of 100-fold), not with 1"),
        (verdict_for(change / factor ** (len(rms) - 1)),
         "measure the change from layer 1, not from the last measured layer"),
        (verdict_for(factor ** (len(rms) - 1)),
         "you took the change over the measured layers and left out depth: over the network "
         "the signal changes factor ** (depth - 1)-fold"),
        ("vanish" if change < 0.1 else "explode" if change > 10 else "train",
         "the thresholds are 0.01 and 100 (a hundredfold change either way), not 0.1 and 10"),
        ("vanish" if factor < 1 else "explode",
         "'train' is the verdict whenever factor ** (depth - 1) lies between 0.01 and 100: a "
         "factor below 1 is harmless in a shallow network, and one above 1 too (a verdict read "
         "off the factor alone, or off whether the signal shrinks at all, is never 'train')"),
        (verdict_for(math.exp(min(700.0, math.log(max(rms[-1] / rms[0], 1e-300)) * depth
                                  / len(rms)))),
         "you scaled the measured change by depth / k in the exponent; the change over the "
         "network is factor ** (depth - 1): the factor per step to the power depth - 1"),
        (verdict_for(factor * (depth - 1)), "you multiplied the factor by depth - 1; layers "
                                            "multiply the signal in turn, so raise it to the power "
                                            "depth - 1: factor ** (depth - 1)"),
    ]
    matches = [explanation for value, explanation in candidates if verdict == value != right]
    if matches:
        raise Wrong("; or, giving the same verdict here: ".join(matches[:3]),
                    f"{where}; the verdict is {right!r}, you said {verdict!r}")
    if verdict == "train" and (change < 1e-3 or change > 1e5):  # far from both thresholds
        first, second = ("< 0.01", "> 100") if right == "vanish" else ("> 100", "< 0.01")
        raise Wrong(f"your '{right}' branch never wins: no way of computing the change gives "
                    f"'train' this far from the thresholds, so the verdict is overwritten: an "
                    f"if after an if (`if change {first}: verdict = '{right}'`, then `if change "
                    f"{second}: ... else: verdict = 'train'`) lets the second if's else replace "
                    "it; use elif (or return at once)",
                    f"{where}; the verdict is {right!r}, you said {verdict!r}")
    raise Wrong("the verdict follows from factor ** (depth - 1): below 0.01 'vanish', above "
                "100 'explode', else 'train'", f"{where}; the verdict is {right!r}")


EXERCISE = Exercise(
    number="6.1", function="diagnose", signature="diagnose(rms, depth)",
    task="from the first layers' statistics, will a deeper network vanish, explode or train?",
    praise="the factor per layer is the geometric mean of the ratios, and factor ** (depth - 1) "
           "decides",
    judge=judge_diagnose, data=data_file(__file__))
