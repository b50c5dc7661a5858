"""ctckg.sparql (see its modules)."""
