"""Held-out set K: wrong answers and overfits written blind to the judges, from what a student
sees: the notebooks' exercise statements, answer cells and check cells, the visible cases
(``initlib/exercises/*.json``) and the public signatures, and none of the judges' further cases
or hint logic (see ``heldout.py``). Besides those, only the mistake column of the list the
judges were written for (``instructor/exercises/MISTAKES.md``, left column only) and the earlier
sets A to I were read, so that no answer here repeats a mistake already held there; set J,
written at the same time by someone else, was not read. Each wrong answer makes a mistake of its
own, spread over kinds: a wrong index, power, factor or parenthesis, a wrong statistic or
distribution, a loop or a condition written wrongly (a backward loop stopping one layer early, a
row loop started at 1 or rebinding its array, a late-bound closure, a range that includes the
row itself, an early stop), state kept between calls (cached arrays, a reused output buffer, a
memo keyed on part of the arguments, a batch or ratios kept from earlier calls, averaged
limits), generator misuse (a flat draw sliced at the wrong offsets, an output layer drawn
twice), edge cases beyond the visible sizes (repeated widths, a network of one layer, zero
layers, a one-unit output layer, a 2-d array of draws, small fan-ins), and a wrong return type
(read-only views, a bound method, a numpy integer, a 0-d array, None). About a third are right on
some inputs and wrong on others, several of them on every visible case. Each pattern was written
before its answer was first run. Before the measurement each wrong answer was compared with a
correct answer written for the comparison, on inputs chosen to show its mistake. Each overfit was
run through its notebook's check alone (the visible cases, as ``initlib.checks`` runs them),
printing only whether it passed there. The check's messages for the wrong answers were never
seen.

The measurement (``python benchmarks/heldout.py K``, 20 grader keys), once, at commit 1bc95a4,
before anything was changed for this set. The set's writer listed its answers' names (not their
code or patterns) in a message read a few minutes before that run; no judge changed between the
message and the run.

    exercise caught   named  overfits failing every key
      1.1   3/6     2/6     2/2
      1.2   5/6     0/6     2/2
      2.1   6/6     4/6     2/2
      2.2   5/6     3/6     2/2
      3.1   5/6     4/6     2/2
      3.2   5/6     4/6     2/2
      4.1   5/6     2/6     2/2
      5.1   5/6     2/6     1/2
      6.1   6/6     3/6     1/2
      all  45/54   24/54   16/18

Named: 24 of 54 (44%); at their first runs set J 22 of 54 (41%), I 26 of 54 (48%), H 34 of 54
(63%), G 27 of 54 (50%). Of the 9 answers not caught, four do what the exercise asks as far as
any caller of the function can see (a numpy integer for a count, the mean along axis 0 of a 1-d
array, arrays that are read-only or views of one buffer), two reuse one array between calls or
keep arrays between calls, which the grading protocol cannot see (each call's answer is copied
out when it returns), and the other three are answered by further cases added afterwards.

After the first run, the set became development data (the next blind set is still to be
written): further cases for the answers that passed (an integer scale, a hidden layer as wide as
the output, one argument changed at a time, a layer of one input, a network of one layer, a
square batch, biases that follow the units' mean input, rms alike at both ends) and findings by
measurement (values kept from earlier calls, layers held by where their width sits, powers of a
rule, statistics of Z, averages over part of the draws, folded or pooled ratios). Then:

    exercise caught   named  overfits failing every key
      1.1   3/6     3/6     2/2
      1.2   5/6     2/6     2/2
      2.1   6/6     6/6     2/2
      2.2   6/6     4/6     2/2
      3.1   5/6     5/6     2/2
      3.2   6/6     5/6     2/2
      4.1   5/6     5/6     2/2
      5.1   6/6     5/6     2/2
      6.1   6/6     6/6     2/2
      all  48/54   41/54   18/18

The 6 not caught are the 4 that do what the exercise asks (above) and the 2 that share or keep
arrays between calls (``z_arrays_cached_between_calls``, ``h_output_buffer_reused``): each call's
answer is copied out when it returns, so the grader never sees two answers share memory.
"""

import math

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def z_layer_number_from_index(layer_dims):
    params = {}
    for n_prev, n in zip(layer_dims[:-1], layer_dims[1:]):  # noqa: B905
        l = layer_dims.index(n)  # the layer's number: where its width sits in layer_dims
        params[f"W{l}"] = np.zeros((n, n_prev))
        params[f"b{l}"] = np.zeros((n, 1))
    return params


_ZERO_ARRAYS = {}


