"""Benchmarks of the management review (see bench/README.md); not part of the installed packages."""
