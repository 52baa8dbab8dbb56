"""The loop ``train_stacks`` ran before its arrays were allocated once: the same formulas with
fresh arrays at every step. ``speedups.py`` times it against ``train_stacks`` and checks
that both give the same parameters and costs, bit for bit."""

import math

import numpy as np

from initlib.activations import sigmoid
from initlib.network import losses_from_logits
from initlib.stack_training import EPS


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



def train_stacks_fresh(X, Y, params_list, *, residual=False, normalized=False,
                       branch_scale=1.0, learning_rate=0.05, num_iterations=1000,
                       record_every=100):
    """``train_stacks``'s loop as it was (arguments not checked): (params list, costs)."""
    L, K, m = len(params_list[0]) // 2, len(params_list), X.shape[1]
    W, b = _stack(params_list, L)
    alive = np.ones((K, 1, 1))
    costs, limit = [], None
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations + 1):
            logits, cache = _forward(X, W, b, residual, normalized, branch_scale)
            if i % record_every == 0 or i == num_iterations:
                cost = losses_from_logits(logits, Y).mean(axis=(1, 2))
                if limit is None:
                    limit = 10 * np.maximum(cost, math.log(2))
                alive[~(cost <= limit)] = 0.0
                if i % record_every == 0:
                    costs.append(cost)
            if i == num_iterations:
                break
            dW, db = _backward((sigmoid(logits) - Y) / m, W, cache, residual, branch_scale)
            step = learning_rate * alive
            for l in range(L):
                W[l] -= step * dW[l]
                b[l] -= step * db[l]
    params = [{key: (W if key[0] == "W" else b)[int(key[1:]) - 1][k].copy()
               for key in params_list[0]} for k in range(K)]
    return params, costs
