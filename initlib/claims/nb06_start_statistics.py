"""Notebook 06's claims about the nine starts before any training: broken and scaled starts,
tanh, and Adam's first step."""

from functools import cache

import numpy as np

from ..diagnostics import layer_statistics
from ..digit_runs import digits, start_parameters
from ..exercises.ex6_1_diagnose import verdict_for
from ..network import backward, forward
from ..optimizers import adam_update
from .nb06_real_data import DEEP, INITS, NOT_TRAINED, SCALED, START, claim


@cache
def start_statistics(scope):
    """Per start and seed, at the start: the rms of each hidden layer's activations, the std of
    the logits and the norm of each layer's weight gradient (``layer_statistics``)."""
    X, Y = digits(scope.data)[:2]
    out = {}
    for name in INITS:
        rows = [layer_statistics(X, start_parameters(name, list(DEEP), s, X), Y)
                for s in scope.seeds]
        out[name] = {"rms": np.array([[np.sqrt(r["mean_square"]) for r in row[:-1]]
                                      for row in rows]),
                     "logits": np.array([row[-1]["z_std"] for row in rows]),
                     "grad": np.array([[r["grad_norm"] for r in row] for row in rows])}
    return out


def start_broken(scope):
    stats = start_statistics(scope)
    out = {"zeros": float(max(stats["zeros"]["rms"].max(), stats["zeros"]["grad"].max()))}
    for name in ("too small", "too large"):
        rms, grad = stats[name]["rms"], stats[name]["grad"]
        out[name] = {"A_1": float(np.median(rms[:, 0])), "A_6": float(np.median(rms[:, -1])),
                     "A_6 range": [float(rms[:, -1].min()), float(rms[:, -1].max())],
                     "logits": float(np.median(stats[name]["logits"])),
                     "gradients": [float(grad.min()), float(grad.max())]}
    return out


def start_broken_report(e):
    rows = [f"zeros: largest |activation| or gradient norm in any layer, on any seed: "
            f"{e['zeros']:g}"]
    for name in ("too small", "too large"):
        s = e[name]
        rows.append(f"{name}: median rms of A_1 {s['A_1']:.0e}, of A_6 {s['A_6']:.0e} (seeds "
                    f"{s['A_6 range'][0]:.0e} to {s['A_6 range'][1]:.0e}), median std of the "
                    f"logits {s['logits']:.0e}; gradient norms {s['gradients'][0]:.0e} to "
                    f"{s['gradients'][1]:.0e}")
    return "\n".join(rows)


def start_broken_holds(e):
    small, large = e["too small"], e["too large"]
    return (e["zeros"] == 0 and small["A_6 range"][1] < 1e-6 and small["gradients"][1] < 1e-6
            and large["A_6 range"][0] > 100 and large["gradients"][0] > 100)


def start_scale(scope):
    stats = start_statistics(scope)
    he = np.median(stats["He"]["grad"], axis=0)
    others = ("LeCun", "Xavier", "He", "orthogonal", "LSUV")
    pytorch = stats["PyTorch"]["grad"][:, [0, 2]]
    return {
        "shrink": {n: {"A_6": float(np.median(stats[n]["rms"][:, -1])),
                       "largest A_6 / A_1": float(np.max(stats[n]["rms"][:, -1]
                                                         / stats[n]["rms"][:, 0])),
                       "largest gradient / He": float(np.max(
                           np.median(stats[n]["grad"], axis=0) / he))}
                   for n in ("LeCun", "Xavier")},
        "PyTorch": {"gradients 1 and 3": np.median(pytorch, axis=0).tolist(),
                    "smallest on": int(sum(
                        all(row.max() < stats[n]["grad"][k, [0, 2]].min() for n in others)
                        for k, row in enumerate(pytorch)))},
        "scaled": {n: [float(min(np.median(stats[n]["rms"], axis=0).min(),
                                 np.median(stats[n]["grad"], axis=0).min())),
                       float(max(np.median(stats[n]["rms"], axis=0).max(),
                                 np.median(stats[n]["grad"], axis=0).max()))]
                   for n in SCALED},
        "seeds": len(scope.seeds)}


