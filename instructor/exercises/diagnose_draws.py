"""Exercise 6.1's draws: one call of ``diagnose(rms, depth)``, and further cases drawn to show
a verdict rule that the visible cases cannot, each noted with what kind of case it is."""

import math

import numpy as np

from .graded import noted

# the change factor ** (depth - 1) each further case is drawn to have, its factor, and what
# kind of case it is: both sides of each threshold, a hair away (a threshold tuned to the
# visible cases fails), and factors whose verdict is not their side of 1 (deep: vanish or
# explode; shallow: train; a verdict from the factor alone fails)
FURTHER_CHANGES = (
    ((0.0099, 0.00999), None, "a change over the network a hair below 0.01"),
    ((0.01001, 0.0101), None, "a change over the network a hair above 0.01"),
    ((99.0, 99.9), None, "a change over the network a hair below 100"),
    ((100.1, 101.0), None, "a change over the network a hair above 100"),
    ((1e-5, 0.005), (0.6, 0.95), "a mild factor per layer, 0.6 to 0.95, in a deep network"),
    ((200.0, 1e4), (1.05, 1.6), "a mild factor per layer, 1.05 to 1.6, in a deep network"),
    ((0.05, 0.5), (0.2, 0.45), "a small factor per layer, 0.2 to 0.45, in a shallow network"),
    ((2.0, 50.0), (2.2, 6.0), "a large factor per layer, 2.2 to 6, in a shallow network"),
    ((1e-4, 0.009), (0.97, 0.99), "a factor per layer of 0.97 to 0.99 in a very deep network"),
)



def diagnose_case(rms, depth):
    return {"calls": [{"args": [list(rms), depth]}]}


def mixed_ratios_case(rng, vanish):
    """3 to 5 measured layers whose ratios lie on both sides of 1 (one of them 1.05 to 1.3, or
    0.75 to 0.95), and a factor of 0.55 to 0.8 (or 1.3 to 1.8) that vanishes (or explodes)
    over the network, 1e-5 to 1e-3-fold (or 1e3 to 1e5): an answer that asks every ratio to
    shrink (or grow) before it says 'vanish' (or 'explode') fails."""
    for _ in range(1000):
        k = int(rng.integers(4, 7))
        factor = float(rng.uniform(0.55, 0.8) if vanish else rng.uniform(1.3, 1.8))
        ratios = factor * np.exp(rng.normal(0.0, 0.1, k - 1))
        ratios[0] = rng.uniform(1.05, 1.3) if vanish else rng.uniform(0.75, 0.95)
        ratios[-1] *= factor ** (k - 1) / np.prod(ratios)
        rms = [float(f"{v:.4g}") for v in float(rng.uniform(0.5, 2.0)) * np.cumprod(
            np.concatenate([[1.0], ratios]))]
        measured = np.array(rms[1:]) / np.array(rms[:-1])
        change = float(rng.uniform(3, 5)) * math.log(10) * (-1 if vanish else 1)
        depth = 1 + round(change / math.log(factor))
        if np.any(measured > 1) and np.any(measured < 1) and depth > k:
            return noted(diagnose_case(rms, depth), "measured ratios on both sides of 1, the rms "
                         + ("shrinking" if vanish else "growing") + " over the network")
    raise RuntimeError("no case with mixed ratios")


def same_shape_case(rng, visible):
    """As many measured layers and the same depth as one of the ``visible`` cases (that vanish
    or explode), and a factor of 0.95 to 1.05 that trains (an answer that remembers its
    diagnosis by the number of measured layers and the depth fails)."""
    rms, depth = visible[int(rng.integers(len(visible)))]["calls"][0]["args"]
    factor, start = float(rng.uniform(0.95, 1.05)), float(rng.uniform(0.5, 2.0))
    return noted(diagnose_case([float(f"{start * factor**j:.4g}") for j in range(len(rms))], depth),
                 "as many measured layers and the same depth as a visible case")


