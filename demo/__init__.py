"""Fictional demo data and the scale benchmarks, on top of every other app (nothing imports it)."""
