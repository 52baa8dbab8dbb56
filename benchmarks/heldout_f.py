"""Held-out set F: wrong answers and overfits written after set E, from what a student sees (the
exercise cells, the statements and the visible cases) and none of the judges' further cases or
hint logic, and measured once, without changing the judges for them (see ``heldout.py``).

Mistakes already held by sets A to E were left out: each answer here makes a mistake of its own.
Before the measurement the overfits were run through the notebooks' checks only (as a student
runs the check cell), to make sure that each passes the visible cases: one overfit of 2.1 that
failed there (weights cached by layer_dims and scale, while the visible cases pass different
generators) was replaced by ``ro_drawn_in_key_order``. No answer or pattern was changed after it.

The measurement (``python benchmarks/heldout.py F``, 20 grader keys, the judges as they were):

    exercise caught   named  overfits failing every key
      1.1   4/6     2/6     1/2
      1.2   6/6     2/6     0/2
      2.1   6/6     5/6     1/2
      2.2   6/6     3/6     1/2
      3.1   6/6     3/6     0/2
      3.2   6/6     4/6     0/2
      4.1   5/6     1/6     0/2
      5.1   6/6     1/6     0/2
      6.1   5/6     4/6     1/2
      all  50/54   25/54    4/18

After the judges were tuned on its misses: 53/54 caught, 51/54 named, 16/18 overfits failing
every key. Left then: ``d_delete_while_iterating`` (a single-call case's count coincided with
another way of counting), ``g_squares_in_place`` (no activation of the grader returned its own
input, so z was never changed), ``g_fixed_point``, and the overfits ``go_memo_by_function`` and
``go_outputs_clipped``.

After the judges were tuned again on those (further probes of 1.2 with three copies of a unit
as the last rows and twins straddling a rounding step; 4.1's further cases with tanh on other
draws, a tanh scaled 6 to 10 and the linear activation that returns z itself, sent back; a
gain fed back into the activation measured as an iterate or a fixed point), and the judges
given measured findings for a constant factor or a power: 54/54 caught, 54/54 named, 18/18
overfits failing every key (``python benchmarks/heldout.py F``, 20 keys). This too is tuning on
F, not a measure of how the judges generalise: only a set written afterwards measures that.
"""

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def _zeros(layer_dims, W=None, b=None, key=lambda p, l: f"{p}{l}", last=None):
    params = {}
    for l in range(1, (last or len(layer_dims) - 1) + 1):
        n, m = layer_dims[l], layer_dims[l - 1]
        params[key("W", l)] = W(n, m) if W else np.zeros((n, m))
        params[key("b", l)] = b(n, m) if b else np.zeros((n, 1))
    return params


def z_fills_other_dict(layer_dims):
    params = {}
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def z_pops_layer_dims(layer_dims):
    params = {}
    previous = layer_dims.pop(0)
    for l, n in enumerate(layer_dims, start=1):
        params[f"W{l}"] = np.zeros((n, previous))
        params[f"b{l}"] = np.zeros((n, 1))
        previous = n
    return params


_KEPT = {}


