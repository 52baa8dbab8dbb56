"""Checkers for the notebooks' exercises: specific feedback, not bare assertions.

Each exercise has a few cases (the arguments of the calls, as plain data) and a judge: given
what the student's function returned on a case, it says which mistake it is, or nothing when
the answer is right. ``check_initialize_zeros(initialize_zeros)`` and its siblings run the
cases in the notebook and print a line starting with ``PASSED`` when everything is right;
otherwise they raise ``CheckFailed`` whose message names the mistake and gives a hint. An
exercise still holding ``raise NotImplementedError()`` reports "not attempted yet".

The course's grader uses the same judges on further cases of its own, with the answers
computed apart from the student's code (see ``initlib.plain_data``).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .plain_data import Outcome, array, build, call_record


class CheckFailed(Exception):
    """An exercise's answer is not right yet; the message says what to fix."""

    def _render_traceback_(self):
        # how IPython shows it: the message alone, not a traceback through the checker's code
        return [f"CheckFailed: {self}"]


class Wrong(Exception):
    """A judge's finding: ``what`` went wrong (no inputs or values), ``detail`` on which case."""

    def __init__(self, what, detail=""):
        super().__init__(what)
        self.what, self.detail = what, detail

    def message(self, show_case=True):
        return f"{self.what} ({self.detail})" if show_case and self.detail else self.what


@dataclass(frozen=True)
class Exercise:
    """One exercise: its number, the function it asks for, the visible cases and the judge."""

    number: str
    function: str
    cases: tuple
    judge: Callable
    praise: str


EXERCISES = {}


def _exercise(number, function, cases, praise):
    def register(judge):
        EXERCISES[function] = Exercise(number, function, tuple(cases), judge, praise)
        return judge
    return register


def judge_case(function, case, records):
    """Run the judge of exercise ``function`` on one case; the ``Wrong`` finding or None."""
    outcomes = [Outcome(record) for record in records]
    try:
        EXERCISES[function].judge(case, outcomes)
    except Wrong as wrong:
        return wrong
    return None


def check(function, answer):
    """Run the visible cases of exercise ``function`` on ``answer`` and print the verdict."""
    __tracebackhide__ = True
    exercise = EXERCISES[function]
    if not callable(answer):
        wrong = Wrong(f"expected a function, got {type(answer).__name__}")
    else:
        wrong = None
        for case in exercise.cases:
            wrong = judge_case(function, case, [call_record(answer, c) for c in case["calls"]])
            if wrong is not None:
                break
    if wrong is not None:
        text = f"Exercise {exercise.number}: {wrong.message()}"
        print("NOT YET  " + text)
        raise CheckFailed(text) from None
    print(f"PASSED  Exercise {exercise.number}: {exercise.praise}")


# ---------------------------------------------------------------- what every judge needs

def _answer(outcome):
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


