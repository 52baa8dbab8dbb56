"""Signal through a deep stack of layers: plain, normalized, or with residual connections.

Initialization decides how the size of the signal changes from layer to layer. Two pieces of
architecture change the rules, and this module runs them side by side, forward only:

* **normalization** rescales each unit's pre-activations over the batch to mean 0 and
  standard deviation 1 (batch normalization without its learned scale and shift), so the
  size of the weights no longer decides the size of the signal;
* **residual connections** add each layer's output to its input, H_l = H_{l-1} + branch,
  so the signal is a sum over layers rather than a product.

Shapes: the signal ``H`` is (n, m), one example per column; every layer's ``W_l`` is
(n_l, n_{l-1}) and ``b_l`` is (n_l, 1), as in the rest of the course.
"""

import numpy as np

from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .validation import valid_choice, valid_number, valid_params, valid_X


def normalize(Z, eps=1e-5):
    """Each unit (row) of ``Z`` shifted and scaled to mean 0 and std 1 over the batch.

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Pre-activations of n units on m examples.
    eps : float, default 1e-5
        Added to the variance, so that a unit that is constant over the batch gives 0
        instead of a division by zero.

    Returns
    -------
    ndarray, shape (n, m)
    """
    eps = valid_number("eps", eps, minimum=0)
    Z = np.asarray(Z, dtype=float)
    if Z.ndim != 2:
        raise ValueError(f"Z must be a 2-d array (units, examples); got shape {Z.shape}")
    mean = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    return (Z - mean) / np.sqrt(var + eps)


def rms(H):
    """Root mean square of all the entries of ``H``: the size of the signal.

    Used in notebooks 04 and 05.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sqrt(np.mean(np.square(H))))


def stack_forward(X, params, *, residual=False, normalized=False, branch_scale=1.0,
                  hidden_activation="relu"):
    """Send ``X`` through every layer of ``params`` and return the signal after each layer.

    Used in notebook 05.

    Every layer uses ``hidden_activation`` (there is no output layer). With ``g`` that
    activation and ``norm`` the function ``normalize``:

    ==========================  ===================================================
    plain                       H_l = g(W_l H_{l-1} + b_l)
    plain, ``normalized``       H_l = g(norm(W_l H_{l-1} + b_l))
    ``residual``                H_l = H_{l-1} + branch_scale * (W_l g(H_{l-1}) + b_l)
    ``residual, normalized``    H_l = H_{l-1} + branch_scale * (W_l g(norm(H_{l-1})) + b_l)
    ==========================  ===================================================

    The residual forms are the "pre-activation" block: the branch reads the signal, the
    addition keeps it. The normalized residual form is how GPT-2 arranges its blocks (it
    normalizes each example over its features rather than each feature over the batch; the
    effect on the signal's size is the same), and GPT-2 multiplies its branches by
    1 / sqrt(number of residual branches).

    Parameters
    ----------
    X : ndarray, shape (n_0, m)
    params : dict
        ``W1, b1, ..., WL, bL``; for ``residual`` every ``W_l`` must be square (n_0, n_0).
    residual, normalized : bool
    branch_scale : float, default 1.0
        Multiplies each residual branch; only used with ``residual=True``.
    hidden_activation : {"relu", "tanh", "sigmoid", "linear"}

    Returns
    -------
    list of ndarray
        ``[H_0 = X, H_1, ..., H_L]``, each (n_l, m). Entries become ``inf`` or ``nan`` when
        the signal overflows float64.
    """
    L = valid_params(params)
    X = valid_X(X, params["W1"].shape[1])
    hidden_activation = valid_choice("hidden_activation", hidden_activation, HIDDEN_ACTIVATIONS)
    branch_scale = valid_number("branch_scale", branch_scale)
    if residual:
        for l in range(1, L + 1):
            shape = params[f"W{l}"].shape
            if shape != (X.shape[0], X.shape[0]):
                raise ValueError(
                    f"residual=True adds each layer's output to its input, so every W_l must "
                    f"be square with the input's size {X.shape[0]}; W{l} has shape {shape}"
                )
    g = ACTIVATIONS[hidden_activation]
    H, signals = X, [X]
    with np.errstate(over="ignore", invalid="ignore"):
        for l in range(1, L + 1):
            W, b = params[f"W{l}"], params[f"b{l}"]
            if residual:
                inner = normalize(H) if normalized else H
                H = H + branch_scale * (W @ g(inner) + b)
            else:
                Z = W @ H + b
                H = g(normalize(Z) if normalized else Z)
            signals.append(H)
    return signals


def signal_through_stack(X, params, **options):
    """The size of the signal after each layer: ``[rms(H_0), rms(H_1), ..., rms(H_L)]``.

    Used in notebook 05.

    Takes the same arguments as ``stack_forward`` and returns an ndarray of shape (L + 1,).
    """
    return np.array([rms(H) for H in stack_forward(X, params, **options)])


def input_share(H):
    """The part of the signal ``H`` (n, m) that differs from example to example.

    Used in notebooks 04 and 05.

    rms(H - mean of H over the examples) / rms(H): 1 when every unit averages 0 over the
    batch, 0 when every example gives the same output (the network has forgotten its input).
    """
    H = np.asarray(H, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        return rms(H - H.mean(axis=1, keepdims=True)) / rms(H)


def linear_stack_matrix(params):
    """The one matrix W_L ... W_1 that a stack of linear layers (zero biases) applies to X.

    Used in notebook 05.

    Parameters
    ----------
    params : dict
        ``W1, b1, ..., WL, bL``; ``W_l`` is (n_l, n_{l-1}).

    Returns
    -------
    ndarray, shape (n_L, n_0)
        Its singular values say how much the stack stretches or shrinks each direction.
    """
    L = valid_params(params)
    P = params["W1"]
    for l in range(2, L + 1):
        P = params[f"W{l}"] @ P
    return P
