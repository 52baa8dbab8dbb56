"""Activation functions and their derivatives.

Each derivative is written in terms of what the forward pass already computed (the
pre-activation ``Z`` and the activation ``A = g(Z)``), which is how backpropagation uses it.
"""

import numpy as np


def relu(Z):
    """max(0, z), elementwise."""
    return np.maximum(Z, 0.0)


def sigmoid(Z):
    """1 / (1 + exp(-z)), elementwise.

    For z below about -709, exp(-z) overflows to inf and the result is exactly 0.0; for z
    above about 37 the result rounds to exactly 1.0 in float64. That saturation is what makes
    a naively computed cross-entropy infinite.
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-Z))


def tanh(Z):
    """Hyperbolic tangent, elementwise."""
    return np.tanh(Z)


def linear(Z):
    """The identity: a layer with no non-linearity."""
    return Z


def derivative(name, Z, A):
    """g'(Z) for activation ``name``, given ``Z`` and ``A = g(Z)`` (arrays of one shape)."""
    if name == "relu":
        return (Z > 0).astype(np.float64)
    if name == "tanh":
        return 1.0 - A * A
    if name == "sigmoid":
        return A * (1.0 - A)
    return np.ones_like(Z)


ACTIVATIONS = {"relu": relu, "tanh": tanh, "sigmoid": sigmoid, "linear": linear}
