"""Watching a network train: snapshots of its parameters, how far they move, how big the next
step is, and where the output errors stand (notebook 02)."""

import numpy as np

from .activations import HIDDEN_ACTIVATIONS
from .divergence import raise_if_outputs_blew_up
from .network import _backward_with_errors, _forward, _update, backward, forward
from .validation import valid_choice, valid_count, valid_number, valid_params, valid_X, valid_Y


def training_snapshots(X, Y, params, iterations, *, learning_rate=0.01,
                       hidden_activation="relu"):
    """The parameters of a training run at the chosen iterations (notebook 02).

    Runs the textbook loop, ``forward``, ``backward``, ``update_parameters``, which is what
    ``train`` does (to the last bit, only faster), and keeps a copy of the parameters after
    each iteration count in ``iterations``. Meant for looking closely at a few hundred steps.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m)
    params : dict
        The starting ``W1, b1, ..., WL, bL`` (left unchanged), e.g. ``result.initial_params``.
    iterations : list of int
        Increasing iteration counts >= 0; 0 is the starting point itself.
    learning_rate : float > 0
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}

    Returns
    -------
    list of dict
        ``snapshots[i]`` is the parameters after ``iterations[i]`` updates.

    Raises
    ------
    TrainingDiverged
        If the output pre-activations become inf or nan, naming the iteration.
    """
    valid_params(params)
    X = valid_X(X, params["W1"].shape[1])
    Y = valid_Y(Y, X.shape[1])
    learning_rate = valid_number("learning_rate", learning_rate, minimum=0, strict=True)
    hidden_activation = valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    if not isinstance(iterations, (list, tuple)) or not iterations:
        raise TypeError(f"iterations must be a non-empty list of ints; got {iterations!r:.60}")
    steps = [valid_count("iterations", i, minimum=0) for i in iterations]
    if any(b <= a for a, b in zip(steps[:-1], steps[1:], strict=True)):
        raise ValueError(f"iterations must increase strictly; got {list(iterations)}")
    current = {name: value.copy() for name, value in params.items()}
    snapshots = [current] if steps[0] == 0 else []
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
        for i in range(steps[-1]):
            _, cache = _forward(X, current, hidden_activation)
            raise_if_outputs_blew_up(i, cache["Z"][-1], learning_rate)
            current = _update(current, _backward_with_errors(Y, cache)[0], learning_rate)
            if i + 1 in steps:
                snapshots.append(current)
    return snapshots


def weight_movement(initial, final):
    """How far each weight matrix moved, absolute and relative to its start (notebook 02).

    Parameters
    ----------
    initial, final : dict
        Two parameter dicts of the same network (``W_l`` is (n_l, n_{l-1})).

    Returns
    -------
    absolute : list of float
        ``||W_l(final) - W_l(initial)||`` (Frobenius norm), for l = 1..L.
    relative : list of float
        The same divided by ``||W_l(initial)||``.
    """
    L = valid_params(initial)
    if valid_params(final) != L:
        raise ValueError("initial and final must have the same number of layers")
    absolute, relative = [], []
    for l in range(1, L + 1):
        start, end = initial[f"W{l}"], final[f"W{l}"]
        if start.shape != end.shape:
            raise ValueError(f"W{l} has shape {start.shape} in initial but {end.shape} in final")
        absolute.append(float(np.linalg.norm(end - start)))
        relative.append(absolute[-1] / float(np.linalg.norm(start)))
    return absolute, relative


def update_ratios(X, Y, params, learning_rate=0.01, hidden_activation="relu"):
    """Size of the next gradient step relative to the weights, layer by layer (notebooks 02 and 03).

    ``learning_rate * ||dW_l|| / ||W_l||``: the share by which the next update changes W_l.
    A common rule of thumb calls about 1e-3 healthy; much larger steps overshoot, much
    smaller ones leave the layer where it is.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m)
    params : dict
    learning_rate : float > 0
    hidden_activation : str

    Returns
    -------
    list of float, one per layer l = 1..L.
    """
    learning_rate = valid_number("learning_rate", learning_rate, minimum=0, strict=True)
    grads = backward(Y, forward(X, params, hidden_activation)[1])
    L = valid_params(params)
    return [learning_rate * float(np.linalg.norm(grads[f"dW{l}"]))
            / float(np.linalg.norm(params[f"W{l}"])) for l in range(1, L + 1)]


def output_errors(X, Y, params, hidden_activation="relu"):
    """Where the output error dZ_L = A_L - Y (per example, before the 1/m) stands (notebook 02).

    With a sigmoid output and the cross-entropy cost, each example's error is its output
    minus its label, between -1 and 1. A saturated output makes it either exactly 0 (right
    and sure: the example teaches nothing) or +-1 (wrong and sure: the same push however
    wrong the example is).

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    Y : ndarray, shape (1, m)
    params : dict
    hidden_activation : str

    Returns
    -------
    dict with the shares of the m examples whose error is
        ``"stuck_at_1"``: |A_L - Y| > 0.99 (wrong and saturated);
        ``"near_0"``: |A_L - Y| < 0.01 (right and saturated);
        ``"in_between"``: the rest, the examples whose error still says how wrong they are.
    """
    A_L = forward(X, params, hidden_activation)[0]
    error = np.abs(A_L - valid_Y(Y, A_L.shape[1]))
    stuck, near = float(np.mean(error > 0.99)), float(np.mean(error < 0.01))
    return {"stuck_at_1": stuck, "near_0": near, "in_between": 1.0 - stuck - near}
