"""Exercise 4.1 ``gain_for(activation, z)``: the instructor's side."""

import math

import numpy as np

from initlib._protocol import build
from initlib.exercises.ex4_1_gain_for import EXERCISE as STUDENT

from .graded import GradedExercise, Mistake, called_twice, noted
from .tail_seeds import tail_seed

DRAWS = 100_000  # the visible cases' draws: three correct digits for ReLU, the noisiest


def reference_gain_for(activation, z):
    second_moment = np.mean(np.square(activation(z)))
    return float(1.0 / np.sqrt(second_moment))


def gain_case(seed, count, name, **parameters):
    """One call: an activation, and ``count`` draws of N(0, 1) seeded with ``seed``."""
    return {"calls": [{"args": [{"$activation": dict(name=name, **parameters)},
                                {"$normal": [seed, count]}]}]}


GAIN_CASES = (called_twice(gain_case(1, DRAWS, "relu")), gain_case(2, DRAWS, "linear"),
              gain_case(3, DRAWS, "tanh"))


def further_gain_cases(rng):
    """A leaky ReLU, a scaled tanh and an ELU of drawn parameters, the sigmoid, the softplus
    and the GELU, each on the draws of a drawn seed: three of them on 10,000 to 90,000 draws,
    two on 110,000 to 190,000 and one on 190,000 to 200,000 (fewer and more than the visible
    cases' 100,000, so a formula fitted to those draws, or a part of them, fails). The
    leaky ReLU's draws, the most, come from a seed of ``TAIL_SEEDS``: one of them passes 6 std
    and counts on either side of 0, so draws clipped anywhere short of the tails fail.

    Then three more: tanh itself on other draws (an answer that remembers the gain of an
    activation it has seen fails), a tanh scaled by 12 to 20 on the same draws (outputs
    past 10: clipping f(z), or dropping its large values, fails; and an answer that
    remembers a gain by its draws, or by their first, fails), each called twice alike (an
    answer that keeps state between calls gives two answers), and the linear activation that
    returns z itself (not z * 1.0), on 20,000 to 40,000 draws that are sent back (an answer
    that squares f(z) in place changes z, and fails). The draws are always 1-d, as in the
    statement's example: an honest answer may count them with len(z) or take
    np.dot(f(z), f(z))."""
    counts = [int(rng.integers(10_000, 90_001)) for _ in range(3)] + [
        int(rng.integers(110_000, 190_001)) for _ in range(2)]
    counts = [counts[k] for k in rng.permutation(len(counts))]
    tail = (tail_seed(rng)[0], int(rng.integers(190_000, 200_001)))

    def draws():
        return int(rng.integers(4, 2**31 - 1)), counts.pop()
    slope = round(float(rng.uniform(0.05, 0.9)), 2)
    factor = round(float(rng.uniform(0.5, 3.0)), 2)
    other = "on fewer or more draws than the visible cases"
    cases = [noted(gain_case(*tail, "leaky_relu", slope=slope),
                   "a leaky ReLU on 190,000 to 200,000 draws, one of them past 6 std"),
             noted(gain_case(*draws(), "scaled_tanh", factor=factor), f"a scaled tanh, {other}"),
             noted(gain_case(*draws(), "sigmoid"), f"the sigmoid, {other}"),
             noted(gain_case(*draws(), "softplus"), f"the softplus, {other}"),
             noted(gain_case(*draws(), "elu", alpha=round(float(rng.uniform(0.5, 2.0)), 2)),
                   f"an ELU, {other}"),
             noted(gain_case(*draws(), "gelu"), f"the GELU, {other}")]
    cases = [cases[k] for k in rng.permutation(len(cases))]
    itself = gain_case(int(rng.integers(4, 2**31 - 1)), int(rng.integers(20_000, 40_001)),
                         "linear_itself")
    itself["calls"][0]["report_args"] = True
    seed, count = int(rng.integers(4, 2**31 - 1)), int(rng.integers(30_000, 90_001))
    same = [gain_case(seed, count, "tanh"),
            gain_case(seed, count, "scaled_tanh", factor=round(float(rng.uniform(12.0, 20.0)), 2))]
    twice = [noted({"calls": case["calls"] * 2}, text) for case, text in zip(same, (
        "tanh itself on new draws, called twice alike",
        "a tanh scaled by 12 to 20, outputs past 10, called twice alike"), strict=True)]
    return [*cases, *twice, noted(itself, "the linear activation returning z itself; z is "
                                  "checked after the call"), near_known_case(rng)]


