"""Seeds whose draws reach past 6 std: further cases that weights clipped anywhere short of the
tails fail (exercises 2.1 and 3.1).

A normal draw passes 6 std once in about 500 million draws, too rarely to search for while the
grader draws its cases. ``TAIL_SEEDS`` holds seeds of ``np.random.default_rng`` found once by
``find_tail_seeds`` (seeds 0 to 30,000): the stream of standard-normal draws of each passes 6
std at a position below 150,000. Any draw of at least ``position + 1`` numbers from that seed,
in one shape or layer by layer, holds that draw (numpy fills a shape's draws in order, rows
first). The grader's key picks the seed and the layer sizes around it.
"""

import numpy as np

# (seed, position of the first draw beyond 6 std, that draw)
TAIL_SEEDS = (
    (24551, 2871, -6.1373), (27747, 8508, -6.1307), (11446, 51065, 6.1416),
    (29398, 53283, -6.0606), (24881, 60669, -6.1333), (10686, 92439, 6.1294),
    (27311, 114050, 6.0770), (13126, 128350, -6.0840), (3799, 137295, -6.0036),
    (27168, 141253, -6.1374), (5521, 143417, 6.0486),
)


def find_tail_seeds(seeds, window=150_000, beyond=6.0):
    """``(seed, position, draw)`` for each seed of ``seeds`` whose first ``window``
    standard-normal draws pass ``beyond`` std (about 4 ms of CPU per seed)."""
    found = []
    for seed in seeds:
        z = np.random.default_rng(seed).standard_normal(window)
        far = np.flatnonzero(np.abs(z) > beyond)
        if far.size:
            found.append((seed, int(far[0]), round(float(z[far[0]]), 4)))
    return found


def tail_seed(rng):
    """A seed of ``TAIL_SEEDS``, chosen by ``rng``, and the number of draws that reach its tail."""
    seed, position, _ = TAIL_SEEDS[int(rng.integers(len(TAIL_SEEDS)))]
    return seed, position + 1


def sizes_holding(rng, count, first=(200, 401), at_least=0):
    """(n_in, n_out) with n_in from ``first`` and n_in * n_out >= max(count, at_least), with 0
    to 29 rows more than needed (so that the tail's draw is not always in the last row)."""
    n_in = int(rng.integers(*first))
    n_out = -(-max(count, at_least) // n_in) + int(rng.integers(0, 30))
    return n_in, n_out
