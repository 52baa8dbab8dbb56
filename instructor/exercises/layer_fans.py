"""The cases exercises 3.1 and 3.2 share: a layer's fan_in and fan_out, and three generators."""

import numpy as np

from .graded import noted, seeded_calls
from .tail_seeds import sizes_holding, tail_seed


def fan_case(fan_in, fan_out, seed):
    return seeded_calls([fan_in, fan_out], "default_rng", seed)


# fan_in below and above fan_out, sizes for which the usual wrong formulas all differ by 10%
FAN_CASES = (fan_case(400, 90, 0), fan_case(130, 490, 1))


# the fans of the further layers: fan_in below, between and above the visible ones, with
# fan_out below and above fan_in (a formula switched on a size fails for every key), and a
# square layer, fan_in == fan_out (a formula switched on squareness fails for every key)
FURTHER_FANS = (((2, 21), (50, 301)), ((21, 121), (50, 301)), ((140, 391), (16, 301)),
                ((410, 601), (16, 81)))
FURTHER_FANS_ABOUT = (  # what kind of case each is, in words
    "a layer of 2 to 20 inputs, far fewer than any visible one, into 50 to 300 units",
    "a layer of 21 to 120 inputs, fewer than any visible one, into 50 to 300 units",
    "a layer of 140 to 390 inputs, between the visible ones, into 16 to 300 units",
    "a layer of 410 to 600 inputs, more than any visible one, into 16 to 80 units")
SQUARE_FANS = (16, 121)


BIG = 100_001  # weights in the largest further layer: above what any visible layer holds


def big_tail_case(rng, text):
    """A layer of more than ``BIG`` weights (an answer that changes above some size fails),
    drawn from a seed whose first call's draw passes 6 std (weights clipped anywhere short of
    the tails fail), noted as of the kind ``text``."""
    seed, count = tail_seed(rng)
    return noted(fan_case(*sizes_holding(rng, count, at_least=BIG), seed), text)


def further_fan_cases(rng, big="a layer of over 100,000 weights, more than any visible one"):
    """The visible cases' layers with new seeds (weights drawn once and stored fail), a
    layer for each range of ``FURTHER_FANS``, a square layer, any seed, and a big layer
    reaching past 6 std (a right answer's three calls per case must fit in what the grader
    keeps of a notebook's results); then a layer of 601 to 900 inputs into one unit, one of
    2 to 6 inputs into 501 to 600 units, and one of 513 to 700 inputs into 2 to 4 units;
    then layers that share a fan_out and differ in fan_in. ``big`` says what kind of case the
    big layer is."""
    again = [noted(fan_case(*case["calls"][0]["args"][:2], int(rng.integers(2, 2**31 - 1))),
                   "a visible case's layer with a new seed") for case in FAN_CASES]
    new = [noted(fan_case(int(rng.integers(*fans_in)), int(rng.integers(*fans_out)),
                          int(rng.integers(0, 2**31 - 1))), text)
           for (fans_in, fans_out), text in zip(FURTHER_FANS, FURTHER_FANS_ABOUT, strict=True)]
    side = int(rng.integers(*SQUARE_FANS))
    new.append(noted(fan_case(side, side, int(rng.integers(0, 2**31 - 1))),
                     "a square layer: fan_in equal to fan_out"))
    new.append(big_tail_case(rng, big))
    order = rng.permutation(len(new))
    # past 600 inputs into one unit (blocks of columns, a squeezed shape, a rule switched for an
    # output layer, a std or limit floored at 0.1 fail), and past 500 units from a few inputs
    # (a rule switched for wide fails)
    edges = [noted(fan_case(int(rng.integers(601, 901)), 1, int(rng.integers(0, 2**31 - 1))),
                   "a layer of 601 to 900 inputs into a single unit"),
             noted(fan_case(int(rng.integers(2, 7)), int(rng.integers(501, 601)),
                            int(rng.integers(0, 2**31 - 1))),
                   "a layer of 2 to 6 inputs into 501 to 600 units"),
             noted(fan_case(int(rng.integers(513, 701)), int(rng.integers(2, 5)),
                            int(rng.integers(0, 2**31 - 1))),
                   "a layer of 513 to 700 inputs into 2 to 4 units")]
    # a visible layer's fan_out with a new fan_in, and two new layers sharing a fan_out (a std
    # or limit remembered by fan_out, or by anything but fan_in, fails)
    shared = int(rng.integers(20, 101))  # small layers: a right answer's record stays small
    kept = [noted(fan_case(int(rng.integers(140, 391)), FAN_CASES[0]["calls"][0]["args"][1],
                           int(rng.integers(0, 2**31 - 1))),
                  "a visible case's fan_out with a new fan_in")]
    kept += [noted(fan_case(int(fan_in), shared, int(rng.integers(0, 2**31 - 1))),
                   "one of two layers with the same fan_out and different fan_in")
             for fan_in in rng.choice(np.arange(2, 101), size=2, replace=False)]
    return again + [new[k] for k in order] + edges + kept


def single_input_case(rng):
    """A layer of a single input into 2 to 300 units (a std or limit capped at 1, which He's
    exceeds below 2 or 6 inputs, fails)."""
    return noted(fan_case(1, int(rng.integers(2, 301)), int(rng.integers(0, 2**31 - 1))),
                 "a layer of a single input")
