"""The README file behind the Blockers log: read it with every safety check, write it back atomically.

Reading refuses (ReadmeError, exit 2, nothing touched) a README that resolves outside the repository (a symlink or
`docs_file` with `..`) or into the git directory, is not a regular Markdown file, is ignored by git (the one writer's
rules, `readiness.core.writer`), is larger than 1 MiB or is not UTF-8; a missing one reads as empty.
Writing keeps a UTF-8 BOM and the file mode, replaces a symlink's target (the link stays), refuses a read-only
README, and refuses when the file changed since it was read (sha256 compared just before the replace). The
highest blocker id this clone ever handed out is kept under the git directory so ids are never reused.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from readiness.core.atomic import atomic_write, digest
from readiness.core.blockers.document import Document, parse
from readiness.core.errors import ReadmeError, StateError
from readiness.core.writer import MARKDOWN_SUFFIXES, WriteRefused, user_target

MAX_README_SIZE = 1 << 20
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Readme:
    label: str  # as configured, for messages: "README.md"
    path: Path  # the file to replace (a symlink's target)
    exists: bool
    raw: bytes
    bom: bool
    text: str
    warnings: tuple[str, ...] = field(default=())

    @property
    def digest(self) -> str:
        return digest(self.raw)

    def document(self) -> Document:
        """The parsed `## Blockers` log of this README."""
        return parse(self.text)


def read_readme(root: Path, docs_file: str = "README.md") -> Readme:
    """Read the README with every safety check of CONTRACT.md; a missing one reads as empty."""
    label = docs_file
    path = os.path.join(root, docs_file or ".")
    try:  # the one writer's refusals: .git, outside the work tree, not a regular Markdown file, ignored by git
        target = str(user_target(root, docs_file, what=label, suffixes=MARKDOWN_SUFFIXES))
    except WriteRefused as exc:
        raise ReadmeError(str(exc)) from None
    try:
        info = os.stat(target)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadmeError(f"{label} is a symlink to a missing file ({target}): fix or remove the link") from None
        if not os.path.isdir(os.path.dirname(target)):
            raise ReadmeError(f"the folder of {label} does not exist: create it, or set docs_file") from None
        return Readme(label, Path(target), False, b"", False, "")
    except OSError as exc:
        raise ReadmeError(f"cannot read {label}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadmeError(f"{label} is not a regular file: refusing to edit it (set docs_file to a Markdown file)")
    if info.st_size > MAX_README_SIZE:
        raise ReadmeError(f"{label} is larger than 1 MiB: refusing to parse and rewrite it")
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_README_SIZE + 1)
    except OSError as exc:
        raise ReadmeError(f"cannot read {label}: {exc.strerror}") from None
    bom = raw.startswith(BOM)
    try:
        text = raw[3 if bom else 0:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadmeError(f"{label} is not valid UTF-8 (byte {exc.start + (3 if bom else 0)}): convert it to UTF-8, "
                          "then run the command again") from None
    warnings: tuple[str, ...] = ()
    if info.st_nlink > 1:
        warnings = (f"{label} has {info.st_nlink} hard links: the update replaces the file, the other links keep "
                    "the old text",)
    return Readme(label, Path(target), True, raw, bom, text, warnings)


def check_writable(readme: Readme) -> None:
    folder = readme.path.parent
    if readme.exists:
        mode = readme.path.stat().st_mode
        if not (mode & stat.S_IWUSR) or not os.access(readme.path, os.W_OK):
            raise ReadmeError(f"{readme.label} is read-only: make it writable (chmod u+w {readme.label}), then run "
                              "the command again")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReadmeError(f"cannot create files next to {readme.label} (folder not writable): readiness writes a "
                          "temporary file there and renames it")


def write_readme(readme: Readme, text: str) -> bool:
    """Atomically replace the README with `text` (BOM kept); refuse if it changed since `read_readme`.

    Returns False when there was nothing to write.
    """
    data = (BOM if readme.bom else b"") + text.encode("utf-8")
    if readme.exists and data == readme.raw:
        return False
    check_writable(readme)
    mode = None
    if not readme.exists:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        atomic_write(readme.path, data, expected_digest=readme.digest, mode=mode)
    except StateError:
        raise ReadmeError(f"{readme.label} changed while readiness was editing it: nothing was written; run the "
                          "command again") from None
    except OSError as exc:
        raise ReadmeError(f"cannot write {readme.label}: {exc.strerror or exc}; it was left unchanged") from None
    return True


# -- ids never reused --------------------------------------------------------------------------------------------
def _state_path(git_dir: Path) -> Path:
    return Path(git_dir) / "readiness" / "blockers.json"


def load_floor(git_dir: Path) -> tuple[int, list[str]]:
    """Highest id this clone ever assigned (kept under the git directory), and any warning about the file."""
    path = _state_path(git_dir)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        value = data.get("highest_id", 0) if isinstance(data, dict) else 0
        return (value if isinstance(value, int) and value >= 0 else 0), []
    except FileNotFoundError:
        return 0, []
    except (OSError, ValueError) as exc:
        return 0, [f"ignoring unreadable {path} ({exc.__class__.__name__}): ids come from the README and git history"]


def save_floor(git_dir: Path, number: int) -> list[str]:
    path = _state_path(git_dir)
    current, _ = load_floor(git_dir)
    if number <= current:
        return []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, (json.dumps({"schema_version": 1, "highest_id": number}) + "\n").encode("utf-8"))
    except OSError as exc:
        return [f"could not record the highest blocker id in {path}: {exc.strerror or exc}"]
    return []
