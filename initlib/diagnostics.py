"""Looking inside a network: per-layer statistics and the symmetry measure.

Two questions the course keeps asking:

* Does the signal survive the trip through the layers? ``layer_statistics`` reports, for each
  layer, the spread of its activations and of its weight gradients, and how many units are
  dead (ReLU) or saturated (tanh, sigmoid).
* Did the initialization break the symmetry? ``count_distinct_units`` counts how many units
  of a layer really differ from each other.
"""

import numpy as np

from .activations import HIDDEN_ACTIVATIONS
from .divergence import TrainingDiverged, diverged_message
from .network import (
    _backward_with_errors,
    _forward,
    _update,
    backward,
    backward_with_errors,
    forward,
)
from .validation import (
    check_choice,
    check_count,
    check_layer_dims,
    check_number,
    check_params,
    check_rng,
    check_X,
    check_Y,
)


def count_distinct_units(params, tol=1e-10):
    """Number of genuinely different units in each layer.

    Two units of layer l compute the same function when their incoming weights (rows of
    ``W_l``) and biases are equal; they are counted as one. Rows are compared with a
    tolerance ``tol`` relative to the largest weight of the layer.

    Parameters
    ----------
    params : dict
        ``W1, b1, ..., WL, bL``; ``W_l`` is (n_l, n_{l-1}).
    tol : float, default 1e-10

    Returns
    -------
    list of int
        One count per layer, from layer 1 to layer L. A layer of n_l units that starts with
        all-equal weights reports 1, and keeps reporting 1 however long it trains.
    """
    L = check_params(params)
    tol = check_number("tol", tol, minimum=0)
    counts = []
    for l in range(1, L + 1):
        rows = np.hstack([params[f"W{l}"], params[f"b{l}"]])
        limit = tol * max(1.0, float(np.abs(rows).max()))
        representatives = []
        for row in rows:
            if not any(np.abs(row - r).max() <= limit for r in representatives):
                representatives.append(row)
        counts.append(len(representatives))
    return counts


def collapse_to_one_unit(params):
    """The equivalent network with one unit per layer, for a network whose layers are symmetric.

    When every unit of a layer has the same incoming weights and bias (as after a constant
    initialization), the n_{l-1} identical inputs of layer l add up, so unit l can be replaced
    by one unit whose weight is their sum. The result computes exactly the same function.

    Parameters
    ----------
    params : dict
        ``W1, b1, ..., WL, bL`` in which every layer's units are identical.

    Returns
    -------
    dict
        Parameters of an [n_0, 1, 1, ..., n_L] network: W1 is (1, n_0), W_l is (1, 1) (the last
        is (n_L, 1)).

    Raises
    ------
    ValueError
        If some hidden layer has more than one distinct unit.
    """
    counts = count_distinct_units(params)
    if any(c != 1 for c in counts[:-1]):
        raise ValueError(
            f"params must have one distinct unit per hidden layer; counts are {counts}"
        )
    L = len(counts)
    small = {"W1": params["W1"][:1].copy(), "b1": params["b1"][:1].copy()}
    for l in range(2, L + 1):
        rows = params[f"W{l}"] if l == L else params[f"W{l}"][:1]
        small[f"W{l}"] = rows.sum(axis=1, keepdims=True)
        small[f"b{l}"] = (params[f"b{l}"] if l == L else params[f"b{l}"][:1]).copy()
    return small


