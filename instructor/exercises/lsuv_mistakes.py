"""Exercise 5.1's usual mistakes: the factors each gives a layer (the judge's data), and the
wrong answers themselves (the judge's tests)."""

import numpy as np

from initlib.exercises.ex5_1_lsuv import relu_forward


def _fixed_point(W, A, b, measure, steps=40):
    """The factor c > 0 for which measure(c W A + b) is 1 (a fixed-point iteration); None
    when the measure reaches 0 or leaves the finite numbers on the way."""
    c, WA = 1.0, W @ A
    for _ in range(steps):
        spread = measure(c * WA + b)
        if not 0 < spread < np.inf:
            return None
        c = c / spread
    return c if np.isfinite(c) else None


def moment_divisions(WA, b, rounds):
    """The factors c after 1 to ``rounds`` divisions of c by std(c WA + b), until the spread
    leaves the positive finite numbers; var(c WA + b) = c^2 var(WA) + 2 c cov(WA, b) + var(b),
    three moments measured once."""
    B = np.broadcast_to(np.asarray(b, dtype=np.float64), WA.shape)
    dM, dB = WA - WA.mean(), B - B.mean()
    vM, cMB, vB = float(np.mean(dM * dM)), float(np.mean(dM * dB)), float(np.mean(dB * dB))
    c, found = 1.0, []
    for _ in range(rounds):
        spread = max(c * c * vM + 2 * c * cMB + vB, 0.0) ** 0.5
        if not 0 < spread < np.inf or not np.isfinite(c / spread):
            break
        c = c / spread
        found.append(c)
    return found


def _variance_divisions(WA, b, rounds=60):
    """The factors after 1, 2, ... divisions by var(W A + b), on the arrays (chaotic)."""
    c, found = 1.0, []
    for _ in range(rounds):
        spread = float((c * WA + b).var())
        if not 0 < spread < np.inf or not np.isfinite(c / spread):
            break
        c = c / spread
        found.append(c)
    return found


def mistaken_factors(params, X, factors):
    """For each layer, {mistake: [the factors it gives]}, with the layers below as ``factors``
    make them (the keys are the student judge's)."""
    L = len(params) // 2
    right = relu_forward(params, X, factors)
    first_pass = relu_forward(params, X, [1.0] * L)
    found = []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        A = X if l == 1 else np.maximum(right[l - 2], 0.0)
        A_first = X if l == 1 else np.maximum(first_pass[l - 2], 0.0)
        WA, first = W @ A, [*moment_divisions(W @ A_first, b, 200), *[None] * 200]
        rounds = [*moment_divisions(WA, b, 11), *[None] * 11]
        factors_by_mistake = {
            "activations": [_fixed_point(W, A, b, lambda Z: float(np.maximum(Z, 0.0).std()))],
            "without bias": [*moment_divisions(WA, 0.0, 1), None][:1],
            "one division": [rounds[0]],
            "one pass": [first[0], first[199]],
            "variance": _variance_divisions(WA, b),
            "few rounds": rounds[1:11],
        }
        found.append({key: [float(v) for v in values if v is not None]
                      for key, values in factors_by_mistake.items()})
    return found


# ---------------------------------------------------------------- the wrong answers

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


def lsuv_std_of_each_example(params, X):
    with np.errstate(divide="ignore", invalid="ignore"):
        return _rescaled(params, X, lambda Z: float(np.median(Z.std(axis=0))))


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


def _converged(params, X, target=1.0, rounds=50, layers=None, measure=np.std,
               forward=lambda Z: np.maximum(Z, 0)):
    """Each layer in turn (those of ``layers``), ``rounds`` times: W_l times target / measure."""
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(rounds if layers is None or l in layers else 0):
            W *= target / measure(W @ A + b)
        A = forward(W @ A + b)
    return new


def lsuv_to_sqrt_2(params, X):
    return _converged(params, X, target=np.sqrt(2))


def lsuv_through_tanh(params, X):
    return _converged(params, X, forward=np.tanh)


