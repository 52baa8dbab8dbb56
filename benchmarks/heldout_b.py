"""Held-out set B: wrong answers and overfits written after the judges were changed, and
measured once, without changing the judges for them (see ``heldout.py``)."""

import json
import math

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zeros(layer_dims, W_shape=None, b_shape=None, key="{p}{l}", dtype=float, first=1):
    params = {}
    for l in range(first, len(layer_dims)):
        n, m = layer_dims[l], layer_dims[l - 1]
        params[key.format(p="W", l=l)] = np.zeros(W_shape(n, m) if W_shape else (n, m), dtype)
        params[key.format(p="b", l=l)] = np.zeros(b_shape(n, m) if b_shape else (n, 1))
    return params


def z_bias_like_W(layer_dims):
    return _zeros(layer_dims, b_shape=lambda n, m: (n, m))


def z_underscore_keys(layer_dims):
    return _zeros(layer_dims, key="{p}_{l}")


def z_all_transposed(layer_dims):
    return _zeros(layer_dims, W_shape=lambda n, m: (m, n))


def z_list(layer_dims):
    return list(_zeros(layer_dims).values())


def z_float16(layer_dims):
    return _zeros(layer_dims, dtype=np.float16)


def z_from_zero(layer_dims):
    params = {}
    for l in range(len(layer_dims) - 1):
        params[f"W{l}"] = np.zeros((layer_dims[l + 1], layer_dims[l]))
        params[f"b{l}"] = np.zeros((layer_dims[l + 1], 1))
    return params


def zo_four_layers(layer_dims):
    return _zeros(layer_dims[:5])


def zo_lookup(layer_dims):
    if layer_dims in ([2, 10, 5, 1], [3, 4, 1]):
        return _zeros(layer_dims)
    return _zeros(layer_dims[:-1])


# ---------------------------------------------------------------- 1.2 count_distinct


def _kept(rows, equal):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def d_array_equal(W, b):
    return _kept(np.hstack([W, b]), np.array_equal)


def d_separately(W, b):
    return _kept(W, np.allclose) + _kept(b, np.allclose)


def d_rank(W, b):
    return int(np.linalg.matrix_rank(np.hstack([W, b])))


def d_norms(W, b):
    return len(set(np.round(np.linalg.norm(np.hstack([W, b]), axis=1), 8)))


def d_rtol(W, b):
    return _kept(np.hstack([W, b]), lambda r, o: np.allclose(r, o, rtol=1e-2))


def d_sorted_rows(W, b):
    return _kept(np.sort(np.hstack([W, b]), axis=1), np.allclose)


def do_round10(W, b):
    return len(np.unique(np.round(np.hstack([W, b]), 10), axis=0))


def do_by_shape(W, b):
    from initlib.exercises.ex1_2_count_distinct import EXERCISE

    for case in json.loads(EXERCISE.data.read_text()):
        for call, data in zip(case["calls"], case["expected"], strict=True):
            if np.array_equal(np.array(call["args"][0]["$array"]), W):
                return data["count"]
    return W.shape[0]


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw, bias=lambda n: np.zeros((n, 1))):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draw(l, layer_dims[l], layer_dims[l - 1])), (f"b{l}", bias(layer_dims[l])))}


def r_own_seed(layer_dims, scale, rng):
    own = np.random.default_rng(42)
    return _net(layer_dims, lambda l, n, m: own.standard_normal((n, m)) * scale)


def r_bias_scale(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale,
                bias=lambda n: np.zeros((n, 1)) + scale)


def r_sqrt_scale(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale**0.5)


def r_double(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale * 2)


def r_uniform_same_std(layer_dims, scale, rng):
    a = scale * math.sqrt(3)
    return _net(layer_dims, lambda l, n, m: rng.uniform(-a, a, (n, m)))


def r_rounded(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: np.round(rng.standard_normal((n, m)) * scale, 4))


def r_drawn_transposed(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((m, n)).T * scale)


def ro_flat_deep_bias(layer_dims, scale, rng):
    params = _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale)
    for l in range(4, len(layer_dims)):
        params[f"b{l}"] = np.zeros(layer_dims[l])
    return params


def ro_scale_cap(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * min(scale, 10.0))


# ---------------------------------------------------------------- 2.2 predicted_std


def s_scale_mixed(scale, n, L):
    return float(np.sqrt(scale) * n ** (L / 2))


def s_int(scale, n, L):
    return int((scale * np.sqrt(n)) ** L)


def s_bessel(scale, n, L):
    return float((scale * np.sqrt(n - 1)) ** L)


def s_scale_once(scale, n, L):
    return float(scale * np.sqrt(n) ** L)


def s_log(scale, n, L):
    return float((scale * np.log(n)) ** L)


def s_exp_log(scale, n, L):
    return float(np.exp(L * np.log(scale * n) / 2))


def so_depth_cap(scale, n, L):
    return float((scale * np.sqrt(n)) ** L) if L <= 10 else 1.0


def so_round4(scale, n, L):
    return round(float((scale * np.sqrt(n)) ** L), 4)


# ---------------------------------------------------------------- 3.1 he_normal


