"""One name per concept, across every public function, argument and error message."""

import importlib
import inspect
import pkgutil
import re

import numpy as np
import pytest

import initlib
from initlib import training

# a concept's one name, and the other names it must never go by
SYNONYMS = {
    "initialization": {"method", "init", "initializer", "scheme", "init_method"},
    "rng": {"seed", "random_state", "generator", "random_seed"},
    "hidden_activation": {"activation", "act", "g", "nonlinearity", "activation_name"},
    "learning_rate": {"lr", "alpha", "step_size"},
    "num_iterations": {"n_iter", "epochs", "num_steps", "iters", "n_iterations"},
    "layer_dims": {"dims", "layers_dims", "sizes", "layer_sizes", "shape_list"},
}
FORBIDDEN = {alias: name for name, aliases in SYNONYMS.items() for alias in aliases}


def public_functions():
    """Every public function and class defined in a public initlib module."""
    found = []
    for info in pkgutil.iter_modules(initlib.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"initlib.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                try:
                    inspect.signature(obj)
                except (TypeError, ValueError):  # e.g. an exception class: no arguments to name
                    continue
                found.append((f"{info.name}.{name}", obj))
    return found


@pytest.mark.parametrize("qualname,obj", public_functions(), ids=lambda v: str(v)[:40])
def test_signatures_use_the_course_names(qualname, obj):
    for parameter in inspect.signature(obj).parameters:
        assert parameter not in FORBIDDEN, (
            f"{qualname}({parameter}=...) should be called {FORBIDDEN[parameter]!r}")


def test_train_many_configs_use_the_same_names():
    assert set(training.CONFIG_KEYS) == {"initialization", "scale", "distribution", "rng"}


@pytest.fixture
def data():
    X, Y, _, _ = initlib.load_dataset("circles")
    return X, Y


def test_error_messages_use_the_argument_names(data):
    X, Y = data
    params = initlib.initialize_parameters([2, 3, 1], rng=0)
    cases = [
        (lambda: initlib.train(X, Y, [2, 3, 1], initialization="magic"), "initialization="),
        (lambda: initlib.initialize_parameters([2, 3, 1], "magic"), "initialization="),
        (lambda: initlib.weight_std("magic", 3, 2), "initialization="),
        (lambda: initlib.explorer_summary(initialization="magic"), "initialization"),
        (lambda: initlib.train(X, Y, [2, 3, 1], rng="x"), "rng"),
        (lambda: initlib.initialize_parameters([2, 3, 1], rng=1.5), "rng"),
        (lambda: initlib.explorer_summary(rng="x"), "rng"),
        (lambda: initlib.forward(X, params, hidden_activation="swish"), "hidden_activation="),
        (lambda: initlib.train(X, Y, [2, 3, 1], hidden_activation="swish"), "hidden_activation="),
        (lambda: initlib.explorer_summary(hidden_activation="swish"), "hidden_activation"),
        (lambda: initlib.train(X, Y, [2, 3, 1], learning_rate=-1), "learning_rate"),
        (lambda: initlib.update_parameters(params, {}, learning_rate=0), "learning_rate"),
        (lambda: initlib.train(X, Y, [2, 3, 1], num_iterations=-1), "num_iterations"),
        (lambda: initlib.train(X, Y, [2, 0, 1]), "layer_dims"),
    ]
    for call, name in cases:
        with pytest.raises((TypeError, ValueError)) as info:
            call()
        assert name in str(info.value), str(info.value)
        for alias, concept in FORBIDDEN.items():
            if concept == name.rstrip("="):
                assert not re.search(rf"\b{alias}=", str(info.value)), str(info.value)


def test_every_rng_kind_is_accepted_under_one_name():
    for rng in (None, 3, np.random.default_rng(3), np.random.RandomState(3)):
        assert initlib.initialize_parameters([2, 3, 1], rng=rng)["W1"].shape == (3, 2)
