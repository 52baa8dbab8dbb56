"""Notebook 03's claims: He against Xavier in a deep ReLU network, and the tanh gains."""

import math
from functools import lru_cache

import numpy as np

from ..data import load_dataset
from ..diagnostics import layer_statistics
from ..experiments import GainedDraws
from ..initializers import initialize_parameters
from ..network import accuracy
from ..training import train_many
from .claim import Claim, Scope, untrained

DEEP_DIMS = [2] + [16] * 15 + [1]
DEEP = Scope(seeds=range(10), budget=1000)
TANH = Scope(seeds=range(10), budget=200)
TANH_STARTS = {"gain 1, LeCun": ("lecun", 1.0), "gain 1, Xavier": ("xavier", 1.0),
               "gain 5/3, LeCun": ("lecun", 5 / 3)}
STRESSED = ("fresh seeds", "2x budget", "4x budget")



def small_data(scope):
    """The notebook's 100 points (every third), or all 300 under the "all data" stress."""
    X_train, Y_train, _, _ = load_dataset("circles")
    step = 1 if scope.data == "all" else 3
    return X_train[:, ::step], Y_train[:, ::step]


def at_ln2(cost):
    return round(cost, 2) == round(math.log(2), 2)


@lru_cache(maxsize=10)
def deep_arm(scope, rule):
    """One rule (``"he"`` or ``"xavier"``) on the 15-layer ReLU network, one run per seed.

    The cost is recorded 20 times per run (so a figure can draw the curves); the evidence holds
    the recorded iterations and, per run, the recorded costs, the cost a quarter of the way in
    and at the end, and the train accuracy. Cached, so that the He runs trained for one claim
    are those the comparison reads.
    """
    X, Y = small_data(scope)
    every = max(1, scope.budget // 20)
    runs = train_many(X, Y, DEEP_DIMS, [{"initialization": rule, "rng": s} for s in scope.seeds],
                      num_iterations=scope.budget, record_every=every)
    return {"iterations": runs[0].iterations, "quarter": 5 * every,
            "costs": [run.costs for run in runs], "final": [run.final_cost for run in runs],
            "quarter_costs": [run.costs[5] for run in runs],
            "train": [accuracy(run.params, X, Y) for run in runs]}


def he_only(scope):
    """The He runs alone (what ``03.he-trains-deep`` reads)."""
    he = deep_arm(scope, "he")
    return {"iterations": he["iterations"], "quarter": he["quarter"], "he": arm_of(he)}


def arm_of(runs):
    return {"costs": runs["costs"], "final": runs["final"], "quarter": runs["quarter_costs"],
            "train": runs["train"]}


def he_xavier(scope):
    """He and Xavier on the 15-layer ReLU network, paired by seed (the same seeds, so each
    pair scales the same random numbers by each rule): ``deep_arm``'s evidence per rule."""
    he, xavier = deep_arm(scope, "he"), deep_arm(scope, "xavier")
    return {"iterations": he["iterations"], "quarter": he["quarter"], "he": arm_of(he),
            "xavier": arm_of(xavier)}


def counts(evidence):
    """Per rule: runs at 85% train accuracy or more, at ln 2 a quarter in, at ln 2 at the end."""
    return {name: (int(np.sum(np.array(evidence[name]["train"]) >= 0.85)),
                   sum(map(at_ln2, evidence[name]["quarter"])),
                   sum(map(at_ln2, evidence[name]["final"])))
            for name in ("he", "xavier") if name in evidence}


def he_xavier_report(evidence):
    n = len(evidence["he"]["final"])
    pairs = zip(evidence["he"]["final"], evidence["xavier"]["final"], strict=True)
    ahead = sum(h < x for h, x in pairs)
    c = counts(evidence)
    return (f"He's final cost below Xavier's, same seed: {ahead} of {n}; train accuracy >= 85%: "
            f"He {c['he'][0]} of {n}, Xavier {c['xavier'][0]} of {n}")


def trains_report(evidence):
    return (f"He: train accuracy >= 85% on {counts(evidence)['he'][0]} of "
            f"{len(evidence['he']['final'])}")


def delayed_report(evidence):
    c = counts(evidence)
    return (f"cost still ln 2 (to two decimals) at iteration {evidence['quarter']} and at the end "
            f"of the run: Xavier on {c['xavier'][1]} and {c['xavier'][2]} of "
            f"{len(evidence['he']['final'])}, He on {c['he'][1]} and {c['he'][2]}")


def he_ahead(evidence):
    pairs = zip(evidence["he"]["final"], evidence["xavier"]["final"], strict=True)
    return sum(h < x for h, x in pairs) >= 0.9 * len(evidence["he"]["final"])


def he_trains(evidence):
    return np.mean(np.array(evidence["he"]["train"]) >= 0.85) >= 0.7


def xavier_lags(evidence):
    return sum(map(at_ln2, evidence["xavier"]["final"])) > sum(map(at_ln2, evidence["he"]["final"]))


def xavier_moves(evidence):
    xavier = evidence["xavier"]
    return sum(map(at_ln2, xavier["final"])) < sum(map(at_ln2, xavier["quarter"]))


@lru_cache(maxsize=2)
def tanh_gains(scope):
    """The three tanh starts of ``TANH_STARTS`` on the 15-layer network, paired by seed.

    Per start: the cost every 100 iterations and at the end, and the train accuracy.
    """
    X, Y = small_data(scope)
    configs = [{"initialization": m, "rng": GainedDraws(s, g)}
               for m, g in TANH_STARTS.values() for s in scope.seeds]
    runs = train_many(X, Y, DEEP_DIMS, configs, num_iterations=scope.budget,
                      hidden_activation="tanh", record_every=100)
    n = len(scope.seeds)
    return {label: {"final": [run.final_cost for run in runs[k * n:(k + 1) * n]],
                    "train": [accuracy(run.params, X, Y, "tanh")
                              for run in runs[k * n:(k + 1) * n]]}
            for k, label in enumerate(TANH_STARTS)}


def tanh_report(evidence):
    """Counts and the gain-1 medians; of the gain-5/3 runs, which learn fast enough to be
    chaotic (their exact costs differ from one CPU to the next), counts only."""
    final = {label: np.array(arm["final"]) for label, arm in evidence.items()}
    fast = final["gain 5/3, LeCun"]
    lines = [f"gain 5/3 below gain 1 in cost at the end, same seed: {int(np.sum(fast < final[g]))}"
             f" of {len(fast)} against {g[8:]}" for g in ("gain 1, LeCun", "gain 1, Xavier")]
    for label in ("gain 1, LeCun", "gain 1, Xavier"):
        lines.append(f"{label:16s} median cost at the end {np.median(final[label]):.2f}, median "
                     f"train accuracy {np.median(evidence[label]['train']):.1%}")
    lines.append(f"gain 5/3, LeCun  median cost at the end below 0.5: {np.median(fast) < 0.5}")
    return "\n".join(lines)


def tanh_sooner(evidence):
    fast = np.array(evidence["gain 5/3, LeCun"]["final"])
    return all(np.sum(fast < np.array(evidence[g]["final"])) >= 0.7 * len(fast)
               for g in ("gain 1, LeCun", "gain 1, Xavier"))


def shape_drift(scope):
    """Layer-50 / layer-1 activation std of a stack of 50 ReLU layers of 100 units, fed 200
    random inputs (drawn once, from seed 2015), with He weights drawn from a normal and from a
    uniform distribution, per seed of ``scope``."""
    X = np.random.default_rng(2015).standard_normal((100, 200))
    dims = [100] * 51 + [1]
    ratios = {}
    for distribution in ("normal", "uniform"):
        ratios[distribution] = []
        for seed in scope.seeds:
            params = initialize_parameters(dims, "he", distribution=distribution, rng=seed)
            stats = layer_statistics(X, params)
            ratios[distribution].append(float(stats[49]["std"] / stats[0]["std"]))
    return ratios


def shape_report(evidence):
    lines = []
    for distribution, ratios in evidence.items():
        r = np.array(ratios)
        lines.append(f"He {distribution:8s} std of layer 50 / layer 1 over {len(r)} seeds: median "
                     f"{np.median(r):.2f}, {int(np.sum(r < 1))} below 1, range {r.min():.2f} to "
                     f"{r.max():.2f}")
    return "\n".join(lines)


def shapes_alike(evidence):
    """Each distribution's median lies within the other's range over the seeds."""
    normal, uniform = np.array(evidence["normal"]), np.array(evidence["uniform"])
    return (uniform.min() <= np.median(normal) <= uniform.max()
            and normal.min() <= np.median(uniform) <= normal.max())


EVERY = ("fresh seeds", "2x budget", "4x budget", "all data")

CLAIMS = [
    Claim(
        id="03.he-ahead-of-xavier",
        sentence="On the 15-layer ReLU network, He's cost at the end of the run is below "
                 "Xavier's on the same seed on at least 9 of 10 paired seeds.",
        scope=DEEP, measure=he_xavier, holds=he_ahead, report=he_xavier_report,
        stresses=EVERY,
    ),
    Claim(
        id="03.he-trains-deep",
        sentence="On the notebook's 100 points He brings at least 7 of 10 of these 15-layer "
                 "ReLU networks to 85% train accuracy within the run.",
        scope=DEEP, measure=he_only, holds=he_trains, report=trains_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        beyond={"all data": "the sentence is about the notebook's 100 points; on all 300 "
                            "the same 1000 iterations may bring fewer there (He's cost against "
                            "Xavier's on all 300 points is 03.he-ahead's)"},
    ),
    Claim(
        id="03.xavier-lags",
        sentence="At the end of the run Xavier's cost is still ln 2 on more seeds than He's.",
        scope=DEEP, measure=he_xavier, holds=xavier_lags, report=delayed_report,
        stresses=EVERY,
    ),
    Claim(
        id="03.xavier-delayed",
        sentence="On the notebook's 100 points Xavier is delayed, not stuck: at the end of the "
                 "run its cost is still ln 2 on fewer seeds than a quarter of the way in.",
        scope=DEEP, measure=he_xavier, holds=xavier_moves, report=delayed_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        beyond={"all data": "the sentence is about the notebook's 100 points; on all 300 "
                            "the wait can be longer than the run"},
    ),
    Claim(
        id="03.tanh-gain-sooner",
        sentence="On the 15-layer tanh network, gain 5/3 (LeCun's rule times 5/3) ends the run "
                 "with a lower cost than gain 1 on at least 7 of 10 paired seeds, against "
                 "LeCun's rule and against Xavier's.",
        scope=TANH, measure=tanh_gains, holds=tanh_sooner, report=tanh_report,
        stresses=EVERY,
    ),
    Claim(
        id="03.normal-uniform-alike",
        sentence="In a stack of 50 ReLU layers of 100 units, He weights drawn from a normal and "
                 "from a uniform distribution keep the signal alike: over the seeds, the median "
                 "of layer 50's activation std over layer 1's for each lies within the range of "
                 "the other.",
        scope=Scope(seeds=range(10)), measure=shape_drift, holds=shapes_alike,
        report=shape_report, stresses=("fresh seeds",),
        skipped=untrained("the inputs are 200 random points, not a data set"),
    ),
]
