"""Checkers for the notebooks' exercises: specific feedback, not bare assertions.

Each ``check_*`` function calls the student's function on a few cases, recognises the usual
mistakes and prints what is wrong with a hint. It prints a line starting with ``PASSED``
when everything is right, and otherwise raises ``CheckFailed`` whose message is the same
feedback (that is what lets nbgrader score the cell). An exercise still holding the
``raise NotImplementedError()`` placeholder reports "not attempted yet".

``hidden=True`` runs other cases than the visible check, so a solution that special-cases
the visible inputs does not pass the grade.
"""

import math

import numpy as np


class CheckFailed(Exception):
    """An exercise's answer is not right yet; the message says what to fix."""


def _fail(exercise, message):
    __tracebackhide__ = True
    text = f"Exercise {exercise}: {message}"
    print("NOT YET  " + text)
    raise CheckFailed(text) from None


def _passed(exercise, hidden, message):
    more = " (further cases)" if hidden else ""
    print(f"PASSED  Exercise {exercise}{more}: {message}")


def _call(exercise, fn, *args, **kwargs):
    """Call the student's function, turning its exceptions into feedback."""
    __tracebackhide__ = True
    if not callable(fn):
        _fail(exercise, f"expected a function, got {type(fn).__name__}")
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        _fail(exercise, "not attempted yet: replace `raise NotImplementedError()` with your code")
    except TypeError as error:
        if "data type" in str(error) or "Cannot interpret" in str(error):
            _fail(exercise, f"np.zeros raised TypeError: {error}. The shape must be ONE tuple: "
                            "np.zeros((n_l, n_prev)), not np.zeros(n_l, n_prev) (the second "
                            "argument of np.zeros is the dtype)")
        _fail(exercise, f"your function raised TypeError: {error}")
    except Exception as error:  # noqa: BLE001 - any crash becomes feedback
        _fail(exercise, f"your function raised {type(error).__name__}: {error}")


def _check_param_dict(exercise, params, layer_dims):
    """Keys, types and shapes of a parameter dict; the most common mistakes first."""
    __tracebackhide__ = True
    if not isinstance(params, dict):
        _fail(exercise, f"return a dict {{'W1': ..., 'b1': ..., ...}}, not {type(params).__name__}")
    L = len(layer_dims) - 1
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    missing = [k for k in expected if k not in params]
    if missing:
        _fail(exercise, f"for layer_dims={layer_dims} the dict needs keys {expected}; "
                        f"missing {missing} (layers are numbered from 1)")
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W, b = np.asarray(params[f"W{l}"]), np.asarray(params[f"b{l}"])
        if W.shape != (n, n_prev):
            hint = " (transposed?)" if W.shape == (n_prev, n) else ""
            _fail(exercise, f"W{l} has shape {W.shape}, expected {(n, n_prev)}{hint}: rows are "
                            f"the {n} units of layer {l}, columns the {n_prev} inputs from "
                            f"layer {l - 1}")
        if b.shape != (n, 1):
            hint = " - use a column: np.zeros((n_l, 1))" if b.shape == (n,) else ""
            _fail(exercise, f"b{l} has shape {b.shape}, expected {(n, 1)}{hint}")
        if not np.issubdtype(W.dtype, np.floating):
            _fail(exercise, f"W{l} has dtype {W.dtype}; weights must be floats (float64)")


# ---------------------------------------------------------------- notebook 01

def check_initialize_zeros(initialize_zeros, hidden=False):
    """Exercise 1.1: ``initialize_zeros(layer_dims)`` returns all-zero W and b."""
    __tracebackhide__ = True
    ex = "1.1"
    cases = [[4, 7, 2], [1, 1], [5, 3, 3, 8, 1]] if hidden else [[2, 10, 5, 1], [3, 4, 1]]
    for dims in cases:
        params = _call(ex, initialize_zeros, list(dims))
        _check_param_dict(ex, params, dims)
        for key, value in params.items():
            if np.any(np.asarray(value) != 0):
                _fail(ex, f"{key} should be all zeros but holds non-zero values "
                          f"(max |value| {np.abs(value).max():.3g})")
    _passed(ex, hidden, "every W[l] and b[l] is zero with the right shape")


