"""A fully connected binary classifier, written out plainly.

Shapes follow the course text: ``X`` is (n_0, m) with one example per column, ``Y`` is (1, m)
of 0/1 labels, ``W_l`` is (n_l, n_{l-1}) and ``b_l`` is (n_l, 1). Hidden layers use one
activation (ReLU by default); the output layer is a single sigmoid unit.

    Z_l = W_l A_{l-1} + b_l,   A_l = g(Z_l),   A_0 = X,   A_L = sigmoid(Z_L)
"""

import numpy as np

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, derivative, sigmoid
from .validation import check_choice, check_number, check_params, check_X, check_Y


def forward(X, params, hidden_activation="relu"):
    """Run the network on ``X``.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    params : dict
        ``W1, b1, ..., WL, bL`` as made by ``initialize_parameters``.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}

    Returns
    -------
    A_L : ndarray, shape (n_L, m)
        Sigmoid output: the predicted probability of class 1.
    cache : dict
        ``"A"``: [A_0 = X, A_1, ..., A_L]; ``"Z"``: [Z_1, ..., Z_L]; plus ``"params"`` and
        ``"hidden_activation"``. ``backward`` needs it.
    """
    check_params(params)
    hidden_activation = check_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    X = check_X(X, params["W1"].shape[1])
    return _forward(X, params, hidden_activation)


def _forward(X, params, hidden_activation):
    """``forward`` without the argument checks, for loops whose arguments were checked once."""
    L = len(params) // 2
    activate = ACTIVATIONS[hidden_activation]
    A, As, Zs = X, [X], []
    for l in range(1, L + 1):
        Z = np.dot(params[f"W{l}"], A) + params[f"b{l}"]
        A = sigmoid(Z) if l == L else activate(Z)
        Zs.append(Z)
        As.append(A)
    cache = {"A": As, "Z": Zs, "params": params, "hidden_activation": hidden_activation}
    return A, cache


def backward(Y, cache):
    """Gradients of the mean binary cross-entropy with respect to every parameter.

    Parameters
    ----------
    Y : ndarray, shape (1, m)
        0/1 labels.
    cache : dict
        The second value returned by ``forward``.

    Returns
    -------
    dict
        ``{"dW1": (n_1, n_0), "db1": (n_1, 1), ..., "dWL", "dbL"}``.

    Notes
    -----
    For a sigmoid output and cross-entropy cost the output error is simply
    dZ_L = (A_L - Y) / m; each earlier layer gets dZ_{l-1} = (W_l^T dZ_l) * g'(Z_{l-1}).
    """
    return backward_with_errors(Y, cache)[0]


def backward_with_errors(Y, cache):
    """Like ``backward``, and also return the error signals [dZ_1, ..., dZ_L].

    dZ_l, of shape (n_l, m), is the gradient of the cost with respect to layer l's
    pre-activations: what backpropagation sends down to layer l.
    """
    if not isinstance(cache, dict) or "A" not in cache:
        raise TypeError("cache must be the dict returned by forward(X, params)")
    check_Y(Y, cache["A"][0].shape[1])
    return _backward_with_errors(Y, cache)


def _backward_with_errors(Y, cache):
    """``backward_with_errors`` without the argument checks."""
    As, Zs, params = cache["A"], cache["Z"], cache["params"]
    L, m = len(Zs), As[0].shape[1]
    grads, errors = {}, [None] * L
    dZ = 1.0 / m * (As[L] - Y)
    for l in range(L, 0, -1):
        errors[l - 1] = dZ
        grads[f"dW{l}"] = np.dot(dZ, As[l - 1].T)
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(params[f"W{l}"].T, dZ)
            dZ = dA * derivative(cache["hidden_activation"], Zs[l - 2], As[l - 1])
    return grads, errors


def losses_naive(A_L, Y):
    """Per-example cross-entropy from the sigmoid output (``inf`` where it saturated wrongly)."""
    with np.errstate(divide="ignore"):
        return np.where(Y == 1, -np.log(A_L), -np.log(1.0 - A_L))


def losses_from_logits(Z_L, Y):
    """Per-example cross-entropy from the logits: max(z, 0) - z y + log(1 + exp(-|z|))."""
    return np.maximum(Z_L, 0.0) - Z_L * Y + np.log1p(np.exp(-np.abs(Z_L)))


def cross_entropy(A_L, Y):
    """Mean binary cross-entropy computed from the sigmoid output, the textbook way.

    -1/m * sum(y log a + (1 - y) log(1 - a)). When the sigmoid has saturated to exactly 1.0
    on an example whose label is 0 (or to 0.0 on a label 1), the log is -inf and so is the
    cost: this function then returns ``inf``, which is the point it exists to show.
    """
    Y = check_Y(Y, np.shape(A_L)[-1])
    return float(np.mean(losses_naive(A_L, Y)))


def cross_entropy_from_logits(Z_L, Y):
    """Mean binary cross-entropy computed from the output pre-activation ``Z_L``.

    Algebraically equal to ``cross_entropy(sigmoid(Z_L), Y)``, but written as
    max(z, 0) - z y + log(1 + exp(-|z|)), which never overflows and stays exact when the
    sigmoid saturates: a confident wrong answer with z = 7000 costs 7000, not inf.
    """
    Y = check_Y(Y, np.shape(Z_L)[-1])
    return float(np.mean(losses_from_logits(Z_L, Y)))


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step: ``W_l <- W_l - learning_rate * dW_l`` (and b_l).

    Returns a new dict; ``params`` is left unchanged.
    """
    L = check_params(params)
    learning_rate = check_number("learning_rate", learning_rate, minimum=0, strict=True)
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be the dict returned by backward; got {type(grads).__name__}")
    for l in range(1, L + 1):
        for name in (f"W{l}", f"b{l}"):
            grad = grads.get("d" + name)
            if grad is None or np.shape(grad) != params[name].shape:
                raise ValueError(
                    f"grads['d{name}'] must have shape {params[name].shape} like params['{name}']; "
                    f"got {None if grad is None else np.shape(grad)}"
                )
    return _update(params, grads, learning_rate)


def _update(params, grads, learning_rate):
    """``update_parameters`` without the argument checks."""
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def predict(params, X, hidden_activation="relu"):
    """Class predictions: 1 where the output probability is above 0.5, else 0.

    Returns an int array of shape (1, m).
    """
    A_L, _ = forward(X, params, hidden_activation)
    return (A_L > 0.5).astype(np.int64)


def accuracy(params, X, Y, hidden_activation="relu"):
    """Share of the m examples whose prediction equals the label, a float in [0, 1]."""
    P = predict(params, X, hidden_activation)
    Y = check_Y(Y, P.shape[1])
    return float(np.mean(P == Y))
