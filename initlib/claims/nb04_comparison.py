"""Notebook 04's claims: He against LeCun over paired seeds, and the two levers compared."""

from functools import cache

import numpy as np

from ..data import load_dataset
from ..network import accuracy
from ..training import train_many
from .claim import Claim, Scope

LAYER_DIMS = [2, 10, 5, 1]
RATES = (0.1, float(0.1 * np.sqrt(2)))  # the same factor sqrt(2) as between LeCun and He
TARGET_COST = 0.3
STUDY = Scope(seeds=range(10), budget=1200)
ALL_CIRCLES = {"all data": "the networks train on all 300 training points of the circles"}


@cache
def _study(seeds, budget):
    X, Y, _, _ = load_dataset("circles")
    evidence = {}
    for rate in RATES:
        configs = [{"initialization": name, "rng": s} for name in ("lecun", "he") for s in seeds]
        runs = train_many(X, Y, LAYER_DIMS, configs, learning_rate=rate, num_iterations=budget,
                          record_every=10)
        for k, name in enumerate(("LeCun", "He")):
            mine = runs[k * len(seeds):(k + 1) * len(seeds)]
            evidence[f"{name} at {rate:.3g}"] = {
                "iterations to 0.3": [r.iterations_to_reach(TARGET_COST) for r in mine],
                "train accuracy": [accuracy(r.params, X, Y) for r in mine]}
    return evidence


def study(scope):
    """LeCun and He, each seed of ``scope``, at both rates: iterations to a cost of 0.3.

    A run that never reaches it within the budget has None (counted as the slowest).
    """
    return _study(tuple(scope.seeds), scope.budget)


def times(runs):
    return np.array([np.inf if t is None else t for t in runs["iterations to 0.3"]])


def first(e, a, b):
    """Seeds on which ``a`` reaches a cost of 0.3 before ``b``."""
    return int(np.sum(times(e[a]) < times(e[b])))


def key(name, rate):
    return f"{name} at {rate:.3g}"


def speedup(e, slow, fast):
    return float(np.median(times(e[slow])) / np.median(times(e[fast])))


def study_report(e):
    lines = [f"{k}: median {np.median(times(v)):g} iterations to a cost of 0.3 (never within the "
             f"budget: {sum(t is None for t in v['iterations to 0.3'])} of "
             f"{len(v['iterations to 0.3'])}); ending at 95% train accuracy or more: "
             f"{sum(a >= 0.95 for a in v['train accuracy'])}" for k, v in e.items()]
    lines += [f"He first at {r:.3g}: {first(e, key('He', r), key('LeCun', r))} of "
              f"{len(e[key('He', r)]['iterations to 0.3'])} seeds" for r in RATES]
    return "\n".join(lines)


def levers_report(e):
    low, high = RATES
    init = speedup(e, key("LeCun", low), key("He", low))
    rate = [speedup(e, key(n, low), key(n, high)) for n in ("LeCun", "He")]
    return (f"median time shortened by switching LeCun to He at {low:.3g}: {init:.2f}x; by "
            f"raising the rate from {low:.3g} to {high:.3g}: LeCun {rate[0]:.2f}x, "
            f"He {rate[1]:.2f}x\nLeCun at {high:.3g} first against He at {low:.3g} on "
            f"{first(e, key('LeCun', high), key('He', low))} of "
            f"{len(e[key('He', low)]['iterations to 0.3'])} seeds")


def levers_hold(e):
    low, high = RATES
    init = speedup(e, key("LeCun", low), key("He", low))
    return (speedup(e, key("LeCun", low), key("LeCun", high)) > init
            and speedup(e, key("He", low), key("He", high)) > init)


CLAIMS = [
    Claim(id="04.he-first",
          sentence="At a matched learning rate, 0.1 or 0.1 x sqrt(2), He reaches a cost of 0.3 "
                   "before LeCun on at least 9 of 10 paired seeds.",
          scope=STUDY, measure=study,
          holds=lambda e: all(first(e, key("He", r), key("LeCun", r)) >= 0.85 * len(
              e[key("He", r)]["iterations to 0.3"]) for r in RATES),
          report=study_report, stresses=("fresh seeds", "2x budget", "4x budget"),
          skipped=ALL_CIRCLES),
    Claim(id="04.levers",
          sentence="Changed by the same factor sqrt(2), the learning rate shortens the median "
                   "time to a cost of 0.3 more than switching LeCun's weights to He's does, for "
                   "LeCun and for He.",
          scope=STUDY, measure=study, holds=levers_hold, report=levers_report,
          stresses=("fresh seeds", "2x budget", "4x budget"), skipped=ALL_CIRCLES),
]
