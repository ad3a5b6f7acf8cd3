"""Benchmarks: run with ``make bench``. Figures are ratios against baselines of the same run."""