def start_scale_report(e):
    rows = [f"{n}: median rms of A_6 {s['A_6']:.0e}; A_6 / A_1 at most "
            f"{s['largest A_6 / A_1']:.2f}; median gradient norm at most "
            f"{s['largest gradient / He']:.2f} of He's in any layer"
            for n, s in e["shrink"].items()]
    p = e["PyTorch"]
    rows.append(f"PyTorch: median gradient norms in layers 1 and 3 {p['gradients 1 and 3'][0]:.0e}"
                f" and {p['gradients 1 and 3'][1]:.0e}, below every other start's there (LeCun "
                f"to LSUV) on {p['smallest on']} of {e['seeds']} seeds")
    rows.append("medians over the seeds, smallest and largest over every layer's rms and "
                "gradient norm: " + ", ".join(f"{n} {lo:.1f} to {hi:.1f}"
                                              for n, (lo, hi) in e["scaled"].items()))
    return "\n".join(rows)


def start_scale_holds(e):
    return (all(s["largest A_6 / A_1"] < 0.4 and s["largest gradient / He"] < 0.2
                for s in e["shrink"].values())
            and e["PyTorch"]["smallest on"] == e["seeds"]
            and all(1 / 3 < lo and hi < 3 for lo, hi in e["scaled"].values()))


def tanh_start(scope):
    """Per start, with tanh: the rms of A_1 and of A_6 on each seed, at the start."""
    X, Y = digits(scope.data)[:2]
    out = {}
    for name in ("Xavier", "He", "LSUV"):
        rms = np.array([[np.sqrt(r["mean_square"]) for r in layer_statistics(
            X, start_parameters(name, list(DEEP), s, X, "tanh"), Y, hidden_activation="tanh")[:-1]]
            for s in scope.seeds])
        out[name] = {"A_1": float(np.median(rms[:, 0])), "A_6": float(np.median(rms[:, -1])),
                     "A_6 / A_1": [float(min(rms[:, -1] / rms[:, 0])),
                                   float(max(rms[:, -1] / rms[:, 0]))]}
    return out


def tanh_start_report(e):
    return "\n".join(f"{n}: median rms of A_1 {s['A_1']:.2f}, of A_6 {s['A_6']:.2f}; A_6 / A_1 "
                     f"from {s['A_6 / A_1'][0]:.2f} to {s['A_6 / A_1'][1]:.2f} over the seeds"
                     for n, s in e.items())


def adam_first_step(scope, learning_rate=0.01):
    """Too small and He at the start: per seed, the median |dW| over every weight, and the
    median |first Adam step| / learning rate, with epsilon 1e-8 and 1e-16."""
    X, Y = digits(scope.data)[:2]
    out = {}
    for name in ("too small", "He"):
        gradient, steps = [], {"1e-08": [], "1e-16": []}
        for s in scope.seeds:
            params = start_parameters(name, list(DEEP), s, X)
            grads = backward(Y, forward(X, params)[1])
            nothing = {key: np.zeros_like(value) for key, value in params.items()}
            gradient.append(float(np.median(np.concatenate(
                [np.abs(grads[f"dW{l}"]).ravel() for l in range(1, len(DEEP))]))))
            for epsilon in (1e-8, 1e-16):
                stepped = adam_update(params, grads, nothing, nothing, 1, learning_rate,
                                      epsilon=epsilon)[0]
                steps[f"{epsilon:g}"].append(float(np.median(np.concatenate(
                    [np.abs(stepped[f"W{l}"] - params[f"W{l}"]).ravel()
                     for l in range(1, len(DEEP))])) / learning_rate))
        out[name] = {"gradient": gradient, "step": steps}
    return out


def adam_first_step_report(e):
    rows = []
    for name, s in e.items():
        small = s["step"]["1e-08"]
        rows.append(f"{name}: median |dW| {np.median(s['gradient']):.0e} (seeds "
                    f"{min(s['gradient']):.0e} to {max(s['gradient']):.0e}); median |first Adam "
                    f"step| / learning rate with epsilon 1e-8: "
                    + (f"{np.median(small):.2g} (seeds {min(small):.2g} to {max(small):.2g})"
                       if max(small) < 0.99 else
                       f"above 0.99 on {len(small)} of {len(small)} seeds")
                    + f"; with epsilon 1e-16: above 0.99 on "
                    f"{sum(x > 0.99 for x in s['step']['1e-16'])} of {len(small)} seeds")
    return "\n".join(rows)


FORECAST = {"too small": ("vanish", "vanish"), "too large": ("explode", "explode"),
            **dict.fromkeys(("LeCun", "Xavier", "PyTorch"), ("train", "vanish")),
            **dict.fromkeys(SCALED, ("train", "train"))}


