"""The further cases the grader adds to each exercise's visible ones. Instructor-only.

Students never see these inputs: they are not in ``initlib``, not in the student copies, and
feedback on them names the property that failed, not the case. Each entry uses the same
plain-data description as the visible cases in ``initlib.checks``.
"""

import math

import numpy as np

from initlib.checks import (
    _distinct_case,
    _fan_case,
    _gain_case,
    _random_case,
    _relu_network_case,
    _std_case,
    _zeros_case,
)


def _distinct_cases():
    rng = np.random.default_rng(11)
    row = rng.standard_normal(4)
    W = rng.standard_normal((6, 2))
    W[3] = W[5] = W[1]
    return [
        _distinct_case(np.tile(row, (5, 1)), np.zeros((5, 1)), 1),
        _distinct_case(np.tile(row, (3, 1)), [[0.5], [0.5], [-1.0]], 2),
        _distinct_case(W, np.zeros((6, 1)), 4),
        _distinct_case(np.zeros((7, 9)), np.zeros((7, 1)), 1),
        _distinct_case(rng.standard_normal((8, 3)), rng.standard_normal((8, 1)), 8),
    ]


HIDDEN = {
    "initialize_zeros": [_zeros_case([4, 7, 2]), _zeros_case([1, 1]),
                         _zeros_case([5, 3, 3, 8, 1])],
    "count_distinct": _distinct_cases(),
    "initialize_random": [_random_case([3, 50, 40, 1], 0.3, "default_rng", 5),
                          _random_case([6, 60, 2], 2.0, "RandomState", 9)],
    "predicted_std": [_std_case(0.05, 100, 10), _std_case(0.2, 64, 5), _std_case(0.1, 100, 0),
                      _std_case(math.sqrt(2 / 256), 256, 20)],
    "he_normal": [_fan_case(250, 120, 4), _fan_case(90, 500, 8)],
    "he_uniform": [_fan_case(400, 60, 6), _fan_case(120, 300, 2)],
    "gain_for": [_gain_case("leaky_relu", slope=0.5), _gain_case("scaled_tanh", factor=2.0),
                 _gain_case("sigmoid"), _gain_case("softplus")],
    "lsuv": [_relu_network_case([5, 64, 48, 32, 2], 300, [0.5, 4.0, 2.0, 8.0], 7),
             _relu_network_case([2, 10, 5, 1], 120, [10.0, 0.3, 1.0], 3)],
}
