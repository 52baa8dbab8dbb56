"""Activation functions and their derivatives.

Each function works elementwise on an array of any shape. The optional ``out`` argument
writes the result into an existing array instead of a new one; the arithmetic, and so every
bit of the result, is the same either way (the fast training loop relies on that).

A derivative is written in terms of what the forward pass already computed, the
pre-activation ``Z`` and the activation ``A = g(Z)``, which is how backpropagation uses it.
"""

import numpy as np

_ZERO = np.zeros(1)  # np.maximum(Z, 0.0), with the 0 as an array: same values, a faster loop


def relu(Z, out=None):
    """max(0, z), elementwise."""
    return np.maximum(Z, _ZERO if np.ndim(Z) else 0.0, out=out)


def sigmoid(Z, out=None):
    """1 / (1 + exp(-z)), elementwise.

    Used in notebook 04.

    For z below about -709, exp(-z) overflows to inf and the result is exactly 0.0; for z
    above about 37 the result rounds to exactly 1.0 in float64. That saturation is what makes
    a naively computed cross-entropy infinite.
    """
    with np.errstate(over="ignore"):
        out = np.negative(Z, out=out)
        np.exp(out, out=out)
        out += 1.0
        return np.divide(1.0, out, out=out)


def tanh(Z, out=None):
    """Hyperbolic tangent, elementwise, computed as 1 - 2 / (exp(2z) + 1).

    Used in notebooks 03 and 06. The formula gives what ``np.tanh`` gives to within about
    4e-16 (absolute) and takes less than half its time on common CPUs, which matters in the
    training loops, where the activation is the costliest step of a tanh network. Large |z|
    saturate cleanly: exp(2z) overflows to inf above z = 354 and the result is exactly 1.0.
    """
    with np.errstate(over="ignore"):
        out = np.multiply(Z, 2.0, out=out)
        np.exp(out, out=out)
        out += 1.0
        np.divide(2.0, out, out=out)
        return np.subtract(1.0, out, out=out)


def linear(Z, out=None):
    """The identity: a layer with no non-linearity."""
    if out is None:
        return Z
    np.copyto(out, Z)
    return out


def derivative(hidden_activation, Z, A, out=None):
    """g'(Z) for the activation named ``hidden_activation``, given ``Z`` and ``A = g(Z)``.

    relu: 1 where z > 0, else 0;  tanh: 1 - a^2;  sigmoid: a (1 - a);  linear: 1.
    """
    if out is None:
        out = np.empty_like(Z, dtype=np.float64)
    if hidden_activation == "relu":
        np.greater(Z, 0.0, out=out)
    elif hidden_activation == "tanh":
        np.multiply(A, A, out=out)
        np.subtract(1.0, out, out=out)
    elif hidden_activation == "sigmoid":
        np.subtract(1.0, A, out=out)
        out *= A
    else:
        out.fill(1.0)
    return out


ACTIVATIONS = {"relu": relu, "tanh": tanh, "sigmoid": sigmoid, "linear": linear}
HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)