def check_count_distinct(count_distinct, hidden=False):
    """Exercise 1.2: ``count_distinct(W, b)`` counts the distinct units (rows of [W | b])."""
    __tracebackhide__ = True
    ex = "1.2"
    rng = np.random.default_rng(11 if hidden else 1)
    row = rng.standard_normal(3)
    cases = [
        (np.tile(row, (4, 1)), np.zeros((4, 1)), 1, "four identical units"),
        (rng.standard_normal((5, 3)), np.zeros((5, 1)), 5, "five random units"),
        (np.tile(row, (3, 1)), np.array([[0.0], [1.0], [0.0]]), 2,
         "three units with equal weights, two different biases"),
    ]
    if hidden:
        W = rng.standard_normal((6, 2))
        W[3] = W[1]
        W[5] = W[1]
        cases.append((W, np.zeros((6, 1)), 4, "six units, three of them equal"))
        cases.append((np.zeros((7, 9)), np.zeros((7, 1)), 1, "a zero-initialized layer"))
    for W, b, expected, what in cases:
        got = _call(ex, count_distinct, W.copy(), b.copy())
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            _fail(ex, f"return a whole number (int); got {type(got).__name__} {got!r}")
        if got != expected:
            hint = ""
            if got == W.shape[0] and expected < W.shape[0]:
                hint = " - you seem to count all rows; count only the different ones"
            elif expected == 2 and got == 1:
                hint = " - remember the bias: units with different b are different"
            _fail(ex, f"for {what} (W of shape {W.shape}) expected {expected}, got {got}{hint}")
    _passed(ex, hidden, "distinct units counted correctly, biases included")


# ---------------------------------------------------------------- notebook 02

def _rng_pair(kind, seed):
    if kind == "generator":
        return np.random.default_rng(seed), np.random.default_rng(seed)
    return np.random.RandomState(seed), np.random.RandomState(seed)


def check_initialize_random(initialize_random, hidden=False):
    """Exercise 2.1: ``initialize_random(layer_dims, scale, rng)``, W = standard normal * scale."""
    __tracebackhide__ = True
    ex = "2.1"
    cases = ([([3, 50, 40, 1], 0.3, "generator", 5), ([6, 60, 2], 2.0, "randomstate", 9)]
             if hidden else [([2, 10, 5, 1], 10.0, "randomstate", 3),
                             ([4, 200, 300], 0.01, "generator", 0)])
    for dims, scale, kind, seed in cases:
        rng, rng_copy = _rng_pair(kind, seed)
        params = _call(ex, initialize_random, list(dims), scale, rng)
        _check_param_dict(ex, params, dims)
        for l in range(1, len(dims)):
            W, b = np.asarray(params[f"W{l}"]), np.asarray(params[f"b{l}"])
            expected = rng_copy.standard_normal(W.shape) * scale
            if np.any(b != 0):
                _fail(ex, f"b{l} is not zero: draw only the weights at random, biases start "
                          "at 0 (random weights already break the symmetry)")
            if W.size > 1 and np.all(W == W.flat[0]):
                _fail(ex, f"every entry of W{l} equals {W.flat[0]:.3g}: that is a constant, not "
                          "a random initialization, and the units stay identical")
            if np.allclose(W, expected, rtol=1e-12, atol=0):
                continue
            ratio = W.ravel() / expected.ravel()
            if np.allclose(ratio, ratio[0], rtol=1e-9):
                _fail(ex, f"W{l} is the right draw times {ratio[0] * scale:.3g} instead of times "
                          f"scale = {scale:g}: multiply the standard-normal draw by scale")
            if W.size >= 100:
                ratio = W.std() / scale
                if abs(ratio - 1) > 0.2:
                    _fail(ex, f"std of W{l} is {W.std():.3g}, expected about scale = {scale:g}: "
                              "multiply the standard-normal draw by scale")
            if np.allclose(np.sort(W.ravel()), np.sort(expected.ravel()), rtol=1e-12):
                _fail(ex, f"W{l} holds the right numbers in the wrong places: draw "
                          f"rng.standard_normal(({dims[l]}, {dims[l - 1]})) in one call, "
                          "layer by layer in order")
            _fail(ex, f"W{l} is not the expected draw. Use the rng you are given "
                      "(rng.standard_normal((n_l, n_prev)) * scale), layer by layer in order, "
                      "so the same seed gives the same weights; np.random.randn ignores it")
    _passed(ex, hidden, "random weights with the right shape and scale, zero biases, reproducible")


