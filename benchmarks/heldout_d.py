"""Held-out set D: wrong answers and overfits written after set C, from what a student sees (the
exercise cells, the statements and the visible cases) and none of the judges' further cases, and
measured once, without changing the judges for them (see ``heldout.py``).

After the first look at the messages six patterns were corrected, none towards a message that
does not name its mistake: four made stricter because a general message had matched them
(``z_shifted_index``, ``l_largest``, ``g_always_relu``, ``v_returns_change``), two widened to
words of the same meaning (``g_square_of_mean``: average for mean; ``v_swapped_verdicts``: a
hint that says which verdict is which)."""

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zeros(layer_dims, W=None, b=None, layers=None):
    params = {}
    for l in layers or range(1, len(layer_dims)):
        n, m = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = W(n, m) if W else np.zeros((n, m))
        params[f"b{l}"] = b(n, m) if b else np.zeros((n, 1))
    return params


def z_shifted_index(layer_dims):
    params = {}
    for l in range(len(layer_dims) - 1):  # layer_dims[-1] for the first layer's inputs
        params[f"W{l + 1}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l + 1}"] = np.zeros((layer_dims[l], 1))
    return params


def z_scalar_bias(layer_dims):
    return _zeros(layer_dims, b=lambda n, m: 0.0)


def z_flat_bias(layer_dims):
    return _zeros(layer_dims, b=lambda n, m: np.zeros(n))


def z_complex(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros((n, m), dtype=complex))


def z_matrix(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.asmatrix(np.zeros((n, m))))


def z_bias_column_in_W(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros((n, m + 1)))


def z_reversed(layer_dims):
    L = len(layer_dims) - 1
    return {k: v for l in range(1, L + 1) for k, v in (
        (f"W{l}", np.zeros((layer_dims[L - l + 1], layer_dims[L - l]))),
        (f"b{l}", np.zeros((layer_dims[L - l + 1], 1))))}


def zo_output_of_one(layer_dims):
    params = _zeros(layer_dims)
    L = len(layer_dims) - 1
    params[f"W{L}"], params[f"b{L}"] = np.zeros((1, layer_dims[L - 1])), np.zeros((1, 1))
    return params


def zo_stop_at_width_one(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params.update(_zeros(layer_dims, layers=[l]))
        if layer_dims[l] == 1:
            break
    return params


# ---------------------------------------------------------------- 1.2 count_distinct


def _distinct(rows, equal):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return len(kept)


def d_sign_blind(W, b):
    return _distinct(np.abs(np.hstack([W, b])), np.allclose)


def d_mean_and_std(W, b):
    rows = np.hstack([W, b])
    return _distinct(np.column_stack([rows.mean(axis=1), rows.std(axis=1)]), np.allclose)


def d_first_row_only(W, b):
    rows = np.hstack([W, b])
    return 1 + sum(not np.allclose(row, rows[0]) for row in rows[1:])


def d_have_a_twin(W, b):
    rows = np.hstack([W, b])
    return sum(any(np.allclose(rows[i], rows[j]) for j in range(len(rows)) if j != i)
               for i in range(len(rows)))


def d_cast_to_int(W, b):
    return len(np.unique(np.hstack([W, b]).astype(int), axis=0))


def d_largest_entry(W, b):
    return _distinct(np.hstack([W, b]).max(axis=1, keepdims=True), np.allclose)


def d_the_rows(W, b):
    rows = np.hstack([W, b])
    kept = []
    for row in rows:
        if not any(np.allclose(row, other) for other in kept):
            kept.append(row)
    return kept


def do_first_seven_columns(W, b):
    return _distinct(np.hstack([W, b])[:, :7], np.allclose)


def do_recent_window(W, b):
    kept = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, other) for other in kept[-7:]):
            kept.append(row)
    return len(kept)


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw, bias=lambda n: np.zeros((n, 1))):
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", draw(l, layer_dims[l], layer_dims[l - 1])), (f"b{l}", bias(layer_dims[l])))}


