"""The cases exercises 3.1 and 3.2 share: a layer's fan_in and fan_out, and three generators."""

from .graded import new_cases, seeded_calls


def fan_case(fan_in, fan_out, seed):
    return seeded_calls([fan_in, fan_out], "default_rng", seed)


# fan_in below and above fan_out, sizes for which the usual wrong formulas all differ by 10%
FAN_CASES = (fan_case(400, 90, 0), fan_case(130, 490, 1))


def further_fan_cases(rng):
    """The visible cases' layers with new seeds (weights drawn once and stored fail), and
    layers of 50 to 300 inputs and 50 to 300 units, any seed (a right answer's three calls
    per case must fit in what the grader keeps of a notebook's results)."""
    def draw(rng):
        fan_in, fan_out = (int(n) for n in rng.integers(50, 301, 2))
        return fan_case(fan_in, fan_out, int(rng.integers(0, 2**31 - 1)))
    again = [fan_case(*case["calls"][0]["args"][:2], int(rng.integers(2, 2**31 - 1)))
             for case in FAN_CASES]
    return again + new_cases(draw, rng, 2, FAN_CASES)
