"""What an exception raised by an answer means, in a sentence the student can act on.

Each judge reports an answer's exception through ``judging.returned``, which asks
``raised_hint`` what to change.
"""

import re

GENERATOR_METHODS = {  # what a numpy Generator calls the legacy np.random functions
    "randn": "rng.standard_normal(shape), with the shape as one tuple",
    "rand": "rng.random(shape)",
    "randint": "rng.integers(low, high, shape)",
    "random_sample": "rng.random(shape)",
    "seed": "nothing: the generator you are given is seeded already",
}


def raised_hint(name, message):
    """What to change, in a sentence, for an exception ``name`` an answer raised."""
    attribute = re.search(r"has no attribute '(\w+)'", message)
    if name == "AttributeError" and attribute and "Generator" in message:
        method = attribute.group(1)
        instead = GENERATOR_METHODS.get(method, "one of its methods: rng.standard_normal, "
                                                "rng.uniform, rng.integers, rng.random")
        return (f"the rng you are given is a numpy Generator, which has no {method}; "
                f"use {instead}")
    if name == "AttributeError" and attribute and "RandomState" in message:
        return ("some calls pass a RandomState, the older generator; use the methods both "
                "kinds have: rng.standard_normal(shape), rng.uniform(low, high, shape)")
    if name == "TypeError" and ("for ^" in message or "bitwise_xor" in message):
        return ("^ is Python's bitwise xor, not a power: write x ** L (or np.power(x, L))")
    if name == "ValueError" and "concatenation axis" in message:
        return ("np.concatenate joins along axis 0 unless told otherwise, putting b's rows "
                "under W's; put b beside W as one more column: np.hstack([W, b]), or "
                "np.concatenate([W, b], axis=1)")
    if name == "ValueError" and "same number of dimensions" in message:
        return ("np.hstack / np.concatenate joins arrays with the same number of dimensions: "
                "W is 2-d (n_l, n_{l-1}) and b is 2-d too, a column (n_l, 1); one of the "
                "arrays you joined was made 1-d (a ravel, flatten, squeeze or b[:, 0]?): keep "
                "b as the column it is")
    if name == "TypeError" and ("data type" in message or "Cannot interpret" in message
                                or "positional argument" in message):
        return ("the shape must be ONE tuple: np.zeros((n_l, n_prev)) or "
                "rng.standard_normal((n_l, n_prev)), not np.zeros(n_l, n_prev) (a second "
                "number is read as the dtype, or as another argument)")
    key = re.fullmatch(r"'([Wb])(-?\d+)'", message.strip())
    if name == "KeyError" and key:
        if int(key.group(2)) < 1:
            return (f"it asked for {key.group(1)}{key.group(2)}: layers are "
                    "numbered from 1 (W1, b1, ..., WL, bL)")
        return (f"it asked for {key.group(1)}{key.group(2)}, which this dict does not "
                "hold: it has W1, b1, ..., WL, bL, so L = len(params) // 2; does a loop go "
                "one layer too far?")
    if name == "TypeError" and "concatenate str" in message:
        return ("a key was built from a str and an int ('W' + l): write f\"W{l}\", or "
                "'W' + str(l)")
    hints = {
        "KeyError": "it looked up a key that the dict does not hold",
        "IndexError": "it indexed past the end of a list or an array; check the "
                      "range of your loop (layers are numbered 1 to L, layer_dims has L + 1 "
                      "entries)",
        "NameError": "a name it uses is not defined when it runs: a typo, or a "
                     "variable or import from a cell you have not run (run the cells above "
                     "in order)",
        "UnboundLocalError": "it uses a variable before giving it a value",
        "ZeroDivisionError": "it divided by zero", "RecursionError": "it calls itself without end",
        "OverflowError": "a number left the range of floats (above 1.8e308): multiply "
                         "factors near 1 together, not a huge part and a tiny part apart",
        "TypeError": "an operation got a value of the wrong kind; call your function yourself "
                     "on a small example to find the line",
        "AttributeError": "it uses an attribute or method that does not exist "
                          "(a typo?)",
    }
    if name == "ValueError" and ("aligned" in message or "matmul" in message):
        return ("a matrix product of mismatched shapes: W_l is (n_l, n_{l-1}) and the layer's "
                "input is (n_{l-1}, m), so the product is W_l @ A")
    if name == "TypeError" and "keyword argument 'dtype'" in message:
        return ("some calls pass a RandomState, whose draws take no dtype: keep numpy's "
                "float64, rng.standard_normal(shape)")
    if name == "ValueError" and "high - low" in message:
        return ("rng.uniform(low, high, size) takes the low limit first: rng.uniform(-a, a, "
                "shape), not rng.uniform(a, -a, shape)")
    if name == "ValueError" and "broadcast" in message:
        return ("arrays whose shapes cannot combine elementwise: print the shapes (W_l is "
                "(n_l, n_{l-1}), b_l is (n_l, 1))")
    return hints.get(name, "call your function yourself on a small example to find the line "
                           "that fails")
