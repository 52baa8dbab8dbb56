"""What a drawn answer is relative to the right one: the relations several judges measure.

Each function compares an answer ``W`` with the right draw (``right_of_shape(shape)``: the
right answer for a draw of that shape, from the case's generator) and raises ``Wrong`` naming
the relation it finds (a cast, a rounding, a transpose, a clip, a shift), or returns. The right
draw is rebuilt from the case's own generator and expected data, never computed from a formula.
"""

import numpy as np

from .exercise import Wrong


def close(a, b, rel):
    """``a`` within ``rel`` (relative) of ``b``."""
    return abs(a - b) <= rel * abs(b)


def affine_fit(W, raw):
    """(slope, intercept) with W = slope * raw + intercept to rounding, or None."""
    x, y = raw.ravel().astype(np.float64), W.ravel().astype(np.float64)
    if x.size < 3 or np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    scale = max(float(np.abs(y).max()), 1e-300)
    if np.abs(slope * x + intercept - y).max() > 1e-9 * scale:
        return None
    return float(slope), float(intercept)


def rounding_decimals(W, right):
    """The number of decimals d with W == round(right, d), or None."""
    for decimals in range(0, 10):
        if np.array_equal(W, np.round(right, decimals)):
            return decimals
    return None


def judge_draw_relation(W, right_of_shape, std, name):
    """``Wrong`` when ``W`` is the right draw cast, rounded, drawn transposed or clipped.

    ``std`` is the std of the right draw's distribution (to say where a clip cuts it).
    """
    right = right_of_shape(W.shape)
    if W.dtype != np.float64 and np.allclose(W, right, rtol=4 * np.finfo(W.dtype).eps,
                                             atol=4 * float(np.finfo(W.dtype).tiny)):
        raise Wrong(f"{name} are the right draw in {W.dtype}: keep numpy's float64 (the "
                    f"generator's own), do not cast to {W.dtype}")
    decimals = rounding_decimals(W, right)
    if decimals is not None:
        raise Wrong(f"{name} are the right draw rounded to {decimals} decimals: return them "
                    "unrounded, at full precision")
    if np.allclose(W, right, rtol=1e-6, atol=0):
        raise Wrong(f"{name} are the right draw to 6 digits, not to full precision: compute in "
                    "float64 and do not round")
    if W.ndim == 2 and np.allclose(W, right_of_shape(W.shape[::-1]).T, rtol=1e-9, atol=0):
        raise Wrong(f"{name} hold the right numbers in the wrong places: you drew the transposed "
                    f"shape {W.shape[::-1]} and transposed it (.T); draw shape {W.shape} "
                    "directly, one row per unit")
    if np.allclose(np.sort(W, axis=None), np.sort(right, axis=None), rtol=1e-9, atol=0):
        raise Wrong(f"{name} hold the right numbers in the wrong places (sorted, or shuffled?): "
                    "return the draw as it comes, in its own order")
    distinct = np.unique(W).size
    if W.size >= 200 and distinct <= 25:
        raise Wrong(f"{name} take only {distinct} distinct values (signs, or whole numbers "
                    "scaled?), where a draw from a continuous distribution has as many values as "
                    "entries")
    judge_copied_rows(W, name)
    judge_rows_cut(W, right_of_shape, name)
    judge_rows_refitted(W, right, name)
    low, high = float(W.min()), float(W.max())
    clipped = np.clip(right, low, high)
    if not np.allclose(W, right) and np.allclose(W, clipped, rtol=1e-9, atol=0):
        margin = 1e-9 * float(np.abs(right).max())  # the right draw's own rounding
        cuts = [f"{v / std:+.2f}" for v, cut in ((low, low > right.min() + margin),
                                                 (high, high < right.max() - margin)) if cut]
        raise Wrong(f"{name} are the right draw clipped at {' and '.join(cuts)} std: do not "
                    "clip or truncate; the draw keeps its tails")
    judge_sides_scaled(W, right, name)


def judge_copied_rows(W, name):
    """``Wrong`` when a row of ``W`` repeats an earlier row, or its negative: one draw used
    twice, where each weight is a draw of its own."""
    if W.ndim != 2 or W.shape[0] < 2 or not np.any(W):
        return
    seen = {}
    for i, row in enumerate(W):
        for sign, words in ((1, "a copy"), (-1, "the negative")):
            earlier = seen.get((sign * row).tobytes())
            if earlier is not None:
                raise Wrong(f"row {i} of {name} is {words} of row {earlier} (rows mirrored, "
                            "tiled or stacked from one draw?): each weight must be a draw of its "
                            f"own, one draw of the whole shape {W.shape}")
        seen.setdefault(row.tobytes(), i)


