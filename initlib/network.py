"""A fully connected classifier, written out plainly.

Shapes follow the course text: ``X`` is (n_0, m) with one example per column, ``W_l`` is
(n_l, n_{l-1}) and ``b_l`` is (n_l, 1). Hidden layers use one activation (ReLU by default).
The output layer decides the task:

* one unit (n_L = 1): a **sigmoid**, the probability of class 1; ``Y`` is (1, m) of 0/1
  labels (notebooks 01-05);
* n_L >= 2 units: a **softmax**, one probability per class; ``Y`` is one-hot, (n_L, m)
  (notebook 06, ten digits).

    Z_l = W_l A_{l-1} + b_l,   A_l = g(Z_l),   A_0 = X,   A_L = sigmoid(Z_L) or softmax(Z_L)

Both outputs go with their cross-entropy cost, and for both the error at the output is the
same simple dZ_L = (A_L - Y) / m.
"""

import numpy as np

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, derivative, sigmoid
from .validation import valid_choice, valid_number, valid_params, valid_X, valid_Y


def forward(X, params, hidden_activation="relu"):
    """Run the network on ``X``.

    Used in notebooks 01, 02, 03, 04, 05 and 06.

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    params : dict
        ``W1, b1, ..., WL, bL`` as made by ``initialize_parameters``.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}

    Returns
    -------
    A_L : ndarray, shape (n_L, m)
        The predicted probabilities: of class 1 (sigmoid, n_L = 1), or of each class
        (softmax, n_L >= 2; every column sums to 1).
    cache : dict
        ``"A"``: [A_0 = X, A_1, ..., A_L]; ``"Z"``: [Z_1, ..., Z_L]; plus ``"params"`` and
        ``"hidden_activation"``. ``backward`` needs it.
    """
    valid_params(params)
    hidden_activation = valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    X = valid_X(X, params["W1"].shape[1])
    return _forward(X, params, hidden_activation)


def _forward(X, params, hidden_activation):
    """``forward`` without the argument checks, for loops whose arguments were checked once."""
    L = len(params) // 2
    activate = ACTIVATIONS[hidden_activation]
    A, As, Zs = X, [X], []
    for l in range(1, L + 1):
        Z = np.dot(params[f"W{l}"], A) + params[f"b{l}"]
        A = output_activation(Z) if l == L else activate(Z)
        Zs.append(Z)
        As.append(A)
    cache = {"A": As, "Z": Zs, "params": params, "hidden_activation": hidden_activation}
    return A, cache


def softmax(Z, out=None):
    """Softmax over the classes, column by column: exp(s_k) / sum_j exp(s_j), s = z - max_j z_j.

    Subtracting each column's largest logit changes nothing mathematically and keeps ``exp``
    from overflowing. ``Z`` is (n_L, m), or a stack (K, n_L, m): the classes are always the
    second-to-last axis. ``out``, as for the activations, writes the result in place.
    """
    shifted = np.subtract(Z, np.max(Z, axis=-2, keepdims=True), out=out)
    np.exp(shifted, out=shifted)
    shifted /= np.sum(shifted, axis=-2, keepdims=True)
    return shifted


def output_activation(Z, out=None):
    """The output layer's activation: sigmoid for one unit, softmax for two or more."""
    return sigmoid(Z, out=out) if np.shape(Z)[-2] == 1 else softmax(Z, out=out)


def backward(Y, cache):
    """Gradients of the mean cross-entropy with respect to every parameter.

    Used in notebooks 01, 04 and 06.

    Parameters
    ----------
    Y : ndarray, shape (1, m) of 0/1 labels, or one-hot (n_L, m) for a softmax output
    cache : dict
        The second value returned by ``forward``.

    Returns
    -------
    dict
        ``{"dW1": (n_1, n_0), "db1": (n_1, 1), ..., "dWL", "dbL"}``.

    Notes
    -----
    For a sigmoid output with the binary cross-entropy, and for a softmax output with the
    categorical cross-entropy, the output error is simply dZ_L = (A_L - Y) / m; each earlier
    layer gets dZ_{l-1} = (W_l^T dZ_l) * g'(Z_{l-1}).
    """
    return backward_with_errors(Y, cache)[0]


