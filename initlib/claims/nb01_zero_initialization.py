"""Notebook 01's claims: zero biases, once the weights are random."""

from dataclasses import replace
from functools import lru_cache

import numpy as np

from ..data import load_dataset
from ..diagnostics import count_distinct_units
from ..initializers import initialize_parameters
from ..network import accuracy, backward, forward
from ..training import train_many
from .claim import Claim, Scope, untrained

LAYER_DIMS = [2, 10, 5, 1]
SCOPE = Scope(seeds=range(10), budget=12000)


def random_biases(seed):
    """Random weights (scale 1) from ``rng=seed``, then N(0, 1) biases from the same generator.

    The weights are exactly those of ``initialize_parameters(LAYER_DIMS, "random", scale=1.0,
    rng=seed)``: the pair differs in its biases alone.
    """
    rng = np.random.default_rng(seed)
    params = initialize_parameters(LAYER_DIMS, "random", scale=1.0, rng=rng)
    for l in range(1, len(LAYER_DIMS)):
        params[f"b{l}"] = rng.standard_normal((LAYER_DIMS[l], 1))
    return params


@lru_cache(maxsize=4)
def together(seeds, budget):
    """The two starts with no randomness (all zeros; every weight 0.5, biases 0) and the
    zero-bias networks of ``seeds`` (random weights, scale 1), trained as one stack for
    ``budget`` iterations: their ``TrainResult`` objects, each equal to what ``train`` gives
    for it alone. A stack of 12 networks this small costs little more than one of 10.

    Cached, so that every claim of the notebook reads the same runs.
    """
    X_train, Y_train, _, _ = load_dataset("circles")
    configs = [{"initialization": "zeros"}, {"initialization": "constant", "scale": 0.5},
               *({"initialization": "random", "scale": 1.0, "rng": s} for s in seeds)]
    return tuple(train_many(X_train, Y_train, LAYER_DIMS, configs, num_iterations=budget))


@lru_cache(maxsize=4)
def trained(scope, biases):
    """(train accuracies, test accuracies, trained parameters) of one arm: ``biases`` is
    ``"zero"`` or ``"normal"``, the same random weights (scale 1) on every seed of ``scope``.

    Cached, so that the comparison reads the zero-bias runs the first claim trained.
    """
    X_train, Y_train, X_test, Y_test = load_dataset("circles")
    if biases == "zero":
        runs = together(scope.seeds, scope.budget)[2:]
    else:
        runs = train_many(X_train, Y_train, LAYER_DIMS,
                          [{"params": random_biases(s)} for s in scope.seeds],
                          num_iterations=scope.budget)
    return ([accuracy(run.params, X_train, Y_train) for run in runs],
            [accuracy(run.params, X_test, Y_test) for run in runs],
            [run.params for run in runs])


def zero_bias_runs(scope):
    """Train and test accuracy of the zero-bias networks; are their units and biases distinct?"""
    train, test, params = trained(scope, "zero")
    return {"train": train, "test": test,
            "distinct": [count_distinct_units(p) == LAYER_DIMS[1:] for p in params],
            "distinct_b1": [len(np.unique(p["b1"].round(12))) for p in params]}


def bias_pairs(scope):
    """Train and test accuracy of both arms, paired by seed."""
    train, test, _ = trained(scope, "zero")
    train_normal, test_normal, _ = trained(scope, "normal")
    return {"train": train, "test": test, "train_normal": train_normal,
            "test_normal": test_normal}


def zero_bias_report(evidence):
    train, test = np.array(evidence["train"]), np.array(evidence["test"])
    return (f"train accuracy >= 90% on {int((train >= 0.9).sum())} of {len(train)} seeds "
            f"(median {np.median(train):.1%}, lowest {train.min():.1%}); "
            f"median test accuracy {np.median(test):.1%}; "
            f"all units distinct after training on {sum(evidence['distinct'])} of {len(train)}; "
            f"distinct values among the 10 biases of layer 1, per network: "
            f"{evidence['distinct_b1']}")


def paired_counts(evidence):
    """(zero ahead, tied, random ahead) on train accuracy, over the paired seeds."""
    zero, normal = np.array(evidence["train"]), np.array(evidence["train_normal"])
    return int((zero > normal).sum()), int((zero == normal).sum()), int((zero < normal).sum())


