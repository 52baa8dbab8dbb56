"""Answers written to pass the visible cases alone (held-out set A's overfits,
``benchmarks/heldout_a.py``) fail the grader for every key: the check, or the further cases."""

import importlib.util

import pytest

from initlib._protocol import call_record
from initlib.checks import _verdict
from instructor.exercises import by_number, draw_further_cases
from tools.notebook_format import ROOT


def held_out(name):
    path = ROOT / "benchmarks" / f"heldout_{name}.py"
    spec = importlib.util.spec_from_file_location(f"heldout_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SET_A = held_out("a")
OVERFITS = [(number, answer) for number, answers in SET_A.OVERFIT.items() for answer in answers]


@pytest.mark.parametrize("number,answer", OVERFITS,
                         ids=[f"{n}-{a.__name__}" for n, a in OVERFITS])
def test_an_answer_written_for_the_visible_cases_fails_for_every_key(number, answer):
    exercise = by_number(number)
    if _verdict(exercise.student, answer) is not None:
        return  # the visible cases already catch it, and they are graded under every key
    for key in range(5):
        verdicts = (exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
                    for case in draw_further_cases(exercise, key))
        assert any(v is not None for v in verdicts), f"key {key} keeps its points"


@pytest.mark.parametrize("number", sorted(SET_A.WRONG))
def test_every_held_out_wrong_answer_is_named_by_the_check(number):
    """Set A's wrong answers (also in the library of mistakes) each get a hint that names
    what they are, by the pattern written for them before the judges changed."""
    import re

    exercise = by_number(number)
    for answer, pattern in SET_A.WRONG[number]:
        wrong = _verdict(exercise.student, answer)
        assert wrong is not None and re.search(pattern, wrong.what), (answer.__name__, wrong)


def test_the_tail_seeds_reach_past_six_std_where_the_table_says():
    from instructor.exercises.tail_seeds import TAIL_SEEDS, find_tail_seeds

    for seed, position, draw in TAIL_SEEDS:
        assert find_tail_seeds([seed]) == [(seed, position, draw)]


@pytest.mark.parametrize("number", ["2.1", "3.1", "3.2"])
def test_a_further_case_draws_past_six_std_in_its_first_call(number):
    """Weights clipped anywhere short of 6 std fail; 3.1 and 3.2 also get a layer of more than
    100,000 weights (an answer that changes above a size fails)."""
    import numpy as np

    from initlib._protocol import build

    exercise = by_number(number)
    for key in range(3):
        reach, largest = 0.0, 0
        for case in draw_further_cases(exercise, key):
            args = build(case["calls"][0]["args"])
            if number == "2.1":
                count = sum(a * b for a, b in zip(args[0][1:], args[0][:-1], strict=False))
            else:
                count = args[0] * args[1]
            reach = max(reach, float(np.abs(args[-1].standard_normal(count)).max()))
            largest = max(largest, count)
        assert reach > 6.0
        assert number == "2.1" or largest > 100_000


SET_F = held_out("f")
CHANGES_ITS_INPUT = [("1.1", SET_F.z_pops_layer_dims, "changed layer_dims"),
                     ("1.2", SET_F.d_scales_W_in_place, "changed W or b"),
                     ("6.1", SET_F.v_extends_rms_in_place, "changed rms")]


@pytest.mark.parametrize("number,answer,hint", CHANGES_ITS_INPUT,
                         ids=[f"{n}-{a.__name__}" for n, a, _ in CHANGES_ITS_INPUT])
def test_an_answer_that_changes_its_input_is_told_so_by_the_further_cases(number, answer, hint):
    """Set F's answers that return the right result but change the caller's argument (a list
    popped or appended to, an array divided in place): the visible cases cannot see it, every
    key's further cases report the arguments back and name it."""
    exercise = by_number(number)
    for key in range(3):
        found = None
        for case in draw_further_cases(exercise, key):
            found = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
            if found is not None:
                break
        assert found is not None and hint in found.what, (key, found)


# ---------------------------------------------------------------- a library written for the
# mistake spaces of instructor/exercises/MISTAKES.md: one wrong answer per category it covers
# (NEW_WRONG, each with the words a hint naming it must match, written before the judges
# answered it), and answers written for the visible cases alone (NEW_OVERFITS)

import math  # noqa: E402
import re  # noqa: E402

import numpy as np  # noqa: E402

# ---------------------------------------------------------------- 1.1 initialize_zeros

def z_float32(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]), dtype=np.float32)),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def z_flat_bias(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros(layer_dims[l])))}