def _number(value, what="a number"):
    """A real, finite number from an answer (Python or numpy, or a 0-d array)."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise Wrong(f"return {what}, not a {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise Wrong(f"your function returned {value}: return a finite number")
    return value


def _float_array(value, name):
    if not isinstance(value, np.ndarray):
        raise Wrong(f"{name} should be a numpy array, not a {type(value).__name__}")
    if value.dtype.kind not in "biuf":
        raise Wrong(f"{name} should hold numbers")
    if not np.all(np.isfinite(value)):
        raise Wrong(f"{name} holds nan or inf")
    return value


def _close(a, b, rel):
    return abs(a - b) <= rel * abs(b)


def _rng(kind, seed):
    return {"$rng": [kind, seed]}


def _check_param_dict(params, layer_dims):
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
        W = _float_array(params[f"W{l}"], f"W{l}")
        b = _float_array(params[f"b{l}"], f"b{l}")
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


def _rng_draws(outcomes, expected, name):
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


# ---------------------------------------------------------------- notebook 01

def _zeros_case(layer_dims):
    return {"calls": [{"args": [list(layer_dims)]}]}


@_exercise("1.1", "initialize_zeros", [_zeros_case([2, 10, 5, 1]), _zeros_case([3, 4, 1])],
           "every W[l] and b[l] is zero with the right shape")
def judge_initialize_zeros(case, outcomes):
    """Exercise 1.1: ``initialize_zeros(layer_dims)`` returns all-zero W and b."""
    (layer_dims,) = case["calls"][0]["args"]
    params = _answer(outcomes[0])
    _check_param_dict(params, layer_dims)
    for key in sorted(params):
        value = params[key]
        if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and np.any(value != 0):
            raise Wrong(f"{key} should be all zeros but holds non-zero values",
                        f"max |value| {np.abs(value).max():.3g}")


def _distinct_case(W, b, expected):
    return {"calls": [{"args": [array(W), array(b)]}], "expected": expected}


def _distinct_cases(seed, more):
    rng = np.random.default_rng(seed)
    row = rng.standard_normal(3)
    cases = [
        _distinct_case(np.tile(row, (4, 1)), np.zeros((4, 1)), 1),
        _distinct_case(rng.standard_normal((5, 3)), np.zeros((5, 1)), 5),
        _distinct_case(np.tile(row, (3, 1)), [[0.0], [1.0], [0.0]], 2),
    ]
    if more:
        W = rng.standard_normal((6, 2))
        W[3] = W[5] = W[1]
        cases += [_distinct_case(W, np.zeros((6, 1)), 4),
                  _distinct_case(np.zeros((7, 9)), np.zeros((7, 1)), 1)]
    return cases


@_exercise("1.2", "count_distinct", _distinct_cases(1, more=False),
           "distinct units counted correctly, biases included")
def judge_count_distinct(case, outcomes):
    """Exercise 1.2: ``count_distinct(W, b)`` counts the distinct units (rows of [W | b])."""
    W, b = build(case["calls"][0]["args"])
    expected = case["expected"]
    got = _answer(outcomes[0])
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
        raise Wrong(f"return a whole number (int), not a {type(got).__name__}")
    if got != expected:
        hint = ""
        if got == W.shape[0] and expected < W.shape[0]:
            hint = ": you seem to count all rows; count only the different ones"
        elif expected > 1 and got == len({tuple(row) for row in W}):
            hint = ": remember the bias - units with different b are different"
        raise Wrong(f"wrong number of distinct units{hint}",
                    f"W of shape {W.shape}: expected {expected}, got {got}")


# ---------------------------------------------------------------- notebook 02

def _random_case(layer_dims, scale, kind, seed):
    return {"calls": [{"args": [list(layer_dims), scale, _rng(kind, s)]}
                      for s in (seed, seed, seed + 1)]}


@_exercise("2.1", "initialize_random",
           [_random_case([2, 10, 5, 1], 10.0, "RandomState", 3),
            _random_case([4, 200, 300], 0.01, "default_rng", 0)],
           "random weights with the right shape and scale, zero biases, reproducible")
def judge_initialize_random(case, outcomes):
    """Exercise 2.1: ``initialize_random(layer_dims, scale, rng)``: standard normal * scale."""
    layer_dims, scale, rng = build(case["calls"][0]["args"])
    answers = [_answer(outcome) for outcome in outcomes]
    for params in answers:
        _check_param_dict(params, layer_dims)
    params = answers[0]
    for l in range(1, len(layer_dims)):
        W, b = params[f"W{l}"], params[f"b{l}"]
        expected = rng.standard_normal(W.shape) * scale
        if np.any(b != 0):
            raise Wrong(f"b{l} is not zero: draw only the weights at random, biases start at 0 "
                        "(random weights already break the symmetry)")
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong(f"every entry of W{l} is the same number: that is a constant, not a "
                        "random initialization, and the units stay identical")
        if np.allclose(W, expected, rtol=1e-12, atol=0):
            continue
        _rng_draws([a[f"W{l}"] for a in answers], expected, "weights")
        ratio = W.ravel() / expected.ravel()
        if np.allclose(ratio, ratio[0], rtol=1e-9):
            raise Wrong(f"W{l} is the right draw times the wrong factor: multiply the "
                        "standard-normal draw by scale", f"times {ratio[0] * scale:.3g} instead "
                                                         f"of scale = {scale:g}")
        if W.size >= 100 and abs(W.std() / scale - 1) > 0.2:
            raise Wrong(f"the std of W{l} is not about scale: multiply the standard-normal "
                        "draw by scale", f"std {W.std():.3g}, scale {scale:g}")
        if np.allclose(np.sort(W.ravel()), np.sort(expected.ravel()), rtol=1e-12):
            raise Wrong(f"W{l} holds the right numbers in the wrong places: draw "
                        "rng.standard_normal((n_l, n_prev)) in one call, layer by layer in order")
        raise Wrong(f"W{l} is not the draw the exercise asks for: use the rng you are given, "
                    "rng.standard_normal((n_l, n_prev)) * scale, layer by layer in order, so the "
                    "same seed gives the same weights")


def _std_case(scale, n, L):
    return {"calls": [{"args": [scale, n, L]}]}


@_exercise("2.2", "predicted_std",
           [_std_case(0.01, 100, 1), _std_case(0.01, 100, 10),
            _std_case(1 / math.sqrt(512), 512, 50), _std_case(0.1, 400, 3)],
           "the std after L layers is (scale * sqrt(n)) ** L")
def judge_predicted_std(case, outcomes):
    """Exercise 2.2: ``predicted_std(scale, n, L)``: std after L linear layers of width n.

    Each layer multiplies the variance by n * scale**2, so the std after L layers (input std 1)
    is (scale * sqrt(n)) ** L.
    """
    scale, n, L = case["calls"][0]["args"]
    got = _number(_answer(outcomes[0]))
    expected = (scale * math.sqrt(n)) ** L
    if math.isclose(got, expected, rel_tol=1e-9):
        return
    where = f"for scale={scale:g}, n={n}, L={L} expected {expected:.4g}, got {got:.4g}"
    factor = scale * math.sqrt(n)
    if math.isclose(got, expected**2, rel_tol=1e-9):
        raise Wrong("that is the variance; the std is its square root", where)
    if L != 1 and math.isclose(got, factor, rel_tol=1e-9):
        raise Wrong("that is one layer's factor; it applies once per layer (power L)", where)
    if L > 1 and math.isclose(got, factor * L, rel_tol=1e-9):
        raise Wrong("scale * sqrt(n) * L treats the layers as a sum where a product belongs: "
                    "each layer multiplies the std by scale * sqrt(n), so after L layers it is "
                    "(scale * sqrt(n)) ** L", where)
    if math.isclose(got, (scale * n) ** L, rel_tol=1e-9):
        raise Wrong("a sum of n independent terms has a std that grows like sqrt(n), not n",
                    where)
    raise Wrong("not the std after L layers. Hint: one layer multiplies the std by "
                "scale * sqrt(n)", where)


# ---------------------------------------------------------------- notebook 03

def _fan_case(fan_in, fan_out, seed):
    return {"calls": [{"args": [fan_in, fan_out, _rng("default_rng", s)]}
                      for s in (seed, seed, seed + 1)]}


def _weights(case, outcomes):
    """The three weight matrices of a fan case, with shape and constancy checked."""
    fan_in, fan_out, _ = case["calls"][0]["args"]
    answers = []
    for outcome in outcomes:
        W = _float_array(_answer(outcome), "the weights")
        if W.shape != (fan_out, fan_in):
            hint = " (transposed?)" if W.shape == (fan_in, fan_out) else ""
            raise Wrong(f"the weights have the wrong shape{hint}: (fan_out, fan_in), one row "
                        "per unit, one column per input",
                        f"shape {W.shape}, expected {(fan_out, fan_in)}")
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong("every weight is the same number: draw them at random")
        answers.append(W)
    return fan_in, fan_out, answers


def _std_diagnosis(std, fan_in, fan_out, target, name):
    """Explain which well-known formula a measured std matches instead of ``target``."""
    candidates = [
        (math.sqrt(1 / fan_in), "the std matches sqrt(1 / fan_in), LeCun's scale; He needs "
                                "sqrt(2 / fan_in) because a ReLU zeroes half of its inputs"),
        (2 / fan_in, "the std matches 2 / fan_in: that is the variance; the std is its square "
                     "root"),
        (math.sqrt(2 / fan_out), "the std matches sqrt(2 / fan_out): He's forward rule divides "
                                 "by fan_in, the number of inputs each unit sums"),
        (math.sqrt(2 / (fan_in + fan_out)), "the std matches sqrt(2 / (fan_in + fan_out)), "
                                            "Glorot/Xavier's scale, not He's"),
        (1.0, "the std is 1: the standard normal was not scaled"),
    ]
    where = f"std {std:.3g}, {name} expects {target:.3g}"
    for value, explanation in candidates:
        if abs(std / value - 1) < 0.08:
            raise Wrong(explanation, where)
    raise Wrong("the std of the weights is not sqrt(2 / fan_in)", where)


@_exercise("3.1", "he_normal", [_fan_case(300, 100, 0), _fan_case(100, 400, 1)],
           "shape (fan_out, fan_in), normal, std sqrt(2 / fan_in), drawn from rng")
def judge_he_normal(case, outcomes):
    """Exercise 3.1: ``he_normal(fan_in, fan_out, rng)``: (fan_out, fan_in), std sqrt(2/fan_in)."""
    fan_in, fan_out, answers = _weights(case, outcomes)
    W = answers[0]
    target = math.sqrt(2 / fan_in)
    rng = build(case["calls"][0]["args"][2])
    expected = rng.standard_normal((fan_out, fan_in)) * target
    if np.allclose(W, expected, rtol=1e-12, atol=1e-12 * target):
        return
    _rng_draws(answers, expected, "weights")
    if abs(W.std() / target - 1) > 0.03:
        _std_diagnosis(W.std(), fan_in, fan_out, target, "He")
    if np.abs(W).max() < 3.2 * target:
        raise Wrong("no weight lies beyond 3.2 std: the draws look uniform or truncated; "
                    "He normal draws from a normal distribution")
    raise Wrong("right spread, but not the draw the exercise asks for: "
                "rng.standard_normal((fan_out, fan_in)) * sqrt(2 / fan_in)")


@_exercise("3.2", "he_uniform", [_fan_case(300, 100, 0), _fan_case(100, 400, 1)],
           "uniform on (-sqrt(6 / fan_in), +sqrt(6 / fan_in)), drawn from rng")
def judge_he_uniform(case, outcomes):
    """Exercise 3.2: ``he_uniform(fan_in, fan_out, rng)``: U(-a, a) with a = sqrt(6 / fan_in)."""
    fan_in, fan_out, answers = _weights(case, outcomes)
    W = answers[0]
    limit = math.sqrt(6 / fan_in)
    rng = build(case["calls"][0]["args"][2])
    expected = rng.uniform(-limit, limit, (fan_out, fan_in))
    if np.allclose(W, expected, rtol=1e-12, atol=1e-12 * limit):
        return
    _rng_draws(answers, expected, "weights")
    top = np.abs(W).max()
    wrong_limits = [
        (math.sqrt(2 / fan_in), "sqrt(2 / fan_in) is He's std; the uniform limit is sqrt(3) "
                                "times the std, sqrt(6 / fan_in)"),
        (math.sqrt(6 / (fan_in + fan_out)), "sqrt(6 / (fan_in + fan_out)) is Glorot's uniform "
                                            "limit, not He's"),
        (math.sqrt(6 / fan_in) + math.sqrt(6 / fan_out), "sqrt(6/fan_in) + sqrt(6/fan_out) is "
                                                         "the source text's mistake"),
        (math.sqrt(3 / fan_in), "sqrt(3 / fan_in) is LeCun's uniform limit; He has a 2 for the "
                                "ReLU: sqrt(6 / fan_in)"),
        (math.sqrt(6 / fan_out), "sqrt(6 / fan_out) uses fan_out; He divides by fan_in"),
    ]
    where = f"the weights reach +-{top:.3g}, expected +-{limit:.3g}"
    if top > 1.001 * limit and top > 3.5 * W.std():
        raise Wrong("the weights reach far beyond their std: this looks normal; He uniform "
                    "draws from rng.uniform(-a, a)", where)
    if abs(top / limit - 1) > 0.02:
        for value, explanation in wrong_limits:
            if abs(top / value - 1) < 0.02:
                raise Wrong(f"wrong limit: {explanation}", where)
        raise Wrong("wrong limit: a = sqrt(6 / fan_in)", where)
    raise Wrong("right range, but not the draw the exercise asks for: "
                "rng.uniform(-a, a, (fan_out, fan_in)) with a = sqrt(6 / fan_in)")


# ---------------------------------------------------------------- notebook 04

def _gain_case(name, **parameters):
    return {"calls": [{"args": [{"$activation": dict(name=name, **parameters)}]}]}


@_exercise("4.1", "gain_for", [_gain_case("relu"), _gain_case("identity"), _gain_case("tanh")],
           "the gain is 1 / sqrt(E[f(z)^2]) for z ~ N(0, 1)")
def judge_gain_for(case, outcomes):
    """Exercise 4.1: ``gain_for(activation)`` = 1 / sqrt(E[activation(z)^2]), z ~ N(0, 1).

    Right within 3%: the student estimates the second moment by simulation.
    """
    activation = build(case["calls"][0]["args"][0])
    got = _number(_answer(outcomes[0]), "a number, the gain")
    z = np.linspace(-12.0, 12.0, 240_001)
    density = np.exp(-z**2 / 2) / math.sqrt(2 * math.pi) * (z[1] - z[0])
    f = activation(z)
    moment = float(np.sum(f**2 * density))
    mean = float(np.sum(f * density))
    expected = 1 / math.sqrt(moment)
    if _close(got, expected, 0.03):
        return
    where = f"for this activation the gain is {expected:.3g}, you returned {got:.3g}"
    candidates = [
        (moment, "you returned E[f(z)^2] itself; the gain is 1 / sqrt(E[f(z)^2])"),
        (1 / moment, "you returned 1 / E[f(z)^2], the gain squared; take its square root"),
        (math.sqrt(moment), "you returned sqrt(E[f(z)^2]); the gain is its inverse, "
                            "1 / sqrt(E[f(z)^2])"),
        (1 / math.sqrt(moment - mean**2), "you used the variance of f(z); the next layer sums "
                                          "f(z) with its mean, so what counts is the second "
                                          "moment E[f(z)^2]"),
        (1 / math.sqrt(float(np.sum(np.abs(f) * density))),
         "you took 1 / sqrt of the mean of |f(z)|; square f(z) before averaging"),
        (1.0, "1 is the gain for no activation at all: measure f(z), not z"),
    ]
    for value, explanation in candidates:
        if _close(got, value, 0.03) and not _close(value, expected, 0.06):
            raise Wrong(explanation, where)
    raise Wrong("the gain should be 1 / sqrt(E[f(z)^2]) for z ~ N(0, 1): draw many z, apply "
                "the activation, average the squares", where)


# ---------------------------------------------------------------- notebook 05

def _relu_network_case(layer_dims, m, gains, seed):
    """A ReLU network with badly scaled weights (gains / sqrt(fan_in)), small biases, and X."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = array(W * gains[l - 1] / math.sqrt(layer_dims[l - 1]))
        params[f"b{l}"] = array(rng.standard_normal((layer_dims[l], 1)) * 0.01)
    X = rng.standard_normal((layer_dims[0], m)) * 2.0 + 0.5
    return {"calls": [{"args": [params, array(X)], "report_args": True}]}


