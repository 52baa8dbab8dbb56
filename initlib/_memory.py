"""Faster large temporaries on Linux: freed memory is kept for the next array. Not course material.

A numpy array larger than 128 KiB (a (100, 200) batch of activations is 160 KB) is by default
given its own memory map by glibc's ``malloc``, which is returned to the system when the array
is freed; the next array of that size then starts again from fresh pages, each touched for the
first time. Loops that make such temporaries at every layer (``layer_statistics``, the
explorer) spend about half their time on it. Raising malloc's thresholds keeps freed memory in
the process for reuse: the results are the same, bit for bit; only the time changes.
``import initlib`` does it once; elsewhere than glibc it does nothing.
"""

import ctypes
import ctypes.util
import sys

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters, from glibc's malloc.h
MMAP_THRESHOLD = 32 * 2**20  # the largest glibc accepts on 64-bit systems
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD


def keep_freed_memory():
    """Raise glibc's mmap and trim thresholds; True if it did (Linux with glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # another C library (musl): leave it as it is
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
