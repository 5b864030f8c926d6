"""The project explains itself: docs/cli.md names every option of every command the parser knows (and no
option the parser does not), and every exit code; code points at the project's own documents."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from mmexport import exitcodes
from mmexport.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
CLI_MD = ROOT / "docs" / "cli.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options_of(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s.startswith("--") and s != "--help"}


def documented_options(command: str) -> set[str]:
    """The options in the table under `### mmexport <command>`."""
    text = CLI_MD.read_text("utf-8")
    match = re.search(rf"^### `mmexport {re.escape(command)}\b.*?$(.*?)(?=^##)", text, re.M | re.S)
    assert match, f"docs/cli.md has no section for mmexport {command}"
    return set(re.findall(r"^\| `(--[a-z-]+)", match.group(1), re.M))


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_cli_md_lists_exactly_the_options_of(command: str) -> None:
    assert documented_options(command) == options_of(subcommands()[command])


def test_cli_md_lists_the_top_level_options() -> None:
    top = set(re.findall(r"^\| `(--[a-z-]+)`", CLI_MD.read_text("utf-8").split("## Signing in")[0], re.M))
    assert top == options_of(build_parser())


def test_cli_md_lists_every_exit_code() -> None:
    table = CLI_MD.read_text("utf-8").split("## Exit codes")[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    codes = {v for k, v in vars(exitcodes).items() if k.isupper() and isinstance(v, int)}
    assert codes | {1} == documented


def cited_documents() -> list[tuple[str, str]]:
    """(file, document) for every design document a source file names."""
    cited = re.compile(
        r"((?:shared/|docs/)[\w-]+\.md|\b[\w-]*-[\w-]*\.md|\b(?:design|README|DEVELOPERS)\.md)"
    )
    return [
        (str(path.relative_to(ROOT)), name)
        for path in sorted((ROOT / "app").rglob("*.py"))
        for name in cited.findall(path.read_text("utf-8"))
    ]


def test_code_cites_no_document_outside_the_repository() -> None:
    outside = [(f, n) for f, n in cited_documents() if n.startswith("shared/") or n == "design.md"]
    assert not outside


def test_the_documents_the_code_cites_exist() -> None:
    missing = [
        (f, n) for f, n in cited_documents() if not (ROOT / n).exists() and not (ROOT / "docs" / n).exists()
    ]
    assert not missing


def test_cli_md_lists_exactly_the_registered_output_formats() -> None:
    """The table under "## Output formats" is the registry (exporting/formats/), key and description."""
    from mmexport.exporting import formats

    section = CLI_MD.read_text("utf-8").split("## Output formats")[1].split("\n## ")[0]
    documented = re.findall(r"^\| `([a-z0-9]+)` \| (.+?) \|$", section, re.M)
    assert documented == formats.descriptions("en")
