"""The fast gradient-descent loop behind ``train`` and ``train_many``. Not course material.

Read ``network.py`` to learn how a network trains; this module does exactly the same
arithmetic, faster. It is private: its interface may change without notice.

It trains a *stack* of K networks of one shape at once (K = 1 for ``train``): layer l's
weights are an array (K, n_l, n_{l-1}), so one numpy call does the work of K networks. For
networks as small as the course's, time goes into the number of numpy calls rather than into
arithmetic, so the loop keeps every array allocated once and works in place:

* all weights and biases of a network live in one flat buffer, and all their gradients in
  another, so the update ``W_l - learning_rate * dW_l`` of every layer is two numpy calls
  (momentum and Adam keep their memory in flat buffers of the same shape);
* the cost is computed only at the iterations that record it and, to catch divergence, at
  iterations 1, 2, 4, 8, ... and every ``CHECK_EVERY``-th one;
* backward writes g'(Z_{l-1}) straight into dZ_{l-1}'s array and multiplies it by dA_{l-1}
  there, and every dA_{l-1} shares one scratch array (it is read once, right away): fewer
  arrays to stream through the cache.

Every operation is the one ``forward``, ``backward`` and ``update_parameters`` (or the
updates of ``optimizers.py``) perform, on the same operands in the same order
(``np.dot(W, A) + b``, ``1/m * (A_L - Y)``, ``np.dot(dZ, A.T)``, ``np.sum(dZ, axis=1)``, ...),
so the results are equal to the last bit;
the tests check that with ``np.array_equal``.
"""

import math

import numpy as np

from .activations import ACTIVATIONS, derivative
from .divergence import DIVERGENCE_FACTOR, TrainingDiverged, diverged_message
from .network import labels, losses_from_logits, losses_naive, output_activation, predictions

CHECK_EVERY = 64  # iterations between two divergence checks


class _Stack:
    """Parameters, gradients and work arrays of K networks with layer sizes ``dims``."""

    def __init__(self, initial, dims, m):
        K, L = len(initial), len(dims) - 1
        self.K, self.L = K, L
        sizes = [dims[l] * dims[l - 1] + dims[l] for l in range(1, L + 1)]
        self.flat = np.empty((K, sum(sizes)))         # every W_l and b_l of each network
        self.flat_grad = np.empty_like(self.flat)     # every dW_l and db_l
        self.W, self.b, self.dW, self.db = [None], [None], [None], [None]
        start = 0
        for l in range(1, L + 1):
            n, n_prev = dims[l], dims[l - 1]
            w, b = slice(start, start + n * n_prev), slice(start + n * n_prev, start + sizes[l - 1])
            for buffer, Ws, bs in ((self.flat, self.W, self.b), (self.flat_grad, self.dW, self.db)):
                Ws.append(buffer[:, w].reshape(K, n, n_prev))
                bs.append(buffer[:, b].reshape(K, n, 1))
            self.W[l][...] = [p[f"W{l}"] for p in initial]
            self.b[l][...] = [p[f"b{l}"] for p in initial]
            start += sizes[l - 1]
        self.Z = [None] + [np.empty((K, n, m)) for n in dims[1:]]
        self.A = [None] + [np.empty((K, n, m)) for n in dims[1:]]
        self.dZ = [None] + [np.empty((K, n, m)) for n in dims[1:]]
        # dA_l is used once, right after it is computed: one scratch buffer serves every layer
        scratch = np.empty(K * max(dims[1:L], default=0) * m)
        self.dA = [None] + [scratch[:K * n * m].reshape(K, n, m) for n in dims[1:L]]

    def params(self, k):
        """Network k's parameters as a dict of fresh arrays."""
        out = {}
        for l in range(1, self.L + 1):
            out[f"W{l}"], out[f"b{l}"] = self.W[l][k].copy(), self.b[l][k].copy()
        return out