def near_known_case(rng):
    """ReLU (or the linear activation) on 50,000 draws whose measured gain lies within 1e-6 to
    2e-4 (relative) of sqrt(2) (or 1), not on it (an answer that snaps a measured gain to a
    known one fails)."""
    name = ("relu", "linear")[int(rng.integers(2))]
    known, f = (math.sqrt(2), lambda z: np.maximum(z, 0)) if name == "relu" else (1.0, None)
    for _ in range(5000):
        seed = int(rng.integers(4, 2**31 - 1))
        z = np.random.default_rng(seed).standard_normal(50_000)
        gain = 1 / math.sqrt(float(np.mean((f(z) if f else z) ** 2)))
        if 1e-6 < abs(gain / known - 1) < 2e-4:
            return noted(gain_case(seed, 50_000, name),
                         "ReLU or linear, on draws whose measured gain is a hair off sqrt(2) or 1")
    raise RuntimeError("no seed whose gain is that near a known one")


def gain_expected(case):
    return reference_gain_for(*build(case["calls"][0]["args"]))


# ---------------------------------------------------------------- the usual mistakes

def gain_is_the_second_moment(activation, z):
    return np.mean(activation(z) ** 2)


def gain_squared(activation, z):
    return 1 / np.mean(activation(z) ** 2)


def gain_inverted(activation, z):
    return np.sqrt(np.mean(activation(z) ** 2))


def gain_from_the_variance(activation, z):
    return 1 / np.std(activation(z))


def gain_of_no_activation(activation, z):
    return 1.0


def gain_as_text(activation, z):
    return "1.41"


def gain_from_draws_of_its_own(activation, z):
    own = np.random.default_rng(0).standard_normal(400_000)
    return 1 / np.sqrt(np.mean(activation(own) ** 2))


def gain_from_half_the_draws(activation, z):
    return 1 / np.sqrt(np.mean(activation(z[: z.size // 2]) ** 2))


def gain_of_relu_for_all(activation, z):
    return np.sqrt(2)


def gain_squares_the_average(activation, z):
    return 1 / np.abs(np.mean(activation(z)))


def gain_of_the_absolute_values(activation, z):
    return 1 / np.sqrt(np.mean(np.abs(activation(z))))


def gain_with_a_two(activation, z):
    return float(np.sqrt(2 / np.mean(activation(z) ** 2)))


def gain_of_f_applied_twice(activation, z):
    return float(1 / np.sqrt(np.mean(activation(activation(z)) ** 2)))


def gain_as_a_mean_of_inverses(activation, z):
    with np.errstate(divide="ignore"):
        return float(np.mean(1 / np.abs(activation(z))))


def gain_from_the_median(activation, z):
    return float(1 / np.sqrt(np.median(activation(z) ** 2)))


def gain_of_z_itself(activation, z):
    return float(1 / np.sqrt(np.mean(z**2)))


def gain_in_float32(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z.astype(np.float32)) ** 2)))


def gain_of_the_positive_draws(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[z > 0]) ** 2)))


def gain_from_the_sum(activation, z):
    return float(np.sqrt(1 / np.sum(activation(z) ** 2)))


def gain_by_quadrature(activation, z):
    grid = np.linspace(-8, 8, 16001)
    weights = np.exp(-grid**2 / 2) / np.sqrt(2 * np.pi) * (grid[1] - grid[0])
    return float(1 / np.sqrt(np.sum(activation(grid) ** 2 * weights)))


def gain_as_a_ratio_to_z(activation, z):
    return float(np.sqrt(np.mean(z**2) / np.mean(activation(z) ** 2)))


def gain_with_two_square_roots(activation, z):
    return float(1 / np.sqrt(np.sqrt(np.mean(activation(z) ** 2))))


def gain_from_the_inverse_variance(activation, z):
    return float(1 / np.var(activation(z)))


def gain_by_the_largest_value(activation, z):
    return float(1 / np.max(np.abs(activation(z))))


def gain_of_the_absolute_draws(activation, z):
    return float(1 / np.sqrt(np.mean(activation(np.abs(z)) ** 2)))

def gain_of_f_of_z_squared(activation, z):
    return float(1 / np.sqrt(np.mean(activation(np.square(z)))))