def _pre_activations(params, X, factors):
    """Z_l of a ReLU network whose weights are multiplied by ``factors``."""
    Zs, A = [], X
    for l, c in enumerate(factors, start=1):
        Z = c * (params[f"W{l}"] @ A) + params[f"b{l}"]
        Zs.append(Z)
        A = np.maximum(Z, 0.0)
    return Zs


def _factor_for(W, A, b, measure, steps=40):
    """The factor c > 0 for which measure(c W A + b) is 1 (a fixed-point iteration)."""
    c = 1.0
    for _ in range(steps):
        c = c / measure(c * (W @ A) + b)
    return c


@_exercise("5.1", "lsuv", [_relu_network_case([3, 40, 30, 1], 200, [3.0, 0.3, 5.0], 51)],
           "every layer's pre-activations have std 1 on the batch, layer after layer")
def judge_lsuv(case, outcomes):
    """Exercise 5.1: ``lsuv(params, X)`` rescales each W_l so that std(Z_l) = 1 in turn."""
    params, X = build(case["calls"][0]["args"])
    new = _answer(outcomes[0])
    L = len(params) // 2
    if outcomes[0].args_after is None or not _same_params(outcomes[0].args_after[0], params):
        raise Wrong("your function changed the params dict it was given: build a new dict "
                    "(e.g. {key: value.copy() ...}) and leave the input as it was")
    if not isinstance(new, dict) or sorted(new) != sorted(params):
        raise Wrong("return a new dict with the same keys W1, b1, ..., WL, bL")
    factors = []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        W_new = _float_array(new[f"W{l}"], f"W{l}")
        b_new = _float_array(new[f"b{l}"], f"b{l}")
        if W_new.shape != W.shape or b_new.shape != b.shape:
            raise Wrong(f"W{l} or b{l} changed shape: keep the shapes of the input")
        if not np.allclose(b_new, b, rtol=1e-12, atol=0):
            raise Wrong(f"b{l} changed: LSUV rescales the weights only and keeps the biases")
        c = float(np.sum(W_new * W) / np.sum(W * W))
        if not np.allclose(W_new, c * W, rtol=1e-6, atol=1e-9 * np.abs(c * W).max()):
            raise Wrong(f"W{l} is not a multiple of the original W{l}: did you draw new "
                        "weights? LSUV keeps the weights' directions and only rescales them")
        if c <= 0:
            raise Wrong(f"W{l} was multiplied by a negative number or zero; use a positive "
                        "factor, 1 / std(Z)")
        factors.append(c)
    Zs = _pre_activations(params, X, factors)
    for l, Z in enumerate(Zs, start=1):
        std = float(Z.std())
        if _close(std, 1.0, 0.02):
            continue
        where = f"layer {l}: std(Z{l}) = {std:.3g}"
        if l == L and all(_close(float(z.std()), 1.0, 0.02) for z in Zs[:-1]):
            raise Wrong("the output layer's pre-activations do not have std 1: rescale every "
                        "layer, the last one included", where)
        A = X if l == 1 else np.maximum(Zs[l - 2], 0.0)
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z_mine = W @ A + b
        c, c_first = factors[l - 1], 1 / float(_pre_activations(params, X, [1.0] * L)[l - 1].std())
        mistakes = [
            (_factor_for(W, A, b, lambda Z: float(np.maximum(Z, 0.0).std())),
             "you set the std of the activations A = relu(Z) to 1; LSUV sets the std of the "
             "pre-activations Z = W A + b to 1"),
            (1 / float(Z_mine.var()), "you divided by the variance of Z; divide by its std"),
            (c_first, "you took every layer's std from one forward pass of the original "
                      "network; rescale layer after layer, each measured after the layers below "
                      "were rescaled"),
        ]
        for value, explanation in mistakes:
            if _close(c, value, 0.01) and not _close(value, 1 / float(Z_mine.std()), 0.04):
                raise Wrong(explanation, where)
        raise Wrong(f"std(Z{l}) is not 1 after your rescaling: multiply W{l} by 1 / std(Z{l}), "
                    "with Z measured after the layers below were rescaled", where)


