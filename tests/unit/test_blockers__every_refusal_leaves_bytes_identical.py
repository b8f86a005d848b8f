"""Every refusal of CONTRACT.md / reliability-anchors R10 raises ReadmeError (exit 2) and leaves the README's bytes
exactly as they were, with no temporary file left behind."""

from __future__ import annotations

import os
import secrets
import string
from pathlib import Path

import pytest

from readiness.core.blockers import log as blockers
from readiness.core.errors import ReadinessError, ReadmeError

GOOD = "# T\n\n## Blockers\n\n- [ ] **B1** · build · 2026-01-01 · first\n"
NEW = blockers.NewBlocker("environment", "cannot reach the registry")


def _attempt(root: Path, docs_file: str = "README.md", new: blockers.NewBlocker = NEW) -> None:
    readme = blockers.read_readme(root, docs_file)
    text, _ = blockers.add_entry(readme.document(), new, today="2026-11-26", label=docs_file)
    blockers.write_readme(readme, text)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in root.iterdir() if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize(("content", "match"), [
    (b"# T\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> branch\n", "merge-conflict"),
    (b"# T\n\n```\nnot closed\n", "never closed"),
    (b"# T\n\n## Blockers\n\n<!--\nhidden\n", "never closed"),
    (b"# caf\xe9 latin-1\n", "not valid UTF-8"),
    (b"\xef\xbb\xbf\xff\xfe\n", "not valid UTF-8"),
    (b"# T\n" + b"x" * (1 << 20), "larger than 1 MiB"),
    (GOOD.encode() + b"- [ ] **B2** \xc2\xb7 environment \xc2\xb7 2026-01-02 \xc2\xb7 Cannot  reach the REGISTRY\n",
     "already logs"),
])
def test_content_refusals(tmp_path: Path, content: bytes, match: str) -> None:
    (tmp_path / "README.md").write_bytes(content)
    before = _snapshot(tmp_path)
    with pytest.raises(ReadmeError, match=match) as info:
        _attempt(tmp_path)
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)
    assert _snapshot(tmp_path) == before


def test_conflict_markers_refuse_resolve_too(tmp_path: Path) -> None:
    raw = (GOOD + "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n").encode()
    (tmp_path / "README.md").write_bytes(raw)
    readme = blockers.read_readme(tmp_path)
    with pytest.raises(ReadmeError, match="merge-conflict"):
        blockers.resolve_entry(readme.document(), 1, today="2026-11-26")
    assert (tmp_path / "README.md").read_bytes() == raw


def test_setext_underline_of_equals_is_not_a_conflict(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(b"Title\n=======\n\ntext\n")
    _attempt(tmp_path)
    assert b"**B1**" in (tmp_path / "README.md").read_bytes()


def test_symlink_leaving_the_repository_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "repo", tmp_path / "elsewhere.md"
    root.mkdir()
    outside.write_bytes(GOOD.encode())
    (root / "README.md").symlink_to(outside)
    with pytest.raises(ReadmeError, match="outside the repository"):
        _attempt(root)
    assert outside.read_bytes() == GOOD.encode()
    assert (root / "README.md").is_symlink()


def test_dangling_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").symlink_to(tmp_path / "gone.md")
    with pytest.raises(ReadmeError, match="missing file"):
        _attempt(tmp_path)
    assert not (tmp_path / "gone.md").exists()


def test_symlink_inside_the_repository_edits_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    target = tmp_path / "docs" / "index.md"
    target.write_bytes(GOOD.encode())
    os.chmod(target, 0o640)
    (tmp_path / "README.md").symlink_to(Path("docs") / "index.md")
    _attempt(tmp_path)
    assert (tmp_path / "README.md").is_symlink()
    assert b"**B2**" in target.read_bytes()
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "README.md"
    if kind == "directory":
        path.mkdir()
    else:
        os.mkfifo(path)
    with pytest.raises(ReadmeError, match="not a regular file"):
        _attempt(tmp_path)


def test_docs_file_escaping_the_repository_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "x.md").write_bytes(b"# outside\n")
    with pytest.raises(ReadmeError, match="outside the repository"):
        _attempt(root, "../x.md")
    with pytest.raises(ReadmeError, match="relative"):
        _attempt(root, str(tmp_path / "x.md"))
    assert (tmp_path / "x.md").read_bytes() == b"# outside\n"


