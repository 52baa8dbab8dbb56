"""Exercise 1.1 ``initialize_zeros(layer_dims)``, as notebook 01 checks it."""

import numpy as np

from .exercise import Exercise, Wrong, data_file
from .judging import expected_answers, returned
from .param_dict import judge_param_dict


def judge_initialize_zeros(case, outcomes):
    """``initialize_zeros(layer_dims)``: the expected W and b, every one zero."""
    (layer_dims,) = case["calls"][0]["args"]
    expected = expected_answers(case)[0]
    params = returned(outcomes[0])
    judge_param_dict(params, layer_dims)
    if outcomes[0].args_after is not None and outcomes[0].args_after[0] != layer_dims:
        raise Wrong("your function changed layer_dims, the list it was given (pop, append, "
                    "insert or del on it): the caller's list must stay as it was; read it by "
                    "index, or work on a copy, list(layer_dims)",
                    f"layer_dims={layer_dims} became {outcomes[0].args_after[0]}")
    for key in sorted(expected):
        value = params[key]
        if np.any(value != expected[key]):
            raise Wrong(f"{key} should be all zeros but holds non-zero values",
                        f"max |value| {np.abs(value).max():.3g}")


EXERCISE = Exercise(
    number="1.1", function="initialize_zeros", signature="initialize_zeros(layer_dims)",
    task="", praise="every W[l] and b[l] is zero with the right shape",
    judge=judge_initialize_zeros, data=data_file(__file__),
    library=("initialize_parameters",))
