"""Figure 3: ``ninja-tools mcp --sandbox`` from process start to its first tools/list answer,
beside ``python -c "import mcp.server"`` on the same interpreter, runs interleaved.

The SDK's import is timed two ways from the same process: until the import is done (it prints
a line then), which is what the server's figure compares with, and until the process has
exited (the interpreter's shut-down included), which is what timing the command as a whole
gives. The ratio is taken against the first, the stricter. Both commands run with bytecode
caches, written by one untimed run of each.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

import anyio

from tests.mcp.processes import ROOT

from .stdio import environment, list_tools

RUNS = 15
_IMPORT = "import mcp.server; print('imported', flush=True)"


def _sdk_import() -> tuple[float, float]:
    """Seconds until ``import mcp.server`` is done, and until its process has exited."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _IMPORT], stdout=subprocess.PIPE,
                               env=environment(), cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline()
    imported = time.perf_counter() - started
    process.wait(10)
    exited = time.perf_counter() - started
    process.stdout.close()
    if line.strip() != b"imported":
        raise RuntimeError("the SDK import failed")
    return imported, exited


def _runs() -> dict[str, Any]:
    list_tools()  # one untimed run each, so neither pays for writing bytecode caches
    _sdk_import()
    ours: list[float] = []
    imported: list[float] = []
    exited: list[float] = []
    for _ in range(RUNS):
        ours.append(list_tools().seconds)
        done, gone = _sdk_import()
        imported.append(done)
        exited.append(gone)
    server, sdk, whole = (statistics.median(v) for v in (ours, imported, exited))
    return {"runs": RUNS, "server_to_tools_list_s": round(server, 3),
            "sdk_import_s": round(sdk, 3), "ratio": round(server / sdk, 2),
            "sdk_process_s": round(whole, 3), "ratio_to_process": round(server / whole, 2),
            "server_min_max_s": [round(min(ours), 3), round(max(ours), 3)]}


async def measure() -> dict[str, Any]:
    return await anyio.to_thread.run_sync(_runs)
