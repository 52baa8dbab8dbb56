"""Notebook 03's claims that check the derivation: Steps 1-3 and Glorot's backward argument."""

import math
from functools import lru_cache

import numpy as np

from ..initializers import initialize_parameters
from ..signal_experiments import linear_stack_spread
from .claim import Claim, Scope, untrained

GLOROT_RULES = (("1 / fan_in", 64), ("1 / fan_out", 256), ("2 / (fan_in + fan_out)", 160))


@lru_cache(maxsize=2)
def draws(seed):
    """The notebook's checks of the derivation, from one generator ``default_rng(seed)``
    (the notebook's: 2015), drawn in the order the notebook uses its numbers.

    Returns the measured numbers of Steps 1-3 and of Glorot's one-layer check, and the 200
    random inputs ``X_deep`` (100, 200) and labels ``Y_deep`` (1, 200) of the 50-layer
    stacks, which come next in the same generator.
    """
    rng = np.random.default_rng(seed)
    n, var_w, trials = 100, 0.02, 20000
    x = np.maximum(rng.standard_normal((n, trials)), 0)  # inputs: ReLU outputs, mean > 0
    w = rng.standard_normal((n, trials)) * np.sqrt(var_w)  # fresh weights for every trial
    y = (w * x).sum(axis=0)
    step1 = {"var_y": float(y.var()), "predicted": float(n * var_w * np.mean(x**2)),
             "wrong": float(n * var_w * x.var())}
    z = rng.standard_normal(1_000_000)
    relu_z = np.maximum(z, 0)
    step2 = {"var_z": float(z.var()), "mean_square": float(np.mean(relu_z**2)),
             "std": float(relu_z.std())}
    y_prev = rng.standard_normal((1000, 1000))  # Var[y_prev] = 1, n = 1000
    step3 = {}
    for rule in ("he", "lecun"):
        W = initialize_parameters([1000, 1000], rule, rng=rng)["W1"]
        step3[rule] = {"n_var_w": float(W.var() * 1000),
                       "var_next": float((W @ np.maximum(y_prev, 0)).var())}
    X_deep = rng.standard_normal((100, 200))
    Y_deep = (rng.random((1, 200)) < 0.5).astype(int)
    fan_in, fan_out = 64, 256
    x, e = rng.standard_normal((fan_in, 1000)), rng.standard_normal((fan_out, 1000))
    glorot = []
    for name, fan in GLOROT_RULES:
        W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / fan)
        glorot.append({"rule": name, "forward": float((W @ x).var()),
                       "forward_predicted": fan_in / fan, "backward": float((W.T @ e).var()),
                       "backward_predicted": fan_out / fan})
    return {"step1": step1, "step2": step2, "step3": step3, "glorot": glorot,
            "X_deep": X_deep, "Y_deep": Y_deep}


def deep_batch(seed=2015):
    """``(X_deep, Y_deep)``: notebook 03's 50-layer stacks' inputs (100, 200), labels (1, 200)."""
    d = draws(seed)
    return d["X_deep"], d["Y_deep"]


def derivation(scope):
    """Steps 1-3 of the derivation, measured per seed of ``scope`` (see ``draws``)."""
    return {"seeds": [{k: draws(s)[k] for k in ("step1", "step2", "step3")}
                      for s in scope.seeds]}


def _close(a, b, tolerance):
    return abs(a / b - 1) <= tolerance


def step1_ok(d):
    s = d["step1"]
    return _close(s["var_y"], s["predicted"], 0.03) and s["wrong"] < 0.8 * s["var_y"]


def step2_ok(d):
    s = d["step2"]
    return _close(s["mean_square"], s["var_z"] / 2, 0.01) and 0.55 < s["std"] < 0.62


def step3_ok(d):
    s = d["step3"]
    return _close(s["he"]["var_next"], 1, 0.05) and _close(s["lecun"]["var_next"], 0.5, 0.05)


def _seeds_where(e, ok):
    return f"{sum(map(ok, e['seeds']))} of {len(e['seeds'])} seeds"


def step1_report(e):
    s = e["seeds"][0]["step1"]
    lines = ["n = 100, Var[w] = 0.02, 20000 trials",
             f"measured Var[y]            = {s['var_y']:.3f}",
             f"n * Var[w] * E[x^2]        = {s['predicted']:.3f}",
             f"n * Var[w] * Var[x] (wrong) = {s['wrong']:.3f}"] if len(e["seeds"]) == 1 else []
    return "\n".join(lines + [f"Var[y] within 3% of n Var[w] E[x^2], and n Var[w] Var[x] below "
                              f"0.8 Var[y]: {_seeds_where(e, step1_ok)}"])


def step2_report(e):
    s = e["seeds"][0]["step2"]
    lines = [f"Var[z]               = {s['var_z']:.3f}",
             f"E[relu(z)^2]         = {s['mean_square']:.3f}   (half of Var[z])",
             f"std of relu(z)       = {s['std']:.3f}   (not 0.5)"] if len(e["seeds"]) == 1 else []
    return "\n".join(lines + [f"E[relu(z)^2] within 1% of Var[z] / 2, and the std of relu(z) "
                              f"between 0.55 and 0.62: {_seeds_where(e, step2_ok)}"])


