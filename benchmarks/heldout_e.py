"""Held-out set E: wrong answers and overfits written after set D, from what a student sees (the
exercise cells, the statements and the visible cases) and none of the judges' further cases or
hint logic, and measured once, without changing the judges for them (see ``heldout.py``).

Mistakes already held by sets A to D were left out: each answer here makes a mistake of its own.
One overfit of 1.2 that failed the check (rows compared by their sum and sum of squares) was
replaced before the measurement. After it one answer was corrected and no pattern:
``r_reseeded`` drew its seed with ``rng.integers``, which a RandomState lacks, so it crashed
before making its mistake; it now draws the seed with ``rng.random()``."""

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zeros(layer_dims, W=None, b=None, key=lambda p, l: f"{p}{l}"):
    params = {}
    for l in range(1, len(layer_dims)):
        n, m = layer_dims[l], layer_dims[l - 1]
        params[key("W", l)] = W(n, m) if W else np.zeros((n, m))
        params[key("b", l)] = b(n, m) if b else np.zeros((n, 1))
    return params


def z_tuple_keys(layer_dims):
    return _zeros(layer_dims, key=lambda p, l: (p, l))


def z_flat_W(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros(n * m))


def z_nested(layer_dims):
    params = _zeros(layer_dims)
    return {"W": {k: v for k, v in params.items() if k.startswith("W")},
            "b": {k: v for k, v in params.items() if k.startswith("b")}}


def z_tiny_random(layer_dims):
    rng = np.random.default_rng(0)
    return _zeros(layer_dims, W=lambda n, m: rng.standard_normal((n, m)) * 1e-8)


def z_missing_last_bias(layer_dims):
    params = _zeros(layer_dims)
    del params[f"b{len(layer_dims) - 1}"]
    return params


def zo_width_lookup(layer_dims):
    below = {layer_dims[i]: layer_dims[i - 1] for i in range(1, len(layer_dims))}
    return {k: v for l in range(1, len(layer_dims)) for k, v in (
        (f"W{l}", np.zeros((layer_dims[l], below[layer_dims[l]]))),
        (f"b{l}", np.zeros((layer_dims[l], 1))))}


def zo_widths_up_to_ten(layer_dims):
    dims = [min(n, 10) for n in layer_dims]
    return _zeros(dims)


# ---------------------------------------------------------------- 1.2 count_distinct


def _kept(rows, equal=np.allclose):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return kept


def d_returns_float(W, b):
    return float(len(_kept(np.hstack([W, b]))))


def d_skip_first_row(W, b):
    return len(_kept(np.hstack([W, b])[1:]))


def d_equal_pairs(W, b):
    rows = np.hstack([W, b])
    return sum(np.allclose(rows[i], rows[j])
               for i in range(len(rows)) for j in range(i + 1, len(rows)))


def d_majority_of_entries(W, b):
    return len(_kept(np.hstack([W, b]), lambda r, o: np.isclose(r, o).mean() > 0.5))


def d_max_of_separate(W, b):
    return max(len(_kept(W)), len(_kept(b)))


def d_all_distinct(W, b):
    return len(_kept(np.hstack([W, b]))) == len(W)


def do_big_all_distinct(W, b):
    if len(W) > 8:
        return len(W)
    return len(_kept(np.hstack([W, b])))


def do_loose_when_big(W, b):
    atol = 1e-3 if len(W) > 8 else 1e-8
    return len(_kept(np.hstack([W, b]), lambda r, o: np.allclose(r, o, atol=atol)))


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw, bias=lambda n: np.zeros((n, 1)), skip_bias=()):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = draw(l, layer_dims[l], layer_dims[l - 1])
        if l not in skip_bias:
            params[f"b{l}"] = bias(layer_dims[l])
    return params


def r_scale_power_l(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale**l)


def r_reseeded(layer_dims, scale, rng):
    own = np.random.default_rng(int(rng.random() * 2**32))  # a RandomState has no integers
    return _net(layer_dims, lambda l, n, m: own.standard_normal((n, m)) * scale)


def r_absolute(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: np.abs(rng.standard_normal((n, m))) * scale)


def r_added_scale(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) + scale)


def r_output_layer_zero(layer_dims, scale, rng):
    L = len(layer_dims) - 1
    return _net(layer_dims, lambda l, n, m: (np.zeros((n, m)) if l == L
                                             else rng.standard_normal((n, m)) * scale))


def r_no_biases(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale,
                skip_bias=range(1, len(layer_dims)))


def ro_scale_snapped(layer_dims, scale, rng):
    snapped = 10.0 ** round(np.log10(scale))
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * snapped)


def ro_widths_up_to_300(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((min(n, 300), m)) * scale)