def backward_with_errors(Y, cache):
    """Like ``backward``, and also return the error signals [dZ_1, ..., dZ_L].

    Used in notebook 04.

    dZ_l, of shape (n_l, m), is the gradient of the cost with respect to layer l's
    pre-activations: what backpropagation sends down to layer l.
    """
    if not isinstance(cache, dict) or "A" not in cache:
        raise TypeError("cache must be the dict returned by forward(X, params)")
    valid_Y(Y, cache["A"][0].shape[1], n_classes=cache["A"][-1].shape[0])
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
    """Per-example cross-entropy from the output probabilities, shape (1, m).

    Sigmoid: -log a where y = 1, -log(1 - a) where y = 0. Softmax: -log of the probability of
    the true class. ``inf`` where that probability has rounded to exactly 0.
    """
    with np.errstate(divide="ignore"):
        if np.shape(A_L)[-2] == 1:
            return np.where(Y == 1, -np.log(A_L), -np.log(1.0 - A_L))
        return -np.log(np.sum(Y * A_L, axis=-2, keepdims=True))


def losses_from_logits(Z_L, Y):
    """Per-example cross-entropy from the logits, shape (1, m), never infinite.

    Sigmoid: max(z, 0) - z y + log(1 + exp(-|z|)). Softmax: with s = z - max_j z_j,
    log(sum_j exp(s_j)) - s_y (the log of the softmax's denominator minus the true class's
    shifted logit). ``Z_L`` may also be a stack (K, n_L, m); the result is then (K, 1, m).
    """
    if np.shape(Z_L)[-2] == 1:
        return np.maximum(Z_L, 0.0) - Z_L * Y + np.log1p(np.exp(-np.abs(Z_L)))
    shifted = Z_L - np.max(Z_L, axis=-2, keepdims=True)
    return (np.log(np.sum(np.exp(shifted), axis=-2, keepdims=True))
            - np.sum(Y * shifted, axis=-2, keepdims=True))


def _n_classes(A_L):
    """The number of rows Y must have for the output ``A_L``: 1 (sigmoid) or n_L (softmax)."""
    return np.shape(A_L)[0] if np.ndim(A_L) == 2 else 1


def cross_entropy(A_L, Y):
    """Mean cross-entropy computed from the output probabilities, the textbook way.

    Used in notebook 02.

    Sigmoid: -1/m * sum(y log a + (1 - y) log(1 - a)). When the sigmoid has saturated to
    exactly 1.0 on an example whose label is 0 (or to 0.0 on a label 1), the log is -inf and
    so is the cost: this function then returns ``inf``, which is the point it exists to show.
    Softmax (``A_L`` of shape (n_L, m), ``Y`` one-hot): -1/m * sum(log of the true class's
    probability), infinite when that probability underflowed to 0.
    """
    Y = valid_Y(Y, np.shape(A_L)[-1], n_classes=_n_classes(A_L))
    return float(np.mean(losses_naive(A_L, Y)))


def cross_entropy_from_logits(Z_L, Y):
    """Mean cross-entropy computed from the output pre-activation ``Z_L`` (the logits).

    Used in notebooks 02 and 06.

    Algebraically equal to ``cross_entropy(sigmoid(Z_L), Y)`` (or ``softmax``), but written
    as in ``losses_from_logits``, which never overflows and stays exact when the output
    saturates: a confident wrong answer with z = 7000 costs 7000, not inf.
    """
    Y = valid_Y(Y, np.shape(Z_L)[-1], n_classes=_n_classes(Z_L))
    return float(np.mean(losses_from_logits(Z_L, Y)))


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step: ``W_l <- W_l - learning_rate * dW_l`` (and b_l).

    Returns a new dict; ``params`` is left unchanged.
    """
    L = valid_params(params)
    learning_rate = valid_number("learning_rate", learning_rate, minimum=0, strict=True)
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
    """Class predictions, an int array of shape (1, m).

    Used in notebooks 01 and 04.

    Sigmoid output: 1 where the probability of class 1 is above 0.5, else 0. Softmax output:
    the number of the most probable class, 0 to n_L - 1.
    """
    A_L, _ = forward(X, params, hidden_activation)
    return predictions(A_L)


def predictions(A_L):
    """``predict`` from the output probabilities A_L, (n_L, m) or a stack (K, n_L, m)."""
    if np.shape(A_L)[-2] == 1:
        return (A_L > 0.5).astype(np.int64)
    return np.argmax(A_L, axis=-2, keepdims=True)


def labels(Y):
    """The class numbers of one-hot labels (n_L, m), as (1, m); 0/1 labels (1, m) unchanged."""
    return Y if Y.shape[0] == 1 else np.argmax(Y, axis=0, keepdims=True)


def accuracy(params, X, Y, hidden_activation="relu"):
    """Share of the m examples whose prediction equals the label, a float in [0, 1].

    Used in notebooks 01, 02, 03, 04 and 06.

    ``Y`` is as for ``backward``: (1, m) of 0/1 labels, or one-hot (n_L, m).
    """
    P = predict(params, X, hidden_activation)
    Y = valid_Y(Y, P.shape[1], n_classes=params[f"W{len(params) // 2}"].shape[0])
    return float(np.mean(P == labels(Y)))