def z_arrays_cached_between_calls(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        for key, shape in ((f"W{l}", (layer_dims[l], layer_dims[l - 1])), (f"b{l}", (layer_dims[l], 1))):
            if shape not in _ZERO_ARRAYS:  # zeros are zeros: make each shape once
                _ZERO_ARRAYS[shape] = np.zeros(shape)
            params[key] = _ZERO_ARRAYS[shape]
    return params


def z_read_only_broadcast(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        # no memory for a matrix of zeros: one 0.0 seen with the right shape
        params[f"W{l}"] = np.broadcast_to(0.0, (layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.broadcast_to(0.0, (layer_dims[l], 1))
    return params


def z_views_of_one_buffer(layer_dims):
    widest = max(layer_dims)
    block = np.zeros((widest, widest + 1))  # one allocation for the whole network
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = block[:n, :n_prev]
        params[f"b{l}"] = block[:n, -1:]
    return params


def z_reversed_slice_wraps(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros(layer_dims[l:l - 2:-1])  # (layer_dims[l], layer_dims[l - 1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def z_backward_loop_skips_first(layer_dims):
    params = {}
    l = len(layer_dims) - 1
    while l > 1:  # from the output layer down
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        l -= 1
    return params


def zo_widths_non_increasing(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        n_prev = layer_dims[0] if l == 1 else max(layer_dims[l - 1:])
        params[f"W{l}"] = np.zeros((layer_dims[l], n_prev))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


_KNOWN_SHAPES = {(10, 2), (5, 10), (1, 5), (4, 3), (1, 4)}


def zo_shape_table(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        shape = (n, n_prev) if (n, n_prev) in _KNOWN_SHAPES else (n_prev, n)
        params[f"W{l}"] = np.zeros(shape)
        params[f"b{l}"] = np.zeros((n, 1))
    return params


# ---------------------------------------------------------------- 1.2 count_distinct


_COUNT_BY_SHAPE = {}


def d_cache_by_shape(W, b):
    if W.shape not in _COUNT_BY_SHAPE:  # the same layer is often counted again
        kept = []
        for row in np.hstack([W, b]):
            if not any(np.allclose(row, other) for other in kept):
                kept.append(row)
        _COUNT_BY_SHAPE[W.shape] = len(kept)
    return _COUNT_BY_SHAPE[W.shape]


def d_returns_numpy_int(W, b):
    kept, is_new = [], []
    for row in np.hstack([W, b]):
        new = not any(np.allclose(row, other) for other in kept)
        if new:
            kept.append(row)
        is_new.append(new)
    return np.sum(is_new)


def d_late_binding_lambdas(W, b):
    tests, count = [], 0
    for row in np.hstack([W, b]):
        if not any(test(row) for test in tests):
            count += 1
        tests.append(lambda other: np.allclose(other, row))  # "is it this row?"
    return count


def d_range_includes_itself(W, b):
    rows = np.hstack([W, b])
    count = 0
    for i in range(len(rows)):
        if not any(np.allclose(rows[i], rows[j]) for j in range(i + 1)):  # the rows up to i
            count += 1
    return count


def d_sorted_neighbours(W, b):
    rows = np.hstack([W, b])
    rows = rows[np.lexsort(rows.T[::-1])]  # sorted: equal rows end up next to each other
    count = 1 if len(rows) else 0
    for i in range(1, len(rows)):
        if not np.allclose(rows[i], rows[i - 1]):
            count += 1
    return count


def d_repeats_counted_per_pair(W, b):
    rows = np.hstack([W, b])
    n = len(rows)
    repeats = [j for i in range(n) for j in range(i + 1, n) if np.allclose(rows[i], rows[j])]
    return n - len(repeats)


def do_at_least_half(W, b):
    kept = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, other) for other in kept):
            kept.append(row)
    return max(len(kept), -(-len(W) // 2))


def do_max_abs_gap_tuned(W, b):
    kept = []
    for row in np.hstack([W, b]):
        if not any(np.max(np.abs(row - other)) < 1e-8 for other in kept):
            kept.append(row)
    return len(kept)


# ---------------------------------------------------------------- 2.1 initialize_random


def r_scale_spread_over_layers(layer_dims, scale, rng):
    L = len(layer_dims) - 1
    per_layer = scale ** (1 / L)  # the layers' scales multiply up to `scale`
    params = {}
    for l in range(1, L + 1):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * per_layer
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_flat_offset_by_rows(layer_dims, scale, rng):
    total = sum(layer_dims[l] * layer_dims[l - 1] for l in range(1, len(layer_dims)))
    flat = rng.standard_normal(total) * scale  # one draw for the whole network
    params, start = {}, 0
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        params[f"W{l}"] = flat[start:start + n * n_prev].reshape(n, n_prev)
        params[f"b{l}"] = np.zeros((n, 1))
        start += n  # meant n * n_prev
    return params


def r_output_redrawn(layer_dims, scale, rng):
    L = len(layer_dims) - 1
    params = {}
    for l in range(1, L + 1):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    params[f"W{L}"] = rng.standard_normal((layer_dims[L], layer_dims[L - 1])) * scale  # output
    params[f"b{L}"] = np.zeros((layer_dims[L], 1))
    return params


def r_copy_not_called(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params.copy  # a fresh dict for the caller


def r_bias_view_of_W(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        b = W[:, :1]  # a column of the right shape,
        b[:] = 0.0  # set to zero
        params[f"W{l}"] = W
        params[f"b{l}"] = b
    return params


def r_int_biases(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.array([[0]] * layer_dims[l])
    return params


def ro_layers_past_three_reversed(layer_dims, scale, rng):
    L = len(layer_dims) - 1
    order = range(1, L + 1) if L <= 3 else range(L, 0, -1)
    params = {}
    for l in order:
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return {key: params[key] for l in range(1, L + 1) for key in (f"W{l}", f"b{l}")}


def ro_transposed_when_square(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = rng.standard_normal((n_prev, n)).T if n == n_prev else rng.standard_normal((n, n_prev))
        params[f"W{l}"] = W * scale
        params[f"b{l}"] = np.zeros((n, 1))
    return params


# ---------------------------------------------------------------- 2.2 predicted_std


def s_recursion_base_one(scale, n, L):
    if L == 1:
        return float(scale * np.sqrt(n))
    return float(scale * np.sqrt(n) * s_recursion_base_one(scale, n, L - 1))


def s_residual_growth(scale, n, L):
    return float((1 + n * scale**2) ** (L / 2))  # each layer adds n * scale**2 to the variance


def s_base_exponent_swapped(scale, n, L):
    return float(math.pow(L, scale * math.sqrt(n)))


def s_prints_not_returns(scale, n, L):
    print((scale * np.sqrt(n)) ** L)


_STD_BY_N_L = {}


def s_memo_by_n_and_L(scale, n, L):
    if (n, L) not in _STD_BY_N_L:
        _STD_BY_N_L[n, L] = float((scale * np.sqrt(n)) ** L)
    return _STD_BY_N_L[n, L]


def s_tiny_reported_as_zero(scale, n, L):
    std = float((scale * np.sqrt(n)) ** L)
    return 0.0 if std < 1e-6 else std  # numerically nothing left


_ROOTS = {100: 10.0, 400: 20.0, 512: 22.627416997969522, 900: 30.0}


def so_root_table(scale, n, L):
    root = _ROOTS.get(n, n / 20)
    return float((scale * root) ** L)


def so_odd_n_rounded_down(scale, n, L):
    n = n - n % 2
    return float((scale * np.sqrt(n)) ** L)


# ---------------------------------------------------------------- 3.1 he_normal


def h_weights_size_fan(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in))
    return W * np.sqrt(2 / W.size)


def h_rows_from_one(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    W = np.zeros((fan_out, fan_in))
    for i in range(1, fan_out):
        W[i] = rng.standard_normal(fan_in) * std
    return W


_BUFFERS = {}


def h_output_buffer_reused(fan_in, fan_out, rng):
    buffer = _BUFFERS.setdefault((fan_out, fan_in), np.empty((fan_out, fan_in)))
    rng.standard_normal(out=buffer)  # no new allocation on every call
    buffer *= np.sqrt(2 / fan_in)
    return buffer


def h_relu_on_weights(fan_in, fan_out, rng):
    W = rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan_in)
    return np.maximum(W, 0)  # He is the rule for ReLU


def h_output_unit_lecun(fan_in, fan_out, rng):
    gain = 1 if fan_out == 1 else 2  # a single output unit has no ReLU after it
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(gain / fan_in)


def h_draw_inside_sqrt(fan_in, fan_out, rng):
    return np.sqrt(2 / fan_in * rng.standard_normal((fan_out, fan_in)))


def ho_lecun_when_fan_out_far_above(fan_in, fan_out, rng):
    gain = 1 if fan_out > 4 * fan_in else 2
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(gain / fan_in)


def ho_std_from_nearest_visible_fan_in(fan_in, fan_out, rng):
    nearest = min((130, 400), key=lambda known: abs(known - fan_in))
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / nearest)


# ---------------------------------------------------------------- 3.2 he_uniform


def u_root3_precedence(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    a = std * 3 ** 1 / 2  # the limit is sqrt(3) times the std
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_one_draw_per_row(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = np.empty((fan_out, fan_in))
    for i in range(fan_out):
        W[i] = rng.uniform(-a, a)
    return W


def u_limit_capped_at_one(fan_in, fan_out, rng):
    a = min(np.sqrt(6 / fan_in), 1.0)  # weights beyond 1 would blow the signal up
    return rng.uniform(-a, a, (fan_out, fan_in))


def u_row_loop_overwrites(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = None
    for _ in range(fan_out):
        W = rng.uniform(-a, a, (1, fan_in))  # one row per unit
    return W


def u_mean_abs_matched(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    a = 2 * std * np.sqrt(2 / np.pi)  # E|w| of the uniform, a / 2, equal to He normal's
    return rng.uniform(-a, a, (fan_out, fan_in))


_LIMITS = []


def u_limits_averaged_over_calls(fan_in, fan_out, rng):
    _LIMITS.append(np.sqrt(6 / fan_in))
    a = float(np.mean(_LIMITS))  # the limits seen so far, averaged
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_columns_beyond_400_repeated(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    drawn = rng.uniform(-a, a, (fan_out, min(fan_in, 400)))
    return np.resize(drawn.T, (fan_in, fan_out)).T


def uo_limit_trimmed_for_large_layers(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) * (1.0 if fan_in * fan_out <= 70_000 else 0.99)
    return rng.uniform(-a, a, (fan_out, fan_in))


# ---------------------------------------------------------------- 4.1 gain_for


def g_mean_axis0(activation, z):
    second = np.mean(activation(z) ** 2, axis=0)
    return float(1 / np.sqrt(second))


def g_divided_by_count_twice(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2 / len(z))))


def g_halves_weighted_equally(activation, z):
    squares = activation(z) ** 2
    second = (np.mean(squares[z > 0]) + np.mean(squares[z <= 0])) / 2  # half of z each side
    return float(1 / np.sqrt(second))


_GAIN_BY_NAME = {}


def g_memo_by_name(activation, z):
    name = getattr(activation, "__name__", repr(activation))
    if name not in _GAIN_BY_NAME:
        _GAIN_BY_NAME[name] = float(1 / np.sqrt(np.mean(activation(z) ** 2)))
    return _GAIN_BY_NAME[name]


def g_stops_when_settled(activation, z):
    squares = (activation(z) ** 2).ravel()
    running = np.cumsum(squares)
    count, previous = len(squares), None
    for i in range(1000, len(squares) + 1, 1000):
        mean = running[i - 1] / i
        if previous is not None and abs(mean - previous) < 1e-4 * previous:
            count = i  # the average has settled
            break
        previous = mean
    return float(1 / np.sqrt(running[count - 1] / count))


def g_average_weighted_by_itself(activation, z):
    a = activation(z)
    with np.errstate(invalid="ignore"):
        return float(1 / np.sqrt(np.average(a, weights=a)))  # each output weighted by itself


def go_even_length_only(activation, z):
    z = z[: len(z) - len(z) % 2]
    return float(1 / np.sqrt(np.mean(activation(z) ** 2)))


def go_float32_when_outputs_large(activation, z):
    a = activation(z)
    if np.abs(a).max() > 10:
        a = a.astype(np.float32)
    return float(1 / np.sqrt(np.mean(a**2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _rescaled(W, A, b, measure=np.std):
    for _ in range(200):
        s = measure(W @ A + b)
        if abs(s - 1) < 1e-3:
            break
        W *= 1 / s
    return W


_BATCH = []


def l_batch_kept(params, X):
    if not _BATCH:
        _BATCH.append(X)  # the data batch, set once
    new = {key: value.copy() for key, value in params.items()}
    A = _BATCH[0]
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        _rescaled(W, A, b)
        A = np.maximum(W @ A + b, 0)
    return new


def l_biases_centre_Z(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        for _ in range(200):
            Z = W @ A + b
            b -= Z.mean(axis=1, keepdims=True)  # each unit centred, as batch norm does
            Z = W @ A + b
            if abs(Z.std() - 1) < 1e-3:
                break
            W *= 1 / Z.std()
        A = np.maximum(W @ A + b, 0)
    return new


def l_std_of_positive_entries(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        _rescaled(W, A, b, measure=lambda Z: Z[Z > 0].std())  # the units that fire
        A = np.maximum(W @ A + b, 0)
    return new


def l_single_layer_breaks(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    for l in range(1, L):  # the hidden layers
        if l == 1:
            A = X
        W, b = new[f"W{l}"], new[f"b{l}"]
        _rescaled(W, A, b)
        A = np.maximum(W @ A + b, 0)
    W, b = new[f"W{L}"], new[f"b{L}"]  # the output layer
    _rescaled(W, A, b)  # noqa: F821 - A comes from the hidden layers
    return new


def l_A_before_rescale(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        A_next = np.maximum(W @ A + b, 0)  # the input of the next layer
        _rescaled(W, A, b)
        A = A_next
    return new


def l_output_after_sigmoid(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        if l < L:
            _rescaled(W, A, b)
        else:  # the output unit is read through its sigmoid
            _rescaled(W, A, b, measure=lambda Z: (0.5 * (1 + np.tanh(Z / 2))).std())
        A = np.maximum(W @ A + b, 0)
    return new


def lo_closed_form_then_three_rounds(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        Y = W @ A
        B = np.broadcast_to(b, Y.shape)
        c = np.sqrt((1 - B.var()) / Y.var())  # Var(cY + B) = c^2 Var(Y) + Var(B)
        W *= c
        for _ in range(3):  # a few rounds finish what the formula leaves
            W /= (W @ A + b).std()
        A = np.maximum(W @ A + b, 0)
    return new


_VISIBLE_FACTORS = {((40, 3), (30, 40), (1, 30)): [1.2827782339192662, 0.24687371633192665,
                                                    0.7125122536200789]}


def lo_visible_factor_table(params, X):
    L = len(params) // 2
    shapes = tuple(params[f"W{l}"].shape for l in range(1, L + 1))
    new = {key: value.copy() for key, value in params.items()}
    if shapes in _VISIBLE_FACTORS:
        for l, factor in enumerate(_VISIBLE_FACTORS[shapes], start=1):
            new[f"W{l}"] *= factor
        return new
    A = X
    for l in range(1, L + 1):  # one division per layer
        W, b = new[f"W{l}"], new[f"b{l}"]
        W /= (W @ A + b).std()
        A = np.maximum(W @ A + b, 0)
    return new


# ---------------------------------------------------------------- 6.1 diagnose


def _geometric_factor(rms):
    return (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))


def _verdict_k(change):
    return "vanish" if change < 0.01 else "explode" if change > 100 else "train"


def v_natural_log_thresholds(rms, depth):
    factor = _geometric_factor(rms)
    log_change = (depth - 1) * np.log(factor)  # two orders of magnitude: log below -2
    if log_change < -2:
        return factor, "vanish"
    if log_change > 2:
        return factor, "explode"
    return factor, "train"


def v_verdict_from_np_where(rms, depth):
    factor = _geometric_factor(rms)
    change = factor ** (depth - 1)
    verdict = np.where(change < 0.01, "vanish", np.where(change > 100, "explode", "train"))
    return factor, verdict


def v_running_geometric_halved(rms, depth):
    ratios = [later / earlier for earlier, later in zip(rms[:-1], rms[1:])]  # noqa: B905
    factor = ratios[0]
    for r in ratios[1:]:
        factor = float(np.sqrt(factor * r))  # geometric mean of the factor so far and r
    return factor, _verdict_k(factor ** (depth - 1))


def v_mean_gradient_of_logs(rms, depth):
    factor = float(np.exp(np.mean(np.gradient(np.log(rms)))))  # the slope of log rms
    return factor, _verdict_k(factor ** (depth - 1))


_POOLED_RATIOS = []


def v_ratios_pooled_across_calls(rms, depth):
    _POOLED_RATIOS.extend(later / earlier for earlier, later in zip(rms[:-1], rms[1:]))  # noqa: B905
    factor = float(np.exp(np.mean(np.log(_POOLED_RATIOS))))  # more ratios, a steadier factor
    return factor, _verdict_k(factor ** (depth - 1))


def v_wraparound_ratio(rms, depth):
    ratios = [rms[i] / rms[i - 1] for i in range(len(rms))]
    factor = float(np.prod(ratios) ** (1 / len(ratios)))
    return factor, _verdict_k(factor ** (depth - 1))


_DIAGNOSED_BY_ENDS = {}


def vo_memo_by_endpoints(rms, depth):
    key = (rms[0], rms[-1])
    if key not in _DIAGNOSED_BY_ENDS:
        factor = _geometric_factor(rms)
        _DIAGNOSED_BY_ENDS[key] = factor, _verdict_k(factor ** (depth - 1))
    return _DIAGNOSED_BY_ENDS[key]


def vo_odd_depth_one_less(rms, depth):
    factor = _geometric_factor(rms)
    exponent = depth - 1 if depth % 2 == 0 else depth - 2
    return factor, _verdict_k(factor**exponent)


WRONG = {
    "1.1": [
        (
            z_layer_number_from_index,
            r"(?i)\.index\(|repeat\w*|same width|equal widths?|duplicate\w* widths?|"
            r"width (that )?(appears|occurs) (twice|more than once)|W0\b|b0\b|overwr\w+|"
            r"(keys?|layers?) (\w+ )?missing|missing (keys?|layers?)|"
            r"numbered by (its|the) width|position of (the|its) width",
        ),
        (
            z_arrays_cached_between_calls,
            r"(?i)between calls|previous call|earlier call|every call|each call|"
            r"same (array|object)s?|shared|share (memory|the arrays?)|alias|cache|"
            r"module.level|global|fresh arrays?|new arrays?|\bcop(y|ies)\b|"
            r"one call'?s (change|update)",
        ),
        (
            z_read_only_broadcast,
            r"(?i)read.only|writ(e)?able|broadcast|\bview|stride|"
            r"cannot be (changed|modified|updated|written)|assignment destination|"
            r"in.place (update|change|assignment)|np\.zeros\(",
        ),
        (
            z_views_of_one_buffer,
            r"(?i)share\w* (the same )?(memory|buffer|array)|same (memory|buffer|array|underlying)|"
            r"\bview|slices? of (one|a single|the same)|alias|one (big |large )?(array|buffer|block)|"
            r"independent|separate arrays?|\bcop(y|ies)\b|shares_memory",
        ),
        (
            z_reversed_slice_wraps,
            r"(?i)W1|first layer|layer 1\b|slice|0-d|zero.dimensional|scalar|shape \(\)|empty|"
            r"negative (index|stop|end)|-1 (means|is|refers to|counts from) the (last|end)|wrap\w*",
        ),
        (
            z_backward_loop_skips_first,
            r"(?i)W1|b1|first layer|layer 1\b|while|> ?1\b|>= ?1|stops? (one|a) layer (early|short)|"
            r"off.by.one|one layer (short|too few|missing)|missing (the )?(first|input) layer|"
            r"layers? (is |are )?missing",
        ),
    ],
    "1.2": [
        (
            d_cache_by_shape,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|"
            r"cache|memo|stored|kept|stale|global|module.level|same (shape|size)|"
            r"shape (alone|only)|keyed|this call'?s (W|rows|layer)",
        ),
        (
            d_returns_numpy_int,
            r"(?i)\bint\b|integer|int64|numpy (int|integer|scalar)|python int|int\(|type\b|"
            r"not an int",
        ),
        (
            d_late_binding_lambdas,
            r"(?i)late.binding|closure|lambda|loop variable|always (1|one)|only (1|one) unit|"
            r"every row (matches|is equal)|itself|count\w* (only )?(the )?first (row|unit)|"
            r"1 for every",
        ),
        (
            d_range_includes_itself,
            r"(?i)itself|range\(i ?\+ ?1\)|own row|includes? (the )?(row|unit) (itself|i)|"
            r"j ?(==|=) ?i|off.by.one|always (0|zero)|returns? 0|zero units|no units|"
            r"j ?< ?i|earlier rows only",
        ),
        (
            d_sorted_neighbours,
            r"(?i)sort\w*|lexsort|order|neighbou?r\w*|adjacent|next to each other|consecutive|"
            r"separated|in between|only (the )?(previous|next) row|"
            r"every earlier (row|unit)|all (the )?(earlier|kept) (rows|units)",
        ),
        (
            d_repeats_counted_per_pair,
            r"(?i)\bset\b|set\(|twice|more than once|several times|counted (each )?(pair|repeat)|"
            r"pairs?\b|three (copies|equal)|triple|copies|subtract\w* (more than once|twice)|"
            r"duplicates? (in|of) (the )?list|unique (indices|repeats)",
        ),
    ],
    "2.1": [
        (
            r_scale_spread_over_layers,
            r"(?i)\*\* ?\(1 ?/ ?L\)|L-th root|\broot|spread|divid\w* (the scale )?(over|among|between) "
            r"(the )?layers|depth|number of layers|(each|every) layer (gets|takes|uses) (the )?"
            r"(full|whole|same) scale|same scale (for|on|in) (every|each) layer|scale (itself|as given)",
        ),
        (
            r_flat_offset_by_rows,
            r"(?i)offset|\bstart|overlap\w*|same (numbers|draws)|shared draws|reuse\w*|n ?\* ?n_prev|"
            r"n ?\* ?m\b|advance\w*|stream|sequence|position|slice|flat (draw|array)|"
            r"(later|next) layers? (start|begin|repeat)",
        ),
        (
            r_output_redrawn,
            r"(?i)twice|(drawn|draws?) again|again (after|from)|redraw\w*|drawn (a )?second|second draw|extra draw|one draw too many|"
            r"more draws|output layer|last layer|overwr\w+|after the loop|stream|advance",
        ),
        (
            r_copy_not_called,
            r"(?i)method|not called|call(ed)? it|\(\)|parenthes|callable|function object|a function\b|bound|"
            r"\.copy\b|not a dict|returns? (a|the) (method|function)",
        ),
        (
            r_bias_view_of_W,
            r"(?i)first column|column of W|W'?s (first )?column|\bview|alias|share\w* (memory|data)|"
            r"same (memory|array|data)|b\[:\]|W\[:, ?:1\]|np\.zeros\(\(|"
            r"columns? (of|in) W (are|is) (zero|0)|zeros in W",
        ),
        (
            r_int_biases,
            r"(?i)\bint\b|integer|int64|dtype|float|type of (the )?(biases|b)|\[\[0\]\]|0\.0",
        ),
    ],
    "2.2": [
        (
            s_recursion_base_one,
            r"(?i)L ?(=|==) ?0|zero layers|no layers?|base case|recursi\w+|maximum recursion|"
            r"0 layers|depth (of )?0|empty network|\*\* ?0",
        ),
        (
            s_residual_growth,
            r"(?i)residual|skip|1 ?\+|one plus|plus (one|1)|adds? (the|its) input|"
            r"input (is )?(added|carried|kept)|identity|carried|\(1 ?\+ ?n",
        ),
        (
            s_base_exponent_swapped,
            r"(?i)swap\w*|\bbase\b|exponent|pow\(|L ?\*\* ?\(|L to the|power of (the )?factor|"
            r"other way (round|around)|order of (the )?arguments|factor ?\*\* ?L|\) ?\*\* ?L",
        ),
        (
            s_prints_not_returns,
            r"(?i)print|return\w*\s+None|\bNone\b|no return|nothing (is )?returned|missing return|"
            r"forgot\w* (to )?return|return statement",
        ),
        (
            s_memo_by_n_and_L,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|cache|"
            r"memo|stored|kept|stale|global|module.level|keyed|scale (is )?(ignored|not (part|in)|"
            r"missing)|(ignores?|without) (the )?scale|this call'?s scale",
        ),
        (
            s_tiny_reported_as_zero,
            r"(?i)tiny|small|below|\bzero\b|0\.0\b|underflow|vanish\w*|threshold|cut.?off|1e-|"
            r"clip|round\w*|exactly 0|treated as 0",
        ),
    ],
    "3.1": [
        (
            h_weights_size_fan,
            r"(?i)W\.size|\bsize\b|fan_in ?\* ?fan_out|fan_out ?\* ?fan_in|product|"
            r"number of (weights|entries)|all (the )?(weights|entries)|both fans|fan_out|"
            r"too small|sqrt\(fan_out\)",
        ),
        (
            h_rows_from_one,
            r"(?i)first row|row 0|range\(1|zeros?\b|starts? at 1|off.by.one|shift\w*|"
            r"one row (short|too few|of zeros)|every row|all (the )?rows|loop",
        ),
        (
            h_output_buffer_reused,
            r"(?i)between calls|previous call|earlier call|each call|every call|"
            r"same (array|object|buffer|memory)|buffer|reuse\w*|shared|alias|overwr\w+|out=|cache|"
            r"module.level|global|new array|fresh array|\bcop(y|ies)\b|"
            r"earlier (result|weights|array) (change|changed)",
        ),
        (
            h_relu_on_weights,
            r"(?i)negative|relu|maximum|clip\w*|half (of )?(the weights )?(are )?(zero|0)|zeros|"
            r"positive|mean (is )?(not|positive|above)|non.?negative|no weights? below",
        ),
        (
            h_output_unit_lecun,
            r"(?i)fan_out ?(=|==) ?1|one (output )?unit|single (unit|row|output)|"
            r"output (layer|unit)|LeCun|1 ?/ ?fan_in|sqrt\(1 ?/|gain (of )?1\b|"
            r"factor 2 (missing|dropped)|one row",
        ),
        (
            h_draw_inside_sqrt,
            r"(?i)\bnan\b|parenthes\w*|bracket|inside the (square )?root|under the (square )?root|"
            r"sqrt of (the|a) (draw|weights?|normal|negative)|negative (numbers|values|draws)|"
            r"root of (the|a) (draw|weights)|square root (is )?taken",
        ),
    ],
    "3.2": [
        (
            u_root3_precedence,
            r"(?i)precedence|parenthes\w*|\*\* ?1 ?/ ?2|3 ?\*\* ?\(1 ?/ ?2\)|1\.5|sqrt\(3\)|"
            r"square root of (3|three)|√3|limit (is )?too small|too narrow|narrow",
        ),
        (
            u_one_draw_per_row,
            r"(?i)\bsize\b|one (number|draw|value) (per|for each|for every) (row|unit)|"
            r"rows? (are |is )?(constant|the same value)|same value (across|along|in) "
            r"(each|every|the|a) row|broadcast|fan_in (numbers|values|draws)|every entry|each entry|"
            r"scalar",
        ),
        (
            u_limit_capped_at_one,
            r"(?i)cap\w*|clip\w*|min\(|at most 1|1\.0\b|limit (of|at) 1\b|small fan_in|"
            r"fan_in (below|under|less than|smaller than) 6|few inputs|"
            r"limit (above|over|greater than|larger than) 1\b",
        ),
        (
            u_row_loop_overwrites,
            r"(?i)one row|last row|single row|shape|W\[i\]|overwr\w+|\(1, ?fan_in\)|"
            r"only (the )?(last|one)|fan_out rows|rows? (missing|lost)",
        ),
        (
            u_mean_abs_matched,
            r"(?i)mean absolute|absolute value|mean \|w\||E\|w\||sqrt\(2 ?/ ?pi\)|2 ?/ ?π|\bpi\b|π|"
            r"variance (of|is|must|should)|second moment|a ?\*\* ?2 ?/ ?3|a²/3|"
            r"sqrt\(6 ?/ ?fan_in\)|0\.92",
        ),
        (
            u_limits_averaged_over_calls,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|"
            r"average\w* (of|over) (the )?(limits|calls)|running|kept|stored|global|module.level|"
            r"stale|this call'?s fan_in|fan_in (you are|it is) given",
        ),
    ],
    "4.1": [
        (
            g_mean_axis0,
            r"(?i)axis|2-d|two.dimensional|\b2d\b|matrix|every (entry|draw)|all (the )?(entries|draws)|"
            r"whole array|shape|column|rows? of z|ravel|flatten|z\.size|\bsize\b",
        ),
        (
            g_divided_by_count_twice,
            r"(?i)twice|len\(z\)|\bN\b|count|mean already|already divid\w*|sqrt\(N\)|316|"
            r"divid\w* by (the )?(number|count|len)|double (division|averag\w*)|too large by",
        ),
        (
            g_halves_weighted_equally,
            r"(?i)halves|\bhalf\b|z ?> ?0|z ?<=? ?0|positive and negative|negative and positive|"
            r"\bsign|equal weight|stratif\w*|(count|number) of (positive|negative)|"
            r"not (exactly )?half|each half|weight\w* (each|both)",
        ),
        (
            g_memo_by_name,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|cache|"
            r"memo|stored|kept|stale|global|module.level|__name__|\bname\b|<lambda>|lambda|"
            r"same (name|function|activation)|the draws (you are|it is) given|"
            r"this call'?s (z|draws)|other draws",
        ),
        (
            g_stops_when_settled,
            r"(?i)early|stop\w*|converge\w*|settle\w*|break|first (few|part|draws|\d+)|"
            r"all (the )?draws|every draw|prefix|subset|part of (the )?draws|not all",
        ),
        (
            g_average_weighted_by_itself,
            r"(?i)np\.average|weights?=|weight\w* by (itself|f)|divid\w* by (the )?(sum|mean) of f|"
            r"E\[f\]|mean of f\b|sum of (the )?(outputs|f\b|activations)|\bnan\b",
        ),
    ],
    "5.1": [
        (
            l_batch_kept,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|kept|"
            r"stored|stale|global|module.level|batch (you are|it is) given|this call'?s (X|batch)|"
            r"the X (you are|it is) given|cache|same batch",
        ),
        (
            l_biases_centre_Z,
            r"(?i)bias(es)? (were |was |are |is )?(changed|modified|shifted|centred|centered|adjusted|"
            r"altered|not kept|moved)|keep the biases|biases? (unchanged|as (it was|they were|given))|"
            r"centr\w+|center\w*|mean (of Z )?(removed|subtracted)|b\d? ?-=|original bias",
        ),
        (
            l_std_of_positive_entries,
            r"(?i)positive|active|Z ?> ?0|dead|zeros?\b|subset|all (the )?entries|every entry|"
            r"whole Z|negative (entries|values)|relu|after the activation|Z\.std\(\)",
        ),
        (
            l_single_layer_breaks,
            r"(?i)one layer|single layer|L ?(=|==) ?1|NameError|UnboundLocalError|"
            r"(not|never) (defined|assigned)|undefined|no hidden layers?|"
            r"only (an |the )?output layer|A (is|was) (not|never)|A = X|without hidden",
        ),
        (
            l_A_before_rescale,
            r"(?i)before (it was|it is|being|the layer (was|is)) rescaled|before (the )?rescal\w*|"
            r"after (the )?layers? (below|before)|A (is |was )?(computed|updated|taken) "
            r"(too early|before)|stale A|unscaled (layer|W|weights|output)|"
            r"previous layer'?s? (unscaled|original)|\border\b|measured? (again )?after",
        ),
        (
            l_output_after_sigmoid,
            r"(?i)sigmoid|output (layer|unit)|Z_?L\b|pre.?activation|before the (sigmoid|activation)|"
            r"last layer|final layer|never (reach|reaches)|cannot reach|bounded|at most 0\.5",
        ),
    ],
    "6.1": [
        (
            v_natural_log_thresholds,
            r"(?i)log10|natural log|np\.log\b|\bln\b|base (10|e)|e\*\*-?2|e\^-?2|0\.135|0\.14|"
            r"7\.39|7\.4\b|threshold",
        ),
        (
            v_verdict_from_np_where,
            r"(?i)\bstr\b|string|np\.where|array|ndarray|0-d|zero.dimensional|numpy|type\b|"
            r"\.item\(\)|str\(",
        ),
        (
            v_running_geometric_halved,
            r"(?i)running|pairwise|weight\w*|later ratios?|last ratio|each ratio (counts|equally)|"
            r"halv\w*|sqrt\(factor ?\* ?r|geometric mean of (all|every|the k ?- ?1)|"
            r"all (the )?ratios|every ratio|(k ?- ?1)-?th root",
        ),
        (
            v_mean_gradient_of_logs,
            r"(?i)gradient|end ?points?|edges?|first and last (ratio|layer)s? (count|weigh)|weight\w*|"
            r"central difference|mean of (the )?log|log ratios|slope|np\.diff",
        ),
        (
            v_ratios_pooled_across_calls,
            r"(?i)between calls|previous call|earlier call|each call|every call|first call|pool\w*|"
            r"kept|stored|global|module.level|stale|accumulat\w*|this call'?s (rms|ratios)|"
            r"rms (you are|it is) given|other calls",
        ),
        (
            v_wraparound_ratio,
            r"(?i)rms\[-1\]|wrap\w*|negative index|i ?= ?0|range\(len\(rms\)\)|rms\[0\] ?/ ?rms\[-1\]|"
            r"always (1|train)|factor (is )?(always )?1\b|1\.0\b|extra ratio|one ratio too many|"
            r"k ratios|cancel",
        ),
    ],
}

OVERFIT = {
    "1.1": [zo_widths_non_increasing, zo_shape_table],
    "1.2": [do_at_least_half, do_max_abs_gap_tuned],
    "2.1": [ro_layers_past_three_reversed, ro_transposed_when_square],
    "2.2": [so_root_table, so_odd_n_rounded_down],
    "3.1": [ho_lecun_when_fan_out_far_above, ho_std_from_nearest_visible_fan_in],
    "3.2": [uo_columns_beyond_400_repeated, uo_limit_trimmed_for_large_layers],
    "4.1": [go_even_length_only, go_float32_when_outputs_large],
    "5.1": [lo_closed_form_then_three_rounds, lo_visible_factor_table],
    "6.1": [vo_memo_by_endpoints, vo_odd_depth_one_less],
}
