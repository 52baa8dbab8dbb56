"""Exercise 2.2 ``predicted_std(scale, n, L)``: the instructor's side."""

import math

import numpy as np

from initlib.exercises.ex2_2_predicted_std import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, called_twice, new_cases, noted


def reference_predicted_std(scale, n, L):
    std_per_layer = scale * math.sqrt(n)
    return std_per_layer ** L


def std_case(scale, n, L):
    return {"calls": [{"args": [scale, n, L]}]}


STD_CASES = (called_twice(std_case(0.05, 100, 3)), std_case(0.01, 100, 1), std_case(0.1, 400, 10),
             std_case(1 / math.sqrt(512), 512, 50), std_case(0.02, 900, 0))

STD_ABOUT = (  # what kind of case each of further_std_cases's own is, in its order
    "a depth of 0 to 20 and a width of 16 to 512",
    "a width of 1,000 to 5,000, wider than the visible ones",
    "a depth of 11 to 49",
    "a network deeper than the visible ones: 51 to 80 layers",
    "a std that grows past a million, over 16 to 30 layers",
    "a std that falls below a ten-thousandth, over 9 to 20 layers",
    "a scale above 1, from 1.2 to 3, and a width of 2 to 4")


def further_std_cases(rng):
    """Widths 16 to 512, one layer's factor scale * sqrt(n) from 0.5 to 1.5: depths 0 to 20,
    one of 11 to 49, one deeper than the visible ones (51 to 80, a factor of 0.9 to 1.1), and
    one wider (1,000 to 5,000 units); then one whose std passes a million (a factor of 2.5 to
    4, 16 to 30 layers) and one whose std falls below a ten-thousandth (a factor of 0.1 to
    0.3, 9 to 20 layers): an answer capped above or below some size fails; and one of 2 to 4
    units with a scale from 1.2 to 3 (an answer that caps the scale at 1 fails)."""
    def drawer(depths, factors=(0.5, 1.5), widths=(16, 513)):
        def draw(rng):
            n = int(rng.integers(*widths))
            scale = round(float(rng.uniform(*factors)) / math.sqrt(n), 4)
            return std_case(scale, n, int(rng.integers(*depths)))
        return draw
    cases = []
    for draw in (drawer((0, 21)), drawer((1, 21), widths=(1000, 5001)), drawer((11, 50)),
                 drawer((51, 81), (0.9, 1.1)), drawer((16, 31), (2.5, 4)),
                 drawer((9, 21), (0.1, 0.3))):
        cases += new_cases(draw, rng, 1, STD_CASES + tuple(cases))
    n = int(rng.integers(2, 5))  # a scale above 1 (the weights' std of notebook 2's scale 10)
    cases.append(std_case(round(float(rng.uniform(1.2, 3.0)), 2), n, int(rng.integers(1, 9))))
    return [noted(case, text) for case, text in zip(cases, STD_ABOUT, strict=True)] + (
        later_std_cases(rng))


def later_std_cases(rng):
    """A factor within 1e-6 to 1e-4 of 1 but not 1, over 60 to 80 layers (an answer that
    rounds a factor near 1 to 1 fails); two cases with the same scale and depth and different
    widths (an answer that remembers its std by scale and depth alone fails). No case is so
    deep and wide that scale ** L or n ** (L / 2) leaves the range of floats: the statement's
    own formula, computed as written, must pass."""
    n = int(rng.integers(16, 513))
    near = (1 + float(rng.choice([-1, 1])) * 10 ** float(rng.uniform(-6, -4))) / math.sqrt(n)
    near_one = noted(std_case(near, n, int(rng.integers(60, 81))),
                     "a factor per layer within 1e-4 of 1, not 1, over 60 to 80 layers")
    scale, L = round(float(rng.uniform(0.02, 0.1)), 3), int(rng.integers(2, 9))
    widths = rng.choice(np.arange(16, 513), size=2, replace=False)
    return [near_one] + [noted(std_case(scale, int(w), L), "one of two cases alike in scale and "
                               "depth, not in width") for w in widths] + extreme_std_cases(rng)


def extreme_std_cases(rng):
    """A width of 10 million to a billion over 1 to 5 layers (a square root found by a few
    steps of an iteration, or from a table, fails); 64 to 130 layers with a factor of 0.97 to
    1.03 (a power built from a fixed number of bits, or of squarings, fails); and a case that
    makes the same call twice (an answer that keeps its std from call to call fails); then
    four cases that change one argument at a time (``one_at_a_time``)."""
    n = int(rng.integers(10**7, 10**9))
    wide = std_case(float(f"{float(rng.uniform(0.5, 1.5)) / math.sqrt(n):.4g}"), n,
                    int(rng.integers(1, 6)))
    n = int(rng.integers(16, 513))
    deep = std_case(float(f"{float(rng.uniform(0.97, 1.03)) / math.sqrt(n):.4g}"), n,
                    int(rng.integers(64, 131)))
    again = std_case(round(float(rng.uniform(0.02, 0.2)), 3), int(rng.integers(16, 513)),
                     int(rng.integers(1, 9)))
    return [noted(wide, "a width of 10 million to a billion units"),
            noted(deep, "a factor of 0.97 to 1.03 per layer, over 64 to 130 layers"),
            noted(called_twice(again), "the same call made twice")] + one_at_a_time(rng)


