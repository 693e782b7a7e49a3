"""lofte: follow up medborgarlöften (public promises) from YAML promise files and a CSV log."""

__version__ = "0.1.0"