def layer_statistics(X, params, Y=None, hidden_activation="relu", keep_activations=False):
    """Per-layer statistics of one forward (and, given ``Y``, one backward) pass.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    params : dict
    Y : ndarray, shape (1, m), optional
        Labels; when given, weight-gradient statistics are included.
    hidden_activation : str
    keep_activations : bool
        Also return each layer's activation array A_l under the key ``"A"``.

    Returns
    -------
    list of dict, one per layer l = 1..L, with keys
        ``layer``, ``units``;
        ``z_std``: std of the pre-activations Z_l;
        ``mean``, ``std``: mean and std of the activations A_l;
        ``mean_square``: mean of A_l ** 2 (the second moment, which a ReLU halves);
        ``dead``: share of units that output 0 on every example (ReLU only, else 0);
        ``saturated``: share of activations within 1% of a tanh/sigmoid limit (else 0);
        ``grad_norm``, ``grad_std``: Frobenius norm and std of dW_l (only with ``Y``);
        ``error_norm``: norm of the error signal dZ_l sent back to layer l (only with ``Y``).
    """
    A_L, cache = forward(X, params, hidden_activation)
    grads, errors = backward_with_errors(Y, cache) if Y is not None else (None, None)
    L = len(cache["Z"])
    stats = []
    for l in range(1, L + 1):
        Z, A = cache["Z"][l - 1], cache["A"][l]
        act = "sigmoid" if l == L else cache["hidden_activation"]
        row = {
            "layer": l,
            "units": A.shape[0],
            "z_std": float(Z.std()),
            "mean": float(A.mean()),
            "std": float(A.std()),
            "mean_square": float(np.mean(A * A)),
            "dead": float(np.mean(np.all(A <= 0.0, axis=1))) if act == "relu" else 0.0,
            "saturated": _saturated_share(act, A),
        }
        if grads is not None:
            dW = grads[f"dW{l}"]
            row["grad_norm"] = float(np.linalg.norm(dW))
            row["grad_std"] = float(dW.std())
            row["error_norm"] = float(np.linalg.norm(errors[l - 1]))
        if keep_activations:
            row["A"] = A
        stats.append(row)
    return stats


def _saturated_share(activation, A):
    if activation == "tanh":
        return float(np.mean(np.abs(A) > 0.99))
    if activation == "sigmoid":
        return float(np.mean((A < 0.01) | (A > 0.99)))
    return 0.0


# --- Watching a network train: snapshots, movement, update sizes, output errors -------------


def training_snapshots(X, Y, params, iterations, *, learning_rate=0.01,
                       hidden_activation="relu"):
    """The parameters of a training run at the chosen iterations.

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
    check_params(params)
    X = check_X(X, params["W1"].shape[1])
    Y = check_Y(Y, X.shape[1])
    learning_rate = check_number("learning_rate", learning_rate, minimum=0, strict=True)
    hidden_activation = check_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    if not isinstance(iterations, (list, tuple)) or not iterations:
        raise TypeError(f"iterations must be a non-empty list of ints; got {iterations!r:.60}")
    steps = [check_count("iterations", i, minimum=0) for i in iterations]
    if any(b <= a for a, b in zip(steps[:-1], steps[1:], strict=True)):
        raise ValueError(f"iterations must increase strictly; got {list(iterations)}")
    current = {name: value.copy() for name, value in params.items()}
    snapshots = [current] if steps[0] == 0 else []
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
        for i in range(steps[-1]):
            _, cache = _forward(X, current, hidden_activation)
            if not np.all(np.isfinite(cache["Z"][-1])):
                raise TrainingDiverged(i, diverged_message(i, learning_rate))
            current = _update(current, _backward_with_errors(Y, cache)[0], learning_rate)
            if i + 1 in steps:
                snapshots.append(current)
    return snapshots


def weight_movement(initial, final):
    """How far each weight matrix moved: absolute and relative to its starting size.

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
    L = check_params(initial)
    if check_params(final) != L:
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
    """Size of the next gradient step relative to the weights, layer by layer.

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
    learning_rate = check_number("learning_rate", learning_rate, minimum=0, strict=True)
    grads = backward(Y, forward(X, params, hidden_activation)[1])
    L = check_params(params)
    return [learning_rate * float(np.linalg.norm(grads[f"dW{l}"]))
            / float(np.linalg.norm(params[f"W{l}"])) for l in range(1, L + 1)]


def output_errors(X, Y, params, hidden_activation="relu"):
    """Where the output error dZ_L = A_L - Y (per example, before the 1/m) stands.

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
    error = np.abs(A_L - check_Y(Y, A_L.shape[1]))
    stuck, near = float(np.mean(error > 0.99)), float(np.mean(error < 0.01))
    return {"stuck_at_1": stuck, "near_0": near, "in_between": 1.0 - stuck - near}


