"""The ``ninja-tools`` command line: a thin face over the ninja_tools core."""
