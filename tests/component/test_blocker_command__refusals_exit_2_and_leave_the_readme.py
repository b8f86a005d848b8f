"""Through the CLI, every README refusal is exit 2 with one line on stderr, nothing on stdout, and README.md
byte-for-byte unchanged (reliability-anchors R10)."""

from __future__ import annotations

import os

import pytest

from readiness.cli import main
from readiness.core.blockers import log as blockers

ENTRY = "- [ ] **B1** · build · 2026-01-01 · first\n"


def _readme_bytes(repo) -> bytes | None:
    path = repo.path / "README.md"
    return path.read_bytes() if path.is_file() else None


def _refused(capsys, repo, *args: str) -> str:
    before = _readme_bytes(repo)
    code = main(["blocker", *args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("readiness: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert _readme_bytes(repo) == before
    assert not [p for p in repo.path.iterdir() if p.name.endswith(".tmp")]
    return err


@pytest.mark.parametrize(("content", "message"), [
    (b"# T\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> other\n", "merge-conflict markers (line 2)"),
    (b"# T\n\n```sh\necho never closed\n", "line 3 opens a code block"),
    (b"# T\n\xff\xfe\n", "not valid UTF-8"),
])
def test_content_refusals(capsys, git_repo, content: bytes, message: str) -> None:
    git_repo.write("README.md", content)
    assert message in _refused(capsys, git_repo, "add", "--class", "build", "--summary", "x")


def test_conflict_markers_also_refuse_resolve(capsys, git_repo) -> None:
    git_repo.write("README.md", f"## Blockers\n\n{ENTRY}\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> o\n")
    assert "merge-conflict" in _refused(capsys, git_repo, "resolve", "B1")


def test_symlink_outside_the_repository(capsys, git_repo, tmp_path) -> None:
    outside = tmp_path / "shared-notes.md"
    outside.write_bytes(b"# Shared\n")
    (git_repo.path / "README.md").symlink_to(outside)
    assert "outside the repository" in _refused(capsys, git_repo, "add", "--class", "build", "--summary", "x")
    assert outside.read_bytes() == b"# Shared\n"


def test_readme_is_a_directory(capsys, git_repo) -> None:
    (git_repo.path / "README.md").mkdir()
    assert "not a regular file" in _refused(capsys, git_repo, "add", "--class", "build", "--summary", "x")
    assert "not a regular file" in _refused(capsys, git_repo, "list")


def test_read_only_readme(capsys, git_repo) -> None:
    git_repo.write("README.md", f"## Blockers\n\n{ENTRY}")
    os.chmod(git_repo.path / "README.md", 0o444)
    try:
        assert "read-only" in _refused(capsys, git_repo, "add", "--class", "build", "--summary", "x")
        assert "read-only" in _refused(capsys, git_repo, "resolve", "B1")
    finally:
        os.chmod(git_repo.path / "README.md", 0o644)


def test_readme_changed_by_someone_else_meanwhile_is_not_overwritten(capsys, git_repo, monkeypatch) -> None:
    git_repo.write("README.md", f"## Blockers\n\n{ENTRY}")
    real = blockers.add_entry

    def add_while_someone_edits(*args, **kwargs):
        result = real(*args, **kwargs)
        git_repo.write("README.md", f"## Blockers\n\n{ENTRY}edited in the editor meanwhile\n")
        return result

    monkeypatch.setattr(blockers, "add_entry", add_while_someone_edits)
    code = main(["blocker", "add", "--repo", str(git_repo.path), "--class", "build", "--summary", "x"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "changed while readiness was editing it" in err
    assert _readme_bytes(git_repo) == f"## Blockers\n\n{ENTRY}edited in the editor meanwhile\n".encode()
    assert not [p for p in git_repo.path.iterdir() if p.name.endswith(".tmp")]


def test_list_in_json_prints_nothing_on_stdout_when_refused(capsys, git_repo) -> None:
    git_repo.write("README.md", b"\xff")
    code = main(["blocker", "list", "--format", "json", "--repo", str(git_repo.path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "not valid UTF-8" in err
