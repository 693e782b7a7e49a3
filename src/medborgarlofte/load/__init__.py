"""Loading: repo layout, promise files (YAML) and the log dialect (CSV), every problem located."""
