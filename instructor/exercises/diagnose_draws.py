"""Exercise 6.1's draws: one call of ``diagnose(rms, depth)``, and further cases drawn to show
a verdict rule that the visible cases cannot."""

import math

import numpy as np


def diagnose_case(rms, depth):
    return {"calls": [{"args": [list(rms), depth]}]}


def mixed_ratios_case(rng, vanish):
    """3 to 5 measured layers whose ratios lie on both sides of 1 (one of them 1.05 to 1.3, or
    0.75 to 0.95), and a factor of 0.55 to 0.8 (or 1.3 to 1.8) that vanishes (or explodes)
    over the network, 1e-5 to 1e-3-fold (or 1e3 to 1e5): an answer that asks every ratio to
    shrink (or grow) before it says 'vanish' (or 'explode') fails."""
    for _ in range(1000):
        k = int(rng.integers(4, 7))
        factor = float(rng.uniform(0.55, 0.8) if vanish else rng.uniform(1.3, 1.8))
        ratios = factor * np.exp(rng.normal(0.0, 0.1, k - 1))
        ratios[0] = rng.uniform(1.05, 1.3) if vanish else rng.uniform(0.75, 0.95)
        ratios[-1] *= factor ** (k - 1) / np.prod(ratios)
        rms = [float(f"{v:.4g}") for v in float(rng.uniform(0.5, 2.0)) * np.cumprod(
            np.concatenate([[1.0], ratios]))]
        measured = np.array(rms[1:]) / np.array(rms[:-1])
        change = float(rng.uniform(3, 5)) * math.log(10) * (-1 if vanish else 1)
        depth = 1 + round(change / math.log(factor))
        if np.any(measured > 1) and np.any(measured < 1) and depth > k:
            return diagnose_case(rms, depth)
    raise RuntimeError("no case with mixed ratios")


def same_shape_case(rng, visible):
    """As many measured layers and the same depth as one of the ``visible`` cases (that vanish
    or explode), and a factor of 0.95 to 1.05 that trains (an answer that remembers its
    diagnosis by the number of measured layers and the depth fails)."""
    rms, depth = visible[int(rng.integers(len(visible)))]["calls"][0]["args"]
    factor, start = float(rng.uniform(0.95, 1.05)), float(rng.uniform(0.5, 2.0))
    return diagnose_case([float(f"{start * factor**j:.4g}") for j in range(len(rms))], depth)