# ---------------------------------------------------------------- 2.2 predicted_std


def s_array_of_one(scale, n, L):
    return np.array([(scale * np.sqrt(n)) ** L])


def s_n_not_rooted(scale, n, L):
    return float((scale * n) ** L)


def s_input_added(scale, n, L):
    return float(1 + (scale * np.sqrt(n)) ** L)


def s_layers_added(scale, n, L):
    return float(L * scale * np.sqrt(n))


def s_returns_pair(scale, n, L):
    return float((scale * np.sqrt(n)) ** L), float((scale**2 * n) ** L)


def so_big_depth_one(scale, n, L):
    return 1.0 if L >= 20 else float((scale * np.sqrt(n)) ** L)


def so_n_capped(scale, n, L):
    return float((scale * np.sqrt(min(n, 1000))) ** L)


# ---------------------------------------------------------------- 3.1 he_normal


def _normal(fan_in, fan_out, rng, std):
    return rng.standard_normal((fan_out, fan_in)) * std


def h_fan_out_std(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt(2 / fan_out))


def h_variance_to_normal(fan_in, fan_out, rng):
    return rng.normal(0, 2 / fan_in, (fan_out, fan_in))


def h_lecun(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt(1 / fan_in))


def h_root_of_two_only(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt(2) / fan_in)


def h_as_list(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt(2 / fan_in)).tolist()


def h_drawn_twice(fan_in, fan_out, rng):
    rng.standard_normal((fan_out, fan_in))  # a first try, thrown away
    return _normal(fan_in, fan_out, rng, np.sqrt(2 / fan_in))


def ho_fan_in_to_tens(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt(2 / round(fan_in, -1)))


def ho_odd_fan_out_lecun(fan_in, fan_out, rng):
    return _normal(fan_in, fan_out, rng, np.sqrt((2 if fan_out % 2 == 0 else 1) / fan_in))


# ---------------------------------------------------------------- 3.2 he_uniform


