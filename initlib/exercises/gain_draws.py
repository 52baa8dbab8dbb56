"""Exercise 4.1's gain on other draws than the z given: a part of z, z transformed (mirrored,
standardised, rounded, clipped), or z with its mirror image -z; the number each gives and what it
misses.

Each function takes the case's activation and draws ``z`` (1-d or 2-d) and returns a list of
``(gain, words)``: the gain 1 / sqrt(mean of f^2) an answer gets when it averages over those
other draws, and the hint that names it.
"""

import math

import numpy as np


def gain_over(activation, *parts):
    """1 / sqrt of the mean of f^2 over all the draws of ``parts`` together (nan for 0)."""
    second = float(np.mean(np.concatenate([np.ravel(activation(p)) ** 2 for p in parts])))
    return 1 / math.sqrt(second) if second > 0 else math.nan


def transformed_mistakes(activation, z):
    """The gain on z transformed before the activation, or on z and its mirror image -z
    together (antithetic draws), and what each misses."""
    as_given = "the gain is measured on the draws z you are given, as they are, each once"
    found = [(gain_over(activation, -z), "you applied the activation to -z, the draws mirrored "
              f"(a minus sign too many?); {as_given}: f(-z) is not f(z)"),
             (gain_over(activation, z, -z), "you averaged f(z)^2 together with f(-z)^2, the "
              "draws and their mirror images -z (antithetic draws, for less noise): -z are "
              f"other draws than the ones given; {as_given}: np.mean(f(z) ** 2)"),
             (gain_over(activation, -np.abs(z)), "you applied the activation to -|z|; apply it "
              "to z itself, signs included")]
    spread = float(np.std(z))
    if spread > 0:
        found += [(gain_over(activation, (z - np.mean(z)) / spread), "you standardised z first, "
                   f"(z - z.mean()) / z.std(); {as_given}"),
                  (gain_over(activation, z / spread), "you divided z by its std first; "
                   f"{as_given}")]
    found.append((gain_over(activation, z - np.mean(z)), f"you centred z first (z - z.mean()); "
                  f"{as_given}"))
    for decimals in (0, 1, 2, 3):
        found.append((gain_over(activation, np.round(z, decimals)), "you rounded the draws to "
                      f"{decimals} decimals before the activation; {as_given}"))
    return found


