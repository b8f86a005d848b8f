"""The repository model: the only module that imports GitPython, and the only door to the repository under review.

`open_repository` runs a preflight with plain `git rev-parse` that turns each refusal (not a repository, bare, inside
`.git`, dubious ownership, git missing) into one actionable line; GitPython happily opens a repository git refuses to
read and fails later with misleading errors. Then GitPython resolves the branch, HEAD, the base and the merge-base, and
runs the plumbing commands whose output is parsed here (every output-shaping option pinned, so a developer's
diff/grep configuration cannot change the answers). GitPython reads GIT_DIR, GIT_WORK_TREE and friends from
os.environ itself, and `update_environment(KEY=None)` cannot unset an inherited variable, so opening a repository
removes those redirecting variables from this process's environment (a git hook's GIT_DIR would otherwise point
readiness at another repository). Close the repository: GitPython keeps `git cat-file` children alive until then.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from readiness.core.decode import decode
from readiness.core.diff import ChangedFile as ChangedFile  # re-exported: repo.ChangedFile
from readiness.core.diff import parse_diff
from readiness.core.errors import RepoError
from readiness.core.git_cli import (
    driver_overrides,
    git_env,
    git_executable,
    preflight,
    read_config,
    scrub_process_environment,
)
from readiness.core.git_cli import scrubbed_env as scrubbed_env  # re-exported: repo.scrubbed_env
from readiness.core.refs import BASE_CANDIDATES as BASE_CANDIDATES  # re-exported: repo.BASE_CANDIDATES
from readiness.core.refs import resolve
from readiness.core.unwritten import note as unwritten_note
from readiness.core.unwritten import under, unwritten_folders

BINARY_SNIFF = 8000
_GREP_ROW = re.compile(r"([^\0]*)\0(\d+)\0([^\n]*)\n")
# Pinned so that diff.noprefix, diff.mnemonicPrefix, diff.interHunkContext, diff.external, color.* and the like in
# the user's configuration cannot change the parsed output.
_DIFF = ("diff", "-U0", "--inter-hunk-context=0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
         "--diff-algorithm=myers", "--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=all")
_GREP = ("grep", "-n", "-z", "-I", "-E", "--untracked", "--no-color", "--no-column", "--no-recurse-submodules")

_T = TypeVar("_T")


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
    # The branch and the base as readiness shows and stores them (`names.shown_name`: a token pasted into a branch
    # name masked, undecodable bytes escaped): every output and every key under .git/readiness uses these. git
    # itself is only ever given `ref_name` (the branch as git names it) and commit ids.
    branch: str | None
    head: str | None
    base: str | None
    merge_base: str | None
    shallow: bool
    # Why the default (diff) scope cannot be computed, e.g. a shallow clone without the merge-base. Raised by
    # changes() only, so `--all`, blockers, checklists and trust still work in such a clone.
    scope_problem: str | None = None
    notes: list[str] = field(default_factory=list)
    diff_notes: list[str] = field(default_factory=list)  # notes about the changes only (`notes_for`)
    # `--staged`: files are read from the index (what the next commit holds), not the work tree (`use_index`).
    index_only: bool = False
    # One-shot runs (`readiness check`): the untracked files and the diff are asked of git once per repository
    # object (one run, one snapshot). Off for long-lived repositories (the TUI's): every call asks git again.
    snapshot: bool = False
    _snapshot: dict[str, Any] = field(default_factory=dict)
    _stage: list[tuple[str, str]] | None = None  # `git ls-files --stage`: (mode sha stage, path)
    _hidden: frozenset[str] = frozenset()  # entries git does not compare with the work tree (see `hidden_entries`)
    _tracked_modes: dict[str, str] | None = None
    _tracked_key: tuple[int, int, int] | None = None  # the index file's (mtime_ns, size, inode) when read
    # Folders nobody wrote (`readiness.core.unwritten`) are left out of every file list and grep; the
    # configuration's `skip_unwritten = false` turns that off. Refreshed by each `untracked()`.
    skip_unwritten: bool = True
    _unwritten: dict[str, str] | None = None
    _unwritten_files: int = 0
    ref_name: str | None = None  # the branch as git names it: for git commands only, never shown
    _handle: Any = None  # the git.Repo (GitPython is untyped here: imported lazily)
    _git: str = "git"  # the absolute path of the git every command runs (git_cli.git_executable)
    _env: dict[str, str] | None = None  # the environment every git gets (git_cli.git_env with the drivers)
    config_listing: str | None = None  # `git config --null --list` read at open (None: unreadable)

    # -- git plumbing -------------------------------------------------------------------------------------
    def git(self, *args: str, ok: Iterable[int] = (0,), stdin: str | None = None) -> str:
        """Run git in the work tree (quotepath off) with the safe environment and return stdout (`stdin`: text
        to feed it, e.g. names for `cat-file --batch-check`)."""
        if self._handle is None:
            raise RepoError(f"the repository {self.root} was already closed")
        command = [self._git, "-c", "core.quotepath=off", *args]
        try:  # the environment GitPython's commands get (`open_repository`), without its per-argument overhead
            if stdin is None:
                proc = subprocess.run(command, cwd=self.root, env=self._env, stdin=subprocess.DEVNULL,
                                      capture_output=True, check=False)
            else:
                proc = subprocess.run(command, cwd=self.root, env=self._env, capture_output=True, check=False,
                                      input=stdin.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            raise RepoError(f"git {args[0]} could not run in {self.root}: {exc.strerror or exc}") from None
        if proc.returncode not in tuple(ok):
            text = proc.stderr.decode("utf-8", "replace").strip()
            raise RepoError(f"git {args[0]} failed in {self.root}: {text.splitlines()[-1] if text else proc.returncode}")
        return proc.stdout.decode("utf-8", "surrogateescape")

    def git_stream(self, *args: str, chunk: int = 1 << 20) -> Iterator[str]:
        """Run git like `git` but hand its stdout over in pieces as it arrives (a whole history's `log -p` does not
        have to fit in memory); RepoError when git fails."""
        if self._handle is None:
            raise RepoError(f"the repository {self.root} was already closed")
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        try:
            process = self._handle.git.execute([self._git, "-c", "core.quotepath=off", *args], as_process=True)
        except OSError as exc:
            raise RepoError(f"git {args[0]} could not run in {self.root}: {exc.strerror or exc}") from None
        proc = process.proc
        try:
            while data := proc.stdout.read(chunk):
                yield decoder.decode(data)
            yield decoder.decode(b"", final=True)
            err = proc.stderr.read().decode("utf-8", "replace").strip()
            if proc.wait() != 0:
                raise RepoError(f"git {args[0]} failed in {self.root}: {err.splitlines()[-1] if err else proc.returncode}")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()

    def close(self) -> None:
        """Release GitPython's persistent `git cat-file` children and drop cached state."""
        self._tracked_modes = self._stage = None
        self._snapshot.clear()
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- file lists -----------------------------------------------------------------------------------------
    def _index_key(self) -> tuple[int, int, int]:
        try:  # git writes a new index to index.lock and renames it: a new inode, mtime and (usually) size
            info = os.stat(self.git_dir / "index")
        except OSError:
            return (0, 0, 0)
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def stage_entries(self) -> list[tuple[str, str]]:
        """Every index entry as `git ls-files --stage` lists it: (`mode sha stage`, path), unmerged paths once per
        stage. Read again whenever the index file changed (`git add`, a commit, a checkout between two calls of a
        long-lived repository), else kept: the scan cache's key, the tracked modes and the unmerged paths all
        come from this one listing."""
        key = self._index_key()  # taken before reading: a change during the read is seen by the next call
        if self._stage is None or key != self._tracked_key:
            entries, hidden = [], set()
            for entry in self.git("ls-files", "-z", "--stage", "-v").split("\0"):
                tag, _, rest = entry.partition(" ")  # `-v`: H cached, h assume-unchanged, S skip-worktree...
                meta, _, path = rest.partition("\t")
                if path:
                    entries.append((meta, path))
                    if tag.islower() or tag == "S":
                        hidden.add(path)
            self._stage, self._hidden, self._tracked_modes, self._tracked_key = entries, frozenset(hidden), None, key
        return self._stage

    def hidden_entries(self) -> frozenset[str]:
        """Index entries marked assume-unchanged or skip-worktree: `git status` does not look at their work-tree
        files, so an edit of one is seen only by reading it (the cache keys do)."""
        self.stage_entries()
        return self._hidden

    def tracked_modes(self) -> dict[str, str]:
        """Path -> mode of every index entry (`stage_entries`, so as fresh as the index file)."""
        entries = self.stage_entries()
        if self._tracked_modes is None:
            self._tracked_modes = {path: meta.split(" ", 1)[0] for meta, path in entries}
        return self._tracked_modes

    def unmerged(self) -> list[str]:
        """Paths with an unmerged index entry (stage 1, 2 or 3: a merge stopped on a conflict)."""
        return sorted({path for meta, path in self.stage_entries() if not meta.endswith(" 0")})

    def once(self, key: str, compute: Callable[[], _T]) -> _T:
        """`compute()`, kept for the rest of a one-shot run (`snapshot`); asked again every time otherwise (the
        TUI's long-lived repository must see the tree as it is now)."""
        if not self.snapshot:
            return compute()
        if key not in self._snapshot:
            self._snapshot[key] = compute()
        found: _T = self._snapshot[key]
        return found

    def untracked(self) -> list[str]:
        found = self.once("untracked", lambda: [p for p in self.git("ls-files", "-z", "--others",
                                                                    "--exclude-standard").split("\0")
                                                if p and not p.endswith("/")])
        if not self.skip_unwritten:
            self._unwritten = {}
            return list(found)
        self._unwritten = folders = unwritten_folders(self.tracked_modes(), found)
        if not folders:
            self._unwritten_files = 0
            return list(found)
        kept = [p for p in found if not under(p, folders)]
        self._unwritten_files = len(found) - len(kept) + sum(1 for p in self.tracked_modes() if under(p, folders))
        return kept

    def unwritten(self) -> dict[str, str]:
        """The folders nobody wrote that the file lists leave out (folder -> what it is)."""
        if self._unwritten is None:
            self.untracked()
        return self._unwritten or {}

    def unwritten_note(self) -> str | None:
        """One `note:` line naming the skipped folders and the setting that scans them, or None."""
        folders = self.unwritten()
        return unwritten_note(folders, self._unwritten_files) if folders else None

    def pathspec_excludes(self) -> list[str]:
        """Pathspecs that leave the folders nobody wrote out of a git command."""
        return [f":(exclude,literal){folder}/" for folder in self.unwritten()]

    def all_paths(self) -> list[str]:
        """Every tracked file (submodules excluded) and every untracked file git does not ignore, outside the
        folders nobody wrote (reading the index: the files in it only)."""
        folders = self.unwritten()
        tracked = [p for p, mode in self.tracked_modes().items() if mode != "160000" and not under(p, folders)]
        return sorted(tracked) if self.index_only else sorted(set(tracked).union(self.untracked()))

    def submodules(self) -> list[str]:
        return sorted(p for p, mode in self.tracked_modes().items() if mode == "160000")

    def changes(self) -> dict[str, ChangedFile]:
        """Files and changed lines of the default scope: merge-base..work tree, plus untracked files."""
        if self.head is None:  # no commits yet: every file is new
            return {p: ChangedFile(p, "A", None) for p in self.all_paths()}
        if self.scope_problem is not None:
            raise RepoError(self.scope_problem)
        since = self.merge_base or self.head
        changes = dict(self.once(f"diff:{since}", lambda: parse_diff(self.git(*_DIFF, since, "--"))))
        for path in self.submodules():
            changes.pop(path, None)
        for path in self.untracked():
            changes[path] = ChangedFile(path, "?", None)
        folders = self.unwritten()
        return {p: c for p, c in changes.items() if not under(p, folders)} if folders else changes

    def use_index(self) -> None:
        """Read every file from the index from now on: the `--staged` scope judges what the commit will hold."""
        self.index_only = True

    def staged_changes(self) -> dict[str, ChangedFile]:
        """Files and changed lines of the next commit: the index against HEAD (every staged file when there is no
        commit yet). A partially staged file counts with its staged lines only."""
        if self.head is None:
            return {p: ChangedFile(p, "A", None) for p, mode in self.tracked_modes().items() if mode != "160000"}
        changes = parse_diff(self.git(*_DIFF, "--cached", "HEAD", "--"))
        for path in self.submodules():
            changes.pop(path, None)
        return changes

    def _read_index(self, path: str, max_size: int) -> FileRead:
        mode = self.tracked_modes().get(path)
        if mode is None:
            return FileRead(path, None, "deleted")
        if mode == "120000":
            return FileRead(path, None, "symlink (not followed)")
        if not mode.startswith("100"):
            return FileRead(path, None, "not a regular file")
        try:  # a path in conflict has only stages 1-3, no `:path` (git_state reports it as unmerged)
            size = int(self.git("cat-file", "-s", f":{path}").strip() or 0)
            if size > max_size:
                return _too_large(path, size, max_size)
            return _decoded(path, self.git("cat-file", "blob", f":{path}").encode("utf-8", "surrogateescape"))
        except RepoError:
            return FileRead(path, None, "unmerged (in conflict)")

    # -- contents -------------------------------------------------------------------------------------------
    def read(self, path: str, max_size: int) -> FileRead:
        """Read a work-tree file (the index's copy with `use_index`) without following symlinks; skip binary,
        huge and special files."""
        if self.index_only:
            return self._read_index(path, max_size)
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
            return _too_large(path, info.st_size, max_size)
        try:  # O_NOFOLLOW|O_NONBLOCK, then fstat: the file may have been swapped for a link or a FIFO meanwhile
            fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return FileRead(path, None, "not a regular file")
                data = handle.read(max_size + 1)
        except OSError as exc:
            return FileRead(path, None, f"unreadable ({exc.strerror})")
        if len(data) > max_size:  # grew since lstat
            return _too_large(path, len(data), max_size)
        return _decoded(path, data)

    def read_text(self, path: str, max_size: int = 1 << 20) -> str | None:
        return self.read(path, max_size).text

    def grep(self, pattern: str, pathspecs: Iterable[str] = ()) -> list[tuple[str, int, str]]:
        """`git grep -E` over tracked and untracked files (not submodules): (path, line, text) triples."""
        where = ("--cached",) if self.index_only else ("--untracked",)
        out = self.git(*(a for a in _GREP if a != "--untracked"), *where, "-e", pattern, "--", *pathspecs,
                       *self.pathspec_excludes(), ok=(0, 1))
        return [(m[1], int(m[2]), m[3]) for m in _GREP_ROW.finditer(out)]

    def use_base(self, base: str) -> None:
        """Compare against `base` instead of the auto-detected one (a configured base, known only after the
        configuration at the root was read), without opening the repository again."""
        if self._handle is None:
            raise RepoError(f"the repository {self.root} was already closed")
        self.branch = self.ref_name = self.head = self.base = self.merge_base = self.scope_problem = None
        self.notes, self.diff_notes = [], []
        resolve(self, self._handle, base)

    def notes_for(self, scope: str) -> list[str]:
        """What to tell about the repository for a scan of `scope`: the notes about the changes (HEAD at the base:
        the changes are the uncommitted ones) mean nothing to an `--all` scan of every file."""
        return [*self.notes, *(self.diff_notes if scope != "all" else ())]

    def describe(self) -> str:
        where = self.branch or (f"detached at {self.head[:7]}" if self.head else "no commits")
        if self.base is None:
            return where
        return f"{where} → {self.base} (merge-base {self.merge_base[:7] if self.merge_base else '?'})"


