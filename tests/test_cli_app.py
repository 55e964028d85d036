"""The command group: each command's module is imported only when that command runs."""

from __future__ import annotations

import subprocess
import sys

import click
from click.utils import make_default_short_help

from stakeholders.cli import main
from stakeholders.cli.app import COMMANDS


def test_the_table_of_commands_names_each_command_its_module_and_its_first_sentence() -> None:
    context = click.Context(main)
    for name, (module, summary) in COMMANDS.items():
        command = main.get_command(context, name)
        assert command is not None, f"{name}: not defined by stakeholders.cli.{module}"
        assert command.callback is not None and command.callback.__module__ == f"stakeholders.cli.{module}", name
        assert make_default_short_help(command.help or "", 1000) == summary, f"{name}: COMMANDS has an old summary"
    assert set(main.commands) == set(COMMANDS), "a command is missing from COMMANDS (its module loads too late)"


def test_help_lists_every_command_without_importing_the_library() -> None:
    # A fresh interpreter: what --help imports is what a user waits for.
    probe = (
        "import sys\n"
        "from stakeholders.cli import main\n"
        "try:\n"
        "    main(['--help'], prog_name='stakeholders')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('networkx', 'numpy', 'pandas', 'igraph', 'stakeholders.loader', 'stakeholders.analyses')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in shown
    for name in COMMANDS:
        assert f"\n  {name} " in shown, f"{name} is not listed by --help"


def test_help_of_one_command_and_the_version_work_from_the_lazy_group() -> None:
    from click.testing import CliRunner

    runner = CliRunner()
    assert "--kind" in runner.invoke(main, ["gaps", "--help"]).output
    assert runner.invoke(main, ["--version"]).exit_code == 0
    unknown = runner.invoke(main, ["gapz"])
    assert unknown.exit_code == 2 and "gaps" in unknown.output  # click's "Did you mean" still sees every name