def _same_params(after, params):
    if not isinstance(after, dict) or sorted(after) != sorted(params):
        return False
    return all(isinstance(after[k], np.ndarray) and after[k].shape == params[k].shape
               and np.array_equal(after[k], params[k]) for k in params)


# ---------------------------------------------------------------- what the notebooks call

def check_initialize_zeros(initialize_zeros):
    """Exercise 1.1: ``initialize_zeros(layer_dims)`` returns all-zero W and b."""
    __tracebackhide__ = True
    check("initialize_zeros", initialize_zeros)


def check_count_distinct(count_distinct):
    """Exercise 1.2: ``count_distinct(W, b)`` counts the distinct units (rows of [W | b])."""
    __tracebackhide__ = True
    check("count_distinct", count_distinct)


def check_initialize_random(initialize_random):
    """Exercise 2.1: ``initialize_random(layer_dims, scale, rng)``."""
    __tracebackhide__ = True
    check("initialize_random", initialize_random)


def check_predicted_std(predicted_std):
    """Exercise 2.2: ``predicted_std(scale, n, L)``: std after L linear layers of width n."""
    __tracebackhide__ = True
    check("predicted_std", predicted_std)


def check_he_normal(he_normal):
    """Exercise 3.1: ``he_normal(fan_in, fan_out, rng)``."""
    __tracebackhide__ = True
    check("he_normal", he_normal)


def check_he_uniform(he_uniform):
    """Exercise 3.2: ``he_uniform(fan_in, fan_out, rng)``."""
    __tracebackhide__ = True
    check("he_uniform", he_uniform)


def check_gain_for(gain_for):
    """Exercise 4.1: ``gain_for(activation)``, the gain g of std = g / sqrt(fan_in)."""
    __tracebackhide__ = True
    check("gain_for", gain_for)


def check_lsuv(lsuv):
    """Exercise 5.1: ``lsuv(params, X)``, layer-sequential unit-variance rescaling."""
    __tracebackhide__ = True
    check("lsuv", lsuv)
