"""Checking: every problem of a repo in one run, the block fast path, and history (`--sedan`)."""