def row_starts(W, stream):
    """(factor, start of row 0, draws from one row's start to the next) with each row of ``W``
    = factor times ``W.shape[1]`` consecutive values of ``stream`` (to rounding), the rows
    evenly spaced in it; or None."""
    rows, cols = W.shape
    if rows < 2 or cols < 2 or W[0, 0] == 0 or W[0, 1] == 0:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = stream[1:] / stream[:-1]
    for p in np.flatnonzero(np.isclose(ratio, W[0, 1] / W[0, 0], rtol=1e-9, atol=0))[:50]:
        factor = W[0, 0] / stream[p]
        if p + cols > stream.size or not np.allclose(W[0], factor * stream[p:p + cols],
                                                     rtol=1e-9, atol=0):
            continue
        for q in np.flatnonzero(np.isclose(stream, W[1, 0] / factor, rtol=1e-9, atol=0))[:50]:
            step = int(q - p)
            ends = p + step * (rows - 1) + cols
            if step < 1 or ends > stream.size:
                continue
            picked = np.stack([stream[p + i * step:p + i * step + cols] for i in range(rows)])
            if np.allclose(W, factor * picked, rtol=1e-9, atol=0):
                return float(factor), int(p), step
    return None


def judge_rows_cut(W, right_of_shape, name):
    """``Wrong`` when the rows of ``W`` are pieces of a draw of another width: a wider draw cut
    to shape (a square one, or of the transposed shape), or rows that overlap."""
    if W.ndim != 2 or W.shape[0] < 2 or W.shape[1] < 2:
        return
    rows, cols = W.shape
    try:
        stream = right_of_shape((1, min(rows * (max(rows, cols) + cols + 1) + cols, 1 << 21)))
    except ValueError:  # a judge whose right draw has one shape only
        return
    found = row_starts(W, np.ravel(stream))
    if found is None or found[2] == cols:
        return
    factor, start, step = found
    scaled = "" if close(factor, 1, 1e-6) else f", times {factor:.3g}"
    if step < cols:
        raise Wrong(f"the rows of {name} overlap: each starts only {step} draws after the one "
                    f"before, so neighbouring units share draws{scaled}; draw the whole "
                    "(fan_out, fan_in) matrix at once, every weight a draw of its own")
    shape = ("a square draw, max(fan_in, fan_out) on each side" if step == max(rows, cols)
             else "a draw of the transposed shape, (fan_in, fan_out)" if step == rows
             else f"a draw with {step} columns")
    columns = "the first" if start == 0 else f"columns {start} to {start + cols - 1}, not the first"
    raise Wrong(f"{name} are {columns} {cols} columns of a wider draw, cut to shape: each row "
                f"starts {step} draws after the one before, as in {shape}, sliced{scaled}; "
                "draw exactly the shape (fan_out, fan_in), so that every weight is the "
                "generator's next draw, row after row")


def mixed_draws(values, stream, offset, most=3):
    """The weights (c_1, ..., c_k), k <= ``most``, with ``values`` = sum of c_j times the j-th
    next block of ``stream`` after ``offset`` (blocks of values.size, to rounding), or None:
    an answer that averaged, added or subtracted several draws."""
    values = values.ravel()
    for k in range(2, most + 1):
        if offset + k * values.size > stream.size:
            return None
        blocks = stream[offset:offset + k * values.size].reshape(k, values.size).T
        coefficients, *_ = np.linalg.lstsq(blocks, values, rcond=None)
        scale = max(float(np.abs(values).max()), 1e-300)
        if np.abs(blocks @ coefficients - values).max() < 1e-9 * scale and np.all(
                np.abs(coefficients) > 1e-9):
            return [float(c) for c in coefficients]
    return None


def judge_rows_refitted(W, right, name):
    """``Wrong`` when each row of ``W`` is the right draw's row shifted and rescaled by numbers
    of its own (standardised row by row), though ``W`` is not one scaling of the whole draw."""
    if W.ndim != 2 or W.shape != right.shape or W.shape[1] < 3 or affine_fit(W, right):
        return
    if all(affine_fit(row, raw) is not None for row, raw in zip(W, right, strict=True)):
        raise Wrong(f"each row of {name} is the right draw's row shifted and rescaled by numbers "
                    "of its own (standardised row by row?): the exercise's draw is the "
                    "generator's, times the std, with no rescaling")


