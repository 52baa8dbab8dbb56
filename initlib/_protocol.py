"""Private, the grading protocol: exercise inputs and answers as plain data (JSON).

Not course material. Checking never needs the answer's code: a checker describes the
arguments of each call as plain data; ``build`` turns a description
into real arguments. The answer a function returns goes through ``encode`` (into JSON-ready
data; an array's numbers as base64 of their little-endian bytes) and ``decode`` (back into
numbers and arrays). Only plain values survive: ``int``,
``float``, ``bool``, ``str``, ``None``, numpy numbers and numeric arrays, and lists, tuples and
dicts (string keys) of those. Anything else - a subclass of ``int``, a function, an object with
its own ``__eq__`` - becomes a ``NotPlainData`` error, which the checkers count as a wrong answer.

Argument descriptions (a dict with one key starting with ``$`` is a tagged value):

- ``{"$array": [[1.0, 2.0], [3.0, 4.0]]}`` is a float64 array;
- ``{"$rng": ["default_rng", 4]}`` is ``np.random.default_rng(4)``, and
  ``{"$rng": ["RandomState", 3]}`` is ``np.random.RandomState(3)``;
- ``{"$activation": {"name": "leaky_relu", "slope": 0.5}}`` is an elementwise function;
- ``{"$normal": [7, 1000]}`` is ``np.random.default_rng(7).standard_normal(1000)``, draws of
  N(0, 1) given to an answer (at most ``MAX_ITEMS``), and ``{"$normal": [7, 1000, 10]}`` the
  same draws as 10 rows (shape (10, 100));
- any other dict or list is built item by item; numbers and strings stay as they are.

This module needs nothing but numpy and imports nothing of ``initlib``: the grader's worker
loads this one file on its own (``instructor/worker.py``), inside the sandbox. Its activation
names are the course's (``initlib.activations``), and a test holds them equal.
"""

import base64
import json

import numpy as np

MAX_ITEMS = 2_000_000  # numbers in one answer; more is not an answer to any exercise
MAX_DEPTH = 20
NUMERIC_KINDS = "biuf"  # bool, int, unsigned, float


class NotPlainData(ValueError):
    """An answer holds something other than plain numbers, strings, arrays, lists and dicts."""


# ---------------------------------------------------------------- arguments

def _leaky_relu(slope):
    return lambda z: np.where(z > 0, z, slope * z)


def _elu(alpha=1.0):
    return lambda z: np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def _gelu():  # the tanh form (as in GPT-2): numpy has no erf
    return lambda z: 0.5 * z * (1.0 + np.tanh(0.7978845608028654 * (z + 0.044715 * z**3)))


ACTIVATIONS = {
    "relu": lambda: (lambda z: np.maximum(z, 0.0)),
    "linear": lambda: (lambda z: z * 1.0),
    "linear_itself": lambda: (lambda z: z),  # returns its input itself: an answer that changes
    # f(z) in place changes z
    "tanh": lambda: np.tanh,
    "sigmoid": lambda: (lambda z: 1.0 / (1.0 + np.exp(-z))),
    "softplus": lambda: (lambda z: np.logaddexp(0.0, z)),
    "leaky_relu": _leaky_relu,
    "scaled_tanh": lambda factor: (lambda z: factor * np.tanh(z)),
    "elu": _elu,
    "gelu": _gelu,
}


