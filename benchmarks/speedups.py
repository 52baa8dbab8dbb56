"""What the notebooks' time-savers buy, each measured against what it replaced (CPU seconds,
best of 3, this process; `make bench` runs it).

1. tanh from exp (``activations.tanh``) against ``np.tanh``, in training: 30 tanh networks of
   notebook 03's 15 hidden layers, 100 iterations on its 100 points.
2. ``show_figure``, which cuts the PNG from the one drawing its checks need, against
   ``savefig(bbox_inches="tight")`` after those checks (the way it was done before).
3. Large temporaries with glibc's malloc keeping freed memory (``_memory.py``) against its
   defaults: ``layer_statistics`` of five 50-layer networks of width 100 on 200 examples, in a
   fresh process each.
4. Throughput of ``train_stacks`` (notebook 05's stacks, plain, normalized and residual),
   network-iterations per second, against the loop it ran before its arrays were allocated
   once (``fresh_stacks.py``), with a check that both give the same bits.
5. Throughput of ``train_many`` on one of notebook 06's settings (10 networks of 6 hidden ReLU
   layers, 80 steps on its first ``NOTEBOOK_IMAGES`` digit images, recorded every 5),
   network-iterations per second:
   the training loop writes each layer's slope g'(Z) into dZ's array and shares one scratch
   array for every dA, and records the costs of the whole stack at once; compare it with the
   same line on an older commit.
"""

import io
import subprocess
import sys
import time
from unittest import mock

import numpy as np
from fresh_stacks import train_stacks_fresh

import initlib
from initlib import activations, figure_output
from initlib.claims.nb03_he_initialization import DEEP_DIMS, TANH, small_data
from initlib.claims.nb05_beyond_he import STACK_DIMS
from initlib.digit_runs import NOTEBOOK_IMAGES
from initlib.experiments import GainedDraws
from initlib.stack_training import train_stacks


def best_of(repeats, work):
    times = []
    for _ in range(repeats):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def tanh_training():
    X, Y = small_data(TANH)
    configs = [{"initialization": "lecun", "rng": GainedDraws(s, 1.0)} for s in range(30)]

    def run():
        initlib.train_many(X, Y, DEEP_DIMS, configs, num_iterations=100,
                           hidden_activation="tanh")

    course = best_of(3, run)
    with mock.patch.dict(activations.ACTIVATIONS,
                         {"tanh": lambda Z, out=None: np.tanh(Z, out=out)}):
        numpy_tanh = best_of(3, run)
    return numpy_tanh, course


def a_figure():
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(7.4, 3.4))
    for ax in axes:
        for k in range(4):
            ax.plot(np.random.default_rng(k).random(150).cumsum(), label=f"line {k}")
        ax.set_yscale("log")
        ax.legend()
        ax.set_xlabel("iteration")
    fig.tight_layout()
    return fig


def figure_output_seconds():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    def by_savefig(fig):  # the checks, each drawing the figure, then savefig's own two passes
        figure_output.plain_log_labels(fig)
        figure_output.uncover_legends(fig)
        figure_output.small_text(fig)
        fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi, bbox_inches="tight",
                    pad_inches=0.05)
        plt.close(fig)

    with mock.patch("IPython.display.display"):
        shown = best_of(3, lambda: figure_output.show_figure("a figure", a_figure()))
    before = best_of(3, lambda: by_savefig(a_figure()))
    return before, shown


STATISTICS = """
{setup}
import time
import numpy as np
from initlib import initialize_parameters, layer_statistics
X = np.random.default_rng(0).standard_normal((100, 200))
nets = [initialize_parameters([100] * 51 + [1], "he", rng=s) for s in range(5)]
best = []
for _ in range(3):
    start = time.process_time()
    for p in nets:
        layer_statistics(X, p)
    best.append(time.process_time() - start)
print(min(best))
"""
MALLOC_DEFAULTS = "import ctypes.util; ctypes.util.find_library = lambda name: 'no-such-libc'"


def statistics_seconds():
    def run(setup):
        out = subprocess.run([sys.executable, "-c", STATISTICS.format(setup=setup)],
                             capture_output=True, text=True, check=True)
        return float(out.stdout.split()[-1])

    return run(MALLOC_DEFAULTS), run("")


STACK_KINDS = {"plain": {}, "normalized": {"normalized": True},
               "residual": {"residual": True, "branch_scale": 1 / 3}}


def stacks_throughput(options, k=30, n_iter=100):
    """Network-iterations per second of the loop before (fresh arrays) and of ``train_stacks``
    on ``k`` of notebook 05's stacks, timed in turn, and whether both give the same bits."""
    X, Y, _, _ = initlib.load_dataset("circles")
    nets = [initlib.initialize_parameters(STACK_DIMS, "he", rng=s) for s in range(k)]
    settings = dict(learning_rate=0.02, num_iterations=n_iter, record_every=n_iter // 4,
                    **options)
    before, after = [], []
    for _ in range(3):
        before.append(best_of(1, lambda: train_stacks_fresh(X, Y, nets, **settings)))
        after.append(best_of(1, lambda: train_stacks(X, Y, nets, **settings)))
    old_params, old_costs = train_stacks_fresh(X, Y, nets, **settings)
    runs = train_stacks(X, Y, nets, **settings)
    same = all(np.array_equal(run.params[key], old[key]) and
               np.array_equal([c[k] for c in old_costs], run.costs)
               for k, (run, old) in enumerate(zip(runs, old_params, strict=True)) for key in old)
    return k * n_iter / min(before), k * n_iter / min(after), same


def digits_throughput(k=10, n_iter=80):
    from initlib.claims.nb06_real_data import DEEP
    from initlib.digit_runs import digits, start_parameters

    X, Y, _, _ = digits()
    configs = [{"params": start_parameters("He", list(DEEP), s, X)} for s in range(k)]
    seconds = best_of(3, lambda: initlib.train_many(X, Y, DEEP, configs, learning_rate=0.1,
                                                    num_iterations=n_iter, record_every=5))
    return k * n_iter / seconds


def main():
    print("6. What the time-savers buy (CPU seconds, best of 3)")
    before, after = tanh_training()
    print(f"   tanh networks, 30 x 100 iterations: np.tanh {before:5.2f} s, tanh from exp "
          f"{after:5.2f} s ({before / after:.2f}x)")
    before, after = figure_output_seconds()
    print(f"   one two-panel figure: checks + savefig(tight) {before:5.2f} s, show_figure "
          f"{after:5.2f} s ({before / after:.2f}x)")
    before, after = statistics_seconds()
    print(f"   layer_statistics, 5 networks of 50 layers: malloc defaults {before:5.2f} s, freed "
          f"memory kept {after:5.2f} s ({before / after:.2f}x)")
    for kind, options in STACK_KINDS.items():
        before, after, same = stacks_throughput(options)
        print(f"   train_stacks, 30 {kind} stacks of {len(STACK_DIMS) - 1} layers: fresh arrays "
              f"{before:5.0f}, in place {after:5.0f} network-iterations/s ({after / before:.2f}x; "
              f"same bits: {same})")
    print(f"   train_many, notebook 06's 10 networks of 6 hidden layers on {NOTEBOOK_IMAGES} "
          f"digits: "
          f"{digits_throughput():.0f} network-iterations/s")


if __name__ == "__main__":
    main()
