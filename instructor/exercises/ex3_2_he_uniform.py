"""Exercise 3.2 ``he_uniform(fan_in, fan_out, rng)``: the instructor's side."""

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex3_2_he_uniform import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake
from .layer_fans import FAN_CASES, further_fan_cases, single_input_case


def reference_he_uniform(fan_in, fan_out, rng):
    he_limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(low=-he_limit, high=he_limit, size=(fan_out, fan_in))


def he_uniform_expected(case):
    """He's uniform limit, read off the reference's answer: U(-a, a) is -a + 2a U(0, 1)."""
    fan_in, fan_out, generator = case["calls"][0]["args"]
    W = reference_he_uniform(fan_in, fan_out, build(generator))
    centred = 2 * build(generator).random((fan_out, fan_in)) - 1
    limit = float(np.sum(W * centred) / np.sum(centred * centred))
    redrawn = build(generator).uniform(-limit, limit, W.shape)  # to rounding, as judges see it
    if not np.allclose(redrawn, W, rtol=1e-12, atol=1e-12 * float(np.abs(W).max())):
        raise ValueError("the reference's answer is not one uniform draw U(-a, a)")
    return {"limit": limit}


def further_he_uniform_cases(rng):
    """The further layers of 3.1 and 3.2 (``further_fan_cases``), then a layer of a single
    input (``single_input_case``)."""
    return further_fan_cases(rng) + [single_input_case(rng)]


# ---------------------------------------------------------------- the usual mistakes

def uniform_glorot_limit(fan_in, fan_out, rng):
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_std_as_limit(fan_in, fan_out, rng):
    a = np.sqrt(2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_source_text(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_drawn_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def uniform_positive(fan_in, fan_out, rng):
    return rng.uniform(0, np.sqrt(6 / fan_in), (fan_out, fan_in))


def uniform_variance_as_limit(fan_in, fan_out, rng):
    a = 2 / fan_in
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_drawn_once_per_shape(fan_in, fan_out, rng, _stored={}):  # noqa: B006 - the mistake
    if (fan_in, fan_out) not in _stored:
        a = np.sqrt(6 / fan_in)
        _stored[fan_in, fan_out] = rng.uniform(-a, a, (fan_out, fan_in))
    return _stored[fan_in, fan_out].copy()


def uniform_by_the_library(fan_in, fan_out, rng):
    from initlib import initialize_parameters

    return initialize_parameters([fan_in, fan_out], "he", distribution="uniform", rng=rng)["W1"]


def uniform_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)  # noqa: NPY002 - the mistake
    a = np.sqrt(6 / fan_in)
    return np.random.uniform(-a, a, (fan_out, fan_in))  # noqa: NPY002 - the mistake


def _uniform(fan_in, fan_out, rng, a=None, shape=None):
    a = np.sqrt(6 / fan_in) if a is None else a
    return rng.uniform(-a, a, shape or (fan_out, fan_in))


def uniform_drawn_transposed(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, shape=(fan_in, fan_out)).T


def uniform_in_float32(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng).astype(np.float32)


def uniform_twelve_over_fan_in(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(12 / fan_in))


def uniform_half_the_limit(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6 / fan_in) / 2)


def uniform_rounded(fan_in, fan_out, rng):
    return np.round(_uniform(fan_in, fan_out, rng), 3)


def uniform_low_and_high_swapped(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, -np.sqrt(6 / fan_in))


def uniform_in_whole_steps(fan_in, fan_out, rng):
    return rng.integers(-10, 11, (fan_out, fan_in)) * np.sqrt(6 / fan_in) / 10


def uniform_rows_sorted(fan_in, fan_out, rng):
    return np.sort(_uniform(fan_in, fan_out, rng), axis=1)


def uniform_fans_averaged(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6 / ((fan_in + fan_out) / 2)))


def uniform_fans_multiplied(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6 / (fan_in * fan_out)))


def uniform_shuffled(fan_in, fan_out, rng):
    return rng.permutation(_uniform(fan_in, fan_out, rng))

def uniform_pytorch_limit(fan_in, fan_out, rng):
    return rng.uniform(-1 / np.sqrt(fan_in), 1 / np.sqrt(fan_in), (fan_out, fan_in))


def uniform_scaled_twice(fan_in, fan_out, rng):
    limit = np.sqrt(6 / fan_in)
    return rng.uniform(-limit, limit, (fan_out, fan_in)) * np.sqrt(2 / fan_in)


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_he_uniform, visible=FAN_CASES,
    further_cases=further_he_uniform_cases, expected=he_uniform_expected,
    mistakes=(
        Mistake(uniform_glorot_limit, "Glorot's uniform limit"),
        Mistake(uniform_std_as_limit, "He's std, not the limit"),
        Mistake(uniform_source_text, "source text's mistake"),
        Mistake(uniform_drawn_normal, "this looks normal"),
        Mistake(uniform_seeded_globally, "ignores rng"),
        Mistake(uniform_positive, "centred on 0"),
        Mistake(uniform_variance_as_limit, "He's variance, not a limit"),
        Mistake(uniform_drawn_once_per_shape, "ignores rng"),
        Mistake(uniform_by_the_library, "calls initlib's initialize_parameters"),
        Mistake(uniform_drawn_transposed, "you drew the transposed shape"),
        Mistake(uniform_in_float32, "the right draw in float32"),
        Mistake(uniform_twelve_over_fan_in, "sqrt(12 / fan_in) is sqrt(2) times"),
        Mistake(uniform_half_the_limit, "your limit is half of He's"),
        Mistake(uniform_rounded, "rounded to 3 decimals"),
        Mistake(uniform_low_and_high_swapped, "takes the low limit first"),
        Mistake(uniform_in_whole_steps, "take only 21 distinct values"),
        Mistake(uniform_rows_sorted, "the right numbers in the wrong places"),
        Mistake(uniform_fans_averaged, "the average of the two fans"),
        Mistake(uniform_shuffled, "the right numbers in the wrong places"),
        Mistake(uniform_fans_multiplied, "the product of the fans"),
        Mistake(uniform_pytorch_limit, "PyTorch's default limit"),
        Mistake(uniform_scaled_twice, "you scaled twice"),
    ))