def run_gradient_descent(X, Y, dims, initial, learning_rate, num_iterations, hidden_activation,
                         record_every, first_index=0, progress=None,
                         optimizer=("gradient_descent", {})):
    """Train the networks ``initial`` (a list of K parameter dicts) together.

    Arguments are as for ``train`` and are not checked here (``train_many`` checks them);
    ``optimizer`` is the ``(name, settings)`` pair of ``optimizers.valid_optimizer``.
    ``first_index`` numbers the first network in error messages when the stack is part of a
    larger batch; ``progress(iteration, num_iterations)`` is called at every recorded iteration.

    Returns
    -------
    params : list of K dicts
    iterations : list of int
    costs, naive_costs, accuracies : list of ndarray (K,)
        At each recorded iteration, every network's cost (from the logits, and naive) and its
        accuracy on (X, Y).
    final_costs : ndarray (K,)
    """
    K, L, m = len(initial), len(dims) - 1, X.shape[1]
    s = _Stack(initial, dims, m)
    W, b, dW, db, Z, A, dZ, dA = s.W, s.b, s.dW, s.db, s.Z, s.A, s.dZ, s.dA
    A_prev = [X] + A[1:]
    A_prev_T = [X.T] + [a.transpose(0, 2, 1) for a in A[1:]]
    W_T = [None] + [w.transpose(0, 2, 1) for w in W[1:]]
    product = np.matmul
    if K == 1:  # one network: 2-d views and np.dot, which cost less per call than matmul
        def first(arrays):
            return [a if a is None or a.ndim == 2 else a[0] for a in arrays]

        W, b, dW, db, Z, A, dZ, dA = map(first, (W, b, dW, db, Z, A, dZ, dA))
        A_prev, A_prev_T, W_T = first(A_prev), first(A_prev_T), first(W_T)
        product = np.dot
    activate = ACTIVATIONS[hidden_activation]
    output = _sigmoid if dims[-1] == 1 else output_activation
    one_over_m = 1.0 / m
    iterations, costs, naive_costs, accuracies = [], [], [], []
    limit = None
    true_class = labels(Y)
    update = _updater(s, learning_rate, *optimizer)

    with np.errstate(over="ignore", invalid="ignore"):  # divergence is caught below
        for i in range(num_iterations + 1):
            # forward: Z_l = W_l A_{l-1} + b_l,  A_l = g(Z_l),  A_L = sigmoid or softmax of Z_L
            for l in range(1, L + 1):
                product(W[l], A_prev[l - 1], out=Z[l])
                Z[l] += b[l]
                (output if l == L else activate)(Z[l], out=A[l])

            recording = i % record_every == 0 and (i < num_iterations or i == 0)
            if recording or i % CHECK_EVERY == 0 or i & (i - 1) == 0 or i == num_iterations:
                if recording or i == num_iterations:
                    stable, naive = _costs(s.Z[L], s.A[L], Y)
                else:  # only watching for divergence: one vectorised call is enough
                    stable = losses_from_logits(s.Z[L], Y).mean(axis=(1, 2))
                if limit is None:
                    limit = DIVERGENCE_FACTOR * np.maximum(stable, math.log(2))
                bad = ~(stable <= limit)  # also true for nan
                if bad.any():
                    k = int(np.flatnonzero(bad)[0])
                    raise TrainingDiverged(i, _name(k, first_index, K) + diverged_message(
                        i, learning_rate, stable[k], limit[k]))
                if recording:
                    iterations.append(i)
                    costs.append(stable)
                    naive_costs.append(naive)
                    accuracies.append(np.mean(predictions(s.A[L]) == true_class, axis=(1, 2)))
                    if progress is not None:
                        progress(i, num_iterations)
                if i == num_iterations:
                    break

            # backward: dZ_L = 1/m (A_L - Y);  dW_l = dZ_l A_{l-1}^T;  db_l = sum of dZ_l's columns;
            # dZ_{l-1} = (W_l^T dZ_l) * g'(Z_{l-1})
            np.subtract(A[L], Y, out=dZ[L])
            dZ[L] *= one_over_m
            for l in range(L, 0, -1):
                product(dZ[l], A_prev_T[l - 1], out=dW[l])
                np.add.reduce(dZ[l], axis=-1, keepdims=True, out=db[l])  # np.sum, fewer layers
                if l > 1:
                    if dims[l] == 1:  # one unit: an outer product, one multiplication each
                        np.multiply(W_T[l], dZ[l], out=dA[l - 1])
                    else:
                        product(W_T[l], dZ[l], out=dA[l - 1])
                    # g'(Z_{l-1}) is written into dZ_{l-1}, then multiplied by dA_{l-1} in place
                    slope = derivative(hidden_activation, Z[l - 1], A[l - 1], out=dZ[l - 1])
                    np.multiply(dA[l - 1], slope, out=slope)

            # update, all layers at once: W_l <- W_l - learning_rate * dW_l (and b_l), or the
            # optimizer's step
            update()

    params = [s.params(k) for k in range(K)]
    return params, iterations, costs, naive_costs, accuracies, stable


