"""Lets ``python -m ninja_cli`` run the command line."""

from .main import main

main()
