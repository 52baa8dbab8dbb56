"""Looking inside a network: per-layer statistics and the symmetry measure.

Two questions the course keeps asking:

* Does the signal survive the trip through the layers? ``layer_statistics`` reports, for each
  layer, the spread of its activations and of its weight gradients, and how many units are
  dead (ReLU) or saturated (tanh, sigmoid). Notebooks 02, 03 and 04.
* Did the initialization break the symmetry? ``count_distinct_units`` counts how many units
  of a layer really differ from each other (notebook 01).

Watching a network while it trains is ``initlib.watching_training``; the signal experiments of
notebook 03, which need no network, are ``initlib.signal_experiments``. Their names are also
importable from here, as the notebooks import them.
"""

import numpy as np

from .network import backward_with_errors, forward
from .signal_experiments import SPREAD_MODES, he_signal_drift, linear_stack_spread
from .validation import valid_number, valid_params
from .watching_training import output_errors, training_snapshots, update_ratios, weight_movement

__all__ = ["SPREAD_MODES", "collapse_to_one_unit", "count_distinct_units", "he_signal_drift",
           "layer_statistics", "linear_stack_spread", "output_errors", "training_snapshots",
           "update_ratios", "weight_movement"]


def count_distinct_units(params, tol=1e-10):
    """Number of genuinely different units in each layer (notebooks 01 and 02).

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
    L = valid_params(params)
    tol = valid_number("tol", tol, minimum=0)
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
    """The equivalent one-unit-per-layer network of a symmetric network (notebook 01).

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

    Used in notebooks 02, 03, 04 and 06 (and by ``plot_layer_stats``).

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
