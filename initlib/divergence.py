"""When gradient descent blows up: the error ``train`` raises and the words it uses.

Training is declared diverged when the outputs become inf or nan, or when the cost grows past
``DIVERGENCE_FACTOR`` times max(starting cost, ln 2): ln 2 is the cost of answering 0.5 for
every example, so a run that starts unusually well is not stopped for merely rising to chance.
"""

import math

import numpy as np

DIVERGENCE_FACTOR = 10.0  # the cost may not exceed this many times max(starting cost, ln 2)


class TrainingDiverged(FloatingPointError):
    """Raised when gradient descent blows up; ``.iteration`` says when it was detected.

    Used in notebook 06.
    """

    def __init__(self, iteration, message):
        super().__init__(message)
        self.iteration = iteration


def diverged_message(iteration, learning_rate, cost=None, limit=None):
    """Why training stopped, in words, with what to try instead."""
    if cost is None or not math.isfinite(cost):
        what = "the output pre-activations had become inf or nan"
    else:
        what = (f"the cost rose to {cost:.4g}, above {limit:.4g} = {DIVERGENCE_FACTOR:g} x "
                f"max(starting cost, ln 2)")
    return (
        f"training diverged at iteration {iteration}: {what}. Each gradient step overshoots "
        f"and makes things worse: learning_rate={learning_rate:g} is too large for this "
        f"network and initialization; try a smaller one, such as {learning_rate / 10:g}."
    )


def raise_if_outputs_blew_up(iteration, Z_L, learning_rate):
    """Raise ``TrainingDiverged`` when the output pre-activations Z_L (n_L, m) hold inf or nan.

    The check of the readable training loops (``initlib.watching_training``); ``train``'s
    engine also stops a cost that grows past its limit.
    """
    if not np.all(np.isfinite(Z_L)):
        raise TrainingDiverged(iteration, diverged_message(iteration, learning_rate))
