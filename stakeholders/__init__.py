"""stakeholders: a region's actors, projects, municipalities and target groups as one graph."""

from stakeholders.loader import load_dataset, load_with_warnings
from stakeholders.model import Dataset
from stakeholders.problems import DatasetError, Problem

__all__ = ["Dataset", "DatasetError", "Problem", "load_dataset", "load_with_warnings"]
__version__ = "0.1.0"
