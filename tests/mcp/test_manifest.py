"""``manifest.json``: the server starts exactly as its ``mcp_config`` says (sample user_config
values, a sandbox served on a free port), and its tools list matches tools/list."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from mcp import Client, StdioServerParameters

from .processes import ROOT, command, environment, free_port, running

MANIFEST = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def substitute(value: str, known: dict[str, str]) -> str:
    """What an MCPB host does to ``${...}`` in mcp_config."""
    return _VARIABLE.sub(lambda m: known[m.group(1)], value)


def sample_config(url: str, home: Path) -> tuple[str, list[str], dict[str, str]]:
    server = MANIFEST["server"]["mcp_config"]
    platform = {"win32": "win32", "darwin": "darwin"}.get(sys.platform, "linux")
    config: dict[str, Any] = server | server.get("platform_overrides", {}).get(platform, {})
    known = {"__dirname": str(ROOT), "HOME": str(home), "/": os.sep, "pathSeparator": os.sep}
    values = {"url": url, "token": "sandbox-token"}
    for key, spec in MANIFEST["user_config"].items():
        given = values.get(key, spec.get("default", ""))
        known[f"user_config.{key}"] = str(given).lower() if isinstance(given, bool) else given
    return (substitute(config["command"], known),
            [substitute(arg, known) for arg in config["args"]],
            {key: substitute(value, known) for key, value in config["env"].items()})


def test_user_config_is_what_the_server_reads() -> None:
    config = MANIFEST["user_config"]
    assert set(config) == {"url", "token", "api_secret", "read_only", "toolsets"}
    assert config["token"]["sensitive"] and config["api_secret"]["sensitive"]
    assert not config["api_secret"]["required"]
    env = MANIFEST["server"]["mcp_config"]["env"]
    assert env == {"NINJA_URL": "${user_config.url}", "NINJA_TOKEN": "${user_config.token}",
                   "NINJA_API_SECRET": "${user_config.api_secret}",
                   "NINJA_READ_ONLY": "${user_config.read_only}",
                   "NINJA_TOOLSETS": "${user_config.toolsets}"}
    assert MANIFEST["server"]["type"] == "python" and MANIFEST["manifest_version"] == "0.3"
    assert (ROOT / MANIFEST["server"]["entry_point"]).is_file()


async def test_starts_as_the_manifest_says(tmp_path: Path) -> None:
    installed = tmp_path / ".local" / "bin"
    installed.mkdir(parents=True)
    name = "ninja-tools.exe" if sys.platform == "win32" else "ninja-tools"
    (installed / name).symlink_to(command("ninja-tools"))
    port = free_port()
    sandbox = [command("ninja-tools"), "sandbox", "--port", str(port)]
    with running(sandbox, port, ours=False):
        program, args, env = sample_config(f"http://127.0.0.1:{port}", tmp_path)
        home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
        params = StdioServerParameters(command=program, args=args,
                                       env=environment(**home, **env))
        async with Client(params, mode="legacy") as client:
            names = [tool.name for tool in (await client.list_tools()).tools]
            found = await client.call_tool("find_clients", {"name": "Acme"})
    assert names == [tool["name"] for tool in MANIFEST["tools"]]
    assert not found.is_error and found.structured_content["items"]
