"""The first stages of the pipeline: which files and lines are in scope, then each read and decoded once."""

from __future__ import annotations

from collections.abc import Callable

from readiness.core import config as config_mod
from readiness.core.paths import matcher
from readiness.core.repo import Repository
from readiness.core.scan.base import RawFinding, SourceFile, language_of, matches_any


def select_paths(repo: Repository, cfg: config_mod.Config, scope: str) -> dict[str, frozenset[int] | None]:
    """Paths in scope and their changed lines (None: all lines), after include/exclude."""
    if scope == "all":
        selected: dict[str, frozenset[int] | None] = dict.fromkeys(repo.all_paths())
    elif scope == "staged":  # what the next commit holds (the repository reads the index: `use_index`)
        selected = {c.path: c.lines for c in repo.staged_changes().values() if c.status != "D"}
    else:
        selected = {c.path: c.lines for c in repo.changes().values() if c.status != "D"}
    include, exclude = matcher(cfg["include"]), matcher(cfg["exclude"])
    return {p: lines for p, lines in selected.items()
            if (not include or include.match(p)) and not exclude.match(p)}


def read_sources(repo: Repository, cfg: config_mod.Config, selected: dict[str, frozenset[int] | None],
                 cancelled: Callable[[], bool] = lambda: False) -> tuple[list[SourceFile], list[RawFinding], list[str]]:
    """Read and decode every file in scope once. Skips become notes (or info findings for huge files)."""
    from readiness.core.scan.engine import TOO_LARGE_RULE  # deferred: the engine loads every scanner (~50 ms)

    files: list[SourceFile] = []
    extra: list[RawFinding] = []
    skipped: dict[str, list[str]] = {}
    test_globs = tuple(cfg["test_globs"])
    for path, lines in sorted(selected.items()):
        if cancelled():
            break
        if lines is not None and not lines:
            continue  # only deletions in this file
        read = repo.read(path, cfg["max_file_size"])
        if read.text is None:
            if read.skipped and read.skipped.startswith("too large"):
                extra.append(RawFinding(TOO_LARGE_RULE.id, path, None, f"not scanned: {read.skipped}"))
            elif read.skipped != "deleted":
                skipped.setdefault((read.skipped or "skipped").split(" (")[0], []).append(path)
            continue
        files.append(SourceFile(path=path, text=read.text, changed=lines, is_test=matches_any(path, test_globs),
                                language=language_of(path), new=lines is None))
    notes = [f"skipped {len(paths)} {kind} file{'s' if len(paths) != 1 else ''}: {', '.join(paths[:3])}"
             f"{' …' if len(paths) > 3 else ''}" for kind, paths in sorted(skipped.items())]
    return files, extra, notes