def step3_report(e):
    s = e["seeds"][0]["step3"]
    lines = [f"{rule:6s} n * Var[w] = {s[rule]['n_var_w']:.2f}   Var[y_next] = "
             f"{s[rule]['var_next']:.3f}" for rule in ("he", "lecun")] if len(
        e["seeds"]) == 1 else []
    return "\n".join(lines + [f"Var[y_next] within 5% of 1 with He's weights and of 1/2 with "
                              f"LeCun's: {_seeds_where(e, step3_ok)}"])


@lru_cache(maxsize=2)
def glorot(scope):
    """Glorot's check, per seed: one linear layer 64 -> 256 (see ``draws``) and a linear
    stack widening from 64 to 1024 (``linear_stack_spread``, seeded with the seed)."""
    growing = [64, 128, 256, 512, 1024]
    runs = []
    for seed in scope.seeds:
        stack = {mode: linear_stack_spread(growing, mode, rng=seed)
                 for mode in ("fan_in", "fan_out", "average")}
        runs.append({"layer": draws(seed)["glorot"],
                     "stack": {mode: {"forward": f[-1], "backward": b[0]}
                               for mode, (f, b) in stack.items()}})
    return {"seeds": runs}


def layer_ok(run):
    return all(_close(r["forward"], r["forward_predicted"], 0.05)
               and _close(r["backward"], r["backward_predicted"], 0.05) for r in run["layer"])


def stack_ok(run):
    s = run["stack"]
    return (_close(s["fan_in"]["forward"], 1, 0.1) and _close(s["fan_in"]["backward"], 4, 0.1)
            and _close(s["fan_out"]["forward"], 0.25, 0.1)
            and _close(s["fan_out"]["backward"], 1, 0.1)
            and abs(math.log(s["average"]["forward"])) < abs(math.log(s["fan_out"]["forward"]))
            and abs(math.log(s["average"]["backward"])) < abs(math.log(s["fan_in"]["backward"])))


def layer_report(e):
    lines = []
    if len(e["seeds"]) == 1:
        lines.append("Var[w]                 forward Var[W x]  predicted   backward Var[W^T e]  "
                     "predicted")
        lines += [f"{r['rule']:22s} {r['forward']:12.2f} {r['forward_predicted']:10.2f} "
                  f"{r['backward']:16.2f} {r['backward_predicted']:10.2f}"
                  for r in e["seeds"][0]["layer"]]
    return "\n".join(lines + [f"every measured variance within 5% of fan * Var[w]: "
                              f"{_seeds_where(e, layer_ok)}"])


def stack_report(e):
    lines = []
    if len(e["seeds"]) == 1:
        lines.append("weights Var = 1/fan     forward: std after the last layer   backward: "
                     "std of the error reaching the input")
        lines += [f"{mode:8s} {s['forward']:30.2f} {s['backward']:40.2f}"
                  for mode, s in e["seeds"][0]["stack"].items()]
    return "\n".join(lines + [f"fan_in and fan_out within 10% of (1, 4) and (0.25, 1), the "
                              f"average closer to 1 than the off pass of each: "
                              f"{_seeds_where(e, stack_ok)}"])


NOT_TRAINED = untrained()
NO_DATA_SET = {"all data": "the numbers are random draws, not a data set"}
DERIVATION = Scope(seeds=(2015,))

CLAIMS = [
    Claim(
        id="03.second-moment",
        sentence="Var[y] = n Var[w] E[x^2] for inputs that are ReLU outputs: measured within 3%, "
                 "while n Var[w] Var[x] falls short by more than a fifth, on every seed.",
        scope=DERIVATION, measure=derivation, holds=lambda e: all(map(step1_ok, e["seeds"])),
        report=step1_report, stresses=("fresh seeds",), skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
    Claim(
        id="03.relu-halves",
        sentence="A ReLU halves the second moment of a symmetric input (within 1%), and the std "
                 "of its output is not half the input's (between 0.55 and 0.62 for a unit "
                 "input), on every seed.",
        scope=DERIVATION, measure=derivation, holds=lambda e: all(map(step2_ok, e["seeds"])),
        report=step2_report, stresses=("fresh seeds",), skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
    Claim(
        id="03.he-keeps-variance",
        sentence="Through one ReLU layer of 1000 units, He's Var[w] = 2/fan_in keeps the "
                 "variance (within 5%) and LeCun's 1/fan_in halves it, on every seed.",
        scope=DERIVATION, measure=derivation, holds=lambda e: all(map(step3_ok, e["seeds"])),
        report=step3_report, stresses=("fresh seeds",), skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
    Claim(
        id="03.glorot-one-layer",
        sentence="Through one linear layer from 64 to 256 units, the forward variance is "
                 "fan_in Var[w] and the backward variance fan_out Var[w] (within 5%), for "
                 "Var[w] = 1/fan_in, 1/fan_out and their average's inverse, on every seed.",
        scope=DERIVATION, measure=glorot, holds=lambda e: all(map(layer_ok, e["seeds"])),
        report=layer_report, stresses=("fresh seeds",), skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
    Claim(
        id="03.xavier-averages",
        sentence="Through linear layers widening from 64 to 1024, 1/fan_in keeps the forward "
                 "std and multiplies the backward one by 4, 1/fan_out the other way round "
                 "(within 10%), and Xavier's average ends both passes closer to 1 than the off "
                 "pass of either, on every seed.",
        scope=DERIVATION, measure=glorot, holds=lambda e: all(map(stack_ok, e["seeds"])),
        report=stack_report, stresses=("fresh seeds",), skipped={**NOT_TRAINED, **NO_DATA_SET},
    ),
]
