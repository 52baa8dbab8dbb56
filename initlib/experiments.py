"""Small helpers that keep the notebooks' experiment cells short (notebooks 01 to 04).

An experiment in this course trains many networks with ``train_many`` and then reports what
survives any CPU: accuracies, counts over seeds and medians. These helpers do the reporting
and the bookkeeping; they compute nothing that ``network.py`` and ``training.py`` do not.
"""

from functools import lru_cache

import numpy as np

from .data import load_dataset
from .network import accuracy
from .training import train_many
from .validation import valid_count, valid_number

# The starts of the classic experiment, by the names notebooks 02, 03 and 04 print.
CLASSIC_STARTS = {
    "zeros": {"initialization": "zeros"},
    "constant 0.5": {"initialization": "constant", "scale": 0.5},
    "random 0.01": {"initialization": "random", "scale": 0.01},
    "random x10": {"initialization": "random", "scale": 10.0},
    "LeCun": {"initialization": "lecun"},
    "Xavier": {"initialization": "xavier"},
    "He": {"initialization": "he"},
}


class GainedDraws(np.random.RandomState):
    """A seeded generator whose normal draws come out multiplied by ``gain``.

    Used in notebook 03.

    ``initialize_parameters`` draws each ``W_l`` as ``rng.standard_normal((n_l, n_{l-1}))``
    times the rule's standard deviation. Given this generator, ``"lecun"`` therefore draws
    std = gain / sqrt(fan_in) (PyTorch's ``kaiming_normal_(w, nonlinearity="tanh")`` is gain
    5/3 of this kind), and ``"xavier"`` draws gain * sqrt(2 / (fan_in + fan_out)) (PyTorch's
    ``xavier_normal_(w, gain=gain)``). Two generators with the same
    seed and different gains draw the same numbers, only scaled: paired networks that differ
    in their gain alone. Notebook 03 draws tanh gains 1, sqrt(2) and 5/3 with it.

    Parameters
    ----------
    rng : int >= 0
        The seed, as ``rng=<int>`` is everywhere in the course.
    gain : float >= 0
    """

    def __init__(self, rng, gain):
        super().__init__(valid_count("rng", rng, minimum=0))
        self.gain = valid_number("gain", gain, minimum=0)

    def standard_normal(self, size=None):
        """Normal draws of standard deviation ``gain`` (shape ``size``)."""
        return super().standard_normal(size) * self.gain


def accuracies(runs, X, Y):
    """Train accuracy of every ``TrainResult`` in ``runs``, as an array (len(runs),).

    Used in notebooks 01, 02 and 03.

    X is (n_0, m) and Y is (1, m).
    """
    return np.array([accuracy(run.params, X, Y) for run in runs])


def describe(values, percent=True):
    """``"median 99.0%, range 97.7% to 99.7%"`` for an array of accuracies (or plain numbers).

    Used in notebook 01.

    Medians and ranges of accuracies are what a sweep prints: each accuracy is a count of
    examples, so it comes out the same on every CPU unless a run is chaotic.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"values must be a non-empty 1-d array; got shape {values.shape}")
    show = (lambda v: f"{v:.1%}") if percent else (lambda v: f"{v:.3f}")
    return (f"median {show(np.median(values))}, "
            f"range {show(values.min())} to {show(values.max())}")


def classic_runs(names, rng=3, num_iterations=15000):
    """The classic experiment, one run per start (notebooks 02, 03 and 04).

    The ``[2, 10, 5, 1]`` ReLU network on the circles' 300 training points, learning rate
    0.01, the cost recorded every 100 iterations, all starts trained together by
    ``train_many``. Random weights are drawn from ``np.random.RandomState(rng)``, a fresh
    one per start: seed 3 gives the classic ``np.random.seed(3)`` draws. Cached, so that a
    notebook and the claims that read its runs train them once.

    Parameters
    ----------
    names : tuple of str
        Keys of ``CLASSIC_STARTS``.
    rng : int >= 0
        Each random start draws its weights from ``np.random.RandomState(rng)``.
    num_iterations : int >= 1

    Returns
    -------
    dict
        ``{name: TrainResult}`` in the order of ``names``.
    """
    if not isinstance(names, tuple) or not names or any(n not in CLASSIC_STARTS for n in names):
        raise ValueError(f"names must be a non-empty tuple of {list(CLASSIC_STARTS)}; "
                         f"got {names!r}")
    rng = valid_count("rng", rng, minimum=0)
    num_iterations = valid_count("num_iterations", num_iterations, minimum=1)
    return _classic_runs(names, rng, num_iterations)  # one cache entry, however it is called


@lru_cache(maxsize=16)
def _classic_runs(names, seed, num_iterations):
    X, Y, _, _ = load_dataset("circles")
    configs = [{**CLASSIC_STARTS[n], "rng": np.random.RandomState(seed)} for n in names]
    runs = train_many(X, Y, [2, 10, 5, 1], configs, num_iterations=num_iterations,
                      record_every=100)
    return dict(zip(names, runs, strict=True))
