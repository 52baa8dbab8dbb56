"""Exercise 2.2 ``predicted_std(scale, n, L)``, as notebook 02 checks it.

The expected data of a case is the right std. A wrong answer is named by how it relates to it:
its square, its L-th root, a power of n too many, and so on.
"""

import math

from .exercise import Exercise, Wrong, data_file
from .judging import finite_number, returned


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
    ]


def judge_predicted_std(case, outcomes):
    """``predicted_std(scale, n, L)``: the std after L linear layers of width n, at full
    precision."""
    scale, n, L = case["calls"][0]["args"]
    got = finite_number(returned(outcomes[0]))
    expected = case["expected"]
    if math.isclose(got, expected, rel_tol=1e-9):
        return
    where = f"for scale={scale:g}, n={n}, L={L} expected {expected:.4g}, got {got:.4g}"
    for value, explanation in std_mistakes(scale, n, L, expected) if L >= 1 else []:
        if math.isclose(got, value, rel_tol=1e-9) and not math.isclose(value, expected,
                                                                        rel_tol=1e-9):
            raise Wrong(explanation, where)
    raise Wrong("not the std after L layers. Hint: the statement says what one layer does to "
                "the variance; what does it do to the std, and what do L layers do?", where)


EXERCISE = Exercise(
    number="2.2", function="predicted_std", signature="predicted_std(scale, n, L)",
    task="the std after L layers of a deep linear network",
    praise="the std after L layers is (scale * sqrt(n)) ** L",
    judge=judge_predicted_std, data=data_file(__file__))