def bias_comparison_report(evidence):
    ahead, tied, behind = paired_counts(evidence)
    zero, normal = np.array(evidence["train"]), np.array(evidence["train_normal"])
    test_zero, test_normal = np.array(evidence["test"]), np.array(evidence["test_normal"])
    return (f"train accuracy, same weights: zero biases ahead on {ahead}, tied on {tied}, "
            f"behind on {behind} of {len(zero)} seeds; median {np.median(zero):.1%} (zero) vs "
            f"{np.median(normal):.1%} (N(0, 1)); at least 90%: {int((zero >= 0.9).sum())} (zero) "
            f"vs {int((normal >= 0.9).sum())} (N(0, 1)); median test accuracy "
            f"{np.median(test_zero):.1%} vs {np.median(test_normal):.1%}")


def zero_biases_no_worse(evidence):
    zero, normal = np.array(evidence["train"]), np.array(evidence["train_normal"])
    return (np.median(zero) >= np.median(normal) - 0.01
            and np.sum(zero >= 0.9) >= np.sum(normal >= 0.9))


@lru_cache(maxsize=3)
def symmetric_runs(budget):
    """The two starts with no randomness, all zeros and every weight 0.5 (biases 0), trained
    for ``budget`` iterations: their ``TrainResult`` objects, each equal to what ``train``
    gives for it alone. Their first ``SCOPE.budget`` iterations are those of ``together``
    (trained beside the notebook's zero-bias networks); gradient descent has no state
    besides the parameters, so continuing from there for the rest is the same run.
    Cached, so that the second claim reads the runs the first trained."""
    first = min(budget, SCOPE.budget)
    runs = together(SCOPE.seeds, first)[:2]
    if budget == first:
        return runs
    X_train, Y_train, _, _ = load_dataset("circles")
    rest = train_many(X_train, Y_train, LAYER_DIMS, [{"params": run.params} for run in runs],
                      num_iterations=budget - first)
    return tuple(replace(run, params=more.params, final_cost=more.final_cost,
                         iterations=run.iterations + [first + i for i in more.iterations],
                         costs=run.costs + more.costs,
                         naive_costs=run.naive_costs + more.naive_costs,
                         accuracies=run.accuracies + more.accuracies,
                         settings={**run.settings, "num_iterations": budget})
                 for run, more in zip(runs, rest, strict=True))


def symmetric_run(initialization, budget):
    """(evidence, run) of one start with no randomness (``"zeros"`` or ``"constant"``) trained
    for ``budget`` iterations: the recorded costs, the accuracies and the trained parameters
    as lists (so that a notebook can draw the same run)."""
    X_train, Y_train, X_test, Y_test = load_dataset("circles")
    run = symmetric_runs(budget)[("zeros", "constant").index(initialization)]
    evidence = {"budget": budget, "iterations": run.iterations, "costs": run.costs,
                "final_cost": run.final_cost,
                "train": accuracy(run.params, X_train, Y_train),
                "test": accuracy(run.params, X_test, Y_test),
                "params": {name: value.tolist() for name, value in run.params.items()}}
    return evidence, run


def zero_start(scope):
    """Every weight and bias 0, trained for ``scope.budget`` iterations; also the distinct
    outputs on the training points."""
    evidence, run = symmetric_run("zeros", scope.budget)
    X_train = load_dataset("circles")[0]
    evidence["outputs"] = np.unique(forward(X_train, run.params)[0].round(12)).tolist()
    return evidence


def zero_start_report(evidence):
    shown = [(i, c) for i, c in zip(evidence["iterations"], evidence["costs"], strict=True)
             if i % 5000 == 0]
    return ("\n".join(f"iteration {i:5d}: cost {c:.6f}" for i, c in shown)
            + f"\nafter {evidence['budget']} iterations: cost {evidence['final_cost']:.6f} "
              f"(ln 2 = {np.log(2):.6f}); distinct outputs on the training points, to 12 decimals: "
              f"{evidence['outputs']}; train accuracy {evidence['train']:.1%}, test accuracy "
              f"{evidence['test']:.1%}")


def zero_start_stalls(evidence):
    costs = evidence["costs"] + [evidence["final_cost"]]
    return (max(abs(c - np.log(2)) for c in costs) < 1e-9 and evidence["outputs"] == [0.5]
            and evidence["train"] == 0.5)


def constant_start(scope):
    """Every weight 0.5 (and every bias 0), trained for ``scope.budget`` iterations; also the
    distinct units per layer before and after."""
    evidence, run = symmetric_run("constant", scope.budget)
    evidence["distinct_before"] = count_distinct_units(run.initial_params)
    evidence["distinct_after"] = count_distinct_units(run.params)
    return evidence