def z_one_layer_short(layer_dims):
    return {k: v for l in range(1, len(layer_dims) - 1) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zo_three_layers(layer_dims):
    return {k: v for l in range(1, min(len(layer_dims), 4)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def z_output_from_the_last_hidden(layer_dims):
    params = {}
    for l in range(1, len(layer_dims) - 1):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        hidden = layer_dims[l]  # the width the output layer reads: never set for one layer
    L = len(layer_dims) - 1
    params[f"W{L}"] = np.zeros((layer_dims[L], hidden))
    params[f"b{L}"] = np.zeros((layer_dims[L], 1))
    return params


# ---------------------------------------------------------------- 1.2 count_distinct

def d_rounded_6(W, b):
    return len(np.unique(np.round(np.hstack([W, b]), 6), axis=0))


def d_tolerance_of_the_largest(W, b):
    rows, kept = np.hstack([W, b]), []
    for row in rows:
        if not any(np.allclose(row, k, atol=1e-3 * np.abs(rows).max()) for k in kept):
            kept.append(row)
    return len(kept)


def d_set_of_tuples(W, b):
    return len({tuple(row) for row in np.hstack([W, b])})


def do_first_seven_entries(W, b):
    rows, kept = np.hstack([b, W])[:, :7], []
    for row in rows:
        if not any(np.allclose(row, k) for k in kept):
            kept.append(row)
    return len(kept)


def do_exact_unless_seen(W, b):
    from initlib._protocol import build
    from initlib.exercises import by_number as student_exercise

    for case in student_exercise("1.2").cases:
        for call, data in zip(case["calls"], case["expected"], strict=True):
            seen, _ = build(call["args"])
            if seen.shape == W.shape and np.array_equal(seen, W):
                return data["count"]
    return len(np.unique(np.hstack([W, b]), axis=0))


def d_new_unless_like_every_earlier(W, b):
    rows = np.concatenate([W, b], axis=1)
    return 1 + sum(not np.isclose(rows[:i], rows[i]).all() for i in range(1, len(rows)))


def d_earlier_but_the_previous(W, b):
    rows = np.concatenate([W, b], axis=1)
    return sum(all(not np.allclose(rows[i], rows[j]) for j in range(0, i - 1))
               for i in range(len(rows)))


def d_shares_floored(W, b):
    rows = np.concatenate([W, b], axis=1)
    total = 0.0
    for row in rows:
        total += 1 / sum(np.allclose(row, other) for other in rows)
    return int(total)


_SEEN_UNITS = []


def d_units_kept_globally(W, b):
    for row in np.concatenate([W, b], axis=1):
        if not any(np.allclose(row, other) for other in _SEEN_UNITS):
            _SEEN_UNITS.append(row)
    return len(_SEEN_UNITS)


def do_bias_within_a_quarter(W, b):
    kept = []
    for w, bias in zip(W, b.ravel(), strict=True):
        if all(not np.allclose(w, other) or abs(bias - beta) >= 0.25 for other, beta in kept):
            kept.append((w, bias))
    return len(kept)


def _kept(rows):
    kept = []
    for row in rows:
        if not any(np.allclose(row, k) for k in kept):
            kept.append(row)
    return len(kept)


def d_rows_not_zero(W, b):
    rows = np.hstack([W, b])
    return _kept(rows[np.abs(rows).sum(axis=1) > 0])


def d_squeezed(W, b):
    return _kept(np.hstack([W, b]).squeeze())


# ---------------------------------------------------------------- 2.1 initialize_random

def _layers(layer_dims, weight, bias=lambda rng, n: np.zeros((n, 1)), rng=None):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = weight(layer_dims[l], layer_dims[l - 1])
        params[f"b{l}"] = bias(rng, layer_dims[l])
    return params


def r_scale_as_variance(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * np.sqrt(scale))


def r_transposed_draw(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((m, n)).T * scale)


def r_own_generator(layer_dims, scale, rng):
    own = np.random.default_rng(1)
    return _layers(layer_dims, lambda n, m: own.standard_normal((n, m)) * scale)


def r_random_biases(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n, m)) * scale,
                   lambda rng, n: rng.standard_normal((n, 1)) * scale, rng)


def ro_float32_above_60000(layer_dims, scale, rng):
    def draw(n, m):
        W = rng.standard_normal((n, m)) * scale
        return W.astype(np.float32).astype(np.float64) if W.size > 60_000 else W
    return _layers(layer_dims, draw)


def r_output_from_the_last_hidden(layer_dims, scale, rng):
    params, L = {}, len(layer_dims) - 1
    for l, (n, m) in enumerate(zip(layer_dims[1:-1], layer_dims[:-2], strict=True), start=1):
        params[f"W{l}"] = rng.standard_normal((n, m)) * scale
        params[f"b{l}"] = np.zeros((n, 1))
    params[f"W{L}"] = rng.standard_normal((layer_dims[L], n)) * scale  # n of the loop
    params[f"b{L}"] = np.zeros((layer_dims[L], 1))
    return params


def r_row_drawn_for_the_bias(layer_dims, scale, rng):
    return _layers(layer_dims, lambda n, m: rng.standard_normal((n + 1, m))[:-1] * scale)


_FIRST_RNG = {}


def r_first_rng_reused(layer_dims, scale, rng):
    own = _FIRST_RNG.setdefault("rng", rng)
    return _layers(layer_dims, lambda n, m: own.standard_normal((n, m)) * scale)


# ---------------------------------------------------------------- 2.2 predicted_std

def s_scale_outside_power(scale, n, L):
    return scale * np.sqrt(n) ** L


def s_one_layer_less(scale, n, L):
    return (scale * np.sqrt(n)) ** (L - 1)


def s_rounded_4(scale, n, L):
    return round(float((scale * np.sqrt(n)) ** L), 4)


def so_depth_capped(scale, n, L):
    return float((scale * np.sqrt(n)) ** min(L, 50))


def s_signature_reordered(L, scale, n):  # the parameters in another order than the statement's
    return (scale * np.sqrt(n)) ** L


def s_power_root_of_depth(scale, n, L):
    return float(np.sqrt(scale**2 * n) ** np.sqrt(L))


def s_root_2_times_the_std(scale, n, L):
    return math.sqrt(2) * (scale * n**0.5) ** L


def s_root_of_std_each_layer(scale, n, L):
    std = 1.0
    for _ in range(L):
        std = math.sqrt(n * scale**2) * math.sqrt(std)
    return std


def so_near_one_is_one(scale, n, L):
    factor = scale * math.sqrt(n)
    return 1.0 if math.isclose(factor, 1, rel_tol=5e-4) else factor**L


_BY_DEPTH = {}


def so_cached_by_depth(scale, n, L):
    return _BY_DEPTH.setdefault(L, (scale * math.sqrt(n)) ** L)


# ---------------------------------------------------------------- 3.1 he_normal

def h_fan_out(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_out)


def h_variance_as_std(fan_in, fan_out, rng):
    return rng.normal(0, 2 / fan_in, (fan_out, fan_in))


def h_float32(fan_in, fan_out, rng):
    return (rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)).astype(np.float32)


