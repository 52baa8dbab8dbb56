"""Weight initializers: the one idea of the course, in one function.

Layer ``l`` has a weight matrix ``W_l`` of shape (n_l, n_{l-1}) and a bias ``b_l`` of shape
(n_l, 1). Its *fan-in* is n_{l-1} (inputs per unit) and its *fan-out* is n_l.

=============  ======================================  =====================
name           standard deviation of each weight       named after
=============  ======================================  =====================
``zeros``      0 (every weight is exactly 0)
``constant``   0 (every weight equals ``scale``)
``random``     ``scale`` (default 0.01)
``lecun``      sqrt(1 / fan_in)                        LeCun et al., 1998
``xavier``     sqrt(2 / (fan_in + fan_out))            Glorot & Bengio, 2010
``he``         sqrt(2 / fan_in)                        He et al., 2015
=============  ======================================  =====================

``glorot`` is another name for ``xavier``. With ``distribution="uniform"`` the weights are
drawn from U(-a, a) with a = sqrt(3) * std, which has the same variance (Var U(-a, a) = a^2/3).
"""

import math

import numpy as np

from .validation import check_choice, check_count, check_layer_dims, check_number, check_rng

INITIALIZATIONS = ("zeros", "constant", "random", "lecun", "xavier", "glorot", "he")
DISTRIBUTIONS = ("normal", "uniform")
SCALED = ("constant", "random")  # the initializations that take a ``scale``
_DEFAULT_SCALE = {"constant": 1.0, "random": 0.01}


def weight_std(initialization, fan_in, fan_out, scale=None):
    """Standard deviation that ``initialization`` gives each weight of a (fan_out, fan_in) layer.

    Parameters
    ----------
    initialization : str
        One of ``INITIALIZATIONS``.
    fan_in, fan_out : int
        Number of inputs per unit (n_{l-1}) and number of units (n_l).
    scale : float, optional
        Only for ``"random"`` (the std itself, default 0.01).

    Returns
    -------
    float
        0 for ``"zeros"`` and ``"constant"``, whose weights do not vary.
    """
    initialization = check_choice("initialization", initialization, INITIALIZATIONS)
    fan_in = check_count("fan_in", fan_in, minimum=1)
    fan_out = check_count("fan_out", fan_out, minimum=1)
    if initialization in ("zeros", "constant"):
        return 0.0
    if initialization == "random":
        return _DEFAULT_SCALE["random"] if scale is None else float(scale)
    if initialization == "lecun":
        return math.sqrt(1.0 / fan_in)
    if initialization in ("xavier", "glorot"):
        return math.sqrt(2.0 / (fan_in + fan_out))
    return math.sqrt(2.0 / fan_in)  # he


def initialize_parameters(layer_dims, initialization="he", *, scale=None, distribution="normal",
                          rng=None):
    """Create the weights and biases of a fully connected network.

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``: the number of input features, then the units of each layer.
    initialization : str, default "he"
        ``"zeros"``, ``"constant"``, ``"random"``, ``"lecun"``, ``"xavier"`` (or ``"glorot"``)
        or ``"he"``; see the module docstring for the formulas.
    scale : float, optional
        For ``"random"``, the standard deviation (default 0.01); for ``"constant"``, the value
        of every weight (default 1.0). Other initializations compute their scale from the
        layer sizes and reject this argument.
    distribution : {"normal", "uniform"}
        Draw from a normal distribution or from a uniform one with the same variance.
    rng : None, int, numpy.random.Generator or numpy.random.RandomState
        Source of randomness. Weights are drawn layer by layer, each ``W_l`` as one draw of
        shape (n_l, n_{l-1}) that is then scaled; biases draw nothing. So
        ``rng=np.random.RandomState(3)`` gives exactly ``np.random.seed(3)`` followed by
        ``np.random.randn(n_l, n_{l-1}) * std`` for each layer.

    Returns
    -------
    dict
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}``,
        float64 arrays; every bias is zero.

    Examples
    --------
    >>> params = initialize_parameters([2, 10, 5, 1], "he", rng=3)
    >>> params["W2"].shape, params["b2"].shape
    ((5, 10), (5, 1))
    """
    dims = check_layer_dims(layer_dims)
    initialization = check_choice("initialization", initialization, INITIALIZATIONS)
    distribution = check_choice("distribution", distribution, DISTRIBUTIONS)
    if scale is not None:
        if initialization not in SCALED:
            raise ValueError(
                f"scale is only used by initialization='random' or 'constant'; "
                f"initialization={initialization!r} "
                f"computes its own scale from the layer sizes, so leave scale=None"
            )
        scale = check_number("scale", scale, minimum=0 if initialization == "random" else None)
    elif initialization in SCALED:
        scale = _DEFAULT_SCALE[initialization]
    rng = check_rng(rng) if initialization not in ("zeros", "constant") else None

    params = {}
    for l in range(1, len(dims)):
        shape = (dims[l], dims[l - 1])
        if initialization == "zeros":
            W = np.zeros(shape)
        elif initialization == "constant":
            W = np.full(shape, scale)
        else:
            std = weight_std(initialization, dims[l - 1], dims[l], scale)
            if distribution == "normal":
                W = rng.standard_normal(shape) * std
            else:
                W = rng.uniform(-1.0, 1.0, shape) * (math.sqrt(3.0) * std)
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params
