"""The digest a check-off is compared against follows the covered files' contents, and only theirs."""

import os

from readiness.core.checklists.state import digest_paths, file_digest, relevant_digest, relevant_paths


def test_digest_follows_content_deletion_and_symlinks(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    before = file_digest(tmp_path, "a.py")
    assert file_digest(tmp_path, "a.py") == before
    (tmp_path / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert file_digest(tmp_path, "a.py") != before
    assert file_digest(tmp_path, "gone.py") == "deleted"
    os.symlink("a.py", tmp_path / "link")
    assert file_digest(tmp_path, "link").startswith("symlink:")
    os.mkfifo(tmp_path / "fifo")
    assert file_digest(tmp_path, "fifo") == "special"  # never opened: a FIFO would block


def test_relevant_digest_covers_only_matching_paths(tmp_path):
    for name in ("a.py", "README.md"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    digests = digest_paths(tmp_path, ["a.py", "README.md"])
    docs = relevant_digest(digests, ["*.md"])
    everything = relevant_digest(digests)
    assert relevant_paths(digests, ["*.md"]) == ["README.md"]
    (tmp_path / "a.py").write_text("changed", encoding="utf-8")
    changed = digest_paths(tmp_path, ["a.py", "README.md"])
    assert relevant_digest(changed, ["*.md"]) == docs
    assert relevant_digest(changed) != everything
    assert relevant_digest({**digests, "new.md": "x"}, ["*.md"]) != docs  # a new covered file counts too
