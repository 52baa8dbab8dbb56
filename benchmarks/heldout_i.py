"""Held-out set I: wrong answers and overfits written after set G, from what a student sees (the
notebooks' exercise statements, answer cells and check cells, the visible cases, the first lines
of the exercise modules and the public signatures) and none of the judges' further cases or hint
logic (see ``heldout.py``).

Mistakes already held by sets A to G, or named in the mistake column of the list the judges
were written for, were left out: each answer here makes a mistake of its own. They were spread
over kinds: a wrong index, power, factor or parenthesis, a wrong statistic or distribution, a
loop or a condition written wrongly (a return or an ``else`` in the wrong place, a flag never
reset, ``if`` where ``elif`` was meant, a loop condition inverted), state kept between calls or
keyed on the wrong argument, a generator rewound, drawn from once more, or drawn once for
several layers, an edge case beyond the visible sizes (ten layers or more, a layer of one unit,
a scale of 0, an output layer of more than one unit, repeated widths), a wrong return type.
About a third are right on some inputs and wrong on others, several of them right on every
visible case. Before the measurement each wrong answer was compared with a correct answer
written for the comparison, on inputs chosen to show its mistake; that comparison found two
answers that were no mistake at all (a draw of shape ``(n_prev, n_l)`` reshaped, not
transposed, to ``(n_l, n_prev)`` gives the very same numbers, in 2.1 and 3.2), replaced by
``r_equal_shapes_share_draw`` and ``u_limit_memo_by_fan_out``, and one whose generator was not
in fact rewound (``r_generator_rewound``, rewritten to rewind it). Each overfit was run through
its notebook's check alone (the visible cases, as ``initlib.checks`` runs them), printing only
whether it passed there: all 18 did, none was replaced. The check's messages for the wrong
answers were never seen, and each pattern was written before its answer was first run.

Measured once: see below.
"""

import math

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zero_layer(params, l, n, n_prev):
    params[f"W{l}"] = np.zeros((n, n_prev))
    params[f"b{l}"] = np.zeros((n, 1))


def z_return_in_loop(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return params  # indented one level too deep
    return params


def z_char_digit_keys(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        digit = chr(ord("0") + l)  # "1", "2", ... and ":" for layer 10
        params["W" + digit] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params["b" + digit] = np.zeros((layer_dims[l], 1))
    return params


def z_depth_from_distinct_widths(layer_dims):
    params = {}
    L = len(set(layer_dims)) - 1  # the number of layers
    for l in range(1, L + 1):
        _zero_layer(params, l, layer_dims[l], layer_dims[l - 1])
    return params


def z_single_output_unit(layer_dims):
    params = {}
    L = len(layer_dims) - 1
    for l in range(1, L):
        _zero_layer(params, l, layer_dims[l], layer_dims[l - 1])
    _zero_layer(params, L, 1, layer_dims[L - 1])  # the output unit
    return params


def z_W_and_b_swapped(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"b{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = np.zeros((layer_dims[l], 1))
    return params


def z_bias_of_output_width(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[-1], 1))
    return params


def zo_depth_from_input_width(layer_dims):
    params = {}
    L = 3 if layer_dims[0] == 2 else 2  # the circles have 2 inputs and 3 layers
    for l in range(1, L + 1):
        _zero_layer(params, l, layer_dims[l], layer_dims[l - 1])
    return params


def zo_float32_when_wide(layer_dims):
    dtype = np.float32 if max(layer_dims) > 10 else np.float64  # wide layers take less memory
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]), dtype=dtype)
        params[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=dtype)
    return params


# ---------------------------------------------------------------- 1.2 count_distinct


def d_flag_not_reset(W, b):
    rows = np.hstack([W, b])
    distinct = []
    found = False
    for row in rows:
        for other in distinct:
            if np.allclose(row, other):
                found = True
        if not found:
            distinct.append(row)
    return len(distinct)


def d_squeezed_rows(W, b):
    rows = np.hstack([W, b]).squeeze()  # drop any axis of length 1
    distinct = []
    for row in rows:
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
    return len(distinct)


