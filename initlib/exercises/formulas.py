"""Which formula a measured number is, in the variables of the call that produced it.

A judge that finds an answer's std (or limit, or factor) exactly, but not the right one, asks
``formula_of(value, {"fan_in": 400, "fan_out": 90})`` and can tell the student
"your std is (5/3) / sqrt(fan_in)" instead of "1.18 times He's". The search covers
``value ** 2 = R * fan_in ** i * fan_out ** j * (fan_in + fan_out) ** k`` for small whole powers
and a short list of fractions R: every rule of notebook 03 and the usual slips around them.
"""

import itertools
import math
import re
from fractions import Fraction

from .relations import plain_ratio, ratio_words

NUMERATORS = (1, 2, 3, 4, 5, 6, 8, 9, 12, 16, 18, 24, 25, 36)
DENOMINATORS = (1, 2, 3, 4, 6, 8, 9, 12, 16, 25)
SQUARES = sorted({Fraction(p, q) for p in NUMERATORS for q in DENOMINATORS},
                 key=lambda r: (r.numerator + r.denominator, r))
DECIMALS = [Fraction(1, 10**k) for k in (2, 4, 6)]  # a fixed scale: 0.1, 0.01, 0.001
POWERS = (0, -1, 1, -2, 2)


def formula_of(value, variables, tolerance=1e-9, powers=None):
    """The simplest formula for ``value`` > 0 in ``variables`` (a dict name -> positive
    number, the likeliest first; a key "a + b" may name a sum), as a reader writes it, or None.

    ``value ** 2`` is matched against R * prod(var ** k), k in -2..2 (or in ``powers[var]``
    when given), R in ``SQUARES``, to
    ``tolerance`` (relative); a formula whose numbers are below 10 wins over a fixed decimal
    scale (0.01), which wins over other numbers; then the fewest variables, the smallest
    powers, the earlier variables and the simplest fraction.
    """
    if not (isinstance(value, float | int) and math.isfinite(value) and value > 0):
        return None
    names = list(variables)
    logs = [math.log(variables[name]) for name in names]
    target = 2 * math.log(value)
    found = []
    choices = [(powers or {}).get(name, POWERS) for name in names]
    for powers in itertools.product(*choices):  # noqa: B020 - the chosen powers, one by one
        rest = target - sum(k * log for k, log in zip(powers, logs, strict=True))
        for ratio in SQUARES if any(powers) else SQUARES + DECIMALS:
            if abs(rest - math.log(ratio)) < tolerance:
                later = sum(i for i, k in enumerate(powers) if k)
                written = words(ratio, dict(zip(names, powers, strict=True)))
                kind = (1 if ratio in DECIMALS else 0 if simple(written)
                        else 2)  # small numbers, a fixed scale, others
                cost = (kind, sum(k != 0 for k in powers), sum(map(abs, powers)), later,
                        ratio.numerator + ratio.denominator)
                found.append((cost, ratio, powers))
                break
    if not found:
        return None
    _, ratio, chosen = min(found, key=lambda item: item[0])
    if ratio in DECIMALS:
        return f"{math.sqrt(ratio):g}"
    return words(ratio, dict(zip(names, chosen, strict=True)))


def square_free(n):
    """(a, b) with n = a * a * b and b free of squares."""
    a = 1
    for f in range(2, math.isqrt(n) + 1):
        while n % (f * f) == 0:
            n //= f * f
            a *= f
    return a, n


def words(ratio, powers):
    """sqrt(ratio * prod(var ** k)) written simply: "sqrt(2 / fan_in)", "1 / fan_in",
    "(5/3) / sqrt(fan_in)", "sqrt(2) / fan_in"."""
    (top_a, top_b), (bottom_a, bottom_b) = square_free(ratio.numerator), square_free(
        ratio.denominator)
    top_out, bottom_out = [str(top_a)] * (top_a != 1), [str(bottom_a)] * (bottom_a != 1)
    top_in, bottom_in = [str(top_b)] * (top_b != 1), [str(bottom_b)] * (bottom_b != 1)
    for name, k in powers.items():
        shown = f"({name})" if "+" in name else name
        whole, odd = divmod(abs(k), 2)
        if whole:
            (top_out if k > 0 else bottom_out).append(shown)
        if odd:
            (top_in if k > 0 else bottom_in).append(shown)
    if not top_out and not bottom_out:
        return f"sqrt({fraction(top_in, bottom_in)})" if top_in or bottom_in else "1"
    numbers_out = all(part.isdigit() for part in top_out + bottom_out)
    if numbers_out and any(not part.isdigit() for part in top_in + bottom_in) and any(
            part.isdigit() for part in top_in + bottom_in):
        number = fraction(top_out, bottom_out)
        number = f"({number})" if "/" in number else number
        return f"{number} * sqrt({fraction(top_in, bottom_in)})"
    tops = top_out + [f"sqrt({' * '.join(top_in)})"] * bool(top_in)
    bottoms = bottom_out + [f"sqrt({' * '.join(bottom_in)})"] * bool(bottom_in)
    return fraction(tops, bottoms)