def subset_mistakes(activation, z):
    """What the gain is on parts of the draws, or on z itself, and what each misses."""
    on_squares = float(np.mean(activation(z**2)))
    found = [(1 / math.sqrt(on_squares) if on_squares > 0 else math.nan,
              "you applied the activation to z ** 2, f(z ** 2); apply it to z, then square: "
              "f(z) ** 2"),
             (1 / math.sqrt(float(np.mean(z**2))), "you averaged z**2, the gain of z itself, not "
                                                   "of f(z): apply the activation to z first")]
    for other, words in ((np.maximum(z, 0), "ReLU, np.maximum(z, 0)"), (np.tanh(z), "tanh"),
                         (1 / (1 + np.exp(-z)), "the sigmoid")):
        found.append((1 / math.sqrt(float(np.mean(other**2))),
                      f"your gain is that of {words}, the same for every activation: apply the "
                      "activation you are given, activation(z)"))
    far = np.abs(z)
    for cut, words in [*((float(np.quantile(far, q)), f"beyond the {q:.1%} quantile of |z|")
                         for q in (0.9, 0.95, 0.98, 0.99, 0.995, 0.999)),
                       *((c, f"beyond |z| = {c:g}") for c in (2, 2.5, 3, 3.5, 4, 5))]:
        kept = activation(z[far < cut])
        found.append((1 / math.sqrt(float(np.mean(kept**2))),
                      f"you trimmed the tails, dropping the draws {words}; average over all of "
                      "z, outliers included"))
        found.append((1 / math.sqrt(float(np.mean(activation(np.clip(z, -cut, cut)) ** 2))),
                      f"you clipped the draws {words}; average over all of z as given, tails "
                      "included"))
    for cut in (1, 2, 3, 4, 5, 6, 8, 10):
        found.append((1 / math.sqrt(float(np.mean(np.clip(activation(z), -cut, cut) ** 2))),
                      f"you clipped f(z) at {cut} (np.clip of the outputs); square f(z) as it "
                      "is, large outputs included"))
    second = float(np.mean(activation(z) ** 2))
    found.append((math.sqrt(float(np.mean(z**2)) / second) if second > 0 else math.nan,
                  "you returned sqrt(E[z**2] / E[f(z)**2]), a ratio to the second moment of z; "
                  "the gain is 1 / sqrt(E[f(z)^2]) alone (E[z^2] is 1 only on average)"))
    found.append((float(np.std(z) / np.std(activation(z))),
                  "you divided the std of z by the std of f(z); the next layer sums f(z) with "
                  "its mean, so the gain is 1 / sqrt(E[f(z)^2]), the second moment"))
    found.append((1 / math.sqrt(float(np.mean(activation(np.abs(z)) ** 2))),
                  "you applied the activation to |z| (np.abs(z)); apply it to z itself, signs "
                  "included"))
    twice = float(np.mean(activation(activation(z)) ** 2))
    found.append((1 / math.sqrt(twice) if twice > 0 else math.nan,
                  "you applied the activation twice, f(f(z)); apply it once, then square"))
    if np.all(activation(z) != 0):
        for inverse in (np.mean(1 / np.abs(activation(z))),
                        math.sqrt(float(np.mean(1 / activation(z) ** 2)))):
            found.append((float(inverse), "you averaged inverses, the mean of 1 / f(z) terms; "
                          "the order is: average the squares f(z)^2 first, then 1 / sqrt"))
    absolute = float(np.mean(np.abs(activation(z))))
    found.append((1 / absolute if absolute > 0 else math.nan,
                  "you took 1 / the mean of |f(z)|; the gain is 1 / sqrt of the mean of f(z)^2"))
    for part, words in ((z[::2], "every other draw"), (z[1::2], "every other draw"),
                        (z[:-1], "all draws but the last"), (z[1:], "all draws but the first")):
        found.append((1 / math.sqrt(float(np.mean(activation(part) ** 2))),
                      f"you used {words} only; average over all of z"))
    positive = z[z > 0]
    if positive.size:
        found.append((1 / math.sqrt(float(np.mean(activation(positive) ** 2))),
                      "you averaged over the positive draws only; use all of z"))
    for count in sorted({1000, 10_000, 100_000, z.size // 2, z.size // 10}):
        if 0 < count < z.size:
            part = float(np.mean(activation(z[:count]) ** 2))
            found.append((1 / math.sqrt(part) if part > 0 else math.nan,
                          f"you used only the first {count:,} draws; average over all of z"))
    shifted = float(np.mean((activation(z) - activation(np.zeros(1))[0]) ** 2))
    density = np.exp(-(z**2) / 2)  # the normal density, up to its constant
    found += [(1 / math.sqrt(shifted) if shifted > 0 else math.nan, "you subtracted f(0), "
               "measuring f from its value at 0; square f(z) as it is, offset included"),
              (1 / math.sqrt(float(np.sum(density * activation(z) ** 2) / np.sum(density))),
               "you weighted each draw by the normal density; the draws are normal already, so "
               "each counts once: a plain average, np.mean(f(z) ** 2)")]
    if z.ndim > 1:  # the mean of a 2-d z is over all its entries
        found.append((math.sqrt(len(z) / float(np.sum(activation(z) ** 2))), "you divided by "
                      "len(z), z's first axis; average over all the draws: np.mean, or z.size"))
    of_average = float(activation(np.asarray(float(np.mean(z**2)))))
    found.append((1 / math.sqrt(of_average) if of_average > 0 else math.nan,
                  "you applied the activation to the average of z**2, f(E[z^2]); apply it to "
                  "each draw first, square, then average: E[f(z)^2]"))
    return found




def average_mistakes(values, z, got):
    """(gain, explanation) of answers that average something else than every f(z)^2 equally:
    the first k squares only, the last square only, each half of z weighted equally, another
    power of f(z), each output weighted by itself."""
    squares = (values**2).ravel()
    n = squares.size
    found = []
    if n > 1 and math.isfinite(got) and got > 0:
        means = np.cumsum(squares) / np.arange(1, n + 1)
        first = np.flatnonzero(np.isclose(means, 1 / got**2, rtol=1e-9, atol=0))
        if first.size and first[0] + 1 < n:
            k = int(first[0]) + 1
            found.append((got, f"your average is over the first {k:,} of the {n:,} draws only "
                               "(a loop that stops early, once the average settles, or a "
                               "slice): the gain averages f(z)^2 over every draw given"))
    found.append((1 / math.sqrt(squares[-1] / n) if squares[-1] > 0 else math.nan,
                  "your sum holds the last square only: it is replaced on every pass instead of "
                  "added to (total = square, or the typo total =+ square for total += square)"))
    for low, high in ((z >= 0, z < 0), (z > 0, z <= 0)):
        if low.any() and high.any():
            halves = (np.mean(squares[low.ravel()]) + np.mean(squares[high.ravel()])) / 2
            found.append((1 / math.sqrt(halves), "you averaged each half of z (above and below "
                          "0) apart and took the mean of the two: the halves hold different "
                          "numbers of draws, so each draw no longer counts equally; average "
                          "f(z)^2 over all the draws at once"))
    with np.errstate(all="ignore"):
        magnitudes = np.abs(values.ravel())
        for second, words in (
                (np.mean(magnitudes**4), "the mean of f(z)^4 (squared twice)"),
                (np.sqrt(np.mean(magnitudes**4)), "the square root of the mean of f(z)^4"),
                (np.mean(magnitudes**3), "the mean of |f(z)|^3"),
                (np.mean(magnitudes), "the mean of |f(z)|, not of its square"),
                (np.mean(squares) / np.mean(values), "E[f^2] / E[f], each output weighted by "
                                                     "itself (np.average(a, weights=a))"),
                (np.var(values) + np.mean(values), "Var[f] + E[f], where E[f^2] = Var[f] + "
                                                   "E[f]^2: the mean must be squared"),
                (np.mean(np.unique(values) ** 2), "over the distinct values of f(z) "
                                                  "(np.unique), each once: repeated outputs, "
                                                  "such as ReLU's zeros, count every time"),
                (float(np.sum(squares[::-1][:60] / 2.0 ** np.arange(1, min(n, 60) + 1))),
                 "a running average halved at each step, (average + square) / 2, which "
                 "weights the last few squares most")):
            if second > 0 and math.isfinite(second):
                found.append((1 / math.sqrt(second), f"your average is {words}; the gain "
                              "divides by the root of the mean of f(z)^2, each draw weighted "
                              "equally"))
    return found