def check_predicted_std(predicted_std, hidden=False):
    """Exercise 2.2: ``predicted_std(scale, n, L)``: std after L linear layers of width n.

    Each layer multiplies the variance by n * scale**2, so the std after L layers (input std 1)
    is (scale * sqrt(n)) ** L.
    """
    __tracebackhide__ = True
    ex = "2.2"
    cases = ([(0.05, 100, 10), (0.2, 64, 5), (0.1, 100, 0)] if hidden
             else [(0.01, 100, 1), (0.01, 100, 10), (1 / math.sqrt(512), 512, 50), (0.1, 400, 3)])
    for scale, n, L in cases:
        got = _call(ex, predicted_std, scale, n, L)
        try:
            got = float(got)
        except (TypeError, ValueError):
            _fail(ex, f"return a number; got {type(got).__name__}")
        expected = (scale * math.sqrt(n)) ** L
        if math.isclose(got, expected, rel_tol=1e-9):
            continue
        where = f"for scale={scale:g}, n={n}, L={L} expected {expected:.4g}, got {got:.4g}"
        if math.isclose(got, expected**2, rel_tol=1e-9):
            _fail(ex, f"{where}: that is the variance; the std is its square root")
        if math.isclose(got, scale * math.sqrt(n), rel_tol=1e-9) and L != 1:
            _fail(ex, f"{where}: that is one layer's factor; it applies once per layer (power L)")
        if math.isclose(got, (scale * n) ** L, rel_tol=1e-9):
            _fail(ex, f"{where}: a sum of n independent terms grows like sqrt(n), not n")
        _fail(ex, f"{where}. Hint: one layer multiplies the std by scale * sqrt(n)")
    _passed(ex, hidden, "the std after L layers is (scale * sqrt(n)) ** L")


# ---------------------------------------------------------------- notebook 03

def _weights_for(ex, fn, fan_in, fan_out, seed):
    __tracebackhide__ = True
    W = _call(ex, fn, fan_in, fan_out, np.random.default_rng(seed))
    W = np.asarray(W)
    if W.shape != (fan_out, fan_in):
        hint = " (transposed?)" if W.shape == (fan_in, fan_out) else ""
        _fail(ex, f"the weights have shape {W.shape}, expected (fan_out, fan_in) = "
                  f"{(fan_out, fan_in)}{hint}: one row per unit, one column per input")
    if W.size > 1 and np.all(W == W.flat[0]):
        _fail(ex, "every weight is the same number: draw them at random")
    W2 = np.asarray(_call(ex, fn, fan_in, fan_out, np.random.default_rng(seed)))
    if not np.array_equal(W, W2):
        _fail(ex, "two calls with the same seed gave different weights: draw from the rng "
                  "argument (rng.standard_normal / rng.uniform), not from np.random")
    return W


def _std_diagnosis(ex, std, fan_in, fan_out, target, name):
    """Explain which well-known formula a measured std matches instead of ``target``."""
    __tracebackhide__ = True
    candidates = [
        (math.sqrt(1 / fan_in), "sqrt(1 / fan_in), LeCun's scale; He needs sqrt(2 / fan_in) "
                                "because a ReLU zeroes half of its inputs"),
        (2 / fan_in, "2 / fan_in: that is the variance; the std is its square root"),
        (math.sqrt(2 / fan_out), "sqrt(2 / fan_out): He's forward rule divides by fan_in, the "
                                 "number of inputs each unit sums"),
        (math.sqrt(2 / (fan_in + fan_out)), "sqrt(2 / (fan_in + fan_out)), Glorot/Xavier's "
                                            "scale, not He's"),
        (1.0, "1: the standard normal was not scaled"),
    ]
    for value, explanation in candidates:
        if abs(std / value - 1) < 0.08:
            _fail(ex, f"std of the weights is {std:.3g}, {name} expects {target:.3g}; yours "
                      f"matches {explanation}")
    _fail(ex, f"std of the weights is {std:.3g}, {name} expects {target:.3g} = "
              f"sqrt(2 / fan_in) with fan_in = {fan_in}")


def check_he_normal(he_normal, hidden=False):
    """Exercise 3.1: ``he_normal(fan_in, fan_out, rng)``: (fan_out, fan_in), std sqrt(2/fan_in)."""
    __tracebackhide__ = True
    ex = "3.1"
    cases = [(300, 700, 4), (1000, 250, 8)] if hidden else [(500, 200, 0), (200, 800, 1)]
    for fan_in, fan_out, seed in cases:
        W = _weights_for(ex, he_normal, fan_in, fan_out, seed)
        target = math.sqrt(2 / fan_in)
        if abs(W.std() / target - 1) > 0.03:
            _std_diagnosis(ex, W.std(), fan_in, fan_out, target, "He")
        if np.abs(W).max() < 3.2 * target:
            _fail(ex, "no weight lies beyond 3.2 std: draws look uniform or truncated; "
                      "He normal draws from a normal distribution")
        if abs(W.mean()) > 0.05 * target:
            _fail(ex, f"the weights' mean is {W.mean():.3g}; they should be centred on 0")
    _passed(ex, hidden, "shape (fan_out, fan_in), normal, std sqrt(2 / fan_in)")


