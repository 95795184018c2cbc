"""Benchmarks run by hand (`make bench-...`), not by `make test`."""
