"""Searching the repository with `git grep`: plain-literal alternations (git runs them about ten times faster
than patterns with anchors or bracket classes), confirmed in Python on the few lines that come back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from readiness.core.scan._source.code import all_paths
from readiness.core.scan._source.memory_grep import held_files, literal_lines
from readiness.core.scan.base import ScanContext

_CHUNK = 800  # literal pathspecs per git grep call
_LITERAL_CHUNK = 100  # literals per git grep alternation
_PREFETCHED = "grep:prefetched"  # ctx.cache key: [(literals, files searched, their lines holding one)]


def grep_files(ctx: ScanContext, pattern: str, files: Iterable[str]) -> list[tuple[str, int, str]]:
    """`git grep -E pattern` restricted to the given files (literal pathspecs, in chunks)."""
    files = list(files)
    hits: list[tuple[str, int, str]] = []
    for start in range(0, len(files), _CHUNK):
        hits.extend(ctx.repo.grep(pattern, [":(literal)" + p for p in files[start:start + _CHUNK]]))
    return hits


def grep_literals(ctx: ScanContext, literals: Iterable[str], files: Iterable[str],
                  confirm: re.Pattern[str] | None = None) -> list[tuple[str, int, str]]:
    """Lines of the files containing any of the literal strings, kept when `confirm` (a Python pattern) matches.

    `git grep` runs an alternation of plain literals about ten times faster than a pattern with anchors or
    bracket classes, so the precise test is left to Python on the few lines that come back."""
    words = sorted(set(literals))
    if not words:
        return []
    held, files = held_files(ctx, files)  # the files the scan holds are searched in memory (memory_grep)
    hits = [hit for hit in literal_lines(held, words) if confirm is None or confirm.search(hit[2])]
    known = _prefetched(ctx, words, files) if files else None  # the lines `prefetch` kept
    if known is not None:
        return hits + [hit for hit in known if confirm is None or confirm.search(hit[2])]
    for start in range(0, len(words), _LITERAL_CHUNK) if files else ():
        for hit in grep_files(ctx, ere_alternation(words[start:start + _LITERAL_CHUNK]), files):
            if confirm is None or confirm.search(hit[2]):
                hits.append(hit)
    return hits


_PATTERN_CHARS = 60_000  # one git grep alternation (one argument: Linux caps it at 128 KiB)
_WORD = re.compile(r"\w+")


def grep_words(ctx: ScanContext, words: Iterable[str], files: Iterable[str]) -> set[str]:
    """Which of the words (identifiers) occur as whole words in the files. One `git grep` per 800 files and per
    60,000 characters of words, however many words: a per-60-names loop cost one call per chunk and file chunk
    (about 730 calls, three minutes, for 3,000 changed modules against 10,000 tests)."""
    wanted = sorted(set(words))
    seen: set[str] = set()
    if not wanted:
        return seen
    held, files = held_files(ctx, files)  # the files the scan holds are searched in memory (memory_grep)
    if held:
        odd = [w for w in wanted if not _WORD.fullmatch(w)]
        other = re.compile(r"(?<!\w)(" + word_alternation(odd) + r")(?!\w)") if odd else None
        for _, _, text in literal_lines(held, wanted):
            seen.update(_WORD.findall(text))
            if other is not None:
                seen.update(other.findall(text))
    if not files:
        return seen.intersection(wanted)
    known = _prefetched(ctx, wanted, files)  # the lines `prefetch` kept
    if known is not None:
        odd = [w for w in wanted if not _WORD.fullmatch(w)]
        other = re.compile(r"(?<!\w)(" + word_alternation(odd) + r")(?!\w)") if odd else None
        for _, _, text in known:
            seen.update(_WORD.findall(text))
            if other is not None:
                seen.update(other.findall(text))
        return seen.intersection(wanted)
    chunk: list[str] = []
    size = 0
    for word in [*wanted, None]:
        if word is not None and size + len(word) + 1 <= _PATTERN_CHARS:
            chunk.append(word)
            size += len(word) + 1
            continue
        if chunk:
            odd = [w for w in chunk if not _WORD.fullmatch(w)]  # `$el`, `is_ok?`: not one \w+ token
            other = re.compile(r"(?<!\w)(" + word_alternation(odd) + r")(?!\w)") if odd else None
            for _, _, text in grep_files(ctx, ere_alternation(chunk), files):
                seen.update(_WORD.findall(text))
                if other is not None:
                    seen.update(other.findall(text))
        chunk, size = ([word], len(word) + 1) if word is not None else ([], 0)
    return seen.intersection(wanted)


def prefetch(ctx: ScanContext, literals: Iterable[str], files: Iterable[str]) -> None:
    """Search `files` once for all of `literals` and keep the lines. Afterwards a `grep_literals` or `grep_words`
    whose literals (at most one alternation's worth) are all among these and whose files were all searched is
    answered from the kept lines: the lines of its files holding one of its literals, which is what its own
    `git grep` would return. A pull-request-sized scan then reads the test tree once instead of once per question
    (module names, defined names, file stems, entry points)."""
    words = sorted(set(literals))
    _, files = held_files(ctx, files)  # the files the scan holds are searched in memory anyway
    if not words or not files:
        return
    wanted = frozenset(files)
    specs = _covering(wanted, all_paths(ctx))
    lines: dict[str, dict[int, tuple[str, int, str]]] = {}
    for start in range(0, len(words), _LITERAL_CHUNK):
        pattern = ere_alternation(words[start:start + _LITERAL_CHUNK])
        for chunk in range(0, len(specs), _CHUNK):
            for hit in ctx.repo.grep(pattern, specs[chunk:chunk + _CHUNK]):
                if hit[0] in wanted:  # a folder's pathspec covers only these files; kept exact all the same
                    lines.setdefault(hit[0], {})[hit[1]] = hit  # a line holding literals of two alternations: once
    by_path = {}
    for path, rows in lines.items():
        kept = [rows[number] for number in sorted(rows)]
        by_path[path] = ("\n".join(row[2] for row in kept), kept)  # the file's kept lines, and as one text
    ctx.cache.setdefault(_PREFETCHED, []).append((frozenset(words), frozenset(files), by_path))


def _covering(files: frozenset[str], paths: Iterable[str]) -> list[str]:
    """Pathspecs for exactly `files`: a folder all of whose files (of the repository's `paths`) are among them is
    one `folder/` pathspec (git matches a few folders much faster than thousands of literal paths: django's tests
    are one `tests/`), the other files are literal paths."""
    total: dict[str, int] = {}
    ours: dict[str, int] = {}
    for path in paths:
        mine = path in files
        folder = path
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            total[folder] = total.get(folder, 0) + 1
            if mine:
                ours[folder] = ours.get(folder, 0) + 1
    folders: set[str] = set()
    specs: list[str] = []
    for path in sorted(files):
        parts = path.split("/")
        top = next((f for f in ("/".join(parts[:i]) for i in range(1, len(parts)))
                    if ours.get(f, 0) == total.get(f, -1)), None)
        if top is None:
            specs.append(":(literal)" + path)
        elif top not in folders:
            folders.add(top)
            specs.append(f":(literal){top}/")
    return specs


def _prefetched(ctx: ScanContext, words: list[str], files: list[str]) -> list[tuple[str, int, str]] | None:
    """The rows `grep_files` would give for these literals and files, from a `prefetch` that covers them: in git's
    order (per chunk of files, by path; each file's lines in order). None when no prefetch covers them."""
    if len(words) > _LITERAL_CHUNK:  # its own grep would run several alternations (and repeat lines): ask git
        return None
    for literals, searched, by_path in ctx.cache.get(_PREFETCHED, ()):
        if literals.issuperset(words) and searched.issuperset(files):
            holds = re.compile(word_alternation(words)).search  # a line holding one of the literals
            order = {path: index // _CHUNK for index, path in enumerate(files) if path in by_path}
            found: list[tuple[str, int, str]] = []
            for path in sorted(order, key=lambda p: (order[p], p.encode("utf-8", "surrogateescape"))):
                text, rows = by_path[path]
                if holds(text):  # one search rules out a file without any of the literals
                    found.extend(row for row in rows if holds(row[2]))
            return found
    return None


def grep_any(ctx: ScanContext, pattern: str, files: Iterable[str], chunk: int = _CHUNK) -> bool:
    """Whether any of the files has a line matching: stops at the first chunk with a hit."""
    files = list(files)
    return any(ctx.repo.grep(pattern, [":(literal)" + p for p in files[start:start + chunk]])
               for start in range(0, len(files), chunk))


def word_alternation(words: Iterable[str]) -> str:
    """An alternation for Python's `re`."""
    return "|".join(re.escape(w) for w in words)


_ERE_SPECIAL = re.compile(r"([.\[\]()*+?{}|^$\\])")


def ere_alternation(words: Iterable[str]) -> str:
    """The same alternation for POSIX ERE (`git grep -E`), escaping only what ERE treats as special."""
    return "|".join(_ERE_SPECIAL.sub(r"\\\1", w) for w in words)