def one_at_a_time(rng):
    """A scale of 0.02 to 0.1, a width of 16 to 512 and a depth of 2 to 8, then three cases
    each changing one of them from the first, the other two kept (an answer that remembers
    its std by any two of the three arguments fails)."""
    scale, n, L = round(float(rng.uniform(0.02, 0.1)), 3), int(rng.integers(16, 513)), int(
        rng.integers(2, 9))
    other = (round(scale + float(rng.choice([-1, 1])) * float(rng.uniform(0.005, 0.015)), 3),
             n + int(rng.choice([-1, 1])) * int(rng.integers(1, 16)),
             L + int(rng.choice([-1, 1])) * int(rng.integers(1, 3)))
    changed = [std_case(*(other[k] if j == k else value for j, value in enumerate((scale, n, L))))
               for k in range(3)]
    return [noted(std_case(scale, n, L), "the first of four cases that change one argument at a "
                  "time")] + [noted(case, f"the {name} changed from the first of four cases, "
                                "the others kept") for case, name in zip(
                                    changed, ("scale", "width", "depth"), strict=True)]


def std_expected(case):
    return float(reference_predicted_std(*case["calls"][0]["args"]))


# ---------------------------------------------------------------- the usual mistakes

def std_as_a_sum(scale, n, L):
    return scale * np.sqrt(n) * L


def std_squared(scale, n, L):
    return (scale * scale * n) ** L


def std_of_one_layer(scale, n, L):
    return scale * np.sqrt(n)


def std_grows_like_n(scale, n, L):
    return (scale * n) ** L


def std_root_of_scale_times_n(scale, n, L):
    return np.sqrt(scale * n) ** L


def std_sqrt_once(scale, n, L):
    return scale**L * np.sqrt(n)


def std_variances_added(scale, n, L):
    return np.sqrt(n * scale**2 * L)


def std_with_an_undefined_name(scale, n, L):
    return (scale * sqrt(n)) ** L  # noqa: F821 - the mistake: sqrt was never imported


def std_with_n_to_the_1_over_2(scale, n, L):
    return (scale * n ** 1 / 2) ** L


def std_divided_by_sqrt_n(scale, n, L):
    return (scale / np.sqrt(n)) ** L


def std_simulated(scale, n, L):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 200))
    for _ in range(L):
        x = rng.standard_normal((n, n)) * scale @ x
    return float(x.std())


def std_in_float32(scale, n, L):
    return float(np.float32(scale * np.sqrt(n)) ** np.float32(L))


def std_lth_root(scale, n, L):
    return (scale * np.sqrt(n)) ** (1 / L) if L else 1.0


def std_one_layer_too_many(scale, n, L):
    return (scale * np.sqrt(n)) ** (L + 1)


def std_half_power_by_integer_division(scale, n, L):
    return scale ** L * n ** (L // 2)


def std_bias_counted_as_an_input(scale, n, L):
    return (scale * np.sqrt(n + 1)) ** L

def std_square_root_of_the_std(scale, n, L):
    return math.sqrt((scale * math.sqrt(n)) ** L)


def std_power_before_the_half(scale, n, L):
    return (n * scale**2) ** L / 2


def std_scale_of_no_layers(scale, n, L):
    return scale * math.sqrt(n) ** L if L == 0 else (scale * math.sqrt(n)) ** L


def std_plus_the_input(scale, n, L):
    return 1 + (scale * math.sqrt(n)) ** L


def std_scale_squared(scale, n, L):
    return (scale**2 * math.sqrt(n)) ** L


def std_from_the_weights_std(scale, n, L):
    return scale * (scale * math.sqrt(n)) ** L


def std_of_relu_layers(scale, n, L):
    return (scale * math.sqrt(n / 2)) ** L


def std_with_a_caret(scale, n, L):
    return (scale * n**0.5) ^ L


EXERCISE = GradedExercise(
    student=STUDENT, points=1, reference=reference_predicted_std, visible=STD_CASES,
    further_cases=further_std_cases, expected=std_expected,
    mistakes=(
        Mistake(std_as_a_sum, "where a product"),
        Mistake(std_squared, "that is the variance"),
        Mistake(std_of_one_layer, "once per layer"),
        Mistake(std_grows_like_n, "grows like sqrt(n)"),
        Mistake(std_root_of_scale_times_n, "square root of scale * n"),
        Mistake(std_sqrt_once, "sqrt(n) belongs to every layer"),
        Mistake(std_variances_added, "layers stacked on each other multiply"),
        Mistake(std_with_an_undefined_name, "NameError: a name it uses is not defined"),
        Mistake(std_with_n_to_the_1_over_2, "** binds tighter than /"),
        Mistake(std_divided_by_sqrt_n, "you divided by sqrt(n)"),
        Mistake(std_simulated, "this looks like an estimate"),
        Mistake(std_in_float32, "not float32"),
        Mistake(std_lth_root, "you took the L-th root"),
        Mistake(std_one_layer_too_many, "that counts L + 1 layers"),
        Mistake(std_half_power_by_integer_division, "integer division"),
        Mistake(std_bias_counted_as_an_input, "sqrt(n + 1)"),
        Mistake(std_square_root_of_the_std, "the square root of the std"),
        Mistake(std_power_before_the_half, "precedence"),
        Mistake(std_scale_of_no_layers, "with L = 0 layers"),
        Mistake(std_scale_squared, "you squared scale"),
        Mistake(std_plus_the_input, "a constant offset of 1"),
        Mistake(std_from_the_weights_std, "one factor of scale too many"),
        Mistake(std_of_relu_layers, "the rule for ReLU layers"),
        Mistake(std_with_a_caret, "bitwise xor"),
    ))