def _updater(s, learning_rate, name, settings):
    """The update step of optimizer ``name`` on the flat buffers of stack ``s``, in place.

    Each line is one operation of the matching function in ``optimizers.py``, in its order.
    """
    P, dP = s.flat, s.flat_grad
    mul, sub, add, div = np.multiply, np.subtract, np.add, np.divide
    if name == "gradient_descent":
        def update():  # P <- P - learning_rate * dP
            sub(P, mul(dP, learning_rate, out=dP), out=P)
        return update

    if name == "momentum":
        V, beta = np.zeros_like(P), settings["beta"]

        def update():  # V <- beta * V - learning_rate * dP;  P <- P + V
            sub(mul(V, beta, out=V), mul(dP, learning_rate, out=dP), out=V)
            add(P, V, out=P)
        return update

    M, S, step, hat = np.zeros_like(P), np.zeros_like(P), np.empty_like(P), np.empty_like(P)
    beta1, beta2, epsilon = settings["beta1"], settings["beta2"], settings["epsilon"]
    t = 0

    def update():  # adam
        nonlocal t
        t += 1
        add(mul(M, beta1, out=M), mul(1 - beta1, dP, out=step), out=M)  # M <- b1 M + (1-b1) dP
        mul(mul(dP, dP, out=step), 1 - beta2, out=step)                  # (1 - b2) dP**2
        add(mul(S, beta2, out=S), step, out=S)                           # S <- b2 S + ...
        mul(div(M, 1 - beta1**t, out=step), learning_rate, out=step)     # lr * M_hat
        add(np.sqrt(div(S, 1 - beta2**t, out=hat), out=hat), epsilon, out=hat)  # sqrt(S_hat)+eps
        sub(P, div(step, hat, out=step), out=P)                          # P <- P - lr M_hat / ..
    return update


def _sigmoid(Z, out):
    """``activations.sigmoid``'s four operations, in place, without its ``np.errstate``: the
    loop runs inside one already, and for a small network entering it costs as much as them."""
    np.negative(Z, out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.divide(1.0, out, out=out)


def _costs(Z_L, A_L, Y):
    """Each network's cost from the logits and naive: two arrays of shape (K,).

    The arithmetic of ``cross_entropy_from_logits`` (whose label check was done once, before
    training) on the whole stack: the classes are summed one row after another and each
    network's m losses are averaged over its own contiguous row, as for one network alone, so
    the recorded costs are bit for bit those of the textbook loop.
    """
    stable = losses_from_logits(Z_L, Y).mean(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = losses_naive(A_L, Y).mean(axis=(1, 2))
    return stable, naive


def _name(k, first_index, K):
    return "" if K == 1 and first_index == 0 else f"network {k + first_index}: "