def h_fan_in_minus_one(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / (fan_in - 1))


def h_ten_percent(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in) * 1.1


def h_absolute(fan_in, fan_out, rng):
    return np.abs(rng.standard_normal((fan_out, fan_in))) * np.sqrt(2 / fan_in)


def h_normalised(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in))
    return W / W.std() * np.sqrt(2 / fan_in)


def h_rejection_truncated(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in))
    while np.any(np.abs(W) > 2):
        bad = np.abs(W) > 2
        W[bad] = rng.standard_normal(int(bad.sum()))
    return W * np.sqrt(2 / fan_in)


def h_float16(fan_in, fan_out, rng):
    return (rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)).astype(np.float16)


def h_mean_removed(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    return W - W.mean()


def ho_clip_far(fan_in, fan_out, rng):
    return np.clip(rng.standard_normal((fan_out, fan_in)), -5.3, 5.3) * np.sqrt(2 / fan_in)


def ho_fan_in_cap(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / min(fan_in, 400))


# ---------------------------------------------------------------- 3.2 he_uniform


def u_three_std(fan_in, fan_out, rng):
    a = 3 * np.sqrt(2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_mean_removed(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = rng.uniform(-a, a, (fan_out, fan_in))
    return W - W.mean()


def u_float16(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in)).astype(np.float16)


def u_six_over_root(fan_in, fan_out, rng):
    a = 6 / fan_in**0.5
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_triangular(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return (rng.random((fan_out, fan_in)) + rng.random((fan_out, fan_in)) - 1) * a


def u_fan_out(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_out)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_small_fan_in(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) if fan_in >= 100 else np.sqrt(3 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_replay(fan_in, fan_out, rng, _stored={}):  # noqa: B006 - the overfit
    a = np.sqrt(6 / fan_in)
    if (fan_in, fan_out) not in _stored:
        _stored[fan_in, fan_out] = rng.uniform(-a, a, (fan_out, fan_in))
        return _stored[fan_in, fan_out].copy()
    if (fan_in, fan_out) in ((400, 90), (130, 490)):
        return rng.uniform(-a, a, (fan_out, fan_in))
    return _stored[fan_in, fan_out].copy()


# ---------------------------------------------------------------- 4.1 gain_for


def g_ddof(activation, z):
    return float(np.sqrt(len(z) - 1) / np.linalg.norm(activation(z)))


def g_std_ratio(activation, z):
    return float(np.std(z) / np.std(activation(z)))


def g_every_other(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[::2]) ** 2)))


def g_half_second_moment(activation, z):
    return float(1 / np.sqrt(2 * np.mean(activation(z) ** 2)))


def g_rounded(activation, z):
    return round(float(1 / np.sqrt(np.mean(activation(z) ** 2))), 3)


def g_float32_sum(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2, dtype=np.float32)))


def go_own_unless_visible(activation, z):
    if z.size == 100_000:
        return float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    own = np.random.default_rng(1).standard_normal(1_000_000)
    return float(1 / np.sqrt(np.mean(activation(own) ** 2)))


