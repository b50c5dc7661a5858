"""ctckg.build (see its modules)."""
