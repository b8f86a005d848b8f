"""`git grep` of plain literals answered from the files a scan already holds in memory.

A full scan (`check --all`) reads every source file once; searching those texts again through `git grep` costs a
process and a re-read of the whole tree per call (17 calls, about 2 s on sympy's 1,500 files). The files the scan
holds are searched here with one Aho-Corasick pass per set of literals instead; only the paths it does not hold
(files it skipped, other scopes' tests) still go to git. A line is a hit when it contains one of the literals, as
with `git grep -E 'a|b'`; hits are (path, 1-based line number, line text without its newline), like `Repository.grep`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ahocorasick_rs import AhoCorasick

from readiness.core.decode import without_surrogates
from readiness.core.git_cli import config_value
from readiness.core.scan.base import ScanContext, SourceFile

_Hit = tuple[str, int, str]


def held_files(ctx: ScanContext, paths: Iterable[str]) -> tuple[list[SourceFile], list[str]]:
    """The paths split into the files this scan holds in memory and the rest (to ask git about). A file git's
    attributes mark binary (`-diff`, `binary`) is left to git, which does not search it: both ways give one answer
    (a review found a test counted with `--all` and not in the diff scope)."""
    held: dict[str, SourceFile] = ctx.cached("memory-grep:files", lambda: _searchable(ctx))
    mine: list[SourceFile] = []
    rest: list[str] = []
    for path in paths:
        source = held.get(path)
        if source is None:
            rest.append(path)
        else:
            mine.append(source)
    return mine, rest


def literal_lines(files: Sequence[SourceFile], literals: Iterable[str]) -> list[_Hit]:
    """Lines of the files that contain any of the literals, by path and line."""
    words = sorted({w for w in literals if w})
    if not words or not files:
        return []
    automaton = AhoCorasick(words)
    hits: list[_Hit] = []
    for source in files:
        text = source.text
        counted, number, end = 0, 1, -1
        for _, start, _ in automaton.find_matches_as_indexes(without_surrogates(text)):
            if start <= end:
                continue  # one hit per line
            begin = text.rfind("\n", 0, start) + 1
            number += text.count("\n", counted, begin)
            counted = begin
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            hits.append((source.path, number, text[begin:end]))
    return hits


_CHUNK = 500  # paths per `git check-attr`


def _searchable(ctx: ScanContext) -> dict[str, SourceFile]:
    """The files held, less those git's attributes make binary for `git grep -I` (asked only when the repository
    has an attributes file: `.gitattributes` anywhere, `info/attributes`, or `core.attributesFile`)."""
    files = {f.path: f for f in ctx.files}
    git = getattr(ctx.repo, "git", None)
    if git is None or not files or not _has_attributes(ctx):
        return files
    paths = sorted(files)
    for start in range(0, len(paths), _CHUNK):
        try:
            out = git("check-attr", "-z", "diff", "--", *paths[start:start + _CHUNK])
        except (OSError, ValueError, RuntimeError):
            return files  # no answer: search them all (the question only refines which lines are hits)
        fields = out.split("\0")
        for path, _, value in zip(fields[0::3], fields[1::3], fields[2::3], strict=False):
            if value == "unset":
                files.pop(path, None)
    return files


def _has_attributes(ctx: ScanContext) -> bool:
    modes = getattr(ctx.repo, "tracked_modes", None)
    tracked = modes() if modes is not None else {}
    if any(p == ".gitattributes" or p.endswith("/.gitattributes") for p in tracked):
        return True
    git_dir = getattr(ctx.repo, "git_dir", None)
    if git_dir is not None and (Path(git_dir) / "info" / "attributes").is_file():
        return True
    return any(f.path.endswith(".gitattributes") for f in ctx.files) or _configured_attributes(ctx)


def _configured_attributes(ctx: ScanContext) -> bool:
    """`core.attributesFile` is set, or git's default global attributes file exists."""
    listing = getattr(ctx.repo, "config_listing", None)
    if listing and config_value(listing, "core.attributesfile"):
        return True
    home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.isfile(os.path.join(home, "git", "attributes"))
