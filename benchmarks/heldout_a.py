"""Held-out set A: wrong answers the library of mistakes did not hold, and answers written for
the visible cases alone (see ``heldout.py``). Each wrong answer comes with the pattern a hint
naming its mistake must match, written before the judges were changed."""

import math

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def z_int_dtype(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]), dtype=int)),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def z_stops_early(layer_dims):
    return {k: v for l in range(1, len(layer_dims) - 1) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def z_row_bias(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((1, layer_dims[l]))))}


def z_square(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def z_no_biases(layer_dims):
    return {f"W{l}": np.zeros((layer_dims[l], layer_dims[l - 1]))
            for l in range(1, len(layer_dims))}


def z_ones(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.ones((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zo_three_layers(layer_dims):
    return {k: v for l in range(1, min(len(layer_dims), 4)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zo_small_widths(layer_dims):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], layer_dims[l - 1]))),
        (f"b{l}", np.zeros((layer_dims[l], 1)) if layer_dims[l] <= 10
         else np.zeros(layer_dims[l])))}


# ---------------------------------------------------------------- 1.2 count_distinct


def _count(rows, equal):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def d_any_close(W, b):
    return _count(np.hstack([W, b]), lambda r, o: np.isclose(r, o).any())


def d_loose(W, b):
    return _count(np.hstack([W, b]), lambda r, o: np.allclose(r, o, atol=0.5))


def d_repeats(W, b):
    rows = np.hstack([W, b])
    return len(rows) - _count(rows, np.allclose)


def d_added(W, b):
    return _count(W + b, np.allclose)


def d_first_column(W, b):
    return _count(np.hstack([W[:, :1], b]), np.allclose)


def d_minus_one(W, b):
    return _count(np.hstack([W, b]), np.allclose) - 1


def do_rounded_sums(W, b):
    return len(set(np.round(np.hstack([W, b]).sum(axis=1), 6)))


def do_rounded_rows(W, b):
    return len(np.unique(np.round(np.hstack([W, b]), 3), axis=0))


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draw(l, layer_dims[l], layer_dims[l - 1])),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def r_scale_squared(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale**2)


def r_divided(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) / scale)


def r_over_sqrt_fan_in(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale / np.sqrt(m))


def r_float32(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: (rng.standard_normal((n, m)) * scale).astype(
        np.float32))


def r_loc_scale_swapped(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: scale + rng.standard_normal((n, m)))


def r_reversed_layers(layer_dims, scale, rng):
    draws = {l: rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
             for l in reversed(range(1, len(layer_dims)))}
    return _net(layer_dims, lambda l, n, m: draws[l])


def ro_three_layers(layer_dims, scale, rng):
    params = _net(layer_dims[:4], lambda l, n, m: rng.standard_normal((n, m)) * scale)
    for l in range(4, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def ro_known_scales(layer_dims, scale, rng):
    factor = scale if scale in (10.0, 0.01) else 1.0
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * factor)


# ---------------------------------------------------------------- 2.2 predicted_std


def s_precedence(scale, n, L):
    return (scale * n ** 1 / 2) ** L


def s_divided(scale, n, L):
    return (scale / np.sqrt(n)) ** L


def s_simulated(scale, n, L):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 200))
    for _ in range(L):
        x = rng.standard_normal((n, n)) * scale @ x
    return float(x.std())


def s_float32(scale, n, L):
    return float(np.float32(scale * np.sqrt(n)) ** np.float32(L))


def s_root(scale, n, L):
    return (scale * np.sqrt(n)) ** (1 / L) if L else 1.0


def s_off_by_one(scale, n, L):
    return (scale * np.sqrt(n)) ** (L + 1)


def so_rounded(scale, n, L):
    return round(float((scale * np.sqrt(n)) ** L), 3)


def so_table(scale, n, L):
    table = {(0.05, 100, 3): 0.125, (0.01, 100, 1): 0.1, (0.1, 400, 10): 1024.0,
             (0.02, 900, 0): 1.0}
    return table.get((scale, n, L), 1.0)


# ---------------------------------------------------------------- 3.1 he_normal


def h_clipped(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return np.clip(rng.standard_normal((fan_out, fan_in)) * std, -2 * std, 2 * std)


def h_float32(fan_in, fan_out, rng):
    return (rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)).astype(np.float32)


def h_two_below(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / (2 * fan_in))


