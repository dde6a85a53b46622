"""Benchmarks (``make bench``): timings next to the floor for the same question. Not tests."""