def lsuv_two_rounds(params, X):
    return _converged(params, X, rounds=2)


def lsuv_first_layer_only(params, X):
    return _converged(params, X, layers={1})


def lsuv_only_shrinking(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(50):
            if np.std(W @ A + b) <= 1.001:
                break
            W /= np.std(W @ A + b)
        A = np.maximum(W @ A + b, 0)
    return new


def lsuv_by_rms(params, X):
    return _converged(params, X, measure=lambda Z: np.sqrt(np.mean(Z**2)))


def lsuv_by_mean_deviation(params, X):
    return _converged(params, X, measure=lambda Z: np.mean(np.abs(Z - Z.mean())))


def lsuv_by_the_weights_std(params, X):
    return {k: (v / v.std() if k[0] == "W" else v.copy()) for k, v in params.items()}


def lsuv_biases_zeroed(params, X):
    new = _converged(params, X)
    return {k: (np.zeros_like(v) if k[0] == "b" else v) for k, v in new.items()}


def lsuv_weights_centred(params, X):
    return _converged({k: (v - v.mean() if k[0] == "W" else v) for k, v in params.items()}, X)


def lsuv_rows_normalised(params, X):
    return _converged({k: (v / np.linalg.norm(v, axis=1, keepdims=True) if k[0] == "W" else v)
                       for k, v in params.items()}, X)

def lsuv_shallow_copy(params, X):
    new = dict(params)  # copies the dict, not its arrays
    A = X
    for l in range(1, len(params) // 2 + 1):
        for _ in range(60):
            Z = new[f"W{l}"] @ A + new[f"b{l}"]
            new[f"W{l}"] *= 1 / Z.std()
        A = np.maximum(new[f"W{l}"] @ A + new[f"b{l}"], 0)
    return new


def lsuv_relu_on_the_input(params, X):
    return _converged(params, np.maximum(X, 0))


def lsuv_one_factor_for_every_layer(params, X):
    new = {key: value.copy() for key, value in params.items()}
    for _ in range(60):
        factor = 1 / (new["W1"] @ X + new["b1"]).std()
        for l in range(1, len(params) // 2 + 1):
            new[f"W{l}"] = new[f"W{l}"] * factor
    return new


MISTAKES = (
    (lsuv_in_place, "changed the params dict"),
    (lsuv_std_of_each_example, "a std per example"),
    (lsuv_on_activations, "std of the activations"),
    (lsuv_from_one_pass, "one forward pass of the original"),
    (lsuv_by_variance, "divided by the variance"),
    (lsuv_redrawn, "draw new weights"),
    (lsuv_hidden_layers_only, "the output layer"),
    (lsuv_returns_a_list, "return a new dict"),
    (lsuv_without_biases, "without its bias"),
    (lsuv_one_division, "one division is not enough"),
    (lsuv_variance_repeated, "divided by the variance"),
    (lsuv_per_row, "its own factor"),
    (lsuv_one_layer_too_far, "KeyError: it asked for W4"),
    (lsuv_to_sqrt_2, "your std(Z1) is sqrt(2)"),
    (lsuv_through_tanh, "through tanh"),
    (lsuv_two_rounds, "2 rounds of measure-and-divide"),
    (lsuv_first_layer_only, "W2 was not rescaled"),
    (lsuv_by_rms, "the rms of Z"),
    (lsuv_by_mean_deviation, "the mean of |Z - mean|"),
    (lsuv_by_the_weights_std, "the std of its own entries"),
    (lsuv_biases_zeroed, "keeps the biases"),
    (lsuv_weights_centred, "not a multiple of the original"),
    (lsuv_rows_normalised, "the same length (normalised?)"),
    (lsuv_only_shrinking, "scales it up as well as down"),
    (lsuv_shallow_copy, "in its arrays"),
    (lsuv_relu_on_the_input, "relu(X)"),
    (lsuv_one_factor_for_every_layer, "the same factor"),
)