def _decoded(path: str, data: bytes) -> FileRead:
    """Text (`core.decode`: UTF-8, or UTF-16/32 with a byte-order mark), or `binary`."""
    text = decode(data)
    if text is None:
        return FileRead(path, None, "binary", len(data))
    return FileRead(path, text, None, len(data))


def _too_large(path: str, size: int, max_size: int) -> FileRead:
    return FileRead(path, None, f"too large ({size / 1048576:.1f} MiB > {max_size / 1048576:.1f} MiB)", size)


def open_repository(path: str | os.PathLike[str] = ".", base: str | None = None) -> Repository:
    """Open the repository containing `path` and resolve branch, HEAD, base and merge-base."""
    root, git_dir, shallow = preflight(Path(path).resolve())
    scrub_process_environment()
    executable = git_executable([root])
    # GitPython runs `git version` when it is imported: with this variable it runs our git, not a `./git` on PATH
    os.environ["GIT_PYTHON_GIT_EXECUTABLE"] = executable
    # deferred: GitPython costs ~0.13 s at import (DESIGN.md) and raises at import time where git is missing
    import git

    if git.Git.GIT_PYTHON_GIT_EXECUTABLE != executable:  # GitPython's own commands (cat-file, merge-base...)
        git.refresh(executable)
    try:
        handle = git.Repo(root)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as exc:
        raise RepoError(f"not a git repository: {root} ({exc.__class__.__name__})") from None
    # Every command GitPython starts gets the safe configuration: no fsmonitor, hooks, filters, textconv, pager.
    listing, complete = read_config(root, executable)
    env = git_env(driver_overrides(listing))
    handle.git.update_environment(**env)
    repo = Repository(root=root, git_dir=git_dir, branch=None, head=None, base=None, merge_base=None,
                      shallow=shallow, _handle=handle, _git=executable, _env={**env, "LANGUAGE": "C"},
                      config_listing=listing if complete else None)
    try:
        resolve(repo, handle, base)
    except BaseException:
        repo.close()
        raise
    return repo