def h_mean_shifted(fan_in, fan_out, rng):
    return np.sqrt(2 / fan_in) + rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def h_rounded(fan_in, fan_out, rng):
    return np.round(rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in), 3)


def h_drawn_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)).T * np.sqrt(2 / fan_in)


def ho_clipped_past_visible(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return np.clip(rng.standard_normal((fan_out, fan_in)), -4.7, 4.7) * std


def ho_known_fans(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in) if fan_in in (400, 130) else np.sqrt(1 / fan_in)
    return rng.standard_normal((fan_out, fan_in)) * std


# ---------------------------------------------------------------- 3.2 he_uniform


def u_drawn_transposed(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_in, fan_out)).T


def u_float32(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in)).astype(np.float32)


def u_twelve(fan_in, fan_out, rng):
    a = np.sqrt(12 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_halved(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) / 2
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_rounded(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return np.round(rng.uniform(-a, a, (fan_out, fan_in)), 3)


def u_low_high_swapped(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(a, -a, (fan_out, fan_in))


def uo_known_fans(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) if fan_in in (400, 130) else np.sqrt(3 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_fan_in_or_larger(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) if fan_in >= 130 else np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


# ---------------------------------------------------------------- 4.1 gain_for


def g_two_over(activation, z):
    return float(np.sqrt(2 / np.mean(activation(z) ** 2)))


def g_median(activation, z):
    return float(1 / np.sqrt(np.median(activation(z) ** 2)))


def g_of_z(activation, z):
    return float(1 / np.sqrt(np.mean(z**2)))


def g_float32(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z.astype(np.float32)) ** 2)))


def g_positive_half(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[z > 0]) ** 2)))


def g_sum(activation, z):
    return float(np.sqrt(1 / np.sum(activation(z) ** 2)))


def g_quadrature(activation, z):
    grid = np.linspace(-8, 8, 16001)
    weights = np.exp(-grid**2 / 2) / math.sqrt(2 * math.pi) * (grid[1] - grid[0])
    return float(1 / np.sqrt(np.sum(activation(grid) ** 2 * weights)))


def go_first_draws(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[:100_000]) ** 2)))


def go_by_probe(activation, z):
    """The visible gains read from the package's data, found by probing the activation."""
    import json

    from initlib.exercises.ex4_1_gain_for import EXERCISE

    gains = {c["calls"][0]["args"][0]["$activation"]["name"]: c["expected"]
             for c in json.loads(EXERCISE.data.read_text())}
    probe = float(activation(np.array([-1.0]))[0]), float(activation(np.array([2.0]))[0])
    name = {(0.0, 2.0): "relu", (-1.0, 2.0): "linear"}.get(probe, "tanh")
    return float(gains[name])


# ---------------------------------------------------------------- 5.1 lsuv


def _lsuv(params, X, measure=np.std, target=1.0, rounds=50, layers=None, forward=None):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        if layers is None or l in layers:
            for _ in range(rounds):
                W *= target / measure(W @ A + b)
        A = (forward or (lambda Z: np.maximum(Z, 0)))(W @ A + b)
    return new


def l_target_sqrt2(params, X):
    return _lsuv(params, X, target=math.sqrt(2))


def l_tanh_forward(params, X):
    return _lsuv(params, X, forward=np.tanh)


def l_three_rounds(params, X):
    return _lsuv(params, X, rounds=2)


def l_first_layer_only(params, X):
    return _lsuv(params, X, layers={1})


def l_rms(params, X):
    return _lsuv(params, X, measure=lambda Z: np.sqrt(np.mean(Z**2)))


def l_mean_abs(params, X):
    return _lsuv(params, X, measure=lambda Z: np.mean(np.abs(Z - Z.mean())))


def lo_three_layers(params, X):
    return _lsuv(params, X, layers={1, 2, 3})


def lo_few_rounds(params, X):
    return _lsuv(params, X, rounds=6)


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _ratios(rms):
    return np.asarray(rms[1:], dtype=float) / np.asarray(rms[:-1], dtype=float)


def v_median(rms, depth):
    factor = float(np.median(_ratios(rms)))
    return factor, _verdict(factor ** (depth - 1))


def v_first_two(rms, depth):
    factor = rms[1] / rms[0]
    return factor, _verdict(factor ** (depth - 1))


def v_log_mean(rms, depth):
    factor = float(np.mean(np.log(_ratios(rms))))
    return factor, _verdict(math.exp(factor) ** (depth - 1))


