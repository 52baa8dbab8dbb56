"""Notebook 03's claims about the 50-layer signal (ReLU and tanh), He's drift and the classic
result."""

import math

import numpy as np

from ..data import load_dataset
from ..diagnostics import layer_statistics, update_ratios
from ..experiments import classic_runs
from ..initializers import initialize_parameters
from ..network import accuracy
from ..signal_experiments import he_signal_drift
from .claim import Claim, Scope
from .nb03_derivation import NO_DATA_SET, NOT_TRAINED, _seeds_where, deep_batch

DEEP_SETTINGS = {"He": {"initialization": "he"}, "LeCun": {"initialization": "lecun"},
                 "Xavier": {"initialization": "xavier"},
                 "random 0.01": {"initialization": "random", "scale": 0.01}}


def deep_signal(scope):
    """50 hidden ReLU layers of 100 units, weights from each seed of ``scope``, the inputs of
    ``deep_batch``: per setting and seed, every hidden layer's activation std and error norm,
    and layer 50's std over layer 1's."""
    X, Y = deep_batch()
    dims = [100] * 51 + [1]
    evidence = {}
    for label, kw in DEEP_SETTINGS.items():
        evidence[label] = []
        for seed in scope.seeds:
            stats = layer_statistics(X, initialize_parameters(dims, rng=seed, **kw), Y)[:-1]
            evidence[label].append({"std": [row["std"] for row in stats],
                                    "error_norm": [row["error_norm"] for row in stats],
                                    "ratio": stats[49]["std"] / stats[0]["std"]})
    return evidence


HALVING = 2 ** (-49 / 2)  # a factor 1/2 of the second moment per step, over 49 steps


def deep_report(e):
    n = len(e["He"])
    lines = []
    if n <= 5:
        lines.append(f"std of layer 50 / std of layer 1, for {n} seeds:")
        lines += [f"{label:12s} " + "  ".join(f"{run['ratio']:8.2g}" for run in runs)
                  for label, runs in e.items()]
    he = [run["ratio"] for run in e["He"]]
    near = sum(HALVING / 4 <= run["ratio"] <= HALVING * 4 for label in ("LeCun", "Xavier")
               for run in e[label])
    lines.append(f"He's ratio between 0.1 and 10 on {sum(0.1 <= r <= 10 for r in he)} of {n} "
                 f"seeds; LeCun's and Xavier's within a factor 4 of 2^(-49/2) = {HALVING:.1e} "
                 f"on {near} of {2 * n}; random 0.01's below 1e-50 on "
                 f"{sum(run['ratio'] < 1e-50 for run in e['random 0.01'])} of {n}")
    return "\n".join(lines)


def deep_holds(e):
    return (all(0.1 <= run["ratio"] <= 10 for run in e["He"])
            and all(HALVING / 4 <= run["ratio"] <= HALVING * 4
                    for label in ("LeCun", "Xavier") for run in e[label])
            and all(run["ratio"] < 1e-50 for run in e["random 0.01"]))


DRIFT_WIDTHS = (100, 400, 1000)


def drift(scope):
    """``he_signal_drift`` over 40 networks per width, seeded width + seed (the notebook's
    seed 0 seeds each width with itself): per seed and width, the median ratio, the share
    below 1 and the range."""
    runs = []
    for seed in scope.seeds:
        per_width = []
        for width in DRIFT_WIDTHS:
            ratio = he_signal_drift(width, num_layers=50, num_networks=40, rng=width + seed)
            per_width.append({"width": width, "median": float(np.median(ratio)),
                              "predicted": math.exp(-49 * 5 / (4 * width)),
                              "below": float(np.mean(ratio < 1)), "min": float(ratio.min()),
                              "max": float(ratio.max())})
        runs.append(per_width)
    return {"seeds": runs}


def drift_ok(run):
    """Median below 1 at the narrowest width and closer to 1 at the widest, every median
    within 0.25 of the prediction; the range narrower at the widest than at the narrowest."""
    narrow, wide = run[0], run[-1]
    return (narrow["median"] < 1 and abs(1 - wide["median"]) < abs(1 - narrow["median"])
            and all(abs(w["median"] - w["predicted"]) <= 0.25 for w in run)
            and wide["max"] - wide["min"] < narrow["max"] - narrow["min"])


