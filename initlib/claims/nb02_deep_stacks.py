"""Notebook 02's claims about a fixed scale: 50 ReLU layers, 20 sigmoid layers, and fan_in."""

import math
from functools import lru_cache

import numpy as np

from ..diagnostics import layer_statistics
from ..initializers import initialize_parameters
from .claim import Claim, Scope, untrained

DEEP_SCALES = (0.01, 0.1, 0.2, 1.0)


def deep_batch():
    """The 200 random inputs (100 features) and labels of the deep stacks, from seed 0."""
    rng = np.random.default_rng(0)
    return rng.standard_normal((100, 200)), (rng.random((1, 200)) < 0.5).astype(int)


@lru_cache(maxsize=4)
def deep_stacks(scope):
    """50 hidden ReLU layers of 100 units at each scale of ``DEEP_SCALES``, weights from
    each seed: per seed and scale, the activation std and error norm of every hidden layer
    and the median factor per layer of the activations' root mean square and std."""
    X, Y = deep_batch()
    dims = [100] * 51 + [1]
    evidence = {"scales": list(DEEP_SCALES), "runs": []}
    for seed in scope.seeds:
        per_scale = []
        for scale in DEEP_SCALES:
            stats = layer_statistics(X, initialize_parameters(dims, "random", scale=scale,
                                                              rng=seed), Y)[:-1]
            rms = np.sqrt([row["mean_square"] for row in stats])
            std = np.array([row["std"] for row in stats])
            per_scale.append({"std": std.tolist(),
                              "error_norm": [row["error_norm"] for row in stats],
                              "rms_factor": float(np.median(rms[1:] / rms[:-1])),
                              "std_factor": float(np.median(std[1:] / std[:-1]))})
        evidence["runs"].append(per_scale)
    return evidence


def predicted_factor(scale):
    return scale * math.sqrt(100 / 2)


def deep_off(e):
    """Per seed: the largest relative gap between a measured rms factor and its prediction."""
    return [max(abs(run["rms_factor"] / predicted_factor(s) - 1)
                for s, run in zip(e["scales"], runs, strict=True)) for runs in e["runs"]]


def deep_report(e):
    n = len(e["runs"])
    lines = []
    if n == 1:
        lines.append("factor per layer, median over layers 1-50:")
        for s, run in zip(e["scales"], e["runs"][0], strict=True):
            lines.append(f"scale {s:<4g} root mean square {run['rms_factor']:.3f}, std "
                         f"{run['std_factor']:.3f};  predicted scale * sqrt(100 / 2) = "
                         f"{predicted_factor(s):.3f}")
    off = deep_off(e)
    vanish = [runs[0]["std"][49] < 1e-50 and runs[1]["std"][49] < 1e-6 and
              runs[2]["std"][49] > 1e6 and runs[3]["std"][49] > 1e40 for runs in e["runs"]]
    lines.append(f"root mean square factor within 5% of scale * sqrt(100 / 2) at every scale on "
                 f"{sum(o <= 0.05 for o in off)} of {n} seeds (largest gap {max(off):.1%}); "
                 f"layer 50's std below 1e-50 (0.01) and 1e-6 (0.1), above 1e6 (0.2) and 1e40 "
                 f"(1) on {sum(vanish)} of {n}")
    return "\n".join(lines)


def deep_holds(e):
    vanish = [runs[0]["std"][49] < 1e-50 and runs[1]["std"][49] < 1e-6 and
              runs[2]["std"][49] > 1e6 and runs[3]["std"][49] > 1e40 for runs in e["runs"]]
    return max(deep_off(e)) <= 0.05 and all(vanish)


def sigmoid_stack(scope):
    """20 hidden layers of 100 units at scale 0.1 (1/sqrt(100)), sigmoid and ReLU, per seed:
    the error norm at layers 20 and 1 and its median factor per layer on the way down; and
    the sigmoid's largest slope on a grid of z from -10 to 10."""
    X, Y = deep_batch()
    z = np.linspace(-10, 10, 2001)
    sig = 1 / (1 + np.exp(-z))
    evidence = {"largest_slope": float(np.max(sig * (1 - sig))),
                "at": float(z[np.argmax(sig * (1 - sig))])}
    for act in ("sigmoid", "relu"):
        evidence[act] = []
        for seed in scope.seeds:
            stats = layer_statistics(X, initialize_parameters([100] * 21 + [1], "random",
                                                              scale=0.1, rng=seed),
                                     Y, hidden_activation=act)
            norms = [row["error_norm"] for row in stats[:-1]]
            factors = [norms[k] / norms[k + 1] for k in range(len(norms) - 1)]
            evidence[act].append({"top": norms[-1], "first": norms[0],
                                  "factor": float(np.median(factors))})
    return evidence