def fraction(tops, bottoms):
    """"a * b / (c * d)" from the factors above and below the line."""
    top = " * ".join(tops) or "1"
    if not bottoms:
        return top
    bottom = " * ".join(bottoms)
    return f"{top} / ({bottom})" if len(bottoms) > 1 else f"{top} / {bottom}"


KNOWN = {  # formulas with a name of their own, beyond the exercise's rule
    "5 / (3 * sqrt(fan_in))": "tanh's gain 5/3 times LeCun's 1 / sqrt(fan_in), the rule for "
                              "tanh layers",
    "sqrt(1 / fan_in)": "LeCun's rule", "sqrt(3 / fan_in)": "LeCun's uniform limit",
    "sqrt(2 / (fan_in + fan_out))": "Glorot/Xavier's std",
    "sqrt(6 / (fan_in + fan_out))": "Glorot/Xavier's uniform limit",
}


def formula_slip(found, right, fan_in, fan_out, what, rule, others=(), note=""):
    """A sentence naming what the exactly measured ``found`` is, where the rule ``rule``
    (a formula in fan_in, e.g. "sqrt(2 / fan_in)") gives ``right``; "" when no formula fits.
    ``others``: (name, value) of related quantities the answer may be a plain multiple of;
    ``note`` ends the sentence (a fact the student needs to find the rule).

    It recognises ``x ** 1/2`` (read as (x ** 1) / 2), the rule computed for another fan_in
    (kept from an earlier call), and otherwise writes the formula ``found`` is.
    """
    square = right**2  # the expression under the rule's square root
    if abs(found / (square / 2) - 1) < 1e-9:
        return (f"your {what} is ({rule[5:-1]}) / 2, which is what `({rule[5:-1]}) ** 1/2` "
                f"computes: ** binds tighter than /, so ** 1/2 raises to the power 1 and then "
                f"halves; write ** 0.5, or np.sqrt(...)")
    if found > 0 and right > 0 and abs(math.log(right)) > 1e-3:
        power = Fraction(math.log(found) / math.log(right)).limit_denominator(8)
        if power not in (0, 1) and abs(found / right ** float(power) - 1) < 1e-9:
            root = (f" (the square root of the {what}, a fourth root of what is under the "
                    "rule's root: a square root taken twice, np.sqrt of a std that is already "
                    "one?)" if power == Fraction(1, 2) else "")
            return (f"your {what} is the rule's {what} raised to the power {power}, ({rule}) "
                    f"** ({power}){root}; the rule is {rule} itself{note}")
    words = formula_of(found, {"fan_in": fan_in, "fan_out": fan_out,
                               "fan_in + fan_out": fan_in + fan_out})
    relation = " and ".join(f"{ratio_words(found / value)} {name}"
                            for name, value in ((f"the rule's {what}", right), *others)
                            if plain_ratio(found / value))
    relation = relation and f", {relation}"
    written = "" if words in (None, rule) else (
        f"your {what} is exactly {words}" + (f" ({KNOWN[words]})" if words in KNOWN else "")
        + f"{relation}, where the rule is {rule}{note}")
    if words in KNOWN or written and simple(words):
        return written
    implied = fan_in * square / found**2  # the fan_in the rule was computed for
    if abs(implied - round(implied)) < 1e-6 and round(implied) not in (fan_in, fan_out) and (
            1 <= round(implied) <= 10**6):
        return (f"your {what} is {rule} for fan_in = {round(implied)}, not for this call's "
                f"fan_in = {fan_in}: is it computed once and kept from an earlier call (a "
                "global, a cache, a default argument) or from another layer?")
    return written


def simple(words):
    """A formula whose numbers are all small (below 10): one a student would write."""
    return all(int(number) < 10 for number in re.findall(r"\d+", words))