def drift_report(e):
    lines = []
    if len(e["seeds"]) == 1:
        lines.append("width   median ratio   predicted   share below 1   range over 40 networks")
        lines += [f"{w['width']:5d} {w['median']:12.2f} {w['predicted']:11.2f} "
                  f"{w['below']:13.0%}   {w['min']:.2f} to {w['max']:.2f}"
                  for w in e["seeds"][0]]
    return "\n".join(lines + [f"median below 1 at width 100 and closer to 1 at width 1000, "
                              f"every median within 0.25 of the prediction, the range narrower at "
                              f"1000 than at 100: {_seeds_where(e, drift_ok)}"])


TANH_GAINS = {"gain 1 (LeCun)": 1.0, "gain sqrt(2) (He)": math.sqrt(2), "gain 5/3 (PyTorch)": 5 / 3}


def tanh_signal(scope):
    """50 hidden tanh layers of 100 units, weights of std gain / 10 from each seed, the inputs
    of ``deep_batch``: per gain and seed, every layer's activation std and error norm, the
    largest saturated share, and the update / weight ratio (learning rate 0.01) of W1 and W50."""
    X, Y = deep_batch()
    dims = [100] * 51 + [1]
    evidence = {}
    for label, g in TANH_GAINS.items():
        evidence[label] = []
        for seed in scope.seeds:
            params = initialize_parameters(dims, "random", scale=g / 10, rng=seed)
            stats = layer_statistics(X, params, Y, hidden_activation="tanh")[:-1]
            ratios = update_ratios(X, Y, params, hidden_activation="tanh")
            norms = np.array([row["error_norm"] for row in stats])
            evidence[label].append({"std": [row["std"] for row in stats],
                                    "error_norm": norms.tolist(),
                                    "saturated": max(row["saturated"] for row in stats),
                                    "factor": float(np.median(norms[:-1] / norms[1:])),
                                    "growth": float(norms[0] / norms[49]),
                                    "W1": ratios[0], "W50": ratios[49]})
    return evidence


def tanh_ok(e, k):
    one, he, fast = (e[label][k] for label in TANH_GAINS)
    return (one["std"][49] < one["std"][0] / 2 and min(he["std"][49], fast["std"][49]) > 0.4
            and one["growth"] < 1 < he["growth"] < fast["growth"]
            and fast["W1"] > 10 * fast["W50"])


def tanh_report(e):
    n = len(e["gain 1 (LeCun)"])
    lines = []
    if n == 1:
        lines.append("                    activation std: layer 1  layer 10  layer 50   error "
                     "norm: layer 50  layer 1   saturated")
        lines += [f"{label:20s} {r[0]['std'][0]:16.3f} {r[0]['std'][9]:9.3f} "
                  f"{r[0]['std'][49]:9.3f} {r[0]['error_norm'][49]:21.1e} "
                  f"{r[0]['error_norm'][0]:8.1e} {r[0]['saturated']:10.1%}"
                  for label, r in e.items()]
        lines.append("on the way down (layer 50 to layer 1): the error norm's median factor per "
                     "layer and its total growth;\nand the update / weight ratio (learning rate "
                     "0.01) of W1 and of W50")
        lines += [f"{label:20s} factor {r[0]['factor']:.3f}  total x{r[0]['growth']:<8.3g}  "
                  f"update / weight: W1 {r[0]['W1']:.1e}, W50 {r[0]['W50']:.1e}"
                  for label, r in e.items()]
    ok = sum(tanh_ok(e, k) for k in range(n))
    return "\n".join(lines + [f"gain 1 fading (layer 50 below half of layer 1) and its error "
                              f"shrinking, the larger gains above 0.4 at layer 50 with the error "
                              f"growing, most at 5/3, whose W1 ratio is over 10 times W50's: "
                              f"{ok} of {n} seeds"])


# --- the classic result --------------------------------------------------------------------

CLASSIC = Scope(seeds=(3,), budget=15000)  # np.random.RandomState(3): the classic draw


