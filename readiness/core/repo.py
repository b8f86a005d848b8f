"""The repository model: the only module that imports GitPython.

`open_repository` runs a preflight with plain `git rev-parse` (GitPython happily opens a repository that git
refuses to read, then fails later with misleading errors), resolves the branch, the base and the merge-base,
and answers the questions the scanners ask: which files and lines changed, what does a file contain.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from readiness.core.errors import RepoError

BASE_CANDIDATES = ("origin/main", "origin/master", "main", "master", "trunk", "develop")
BINARY_SNIFF = 8000
# Environment variables a caller (a git hook, a CI runner) may set that would point our git calls elsewhere.
_GIT_ENV_KEEP = ("GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY", "GIT_ASKPASS",
                 "GIT_CONFIG_NOSYSTEM", "GIT_TEST_ASSUME_DIFFERENT_OWNER")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def scrubbed_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """os.environ without GIT_* variables that redirect git (GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _GIT_ENV_KEEP
           or k.startswith("GIT_CONFIG_KEY_") or k.startswith("GIT_CONFIG_VALUE_") or k == "GIT_CONFIG_COUNT"}
    env["GIT_PYTHON_REFRESH"] = "quiet"
    env["LC_ALL"] = "C"
    if extra:
        env.update(extra)
    return env


