"""What every judge needs: reading an answer, and the mistakes that several exercises share.

Each function raises ``Wrong`` with a hint the student can act on, or returns what it read.
"""

import math

import numpy as np

from .exercise import Wrong


def returned(outcome):
    """The value an answer returned, or the ``Wrong`` that explains why there is none."""
    if outcome.not_plain is not None:
        raise Wrong(f"return plain numbers, arrays, lists or dicts: {outcome.not_plain}")
    if outcome.raised is None:
        return outcome.value
    name, message = outcome.raised
    if name == "NotImplementedError":
        raise Wrong("not attempted yet: replace `raise NotImplementedError()` with your code")
    if name == "GradingTimeout":
        raise Wrong("your function did not finish in time (an endless loop?)")
    if name == "TypeError" and ("data type" in message or "Cannot interpret" in message):
        raise Wrong("np.zeros raised TypeError: the shape must be ONE tuple: "
                    "np.zeros((n_l, n_prev)), not np.zeros(n_l, n_prev) (the second argument "
                    "of np.zeros is the dtype)", message)
    raise Wrong(f"your function raised {name}", message)


def finite_number(value, what="a number"):
    """A real, finite number from an answer (Python or numpy, or a 0-d array)."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise Wrong(f"return {what}, not a {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise Wrong(f"your function returned {value}: return a finite number")
    return value


def number_array(value, name):
    """A numpy array of finite numbers from an answer; ``name`` says which in the hint."""
    if not isinstance(value, np.ndarray):
        raise Wrong(f"{name} should be a numpy array, not a {type(value).__name__}")
    if value.dtype.kind not in "biuf":
        raise Wrong(f"{name} should hold numbers")
    if not np.all(np.isfinite(value)):
        raise Wrong(f"{name} holds nan or inf")
    return value


def close(a, b, rel):
    """``a`` within ``rel`` (relative) of ``b``."""
    return abs(a - b) <= rel * abs(b)


def rng_argument(kind, seed):
    """The plain-data description of a random generator argument (``"default_rng"`` or
    ``"RandomState"``, seeded with ``seed``)."""
    return {"$rng": [kind, int(seed)]}


def judge_param_dict(params, layer_dims):
    """Keys, types and shapes of a parameter dict; the most common mistakes first."""
    if not isinstance(params, dict):
        raise Wrong(f"return a dict {{'W1': ..., 'b1': ..., ...}}, not {type(params).__name__}")
    L = len(layer_dims) - 1
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    missing = [k for k in expected if k not in params]
    if missing:
        raise Wrong("the dict needs keys W1, b1, ..., WL, bL (layers are numbered from 1)",
                    f"for layer_dims={layer_dims}: missing {missing}")
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = number_array(params[f"W{l}"], f"W{l}")
        b = number_array(params[f"b{l}"], f"b{l}")
        if W.shape != (n, n_prev):
            hint = " (transposed?)" if W.shape == (n_prev, n) else ""
            raise Wrong(f"W{l} has the wrong shape{hint}: rows are the units of layer l, "
                        "columns the inputs from layer l - 1",
                        f"shape {W.shape}, expected {(n, n_prev)}")
        if b.shape != (n, 1):
            hint = " - use a column: np.zeros((n_l, 1))" if b.shape == (n,) else ""
            raise Wrong(f"b{l} has the wrong shape{hint}", f"shape {b.shape}, expected {(n, 1)}")
        if W.dtype.kind != "f":
            raise Wrong(f"W{l} has dtype {W.dtype}; weights must be floats (float64)")


def judge_rng_use(outcomes, expected, name):
    """Judge the rng argument's use from three calls: seed s, seed s again, another seed."""
    first, again, other = outcomes
    if np.array_equal(first, expected):
        return
    if np.array_equal(first, other):
        raise Wrong(f"{name} are the same for different rng arguments: your function ignores "
                    "rng; draw from it (rng.standard_normal / rng.uniform), not from np.random")
    if not np.array_equal(first, again):
        raise Wrong(f"two calls with the same seed gave different {name}: draw from the rng "
                    "argument (rng.standard_normal / rng.uniform), not from np.random")


def seeded_calls(args, rng, seed):
    """Three calls that differ only in their last argument: ``rng`` seeded s, s, s + 1."""
    return {"calls": [{"args": [*args, rng_argument(rng, s)]} for s in (seed, seed, seed + 1)]}
