"""Notebook 04's claims about the explorer's deep He network: its drift, and why |dW| rises."""

from functools import cache

import numpy as np

from ..diagnostics import layer_statistics
from ..explorer_numbers import explorer_statistics
from ..initializers import initialize_parameters
from ..network import backward_with_errors, forward
from .claim import Claim, Scope, untrained

DEPTH, WIDTH, BATCH = 50, 128, 256
LAYERS = (2, 5, 10, 25, 40, 50)
NOT_TRAINED = untrained("the inputs are 256 random points, not a data set")


def he_stack(seed):
    """The explorer's He network of depth 50 and its batch, (X, Y, params), drawn from
    ``default_rng(seed)`` in the order ``explorer_statistics`` draws them."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((WIDTH, BATCH))
    Y = (rng.random((1, BATCH)) < 0.5).astype(np.int64)
    return X, Y, initialize_parameters([WIDTH] * (DEPTH + 1) + [1], "he", rng=rng)


def drift(scope):
    """Per seed: the explorer's He network of depth 50, its activation std at layer 50 over
    layer 1's: the numbers the explorer's forward panel draws, from a forward pass alone."""
    ratios = []
    for seed in scope.seeds:
        X, _, params = he_stack(seed)
        rows = layer_statistics(X, params)[:-1]
        ratios.append(rows[-1]["std"] / rows[0]["std"])
    return {"seeds": list(scope.seeds), "ratios": ratios}


def drift_holds(e):
    r = np.array(e["ratios"])
    return bool(np.all((r > 0.1) & (r < 10)) and np.sum(r < 1) > len(r) / 2)


def drift_report(e):
    r = np.array(e["ratios"])
    return (f"activation std at layer 50 / layer 1 over {len(r)} seeds: from {r.min():.2f} to "
            f"{r.max():.2f}, median {np.median(r):.2f}; below 1 on {np.sum(r < 1)} of {len(r)}, "
            f"within a factor of 10 either way on {np.sum((r > 0.1) & (r < 10))} of {len(r)}")


def mean_cosine(A):
    """The mean cosine similarity between the columns (examples) of A, (n, m), m >= 2."""
    unit = A / np.linalg.norm(A, axis=0)
    m = A.shape[1]
    return float((np.sum(unit.T @ unit) - m) / (m * (m - 1)))


@cache
def _aligned(seeds):
    evidence = {"layers": list(LAYERS), "runs": []}
    for seed in seeds:  # the explorer's network, rebuilt from its seed
        X, Y, params = he_stack(seed)
        stored = forward(X, params)[1]
        grads, errors = backward_with_errors(Y, stored)
        rows = []
        for l in LAYERS:
            A_prev, dZ = stored["A"][l - 1], errors[l - 1]
            dW = float(np.linalg.norm(grads[f"dW{l}"]))
            right_angle = float(np.sqrt(np.sum(np.sum(dZ**2, axis=0) * np.sum(A_prev**2, axis=0))))
            rows.append({"dW": dW, "cosine": mean_cosine(A_prev), "over": dW / right_angle})
        evidence["runs"].append(rows)
    return evidence


def aligned(scope):
    """Per seed and layer l of ``LAYERS`` of the explorer's He network (depth 50, width 128,
    256 random inputs and labels from ``default_rng(seed)``): |dW_l|, the mean cosine between
    the examples' activation vectors A_(l-1), and |dW_l| over the right-angle sum
    sqrt(sum_i |dz_i|^2 |a_i|^2)."""
    return _aligned(tuple(scope.seeds))


def parallel(rows):
    """Mean cosine below 0.5 at layer 2's input, above 0.95 at layers 40 and 50."""
    at = dict(zip(LAYERS, rows, strict=True))
    return at[2]["cosine"] < 0.5 and at[40]["cosine"] > 0.95 and at[50]["cosine"] > 0.95


def added(rows):
    """|dW| over its right-angle sum larger at layer 50 than at layer 2."""
    return rows[-1]["over"] > rows[0]["over"]


