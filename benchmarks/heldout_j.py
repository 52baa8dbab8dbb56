"""Held-out set J: wrong answers and overfits written after set I, blind, from what a student
sees (the notebooks' exercise statements, answer cells and check cells, the visible cases in
``initlib/exercises/*.json`` and the public signatures) and none of the judges' code, further
cases or hint logic (``heldout.py`` itself was not read, not even its docstring). Also read: the
mistake column (the left column only) of ``instructor/exercises/MISTAKES.md`` and the earlier
sets A to I, both to leave out every mistake already held there; no exercise module, no check
code, no test and no git history of those files was read.

Each answer here makes a mistake of its own, not in sets A to I nor in the mistake column. The
spread over kinds: a wrong index (an ``enumerate`` offset, the wrong axis of the previous
array, ratios taken to the first rms, a previous width found with ``list.index``), a wrong power
or factor (a fourth power, the count divided twice, a product of the fans, the root of the std,
a doubling forgotten, log bases mixed, the change of the variance), a wrong statistic or
distribution (an interquartile spread, halves weighted equally, logs taken in absolute value,
the largest weight as the scale, pairs subtracted), loops and conditions (a line dedented out of
the loop, a counter per array, rows from 1, the last row skipped, the ``=+`` typo, a missing
branch, a loop one step too long, a ``break`` at the output's width, ``reduce`` without a
start, a slice that holds the row itself), state kept between calls (a depth, layer widths, a
memo keyed on the depth, a batch, a shape, draws, ratios), an iterator or generator misused (a
shared output buffer, an iterator shared by two loops, a generator of keys used twice), edge
cases beyond the visible sizes (a single layer, repeated widths, an integer scale, odd fans, a
fan-in of 1, odd row counts, 2-d draws, a batch as wide as the inputs, tiny and huge results,
a layer of more than a thousand distinct units), wrong return types (a NumPy integer, a dict,
the input dict, None). About a third are right on every visible case (17 of 54, one of them in
value only) and ten more on some of them. Each pattern was written before its answer was first run; after the
first run seven were narrowed against generic messages of the kind any judge prints (``dict``
inside "verdict", ``out=`` inside "fan_out=", a bare "fan_out", "shape" or "weight"), never
against a judge's message. Before finishing, each wrong answer was compared with a correct
answer written for the comparison, on inputs chosen to show its mistake (call sequences for the
answers that keep state, two results held at once for the shared buffer): every one differs
from it; four answers of 1.2 were vectorised after that comparison found them slow on a layer
of 1500 units, and compared again. Each overfit was run through its notebook's check alone
(the visible cases, as ``initlib.checks`` runs them), printing only whether it passed there:
one failed (an absolute tolerance tuned to the visible gaps) and was replaced by
``do_biases_decide_when_long``; the final 18 all pass, and each was shown to differ from the
correct answer on an input of its own. The check's messages for the wrong answers were never
seen.

The measurement (``python benchmarks/heldout.py J``, 20 grader keys), once, at commit 1bc95a4,
before anything was changed for this set, but not blind: while the set was being written, a lint
run over ``benchmarks/`` printed about a dozen of its lines (the names and patterns of 16 answers,
among them three that keep a value from an earlier call) at about 22:20 UTC, and the judges
changed after that (values kept from earlier calls, None returned, several values returned, a
scale that reaches some layers only, summaries over 2.2's layers) before this run. Set K, written
at the same time by someone else, is the blind measurement of that round.

    exercise caught   named  overfits failing every key
      1.1   6/6     4/6     2/2
      1.2   4/6     1/6     1/2
      2.1   4/6     3/6     2/2
      2.2   5/6     1/6     2/2
      3.1   4/6     1/6     2/2
      3.2   6/6     3/6     2/2
      4.1   5/6     2/6     2/2
      5.1   5/6     3/6     2/2
      6.1   6/6     4/6     1/2
      all  45/54   22/54   16/18

Named: 22 of 54 (41%).

After the first run, with set K, this set became development data (see ``heldout_k.py``). Then:

    exercise caught   named  overfits failing every key
      1.1   6/6     6/6     2/2
      1.2   4/6     3/6     2/2
      2.1   6/6     5/6     2/2
      2.2   5/6     4/6     2/2
      3.1   5/6     4/6     2/2
      3.2   6/6     5/6     2/2
      4.1   5/6     5/6     2/2
      5.1   6/6     6/6     2/2
      6.1   6/6     5/6     2/2
      all  49/54   43/54   18/18

Not caught: a numpy integer for a count, the mean along axis 0 of a 1-d array and a recursion that
splits the rows by the first one's twins (each as right as the exercise's answer on every layer
the grader draws), a power of Python floats that overflows past 1e308 (no case's std is that
large) and an output buffer reused between calls (invisible to the grader, as in set K).
"""