def forecast(scope):
    """Per start and seed, exercise 6.1's reading of the first three layers' rms: the factor
    per layer (the geometric mean of the two ratios) and the verdicts for 6 and 20 layers."""
    stats = start_statistics(scope)
    out = {}
    for name in FORECAST:
        factors = [float(np.exp(np.mean(np.diff(np.log(rms[:3]))))) for rms in stats[name]["rms"]]
        out[name] = {"factor": factors,
                     "verdicts": [[verdict_for(f ** (depth - 1)) for depth in (6, 20)]
                                  for f in factors]}
    return out


def forecast_holds(e):
    """Every verdict as ``FORECAST`` says, on every seed; only LeCun's and Xavier's for 20
    layers on at least 8 of 10 (their factor can come out near the edge, 0.01 ** (1/19))."""
    for name, s in e.items():
        hits = [tuple(v) == FORECAST[name] for v in s["verdicts"]]
        six = all(v[0] == FORECAST[name][0] for v in s["verdicts"])
        if not (all(hits) or (name in ("LeCun", "Xavier") and six and np.mean(hits) >= 0.8)):
            return False
    return True


def forecast_report(e):
    return "\n".join(f"{name}: factor from {min(s['factor']):.2f} to {max(s['factor']):.2f}; "
                     f"{' and '.join(FORECAST[name])} for 6 and 20 layers on "
                     f"{sum(tuple(v) == FORECAST[name] for v in s['verdicts'])} of "
                     f"{len(s['verdicts'])} seeds" for name, s in e.items())


CLAIMS = [
    claim("06.start-broken",
          "At the start, on every seed: zeros has every activation and every weight gradient "
          "exactly 0; too small's activations are below 1e-6 by layer 6 and all its gradients "
          "below 1e-6; too large's activations are above 100 by layer 6 and all its gradients "
          "above 100.",
          start_broken, start_broken_holds, start_broken_report, scope=START,
          skipped=NOT_TRAINED),
    claim("06.start-scale",
          "At the start, LeCun's and Xavier's activations shrink (layer 6's rms below 40% of "
          "layer 1's on every seed) and their median gradients are below a fifth of He's in "
          "every layer; PyTorch's default's gradients in layers 1 and 3 are below those of "
          "every other start that is not broken, on every seed; He, orthogonal and LSUV keep "
          "the median rms and gradient norm of every layer within a factor 3 of 1.",
          start_scale, start_scale_holds, start_scale_report, scope=START, skipped=NOT_TRAINED),
    claim("06.tanh-start",
          "With tanh, at the start, Xavier's activations shrink (layer 6's rms at most 60% of "
          "layer 1's on every seed), while He's keep at least 70% of it and LSUV's all of it.",
          tanh_start, lambda e: (e["Xavier"]["A_6 / A_1"][1] <= 0.6
                                 and e["He"]["A_6 / A_1"][0] >= 0.7
                                 and e["LSUV"]["A_6 / A_1"][0] >= 1),
          tanh_start_report, scope=START, skipped=NOT_TRAINED),
    claim("06.adam-first-step",
          "At the start, too small's median gradient per weight is below 1e-10 on every seed, "
          "so Adam's first step (epsilon 1e-8) moves the median weight by less than 1% of the "
          "learning rate; with epsilon 1e-16 it moves it by more than 99% of it, as it moves "
          "He's with either epsilon.",
          adam_first_step, lambda e: (max(e["too small"]["gradient"]) < 1e-10
                                      and max(e["too small"]["step"]["1e-08"]) < 0.01
                                      and min(e["too small"]["step"]["1e-16"]) > 0.99
                                      and min(min(v) for v in e["He"]["step"].values()) > 0.99),
          adam_first_step_report, scope=START, skipped=NOT_TRAINED),
    claim("06.forecast",
          "Read from the rms of the first three layers at the start, the factor per layer "
          "forecasts, for 6 and for 20 layers, on every seed: too small vanish and vanish, too "
          "large explode and explode, PyTorch's default train and vanish, He, orthogonal and "
          "LSUV train and train; LeCun and Xavier train for 6 layers, and vanish for 20 on at "
          "least 8 of 10 seeds.",
          forecast, forecast_holds, forecast_report, scope=START, skipped=NOT_TRAINED),
]