def judge_sides_scaled(W, right, name):
    """``Wrong`` when ``W`` is the right draw with its negative and positive entries multiplied
    by two different numbers."""
    negative, positive = right < 0, right > 0
    if W.shape != right.shape or negative.sum() < 2 or positive.sum() < 2:
        return
    low = float(np.sum(W[negative] * right[negative]) / np.sum(right[negative] ** 2))
    high = float(np.sum(W[positive] * right[positive]) / np.sum(right[positive] ** 2))
    if (not np.isclose(low, high, rtol=1e-6)
            and np.allclose(W, np.where(negative, low, high) * right, rtol=1e-9, atol=0)):
        absolute = " (np.abs?)" if np.isclose(low, -high, rtol=1e-6) else ""
        raise Wrong(f"{name} are the right draw with its negative entries multiplied by "
                    f"{low:.3g} and its positive ones by {high:.3g}{absolute}: the draw is "
                    "symmetric, centred on 0; treat both signs alike")


NICE = [(2.0, "2"), (3.0, "3"), (0.5, "1/2"), (1 / 3, "1/3"), (np.sqrt(2), "sqrt(2)"),
        (np.sqrt(3), "sqrt(3)"), (np.sqrt(6), "sqrt(6)"), (1 / np.sqrt(2), "1/sqrt(2)"),
        (1 / np.sqrt(3), "1/sqrt(3)"), (10.0, "10"), (0.1, "1/10")]


def ratio_words(ratio):
    """``ratio`` as a reader sees it: "sqrt(3) times", "1.1 times"."""
    for value, words in NICE:
        if abs(ratio / value - 1) < 1e-6:
            return f"{words} times"
    return f"{ratio:.4g} times"


def plain_ratio(ratio):
    """``ratio`` is a number a formula would hold (2, 1/3, sqrt(2), 1.5, 0.25), not a ratio of
    two unrelated results."""
    return ratio > 0 and ratio != 1 and (
        any(abs(ratio / value - 1) < 1e-7 for value, _ in NICE)
        or abs(ratio / float(f"{ratio:.2g}") - 1) < 1e-9)


def judge_generator_method(W, generator, wanted):
    """``Wrong`` when the first draw ``W`` is another method of the generator ``generator``
    (a description) than ``wanted`` ("standard_normal" or "uniform"), scaled and shifted."""
    from .._protocol import build

    methods = {"standard_normal": lambda g: g.standard_normal(W.shape),
               "uniform": lambda g: g.random(W.shape)}
    for method, draw in methods.items():
        if method != wanted and affine_fit(W, draw(build(generator))) is not None:
            hint = ("rng.standard_normal(shape) times the std" if wanted == "standard_normal"
                    else "rng.uniform(-a, a, shape)")
            kind = "a uniform draw (rng.uniform or rng.random)" if method == "uniform" else (
                "a normal draw (rng.standard_normal or rng.normal)")
            raise Wrong(f"this looks like {kind}: the weights are one, scaled; draw {hint}")


def layer_shapes_hint(shapes, layer_dims):
    """What the weight shapes ``shapes`` (W1's to WL's) are, when they follow a wrong rule for
    every layer: another layer's shape, the layers in reverse, a column or row too many; or
    "" when no rule fits."""
    dims, L = list(layer_dims), len(layer_dims) - 1
    rules = (
        (lambda l: (dims[l - 1], dims[l - 2]), " (each is the shape of the layer before: an "
         "index shifted by one, layer_dims[-1] for W1; W_l is (layer_dims[l], "
         "layer_dims[l - 1]))"),
        (lambda l: (dims[(l + 1) % (L + 1)], dims[l]), " (each is the shape of the next "
         "layer: an index shifted by one; W_l is (layer_dims[l], layer_dims[l - 1]))"),
        (lambda l: (dims[L - l + 1], dims[L - l]), " (the layers in reverse order, the last "
         "layer first: W1 connects the inputs, layer_dims[0], to layer 1)"),
        (lambda l: (dims[l], dims[l - 1] + 1), " (one column too many: an extra column for "
         "the bias? b is its own array; W_l has layer_dims[l - 1] columns)"),
        (lambda l: (dims[l] + 1, dims[l - 1]), " (one row too many: W_l has layer_dims[l] "
         "rows, one per unit)"),
    )
    for rule, hint in rules:
        if all(tuple(shapes[l - 1]) == rule(l) for l in range(1, L + 1)) and any(
                rule(l) != (dims[l], dims[l - 1]) for l in range(1, L + 1)):
            return hint
    return ""
