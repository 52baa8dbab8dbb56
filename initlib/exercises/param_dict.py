"""The parameter dict of exercises 1.1 and 2.1 (notebooks 01 and 02): its keys, the shape of
each array, and what a dict that holds the wrong layers does, in words.

``params["W" + str(l)]`` is W_l of shape (n_l, n_{l-1}) and ``params["b" + str(l)]`` is b_l of
shape (n_l, 1), for l = 1, ..., L = len(layer_dims) - 1.
"""

import re

import numpy as np

from .exercise import Wrong
from .judging import number_array, several
from .relations import layer_shapes_hint


def layers_held(params, L):
    """The layer numbers l >= 1 for which ``params`` holds both W_l and b_l (up to ``L``)."""
    return [l for l in range(1, L + 1) if f"W{l}" in params and f"b{l}" in params]


def depth_hint(params, layer_dims):
    """What the layers a dict holds say about the loop that made them ("" when nothing)."""
    L = len(layer_dims) - 1
    held = layers_held(params, L)
    if not held or len(held) >= L:
        return ""
    repeated = len(set(layer_dims)) < len(layer_dims)
    if held != list(range(1, len(held) + 1)):
        gaps = [l for l in range(1, L + 1) if l not in held]
        return (f"your dict holds layers {', '.join(map(str, held[:6]))} and misses layer"
                f"{'s' if len(gaps) > 1 else ''} {', '.join(map(str, gaps[:6]))} (of L = {L})"
                + (": layer_dims holds a width more than once, and a layer numbered by where "
                   "its width sits (layer_dims.index(n) gives the first place only) overwrites "
                   "an earlier one" if repeated else "")
                + "; number the layers by their place l = 1, ..., L, with range or enumerate")
    k = len(held)
    last = f"W{k}, b{k}"
    if k == 1:
        return ("your dict holds the first layer only (W1, b1), where layer_dims has L = "
                f"{L} layers: the loop stopped after its first pass (a return or break inside "
                "the loop?) or wrote every layer under the same key (a layer number never "
                "increased?); build W_l, b_l for every l from 1 to L = len(layer_dims) - 1, "
                "and return after the loop")
    why = ""
    if repeated:
        why = (" - layer_dims holds a width more than once, and a layer found by its width "
               "(layer_dims.index(n) gives the first place only) overwrites an earlier one")
    if k == len(set(layer_dims)) - 1:
        why += ("; as many layers as layer_dims has distinct widths less one: a width that "
               "comes twice still makes a layer of its own (the number of layers is "
               "len(layer_dims) - 1, not len(set(layer_dims)) - 1)")
    return (f"your dict holds layers 1 to {k} ({last} last) where layer_dims has L = "
            f"len(layer_dims) - 1 = {L} layers: the loop stops {L - k} layer"
            f"{'s' if L - k > 1 else ''} short{why}; the number of layers is the number of "
            "entries of layer_dims less one (the first is the input)")


def swapped_hint(W, b, l, n, n_prev):
    """"" or the words for W_l and b_l that hold each other's shape."""
    if W.shape == (n, 1) and b.shape == (n, n_prev) and n_prev != 1:
        return (f"W{l} has the shape b{l} should have, (n_l, 1), and b{l} the shape of W{l}, "
                f"(n_l, n_(l-1)): W and b are swapped (the keys or the arrays exchanged); "
                f"W{l} is (n_l, n_(l-1)), b{l} the column (n_l, 1)")
    return ""


def bias_rows_hint(rows, l, layer_dims):
    """Where a bias's wrong number of rows comes from, in words ("" when from nowhere)."""
    where = [k for k, width in enumerate(layer_dims) if width == rows]
    if not where:
        return ""
    L = len(layer_dims) - 1
    names = " and ".join(f"layer_dims[{k}]" for k in where[:2])
    output = " (the output layer's width)" if L in where and l != L else ""
    return (f" ({rows} rows: {names}{output}, where layer {l} has {layer_dims[l]} units, "
            f"layer_dims[{l}]; b{l} has one entry per unit of layer {l})")