def make_activation(name, **parameters):
    """The elementwise function called ``name`` (see ``ACTIVATIONS``)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"activation name={name!r} is not known; use one of {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[name](**parameters)


def build(description):
    """Real arguments (arrays, random generators, functions) from their plain description."""
    if isinstance(description, list):
        return [build(item) for item in description]
    if isinstance(description, dict):
        if len(description) == 1:
            (tag, body), = description.items()
            if tag == "$array":
                return np.array(body, dtype=np.float64)
            if tag == "$rng":
                kind, seed = body
                if kind == "default_rng":
                    return np.random.default_rng(seed)
                if kind == "RandomState":
                    return np.random.RandomState(seed)
                raise ValueError(f"rng kind={kind!r} is not known; use default_rng or RandomState")
            if tag == "$activation":
                return make_activation(**body)
            if tag == "$normal":
                seed, count, *rows = body
                if type(count) is not int or not 0 < count <= MAX_ITEMS:
                    raise ValueError(f"count={count!r} of normal draws must be 1 to {MAX_ITEMS}")
                draws = np.random.default_rng(seed).standard_normal(count)
                return draws.reshape(rows[0], -1) if rows else draws
        return {key: build(value) for key, value in description.items()}
    return description


def array(values):
    """The description of a float array (for writing cases)."""
    return {"$array": np.asarray(values, dtype=np.float64).tolist()}


# ---------------------------------------------------------------- answers

def encode(value, _depth=0):
    """JSON-ready data for ``value``; what is not plain data becomes an ``$unsupported`` tag.

    Types are compared exactly (``type(x) is int``), so a subclass never passes as its base.
    """
    kind = type(value)
    if _depth > MAX_DEPTH:
        return {"$unsupported": "data nested too deeply"}
    if value is None or kind is bool or kind is float:
        return value
    if kind is int:
        return value if abs(value) < 2**63 else {"$unsupported": "an int too large"}
    if kind is str:
        return value if len(value) <= 10_000 else {"$unsupported": "a very long str"}
    if kind is np.ndarray:
        if value.dtype.kind not in NUMERIC_KINDS or value.size > MAX_ITEMS:
            return {"$unsupported": f"an array of dtype {value.dtype} and size {value.size}"}
        little = value.astype(value.dtype.newbyteorder("<"), copy=False)
        data = base64.b64encode(np.ascontiguousarray(little).tobytes()).decode("ascii")
        return {"$ndarray": [value.dtype.name, list(value.shape), data]}
    if isinstance(value, np.generic) and kind.__module__ == "numpy":
        if np.dtype(kind).kind not in NUMERIC_KINDS:
            return {"$unsupported": f"a numpy {kind.__name__}"}
        return {"$scalar": [np.dtype(kind).name, value.item()]}
    if kind is list or kind is tuple:
        if len(value) > MAX_ITEMS:
            return {"$unsupported": f"a {kind.__name__} of {len(value)} items"}
        return {f"${kind.__name__}": [encode(item, _depth + 1) for item in value]}
    if kind is dict:
        if not all(type(key) is str for key in value):
            return {"$unsupported": "a dict whose keys are not all strings"}
        return {"$dict": [[key, encode(item, _depth + 1)] for key, item in value.items()]}
    return {"$unsupported": f"a {kind.__name__}"}


def _plain_number(item, what):
    if type(item) not in (int, float, bool):
        raise NotPlainData(f"{what} holds a {type(item).__name__}, not a number")
    return item


def decode(data, _depth=0):
    """Plain numbers, arrays, lists, tuples and dicts from ``encode``'s output, strictly.

    Raises ``NotPlainData`` for anything that ``encode`` would not produce from plain data.
    """
    kind = type(data)
    if _depth > MAX_DEPTH:
        raise NotPlainData("data nested too deeply")
    if data is None or kind in (bool, int, float, str):
        return data
    if kind is not dict or len(data) != 1:
        raise NotPlainData(f"unexpected {kind.__name__} in the answer")
    (tag, body), = data.items()
    if tag == "$unsupported":
        raise NotPlainData(f"the answer holds {body if type(body) is str else 'an object'}, "
                           "which is not plain data (numbers, arrays, lists, dicts)")
    if tag in ("$list", "$tuple") and type(body) is list and len(body) <= MAX_ITEMS:
        items = []
        for place, item in enumerate(body, 1):
            try:
                items.append(decode(item, _depth + 1))
            except NotPlainData as error:
                if _depth or len(body) < 2:
                    raise
                raise NotPlainData(f"your function returned a {tag[1:]} of {len(body)} items, "
                                   f"item {place} of which is not plain data ({error}): return "
                                   f"the one result the exercise asks for, not a {tag[1:]} with "
                                   "other things in it") from None
        return items if tag == "$list" else tuple(items)
    if tag == "$dict" and type(body) is list:
        result = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                raise NotPlainData("a malformed dict in the answer")
            result[pair[0]] = decode(pair[1], _depth + 1)
        return result
    if tag == "$scalar" and type(body) is list and len(body) == 2:
        dtype = _dtype(body[0])
        return dtype.type(_plain_number(body[1], "a numpy number"))
    if tag == "$ndarray" and type(body) is list and len(body) == 3:
        dtype_name, shape, flat = body
        dtype = _dtype(dtype_name)
        if (type(shape) is not list or len(shape) > 32
                or not all(type(n) is int and 0 <= n <= MAX_ITEMS for n in shape)):
            raise NotPlainData("an array with a malformed shape")
        size = int(np.prod(shape, dtype=np.int64))
        if type(flat) is not str or len(flat) > 4 * (size * dtype.itemsize + 2) // 3 + 4:
            raise NotPlainData("an array whose data do not fill its shape")
        try:
            raw = base64.b64decode(flat, validate=True)
        except ValueError:
            raise NotPlainData("an array whose data are not base64") from None
        if len(raw) != size * dtype.itemsize:
            raise NotPlainData("an array whose data do not fill its shape")
        if dtype.kind == "b":
            return np.frombuffer(raw, dtype=np.uint8).reshape(shape) != 0
        return np.frombuffer(raw, dtype=dtype.newbyteorder("<")).astype(dtype).reshape(shape)
    raise NotPlainData(f"unexpected tag {str(tag)[:40]!r} in the answer")


def _dtype(name):
    if type(name) is not str:
        raise NotPlainData("a malformed dtype")
    try:
        dtype = np.dtype(name)
    except TypeError:
        raise NotPlainData(f"dtype {name[:40]!r} is not known") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.name != name:
        raise NotPlainData(f"dtype {name[:40]!r} is not a plain number type")
    return dtype


def round_trip(value):
    """``decode(encode(value))`` through JSON text: what a grader receives of ``value``."""
    return decode(json.loads(json.dumps(encode(value))))


# ---------------------------------------------------------------- one call of an answer

def call_record(function, call):
    """Call ``function`` on the arguments ``call`` describes; the outcome as JSON-ready data.

    ``call`` is ``{"args": [...]}``, optionally with ``"report_args": true`` to send back the
    arguments as they are after the call (to see whether the function changed its input; an
    argument that is not plain data, such as an activation, is sent back as None), and
    optionally with ``"calls_before": k`` to call the function k times on the same arguments
    first (the same generator goes on from where those calls left it) and record the next call.
    The record is ``{"value": ...}`` or ``{"raised": [exception type, message]}``. Nothing
    is measured while the answer runs: whatever ran in the student's process could have
    changed such a measurement, so no judge relies on one.
    """
    args = build(call["args"])
    try:
        for _ in range(int(call.get("calls_before", 0))):
            function(*args)
        record = {"value": encode(function(*args))}
    except Exception as error:  # noqa: BLE001 - any failure of the answer is reported as data
        record = {"raised": [type(error).__name__, str(error)[:500]]}
    if call.get("report_args"):
        after = [encode(arg) for arg in args]
        record["args_after"] = {"$list": [None if isinstance(item, dict) and "$unsupported" in item
                                          and not isinstance(arg, (list, tuple, dict)) else item
                                          for item, arg in zip(after, args, strict=True)]}
    return record


class Outcome:
    """A call's outcome read back strictly: ``value``, or ``raised``, or ``not_plain``; and
    ``args_after`` when the call asked for it."""

    def __init__(self, record):
        self.value = self.raised = self.not_plain = self.args_after = None
        try:
            if type(record) is not dict:
                raise NotPlainData("a malformed record")
            if "raised" in record:
                name, message = record["raised"]
                self.raised = (str(name)[:80], str(message)[:500])
            elif "value" in record:
                self.value = decode(record["value"])
            else:
                raise NotPlainData("a record with no value")
            if "args_after" in record:
                self.args_after = decode(record["args_after"])
        except (NotPlainData, TypeError, ValueError) as error:
            self.raised = None
            self.not_plain = str(error)
