"""Notebook 05's statistics of one draw at initialization, as claims that hold on every seed.

The notebook prints each on the draw its cell uses (one seed); the suite measures it again
on 10 fresh seeds. Linear stacks' singular values and lengths, the framework defaults' ReLU
stacks, normalized stacks, residual stacks against their predictions, LSUV's first step.
"""

import numpy as np

from ..architectures import (
    input_share,
    linear_stack_matrix,
    rms,
    signal_through_stack,
    stack_forward,
)
from ..framework_defaults import framework_parameters
from ..initializers import initialize_parameters
from ..network import forward
from .claim import Claim, Scope
from .nb05_beyond_he import BATCH, DEPTH, NOTHING_TRAINED, WIDTH, batch

# the draws the notebook's single-stack cells use: LeCun and orthogonal linear stacks (rng=0),
# the defaults' ReLU stacks (rng=1), the Keras network LSUV rescales (rng=2)
LINEAR_DRAW, STACKS_DRAW, LSUV_DRAW = Scope(seeds=(0,)), Scope(seeds=(1,)), Scope(seeds=(2,))
NO_DATA = dict(NOTHING_TRAINED, **{"all data": "no data: the weights' singular values alone"})


def over(count):
    return "on 1 seed" if count == 1 else f"over {count} seeds"


def span(values, spec=".2f"):
    """"0.30" for one value (or equal ones), "0.24 to 1.19" for several."""
    low, high = format(min(values), spec), format(max(values), spec)
    return low if low == high else f"{low} to {high}"


def singular_values(depth, seed):
    """Singular values of the product of ``depth`` LeCun Gaussian matrices (64, 64)."""
    params = initialize_parameters([WIDTH] * (depth + 1), "lecun", rng=seed)
    return np.linalg.svd(linear_stack_matrix(params), compute_uv=False)


def linear_spectrum(scope):
    out = {"largest": [], "median": [], "below 1e-3": []}
    for s in scope.seeds:
        values = [singular_values(depth, s) for depth in (1, 10, DEPTH)]
        out["largest"].append([float(v.max()) for v in values])
        out["median"].append([float(np.median(v)) for v in values])
        out["below 1e-3"].append(int(np.sum(values[-1] < 1e-3)))
    return out


def linear_spectrum_holds(e):
    return all(1.8 < big[0] < 2.2 and big[0] < min(big[1:]) and med[0] < 1 and med[1] < 0.1
               and med[2] < 1e-6 and below >= 40
               for big, med, below in zip(e["largest"], e["median"], e["below 1e-3"],
                                          strict=True))


def linear_spectrum_report(e):
    big, med = np.array(e["largest"]), np.array(e["median"])
    return "\n".join(
        [f"after {depth:2d} layers: largest singular value {span(big[:, k])}, median "
         f"{span(med[:, k], '.1e')}" for k, depth in enumerate((1, 10, DEPTH))]
        + [f"below 1e-3 after {DEPTH} layers: {span(e['below 1e-3'], 'd')} of {WIDTH}, "
           f"{over(len(big))}"])


def length_ratios(scope):
    """Per seed, (shortest, median, longest) of |output| / |input| over the batch, forward
    through 50 linear layers and backward (128 error vectors, seed 1, sent down)."""
    X, dims = batch(), [WIDTH] * (DEPTH + 1)
    errors = np.random.default_rng(1).standard_normal((WIDTH, BATCH))
    out = {"lecun forward": [], "lecun backward": [], "orthogonal, largest error": []}
    for s in scope.seeds:
        for init, gain in (("lecun", None), ("orthogonal", 1.0)):
            P = linear_stack_matrix(initialize_parameters(dims, init, scale=gain, rng=s))
            fwd = np.linalg.norm(P @ X, axis=0) / np.linalg.norm(X, axis=0)
            bwd = np.linalg.norm(P.T @ errors, axis=0) / np.linalg.norm(errors, axis=0)
            if init == "lecun":
                out["lecun forward"].append([float(f(fwd)) for f in (np.min, np.median, np.max)])
                out["lecun backward"].append([float(f(bwd)) for f in (np.min, np.median, np.max)])
            else:
                out["orthogonal, largest error"].append(float(np.abs(np.r_[fwd, bwd] - 1).max()))
    return out


def factor(row):
    return row[2] / row[0]


def lengths_holds(e):
    fwd, bwd = e["lecun forward"], e["lecun backward"]
    return (all(factor(f) > 4 and factor(b) > 4 and 0.5 < factor(f) / factor(b) < 2
                for f, b in zip(fwd, bwd, strict=True))
            and max(e["orthogonal, largest error"]) < 1e-9)


def lengths_report(e):
    fwd, bwd = e["lecun forward"], e["lecun backward"]
    ratios = [factor(b) / factor(f) for f, b in zip(fwd, bwd, strict=True)]
    return "\n".join(
        [f"LeCun {way}: longest / shortest length {span(list(map(factor, rows)), '.1f')}, "
         f"{over(len(rows))}" for way, rows in (("forward", fwd), ("backward", bwd))]
        + [f"LeCun: backward spread / forward spread {span(ratios)}",
           f"LeCun: median length after / before {span([f[1] for f in fwd])}",
           f"orthogonal: every length kept to 1e-9: {max(e['orthogonal, largest error']) < 1e-9}"])


