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
(K, n_l, n_{l-1}), so one numpy call does the work of K networks. Every array of the loop is
allocated once and filled in place (``_Stacks``), each step one operation of the formulas
above on the same operands in the same order: the results are those of the formulas written
with fresh arrays, to the last bit.
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


def _views(buffer, shapes):
    """Views of the start of one flat ``buffer``, one per shape (a scratch array reused)."""
    return [buffer[:math.prod(shape)].reshape(shape) for shape in shapes]


class _Stacks:
    """K stacks of one shape: their parameters and gradients in flat buffers (K, P), and every
    array of the forward and backward passes allocated once, then filled in place.

    Each operation below is one of the plain formulas in the module's docstring, on the same
    operands in the same order as written there, so the in-place loop and the formulas agree
    to the last bit; only the time changes (no fresh arrays, fewer numpy calls).
    """

    def __init__(self, X, params_list, residual, normalized, branch_scale):
        K, m, L = len(params_list), X.shape[1], len(params_list[0]) // 2
        self.X, self.L, self.residual, self.normalized = X, L, residual, normalized
        self.scale = branch_scale  # 1.0 multiplies nothing: x * 1.0 is x, bit for bit
        shapes = [params_list[0][f"W{l}"].shape for l in range(1, L + 1)]
        sizes = [n * n_prev + n for n, n_prev in shapes]
        self.flat, self.flat_grad = np.empty((K, sum(sizes))), np.empty((K, sum(sizes)))
        self.W, self.b, self.dW, self.db = [], [], [], []
        start = 0
        for l, ((n, n_prev), size) in enumerate(zip(shapes, sizes, strict=True)):
            w, b = slice(start, start + n * n_prev), slice(start + n * n_prev, start + size)
            for buffer, Ws, bs in ((self.flat, self.W, self.b), (self.flat_grad, self.dW, self.db)):
                Ws.append(buffer[:, w].reshape(K, n, n_prev))
                bs.append(buffer[:, b].reshape(K, n, 1))
            self.W[l][...] = [p[f"W{l + 1}"] for p in params_list]
            self.b[l][...] = [p[f"b{l + 1}"] for p in params_list]
            start += size
        self.W_T = [np.swapaxes(W, -1, -2) for W in self.W]
        hidden = [(K, n, m) for n, _ in shapes[:-1]]
        self.H = [X] + [np.empty(shape) for shape in hidden]     # H_0 = X, then each H_l
        self.H_T = [np.swapaxes(H, -1, -2) for H in self.H]
        self.Z = [np.empty(shape) for shape in hidden]           # what the ReLU reads
        self.G = [np.empty(shape) if residual and l > 0 else None for l, shape in enumerate(hidden)]
        self.s = [np.empty((K, n, 1)) for _, n, _ in hidden]     # the normalization's divisors
        self.logits, self.dZ_out = np.empty((K, 1, m)), np.empty((K, 1, m))
        most = K * max(n for n, _ in shapes) * m
        self.dH, self.dZ, self.dB, self.T = (_views(np.empty(most), hidden) for _ in range(4))
        self.mask = _views(np.empty(most, dtype=bool), hidden)
        self.mean, self.mean2 = (_views(np.empty(most // m), [s.shape for s in self.s])
                                 for _ in range(2))

    def params(self, k, keys):
        """Stack k's parameters ``keys`` (``"W1"``, ``"b1"``, ...) as a dict of fresh arrays."""
        return {key: (self.W if key[0] == "W" else self.b)[int(key[1:]) - 1][k].copy()
                for key in keys}

    def _normalize(self, source, l):
        """Z_l = (source - mean) / s, s = sqrt(mean((source - mean)^2) + EPS), over the batch."""
        Z, s, mean, square, m = self.Z[l], self.s[l], self.mean[l], self.T[l], source.shape[-1]
        np.divide(np.add.reduce(source, axis=-1, keepdims=True, out=mean), m, out=mean)
        np.subtract(source, mean, out=Z)
        np.add.reduce(np.multiply(Z, Z, out=square), axis=-1, keepdims=True, out=s)
        np.divide(s, m, out=s)
        s += EPS
        np.sqrt(s, out=s)
        np.divide(Z, s, out=Z)

    def forward(self):
        """The logits (K, 1, m) of every stack; every H_l, Z_l (and G_l) kept for backward."""
        H, Z, G, W, b = self.H, self.Z, self.G, self.W, self.b
        for l in range(self.L - 1):
            if l > 0 and self.residual:  # H_{l+1} = H_l + scale * (W G + b), G = g(norm(H_l))
                inner = H[l]
                if self.normalized:
                    self._normalize(H[l], l)
                    inner = Z[l]
                np.maximum(inner, 0, out=G[l])
                branch = np.matmul(W[l], G[l], out=self.T[l])
                branch += b[l]
                if self.scale != 1.0:
                    np.multiply(self.scale, branch, out=branch)
                np.add(H[l], branch, out=H[l + 1])
            else:  # H_{l+1} = g(W H_l + b), or g(norm(W H_l + b))
                np.matmul(W[l], H[l], out=Z[l])
                Z[l] += b[l]
                if self.normalized:
                    self._normalize(Z[l], l)
                np.maximum(Z[l], 0, out=H[l + 1])
        np.matmul(W[-1], H[-1], out=self.logits)
        self.logits += b[-1]
        return self.logits

    def _norm_backward(self, d, l):
        """d <- (d - mean(d) - N mean(d N)) / s, the gradient through Z_l = N = norm(...)."""
        N, mean, mean2, dN_N, m = self.Z[l], self.mean[l], self.mean2[l], self.T[l], d.shape[-1]
        np.divide(np.add.reduce(d, axis=-1, keepdims=True, out=mean), m, out=mean)
        np.add.reduce(np.multiply(d, N, out=dN_N), axis=-1, keepdims=True, out=mean2)
        np.divide(mean2, m, out=mean2)
        np.subtract(d, mean, out=d)
        np.subtract(d, np.multiply(N, mean2, out=dN_N), out=d)
        np.divide(d, self.s[l], out=d)

    def backward(self, dZ_out):
        """Every dW_l and db_l (in ``flat_grad``) from the gradient of the cost w.r.t. the
        logits, (K, 1, m), after ``forward``."""
        L, W_T, dW, db = self.L, self.W_T, self.dW, self.db
        np.matmul(dZ_out, self.H_T[-1], out=dW[-1])
        np.add.reduce(dZ_out, axis=-1, keepdims=True, out=db[-1])
        if L == 1:
            return
        dH = np.matmul(W_T[-1], dZ_out, out=self.dH[L - 2])
        for l in range(L - 2, -1, -1):
            inner = self.Z[l] if self.normalized or not (self.residual and l > 0) else self.H[l]
            mask = np.greater(inner, 0, out=self.mask[l])
            if l > 0 and self.residual:  # dH_l = dH_{l+1} + d(inner) of the branch
                d_branch = dH if self.scale == 1.0 else np.multiply(self.scale, dH, out=self.dB[l])
                np.matmul(d_branch, np.swapaxes(self.G[l], -1, -2), out=dW[l])
                np.add.reduce(d_branch, axis=-1, keepdims=True, out=db[l])
                d_inner = np.matmul(W_T[l], d_branch, out=self.dZ[l])
                np.multiply(d_inner, mask, out=d_inner)
                if self.normalized:
                    self._norm_backward(d_inner, l)
                np.add(dH, d_inner, out=dH)
            else:
                dZ = np.multiply(dH, mask, out=self.dZ[l])
                if self.normalized:
                    self._norm_backward(dZ, l)
                np.matmul(dZ, self.H_T[l], out=dW[l])
                np.add.reduce(dZ, axis=-1, keepdims=True, out=db[l])
                if l > 0:
                    dH = np.matmul(W_T[l], dZ, out=self.dH[l - 1])


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
    with np.errstate(over="ignore", invalid="ignore"):
        logits = _Stacks(X, [params], residual, normalized, branch_scale).forward()
    return sigmoid(logits[0])


def stack_gradients(X, Y, params, *, residual=False, normalized=False, branch_scale=1.0):
    """Cost (cross-entropy from the logits) and its gradients ``{"dW1": ..., "db1": ...}``."""
    L, X, branch_scale = _check(X, params, residual, branch_scale)
    Y = valid_Y(Y, X.shape[1])
    stacks = _Stacks(X, [params], residual, normalized, branch_scale)
    logits = stacks.forward()
    stacks.backward((sigmoid(logits) - Y) / X.shape[1])
    grads = {}
    for l in range(L):
        grads[f"dW{l + 1}"], grads[f"db{l + 1}"] = stacks.dW[l][0].copy(), stacks.db[l][0].copy()
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
    stacks = _Stacks(X, params_list, residual, normalized, branch_scale)
    alive, step = np.ones((K, 1)), np.empty((K, 1))
    iterations, costs, diverged_at, limit = [], [], [None] * K, None
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations + 1):
            logits = stacks.forward()
            if i % record_every == 0 or i == num_iterations:
                cost = losses_from_logits(logits, Y).mean(axis=(1, 2))
                if limit is None:
                    limit = 10 * np.maximum(cost, math.log(2))
                for k in np.flatnonzero(~(cost <= limit) & (alive[:, 0] > 0)):
                    diverged_at[k], alive[k] = i, 0.0
                if i % record_every == 0:
                    iterations.append(i)
                    costs.append(cost)
            if i == num_iterations:
                break
            dZ_out = sigmoid(logits, out=stacks.dZ_out)       # (sigmoid(logits) - Y) / m
            np.divide(np.subtract(dZ_out, Y, out=dZ_out), m, out=dZ_out)
            stacks.backward(dZ_out)
            # every W_l and b_l at once: P <- P - (learning_rate * alive) * dP; a diverged
            # network's step is 0 (or nan: it is frozen as diverged either way)
            np.multiply(learning_rate, alive, out=step)
            np.subtract(stacks.flat, np.multiply(step, stacks.flat_grad, out=stacks.flat_grad),
                        out=stacks.flat)
    return [StackRun(params=stacks.params(k, params_list[0]), iterations=list(iterations),
                     costs=[float(c[k]) for c in costs], diverged_at=diverged_at[k])
            for k in range(K)]


def stack_accuracy(X, Y, params, **options):
    """Share of the examples of ``X`` (n_0, m) whose label ``Y`` (1, m) the stack predicts

    Used in notebook 05.
    (output above 0.5 means 1). ``options`` are those of ``stack_output``."""
    return float(np.mean((stack_output(X, params, **options) > 0.5) == (np.asarray(Y) == 1)))
