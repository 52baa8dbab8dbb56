"""Argument validation shared by the public functions: ``valid_<what>(...)`` returns the
argument, normalised, or raises.

Every validator raises a ``TypeError`` or ``ValueError`` whose message names the argument, the
value it received and what is allowed, so a mistake is reported where it is made rather than
as an ``IndexError`` deep inside numpy.
"""

import math
import numbers

import numpy as np


def _short(value):
    """A short repr of ``value`` for error messages."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def valid_choice(name, value, allowed):
    """Return ``value`` lower-cased if it is one of ``allowed`` (strings), else raise."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(allowed)}; got {_short(value)}")
    key = value.lower()
    if key not in allowed:
        raise ValueError(f"{name}={value!r} is not known; choose one of {sorted(allowed)}")
    return key


def valid_layer_dims(layer_dims):
    """Return ``layer_dims`` as a list of Python ints after checking it.

    It must be a list, tuple or 1-d integer array of at least two positive whole numbers:
    the input size followed by the size of every layer.
    """
    if isinstance(layer_dims, np.ndarray):
        if layer_dims.ndim != 1:
            raise ValueError(
                f"layer_dims must be a flat sequence of layer sizes; got an array of shape "
                f"{layer_dims.shape}"
            )
        layer_dims = layer_dims.tolist()
    if not isinstance(layer_dims, (list, tuple)):
        raise TypeError(
            f"layer_dims must be a list of layer sizes such as [2, 10, 5, 1]; "
            f"got {type(layer_dims).__name__} {_short(layer_dims)}"
        )
    if len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims must list the input size and at least one layer, e.g. [2, 1]; "
            f"got {list(layer_dims)}"
        )
    dims = []
    for i, n in enumerate(layer_dims):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(
                f"layer_dims[{i}] must be a whole number of units; got {_short(n)} "
                f"in layer_dims={list(layer_dims)}"
            )
        if n <= 0:
            raise ValueError(
                f"layer_dims[{i}] must be a positive number of units; got {n} "
                f"in layer_dims={list(layer_dims)}"
            )
        dims.append(int(n))
    return dims


def valid_number(name, value, *, minimum=None, strict=False):
    """Return ``value`` as a float after checking that it is a finite real number.

    With ``minimum``, the value must be ``>= minimum``, or ``> minimum`` when ``strict``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_short(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}")
    if minimum is not None and (value < minimum or (strict and value == minimum)):
        raise ValueError(f"{name} must be {'>' if strict else '>='} {minimum:g}; got {value}")
    return value


def valid_count(name, value, *, minimum=0):
    """Return ``value`` as an int after checking it is a whole number ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number; got {_short(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def valid_rng(rng):
    """Turn ``rng`` into a random generator object.

    Accepts None (fresh entropy), an int seed, a ``numpy.random.Generator`` or a legacy
    ``numpy.random.RandomState``; both generator kinds are returned as they are, so that
    ``RandomState(3)`` draws exactly what ``np.random.seed(3); np.random.randn(...)`` draws.
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (np.random.Generator, np.random.RandomState)):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"rng seed must be >= 0; got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        "rng must be None, an int seed, a numpy.random.Generator or a "
        f"numpy.random.RandomState; got {type(rng).__name__} {_short(rng)}"
    )


def valid_X(X, n_features=None):
    """Return ``X`` as a C-contiguous float64 array of shape (n_features, m) after checking it.

    A slice such as ``X[:, :100]`` is copied into a contiguous array (same values): numpy
    multiplies contiguous and strided arrays by different routines, whose results can differ
    in the last bit, and every function of the course should see the same numbers.
    """
    if not isinstance(X, np.ndarray):
        raise TypeError(f"X must be a numpy array of shape (n_features, m); got {_short(X)}")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-d with shape (n_features, m), one column per example; got shape "
            f"{X.shape} (for a single feature use X.reshape(1, -1))"
        )
    if X.shape[1] == 0:
        raise ValueError("X must hold at least one example (column); got shape " f"{X.shape}")
    if n_features is not None and X.shape[0] != n_features:
        raise ValueError(
            f"X has {X.shape[0]} rows (features) but layer_dims[0] / W1 expects {n_features}; "
            f"X must be (n_features, m) = ({n_features}, m), got {X.shape}"
            + (" (is X transposed?)" if X.shape[1] == n_features else "")
        )
    if not np.issubdtype(X.dtype, np.number) or np.issubdtype(X.dtype, np.complexfloating):
        raise TypeError(f"X must hold real numbers; got dtype {X.dtype}")
    X = np.ascontiguousarray(X, dtype=np.float64)
    if not np.isfinite(X).all():
        raise ValueError("X must be finite; it contains nan or inf")
    return X


def valid_Y(Y, m, n_classes=1):
    """Return ``Y`` after checking it holds the labels of m examples.

    With ``n_classes=1`` (one sigmoid output unit) ``Y`` is a (1, m) array of 0/1 labels; with
    ``n_classes >= 2`` (a softmax output) it is one-hot, (n_classes, m), a single 1 per column.
    """
    if not isinstance(Y, np.ndarray):
        raise TypeError(f"Y must be a numpy array of shape ({n_classes}, {m}); got {_short(Y)}")
    if n_classes > 1:
        if Y.shape != (n_classes, m):
            raise ValueError(
                f"Y must be one-hot with shape (n_classes, m) = ({n_classes}, {m}) to match X "
                f"and the {n_classes} output units; got {Y.shape}"
            )
        if not np.isin(Y, (0, 1)).all() or not (Y.sum(axis=0) == 1).all():
            raise ValueError("Y must be one-hot: 0/1 entries with a single 1 in every column")
        return Y
    if Y.shape != (1, m):
        hint = " (use Y.reshape(1, -1))" if Y.size == m else ""
        raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X; got {Y.shape}{hint}")
    if not np.isin(Y, (0, 1)).all():
        bad = np.unique(Y[~np.isin(Y, (0, 1))])[:5]
        raise ValueError(f"Y must hold only 0/1 labels; found {bad.tolist()}")
    return Y


def valid_params(params):
    """Return the number of layers L after checking ``params`` holds W1, b1, ..., WL, bL."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict with keys 'W1', 'b1', ...; got {_short(params)}")
    L = sum(1 for key in params if key.startswith("W"))
    if L == 0:
        raise ValueError(f"params has no weight matrices 'W1', 'W2', ...; keys: {sorted(params)}")
    for l in range(1, L + 1):
        W, b = params.get(f"W{l}"), params.get(f"b{l}")
        if not isinstance(W, np.ndarray) or W.ndim != 2:
            raise ValueError(
                f"params['W{l}'] must be a 2-d array (n_{l}, n_{l - 1}); got {_short(W)}"
            )
        if not isinstance(b, np.ndarray) or b.shape != (W.shape[0], 1):
            raise ValueError(
                f"params['b{l}'] must have shape ({W.shape[0]}, 1) to match W{l} {W.shape}; "
                f"got {_short(b) if not isinstance(b, np.ndarray) else b.shape}"
            )
        if l > 1 and W.shape[1] != params[f"W{l - 1}"].shape[0]:
            raise ValueError(
                f"params['W{l}'] has shape {W.shape} but layer {l - 1} has "
                f"{params[f'W{l - 1}'].shape[0]} units; expected ({W.shape[0]}, "
                f"{params[f'W{l - 1}'].shape[0]})"
            )
    return L

