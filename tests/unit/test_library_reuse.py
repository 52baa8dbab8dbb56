"""An answer that calls the initlib function doing its exercise is named from its text: the
notebook's check reads the function's code, the grader can read the answer cell's source;
neither measures anything while the answer runs."""

import numpy as np
import pytest

from initlib import checks
from initlib.checks import CheckFailed
from instructor.exercises import EXERCISES

SOURCES = [
    "import initlib\ndef he_normal(fan_in, fan_out, rng):\n"
    "    return initlib.initialize_parameters([fan_in, fan_out], 'he', rng=rng)['W1']",
    "from initlib.initializers import initialize_parameters as init\n"
    "def he_normal(fan_in, fan_out, rng):\n    return init([fan_in, fan_out], 'he', rng=rng)['W1']",
    "import initlib\ndef he_normal(fan_in, fan_out, rng):\n"
    "    f = getattr(initlib, 'weight_std')\n"
    "    return rng.standard_normal((fan_out, fan_in)) * f('he', fan_in, fan_out)",
]


@pytest.mark.parametrize("source", SOURCES)
def test_the_grader_names_a_reused_library_function_from_the_source(source):
    wrong = EXERCISES["he_normal"].reuse_verdict(source)
    assert wrong is not None and "calls initlib's" in wrong.message()


@pytest.mark.parametrize("source", SOURCES[:2])
def test_the_check_names_it_from_the_functions_code(source):
    namespace = {"np": np}
    exec(source, namespace)
    with pytest.raises(CheckFailed, match="calls initlib's initialize_parameters"):
        checks.check("he_normal", namespace["he_normal"])


def test_an_answer_of_ones_own_is_not_named():
    own = ("import numpy as np\n%matplotlib inline\ndef he_normal(fan_in, fan_out, rng):\n"
           "    # not initialize_parameters: my own\n"
           "    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)")
    assert all(e.reuse_verdict(own) is None for e in EXERCISES.values())
    assert EXERCISES["he_normal"].reuse_verdict("def he_normal(:") is None
