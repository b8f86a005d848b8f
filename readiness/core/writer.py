"""The one writer for what the user owns (README, docs, configuration): where it may write, and one at a time.

`user_target` resolves a path the configuration or the user names (`docs_file`, the configuration file a waiver
goes into) and refuses (`WriteRefused`, exit 2, nothing written) anything that resolves into the git directory
(`.git/config`, `.git/hooks/...`, `.git/info/exclude`, a linked worktree's or the common git directory), outside
the work tree, to something that is not a regular file (a folder, a FIFO, a device), to a file git ignores (it is
neither tracked nor a new file of the change), or, with `suffixes`, to a file of another kind (`docs_file =
"pkg/calc.py"`). A symlink inside the work tree to an allowed file is followed: the link stays, its target is
edited.

`writer_lock` serialises the read-modify-write cycles of every readiness process on one repository: an exclusive
`flock` on `<git common dir>/readiness/write.lock`, waited for (up to `LOCK_WAIT` seconds) instead of failing, so
twenty `readiness blocker add` started at once all succeed, one after the other. readiness's own state lives only
under `<git dir>/readiness` (`state_dir`) and the user's state directory.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from readiness.core.errors import ReadinessError
from readiness.core.git_cli import GIT_TIMEOUT, git_env, git_executable

LOCK_WAIT = 120.0
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx", ".txt", ".rst")


class WriteRefused(ReadinessError):
    """A target readiness must not write: inside `.git`, outside the work tree, not a regular file..."""


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


def git_dirs(root: Path) -> list[str]:
    """The real paths of the git directory and the common git directory of the work tree at `root` (`root/.git`
    when git cannot say, e.g. outside a repository)."""
    found = [os.path.realpath(root / ".git")]
    try:
        proc = subprocess.run([git_executable([root]), "-C", str(root), "rev-parse", "--absolute-git-dir",
                               "--git-common-dir"], capture_output=True, env=git_env(), stdin=subprocess.DEVNULL,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError, ReadinessError):
        return found
    if proc.returncode == 0:
        for line in proc.stdout.decode("utf-8", "surrogateescape").splitlines():
            if line:
                found.append(os.path.realpath(os.path.join(root, line)))
    return sorted(set(found))


def _ignored(root: Path, rel: str) -> bool:
    """True when git ignores `rel` (an untracked file matching .gitignore); False outside a repository."""
    try:
        proc = subprocess.run([git_executable([root]), "-C", str(root), "check-ignore", "-q", "--", rel],
                              capture_output=True, env=git_env(), stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT,
                              check=False)
    except (OSError, subprocess.SubprocessError, ReadinessError):
        return False
    return proc.returncode == 0


def user_target(root: Path, name: str, *, what: str, suffixes: Sequence[str] = ()) -> Path:
    """The file `name` (relative to the work tree `root`) resolves to, after every refusal of the module doc.

    A missing file is allowed (it will be created) when its folder is inside the work tree. `what` names the file
    in messages ("README.md", "docs_file", "the configuration")."""
    if not name or "\0" in name or os.path.isabs(name) or name.startswith(("/", "\\")):
        raise WriteRefused(f"{what} {name!r} must be a path relative to the repository root")
    real_root = os.path.realpath(root)
    path = os.path.join(root, name)
    target = os.path.realpath(path)
    link = os.path.islink(path)
    how = f"is a symlink to {target}" if link else f"resolves to {target}"
    if not _inside(target, real_root):
        raise WriteRefused(f"{what} {how}, outside the repository: refusing to touch it (replace it with a regular "
                           "file inside the repository, or set docs_file)")
    rel_parts = Path(os.path.relpath(target, real_root)).parts
    if any(part.lower() == ".git" for part in rel_parts) or any(_inside(target, d) for d in git_dirs(root)):
        raise WriteRefused(f"{what} {how}, inside the git directory: refusing to write git's own files (point "
                           "docs_file at a Markdown file of the work tree)")
    if suffixes and not target.lower().endswith(tuple(suffixes)):
        raise WriteRefused(f"{what} {how}, which is not a Markdown file ({', '.join(suffixes[:2])}): refusing to "
                           "write log entries into it (set docs_file to a Markdown file)")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return Path(target)
    except OSError as exc:
        raise WriteRefused(f"cannot read {what}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{what} is not a regular file: refusing to edit it (set docs_file to a Markdown file)")
    rel = "/".join(rel_parts)
    if _ignored(root, rel):
        raise WriteRefused(f"{what} {how}, a file git ignores (neither tracked nor new): refusing to write it "
                           "(point it at a tracked file, or set docs_file)")
    return Path(target)


def state_dir(git_dir: Path) -> Path:
    """readiness's own state folder of a clone: `<git dir>/readiness` (never a path from the configuration)."""
    return Path(git_dir) / "readiness"


def check_folder_writable(folder: Path, what: str) -> None:
    """WriteRefused unless files can be created in `folder`, or (when it does not exist yet) in the nearest folder
    above it that exists; nothing is created. A folder whose owner-write bit is off counts as read-only even for
    root. Commands that write several files check every target first, so none is written when one cannot."""
    existing = Path(folder)
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    try:
        info = os.stat(existing)
    except OSError as exc:
        raise WriteRefused(f"cannot use {existing} for {what}: {exc.strerror}; nothing was written") from None
    if not stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"cannot save {what}: {existing} is in the way (not a folder); nothing was written "
                           "(move it aside, then run the command again)")
    if not info.st_mode & stat.S_IWUSR or not os.access(existing, os.W_OK | os.X_OK):
        raise WriteRefused(f"cannot save {what} in {existing} (not writable): nothing was written (make it "
                           "writable, then run the command again)")


@contextmanager
def writer_lock(git_dir: Path | None, wait: float = LOCK_WAIT) -> Iterator[list[str]]:
    """Hold the repository's writer lock while the block runs; concurrent writers wait their turn.

    Yields a list of warnings: where the lock file cannot be created (a read-only git directory), the block runs
    without it and says so. After `wait` seconds of waiting, WriteRefused names the lock file."""
    warnings: list[str] = []
    if git_dir is None:
        yield warnings
        return
    path = state_dir(git_dir) / "write.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
                     0o600)
    except OSError as exc:
        warnings.append(f"could not take the writer lock {path} ({exc.strerror or exc}): another readiness "
                        "writing at the same time would be refused, not queued")
        yield warnings
        return
    try:
        deadline = time.monotonic() + wait
        delay = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise WriteRefused(f"cannot lock {path}: {exc.strerror}") from None
                if time.monotonic() >= deadline:
                    raise WriteRefused(f"another readiness has been writing to this repository for {wait:.0f} s "
                                       f"(lock {path}): wait for it to finish, then run the command again") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        yield warnings
    finally:
        os.close(fd)  # closing the descriptor releases the lock
