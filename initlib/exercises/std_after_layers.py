"""Exercise 2.2's answers that are another formula of scale, n and L (notebook 02): the
right one with two arguments or base and exponent exchanged, exps and logs of different bases,
or a summary (mean, sum, largest, ...) over the stds of all the layers where the last is asked.
"""

import math
import statistics

from .exercise import Wrong


def judge_swapped(got, expected, scale, n, L, where):
    """``Wrong`` when the answer is the formula with two arguments exchanged, with base and
    exponent exchanged, or with an exp and a log of different bases."""
    factor = scale * math.sqrt(n)
    candidates = [
        (lambda: (n * math.sqrt(scale)) ** L, "scale and n exchanged (sqrt(scale) * n)"),
        (lambda: (L * math.sqrt(n)) ** scale, "scale and L exchanged"),
        (lambda: (scale * math.sqrt(L)) ** n, "n and L exchanged"),
        (lambda: L ** factor, "base and exponent exchanged: L ** (scale * sqrt(n))"),
        (lambda: math.exp(L * math.log2(factor)), "an exp of a log2: e ** (L * log2(factor))"),
        (lambda: 2 ** (L * math.log(factor)), "2 ** of a natural log: 2 ** (L * ln(factor))"),
        (lambda: math.exp(L * math.log10(factor)), "an exp of a log10"),
        (lambda: 10 ** (L * math.log(factor)), "10 ** of a natural log"),
    ]
    for value, words in candidates:
        try:
            value = float(value())
        except (OverflowError, ValueError, ZeroDivisionError):
            continue
        if (math.isfinite(value) and math.isclose(got, value, rel_tol=1e-9)
                and not math.isclose(value, expected, rel_tol=1e-9) and value != 1.0):
            raise Wrong(f"your formula is the right one with {words}: the std after L layers "
                        "is (scale * sqrt(n)) ** L, the factor scale * sqrt(n) multiplied in L "
                        "times (an exp and a log must share one base: exp(L * log(factor)))",
                        where)


def judge_over_layers(got, expected, factor, L, where):
    """``Wrong`` when the answer is a statistic (mean, sum, median, max, min) of the stds
    after 1, ..., L layers (or 0, ..., L): the std at every layer, where the last one is asked."""
    if L < 2 or not 1e-100 < factor < 1e100 or L > 1000:
        return
    for first in (1, 0):
        stds = [factor**l for l in range(first, L + 1)]
        said = f"the stds after {first}, 1, ..., L layers" if first == 0 else (
            "the stds after 1, 2, ..., L layers")
        for value, name in ((statistics.fmean(stds), "mean"), (math.fsum(stds), "sum"),
                            (statistics.median(stds), "median"), (max(stds), "largest"),
                            (min(stds), "smallest")):
            if (math.isfinite(value) and math.isclose(got, value, rel_tol=1e-9)
                    and not math.isclose(value, expected, rel_tol=1e-9)
                    and not math.isclose(value, 1.0, rel_tol=1e-9)):  # 1 says too little
                raise Wrong(f"your answer is the {name} over the layers of their stds ({said}): "
                            "the std after L layers is the last of them alone, (scale * "
                            "sqrt(n)) ** L, not a summary over the layers", where)