def h_global_random(fan_in, fan_out, rng):
    return np.random.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def h_generator_rebuilt_from_its_state(fan_in, fan_out, rng):
    if not isinstance(rng, np.random.Generator):
        return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    own = np.random.Generator(type(rng.bit_generator)())
    own.bit_generator.state = rng.bit_generator.state  # a copy: rng itself never advances
    return own.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def ho_clipped_at_5_5(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return np.clip(rng.standard_normal((fan_out, fan_in)), -5.5, 5.5) * std


# ---------------------------------------------------------------- 3.2 he_uniform

def u_three_over_fan_in(fan_in, fan_out, rng):
    a = np.sqrt(3 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_from_zero(fan_in, fan_out, rng):
    return rng.uniform(0, np.sqrt(6 / fan_in), (fan_out, fan_in))


def u_transposed(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_in, fan_out)).T


def uo_float32_when_large(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = rng.uniform(-a, a, (fan_out, fan_in))
    return W.astype(np.float32).astype(np.float64) if W.size > 70_000 else W


# ---------------------------------------------------------------- 4.1 gain_for

def g_squared_in_place(activation, z):
    a = activation(z)
    np.square(a, out=a)
    return float(1 / np.sqrt(a.mean()))


def g_outputs_clipped_at_3(activation, z):
    return float(1 / np.sqrt(np.mean(np.clip(activation(z), -3, 3) ** 2)))


def g_mean_in_float32(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2, dtype=np.float32)))