def classic(scope):
    """Zeros, random x10 and He on the classic network, per seed (``classic_runs``): the
    naive cost at iteration 0 and the train and test accuracy at the end."""
    X, Y, X_test, Y_test = load_dataset("circles")
    runs = []
    for seed in scope.seeds:
        trained = classic_runs(("zeros", "random x10", "He"), seed, scope.budget)
        runs.append({name: {"cost0": run.naive_costs[0], "train": accuracy(run.params, X, Y),
                            "test": accuracy(run.params, X_test, Y_test)}
                     for name, run in trained.items()})
    return {"seeds": runs}


def classic_report(e):
    n = len(e["seeds"])
    he = [run["He"] for run in e["seeds"]]
    ahead = sum(run["He"]["train"] > max(run["random x10"]["train"], run["zeros"]["train"])
                for run in e["seeds"])
    return (f"He: train accuracy >= 95% on {sum(h['train'] >= 0.95 for h in he)} of {n} seeds, "
            f"test accuracy >= 90% on {sum(h['test'] >= 0.9 for h in he)}; above random x10 and "
            f"zeros in train accuracy on {ahead} of {n}; He's cost at iteration 0 above ln 2 on "
            f"{sum(h['cost0'] > math.log(2) for h in he)} of {n}")


def classic_holds(e):
    he = [run["He"] for run in e["seeds"]]
    return (np.mean([h["train"] >= 0.95 for h in he]) >= 0.9
            and np.mean([h["test"] >= 0.9 for h in he]) >= 0.9
            and all(run["He"]["train"] > max(run["random x10"]["train"], run["zeros"]["train"])
                    for run in e["seeds"])
            and np.mean([h["cost0"] > math.log(2) for h in he]) >= 0.7)


CLAIMS = [
    Claim(
        id="03.deep-signal",
        sentence="In 50 ReLU layers of 100 units, He's activation std at layer 50 stays within a "
                 "factor 10 of layer 1's, LeCun's and Xavier's fall to within a factor 4 of "
                 "2^(-49/2), and random 0.01's below 1e-50 of it, on every seed.",
        scope=Scope(seeds=range(5)), measure=deep_signal, holds=deep_holds, report=deep_report,
        stresses=("fresh seeds",),
        skipped={**NOT_TRAINED, "all data": "the inputs are 200 random points, not a data set"},
    ),
    Claim(
        id="03.he-drift",
        sentence="Over 40 He networks of 50 ReLU layers per width, the median of layer 50's "
                 "signal over layer 1's is below 1 at width 100 and closer to 1 at width 1000, "
                 "within 0.25 of exp(-49 * 5 / (4 n)) at widths 100, 400 and 1000, and the range "
                 "is narrower at 1000 than at 100: on at least 9 of 10 seeds.",
        scope=Scope(seeds=(0,)), measure=drift, holds=lambda e: np.mean(
            [drift_ok(run) for run in e["seeds"]]) >= 0.9,
        report=drift_report, stresses=("fresh seeds",),
        skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
    Claim(
        id="03.classic-result",
        sentence="On the classic network He reaches at least 95% train and 90% test accuracy "
                 "on the classic draw and on at least 9 of 10 seeds, always ahead of zeros and "
                 "random x10 in train accuracy; it starts above ln 2 on the classic draw and on "
                 "at least 7 of 10 seeds.",
        scope=CLASSIC, measure=classic, holds=classic_holds, report=classic_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        skipped={"all data": "the classic network trains on all 300 training points already"},
    ),
    Claim(
        id="03.tanh-signal",
        sentence="In 50 tanh layers of 100 units, gain 1 lets the activations fade (layer 50 "
                 "below half of layer 1) and the error shrink on its way down, while gains "
                 "sqrt(2) and 5/3 keep layer 50 above 0.4 and let the error grow, most with 5/3, "
                 "whose first layer's update-to-weight ratio is over 10 times the last's: on "
                 "every seed.",
        scope=Scope(seeds=(1,)), measure=tanh_signal,
        holds=lambda e: all(tanh_ok(e, k) for k in range(len(e["gain 1 (LeCun)"]))),
        report=tanh_report, stresses=("fresh seeds",),
        skipped={**NOT_TRAINED, "all data": "the inputs are 200 random points, not a data set"},
    ),
]
