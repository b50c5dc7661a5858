"""ctckg.curation (see its modules)."""
