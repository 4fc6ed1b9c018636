"""Helpers for tests that start real processes: the venv's commands, free ports, waiting."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[2]


def command(name: str) -> str:
    """The venv's own ``ninja-tools`` (the one this test run installed)."""
    found = BIN / (name + (".exe" if os.name == "nt" else ""))
    assert found.exists(), f"{found} is not installed"
    return str(found)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the process ended with {process.returncode}: "
                                 f"{process.stderr.read().decode() if process.stderr else ''}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def environment(**extra: str) -> dict[str, str]:
    """The test's environment without any NINJA_* of the developer's, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NINJA_")}
    return env | extra


@contextmanager
def running(args: list[str], port: int, *, ours: bool = True,
            **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """A process that listens on ``port``, stopped with SIGTERM at the end; ``ours`` must
    then exit cleanly (status 0, no traceback)."""
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=environment(**env), cwd=ROOT)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            status = process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait()
        errors = process.stderr.read() if process.stderr else b""
        if process.stderr:
            process.stderr.close()
    if ours:
        assert status == 0 and b"Traceback" not in errors, errors.decode(errors="replace")