def g_half_gain(activation, z):
    return float(0.5 / np.sqrt(np.mean(activation(z) ** 2)))


def g_from_its_value_at_zero(activation, z):
    f = activation(z)
    f -= activation(np.array([0.0]))
    return float(1 / np.sqrt(np.mean(f * f)))


def g_gaussian_weights(activation, z):
    return float(1 / np.sqrt(np.average(activation(z) ** 2, weights=np.exp(-0.5 * z * z))))


def go_rounded_to_a_known_gain(activation, z):
    gain = 1 / np.sqrt(np.mean(activation(z) ** 2))
    near = min((1.0, 2**0.5), key=lambda known: abs(gain - known))
    return float(near if abs(gain / near - 1) < 3e-4 else gain)


def go_table_by_value_at_one(activation, z):
    table = {}
    key = round(float(activation(np.array([1.0]))[0]), 6)
    if key not in table:
        table[key] = float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    return table[key] if key in (1.0, 0.761594) else float(np.sqrt(2))


_GAIN_BY_DRAWS = {}


def go_remembered_by_its_draws(activation, z):
    key = (z.size, float(z.sum()))
    if key not in _GAIN_BY_DRAWS:
        _GAIN_BY_DRAWS[key] = float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    return _GAIN_BY_DRAWS[key]


# ---------------------------------------------------------------- 5.1 lsuv

