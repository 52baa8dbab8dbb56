"""Exercise 3.1 ``he_normal(fan_in, fan_out, rng)``: the instructor's side."""

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex3_1_he_normal import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, factor_of, noted
from .layer_fans import FAN_CASES, fan_case, further_fan_cases, single_input_case


def reference_he_normal(fan_in, fan_out, rng):
    he_std = np.sqrt(2.0 / fan_in)
    return he_std * rng.standard_normal((fan_out, fan_in))


def he_normal_expected(case):
    """He's std, read off the reference's answer: the factor of the rng's normal draw."""
    fan_in, fan_out, generator = case["calls"][0]["args"]
    W = reference_he_normal(fan_in, fan_out, build(generator))
    return {"std": factor_of(W, build(generator).standard_normal((fan_out, fan_in)))}


def further_he_normal_cases(rng):
    """The further layers of 3.1 and 3.2 (``further_fan_cases``), then a layer drawn by a
    second call on the same generator, the first call's layer drawn and left behind (an
    answer that draws from a copy of rng, so that rng never advances, fails), and a layer of
    a single input (``single_input_case``)."""
    cases = further_fan_cases(rng, "a layer of over 100,000 weights, its draws reaching past 6 std")
    again = fan_case(int(rng.integers(2, 301)), int(rng.integers(2, 301)),
                     int(rng.integers(0, 2**31 - 1)))
    for call in again["calls"]:
        call["calls_before"] = 1
    return cases + [noted(again, "a layer drawn after another one on the same generator"),
                    single_input_case(rng)]


# ---------------------------------------------------------------- the usual mistakes

def he_lecun_scale(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / fan_in)


def he_variance_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (2 / fan_in)


def he_fan_out(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_out)


def he_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)


def he_global_random(fan_in, fan_out, rng):
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)  # noqa: NPY002 - the mistake


def he_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)  # noqa: NPY002 - the mistake
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)  # noqa: NPY002 - the mistake


def he_source_text(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out))


def he_uniform_limit_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(6 / fan_in)


def he_two_outside_the_root(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * 2 / np.sqrt(fan_in)


def he_drawn_once_per_shape(fan_in, fan_out, rng, _stored={}):  # noqa: B006 - the mistake
    if (fan_in, fan_out) not in _stored:
        _stored[fan_in, fan_out] = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    return _stored[fan_in, fan_out].copy()


def he_by_the_library(fan_in, fan_out, rng):
    from initlib import initialize_parameters

    return initialize_parameters([fan_in, fan_out], "he", rng=rng)["W1"]


def he_normal_uniform_draw(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def _he(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def he_clipped_at_two_std(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return np.clip(_he(fan_in, fan_out, rng), -2 * std, 2 * std)


def he_in_float32(fan_in, fan_out, rng):
    return _he(fan_in, fan_out, rng).astype(np.float32)


def he_two_below_the_line(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / (2 * fan_in))


def he_shifted(fan_in, fan_out, rng):
    return np.sqrt(2 / fan_in) + _he(fan_in, fan_out, rng)


def he_rounded(fan_in, fan_out, rng):
    return np.round(_he(fan_in, fan_out, rng), 3)


def he_drawn_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)).T * np.sqrt(2 / fan_in)


def he_fans_averaged(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / ((fan_in + fan_out) / 2))


def he_rows_standardised(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in))
    W = (W - W.mean(axis=1, keepdims=True)) / W.std(axis=1, keepdims=True)
    return W * np.sqrt(2 / fan_in)


def he_signs_only(fan_in, fan_out, rng):
    return np.sign(rng.standard_normal((fan_out, fan_in))) * np.sqrt(2 / fan_in)


def he_mean_is_the_std(fan_in, fan_out, rng):
    return rng.normal(np.sqrt(2 / fan_in), np.sqrt(2 / fan_in), (fan_out, fan_in))

def he_integer_division(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 // fan_in)


def he_one_draw_skipped(fan_in, fan_out, rng):
    rng.standard_normal()
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def he_inverted(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(fan_in / 2)


def he_fixed_small(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * 0.01


def he_one_row_repeated(fan_in, fan_out, rng):
    return np.tile(rng.standard_normal(fan_in) * np.sqrt(2 / fan_in), (fan_out, 1))


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_he_normal, visible=FAN_CASES,
    further_cases=further_he_normal_cases, expected=he_normal_expected,
    mistakes=(
        Mistake(he_lecun_scale, "LeCun's scale"),
        Mistake(he_variance_as_std, "that is the variance"),
        Mistake(he_fan_out, "divides by fan_in"),
        Mistake(he_transposed, "(transposed?)"),
        Mistake(he_global_random, "draw from the rng argument"),
        Mistake(he_seeded_globally, "ignores rng"),
        Mistake(he_normal_uniform_draw, "uniform draw"),
        Mistake(he_source_text, "source text's formula"),
        Mistake(he_uniform_limit_as_std, "uniform LIMIT"),
        Mistake(he_two_outside_the_root, "the 2 belongs under the square root"),
        Mistake(he_drawn_once_per_shape, "ignores rng"),
        Mistake(he_by_the_library, "calls initlib's initialize_parameters"),
        Mistake(he_clipped_at_two_std, "clipped at -2.00 and +2.00 std"),
        Mistake(he_in_float32, "the right draw in float32"),
        Mistake(he_two_below_the_line, "the 2 divides where it should multiply"),
        Mistake(he_shifted, "shifted by a constant"),
        Mistake(he_rounded, "rounded to 3 decimals"),
        Mistake(he_drawn_transposed, "you drew the transposed shape"),
        Mistake(he_fans_averaged, "the average of the two fans"),
        Mistake(he_rows_standardised, "standardised row by row"),
        Mistake(he_signs_only, "take only 2 distinct values"),
        Mistake(he_mean_is_the_std, "shifted by a constant"),
        Mistake(he_integer_division, "integer division"),
        Mistake(he_one_draw_skipped, "1 draws later in its stream"),
        Mistake(he_inverted, "He's std inverted"),
        Mistake(he_fixed_small, "whatever fan_in"),
        Mistake(he_one_row_repeated, "every row of the weights is the same row"),
    ))