# --- Signal size through deep stacks, measured cheaply (notebook 3) ---------------------------

SPREAD_MODES = ("fan_in", "fan_out", "average")


def he_signal_drift(width, num_layers=50, num_networks=40, rng=None):
    """How much one input's activation length changes through many random He ReLU stacks.

    For each of ``num_networks`` random networks of ``num_layers`` hidden ReLU layers of
    ``width`` units with He weights (std sqrt(2 / width)), follow one input and return the
    ratio |a_last| / |a_1| of the length of its activation vector at the last layer to that at
    the first (for a layer of n units, |a| / sqrt(n) is the std of its activations).

    No weight matrix is drawn. Given the activations a of one layer, the next pre-activations
    z = W a are n independent draws from N(0, 2 |a|^2 / n) (a weighted sum of independent
    normals is normal), so |relu(z)|^2 = |a|^2 * f with f = (2 / n) * sum_i relu(g_i)^2,
    g_i ~ N(0, 1). Drawing the factors f directly costs n random numbers per layer instead of
    n^2, and gives exactly the distribution of the full network. Each f has mean 1 (He's rule)
    and variance 5 / n.

    Parameters
    ----------
    width : int >= 1
    num_layers : int >= 2
    num_networks : int >= 1
    rng : None, int, numpy.random.Generator or numpy.random.RandomState

    Returns
    -------
    ndarray, shape (num_networks,)
        |a_last| / |a_1| for each network.
    """
    width = check_count("width", width, minimum=1)
    num_layers = check_count("num_layers", num_layers, minimum=2)
    num_networks = check_count("num_networks", num_networks, minimum=1)
    rng = check_rng(rng)
    g = rng.standard_normal((num_networks, num_layers - 1, width))
    factors = (2.0 / width) * np.sum(np.maximum(g, 0.0) ** 2, axis=2)  # (networks, layers - 1)
    return np.sqrt(np.prod(factors, axis=1))


def linear_stack_spread(layer_dims, mode, num_examples=200, rng=None):
    """Forward and backward signal size through a stack of linear layers of changing widths.

    Each W_l (n_l, n_{l-1}) is drawn from N(0, 1 / fan), where fan is the layer's fan_in
    (n_{l-1}), its fan_out (n_l), or their average (Glorot and Bengio's compromise, which is
    Xavier's rule). Unit-variance inputs X (n_0, num_examples) go forward, Z_l = W_l Z_{l-1};
    unit-variance errors E_L (n_L, num_examples) go backward, E_{l-1} = W_l^T E_l, as
    gradients do.

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``.
    mode : {"fan_in", "fan_out", "average"}
    num_examples : int >= 2
    rng : None, int, numpy.random.Generator or numpy.random.RandomState

    Returns
    -------
    forward : list of float
        std of Z_1, ..., Z_L (the input X has std about 1).
    backward : list of float
        std of the error E_{l-1} that arrives at the input of layer l, for l = 1, ..., L
        (the error E_L sent in at the top has std about 1).
    """
    dims = check_layer_dims(layer_dims)
    mode = check_choice("mode", mode, SPREAD_MODES)
    num_examples = check_count("num_examples", num_examples, minimum=2)
    rng = check_rng(rng)
    weights = []
    for n_in, n_out in zip(dims[:-1], dims[1:], strict=True):
        fan = {"fan_in": n_in, "fan_out": n_out, "average": (n_in + n_out) / 2}[mode]
        weights.append(rng.standard_normal((n_out, n_in)) / np.sqrt(fan))
    Z, forward_std = rng.standard_normal((dims[0], num_examples)), []
    for W in weights:
        Z = W @ Z
        forward_std.append(float(Z.std()))
    E, backward_std = rng.standard_normal((dims[-1], num_examples)), []
    for W in reversed(weights):
        E = W.T @ E
        backward_std.append(float(E.std()))
    return forward_std, backward_std[::-1]
