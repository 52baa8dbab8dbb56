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
``orthogonal`` gain / sqrt(max(fan_in, fan_out))       Saxe et al., 2013
=============  ======================================  =====================

``glorot`` is another name for ``xavier``. With ``distribution="uniform"`` the weights are
drawn from U(-a, a) with a = sqrt(3) * std, which has the same variance (Var U(-a, a) = a^2/3).

``orthogonal`` gives W_l orthonormal rows (when n_l <= n_{l-1}) or orthonormal columns (when
n_l > n_{l-1}), times a ``gain`` passed as ``scale`` (default sqrt(2), the ReLU gain; use 1 for
a linear network). A square orthogonal matrix keeps the length of every vector it multiplies,
so a deep stack of them neither shrinks nor grows any direction of the signal.
"""

import math

import numpy as np

from .validation import valid_choice, valid_count, valid_layer_dims, valid_number, valid_rng

# Each initialization and the standard deviation it gives each weight of a layer with fan_in
# inputs and fan_out units; ``scale`` is the std itself for "random", the gain for
# "orthogonal". An initialization exists by being here: there is no default formula.
STANDARD_DEVIATIONS = {
    "zeros": lambda fan_in, fan_out, scale: 0.0,
    "constant": lambda fan_in, fan_out, scale: 0.0,  # every weight is scale: no spread
    "random": lambda fan_in, fan_out, scale: scale,
    "lecun": lambda fan_in, fan_out, scale: math.sqrt(1.0 / fan_in),
    "xavier": lambda fan_in, fan_out, scale: math.sqrt(2.0 / (fan_in + fan_out)),
    "glorot": lambda fan_in, fan_out, scale: math.sqrt(2.0 / (fan_in + fan_out)),
    "he": lambda fan_in, fan_out, scale: math.sqrt(2.0 / fan_in),
    "orthogonal": lambda fan_in, fan_out, scale: scale / math.sqrt(max(fan_in, fan_out)),
}
INITIALIZATIONS = tuple(STANDARD_DEVIATIONS)
DISTRIBUTIONS = ("normal", "uniform")
# the initializations that take a ``scale``, and its default
_DEFAULT_SCALE = {"constant": 1.0, "random": 0.01, "orthogonal": math.sqrt(2.0)}
SCALED = tuple(_DEFAULT_SCALE)


def orthogonal_matrix(shape, rng=None, gain=1.0):
    """A random matrix with orthonormal rows or columns, times ``gain`` (notebook 05).

    A Gaussian matrix G of ``shape`` is drawn (one draw, ``rng.standard_normal(shape)``) and
    orthonormalised with a QR decomposition: G = Q R, Q with orthonormal columns, R upper
    triangular. Multiplying each column of Q by the sign of R's diagonal entry makes the
    result uniformly distributed over all orthogonal matrices (without that fix, numpy's QR
    would favour some signs).

    Parameters
    ----------
    shape : tuple of two ints
        ``(n_l, n_{l-1})``. When n_l >= n_{l-1} the columns are orthonormal (W^T W = gain^2 I);
        otherwise the rows are (W W^T = gain^2 I). A square result is orthogonal.
    rng : None, int, numpy.random.Generator or numpy.random.RandomState
    gain : float, default 1.0

    Returns
    -------
    ndarray, shape ``shape``
        Its root-mean-square entry is gain / sqrt(max(n_l, n_{l-1})).
    """
    if not isinstance(shape, tuple) or len(shape) != 2:
        raise ValueError(f"shape must be a tuple (n_l, n_prev) of two sizes; got {shape!r}")
    rows = valid_count("shape[0]", shape[0], minimum=1)
    cols = valid_count("shape[1]", shape[1], minimum=1)
    gain = valid_number("gain", gain, minimum=0)
    G = valid_rng(rng).standard_normal((rows, cols))
    tall = rows >= cols
    Q, R = np.linalg.qr(G if tall else G.T)  # Q: (max, min) with orthonormal columns
    Q = Q * np.where(np.diag(R) < 0, -1.0, 1.0)  # the sign fix
    return gain * (Q if tall else Q.T)


def weight_std(initialization, fan_in, fan_out, scale=None):
    """Standard deviation that ``initialization`` gives each weight of a (fan_out, fan_in) layer.

    Used by notebooks 02 and 03 (the std each rule gives each layer).

    Parameters
    ----------
    initialization : str
        One of ``INITIALIZATIONS``.
    fan_in, fan_out : int
        Number of inputs per unit (n_{l-1}) and number of units (n_l).
    scale : float, optional
        For ``"random"``, the std itself (default 0.01); for ``"orthogonal"``, the gain
        (default sqrt(2)).

    Returns
    -------
    float
        0 for ``"zeros"`` and ``"constant"``, whose weights do not vary. For ``"orthogonal"``,
        the root mean square of the weights, gain / sqrt(max(fan_in, fan_out)).
    """
    initialization = valid_choice("initialization", initialization, INITIALIZATIONS)
    fan_in = valid_count("fan_in", fan_in, minimum=1)
    fan_out = valid_count("fan_out", fan_out, minimum=1)
    scale = _DEFAULT_SCALE.get(initialization) if scale is None else float(scale)
    return float(STANDARD_DEVIATIONS[initialization](fan_in, fan_out, scale))


def initialize_parameters(layer_dims, initialization="he", *, scale=None, distribution="normal",
                          rng=None):
    """Create the weights and biases of a fully connected network.

    Used in notebooks 01, 02, 03, 04, 05 and 06.

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``: the number of input features, then the units of each layer.
    initialization : str, default "he"
        ``"zeros"``, ``"constant"``, ``"random"``, ``"lecun"``, ``"xavier"`` (or ``"glorot"``),
        ``"he"`` or ``"orthogonal"``; see the module docstring for the formulas.
    scale : float, optional
        For ``"random"``, the standard deviation (default 0.01); for ``"constant"``, the value
        of every weight (default 1.0); for ``"orthogonal"``, the gain (default sqrt(2)). Other
        initializations compute their scale from the layer sizes and reject this argument.
    distribution : {"normal", "uniform"}
        Draw from a normal distribution or from a uniform one with the same variance.
        ``"orthogonal"`` takes only ``"normal"`` (its Gaussian draw is orthonormalised).
    rng : None, int, numpy.random.Generator or numpy.random.RandomState
        Source of randomness. Weights are drawn layer by layer, each ``W_l`` as one draw of
        shape (n_l, n_{l-1}) that is then scaled (``"orthogonal"``: orthonormalised, then
        scaled, see ``orthogonal_matrix``); biases draw nothing. So
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
    dims = valid_layer_dims(layer_dims)
    initialization = valid_choice("initialization", initialization, INITIALIZATIONS)
    distribution = valid_choice("distribution", distribution, DISTRIBUTIONS)
    if scale is not None:
        if initialization not in SCALED:
            raise ValueError(
                f"scale is only used by initialization='random' or 'constant'; "
                f"initialization={initialization!r} "
                f"computes its own scale from the layer sizes, so leave scale=None"
            )
        scale = valid_number("scale", scale,
                             minimum=None if initialization == "constant" else 0)
    elif initialization in SCALED:
        scale = _DEFAULT_SCALE[initialization]
    if initialization == "orthogonal" and distribution != "normal":
        raise ValueError(
            f"initialization='orthogonal' orthonormalises a Gaussian draw; "
            f"distribution={distribution!r} is not available for it, use 'normal'"
        )
    rng = valid_rng(rng) if initialization not in ("zeros", "constant") else None

    params = {}
    for l in range(1, len(dims)):
        shape = (dims[l], dims[l - 1])
        if initialization == "zeros":
            W = np.zeros(shape)
        elif initialization == "constant":
            W = np.full(shape, scale)
        elif initialization == "orthogonal":
            W = orthogonal_matrix(shape, rng, gain=scale)
        else:
            std = weight_std(initialization, dims[l - 1], dims[l], scale)
            if distribution == "normal":
                W = rng.standard_normal(shape) * std
            else:
                W = rng.uniform(-1.0, 1.0, shape) * (math.sqrt(3.0) * std)
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((dims[l], 1))
    return params
