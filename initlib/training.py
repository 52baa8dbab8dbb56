"""Full-batch gradient descent, the loop every notebook runs.

``train`` does exactly what ``forward``, ``backward`` and ``update_parameters`` do, in the
same order and with the same arithmetic, so its results are identical to the plain loop
shown in the notebooks. It is faster because it allocates every array once and then works
in place, and because it computes the cost only at the iterations it records.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .initializers import initialize_parameters
from .network import HIDDEN_ACTIVATIONS, cross_entropy, cross_entropy_from_logits, forward
from .validation import (
    check_choice,
    check_count,
    check_layer_dims,
    check_number,
    check_X,
    check_Y,
)


class TrainingDiverged(FloatingPointError):
    """Raised when gradient descent blows up (the outputs become inf or nan)."""

    def __init__(self, iteration, message):
        super().__init__(message)
        self.iteration = iteration


@dataclass
class TrainResult:
    """What ``train`` returns.

    Attributes
    ----------
    params : dict
        The trained ``W1, b1, ..., WL, bL``.
    iterations : list of int
        The iterations at which the cost was recorded (0 included).
    costs : list of float
        Cross-entropy at those iterations, computed from the logits (always finite).
    naive_costs : list of float
        The same cost computed from the sigmoid output, as textbooks do (``inf`` once the
        sigmoid saturates on a wrong answer).
    final_cost : float
        Cost of the trained parameters (after the last update).
    initial_params : dict
        The parameters before training.
    """

    params: dict
    iterations: list
    costs: list
    naive_costs: list
    final_cost: float
    initial_params: dict
    hidden_activation: str = "relu"
    settings: dict = field(default_factory=dict)

    def iterations_to_reach(self, target):
        """First recorded iteration whose cost is at most ``target``, or None if never."""
        for it, c in zip(self.iterations, self.costs, strict=True):
            if c <= target:
                return it
        return None


def _activate(name, Z, out):
    """Write g(Z) into ``out`` for hidden activation ``name``."""
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


def _times_derivative(name, A, dZ, scratch):
    """Multiply ``dZ`` in place by g'(Z) for hidden activation ``name``, given A = g(Z)."""
    if name == "relu":
        np.greater(A, 0.0, out=scratch)
        dZ *= scratch
    elif name == "tanh":
        np.multiply(A, A, out=scratch)
        np.subtract(1.0, scratch, out=scratch)
        dZ *= scratch
    elif name == "sigmoid":
        np.subtract(1.0, A, out=scratch)
        scratch *= A
        dZ *= scratch


def check_training_inputs(X, Y, layer_dims, learning_rate, num_iterations, record_every):
    """Validate the arguments shared by ``train`` and ``train_many``; return them cleaned."""
    dims = check_layer_dims(layer_dims)
    if dims[-1] != 1:
        raise ValueError(
            f"layer_dims must end with 1 (one sigmoid output unit for 0/1 labels); got {dims}"
        )
    X = check_X(X, dims[0])
    Y = check_Y(Y, X.shape[1])
    learning_rate = check_number("learning_rate", learning_rate, positive=True, allow_zero=False)
    num_iterations = check_count("num_iterations", num_iterations, minimum=0)
    record_every = check_count("record_every", record_every, minimum=1)
    return X, Y, dims, learning_rate, num_iterations, record_every


DIVERGENCE_FACTOR = 10.0  # a cost this many times its starting value means divergence


def diverged_message(iteration, learning_rate, cost=None, cost0=None):
    if cost is None:
        what = "the output pre-activations became inf or nan"
    else:
        what = (f"the cost rose to {cost:.4g}, more than {DIVERGENCE_FACTOR:g} times its "
                f"starting value {cost0:.4g}")
    return (
        f"training diverged at iteration {iteration}: {what}. Each gradient step overshoots "
        f"and makes things worse: the learning rate ({learning_rate:g}) is too large for this "
        f"network and initialization; try a smaller learning_rate (0.01 works for the "
        f"course's network)."
    )


def is_checkpoint(i):
    """Iterations 1, 2, 4, 8, ... at which training checks that the cost is not exploding."""
    return i & (i - 1) == 0


