"""``python -m stakeholders``: the command line."""

from stakeholders.cli import main

main(prog_name="stakeholders")
