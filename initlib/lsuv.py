"""LSUV: let a batch of data set each layer's scale (Mishkin and Matas, 2015). Notebook 06.

Layer-sequential unit-variance initialization starts from orthogonal matrices, then, layer
after layer from the input up, runs the batch through the network, measures the standard
deviation of the layer's pre-activations Z_l and divides W_l by it, until that std is 1
(exercise 5.1 asks you to write this loop yourself). It needs no formula, no gain and no
assumption about the inputs' scale: the data decide.
"""

import numpy as np

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .initializers import initialize_parameters
from .validation import valid_choice, valid_layer_dims, valid_X


def lsuv_parameters(layer_dims, X, rng=None, hidden_activation="relu", tolerance=1e-3,
                    max_rounds=10):
    """Parameters of a fully connected network initialized by LSUV on the batch ``X`` (notebook 06).

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``.
    X : ndarray, shape (n_0, m)
        The batch the layers are measured on.
    rng : None, int, numpy.random.Generator or numpy.random.RandomState
        For the orthogonal start (gain 1: the measurement sets the scale).
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}
    tolerance : float
        Rescale a layer until |std(Z_l) - 1| is below this ...
    max_rounds : int
        ... or this many times (biases are zero, so one round is usually exact).

    Returns
    -------
    dict
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL", "bL"}``; every bias is zero, and on
        ``X`` every layer's pre-activations Z_l, the output layer's included, have std 1.
    """
    dims = valid_layer_dims(layer_dims)
    X = valid_X(X, dims[0])
    hidden_activation = valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    params = initialize_parameters(dims, "orthogonal", scale=1.0, rng=rng)
    return lsuv_rescale(params, X, hidden_activation, tolerance, max_rounds)


def lsuv_rescale(params, X, hidden_activation="relu", tolerance=1e-3, max_rounds=10):
    """LSUV's measuring loop on given starting weights (notebooks 05 and 06).

    Parameters
    ----------
    params : dict
        ``W1, b1, ..., WL, bL``, W_l of shape (n_l, n_{l-1}); not modified.
    X : ndarray, shape (n_0, m)
        The batch the layers are measured on.
    hidden_activation, tolerance, max_rounds
        As for ``lsuv_parameters``.

    Returns
    -------
    dict
        A copy of ``params`` in which each W_l, from the first layer up, has been divided by
        the std of its pre-activations on ``X`` until that std is within ``tolerance`` of 1;
        the biases are kept as they were.
    """
    hidden_activation = valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    activate = ACTIVATIONS[hidden_activation]
    params = {key: np.array(value, dtype=float) for key, value in params.items()}
    X = valid_X(X, params["W1"].shape[1])
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = np.dot(W, A) + b
        for _ in range(max_rounds):
            if abs(Z.std() - 1.0) < tolerance or Z.std() == 0.0:
                break
            W /= Z.std()
            Z = np.dot(W, A) + b
        A = activate(Z)
    return params