def _lsuv_with(params, X, forward=lambda Z: np.maximum(Z, 0), rescale_b=False,
               rounds=200):
    new = {k: v.copy() for k, v in params.items()}
    A = X
    for l in range(1, len(new) // 2 + 1):
        for _ in range(rounds):
            spread = (new[f"W{l}"] @ A + new[f"b{l}"]).std()
            new[f"W{l}"] = new[f"W{l}"] / spread
            if rescale_b:
                new[f"b{l}"] = new[f"b{l}"] / spread
        A = forward(new[f"W{l}"] @ A + new[f"b{l}"])
    return new


def l_tanh_forward(params, X):
    return _lsuv_with(params, X, forward=np.tanh)


def l_biases_rescaled(params, X):
    return _lsuv_with(params, X, rescale_b=True)


def lo_ten_rounds(params, X):
    return _lsuv_with(params, X, rounds=10)


def l_layers_in_key_order(params, X):
    new, A = {k: v.copy() for k, v in params.items()}, X
    for key in params:  # the layers in the dict's order
        if key.startswith("W"):
            W, b = new[key], new["b" + key[1:]]
            for _ in range(100):
                W /= (W @ A + b).std()
            A = np.maximum(W @ A + b, 0)
    return new


def l_stale_until_close(params, X):
    new, A = {k: v.copy() for k, v in params.items()}, X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        spread, rounds = (W @ A + b).std(), 0
        while abs(spread - 1) > 1e-3 and rounds < 100:  # spread is never measured again
            W /= spread
            rounds += 1
        A = np.maximum(W @ A + b, 0)
    return new


# ---------------------------------------------------------------- 6.1 diagnose

def _verdict_of(over):
    return "vanish" if over < 0.01 else "explode" if over > 100 else "train"


def v_first_ratio(rms, depth):
    per_layer = rms[1] / rms[0]
    return per_layer, _verdict_of(per_layer ** (depth - 1))


def v_depth_as_exponent(rms, depth):
    per_layer = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return per_layer, _verdict_of(per_layer ** depth)


def v_mean_ratio(rms, depth):
    per_layer = float(np.mean(np.array(rms[1:]) / np.array(rms[:-1])))
    return per_layer, _verdict_of(per_layer ** (depth - 1))


def vo_thresholds_tuned(rms, depth):
    per_layer = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    over = per_layer ** (depth - 1)
    return per_layer, "vanish" if over < 0.0112 else "explode" if over > 90 else "train"


def vo_relative_threshold(rms, depth):
    per_layer = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return per_layer, _verdict_of(round(per_layer, 3) ** (depth - 1))


def v_only_steady_trends(rms, depth):
    steps = np.diff(np.log(rms))
    per_layer = float(np.exp(steps.mean()))
    verdict = _verdict_of(per_layer ** (depth - 1))
    steady = np.all(steps < 0) if verdict == "vanish" else np.all(steps > 0)
    return per_layer, verdict if steady or verdict == "train" else "train"


_DONE = []


def vo_remembered_by_length(rms, depth):
    for (steps, planned), answer in _DONE:
        if steps == len(rms) - 1 and planned == depth:
            return answer
    per_layer = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    _DONE.append(((len(rms) - 1, depth), (per_layer, _verdict_of(per_layer ** (depth - 1)))))
    return _DONE[-1][1]


def vo_root_by_bisection(rms, depth):
    low, high = 0.0, 1000.0  # the root of rms[-1] / rms[0], bracketed
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if middle ** (len(rms) - 1) < rms[-1] / rms[0] else (
            low, middle)
    return low, _verdict_of(low ** (depth - 1))


NEW_WRONG = {
    "1.1": [(z_float32, r"(?i)float32|float64|dtype"), (z_flat_bias, r"(?i)column|\(n_l, 1\)"),
            (z_one_layer_short, r"(?i)last layer|one layer short"),
            (z_output_from_the_last_hidden, r"(?i)UnboundLocalError|before giving it a value")],
    "1.2": [(d_rounded_6, r"(?i)round"), (d_tolerance_of_the_largest, r"(?i)toleran|loose"),
            (d_set_of_tuples, r"(?i)exact|allclose|rounding"),
            (d_new_unless_like_every_earlier, r"(?i)ALL earlier|broadcast"),
            (d_earlier_but_the_previous, r"(?i)off by one|just before"),
            (d_shares_floored, r"(?i)truncat|1 / k"),
            (d_units_kept_globally, r"(?i)between calls|from one call to the next"),
            (d_rows_not_zero, r"(?i)rows of zeros"), (d_squeezed, r"(?i)squeeze")],
    "2.1": [(r_scale_as_variance, r"(?i)sqrt\(scale\)|square root|scale \*\* ?0?\.5|variance"),
            (r_transposed_draw, r"(?i)transpos|\.T\b"),
            (r_own_generator, r"(?i)ignores rng|rng argument|generator|default_rng"),
            (r_random_biases, r"(?i)bias"),
            (r_output_from_the_last_hidden, r"(?i)UnboundLocalError|before giving it a value"),
            (r_row_drawn_for_the_bias, r"(?i)extra|larger draw|stream"),
            (r_first_rng_reused, r"(?i)earlier call|kept")],
    "2.2": [(s_scale_outside_power, r"(?i)scale belongs to every layer|scale \*\* 1\b|precedence"),
            (s_one_layer_less, r"(?i)L - 1|one layer|counts L"),
            (s_rounded_4, r"(?i)round"), (s_signature_reordered, r"(?i)swapped"),
            (s_power_root_of_depth, r"(?i)sqrt\(L\)"),
            (s_root_2_times_the_std, r"(?i)sqrt\(2\) times"),
            (s_root_of_std_each_layer, r"(?i)mixed std and variance")],
    "3.1": [(h_fan_out, r"(?i)fan_out"), (h_variance_as_std, r"(?i)variance|square root"),
            (h_float32, r"(?i)float32|float64"), (h_global_random, r"(?i)np\.random|ignores rng|"
                                                                    r"rng argument|rng you are"),
            (h_generator_rebuilt_from_its_state, r"(?i)must advance")],
    "3.2": [(u_three_over_fan_in, r"(?i)sqrt\(2\)|6 ?/ ?fan_in|3 ?/ ?fan_in|limit"),
            (u_from_zero, r"(?i)positive|centred|\[0"), (u_transposed, r"(?i)transpos|\.T\b")],
    "4.1": [(g_squared_in_place, r"(?i)in place|changed z"),
            (g_outputs_clipped_at_3, r"(?i)clip"), (g_mean_in_float32, r"(?i)float32|precision"),
            (g_half_gain, r"(?i)1/2 times|half|0\.5 times|factor"),
            (g_from_its_value_at_zero, r"(?i)f\(0\)"),
            (g_gaussian_weights, r"(?i)density")],
    "5.1": [(l_tanh_forward, r"(?i)tanh|activation|ReLU"),
            (l_biases_rescaled, r"(?i)bias|\bb\b"),
            (l_layers_in_key_order, r"(?i)dict's order"),
            (l_stale_until_close, r"(?i)same std 100 times")],
    "6.1": [(v_first_ratio, r"(?i)first (two|ratio|step)|all (the )?layers|first and last|"
                            r"rms\[1\]|one ratio|every ratio"),
            (v_depth_as_exponent, r"(?i)depth - 1|one step too many|depth steps|exponent"),
            (v_mean_ratio, r"(?i)geometric|mean of the ratios|arithmetic|average"),
            (v_only_steady_trends, r"(?i)mixed|every ratio")],
}

NEW_OVERFITS = {"1.1": [zo_three_layers], "1.2": [do_first_seven_entries, do_exact_unless_seen,
                                                          do_bias_within_a_quarter],
                "2.1": [ro_float32_above_60000], "2.2": [so_depth_capped, so_near_one_is_one,
                                                         so_cached_by_depth],
                "3.1": [ho_clipped_at_5_5], "3.2": [uo_float32_when_large],
                "4.1": [go_table_by_value_at_one, go_rounded_to_a_known_gain,
                        go_remembered_by_its_draws],
                "5.1": [lo_ten_rounds],
                "6.1": [vo_thresholds_tuned, vo_relative_threshold, vo_remembered_by_length,
                        vo_root_by_bisection]}


def _first_further_wrong(exercise, answer, key):
    for case in draw_further_cases(exercise, key):
        found = exercise.verdict(case, [call_record(answer, c) for c in case["calls"]])
        if found is not None:
            return found
    return None


LIBRARY = [(n, a, p) for n, answers in NEW_WRONG.items() for a, p in answers]


@pytest.mark.parametrize("number,answer,pattern", LIBRARY,
                         ids=[f"{n}-{a.__name__}" for n, a, _ in LIBRARY])
def test_each_wrong_answer_of_the_library_is_named(number, answer, pattern):
    """By the check when the visible cases catch it, else by the further cases of each key."""
    exercise = by_number(number)
    wrong = _verdict(exercise.student, answer)
    if wrong is not None:
        assert re.search(pattern, wrong.what), wrong.what
        return
    for key in range(3):
        found = _first_further_wrong(exercise, answer, key)
        assert found is not None and re.search(pattern, found.what), (key, found)


LIBRARY_OVERFITS = [(n, a) for n, answers in NEW_OVERFITS.items() for a in answers]


@pytest.mark.parametrize("number,answer", LIBRARY_OVERFITS,
                         ids=[f"{n}-{a.__name__}" for n, a in LIBRARY_OVERFITS])
def test_each_overfit_of_the_library_passes_the_check_and_fails_every_key(number, answer):
    """Each passes the visible cases (it is an overfit, not a wrong answer the check sees),
    and fails the further cases of every key."""
    exercise = by_number(number)
    assert _verdict(exercise.student, answer) is None
    for key in range(5):
        assert _first_further_wrong(exercise, answer, key) is not None, key
