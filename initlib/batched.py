"""Training many networks of the same shape at once.

A sweep (ten seeds, twelve scales) trains the same small network over and over. Instead of
looping in Python, ``train_many`` stacks the K networks' weights into arrays of shape
(K, n_l, n_{l-1}) and lets ``np.matmul`` do all K products in one call. Each network still
follows exactly its own gradient descent: the results match ``train`` run K times.
"""

import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .initializers import initialize_parameters
from .network import HIDDEN_ACTIVATIONS
from .training import (
    DIVERGENCE_FACTOR,
    TrainingDiverged,
    TrainResult,
    _activate,
    _times_derivative,
    check_training_inputs,
    diverged_message,
    is_checkpoint,
)
from .validation import check_choice

CONFIG_KEYS = ("initialization", "scale", "distribution", "rng")


def _costs(Z_L, A_L, Y):
    """Logit-based and naive cross-entropy of each network: two arrays of shape (K,)."""
    stable = np.maximum(Z_L, 0.0) - Z_L * Y + np.log1p(np.exp(-np.abs(Z_L)))
    with np.errstate(divide="ignore"):
        naive = np.where(Y == 1, -np.log(A_L), -np.log(1.0 - A_L))
    return stable.mean(axis=(1, 2)), naive.mean(axis=(1, 2))


