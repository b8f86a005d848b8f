"""CLI sub-commands declared in code (readiness.core.scan._source.sub_commands), found in a real repository only
under the folders of a declared entry point: argparse `add_parser` (nested ones named by their full path), click
and typer commands on a group (not the group made by `@click.group()` itself), commander `.command`, cobra `Use:`;
a Python file that does not parse is judged line by line; one-letter names are ignored."""

import pytest

from readiness.core.scan._source import sub_commands as sc
from readiness.core.scan._source.project import EntryPointKind

PYPROJECT = ('[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\ntool = "pkg.cli:main"\n'
             'clk = "clk.cli:cli"\ntyp = "typ.main:app"\nlegacy = "legacy.cli:main"\n')
ARGPARSE = (
    "import argparse\n"                                           # 1
    "import re\n"                                                 # 2
    "\n"                                                          # 3
    "def main(argv=None):\n"                                      # 4
    "    parser = argparse.ArgumentParser(prog='tool')\n"         # 5
    "    sub = parser.add_subparsers(dest='command')\n"           # 6
    "    sub.add_parser('sync')\n"                                # 7
    "    checklist = sub.add_parser('checklist')\n"               # 8
    "    actions = checklist.add_subparsers(dest='action')\n"     # 9
    "    actions.add_parser('show')\n"                            # 10
    "    actions.add_parser('x')\n"                               # 11: one letter
    "    register(sub)\n"                                         # 12
    "    return re.match('(a)', 'a').group(1)\n"                  # 13: not a sub-command
    "\n"                                                          # 14
    "def register(sub):\n"                                        # 15
    "    sub.add_parser('blocker', help='the log')\n"             # 16: passed in: the program's own
)
CLICK = (
    "import click\n\n\n"                                           # 1-3
    "@click.group()\ndef cli():\n    pass\n\n\n"                   # 4-8: the program itself
    "@cli.group()\ndef db():\n    pass\n\n\n"                      # 9-13
    "@db.command()\ndef migrate():\n    pass\n\n\n"                # 14-18
    "@cli.command(name='do-it')\ndef do():\n    pass\n\n\n"        # 19-23
    "@cli.command()\ndef show_all():\n    pass\n"                  # 24-26
)
TYPER = "import typer\n\napp = typer.Typer()\n\n\n@app.command()\ndef hello():\n    pass\n"
BROKEN = "def main(:\n    sub.add_parser('old-cmd')\n"  # does not parse: judged by its lines

FILES = {
    "pyproject.toml": PYPROJECT,
    "pkg/__init__.py": "", "pkg/cli.py": ARGPARSE, "pkg/regex.py": "import re\nM = re.match('(a)', 'a').group(1)\n",
    "clk/__init__.py": "", "clk/cli.py": CLICK,
    "typ/__init__.py": "", "typ/main.py": TYPER,
    "legacy/__init__.py": "", "legacy/cli.py": BROKEN,
    "mod/__main__.py": "import argparse\np = argparse.ArgumentParser()\np.add_subparsers().add_parser('run')\n",
    "web/package.json": '{"name": "web", "bin": {"webtool": "cli.js"}}\n',
    "web/cli.js": "const { program } = require('commander');\nprogram\n  .command('serve')\n  .action(() => {});\n",
    # outside every entry point's folder, or a test: not the CLI's sub-commands
    "other/helper.py": "def f(sub):\n    sub.add_parser('stray')\n",
    "tests/test_cli.py": "def test_x(sub):\n    sub.add_parser('from-test')\n",
    "lib.js": "program.command('loose');\n",
}

EXPECTED = [  # (name, path, line)
    ("sync", "pkg/cli.py", 7), ("checklist", "pkg/cli.py", 8), ("checklist show", "pkg/cli.py", 10),
    ("blocker", "pkg/cli.py", 16),
    ("db", "clk/cli.py", 9), ("db migrate", "clk/cli.py", 14), ("do-it", "clk/cli.py", 19),
    ("show-all", "clk/cli.py", 24),
    ("hello", "typ/main.py", 6),
    ("old-cmd", "legacy/cli.py", 2),
    ("run", "mod/__main__.py", 3),
    ("serve", "web/cli.js", 3),
]
NOT_SUB_COMMANDS = ["x", "show", "checklist uncheck", "cli", "migrate", "do", "show_all", "stray", "from-test",
                    "loose", "group", "main"]


@pytest.fixture(scope="module")
def found(module_scan_context):
    return sc.sub_commands(module_scan_context(FILES))


@pytest.mark.parametrize("name, path, line", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_declared_sub_command_is_found_with_its_place(found, name, path, line):
    matches = [(e.path, e.line) for e in found if e.name == name]
    assert matches == [(path, line)]


@pytest.mark.parametrize("name", NOT_SUB_COMMANDS)
def test_other_names_are_not_sub_commands(found, name):
    assert name not in {e.name for e in found}


def test_nothing_else_is_found_and_every_one_is_a_sub_command(found):
    assert sorted(e.name for e in found) == sorted(e[0] for e in EXPECTED)
    assert {e.kind for e in found} == {EntryPointKind.SUB_COMMAND}


def test_snippet_is_the_declaring_line(found):
    by_name = {e.name: e.snippet for e in found}
    assert by_name["checklist show"] == "actions.add_parser('show')"
    assert by_name["do-it"] == "@cli.command(name='do-it')"
    assert by_name["serve"] == ".command('serve')"


def test_cobra_commands_anywhere_in_a_go_module(module_scan_context):
    ctx = module_scan_context({
        "go.mod": "module example.com/gotool\n",
        "cmd/gotool/main.go": "package main\n\nfunc main() { Execute() }\n",
        "internal/root.go": ('package cli\n\nvar serveCmd = &cobra.Command{\n\tUse:   "serve [port]",\n'
                             '\tShort: "serve",\n}\n\nvar v = &cobra.Command{Use: "v"}\n'),
    })
    assert [(e.name, e.path, e.line) for e in sc.sub_commands(ctx)] == [("serve", "internal/root.go", 4)]


def test_no_entry_point_means_no_sub_commands(module_scan_context):
    ctx = module_scan_context({"pkg/__init__.py": "", "pkg/cli.py": ARGPARSE, "web/cli.js": FILES["web/cli.js"]})
    assert sc.sub_commands(ctx) == []


def test_computed_once_per_run(module_scan_context):
    ctx = module_scan_context({"pyproject.toml": PYPROJECT, "pkg/__init__.py": "", "pkg/cli.py": ARGPARSE})
    first = sc.sub_commands(ctx)
    assert sc.sub_commands(ctx) is first
    assert {e.name for e in first} == {"sync", "checklist", "checklist show", "blocker"}
