"""Networks trained on the digits, one starting rule over several seeds (notebook 06).

Notebook 06 and its claims read the same runs: ``digit_runs`` trains every seed of one
setting (a start, a network, a learning rate, an optimizer) and keeps what the tables and the
figures need, as plain numbers; it remembers what it has trained, so a second question about
the same runs costs nothing. A run can be read at several checkpoints (80 and 240 steps):
gradient descent is continued from the first checkpoint's weights, so both columns come from
the same runs.
"""

from functools import cache

import numpy as np

from .activations import ACTIVATIONS
from .data import load_dataset
from .divergence import TrainingDiverged
from .framework_defaults import framework_parameters
from .initializers import initialize_parameters
from .lsuv import lsuv_parameters
from .network import labels, output_activation, predictions
from .optimizers import OPTIMIZERS
from .training import train_many

NOTEBOOK_IMAGES = 200  # the first 200 training images: what notebook 06 trains on
RECORD_EVERY = 5
TARGET = 0.9  # "reached 90%": the share of the training images right
RULES = {"zeros": ("zeros", None), "too small": ("random", 0.01), "too large": ("random", 1.0),
         "LeCun": ("lecun", None), "Xavier": ("xavier", None), "He": ("he", None),
         "orthogonal": ("orthogonal", None)}
STARTS = (*RULES, "LSUV", "PyTorch")


@cache
def digits(data="notebook"):
    """(X, Y, X_test, Y_test): the first ``NOTEBOOK_IMAGES`` training images (``"notebook"``)
    or all 1200.

    Read from the files once (each setting's runs use them); the arrays are read-only.
    """
    X_train, Y_train, X_test, Y_test = load_dataset("digits")
    if data == "notebook":
        X_train, Y_train = X_train[:, :NOTEBOOK_IMAGES], Y_train[:, :NOTEBOOK_IMAGES]
    for array in (X_train, Y_train, X_test, Y_test):
        array.setflags(write=False)
    return X_train, Y_train, X_test, Y_test


def start_parameters(name, layer_dims, rng, X, hidden_activation="relu"):
    """Starting parameters of start ``name`` (one of ``STARTS``), drawn with ``rng`` (notebook 06).

    LSUV rescales its layers on ``X`` (n_0, m); PyTorch is ``nn.Linear``'s default.
    """
    if name == "LSUV":
        return lsuv_parameters(layer_dims, X, rng=rng, hidden_activation=hidden_activation)
    if name == "PyTorch":
        return framework_parameters("pytorch", layer_dims, rng=rng)
    if name not in RULES:
        raise ValueError(f"name must be one of {STARTS}, got {name!r}")
    initialization, scale = RULES[name]
    return initialize_parameters(layer_dims, initialization, scale=scale, rng=rng)


def _fingerprint(params):
    """The bytes of every array of ``params``: equal for equal starting parameters."""
    return tuple((key, value.dtype.str, value.shape, value.tobytes())
                 for key, value in sorted(params.items()))


def _train(X, Y, dims, starts, steps, options):
    """Train each start for ``steps``; a run that diverges is kept as its error."""
    configs = [{"params": p} for p in starts]
    try:
        return train_many(X, Y, dims, configs, num_iterations=steps, **options)
    except TrainingDiverged:  # one of them diverged: train them one by one to see which
        runs = []
        for config in configs:
            try:
                runs.append(train_many(X, Y, dims, [config], num_iterations=steps, **options)[0])
            except TrainingDiverged as error:
                runs.append(error)
        return runs


def accuracies(networks, X, Y, hidden_activation="relu"):
    """``accuracy`` of each network of the list ``networks`` on (X, Y), in one stacked pass.

    The networks share ``layer_dims``; their layer-l weights are stacked into one array
    (K, n_l, n_{l-1}), and ``np.matmul`` multiplies each network's own matrices exactly as
    ``np.dot`` does in ``forward``: the same predictions, so the same accuracies.
    """
    if not networks:
        return []
    L = len(networks[0]) // 2
    A = X
    for l in range(1, L + 1):
        Z = (np.matmul(np.stack([p[f"W{l}"] for p in networks]), A)
             + np.stack([p[f"b{l}"] for p in networks]))
        A = output_activation(Z) if l == L else ACTIVATIONS[hidden_activation](Z)
    return np.mean(predictions(A) == labels(Y), axis=(1, 2)).tolist()


