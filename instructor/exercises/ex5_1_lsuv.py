"""Exercise 5.1 ``lsuv(params, X)``: the instructor's side."""

import math

import numpy as np

from initlib._protocol import array, build
from initlib.exercises.ex5_1_lsuv import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, called_twice, new_cases, noted
from .lsuv_mistakes import MISTAKES, mistaken_factors, moment_divisions

BIAS_STD = 0.5  # biases this large make one division per layer, or Z measured without b, miss


def reference_lsuv(params, X):
    rescaled = {key: value.copy() for key, value in params.items()}
    inputs = X
    for layer in range(1, len(params) // 2 + 1):
        weights, bias = rescaled[f"W{layer}"], rescaled[f"b{layer}"]
        for _ in range(200):
            spread = float((weights @ inputs + bias).std())
            if abs(spread - 1.0) < 1e-12:
                break
            weights = weights / spread
        rescaled[f"W{layer}"] = weights
        inputs = np.maximum(weights @ inputs + bias, 0.0)
    return rescaled


def relu_network_case(layer_dims, m, gains, seed, bias_std=BIAS_STD, ramps=False):
    """A ReLU network with badly scaled weights (gains / sqrt(fan_in)), biases of std
    ``bias_std`` (large enough that a layer needs several rounds of measure-and-divide), and X;
    with ``ramps``, the rows of each W and the examples and inputs of X grow from half to twice
    their size in order (a std measured on only the first units, examples or inputs is far from
    the whole's)."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        W = W * np.linspace(0.5, 2.0, layer_dims[l])[:, None] if ramps else W
        params[f"W{l}"] = array(W * gains[l - 1] / math.sqrt(layer_dims[l - 1]))
        params[f"b{l}"] = array(rng.standard_normal((layer_dims[l], 1)) * bias_std)
    X = rng.standard_normal((layer_dims[0], m)) * 2.0 + 0.5
    X = X * np.linspace(0.5, 2.0, m) * np.linspace(0.5, 2.0, layer_dims[0])[:, None] if ramps \
        else X
    return {"calls": [{"args": [params, array(X)], "report_args": True}]}


LSUV_CASES = (called_twice(relu_network_case([3, 40, 30, 1], 200, [0.3, 5.0, 3.0], 51)),)

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
            if not float((W @ A).std()) > 0:  # the shortcut's layers below died: it fails
                worst = np.inf
                break
            Z = factor(W, A, b) * (W @ A) + b
            A, worst = np.maximum(Z, 0.0), max(worst, abs(float(Z.std()) - 1))
        if worst <= margin:
            return False
    return True


def rounds_needed(case, within=0.02, most=60):
    """The most rounds of measure-and-divide a layer of ``case`` needs before std(Z) is within
    ``within`` of 1 (``most`` when it never gets there)."""
    return layer_rounds(*build(case["calls"][0]["args"]), within, most)


def layer_rounds(params, X, within=0.02, most=60):
    """``rounds_needed`` of the network ``params`` on the inputs ``X``: each layer's rounds
    from its factors after 1 to ``most`` divisions (``moment_divisions``, three moments a layer)."""
    A, worst = X, 0
    for l in range(1, len(params) // 2 + 1):
        WA, b = params[f"W{l}"] @ A, params[f"b{l}"]
        factors = [1.0, *moment_divisions(WA, b, most + 1)]  # std(c_k WA + b) = c_k / c_(k+1)
        rounds = next((k for k in range(1, min(len(factors) - 1, most + 1))
                       if abs(factors[k] / factors[k + 1] - 1) < within), most)
        worst, A = max(worst, rounds), np.maximum(factors[min(rounds, len(factors) - 1)] * WA
                                                  + b, 0.0)
    return worst


def slow_layer_case(rng, window=(20, 30)):
    """A network of 2 to 4 layers in which one hidden layer's biases are spread so widely
    (their std just below 1) that c W A + b approaches std 1 slowly: it needs ``window`` rounds
    of measure-and-divide to be within 2% (a fixed count of rounds fails; a loop that stops at
    std within 0.1% of 1, or after 50 rounds, passes)."""
    for _ in range(200):
        hidden = [int(n) for n in rng.integers(8, 65, int(rng.integers(1, 4)))]
        dims = [int(rng.integers(2, 7)), *hidden, int(rng.integers(1, 3))]
        gains = [round(float(10 ** g), 2) for g in rng.uniform(-0.5, 1.0, len(dims) - 1)]
        case = relu_network_case(dims, int(rng.integers(100, 301)), gains,
                                 int(rng.integers(0, 2**31 - 1)))
        params, X = build(case["calls"][0]["args"])
        l = int(rng.integers(1, len(hidden) + 1))
        b = params[f"b{l}"]
        for spread in np.linspace(0.9, 0.995, 20):
            params[f"b{l}"] = b.mean() + (b - b.mean()) * spread / b.std()
            if window[0] <= layer_rounds(params, X) <= window[1]:
                return {"calls": [{"args": [{k: array(v) for k, v in params.items()}, array(X)],
                                   "report_args": True}]}
    raise RuntimeError(f"no network needed {window} rounds")


def further_lsuv_cases(rng):
    """Networks of 2 layers, 8 to 16 inputs, the hidden one of 60 to 120 units, on 250 to 400
    examples, units, inputs and examples growing in size in order (``relu_network_case``'s
    ramps: an answer that measures only some of them fails), of 6 layers, and of 2 to 4
    layers with biases so large that a layer needs 12 to 30 rounds of measure-and-divide to be
    within 2% (a count of rounds tuned to the visible case fails); otherwise hidden layers of
    8 to 64 units and 100 to 300 examples; gains from 0.3 to 10; both shortcuts fail on every
    one, and every layer is within 2% in at most 45 rounds (a layer that never gets there, its
    input dead, is drawn again). Then a slow layer (``slow_layer_case``), a network of 10 to 12
    layers of 4 to 12 units (past nine: layers taken in the order of their keys as strings
    fail), and two layers that need 30 to 45 rounds (a loop that stops when the std changes
    little, not when it is within 0.1% of 1, fails). Last, a network of 3 or 4 layers called
    twice, its keys in the usual order, then reversed (``in_another_order``); a network of a
    single layer, 2 to 8 inputs into 1 or 2 units; and one of 2 or 3 layers on as many
    examples as inputs, 30 to 60, its inputs of different sizes (``scaled_inputs``: an
    answer that guesses the orientation of X from its shape fails); and a network whose
    biases follow its units' mean input (``biases_in_step_case``)."""
    def drawer(layers, bias_std=BIAS_STD, rounds=(1, 45), widths=(8, 65), examples=(100, 301),
               ramps=False, inputs=(2, 7)):
        def draw(rng):
            hidden = [int(n) for n in rng.integers(*widths, int(rng.integers(*layers)) - 1)]
            dims = [int(rng.integers(*inputs)), *hidden, int(rng.integers(1, 3))]
            gains = [round(float(10 ** g), 2) for g in rng.uniform(-0.5, 1.0, len(dims) - 1)]
            case = relu_network_case(dims, int(rng.integers(*examples)), gains,
                                     int(rng.integers(0, 2**31 - 1)), bias_std, ramps)
            if needs_the_repeat(case) and rounds[0] <= rounds_needed(case) <= rounds[1]:
                return case
            return LSUV_CASES[0]  # not a case wanted: new_cases draws again
        return draw

    cases = []
    for draw in (drawer((2, 3), widths=(60, 121), examples=(250, 401), ramps=True,
                        inputs=(8, 17)),
                 drawer((6, 7)), drawer((2, 5), 0.8, (12, 30))):
        cases += new_cases(draw, rng, 1, LSUV_CASES + tuple(cases))
    deep = new_cases(drawer((10, 13), widths=(4, 13), examples=(50, 121)), rng, 1,
                     LSUV_CASES + tuple(cases))
    slowly = "a layer whose std nears 1 slowly: {} rounds to be within 2%".format
    slow = [noted(slow_layer_case(rng), slowly("20 to 30")),
            *(noted(case, "a network of 10 to 12 layers: layer numbers of two digits")
              for case in deep),
            *(noted(slow_layer_case(rng, window=(30, 45)), slowly("30 to 45")) for _ in range(2))]
    reordered = new_cases(drawer((3, 5), rounds=(1, 40)), rng, 1,
                          LSUV_CASES + tuple(cases) + tuple(deep))
    cases = [noted(case, text) for case, text in zip(cases, (
        "a network of 2 layers whose units, inputs and examples grow in size in order",
        "a network of 6 layers, deeper than the visible one",
        "biases so large that a layer needs 12 to 30 rounds to be within 2%"), strict=True)]
    n = int(rng.integers(30, 61))  # as many examples as inputs
    square = new_cases(drawer((2, 4), inputs=(n, n + 1), examples=(n, n + 1)), rng, 1,
                       LSUV_CASES + tuple(cases) + tuple(deep) + tuple(reordered))
    single = new_cases(drawer((1, 2), 0.8, inputs=(2, 9)), rng, 1, LSUV_CASES)[0]
    return [*cases, *slow, *(noted(in_another_order(case), "a network called twice, its keys in "
                                   "reverse order the second time") for case in reordered),
            noted(single, "a network of a single layer: no hidden layer"),
            noted(scaled_inputs(square[0], rng), "as many examples as inputs: X is square"),
            noted(biases_in_step_case(rng), "a layer whose biases follow its units' mean input")]


def scaled_inputs(case, rng):
    """The case's network and X with each input's row of X multiplied by its own number, 0.2
    to 5, and W1's column for it divided by that number: W1 X is as it was, and X's rows and
    columns are no longer alike (an answer that uses X.T fails)."""
    params, X = build(case["calls"][0]["args"])
    sizes = np.geomspace(0.2, 5.0, X.shape[0])[rng.permutation(X.shape[0])]
    params["W1"] = params["W1"] / sizes
    return {"calls": [{"args": [{key: array(value) for key, value in params.items()},
                                array(X * sizes[:, None])], "report_args": True}]}


def biases_in_step_case(rng):
    """A network of 3 layers whose second layer's biases follow its units' mean input (the
    row means of W2 A1, A1 as the reference leaves it, plus a little noise), their std 0.93 to
    0.97: std(c W A + b) is not sqrt(c**2 var(W A) + var(b)), as a formula that leaves out
    their covariance takes it, and the divisions near std 1 slowly."""
    dims = [int(rng.integers(2, 7)), int(rng.integers(16, 65)), int(rng.integers(16, 65)),
            int(rng.integers(1, 3))]
    gains = [round(float(10 ** g), 2) for g in rng.uniform(-0.5, 1.0, 3)]
    case = relu_network_case(dims, int(rng.integers(100, 301)), gains,
                             int(rng.integers(0, 2**31 - 1)))
    params, X = build(case["calls"][0]["args"])
    first = reference_lsuv({key: params[key] for key in ("W1", "b1")}, X)
    means = (params["W2"] @ np.maximum(first["W1"] @ X + params["b1"], 0.0)).mean(
        axis=1, keepdims=True)
    b = (means - means.mean()) / means.std() + 0.3 * rng.standard_normal(means.shape)
    params["b2"] = b / b.std() * float(rng.uniform(0.93, 0.97))
    return {"calls": [{"args": [{key: array(value) for key, value in params.items()}, array(X)],
                       "report_args": True}]}


def in_another_order(case):
    """The case's network called twice: with its keys as they are (W1, b1, W2, ...), then
    reversed (bL, WL, ..., b1, W1): a dict's order is not part of the statement, and an answer
    that takes the arrays by position (params.values()) fails the second call."""
    params, X = case["calls"][0]["args"]
    reversed_params = {key: params[key] for key in reversed(params)}
    return {"calls": [*case["calls"], {"args": [reversed_params, X], "report_args": True}]}


def lsuv_expected(case):
    """Each layer's factor in the reference's answer, and the factors the usual mistakes give
    each layer (measured on the right network below it)."""
    params, X = build(case["calls"][0]["args"])
    rescaled = reference_lsuv(params, X)
    factors = [float(np.sum(rescaled[f"W{l}"] * params[f"W{l}"])
                     / np.sum(params[f"W{l}"] ** 2)) for l in range(1, len(params) // 2 + 1)]
    return {"factors": factors, "mistaken": mistaken_factors(params, X, factors)}


def lsuv_std_measured_once(params, X):
    new, A = {key: value.copy() for key, value in params.items()}, X
    for l in range(1, len(params) // 2 + 1):
        spread = (new[f"W{l}"] @ A + new[f"b{l}"]).std()
        for _ in range(10):  # Z is not measured again
            new[f"W{l}"] = new[f"W{l}"] / spread
        A = np.maximum(new[f"W{l}"] @ A + new[f"b{l}"], 0)
    return new


EXERCISE = GradedExercise(
    student=STUDENT, points=3, reference=reference_lsuv, visible=LSUV_CASES,
    further_cases=further_lsuv_cases, expected=lsuv_expected,
    mistakes=(*(Mistake(answer, hint) for answer, hint in MISTAKES),
              Mistake(lsuv_std_measured_once, "the same std 10 times")))