def constant_report(evidence):
    return (f"distinct units per layer before training {evidence['distinct_before']}, after "
            f"{evidence['budget']} iterations "
            f"{evidence['distinct_after']}; train accuracy {evidence['train']:.1%}, test accuracy "
            f"{evidence['test']:.1%}")


def random_start(scope):
    """Random weights (scale 1), zero biases, before training: distinct units per layer and
    distinct rows of dW1 (to 12 decimals) after one forward and one backward pass."""
    X_train, Y_train, _, _ = load_dataset("circles")
    units, rows = [], []
    for s in scope.seeds:
        params = initialize_parameters(LAYER_DIMS, "random", scale=1.0, rng=s)
        units.append(count_distinct_units(params))
        dW1 = backward(Y_train, forward(X_train, params)[1])["dW1"]
        rows.append(len(np.unique(dW1.round(12), axis=0)))
    return {"units": units, "rows of dW1": rows}


def random_start_report(evidence):
    units, rows = evidence["units"], evidence["rows of dW1"]
    return (f"every unit distinct (distinct units per layer = {LAYER_DIMS[1:]}) on "
            f"{sum(u == LAYER_DIMS[1:] for u in units)} of {len(units)} seeds; distinct rows of "
            f"dW1 ({LAYER_DIMS[1]} units), per seed: {rows}")


START = Scope(seeds=range(10))  # one forward and one backward pass: no training
NOT_TRAINED = untrained("the notebook uses all 300 training points already")

CLAIMS = [
    Claim(
        id="01.random-start-distinct",
        sentence="With random weights (scale 1) and zero biases, every unit is distinct at the "
                 "start and every unit of layer 1 gets its own gradient (distinct rows of dW1), "
                 "on every seed.",
        scope=START,
        measure=random_start,
        holds=lambda e: (all(u == LAYER_DIMS[1:] for u in e["units"])
                         and all(r == LAYER_DIMS[1] for r in e["rows of dW1"])),
        report=random_start_report,
        stresses=("fresh seeds",),
        skipped=NOT_TRAINED,
    ),
    Claim(
        id="01.zeros-stall",
        sentence="From all zeros the cost is ln 2 from the first iteration to the last, every "
                 "output is exactly 0.5 and the network answers one class everywhere (50% "
                 "accuracy): nothing is learned, however long it trains.",
        scope=Scope(seeds=(), budget=15000),
        measure=zero_start,
        holds=zero_start_stalls,
        report=zero_start_report,
        stresses=("2x budget", "4x budget"),
        skipped={"fresh seeds": "the start has no randomness: every seed gives the same network",
                 "all data": "the notebook trains on all 300 training points already"},
    ),
    Claim(
        id="01.constant-one-unit",
        sentence="From a constant start (every weight 0.5) each layer keeps exactly one distinct "
                 "unit however long it trains, and the network stays far from learning the "
                 "circles (train accuracy below 75%).",
        scope=Scope(seeds=(), budget=15000),
        measure=constant_start,
        holds=lambda e: e["distinct_after"] == [1, 1, 1] and e["train"] < 0.75,
        report=constant_report,
        stresses=("2x budget", "4x budget"),
        skipped={"fresh seeds": "the start has no randomness: every seed gives the same network",
                 "all data": "the notebook trains on all 300 training points already"},
    ),
    Claim(
        id="01.zero-biases-learn",
        sentence="With random weights (scale 1) and zero biases, the [2, 10, 5, 1] network "
                 "learns the circles (train accuracy at least 90%) on at least 9 of 10 seeds, "
                 "and its units end distinct.",
        scope=SCOPE,
        measure=zero_bias_runs,
        holds=lambda e: (np.mean(np.array(e["train"]) >= 0.9) >= 0.9 and all(e["distinct"])),
        report=zero_bias_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        skipped={"all data": "the notebook trains on all 300 training points already"},
    ),
    Claim(
        id="01.zero-biases-cost-nothing",
        sentence="Zero biases cost nothing: against twins with the same random weights and "
                 "N(0, 1) biases, their median train accuracy is at most 1 point lower and at "
                 "least as many of them reach 90%.",
        scope=SCOPE,
        measure=bias_pairs,
        holds=zero_biases_no_worse,
        report=bias_comparison_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        skipped={"all data": "the notebook trains on all 300 training points already"},
    ),
]
