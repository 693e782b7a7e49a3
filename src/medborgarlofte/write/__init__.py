"""Writing: appending rows under a lock, turning options into rows, and laying out a new repo."""
