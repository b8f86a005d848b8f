"""A README deleted in the work tree but still in the index (git still lists it) is a missing README, not a README
without sections; a docs file named after a section counts only while it exists."""

from readiness.core.scan import engine as scan

FULL = "# Tool\n\n## Usage\n\n    tool run\n\n## Troubleshooting\n\nIf it fails, run it again.\n"


def _readme_findings(git_repo, scan_context, scope="all"):
    findings = scan.run(scan_context(git_repo, scope), scanners=["missing-docs"])
    return [f for f in findings if f.rule != "missing-docs/missing-docstring"]


def test_deleted_readme_is_reported_as_no_readme(git_repo, scan_context):
    git_repo.write("README.md", FULL)
    git_repo.write("main.py", "x = 1\n")
    git_repo.commit("base")
    (git_repo.path / "README.md").unlink()  # deleted in the work tree, still in the index
    for scope in ("all", "diff"):
        found = _readme_findings(git_repo, scan_context, scope)
        assert [(f.rule, f.path) for f in found] == [("missing-docs/no-readme", "README.md")], scope
        assert "deleted in the work tree" in found[0].message
        assert "git restore -- README.md" in found[0].message


def test_another_readme_is_judged_when_the_configured_one_is_deleted(git_repo, scan_context):
    git_repo.write("README.md", FULL)
    git_repo.write("README.rst", "Tool\n====\n\nUsage\n-----\n\ntext\n")
    git_repo.commit("base")
    (git_repo.path / "README.md").unlink()
    assert [(f.rule, f.path) for f in _readme_findings(git_repo, scan_context)] == [
        ("missing-docs/no-recovery-section", "README.rst")]


def test_deleted_docs_file_named_after_a_section_does_not_count(git_repo, scan_context):
    git_repo.write("README.md", "# Tool\n\n## Usage\n\ntext\n")
    git_repo.write("docs/troubleshooting.md", "# When it breaks\n")
    git_repo.commit("base")
    assert _readme_findings(git_repo, scan_context) == []
    (git_repo.path / "docs/troubleshooting.md").unlink()
    assert [f.rule for f in _readme_findings(git_repo, scan_context)] == ["missing-docs/no-recovery-section"]


def test_staged_deletion_is_no_readme_too(git_repo, scan_context):
    git_repo.write("README.md", FULL)
    git_repo.commit("base")
    git_repo.git("rm", "-q", "README.md")
    found = _readme_findings(git_repo, scan_context)
    assert [f.rule for f in found] == ["missing-docs/no-readme"]
    assert "deleted" not in found[0].message  # git no longer lists it: the plain message