def z_dict_kept_between_calls(layer_dims):
    for l in range(1, len(layer_dims)):
        _KEPT[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        _KEPT[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return _KEPT


def z_three_d_W(layer_dims):
    return _zeros(layer_dims, W=lambda n, m: np.zeros((n, m, 1)))


def z_depth_key(layer_dims):
    params = _zeros(layer_dims)
    params["L"] = len(layer_dims) - 1
    return params


def z_keys_by_width(layer_dims):
    params = {}
    previous = layer_dims[0]
    for l in layer_dims[1:]:
        params[f"W{l}"] = np.zeros((l, previous))
        params[f"b{l}"] = np.zeros((l, 1))
        previous = l
    return params


def zo_bias_output_width(layer_dims):
    return _zeros(layer_dims, b=lambda n, m: np.zeros((n, layer_dims[-1])))


def zo_last_index(layer_dims):
    return _zeros(layer_dims, last=layer_dims.index(layer_dims[-1]))


# ---------------------------------------------------------------- 1.2 count_distinct


def _kept(rows, equal=np.allclose):
    kept = []
    for row in rows:
        if not any(equal(row, other) for other in kept):
            kept.append(row)
    return kept


def d_adjacent_only(W, b):
    rows = np.hstack([W, b])
    return 1 + sum(not np.allclose(rows[i], rows[i - 1]) for i in range(1, len(rows)))


def d_unique_values(W, b):
    return len(_kept(np.hstack([W, b]).ravel()))


def d_concatenated(W, b):
    return len(_kept(np.concatenate([W, b])))


def d_scales_W_in_place(W, b):
    W /= np.abs(W).max()  # one scale for every row: which rows are equal does not change
    return len(_kept(np.hstack([W, b])))


def d_delete_while_iterating(W, b):
    rows = list(np.hstack([W, b]))
    for i in range(len(rows)):
        if i >= len(rows):
            break
        for j, other in enumerate(rows[i + 1:], start=i + 1):
            if j < len(rows) and np.allclose(rows[i], other):
                del rows[j]
    return len(rows)


def d_weights_or_bias(W, b):
    kept = []
    for i in range(len(W)):
        if not any(np.allclose(W[i], W[k]) or np.allclose(b[i], b[k]) for k in kept):
            kept.append(i)
    return len(kept)


def do_bias_exact_groups(W, b):
    groups = {}
    for w, bias in zip(W, b[:, 0], strict=True):
        groups.setdefault(float(bias), []).append(w)
    return sum(len(_kept(rows)) for rows in groups.values())


def do_float32_unique(W, b):
    return len(np.unique(np.hstack([W, b]).astype(np.float32), axis=0))


# ---------------------------------------------------------------- 2.1 initialize_random


def _net(layer_dims, draw, first=1):
    params = {}
    for l in range(first, len(layer_dims)):
        params[f"W{l}"] = draw(l, layer_dims[l], layer_dims[l - 1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_randn_method(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.randn(n, m) * scale)


def r_wrapped_default_rng(layer_dims, scale, rng):
    rng = np.random.default_rng(rng)  # "so that a seed works too"
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale)


def r_size_as_two_args(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal(n, m) * scale)


def r_no_scale(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)))


def r_loop_from_zero(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: rng.standard_normal((n, m)) * scale, first=0)


def r_rescaled_to_exact_std(layer_dims, scale, rng):
    def draw(l, n, m):
        W = rng.standard_normal((n, m))
        return W / W.std() * scale
    return _net(layer_dims, draw)


def ro_identity_when_square(layer_dims, scale, rng):
    return _net(layer_dims, lambda l, n, m: (np.eye(n) * scale if n == m
                                             else rng.standard_normal((n, m)) * scale))


def ro_drawn_in_key_order(layer_dims, scale, rng):
    shapes = {f"W{l}": (layer_dims[l], layer_dims[l - 1]) for l in range(1, len(layer_dims))}
    params = {}
    for key in sorted(shapes):  # "W1", "W10", "W11", "W2", ... past nine layers
        params[key] = rng.standard_normal(shapes[key]) * scale
        params["b" + key[1:]] = np.zeros((shapes[key][0], 1))
    return params


# ---------------------------------------------------------------- 2.2 predicted_std


def s_variance(scale, n, L):
    return float((scale**2 * n) ** L)


def s_n_once(scale, n, L):
    return float(np.sqrt(n) * scale**L)


def s_caret(scale, n, L):
    return (scale * n**0.5) ^ L


def s_starts_at_scale(scale, n, L):
    std = scale
    for _ in range(L):
        std *= scale * np.sqrt(n)
    return float(std)


def s_relu_half(scale, n, L):
    return float((scale * np.sqrt(n / 2)) ** L)


def s_formatted(scale, n, L):
    return f"{(scale * np.sqrt(n)) ** L:.2f}"


def so_factor_rounded(scale, n, L):
    return float(round(scale * np.sqrt(n), 3) ** L)


def so_scale_at_most_one(scale, n, L):
    return float((min(scale, 1.0) * np.sqrt(n)) ** L)


# ---------------------------------------------------------------- 3.1 he_normal


def h_two_over_root(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * 2 / np.sqrt(fan_in)


def h_with_biases(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in), np.zeros((fan_out, 1))


def h_one_row_tiled(fan_in, fan_out, rng):
    return np.tile(rng.standard_normal(fan_in) * np.sqrt(2 / fan_in), (fan_out, 1))


def h_inverted_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(fan_in / 2)


def h_course_text_line(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * (np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out))


def h_fixed_small(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * 0.01


def ho_column_blocks_512(fan_in, fan_out, rng):
    blocks = [rng.standard_normal((fan_out, min(512, fan_in - start)))
              for start in range(0, fan_in, 512)]
    return np.hstack(blocks) * np.sqrt(2 / fan_in)


def ho_glorot_for_wide(fan_in, fan_out, rng):
    std = np.sqrt(2 / (fan_in + fan_out)) if fan_out > 500 else np.sqrt(2 / fan_in)
    return rng.standard_normal((fan_out, fan_in)) * std


# ---------------------------------------------------------------- 3.2 he_uniform


def _uniform(fan_in, fan_out, rng, a):
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_course_text_sum(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6 / fan_in) + np.sqrt(6 / fan_out))


def u_scaled_twice(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6 / fan_in)) * np.sqrt(2 / fan_in)


def u_root_of_six_only(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(6) / fan_in)


def u_pytorch_limit(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, 1 / np.sqrt(fan_in))


def u_variance_over_12(fan_in, fan_out, rng):
    return _uniform(fan_in, fan_out, rng, np.sqrt(12 * 2 / fan_in))  # Var U(-a, a) = a**2 / 12


def u_linspace(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return np.linspace(-a, a, fan_out * fan_in).reshape(fan_out, fan_in)


def uo_squeezed(fan_in, fan_out, rng):
    return np.squeeze(_uniform(fan_in, fan_out, rng, np.sqrt(6 / fan_in)))


def uo_lecun_for_output_layer(fan_in, fan_out, rng):
    a = np.sqrt(3 / fan_in) if fan_out <= 10 else np.sqrt(6 / fan_in)
    return _uniform(fan_in, fan_out, rng, a)


# ---------------------------------------------------------------- 4.1 gain_for


def g_no_square(activation, z):
    with np.errstate(invalid="ignore"):
        return float(1 / np.sqrt(np.mean(activation(z))))


def g_floor_division(activation, z):
    return float(1 // np.sqrt(np.mean(activation(z) ** 2)))


def g_squares_in_place(activation, z):
    a = activation(z)
    a *= a
    return float(1 / np.sqrt(a.mean()))


def g_exponent_precedence(activation, z):
    return float(np.mean(activation(z) ** 2) ** -1 / 2)


def g_activation_of_mean(activation, z):
    return float(1 / np.sqrt(activation(np.mean(z**2))))


def g_fixed_point(activation, z):
    gain = 1.0
    for _ in range(50):
        gain = 1 / np.sqrt(np.mean(activation(gain * z) ** 2))
    return float(gain)


_GAINS = {}


def go_memo_by_function(activation, z):
    if activation not in _GAINS:
        _GAINS[activation] = float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    return _GAINS[activation]


def go_outputs_clipped(activation, z):
    return float(1 / np.sqrt(np.mean(np.clip(activation(z), -5, 5) ** 2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _lsuv(params, X, copy=lambda p: {k: v.copy() for k, v in p.items()},
          forward=lambda Z, W, A, b: np.maximum(Z, 0), prepare=lambda X: X,
          times=lambda W, A: W @ A, stop=lambda old, new: abs(new - 1) < 1e-3):
    new = copy(params)
    A = prepare(X)
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        Z = times(W, A) + b
        spread = None
        for _ in range(100):
            old, spread = spread, Z.std()
            if stop(old, spread):
                break
            W *= 1 / spread
            Z = times(W, A) + b
        A = forward(Z, W, A, b)
    return new


def l_shallow_copy(params, X):
    return _lsuv(params, X, copy=dict)


def l_relu_on_input(params, X):
    return _lsuv(params, X, prepare=lambda X: np.maximum(X, 0))


def l_examples_as_rows(params, X):
    return _lsuv(params, X, times=lambda W, A: A @ W.T)  # Z = X W^T, one example per row


def l_relu_derivative_forward(params, X):
    return _lsuv(params, X, forward=lambda Z, W, A, b: (Z > 0).astype(float))


def l_one_factor_for_all(params, X):
    new = {key: value.copy() for key, value in params.items()}
    Z = new["W1"] @ X + new["b1"]
    for _ in range(100):
        if abs(Z.std() - 1) < 1e-3:
            break
        factor = 1 / Z.std()
        for l in range(1, len(params) // 2 + 1):
            new[f"W{l}"] *= factor
        Z = new["W1"] @ X + new["b1"]
    return new


def l_bias_outside_relu(params, X):
    return _lsuv(params, X, forward=lambda Z, W, A, b: np.maximum(W @ A, 0) + b)


def lo_sorted_keys(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for key in sorted(k for k in params if k.startswith("W")):
        W, b = new[key], new["b" + key[1:]]
        Z = W @ A + b
        for _ in range(100):
            if abs(Z.std() - 1) < 1e-3:
                break
            W *= 1 / Z.std()
            Z = W @ A + b
        A = np.maximum(Z, 0)
    return new


def lo_stop_on_small_change(params, X):
    return _lsuv(params, X, stop=lambda old, new: old is not None and abs(new - old) < 1e-3)


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change, low=0.01, high=100):
    return "vanish" if change < low else "explode" if change > high else "train"


def _factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def v_integer_division(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 // (len(rms) - 1))
    return factor, _verdict(factor ** (depth - 1))


def v_inverted_ratio(rms, depth):
    factor = (rms[0] / rms[-1]) ** (1 / (len(rms) - 1))
    return factor, _verdict(factor ** (depth - 1))


def v_exponent_precedence(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(factor ** depth - 1)


def v_extends_rms_in_place(rms, depth):
    factor = _factor(rms)
    while len(rms) < depth:
        rms.append(rms[-1] * factor)
    return factor, _verdict(rms[-1] / rms[0])


def v_only_vanish(rms, depth):
    factor = _factor(rms)
    change = factor ** (depth - 1)
    return factor, "vanish" if change < 0.01 or change > 100 else "train"


def v_ratio_of_sums(rms, depth):
    factor = sum(rms[1:]) / sum(rms[:-1])
    return factor, _verdict(factor ** (depth - 1))


def vo_verdict_from_rounded_factor(rms, depth):
    factor = _factor(rms)
    return factor, _verdict(round(factor, 2) ** (depth - 1))


def vo_spread_with_direction(rms, depth):
    spread = (max(rms) / min(rms)) ** (1 / (len(rms) - 1))
    factor = spread if rms[-1] >= rms[0] else 1 / spread
    return factor, _verdict(factor ** (depth - 1))


WRONG = {
    "1.1": [(z_fills_other_dict, r"(?i)empty|no keys|has no|nothing|returned \{\}"),
            (z_pops_layer_dims, r"(?i)layer_dims.*(chang|modif|mutat|shorter|pop)|"
                                r"(chang|modif|mutat)\w* (your |the )?(input|argument|layer_dims)|"
                                r"in place|\.pop"),
            (z_dict_kept_between_calls, r"(?i)previous call|earlier call|between calls|"
                                        r"every call|each call|new dict|fresh dict|left over|"
                                        r"stale|module level|global|outside the function"),
            (z_three_d_W, r"(?i)3-d|three-dimensional|two-dimensional|2-d|extra (axis|dimension)|"
                          r"W\d.*shape|shape.*W\d"),
            (z_depth_key, r"(?i)extra|unexpected|'L'|\"L\"|only (the )?keys|not a parameter"),
            (z_keys_by_width, r"(?i)width|layer number|numbered|index|position|"
                              r"range\(1, len\(layer_dims\)\)")],
    "1.2": [(d_adjacent_only, r"(?i)adjacent|next to|neighbou?r|previous row|consecutive|"
                              r"(any|every|all) (earlier|other|kept|previous) (row|unit)s?|sort"),
            (d_unique_values, r"(?i)entries|values|numbers|whole rows?|axis=0|rows, not"),
            (d_concatenated, r"(?i)axis|hstack|side by side|column|concatenat"),
            (d_scales_W_in_place, r"(?i)modif|in place|chang\w* (W|b|your input|the input)|"
                                  r"mutat|copy|(W|b) (was|were|is) (changed|altered)"),
            (d_delete_while_iterating, r"(?i)delet|remov|while (you )?(iterat|loop)|"
                                       r"three (or more )?(copies|equal|identical)|"
                                       r"more than two|index|shift"),
            (d_weights_or_bias, r"(?i)\bor\b|\band\b|both|same bias|equal bias|bias alone|"
                                r"whole row|all of")],
    "2.1": [(r_randn_method, r"(?i)randn|standard_normal|Generator"),
            (r_wrapped_default_rng, r"(?i)default_rng|RandomState|wrap|new generator|"
                                    r"rng (you are given|as it is)|own generator"),
            (r_size_as_two_args, r"(?i)tuple|\(\(|size=|one argument|shape as|positional"),
            (r_no_scale, r"(?i)scale|std (is |of )?1\b|\* scale"),
            (r_loop_from_zero, r"(?i)W0|b0|range\(1|from 1|numbered from|extra"),
            (r_rescaled_to_exact_std, r"(?i)normalis|rescal|divid|its own std|W\.std|exact|"
                                      r"std of the draw")],
    "2.2": [(s_variance, r"(?i)variance|square root|squared|std, not"),
            (s_n_once, r"(?i)every layer|each layer|sqrt\(n\) ?\*\* ?L|per layer|power L|"
                       r"n belongs|once"),
            (s_caret, r"(?i)\^|\*\*|xor|power operator|bitwise"),
            (s_starts_at_scale, r"(?i)start(s|ing)? (from|at|with)|inputs?'? std|initial|"
                                r"extra (factor|scale)|one scale too many"),
            (s_relu_half, r"(?i)linear|relu|n / 2|n/2|half|no activation"),
            (s_formatted, r"(?i)str|string|number|float|format")],
    "3.1": [(h_two_over_root, r"(?i)2 ?/ ?sqrt\(fan_in\)|sqrt\(2\)|square root of 2|"
                              r"under the square root|2 inside"),
            (h_with_biases, r"(?i)tuple|one array|only (W|the weights)|bias|two"),
            (h_one_row_tiled, r"(?i)same row|identical|every row|repeat|tile|symmetr|distinct|"
                              r"one row"),
            (h_inverted_std, r"(?i)invert|upside|fan_in ?/ ?2|reciprocal|1 ?/|divide"),
            (h_course_text_line, r"(?i)sqrt\(6|fan_out|sum of|two square roots|added|"
                                 r"source text|uniform limit"),
            (h_fixed_small, r"(?i)0\.01|fixed|does not (depend|change)|same (std|scale) for every|"
                            r"whatever fan_in")],
    "3.2": [(u_course_text_sum, r"(?i)sqrt\(6 ?/ ?fan_out\)|fan_out|two square roots|added|"
                                r"sum of|source text"),
            (u_scaled_twice, r"(?i)twice|both|times sqrt\(2|scaled|a \* std|std \*|"
                             r"sqrt\(2 ?/ ?fan_in\) times"),
            (u_root_of_six_only, r"(?i)sqrt\(6\) ?/ ?fan_in|under the square root|"
                                 r"square root of fan_in|fan_in.*square root"),
            (u_pytorch_limit, r"(?i)PyTorch|nn\.Linear|1 ?/ ?sqrt\(fan_in\)|sqrt\(1 ?/ ?fan_in\)|"
                              r"6 is missing|missing .*6|sqrt\(6\) times"),
            (u_variance_over_12, r"(?i)a\s?\*\*\s?2 ?/ ?3|a²/3|a\^2 ?/ ?3|/ ?12|sqrt\(24|twice|"
                                 r"2 times|factor (of )?2|double"),
            (u_linspace, r"(?i)linspace|evenly|grid|not random|spaced|sorted|increas|"
                         r"rng\.uniform")],
    "4.1": [(g_no_square, r"(?i)square|f\(z\) ?(\*\*|\^) ?2|f\(z\)²"),
            (g_floor_division, r"(?i)//|floor|integer division|whole number|rounded down"),
            (g_squares_in_place, r"(?i)modif|chang\w* (z|your input|the input|the draws)|"
                                 r"in place|overwr|copy|z (was|is) (changed|altered)|mutat"),
            (g_exponent_precedence, r"(?i)precedence|parenthes|\*\* ?\(?-1 ?/ ?2|-1/2|"
                                    r"\*\* binds|\*\* before"),
            (g_activation_of_mean, r"(?i)f\(E|order|activation (to|on) (each|every)|"
                                   r"(average|mean) (of|after)|before|after|each draw"),
            (g_fixed_point, r"(?i)z as (it is|given)|given z|the draws z|unscaled|gain \* z|"
                            r"times the gain|fixed|iterat|scaled")],
    "5.1": [(l_shallow_copy, r"(?i)shallow|cop(y|ies) (of )?the arrays|arrays|deep ?copy|"
                             r"modif|in place|params (was|were) changed"),
            (l_relu_on_input, r"(?i)\bX\b|input|relu\(X\)|first layer('s)? input|raw"),
            (l_examples_as_rows, r"(?i)\(n_0, m\)|X is|examples (are|as) columns|transpos|X\.T|"
                                 r"shape"),
            (l_relu_derivative_forward, r"(?i)ReLU|activation|step|derivative|max\(0"),
            (l_one_factor_for_all, r"(?i)each layer|every layer|own factor|its own|same factor|"
                                   r"one factor|layer after layer"),
            (l_bias_outside_relu, r"(?i)relu\(Z\)|relu\(W ?@? ?A ?\+ ?b\)|inside the ReLU|"
                                  r"before the ReLU|after the ReLU|A_l ?= ?relu")],
    "6.1": [(v_integer_division, r"(?i)//|integer division|floor|exponent is 0|factor is 1"),
            (v_inverted_ratio, r"(?i)invert|upside|reciprocal|1 ?/ ?factor|later over|"
                               r"rms\[0\] ?/ ?rms\[-1\]|first over last|wrong way"),
            (v_exponent_precedence, r"(?i)parenthes|precedence|\*\* ?\(depth ?- ?1\)|"
                                    r"minus 1|- 1 outside"),
            (v_extends_rms_in_place, r"(?i)modif|chang\w* (rms|your input|the input|the list)|"
                                     r"in place|append|mutat|copy|rms (was|is) (changed|altered|"
                                     r"longer)"),
            (v_only_vanish, r"(?i)explode|above 100|> ?100|both|two (cases|thresholds|sides)"),
            (v_ratio_of_sums, r"(?i)geometric|sums?|ratios|product|weighted")],
}

OVERFIT = {
    "1.1": [zo_bias_output_width, zo_last_index],
    "1.2": [do_bias_exact_groups, do_float32_unique],
    "2.1": [ro_identity_when_square, ro_drawn_in_key_order],
    "2.2": [so_factor_rounded, so_scale_at_most_one],
    "3.1": [ho_column_blocks_512, ho_glorot_for_wide],
    "3.2": [uo_squeezed, uo_lecun_for_output_layer],
    "4.1": [go_memo_by_function, go_outputs_clipped],
    "5.1": [lo_sorted_keys, lo_stop_on_small_change],
    "6.1": [vo_verdict_from_rounded_factor, vo_spread_with_direction],
}