def train(
    X,
    Y,
    layer_dims,
    initialization="he",
    *,
    scale=None,
    learning_rate=0.01,
    num_iterations=15000,
    hidden_activation="relu",
    rng=None,
    record_every=1000,
    distribution="normal",
):
    """Initialize a network and train it with full-batch gradient descent.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m), 0/1 labels
    layer_dims : list of int
        ``[n_0, n_1, ..., 1]``; the last layer is one sigmoid unit.
    initialization, scale, distribution, rng
        Passed to ``initialize_parameters``.
    learning_rate : float > 0
    num_iterations : int >= 0
        Number of gradient-descent updates.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}
    record_every : int >= 1
        The cost is recorded at iterations 0, record_every, 2 * record_every, ... before
        that iteration's update (as in the classic exercise: 0, 1000, ..., 14000).

    Returns
    -------
    TrainResult

    Raises
    ------
    TrainingDiverged
        If the outputs become inf or nan; the message names the iteration.
    """
    X, Y, dims, lr, n_iter, record_every = check_training_inputs(
        X, Y, layer_dims, learning_rate, num_iterations, record_every
    )
    g = check_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    params = initialize_parameters(
        dims, initialization, scale=scale, distribution=distribution, rng=rng
    )
    initial = {k: v.copy() for k, v in params.items()}
    L, m = len(dims) - 1, X.shape[1]

    W = [None] + [params[f"W{l}"] for l in range(1, L + 1)]  # updated in place
    b = [None] + [params[f"b{l}"] for l in range(1, L + 1)]
    Z = [None] + [np.empty((n, m)) for n in dims[1:]]
    A = [X] + [np.empty((n, m)) for n in dims[1:]]
    dZ = [None] + [np.empty((n, m)) for n in dims[1:]]
    scratch = [None] + [np.empty((n, m)) for n in dims[1:]]
    dW = [None] + [np.empty_like(w) for w in W[1:]]
    db = [None] + [np.empty_like(v) for v in b[1:]]
    inv_m = 1.0 / m
    iterations, costs, naive_costs = [], [], []

    with np.errstate(over="ignore"):
        for i in range(n_iter + 1):
            # forward
            for l in range(1, L + 1):
                np.dot(W[l], A[l - 1], out=Z[l])
                Z[l] += b[l]
                if l < L:
                    _activate(g, Z[l], A[l])
            _activate("sigmoid", Z[L], A[L])
            if not math.isfinite(Z[L].sum()):
                raise TrainingDiverged(i, diverged_message(i, lr))
            recording = i % record_every == 0 and (i < n_iter or i == 0)
            if recording or is_checkpoint(i):
                cost = cross_entropy_from_logits(Z[L], Y)
                if i == 0:
                    limit = DIVERGENCE_FACTOR * max(cost, math.log(2))
                elif cost > limit:
                    cost0 = limit / DIVERGENCE_FACTOR
                    raise TrainingDiverged(i, diverged_message(i, lr, cost, cost0))
                if recording:
                    iterations.append(i)
                    costs.append(cost)
                    naive_costs.append(cross_entropy(A[L], Y))
            if i == n_iter:
                final_cost = cross_entropy_from_logits(Z[L], Y)
                break
            # backward
            np.subtract(A[L], Y, out=dZ[L])
            dZ[L] *= inv_m
            for l in range(L, 0, -1):
                np.dot(dZ[l], A[l - 1].T, out=dW[l])
                np.sum(dZ[l], axis=1, keepdims=True, out=db[l])
                if l > 1:
                    np.dot(W[l].T, dZ[l], out=dZ[l - 1])
                    _times_derivative(g, A[l - 1], dZ[l - 1], scratch[l - 1])
            # update
            for l in range(1, L + 1):
                dW[l] *= lr
                W[l] -= dW[l]
                db[l] *= lr
                b[l] -= db[l]

    return TrainResult(
        params=params,
        iterations=iterations,
        costs=costs,
        naive_costs=naive_costs,
        final_cost=final_cost,
        initial_params=initial,
        hidden_activation=g,
        settings={
            "layer_dims": dims,
            "initialization": initialization,
            "scale": scale,
            "learning_rate": lr,
            "num_iterations": n_iter,
        },
    )


def plain_training_loop(X, Y, params, learning_rate, num_iterations, hidden_activation="relu"):
    """The textbook loop, one readable step at a time (used to check ``train``).

    Returns the trained parameters. Same arithmetic as ``train``, without its buffers.
    """
    from .network import backward, update_parameters

    for _ in range(num_iterations):
        _, cache = forward(X, params, hidden_activation)
        grads = backward(Y, cache)
        params = update_parameters(params, grads, learning_rate)
    return params
