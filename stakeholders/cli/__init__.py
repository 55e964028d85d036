"""The command line: a thin click layer over the library."""

from stakeholders.cli import (  # noqa: F401  (importing a module registers its commands)
    analysis_commands,
    catalogue_commands,
    dataset_commands,
    generate_commands,
    import_commands,
    map_commands,
    neo4j_commands,
    proposal_commands,
    report_commands,
)
from stakeholders.cli.app import main

__all__ = ["main"]
