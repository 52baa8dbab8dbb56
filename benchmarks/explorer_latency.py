"""Explorer latency: time from a control change to the redrawn views, default settings."""

import statistics

from initlib import explorer


def main():
    app = explorer()
    times = []
    for initialization in ["lecun", "he", "xavier", "he"] * 3:  # each change fires one full update
        app.controls["initialization"].value = initialization
        times.append(app.last_update_seconds * 1000)
    for seed in range(1, 7):
        app.controls["rng"].value = seed
        times.append(app.last_update_seconds * 1000)
    print("5. Explorer: control change -> statistics recomputed and views redrawn "
          "(default settings: He, 20 layers x 128 ReLU units, batch 256)")
    print(f"   median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms over "
          f"{len(times)} changes   (target 150 ms)")


if __name__ == "__main__":
    main()
