"""ctckg.export (see its modules)."""
