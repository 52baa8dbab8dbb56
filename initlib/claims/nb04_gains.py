"""Notebook 04's claims about gains: which gain keeps a deep tanh stack, and sigmoid's gain."""

import numpy as np

from ..activations import sigmoid
from ..architectures import input_share, rms
from ..initializers import initialize_parameters
from .claim import Claim, Scope, untrained

TANH_GAINS = {"1 (LeCun)": 1.0, "sqrt(2) (He)": float(np.sqrt(2)), "5/3 (PyTorch)": 5 / 3}
DEPTHS = (1, 2, 5, 10, 20, 50)
NOT_TRAINED = untrained("the inputs are 256 random points, not a data set")


def stack(seed, gain, depth, activation):
    """``depth`` layers of 128 units, weights of std gain / sqrt(128) and 256 unit-variance
    inputs, all from ``default_rng(seed)``: the pre-activations Z_1, ..., Z_depth."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((128, 256))
    params = initialize_parameters([128] * (depth + 1), "random", scale=gain / np.sqrt(128),
                                   rng=rng)
    Zs = []
    for l in range(1, depth + 1):  # Z_l = W_l A_{l-1} + b_l, A_l = activation(Z_l)
        Zs.append(params[f"W{l}"] @ A + params[f"b{l}"])
        A = activation(Zs[-1])
    return Zs


def tanh_gains(scope):
    """Per seed and gain of ``TANH_GAINS``: the std of Z_l in 50 tanh layers, l = 1..50."""
    return {label: [[float(Z.std()) for Z in stack(s, g, 50, np.tanh)] for s in scope.seeds]
            for label, g in TANH_GAINS.items()}


def tanh_ok(e, k):
    """Seed k: gain 1 fades (layer 50 below half of layer 5), the larger gains hold steady
    (from layer 5 to 50 their largest std is within 20% of their smallest)."""
    fade = e["1 (LeCun)"][k]
    steady = [e[label][k][4:] for label in ("sqrt(2) (He)", "5/3 (PyTorch)")]
    return fade[49] < fade[4] / 2 and all(max(s) <= 1.2 * min(s) for s in steady)


def tanh_report(e):
    n = len(e["1 (LeCun)"])
    lines = []
    if n == 1:
        lines.append(f"{'gain':22s}" + "".join(f"{'layer ' + str(l):>10s}" for l in DEPTHS))
        lines += [f"{label + f' {TANH_GAINS[label]:.3f}':22s}"
                  + "".join(f"{stds[0][l - 1]:10.3f}" for l in DEPTHS) for label, stds in e.items()]
    ok = sum(tanh_ok(e, k) for k in range(n))
    return "\n".join(lines + [f"gain 1 below half its layer-5 std at layer 50, the larger gains "
                              f"within 20% from layer 5 to 50: {ok} of {n} seeds"])


def sigmoid_gain(scope):
    """The gain 1 / sqrt(E[sigmoid(z)^2]) from a million draws of default_rng(1); then, per
    seed, 20 sigmoid layers with gain 1 and with that gain: rms(Z) and the share of Z that
    depends on the input, at every layer."""
    z = np.random.default_rng(1).standard_normal(1_000_000)
    gain = float(1 / np.sqrt(np.mean(sigmoid(z) ** 2)))
    evidence = {"gain": gain, "runs": []}
    for seed in scope.seeds:
        evidence["runs"].append({f"{g:.2f}": [[rms(Z), input_share(Z)]
                                              for Z in stack(seed, g, 20, sigmoid)]
                                 for g in (1.0, gain)})
    return evidence


def sigmoid_ok(run):
    """By layer 10 less than 1% of Z depends on the input, with either gain."""
    return all(rows[l - 1][1] < 0.01 for rows in run.values() for l in (10, 20))


def sigmoid_report(e):
    lines = [f"gain 1 / sqrt(E[sigmoid(z)^2]) = {e['gain']:.2f}"]
    depths = (1, 2, 5, 10, 20)
    if len(e["runs"]) == 1:
        lines.append(f"{'gain':6s}" + "".join(f"{'layer ' + str(l):>18s}" for l in depths))
        lines.append(f"{'':6s}" + len(depths) * f"{'rms(Z)':>10s}{'share':>8s}")
        lines += [f"{g:<6s}" + "".join(f"{rows[l - 1][0]:10.2f}{rows[l - 1][1]:8.3f}"
                                       for l in depths)
                  for g, rows in e["runs"][0].items()]
    ok = sum(map(sigmoid_ok, e["runs"]))
    return "\n".join(lines + [f"share of Z that depends on the input below 1% at layers 10 and 20 "
                              f"with both gains: {ok} of {len(e['runs'])} seeds"])


CLAIMS = [
    Claim(
        id="04.tanh-gain-steady",
        sentence="In 50 tanh layers of 128 units, gain 1 lets the pre-activations' std fade "
                 "(below half of layer 5's by layer 50), while gains sqrt(2) and 5/3 hold it "
                 "within 20% from layer 5 to layer 50, on every seed.",
        scope=Scope(seeds=(0,)), measure=tanh_gains,
        holds=lambda e: all(tanh_ok(e, k) for k in range(len(e["1 (LeCun)"]))),
        report=tanh_report, stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
    Claim(
        id="04.sigmoid-no-gain",
        sentence="In 20 sigmoid layers of 128 units, neither gain 1 nor the gain that keeps "
                 "the second moment leaves more than 1% of the pre-activations depending on "
                 "the input by layer 10, on every seed.",
        scope=Scope(seeds=(0,)), measure=sigmoid_gain,
        holds=lambda e: all(map(sigmoid_ok, e["runs"])),
        report=sigmoid_report, stresses=("fresh seeds",), skipped=NOT_TRAINED,
    ),
]
