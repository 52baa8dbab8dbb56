"""Training deep stacks, plain, normalized or residual, to see what each does to learning.

Notebook 05 uses this module. ``architectures.py`` sends a signal through such stacks at
initialization; here the same stacks get an input layer and an output unit and are trained
with full-batch gradient descent on the course's 0/1 labels. The network, for an input ``X``
of shape (n_0, m), with ``g`` = ReLU and ``norm`` = ``architectures.normalize`` (each unit
over the batch):

=================  ==========================================================================
``H_1``            g(W_1 X + b_1), or g(norm(W_1 X + b_1)) when ``normalized``
plain block        H_l = g(W_l H_{l-1} + b_l), or g(norm(W_l H_{l-1} + b_l))
residual block     H_l = H_{l-1} + branch_scale * (W_l g(H_{l-1}) + b_l), the branch reading
                   norm(H_{l-1}) instead of H_{l-1} when ``normalized``
output             A = sigmoid(W_L H_{L-1} + b_L), one unit
=================  ==========================================================================

so the parameters are the course's usual dict ``W1, b1, ..., WL, bL`` for ``layer_dims``
``[n_0, n, ..., n, 1]``, and a plain stack is exactly the textbook network of ``network.py``.
Every blocks' ``W_l`` is (n, n); ``b_l`` is (n, 1).

Several networks of one shape train at once: their weights are stacked into arrays of shape
(K, n_l, n_{l-1}), so one numpy call does the work of K networks.
"""

import math
from dataclasses import dataclass

import numpy as np

from .activations import sigmoid
from .network import losses_from_logits
from .validation import valid_count, valid_number, valid_params, valid_X, valid_Y

EPS = 1e-5  # added to the variance by the normalization, as in architectures.normalize


@dataclass
class StackRun:
    """One trained stack: ``params`` (dict), ``iterations`` and ``costs`` recorded (cost from
    the logits, before that iteration's update), and ``diverged_at``: the first recorded
    iteration whose cost was not finite or above ten times its start, else None (a diverged
    network is no longer updated, and its ``params`` mean nothing)."""

    params: dict
    iterations: list
    costs: list
    diverged_at: object = None


def _stack(params_list, L):
    return ([np.stack([p[f"W{l}"] for p in params_list]).astype(float) for l in range(1, L + 1)],
            [np.stack([p[f"b{l}"] for p in params_list]).astype(float) for l in range(1, L + 1)])


def _normalize(Z):
    """``architectures.normalize`` over the last axis, and the divisor s it used."""
    centred = Z - Z.mean(axis=-1, keepdims=True)
    s = np.sqrt(np.mean(centred * centred, axis=-1, keepdims=True) + EPS)
    return centred / s, s


def _norm_backward(dN, N, s):
    """Gradient through N = (Z - mean) / s over the last axis, given dN, N and s."""
    return (dN - dN.mean(axis=-1, keepdims=True)
            - N * (dN * N).mean(axis=-1, keepdims=True)) / s


def _forward(X, W, b, residual, normalized, branch_scale):
    """Forward pass of K stacks: the logits (K, 1, m) and what backward needs."""
    L = len(W)
    cache = []
    H = X
    for l in range(L - 1):
        if l > 0 and residual:
            inner, norm = H, None
            if normalized:
                inner, s = _normalize(H)
                norm = (inner, s)
            G = np.maximum(inner, 0)
            cache.append((H, inner, G, norm))
            H = H + branch_scale * (W[l] @ G + b[l])
        else:
            Z = W[l] @ H + b[l]
            norm = None
            if normalized:
                Z, s = _normalize(Z)
                norm = (Z, s)
            cache.append((H, Z, None, norm))
            H = np.maximum(Z, 0)
    cache.append((H, None, None, None))
    return W[-1] @ H + b[-1], cache


def _backward(dZ_out, W, cache, residual, branch_scale):
    """Gradients (lists dW, db) of K stacks from the gradient of the cost w.r.t. the logits."""
    L = len(W)
    dW, db = [None] * L, [None] * L
    H = cache[-1][0]
    dW[-1] = dZ_out @ np.swapaxes(H, -1, -2)
    db[-1] = dZ_out.sum(axis=-1, keepdims=True)
    dH = np.swapaxes(W[-1], -1, -2) @ dZ_out
    for l in range(L - 2, -1, -1):
        H_prev, inner, G, norm = cache[l]
        if l > 0 and residual:
            dBranch = branch_scale * dH
            dW[l] = dBranch @ np.swapaxes(G, -1, -2)
            db[l] = dBranch.sum(axis=-1, keepdims=True)
            d_inner = (np.swapaxes(W[l], -1, -2) @ dBranch) * (inner > 0)
            if norm is not None:
                d_inner = _norm_backward(d_inner, *norm)
            dH = dH + d_inner
        else:
            dZ = dH * (inner > 0)
            if norm is not None:
                dZ = _norm_backward(dZ, *norm)
            dW[l] = dZ @ np.swapaxes(H_prev, -1, -2)
            db[l] = dZ.sum(axis=-1, keepdims=True)
            if l > 0:
                dH = np.swapaxes(W[l], -1, -2) @ dZ
    return dW, db