def _unquote(path: str) -> str:
    """Undo git's C-style quoting of a path ("a\\tb" with octal escapes for non-ASCII bytes)."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    body = path[1:-1].encode("latin-1", "backslashreplace")
    raw = body.decode("unicode_escape").encode("latin-1")
    return raw.decode("utf-8", "surrogateescape")


@dataclass(frozen=True, slots=True)
class ChangedFile:
    path: str
    status: str  # "A" added, "M" modified, "D" deleted, "?" untracked
    lines: frozenset[int] | None  # None: every line counts (new or untracked file)
    added: int = 0
    removed: int = 0


@dataclass(frozen=True, slots=True)
class FileRead:
    """The decoded text of a file, or why it was skipped (`text is None`)."""

    path: str
    text: str | None
    skipped: str | None = None  # "binary", "too large (2.3 MiB)", "symlink", "not a regular file", "deleted"
    size: int = 0


@dataclass
class Repository:
    root: Path
    git_dir: Path
    branch: str | None
    head: str | None
    base: str | None
    merge_base: str | None
    shallow: bool
    notes: list[str] = field(default_factory=list)
    _repo: object = None
    _tracked_modes: dict[str, str] | None = None

    # -- git plumbing -------------------------------------------------------------------------------------
    def git(self, *args: str, ok: Iterable[int] = (0,)) -> str:
        """Run git through GitPython (scrubbed environment, quotepath off) and return stdout."""
        status, out, err = self._repo.git.execute(
            ["git", "-c", "core.quotepath=off", *args], with_extended_output=True, with_exceptions=False,
            strip_newline_in_stdout=False, stdout_as_string=False,
        )
        if status not in tuple(ok):
            text = err.decode("utf-8", "replace") if isinstance(err, bytes) else str(err)
            raise RepoError(f"git {args[0]} failed: {text.strip().splitlines()[-1] if text.strip() else status}")
        return out.decode("utf-8", "surrogateescape")

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- file lists -----------------------------------------------------------------------------------------
    def tracked_modes(self) -> dict[str, str]:
        if self._tracked_modes is None:
            modes: dict[str, str] = {}
            for entry in self.git("ls-files", "-z", "--stage").split("\0"):
                if entry:
                    meta, _, path = entry.partition("\t")
                    modes[path] = meta.split(" ", 1)[0]
            self._tracked_modes = modes
        return self._tracked_modes

    def untracked(self) -> list[str]:
        out = self.git("ls-files", "-z", "--others", "--exclude-standard")
        return [p for p in out.split("\0") if p and not p.endswith("/")]

    def all_paths(self) -> list[str]:
        """Every tracked file (submodules excluded) and every untracked file git does not ignore."""
        tracked = [p for p, mode in self.tracked_modes().items() if mode != "160000"]
        return sorted(set(tracked).union(self.untracked()))

    def submodules(self) -> list[str]:
        return sorted(p for p, mode in self.tracked_modes().items() if mode == "160000")

    def changes(self) -> dict[str, ChangedFile]:
        """Files and changed lines of the default scope: merge-base..work tree, plus untracked files."""
        if self.head is None:  # no commits yet: every file is new
            return {p: ChangedFile(p, "A", None) for p in self.all_paths()}
        against = self.merge_base or self.head
        changes = _parse_diff(self.git("diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
                                       "--ignore-submodules=all", against, "--"))
        submodules = set(self.submodules())
        for path in submodules:
            changes.pop(path, None)
        for path in self.untracked():
            changes[path] = ChangedFile(path, "?", None)
        return changes

    # -- contents -------------------------------------------------------------------------------------------
    def read(self, path: str, max_size: int) -> FileRead:
        """Read a work-tree file without following symlinks; skip binary, huge and special files."""
        full = os.path.join(self.root, path)
        try:
            info = os.lstat(full)
        except FileNotFoundError:
            return FileRead(path, None, "deleted")
        except OSError as exc:
            return FileRead(path, None, f"unreadable ({exc.strerror})")
        if stat.S_ISLNK(info.st_mode):
            return FileRead(path, None, "symlink (not followed)")
        if not stat.S_ISREG(info.st_mode):
            return FileRead(path, None, "not a regular file")
        if info.st_size > max_size:
            return FileRead(path, None, f"too large ({info.st_size / 1048576:.1f} MiB > "
                                        f"{max_size / 1048576:.1f} MiB)", info.st_size)
        try:
            fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(max_size + 1)
        except OSError as exc:
            return FileRead(path, None, f"unreadable ({exc.strerror})")
        if b"\0" in data[:BINARY_SNIFF]:
            return FileRead(path, None, "binary", len(data))
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        return FileRead(path, data.decode("utf-8", "replace"), None, len(data))

    def read_text(self, path: str, max_size: int = 1 << 20) -> str | None:
        return self.read(path, max_size).text

    def grep(self, pattern: str, pathspecs: Iterable[str] = ()) -> list[tuple[str, int, str]]:
        """`git grep -E` over tracked and untracked files: (path, line, text) triples."""
        out = self.git("grep", "-n", "-z", "-I", "-E", "--untracked", "-e", pattern, "--", *pathspecs, ok=(0, 1))
        hits: list[tuple[str, int, str]] = []
        for row in out.split("\n"):
            parts = row.split("\0", 2)
            if len(parts) == 3 and parts[1].isdigit():
                hits.append((parts[0], int(parts[1]), parts[2]))
        return hits

    def describe(self) -> str:
        where = self.branch or (f"detached at {self.head[:7]}" if self.head else "no commits")
        if self.base is None:
            return where
        return f"{where} → {self.base} (merge-base {self.merge_base[:7] if self.merge_base else '?'})"


def _parse_diff(text: str) -> dict[str, ChangedFile]:
    """Added/modified line numbers per new-side path from `git diff -U0` output."""
    changes: dict[str, ChangedFile] = {}
    old_path = new_path = None
    lines: set[int] = set()
    added = removed = 0
    status = "M"
    binary = False

    def flush() -> None:
        if new_path is not None:
            changes[new_path] = ChangedFile(new_path, "A" if status == "A" else "M",
                                            None if (status == "A" or binary) else frozenset(lines), added, removed)
        elif old_path is not None:
            changes[old_path] = ChangedFile(old_path, "D", frozenset(), added, removed)

    for row in text.split("\n"):
        if row.startswith("diff --git "):
            flush()
            old_path = new_path = None
            lines, added, removed, status, binary = set(), 0, 0, "M", False
        elif row.startswith("new file mode"):
            status = "A"
        elif row.startswith("--- "):
            name = row[4:].rstrip("\t")
            old_path = None if name == "/dev/null" else _unquote(name)[2:]
        elif row.startswith("+++ "):
            name = row[4:].rstrip("\t")
            new_path = None if name == "/dev/null" else _unquote(name)[2:]
        elif row.startswith("Binary files "):
            binary = True  # no ---/+++ lines: the file is skipped when read anyway
        elif row.startswith("@@"):
            match = _HUNK.match(row)
            if match:
                start, count = int(match.group(1)), int(match.group(2) or "1")
                lines.update(range(start, start + count))
        elif row.startswith("+"):
            added += 1
        elif row.startswith("-"):
            removed += 1
    flush()
    return changes


def _preflight(path: Path) -> tuple[Path, Path, bool]:
    """Ask plain git where the work tree is; turn every refusal into one actionable line."""
    if shutil.which("git") is None:
        raise RepoError("git not found on PATH: install git (2.30 or newer) and try again")
    if not path.exists():
        raise RepoError(f"no such directory: {path} (pass --repo DIR with an existing directory)")
    if not path.is_dir():
        path = path.parent
    proc = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--is-bare-repository", "--is-inside-git-dir",
         "--is-shallow-repository", "--absolute-git-dir", "--show-toplevel"],
        capture_output=True, text=True, env=scrubbed_env(), stdin=subprocess.DEVNULL, timeout=60,
    )
    err = proc.stderr.strip()
    if "dubious ownership" in err:
        fix = next((line.strip() for line in err.splitlines() if "safe.directory" in line), "")
        raise RepoError(f"git refuses to read {path}: it is owned by another user (dubious ownership). "
                        f"If you trust it, run: {fix or 'git config --global --add safe.directory ' + str(path)}")
    out = proc.stdout.split("\n")
    if proc.returncode != 0 or len(out) < 4:
        if out and out[0] == "true":
            raise RepoError(f"{path} is a bare repository: readiness needs a work tree (clone it and run there)")
        if len(out) > 1 and out[1] == "true":
            raise RepoError(f"{path} is inside a .git directory: run readiness from the work tree")
        if "not a git repository" in err.lower():
            raise RepoError(f"not a git repository: {path} (run inside a git work tree, or pass --repo DIR)")
        raise RepoError(f"git cannot read {path}: {err.splitlines()[-1] if err else 'unknown error'}")
    shallow = out[2] == "true"
    return Path(out[4]), Path(out[3]), shallow


def open_repository(path: str | os.PathLike[str] = ".", base: str | None = None) -> Repository:
    """Open the repository containing `path` and resolve branch, HEAD, base and merge-base."""
    root, git_dir, shallow = _preflight(Path(path).resolve())
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import git  # lazily: GitPython raises at import time where git is missing, and costs 0.1 s

    try:
        handle = git.Repo(root)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
        raise RepoError(f"not a git repository: {root} ({exc.__class__.__name__})") from None
    handle.git.update_environment(**{k: None for k in os.environ if k not in scrubbed_env()})
    repo = Repository(root=root, git_dir=git_dir, branch=None, head=None, base=None, merge_base=None,
                      shallow=shallow, _repo=handle)
    try:
        _resolve(repo, handle, base)
    except BaseException:
        repo.close()
        raise
    return repo


def _resolve(repo: Repository, handle, base: str | None) -> None:
    head_ref = handle.head
    if not head_ref.is_detached:
        repo.branch = head_ref.reference.name if head_ref.is_valid() else _unborn_branch(handle)
    if not head_ref.is_valid():
        repo.notes.append("no commits yet: every file is treated as new")
        if base:
            repo.notes.append(f"--base {base} ignored: the repository has no commits yet")
        return
    repo.head = head_ref.commit.hexsha
    if head_ref.is_detached:
        repo.notes.append(f"detached HEAD at {repo.head[:7]}")
    if base is not None:
        if _commit_of(repo, base) is None:
            raise RepoError(f"base {base!r} is not a commit in this repository "
                            "(check the name, or `git fetch` it first, then pass --base REF)")
        repo.base = base
    else:
        repo.base = _detect_base(repo, handle)
        if repo.base is None:
            tried = ", ".join(BASE_CANDIDATES)
            repo.notes.append(f"no base branch found (tried the upstream's remote HEAD, {tried}): scanning "
                              "uncommitted changes only; pass --base REF to compare against a branch")
            return
    out = repo.git("merge-base", "HEAD", repo.base, ok=(0, 1))
    repo.merge_base = out.strip() or None
    if repo.merge_base is None:
        if repo.shallow:
            raise RepoError(f"shallow clone: the merge-base of HEAD and {repo.base} was not fetched; run "
                            "`git fetch --deepen=100` (or `git fetch --unshallow`) and try again")
        raise RepoError(f"HEAD and {repo.base} share no history: pass --base REF with a related branch")
    if repo.merge_base == repo.head and _commit_of(repo, repo.base) == repo.head:
        repo.notes.append(f"HEAD is at the base {repo.base}: only uncommitted changes are in scope")


def _unborn_branch(handle) -> str | None:
    try:
        return handle.active_branch.name
    except TypeError:
        return None


def _commit_of(repo: Repository, ref: str) -> str | None:
    if ref.startswith("-"):
        return None
    out = repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", ok=(0, 1, 128))
    return out.strip() or None


def _detect_base(repo: Repository, handle) -> str | None:
    remote = "origin"
    try:
        tracking = handle.head.reference.tracking_branch() if not handle.head.is_detached else None
        if tracking is not None:
            remote = tracking.remote_name
    except (ValueError, TypeError):
        tracking = None
    candidates: list[str] = []
    remote_head = repo.git("symbolic-ref", "--quiet", "--short", f"refs/remotes/{remote}/HEAD", ok=(0, 1, 128))
    if remote_head.strip():
        candidates.append(remote_head.strip())
    candidates.extend(BASE_CANDIDATES)
    for candidate in candidates:
        if _commit_of(repo, candidate) is not None:
            return candidate
    return None