def aligned_holds(e):
    return all(map(parallel, e["runs"])) and np.mean(list(map(added, e["runs"]))) >= 0.8


def aligned_report(e):
    lines = []
    if len(e["runs"]) == 1:
        lines.append(f"{'layer l':>7s} {'|dW|':>6s} {'mean cosine of A_(l-1)':>23s} "
                     f"{'|dW| / right-angle sum':>23s}")
        lines += [f"{l:7d} {row['dW']:6.2f} {row['cosine']:23.2f} {row['over']:23.1f}"
                  for l, row in zip(e["layers"], e["runs"][0], strict=True)]
    n = len(e["runs"])
    over = [rows[-1]["over"] for rows in e["runs"]]
    lines.append(f"mean cosine below 0.5 at layer 2's input and above 0.95 at layers 40 and 50: "
                 f"{sum(map(parallel, e['runs']))} of {n} seeds; |dW| / right-angle sum larger "
                 f"at layer 50 than at layer 2: {sum(map(added, e['runs']))} of {n} (at layer 50 "
                 + (f"{over[0]:.1f})" if n == 1 else f"from {min(over):.1f} to {max(over):.1f})"))
    return "\n".join(lines)


def dead_units(scope):
    """Per seed: the explorer's depth-50 ReLU network with He's weights and with scale 0.01
    (the same draw): are the same units on for every input in every layer, and the share of
    dead units at layers 1 and 50 (``explorer_statistics``)."""
    evidence = {"same": [], "dead": []}
    for seed in scope.seeds:
        he = explorer_statistics(initialization="he", depth=DEPTH, rng=seed)
        small = explorer_statistics(initialization="random", scale=0.01, depth=DEPTH, rng=seed)
        evidence["same"].append(all(np.array_equal(a["A"] > 0, b["A"] > 0)
                                    for a, b in zip(he, small, strict=True)))
        evidence["dead"].append([he[0]["dead"], he[-1]["dead"]])
    return evidence


def dead_holds(e):
    return all(e["same"]) and all(first == 0 and last > 0.2 for first, last in e["dead"])


def dead_report(e):
    last = [d[1] for d in e["dead"]]
    return (f"the same units on for every input in every layer: {sum(e['same'])} of "
            f"{len(last)} seeds; dead units at layer 1: none on "
            f"{sum(d[0] == 0 for d in e['dead'])} of {len(last)}; at layer 50: "
            + (f"{last[0]:.1%}" if len(last) == 1 else f"from {min(last):.1%} to {max(last):.1%}"))


CLAIMS = [
    Claim(
        id="04.explorer-drift",
        sentence="He's 50-layer network of width 128 ends with an activation std within a factor "
                 "of 10 of layer 1's on every seed, and below layer 1's on more than half of "
                 "the seeds.",
        scope=Scope(seeds=range(11)), measure=drift, holds=drift_holds, report=drift_report,
        stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
    Claim(
        id="04.examples-align",
        sentence="In He's 50-layer network the examples' activation vectors turn nearly "
                 "parallel with depth on every seed (mean cosine below 0.5 at layer 2's input, "
                 "above 0.95 at layers 40 and 50), and on at least 8 of 10 seeds |dW| is a "
                 "larger multiple of the sum of its terms at right angles at layer 50 than at "
                 "layer 2 (how much larger varies from seed to seed).",
        scope=Scope(seeds=(2,)), measure=aligned, holds=aligned_holds,
        report=aligned_report, stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
    Claim(
        id="04.dead-units-alike",
        sentence="In the explorer's 50-layer ReLU network, scale 0.01 and He drawn from the "
                 "same seed have the same units on for every input in every layer; no unit is "
                 "dead at layer 1 and more than a fifth are at layer 50, on every seed.",
        scope=Scope(seeds=(2,)), measure=dead_units, holds=dead_holds, report=dead_report,
        stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
]