def test_read_only_readme_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(GOOD.encode())
    os.chmod(path, 0o444)
    try:
        with pytest.raises(ReadmeError, match="read-only"):
            _attempt(tmp_path)
        assert path.read_bytes() == GOOD.encode()
    finally:
        os.chmod(path, 0o644)


def test_changed_between_read_and_write_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(GOOD.encode())
    readme = blockers.read_readme(tmp_path)
    text, _ = blockers.add_entry(readme.document(), NEW, today="2026-11-26")
    path.write_bytes(GOOD.encode() + b"someone else's line\n")
    with pytest.raises(ReadmeError, match="changed while"):
        blockers.write_readme(readme, text)
    assert path.read_bytes() == GOOD.encode() + b"someone else's line\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_created_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    readme = blockers.read_readme(tmp_path)
    text, _ = blockers.add_entry(readme.document(), NEW, today="2026-11-26", title="t")
    (tmp_path / "README.md").write_bytes(b"# Written by hand\n")
    with pytest.raises(ReadmeError, match="changed while"):
        blockers.write_readme(readme, text)
    assert (tmp_path / "README.md").read_bytes() == b"# Written by hand\n"


def test_failed_replace_leaves_the_readme_and_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(GOOD.encode())

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(ReadmeError, match="No space left"):
        _attempt(tmp_path)
    assert path.read_bytes() == GOOD.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_missing_folder_of_docs_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadmeError, match="does not exist"):
        _attempt(tmp_path, "docs/BLOCKERS.md")
    assert not (tmp_path / "docs").exists()


def test_text_with_a_secret_is_refused_and_masked(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(GOOD.encode())
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    for new in (blockers.NewBlocker("environment", f"deploy uses {token}"),
                blockers.NewBlocker("environment", "deploy fails", scope=f"token {token}")):
        with pytest.raises(ReadinessError) as info:
            _attempt(tmp_path, new=new)
        assert token not in str(info.value)
        assert token[8:24] not in str(info.value)
        assert "gh" + "p_" in str(info.value)  # the mask keeps the prefix so the user sees what was refused
    readme = blockers.read_readme(tmp_path)
    with pytest.raises(ReadinessError) as info:
        blockers.resolve_entry(readme.document(), 1, today="2026-11-26", note=f"rotated {token}")
    assert token not in str(info.value)
    assert (tmp_path / "README.md").read_bytes() == GOOD.encode()


@pytest.mark.parametrize("new", [
    blockers.NewBlocker("flaky", "x"),
    blockers.NewBlocker("build", "   \n\t "),
])
def test_bad_fields_are_refused(tmp_path: Path, new: blockers.NewBlocker) -> None:
    (tmp_path / "README.md").write_bytes(GOOD.encode())
    with pytest.raises(ReadinessError):
        _attempt(tmp_path, new=new)
    assert (tmp_path / "README.md").read_bytes() == GOOD.encode()


def test_unknown_id_is_refused_with_the_open_ids(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(GOOD.encode())
    readme = blockers.read_readme(tmp_path)
    with pytest.raises(ReadmeError, match=r"no blocker B7 .*open blockers: B1"):
        blockers.resolve_entry(readme.document(), 7, today="2026-11-26")


def test_hard_link_is_edited_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(GOOD.encode())
    os.link(tmp_path / "README.md", tmp_path / "copy.md")
    readme = blockers.read_readme(tmp_path)
    assert any("hard links" in w for w in readme.warnings)
