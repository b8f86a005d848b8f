"""Live status: watch the work tree, keep what git would see, and batch it (no textual here).

watchfiles reports every write, including git's own bookkeeping and files git ignores. `watch_changes`
yields `(paths, git_operation)` batches:
- events inside the git directory count only when they mean HEAD or a branch moved (commit, checkout, rebase,
  reset, fetch): `HEAD`, `logs/HEAD`, `ORIG_HEAD`, `packed-refs`, `refs/...`. The index, objects, locks and
  readiness's own state under `.git/readiness/` are ignored, so our own git calls never trigger a re-scan;
- work-tree paths are passed through `git check-ignore`, so ignored build output and caches do not count
  (tracked files always count, even when a pattern would ignore them);
- watchfiles groups the events of one save: it yields after `step_ms` without a new event, or after
  `debounce_ms` at most. An editor's save is one burst of events a few milliseconds apart, so 50 ms of quiet
  ends it (the save's re-scan is on screen within ~0.3 s); a long git operation that pauses longer comes in
  more than one batch, each re-scan superseding the last.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from readiness.core.errors import RepoError
from readiness.core.git_cli import git_command, git_env

GIT_TRIGGERS = ("HEAD", "ORIG_HEAD", "packed-refs", "logs/HEAD")
GIT_TRIGGER_DIRS = ("refs/",)
NOISE_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".tox",
                        ".nox"})


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


def _relative(path: str, base: str) -> str | None:
    """`path` relative to `base` with `/` separators, or None when it is outside."""
    if path == base:
        return ""
    prefix = base.rstrip(os.sep) + os.sep
    if not path.startswith(prefix):
        return None
    return path[len(prefix):].replace(os.sep, "/")


class Classifier:
    """Sorts raw event paths into work-tree paths and git operations."""

    def __init__(self, root: Path, git_dir: Path) -> None:
        self.root = os.path.realpath(root)
        self.git_dir = os.path.realpath(git_dir)

    def is_git_trigger(self, rel_git: str) -> bool:
        if rel_git.endswith(".lock"):
            return False
        return rel_git in GIT_TRIGGERS or rel_git.startswith(GIT_TRIGGER_DIRS)

    def keep(self, path: str) -> bool:
        """Cheap filter for watchfiles: drop git internals that are not triggers, and cache directories."""
        real = os.path.realpath(path) if not path.startswith(self.root) else path
        in_git = _relative(real, self.git_dir)
        if in_git is not None:
            return self.is_git_trigger(in_git)
        rel = _relative(real, self.root)
        if rel is None or rel == "":
            return False
        parts = rel.split("/")
        if ".git" in parts:  # a nested repository's or a worktree's git data
            return False
        return not NOISE_DIRS.intersection(parts[:-1]) and not parts[-1].endswith((".pyc", ".swp", "~"))

    def split(self, paths: Iterable[str]) -> tuple[set[str], bool]:
        """(work-tree paths relative to the root, whether a git operation happened)."""
        rel_paths: set[str] = set()
        git = False
        for path in paths:
            in_git = _relative(path, self.git_dir)
            if in_git is not None:
                git = git or self.is_git_trigger(in_git)
                continue
            rel = _relative(path, self.root)
            if rel:
                rel_paths.add(rel)
        return rel_paths, git


def not_ignored(root: Path, paths: Iterable[str]) -> set[str]:
    """The paths git does not ignore (`git check-ignore`; tracked files are never reported as ignored)."""
    candidates = sorted(set(paths))
    if not candidates:
        return set()
    try:
        proc = subprocess.run([*git_command(root), "check-ignore", "-z", "--stdin"],
                              input="\0".join(candidates).encode("utf-8", "surrogateescape"),
                              capture_output=True, env=git_env(), timeout=30, check=False)
    except (OSError, subprocess.SubprocessError, RepoError):
        return set(candidates)
    if proc.returncode not in (0, 1):
        return set(candidates)
    ignored = {p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p}
    return {p for p in candidates if p not in ignored}


def watch_changes(root: Path, git_dir: Path, stop: StopEvent, *, step_ms: int = 50,
                  debounce_ms: int = 700) -> Iterator[tuple[frozenset[str], bool]]:
    """Batches of (changed work-tree paths, git operation happened) until `stop` is set."""
    # Local: watchfiles (~10 ms warm, more on a cold cache) loads in the watch worker thread, after first paint.
    import watchfiles

    classifier = Classifier(root, git_dir)
    targets = [classifier.root]
    if _relative(classifier.git_dir, classifier.root) is None:
        targets.append(classifier.git_dir)  # a linked worktree's git directory lives elsewhere
    for changes in watchfiles.watch(*targets, watch_filter=lambda _change, path: classifier.keep(path),
                                    debounce=debounce_ms, step=step_ms, stop_event=stop, raise_interrupt=False):
        rel_paths, git = classifier.split(path for _change, path in changes)
        kept = not_ignored(Path(classifier.root), rel_paths)
        if kept or git:
            yield frozenset(kept), git
