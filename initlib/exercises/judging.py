"""What every judge needs: reading an answer, and the mistakes that several exercises share.

Each function raises ``Wrong`` with a hint the student can act on, or returns what it read.
Right answers are never computed here: a judge reads them from its case's ``expected`` data.
"""

import math

import numpy as np

from .._protocol import decode
from .exercise import Wrong
from .raised import raised_hint


def returned(outcome):
    """The value an answer returned, or the ``Wrong`` that explains why there is none."""
    if outcome.not_plain is not None:
        raise Wrong(outcome.not_plain if outcome.not_plain.startswith("your function") else
                    f"return plain numbers, arrays, lists or dicts: {outcome.not_plain}")
    if outcome.raised is None and outcome.value is None:
        raise Wrong("your function returned None: a path through it ends without a return "
                    "(an if with no else, a branch that prints its result, a return inside a "
                    "loop that never ran, or return forgotten); every path must return the "
                    "answer")
    if outcome.raised is None:
        return outcome.value
    name, message = outcome.raised
    if name == "NotImplementedError":
        raise Wrong("not attempted yet: replace `raise NotImplementedError()` with your code")
    if name == "GradingTimeout":
        raise Wrong("your function did not finish in time (an endless loop?)")
    raise Wrong(f"your function raised {name}: {raised_hint(name, message)}", message,
                raised=name != "GradingTimeout")


def several(value):
    """" - ..." words for an answer that returned several values where one is asked for
    ("" otherwise): which kinds, and to return the one result alone."""
    if not isinstance(value, (tuple, list)) or not 2 <= len(value) <= 6:
        return ""
    kinds = ", ".join(type(item).__name__ for item in value)
    return (f" - your function returned {len(value)} values ({kinds}): `return a, b` hands "
            "back a tuple; return the one result the exercise asks for, alone")


def finite_number(value, what="a number"):
    """A real, finite number from an answer (Python or numpy, or a 0-d array)."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise Wrong(f"return {what}, not a {type(value).__name__}{several(value)}")
    if not math.isfinite(value := float(value)):
        raise Wrong(f"your function returned {value}: return a finite number")
    return value


def number_array(value, name):
    """A numpy array of finite numbers from an answer; ``name`` says which in the hint."""
    if not isinstance(value, np.ndarray):
        raise Wrong(f"{name} should be a numpy array, not a {type(value).__name__}"
                    f"{several(value)}")
    if value.dtype.kind not in "biuf":
        raise Wrong(f"{name} should hold numbers")
    if not np.all(np.isfinite(value)):
        raise Wrong(f"{name} holds nan or inf")
    return value


def same(a, b, rel=1e-12):
    """Two answers equal to rounding (arrays of the same shape)."""
    return a.shape == b.shape and np.allclose(a, b, rtol=rel, atol=rel * np.abs(b).max())


def judge_rng_use(answers, expected, name):
    """Judge the rng argument's use from three calls: seed s, seed s again, another seed.

    Returns True when all three are right, False when the rng is used consistently but the
    first answer is wrong (its formula is judged next); raises ``Wrong`` otherwise. Every call
    is checked, so weights drawn once and stored pass no case with a new generator.
    """
    first, again, other = answers
    if all(same(a, e) for a, e in zip(answers, expected, strict=True)):
        return True
    if np.array_equal(first, other):
        raise Wrong(f"{name} are the same for different rng arguments: your function ignores "
                    "rng; draw from it (rng.standard_normal / rng.uniform) on every call, not "
                    "from np.random and not from weights stored earlier")
    if not np.array_equal(first, again):
        raise Wrong(f"two calls with the same seed gave different {name}: draw from the rng "
                    "argument of each call, not np.random nor one kept from an earlier call")
    if same(first, expected[0]):
        raise Wrong(f"right {name} for one generator but not for another: draw from the rng "
                    "you are given, on every call")
    return False


def stream_position(values, stream):
    """Where ``values`` (flat) occur in ``stream``, to rounding; None when they do not."""
    if values.size == 0 or values.size > stream.size:
        return None
    for start in np.flatnonzero(np.isclose(stream, values[0], rtol=1e-9, atol=0)):
        piece = stream[start:start + values.size]
        if piece.size == values.size and np.allclose(piece, values, rtol=1e-9, atol=0):
            return int(start)
    return None


def judge_stream_position(values, stream, offset, name):
    """``Wrong`` when ``values`` come from the generator's ``stream`` but not at ``offset``."""
    found = stream_position(values, stream)
    if found is not None and found > offset:
        raise Wrong(f"{name} comes from rng, but later in its stream than the exercise's: "
                    "something else was drawn from rng before it (the biases?); draw only "
                    "the weights, layer by layer in order, and make the biases np.zeros")
    if found is not None and found < offset:
        raise Wrong(f"{name} comes from rng, but earlier in its stream than the exercise's: "
                    "draw each layer's weights once, layer 1 first, in order")