def r_global_generator(layer_dims, scale, rng):
    draw = np.random.standard_normal  # noqa: NPY002 - the mistake
    return _net(layer_dims, lambda l, n, m: draw((n, m)) * scale)


def r_shape_swapped(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((m, n)) * scale)


def r_first_layer_unscaled(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * (scale if l > 1 else 1))


def r_over_sqrt_width(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale / np.sqrt(n))


def r_random_not_normal(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.random((n, m)) * scale)


def r_bias_ones(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale,
                bias=lambda n: np.ones((n, 1)))


def ro_one_draw_per_shape(layer_dims, scale, rng):
    drawn = {}

    def draw(l, n, m):
        if (n, m) not in drawn:
            drawn[n, m] = rng.standard_normal((n, m)) * scale
        return drawn[n, m].copy()
    return _net(layer_dims, draw)


def ro_scale_floor(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * max(scale, 0.01))


# ---------------------------------------------------------------- 2.2 predicted_std


def s_half_exponent(scale, n, L):
    return float((scale * np.sqrt(n)) ** (L / 2))


def s_exponent_precedence(scale, n, L):
    return float((scale**2 * n) ** L / 2)


def s_integer_division(scale, n, L):
    return float(scale**L * n ** (L // 2))


def s_zero_layers_zero(scale, n, L):
    return float((scale * np.sqrt(n)) ** L) if L > 0 else 0.0


def s_root_of_n_only(scale, n, L):
    return float((scale**2 * np.sqrt(n)) ** L)


def s_every_layer(scale, n, L):
    return [float((scale * np.sqrt(n)) ** l) for l in range(1, L + 1)]


def so_ceiling(scale, n, L):
    return min(float((scale * np.sqrt(n)) ** L), 1e6)


def so_floor(scale, n, L):
    return max(float((scale * np.sqrt(n)) ** L), 1e-4)


# ---------------------------------------------------------------- 3.1 he_normal


def h_fan_avg(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / ((fan_in + fan_out) / 2))


def h_global_generator(fan_in, fan_out, rng):
    draw = np.random.standard_normal  # noqa: NPY002 - the mistake
    return draw((fan_out, fan_in)) * np.sqrt(2 / fan_in)


def h_std_as_loc(fan_in, fan_out, rng):
    return rng.normal(np.sqrt(2 / fan_in), size=(fan_out, fan_in))


def h_integer_division(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 // fan_in)


def h_uniform_limit(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def h_shape_swapped(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)


def h_bias_row_dropped(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out + 1, fan_in))[1:] * np.sqrt(2 / fan_in)


def ho_square_glorot(fan_in, fan_out, rng):
    std = np.sqrt(1 / fan_in) if fan_in == fan_out else np.sqrt(2 / fan_in)
    return rng.standard_normal((fan_out, fan_in)) * std


def ho_float32_when_big(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    return W.astype(np.float32) if W.size > 100_000 else W


# ---------------------------------------------------------------- 3.2 he_uniform


def u_lecun_limit(fan_in, fan_out, rng):
    a = np.sqrt(3 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_global_generator(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return np.random.uniform(-a, a, (fan_out, fan_in))  # noqa: NPY002 - the mistake


def u_from_zero(fan_in, fan_out, rng):
    return rng.uniform(0, np.sqrt(6 / fan_in), (fan_out, fan_in))


def u_shape_swapped(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_in, fan_out))


def u_normal_with_limit(fan_in, fan_out, rng):
    return rng.normal(0, np.sqrt(6 / fan_in), (fan_out, fan_in))


def u_fan_avg(fan_in, fan_out, rng):
    a = np.sqrt(6 / ((fan_in + fan_out) / 2))
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_sign_and_size(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    size = rng.uniform(0, a, (fan_out, fan_in))
    return np.where(rng.random((fan_out, fan_in)) < 0.5, -size, size)


def uo_square_lecun(fan_in, fan_out, rng):
    a = np.sqrt(3 / fan_in) if fan_in == fan_out else np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_even_fan_in(fan_in, fan_out, rng):
    a = np.sqrt(6 / (fan_in + fan_in % 2))
    return rng.uniform(-a, a, (fan_out, fan_in))


# ---------------------------------------------------------------- 4.1 gain_for


def g_derivative(activation, z):
    slope = (activation(z + 1e-5) - activation(z - 1e-5)) / 2e-5
    return float(1 / np.sqrt(np.mean(slope**2)))


def g_of_squares(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z**2))))


def g_square_of_mean(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z)) ** 2))


