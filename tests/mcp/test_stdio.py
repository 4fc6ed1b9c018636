"""``ninja-tools mcp --sandbox`` as a host starts it: a subprocess speaking stdio."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest
from mcp import Client, StdioServerParameters

from .processes import ROOT, command, environment
from .scenario import WHO, run_scenario


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_scenario_over_stdio(mode: str) -> None:
    params = StdioServerParameters(command=command("ninja-tools"), args=["mcp", "--sandbox"],
                                   env=environment(), cwd=str(ROOT))
    async with Client(params, mode=mode) as client:
        await run_scenario(client, WHO[mode])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_stdout_is_the_protocol_and_sigterm_stops_cleanly() -> None:
    process = subprocess.Popen([command("ninja-tools"), "mcp", "--sandbox"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment(), cwd=ROOT)
    assert process.stdin and process.stdout and process.stderr
    hello = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "test", "version": "0"}}}
    process.stdin.write((json.dumps(hello) + "\n").encode())
    process.stdin.flush()
    answer = json.loads(process.stdout.readline())
    assert answer["id"] == 1 and answer["result"]["serverInfo"]["name"] == "ninja-tools"
    assert "ids are" in answer["result"]["instructions"].lower()
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 0
    assert process.stdout.read() == b""
    assert b"Traceback" not in process.stderr.read()
    process.stdin.close()
    process.stdout.close()
    process.stderr.close()
