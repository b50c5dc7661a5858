"""ctckg.cli (see its modules)."""