FRAMEWORKS = ("pytorch", "keras", "gpt2")


def default_stacks(scope):
    """rms at layers 10 and 50 and input share at 50 of the ReLU stack, each default and He."""
    X, dims = batch(), [WIDTH] * (DEPTH + 1)
    starts = {name: (lambda s, name=name: framework_parameters(name, dims, rng=s))
              for name in FRAMEWORKS}
    starts["he"] = lambda s: initialize_parameters(dims, "he", rng=s)
    out = {}
    for name, start in starts.items():
        rows = []
        for s in scope.seeds:
            H = stack_forward(X, start(s))
            rows.append([rms(H[10]), rms(H[DEPTH]), float(input_share(H[DEPTH]))])
        out[name] = rows
    return out


def defaults_holds(e):
    return (all(r[2] < 0.01 and r[1] > r[0] / 3 for r in e["pytorch"])
            and all(r[1] < 1e-5 for r in e["keras"]) and all(r[1] < 1e-30 for r in e["gpt2"])
            and all(0.1 < r[1] < 10 for r in e["he"]))


def defaults_report(e):
    names = {"pytorch": "PyTorch", "keras": "Keras", "gpt2": "GPT-2", "he": "He"}
    return "\n".join(f"{names[k]:8s} rms at layer {DEPTH} {span([r[1] for r in rows], '.0e')}, "
                     f"layer {DEPTH} / layer 10 {span([r[1] / r[0] for r in rows], '.0e')}, "
                     f"input share at layer {DEPTH} {span([r[2] for r in rows])}"
                     for k, rows in e.items()) + f"\n({over(len(e['he']))})"


def normalized_sizes(scope):
    """rms after 50 layers, plain and normalized, of the four stacks and one of std 1.0."""
    X, dims = batch(), [WIDTH] * (DEPTH + 1)
    out = {"plain": [], "normalized": []}
    for s in scope.seeds:
        stacks = [framework_parameters(f, dims, rng=s) for f in FRAMEWORKS]
        stacks += [initialize_parameters(dims, "he", rng=s),
                   initialize_parameters(dims, "random", scale=1.0, rng=s)]
        for kind in out:
            out[kind].append([float(signal_through_stack(X, p, normalized=kind == "normalized")[-1])
                              for p in stacks])
    return out


RELU_RMS = np.sqrt(0.5)  # rms of relu(z) for a standard normal z


def normalized_holds(e):
    normed, plain = np.array(e["normalized"]), np.array(e["plain"])
    return bool(np.all(np.abs(normed / RELU_RMS - 1) < 0.1)
                and np.all(plain.max(axis=1) / plain.min(axis=1) > 1e30))


def normalized_report(e):
    normed, plain = np.array(e["normalized"]), np.array(e["plain"])
    return (f"normalized: rms after {DEPTH} layers {span(normed.ravel())} over the 5 stacks, "
            f"{over(len(normed))} (sqrt(1/2) = {RELU_RMS:.3f})\n"
            f"plain: largest / smallest rms of the 5 stacks at least "
            f"{(plain.max(axis=1) / plain.min(axis=1)).min():.0e}")


def residual_cases(scope):
    """Measured / predicted rms after 50 residual blocks of He branches (notebook's cases)."""
    X, dims, alpha = batch(), [WIDTH] * (DEPTH + 1), 1 / np.sqrt(DEPTH)
    r0 = rms(X)
    cases = {"alpha = 1": ({}, r0 * 2 ** (DEPTH / 2)),
             "alpha = 1/sqrt(L)": ({"branch_scale": alpha}, r0 * (1 + alpha**2) ** (DEPTH / 2)),
             "normalized, alpha = 1": ({"normalized": True}, np.sqrt(r0**2 + DEPTH)),
             "normalized, alpha = 1/sqrt(L)": ({"normalized": True, "branch_scale": alpha},
                                               np.sqrt(r0**2 + DEPTH * alpha**2))}
    out = {name: [] for name in cases}
    for s in scope.seeds:
        he = initialize_parameters(dims, "he", rng=s)
        for name, (options, predicted) in cases.items():
            measured = signal_through_stack(X, he, residual=True, **options)[-1]
            out[name].append(float(measured / predicted))
    return out


def residual_cases_holds(e):
    return (all(0.1 < r < 10 for r in e["alpha = 1"])
            and all(0.8 < r < 1.2 for name, rows in e.items() if name != "alpha = 1" for r in rows))


def residual_cases_report(e):
    return "\n".join(f"residual, {name}: measured / predicted {span(v)}, {over(len(v))}"
                     for name, v in e.items())


