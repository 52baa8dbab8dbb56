"""Exercise 2.2 ``predicted_std(scale, n, L)``, as notebook 02 checks it.

The expected data of a case is the right std. A wrong answer is named by how it relates to it:
its square, its L-th root, a power of n too many, and so on.
"""

import math

from .exercise import Exercise, Wrong, data_file
from .judging import finite_number, returned
from .kept import judge_kept_std
from .std_after_layers import judge_over_layers, judge_swapped


def std_mistakes(scale, n, L, expected):
    """What each usual wrong formula gives, from the right std ``expected`` (L >= 1), and what it
    misses (no hint gives the answer)."""
    factor = expected ** (1 / L)  # what one layer does to the std
    return [
        (expected ** 2, "that is the variance; the std is its square root"),
        (factor, "that is one layer's factor; it applies once per layer"),
        (factor * L, "that treats the layers as a sum where a product belongs: each layer "
                     "multiplies the std by the same factor"),
        (expected * math.sqrt(n) ** L, "a sum of n independent terms has a std that grows like "
                                       "sqrt(n), not n"),
        (math.sqrt(expected) * n ** (L / 4), "you took the square root of scale * n; the square "
                                             "root belongs to the variance factor n * scale**2 "
                                             "of the statement"),
        (expected / factor, "that counts L - 1 layers; every one of the L layers multiplies the "
                            "std"),
        (expected * factor, "that counts L + 1 layers; there are L"),
        (expected * math.sqrt(n) ** (1 - L), "sqrt(n) belongs to every layer, like scale"),
        (expected * scale ** (1 - L), "scale belongs to every layer, like sqrt(n)"),
        (factor * math.sqrt(L), "variances add only for a sum; layers stacked on each other "
                                "multiply"),
        ((scale * n / 2) ** L, "n ** 1/2 is (n ** 1) / 2 = n / 2: ** binds tighter than /; "
                               "write n ** 0.5 or np.sqrt(n)"),
        ((scale / math.sqrt(n)) ** L, "you divided by sqrt(n): a sum of n terms has a std "
                                      "sqrt(n) times larger than one term's; multiply"),
        ((scale + math.sqrt(n)) ** L, "you added scale and sqrt(n); each layer multiplies the "
                                      "std by scale AND by sqrt(n): their product"),
        (factor ** (1 / L), "you took the L-th root of the factor; L layers multiply the std "
                            "L times: the power is L"),
        (scale ** L * n ** (L // 2), "n ** (L // 2) is integer division: for an odd L it drops "
                                     "half a power of n; write n ** (L / 2)"),
        (math.sqrt(expected), "that is (scale * sqrt(n)) ** (L / 2), the square root of the "
                              "std: the factor scale * sqrt(n) is the std's already, so L "
                              "layers raise it to the power L, not L / 2"),
        (expected ** 2 / 2, "(n * scale**2) ** L / 2 divides by 2 after the power: ** binds "
                            "tighter than / (precedence); write (n * scale**2) ** (L / 2)"),
        (expected * scale, "one factor of scale too many: you started from scale, the weights' "
                           "std; start from the inputs' std, 1, and multiply by scale * sqrt(n) "
                           "once per layer"),
        (expected / 2 ** (L / 2), "that is (scale * sqrt(n / 2)) ** L, the rule for ReLU layers "
                                  "(a ReLU halves the second moment); this network is linear, "
                                  "no activation: nothing halves"),
    ]


def out_of_range(scale, n, L):
    """Whether scale ** L or n ** (L / 2), computed apart, leaves the range of floats."""
    try:
        return scale**L == 0 or math.isinf(n ** (L / 2))
    except OverflowError:
        return True


def rounding_of(got, expected):
    """The rounding that turns ``expected`` into ``got`` ("3 decimals", "4 significant
    digits", "float32"), or None."""
    for digits in range(0, 9):
        if got == round(expected, digits):
            return f"{digits} decimals"
        if got == float(f"{expected:.{digits + 1}g}"):
            return f"{digits + 1} significant digits"
    if math.isclose(got, expected, rel_tol=1e-6):
        return "float32"
    return None


def judge_predicted_std(case, outcomes):
    """``predicted_std(scale, n, L)``: the std after L linear layers of width n, at full
    precision."""
    scale, n, L = case["calls"][0]["args"]
    got = finite_number(returned(outcomes[0]))
    expected = case["expected"]
    if math.isclose(got, expected, rel_tol=1e-9):
        return
    where = f"for scale={scale:g}, n={n}, L={L} expected {expected!r}, got {got!r}"
    if got in (0.0, math.inf) and 0 < expected < math.inf and out_of_range(scale, n, L):
        raise Wrong(f"your answer is {got!r} where the std is a float like any other: a part "
                    "of your formula left the range of floats (scale ** L underflows to 0, or "
                    "n ** (L / 2) overflows, for a deep or wide network) when computed apart; "
                    "multiply one layer's factor first: (scale * sqrt(n)) ** L", where)
    rounding = rounding_of(got, expected)
    if rounding == "float32":
        raise Wrong("right to 6 digits but not to full precision: compute in float64 (Python "
                    "floats or numpy's default), not float32, and do not round", where)
    if L == 0:
        raise Wrong("with L = 0 layers nothing has changed the inputs: the std is theirs, 1, "
                    "and the formula gives it with no special case ((scale * sqrt(n)) ** 0 = "
                    "1)", where)
    if got == 0 and expected != 0:
        raise Wrong("your answer is exactly 0, where the std after L layers is never 0 for a "
                    "positive scale: a product started at 0 (std = 0 before the loop, or "
                    "functools.reduce with no initial value, which starts from the first item "
                    "of range(L), a 0), a std below 1 made a whole number (int() or round() "
                    "of it), or a small std replaced by 0 on purpose? Return "
                    "(scale * sqrt(n)) ** L as it is, however small", where)
    if rounding is not None:
        raise Wrong(f"your answer is the std rounded to {rounding}: return it unrounded, at "
                    "full precision (round only when you print)", where)
    try:
        mistakes = std_mistakes(scale, n, L, expected)
    except OverflowError:  # a very deep or wide case: some of them leave the range of floats
        mistakes = []
    for value, explanation in mistakes:
        if math.isclose(got, value, rel_tol=1e-9) and not math.isclose(value, expected,
                                                                        rel_tol=1e-9):
            raise Wrong(explanation, where)
    judge_kept_std(got, expected, (scale, n, L), case["earlier_args"], where)
    judge_over_layers(got, expected, scale * math.sqrt(n), L, where)
    judge_swapped(got, expected, scale, n, L, where)
    offset = got - expected
    if abs(offset) >= 0.5 and math.isclose(offset, round(offset), rel_tol=0, abs_tol=1e-9) and (
            abs(got) > 1e-3 * abs(expected)) and abs(offset) < 1e6:
        raise Wrong(f"your answer is the std plus a constant offset of {round(offset)}: you "
                    "added something (the input's std?) that no layer adds; each layer only "
                    "multiplies the std", where)
    added = (got - 1) / L  # what each layer would add, were the layers a sum
    factor = scale * math.sqrt(n)
    for value, words in ((factor - 1, "factor - 1"), (factor, "the factor scale * sqrt(n)"),
                         (factor**2 - 1, "factor ** 2 - 1"), (factor**2, "factor ** 2")):
        if math.isclose(added, value, rel_tol=1e-9, abs_tol=1e-12) and L > 1:
            raise Wrong(f"your std is 1 + L * ({words}): each layer ADDS a fixed amount to it, a "
                        "sum where a product belongs; each layer MULTIPLIES the std by scale * "
                        "sqrt(n), so L layers compound: (scale * sqrt(n)) ** L", where)
    found = formula_of(got, scale, n, L) or shape_of(got, expected, scale, n, L)
    if found is not None:
        raise Wrong(found, where)
    per_layer = power_of(got, scale * math.sqrt(n))
    if per_layer is not None:
        raise Wrong(f"you raised the per-layer factor scale * sqrt(n) to the power {per_layer}; "
                    "L layers multiply the std L times: the power is L", where)
    if math.isclose(got, expected, rel_tol=0.05):
        raise Wrong("close, but not exact: this looks like an estimate (a simulation?); the "
                    "exercise asks for the exact formula, which gives the std at full precision",
                    where)
    raise Wrong("not the std after L layers. Hint: the statement says what one layer does to "
                "the variance; what does it do to the std, and what do L layers do?", where)


def formula_of(got, scale, n, L):
    """What the answer computes, when it is scale ** a * n ** b (a, b halves), or its L-th
    root is scale times a function of n; None otherwise."""
    if got <= 0 or L < 1 or n < 2:
        return None
    for a in [k / 2 for k in range(-2, 4 * L + 3)]:
        b = (math.log(got) - a * math.log(scale)) / math.log(n)
        if abs(2 * b - round(2 * b)) < 1e-9 and (a, round(2 * b) / 2) != (L, L / 2):
            b = round(2 * b) / 2
            if a == 0 and b == 0:
                return ("your answer is exactly 1, the inputs' own std, as if the layers did "
                        f"nothing, where L = {L} layers multiply it by scale * sqrt(n) each: a "
                        "loop that never runs, a power of 0, or a factor held at 1 (min(factor, "
                        "1) caps a std that should grow)?")
            which = ("; scale belongs to every layer, like sqrt(n)" if b == L / 2 else
                     "; sqrt(n) belongs to every layer, like scale" if a == L else "")
            rooted = " (scale is a std already: take no square root of it)" if (
                b == L / 2 and a in (0.5, L / 2)) else (
                " (you squared scale but took the square root of n alone: the root belongs "
                "to the whole variance factor n * scale ** 2)") if (b == L / 2 and a == 2 * L) \
                else ""
            missing = (" (n is missing: each layer sums n inputs)" if b == 0 else
                       " (scale is missing)" if a == 0 else "")
            return (f"your formula gives scale ** {a:g} * n ** {b:g}{missing}; after L = {L} "
                    "layers the "
                    f"std is scale ** {L} * n ** {L / 2:g}: each layer multiplies it by scale "
                    f"once and by sqrt(n) once{which}{rooted}")
    per_layer = got ** (1 / L) / scale
    root = math.sqrt(n)
    if abs(per_layer - round(per_layer)) < 1e-9 * per_layer and abs(per_layer - root) < 1 and (
            abs(per_layer - root) > 1e-9 * root):
        return (f"each layer multiplies your std by scale * {round(per_layer)}, sqrt(n) made a "
                f"whole number (math.isqrt, int(), round or floor: sqrt({n}) is {root:.6g}); "
                "keep the square root as it is, a float: math.sqrt(n) or n ** 0.5")
    for value, words in ((math.sqrt(n - 1), "sqrt(n - 1)"), (math.sqrt(n + 1), "sqrt(n + 1)"),
                         (math.log(n), "log(n)"), (math.log2(n), "log2(n)"), (n / 2, "n / 2")):
        if abs(per_layer / value - 1) < 1e-9:
            return (f"each layer multiplies your std by scale * {words}; a sum of n independent "
                    "terms has a std sqrt(n) times a term's: scale * sqrt(n)")
    return None


def shape_of(got, expected, scale, n, L):
    """What the answer computes when it is the right formula with its arguments swapped, a
    constant times it (or times one layer's factor), its power in L wrong, or the right formula
    compounded differently from layer to layer; measured, so a hint says what the answer did.
    None otherwise."""
    names = {"scale": scale, "n": n, "L": L}
    for order in (("scale", "L", "n"), ("n", "scale", "L"), ("L", "n", "scale"),
                  ("n", "L", "scale"), ("L", "scale", "n")):
        a, b, c = (names[name] for name in order)
        try:
            value = (a * math.sqrt(b)) ** c
        except (OverflowError, ValueError):
            continue
        if value > 0 and math.isclose(got, value, rel_tol=1e-9):
            swapped = " and ".join(f"{x} (as {y})"
                                   for x, y in zip(order, names, strict=True) if x != y)
            return (f"your answer is the right formula with its arguments swapped: "
                    f"({order[0]} * sqrt({order[1]})) ** {order[2]}, you passed {swapped}; "
                    "the signature is predicted_std(scale, n, L): scale the weights' std, n the "
                    "width, L the depth")
    factor = scale * math.sqrt(n)
    for c, words in ((2, "2"), (0.5, "1 / 2"), (math.sqrt(2), "sqrt(2)"), (1 / math.sqrt(2),
                                                                            "1 / sqrt(2)"),
                     (math.sqrt(2 / math.pi), "sqrt(2 / pi) (the mean of |x| for a standard "
                                               "normal x: a mean absolute value, not a std)"),
                     (1 / math.sqrt(3), "1 / sqrt(3) (the std of U(-scale, scale): scale is "
                                        "the weights' std itself, not a uniform limit)"),
                     (math.sqrt(3), "sqrt(3)")):
        if math.isclose(got, c * expected, rel_tol=1e-9):
            return (f"your answer is {words} times the std: a constant factor that no layer "
                    "brings; the std after L layers is (scale * sqrt(n)) ** L, no more")
        if L > 1 and math.isclose(got, c ** L * expected, rel_tol=1e-9):
            return (f"each layer multiplies your std by {words} * scale * sqrt(n): a constant "
                    f"factor {words} in every layer that no layer brings; one layer multiplies "
                    "the variance by n * scale ** 2, the std by scale * sqrt(n)")
    per_layer = got ** (1 / L) if got > 0 and L >= 1 else 0
    if L >= 1 and math.isclose(per_layer, math.sqrt(2 * scale * n), rel_tol=1e-9):
        return ("each layer multiplies your std by sqrt(n * scale * 2): you wrote scale * 2 "
                "where scale ** 2 belongs (the variance factor is n * scale ** 2)")
    if got <= 0 or abs(math.log(factor)) < 1e-6 or L < 1:
        return None
    power = math.log(got) / math.log(factor)
    half = 1 - 2.0 ** -L
    for value, words in (
            (2 * math.sqrt(L), "your answer is (n * scale**2) ** sqrt(L): ** is "
             "right-associative, so x ** L ** 0.5 is x ** (L ** 0.5) (precedence); put "
             "parentheses: (x ** L) ** 0.5"),
            (math.sqrt(L), "your answer is (scale * sqrt(n)) ** sqrt(L): the power is "
             "L, not sqrt(L) (x ** L ** 0.5 is x ** (L ** 0.5): ** binds right to left)"),
            (L * L, "your answer is (scale * sqrt(n)) ** (L ** 2): the power is L"),
            (2.0 ** L, "your answer is (scale * sqrt(n)) ** (2 ** L): the power is L"),
            (L * (L + 1) / 2, "your std compounds: layer k multiplies it by the factor k "
             "times: each layer multiplies the std by scale * sqrt(n) once"),
            (2 * half, "each of your layers takes the square root of n * "
             "scale**2 times the std of the layer below: you mixed std and variance; the "
             "variance factor n * scale**2 "
             "multiplies the variance (var = n * scale**2 * var), and the square root comes "
             "once, at the end"),
            (half, "each of your layers takes the square root of scale * "
             "sqrt(n) times the std below: you mixed std and variance; the std factor "
             "multiplies the std, no square root"),
            (4 * half, "each of your layers multiplies the square root of the std below by n * "
             "scale**2: you mixed std and variance; var = n * scale**2 * var")):
        if abs(value - L) > 1e-9 and abs(power - value) < 1e-9 * max(1.0, value):
            return words
    return None


def power_of(got, base):
    """The simple power p (an integer, or 1 / an integer) with got = base ** p, or None."""
    if base <= 0 or abs(math.log(base)) < 1e-6 or got <= 0:
        return None
    p = math.log(got) / math.log(base)
    for q in range(1, 101):
        if abs(p - q) < 1e-9 or abs(p - 1 / q) < 1e-9:
            return str(q) if abs(p - q) < 1e-9 else f"1 / {q}"
    return None


EXERCISE = Exercise(
    number="2.2", function="predicted_std", signature="predicted_std(scale, n, L)",
    task="the std after L layers of a deep linear network",
    praise="the std after L layers is (scale * sqrt(n)) ** L",
    judge=judge_predicted_std, data=data_file(__file__))