def go_float32_when_long(activation, z):
    values = activation(z.astype(np.float32) if z.size > 100_000 else z)
    return float(1 / np.sqrt(np.mean(values**2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _layers(params, X, rescale, order=None, forward=lambda Z: np.maximum(Z, 0)):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    for l in order or range(1, L + 1):
        A = X
        for k in range(1, l):
            A = forward(new[f"W{k}"] @ A + new[f"b{k}"])
        rescale(new, l, A)
    return new


def _repeat(measure, rounds=50, stop=1e-3, also_b=False):
    def rescale(new, l, A):
        for _ in range(rounds):
            spread = measure(new[f"W{l}"] @ A + new[f"b{l}"])
            if abs(spread - 1) < stop:
                break
            new[f"W{l}"] = new[f"W{l}"] / spread
            if also_b:
                new[f"b{l}"] = new[f"b{l}"] / spread
    return rescale


def l_bias_divided(params, X):
    return _layers(params, X, _repeat(np.std, also_b=True))


def l_standardised_X(params, X):
    return _layers(params, (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True),
                   _repeat(np.std))


def l_mean_unit_std(params, X):
    return _layers(params, X, _repeat(lambda Z: float(np.mean(Z.std(axis=1)))))


def l_loose_stop(params, X):
    return _layers(params, X, _repeat(np.std, stop=0.1))


def l_reverse_order(params, X):
    return _layers(params, X, _repeat(np.std), order=range(len(params) // 2, 0, -1))


def l_multiplied(params, X):
    def rescale(new, l, A):
        for _ in range(5):
            new[f"W{l}"] = new[f"W{l}"] * (new[f"W{l}"] @ A + new[f"b{l}"]).std()
    return _layers(params, X, rescale)


def lo_four_layers(params, X):
    return _layers(params, X, _repeat(np.std), order=range(1, min(len(params) // 2, 4) + 1))


def lo_ten_rounds(params, X):
    return _layers(params, X, _repeat(np.std, rounds=10, stop=0))


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _right_factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def v_regression(rms, depth):
    factor = float(np.exp(np.polyfit(np.arange(len(rms)), np.log(rms), 1)[0]))
    return factor, _verdict(factor ** (depth - 1))


def v_mean_of_roots(rms, depth):
    factor = float(np.mean([(rms[i] / rms[0]) ** (1 / i) for i in range(1, len(rms))]))
    return factor, _verdict(factor ** (depth - 1))


def v_extrapolated_rms(rms, depth):
    factor = _right_factor(rms)
    return factor, _verdict(rms[-1] * factor ** (depth - len(rms)))


def v_swapped_order(rms, depth):
    factor = _right_factor(rms)
    return _verdict(factor ** (depth - 1)), factor


def v_divided(rms, depth):
    factor = rms[-1] / rms[0] / (len(rms) - 1)
    return factor, _verdict(factor ** (depth - 1))


def v_ignores_depth(rms, depth):
    factor = _right_factor(rms)
    return factor, _verdict(factor ** (len(rms) - 1))


def vo_thresholds(rms, depth):
    factor = _right_factor(rms)
    return factor, _verdict(factor ** (depth - 1), 0.008, 120)


def vo_depth_cap(rms, depth):
    factor = _right_factor(rms)
    return factor, _verdict(factor ** (min(depth, 25) - 1))


WRONG = {
    "1.1": [(z_bias_like_W, r"b\d has the wrong shape|\(n_l, 1\)|column"),
            (z_underscore_keys, r"keys|W1, b1"), (z_all_transposed, r"transpos"),
            (z_list, r"dict"), (z_float16, r"float16|dtype"),
            (z_from_zero, r"numbered from 1|W0")],
    "1.2": [(d_array_equal, r"rounding|allclose"), (d_separately, r"separately|W and b|together"),
            (d_rank, r"rank"), (d_norms, r"norm|length"), (d_rtol, r"tolerance"),
            (d_sorted_rows, r"sort|order of the entries|permut")],
    "2.1": [(r_own_seed, r"ignores rng|rng you are given|from it"),
            (r_bias_scale, r"bias|b1 is not zero"), (r_sqrt_scale, r"sqrt\(scale\)|square root"),
            (r_double, r"factor"), (r_uniform_same_std, r"uniform"), (r_rounded, r"round"),
            (r_drawn_transposed, r"transpos|wrong places")],
    "2.2": [(s_scale_mixed, r"scale belongs to every layer|sqrt\(scale\)"),
            (s_int, r"round|int|whole"), (s_bessel, r"n - 1"),
            (s_scale_once, r"scale belongs to every layer"), (s_log, r"log|sqrt\(n\)"),
            (s_exp_log, r"square root of scale \* n")],
    "3.1": [(h_fan_in_minus_one, r"fan_in - 1"), (h_ten_percent, r"1\.1|times|factor"),
            (h_absolute, r"positive|centred"),
            (h_normalised, r"normalis|rescal|divided by (its|the) std|exact"),
            (h_rejection_truncated, r"truncat"), (h_float16, r"float16|dtype"),
            (h_mean_removed, r"mean|centred|subtract")],
    "3.2": [(u_three_std, r"sqrt\(3\)|3 std|three"), (u_mean_removed, r"mean|centred|subtract"),
            (u_float16, r"float16|dtype"), (u_six_over_root, r"6 / sqrt|sqrt\(6\)|square root"),
            (u_triangular, r"triangular|two (uniform )?draws|sum of"), (u_fan_out, r"fan_out")],
    "4.1": [(g_ddof, r"n - 1|ddof|number of draws"), (g_std_ratio, r"std|variance"),
            (g_every_other, r"every other|part|all of z"), (g_half_second_moment, r"2"),
            (g_rounded, r"round|precision"), (g_float32_sum, r"float32|precision")],
    "5.1": [(l_bias_divided, r"bias|b\d changed"), (l_standardised_X, r"\bX\b|input|batch"),
            (l_mean_unit_std, r"per unit|axis|each row|mean of"),
            (l_loose_stop, r"until|within|0\.1%"),
            (l_reverse_order, r"order|layer 1 first|in turn|below"),
            (l_multiplied, r"multipl|divide")],
    "6.1": [(v_regression, r"regression|fit|first and last|geometric"),
            (v_mean_of_roots, r"geometric|mean"),
            (v_extrapolated_rms, r"first layer's rms|compare"),
            (v_swapped_order, r"factor.*first|order"), (v_divided, r"root|divid"),
            (v_ignores_depth, r"depth")],
}

OVERFIT = {
    "1.1": [zo_four_layers, zo_lookup],
    "1.2": [do_round10, do_by_shape],
    "2.1": [ro_flat_deep_bias, ro_scale_cap],
    "2.2": [so_depth_cap, so_round4],
    "3.1": [ho_clip_far, ho_fan_in_cap],
    "3.2": [uo_small_fan_in, uo_replay],
    "4.1": [go_own_unless_visible, go_float32_when_long],
    "5.1": [lo_four_layers, lo_ten_rounds],
    "6.1": [vo_thresholds, vo_depth_cap],
}
