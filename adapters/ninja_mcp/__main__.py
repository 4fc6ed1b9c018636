"""``python -m ninja_mcp [flags]``: the same as ``ninja-tools mcp [flags]``."""

from __future__ import annotations

import sys

from ninja_cli.main import run

if __name__ == "__main__":
    sys.exit(run(["mcp", *sys.argv[1:]]))
