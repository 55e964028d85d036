"""Run the stakeholders command line from a checkout: ``python cli.py --help``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stakeholders.cli import main

if __name__ == "__main__":
    main()
