"""ctckg: the CTC–blood-microenvironment knowledge graph, built from Heeke et al., Cells 2019."""

from ctckg.project import VERSION

__version__ = VERSION
__all__ = ["__version__"]
