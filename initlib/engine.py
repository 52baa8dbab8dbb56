"""The fast inner loop behind ``train`` and ``train_many``.

It runs full-batch gradient descent on a *stack* of K networks of the same shape at once
(K = 1 for ``train``), with every array allocated once and updated in place. For a network as
small as the course's, the time goes into the number of numpy calls rather than arithmetic,
so the loop is arranged to make few of them:

* each layer keeps its weights and bias together as one matrix ``[W_l | b_l]`` of shape
  (n_l, n_{l-1} + 1), and every activation matrix carries an extra row of ones, so that
  ``[W_l | b_l] @ [A_{l-1}; 1] = W_l A_{l-1} + b_l`` is a single product, and the same product
  in the backward pass yields ``dW_l`` and ``db_l`` together;
* the learning rate is folded into the output error, ``dZ_L = learning_rate / m * (A_L - Y)``;
  backpropagation is linear in dZ_L, so every gradient arrives already multiplied by the
  learning rate and the update is one subtraction per layer;
* the cost is computed only at the iterations that record it (and at 1, 2, 4, 8, ... to catch
  divergence early); in between, every 16th iteration checks that the outputs are finite.

The arithmetic is that of ``forward``/``backward``/``update_parameters`` up to the order of
floating-point operations (results agree to about 1e-12 after thousands of iterations).
"""

import math

import numpy as np

from .network import losses_from_logits, losses_naive

DIVERGENCE_FACTOR = 10.0  # a cost this many times its starting value means divergence


class TrainingDiverged(FloatingPointError):
    """Raised when gradient descent blows up; ``.iteration`` says when it was detected."""

    def __init__(self, iteration, message):
        super().__init__(message)
        self.iteration = iteration


def diverged_message(iteration, learning_rate, cost=None, cost0=None):
    if cost is None or not math.isfinite(cost):
        what = "the output pre-activations had become inf or nan"
    else:
        what = (f"the cost rose to {cost:.4g}, more than {DIVERGENCE_FACTOR:g} times its "
                f"starting value {cost0:.4g}")
    return (
        f"training diverged at iteration {iteration}: {what}. Each gradient step overshoots "
        f"and makes things worse: the learning rate ({learning_rate:g}) is too large for this "
        f"network and initialization; try a smaller learning_rate (0.01 works for the "
        f"course's network)."
    )


def _activate(name, Z, out):
    """Write g(Z) into ``out`` for activation ``name``."""
    if name == "relu":
        np.maximum(Z, 0.0, out=out)
    elif name == "tanh":
        np.tanh(Z, out=out)
    elif name == "sigmoid":
        np.negative(Z, out=out)
        np.exp(out, out=out)
        out += 1.0
        np.divide(1.0, out, out=out)
    else:
        np.copyto(out, Z)


def _error_below(name, A, dA, scratch, out):
    """out = dA * g'(Z) for activation ``name``, given A = g(Z)."""
    if name == "relu":
        np.greater(A, 0.0, out=scratch)
    elif name == "tanh":
        np.multiply(A, A, out=scratch)
        np.subtract(1.0, scratch, out=scratch)
    elif name == "sigmoid":
        np.subtract(1.0, A, out=scratch)
        scratch *= A
    else:
        np.copyto(out, dA)
        return
    np.multiply(dA, scratch, out=out)


def _costs(Z_L, A_L, Y):
    """Logit-based and naive cross-entropy of each network: two arrays of shape (K,)."""
    return (losses_from_logits(Z_L, Y).mean(axis=(1, 2)),
            losses_naive(A_L, Y).mean(axis=(1, 2)))


