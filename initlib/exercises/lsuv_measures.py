"""The statistics exercise 5.1's answers measure instead of std(Z) (notebook 05), and the
activations they pass the layers below through instead of ReLU, each with what it misses.
Z_l is (n_l, m), one column per example of the batch.
"""

import numpy as np

STATISTICS = (
    (lambda Z: float(np.sqrt(np.mean(Z**2))),
     "you divided by the rms of Z, sqrt(mean(Z**2)); the std subtracts the mean first: "
     "Z.std()"),
    (lambda Z: float(np.mean(np.abs(Z - Z.mean()))),
     "you divided by the mean of |Z - mean|, not the std; use Z.std()"),
    (lambda Z: float(np.mean(np.abs(Z))), "you divided by the mean of |Z|, not the std; use "
                                          "Z.std()"),
    (lambda Z: float(np.mean(Z.std(axis=1))), "you averaged each unit's std (Z.std(axis=1)); "
                                              "LSUV takes one std over all entries, Z.std()"),
    (lambda Z: float(np.mean(Z.std(axis=0))), "you averaged each example's std (Z.std(axis=0)); "
                                              "LSUV takes one std over all entries, Z.std()"),
    (lambda Z: float(np.abs(Z).max()), "you divided by the largest |Z|, not the std; use "
                                       "Z.std()"),
    (lambda Z: float(np.subtract(*np.percentile(Z, [75, 25])) / 1.349),
     "you divided by a spread read off the quartiles (the interquartile range / 1.349, a "
     "normal's std), not the std itself; use Z.std()"),
    (lambda Z: float(Z[Z > 0].std()) if np.count_nonzero(Z > 0) > 1 else np.nan,
     "you measured the std of the positive entries of Z only (those a ReLU lets through); "
     "LSUV takes the std of every entry of Z, Z.std()"),
    (lambda Z: float(np.maximum(Z, 0).std()),
     "you measured the std of the layer's output A = relu(Z), not of its pre-activations Z; "
     "LSUV brings std(Z) to 1"),
)
OTHER_ACTIVATIONS = (("tanh", np.tanh), ("the sigmoid", lambda Z: 1 / (1 + np.exp(-Z))),
                     ("no activation", lambda Z: Z), ("|Z|", np.abs),
                     ("ReLU's derivative, the step (Z > 0)", lambda Z: (Z > 0).astype(float)))
