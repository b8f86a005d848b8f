"""One writer: a committed README symlink or a committed `docs_file` that points into the git directory, at source
code or at an ignored file is refused with one line (exit 2) and nothing is written; git keeps working."""

from __future__ import annotations

import pytest
from hostile import run_cli


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.write("pkg/calc.py", "def add(a, b):\n    return a + b\n")
    git_repo.write(".gitignore", "build/\n")
    git_repo.write("build/notes.md", "# generated\n")
    git_repo.commit("initial")
    return git_repo


def _snapshot(repo) -> dict[str, bytes]:
    root = repo.path
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.name != "index" and "objects" not in p.parts
            and "logs" not in p.parts and "readiness" not in p.parts}


def _refused(capsys, repo, *args: str) -> str:
    before = _snapshot(repo)
    code, out, err = run_cli(capsys, "blocker", *args, "--repo", str(repo.path))
    assert (code, out) == (2, ""), err
    assert err.startswith("readiness: error: ") and err.count("\n") == 1
    assert _snapshot(repo) == before
    assert not (repo.path / ".git" / "hooks" / "post-checkout").exists()
    assert repo.git("config", "--list")  # git still reads its configuration
    return err


ADD = ("add", "--class", "build", "--summary", "x")


@pytest.mark.parametrize("target", [".git/config", ".git/HEAD", ".git/info/exclude"])
def test_readme_symlink_into_the_git_directory(capsys, repo, target):
    (repo.path / "README.md").unlink()
    (repo.path / "README.md").symlink_to(target)
    assert "inside the git directory" in _refused(capsys, repo, *ADD)


@pytest.mark.parametrize("docs_file", [".git/config", ".git/HEAD", ".git/info/exclude", ".git/hooks/post-checkout",
                                       ".GIT/config", "sub/.git/config"])
def test_docs_file_in_the_git_directory(capsys, repo, docs_file):
    repo.write("readiness.toml", f'docs_file = "{docs_file}"\n')
    repo.commit("hostile configuration")
    err = _refused(capsys, repo, *ADD)
    assert "inside the git directory" in err or "does not exist" in err


def test_readme_symlink_to_source_code(capsys, repo):
    (repo.path / "README.md").unlink()
    (repo.path / "README.md").symlink_to("pkg/calc.py")
    assert "not a Markdown file" in _refused(capsys, repo, *ADD)


def test_docs_file_naming_source_code(capsys, repo):
    repo.write("readiness.toml", 'docs_file = "pkg/calc.py"\n')
    assert "not a Markdown file" in _refused(capsys, repo, *ADD)


def test_readme_symlink_to_an_ignored_file(capsys, repo):
    (repo.path / "README.md").unlink()
    (repo.path / "README.md").symlink_to("build/notes.md")
    assert "git ignores" in _refused(capsys, repo, *ADD)


def test_resolve_goes_through_the_same_checks(capsys, repo):
    (repo.path / "README.md").unlink()
    (repo.path / "README.md").symlink_to(".git/config")
    assert "inside the git directory" in _refused(capsys, repo, "resolve", "B1")