def lsuv_first_layer(scope):
    """std of Z_l at each layer of a 10-layer Keras ReLU network on the batch times 3, before
    and after W1 is divided by std(Z_1)."""
    X = 3 * batch()
    out = {"before": [], "after": []}
    for s in scope.seeds:
        params = framework_parameters("keras", [WIDTH] * 10 + [1], rng=s)
        before = [float(Z.std()) for Z in forward(X, params)[1]["Z"]]
        scaled = dict(params, W1=params["W1"] / before[0])
        out["before"].append(before)
        out["after"].append([float(Z.std()) for Z in forward(X, scaled)[1]["Z"]])
    return out


def same_factor(e):
    """Is every layer's std multiplied by c = 1 / std(Z_1) (to 1e-9), on every network?"""
    return all(np.allclose(np.array(after) / before, 1 / before[0], rtol=1e-9, atol=0)
               for before, after in zip(e["before"], e["after"], strict=True))


def still_falls(e):
    return sum(bool(np.all(np.diff(after) < 0)) for after in e["after"])


def lsuv_first_layer_holds(e):
    after = np.array(e["after"])
    return (same_factor(e) and still_falls(e) == len(after) and np.all(after[:, -1] < 0.2)
            and np.allclose(after[:, 0], 1, rtol=1e-9))


def lsuv_first_layer_report(e):
    after = np.array(e["after"])
    return (f"after W1 is divided by std(Z_1), {over(len(after))}: std(Z_1) "
            f"{span(after[:, 0], '.3f')}, std(Z_10) {span(after[:, -1], '.3f')}\n"
            f"every layer's std multiplied by the same c: {same_factor(e)}; std still falls "
            f"from each layer to the next on {still_falls(e)} of {len(after)}")


CLAIMS = [
    Claim(id="05.linear-spectrum",
          sentence="In a linear stack of width 64 with LeCun's Gaussian weights, one layer's "
                   "largest singular value is about 2 (1.8 to 2.2) and its median below 1; the "
                   "product's largest is larger after 10 and after 50 layers than after 1, while "
                   "its median falls below 0.1 after 10 layers and below 1e-6 after 50, where at "
                   "least 40 of the 64 are below 1e-3: on every seed.",
          scope=LINEAR_DRAW, measure=linear_spectrum, holds=linear_spectrum_holds,
          report=linear_spectrum_report, stresses=("fresh seeds",), skipped=NO_DATA),
    Claim(id="05.linear-lengths",
          sentence="After 50 linear layers of width 64 with LeCun's Gaussian weights, the "
                   "lengths of 128 inputs, and of 128 error vectors sent back down, spread over "
                   "more than a factor 4 from shortest to longest, the backward spread within a "
                   "factor 2 of the forward one; orthogonal matrices keep every length to 1e-9: "
                   "on every seed.",
          scope=LINEAR_DRAW, measure=length_ratios, holds=lengths_holds, report=lengths_report,
          stresses=("fresh seeds",), skipped=NOTHING_TRAINED),
    Claim(id="05.defaults-fade",
          sentence="In a plain ReLU stack of 50 layers of width 64: PyTorch's default leaves an "
                   "input share below 0.01 at layer 50 while its rms stops falling (at layer 50 "
                   "more than a third of layer 10's), Keras' rms at layer 50 is below 1e-5 and "
                   "GPT-2's below 1e-30, and He's stays between 0.1 and 10: on every seed.",
          scope=STACKS_DRAW, measure=default_stacks, holds=defaults_holds,
          report=defaults_report, stresses=("fresh seeds",), skipped=NOTHING_TRAINED),
    Claim(id="05.normalized-size",
          sentence="With every layer normalized, the five 50-layer ReLU stacks (PyTorch's, "
                   "Keras' and GPT-2's defaults, He, weights of std 1.0) end within 10% of "
                   "sqrt(1/2), the rms of a ReLU of a standard normal, while plain their sizes "
                   "differ by more than 30 orders of magnitude: on every seed.",
          scope=STACKS_DRAW, measure=normalized_sizes, holds=normalized_holds,
          report=normalized_report, stresses=("fresh seeds",), skipped=NOTHING_TRAINED),
    Claim(id="05.residual-predictions",
          sentence="After 50 residual blocks of He branches, the signal's measured rms is "
                   "within 20% of the prediction with a branch scale of 1/sqrt(L), with "
                   "normalized branch inputs, or both, and within a factor 10 of 2^(L/2) with "
                   "neither: on every seed.",
          scope=STACKS_DRAW, measure=residual_cases, holds=residual_cases_holds,
          report=residual_cases_report, stresses=("fresh seeds",), skipped=NOTHING_TRAINED),
    Claim(id="05.lsuv-first-layer",
          sentence="Dividing W1 of a 10-layer Keras ReLU network by std(Z_1), measured on a "
                   "batch of std 3, makes std(Z_1) 1 and multiplies every layer's std by the "
                   "same factor, so the std still falls from each layer to the next (below 0.2 "
                   "at layer 10): on every seed.",
          scope=LSUV_DRAW, measure=lsuv_first_layer, holds=lsuv_first_layer_holds,
          report=lsuv_first_layer_report, stresses=("fresh seeds",), skipped=NOTHING_TRAINED),
]
