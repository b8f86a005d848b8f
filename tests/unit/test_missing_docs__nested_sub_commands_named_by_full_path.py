"""missing-docs/undocumented-command names a nested sub-command by its full path (`tool checklist uncheck`, not
`tool uncheck`), and counts it documented only when the docs say the full path, or its own name in the context of
the sub-command it belongs to (the same line, or under a heading naming it)."""

import pytest

from readiness.core.scan import engine as scan

PYPROJECT = '[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\ntool = "pkg.cli:main"\n'
CLI = ("import argparse\n\nfrom pkg.commands import checklist\n\n\ndef main(argv=None):\n"
       "    parser = argparse.ArgumentParser(prog='tool')\n    sub = parser.add_subparsers(dest='command')\n"
       "    checklist.register(sub)\n    sub.add_parser('sync')\n    return 0\n")
# The shape of readiness/commands/checklist.py: the parser arrives as a parameter, the name on the next line.
CHECKLIST = ("def register(sub):\n    parser = sub.add_parser(\n        'checklist', help='checklists',\n    )\n"
             "    actions = parser.add_subparsers(dest='action')\n"
             "    actions.add_parser('show', help='one checklist').set_defaults(action='show')\n"
             "    uncheck = actions.add_parser('uncheck', help='withdraw a confirmation')\n"
             "    uncheck.add_argument('item')\n")
CODE = {"pkg/__init__.py": "", "pkg/cli.py": CLI, "pkg/commands/__init__.py": "",
        "pkg/commands/checklist.py": CHECKLIST, "pyproject.toml": PYPROJECT}


def readme(body: str) -> str:
    return f"# Tool\n\n## Usage\n\n    tool sync\n\n{body}\n\n## Troubleshooting\n\nRun it again.\n"


def undocumented(git_repo, scan_context, files):
    for path, text in files.items():
        git_repo.write(path, text)
    return [f.message for f in scan.run(scan_context(git_repo, "all"), scanners=["missing-docs"])
            if f.rule == "missing-docs/undocumented-command"]


def test_nested_sub_command_is_named_by_its_full_path(git_repo, scan_context):
    # "uncheck" appears, but not about the checklist command: that is not documentation of `tool checklist uncheck`
    body = "Run `tool checklist show ID` to see one checklist.\n\n## Notes\n\nYou may uncheck boxes in your editor."
    assert undocumented(git_repo, scan_context, {**CODE, "README.md": readme(body)}) == [
        "sub-command `tool checklist uncheck` (declared in pkg/commands/checklist.py:7) is not mentioned in the README "
        "or docs/"]


@pytest.mark.parametrize("body", [
    "    tool checklist show ID\n    tool checklist uncheck ID ITEM",  # the full path
    "| `tool checklist show ID` / `uncheck ID ITEM` | checklists |",  # the name on a line naming its command
    "### tool checklist\n\n`show ID` prints one.\n\n`uncheck ID ITEM` withdraws a confirmation.",  # under a heading
], ids=["full-path", "same-line", "under-heading"])
def test_nested_sub_command_documented_in_context(git_repo, scan_context, body):
    assert undocumented(git_repo, scan_context, {**CODE, "README.md": readme(body)}) == []


def test_undocumented_parent_is_reported_once_with_its_sub_commands_counted(git_repo, scan_context):
    assert undocumented(git_repo, scan_context, {**CODE, "README.md": readme("Nothing else.")}) == [
        "sub-command `tool checklist` (declared in pkg/commands/checklist.py:2) is not mentioned in the README or "
        "docs/, nor its 2 sub-commands"]


def test_same_name_under_two_commands_are_two_sub_commands(git_repo, scan_context):
    blocker = CHECKLIST.replace("'checklist'", "'blocker'")
    files = {**CODE, "pkg/commands/blocker.py": blocker,
             "pkg/cli.py": CLI.replace("checklist.register(sub)", "checklist.register(sub)\n    blocker.register(sub)")
             .replace("import checklist", "import blocker, checklist"),
             "README.md": readme("    tool checklist show ID\n    tool checklist uncheck ID ITEM\n    tool blocker show")}
    assert undocumented(git_repo, scan_context, files) == [
        "sub-command `tool blocker uncheck` (declared in pkg/commands/blocker.py:7) is not mentioned in the README or "
        "docs/"]


def test_click_groups_nest(git_repo, scan_context):
    cli = ("import click\n\n\n@click.group()\ndef main():\n    pass\n\n\n@main.group()\ndef config():\n    pass\n\n\n"
           "@config.command()\ndef show_all():\n    pass\n")
    files = {"pkg/__init__.py": "", "pkg/cli.py": cli, "pyproject.toml": PYPROJECT,
             "README.md": readme("    tool config --help\n\nshow-all is handy.")}
    assert undocumented(git_repo, scan_context, files) == [
        "sub-command `tool config show-all` (declared in pkg/cli.py:14) is not mentioned in the README or docs/"]


@pytest.mark.parametrize("extra", [
    "def broken(:\n",  # a file Python cannot parse: its lines are still read
    "chained = sub" + ".add_subparsers()" * 2000 + "\n",  # too deep for the parser or for our walk
], ids=["syntax-error", "absurd-chain"])
def test_unparseable_cli_files_fall_back_to_their_lines(git_repo, scan_context, extra):
    cli = CLI.replace("    sub.add_parser('sync')\n", "    sub.add_parser('sync')\n    sub.add_parser('serve')\n") + extra
    found = undocumented(git_repo, scan_context, {**CODE, "pkg/cli.py": cli, "README.md": readme(
        "    tool checklist show ID\n    tool checklist uncheck ID ITEM")})
    assert found == ["sub-command `tool serve` (declared in pkg/cli.py:11) is not mentioned in the README or docs/"]
