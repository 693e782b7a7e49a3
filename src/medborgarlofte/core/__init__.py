"""Core values shared by every step: model, problems and messages, slugs, Swedish formats."""
