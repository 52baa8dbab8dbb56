"""Held-out set C: wrong answers and overfits written after the judges were widened along set
B's misses, and measured once, without changing the judges for them (see ``heldout.py``)."""

import json

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zeros(layer_dims, W=None, b=None):
    params = {}
    for l in range(1, len(layer_dims)):
        n, m = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = W(n, m) if W else np.zeros((n, m))
        params[f"b{l}"] = b(n, m) if b else np.zeros((n, 1))
    return params


def z_bias_of_inputs(layer_dims):
    return _zeros(layer_dims, b=lambda n, m: np.zeros((m, 1)))


def z_lists(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: [[0.0] * m for _ in range(n)])


def z_lowercase(layer_dims):
    return {k.lower(): v for k, v in _zeros(layer_dims).items()}


def z_by_layer(layer_dims):
    params = _zeros(layer_dims)
    return {f"layer{l}": (params[f"W{l}"], params[f"b{l}"]) for l in range(1, len(layer_dims))}


def z_bool(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros((n, m), dtype=bool))


def z_extra_layer(layer_dims):
    params = _zeros(layer_dims)
    L = len(layer_dims) - 1
    params[f"W{L + 1}"], params[f"b{L + 1}"] = np.zeros((1, layer_dims[-1])), np.zeros((1, 1))
    return params


def zo_five_layers(layer_dims):
    return _zeros(layer_dims[:6])


def zo_narrow_inputs(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros((n, min(m, 10))))


# ---------------------------------------------------------------- 1.2 count_distinct


def d_appear_once(W, b):
    rows = np.hstack([W, b])
    return sum(sum(np.allclose(r, o) for o in rows) == 1 for r in rows)


def d_round12(W, b):
    return len(set(map(tuple, np.hstack([W, b]).round(12))))


def _kept(rows, equal):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def d_directions(W, b):
    rows = np.hstack([W, b])
    return _kept(rows / np.linalg.norm(rows, axis=1, keepdims=True), np.allclose)


def d_no_tolerance(W, b):
    return _kept(np.hstack([W, b]), lambda r, o: np.allclose(r, o, rtol=0, atol=0))


def d_column_sums(W, b):
    return len(np.unique(np.hstack([W, b]).sum(axis=0)))


def do_round6(W, b):
    return len(np.unique(np.round(np.hstack([W, b]), 6), axis=0))


def do_visible_lookup(W, b):
    from initlib.exercises.ex1_2_count_distinct import EXERCISE

    for case in json.loads(EXERCISE.data.read_text()):
        for call, data in zip(case["calls"], case["expected"], strict=True):
            if np.array(call["args"][0]["$array"]).shape == W.shape:
                return data["count"]
    return len(np.unique(np.hstack([W, b]), axis=0))


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draw(l, layer_dims[l], layer_dims[l - 1])),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def r_halved_deeper(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale
                * (1 if l == 1 else 0.5))


def r_float32_dtype(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m), dtype=np.float32) * scale)


def r_bias_draws_after(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = rng.standard_normal((layer_dims[l], 1)) * 0
    return params


def r_centred(layer_dims, scale, rng):
    def draw(l, n, m):
        W = rng.standard_normal((n, m)) * scale
        return W - W.mean()
    return _net(layer_dims, draw)


def r_over_sqrt2(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale / np.sqrt(2))


def r_same_start(layer_dims, scale, rng):
    total = sum(layer_dims[l] * layer_dims[l - 1] for l in range(1, len(layer_dims)))
    flat = rng.standard_normal(total) * scale
    return _net(layer_dims, lambda l, n, m: flat[:n * m].reshape(n, m))


def ro_kind_of_rng(layer_dims, scale, rng):
    factor = scale if isinstance(rng, np.random.RandomState) else 0.01
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * factor)


def ro_clipped(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: np.clip(rng.standard_normal((n, m)), -5, 5) * scale)


# ---------------------------------------------------------------- 2.2 predicted_std


def s_sqrt_of_n_times_L(scale, n, L):
    return float(scale * np.sqrt(n * L))


def s_L_minus_one(scale, n, L):
    return float((scale * np.sqrt(n)) ** (L - 1)) if L > 0 else 1.0


def s_root_of_all(scale, n, L):
    return float(np.sqrt(scale**2 * n**L))


def s_added(scale, n, L):
    return float((scale + np.sqrt(n)) ** L)


def s_float16(scale, n, L):
    return float(np.float16((scale * np.sqrt(n)) ** L))


