"""Shared by the tests that start a JupyterLab server of their own."""

import os
import signal
import subprocess


def stop(server, timeout=20):
    """Stop a server started with ``start_new_session=True``, with everything it started."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
