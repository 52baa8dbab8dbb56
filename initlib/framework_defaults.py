"""What the frameworks do when you do not choose: their default initializations, in numpy.

==========  ===========================================  ================================
framework   weights W_l, shape (n_l, n_{l-1})             biases b_l, shape (n_l, 1)
==========  ===========================================  ================================
``pytorch`` U(-1/sqrt(fan_in), 1/sqrt(fan_in))           U(-1/sqrt(fan_in), 1/sqrt(fan_in))
``keras``   U(-a, a), a = sqrt(6 / (fan_in + fan_out))   0
``gpt2``    N(0, 0.02^2)                                 0
==========  ===========================================  ================================

PyTorch's ``nn.Linear`` calls ``kaiming_uniform_(weight, a=sqrt(5))``: the gain of a leaky
ReLU of slope sqrt(5) is sqrt(2 / (1 + 5)) = sqrt(1/3), and the bound sqrt(3) * gain /
sqrt(fan_in) = 1 / sqrt(fan_in), a variance of 1 / (3 fan_in). Keras' ``Dense`` uses
``glorot_uniform`` and zero biases. GPT-2 draws every weight from N(0, 0.02^2) and, in the
model, multiplies its residual output projections by 1 / sqrt(2 * n_layers) (see
``architectures.stack_forward``'s ``branch_scale``); a plain stack has no such projections.
"""

import math

from .initializers import initialize_parameters
from .validation import valid_choice, valid_layer_dims, valid_rng

FRAMEWORKS = ("pytorch", "keras", "gpt2")


def framework_parameters(framework, layer_dims, rng=None):
    """Parameters of a fully connected network initialized as ``framework`` does by default.

    Used in notebooks 05 and 06.

    Parameters
    ----------
    framework : {"pytorch", "keras", "gpt2"}
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``.
    rng : None, int, numpy.random.Generator or numpy.random.RandomState
        All weights are drawn first, layer by layer (one draw of shape (n_l, n_{l-1}) each);
        then, for ``"pytorch"``, the biases, layer by layer (one draw of shape (n_l, 1) each).

    Returns
    -------
    dict
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL", "bL"}``.
    """
    framework = valid_choice("framework", framework, FRAMEWORKS)
    dims = valid_layer_dims(layer_dims)
    rng = valid_rng(rng)
    if framework == "keras":
        return initialize_parameters(dims, "xavier", distribution="uniform", rng=rng)
    if framework == "gpt2":
        return initialize_parameters(dims, "random", scale=0.02, rng=rng)
    params = {}
    for l in range(1, len(dims)):  # pytorch: weights first, then biases
        bound = 1 / math.sqrt(dims[l - 1])
        params[f"W{l}"] = rng.uniform(-bound, bound, (dims[l], dims[l - 1]))
    for l in range(1, len(dims)):
        bound = 1 / math.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.uniform(-bound, bound, (dims[l], 1))
    return {key: params[key] for l in range(1, len(dims)) for key in (f"W{l}", f"b{l}")}