import functools
import math

import numpy as np

# ---------------------------------------------------------------- 1.1 initialize_zeros


def z_bias_after_loop(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
    params[f"b{l}"] = np.zeros((layer_dims[l], 1))  # dedented: after the loop
    return params


def z_counter_per_array(layer_dims):
    params = {}
    k = 0
    for l in range(1, len(layer_dims)):
        k += 1
        params[f"W{k}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        k += 1
        params[f"b{k}"] = np.zeros((layer_dims[l], 1))
    return params


def z_enumerate_offset(layer_dims):
    params = {}
    for l, n in enumerate(layer_dims[1:]):  # l starts at 0 here
        params[f"W{l + 1}"] = np.zeros((n, layer_dims[l - 1]))
        params[f"b{l + 1}"] = np.zeros((n, 1))
    return params


def z_output_fed_by_last_hidden(layer_dims):
    params = {}
    hidden = layer_dims[1:-1]
    for l, n in enumerate(hidden, start=1):
        params[f"W{l}"] = np.zeros((n, layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((n, 1))
    L = len(layer_dims) - 1
    params[f"W{L}"] = np.zeros((layer_dims[-1], hidden[-1]))  # the output reads the last hidden layer
    params[f"b{L}"] = np.zeros((layer_dims[-1], 1))
    return params


def z_prev_width_wrong_axis(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        n_prev = layer_dims[0] if l == 1 else params[f"W{l - 1}"].shape[1]  # the previous layer's width
        params[f"W{l}"] = np.zeros((layer_dims[l], n_prev))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


_DEPTH = []


def z_depth_kept_between_calls(layer_dims):
    if not _DEPTH:
        _DEPTH.append(len(layer_dims) - 1)  # the number of layers, found once
    params = {}
    for l in range(1, _DEPTH[0] + 1):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def zo_widths_sorted_descending(layer_dims):
    widths = [layer_dims[0]] + sorted(layer_dims[1:], reverse=True)  # the layers narrow towards the output
    params = {}
    for l in range(1, len(widths)):
        params[f"W{l}"] = np.zeros((widths[l], widths[l - 1]))
        params[f"b{l}"] = np.zeros((widths[l], 1))
    return params


_KNOWN_PAIRS = {(10, 2), (5, 10), (1, 5), (4, 3), (1, 4)}


def zo_shapes_from_visible_pairs(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        shape = (n, n_prev) if (n, n_prev) in _KNOWN_PAIRS else (n, n)
        params[f"W{l}"] = np.zeros(shape)
        params[f"b{l}"] = np.zeros((n, 1))
    return params


# ---------------------------------------------------------------- 1.2 count_distinct


def d_minus_close_pairs(W, b):
    rows = np.hstack([W, b])
    close = np.all(np.isclose(rows[:, None, :], rows[None, :, :]), axis=2)
    pairs = int(np.triu(close, k=1).sum())
    return len(rows) - pairs  # one unit fewer for each pair of equal rows


def d_euclidean_distance(W, b):
    distinct = []
    for row in np.hstack([W, b]):
        if not distinct or np.linalg.norm(np.array(distinct) - row, axis=1).min() >= 1e-8:
            distinct.append(row)
    return len(distinct)


def d_returns_numpy_integer(W, b):
    rows = np.hstack([W, b])
    close = np.all(np.isclose(rows[:, None, :], rows[None, :, :]), axis=2)
    new = ~np.tril(close, k=-1).any(axis=1)  # no equal row before it
    return new.sum()


def d_slice_includes_itself(W, b):
    rows = np.hstack([W, b])
    count = 0
    for i in range(len(rows)):
        if not np.all(np.isclose(rows[: i + 1], rows[i]), axis=1).any():
            count += 1
    return count


def d_shared_iterator(W, b):
    rows = iter(np.hstack([W, b]))
    count = 0
    for row in rows:
        if not any(np.allclose(row, other) for other in rows):  # the rows after this one
            count += 1
    return count


def d_recursive_split(W, b):
    def count(rows):
        if len(rows) == 0:
            return 0
        same = np.all(np.isclose(rows, rows[0]), axis=1)
        return 1 + count(rows[~same])
    return count(np.hstack([W, b]))


def do_biases_decide_when_long(W, b):
    if len(W) > 8:  # a long layer: its biases tell its units apart
        return len(np.unique(np.round(b, 6)))
    distinct = []
    for row in np.hstack([W, b]):
        if not any(np.allclose(row, other) for other in distinct):
            distinct.append(row)
    return len(distinct)


def do_first_and_last_entries(W, b):
    rows = np.hstack([W, b])
    keys = rows[:, [0, -2, -1]]  # the first weight, the last weight and the bias tell units apart
    distinct = []
    for key in keys:
        if not any(np.allclose(key, other) for other in distinct):
            distinct.append(key)
    return len(distinct)


# ---------------------------------------------------------------- 2.1 initialize_random


def r_scaling_after_loop(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    params[f"W{l}"] = params[f"W{l}"] * scale  # dedented: after the loop
    return params


_DIMS = []


def r_dims_kept_between_calls(layer_dims, scale, rng):
    if not _DIMS:
        _DIMS.extend(layer_dims)  # the network, set up once
    params = {}
    for l in range(1, len(_DIMS)):
        params[f"W{l}"] = rng.standard_normal((_DIMS[l], _DIMS[l - 1])) * scale
        params[f"b{l}"] = np.zeros((_DIMS[l], 1))
    return params


def r_scale_as_largest_weight(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        W = rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = W / np.abs(W).max() * scale  # the largest weight is the scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_int_scale_in_place(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        W = np.full((layer_dims[l], layer_dims[l - 1]), scale)
        W *= rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def r_prev_width_by_index_lookup(layer_dims, scale, rng):
    params = {}
    for l, n in enumerate(layer_dims[1:], start=1):
        n_prev = layer_dims[layer_dims.index(n) - 1]  # the width before this one
        params[f"W{l}"] = rng.standard_normal((n, n_prev)) * scale
        params[f"b{l}"] = np.zeros((n, 1))
    return params


def r_break_at_output_unit(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        if layer_dims[l] == layer_dims[-1]:  # the output layer is reached
            break
    return params


def ro_scale_by_rng_kind(layer_dims, scale, rng):
    used = scale if isinstance(rng, np.random.RandomState) else 0.01
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * used
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def ro_transposed_for_odd_inputs(layer_dims, scale, rng):
    params = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        if n_prev % 2:
            W = rng.standard_normal((n_prev, n)).T
        else:
            W = rng.standard_normal((n, n_prev))
        params[f"W{l}"] = W * scale
        params[f"b{l}"] = np.zeros((n, 1))
    return params


# ---------------------------------------------------------------- 2.2 predicted_std


def s_tiny_snapped_to_zero(scale, n, L):
    std = 1.0
    for _ in range(L):
        std *= scale * np.sqrt(n)
        if std < 1e-6:  # the signal has vanished
            return 0.0
    return float(std)


_STD_BY_DEPTH = {}


def s_memo_keyed_on_depth(scale, n, L):
    if L not in _STD_BY_DEPTH:
        _STD_BY_DEPTH[L] = float((scale * np.sqrt(n)) ** L)
    return _STD_BY_DEPTH[L]


def s_exp_with_log2(scale, n, L):
    return float(np.exp(L * np.log2(scale * np.sqrt(n))))


def s_overflow_error_python_float(scale, n, L):
    return (scale * math.sqrt(n)) ** L  # Python floats


def s_returns_dict(scale, n, L):
    variance = (n * scale**2) ** L
    return {"std": float(np.sqrt(variance)), "variance": float(variance)}


def s_reduce_without_initial(scale, n, L):
    factor = scale * np.sqrt(n)
    return float(functools.reduce(lambda std, _: std * factor, range(L)))


def so_sqrt_from_table(scale, n, L):
    roots = {100: 10.0, 400: 20.0, 512: 22.627416997969522, 900: 30.0}
    root = roots.get(n, n / 10)
    return float((scale * root) ** L)


def so_even_n_only(scale, n, L):
    n_used = n if n % 2 == 0 else n - 1
    return float((scale * np.sqrt(n_used)) ** L)


# ---------------------------------------------------------------- 3.1 he_normal


def h_fan_product(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / (fan_in * fan_out))


def h_rows_from_one(fan_in, fan_out, rng):
    W = np.zeros((fan_out, fan_in))
    for i in range(1, fan_out):
        W[i] = rng.standard_normal(fan_in) * np.sqrt(2 / fan_in)
    return W


_BUFFERS = {}


def h_shared_out_buffer(fan_in, fan_out, rng):
    out = _BUFFERS.setdefault((fan_out, fan_in), np.empty((fan_out, fan_in)))  # no new array per call
    rng.standard_normal(out=out)
    out *= np.sqrt(2 / fan_in)
    return out


def h_root_of_std(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return rng.normal(0, np.sqrt(std), (fan_out, fan_in))  # normal() given the "variance"


def h_half_fan_floor(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(1 / (fan_in // 2))


def h_std_capped_at_one(fan_in, fan_out, rng):
    std = min(np.sqrt(2 / fan_in), 1.0)  # weights of std above 1 would explode
    return rng.standard_normal((fan_out, fan_in)) * std


def ho_fan_out_below_500(fan_in, fan_out, rng):
    fan = fan_in if fan_out < 500 else fan_out
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2 / fan)


def ho_transposed_when_square(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    if fan_in == fan_out:
        return rng.standard_normal((fan_in, fan_out)).T * std
    return rng.standard_normal((fan_out, fan_in)) * std


# ---------------------------------------------------------------- 3.2 he_uniform


def u_doubling_forgotten(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return a * rng.random((fan_out, fan_in)) - a  # meant 2 * a * random - a


def u_minus_one_not_limit(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    return 2 * a * rng.random((fan_out, fan_in)) - 1  # from 2 * random - 1


def u_rows_loop_last_skipped(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = np.zeros((fan_out, fan_in))
    for i in range(fan_out - 1):
        W[i] = rng.uniform(-a, a, fan_in)
    return W


def u_drawn_in_two_halves(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    half = fan_out // 2
    top = rng.uniform(-a, a, (half, fan_in))  # two smaller draws
    bottom = rng.uniform(-a, a, (half, fan_in))
    return np.vstack([top, bottom])


def u_rows_constant(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    per_row = np.array([rng.uniform(-a, a) for _ in range(fan_out)])
    return per_row[:, None] * np.ones((fan_out, fan_in))


_SHAPE = []


def u_first_call_shape_kept(fan_in, fan_out, rng):
    if not _SHAPE:
        _SHAPE.append((fan_out, fan_in))  # the layer's shape, set up once
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, _SHAPE[0])


def uo_round_fans_only(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in) if fan_in % 10 == 0 else np.sqrt(3 / fan_in)
    return rng.uniform(-a, a, (fan_out, fan_in))


def uo_rows_beyond_visible_halved(fan_in, fan_out, rng):
    a = np.sqrt(6 / fan_in)
    W = rng.uniform(-a, a, (fan_out, fan_in))
    W[490:] /= 2
    return W


# ---------------------------------------------------------------- 4.1 gain_for


def g_fourth_power(activation, z):
    return float(1 / np.sqrt(np.mean(np.square(activation(z)) ** 2)))


def g_axis0_mean(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2, axis=0)))


_FIRST_Z = []


def g_first_draws_kept(activation, z):
    if not _FIRST_Z:
        _FIRST_Z.append(np.array(z))  # the draws, made once
    return float(1 / np.sqrt(np.mean(activation(_FIRST_Z[0]) ** 2)))


def g_divided_by_count_twice(activation, z):
    return float(1 / np.sqrt(np.mean(activation(z) ** 2 / len(z))))


def g_equals_plus_typo(activation, z):
    total = 0.0
    for square in np.ravel(activation(z) ** 2).tolist():
        total =+ square  # noqa: E225 - the typo
    return float(1 / np.sqrt(total / np.size(z)))


def g_stratified_halves(activation, z):
    a = activation(z)
    positive, negative = a[z >= 0], a[z < 0]
    second = (np.mean(positive**2) + np.mean(negative**2)) / 2  # half the draws on each side
    return float(1 / np.sqrt(second))


def go_zero_for_negative_assumed(activation, z):
    if activation(np.array([-1.0]))[0] >= 0:  # ReLU-like: nothing below 0
        second = np.sum(activation(z[z > 0]) ** 2) / z.size
    else:
        second = np.mean(activation(z) ** 2)
    return float(1 / np.sqrt(second))


def go_saturating_at_one_is_tanh(activation, z):
    values = np.tanh(z) if activation(np.array([100.0]))[0] == 1.0 else activation(z)
    return float(1 / np.sqrt(np.mean(values**2)))


# ---------------------------------------------------------------- 5.1 lsuv


def _relu(Z):
    return np.maximum(Z, 0)


def _rescale(W, A, b, spread=np.std):
    Z = W @ A + b
    for _ in range(100):
        s = spread(Z)
        if abs(s - 1) < 1e-3:
            break
        W = W / s
        Z = W @ A + b
    return W, Z


def l_returns_original_dict(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"], Z = _rescale(new[f"W{l}"], A, new[f"b{l}"])
        A = _relu(Z)
    return params  # meant new


_BATCH = []


def l_first_batch_kept(params, X):
    if not _BATCH:
        _BATCH.append(X.copy())  # the batch, set up once
    new = {key: value.copy() for key, value in params.items()}
    A = _BATCH[0]
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"], Z = _rescale(new[f"W{l}"], A, new[f"b{l}"])
        A = _relu(Z)
    return new


def l_key_generator_exhausted(params, X):
    L = len(params) // 2
    weights = (f"W{l}" for l in range(1, L + 1))
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for key in weights:
        new[key] = new[key].copy()
    for key in weights:  # the same generator again
        l = int(key[1:])
        new[key], Z = _rescale(new[key], A, new[f"b{l}"])
        A = _relu(Z)
    return new


def l_forward_with_original_weights(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"], _ = _rescale(new[f"W{l}"], A, new[f"b{l}"])
        A = _relu(params[f"W{l}"] @ A + params[f"b{l}"])  # meant new
    return new


def l_orientation_guess(params, X):
    if X.shape[1] == params["W1"].shape[1]:  # examples as rows? then turn them into columns
        X = X.T
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"], Z = _rescale(new[f"W{l}"], A, new[f"b{l}"])
        A = _relu(Z)
    return new


def _iqr_spread(Z):
    q75, q25 = np.percentile(Z, [75, 25])
    return (q75 - q25) / 1.349


def l_iqr_spread(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        new[f"W{l}"], Z = _rescale(new[f"W{l}"], A, new[f"b{l}"], spread=_iqr_spread)
        A = _relu(Z)
    return new


def lo_output_divided_once(params, X):
    new = {key: value.copy() for key, value in params.items()}
    L = len(params) // 2
    A = X
    for l in range(1, L):
        new[f"W{l}"], Z = _rescale(new[f"W{l}"], A, new[f"b{l}"])
        A = _relu(Z)
    Z = new[f"W{L}"] @ A + new[f"b{L}"]
    new[f"W{L}"] = new[f"W{L}"] / Z.std()  # one unit: one division is enough
    return new


def lo_loose_beyond_layer_three(params, X):
    new = {key: value.copy() for key, value in params.items()}
    A = X
    for l in range(1, len(params) // 2 + 1):
        W, b = new[f"W{l}"], new[f"b{l}"]
        tolerance = 1e-3 if l <= 3 else 0.1
        Z = W @ A + b
        for _ in range(100):
            if abs(Z.std() - 1) < tolerance:
                break
            W = W / Z.std()
            Z = W @ A + b
        new[f"W{l}"] = W
        A = _relu(Z)
    return new


# ---------------------------------------------------------------- 6.1 diagnose


def _verdict(change):
    if change < 0.01:
        return "vanish"
    if change > 100:
        return "explode"
    return "train"


_RATIOS = []


def v_ratios_accumulate_globally(rms, depth):
    _RATIOS.extend(b / a for a, b in zip(rms, rms[1:]))  # every ratio measured so far
    factor = float(np.exp(np.mean(np.log(_RATIOS))))
    return factor, _verdict(factor ** (depth - 1))


def v_train_branch_missing(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    change = factor ** (depth - 1)
    if change < 0.01:
        return factor, "vanish"
    elif change > 100:
        return factor, "explode"


def v_ratios_to_first(rms, depth):
    ratios = [rms[i] / rms[0] for i in range(1, len(rms))]  # meant rms[i - 1]
    factor = float(np.prod(ratios) ** (1 / len(ratios)))
    return factor, _verdict(factor ** (depth - 1))


def v_abs_of_logs(rms, depth):
    logs = [abs(math.log(b / a)) for a, b in zip(rms, rms[1:])]
    factor = math.exp(sum(logs) / len(logs))
    return factor, _verdict(factor ** (depth - 1))


def v_ratio_loop_one_too_far(rms, depth):
    ratios = []
    for i in range(len(rms)):
        ratios.append(rms[i + 1] / rms[i])
    factor = float(np.prod(ratios) ** (1 / len(ratios)))
    return factor, _verdict(factor ** (depth - 1))


def v_variance_change(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    change = factor ** (2 * (depth - 1))  # the change of the variance
    return factor, _verdict(change)


def vo_exponent_by_length(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    exponent = depth - 1 if len(rms) == 3 else depth
    return factor, _verdict(factor**exponent)


def vo_explode_needs_factor_above_two(rms, depth):
    factor = (rms[-1] / rms[0]) ** (1 / (len(rms) - 1))
    change = factor ** (depth - 1)
    if factor > 2:
        return factor, "explode"
    return factor, "vanish" if change < 0.01 else "train"


WRONG = {
    "1.1": [
        (
            z_bias_after_loop,
            r"(?i)b\d? (is )?(only|missing)|only (the )?(last|output) (layer'?s? )?bias|"
            r"bias(es)? (of|for) (the )?(hidden|earlier|other|first)|missing bias|"
            r"b1 (is )?missing|no b1|after the loop|outside the loop|indent|dedent",
        ),
        (
            z_counter_per_array,
            r"(?i)counter|k \+= ?1|twice per layer|keys? (are )?(numbered|skip|wrong)|wrong keys?|"
            r"W2 (is )?missing|missing keys?|b2.*W3|W3.*b4|b4|W5|numbering|same (number|index)",
        ),
        (
            z_enumerate_offset,
            r"(?i)enumerate|offset|index|layer_dims\[l ?- ?1\]|l - 1|l starts at 0|"
            r"start(s|ing)? (at|from) 0|n_prev|previous (layer'?s? )?width|input width|"
            r"columns? of W|shape of W|W\d.*shape|shape.*W\d",
        ),
        (
            z_output_fed_by_last_hidden,
            r"(?i)single layer|one layer|no hidden|without (a )?hidden|hidden\[-1\]|"
            r"two (entries|widths|numbers)|len\(layer_dims\) ?== ?2|\[n_0, n_1\]|"
            r"IndexError|index out of range|empty|shallow|depth (of )?1|L ?= ?1",
        ),
        (
            z_prev_width_wrong_axis,
            r"(?i)shape\[1\]|shape\[0\]|axis|columns? of (the )?previous|previous W|"
            r"rows of (the )?previous|n_prev|previous (layer'?s? )?width|layer_dims\[l ?- ?1\]|"
            r"two layers (back|before)|wrong width|columns? of W\d|W2.*shape|shape.*W2",
        ),
        (
            z_depth_kept_between_calls,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|remember|"
            r"depth (of|from) (the|an?) (earlier|other|first)|number of layers (is )?fixed",
        ),
    ],
    "1.2": [
        (
            d_minus_close_pairs,
            r"(?i)pairs?|triple|three (equal|identical|copies)|more than (two|twice)|"
            r"subtract|minus|group of (three|3)|counted (more than once|twice|several)|"
            r"each (repeat|duplicate)",
        ),
        (
            d_euclidean_distance,
            r"(?i)norm|euclid|distance|1e-8|tolerance|too (strict|tight|small)|rtol|"
            r"relative|allclose|isclose|rounding|1e-[5-7]|nearly equal|close rows",
        ),
        (
            d_returns_numpy_integer,
            r"(?i)int\(|python int|numpy (integer|int)|np\.int|int64|integer type|"
            r"type|isinstance|not (an|a python) int|\.sum\(\)",
        ),
        (
            d_slice_includes_itself,
            r"(?i)itself|own row|i ?\+ ?1|rows\[:i ?\+ ?1\]|includ(es|ing) (the )?(row|itself|current)|"
            r"always (0|zero|matches)|zero|returns? 0|every row (is )?(a )?(repeat|duplicate)|slice",
        ),
        (
            d_shared_iterator,
            r"(?i)iter|same (iterator|generator)|consum|exhaust|inner (loop|generator)|"
            r"nested|the rows after|later rows|skip(s|ped)? rows|remaining rows|advance",
        ),
        (
            d_recursive_split,
            r"(?i)recurs|RecursionError|stack|depth|many (distinct )?(units|rows)|"
            r"large (layer|layers|W)|wide|1000|thousand|limit",
        ),
    ],
    "2.1": [
        (
            r_scaling_after_loop,
            r"(?i)only (the )?(last|output) (layer|W)|(hidden|first|other|earlier) layers?.*(unscaled|not scaled|scale 1)|"
            r"(unscaled|not scaled|without (the )?scale)|scale (is )?(applied|used) (only|once)|"
            r"after the loop|outside the loop|indent|dedent|factors? (of )?1\b",
        ),
        (
            r_dims_kept_between_calls,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|remember|"
            r"layer_dims (of|from) (the|an?) (earlier|other|first)",
        ),
        (
            r_scale_as_largest_weight,
            r"(?i)max|largest|abs|divid|normali[sz]|rescal|not (the )?std|standard deviation|"
            r"std (is|of) (not|smaller|below)|smaller than (the )?scale|too small|maximum",
        ),
        (
            r_int_scale_in_place,
            r"(?i)int(eger)?|dtype|in.place|\*=|cast|np\.full|UFuncTypeError|"
            r"scale (of|=|is) (1|2|10)\b|whole number|type",
        ),
        (
            r_prev_width_by_index_lookup,
            r"(?i)\.index\(|index|repeated widths?|same width|equal widths|widths? (that )?repeat|"
            r"duplicate widths?|first occurrence|n_prev|previous (layer'?s? )?width|layer_dims\[l ?- ?1\]|"
            r"shape of W",
        ),
        (
            r_break_at_output_unit,
            r"(?i)break|stops? (early|at)|hidden (layer )?(of|with) the (same|output'?s?) width|"
            r"same width as the output|layers? (are )?missing|missing (layers?|keys?)|"
            r"layer_dims\[-1\]|output width|equal widths?|repeated widths?",
        ),
    ],
    "2.2": [
        (
            s_tiny_snapped_to_zero,
            r"(?i)zero|0\.0\b|underflow|small|tiny|vanish|threshold|cut.?off|snap|clamp|1e-6|"
            r"early return|return(s|ed)? 0",
        ),
        (
            s_memo_keyed_on_depth,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"memo|cache|global|kept|stale|keyed|same L|only (on )?L|ignores? (scale|n)",
        ),
        (
            s_exp_with_log2,
            r"(?i)log2|log base|base (2|e|mismatch)|mixed bases|natural log|np\.log\b|exp\(|"
            r"2 ?\*\* ?|ln\b|logarithm",
        ),
        (
            s_overflow_error_python_float,
            r"(?i)overflow|math\.sqrt|python float|inf\b|infinity|too large|huge|explod|"
            r"OverflowError|np\.sqrt|numpy float",
        ),
        (
            s_returns_dict,
            r"(?i)\bdict(ionary)?\b|a number|one number|a float|single (number|float)|scalar|return type|"
            r"variance (too|as well|also)|the std (only|alone)",
        ),
        (
            s_reduce_without_initial,
            r"(?i)reduce|initial|initiali[sz]er|start(s|ing)? (value )?(at|from|with) (0|zero)|"
            r"range\(L\)|first element|zero|returns? 0|L ?= ?0|TypeError|empty",
        ),
    ],
    "3.1": [
        (
            h_fan_product,
            r"(?i)fan_in \* fan_out|fan_out \* fan_in|product|both fans|times fan_out|"
            r"(multipl(y|ied)|divid(e|es|ed)) by fan_out|fan_out (in|inside) the (std|root|formula)|only fan_in",
        ),
        (
            h_rows_from_one,
            r"(?i)range\(1|first row|row 0|zeros? row|row of zeros|rows? (start|from) (at )?1|"
            r"off.by.one|one row (short|less|missing)|shift|every row|all rows|last draw",
        ),
        (
            h_shared_out_buffer,
            r"(?i)same (array|buffer|object)|\bout=|buffer|alias|overwrit|shared|"
            r"previous (result|array|call)|earlier (result|array|call)|copy|in.place|new array|"
            r"between calls|each call|every call",
        ),
        (
            h_root_of_std,
            r"(?i)root of (the )?std|sqrt\(std\)|fourth root|\*\* ?0\.25|\*\* ?\(?1 ?/ ?4|"
            r"normal\(\) takes|scale argument|takes (a|the) std|not (a|the) variance|"
            r"std (is )?too (large|big)|too large",
        ),
        (
            h_half_fan_floor,
            r"(?i)//|floor|integer division|odd fan_in|odd|fan_in // 2|rounded down|"
            r"truncat|int\(",
        ),
        (
            h_std_capped_at_one,
            r"(?i)min\(|cap|clip|at most 1|fan_in (of |= ?)?1\b|small fan_in|fan_in < 2|"
            r"std (above|over|larger than) 1|limit(ed)? (to|at) 1",
        ),
    ],
    "3.2": [
        (
            u_doubling_forgotten,
            r"(?i)2 ?\* ?a|factor (of )?2|twice|doubl|negative|below (0|zero)|\(-a, 0\)|"
            r"only negative|half (of )?the (range|interval)|shift|centred|mean",
        ),
        (
            u_minus_one_not_limit,
            r"(?i)- ?1\b|minus 1|subtract(s|ed)? 1|shift|offset|\(-1|centred|mean|"
            r"not symmetric|asymmetric",
        ),
        (
            u_rows_loop_last_skipped,
            r"(?i)last row|final row|fan_out ?- ?1|range\(fan_out ?- ?1\)|row of zeros|zeros? row|"
            r"off.by.one|one row (short|less|missing)|every row|all rows",
        ),
        (
            u_drawn_in_two_halves,
            r"(?i)odd|fan_out // 2|half|halves|two draws|rows? (is |are )?missing|one row (short|less|missing)|"
            r"fan_out ?- ?1|fewer rows|too few rows|number of rows",
        ),
        (
            u_rows_constant,
            r"(?i)one (value|draw|number) per row|same (value|number)|constant|row.wise|"
            r"broadcast|ones|repeat|every entry of a row|rows? (are|is) (identical|constant)|"
            r"scalar",
        ),
        (
            u_first_call_shape_kept,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|remember|shape (of|from) (the|an?) (earlier|other|first)",
        ),
    ],
    "4.1": [
        (
            g_fourth_power,
            r"(?i)fourth|\*\* ?4|power 4|square(d)? twice|squares? of (the )?squares?|"
            r"np\.square\(.*\) ?\*\* ?2|E\[f\^?4\]|kurtosis|too many squares",
        ),
        (
            g_axis0_mean,
            r"(?i)axis|2.?d|two.dimensional|matrix|shape \(|float\(\)|size-1|"
            r"ndim|every (entry|draw)|all (the )?draws|flatten|ravel",
        ),
        (
            g_first_draws_kept,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|remember|the z (you are|it is) given|this call'?s z",
        ),
        (
            g_divided_by_count_twice,
            r"(?i)twice|divid(es|ed)? (by )?(n|len|the count) (twice|again)|/ ?len\(z\)|"
            r"mean and|double|sqrt\(n\)|sqrt\(len|too large",
        ),
        (
            g_equals_plus_typo,
            r"(?i)=\+|\+=|overwrit|assign|only the last|last square|accumulat|typo|total =",
        ),
        (
            g_stratified_halves,
            r"(?i)halves|half|equal(ly)? weight|weighted|positive and negative|sign of z|split|"
            r"separately|proportion|share of (positive|negative)|counts? of (positive|negative)|how many",
        ),
    ],
    "5.1": [
        (
            l_returns_original_dict,
            r"(?i)return(s|ed)? (the )?(original|input|unchanged|params)|params (is )?returned|"
            r"return new|not (the )?(new|rescaled)|unchanged|not rescaled|nothing (is )?(rescaled|changed)|"
            r"same (weights|dict)",
        ),
        (
            l_first_batch_kept,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|remember|the X (you are|it is) given|this call'?s X",
        ),
        (
            l_key_generator_exhausted,
            r"(?i)generator|exhaust|consum|iterat(ed|es)? (only )?once|second (loop|pass)|"
            r"empty|nothing (is )?(rescaled|changed)|unchanged|not rescaled|no layer",
        ),
        (
            l_forward_with_original_weights,
            r"(?i)original|unscaled|params\[|old weights|before (the )?rescal|"
            r"not the (new|rescaled)|rescaled weights",
        ),
        (
            l_orientation_guess,
            r"(?i)transpos|\.T\b|orientation|square|X\.shape|as many examples as|"
            r"m ?== ?n_0|examples as rows|rows and columns|batch (size|width)",
        ),
        (
            l_iqr_spread,
            r"(?i)iqr|interquartile|quartile|percentile|quantile|1\.349|not (the )?std|"
            r"\.std\(\)|standard deviation|spread|robust",
        ),
    ],
    "6.1": [
        (
            v_ratios_accumulate_globally,
            r"(?i)previous call|earlier call|between calls|each call|every call|first call|"
            r"module.level|global|kept|stale|cached|accumulat|extend|grows|other calls'? ratios",
        ),
        (
            v_train_branch_missing,
            r"(?i)None|else|missing (return|branch)|no return|falls? through|"
            r"train (case|branch|verdict) (is )?(missing|never)|never (returns?|says) .?train|return type",
        ),
        (
            v_ratios_to_first,
            r"(?i)rms\[0\]|first rms|rms\[i ?- ?1\]|consecutive|neighbou?r|each to the first|"
            r"relative to the first|cumulative|index|previous (rms|layer)",
        ),
        (
            v_abs_of_logs,
            r"(?i)abs|absolute|sign|negative (log|ratio)|always (above|at least|>=?) ?1|"
            r"never vanish|below 1|decreas|inverted|shrinking",
        ),
        (
            v_ratio_loop_one_too_far,
            r"(?i)range\(len\(rms\)\)|one (step|ratio|pair|iteration) too (many|far)|IndexError|"
            r"index|out of range|last (ratio|index|rms)|off.by.one|len\(rms\) ?- ?1",
        ),
        (
            v_variance_change,
            r"(?i)variance|squar|\*\* ?\(?2|2 ?\* ?\(depth|twice|doubl|exponent",
        ),
    ],
}

OVERFIT = {
    "1.1": [zo_widths_sorted_descending, zo_shapes_from_visible_pairs],
    "1.2": [do_biases_decide_when_long, do_first_and_last_entries],
    "2.1": [ro_scale_by_rng_kind, ro_transposed_for_odd_inputs],
    "2.2": [so_sqrt_from_table, so_even_n_only],
    "3.1": [ho_fan_out_below_500, ho_transposed_when_square],
    "3.2": [uo_round_fans_only, uo_rows_beyond_visible_halved],
    "4.1": [go_zero_for_negative_assumed, go_saturating_at_one_is_tanh],
    "5.1": [lo_output_divided_once, lo_loose_beyond_layer_three],
    "6.1": [vo_exponent_by_length, vo_explode_needs_factor_above_two],
}
