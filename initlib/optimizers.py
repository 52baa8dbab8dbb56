"""Optimizers: what to do with the gradient once backpropagation has computed it (notebook 06).

Each function takes the parameters ``W1, b1, ..., WL, bL``, their gradients ``dW1, db1, ...``
(from ``backward``) and the optimizer's memory, and returns new ones; nothing is changed in
place. For every parameter array P with gradient dP (same shape):

gradient descent  P <- P - learning_rate * dP

momentum          V <- beta * V - learning_rate * dP                  (V starts at 0)
                  P <- P + V

adam              M <- beta1 * M + (1 - beta1) * dP                   (M, S start at 0)
                  S <- beta2 * S + (1 - beta2) * dP**2
                  P <- P - learning_rate * M_hat / (sqrt(S_hat) + epsilon)
                  with M_hat = M / (1 - beta1**t), S_hat = S / (1 - beta2**t), t = 1, 2, ...

Momentum is Polyak's heavy ball as Goodfellow, Bengio and Courville's *Deep Learning*
(algorithm 8.2), PyTorch's and Keras' SGD write it: V remembers past steps, so a gradient that
keeps its direction moves P up to 1 / (1 - beta) = 10 times further per step than gradient
descent. (Some courses average instead, V <- beta V + (1 - beta) dP, P <- P - learning_rate V:
the same method with the learning rate divided by 1 / (1 - beta).)

Adam (Kingma and Ba, 2015) divides each parameter's step by the root of its recent squared
gradients: every parameter moves by about ``learning_rate`` per step, whatever the size of its
gradient. That is why it can move weights whose gradients are tiny, and why it cannot tell a
tiny gradient that matters from one that is only noise.

``train`` and ``train_many`` take ``optimizer="gradient_descent"`` (the default),
``"momentum"`` or ``"adam"``, or a dict such as ``{"name": "adam", "beta2": 0.99}``; they
apply exactly these formulas, bit for bit (``tests/unit/test_exact_engine.py``).
"""

import numpy as np

from .validation import valid_number

OPTIMIZERS = {
    "gradient_descent": {},
    "momentum": {"beta": 0.9},
    "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}


def gradient_descent_update(params, grads, learning_rate):
    """One step of gradient descent: P <- P - learning_rate * dP for every parameter."""
    return {name: P - learning_rate * grads["d" + name] for name, P in params.items()}


def momentum_update(params, grads, velocity, learning_rate, beta=0.9):
    """One step of gradient descent with momentum (used by ``train`` for notebook 06).

    Parameters
    ----------
    params, grads : dict
        ``W1, b1, ...`` and ``dW1, db1, ...``, as for ``update_parameters``.
    velocity : dict
        ``V`` for each parameter name (``"W1"``, ...), same shapes; zeros before the first step
        (``zeros_like(params)``).
    learning_rate : float
    beta : float in [0, 1)
        How much of the previous step is kept.

    Returns
    -------
    params, velocity : dict, dict
        The new parameters and the new velocity.
    """
    new_params, new_velocity = {}, {}
    for name, P in params.items():
        V = beta * velocity[name] - learning_rate * grads["d" + name]
        new_velocity[name] = V
        new_params[name] = P + V
    return new_params, new_velocity


def adam_update(params, grads, first_moment, second_moment, t, learning_rate, beta1=0.9,
                beta2=0.999, epsilon=1e-8):
    """One step of Adam (notebook 06 measures one).

    Parameters
    ----------
    params, grads : dict
        ``W1, b1, ...`` and ``dW1, db1, ...``.
    first_moment, second_moment : dict
        ``M`` (running mean of the gradients) and ``S`` (running mean of their squares) for
        each parameter name; zeros before the first step.
    t : int >= 1
        The number of this step, counted from 1: it undoes the pull of the zero start
        (M_hat = M / (1 - beta1**t)).
    learning_rate : float
    beta1, beta2 : float in [0, 1)
    epsilon : float > 0
        Keeps the division finite where S is 0.

    Returns
    -------
    params, first_moment, second_moment : dict, dict, dict
    """
    new_params, new_first, new_second = {}, {}, {}
    for name, P in params.items():
        dP = grads["d" + name]
        M = beta1 * first_moment[name] + (1 - beta1) * dP
        S = beta2 * second_moment[name] + (1 - beta2) * dP**2
        M_hat = M / (1 - beta1**t)
        S_hat = S / (1 - beta2**t)
        new_params[name] = P - learning_rate * M_hat / (np.sqrt(S_hat) + epsilon)
        new_first[name], new_second[name] = M, S
    return new_params, new_first, new_second


def zeros_like(params):
    """A dict of zero arrays shaped like ``params``: the optimizers' memory before step 1."""
    return {name: np.zeros_like(P) for name, P in params.items()}


def valid_optimizer(optimizer):
    """Return ``(name, settings)`` for an ``optimizer`` argument, or raise naming what is wrong.

    ``optimizer`` is a name from ``OPTIMIZERS`` (its textbook settings are used) or a dict
    with a ``"name"`` and any of that optimizer's settings, e.g. ``{"name": "momentum",
    "beta": 0.5}``.
    """
    allowed = sorted(OPTIMIZERS)
    if isinstance(optimizer, str):
        optimizer = {"name": optimizer}
    if not isinstance(optimizer, dict):
        raise TypeError(f"optimizer must be a name, one of {allowed}, or a dict with a 'name'; "
                        f"got {type(optimizer).__name__}")
    name = optimizer.get("name")
    if not isinstance(name, str) or name.lower() not in OPTIMIZERS:
        raise ValueError(f"optimizer name {name!r} is not known; choose one of {allowed}")
    name = name.lower()
    settings = dict(OPTIMIZERS[name])
    unknown = sorted(set(optimizer) - set(settings) - {"name"})
    if unknown:
        raise ValueError(f"optimizer {name!r} has no setting {unknown}; its settings are "
                         f"{sorted(settings) or 'none'}")
    for key in settings:
        if key in optimizer:
            value = valid_number(f"optimizer['{key}']", optimizer[key], minimum=0,
                                 strict=key == "epsilon")
            if key != "epsilon" and value >= 1:
                raise ValueError(f"optimizer['{key}'] must be in [0, 1); got {value}")
            settings[key] = value
    return name, settings