def u_std_as_limit(fan_in, fan_out, rng):
    a = np.sqrt(2 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_no_root(fan_in, fan_out, rng):
    a = 6 / fan_in
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_flat(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, fan_out * fan_in)


def u_fan_product(fan_in, fan_out, rng):
    a = np.sqrt(6 / (fan_in * fan_out))
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_low_only(fan_in, fan_out, rng):
    return rng.uniform(np.sqrt(6 / fan_in), size=(fan_out, fan_in))


def uo_clipped(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return np.clip(rng.uniform(-a, a, (fan_out, fan_in)), -0.25, 0.25)


def uo_fan_in_to_tens(fan_in, fan_out, rng):
    a = np.sqrt(6 / round(fan_in, -1))
    return rng.uniform(-a, a, (fan_out, fan_in))


# ---------------------------------------------------------------- 4.1 gain_for


def g_no_root(activation, z):
    return float(1 / np.mean(activation(z) ** 2))


def g_not_inverted(activation, z):
    return float(np.sqrt(np.mean(activation(z) ** 2)))


def g_mean_of_inverses(activation, z):
    with np.errstate(divide="ignore"):
        return float(np.mean(1 / np.sqrt(activation(z) ** 2)))


def g_applied_twice(activation, z):
    return float(1 / np.sqrt(np.mean(activation(activation(z)) ** 2)))


def g_z_times_f(activation, z):
    return float(1 / np.sqrt(np.mean(z * activation(z))))


def g_no_mean(activation, z):
    with np.errstate(divide="ignore"):
        return 1 / np.sqrt(activation(z) ** 2)


def g_own_draws(activation, z):
    own = np.random.default_rng(0).standard_normal(10_000)
    return float(1 / np.sqrt(np.mean(activation(own) ** 2)))


def go_every_tenth_when_long(activation, z):
    kept = z[::10] if len(z) > 100_000 else z
    return float(1 / np.sqrt(np.mean(activation(kept) ** 2)))


def go_mean_of_chunks(activation, z):
    chunks = [z[i:i + 100_000] for i in range(0, len(z), 100_000)]
    return float(1 / np.sqrt(np.mean([np.mean(activation(c) ** 2) for c in chunks])))


# ---------------------------------------------------------------- 5.1 lsuv


def _lsuv(params, X, measure=lambda Z, A: Z.std(), divide=lambda W, s: W / s,
          done=lambda s: abs(s - 1) < 1e-3, relu_up_to=None, one_pass=False):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    A, A_old = X, X
    for l in range(1, L + 1):
        b = new[f"b{l}"]
        for _ in range(100):
            spread = measure(new[f"W{l}"] @ (A_old if one_pass else A) + b, A)
            if done(spread):
                break
            new[f"W{l}"] = divide(new[f"W{l}"], spread)
        relu = relu_up_to is None or l <= relu_up_to
        A = np.maximum(new[f"W{l}"] @ A + b, 0) if relu else new[f"W{l}"] @ A + b
        A_old = np.maximum(params[f"W{l}"] @ A_old + b, 0)
    return new


def l_measures_activation(params, X):
    return _lsuv(params, X, measure=lambda Z, A: np.maximum(Z, 0).std())


def l_measure_without_bias(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        for _ in range(100):
            spread = (new[f"W{l}"] @ A).std()
            if abs(spread - 1) < 1e-3:
                break
            new[f"W{l}"] = new[f"W{l}"] / spread
        A = np.maximum(new[f"W{l}"] @ A + new[f"b{l}"], 0)
    return new


def l_one_pass(params, X):
    return _lsuv(params, X, one_pass=True)


def l_variance(params, X):
    return _lsuv(params, X, measure=lambda Z, A: Z.var())


def l_returns_factors(params, X):
    new = _lsuv(params, X)
    return [float(new[f"W{l}"].flat[0] / params[f"W{l}"].flat[0])
            for l in range(1, len(params) // 2 + 1)]


def l_only_shrinks(params, X):
    return _lsuv(params, X, done=lambda s: s <= 1.001)


def lo_first_three_inputs(params, X):
    trimmed = dict(params, W1=params["W1"][:, :3])
    new = _lsuv(trimmed, X[:3])
    new["W1"] = params["W1"] * (new["W1"][0, 0] / params["W1"][0, 0])
    return new


def lo_relu_up_to_layer_two(params, X):
    return _lsuv(params, X, relu_up_to=2)


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def v_capitalised(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** (depth - 1)).capitalize()


def v_reversed_return(rms, depth):
    factor = _factor(rms)
    return _verdict(factor ** (depth - 1)), factor


def v_square_root(rms, depth):
    factor = float(np.sqrt(rms[-1] / rms[0]))
    return factor, _verdict(factor ** (depth - 1))


def v_no_root(rms, depth):
    factor = rms[-1] / rms[0]
    return factor, _verdict(factor ** (depth - 1))


def v_largest_ratio(rms, depth):
    factor = float(max(np.asarray(rms[1:]) / np.asarray(rms[:-1])))
    return factor, _verdict(factor ** (depth - 1))


def v_change_scaled_by_depth(rms, depth):
    factor = _factor(rms)
    return factor, _verdict((rms[-1] / rms[0]) ** (depth / len(rms)))


def vo_median_when_many(rms, depth):
    ratios = np.asarray(rms[1:]) / np.asarray(rms[:-1])
    factor = float(np.median(ratios)) if len(rms) > 4 else _factor(rms)
    return factor, _verdict(factor ** (depth - 1))


def vo_large_rms_explodes(rms, depth):
    factor = _factor(rms)
    return factor, "explode" if max(rms) > 50 else _verdict(factor ** (depth - 1))


WRONG = {
    "1.1": [(z_tuple_keys, r"(?i)key|\"W1\"|'W1'|string|str\b"),
            (z_flat_W, r"(?i)W\d.*shape|shape.*W\d|2-d|two-dimensional|1-d|flat"),
            (z_nested, r"(?i)key|\"W1\"|'W1'|nested|flat dict"),
            (z_tiny_random, r"(?i)non-zero|not (all )?zero|all zeros|random"),
            (z_missing_last_bias, r"(?i)b\d|missing|bias")],
    "1.2": [(d_returns_float, r"(?i)\bint\b|integer|float"),
            (d_skip_first_row, r"(?i)first row|every row|all rows|row 0|one (unit )?too few"),
            (d_equal_pairs, r"(?i)pair|duplicate|repeat|different units|distinct"),
            (d_majority_of_entries, r"(?i)every entry|all entries|whole row|each entry|"
                                    r"any one|majority|\.all\(\)"),
            (d_max_of_separate, r"(?i)\[W \| b\]|together|same row|hstack|W and b|separately"),
            (d_all_distinct, r"(?i)\bint\b|count|how many|bool|number")],
    "2.1": [(r_scale_power_l, r"(?i)scale \*\* ?\d|power|compound|every layer|each layer|"
                              r"same (factor|scale)"),
            (r_reseeded, r"(?i)rng you are given|own (rng|generator)|new generator|"
                         r"standard_normal of the rng|stream|seed"),
            (r_absolute, r"(?i)sign|negative|absolute|abs\b|positive"),
            (r_added_scale, r"(?i)add|\+ ?scale|multipl|mean|shift"),
            (r_output_layer_zero, r"(?i)W\d|last layer|output|zero"),
            (r_no_biases, r"(?i)b\d|bias|missing|key")],
    "2.2": [(s_array_of_one, r"(?i)one number|a number|float|scalar|array"),
            (s_n_not_rooted, r"(?i)sqrt\(n\)|square root|not n\b|grows like"),
            (s_input_added, r"(?i)\badd|\+ ?1|input|sum|plus"),
            (s_layers_added, r"(?i)sum|product|multipl|times L|\* L|added"),
            (s_returns_pair, r"(?i)one number|a number|a float|tuple|two")],
    "3.1": [(h_fan_out_std, r"(?i)fan_out"),
            (h_variance_to_normal, r"(?i)variance|square root|std"),
            (h_lecun, r"(?i)LeCun|sqrt\(1 ?/ ?fan_in\)|factor 2|\b2\b.*(ReLU|missing)"),
            (h_root_of_two_only, r"(?i)sqrt\(2\) ?/ ?fan_in|under the square root|"
                                 r"fan_in.*square root"),
            (h_as_list, r"(?i)array|ndarray|list|type"),
            (h_drawn_twice, r"(?i)stream|twice|two draws|extra|more draws|thrown|"
                            r"one (call|draw)|first draw")],
    "3.2": [(u_std_as_limit, r"(?i)std.*(not|is not).*limit|limit.*std|sqrt\(3\)|a / sqrt|"
                             r"sqrt\(2 ?/ ?fan_in\)"),
            (u_no_root, r"(?i)square root|sqrt|a\s?\*\*\s?2|a²|variance"),
            (u_flat, r"(?i)shape|1-d|flat|reshape|\(fan_out, fan_in\)"),
            (u_fan_product, r"(?i)fan_in \* fan_out|fan_out|product"),
            (u_low_only, r"(?i)low|high|\(-a, a\)|-a\b|symmetric|negative|centred")],
    "4.1": [(g_no_root, r"(?i)square root|sqrt|gain squared|1 / E\[f\(z\)\^2\]"),
            (g_not_inverted, r"(?i)invers|1 ?/|reciprocal|upside"),
            (g_mean_of_inverses, r"(?i)mean of|average (first|the squares)|order|outside|"
                                 r"inverse.*(each|every)|infinit|finite|inf\b"),
            (g_applied_twice, r"(?i)twice|once|f\(f"),
            (g_z_times_f, r"(?i)z ?\* ?f|f\(z\) ?\* ?z|times z|f\(z\) ?(\*\*|\^) ?2|"
                          r"square(s)? of f|f\(z\) squared"),
            (g_no_mean, r"(?i)one number|a number|a float|scalar|array|mean|average"),
            (g_own_draws, r"(?i)z you are given|given (z|draws)|own draws|ignor|the draws z|"
                          r"draws? (of|in) z|use z")],
    "5.1": [(l_measures_activation, r"(?i)activation|relu\(Z\)|pre-activation|A = "),
            (l_measure_without_bias, r"(?i)bias|W A \+ b|without b"),
            (l_one_pass, r"(?i)one pass|original|after the layers below|layer after layer|"
                         r"rescaled (layers|network)"),
            (l_variance, r"(?i)variance|\.var|Z\.var|std\b"),
            (l_returns_factors, r"(?i)dict|params|W\d|list|type"),
            (l_only_shrinks, r"(?i)below 1|less than 1|smaller|too small|both sides|"
                             r"within .* of 1|grow|up\b|multiply")],
    "6.1": [(v_capitalised, r"(?i)lower ?case|capital|spell|one of|\"vanish\"|'vanish'"),
            (v_reversed_return, r"(?i)order|factor, verdict|first|tuple|number"),
            (v_square_root, r"(?i)k ?- ?1|len\(rms\) ?- ?1|number of ratios|ratios|root|"
                            r"geometric"),
            (v_no_root, r"(?i)root|geometric|k ?- ?1|per layer|one layer|whole"),
            (v_largest_ratio, r"(?i)max|largest|geometric|all (the |k - 1 )?ratios"),
            (v_change_scaled_by_depth, r"(?i)depth ?- ?1|exponent|factor ?\*\* ?\(depth|"
                                       r"power")],
}

OVERFIT = {
    "1.1": [zo_width_lookup, zo_widths_up_to_ten],
    "1.2": [do_big_all_distinct, do_loose_when_big],
    "2.1": [ro_scale_snapped, ro_widths_up_to_300],
    "2.2": [so_big_depth_one, so_n_capped],
    "3.1": [ho_fan_in_to_tens, ho_odd_fan_out_lecun],
    "3.2": [uo_clipped, uo_fan_in_to_tens],
    "4.1": [go_every_tenth_when_long, go_mean_of_chunks],
    "5.1": [lo_first_three_inputs, lo_relu_up_to_layer_two],
    "6.1": [vo_median_when_many, vo_large_rms_explodes],
}
