"""ctckg.validate (see its modules)."""
