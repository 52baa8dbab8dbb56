"""Notebook 05's exercise: 5.1 ``lsuv``."""

import math

import numpy as np

from .._protocol import array, build
from .exercise import Exercise, Mistake, Wrong, new_cases
from .judging import close, number_array, returned

BIAS_STD = 0.5  # biases this large make one division per layer, or Z measured without b, miss


def relu_network_case(layer_dims, m, gains, seed):
    """A ReLU network with badly scaled weights (gains / sqrt(fan_in)), biases of std
    ``BIAS_STD`` (large enough that a layer needs several rounds of measure-and-divide), and X."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = array(W * gains[l - 1] / math.sqrt(layer_dims[l - 1]))
        params[f"b{l}"] = array(rng.standard_normal((layer_dims[l], 1)) * BIAS_STD)
    X = rng.standard_normal((layer_dims[0], m)) * 2.0 + 0.5
    return {"calls": [{"args": [params, array(X)], "report_args": True}]}


LSUV_CASES = (relu_network_case([3, 40, 30, 1], 200, [0.3, 5.0, 3.0], 51),)


def further_lsuv_cases(rng):
    """Networks of 2 or 3 hidden layers of 8 to 64 units, gains from 0.3 to 10, 100 to 300
    examples."""
    def draw(rng):
        hidden = [int(n) for n in rng.integers(8, 65, int(rng.integers(2, 4)))]
        dims = [int(rng.integers(2, 7)), *hidden, int(rng.integers(1, 3))]
        gains = [round(float(10 ** g), 2) for g in rng.uniform(-0.5, 1.0, len(dims) - 1)]
        return relu_network_case(dims, int(rng.integers(100, 301)), gains,
                                 int(rng.integers(0, 2**31 - 1)))

    def separating(rng):  # a network on which both shortcuts fail
        return next(c for c in (draw(rng) for _ in range(100)) if needs_the_repeat(c))
    return new_cases(separating, rng, 2, LSUV_CASES)


def std_measure(Z):
    return float(Z.std())


SHORTCUTS = {"one division": lambda W, A, b: 1 / float((W @ A + b).std()),
             "Z without b": lambda W, A, b: 1 / float((W @ A).std())}


def needs_the_repeat(case, margin=0.05):
    """True when each shortcut of ``SHORTCUTS``, layer after layer, misses std(Z) = 1 by more
    than ``margin`` on some layer."""
    params, X = build(case["calls"][0]["args"])
    for factor in SHORTCUTS.values():
        A, worst = X, 0.0
        for l in range(1, len(params) // 2 + 1):
            W, b = params[f"W{l}"], params[f"b{l}"]
            Z = factor(W, A, b) * (W @ A) + b
            A, worst = np.maximum(Z, 0.0), max(worst, abs(float(Z.std()) - 1))
        if worst <= margin:
            return False
    return True


def pre_activations(params, X, factors):
    """Z_l of a ReLU network whose weights are multiplied by ``factors``."""
    Zs, A = [], X
    for l, c in enumerate(factors, start=1):
        Z = c * (params[f"W{l}"] @ A) + params[f"b{l}"]
        Zs.append(Z)
        A = np.maximum(Z, 0.0)
    return Zs


def factor_for(W, A, b, measure, steps=40):
    """The factor c > 0 for which measure(c W A + b) is 1 (a fixed-point iteration)."""
    c = 1.0
    for _ in range(steps):
        c = c / measure(c * (W @ A) + b)
    return c


def same_params(after, params):
    if not isinstance(after, dict) or sorted(after) != sorted(params):
        return False
    return all(isinstance(after[k], np.ndarray) and after[k].shape == params[k].shape
               and np.array_equal(after[k], params[k]) for k in params)


def judge_lsuv(case, outcomes):
    """``lsuv(params, X)`` rescales each W_l so that std(Z_l) = 1 in turn."""
    params, X = build(case["calls"][0]["args"])
    new = returned(outcomes[0])
    L = len(params) // 2
    if outcomes[0].args_after is None or not same_params(outcomes[0].args_after[0], params):
        raise Wrong("your function changed the params dict it was given: build a new dict "
                    "(e.g. {key: value.copy() ...}) and leave the input as it was")
    if not isinstance(new, dict) or sorted(new) != sorted(params):
        raise Wrong("return a new dict with the same keys W1, b1, ..., WL, bL")
    factors = []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        W_new = number_array(new[f"W{l}"], f"W{l}")
        b_new = number_array(new[f"b{l}"], f"b{l}")
        if W_new.shape != W.shape or b_new.shape != b.shape:
            raise Wrong(f"W{l} or b{l} changed shape: keep the shapes of the input")
        if not np.allclose(b_new, b, rtol=1e-12, atol=0):
            raise Wrong(f"b{l} changed: LSUV rescales the weights only and keeps the biases")
        c = float(np.sum(W_new * W) / np.sum(W * W))
        rows = np.sum(W_new * W, axis=1, keepdims=True) / np.sum(W * W, axis=1, keepdims=True)
        if not np.allclose(W_new, c * W, rtol=1e-6, atol=1e-9 * np.abs(c * W).max()) and (
                np.allclose(W_new, rows * W, rtol=1e-6, atol=1e-9 * np.abs(rows * W).max())):
            raise Wrong(f"each row of W{l} was multiplied by its own factor (as Z.std(axis=1) "
                        f"gives): LSUV multiplies the whole W{l} by one number, 1 / Z.std() over "
                        "all entries")
        if not np.allclose(W_new, c * W, rtol=1e-6, atol=1e-9 * np.abs(c * W).max()):
            raise Wrong(f"W{l} is not a multiple of the original W{l}: did you draw new "
                        "weights? LSUV keeps the weights' directions and only rescales them")
        if c <= 0:
            raise Wrong(f"W{l} was multiplied by a negative number or zero; use a positive "
                        "factor, 1 / std(Z)")
        factors.append(c)
    Zs = pre_activations(params, X, factors)
    for l, Z in enumerate(Zs, start=1):
        std = float(Z.std())
        if close(std, 1.0, 0.02):
            continue
        where = f"layer {l}: std(Z{l}) = {std:.3g}"
        if l == L and all(close(float(z.std()), 1.0, 0.02) for z in Zs[:-1]) and close(
                factors[-1], 1.0, 1e-9):
            raise Wrong("the output layer's pre-activations do not have std 1: rescale every "
                        "layer, the last one included", where)
        A = X if l == 1 else np.maximum(Zs[l - 2], 0.0)
        W, b = params[f"W{l}"], params[f"b{l}"]
        c, right = factors[l - 1], factor_for(W, A, b, std_measure, steps=200)
        for value, explanation in lsuv_mistakes(params, X, W, A, b, l, L):
            if close(c, value, 0.005) and not close(value, right, 0.01):
                raise Wrong(explanation, where)
        raise Wrong(f"std(Z{l}) is not 1 after your rescaling: multiply W{l} by 1 / std(Z{l}), "
                    "with Z measured after the layers below were rescaled, until it is 1", where)


def variance_divisions(W, A, b, rounds=60):
    """The factors after 1, 2, ... divisions of W by var(W A + b), each on the last result."""
    c, found = 1.0, []
    for _ in range(rounds):
        c = c / float((c * (W @ A) + b).var())
        found.append(c)
    return found


def lsuv_mistakes(params, X, W, A, b, l, L):
    """The factor each usual mistake gives layer ``l`` (``A`` its input as rescaled so far)."""
    first_pass = pre_activations(params, X, [1.0] * L)
    A_first = X if l == 1 else np.maximum(first_pass[l - 2], 0.0)
    found = [
        (factor_for(W, A, b, lambda Z: float(np.maximum(Z, 0.0).std())),
         "you set the std of the activations A = relu(Z) to 1; LSUV sets the std of the "
         "pre-activations Z = W A + b to 1"),
        (1 / float((W @ A).std()), "you measured Z without its bias: with biases this large "
                                   "std(W A) is not std(W A + b); measure Z = W A + b"),
        (1 / float((W @ A + b).std()), "one division is not enough when the biases are not "
                                       "zero (c W A + b does not scale with c): measure and "
                                       "divide again until std(Z) is within 0.1% of 1"),
    ]
    found += [(value, "you measured every layer on one forward pass of the original network; "
                      "rescale layer after layer, each measured after the layers below were "
                      "rescaled") for value in (1 / float(first_pass[l - 1].std()),
                                                factor_for(W, A_first, b, std_measure, 200))]
    found += [(value, "you divided by the variance of Z; divide by its std (repeated divisions "
                      "by the variance swing between too large and too small and never settle "
                      "at 1)") for value in variance_divisions(W, A, b)]
    return found


# ---------------------------------------------------------------- the usual mistakes

def lsuv_in_place(params, X):
    A = X
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] /= (params[f"W{l}"] @ A + params[f"b{l}"]).std()
        A = np.maximum(params[f"W{l}"] @ A + params[f"b{l}"], 0)
    return params


def _relu_pre_activations(params, X):
    Zs, A = [], X
    for l in range(1, len(params) // 2 + 1):
        Zs.append(params[f"W{l}"] @ A + params[f"b{l}"])
        A = np.maximum(Zs[-1], 0)
    return Zs


def _rescaled(params, X, measure, rounds=30):
    new = {key: value.copy() for key, value in params.items()}
    for l in range(1, len(params) // 2 + 1):
        for _ in range(rounds):
            new[f"W{l}"] = new[f"W{l}"] / measure(_relu_pre_activations(new, X)[l - 1])
    return new


def lsuv_on_activations(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    for l in range(1, L + 1):
        for _ in range(30):
            Z = _relu_pre_activations(new, X)[l - 1]
            new[f"W{l}"] = new[f"W{l}"] / (np.maximum(Z, 0).std() if l < L else Z.std())
    return new


def lsuv_from_one_pass(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        for _ in range(30):
            new[f"W{l}"] = new[f"W{l}"] / (new[f"W{l}"] @ A + b).std()
        A = np.maximum(W @ A + b, 0)  # the original layer's output: the mistake
    return new


def lsuv_by_variance(params, X):
    return _rescaled(params, X, np.var, rounds=1)


def lsuv_redrawn(params, X):
    rng = np.random.default_rng(0)
    new = {k: (rng.standard_normal(v.shape) if k[0] == "W" else v.copy())
           for k, v in params.items()}
    return _rescaled(new, X, np.std)


def lsuv_hidden_layers_only(params, X):
    new = _rescaled(params, X, np.std)
    L = len(params) // 2
    new[f"W{L}"] = params[f"W{L}"].copy()
    return new


def lsuv_returns_a_list(params, X):
    return [params]


def _measured(params, X, measure, rounds, layers_too_many=0):
    """Each layer in turn, ``rounds`` times: W_l divided by measure(W_l, A, b_l)."""
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1 + layers_too_many):
        for _ in range(rounds):
            new[f"W{l}"] = new[f"W{l}"] / measure(new[f"W{l}"], A, new[f"b{l}"])
        A = np.maximum(new[f"W{l}"] @ A + new[f"b{l}"], 0)
    return new


def lsuv_without_biases(params, X):
    return _measured(params, X, lambda W, A, b: (W @ A).std(), 30)


def lsuv_one_division(params, X):
    return _measured(params, X, lambda W, A, b: (W @ A + b).std(), 1)


def lsuv_variance_repeated(params, X):
    return _measured(params, X, lambda W, A, b: (W @ A + b).var(), 25)


def lsuv_per_row(params, X):
    return _measured(params, X, lambda W, A, b: (W @ A + b).std(axis=1, keepdims=True), 30)


def lsuv_one_layer_too_far(params, X):
    return _measured(params, X, lambda W, A, b: (W @ A + b).std(), 30, layers_too_many=1)


LSUV = Exercise(
    number="5.1", function="lsuv", signature="lsuv(params, X)",
    task="rescale each layer on a batch, layer after layer", points=3,
    praise="every layer's pre-activations have std 1 on the batch, layer after layer",
    cases=LSUV_CASES, judge=judge_lsuv, further_cases=further_lsuv_cases,
    mistakes=(
        Mistake(lsuv_in_place, "changed the params dict"),
        Mistake(lsuv_on_activations, "std of the activations"),
        Mistake(lsuv_from_one_pass, "one forward pass of the original"),
        Mistake(lsuv_by_variance, "divided by the variance"),
        Mistake(lsuv_redrawn, "draw new weights"),
        Mistake(lsuv_hidden_layers_only, "the output layer"),
        Mistake(lsuv_returns_a_list, "return a new dict"),
        Mistake(lsuv_without_biases, "without its bias"),
        Mistake(lsuv_one_division, "one division is not enough"),
        Mistake(lsuv_variance_repeated, "divided by the variance"),
        Mistake(lsuv_per_row, "its own factor"),
        Mistake(lsuv_one_layer_too_far, "KeyError: it asked for W4"),
    ))

EXERCISES = (LSUV,)