def judge_param_dict(params, layer_dims):
    """Keys, types and shapes of a parameter dict; the most common mistakes first."""
    if not isinstance(params, dict):
        raise Wrong(f"return a dict {{'W1': ..., 'b1': ..., ...}}, not {type(params).__name__}"
                    f"{several(params)}")
    if not params:
        raise Wrong("your function returned an empty dict: nothing was put into the dict it "
                    "returns (does the loop fill another dict, or never run?)",
                    f"for layer_dims={layer_dims}")
    L = len(layer_dims) - 1
    expected = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    missing = [k for k in expected if k not in params]
    if missing and ("W0" in params or "b0" in params):
        raise Wrong("the dict holds W0 or b0: layers are numbered from 1 (W1, b1, ..., WL, bL); "
                    "W_l connects layer l - 1 to layer l",
                    f"for layer_dims={layer_dims}: missing {missing}")
    beyond = sorted(k for k in params if re.fullmatch(r"[Wb]\d+", str(k)) and k not in expected)
    stale = params.get(f"W{L + 1}")
    if not missing and beyond and isinstance(stale, np.ndarray) and stale.ndim == 2 and (
            stale.shape[1] != layer_dims[-1]):
        raise Wrong(f"the dict holds {beyond}, layers beyond the last one that do not even "
                    "continue this network (their inputs are not its output's width): left over "
                    "from a previous call? Make a new dict on every call, params = {} inside "
                    "the function, not once outside it", f"for layer_dims={layer_dims}")
    if not missing and beyond:
        raise Wrong(f"the dict holds {beyond}, layers beyond the last one: there are L = "
                    "len(layer_dims) - 1 layers, W1, b1, ..., WL, bL",
                    f"for layer_dims={layer_dims}")
    instead = sorted(repr(k) for k in params if k not in expected)
    if missing == [f"W{L}", f"b{L}"] and L > 1 and not instead:
        raise Wrong("the last layer is missing: your loop stops one layer short; layers run "
                    "from 1 to L = len(layer_dims) - 1, range(1, len(layer_dims))",
                    f"for layer_dims={layer_dims}: missing {missing}")
    padded = sorted(str(k) for k in params if re.fullmatch(r"[Wb]0\d+", str(k)))
    if missing and padded:
        raise Wrong(f"the dict holds keys such as {padded[0]!r}: the keys are W1, b1, ..., WL, "
                    "bL, with no leading zero (f'W{l}')", f"for layer_dims={layer_dims}")
    if missing and instead:
        numbers = {int(k[1:]) for k in params if re.fullmatch(r"[Wb]\d+", str(k))}
        widths = (" (numbered by the layers' widths, layer_dims[l], not by l?)" if numbers
                  and numbers <= set(layer_dims[1:]) else "")
        raise Wrong(f"the dict holds {', '.join(instead[:4])} where {', '.join(missing[:4])} "
                    f"belong{widths}: the keys are 'W' and 'b' followed by the layer's number "
                    "l, the layers numbered from 1 to L = len(layer_dims) - 1: f'W{l}' (or "
                    "'W' + str(l))", f"for layer_dims={layer_dims}")
    no_b = [k for k in missing if k[0] == "b"]
    if no_b and len(no_b) == len(missing):
        held = [f"b{l}" for l in range(1, L + 1) if f"b{l}" in params]
        after = (" - only the last layer's: the line that makes b runs once, after the loop "
                 "(indented one level too little?)" if held == [f"b{L}"] else "")
        some = "no b" if not held else "b only for " + ", ".join(held)
        raise Wrong(f"your dict has every W but {some}{after}; each layer l needs its own bias "
                    "b_l, made inside the loop",
                    f"for layer_dims={layer_dims}: missing {missing}")
    if missing and (depth := depth_hint(params, layer_dims)):
        raise Wrong(depth, f"for layer_dims={layer_dims}: missing {missing}")
    if missing:
        raise Wrong("the dict needs keys W1, b1, ..., WL, bL (layers are numbered from 1)",
                    f"for layer_dims={layer_dims}: missing {missing}")
    others = sorted(repr(k) for k in params if k not in expected)
    if others:
        raise Wrong(f"the dict holds an extra key, {', '.join(others[:3])}, besides W1, b1, ..., "
                    "WL, bL: return the parameters only (code that reads L = len(params) // 2 "
                    "counts every key)", f"for layer_dims={layer_dims}")
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = number_array(params[f"W{l}"], f"W{l}")
        b = number_array(params[f"b{l}"], f"b{l}")
        if swapped := swapped_hint(W, b, l, n, n_prev):
            raise Wrong(swapped, f"shapes {W.shape} and {b.shape}")
        if W.shape != (n, n_prev):
            shapes = [params[f"W{k}"].shape if isinstance(params[f"W{k}"], np.ndarray) else ()
                      for k in range(1, L + 1)]
            hint = layer_shapes_hint(shapes, layer_dims) or (
                " (transposed?)" if W.shape == (n_prev, n) else dimension_hint(W.shape, l,
                                                                              layer_dims))
            raise Wrong(f"W{l} has the wrong shape{hint}: rows are the units of layer l, "
                        "columns the inputs from layer l - 1",
                        f"shape {W.shape}, expected {(n, n_prev)}")
        if b.shape != (n, 1):
            hint = " - use a column: np.zeros((n_l, 1))" if b.shape == (n,) else (
                " - a row; use a column: np.zeros((n_l, 1))" if b.shape == (1, n) else
                bias_rows_hint(b.shape[0], l, layer_dims) if b.ndim == 2 and b.shape[1] == 1
                else "")
            raise Wrong(f"b{l} has the wrong shape{hint}", f"shape {b.shape}, expected {(n, 1)}")
        if W.dtype.kind != "f":
            raise Wrong(f"W{l} has dtype {W.dtype}; weights must be floats (float64)")
        if W.dtype != np.float64:
            raise Wrong(f"W{l} has dtype {W.dtype}: keep numpy's float64 (do not cast to "
                        f"{W.dtype}, which keeps fewer digits)")
        if b.dtype != np.float64:
            raise Wrong(f"b{l} has dtype {b.dtype}: biases are floats, numpy's float64 like the "
                        "weights (np.zeros((n_l, 1)) with no dtype)")


def dimension_hint(shape, l, layer_dims):
    """Which side of W_l's ``shape`` is wrong, and what it is instead, in words ("" if both)."""
    if len(shape) != 2 or (shape[0] != layer_dims[l]) == (shape[1] != layer_dims[l - 1]):
        return ""
    side, got, want = ((f"{shape[0]} rows, where layer {l} has {layer_dims[l]} units "
                        f"(layer_dims[{l}])", shape[0], layer_dims[l]) if shape[0] !=
                       layer_dims[l] else (f"{shape[1]} columns, where layer {l - 1} has "
                                           f"{layer_dims[l - 1]} (layer_dims[{l - 1}])",
                                           shape[1], layer_dims[l - 1]))
    where = [f"layer_dims[{k}]" for k, width in enumerate(layer_dims) if width == got]
    output = l == len(layer_dims) - 1 and shape[0] != want
    notes = (["the output layer takes its width from layer_dims[-1] like every layer, one unit "
              "or many"] if output else []) + (
        [f"{got} is {' and '.join(where[:2])}: an index off?"] if where else [])
    return f" ({side}; {'; or: '.join(notes) or f'{got} comes from no entry of layer_dims'})"
