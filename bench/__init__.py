"""Benchmarks: the figures the README quotes. Run ``python -m bench``; not a test suite."""