def train_many(X, Y, layer_dims, configs, *, learning_rate=0.01, num_iterations=15000,
               hidden_activation="relu", record_every=1000, threads=None):
    """Train one network per entry of ``configs``, all at once, on the same data.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m)
    layer_dims : list of int, ending with 1
    configs : list of dict
        One dict per network with any of the keys ``"initialization"`` (default "he"),
        ``"scale"``, ``"distribution"`` and ``"rng"``, exactly as ``train`` takes them. Give
        each network its own seed (an int, or a fresh generator) for reproducible results.
    learning_rate, num_iterations, hidden_activation, record_every
        As for ``train``; shared by every network.
    threads : int, optional
        How many threads share the work (default: one per CPU core, at most one per 8
        networks). The results do not depend on it.

    Returns
    -------
    list of TrainResult
        ``results[k]`` equals ``train(X, Y, layer_dims, **configs[k], ...)`` up to float
        rounding in the last digits.

    Raises
    ------
    TrainingDiverged
        Naming the network (its index in ``configs``) and the iteration.
    """
    X, Y, dims, lr, n_iter, record_every = check_training_inputs(
        X, Y, layer_dims, learning_rate, num_iterations, record_every
    )
    g = check_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    if not isinstance(configs, (list, tuple)) or not configs:
        raise TypeError(f"configs must be a non-empty list of dicts; got {configs!r:.60}")
    for k, config in enumerate(configs):
        if not isinstance(config, dict):
            raise TypeError(f"configs[{k}] must be a dict; got {type(config).__name__}")
        unknown = set(config) - set(CONFIG_KEYS)
        if unknown:
            raise ValueError(f"configs[{k}] has unknown keys {sorted(unknown)}; "
                             f"allowed: {list(CONFIG_KEYS)}")
    initial = [
        initialize_parameters(dims, c.get("initialization", "he"), scale=c.get("scale"),
                              distribution=c.get("distribution", "normal"), rng=c.get("rng"))
        for c in configs
    ]
    # Networks are independent, so the stack can be cut into chunks trained in parallel
    # threads (numpy releases the GIL inside its loops); each network's arithmetic is the
    # same whatever the chunking.
    threads = min(threads or os.cpu_count() or 1, max(1, len(configs) // 8))
    bounds = np.linspace(0, len(configs), threads + 1).astype(int)
    chunks = [(initial[lo:hi], lo) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
    if threads == 1:
        outcomes = [_train_stack(X, Y, dims, chunk, lo, lr, n_iter, g, record_every)
                    for chunk, lo in chunks]
    else:
        with ThreadPoolExecutor(threads) as pool:
            futures = [pool.submit(_train_stack, X, Y, dims, chunk, lo, lr, n_iter, g,
                                   record_every) for chunk, lo in chunks]
            outcomes = [f.result() for f in futures]
    W = [None] + [np.concatenate([o[0][l] for o in outcomes]) for l in range(1, len(dims))]
    b = [None] + [np.concatenate([o[1][l] for o in outcomes]) for l in range(1, len(dims))]
    iterations = outcomes[0][2]
    costs = [np.concatenate([o[3][j] for o in outcomes]) for j in range(len(iterations))]
    naive_costs = [np.concatenate([o[4][j] for o in outcomes]) for j in range(len(iterations))]
    final_costs = np.concatenate([o[5] for o in outcomes])
    L = len(dims) - 1

    results = []
    for k, config in enumerate(configs):
        params = {}
        for l in range(1, L + 1):
            params[f"W{l}"] = W[l][k].copy()
            params[f"b{l}"] = b[l][k].copy()
        results.append(TrainResult(
            params=params,
            iterations=list(iterations),
            costs=[float(c[k]) for c in costs],
            naive_costs=[float(c[k]) for c in naive_costs],
            final_cost=float(final_costs[k]),
            initial_params=initial[k],
            hidden_activation=g,
            settings={"layer_dims": dims, "learning_rate": lr, "num_iterations": n_iter,
                      **config},
        ))
    return results


def _train_stack(X, Y, dims, initial, offset, lr, n_iter, g, record_every):
    """Gradient descent on a stack of networks; ``offset`` numbers them in messages."""
    K, L, m = len(initial), len(dims) - 1, X.shape[1]
    W = [None] + [np.stack([p[f"W{l}"] for p in initial]) for l in range(1, L + 1)]
    b = [None] + [np.stack([p[f"b{l}"] for p in initial]) for l in range(1, L + 1)]
    Z = [None] + [np.empty((K, n, m)) for n in dims[1:]]
    A = [X] + [np.empty((K, n, m)) for n in dims[1:]]
    dZ = [None] + [np.empty((K, n, m)) for n in dims[1:]]
    scratch = [None] + [np.empty((K, n, m)) for n in dims[1:]]
    dW = [None] + [np.empty_like(w) for w in W[1:]]
    db = [None] + [np.empty_like(v) for v in b[1:]]
    XT = X.T.copy()
    inv_m = 1.0 / m
    iterations, costs, naive_costs = [], [], []

    with np.errstate(over="ignore"):
        for i in range(n_iter + 1):
            for l in range(1, L + 1):
                np.matmul(W[l], A[l - 1], out=Z[l])
                Z[l] += b[l]
                if l < L:
                    _activate(g, Z[l], A[l])
            _activate("sigmoid", Z[L], A[L])
            if not math.isfinite(Z[L].sum()):
                k = int(np.flatnonzero(~np.isfinite(Z[L]).all(axis=(1, 2)))[0])
                raise TrainingDiverged(i, f"network {k + offset}: " + diverged_message(i, lr))
            recording = i % record_every == 0 and (i < n_iter or i == 0)
            if recording or is_checkpoint(i) or i == n_iter:
                stable, naive = _costs(Z[L], A[L], Y)
                if i == 0:
                    limit = DIVERGENCE_FACTOR * np.maximum(stable, math.log(2))
                elif (stable > limit).any():
                    k = int(np.flatnonzero(stable > limit)[0])
                    message = diverged_message(i, lr, stable[k], limit[k] / DIVERGENCE_FACTOR)
                    raise TrainingDiverged(i, f"network {k + offset}: " + message)
                if recording:
                    iterations.append(i)
                    costs.append(stable)
                    naive_costs.append(naive)
            if i == n_iter:
                final_costs = stable
                break
            np.subtract(A[L], Y, out=dZ[L])
            dZ[L] *= inv_m
            for l in range(L, 0, -1):
                np.matmul(dZ[l], XT if l == 1 else A[l - 1].transpose(0, 2, 1), out=dW[l])
                np.sum(dZ[l], axis=2, keepdims=True, out=db[l])
                if l > 1:
                    np.matmul(W[l].transpose(0, 2, 1), dZ[l], out=dZ[l - 1])
                    _times_derivative(g, A[l - 1], dZ[l - 1], scratch[l - 1])
            for l in range(1, L + 1):
                dW[l] *= lr
                W[l] -= dW[l]
                db[l] *= lr
                b[l] -= db[l]
    return W, b, iterations, costs, naive_costs, final_costs