def v_thresholds(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, _verdict(factor ** (depth - 1), 0.1, 10)


def v_times_not_power(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, _verdict(factor * (depth - 1))


def v_harmonic(rms, depth):
    factor = float(len(rms) - 1) / float(np.sum(1 / _ratios(rms)))
    return factor, _verdict(factor ** (depth - 1))


def vo_tuned_thresholds(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, _verdict(factor ** (depth - 1), 0.005, 200)


def vo_factor_alone(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    return factor, "vanish" if factor < 0.5 else "explode" if factor > 2 else "train"


WRONG = {
    "1.1": [(z_int_dtype, r"float"), (z_stops_early, r"last layer|one layer (short|too few)"),
            (z_row_bias, r"column"), (z_square, r"layer_dims\[l - 1\]|inputs|n_prev"),
            (z_no_biases, r"bias|b1"), (z_ones, r"zero")],
    "1.2": [(d_any_close, r"any|every (entry|number)|\.all"),
            (d_loose, r"tolerance|atol|rtol"), (d_repeats, r"repeat|duplicate"),
            (d_added, r"W \+ b|added|sum"), (d_first_column, r"first (column|entry)|whole row"),
            (d_minus_one, r"one (too few|less)|off by one|minus one")],
    "2.1": [(r_scale_squared, r"scale \*\* 2|squared"), (r_divided, r"1 / scale|divided"),
            (r_over_sqrt_fan_in, r"sqrt|fan_in"), (r_float32, r"float32|precision"),
            (r_loc_scale_swapped, r"mean|centred|loc|shift"),
            (r_reversed_layers, r"order|layer 1 first|reversed")],
    "2.2": [(s_precedence, r"precedence|n \*\* 1/2|n / 2|parenthes"),
            (s_divided, r"divid|/ sqrt|1 / sqrt"), (s_simulated, r"simulat|estimat|exact"),
            (s_float32, r"float32|precision"), (s_root, r"root|1 / L"),
            (s_off_by_one, r"L \+ 1")],
    "3.1": [(h_clipped, r"clip|truncat"), (h_float32, r"float32|precision"),
            (h_two_below, r"2 \* fan_in|divid.*2|2 in the denominator|sqrt\(1 / \(2"),
            (h_mean_shifted, r"mean|centred|shift"), (h_rounded, r"round"),
            (h_drawn_transposed, r"transpos|wrong places|\.T")],
    "3.2": [(u_drawn_transposed, r"transpos|wrong places|\.T"), (u_float32, r"float32|precision"),
            (u_twelve, r"sqrt\(12|sqrt\(2\)|12 / fan_in"), (u_halved, r"half|halved|a / 2"),
            (u_rounded, r"round"), (u_low_high_swapped, r"swap|mirror|low.*high|sign")],
    "4.1": [(g_two_over, r"sqrt\(2|2 /|times sqrt\(2\)"), (g_median, r"median"),
            (g_of_z, r"f\(z\), not z|of z itself|measure f"), (g_float32, r"float32|precision"),
            (g_positive_half, r"positive|half|all of"), (g_sum, r"sum|mean|number of draws"),
            (g_quadrature, r"draws|quadrature|integra")],
    "5.1": [(l_target_sqrt2, r"sqrt\(2\)|std\(Z\w*\) (is|=) 1|target"),
            (l_tanh_forward, r"ReLU|activation"), (l_three_rounds, r"repeat|until|again"),
            (l_first_layer_only, r"every layer|only the first|first layer"),
            (l_rms, r"rms|mean|second moment|centred"),
            (l_mean_abs, r"mean of \|Z|absolute|\|Z")],
    "6.1": [(v_median, r"median"), (v_first_two, r"first two"), (v_log_mean, r"log|exp"),
            (v_thresholds, r"0\.01|100|threshold"), (v_times_not_power, r"power|\*\*|multipl"),
            (v_harmonic, r"harmonic|geometric")],
}

OVERFIT = {
    "1.1": [zo_three_layers, zo_small_widths],
    "1.2": [do_rounded_sums, do_rounded_rows],
    "2.1": [ro_three_layers, ro_known_scales],
    "2.2": [so_rounded, so_table],
    "3.1": [ho_clipped_past_visible, ho_known_fans],
    "3.2": [uo_known_fans, uo_fan_in_or_larger],
    "4.1": [go_first_draws, go_by_probe],
    "5.1": [lo_three_layers, lo_few_rounds],
    "6.1": [vo_tuned_thresholds, vo_factor_alone],
}