def _check(X, params, residual, branch_scale):
    L = valid_params(params)
    X = valid_X(X, params["W1"].shape[1])
    if residual:
        n = params["W1"].shape[0]
        for l in range(2, L):
            if params[f"W{l}"].shape != (n, n):
                raise ValueError(f"residual=True adds each block's output to its input, so "
                                 f"W2 ... W{L - 1} must be ({n}, {n}); W{l} has shape "
                                 f"{params[f'W{l}'].shape}")
    if params[f"W{L}"].shape[0] != 1:
        raise ValueError(f"the output layer W{L} must have one unit; it has shape "
                         f"{params[f'W{L}'].shape}")
    return L, X, valid_number("branch_scale", branch_scale)


def stack_output(X, params, *, residual=False, normalized=False, branch_scale=1.0):
    """The network's output A, shape (1, m), for an input ``X`` (n_0, m) (the batch is also
    the one the normalization averages over)."""
    L, X, branch_scale = _check(X, params, residual, branch_scale)
    W, b = _stack([params], L)
    with np.errstate(over="ignore", invalid="ignore"):
        logits, _ = _forward(X, W, b, residual, normalized, branch_scale)
    return sigmoid(logits[0])


def stack_gradients(X, Y, params, *, residual=False, normalized=False, branch_scale=1.0):
    """Cost (cross-entropy from the logits) and its gradients ``{"dW1": ..., "db1": ...}``."""
    L, X, branch_scale = _check(X, params, residual, branch_scale)
    Y = valid_Y(Y, X.shape[1])
    W, b = _stack([params], L)
    logits, cache = _forward(X, W, b, residual, normalized, branch_scale)
    dW, db = _backward((sigmoid(logits) - Y) / X.shape[1], W, cache, residual, branch_scale)
    grads = {}
    for l in range(L):
        grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = dW[l][0], db[l][0]
    return float(np.mean(losses_from_logits(logits[0], Y))), grads


def train_stacks(X, Y, params_list, *, residual=False, normalized=False, branch_scale=1.0,
                 learning_rate=0.05, num_iterations=1000, record_every=100):
    """Train every network of ``params_list`` (dicts of one shape) with gradient descent.

    Used in notebook 05.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m), 0/1 labels
    params_list : list of dict
        ``W1, b1, ..., WL, bL``; see the module's docstring for the network they define.
    residual, normalized : bool
    branch_scale : float
        Multiplies every residual branch (only with ``residual``).
    learning_rate : float > 0
    num_iterations : int >= 0
    record_every : int >= 1
        The cost is recorded at iterations 0, record_every, 2 * record_every, ... up to
        num_iterations included (the last one is the cost after training).

    Returns
    -------
    list of StackRun, one per network, in order.
    """
    if not isinstance(params_list, (list, tuple)) or not params_list:
        raise TypeError(f"params_list must be a non-empty list of parameter dicts; "
                        f"got {params_list!r:.60}")
    L, X, branch_scale = _check(X, params_list[0], residual, branch_scale)
    shapes = {key: value.shape for key, value in params_list[0].items()}
    for k, params in enumerate(params_list):
        if {key: np.shape(value) for key, value in params.items()} != shapes:
            raise ValueError(f"params_list[{k}] has other shapes than params_list[0]: "
                             f"every network must have the same layers")
    Y = valid_Y(Y, X.shape[1])
    learning_rate = valid_number("learning_rate", learning_rate, minimum=0, strict=True)
    num_iterations = valid_count("num_iterations", num_iterations, minimum=0)
    record_every = valid_count("record_every", record_every, minimum=1)
    K, m = len(params_list), X.shape[1]
    W, b = _stack(params_list, L)
    alive = np.ones((K, 1, 1))
    iterations, costs, diverged_at, limit = [], [], [None] * K, None
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations + 1):
            logits, cache = _forward(X, W, b, residual, normalized, branch_scale)
            if i % record_every == 0 or i == num_iterations:
                cost = losses_from_logits(logits, Y).mean(axis=(1, 2))
                if limit is None:
                    limit = 10 * np.maximum(cost, math.log(2))
                for k in np.flatnonzero(~(cost <= limit) & (alive[:, 0, 0] > 0)):
                    diverged_at[k], alive[k] = i, 0.0
                if i % record_every == 0:
                    iterations.append(i)
                    costs.append(cost)
            if i == num_iterations:
                break
            dW, db = _backward((sigmoid(logits) - Y) / m, W, cache, residual, branch_scale)
            step = learning_rate * alive
            for l in range(L):
                W[l] -= step * dW[l]      # a diverged network's step is 0 (or nan: it is
                b[l] -= step * db[l]      # frozen as diverged either way)
    return [StackRun(params={key: (W if key[0] == "W" else b)[int(key[1:]) - 1][k].copy()
                             for key in params_list[0]},
                     iterations=list(iterations), costs=[float(c[k]) for c in costs],
                     diverged_at=diverged_at[k])
            for k in range(K)]


def stack_accuracy(X, Y, params, **options):
    """Share of the examples of ``X`` (n_0, m) whose label ``Y`` (1, m) the stack predicts

    Used in notebook 05.
    (output above 0.5 means 1). ``options`` are those of ``stack_output``."""
    return float(np.mean((stack_output(X, params, **options) > 0.5) == (np.asarray(Y) == 1)))