def run_gradient_descent(X, Y, dims, initial, learning_rate, num_iterations, activation,
                         record_every, first_index=0, progress=None):
    """Train the networks ``initial`` (a list of K parameter dicts) together.

    Parameters
    ----------
    X : ndarray (n_0, m); Y : ndarray (1, m)
    dims : list of int, [n_0, ..., n_L]
    initial : list of dict
        Starting parameters, one dict per network; not modified.
    learning_rate, num_iterations, activation, record_every
        As for ``train``.
    first_index : int
        Number of the first network, for error messages when the stack is part of a larger
        batch.
    progress : callable, optional
        Called as ``progress(iteration, num_iterations)`` at every recorded iteration.

    Returns
    -------
    params : list of dict
        Trained parameters of each network.
    iterations : list of int
    costs, naive_costs : list of ndarray (K,)
        Per recorded iteration, the cost of every network.
    final_costs : ndarray (K,)
    """
    K, L, m = len(initial), len(dims) - 1, X.shape[1]
    ones = np.ones((1, m))
    # [W_l | b_l] stacked over the K networks: (K, n_l, n_{l-1} + 1)
    Wb = [None] + [np.stack([np.hstack([p[f"W{l}"], p[f"b{l}"]]) for p in initial])
                   for l in range(1, L + 1)]
    # activations with a row of ones below them; the input is shared by every network
    A = [np.vstack([X, ones])] + [np.ones((K, n + 1, m)) for n in dims[1:L]]
    A_top = [None] + [a[:, :-1] for a in A[1:]]          # the activations without the ones
    Z = [None] + [np.empty((K, n, m)) for n in dims[1:]]
    A_L = np.empty((K, dims[L], m))
    dZ = [None] + [np.empty((K, n, m)) for n in dims[1:]]
    dA = [None] + [np.empty((K, n + 1, m)) for n in dims[1:L]]
    scratch = [None] + [np.empty((K, n, m)) for n in dims[1:L]]
    dWb = [None] + [np.empty_like(w) for w in Wb[1:]]
    A_T = [A[0].T.copy()] + [a.transpose(0, 2, 1) for a in A[1:]]
    dA_top = [None] + [d[:, :-1] for d in dA[1:]]
    Wb_stack, Z_L, A_L_stack = Wb, Z[L], A_L  # the (K, ...) arrays, for costs and results
    product, flip = np.matmul, (lambda w: w.transpose(0, 2, 1))
    if K == 1:  # one network: 2-d views and np.dot, which costs less per call than matmul
        def first(arrays):
            return [None if a is None else a[0] for a in arrays]

        Wb, Z, dZ, dA, dWb = first(Wb), first(Z), first(dZ), first(dA), first(dWb)
        scratch = first(scratch)
        A, A_top, dA_top = [A[0]] + first(A[1:]), first(A_top), first(dA_top)
        A_T, A_L = [A_T[0]] + [a.T for a in A[1:]], A_L[0]
        product, flip = np.dot, (lambda w: w.T)
    step = learning_rate / m
    iterations, costs, naive_costs = [], [], []
    limit = None

    with np.errstate(over="ignore"):
        for i in range(num_iterations + 1):
            for l in range(1, L):
                product(Wb[l], A[l - 1], out=Z[l])
                _activate(activation, Z[l], A_top[l])
            product(Wb[L], A[L - 1], out=Z[L])
            _activate("sigmoid", Z[L], A_L)
            recording = i % record_every == 0 and (i < num_iterations or i == 0)
            if recording or i & (i - 1) == 0 or i == num_iterations:
                stable, naive = _costs(Z_L, A_L_stack, Y)
                if limit is None:
                    limit = DIVERGENCE_FACTOR * np.maximum(stable, math.log(2))
                bad = ~(stable <= limit)  # also true for nan
                if bad.any():
                    k = int(np.flatnonzero(bad)[0])
                    raise TrainingDiverged(i, _name(k, first_index, K) + diverged_message(
                        i, learning_rate, stable[k], limit[k] / DIVERGENCE_FACTOR))
                if recording:
                    iterations.append(i)
                    costs.append(stable)
                    naive_costs.append(naive)
                    if progress is not None:
                        progress(i, num_iterations)
                if i == num_iterations:
                    break
            elif i & 15 == 0 and not math.isfinite(Z_L.sum()):
                k = int(np.flatnonzero(~np.isfinite(Z_L).all(axis=(1, 2)))[0])
                raise TrainingDiverged(i, _name(k, first_index, K)
                                       + diverged_message(i, learning_rate))
            # backward, every gradient already multiplied by the learning rate
            np.subtract(A_L, Y, out=dZ[L])
            dZ[L] *= step
            for l in range(L, 0, -1):
                product(dZ[l], A_T[l - 1], out=dWb[l])
                if l > 1:
                    product(flip(Wb[l]), dZ[l], out=dA[l - 1])
                    _error_below(activation, A_top[l - 1], dA_top[l - 1], scratch[l - 1],
                                 dZ[l - 1])
            for l in range(1, L + 1):
                Wb[l] -= dWb[l]

    params = [{} for _ in range(K)]
    for l in range(1, L + 1):
        for k in range(K):
            params[k][f"W{l}"] = Wb_stack[l][k, :, :-1].copy()
            params[k][f"b{l}"] = Wb_stack[l][k, :, -1:].copy()
    return params, iterations, costs, naive_costs, stable


def _name(k, first_index, K):
    return "" if K == 1 and first_index == 0 else f"network {k + first_index}: "