def check_he_uniform(he_uniform, hidden=False):
    """Exercise 3.2: ``he_uniform(fan_in, fan_out, rng)``: U(-a, a) with a = sqrt(6 / fan_in)."""
    __tracebackhide__ = True
    ex = "3.2"
    cases = [(400, 600, 6), (900, 100, 2)] if hidden else [(500, 200, 0), (200, 800, 1)]
    for fan_in, fan_out, seed in cases:
        W = _weights_for(ex, he_uniform, fan_in, fan_out, seed)
        limit = math.sqrt(6 / fan_in)
        top = np.abs(W).max()
        wrong_limits = [
            (math.sqrt(2 / fan_in), "sqrt(2 / fan_in) is He's std; the uniform limit is "
                                    "sqrt(3) times the std, sqrt(6 / fan_in)"),
            (math.sqrt(6 / (fan_in + fan_out)), "sqrt(6 / (fan_in + fan_out)) is Glorot's "
                                                "uniform limit, not He's"),
            (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out), "sqrt(6/fan_in) + sqrt(6/fan_out) "
                                                             "is the source text's mistake"),
            (math.sqrt(3 / fan_in), "sqrt(3 / fan_in) is LeCun's uniform limit; He has a 2 "
                                    "for the ReLU: sqrt(6 / fan_in)"),
            (math.sqrt(6 / fan_out), "sqrt(6 / fan_out) uses fan_out; He divides by fan_in"),
        ]
        if top > 1.001 * limit and top > 3.5 * W.std():
            _fail(ex, f"weights reach {top:.3g}, far beyond their std {W.std():.3g}: this looks "
                      "normal; He uniform draws from rng.uniform(-a, a)")
        if abs(top / limit - 1) > 0.02:
            for value, explanation in wrong_limits:
                if abs(top / value - 1) < 0.02:
                    _fail(ex, f"the weights reach +-{top:.3g}, expected +-{limit:.3g}: "
                              f"{explanation}")
            _fail(ex, f"the weights reach +-{top:.3g}, expected a = sqrt(6 / fan_in) = {limit:.3g}")
        target = math.sqrt(2 / fan_in)
        if abs(W.std() / target - 1) > 0.03:
            _fail(ex, f"std is {W.std():.3g}, expected {target:.3g}: spread the weights evenly "
                      "over (-a, a)")
    _passed(ex, hidden, "uniform on (-sqrt(6 / fan_in), +sqrt(6 / fan_in)), std sqrt(2 / fan_in)")


# ---------------------------------------------------------------- notebook 04

def check_init_std(init_std, hidden=False):
    """Exercise 4.1: ``init_std(method, fan_in, fan_out)`` for "lecun", "xavier" and "he"."""
    __tracebackhide__ = True
    ex = "4.1"
    sizes = [(300, 100), (7, 50)] if hidden else [(100, 100), (2, 10), (512, 256)]
    formulas = {
        "lecun": (lambda i, o: math.sqrt(1 / i), "sqrt(1 / fan_in)"),
        "xavier": (lambda i, o: math.sqrt(2 / (i + o)), "sqrt(2 / (fan_in + fan_out))"),
        "he": (lambda i, o: math.sqrt(2 / i), "sqrt(2 / fan_in)"),
    }
    for method, (formula, text) in formulas.items():
        for fan_in, fan_out in sizes:
            got = _call(ex, init_std, method, fan_in, fan_out)
            try:
                got = float(got)
            except (TypeError, ValueError):
                _fail(ex, f"return a number; got {type(got).__name__} for {method!r}")
            expected = formula(fan_in, fan_out)
            if math.isclose(got, expected, rel_tol=1e-9):
                continue
            where = (f"init_std({method!r}, fan_in={fan_in}, fan_out={fan_out}) returned "
                     f"{got:.4g}, expected {text} = {expected:.4g}")
            if math.isclose(got, expected**2, rel_tol=1e-9):
                _fail(ex, f"{where}: you returned the variance; take its square root")
            for other, (f2, text2) in formulas.items():
                if other != method and math.isclose(got, f2(fan_in, fan_out), rel_tol=1e-9):
                    _fail(ex, f"{where}: that is the {other} formula {text2}")
            if math.isclose(got, formula(fan_out, fan_in), rel_tol=1e-9):
                _fail(ex, f"{where}: fan_in and fan_out are swapped")
            _fail(ex, where)
    _passed(ex, hidden, "LeCun sqrt(1/fan_in), Xavier sqrt(2/(fan_in+fan_out)), He sqrt(2/fan_in)")
