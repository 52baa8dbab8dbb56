"""The grading protocol: answers travel as plain data; what survives, what counts as wrong."""

import json
import math

import numpy as np
import pytest

from initlib._protocol import NotPlainData, Outcome, build, call_record, decode, round_trip


def test_plain_values_survive_exactly():
    value = {"W1": np.arange(6.0).reshape(2, 3), "n": 3, "x": 0.1, "s": "ok", "none": None,
             "t": (1, 2.5), "flag": True, "i32": np.int32(7), "f": np.float64(1 / 3)}
    back = round_trip(value)
    assert back.keys() == value.keys()
    assert back["W1"].dtype == np.float64 and np.array_equal(back["W1"], value["W1"])
    assert type(back["n"]) is int and type(back["x"]) is float and back["x"] == 0.1
    assert type(back["i32"]) is np.int32 and type(back["f"]) is np.float64
    assert back["f"] == value["f"] and back["t"] == (1, 2.5) and back["flag"] is True


class AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class Float(np.float64):
    pass


@pytest.mark.parametrize("value", [AlwaysEqual(3), Float(1.0), lambda: 1, object(),
                                   np.array(["a"]), np.array([1 + 2j]),
                                   np.array([{}], dtype=object), {1: 2}, [AlwaysEqual(1)]],
                         ids=["int-subclass", "float64-subclass", "function", "object",
                              "str-array", "complex-array", "object-array", "int-keys",
                              "nested-subclass"])
def test_anything_else_is_not_plain_data(value):
    with pytest.raises(NotPlainData, match="not plain data"):
        round_trip(value)


@pytest.mark.parametrize("data", [
    {"$ndarray": ["float64", [2, 2], [1.0, 2.0, 3.0, 4.0]]},  # numbers, not their bytes
    {"$ndarray": ["float64", [2, 2], "AAAAAAAA8D8="]},  # one number for a shape of four
    {"$ndarray": ["float64", [1], "not base64!"]},
    {"$ndarray": ["object", [1], [1]]},
    {"$ndarray": ["float64", [-1], []]},
    {"$scalar": ["float64", "1.0"]},
    {"$dict": [["a"]]},
    {"$eval": "__import__('os')"},
    {"a": 1, "b": 2},
    [1, 2],
])
def test_malformed_data_is_refused(data):
    with pytest.raises(NotPlainData):
        decode(data)


def test_arrays_keep_every_bit_dtype_and_shape():
    for value in (np.random.default_rng(0).standard_normal((3, 4)), np.arange(5, dtype=np.int8),
                  np.array([[True, False]]), np.zeros((0, 3)), np.float32([1.5, -0.0])):
        back = round_trip(value)
        assert back.dtype == value.dtype and back.shape == value.shape
        assert back.tobytes() == value.tobytes() and back.flags.writeable


def test_nan_survives_so_that_judges_can_say_so():
    assert math.isnan(round_trip(float("nan")))
    assert np.isnan(round_trip(np.array([np.nan]))[0])


def test_arguments_are_built_from_their_description():
    rng, activation, W = build([{"$rng": ["RandomState", 3]},
                                {"$activation": {"name": "leaky_relu", "slope": 0.5}},
                                {"$array": [[1, 2]]}])
    assert rng.standard_normal() == np.random.RandomState(3).standard_normal()
    assert activation(np.array([-2.0]))[0] == -1.0 and W.dtype == np.float64
    with pytest.raises(ValueError, match="name='swish' is not known"):
        build({"$activation": {"name": "swish"}})


def test_a_call_record_is_json_and_reads_back():
    record = call_record(lambda x: {"y": x * 2}, {"args": [{"$array": [1.0]}]})
    outcome = Outcome(json.loads(json.dumps(record)))
    assert outcome.raised is None and outcome.value["y"][0] == 2.0
    failed = Outcome(call_record(lambda: 1 / 0, {"args": []}))
    assert failed.raised[0] == "ZeroDivisionError"
    assert Outcome({"value": {"$unsupported": "a function"}}).not_plain
    assert Outcome(["not", "a", "dict"]).not_plain


def test_inputs_changed_by_the_call_are_reported():
    def in_place(params):
        params["W1"] *= 2
        return params

    record = call_record(in_place, {"args": [{"W1": {"$array": [1.0]}}], "report_args": True})
    assert Outcome(record).args_after[0]["W1"][0] == 2.0


def test_the_protocols_activations_are_the_courses():
    from initlib import _protocol, activations

    z = np.linspace(-5, 5, 101)
    for name in activations.HIDDEN_ACTIVATIONS:
        assert np.allclose(_protocol.make_activation(name)(z), activations.ACTIVATIONS[name](z))


def test_a_record_holds_the_answer_and_nothing_measured_during_the_call():
    """Nothing the student's process could tamper with is reported: no call counts, no
    profile of initlib's functions, no count of an activation's evaluations; the worker loads
    _protocol.py on its own (instructor/worker.py) and records the same."""
    import importlib.util

    from initlib import _protocol

    spec = importlib.util.spec_from_file_location("_grading_plain_data", _protocol.__file__)
    alone = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(alone)
    from initlib.initializers import initialize_parameters as init

    call = {"args": [3, {"$rng": ["default_rng", 0]}]}
    record = alone.call_record(lambda n, rng: init([n, 2], "he", rng=rng)["W1"], call)
    assert set(record) == {"value"}
    counted = call_record(lambda f: float(f(np.zeros(1000)).sum()),
                          {"args": [{"$activation": {"name": "tanh"}}]})
    assert counted == {"value": 0.0}


def test_draws_are_described_by_their_seed_and_count():
    z = build({"$normal": [7, 1000]})
    assert np.array_equal(z, np.random.default_rng(7).standard_normal(1000))
    for count in (0, -1, 1.5, 10**9):
        with pytest.raises(ValueError, match="count="):
            build({"$normal": [7, count]})


def test_a_profile_hook_of_ones_own_survives_a_call():
    import sys

    def mine(frame, event, arg):
        return None

    sys.setprofile(mine)
    try:
        call_record(lambda: 1 / 0, {"args": []})
        assert sys.getprofile() is mine
    finally:
        sys.setprofile(None)
