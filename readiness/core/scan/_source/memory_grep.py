"""`git grep` of plain literals answered from the files a scan already holds in memory.

A full scan (`check --all`) reads every source file once; searching those texts again through `git grep` costs a
process and a re-read of the whole tree per call (17 calls, about 2 s on sympy's 1,500 files). The files the scan
holds are searched here with one Aho-Corasick pass per set of literals instead; only the paths it does not hold
(files it skipped, other scopes' tests) still go to git. A line is a hit when it contains one of the literals, as
with `git grep -E 'a|b'`; hits are (path, 1-based line number, line text without its newline), like `Repository.grep`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ahocorasick_rs import AhoCorasick

from readiness.core.scan.base import ScanContext, SourceFile

_Hit = tuple[str, int, str]


def held_files(ctx: ScanContext, paths: Iterable[str]) -> tuple[list[SourceFile], list[str]]:
    """The paths split into the files this scan holds in memory and the rest (to ask git about)."""
    held: dict[str, SourceFile] = ctx.cached("memory-grep:files", lambda: {f.path: f for f in ctx.files})
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
        for _, start, _ in automaton.find_matches_as_indexes(text):
            if start <= end:
                continue  # one hit per line
            begin = text.rfind("\n", 0, start) + 1
            number += text.count("\n", counted, begin)
            counted = begin
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            hits.append((source.path, number, text[begin:end]))
    return hits
