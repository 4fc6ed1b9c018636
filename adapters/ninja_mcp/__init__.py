"""The MCP face: the catalog as tools, resources and prompts for assistants and editors.

Entry point: ``ninja_mcp.main.run_mcp(args)`` (``ninja-tools mcp``); ``build_server(runtime)``
in ``server`` makes the server for any transport or for an in-memory test client.

Layout (one job per module): ``options`` flags and settings · ``runtime`` the core, built once
and late · ``exposure`` which tools are listed (``default_tools.json`` answers the first
tools/list before the catalog is loaded) · ``listing`` and ``schema`` one tool as JSON ·
``catalog_tools`` find, describe, run, confirmation status · ``confirming`` elicitation or the
confirm page · ``results`` results and the one error translation · ``resources`` and
``prompts`` · ``main`` stdio · ``http`` streamable HTTP.
"""
