"""missing-docs README rules: no README, usage and recovery sections (Markdown parsed with markdown-it-py, never
inside code blocks; reStructuredText titles), documentation files named after a section, configurable section
names, and declared commands the docs never mention. Repository-level: reported in a diff run too."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.scanners.missing_docs import intro_example, markdown_headings, rst_headings

FULL = "# Tool\n\n## Usage\n\n    tool run\n\n## Troubleshooting\n\nIf it fails, run it again.\n"
PYPROJECT = '[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\ntool = "pkg.cli:main"\n'
CLI = ("import argparse\n\n\ndef main(argv=None):\n    parser = argparse.ArgumentParser()\n"
       "    sub = parser.add_subparsers()\n    sub.add_parser('sync')\n    return 0\n")
CODE = {"pkg/__init__.py": "", "pkg/cli.py": CLI, "pyproject.toml": PYPROJECT}

CASES = [
    # (id, files, expected {(rule suffix, path)})
    ("no-readme", {"main.py": "x = 1\n"}, {("no-readme", "README.md")}),
    ("complete-readme", {"README.md": FULL}, set()),
    ("no-sections", {"README.md": "# Tool\n\nA tool.\n\n## Install\n\n    pip install tool\n"},
     {("no-usage-section", "README.md"), ("no-recovery-section", "README.md")}),
    ("headings-inside-code-blocks-do-not-count",
     {"README.md": "# Tool\n\n## Install\n\n```\n## Usage\n## Troubleshooting\n```\n"},
     {("no-usage-section", "README.md"), ("no-recovery-section", "README.md")}),
    ("setext-and-other-names", {"README.md": "Tool\n====\n\nGetting started\n---------------\n\ntext\n\nFAQ\n---\n"},
     set()),
    ("rst-readme", {"README.rst": "Tool\n====\n\nQuick start\n-----------\n\ntext\n\nKnown issues\n------------\n"},
     set()),
    ("rst-readme-missing-recovery", {"README.rst": "Tool\n====\n\nUsage\n-----\n\ntext\n"},
     {("no-recovery-section", "README.rst")}),
    ("docs-file-named-after-section",
     {"README.md": "# Tool\n\n## Usage\n\ntext\n", "docs/troubleshooting.md": "# When it breaks\n"}, set()),
    ("intro-example-counts-as-usage",
     {"README.md": "# Tool\n\n```python\nimport tool\ntool.run()\n```\n\n## Troubleshooting\n\ntext\n"}, set()),
    ("install-only-example-is-not-usage",
     {"README.md": "# Tool\n\n```\npip install tool\n```\n\n## Troubleshooting\n\ntext\n"},
     {("no-usage-section", "README.md")}),
    ("configured-section-names",
     {"README.md": "# Tool\n\n## Usage\n\ntext\n\n## Operations\n\ntext\n",
      "readiness.toml": 'docs_recovery_sections = ["operations"]\n'}, set()),
    ("configured-docs-file",
     {"docs/GUIDE.md": FULL, "readiness.toml": 'docs_file = "docs/GUIDE.md"\n'}, set()),
    ("undocumented-console-script", {**CODE, "README.md": FULL.replace("tool run", "make run")},
     {("undocumented-command", "README.md")}),
    ("documented-console-script-and-sub-command",
     {**CODE, "README.md": FULL.replace("tool run", "tool sync")}, set()),
    ("documented-command-undocumented-sub-command",
     {**CODE, "README.md": FULL.replace("tool run", "tool --help")}, {("undocumented-command", "README.md")}),
    ("command-mentioned-under-docs",
     {**CODE, "README.md": FULL.replace("tool run", "make run"), "docs/cli.md": "Run `tool sync` nightly.\n"},
     set()),
]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_readme_rules(git_repo, scan_context, files, expected):
    for path, text in files.items():
        git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["missing-docs"])
    readme_rules = {f for f in findings if f.rule != "missing-docs/missing-docstring"}
    assert {(f.rule.split("/")[1], f.path) for f in readme_rules} == expected
    assert all(f.line is None for f in readme_rules)


def test_undocumented_command_names_the_command_and_sub_commands(git_repo, scan_context):
    for path, text in {**CODE, "README.md": FULL.replace("tool run", "make run")}.items():
        git_repo.write(path, text)
    messages = [f.message for f in scan.run(scan_context(git_repo), scanners=["missing-docs"])
                if f.rule == "missing-docs/undocumented-command"]
    assert messages == ["command `tool` (declared in pyproject.toml:6) is not mentioned in the README or docs/, "
                        "nor its 1 sub-command"]


def test_sub_command_of_a_documented_command(git_repo, scan_context):
    for path, text in {**CODE, "README.md": FULL.replace("tool run", "tool --help")}.items():
        git_repo.write(path, text)
    messages = [f.message for f in scan.run(scan_context(git_repo), scanners=["missing-docs"])
                if f.rule == "missing-docs/undocumented-command"]
    assert messages == ["sub-command `tool sync` (declared in pkg/cli.py:7) is not mentioned in the README or docs/"]


def test_readme_findings_are_repository_level_in_a_diff_run(git_repo, scan_context):
    git_repo.write("README.md", "# Tool\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("main.py", "x = 1\n")  # README.md itself is not in the change
    rules = {f.rule for f in scan.run(scan_context(git_repo), scanners=["missing-docs"])}
    assert rules == {"missing-docs/no-usage-section", "missing-docs/no-recovery-section"}


def test_severities(git_repo, scan_context):
    git_repo.write("main.py", "x = 1\n")
    assert [(f.rule, str(f.severity)) for f in scan.run(scan_context(git_repo), scanners=["missing-docs"])] == [
        ("missing-docs/no-readme", "error")]


def test_markdown_headings_ignore_code_and_html():
    text = "# A\n\n```\n# not\n```\n\n    # indented code\n\n<h2>html</h2>\n\nB\n-\n"
    assert markdown_headings(text) == ["A", "B"]


def test_rst_headings_ignore_literal_blocks():
    text = "Title\n=====\n\nExample::\n\n    Fake\n    ----\n\nReal\n----\n"
    assert rst_headings(text) == ["Title", "Real"]


@pytest.mark.parametrize("text, expected", [
    ("# T\n\n```\n$ tool --help\n```\n", True),
    ("# T\n\n```\npip install tool\n```\n", False),
    ("# T\n\n## Install\n\n```\ntool run\n```\n", False),
])
def test_intro_example(text, expected):
    assert intro_example("README.md", text) is expected
