"""read() never follows a symlink, never blocks on a FIFO or device, and skips binary and oversized files."""

from __future__ import annotations

import os

import pytest

from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def repo(make_git_repo, tmp_path_factory):
    repo = make_git_repo()
    repo.write("nul_early.dat", b"a" * 7999 + b"\0" + b"b" * 100)
    repo.write("nul_late.txt", b"a" * 8000 + b"\0tail")
    repo.write("big.txt", "x" * 5000)
    repo.write("exact.txt", "y" * 4096)
    repo.write("target.txt", "the target\n")
    repo.commit("initial")
    secret = tmp_path_factory.mktemp("outside") / "id_rsa"
    secret.write_text("PRIVATE KEY\n")
    os.symlink("target.txt", repo.path / "link_in_repo")
    os.symlink(secret, repo.path / "link_outside")
    os.symlink("/dev/zero", repo.path / "link_dev_zero")
    os.symlink("missing", repo.path / "link_dangling")
    os.mkfifo(repo.path / "pipe")
    (repo.path / "a_directory").mkdir()
    with open_repository(repo.path) as opened:
        yield opened


def test_a_nul_byte_in_the_first_8000_bytes_means_binary(repo):
    read = repo.read("nul_early.dat", 1 << 20)
    assert (read.text, read.skipped) == (None, "binary")


def test_a_nul_byte_after_8000_bytes_is_still_text(repo):
    read = repo.read("nul_late.txt", 1 << 20)
    assert read.skipped is None and read.text is not None and read.text.endswith("\0tail")


def test_a_file_over_max_size_is_skipped_as_too_large(repo):
    read = repo.read("big.txt", 4096)
    assert read.text is None and read.skipped.startswith("too large")
    assert read.size == 5000
    assert repo.read("exact.txt", 4096).text == "y" * 4096


@pytest.mark.parametrize("link", ["link_in_repo", "link_outside", "link_dev_zero", "link_dangling"])
def test_symlinks_are_never_followed(repo, link):
    read = repo.read(link, 1 << 20)
    assert read.text is None and read.skipped.startswith("symlink")


@pytest.mark.parametrize("special", ["pipe", "a_directory"])
def test_fifos_and_directories_are_skipped_without_blocking(repo, special):
    read = repo.read(special, 1 << 20)
    assert (read.text, read.skipped) == (None, "not a regular file")


def test_special_files_do_not_disturb_listing_or_grep(repo):
    assert "pipe" not in repo.all_paths()
    assert [hit[0] for hit in repo.grep("target")] == ["target.txt"]
    changes = repo.changes()  # untracked symlinks are listed (a reviewer sees them) but never read
    assert "pipe" not in changes and "a_directory" not in changes