def extreme_case(rng, vanish):
    """3 to 5 measured layers over which the rms changes 1e-80 to 1e-120-fold (or 1e80 to
    1e120), from a start of 0.5 to 2, and a depth from k to 3k + 1 that keeps the change over
    the network within 1e-200 to 1e200 (so any correct answer computes its factor and verdict
    in floats, exactly), while a root taken by a few iterations from 1 (Newton's, or bisection
    in a bracket) is far off."""
    k = int(rng.integers(3, 6))
    total = float(rng.uniform(80.0, 120.0)) * (-1 if vanish else 1)  # log10 of the change
    steps = total / (k - 1) + rng.normal(0.0, 2.0, k - 1)
    steps[-1] = total - steps[:-1].sum()
    start = float(rng.uniform(0.5, 2.0))
    rms = [float(f"{start * 10**v:.4g}") for v in np.concatenate([[0.0], np.cumsum(steps)])]
    most = int(200 * (k - 1) // abs(math.log10(rms[-1] / rms[0])))  # depth - 1 at most
    depth = 1 + int(rng.integers(k - 1, max(k - 1, min(most, 3 * k)) + 1))
    return noted(diagnose_case(rms, depth), "an rms change of some " + ("1e-100" if vanish else
                 "1e100") + " over 3 to 5 measured layers")


def measured_only_case(rng, vanish):
    """A network whose every layer is measured (depth = k, 3 to 5): a factor of 0.02 to 0.08
    that vanishes, or of 12 to 50 that explodes, over those layers alone (an answer that
    calls a network no deeper than its measurements a network that trains fails)."""
    k = int(rng.integers(3, 6))
    factor = float(rng.uniform(0.02, 0.08) if vanish else rng.uniform(12.0, 50.0))
    start = float(rng.uniform(0.5, 2.0))
    return noted(diagnose_case([float(f"{start * factor**i:.4g}") for i in range(k)], k),
                 "a network measured at every layer, its rms " + ("shrinking" if vanish else
                 "growing") + " fast")


def diagnose_case_with(rng, changes, factors, layers=(2, 7), starts=(0.05, 20.0)):
    """A case of ``layers`` (by default 2 to 6) measured layers whose change over the network
    lies in ``changes`` (and whose factor per layer in ``factors``, when given), from the rms
    as it is rounded, the first rms in ``starts``."""
    for _ in range(1000):
        k = int(rng.integers(*layers))
        if factors is None:
            depth = int(rng.integers(k + 1, 41))
            change = math.exp(rng.uniform(math.log(changes[0]), math.log(changes[1])))
            factor = change ** (1 / (depth - 1))
        else:
            factor = math.exp(rng.uniform(math.log(factors[0]), math.log(factors[1])))
            change = math.exp(rng.uniform(math.log(changes[0]), math.log(changes[1])))
            depth = max(k, round(1 + math.log(change) / math.log(factor)))
        ratios = factor * np.exp(rng.normal(0.0, 0.15, k - 1))
        ratios[-1] *= factor ** (k - 1) / np.prod(ratios)  # the geometric mean stays factor
        start = float(np.exp(rng.uniform(math.log(starts[0]), math.log(starts[1]))))
        rms = [float(f"{v:.4g}") for v in start * np.cumprod(np.concatenate([[1.0], ratios]))]
        log_change = (depth - 1) / (k - 1) * math.log(rms[-1] / rms[0])
        if math.log(changes[0]) <= log_change <= math.log(changes[1]) and depth >= k:
            return diagnose_case(rms, depth)
    raise RuntimeError(f"no case with a change in {changes} and a factor in {factors}")


def rounding_trap_case(rng, explode):
    """Two measured layers whose factor (0.99xy or 1.00xy, over a start of 1/4 to 4) rounds to 3
    decimals on the other side of a threshold: over some 460 to 480 layers the exact factor
    trains and the rounded one vanishes (or explodes), so a factor rounded before its power
    fails."""
    nudge = int(rng.choice([3, 4])) / 1e4
    factor, rounded = (1.01 - nudge, 1.01) if explode else (0.99 + nudge, 0.99)
    bound = math.log(100.0 if explode else 0.01)
    low, high = sorted((bound / math.log(factor), bound / math.log(rounded)))
    depth = 1 + int(rng.integers(math.ceil(low), math.floor(high) + 1))
    start = 2.0 ** int(rng.integers(-2, 3))
    return noted(diagnose_case([start, start * round(factor, 4)], depth), "a factor a hair "
                 + ("below 1.01" if explode else "above 0.99") + ", over some 470 layers")


def same_ends_cases(rng):
    """Three cases whose rms start and end alike: 3 to 5 measured layers of a factor of 0.7 to
    0.9 at a depth where the network trains, the same rms at a depth where it vanishes, and the
    same first and last rms over one more measured layer (an answer that remembers its
    diagnosis by the rms, or by their first and last values, fails)."""
    k = int(rng.integers(3, 6))
    start, factor = float(rng.uniform(0.5, 2.0)), float(rng.uniform(0.7, 0.9))
    rms = [float(f"{start * factor**i:.4g}") for i in range(k)]
    factor = (rms[-1] / rms[0]) ** (1 / (k - 1))
    trains = 1 + int(rng.integers(k - 1, math.floor(math.log(0.05) / math.log(factor)) + 1))
    vanishes = 1 + math.ceil(math.log(1e-3) / math.log(factor)) + int(rng.integers(0, 10))
    longer = [rms[0], *(float(f"{rms[0] * factor ** (i * (k - 1) / k):.4g}")
                        for i in range(1, k)), rms[-1]]
    return [noted(diagnose_case(rms, trains), "the first of three cases whose rms start and end "
                  "alike"), noted(diagnose_case(rms, vanishes), "the rms of the case before, "
                                  "in a deeper network"),
            noted(diagnose_case(longer, trains), "the first and last rms of the case before, "
                  "one more layer measured between")]


def length_cases(rng):
    """A change a hair below 100 from 4 to 6 measured layers, and one a hair above 0.01 from 2
    (an answer whose power depends on the number of measured layers fails)."""
    return [noted(diagnose_case_with(rng, changes, None, layers=layers), f"{text}, from {count} "
                  "measured layers") for (changes, _, text), layers, count in (
                      (FURTHER_CHANGES[2], (4, 7), "4 to 6"), (FURTHER_CHANGES[1], (2, 3), "2"))]