@cache
def _digit_runs(name, layer_dims, seeds, data, checkpoints, learning_rate, optimizer, epsilon,
                hidden_activation):
    X, Y, X_test, Y_test = digits(data)
    options = {"learning_rate": learning_rate, "record_every": RECORD_EVERY,
               "hidden_activation": hidden_activation,
               "optimizer": optimizer if epsilon is None else {"name": optimizer,
                                                               "epsilon": epsilon}}
    current = [start_parameters(name, list(layer_dims), s, X, hidden_activation) for s in seeds]
    # a start that does not depend on the seed (zeros) is one run, whatever the seed: each
    # distinct start is trained once, and a seed reads the run of its start
    first_with = {}
    run_of = [first_with.setdefault(_fingerprint(p), k) for k, p in enumerate(current)]
    curves = [[] for _ in seeds]
    diverged = [None] * len(seeds)
    train, test = {}, {}
    done = 0
    for checkpoint in checkpoints:
        alive = [k for k in sorted(first_with.values()) if diverged[k] is None]
        if alive:
            runs = _train(X, Y, list(layer_dims), [current[k] for k in alive], checkpoint - done,
                          options)
            for k, run in zip(alive, runs, strict=True):
                if isinstance(run, TrainingDiverged):
                    diverged[k] = done + run.iteration
                else:
                    curves[k] += run.accuracies
                    current[k] = run.params
        done = checkpoint
        scored = sorted(k for k in set(run_of) if diverged[k] is None)
        for read, data in ((train, (X, Y)), (test, (X_test, Y_test))):
            scores = dict(zip(scored, accuracies([current[k] for k in scored], *data,
                                                 hidden_activation), strict=True))
            read[checkpoint] = [scores.get(run_of[k]) for k in range(len(seeds))]
    for k, j in enumerate(run_of):
        diverged[k], curves[k] = diverged[j], list(curves[j])
    final = checkpoints[-1]
    for k in range(len(seeds)):
        if diverged[k] is None:
            curves[k].append(train[final][k])  # the accuracy after the last step
    return {"name": name, "steps": list(range(0, final + 1, RECORD_EVERY)),
            "checkpoints": list(checkpoints), "diverged": diverged,
            "curves": [c if diverged[k] is None else None for k, c in enumerate(curves)],
            "train": {str(c): v for c, v in train.items()},
            "test": {str(c): v for c, v in test.items()}}


def digit_runs(name, layer_dims, scope, checkpoints=(1,), learning_rate=0.1,
               optimizer="gradient_descent", epsilon=None, hidden_activation="relu"):
    """Every seed of ``scope`` trained from start ``name``, read at each checkpoint (notebook 06).

    Parameters
    ----------
    name : str
        One of ``STARTS``.
    layer_dims : list of int
        The network, ``[64, ..., 10]``.
    scope : Scope
        Its ``seeds``, ``budget`` (the first checkpoint's length, in steps) and ``data``.
    checkpoints : tuple of int
        Multiples of the budget at which the runs are read (``(1, 3)``: at the budget and at
        three times it). Gradient descent and momentum continue from one checkpoint to the
        next; give Adam one checkpoint (its memory would restart).
    learning_rate, optimizer, hidden_activation
        As for ``train_many``; ``epsilon`` replaces Adam's epsilon when given.

    Returns
    -------
    dict of plain data
        ``steps`` (0, 5, ..., the last checkpoint), ``curves`` (per seed: the training accuracy
        at those steps, None if the run diverged), ``diverged`` (per seed: the step or None),
        ``train`` and ``test`` (per checkpoint, as a string: per-seed accuracies).
    """
    steps = tuple(int(scope.budget * c) for c in checkpoints)
    if any(s % RECORD_EVERY for s in steps) or list(steps) != sorted(set(steps)):
        raise ValueError(f"checkpoints must give increasing multiples of {RECORD_EVERY} steps, "
                         f"got {steps}")
    if optimizer == "adam" and epsilon == OPTIMIZERS["adam"]["epsilon"]:
        epsilon = None  # Adam's own epsilon: the same runs, trained once
    return _digit_runs(name, tuple(layer_dims), tuple(scope.seeds), scope.data, steps,
                       learning_rate, optimizer, epsilon, hidden_activation)


def steps_to_target(runs, target=TARGET):
    """Per seed: the first recorded step with training accuracy >= target, or None."""
    def first(curve):
        hits = (s for s, a in zip(runs["steps"], curve, strict=True) if a >= target)
        return next(hits, None)

    return [None if c is None else first(c) for c in runs["curves"]]


def summary(runs, checkpoint=None):
    """Counts and medians over the seeds at ``checkpoint`` steps (default: the first).

    Used in notebook 06.
    """
    checkpoint = runs["checkpoints"][0] if checkpoint is None else checkpoint
    within = [s for s in steps_to_target(runs) if s is not None and s <= checkpoint]
    train = [a for a in runs["train"][str(checkpoint)] if a is not None]
    test = [a for a in runs["test"][str(checkpoint)] if a is not None]
    return {"seeds": len(runs["diverged"]),
            "diverged": [d for d in runs["diverged"] if d is not None],
            "reached": len(within), "median steps": float(np.median(within)) if within else None,
            "train": float(np.median(train)) if train else None,
            "test": float(np.median(test)) if test else None}


def first_on(runs_a, runs_b, checkpoint=None):
    """(seeds where a reaches the target first, where b does, ties), within ``checkpoint``."""
    checkpoint = runs_a["checkpoints"][-1] if checkpoint is None else checkpoint
    late = checkpoint + 1  # never reached counts as after the last step
    a = [late if s is None or s > checkpoint else s for s in steps_to_target(runs_a)]
    b = [late if s is None or s > checkpoint else s for s in steps_to_target(runs_b)]
    first_a = sum(x < y for x, y in zip(a, b, strict=True))
    first_b = sum(y < x for x, y in zip(a, b, strict=True))
    return first_a, first_b, len(a) - first_a - first_b
