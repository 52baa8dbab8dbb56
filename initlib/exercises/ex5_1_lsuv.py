"""Exercise 5.1 ``lsuv(params, X)``, as notebook 05 checks it.

The answer is judged by what it does: each W_l must be the input's W_l times one positive
number, the biases kept, and std(Z_l) = 1 on the batch, layer after layer. The expected data
of a case gives, for each layer, the right factor (``"factors"``) and the factors the usual
mistakes give it (``"mistaken"``), by which a wrong factor is named.
"""

import numpy as np

from .._protocol import build
from .exercise import Exercise, Wrong, data_file
from .judging import number_array, returned, several
from .lsuv_measures import OTHER_ACTIVATIONS, STATISTICS
from .relations import close

HINTS = {  # a key of the data's "mistaken", and what that mistake misses
    "activations": "you set the std of the activations A = relu(Z) to 1; LSUV sets the std of "
                   "the pre-activations Z = W A + b to 1",
    "without bias": "you measured Z without its bias: with biases this large std(W A) is not "
                    "std(W A + b); measure Z = W A + b",
    "one division": "one division is not enough when the biases are not zero (c W A + b "
                    "does not scale with c): divide again until std(Z) is within 0.1% of 1",
    "one pass": "you measured every layer on one forward pass of the original network; rescale "
                "layer after layer, each measured after the layers below were rescaled",
    "variance": "you divided by the variance of Z; divide by its std (repeated divisions by "
                "the variance swing between too large and too small and never settle at 1)",
    "few rounds": "a few rounds of measure-and-divide are not enough when the biases are large: "
                  "repeat until std(Z) is within 0.1% of 1, however many rounds it takes",
}

# what the answer's Z_l measures 1 in instead of its std, and what that misses
def rounds_to(c, WA, b, measure=np.std, most=40):
    """How many rounds of c = c / measure(c W A + b), from c = 1, give ``c`` (None when none of
    the first ``most`` does; another measure than the std: a loop that never settled)."""
    c_k = 1.0
    for rounds in range(1, most + 1):
        spread = float(measure(c_k * WA + b))
        if not 0 < spread < np.inf:
            return None
        c_k = c_k / spread
        if close(c, c_k, 1e-9):
            return rounds
    return None