def d_returns_distinct_rows(W, b):
    distinct = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
    return distinct


def d_bias_flattened(W, b):
    rows = np.hstack([W, b.ravel()])
    distinct = []
    for row in rows:
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
    return len(distinct)


def d_zero_units_ignored(W, b):
    distinct = []
    for row in np.hstack([W, b]):
        if np.allclose(row, 0):  # a unit of zeros does nothing
            continue
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
    return len(distinct)


def d_else_on_inner_if(W, b):
    distinct = []
    for row in np.hstack([W, b]):
        if not distinct:
            distinct.append(row)
            continue
        for other in list(distinct):
            if np.allclose(row, other):
                break
            else:  # meant for the for loop
                distinct.append(row)
    return len(distinct)


def do_bias_on_quarter_grid(W, b):
    distinct = []
    for w, bias in zip(W, np.round(b[:, 0] * 4), strict=True):  # the biases come in quarters
        if not any(np.allclose(w, ow) and bias == ob for ow, ob in distinct):
            distinct.append((w, bias))
    return len(distinct)


def do_stops_at_six(W, b):
    distinct = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
        if len(distinct) == 6:  # no layer has more
            break
    return len(distinct)


# ---------------------------------------------------------------- 2.1 initialize_random


def r_equal_shapes_share_draw(layer_dims, scale, rng):
    params, drawn = {}, {}
    for l in range(1, len(layer_dims)):
        shape = (layer_dims[l], layer_dims[l - 1])
        if shape not in drawn:  # one draw per shape is enough
            drawn[shape] = rng.standard_normal(shape) * scale
        params[f"W{l}"] = drawn[shape]
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_generator_rewound(layer_dims, scale, rng):
    # leave the generator as it was given
    if hasattr(rng, "bit_generator"):
        saved = rng.bit_generator.state
    else:  # np.random.RandomState
        saved = rng.get_state()
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    if hasattr(rng, "bit_generator"):
        rng.bit_generator.state = saved
    else:
        rng.set_state(saved)
    return params


_SCALE = []