def gain_of_the_slope(activation, z):
    slope = (activation(z + 1e-7) - activation(z - 1e-7)) / 2e-7
    return float(1 / np.sqrt(np.mean(slope**2)))


def gain_without_the_tails(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[np.abs(z) < 3]) ** 2)))


def gain_of_tanh_always(activation, z):
    return float(1 / np.sqrt(np.mean(np.tanh(z) ** 2)))


def gain_power_without_parentheses(activation, z):
    return float(np.mean(activation(z) ** 2) ** -1 / 2)


def gain_floor_divided(activation, z):
    return float(1 // np.sqrt(np.mean(activation(z) ** 2)))


def gain_of_the_average(activation, z):
    return float(1 / np.sqrt(activation(np.mean(z**2))))


def gain_fed_back(activation, z):
    gain = 1.0
    for _ in range(30):
        gain = 1 / np.sqrt(np.mean(activation(gain * z) ** 2))
    return float(gain)


def gain_times_three(activation, z):
    return float(3 / np.sqrt(np.mean(activation(z) ** 2)))


def gain_to_the_power_three(activation, z):
    return float(np.mean(activation(z) ** 2) ** -1.5)


def gain_with_mirrored_draws(activation, z):
    both = np.concatenate([z, -z])
    return float(1 / np.sqrt(np.mean(activation(both) ** 2)))


def gain_inverted_over_the_count(activation, z):
    return float(np.linalg.norm(activation(z)) / z.size)


EXERCISE = GradedExercise(
    student=STUDENT, points=2, reference=reference_gain_for, visible=GAIN_CASES,
    further_cases=further_gain_cases, expected=gain_expected,
    mistakes=(
        Mistake(gain_is_the_second_moment, "E[f(z)^2] itself"),
        Mistake(gain_squared, "the gain squared"),
        Mistake(gain_inverted, "its inverse"),
        Mistake(gain_from_the_variance, "the variance of f(z)"),
        Mistake(gain_of_no_activation, "1 is the gain for no activation"),
        Mistake(gain_as_text, "return a number"),
        Mistake(gain_from_draws_of_its_own, "not draws of your own"),
        Mistake(gain_from_half_the_draws, "you used only the first"),
        Mistake(gain_of_relu_for_all, "exact gain for infinitely many draws"),
        Mistake(gain_squares_the_average, "average the squares"),
        Mistake(gain_of_the_absolute_values, "square f(z) before averaging"),
        Mistake(gain_with_a_two, "you returned sqrt(2 / E[f(z)^2])"),
        Mistake(gain_from_the_median, "the median of f(z)^2"),
        Mistake(gain_of_z_itself, "the gain of z itself"),
        Mistake(gain_in_float32, "not float32"),
        Mistake(gain_of_the_positive_draws, "the positive draws only"),
        Mistake(gain_from_the_sum, "the SUM of f(z)^2"),
        Mistake(gain_by_quadrature, "exact gain for infinitely many draws"),
        Mistake(gain_as_a_ratio_to_z, "a ratio to the second moment of z"),
        Mistake(gain_with_two_square_roots, "the square root twice"),
        Mistake(gain_from_the_inverse_variance, "1 / the variance of f(z)"),
        Mistake(gain_by_the_largest_value, "the largest |f(z)|"),
        Mistake(gain_of_the_absolute_draws, "applied the activation to |z|"),
        Mistake(gain_of_f_of_z_squared, "f(z ** 2)"),
        Mistake(gain_of_the_slope, "derivative"),
        Mistake(gain_without_the_tails, "trimmed the tails"),
        Mistake(gain_of_tanh_always, "the same for every activation"),
        Mistake(gain_of_f_applied_twice, "applied the activation twice"),
        Mistake(gain_as_a_mean_of_inverses, "a mean of inverses"),
        Mistake(gain_power_without_parentheses, "binds tighter than /"),
        Mistake(gain_floor_divided, "floor division"),
        Mistake(gain_of_the_average, "f(E[z^2])"),
        Mistake(gain_fed_back, "fed the gain back"),
        Mistake(gain_times_three, "3 times the right one"),
        Mistake(gain_to_the_power_three, "to the power 3"),
        Mistake(gain_with_mirrored_draws, "mirror images -z"),
        Mistake(gain_inverted_over_the_count, "1 / sqrt(N) times sqrt(E[f(z)^2])"),
    ))
