import numpy as np
import pytest

import initlib


@pytest.fixture(scope="session")
def circles():
    """(X_train, Y_train, X_test, Y_test) of the circles dataset."""
    return initlib.load_dataset("circles")


@pytest.fixture
def small_problem():
    """A small random classification problem: X (3, 20), Y (1, 20)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 20))
    Y = (rng.random((1, 20)) > 0.5).astype(np.int64)
    return X, Y
