"""Notebook 01's claims."""

import numpy as np

from ..data import load_dataset
from ..diagnostics import count_distinct_units
from ..network import accuracy
from ..training import train_many
from .claim import Claim, Scope

LAYER_DIMS = [2, 10, 5, 1]


def zero_bias_runs(scope):
    """Train accuracy, test accuracy and distinct units of random-weight, zero-bias networks."""
    X_train, Y_train, X_test, Y_test = load_dataset("circles")
    runs = train_many(X_train, Y_train, LAYER_DIMS,
                      [{"initialization": "random", "scale": 1.0, "rng": s} for s in scope.seeds],
                      num_iterations=scope.budget)
    return {
        "train": [accuracy(run.params, X_train, Y_train) for run in runs],
        "test": [accuracy(run.params, X_test, Y_test) for run in runs],
        "distinct": [count_distinct_units(run.params) == LAYER_DIMS[1:] for run in runs],
    }


def zero_bias_report(evidence):
    train, test = np.array(evidence["train"]), np.array(evidence["test"])
    return (f"train accuracy >= 90% on {int((train >= 0.9).sum())} of {len(train)} seeds "
            f"(median {np.median(train):.1%}, lowest {train.min():.1%}); "
            f"median test accuracy {np.median(test):.1%}; "
            f"all units distinct after training on {sum(evidence['distinct'])} of {len(train)}")


CLAIMS = [
    Claim(
        id="01.zero-biases-learn",
        sentence="With random weights (scale 1) and zero biases, the [2, 10, 5, 1] network "
                 "learns the circles (train accuracy at least 90%) on at least 9 of 10 seeds, "
                 "and its units end distinct.",
        scope=Scope(seeds=range(10), budget=15000),
        measure=zero_bias_runs,
        holds=lambda e: (np.mean(np.array(e["train"]) >= 0.9) >= 0.9 and all(e["distinct"])),
        report=zero_bias_report,
        stresses=("fresh seeds", "2x budget", "4x budget"),
        skipped={"all data": "the notebook trains on all 300 training points already"},
    ),
]