def judge_measure(Zs, l, factors, params, X, where):
    """``Wrong`` naming what the answer set to 1 in layer ``l`` instead of std(Z_l): another
    target, another statistic, or Z computed through another activation below."""
    Z = Zs[l - 1]
    std = float(Z.std())
    if close(factors[l - 1], 1.0, 1e-9):
        smaller = (" (its std(Z) is below 1 here: LSUV multiplies W by 1 / std(Z), which "
                   "scales it up as well as down)") if std < 1 else ""
        raise Wrong(f"W{l} was not rescaled{smaller}: rescale every layer in turn, each "
                    "measured after the layers below were rescaled", where)
    if l == 1:
        W, b = params["W1"], params["b1"]
        for count in sorted({10, 32, 64, 100, X.shape[1] // 2}):
            if count < X.shape[1] and close(float((factors[0] * (W @ X[:, :count]) + b).std()),
                                            1.0, 0.003):
                raise Wrong(f"you measured layer 1 on the first {count} examples only; LSUV "
                            "measures on the whole batch X", where)
        centred = X - X.mean(axis=1, keepdims=True)
        for changed, words in ((centred / X.std(axis=1, keepdims=True), "standardized X"),
                               (centred, "centred X"), (X / X.std(), "rescaled X")):
            if close(float((factors[0] * (W @ changed) + b).std()), 1.0, 0.01):
                raise Wrong(f"you measured layer 1 on {words}; LSUV measures on the batch X as "
                            "it is given, the one the network will see", where)
    if close(factors[l - 1], 1 / float(params[f"W{l}"].std()), 1e-6):
        raise Wrong(f"you divided W{l} by the std of its own entries; LSUV divides by the std of "
                    f"the pre-activations Z{l} = W{l} A + b{l}, measured on the batch X", where)
    for target, words in ((np.sqrt(2), "sqrt(2)"), (2.0, "2"), (0.5, "0.5")):
        if close(std, target, 0.02):
            raise Wrong(f"your std(Z{l}) is {words}: LSUV's target is std(Z) = 1 (the ReLU's "
                        "factor of 2 is He's business, not LSUV's)", where)
    A = X if l == 1 else np.maximum(Zs[l - 2], 0.0)
    WA, b = params[f"W{l}"] @ A, params[f"b{l}"]
    for measure, explanation in STATISTICS:
        if close(measure(Z), 1.0, 0.003) or rounds_to(factors[l - 1], WA, b, measure, 60):
            raise Wrong(explanation, where)
    found = []  # (how far from 1, what the answer did): the closest one names the mistake
    W, b = params[f"W{l}"], params[f"b{l}"]
    if l > 1:
        for name, activation in OTHER_ACTIVATIONS:
            found.append((float((factors[l - 1] * (W @ activation(Zs[l - 2])) + b).std()),
                          f"you passed the layers below through {name}; this network's hidden "
                          "layers are ReLU: A = np.maximum(Z, 0)"))
        below = params[f"b{l - 1}"]
        outside = np.maximum(Zs[l - 2] - below, 0.0) + below
        found.append((float((factors[l - 1] * (W @ outside) + b).std()),
                      "you added the bias after the ReLU, relu(W A) + b: the next layer's input "
                      "is relu(Z) with Z = W A + b, the bias inside the ReLU"))
    A = X
    for k in range(1, l):  # the forward pass with every bias left out
        A = np.maximum(factors[k - 1] * (params[f"W{k}"] @ A), 0.0)
    if l > 1:
        found.append((float((factors[l - 1] * (W @ A) + b).std()),
                      "you passed each layer's output up without its bias, A = relu(W A): the "
                      "next layer's input is relu(W A + b), the bias inside the ReLU"))
    found.append((float((factors[l - 1] * (W @ A)).std()),
                  f"you left the biases out of the forward pass (Z = W A, not W A + b): "
                  f"std(W{l} A) is 1 where std(Z{l}) is not; every layer computes "
                  "Z = W A + b, and the biases below shape what layer {l} sees".replace(
                      "{l}", str(l))))
    spread, words = min(found, key=lambda item: abs(item[0] - 1))
    if close(spread, 1, 0.003):
        raise Wrong(words, where)
    if l == 1:
        W, b = params["W1"], params["b1"]
        if close(float((factors[0] * (W @ np.maximum(X, 0.0)) + b).std()), 1, 0.003):
            raise Wrong("you rescaled layer 1 on relu(X): the first layer's input is X itself; "
                        "the ReLU comes after each layer, A_l = relu(Z_l)", where)


def relu_forward(params, X, factors):
    """Z_l of a ReLU network whose weights are multiplied by ``factors``."""
    Zs, A = [], X
    for l, c in enumerate(factors, start=1):
        Z = c * (params[f"W{l}"] @ A) + params[f"b{l}"]
        Zs.append(Z)
        A = np.maximum(Z, 0.0)
    return Zs


def same_params(after, params):
    if not isinstance(after, dict) or sorted(after) != sorted(params):
        return False
    return all(isinstance(after[k], np.ndarray) and after[k].shape == params[k].shape
               and np.array_equal(after[k], params[k]) for k in params)


def stale_divisions(c, s):
    """k when the factor ``c`` is (1 / s)^k, k >= 2: k divisions by a std measured once."""
    if not (0 < c < np.inf and 0 < s < np.inf) or abs(np.log(s)) < 1e-3:
        return None
    k = float(np.log(c) / -np.log(s))
    return round(k) if 2 <= round(k) <= 10_000 and abs(k - round(k)) < 1e-6 else None


def stale(l, k, s, where, after=""):  # W_l divided k times by std(Z_l) = s, measured once
    return Wrong(f"you divided W{l} by the same std {k} times: std(Z{l}) was {s:.3g} when first "
                 f"measured, and W{l} is now (1/{s:.3g})^{k} times the original{after}: Z was not "
                 "measured again after each division; compute Z = W A + b again after every "
                 "division, until its std is within 0.1% of 1", where)


def ran_away(l, factors, params, X, given):
    """``Wrong`` for a W_l of nan, inf or zeros: a std measured once (the layers below show
    it), a single unit's std per example (0), or a rescaling that ran away."""
    what, A = "nan or inf" if not np.all(np.isfinite(given)) else "all zeros", X
    for k in range(1, l + 1):  # s: std(Z_k) before its rescaling, the layers below rescaled
        WA, b = params[f"W{k}"] @ A, params[f"b{k}"]
        s = float((WA + b).std())
        if k < l and (n := stale_divisions(factors[k - 1], s)) is not None:
            raise stale(k, n, s, f"layer {k}", f" (and W{l} ran away to {what})")
        A = np.maximum(factors[k - 1] * WA + b, 0.0) if k < l else A
    if what != "all zeros" and params[f"W{l}"].shape[0] == 1 and all(
            close(float(np.median(Z.std(axis=0))), 1.0, 0.01) or close(
                float(Z.std(axis=0).mean()), 1.0, 0.01) for Z in relu_forward(params, X, factors)):
        raise Wrong(f"W{l} holds nan or inf: layer {l} has a single unit, so a std per "
                    "example (Z.std(axis=0), over the units) is 0 there and dividing by it "
                    "gives inf; LSUV takes one std over all entries, Z.std()")
    raise Wrong(f"W{l} holds {what}: your rescaling ran away (std(Z{l}) is {s:.3g} before it: "
                f"dividing W{l} by it again and again without measuring Z again multiplies "
                f"W{l} by (1/{s:.3g})^k without end, and a std of 0 gives inf); measure "
                "Z = W A + b again after each division, until its std is within 0.1% of 1")


def bias_change(new, l, X, b):
    """What the answer ``new`` did to b_l, in words ("" when nothing simple)."""
    A = X
    for k in range(1, l):
        A = np.maximum(new[f"W{k}"] @ A + new[f"b{k}"], 0.0)
    Z = new[f"W{l}"] @ A + new[f"b{l}"]
    if np.allclose(Z.mean(axis=1), 0.0, atol=1e-6 * max(float(np.abs(Z).max()), 1e-300)):
        return (" - it was shifted so that each unit's Z has mean 0 over the batch (centred, "
                "as batch normalization does)")
    factor = float(np.sum(new[f"b{l}"] * b) / np.sum(b * b)) if np.any(b) else 0.0
    if np.any(b) and np.allclose(new[f"b{l}"], factor * b, rtol=1e-9, atol=0):
        return f" - it was multiplied by {factor:.3g} along with W{l}"
    return ""


def factors_of(new, params, X):
    """The factor each W_l of the answer ``new`` is of the input's W_l, with ``Wrong`` when it
    is not one positive number, or when the biases changed."""
    factors = []
    for l in range(1, len(params) // 2 + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        given = new[f"W{l}"]
        if isinstance(given, np.ndarray) and given.dtype.kind in "fc" and given.shape == W.shape \
                and (not np.all(np.isfinite(given)) or (W.any() and not given.any())):
            ran_away(l, factors, params, X, given)
        W_new = number_array(new[f"W{l}"], f"W{l}")
        b_new = number_array(new[f"b{l}"], f"b{l}")
        if W_new.shape != W.shape or b_new.shape != b.shape:
            raise Wrong(f"W{l} or b{l} changed shape: keep the shapes of the input")
        if not np.allclose(b_new, b, rtol=1e-12, atol=0):
            raise Wrong(f"b{l} changed{bias_change(new, l, X, b)}: LSUV rescales the weights "
                        "only and keeps the biases as they were given")
        c = float(np.sum(W_new * W) / np.sum(W * W))
        rows = np.sum(W_new * W, axis=1, keepdims=True) / np.sum(W * W, axis=1, keepdims=True)
        if not np.allclose(W_new, c * W, rtol=1e-6, atol=1e-9 * np.abs(c * W).max()) and (
                np.allclose(W_new, rows * W, rtol=1e-6, atol=1e-9 * np.abs(rows * W).max())):
            lengths = rows.ravel() * np.linalg.norm(W, axis=1)
            if np.allclose(lengths, lengths[0], rtol=1e-6):
                raise Wrong(f"the rows of W{l} were all given the same length (normalised?): "
                            f"W{l} is no longer a multiple of the original W{l}; LSUV keeps the "
                            "weights as they are, directions and relative sizes, and multiplies "
                            "the whole matrix by one number, 1 / Z.std()")
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
    return factors


def judge_lsuv(case, outcomes):
    """``lsuv(params, X)`` rescales each W_l so that std(Z_l) = 1 in turn (a second call: the
    same network, its keys in another order)."""
    first = build(case["calls"][0]["args"])
    for k, (call, outcome) in enumerate(zip(case["calls"], outcomes, strict=True)):
        params, X = build(call["args"])
        try:
            judge_call(params, X, outcome, case["expected"])
        except Wrong as wrong:
            if k == 0 or list(params) == list(first[0]) or not same_params(
                    params, first[0]) or not np.array_equal(X, first[1]):
                raise
            raise Wrong("right on the network with its keys in the usual order (W1, b1, W2, "
                        f"...), wrong on it with its keys in another order ({', '.join(params)}"
                        "): your function takes the arrays (or layers) in the dict's order "
                        "(params.values(), for key in params), which the statement does not fix: "
                        "for l = 1, ..., L take params[f'W{l}'] and params[f'b{l}']",
                        f"there: {wrong.message()}") from None


def judge_call(params, X, outcome, expected):
    """One call of ``lsuv`` on (params, X), judged against the case's ``expected`` data."""
    new, L = returned(outcome), len(params) // 2
    after = outcome.args_after[0] if outcome.args_after is not None else None
    if isinstance(after, dict) and sorted(after) == sorted(params) and all(
            isinstance(after[k], np.ndarray) and after[k].shape == params[k].shape
            for k in params) and not same_params(after, params):
        raise Wrong("your function changed the params dict it was given, in its arrays (W *= "
                    "... on a shallow copy: dict(params) or params.copy() copies the dict, not "
                    "its arrays): copy each array, {key: value.copy() for key, value in "
                    "params.items()}, and leave the input as it was")
    if outcome.args_after is None or not same_params(outcome.args_after[0], params):
        raise Wrong("your function changed the params dict it was given: build a new dict "
                    "(e.g. {key: value.copy() ...}) and leave the input as it was")
    if not isinstance(new, dict) or sorted(new) != sorted(params):
        raise Wrong(f"return a new dict with the same keys W1, b1, ..., WL, bL{several(new)}")
    factors = factors_of(new, params, X)
    Zs = relu_forward(params, X, factors)
    for l, Z in enumerate(Zs, start=1):
        std = float(Z.std())
        if close(std, 1.0, 0.02):
            continue
        where = f"layer {l}: std(Z{l}) = {std:.3g}"
        if l > 1 and all(close(c, factors[0], 1e-9) for c in factors) and not close(
                factors[0], 1.0, 1e-9):
            raise Wrong("every layer was multiplied by the same factor, the one that brings "
                        "layer 1 to std 1: each layer needs its own factor, measured on its own "
                        "Z after the layers below were rescaled", where)
        if l == L and all(close(float(z.std()), 1.0, 0.02) for z in Zs[:-1]) and close(
                factors[-1], 1.0, 1e-9):
            raise Wrong("the output layer's pre-activations do not have std 1: rescale every "
                        "layer, the last one included", where)
        c, right = factors[l - 1], expected["factors"][l - 1]
        WA = params[f"W{l}"] @ (X if l == 1 else np.maximum(Zs[l - 2], 0))
        if (rounds := rounds_to(c, WA, params[f"b{l}"])) is not None:
            raise Wrong(HINTS["one division"] if rounds == 1 else
                        f"{rounds} rounds of measure-and-divide: {HINTS['few rounds']}", where)
        for key, values in expected["mistaken"][l - 1].items():
            if any(close(c, v, 0.005) and not close(v, right, 0.01) for v in values):
                raise Wrong(HINTS[key], where)
        spread = float((WA + params[f"b{l}"]).std())
        if (k := stale_divisions(c, spread)) is not None:
            raise stale(l, k, spread, where)
        judge_measure(Zs, l, factors, params, X, where)
        raise Wrong(f"std(Z{l}) is not 1 after your rescaling: multiply W{l} by 1 / std(Z{l}), "
                    "with Z measured after the layers below were rescaled, until it is 1", where)


EXERCISE = Exercise(
    number="5.1", function="lsuv", signature="lsuv(params, X)",
    task="rescale each layer on a batch, layer after layer",
    praise="every layer's pre-activations have std 1 on the batch, layer after layer",
    judge=judge_lsuv, data=data_file(__file__))
