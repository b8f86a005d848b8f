"""Folders nobody wrote: virtual environments, installed packages, caches and build output.

Ruff and pre-commit skip them whether or not git ignores them; so does readiness. A project without a `.gitignore`
that runs `python3 -m venv .venv` would otherwise have every file of `site-packages` reviewed as part of its change.
Found from the path lists git already gives (no directory walk): a folder holding `pyvenv.cfg` is a virtual
environment; `node_modules`, `site-packages`, `__pycache__`, `.tox`, `.nox` and `*.egg-info` folders anywhere; and
top-level `build/` and `dist/` folders. Only what git does not track is skipped: a folder that holds a tracked file
is somebody's choice and part of the pull request (a committed `pyvenv.cfg` must not hide the secrets and TODO
throws committed next to it). The configuration key `skip_unwritten = false` scans them again.
"""

from __future__ import annotations

from collections.abc import Iterable

SETTING = "skip_unwritten"
TOOL_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__", ".tox", ".nox"})
OUTPUT_FOLDERS = frozenset({"build", "dist"})


def unwritten_folders(tracked: Iterable[str], untracked: Iterable[str]) -> dict[str, str]:
    """Folder (repository-relative, no trailing slash) -> what it is, for every folder nobody wrote. Outermost only:
    a folder inside another skipped folder is not listed again."""
    found: dict[str, str] = {}
    for path in untracked:
        _classify(path, False, found)
    if not found:
        return {}
    owned = {"/".join(parts[:depth]) for parts in (p.split("/") for p in tracked) for depth in range(1, len(parts))}
    outermost = sorted((folder for folder in found if folder not in owned), key=len)
    kept: dict[str, str] = {}
    for folder in outermost:
        if not any(folder.startswith(f"{k}/") for k in kept):
            kept[folder] = found[folder]
    return dict(sorted(kept.items()))


def _classify(path: str, is_tracked: bool, found: dict[str, str]) -> None:
    parts = path.split("/")
    if len(parts) > 1 and parts[-1] == "pyvenv.cfg":
        found.setdefault("/".join(parts[:-1]), "virtual environment")
    for depth, name in enumerate(parts[:-1]):
        if name in TOOL_FOLDERS or name.endswith(".egg-info"):
            found.setdefault("/".join(parts[:depth + 1]), name if name in TOOL_FOLDERS else "package metadata")
            return
    if not is_tracked and len(parts) > 1 and parts[0] in OUTPUT_FOLDERS:
        found.setdefault(parts[0], "build output")


def under(path: str, folders: Iterable[str]) -> bool:
    """Whether `path` lies inside one of `folders`."""
    return any(path.startswith(f"{folder}/") for folder in folders)


def note(folders: dict[str, str], files: int) -> str:
    """The one `note:` line: what was skipped and the setting that brings it back."""
    shown = ", ".join(f"{folder}/ ({kind})" if kind != folder.rsplit("/", 1)[-1] else f"{folder}/"
                      for folder, kind in list(folders.items())[:4])
    more = f" and {len(folders) - 4} more" if len(folders) > 4 else ""
    return (f"skipped {files} file{'s' if files != 1 else ''} in folders nobody wrote: {shown}{more} "
            f"(set {SETTING} = false in [tool.readiness] to scan them)")
