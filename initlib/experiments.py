"""Small helpers that keep the notebooks' experiment cells short (notebooks 01, 02 and 03).

An experiment in this course trains many networks with ``train_many`` and then reports what
survives any CPU: accuracies, counts over seeds and medians. These helpers do the reporting
and the bookkeeping; they compute nothing that ``network.py`` and ``training.py`` do not.
"""

import numpy as np

from .network import accuracy
from .validation import valid_count, valid_number


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
