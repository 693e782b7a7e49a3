"""Judging: pure evaluation of promises as of a date, in depth and across the repo.

The rules: docs/bedomning.md.
"""
