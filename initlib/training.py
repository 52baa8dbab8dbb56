"""Full-batch gradient descent: ``train`` for one network, ``train_many`` for a sweep.

Both do exactly what ``forward``, ``backward`` and ``update_parameters`` (or momentum's or
Adam's update, ``optimizers.py``) do, step after step (``plain_training_loop`` at the bottom
is that loop, written plainly), with the same results to the last bit; they get there faster
through the private in-place loop of ``_engine.py``.
``train_many`` trains K networks of the same shape at once: their weights are stacked into
arrays of shape (K, n_l, n_{l-1}), so one numpy call does the work of K; each network still
follows exactly its own gradient descent, bit for bit as if it were trained alone.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from ._engine import run_gradient_descent
from .activations import HIDDEN_ACTIVATIONS
from .divergence import TrainingDiverged
from .initializers import initialize_parameters
from .network import _backward_with_errors, _forward, losses_from_logits
from .optimizers import adam_update, gradient_descent_update, momentum_update, valid_optimizer
from .validation import (
    valid_choice,
    valid_count,
    valid_layer_dims,
    valid_number,
    valid_params,
    valid_X,
    valid_Y,
)

__all__ = ["TrainResult", "TrainingDiverged", "train", "train_many", "plain_training_loop"]

CONFIG_KEYS = ("initialization", "scale", "distribution", "rng")  # or "params" alone


@dataclass
class TrainResult:
    """What ``train`` returns.

    Attributes
    ----------
    params : dict
        The trained ``W1, b1, ..., WL, bL``.
    iterations : list of int
        The iterations at which the cost was recorded (0 included).
    costs, accuracies : list of float
        Cross-entropy at those iterations, from the logits (always finite), and accuracy on
        the training data.
    naive_costs : list of float
        The cost from the output probabilities, as textbooks do (``inf`` once the sigmoid or
        softmax saturates on a wrong answer).
    final_cost : float
        Cost of the trained parameters (after the last update).
    initial_params : dict
        The parameters before training.
    hidden_activation : str
    settings : dict
        The other arguments (and the optimizer's settings) the network was trained with.
    """

    params: dict
    iterations: list
    costs: list
    naive_costs: list
    accuracies: list
    final_cost: float
    initial_params: dict
    hidden_activation: str = "relu"
    settings: dict = field(default_factory=dict)

    def iterations_to_reach(self, target):
        """First recorded iteration whose cost is at most ``target``, or None if never."""
        return _first(self.iterations, [c <= target for c in self.costs])

    def iterations_to_accuracy(self, target):
        """First recorded iteration whose training accuracy is at least ``target``, or None."""
        return _first(self.iterations, [a >= target for a in self.accuracies])


def _first(iterations, hits):
    return next((i for i, hit in zip(iterations, hits, strict=True) if hit), None)


def _check_inputs(X, Y, layer_dims, learning_rate, num_iterations, hidden_activation,
                  record_every):
    dims = valid_layer_dims(layer_dims)
    X = valid_X(X, dims[0])
    if isinstance(Y, np.ndarray) and Y.ndim == 2 and (Y.shape[0] == 1) != (dims[-1] == 1):
        raise ValueError(
            f"layer_dims ends with {dims[-1]} but Y has {Y.shape[0]} row(s): one sigmoid unit "
            f"takes (1, m) 0/1 labels, a softmax over n classes one-hot (n, m) labels; end "
            f"layer_dims with {Y.shape[0]}")
    return (X, valid_Y(Y, X.shape[1], n_classes=dims[-1]), dims,
            valid_number("learning_rate", learning_rate, minimum=0, strict=True),
            valid_count("num_iterations", num_iterations, minimum=0),
            valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS),
            valid_count("record_every", record_every, minimum=1))


def train(X, Y, layer_dims, initialization="he", *, scale=None, learning_rate=0.01,
          num_iterations=15000, hidden_activation="relu", rng=None, record_every=1000,
          distribution="normal", progress=None, optimizer="gradient_descent", params=None):
    """Initialize a network and train it with full-batch gradient descent (notebooks 01, 02, 04).

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m) of 0/1 labels, or one-hot (n_L, m)
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``: the last layer is one sigmoid unit (n_L = 1, 0/1 labels) or
        a softmax over n_L >= 2 classes (one-hot labels).
    initialization, scale, distribution, rng
        Passed to ``initialize_parameters``.
    params : dict, optional
        Start from these parameters instead (e.g. a framework default or LSUV); then
        ``initialization`` and its options must be left at their defaults.
    learning_rate : float > 0
    num_iterations : int >= 0, the number of updates
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}
    record_every : int >= 1
        The cost is recorded at iterations 0, record_every, 2 * record_every, ... before
        that iteration's update (as in the classic exercise: 0, 1000, ..., 14000).
    progress : callable, optional
        Called as ``progress(iteration, num_iterations)`` whenever the cost is recorded.
    optimizer : str or dict, default "gradient_descent"
        ``"gradient_descent"``, ``"momentum"`` or ``"adam"``, or a dict with a ``"name"`` and
        settings, e.g. ``{"name": "momentum", "beta": 0.5}`` (see ``optimizers.py``).

    Returns
    -------
    TrainResult

    Raises
    ------
    TrainingDiverged
        If the outputs become inf or nan, or the cost grows past ten times its starting value
        (checked at iterations 1, 2, 4, 8, ... and when recorded), naming the iteration.
    """
    config = dict(initialization=initialization, scale=scale, rng=rng, distribution=distribution)
    if params is not None:
        if (initialization, scale, rng, distribution) != ("he", None, None, "normal"):
            raise ValueError("give either params or initialization (with scale, rng, "
                             "distribution), not both")
        config = {"params": params}
    return train_many(X, Y, layer_dims, [config], learning_rate=learning_rate,
                      num_iterations=num_iterations, hidden_activation=hidden_activation,
                      record_every=record_every, threads=1, progress=progress,
                      optimizer=optimizer)[0]


def train_many(X, Y, layer_dims, configs, *, learning_rate=0.01, num_iterations=15000,
               hidden_activation="relu", record_every=1000, threads=None, progress=None,
               optimizer="gradient_descent"):
    """Train one network per entry of ``configs``, all at once (notebooks 01, 02, 03, 04, 06).

    Parameters
    ----------
    X, Y, layer_dims
        As for ``train``.
    configs : list of dict
        One dict per network with any of the keys ``"initialization"`` (default "he"),
        ``"scale"``, ``"distribution"`` and ``"rng"``, exactly as ``train`` takes them; or
        with the one key ``"params"``, starting parameters made elsewhere (a framework's
        default, LSUV), of the shapes ``layer_dims`` gives. Give each network its own seed
        (an int, or a fresh generator) for reproducible results.
    learning_rate, num_iterations, hidden_activation, record_every, optimizer
        As for ``train``; shared by every network.
    threads : int, optional
        How many threads share the work (at most one per 8 networks); no result depends on
        it. By default one per core, with at least 32 networks each: with fewer, numpy's
        per-call overhead, which holds Python's lock, eats the gain (``make bench``).
    progress : callable, optional
        As for ``train`` (called by the first chunk of networks only).

    Returns
    -------
    list of TrainResult
        ``results[k]`` equals ``train(X, Y, layer_dims, **configs[k], ...)``.

    Raises
    ------
    TrainingDiverged
        Naming the network (its index in ``configs``) and the iteration.
    """
    X, Y, dims, lr, n_iter, hidden_activation, record_every = _check_inputs(
        X, Y, layer_dims, learning_rate, num_iterations, hidden_activation, record_every)
    if not isinstance(configs, (list, tuple)) or not configs:
        raise TypeError(f"configs must be a non-empty list of dicts; got {configs!r:.60}")
    for k, config in enumerate(configs):
        if not isinstance(config, dict):
            raise TypeError(f"configs[{k}] must be a dict; got {type(config).__name__}")
        if "params" in config:
            if len(config) > 1:
                raise ValueError(f"configs[{k}] gives 'params', so it may hold no other key; "
                                 f"got {sorted(config)}")
            L = valid_params(config["params"])
            shapes = [config["params"][f"W{l}"].shape for l in range(1, L + 1)]
            needed = [(dims[l], dims[l - 1]) for l in range(1, len(dims))]
            if shapes != needed:
                raise ValueError(f"configs[{k}]['params'] has weight shapes {shapes}; "
                                 f"layer_dims={dims} needs {needed}")
            continue
        unknown = set(config) - set(CONFIG_KEYS)
        if unknown:
            raise ValueError(f"configs[{k}] has unknown keys {sorted(unknown)}; "
                             f"allowed: {list(CONFIG_KEYS)} or 'params' alone")
    optimizer = valid_optimizer(optimizer)
    if threads is None:
        threads = max(1, min(os.cpu_count() or 1, len(configs) // 32))
    threads = valid_count("threads", threads, minimum=1)
    initial = [
        {key: value.copy() for key, value in c["params"].items()} if "params" in c else
        initialize_parameters(dims, c.get("initialization", "he"), scale=c.get("scale"),
                              distribution=c.get("distribution", "normal"), rng=c.get("rng"))
        for c in configs
    ]

    # The networks are independent, so the stack can be cut into chunks trained in parallel
    # threads (numpy releases the GIL inside its loops); the chunking changes no result.
    n_chunks = min(threads, max(1, len(configs) // 8))
    bounds = np.linspace(0, len(configs), n_chunks + 1).astype(int).tolist()
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a function or None; got {type(progress).__name__}")

    def run(lo, hi):
        return run_gradient_descent(X, Y, dims, initial[lo:hi], lr, n_iter, hidden_activation,
                                    record_every, first_index=lo,
                                    progress=progress if lo == 0 else None, optimizer=optimizer)

    spans = list(zip(bounds[:-1], bounds[1:], strict=True))
    if n_chunks == 1:
        outcomes = [run(lo, hi) for lo, hi in spans]
    else:
        with ThreadPoolExecutor(n_chunks) as pool:
            outcomes = [f.result() for f in [pool.submit(run, lo, hi) for lo, hi in spans]]

    results = []
    for (lo, _), (params, iterations, costs, naive, accuracies, final) in zip(spans, outcomes,
                                                                           strict=True):
        for j, trained in enumerate(params):
            config = configs[lo + j]
            results.append(TrainResult(
                params=trained,
                iterations=list(iterations),
                costs=[float(c[j]) for c in costs],
                naive_costs=[float(c[j]) for c in naive],
                accuracies=[float(a[j]) for a in accuracies],
                final_cost=float(final[j]),
                initial_params=initial[lo + j],
                hidden_activation=hidden_activation,
                settings={"layer_dims": dims, "learning_rate": lr, "num_iterations": n_iter,
                          "optimizer": optimizer[0], **optimizer[1],
                          **{key: config[key] for key in config if key not in ("rng", "params")}},
            ))
    return results


def plain_training_loop(X, Y, params, learning_rate, num_iterations, hidden_activation="relu",
                        record_every=1000, optimizer="gradient_descent"):
    """The textbook loop, one readable step at a time; ``train`` gives the same bits, faster.

    Each iteration is ``forward``, ``backward`` and one step of the optimizer
    (``gradient_descent_update``, ``momentum_update`` or ``adam_update``); the arguments are
    checked once, here, not at every step.

    Returns
    -------
    params : dict
        The trained parameters.
    costs : list of float
        The cost (from the logits) at iterations 0, record_every, ... before that iteration's
        update, as ``train`` records it.
    """
    L = valid_params(params)
    dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, L + 1)]
    X, Y, _, learning_rate, num_iterations, hidden_activation, record_every = _check_inputs(
        X, Y, dims, learning_rate, num_iterations, hidden_activation, record_every)
    name, settings = valid_optimizer(optimizer)
    costs = []
    velocity = first_moment = second_moment = {k: np.zeros_like(P) for k, P in params.items()}
    for i in range(num_iterations):
        A_L, cache = _forward(X, params, hidden_activation)
        if i % record_every == 0:
            costs.append(float(np.mean(losses_from_logits(cache["Z"][-1], Y))))
        grads, _ = _backward_with_errors(Y, cache)
        if name == "momentum":
            params, velocity = momentum_update(params, grads, velocity, learning_rate,
                                               **settings)
        elif name == "adam":
            params, first_moment, second_moment = adam_update(
                params, grads, first_moment, second_moment, i + 1, learning_rate, **settings)
        else:
            params = gradient_descent_update(params, grads, learning_rate)
    return params, costs
