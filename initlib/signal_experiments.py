"""The signal's size through deep random stacks, measured cheaply, without training (notebook
03): He's finite-width drift, and forward against backward spread under fan_in, fan_out and
their average."""

import numpy as np

from .validation import valid_choice, valid_count, valid_layer_dims, valid_rng

SPREAD_MODES = ("fan_in", "fan_out", "average")


def he_signal_drift(width, num_layers=50, num_networks=40, rng=None):
    """How much one input's activation length changes through random He ReLU stacks (notebook 03).

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
    width = valid_count("width", width, minimum=1)
    num_layers = valid_count("num_layers", num_layers, minimum=2)
    num_networks = valid_count("num_networks", num_networks, minimum=1)
    rng = valid_rng(rng)
    g = rng.standard_normal((num_networks, num_layers - 1, width))
    factors = (2.0 / width) * np.sum(np.maximum(g, 0.0) ** 2, axis=2)  # (networks, layers - 1)
    return np.sqrt(np.prod(factors, axis=1))


def linear_stack_spread(layer_dims, mode, num_examples=200, rng=None):
    """Forward and backward signal size through linear layers of changing widths (notebook 03).

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
    dims = valid_layer_dims(layer_dims)
    mode = valid_choice("mode", mode, SPREAD_MODES)
    num_examples = valid_count("num_examples", num_examples, minimum=2)
    rng = valid_rng(rng)
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
