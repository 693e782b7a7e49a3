"""Renderers: views of report values (table, Markdown, JSON, CSV, HTML); they read nothing else."""