def r_scale_kept(layer_dims, scale, rng):
    if not _SCALE:
        _SCALE.append(scale)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * _SCALE[0]
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_zero_scale_replaced(layer_dims, scale, rng):
    scale = scale or 0.01  # the usual small scale when none is given
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_output_layer_unscaled(layer_dims, scale, rng):
    params = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        factor = scale if l < L else 1.0  # the output unit gets plain N(0, 1) weights
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * factor
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_input_layer_drawn(layer_dims, scale, rng):
    params = {}
    for l in range(len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        if l > 0:  # layer 0 is the input: no weights kept
            params[f"W{l}"] = W
            params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def ro_float32_when_large(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"W{l}"] = W.astype(np.float32) if W.size > 60_000 else W
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def ro_input_width_capped(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = np.zeros((n, n_prev))
        cols = min(n_prev, 4) if l == 1 else n_prev  # the datasets have at most 4 features
        W[:, :cols] = rng.standard_normal((n, cols)) * scale
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((n, 1))
    return params


# ---------------------------------------------------------------- 2.2 predicted_std


def s_integer_root(scale, n, L):
    return float((scale * math.isqrt(n)) ** L)


def s_scale_not_squared(scale, n, L):
    return float(np.sqrt(n * scale) ** L)  # one layer multiplies the variance by n * scale


def s_simple_not_compound(scale, n, L):
    factor = scale * np.sqrt(n)
    return float(1 + L * (factor - 1))  # each layer adds factor - 1


def s_returns_every_layer(scale, n, L):
    factor = scale * np.sqrt(n)
    return [float(factor**l) for l in range(1, L + 1)]


def s_mean_over_layers(scale, n, L):
    factor = scale * np.sqrt(n)
    return float(np.mean([factor**l for l in range(1, L + 1)]))


def s_growth_capped_at_one(scale, n, L):
    factor = min(scale * np.sqrt(n), 1.0)  # a layer cannot make the signal larger
    return float(factor**L)


def so_depth_capped_fifty(scale, n, L):
    return float((scale * np.sqrt(n)) ** min(L, 50))


def so_series_truncated(scale, n, L):
    x = L * np.log(scale * np.sqrt(n))
    term, total = 1.0, 1.0
    for k in range(1, 40):  # exp(x) as its series
        term *= x / k
        total += term
    return float(total)


# ---------------------------------------------------------------- 3.1 he_normal


def h_square_not_sqrt(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.square(2 / fan_in)


def h_twelve_uniforms(fan_in, fan_out, rng):
    z = rng.uniform(0, 1, (12, fan_out, fan_in)).sum(axis=0) - 6  # mean 0, variance 1
    return z * np.sqrt(2 / fan_in)


def h_squeezed(fan_in, fan_out, rng):
    return np.squeeze(rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in))


def h_bias_drawn_too(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    b = rng.standard_normal((fan_out, 1)) * 0.0  # the layer's bias, kept at zero
    assert b.shape == (fan_out, 1)
    return W


_STD = []


def h_std_kept(fan_in, fan_out, rng):
    if not _STD:
        _STD.append(np.sqrt(2 / fan_in))
    return rng.standard_normal((fan_out, fan_in)) * _STD[0]


def h_square_draw_cut(fan_in, fan_out, rng):
    side = max(fan_in, fan_out)
    return rng.standard_normal((side, side))[:fan_out, :fan_in] * np.sqrt(2 / fan_in)


def ho_std_by_parity(fan_in, fan_out, rng):
    gain = 2 if fan_in % 10 == 0 else 1  # round widths are ReLU layers
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(gain / fan_in)


def ho_centred_when_small(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    if W.size < 30_000:  # a small draw's mean is noticeably off
        W = W - W.mean()
    return W


# ---------------------------------------------------------------- 3.2 he_uniform


_LIMITS = {}


def u_limit_memo_by_fan_out(fan_in, fan_out, rng):
    if fan_out not in _LIMITS:
        _LIMITS[fan_out] = np.sqrt(6 / fan_in)
    a = _LIMITS[fan_out]
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_root3_times_variance(fan_in, fan_out, rng):
    a = np.sqrt(3) * (2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_root3_divided(fan_in, fan_out, rng):
    a = np.sqrt(2 / fan_in) / np.sqrt(3)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_endpoints_only(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.choice([-a, a], size=(fan_out, fan_in))


def u_mirrored_rows(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    half = rng.uniform(-a, a, (fan_out // 2, fan_in))
    return np.vstack([half, -half])  # mean exactly 0


def u_two_std_limit(fan_in, fan_out, rng):
    a = 2 * np.sqrt(2 / fan_in)  # the limit two standard deviations out
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_rows_in_tens(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = np.zeros((fan_out, fan_in))
    rows = fan_out - fan_out % 10
    W[:rows] = rng.uniform(-a, a, (rows, fan_in))
    return W


def uo_limit_floor(fan_in, fan_out, rng):
    a = max(np.sqrt(6 / fan_in), 0.1)
    return rng.uniform(-a, a, (fan_out, fan_in))


# ---------------------------------------------------------------- 4.1 gain_for


def g_one_element_array(activation, z):
    second = np.mean(activation(z[None, :]) ** 2, axis=1)  # one row of draws
    return 1 / np.sqrt(second)


_GAINS = {}


def g_memo_by_name(activation, z):
    name = getattr(activation, "__name__", "activation")
    if name not in _GAINS:
        _GAINS[name] = float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    return _GAINS[name]


def g_unique_outputs(activation, z):
    outputs = np.unique(activation(z))  # each value once
    return float(1 / np.sqrt(np.mean(outputs**2)))


def g_norm_over_count(activation, z):
    rms = np.linalg.norm(activation(z)) / z.size
    return float(1 / rms)


def g_relative_to_identity(activation, z):
    return float(np.sqrt(np.mean(z**2) / np.mean(activation(z) ** 2)))  # the identity gives 1


def g_draws_rounded(activation, z):
    grid = np.round(z, 3)  # the activation on a grid of 0.001
    return float(1 / np.sqrt(np.mean(activation(grid) ** 2)))


def go_outputs_beyond_ten_dropped(activation, z):
    a = activation(z)
    a = a[np.abs(a) < 10]  # outliers
    return float(1 / np.sqrt(np.mean(a**2)))


def go_first_100000(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z[:100_000]) ** 2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _layers(params):
    return len(params) // 2


def l_Z_divided_not_recomputed(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        Z = W @ A + b
        for _ in range(200):
            s = Z.std()
            if abs(s - 1) < 1e-3:
                break
            W /= s
            Z = Z / s  # the new Z, without a second product
        A = np.maximum(W @ A + b, 0)
    return new


def l_A_advanced_in_loop(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(200):
            Z = W @ A + b
            if abs(Z.std() - 1) < 1e-3:
                break
            W /= Z.std()
            A = np.maximum(W @ A + b, 0)  # indented one level too deep
    return new


def l_divides_original(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W0, b = params[f"W{l}"], params[f"b{l}"]
        W = W0.copy()
        for _ in range(200):
            s = (W @ A + b).std()
            if abs(s - 1) < 1e-3:
                break
            W = W0 / s  # from the given weights each round
        new[f"W{l}"] = W
        A = np.maximum(W @ A + b, 0)
    return new


def l_condition_inverted(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        rounds = 0
        while abs((W @ A + b).std() - 1) < 1e-3 and rounds < 200:
            W /= (W @ A + b).std()
            rounds += 1
        A = np.maximum(W @ A + b, 0)
    return new


def l_depth_from_key_digit(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = int(max(key[1] for key in params))  # "W3" -> 3
    A = X
    for l in range(1, L + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(200):
            s = (W @ A + b).std()
            if abs(s - 1) < 1e-3:
                break
            W /= s
        A = np.maximum(W @ A + b, 0)
    return new


def l_returns_activations_too(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(200):
            s = (W @ A + b).std()
            if abs(s - 1) < 1e-3:
                break
            W /= s
        A = np.maximum(W @ A + b, 0)
    return new, A


def lo_wide_layers_left(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        if W.shape[0] <= 50:  # wide layers average out by themselves
            for _ in range(200):
                s = (W @ A + b).std()
                if abs(s - 1) < 1e-3:
                    break
                W /= s
        A = np.maximum(W @ A + b, 0)
    return new


def lo_small_biases_ignored(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, _layers(params) + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        measured = b if np.abs(b).max() > 0.2 else 0.0  # small biases change nothing
        for _ in range(200):
            s = (W @ A + measured).std()
            if abs(s - 1) < 1e-3:
                break
            W /= s
        A = np.maximum(W @ A + b, 0)
    return new


# ---------------------------------------------------------------- 6.1 diagnose


def _factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def v_if_not_elif(rms, depth):
    factor = _factor(rms)
    change = factor ** (depth - 1)
    if change < 0.01:
        verdict = "vanish"
    if change > 100:
        verdict = "explode"
    else:
        verdict = "train"
    return factor, verdict


def v_geometric_mean_of_rms(rms, depth):
    factor = float(np.prod(rms) ** (1 / len(rms)))
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def v_mean_squares(rms, depth):
    squares = [r**2 for r in rms]  # what layer_statistics calls mean_square
    factor = (squares[-1] / squares[0]) ** (1 / (len(rms) - 1))
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def v_returns_factor_only(rms, depth):
    factor = _factor(rms)
    change = factor ** (depth - 1)
    print("vanish" if change < 0.01 else "explode" if change > 100 else "train")
    return factor


def v_sorted_rms(rms, depth):
    rms = sorted(rms)
    factor = _factor(rms)
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def v_second_to_last(rms, depth):
    factor = (rms[-2] / rms[0]) ** (1 / (len(rms) - 1))
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def vo_depth_capped(rms, depth):
    factor = _factor(rms)
    change = factor ** (min(depth, 21) - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def vo_near_depth_trains(rms, depth):
    factor = _factor(rms)
    if depth <= len(rms) + 1:  # one layer more than measured cannot go far
        return factor, "train"
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 else "explode" if change > 100 else "train"


WRONG = {
    "1.1": [
        (
            z_return_in_loop,
            r"(?i)return (is )?inside the loop|inside the (for )?loop|indent|"
            r"first layer only|only (the )?first layer|only W1|W2.*missing|missing.*W2|"
            r"stops? after (the )?first|one layer (instead|of)",
        ),
        (
            z_char_digit_keys,
            r"(?i)W:|W10|ten layers|10 layers|layer 10|chr\(|ord\(|"
            r"more than (nine|9) layers|keys? (for|of) (layers? )?10|two.digit|str\(l\)",
        ),
        (
            z_depth_from_distinct_widths,
            r"(?i)set\(|repeated widths?|same width|equal widths|widths? (that )?repeat|"
            r"distinct widths|unique widths|len\(layer_dims\) ?- ?1",
        ),
        (
            z_single_output_unit,
            r"(?i)output (layer|width)|last (layer|width)|layer_dims\[-1\]|"
            r"one output unit|single output|more than one (output )?unit|"
            r"(n_L|layer_dims\[L\]) (units|rows)|softmax",
        ),
        (
            z_W_and_b_swapped,
            r"(?i)swap|W and b|b and W|the other way round|W\d has the shape of b|"
            r"b\d.*\(n_l, n_prev\)|exchanged|mixed up",
        ),
        (
            z_bias_of_output_width,
            r"(?i)b\d.*shape|shape.*b\d|\(layer_dims\[l\], 1\)|\(n_l, 1\)|"
            r"layer_dims\[-1\]|output (layer'?s? )?width|last width",
        ),
    ],
    "1.2": [
        (
            d_flag_not_reset,
            r"(?i)flag|reset|never (set )?back|stays? True|found|after the first "
            r"(repeat|duplicate|match)|every later row|once a (repeat|duplicate)|"
            r"for each row (anew|again)",
        ),
        (
            d_squeezed_rows,
            r"(?i)squeeze|one unit|single (unit|row)|n_l ?= ?1|1-d|one row|"
            r"(entries|numbers) of (the|a) (single|one) row|2-d|two-dimensional",
        ),
        (
            d_returns_distinct_rows,
            r"(?i)\bint\b|integer|a number|the count|len\(|a list|list of rows|"
            r"the rows themselves|how many",
        ),
        (
            d_bias_flattened,
            r"(?i)ravel|flatten|1-d|same number of dimensions|dimension|"
            r"b of shape \(n_l, 1\)|\(n_l, 1\)|column|2-d|hstack\(\[W, b\]\)",
        ),
        (
            d_zero_units_ignored,
            r"(?i)zero (unit|row)s?|units? of zeros|all.zero|dead|skip\w* (the )?zero|"
            r"zeros (are|is) (also )?a unit|count(ed)? (it|them|zero)",
        ),
        (
            d_else_on_inner_if,
            r"(?i)else|for.else|indent|once for (each|every)|every (kept|earlier) "
            r"(row|unit) (it|that) (differs|does not match)|appended (more than once|"
            r"several times|twice)|counted (more than once|twice)",
        ),
    ],
    "2.1": [
        (
            r_equal_shapes_share_draw,
            r"(?i)same (weights|draw|array|numbers)|shar(e|ed|es)|identical|"
            r"equal shapes|same shape|cach|reus|own (fresh )?draw|(a )?new draw|"
            r"each layer (its own|a new)|fresh draw|fewer draws",
        ),
        (
            r_generator_rewound,
            r"(?i)rewound|rewind|restor|state|setstate|reset|advance|"
            r"left (where it was|as it was|unchanged)|same (weights|draws) (again|twice)|"
            r"next (call|draw)|the caller'?s (rng|generator)",
        ),
        (
            r_scale_kept,
            r"(?i)previous call|earlier call|between calls|each call|every call|"
            r"first call|module level|global|kept|stale|cached|"
            r"scale (you are|it is) given|this call'?s scale",
        ),
        (
            r_zero_scale_replaced,
            r"(?i)scale ?(=|==|of) ?0\b|zero scale|scale (is )?0\b|scale or|"
            r"falsy|default|0\.01 (for|when)|all.zero weights|zeros when",
        ),
        (
            r_output_layer_unscaled,
            r"(?i)output layer|last layer|W\{?L\}?|every layer|all (the )?layers|"
            r"scale (on|to) (every|each|the last)|unscaled|not (multiplied|scaled)",
        ),
        (
            r_input_layer_drawn,
            r"(?i)extra draw|draw(n|s)? (for|of) (the )?input|layer 0|range\(len|"
            r"from 0|one draw (too )?many|more draws|stream|shift|"
            r"draws? before (the )?(first|W1)|first draw",
        ),
    ],
    "2.2": [
        (
            s_integer_root,
            r"(?i)isqrt|integer (square )?root|floor|round(ed|s)? (the )?(square )?root|"
            r"perfect square|int\(|truncat",
        ),
        (
            s_scale_not_squared,
            r"(?i)scale\s?\*\*\s?2|scale squared|square of (the )?scale|"
            r"(not|never|forgot\w*) (to )?squar|n \* scale\b|power of scale|"
            r"scale \*\* ?\(L ?/ ?2\)|sqrt\(scale\)",
        ),
        (
            s_simple_not_compound,
            r"(?i)multipl(y|ies|ied) (each|every|per) layer|compound|product|"
            r"\*\* ?L|power (of )?L|added|adds|linear in L|1 \+ L|exponent|"
            r"geometric",
        ),
        (
            s_returns_every_layer,
            r"(?i)a list|one number|a number|a float|single (number|float)|"
            r"scalar|every layer|each layer'?s|the last layer('s)? (std )?only",
        ),
        (
            s_mean_over_layers,
            r"(?i)mean (over|of) (the )?layers|average (over|of) (the )?layers|"
            r"(each|every) layer'?s std|layer L\b|last layer|final layer|nan|empty|"
            r"L ?= ?0|zero layers",
        ),
        (
            s_growth_capped_at_one,
            r"(?i)cap|clip|min\(|grow|larger than 1|above 1|explod|"
            r"factor (above|over|greater than) 1|more than 1|at most 1",
        ),
    ],
    "3.1": [
        (
            h_square_not_sqrt,
            r"(?i)np\.square|square (instead|not)|squared|sqrt|square root|"
            r"\*\* ?2|power 2|\(2 ?/ ?fan_in\) ?\*\* ?2",
        ),
        (
            h_twelve_uniforms,
            r"(?i)uniform|twelve|12|sum of|standard_normal|not (a )?normal|"
            r"distribution|tails|bounded|irwin|central limit",
        ),
        (
            h_squeezed,
            r"(?i)squeeze|fan_out ?= ?1|fan_in ?= ?1|one (row|column|unit)|1-d|"
            r"2-d|two-dimensional|\(fan_out, fan_in\)|shape|dimension",
        ),
        (
            h_bias_drawn_too,
            r"(?i)extra draw|more (draws|numbers)|advance|stream|position|"
            r"further than|one draw|bias|draws? after|next (call|draw|layer)|"
            r"only (the )?(weights|W)|fan_out \* fan_in (numbers|draws)",
        ),
        (
            h_std_kept,
            r"(?i)previous call|earlier call|between calls|each call|every call|"
            r"first call|module level|global|kept|stale|cached|"
            r"this (call'?s )?fan_in|fan_in (you are|it is) given",
        ),
        (
            h_square_draw_cut,
            r"(?i)square|max\(|slic|cut|larger (draw|matrix|array)|more (draws|numbers)|"
            r"extra (draws|numbers)|stream|draw (of|with) (the )?(wrong|another) shape|"
            r"\(fan_out, fan_in\) draw",
        ),
    ],
    "3.2": [
        (
            u_limit_memo_by_fan_out,
            r"(?i)previous call|earlier call|between calls|each call|every call|"
            r"first call|module level|global|kept|stale|cach|memo|keyed|"
            r"fan_out (as|for) (the )?key|this (call'?s )?fan_in|fan_in (you are|it is) given",
        ),
        (
            u_root3_times_variance,
            r"(?i)variance (for|instead of|in place of) (the )?std|sqrt\(2 ?/ ?fan_in\)|"
            r"square root of 2 ?/ ?fan_in|sqrt\(3\) \* \(?2 ?/ ?fan_in|"
            r"fan_in\b.*(not|never) (under|in) (the|a) (square )?root|2 ?/ ?fan_in\b.*root",
        ),
        (
            u_root3_divided,
            r"(?i)divid\w* by sqrt\(3\)|/ ?sqrt\(3\)|multipl\w* by sqrt\(3\)|"
            r"sqrt\(3\) times|times sqrt\(3\)|√3|a ?\^?2 ?/ ?3|a\*\*2 ?/ ?3|"
            r"three times|factor (of )?3|sqrt\(6",
        ),
        (
            u_endpoints_only,
            r"(?i)endpoints?|two values|only (the )?(values )?[-±]a|choice|"
            r"[±] ?a\b|-a and a|discrete|continuous|whole interval|"
            r"(every|any) value (in|between)|in between",
        ),
        (
            u_mirrored_rows,
            r"(?i)mirror|negat|-half|pairs?|independent|odd|fan_out ?// ?2|"
            r"half (the )?rows|vstack|symmetr|fan_out \w+ rows",
        ),
        (
            u_two_std_limit,
            r"(?i)two (standard deviations|std)|2 ?\* ?(std|sqrt)|sqrt\(3\)|√3|"
            r"sqrt\(8|8 ?/ ?fan_in|a\*\*2 ?/ ?3|a ?\^?2 ?/ ?3|"
            r"variance of (the |a )?uniform",
        ),
    ],
    "4.1": [
        (
            g_one_element_array,
            r"(?i)float|one.element|array of (one|shape|length)|\(1,\)|shape|"
            r"a number|scalar|z\[None|keepdims|axis=1|row of draws",
        ),
        (
            g_memo_by_name,
            r"(?i)previous call|earlier call|between calls|each call|every call|"
            r"first call|module level|global|kept|stale|cache|memo|"
            r"__name__|by (its )?name|<lambda>|same name|another activation",
        ),
        (
            g_unique_outputs,
            r"(?i)unique|each value once|repeated (values|outputs)|duplicat|"
            r"ties|every draw|all (the )?draws|zeros? (of relu )?(count|counted)|"
            r"(relu'?s? )?zeros (once|dropped)",
        ),
        (
            g_norm_over_count,
            r"(?i)sqrt\(n\)|sqrt\(len\(z\)\)|sqrt\(z\.size\)|square root of (the )?"
            r"(number|count|size|n)|norm ?/ ?(n|len|size)|norm\b.*(divid|over)|"
            r"linalg\.norm",
        ),
        (
            g_relative_to_identity,
            r"(?i)E\[z\^?2\]|E\[z\*\*2\]|mean\(z ?\*\* ?2\)|mean of z ?\*\* ?2|"
            r"z'?s (own )?(second moment|mean square)|second moment of (the draws|z)|"
            r"identity'?s (own )?(estimate|gain)|divid\w* by (the )?(identity|z|draws)|"
            r"relative to (the )?(identity|z|linear)|normali[sz]\w* by",
        ),
        (
            g_draws_rounded,
            r"(?i)round|grid|decimals?|exact draws|draws as (they are|given)|"
            r"the draws you are given|z as (it is|given)|discreti|quantiz",
        ),
    ],
    "5.1": [
        (
            l_Z_divided_not_recomputed,
            r"(?i)recomput|Z ?/ ?s|divid\w* Z|Z (itself|directly)|W A \+ b again|"
            r"measure (Z )?again|bias (is |was )?(also )?(divided|scaled)|"
            r"b ?/ ?s|c ?W ?A ?\+ ?b|does not scale|new Z",
        ),
        (
            l_A_advanced_in_loop,
            r"(?i)indent|inside the (inner |while |measure.and.divide )?loop|"
            r"after the (inner )?loop|A (is|was) (updated|advanced|recomputed)|"
            r"mismatch in its core dimension|not aligned|matmul|shapes?|"
            r"once per layer|after (the )?layer is (done|rescaled)",
        ),
        (
            l_divides_original,
            r"(?i)original|given W|W0|(from|of) the (input|start)|"
            r"cumulative|accumulat|compound|each round (starts|from)|"
            r"current W|the (rescaled|new) W|product of (the )?factors|"
            r"multipl\w* (the )?(current|new|rescaled)",
        ),
        (
            l_condition_inverted,
            r"(?i)(W\d|weights?) (was|were|is|are) (not|never) (rescaled|changed|multiplied)|"
            r"unchanged|invert|condition|never (enter|run|rescal)|"
            r"while (the )?std is (not )?(close|within)|factor (is|of) 1\b|"
            r"nothing (was )?(rescaled|changed)",
        ),
        (
            l_depth_from_key_digit,
            r"(?i)ten layers|10 layers|W10|two.digit|key\[1\]|one (character|digit)|"
            r"digit|layers? (beyond|after|above) (9|nine)|more than (9|nine)|"
            r"len\(params\) ?// ?2|every layer|all (the )?layers|not rescaled",
        ),
        (
            l_returns_activations_too,
            r"(?i)tuple|a dict\b|one dict|only the dict|the dict alone|"
            r"two values|return new\b|activations too|return (the )?(new )?params",
        ),
    ],
    "6.1": [
        (
            v_if_not_elif,
            r"(?i)elif|else|overwrit|never (says? |returns? )?.?vanish|"
            r"vanish.{0,40}train|(if|conditions?) (chain|order)|two (separate )?ifs?|"
            r"second if",
        ),
        (
            v_geometric_mean_of_rms,
            r"(?i)not (of )?the ratios|instead of the ratios|rms values themselves|"
            r"the rms (values|numbers) themselves|prod\(rms\)|product of (the )?rms|"
            r"geometric mean of (the )?rms(?! ratio)|rms\[l ?\+ ?1\] ?/ ?rms\[l\]",
        ),
        (
            v_mean_squares,
            r"(?i)squar|mean.square|\*\* ?2|square root|sqrt|rms,? not|"
            r"factor (is )?squared|power 2|twice (the|its) (log|exponent)",
        ),
        (
            v_returns_factor_only,
            r"(?i)tuple|pair|factor, verdict|two values|return factor, verdict|"
            r"verdict (is )?missing|print|only the factor|both",
        ),
        (
            v_sorted_rms,
            r"(?i)sort|reorder|order of (the )?rms|decreas|falling|vanish\w* (as|read as|"
            r"called) (grow|explod|train)|factor (above|over|greater than) 1|"
            r"rms\[-1\] ?/ ?rms\[0\]|last (over|by|divided by) (the )?first",
        ),
        (
            v_second_to_last,
            r"(?i)rms\[-2\]|rms\[-1\]|last (value|rms|layer|measurement|entry)|"
            r"second.to.last|one before the last|index|off by one|rms\[k ?- ?1\]",
        ),
    ],
}

OVERFIT = {
    "1.1": [zo_depth_from_input_width, zo_float32_when_wide],
    "1.2": [do_bias_on_quarter_grid, do_stops_at_six],
    "2.1": [ro_float32_when_large, ro_input_width_capped],
    "2.2": [so_depth_capped_fifty, so_series_truncated],
    "3.1": [ho_std_by_parity, ho_centred_when_small],
    "3.2": [uo_rows_in_tens, uo_limit_floor],
    "4.1": [go_outputs_beyond_ten_dropped, go_first_100000],
    "5.1": [lo_wide_layers_left, lo_small_biases_ignored],
    "6.1": [vo_depth_capped, vo_near_depth_trains],
}