def so_wide_nudge(scale, n, L):
    return float((scale * np.sqrt(n)) ** L) * (1.0 if n <= 900 else 1.01)


def so_round6(scale, n, L):
    return round(float((scale * np.sqrt(n)) ** L), 6)


# ---------------------------------------------------------------- 3.1 he_normal


def h_glorot(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2) / np.sqrt(fan_out + fan_in)


def h_half_negative(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    W[W < 0] *= 0.5
    return W


def h_laplace(fan_in, fan_out, rng):
    return rng.laplace(0.0, np.sqrt(1 / fan_in), (fan_out, fan_in))


def h_flat(fan_in, fan_out, rng):
    return rng.standard_normal(fan_out * fan_in) * np.sqrt(2 / fan_in)


def h_round6(fan_in, fan_out, rng):
    return (rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)).round(6)


def ho_small_fan_in(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in) if fan_in >= 90 else np.sqrt(1 / fan_in)
    return rng.standard_normal((fan_out, fan_in)) * std


def ho_clip_six(fan_in, fan_out, rng):
    return np.clip(rng.standard_normal((fan_out, fan_in)), -6, 6) * np.sqrt(2 / fan_in)


# ---------------------------------------------------------------- 3.2 he_uniform


def _u(fan_in, fan_out, rng, a=None, high=None):
    a = np.sqrt(6 / fan_in) if a is None else a
    return rng.uniform(-a, a if high is None else high, (fan_out, fan_in))


def u_fan_in_plus_one(fan_in, fan_out, rng):
    return _u(fan_in, fan_out, rng, np.sqrt(6 / (fan_in + 1)))


def u_times_sqrt2(fan_in, fan_out, rng):
    return _u(fan_in, fan_out, rng) * np.sqrt(2)


def u_signs(fan_in, fan_out, rng):
    return np.sign(_u(fan_in, fan_out, rng)) * np.sqrt(6 / fan_in)


def u_float32_round_trip(fan_in, fan_out, rng):
    return _u(fan_in, fan_out, rng).astype(np.float32).astype(np.float64)


def u_asymmetric(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return _u(fan_in, fan_out, rng, a, 0.9 * a)


def uo_tiny_fans(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) if fan_in > 20 else np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_float32_when_big(fan_in, fan_out, rng):
    W = _u(fan_in, fan_out, rng)
    return W.astype(np.float32) if W.size > 100_000 else W


# ---------------------------------------------------------------- 4.1 gain_for


def g_of_abs_z(activation, z):
    return float(1 / np.sqrt(np.mean(np.square(activation(np.abs(z))))))


def g_epsilon(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2) + 1e-8))


def g_mean_abs(activation, z):
    return float(1 / np.mean(np.sqrt(activation(z) ** 2)))


def g_standardised_z(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z / np.std(z)) ** 2)))


def g_all_but_last(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[:-1]) ** 2)))


def g_percentile(activation, z):
    return float(1 / np.percentile(np.abs(activation(z)), 68.27))


def go_half_unless_visible(activation, z):
    part = z if z.size == 100_000 else z[:50_000]
    return float(1 / np.sqrt(np.mean(activation(part) ** 2)))


def go_first_150k(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[:150_000]) ** 2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _lsuv(params, X, first=1, measure=np.std, forward=lambda Z: np.maximum(Z, 0), stop=1e-3,
          rounds=50, last=None, prepare=None):
    new = {key: value.copy() for key, value in params.items()}
    if prepare:
        prepare(new)
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        if first <= l <= (last or L):
            for _ in range(rounds):
                spread = measure(W @ A + b)
                if abs(spread - 1) < stop:
                    break
                W *= 1 / spread
        A = forward(W @ A + b)
    return new


def l_first_examples(params, X):
    new = _lsuv({k: v for k, v in params.items()}, X[:, :100])
    return new


def l_abs_activation(params, X):
    return _lsuv(params, X, forward=np.abs)


def l_stop_at_five_percent(params, X):
    return _lsuv(params, X, stop=0.05)


def l_skip_first(params, X):
    return _lsuv(params, X, first=2)


