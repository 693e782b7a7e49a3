"""Judging: pure evaluation of promises as of a date (CONTRACT §5), in depth and across the repo."""
