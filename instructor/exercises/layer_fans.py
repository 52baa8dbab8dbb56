"""The cases exercises 3.1 and 3.2 share: a layer's fan_in and fan_out, and three generators."""

from .graded import seeded_calls


def fan_case(fan_in, fan_out, seed):
    return seeded_calls([fan_in, fan_out], "default_rng", seed)


# fan_in below and above fan_out, sizes for which the usual wrong formulas all differ by 10%
FAN_CASES = (fan_case(400, 90, 0), fan_case(130, 490, 1))


# the fans of the further layers: fan_in below, between and above the visible ones, with
# fan_out below and above fan_in (a formula switched on a size fails for every key)
FURTHER_FANS = (((2, 21), (50, 301)), ((21, 121), (50, 301)), ((140, 391), (16, 301)),
                ((410, 601), (16, 81)))


def further_fan_cases(rng):
    """The visible cases' layers with new seeds (weights drawn once and stored fail), and a
    layer for each range of ``FURTHER_FANS``, any seed (a right answer's three calls per
    case must fit in what the grader keeps of a notebook's results)."""
    again = [fan_case(*case["calls"][0]["args"][:2], int(rng.integers(2, 2**31 - 1)))
             for case in FAN_CASES]
    new = [fan_case(int(rng.integers(*fans_in)), int(rng.integers(*fans_out)),
                    int(rng.integers(0, 2**31 - 1))) for fans_in, fans_out in FURTHER_FANS]
    return again + [new[k] for k in rng.permutation(len(new))]
