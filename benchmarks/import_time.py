"""Start-up cost: seconds for `import initlib` in a fresh interpreter (warm file cache)."""

import statistics
import subprocess
import sys

PROBE = "import time; t = time.perf_counter(); import initlib; print(time.perf_counter() - t)"


def main():
    subprocess.run([sys.executable, "-c", "import initlib"], check=True)  # warm the cache
    times = [float(subprocess.run([sys.executable, "-c", PROBE], capture_output=True,
                                  text=True, check=True).stdout) for _ in range(7)]
    print("Import: `import initlib` in a fresh interpreter, warm start (ipywidgets and pyplot "
          "load on first use)")
    print(f"   median {statistics.median(times):.2f} s, slowest {max(times):.2f} s over "
          f"{len(times)} starts   (target 0.3 s)")


if __name__ == "__main__":
    main()