def judge_normal_shape(W, name, uniform_hint, std):
    """Named mistakes of a draw that should be normal with std ``std`` and centred: all
    positive, uniform, or truncated (a uniform draw fills its range evenly: half of its entries
    lie within half of its reach; a truncated normal crowds the middle)."""
    if W.size >= 4 and np.all(W >= 0):
        raise Wrong(f"every entry of {name} is positive or zero: rng.random and "
                    "rng.uniform(0, ...) draw from [0, ...); the weights must be centred on 0, "
                    f"{uniform_hint}")
    reach = float(np.abs(W).max())
    bounded = (W.size >= 20 and reach <= std * (1 + 1e-12)) or (
        W.size >= 500 and reach < 2.2 * W.std()) or (W.size >= 5000 and reach < 3.3 * W.std())
    if bounded and W.size >= 500 and np.mean(np.abs(W) < reach / 2) > 0.53:
        raise Wrong(f"no entry of {name} lies beyond {reach / W.std():.2g} of their std, and "
                    "the middle is crowded as in a normal draw: this looks truncated (or "
                    f"clipped); a normal draw keeps its tails, {uniform_hint}")
    if W.size >= 20 and reach <= std * (1 + 1e-12):
        raise Wrong(f"every entry of {name} lies within one std of 0, where a normal draw has "
                    f"a third of its entries beyond: this looks like a uniform draw; "
                    f"{uniform_hint}")
    if W.size >= 500 and reach < 2.2 * W.std():
        raise Wrong(f"no entry of {name} lies beyond 2.2 std, as a normal draw's would: this "
                    f"looks like a uniform draw; {uniform_hint}")


def expected_answers(case):
    """The right answers of a case's calls, read from its ``expected`` data (one per call)."""
    return [decode(data) for data in case["expected"]]


def fan_weights(outcomes, fan_in, fan_out, earlier_args=()):
    """The weight matrices of a case's calls, each of shape (fan_out, fan_in) and not constant.
    ``earlier_args``: the arguments of the calls made before the case's (a shape kept from one
    of them is named)."""
    answers = []
    for outcome in outcomes:
        W = number_array(returned(outcome), "the weights")
        kept = [(a[0], a[1]) for a in earlier_args if len(a) == 3 and W.shape == (a[1], a[0])]
        if W.shape != (fan_out, fan_in) and kept:
            raise Wrong(f"the weights have the shape of an earlier call, (fan_out, fan_in) = "
                        f"{W.shape}, not this call's: the shape (or the weights) kept from an "
                        "earlier call (a global, a cache, a default argument)? Draw the shape "
                        "(fan_out, fan_in) of each call", f"expected {(fan_out, fan_in)}")
        if W.shape != (fan_out, fan_in):
            hint = " (transposed?)" if W.shape == (fan_in, fan_out) else ""
            raise Wrong(f"the weights have the wrong shape{hint}: (fan_out, fan_in), one row "
                        "per unit, one column per input",
                        f"shape {W.shape}, expected {(fan_out, fan_in)}")
        if W.size > 1 and np.all(W == W.flat[0]):
            raise Wrong("every weight is the same number: draw them at random" + (
                "; a std of 0? An integer division such as 2 // fan_in is 0 once fan_in > 2: "
                "write 2 / fan_in" if W.flat[0] == 0 else
                f" ({W.flat[0]:.3g} everywhere: ONE draw, made without a shape, copied into "
                "every entry? pass the shape (fan_out, fan_in) to the draw itself)"))
        judge_lines(W, "the weights", "fan_out", "fan_in")
        if W.shape[0] > 1 and W.shape[1] > 1 and np.all(W == W[:1]):
            raise Wrong("every row of the weights is the same row (one draw repeated, np.tile?): "
                        "every unit would be identical, the symmetry of notebook 01; draw the "
                        "whole (fan_out, fan_in) matrix in one call")
        answers.append(W)
    return answers


def judge_lines(W, name, rows="n_l", columns="n_prev"):
    """``Wrong`` when whole rows or columns of a drawn ``W`` are 0 while others are not (a loop
    that skips a row, a view set to 0), or every row holds one number repeated (one draw per
    row, broadcast). ``rows``, ``columns``: what the sides are called in the exercise."""
    if W.ndim != 2 or W.size < 4 or not np.any(W):
        return
    for axis, side, count in ((1, "row", rows), (0, "column", columns)):
        zero = np.flatnonzero(~np.any(W, axis=axis))
        if zero.size and W.shape[1 - axis] > 1 and zero.size < W.shape[1 - axis]:
            last = W.shape[1 - axis] - 1
            which = ("the first " + side if list(zero) == [0] else "the last " + side
                     if list(zero) == [last] else f"{side}s {', '.join(map(str, zero[:4]))}")
            loop = (f" (a loop from 1, range(1, {count})?)" if list(zero) == [0] else
                    f" (a loop that stops one short, range({count} - 1)?)" if list(zero) == [
                        last] else "")
            view = (" - or b made as a view of it (W[:, :1]) and then set to 0" if side ==
                    "column" and list(zero) == [0] else "")
            raise Wrong(f"{which} of {name} is all zeros, where every weight is a draw{loop}"
                        f"{view}; fill every {side}: draw the whole matrix at once")
    if W.shape[1] > 1 and W.shape[0] > 1 and np.all(W == W[:, :1]):
        raise Wrong(f"each row of {name} holds one number repeated across the row: one draw "
                    "per row (a draw without a size, broadcast along the row); every weight "
                    "is a draw of its own: draw the whole matrix at once, with its shape")

