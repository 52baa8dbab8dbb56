"""The exercise checkers: right answers pass, each usual mistake gets its specific hint."""

import math

import numpy as np
import pytest

from initlib import checks
from initlib.checks import CheckFailed

# ---------------------------------------------------------------- right answers


def zeros_ok(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def distinct_ok(W, b):
    rows = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, r) for r in rows):
            rows.append(row)
    return len(rows)


def random_ok(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def he_normal_ok(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def he_uniform_ok(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def second_moment(activation, samples=400_000):
    z = np.random.default_rng(7).standard_normal(samples)
    return np.mean(activation(z) ** 2)


def gain_ok(activation):
    return 1 / np.sqrt(second_moment(activation))


def pre_activations(params, X):
    Zs, A = [], X
    for l in range(1, len(params) // 2 + 1):
        Zs.append(params[f"W{l}"] @ A + params[f"b{l}"])
        A = np.maximum(Zs[-1], 0)
    return Zs


def lsuv_ok(params, X):
    new = {key: value.copy() for key, value in params.items()}
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"] = new[f"W{l}"] / pre_activations(new, X)[l - 1].std()
    return new


RIGHT = [
    (checks.check_initialize_zeros, zeros_ok),
    (checks.check_count_distinct, distinct_ok),
    (checks.check_initialize_random, random_ok),
    (checks.check_predicted_std, lambda s, n, L: (s * math.sqrt(n)) ** L),
    (checks.check_he_normal, he_normal_ok),
    (checks.check_he_uniform, he_uniform_ok),
    (checks.check_gain_for, gain_ok),
    (checks.check_lsuv, lsuv_ok),
]


@pytest.mark.parametrize("checker,answer", RIGHT)
def test_right_answers_pass(checker, answer, capsys):
    checker(answer)
    assert capsys.readouterr().out.count("PASSED") == 1


@pytest.mark.parametrize("checker,_", RIGHT)
def test_unattempted_exercise_says_so(checker, _, capsys):
    def placeholder(*args):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not attempted yet"):
        checker(placeholder)
    assert "not attempted yet" in capsys.readouterr().out


# ---------------------------------------------------------------- the library of mistakes

def zeros_source_text_bug(layer_dims):  # np.zeros(n, m): the second argument is a dtype
    return {"W1": np.zeros(layer_dims[1], layer_dims[0])}


def zeros_transposed(layer_dims):
    params = zeros_ok(layer_dims)
    params["W2"] = params["W2"].T
    return params


def zeros_flat_bias(layer_dims):
    params = zeros_ok(layer_dims)
    params["b1"] = np.zeros(layer_dims[1])
    return params


def zeros_times_001_of_ones(layer_dims):
    return {k: np.ones_like(v) * 0.01 for k, v in zeros_ok(layer_dims).items()}


def zeros_from_layer_zero(layer_dims):
    return {f"W{l}": np.zeros((layer_dims[l + 1], layer_dims[l]))
            for l in range(len(layer_dims) - 1)}


def distinct_counts_rows(W, b):
    return W.shape[0]


def distinct_ignores_bias(W, b):
    return distinct_ok(W, np.zeros_like(b))


def random_with_random_biases(layer_dims, scale, rng):
    params = random_ok(layer_dims, scale, rng)
    for l in range(1, len(layer_dims)):
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * scale
    return params


def random_constant(layer_dims, scale, rng):
    return {k: (np.full_like(v, scale) if k.startswith("W") else v)
            for k, v in random_ok(layer_dims, scale, rng).items()}


def random_forgot_seed(layer_dims, scale, rng):
    return random_ok(layer_dims, scale, np.random.default_rng())


def random_forgot_scale(layer_dims, scale, rng):
    return random_ok(layer_dims, 1.0, rng)


def random_transposed(layer_dims, scale, rng):
    params = random_ok(layer_dims, scale, rng)
    params["W1"] = rng.standard_normal((layer_dims[0], layer_dims[1])) * scale
    return params


def he_lecun_scale(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / fan_in)


def he_variance_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (2 / fan_in)


def he_fan_out(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_out)


def he_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)


def he_global_random(fan_in, fan_out, rng):
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)


def he_normal_uniform_draw(fan_in, fan_out, rng):
    return he_uniform_ok(fan_in, fan_out, rng)


def uniform_std_as_limit(fan_in, fan_out, rng):
    a = np.sqrt(2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_glorot_limit(fan_in, fan_out, rng):
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_source_text(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uniform_drawn_normal(fan_in, fan_out, rng):
    return he_normal_ok(fan_in, fan_out, rng)


def he_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)
    return np.random.randn(fan_out, fan_in) * np.sqrt(2 / fan_in)


def uniform_seeded_globally(fan_in, fan_out, rng):
    np.random.seed(1)
    a = np.sqrt(6 / fan_in)
    return np.random.uniform(-a, a, (fan_out, fan_in))


def lsuv_on_activations(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    for l in range(1, L + 1):
        for _ in range(30):
            Z = pre_activations(new, X)[l - 1]
            new[f"W{l}"] = new[f"W{l}"] / (np.maximum(Z, 0).std() if l < L else Z.std())
    return new


def lsuv_from_one_pass(params, X):
    Zs = pre_activations(params, X)
    return {k: (v / Zs[int(k[1:]) - 1].std() if k[0] == "W" else v.copy())
            for k, v in params.items()}


def lsuv_by_variance(params, X):
    new = {key: value.copy() for key, value in params.items()}
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"] = new[f"W{l}"] / pre_activations(new, X)[l - 1].var()
    return new


def lsuv_in_place(params, X):
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] /= pre_activations(params, X)[l - 1].std()
    return params


def lsuv_redrawn(params, X):
    rng = np.random.default_rng(0)
    new = {k: (rng.standard_normal(v.shape) if k[0] == "W" else v.copy())
           for k, v in params.items()}
    return lsuv_ok(new, X)


def lsuv_hidden_layers_only(params, X):
    new = lsuv_ok(params, X)
    L = len(params) // 2
    new[f"W{L}"] = params[f"W{L}"].copy()
    return new


MISTAKES = [
    (checks.check_initialize_zeros, zeros_source_text_bug, "np.zeros((n_l, n_prev))"),
    (checks.check_initialize_zeros, zeros_transposed, "(transposed?)"),
    (checks.check_initialize_zeros, zeros_flat_bias, "use a column"),
    (checks.check_initialize_zeros, zeros_times_001_of_ones, "should be all zeros"),
    (checks.check_initialize_zeros, zeros_from_layer_zero, "layers are numbered from 1"),
    (checks.check_count_distinct, distinct_counts_rows, "count only the different ones"),
    (checks.check_count_distinct, distinct_ignores_bias, "remember the bias"),
    (checks.check_count_distinct, lambda W, b: float(distinct_ok(W, b)), "whole number"),
    (checks.check_initialize_random, random_with_random_biases, "biases start at 0"),
    (checks.check_initialize_random, random_constant, "constant, not a random"),
    (checks.check_initialize_random, random_forgot_seed, "same seed gave different"),
    (checks.check_initialize_random, random_forgot_scale, "multiply the standard-normal draw"),
    (checks.check_initialize_random, random_transposed, "(transposed?)"),
    (checks.check_predicted_std, lambda s, n, L: (s * s * n) ** L, "that is the variance"),
    (checks.check_predicted_std, lambda s, n, L: s * math.sqrt(n), "once per layer"),
    (checks.check_predicted_std, lambda s, n, L: (s * n) ** L, "grows like sqrt(n)"),
    (checks.check_he_normal, he_lecun_scale, "LeCun's scale"),
    (checks.check_he_normal, he_variance_as_std, "that is the variance"),
    (checks.check_he_normal, he_fan_out, "divides by fan_in"),
    (checks.check_he_normal, he_transposed, "(transposed?)"),
    (checks.check_he_normal, he_global_random, "draw from the rng argument"),
    (checks.check_he_normal, he_normal_uniform_draw, "normal distribution"),
    (checks.check_he_uniform, uniform_std_as_limit, "sqrt(3) times the std"),
    (checks.check_he_uniform, uniform_glorot_limit, "Glorot's uniform limit"),
    (checks.check_he_uniform, uniform_source_text, "source text's mistake"),
    (checks.check_he_uniform, uniform_drawn_normal, "this looks normal"),
    (checks.check_predicted_std, lambda s, n, L: s * math.sqrt(n) * L, "where a product"),
    (checks.check_he_normal, he_seeded_globally, "ignores rng"),
    (checks.check_he_uniform, uniform_seeded_globally, "ignores rng"),
    (checks.check_gain_for, lambda f: second_moment(f), "E[f(z)^2] itself"),
    (checks.check_gain_for, lambda f: 1 / second_moment(f), "the gain squared"),
    (checks.check_gain_for, lambda f: np.sqrt(second_moment(f)), "its inverse"),
    (checks.check_gain_for, lambda f: 1 / np.std(f(np.random.default_rng(1).standard_normal(
        400_000))), "the variance of f(z)"),
    (checks.check_gain_for, lambda f: 1.0, "1 is the gain for no activation"),
    (checks.check_gain_for, lambda f: "1.41", "return a number"),
    (checks.check_lsuv, lsuv_on_activations, "std of the activations"),
    (checks.check_lsuv, lsuv_from_one_pass, "one forward pass of the original"),
    (checks.check_lsuv, lsuv_by_variance, "divided by the variance"),
    (checks.check_lsuv, lsuv_in_place, "changed the params dict"),
    (checks.check_lsuv, lsuv_redrawn, "draw new weights"),
    (checks.check_lsuv, lsuv_hidden_layers_only, "the output layer"),
    (checks.check_lsuv, lambda p, X: [p], "return a new dict"),
]


@pytest.mark.parametrize("checker,wrong,hint", MISTAKES,
                         ids=[f"{c.__name__}-{i}" for i, (c, _, _) in enumerate(MISTAKES)])
def test_each_mistake_gets_its_hint(checker, wrong, hint, capsys):
    with pytest.raises(CheckFailed) as info:
        checker(wrong)
    assert hint in str(info.value), str(info.value)
    assert hint in capsys.readouterr().out  # the student sees it printed, not only raised


def test_a_subclass_of_int_is_not_a_number(capsys):
    class AlwaysEqual(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    with pytest.raises(CheckFailed, match="not plain data"):
        checks.check_count_distinct(lambda W, b: AlwaysEqual(1))


def test_every_exercise_has_a_checker_called_by_its_name():
    for name, exercise in checks.EXERCISES.items():
        assert getattr(checks, f"check_{name}").__doc__.startswith(f"Exercise {exercise.number}")
