"""readiness's own writes do not make a branch less ready: a blocker logged in the README's `## Blockers` section
(`readiness blocker add`) and the commented `[tool.readiness]` table `readiness init` appends to pyproject.toml are
not edits of the docs or of the entry points, so the repository's docs gaps stay notes (info) for the branch. A real
edit of the README or of the scripts table makes them the branch's to fix, as before."""

from __future__ import annotations

import json

from readiness.cli import main

RULE = "missing-docs/no-recovery-section"


def _severity(capsys, repo) -> str:
    main(["check", "--repo", str(repo.path), "--format", "json", "--no-cache"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    (finding,) = [f for f in findings if f["rule"] == RULE]
    return finding["severity"]


def test_blocker_log_and_init_are_not_docs_edits(make_git_repo, capsys):
    repo = make_git_repo("ownwrites")
    repo.write("README.md", "# tool\n\n## Usage\n\nRun `tool`.\n")
    repo.write("pyproject.toml", '[project]\nname = "tool"\nversion = "1.0"\n')
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/core.py", "def add(a, b):\n    return a + b\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/core.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n")
    assert _severity(capsys, repo) == "info"
    assert main(["blocker", "add", "--repo", str(repo.path), "--class", "build", "--summary", "CI is red"]) == 0
    assert main(["init", "--repo", str(repo.path)]) == 0
    capsys.readouterr()
    assert "## Blockers" in (repo.path / "README.md").read_text()
    assert "[tool.readiness]" in (repo.path / "pyproject.toml").read_text()
    assert _severity(capsys, repo) == "info"
    text = (repo.path / "pyproject.toml").read_text()
    repo.write("pyproject.toml", text.replace('version = "1.0"\n', 'version = "1.0"\n\n[project.scripts]\n'
                                                                   'tool = "pkg.core:add"\n'))
    assert _severity(capsys, repo) != "info"
    repo.write("pyproject.toml", text)
    readme = (repo.path / "README.md").read_text()
    repo.write("README.md", readme.replace("Run `tool`.", "Run `tool --help` first."))
    assert _severity(capsys, repo) != "info"