def sigmoid_report(e):
    lines = [f"largest slope of the sigmoid {e['largest_slope']:.4f}, at z = {e['at']:.1f}"]
    n = len(e["sigmoid"])
    for act in ("sigmoid", "relu"):
        runs = e[act]
        if n == 1:
            lines.append(f"{act:8s} 20 hidden layers: error norm layer 20 {runs[0]['top']:.1e}, "
                         f"layer 1 {runs[0]['first']:.1e}; median factor per layer "
                         f"{runs[0]['factor']:.2f}")
        else:
            f = [r["factor"] for r in runs]
            lines.append(f"{act:8s} median factor per layer from {min(f):.2f} to {max(f):.2f} "
                         f"over {n} seeds")
    return "\n".join(lines)


def sigmoid_holds(e):
    return (e["largest_slope"] <= 0.25
            and all(s["factor"] < 0.25 < 0.5 < r["factor"]
                    for s, r in zip(e["sigmoid"], e["relu"], strict=True)))


FANS = (10, 100, 1000)


def fan_in_check(scope):
    """One layer of 50 units fed 2000 unit-variance inputs, for 10, 100 and 1000 inputs:
    the std of z with weights of scale 0.1 and of scale 1/sqrt(fan_in), per seed, each
    seed's numbers drawn from ``default_rng(seed)`` in that order."""
    runs = []
    for seed in scope.seeds:
        rng, fixed, scaled = np.random.default_rng(seed), [], []
        for fan_in in FANS:
            x = rng.standard_normal((fan_in, 2000))
            fixed.append(float(((rng.standard_normal((50, fan_in)) * 0.1) @ x).std()))
            scaled.append(float(((rng.standard_normal((50, fan_in)) / np.sqrt(fan_in)) @ x).std()))
        runs.append({"fixed": fixed, "scaled": scaled})
    return {"seeds": runs}


def fan_in_ok(run):
    return all(abs(f / (0.1 * math.sqrt(n)) - 1) <= 0.1 and abs(s - 1) <= 0.1
               for n, f, s in zip(FANS, run["fixed"], run["scaled"], strict=True))


def fan_in_report(e):
    lines = []
    if len(e["seeds"]) == 1:
        run = e["seeds"][0]
        lines += [f"{n:5d} inputs: std of z with scale 0.1: {f:5.2f};  with scale 1/sqrt({n}): "
                  f"{s:4.2f}" for n, f, s in zip(FANS, run["fixed"], run["scaled"], strict=True)]
    ok = sum(map(fan_in_ok, e["seeds"]))
    return "\n".join(lines + [f"within 10% of 0.1 * sqrt(n) with scale 0.1 and of 1 with scale "
                              f"1/sqrt(n), for every n: {ok} of {len(e['seeds'])} seeds"])


NOT_TRAINED = untrained("the inputs are 200 random points, not a data set")


CLAIMS = [
    Claim(
        id="02.deep-geometric",
        sentence="In 50 ReLU layers of 100 units, the activations' root mean square is "
                 "multiplied per layer by scale * sqrt(100 / 2) to within 5% (median over the "
                 "layers) at scales 0.01, 0.1, 0.2 and 1, so the signal vanishes at 0.01 and 0.1 "
                 "and explodes at 0.2 and 1, on every seed.",
        scope=Scope(seeds=(1,)), measure=deep_stacks, holds=deep_holds, report=deep_report,
        stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
    Claim(
        id="02.sigmoid-shrinks",
        sentence="The sigmoid's slope is at most 1/4, and in 20 sigmoid layers with scale "
                 "1/sqrt(100) the error shrinks by a median factor per layer below 1/4, where "
                 "ReLU layers with the same weights lose less than half, on every seed.",
        scope=Scope(seeds=(1,)), measure=sigmoid_stack, holds=sigmoid_holds,
        report=sigmoid_report, stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
    Claim(
        id="02.fan-in-grows",
        sentence="With a fixed scale 0.1, a unit's pre-activation has a std of 0.1 * sqrt(n) for "
                 "n = 10, 100 and 1000 inputs, and a scale of 1/sqrt(n) keeps it at 1 (each within "
                 "10%), on every seed.",
        scope=Scope(seeds=(5,)), measure=fan_in_check,
        holds=lambda e: all(map(fan_in_ok, e["seeds"])), report=fan_in_report,
        stresses=("fresh seeds",),
        skipped={**NOT_TRAINED, "all data": "the inputs are random draws, not a data set"},
    ),
]