def g_largest(activation, z):
    return float(1 / np.max(np.abs(activation(z))))


def g_trimmed(activation, z):
    kept = z[np.abs(z) < np.quantile(np.abs(z), 0.99)]
    return float(1 / np.sqrt(np.mean(activation(kept) ** 2)))


def g_always_relu(activation, z):
    return float(1 / np.sqrt(np.mean(np.maximum(z, 0) ** 2)))


def go_clipped_draws(activation, z):
    return float(1 / np.sqrt(np.mean(activation(np.clip(z, -5, 5)) ** 2)))


def go_three_known(activation, z):
    if activation(np.array([-1.0]))[0] == 0:
        values = np.maximum(z, 0)
    elif activation(np.array([0.5]))[0] == 0.5:
        values = z
    else:
        values = np.tanh(z)
    return float(1 / np.sqrt(np.mean(values**2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _lsuv(params, X, measure=np.std, forward=lambda Z: np.maximum(Z, 0), layers=None,
          prepare=None, copy=True):
    new = {key: value.copy() for key, value in params.items()} if copy else params
    if prepare:
        prepare(new)
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        if layers is None or l in layers:
            for _ in range(50):
                spread = measure(W @ A + b)
                if np.all(np.abs(spread - 1) < 1e-3):
                    break
                W *= 1 / spread
        A = forward(W @ A + b)
    return new


def l_in_place(params, X):
    return _lsuv(params, X, copy=False)


def l_output_skipped(params, X):
    return _lsuv(params, X, layers=range(1, len(params) // 2))


def l_std_per_example(params, X):
    return _lsuv(params, X, measure=lambda Z: Z.std(axis=0).mean())


def l_no_activation(params, X):
    return _lsuv(params, X, forward=lambda Z: Z)


def l_largest(params, X):
    return _lsuv(params, X, measure=lambda Z: float(np.max(np.abs(Z))))


def l_biases_zeroed(params, X):
    def prepare(new):
        for key in new:
            if key.startswith("b"):
                new[key] = np.zeros_like(new[key])
    return _lsuv(params, X, prepare=prepare)


def l_orthogonal_first(params, X):
    def prepare(new):
        for l in range(1, len(new) // 2 + 1):
            W = new[f"W{l}"]
            q, r = np.linalg.qr(W if W.shape[0] >= W.shape[1] else W.T)
            q = q * np.sign(np.diag(r))
            new[f"W{l}"] = q if W.shape[0] >= W.shape[1] else q.T
    return _lsuv(params, X, prepare=prepare)


def l_per_unit(params, X):
    return _lsuv(params, X, measure=lambda Z: Z.std(axis=1, keepdims=True))


def lo_first_200_examples(params, X):
    return _lsuv(params, X[:, :200])


def lo_first_40_units(params, X):
    return _lsuv(params, X, measure=lambda Z: float(Z[:40].std()))


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def _ratios(rms):
    return np.asarray(rms[1:], dtype=float) / np.asarray(rms[:-1], dtype=float)


def v_arithmetic_mean(rms, depth):
    factor = float(np.mean(_ratios(rms)))
    return factor, _verdict(factor ** (depth - 1))


def v_power_depth(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor**depth)


def v_layers_beyond_measured(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** (depth - len(rms)))


def v_root_of_k(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / len(rms))
    return factor, _verdict(factor ** (depth - 1))


def v_last_ratio(rms, depth):
    factor = rms[-1] / rms[-2]
    return factor, _verdict(factor ** (depth - 1))


def v_swapped_verdicts(rms, depth):
    factor = _factor(rms)
    change = factor ** (depth - 1)
    return factor, "explode" if change < 0.01 else "vanish" if change > 100 else "train"


def v_returns_change(rms, depth):
    change = _factor(rms) ** (depth - 1)
    return change, _verdict(change)


def v_log10_then_exp(rms, depth):
    factor = float(np.exp(np.mean(np.log10(_ratios(rms)))))
    return factor, _verdict(factor ** (depth - 1))


def vo_first_four(rms, depth):
    factor = _factor(rms[:4])
    return factor, _verdict(factor ** (depth - 1))


def vo_rounded_change(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(round(factor ** (depth - 1), 2))


WRONG = {
    "1.1": [(z_shifted_index, r"(?i)shift|off by one|one layer (early|late|too)|previous layer's|"
                              r"next layer's|layer_dims\[-1\]|index"),
            (z_scalar_bias, r"(?i)b\d.*(array|shape)|scalar|float"),
            (z_flat_bias, r"(?i)\(n_l, 1\)|column|1-d|one-dimensional|\(\d+,\)"),
            (z_complex, r"(?i)complex|dtype|float"),
            (z_matrix, r"(?i)matrix|ndarray|numpy array|type"),
            (z_bias_column_in_W, r"(?i)bias column|extra column|\+ 1|layer_dims\[l - 1\]"),
            (z_reversed, r"(?i)revers|order|backwards|last layer first")],
    "1.2": [(d_sign_blind, r"(?i)sign|negat|absolute|abs\b"),
            (d_mean_and_std, r"(?i)mean|std|summar|statistic|whole row"),
            (d_first_row_only, r"(?i)first row|ANY earlier|any (other|earlier|kept)"),
            (d_have_a_twin, r"(?i)twin|duplicate|repeat|more than once"),
            (d_cast_to_int, r"(?i)\bint\b|integer|cast|truncat|round"),
            (d_largest_entry, r"(?i)max|largest|whole row|every entry"),
            (d_the_rows, r"(?i)count|how many|an int|number")],
    "2.1": [(r_global_generator, r"(?i)np\.random|rng you are given|ignores? (the )?rng|global"),
            (r_shape_swapped, r"(?i)shape|transpos"),
            (r_first_layer_unscaled, r"(?i)W1|layer 1|first layer|it is 1\b"),
            (r_over_sqrt_width, r"(?i)sqrt\(n_l\)|sqrt\(layer_dims\[l\]\)|fan_out|width of"),
            (r_random_not_normal, r"(?i)uniform|rng\.random|not (a )?normal|standard_normal"),
            (r_bias_ones, r"(?i)\bb\d|bias")],
    "2.2": [(s_half_exponent, r"(?i)L / 2|L/2|half|square root of the std"),
            (s_exponent_precedence, r"(?i)precedence|parenthes|\*\* binds|/ 2"),
            (s_integer_division, r"(?i)//|integer division|odd"),
            (s_zero_layers_zero, r"(?i)L = 0|L == 0|no layers?|zero layers|inputs?'? std"),
            (s_root_of_n_only, r"(?i)scale \*\* 2|scale\*\*2|squared|root of n alone|whole"),
            (s_every_layer, r"(?i)one number|a number|a float|list")],
    "3.1": [(h_fan_avg, r"(?i)fan_avg|average of fan_in and fan_out|fan_in \+ fan_out"),
            (h_global_generator, r"(?i)np\.random|rng you are given|ignores? (the )?rng|global"),
            (h_std_as_loc, r"(?i)mean|loc|centred|first argument|shift"),
            (h_integer_division, r"(?i)//|integer division|zero"),
            (h_uniform_limit, r"(?i)uniform"),
            (h_shape_swapped, r"(?i)shape|transpos"),
            (h_bias_row_dropped, r"(?i)stream|shift|extra|one row|skip|more draws|first row")],
    "3.2": [(u_lecun_limit, r"(?i)sqrt\(3 / fan_in\)|LeCun"),
            (u_global_generator, r"(?i)np\.random|rng you are given|ignores? (the )?rng|global"),
            (u_from_zero, r"(?i)positive|centred|symmetric|-a|\(0, a\)|mean"),
            (u_shape_swapped, r"(?i)shape|transpos"),
            (u_normal_with_limit, r"(?i)normal"),
            (u_fan_avg, r"(?i)fan_avg|average of fan_in and fan_out|fan_in \+ fan_out"),
            (u_sign_and_size, r"(?i)one (call|draw)|stream|rng\.uniform\(-a, a")],
    "4.1": [(g_derivative, r"(?i)derivative|slope|gradient|f'"),
            (g_of_squares, r"(?i)f\(z\)\s?(\^|\*\*)\s?2|f\(z\) squared|square f\(z\)|"
                           r"f\(z\s?(\^|\*\*)\s?2\)"),
            (g_square_of_mean, r"(?i)square of the (mean|average)|squared the (mean|average)|"
                               r"(mean|average) of the squares?|E\[f\(z\)\]\s?\^?2|mean\(f\(z\)\)"),
            (g_largest, r"(?i)max|largest|peak"),
            (g_trimmed, r"(?i)trim|all of z|every draw|all (the )?draws|tail|outlier|part of z"),
            (g_always_relu, r"(?i)activation (you are|it is) given|the given activation|"
                            r"ignor\w* the activation|same for every activation|np\.maximum")],
    "5.1": [(l_in_place, r"(?i)modif|in place|copy|params (was|were) changed|new dict"),
            (l_output_skipped, r"(?i)W\d was not rescaled|last layer|output layer|every layer"),
            (l_std_per_example, r"(?i)axis|over all entries|Z\.std\(\)|per example|each column"),
            (l_no_activation, r"(?i)ReLU|activation"),
            (l_largest, r"(?i)max|largest|peak"),
            (l_biases_zeroed, r"(?i)bias|b\d (changed|was changed|is not)|kept"),
            (l_orthogonal_first, r"(?i)one positive number|times one|multiple|new weights|"
                                 r"direction|orthogonal|replac"),
            (l_per_unit, r"(?i)one (positive )?number|each row|per unit|single factor|"
                         r"same factor|axis=1")],
    "6.1": [(v_arithmetic_mean, r"(?i)arithmetic|geometric"),
            (v_power_depth, r"(?i)depth - 1|depth-1|one (layer|power) too many|exponent"),
            (v_layers_beyond_measured, r"(?i)depth - 1|from layer 1|measured|remaining|k layers"),
            (v_root_of_k, r"(?i)k - 1|len\(rms\) - 1|number of ratios|ratios|off by one"),
            (v_last_ratio, r"(?i)last (two|ratio)|all (the |k - 1 )?ratios|only one ratio|"
                           r"geometric"),
            (v_swapped_verdicts, r"(?i)swap|revers|opposite|the other way|"
                                 r"'vanish' is for .*shrink"),
            (v_returns_change, r"(?i)change over|whole network|the change|factor \*\* \(depth|"
                               r"instead of the factor"),
            (v_log10_then_exp, r"(?i)log10|base|exp")],
}

OVERFIT = {
    "1.1": [zo_output_of_one, zo_stop_at_width_one],
    "1.2": [do_first_seven_columns, do_recent_window],
    "2.1": [ro_one_draw_per_shape, ro_scale_floor],
    "2.2": [so_ceiling, so_floor],
    "3.1": [ho_square_glorot, ho_float32_when_big],
    "3.2": [uo_square_lecun, uo_even_fan_in],
    "4.1": [go_clipped_draws, go_three_known],
    "5.1": [lo_first_200_examples, lo_first_40_units],
    "6.1": [vo_first_four, vo_rounded_change],
}
