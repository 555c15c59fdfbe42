"""Every command has help text and is in the README; the README's two set-up commands stay true."""
from __future__ import annotations

import re

from typer.main import get_command

from search_cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented():
    commands = get_command(app).commands
    assert set(commands) >= {"index", "search", "show", "inspect", "stats", "failures"}
    for name, command in commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"archive {name}" in README, name
        for parameter in command.params:
            if parameter.param_type_name == "option":
                assert parameter.help, f"{name} {parameter.opts}"


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second():
    setup = README.split("## Set-up")[1].split("\n## ")[0]
    commands = re.findall(r"```sh\n(.+?)\n```", setup, re.S)
    assert len(commands) == 2
    assert "archive index corpus" in commands[0] and "archive search" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1].strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
