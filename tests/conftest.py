"""Shared fixtures: real temporary git repositories with fixed identities and dates (no mocked git)."""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import pytest

FIXED_DATE = "2024-01-02T03:04:05+00:00"
_counter = itertools.count()


def git_env() -> dict[str, str]:
    """The environment of the helper's own git calls: no caller GIT_* variables, no user config, fixed dates."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Test Author", GIT_AUTHOR_EMAIL="author@example.com", GIT_AUTHOR_DATE=FIXED_DATE,
               GIT_COMMITTER_NAME="Test Committer", GIT_COMMITTER_EMAIL="committer@example.com",
               GIT_COMMITTER_DATE=FIXED_DATE, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    return env


def run_git(cwd: str | os.PathLike[str], *args: str, check: bool = True) -> str:
    """Run git in `cwd` (file:// submodules and clones allowed) and return stdout; fail loudly on error."""
    proc = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", *args],
                          cwd=cwd, env=git_env(), capture_output=True, stdin=subprocess.DEVNULL, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode("utf-8", "surrogateescape")


class GitRepo:
    """A real repository on disk: `.git(*args)`, `.write(path, text_or_bytes)`, `.commit(msg)`, `.path`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def git(self, *args: str, check: bool = True) -> str:
        return run_git(self.path, *args, check=check)

    def write(self, path: str | os.PathLike[str], content: str | bytes) -> Path:
        """Write bytes as they are, or text as UTF-8 without newline translation; parents are created."""
        full = self.path / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return full

    def commit(self, msg: str = "commit", *, add_all: bool = True) -> str:
        """Commit (everything, unless add_all=False) and return the new HEAD sha."""
        if add_all:
            self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "--no-verify", "-m", msg)
        return self.git("rev-parse", "HEAD").strip()

    def __repr__(self) -> str:
        return f"GitRepo({str(self.path)!r})"


def init_repo(path: str | os.PathLike[str], *, branch: str = "main", bare: bool = False) -> GitRepo:
    Path(path).mkdir(parents=True, exist_ok=True)
    run_git(path, "init", "-q", "-b", branch, *(["--bare"] if bare else []), ".")
    return GitRepo(path)


@pytest.fixture(scope="session")
def make_git_repo(tmp_path_factory: pytest.TempPathFactory):
    """Factory for fresh repositories, usable from fixtures of any scope: make_git_repo(branch=..., bare=...)."""

    def make(name: str = "repo", *, branch: str = "main", bare: bool = False) -> GitRepo:
        return init_repo(tmp_path_factory.mktemp(f"{name}{next(_counter)}", numbered=True), branch=branch, bare=bare)

    return make


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    """A fresh, empty repository on branch `main` (no commits yet)."""
    return init_repo(tmp_path / "repo")