def l_unit_rows_first(params, X):
    def prepare(new):
        for l in range(1, len(new) // 2 + 1):
            new[f"W{l}"] = new[f"W{l}"] / np.linalg.norm(new[f"W{l}"], axis=1, keepdims=True)
    return _lsuv(params, X, prepare=prepare)


def l_mad(params, X):
    return _lsuv(params, X, measure=lambda Z: 1.4826 * np.median(np.abs(Z - np.median(Z))))


def lo_three_layers(params, X):
    return _lsuv(params, X, last=3)


def lo_fifteen_rounds(params, X):
    return _lsuv(params, X, rounds=15, stop=0)


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def v_mean_of_rms(rms, depth):
    factor = float(np.exp(np.mean(np.log(rms))))
    return factor, _verdict(factor ** (depth - 1))


def v_differences(rms, depth):
    factor = (rms[-1] - rms[0]) / (len(rms) - 1)
    return factor, _verdict(abs(factor) ** (depth - 1))


def v_ten(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** (depth - 1), 0.01, 10)


def v_rounded(rms, depth):
    factor = _factor(rms)
    return round(factor, 2), _verdict(factor ** (depth - 1))


def v_never_train(rms, depth):
    factor = _factor(rms)
    return factor, "vanish" if factor ** (depth - 1) < 1 else "explode"


def v_precedence(rms, depth):
    factor = rms[-1] / rms[0] ** (1 / (len(rms) - 1))
    return factor, _verdict(factor ** (depth - 1))


def vo_tight_thresholds(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** (depth - 1), 0.0099, 101)


def vo_depth_cap(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** (min(depth, 100) - 1))


WRONG = {
    "1.1": [(z_bias_of_inputs, r"b\d has the wrong shape|\(n_l, 1\)"),
            (z_lists, r"numpy array"), (z_lowercase, r"keys|W1"), (z_by_layer, r"keys|W1"),
            (z_bool, r"float|dtype"), (z_extra_layer, r"extra|too many|too far|W4")],
    "1.2": [(d_appear_once, r"once|repeated|repeat"), (d_round12, r"round"),
            (d_directions, r"direction|normali|scale"), (d_no_tolerance, r"rounding|allclose"),
            (d_column_sums, r"column")],
    "2.1": [(r_halved_deeper, r"factor|1/2"), (r_float32_dtype, r"float32|dtype"),
            (r_bias_draws_after, r"stream|the biases"), (r_centred, r"mean|centred|subtract"),
            (r_over_sqrt2, r"1/sqrt\(2\)|factor"), (r_same_start, r"stream|earlier")],
    "2.2": [(s_sqrt_of_n_times_L, r"sum|multipl|product"), (s_L_minus_one, r"L - 1"),
            (s_root_of_all, r"scale"), (s_added, r"add|sum|multipl|product"),
            (s_float16, r"precision|float16|round")],
    "3.1": [(h_glorot, r"Glorot|Xavier"), (h_half_negative, r"centred|symmetric|mean"),
            (h_laplace, r"normal|laplace|tail"), (h_flat, r"shape"), (h_round6, r"round")],
    "3.2": [(u_fan_in_plus_one, r"fan_in \+ 1|fan_in itself"), (u_times_sqrt2, r"sqrt\(2\)"),
            (u_signs, r"uniform|fill|two values|sign"),
            (u_float32_round_trip, r"float32|precision"),
            (u_asymmetric, r"centred|symmetric|shift")],
    "4.1": [(g_of_abs_z, r"abs|positive|half"), (g_epsilon, r"epsilon|precision|exact"),
            (g_mean_abs, r"abs|\|f\(z\)\|"), (g_standardised_z, r"z itself|standardi|given"),
            (g_all_but_last, r"all of z|last|first"), (g_percentile, r"percentile|quantile")],
    "5.1": [(l_first_examples, r"batch|all examples|examples"),
            (l_abs_activation, r"ReLU|activation"), (l_stop_at_five_percent, r"until|0\.1%"),
            (l_skip_first, r"W1 was not rescaled|every layer"),
            (l_unit_rows_first, r"multiple|new weights|directions"),
            (l_mad, r"std|median")],
    "6.1": [(v_mean_of_rms, r"ratios|geometric"), (v_differences, r"difference|ratio|multipl"),
            (v_ten, r"100"), (v_rounded, r"round|precision|full"), (v_never_train, r"train"),
            (v_precedence, r"parenthes|precedence|root")],
}

OVERFIT = {
    "1.1": [zo_five_layers, zo_narrow_inputs],
    "1.2": [do_round6, do_visible_lookup],
    "2.1": [ro_kind_of_rng, ro_clipped],
    "2.2": [so_wide_nudge, so_round6],
    "3.1": [ho_small_fan_in, ho_clip_six],
    "3.2": [uo_tiny_fans, uo_float32_when_big],
    "4.1": [go_half_unless_visible, go_first_150k],
    "5.1": [lo_three_layers, lo_fifteen_rounds],
    "6.1": [vo_tight_thresholds, vo_depth_cap],
}
